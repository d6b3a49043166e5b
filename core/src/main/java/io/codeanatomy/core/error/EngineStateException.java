package io.codeanatomy.core.error;

/** An object was used after it was closed, or its query was cancelled. */
public class EngineStateException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public EngineStateException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
