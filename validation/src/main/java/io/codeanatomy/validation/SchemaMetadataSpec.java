package io.codeanatomy.validation;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Schema- and field-level metadata to apply to a table (reference: {@code SchemaMetadataSpec}, whose
 * maps hold bytes). Keys and values are held as text; their bytes are the UTF-8 encoding.
 *
 * @param schemaMetadata schema metadata
 * @param fieldMetadata per field name, that field's metadata
 */
public record SchemaMetadataSpec(Map<String, String> schemaMetadata, Map<String, Map<String, String>> fieldMetadata) {

  public SchemaMetadataSpec {
    schemaMetadata = Collections.unmodifiableMap(new LinkedHashMap<>(schemaMetadata));
    Map<String, Map<String, String>> fields = new LinkedHashMap<>();
    fieldMetadata.forEach((field, metadata) -> fields.put(field, Collections.unmodifiableMap(new LinkedHashMap<>(metadata))));
    fieldMetadata = Collections.unmodifiableMap(fields);
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
}
