//! Shared building blocks of the catalog (spec §1.1): BLAKE2b hashing, value-to-text conversion,
//! integer / boolean conversion, text normalisation, semantic-type canonicalisation, argument
//! access helpers and signature / documentation helpers.
//!
//! Everything here is pure and never panics on user input.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Int64Array, Int64Builder, StringArray, StringBuilder};
use arrow::datatypes::{DataType, Field, FieldRef};
use blake2::digest::{Update, VariableOutput};
use blake2::Blake2bVar;
use blake2b_simd::many::{hash_many, HashManyJob};
use datafusion::common::{DataFusionError, Result, ScalarValue};
use datafusion::common::types::NativeType;
use datafusion::logical_expr::{
    Coercion, ColumnarValue, DocSection, Documentation, ScalarFunctionArgs, Signature,
    TypeSignature, TypeSignatureClass, Volatility,
};
use unicode_normalization::UnicodeNormalization;

/// Encoding code for UTF-8 positions.
pub const ENC_UTF8: i32 = 1;
/// Encoding code for UTF-16 positions.
pub const ENC_UTF16: i32 = 2;
/// Encoding code for UTF-32 positions.
pub const ENC_UTF32: i32 = 3;
/// Separator placed between parts of multi-part identifiers (ASCII unit separator).
pub const PART_SEPARATOR: &str = "\u{1f}";
/// Text substituted for NULL parts.
pub const NULL_SENTINEL: &str = "__NULL__";
/// Default Unicode normalisation form.
pub const DEFAULT_NORMALIZE_FORM: &str = "NFKC";

/// Builds a `DataFusionError::Plan`.
pub fn plan_error(msg: impl Into<String>) -> DataFusionError {
    DataFusionError::Plan(msg.into())
}

// ------------------------------------------------------------------------------------------------
// Hashing
// ------------------------------------------------------------------------------------------------

/// Digest length (bytes) of [`hash64`].
const HASH64_BYTES: usize = 8;
/// Digest length (bytes) of [`hash128`].
const HASH128_BYTES: usize = 16;

/// BLAKE2b of one value. RustCrypto's portable code: one value at a time it is faster than
/// `blake2b_simd` (≈106–120 against ≈156–170 ns for 32 bytes on an AVX2 EPYC), whose gain is the
/// several-messages-at-once path of [`blake2b_many`].
fn blake2b(data: &[u8], out: &mut [u8]) {
    // Blake2bVar::new only fails for lengths outside 1..=64; 8 and 16 are always valid.
    if let Ok(mut hasher) = Blake2bVar::new(out.len()) {
        hasher.update(data);
        // finalize_variable only fails when the buffer length differs from the configured one.
        let _ = hasher.finalize_variable(out);
    }
}

/// Values handed to one `hash_many` call: many times the SIMD width (4), little memory.
const HASH_MANY_BATCH: usize = 64;

/// BLAKE2b (digest length `digest_len`) of many values: `blake2b_simd::many` compresses four
/// messages side by side with AVX2 (≈60–65 ns per 32-byte value against ≈106–120 one at a time),
/// two with SSE4.1, one at a time on other CPUs. Calls `emit` once per value, in order, with its
/// digest (`None` for a NULL value). Same digests as [`blake2b`] (test `batch_hashes_match_single`).
fn blake2b_many<'a>(
    values: impl Iterator<Item = Option<&'a [u8]>>,
    digest_len: usize,
    mut emit: impl FnMut(Option<&[u8]>),
) {
    let mut params = blake2b_simd::Params::new();
    params.hash_length(digest_len);
    let mut values = values.peekable();
    let mut chunk: Vec<Option<&'a [u8]>> = Vec::with_capacity(HASH_MANY_BATCH);
    let mut jobs: Vec<HashManyJob<'a>> = Vec::with_capacity(HASH_MANY_BATCH);
    while values.peek().is_some() {
        chunk.clear();
        chunk.extend(values.by_ref().take(HASH_MANY_BATCH));
        jobs.clear();
        jobs.extend(chunk.iter().copied().flatten().map(|v| HashManyJob::new(&params, v)));
        hash_many(jobs.iter_mut());
        let mut done = jobs.iter();
        for v in &chunk {
            match v.and_then(|_| done.next()) {
                Some(job) => emit(Some(job.to_hash().as_bytes())),
                None => emit(None),
            }
        }
    }
}

/// [`blake2b_many`] over every value of a string array (Utf8, LargeUtf8 or Utf8View, typed once
/// rather than per row); any other type (Null) counts as all NULL.
fn blake2b_strings(array: &dyn Array, digest_len: usize, emit: impl FnMut(Option<&[u8]>)) {
    fn bytes(v: Option<&str>) -> Option<&[u8]> {
        v.map(str::as_bytes)
    }
    let n = digest_len;
    match array.data_type() {
        DataType::Utf8 => blake2b_many(array.as_string::<i32>().iter().map(bytes), n, emit),
        DataType::LargeUtf8 => blake2b_many(array.as_string::<i64>().iter().map(bytes), n, emit),
        DataType::Utf8View => blake2b_many(array.as_string_view().iter().map(bytes), n, emit),
        _ => blake2b_many((0..array.len()).map(|_| None), n, emit),
    }
}

/// The first 8 digest bytes read big-endian, top bit cleared.
fn digest_to_i64(digest: &[u8]) -> i64 {
    let mut word = [0u8; 8];
    word.copy_from_slice(&digest[..8]);
    (u64::from_be_bytes(word) & 0x7FFF_FFFF_FFFF_FFFF) as i64
}

/// BLAKE2b (digest length 8) of the UTF-8 bytes, read big-endian, top bit cleared.
pub fn hash64(text: &str) -> i64 {
    let mut out = [0u8; HASH64_BYTES];
    blake2b(text.as_bytes(), &mut out);
    digest_to_i64(&out)
}

/// BLAKE2b (digest length 16) of the UTF-8 bytes as 32 lowercase hex characters.
pub fn hash128(text: &str) -> String {
    let mut out = [0u8; HASH128_BYTES];
    blake2b(text.as_bytes(), &mut out);
    hex_lower(&out)
}

/// [`hash64`] of every value of a string array, NULL for NULL (several values at a time).
pub fn hash64_array(array: &dyn Array) -> Int64Array {
    let mut b = Int64Builder::with_capacity(array.len());
    blake2b_strings(array, HASH64_BYTES, |d| b.append_option(d.map(digest_to_i64)));
    b.finish()
}

/// [`hash128`] of every value of a string array, NULL for NULL (several values at a time).
pub fn hash128_array(array: &dyn Array) -> StringArray {
    let mut b = StringBuilder::with_capacity(array.len(), array.len() * 2 * HASH128_BYTES);
    blake2b_strings(array, HASH128_BYTES, |d| b.append_option(d.map(hex_lower)));
    b.finish()
}

/// Lowercase hex rendering of bytes.
pub fn hex_lower(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        s.push(DIGITS[(b >> 4) as usize] as char);
        s.push(DIGITS[(b & 0xf) as usize] as char);
    }
    s
}

/// `prefix + ":" + decimal(hash64(text))`.
pub fn prefixed64(prefix: &str, text: &str) -> String {
    format!("{prefix}:{}", hash64(text))
}

/// `prefix + ":" + hash128(text)`.
pub fn stable_id_value(prefix: &str, text: &str) -> String {
    format!("{prefix}:{}", hash128(text))
}

/// Joins parts with the unit separator, NULL parts replaced by `__NULL__`.
pub fn join_parts(parts: &[Option<String>]) -> String {
    let mut joined = String::new();
    for (i, part) in parts.iter().enumerate() {
        if i > 0 {
            joined.push_str(PART_SEPARATOR);
        }
        joined.push_str(part.as_deref().unwrap_or(NULL_SENTINEL));
    }
    joined
}

// ------------------------------------------------------------------------------------------------
// Value conversion
// ------------------------------------------------------------------------------------------------

/// Is the type one whose NULL counts as *absent* for stringification?
fn null_is_absent(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::Null
            | DataType::Utf8
            | DataType::LargeUtf8
            | DataType::Utf8View
            | DataType::Int8
            | DataType::Int16
            | DataType::Int32
            | DataType::Int64
            | DataType::UInt8
            | DataType::UInt16
            | DataType::UInt32
            | DataType::UInt64
            | DataType::Float32
            | DataType::Float64
            | DataType::Boolean
    )
}

/// Converts a scalar value to text (spec "stringify"). `None` = absent.
pub fn stringify_scalar(value: &ScalarValue) -> Option<String> {
    let dt = value.data_type();
    if value.is_null() && null_is_absent(&dt) {
        return None;
    }
    Some(match value {
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => {
            s.clone()
        }
        ScalarValue::Int8(Some(v)) => v.to_string(),
        ScalarValue::Int16(Some(v)) => v.to_string(),
        ScalarValue::Int32(Some(v)) => v.to_string(),
        ScalarValue::Int64(Some(v)) => v.to_string(),
        ScalarValue::UInt8(Some(v)) => v.to_string(),
        ScalarValue::UInt16(Some(v)) => v.to_string(),
        ScalarValue::UInt32(Some(v)) => v.to_string(),
        ScalarValue::UInt64(Some(v)) => v.to_string(),
        ScalarValue::Float32(Some(v)) => v.to_string(),
        ScalarValue::Float64(Some(v)) => v.to_string(),
        ScalarValue::Boolean(Some(v)) => v.to_string(),
        other => other.to_string(),
    })
}

/// Stringifies row `i` of an array (fast paths for common types).
pub fn stringify_at(array: &dyn Array, i: usize) -> Result<Option<String>> {
    match array.data_type() {
        DataType::Null => Ok(None),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => {
            Ok(str_at(array, i).map(str::to_string))
        }
        _ => {
            let value = ScalarValue::try_from_array(array, i)?;
            Ok(stringify_scalar(&value))
        }
    }
}

/// Reads row `i` of a string array (Utf8 / LargeUtf8 / Utf8View); `None` for NULL or non-string arrays.
pub fn str_at(array: &dyn Array, i: usize) -> Option<&str> {
    if array.is_null(i) {
        return None;
    }
    match array.data_type() {
        DataType::Utf8 => Some(array.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => Some(array.as_string::<i64>().value(i)),
        DataType::Utf8View => Some(array.as_string_view().value(i)),
        _ => None,
    }
}

/// Is the data type a string type?
pub fn is_string_type(dt: &DataType) -> bool {
    matches!(dt, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// Integer conversion (spec §1.1). `None` = absent.
pub fn scalar_to_i64(value: &ScalarValue, context: &str) -> Result<Option<i64>> {
    if value.is_null() {
        return Ok(None);
    }
    Ok(Some(match value {
        ScalarValue::Int8(Some(v)) => *v as i64,
        ScalarValue::Int16(Some(v)) => *v as i64,
        ScalarValue::Int32(Some(v)) => *v as i64,
        ScalarValue::Int64(Some(v)) => *v,
        ScalarValue::UInt8(Some(v)) => *v as i64,
        ScalarValue::UInt16(Some(v)) => *v as i64,
        ScalarValue::UInt32(Some(v)) => *v as i64,
        ScalarValue::UInt64(Some(v)) => *v as i64,
        ScalarValue::Float32(Some(v)) => *v as i64,
        ScalarValue::Float64(Some(v)) => *v as i64,
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => {
            s.parse::<i64>().map_err(|e| {
                plan_error(format!("{context}: failed to parse integer: {e}"))
            })?
        }
        other => {
            return Err(plan_error(format!(
                "{context}: unsupported integer conversion from {other:?}"
            )))
        }
    }))
}

/// Integer conversion of row `i` of an array.
pub fn i64_at(array: &dyn Array, i: usize, context: &str) -> Result<Option<i64>> {
    if array.is_null(i) {
        return Ok(None);
    }
    if let DataType::Int64 = array.data_type() {
        return Ok(Some(
            array.as_primitive::<arrow::datatypes::Int64Type>().value(i),
        ));
    }
    scalar_to_i64(&ScalarValue::try_from_array(array, i)?, context)
}

/// Boolean conversion (spec §1.1). `None` = absent.
pub fn scalar_to_bool(value: &ScalarValue, context: &str) -> Result<Option<bool>> {
    if value.is_null() {
        return Ok(None);
    }
    match value {
        ScalarValue::Boolean(Some(b)) => Ok(Some(*b)),
        ScalarValue::Int8(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::Int16(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::Int32(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::Int64(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::UInt8(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::UInt16(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::UInt32(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::UInt64(Some(v)) => Ok(Some(*v != 0)),
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => {
            match parse_bool_text(s) {
                Ok(v) => Ok(v),
                Err(()) => Err(plan_error(format!(
                    "{context}: unsupported boolean literal {s:?}"
                ))),
            }
        }
        other => Err(plan_error(format!(
            "{context}: unsupported boolean conversion from {other:?}"
        ))),
    }
}

/// Parses boolean text: trim + ASCII-lowercase; empty → `Ok(None)`; unknown → `Err(())`.
pub fn parse_bool_text(text: &str) -> std::result::Result<Option<bool>, ()> {
    let t = text.trim().to_ascii_lowercase();
    match t.as_str() {
        "" => Ok(None),
        "true" | "t" | "1" | "yes" | "y" => Ok(Some(true)),
        "false" | "f" | "0" | "no" | "n" => Ok(Some(false)),
        _ => Err(()),
    }
}

/// Text normalisation (spec §1.1 `normalize_text`).
pub fn normalize_text(value: &str, form: &str, casefold: bool, collapse_ws: bool) -> String {
    let trimmed = value.trim();
    if trimmed.is_empty() {
        return String::new();
    }
    let form = form.trim().to_ascii_uppercase();
    let mut text: String = match form.as_str() {
        "NFC" => trimmed.nfc().collect(),
        "NFD" => trimmed.nfd().collect(),
        "NFKD" => trimmed.nfkd().collect(),
        _ => trimmed.nfkc().collect(),
    };
    if casefold {
        text = text.to_lowercase();
    }
    if collapse_ws {
        text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    }
    text
}

/// Canonical semantic type of a node/edge/span synonym, or `None`.
pub fn semantic_type_for_prefix(prefix: &str) -> Option<&'static str> {
    match prefix.trim().to_ascii_lowercase().as_str() {
        "node" | "node_id" | "nodeid" => Some("NodeId"),
        "edge" | "edge_id" | "edgeid" => Some("EdgeId"),
        "span" | "span_id" | "spanid" => Some("SpanId"),
        _ => None,
    }
}

/// semantic_tag normalisation: synonyms canonicalised, other non-blank values trimmed, blank → None.
pub fn normalize_semantic_tag(value: &str) -> Option<String> {
    if let Some(t) = semantic_type_for_prefix(value) {
        return Some(t.to_string());
    }
    let trimmed = value.trim();
    if trimmed.is_empty() {
        None
    } else {
        Some(trimmed.to_string())
    }
}

// ------------------------------------------------------------------------------------------------
// Argument helpers
// ------------------------------------------------------------------------------------------------

/// Arguments of one invocation, materialised as arrays.
///
/// When every argument is a scalar the function is evaluated for a single row and the result is
/// returned as a scalar ("all-scalar → scalar").
pub struct Rows {
    pub arrays: Vec<ArrayRef>,
    pub len: usize,
    pub all_scalar: bool,
}

impl Rows {
    pub fn new(args: &[ColumnarValue], number_rows: usize) -> Result<Self> {
        let all_scalar = args.iter().all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let len = if all_scalar { 1 } else { number_rows };
        let arrays = args
            .iter()
            .map(|a| a.to_array(len))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            arrays,
            len,
            all_scalar,
        })
    }

    pub fn from_args(args: &ScalarFunctionArgs) -> Result<Self> {
        Self::new(&args.args, args.number_rows)
    }

    /// The first argument array, or a Plan error naming the function.
    pub fn first(&self, name: &str) -> Result<&ArrayRef> {
        self.arrays
            .first()
            .ok_or_else(|| plan_error(format!("{name} expects at least one argument")))
    }

    /// Wraps the computed output (one row per input row).
    pub fn finish(&self, out: ArrayRef) -> Result<ColumnarValue> {
        if self.all_scalar {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                out.as_ref(),
                0,
            )?))
        } else {
            Ok(ColumnarValue::Array(out))
        }
    }
}

/// Returns the scalar value of an argument that must be a scalar (literal), else a Plan error.
pub fn scalar_arg<'a>(
    args: &'a [ColumnarValue],
    idx: usize,
    err: &str,
) -> Result<Option<&'a ScalarValue>> {
    match args.get(idx) {
        None => Ok(None),
        Some(ColumnarValue::Scalar(s)) => Ok(Some(s)),
        Some(ColumnarValue::Array(_)) => Err(plan_error(err.to_string())),
    }
}

/// Literal string of an optional scalar argument (NULL / absent → None).
pub fn literal_str(value: Option<&ScalarValue>) -> Option<String> {
    value.and_then(stringify_scalar)
}

/// Output field named after the function with type `dt`, nullable iff the first argument is
/// nullable; copies the first argument's metadata when its type is exactly `dt`.
pub fn field_from_first_arg_typed(
    name: &str,
    dt: DataType,
    arg_fields: &[FieldRef],
) -> Result<FieldRef> {
    let first = arg_fields
        .first()
        .ok_or_else(|| plan_error(format!("{name} expects at least one argument")))?;
    let mut field = Field::new(name, dt.clone(), first.is_nullable());
    if first.data_type() == &dt {
        field = field.with_metadata(first.metadata().clone());
    }
    Ok(Arc::new(field))
}

/// Output field nullable iff any argument is nullable.
pub fn field_any_nullable(name: &str, dt: DataType, arg_fields: &[FieldRef]) -> FieldRef {
    let nullable = arg_fields.iter().any(|f| f.is_nullable());
    Arc::new(Field::new(name, dt, nullable))
}

/// Expands each string type in `types` into Utf8 / LargeUtf8 / Utf8View (cartesian product).
pub fn expand_string_signatures(types: &[DataType]) -> Vec<Vec<DataType>> {
    let mut rows: Vec<Vec<DataType>> = vec![vec![]];
    for t in types {
        let options: Vec<DataType> = if is_string_type(t) {
            vec![DataType::Utf8, DataType::LargeUtf8, DataType::Utf8View]
        } else {
            vec![t.clone()]
        };
        let mut next = Vec::with_capacity(rows.len() * options.len());
        for row in &rows {
            for o in &options {
                let mut r = row.clone();
                r.push(o.clone());
                next.push(r);
            }
        }
        rows = next;
    }
    rows
}

/// Signature of catalog functions with user-defined coercion: `OneOf([UserDefined, examples...])`.
///
/// `coerce_types` runs first (and decides the argument types); the exact examples only serve
/// `information_schema.parameters` (DataFusion lists signature examples there). Argument-count
/// and shape validation happens in `return_field_from_args`, so the planning error carries the
/// function's own message and its accepted signatures.
pub fn catalog_signature(examples: &[Vec<DataType>]) -> Signature {
    let mut variants = vec![TypeSignature::UserDefined];
    for ex in examples {
        variants.push(TypeSignature::Coercible(
            ex.iter()
                .map(|t| {
                    Coercion::new_exact(TypeSignatureClass::Native(Arc::new(NativeType::from(t))))
                })
                .collect(),
        ));
    }
    Signature::one_of(variants, Volatility::Immutable)
}

/// Describes the arity-check error of a user-defined signature, listing the accepted forms.
pub fn arity_error(message: &str, accepted: &str) -> DataFusionError {
    plan_error(format!("{message}. Accepted signatures: {accepted}"))
}

/// Documentation section helper.
pub const fn doc_section(label: &'static str) -> DocSection {
    DocSection {
        include: true,
        label,
        description: None,
    }
}

/// Standard argument description ("std(X)" in the spec).
pub fn std_arg(kind: &str) -> String {
    format!(
        "{kind} expression to operate on. Can be a constant, column, or function, and any combination of operators."
    )
}

/// Builds a documentation record.
pub fn make_doc(
    section: &'static str,
    description: &str,
    syntax: &str,
    args: &[(&str, String)],
) -> Documentation {
    let mut b = Documentation::builder(
        doc_section(section),
        description.to_string(),
        syntax.to_string(),
    );
    for (n, d) in args {
        b = b.with_argument(*n, d.clone());
    }
    b.build()
}

/// Renders a list of types for error messages.
pub fn type_list(types: &[DataType]) -> String {
    types
        .iter()
        .map(|t| t.to_string())
        .collect::<Vec<_>>()
        .join(", ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hash_examples() {
        assert_eq!(hash64("alpha"), 5982700193828047002);
        assert_eq!(hash128("beta"), "3fbcb3213a60fe28c29ec4283042c6e2");
        assert_eq!(prefixed64("ns", "gamma"), "ns:8666994792918649077");
        assert_eq!(
            stable_id_value("ns", "delta"),
            "ns:7fe3792fbdd937674be221ed030739da"
        );
    }

    #[test]
    fn batch_hashes_match_single() {
        // Lengths 0..300 (up to three BLAKE2b blocks), multi-byte characters, NULLs, and more
        // values than one hash_many batch; every string layout.
        let values: Vec<Option<String>> = (0..300usize)
            .map(|n| match n % 7 {
                3 => None,
                5 => Some("é".repeat(n / 2)),
                _ => Some((0..n).map(|i| char::from(b'a' + ((i * 31 + n) % 26) as u8)).collect()),
            })
            .collect();
        let arrays: Vec<ArrayRef> = vec![
            Arc::new(StringArray::from(values.clone())),
            Arc::new(arrow::array::LargeStringArray::from(values.clone())),
            Arc::new(arrow::array::StringViewArray::from(values.clone())),
        ];
        for a in &arrays {
            let h64 = hash64_array(a.as_ref());
            let h128 = hash128_array(a.as_ref());
            for (i, v) in values.iter().enumerate() {
                assert_eq!(h64.is_null(i), v.is_none());
                assert_eq!(h128.is_null(i), v.is_none());
                if let Some(v) = v {
                    assert_eq!(h64.value(i), hash64(v), "hash64 of {v:?}");
                    assert_eq!(h128.value(i), hash128(v), "hash128 of {v:?}");
                }
            }
        }
        let nulls = hash64_array(&arrow::array::NullArray::new(3));
        assert_eq!(nulls.null_count(), 3);
    }

    #[test]
    fn float_display() {
        assert_eq!(stringify_scalar(&ScalarValue::Float64(Some(2.0))).unwrap(), "2");
        assert_eq!(stringify_scalar(&ScalarValue::Float64(Some(1e21))).unwrap(), "1000000000000000000000");
        assert_eq!(stringify_scalar(&ScalarValue::Float64(Some(1e-7))).unwrap(), "0.0000001");
        assert_eq!(stringify_scalar(&ScalarValue::Float64(Some(-0.0))).unwrap(), "-0");
        assert_eq!(stringify_scalar(&ScalarValue::Float64(Some(f64::NAN))).unwrap(), "NaN");
        assert_eq!(stringify_scalar(&ScalarValue::Float64(Some(f64::INFINITY))).unwrap(), "inf");
        assert_eq!(stringify_scalar(&ScalarValue::Int64(None)), None);
        assert_eq!(stringify_scalar(&ScalarValue::Date32(None)).unwrap(), "NULL");
    }

    #[test]
    fn normalize_examples() {
        assert_eq!(normalize_text("  Hello   World  ", "NFKC", true, true), "hello world");
        assert_eq!(normalize_text("ＡＢＣ", "NFKC", true, true), "abc");
        assert_eq!(normalize_text("ﬁle", "NFKC", true, true), "file");
        assert_eq!(normalize_text("ﬁle", "NFC", true, true), "ﬁle");
        assert_eq!(normalize_text("ΟΔΟΣ", "NFKC", true, true), "\u{3bf}\u{3b4}\u{3bf}\u{3c2}");
        assert_eq!(normalize_text("Straße", "NFKC", true, true), "straße");
        assert_eq!(normalize_text("¨abc", "NFKC", true, false), " \u{308}abc");
        assert_eq!(normalize_text("é", "nfd", true, true), "e\u{301}");
    }

    #[test]
    fn bool_parse() {
        assert_eq!(
            scalar_to_bool(&ScalarValue::Utf8(Some(" YES ".into())), "x").unwrap(),
            Some(true)
        );
        let err = scalar_to_bool(&ScalarValue::Utf8(Some("maybe".into())), "ctx").unwrap_err();
        assert!(err.to_string().contains("ctx: unsupported boolean literal \"maybe\""));
    }
}
