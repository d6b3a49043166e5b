//! CodeAnatomy native engine: Apache DataFusion behind a JNI boundary.
//!
//! Every `Java_…` entry point runs through [`jni_support::jni_call`], which catches panics and turns
//! every error into a typed Java exception. Arrow data crosses the boundary only through the Arrow
//! C Stream / C Data interfaces. [`runtime`] holds the one process-wide Tokio runtime.

mod dataframe;
mod delta;
mod error;
mod java_udf;
mod jni_support;
mod profile;
mod registration;
mod runtime;
mod session;
mod statement;
mod stream;
mod text;

pub use error::{EngineError, EngineResult, ErrorCode};
