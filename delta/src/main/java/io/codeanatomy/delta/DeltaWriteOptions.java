package io.codeanatomy.delta;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.error.NotImplementedException;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One write: save mode, schema evolution, partition columns (used when the write creates the
 * table), target file size, Parquet settings, commit options, the gate checked against the
 * pre-write snapshot, table properties for a table the write creates, z-order columns (an
 * overwrite of a DataFrame is sorted by partition then z-order columns first) and, for an
 * overwrite, a replace-where predicate: only the rows it matches are replaced (see {@link
 * Builder#replaceWhere}).
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
    Map<String, String> tableProperties,
    List<String> zorderBy,
    String replaceWhere) {

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
      throw new ConfigurationException("Schema overwrite not supported for Append");
    }
    zorderBy = PolicyChecks.columnNames("DeltaWriteOptions.zorderBy", zorderBy == null ? List.of() : zorderBy);
    if (replaceWhere != null) {
      if (replaceWhere.isBlank()) {
        throw new ConfigurationException("DeltaWriteOptions.replaceWhere must not be blank");
      }
      if (mode != DeltaSaveMode.OVERWRITE) {
        throw new ConfigurationException("DeltaWriteOptions.replaceWhere needs overwrite mode, not " + mode);
      }
      if (schemaMode == DeltaSchemaMode.OVERWRITE) {
        throw new ConfigurationException("DeltaWriteOptions.replaceWhere cannot overwrite the schema: the rows it "
            + "keeps have the current one");
      }
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
    private List<String> partitionBy;
    private Long targetFileSize;
    private String compression = "snappy";
    private Integer maxRowGroupRows;
    private ParquetWriterPolicy parquetWriterPolicy;
    private DeltaCommitOptions commitOptions = DeltaCommitOptions.DEFAULT;
    private DeltaFeatureGate gate = DeltaFeatureGate.NONE;
    private Map<String, String> tableProperties = Map.of();
    private List<String> zorderBy;
    private String replaceWhere;
    private DeltaWritePolicy writePolicy;
    private DeltaSchemaPolicy schemaPolicy;

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

    public Builder zorderBy(String... value) {
      this.zorderBy = List.of(value);
      return this;
    }

    /**
     * Overwrite only the rows matching {@code predicate} (a SQL boolean expression over the table's
     * columns, partition or data columns, without subqueries): files holding matching rows are
     * removed and their other rows written again, then the data is added. Every row of the data must
     * match the predicate. Needs a DataFrame write (the engine evaluates the predicate).
     */
    public Builder replaceWhere(String predicate) {
      this.replaceWhere = predicate;
      return this;
    }

    /**
     * Layout defaults (§4.5.2 precedence: values set on this builder win): target file size,
     * partition and z-order columns, Parquet settings, and for a write that creates the table the
     * properties {@code delta.targetFileSize} and {@code delta.dataSkippingStatsColumns}.
     * Enabling table features after a write is not supported yet and is refused when built.
     */
    public Builder writePolicy(DeltaWritePolicy value) {
      this.writePolicy = value;
      return this;
    }

    /**
     * Schema mode default (a value set with {@link #schemaMode} wins). Column mapping is not
     * supported by this writer yet and is refused when built.
     */
    public Builder schemaPolicy(DeltaSchemaPolicy value) {
      this.schemaPolicy = value;
      return this;
    }

    public DeltaWriteOptions build() {
      DeltaWritePolicy layout = writePolicy;
      if (layout != null && !layout.enableFeatures().isEmpty()) {
        throw new NotImplementedException("DeltaWritePolicy.enableFeatures " + layout.enableFeatures().stream()
            .map(DeltaTableFeature::wireValue).toList() + " cannot be applied: enabling table features after a "
            + "write is not supported yet");
      }
      if (schemaPolicy != null && schemaPolicy.columnMappingMode() != null) {
        throw new NotImplementedException("DeltaSchemaPolicy.columnMappingMode '"
            + schemaPolicy.columnMappingMode().wireValue() + "' cannot be applied: this writer does not write "
            + "column-mapped tables yet");
      }
      List<String> partitions = partitionBy != null ? partitionBy : layout != null ? layout.partitionBy() : List.of();
      List<String> zorder = zorderBy != null ? zorderBy : layout != null ? layout.zorderBy() : List.of();
      long fileSize = targetFileSize != null ? targetFileSize
          : layout != null && layout.targetFileSize() != null ? layout.targetFileSize() : DEFAULT_TARGET_FILE_SIZE;
      ParquetWriterPolicy parquet = parquetWriterPolicy != null ? parquetWriterPolicy
          : layout != null && layout.parquetWriterPolicy() != null ? layout.parquetWriterPolicy()
          : ParquetWriterPolicy.DEFAULT;
      DeltaSchemaMode schema = schemaMode != null ? schemaMode
          : schemaPolicy != null ? schemaPolicy.schemaMode() : null;
      // §4.5.2: explicit properties first, then the policy's (later entries win).
      Map<String, String> properties = new LinkedHashMap<>(tableProperties);
      if (layout != null) {
        properties.putAll(layout.tableProperties(partitions, zorder));
      }
      return new DeltaWriteOptions(mode, schema, partitions, fileSize, compression, maxRowGroupRows, parquet,
          commitOptions, gate, properties, zorder, replaceWhere);
    }
  }
}
