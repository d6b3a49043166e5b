package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Layout defaults of Delta writes (reference {@code DeltaWritePolicy}, §4.4.1): target file size,
 * partition and z-order columns, how statistics columns are chosen, Parquet settings and features to
 * enable. Applied to a write with {@link DeltaWriteOptions.Builder#writePolicy}.
 *
 * @param targetFileSize bytes per data file, or null for the table's default
 * @param statsColumns the columns {@link DeltaStatsPolicy#EXPLICIT} chooses, or null
 * @param parquetWriterPolicy Parquet settings, or null for the defaults
 */
public record DeltaWritePolicy(
    Long targetFileSize,
    List<String> partitionBy,
    List<String> zorderBy,
    DeltaStatsPolicy statsPolicy,
    List<String> statsColumns,
    int statsMaxColumns,
    ParquetWriterPolicy parquetWriterPolicy,
    List<DeltaTableFeature> enableFeatures) implements FingerprintableConfig {

  /** The reference's default target file size: 96 MiB. */
  public static final long DEFAULT_TARGET_FILE_SIZE = 96L * 1024 * 1024;
  public static final int DEFAULT_STATS_MAX_COLUMNS = 32;
  public static final DeltaWritePolicy DEFAULT = builder().build();

  public DeltaWritePolicy {
    PolicyChecks.positiveOrNull("DeltaWritePolicy.targetFileSize", targetFileSize);
    partitionBy = PolicyChecks.columnNames("DeltaWritePolicy.partitionBy", partitionBy);
    zorderBy = PolicyChecks.columnNames("DeltaWritePolicy.zorderBy", zorderBy);
    PolicyChecks.required("DeltaWritePolicy.statsPolicy", statsPolicy);
    statsColumns = statsColumns == null ? null
        : PolicyChecks.columnNames("DeltaWritePolicy.statsColumns", statsColumns);
    PolicyChecks.nonNegative("DeltaWritePolicy.statsMaxColumns", statsMaxColumns);
    enableFeatures = PolicyChecks.listOf("DeltaWritePolicy.enableFeatures", enableFeatures);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code delta_write_configuration}: {@code delta.targetFileSize} when set, else empty. */
  public Optional<Map<String, String>> writeConfiguration() {
    return targetFileSize == null ? Optional.empty()
        : Optional.of(Map.of("delta.targetFileSize", Long.toString(targetFileSize)));
  }

  /**
   * {@code resolve_stats_columns} (§4.4.4): the override when given (de-duplicated); none for no
   * policy or {@link DeltaStatsPolicy#OFF}; the explicit columns; or (auto) partition, z-order and
   * extra candidate columns de-duplicated and cut to {@code statsMaxColumns}. With {@code
   * schemaColumns}, only columns present there are kept, in order.
   *
   * @return empty for "none" (the table's defaults apply), otherwise the columns (possibly none)
   */
  public static Optional<List<String>> resolveStatsColumns(DeltaWritePolicy policy, Collection<String> partitionBy,
      Collection<String> zorderBy, Collection<String> extraCandidates, Collection<String> schemaColumns,
      Collection<String> override) {
    List<String> columns;
    if (override != null) {
      columns = distinct(Arrays.asList(override));
    } else if (policy == null || policy.statsPolicy() == DeltaStatsPolicy.OFF) {
      return Optional.empty();
    } else if (policy.statsPolicy() == DeltaStatsPolicy.EXPLICIT) {
      if (policy.statsColumns() == null) {
        return Optional.empty();
      }
      columns = distinct(Arrays.asList(policy.statsColumns()));
    } else {
      List<String> auto = distinct(Arrays.asList(partitionBy, zorderBy, extraCandidates));
      columns = auto.subList(0, Math.min(auto.size(), policy.statsMaxColumns()));
    }
    if (schemaColumns != null) {
      Set<String> present = Set.copyOf(schemaColumns);
      columns = columns.stream().filter(present::contains).toList();
    }
    return Optional.of(List.copyOf(columns));
  }

  private static List<String> distinct(List<Collection<String>> groups) {
    Set<String> seen = new LinkedHashSet<>();
    for (Collection<String> group : groups) {
      if (group != null) {
        seen.addAll(group);
      }
    }
    return new ArrayList<>(seen);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("target_file_size", targetFileSize, "partition_by", partitionBy, "zorder_by", zorderBy,
        "stats_policy", statsPolicy, "stats_columns", statsColumns, "stats_max_columns", statsMaxColumns,
        "parquet_writer_policy", parquetWriterPolicy == null ? null : parquetWriterPolicy.fingerprintPayload(),
        "enable_features", enableFeatures);
  }

  /** Table properties a write that creates the table sets from this policy and its resolved stats columns. */
  Map<String, String> tableProperties(List<String> partitionColumns, List<String> zorderColumns) {
    Map<String, String> properties = new LinkedHashMap<>();
    writeConfiguration().ifPresent(properties::putAll);
    resolveStatsColumns(this, partitionColumns, zorderColumns, List.of(), null, null)
        .filter(columns -> !columns.isEmpty())
        .ifPresent(columns -> properties.put("delta.dataSkippingStatsColumns", String.join(",", columns)));
    return properties;
  }

  public static final class Builder {
    private Long targetFileSize = DEFAULT_TARGET_FILE_SIZE;
    private List<String> partitionBy = List.of();
    private List<String> zorderBy = List.of();
    private DeltaStatsPolicy statsPolicy = DeltaStatsPolicy.AUTO;
    private List<String> statsColumns;
    private int statsMaxColumns = DEFAULT_STATS_MAX_COLUMNS;
    private ParquetWriterPolicy parquetWriterPolicy;
    private List<DeltaTableFeature> enableFeatures = List.of();

    private Builder() {}

    public Builder targetFileSize(Long value) {
      this.targetFileSize = value;
      return this;
    }

    public Builder partitionBy(String... value) {
      this.partitionBy = List.of(value);
      return this;
    }

    public Builder zorderBy(String... value) {
      this.zorderBy = List.of(value);
      return this;
    }

    public Builder statsPolicy(DeltaStatsPolicy value) {
      this.statsPolicy = Objects.requireNonNull(value, "statsPolicy");
      return this;
    }

    public Builder statsColumns(List<String> value) {
      this.statsColumns = value;
      return this;
    }

    public Builder statsMaxColumns(int value) {
      this.statsMaxColumns = value;
      return this;
    }

    public Builder parquetWriterPolicy(ParquetWriterPolicy value) {
      this.parquetWriterPolicy = value;
      return this;
    }

    public Builder enableFeatures(DeltaTableFeature... value) {
      this.enableFeatures = List.of(value);
      return this;
    }

    public DeltaWritePolicy build() {
      return new DeltaWritePolicy(targetFileSize, partitionBy, zorderBy, statsPolicy, statsColumns, statsMaxColumns,
          parquetWriterPolicy, enableFeatures);
    }
  }
}
