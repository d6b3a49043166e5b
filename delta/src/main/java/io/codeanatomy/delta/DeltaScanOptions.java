package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.Map;

/**
 * How a registered Delta table is scanned (§3.2): an optional column holding each row's data-file
 * path, whether filters are evaluated while Parquet rows are decoded (default true), and whether
 * strings and binaries come out as Arrow view types (null: the session's
 * {@code datafusion.execution.parquet.schema_force_view_types}, default true), and whether partition
 * columns come out dictionary-encoded ({@code Dictionary(UInt16, type)}: one value per file, default
 * false).
 */
public record DeltaScanOptions(String fileColumnName, boolean enableParquetPushdown, Boolean schemaForceViewTypes,
    boolean wrapPartitionValues) implements FingerprintableConfig {

  public static final DeltaScanOptions DEFAULT = new DeltaScanOptions(null, true, null, false);

  public DeltaScanOptions {
    if (fileColumnName != null) {
      PolicyChecks.columnName("DeltaScanOptions.fileColumnName", fileColumnName);
    }
  }

  public DeltaScanOptions withFileColumn(String name) {
    return new DeltaScanOptions(name, enableParquetPushdown, schemaForceViewTypes, wrapPartitionValues);
  }

  public DeltaScanOptions withWrappedPartitionValues(boolean value) {
    return new DeltaScanOptions(fileColumnName, enableParquetPushdown, schemaForceViewTypes, value);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("file_column_name", fileColumnName, "enable_parquet_pushdown", enableParquetPushdown,
        "schema_force_view_types", schemaForceViewTypes, "wrap_partition_values", wrapPartitionValues);
  }
}
