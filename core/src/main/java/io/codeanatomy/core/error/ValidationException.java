package io.codeanatomy.core.error;

/** Data failed validation against a schema or constraints. */
public class ValidationException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public ValidationException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
