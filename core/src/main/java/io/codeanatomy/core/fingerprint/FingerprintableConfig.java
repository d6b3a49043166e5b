package io.codeanatomy.core.fingerprint;

/**
 * A configuration value whose identity is the SHA-256 of its canonical MessagePack payload
 * (reference: {@code core/config_base.py}).
 *
 * <p>Payload values may be: {@code null}, {@link Boolean}, {@link Integer}/{@link Long}/{@link
 * Short}/{@link Byte}/{@link java.math.BigInteger}, {@link Float}/{@link Double} (written as
 * float64), {@link String}, {@code byte[]} (written as standard base64 text), {@link java.util.List}
 * and arrays (MessagePack arrays), {@link java.util.Set} (sorted array), {@link java.util.Map}
 * (map with keys sorted by UTF-8 bytes; integer/float keys are stringified), enums implementing
 * {@link WireValue} (their wire value), a nested {@code FingerprintableConfig} (its fingerprint
 * string) and {@link java.nio.file.Path} (its string form). Anything else is rejected with an
 * {@link io.codeanatomy.core.error.InvalidInputException}. See {@link Fingerprints#configFingerprint}.
 */
public interface FingerprintableConfig {
  java.util.Map<String, Object> fingerprintPayload();

  default String fingerprint() {
    return Fingerprints.configFingerprint(fingerprintPayload());
  }
}
