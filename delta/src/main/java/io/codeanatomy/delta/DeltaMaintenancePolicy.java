package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import io.codeanatomy.core.policy.PolicyChecks;
import java.util.List;
import java.util.Map;

/**
 * Maintenance to run after writes (reference {@code DeltaMaintenancePolicy}, §4.4.5), executed by
 * {@link DeltaMaintenance#run} in the reference order (§4.8).
 *
 * @param optimizeTargetSize target file size in bytes for the compaction, or null for the table's
 * @param zOrderWhen {@code never}, {@code periodic} or {@code after_partition_complete}; z-order
 *     columns apply unless it is {@code never}
 * @param vacuumRetentionHours retention for the vacuum, or null (refused while enforcement is on)
 */
public record DeltaMaintenancePolicy(
    boolean optimizeOnWrite,
    Long optimizeTargetSize,
    List<String> zOrderColumns,
    String zOrderWhen,
    boolean vacuumOnWrite,
    Integer vacuumRetentionHours,
    boolean vacuumDryRun,
    boolean enforceRetentionDuration,
    boolean checkpointOnWrite,
    boolean enableDeletionVectors,
    boolean enableV2Checkpoints,
    boolean enableLogCompaction) implements FingerprintableConfig {

  public static final List<String> Z_ORDER_WHEN = List.of("never", "periodic", "after_partition_complete");
  /** The shortest vacuum retention the reference's maintenance accepts while enforcement is on. */
  public static final int MIN_ENFORCED_RETENTION_HOURS = 168;

  public DeltaMaintenancePolicy {
    PolicyChecks.positiveOrNull("DeltaMaintenancePolicy.optimizeTargetSize", optimizeTargetSize);
    zOrderColumns = PolicyChecks.columnNames("DeltaMaintenancePolicy.zOrderColumns",
        zOrderColumns == null ? List.of() : zOrderColumns);
    zOrderWhen = PolicyChecks.oneOf("DeltaMaintenancePolicy.zOrderWhen", zOrderWhen == null ? "never" : zOrderWhen,
        Z_ORDER_WHEN);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** {@code resolve_delta_maintenance_plan}: whether any step is switched on (else there is no plan). */
  public boolean hasWork() {
    return optimizeOnWrite || vacuumOnWrite || enableDeletionVectors || enableV2Checkpoints || enableLogCompaction
        || checkpointOnWrite;
  }

  /** The z-order columns the optimize step uses: none when {@code zOrderWhen} is {@code never}. */
  public List<String> effectiveZOrderColumns() {
    return "never".equals(zOrderWhen) ? List.of() : zOrderColumns;
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("optimize_on_write", optimizeOnWrite, "optimize_target_size", optimizeTargetSize,
        "z_order_cols", zOrderColumns, "z_order_when", zOrderWhen, "vacuum_on_write", vacuumOnWrite,
        "vacuum_retention_hours", vacuumRetentionHours, "vacuum_dry_run", vacuumDryRun,
        "enforce_retention_duration", enforceRetentionDuration, "checkpoint_on_write", checkpointOnWrite,
        "enable_deletion_vectors", enableDeletionVectors, "enable_v2_checkpoints", enableV2Checkpoints,
        "enable_log_compaction", enableLogCompaction);
  }

  public static final class Builder {
    private boolean optimizeOnWrite;
    private Long optimizeTargetSize;
    private List<String> zOrderColumns = List.of();
    private String zOrderWhen = "never";
    private boolean vacuumOnWrite;
    private Integer vacuumRetentionHours;
    private boolean vacuumDryRun;
    private boolean enforceRetentionDuration = true;
    private boolean checkpointOnWrite;
    private boolean enableDeletionVectors;
    private boolean enableV2Checkpoints;
    private boolean enableLogCompaction;

    private Builder() {}

    public Builder optimizeOnWrite(boolean value) {
      this.optimizeOnWrite = value;
      return this;
    }

    public Builder optimizeTargetSize(Long bytes) {
      this.optimizeTargetSize = bytes;
      return this;
    }

    public Builder zOrder(String when, String... columns) {
      this.zOrderWhen = when;
      this.zOrderColumns = List.of(columns);
      return this;
    }

    public Builder vacuumOnWrite(boolean value) {
      this.vacuumOnWrite = value;
      return this;
    }

    public Builder vacuumRetentionHours(Integer hours) {
      this.vacuumRetentionHours = hours;
      return this;
    }

    public Builder vacuumDryRun(boolean value) {
      this.vacuumDryRun = value;
      return this;
    }

    public Builder enforceRetentionDuration(boolean value) {
      this.enforceRetentionDuration = value;
      return this;
    }

    public Builder checkpointOnWrite(boolean value) {
      this.checkpointOnWrite = value;
      return this;
    }

    public Builder enableDeletionVectors(boolean value) {
      this.enableDeletionVectors = value;
      return this;
    }

    public Builder enableV2Checkpoints(boolean value) {
      this.enableV2Checkpoints = value;
      return this;
    }

    public Builder enableLogCompaction(boolean value) {
      this.enableLogCompaction = value;
      return this;
    }

    public DeltaMaintenancePolicy build() {
      return new DeltaMaintenancePolicy(optimizeOnWrite, optimizeTargetSize, zOrderColumns, zOrderWhen,
          vacuumOnWrite, vacuumRetentionHours, vacuumDryRun, enforceRetentionDuration, checkpointOnWrite,
          enableDeletionVectors, enableV2Checkpoints, enableLogCompaction);
    }
  }
}
