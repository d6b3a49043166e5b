//! CREATE FUNCTION / DROP FUNCTION, information_schema and the registry snapshot.

mod common;

use common::*;
use datafusion::error::DataFusionError;

async fn exec(ctx: &datafusion::prelude::SessionContext, sql: &str) {
    ctx.sql(sql)
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"))
        .collect()
        .await
        .unwrap_or_else(|e| panic!("{sql}: {e}"));
}

#[tokio::test(flavor = "multi_thread")]
async fn scalar_macros() {
    let ctx = ctx();
    exec(&ctx, "CREATE FUNCTION add_one(x INT) RETURNS INT RETURN $1 + CAST(1 AS INT)").await;
    assert_eq!(eval(&ctx, "add_one(CAST(41 AS INT))").await.unwrap(), "42");
    assert_eq!(eval(&ctx, "arrow_typeof(add_one(CAST(41 AS INT)))").await.unwrap(), "Int32");
    exec(&ctx, "CREATE FUNCTION add_two(x INT) RETURNS INT RETURN $1 + 2").await;
    assert_eq!(eval(&ctx, "add_two(1)").await.unwrap(), "3");
    exec(&ctx, "DROP FUNCTION add_two").await;
    let _ = err(&ctx, "SELECT add_two(1)").await;
    // named placeholders, defaults, columns, catalog functions inside the body
    exec(&ctx, "CREATE FUNCTION node_id(path VARCHAR, n BIGINT DEFAULT 0) RETURNS VARCHAR IMMUTABLE RETURN stable_id_parts('node', $path, $n)").await;
    assert_eq!(
        eval(&ctx, "node_id('a.py', 3) = stable_id_parts('node', 'a.py', 3)").await.unwrap(),
        "true"
    );
    assert_eq!(
        eval(&ctx, "node_id('a.py') = stable_id_parts('node', 'a.py', 0)").await.unwrap(),
        "true"
    );
    let r = rows(&ctx, "SELECT add_one(x) FROM (VALUES (CAST(1 AS INT)), (NULL)) t(x)").await.unwrap();
    assert_eq!(r, vec![vec!["2"], vec!["NULL"]]);
    // redefinition
    let e = err(&ctx, "CREATE FUNCTION add_one(x INT) RETURNS INT RETURN $1").await;
    assert!(matches!(root(&e), DataFusionError::Plan(_)), "{e:?}");
    assert!(e.to_string().contains("OR REPLACE"), "{e}");
    let e = err(&ctx, "CREATE FUNCTION stable_hash64(x VARCHAR) RETURNS BIGINT RETURN 1").await;
    assert!(e.to_string().contains("already exists"), "{e}");
    exec(&ctx, "CREATE OR REPLACE FUNCTION add_one(x INT) RETURNS INT RETURN $1 + CAST(100 AS INT)").await;
    assert_eq!(eval(&ctx, "add_one(CAST(1 AS INT))").await.unwrap(), "101");
    // malformed DDL
    for (sql, needle) in [
        ("CREATE FUNCTION \"bad name\"(x INT) RETURNS INT RETURN $1", "identifier"),
        ("CREATE FUNCTION f_noret(x INT) RETURN $1", "missing return type"),
        ("CREATE FUNCTION f_range(x INT) RETURNS INT RETURN $2", "out of range"),
        ("CREATE FUNCTION f_lang(x INT) RETURNS INT LANGUAGE python RETURN $1", "Unsupported CREATE FUNCTION language: python"),
        ("CREATE FUNCTION f_type(x INT) RETURNS INT RETURN make_array($1)", "cannot be returned"),
    ] {
        let e = err(&ctx, sql).await;
        assert!(e.to_string().contains(needle), "{sql}: {e}");
    }
    // mixed-case names are callable unquoted and droppable as written
    exec(&ctx, "CREATE FUNCTION AddThree(x BIGINT) RETURNS BIGINT RETURN $1 + 3").await;
    assert_eq!(eval(&ctx, "AddThree(1)").await.unwrap(), "4");
    exec(&ctx, "DROP FUNCTION AddThree").await;
    let _ = err(&ctx, "SELECT addthree(1)").await;
    // wrong arguments name the macro and its declared signature
    let e = err(&ctx, "SELECT add_one('x', 2)").await;
    assert!(matches!(root(&e), DataFusionError::Plan(_)), "{e:?}");
    assert!(e.to_string().contains("add_one(x Int32)"), "{e}");
    // zero-argument macro
    exec(&ctx, "CREATE FUNCTION answer() RETURNS BIGINT RETURN 42").await;
    assert_eq!(eval(&ctx, "answer()").await.unwrap(), "42");
}

#[tokio::test(flavor = "multi_thread")]
async fn aggregate_window_and_table_aliases() {
    let ctx = ctx();
    exec(&ctx, "CREATE FUNCTION count_distinct_alias(value STRING) RETURNS BIGINT RETURN count_distinct_agg($1)").await;
    let r = rows(&ctx, "SELECT count_distinct_alias(v) FROM (VALUES ('a'),('b'),('a')) t(v)").await.unwrap();
    assert_eq!(r, vec![vec!["2"]]);
    exec(&ctx, "DROP FUNCTION count_distinct_alias").await;
    let r = rows(&ctx, "SELECT count_distinct_agg(v) FROM (VALUES ('a'),('b'),('a')) t(v)").await.unwrap();
    assert_eq!(r, vec![vec!["2"]]);
    let e = err(&ctx, "CREATE FUNCTION cda2(value STRING) RETURNS VARCHAR RETURN count_distinct_agg($1)").await;
    assert!(e.to_string().contains("does not match underlying return type"), "{e}");
    let e = err(&ctx, "CREATE FUNCTION cda3(value STRING) RETURNS BIGINT RETURN count_distinct_agg(DISTINCT $1)").await;
    assert!(e.to_string().contains("DISTINCT"), "{e}");

    exec(&ctx, "CREATE FUNCTION row_number_alias() LANGUAGE window RETURN 'row_number_window'").await;
    let r = rows(&ctx, "SELECT row_number_alias() OVER (ORDER BY id) FROM (VALUES (1),(2),(3)) t(id) ORDER BY id").await.unwrap();
    assert_eq!(r, vec![vec!["1"], vec!["2"], vec!["3"]]);
    let e = err(&ctx, "CREATE FUNCTION w2() LANGUAGE window RETURN 'nope'").await;
    assert!(e.to_string().contains("references unknown window function nope"), "{e}");

    let dir = std::env::temp_dir().join(format!("ca_ddl_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("three.csv");
    std::fs::write(&csv, "a\n1\n2\n3\n").unwrap();
    exec(&ctx, "CREATE FUNCTION read_csv_alias(path STRING) RETURNS STRING LANGUAGE table RETURN 'read_csv'").await;
    let r = rows(&ctx, &format!("SELECT COUNT(*) FROM read_csv_alias('{}')", csv.to_string_lossy())).await.unwrap();
    assert_eq!(r, vec![vec!["3"]]);
    let e = err(&ctx, "CREATE FUNCTION t2() LANGUAGE table RETURN 'nope'").await;
    assert!(e.to_string().contains("references unknown table function nope"), "{e}");
    let _ = std::fs::remove_dir_all(&dir);

    let snap = codeanatomy_functions::registry_snapshot(&ctx);
    assert_eq!(snap.ddl_functions.get("row_number_alias").map(String::as_str), Some("window"));
    assert_eq!(snap.ddl_functions.get("read_csv_alias").map(String::as_str), Some("table"));
    assert!(snap.window.contains(&"row_number_alias".to_string()));
}

#[tokio::test(flavor = "multi_thread")]
async fn information_schema_lists_catalog_and_ddl() {
    let ctx = ctx();
    exec(&ctx, "CREATE FUNCTION add_one(x INT) RETURNS INT IMMUTABLE RETURN $1 + CAST(1 AS INT)").await;
    let r = rows(&ctx, "SELECT routine_name, function_type, is_deterministic FROM information_schema.routines WHERE routine_name IN ('stable_hash64', 'add_one', 'list_unique', 'dedupe_best_by_score', 'udf_registry', 'span_make', 'stable_id_parts') GROUP BY 1, 2, 3 ORDER BY 1").await.unwrap();
    let names: Vec<&str> = r.iter().map(|row| row[0].as_str()).collect();
    for n in ["add_one", "dedupe_best_by_score", "list_unique", "span_make", "stable_hash64", "stable_id_parts", "udf_registry"] {
        assert!(names.contains(&n), "{n} missing from routines: {r:?}");
    }
    let r = rows(&ctx, "SELECT parameter_name, data_type FROM information_schema.parameters WHERE specific_name = 'add_one' AND parameter_mode = 'IN'").await.unwrap();
    assert_eq!(r, vec![vec!["x", "Int32"]]);
    let r = rows(&ctx, "SELECT DISTINCT parameter_name FROM information_schema.parameters WHERE specific_name = 'stable_hash64' AND parameter_mode = 'IN'").await.unwrap();
    assert_eq!(r, vec![vec!["value"]]);
    let r = rows(&ctx, "SELECT COUNT(*) > 0 FROM information_schema.parameters WHERE specific_name = 'span_make' AND parameter_mode = 'IN'").await.unwrap();
    assert_eq!(r, vec![vec!["true"]]);

    // structural check against the snapshot: every recorded custom scalar / aggregate / window
    // has a routine whose determinism matches the snapshot volatility.
    let snap = codeanatomy_functions::registry_snapshot(&ctx);
    for (list, kind) in [(&snap.scalar, "SCALAR"), (&snap.aggregate, "AGGREGATE"), (&snap.window, "WINDOW")] {
        for name in list {
            let r = rows(&ctx, &format!("SELECT DISTINCT is_deterministic FROM information_schema.routines WHERE routine_name = '{name}' AND function_type = '{kind}'")).await.unwrap();
            assert_eq!(r.len(), 1, "{name} ({kind}) routines: {r:?}");
            let immutable = snap.volatility.get(name).map(String::as_str) == Some("immutable");
            assert_eq!(r[0][0], immutable.to_string(), "{name}");
        }
    }
}

#[tokio::test(flavor = "multi_thread")]
async fn snapshot_contents() {
    let ctx = ctx();
    let snap = codeanatomy_functions::registry_snapshot(&ctx);
    let v: serde_json::Value = serde_json::from_str(&snap.to_json()).unwrap();
    for key in [
        "scalar", "aggregate", "window", "table", "aliases", "parameter_names", "volatility",
        "rewrite_tags", "simplify", "coerce_types", "short_circuits", "signature_inputs",
        "return_types", "config_defaults", "custom_udfs", "ddl_functions", "documentation",
    ] {
        assert!(v.get(key).is_some(), "missing key {key}");
    }
    assert_eq!(snap.scalar.len(), 29);
    assert_eq!(snap.aggregate.len(), 11);
    // DataFusion also registers first_value / last_value as window functions; both names are
    // catalog names, so they are recorded under `window` as well (reference behaviour).
    for w in ["row_number", "lag", "lead"] {
        assert!(snap.window.contains(&w.to_string()), "{w}");
    }
    for t in ["range_table", "udf_registry", "udf_docs", "read_parquet", "read_csv"] {
        assert!(snap.table.contains(&t.to_string()), "{t}");
    }
    assert_eq!(v["aliases"]["stable_hash64"], serde_json::json!(["hash64"]));
    assert_eq!(
        v["aliases"]["row_number"],
        serde_json::json!(["row_number_window", "dedupe_best_by_score"])
    );
    assert_eq!(v["signature_inputs"]["stable_hash64"], serde_json::json!([["string"]]));
    assert_eq!(v["return_types"]["stable_hash64"], serde_json::json!(["int64"]));
    assert_eq!(v["return_types"]["span_make"][0], "null");
    assert_eq!(v["parameter_names"]["stable_id"], serde_json::json!(["prefix", "value"]));
    assert_eq!(v["volatility"]["stable_id"], "immutable");
    assert_eq!(v["rewrite_tags"]["span_id"], serde_json::json!(["span", "id", "hash"]));
    assert_eq!(v["rewrite_tags"]["dedupe_best_by_score"], serde_json::json!(["dedupe", "window"]));
    assert_eq!(v["short_circuits"]["map_get_default"], true);
    assert_eq!(v["simplify"]["utf8_normalize"], true);
    assert_eq!(v["config_defaults"]["map_normalize"]["default_sort_keys"], true);
    assert_eq!(v["config_defaults"]["span_make"]["default_col_unit"], "byte");
    assert_eq!(v["documentation"]["stable_hash64"]["section"], "Hashing Functions");
    assert!(snap.custom_udfs.contains(&"statistics_cache".to_string()));
}
