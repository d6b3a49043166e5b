package io.codeanatomy.telemetry.internal;

import io.codeanatomy.core.internal.FloatDigits;
import io.codeanatomy.core.internal.Utf8Order;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The text forms the reference's attribute normalisation produces with Python's {@code str()} and
 * {@code json.dumps(value, sort_keys=True, default=str)}. Hand-written because the golden vectors
 * compare these texts byte for byte and neither {@link Object#toString()} nor Jackson matches
 * Python's separators ({@code ", "}, {@code ": "}), ASCII escaping or float repr.
 *
 * <p>Java types map onto Python ones as: {@code null} → None, {@link Boolean} → bool, {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger} → int, {@link Float}, {@link
 * Double} → float, {@link CharSequence} → str, {@code byte[]} and {@link ByteBuffer} → bytes,
 * {@link Map} → dict, {@link Set} → set, other collections and arrays → list; anything else is an
 * opaque object whose {@code str()} is {@link String#valueOf(Object)}.
 */
public final class PythonText {
  private PythonText() {}

  /** Python {@code str(value)}. */
  public static String str(Object value) {
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    return repr(value);
  }

  /** Python {@code repr(value)}; for opaque objects, {@link String#valueOf(Object)}. */
  public static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (isInteger(value)) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return FloatDigits.pythonRepr(((Number) value).doubleValue());
    }
    if (value instanceof CharSequence text) {
      return stringRepr(text.toString());
    }
    byte[] bytes = bytesOf(value);
    if (bytes != null) {
      return bytesRepr(bytes);
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder out = new StringBuilder("{");
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (out.length() > 1) {
          out.append(", ");
        }
        out.append(repr(entry.getKey())).append(": ").append(repr(entry.getValue()));
      }
      return out.append('}').toString();
    }
    if (value instanceof Set<?> set) {
      return set.isEmpty() ? "set()" : joinRepr(set, '{', '}');
    }
    List<Object> items = sequenceItems(value);
    if (items != null) {
      return joinRepr(items, '[', ']');
    }
    return String.valueOf(value);
  }

  /** Python {@code json.dumps(value, sort_keys=True, default=str)}. */
  public static String jsonDumps(Object value) {
    StringBuilder out = new StringBuilder();
    appendJson(out, value);
    return out.toString();
  }

  /** True for the Java types that stand for Python {@code int}. */
  private static boolean isInteger(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte || value instanceof BigInteger;
  }

  /** The bytes of a {@code byte[]} or {@link ByteBuffer} (its remaining bytes), else null. */
  public static byte[] bytesOf(Object value) {
    if (value instanceof byte[] bytes) {
      return bytes;
    }
    if (value instanceof ByteBuffer buffer) {
      byte[] copy = new byte[buffer.remaining()];
      buffer.duplicate().get(copy);
      return copy;
    }
    return null;
  }

  /** True for a value Python would treat as a non-string sequence (see {@link #sequenceItems}). */
  public static boolean isSequence(Object value) {
    return (value instanceof Collection<?> && !(value instanceof Set<?>))
        || (value != null && value.getClass().isArray() && !(value instanceof byte[]));
  }

  /**
   * The items of a value Python would treat as a non-string sequence (a non-set collection or an
   * array other than {@code byte[]}), else null.
   */
  public static List<Object> sequenceItems(Object value) {
    if (!isSequence(value)) {
      return null;
    }
    if (value instanceof Collection<?> collection) {
      return new ArrayList<>(collection);
    }
    int length = Array.getLength(value);
    List<Object> items = new ArrayList<>(length);
    for (int index = 0; index < length; index++) {
      items.add(Array.get(value, index));
    }
    return items;
  }

  private static String joinRepr(Iterable<?> items, char open, char close) {
    StringBuilder out = new StringBuilder().append(open);
    boolean first = true;
    for (Object item : items) {
      if (!first) {
        out.append(", ");
      }
      out.append(repr(item));
      first = false;
    }
    return out.append(close).toString();
  }

  private static String stringRepr(String text) {
    char quote = text.indexOf('\'') >= 0 && text.indexOf('"') < 0 ? '"' : '\'';
    StringBuilder out = new StringBuilder(text.length() + 2).append(quote);
    text.codePoints().forEach(codePoint -> {
      if (codePoint == quote || codePoint == '\\') {
        out.append('\\').appendCodePoint(codePoint);
      } else if (codePoint == '\t') {
        out.append("\\t");
      } else if (codePoint == '\n') {
        out.append("\\n");
      } else if (codePoint == '\r') {
        out.append("\\r");
      } else if (isPrintable(codePoint)) {
        out.appendCodePoint(codePoint);
      } else if (codePoint <= 0xff) {
        out.append(String.format("\\x%02x", codePoint));
      } else if (codePoint <= 0xffff) {
        out.append(String.format("\\u%04x", codePoint));
      } else {
        out.append(String.format("\\U%08x", codePoint));
      }
    });
    return out.append(quote).toString();
  }

  /** Python's {@code str.isprintable()} for one code point. */
  private static boolean isPrintable(int codePoint) {
    if (codePoint == ' ') {
      return true;
    }
    return switch (Character.getType(codePoint)) {
      case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
          Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
          Character.SPACE_SEPARATOR -> false;
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
      int unsigned = b & 0xff;
      if (unsigned == quote || unsigned == '\\') {
        out.append('\\').append((char) unsigned);
      } else if (unsigned == '\t') {
        out.append("\\t");
      } else if (unsigned == '\n') {
        out.append("\\n");
      } else if (unsigned == '\r') {
        out.append("\\r");
      } else if (unsigned >= 0x20 && unsigned < 0x7f) {
        out.append((char) unsigned);
      } else {
        out.append(String.format("\\x%02x", unsigned));
      }
    }
    return out.append(quote).toString();
  }

  private static void appendJson(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean flag) {
      out.append(flag ? "true" : "false");
    } else if (isInteger(value)) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      out.append(jsonFloat(((Number) value).doubleValue()));
    } else if (value instanceof CharSequence text) {
      appendJsonString(out, text.toString());
    } else if (value instanceof Map<?, ?> map) {
      appendJsonObject(out, map);
    } else {
      List<Object> items = value instanceof Set<?> ? null : sequenceItems(value);
      if (items == null) {
        // json.dumps(default=str): sets, bytes and opaque objects are written as their str().
        appendJsonString(out, str(value));
        return;
      }
      out.append('[');
      for (int index = 0; index < items.size(); index++) {
        if (index > 0) {
          out.append(", ");
        }
        appendJson(out, items.get(index));
      }
      out.append(']');
    }
  }

  private static void appendJsonObject(StringBuilder out, Map<?, ?> map) {
    List<Map.Entry<String, Object>> entries = new ArrayList<>(map.size());
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      entries.add(new AbstractMap.SimpleImmutableEntry<>(jsonKey(entry.getKey()), entry.getValue()));
    }
    entries.sort(Map.Entry.comparingByKey(Utf8Order.INSTANCE));
    out.append('{');
    for (int index = 0; index < entries.size(); index++) {
      if (index > 0) {
        out.append(", ");
      }
      appendJsonString(out, entries.get(index).getKey());
      out.append(": ");
      appendJson(out, entries.get(index).getValue());
    }
    out.append('}');
  }

  /**
   * JSON object keys as Python converts them: str as is, True/False/None as JSON literals, numbers
   * by repr. Python rejects other key types; here they fall back to their str() so a diagnostics
   * payload never fails to serialise.
   */
  private static String jsonKey(Object key) {
    if (key instanceof Boolean flag) {
      return flag ? "true" : "false";
    }
    if (key == null) {
      return "null";
    }
    if (key instanceof Double || key instanceof Float) {
      return jsonFloat(((Number) key).doubleValue());
    }
    return str(key);
  }

  private static String jsonFloat(double value) {
    if (Double.isNaN(value)) {
      return "NaN";
    }
    if (Double.isInfinite(value)) {
      return value > 0 ? "Infinity" : "-Infinity";
    }
    return FloatDigits.pythonRepr(value);
  }

  private static void appendJsonString(StringBuilder out, String text) {
    out.append('"');
    for (int index = 0; index < text.length(); index++) {
      char c = text.charAt(index);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\b' -> out.append("\\b");
        case '\f' -> out.append("\\f");
        default -> {
          if (c >= 0x20 && c < 0x7f) {
            out.append(c);
          } else {
            out.append(String.format("\\u%04x", (int) c));
          }
        }
      }
    }
    out.append('"');
  }
}
