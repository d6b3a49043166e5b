package io.codeanatomy.core.error;

/**
 * Root of every exception the library throws. Each carries a stable {@link ErrorCode}; the
 * subclass is determined by the code's {@link ErrorCategory}, so callers can catch either.
 */
public class CodeAnatomyException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ErrorCode errorCode;

  public CodeAnatomyException(ErrorCode errorCode, String message) {
    this(errorCode, message, null);
  }

  public CodeAnatomyException(ErrorCode errorCode, String message, Throwable cause) {
    super(message, cause);
    this.errorCode = errorCode;
  }

  public ErrorCode errorCode() {
    return errorCode;
  }

  @Override
  public String toString() {
    return getClass().getName() + ": [" + errorCode.label() + " " + errorCode.name() + "] " + getMessage();
  }

  /** The exception of the category's type for {@code code}. */
  public static CodeAnatomyException of(ErrorCode code, String message, Throwable cause) {
    return switch (code.category()) {
      case PLANNING -> new PlanningException(code, message, cause);
      case EXECUTION -> new QueryExecutionException(code, message, cause);
      case RESOURCES_EXHAUSTED -> new ResourcesExhaustedException(message, cause);
      case IO -> new EngineIOException(code, message, cause);
      case NOT_IMPLEMENTED -> new NotImplementedException(message, cause);
      case CONFIGURATION -> new ConfigurationException(message, cause);
      case INVALID_INPUT -> new InvalidInputException(code, message, cause);
      case VALIDATION -> new ValidationException(code, message, cause);
      case DELTA -> new DeltaException(code, message, cause);
      case STATE -> new EngineStateException(code, message, cause);
      case INTERNAL -> code == ErrorCode.NATIVE_PANIC
          ? new NativePanicException(message)
          : new InternalEngineException(code, message, cause);
    };
  }

  /** Entry point for the native engine, which reports an error as its number and message. */
  public static CodeAnatomyException fromNative(int number, String message, Throwable cause) {
    return of(ErrorCode.fromNumber(number), message, cause);
  }
}
