package io.codeanatomy.core.arrow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.arrow.vector.types.TimeUnit;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;
import org.junit.jupiter.api.Test;

class ArrowFieldsTest {
  private static void assertField(Field field, String name, String type, boolean nullable) {
    assertEquals(name, field.getName());
    assertEquals(type, ArrowTypeNames.of(field));
    assertEquals(nullable, field.isNullable());
    assertTrue(field.getMetadata() == null || field.getMetadata().isEmpty(), "factories attach no metadata");
  }

  @Test
  void semanticFactoriesUseReferenceDefaults() {
    Map<String, Supplier<Field>> factories = Map.ofEntries(
        Map.entry("id string false", ArrowFields::idField),
        Map.entry("version int32 false", ArrowFields::versionField),
        Map.entry("timestamp timestamp[us] true", ArrowFields::timestampField),
        Map.entry("task_name string false", ArrowFields::taskNameField),
        Map.entry("fingerprint string false", ArrowFields::fingerprintField),
        Map.entry("plan_fingerprint string false", ArrowFields::planFingerprintField),
        Map.entry("dataset_name string false", ArrowFields::datasetNameField),
        Map.entry("path string false", ArrowFields::pathField),
        Map.entry("line int32 false", ArrowFields::lineField),
        Map.entry("column int32 true", ArrowFields::columnField),
        Map.entry("bstart int64 false", () -> ArrowFields.byteOffsetField("bstart")));
    factories.forEach((expected, factory) -> {
      String[] parts = expected.split(" ");
      assertField(factory.get(), parts[0], parts[1], Boolean.parseBoolean(parts[2]));
    });
  }

  @Test
  void semanticFactoriesAcceptNameAndNullability() {
    assertField(ArrowFields.idField("node_id", true), "node_id", "string", true);
    assertField(ArrowFields.columnField("col", false), "col", "int32", false);
    assertField(ArrowFields.byteOffsetField("bend", true), "bend", "int64", true);
    assertField(ArrowFields.timestampField("at", TimeUnit.NANOSECOND, "UTC", false), "at", "timestamp[ns, tz=UTC]", false);
  }

  @Test
  void primitiveBuildersAreNullableByDefault() {
    assertField(ArrowFields.stringField("s"), "s", "string", true);
    assertField(ArrowFields.int64Field("i"), "i", "int64", true);
    assertField(ArrowFields.int32Field("j"), "j", "int32", true);
    assertField(ArrowFields.float64Field("f"), "f", "double", true);
    assertField(ArrowFields.boolField("b"), "b", "bool", true);
    assertField(ArrowFields.binaryField("x"), "x", "binary", true);
    assertField(ArrowFields.boolField("b", false), "b", "bool", false);
    assertField(ArrowFields.listField("l", ArrowFields.INT64, true), "l", "list<item: int64>", true);
    assertField(ArrowFields.structField("s", List.of(ArrowFields.idField()), false), "s", "struct<id: string not null>",
        false);
  }

  @Test
  void versionedMetadataSchemaHasVersionNameExtrasAndSchemaVersion() {
    Schema schema = ArrowSchemas.versionedMetadataSchema("task_name", List.of(ArrowFields.lineField()), 4);
    assertEquals(List.of("version", "task_name", "line"), schema.getFields().stream().map(Field::getName).toList());
    assertFalse(schema.getFields().get(1).isNullable());
    assertEquals(Map.of("schema_version", "4"), schema.getCustomMetadata());
    assertEquals(Map.of("schema_version", "1"),
        ArrowSchemas.versionedMetadataSchema("n", List.of()).getCustomMetadata());
  }

  @Test
  void structTypeFactoriesMatchReference() {
    assertEquals("struct<key: string not null, value_kind: string not null, value: string>",
        ArrowTypeNames.of(ArrowSchemas.mapEntryType()));
    assertEquals("struct<key: string not null, value: string>", ArrowTypeNames.of(ArrowSchemas.mapEntryType(false)));
    assertEquals("struct<plan_name: string not null, plan_fingerprint: string not null, "
        + "plan_task_signature: string not null>", ArrowTypeNames.of(ArrowSchemas.planFingerprintEntryType()));
  }

  @Test
  void versionedEntriesSchemas() {
    Schema entries = ArrowSchemas.versionedEntriesSchema(ArrowSchemas.planFingerprintEntryType(), ArrowFields.INT64, false);
    assertField(entries.getFields().get(0), "version", "int64", false);
    assertField(entries.getFields().get(1), "entries", "list<item: " + ArrowTypeNames.of(
        ArrowSchemas.planFingerprintEntryType()) + ">", false);
    Schema strings = ArrowSchemas.stringListSchema(null);
    assertField(strings.getFields().get(0), "version", "int32", false);
    assertField(strings.getFields().get(1), "entries", "list<item: string>", true);
    assertNull(strings.getCustomMetadata().get("schema_version"));
    assertEquals(strings, ArrowSchemas.versionedEntriesSchema(ArrowFields.field("x", ArrowType.Utf8.INSTANCE, true)));
  }
}
