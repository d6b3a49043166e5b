package io.codeanatomy.core.error;

/** A setting, option or profile value is invalid; the message names it. */
public class ConfigurationException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public ConfigurationException(String message) {
    this(message, null);
  }

  public ConfigurationException(String message, Throwable cause) {
    super(ErrorCode.CONFIGURATION, message, cause);
  }
}
