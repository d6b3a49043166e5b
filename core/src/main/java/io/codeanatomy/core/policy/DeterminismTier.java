package io.codeanatomy.core.policy;

import io.codeanatomy.core.error.ConfigurationException;
import io.codeanatomy.core.fingerprint.WireValue;
import java.util.Locale;

/** How reproducible a result must be (reference: {@code DeterminismTier}). */
public enum DeterminismTier implements WireValue {
  CANONICAL("canonical"),
  STABLE_SET("stable_set"),
  BEST_EFFORT("best_effort");

  private final String wireValue;

  DeterminismTier(String wireValue) {
    this.wireValue = wireValue;
  }

  @Override
  public String wireValue() {
    return wireValue;
  }

  /** A tier by wire value or member name, including the reference's aliases {@code FAST} and {@code STABLE}. */
  public static DeterminismTier parse(String text) {
    String normalized = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
    return switch (normalized) {
      case "canonical" -> CANONICAL;
      case "stable_set", "stable" -> STABLE_SET;
      case "best_effort", "fast" -> BEST_EFFORT;
      default -> throw new ConfigurationException("determinism tier must be one of canonical, stable_set, "
          + "best_effort (aliases fast, stable), got '" + text + "'");
    };
  }
}
