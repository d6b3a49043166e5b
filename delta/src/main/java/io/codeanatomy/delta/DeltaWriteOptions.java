package io.codeanatomy.delta;

import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One write: save mode, schema evolution, partition columns (used when the write creates the
 * table), target file size, Parquet settings, commit options, the gate checked against the
 * pre-write snapshot, and table properties for a table the write creates.
 */
public record DeltaWriteOptions(
    DeltaSaveMode mode,
    DeltaSchemaMode schemaMode,
    List<String> partitionBy,
    long targetFileSize,
    String compression,
    Integer maxRowGroupRows,
    ParquetWriterPolicy parquetWriterPolicy,
    DeltaCommitOptions commitOptions,
    DeltaFeatureGate gate,
    Map<String, String> tableProperties) {

  /** delta-rs's default {@code delta.targetFileSize}. */
  public static final long DEFAULT_TARGET_FILE_SIZE = 100L * 1024 * 1024;

  public DeltaWriteOptions {
    Objects.requireNonNull(mode, "mode");
    partitionBy = PolicyChecks.columnNames("DeltaWriteOptions.partitionBy", partitionBy);
    PolicyChecks.positiveOrNull("DeltaWriteOptions.targetFileSize", targetFileSize);
    PolicyChecks.oneOf("DeltaWriteOptions.compression", compression,
        List.of("snappy", "zstd", "gzip", "lz4", "uncompressed"));
    PolicyChecks.positiveOrNull("DeltaWriteOptions.maxRowGroupRows", maxRowGroupRows);
    Objects.requireNonNull(parquetWriterPolicy, "parquetWriterPolicy");
    Objects.requireNonNull(commitOptions, "commitOptions");
    Objects.requireNonNull(gate, "gate");
    tableProperties = PolicyChecks.mapOf("DeltaWriteOptions.tableProperties", tableProperties);
    if (schemaMode == DeltaSchemaMode.OVERWRITE && mode == DeltaSaveMode.APPEND) {
      throw new io.codeanatomy.core.error.ConfigurationException("Schema overwrite not supported for Append");
    }
  }

  public static Builder append() {
    return new Builder(DeltaSaveMode.APPEND);
  }

  public static Builder overwrite() {
    return new Builder(DeltaSaveMode.OVERWRITE);
  }

  public static final class Builder {
    private final DeltaSaveMode mode;
    private DeltaSchemaMode schemaMode;
    private List<String> partitionBy = List.of();
    private long targetFileSize = DEFAULT_TARGET_FILE_SIZE;
    private String compression = "snappy";
    private Integer maxRowGroupRows;
    private ParquetWriterPolicy parquetWriterPolicy = ParquetWriterPolicy.DEFAULT;
    private DeltaCommitOptions commitOptions = DeltaCommitOptions.DEFAULT;
    private DeltaFeatureGate gate = DeltaFeatureGate.NONE;
    private Map<String, String> tableProperties = Map.of();

    private Builder(DeltaSaveMode mode) {
      this.mode = mode;
    }

    public Builder schemaMode(DeltaSchemaMode value) {
      this.schemaMode = value;
      return this;
    }

    public Builder partitionBy(List<String> value) {
      this.partitionBy = value;
      return this;
    }

    public Builder partitionBy(String... value) {
      return partitionBy(List.of(value));
    }

    public Builder targetFileSize(long value) {
      this.targetFileSize = value;
      return this;
    }

    public Builder compression(String value) {
      this.compression = value;
      return this;
    }

    public Builder maxRowGroupRows(int value) {
      this.maxRowGroupRows = value;
      return this;
    }

    public Builder parquetWriterPolicy(ParquetWriterPolicy value) {
      this.parquetWriterPolicy = value;
      return this;
    }

    public Builder commitOptions(DeltaCommitOptions value) {
      this.commitOptions = value;
      return this;
    }

    public Builder gate(DeltaFeatureGate value) {
      this.gate = value;
      return this;
    }

    public Builder tableProperties(Map<String, String> value) {
      this.tableProperties = value;
      return this;
    }

    public DeltaWriteOptions build() {
      return new DeltaWriteOptions(mode, schemaMode, partitionBy, targetFileSize, compression, maxRowGroupRows,
          parquetWriterPolicy, commitOptions, gate, tableProperties);
    }
  }
}
