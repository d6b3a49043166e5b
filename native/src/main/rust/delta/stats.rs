//! Delta file statistics in both directions: collected while writing (the `stats` JSON of an add
//! action: `numRecords`, `minValues`, `maxValues`, `nullCount`) and read back as DataFusion
//! statistics so the scan can skip files.

use datafusion::arrow::array::{Array, ArrayRef};
use datafusion::arrow::datatypes::{DataType, Field, Schema, TimeUnit};
use datafusion::arrow::temporal_conversions::{as_datetime, as_datetime_with_timezone};
use datafusion::common::stats::Precision;
use datafusion::common::{ColumnStatistics, ScalarValue, Statistics};
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

struct ColumnCollector {
    index: usize,
    name: String,
    min: Option<MinAccumulator>,
    max: Option<MaxAccumulator>,
    nulls: u64,
}

/// Accumulates the statistics of one data file while its batches are written.
pub struct StatsCollector {
    columns: Vec<ColumnCollector>,
    records: u64,
}

impl StatsCollector {
    /// Collects the first `max_columns` top-level columns of `schema` (Delta's
    /// `dataSkippingNumIndexedCols`), or exactly `explicit` when given.
    pub fn new(schema: &Schema, explicit: Option<&[String]>, max_columns: usize) -> EngineResult<Self> {
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
            columns.push(ColumnCollector {
                index,
                name: field.name().clone(),
                min: if ranged { Some(MinAccumulator::try_new(field.data_type())?) } else { None },
                max: if ranged { Some(MaxAccumulator::try_new(field.data_type())?) } else { None },
                nulls: 0,
            });
        }
        Ok(Self { columns, records: 0 })
    }

    pub fn update(&mut self, columns: &[ArrayRef], rows: usize) -> EngineResult<()> {
        self.records += rows as u64;
        for column in &mut self.columns {
            let array = &columns[column.index];
            column.nulls += array.null_count() as u64;
            if let Some(min) = column.min.as_mut() {
                min.update_batch(std::slice::from_ref(array))?;
            }
            if let Some(max) = column.max.as_mut() {
                max.update_batch(std::slice::from_ref(array))?;
            }
        }
        Ok(())
    }

    pub fn records(&self) -> u64 {
        self.records
    }

    /// The add action's `stats` JSON text.
    pub fn finish(mut self) -> EngineResult<String> {
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
