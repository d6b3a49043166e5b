//! Delta file statistics in both directions: collected while writing (the `stats` JSON of an add
//! action: `numRecords`, `minValues`, `maxValues`, `nullCount`) and read back as DataFusion
//! statistics so the scan can skip files.

use std::sync::Arc;

use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::compute::filter;
use datafusion::arrow::datatypes::{DataType, Field, Schema, SchemaRef, TimeUnit};
use datafusion::arrow::temporal_conversions::{as_datetime, as_datetime_with_timezone};
use datafusion::common::stats::Precision;
use datafusion::common::{ColumnStatistics, DataFusionError, ScalarValue, Statistics};
use datafusion::parquet::arrow::arrow_reader::statistics::StatisticsConverter;
use datafusion::parquet::file::metadata::ParquetMetaData;
use datafusion::parquet::file::properties::{EnabledStatistics, WriterProperties};
use datafusion::parquet::schema::types::ColumnPath;
use datafusion::functions_aggregate::min_max::{MaxAccumulator, MinAccumulator};
use datafusion::logical_expr::Accumulator;
use serde_json::{Map, Number, Value};

use crate::error::EngineResult;

/// Delta truncates string statistics; longer minimums are cut to a prefix (still a lower bound),
/// longer maximums are left out (a cut maximum would not be an upper bound).
const STRING_PREFIX_CHARS: usize = 32;

/// Whether Delta keeps min/max for a column of this type (as Delta Spark: numbers, dates,
/// timestamps, strings; not booleans, binary or nested types).
fn has_min_max(data_type: &DataType) -> bool {
    data_type.is_numeric()
        || matches!(
            data_type,
            DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Date32 | DataType::Date64 | DataType::Timestamp(_, _)
        )
}

/// Whether the Parquet footer's row-group statistics of a column of this type give exactly the
/// min/max a pass over the data would (integers and strings; not floats, whose NaNs Parquet
/// leaves out, nor types stored with a conversion such as timestamps or decimals).
fn footer_has_exact_min_max(data_type: &DataType) -> bool {
    data_type.is_integer() || matches!(data_type, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Date32)
}

struct ColumnCollector {
    index: usize,
    name: String,
    /// Min/max read from the finished file's footer (the writer computed them anyway) rather
    /// than accumulated from every batch: that second pass cost ~13% of a write's CPU.
    from_footer: bool,
    min: Option<MinAccumulator>,
    max: Option<MaxAccumulator>,
    nulls: u64,
}

/// Accumulates the statistics of one data file while its batches are written.
pub struct StatsCollector {
    schema: SchemaRef,
    columns: Vec<ColumnCollector>,
    records: u64,
}

impl StatsCollector {
    /// Collects the first `max_columns` top-level columns of `schema` (Delta's
    /// `dataSkippingNumIndexedCols`), or exactly `explicit` when given. `properties` are the
    /// file's Parquet writer settings: columns they keep statistics for take min/max from them.
    pub fn new(
        schema: &SchemaRef,
        explicit: Option<&[String]>,
        max_columns: usize,
        properties: &WriterProperties,
    ) -> EngineResult<Self> {
        let selected: Vec<(usize, &Field)> = match explicit {
            Some(names) => schema
                .fields()
                .iter()
                .enumerate()
                .filter(|(_, f)| names.iter().any(|n| n == f.name()))
                .map(|(i, f)| (i, f.as_ref()))
                .collect(),
            None => schema.fields().iter().enumerate().take(max_columns).map(|(i, f)| (i, f.as_ref())).collect(),
        };
        let mut columns = Vec::with_capacity(selected.len());
        for (index, field) in selected {
            let ranged = has_min_max(field.data_type());
            let from_footer = footer_has_exact_min_max(field.data_type())
                && properties.statistics_enabled(&ColumnPath::from(field.name().as_str())) != EnabledStatistics::None;
            columns.push(ColumnCollector {
                index,
                name: field.name().clone(),
                from_footer,
                min: if ranged { Some(MinAccumulator::try_new(field.data_type())?) } else { None },
                max: if ranged { Some(MaxAccumulator::try_new(field.data_type())?) } else { None },
                nulls: 0,
            });
        }
        Ok(Self { schema: Arc::clone(schema), columns, records: 0 })
    }

    pub fn update(&mut self, columns: &[ArrayRef], rows: usize) -> EngineResult<()> {
        self.records += rows as u64;
        for column in &mut self.columns {
            let array = &columns[column.index];
            column.nulls += array.null_count() as u64;
            if column.from_footer {
                continue;
            }
            if let Some(min) = column.min.as_mut() {
                min.update_batch(std::slice::from_ref(array))?;
            }
            if let Some(max) = column.max.as_mut() {
                max.update_batch(std::slice::from_ref(array))?;
            }
        }
        Ok(())
    }

    /// Folds the row-group min/max of the footer columns. A maximum Parquet truncated (strings
    /// over 64 bytes) is an upper bound but not the value: when it is the file's maximum, none is
    /// kept (a pass over the data would keep one of at most 32 characters).
    fn read_footer(&mut self, metadata: &ParquetMetaData) -> EngineResult<()> {
        let groups = metadata.row_groups();
        for column in self.columns.iter_mut().filter(|c| c.from_footer) {
            let converter =
                StatisticsConverter::try_new(&column.name, &self.schema, metadata.file_metadata().schema_descr())
                    .map_err(DataFusionError::from)?;
            if let Some(min) = column.min.as_mut() {
                min.update_batch(&[converter.row_group_mins(groups).map_err(DataFusionError::from)?])?;
            }
            if let Some(max) = column.max.as_mut() {
                let maxes = converter.row_group_maxes(groups).map_err(DataFusionError::from)?;
                let exact = converter.row_group_is_max_value_exact(groups).map_err(DataFusionError::from)?;
                let mut exact_max = MaxAccumulator::try_new(maxes.data_type())?;
                exact_max.update_batch(&[filter(&maxes, &exact)?])?;
                max.update_batch(&[maxes])?;
                if exact_max.evaluate()? != max.evaluate()? {
                    column.max = None;
                }
            }
        }
        Ok(())
    }

    pub fn records(&self) -> u64 {
        self.records
    }

    /// The add action's `stats` JSON text; `metadata` is the finished file's footer.
    pub fn finish(mut self, metadata: &ParquetMetaData) -> EngineResult<String> {
        self.read_footer(metadata)?;
        let mut min_values = Map::new();
        let mut max_values = Map::new();
        let mut null_count = Map::new();
        for column in &mut self.columns {
            null_count.insert(column.name.clone(), Value::from(column.nulls));
            if let Some(min) = column.min.as_mut() {
                if let Some(value) = json_value(&min.evaluate()?, Bound::Lower) {
                    min_values.insert(column.name.clone(), value);
                }
            }
            if let Some(max) = column.max.as_mut() {
                if let Some(value) = json_value(&max.evaluate()?, Bound::Upper) {
                    max_values.insert(column.name.clone(), value);
                }
            }
        }
        let mut stats = Map::new();
        stats.insert("numRecords".into(), Value::from(self.records));
        stats.insert("minValues".into(), Value::Object(min_values));
        stats.insert("maxValues".into(), Value::Object(max_values));
        stats.insert("nullCount".into(), Value::Object(null_count));
        Ok(Value::Object(stats).to_string())
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Bound {
    Lower,
    Upper,
}

/// The Delta JSON form of a statistic, or `None` when it cannot be stated safely as that bound.
fn json_value(value: &ScalarValue, bound: Bound) -> Option<Value> {
    if value.is_null() {
        return None;
    }
    match value {
        ScalarValue::Int8(Some(v)) => Some(Value::from(*v)),
        ScalarValue::Int16(Some(v)) => Some(Value::from(*v)),
        ScalarValue::Int32(Some(v)) => Some(Value::from(*v)),
        ScalarValue::Int64(Some(v)) => Some(Value::from(*v)),
        ScalarValue::UInt8(Some(v)) => Some(Value::from(*v)),
        ScalarValue::UInt16(Some(v)) => Some(Value::from(*v)),
        ScalarValue::UInt32(Some(v)) => Some(Value::from(*v)),
        ScalarValue::UInt64(Some(v)) => Some(Value::from(*v)),
        ScalarValue::Float32(Some(v)) => Number::from_f64(f64::from(*v)).map(Value::Number),
        ScalarValue::Float64(Some(v)) => Number::from_f64(*v).map(Value::Number),
        // Decimals travel as JSON numbers; only those a double holds exactly are stated.
        ScalarValue::Decimal128(Some(_), precision, _) if *precision <= 15 => {
            value.to_string().parse::<f64>().ok().and_then(Number::from_f64).map(Value::Number)
        }
        ScalarValue::Utf8(Some(s)) | ScalarValue::LargeUtf8(Some(s)) | ScalarValue::Utf8View(Some(s)) => {
            string_bound(s, bound).map(Value::String)
        }
        ScalarValue::Date32(Some(_)) | ScalarValue::Date64(Some(_)) => Some(Value::String(value.to_string())),
        ScalarValue::TimestampSecond(Some(v), tz) => timestamp(*v, TimeUnit::Second, tz.as_deref(), bound),
        ScalarValue::TimestampMillisecond(Some(v), tz) => timestamp(*v, TimeUnit::Millisecond, tz.as_deref(), bound),
        ScalarValue::TimestampMicrosecond(Some(v), tz) => timestamp(*v, TimeUnit::Microsecond, tz.as_deref(), bound),
        ScalarValue::TimestampNanosecond(Some(v), tz) => timestamp(*v, TimeUnit::Nanosecond, tz.as_deref(), bound),
        _ => None,
    }
}

fn string_bound(s: &str, bound: Bound) -> Option<String> {
    if s.chars().count() <= STRING_PREFIX_CHARS {
        return Some(s.to_string());
    }
    match bound {
        Bound::Lower => Some(s.chars().take(STRING_PREFIX_CHARS).collect()),
        Bound::Upper => None,
    }
}

/// Delta keeps timestamps at millisecond precision: a lower bound is rounded down and an upper
/// bound up, so both stay bounds. Zoned values are written in UTC with `Z`, local ones without.
fn timestamp(value: i64, unit: TimeUnit, tz: Option<&str>, bound: Bound) -> Option<Value> {
    let per_milli: i64 = match unit {
        TimeUnit::Second => return timestamp(value.checked_mul(1000)?, TimeUnit::Millisecond, tz, bound),
        TimeUnit::Millisecond => 1,
        TimeUnit::Microsecond => 1_000,
        TimeUnit::Nanosecond => 1_000_000,
    };
    let floor = value.div_euclid(per_milli);
    let millis = if bound == Bound::Upper && value.rem_euclid(per_milli) != 0 { floor.checked_add(1)? } else { floor };
    let text = if tz.is_some() {
        let utc: datafusion::arrow::array::timezone::Tz = "+00:00".parse().ok()?;
        let dt = as_datetime_with_timezone::<datafusion::arrow::datatypes::TimestampMillisecondType>(millis, utc)?;
        format!("{}Z", dt.naive_utc().format("%Y-%m-%dT%H:%M:%S%.3f"))
    } else {
        let dt = as_datetime::<datafusion::arrow::datatypes::TimestampMillisecondType>(millis)?;
        dt.format("%Y-%m-%dT%H:%M:%S%.3f").to_string()
    };
    Some(Value::String(text))
}

/// DataFusion statistics for one data file from its Delta `stats` JSON. Min/max are inexact
/// (Delta may truncate them, and deleted rows still count in them); the row count is exact when
/// Delta states it, less the rows a deletion vector removes.
pub fn file_statistics(
    file_schema: &Schema,
    stats: Option<&Map<String, Value>>,
    deleted_rows: u64,
    size: u64,
) -> Statistics {
    let num_records = stats.and_then(|s| s.get("numRecords")).and_then(Value::as_u64);
    let num_rows = match num_records {
        Some(n) => Precision::Exact(n.saturating_sub(deleted_rows) as usize),
        None => Precision::Absent,
    };
    let section = |name: &str| stats.and_then(|s| s.get(name)).and_then(Value::as_object);
    let (mins, maxs, nulls) = (section("minValues"), section("maxValues"), section("nullCount"));
    let column_statistics = file_schema
        .fields()
        .iter()
        .map(|field| {
            let bound = |values: Option<&Map<String, Value>>| {
                values
                    .and_then(|v| v.get(field.name()))
                    .and_then(|v| scalar_from_json(v, field.data_type()))
            };
            let null_count = nulls
                .and_then(|n| n.get(field.name()))
                .and_then(Value::as_u64)
                .map_or(Precision::Absent, |n| Precision::Inexact(n as usize));
            ColumnStatistics {
                null_count,
                max_value: bound(maxs).and_then(widen_timestamp_max).map_or(Precision::Absent, Precision::Inexact),
                min_value: bound(mins).map_or(Precision::Absent, Precision::Inexact),
                sum_value: Precision::Absent,
                distinct_count: Precision::Absent,
                byte_size: Precision::Absent,
            }
        })
        .collect();
    Statistics { num_rows, total_byte_size: Precision::Inexact(size as usize), column_statistics }
}

/// Writers that truncate timestamps to milliseconds (Delta Spark, delta-rs) state a maximum up to
/// 1 ms below the true one; widening by 1 ms keeps it an upper bound.
fn widen_timestamp_max(value: ScalarValue) -> Option<ScalarValue> {
    Some(match value {
        ScalarValue::TimestampMillisecond(Some(v), tz) => ScalarValue::TimestampMillisecond(Some(v.checked_add(1)?), tz),
        ScalarValue::TimestampMicrosecond(Some(v), tz) => {
            ScalarValue::TimestampMicrosecond(Some(v.checked_add(1_000)?), tz)
        }
        ScalarValue::TimestampNanosecond(Some(v), tz) => {
            ScalarValue::TimestampNanosecond(Some(v.checked_add(1_000_000)?), tz)
        }
        other => other,
    })
}

fn scalar_from_json(value: &Value, data_type: &DataType) -> Option<ScalarValue> {
    if !has_min_max(data_type) {
        return None;
    }
    let text = match value {
        Value::String(s) => s.clone(),
        Value::Number(n) => n.to_string(),
        _ => return None,
    };
    ScalarValue::try_from_string(text, data_type).ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::{Date32Array, Float64Array, Int64Array, RecordBatch, StringArray, UInt8Array};
    use datafusion::parquet::arrow::ArrowWriter;

    fn schema() -> SchemaRef {
        Arc::new(Schema::new(vec![
            Field::new("id", DataType::Int64, true),
            Field::new("small", DataType::UInt8, true),
            Field::new("day", DataType::Date32, true),
            Field::new("name", DataType::Utf8, true),
            Field::new("v", DataType::Float64, true),
        ]))
    }

    fn batch(first: i64, names: Vec<Option<&str>>) -> RecordBatch {
        let rows = names.len() as i64;
        let ids: Vec<Option<i64>> = (first..first + rows).map(|i| (i % 4 != 3).then_some(i)).collect();
        RecordBatch::try_new(
            schema(),
            vec![
                Arc::new(Int64Array::from(ids)),
                Arc::new(UInt8Array::from_iter_values((first..first + rows).map(|i| (200 + i) as u8))),
                Arc::new(Date32Array::from_iter_values((first..first + rows).map(|i| 19_000 - i as i32))),
                Arc::new(StringArray::from(names)),
                Arc::new(Float64Array::from_iter_values((first..first + rows).map(|i| i as f64 * -0.5))),
            ],
        )
        .unwrap()
    }

    /// Writes the batches in row groups of two rows; returns the stats JSON and how many columns
    /// took min/max from the footer.
    fn written_stats(batches: &[RecordBatch], statistics: EnabledStatistics) -> (String, usize) {
        let properties = WriterProperties::builder()
            .set_max_row_group_row_count(Some(2))
            .set_statistics_enabled(statistics)
            .build();
        let mut collector = StatsCollector::new(&schema(), None, 32, &properties).unwrap();
        let from_footer = collector.columns.iter().filter(|c| c.from_footer).count();
        let mut writer = ArrowWriter::try_new(Vec::new(), schema(), Some(properties)).unwrap();
        for batch in batches {
            writer.write(batch).unwrap();
            collector.update(batch.columns(), batch.num_rows()).unwrap();
        }
        let footer = writer.close().unwrap();
        (collector.finish(&footer).unwrap(), from_footer)
    }

    #[test]
    fn footer_min_max_equal_a_pass_over_the_data() {
        let long = "x".repeat(100); // over Parquet's 64-byte statistics: a truncated row-group max
        let accented = "é".repeat(40);
        let cases = [
            // the long string is the file's maximum: no maximum is stated either way
            vec![batch(0, vec![Some("b"), None, Some(&long)]), batch(3, vec![Some("a1"), Some("c")])],
            // a row group with a truncated maximum, but the file's maximum is another, exact one
            vec![batch(0, vec![Some("b"), Some(&long), Some("zz")]), batch(3, vec![None, Some("c")])],
            // the long string is the minimum: stated cut to 32 characters either way
            vec![batch(0, vec![Some(&long), Some("y")])],
            // 40 two-byte characters: Parquet keeps 32 of them and rounds the last one up, which
            // must not be stated as the maximum; as the minimum, the 32 are the cut prefix
            vec![batch(0, vec![Some("b"), Some(&accented)])],
            vec![batch(0, vec![Some(&accented), Some("z")])],
        ];
        for batches in cases {
            let (footer, from_footer) = written_stats(&batches, EnabledStatistics::Chunk);
            let (data_pass, none_from_footer) = written_stats(&batches, EnabledStatistics::None);
            assert_eq!((from_footer, none_from_footer), (4, 0), "id, small, day and name from the footer");
            assert_eq!(footer, data_pass);
        }
        let (stats, _) = written_stats(&[batch(0, vec![Some("b"), Some(&long), Some("zz")])], EnabledStatistics::Page);
        let stats: Value = serde_json::from_str(&stats).unwrap();
        assert_eq!(stats["minValues"]["name"], "b");
        assert_eq!(stats["maxValues"]["name"], "zz");
        assert_eq!(stats["minValues"]["small"], 200);
        assert_eq!(stats["maxValues"]["day"], "2022-01-08");
        assert_eq!(stats["nullCount"]["id"], 0);
        let (stats, _) = written_stats(&[batch(0, vec![Some("b"), None, Some(&long), Some("c")])], EnabledStatistics::Page);
        let stats: Value = serde_json::from_str(&stats).unwrap();
        assert_eq!(stats["maxValues"].get("name"), None, "a truncated maximum is no maximum");
        assert_eq!(stats["maxValues"]["id"], 2, "id 3 is null");
        assert_eq!(stats["nullCount"]["id"], 1);
        assert_eq!(stats["nullCount"]["name"], 1);
    }
}
