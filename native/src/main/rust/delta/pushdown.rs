//! Translates the filters DataFusion pushes into a Delta scan into the JSON predicate Java turns
//! into a Kernel `Predicate` for Kernel's scan planning (partition pruning and data skipping).
//!
//! Only what Kernel can plan with is translated: comparisons of a table column with a literal of
//! the column's type, `AND`/`OR`/`NOT`, `IS [NOT] NULL`, `[NOT] IN` lists and `[NOT] BETWEEN`
//! (as comparisons). A conjunct that cannot be translated is left out, which only weakens the
//! pruning: DataFusion applies every filter again above the scan.
//!
//! The JSON forms: `{"op": "and"|"or", "args": [..]}`, `{"op": "not", "arg": ..}`,
//! `{"op": "is_null"|"is_not_null", "column": c}` and `{"op": "="|"<"|"<="|">"|">=", "column": c,
//! "value": v}` where `v` is a JSON boolean, number (integers, finite floats, dates as days since the
//! epoch, timestamps as microseconds) or string (text, and decimals as their unscaled integer).

use std::collections::HashMap;

use datafusion::arrow::datatypes::DataType;
use datafusion::common::ScalarValue;
use datafusion::logical_expr::expr::{Cast, InList};
use datafusion::logical_expr::{Between, BinaryExpr, Expr, Operator};
use serde_json::{json, Value};

/// The JSON predicate for the conjunction of `filters`, or `None` when none of them translates.
/// `columns` holds the table columns Kernel knows, with their Arrow types.
pub fn kernel_predicate(filters: &[Expr], columns: &HashMap<String, DataType>) -> Option<Value> {
    let mut conjuncts = Vec::new();
    for filter in filters {
        collect_conjuncts(filter, columns, &mut conjuncts);
    }
    match conjuncts.len() {
        0 => None,
        1 => conjuncts.pop(),
        _ => Some(json!({"op": "and", "args": conjuncts})),
    }
}

/// Top-level `AND`s split, so an untranslatable conjunct drops out alone.
fn collect_conjuncts(expr: &Expr, columns: &HashMap<String, DataType>, out: &mut Vec<Value>) {
    match expr {
        Expr::BinaryExpr(BinaryExpr { left, op: Operator::And, right }) => {
            collect_conjuncts(left, columns, out);
            collect_conjuncts(right, columns, out);
        }
        other => out.extend(translate(other, columns)),
    }
}

/// The whole of `expr`, or `None` when any part of it does not translate (a partial translation
/// would be wrong under `NOT` or `OR`).
fn translate(expr: &Expr, columns: &HashMap<String, DataType>) -> Option<Value> {
    match expr {
        Expr::BinaryExpr(BinaryExpr { left, op: op @ (Operator::And | Operator::Or), right }) => {
            let name = if *op == Operator::And { "and" } else { "or" };
            Some(json!({"op": name, "args": [translate(left, columns)?, translate(right, columns)?]}))
        }
        Expr::BinaryExpr(BinaryExpr { left, op, right }) => comparison(left, *op, right, columns),
        Expr::Not(inner) => Some(not(translate(inner, columns)?)),
        Expr::IsNull(inner) => Some(json!({"op": "is_null", "column": column(inner, columns)?.0})),
        Expr::IsNotNull(inner) => Some(json!({"op": "is_not_null", "column": column(inner, columns)?.0})),
        Expr::InList(InList { expr, list, negated }) => {
            let alternatives =
                list.iter().map(|item| comparison(expr, Operator::Eq, item, columns)).collect::<Option<Vec<_>>>()?;
            if alternatives.is_empty() {
                return None;
            }
            let any = json!({"op": "or", "args": alternatives});
            Some(if *negated { not(any) } else { any })
        }
        Expr::Between(Between { expr, negated, low, high }) => {
            let within = json!({"op": "and", "args": [
                comparison(expr, Operator::GtEq, low, columns)?,
                comparison(expr, Operator::LtEq, high, columns)?,
            ]});
            Some(if *negated { not(within) } else { within })
        }
        _ => None,
    }
}

fn not(inner: Value) -> Value {
    json!({"op": "not", "arg": inner})
}

/// `column op literal`, either way round.
fn comparison(left: &Expr, op: Operator, right: &Expr, columns: &HashMap<String, DataType>) -> Option<Value> {
    let (name, data_type, literal, op) = match (column(left, columns), column(right, columns)) {
        (Some((name, data_type)), None) => (name, data_type, right, op),
        (None, Some((name, data_type))) => (name, data_type, left, op.swap()?),
        _ => return None,
    };
    let Expr::Literal(value, _) = literal else {
        return None;
    };
    let value = literal_json(value, data_type)?;
    let symbol = match op {
        Operator::Eq => "=",
        Operator::Lt => "<",
        Operator::LtEq => "<=",
        Operator::Gt => ">",
        Operator::GtEq => ">=",
        Operator::NotEq => return Some(not(json!({"op": "=", "column": name, "value": value}))),
        _ => return None,
    };
    Some(json!({"op": symbol, "column": name, "value": value}))
}

/// A table column; also one cast to its own type, as a dictionary-encoded partition column is
/// (its values are of `columns`' type).
fn column<'a>(expr: &'a Expr, columns: &'a HashMap<String, DataType>) -> Option<(&'a str, &'a DataType)> {
    match expr {
        Expr::Column(column) => columns.get_key_value(&column.name).map(|(name, data_type)| (name.as_str(), data_type)),
        Expr::Cast(Cast { expr, field }) => {
            column(expr, columns).filter(|(_, column_type)| *column_type == field.data_type())
        }
        _ => None,
    }
}

/// The literal as a value of the column's type; a literal that only casts to it with a loss (2.5
/// against an integer column) is not translated, since the comparison would change meaning.
fn literal_json(value: &ScalarValue, column_type: &DataType) -> Option<Value> {
    // Against a dictionary-encoded partition column the literal is wrapped the same way.
    let value = match value {
        ScalarValue::Dictionary(_, inner) => inner.as_ref(),
        other => other,
    };
    let typed = if value.data_type() == *column_type {
        value.clone()
    } else {
        let cast = value.cast_to(column_type).ok()?;
        if cast.cast_to(&value.data_type()).ok()? != *value {
            return None;
        }
        cast
    };
    match typed {
        ScalarValue::Boolean(Some(v)) => Some(json!(v)),
        ScalarValue::Int8(Some(v)) => Some(json!(v)),
        ScalarValue::Int16(Some(v)) => Some(json!(v)),
        ScalarValue::Int32(Some(v)) => Some(json!(v)),
        ScalarValue::Int64(Some(v)) => Some(json!(v)),
        ScalarValue::Float32(Some(v)) if v.is_finite() => Some(json!(v)),
        ScalarValue::Float64(Some(v)) if v.is_finite() => Some(json!(v)),
        ScalarValue::Utf8(Some(v)) | ScalarValue::LargeUtf8(Some(v)) | ScalarValue::Utf8View(Some(v)) => Some(json!(v)),
        ScalarValue::Date32(Some(v)) => Some(json!(v)),
        ScalarValue::TimestampMicrosecond(Some(v), _) => Some(json!(v)),
        ScalarValue::Decimal128(Some(v), _, _) => Some(json!(v.to_string())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::ops::Not;

    use datafusion::prelude::{col, lit};

    fn columns() -> HashMap<String, DataType> {
        HashMap::from([("id".to_string(), DataType::Int64), ("name".to_string(), DataType::Utf8View)])
    }

    #[test]
    fn comparisons_and_boolean_structure_translate() {
        let filter = col("id").gt(lit(5i64)).or(lit(3i64).gt_eq(col("id"))).and(col("name").is_not_null().not());
        let predicate = kernel_predicate(&[filter], &columns()).expect("translates");
        assert_eq!(
            predicate,
            json!({"op": "and", "args": [
                {"op": "or", "args": [
                    {"op": ">", "column": "id", "value": 5},
                    {"op": "<=", "column": "id", "value": 3},
                ]},
                {"op": "not", "arg": {"op": "is_not_null", "column": "name"}},
            ]})
        );
    }

    #[test]
    fn in_lists_between_and_not_equal_become_comparisons() {
        let filters = [col("id").in_list(vec![lit(1i64), lit(2i64)], true), col("id").between(lit(1i64), lit(9i64))];
        let predicate = kernel_predicate(&filters, &columns()).expect("translates");
        assert_eq!(
            predicate,
            json!({"op": "and", "args": [
                {"op": "not", "arg": {"op": "or", "args": [
                    {"op": "=", "column": "id", "value": 1},
                    {"op": "=", "column": "id", "value": 2},
                ]}},
                {"op": "and", "args": [
                    {"op": ">=", "column": "id", "value": 1},
                    {"op": "<=", "column": "id", "value": 9},
                ]},
            ]})
        );
        assert_eq!(
            kernel_predicate(&[col("name").not_eq(lit("x"))], &columns()),
            Some(json!({"op": "not", "arg": {"op": "=", "column": "name", "value": "x"}}))
        );
    }

    #[test]
    fn untranslatable_parts_drop_out_only_where_that_is_safe() {
        let unknown = col("other").eq(lit(1i64));
        let lossy = col("id").eq(lit(2.5f64));
        assert_eq!(kernel_predicate(&[unknown.clone(), lossy.clone()], &columns()), None);
        assert_eq!(
            kernel_predicate(&[unknown.clone().and(col("id").lt(lit(4i64)))], &columns()),
            Some(json!({"op": "<", "column": "id", "value": 4})),
            "a top-level conjunct drops out alone"
        );
        assert_eq!(kernel_predicate(&[unknown.clone().or(col("id").lt(lit(4i64)))], &columns()), None);
        assert_eq!(kernel_predicate(&[unknown.and(col("id").lt(lit(4i64))).not()], &columns()), None);
        assert_eq!(
            kernel_predicate(&[col("id").eq(lit(2.0f64))], &columns()),
            Some(json!({"op": "=", "column": "id", "value": 2})),
            "a literal that casts exactly is compared as the column's type"
        );
    }
}
