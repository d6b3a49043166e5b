//! The Java object that plans a registered Delta table's scans with Kernel
//! (`io.codeanatomy.engine.internal.DeltaFilePlanner`), called from the engine.

use std::collections::HashSet;
use std::fmt;
use std::sync::Arc;

use jni::objects::{GlobalRef, JObject, JString, JValue};
use jni::{JNIEnv, JavaVM};
use serde_json::Value;

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::jni_support;

const PLAN_METHOD: &str = "planFiles";
const PLAN_SIGNATURE: &str = "(Ljava/lang/String;)Ljava/lang/String;";

#[derive(Clone)]
pub struct JavaFilePlanner {
    vm: Arc<JavaVM>,
    planner: Arc<GlobalRef>,
}

impl fmt::Debug for JavaFilePlanner {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JavaFilePlanner")
    }
}

impl JavaFilePlanner {
    pub fn new(env: &mut JNIEnv, planner: &JObject) -> EngineResult<Self> {
        Ok(Self { vm: Arc::new(env.get_java_vm()?), planner: Arc::new(env.new_global_ref(planner)?) })
    }

    /// The Java planner object itself.
    pub fn object(&self) -> &GlobalRef {
        &self.planner
    }

    /// The relative paths of the data files Kernel plans for `predicate` (the JSON of
    /// [`super::pushdown`]). Blocks on Java: call it off the runtime's workers. A Java exception
    /// becomes a `DeltaScanPlanning` error with the exception as its cause.
    pub fn plan_files(&self, predicate: &str, table_root: &str) -> EngineResult<HashSet<String>> {
        let mut env = self.vm.attach_current_thread_as_daemon()?;
        // The thread stays attached (as a daemon, so it never keeps the JVM alive), so local references are freed with the frame, not at detach.
        let answer = env.with_local_frame(8, |env| -> EngineResult<String> {
            let argument = env.new_string(predicate)?;
            let result =
                env.call_method(self.planner.as_obj(), PLAN_METHOD, PLAN_SIGNATURE, &[JValue::Object(&argument)]);
            if let Some(thrown) = jni_support::take_java_exception(env, ErrorCode::DeltaScanPlanning, |description| {
                format!("Kernel scan planning for the Delta table at '{table_root}' failed: {description}")
            })? {
                return Err(thrown);
            }
            let text = JString::from(result?.l()?);
            jni_support::java_string(env, &text)
        })?;
        let invalid =
            || EngineError::new(ErrorCode::Internal, "the Delta file planner must return a JSON array of paths");
        match serde_json::from_str::<Value>(&answer).map_err(|_| invalid())? {
            Value::Array(paths) => {
                paths.into_iter().map(|path| path.as_str().map(str::to_string).ok_or_else(invalid)).collect()
            }
            _ => Err(invalid()),
        }
    }
}
