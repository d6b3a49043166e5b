package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.arrow.SchemaIdentity;
import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.Fingerprints;
import io.codeanatomy.core.policy.EncodingPolicy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** Option and policy values: reference defaults, payloads (§2.4 item 8) and construction checks. */
class PoliciesTest {
  private static final Schema SCHEMA = new Schema(List.of(ArrowFields.field("id", ArrowFields.INT64, false)));

  @Test
  void validationOptionsHaveTheReferenceDefaultsAndPayload() {
    ArrowValidationOptions defaults = ArrowValidationOptions.DEFAULT;
    assertEquals(Strictness.FILTER, defaults.strict());
    assertFalse(defaults.coerce());
    assertNull(defaults.maxErrors());
    assertTrue(defaults.emitInvalidRows());
    assertTrue(defaults.emitErrorTable());
    Map<String, Object> expected = new HashMap<>();
    expected.put("strict", "filter");
    expected.put("coerce", false);
    expected.put("max_errors", null);
    expected.put("emit_invalid_rows", true);
    expected.put("emit_error_table", true);
    assertEquals(expected, defaults.payload());
    assertEquals(true, defaults.toBuilder().strict(Strictness.STRICT).build().payload().get("strict"));
    assertEquals(false, defaults.toBuilder().strict(Strictness.LENIENT).build().payload().get("strict"));
    assertEquals(3, defaults.toBuilder().maxErrors(3).build().payload().get("max_errors"));
    assertThrows(ConfigurationException.class, () -> ArrowValidationOptions.builder().maxErrors(-1).build());
  }

  @Test
  void schemaPolicyPayloadFollowsTheCatalogue() {
    SchemaPolicy defaults = SchemaPolicy.builder(SCHEMA).build();
    Map<String, Object> expected = new HashMap<>();
    expected.put("schema_identity_hash", SchemaIdentity.schemaIdentityHash(SCHEMA));
    expected.put("encoding", null);
    expected.put("metadata", null);
    expected.put("validation", null);
    expected.put("safe_cast", true);
    expected.put("keep_extra_columns", false);
    expected.put("on_error", "unsafe");
    assertEquals(expected, defaults.fingerprintPayload());
    assertEquals(Fingerprints.configFingerprint(expected), defaults.fingerprint());

    SchemaPolicy varied = SchemaPolicy.builder(SCHEMA).encoding(EncodingPolicy.DEFAULT)
        .metadata(new SchemaMetadataSpec(Map.of("a", "b"), Map.of("id", Map.of("ü", "x"))))
        .validation(ArrowValidationOptions.DEFAULT).safeCast(false).keepExtraColumns(true).onError(CastErrorPolicy.RAISE)
        .build();
    Map<String, Object> payload = varied.fingerprintPayload();
    assertEquals(EncodingPolicy.DEFAULT.fingerprint(), payload.get("encoding"));
    assertEquals(Map.of("schema_metadata", Map.of("YQ==", "Yg=="), "field_metadata", Map.of("id", Map.of("w7w=", "eA=="))),
        payload.get("metadata"), "metadata bytes (UTF-8) appear as standard base64, field names as text");
    assertEquals(ArrowValidationOptions.DEFAULT.payload(), payload.get("validation"));
    assertEquals("raise", payload.get("on_error"));
    assertNotEquals(defaults.fingerprint(), varied.fingerprint());
    assertNotEquals(defaults.fingerprint(), SchemaPolicy.builder(new Schema(List.of(
        ArrowFields.field("id", ArrowFields.INT64, true)))).build().fingerprint(), "the schema is part of the identity");
  }

  @Test
  void specsRejectAmbiguousShapes() {
    assertThrows(ConfigurationException.class, () -> TableSchemaSpec.builder("t").field("a", ArrowFields.INT64, true)
        .field("a", ArrowFields.UTF8, true).build());
    ConfigurationException key = assertThrows(ConfigurationException.class,
        () -> TableSchemaSpec.builder("t").field("a", ArrowFields.INT64, true).keyFields("b").build());
    assertEquals("table spec 't': key field 'b' is not one of its columns", key.getMessage());
    assertEquals(List.of("a"), SchemaValidator.keyFields(TableSchemaSpec.builder("t").field("a", ArrowFields.INT64, true)
        .keyFields(" a ").build()));
    assertThrows(ConfigurationException.class,
        () -> FieldSpec.of("a", ArrowFields.INT64, true).withMetadata(Map.of("", "x")));
  }

  @Test
  void fieldSpecsRoundTripArrowFields() {
    FieldSpec fromField = FieldSpec.fromField(ArrowFields.field("id", ArrowFields.INT64, false));
    assertEquals(FieldSpec.of("id", ArrowFields.INT64, false), fromField);
    assertEquals("int64", fromField.typeName());
    Schema roundTrip = TableSchemaSpec.of("t", SCHEMA).toArrowSchema();
    assertEquals(SCHEMA.getFields(), roundTrip.getFields());
    assertEquals(Map.of("schema_name", "t"), roundTrip.getCustomMetadata());
  }
}
