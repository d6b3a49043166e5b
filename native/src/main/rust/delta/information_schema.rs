//! `information_schema.table_constraints` and `information_schema.check_constraints`, which
//! DataFusion 55 lacks: the CHECK constraints (`delta.constraints.*`) of the Delta tables
//! registered in the session, as of the snapshot each name is registered at.
//!
//! DataFusion answers every `information_schema.*` name itself, so no table can be registered
//! there. A statement naming one of these two views is planned with that relation replaced by a
//! table function (registered on a copy of the session state only) over the rows the catalog holds
//! at planning time, aliased to the view's name. Every other statement is planned as usual.

use std::ops::ControlFlow;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray};
use datafusion::arrow::datatypes::{DataType, Field, Schema};
use datafusion::catalog::{TableFunctionImpl, TableProvider};
use datafusion::datasource::MemTable;
use datafusion::error::Result as DataFusionResult;
use datafusion::logical_expr::Expr;
use datafusion::prelude::{DataFrame, SessionContext};
use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    Ident, ObjectName, TableAlias, TableFactor, TableFunctionArgs, VisitMut, VisitorMut,
};

use super::provider::PinnedDeltaTable;
use crate::error::EngineResult;

const TABLE_CONSTRAINTS: &str = "table_constraints";
const CHECK_CONSTRAINTS: &str = "check_constraints";
const INFORMATION_SCHEMA: &str = "information_schema";

/// One CHECK constraint of a registered table.
struct ConstraintRow {
    catalog: String,
    schema: String,
    table: String,
    name: String,
    expression: String,
}

/// Plans `sql` when it reads one of the two views (and information_schema is enabled); `None`
/// leaves the statement to the session's own planning.
pub async fn plan(context: &SessionContext, sql: &str) -> EngineResult<Option<DataFrame>> {
    let lower = sql.to_ascii_lowercase();
    if !lower.contains(TABLE_CONSTRAINTS) && !lower.contains(CHECK_CONSTRAINTS) {
        return Ok(None);
    }
    let mut state = context.state();
    if !state.config().information_schema() {
        return Ok(None);
    }
    let dialect = state.config().options().sql_parser.dialect;
    let mut statement = state.sql_to_statement(sql, &dialect)?;
    let DFStatement::Statement(inner) = &mut statement else {
        return Ok(None);
    };
    let mut rewriter = ViewRewriter { used: Vec::new() };
    let _ = inner.visit(&mut rewriter);
    if rewriter.used.is_empty() {
        return Ok(None);
    }
    let rows = constraint_rows(context).await?;
    for view in rewriter.used {
        state.register_udtf(&function_name(view), Arc::new(ViewFunction { batch: view_batch(view, &rows)? }));
    }
    let plan = state.statement_to_plan(statement).await?;
    Ok(Some(context.execute_logical_plan(plan).await?))
}

fn function_name(view: &str) -> String {
    format!("__codeanatomy_information_schema_{view}")
}

/// Replaces `[catalog.]information_schema.<view>` relations by calls of the view's function.
struct ViewRewriter {
    used: Vec<&'static str>,
}

impl VisitorMut for ViewRewriter {
    type Break = ();

    fn pre_visit_table_factor(&mut self, factor: &mut TableFactor) -> ControlFlow<()> {
        if let TableFactor::Table { name, alias, args, .. } = factor {
            if let Some(view) = view_named(name).filter(|_| args.is_none()) {
                *name = ObjectName::from(vec![Ident::new(function_name(view))]);
                *args = Some(TableFunctionArgs { args: vec![], settings: None });
                if alias.is_none() {
                    *alias = Some(TableAlias { explicit: true, name: Ident::new(view), columns: vec![], at: None });
                }
                if !self.used.contains(&view) {
                    self.used.push(view);
                }
            }
        }
        ControlFlow::Continue(())
    }
}

/// The view `name` stands for, with identifiers normalised as DataFusion does.
fn view_named(name: &ObjectName) -> Option<&'static str> {
    let parts: Vec<String> = name
        .0
        .iter()
        .map(|part| {
            part.as_ident().map(|ident| match ident.quote_style {
                Some(_) => ident.value.clone(),
                None => ident.value.to_lowercase(),
            })
        })
        .collect::<Option<Vec<_>>>()?;
    let [.., schema, table] = parts.as_slice() else {
        return None;
    };
    if parts.len() > 3 || schema != INFORMATION_SCHEMA {
        return None;
    }
    [TABLE_CONSTRAINTS, CHECK_CONSTRAINTS].into_iter().find(|view| table == view)
}

/// The CHECK constraints of every Delta table in the session's catalogs, sorted.
async fn constraint_rows(context: &SessionContext) -> EngineResult<Vec<ConstraintRow>> {
    let mut rows = Vec::new();
    for catalog_name in context.catalog_names() {
        let Some(catalog) = context.catalog(&catalog_name) else { continue };
        for schema_name in catalog.schema_names() {
            let Some(schema) = catalog.schema(&schema_name) else { continue };
            for table_name in schema.table_names() {
                let Some(provider) = schema.table(&table_name).await? else { continue };
                let Some(delta) = provider.downcast_ref::<PinnedDeltaTable>() else { continue };
                for (name, expression) in delta.check_constraints() {
                    rows.push(ConstraintRow {
                        catalog: catalog_name.clone(),
                        schema: schema_name.clone(),
                        table: table_name.clone(),
                        name: name.clone(),
                        expression: expression.clone(),
                    });
                }
            }
        }
    }
    rows.sort_by(|a, b| (&a.catalog, &a.schema, &a.table, &a.name).cmp(&(&b.catalog, &b.schema, &b.table, &b.name)));
    Ok(rows)
}

/// The view's rows: the SQL standard's columns, all text.
fn view_batch(view: &str, rows: &[ConstraintRow]) -> EngineResult<RecordBatch> {
    let column = |value: &dyn Fn(&ConstraintRow) -> &str| -> ArrayRef {
        Arc::new(StringArray::from_iter_values(rows.iter().map(value)))
    };
    let columns: Vec<(&str, ArrayRef)> = if view == TABLE_CONSTRAINTS {
        vec![
            ("constraint_catalog", column(&|r| &r.catalog)),
            ("constraint_schema", column(&|r| &r.schema)),
            ("constraint_name", column(&|r| &r.name)),
            ("table_catalog", column(&|r| &r.catalog)),
            ("table_schema", column(&|r| &r.schema)),
            ("table_name", column(&|r| &r.table)),
            ("constraint_type", column(&|_| "CHECK")),
            ("is_deferrable", column(&|_| "NO")),
            ("initially_deferred", column(&|_| "NO")),
            ("enforced", column(&|_| "YES")),
        ]
    } else {
        vec![
            ("constraint_catalog", column(&|r| &r.catalog)),
            ("constraint_schema", column(&|r| &r.schema)),
            ("constraint_name", column(&|r| &r.name)),
            ("check_clause", column(&|r| &r.expression)),
        ]
    };
    let schema = Schema::new(columns.iter().map(|(name, _)| Field::new(*name, DataType::Utf8, false)).collect::<Vec<_>>());
    Ok(RecordBatch::try_new(Arc::new(schema), columns.into_iter().map(|(_, array)| array).collect())?)
}

/// The table function standing for one view in one statement: its rows, computed beforehand.
#[derive(Debug)]
struct ViewFunction {
    batch: RecordBatch,
}

impl TableFunctionImpl for ViewFunction {
    fn call(&self, _args: &[Expr]) -> DataFusionResult<Arc<dyn TableProvider>> {
        Ok(Arc::new(MemTable::try_new(self.batch.schema(), vec![vec![self.batch.clone()]])?))
    }
}

#[cfg(test)]
mod tests {
    use super::view_named;
    use datafusion::sql::sqlparser::ast::{Ident, ObjectName};

    fn name(parts: &[&str]) -> ObjectName {
        ObjectName::from(parts.iter().map(|part| Ident::new(*part)).collect::<Vec<_>>())
    }

    #[test]
    fn recognises_the_views_by_normalised_name() {
        assert_eq!(view_named(&name(&["information_schema", "table_constraints"])), Some("table_constraints"));
        assert_eq!(view_named(&name(&["datafusion", "INFORMATION_SCHEMA", "Check_Constraints"])), Some("check_constraints"));
        assert_eq!(view_named(&name(&["table_constraints"])), None);
        assert_eq!(view_named(&name(&["public", "table_constraints"])), None);
        assert_eq!(view_named(&name(&["a", "b", "information_schema", "table_constraints"])), None);
        let quoted = ObjectName::from(vec![Ident::new("information_schema"), Ident::with_quote('"', "TABLE_CONSTRAINTS")]);
        assert_eq!(view_named(&quoted), None);
    }
}
