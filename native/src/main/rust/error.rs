//! Engine errors and their stable numeric codes (mirrored by `io.codeanatomy.core.error.ErrorCode`).

use std::fmt;
use std::sync::Arc;

use jni::objects::GlobalRef;

use datafusion::arrow::error::ArrowError;
use datafusion::error::DataFusionError;

/// Error codes shared with Java; the numbers are part of the public contract.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ErrorCode {
    SqlSyntax = 1001,
    Plan = 1002,
    Schema = 1003,
    Execution = 2001,
    Arrow = 2002,
    UserFunction = 2003,
    ResourcesExhausted = 3001,
    Io = 4001,
    ObjectStore = 4002,
    NotImplemented = 5001,
    Configuration = 6001,
    InvalidArrowData = 7001,
    InvalidArgument = 7003,
    DeltaScanPlanning = 8006,
    ResourceClosed = 9001,
    QueryCancelled = 9002,
    NativePanic = 9501,
    Internal = 9503,
}

#[derive(Debug, Clone)]
pub struct EngineError {
    pub code: ErrorCode,
    pub message: String,
    /// A Java exception that caused this error (thrown by a Java UDF), rethrown as the cause.
    pub java_cause: Option<Arc<GlobalRef>>,
}

pub type EngineResult<T> = Result<T, EngineError>;

impl EngineError {
    pub fn new(code: ErrorCode, message: impl Into<String>) -> Self {
        Self { code, message: message.into(), java_cause: None }
    }

    pub fn invalid_argument(message: impl Into<String>) -> Self {
        Self::new(ErrorCode::InvalidArgument, message)
    }

    pub fn cancelled() -> Self {
        Self::new(ErrorCode::QueryCancelled, "query cancelled")
    }
}

impl fmt::Display for EngineError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for EngineError {}

/// Classifies by the root cause, so a resources-exhausted error wrapped in context (or in an Arrow
/// external error) still arrives as resources-exhausted; the message keeps the whole chain.
impl From<DataFusionError> for EngineError {
    fn from(err: DataFusionError) -> Self {
        let message = err.strip_backtrace();
        match engine_error_in(&err) {
            // Raised by our own code inside DataFusion (a Java UDF): keep its code and Java cause.
            Some(inner) => Self { message, ..inner.clone() },
            None => Self::new(datafusion_code(err.find_root()), message),
        }
    }
}

/// The first `EngineError` in the chain of sources, wherever DataFusion or Arrow wrapped it.
fn engine_error_in(err: &DataFusionError) -> Option<&EngineError> {
    let mut current: Option<&(dyn std::error::Error + 'static)> = Some(err);
    while let Some(error) = current {
        if let Some(engine) = error.downcast_ref::<EngineError>() {
            return Some(engine);
        }
        current = error.source();
    }
    None
}

impl From<ArrowError> for EngineError {
    fn from(err: ArrowError) -> Self {
        match err {
            ArrowError::ExternalError(inner) => match inner.downcast::<EngineError>() {
                Ok(engine) => *engine,
                Err(other) => match other.downcast::<DataFusionError>() {
                    Ok(df) => EngineError::from(*df),
                    Err(other) => EngineError::new(ErrorCode::Arrow, other.to_string()),
                },
            },
            other => EngineError::new(ErrorCode::Arrow, other.to_string()),
        }
    }
}

fn datafusion_code(root: &DataFusionError) -> ErrorCode {
    match root {
        DataFusionError::SQL(..) => ErrorCode::SqlSyntax,
        DataFusionError::Plan(_) => ErrorCode::Plan,
        DataFusionError::SchemaError(..) => ErrorCode::Schema,
        DataFusionError::NotImplemented(_) => ErrorCode::NotImplemented,
        DataFusionError::Configuration(_) => ErrorCode::Configuration,
        DataFusionError::ResourcesExhausted(_) => ErrorCode::ResourcesExhausted,
        DataFusionError::IoError(_) => ErrorCode::Io,
        DataFusionError::ObjectStore(_) => ErrorCode::ObjectStore,
        DataFusionError::ParquetError(_) => ErrorCode::Io,
        DataFusionError::ArrowError(arrow, _) => match arrow.as_ref() {
            ArrowError::IoError(..) => ErrorCode::Io,
            ArrowError::ExternalError(inner) => external_code(inner.as_ref()),
            _ => ErrorCode::Arrow,
        },
        DataFusionError::External(inner) => external_code(inner.as_ref()),
        DataFusionError::Internal(_) => ErrorCode::Internal,
        DataFusionError::Diagnostic(_, inner) => datafusion_code(inner.find_root()),
        DataFusionError::Collection(errors) => {
            errors.first().map_or(ErrorCode::Execution, |e| datafusion_code(e.find_root()))
        }
        DataFusionError::Shared(inner) => datafusion_code(inner.find_root()),
        _ => ErrorCode::Execution,
    }
}

fn external_code(inner: &(dyn std::error::Error + Send + Sync + 'static)) -> ErrorCode {
    if let Some(engine) = inner.downcast_ref::<EngineError>() {
        engine.code
    } else if inner.is::<std::io::Error>() {
        ErrorCode::Io
    } else {
        ErrorCode::Execution
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn root_cause_decides_the_code() {
        let wrapped = DataFusionError::ResourcesExhausted("too big".into()).context("while sorting");
        let err = EngineError::from(wrapped);
        assert_eq!(err.code, ErrorCode::ResourcesExhausted);
        assert!(err.message.contains("while sorting"));
    }

    #[test]
    fn engine_error_survives_arrow_wrapping() {
        let arrow = ArrowError::ExternalError(Box::new(EngineError::cancelled()));
        assert_eq!(EngineError::from(arrow).code, ErrorCode::QueryCancelled);
    }
}
