//! A table provider over exactly the data files of a pinned Delta snapshot (the file list comes
//! from Kernel's scan planning in Java). Each file carries its partition values, its Delta
//! statistics and, when a deletion vector applies, the rows to skip as a Parquet row selection.
//! Filters are pushed down as inexact (DataFusion re-applies them above the scan): those Kernel can
//! plan with go to the Java planner, whose Kernel scan (partition pruning, data skipping) names
//! the files to read; all of them go into the Parquet scan, which prunes files by partition values
//! and statistics, then row groups and pages.
//!
//! With column mapping, data columns are read under their physical names (Parquet's, statistics')
//! and given their logical names above the scan.

use std::collections::{HashMap, HashSet};
use std::path::Path as FsPath;
use std::sync::Arc;

use async_trait::async_trait;
use datafusion::arrow::datatypes::{DataType, Field, FieldRef, Schema, SchemaRef};
use datafusion::catalog::Session;
use datafusion::common::stats::Precision;
use datafusion::common::tree_node::{Transformed, TreeNode};
use datafusion::common::{Column, ColumnStatistics, DFSchema, DataFusionError, ScalarValue};
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::parquet::{CachedParquetFileReaderFactory, ParquetRowSelection};
use datafusion::datasource::physical_plan::{
    wrap_partition_type_in_dict, wrap_partition_value_in_dict, FileGroup, FileScanConfigBuilder, ParquetSource,
};
use datafusion::datasource::source::DataSourceExec;
use datafusion::datasource::table_schema::TableSchema;
use datafusion::datasource::{TableProvider, TableType};
use datafusion::execution::object_store::ObjectStoreUrl;
use datafusion::logical_expr::utils::conjunction;
use datafusion::logical_expr::{Expr, TableProviderFilterPushDown};
use datafusion::object_store::path::Path as StorePath;
use datafusion::parquet::arrow::arrow_reader::{RowSelection, RowSelector};
use datafusion::physical_expr::expressions::Column as ColumnExpr;
use datafusion::physical_expr::PhysicalExpr;
use datafusion::physical_plan::projection::{ProjectionExec, ProjectionExpr};
use datafusion::physical_plan::ExecutionPlan;
use serde_json::{Map, Value};

use super::planner::JavaFilePlanner;
use super::relabel::Relabel;
use super::{pushdown, spec, stats};
use crate::error::{EngineError, EngineResult, ErrorCode};
use crate::runtime;

/// One data file of the pinned snapshot.
struct PinnedFile {
    /// Path relative to the table root, URL-decoded (as Kernel reports it).
    path: String,
    size: u64,
    partition_values: HashMap<String, Option<String>>,
    stats: Option<Map<String, Value>>,
    /// Half-open ranges of row indexes a deletion vector removes, sorted and disjoint.
    deleted: Vec<(u64, u64)>,
}

impl PinnedFile {
    fn parse(file: &Map<String, Value>) -> EngineResult<Self> {
        let stats = match spec::optional_string(file, "stats")? {
            Some(text) if !text.is_empty() => Some(spec::parse(&text, "file statistics")?),
            _ => None,
        };
        Ok(Self {
            path: spec::string(file, "path")?,
            size: spec::u64_field(file, "size")?,
            partition_values: spec::nullable_string_map(file, "partition_values")?,
            stats,
            deleted: spec::ranges(file, "deleted_rows")?,
        })
    }

    fn deleted_count(&self) -> u64 {
        self.deleted.iter().map(|(start, end)| end - start).sum()
    }

    fn num_records(&self) -> Option<u64> {
        self.stats.as_ref().and_then(|s| s.get("numRecords")).and_then(Value::as_u64)
    }

    /// The rows to read once the deleted ranges are skipped, over all `total` rows of the file.
    fn row_selection(&self, total: u64) -> EngineResult<RowSelection> {
        let mut selectors = Vec::with_capacity(self.deleted.len() * 2 + 1);
        let mut position = 0u64;
        for &(start, end) in &self.deleted {
            if start < position || end > total {
                return Err(EngineError::new(
                    ErrorCode::InvalidArgument,
                    format!("deletion vector of '{}' names rows outside its {total} rows or out of order", self.path),
                ));
            }
            if start > position {
                selectors.push(RowSelector::select((start - position) as usize));
            }
            selectors.push(RowSelector::skip((end - start) as usize));
            position = end;
        }
        if total > position {
            selectors.push(RowSelector::select((total - position) as usize));
        }
        Ok(RowSelection::from(selectors))
    }
}

#[derive(Debug)]
pub struct PinnedDeltaTable {
    /// The table directory, so Java can tell which Delta table a registered name stands for.
    table_root: String,
    /// What SQL sees: the table's columns in table order, then the file column if asked for.
    schema: SchemaRef,
    /// The scan's own layout: data columns, then partition columns, then the file column.
    table_schema: TableSchema,
    /// For each column of `schema`, its index in the scan layout.
    scan_index: Vec<usize>,
    object_store_url: ObjectStoreUrl,
    files: Vec<PartitionedFile>,
    /// The relative path of each of `files`, as Kernel names them.
    paths: Vec<String>,
    /// Whether filters are evaluated while decoding rows; `None` keeps the session's setting.
    pushdown_filters: Option<bool>,
    /// The snapshot's CHECK constraints (name, expression), sorted by name.
    check_constraints: Vec<(String, String)>,
    /// Plans each scan's files with Kernel for the pushed-down filters; `None` scans all files.
    planner: Option<JavaFilePlanner>,
    /// The table's columns (logical names) and types, as filters pushed to Kernel may name them.
    kernel_columns: HashMap<String, DataType>,
    /// Data columns whose physical field differs from the logical one, by logical name.
    physical: HashMap<String, FieldRef>,
}

impl PinnedDeltaTable {
    /// `schema` is the table's logical Arrow schema (partition columns included, in table order);
    /// `physical_schema`, given for column mapping, is the same schema under the physical names;
    /// `spec_json` holds `table_root` (an absolute local directory), `partition_columns`,
    /// optional `file_column`, optional `pushdown_filters`, optional `wrap_partition_values`
    /// (partition columns dictionary-encoded, §3.1), optional `check_constraints` (name to
    /// expression) and `files` (`path`, `size`, `partition_values` by logical name, `stats` by
    /// physical name, `deleted_rows`).
    pub fn try_new(
        schema: &Schema,
        physical_schema: Option<&Schema>,
        spec_json: &str,
        planner: Option<JavaFilePlanner>,
    ) -> EngineResult<Self> {
        let spec = spec::parse(spec_json, "Delta scan spec")?;
        let table_root = spec::string(&spec, "table_root")?;
        let partition_columns = spec::strings(&spec, "partition_columns")?;
        let file_column = spec::optional_string(&spec, "file_column")?;
        let pushdown_filters = match spec.get("pushdown_filters") {
            None | Some(Value::Null) => None,
            Some(Value::Bool(enabled)) => Some(*enabled),
            Some(_) => return Err(EngineError::invalid_argument("'pushdown_filters' must be a boolean")),
        };
        let mut check_constraints: Vec<(String, String)> = spec::nullable_string_map(&spec, "check_constraints")?
            .into_iter()
            .map(|(name, expression)| {
                expression.map(|expression| (name.clone(), expression)).ok_or_else(|| {
                    EngineError::invalid_argument(format!("check constraint '{name}' has no expression"))
                })
            })
            .collect::<EngineResult<_>>()?;
        check_constraints.sort();
        let wrap_partition_values = match spec.get("wrap_partition_values") {
            None | Some(Value::Null) => false,
            Some(Value::Bool(enabled)) => *enabled,
            Some(_) => return Err(EngineError::invalid_argument("'wrap_partition_values' must be a boolean")),
        };
        let files = spec::objects(&spec, "files")?
            .into_iter()
            .map(PinnedFile::parse)
            .collect::<EngineResult<Vec<_>>>()?;

        let physical_fields = physical_schema.unwrap_or(schema).fields();
        if physical_fields.len() != schema.fields().len() {
            return Err(EngineError::new(ErrorCode::Schema, "the physical schema must have the table schema's columns"));
        }
        let mut data_fields: Vec<FieldRef> = Vec::new();
        let mut partition_fields: Vec<FieldRef> = Vec::new();
        let mut physical = HashMap::new();
        for name in &partition_columns {
            let field = schema.field_with_name(name).map_err(|_| {
                EngineError::new(ErrorCode::Schema, format!("partition column '{name}' is not in the table schema"))
            })?;
            partition_fields.push(Arc::new(if wrap_partition_values {
                Field::new(name, wrap_partition_type_in_dict(field.data_type().clone()), field.is_nullable())
            } else {
                field.clone()
            }));
        }
        for (field, physical_field) in schema.fields().iter().zip(physical_fields) {
            if !partition_columns.contains(field.name()) {
                data_fields.push(physical_field.clone());
                if physical_field != field {
                    physical.insert(field.name().clone(), physical_field.clone());
                }
            }
        }
        if let Some(name) = &file_column {
            if schema.field_with_name(name).is_ok() {
                return Err(EngineError::new(
                    ErrorCode::Schema,
                    format!("cannot add the file path column '{name}': the table already has a column of that name"),
                ));
            }
            partition_fields.push(Arc::new(Field::new(name, DataType::Utf8, false)));
        }
        let file_schema = Arc::new(Schema::new(data_fields.clone()));
        let table_schema = TableSchema::builder(file_schema.clone()).with_table_partition_cols(partition_fields.clone()).build();

        let layout = table_schema.table_schema().clone();
        let mut visible: Vec<Field> = schema
            .fields()
            .iter()
            .map(|f| partition_fields.iter().find(|p| p.name() == f.name()).unwrap_or(f).as_ref().clone())
            .collect();
        if let Some(name) = &file_column {
            visible.push(Field::new(name, DataType::Utf8, false));
        }
        let scan_index = visible
            .iter()
            .map(|field| {
                let name = physical.get(field.name()).map_or(field.name(), |p: &FieldRef| p.name());
                layout.index_of(name).map_err(EngineError::from)
            })
            .collect::<EngineResult<Vec<_>>>()?;
        let kernel_columns =
            schema.fields().iter().map(|field| (field.name().clone(), field.data_type().clone())).collect();

        let root = FsPath::new(&table_root);
        if !root.is_absolute() {
            return Err(EngineError::invalid_argument(format!("table_root '{table_root}' must be an absolute path")));
        }
        let paths = files.iter().map(|file| file.path.clone()).collect();
        let partitioned = files
            .into_iter()
            .map(|file| {
                partitioned_file(root, file, &file_schema, &partition_fields, &partition_columns, file_column.is_some())
            })
            .collect::<EngineResult<Vec<_>>>()?;

        Ok(Self {
            table_root,
            schema: Arc::new(Schema::new_with_metadata(visible, schema.metadata().clone())),
            table_schema,
            scan_index,
            object_store_url: ObjectStoreUrl::local_filesystem(),
            files: partitioned,
            paths,
            pushdown_filters,
            check_constraints,
            planner,
            kernel_columns,
            physical,
        })
    }
}

impl PinnedDeltaTable {
    pub fn table_root(&self) -> &str {
        &self.table_root
    }

    pub fn check_constraints(&self) -> &[(String, String)] {
        &self.check_constraints
    }

    pub fn planner(&self) -> Option<&JavaFilePlanner> {
        self.planner.as_ref()
    }

    /// The files to scan: those Kernel plans for the filters it can use, else all of them.
    async fn planned_files(&self, filters: &[Expr]) -> EngineResult<Vec<PartitionedFile>> {
        let (Some(planner), Some(predicate)) =
            (&self.planner, pushdown::kernel_predicate(filters, &self.kernel_columns))
        else {
            return Ok(self.files.clone());
        };
        let planner = planner.clone();
        let root = self.table_root.clone();
        // Kernel's planning reads the log: it runs on a blocking thread, never on a runtime worker.
        let keep: HashSet<String> = runtime::get()?
            .spawn_blocking(move || planner.plan_files(&predicate.to_string(), &root))
            .await
            .map_err(|e| EngineError::new(ErrorCode::Internal, format!("Delta scan planning task failed: {e}")))??;
        Ok(self
            .files
            .iter()
            .zip(&self.paths)
            .filter(|(_, path)| keep.contains(*path))
            .map(|(file, _)| file.clone())
            .collect())
    }

    /// A filter over the scan layout: logical column names become physical ones. `None` for a
    /// filter on a column whose nested fields are renamed too (it is still applied above the scan).
    fn physical_filter(&self, filter: &Expr) -> Option<Expr> {
        if self.physical.is_empty() {
            return Some(filter.clone());
        }
        let renamed_nested = filter.column_refs().iter().any(|column| {
            self.physical.get(&column.name).is_some_and(|field| {
                self.kernel_columns.get(&column.name).is_some_and(|logical| logical != field.data_type())
            })
        });
        if renamed_nested {
            return None;
        }
        filter
            .clone()
            .transform(|expr| {
                Ok(match expr {
                    Expr::Column(column) => match self.physical.get(&column.name) {
                        Some(field) => Transformed::yes(Expr::Column(Column::new_unqualified(field.name()))),
                        None => Transformed::no(Expr::Column(column)),
                    },
                    other => Transformed::no(other),
                })
            })
            .ok()
            .map(|transformed| transformed.data)
    }

    /// Above a column-mapped scan: each output column under its logical name (and nested names).
    fn logical_names(
        &self,
        scan: Arc<dyn ExecutionPlan>,
        visible: &[usize],
    ) -> datafusion::error::Result<Arc<dyn ExecutionPlan>> {
        if self.physical.is_empty() {
            return Ok(scan);
        }
        let output = scan.schema();
        let expressions = visible.iter().enumerate().map(|(position, &column)| {
            let logical = self.schema.fields()[column].clone();
            let read = output.field(position);
            let input: Arc<dyn PhysicalExpr> = Arc::new(ColumnExpr::new(read.name(), position));
            let expr: Arc<dyn PhysicalExpr> = if read.data_type() == logical.data_type() {
                input
            } else {
                Arc::new(Relabel::new(input, logical.clone()))
            };
            ProjectionExpr::new(expr, logical.name().clone())
        });
        Ok(Arc::new(ProjectionExec::try_new(expressions.collect::<Vec<_>>(), scan)?))
    }
}

fn partitioned_file(
    root: &FsPath,
    file: PinnedFile,
    file_schema: &Schema,
    partition_fields: &[FieldRef],
    partition_columns: &[String],
    with_file_column: bool,
) -> EngineResult<PartitionedFile> {
    let absolute = root.join(&file.path);
    let location = StorePath::from_absolute_path(&absolute).map_err(|e| {
        EngineError::invalid_argument(format!("data file path '{}' is not valid: {e}", absolute.display()))
    })?;

    let mut partition_values = Vec::with_capacity(partition_fields.len());
    for (name, field) in partition_columns.iter().zip(partition_fields) {
        let (value_type, wrapped) = match field.data_type() {
            DataType::Dictionary(_, value_type) => (value_type.as_ref(), true),
            other => (other, false),
        };
        let value = match file.partition_values.get(name) {
            Some(Some(text)) => ScalarValue::try_from_string(text.clone(), value_type).map_err(|e| {
                EngineError::new(
                    ErrorCode::Schema,
                    format!("partition value '{text}' of column '{name}' in '{}' is not a {value_type}: {e}", file.path),
                )
            })?,
            // Missing and null both mean null (Delta writes null partition values as null).
            _ => ScalarValue::try_from(value_type)?,
        };
        partition_values.push(if wrapped { wrap_partition_value_in_dict(value) } else { value });
    }
    if with_file_column {
        partition_values.push(ScalarValue::Utf8(Some(file.path.clone())));
    }

    let mut statistics = stats::file_statistics(file_schema, file.stats.as_ref(), file.deleted_count(), file.size);
    for value in &partition_values {
        statistics.column_statistics.push(partition_statistics(value, &statistics.num_rows));
    }

    let mut partitioned = PartitionedFile::new(location.to_string(), file.size);
    partitioned.object_meta.location = location;
    if !file.deleted.is_empty() {
        let total = file.num_records().ok_or_else(|| {
            EngineError::new(
                ErrorCode::InvalidArgument,
                format!("data file '{}' has a deletion vector but no numRecords statistic", file.path),
            )
        })?;
        partitioned = partitioned.with_extension(ParquetRowSelection::new(file.row_selection(total)?));
    }
    partitioned.partition_values = partition_values;
    partitioned.statistics = Some(Arc::new(statistics));
    Ok(partitioned)
}

/// Every row of a file holds its partition value; a null one counts as all-null rows.
fn partition_statistics(value: &ScalarValue, rows: &Precision<usize>) -> ColumnStatistics {
    if value.is_null() {
        ColumnStatistics { null_count: *rows, ..ColumnStatistics::new_unknown() }
    } else {
        ColumnStatistics {
            null_count: Precision::Exact(0),
            max_value: Precision::Exact(value.clone()),
            min_value: Precision::Exact(value.clone()),
            distinct_count: Precision::Exact(1),
            ..ColumnStatistics::new_unknown()
        }
    }
}

/// Spreads files over `groups` groups, largest first onto the lightest group, so the scan's
/// partitions carry similar byte counts.
fn balanced_groups(files: &[PartitionedFile], groups: usize) -> Vec<FileGroup> {
    let groups = groups.max(1).min(files.len().max(1));
    let mut order: Vec<&PartitionedFile> = files.iter().collect();
    order.sort_by(|a, b| b.object_meta.size.cmp(&a.object_meta.size));
    let mut buckets: Vec<(u64, Vec<PartitionedFile>)> = (0..groups).map(|_| (0, Vec::new())).collect();
    for file in order {
        if let Some(lightest) = buckets.iter_mut().min_by_key(|(bytes, _)| *bytes) {
            lightest.0 += file.object_meta.size;
            lightest.1.push(file.clone());
        }
    }
    let groups: Vec<FileGroup> =
        buckets.into_iter().filter(|(_, f)| !f.is_empty()).map(|(_, f)| FileGroup::new(f)).collect();
    if groups.is_empty() {
        // One empty partition rather than none: plans above may require a single partition.
        return vec![FileGroup::new(Vec::new())];
    }
    groups
}

#[async_trait]
impl TableProvider for PinnedDeltaTable {
    fn schema(&self) -> SchemaRef {
        self.schema.clone()
    }

    fn table_type(&self) -> TableType {
        TableType::Base
    }

    async fn scan(
        &self,
        state: &dyn Session,
        projection: Option<&Vec<usize>>,
        filters: &[Expr],
        limit: Option<usize>,
    ) -> datafusion::error::Result<Arc<dyn ExecutionPlan>> {
        // Delta data files never change once written (new data goes to new file names), so the
        // footers one query parsed serve the next: the session's metadata cache, as DataFusion's
        // own Parquet tables use it (reading and parsing 50 footers took ~25% of a full scan).
        let store = state.runtime_env().object_store(&self.object_store_url)?;
        let footers = CachedParquetFileReaderFactory::new(store, state.runtime_env().cache_manager.get_file_metadata_cache());
        let mut source = ParquetSource::new(self.table_schema.clone())
            .with_table_parquet_options(state.table_options().parquet.clone())
            .with_parquet_file_reader_factory(Arc::new(footers));
        if let Some(enabled) = self.pushdown_filters {
            source = source.with_pushdown_filters(enabled);
        }
        if let Some(predicate) = conjunction(filters.iter().filter_map(|f| self.physical_filter(f)).collect::<Vec<_>>()) {
            let layout = DFSchema::try_from(self.table_schema.table_schema().as_ref().clone())?;
            source = source.with_predicate(state.create_physical_expr(predicate, &layout)?);
        }
        let visible: Vec<usize> = match projection {
            Some(columns) => columns.clone(),
            None => (0..self.scan_index.len()).collect(),
        };
        let indices = visible.iter().map(|i| self.scan_index[*i]).collect();
        let files = self.planned_files(filters).await.map_err(|e| DataFusionError::External(Box::new(e)))?;
        let groups = balanced_groups(&files, state.config().target_partitions());
        let config = FileScanConfigBuilder::new(self.object_store_url.clone(), Arc::new(source))
            .with_file_groups(groups)
            .with_projection_indices(Some(indices))?
            .with_limit(limit)
            .build();
        self.logical_names(DataSourceExec::from_data_source(config), &visible)
    }

    fn supports_filters_pushdown(
        &self,
        filters: &[&Expr],
    ) -> datafusion::error::Result<Vec<TableProviderFilterPushDown>> {
        Ok(vec![TableProviderFilterPushDown::Inexact; filters.len()])
    }
}
