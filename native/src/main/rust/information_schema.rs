//! `information_schema.table_constraints`, `key_column_usage` and `check_constraints`, which
//! DataFusion 55 lacks, over one list of constraints: the PRIMARY KEY and UNIQUE constraints every
//! registered table declares (`TableProvider::constraints`, e.g. from `CREATE TABLE t (a INT
//! PRIMARY KEY, b INT, UNIQUE (b))`) and the CHECK constraints (`delta.constraints.*`) of the
//! Delta tables, as of the snapshot each name is registered at.
//!
//! DataFusion keeps no names for its key constraints, so they get PostgreSQL's: `<table>_pkey` for
//! the primary key and `<table>_<column>[_<column>…]_key` for a unique group, with `1`, `2`, …
//! appended when a table would repeat a name. Names are unique per table (Delta CHECK names are
//! only unique there), so views are joined on the table as well as on the constraint name. Keys
//! are listed as not `enforced`: DataFusion does not check them on writes.
//!
//! DataFusion answers every `information_schema.*` name itself, so no table can be registered
//! there. A statement naming one of these views is planned with that relation replaced by a table
//! function (registered on a copy of the session state only) over the rows the catalog holds at
//! planning time, aliased to the view's name. Every other statement is planned as usual.

use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::Arc;

use datafusion::arrow::array::{ArrayRef, RecordBatch, StringArray, UInt64Array};
use datafusion::arrow::datatypes::{Field, Schema};
use datafusion::catalog::{TableFunctionImpl, TableProvider};
use datafusion::common::Constraint;
use datafusion::datasource::MemTable;
use datafusion::error::Result as DataFusionResult;
use datafusion::logical_expr::Expr;
use datafusion::prelude::{DataFrame, SessionContext};
use datafusion::sql::parser::Statement as DFStatement;
use datafusion::sql::sqlparser::ast::{
    Ident, ObjectName, TableAlias, TableFactor, TableFunctionArgs, VisitMut, VisitorMut,
};

use crate::error::EngineResult;

const TABLE_CONSTRAINTS: &str = "table_constraints";
const KEY_COLUMN_USAGE: &str = "key_column_usage";
const CHECK_CONSTRAINTS: &str = "check_constraints";
const VIEWS: [&str; 3] = [TABLE_CONSTRAINTS, KEY_COLUMN_USAGE, CHECK_CONSTRAINTS];
const INFORMATION_SCHEMA: &str = "information_schema";

/// What a constraint requires.
enum ConstraintKind {
    PrimaryKey(Vec<String>),
    Unique(Vec<String>),
    Check(String),
}

/// One constraint of a registered table.
struct ConstraintRow {
    catalog: String,
    schema: String,
    table: String,
    name: String,
    kind: ConstraintKind,
}

impl ConstraintRow {
    fn constraint_type(&self) -> &'static str {
        match self.kind {
            ConstraintKind::PrimaryKey(_) => "PRIMARY KEY",
            ConstraintKind::Unique(_) => "UNIQUE",
            ConstraintKind::Check(_) => "CHECK",
        }
    }

    /// Whether writes are checked against it: Delta's CHECK constraints are, DataFusion's keys not
    /// (it only relies on them, e.g. to simplify GROUP BY).
    fn enforced(&self) -> bool {
        matches!(self.kind, ConstraintKind::Check(_))
    }

    /// The key's columns in key order; none for a CHECK constraint.
    fn key_columns(&self) -> &[String] {
        match &self.kind {
            ConstraintKind::PrimaryKey(columns) | ConstraintKind::Unique(columns) => columns,
            ConstraintKind::Check(_) => &[],
        }
    }
}

/// Plans `sql` when it reads one of the views (and information_schema is enabled); `None`
/// leaves the statement to the session's own planning.
pub async fn plan(context: &SessionContext, sql: &str) -> EngineResult<Option<DataFrame>> {
    let lower = sql.to_ascii_lowercase();
    if !VIEWS.iter().any(|view| lower.contains(view)) {
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
    VIEWS.into_iter().find(|view| table == view)
}

/// The constraints of every table in the session's catalogs, sorted by table and name.
async fn constraint_rows(context: &SessionContext) -> EngineResult<Vec<ConstraintRow>> {
    let mut rows = Vec::new();
    for catalog_name in context.catalog_names() {
        let Some(catalog) = context.catalog(&catalog_name) else { continue };
        for schema_name in catalog.schema_names() {
            let Some(schema) = catalog.schema(&schema_name) else { continue };
            for table_name in schema.table_names() {
                let Some(provider) = schema.table(&table_name).await? else { continue };
                let mut kinds = key_constraints(provider.as_ref(), &table_name);
                kinds.extend(crate::delta::check_constraints(provider.as_ref()).iter().map(|(name, expression)| {
                    (name.clone(), ConstraintKind::Check(expression.clone()))
                }));
                rows.extend(kinds.into_iter().map(|(name, kind)| ConstraintRow {
                    catalog: catalog_name.clone(),
                    schema: schema_name.clone(),
                    table: table_name.clone(),
                    name,
                    kind,
                }));
            }
        }
    }
    rows.sort_by(|a, b| (&a.catalog, &a.schema, &a.table, &a.name).cmp(&(&b.catalog, &b.schema, &b.table, &b.name)));
    Ok(rows)
}

/// The table's PRIMARY KEY and UNIQUE constraints under their generated names.
fn key_constraints(provider: &dyn TableProvider, table: &str) -> Vec<(String, ConstraintKind)> {
    let Some(constraints) = provider.constraints() else { return Vec::new() };
    let mut used = HashSet::new();
    let schema = provider.schema();
    let column_names = |indices: &[usize]| -> Vec<String> {
        indices.iter().filter_map(|&index| schema.fields().get(index)).map(|field| field.name().clone()).collect()
    };
    constraints
        .iter()
        .map(|constraint| {
            let (stem, kind) = match constraint {
                Constraint::PrimaryKey(indices) => {
                    (format!("{table}_pkey"), ConstraintKind::PrimaryKey(column_names(indices)))
                }
                Constraint::Unique(indices) => {
                    let columns = column_names(indices);
                    (format!("{table}_{}_key", columns.join("_")), ConstraintKind::Unique(columns))
                }
            };
            let name = (0..)
                .map(|suffix| if suffix == 0 { stem.clone() } else { format!("{stem}{suffix}") })
                .find(|candidate| !used.contains(candidate))
                .unwrap_or(stem);
            used.insert(name.clone());
            (name, kind)
        })
        .collect()
}

/// The view's rows with the SQL standard's columns: text, and `ordinal_position` (1-based) in
/// `key_column_usage`, which has one row per column of each key.
fn view_batch(view: &str, rows: &[ConstraintRow]) -> EngineResult<RecordBatch> {
    let columns = match view {
        TABLE_CONSTRAINTS => {
            let mut columns = constraint_columns(rows, |row| row);
            columns.extend(table_columns(rows, |row| row));
            columns.extend([
                ("constraint_type", text(rows, |row| row.constraint_type())),
                ("is_deferrable", text(rows, |_| "NO")),
                ("initially_deferred", text(rows, |_| "NO")),
                ("enforced", text(rows, |row| if row.enforced() { "YES" } else { "NO" })),
            ]);
            columns
        }
        KEY_COLUMN_USAGE => {
            let usages: Vec<(&ConstraintRow, &str, u64)> = rows
                .iter()
                .flat_map(|row| {
                    row.key_columns().iter().zip(1..).map(move |(column, position)| (row, column.as_str(), position))
                })
                .collect();
            let mut columns = constraint_columns(&usages, |usage| usage.0);
            columns.extend(table_columns(&usages, |usage| usage.0));
            columns.push(("column_name", text(&usages, |usage| usage.1)));
            let positions = UInt64Array::from_iter_values(usages.iter().map(|usage| usage.2));
            columns.push(("ordinal_position", Arc::new(positions) as ArrayRef));
            columns
        }
        _ /* CHECK_CONSTRAINTS */ => {
            let checks: Vec<(&ConstraintRow, &str)> = rows
                .iter()
                .filter_map(|row| match &row.kind {
                    ConstraintKind::Check(expression) => Some((row, expression.as_str())),
                    _ => None,
                })
                .collect();
            let mut columns = constraint_columns(&checks, |check| check.0);
            columns.push(("check_clause", text(&checks, |check| check.1)));
            columns
        }
    };
    let schema = Schema::new(
        columns.iter().map(|(name, array)| Field::new(*name, array.data_type().clone(), false)).collect::<Vec<_>>(),
    );
    Ok(RecordBatch::try_new(Arc::new(schema), columns.into_iter().map(|(_, array)| array).collect())?)
}

/// The columns naming each item's constraint.
fn constraint_columns<T>(items: &[T], row: impl Fn(&T) -> &ConstraintRow) -> Vec<(&'static str, ArrayRef)> {
    vec![
        ("constraint_catalog", text(items, |item| &row(item).catalog)),
        ("constraint_schema", text(items, |item| &row(item).schema)),
        ("constraint_name", text(items, |item| &row(item).name)),
    ]
}

/// The columns naming each item's table.
fn table_columns<T>(items: &[T], row: impl Fn(&T) -> &ConstraintRow) -> Vec<(&'static str, ArrayRef)> {
    vec![
        ("table_catalog", text(items, |item| &row(item).catalog)),
        ("table_schema", text(items, |item| &row(item).schema)),
        ("table_name", text(items, |item| &row(item).table)),
    ]
}

fn text<T>(items: &[T], value: impl Fn(&T) -> &str) -> ArrayRef {
    Arc::new(StringArray::from_iter_values(items.iter().map(value)))
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
    use super::{plan, view_named};
    use datafusion::common::assert_batches_eq;
    use datafusion::prelude::{SessionConfig, SessionContext};
    use datafusion::sql::sqlparser::ast::{Ident, ObjectName};

    async fn session(information_schema: bool) -> SessionContext {
        let context = SessionContext::new_with_config(SessionConfig::new().with_information_schema(information_schema));
        for ddl in [
            "CREATE TABLE orders (id INT PRIMARY KEY, customer INT, line INT, sku TEXT, UNIQUE (line, customer))",
            "CREATE TABLE codes (code TEXT UNIQUE, alias TEXT, UNIQUE (alias), UNIQUE (code))",
            "CREATE TABLE lines (orders INT, n INT, PRIMARY KEY (n, orders))",
            "CREATE TABLE plain (v INT)",
        ] {
            context.sql(ddl).await.unwrap();
        }
        context
    }

    async fn query(context: &SessionContext, sql: &str) -> Vec<datafusion::arrow::array::RecordBatch> {
        plan(context, sql).await.unwrap().expect("a statement reading the views").collect().await.unwrap()
    }

    #[tokio::test]
    async fn lists_primary_key_and_unique_constraints_under_generated_names() {
        let context = session(true).await;
        let rows = query(
            &context,
            "SELECT constraint_catalog, constraint_schema, constraint_name, table_catalog, table_schema, table_name, \
             constraint_type, enforced FROM information_schema.table_constraints",
        )
        .await;
        assert_batches_eq!(
            [
                "+--------------------+-------------------+--------------------------+---------------+--------------+------------+-----------------+----------+",
                "| constraint_catalog | constraint_schema | constraint_name          | table_catalog | table_schema | table_name | constraint_type | enforced |",
                "+--------------------+-------------------+--------------------------+---------------+--------------+------------+-----------------+----------+",
                "| datafusion         | public            | codes_alias_key          | datafusion    | public       | codes      | UNIQUE          | NO       |",
                "| datafusion         | public            | codes_code_key           | datafusion    | public       | codes      | UNIQUE          | NO       |",
                "| datafusion         | public            | codes_code_key1          | datafusion    | public       | codes      | UNIQUE          | NO       |",
                "| datafusion         | public            | lines_pkey               | datafusion    | public       | lines      | PRIMARY KEY     | NO       |",
                "| datafusion         | public            | orders_line_customer_key | datafusion    | public       | orders     | UNIQUE          | NO       |",
                "| datafusion         | public            | orders_pkey              | datafusion    | public       | orders     | PRIMARY KEY     | NO       |",
                "+--------------------+-------------------+--------------------------+---------------+--------------+------------+-----------------+----------+",
            ],
            &rows
        );
    }

    #[tokio::test]
    async fn key_column_usage_lists_each_key_column_at_its_position() {
        let context = session(true).await;
        let rows = query(
            &context,
            "SELECT k.table_name, k.constraint_name, constraint_type, column_name, ordinal_position \
             FROM information_schema.key_column_usage k JOIN information_schema.table_constraints t \
             USING (table_catalog, table_schema, table_name, constraint_name) \
             WHERE k.table_name <> 'codes' ORDER BY k.constraint_name, ordinal_position",
        )
        .await;
        assert_batches_eq!(
            [
                "+------------+--------------------------+-----------------+-------------+------------------+",
                "| table_name | constraint_name          | constraint_type | column_name | ordinal_position |",
                "+------------+--------------------------+-----------------+-------------+------------------+",
                "| lines      | lines_pkey               | PRIMARY KEY     | n           | 1                |",
                "| lines      | lines_pkey               | PRIMARY KEY     | orders      | 2                |",
                "| orders     | orders_line_customer_key | UNIQUE          | line        | 1                |",
                "| orders     | orders_line_customer_key | UNIQUE          | customer    | 2                |",
                "| orders     | orders_pkey              | PRIMARY KEY     | id          | 1                |",
                "+------------+--------------------------+-----------------+-------------+------------------+",
            ],
            &rows
        );
        let checks = query(&context, "SELECT count(*) AS n FROM information_schema.check_constraints").await;
        assert_batches_eq!(["+---+", "| n |", "+---+", "| 0 |", "+---+"], &checks);
    }

    #[tokio::test]
    async fn views_are_left_to_datafusion_when_information_schema_is_off() {
        let context = session(false).await;
        assert!(plan(&context, "SELECT * FROM information_schema.key_column_usage").await.unwrap().is_none());
        let enabled = session(true).await;
        assert!(plan(&enabled, "SELECT * FROM plain").await.unwrap().is_none(), "other statements are not rewritten");
    }

    fn name(parts: &[&str]) -> ObjectName {
        ObjectName::from(parts.iter().map(|part| Ident::new(*part)).collect::<Vec<_>>())
    }

    #[test]
    fn recognises_the_views_by_normalised_name() {
        assert_eq!(view_named(&name(&["information_schema", "table_constraints"])), Some("table_constraints"));
        assert_eq!(view_named(&name(&["datafusion", "INFORMATION_SCHEMA", "Check_Constraints"])), Some("check_constraints"));
        assert_eq!(view_named(&name(&["information_schema", "KEY_COLUMN_USAGE"])), Some("key_column_usage"));
        assert_eq!(view_named(&name(&["table_constraints"])), None);
        assert_eq!(view_named(&name(&["public", "table_constraints"])), None);
        assert_eq!(view_named(&name(&["a", "b", "information_schema", "table_constraints"])), None);
        let quoted = ObjectName::from(vec![Ident::new("information_schema"), Ident::with_quote('"', "TABLE_CONSTRAINTS")]);
        assert_eq!(view_named(&quoted), None);
    }
}
