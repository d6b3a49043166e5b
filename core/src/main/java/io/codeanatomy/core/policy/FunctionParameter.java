package io.codeanatomy.core.policy;

import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/** A named, typed parameter of a {@link RulePrimitive}. */
public record FunctionParameter(String name, String dtype) {
  public FunctionParameter {
    PolicyChecks.required("FunctionParameter.name", name);
    PolicyChecks.required("FunctionParameter.dtype", dtype);
  }

  public Map<String, Object> toPayload() {
    return PayloadMaps.of("name", name, "dtype", dtype);
  }
}
