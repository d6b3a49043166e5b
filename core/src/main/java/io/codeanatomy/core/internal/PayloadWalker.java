package io.codeanatomy.core.internal;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.fingerprint.WireValue;
import io.codeanatomy.core.text.FloatDigits;
import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.text.Utf8Order;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.math.BigInteger;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Walks a payload value, applies one of the reference's normalisations ({@link PayloadRules}) and
 * feeds the result to a {@link PayloadSink}. Keeping the rules here means the MessagePack and JSON
 * encodings cannot drift apart.
 */
public final class PayloadWalker {
  private static final BigInteger UINT64_MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
  private static final BigInteger INT64_MIN = BigInteger.valueOf(Long.MIN_VALUE);

  private final PayloadRules rules;
  private final PayloadSink sink;

  private PayloadWalker(PayloadRules rules, PayloadSink sink) {
    this.rules = rules;
    this.sink = sink;
  }

  /** MessagePack bytes of {@code value} under {@code rules}. */
  public static byte[] msgpack(Object value, PayloadRules rules) {
    MsgpackSink sink = new MsgpackSink();
    walk(value, rules, sink);
    return sink.toByteArray();
  }

  /** Compact JSON (msgspec layout) or stdlib {@code json.dumps} text of {@code value}, as UTF-8. */
  public static byte[] json(Object value, PayloadRules rules) {
    JsonSink sink = new JsonSink(rules == PayloadRules.STDLIB_JSON || rules == PayloadRules.STDLIB_JSON_SORTED
        ? JsonSink.Style.STDLIB : JsonSink.Style.MSGSPEC);
    walk(value, rules, sink);
    return sink.toByteArray();
  }

  private static void walk(Object value, PayloadRules rules, PayloadSink sink) {
    try {
      new PayloadWalker(rules, sink).write(value);
    } catch (IOException e) {
      // Both sinks write to memory; an IOException here is a bug, not an input problem.
      throw new UncheckedIOException(e);
    }
  }

  private void write(Object value) throws IOException {
    if (value == null) {
      sink.nil();
    } else if (value instanceof String text) {
      sink.text(text);
    } else if (value instanceof Boolean flag) {
      sink.bool(flag);
    } else if (isIntegral(value)) {
      writeInteger((Number) value);
    } else if (value instanceof Double || value instanceof Float) {
      sink.float64(((Number) value).doubleValue());
    } else if (value instanceof byte[] bytes) {
      writeBytes(bytes);
    } else if (value instanceof WireValue wire && rules.enumsAsValues) {
      sink.text(wire.wireValue());
    } else if (value instanceof FingerprintableConfig config) {
      sink.text(config.fingerprint());
    } else if (value instanceof Path path && rules.pathAsText) {
      sink.text(PythonText.pathStr(path));
    } else if (value instanceof Map<?, ?> map) {
      writeMap(map);
    } else if (value instanceof Set<?> set && rules.sets != PayloadRules.SetHandling.ITERATION_ORDER) {
      writeSortedSet(set);
    } else if (value instanceof Collection<?> items) {
      sink.startArray(items.size());
      for (Object item : items) {
        write(item);
      }
      sink.endArray();
    } else if (value.getClass().isArray()) {
      int length = Array.getLength(value);
      sink.startArray(length);
      for (int index = 0; index < length; index++) {
        write(Array.get(value, index));
      }
      sink.endArray();
    } else {
      throw unsupported("Unsupported payload value of type " + value.getClass().getName());
    }
  }

  private static boolean isIntegral(Object value) {
    return value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte
        || value instanceof BigInteger;
  }

  private void writeInteger(Number number) throws IOException {
    if (number instanceof BigInteger big) {
      boolean msgpack = sink instanceof MsgpackSink;
      if (msgpack && (big.compareTo(INT64_MIN) < 0 || big.compareTo(UINT64_MAX) > 0)) {
        throw unsupported("can't serialize ints < -2**63 or > 2**64 - 1: " + big);
      }
      sink.integer(big);
    } else {
      sink.integer(number.longValue());
    }
  }

  private void writeBytes(byte[] bytes) throws IOException {
    switch (rules.bytes) {
      case RAW -> sink.bytes(bytes);
      case BASE64 -> sink.text(Base64.getEncoder().encodeToString(bytes));
      case REJECTED -> throw unsupported("Object of type bytes is not JSON serializable");
    }
  }

  private void writeMap(Map<?, ?> map) throws IOException {
    if (rules.keys == PayloadRules.KeyHandling.ANY_VALUE) {
      sink.startMap(map.size());
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        write(entry.getKey());
        write(entry.getValue());
      }
      sink.endMap();
      return;
    }
    if (rules.keys == PayloadRules.KeyHandling.STDLIB_JSON) {
      writeStdlibJsonMap(map);
      return;
    }
    // A later entry wins when two keys normalise to the same text, as in the reference's dict rebuild.
    TreeMap<String, Object> sorted = new TreeMap<>(Utf8Order.INSTANCE);
    for (Map.Entry<?, ?> entry : map.entrySet()) {
      sorted.put(keyText(entry.getKey()), entry.getValue());
    }
    writeEntries(sorted.entrySet(), sorted.size());
  }

  /** {@code json.dumps} sorts the original keys (Python ordering), then renders each as text. */
  private void writeStdlibJsonMap(Map<?, ?> map) throws IOException {
    List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
    if (rules.sortKeys) {
      entries.sort((left, right) -> PythonOrder.compare(left.getKey(), right.getKey()));
    }
    sink.startMap(entries.size());
    for (Map.Entry<?, ?> entry : entries) {
      sink.key(stdlibJsonKey(entry.getKey()));
      write(entry.getValue());
    }
    sink.endMap();
  }

  private void writeEntries(Collection<Map.Entry<String, Object>> entries, int size) throws IOException {
    sink.startMap(size);
    for (Map.Entry<String, Object> entry : entries) {
      sink.key(entry.getKey());
      write(entry.getValue());
    }
    sink.endMap();
  }

  private String keyText(Object key) {
    if (key instanceof String text) {
      return text;
    }
    boolean builtin = rules.keys == PayloadRules.KeyHandling.BUILTIN_STR_KEYS
        || rules.keys == PayloadRules.KeyHandling.BUILTIN;
    if (builtin && key instanceof byte[] bytes) {
      return Base64.getEncoder().encodeToString(bytes);
    }
    if (builtin && key instanceof WireValue wire) {
      return wire.wireValue();
    }
    if (rules.keys == PayloadRules.KeyHandling.BUILTIN_STR_KEYS) {
      if (isIntegral(key)) {
        return key.toString();
      }
      if (key instanceof Double || key instanceof Float) {
        return FloatDigits.pythonRepr(((Number) key).doubleValue());
      }
      throw unsupported("Only dicts with str-like or number-like keys are supported (key of type "
          + PythonText.typeName(key) + ")");
    }
    throw unsupported("Only dicts with str keys are supported when `order` is not `None` (key of type "
        + PythonText.typeName(key) + ")");
  }

  private static String stdlibJsonKey(Object key) {
    if (key instanceof String text) {
      return text;
    }
    if (key == null) {
      return "null";
    }
    if (key instanceof Boolean flag) {
      return flag ? "true" : "false";
    }
    if (isIntegral(key)) {
      return key.toString();
    }
    if (key instanceof Double || key instanceof Float) {
      return JsonSink.stdlibFloat(((Number) key).doubleValue());
    }
    throw unsupported("keys must be str, int, float, bool or None, not " + PythonText.typeName(key));
  }

  private void writeSortedSet(Set<?> set) throws IOException {
    if (rules.sets == PayloadRules.SetHandling.REJECTED) {
      throw unsupported("Object of type set is not JSON serializable");
    }
    // The reference sorts the original items (bytes bytewise), then converts each one.
    Object[] items = set.toArray();
    Arrays.sort(items, PythonOrder::compare);
    sink.startArray(items.length);
    for (Object item : items) {
      write(item);
    }
    sink.endArray();
  }

  static InvalidInputException unsupported(String message) {
    return new InvalidInputException(ErrorCode.INVALID_ARGUMENT, message, null);
  }
}
