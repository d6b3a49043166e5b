//! Per-function SQL tests: values, NULLs and edge cases, by family.

mod common;

use std::collections::HashMap;
use std::sync::Arc;

use arrow::array::{Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{DataType, Field, Schema};
use common::*;
use datafusion::datasource::MemTable;
use datafusion::error::DataFusionError;

async fn check(ctx: &datafusion::prelude::SessionContext, cases: &[(&str, &str)]) {
    let mut failures = Vec::new();
    for (expr, expected) in cases {
        match eval(ctx, expr).await {
            Ok(v) if v == *expected => {}
            Ok(v) => failures.push(format!("{expr}: expected {expected:?}, got {v:?}")),
            Err(e) => failures.push(format!("{expr}: error {e}")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[tokio::test(flavor = "multi_thread")]
async fn hash_functions_edges() {
    let ctx = ctx();
    check(
        &ctx,
        &[
            ("arrow_typeof(stable_hash64('a'))", "Int64"),
            ("stable_hash64('a') >= 0", "true"),
            ("length(stable_hash128('a'))", "32"),
            ("stable_id_parts('p', 'a') = stable_id('p', 'a')", "true"),
            ("prefixed_hash_parts64('p', 'a') = prefixed_hash64('p', 'a')", "true"),
            // No escaping of the separator: ('p','a\x1fb') ≡ ('p','a','b').
            ("stable_id_parts('p', 'a' || chr(31) || 'b') = stable_id_parts('p', 'a', 'b')", "true"),
            ("stable_id_parts('p', NULL) = stable_id_parts('p', '__NULL__')", "true"),
            ("span_id('s','f',0,1) = stable_id_parts('s','f',0,1)", "true"),
            ("span_id('s','f',0,1) <> span_id('s','f',0,1,NULL)", "true"),
            ("stable_hash_any(NULL) = stable_hash_any('__NULL__')", "true"),
        ],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn text_functions() {
    let ctx = ctx();
    check(
        &ctx,
        &[
            ("utf8_normalize(NULL)", "NULL"),
            ("utf8_normalize('  A  B  ', NULL, false)", "A B"),
            ("utf8_normalize('  A  B  ', 'NFC', false, false)", "A  B"),
            ("utf8_normalize('x', 'garbage')", "x"),
            ("utf8_null_if_blank('  a b ')", "a b"),
            ("utf8_null_if_blank('   ')", "NULL"),
            ("utf8_null_if_blank(NULL)", "NULL"),
            ("null_if_blank(arrow_cast(' x ', 'LargeUtf8'))", "x"),
            ("qname_normalize(NULL, 'm')", "NULL"),
            ("qname_normalize('  ', 'm')", "NULL"),
            ("qname_normalize('X', NULL)", "x"),
            ("qname_normalize('X', '  ', 'python')", "x"),
            ("qname_normalize('Ｆoo', 'A  B')", "a b.foo"),
        ],
    )
    .await;
}

#[tokio::test(flavor = "multi_thread")]
async fn span_functions() {
    let ctx = ctx();
    check(
        &ctx,
        &[
            ("span_len(span_make(3, 10))", "7"),
            ("span_len(span(3, NULL))", "NULL"),
            ("span_make(1, 5)['col_unit']", "byte"),
            ("span_make(1, 5)['end_exclusive']", "true"),
            ("span_make(1, 5)['line_base']", "0"),
            ("span_make(1, 5, 1, 'utf16', 'no')['end_exclusive']", "false"),
            ("span_make(1, 5, NULL, NULL, NULL)['col_unit']", "byte"),
            ("span_make(1, 5, NULL)['line_base']", "NULL"),
            ("span_make('1', 5.9)['bend']", "5"),
            ("span_overlaps(span_make(0, NULL), span_make(0, 1))", "NULL"),
            ("span_contains(span_make(0, 10), span_make(2, 10))", "true"),
            ("span_contains(span_make(0, 9), span_make(2, 10))", "false"),
            ("span_contains(span_make(0, 9, 0, 'byte', false), span_make(2, 10))", "true"),
            ("interval_align_score(0, 5, '10', 20.9)", "-10"),
            ("interval_align_score(0, 5, NULL, 20)", "NULL"),
            ("col_to_byte('é😀x', 2, 'UTF32')", "6"),
            ("col_to_byte('é😀x', 3, 'utf16le')", "6"),
            ("col_to_byte('é😀x', 3, '2')", "6"),
            ("col_to_byte('éx', 2, 'UTF8')", "2"),
            ("col_to_byte('abc', -4, 'UTF32')", "0"),
            ("col_to_byte('abc', 99, 'bytes')", "3"),
            ("col_to_byte('abc', 2, NULL)", "2"),
            ("col_to_byte(NULL, 2, 'BYTE')", "NULL"),
            ("col_to_byte('abc', NULL, 'BYTE')", "NULL"),
            ("position_encoding_norm('utf-16')", "3"),
            ("position_encoding_norm('UTF16')", "2"),
            ("position_encoding_norm(NULL)", "3"),
        ],
    )
    .await;
    let e = err(&ctx, "SELECT col_to_byte('é😀x', 2, 'UTF16')").await;
    assert!(e.to_string().contains("invalid utf-16: lone surrogate found"), "{e}");
    let e = err(&ctx, "SELECT col_to_byte('éx', 1, 'UTF8')").await;
    assert!(e.to_string().contains("incomplete utf-8 byte sequence"), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn nested_functions() {
    let ctx = ctx();
    check(
        &ctx,
        &[
            ("map_get_default(map(['a','b'], ['x','y']), 'b', 'd')", "y"),
            ("map_get_default(map(['a','b'], ['x','y']), 'c', 'd')", "d"),
            ("map_get_default(map(['a','b'], ['x','y']), 'c', NULL)", "NULL"),
            ("map_get_default(map(['a','b'], [NULL, 'z']), 'a', 'd')", "d"),
            ("map_get_default(CASE WHEN false THEN map(['a'], ['x']) END, 'a', 'd')", "d"),
            ("map_get_default(map([1, 2], [10, 20]), '2', 'd')", "20"),
            ("array_to_string(map_keys(map_normalize(map(['B','a'], ['1','2']))), ',')", "a,b"),
            ("array_to_string(map_values(map_normalize(map(['B','a'], ['1','2']))), ',')", "2,1"),
            ("array_to_string(map_keys(map_normalize(map(['B','a'], ['1','2']), 'upper', false)), ',')", "B,A"),
            ("array_to_string(map_keys(map_normalize(map(['B','a'], ['1','2']), 'none')), ',')", "B,a"),
            ("array_to_string(list_compact([1, NULL, 2, 1]), ',')", "1,2,1"),
            ("array_to_string(array_compact(['b', NULL]), ',')", "b"),
            ("list_compact(CAST(NULL AS INT[]))", "NULL"),
            ("array_to_string(list_unique_sorted(['b', 'a', NULL, 'b']), ',')", "a,b"),
            ("array_to_string(array_unique_sorted([1.5, 2.0]), ',')", "1.5,2"),
            ("struct_pick(named_struct('a', 1, 'b', 2, 'c', 3), 'c', 'a')['c']", "3"),
            ("struct_select(named_struct('a', 1, 'b', 2), ' b ')['b']", "2"),
            ("arrow_typeof(list_compact([1]))", "List(Utf8)"),
        ],
    )
    .await;
    let e = err(&ctx, "SELECT struct_pick(named_struct('a', 1), 'zz')").await;
    assert!(e.to_string().contains("struct_pick field not found in struct: zz"), "{e}");
    let e = err(&ctx, "SELECT map_get_default(map(['a'], ['x']), 'a')").await;
    assert!(e.to_string().contains("map_get_default expects exactly three arguments"), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn metadata_and_cdf_functions() {
    let ctx = ctx();
    let schema = Arc::new(Schema::new(vec![
        Field::new("code", DataType::Utf8, true).with_metadata(HashMap::from([
            ("line_base".to_string(), "10".to_string()),
            ("a".to_string(), "1".to_string()),
        ])),
        Field::new("score", DataType::Int64, true),
    ]));
    let batch = RecordBatch::try_new(
        Arc::clone(&schema),
        vec![
            Arc::new(StringArray::from(vec![Some("x"), None])),
            Arc::new(Int64Array::from(vec![Some(3), None])),
        ],
    )
    .unwrap();
    ctx.register_table("m", Arc::new(MemTable::try_new(schema, vec![vec![batch]]).unwrap()))
        .unwrap();
    let r = rows(&ctx, "SELECT arrow_metadata(code, 'line_base'), arrow_metadata(code, 'zz'), arrow_metadata(code)['a'] FROM m")
        .await
        .unwrap();
    assert_eq!(r[0], vec!["10", "NULL", "1"]);
    let r = rows(&ctx, "SELECT semantic_tag('node', code), cpg_score(score), arrow_typeof(cpg_score(score)) FROM m")
        .await
        .unwrap();
    assert_eq!(r[0], vec!["x", "3", "Float64"]);
    assert_eq!(r[1][1], "NULL");
    // semantic_tag metadata is visible through arrow_metadata
    check(
        &ctx,
        &[
            ("arrow_metadata(semantic_tag('edge_id', 1), 'semantic_type')", "EdgeId"),
            ("arrow_metadata(semantic_tag(' Custom ', 1), 'semantic_type')", "Custom"),
            ("cdf_change_rank('update_postimage')", "3"),
            ("cdf_change_rank(' INSERT ')", "2"),
            ("cdf_change_rank('delete')", "1"),
            ("cdf_change_rank('update_preimage')", "0"),
            ("cdf_change_rank('other')", "-1"),
            ("cdf_change_rank(NULL)", "NULL"),
            ("cdf_is_upsert('insert')", "true"),
            ("cdf_is_upsert('delete')", "false"),
            ("cdf_is_delete('delete')", "true"),
            ("cdf_is_delete(NULL)", "NULL"),
        ],
    )
    .await;
    let e = err(&ctx, "SELECT semantic_tag('  ', 1)").await;
    assert!(e.to_string().contains("semantic_tag requires a non-empty semantic_type literal"), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn aggregates_and_windows() {
    let ctx = ctx();
    let q = |sql: &'static str| {
        let ctx = ctx.clone();
        async move { rows(&ctx, sql).await.unwrap() }
    };
    let r = q("SELECT array_to_string(list_unique(v) IGNORE NULLS, ',', 'N'), array_to_string(list_unique(v) RESPECT NULLS, ',', 'N'), count_distinct_agg(v) IGNORE NULLS, count_distinct_agg(v), array_to_string(collect_set(v), ',', 'N') FROM (VALUES ('a'), (NULL), ('a')) t(v)").await;
    assert_eq!(r[0], vec!["a", "a,N", "1", "2", "a,N"]);
    let r = q("SELECT count_distinct_agg(v) FROM (SELECT 'a' AS v) t WHERE false").await;
    assert_eq!(r[0], vec!["0"]);
    let r = q("SELECT array_to_string(list_unique(v) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW), ',') FROM (VALUES (1,'a'),(2,'b'),(3,'c')) t(ts, v) ORDER BY ts").await;
    assert_eq!(r, vec![vec!["a"], vec!["a,b"], vec!["b,c"]]);
    let r = q("SELECT count_distinct_agg(v) OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1,'a'),(2,'b'),(3,'b')) t(ts, v) ORDER BY ts").await;
    assert_eq!(r, vec![vec!["1"], vec!["2"], vec!["1"]]);
    let r = q("SELECT count_distinct_agg(v) IGNORE NULLS OVER (ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) FROM (VALUES (1,'a'),(2,'b'),(3,'a'),(4,NULL)) t(ts, v) ORDER BY ts").await;
    assert_eq!(r, vec![vec!["1"], vec!["2"], vec!["2"], vec!["1"]]);
    let r = q("SELECT asof_select(v, k), arg_max(v, k), arg_min(v, k), any_value_det(v, k) FROM (VALUES ('a',1),('b',3),('c',2)) t(v, k)").await;
    assert_eq!(r[0], vec!["b", "b", "a", "a"]);
    let r = q("SELECT arg_max(v, k), arg_min(v, k) FROM (VALUES ('z',1),('b',1),(NULL,5),('q',NULL)) t(v, k)").await;
    assert_eq!(r[0], vec!["b", "b"]);
    let r = q("SELECT arg_max(v, k) FROM (SELECT 'a' AS v, 1 AS k) t WHERE false").await;
    assert_eq!(r[0], vec!["NULL"]);
    let r = q("SELECT count_if(b), count_if(b) FILTER (WHERE i > 1) FROM (VALUES (true,1),(false,2),(NULL,3),(true,4)) t(b,i)").await;
    assert_eq!(r[0], vec!["2", "1"]);
    let r = q("SELECT key, score, dedupe_best_by_score() OVER (PARTITION BY key ORDER BY score DESC) FROM (VALUES ('a',1),('a',2),('b',3)) t(key, score) ORDER BY key, score").await;
    assert_eq!(r, vec![vec!["a", "1", "2"], vec!["a", "2", "1"], vec!["b", "3", "1"]]);
    let r = q("SELECT row_number_window() OVER (ORDER BY x), lag_window(x) OVER (ORDER BY x), lead_window(x) OVER (ORDER BY x) FROM (VALUES (1),(2)) t(x) ORDER BY x").await;
    assert_eq!(r, vec![vec!["1", "NULL", "2"], vec!["2", "1", "NULL"]]);
    let r = q("SELECT first_value_agg(x ORDER BY x), last_value_agg(x ORDER BY x), string_agg(CAST(x AS VARCHAR), '|' ORDER BY x) FROM (VALUES (2),(1)) t(x)").await;
    assert_eq!(r[0], vec!["1", "2", "1|2"]);
    // grouped aggregation (merge path through the state)
    let r = q("SELECT g, count_distinct_agg(v), array_to_string(list_unique(v), ',') FROM (VALUES (1,'b'),(1,'a'),(2,'c'),(1,'b')) t(g,v) GROUP BY g ORDER BY g").await;
    assert_eq!(r, vec![vec!["1", "2", "a,b"], vec!["2", "1", "c"]]);
    let plan = q("EXPLAIN SELECT list_unique(v) OVER (ORDER BY v) FROM (VALUES ('a')) t(v)").await;
    let text: String = plan.iter().flatten().cloned().collect();
    assert!(text.contains("WindowAgg"), "{text}");
}

#[tokio::test(flavor = "multi_thread")]
async fn table_functions() {
    let ctx = ctx();
    let r = rows(&ctx, "SELECT value FROM range_table(1, 4) ORDER BY value").await.unwrap();
    assert_eq!(r, vec![vec!["1"], vec!["2"], vec!["3"]]);
    let r = rows(&ctx, "SELECT name FROM udf_docs() WHERE name = 'stable_hash64'").await.unwrap();
    assert_eq!(r, vec![vec!["stable_hash64"]]);
    let r = rows(&ctx, "SELECT kind, section FROM udf_docs() WHERE name = 'hash64'").await.unwrap();
    assert_eq!(r, vec![vec!["scalar", "Hashing Functions"]]);
    let r = rows(&ctx, "SELECT kind, volatility, array_to_string(aliases, ','), simplify, short_circuits FROM udf_registry() WHERE name IN ('stable_hash64', 'map_get_default', 'row_number') ORDER BY name").await.unwrap();
    assert_eq!(
        r,
        vec![
            vec!["scalar", "immutable", "", "false", "true"],
            vec!["window", "immutable", "row_number_window,dedupe_best_by_score", "false", "false"],
            vec!["scalar", "immutable", "hash64", "true", "false"],
        ]
    );
    let e = err(&ctx, "SELECT * FROM udf_registry(1)").await;
    assert!(e.to_string().contains("udf_registry does not accept arguments"), "{e}");

    let dir = std::env::temp_dir().join(format!("ca_fn_{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let csv = dir.join("four.csv");
    std::fs::write(&csv, "a,b\n1,x\n2,y\n3,z\n4,w\n").unwrap();
    let p = csv.to_string_lossy().to_string();
    let r = rows(&ctx, &format!("SELECT COUNT(*) FROM read_csv('{p}', 1 + 1)")).await.unwrap();
    assert_eq!(r, vec![vec!["2"]]);
    let r = rows(&ctx, &format!("SELECT SUM(a) FROM read_csv('{p}')")).await.unwrap();
    assert_eq!(r, vec![vec!["10"]]);
    let semi = dir.join("semi.txt");
    std::fs::write(&semi, "1;x\n2;y\n").unwrap();
    let r = rows(
        &ctx,
        &format!("SELECT COUNT(*) FROM read_csv('{}', NULL, NULL, false, ';')", semi.to_string_lossy()),
    )
    .await
    .unwrap();
    assert_eq!(r, vec![vec!["2"]]);
    let e = err(&ctx, "SELECT * FROM read_csv(random())").await;
    assert!(e.to_string().contains("read_csv expects a literal string path argument"), "{e}");
    let e = err(&ctx, "SELECT * FROM read_parquet(random())").await;
    assert!(e.to_string().contains("read_parquet"), "{e}");
    let e = err(&ctx, &format!("SELECT * FROM read_csv('{p}', 'x')")).await;
    assert!(e.to_string().contains("read_csv expects limit to be an integer literal"), "{e}");
    let e = err(&ctx, &format!("SELECT * FROM read_csv('{p}', 1, NULL, NULL, ';;')")).await;
    assert!(e.to_string().contains("single character"), "{e}");
    // parquet round trip
    let pq = dir.join("t.parquet");
    ctx.sql(&format!("COPY (SELECT 1 AS x UNION ALL SELECT 2) TO '{}' STORED AS PARQUET", pq.to_string_lossy()))
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let r = rows(&ctx, &format!("SELECT SUM(x) FROM read_parquet('{}')", pq.to_string_lossy())).await.unwrap();
    assert_eq!(r, vec![vec!["3"]]);
    let _ = std::fs::remove_dir_all(&dir);
}

#[tokio::test(flavor = "multi_thread")]
async fn config_extension() {
    let ctx = ctx();
    assert_eq!(eval(&ctx, "utf8_normalize('ﬁle')").await.unwrap(), "file");
    ctx.sql("SET codeanatomy_udf.utf8_normalize_form = 'NFC'").await.unwrap();
    assert_eq!(eval(&ctx, "utf8_normalize('ﬁle')").await.unwrap(), "ﬁle");
    ctx.sql("SET codeanatomy_udf.utf8_normalize_casefold = false").await.unwrap();
    assert_eq!(eval(&ctx, "utf8_normalize('AB')").await.unwrap(), "AB");
    ctx.sql("SET codeanatomy_udf.span_default_line_base = 1").await.unwrap();
    ctx.sql("SET codeanatomy_udf.span_default_col_unit = 'utf16'").await.unwrap();
    ctx.sql("SET codeanatomy_udf.span_default_end_exclusive = 'no'").await.unwrap();
    assert_eq!(eval(&ctx, "span_make(1, 2)['line_base']").await.unwrap(), "1");
    assert_eq!(eval(&ctx, "span(1, 2)['col_unit']").await.unwrap(), "utf16");
    assert_eq!(eval(&ctx, "span_make(1, 2)['end_exclusive']").await.unwrap(), "false");
    assert_eq!(
        eval(&ctx, "arrow_metadata(span(1, 2), 'col_unit')").await.unwrap(),
        "utf16"
    );
    ctx.sql("SET codeanatomy_udf.map_normalize_key_case = 'upper'").await.unwrap();
    assert_eq!(
        eval(&ctx, "array_to_string(map_keys(map_normalize(map(['b','a'], ['1','2']))), ',')").await.unwrap(),
        "A,B"
    );
    let r = rows(&ctx, "SELECT value FROM information_schema.df_settings WHERE name = 'codeanatomy_udf.map_normalize_key_case'").await.unwrap();
    assert_eq!(r, vec![vec!["upper"]]);
    let snap = codeanatomy_functions::registry_snapshot(&ctx);
    let v: serde_json::Value = serde_json::from_str(&snap.to_json()).unwrap();
    assert_eq!(v["config_defaults"]["span_make"]["default_line_base"], 1);
    assert_eq!(v["config_defaults"]["utf8_normalize"]["default_form"], "NFC");

    let e = err(&ctx, "SET codeanatomy_udf.nope = 1").await;
    assert!(matches!(root(&e), DataFusionError::Configuration(_)), "{e:?}");
    assert!(e.to_string().contains("Unknown CodeAnatomy UDF config key: nope"), "{e}");
    let e = err(&ctx, "SET codeanatomy_udf.utf8_normalize_casefold = 'maybe'").await;
    assert!(matches!(root(&e), DataFusionError::Configuration(_)), "{e:?}");
    assert!(e.to_string().contains("utf8_normalize_casefold"), "{e}");
    let e = err(&ctx, "SET codeanatomy_udf.span_default_line_base = 'x'").await;
    assert!(e.to_string().contains("Invalid integer for span_default_line_base: x"), "{e}");

    // programmatic (runtime profile) path
    let mut config = codeanatomy_functions::session_config_with_extensions(Default::default());
    config
        .options_mut()
        .set("codeanatomy_udf.utf8_normalize_collapse_ws", "false")
        .unwrap();
    let e = config.options_mut().set("codeanatomy_udf.bogus", "1").unwrap_err();
    assert!(e.to_string().contains("bogus"));
    let ctx2 = datafusion::prelude::SessionContext::new_with_config(config);
    codeanatomy_functions::register_all(&ctx2).unwrap();
    assert_eq!(eval(&ctx2, "utf8_normalize(' a   b ')").await.unwrap(), "a   b");
}

#[tokio::test(flavor = "multi_thread")]
async fn bad_input_is_a_planning_error() {
    let ctx = ctx();
    for (sql, needle) in [
        ("SELECT stable_id_parts('a')", "stable_id_parts"),
        ("SELECT span_make(1)", "span_make"),
        ("SELECT span_id('a', 'b', 1)", "span_id"),
        ("SELECT stable_hash64(1, 2)", "stable_hash64"),
        ("SELECT stable_hash_any()", "stable_hash_any"),
        ("SELECT utf8_normalize('a', 'b', true, true, 1)", "utf8_normalize"),
        ("SELECT span_len(1)", "span_len"),
        ("SELECT span_overlaps(1, 2)", "span_overlaps"),
        ("SELECT list_compact(1)", "list_compact"),
        ("SELECT map_normalize('x')", "map_normalize"),
        ("SELECT arg_max('a')", "arg_max"),
        ("SELECT col_to_byte('a', 'b')", "col_to_byte"),
        ("SELECT qname_normalize()", "qname_normalize"),
    ] {
        let e = err(&ctx, sql).await;
        assert!(
            matches!(root(&e), DataFusionError::Plan(_)),
            "{sql}: expected Plan error, got {e:?}"
        );
        let msg = e.to_string();
        assert!(msg.contains(needle), "{sql}: {msg}");
    }
    let e = err(&ctx, "SELECT span_make(1)").await;
    assert!(e.to_string().contains("Accepted signatures"), "{e}");
}

#[tokio::test(flavor = "multi_thread")]
async fn domain_expr_planner() {
    let ctx = ctx();
    assert!(codeanatomy_functions::install_expr_planners(&ctx, &[]).is_err());
    let e = codeanatomy_functions::install_expr_planners(&ctx, &["x", "y"]).unwrap_err();
    assert!(e.to_string().contains("Unsupported ExprPlanner names: x, y"));
    codeanatomy_functions::install_expr_planners(&ctx, &["codeanatomy_domain"]).unwrap();
    ctx.sql("CREATE TABLE p AS SELECT named_struct('name', 'n1', 'k', 2) AS payload, [1, 2, 3] AS xs")
        .await
        .unwrap()
        .collect()
        .await
        .unwrap();
    let r = rows(&ctx, "SELECT payload->'name', xs @> [2, 3], [5] <@ xs FROM p").await.unwrap();
    assert_eq!(r, vec![vec!["n1", "true", "false"]]);
    let plan = rows(&ctx, "EXPLAIN SELECT payload->'name' FROM p").await.unwrap();
    let text: String = plan.iter().flatten().cloned().collect();
    assert!(text.contains("get_field"), "{text}");
}
