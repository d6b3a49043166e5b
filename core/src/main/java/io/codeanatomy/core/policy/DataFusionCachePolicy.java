package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/**
 * Dataset registration caching (reference: {@code dataset/registration.py}). Null fields defer to
 * the session's defaults; {@code maxColumns} must be >= 0.
 */
public record DataFusionCachePolicy(Boolean enabled, Integer maxColumns) implements FingerprintableConfig {
  public static final DataFusionCachePolicy DEFAULT = new DataFusionCachePolicy(null, null);

  public DataFusionCachePolicy {
    PolicyChecks.nonNegativeOrNull("DataFusionCachePolicy.maxColumns", maxColumns);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("enabled", enabled, "max_columns", maxColumns);
  }
}
