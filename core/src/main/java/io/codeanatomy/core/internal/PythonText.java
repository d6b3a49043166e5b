package io.codeanatomy.core.internal;

import io.codeanatomy.core.fingerprint.WireValue;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.util.Collection;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Python's {@code str()}, {@code repr()}, {@code type(x).__name__} and {@code str.strip()} for Java
 * values. The reference stringifies option values and coerces to text with these, so the exact
 * spelling ({@code None}, {@code True}, {@code 1e+16}, {@code b'x'}) is part of the contract.
 */
public final class PythonText {
  private PythonText() {}

  /** {@code str(value)}; sequences render like Python lists, {@link WireValue} enums as their wire value. */
  public static String str(Object value) {
    return value instanceof String text ? text : repr(value);
  }

  /** {@code repr(value)}. */
  public static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof String text) {
      return quote(text);
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (value instanceof Double || value instanceof Float) {
      return FloatDigits.pythonRepr(((Number) value).doubleValue());
    }
    if (value instanceof Number number && isIntegral(number)) {
      return number.toString();
    }
    if (value instanceof byte[] bytes) {
      return bytesRepr(bytes);
    }
    if (value instanceof WireValue wire) {
      return wire.wireValue();
    }
    if (value instanceof Map<?, ?> map) {
      StringJoiner joiner = new StringJoiner(", ", "{", "}");
      map.forEach((key, item) -> joiner.add(repr(key) + ": " + repr(item)));
      return joiner.toString();
    }
    if (value instanceof Set<?> set) {
      return set.isEmpty() ? "set()" : join(set.iterator(), "{", "}");
    }
    if (value instanceof Collection<?> items) {
      return join(items.iterator(), "[", "]");
    }
    if (value.getClass().isArray()) {
      StringJoiner joiner = new StringJoiner(", ", "[", "]");
      for (int index = 0; index < Array.getLength(value); index++) {
        joiner.add(repr(Array.get(value, index)));
      }
      return joiner.toString();
    }
    return value.toString();
  }

  private static String join(Iterator<?> items, String open, String close) {
    StringJoiner joiner = new StringJoiner(", ", open, close);
    items.forEachRemaining(item -> joiner.add(repr(item)));
    return joiner.toString();
  }

  /** {@code type(value).__name__} for the Java types that stand in for Python ones. */
  public static String typeName(Object value) {
    if (value == null) {
      return "NoneType";
    }
    if (value instanceof String) {
      return "str";
    }
    if (value instanceof Boolean) {
      return "bool";
    }
    if (value instanceof Double || value instanceof Float) {
      return "float";
    }
    if (value instanceof Number number && isIntegral(number)) {
      return "int";
    }
    if (value instanceof byte[]) {
      return "bytes";
    }
    if (value instanceof Map) {
      return "dict";
    }
    if (value instanceof Set) {
      return "set";
    }
    if (value instanceof Collection || value.getClass().isArray()) {
      return "list";
    }
    return value.getClass().getSimpleName();
  }

  /** Integer (not floating-point) number types. */
  public static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger;
  }

  /** {@code str.strip()}: removes Python whitespace ({@code str.isspace}) from both ends. */
  public static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && isSpace(text.charAt(start))) {
      start++;
    }
    while (end > start && isSpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Python's {@code isspace}: Java's whitespace plus the no-break spaces and NEL. */
  public static boolean isSpace(char ch) {
    return Character.isWhitespace(ch) || ch == '\u0085' || ch == '\u00a0' || ch == '\u2007' || ch == '\u202f';
  }

  private static String quote(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints().forEach(cp -> {
      if (cp == quote || cp == '\\') {
        out.append('\\').appendCodePoint(cp);
      } else if (cp == '\t') {
        out.append("\\t");
      } else if (cp == '\n') {
        out.append("\\n");
      } else if (cp == '\r') {
        out.append("\\r");
      } else if (isPrintable(cp)) {
        out.appendCodePoint(cp);
      } else if (cp < 0x100) {
        out.append(String.format("\\x%02x", cp));
      } else if (cp < 0x10000) {
        out.append(String.format("\\u%04x", cp));
      } else {
        out.append(String.format("\\U%08x", cp));
      }
    });
    return out.append(quote).toString();
  }

  /** Python's {@code str.isprintable} per character: not a control, format, surrogate, unassigned or separator (bar space). */
  private static boolean isPrintable(int cp) {
    if (cp == ' ') {
      return true;
    }
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
          Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
      default -> true;
    };
  }

  private static String bytesRepr(byte[] bytes) {
    boolean hasSingle = false;
    boolean hasDouble = false;
    for (byte b : bytes) {
      hasSingle |= b == '\'';
      hasDouble |= b == '"';
    }
    char quote = hasSingle && !hasDouble ? '"' : '\'';
    StringBuilder out = new StringBuilder(bytes.length + 3).append('b').append(quote);
    for (byte b : bytes) {
      int value = b & 0xff;
      if (value == quote || value == '\\') {
        out.append('\\').append((char) value);
      } else if (value == '\t') {
        out.append("\\t");
      } else if (value == '\n') {
        out.append("\\n");
      } else if (value == '\r') {
        out.append("\\r");
      } else if (value < 0x20 || value >= 0x7f) {
        out.append(String.format("\\x%02x", value));
      } else {
        out.append((char) value);
      }
    }
    return out.append(quote).toString();
  }
}
