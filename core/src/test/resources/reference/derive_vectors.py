"""Derives core_vectors.json, the reference cases of the core module's tests.

Run offline with CPython 3.11+, msgspec 0.22 and pyarrow (for the schema identity cases):

    PYTHONHASHSEED=1 python3 derive_vectors.py > core_vectors.json

(the seed only fixes the order in which set-valued inputs are listed, so reruns diff cleanly).

Tests read only the JSON; Python is not needed at test time. The functions below restate the
reference behaviour of /work/shared/spec/core_layer.md (sections 1-4) on top of the libraries the
reference itself uses (msgspec encoders, hashlib, json, pyarrow), so every expected value is computed
independently of the Java code. Golden values quoted by the spec are added verbatim (kind "golden").

Encoding of inputs in the JSON: JSON numbers with a fraction or exponent are floats, others ints;
{"$bytes": base64} is bytes; {"$float": "nan"|"inf"|"-inf"} a non-finite float; {"$set": [...]} a set.
"""

import base64
import hashlib
import json
import sys

import msgspec
import pyarrow as pa

MSGPACK_ENCODER = msgspec.msgpack.Encoder(order="deterministic")
JSON_ENCODER = msgspec.json.Encoder(order="deterministic")


# ---------------------------------------------------------------- helpers (spec section 2.1 / 2.2)

def to_builtins(obj, str_keys=True):
    return msgspec.to_builtins(obj, order="deterministic", str_keys=str_keys)


def sha256_hex(payload, length=None):
    digest = hashlib.sha256(payload).hexdigest()
    return digest if length is None else digest[:length]


def hash64_from_text(value):
    digest = hashlib.blake2b(value.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(digest, "big") & ((1 << 63) - 1)


def hash128_from_text(value):
    return hashlib.blake2b(value.encode("utf-8"), digest_size=16).hexdigest()


def hash_msgpack_default(payload):
    return sha256_hex(msgspec.msgpack.encode(payload))


def hash_msgpack_canonical(payload):
    return sha256_hex(MSGPACK_ENCODER.encode(payload))


def hash_json_canonical(payload, str_keys=False):
    return sha256_hex(JSON_ENCODER.encode(to_builtins(payload, str_keys=str_keys)))


def hash_json_stdlib(payload, sort_keys=False):
    return sha256_hex(json.dumps(payload, sort_keys=sort_keys).encode("utf-8"))


def hash_settings(settings):
    return hash_msgpack_canonical(tuple(sorted(settings.items())))


def hash_storage_options(storage, log=None):
    if storage is None and log is None:
        return None
    return hash_json_stdlib({"storage": dict(storage or {}), "log_storage": dict(log or {})}, sort_keys=True)


def cache_key(prefix, components):
    digest = hash_msgpack_canonical(components)
    return f"{prefix}:{digest}" if prefix else digest


def stable_id(prefix, *parts):
    joined = "\x1f".join([prefix, *["None" if p is None else str(p) for p in parts]])
    return f"{prefix}:{hash128_from_text(joined)}"


def config_fingerprint(payload):
    return hash_msgpack_canonical(to_builtins(payload, str_keys=True))


# ---------------------------------------------------------------- value coercion (spec section 1)

class CoercionError(ValueError):
    def __init__(self, value, target_type, reason=None):
        message = f"Cannot coerce {type(value).__name__} to {target_type}"
        if reason:
            message = f"{message}: {reason}"
        super().__init__(message)


def coerce_int(value):
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float):
        return int(value)
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        try:
            return int(stripped)
        except ValueError:
            return None
    return None


def coerce_float(value):
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, (int, float)):
        return float(value)
    if isinstance(value, str):
        stripped = value.strip()
        if not stripped:
            return None
        try:
            return float(stripped)
        except ValueError:
            return None
    return None


def coerce_bool(value):
    if value is None:
        return None
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return bool(value)
    if isinstance(value, str):
        word = value.strip().lower()
        if word in {"true", "1", "yes", "on"}:
            return True
        if word in {"false", "0", "no", "off"}:
            return False
    return None


def coerce_str(value):
    return None if value is None else str(value)


def coerce_str_list(value):
    if isinstance(value, str):
        return [value] if value.strip() else []
    if isinstance(value, (list, tuple)):
        return [str(item) for item in value if str(item).strip()]
    return []


def coerce_mapping_list(value):
    if value is None:
        return None
    if isinstance(value, (list, tuple)):
        return [dict(entry) for entry in value if isinstance(entry, dict)]
    return None


def strict(fn, target):
    def run(value, context=""):
        result = fn(value)
        if result is None:
            raise CoercionError(value, target, context or None)
        return result
    return run


def raise_for_str(value, context=""):
    if value is None:
        raise CoercionError(None, "str", context or "value is None")
    return str(value)


# ---------------------------------------------------------------- JSON encoding of inputs/outputs

def enc(value):
    if isinstance(value, bytes):
        return {"$bytes": base64.b64encode(value).decode()}
    if isinstance(value, float) and (value != value or value in (float("inf"), float("-inf"))):
        return {"$float": "nan" if value != value else ("inf" if value > 0 else "-inf")}
    if isinstance(value, (set, frozenset)):
        return {"$set": [enc(v) for v in value]}
    if isinstance(value, (list, tuple)):
        return [enc(v) for v in value]
    if isinstance(value, dict):
        return {k: enc(v) for k, v in value.items()}
    return value


CASES = []


def case(kind, name, **fields):
    CASES.append({"kind": kind, "name": name, **{k: enc(v) for k, v in fields.items()}})


def coercion_case(function, value, context=""):
    functions = {
        "coerce_int": coerce_int, "coerce_float": coerce_float, "coerce_bool": coerce_bool,
        "coerce_str": coerce_str, "coerce_str_list": coerce_str_list, "coerce_str_tuple": coerce_str_list,
        "coerce_mapping_list": coerce_mapping_list,
        "raise_for_int": strict(coerce_int, "int"), "raise_for_float": strict(coerce_float, "float"),
        "raise_for_bool": strict(coerce_bool, "bool"), "raise_for_str": raise_for_str,
    }
    fn = functions[function]
    try:
        result = fn(value, context) if function.startswith("raise_for") else fn(value)
        case("value_coercion", function, input=value, context=context, expected=result)
    except CoercionError as error:
        case("value_coercion", function, input=value, context=context, error=str(error))


def main():
    for value in [None, True, False, 0, 42, -7, 3.7, -3.7, 0.0, "12", " 12 ", "+5", "-0", "007", "1_000",
                  "1__0", "_1", "1_", "\u0661\u0662", "\uff11\uff12", "1.5", "0x10", "abc", "", "   ",
                  "9223372036854775807", "1e3", b"1", [1], "-1_000", "+1_0", " 1_2_3 ", "123_456_789_012_345_678",
                  "1_234_567_890_123_456_789", "-_1", "1_a", "1\u0661_2", "1_\u0662"]:
        coercion_case("coerce_int", value)
    for value in [None, True, 3, -2, 2.5, "1e3", " 2.5 ", "nan", "-inf", "Infinity", "-0", "1_0.5", ".5", "5.",
                  "1e", "1e1_0", "1_.5", "abc", "", "0x1p3", "1d", b"1.0", "\u0661.5", "-1_000", "1_000.000_1",
                  "1_e5", "1._5", "1e_5", "+1_0e-0_1", "_1.0", "1.0_", "1__0.5", "1_0.5\u0661", "in_f"]:
        coercion_case("coerce_float", value)
    for value in [None, True, False, 0, 1, -3, 1.0, "true", " YES ", "On", "1", "0", "off", "No", "FALSE",
                  "y", "t", "", "2", [True]]:
        coercion_case("coerce_bool", value)
    for value in [None, "x", 5, -5, 1.5, 1e16, 1e-05, 0.1, True, False, b"x", b"it's", b"\x00\xff", [1, "a", None],
                  {"a": 1}, "it's"]:
        coercion_case("coerce_str", value)
    for value in ["a", " a ", "  ", "", ["a", " ", None, 1, " b"], ("x", ""), None, 5, {"a": 1}, b"ab",
                  [1.5, True, []]]:
        coercion_case("coerce_str_list", value)
    for value in [["a", "b"], "c", None]:
        coercion_case("coerce_str_tuple", value)
    for value in [None, [{"a": 1}, "x", {"b": [2]}], ["x"], [], "s", {"a": 1}, 5, b"b"]:
        coercion_case("coerce_mapping_list", value)
    for value, context in [("12", ""), ("abc", ""), ("abc", "port"), (None, ""), (True, "flag"), (2.9, "")]:
        coercion_case("raise_for_int", value, context)
    for value, context in [("1.5", ""), ("x", ""), (None, "ratio"), (False, "")]:
        coercion_case("raise_for_float", value, context)
    for value, context in [(0, ""), ("yes", ""), ("maybe", ""), (1.0, "enabled"), (None, "")]:
        coercion_case("raise_for_bool", value, context)
    for value, context in [(None, ""), (None, "name"), (5, ""), (b"x", "")]:
        coercion_case("raise_for_str", value, context)

    for text in ["", "a", "hello", "span\x1fpath", "\u00e9\u4e2d\U0001F600", "x" * 300]:
        case("hashing", "hash64_from_text", input=text, expected=str(hash64_from_text(text)))
        case("hashing", "hash128_from_text", input=text, expected=hash128_from_text(text))
    for data, length in [(b"", None), (b"abc", None), (b"abc", 8), (b"abc", 0), (b"abc", 100)]:
        case("hashing", "hash_sha256_hex", input=data, length=length, expected=sha256_hex(data, length))
    payloads = [
        {"b": 2, "a": 1},
        {"z": [1, 2, {"y": None, "x": True}], "a": "text", "m": -1.5},
        {"ints": [0, 127, 128, 255, 256, 65535, 65536, 2**32, -1, -32, -33, -128, -129, -32769, -(2**31) - 1, 2**64 - 1,
                  -(2**63)]},
        {"str_lengths": ["", "a" * 31, "b" * 32, "c" * 255, "d" * 256, "\u00e9" * 20]},
        {"bytes": b"\x00\x01", "big": b"x" * 300},
        {"\U0001F600": 1, "\uffff": 2, "B": 3, "a": 4, "": 5},
        {"floats": [0.0, -0.0, 1.0, 0.1, 1e16, 1.5e-7, 123456789.125]},
        [1, "two", None, [3.5]],
        {"nested": {"k2": {"b": 1, "a": 2}, "k1": []}},
    ]
    for index, payload in enumerate(payloads):
        case("hashing", "hash_msgpack_default", input=payload, expected=hash_msgpack_default(payload),
             hex=msgspec.msgpack.encode(payload).hex())
        case("hashing", "hash_msgpack_canonical", input=payload, expected=hash_msgpack_canonical(payload),
             hex=MSGPACK_ENCODER.encode(payload).hex())
    set_payload = {"s": {"b", "a", "c"}, "n": {3, 1, 2}}
    case("hashing", "hash_msgpack_canonical", input=set_payload, expected=hash_msgpack_canonical(set_payload),
         hex=MSGPACK_ENCODER.encode(set_payload).hex())
    json_payloads = [
        {"b": 2, "a": 1},
        {"text": "\u00e9\"\\\n\t\x01\x7f/", "nums": [1, -2, 0.5, 1e16, 1.5e-05, 1e-07, 100.0], "none": None},
        {"bytes": b"\x00\xff", "set": {"y", "x"}, "flag": False},
        {"nested": {"z": {"b": [1, {"d": 4, "c": 3}]}}, "nan": float("nan")},
    ]
    for payload in json_payloads:
        case("hashing", "hash_json_canonical", input=payload, str_keys=False, expected=hash_json_canonical(payload),
             text=JSON_ENCODER.encode(to_builtins(payload, str_keys=False)).decode())
        case("hashing", "hash_json_default", input=payload, str_keys=False, expected=hash_json_canonical(payload))
    for payload in [{"b": 2, "a": 1}, {"z": ["\u00e9", "\U0001F600", "\x7f"], "a": {"y": 1.5, "x": None}},
                    {"k": [True, False, 1e16, 1e-05, float("inf"), float("nan")]}]:
        for sort_keys in (False, True):
            case("hashing", "hash_json_stdlib", input=payload, sort_keys=sort_keys,
                 expected=hash_json_stdlib(payload, sort_keys), text=json.dumps(payload, sort_keys=sort_keys))
    for settings in [{}, {"datafusion.execution.batch_size": "8192", "a": "1"}, {"b": "x", "B": "y", "\u00e9": "z"}]:
        case("hashing", "hash_settings", input=settings, expected=hash_settings(settings))
    for storage, log in [(None, None), ({}, None), ({"AWS_REGION": "us-east-1"}, None),
                         ({"b": "2", "a": "1"}, {"token": "t"}), (None, {"x": 1, "y": True, "z": None})]:
        case("hashing", "hash_storage_options", storage=storage, log=log, expected=hash_storage_options(storage, log))
    for prefix, components in [("", {}), ("plan", {"b": 1, "a": [1, 2]}), ("view", {"name": "v", "bytes": b"ab"})]:
        case("hashing", "cache_key_builder", prefix=prefix, input=components, expected=cache_key(prefix, components))
    for prefix, parts in [("node", ["a", "b"]), ("edge", ["x", None, "3"]), ("solo", [])]:
        case("hashing", "stable_id", prefix=prefix, input=parts, expected=stable_id(prefix, *parts))
    for path, bstart, bend, kind in [("src/a.py", 0, 10, None), ("src/a.py", 0, 10, "def"), ("b.py", 5, 7, "")]:
        expected = (stable_id("span", kind, path, str(bstart), str(bend)) if kind
                    else stable_id("span", path, str(bstart), str(bend)))
        case("hashing", "span_id", path=path, bstart=bstart, bend=bend, span_kind=kind, expected=expected)

    fingerprint_cases(case)
    metadata_cases(case)
    schema_cases(case)
    storage_cases(case)
    for value in [0.1, 1e16, 1e15, 1.5e-5, 1e-4, 123456789012345680.0, 5e-324, 1.7976931348623157e308, 2.0 ** 63,
                  -2.5, 1e23, 9007199254740993.0, 0.3]:
        case("float_text", "float_repr", input=value, expected=repr(value),
             msgspec_json=msgspec.json.encode(value).decode())

    case("golden", "config_fingerprint", input={"b": 2, "a": 1},
         expected_prefix="19f2a1", expected=config_fingerprint({"b": 2, "a": 1}))
    case("golden", "hash_json_canonical", input={"b": 2, "a": 1}, str_keys=True,
         expected_prefix="43258c", expected=hash_json_canonical({"b": 2, "a": 1}, str_keys=True))

    json.dump({"derivation": __doc__.strip(), "cases": CASES}, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


# ---------------------------------------------------------------- fingerprints (spec section 2.3 / 2.4)

def fingerprint_cases(case):
    def fp(name, payload):
        case("fingerprint", name, payload=payload, expected=config_fingerprint(payload))

    chunk = {"unify_dictionaries": True, "combine_chunks": True}
    fp("ChunkPolicy.default", chunk)
    fp("ChunkPolicy.varied", {"unify_dictionaries": False, "combine_chunks": True})
    encoding_default = {"dictionary_cols": (), "specs": [], "dictionary_index_type": None, "dictionary_ordered": False,
                        "dictionary_index_types": {}, "dictionary_ordered_flags": {}}
    fp("EncodingPolicy.default", encoding_default)
    encoding_specs = {"dictionary_cols": ("a", "b"),
                      "specs": [{"column": "a", "index_type": "int8", "ordered": None},
                                {"column": "b", "index_type": None, "ordered": True}],
                      "dictionary_index_type": None, "dictionary_ordered": False,
                      "dictionary_index_types": {"a": "int8"}, "dictionary_ordered_flags": {"b": True}}
    fp("EncodingPolicy.specs", encoding_specs)
    fp("NormalizePolicy.default", {"encoding": config_fingerprint(encoding_default),
                                   "chunk": config_fingerprint(chunk)})
    fp("NormalizePolicy.varied", {"encoding": config_fingerprint(encoding_specs),
                                  "chunk": config_fingerprint({"unify_dictionaries": False, "combine_chunks": True})})
    fp("DataFusionSqlPolicy.default", {"allow_ddl": True, "allow_dml": True, "allow_statements": True})
    fp("DataFusionSqlPolicy.write", {"allow_ddl": False, "allow_dml": True, "allow_statements": True})
    fp("DataFusionCachePolicy.default", {"enabled": None, "max_columns": None})
    fp("DataFusionCachePolicy.varied", {"enabled": True, "max_columns": 64})
    fp("ExprPlannerPolicy.varied", {"planner_names": ("datafusion", "codeanatomy_domain")})
    fp("DataFusionConfigPolicy.varied", {"settings": {"datafusion.execution.batch_size": "8192",
                                                      "datafusion.catalog.information_schema": "true"}})
    join_default = {"enable_hash_join": True, "enable_sort_merge_join": True, "enable_nested_loop_join": True,
                    "repartition_joins": True, "enable_round_robin_repartition": True,
                    "perfect_hash_join_small_build_threshold": None, "perfect_hash_join_min_key_density": None}
    fp("DataFusionJoinPolicy.default", join_default)
    fp("DataFusionJoinPolicy.varied", {**join_default, "enable_sort_merge_join": False,
                                       "perfect_hash_join_small_build_threshold": 1024,
                                       "perfect_hash_join_min_key_density": 0.75})
    fp("AdapterExecutionPolicy.default", {"policy": "AdapterExecutionPolicy"})
    param_default = {"scope": "per_run", "prefix": "p_"}
    fp("ParamTablePolicy.default", param_default)
    fp("ParamTablePolicy.varied", {"scope": "per_session", "prefix": "param_"})
    factory_default = {"primitives": [], "prefer_named_arguments": True, "allow_async": False,
                       "domain_operator_hooks": []}
    fp("FunctionFactoryPolicy.default", factory_default)
    fp("FunctionFactoryPolicy.varied", {
        "primitives": [{"name": "span_len", "params": [{"name": "bstart", "dtype": "int64"},
                                                      {"name": "bend", "dtype": "int64"}],
                        "return_type": "int64", "volatility": "immutable", "description": "Span length.",
                        "supports_named_args": True}],
        "prefer_named_arguments": False, "allow_async": False, "domain_operator_hooks": ["codeanatomy"]})
    fp("CachePolicy.varied", {"enabled": True, "reason": "stable", "writer_strategy": "arrow",
                              "param_mode": "none", "param_signature": None})
    fp("ExecutionSurfacePolicy.default", {"prefer_streaming": True, "determinism_tier": "best_effort",
                                          "writer_strategy": "arrow"})
    fp("ExecutionSurfacePolicy.varied", {"prefer_streaming": False, "determinism_tier": "canonical",
                                         "writer_strategy": "datafusion"})
    fp("PythonScopePolicy.default", {"extra_extensions": (), "discover_extensions": True, "discover_shebang": True,
                                     "max_discovery_files": 50_000})
    fp("PythonScopePolicy.varied", {"extra_extensions": (".pyi", ".pyx"), "discover_extensions": False,
                                    "discover_shebang": True, "max_discovery_files": None})
    fp("CachePolicyProfile.varied", {"name": "default", "default_behavior": "default",
                                     "default_loader_behavior": "recompute", "default_saver_behavior": "disable",
                                     "log_to_file": True})
    config = {"cache": True, "workers": 4}
    case("fingerprint", "driver_config_fingerprint", payload=config,
         expected=config_fingerprint({"version": 1, "config": dict(config)}))
    tag = {"layer": "semantic", "kind": "table", "artifact": None, "semantic_id": None, "entity": None, "grain": None,
           "version": None, "stability": None, "schema_ref": None, "materialization": None,
           "materialized_name": None, "entity_keys": (), "join_keys": (), "extra_tags": None}
    fp("TagPolicy.minimal", tag)
    fp("TagPolicy.varied", {**tag, "artifact": "cpg_nodes", "version": "2", "entity_keys": ("node_id",),
                            "join_keys": ("file_id", "node_id"), "extra_tags": {"owner": "core"}})
    fp("OutputStoragePolicy.default", {"format": "delta", "allow_parquet_exports": False})
    fp("OutputStoragePolicy.varied", {"format": "delta", "allow_parquet_exports": True})
    fp("CdfFilterPolicy.default", {"include_insert": True, "include_update_postimage": True, "include_delete": True})
    fp("CdfFilterPolicy.varied", {"include_insert": True, "include_update_postimage": False, "include_delete": False})
    diagnostics_default = {"capture_datafusion_metrics": True, "capture_datafusion_traces": True,
                           "capture_datafusion_explains": True, "explain_analyze": True,
                           "explain_analyze_level": "summary", "emit_kernel_lane_diagnostics": True}
    fp("DiagnosticsPolicy.default", diagnostics_default)
    fp("DiagnosticsPolicy.varied", {**diagnostics_default, "explain_analyze": False, "explain_analyze_level": None})
    fp("PipelinePolicy.default", {"param_table_policy": config_fingerprint(param_default),
                                  "diagnostics": config_fingerprint(diagnostics_default)})
    fp("PipelinePolicy.varied", {"param_table_policy": config_fingerprint({"scope": "per_rule", "prefix": "p_"}),
                                 "diagnostics": config_fingerprint({**diagnostics_default, "explain_analyze": False})})
    fp("DataFusionWritePolicy.default", {"partition_by": (), "single_file_output": False, "sort_by": ()})
    fp("DataFusionWritePolicy.varied", {"partition_by": ("repo", "day"), "single_file_output": True,
                                        "sort_by": ("path",)})
    disk = {"size_limit_bytes": 1 << 30, "cull_limit": 10, "eviction_policy": "least-recently-used",
            "statistics": True, "tag_index": True, "shards": None, "timeout_seconds": 60.0,
            "disk_min_file_size": None, "sqlite_journal_mode": "wal", "sqlite_mmap_size": None,
            "sqlite_synchronous": None}
    fp("DiskCacheSettings.default", disk)
    fp("DiskCacheSettings.varied", {**disk, "shards": 8, "timeout_seconds": 2.5, "sqlite_synchronous": "normal"})
    disk_profile_cases(case, disk)
    # Normalisation rules of config_fingerprint itself.
    fp("payload.builtins", {"bytes": b"\x00\x01", 1: "int key", 2.5: "float key", "set": {"b", "a"},
                            "tuple": (1, 2), "nested": {"z": 1, "a": [None, True]}})


def disk_profile_cases(case, disk):
    """DiskCacheProfile.fingerprint(kind) (spec 2.4 #27) over the reference's default_diskcache_profile()
    and a varied profile; the root is fixed because the reference default depends on $HOME."""
    from pathlib import PurePosixPath

    mib = 1024 * 1024

    def settings(size_limit_bytes, **changes):
        return {**disk, "size_limit_bytes": size_limit_bytes, **changes}

    def profile_fingerprint(root, base, overrides, ttls, kind):
        return config_fingerprint({"root": str(PurePosixPath(root)), "kind": kind,
                                   "settings": config_fingerprint(overrides.get(kind, base)),
                                   "ttl_seconds": ttls.get(kind)})

    kinds = ["plan", "extract", "schema", "repo_scan", "runtime", "queue", "index", "coordination"]
    overrides = {
        "plan": settings(512 * mib), "extract": settings(8 * 1024 * mib, shards=8, disk_min_file_size=512 * 1024),
        "schema": settings(256 * mib), "repo_scan": settings(512 * mib), "runtime": settings(256 * mib),
        "queue": settings(128 * mib, eviction_policy="none"), "index": settings(128 * mib, eviction_policy="none"),
        "coordination": settings(64 * mib, eviction_policy="none"),
    }
    ttls = {"plan": None, "extract": 24 * 60 * 60, "schema": 5 * 60, "repo_scan": 30 * 60, "runtime": 24 * 60 * 60,
            "queue": None, "index": None, "coordination": None}
    for kind in kinds:
        case("disk_cache_profile", "DiskCacheProfile.defaults", root="/var/cache/codeanatomy", cache_kind=kind,
             expected=profile_fingerprint("/var/cache/codeanatomy", settings(2 * 1024 * mib), overrides, ttls, kind))
    varied_base = settings(1 << 30, cull_limit=0, statistics=False, sqlite_journal_mode=None)
    varied_overrides = {"schema": settings(64 * mib, eviction_policy="least-frequently-used")}
    varied_ttls = {"schema": 2.5, "runtime": 60.0, "plan": 60}
    for kind in ["plan", "schema", "runtime", "queue"]:
        case("disk_cache_profile", "DiskCacheProfile.varied", root="cache/./disk//", cache_kind=kind,
             expected=profile_fingerprint("cache/./disk//", varied_base, varied_overrides, varied_ttls, kind))


# ---------------------------------------------------------------- metadata codec (spec section 3.3)

def dumps_msgpack(obj):
    return MSGPACK_ENCODER.encode(obj)


def metadata_cases(case):
    for entries in [[], ["a", "b"], ["x", 1, None, 2.5]]:
        payload = dumps_msgpack({"version": 1, "entries": [str(x) for x in entries]})
        case("metadata", "encode_metadata_list", input=entries, hex=payload.hex())
    for mapping in [{}, {"b": "2", "a": 1, "c": None}]:
        entries = [{"key": str(k), "value": "" if v is None else str(v)}
                   for k, v in sorted(mapping.items(), key=lambda item: str(item[0]))]
        case("metadata", "encode_metadata_map", input=mapping,
             hex=dumps_msgpack({"version": 1, "entries": entries}).hex())
    scalar = {"flag": True, "n": 3, "f": 0.5, "s": "t", "b": b"\x01"}
    entries = [{"key": str(k), "value": v} for k, v in sorted(scalar.items())]
    case("metadata", "encode_metadata_scalar_map", input=scalar,
         hex=dumps_msgpack({"version": 1, "entries": entries}).hex())
    keys = [{"column": "file_id", "order": "ascending"}, {"column": "bstart", "order": "descending"}]
    case("metadata", "ordering_keys", input=keys, hex=dumps_msgpack({"version": 1, "entries": keys}).hex())
    for options in [{"b": 1, "a": [1, 2]}, {"paths": ["x"], "flag": None}]:
        normalized = {str(k): v for k, v in sorted(options.items(), key=lambda item: str(item[0]))}
        case("metadata", "options_hash", input=options,
             expected=hash_msgpack_canonical({"version": 1, "options": normalized}))
    identity = {"sources": {"t": "abc"}, "view": {"name": "v"}}
    case("metadata", "identity_fingerprint", input=identity, expected=hash_msgpack_canonical(identity))
    for name, version, required, keys in [("nodes", 2, ["kind"], ["id"]), ("t", None, [], []),
                                          ("édges", 0, ["a", "b"], []), ("x", -1, [], ["k1", "k2"])]:
        metadata = schema_metadata_for_spec(name, version, required, keys)
        case("metadata", "schema_metadata_for_spec", input={"name": name, "version": version,
             "required_non_null": required, "key_fields": keys},
             expected={key.decode(): value.hex() for key, value in metadata.items()})
    case("metadata", "required_function_signatures",
         input=["bare", "bad:two", "empty=", "dup:3", "dup=2", "dup:5", " spaced : 7 ", ":9", "u:\u0663",
                "g:1_0", "a=b:3", "neg:-2"],
         expected=signature_counts(["bare", "bad:two", "empty=", "dup:3", "dup=2", "dup:5", " spaced : 7 ", ":9",
                                    "u:\u0663", "g:1_0", "a=b:3", "neg:-2"]))
    hints = ["f:ANY, * ,,Utf8| LargeUtf8 |", "no_colon", ":int64", "g:", "h:a", "h:b|A", "k:Int64|int32,*"]
    case("metadata", "required_function_signature_types", input=hints,
         expected={name: [None if arg is None else sorted(arg) for arg in args]
                   for name, args in signature_types(hints).items()})


def encode_metadata_list(entries):
    return dumps_msgpack({"version": 1, "entries": [str(x) for x in entries]})


def schema_metadata_for_spec(name, version, required_non_null, key_fields):
    metadata = {b"schema_name": name.encode("utf-8")}
    if version is not None:
        metadata[b"schema_version"] = str(version).encode("utf-8")
    if required_non_null:
        metadata[b"required_non_null"] = encode_metadata_list(required_non_null)
    if key_fields:
        metadata[b"key_fields"] = encode_metadata_list(key_fields)
    return metadata


def signature_counts(entries):
    """name:count or name=count (the first ':' or else the first '='); bad count or bare name -> 1; max wins."""
    counts = {}
    for entry in entries:
        separator = ":" if ":" in entry else "=" if "=" in entry else None
        if separator is None:
            name, count = entry.strip(), 1
        else:
            name, _, text = entry.partition(separator)
            name = name.strip()
            try:
                count = int(text)
            except ValueError:
                count = 1
        if name:
            counts[name] = max(counts.get(name, count), count)
    return counts


def signature_types(entries):
    """name:arg1,arg2; any/*/empty -> None, else the lower-case '|' alternatives; a later entry wins."""
    types = {}
    for entry in entries:
        name, separator, args = entry.partition(":")
        name = name.strip()
        if not separator or not name:
            continue
        parsed = []
        for arg in args.split(","):
            text = arg.strip().lower()
            parsed.append(None if text in ("", "any", "*") else
                          {part.strip() for part in text.split("|") if part.strip()})
        types[name] = parsed
    return types


# ---------------------------------------------------------------- schema identity (spec section 3.4)

def _decode_metadata(meta):
    return {k.decode("utf-8", "replace"): v.decode("utf-8", "replace") for k, v in sorted((meta or {}).items())}


def _field_dict(field):
    ext = None
    if isinstance(field.type, pa.ExtensionType):
        ext = {"extension_name": field.type.extension_name, "storage_type": str(field.type.storage_type)}
    out = {"name": field.name, "type": str(field.type), "nullable": field.nullable,
           "metadata": _decode_metadata(field.metadata), "extension": ext}
    if pa.types.is_struct(field.type):
        out["flattened_fields"] = [_field_dict(child) for child in field.flatten()]
    return out


def schema_abi_payload(schema):
    return {"abi_version": 1, "fields": [_field_dict(f) for f in schema],
            "metadata": _decode_metadata(schema.metadata)}


def schema_cases(case):
    schemas = {
        # ArrowSchemas.versionedMetadataSchema("dataset_name", [pathField()])
        "versioned_metadata": pa.schema([pa.field("version", pa.int32(), nullable=False),
                                         pa.field("dataset_name", pa.string(), nullable=False),
                                         pa.field("path", pa.string(), nullable=False)],
                                        metadata={"schema_version": "1"}),
        # See SchemaIdentityTest.richSchema().
        "rich": pa.schema([
            pa.field("id", pa.string(), nullable=False, metadata={"z": "1", "a": "2"}),
            pa.field("ts", pa.timestamp("us", tz="UTC")),
            pa.field("span", pa.struct([pa.field("bstart", pa.int64(), nullable=False),
                                        pa.field("tags", pa.list_(pa.string()))]), nullable=False),
            pa.field("kind", pa.dictionary(pa.int32(), pa.string())),
            pa.field("attrs", pa.map_(pa.string(), pa.float64())),
            pa.field("blob", pa.binary(16)),
            pa.field("d", pa.decimal128(10, 2)),
        ], metadata={"schema_name": "rich", "schema_version": "3"}),
    }
    for name, schema in schemas.items():
        payload = {"schema": schema_abi_payload(schema)}
        case("schema_identity", name, payload=payload, expected=hash_msgpack_canonical(payload))


# ---------------------------------------------------------------- storage options (spec section 4)

def _stringify(values):
    if not isinstance(values, dict) or not values:
        return {}
    return {str(k): str(v) for k, v in values.items()}


def normalize_storage_options(storage, log=None, fallback=False):
    storage_map, log_map = _stringify(storage), _stringify(log)
    if fallback and storage_map and not log_map:
        log_map = dict(storage_map)
    return storage_map or None, log_map or None


def storage_cases(case):
    for storage, log, fallback in [(None, None, False), ({"a": 1, "b": True, "c": None}, None, False),
                                   ({"a": "1"}, None, True), ({"a": "1"}, {"b": "2"}, True),
                                   ({"k": "storage", "s": "x"}, {"k": "log"}, False), ({}, {"l": 2.5}, True)]:
        normalized = normalize_storage_options(storage, log, fallback)
        merged = {**(normalized[0] or {}), **(normalized[1] or {})} or None
        case("storage_options", "normalize", storage=storage, log=log, fallback=fallback,
             expected_storage=normalized[0], expected_log=normalized[1], expected_merged=merged)


if __name__ == "__main__":
    main()
