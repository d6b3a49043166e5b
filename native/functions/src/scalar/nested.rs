//! Nested functions (spec §1.5): map_get_default, map_normalize, list_compact,
//! list_unique_sorted, struct_pick.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use arrow::array::{
    Array, ArrayRef, AsArray, ListBuilder, MapArray, StringBuilder, StructArray,
};
use arrow::buffer::{NullBuffer, OffsetBuffer, ScalarBuffer};
use arrow::datatypes::{DataType, Field, FieldRef, Fields};
use datafusion::common::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature,
};

use crate::common::*;
use crate::config::CodeAnatomyUdfConfig;
use crate::docs;

/// `Map<entries: Struct<keys: Utf8 (non-null), values: Utf8>>`, unsorted.
pub fn utf8_map_type() -> DataType {
    DataType::Map(Arc::new(utf8_map_entries_field()), false)
}

fn utf8_map_entries_field() -> Field {
    Field::new(
        "entries",
        DataType::Struct(utf8_map_fields()),
        false,
    )
}

fn utf8_map_fields() -> Fields {
    Fields::from(vec![
        Field::new("keys", DataType::Utf8, false),
        Field::new("values", DataType::Utf8, true),
    ])
}

/// Builds a `Map<Utf8, Utf8>` array from per-row entry lists (`None` row = NULL map).
pub fn build_utf8_map(rows: Vec<Option<Vec<(String, Option<String>)>>>) -> Result<MapArray> {
    let mut keys = StringBuilder::new();
    let mut values = StringBuilder::new();
    let mut offsets: Vec<i32> = Vec::with_capacity(rows.len() + 1);
    let mut valid: Vec<bool> = Vec::with_capacity(rows.len());
    offsets.push(0);
    let mut count: i32 = 0;
    for row in &rows {
        match row {
            Some(entries) => {
                for (k, v) in entries {
                    keys.append_value(k);
                    values.append_option(v.as_deref());
                    count += 1;
                }
                valid.push(true);
            }
            None => valid.push(false),
        }
        offsets.push(count);
    }
    let entries = StructArray::try_new(
        utf8_map_fields(),
        vec![Arc::new(keys.finish()) as ArrayRef, Arc::new(values.finish())],
        None,
    )?;
    let nulls = if valid.iter().all(|v| *v) {
        None
    } else {
        Some(NullBuffer::from(valid))
    };
    Ok(MapArray::try_new(
        Arc::new(utf8_map_entries_field()),
        OffsetBuffer::new(ScalarBuffer::from(offsets)),
        entries,
        nulls,
        false,
    )?)
}

/// Entries of row `i` of a map array as stringified (key, value) pairs; keys may be NULL.
fn map_entries(map: &MapArray, i: usize) -> Result<Vec<(Option<String>, Option<String>)>> {
    let offsets = map.value_offsets();
    let (start, end) = (offsets[i] as usize, offsets[i + 1] as usize);
    let keys = map.keys();
    let values = map.values();
    let mut out = Vec::with_capacity(end - start);
    for j in start..end {
        out.push((stringify_at(keys.as_ref(), j)?, stringify_at(values.as_ref(), j)?));
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------------------

/// `map_get_default(map_expr, key, default_value)` → Utf8.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MapGetDefault {
    signature: Signature,
}

/// Builds `map_get_default`.
pub fn map_get_default() -> ScalarUDF {
    ScalarUDF::new_from_impl(MapGetDefault {
        signature: catalog_signature(&[vec![utf8_map_type(), DataType::Utf8, DataType::Utf8]]),
    })
}

const MAP_GET_SIG: &str = "map_get_default(map_expr MAP<K, V>, key STRING (literal), default_value STRING)";

impl ScalarUDFImpl for MapGetDefault {
    fn name(&self) -> &str {
        "map_get_default"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        if args.arg_fields.len() != 3 {
            return Err(arity_error("map_get_default expects exactly three arguments", MAP_GET_SIG));
        }
        if !matches!(args.arg_fields[0].data_type(), DataType::Map(_, _) | DataType::Null) {
            return Err(arity_error("map_get_default expects a map input", MAP_GET_SIG));
        }
        Ok(Arc::new(Field::new(self.name(), DataType::Utf8, true)))
    }
    fn short_circuits(&self) -> bool {
        true
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 3 {
            return Err(plan_error("map_get_default expects exactly three arguments"));
        }
        let key = scalar_arg(&args.args, 1, "map_get_default key must be a scalar literal")?
            .and_then(stringify_scalar)
            .ok_or_else(|| plan_error("map_get_default key cannot be null"))?;
        let rows = Rows::from_args(&args)?;
        let (m, d) = (&rows.arrays[0], &rows.arrays[2]);
        let map = match m.data_type() {
            DataType::Map(_, _) => Some(m.as_map()),
            DataType::Null => None,
            _ => return Err(plan_error("map_get_default expects a map input")),
        };
        let mut out = StringBuilder::with_capacity(rows.len, rows.len * 8);
        for i in 0..rows.len {
            let found = match map {
                Some(map) if !map.is_null(i) => map_entries(map, i)?
                    .into_iter()
                    .find_map(|(k, v)| if k.as_deref() == Some(key.as_str()) { v } else { None }),
                _ => None,
            };
            match found {
                Some(v) => out.append_value(v),
                None => out.append_option(stringify_at(d.as_ref(), i)?),
            }
        }
        rows.finish(Arc::new(out.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `map_normalize(map_expr [, key_case [, sort_keys]])` → `Map<Utf8, Utf8>`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MapNormalize {
    signature: Signature,
}

/// Builds `map_normalize`.
pub fn map_normalize() -> ScalarUDF {
    ScalarUDF::new_from_impl(MapNormalize {
        signature: catalog_signature(&[
            vec![utf8_map_type()],
            vec![utf8_map_type(), DataType::Utf8],
            vec![utf8_map_type(), DataType::Utf8, DataType::Boolean],
        ]),
    })
}

const MAP_NORMALIZE_SIG: &str =
    "map_normalize(map_expr MAP<K, V> [, key_case STRING [, sort_keys BOOLEAN]])";

impl ScalarUDFImpl for MapNormalize {
    fn name(&self) -> &str {
        "map_normalize"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let mut out = arg_types.to_vec();
        if let Some(t) = out.get_mut(1) {
            if !is_string_type(t) {
                *t = DataType::Utf8;
            }
        }
        if let Some(t) = out.get_mut(2) {
            *t = DataType::Boolean;
        }
        Ok(out)
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(utf8_map_type())
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        if !(1..=3).contains(&args.arg_fields.len()) {
            return Err(arity_error("map_normalize expects between 1 and 3 arguments", MAP_NORMALIZE_SIG));
        }
        let first = &args.arg_fields[0];
        if !matches!(first.data_type(), DataType::Map(_, _)) {
            return Err(arity_error("map_normalize expects a map input", MAP_NORMALIZE_SIG));
        }
        Ok(Arc::new(
            Field::new(self.name(), utf8_map_type(), first.is_nullable())
                .with_metadata(first.metadata().clone()),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if !(1..=3).contains(&args.args.len()) {
            return Err(plan_error("map_normalize expects between 1 and 3 arguments"));
        }
        let cfg = CodeAnatomyUdfConfig::from_config(&args.config_options);
        let key_case = literal_str(scalar_arg(&args.args, 1, "map_normalize key_case must be a scalar literal")?)
            .unwrap_or(cfg.map_normalize_key_case.clone())
            .trim()
            .to_ascii_lowercase();
        let sort_keys = match scalar_arg(&args.args, 2, "map_normalize sort_keys must be a scalar literal")? {
            Some(v) => scalar_to_bool(v, "map_normalize sort_keys")?,
            None => None,
        }
        .unwrap_or(cfg.map_normalize_sort_keys);
        let rows = Rows::new(&args.args[..1], args.number_rows)?;
        let m = &rows.arrays[0];
        let DataType::Map(_, _) = m.data_type() else {
            return Err(plan_error("map_normalize expects a map input"));
        };
        let map = m.as_map();
        let case = |k: String| -> String {
            match key_case.as_str() {
                "upper" => k.to_uppercase(),
                "none" => k,
                _ => k.to_lowercase(),
            }
        };
        let mut out_rows = Vec::with_capacity(rows.len);
        for i in 0..rows.len {
            if map.is_null(i) {
                out_rows.push(None);
                continue;
            }
            let entries = map_entries(map, i)?
                .into_iter()
                .filter_map(|(k, v)| k.map(|k| (case(k), v)));
            let entries: Vec<(String, Option<String>)> = if sort_keys {
                let sorted: BTreeMap<String, Option<String>> = entries.collect();
                sorted.into_iter().collect()
            } else {
                entries.collect()
            };
            out_rows.push(Some(entries));
        }
        rows.finish(Arc::new(build_utf8_map(out_rows)?))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}

// ------------------------------------------------------------------------------------------------

/// `list_compact(list)` (alias `array_compact`) and `list_unique_sorted(list)` (alias
/// `array_unique_sorted`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ListClean {
    name: &'static str,
    unique_sorted: bool,
    signature: Signature,
}

fn utf8_list_type() -> DataType {
    DataType::List(Arc::new(Field::new_list_field(DataType::Utf8, true)))
}

/// Builds `list_compact`.
pub fn list_compact() -> ScalarUDF {
    ScalarUDF::new_from_impl(ListClean {
        name: "list_compact",
        unique_sorted: false,
        signature: catalog_signature(&[vec![utf8_list_type()]]),
    })
}

/// Builds `list_unique_sorted`.
pub fn list_unique_sorted() -> ScalarUDF {
    ScalarUDF::new_from_impl(ListClean {
        name: "list_unique_sorted",
        unique_sorted: true,
        signature: catalog_signature(&[vec![utf8_list_type()]]),
    })
}

impl ScalarUDFImpl for ListClean {
    fn name(&self) -> &str {
        self.name
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types.to_vec())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(utf8_list_type())
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let accepted = format!("{}(list_expr LIST<T>)", self.name);
        if args.arg_fields.len() != 1 {
            return Err(arity_error(&format!("{} expects 1 arguments", self.name), &accepted));
        }
        let first = &args.arg_fields[0];
        if !matches!(first.data_type(), DataType::List(_)) {
            return Err(arity_error(&format!("{} expects a list input", self.name), &accepted));
        }
        Ok(Arc::new(
            Field::new(self.name, utf8_list_type(), first.is_nullable())
                .with_metadata(first.metadata().clone()),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.len() != 1 {
            return Err(plan_error(format!("{} expects 1 arguments", self.name)));
        }
        let rows = Rows::from_args(&args)?;
        let DataType::List(_) = rows.arrays[0].data_type() else {
            return Err(plan_error(format!("{} expects a list input", self.name)));
        };
        let list = rows.arrays[0].as_list::<i32>();
        let mut b = ListBuilder::new(StringBuilder::new());
        for i in 0..rows.len {
            if list.is_null(i) {
                b.append_null();
                continue;
            }
            let values = list.value(i);
            let mut items: Vec<String> = Vec::with_capacity(values.len());
            for j in 0..values.len() {
                if let Some(s) = stringify_at(values.as_ref(), j)? {
                    items.push(s);
                }
            }
            if self.unique_sorted {
                let set: BTreeSet<String> = items.into_iter().collect();
                for s in set {
                    b.values().append_value(s);
                }
            } else {
                for s in items {
                    b.values().append_value(s);
                }
            }
            b.append(true);
        }
        rows.finish(Arc::new(b.finish()))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name)
    }
}

// ------------------------------------------------------------------------------------------------

/// `struct_pick(struct_expr, field1 [, ..., field6])` (alias `struct_select`).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct StructPick {
    signature: Signature,
}

/// Builds `struct_pick`.
pub fn struct_pick() -> ScalarUDF {
    ScalarUDF::new_from_impl(StructPick {
        signature: catalog_signature(&[]),
    })
}

const STRUCT_PICK_SIG: &str =
    "struct_pick(struct_expr STRUCT<...>, field1 STRING [, field2 STRING ... field6 STRING]) (field names must be literals)";

impl StructPick {
    fn selected(&self, input: &Fields, names: &[String], nullable_input: bool) -> Result<Fields> {
        let mut out = Vec::with_capacity(names.len());
        for n in names {
            let (_, f) = input
                .find(n)
                .ok_or_else(|| plan_error(format!("struct_pick field not found in struct: {n}")))?;
            let f = f.as_ref().clone();
            out.push(if nullable_input { f.with_nullable(true) } else { f });
        }
        Ok(Fields::from(out))
    }
}

fn field_names(args: &[Option<&datafusion::common::ScalarValue>], count: usize) -> Result<Vec<String>> {
    let mut names = Vec::with_capacity(count);
    for i in 1..count {
        let v = args
            .get(i)
            .copied()
            .flatten()
            .and_then(stringify_scalar)
            .ok_or_else(|| plan_error("struct_pick field names must be scalar literals"))?;
        let v = v.trim().to_string();
        if v.is_empty() {
            return Err(plan_error("struct_pick field names cannot be empty"));
        }
        names.push(v);
    }
    Ok(names)
}

impl ScalarUDFImpl for StructPick {
    fn name(&self) -> &str {
        "struct_pick"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        Ok(arg_types
            .iter()
            .enumerate()
            .map(|(i, t)| {
                if i == 0 || is_string_type(t) {
                    t.clone()
                } else {
                    DataType::Utf8
                }
            })
            .collect())
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Err(plan_error("struct_pick requires return_field_from_args"))
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let n = args.arg_fields.len();
        if !(2..=7).contains(&n) {
            return Err(arity_error("struct_pick expects between two and seven arguments", STRUCT_PICK_SIG));
        }
        let first = &args.arg_fields[0];
        let DataType::Struct(fields) = first.data_type() else {
            return Err(arity_error("struct_pick expects a struct input", STRUCT_PICK_SIG));
        };
        let names = field_names(args.scalar_arguments, n)?;
        let selected = self.selected(fields, &names, first.is_nullable())?;
        Ok(Arc::new(
            Field::new(self.name(), DataType::Struct(selected), first.is_nullable())
                .with_metadata(first.metadata().clone()),
        ))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let DataType::Struct(out_fields) = args.return_field.data_type().clone() else {
            return Err(plan_error("struct_pick expects a struct input"));
        };
        let rows = Rows::from_args(&args)?;
        let first = rows.first("struct_pick")?;
        let DataType::Struct(_) = first.data_type() else {
            return Err(plan_error("struct_pick expects a struct input"));
        };
        let s = first.as_struct();
        let mut columns = Vec::with_capacity(out_fields.len());
        for f in out_fields.iter() {
            let col = s
                .column_by_name(f.name())
                .ok_or_else(|| plan_error(format!("struct_pick field not found in struct: {}", f.name())))?;
            columns.push(Arc::clone(col));
        }
        let out = StructArray::try_new(out_fields, columns, s.nulls().cloned())?;
        rows.finish(Arc::new(out))
    }
    fn documentation(&self) -> Option<&Documentation> {
        docs::get(self.name())
    }
}
