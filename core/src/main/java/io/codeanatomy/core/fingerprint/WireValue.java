package io.codeanatomy.core.fingerprint;

/**
 * Implemented by enums whose serialised form differs from their Java name (the reference's
 * {@code Enum.value}, e.g. {@code "best_effort"}). Fingerprints and payloads use {@link #wireValue()}.
 */
public interface WireValue {
  String wireValue();
}
