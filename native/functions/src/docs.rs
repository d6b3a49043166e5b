//! Documentation of every catalog function (spec §4.4), one table for all kinds.
//!
//! The scalar / aggregate implementations return these records from `documentation()`, so they
//! show up in `information_schema.routines` (description, syntax) and
//! `information_schema.parameters` (argument names), in `udf_docs()` and in the registry snapshot.

use std::collections::BTreeMap;
use std::sync::LazyLock;

use datafusion::logical_expr::Documentation;

use crate::common::{make_doc, std_arg};

const HASHING: &str = "Hashing Functions";
const SPAN: &str = "Span Functions";
const INTERVAL: &str = "Interval Functions";
const STRING: &str = "String Functions";
const NESTED: &str = "Nested Functions";
const OTHER: &str = "Other Functions";
const METADATA: &str = "Metadata Functions";
const DELTA: &str = "Delta Functions";
const BUILTIN: &str = "Built-in Functions";
const TABLE: &str = "Table Functions";
/// Section of functions created with `CREATE FUNCTION`.
pub const SQL_MACROS: &str = "SQL Macros";

fn s(text: &str) -> String {
    text.to_string()
}

static DOCS: LazyLock<BTreeMap<&'static str, Documentation>> = LazyLock::new(|| {
    let mut m: BTreeMap<&'static str, Documentation> = BTreeMap::new();
    let mut add = |name: &'static str, section: &'static str, desc: &str, syntax: &str, args: Vec<(&str, String)>| {
        m.insert(name, make_doc(section, desc, syntax, &args));
    };
    add("cpg_score", OTHER, "Pass-through CPG score function for compatibility.", "cpg_score(value)",
        vec![("value", s("Score value to pass through."))]);
    add("arrow_metadata", OTHER, "Extract Arrow field metadata. When a key is provided, returns a single metadata value; otherwise returns a map of all metadata entries.",
        "arrow_metadata(expr [, key])",
        vec![("expr", s("Expression whose field metadata should be inspected.")), ("key", s("Optional metadata key to extract."))]);
    add("stable_hash64", HASHING, "Compute a stable 64-bit hash of a string using Blake2b.", "stable_hash64(value)",
        vec![("value", std_arg("String"))]);
    add("stable_hash128", HASHING, "Compute a stable 128-bit hash of a string using Blake2b.", "stable_hash128(value)",
        vec![("value", std_arg("String"))]);
    add("prefixed_hash64", HASHING, "Compute a stable 64-bit hash of a string and prefix the result with a namespace.",
        "prefixed_hash64(prefix, value)",
        vec![("prefix", s("String namespace prefix to prepend to the hash.")), ("value", s("String value to hash."))]);
    add("stable_id", HASHING, "Compute a stable identifier by prefixing a 128-bit hash of a string.", "stable_id(prefix, value)",
        vec![("prefix", s("Namespace prefix to prepend to the hash.")), ("value", std_arg("String"))]);
    add("stable_id_parts", HASHING, "Compute a stable identifier from a prefix and variadic parts.",
        "stable_id_parts(prefix, part1, part2, ...)",
        vec![("prefix", s("Namespace prefix to prepend to the hash.")), ("parts", s("Variadic parts to join with a stable separator and hash."))]);
    add("prefixed_hash_parts64", HASHING, "Compute a prefixed stable 64-bit hash from variadic parts.",
        "prefixed_hash_parts64(prefix, part1, part2, ...)",
        vec![("prefix", s("Namespace prefix to prepend to the hash.")), ("parts", s("Variadic parts to join with a stable separator and hash."))]);
    add("stable_hash_any", HASHING, "Compute a stable 128-bit hash from any value with optional canonicalization.",
        "stable_hash_any(value, canonical, null_sentinel)",
        vec![("value", s("Value to hash.")), ("canonical", s("If true, apply default Unicode normalization and trimming.")),
             ("null_sentinel", s("Sentinel string to use for null inputs."))]);
    add("span_make", SPAN, "Create a normalized span struct from offsets and options.",
        "span_make(bstart, bend, line_base, col_unit, end_exclusive)",
        vec![("bstart", s("Start byte offset.")), ("bend", s("End byte offset.")), ("line_base", s("Optional line base offset.")),
             ("col_unit", s("Optional column encoding unit.")), ("end_exclusive", s("Whether the end offset is exclusive."))]);
    add("span_len", SPAN, "Compute the length of a span.", "span_len(span)", vec![("span", s("Span struct."))]);
    add("interval_align_score", INTERVAL, "Compute alignment score for interval pairs.",
        "interval_align_score(left_start, left_end, right_start, right_end)",
        vec![("left_start", s("Left interval start position.")), ("left_end", s("Left interval end position.")),
             ("right_start", s("Right interval start position.")), ("right_end", s("Right interval end position."))]);
    add("span_overlaps", SPAN, "Determine whether two spans overlap.", "span_overlaps(span_a, span_b)",
        vec![("span_a", s("First span struct.")), ("span_b", s("Second span struct."))]);
    add("span_contains", SPAN, "Determine whether one span fully contains another.", "span_contains(span_a, span_b)",
        vec![("span_a", s("Container span struct.")), ("span_b", s("Contained span struct."))]);
    add("span_id", SPAN, "Create a stable span identifier from prefix, path, and offsets.",
        "span_id(prefix, path, bstart, bend, kind)",
        vec![("prefix", s("Namespace prefix for the identifier.")), ("path", s("Path or document identifier.")),
             ("bstart", s("Start byte offset.")), ("bend", s("End byte offset.")), ("kind", s("Optional span kind discriminator."))]);
    add("semantic_tag", METADATA, "Attach semantic type metadata to an expression.", "semantic_tag(semantic_type, value)",
        vec![("semantic_type", s("Semantic type label (for example: NodeId, EdgeId, SpanId).")), ("value", s("Expression to tag."))]);
    add("utf8_normalize", STRING, "Normalize UTF-8 text with Unicode normalization, case folding, and whitespace collapse.",
        "utf8_normalize(value, form, casefold, collapse_ws)",
        vec![("value", std_arg("String")), ("form", s("Unicode normalization form (NFC, NFD, NFKC, NFKD).")),
             ("casefold", s("Whether to lower-case the normalized text.")), ("collapse_ws", s("Whether to collapse consecutive whitespace."))]);
    add("utf8_null_if_blank", STRING, "Trim text and return null when the result is blank.", "utf8_null_if_blank(value)",
        vec![("value", std_arg("String"))]);
    add("qname_normalize", STRING, "Normalize and compose qualified names from symbol and optional module.",
        "qname_normalize(symbol, module, lang)",
        vec![("symbol", s("Symbol or identifier.")), ("module", s("Optional module or namespace.")), ("lang", s("Optional language discriminator."))]);
    add("map_get_default", NESTED, "Extract a map value by key with a default fallback.", "map_get_default(map_expr, key, default_value)",
        vec![("map_expr", s("Map expression.")), ("key", s("Key to extract (scalar literal).")), ("default_value", s("Default value when the key is missing."))]);
    add("map_normalize", NESTED, "Normalize map keys and optionally sort them deterministically.", "map_normalize(map_expr, key_case, sort_keys)",
        vec![("map_expr", s("Map expression.")), ("key_case", s("Key case normalization: lower, upper, none.")), ("sort_keys", s("Whether to sort keys deterministically."))]);
    add("list_compact", NESTED, "Remove null entries from a list and coerce values to strings.", "list_compact(list_expr)",
        vec![("list_expr", s("List expression."))]);
    add("list_unique_sorted", NESTED, "Compact a list, remove duplicates, and sort deterministically.", "list_unique_sorted(list_expr)",
        vec![("list_expr", s("List expression."))]);
    add("struct_pick", NESTED, "Select a subset of fields from a struct using scalar field names.", "struct_pick(struct_expr, field1, field2, ...)",
        vec![("struct_expr", s("Struct expression.")), ("fields", s("Scalar field names to select."))]);
    add("cdf_change_rank", DELTA, "Rank Delta change types deterministically.", "cdf_change_rank(change_type)",
        vec![("change_type", s("Delta change type string."))]);
    add("cdf_is_upsert", DELTA, "Return true when the Delta change type represents an upsert.", "cdf_is_upsert(change_type)",
        vec![("change_type", s("Delta change type string."))]);
    add("cdf_is_delete", DELTA, "Return true when the Delta change type represents a delete.", "cdf_is_delete(change_type)",
        vec![("change_type", s("Delta change type string."))]);
    add("position_encoding_norm", OTHER, "Normalize a position encoding name to its numeric code.", "position_encoding_norm(value)",
        vec![("value", std_arg("String"))]);
    add("col_to_byte", OTHER, "Convert a column offset to a byte offset for a line and encoding.", "col_to_byte(line_text, col, col_unit)",
        vec![("line_text", s("Line text to compute offsets within.")), ("col", s("Column offset within the line.")),
             ("col_unit", s("Encoding unit (BYTE, UTF8, UTF16, UTF32)."))]);
    add("list_unique", BUILTIN, "Aggregate values into a list and remove duplicates.", "list_unique(value)", vec![("value", std_arg("String"))]);
    add("collect_set", BUILTIN, "Aggregate values into a deterministic set (unique, sorted).", "collect_set(value)", vec![("value", std_arg("String"))]);
    add("count_distinct_agg", BUILTIN, "Count distinct values in the aggregate window.", "count_distinct_agg(value)", vec![("value", std_arg("String"))]);
    add("count_if", BUILTIN, "Count rows where the predicate evaluates to true.", "count_if(predicate)", vec![("predicate", std_arg("Boolean"))]);
    add("any_value_det", BUILTIN, "Return a deterministic value by selecting the row with the smallest order key.", "any_value_det(value, order_key)",
        vec![("value", s("Value to return.")), ("order_key", s("Ordering key used for deterministic selection."))]);
    add("arg_max", BUILTIN, "Return the value associated with the maximum order key.", "arg_max(value, order_key)",
        vec![("value", s("Value to return.")), ("order_key", s("Ordering key used to select the maximum value."))]);
    add("asof_select", BUILTIN, "Return the value associated with the latest as-of order key.", "asof_select(value, order_key)",
        vec![("value", s("Value to return.")), ("order_key", s("Ordering key used to select the latest value."))]);
    add("arg_min", BUILTIN, "Return the value associated with the minimum order key.", "arg_min(value, order_key)",
        vec![("value", s("Value to return.")), ("order_key", s("Ordering key used to select the minimum value."))]);
    // Table functions (static docs, spec §4.4).
    let limit = s("Optional maximum rows to return.");
    let schema_ipc = s("Optional Arrow schema IPC bytes (binary literal or hex string) to override inference.");
    add("udf_registry", TABLE, "Return metadata for all registered DataFusion functions.", "udf_registry()", vec![]);
    add("udf_docs", TABLE, "Return documentation metadata for all registered DataFusion functions.", "udf_docs()", vec![]);
    add("read_csv", TABLE, "Read CSV files into a table provider.",
        "read_csv(path [, limit] [, schema_ipc] [, has_header] [, delimiter] [, compression])",
        vec![("path", s("Path or URL to CSV files.")), ("limit", limit.clone()), ("schema_ipc", schema_ipc.clone()),
             ("has_header", s("Optional boolean indicating CSV header presence.")),
             ("delimiter", s("Optional single-character delimiter (defaults to comma).")),
             ("compression", s("Optional compression codec name (e.g., gzip, bz2, zstd)."))]);
    add("read_parquet", TABLE, "Read Parquet files into a table provider.", "read_parquet(path [, limit] [, schema_ipc])",
        vec![("path", s("Path or URL to Parquet files.")), ("limit", limit), ("schema_ipc", schema_ipc)]);
    add("range_table", TABLE, "Return a range of integers as a table.", "range_table(start, end)",
        vec![("start", s("Start of the range (inclusive).")), ("end", s("End of the range (exclusive)."))]);
    add("list_files_cache", TABLE, "Inspect the list-files cache snapshot.", "list_files_cache()", vec![]);
    add("metadata_cache", TABLE, "Inspect the file metadata cache snapshot.", "metadata_cache()", vec![]);
    add("predicate_cache", TABLE, "Inspect the predicate cache snapshot.", "predicate_cache()", vec![]);
    add("statistics_cache", TABLE, "Inspect the file statistics cache snapshot.", "statistics_cache()", vec![]);
    m
});

/// Names of the static table-function documentation entries.
pub const TABLE_DOC_NAMES: &[&str] = &[
    "udf_registry",
    "udf_docs",
    "read_csv",
    "read_parquet",
    "range_table",
    "list_files_cache",
    "metadata_cache",
    "predicate_cache",
    "statistics_cache",
];

/// The documentation of a catalog function by canonical name.
pub fn get(name: &str) -> Option<&'static Documentation> {
    DOCS.get(name)
}
