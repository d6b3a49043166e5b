package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** Streaming, determinism and writer choices of a plan (reference: {@code engine/plan_policy.py}). */
public record ExecutionSurfacePolicy(boolean preferStreaming, DeterminismTier determinismTier, WriterStrategy writerStrategy)
    implements FingerprintableConfig {
  public static final ExecutionSurfacePolicy DEFAULT =
      new ExecutionSurfacePolicy(true, DeterminismTier.BEST_EFFORT, WriterStrategy.ARROW);

  public ExecutionSurfacePolicy {
    PolicyChecks.required("ExecutionSurfacePolicy.determinismTier", determinismTier);
    PolicyChecks.required("ExecutionSurfacePolicy.writerStrategy", writerStrategy);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("prefer_streaming", preferStreaming, "determinism_tier", determinismTier,
        "writer_strategy", writerStrategy);
  }
}
