package io.codeanatomy.core.error;

/** Reading or writing files or object stores failed. */
public class EngineIOException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public EngineIOException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
