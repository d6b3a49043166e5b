package io.codeanatomy.core.arrow;

import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.fingerprint.CanonicalMsgpack;
import io.codeanatomy.core.internal.MsgpackValues;
import io.codeanatomy.core.text.PythonText;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Ordering metadata of a schema (reference: {@code ordering_metadata_spec}, {@code ordering_from_schema},
 * {@code infer_ordering_keys}). Keys are written as MessagePack {@code {"version": 1, "entries": [{"column", "order"}]}}.
 */
public record Ordering(OrderingLevel level, List<Key> keys) {
  public static final int ORDERING_KEYS_VERSION = 1;
  public static final String ASCENDING = "ascending";
  /** Columns, after the {@code *_id} ones, that {@link #inferKeys} recognises, in priority order. */
  private static final List<String> KNOWN_ORDER_COLUMNS = List.of("ast_idx", "parent_ast_idx", "child_ast_idx",
      "bstart", "bend", "start_byte", "end_byte", "lineno", "col_offset", "offset", "instr_index", "start_offset",
      "end_offset", "raw_line", "raw_column", "table_id", "name", "prov_filename", "prov_fragment_index",
      "prov_batch_index", "prov_last_in_fragment");

  /** One sort key: a column and its order ({@code ascending}/{@code descending}). */
  public record Key(String column, String order) {
    public Key {
      Objects.requireNonNull(column, "column");
      Objects.requireNonNull(order, "order");
    }
  }

  public Ordering {
    Objects.requireNonNull(level, "level");
    keys = List.copyOf(keys);
  }

  public static Ordering unordered() {
    return new Ordering(OrderingLevel.UNORDERED, List.of());
  }

  /** {@code ordering_metadata_spec}: {@code ordering_level}, plus {@code ordering_keys} (ISO-8859-1 carried MessagePack) when keys exist. */
  public Map<String, String> toMetadata() {
    Map<String, String> metadata = new LinkedHashMap<>();
    metadata.put(SchemaMetadata.ORDERING_LEVEL, level.wireValue());
    if (!keys.isEmpty()) {
      metadata.put(SchemaMetadata.ORDERING_KEYS, SchemaMetadata.bytesAsText(encodeKeys(keys)));
    }
    return metadata;
  }

  /** The reference's {@code ordering_keys} bytes. */
  public static byte[] encodeKeys(List<Key> keys) {
    List<Map<String, Object>> entries = new ArrayList<>();
    for (Key key : keys) {
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("column", key.column());
      entry.put("order", key.order());
      entries.add(entry);
    }
    return CanonicalMsgpack.encode(SchemaMetadata.versioned(entries));
  }

  /**
   * {@code ordering_from_schema}: unordered when the level is absent or unknown; a key without
   * {@code order} is ascending.
   *
   * @throws InvalidInputException {@code ordering_keys metadata version mismatch.} for another version
   */
  public static Ordering fromMetadata(Map<String, String> metadata) {
    String levelText = metadata == null ? null : metadata.get(SchemaMetadata.ORDERING_LEVEL);
    OrderingLevel level = null;
    for (OrderingLevel candidate : OrderingLevel.values()) {
      if (candidate.wireValue().equals(levelText)) {
        level = candidate;
      }
    }
    if (level == null) {
      return unordered();
    }
    String keysText = metadata.get(SchemaMetadata.ORDERING_KEYS);
    if (keysText == null || keysText.isEmpty()) {
      return new Ordering(level, List.of());
    }
    byte[] payload = SchemaMetadata.textAsBytes(keysText);
    Object decoded = MsgpackValues.decode(payload, "ordering_keys");
    if (!(decoded instanceof Map<?, ?> map) || !Long.valueOf(ORDERING_KEYS_VERSION).equals(map.get("version"))) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "ordering_keys metadata version mismatch.", null);
    }
    List<Key> keys = new ArrayList<>();
    for (Object item : SchemaMetadata.entries(payload, "ordering_keys")) {
      if (item instanceof Map<?, ?> entry && entry.get("column") != null) {
        Object order = entry.get("order");
        keys.add(new Key(PythonText.str(entry.get("column")), order == null ? ASCENDING : PythonText.str(order)));
      }
    }
    return new Ordering(level, keys);
  }

  /**
   * {@code infer_ordering_keys(names)}: the names ending in {@code _id} sorted, then the present
   * well-known position/provenance columns in their fixed order; all ascending.
   */
  public static List<Key> inferKeys(List<String> names) {
    List<String> columns = new ArrayList<>(names.stream().filter(name -> name.endsWith("_id")).sorted().toList());
    for (String known : KNOWN_ORDER_COLUMNS) {
      if (names.contains(known) && !columns.contains(known)) {
        columns.add(known);
      }
    }
    return columns.stream().map(column -> new Key(column, ASCENDING)).toList();
  }
}
