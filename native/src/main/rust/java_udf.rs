//! Scalar functions written in Java, vectorised: each batch's arguments cross to Java once as an
//! Arrow C Data struct array and the result comes back the same way, without copying buffers.
//! Engine threads that call Java attach to the JVM once and stay attached.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use datafusion::arrow::array::{make_array, Array, RecordBatch, RecordBatchOptions, StructArray};
use datafusion::arrow::datatypes::{DataType, FieldRef, Schema};
use datafusion::arrow::ffi::{from_ffi, to_ffi, FFI_ArrowArray, FFI_ArrowSchema};
use datafusion::common::{DataFusionError, ScalarValue};
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature, Volatility,
};
use jni::objects::{GlobalRef, JClass, JObject, JStaticMethodID, JString};
use jni::signature::{Primitive, ReturnType};
use jni::sys::{jint, jlong, jvalue};
use jni::{JNIEnv, JavaVM};

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support::{self, java_string, jni_call};
use crate::session::session;

const DISPATCHER_CLASS: &str = "io/codeanatomy/udf/internal/JavaUdfDispatcher";
const DISPATCH_SIGNATURE: &str = "(Ljava/lang/Object;JJIJJ)V";

/// A registered Java function: the JVM, the Java dispatcher (resolved once, on the registering
/// thread, so class loaders other than the system one work), and the user's function object.
#[derive(Debug)]
struct JavaScalarUdf {
    name: String,
    signature: Signature,
    parameters: Vec<FieldRef>,
    result: FieldRef,
    vm: Arc<JavaVM>,
    dispatcher: Arc<GlobalRef>,
    dispatch: JStaticMethodID,
    function: Arc<GlobalRef>,
}

impl PartialEq for JavaScalarUdf {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && Arc::ptr_eq(&self.function, &other.function)
    }
}

impl Eq for JavaScalarUdf {}

impl Hash for JavaScalarUdf {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        Arc::as_ptr(&self.function).hash(state);
    }
}

impl ScalarUDFImpl for JavaScalarUdf {
    fn name(&self) -> &str {
        &self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> datafusion::error::Result<DataType> {
        Ok(self.result.data_type().clone())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> datafusion::error::Result<ColumnarValue> {
        self.call_java(args).map_err(|e| DataFusionError::External(Box::new(e)))
    }
}

impl JavaScalarUdf {
    /// Returns the Java result: `rows` values, or one value that stands for every row.
    fn call_java(&self, args: ScalarFunctionArgs) -> EngineResult<ColumnarValue> {
        let rows = args.number_rows;
        let arrays = args
            .args
            .iter()
            .map(|value| value.to_array(rows))
            .collect::<datafusion::error::Result<Vec<_>>>()?;
        let schema = Arc::new(Schema::new(self.parameters.clone()));
        let batch = RecordBatch::try_new_with_options(
            schema,
            arrays,
            &RecordBatchOptions::new().with_row_count(Some(rows)),
        )?;
        let (input_array, input_schema) = to_ffi(&StructArray::from(batch).to_data())?;
        let mut output_array = FFI_ArrowArray::empty();
        let mut output_schema = FFI_ArrowSchema::empty();

        // Attached once per engine thread, as a daemon: engine threads must never keep the JVM alive.
        let mut env = self.vm.attach_current_thread_as_daemon()?;
        let dispatcher = JClass::from(env.new_local_ref(self.dispatcher.as_obj())?);
        let arguments = [
            jvalue { l: self.function.as_obj().as_raw() },
            jvalue { j: &input_array as *const FFI_ArrowArray as jlong },
            jvalue { j: &input_schema as *const FFI_ArrowSchema as jlong },
            jvalue { i: rows as jint },
            jvalue { j: &mut output_array as *mut FFI_ArrowArray as jlong },
            jvalue { j: &mut output_schema as *mut FFI_ArrowSchema as jlong },
        ];
        // SAFETY: the method ID was resolved on this class with DISPATCH_SIGNATURE, which the
        // arguments match; the struct addresses stay valid for the call.
        let call = unsafe {
            env.call_static_method_unchecked(&dispatcher, self.dispatch, ReturnType::Primitive(Primitive::Void), &arguments)
        };
        env.delete_local_ref(dispatcher)?;
        if let Some(thrown) = jni_support::take_java_exception(&mut env, ErrorCode::UserFunction, |description| {
            format!("Java function '{}' failed: {description}", self.name)
        })? {
            return Err(thrown);
        }
        call?;
        // SAFETY: Java exported a valid array and schema into the two structs (or threw above).
        let data = unsafe { from_ffi(output_array, &output_schema) }?;
        let result = make_array(data);
        result.to_data().validate_full().map_err(|e| self.bad_result(format!("invalid Arrow data: {e}")))?;
        if result.data_type() != self.result.data_type() {
            return Err(self.bad_result(format!(
                "returned {} instead of the declared {}",
                result.data_type(),
                self.result.data_type()
            )));
        }
        match result.len() {
            length if length == rows => Ok(ColumnarValue::Array(result)),
            1 => Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&result, 0)?)),
            length => Err(self.bad_result(format!("returned {length} values for {rows} rows (expected {rows} or 1)"))),
        }
    }

    fn bad_result(&self, detail: String) -> EngineError {
        EngineError::new(ErrorCode::UserFunction, format!("Java function '{}' {detail}", self.name))
    }
}

fn import_schema(address: jlong) -> EngineResult<Schema> {
    let pointer = jni_support::address::<FFI_ArrowSchema>(address, "ArrowSchema")?;
    // SAFETY: Java exported a schema into this struct; taking it moves ownership here.
    let ffi = unsafe { FFI_ArrowSchema::from_raw(pointer) };
    Ok(Schema::try_from(&ffi)?)
}

/// Registers a Java scalar function in the session's catalog. `parameters` and `result` are
/// exported Arrow schemas (the result's has one field); `volatility` is 0 immutable, 1 stable,
/// 2 volatile.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_udf_internal_UdfNative_registerScalarFunction(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
    parameters: jlong,
    result: jlong,
    volatility: jint,
    function: JObject,
) {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let name = java_string(env, &name)?;
        let parameters = import_schema(parameters)?;
        let result = import_schema(result)?
            .fields()
            .first()
            .cloned()
            .ok_or_else(|| EngineError::invalid_argument("the result schema of a Java function needs one field"))?;
        let volatility = match volatility {
            0 => Volatility::Immutable,
            1 => Volatility::Stable,
            2 => Volatility::Volatile,
            other => return Err(EngineError::invalid_argument(format!("unknown volatility {other}"))),
        };
        let types = parameters.fields().iter().map(|f| f.data_type().clone()).collect();
        let dispatcher = env.find_class(DISPATCHER_CLASS)?;
        let dispatch = env.get_static_method_id(&dispatcher, "invoke", DISPATCH_SIGNATURE)?;
        let udf = JavaScalarUdf {
            signature: Signature::exact(types, volatility),
            parameters: parameters.fields().iter().cloned().collect(),
            result,
            vm: Arc::new(env.get_java_vm()?),
            dispatcher: Arc::new(env.new_global_ref(&dispatcher)?),
            dispatch,
            function: Arc::new(env.new_global_ref(&function)?),
            name,
        };
        let name = udf.name.clone();
        context.register_udf(ScalarUDF::new_from_impl(udf));
        codeanatomy_functions::record_external_function(context, &name);
        Ok(())
    })
}

/// The function catalog's registry snapshot as JSON.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_udf_internal_UdfNative_registrySnapshot(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
) -> jni::sys::jstring {
    jni_call(&mut env, |env| {
        let snapshot = codeanatomy_functions::registry_snapshot(session(session_handle)?);
        jni_support::new_java_string(env, &snapshot.to_json())
    })
}
