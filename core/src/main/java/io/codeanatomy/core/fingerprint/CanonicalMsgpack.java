package io.codeanatomy.core.fingerprint;

import io.codeanatomy.core.internal.PayloadRules;
import io.codeanatomy.core.internal.PayloadWalker;

/**
 * The reference's MessagePack encodings of a payload. Accepted value types are those listed on
 * {@link FingerprintableConfig}; nested configs are always written as their fingerprint string.
 * Unsupported values or keys raise {@link io.codeanatomy.core.error.InvalidInputException}.
 */
public final class CanonicalMsgpack {
  private CanonicalMsgpack() {}

  /**
   * {@code dumps_msgpack} ({@code order="deterministic"}): map keys, which must be strings, sorted by
   * UTF-8 bytes; sets sorted; {@code byte[]} as bin; paths as text.
   */
  public static byte[] encode(Object payload) {
    return PayloadWalker.msgpack(payload, PayloadRules.DETERMINISTIC);
  }

  /**
   * {@code to_builtins(payload, str_keys=True)} then {@link #encode}: bytes also become standard
   * base64 text, and bytes/enum/integer/float keys become text. This is what fingerprints hash.
   */
  public static byte[] encodeBuiltins(Object payload) {
    return PayloadWalker.msgpack(payload, PayloadRules.BUILTINS_STR_KEYS);
  }

  /**
   * {@code msgspec.msgpack.encode}: maps and sets in iteration order, keys of any supported type,
   * bytes as bin; paths are rejected as in the reference (no encoder hook).
   */
  public static byte[] encodeInsertionOrder(Object payload) {
    return PayloadWalker.msgpack(payload, PayloadRules.INSERTION_ORDER);
  }
}
