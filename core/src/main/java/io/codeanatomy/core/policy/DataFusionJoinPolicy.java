package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/**
 * Join algorithm switches (reference: {@code session/runtime.py}). The perfect-hash threshold must be
 * >= 0 and the key density a finite number >= 0; null leaves DataFusion's default.
 */
public record DataFusionJoinPolicy(boolean enableHashJoin, boolean enableSortMergeJoin, boolean enableNestedLoopJoin,
    boolean repartitionJoins, boolean enableRoundRobinRepartition, Long perfectHashJoinSmallBuildThreshold,
    Double perfectHashJoinMinKeyDensity) implements FingerprintableConfig {
  public static final DataFusionJoinPolicy DEFAULT = builder().build();

  public DataFusionJoinPolicy {
    PolicyChecks.nonNegativeOrNull("DataFusionJoinPolicy.perfectHashJoinSmallBuildThreshold",
        perfectHashJoinSmallBuildThreshold);
    PolicyChecks.nonNegativeFloatOrNull("DataFusionJoinPolicy.perfectHashJoinMinKeyDensity", perfectHashJoinMinKeyDensity);
  }

  public static Builder builder() {
    return new Builder();
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("enable_hash_join", enableHashJoin, "enable_sort_merge_join", enableSortMergeJoin,
        "enable_nested_loop_join", enableNestedLoopJoin, "repartition_joins", repartitionJoins,
        "enable_round_robin_repartition", enableRoundRobinRepartition,
        "perfect_hash_join_small_build_threshold", perfectHashJoinSmallBuildThreshold,
        "perfect_hash_join_min_key_density", perfectHashJoinMinKeyDensity);
  }

  /** Builder; switches default to true, tuning values to null. */
  public static final class Builder {
    private boolean enableHashJoin = true;
    private boolean enableSortMergeJoin = true;
    private boolean enableNestedLoopJoin = true;
    private boolean repartitionJoins = true;
    private boolean enableRoundRobinRepartition = true;
    private Long perfectHashJoinSmallBuildThreshold;
    private Double perfectHashJoinMinKeyDensity;

    private Builder() {}

    public Builder enableHashJoin(boolean value) {
      this.enableHashJoin = value;
      return this;
    }

    public Builder enableSortMergeJoin(boolean value) {
      this.enableSortMergeJoin = value;
      return this;
    }

    public Builder enableNestedLoopJoin(boolean value) {
      this.enableNestedLoopJoin = value;
      return this;
    }

    public Builder repartitionJoins(boolean value) {
      this.repartitionJoins = value;
      return this;
    }

    public Builder enableRoundRobinRepartition(boolean value) {
      this.enableRoundRobinRepartition = value;
      return this;
    }

    public Builder perfectHashJoinSmallBuildThreshold(Long value) {
      this.perfectHashJoinSmallBuildThreshold = value;
      return this;
    }

    public Builder perfectHashJoinMinKeyDensity(Double value) {
      this.perfectHashJoinMinKeyDensity = value;
      return this;
    }

    public DataFusionJoinPolicy build() {
      return new DataFusionJoinPolicy(enableHashJoin, enableSortMergeJoin, enableNestedLoopJoin, repartitionJoins,
          enableRoundRobinRepartition, perfectHashJoinSmallBuildThreshold, perfectHashJoinMinKeyDensity);
    }
  }
}
