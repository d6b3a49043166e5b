package io.codeanatomy.core.policy;

import io.codeanatomy.core.error.ConfigurationException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Field checks shared by every policy, so constraints such as the reference's {@code ColumnName}
 * ({@code ^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$}), {@code PositiveInt}, {@code NonNegInt} and
 * {@code PositiveFloat} are defined once. Failures throw {@link ConfigurationException} naming the field.
 */
public final class PolicyChecks {
  private static final Pattern COLUMN_NAME = Pattern.compile("^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$");

  private PolicyChecks() {}

  public static <T> T required(String field, T value) {
    if (value == null) {
      throw new ConfigurationException(field + " is required");
    }
    return value;
  }

  /** A value of at least 1, or null when {@code value} is null. */
  public static <N extends Number> N positiveOrNull(String field, N value) {
    if (value != null && value.longValue() < 1) {
      throw new ConfigurationException(field + " must be >= 1, got " + value);
    }
    return value;
  }

  /** A value of at least 0, or null when {@code value} is null. */
  public static <N extends Number> N nonNegativeOrNull(String field, N value) {
    if (value != null && value.longValue() < 0) {
      throw new ConfigurationException(field + " must be >= 0, got " + value);
    }
    return value;
  }

  public static long nonNegative(String field, long value) {
    if (value < 0) {
      throw new ConfigurationException(field + " must be >= 0, got " + value);
    }
    return value;
  }

  /** A finite value greater than 0, or null when {@code value} is null. */
  public static Double positiveFloatOrNull(String field, Double value) {
    if (value != null && !(Double.isFinite(value) && value > 0)) {
      throw new ConfigurationException(field + " must be a finite number > 0, got " + value);
    }
    return value;
  }

  /** A finite value of at least 0, or null when {@code value} is null. */
  public static Double nonNegativeFloatOrNull(String field, Double value) {
    if (value != null && !(Double.isFinite(value) && value >= 0)) {
      throw new ConfigurationException(field + " must be a finite number >= 0, got " + value);
    }
    return value;
  }

  public static String columnName(String field, String value) {
    if (value == null || !COLUMN_NAME.matcher(value).matches()) {
      throw new ConfigurationException(field + " must be a column name of 1-128 characters matching "
          + COLUMN_NAME.pattern() + ", got " + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }

  /** An immutable copy in which every element is a valid column name. */
  public static List<String> columnNames(String field, Collection<String> values) {
    List<String> copy = new ArrayList<>();
    int index = 0;
    for (String value : required(field, values)) {
      copy.add(columnName(field + "[" + index++ + "]", value));
    }
    return Collections.unmodifiableList(copy);
  }

  /** An immutable copy, rejecting null elements. */
  public static <T> List<T> listOf(String field, Collection<? extends T> values) {
    List<T> copy = new ArrayList<>();
    int index = 0;
    for (T value : required(field, values)) {
      copy.add(required(field + "[" + index++ + "]", value));
    }
    return Collections.unmodifiableList(copy);
  }

  /** An immutable copy keeping order, rejecting null keys and values. */
  public static <K, V> Map<K, V> mapOf(String field, Map<? extends K, ? extends V> values) {
    Map<K, V> copy = new LinkedHashMap<>();
    required(field, values).forEach((key, value) -> copy.put(required(field + " key", key),
        required(field + "[" + key + "]", value)));
    return Collections.unmodifiableMap(copy);
  }

  public static String oneOf(String field, String value, Collection<String> allowed) {
    if (!allowed.contains(value)) {
      throw new ConfigurationException(field + " must be one of " + allowed + ", got "
          + (value == null ? "null" : "'" + value + "'"));
    }
    return value;
  }
}
