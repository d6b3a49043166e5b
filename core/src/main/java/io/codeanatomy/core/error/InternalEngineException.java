package io.codeanatomy.core.error;

/** An unexpected condition inside the engine (a bug); report it with the message. */
public class InternalEngineException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public InternalEngineException(ErrorCode code, String message, Throwable cause) {
    super(code, message, cause);
  }
}
