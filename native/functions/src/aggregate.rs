//! Aggregate functions (spec §1b): list_unique, collect_set, count_distinct_agg, count_if,
//! any_value_det, arg_min, arg_max, asof_select, plus DataFusion's first_value / last_value /
//! string_agg re-registered with the catalog aliases.
//!
//! All custom aggregates support `IGNORE NULLS` / `RESPECT NULLS`; the default is RESPECT, so NULL
//! inputs are counted / listed unless `IGNORE NULLS` is written. Ordering is byte-wise ascending.

use std::collections::BTreeMap;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, ListBuilder, StringBuilder};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{Result, ScalarValue};
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::utils::format_state_name;
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Documentation, Signature, TypeSignature,
    Volatility,
};

use crate::common::*;
use crate::docs;

fn utf8_list_type() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

fn string_value_signature() -> Signature {
    let sig = Signature::one_of(
        vec![
            TypeSignature::Exact(vec![DataType::Utf8]),
            TypeSignature::Exact(vec![DataType::LargeUtf8]),
            TypeSignature::Exact(vec![DataType::Utf8View]),
        ],
        Volatility::Immutable,
    );
    sig.clone().with_parameter_names(vec!["value"]).unwrap_or(sig)
}

// ------------------------------------------------------------------------------------------------

#[derive(Debug, PartialEq, Eq, Hash, Clone, Copy)]
enum SetMode {
    List,
    Count,
}

/// `list_unique(value)`, `collect_set(value)` → `List<Utf8>`; `count_distinct_agg(value)` → Int64.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct StringSetAgg {
    name: &'static str,
    state_suffix: &'static str,
    mode: SetMode,
    signature: Signature,
}

fn set_agg(name: &'static str, state_suffix: &'static str, mode: SetMode) -> AggregateUDF {
    AggregateUDF::new_from_impl(StringSetAgg {
        name,
        state_suffix,
        mode,
        signature: string_value_signature(),
    })
}

/// Builds `list_unique`.
pub fn list_unique() -> AggregateUDF {
    set_agg("list_unique", "list_unique", SetMode::List)
}
/// Builds `collect_set`.
pub fn collect_set() -> AggregateUDF {
    set_agg("collect_set", "collect_set", SetMode::List)
}
/// Builds `count_distinct_agg`.
pub fn count_distinct_agg() -> AggregateUDF {
    set_agg("count_distinct_agg", "count_distinct", SetMode::Count)
}

impl AggregateUDFImpl for StringSetAgg {
    fn name(&self) -> &str {
        self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(match self.mode {
            SetMode::List => utf8_list_type(),
            SetMode::Count => DataType::Int64,
        })
    }
    fn return_field(&self, _arg_fields: &[FieldRef]) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(
            self.name,
            self.return_type(&[])?,
            self.mode == SetMode::List,
        )))
    }
    fn accumulator(&self, acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(StringSetAccumulator {
            counts: BTreeMap::new(),
            nulls: 0,
            ignore_nulls: acc_args.ignore_nulls,
            mode: self.mode,
        }))
    }
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format_state_name(args.name, self.state_suffix),
            utf8_list_type(),
            true,
        ))])
    }
    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.accumulator(args)
    }
    fn default_value(&self, data_type: &DataType) -> Result<ScalarValue> {
        match self.mode {
            SetMode::Count => Ok(ScalarValue::Int64(Some(0))),
            SetMode::List => ScalarValue::try_from(data_type),
        }
    }
    fn supports_null_handling_clause(&self) -> bool {
        true
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}

/// Per-value counts, so the accumulator can retract rows of a sliding window frame.
#[derive(Debug)]
struct StringSetAccumulator {
    counts: BTreeMap<String, u64>,
    nulls: u64,
    ignore_nulls: bool,
    mode: SetMode,
}

impl StringSetAccumulator {
    fn add_array(&mut self, values: &dyn Array) -> Result<()> {
        for i in 0..values.len() {
            match stringify_at(values, i)? {
                Some(s) => *self.counts.entry(s).or_insert(0) += 1,
                None => {
                    if !self.ignore_nulls {
                        self.nulls += 1
                    }
                }
            }
        }
        Ok(())
    }
}

impl Accumulator for StringSetAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        match values.first() {
            Some(v) => self.add_array(v.as_ref()),
            None => Ok(()),
        }
    }

    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let Some(values) = values.first() else {
            return Ok(());
        };
        for i in 0..values.len() {
            match stringify_at(values.as_ref(), i)? {
                Some(s) => {
                    let remove = match self.counts.get_mut(&s) {
                        Some(c) if *c > 0 => {
                            *c -= 1;
                            *c == 0
                        }
                        _ => return Err(plan_error("distinct string count underflow")),
                    };
                    if remove {
                        self.counts.remove(&s);
                    }
                }
                None => {
                    if !self.ignore_nulls {
                        if self.nulls == 0 {
                            return Err(plan_error("distinct string null count underflow"));
                        }
                        self.nulls -= 1;
                    }
                }
            }
        }
        Ok(())
    }

    fn supports_retract_batch(&self) -> bool {
        true
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let with_null = self.nulls > 0 && !self.ignore_nulls;
        match self.mode {
            SetMode::Count => Ok(ScalarValue::Int64(Some(
                self.counts.len() as i64 + i64::from(with_null),
            ))),
            SetMode::List => Ok(ScalarValue::List(Arc::new(self.list(with_null)))),
        }
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
            + self
                .counts
                .keys()
                .map(|k| k.capacity() + 2 * std::mem::size_of::<u64>())
                .sum::<usize>()
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let with_null = self.nulls > 0 && !self.ignore_nulls;
        Ok(vec![ScalarValue::List(Arc::new(self.list(with_null)))])
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let Some(state) = states.first() else {
            return Ok(());
        };
        let DataType::List(_) = state.data_type() else {
            return Err(plan_error(format!("unexpected state type {}", state.data_type())));
        };
        let list = state.as_list::<i32>();
        for i in 0..list.len() {
            if list.is_null(i) {
                continue;
            }
            self.add_array(list.value(i).as_ref())?;
        }
        Ok(())
    }
}

impl StringSetAccumulator {
    fn list(&self, with_null: bool) -> arrow::array::ListArray {
        let mut b = ListBuilder::new(StringBuilder::new());
        for k in self.counts.keys() {
            b.values().append_value(k);
        }
        if with_null {
            b.values().append_null();
        }
        b.append(true);
        b.finish()
    }
}

// ------------------------------------------------------------------------------------------------

/// `count_if(predicate)` → Int64.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CountIf {
    signature: Signature,
}

/// Builds `count_if`.
pub fn count_if() -> AggregateUDF {
    let sig = Signature::one_of(
        vec![TypeSignature::Exact(vec![DataType::Boolean])],
        Volatility::Immutable,
    );
    let sig = sig.clone().with_parameter_names(vec!["predicate"]).unwrap_or(sig);
    AggregateUDF::new_from_impl(CountIf { signature: sig })
}

impl AggregateUDFImpl for CountIf {
    fn name(&self) -> &str {
        "count_if"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Int64)
    }
    fn return_field(&self, _arg_fields: &[FieldRef]) -> Result<FieldRef> {
        Ok(Arc::new(Field::new(self.name(), DataType::Int64, false)))
    }
    fn accumulator(&self, _acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(CountIfAccumulator { count: 0 }))
    }
    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![Arc::new(Field::new(
            format_state_name(args.name, "count_if"),
            DataType::Int64,
            true,
        ))])
    }
    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        self.accumulator(args)
    }
    fn default_value(&self, _data_type: &DataType) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(0)))
    }
    fn supports_null_handling_clause(&self) -> bool {
        true
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

#[derive(Debug)]
struct CountIfAccumulator {
    count: i64,
}

fn count_true(values: &[ArrayRef]) -> Result<i64> {
    let Some(v) = values.first() else { return Ok(0) };
    match v.data_type() {
        DataType::Boolean => Ok(v.as_boolean().true_count() as i64),
        DataType::Null => Ok(0),
        other => Err(plan_error(format!("count_if expects boolean input, got {other}"))),
    }
}

impl Accumulator for CountIfAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.count += count_true(values)?;
        Ok(())
    }
    fn retract_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.count -= count_true(values)?;
        Ok(())
    }
    fn supports_retract_batch(&self) -> bool {
        true
    }
    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Int64(Some(self.count)))
    }
    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![ScalarValue::Int64(Some(self.count))])
    }
    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        if let Some(s) = states.first() {
            for i in 0..s.len() {
                if let Some(v) = i64_at(s.as_ref(), i, "count_if state")? {
                    self.count += v;
                }
            }
        }
        Ok(())
    }
}

// ------------------------------------------------------------------------------------------------

/// The arg-best family: `any_value_det` / `arg_min` (smallest key) and `arg_max` /
/// `asof_select` (largest key); ties → lexicographically smallest value.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ArgBest {
    name: &'static str,
    max: bool,
    signature: Signature,
}

fn arg_best(name: &'static str, max: bool) -> AggregateUDF {
    AggregateUDF::new_from_impl(ArgBest {
        name,
        max,
        signature: catalog_signature(&[vec![DataType::Utf8, DataType::Int64]]),
    })
}

/// Builds `any_value_det`.
pub fn any_value_det() -> AggregateUDF {
    arg_best("any_value_det", false)
}
/// Builds `arg_min`.
pub fn arg_min() -> AggregateUDF {
    arg_best("arg_min", false)
}
/// Builds `arg_max`.
pub fn arg_max() -> AggregateUDF {
    arg_best("arg_max", true)
}
/// Builds `asof_select`.
pub fn asof_select() -> AggregateUDF {
    arg_best("asof_select", true)
}

impl AggregateUDFImpl for ArgBest {
    fn name(&self) -> &str {
        self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() != 2 {
            return Ok(arg_types.to_vec());
        }
        let value = if is_string_type(&arg_types[0]) {
            arg_types[0].clone()
        } else {
            DataType::Utf8
        };
        Ok(vec![value, DataType::Int64])
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field(&self, arg_fields: &[FieldRef]) -> Result<FieldRef> {
        if arg_fields.len() != 2 {
            return Err(arity_error(
                &format!("{} expects exactly two arguments", self.name),
                &format!("{}(value STRING, order_key BIGINT)", self.name),
            ));
        }
        Ok(Arc::new(Field::new(self.name, DataType::Utf8, true)))
    }
    fn accumulator(&self, _acc_args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(ArgBestAccumulator {
            name: self.name,
            max: self.max,
            best: None,
        }))
    }
    fn state_fields(&self, _args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new(format!("{}_value", self.name), DataType::Utf8, true)),
            Arc::new(Field::new(format!("{}_key", self.name), DataType::Int64, true)),
        ])
    }
    fn supports_null_handling_clause(&self) -> bool {
        true
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}

#[derive(Debug)]
struct ArgBestAccumulator {
    name: &'static str,
    max: bool,
    best: Option<(i64, String)>,
}

impl ArgBestAccumulator {
    fn offer(&mut self, key: i64, value: String) {
        let better = match &self.best {
            None => true,
            Some((bk, bv)) => {
                if key == *bk {
                    value < *bv
                } else if self.max {
                    key > *bk
                } else {
                    key < *bk
                }
            }
        };
        if better {
            self.best = Some((key, value));
        }
    }

    fn add(&mut self, values: &[ArrayRef]) -> Result<()> {
        let (Some(v), Some(k)) = (values.first(), values.get(1)) else {
            return Err(plan_error(format!("{} expects exactly two arguments", self.name)));
        };
        let ctx = format!("{}: failed to parse order_key as int64", self.name);
        for i in 0..v.len() {
            let Some(value) = stringify_at(v.as_ref(), i)? else { continue };
            if k.is_null(i) {
                continue;
            }
            let key = match k.data_type() {
                DataType::Timestamp(_, _)
                | DataType::Date32
                | DataType::Date64
                | DataType::Duration(_) => {
                    let cast = arrow::compute::cast(&k.slice(i, 1), &DataType::Int64)?;
                    i64_at(cast.as_ref(), 0, &ctx)?
                }
                _ => i64_at(k.as_ref(), i, &ctx)?,
            };
            if let Some(key) = key {
                self.offer(key, value);
            }
        }
        Ok(())
    }
}

impl Accumulator for ArgBestAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        self.add(values)
    }
    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Utf8(self.best.as_ref().map(|(_, v)| v.clone())))
    }
    fn size(&self) -> usize {
        std::mem::size_of_val(self) + self.best.as_ref().map(|(_, v)| v.capacity()).unwrap_or(0)
    }
    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![
            ScalarValue::Utf8(self.best.as_ref().map(|(_, v)| v.clone())),
            ScalarValue::Int64(self.best.as_ref().map(|(k, _)| *k)),
        ])
    }
    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        self.add(states)
    }
}

// ------------------------------------------------------------------------------------------------

/// DataFusion's `first_value` (the catalog adds alias `first_value_agg`).
pub fn first_value() -> AggregateUDF {
    datafusion::functions_aggregate::first_last::first_value_udaf().as_ref().clone()
}
/// DataFusion's `last_value` (the catalog adds alias `last_value_agg`).
pub fn last_value() -> AggregateUDF {
    datafusion::functions_aggregate::first_last::last_value_udaf().as_ref().clone()
}
/// DataFusion's `string_agg`.
pub fn string_agg() -> AggregateUDF {
    datafusion::functions_aggregate::string_agg::string_agg_udaf().as_ref().clone()
}
