package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** Parameter-table and diagnostics policies of a pipeline (reference: {@code relspec/pipeline_policy.py}). */
public record PipelinePolicy(ParamTablePolicy paramTablePolicy, DiagnosticsPolicy diagnostics)
    implements FingerprintableConfig {
  public static final PipelinePolicy DEFAULT = new PipelinePolicy(ParamTablePolicy.DEFAULT, DiagnosticsPolicy.DEFAULT);

  public PipelinePolicy {
    PolicyChecks.required("PipelinePolicy.paramTablePolicy", paramTablePolicy);
    PolicyChecks.required("PipelinePolicy.diagnostics", diagnostics);
  }

  /** Children are embedded as their fingerprints. */
  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("param_table_policy", paramTablePolicy.fingerprint(), "diagnostics", diagnostics.fingerprint());
  }
}
