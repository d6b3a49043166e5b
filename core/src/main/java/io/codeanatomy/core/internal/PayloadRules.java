package io.codeanatomy.core.internal;

/**
 * The reference's encoder behaviours, each a set of normalisation rules applied by {@link PayloadWalker}.
 */
public enum PayloadRules {
  /** {@code msgspec.msgpack.encode}: iteration order, any key type, bytes as bin, no {@code Path} hook. */
  INSERTION_ORDER(false, false, SetHandling.ITERATION_ORDER, BytesHandling.RAW, KeyHandling.ANY_VALUE, true),
  /** {@code MSGPACK_ENCODER} ({@code order="deterministic"}): str keys sorted, sets sorted, bytes raw. */
  DETERMINISTIC(true, true, SetHandling.SORTED, BytesHandling.RAW, KeyHandling.TEXT_ONLY, true),
  /** {@code to_builtins(str_keys=True)} first: bytes as base64, bytes/enum/int/float keys as text. */
  BUILTINS_STR_KEYS(true, true, SetHandling.SORTED, BytesHandling.BASE64, KeyHandling.BUILTIN_STR_KEYS, true),
  /** {@code to_builtins(str_keys=False)} first: only bytes and enum keys become text. */
  BUILTINS(true, true, SetHandling.SORTED, BytesHandling.BASE64, KeyHandling.BUILTIN, true),
  /** {@code json.dumps(sort_keys=False)}: no bytes, sets, paths or enums; scalar keys rendered as JSON does. */
  STDLIB_JSON(false, false, SetHandling.REJECTED, BytesHandling.REJECTED, KeyHandling.STDLIB_JSON, false),
  /** {@code json.dumps(sort_keys=True)}. */
  STDLIB_JSON_SORTED(true, false, SetHandling.REJECTED, BytesHandling.REJECTED, KeyHandling.STDLIB_JSON, false);

  enum SetHandling { ITERATION_ORDER, SORTED, REJECTED }

  enum BytesHandling { RAW, BASE64, REJECTED }

  enum KeyHandling { ANY_VALUE, TEXT_ONLY, BUILTIN_STR_KEYS, BUILTIN, STDLIB_JSON }

  final boolean sortKeys;
  final boolean pathAsText;
  final SetHandling sets;
  final BytesHandling bytes;
  final KeyHandling keys;
  final boolean enumsAsValues;

  PayloadRules(boolean sortKeys, boolean pathAsText, SetHandling sets, BytesHandling bytes, KeyHandling keys,
      boolean enumsAsValues) {
    this.sortKeys = sortKeys;
    this.pathAsText = pathAsText;
    this.sets = sets;
    this.bytes = bytes;
    this.keys = keys;
    this.enumsAsValues = enumsAsValues;
  }
}
