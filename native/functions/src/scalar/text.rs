//! Text functions (spec §1.4): utf8_normalize, utf8_null_if_blank, qname_normalize.

use std::sync::Arc;

use arrow::array::StringBuilder;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::Result;
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::{
    ColumnarValue, Documentation, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature, TypeSignature, Volatility,
};

use super::fold_literals;
use crate::common::*;
use crate::config::CodeAnatomyUdfConfig;
use crate::docs;

const NORMALIZE_TARGETS: [DataType; 4] = [
    DataType::Utf8,
    DataType::Utf8,
    DataType::Boolean,
    DataType::Boolean,
];
const NORMALIZE_SIG: &str =
    "utf8_normalize(value STRING [, form STRING [, casefold BOOLEAN [, collapse_ws BOOLEAN]]])";

/// `utf8_normalize(value [, form [, casefold [, collapse_ws]]])` (alias `normalize_utf8`).
///
/// Omitted or NULL options take the session defaults (`codeanatomy_udf.utf8_normalize_*`), read
/// from the configuration passed at evaluation / simplification time.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Utf8Normalize {
    signature: Signature,
}

/// Builds `utf8_normalize`.
pub fn utf8_normalize() -> ScalarUDF {
    let examples: Vec<Vec<DataType>> = (1..=4).map(|n| NORMALIZE_TARGETS[..n].to_vec()).collect();
    ScalarUDF::new_from_impl(Utf8Normalize {
        signature: catalog_signature(&examples),
    })
}

impl ScalarUDFImpl for Utf8Normalize {
    fn name(&self) -> &str {
        "utf8_normalize"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if !(1..=4).contains(&arg_types.len()) {
            return Ok(arg_types.to_vec());
        }
        Ok(NORMALIZE_TARGETS[..arg_types.len()].to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        if !(1..=4).contains(&args.arg_fields.len()) {
            return Err(arity_error(
                "utf8_normalize expects between one and four arguments",
                NORMALIZE_SIG,
            ));
        }
        // Always nullable: blank input yields NULL even for a non-nullable argument.
        let f = field_from_first_arg_typed(self.name(), DataType::Utf8, args.arg_fields)?;
        Ok(Arc::new(f.as_ref().clone().with_nullable(true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if !(1..=4).contains(&args.args.len()) {
            return Err(arity_error(
                "utf8_normalize expects between one and four arguments",
                NORMALIZE_SIG,
            ));
        }
        let cfg = CodeAnatomyUdfConfig::from_config(&args.config_options);
        let form = literal_str(scalar_arg(&args.args, 1, "utf8_normalize form must be a scalar literal")?)
            .unwrap_or(cfg.utf8_normalize_form.clone());
        let casefold = match scalar_arg(&args.args, 2, "utf8_normalize casefold must be a scalar literal")? {
            Some(v) => scalar_to_bool(v, "utf8_normalize casefold")?,
            None => None,
        }
        .unwrap_or(cfg.utf8_normalize_casefold);
        let collapse = match scalar_arg(&args.args, 3, "utf8_normalize collapse_ws must be a scalar literal")? {
            Some(v) => scalar_to_bool(v, "utf8_normalize collapse_ws")?,
            None => None,
        }
        .unwrap_or(cfg.utf8_normalize_collapse_ws);
        let rows = Rows::new(&args.args[..1], args.number_rows)?;
        let a = &rows.arrays[0];
        let mut out = StringBuilder::with_capacity(rows.len, rows.len * 8);
        for i in 0..rows.len {
            match stringify_at(a.as_ref(), i)? {
                Some(v) => {
                    let n = normalize_text(&v, &form, casefold, collapse);
                    if n.is_empty() {
                        out.append_null()
                    } else {
                        out.append_value(n)
                    }
                }
                None => out.append_null(),
            }
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        fold_literals(self, args, info)
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `utf8_null_if_blank(value)` (alias `null_if_blank`): trimmed text, blank → NULL.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Utf8NullIfBlank {
    signature: Signature,
}

/// `OneOf(Exact[Utf8] | Exact[LargeUtf8] | Exact[Utf8View])` with parameter name `change_type`/`value`.
pub fn exact_string_signature(param: &str) -> Signature {
    let sig = Signature::one_of(
        vec![
            TypeSignature::Exact(vec![DataType::Utf8]),
            TypeSignature::Exact(vec![DataType::LargeUtf8]),
            TypeSignature::Exact(vec![DataType::Utf8View]),
        ],
        Volatility::Immutable,
    );
    sig.clone().with_parameter_names(vec![param]).unwrap_or(sig)
}

/// Builds `utf8_null_if_blank`.
pub fn utf8_null_if_blank() -> ScalarUDF {
    ScalarUDF::new_from_impl(Utf8NullIfBlank {
        signature: exact_string_signature("value"),
    })
}

impl ScalarUDFImpl for Utf8NullIfBlank {
    fn name(&self) -> &str {
        "utf8_null_if_blank"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let f = field_from_first_arg_typed(self.name(), DataType::Utf8, args.arg_fields)?;
        Ok(Arc::new(f.as_ref().clone().with_nullable(true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::from_args(&args)?;
        let a = rows
            .arrays
            .first()
            .ok_or_else(|| plan_error("utf8_null_if_blank expects one argument"))?;
        if !is_string_type(a.data_type()) && a.data_type() != &DataType::Null {
            return Err(plan_error("utf8_null_if_blank expects string input"));
        }
        let mut out = StringBuilder::with_capacity(rows.len, rows.len * 8);
        for i in 0..rows.len {
            match str_at(a.as_ref(), i).map(str::trim) {
                Some(t) if !t.is_empty() => out.append_value(t),
                _ => out.append_null(),
            }
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `qname_normalize(symbol [, module [, lang]])` (alias `qualname_normalize`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct QnameNormalize {
    signature: Signature,
}

/// Builds `qname_normalize`.
pub fn qname_normalize() -> ScalarUDF {
    let examples: Vec<Vec<DataType>> = (1..=3).map(|n| vec![DataType::Utf8; n]).collect();
    ScalarUDF::new_from_impl(QnameNormalize {
        signature: catalog_signature(&examples),
    })
}

/// Qualified-name composition of one row.
pub fn qname_value(symbol: Option<&str>, module: Option<&str>) -> Option<String> {
    let s = normalize_text(symbol?, DEFAULT_NORMALIZE_FORM, true, true);
    if s.is_empty() {
        return None;
    }
    let m = module
        .map(|m| normalize_text(m, DEFAULT_NORMALIZE_FORM, true, true))
        .filter(|m| !m.is_empty());
    match m {
        Some(m) if !s.contains('.') => Some(format!("{m}.{s}")),
        _ => Some(s),
    }
}

impl ScalarUDFImpl for QnameNormalize {
    fn name(&self) -> &str {
        "qname_normalize"
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
        if !(1..=3).contains(&args.arg_fields.len()) {
            return Err(arity_error(
                "qname_normalize expects between one and three arguments",
                "qname_normalize(symbol STRING [, module STRING [, lang STRING]])",
            ));
        }
        Ok(Arc::new(Field::new(self.name(), DataType::Utf8, true)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if !(1..=3).contains(&args.args.len()) {
            return Err(plan_error("qname_normalize expects between one and three arguments"));
        }
        let rows = Rows::from_args(&args)?;
        let mut out = StringBuilder::with_capacity(rows.len, rows.len * 16);
        for i in 0..rows.len {
            let symbol = stringify_at(rows.arrays[0].as_ref(), i)?;
            let module = match rows.arrays.get(1) {
                Some(a) => stringify_at(a.as_ref(), i)?,
                None => None,
            };
            if let Some(a) = rows.arrays.get(2) {
                // `lang` is converted (validated) but otherwise ignored.
                let _ = stringify_at(a.as_ref(), i)?;
            }
            out.append_option(qname_value(symbol.as_deref(), module.as_deref()));
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
    fn qname_examples() {
        assert_eq!(qname_value(Some("Foo"), Some("Pkg.Mod")).as_deref(), Some("pkg.mod.foo"));
        assert_eq!(qname_value(Some("a.b"), Some("m")).as_deref(), Some("a.b"));
        assert_eq!(qname_value(Some("  "), Some("m")), None);
        assert_eq!(qname_value(None, Some("m")), None);
        assert_eq!(qname_value(Some("x"), Some(" ")).as_deref(), Some("x"));
    }
}
