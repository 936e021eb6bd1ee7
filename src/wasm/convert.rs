//! Values across the boundary: errors thrown as JS `Error`s with their
//! field, results as plain objects, arguments read strictly.

use super::values;
use crate::error::FieldError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use wasm_bindgen::prelude::*;

/// A binding's result: a core error crosses as a thrown `Error`.
pub type Thrown<T> = Result<T, JsValue>;

/// A core error as a thrown JS `Error` with `field` (and `line`).
pub fn thrown(e: FieldError) -> JsValue {
    let message = match e.line {
        Some(line) => format!("line {line}: {}", e.reason),
        None => e.to_string(),
    };
    let error = js_sys::Error::new(&message);
    let _ = js_sys::Reflect::set(&error, &"field".into(), &e.field.into());
    let _ = js_sys::Reflect::set(&error, &"reason".into(), &e.reason.into());
    if let Some(line) = e.line {
        let _ = js_sys::Reflect::set(&error, &"line".into(), &(line as u32).into());
    }
    error.into()
}

pub fn to_js<T: Serialize>(value: &T) -> Thrown<JsValue> {
    // Through serde_json's Value, like `from_js`: one serializer for every
    // type keeps the wasm small (a serializer per output type costs tens
    // of KB).
    let value = serde_json::to_value(value)
        .map_err(|e| thrown(FieldError::new("result", e.to_string())))?;
    Ok(values::write(&value))
}

/// A value from JS, named `what` in errors about the whole of it.
pub fn from_js<T: DeserializeOwned>(value: &JsValue, what: &str) -> Thrown<T> {
    let value = values::read(value).map_err(|reason| thrown(FieldError::new(what, reason)))?;
    // Read from a Value: the deserializer the scenario file reader and the
    // link reader use too, so each type's reader is in the wasm once.
    crate::scenario::params::from_value(value, what).map_err(thrown)
}
