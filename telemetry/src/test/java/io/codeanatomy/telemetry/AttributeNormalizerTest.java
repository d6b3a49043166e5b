package io.codeanatomy.telemetry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AttributeNormalizerTest {
  private static final AttributeNormalizer DEFAULT =
      new AttributeNormalizer(AttributeNormalizer.DEFAULT_REDACT_KEYS, AttributeLimits.NONE, AttributeLimits.NONE);

  private static Map<String, Object> normalize(AttributeNormalizer normalizer, Map<String, ?> attributes) {
    return TestTelemetry.asMap(normalizer.normalize(attributes));
  }

  private static Object single(Object value) {
    Attributes normalized = DEFAULT.normalize(Map.of("value", value));
    assertEquals(1, normalized.size());
    return normalized.asMap().values().iterator().next();
  }

  @Test
  void emptyAndNullInputGiveNoAttributes() {
    assertEquals(Attributes.empty(), DEFAULT.normalize(null));
    assertEquals(Attributes.empty(), DEFAULT.normalize(Map.of()));
  }

  @Test
  void nullValuesAreSkipped() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("kept", "x");
    attributes.put("dropped", null);
    assertEquals(Map.of("kept", "x"), normalize(DEFAULT, attributes));
  }

  @Test
  void scalarsKeepTheirTypes() {
    assertEquals("text", single("text"));
    assertEquals(true, single(true));
    assertEquals(42L, single(42));
    assertEquals(42L, single(42L));
    assertEquals(7L, single((short) 7));
    assertEquals(1.5, single(1.5));
    assertEquals(0.25, single(0.25f));
    assertEquals("builder", single(new StringBuilder("builder")));
  }

  @Test
  void bytesBecomeLowerCaseHex() {
    assertEquals("00ff10", single(new byte[] {0, (byte) 0xff, 0x10}));
    assertEquals("6869", single(ByteBuffer.wrap("hi".getBytes(java.nio.charset.StandardCharsets.US_ASCII))));
  }

  @Test
  void mapsBecomeSortedPythonJson() {
    Map<String, Object> nested = new LinkedHashMap<>();
    nested.put("z", List.of(1, "two", 3.0));
    nested.put("a", Map.of("k", true));
    nested.put("m", null);
    assertEquals("{\"a\": {\"k\": true}, \"m\": null, \"z\": [1, \"two\", 3.0]}", single(nested));
  }

  @Test
  void sequencesBecomeTypedArrays() {
    assertEquals(List.of(true, false), single(List.of(true, false)));
    assertEquals(List.of(1L, 2L, 3L), single(new int[] {1, 2, 3}));
    assertEquals(List.of(1.5, 2.5), single(new double[] {1.5, 2.5}));
    assertEquals(List.of(1.0, 2.5), single(List.of(1, 2.5)), "ints mixed with floats become floats");
    assertEquals(List.of("True", "1"), single(List.of(true, 1)), "bools mixed with ints become str()");
    assertEquals(List.of("a", "1", "2.0"), single(new Object[] {"a", 1, 2.0}));
    assertEquals(List.of(), single(List.of()));
    List<Object> withNulls = new ArrayList<>(Arrays.asList(null, 1, null, 2));
    assertEquals(List.of(1L, 2L), single(withNulls));
    assertEquals(List.of("[1, 2]", "{'k': 'v'}"), single(List.of(List.of(1, 2), Map.of("k", "v"))),
        "non-scalar items become their Python str()");
  }

  @Test
  void otherValuesBecomeTheirPythonStr() {
    assertEquals("/tmp/x", single(Path.of("/tmp/x")));
    Map<String, Object> set = new LinkedHashMap<>();
    set.put("value", new LinkedHashSet<>(List.of(1, 2)));
    assertEquals(Map.of("value", "{1, 2}"), normalize(DEFAULT, set));
    assertEquals("123456789012345678901234567890", single(new java.math.BigInteger("123456789012345678901234567890")));
  }

  @Test
  void keysContainingARedactionKeyAreRedactedCaseInsensitively() {
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("Authorization", "Bearer abc");
    attributes.put("db.password", 1234);
    attributes.put("x-api_key-header", List.of("k"));
    attributes.put("session_cookie", Map.of("a", 1));
    attributes.put("tokenizer", "still redacted: contains token");
    attributes.put("plain", "kept");
    assertEquals(Map.of(
            "Authorization", "[redacted]",
            "db.password", "[redacted]",
            "x-api_key-header", "[redacted]",
            "session_cookie", "[redacted]",
            "tokenizer", "[redacted]",
            "plain", "kept"),
        normalize(DEFAULT, attributes));
  }

  @Test
  void configuredRedactionKeysReplaceTheDefaults() {
    AttributeNormalizer custom = AttributeNormalizer.fromSettings(Map.of("CODEANATOMY_OTEL_REDACT_KEYS", " Tenant , ,ssn"));
    assertEquals(List.of("tenant", "ssn"), custom.redactKeys());
    assertEquals(Map.of("tenant_id", "[redacted]", "user_ssn", "[redacted]", "password", "visible"),
        normalize(custom, Map.of("tenant_id", "t1", "user_ssn", "1", "password", "visible")));
    assertEquals(AttributeNormalizer.DEFAULT_REDACT_KEYS, AttributeNormalizer.fromSettings(Map.of()).redactKeys());
  }

  @Test
  void valueLengthLimitCutsStringsByCharacter() {
    AttributeNormalizer limited = new AttributeNormalizer(AttributeNormalizer.DEFAULT_REDACT_KEYS,
        new AttributeLimits(null, 4), AttributeLimits.NONE);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("text", "abcdefgh");
    attributes.put("emoji", "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03\uD83D\uDE04");
    attributes.put("secret", "x");
    attributes.put("list", List.of("abcdef", 1));
    attributes.put("json", Map.of("k", "v"));
    attributes.put("number", 123456789);
    assertEquals(Map.of(
            "text", "abcd",
            "emoji", "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03",
            "secret", "[red",
            "list", List.of("abcd", "1"),
            "json", "{\"k\"",
            "number", 123456789L),
        normalize(limited, attributes));
  }

  @Test
  void nonPositiveLimitsDropEverything() {
    AttributeNormalizer zeroLength = new AttributeNormalizer(List.of(), new AttributeLimits(null, 0), AttributeLimits.NONE);
    assertEquals(Map.of("k", ""), normalize(zeroLength, Map.of("k", "value")));
    AttributeNormalizer zeroCount = new AttributeNormalizer(List.of(), new AttributeLimits(0, null), AttributeLimits.NONE);
    assertEquals(Map.of(), normalize(zeroCount, Map.of("k", "value")));
  }

  @Test
  void countLimitKeepsTheFirstKeysInSortedOrder() {
    AttributeNormalizer limited = new AttributeNormalizer(List.of(), new AttributeLimits(2, null), AttributeLimits.NONE);
    Map<String, Object> attributes = new LinkedHashMap<>();
    attributes.put("delta", 4);
    attributes.put("alpha", 1);
    attributes.put("charlie", null);
    attributes.put("bravo", 2);
    assertEquals(Map.of("alpha", 1L, "bravo", 2L), normalize(limited, attributes));
    assertEquals(Map.of("alpha", 1L, "delta", 4L), normalize(limited, Map.of("delta", 4, "alpha", 1)));
  }

  @Test
  void limitsComeFromSettingsAndLogLimitsFallBackPerField() {
    AttributeNormalizer normalizer = AttributeNormalizer.fromSettings(Map.of(
        "OTEL_ATTRIBUTE_COUNT_LIMIT", " 8 ",
        "OTEL_ATTRIBUTE_VALUE_LENGTH_LIMIT", "16",
        "OTEL_LOGRECORD_ATTRIBUTE_VALUE_LENGTH_LIMIT", "3",
        "OTEL_LOGRECORD_ATTRIBUTE_COUNT_LIMIT", "many"));
    assertEquals(new AttributeLimits(8, 16), normalizer.limits());
    assertEquals(new AttributeLimits(8, 3), normalizer.logLimits());
  }

  @Test
  void normalisedKeysAreTypedForTheSdk() {
    Attributes normalized = DEFAULT.normalize(Map.of("n", 1, "s", "x", "b", false, "d", 2.0));
    assertEquals(1L, normalized.get(AttributeKey.longKey("n")));
    assertEquals("x", normalized.get(AttributeKey.stringKey("s")));
    assertEquals(false, normalized.get(AttributeKey.booleanKey("b")));
    assertEquals(2.0, normalized.get(AttributeKey.doubleKey("d")));
  }
}
