//! JNI entry points of `NativeBridge` for the runtime and sessions.

use datafusion::prelude::{DataFrame, SessionContext};
use jni::objects::{JClass, JString};
use jni::sys::{jint, jlong, jobjectArray};
use jni::JNIEnv;

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support::{self, handle_ref, java_string, jni_call};
use crate::{profile, runtime};

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_runtimeInit(
    mut env: JNIEnv,
    _class: JClass,
    worker_threads: jint,
) {
    jni_call(&mut env, |_| {
        let threads = usize::try_from(worker_threads)
            .map_err(|_| EngineError::new(ErrorCode::Configuration, "runtime worker threads must be >= 0"))?;
        runtime::init(threads).map(|_| ())
    })
}

/// The DataFusion version this library was built with.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_datafusionVersion(
    mut env: JNIEnv,
    _class: JClass,
) -> jni::sys::jstring {
    jni_call(&mut env, |env| jni_support::new_java_string(env, datafusion::DATAFUSION_VERSION))
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionCreate(
    mut env: JNIEnv,
    _class: JClass,
    profile_json: JString,
) -> jlong {
    jni_call(&mut env, |env| {
        let profile_json = java_string(env, &profile_json)?;
        let context = profile::build_context(&profile_json)?;
        Ok(jni_support::into_handle(context))
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionFree(
    mut env: JNIEnv,
    _class: JClass,
    session: jlong,
) {
    jni_call(&mut env, |_| {
        unsafe { jni_support::free_handle::<SessionContext>(session) };
        Ok(())
    })
}

pub fn session<'a>(handle: jlong) -> EngineResult<&'a SessionContext> {
    unsafe { handle_ref::<SessionContext>(handle) }
}

/// Plans `sql`; DDL and `SET` statements take effect here, as in DataFusion.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionSql(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    sql: JString,
) -> jlong {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let sql = java_string(env, &sql)?;
        let frame: DataFrame = runtime::block_on(async {
            match crate::information_schema::plan(context, &sql).await? {
                Some(frame) => Ok(frame),
                None => context.sql(&sql).await.map_err(EngineError::from),
            }
        })??;
        Ok(jni_support::into_handle(frame))
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionTable(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    name: JString,
) -> jlong {
    jni_call(&mut env, |env| {
        let context = session(session_handle)?;
        let name = java_string(env, &name)?;
        let frame = runtime::block_on(context.table(name.as_str()))??;
        Ok(jni_support::into_handle(frame))
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionCatalogNames(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
) -> jobjectArray {
    jni_call(&mut env, |env| {
        let mut names = session(session_handle)?.catalog_names();
        names.sort();
        jni_support::new_java_string_array(env, &names)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionSchemaNames(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    catalog: JString,
) -> jobjectArray {
    jni_call(&mut env, |env| {
        let catalog_name = java_string(env, &catalog)?;
        let catalog = session(session_handle)?
            .catalog(&catalog_name)
            .ok_or_else(|| EngineError::new(ErrorCode::Plan, format!("catalog '{catalog_name}' does not exist")))?;
        let mut names = catalog.schema_names();
        names.sort();
        jni_support::new_java_string_array(env, &names)
    })
}

#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_sessionTableNames(
    mut env: JNIEnv,
    _class: JClass,
    session_handle: jlong,
    catalog: JString,
    schema: JString,
) -> jobjectArray {
    jni_call(&mut env, |env| {
        let catalog_name = java_string(env, &catalog)?;
        let schema_name = java_string(env, &schema)?;
        let schema = session(session_handle)?
            .catalog(&catalog_name)
            .and_then(|c| c.schema(&schema_name))
            .ok_or_else(|| {
                EngineError::new(ErrorCode::Plan, format!("schema '{catalog_name}.{schema_name}' does not exist"))
            })?;
        let mut names = schema.table_names();
        names.sort();
        jni_support::new_java_string_array(env, &names)
    })
}

/// Panics on purpose, so tests can prove that a native panic arrives as `NativePanicException`
/// and leaves the JVM and the runtime usable.
#[no_mangle]
pub extern "system" fn Java_io_codeanatomy_engine_internal_NativeBridge_selfTestPanic(mut env: JNIEnv, _class: JClass) {
    jni_call(&mut env, |_| -> EngineResult<()> { panic!("self-test panic") })
}
