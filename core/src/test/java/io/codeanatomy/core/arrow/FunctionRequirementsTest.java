package io.codeanatomy.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.error.InvalidInputException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class FunctionRequirementsTest {
  private static String list(String... entries) {
    return SchemaMetadata.bytesAsText(SchemaMetadata.encodeMetadataList(List.of(entries)));
  }

  @Test
  void readsAllFourMetadataListsFromASchema() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(SchemaMetadata.REQUIRED_FUNCTIONS, list("stable_hash64", "span_make"));
    metadata.put(SchemaMetadata.OPTIONAL_FUNCTIONS, list("udf_x"));
    metadata.put(SchemaMetadata.REQUIRED_FUNCTION_SIGNATURES, list("stable_hash64:1", "span_make=4"));
    metadata.put(SchemaMetadata.REQUIRED_FUNCTION_SIGNATURE_TYPES, list("span_make:Int64|INT32,any"));
    FunctionRequirements requirements = FunctionRequirements.fromSchema(new Schema(List.of(), metadata));
    assertEquals(List.of("stable_hash64", "span_make"), requirements.required());
    assertEquals(List.of("udf_x"), requirements.optional());
    assertEquals(Map.of("stable_hash64", 1, "span_make", 4), requirements.signatureCounts());
    assertEquals(Map.of("span_make", Arrays.asList(Set.of("int64", "int32"), null)), requirements.signatureTypes());
  }

  @Test
  void schemasWithoutRequirementsReadAsNone() {
    assertSame(FunctionRequirements.NONE, FunctionRequirements.fromSchema(new Schema(List.of())));
    assertSame(FunctionRequirements.NONE, FunctionRequirements.fromMetadata(Map.of()));
    assertEquals(FunctionRequirements.NONE, FunctionRequirements.fromMetadata(Map.of("schema_name", "t")));
  }

  @Test
  void signatureCountsTreatBareNamesAndBadCountsAsOneAndKeepTheMaximum() {
    Map<String, Integer> counts = FunctionRequirements.signatureCounts(
        List.of("bare", "bad:two", "empty=", "dup:3", "dup=2", "dup:5", "spaced : 7 ", ":9", "huge:99999999999"));
    Map<String, Integer> expected = new LinkedHashMap<>();
    expected.put("bare", 1);
    expected.put("bad", 1);
    expected.put("empty", 1);
    expected.put("dup", 5);
    expected.put("spaced", 7);
    expected.put("huge", 1);
    assertEquals(expected, counts);
    assertEquals(List.copyOf(expected.keySet()), List.copyOf(counts.keySet()));
    assertEquals(Map.of("a", 2), FunctionRequirements.signatureCounts(List.of("a:1", "a=2")));
    // The first ':' or, without one, the first '=' separates the name.
    assertEquals(Map.of("a=b", 3), FunctionRequirements.signatureCounts(List.of("a=b:3")));
  }

  @Test
  void typeHintsMapAnyStarAndEmptyToAnyTypeAndLowerCaseAlternatives() {
    Map<String, List<java.util.Set<String>>> types = FunctionRequirements.signatureTypes(
        List.of("f:ANY, * ,,Utf8| LargeUtf8 |", "no_colon", ":int64", "g:", "f2:int64"));
    assertEquals(Arrays.asList(null, null, null, Set.of("utf8", "largeutf8")), types.get("f"));
    assertEquals(Arrays.asList((Set<String>) null), types.get("g"));
    assertEquals(List.of(Set.of("int64")), types.get("f2"));
    assertEquals(Set.of("f", "g", "f2"), types.keySet());
    assertEquals(List.of(Set.of("b")), FunctionRequirements.signatureTypes(List.of("h:a", "h:b")).get("h"));
  }

  @Test
  void valuesAreImmutable() {
    FunctionRequirements requirements = FunctionRequirements.fromMetadata(
        Map.of(SchemaMetadata.REQUIRED_FUNCTION_SIGNATURE_TYPES, list("f:a|b")));
    assertThrows(UnsupportedOperationException.class, () -> requirements.signatureTypes().get("f").get(0).add("c"));
    assertThrows(UnsupportedOperationException.class, () -> requirements.signatureCounts().put("x", 1));
  }

  @Test
  void malformedListPayloadsAreInvalidInput() {
    assertThrows(InvalidInputException.class,
        () -> FunctionRequirements.fromMetadata(Map.of(SchemaMetadata.REQUIRED_FUNCTIONS, "not msgpack \u00c1")));
  }
}
