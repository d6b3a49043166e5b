//! The JNI boundary: panic containment, error translation, handles and string conversions.

use std::any::Any;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::sync::Arc;

use jni::objects::{JObject, JObjectArray, JString, JThrowable, JValue};
use jni::sys::{jboolean, jint, jlong, jobject, jobjectArray, jstring};
use jni::JNIEnv;

use crate::error::{EngineError, EngineResult, ErrorCode};

const EXCEPTION_CLASS: &str = "io/codeanatomy/core/error/CodeAnatomyException";
const FROM_NATIVE_SIGNATURE: &str =
    "(ILjava/lang/String;Ljava/lang/Throwable;)Lio/codeanatomy/core/error/CodeAnatomyException;";

/// The value a JNI function returns when it has thrown (Java ignores it).
pub trait ThrownValue {
    fn thrown() -> Self;
}

impl ThrownValue for () {
    fn thrown() {}
}
impl ThrownValue for jlong {
    fn thrown() -> Self {
        0
    }
}
impl ThrownValue for jint {
    fn thrown() -> Self {
        0
    }
}
impl ThrownValue for jboolean {
    fn thrown() -> Self {
        0
    }
}
impl ThrownValue for jobject {
    fn thrown() -> Self {
        std::ptr::null_mut()
    }
}

/// Runs a JNI entry point: a panic becomes `NativePanicException`, an error the typed exception
/// for its code. Nothing unwinds into the JVM.
pub fn jni_call<'local, R, F>(env: &mut JNIEnv<'local>, body: F) -> R
where
    R: ThrownValue,
    F: FnOnce(&mut JNIEnv<'local>) -> EngineResult<R>,
{
    let outcome = catch_unwind(AssertUnwindSafe(|| body(env)));
    match outcome {
        Ok(Ok(value)) => value,
        Ok(Err(err)) => {
            throw(env, &err);
            R::thrown()
        }
        Err(payload) => {
            throw(env, &panic_error(payload.as_ref()));
            R::thrown()
        }
    }
}

pub fn panic_error(payload: &(dyn Any + Send)) -> EngineError {
    let detail = payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "unknown panic payload".to_string());
    EngineError::new(ErrorCode::NativePanic, format!("native engine panicked: {detail}"))
}

fn throw(env: &mut JNIEnv, err: &EngineError) {
    // A Java exception raised by a callback (a Java UDF, an exported stream) stays the one thrown.
    if env.exception_check().unwrap_or(true) {
        return;
    }
    if let Ok(exception) = typed_exception(env, err) {
        if env.throw(exception).is_ok() {
            return;
        }
    }
    let _ = env.exception_clear();
    let _ = env.throw_new("java/lang/IllegalStateException", err.message.as_str());
}

/// The typed Java exception for `err` (via `CodeAnatomyException.fromNative`), with the Java
/// exception that caused it, if any, as its cause.
pub fn typed_exception<'local>(env: &mut JNIEnv<'local>, err: &EngineError) -> jni::errors::Result<JThrowable<'local>> {
    let message = env.new_string(&err.message)?;
    let null = JObject::null();
    let cause = err.java_cause.as_ref().map_or(&null, |cause| cause.as_obj());
    let value = env.call_static_method(
        EXCEPTION_CLASS,
        "fromNative",
        FROM_NATIVE_SIGNATURE,
        &[JValue::Int(err.code as jint), JValue::Object(&message), JValue::Object(cause)],
    )?;
    Ok(JThrowable::from(value.l()?))
}

/// After a call into Java: the exception it threw, cleared and turned into an error with code
/// `code`, the message `describe` makes from the exception's text, and the exception as cause.
pub fn take_java_exception(
    env: &mut JNIEnv,
    code: ErrorCode,
    describe: impl FnOnce(&str) -> String,
) -> EngineResult<Option<EngineError>> {
    if !env.exception_check()? {
        return Ok(None);
    }
    let thrown = env.exception_occurred()?;
    env.exception_clear()?;
    // The string is deleted at once: engine threads stay attached, so their local references
    // would otherwise live as long as the thread.
    let text = env
        .call_method(&thrown, "toString", "()Ljava/lang/String;", &[])
        .and_then(|value| value.l())
        .and_then(|object| {
            let string = JString::from(object);
            let text = env.get_string(&string).map(String::from);
            env.delete_local_ref(string)?;
            text
        })
        .unwrap_or_else(|_| "a Java exception".to_string());
    if env.exception_check()? {
        env.exception_clear()?; // toString itself threw
    }
    let cause = env.new_global_ref(&thrown)?;
    env.delete_local_ref(thrown)?;
    Ok(Some(EngineError { code, message: describe(&text), java_cause: Some(Arc::new(cause)) }))
}

impl From<jni::errors::Error> for EngineError {
    fn from(err: jni::errors::Error) -> Self {
        EngineError::new(ErrorCode::Internal, format!("JNI failure: {err}"))
    }
}

/// Moves `value` to the heap and returns its address as a Java `long` handle.
pub fn into_handle<T>(value: T) -> jlong {
    Box::into_raw(Box::new(value)) as jlong
}

/// Borrows the value behind a handle made by [`into_handle`] for the same `T`.
///
/// # Safety
/// `handle` must come from `into_handle::<T>` and not yet be freed; the Java side guarantees this
/// by holding its handle's read lock for the duration of every call and freeing under the write lock.
pub unsafe fn handle_ref<'a, T>(handle: jlong) -> EngineResult<&'a T> {
    if handle == 0 {
        return Err(EngineError::new(ErrorCode::ResourceClosed, "native handle is closed"));
    }
    Ok(&*(handle as *const T))
}

/// Frees a handle made by [`into_handle`].
///
/// # Safety
/// As for [`handle_ref`]; the handle must not be used afterwards.
pub unsafe fn free_handle<T>(handle: jlong) {
    if handle != 0 {
        drop(Box::from_raw(handle as *mut T));
    }
}

pub fn java_string(env: &mut JNIEnv, value: &JString) -> EngineResult<String> {
    if value.is_null() {
        return Err(EngineError::invalid_argument("a required string argument is null"));
    }
    Ok(env.get_string(value)?.into())
}

pub fn optional_java_string(env: &mut JNIEnv, value: &JString) -> EngineResult<Option<String>> {
    if value.is_null() {
        Ok(None)
    } else {
        java_string(env, value).map(Some)
    }
}

pub fn java_string_array(env: &mut JNIEnv, array: &JObjectArray) -> EngineResult<Vec<String>> {
    if array.is_null() {
        return Err(EngineError::invalid_argument("a required string array argument is null"));
    }
    let length = env.get_array_length(array)?;
    let mut values = Vec::with_capacity(length as usize);
    for index in 0..length {
        let element = JString::from(env.get_object_array_element(array, index)?);
        values.push(java_string(env, &element)?);
        env.delete_local_ref(element)?;
    }
    Ok(values)
}

pub fn new_java_string(env: &mut JNIEnv, value: &str) -> EngineResult<jstring> {
    Ok(env.new_string(value)?.into_raw())
}

pub fn new_java_string_array<S: AsRef<str>>(env: &mut JNIEnv, values: &[S]) -> EngineResult<jobjectArray> {
    let array = env.new_object_array(values.len() as jint, "java/lang/String", JObject::null())?;
    for (index, value) in values.iter().enumerate() {
        let element = env.new_string(value.as_ref())?;
        env.set_object_array_element(&array, index as jint, &element)?;
        env.delete_local_ref(element)?;
    }
    Ok(array.into_raw())
}

/// A non-null native address handed over by Java (an Arrow C struct it allocated).
pub fn address<T>(address: jlong, what: &str) -> EngineResult<*mut T> {
    if address == 0 {
        return Err(EngineError::invalid_argument(format!("{what} address is null")));
    }
    Ok(address as *mut T)
}
