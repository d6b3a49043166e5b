//! Span, interval and position functions (spec §1.3): span_make, span_len, span_overlaps,
//! span_contains, interval_align_score, span_id, col_to_byte, position_encoding_norm.

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, BooleanArray, BooleanBuilder, Float64Builder, Int32Builder,
    Int64Builder, StringBuilder, StructArray,
};
use arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::{Result, ScalarValue};
use datafusion::config::ConfigOptions;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature, TypeSignature, Volatility,
};

use super::hash::parts_id;
use crate::common::*;
use crate::config::CodeAnatomyUdfConfig;
use crate::docs;

/// The span struct fields (exact order).
pub fn span_fields() -> Fields {
    Fields::from(vec![
        Field::new("bstart", DataType::Int64, true),
        Field::new("bend", DataType::Int64, true),
        Field::new("line_base", DataType::Int32, true),
        Field::new("col_unit", DataType::Utf8, true),
        Field::new("end_exclusive", DataType::Boolean, true),
    ])
}

/// The span struct type.
pub fn span_type() -> DataType {
    DataType::Struct(span_fields())
}

// ------------------------------------------------------------------------------------------------

/// `span_make(bstart, bend [, line_base [, col_unit [, end_exclusive]]])` (alias `span`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SpanMake {
    signature: Signature,
    config: CodeAnatomyUdfConfig,
}

/// Builds `span_make` with default configuration.
pub fn span_make() -> ScalarUDF {
    ScalarUDF::new_from_impl(SpanMake::new(CodeAnatomyUdfConfig::default()))
}

const SPAN_TARGETS: [DataType; 5] = [
    DataType::Int64,
    DataType::Int64,
    DataType::Int32,
    DataType::Utf8,
    DataType::Boolean,
];
const SPAN_MAKE_SIG: &str = "span_make(bstart BIGINT, bend BIGINT [, line_base INT [, col_unit STRING [, end_exclusive BOOLEAN]]])";

impl SpanMake {
    fn new(config: CodeAnatomyUdfConfig) -> Self {
        let examples: Vec<Vec<DataType>> = (2..=5).map(|n| SPAN_TARGETS[..n].to_vec()).collect();
        Self {
            signature: catalog_signature(&examples),
            config,
        }
    }
}

impl ScalarUDFImpl for SpanMake {
    fn name(&self) -> &str {
        "span_make"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn with_updated_config(&self, config: &ConfigOptions) -> Option<ScalarUDF> {
        let cfg = CodeAnatomyUdfConfig::from_config(config);
        if cfg == self.config {
            None
        } else {
            Some(ScalarUDF::new_from_impl(SpanMake::new(cfg)))
        }
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if !(2..=5).contains(&arg_types.len()) {
            return Ok(arg_types.to_vec());
        }
        Ok(SPAN_TARGETS[..arg_types.len()].to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(span_type())
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let n = args.arg_fields.len();
        if !(2..=5).contains(&n) {
            return Err(arity_error(
                "span_make expects between two and five arguments",
                SPAN_MAKE_SIG,
            ));
        }
        let nullable = args.arg_fields.iter().any(|f| f.is_nullable());
        let first_md = args.arg_fields[0].metadata();
        let md = if !first_md.is_empty() {
            first_md.clone()
        } else {
            let lit = |i: usize| args.scalar_arguments.get(i).copied().flatten();
            let line_base = lit(2)
                .and_then(|v| scalar_to_i64(v, "span_make line_base").ok().flatten())
                .map(|v| (v as i32).to_string())
                .unwrap_or_else(|| self.config.span_default_line_base.to_string());
            let col_unit = literal_str(lit(3)).unwrap_or_else(|| self.config.span_default_col_unit.clone());
            let end_exclusive = lit(4)
                .and_then(|v| scalar_to_bool(v, "span_make end_exclusive").ok().flatten())
                .unwrap_or(self.config.span_default_end_exclusive);
            HashMap::from([
                ("semantic_type".to_string(), "Span".to_string()),
                ("line_base".to_string(), line_base),
                ("col_unit".to_string(), col_unit),
                ("end_exclusive".to_string(), end_exclusive.to_string()),
            ])
        };
        Ok(Arc::new(
            Field::new(self.name(), span_type(), nullable).with_metadata(md),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.args.len();
        if !(2..=5).contains(&n) {
            return Err(arity_error(
                "span_make expects between two and five arguments",
                SPAN_MAKE_SIG,
            ));
        }
        let cfg = CodeAnatomyUdfConfig::from_config(&args.config_options);
        let rows = Rows::from_args(&args)?;
        let len = rows.len;
        let mut bstart = Int64Builder::with_capacity(len);
        let mut bend = Int64Builder::with_capacity(len);
        let mut line_base = Int32Builder::with_capacity(len);
        let mut col_unit = StringBuilder::with_capacity(len, len * 4);
        let mut end_ex = BooleanBuilder::with_capacity(len);
        let arg = |k: usize| rows.arrays.get(k);
        for i in 0..len {
            bstart.append_option(i64_at(rows.arrays[0].as_ref(), i, "span_make bstart")?);
            bend.append_option(i64_at(rows.arrays[1].as_ref(), i, "span_make bend")?);
            match arg(2) {
                Some(a) => line_base.append_option(
                    i64_at(a.as_ref(), i, "span_make line_base")?.map(|v| v as i32),
                ),
                None => line_base.append_value(cfg.span_default_line_base),
            }
            let unit = match arg(3) {
                Some(a) => stringify_at(a.as_ref(), i)?,
                None => None,
            };
            col_unit.append_value(unit.unwrap_or_else(|| cfg.span_default_col_unit.clone()));
            let ex = match arg(4) {
                Some(a) => scalar_to_bool(
                    &ScalarValue::try_from_array(a.as_ref(), i)?,
                    "span_make end_exclusive",
                )?,
                None => None,
            };
            end_ex.append_value(ex.unwrap_or(cfg.span_default_end_exclusive));
        }
        let columns: Vec<ArrayRef> = vec![
            Arc::new(bstart.finish()),
            Arc::new(bend.finish()),
            Arc::new(line_base.finish()),
            Arc::new(col_unit.finish()),
            Arc::new(end_ex.finish()),
        ];
        let out = StructArray::try_new(span_fields(), columns, None)?;
        rows.finish(Arc::new(out))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// Accessor for the offsets of a span struct array.
struct SpanView<'a> {
    bstart: &'a dyn Array,
    bend: &'a dyn Array,
    end_exclusive: Option<&'a BooleanArray>,
    nulls: &'a StructArray,
}

impl<'a> SpanView<'a> {
    fn new(array: &'a ArrayRef, fname: &str) -> Result<Self> {
        let DataType::Struct(_) = array.data_type() else {
            return Err(plan_error(format!("{fname} expects struct inputs")));
        };
        let s = array.as_struct();
        let field = |name: &str| -> Result<&'a dyn Array> {
            let col = s
                .column_by_name(name)
                .ok_or_else(|| plan_error(format!("Missing span field: {name}")))?;
            if col.data_type() != &DataType::Int64 {
                return Err(plan_error(format!("Span field {name} must be int64")));
            }
            Ok(col.as_ref())
        };
        let end_exclusive = s
            .column_by_name("end_exclusive")
            .and_then(|c| c.as_boolean_opt());
        Ok(Self {
            bstart: field("bstart")?,
            bend: field("bend")?,
            end_exclusive,
            nulls: s,
        })
    }

    /// (bstart, adjusted end) of row i; None when an offset (or the span) is NULL.
    fn bounds(&self, i: usize) -> Option<(i64, i64)> {
        if self.nulls.is_null(i) || self.bstart.is_null(i) || self.bend.is_null(i) {
            return None;
        }
        let bs = self.bstart.as_primitive::<arrow::datatypes::Int64Type>().value(i);
        let be = self.bend.as_primitive::<arrow::datatypes::Int64Type>().value(i);
        let exclusive = match self.end_exclusive {
            Some(b) if !b.is_null(i) => b.value(i),
            _ => true,
        };
        Some((bs, if exclusive { be } else { be.saturating_add(1) }))
    }

    fn raw(&self, i: usize) -> Option<(i64, i64)> {
        if self.nulls.is_null(i) || self.bstart.is_null(i) || self.bend.is_null(i) {
            return None;
        }
        Some((
            self.bstart.as_primitive::<arrow::datatypes::Int64Type>().value(i),
            self.bend.as_primitive::<arrow::datatypes::Int64Type>().value(i),
        ))
    }
}

fn span_example() -> Vec<Vec<DataType>> {
    vec![vec![span_type(), span_type()]]
}

/// `span_overlaps(a, b)` / `span_contains(a, b)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SpanRelation {
    name: &'static str,
    contains: bool,
    signature: Signature,
}

/// Builds `span_overlaps`.
pub fn span_overlaps() -> ScalarUDF {
    ScalarUDF::new_from_impl(SpanRelation {
        name: "span_overlaps",
        contains: false,
        signature: catalog_signature(&span_example()),
    })
}

/// Builds `span_contains`.
pub fn span_contains() -> ScalarUDF {
    ScalarUDF::new_from_impl(SpanRelation {
        name: "span_contains",
        contains: true,
        signature: catalog_signature(&span_example()),
    })
}

impl ScalarUDFImpl for SpanRelation {
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
        Ok(DataType::Boolean)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let accepted = format!("{}(span_a STRUCT<bstart BIGINT, bend BIGINT, ...>, span_b STRUCT<...>)", self.name);
        if args.arg_fields.len() != 2 {
            return Err(arity_error(&format!("{} expects two arguments", self.name), &accepted));
        }
        if !args.arg_fields.iter().all(|f| matches!(f.data_type(), DataType::Struct(_))) {
            return Err(arity_error(&format!("{} expects struct inputs", self.name), &accepted));
        }
        Ok(Arc::new(Field::new(self.name, DataType::Boolean, true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 2 {
            return Err(plan_error(format!("{} expects two arguments", self.name)));
        }
        let rows = Rows::from_args(&args)?;
        let a = SpanView::new(&rows.arrays[0], self.name)?;
        let b = SpanView::new(&rows.arrays[1], self.name)?;
        if rows.arrays[0].len() != rows.arrays[1].len() {
            return Err(plan_error(format!("{} input lengths must match", self.name)));
        }
        let mut out = BooleanBuilder::with_capacity(rows.len);
        for i in 0..rows.len {
            match (a.bounds(i), b.bounds(i)) {
                (Some((as_, ae)), Some((bs, be))) => out.append_value(if self.contains {
                    as_ <= bs && be <= ae
                } else {
                    as_ < be && bs < ae
                }),
                _ => out.append_null(),
            }
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}

// ------------------------------------------------------------------------------------------------

/// `span_len(span)` → Int64 `bend - bstart`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SpanLen {
    signature: Signature,
}

/// Builds `span_len`.
pub fn span_len() -> ScalarUDF {
    ScalarUDF::new_from_impl(SpanLen {
        signature: catalog_signature(&[vec![span_type()]]),
    })
}

impl ScalarUDFImpl for SpanLen {
    fn name(&self) -> &str {
        "span_len"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let accepted = "span_len(span STRUCT<bstart BIGINT, bend BIGINT, ...>)";
        if args.arg_fields.len() != 1 {
            return Err(arity_error("span_len expects one argument", accepted));
        }
        if !matches!(args.arg_fields[0].data_type(), DataType::Struct(_)) {
            return Err(arity_error("span_len expects a struct input", accepted));
        }
        Ok(Arc::new(Field::new(
            self.name(),
            DataType::Int64,
            args.arg_fields[0].is_nullable(),
        )))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 1 {
            return Err(plan_error("span_len expects one argument"));
        }
        let rows = Rows::from_args(&args)?;
        if !matches!(rows.arrays[0].data_type(), DataType::Struct(_)) {
            return Err(plan_error("span_len expects a struct input"));
        }
        let s = SpanView::new(&rows.arrays[0], "span_len")?;
        let mut out = Int64Builder::with_capacity(rows.len);
        for i in 0..rows.len {
            // Wrapping subtraction: the reference's release-build behaviour, never a panic.
            out.append_option(s.raw(i).map(|(bs, be)| be.wrapping_sub(bs)));
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `interval_align_score(left_start, left_end, right_start, right_end)` → Float64.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct IntervalAlignScore {
    signature: Signature,
}

/// Builds `interval_align_score`.
pub fn interval_align_score() -> ScalarUDF {
    let sig = Signature::one_of(vec![TypeSignature::Any(4)], Volatility::Immutable);
    let sig = sig
        .clone()
        .with_parameter_names(vec!["left_start", "left_end", "right_start", "right_end"])
        .unwrap_or(sig);
    ScalarUDF::new_from_impl(IntervalAlignScore { signature: sig })
}

impl ScalarUDFImpl for IntervalAlignScore {
    fn name(&self) -> &str {
        "interval_align_score"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(field_any_nullable(self.name(), DataType::Float64, args.arg_fields))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 4 {
            return Err(plan_error("interval_align_score expects four arguments"));
        }
        let rows = Rows::from_args(&args)?;
        let mut out = Float64Builder::with_capacity(rows.len);
        for i in 0..rows.len {
            let mut vals = [0i64; 4];
            let mut any_null = false;
            for (k, a) in rows.arrays.iter().enumerate() {
                match i64_at(a.as_ref(), i, "interval_align_score")? {
                    Some(v) => vals[k] = v,
                    None => any_null = true,
                }
            }
            if any_null {
                out.append_null();
            } else {
                out.append_value(-(vals[3].wrapping_sub(vals[2]) as f64));
            }
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `span_id(prefix, path, bstart, bend [, kind])` = `stable_id_parts(prefix, path, bstart, bend[, kind])`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SpanId {
    signature: Signature,
}

/// Builds `span_id`.
pub fn span_id() -> ScalarUDF {
    ScalarUDF::new_from_impl(SpanId {
        signature: catalog_signature(&[
            vec![DataType::Utf8, DataType::Utf8, DataType::Int64, DataType::Int64],
            vec![DataType::Utf8, DataType::Utf8, DataType::Int64, DataType::Int64, DataType::Utf8],
        ]),
    })
}

impl ScalarUDFImpl for SpanId {
    fn name(&self) -> &str {
        "span_id"
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
        if !(4..=5).contains(&args.arg_fields.len()) {
            return Err(arity_error(
                "span_id expects four or five arguments",
                "span_id(prefix STRING, path STRING, bstart BIGINT, bend BIGINT [, kind STRING]) (any types accepted; values are stringified)",
            ));
        }
        let nullable = args.arg_fields[0].is_nullable();
        let prefix = args.scalar_arguments.first().copied().flatten();
        let semantic = prefix
            .and_then(stringify_scalar)
            .as_deref()
            .and_then(semantic_type_for_prefix)
            .unwrap_or("SpanId");
        Ok(Arc::new(
            Field::new(self.name(), DataType::Utf8, nullable).with_metadata(HashMap::from([(
                "semantic_type".to_string(),
                semantic.to_string(),
            )])),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if !(4..=5).contains(&args.args.len()) {
            return Err(plan_error("span_id expects four or five arguments"));
        }
        let rows = Rows::from_args(&args)?;
        let out = parts_id(&rows, true)?;
        rows.finish(out)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ColUnit {
    Byte,
    Utf8,
    Utf16,
    Utf32,
}

fn parse_col_unit(unit: Option<&str>) -> ColUnit {
    let Some(unit) = unit else {
        return ColUnit::Utf32;
    };
    let u = unit.trim().to_uppercase();
    if u.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(n) = u.parse::<i32>() {
            return match n {
                ENC_UTF8 => ColUnit::Utf8,
                ENC_UTF16 => ColUnit::Utf16,
                _ => ColUnit::Utf32,
            };
        }
    }
    if u.contains("BYTE") {
        ColUnit::Byte
    } else if u.contains("UTF8") {
        ColUnit::Utf8
    } else if u.contains("UTF16") {
        ColUnit::Utf16
    } else {
        ColUnit::Utf32
    }
}

/// Byte offset of column `col` (in `unit`) within `line` (spec §1.3 col_to_byte).
fn col_to_byte_value(line: &str, col: i64, unit: ColUnit) -> Result<i64> {
    if unit == ColUnit::Byte {
        return Ok(if col <= 0 {
            0
        } else {
            col.min(line.len() as i64)
        });
    }
    let offset = col.max(0) as u64;
    let char_index = match unit {
        ColUnit::Utf32 => (offset.min(line.chars().count() as u64)) as usize,
        ColUnit::Utf8 => {
            let n = (offset.min(line.len() as u64)) as usize;
            let prefix = std::str::from_utf8(&line.as_bytes()[..n])
                .map_err(|e| plan_error(e.to_string()))?;
            prefix.chars().count()
        }
        ColUnit::Utf16 => {
            let units: Vec<u16> = line.encode_utf16().collect();
            let n = (offset.min(units.len() as u64)) as usize;
            let prefix = String::from_utf16(&units[..n])
                .map_err(|e| plan_error(e.to_string()))?;
            prefix.chars().count()
        }
        ColUnit::Byte => 0,
    };
    Ok(line
        .chars()
        .take(char_index)
        .map(char::len_utf8)
        .sum::<usize>() as i64)
}

/// `col_to_byte(line_text, col, col_unit)` → Int64.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ColToByte {
    signature: Signature,
}

/// Builds `col_to_byte`.
pub fn col_to_byte() -> ScalarUDF {
    let variants = expand_string_signatures(&[DataType::Utf8, DataType::Int64, DataType::Utf8])
        .into_iter()
        .map(TypeSignature::Exact)
        .collect();
    let sig = Signature::one_of(variants, Volatility::Immutable);
    let sig = sig
        .clone()
        .with_parameter_names(vec!["line_text", "col", "col_unit"])
        .unwrap_or(sig);
    ScalarUDF::new_from_impl(ColToByte { signature: sig })
}

impl ScalarUDFImpl for ColToByte {
    fn name(&self) -> &str {
        "col_to_byte"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let nullable = args.arg_fields.iter().take(2).any(|f| f.is_nullable());
        Ok(Arc::new(Field::new(self.name(), DataType::Int64, nullable)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 3 {
            return Err(plan_error("col_to_byte expects three arguments"));
        }
        let rows = Rows::from_args(&args)?;
        let (line, col, unit) = (&rows.arrays[0], &rows.arrays[1], &rows.arrays[2]);
        if !is_string_type(line.data_type()) && line.data_type() != &DataType::Null {
            return Err(plan_error("col_to_byte expects string input"));
        }
        if col.data_type() != &DataType::Int64 && col.data_type() != &DataType::Null {
            return Err(plan_error("col_to_byte expects int64 input"));
        }
        if !is_string_type(unit.data_type()) && unit.data_type() != &DataType::Null {
            return Err(plan_error("col_to_byte expects string encoding"));
        }
        let mut out = Int64Builder::with_capacity(rows.len);
        for i in 0..rows.len {
            let (Some(l), Some(c)) = (str_at(line.as_ref(), i), i64_at(col.as_ref(), i, "col_to_byte")?)
            else {
                out.append_null();
                continue;
            };
            let u = parse_col_unit(str_at(unit.as_ref(), i));
            out.append_value(col_to_byte_value(l, c, u)?);
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// Normalises a position-encoding name to 1 (UTF-8), 2 (UTF-16) or 3 (UTF-32).
pub fn position_encoding_value(value: Option<&str>) -> i32 {
    let Some(v) = value else { return ENC_UTF32 };
    let u = v.trim().to_uppercase();
    if u.is_empty() {
        return ENC_UTF32;
    }
    if u.chars().all(|c| c.is_ascii_digit()) {
        if let Ok(n) = u.parse::<i32>() {
            return if (ENC_UTF8..=ENC_UTF32).contains(&n) { n } else { ENC_UTF32 };
        }
    }
    if u.contains("UTF8") {
        ENC_UTF8
    } else if u.contains("UTF16") {
        ENC_UTF16
    } else {
        ENC_UTF32
    }
}

/// `position_encoding_norm(value)` → Int32, never NULL.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct PositionEncodingNorm {
    signature: Signature,
}

/// Builds `position_encoding_norm`.
pub fn position_encoding_norm() -> ScalarUDF {
    let sig = Signature::string(1, Volatility::Immutable);
    let sig = sig.clone().with_parameter_names(vec!["value"]).unwrap_or(sig);
    ScalarUDF::new_from_impl(PositionEncodingNorm { signature: sig })
}

impl ScalarUDFImpl for PositionEncodingNorm {
    fn name(&self) -> &str {
        "position_encoding_norm"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int32)
    }
    fn return_field_from_args(&self, _args: ReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(self.name(), DataType::Int32, false)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::from_args(&args)?;
        let a = rows.first(self.name())?;
        if !is_string_type(a.data_type()) && a.data_type() != &DataType::Null {
            return Err(plan_error("position_encoding_norm expects string input"));
        }
        let mut out = Int32Builder::with_capacity(rows.len);
        for i in 0..rows.len {
            out.append_value(position_encoding_value(str_at(a.as_ref(), i)));
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn col_units() {
        assert_eq!(parse_col_unit(Some("UTF-8")), ColUnit::Utf32);
        assert_eq!(parse_col_unit(Some("bytes")), ColUnit::Byte);
        assert_eq!(parse_col_unit(Some("utf16le")), ColUnit::Utf16);
        assert_eq!(parse_col_unit(Some("")), ColUnit::Utf32);
        assert_eq!(parse_col_unit(Some("1")), ColUnit::Utf8);
        assert_eq!(parse_col_unit(None), ColUnit::Utf32);
    }

    #[test]
    fn col_to_byte_values() {
        assert_eq!(col_to_byte_value("abcdef", 3, ColUnit::Byte).unwrap(), 3);
        assert_eq!(col_to_byte_value("abcdef", -1, ColUnit::Byte).unwrap(), 0);
        assert_eq!(col_to_byte_value("abc", 10, ColUnit::Byte).unwrap(), 3);
        // "é" is 2 bytes, 1 UTF-16 unit; "😀" is 4 bytes, 2 UTF-16 units.
        assert_eq!(col_to_byte_value("é😀x", 2, ColUnit::Utf32).unwrap(), 6);
        assert_eq!(col_to_byte_value("é😀x", 3, ColUnit::Utf16).unwrap(), 6);
        assert!(col_to_byte_value("é😀x", 2, ColUnit::Utf16).is_err());
        assert!(col_to_byte_value("éx", 1, ColUnit::Utf8)
            .unwrap_err()
            .to_string()
            .contains("incomplete utf-8 byte sequence from index 0"));
        assert_eq!(col_to_byte_value("éx", 2, ColUnit::Utf8).unwrap(), 2);
    }

    #[test]
    fn position_encodings() {
        assert_eq!(position_encoding_value(None), 3);
        assert_eq!(position_encoding_value(Some(" utf8 ")), 1);
        assert_eq!(position_encoding_value(Some("UTF16")), 2);
        assert_eq!(position_encoding_value(Some("2")), 2);
        assert_eq!(position_encoding_value(Some("7")), 3);
        assert_eq!(position_encoding_value(Some("")), 3);
    }
}
