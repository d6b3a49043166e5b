//! Custom scalar functions (spec §1), one module per family, plus the alias-preserving wrapper
//! used by the registry and the literal-folding helper used by `simplify`.

pub mod hash;
pub mod meta;
pub mod nested;
pub mod span;
pub mod text;

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue};
use datafusion::config::ConfigOptions;
use datafusion::logical_expr::interval_arithmetic::Interval;
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::sort_properties::{ExprProperties, SortProperties};
use datafusion::logical_expr::udf_eq::UdfEq;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, Expr, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF,
    ScalarUDFImpl, Signature,
};

/// Wraps a catalog scalar so that its aliases survive `with_updated_config` (DataFusion's own alias
/// wrapper drops them, which would leave alias names bound to a stale configuration — spec open
/// question 5).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CatalogScalar {
    inner: UdfEq<Arc<dyn ScalarUDFImpl>>,
    aliases: Vec<String>,
}

impl CatalogScalar {
    /// Wraps `udf` with the given aliases.
    pub fn wrap(udf: ScalarUDF, aliases: &[&str]) -> ScalarUDF {
        let inner = Arc::clone(udf.inner());
        ScalarUDF::new_from_impl(CatalogScalar {
            inner: inner.into(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        })
    }

    /// The wrapped implementation.
    pub fn inner(&self) -> &Arc<dyn ScalarUDFImpl> {
        &self.inner
    }
}

impl ScalarUDFImpl for CatalogScalar {
    fn name(&self) -> &str {
        self.inner.name()
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
    fn schema_name(&self, args: &[Expr]) -> Result<String> {
        self.inner.schema_name(args)
    }
    fn signature(&self) -> &Signature {
        self.inner.signature()
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }
    fn with_updated_config(&self, config: &ConfigOptions) -> Option<ScalarUDF> {
        self.inner.with_updated_config(config).map(|udf| {
            ScalarUDF::new_from_impl(CatalogScalar {
                inner: Arc::clone(udf.inner()).into(),
                aliases: self.aliases.clone(),
            })
        })
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }
    fn is_strict(&self) -> bool {
        self.inner.is_strict()
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args)
    }
    fn simplify(&self, args: Vec<Expr>, info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        self.inner.simplify(args, info)
    }
    fn short_circuits(&self) -> bool {
        self.inner.short_circuits()
    }
    fn conditional_arguments<'a>(
        &self,
        args: &'a [Expr],
    ) -> Option<(Vec<&'a Expr>, Vec<&'a Expr>)> {
        self.inner.conditional_arguments(args)
    }
    fn evaluate_bounds(&self, input: &[&Interval]) -> Result<Interval> {
        self.inner.evaluate_bounds(input)
    }
    fn propagate_constraints(
        &self,
        interval: &Interval,
        inputs: &[&Interval],
    ) -> Result<Option<Vec<Interval>>> {
        self.inner.propagate_constraints(interval, inputs)
    }
    fn output_ordering(&self, inputs: &[ExprProperties]) -> Result<SortProperties> {
        self.inner.output_ordering(inputs)
    }
    fn preserves_lex_ordering(&self, inputs: &[ExprProperties]) -> Result<bool> {
        self.inner.preserves_lex_ordering(inputs)
    }
    fn strictly_order_preserving(&self, inputs: &[ExprProperties]) -> Result<bool> {
        self.inner.strictly_order_preserving(inputs)
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }
    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}

/// Folds a call whose arguments are all literals into a literal by evaluating the function once
/// (the "simplify" capability of the hash / id / normalisation functions).
pub fn fold_literals(
    udf: &dyn ScalarUDFImpl,
    args: Vec<Expr>,
    info: &SimplifyContext,
) -> Result<ExprSimplifyResult> {
    let mut values: Vec<ScalarValue> = Vec::with_capacity(args.len());
    for a in &args {
        match a {
            Expr::Literal(v, _) => values.push(v.clone()),
            _ => return Ok(ExprSimplifyResult::Original(args)),
        }
    }
    let arg_fields: Vec<FieldRef> = values
        .iter()
        .enumerate()
        .map(|(i, v)| Arc::new(Field::new(format!("arg_{i}"), v.data_type(), v.is_null())))
        .collect();
    let scalar_refs: Vec<Option<&ScalarValue>> = values.iter().map(Some).collect();
    let return_field = udf.return_field_from_args(ReturnFieldArgs {
        arg_fields: &arg_fields,
        scalar_arguments: &scalar_refs,
    })?;
    let result = udf.invoke_with_args(ScalarFunctionArgs {
        args: values.iter().cloned().map(ColumnarValue::Scalar).collect(),
        arg_fields,
        number_rows: 1,
        return_field,
        config_options: Arc::clone(info.config_options()),
    })?;
    let value = match result {
        ColumnarValue::Scalar(v) => v,
        ColumnarValue::Array(a) => ScalarValue::try_from_array(a.as_ref(), 0)?,
    };
    Ok(ExprSimplifyResult::Simplified(Expr::Literal(value, None)))
}
