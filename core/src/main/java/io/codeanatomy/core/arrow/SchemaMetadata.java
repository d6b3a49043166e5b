package io.codeanatomy.core.arrow;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.fingerprint.CanonicalMsgpack;
import io.codeanatomy.core.internal.MsgpackValues;
import io.codeanatomy.core.internal.PythonNumbers;
import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.text.Utf8Order;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Schema and field metadata keys and encodings (reference: {@code schema_constants.py},
 * {@code metadata_codec.py}, {@code encoding_metadata.py}).
 *
 * <p>List and map metadata values are MessagePack ({@link #encodeMetadataList} etc. return the
 * reference's exact bytes). Arrow Java and arrow-rs hold metadata as {@code String -> String}, and
 * MessagePack is not valid UTF-8, so such values are stored as ISO-8859-1 text, one char per byte
 * ({@link #bytesAsText}/{@link #textAsBytes}): lossless, and the bytes come back unchanged.
 */
public final class SchemaMetadata {
  public static final String DEFAULT_VALUE = "default_value";
  public static final String KEY_FIELDS = "key_fields";
  public static final String REQUIRED_NON_NULL = "required_non_null";
  public static final String REQUIRED_FUNCTIONS = "required_functions";
  public static final String OPTIONAL_FUNCTIONS = "optional_functions";
  public static final String REQUIRED_FUNCTION_SIGNATURES = "required_function_signatures";
  public static final String REQUIRED_FUNCTION_SIGNATURE_TYPES = "required_function_signature_types";
  public static final String SCHEMA_NAME = "schema_name";
  public static final String SCHEMA_VERSION = "schema_version";
  public static final String SCHEMA_ABI_FINGERPRINT = "schema_abi_fingerprint";
  public static final String EXTRACTOR_OPTION_DEFAULTS = "extractor_option_defaults";
  public static final String ORDERING_LEVEL = "ordering_level";
  public static final String ORDERING_KEYS = "ordering_keys";
  public static final String OPTIONS_HASH = "options_hash";
  public static final String REPO_ID = "repo_id";
  public static final String EXTRACTOR_NAME = "extractor_name";
  public static final String EXTRACTOR_VERSION = "extractor_version";
  /** Field-level encoding keys. */
  public static final String ENCODING = "encoding";
  public static final String ENCODING_DICTIONARY = "dictionary";
  public static final String DICTIONARY_INDEX_TYPE = "dictionary_index_type";
  public static final String DICTIONARY_ORDERED = "dictionary_ordered";
  /** Provenance columns and the scanner columns they come from. */
  public static final List<String> PROVENANCE_COLS =
      List.of("prov_filename", "prov_fragment_index", "prov_batch_index", "prov_last_in_fragment");
  public static final Map<String, String> PROVENANCE_SOURCE_COLS = orderedMap(
      "__filename", "prov_filename", "__fragment_index", "prov_fragment_index",
      "__batch_index", "prov_batch_index", "__last_in_fragment", "prov_last_in_fragment");
  /** {@code METADATA_PAYLOAD_VERSION}. */
  public static final int METADATA_PAYLOAD_VERSION = 1;

  private SchemaMetadata() {}

  /** {@code schema_metadata(name, version)}: {@code schema_name}, plus {@code schema_version} when version is not null. */
  public static Map<String, String> schemaMetadata(String name, Integer version) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(SCHEMA_NAME, name);
    if (version != null) {
      metadata.put(SCHEMA_VERSION, version.toString());
    }
    return metadata;
  }

  /**
   * {@code schema_metadata_for_spec}: {@link #schemaMetadata}, then {@code required_non_null} and
   * {@code key_fields} as metadata lists ({@link #encodeMetadataList}, carried by {@link #bytesAsText})
   * when non-empty.
   */
  public static Map<String, String> schemaMetadataForSpec(String name, Integer version, List<String> requiredNonNull,
      List<String> keyFields) {
    Map<String, String> metadata = schemaMetadata(name, version);
    if (!requiredNonNull.isEmpty()) {
      metadata.put(REQUIRED_NON_NULL, bytesAsText(encodeMetadataList(requiredNonNull)));
    }
    if (!keyFields.isEmpty()) {
      metadata.put(KEY_FIELDS, bytesAsText(encodeMetadataList(keyFields)));
    }
    return metadata;
  }

  /**
   * {@code schema_identity_from_metadata}: {@code name} when {@code schema_name} is present, and
   * {@code version} (re-rendered) only when {@code schema_version} parses as an integer.
   */
  public static Map<String, String> schemaIdentityFromMetadata(Map<String, String> metadata) {
    Map<String, String> identity = new LinkedHashMap<>();
    if (metadata == null || metadata.isEmpty()) {
      return identity;
    }
    String name = metadata.get(SCHEMA_NAME);
    if (name != null) {
      identity.put("name", name);
    }
    String version = metadata.get(SCHEMA_VERSION);
    if (version != null) {
      PythonNumbers.parseInt(version)
          .ifPresent(parsed -> identity.put("version", Long.toString(parsed)));
    }
    return identity;
  }

  /** {@code dict_field_metadata(index_type, ordered, metadata)}: encoding keys (index type default {@code int32}), then {@code extra}. */
  public static Map<String, String> dictFieldMetadata(String indexType, boolean ordered, Map<String, String> extra) {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(ENCODING, ENCODING_DICTIONARY);
    metadata.put(DICTIONARY_INDEX_TYPE, indexType == null ? "int32" : indexType);
    metadata.put(DICTIONARY_ORDERED, ordered ? "1" : "0");
    if (extra != null) {
      metadata.putAll(extra);
    }
    return metadata;
  }

  /** {@code encode_metadata_list}: MessagePack {@code {"version": 1, "entries": [str(x), ...]}}. */
  public static byte[] encodeMetadataList(List<?> entries) {
    List<String> texts = entries.stream().map(PythonText::str).toList();
    return CanonicalMsgpack.encode(versioned(texts));
  }

  /** {@code decode_metadata_list}: empty for null or empty input; {@code null} items dropped. */
  public static List<String> decodeMetadataList(byte[] payload) {
    List<String> result = new ArrayList<>();
    for (Object item : entries(payload, "metadata_list")) {
      if (item != null) {
        result.add(PythonText.str(item));
      }
    }
    return result;
  }

  /**
   * {@code encode_metadata_map}: MessagePack {@code {"version": 1, "entries": [{"key", "value"}]}}
   * sorted by key text; values as text, {@code null} as {@code ""}.
   */
  public static byte[] encodeMetadataMap(Map<?, ?> map) {
    return CanonicalMsgpack.encode(versioned(sortedEntries(map, value -> value == null ? "" : PythonText.str(value))));
  }

  /** {@code decode_metadata_map}: entries without a key are skipped; a missing value reads as {@code ""}. */
  public static Map<String, String> decodeMetadataMap(byte[] payload) {
    Map<String, String> result = new LinkedHashMap<>();
    for (Map<?, ?> entry : mapEntries(payload, "metadata_map")) {
      Object value = entry.get("value");
      result.put(PythonText.str(entry.get("key")), value == null ? "" : PythonText.str(value));
    }
    return result;
  }

  /**
   * {@code encode_metadata_scalar_map}: as {@link #encodeMetadataMap} but booleans, numbers, text and
   * bytes keep their type; other values become text.
   */
  public static byte[] encodeMetadataScalarMap(Map<?, ?> map) {
    return CanonicalMsgpack.encode(versioned(sortedEntries(map, SchemaMetadata::scalar)));
  }

  /** {@code decode_metadata_scalar_map}: values keep their decoded type. */
  public static Map<String, Object> decodeMetadataScalarMap(byte[] payload) {
    Map<String, Object> result = new LinkedHashMap<>();
    for (Map<?, ?> entry : mapEntries(payload, "metadata_scalar_map")) {
      result.put(PythonText.str(entry.get("key")), entry.get("value"));
    }
    return result;
  }

  /** Carries metadata bytes in Arrow Java's string metadata, one ISO-8859-1 char per byte. */
  public static String bytesAsText(byte[] bytes) {
    return new String(bytes, StandardCharsets.ISO_8859_1);
  }

  /** Inverse of {@link #bytesAsText}. */
  public static byte[] textAsBytes(String text) {
    return text.getBytes(StandardCharsets.ISO_8859_1);
  }

  static Map<String, Object> versioned(Object entries) {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("version", METADATA_PAYLOAD_VERSION);
    payload.put("entries", entries);
    return payload;
  }

  private static Object scalar(Object value) {
    if (value == null || value instanceof Boolean || value instanceof Number || value instanceof String
        || value instanceof byte[]) {
      return value;
    }
    return PythonText.str(value);
  }

  private static List<Map<String, Object>> sortedEntries(Map<?, ?> map, java.util.function.Function<Object, Object> valueOf) {
    TreeMap<String, Object> sorted = new TreeMap<>(Utf8Order.INSTANCE);
    map.forEach((key, value) -> sorted.put(PythonText.str(key), valueOf.apply(value)));
    List<Map<String, Object>> entries = new ArrayList<>();
    sorted.forEach((key, value) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("key", key);
      entry.put("value", value);
      entries.add(entry);
    });
    return entries;
  }

  /** The {@code entries} list of a versioned payload; empty for null/empty input. */
  static List<?> entries(byte[] payload, String label) {
    if (payload == null || payload.length == 0) {
      return List.of();
    }
    Object decoded = MsgpackValues.decode(payload, label);
    if (!(decoded instanceof Map<?, ?> map)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, label + " payload must contain a mapping.", null);
    }
    Object entries = map.get("entries");
    if (!(entries instanceof List<?> list)) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, label + " entries must be a list.", null);
    }
    return list;
  }

  private static List<Map<?, ?>> mapEntries(byte[] payload, String label) {
    List<Map<?, ?>> result = new ArrayList<>();
    for (Object item : entries(payload, label)) {
      if (item instanceof Map<?, ?> entry && entry.get("key") != null) {
        result.add(entry);
      }
    }
    return result;
  }

  private static Map<String, String> orderedMap(String... keysAndValues) {
    Map<String, String> map = new LinkedHashMap<>();
    for (int index = 0; index < keysAndValues.length; index += 2) {
      map.put(keysAndValues[index], keysAndValues[index + 1]);
    }
    return java.util.Collections.unmodifiableMap(map);
  }
}
