//! Structured descriptions of SQL statements, so that Java-side extensions (Delta tables) can take
//! over the statements that concern them before DataFusion plans them.

use std::ops::ControlFlow;

use datafusion::sql::parser::{DFParser, Statement as DFStatement};
use datafusion::sql::planner::object_name_to_table_reference;
use datafusion::sql::sqlparser::ast::{
    visit_expressions, AlterTable, AlterTableOperation, Assignment, AssignmentTarget, BinaryOperator, Expr,
    FromTable, Ident, Merge, MergeAction, MergeClauseKind, MergeInsertKind, ObjectName, Statement, TableConstraint,
    TableFactor, TableObject, Value,
};
use datafusion::sql::sqlparser::dialect::GenericDialect;
use jni::objects::{JClass, JString};
use jni::sys::jstring;
use jni::JNIEnv;
use serde_json::{json, Map, Value as Json};

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support::{self, java_string, jni_call};

/// Describes one statement as JSON: `kind` is `create_external_table`, `insert`, `delete`,
/// `update`, `merge`, `alter_table` (one CHECK constraint added or dropped) or `other`, with the
/// fields each needs. Table and constraint names are normalised as DataFusion normalises identifiers.
pub fn describe(sql: &str) -> EngineResult<Json> {
    let mut statements = DFParser::parse_sql_with_dialect(sql, &GenericDialect {})?;
    if statements.len() != 1 {
        return Err(EngineError::new(
            ErrorCode::SqlSyntax,
            format!("expected exactly one SQL statement, found {}", statements.len()),
        ));
    }
    let Some(statement) = statements.pop_front() else {
        return Ok(json!({ "kind": "other" }));
    };
    Ok(match statement {
        DFStatement::CreateExternalTable(create) => {
            let options: Map<String, Json> =
                create.options.iter().map(|(key, value)| (key.clone(), Json::String(option_text(value)))).collect();
            json!({
                "kind": "create_external_table",
                "table": table_name(&create.name)?,
                "file_type": create.file_type,
                "location": create.locations.first(),
                "options": options,
                "partition_columns": create.table_partition_cols,
                "if_not_exists": create.if_not_exists,
                "or_replace": create.or_replace,
            })
        }
        DFStatement::Statement(boxed) => match *boxed {
            Statement::Insert(insert) => match (&insert.table, &insert.source) {
                (TableObject::TableName(name), Some(source)) => json!({
                    "kind": "insert",
                    "table": table_name(name)?,
                    "overwrite": insert.overwrite,
                    "columns": insert.columns.iter().map(|c| c.to_string()).collect::<Vec<_>>(),
                    "source": source.to_string(),
                }),
                _ => json!({ "kind": "other" }),
            },
            Statement::Delete(delete) => {
                let tables = match &delete.from {
                    FromTable::WithFromKeyword(tables) | FromTable::WithoutKeyword(tables) => tables,
                };
                match tables.as_slice() {
                    [only] if only.joins.is_empty() && delete.using.is_none() => match &only.relation {
                        TableFactor::Table { name, .. } => json!({
                            "kind": "delete",
                            "table": table_name(name)?,
                            "predicate": delete.selection.as_ref().map(|e| e.to_string()),
                        }),
                        _ => json!({ "kind": "other" }),
                    },
                    _ => json!({ "kind": "other" }),
                }
            }
            Statement::Update(update) if update.from.is_none() && update.table.joins.is_empty() => {
                match &update.table.relation {
                    TableFactor::Table { name, .. } => match assignments(&update.assignments) {
                        Some(assignments) => json!({
                            "kind": "update",
                            "table": table_name(name)?,
                            "assignments": assignments,
                            "predicate": update.selection.as_ref().map(|e| e.to_string()),
                        }),
                        None => json!({ "kind": "other" }),
                    },
                    _ => json!({ "kind": "other" }),
                }
            }
            Statement::AlterTable(alter) => alter_constraint(&alter)?,
            Statement::Merge(merge) => describe_merge(&merge)?,
            _ => json!({ "kind": "other" }),
        },
        _ => json!({ "kind": "other" }),
    })
}

/// `ALTER TABLE t ADD [CONSTRAINT name] CHECK (expr)` or `ALTER TABLE t DROP CONSTRAINT [IF EXISTS]
/// name`; any other alteration (or several at once) is `other`, left to DataFusion.
fn alter_constraint(alter: &AlterTable) -> EngineResult<Json> {
    let [operation] = alter.operations.as_slice() else {
        return Ok(json!({ "kind": "other" }));
    };
    let constraint = match operation {
        AlterTableOperation::AddConstraint { constraint: TableConstraint::Check(check), .. } => json!({
            "action": "add",
            "name": check.name.as_ref().map(identifier),
            "expression": check.expr.to_string(),
        }),
        AlterTableOperation::DropConstraint { if_exists, name, .. } => json!({
            "action": "drop",
            "name": identifier(name),
            "if_exists": if_exists,
        }),
        _ => return Ok(json!({ "kind": "other" })),
    };
    Ok(json!({ "kind": "alter_table", "table": table_name(&alter.name)?, "constraint": constraint }))
}

/// A quoted identifier as written, an unquoted one lower-cased.
fn identifier(ident: &Ident) -> String {
    match ident.quote_style {
        Some(_) => ident.value.clone(),
        None => ident.value.to_lowercase(),
    }
}

/// Column to expression text; None when a target is not a plain column.
fn assignments(assignments: &[Assignment]) -> Option<Map<String, Json>> {
    let mut described = Map::new();
    for assignment in assignments {
        let AssignmentTarget::ColumnName(column) = &assignment.target else {
            return None;
        };
        described.insert(column_name(column), Json::String(assignment.value.to_string()));
    }
    Some(described)
}

/// `MERGE INTO table [AS alias] USING source [AS alias] ON … WHEN …`: the source as a query (a
/// table name becomes `SELECT * FROM name`), each clause with its `when` (`matched`,
/// `not_matched`, `not_matched_by_source`), optional predicate and action (`update` with
/// assignments, `delete`, `insert` with columns and one row of values). Anything else is `other`.
fn describe_merge(merge: &Merge) -> EngineResult<Json> {
    let other = json!({ "kind": "other" });
    let TableFactor::Table { name: target, alias: target_alias, .. } = &merge.table else {
        return Ok(other);
    };
    let (source, source_alias) = match &merge.source {
        TableFactor::Table { name, alias, .. } => (
            format!("SELECT * FROM {name}"),
            alias.as_ref().map(|a| a.name.value.clone()).or_else(|| last_part(name)),
        ),
        TableFactor::Derived { subquery, alias, .. } => {
            (subquery.to_string(), alias.as_ref().map(|a| a.name.value.clone()))
        }
        _ => return Ok(other),
    };
    let mut clauses = Vec::new();
    for clause in &merge.clauses {
        let when = match clause.clause_kind {
            MergeClauseKind::Matched => "matched",
            MergeClauseKind::NotMatched | MergeClauseKind::NotMatchedByTarget => "not_matched",
            MergeClauseKind::NotMatchedBySource => "not_matched_by_source",
        };
        let predicate = clause.predicate.as_ref().map(|e| e.to_string());
        let described = match &clause.action {
            MergeAction::Delete { .. } => json!({ "when": when, "predicate": predicate, "action": "delete" }),
            MergeAction::Update(update) => match assignments(&update.assignments) {
                Some(assignments) if update.update_predicate.is_none() && update.delete_predicate.is_none() => {
                    json!({ "when": when, "predicate": predicate, "action": "update", "assignments": assignments })
                }
                _ => return Ok(other),
            },
            MergeAction::Insert(insert) => match &insert.kind {
                MergeInsertKind::Values(values) if values.rows.len() == 1 => json!({
                    "when": when,
                    "predicate": predicate,
                    "action": "insert",
                    "columns": insert.columns.iter().map(column_name).collect::<Vec<_>>(),
                    "values": values.rows[0].iter().map(|e| e.to_string()).collect::<Vec<_>>(),
                }),
                _ => return Ok(other),
            },
        };
        clauses.push(described);
    }
    Ok(json!({
        "kind": "merge",
        "table": table_name(target)?,
        "target_alias": target_alias.as_ref().map(|a| a.name.value.clone()).or_else(|| last_part(target)),
        "source": source,
        "source_alias": source_alias,
        "predicate": merge.on.to_string(),
        "clauses": clauses,
    }))
}

/// The top-level conjuncts of a boolean SQL expression (`a AND (b AND c)` gives `a`, `b`, `c`), as
/// JSON: each one's `sql`, and for an equality its `sides`, each with its `sql`, the normalised
/// identifier parts in `column` when it is a plain (possibly qualified) column (else null), and
/// whether it `calls` a function (whose value may vary from call to call).
pub fn describe_conjuncts(sql: &str) -> EngineResult<Json> {
    let parsed = DFParser::parse_sql_into_expr_with_dialect(sql, &GenericDialect {})?;
    let mut conjuncts = Vec::new();
    collect_conjuncts(&parsed.expr, &mut conjuncts);
    Ok(Json::Array(conjuncts))
}

fn collect_conjuncts(expr: &Expr, out: &mut Vec<Json>) {
    match expr {
        Expr::BinaryOp { left, op: BinaryOperator::And, right } => {
            collect_conjuncts(left, out);
            collect_conjuncts(right, out);
        }
        Expr::Nested(inner) => collect_conjuncts(inner, out),
        Expr::BinaryOp { left, op: BinaryOperator::Eq, right } => {
            out.push(json!({ "sql": expr.to_string(), "sides": [side(left), side(right)] }))
        }
        other => out.push(json!({ "sql": other.to_string(), "sides": Json::Null })),
    }
}

fn side(expr: &Expr) -> Json {
    let column = match expr {
        Expr::Identifier(ident) => Some(vec![identifier(ident)]),
        Expr::CompoundIdentifier(parts) => Some(parts.iter().map(identifier).collect()),
        _ => None,
    };
    let calls = visit_expressions(expr, |e| match e {
        Expr::Function(_) => ControlFlow::Break(()),
        _ => ControlFlow::Continue(()),
    })
    .is_break();
    json!({ "sql": expr.to_string(), "column": column, "calls": calls })
}

fn table_name(name: &ObjectName) -> EngineResult<String> {
    Ok(object_name_to_table_reference(name.clone(), true)?.to_string())
}

/// A table name's last identifier, which SQL lets stand for the table in expressions.
fn last_part(name: &ObjectName) -> Option<String> {
    name.0.last().and_then(|part| part.as_ident()).map(|ident| ident.value.clone())
}

fn column_name(name: &ObjectName) -> String {
    name.0.last().and_then(|part| part.as_ident()).map_or_else(|| name.to_string(), |ident| ident.value.clone())
}

/// An option's text: string literals without their quotes, anything else as written.
fn option_text(value: &Value) -> String {
    match value {
        Value::SingleQuotedString(text) | Value::DoubleQuotedString(text) => text.clone(),
        other => other.to_string(),
    }
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_describeStatement(
    mut env: JNIEnv,
    _class: JClass,
    sql: JString,
) -> jstring {
    described(&mut env, &sql, describe)
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_describeConjuncts(
    mut env: JNIEnv,
    _class: JClass,
    sql: JString,
) -> jstring {
    described(&mut env, &sql, describe_conjuncts)
}

/// `describe`'s JSON of the Java string `sql`, as a Java string.
fn described(env: &mut JNIEnv, sql: &JString, describe: fn(&str) -> EngineResult<Json>) -> jstring {
    jni_call(env, |env| {
        let sql = java_string(env, sql)?;
        jni_support::new_java_string(env, &describe(&sql)?.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::{describe, describe_conjuncts};

    #[test]
    fn splits_conjuncts_and_describes_equalities() {
        let predicate = "T.Id = s.x + 1 AND (\"Part\" = upper(s.p) AND t.v BETWEEN 1 AND 2) AND (t.a = 1 OR t.b = 2)";
        let conjuncts = describe_conjuncts(predicate).unwrap();
        assert_eq!(conjuncts.as_array().unwrap().len(), 4);
        assert_eq!(conjuncts[0]["sql"], "T.Id = s.x + 1");
        assert_eq!(conjuncts[0]["sides"][0]["column"], serde_json::json!(["t", "id"]));
        assert_eq!(conjuncts[0]["sides"][1]["column"], serde_json::Value::Null);
        assert_eq!(conjuncts[0]["sides"][1]["sql"], "s.x + 1");
        assert_eq!(conjuncts[0]["sides"][1]["calls"], false);
        assert_eq!(conjuncts[1]["sides"][0]["column"], serde_json::json!(["Part"]));
        assert_eq!(conjuncts[1]["sides"][1]["calls"], true);
        assert_eq!(conjuncts[2]["sql"], "t.v BETWEEN 1 AND 2");
        assert_eq!(conjuncts[2]["sides"], serde_json::Value::Null);
        assert_eq!(conjuncts[3]["sides"], serde_json::Value::Null, "a disjunction is one conjunct");
        assert!(describe_conjuncts("t.id = ").is_err());
    }

    #[test]
    fn describes_the_statements_extensions_take_over() {
        let create = describe(
            "CREATE EXTERNAL TABLE IF NOT EXISTS Sales STORED AS DELTA LOCATION '/d/s' OPTIONS ('version' '3', 'k' 7)",
        )
        .unwrap();
        assert_eq!(create["kind"], "create_external_table");
        assert_eq!(create["table"], "sales");
        assert_eq!(create["file_type"], "DELTA");
        assert_eq!(create["location"], "/d/s");
        assert_eq!(create["options"]["version"], "3");
        assert_eq!(create["if_not_exists"], true);

        let insert = describe("INSERT OVERWRITE t SELECT a, 'x;y' FROM s WHERE a > 1").unwrap();
        assert_eq!(insert["kind"], "insert");
        assert_eq!(insert["overwrite"], true);
        assert_eq!(insert["source"], "SELECT a, 'x;y' FROM s WHERE a > 1");

        let delete = describe("DELETE FROM \"T\" WHERE id = 3").unwrap();
        assert_eq!(delete["table"], "T");
        assert_eq!(delete["predicate"], "id = 3");

        let update = describe("UPDATE t SET v = v + 1, w = 'z' WHERE id < 0").unwrap();
        assert_eq!(update["assignments"]["v"], "v + 1");
        assert_eq!(update["predicate"], "id < 0");

        let add = describe("ALTER TABLE T ADD CONSTRAINT Positive CHECK (id > 0 AND name <> 'x')").unwrap();
        assert_eq!(add["kind"], "alter_table");
        assert_eq!(add["table"], "t");
        assert_eq!(add["constraint"]["action"], "add");
        assert_eq!(add["constraint"]["name"], "positive");
        assert_eq!(add["constraint"]["expression"], "id > 0 AND name <> 'x'");
        let unnamed = describe("ALTER TABLE t ADD CHECK (id IS NOT NULL)").unwrap();
        assert_eq!(unnamed["constraint"]["name"], serde_json::Value::Null);
        let drop = describe("ALTER TABLE t DROP CONSTRAINT IF EXISTS \"Big\"").unwrap();
        assert_eq!(drop["constraint"]["action"], "drop");
        assert_eq!(drop["constraint"]["name"], "Big");
        assert_eq!(drop["constraint"]["if_exists"], true);
        assert_eq!(describe("ALTER TABLE t ADD COLUMN c INT").unwrap()["kind"], "other");
        assert_eq!(describe("ALTER TABLE t DROP CONSTRAINT a, DROP CONSTRAINT b").unwrap()["kind"], "other");
        let merge = describe(
            "MERGE INTO t USING (SELECT * FROM s) AS src ON t.id = src.id \
             WHEN MATCHED AND src.v IS NULL THEN DELETE \
             WHEN MATCHED THEN UPDATE SET v = src.v \
             WHEN NOT MATCHED THEN INSERT (id, v) VALUES (src.id, src.v) \
             WHEN NOT MATCHED BY SOURCE THEN UPDATE SET v = 0",
        )
        .unwrap();
        assert_eq!(merge["kind"], "merge");
        assert_eq!(merge["table"], "t");
        assert_eq!(merge["target_alias"], "t");
        assert_eq!(merge["source"], "SELECT * FROM s");
        assert_eq!(merge["source_alias"], "src");
        assert_eq!(merge["predicate"], "t.id = src.id");
        assert_eq!(merge["clauses"][0]["predicate"], "src.v IS NULL");
        assert_eq!(merge["clauses"][0]["action"], "delete");
        assert_eq!(merge["clauses"][1]["assignments"]["v"], "src.v");
        assert_eq!(merge["clauses"][2]["when"], "not_matched");
        assert_eq!(merge["clauses"][2]["values"][1], "src.v");
        assert_eq!(merge["clauses"][3]["when"], "not_matched_by_source");
        let plain = describe("MERGE INTO t USING s ON t.id = s.id WHEN MATCHED THEN DELETE").unwrap();
        assert_eq!(plain["source_alias"], "s");

        assert_eq!(describe("SELECT 1").unwrap()["kind"], "other");
        assert!(describe("SELECT 1; SELECT 2").is_err());
    }
}
