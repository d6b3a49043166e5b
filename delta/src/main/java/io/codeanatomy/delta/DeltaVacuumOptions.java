package io.codeanatomy.delta;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;
import java.util.OptionalLong;

/**
 * How {@link DeltaMaintenance#vacuum} runs (reference {@code DeltaVacuumOptions}, §4.4.10).
 *
 * @param retentionHours how long removed files are kept; null or at most 0 means the table's
 *     {@code delta.deletedFileRetentionDuration} (default 7 days)
 * @param dryRun list the files without deleting them (the reference's default is a dry run)
 * @param enforceRetentionDuration refuse a retention shorter than the table's minimum
 * @param requireVacuumProtocolCheck refuse a table without the {@code vacuumProtocolCheck} writer feature
 */
public record DeltaVacuumOptions(
    Integer retentionHours,
    boolean dryRun,
    boolean enforceRetentionDuration,
    boolean requireVacuumProtocolCheck,
    DeltaCommitOptions commitOptions) implements FingerprintableConfig {

  /** The reference's defaults: table retention, dry run, enforcement on. */
  public static final DeltaVacuumOptions DEFAULT = builder().build();

  public DeltaVacuumOptions {
    commitOptions = commitOptions == null ? DeltaCommitOptions.DEFAULT : commitOptions;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Retention in hours given explicitly (positive), else empty: the table's own retention applies. */
  OptionalLong explicitRetentionHours() {
    return retentionHours == null || retentionHours <= 0 ? OptionalLong.empty()
        : OptionalLong.of(retentionHours);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("retention_hours", retentionHours, "dry_run", dryRun, "enforce_retention_duration",
        enforceRetentionDuration, "require_vacuum_protocol_check", requireVacuumProtocolCheck, "commit_options",
        commitOptions.fingerprintPayload());
  }

  public static final class Builder {
    private Integer retentionHours;
    private boolean dryRun = true;
    private boolean enforceRetentionDuration = true;
    private boolean requireVacuumProtocolCheck;
    private DeltaCommitOptions commitOptions = DeltaCommitOptions.DEFAULT;

    private Builder() {}

    public Builder retentionHours(Integer hours) {
      this.retentionHours = hours;
      return this;
    }

    public Builder dryRun(boolean value) {
      this.dryRun = value;
      return this;
    }

    public Builder enforceRetentionDuration(boolean value) {
      this.enforceRetentionDuration = value;
      return this;
    }

    public Builder requireVacuumProtocolCheck(boolean value) {
      this.requireVacuumProtocolCheck = value;
      return this;
    }

    public Builder commitOptions(DeltaCommitOptions value) {
      this.commitOptions = value;
      return this;
    }

    public DeltaVacuumOptions build() {
      return new DeltaVacuumOptions(retentionHours, dryRun, enforceRetentionDuration, requireVacuumProtocolCheck,
          commitOptions);
    }
  }
}
