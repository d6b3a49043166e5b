package io.codeanatomy.core.coercion;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.text.PythonText;

/**
 * A value could not be coerced to the requested type. The message follows the reference:
 * {@code Cannot coerce {type} to {target}} plus {@code ": {reason}"} when a reason is given, where
 * {@code type} is the Python name of the value's type ({@code str}, {@code int}, {@code NoneType}...).
 */
public class CoercionError extends InvalidInputException {
  private static final long serialVersionUID = 1L;

  private final transient Object value;
  private final String targetType;

  public CoercionError(Object value, String targetType, String reason) {
    super(ErrorCode.COERCION, message(value, targetType, reason), null);
    this.value = value;
    this.targetType = targetType;
  }

  public CoercionError(Object value, String targetType) {
    this(value, targetType, null);
  }

  private static String message(Object value, String targetType, String reason) {
    String base = "Cannot coerce " + PythonText.typeName(value) + " to " + targetType;
    return reason == null || reason.isEmpty() ? base : base + ": " + reason;
  }

  /** The value that failed to coerce. */
  public Object value() {
    return value;
  }

  /** The requested type's name ({@code int}, {@code float}, {@code bool}, {@code str}). */
  public String targetType() {
    return targetType;
  }
}
