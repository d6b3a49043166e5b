package io.codeanatomy.validation;

import io.codeanatomy.core.error.ConfigurationException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Schema- and field-level metadata to apply to a table (reference: {@code SchemaMetadataSpec}, whose
 * maps hold bytes). Keys and values are held as text; their bytes are the UTF-8 encoding.
 *
 * @param schemaMetadata schema metadata
 * @param fieldMetadata per field name, that field's metadata; a dotted name ({@code a.b.c}) addresses
 *     a nested child (see {@link #apply})
 */
public record SchemaMetadataSpec(Map<String, String> schemaMetadata, Map<String, Map<String, String>> fieldMetadata) {
  public static final SchemaMetadataSpec EMPTY = new SchemaMetadataSpec(Map.of(), Map.of());

  public SchemaMetadataSpec {
    schemaMetadata = checkedCopy("schema metadata", schemaMetadata);
    Map<String, Map<String, String>> fields = new LinkedHashMap<>();
    fieldMetadata.forEach((field, metadata) -> {
      if (field == null || field.isEmpty()) {
        throw new ConfigurationException("SchemaMetadataSpec.fieldMetadata: field names must be non-empty");
      }
      fields.put(field, checkedCopy("metadata of field '" + field + "'", metadata));
    });
    fieldMetadata = Collections.unmodifiableMap(fields);
  }

  private static Map<String, String> checkedCopy(String label, Map<String, String> metadata) {
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach((key, value) -> {
      if (key == null || value == null) {
        throw new ConfigurationException("SchemaMetadataSpec: " + label + " keys and values must be non-null");
      }
      copy.put(key, value);
    });
    return Collections.unmodifiableMap(copy);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * {@code merge_metadata_specs}: left to right, a later spec's value wins per key; field metadata is
   * merged per field name.
   */
  public static SchemaMetadataSpec mergeMetadataSpecs(SchemaMetadataSpec... specs) {
    Builder merged = builder();
    for (SchemaMetadataSpec spec : specs) {
      merged.schemaMetadata(spec.schemaMetadata);
      spec.fieldMetadata.forEach(merged::fieldMetadata);
    }
    return merged.build();
  }

  /**
   * {@code apply}: {@code schema} with this metadata merged in, this spec's values winning. A field
   * name without {@code .} names a top-level column; a dotted name walks struct children, the value
   * field of list, large list and list view types, and the key or value field of a map (whose key
   * field is made non-nullable, as Arrow requires). Names that match no field change nothing. The
   * schema metadata is merged only when this spec has some; otherwise the schema's is kept.
   */
  public Schema apply(Schema schema) {
    List<Field> fields = new ArrayList<>(schema.getFields());
    fieldMetadata.forEach((name, metadata) -> {
      List<String> path = List.of(name.split("\\.", -1));
      for (int index = 0; index < fields.size(); index++) {
        if (fields.get(index).getName().equals(path.get(0))) {
          fields.set(index, withMetadataAt(fields.get(index), path.subList(1, path.size()), metadata));
        }
      }
    });
    Map<String, String> metadata = schema.getCustomMetadata();
    if (!schemaMetadata.isEmpty()) {
      metadata = merged(metadata, schemaMetadata);
    }
    return new Schema(fields, metadata == null || metadata.isEmpty() ? null : metadata);
  }

  private static Field withMetadataAt(Field field, List<String> path, Map<String, String> metadata) {
    if (path.isEmpty()) {
      return rebuilt(field, field.isNullable(), merged(field.getMetadata(), metadata), field.getChildren());
    }
    ArrowType type = field.getType();
    List<Field> children = field.getChildren();
    if (type instanceof ArrowType.Struct || isList(type)) {
      List<Field> updated = new ArrayList<>(children);
      for (int index = 0; index < updated.size(); index++) {
        if (updated.get(index).getName().equals(path.get(0))) {
          updated.set(index, withMetadataAt(updated.get(index), path.subList(1, path.size()), metadata));
        }
      }
      return rebuilt(field, field.isNullable(), field.getMetadata(), updated);
    }
    if (type instanceof ArrowType.Map && children.size() == 1 && children.get(0).getChildren().size() == 2) {
      Field entries = children.get(0);
      Field key = entries.getChildren().get(0);
      Field value = entries.getChildren().get(1);
      if (key.getName().equals(path.get(0))) {
        key = withMetadataAt(key, path.subList(1, path.size()), metadata);
      } else if (value.getName().equals(path.get(0))) {
        value = withMetadataAt(value, path.subList(1, path.size()), metadata);
      } else {
        return field;
      }
      Field nonNullKey = rebuilt(key, false, key.getMetadata(), key.getChildren());
      return rebuilt(field, field.isNullable(), field.getMetadata(),
          List.of(rebuilt(entries, entries.isNullable(), entries.getMetadata(), List.of(nonNullKey, value))));
    }
    return field;
  }

  private static boolean isList(ArrowType type) {
    return type instanceof ArrowType.List || type instanceof ArrowType.LargeList || type instanceof ArrowType.ListView;
  }

  private static Field rebuilt(Field field, boolean nullable, Map<String, String> metadata, List<Field> children) {
    FieldType fieldType = new FieldType(nullable, field.getType(), field.getDictionary(),
        metadata == null || metadata.isEmpty() ? null : metadata);
    return new Field(field.getName(), fieldType, children);
  }

  private static Map<String, String> merged(Map<String, String> base, Map<String, String> overlay) {
    Map<String, String> merged = new LinkedHashMap<>(base == null ? Map.of() : base);
    merged.putAll(overlay);
    return merged;
  }

  /**
   * {@code {"schema_metadata": ..., "field_metadata": ...}} with every metadata key and value as
   * the standard base64 of its bytes (what the reference's {@code to_builtins} does to bytes);
   * field names stay text.
   */
  public Map<String, Object> payload() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fieldMetadata.forEach((field, metadata) -> fields.put(field, base64Map(metadata)));
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("schema_metadata", base64Map(schemaMetadata));
    payload.put("field_metadata", fields);
    return payload;
  }

  private static Map<String, String> base64Map(Map<String, String> metadata) {
    Map<String, String> encoded = new LinkedHashMap<>();
    metadata.forEach((key, value) -> encoded.put(base64(key), base64(value)));
    return encoded;
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  /** Builder of {@link SchemaMetadataSpec}; a key set twice keeps its last value. */
  public static final class Builder {
    private final Map<String, String> schemaMetadata = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> fieldMetadata = new LinkedHashMap<>();

    private Builder() {}

    public Builder schemaMetadata(String key, String value) {
      schemaMetadata.put(key, value);
      return this;
    }

    public Builder schemaMetadata(Map<String, String> values) {
      schemaMetadata.putAll(values);
      return this;
    }

    /** Metadata for the field {@code name} (dotted for a nested child), merged into what was given before. */
    public Builder fieldMetadata(String name, Map<String, String> values) {
      fieldMetadata.computeIfAbsent(name, ignored -> new LinkedHashMap<>()).putAll(values);
      return this;
    }

    public Builder fieldMetadata(String name, String key, String value) {
      return fieldMetadata(name, Map.of(key, value));
    }

    public SchemaMetadataSpec build() {
      return new SchemaMetadataSpec(schemaMetadata, fieldMetadata);
    }
  }
}
