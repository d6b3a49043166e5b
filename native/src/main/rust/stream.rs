//! Query results as an Arrow C Stream: batches are pulled by the Java consumer thread as the engine
//! produces them; closing the stream or cancelling it stops the native query.

use std::collections::HashSet;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::{Arc, Mutex};

use datafusion::arrow::array::RecordBatchReader;
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::error::ArrowError;
use datafusion::arrow::ffi_stream::FFI_ArrowArrayStream;
use datafusion::arrow::record_batch::RecordBatch;
use datafusion::physical_plan::metrics::MetricValue;
use datafusion::physical_plan::{ExecutionPlan, SendableRecordBatchStream};
use futures::StreamExt;
use jni::objects::JClass;
use jni::sys::{jlong, jobject};
use jni::JNIEnv;
use tokio_util::sync::CancellationToken;

use crate::error::{EngineError, EngineResult};
use crate::jni_support::{self, handle_ref, jni_call};
use crate::runtime;

/// Shared between the exported stream and the Java-side handle: cancellation, the typed error the
/// stream failed with (the C interface only carries text), and the plan for its metrics.
pub struct StreamControl {
    cancel: CancellationToken,
    failure: Mutex<Option<EngineError>>,
    plan: Arc<dyn ExecutionPlan>,
}

impl StreamControl {
    fn record_failure(&self, err: &EngineError) {
        if let Ok(mut failure) = self.failure.lock() {
            failure.get_or_insert_with(|| err.clone());
        }
    }

    fn failure(&self) -> Option<EngineError> {
        self.failure.lock().ok().and_then(|f| f.clone())
    }
}

struct QueryReader {
    schema: SchemaRef,
    stream: Option<SendableRecordBatchStream>,
    control: Arc<StreamControl>,
}

impl QueryReader {
    fn next_batch(&mut self) -> EngineResult<Option<RecordBatch>> {
        let Some(stream) = self.stream.as_mut() else {
            return Ok(None);
        };
        let cancel = self.control.cancel.clone();
        let next = runtime::block_on(async {
            tokio::select! {
                biased;
                _ = cancel.cancelled() => Some(Err(EngineError::cancelled())),
                next = stream.next() => next.map(|r| r.map_err(EngineError::from)),
            }
        })?;
        next.transpose()
    }

    fn finish(&mut self) {
        if let Some(stream) = self.stream.take() {
            // Dropping the stream aborts its tasks; do it inside the runtime context they belong to.
            if let Ok(runtime) = runtime::get() {
                let _guard = runtime.enter();
                drop(stream);
            }
        }
    }
}

impl Iterator for QueryReader {
    type Item = Result<RecordBatch, ArrowError>;

    /// Called from the C interface's `get_next`: a panic must not unwind across it.
    fn next(&mut self) -> Option<Self::Item> {
        let outcome = catch_unwind(AssertUnwindSafe(|| self.next_batch()))
            .unwrap_or_else(|payload| Err(jni_support::panic_error(payload.as_ref())));
        match outcome {
            Ok(Some(batch)) => Some(Ok(batch)),
            Ok(None) => {
                self.finish();
                None
            }
            Err(err) => {
                self.control.record_failure(&err);
                self.finish();
                Some(Err(ArrowError::ExternalError(Box::new(err))))
            }
        }
    }
}

impl RecordBatchReader for QueryReader {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }
}

impl Drop for QueryReader {
    fn drop(&mut self) {
        self.finish();
    }
}

/// Writes `stream` as an Arrow C Stream into the Java-allocated struct at `out` and returns the
/// control handle Java keeps for cancellation and error details.
pub fn export(
    stream: SendableRecordBatchStream,
    plan: Arc<dyn ExecutionPlan>,
    out: *mut FFI_ArrowArrayStream,
) -> jlong {
    let control = Arc::new(StreamControl {
        cancel: CancellationToken::new(),
        failure: Mutex::new(None),
        plan,
    });
    let reader = QueryReader { schema: stream.schema(), stream: Some(stream), control: control.clone() };
    // SAFETY: `out` points at an ArrowArrayStream struct Java allocated and has not initialised;
    // `write` does not drop the (uninitialised) previous contents.
    unsafe { std::ptr::write(out, FFI_ArrowArrayStream::new(Box::new(reader))) };
    jni_support::into_handle(control)
}

/// What a query's scans read, from the Parquet operators' metrics: distinct files opened (each has
/// its own `filename`-labelled metrics) and row groups that survived pruning and were read.
fn scan_metrics(plan: &Arc<dyn ExecutionPlan>, files: &mut HashSet<String>, row_groups: &mut usize) {
    if let Some(metrics) = plan.metrics() {
        for metric in metrics.iter() {
            match metric.value() {
                MetricValue::Count { name, .. } if name == "bytes_scanned" => {
                    if let Some(label) = metric.labels().iter().find(|l| l.name() == "filename") {
                        files.insert(label.value().to_string());
                    }
                }
                MetricValue::PruningMetrics { name, pruning_metrics } if name == "row_groups_pruned_statistics" => {
                    *row_groups += pruning_metrics.matched();
                }
                _ => {}
            }
        }
    }
    for child in plan.children() {
        scan_metrics(child, files, row_groups);
    }
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_streamCancel(
    mut env: JNIEnv,
    _class: JClass,
    control: jlong,
) {
    jni_call(&mut env, |_| {
        unsafe { handle_ref::<Arc<StreamControl>>(control)? }.cancel.cancel();
        Ok(())
    })
}

/// The typed exception the stream failed with (its Java cause attached), or null.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_streamFailure(
    mut env: JNIEnv,
    _class: JClass,
    control: jlong,
) -> jobject {
    jni_call(&mut env, |env| {
        let control = unsafe { handle_ref::<Arc<StreamControl>>(control)? };
        match control.failure() {
            Some(err) => Ok(jni_support::typed_exception(env, &err)?.into_raw()),
            None => Ok(std::ptr::null_mut()),
        }
    })
}

/// `[rows output by the plan, Parquet files read, row groups read]`, valid once the stream ended.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_streamScanMetrics(
    mut env: JNIEnv,
    _class: JClass,
    control: jlong,
) -> jni::sys::jlongArray {
    jni_call(&mut env, |env| {
        let control = unsafe { handle_ref::<Arc<StreamControl>>(control)? };
        let plan = &control.plan;
        let mut files = HashSet::new();
        let mut row_groups = 0;
        scan_metrics(plan, &mut files, &mut row_groups);
        let output_rows = plan.metrics().and_then(|m| m.output_rows()).unwrap_or(0);
        let values = [output_rows as jlong, files.len() as jlong, row_groups as jlong];
        let array = env.new_long_array(values.len() as i32)?;
        env.set_long_array_region(&array, 0, &values)?;
        Ok(array.into_raw())
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_streamFree(
    mut env: JNIEnv,
    _class: JClass,
    control: jlong,
) {
    jni_call(&mut env, |_| {
        unsafe { jni_support::free_handle::<Arc<StreamControl>>(control) };
        Ok(())
    })
}
