//! The Delta Lake data plane: the Java module `codeanatomy-delta` owns the Delta log (through Delta
//! Kernel) and the commit protocol; this module reads and writes the Parquet data files it names.
//!
//! * [`provider`]: a table provider over a pinned list of data files with per-file partition
//!   values, statistics and deletion-vector row masks.
//! * [`writer`]: executes a DataFrame or an imported Arrow stream and writes Hive-partitioned
//!   Parquet files, returning what the commit needs (path, size, record count, partition values,
//!   Delta statistics).
//! * [`pushdown`] and [`planner`]: a scan's filters as a Kernel predicate, and the Java planner
//!   whose Kernel scan names the files to read for it.
//! * [`relabel`]: logical names for columns read under their physical (column-mapping) names.
//! * [`spec`]: the JSON documents Java passes in and gets back.
//! * [`check_constraints`]: a registered Delta table's CHECK constraints, as
//!   `information_schema.table_constraints` / `check_constraints` list them.
//!
//! JNI entry points are those of `io.codeanatomy.engine.internal.DeltaNative` ([`jni`]).

mod jni;
mod planner;
mod provider;
mod pushdown;
mod relabel;
mod spec;
mod stats;
mod writer;

use datafusion::catalog::TableProvider;

/// The CHECK constraints (name, expression; sorted by name) of `table` when it is a Delta table.
pub(crate) fn check_constraints(table: &dyn TableProvider) -> &[(String, String)] {
    table.downcast_ref::<provider::PinnedDeltaTable>().map_or(&[], |delta| delta.check_constraints())
}
