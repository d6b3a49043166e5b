package io.codeanatomy.core.policy;

import io.codeanatomy.core.fingerprint.FingerprintableConfig;
import io.codeanatomy.core.internal.PayloadMaps;
import java.util.Map;

/**
 * Marker policy for adapter execution (reference: {@code session/runtime.py}). It has no fields; the
 * payload is the class's simple name, so each subclass fingerprints differently.
 */
public class AdapterExecutionPolicy implements FingerprintableConfig {
  @Override
  public Map<String, Object> fingerprintPayload() {
    return PayloadMaps.of("policy", getClass().getSimpleName());
  }

  @Override
  public boolean equals(Object other) {
    return other != null && other.getClass() == getClass();
  }

  @Override
  public int hashCode() {
    return getClass().hashCode();
  }

  @Override
  public String toString() {
    return getClass().getSimpleName() + "[]";
  }
}
