//! Table functions (spec §1d): range_table, udf_registry, udf_docs, read_parquet, read_csv.
//!
//! `udf_registry()` and `udf_docs()` are computed from the calling session at planning time (the
//! reference froze them at registration; here DDL functions and config changes are visible).

use std::str::FromStr;
use std::sync::Arc;

use arrow::array::{ArrayRef, BooleanBuilder, ListBuilder, RecordBatch, StringBuilder};
use arrow::datatypes::{DataType, Field, Schema, SchemaRef};
use async_trait::async_trait;
use datafusion::catalog::{Session, TableFunctionArgs, TableFunctionImpl, TableProvider};
use datafusion::common::{DFSchema, Result, ScalarValue};
use datafusion::datasource::file_format::csv::CsvFormat;
use datafusion::datasource::file_format::file_compression_type::FileCompressionType;
use datafusion::datasource::file_format::parquet::ParquetFormat;
use datafusion::datasource::file_format::FileFormat;
use datafusion::datasource::listing::{
    ListingOptions, ListingTable, ListingTableConfig, ListingTableUrl,
};
use datafusion::datasource::MemTable;
use datafusion::execution::session_state::SessionState;
use datafusion::logical_expr::simplify::SimplifyContext;
use datafusion::logical_expr::{Expr, TableType};
use datafusion::optimizer::simplify_expressions::ExprSimplifier;
use datafusion::physical_plan::coalesce_partitions::CoalescePartitionsExec;
use datafusion::physical_plan::limit::GlobalLimitExec;
use datafusion::physical_plan::{ExecutionPlan, ExecutionPlanProperties};

use crate::common::plan_error;
use crate::snapshot::{docs_snapshot, registry_snapshot};

/// `range_table(start, end)`: DataFusion's `range` implementation.
pub fn range_table() -> Arc<dyn TableFunctionImpl> {
    Arc::new(datafusion::functions_table::generate_series::RangeFunc {})
}

fn session_state<'a>(args: &'a TableFunctionArgs, name: &str) -> Result<&'a SessionState> {
    args.session()
        .as_any()
        .downcast_ref::<SessionState>()
        .ok_or_else(|| plan_error(format!("{name} requires a DataFusion SessionState")))
}

fn utf8_list_field(name: &str) -> Field {
    Field::new(
        name,
        DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true))),
        true,
    )
}

fn mem_table(schema: SchemaRef, columns: Vec<ArrayRef>) -> Result<Arc<dyn TableProvider>> {
    let batch = RecordBatch::try_new(Arc::clone(&schema), columns)?;
    Ok(Arc::new(MemTable::try_new(schema, vec![vec![batch]])?))
}

/// `udf_registry()`.
#[derive(Debug)]
pub struct UdfRegistryFunc;

/// Builds `udf_registry`.
pub fn udf_registry() -> Arc<dyn TableFunctionImpl> {
    Arc::new(UdfRegistryFunc)
}

impl TableFunctionImpl for UdfRegistryFunc {
    fn call_with_args(&self, args: TableFunctionArgs) -> Result<Arc<dyn TableProvider>> {
        if !args.exprs().is_empty() {
            return Err(plan_error("udf_registry does not accept arguments"));
        }
        let snap = registry_snapshot(session_state(&args, "udf_registry")?);
        let schema = Arc::new(Schema::new(vec![
            Field::new("name", DataType::Utf8, false),
            Field::new("kind", DataType::Utf8, false),
            Field::new("volatility", DataType::Utf8, false),
            utf8_list_field("aliases"),
            utf8_list_field("parameter_names"),
            Field::new("simplify", DataType::Boolean, false),
            Field::new("coerce_types", DataType::Boolean, false),
            Field::new("short_circuits", DataType::Boolean, false),
        ]));
        let mut name = StringBuilder::new();
        let mut kind = StringBuilder::new();
        let mut vol = StringBuilder::new();
        let mut aliases = ListBuilder::new(StringBuilder::new());
        let mut params = ListBuilder::new(StringBuilder::new());
        let mut simplify = BooleanBuilder::new();
        let mut coerce = BooleanBuilder::new();
        let mut short = BooleanBuilder::new();
        for (list, k) in [
            (&snap.scalar, "scalar"),
            (&snap.aggregate, "aggregate"),
            (&snap.window, "window"),
            (&snap.table, "table"),
        ] {
            for n in list {
                name.append_value(n);
                kind.append_value(k);
                vol.append_value(snap.volatility.get(n).map(String::as_str).unwrap_or("unknown"));
                for a in snap.aliases.get(n).into_iter().flatten() {
                    aliases.values().append_value(a);
                }
                aliases.append(true);
                for p in snap.parameter_names.get(n).into_iter().flatten() {
                    params.values().append_value(p);
                }
                params.append(true);
                simplify.append_value(snap.simplify.get(n).copied().unwrap_or(false));
                coerce.append_value(snap.coerce_types.get(n).copied().unwrap_or(false));
                short.append_value(snap.short_circuits.get(n).copied().unwrap_or(false));
            }
        }
        mem_table(
            schema,
            vec![
                Arc::new(name.finish()),
                Arc::new(kind.finish()),
                Arc::new(vol.finish()),
                Arc::new(aliases.finish()),
                Arc::new(params.finish()),
                Arc::new(simplify.finish()),
                Arc::new(coerce.finish()),
                Arc::new(short.finish()),
            ],
        )
    }
}

/// `udf_docs()`.
#[derive(Debug)]
pub struct UdfDocsFunc;

/// Builds `udf_docs`.
pub fn udf_docs() -> Arc<dyn TableFunctionImpl> {
    Arc::new(UdfDocsFunc)
}

impl TableFunctionImpl for UdfDocsFunc {
    fn call_with_args(&self, args: TableFunctionArgs) -> Result<Arc<dyn TableProvider>> {
        if !args.exprs().is_empty() {
            return Err(plan_error("udf_docs does not accept arguments"));
        }
        let docs = docs_snapshot(session_state(&args, "udf_docs")?);
        let schema = Arc::new(Schema::new(vec![
            Field::new("name", DataType::Utf8, false),
            Field::new("kind", DataType::Utf8, true),
            Field::new("section", DataType::Utf8, false),
            Field::new("description", DataType::Utf8, false),
            Field::new("syntax", DataType::Utf8, false),
            Field::new("sql_example", DataType::Utf8, true),
            utf8_list_field("argument_names"),
            utf8_list_field("argument_descriptions"),
            utf8_list_field("alternative_syntax"),
            utf8_list_field("related_udfs"),
        ]));
        let mut name = StringBuilder::new();
        let mut kind = StringBuilder::new();
        let mut section = StringBuilder::new();
        let mut desc = StringBuilder::new();
        let mut syntax = StringBuilder::new();
        let mut example = StringBuilder::new();
        let mut arg_names = ListBuilder::new(StringBuilder::new());
        let mut arg_descs = ListBuilder::new(StringBuilder::new());
        let mut alt = ListBuilder::new(StringBuilder::new());
        let mut related = ListBuilder::new(StringBuilder::new());
        for (n, d) in &docs {
            name.append_value(n);
            kind.append_option(d.kind.as_deref());
            section.append_value(&d.section);
            desc.append_value(&d.description);
            syntax.append_value(&d.syntax);
            example.append_option(d.sql_example.as_deref());
            for (an, ad) in &d.arguments {
                arg_names.values().append_value(an);
                arg_descs.values().append_value(ad);
            }
            arg_names.append(true);
            arg_descs.append(true);
            for s in &d.alternative_syntax {
                alt.values().append_value(s);
            }
            alt.append(true);
            for s in &d.related_udfs {
                related.values().append_value(s);
            }
            related.append(true);
        }
        mem_table(
            schema,
            vec![
                Arc::new(name.finish()),
                Arc::new(kind.finish()),
                Arc::new(section.finish()),
                Arc::new(desc.finish()),
                Arc::new(syntax.finish()),
                Arc::new(example.finish()),
                Arc::new(arg_names.finish()),
                Arc::new(arg_descs.finish()),
                Arc::new(alt.finish()),
                Arc::new(related.finish()),
            ],
        )
    }
}

// ------------------------------------------------------------------------------------------------

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileKind {
    Parquet,
    Csv,
}

/// `read_parquet(path [, limit [, schema_ipc]])` / `read_csv(path [, limit [, schema_ipc [,
/// has_header [, delimiter [, compression]]]]])`.
#[derive(Debug)]
pub struct ReadFiles {
    kind: FileKind,
}

/// Builds `read_parquet`.
pub fn read_parquet() -> Arc<dyn TableFunctionImpl> {
    Arc::new(ReadFiles {
        kind: FileKind::Parquet,
    })
}

/// Builds `read_csv`.
pub fn read_csv() -> Arc<dyn TableFunctionImpl> {
    Arc::new(ReadFiles { kind: FileKind::Csv })
}

fn hex_decode(text: &str) -> std::result::Result<Vec<u8>, String> {
    let t = text.trim();
    if t.len() % 2 != 0 {
        return Err("Odd number of digits".to_string());
    }
    let mut out = Vec::with_capacity(t.len() / 2);
    let bytes = t.as_bytes();
    for i in (0..bytes.len()).step_by(2) {
        let pair = std::str::from_utf8(&bytes[i..i + 2]).map_err(|e| e.to_string())?;
        out.push(
            u8::from_str_radix(pair, 16)
                .map_err(|_| format!("Invalid character {:?} at position {i}", pair))?,
        );
    }
    Ok(out)
}

fn schema_from_ipc(bytes: &[u8]) -> Result<SchemaRef> {
    let reader = arrow::ipc::reader::StreamReader::try_new(std::io::Cursor::new(bytes), None)
        .map_err(|e| plan_error(format!("Failed to open schema IPC stream: {e}")))?;
    Ok(reader.schema())
}

/// Runs a future to completion from synchronous planning code, on a dedicated thread with its
/// own runtime (safe from within any Tokio runtime flavour, never `block_in_place`).
fn block_on<F, T>(fut: F) -> Result<T>
where
    F: std::future::Future<Output = Result<T>> + Send,
    T: Send,
{
    std::thread::scope(|s| {
        s.spawn(|| {
            let rt = tokio::runtime::Builder::new_current_thread()
                .enable_all()
                .build()
                .map_err(|e| plan_error(format!("failed to start runtime: {e}")))?;
            rt.block_on(fut)
        })
        .join()
        .unwrap_or_else(|_| Err(plan_error("table function worker thread panicked")))
    })
}

impl ReadFiles {
    fn name(&self) -> &'static str {
        match self.kind {
            FileKind::Parquet => "read_parquet",
            FileKind::Csv => "read_csv",
        }
    }
}

impl TableFunctionImpl for ReadFiles {
    fn call_with_args(&self, args: TableFunctionArgs) -> Result<Arc<dyn TableProvider>> {
        let name = self.name();
        let max = match self.kind {
            FileKind::Parquet => 3,
            FileKind::Csv => 6,
        };
        let exprs = args.exprs();
        if exprs.len() > max {
            return Err(plan_error(format!("{name} expects at most {max} arguments")));
        }
        if exprs.is_empty() {
            return Err(plan_error(format!("{name} expects at least one argument")));
        }
        // Constant-fold every argument; a NULL literal counts as omitted.
        let simplifier = ExprSimplifier::new(
            SimplifyContext::builder()
                .with_schema(Arc::new(DFSchema::empty()))
                .build(),
        );
        // `None` = omitted (NULL literal); non-literal arguments are rejected here.
        let mut values: Vec<Option<ScalarValue>> = Vec::with_capacity(exprs.len());
        for (i, e) in exprs.iter().enumerate() {
            match simplifier.simplify(e.clone())? {
                Expr::Literal(v, _) if v.is_null() => values.push(None),
                Expr::Literal(v, _) => values.push(Some(v)),
                _ if i == 0 => {
                    return Err(plan_error(format!("{name} expects a literal string path argument")))
                }
                other => {
                    return Err(plan_error(format!(
                        "{name} expects literal arguments; argument {} ({other}) is not constant",
                        i + 1
                    )))
                }
            }
        }
        let path = match values.first() {
            Some(Some(ScalarValue::Utf8(Some(p))))
            | Some(Some(ScalarValue::LargeUtf8(Some(p))))
            | Some(Some(ScalarValue::Utf8View(Some(p)))) => p.clone(),
            _ => return Err(plan_error(format!("{name} expects a literal string path argument"))),
        };
        let limit = match values.get(1) {
            None | Some(None) => None,
            Some(Some(v)) => {
                let n: Option<i64> = match v {
                    ScalarValue::Int64(Some(n)) => Some(*n),
                    ScalarValue::Int32(Some(n)) => Some(*n as i64),
                    ScalarValue::UInt64(Some(n)) => i64::try_from(*n).ok(),
                    ScalarValue::UInt32(Some(n)) => Some(*n as i64),
                    _ => None,
                };
                match n.and_then(|n| usize::try_from(n).ok()) {
                    Some(n) => Some(n),
                    None => {
                        return Err(plan_error(format!(
                            "{name} expects limit to be an integer literal"
                        )))
                    }
                }
            }
        };
        let schema_override = match values.get(2) {
            None | Some(None) => None,
            Some(Some(v)) => {
                let bytes = match v {
                    ScalarValue::Binary(Some(b))
                    | ScalarValue::LargeBinary(Some(b))
                    | ScalarValue::FixedSizeBinary(_, Some(b)) => b.clone(),
                    ScalarValue::Utf8(Some(s))
                    | ScalarValue::LargeUtf8(Some(s))
                    | ScalarValue::Utf8View(Some(s)) => hex_decode(s).map_err(|e| {
                        plan_error(format!("{name} expects schema to be hex-encoded IPC bytes: {e}"))
                    })?,
                    _ => {
                        return Err(plan_error(format!(
                            "{name} expects schema to be an IPC binary literal"
                        )))
                    }
                };
                Some(schema_from_ipc(&bytes)?)
            }
        };
        let mut has_header = true;
        let mut delimiter = b',';
        let mut compression = FileCompressionType::UNCOMPRESSED;
        if self.kind == FileKind::Csv {
            match values.get(3) {
                None | Some(None) => {}
                Some(Some(ScalarValue::Boolean(Some(b)))) => has_header = *b,
                _ => return Err(plan_error("read_csv expects has_header to be a boolean literal")),
            }
            match values.get(4) {
                None | Some(None) => {}
                Some(Some(v)) => {
                    let s = match v {
                        ScalarValue::Utf8(Some(s))
                        | ScalarValue::LargeUtf8(Some(s))
                        | ScalarValue::Utf8View(Some(s)) => s.clone(),
                        _ => String::new(),
                    };
                    let mut chars = s.chars();
                    match (chars.next(), chars.next()) {
                        (Some(c), None) => delimiter = c as u32 as u8,
                        _ => {
                            return Err(plan_error(
                                "read_csv expects delimiter to be a single character",
                            ))
                        }
                    }
                }
            }
            match values.get(5) {
                None | Some(None) => {}
                Some(Some(v)) => {
                    let s = match v {
                        ScalarValue::Utf8(Some(s))
                        | ScalarValue::LargeUtf8(Some(s))
                        | ScalarValue::Utf8View(Some(s)) => s.clone(),
                        _ => {
                            return Err(plan_error(
                                "read_csv expects compression to be a string literal",
                            ))
                        }
                    };
                    compression = FileCompressionType::from_str(&s)?;
                }
            }
        }
        let state = session_state(&args, name)?;
        let format: Arc<dyn FileFormat> = match self.kind {
            FileKind::Parquet => Arc::new(ParquetFormat::default()),
            FileKind::Csv => Arc::new(
                CsvFormat::default()
                    .with_has_header(has_header)
                    .with_delimiter(delimiter)
                    .with_file_compression_type(compression),
            ),
        };
        let url = ListingTableUrl::parse(&path)
            .or_else(|_| ListingTableUrl::parse(format!("file://{path}")))?;
        let directory_like = path.ends_with('/') || std::path::Path::new(&path).is_dir();
        let extension = if directory_like {
            format.get_ext_with_compression(&compression)?
        } else {
            String::new()
        };
        let options = ListingOptions::new(format).with_file_extension(extension);
        let table = block_on(async {
            let schema = match schema_override {
                Some(s) => s,
                None => options.infer_schema(state, &url).await?,
            };
            let config = ListingTableConfig::new(url.clone())
                .with_listing_options(options.clone())
                .with_schema(schema);
            ListingTable::try_new(config)
        })?;
        let table: Arc<dyn TableProvider> = Arc::new(table);
        Ok(match limit {
            Some(limit) => Arc::new(LimitedTable { inner: table, limit }),
            None => table,
        })
    }
}

/// Caps the rows of a provider (strict global limit).
#[derive(Debug)]
struct LimitedTable {
    inner: Arc<dyn TableProvider>,
    limit: usize,
}

#[async_trait]
impl TableProvider for LimitedTable {
    fn schema(&self) -> SchemaRef {
        self.inner.schema()
    }
    fn table_type(&self) -> TableType {
        self.inner.table_type()
    }
    async fn scan(
        &self,
        state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> Result<Arc<dyn ExecutionPlan>> {
        let limit = limit.map_or(self.limit, |l| l.min(self.limit));
        let plan = self.inner.scan(state, projection, filters, Some(limit)).await?;
        let plan: Arc<dyn ExecutionPlan> = if plan.output_partitioning().partition_count() > 1 {
            Arc::new(CoalescePartitionsExec::new(plan))
        } else {
            plan
        };
        Ok(Arc::new(GlobalLimitExec::new(plan, 0, Some(limit))))
    }
}
