package io.codeanatomy.core.internal;

import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.text.Utf8Order;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * Python's {@code <} for the scalar values payloads hold: numbers and bools numerically, text by code
 * point, bytes bytewise; other combinations are not ordered (Python raises {@code TypeError}).
 */
final class PythonOrder {
  private PythonOrder() {}

  static int compare(Object left, Object right) {
    if (left instanceof String leftText && right instanceof String rightText) {
      return Utf8Order.INSTANCE.compare(leftText, rightText);
    }
    if (left instanceof byte[] leftBytes && right instanceof byte[] rightBytes) {
      return Arrays.compareUnsigned(leftBytes, rightBytes);
    }
    if (isNumeric(left) && isNumeric(right)) {
      return toBigDecimal(left).compareTo(toBigDecimal(right));
    }
    throw PayloadWalker.unsupported("'<' not supported between instances of '" + PythonText.typeName(left)
        + "' and '" + PythonText.typeName(right) + "'");
  }

  private static boolean isNumeric(Object value) {
    if (value instanceof Double || value instanceof Float) {
      return Double.isFinite(((Number) value).doubleValue());
    }
    return value instanceof Boolean || value instanceof Integer || value instanceof Long
        || value instanceof Short || value instanceof Byte || value instanceof BigInteger;
  }

  private static BigDecimal toBigDecimal(Object value) {
    if (value instanceof Boolean flag) {
      return flag ? BigDecimal.ONE : BigDecimal.ZERO;
    }
    if (value instanceof BigInteger big) {
      return new BigDecimal(big);
    }
    if (value instanceof Double || value instanceof Float) {
      return new BigDecimal(((Number) value).doubleValue());
    }
    return BigDecimal.valueOf(((Number) value).longValue());
  }
}
