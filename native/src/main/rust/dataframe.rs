//! JNI entry points of `NativeBridge` for DataFrames: transformations over SQL expression strings
//! (parsed against the frame's schema and the session's function catalog), schema, explain and
//! execution as an Arrow C Stream.

use datafusion::arrow::ffi::FFI_ArrowSchema;
use datafusion::arrow::ffi_stream::FFI_ArrowArrayStream;
use datafusion::common::{DFSchema, JoinType};
use datafusion::common::tree_node::TreeNode;
use datafusion::logical_expr::{Expr, ExprSchemable, SortExpr};
use datafusion::physical_plan::{displayable, execute_stream};
use datafusion::prelude::DataFrame;
use datafusion::sql::sqlparser::dialect::GenericDialect;
use datafusion::sql::sqlparser::parser::Parser;
use datafusion::sql::sqlparser::tokenizer::Token;
use jni::objects::{JClass, JObjectArray, JString};
use jni::sys::{jboolean, jint, jlong, jobjectArray};
use jni::JNIEnv;

use crate::error::{EngineError, EngineResult};
use crate::jni_support::{self, handle_ref, java_string, java_string_array, jni_call, optional_java_string};
use crate::{runtime, session, stream};

fn frame<'a>(handle: jlong) -> EngineResult<&'a DataFrame> {
    unsafe { handle_ref::<DataFrame>(handle) }
}

fn parse(frame: &DataFrame, sql: &str) -> EngineResult<Expr> {
    Ok(frame.parse_sql_expr(sql)?)
}

fn parse_all(frame: &DataFrame, sql: &[String]) -> EngineResult<Vec<Expr>> {
    sql.iter().map(|s| parse(frame, s)).collect()
}

/// Parses `expr [ASC|DESC] [NULLS FIRST|LAST]` with DataFusion's own SQL parser.
fn parse_sort(frame: &DataFrame, sql: &str) -> EngineResult<SortExpr> {
    let order = Parser::new(&GenericDialect {})
        .try_with_sql(sql)
        .and_then(|mut parser| {
            let order = parser.parse_order_by_expr()?;
            parser.expect_token(&Token::EOF)?;
            Ok(order)
        })
        .map_err(|e| EngineError::from(datafusion::error::DataFusionError::SQL(Box::new(e), None)))?;
    let asc = order.options.asc.unwrap_or(true);
    // SQL's default: NULLS LAST for ascending, NULLS FIRST for descending.
    let nulls_first = order.options.nulls_first.unwrap_or(!asc);
    Ok(parse(frame, &order.expr.to_string())?.sort(asc, nulls_first))
}

fn join_type(code: jint) -> EngineResult<JoinType> {
    // Ordinals of io.codeanatomy.engine.JoinType.
    Ok(match code {
        0 => JoinType::Inner,
        1 => JoinType::Left,
        2 => JoinType::Right,
        3 => JoinType::Full,
        4 => JoinType::LeftSemi,
        5 => JoinType::LeftAnti,
        6 => JoinType::RightSemi,
        7 => JoinType::RightAnti,
        other => return Err(EngineError::invalid_argument(format!("unknown join type ordinal {other}"))),
    })
}

/// The frame's plan over the session's current state. A DataFrame keeps the state it was made
/// with, so without this a function created (or a setting changed) after the frame would not be
/// seen by its transformations, although `sql()` sees it.
fn rebased(session_handle: jlong, df: &DataFrame) -> EngineResult<DataFrame> {
    Ok(DataFrame::new(session::session(session_handle)?.state(), df.logical_plan().clone()))
}

/// Runs a transformation on the frame rebased on the session's current state (frames are
/// immutable values) and returns the new frame's handle.
fn transform<'local>(
    env: &mut JNIEnv<'local>,
    session: jlong,
    handle: jlong,
    build: impl FnOnce(&mut JNIEnv<'local>, &DataFrame) -> EngineResult<DataFrame>,
) -> jlong {
    jni_call(env, |env| {
        let source = rebased(session, frame(handle)?)?;
        let result = build(env, &source)?;
        Ok(jni_support::into_handle(result))
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeSelect(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    exprs: JObjectArray,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let exprs = parse_all(df, &java_string_array(env, &exprs)?)?;
        Ok(df.clone().select(exprs)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeFilter(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    predicate: JString,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let predicate = parse(df, &java_string(env, &predicate)?)?;
        Ok(df.clone().filter(predicate)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeAggregate(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    group_by: JObjectArray,
    aggregates: JObjectArray,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let group_by = parse_all(df, &java_string_array(env, &group_by)?)?;
        let aggregates = parse_all(df, &java_string_array(env, &aggregates)?)?;
        Ok(df.clone().aggregate(group_by, aggregates)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeSort(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    keys: JObjectArray,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let keys = java_string_array(env, &keys)?
            .iter()
            .map(|key| parse_sort(df, key))
            .collect::<EngineResult<Vec<_>>>()?;
        Ok(df.clone().sort(keys)?)
    })
}

/// `fetch < 0` means no limit.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeLimit(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    skip: jlong,
    fetch: jlong,
) -> jlong {
    transform(&mut env, session, handle, |_, df| {
        let skip = usize::try_from(skip).map_err(|_| EngineError::invalid_argument("limit skip must be >= 0"))?;
        let fetch = usize::try_from(fetch).ok();
        Ok(df.clone().limit(skip, fetch)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeWithColumn(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    name: JString,
    expr: JString,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let name = java_string(env, &name)?;
        let expr = parse(df, &java_string(env, &expr)?)?;
        Ok(df.clone().with_column(&name, expr)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeAlias(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    alias: JString,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let alias = java_string(env, &alias)?;
        Ok(df.clone().alias(&alias)?)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeUnion(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    other: jlong,
    distinct: jboolean,
) -> jlong {
    transform(&mut env, session, handle, |_, df| {
        let other = frame(other)?.clone();
        Ok(if distinct != 0 { df.clone().union_distinct(other)? } else { df.clone().union(other)? })
    })
}

/// Equi-join on column lists, with an optional extra predicate over both sides.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeJoin(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    other: jlong,
    join_type_code: jint,
    left_columns: JObjectArray,
    right_columns: JObjectArray,
    filter: JString,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let right = frame(other)?.clone();
        let left_columns = java_string_array(env, &left_columns)?;
        let right_columns = java_string_array(env, &right_columns)?;
        if left_columns.len() != right_columns.len() {
            return Err(EngineError::invalid_argument(format!(
                "join needs as many left columns as right columns, got {} and {}",
                left_columns.len(),
                right_columns.len()
            )));
        }
        let filter = match optional_java_string(env, &filter)? {
            Some(sql) => Some(parse_over_both(df, &right, &sql)?),
            None => None,
        };
        let left_refs: Vec<&str> = left_columns.iter().map(String::as_str).collect();
        let right_refs: Vec<&str> = right_columns.iter().map(String::as_str).collect();
        Ok(df.clone().join(right, join_type(join_type_code)?, &left_refs, &right_refs, filter)?)
    })
}

/// Join on an arbitrary predicate over both sides (equalities become hash-join keys).
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeJoinOn(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    other: jlong,
    join_type_code: jint,
    on: JString,
) -> jlong {
    transform(&mut env, session, handle, |env, df| {
        let right = frame(other)?.clone();
        let on = parse_over_both(df, &right, &java_string(env, &on)?)?;
        Ok(df.clone().join_on(right, join_type(join_type_code)?, [on])?)
    })
}

fn parse_over_both(left: &DataFrame, right: &DataFrame, sql: &str) -> EngineResult<Expr> {
    let mut both: DFSchema = left.schema().clone();
    both.merge(right.schema());
    let (state, _) = left.clone().into_parts();
    Ok(state.create_logical_expr(sql, &both)?)
}

/// Exports the frame's Arrow schema into a Java-allocated `ArrowSchema` struct.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeSchema(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    schema_address: jlong,
) {
    jni_call(&mut env, |_| {
        let df = frame(handle)?;
        let out = jni_support::address::<FFI_ArrowSchema>(schema_address, "ArrowSchema")?;
        let exported = FFI_ArrowSchema::try_from(df.schema().as_arrow())?;
        // SAFETY: `out` is an uninitialised ArrowSchema struct allocated by Java.
        unsafe { std::ptr::write(out, exported) };
        Ok(())
    })
}

/// `[logical, optimized logical, physical]` plans as indented text.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeExplain(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
) -> jobjectArray {
    jni_call(&mut env, |env| {
        let df = frame(handle)?.clone();
        let logical = df.logical_plan().display_indent_schema().to_string();
        let optimized = df.clone().into_optimized_plan()?.display_indent_schema().to_string();
        let physical = runtime::block_on(df.create_physical_plan())??;
        let physical = displayable(physical.as_ref()).indent(true).to_string();
        jni_support::new_java_string_array(env, &[logical, optimized, physical])
    })
}

/// Starts the query and exports its results as an Arrow C Stream into the Java-allocated struct;
/// returns the stream's control handle.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeExecute(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
    stream_address: jlong,
) -> jlong {
    jni_call(&mut env, |_| {
        let df = frame(handle)?.clone();
        let out = jni_support::address::<FFI_ArrowArrayStream>(stream_address, "ArrowArrayStream")?;
        let task_context = std::sync::Arc::new(df.task_ctx());
        let plan = runtime::block_on(df.create_physical_plan())??;
        let results = {
            let _guard = runtime::get()?.enter();
            execute_stream(plan.clone(), task_context)?
        };
        Ok(stream::export(results, plan, out))
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeCount(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
) -> jlong {
    jni_call(&mut env, |_| {
        let df = frame(handle)?.clone();
        Ok(runtime::block_on(df.count())?? as jlong)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeFree(
    mut env: JNIEnv,
    _class: JClass,
    handle: jlong,
) {
    jni_call(&mut env, |_| {
        unsafe { jni_support::free_handle::<DataFrame>(handle) };
        Ok(())
    })
}

/// Parses one SQL expression against the frame and describes it: `[display text, "true"/"false"
/// for whether it contains a subquery, referenced column names…]`, with its result type written as
/// a one-field schema into `schema_address`. Lets callers vet user expressions (constraints,
/// predicates) before running them.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_dataframeDescribeExpression(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
    handle: jlong,
    sql: JString,
    schema_address: jlong,
) -> jobjectArray {
    jni_call(&mut env, |env| {
        let df = &rebased(session, frame(handle)?)?;
        let out = jni_support::address::<FFI_ArrowSchema>(schema_address, "ArrowSchema")?;
        let expr = parse(df, &java_string(env, &sql)?)?;
        let contains_subquery = expr.exists(|e| {
            Ok(matches!(e, Expr::ScalarSubquery(_) | Expr::InSubquery(_) | Expr::Exists(_)))
        })?;
        let (_, result) = expr.to_field(df.schema())?;
        let field = result.as_ref().clone().with_name("expression");
        let schema = datafusion::arrow::datatypes::Schema::new(vec![field]);
        let exported = FFI_ArrowSchema::try_from(&schema)?;
        // SAFETY: `out` is an uninitialised ArrowSchema struct allocated by Java.
        unsafe { std::ptr::write(out, exported) };
        let mut columns: Vec<String> = expr.column_refs().into_iter().map(|c| c.name.clone()).collect();
        columns.sort();
        columns.dedup();
        let mut description = vec![expr.to_string(), contains_subquery.to_string()];
        description.extend(columns);
        jni_support::new_java_string_array(env, &description)
    })
}
