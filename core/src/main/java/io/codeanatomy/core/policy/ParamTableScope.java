package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.WireValue;

/** Lifetime of parameter tables (reference: {@code ParamTableScope}). */
public enum ParamTableScope implements WireValue {
  PER_RUN("per_run"),
  PER_SESSION("per_session"),
  PER_RULE("per_rule");

  private final String wireValue;

  ParamTableScope(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
