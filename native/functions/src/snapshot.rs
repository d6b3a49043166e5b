//! The registry snapshot (spec §4, seed 003 §5: the superset struct) and the documentation
//! snapshot behind `udf_docs()`.
//!
//! Unlike the reference (which froze the tables at registration time, spec §4.3), snapshots are
//! computed from the live session state, so functions created with `CREATE FUNCTION` and
//! configuration changes are reflected.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::execution::session_state::SessionState;
use datafusion::logical_expr::function::WindowUDFFieldArgs;
use datafusion::logical_expr::{
    Documentation, ReturnFieldArgs, Signature, TypeSignature, Volatility,
};
use serde_json::{json, Map, Value};

use crate::config::{CodeAnatomyUdfConfig, UdfConfigValue};
use crate::docs;
use crate::factory;
use crate::registry::{aggregate_udf_specs, scalar_udf_specs, table_udf_specs, window_udf_specs};

/// Table-function names of the static signature table (spec §4.1).
pub const TABLE_SIGNATURE_NAMES: &[&str] = &[
    "range_table",
    "read_parquet",
    "read_csv",
    "list_files_cache",
    "metadata_cache",
    "predicate_cache",
    "statistics_cache",
    "udf_registry",
    "udf_docs",
];

/// Snapshot of the catalog as registered in a session.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RegistrySnapshot {
    pub scalar: Vec<String>,
    pub aggregate: Vec<String>,
    pub window: Vec<String>,
    pub table: Vec<String>,
    pub aliases: BTreeMap<String, Vec<String>>,
    pub parameter_names: BTreeMap<String, Vec<String>>,
    pub volatility: BTreeMap<String, String>,
    pub rewrite_tags: BTreeMap<String, Vec<String>>,
    pub simplify: BTreeMap<String, bool>,
    pub coerce_types: BTreeMap<String, bool>,
    pub short_circuits: BTreeMap<String, bool>,
    pub signature_inputs: BTreeMap<String, Vec<Vec<String>>>,
    pub return_types: BTreeMap<String, Vec<String>>,
    pub config_defaults: BTreeMap<String, BTreeMap<String, UdfConfigValue>>,
    /// The static custom name set (catalog functions, independent of registration).
    pub custom_udfs: Vec<String>,
    /// Functions currently defined through `CREATE FUNCTION` (name → kind).
    pub ddl_functions: BTreeMap<String, String>,
    /// Documentation of the recorded functions.
    pub documentation: BTreeMap<String, DocEntry>,
}

/// One documentation record (`udf_docs()` row).
#[derive(Debug, Clone, PartialEq)]
pub struct DocEntry {
    pub kind: Option<String>,
    pub section: String,
    pub description: String,
    pub syntax: String,
    pub sql_example: Option<String>,
    pub arguments: Vec<(String, String)>,
    pub alternative_syntax: Vec<String>,
    pub related_udfs: Vec<String>,
}

impl DocEntry {
    fn from_doc(doc: &Documentation, kind: Option<String>) -> Self {
        Self {
            kind,
            section: doc.doc_section.label.to_string(),
            description: doc.description.clone(),
            syntax: doc.syntax_example.clone(),
            sql_example: doc.sql_example.clone(),
            arguments: doc.arguments.clone().unwrap_or_default(),
            alternative_syntax: doc.alternative_syntax.clone().unwrap_or_default(),
            related_udfs: doc.related_udfs.clone().unwrap_or_default(),
        }
    }

    fn to_json(&self) -> Value {
        json!({
            "kind": self.kind,
            "section": self.section,
            "description": self.description,
            "syntax": self.syntax,
            "sql_example": self.sql_example,
            "arguments": self.arguments.iter().map(|(n, d)| json!([n, d])).collect::<Vec<_>>(),
            "alternative_syntax": self.alternative_syntax,
            "related_udfs": self.related_udfs,
        })
    }
}

/// The static custom name set: every catalog name of every kind plus the static table names.
pub fn custom_udf_names() -> BTreeSet<String> {
    let mut names: BTreeSet<String> = BTreeSet::new();
    names.extend(scalar_udf_specs().iter().map(|s| s.name.to_string()));
    names.extend(aggregate_udf_specs().iter().map(|s| s.name.to_string()));
    names.extend(window_udf_specs().iter().map(|s| s.name.to_string()));
    names.extend(table_udf_specs().iter().map(|s| s.name.to_string()));
    names.extend(TABLE_SIGNATURE_NAMES.iter().map(|s| s.to_string()));
    names
}

/// Static rewrite tags (spec §4.2).
pub fn rewrite_tags_for(name: &str) -> Option<&'static [&'static str]> {
    Some(match name {
        "stable_hash64" | "stable_hash128" | "prefixed_hash64" | "stable_id" | "stable_hash_any"
        | "sha256" => &["hash"],
        "stable_id_parts" | "prefixed_hash_parts64" => &["id", "hash"],
        "col_to_byte" | "position_encoding_norm" => &["position_encoding"],
        "span_make" => &["span", "position_encoding"],
        "span_len" | "span_overlaps" | "span_contains" => &["span"],
        "span_id" => &["span", "id", "hash"],
        "interval_align_score" => &["interval", "alignment", "score"],
        "utf8_normalize" | "utf8_null_if_blank" => &["string_norm", "string"],
        "qname_normalize" => &["string_norm", "symbol", "string"],
        "map_get_default" | "map_normalize" => &["nested", "map"],
        "list_compact" | "list_unique_sorted" => &["nested", "list"],
        "struct_pick" => &["nested", "struct"],
        "cdf_change_rank" | "cdf_is_upsert" | "cdf_is_delete" => &["incremental", "cdf", "delta"],
        "list_unique" => &["list"],
        "collect_set" => &["aggregate", "deterministic", "list"],
        "count_if" | "any_value_det" | "arg_max" | "arg_min" => &["aggregate", "deterministic"],
        "asof_select" => &["aggregate", "asof"],
        "first_value_agg" | "last_value_agg" | "count_distinct_agg" => &["aggregate"],
        "string_agg" => &["aggregate", "string"],
        "dedupe_best_by_score" => &["dedupe", "window"],
        "row_number_window" | "lag_window" | "lead_window" => &["window"],
        "range_table" => &["table"],
        _ => return None,
    })
}

const SIMPLIFY: &[&str] = &[
    "stable_hash64",
    "stable_hash128",
    "prefixed_hash64",
    "stable_id",
    "stable_id_parts",
    "prefixed_hash_parts64",
    "stable_hash_any",
    "utf8_normalize",
];

/// Type name formatting of the snapshot (spec §4.1).
pub fn type_name(dt: &DataType) -> String {
    match dt {
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "string".into(),
        DataType::Int8 => "int8".into(),
        DataType::Int16 => "int16".into(),
        DataType::Int32 => "int32".into(),
        DataType::Int64 => "int64".into(),
        DataType::UInt8 => "uint8".into(),
        DataType::UInt16 => "uint16".into(),
        DataType::UInt32 => "uint32".into(),
        DataType::UInt64 => "uint64".into(),
        DataType::Boolean => "bool".into(),
        DataType::Float32 => "float32".into(),
        DataType::Float64 => "float64".into(),
        DataType::Null => "null".into(),
        DataType::List(f) | DataType::LargeList(f) => format!("list<{}>", type_name(f.data_type())),
        DataType::Struct(fields) => format!(
            "struct<{}>",
            fields
                .iter()
                .map(|f| format!("{}:{}", f.name(), type_name(f.data_type())))
                .collect::<Vec<_>>()
                .join(",")
        ),
        DataType::Map(entries, _) => match entries.data_type() {
            DataType::Struct(fields) if fields.len() >= 2 => format!(
                "map<{},{}>",
                type_name(fields[0].data_type()),
                type_name(fields[1].data_type())
            ),
            other => other.to_string().to_lowercase(),
        },
        DataType::Decimal128(p, s) | DataType::Decimal256(p, s) => format!("decimal({p},{s})"),
        other => other.to_string().to_lowercase(),
    }
}

/// Argument-type rows of a signature (spec §4.1 derivation; `Coercible` rendered with its first
/// example row, so the catalog's `OneOf([UserDefined, examples...])` lists its examples).
pub fn signature_rows(sig: &TypeSignature) -> Option<Vec<Vec<DataType>>> {
    match sig {
        TypeSignature::Exact(types) => Some(vec![types.clone()]),
        TypeSignature::OneOf(variants) => {
            let rows: Vec<Vec<DataType>> = variants
                .iter()
                .filter_map(signature_rows)
                .flatten()
                .collect();
            Some(rows)
        }
        TypeSignature::String(n) => Some(vec![vec![DataType::Utf8; *n]]),
        TypeSignature::Numeric(n) => Some(vec![vec![DataType::Float64; *n]]),
        TypeSignature::Uniform(n, types) => types.first().map(|t| vec![vec![t.clone(); *n]]),
        TypeSignature::Any(n) => Some(vec![vec![DataType::Null; *n]]),
        TypeSignature::UserDefined => Some(vec![vec![DataType::Null]]),
        TypeSignature::Nullary => Some(vec![vec![]]),
        TypeSignature::Coercible(_) => sig.get_example_types().into_iter().next().map(|r| vec![r]),
        _ => None,
    }
}

fn arity(sig: &TypeSignature) -> Option<usize> {
    match sig {
        TypeSignature::Exact(t) => Some(t.len()),
        TypeSignature::Uniform(n, _)
        | TypeSignature::Any(n)
        | TypeSignature::Numeric(n)
        | TypeSignature::String(n)
        | TypeSignature::Comparable(n) => Some(*n),
        TypeSignature::Coercible(c) => Some(c.len()),
        TypeSignature::Nullary => Some(0),
        TypeSignature::OneOf(v) => {
            let arities: BTreeSet<Option<usize>> = v.iter().map(arity).collect();
            if arities.len() == 1 {
                arities.into_iter().next().flatten()
            } else {
                None
            }
        }
        _ => None,
    }
}

fn has_user_defined(sig: &TypeSignature) -> bool {
    match sig {
        TypeSignature::UserDefined => true,
        TypeSignature::OneOf(v) => v.iter().any(has_user_defined),
        _ => false,
    }
}

fn volatility_name(v: Volatility) -> &'static str {
    match v {
        Volatility::Immutable => "immutable",
        Volatility::Stable => "stable",
        Volatility::Volatile => "volatile",
    }
}

fn fields_of(types: &[DataType]) -> Vec<FieldRef> {
    types
        .iter()
        .enumerate()
        .map(|(i, t)| Arc::new(Field::new(format!("arg_{i}"), t.clone(), true)))
        .collect()
}

/// Static table-function signature rows and return types.
fn table_signature(name: &str) -> Option<(Vec<Vec<&'static str>>, &'static str)> {
    const CACHE: &str = "struct<cache_name:string,event_time_unix_ms:int64,entry_count:int64,hit_count:int64,miss_count:int64,eviction_count:int64,config_ttl:string,config_limit:string>";
    Some(match name {
        "range_table" => (vec![vec!["int64", "int64"]], "struct<value:int64>"),
        "read_parquet" => (
            vec![
                vec!["string"],
                vec!["string", "int64"],
                vec!["string", "int64", "binary"],
                vec!["string", "int64", "string"],
            ],
            "struct<>",
        ),
        "read_csv" => (
            vec![
                vec!["string"],
                vec!["string", "int64"],
                vec!["string", "int64", "binary"],
                vec!["string", "int64", "string"],
                vec!["string", "int64", "binary", "bool"],
                vec!["string", "int64", "string", "bool"],
                vec!["string", "int64", "binary", "bool", "string"],
                vec!["string", "int64", "string", "bool", "string"],
                vec!["string", "int64", "binary", "bool", "string", "string"],
                vec!["string", "int64", "string", "bool", "string", "string"],
            ],
            "struct<>",
        ),
        "list_files_cache" | "metadata_cache" | "predicate_cache" | "statistics_cache" => {
            (vec![vec![]], CACHE)
        }
        "udf_registry" => (vec![vec![]], "struct<name:string,kind:string,volatility:string,aliases:list<string>,parameter_names:list<string>,simplify:bool,coerce_types:bool,short_circuits:bool>"),
        "udf_docs" => (vec![vec![]], "struct<name:string,kind:string,section:string,description:string,syntax:string,sql_example:string,argument_names:list<string>,argument_descriptions:list<string>,alternative_syntax:list<string>,related_udfs:list<string>>"),
        _ => return None,
    })
}

/// Builds the snapshot of `state`.
pub fn registry_snapshot(state: &SessionState) -> RegistrySnapshot {
    let custom = custom_udf_names();
    let ddl = factory::ddl_functions(state);
    let external = state.config().get_extension::<crate::ExternalFunctions>();
    let recorded = |name: &str| {
        custom.contains(name) || ddl.contains_key(name) || external.as_ref().is_some_and(|e| e.contains(name))
    };
    let mut snap = RegistrySnapshot {
        custom_udfs: custom.iter().cloned().collect(),
        ddl_functions: ddl.clone(),
        ..Default::default()
    };

    let record_sig = |snap: &mut RegistrySnapshot,
                          name: &str,
                          sig: &Signature,
                          ret: &dyn Fn(&[DataType]) -> Option<DataType>| {
        snap.volatility
            .insert(name.to_string(), volatility_name(sig.volatility).to_string());
        snap.coerce_types
            .insert(name.to_string(), has_user_defined(&sig.type_signature));
        if let Some(names) = &sig.parameter_names {
            snap.parameter_names.insert(name.to_string(), names.clone());
        }
        if let Some(rows) = signature_rows(&sig.type_signature) {
            let mut inputs = Vec::new();
            let mut returns = Vec::new();
            for r in rows {
                inputs.push(r.iter().map(type_name).collect::<Vec<_>>());
                returns.push(ret(&r).map(|t| type_name(&t)).unwrap_or_else(|| "null".into()));
            }
            snap.signature_inputs.insert(name.to_string(), inputs);
            snap.return_types.insert(name.to_string(), returns);
        }
    };

    for (key, udf) in state.scalar_functions() {
        if key != udf.name() || !recorded(key) {
            continue;
        }
        snap.scalar.push(key.clone());
        let u = Arc::clone(udf);
        record_sig(&mut snap, key, udf.signature(), &move |types: &[DataType]| {
            let fields = fields_of(types);
            let nones = vec![None; fields.len()];
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                u.return_field_from_args(ReturnFieldArgs {
                    arg_fields: &fields,
                    scalar_arguments: &nones,
                })
            }))
            .ok()
            .and_then(|r| r.ok())
            .map(|f| f.data_type().clone())
        });
        if SIMPLIFY.contains(&key.as_str()) {
            snap.simplify.insert(key.clone(), true);
        }
        snap.short_circuits.insert(key.clone(), udf.short_circuits());
        if !udf.aliases().is_empty() {
            snap.aliases.insert(key.clone(), udf.aliases().to_vec());
        }
    }
    for (key, udaf) in state.aggregate_functions() {
        if key != udaf.name() || !recorded(key) {
            continue;
        }
        snap.aggregate.push(key.clone());
        let u = Arc::clone(udaf);
        record_sig(&mut snap, key, udaf.signature(), &move |types: &[DataType]| {
            let fields = fields_of(types);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| u.return_field(&fields)))
                .ok()
                .and_then(|r| r.ok())
                .map(|f| f.data_type().clone())
        });
        if !udaf.aliases().is_empty() {
            snap.aliases.insert(key.clone(), udaf.aliases().to_vec());
        }
    }
    for (key, udwf) in state.window_functions() {
        if key != udwf.name() || !recorded(key) {
            continue;
        }
        snap.window.push(key.clone());
        let u = Arc::clone(udwf);
        let name = key.clone();
        record_sig(&mut snap, key, udwf.signature(), &move |types: &[DataType]| {
            let fields = fields_of(types);
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                u.field(WindowUDFFieldArgs::new(&fields, &name))
            }))
            .ok()
            .and_then(|r| r.ok())
            .map(|f| f.data_type().clone())
        });
        if !udwf.aliases().is_empty() {
            snap.aliases.insert(key.clone(), udwf.aliases().to_vec());
        }
    }
    for key in state.table_functions().keys() {
        if recorded(key) {
            snap.table.push(key.clone());
        }
    }
    for name in TABLE_SIGNATURE_NAMES {
        if let Some((rows, ret)) = table_signature(name) {
            snap.signature_inputs.insert(
                name.to_string(),
                rows.iter()
                    .map(|r| r.iter().map(|s| s.to_string()).collect())
                    .collect(),
            );
            snap.return_types
                .insert(name.to_string(), vec![ret.to_string(); rows.len()]);
        }
    }
    // (b) documentation argument names override signature names (built-ins included).
    for (name, entry) in docs_snapshot_with_kinds(state, &snap) {
        snap.parameter_names.insert(
            name.clone(),
            entry.arguments.iter().map(|(n, _)| n.clone()).collect(),
        );
        if recorded(&name) || snap.aliases.values().any(|a| a.contains(&name)) {
            snap.documentation.insert(name, entry);
        }
    }
    // (c) remaining scalar / aggregate / window keys: arg1..argN or empty.
    let fill = |snap: &mut RegistrySnapshot, key: &String, sig: &Signature| {
        if !snap.parameter_names.contains_key(key) {
            let names = match arity(&sig.type_signature) {
                Some(n) => (1..=n).map(|i| format!("arg{i}")).collect(),
                None => vec![],
            };
            snap.parameter_names.insert(key.clone(), names);
        }
    };
    for (k, f) in state.scalar_functions() {
        fill(&mut snap, k, f.signature());
    }
    for (k, f) in state.aggregate_functions() {
        fill(&mut snap, k, f.signature());
    }
    for (k, f) in state.window_functions() {
        fill(&mut snap, k, f.signature());
    }
    // Rewrite tags: canonical recorded names and alias names present in the session.
    let mut tagged: Vec<String> = snap
        .scalar
        .iter()
        .chain(&snap.aggregate)
        .chain(&snap.window)
        .chain(&snap.table)
        .cloned()
        .collect();
    tagged.extend(snap.aliases.values().flatten().cloned());
    for name in tagged {
        if let Some(tags) = rewrite_tags_for(&name) {
            snap.rewrite_tags
                .insert(name, tags.iter().map(|t| t.to_string()).collect());
        }
    }
    let cfg = CodeAnatomyUdfConfig::from_config(state.config_options());
    for name in &snap.scalar {
        if let Some(defaults) = cfg.defaults_for(name) {
            snap.config_defaults.insert(
                name.clone(),
                defaults.into_iter().map(|(k, v)| (k.to_string(), v)).collect(),
            );
        }
    }
    snap.scalar.sort();
    snap.aggregate.sort();
    snap.window.sort();
    snap.table.sort();
    snap
}

fn docs_snapshot_with_kinds(
    state: &SessionState,
    snap: &RegistrySnapshot,
) -> BTreeMap<String, DocEntry> {
    let mut kinds: BTreeMap<String, &'static str> = BTreeMap::new();
    for (list, kind) in [
        (&snap.scalar, "scalar"),
        (&snap.aggregate, "aggregate"),
        (&snap.window, "window"),
        (&snap.table, "table"),
    ] {
        for n in list {
            kinds.insert(n.clone(), kind);
            if let Some(aliases) = snap.aliases.get(n) {
                for a in aliases {
                    kinds.insert(a.clone(), kind);
                }
            }
        }
    }
    let mut out: BTreeMap<String, DocEntry> = BTreeMap::new();
    let kind_of = |n: &str| kinds.get(n).map(|k| k.to_string());
    for (k, f) in state.scalar_functions() {
        if let Some(d) = f.documentation() {
            out.entry(k.clone())
                .or_insert_with(|| DocEntry::from_doc(d, kind_of(k)));
        }
    }
    for (k, f) in state.aggregate_functions() {
        if let Some(d) = f.documentation() {
            out.entry(k.clone())
                .or_insert_with(|| DocEntry::from_doc(d, kind_of(k)));
        }
    }
    for (k, f) in state.window_functions() {
        if let Some(d) = f.documentation() {
            out.entry(k.clone())
                .or_insert_with(|| DocEntry::from_doc(d, kind_of(k)));
        }
    }
    for name in docs::TABLE_DOC_NAMES {
        if let Some(d) = docs::get(name) {
            out.insert(name.to_string(), DocEntry::from_doc(d, kind_of(name)));
        }
    }
    for (name, _) in factory::ddl_table_functions(state) {
        if let Some(d) = factory::ddl_table_doc(state, &name) {
            out.insert(name.clone(), DocEntry::from_doc(&d, kind_of(&name)));
        }
    }
    out
}

/// Documentation of every documented function of the session (spec §4.4 `registry_docs`).
pub fn docs_snapshot(state: &SessionState) -> BTreeMap<String, DocEntry> {
    let snap = registry_snapshot(state);
    docs_snapshot_with_kinds(state, &snap)
}

fn config_value_json(v: &UdfConfigValue) -> Value {
    match v {
        UdfConfigValue::Bool(b) => json!(b),
        UdfConfigValue::Int(i) => json!(i),
        UdfConfigValue::String(s) => json!(s),
    }
}

impl RegistrySnapshot {
    /// JSON rendering (keys as in the reference snapshot plus `ddl_functions` and `documentation`).
    pub fn to_json(&self) -> String {
        self.to_json_value().to_string()
    }

    /// JSON value rendering.
    pub fn to_json_value(&self) -> Value {
        let config_defaults: Map<String, Value> = self
            .config_defaults
            .iter()
            .map(|(k, m)| {
                (
                    k.clone(),
                    Value::Object(
                        m.iter()
                            .map(|(ck, cv)| (ck.clone(), config_value_json(cv)))
                            .collect(),
                    ),
                )
            })
            .collect();
        let documentation: Map<String, Value> = self
            .documentation
            .iter()
            .map(|(k, d)| (k.clone(), d.to_json()))
            .collect();
        json!({
            "scalar": self.scalar,
            "aggregate": self.aggregate,
            "window": self.window,
            "table": self.table,
            "aliases": self.aliases,
            "parameter_names": self.parameter_names,
            "volatility": self.volatility,
            "rewrite_tags": self.rewrite_tags,
            "simplify": self.simplify,
            "coerce_types": self.coerce_types,
            "short_circuits": self.short_circuits,
            "signature_inputs": self.signature_inputs,
            "return_types": self.return_types,
            "config_defaults": Value::Object(config_defaults),
            "custom_udfs": self.custom_udfs,
            "ddl_functions": self.ddl_functions,
            "documentation": Value::Object(documentation),
            "pycapsule_udfs": Vec::<String>::new(),
        })
    }

    /// Kind of a (canonical or alias) name, if recorded.
    pub fn kind_of(&self, name: &str) -> Option<&'static str> {
        for (list, kind) in [
            (&self.scalar, "scalar"),
            (&self.aggregate, "aggregate"),
            (&self.window, "window"),
            (&self.table, "table"),
        ] {
            if list.iter().any(|n| n == name) {
                return Some(kind);
            }
        }
        for (canonical, aliases) in &self.aliases {
            if aliases.iter().any(|a| a == name) {
                return self.kind_of(canonical);
            }
        }
        None
    }
}
