package io.codeanatomy.validation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.codeanatomy.core.arrow.ArrowFields;
import io.codeanatomy.core.error.ConfigurationException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class SchemaMetadataSpecTest {
  private static Field field(String name, ArrowType type, boolean nullable, Map<String, String> metadata,
      Field... children) {
    return new Field(name, new FieldType(nullable, type, null, metadata), List.of(children));
  }

  private static Field leaf(String name, Map<String, String> metadata) {
    return field(name, ArrowFields.UTF8, true, metadata);
  }

  /** id, s: struct<inner: struct<leaf>>, l: list<struct<x>>, ll: large_list<item>, lv: list_view<item>, m: map<k, v: struct<y>>. */
  private static Schema nested(Map<String, String> schemaMetadata) {
    Field map = field("m", new ArrowType.Map(false), true, null,
        field("entries", ArrowType.Struct.INSTANCE, false, null, field("key", ArrowFields.UTF8, true, null),
            field("value", ArrowType.Struct.INSTANCE, true, null, leaf("y", null))));
    return new Schema(List.of(
        leaf("id", Map.of("kept", "1", "over", "old")),
        field("s", ArrowType.Struct.INSTANCE, true, null,
            field("inner", ArrowType.Struct.INSTANCE, true, null, leaf("leaf", null))),
        field("l", ArrowType.List.INSTANCE, true, null,
            field("item", ArrowType.Struct.INSTANCE, true, null, leaf("x", null))),
        field("ll", ArrowType.LargeList.INSTANCE, true, null, leaf("item", null)),
        field("lv", ArrowType.ListView.INSTANCE, true, null, leaf("item", null)),
        map), schemaMetadata);
  }

  private static Field child(Field field, String... path) {
    Field current = field;
    for (String name : path) {
      current = current.getChildren().stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }
    return current;
  }

  @Test
  void topLevelFieldMetadataMergesWithTheSpecWinning() {
    Schema applied = SchemaMetadataSpec.builder().fieldMetadata("id", Map.of("over", "new", "added", "2")).build()
        .apply(nested(null));
    assertEquals(Map.of("kept", "1", "over", "new", "added", "2"), applied.findField("id").getMetadata());
    assertEquals(nested(null).findField("s"), applied.findField("s"));
  }

  @Test
  void dottedNamesReachStructListAndMapChildren() {
    SchemaMetadataSpec spec = SchemaMetadataSpec.builder()
        .fieldMetadata("s.inner.leaf", "k", "struct")
        .fieldMetadata("l.item.x", "k", "list")
        .fieldMetadata("ll.item", "k", "large_list")
        .fieldMetadata("lv.item", "k", "list_view")
        .fieldMetadata("m.value.y", "k", "map_value")
        .fieldMetadata("m.key", "k", "map_key")
        .build();
    Schema applied = spec.apply(nested(null));
    assertEquals(Map.of("k", "struct"), child(applied.findField("s"), "inner", "leaf").getMetadata());
    assertEquals(Map.of("k", "list"), child(applied.findField("l"), "item", "x").getMetadata());
    assertEquals(Map.of("k", "large_list"), child(applied.findField("ll"), "item").getMetadata());
    assertEquals(Map.of("k", "list_view"), child(applied.findField("lv"), "item").getMetadata());
    assertEquals(Map.of("k", "map_value"), child(applied.findField("m"), "entries", "value", "y").getMetadata());
    Field key = child(applied.findField("m"), "entries", "key");
    assertEquals(Map.of("k", "map_key"), key.getMetadata());
    assertFalse(key.isNullable());
    // Parents on the path keep their own (absent) metadata; the types are unchanged.
    assertEquals(Map.of(), child(applied.findField("s"), "inner").getMetadata());
    assertEquals(nested(null).findField("l").getType(), applied.findField("l").getType());
  }

  @Test
  void touchingAMapForcesItsKeyNonNullable() {
    Schema applied = SchemaMetadataSpec.builder().fieldMetadata("m.value", "k", "v").build().apply(nested(null));
    assertFalse(child(applied.findField("m"), "entries", "key").isNullable());
    assertEquals(Map.of("k", "v"), child(applied.findField("m"), "entries", "value").getMetadata());
  }

  @Test
  void namesMatchingNoFieldChangeNothing() {
    Schema original = nested(Map.of("a", "b"));
    SchemaMetadataSpec spec = SchemaMetadataSpec.builder().fieldMetadata("missing", "k", "v")
        .fieldMetadata("s.missing.deeper", "k", "v").fieldMetadata("id.child", "k", "v")
        .fieldMetadata("m.missing", "k", "v").build();
    assertEquals(original, spec.apply(original));
  }

  @Test
  void schemaMetadataMergesWhenGivenAndIsPreservedOtherwise() {
    Schema original = nested(Map.of("keep", "1", "over", "old"));
    assertEquals(Map.of("keep", "1", "over", "new", "add", "2"), SchemaMetadataSpec.builder()
        .schemaMetadata(Map.of("over", "new", "add", "2")).build().apply(original).getCustomMetadata());
    assertEquals(original.getCustomMetadata(), SchemaMetadataSpec.EMPTY.apply(original).getCustomMetadata());
    assertEquals(original, SchemaMetadataSpec.EMPTY.apply(original));
    assertEquals(Map.of(), SchemaMetadataSpec.EMPTY.apply(nested(null)).getCustomMetadata());
  }

  @Test
  void mergeMetadataSpecsGoesLeftToRightMergingFieldsPerName() {
    SchemaMetadataSpec first = SchemaMetadataSpec.builder().schemaMetadata(Map.of("a", "1", "b", "1"))
        .fieldMetadata("id", Map.of("x", "1", "y", "1")).fieldMetadata("s", "only", "first").build();
    SchemaMetadataSpec second = SchemaMetadataSpec.builder().schemaMetadata("b", "2")
        .fieldMetadata("id", "y", "2").fieldMetadata("l", "only", "second").build();
    SchemaMetadataSpec merged = SchemaMetadataSpec.mergeMetadataSpecs(first, second);
    assertEquals(Map.of("a", "1", "b", "2"), merged.schemaMetadata());
    assertEquals(Map.of("id", Map.of("x", "1", "y", "2"), "s", Map.of("only", "first"), "l", Map.of("only", "second")),
        merged.fieldMetadata());
    assertEquals(Map.of("a", "1", "b", "1"), SchemaMetadataSpec.mergeMetadataSpecs(second, first).schemaMetadata());
    assertEquals(SchemaMetadataSpec.EMPTY, SchemaMetadataSpec.mergeMetadataSpecs());
  }

  @Test
  void specsAreImmutableAndRejectNulls() {
    Map<String, String> source = new HashMap<>(Map.of("a", "1"));
    SchemaMetadataSpec spec = new SchemaMetadataSpec(source, Map.of());
    source.put("b", "2");
    assertEquals(Map.of("a", "1"), spec.schemaMetadata());
    assertThrows(UnsupportedOperationException.class, () -> spec.schemaMetadata().put("c", "3"));
    Map<String, String> withNull = new HashMap<>();
    withNull.put("k", null);
    assertThrows(ConfigurationException.class, () -> new SchemaMetadataSpec(withNull, Map.of()));
    assertThrows(ConfigurationException.class, () -> new SchemaMetadataSpec(Map.of(), Map.of("f", withNull)));
    assertThrows(ConfigurationException.class, () -> new SchemaMetadataSpec(Map.of(), Map.of("", Map.of())));
  }

  @Test
  void applyingTheSameSpecTwiceIsStable() {
    SchemaMetadataSpec spec = SchemaMetadataSpec.builder().schemaMetadata("a", "1")
        .fieldMetadata("m.key", "k", "v").fieldMetadata("id", "k", "v").build();
    Schema once = spec.apply(nested(null));
    assertEquals(once, spec.apply(once));
  }
}
