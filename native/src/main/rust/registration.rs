//! Registering data in a session: Arrow streams exported by Java, and deregistration.

use std::sync::Arc;

use datafusion::arrow::array::{make_array, Array, ArrayRef, RecordBatchReader, StructArray};
use datafusion::arrow::buffer::Buffer;
use datafusion::arrow::datatypes::DataType;
use datafusion::arrow::ffi_stream::{ArrowArrayStreamReader, FFI_ArrowArrayStream};
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::catalog::MemTable;
use jni::objects::{JClass, JString};
use jni::sys::{jboolean, jlong};
use jni::JNIEnv;

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support::{self, java_string, jni_call};
use crate::session::session;

/// Imports every batch of a C stream. Buffers are not copied: the batches keep the Java memory
/// alive until the table is dropped. Each batch is fully validated, because a malformed batch
/// (bad offsets, invalid UTF-8) would otherwise be read out of bounds by the engine later.
fn import_stream(stream: *mut FFI_ArrowArrayStream) -> EngineResult<(datafusion::arrow::datatypes::SchemaRef, Vec<RecordBatch>)> {
    // SAFETY: Java passes the address of an ArrowArrayStream it exported and no longer uses;
    // `from_raw` moves the stream out and leaves a released one behind.
    let reader = unsafe { ArrowArrayStreamReader::from_raw(stream) }.map_err(invalid_data)?;
    let schema = reader.schema();
    let mut batches = Vec::new();
    for batch in reader {
        let batch = zero_null_views(batch.map_err(invalid_data)?)?;
        StructArray::from(batch.clone()).to_data().validate_full().map_err(invalid_data)?;
        batches.push(batch);
    }
    Ok((schema, batches))
}

/// Arrow Java leaves the 16-byte views of null string/binary-view slots uninitialised, while
/// arrow-rs requires every view to be valid (kernels may read them). Such columns get a fresh
/// views buffer with null slots zeroed; their data buffers are still shared, not copied.
fn zero_null_views(batch: RecordBatch) -> EngineResult<RecordBatch> {
    let needs_fix = |column: &ArrayRef| {
        matches!(column.data_type(), DataType::Utf8View | DataType::BinaryView) && column.null_count() > 0
    };
    if !batch.columns().iter().any(needs_fix) {
        return Ok(batch);
    }
    let columns = batch
        .columns()
        .iter()
        .map(|column| {
            if !needs_fix(column) {
                return column.clone();
            }
            let data = column.to_data();
            let nulls = data.nulls().cloned();
            let views: Vec<u128> = data.buffer::<u128>(0)[..data.len()]
                .iter()
                .enumerate()
                .map(|(row, view)| if nulls.as_ref().is_some_and(|n| n.is_null(row)) { 0 } else { *view })
                .collect();
            let mut buffers = data.buffers().to_vec();
            buffers[0] = Buffer::from_vec(views);
            let fixed = data.into_builder().offset(0).buffers(buffers);
            // SAFETY: only the views of null slots changed, to the valid empty view; the result is
            // checked by `validate_full` before use.
            make_array(unsafe { fixed.build_unchecked() })
        })
        .collect();
    RecordBatch::try_new(batch.schema(), columns).map_err(invalid_data)
}

fn invalid_data(err: datafusion::arrow::error::ArrowError) -> EngineError {
    EngineError::new(ErrorCode::InvalidArrowData, format!("invalid Arrow data: {err}"))
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionRegisterStream(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
    stream_address: jlong,
) {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let name = java_string(env, &name)?;
        let stream = jni_support::address::<FFI_ArrowArrayStream>(stream_address, "ArrowArrayStream")?;
        let (schema, batches) = import_stream(stream)?;
        let table = MemTable::try_new(schema, vec![batches])?;
        context.register_table(name.as_str(), Arc::new(table))?;
        Ok(())
    })
}

/// Removes a table; returns whether one was registered under `name`.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionDeregister(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
) -> jboolean {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let name = java_string(env, &name)?;
        Ok(context.deregister_table(name.as_str())?.is_some() as jboolean)
    })
}
