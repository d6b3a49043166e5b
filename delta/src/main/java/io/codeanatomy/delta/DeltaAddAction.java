package io.codeanatomy.delta;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One active data file of a snapshot (§2.4): URL-decoded relative path, size in bytes,
 * modification time in ms, partition values, the statistics JSON (or null) and whether a deletion
 * vector applies.
 */
public record DeltaAddAction(
    String path,
    long size,
    long modificationTime,
    Map<String, String> partitionValues,
    String stats,
    boolean hasDeletionVector) {

  public DeltaAddAction {
    partitionValues = Collections.unmodifiableMap(new LinkedHashMap<>(partitionValues));
  }

  /** The reference's add-action row ({@code data_change} is always true in a snapshot listing). */
  public Map<String, Object> payload() {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("path", path);
    row.put("size", size);
    row.put("modification_time", modificationTime);
    row.put("data_change", true);
    row.put("partition_values", partitionValues);
    row.put("stats", stats);
    return Collections.unmodifiableMap(row);
  }
}
