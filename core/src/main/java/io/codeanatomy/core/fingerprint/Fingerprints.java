package io.codeanatomy.core.fingerprint;

import io.codeanatomy.core.internal.PayloadRules;
import io.codeanatomy.core.internal.PayloadWalker;
import io.codeanatomy.core.internal.Secrets;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Canonical fingerprints of configuration payloads (reference: {@code core/config_base.py}). */
public final class Fingerprints {
  private Fingerprints() {}

  /**
   * {@code config_fingerprint}: SHA-256 (64 lowercase hex) of the canonical MessagePack of
   * {@code payload} ({@link CanonicalMsgpack#encodeBuiltins}): keys sorted by UTF-8 bytes, smallest
   * integer forms, floats as float64, lists and arrays as arrays, sets sorted, bytes as base64 text,
   * integer/float keys as text, enums as their {@link WireValue}, nested configs as their
   * fingerprint, paths as text. See {@link FingerprintableConfig} for the accepted value types.
   *
   * @throws io.codeanatomy.core.error.InvalidInputException for an unsupported value or key type
   */
  public static String configFingerprint(Map<String, ?> payload) {
    return Hashing.sha256Hex(CanonicalMsgpack.encodeBuiltins(payload));
  }

  /**
   * Human-readable form of what {@link #configFingerprint} hashes, for logs and diagnostics: the
   * normalised payload as compact JSON, with the values of secret-looking keys ({@code secret},
   * {@code token}, {@code password}, {@code key}, ...) replaced by {@code ***} at any depth.
   */
  public static String describe(Map<String, ?> payload) {
    return new String(PayloadWalker.json(Secrets.redact(payload), PayloadRules.BUILTINS_STR_KEYS), StandardCharsets.UTF_8);
  }

  /** {@link #describe(Map)} of a config's payload. */
  public static String describe(FingerprintableConfig config) {
    return describe(config.fingerprintPayload());
  }
}
