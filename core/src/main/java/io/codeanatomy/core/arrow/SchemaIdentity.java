package io.codeanatomy.core.arrow;

import io.codeanatomy.core.fingerprint.Hashing;
import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.text.Utf8Order;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.arrow.vector.types.pojo.ArrowType;
import org.apache.arrow.vector.types.pojo.Field;
import org.apache.arrow.vector.types.pojo.FieldType;
import org.apache.arrow.vector.types.pojo.Schema;

/**
 * Schema ABI payloads and identity hashes (reference: {@code arrow/abi.py}, {@code datafusion_engine/identity.py}).
 */
public final class SchemaIdentity {
  public static final int SCHEMA_ABI_VERSION = 1;
  private static final int OPTIONS_HASH_VERSION = 1;

  private SchemaIdentity() {}

  /**
   * {@code schema_abi_payload}: {@code {"abi_version": 1, "fields": [...], "metadata": {...}}}. Each
   * field is {@code {"name", "type" (pyarrow spelling), "nullable", "metadata", "extension"}} plus,
   * for structs, {@code "flattened_fields"}: the children named {@code parent.child}, nullable when
   * either is, described the same way.
   */
  public static Map<String, Object> schemaAbiPayload(Schema schema) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("abi_version", SCHEMA_ABI_VERSION);
    payload.put("fields", schema.getFields().stream().map(SchemaIdentity::fieldPayload).toList());
    payload.put("metadata", sortedMetadata(schema.getCustomMetadata()));
    return payload;
  }

  /** {@code schema_identity_payload}: {@code {"schema": schemaAbiPayload(schema)}}. */
  public static Map<String, Object> schemaIdentityPayload(Schema schema) {
    return Map.of("schema", schemaAbiPayload(schema));
  }

  /** {@code schema_identity_hash}: {@link #identityFingerprint} of {@link #schemaIdentityPayload}. */
  public static String schemaIdentityHash(Schema schema) {
    return identityFingerprint(schemaIdentityPayload(schema));
  }

  /** {@code build_identity_payload(sources, view)}; null maps become empty. */
  public static Map<String, Object> buildIdentityPayload(Map<String, ?> sources, Map<String, ?> view) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("sources", sources == null ? Map.of() : new LinkedHashMap<>(sources));
    payload.put("view", view == null ? Map.of() : new LinkedHashMap<>(view));
    return payload;
  }

  /** {@code identity_fingerprint}: {@link Hashing#hashMsgpackCanonical}. */
  public static String identityFingerprint(Object payload) {
    return Hashing.hashMsgpackCanonical(payload);
  }

  /**
   * {@code options_hash}: canonical MessagePack hash of {@code {"version": 1, "options": normalised}},
   * where records become maps of their components, paths text, map keys text (sorted), sets lists
   * sorted by their text, and arrays lists.
   */
  public static String optionsHash(Object options) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("version", OPTIONS_HASH_VERSION);
    payload.put("options", normalizeOption(options));
    return Hashing.hashMsgpackCanonical(payload);
  }

  private static Object normalizeOption(Object value) {
    if (value instanceof Record record) {
      Map<String, Object> fields = new LinkedHashMap<>();
      for (RecordComponent component : record.getClass().getRecordComponents()) {
        fields.put(component.getName(), normalizeOption(readComponent(record, component)));
      }
      return fields;
    }
    if (value instanceof Path path) {
      return path.toString();
    }
    if (value instanceof Map<?, ?> map) {
      TreeMap<String, Object> sorted = new TreeMap<>(Utf8Order.INSTANCE);
      map.forEach((key, item) -> sorted.put(PythonText.str(key), normalizeOption(item)));
      return sorted;
    }
    if (value instanceof Set<?> set) {
      List<Object> items = new ArrayList<>(set);
      items.sort((left, right) -> Utf8Order.INSTANCE.compare(
          PythonText.str(left), PythonText.str(right)));
      return items.stream().map(SchemaIdentity::normalizeOption).toList();
    }
    if (value instanceof List<?> list) {
      return list.stream().map(SchemaIdentity::normalizeOption).toList();
    }
    if (value instanceof Object[] array) {
      return Arrays.stream(array).map(SchemaIdentity::normalizeOption).toList();
    }
    return value;
  }

  private static Object readComponent(Record record, RecordComponent component) {
    try {
      return component.getAccessor().invoke(record);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("record accessor " + component.getName(), e);
    }
  }

  private static Map<String, Object> fieldPayload(Field field) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("name", field.getName());
    payload.put("type", ArrowTypeNames.of(field));
    payload.put("nullable", field.isNullable());
    payload.put("metadata", sortedMetadata(field.getMetadata()));
    payload.put("extension", extensionPayload(field.getType()));
    if (field.getType() instanceof ArrowType.Struct) {
      payload.put("flattened_fields", flatten(field).stream().map(SchemaIdentity::fieldPayload).toList());
    }
    return payload;
  }

  private static Map<String, Object> extensionPayload(ArrowType type) {
    if (!(type instanceof ArrowType.ExtensionType extension)) {
      return null;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("extension_name", extension.extensionName());
    payload.put("storage_type", ArrowTypeNames.of(extension.storageType()));
    return payload;
  }

  /** pyarrow's {@code Field.flatten()}: one level of struct children, renamed and nullable if either is. */
  private static List<Field> flatten(Field struct) {
    return struct.getChildren().stream().map(child -> new Field(struct.getName() + "." + child.getName(),
        new FieldType(struct.isNullable() || child.isNullable(), child.getType(), child.getDictionary(), child.getMetadata()),
        child.getChildren())).toList();
  }

  private static Map<String, String> sortedMetadata(Map<String, String> metadata) {
    TreeMap<String, String> sorted = new TreeMap<>(Utf8Order.INSTANCE);
    if (metadata != null) {
      sorted.putAll(metadata);
    }
    return sorted;
  }
}
