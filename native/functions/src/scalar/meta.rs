//! Metadata, Delta-CDF and miscellaneous functions (spec §1.6): arrow_metadata, semantic_tag,
//! cpg_score, cdf_change_rank, cdf_is_upsert, cdf_is_delete.

use std::sync::Arc;

use arrow::array::{Array, BooleanBuilder, Int32Builder};
use arrow::compute::cast;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::interval_arithmetic::Interval;
use datafusion::logical_expr::sort_properties::{ExprProperties, SortProperties};
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature, TypeSignature, Volatility,
};

use super::nested::{build_utf8_map, utf8_map_type};
use super::text::exact_string_signature;
use crate::common::*;
use crate::docs;

/// `arrow_metadata(expr [, key])`: field metadata of the first argument.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ArrowMetadata {
    signature: Signature,
}

/// Builds `arrow_metadata`.
pub fn arrow_metadata() -> ScalarUDF {
    ScalarUDF::new_from_impl(ArrowMetadata {
        signature: catalog_signature(&[vec![DataType::Utf8], vec![DataType::Utf8, DataType::Utf8]]),
    })
}

const ARROW_METADATA_SIG: &str = "arrow_metadata(expr ANY [, key STRING (literal)])";

impl ScalarUDFImpl for ArrowMetadata {
    fn name(&self) -> &str {
        "arrow_metadata"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let mut out = arg_types.to_vec();
        if let Some(t) = out.get_mut(1) {
            if !is_string_type(t) {
                *t = DataType::Utf8;
            }
        }
        Ok(out)
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(if arg_types.len() == 2 {
            DataType::Utf8
        } else {
            utf8_map_type()
        })
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let dt = match args.arg_fields.len() {
            1 => utf8_map_type(),
            2 => DataType::Utf8,
            _ => {
                return Err(arity_error(
                    "arrow_metadata requires 1 or 2 arguments",
                    ARROW_METADATA_SIG,
                ))
            }
        };
        Ok(Arc::new(Field::new(self.name(), dt, true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let metadata = args
            .arg_fields
            .first()
            .map(|f| f.metadata().clone())
            .unwrap_or_default();
        match args.args.len() {
            1 => {
                let mut entries: Vec<(String, Option<String>)> =
                    metadata.into_iter().map(|(k, v)| (k, Some(v))).collect();
                entries.sort();
                let map = build_utf8_map(vec![Some(entries)])?;
                Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&map, 0)?))
            }
            2 => {
                let err = "Second argument to arrow_metadata must be a string literal key";
                let key = match &args.args[1] {
                    ColumnarValue::Scalar(v) if is_string_type(&v.data_type()) => {
                        stringify_scalar(v).ok_or_else(|| plan_error(err))?
                    }
                    _ => return Err(plan_error(err)),
                };
                Ok(ColumnarValue::Scalar(ScalarValue::Utf8(
                    metadata.get(&key).cloned(),
                )))
            }
            _ => Err(plan_error("arrow_metadata requires 1 or 2 arguments")),
        }
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `semantic_tag(semantic_type, value)`: returns `value`, tagging its field metadata.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SemanticTag {
    signature: Signature,
}

/// Builds `semantic_tag`.
pub fn semantic_tag() -> ScalarUDF {
    let sig = Signature::one_of(vec![TypeSignature::Any(2)], Volatility::Immutable);
    let sig = sig
        .clone()
        .with_parameter_names(vec!["semantic_type", "value"])
        .unwrap_or(sig);
    ScalarUDF::new_from_impl(SemanticTag { signature: sig })
}

impl ScalarUDFImpl for SemanticTag {
    fn name(&self) -> &str {
        "semantic_tag"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        arg_types
            .get(1)
            .cloned()
            .ok_or_else(|| plan_error("semantic_tag expects two arguments"))
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let value = args
            .arg_fields
            .get(1)
            .ok_or_else(|| plan_error("semantic_tag expects two arguments"))?;
        let tag = args
            .scalar_arguments
            .first()
            .copied()
            .flatten()
            .and_then(stringify_scalar)
            .as_deref()
            .and_then(normalize_semantic_tag)
            .ok_or_else(|| plan_error("semantic_tag requires a non-empty semantic_type literal"))?;
        let mut md = value.metadata().clone();
        md.insert("semantic_type".to_string(), tag);
        Ok(Arc::new(
            Field::new(self.name(), value.data_type().clone(), value.is_nullable()).with_metadata(md),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        args.args
            .get(1)
            .cloned()
            .ok_or_else(|| plan_error("semantic_tag expects two arguments"))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `cpg_score(value)`: numeric pass-through, returned as Float64 (the declared type).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CpgScore {
    signature: Signature,
}

/// Builds `cpg_score`.
pub fn cpg_score() -> ScalarUDF {
    let sig = Signature::numeric(1, Volatility::Immutable);
    let sig = sig.clone().with_parameter_names(vec!["value"]).unwrap_or(sig);
    ScalarUDF::new_from_impl(CpgScore { signature: sig })
}

impl ScalarUDFImpl for CpgScore {
    fn name(&self) -> &str {
        "cpg_score"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        field_from_first_arg_typed(self.name(), DataType::Float64, args.arg_fields)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        // The declared type is Float64; non-Float64 numeric inputs are cast so the produced type
        // always matches the declaration (spec open question 6).
        match args.args.into_iter().next() {
            Some(ColumnarValue::Array(a)) => Ok(ColumnarValue::Array(cast(&a, &DataType::Float64)?)),
            Some(ColumnarValue::Scalar(s)) => Ok(ColumnarValue::Scalar(s.cast_to(&DataType::Float64)?)),
            None => Err(plan_error("cpg_score expects one argument")),
        }
    }
    fn evaluate_bounds(&self, input: &[&Interval]) -> Result<Interval> {
        // Identity on Float64 inputs; other numeric inputs report unbounded Float64.
        match input.first() {
            Some(i) if i.data_type() == DataType::Float64 => Ok((*i).clone()),
            _ => Interval::make_unbounded(&DataType::Float64),
        }
    }
    fn propagate_constraints(
        &self,
        interval: &Interval,
        inputs: &[&Interval],
    ) -> Result<Option<Vec<Interval>>> {
        match inputs.first() {
            Some(i) if i.data_type() == interval.data_type() => {
                Ok(i.intersect(interval)?.map(|r| vec![r]))
            }
            _ => Ok(Some(vec![])),
        }
    }
    fn output_ordering(&self, inputs: &[ExprProperties]) -> Result<SortProperties> {
        Ok(inputs
            .first()
            .map(|p| p.sort_properties)
            .unwrap_or(SortProperties::Singleton))
    }
    fn preserves_lex_ordering(&self, inputs: &[ExprProperties]) -> Result<bool> {
        Ok(inputs.first().map(|p| p.preserves_lex_ordering).unwrap_or(true))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// Rank of a Delta change type (trim + ASCII-lowercase).
pub fn cdf_rank(change_type: &str) -> i32 {
    match change_type.trim().to_ascii_lowercase().as_str() {
        "update_postimage" => 3,
        "insert" => 2,
        "delete" => 1,
        "update_preimage" => 0,
        _ => -1,
    }
}

#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
enum CdfKind {
    Rank,
    IsUpsert,
    IsDelete,
}

/// `cdf_change_rank` / `cdf_is_upsert` / `cdf_is_delete` (change_type).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Cdf {
    name: &'static str,
    kind: CdfKind,
    signature: Signature,
}

fn cdf(name: &'static str, kind: CdfKind) -> ScalarUDF {
    ScalarUDF::new_from_impl(Cdf {
        name,
        kind,
        signature: exact_string_signature("change_type"),
    })
}

/// Builds `cdf_change_rank`.
pub fn cdf_change_rank() -> ScalarUDF {
    cdf("cdf_change_rank", CdfKind::Rank)
}
/// Builds `cdf_is_upsert`.
pub fn cdf_is_upsert() -> ScalarUDF {
    cdf("cdf_is_upsert", CdfKind::IsUpsert)
}
/// Builds `cdf_is_delete`.
pub fn cdf_is_delete() -> ScalarUDF {
    cdf("cdf_is_delete", CdfKind::IsDelete)
}

impl ScalarUDFImpl for Cdf {
    fn name(&self) -> &str {
        self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.kind {
            CdfKind::Rank => DataType::Int32,
            _ => DataType::Boolean,
        })
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let dt = self.return_type(&[])?;
        let _ = args;
        Ok(Arc::new(Field::new(self.name, dt, true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::from_args(&args)?;
        let a = rows
            .arrays
            .first()
            .ok_or_else(|| plan_error(format!("{} expects one argument", self.name)))?;
        if !is_string_type(a.data_type()) && a.data_type() != &DataType::Null {
            return Err(plan_error(format!("{} expects string input", self.name)));
        }
        let ranks = (0..rows.len).map(|i| str_at(a.as_ref(), i).map(cdf_rank));
        let out: Arc<dyn Array> = match self.kind {
            CdfKind::Rank => {
                let mut b = Int32Builder::with_capacity(rows.len);
                ranks.for_each(|r| b.append_option(r));
                Arc::new(b.finish())
            }
            CdfKind::IsUpsert => {
                let mut b = BooleanBuilder::with_capacity(rows.len);
                ranks.for_each(|r| b.append_option(r.map(|r| r == 2 || r == 3)));
                Arc::new(b.finish())
            }
            CdfKind::IsDelete => {
                let mut b = BooleanBuilder::with_capacity(rows.len);
                ranks.for_each(|r| b.append_option(r.map(|r| r == 1)));
                Arc::new(b.finish())
            }
        };
        rows.finish(out)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}
