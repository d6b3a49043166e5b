package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/** The expression planners installed in a session, in order (reference: {@code expr/planner.py}). */
public record ExprPlannerPolicy(List<String> plannerNames) implements FingerprintableConfig {
  public ExprPlannerPolicy {
    plannerNames = PolicyChecks.listOf("ExprPlannerPolicy.plannerNames", plannerNames);
  }

  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("planner_names", plannerNames);
  }
}
