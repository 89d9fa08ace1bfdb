package org.seiswatch.common.error;

/**
 * Root of every exception Seiswatch throws on purpose; subclasses say which kind of input was bad.
 */
public class SeiswatchException extends RuntimeException {
  public SeiswatchException(String message) {
    super(message);
  }

  public SeiswatchException(String message, Throwable cause) {
    super(message, cause);
  }
}
