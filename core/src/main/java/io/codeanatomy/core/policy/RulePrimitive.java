package io.codeanatomy.core.policy;

import io.codeanatomy.core.internal.PayloadMaps;
import java.util.List;
import java.util.Map;

/**
 * A function the function factory registers (reference: {@code udf/factory.py}). Volatility is
 * DataFusion's: {@code immutable}, {@code stable} (default) or {@code volatile}.
 */
public record RulePrimitive(String name, List<FunctionParameter> params, String returnType, String volatility,
    String description, boolean supportsNamedArgs) {
  public static final List<String> VOLATILITIES = List.of("immutable", "stable", "volatile");

  public RulePrimitive {
    PolicyChecks.required("RulePrimitive.name", name);
    params = PolicyChecks.listOf("RulePrimitive.params", params);
    PolicyChecks.required("RulePrimitive.returnType", returnType);
    PolicyChecks.oneOf("RulePrimitive.volatility", volatility, VOLATILITIES);
  }

  /** Stable volatility, no description, named arguments supported. */
  public RulePrimitive(String name, List<FunctionParameter> params, String returnType) {
    this(name, params, returnType, "stable", null, true);
  }

  public Map<String, Object> toPayload() {
    return PayloadMaps.of("name", name, "params", params.stream().map(FunctionParameter::toPayload).toList(),
        "return_type", returnType, "volatility", volatility, "description", description,
        "supports_named_args", supportsNamedArgs);
  }
}
