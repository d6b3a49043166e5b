package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/** Partitioning, file layout and sort order of DataFusion writes (reference: {@code schema_spec/policies.py}). */
public record DataFusionWritePolicy(List<String> partitionBy, boolean singleFileOutput, List<String> sortBy)
    implements FingerprintableConfig {
  public static final DataFusionWritePolicy DEFAULT = new DataFusionWritePolicy(List.of(), false, List.of());

  public DataFusionWritePolicy {
    partitionBy = PolicyChecks.listOf("DataFusionWritePolicy.partitionBy", partitionBy);
    sortBy = PolicyChecks.listOf("DataFusionWritePolicy.sortBy", sortBy);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("partition_by", partitionBy, "single_file_output", singleFileOutput, "sort_by", sortBy);
  }
}
