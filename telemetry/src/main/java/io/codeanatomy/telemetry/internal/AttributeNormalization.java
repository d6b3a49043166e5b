package io.codeanatomy.telemetry.internal;

import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.text.Utf8Order;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The normalisation algorithm of {@link io.codeanatomy.telemetry.AttributeNormalizer} for one set of
 * limits. Values are normalised straight into an {@link AttributesBuilder}, whose last put wins for a
 * repeated key, so the metric emit path merges base, caller and run-id attributes without building an
 * intermediate map; the count limit applies once the builder has resolved the duplicates.
 */
public final class AttributeNormalization {
  /** The value that replaces a redacted attribute. */
  public static final String REDACTED = "[redacted]";

  /** Bounds {@link #keyFacts}; attribute keys come from a small vocabulary, so this is rarely reached. */
  private static final int MAX_REMEMBERED_KEYS = 1024;

  private final String[] redactKeys;
  private final Integer countLimit;
  private final Integer lengthLimit;
  /**
   * Per-key redaction verdict and string key, remembered because every record call would otherwise
   * lower-case and substring-scan each key and allocate its {@link AttributeKey} again.
   */
  private final ConcurrentHashMap<String, KeyFacts> keyFacts = new ConcurrentHashMap<>();

  private record KeyFacts(boolean redacted, AttributeKey<String> stringKey) {}

  /**
   * @param redactKeys lower-cased substrings whose keys are redacted
   * @param countLimit null for none
   * @param lengthLimit null for none
   */
  public AttributeNormalization(List<String> redactKeys, Integer countLimit, Integer lengthLimit) {
    this.redactKeys = redactKeys.toArray(String[]::new);
    this.countLimit = countLimit;
    this.lengthLimit = lengthLimit;
  }

  /** The whole of {@code normalize_attributes}. */
  public Attributes normalize(Map<String, ?> attributes) {
    if (attributes == null || attributes.isEmpty()) {
      return Attributes.empty();
    }
    AttributesBuilder builder = Attributes.builder();
    putAll(builder, attributes);
    return build(builder);
  }

  /** Normalises each non-null entry into {@code builder}. */
  public void putAll(AttributesBuilder builder, Map<String, ?> attributes) {
    if (attributes != null) {
      attributes.forEach((key, value) -> put(builder, key, value));
    }
  }

  /** Normalises one entry into {@code builder}; a null value is skipped. */
  public void put(AttributesBuilder builder, String rawKey, Object value) {
    if (value == null) {
      return;
    }
    String key = rawKey != null ? rawKey : PythonText.str(null);
    KeyFacts facts = factsOf(key);
    if (facts.redacted()) {
      builder.put(facts.stringKey(), truncate(REDACTED));
    } else if (value instanceof String text) {
      builder.put(facts.stringKey(), truncate(text));
    } else if (value instanceof Boolean flag) {
      builder.put(key, flag);
    } else if (isInt(value)) {
      builder.put(key, ((Number) value).longValue());
    } else if (isFloat(value)) {
      builder.put(key, ((Number) value).doubleValue());
    } else if (value instanceof CharSequence text) {
      builder.put(key, truncate(text.toString()));
    } else if (PythonText.bytesOf(value) != null) {
      builder.put(key, truncate(HexFormat.of().formatHex(PythonText.bytesOf(value))));
    } else if (value instanceof Map<?, ?>) {
      builder.put(key, truncate(PythonText.jsonDumps(value)));
    } else {
      List<Object> items = PythonText.sequenceItems(value);
      if (items != null) {
        putSequence(builder, key, items);
      } else {
        builder.put(key, truncate(PythonText.str(value)));
      }
    }
  }

  /**
   * The built attributes under the count limit: none for a limit ≤ 0, else the first {@code limit}
   * keys in (UTF-8 byte) key order.
   */
  public Attributes build(AttributesBuilder builder) {
    if (countLimit != null && countLimit <= 0) {
      return Attributes.empty();
    }
    Attributes attributes = builder.build();
    if (countLimit == null || attributes.size() <= countLimit) {
      return attributes;
    }
    List<AttributeKey<?>> keys = new ArrayList<>(attributes.asMap().keySet());
    keys.sort((left, right) -> Utf8Order.INSTANCE.compare(left.getKey(), right.getKey()));
    AttributesBuilder limited = Attributes.builder();
    for (AttributeKey<?> key : keys.subList(0, countLimit)) {
      putTyped(limited, key, attributes.get(key));
    }
    return limited.build();
  }

  @SuppressWarnings("unchecked")
  private static <T> void putTyped(AttributesBuilder builder, AttributeKey<T> key, Object value) {
    builder.put(key, (T) value);
  }

  private KeyFacts factsOf(String key) {
    KeyFacts facts = keyFacts.get(key);
    if (facts == null) {
      facts = new KeyFacts(isRedacted(key), AttributeKey.stringKey(key));
      if (keyFacts.size() < MAX_REMEMBERED_KEYS) {
        keyFacts.put(key, facts);
      }
    }
    return facts;
  }

  private boolean isRedacted(String key) {
    String lowered = key.toLowerCase(Locale.ROOT);
    for (String part : redactKeys) {
      if (lowered.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** {@code _normalize_sequence}: a homogeneous typed array, else an array of strings. */
  private void putSequence(AttributesBuilder builder, String key, List<Object> rawItems) {
    List<Object> items = new ArrayList<>(rawItems.size());
    boolean allBool = true;
    boolean allInt = true;
    boolean allNumber = true;
    for (Object raw : rawItems) {
      if (raw == null) {
        continue;
      }
      Object item = isScalar(raw) ? raw : PythonText.str(raw);
      items.add(item);
      allBool &= item instanceof Boolean;
      allInt &= isInt(item);
      allNumber &= isInt(item) || isFloat(item);
    }
    if (items.isEmpty()) {
      builder.put(AttributeKey.stringArrayKey(key), List.of());
    } else if (allBool) {
      builder.put(AttributeKey.booleanArrayKey(key), items.stream().map(Boolean.class::cast).toList());
    } else if (allInt) {
      builder.put(AttributeKey.longArrayKey(key), items.stream().map(item -> ((Number) item).longValue()).toList());
    } else if (allNumber) {
      builder.put(AttributeKey.doubleArrayKey(key), items.stream().map(item -> ((Number) item).doubleValue()).toList());
    } else {
      builder.put(AttributeKey.stringArrayKey(key), items.stream().map(item -> truncate(PythonText.str(item))).toList());
    }
  }

  private static boolean isScalar(Object value) {
    return value instanceof CharSequence || value instanceof Boolean || isInt(value) || isFloat(value);
  }

  /** Python {@code int} as attributes hold it: 64-bit, so {@link java.math.BigInteger} is not one here. */
  private static boolean isInt(Object value) {
    return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
  }

  private static boolean isFloat(Object value) {
    return value instanceof Double || value instanceof Float;
  }

  /** No limit: unchanged; limit ≤ 0: empty; else the first {@code limit} characters (code points). */
  private String truncate(String text) {
    if (lengthLimit == null) {
      return text;
    }
    if (lengthLimit <= 0) {
      return "";
    }
    if (text.length() <= lengthLimit || text.codePointCount(0, text.length()) <= lengthLimit) {
      return text;
    }
    return text.substring(0, text.offsetByCodePoints(0, lengthLimit));
  }
}
