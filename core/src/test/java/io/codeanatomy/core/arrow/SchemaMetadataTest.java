package io.codeanatomy.core.arrow;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.fingerprint.CanonicalMsgpack;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SchemaMetadataTest {
  @Test
  void schemaMetadataTagsNameAndOptionalVersion() {
    assertEquals(Map.of("schema_name", "nodes", "schema_version", "2"), SchemaMetadata.schemaMetadata("nodes", 2));
    assertEquals(Map.of("schema_name", "nodes"), SchemaMetadata.schemaMetadata("nodes", null));
  }

  @Test
  void schemaMetadataForSpecAddsNonEmptyColumnListsAsMessagePack() {
    Map<String, String> metadata =
        SchemaMetadata.schemaMetadataForSpec("nodes", 3, List.of("a", "b"), List.of("id"));
    assertEquals(List.of("schema_name", "schema_version", "required_non_null", "key_fields"),
        List.copyOf(metadata.keySet()));
    assertEquals("3", metadata.get("schema_version"));
    // {"entries": ["a", "b"], "version": 1}: keys sorted bytewise, fixmap/fixarray/fixstr forms.
    assertArrayEquals(HexFormat.of().parseHex("82a7656e747269657392a161a162a776657273696f6e01"),
        SchemaMetadata.textAsBytes(metadata.get("required_non_null")));
    assertArrayEquals(HexFormat.of().parseHex("82a7656e747269657391a26964a776657273696f6e01"),
        SchemaMetadata.textAsBytes(metadata.get("key_fields")));
    assertEquals(List.of("id"), SchemaMetadata.decodeMetadataList(SchemaMetadata.textAsBytes(metadata.get("key_fields"))));
    assertEquals(Map.of("schema_name", "nodes"), SchemaMetadata.schemaMetadataForSpec("nodes", null, List.of(), List.of()));
  }

  @Test
  void schemaIdentityKeepsOnlyIntegerVersions() {
    assertEquals(Map.of(), SchemaMetadata.schemaIdentityFromMetadata(Map.of()));
    assertEquals(Map.of(), SchemaMetadata.schemaIdentityFromMetadata(null));
    assertEquals(Map.of("name", "n", "version", "7"),
        SchemaMetadata.schemaIdentityFromMetadata(Map.of("schema_name", "n", "schema_version", " 007 ")));
    assertEquals(Map.of("name", "n"),
        SchemaMetadata.schemaIdentityFromMetadata(Map.of("schema_name", "n", "schema_version", "v2")));
  }

  @Test
  void listMapAndScalarMapRoundTrip() {
    assertEquals(List.of("a", "1"), SchemaMetadata.decodeMetadataList(SchemaMetadata.encodeMetadataList(List.of("a", 1))));
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("b", 2);
    map.put("a", null);
    assertEquals(Map.of("a", "", "b", "2"), SchemaMetadata.decodeMetadataMap(SchemaMetadata.encodeMetadataMap(map)));
    Map<String, Object> scalars = SchemaMetadata.decodeMetadataScalarMap(
        SchemaMetadata.encodeMetadataScalarMap(Map.of("flag", true, "n", 3, "other", List.of(1))));
    assertEquals(true, scalars.get("flag"));
    assertEquals(3L, scalars.get("n"));
    assertEquals("[1]", scalars.get("other"));
  }

  @Test
  void decodersReturnEmptyForMissingPayloadsAndSkipNullEntries() {
    assertEquals(List.of(), SchemaMetadata.decodeMetadataList(null));
    assertEquals(Map.of(), SchemaMetadata.decodeMetadataMap(new byte[0]));
    Map<String, Object> entryWithoutKey = new LinkedHashMap<>();
    entryWithoutKey.put("key", null);
    entryWithoutKey.put("value", "v");
    byte[] payload = CanonicalMsgpack.encode(Map.of("version", 1, "entries", List.of(entryWithoutKey)));
    assertEquals(Map.of(), SchemaMetadata.decodeMetadataMap(payload));
    byte[] listWithNull = CanonicalMsgpack.encode(Map.of("version", 1, "entries", Arrays.asList("a", null)));
    assertEquals(List.of("a"), SchemaMetadata.decodeMetadataList(listWithNull));
  }

  @Test
  void decodersRejectMalformedPayloadsNamingTheCodec() {
    InvalidInputException notMapping = assertThrows(InvalidInputException.class,
        () -> SchemaMetadata.decodeMetadataMap(CanonicalMsgpack.encode(List.of(1))));
    assertEquals("metadata_map payload must contain a mapping.", notMapping.getMessage());
    InvalidInputException badEntries = assertThrows(InvalidInputException.class,
        () -> SchemaMetadata.decodeMetadataList(CanonicalMsgpack.encode(Map.of("entries", "x"))));
    assertEquals("metadata_list entries must be a list.", badEntries.getMessage());
    InvalidInputException garbage = assertThrows(InvalidInputException.class,
        () -> SchemaMetadata.decodeMetadataScalarMap(new byte[] {(byte) 0xc1}));
    assertEquals(true, garbage.getMessage().startsWith("metadata_scalar_map payload is not valid MessagePack"));
  }

  @Test
  void bytesSurviveTheStringMetadataCarrier() {
    byte[] payload = SchemaMetadata.encodeMetadataList(List.of("é", "x"));
    assertArrayEquals(payload, SchemaMetadata.textAsBytes(SchemaMetadata.bytesAsText(payload)));
  }

  @Test
  void dictFieldMetadataDefaultsToInt32AndMergesExtrasLast() {
    assertEquals(Map.of("encoding", "dictionary", "dictionary_index_type", "int32", "dictionary_ordered", "0"),
        SchemaMetadata.dictFieldMetadata(null, false, null));
    assertEquals(Map.of("encoding", "dictionary", "dictionary_index_type", "int8", "dictionary_ordered", "custom"),
        SchemaMetadata.dictFieldMetadata("int8", true, Map.of("dictionary_ordered", "custom")));
  }
}
