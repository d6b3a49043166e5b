package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** The caching decision for one materialisation (reference: {@code engine/materialize_pipeline.py}); all fields required except the signature. */
public record CachePolicy(boolean enabled, String reason, String writerStrategy, String paramMode, String paramSignature)
    implements FingerprintableConfig {
  public CachePolicy {
    PolicyChecks.required("CachePolicy.reason", reason);
    PolicyChecks.required("CachePolicy.writerStrategy", writerStrategy);
    PolicyChecks.required("CachePolicy.paramMode", paramMode);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("enabled", enabled, "reason", reason, "writer_strategy", writerStrategy,
        "param_mode", paramMode, "param_signature", paramSignature);
  }
}
