package io.codeanatomy.core.error;

/** A memory or spill budget was exceeded; the query was stopped and the process is unharmed. */
public class ResourcesExhaustedException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public ResourcesExhaustedException(String message, Throwable cause) {
    super(ErrorCode.RESOURCES_EXHAUSTED, message, cause);
  }
}
