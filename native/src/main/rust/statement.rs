//! Structured descriptions of SQL statements, so that Java-side extensions (Delta tables) can take
//! over the statements that concern them before DataFusion plans them.

use datafusion::sql::parser::{DFParser, Statement as DFStatement};
use datafusion::sql::planner::object_name_to_table_reference;
use datafusion::sql::sqlparser::ast::{
    AlterTable, AlterTableOperation, AssignmentTarget, FromTable, Ident, ObjectName, Statement, TableConstraint,
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
/// `update`, `alter_table` (one CHECK constraint added or dropped) or `other`, with the fields each
/// needs. Table and constraint names are normalised as DataFusion normalises identifiers.
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
                    TableFactor::Table { name, .. } => {
                        let mut assignments = Map::new();
                        for assignment in &update.assignments {
                            let AssignmentTarget::ColumnName(column) = &assignment.target else {
                                return Ok(json!({ "kind": "other" }));
                            };
                            assignments.insert(column_name(column), Json::String(assignment.value.to_string()));
                        }
                        json!({
                            "kind": "update",
                            "table": table_name(name)?,
                            "assignments": assignments,
                            "predicate": update.selection.as_ref().map(|e| e.to_string()),
                        })
                    }
                    _ => json!({ "kind": "other" }),
                }
            }
            Statement::AlterTable(alter) => alter_constraint(&alter)?,
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

fn table_name(name: &ObjectName) -> EngineResult<String> {
    Ok(object_name_to_table_reference(name.clone(), true)?.to_string())
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
    jni_call(&mut env, |env| {
        let sql = java_string(env, &sql)?;
        let description = describe(&sql)?;
        jni_support::new_java_string(env, &description.to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::describe;

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

        assert_eq!(describe("SELECT 1").unwrap()["kind"], "other");
        assert!(describe("SELECT 1; SELECT 2").is_err());
    }
}
