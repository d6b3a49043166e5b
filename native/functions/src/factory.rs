//! `CREATE FUNCTION` / `DROP FUNCTION` through DataFusion's function factory (spec §3.1).
//!
//! * Scalar SQL macros: `CREATE [OR REPLACE] FUNCTION f(a INT, b INT DEFAULT 1) RETURNS INT
//!   [LANGUAGE sql] [IMMUTABLE|STABLE|VOLATILE] RETURN $1 + $2` (named references `$a` are
//!   rewritten to positions by DataFusion). The call is replaced by the body at simplification
//!   time; a direct evaluation path exists for callers that skip the optimizer.
//! * Aggregate aliases: `CREATE FUNCTION cda(v STRING) RETURNS BIGINT RETURN count_distinct_agg($1)`.
//! * Window aliases: `CREATE FUNCTION rn() LANGUAGE window RETURN 'row_number_window'` (or a window
//!   call with placeholder arguments).
//! * Table aliases: `CREATE FUNCTION rc(path STRING) LANGUAGE table RETURN 'read_csv'`.
//!
//! Names must be identifiers (`[A-Za-z_][A-Za-z0-9_]*`); redefining an existing function requires
//! `OR REPLACE`. DROP FUNCTION is DataFusion's (it removes the name from every registry).

use std::any::Any;
use std::collections::BTreeMap;
use std::sync::Arc;

use arrow::array::RecordBatch;
use arrow::array::RecordBatchOptions;
use arrow::compute::can_cast_types;
use arrow::datatypes::{DataType, Field, FieldRef, Schema};
use async_trait::async_trait;
use datafusion::catalog::{TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::types::NativeType;
use datafusion::common::{DFSchema, Result, ScalarValue};
use datafusion::execution::context::{FunctionFactory, RegisterFunction};
use datafusion::execution::session_state::SessionState;
use datafusion::logical_expr::expr::{AggregateFunction, WindowFunction};
use datafusion::logical_expr::function::{
    AccumulatorArgs, PartitionEvaluatorArgs, StateFieldsArgs, WindowUDFFieldArgs,
};
use datafusion::logical_expr::simplify::{ExprSimplifyResult, SimplifyContext};
use datafusion::logical_expr::utils::AggregateOrderSensitivity;
use datafusion::logical_expr::{
    cast, col, Accumulator, AggregateUDF, AggregateUDFImpl, Coercion, ColumnarValue,
    CreateFunction, TypeSignatureClass,
    Documentation, Expr, ExprSchemable, GroupsAccumulator, PartitionEvaluator, ReturnFieldArgs,
    ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, TypeSignature, Volatility,
    WindowFrame, WindowFunctionDefinition, WindowUDF, WindowUDFImpl,
};
use datafusion::physical_expr::create_physical_expr;

use crate::common::{doc_section, plan_error};
use crate::docs::SQL_MACROS;

/// The function factory installed by [`crate::register_all`].
#[derive(Debug, Default)]
pub struct CatalogFunctionFactory;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Scalar,
    Aggregate,
    Window,
    Table,
}

impl Kind {
    fn name(self) -> &'static str {
        match self {
            Kind::Scalar => "scalar",
            Kind::Aggregate => "aggregate",
            Kind::Window => "window",
            Kind::Table => "table",
        }
    }
}

fn is_identifier(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => {}
        _ => return false,
    }
    chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn function_exists(state: &SessionState, name: &str) -> bool {
    state.scalar_functions().contains_key(name)
        || state.aggregate_functions().contains_key(name)
        || state.window_functions().contains_key(name)
        || state.table_functions().contains_key(name)
}

fn volatility_name(v: Volatility) -> &'static str {
    match v {
        Volatility::Immutable => "IMMUTABLE",
        Volatility::Stable => "STABLE",
        Volatility::Volatile => "VOLATILE",
    }
}

/// Aliases under which a DDL function is registered: the lowercase spelling when it differs (SQL
/// folds unquoted names to lowercase when calling; DROP FUNCTION uses the name as written).
fn ddl_aliases(name: &str) -> Vec<String> {
    let lower = name.to_ascii_lowercase();
    if lower != name {
        vec![lower]
    } else {
        vec![]
    }
}

#[async_trait]
impl FunctionFactory for CatalogFunctionFactory {
    async fn create(&self, state: &SessionState, stmt: CreateFunction) -> Result<RegisterFunction> {
        create_function(state, stmt)
    }
}

fn create_function(state: &SessionState, stmt: CreateFunction) -> Result<RegisterFunction> {
    let name = stmt.name.clone();
    if !is_identifier(&name) {
        return Err(plan_error(format!(
            "CREATE FUNCTION: invalid function name {name:?}: function names must be identifiers ([A-Za-z_][A-Za-z0-9_]*)"
        )));
    }
    if !stmt.or_replace
        && (function_exists(state, &name) || function_exists(state, &name.to_ascii_lowercase()))
    {
        return Err(plan_error(format!(
            "CREATE FUNCTION {name}: a function with this name already exists; use CREATE OR REPLACE FUNCTION to redefine it"
        )));
    }
    let body = stmt
        .params
        .function_body
        .clone()
        .ok_or_else(|| plan_error("CREATE FUNCTION missing body"))?;
    let declared = match &stmt.params.language {
        None => None,
        Some(lang) => match lang.value.to_lowercase().as_str() {
            "sql" | "datafusion" => None,
            "scalar" | "udf" => Some(Kind::Scalar),
            "aggregate" | "udaf" | "agg" => Some(Kind::Aggregate),
            "window" | "udwf" => Some(Kind::Window),
            "table" | "udtf" => Some(Kind::Table),
            other => {
                return Err(plan_error(format!(
                    "Unsupported CREATE FUNCTION language: {other}"
                )))
            }
        },
    };
    let inferred = match &body {
        Expr::AggregateFunction(_) => Kind::Aggregate,
        Expr::WindowFunction(w) => match w.fun {
            WindowFunctionDefinition::AggregateUDF(_) => Kind::Aggregate,
            WindowFunctionDefinition::WindowUDF(_) => Kind::Window,
        },
        _ => Kind::Scalar,
    };
    let kind = declared.unwrap_or(inferred);
    let args = stmt.args.clone().unwrap_or_default();
    let arg_types: Vec<DataType> = args.iter().map(|a| a.data_type.clone()).collect();
    let all_named = !args.is_empty() && args.iter().all(|a| a.name.is_some());
    let param_names: Option<Vec<String>> = if all_named {
        Some(args.iter().filter_map(|a| a.name.as_ref().map(|n| n.value.clone())).collect())
    } else {
        None
    };
    match kind {
        Kind::Scalar => {
            let return_type = stmt
                .return_type
                .clone()
                .ok_or_else(|| plan_error("CREATE FUNCTION missing return type"))?;
            let defaults: Vec<Option<Expr>> = args.iter().map(|a| a.default_expr.clone()).collect();
            let udf = SqlMacroUdf::try_new(
                name,
                arg_types,
                param_names,
                defaults,
                return_type,
                stmt.params.behavior.unwrap_or(Volatility::Volatile),
                body,
            )?;
            Ok(RegisterFunction::Scalar(Arc::new(ScalarUDF::new_from_impl(udf))))
        }
        Kind::Aggregate => {
            let (target, call_args, is_window) = match &body {
                Expr::AggregateFunction(AggregateFunction { func, params }) => {
                    if params.distinct {
                        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include DISTINCT in aggregate body")));
                    }
                    if params.filter.is_some() {
                        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include FILTER in aggregate body")));
                    }
                    if !params.order_by.is_empty() {
                        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include ORDER BY in aggregate body")));
                    }
                    if params.null_treatment.is_some() {
                        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include null treatment in aggregate body")));
                    }
                    (Arc::clone(func), params.args.clone(), false)
                }
                Expr::WindowFunction(w) => match &w.fun {
                    WindowFunctionDefinition::AggregateUDF(func) => {
                        check_plain_window(&name, w)?;
                        (Arc::clone(func), w.params.args.clone(), true)
                    }
                    WindowFunctionDefinition::WindowUDF(_) => {
                        return Err(plan_error(format!("CREATE FUNCTION {name} expected aggregate body")))
                    }
                },
                _ => return Err(plan_error(format!("CREATE FUNCTION {name} expected aggregate body"))),
            };
            let _ = is_window;
            check_placeholder_args(&name, &call_args, arg_types.len())?;
            if let Some(v) = stmt.params.behavior {
                let under = target.signature().volatility;
                if v != under {
                    return Err(plan_error(format!(
                        "CREATE FUNCTION {name} volatility {} does not match underlying volatility {}",
                        volatility_name(v),
                        volatility_name(under)
                    )));
                }
            }
            if let Some(rt) = &stmt.return_type {
                let fields = fields_of(&arg_types);
                let coerced = coerce_for(&target, &arg_types);
                let under = target
                    .return_field(&fields_of(&coerced.unwrap_or_else(|| arg_types.clone())))
                    .or_else(|_| target.return_field(&fields))?;
                if under.data_type() != rt {
                    return Err(plan_error(format!(
                        "CREATE FUNCTION {name} return type {rt} does not match underlying return type {}",
                        under.data_type()
                    )));
                }
            }
            Ok(RegisterFunction::Aggregate(Arc::new(AggregateUDF::new_from_impl(
                RenamedAggregate::new(name, target, param_names),
            ))))
        }
        Kind::Window => {
            let target: Arc<WindowUDF> = match &body {
                Expr::WindowFunction(w) => match &w.fun {
                    WindowFunctionDefinition::WindowUDF(f) => {
                        check_plain_window(&name, w)?;
                        check_placeholder_args(&name, &w.params.args, arg_types.len())?;
                        Arc::clone(f)
                    }
                    _ => return Err(plan_error(format!("CREATE FUNCTION {name} expected window function body"))),
                },
                Expr::Literal(v, _) => {
                    let t = string_literal(v).ok_or_else(|| {
                        plan_error(format!("CREATE FUNCTION {name} requires a string literal window function target"))
                    })?;
                    state
                        .window_functions()
                        .get(&t)
                        .or_else(|| state.window_functions().get(&t.to_ascii_lowercase()))
                        .cloned()
                        .ok_or_else(|| {
                            plan_error(format!("CREATE FUNCTION {name} references unknown window function {t}"))
                        })?
                }
                _ => return Err(plan_error(format!("CREATE FUNCTION {name} expected window function body"))),
            };
            if let Some(v) = stmt.params.behavior {
                let under = target.signature().volatility;
                if v != under {
                    return Err(plan_error(format!(
                        "CREATE FUNCTION {name} volatility {} does not match underlying volatility {}",
                        volatility_name(v),
                        volatility_name(under)
                    )));
                }
            }
            if let Some(rt) = &stmt.return_type {
                let fields = fields_of(&arg_types);
                let under = target.field(WindowUDFFieldArgs::new(&fields, &name))?;
                if under.data_type() != rt {
                    return Err(plan_error(format!(
                        "CREATE FUNCTION {name} return type {rt} does not match underlying return type {}",
                        under.data_type()
                    )));
                }
            }
            Ok(RegisterFunction::Window(Arc::new(WindowUDF::new_from_impl(
                RenamedWindow::new(name, target, param_names),
            ))))
        }
        Kind::Table => {
            let Expr::Literal(v, _) = &body else {
                return Err(plan_error(format!("CREATE FUNCTION {name} requires a string literal table function target")));
            };
            let t = string_literal(v).ok_or_else(|| {
                plan_error(format!("CREATE FUNCTION {name} requires a string literal table function target"))
            })?;
            let inner = state
                .table_functions()
                .get(&t)
                .or_else(|| state.table_functions().get(&t.to_ascii_lowercase()))
                .map(|f| Arc::clone(f.function()))
                .ok_or_else(|| {
                    plan_error(format!("CREATE FUNCTION {name} references unknown table function {t}"))
                })?;
            Ok(RegisterFunction::Table(
                name.to_ascii_lowercase(),
                Arc::new(DdlTableAlias { target: t, inner }),
            ))
        }
    }
}

fn string_literal(v: &ScalarValue) -> Option<String> {
    match v {
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => {
            Some(s.clone())
        }
        _ => None,
    }
}

fn fields_of(types: &[DataType]) -> Vec<FieldRef> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| Arc::new(Field::new(format!("arg_{i}"), t.clone(), true)))
        .collect()
}

fn coerce_for(target: &AggregateUDF, types: &[DataType]) -> Option<Vec<DataType>> {
    datafusion::logical_expr::type_coercion::functions::fields_with_udf(&fields_of(types), target)
        .ok()
        .map(|f| f.iter().map(|f| f.data_type().clone()).collect())
}

fn check_plain_window(name: &str, w: &WindowFunction) -> Result<()> {
    if !w.params.partition_by.is_empty() {
        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include PARTITION BY in window body")));
    }
    if !w.params.order_by.is_empty() {
        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include ORDER BY in window body")));
    }
    if w.params.window_frame != WindowFrame::new(None) {
        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include a window frame in window body")));
    }
    if w.params.distinct || w.params.filter.is_some() || w.params.null_treatment.is_some() {
        return Err(plan_error(format!("CREATE FUNCTION {name} cannot include DISTINCT, FILTER or null treatment in window body")));
    }
    Ok(())
}

fn placeholder_index(id: &str) -> Result<usize> {
    let Some(rest) = id.strip_prefix('$') else {
        return Err(plan_error(format!("Invalid placeholder identifier: {id}")));
    };
    match rest.parse::<usize>() {
        Ok(0) => Err(plan_error("Invalid placeholder index: $0")),
        Ok(k) => Ok(k),
        Err(_) => Err(plan_error(format!("Unknown placeholder name: {id}"))),
    }
}

fn check_placeholder_args(name: &str, args: &[Expr], n: usize) -> Result<()> {
    if args.len() != n {
        return Err(plan_error(format!(
            "CREATE FUNCTION {name} expected {n} arguments, got {}",
            args.len()
        )));
    }
    for (i, a) in args.iter().enumerate() {
        let Expr::Placeholder(p) = a else {
            return Err(plan_error(format!("CREATE FUNCTION {name} arguments must be placeholders")));
        };
        if placeholder_index(&p.id)? != i + 1 {
            return Err(plan_error(format!("CREATE FUNCTION {name} arguments must be ordered placeholders")));
        }
    }
    Ok(())
}

// ------------------------------------------------------------------------------------------------

/// A scalar SQL macro created with CREATE FUNCTION.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct SqlMacroUdf {
    name: String,
    aliases: Vec<String>,
    signature: Signature,
    min_args: usize,
    arg_types: Vec<DataType>,
    defaults: Vec<Option<Expr>>,
    return_type: DataType,
    body: Expr,
    doc: Documentation,
}

impl SqlMacroUdf {
    fn try_new(
        name: String,
        arg_types: Vec<DataType>,
        param_names: Option<Vec<String>>,
        defaults: Vec<Option<Expr>>,
        return_type: DataType,
        volatility: Volatility,
        body: Expr,
    ) -> Result<Self> {
        let n = arg_types.len();
        // Validate placeholders.
        body.apply(|e| {
            if let Expr::Placeholder(p) = e {
                let k = placeholder_index(&p.id)?;
                if k > n {
                    return Err(plan_error(format!(
                        "CREATE FUNCTION placeholder {} is out of range",
                        p.id
                    )));
                }
            }
            Ok(datafusion::common::tree_node::TreeNodeRecursion::Continue)
        })?;
        // Type-coerce the body once (placeholders carry the declared types), so the inlined
        // expression is well-typed even though inlining happens after the analyzer ran.
        let empty = DFSchema::empty();
        let body = datafusion::optimizer::simplify_expressions::ExprSimplifier::new(
            SimplifyContext::default(),
        )
        .coerce(body, &empty)
        .map_err(|e| {
            plan_error(format!("CREATE FUNCTION {name} has an invalid body: {}", e.strip_backtrace()))
        })?;
        // Validate the body type against the declared return type.
        let body_type = body.get_type(&empty).map_err(|e| {
            plan_error(format!("CREATE FUNCTION {name} has an invalid body: {}", e.strip_backtrace()))
        })?;
        if body_type != DataType::Null && !can_cast_types(&body_type, &return_type) {
            return Err(plan_error(format!(
                "CREATE FUNCTION {name} body of type {body_type} cannot be returned as {return_type}"
            )));
        }
        let first_default = defaults.iter().position(Option::is_some).unwrap_or(n);
        // OneOf([UserDefined, declared forms...]): `coerce_types` casts the call arguments to the
        // declared types; the declared forms feed information_schema.parameters.
        let mut variants = vec![TypeSignature::UserDefined];
        for k in first_default..=n {
            variants.push(if k == 0 {
                TypeSignature::Nullary
            } else {
                TypeSignature::Coercible(
                    arg_types[..k]
                        .iter()
                        .map(|t| {
                            Coercion::new_exact(TypeSignatureClass::Native(Arc::new(
                                NativeType::from(t),
                            )))
                        })
                        .collect(),
                )
            });
        }
        let signature = Signature::one_of(variants, volatility);
        if let Some(names) = &param_names {
            let mut seen = std::collections::HashSet::new();
            for n in names {
                if !seen.insert(n.to_ascii_lowercase()) {
                    return Err(plan_error(format!(
                        "CREATE FUNCTION invalid parameter names: duplicate parameter name {n:?}"
                    )));
                }
            }
        }
        let arg_label = |i: usize| {
            param_names
                .as_ref()
                .and_then(|p| p.get(i).cloned())
                .unwrap_or_else(|| format!("arg{}", i + 1))
        };
        let syntax = format!(
            "{name}({})",
            (0..n).map(arg_label).collect::<Vec<_>>().join(", ")
        );
        let mut b = Documentation::builder(
            doc_section(SQL_MACROS),
            format!("SQL macro defined via CREATE FUNCTION returning {return_type}."),
            syntax,
        );
        for (i, t) in arg_types.iter().enumerate() {
            let mut d = format!("Type: {t}");
            if let Some(Some(def)) = defaults.get(i) {
                d.push_str(&format!(". Default: {def}"));
            }
            b = b.with_argument(arg_label(i), d);
        }
        Ok(Self {
            aliases: ddl_aliases(&name),
            min_args: first_default,
            name,
            signature,
            arg_types,
            defaults,
            return_type,
            body,
            doc: b.build(),
        })
    }

    fn expand(&self, args: Vec<Expr>) -> Result<Expr> {
        let mut args = args;
        for i in args.len()..self.arg_types.len() {
            match self.defaults.get(i).cloned().flatten() {
                Some(d) => args.push(cast(d, self.arg_types[i].clone())),
                None => return Err(plan_error(format!("{} expects {} arguments", self.name, self.arg_types.len()))),
            }
        }
        let expanded = self
            .body
            .clone()
            .transform(|e| {
                if let Expr::Placeholder(p) = &e {
                    let k = placeholder_index(&p.id)?;
                    let a = args.get(k - 1).cloned().ok_or_else(|| {
                        plan_error(format!("CREATE FUNCTION placeholder {} is out of range", p.id))
                    })?;
                    return Ok(Transformed::yes(cast(a, self.arg_types[k - 1].clone())));
                }
                Ok(Transformed::no(e))
            })?
            .data;
        Ok(cast(expanded, self.return_type.clone()))
    }
}

impl ScalarUDFImpl for SqlMacroUdf {
    fn name(&self) -> &str {
        &self.name
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.return_type.clone())
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let k = arg_types.len();
        if k < self.min_args || k > self.arg_types.len() {
            return Ok(arg_types.to_vec());
        }
        let declared = &self.arg_types[..k];
        if arg_types
            .iter()
            .zip(declared)
            .all(|(from, to)| from == to || can_cast_types(from, to))
        {
            Ok(declared.to_vec())
        } else {
            Ok(arg_types.to_vec())
        }
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<DataType> = args.arg_fields.iter().map(|f| f.data_type().clone()).collect();
        let k = types.len();
        let compatible = k >= self.min_args
            && k <= self.arg_types.len()
            && types
                .iter()
                .zip(&self.arg_types)
                .all(|(from, to)| from == to || can_cast_types(from, to));
        if !compatible {
            let declared = self
                .doc
                .arguments
                .iter()
                .flatten()
                .zip(&self.arg_types)
                .map(|((n, _), t)| format!("{n} {t}"))
                .collect::<Vec<_>>()
                .join(", ");
            return Err(plan_error(format!(
                "No function matches {}({}). Accepted signatures: {}({declared}){}",
                self.name,
                types.iter().map(|t| t.to_string()).collect::<Vec<_>>().join(", "),
                self.name,
                if self.min_args < self.arg_types.len() {
                    format!(" (the last {} arguments have defaults)", self.arg_types.len() - self.min_args)
                } else {
                    String::new()
                }
            )));
        }
        let nullable = args.arg_fields.iter().any(|f| f.is_nullable());
        Ok(Arc::new(Field::new(&self.name, self.return_type.clone(), nullable)))
    }
    fn simplify(&self, args: Vec<Expr>, _info: &SimplifyContext) -> Result<ExprSimplifyResult> {
        Ok(ExprSimplifyResult::Simplified(self.expand(args)?))
    }
    fn short_circuits(&self) -> bool {
        let mut sc = false;
        let _ = self.body.apply(|e| {
            if matches!(e, Expr::Case(_)) {
                sc = true;
            }
            if let Expr::ScalarFunction(f) = e {
                if f.func.short_circuits() {
                    sc = true;
                }
            }
            Ok(datafusion::common::tree_node::TreeNodeRecursion::Continue)
        });
        sc
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        // Normally unreachable (the optimizer inlines the body); evaluate directly otherwise.
        let fields: Vec<Field> = args
            .arg_fields
            .iter()
            .enumerate()
            .map(|(i, f)| Field::new(format!("__arg_{i}"), f.data_type().clone(), true))
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let cols: Vec<Expr> = (0..args.args.len()).map(|i| col(format!("__arg_{i}"))).collect();
        let expr = self.expand(cols)?;
        let df_schema = DFSchema::try_from(Arc::clone(&schema))?;
        let ctx = SimplifyContext::builder()
            .with_schema(Arc::new(df_schema.clone()))
            .build();
        let simplifier = datafusion::optimizer::simplify_expressions::ExprSimplifier::new(ctx);
        let expr = simplifier.coerce(expr, &df_schema)?;
        let phys = create_physical_expr(
            &expr,
            &df_schema,
            &datafusion::execution::context::ExecutionProps::new(),
            &datafusion::logical_expr::physical_planning_context::PhysicalPlanningContext::default(),
        )?;
        let arrays = args
            .args
            .iter()
            .map(|a| a.to_array(args.number_rows))
            .collect::<Result<Vec<_>>>()?;
        let batch = RecordBatch::try_new_with_options(
            schema,
            arrays,
            &RecordBatchOptions::new().with_row_count(Some(args.number_rows)),
        )?;
        phys.evaluate(&batch)
    }
    fn documentation(&self) -> Option<&Documentation> {
        Some(&self.doc)
    }
}

// ------------------------------------------------------------------------------------------------

/// The target's signature, with the DDL's parameter names when they fit it.
fn renamed_signature(target: &Signature, param_names: Option<Vec<String>>) -> Signature {
    match param_names {
        Some(names) => target.clone().with_parameter_names(names).unwrap_or_else(|_| target.clone()),
        None => target.clone(),
    }
}

/// An aggregate alias created with CREATE FUNCTION (renamed wrapper, no inherited aliases).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct RenamedAggregate {
    name: String,
    aliases: Vec<String>,
    target: Arc<AggregateUDF>,
    signature: Signature,
}

impl RenamedAggregate {
    fn new(name: String, target: Arc<AggregateUDF>, param_names: Option<Vec<String>>) -> Self {
        let signature = renamed_signature(target.signature(), param_names);
        Self {
            aliases: ddl_aliases(&name),
            name,
            target,
            signature,
        }
    }

    /// Name of the aggregate this alias delegates to.
    pub fn target(&self) -> &str {
        self.target.name()
    }
}

impl AggregateUDFImpl for RenamedAggregate {
    fn name(&self) -> &str {
        &self.name
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.target.return_type(arg_types)
    }
    fn return_field(&self, arg_fields: &[FieldRef]) -> Result<FieldRef> {
        self.target.return_field(arg_fields)
    }
    fn is_nullable(&self) -> bool {
        self.target.is_nullable()
    }
    fn accumulator(&self, acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.target.accumulator(acc_args)
    }
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        self.target.state_fields(args)
    }
    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        self.target.groups_accumulator_supported(args)
    }
    fn create_groups_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn GroupsAccumulator>> {
        self.target.create_groups_accumulator(args)
    }
    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.target.create_sliding_accumulator(args)
    }
    fn order_sensitivity(&self) -> AggregateOrderSensitivity {
        self.target.order_sensitivity()
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.target.coerce_types(arg_types)
    }
    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        self.target.default_value(data_type)
    }
    fn supports_null_handling_clause(&self) -> bool {
        self.target.inner().supports_null_handling_clause()
    }
    fn documentation(&self) -> Option<&Documentation> {
        self.target.documentation()
    }
}

/// A window alias created with CREATE FUNCTION.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct RenamedWindow {
    name: String,
    aliases: Vec<String>,
    target: Arc<WindowUDF>,
    signature: Signature,
}

impl RenamedWindow {
    fn new(name: String, target: Arc<WindowUDF>, param_names: Option<Vec<String>>) -> Self {
        let signature = renamed_signature(target.signature(), param_names);
        Self {
            aliases: ddl_aliases(&name),
            name,
            target,
            signature,
        }
    }
}

impl WindowUDFImpl for RenamedWindow {
    fn name(&self) -> &str {
        &self.name
    }
    fn aliases(&self) -> &[String] {
        &self.aliases
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn partition_evaluator(
        &self,
        partition_evaluator_args: PartitionEvaluatorArgs,
    ) -> Result<Box<dyn PartitionEvaluator>> {
        self.target.partition_evaluator_factory(partition_evaluator_args)
    }
    fn field(&self, field_args: WindowUDFFieldArgs) -> Result<FieldRef> {
        self.target.field(field_args)
    }
    fn sort_options(&self) -> Option<arrow::compute::SortOptions> {
        self.target.sort_options()
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.target.coerce_types(arg_types)
    }
    fn documentation(&self) -> Option<&Documentation> {
        self.target.documentation()
    }
}

/// A table-function alias created with CREATE FUNCTION.
#[derive(Debug)]
pub struct DdlTableAlias {
    target: String,
    inner: Arc<dyn TableFunctionImpl>,
}

impl TableFunctionImpl for DdlTableAlias {
    fn call_with_args(&self, args: TableFunctionArgs) -> Result<Arc<dyn TableProvider>> {
        self.inner.call_with_args(args)
    }
}

// ------------------------------------------------------------------------------------------------

/// Functions of `state` created through CREATE FUNCTION: canonical name → kind.
pub fn ddl_functions(state: &SessionState) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for (k, f) in state.scalar_functions() {
        let inner: &dyn Any = f.inner().as_ref();
        if k == f.name() && inner.downcast_ref::<SqlMacroUdf>().is_some() {
            out.insert(k.clone(), Kind::Scalar.name().to_string());
        }
    }
    for (k, f) in state.aggregate_functions() {
        let inner: &dyn Any = f.inner().as_ref();
        if k == f.name() && inner.downcast_ref::<RenamedAggregate>().is_some() {
            out.insert(k.clone(), Kind::Aggregate.name().to_string());
        }
    }
    for (k, f) in state.window_functions() {
        let inner: &dyn Any = f.inner().as_ref();
        if k == f.name() && inner.downcast_ref::<RenamedWindow>().is_some() {
            out.insert(k.clone(), Kind::Window.name().to_string());
        }
    }
    for (k, _) in ddl_table_functions(state) {
        out.insert(k, Kind::Table.name().to_string());
    }
    out
}

/// Table functions created through CREATE FUNCTION: (name, target).
pub fn ddl_table_functions(state: &SessionState) -> Vec<(String, String)> {
    state
        .table_functions()
        .iter()
        .filter_map(|(k, f)| {
            let inner: &dyn Any = f.function().as_ref();
            inner
                .downcast_ref::<DdlTableAlias>()
                .map(|a| (k.clone(), a.target.clone()))
        })
        .collect()
}

/// Documentation of a DDL table alias.
pub fn ddl_table_doc(state: &SessionState, name: &str) -> Option<Documentation> {
    let (_, target) = ddl_table_functions(state).into_iter().find(|(n, _)| n == name)?;
    Some(
        Documentation::builder(
            doc_section(SQL_MACROS),
            format!("Table function alias of {target} defined via CREATE FUNCTION."),
            format!("{name}(...)"),
        )
        .build(),
    )
}
