package io.codeanatomy.engine.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import java.util.Objects;
import java.util.regex.Pattern;

/** Quoting of names and values spliced into SQL text the library generates. */
public final class SqlText {
  private static final Pattern CONFIG_KEY = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*(\\.[A-Za-z_][A-Za-z0-9_]*)+");

  private SqlText() {}

  /** A double-quoted identifier; embedded quotes are doubled, so any name is safe. */
  public static String identifier(String name) {
    Objects.requireNonNull(name, "name");
    if (name.isEmpty() || name.indexOf('\0') >= 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "invalid SQL identifier '" + name + "'", null);
    }
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  /** A single-quoted string literal; embedded quotes are doubled. */
  public static String literal(String value) {
    Objects.requireNonNull(value, "value");
    return '\'' + value.replace("'", "''") + '\'';
  }

  /** A dotted configuration key such as {@code datafusion.execution.batch_size}, checked, not quoted. */
  public static String configKey(String key) {
    Objects.requireNonNull(key, "key");
    if (!CONFIG_KEY.matcher(key).matches()) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT,
          "invalid configuration key '" + key + "' (expected dotted names like datafusion.execution.batch_size)", null);
    }
    return key;
  }
}
