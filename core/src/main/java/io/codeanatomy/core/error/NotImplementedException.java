package io.codeanatomy.core.error;

/** The engine does not support what was asked. */
public class NotImplementedException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public NotImplementedException(String message) {
    this(message, null);
  }

  public NotImplementedException(String message, Throwable cause) {
    super(ErrorCode.NOT_IMPLEMENTED, message, cause);
  }
}
