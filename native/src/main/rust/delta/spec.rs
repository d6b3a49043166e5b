//! The JSON documents exchanged with Java. Parsed by hand from `serde_json::Value` so every
//! malformed field becomes an `InvalidArgument` error naming the field.

use std::collections::HashMap;

use serde_json::{Map, Value};

use crate::error::{EngineError, EngineResult};

pub fn parse(json: &str, what: &str) -> EngineResult<Map<String, Value>> {
    match serde_json::from_str::<Value>(json) {
        Ok(Value::Object(map)) => Ok(map),
        Ok(_) => Err(EngineError::invalid_argument(format!("{what} must be a JSON object"))),
        Err(e) => Err(EngineError::invalid_argument(format!("{what} is not valid JSON: {e}"))),
    }
}

pub fn string(map: &Map<String, Value>, key: &str) -> EngineResult<String> {
    map.get(key)
        .and_then(Value::as_str)
        .map(str::to_string)
        .ok_or_else(|| EngineError::invalid_argument(format!("'{key}' must be a string")))
}

pub fn optional_string(map: &Map<String, Value>, key: &str) -> EngineResult<Option<String>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(_) => Err(EngineError::invalid_argument(format!("'{key}' must be a string or null"))),
    }
}

pub fn optional_u64(map: &Map<String, Value>, key: &str) -> EngineResult<Option<u64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_u64()
            .map(Some)
            .ok_or_else(|| EngineError::invalid_argument(format!("'{key}' must be a non-negative integer"))),
    }
}

pub fn u64_field(map: &Map<String, Value>, key: &str) -> EngineResult<u64> {
    optional_u64(map, key)?.ok_or_else(|| EngineError::invalid_argument(format!("'{key}' is required")))
}

pub fn optional_f64(map: &Map<String, Value>, key: &str) -> EngineResult<Option<f64>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(None),
        Some(value) => value
            .as_f64()
            .map(Some)
            .ok_or_else(|| EngineError::invalid_argument(format!("'{key}' must be a number"))),
    }
}

pub fn strings(map: &Map<String, Value>, key: &str) -> EngineResult<Vec<String>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_str()
                    .map(str::to_string)
                    .ok_or_else(|| EngineError::invalid_argument(format!("'{key}' must hold strings")))
            })
            .collect(),
        Some(_) => Err(EngineError::invalid_argument(format!("'{key}' must be an array of strings"))),
    }
}

pub fn objects<'a>(map: &'a Map<String, Value>, key: &str) -> EngineResult<Vec<&'a Map<String, Value>>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                item.as_object()
                    .ok_or_else(|| EngineError::invalid_argument(format!("'{key}' must hold objects")))
            })
            .collect(),
        Some(_) => Err(EngineError::invalid_argument(format!("'{key}' must be an array of objects"))),
    }
}

/// A `{name: string|null}` object, as Delta's `partitionValues`.
pub fn nullable_string_map(map: &Map<String, Value>, key: &str) -> EngineResult<HashMap<String, Option<String>>> {
    match map.get(key) {
        None | Some(Value::Null) => Ok(HashMap::new()),
        Some(Value::Object(entries)) => entries
            .iter()
            .map(|(name, value)| match value {
                Value::Null => Ok((name.clone(), None)),
                Value::String(s) => Ok((name.clone(), Some(s.clone()))),
                _ => Err(EngineError::invalid_argument(format!("'{key}.{name}' must be a string or null"))),
            })
            .collect(),
        Some(_) => Err(EngineError::invalid_argument(format!("'{key}' must be an object"))),
    }
}

/// `[[start, end], …]` half-open row ranges.
pub fn ranges(map: &Map<String, Value>, key: &str) -> EngineResult<Vec<(u64, u64)>> {
    let bad = || EngineError::invalid_argument(format!("'{key}' must be an array of [start, end) pairs"));
    match map.get(key) {
        None | Some(Value::Null) => Ok(Vec::new()),
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| {
                let pair = item.as_array().filter(|p| p.len() == 2).ok_or_else(bad)?;
                let start = pair[0].as_u64().ok_or_else(bad)?;
                let end = pair[1].as_u64().ok_or_else(bad)?;
                if end <= start {
                    return Err(bad());
                }
                Ok((start, end))
            })
            .collect(),
        Some(_) => Err(bad()),
    }
}
