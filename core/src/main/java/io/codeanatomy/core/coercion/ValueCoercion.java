package io.codeanatomy.core.coercion;

import io.codeanatomy.core.internal.PythonNumbers;
import io.codeanatomy.core.text.PythonText;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.Set;

/**
 * The single home of value coercion (reference: {@code utils/value_coercion.py}). Tolerant
 * {@code coerce*} methods never throw for bad input and return an empty result; strict
 * {@code raiseFor*} methods delegate to them and throw {@link CoercionError} when the result is empty.
 *
 * <p>Settled deviations: NaN and infinite floats coerce to an empty int (the reference raises
 * {@code ValueError}/{@code OverflowError} from a tolerant function); integers outside the
 * {@code long} range coerce to empty. Sequences are {@link List}s and arrays other than
 * {@code byte[]}; text is rendered with Python's {@code str()} ({@code None}, {@code True}, {@code 1.5}).
 */
public final class ValueCoercion {
  private static final Set<String> TRUE_WORDS = Set.of("true", "1", "yes", "on");
  private static final Set<String> FALSE_WORDS = Set.of("false", "0", "no", "off");
  private static final Optional<Boolean> TRUE = Optional.of(Boolean.TRUE);
  private static final Optional<Boolean> FALSE = Optional.of(Boolean.FALSE);
  private static final BigInteger LONG_MIN = BigInteger.valueOf(Long.MIN_VALUE);
  private static final BigInteger LONG_MAX = BigInteger.valueOf(Long.MAX_VALUE);
  /** 2^63 as a double: the first value (in magnitude) a {@code long} cannot hold. */
  private static final double TWO_POW_63 = 0x1p63;

  private ValueCoercion() {}

  /**
   * {@code coerce_int}: null and booleans → empty; integers as is; floats truncated toward zero;
   * text stripped and parsed like Python {@code int()} (sign, leading zeros, {@code _} separators,
   * Unicode digits); everything else → empty.
   */
  public static OptionalLong coerceInt(Object value) {
    if (value instanceof String text) {
      return PythonNumbers.parseInt(text);
    }
    if (value instanceof BigInteger big) {
      return big.compareTo(LONG_MIN) >= 0 && big.compareTo(LONG_MAX) <= 0
          ? OptionalLong.of(big.longValue()) : OptionalLong.empty();
    }
    if (PythonText.isIntegral(value)) {
      return OptionalLong.of(((Number) value).longValue());
    }
    if (value instanceof Double || value instanceof Float) {
      double number = ((Number) value).doubleValue();
      return Double.isFinite(number) && Math.abs(number) < TWO_POW_63
          ? OptionalLong.of((long) number) : OptionalLong.empty();
    }
    return OptionalLong.empty();
  }

  /**
   * {@code coerce_float}: null and booleans → empty; numbers as doubles; text stripped and parsed
   * like Python {@code float()} ({@code 1e3}, {@code nan}, {@code inf}, {@code -0}, {@code 1_0.5}).
   */
  public static OptionalDouble coerceFloat(Object value) {
    if (value instanceof String text) {
      return PythonNumbers.parseFloat(text);
    }
    if (value instanceof Double || value instanceof Float || PythonText.isIntegral(value)) {
      double number = ((Number) value).doubleValue();
      // Python's float(int) raises OverflowError rather than returning infinity.
      return Double.isInfinite(number) && PythonText.isIntegral(value) ? OptionalDouble.empty() : OptionalDouble.of(number);
    }
    return OptionalDouble.empty();
  }

  /**
   * {@code coerce_bool}: booleans as is; integers → non-zero; text stripped and lower-cased,
   * {@code true/1/yes/on} → true, {@code false/0/no/off} → false; everything else (floats too) → empty.
   */
  public static Optional<Boolean> coerceBool(Object value) {
    if (value instanceof Boolean flag) {
      return flag ? TRUE : FALSE;
    }
    if (value instanceof BigInteger big) {
      return big.signum() != 0 ? TRUE : FALSE;
    }
    if (PythonText.isIntegral(value)) {
      return ((Number) value).longValue() != 0 ? TRUE : FALSE;
    }
    if (value instanceof String text) {
      String word = PythonText.strip(text).toLowerCase(Locale.ROOT);
      if (TRUE_WORDS.contains(word)) {
        return TRUE;
      }
      if (FALSE_WORDS.contains(word)) {
        return FALSE;
      }
    }
    return Optional.empty();
  }

  /** {@code coerce_str}: null → empty; otherwise Python's {@code str(value)} ({@code b"x"} → {@code b'x'}). */
  public static Optional<String> coerceStr(Object value) {
    return value == null ? Optional.empty() : Optional.of(PythonText.str(value));
  }

  /**
   * {@code coerce_str_list}: text → a one-element list unless blank (kept unstripped); a sequence →
   * {@code str(item)} for each item whose text is not blank ({@code null} becomes {@code "None"});
   * anything else (null, numbers, maps, sets, bytes) → empty list. The list is mutable.
   */
  public static List<String> coerceStrList(Object value) {
    List<String> result = new ArrayList<>();
    if (value instanceof String text) {
      if (!PythonText.strip(text).isEmpty()) {
        result.add(text);
      }
      return result;
    }
    for (Object item : sequenceItems(value)) {
      String text = PythonText.str(item);
      if (!PythonText.strip(text).isEmpty()) {
        result.add(text);
      }
    }
    return result;
  }

  /** {@code coerce_str_tuple}: {@link #coerceStrList} as an immutable list. */
  public static List<String> coerceStrTuple(Object value) {
    return List.copyOf(coerceStrList(value));
  }

  /**
   * {@code coerce_mapping_list}: null, text, bytes, maps and other non-sequences → empty; a sequence →
   * a list holding a copy of each {@link Map} entry (other entries dropped). Keys are rendered with
   * {@code str()} so the result is typed by name.
   */
  public static Optional<List<Map<String, Object>>> coerceMappingList(Object value) {
    if (!isSequence(value)) {
      return Optional.empty();
    }
    List<Map<String, Object>> result = new ArrayList<>();
    for (Object item : sequenceItems(value)) {
      if (item instanceof Map<?, ?> mapping) {
        Map<String, Object> copy = new LinkedHashMap<>();
        mapping.forEach((key, entry) -> copy.put(PythonText.str(key), entry));
        result.add(copy);
      }
    }
    return Optional.of(result);
  }

  /** {@code raise_for_int} without context. */
  public static long raiseForInt(Object value) {
    return raiseForInt(value, "");
  }

  /** {@code raise_for_int}: {@link #coerceInt} or {@code CoercionError(value, "int", context)}. */
  public static long raiseForInt(Object value, String context) {
    OptionalLong result = coerceInt(value);
    if (result.isEmpty()) {
      throw new CoercionError(value, "int", context);
    }
    return result.getAsLong();
  }

  /** {@code raise_for_float} without context. */
  public static double raiseForFloat(Object value) {
    return raiseForFloat(value, "");
  }

  /** {@code raise_for_float}: {@link #coerceFloat} or {@code CoercionError(value, "float", context)}. */
  public static double raiseForFloat(Object value, String context) {
    OptionalDouble result = coerceFloat(value);
    if (result.isEmpty()) {
      throw new CoercionError(value, "float", context);
    }
    return result.getAsDouble();
  }

  /** {@code raise_for_bool} without context. */
  public static boolean raiseForBool(Object value) {
    return raiseForBool(value, "");
  }

  /** {@code raise_for_bool}: {@link #coerceBool} or {@code CoercionError(value, "bool", context)}. */
  public static boolean raiseForBool(Object value, String context) {
    return coerceBool(value).orElseThrow(() -> new CoercionError(value, "bool", context));
  }

  /** {@code raise_for_str} without context. */
  public static String raiseForStr(Object value) {
    return raiseForStr(value, "");
  }

  /** {@code raise_for_str}: only null fails, with reason {@code context} or {@code "value is None"}. */
  public static String raiseForStr(Object value, String context) {
    if (value == null) {
      throw new CoercionError(null, "str", context == null || context.isEmpty() ? "value is None" : context);
    }
    return PythonText.str(value);
  }

  private static boolean isSequence(Object value) {
    return value instanceof List<?> || (value != null && value.getClass().isArray() && !(value instanceof byte[]));
  }

  private static List<?> sequenceItems(Object value) {
    if (value instanceof List<?> list) {
      return list;
    }
    if (!isSequence(value)) {
      return List.of();
    }
    List<Object> items = new ArrayList<>(Array.getLength(value));
    for (int index = 0; index < Array.getLength(value); index++) {
      items.add(Array.get(value, index));
    }
    return items;
  }
}
