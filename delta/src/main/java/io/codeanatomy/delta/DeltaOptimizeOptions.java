package io.codeanatomy.delta;

import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;

/**
 * How {@link DeltaMaintenance#optimize} compacts a table (§2.11): the target file size in bytes
 * (null: the table's {@code delta.targetFileSize}, else 100 MiB), the z-order columns (empty: plain
 * bin-packing compaction), the commit options, and how many compaction bins are rewritten at once
 * (null: one per available processor, as delta-rs's {@code max_concurrent_tasks}).
 */
public record DeltaOptimizeOptions(Long targetSize, List<String> zOrderColumns, DeltaCommitOptions commitOptions,
    Integer maxConcurrentTasks) {
  public static final DeltaOptimizeOptions DEFAULT = builder().build();

  public DeltaOptimizeOptions {
    PolicyChecks.positiveOrNull("DeltaOptimizeOptions.targetSize", targetSize);
    zOrderColumns = PolicyChecks.columnNames("DeltaOptimizeOptions.zOrderColumns",
        zOrderColumns == null ? List.of() : zOrderColumns);
    commitOptions = commitOptions == null ? DeltaCommitOptions.DEFAULT : commitOptions;
    PolicyChecks.positiveOrNull("DeltaOptimizeOptions.maxConcurrentTasks", maxConcurrentTasks);
  }

  /** The number of bins rewritten at once: {@link #maxConcurrentTasks}, else the available processors. */
  public int effectiveMaxConcurrentTasks() {
    return maxConcurrentTasks != null ? maxConcurrentTasks : Runtime.getRuntime().availableProcessors();
  }

  public static Builder builder() {
    return new Builder();
  }

  public static final class Builder {
    private Long targetSize;
    private List<String> zOrderColumns = List.of();
    private DeltaCommitOptions commitOptions = DeltaCommitOptions.DEFAULT;
    private Integer maxConcurrentTasks;

    private Builder() {}

    public Builder targetSize(long bytes) {
      this.targetSize = bytes;
      return this;
    }

    public Builder zOrderBy(String... columns) {
      this.zOrderColumns = List.of(columns);
      return this;
    }

    public Builder zOrderBy(List<String> columns) {
      this.zOrderColumns = columns;
      return this;
    }

    public Builder commitOptions(DeltaCommitOptions value) {
      this.commitOptions = value;
      return this;
    }

    public Builder maxConcurrentTasks(int value) {
      this.maxConcurrentTasks = value;
      return this;
    }

    public DeltaOptimizeOptions build() {
      return new DeltaOptimizeOptions(targetSize, zOrderColumns, commitOptions, maxConcurrentTasks);
    }
  }
}
