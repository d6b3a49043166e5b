//! Expression planners (spec §3.3): the `codeanatomy_domain` planner rewrites SQL operators
//! `->`, `->>`, `#>`, `#>>` on struct / map (or NULL) left operands into `get_field(left, right)`
//! and `@>` / `<@` between lists into `array_has_all`. Installed on demand with
//! [`install_expr_planners`] (not by `register_all`, as in the reference).

use std::sync::Arc;

use arrow::datatypes::DataType;
use datafusion::common::{DFSchema, DataFusionError, Result};
use datafusion::execution::context::SessionContext;
use datafusion::execution::FunctionRegistry;
use datafusion::logical_expr::planner::{ExprPlanner, PlannerResult, RawBinaryExpr};
use datafusion::logical_expr::sqlparser::ast::BinaryOperator;
use datafusion::logical_expr::ExprSchemable;

/// Names accepted by [`install_expr_planners`].
pub const PLANNER_NAMES: &[&str] = &["codeanatomy_domain"];

/// The `codeanatomy_domain` operator planner.
#[derive(Debug, Default)]
pub struct CodeAnatomyDomainPlanner;

fn is_list(dt: &DataType) -> bool {
    matches!(
        dt,
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _)
    )
}

impl ExprPlanner for CodeAnatomyDomainPlanner {
    fn plan_binary_op(
        &self,
        expr: RawBinaryExpr,
        schema: &DFSchema,
    ) -> Result<PlannerResult<RawBinaryExpr>> {
        match expr.op {
            BinaryOperator::Arrow
            | BinaryOperator::LongArrow
            | BinaryOperator::HashArrow
            | BinaryOperator::HashLongArrow => {
                let lt = expr.left.get_type(schema)?;
                if matches!(lt, DataType::Struct(_) | DataType::Map(_, _) | DataType::Null) {
                    return Ok(PlannerResult::Planned(
                        datafusion::functions::core::get_field().call(vec![expr.left, expr.right]),
                    ));
                }
                Ok(PlannerResult::Original(expr))
            }
            BinaryOperator::AtArrow | BinaryOperator::ArrowAt => {
                let lt = expr.left.get_type(schema)?;
                let rt = expr.right.get_type(schema)?;
                if is_list(&lt) && is_list(&rt) {
                    let (haystack, needle) = if expr.op == BinaryOperator::AtArrow {
                        (expr.left, expr.right)
                    } else {
                        (expr.right, expr.left)
                    };
                    return Ok(PlannerResult::Planned(
                        datafusion::functions_nested::expr_fn::array_has_all(haystack, needle),
                    ));
                }
                Ok(PlannerResult::Original(expr))
            }
            _ => Ok(PlannerResult::Original(expr)),
        }
    }
}

/// Installs the named expression planners (`codeanatomy_domain`).
pub fn install_expr_planners(ctx: &SessionContext, names: &[&str]) -> Result<()> {
    if names.is_empty() {
        return Err(DataFusionError::Plan(
            "ExprPlanner installation requires at least one planner name.".to_string(),
        ));
    }
    let unknown: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| !PLANNER_NAMES.contains(n))
        .collect();
    if !unknown.is_empty() {
        return Err(DataFusionError::Plan(format!(
            "Unsupported ExprPlanner names: {}",
            unknown.join(", ")
        )));
    }
    let mut state = ctx.state_ref().write().clone();
    state.register_expr_planner(Arc::new(CodeAnatomyDomainPlanner))?;
    *ctx.state_ref().write() = state;
    Ok(())
}
