//! The one process-wide Tokio runtime shared by every session.

use std::future::Future;
use std::sync::OnceLock;

use tokio::runtime::{Builder, Handle, Runtime};

use crate::error::{EngineError, EngineResult, ErrorCode};

static RUNTIME: OnceLock<Runtime> = OnceLock::new();

/// Starts the runtime with `worker_threads` workers (0 = one per core). The first call wins; later
/// calls with another size are ignored because sessions already share the running runtime.
pub fn init(worker_threads: usize) -> EngineResult<&'static Runtime> {
    if let Some(runtime) = RUNTIME.get() {
        return Ok(runtime);
    }
    let mut builder = Builder::new_multi_thread();
    builder.enable_all().thread_name("codeanatomy-engine");
    if worker_threads > 0 {
        builder.worker_threads(worker_threads);
    }
    let runtime = builder
        .build()
        .map_err(|e| EngineError::new(ErrorCode::Internal, format!("cannot start the engine runtime: {e}")))?;
    // A racing initialiser may have won; its runtime is used and ours is dropped.
    Ok(RUNTIME.get_or_init(|| runtime))
}

pub fn get() -> EngineResult<&'static Runtime> {
    init(0)
}

/// Runs `future` to completion on the shared runtime from a caller's (JVM) thread. Refuses to run on
/// a runtime worker, where blocking would starve the runtime (or deadlock it).
pub fn block_on<F: Future>(future: F) -> EngineResult<F::Output> {
    if Handle::try_current().is_ok() {
        return Err(EngineError::new(
            ErrorCode::Internal,
            "blocking engine call made from an engine runtime thread",
        ));
    }
    Ok(get()?.block_on(future))
}
