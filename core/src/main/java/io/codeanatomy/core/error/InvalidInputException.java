package io.codeanatomy.core.error;

/** Data or arguments passed by the caller are malformed. */
public class InvalidInputException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public InvalidInputException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
