package io.codeanatomy.core.text;

import io.codeanatomy.core.fingerprint.WireValue;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Python's {@code str()}, {@code repr()}, {@code type(x).__name__}, {@code str.strip()} and {@code
 * json.dumps(value, sort_keys=True, default=str)} for Java values. The reference stringifies option
 * values, coerces to text and normalises telemetry attributes with these, and golden vectors compare
 * the results byte for byte, so the exact spelling ({@code None}, {@code True}, {@code 1e+16}, {@code
 * b'x'}, {@code ", "} separators, ASCII escaping) is part of the contract; neither {@link
 * Object#toString()} nor Jackson matches it.
 *
 * <p>Java types map onto Python ones as: {@code null} → None, {@link Boolean} → bool, {@link Byte},
 * {@link Short}, {@link Integer}, {@link Long}, {@link BigInteger} → int, {@link Float}, {@link
 * Double} → float, {@link CharSequence} → str, {@code byte[]} and {@link ByteBuffer} (its remaining
 * bytes) → bytes, {@link WireValue} → its wire value (the reference's {@code Enum.value}), {@link Map}
 * → dict, {@link Set} → set, other collections and arrays → list; anything else is an opaque object
 * whose {@code str()} is its {@link Object#toString()}.
 */
public final class PythonText {
  private PythonText() {}

  /** {@code str(value)}. */
  public static String str(Object value) {
    return value instanceof CharSequence text ? text.toString() : repr(value);
  }

  /**
   * {@code str(PurePosixPath(path))}: {@code .} segments and repeated or trailing separators are
   * dropped, {@code ..} is kept (Python does not resolve it), an empty path is {@code "."}. Java's
   * {@link java.nio.file.Path#toString()} keeps {@code .} segments, so fingerprints of paths would
   * otherwise differ from the reference.
   */
  public static String pathStr(java.nio.file.Path path) {
    String text = path.toString().replace(path.getFileSystem().getSeparator(), "/");
    StringJoiner parts = new StringJoiner("/", text.startsWith("/") ? "/" : "", "");
    for (String part : text.split("/")) {
      if (!part.isEmpty() && !part.equals(".")) {
        parts.add(part);
      }
    }
    String result = parts.toString();
    return result.isEmpty() ? "." : result;
  }

  /** {@code repr(value)}. */
  public static String repr(Object value) {
    if (value == null) {
      return "None";
    }
    if (value instanceof Boolean flag) {
      return flag ? "True" : "False";
    }
    if (isIntegral(value)) {
      return value.toString();
    }
    if (value instanceof Double || value instanceof Float) {
      return FloatDigits.pythonRepr(((Number) value).doubleValue());
    }
    if (value instanceof CharSequence text) {
      return quote(text.toString());
    }
    byte[] bytes = bytesOf(value);
    if (bytes != null) {
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
      return set.isEmpty() ? "set()" : join(set, "{", "}");
    }
    List<Object> items = sequenceItems(value);
    return items != null ? join(items, "[", "]") : value.toString();
  }

  private static String join(Collection<?> items, String open, String close) {
    StringJoiner joiner = new StringJoiner(", ", open, close);
    items.forEach(item -> joiner.add(repr(item)));
    return joiner.toString();
  }

  /**
   * {@code type(value).__name__}. Only {@link String} is named {@code str} and only {@code byte[]}
   * {@code bytes}: core's coercion and payload code accept no other text or bytes types, so their
   * rejection messages name the class that was actually passed.
   */
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
    if (isIntegral(value)) {
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

  /** The Java types that stand for Python {@code int}. */
  public static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger;
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

  /** Python {@code json.dumps(value, sort_keys=True, default=str)}. */
  public static String jsonDumps(Object value) {
    StringBuilder out = new StringBuilder();
    appendJson(out, value);
    return out.toString();
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

  private static void appendJson(StringBuilder out, Object value) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Boolean flag) {
      out.append(flag ? "true" : "false");
    } else if (isIntegral(value)) {
      out.append(value);
    } else if (value instanceof Double || value instanceof Float) {
      out.append(jsonFloat(((Number) value).doubleValue()));
    } else if (value instanceof CharSequence text) {
      appendJsonString(out, text.toString());
    } else if (value instanceof Map<?, ?> map) {
      appendJsonObject(out, map);
    } else {
      List<Object> items = sequenceItems(value);
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
