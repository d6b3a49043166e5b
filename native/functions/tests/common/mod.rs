#![allow(dead_code)]

use arrow::array::{Array, AsArray, RecordBatch};
use arrow::datatypes::DataType;
use codeanatomy_functions::{register_all, session_config_with_extensions};
use datafusion::common::ScalarValue;
use datafusion::error::{DataFusionError, Result};
use datafusion::prelude::{SessionConfig, SessionContext};

/// A context with information_schema, the config extension and the whole catalog.
pub fn ctx() -> SessionContext {
    let config = session_config_with_extensions(SessionConfig::new().with_information_schema(true));
    let ctx = SessionContext::new_with_config(config);
    register_all(&ctx).expect("register_all");
    ctx
}

/// Renders one cell: NULL → "NULL", strings raw, other types via ScalarValue display.
pub fn render(array: &dyn Array, i: usize) -> String {
    if array.is_null(i) {
        return "NULL".to_string();
    }
    match array.data_type() {
        DataType::Utf8 => array.as_string::<i32>().value(i).to_string(),
        DataType::LargeUtf8 => array.as_string::<i64>().value(i).to_string(),
        DataType::Utf8View => array.as_string_view().value(i).to_string(),
        _ => ScalarValue::try_from_array(array, i)
            .map(|v| v.to_string())
            .unwrap_or_else(|e| format!("<{e}>")),
    }
}

/// Runs `sql` and returns all rows rendered.
pub async fn rows(ctx: &SessionContext, sql: &str) -> Result<Vec<Vec<String>>> {
    let batches: Vec<RecordBatch> = ctx.sql(sql).await?.collect().await?;
    let mut out = Vec::new();
    for b in batches {
        for r in 0..b.num_rows() {
            out.push(
                b.columns()
                    .iter()
                    .map(|c| render(c.as_ref(), r))
                    .collect(),
            );
        }
    }
    Ok(out)
}

/// `SELECT <expr>` → the single rendered value.
pub async fn eval(ctx: &SessionContext, expr: &str) -> Result<String> {
    let r = rows(ctx, &format!("SELECT {expr}")).await?;
    Ok(r.first()
        .and_then(|row| row.first())
        .cloned()
        .unwrap_or_else(|| "<no rows>".to_string()))
}

/// Runs `sql` expecting an error; returns it.
pub async fn err(ctx: &SessionContext, sql: &str) -> DataFusionError {
    match ctx.sql(sql).await {
        Err(e) => e,
        Ok(df) => match df.collect().await {
            Err(e) => e,
            Ok(_) => panic!("expected an error for: {sql}"),
        },
    }
}

/// Strips DataFusion's context wrappers.
pub fn root(e: &DataFusionError) -> &DataFusionError {
    match e {
        DataFusionError::Context(_, inner) => root(inner),
        DataFusionError::Shared(inner) => root(inner),
        other => other,
    }
}
