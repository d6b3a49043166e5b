package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** Scope and name prefix of parameter tables (reference: {@code tables/param.py}). */
public record ParamTablePolicy(ParamTableScope scope, String prefix) implements FingerprintableConfig {
  public static final ParamTablePolicy DEFAULT = new ParamTablePolicy(ParamTableScope.PER_RUN, "p_");

  public ParamTablePolicy {
    PolicyChecks.required("ParamTablePolicy.scope", scope);
    PolicyChecks.required("ParamTablePolicy.prefix", prefix);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("scope", scope, "prefix", prefix);
  }
}
