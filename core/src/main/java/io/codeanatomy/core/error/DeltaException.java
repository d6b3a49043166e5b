package io.codeanatomy.core.error;

/** A Delta Lake table operation failed; the message names the table and version. */
public class DeltaException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public DeltaException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
