package io.codeanatomy.delta;

import io.codeanatomy.core.policy.PolicyChecks;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a loaded snapshot is (reference {@code DeltaSnapshotInfo}, §1.2): the caller's table URI,
 * version, commit timestamp, protocol, sorted feature lists (empty for legacy protocols), sorted
 * table properties, the schema as Delta JSON and the partition columns.
 */
public record DeltaSnapshotInfo(
    String tableUri,
    long version,
    Long snapshotTimestamp,
    int minReaderVersion,
    int minWriterVersion,
    List<String> readerFeatures,
    List<String> writerFeatures,
    Map<String, String> tableProperties,
    String schemaJson,
    List<String> partitionColumns) {

  public DeltaSnapshotInfo {
    readerFeatures = PolicyChecks.listOf("readerFeatures", readerFeatures.stream().sorted().toList());
    writerFeatures = PolicyChecks.listOf("writerFeatures", writerFeatures.stream().sorted().toList());
    tableProperties = Collections.unmodifiableMap(new TreeMap<>(tableProperties));
    partitionColumns = PolicyChecks.listOf("partitionColumns", partitionColumns);
  }

  /** The reference's {@code snapshot_payload}: {@code snapshot_timestamp} only when known. */
  public Map<String, Object> payload() {
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("table_uri", tableUri);
    payload.put("version", version);
    if (snapshotTimestamp != null) {
      payload.put("snapshot_timestamp", snapshotTimestamp);
    }
    payload.put("min_reader_version", minReaderVersion);
    payload.put("min_writer_version", minWriterVersion);
    payload.put("reader_features", readerFeatures);
    payload.put("writer_features", writerFeatures);
    payload.put("table_properties", tableProperties);
    payload.put("schema_json", schemaJson);
    payload.put("partition_columns", partitionColumns);
    return Collections.unmodifiableMap(payload);
  }
}
