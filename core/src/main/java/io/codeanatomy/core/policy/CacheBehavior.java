package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.WireValue;

/** Cache behaviour of a pipeline node ({@code Literal["default","disable","ignore","recompute"]}). */
public enum CacheBehavior implements WireValue {
  DEFAULT("default"),
  DISABLE("disable"),
  IGNORE("ignore"),
  RECOMPUTE("recompute");

  private final String wireValue;

  CacheBehavior(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }
}
