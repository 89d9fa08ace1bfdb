package org.seiswatch.common.error;

/**
 * A data record (miniSEED, JSON message) that cannot be used. The message names what is wrong;
 * callers route the record to the dead-letter topic with that message as the reason.
 */
public class InvalidRecordException extends SeiswatchException {
  public InvalidRecordException(String message) {
    super(message);
  }

  public InvalidRecordException(String message, Throwable cause) {
    super(message, cause);
  }
}
