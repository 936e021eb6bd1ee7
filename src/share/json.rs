//! A file's JSON text read into a `Value`, bounded as it is read: a list
//! longer than any a scenario holds, a value nested deeper than one, or
//! more values than the largest page has are refused at once, naming the
//! field where it happened (`chosen`, `panes[0].scenario.network.ties`),
//! before the rest is allocated. A key given twice keeps its last value
//! with a note, as a link's does.
//!
//! ```
//! use lockstep::share::json;
//! let (value, notes) = json::parse(r#"{"eps": 0.1, "eps": 0.2}"#).unwrap();
//! assert_eq!(value["eps"], 0.2);
//! assert_eq!(notes[0].to_string(), "eps: given twice; the last value is kept");
//! let zeros = format!("{{\"chosen\": [{}0]}}", "0,".repeat(1_000_000));
//! assert!(json::parse(&zeros).unwrap_err().to_string().starts_with("chosen: more than 1000000"));
//! ```

use crate::error::{FieldError, Note, excerpt};
use crate::network::{MAX_FIRMS, MAX_TIES};
use crate::scenario::size::{PAGE_FIRMS, PAGE_TIES};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};
use std::fmt;

/// Most values one JSON value may hold (each number, string, list and
/// object counts one) for the command line and the binding's walk: two
/// networks of a million ties (4 values a tie: its list and 3 numbers).
/// A value takes 16 to 32 bytes once read, so reading one takes at most a
/// few hundred megabytes, whatever the text.
pub const MAX_VALUES: usize = 8_000_000;

/// Most values of a file the page reads: its largest state, two panes at
/// the page's limits (ties of 4 values, firms with a label, a name and a
/// subgroup), with room for the rest. A refused file takes at most about
/// 150 MB of the page's memory (wasm memory never shrinks).
pub const PAGE_VALUES: usize = 2 * (4 * PAGE_TIES + 3 * PAGE_FIRMS) + 100_000;

/// Deeper than any value a scenario or page holds (a tie is 7 levels
/// down in a saved page).
pub const MAX_DEPTH: usize = 16;

/// Most "given twice" notes one file gets (then one note counts the rest).
const MAX_NOTES: usize = 20;

/// The value of `text` and the notes on it, or why it cannot be read.
pub fn parse(text: &str) -> Result<(Value, Vec<Note>), FieldError> {
    parse_within(text, MAX_VALUES)
}

/// [`parse`], with at most `most` values.
pub fn parse_within(text: &str, most: usize) -> Result<(Value, Vec<Note>), FieldError> {
    let mut reader = Reader {
        most,
        ..Reader::default()
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let read = Node { r: &mut reader }
        .deserialize(&mut de)
        .and_then(|value| de.end().map(|()| value));
    match (read, reader.failure.take()) {
        (_, Some(failure)) => Err(failure),
        (Ok(value), None) => {
            let mut notes = reader.notes;
            if reader.duplicates > MAX_NOTES {
                let more = reader.duplicates - MAX_NOTES;
                notes.push(Note::new("file", format!("{more} more keys given twice")));
            }
            Ok((value, notes))
        }
        (Err(e), None) => Err(FieldError::new("file", format!("not JSON: {e}"))),
    }
}

/// One step of a path: an object's key or a list's index.
enum Step {
    Key(String),
    Index(usize),
}

/// What a parse has read so far: where it is, how much, and what it noted.
#[derive(Default)]
struct Reader {
    path: Vec<Step>,
    values: usize,
    most: usize,
    notes: Vec<Note>,
    duplicates: usize,
    /// Why reading stopped, when it was the bounds (not the syntax).
    failure: Option<FieldError>,
}

impl Reader {
    /// The path as a field name: `panes[0].scenario.chosen` (`file[3]`
    /// inside a list that is the whole file).
    fn field(&self) -> String {
        let mut out = String::new();
        if let Some(Step::Index(_)) = self.path.first() {
            out.push_str("file");
        }
        for step in &self.path {
            match step {
                Step::Key(key) if out.is_empty() => out.push_str(&excerpt(key)),
                Step::Key(key) => {
                    out.push('.');
                    out.push_str(&excerpt(key));
                }
                Step::Index(i) => out.push_str(&format!("[{i}]")),
            }
        }
        if out.is_empty() { "file".into() } else { out }
    }

    fn fail<E: de::Error>(&mut self, reason: String) -> E {
        self.failure = Some(FieldError::new(self.field(), reason));
        E::custom("refused")
    }

    /// Most entries of the list at this path: a network's ties, else one
    /// entry per firm at most (labels, names, chosen firms).
    fn most_entries(&self) -> (usize, String) {
        match self.path.last() {
            Some(Step::Key(key)) if key == "ties" => {
                (MAX_TIES, format!("more than {MAX_TIES} ties (the limit)"))
            }
            _ => (
                MAX_FIRMS,
                format!("more than {MAX_FIRMS} entries, more than the firms a network may have"),
            ),
        }
    }
}

/// A value at the reader's path.
struct Node<'a> {
    r: &'a mut Reader,
}

impl<'de> DeserializeSeed<'de> for Node<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl Node<'_> {
    fn count<E: de::Error>(&mut self) -> Result<(), E> {
        self.r.values += 1;
        if self.r.values > self.r.most {
            let most = self.r.most;
            let reason = format!("the file holds more than {most} values, more than a page holds");
            return Err(self.r.fail(reason));
        }
        Ok(())
    }

    fn enter<E: de::Error>(&mut self) -> Result<(), E> {
        self.count()?;
        if self.r.path.len() >= MAX_DEPTH {
            let reason = format!("nested more than {MAX_DEPTH} levels deep, deeper than any page");
            return Err(self.r.fail(reason));
        }
        Ok(())
    }
}

impl<'de> Visitor<'de> for Node<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(mut self, b: bool) -> Result<Value, E> {
        self.count()?;
        Ok(Value::Bool(b))
    }

    fn visit_i64<E: de::Error>(mut self, n: i64) -> Result<Value, E> {
        self.count()?;
        Ok(Value::Number(n.into()))
    }

    fn visit_u64<E: de::Error>(mut self, n: u64) -> Result<Value, E> {
        self.count()?;
        Ok(Value::Number(n.into()))
    }

    fn visit_f64<E: de::Error>(mut self, x: f64) -> Result<Value, E> {
        self.count()?;
        Ok(Number::from_f64(x).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(mut self, s: &str) -> Result<Value, E> {
        self.count()?;
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E: de::Error>(mut self, s: String) -> Result<Value, E> {
        self.count()?;
        Ok(Value::String(s))
    }

    fn visit_unit<E: de::Error>(mut self) -> Result<Value, E> {
        self.count()?;
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(mut self, mut seq: A) -> Result<Value, A::Error> {
        self.enter()?;
        let (most, reason) = self.r.most_entries();
        let mut items = Vec::new();
        loop {
            if items.len() == most {
                // One more entry is one too many; the rest is never read.
                self.r.path.push(Step::Index(most));
                let more = seq.next_element_seed(Node { r: self.r });
                self.r.path.pop();
                if more?.is_some() {
                    return Err(self.r.fail(reason));
                }
                break;
            }
            self.r.path.push(Step::Index(items.len()));
            let item = seq.next_element_seed(Node { r: self.r });
            self.r.path.pop();
            match item? {
                Some(value) => items.push(value),
                None => break,
            }
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut map: A) -> Result<Value, A::Error> {
        self.enter()?;
        let mut object = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.r.path.push(Step::Key(key));
            let value = map.next_value_seed(Node { r: self.r })?;
            let given_twice =
                matches!(self.r.path.last(), Some(Step::Key(k)) if object.contains_key(k));
            if given_twice {
                self.r.duplicates += 1;
                if self.r.duplicates <= MAX_NOTES {
                    let note = Note::new(self.r.field(), "given twice; the last value is kept");
                    self.r.notes.push(note);
                }
            }
            if let Some(Step::Key(key)) = self.r.path.pop() {
                object.insert(key, value);
            }
        }
        Ok(Value::Object(object))
    }
}
