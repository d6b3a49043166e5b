package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/** Storage format of pipeline outputs (reference: {@code output_config.py}); the only format is {@code delta}. */
public record OutputStoragePolicy(String format, boolean allowParquetExports) implements FingerprintableConfig {
  public static final OutputStoragePolicy DEFAULT = new OutputStoragePolicy("delta", false);

  public OutputStoragePolicy {
    PolicyChecks.oneOf("OutputStoragePolicy.format", format, List.of("delta"));
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("format", format, "allow_parquet_exports", allowParquetExports);
  }
}
