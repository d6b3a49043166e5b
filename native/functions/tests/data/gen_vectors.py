#!/usr/bin/env python3
"""Derives the hash conformance vectors independently of the Rust code.

Run from this directory: python3 gen_vectors.py > hash_vectors.tsv
Each line: SQL expression <TAB> expected rendering of the single result value ("NULL" for NULL).
Algorithms follow spec udf_catalog.md §1.1/§1.2: BLAKE2b digest_size 8 (big-endian, top bit
cleared) / 16 (lowercase hex); multi-part ids join stringified parts with U+001F, NULL parts as
"__NULL__"; stable_hash_any canonicalises with trim + NFKC (no casefold).
"""
import hashlib
import unicodedata

SEP = "\x1f"
NULL = "__NULL__"


def h64(text):
    d = hashlib.blake2b(text.encode("utf-8"), digest_size=8).digest()
    return int.from_bytes(d, "big") & 0x7FFF_FFFF_FFFF_FFFF


def h128(text):
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def sql_str(s):
    return "'" + s.replace("'", "''") + "'"


rows = []
texts = ["alpha", "beta", "", "hello world", "h\u00e9llo", "\u65e5\u672c\u8a9e", "a'b", "stable-hash"]
for t in texts:
    rows.append((f"stable_hash64({sql_str(t)})", str(h64(t))))
    rows.append((f"hash64({sql_str(t)})", str(h64(t))))
    rows.append((f"stable_hash128({sql_str(t)})", h128(t)))
    rows.append((f"hash128({sql_str(t)})", h128(t)))
rows.append(("stable_hash64(NULL)", "NULL"))
rows.append(("stable_hash128(NULL)", "NULL"))
for p, v in [("ns", "gamma"), ("node", "x"), ("", ""), ("a:b", "\u00e9")]:
    rows.append((f"prefixed_hash64({sql_str(p)}, {sql_str(v)})", f"{p}:{h64(v)}"))
    rows.append((f"prefixed_hash({sql_str(p)}, {sql_str(v)})", f"{p}:{h64(v)}"))
    rows.append((f"stable_id({sql_str(p)}, {sql_str(v)})", f"{p}:{h128(v)}"))
rows.append(("prefixed_hash64(NULL, 'x')", "NULL"))
rows.append(("stable_id('ns', NULL)", "NULL"))
# multi-part ids: (sql args, python parts)
parts_cases = [
    ("'a'", ["a"]),
    ("'a', 'b'", ["a", "b"]),
    ("'a', NULL, 'c'", ["a", NULL, "c"]),
    ("1, 2", ["1", "2"]),
    ("CAST(-1 AS BIGINT), 9223372036854775807", ["-1", "9223372036854775807"]),
    ("2.0, 1.5, 0.1", ["2", "1.5", "0.1"]),
    ("true, false", ["true", "false"]),
    ("'x', CAST(NULL AS INT)", ["x", NULL]),
    ("'__NULL__'", [NULL]),
]
for args, parts in parts_cases:
    joined = SEP.join(parts)
    rows.append((f"stable_id_parts('p', {args})", f"p:{h128(joined)}"))
    rows.append((f"stable_id_multi('p', {args})", f"p:{h128(joined)}"))
    rows.append((f"prefixed_hash_parts64('p', {args})", f"p:{h64(joined)}"))
    rows.append((f"prefixed_hash_parts('p', {args})", f"p:{h64(joined)}"))
rows.append(("stable_id_parts(NULL, 'a')", "NULL"))
rows.append(("stable_id_parts('ns', 'delta')", f"ns:{h128('delta')}"))
rows.append(("prefixed_hash_parts64('ns', 'gamma')", f"ns:{h64('gamma')}"))


def canon(t):
    return unicodedata.normalize("NFKC", t.strip(" "))


rows.append(("stable_hash_any('alpha')", h128("alpha")))
rows.append(("stable_hash_any('  \uff28\uff45\uff4c\uff4c\uff4f  ')", h128(canon("  \uff28\uff45\uff4c\uff4c\uff4f  "))))
rows.append(("stable_hash_any('  Hello  ', false)", h128("  Hello  ")))
rows.append(("stable_hash_any(NULL)", h128(NULL)))
rows.append(("stable_hash_any(NULL, true, ' S ')", h128("S")))
rows.append(("stable_hash_any(NULL, false, ' S ')", h128(" S ")))
rows.append(("stable_hash_any(42)", h128("42")))
rows.append(("stable_hash_any('   ')", h128("")))
rows.append(("stable_hash_any('x', 'no')", h128("x")))
rows.append(("stable_hash('alpha')", h128("alpha")))
# span ids
rows.append(("span_id('span', 'a.py', 0, 10)", "span:" + h128(SEP.join(["a.py", "0", "10"]))))
rows.append(("span_id('span', 'a.py', '0', '10')", "span:" + h128(SEP.join(["a.py", "0", "10"]))))
rows.append(("span_id('span', 'a.py', 0, 10, 'def')", "span:" + h128(SEP.join(["a.py", "0", "10", "def"]))))
rows.append(("span_id('span', 'a.py', 0, 10, NULL)", "span:" + h128(SEP.join(["a.py", "0", "10", NULL]))))
rows.append(("span_id('span', NULL, 0, NULL)", "span:" + h128(SEP.join([NULL, "0", NULL]))))
rows.append(("span_id(NULL, 'a.py', 0, 10)", "NULL"))

for sql, expected in rows:
    assert "\t" not in sql and "\n" not in expected
    print(f"{sql}\t{expected}")
