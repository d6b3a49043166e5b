//! # codeanatomy_functions — the CodeAnatomy function catalog for Apache DataFusion 55
//!
//! Native reimplementation of the reference `datafusion_ext` catalog
//! (`/work/shared/spec/udf_catalog.md`): scalar, aggregate, window and table functions, the
//! `codeanatomy_udf` configuration extension, `CREATE FUNCTION` / `DROP FUNCTION` through a
//! function factory, and the registry snapshot.
//!
//! ## Public API (used by the JNI layer; keep stable)
//!
//! * [`session_config_with_extensions`] — adds the `codeanatomy_udf` config extension to a
//!   `SessionConfig`, so `SET codeanatomy_udf.<key> = ...` works and a runtime profile can call
//!   `config.options_mut().set("codeanatomy_udf.<key>", value)`. Unknown keys / bad values fail
//!   with `DataFusionError::Configuration` naming the key.
//! * [`register_all`] — registers every catalog function of every kind (from the four
//!   declarative lists in [`registry`]), DataFusion's default table functions, and installs the
//!   `CREATE FUNCTION` factory. Works on an existing `SessionContext` (the factory is set on the
//!   live state); [`install_into_state_builder`] is offered for builder-based construction.
//!   If the context's config lacks the `codeanatomy_udf` extension, `register_all` adds it with
//!   the defaults (existing values are never overwritten).
//! * [`registry_snapshot`] → [`RegistrySnapshot`], with [`RegistrySnapshot::to_json`].
//! * Optional: [`install_expr_planners`]`(ctx, &["codeanatomy_domain"])` — the `->` / `@>`
//!   operator planner of spec §3.3.
//!
//! ## Errors
//!
//! Planning problems are `DataFusionError::Plan` (wrong argument counts / types name the function
//! and its accepted signatures); configuration problems are `DataFusionError::Configuration`.
//! No user-reachable path panics.
//!
//! ## Settled spec ambiguities (see README-style notes in each module)
//!
//! * Functions the reference could not plan (stable_id_parts, prefixed_hash_parts64,
//!   stable_hash_any, span_len, span_id, map_get_default, qname_normalize) are plannable: their
//!   user-defined coercion keeps argument types (values are stringified exactly as in spec §1.1)
//!   and validates arity / shapes with the intended bounds.
//! * Metadata: `stable_hash128` emits no `semantic_type`; `stable_id_parts` /
//!   `prefixed_hash_parts64` tag `semantic_type` only for literal node/edge/span prefixes;
//!   `span_id` tags `SpanId` (or the synonym of a literal prefix).
//! * `cpg_score` returns Float64 (inputs cast), matching its declared type.
//! * `utf8_normalize` / `utf8_null_if_blank` fields are always nullable (blank → NULL).
//! * `udf_registry()` / `udf_docs()` reflect the live session (DDL functions included).
//! * `position_encoding_norm` is registered like every other scalar.
//! * `read_*` limits are strict global caps.

pub mod aggregate;
pub mod common;
pub mod config;
pub mod docs;
pub mod factory;
pub mod planner;
pub mod registry;
pub mod scalar;
pub mod snapshot;
pub mod table;
pub mod window;

use std::collections::BTreeSet;
use std::sync::{Arc, RwLock};

use datafusion::error::Result;
use datafusion::execution::context::SessionContext;
use datafusion::execution::session_state::SessionStateBuilder;
use datafusion::prelude::SessionConfig;

pub use config::{CodeAnatomyUdfConfig, UdfConfigValue};
pub use factory::CatalogFunctionFactory;
pub use planner::install_expr_planners;
pub use snapshot::{DocEntry, RegistrySnapshot};

/// Adds the `codeanatomy_udf` configuration extension (defaults of spec §2) when absent.
pub fn session_config_with_extensions(mut config: SessionConfig) -> SessionConfig {
    config::ensure_extension(config.options_mut());
    config
}

/// Registers the whole catalog into `ctx` and installs the `CREATE FUNCTION` factory.
///
/// Also adds the `codeanatomy_udf` config extension (defaults) when the session lacks it.
///
/// Order: scalar list (each function configured from the session config), aggregate list,
/// window list, DataFusion's default table functions, table list, then the function factory.
/// Re-registering replaces previous definitions of the same names.
pub fn register_all(ctx: &SessionContext) -> Result<()> {
    config::ensure_extension(ctx.state_ref().write().config_mut().options_mut());
    registry::register_specs(ctx)?;
    ctx.state_ref()
        .write()
        .set_function_factory(Arc::new(CatalogFunctionFactory));
    Ok(())
}

/// Installs the `CREATE FUNCTION` factory on a state builder (for contexts built with
/// `SessionStateBuilder`; [`register_all`] still has to be called on the resulting context to
/// register the functions).
pub fn install_into_state_builder(builder: SessionStateBuilder) -> SessionStateBuilder {
    builder.with_function_factory(Some(Arc::new(CatalogFunctionFactory)))
}

/// Names of functions registered into the catalog from outside this crate (Java functions), which
/// the snapshot lists beside the catalog's own and the `CREATE FUNCTION` ones. Shared by every
/// clone of the session's state.
#[derive(Debug, Default)]
pub struct ExternalFunctions(RwLock<BTreeSet<String>>);

impl ExternalFunctions {
    fn contains(&self, name: &str) -> bool {
        self.0.read().map(|names| names.contains(name)).unwrap_or(false)
    }
}

/// Records `name` as a catalog function registered from outside (see [`ExternalFunctions`]).
pub fn record_external_function(ctx: &SessionContext, name: &str) {
    let state = ctx.state_ref();
    let mut state = state.write();
    let config = state.config_mut();
    if config.get_extension::<ExternalFunctions>().is_none() {
        config.set_extension(Arc::new(ExternalFunctions::default()));
    }
    if let Some(external) = config.get_extension::<ExternalFunctions>() {
        if let Ok(mut names) = external.0.write() {
            names.insert(name.to_string());
        }
    }
}

/// Snapshot of the catalog registered in `ctx` (live state).
pub fn registry_snapshot(ctx: &SessionContext) -> RegistrySnapshot {
    snapshot::registry_snapshot(&ctx.state())
}
