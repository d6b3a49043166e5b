//! The catalog's single source of registration (seed items 8 and 14): one declarative list per
//! kind, written with the kind-explicit macros [`scalar_udfs!`](crate::scalar_udfs),
//! [`aggregate_udfs!`](crate::aggregate_udfs), [`window_udfs!`](crate::window_udfs) and
//! [`table_udfs!`](crate::table_udfs). [`register_all`] walks the four lists; nothing else
//! registers functions.

use std::sync::Arc;

use datafusion::catalog::TableFunctionImpl;
use datafusion::common::Result;
use datafusion::execution::context::SessionContext;
use datafusion::logical_expr::{AggregateUDF, ScalarUDF, WindowUDF};

use crate::scalar::CatalogScalar;
use crate::{aggregate, scalar, table, window};

/// A scalar function of the catalog: canonical name, builder and aliases.
pub struct ScalarUdfSpec {
    pub name: &'static str,
    pub builder: fn() -> ScalarUDF,
    pub aliases: &'static [&'static str],
}

/// An aggregate function of the catalog.
pub struct AggregateUdfSpec {
    pub name: &'static str,
    pub builder: fn() -> AggregateUDF,
    pub aliases: &'static [&'static str],
}

/// A window function of the catalog.
pub struct WindowUdfSpec {
    pub name: &'static str,
    pub builder: fn() -> WindowUDF,
    pub aliases: &'static [&'static str],
}

/// A table function of the catalog (table functions have no aliases in the spec, but the list
/// accepts them for symmetry).
pub struct TableUdfSpec {
    pub name: &'static str,
    pub builder: fn() -> Arc<dyn TableFunctionImpl>,
    pub aliases: &'static [&'static str],
}

/// `"name" => builder [, aliases: ["a", ...]]; ...` → `Vec<ScalarUdfSpec>`.
#[macro_export]
macro_rules! scalar_udfs {
    ( $( $name:literal => $builder:path $(, aliases: [$($alias:literal),* $(,)?])? );* $(;)? ) => {
        vec![ $( $crate::registry::ScalarUdfSpec {
            name: $name, builder: $builder, aliases: &[$($($alias),*)?],
        } ),* ]
    };
}

/// `"name" => builder [, aliases: [..]]; ...` → `Vec<AggregateUdfSpec>`.
#[macro_export]
macro_rules! aggregate_udfs {
    ( $( $name:literal => $builder:path $(, aliases: [$($alias:literal),* $(,)?])? );* $(;)? ) => {
        vec![ $( $crate::registry::AggregateUdfSpec {
            name: $name, builder: $builder, aliases: &[$($($alias),*)?],
        } ),* ]
    };
}

/// `"name" => builder [, aliases: [..]]; ...` → `Vec<WindowUdfSpec>`.
#[macro_export]
macro_rules! window_udfs {
    ( $( $name:literal => $builder:path $(, aliases: [$($alias:literal),* $(,)?])? );* $(;)? ) => {
        vec![ $( $crate::registry::WindowUdfSpec {
            name: $name, builder: $builder, aliases: &[$($($alias),*)?],
        } ),* ]
    };
}

/// `"name" => builder [, aliases: [..]]; ...` → `Vec<TableUdfSpec>`.
#[macro_export]
macro_rules! table_udfs {
    ( $( $name:literal => $builder:path $(, aliases: [$($alias:literal),* $(,)?])? );* $(;)? ) => {
        vec![ $( $crate::registry::TableUdfSpec {
            name: $name, builder: $builder, aliases: &[$($($alias),*)?],
        } ),* ]
    };
}

/// The scalar functions, in the order of spec §0 (plus `position_encoding_norm`, which the
/// reference only built through its FunctionFactory policy; here it is a regular catalog member).
pub fn scalar_udf_specs() -> Vec<ScalarUdfSpec> {
    use scalar::{hash, meta, nested, span, text};
    scalar_udfs![
        "arrow_metadata" => meta::arrow_metadata;
        "semantic_tag" => meta::semantic_tag;
        "cpg_score" => meta::cpg_score;
        "stable_hash64" => hash::stable_hash64, aliases: ["hash64"];
        "stable_hash128" => hash::stable_hash128, aliases: ["hash128"];
        "prefixed_hash64" => hash::prefixed_hash64, aliases: ["prefixed_hash"];
        "stable_id" => hash::stable_id;
        "stable_id_parts" => hash::stable_id_parts, aliases: ["stable_id_multi"];
        "prefixed_hash_parts64" => hash::prefixed_hash_parts64, aliases: ["prefixed_hash_parts"];
        "stable_hash_any" => hash::stable_hash_any, aliases: ["stable_hash"];
        "span_make" => span::span_make, aliases: ["span"];
        "span_len" => span::span_len;
        "interval_align_score" => span::interval_align_score;
        "span_overlaps" => span::span_overlaps;
        "span_contains" => span::span_contains;
        "span_id" => span::span_id;
        "utf8_normalize" => text::utf8_normalize, aliases: ["normalize_utf8"];
        "utf8_null_if_blank" => text::utf8_null_if_blank, aliases: ["null_if_blank"];
        "qname_normalize" => text::qname_normalize, aliases: ["qualname_normalize"];
        "map_get_default" => nested::map_get_default;
        "map_normalize" => nested::map_normalize;
        "list_compact" => nested::list_compact, aliases: ["array_compact"];
        "list_unique_sorted" => nested::list_unique_sorted, aliases: ["array_unique_sorted"];
        "struct_pick" => nested::struct_pick, aliases: ["struct_select"];
        "cdf_change_rank" => meta::cdf_change_rank;
        "cdf_is_upsert" => meta::cdf_is_upsert;
        "cdf_is_delete" => meta::cdf_is_delete;
        "col_to_byte" => span::col_to_byte;
        "position_encoding_norm" => span::position_encoding_norm;
    ]
}

/// The aggregate functions.
pub fn aggregate_udf_specs() -> Vec<AggregateUdfSpec> {
    aggregate_udfs![
        "list_unique" => aggregate::list_unique;
        "collect_set" => aggregate::collect_set;
        "count_distinct_agg" => aggregate::count_distinct_agg;
        "count_if" => aggregate::count_if;
        "any_value_det" => aggregate::any_value_det;
        "arg_max" => aggregate::arg_max;
        "asof_select" => aggregate::asof_select;
        "arg_min" => aggregate::arg_min;
        "first_value" => aggregate::first_value, aliases: ["first_value_agg"];
        "last_value" => aggregate::last_value, aliases: ["last_value_agg"];
        "string_agg" => aggregate::string_agg;
    ]
}

/// The window functions.
pub fn window_udf_specs() -> Vec<WindowUdfSpec> {
    window_udfs![
        "row_number" => window::row_number, aliases: ["row_number_window", "dedupe_best_by_score"];
        "lag" => window::lag, aliases: ["lag_window"];
        "lead" => window::lead, aliases: ["lead_window"];
    ]
}

/// The table functions (DataFusion's `generate_series` / `range` are registered as well).
pub fn table_udf_specs() -> Vec<TableUdfSpec> {
    table_udfs![
        "range_table" => table::range_table;
        "udf_registry" => table::udf_registry;
        "udf_docs" => table::udf_docs;
        "read_parquet" => table::read_parquet;
        "read_csv" => table::read_csv;
    ]
}

/// Registers every function of every kind into `ctx` (see [`crate::register_all`]).
pub fn register_specs(ctx: &SessionContext) -> Result<()> {
    let options = ctx.state().config_options().clone();
    for spec in scalar_udf_specs() {
        let udf = (spec.builder)();
        let udf = udf.inner().with_updated_config(&options).unwrap_or(udf);
        ctx.register_udf(CatalogScalar::wrap(udf, spec.aliases));
    }
    for spec in aggregate_udf_specs() {
        let udaf = (spec.builder)();
        let udaf = if spec.aliases.is_empty() {
            udaf
        } else {
            udaf.with_aliases(spec.aliases.iter().copied())
        };
        ctx.register_udaf(udaf);
    }
    for spec in window_udf_specs() {
        let udwf = (spec.builder)();
        let udwf = if spec.aliases.is_empty() {
            udwf
        } else {
            udwf.with_aliases(spec.aliases.iter().copied())
        };
        ctx.register_udwf(udwf);
    }
    for f in datafusion::functions_table::all_default_table_functions() {
        ctx.register_udtf(f.name(), Arc::clone(f.function()));
    }
    for spec in table_udf_specs() {
        let f = (spec.builder)();
        ctx.register_udtf(spec.name, Arc::clone(&f));
        for alias in spec.aliases {
            ctx.register_udtf(alias, Arc::clone(&f));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_contain_expected_names() {
        let names: Vec<&str> = scalar_udf_specs()
            .iter()
            .map(|s| s.name)
            .chain(table_udf_specs().iter().map(|s| s.name))
            .collect();
        for n in [
            "arrow_metadata",
            "stable_hash64",
            "stable_hash128",
            "prefixed_hash64",
            "stable_id",
            "col_to_byte",
            "range_table",
        ] {
            assert!(names.contains(&n), "{n}");
        }
        assert_eq!(scalar_udf_specs().len(), 29);
        assert_eq!(aggregate_udf_specs().len(), 11);
        assert_eq!(window_udf_specs().len(), 3);
        assert!(!table_udf_specs().is_empty());
        // builders produce functions named like their spec
        for s in scalar_udf_specs() {
            assert_eq!((s.builder)().name(), s.name);
        }
        for s in aggregate_udf_specs() {
            assert_eq!((s.builder)().name(), s.name);
        }
        for s in window_udf_specs() {
            assert_eq!((s.builder)().name(), s.name);
        }
    }
}
