package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/** How the function factory registers rule primitives (reference: {@code udf/factory.py}). */
public record FunctionFactoryPolicy(List<RulePrimitive> primitives, boolean preferNamedArguments, boolean allowAsync,
    List<String> domainOperatorHooks) implements FingerprintableConfig {
  public static final FunctionFactoryPolicy DEFAULT = new FunctionFactoryPolicy(List.of(), true, false, List.of());

  public FunctionFactoryPolicy {
    primitives = PolicyChecks.listOf("FunctionFactoryPolicy.primitives", primitives);
    domainOperatorHooks = PolicyChecks.listOf("FunctionFactoryPolicy.domainOperatorHooks", domainOperatorHooks);
  }

  /** The reference's {@code to_payload()}, which is also the fingerprint payload. */
  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("primitives", primitives.stream().map(RulePrimitive::toPayload).toList(),
        "prefer_named_arguments", preferNamedArguments, "allow_async", allowAsync,
        "domain_operator_hooks", domainOperatorHooks);
  }
}
