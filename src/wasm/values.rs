//! Plain JS values to and from serde_json's `Value`, by walking them.
//!
//! The core reads and writes `Value`s already; walking the JS value
//! directly (instead of JSON text through `JSON.stringify` and serde_json's
//! parser) keeps serde_json's text reader out of the embed's wasm, and a
//! number crosses as the same f64 with no decimal text between. For plain
//! data (objects, arrays, strings, numbers, booleans, null) the walk
//! follows `JSON.stringify`'s rules, so a value reads as it would have
//! through JSON text: `undefined`, function and symbol properties are left
//! out (null in an array), `NaN` and infinities become null, and a whole
//! number becomes an integer (as "7" parses as one). `toJSON` is not
//! called: the page passes no dates or class instances.

// The bounds of a file's JSON (the same values): deeper than any value
// the page passes, and more values than its largest state; they bound the
// work on a value that holds one array in several places of itself.
use crate::share::json::{MAX_DEPTH, MAX_VALUES};
use js_sys::{Array, Object, Reflect};
use serde_json::{Map, Number, Value};
use wasm_bindgen::{JsCast, JsValue};

/// The `Value` of a plain JS value, or why it is not one.
pub fn read(value: &JsValue) -> Result<Value, &'static str> {
    if value.is_undefined() {
        return Err("no value");
    }
    Walk::default().read(value)
}

/// A walk through one value: how much it has read, how deep it is, and
/// the objects (not arrays: a tie is one) it is inside, so that an object
/// inside itself is refused at once.
#[derive(Default)]
struct Walk {
    values: usize,
    depth: usize,
    objects: Vec<JsValue>,
}

impl Walk {
    fn read(&mut self, value: &JsValue) -> Result<Value, &'static str> {
        self.values += 1;
        if self.values > MAX_VALUES {
            return Err("too large (or contains itself)");
        }
        // Numbers first, then objects: each question is a call into JS, and
        // an imported network is hundreds of thousands of small arrays of
        // numbers.
        if let Some(x) = value.as_f64() {
            return Ok(number(x));
        }
        if value.is_object() {
            if self.depth >= MAX_DEPTH {
                return Err("nested too deeply (or contains itself)");
            }
            self.depth += 1;
            let read = if Array::is_array(value) {
                self.array(value)
            } else if self.objects.iter().any(|outer| outer == value) {
                Err("contains itself")
            } else {
                self.objects.push(value.clone());
                let read = self.object(value);
                self.objects.pop();
                read
            };
            self.depth -= 1;
            return read;
        }
        if let Some(s) = value.as_string() {
            return Ok(Value::String(s));
        }
        if let Some(b) = value.as_bool() {
            return Ok(Value::Bool(b));
        }
        if value.is_null() || value.is_undefined() || value.is_function() || value.is_symbol() {
            // What JSON.stringify writes for them inside an array; an
            // object's `object` leaves them out before they get here.
            return Ok(Value::Null);
        }
        Err("not a plain object")
    }

    fn array(&mut self, value: &JsValue) -> Result<Value, &'static str> {
        let array: &Array = value.unchecked_ref();
        (0..array.length())
            .map(|i| self.read(&array.get(i)))
            .collect::<Result<_, _>>()
            .map(Value::Array)
    }

    fn object(&mut self, value: &JsValue) -> Result<Value, &'static str> {
        let object: &Object = value.unchecked_ref();
        let mut map = Map::new();
        for key in Object::keys(object) {
            let field = Reflect::get(object, &key).map_err(|_| "a field cannot be read")?;
            if field.is_undefined() || field.is_function() || field.is_symbol() {
                continue;
            }
            let key = key.as_string().unwrap_or_default();
            map.insert(key, self.read(&field)?);
        }
        Ok(Value::Object(map))
    }
}

/// A JS number as JSON text would give it: whole numbers as integers.
fn number(x: f64) -> Value {
    const TWO_63: f64 = 9_223_372_036_854_775_808.0;
    if !x.is_finite() {
        Value::Null
    } else if x.fract() == 0.0 && (0.0..2.0 * TWO_63).contains(&x) {
        Value::Number(Number::from(x as u64))
    } else if x.fract() == 0.0 && (-TWO_63..0.0).contains(&x) {
        Value::Number(Number::from(x as i64))
    } else {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// The plain JS value of a `Value` (objects with their keys in `Value`'s
/// order).
pub fn write(value: &Value) -> JsValue {
    match value {
        Value::Null => JsValue::NULL,
        Value::Bool(b) => JsValue::from_bool(*b),
        Value::Number(n) => JsValue::from_f64(n.as_f64().unwrap_or(f64::NAN)),
        Value::String(s) => JsValue::from_str(s),
        // A tie [a, b, w] in one call instead of four.
        Value::Array(items) if items.len() == 3 => {
            Array::of3(&write(&items[0]), &write(&items[1]), &write(&items[2])).into()
        }
        Value::Array(items) => items.iter().map(write).collect::<Array>().into(),
        Value::Object(map) => {
            let object = Object::new();
            for (key, field) in map {
                // Setting a property on a fresh plain object cannot fail.
                let _ = Reflect::set(&object, &JsValue::from_str(key), &write(field));
            }
            object.into()
        }
    }
}
