//! Writes the data files of a Delta commit: batches are aligned to the table schema, split by
//! partition values into Hive-style directories (`col=value/`, partition columns left out of the
//! files), and written as Parquet files rolled over at the target size. Every finished file
//! reports what its add action needs.

use std::collections::HashMap;
use std::fs::{self, File};
use std::path::PathBuf;
use std::sync::Arc;

use datafusion::arrow::array::{new_null_array, Array, ArrayRef, RecordBatch, StringArray, UInt32Array};
use datafusion::arrow::compute::{cast_with_options, take, CastOptions};
use datafusion::arrow::datatypes::{DataType, Schema, SchemaRef};
use datafusion::arrow::util::display::FormatOptions;
use datafusion::parquet::arrow::ArrowWriter;
use datafusion::parquet::basic::{Compression, GzipLevel, ZstdLevel};
use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};
use datafusion::parquet::schema::types::ColumnPath;
use serde_json::{Map, Value};

use super::spec;
use super::stats::StatsCollector;
use crate::error::{EngineError, EngineResult, ErrorCode};

/// Spark's partition-directory escaping (`ExternalCatalogUtils.escapePathName`), which Delta
/// readers undo: these characters and control characters become `%XX`.
const ESCAPED: &[char] = &['"', '#', '%', '\'', '*', '/', ':', '=', '?', '\\', '\u{7f}', '{', '[', ']', '^'];
const NULL_PARTITION_DIR: &str = "__HIVE_DEFAULT_PARTITION__";
const DEFAULT_STATS_COLUMNS: u64 = 32;

/// What a write is asked to do, shared by every writer of one write.
pub struct WriteOptions {
    table_root: PathBuf,
    partition_columns: Vec<String>,
    file_prefix: String,
    codec_label: &'static str,
    target_file_size: u64,
    properties: WriterProperties,
    stats_columns: Option<Vec<String>>,
    stats_max_columns: usize,
}

impl WriteOptions {
    /// Spec keys: `table_root`, `partition_columns`, `file_prefix`, `target_file_size`,
    /// `max_row_group_rows`, `compression` (`snappy`, `zstd`, `gzip`, `lz4`, `uncompressed`),
    /// `statistics_level` applied to `statistics_columns`, `dictionary_columns`,
    /// `bloom_filter_columns` with `bloom_filter_fpp` / `bloom_filter_ndv`, and the Delta
    /// statistics selection `stats_columns` / `stats_max_columns`.
    pub fn parse(spec_json: &str) -> EngineResult<Self> {
        let spec = spec::parse(spec_json, "Delta write spec")?;
        let table_root = PathBuf::from(spec::string(&spec, "table_root")?);
        if !table_root.is_absolute() {
            return Err(EngineError::invalid_argument(format!(
                "table_root '{}' must be an absolute path",
                table_root.display()
            )));
        }
        let (compression, codec_label) = compression(spec::optional_string(&spec, "compression")?.as_deref())?;
        let mut builder = WriterProperties::builder().set_compression(compression);
        if let Some(rows) = spec::optional_u64(&spec, "max_row_group_rows")? {
            if rows == 0 {
                return Err(EngineError::invalid_argument("'max_row_group_rows' must be >= 1"));
            }
            builder = builder.set_max_row_group_row_count(Some(rows as usize));
        }
        let level = statistics_level(spec::optional_string(&spec, "statistics_level")?.as_deref())?;
        for column in spec::strings(&spec, "statistics_columns")? {
            builder = builder.set_column_statistics_enabled(ColumnPath::from(column), level);
        }
        for column in spec::strings(&spec, "dictionary_columns")? {
            builder = builder.set_column_dictionary_enabled(ColumnPath::from(column), true);
        }
        let fpp = spec::optional_f64(&spec, "bloom_filter_fpp")?;
        let ndv = spec::optional_u64(&spec, "bloom_filter_ndv")?;
        for column in spec::strings(&spec, "bloom_filter_columns")? {
            let path = ColumnPath::from(column);
            builder = builder.set_column_bloom_filter_enabled(path.clone(), true);
            if let Some(fpp) = fpp {
                builder = builder.set_column_bloom_filter_fpp(path.clone(), fpp);
            }
            if let Some(ndv) = ndv {
                builder = builder.set_column_bloom_filter_max_ndv(path, ndv);
            }
        }
        let stats_columns = match spec.get("stats_columns") {
            None | Some(Value::Null) => None,
            Some(_) => Some(spec::strings(&spec, "stats_columns")?),
        };
        Ok(Self {
            table_root,
            partition_columns: spec::strings(&spec, "partition_columns")?,
            file_prefix: spec::string(&spec, "file_prefix")?,
            codec_label,
            target_file_size: spec::optional_u64(&spec, "target_file_size")?.unwrap_or(100 * 1024 * 1024).max(1),
            properties: builder.build(),
            stats_columns,
            stats_max_columns: spec::optional_u64(&spec, "stats_max_columns")?.unwrap_or(DEFAULT_STATS_COLUMNS) as usize,
        })
    }
}

fn compression(name: Option<&str>) -> EngineResult<(Compression, &'static str)> {
    Ok(match name.unwrap_or("snappy") {
        "snappy" => (Compression::SNAPPY, "snappy"),
        "zstd" => (Compression::ZSTD(ZstdLevel::default()), "zstd"),
        "gzip" => (Compression::GZIP(GzipLevel::default()), "gz"),
        "lz4" => (Compression::LZ4_RAW, "lz4"),
        "uncompressed" => (Compression::UNCOMPRESSED, "uncompressed"),
        other => {
            return Err(EngineError::invalid_argument(format!(
                "unknown Parquet compression '{other}' (expected snappy, zstd, gzip, lz4 or uncompressed)"
            )))
        }
    })
}

fn statistics_level(name: Option<&str>) -> EngineResult<EnabledStatistics> {
    Ok(match name.unwrap_or("page") {
        "none" => EnabledStatistics::None,
        "chunk" => EnabledStatistics::Chunk,
        "page" => EnabledStatistics::Page,
        other => {
            return Err(EngineError::invalid_argument(format!(
                "unknown statistics level '{other}' (expected none, chunk or page)"
            )))
        }
    })
}

/// One finished data file.
pub struct WrittenFile {
    /// Relative to the table root, `/`-separated, not URL-encoded.
    path: String,
    size: u64,
    records: u64,
    partition_values: Vec<(String, Option<String>)>,
    stats: String,
}

impl WrittenFile {
    fn to_json(&self) -> Value {
        let mut values = Map::new();
        for (name, value) in &self.partition_values {
            values.insert(name.clone(), value.clone().map_or(Value::Null, Value::String));
        }
        let mut file = Map::new();
        file.insert("path".into(), Value::String(self.path.clone()));
        file.insert("size".into(), Value::from(self.size));
        file.insert("num_records".into(), Value::from(self.records));
        file.insert("partition_values".into(), Value::Object(values));
        file.insert("stats".into(), Value::String(self.stats.clone()));
        Value::Object(file)
    }
}

pub fn result_json(files: &[WrittenFile]) -> String {
    let mut result = Map::new();
    result.insert("files".into(), Value::Array(files.iter().map(WrittenFile::to_json).collect()));
    Value::Object(result).to_string()
}

struct OpenFile {
    path: String,
    writer: ArrowWriter<File>,
    stats: StatsCollector,
}

struct Partition {
    directory: String,
    values: Vec<(String, Option<String>)>,
    open: Option<OpenFile>,
}

/// Writes one input stream's batches; several run in parallel for a partitioned plan, told apart
/// by `writer_id` in their file names.
pub struct TableWriter {
    options: Arc<WriteOptions>,
    target: SchemaRef,
    data_schema: SchemaRef,
    data_indices: Vec<usize>,
    partition_indices: Vec<usize>,
    writer_id: usize,
    sequence: usize,
    partitions: HashMap<Vec<Option<String>>, Partition>,
    finished: Vec<WrittenFile>,
}

impl TableWriter {
    /// `target` is the table's Arrow schema, partition columns included.
    pub fn new(options: Arc<WriteOptions>, target: SchemaRef, writer_id: usize) -> EngineResult<Self> {
        let mut partition_indices = Vec::new();
        for name in &options.partition_columns {
            partition_indices.push(target.index_of(name).map_err(|_| {
                EngineError::new(ErrorCode::Schema, format!("partition column '{name}' is not in the table schema"))
            })?);
        }
        let data_indices: Vec<usize> = (0..target.fields().len()).filter(|i| !partition_indices.contains(i)).collect();
        let data_schema = Arc::new(target.project(&data_indices)?);
        Ok(Self {
            options,
            target,
            data_schema,
            data_indices,
            partition_indices,
            writer_id,
            sequence: 0,
            partitions: HashMap::new(),
            finished: Vec::new(),
        })
    }

    pub fn write(&mut self, batch: &RecordBatch) -> EngineResult<()> {
        if batch.num_rows() == 0 {
            return Ok(());
        }
        let columns = align(batch, &self.target)?;
        let data: Vec<ArrayRef> = self.data_indices.iter().map(|i| columns[*i].clone()).collect();
        if self.partition_indices.is_empty() {
            return self.write_partition(Vec::new(), &data, batch.num_rows());
        }
        let keys = self
            .partition_indices
            .iter()
            .map(|i| partition_strings(&columns[*i]))
            .collect::<EngineResult<Vec<_>>>()?;
        let mut groups: HashMap<Vec<Option<String>>, Vec<u32>> = HashMap::new();
        for row in 0..batch.num_rows() {
            let key: Vec<Option<String>> =
                keys.iter().map(|k| (!k.is_null(row)).then(|| k.value(row).to_string())).collect();
            groups.entry(key).or_default().push(row as u32);
        }
        if groups.len() == 1 {
            if let Some((key, _)) = groups.into_iter().next() {
                return self.write_partition(key, &data, batch.num_rows());
            }
            return Ok(());
        }
        for (key, rows) in groups {
            let indices = UInt32Array::from(rows);
            let taken = data.iter().map(|c| take(c.as_ref(), &indices, None)).collect::<Result<Vec<_>, _>>()?;
            self.write_partition(key, &taken, indices.len())?;
        }
        Ok(())
    }

    fn write_partition(&mut self, key: Vec<Option<String>>, data: &[ArrayRef], rows: usize) -> EngineResult<()> {
        let options = self.options.clone();
        let partition = self.partitions.entry(key.clone()).or_insert_with(|| Partition {
            directory: partition_directory(&options.partition_columns, &key),
            values: options.partition_columns.iter().cloned().zip(key.iter().cloned()).collect(),
            open: None,
        });
        if partition.open.is_none() {
            self.sequence += 1;
            let name = format!(
                "{}-{:05}-{:05}.{}.parquet",
                options.file_prefix, self.writer_id, self.sequence, options.codec_label
            );
            let path = if partition.directory.is_empty() { name } else { format!("{}/{name}", partition.directory) };
            let absolute = options.table_root.join(&path);
            if let Some(parent) = absolute.parent() {
                fs::create_dir_all(parent).map_err(|e| io_error("create directory", &parent.display().to_string(), e))?;
            }
            let file = File::create(&absolute).map_err(|e| io_error("create", &absolute.display().to_string(), e))?;
            let writer = ArrowWriter::try_new(file, self.data_schema.clone(), Some(options.properties.clone()))
                .map_err(parquet_error)?;
            let stats = StatsCollector::new(
                &self.data_schema,
                options.stats_columns.as_deref(),
                options.stats_max_columns,
                &options.properties,
            )?;
            partition.open = Some(OpenFile { path, writer, stats });
        }
        let full = match partition.open.as_mut() {
            Some(open) => {
                let batch = RecordBatch::try_new(self.data_schema.clone(), data.to_vec())?;
                open.writer.write(&batch).map_err(parquet_error)?;
                open.stats.update(data, rows)?;
                (open.writer.bytes_written() + open.writer.in_progress_size()) as u64 >= options.target_file_size
            }
            None => false,
        };
        if full {
            if let Some(open) = partition.open.take() {
                let values = partition.values.clone();
                self.finished.push(close(&options, open, values)?);
            }
        }
        Ok(())
    }

    /// Closes every open file and returns all files written.
    pub fn finish(mut self) -> EngineResult<Vec<WrittenFile>> {
        for (_, partition) in self.partitions.drain() {
            if let Some(open) = partition.open {
                self.finished.push(close(&self.options, open, partition.values)?);
            }
        }
        Ok(self.finished)
    }
}

fn close(options: &WriteOptions, open: OpenFile, partition_values: Vec<(String, Option<String>)>) -> EngineResult<WrittenFile> {
    let footer = open.writer.close().map_err(parquet_error)?;
    let absolute = options.table_root.join(&open.path);
    let size = fs::metadata(&absolute).map_err(|e| io_error("stat", &absolute.display().to_string(), e))?.len();
    let records = open.stats.records();
    Ok(WrittenFile { path: open.path, size, records, partition_values, stats: open.stats.finish(&footer)? })
}

fn parquet_error(err: datafusion::parquet::errors::ParquetError) -> EngineError {
    EngineError::new(ErrorCode::Io, format!("cannot write Parquet data: {err}"))
}

fn io_error(action: &str, path: &str, err: std::io::Error) -> EngineError {
    EngineError::new(ErrorCode::Io, format!("cannot {action} '{path}': {err}"))
}

/// The batch's columns in table order and types: matched by name, cast where types differ,
/// missing nullable columns filled with nulls. Extra columns, missing required columns and nulls
/// in non-nullable columns are errors naming the column.
fn align(batch: &RecordBatch, target: &Schema) -> EngineResult<Vec<ArrayRef>> {
    let input = batch.schema();
    for field in input.fields() {
        if target.field_with_name(field.name()).is_err() {
            return Err(EngineError::new(
                ErrorCode::Schema,
                format!("column '{}' of the data is not in the table schema", field.name()),
            ));
        }
    }
    let strict = CastOptions { safe: false, ..CastOptions::default() };
    target
        .fields()
        .iter()
        .map(|field| {
            let column = match input.index_of(field.name()) {
                Ok(index) => {
                    let column = batch.column(index);
                    if column.data_type() == field.data_type() {
                        column.clone()
                    } else {
                        cast_with_options(column, field.data_type(), &strict).map_err(|e| {
                            EngineError::new(
                                ErrorCode::Schema,
                                format!(
                                    "column '{}' of type {} cannot be written as the table's {}: {e}",
                                    field.name(),
                                    column.data_type(),
                                    field.data_type()
                                ),
                            )
                        })?
                    }
                }
                Err(_) if field.is_nullable() => new_null_array(field.data_type(), batch.num_rows()),
                Err(_) => {
                    return Err(EngineError::new(
                        ErrorCode::Schema,
                        format!("the data has no column '{}', which the table requires (not nullable)", field.name()),
                    ))
                }
            };
            if !field.is_nullable() && column.null_count() > 0 {
                return Err(EngineError::new(
                    ErrorCode::Schema,
                    format!("column '{}' is not nullable but the data holds {} nulls", field.name(), column.null_count()),
                ));
            }
            Ok(column)
        })
        .collect()
}

/// Partition values as Delta writes them in `partitionValues`: timestamps as
/// `yyyy-MM-dd HH:mm:ss[.ffffff]` (UTC for zoned ones), everything else in its plain text form.
fn partition_strings(column: &ArrayRef) -> EngineResult<StringArray> {
    let format = FormatOptions::default()
        .with_timestamp_format(Some("%Y-%m-%d %H:%M:%S%.f"))
        .with_timestamp_tz_format(Some("%Y-%m-%d %H:%M:%S%.f"));
    let options = CastOptions { safe: false, format_options: format };
    let column = match column.data_type() {
        DataType::Timestamp(unit, Some(_)) => {
            cast_with_options(column, &DataType::Timestamp(*unit, Some("+00:00".into())), &options)?
        }
        _ => column.clone(),
    };
    let text = cast_with_options(&column, &DataType::Utf8, &options).map_err(|e| {
        EngineError::new(
            ErrorCode::Schema,
            format!("partition column of type {} has no text form: {e}", column.data_type()),
        )
    })?;
    text.as_any()
        .downcast_ref::<StringArray>()
        .cloned()
        .ok_or_else(|| EngineError::new(ErrorCode::Internal, "partition values did not cast to Utf8"))
}

fn partition_directory(columns: &[String], values: &[Option<String>]) -> String {
    columns
        .iter()
        .zip(values)
        .map(|(name, value)| {
            let value = value.as_deref().map_or_else(|| NULL_PARTITION_DIR.to_string(), escape_path_name);
            format!("{}={value}", escape_path_name(name))
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn escape_path_name(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        if ESCAPED.contains(&c) || c.is_control() {
            let mut buffer = [0u8; 4];
            for byte in c.encode_utf8(&mut buffer).bytes() {
                escaped.push_str(&format!("%{byte:02X}"));
            }
        } else {
            escaped.push(c);
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partition_directories_escape_like_spark() {
        let dir = partition_directory(
            &["p".to_string(), "q".to_string()],
            &[Some("a/b=c".to_string()), None],
        );
        assert_eq!(dir, "p=a%2Fb%3Dc/q=__HIVE_DEFAULT_PARTITION__");
    }
}
