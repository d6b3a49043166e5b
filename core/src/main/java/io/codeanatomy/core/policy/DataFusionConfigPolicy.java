package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** Raw DataFusion session settings (reference: {@code session/runtime.py}). */
public record DataFusionConfigPolicy(Map<String, String> settings) implements FingerprintableConfig {
  public DataFusionConfigPolicy {
    settings = PolicyChecks.mapOf("DataFusionConfigPolicy.settings", settings);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("settings", settings);
  }
}
