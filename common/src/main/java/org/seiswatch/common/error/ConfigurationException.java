package org.seiswatch.common.error;

/** A missing or invalid setting, command-line option or input file found at startup. */
public class ConfigurationException extends SeiswatchException {
  public ConfigurationException(String message) {
    super(message);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(message, cause);
  }
}
