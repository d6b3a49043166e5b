package io.codeanatomy.validation;

import io.codeanatomy.core.arrow.ArrowTypeNames;
import io.codeanatomy.core.arrow.SchemaMetadata;
import io.codeanatomy.core.error.ConfigurationException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;

/**
 * One expected column (reference: {@code ArrowFieldSpec} / {@code FieldSpec}). Nested types keep
 * their children as Arrow {@link Field}s, because Arrow Java holds them there.
 *
 * @param name column name, matched exactly
 * @param type Arrow type
 * @param children child fields of nested types (list item, struct members, map entries), else empty
 * @param nullable whether nulls are allowed
 * @param metadata field metadata (keys non-empty), applied to the validated data
 * @param encoding {@code "dictionary"} or null
 * @param defaultValue the reference's {@code default_value}, or null
 */
public record FieldSpec(String name, ArrowType type, List<Field> children, boolean nullable, Map<String, String> metadata,
    String encoding, String defaultValue) {

  public FieldSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    children = List.copyOf(children);
    Map<String, String> copy = new LinkedHashMap<>();
    metadata.forEach((key, value) -> {
      if (key == null || key.isEmpty() || value == null) {
        throw new ConfigurationException("field '" + name + "': metadata keys must be non-empty and values non-null");
      }
      copy.put(key, value);
    });
    metadata = Collections.unmodifiableMap(copy);
  }

  /** A field without children, metadata, encoding or default. */
  public static FieldSpec of(String name, ArrowType type, boolean nullable) {
    return new FieldSpec(name, type, List.of(), nullable, Map.of(), null, null);
  }

  /**
   * The spec of an Arrow field: metadata copied, {@code encoding} set only when the metadata says
   * {@code encoding=dictionary}, {@code defaultValue} from the {@code default_value} key.
   */
  public static FieldSpec fromField(Field field) {
    Map<String, String> metadata = field.getMetadata() == null ? Map.of() : field.getMetadata();
    String encoding = SchemaMetadata.ENCODING_DICTIONARY.equals(metadata.get(SchemaMetadata.ENCODING))
        ? SchemaMetadata.ENCODING_DICTIONARY : null;
    return new FieldSpec(field.getName(), field.getType(), field.getChildren(), field.isNullable(), metadata, encoding,
        metadata.get(SchemaMetadata.DEFAULT_VALUE));
  }

  /**
   * The Arrow field: this name, type, children and nullability, with metadata (none when empty),
   * plus {@code default_value} unless the metadata has one and {@code encoding} over any it has
   * (reference {@code to_arrow_field}).
   */
  public Field toField() {
    Map<String, String> fieldMetadata = new LinkedHashMap<>(metadata);
    if (defaultValue != null) {
      fieldMetadata.putIfAbsent(SchemaMetadata.DEFAULT_VALUE, defaultValue);
    }
    if (encoding != null) {
      fieldMetadata.put(SchemaMetadata.ENCODING, encoding);
    }
    return new Field(name, new FieldType(nullable, type, null, fieldMetadata.isEmpty() ? null : fieldMetadata),
        children);
  }

  /** The type in pyarrow's spelling ({@code int64}, {@code list<item: string>}...). */
  public String typeName() {
    return ArrowTypeNames.of(toField());
  }

  public FieldSpec withNullable(boolean value) {
    return new FieldSpec(name, type, children, value, metadata, encoding, defaultValue);
  }

  public FieldSpec withMetadata(Map<String, String> value) {
    return new FieldSpec(name, type, children, nullable, value, encoding, defaultValue);
  }
}
