package io.codeanatomy.core.arrow;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Shared struct types and schemas (reference: {@code arrow/schema.py}). Arrow Java attaches a
 * nested type's children to a {@link Field}, so "types" here are element fields named {@code item},
 * ready to be used as list elements or renamed via {@link ArrowFields#listField(String, Field, boolean)}.
 */
public final class ArrowSchemas {
  private ArrowSchemas() {}

  /** {@code map_entry_type()}: {@code struct<key: string not null, value_kind: string not null, value: string>}. */
  public static Field mapEntryType() {
    return mapEntryType(true);
  }

  /** {@code map_entry_type(with_kind=...)}; without kind the {@code value_kind} child is left out. */
  public static Field mapEntryType(boolean withKind) {
    List<Field> children = new ArrayList<>();
    children.add(ArrowFields.stringField("key", false));
    if (withKind) {
      children.add(ArrowFields.stringField("value_kind", false));
    }
    children.add(ArrowFields.stringField("value", true));
    return ArrowFields.structField(ArrowFields.LIST_ITEM_NAME, children, true);
  }

  /** {@code plan_fingerprint_entry_type()}: {@code plan_name}, {@code plan_fingerprint}, {@code plan_task_signature}, all non-null strings. */
  public static Field planFingerprintEntryType() {
    return ArrowFields.structField(ArrowFields.LIST_ITEM_NAME, List.of(
        ArrowFields.stringField("plan_name", false),
        ArrowFields.stringField("plan_fingerprint", false),
        ArrowFields.stringField("plan_task_signature", false)), true);
  }

  /**
   * {@code versioned_entries_schema(entry_type, version_type=None, entries_nullable=True)}: a
   * non-null {@code version} (int32 when {@code versionType} is null) and {@code entries: list<entry>}.
   */
  public static Schema versionedEntriesSchema(Field entryType, ArrowType versionType, boolean entriesNullable) {
    ArrowType version = versionType == null ? ArrowFields.INT32 : versionType;
    return new Schema(List.of(
        ArrowFields.field("version", version, false),
        ArrowFields.listField("entries", entryType, entriesNullable)));
  }

  /** {@code versioned_entries_schema(entry_type)} with the defaults. */
  public static Schema versionedEntriesSchema(Field entryType) {
    return versionedEntriesSchema(entryType, null, true);
  }

  /** {@code string_list_schema(version_type=None)}: versioned entries of nullable strings. */
  public static Schema stringListSchema(ArrowType versionType) {
    return versionedEntriesSchema(ArrowFields.field(ArrowFields.LIST_ITEM_NAME, ArrowFields.UTF8, true), versionType, true);
  }

  /**
   * {@code versioned_metadata_schema(name, extra_fields, schema_version=1)}: {@code version},
   * a non-null string field {@code name}, then {@code extraFields}; schema metadata
   * {@code schema_version} = the version as text.
   */
  public static Schema versionedMetadataSchema(String name, List<Field> extraFields, int schemaVersion) {
    List<Field> fields = new ArrayList<>();
    fields.add(ArrowFields.versionField());
    fields.add(ArrowFields.stringField(name, false));
    fields.addAll(extraFields);
    return new Schema(fields, Map.of(SchemaMetadata.SCHEMA_VERSION, Integer.toString(schemaVersion)));
  }

  /** {@link #versionedMetadataSchema(String, List, int)} with schema version 1. */
  public static Schema versionedMetadataSchema(String name, List<Field> extraFields) {
    return versionedMetadataSchema(name, extraFields, 1);
  }
}
