//! Hash and identifier functions (spec §1.2): stable_hash64, stable_hash128, prefixed_hash64,
//! stable_id, stable_id_parts, prefixed_hash_parts64, stable_hash_any. (`span_id` lives in
//! [`super::span`].)
//!
//! BLAKE2b details are in [`crate::common::hash64`] / [`crate::common::hash128`].

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, StringBuilder};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{
    ColumnarValue, Documentation, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature, Volatility,
};

use super::fold_literals;
use crate::common::*;
use crate::docs;

fn string_signature(n: usize, names: &[&str]) -> Signature {
    let sig = Signature::string(n, Volatility::Immutable);
    sig.clone().with_parameter_names(names.to_vec()).unwrap_or(sig)
}

/// Checks that every argument array is a string (or Null) array.
fn require_strings(name: &str, rows: &Rows, what: &[&str]) -> Result<()> {
    for (i, a) in rows.arrays.iter().enumerate() {
        if !(is_string_type(a.data_type()) || a.data_type() == &DataType::Null) {
            let w = what.get(i).copied().unwrap_or("string");
            return Err(plan_error(format!("{name} expects {w} input")));
        }
    }
    Ok(())
}

fn semantic_metadata(prefix: Option<&ScalarValue>) -> HashMap<String, String> {
    let mut md = HashMap::new();
    if let Some(t) = prefix.and_then(stringify_scalar).as_deref().and_then(semantic_type_for_prefix) {
        md.insert("semantic_type".to_string(), t.to_string());
    }
    md
}

// ------------------------------------------------------------------------------------------------

/// The two single-value hashes, which differ only in digest width and output type.
#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
enum HashWidth {
    /// `stable_hash64(value)` → Int64 (alias `hash64`).
    Bits64,
    /// `stable_hash128(value)` → Utf8, 32 hex chars (alias `hash128`).
    Bits128,
}

/// `stable_hash64` / `stable_hash128` of one string.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct StableHash {
    width: HashWidth,
    signature: Signature,
}

/// Builds `stable_hash64`.
pub fn stable_hash64() -> ScalarUDF {
    stable_hash(HashWidth::Bits64)
}

/// Builds `stable_hash128`.
pub fn stable_hash128() -> ScalarUDF {
    stable_hash(HashWidth::Bits128)
}

fn stable_hash(width: HashWidth) -> ScalarUDF {
    ScalarUDF::new_from_impl(StableHash {
        width,
        signature: string_signature(1, &["value"]),
    })
}

impl ScalarUDFImpl for StableHash {
    fn name(&self) -> &str {
        match self.width {
            HashWidth::Bits64 => "stable_hash64",
            HashWidth::Bits128 => "stable_hash128",
        }
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.width {
            HashWidth::Bits64 => DataType::Int64,
            HashWidth::Bits128 => DataType::Utf8,
        })
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(field_any_nullable(self.name(), self.return_type(&[])?, args.arg_fields))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::from_args(&args)?;
        require_strings(self.name(), &rows, &["string"])?;
        let a = rows.first(self.name())?;
        let hashed: ArrayRef = match self.width {
            HashWidth::Bits64 => Arc::new(hash64_array(a.as_ref())),
            HashWidth::Bits128 => Arc::new(hash128_array(a.as_ref())),
        };
        rows.finish(hashed)
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        fold_literals(self, args, info)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// Two-string prefixed hashes: `prefixed_hash64` (alias `prefixed_hash`) and `stable_id`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct PrefixedHash {
    name: &'static str,
    wide: bool,
    signature: Signature,
}

/// Builds `prefixed_hash64(prefix, value)`.
pub fn prefixed_hash64() -> ScalarUDF {
    ScalarUDF::new_from_impl(PrefixedHash {
        name: "prefixed_hash64",
        wide: false,
        signature: string_signature(2, &["prefix", "value"]),
    })
}

/// Builds `stable_id(prefix, value)`.
pub fn stable_id() -> ScalarUDF {
    ScalarUDF::new_from_impl(PrefixedHash {
        name: "stable_id",
        wide: true,
        signature: string_signature(2, &["prefix", "value"]),
    })
}

impl ScalarUDFImpl for PrefixedHash {
    fn name(&self) -> &str {
        self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let field = field_any_nullable(self.name, DataType::Utf8, args.arg_fields);
        if !self.wide {
            return Ok(field);
        }
        let md = semantic_metadata(args.scalar_arguments.first().copied().flatten());
        Ok(Arc::new(field.as_ref().clone().with_metadata(md)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 2 {
            return Err(plan_error(format!("{} expects two arguments", self.name)));
        }
        let rows = Rows::from_args(&args)?;
        require_strings(self.name, &rows, &["string prefix", "string value"])?;
        let (p, v) = (&rows.arrays[0], &rows.arrays[1]);
        let mut b = StringBuilder::with_capacity(rows.len, rows.len * 40);
        for i in 0..rows.len {
            match (str_at(p.as_ref(), i), str_at(v.as_ref(), i)) {
                (Some(p), Some(v)) => b.append_value(if self.wide {
                    stable_id_value(p, v)
                } else {
                    prefixed64(p, v)
                }),
                _ => b.append_null(),
            }
        }
        rows.finish(Arc::new(b.finish()))
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        fold_literals(self, args, info)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}

// ------------------------------------------------------------------------------------------------

/// Maximum number of parts of `stable_id_parts` / `prefixed_hash_parts64` (prefix excluded).
pub const MAX_PARTS: usize = 64;

/// Multi-part ids: `stable_id_parts` (alias `stable_id_multi`) and `prefixed_hash_parts64`
/// (alias `prefixed_hash_parts`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct IdParts {
    name: &'static str,
    wide: bool,
    signature: Signature,
}

fn parts_signature() -> Signature {
    catalog_signature(&[vec![DataType::Utf8, DataType::Utf8]])
}

/// Builds `stable_id_parts(prefix, part1, ...)`.
pub fn stable_id_parts() -> ScalarUDF {
    ScalarUDF::new_from_impl(IdParts {
        name: "stable_id_parts",
        wide: true,
        signature: parts_signature(),
    })
}

/// Builds `prefixed_hash_parts64(prefix, part1, ...)`.
pub fn prefixed_hash_parts64() -> ScalarUDF {
    ScalarUDF::new_from_impl(IdParts {
        name: "prefixed_hash_parts64",
        wide: false,
        signature: parts_signature(),
    })
}

/// Evaluates a multi-part id over rows: prefix NULL → NULL; parts NULL → `__NULL__`.
pub fn parts_id(rows: &Rows, wide: bool) -> Result<ArrayRef> {
    let mut b = StringBuilder::with_capacity(rows.len, rows.len * 40);
    let mut parts: Vec<Option<String>> = Vec::with_capacity(rows.arrays.len());
    for i in 0..rows.len {
        let Some(prefix) = stringify_at(rows.arrays[0].as_ref(), i)? else {
            b.append_null();
            continue;
        };
        parts.clear();
        for a in &rows.arrays[1..] {
            parts.push(stringify_at(a.as_ref(), i)?);
        }
        let joined = join_parts(&parts);
        b.append_value(if wide {
            stable_id_value(&prefix, &joined)
        } else {
            prefixed64(&prefix, &joined)
        });
    }
    Ok(Arc::new(b.finish()))
}

impl ScalarUDFImpl for IdParts {
    fn name(&self) -> &str {
        self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let n = args.arg_fields.len();
        if !(2..=MAX_PARTS + 1).contains(&n) {
            return Err(arity_error(
                &format!(
                    "{} expects between two and {} arguments, got {n}",
                    self.name,
                    MAX_PARTS + 1
                ),
                &format!("{}(prefix ANY, part1 ANY [, part2 ANY ... part64 ANY])", self.name),
            ));
        }
        let nullable = args.arg_fields.first().map(|f| f.is_nullable()).unwrap_or(true);
        let md = semantic_metadata(args.scalar_arguments.first().copied().flatten());
        Ok(Arc::new(
            Field::new(self.name, DataType::Utf8, nullable).with_metadata(md),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() < 2 {
            return Err(plan_error(format!("{} expects at least two arguments", self.name)));
        }
        let rows = Rows::from_args(&args)?;
        let out = parts_id(&rows, self.wide)?;
        rows.finish(out)
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        if args.len() < 2 {
            return Err(plan_error(format!("{} expects at least two arguments", self.name)));
        }
        fold_literals(self, args, info)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}

// ------------------------------------------------------------------------------------------------

/// `stable_hash_any(value [, canonical [, null_sentinel]])` → Utf8 hash128 (alias `stable_hash`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct StableHashAny {
    signature: Signature,
}

/// Builds `stable_hash_any`.
pub fn stable_hash_any() -> ScalarUDF {
    ScalarUDF::new_from_impl(StableHashAny {
        signature: catalog_signature(&[
            vec![DataType::Utf8],
            vec![DataType::Utf8, DataType::Boolean],
            vec![DataType::Utf8, DataType::Boolean, DataType::Utf8],
        ]),
    })
}

/// Per-value computation of stable_hash_any.
pub fn stable_hash_any_value(value: Option<String>, canonical: bool, sentinel: &str) -> String {
    let text = value.unwrap_or_else(|| sentinel.to_string());
    let text = if canonical {
        normalize_text(&text, DEFAULT_NORMALIZE_FORM, false, false)
    } else {
        text
    };
    hash128(&text)
}

impl ScalarUDFImpl for StableHashAny {
    fn name(&self) -> &str {
        "stable_hash_any"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let n = args.arg_fields.len();
        if n == 0 || n > 3 {
            return Err(arity_error(
                &format!("stable_hash_any expects between one and three arguments, got {n}"),
                "stable_hash_any(value ANY [, canonical BOOLEAN [, null_sentinel STRING]])",
            ));
        }
        Ok(Arc::new(Field::new(self.name(), DataType::Utf8, false)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.is_empty() {
            return Err(plan_error("stable_hash_any expects at least one argument"));
        }
        let canonical = match scalar_arg(&args.args, 1, "stable_hash_any canonical flag must be a scalar literal")? {
            Some(v) => scalar_to_bool(v, "stable_hash_any canonical")?.unwrap_or(true),
            None => true,
        };
        let sentinel = literal_str(scalar_arg(
            &args.args,
            2,
            "stable_hash_any null_sentinel must be a scalar literal",
        )?)
        .unwrap_or_else(|| NULL_SENTINEL.to_string());
        let rows = Rows::new(&args.args[..1], args.number_rows)?;
        let a = &rows.arrays[0];
        let mut b = StringBuilder::with_capacity(rows.len, rows.len * 32);
        for i in 0..rows.len {
            b.append_value(stable_hash_any_value(stringify_at(a.as_ref(), i)?, canonical, &sentinel));
        }
        rows.finish(Arc::new(b.finish()))
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        if args.is_empty() {
            return Err(plan_error("stable_hash_any expects at least one argument"));
        }
        fold_literals(self, args, info)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}
