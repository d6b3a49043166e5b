//! Builds a DataFusion `SessionContext` from a runtime profile sent by Java as JSON.
//!
//! JSON keeps the boundary to one string for a value with many optional fields; the Java
//! `RuntimeProfile` is the source of truth and this is its only reader.

use std::path::PathBuf;
use std::sync::Arc;

use datafusion::execution::disk_manager::{DiskManagerBuilder, DiskManagerMode};
use datafusion::execution::memory_pool::{FairSpillPool, GreedyMemoryPool, MemoryPool};
use datafusion::execution::runtime_env::RuntimeEnvBuilder;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::prelude::{SessionConfig, SessionContext};
use serde_json::{Map, Value};

use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::runtime;

const RUNTIME_KEY_PREFIX: &str = "datafusion.runtime.";
/// The reference's default expression planner (`expr_planner_names`).
const DOMAIN_PLANNER: &str = "codeanatomy_domain";

pub fn build_context(profile_json: &str) -> EngineResult<SessionContext> {
    let profile: Value = serde_json::from_str(profile_json)
        .map_err(|e| config_error(format!("runtime profile is not valid JSON: {e}")))?;
    let profile = profile
        .as_object()
        .ok_or_else(|| config_error("runtime profile must be a JSON object"))?;

    let mut config = codeanatomy_functions::session_config_with_extensions(SessionConfig::new())
        .with_information_schema(bool_field(profile, "informationSchema")?.unwrap_or(true))
        .with_create_default_catalog_and_schema(true)
        .with_default_catalog_and_schema(
            string_field(profile, "defaultCatalog")?.unwrap_or("datafusion"),
            string_field(profile, "defaultSchema")?.unwrap_or("public"),
        );
    if let Some(partitions) = usize_field(profile, "targetPartitions")? {
        config = config.with_target_partitions(partitions);
    }
    if let Some(batch_size) = usize_field(profile, "batchSize")? {
        config = config.with_batch_size(batch_size);
    }
    let mut runtime_settings = Vec::new();
    if let Some(settings) = profile.get("settings") {
        let settings = settings
            .as_object()
            .ok_or_else(|| config_error("runtime profile 'settings' must be an object"))?;
        for (key, value) in settings {
            let value = value
                .as_str()
                .ok_or_else(|| config_error(format!("setting '{key}' must be a string")))?;
            if key.starts_with(RUNTIME_KEY_PREFIX) {
                runtime_settings.push((key.clone(), value.to_string()));
            } else {
                config.options_mut().set(key, value).map_err(EngineError::from)?;
            }
        }
    }

    let runtime_env = runtime_env_builder(profile)?.build_arc().map_err(EngineError::from)?;
    let state = SessionStateBuilder::new()
        .with_config(config)
        .with_runtime_env(runtime_env)
        .with_default_features()
        .build();
    let context = SessionContext::new_with_state(state);
    codeanatomy_functions::register_all(&context)?;
    codeanatomy_functions::planner::install_expr_planners(&context, &[DOMAIN_PLANNER])?;
    // `datafusion.runtime.*` keys are not session options; DataFusion applies them through SET.
    for (key, value) in runtime_settings {
        let statement = format!("SET {key} = '{}'", value.replace('\'', "''"));
        runtime::block_on(async { context.sql(&statement).await })?.map_err(EngineError::from)?;
    }
    Ok(context)
}

fn runtime_env_builder(profile: &Map<String, Value>) -> EngineResult<RuntimeEnvBuilder> {
    let mut builder = RuntimeEnvBuilder::new();
    if let Some(limit) = usize_field(profile, "memoryLimitBytes")? {
        let pool: Arc<dyn MemoryPool> = match string_field(profile, "memoryPool")?.unwrap_or("greedy") {
            "greedy" => Arc::new(GreedyMemoryPool::new(limit)),
            "fair" => Arc::new(FairSpillPool::new(limit)),
            other => return Err(config_error(format!("unknown memoryPool '{other}' (greedy, fair)"))),
        };
        builder = builder.with_memory_pool(pool);
    }
    let spill_directory = string_field(profile, "spillDirectory")?;
    let max_spill = usize_field(profile, "maxSpillBytes")?;
    if spill_directory.is_some() || max_spill.is_some() {
        let mut disk = DiskManagerBuilder::default();
        if let Some(directory) = spill_directory {
            disk = disk.with_mode(DiskManagerMode::Directories(vec![PathBuf::from(directory)]));
        }
        if let Some(max) = max_spill {
            disk = disk.with_max_temp_directory_size(max as u64);
        }
        builder = builder.with_disk_manager_builder(disk);
    }
    Ok(builder)
}

fn config_error(message: impl Into<String>) -> EngineError {
    EngineError::new(ErrorCode::Configuration, message)
}

fn string_field<'a>(profile: &'a Map<String, Value>, key: &str) -> EngineResult<Option<&'a str>> {
    match profile.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s)),
        Some(_) => Err(config_error(format!("runtime profile field '{key}' must be a string"))),
    }
}

fn bool_field(profile: &Map<String, Value>, key: &str) -> EngineResult<Option<bool>> {
    match profile.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::Bool(b)) => Ok(Some(*b)),
        Some(_) => Err(config_error(format!("runtime profile field '{key}' must be a boolean"))),
    }
}

fn usize_field(profile: &Map<String, Value>, key: &str) -> EngineResult<Option<usize>> {
    match profile.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .and_then(|v| usize::try_from(v).ok())
            .map(Some)
            .ok_or_else(|| config_error(format!("runtime profile field '{key}' must be a non-negative integer"))),
    }
}
