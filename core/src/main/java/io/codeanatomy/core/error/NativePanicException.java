package io.codeanatomy.core.error;

/** The native engine panicked; the panic was contained and the JVM is unharmed. */
public class NativePanicException extends CodeAnatomyException {
  private static final long serialVersionUID = 1L;

  public NativePanicException(String message) {
    super(ErrorCode.NATIVE_PANIC, message, null);
  }
}
