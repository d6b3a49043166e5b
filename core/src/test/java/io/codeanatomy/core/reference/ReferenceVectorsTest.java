package io.codeanatomy.core.reference;

import static io.codeanatomy.core.reference.ReferenceVectors.decode;
import static io.codeanatomy.core.reference.ReferenceVectors.decodeMap;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.core.arrow.FunctionRequirements;
import io.codeanatomy.core.arrow.Ordering;
import io.codeanatomy.core.arrow.SchemaIdentity;
import io.codeanatomy.core.arrow.SchemaMetadata;
import io.codeanatomy.core.coercion.CoercionError;
import io.codeanatomy.core.coercion.ValueCoercion;
import io.codeanatomy.core.fingerprint.CacheKeyBuilder;
import io.codeanatomy.core.fingerprint.CanonicalMsgpack;
import io.codeanatomy.core.fingerprint.Fingerprints;
import io.codeanatomy.core.fingerprint.Hashing;
import io.codeanatomy.core.storage.StorageOptions;
import io.codeanatomy.core.text.FloatDigits;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.function.Executable;

/** Every case of {@code core_vectors.json} except policy objects and schemas (see their own tests). */
class ReferenceVectorsTest {
  private static final HexFormat HEX = HexFormat.of();

  @Test
  void resourceHoldsAtLeastOneHundredCasesAndSaysHowTheyWereDerived() {
    assertTrue(ReferenceVectors.allCases().size() >= 100);
    assertTrue(ReferenceVectors.derivation().contains("derive_vectors.py"));
  }

  @TestFactory
  Stream<DynamicTest> valueCoercion() {
    return dynamic("value_coercion", this::checkCoercion);
  }

  @TestFactory
  Stream<DynamicTest> hashing() {
    return dynamic("hashing", this::checkHashing);
  }

  @TestFactory
  Stream<DynamicTest> fingerprintPayloads() {
    return dynamic("fingerprint", node -> () -> {
      Map<String, Object> payload = decodeMap(node.get("payload"));
      String expected = node.get("expected").asText();
      if (node.get("name").asText().equals("driver_config_fingerprint")) {
        assertEquals(expected, io.codeanatomy.core.policy.CachePolicyProfile.driverConfigFingerprint(payload));
      } else {
        assertEquals(expected, Fingerprints.configFingerprint(payload));
      }
    });
  }

  @TestFactory
  Stream<DynamicTest> metadataCodec() {
    return dynamic("metadata", this::checkMetadata);
  }

  @TestFactory
  Stream<DynamicTest> storageOptions() {
    return dynamic("storage_options", node -> () -> {
      StorageOptions options = StorageOptions.normalize((Map<?, ?>) decode(node.get("storage")),
          (Map<?, ?>) decode(node.get("log")), node.get("fallback").asBoolean());
      assertEquals(Optional.ofNullable(decode(node.get("expected_storage"))), options.storage().map(Object.class::cast));
      assertEquals(Optional.ofNullable(decode(node.get("expected_log"))), options.logStorage().map(Object.class::cast));
      assertEquals(Optional.ofNullable(decode(node.get("expected_merged"))), options.merged().map(Object.class::cast));
    });
  }

  @TestFactory
  Stream<DynamicTest> floatText() {
    return dynamic("float_text", node -> () -> {
      double value = node.get("input").doubleValue();
      assertEquals(node.get("expected").asText(), FloatDigits.pythonRepr(value));
      assertEquals(node.get("msgspec_json").asText(), FloatDigits.msgspecJson(value));
    });
  }

  @TestFactory
  Stream<DynamicTest> goldenValuesQuotedBySpec() {
    return dynamic("golden", node -> () -> {
      Map<String, Object> input = decodeMap(node.get("input"));
      String actual = node.get("name").asText().equals("config_fingerprint")
          ? Fingerprints.configFingerprint(input)
          : Hashing.hashJsonCanonical(input, node.get("str_keys").asBoolean());
      assertTrue(actual.startsWith(node.get("expected_prefix").asText()), actual);
      assertEquals(node.get("expected").asText(), actual);
    });
  }

  private Executable checkCoercion(JsonNode node) {
    return () -> {
      Object input = decode(node.get("input"));
      String context = node.get("context").asText();
      Object expected = decode(node.get("expected"));
      String function = node.get("name").asText();
      if (node.has("error")) {
        CoercionError error = assertThrows(CoercionError.class, () -> invokeCoercion(function, input, context));
        assertEquals(node.get("error").asText(), error.getMessage());
        return;
      }
      Object actual = invokeCoercion(function, input, context);
      if (expected instanceof Double number) {
        assertEquals(0, Double.compare(number, ((Number) actual).doubleValue()), () -> "got " + actual);
      } else {
        assertEquals(expected, actual);
      }
    };
  }

  /** Runs a coercion and unwraps its result to the JSON vocabulary (null for empty). */
  private static Object invokeCoercion(String function, Object input, String context) {
    return switch (function) {
      case "coerce_int" -> unwrap(ValueCoercion.coerceInt(input));
      case "coerce_float" -> unwrap(ValueCoercion.coerceFloat(input));
      case "coerce_bool" -> ValueCoercion.coerceBool(input).orElse(null);
      case "coerce_str" -> ValueCoercion.coerceStr(input).orElse(null);
      case "coerce_str_list" -> ValueCoercion.coerceStrList(input);
      case "coerce_str_tuple" -> ValueCoercion.coerceStrTuple(input);
      case "coerce_mapping_list" -> ValueCoercion.coerceMappingList(input).orElse(null);
      case "raise_for_int" -> ValueCoercion.raiseForInt(input, context);
      case "raise_for_float" -> ValueCoercion.raiseForFloat(input, context);
      case "raise_for_bool" -> ValueCoercion.raiseForBool(input, context);
      case "raise_for_str" -> ValueCoercion.raiseForStr(input, context);
      default -> throw new AssertionError("unknown coercion " + function);
    };
  }

  private static Object unwrap(OptionalLong value) {
    return value.isPresent() ? (Object) value.getAsLong() : null;
  }

  private static Object unwrap(OptionalDouble value) {
    return value.isPresent() ? (Object) value.getAsDouble() : null;
  }

  @SuppressWarnings("unchecked")
  private Executable checkHashing(JsonNode node) {
    return () -> {
      String expected = node.path("expected").isNull() ? null : node.path("expected").asText();
      Object input = decode(node.get("input"));
      switch (node.get("name").asText()) {
        case "hash64_from_text" -> assertEquals(Long.parseLong(expected), Hashing.hash64FromText((String) input));
        case "hash128_from_text" -> assertEquals(expected, Hashing.hash128FromText((String) input));
        case "hash_sha256_hex" -> assertEquals(expected, node.get("length").isNull()
            ? Hashing.sha256Hex((byte[]) input) : Hashing.sha256Hex((byte[]) input, node.get("length").asInt()));
        case "hash_msgpack_default" -> {
          assertEquals(node.get("hex").asText(), HEX.formatHex(CanonicalMsgpack.encodeInsertionOrder(input)));
          assertEquals(expected, Hashing.hashMsgpackDefault(input));
        }
        case "hash_msgpack_canonical" -> {
          assertEquals(node.get("hex").asText(), HEX.formatHex(CanonicalMsgpack.encode(input)));
          assertEquals(expected, Hashing.hashMsgpackCanonical(input));
        }
        case "hash_json_canonical" -> {
          assertEquals(node.get("text").asText(), jsonText(input));
          assertEquals(expected, Hashing.hashJsonCanonical(input, node.get("str_keys").asBoolean()));
        }
        case "hash_json_default" -> assertEquals(expected, Hashing.hashJsonDefault(input, node.get("str_keys").asBoolean()));
        case "hash_json_stdlib" -> assertEquals(expected, Hashing.hashJsonStdlib(input, node.get("sort_keys").asBoolean()));
        case "hash_settings" -> assertEquals(expected, Hashing.hashSettings((Map<String, String>) input));
        case "hash_storage_options" -> assertEquals(Optional.ofNullable(expected), Hashing.hashStorageOptions(
            (Map<String, ?>) decode(node.get("storage")), (Map<String, ?>) decode(node.get("log"))));
        case "cache_key_builder" -> {
          CacheKeyBuilder builder = new CacheKeyBuilder(node.get("prefix").asText());
          ((Map<String, Object>) input).forEach(builder::add);
          assertEquals(expected, builder.build());
        }
        case "stable_id" -> assertEquals(expected,
            Hashing.stableId(node.get("prefix").asText(), ((List<Object>) input).toArray()));
        case "span_id" -> assertEquals(expected, Hashing.spanId(node.get("path").asText(), node.get("bstart").asLong(),
            node.get("bend").asLong(), node.get("span_kind").isNull() ? null : node.get("span_kind").asText()));
        default -> throw new AssertionError("unknown hashing case " + node.get("name"));
      }
    };
  }

  /** The JSON text behind {@link Hashing#hashJsonCanonical}, checked through the debug view (no secrets in these payloads). */
  private static String jsonText(Object payload) {
    return Fingerprints.describe(decodeMapUnchecked(payload));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, ?> decodeMapUnchecked(Object payload) {
    return (Map<String, ?>) payload;
  }

  @SuppressWarnings("unchecked")
  private Executable checkMetadata(JsonNode node) {
    return () -> {
      Object input = decode(node.get("input"));
      switch (node.get("name").asText()) {
        case "encode_metadata_list" -> assertEquals(node.get("hex").asText(),
            HEX.formatHex(SchemaMetadata.encodeMetadataList((List<?>) input)));
        case "encode_metadata_map" -> assertEquals(node.get("hex").asText(),
            HEX.formatHex(SchemaMetadata.encodeMetadataMap((Map<?, ?>) input)));
        case "encode_metadata_scalar_map" -> assertEquals(node.get("hex").asText(),
            HEX.formatHex(SchemaMetadata.encodeMetadataScalarMap((Map<?, ?>) input)));
        case "ordering_keys" -> assertEquals(node.get("hex").asText(), HEX.formatHex(Ordering.encodeKeys(
            ((List<Map<String, Object>>) input).stream()
                .map(entry -> new Ordering.Key((String) entry.get("column"), (String) entry.get("order"))).toList())));
        case "options_hash" -> assertEquals(node.get("expected").asText(), SchemaIdentity.optionsHash(input));
        case "identity_fingerprint" -> {
          Map<String, Object> identity = (Map<String, Object>) input;
          Object payload = SchemaIdentity.buildIdentityPayload((Map<String, ?>) identity.get("sources"),
              (Map<String, ?>) identity.get("view"));
          assertEquals(node.get("expected").asText(), SchemaIdentity.identityFingerprint(payload));
        }
        case "schema_metadata_for_spec" -> {
          Map<String, Object> spec = (Map<String, Object>) input;
          Long version = (Long) spec.get("version");
          Map<String, String> metadata = SchemaMetadata.schemaMetadataForSpec((String) spec.get("name"),
              version == null ? null : Math.toIntExact(version), (List<String>) spec.get("required_non_null"),
              (List<String>) spec.get("key_fields"));
          Map<String, String> hex = new LinkedHashMap<>();
          // Name and version are text (UTF-8 bytes); the column lists are MessagePack carried one char per byte.
          metadata.forEach((key, value) -> hex.put(key, HEX.formatHex(
              key.equals(SchemaMetadata.REQUIRED_NON_NULL) || key.equals(SchemaMetadata.KEY_FIELDS)
                  ? SchemaMetadata.textAsBytes(value) : value.getBytes(StandardCharsets.UTF_8))));
          assertEquals(decode(node.get("expected")), hex);
        }
        case "required_function_signatures" -> assertEquals(decode(node.get("expected")),
            toLongs(FunctionRequirements.signatureCounts((List<String>) input)));
        case "required_function_signature_types" -> {
          Map<String, List<Object>> sorted = new LinkedHashMap<>();
          FunctionRequirements.signatureTypes((List<String>) input).forEach((name, args) -> sorted.put(name,
              args.stream().map(arg -> arg == null ? null : (Object) List.copyOf(new TreeSet<>(arg)))
                  .collect(Collectors.toList())));
          assertEquals(decode(node.get("expected")), sorted);
        }
        default -> throw new AssertionError("unknown metadata case " + node.get("name"));
      }
    };
  }

  private static Map<String, Long> toLongs(Map<String, Integer> counts) {
    Map<String, Long> longs = new LinkedHashMap<>();
    counts.forEach((name, count) -> longs.put(name, count.longValue()));
    return longs;
  }

  private static Stream<DynamicTest> dynamic(String kind, Function<JsonNode, Executable> check) {
    List<JsonNode> cases = ReferenceVectors.cases(kind);
    assertTrue(!cases.isEmpty(), "no " + kind + " cases");
    return cases.stream().map(node -> DynamicTest.dynamicTest(
        node.get("name").asText() + " " + abbreviate(node.path("input").toString()), check.apply(node)));
  }

  private static String abbreviate(String text) {
    byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
    return bytes.length <= 60 ? text : text.substring(0, Math.min(text.length(), 60)) + "...";
  }
}
