package io.codeanatomy.core.fingerprint;

import io.codeanatomy.core.error.EngineIOException;
import io.codeanatomy.core.error.ErrorCode;
import io.codeanatomy.core.error.InvalidInputException;
import io.codeanatomy.core.internal.PayloadRules;
import io.codeanatomy.core.internal.PayloadWalker;
import io.codeanatomy.core.text.PythonText;
import io.codeanatomy.core.text.Utf8Order;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bouncycastle.crypto.digests.Blake2bDigest;

/**
 * Hash helpers of the reference's {@code utils/hashing.py} and {@code datafusion_engine/hashing.py}.
 * Every hex result is lowercase. Payload value types are those of {@link FingerprintableConfig}.
 */
public final class Hashing {
  private static final HexFormat HEX = HexFormat.of();
  private static final long LOW_63_BITS = Long.MAX_VALUE;
  /** {@code stable_id} joins its parts with the ASCII unit separator. */
  private static final String STABLE_ID_SEPARATOR = "\u001f";
  private static final int DEFAULT_FILE_CHUNK = 1024 * 1024;
  private static final MessageDigest SHA256_PROTOTYPE = newSha256();

  private Hashing() {}

  /** SHA-256 hex digest (64 chars) of {@code payload}. */
  public static String sha256Hex(byte[] payload) {
    return HEX.formatHex(sha256(payload));
  }

  /** The first {@code length} characters of {@link #sha256Hex(byte[])} ({@code 0} gives {@code ""}). */
  public static String sha256Hex(byte[] payload, int length) {
    if (length < 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "length must be >= 0, got " + length, null);
    }
    String digest = sha256Hex(payload);
    return digest.substring(0, Math.min(length, digest.length()));
  }

  /** BLAKE2b-64 of the UTF-8 text, read big-endian with the top bit cleared: a value in [0, 2^63). */
  public static long hash64FromText(String value) {
    byte[] digest = blake2b(value, 8);
    long result = 0;
    for (byte b : digest) {
      result = (result << 8) | (b & 0xff);
    }
    return result & LOW_63_BITS;
  }

  /** BLAKE2b-128 hex digest (32 chars) of the UTF-8 text; no key, salt or personalisation. */
  public static String hash128FromText(String value) {
    return HEX.formatHex(blake2b(value, 16));
  }

  /** SHA-256 hex of {@link CanonicalMsgpack#encodeInsertionOrder} ({@code hash_msgpack_default}). */
  public static String hashMsgpackDefault(Object payload) {
    return sha256Hex(CanonicalMsgpack.encodeInsertionOrder(payload));
  }

  /** SHA-256 hex of {@link CanonicalMsgpack#encode} ({@code hash_msgpack_canonical}). */
  public static String hashMsgpackCanonical(Object payload) {
    return sha256Hex(CanonicalMsgpack.encode(payload));
  }

  /**
   * {@code hash_json_canonical}: SHA-256 of compact JSON (msgspec layout) after the builtins
   * normalisation (keys sorted, bytes as base64, sets sorted). With {@code strKeys} integer and
   * float keys become text; without it a non-text key is rejected.
   */
  public static String hashJsonCanonical(Object payload, boolean strKeys) {
    return sha256Hex(PayloadWalker.json(payload, strKeys ? PayloadRules.BUILTINS_STR_KEYS : PayloadRules.BUILTINS));
  }

  /**
   * {@code hash_json_default}. The reference's deterministic and sorted JSON encoders differ only for
   * msgspec Structs, which Java payloads do not contain, so this equals {@link #hashJsonCanonical}.
   */
  public static String hashJsonDefault(Object payload, boolean strKeys) {
    return hashJsonCanonical(payload, strKeys);
  }

  /**
   * SHA-256 of Python's {@code json.dumps(payload, sort_keys=sortKeys)}: {@code ", "}/{@code ": "}
   * separators, ASCII-only, {@code NaN}/{@code Infinity}; bytes, sets, enums and paths are rejected.
   */
  public static String hashJsonStdlib(Object payload, boolean sortKeys) {
    return sha256Hex(PayloadWalker.json(payload, sortKeys ? PayloadRules.STDLIB_JSON_SORTED : PayloadRules.STDLIB_JSON));
  }

  /** {@code hash_settings}: canonical MessagePack hash of the {@code [key, value]} pairs sorted by key. */
  public static String hashSettings(Map<String, String> settings) {
    TreeMap<String, String> sorted = new TreeMap<>(Utf8Order.INSTANCE);
    sorted.putAll(settings);
    List<List<String>> pairs = sorted.entrySet().stream().map(entry -> List.of(entry.getKey(), entry.getValue())).toList();
    return hashMsgpackCanonical(pairs);
  }

  /**
   * {@code hash_storage_options}: empty when both maps are {@code null}; otherwise the stdlib JSON
   * hash of {@code {"storage": ..., "log_storage": ...}} with sorted keys (values not stringified).
   */
  public static Optional<String> hashStorageOptions(Map<String, ?> storageOptions, Map<String, ?> logStorageOptions) {
    if (storageOptions == null && logStorageOptions == null) {
      return Optional.empty();
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("storage", storageOptions == null ? Map.of() : storageOptions);
    payload.put("log_storage", logStorageOptions == null ? Map.of() : logStorageOptions);
    return Optional.of(hashJsonStdlib(payload, true));
  }

  /** Streaming SHA-256 hex of a file's contents, read in 1 MiB chunks. */
  public static String hashFileSha256(Path path) {
    return hashFileSha256(path, DEFAULT_FILE_CHUNK);
  }

  /** Streaming SHA-256 hex of a file's contents, read in chunks of {@code chunkSize} bytes. */
  public static String hashFileSha256(Path path, int chunkSize) {
    if (chunkSize <= 0) {
      throw new InvalidInputException(ErrorCode.INVALID_ARGUMENT, "chunkSize must be > 0, got " + chunkSize, null);
    }
    MessageDigest digest = sha256Digest();
    byte[] buffer = new byte[chunkSize];
    try (InputStream input = Files.newInputStream(path)) {
      for (int read = input.read(buffer); read >= 0; read = input.read(buffer)) {
        digest.update(buffer, 0, read);
      }
    } catch (IOException e) {
      throw new EngineIOException(ErrorCode.IO, "Cannot read " + path + " for hashing: " + e.getMessage(), e);
    }
    return HEX.formatHex(digest.digest());
  }

  /**
   * {@code stable_id(prefix, *parts)}: {@code prefix + ":" + hash128FromText(prefix, parts... joined by U+001F)};
   * a {@code null} part is rendered as {@code "None"}.
   */
  public static String stableId(String prefix, Object... parts) {
    StringBuilder joined = new StringBuilder(prefix);
    for (Object part : parts) {
      joined.append(STABLE_ID_SEPARATOR).append(PythonText.str(part));
    }
    return prefix + ":" + hash128FromText(joined.toString());
  }

  /** {@code span_id(path, bstart, bend, kind)}; a {@code null} or empty kind is left out. */
  public static String spanId(String path, long byteStart, long byteEnd, String kind) {
    if (kind == null || kind.isEmpty()) {
      return stableId("span", path, Long.toString(byteStart), Long.toString(byteEnd));
    }
    return stableId("span", kind, path, Long.toString(byteStart), Long.toString(byteEnd));
  }

  private static byte[] blake2b(String value, int digestBytes) {
    byte[] input = value.getBytes(StandardCharsets.UTF_8);
    Blake2bDigest digest = new Blake2bDigest(digestBytes * 8);
    digest.update(input, 0, input.length);
    byte[] out = new byte[digestBytes];
    digest.doFinal(out, 0);
    return out;
  }

  private static byte[] sha256(byte[] payload) {
    return sha256Digest().digest(payload);
  }

  /** Cloning a prototype skips the provider lookup of {@link MessageDigest#getInstance} on every hash. */
  private static MessageDigest sha256Digest() {
    try {
      return (MessageDigest) SHA256_PROTOTYPE.clone();
    } catch (CloneNotSupportedException e) {
      return newSha256();
    }
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK provides SHA-256", e);
    }
  }
}
