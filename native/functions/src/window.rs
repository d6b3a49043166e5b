//! Window functions (spec §1c): DataFusion's `row_number`, `lag` and `lead`, re-registered with the
//! catalog aliases (`row_number_window`, `dedupe_best_by_score`; `lag_window`; `lead_window`).
//! Semantics are DataFusion's.

use datafusion::logical_expr::WindowUDF;

/// DataFusion's `row_number`.
pub fn row_number() -> WindowUDF {
    datafusion::functions_window::row_number::row_number_udwf()
        .as_ref()
        .clone()
}

/// DataFusion's `lag`.
pub fn lag() -> WindowUDF {
    datafusion::functions_window::lead_lag::lag_udwf().as_ref().clone()
}

/// DataFusion's `lead`.
pub fn lead() -> WindowUDF {
    datafusion::functions_window::lead_lag::lead_udwf().as_ref().clone()
}
