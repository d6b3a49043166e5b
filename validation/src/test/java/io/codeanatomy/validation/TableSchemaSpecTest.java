package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.arrow.SchemaMetadata;
import java.nio.ByteBuffer;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

/** {@code TableSchemaSpec.to_arrow_schema}: the fields tagged with {@code schema_metadata_for_spec}. */
class TableSchemaSpecTest {
  @Test
  void arrowSchemaCarriesNameVersionAndColumnListsAsMessagePack() {
    TableSchemaSpec spec = TableSchemaSpec.builder("nodes").field("id", ArrowFields.UTF8, false)
        .field("kind", ArrowFields.UTF8, true).keyFields("id").requiredNonNull("kind").version(2).build();
    Schema schema = spec.toArrowSchema();
    Map<String, String> metadata = schema.getCustomMetadata();
    assertEquals("nodes", metadata.get("schema_name"));
    assertEquals("2", metadata.get("schema_version"));
    // {"entries": ["kind"], "version": 1} and {"entries": ["id"], "version": 1}
    assertArrayEquals(HexFormat.of().parseHex("82a7656e747269657391a46b696e64a776657273696f6e01"),
        SchemaMetadata.textAsBytes(metadata.get("required_non_null")));
    assertArrayEquals(HexFormat.of().parseHex("82a7656e747269657391a26964a776657273696f6e01"),
        SchemaMetadata.textAsBytes(metadata.get("key_fields")));
    assertEquals(Map.of("name", "nodes", "version", "2"), SchemaMetadata.schemaIdentityFromMetadata(metadata));
    assertEquals(List.of("id", "kind"), schema.getFields().stream().map(f -> f.getName()).toList());
  }

  @Test
  void unversionedSpecsWithoutColumnListsCarryOnlyTheName() {
    TableSchemaSpec spec = TableSchemaSpec.builder("t").field("a", ArrowFields.INT64, true).build();
    assertNull(spec.version());
    assertEquals(Map.of("schema_name", "t"), spec.toArrowSchema().getCustomMetadata());
  }

  @Test
  void theMetadataRoundTripsThroughArrowIpcBytes() {
    Schema schema = TableSchemaSpec.builder("t").field("a", ArrowFields.INT64, false).keyFields("a").version(1).build()
        .toArrowSchema();
    Schema decoded = Schema.deserializeMessage(ByteBuffer.wrap(schema.serializeAsMessage()));
    assertEquals(schema, decoded);
    assertEquals(List.of("a"), SchemaMetadata.decodeMetadataList(
        SchemaMetadata.textAsBytes(decoded.getCustomMetadata().get(SchemaMetadata.KEY_FIELDS))));
  }

  @Test
  void fieldMetadataGainsTheDefaultValueUnlessSetAndTheEncodingOverAnyOther() {
    FieldSpec tagged = new FieldSpec("k", ArrowFields.UTF8, List.of(), true, Map.of("encoding", "plain"),
        "dictionary", "none");
    assertEquals(Map.of("encoding", "dictionary", "default_value", "none"), tagged.toField().getMetadata());
    FieldSpec preset = new FieldSpec("k", ArrowFields.UTF8, List.of(), true, Map.of("default_value", "kept"),
        null, "ignored");
    assertEquals(Map.of("default_value", "kept"), preset.toField().getMetadata());
    assertEquals(Map.of(), new FieldSpec("k", ArrowFields.UTF8, List.of(), true, Map.of(), null, null)
        .toField().getMetadata());
  }
}
