//! JNI entry points of `io.codeanatomy.engine.internal.DeltaNative`.

use std::sync::Arc;

use datafusion::arrow::array::{Array, StructArray};
use datafusion::arrow::datatypes::{Schema, SchemaRef};
use datafusion::arrow::ffi::FFI_ArrowSchema;
use datafusion::arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use datafusion::datasource::TableProvider;
use datafusion::logical_expr::{DdlStatement, LogicalPlan, LogicalPlanBuilder};
use datafusion::prelude::DataFrame;
use futures::StreamExt;
use jni::objects::{JClass, JObject, JString};
use jni::sys::{jlong, jobject, jstring};
use jni::JNIEnv;

use super::planner::JavaFilePlanner;
use super::provider::PinnedDeltaTable;
use super::writer::{self, TableWriter, WriteOptions, WrittenFile};
use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support::{self, handle_ref, java_string, jni_call};
use crate::runtime;
use crate::session::session;

/// Takes ownership of an `ArrowSchema` Java exported (leaving a released struct behind).
fn import_schema(address: jlong) -> EngineResult<SchemaRef> {
    let pointer = jni_support::address::<FFI_ArrowSchema>(address, "ArrowSchema")?;
    // SAFETY: Java passes an exported ArrowSchema it no longer uses; replacing it with an empty
    // one moves ownership here, and dropping `exported` releases it.
    let exported = unsafe { std::ptr::replace(pointer, FFI_ArrowSchema::empty()) };
    Ok(Arc::new(Schema::try_from(&exported)?))
}

/// Registers a provider over a pinned Delta file list (see [`PinnedDeltaTable::try_new`]),
/// replacing any table of that name. `physical_schema_address` is 0 without column mapping;
/// `planner` (a `DeltaFilePlanner`, or null) plans each scan's files for its filters.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_registerPinnedTable(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
    schema_address: jlong,
    physical_schema_address: jlong,
    spec: JString,
    planner: JObject,
) {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let name = java_string(env, &name)?;
        let spec = java_string(env, &spec)?;
        let schema = import_schema(schema_address)?;
        let physical_schema = match physical_schema_address {
            0 => None,
            address => Some(import_schema(address)?),
        };
        let planner = if planner.is_null() { None } else { Some(JavaFilePlanner::new(env, &planner)?) };
        let table = PinnedDeltaTable::try_new(&schema, physical_schema.as_deref(), &spec, planner)?;
        context.deregister_table(name.as_str())?;
        context.register_table(name.as_str(), Arc::new(table))?;
        Ok(())
    })
}

/// Executes the frame and writes its rows as data files of the table; every output partition of
/// the plan is written by its own writer, in parallel. Returns the written files as JSON.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_writeFrame(
    mut env: JNIEnv,
    _class: JClass,
    frame_handle: jlong,
    schema_address: jlong,
    spec: JString,
) -> jstring {
    jni_call(&mut env, |env| {
        let frame = unsafe { handle_ref::<DataFrame>(frame_handle) }?.clone();
        let options = Arc::new(WriteOptions::parse(&java_string(env, &spec)?)?);
        let target = import_schema(schema_address)?;
        let files = runtime::block_on(write_partitions(frame, options, target))??;
        jni_support::new_java_string(env, &writer::result_json(&files))
    })
}

async fn write_partitions(frame: DataFrame, options: Arc<WriteOptions>, target: SchemaRef) -> EngineResult<Vec<WrittenFile>> {
    let streams = frame.execute_stream_partitioned().await?;
    let mut tasks = Vec::with_capacity(streams.len());
    for (writer_id, mut stream) in streams.into_iter().enumerate() {
        let mut table_writer = TableWriter::new(options.clone(), target.clone(), writer_id)?;
        tasks.push(tokio::spawn(async move {
            while let Some(batch) = stream.next().await {
                table_writer.write(&batch?)?;
            }
            table_writer.finish()
        }));
    }
    let mut files = Vec::new();
    for task in futures::future::join_all(tasks).await {
        let written = task.map_err(|e| EngineError::new(ErrorCode::Execution, format!("Delta writer task failed: {e}")))?;
        files.extend(written?);
    }
    Ok(files)
}

/// Reads an Arrow C stream Java exported to its end and writes it as data files of the table.
/// Returns the written files as JSON.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_writeStream(
    mut env: JNIEnv,
    _class: JClass,
    stream_address: jlong,
    schema_address: jlong,
    spec: JString,
) -> jstring {
    jni_call(&mut env, |env| {
        let options = Arc::new(WriteOptions::parse(&java_string(env, &spec)?)?);
        let target = import_schema(schema_address)?;
        let stream = jni_support::address::<FFI_ArrowArrayStream>(stream_address, "ArrowArrayStream")?;
        // SAFETY: Java passes an exported stream it no longer uses; `from_raw` moves it out.
        let reader = unsafe { ArrowArrayStreamReader::from_raw(stream) }
            .map_err(|e| EngineError::new(ErrorCode::InvalidArrowData, format!("invalid Arrow stream: {e}")))?;
        let mut table_writer = TableWriter::new(options, target, 0)?;
        for batch in reader {
            let invalid = |e: datafusion::arrow::error::ArrowError| {
                EngineError::new(ErrorCode::InvalidArrowData, format!("invalid Arrow data: {e}"))
            };
            let batch = batch.map_err(invalid)?;
            // Malformed buffers (bad offsets, invalid UTF-8) would be read out of bounds below.
            StructArray::from(batch.clone()).to_data().validate_full().map_err(invalid)?;
            table_writer.write(&batch)?;
        }
        let files = table_writer.finish()?;
        jni_support::new_java_string(env, &writer::result_json(&files))
    })
}

/// What a registered name stands for, as JSON: `null` when the session has no such table,
/// `{"delta": true, "table_root": …}` for a table registered by `registerPinnedTable`, and
/// `{"delta": false}` for any other table. Lets Java tell whether a name it registered as a Delta
/// table still is one (it may have been dropped or replaced by plain SQL since).
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_describeTable(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
) -> jstring {
    jni_call(&mut env, |env| {
        let Some(provider) = registered_table(env, session_handle, &name)? else {
            return Ok(std::ptr::null_mut());
        };
        let description = match provider.downcast_ref::<PinnedDeltaTable>() {
            Some(table) => serde_json::json!({ "delta": true, "table_root": table.table_root() }),
            None => serde_json::json!({ "delta": false }),
        };
        jni_support::new_java_string(env, &description.to_string())
    })
}

/// The table the session has under `name`, if any.
fn registered_table(env: &mut JNIEnv, session_handle: jlong, name: &JString) -> EngineResult<Option<Arc<dyn TableProvider>>> {
    let context = session(session_handle)?;
    let name = java_string(env, name)?;
    if !context.table_exist(name.as_str())? {
        return Ok(None);
    }
    Ok(Some(runtime::block_on(context.table_provider(name.as_str()))??))
}

/// The planner object `registerPinnedTable` was given for `name`, or null when the session has no
/// such table, it is not a Delta table registered so, or it was registered without a planner.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_registeredPlanner(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
) -> jobject {
    jni_call(&mut env, |env| {
        let provider = registered_table(env, session_handle, &name)?;
        match provider.as_ref().and_then(|p| p.downcast_ref::<PinnedDeltaTable>()).and_then(PinnedDeltaTable::planner) {
            Some(planner) => Ok(env.new_local_ref(planner.object().as_obj())?.into_raw()),
            None => Ok(std::ptr::null_mut()),
        }
    })
}

/// Plans (without running) one `CREATE EXTERNAL TABLE` statement and writes the columns it
/// declares, with DataFusion's SQL type mapping, into the ArrowSchema Java allocated at
/// `schema_address`. A statement without a column list yields an empty schema.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_declaredSchema(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    sql: JString,
    schema_address: jlong,
) {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let sql = java_string(env, &sql)?;
        let out = jni_support::address::<FFI_ArrowSchema>(schema_address, "ArrowSchema")?;
        let state = context.state();
        let dialect = state.config().options().sql_parser.dialect;
        let statement = state.sql_to_statement(&sql, &dialect)?;
        let plan = runtime::block_on(state.statement_to_plan(statement))??;
        let LogicalPlan::Ddl(DdlStatement::CreateExternalTable(create)) = plan else {
            return Err(EngineError::invalid_argument("expected one CREATE EXTERNAL TABLE statement"));
        };
        let exported = FFI_ArrowSchema::try_from(create.schema.as_arrow())?;
        // SAFETY: `out` is an uninitialised ArrowSchema struct allocated by Java.
        unsafe { std::ptr::write(out, exported) };
        Ok(())
    })
}

/// A frame with no columns and no rows: the result of a DDL statement, as DataFusion returns it.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_DeltaNative_emptyFrame(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
) -> jlong {
    jni_call(&mut env, |_| {
        let context = session(session_handle)?;
        let plan = LogicalPlanBuilder::empty(false).build()?;
        Ok(jni_support::into_handle(DataFrame::new(context.state(), plan)))
    })
}
