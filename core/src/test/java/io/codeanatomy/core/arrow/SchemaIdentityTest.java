package io.codeanatomy.core.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.fasterxml.jackson.databind.JsonNode;
import io.codeanatomy.core.fingerprint.CanonicalMsgpack;
import io.codeanatomy.core.fingerprint.Hashing;
import io.codeanatomy.core.reference.ReferenceVectors;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.DictionaryEncoding;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class SchemaIdentityTest {
  /** The same schema as {@code derive_vectors.py}'s "rich" pyarrow schema. */
  static Schema richSchema() {
    Field id = new Field("id", new FieldType(false, ArrowType.Utf8.INSTANCE, null, Map.of("z", "1", "a", "2")), null);
    Field span = ArrowFields.structField("span", List.of(ArrowFields.int64Field("bstart", false),
        ArrowFields.listField("tags", ArrowFields.UTF8, true)), false);
    Field kind = new Field("kind", new FieldType(true, ArrowType.Utf8.INSTANCE,
        new DictionaryEncoding(0, false, new ArrowType.Int(32, true))), null);
    Field entries = ArrowFields.structField("entries", List.of(ArrowFields.stringField("key", false),
        ArrowFields.float64Field("value")), false);
    Field attrs = new Field("attrs", new FieldType(true, new ArrowType.Map(false), null), List.of(entries));
    return new Schema(List.of(id, ArrowFields.timestampField("ts", TimeUnit.MICROSECOND, "UTC", true), span, kind, attrs,
        ArrowFields.field("blob", new ArrowType.FixedSizeBinary(16), true),
        ArrowFields.field("d", new ArrowType.Decimal(10, 2, 128), true)),
        Map.of("schema_name", "rich", "schema_version", "3"));
  }

  private static Schema vectorSchema(String name) {
    return switch (name) {
      case "rich" -> richSchema();
      case "versioned_metadata" -> ArrowSchemas.versionedMetadataSchema("dataset_name", List.of(ArrowFields.pathField()));
      default -> throw new AssertionError(name);
    };
  }

  @Test
  void identityHashesMatchPyarrowDerivedVectors() {
    List<JsonNode> cases = ReferenceVectors.cases("schema_identity");
    assertEquals(2, cases.size());
    for (JsonNode node : cases) {
      Schema schema = vectorSchema(node.get("name").asText());
      Map<String, Object> expectedPayload = ReferenceVectors.decodeMap(node.get("payload"));
      assertArrayEquals(CanonicalMsgpack.encode(expectedPayload),
          CanonicalMsgpack.encode(SchemaIdentity.schemaIdentityPayload(schema)), node.get("name").asText());
      assertEquals(node.get("expected").asText(), SchemaIdentity.schemaIdentityHash(schema));
      assertEquals(node.get("expected").asText(), Hashing.hashMsgpackCanonical(expectedPayload));
    }
  }

  @Test
  void abiPayloadDescribesFieldsFlattensStructsAndHasNoExtensionForPlainTypes() {
    Map<String, Object> payload = SchemaIdentity.schemaAbiPayload(richSchema());
    assertEquals(1, payload.get("abi_version"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> fields = (List<Map<String, Object>>) payload.get("fields");
    Map<String, Object> span = fields.get(2);
    assertEquals("struct<bstart: int64 not null, tags: list<item: string>>", span.get("type"));
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> flattened = (List<Map<String, Object>>) span.get("flattened_fields");
    assertEquals("span.bstart", flattened.get(0).get("name"));
    assertEquals(false, flattened.get(0).get("nullable"));
    assertEquals(true, flattened.get(1).get("nullable"));
    assertNull(fields.get(0).get("extension"));
    assertEquals("dictionary<values=string, indices=int32, ordered=0>", fields.get(3).get("type"));
  }

  @Test
  void identityHashChangesWithAnyFieldProperty() {
    Schema base = new Schema(List.of(ArrowFields.idField()));
    assertNotEquals(SchemaIdentity.schemaIdentityHash(base),
        SchemaIdentity.schemaIdentityHash(new Schema(List.of(ArrowFields.idField("id", true)))));
    assertNotEquals(SchemaIdentity.schemaIdentityHash(base),
        SchemaIdentity.schemaIdentityHash(new Schema(List.of(ArrowFields.idField("key", false)))));
  }

  @Test
  void buildIdentityPayloadDefaultsMissingPartsToEmptyMaps() {
    assertEquals(Map.of("sources", Map.of(), "view", Map.of()), SchemaIdentity.buildIdentityPayload(null, null));
  }

  record ScanOptions(Path root, List<String> globs, java.util.Set<String> kinds) {}

  @Test
  void optionsHashTurnsRecordsPathsAndSetsIntoCanonicalValues() {
    ScanOptions options = new ScanOptions(Path.of("/repo"), List.of("*.py"), java.util.Set.of("b", "a"));
    Map<String, Object> normalized = Map.of("root", "/repo", "globs", List.of("*.py"), "kinds", List.of("a", "b"));
    assertEquals(Hashing.hashMsgpackCanonical(Map.of("version", 1, "options", normalized)),
        SchemaIdentity.optionsHash(options));
  }
}
