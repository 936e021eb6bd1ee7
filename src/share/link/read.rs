//! Reading a link's pairs: each key once, each value read as the type a
//! field wants, and what nobody read noted.

use super::text::unescape;
use crate::error::{FieldError, Note, fail};

/// The fragment's `key=value` pairs, unescaped, each key once (the last
/// value kept, with a note), none read yet.
pub(super) fn pairs(fragment: &str) -> Result<(Pairs, Vec<Note>), FieldError> {
    let mut notes = Vec::new();
    let mut map = Pairs::new();
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            let key = unescape(part, "link")?;
            return fail(key, "has no value (expected key=value)");
        };
        let key = unescape(key, "link")?;
        let value = unescape(value, &key)?;
        if let Some(old) = map.iter_mut().find(|e| e.0 == key) {
            notes.push(Note::new(&key, "given twice; the last value is kept"));
            old.1 = value;
        } else {
            map.push((key, value, false));
        }
    }
    Ok((map, notes))
}

/// A link's keys with their values, and whether each has been read.
pub(super) type Pairs = Vec<(String, String, bool)>;

pub(super) struct Read {
    pub(super) map: Pairs,
    pub(super) notes: Vec<Note>,
}

impl Read {
    /// Whether any key starts with `prefix`.
    pub(super) fn has_prefix(&self, prefix: &str) -> bool {
        self.map.iter().any(|e| e.0.starts_with(prefix))
    }

    pub(super) fn get(&mut self, key: &str) -> Option<String> {
        let entry = self.map.iter_mut().find(|e| e.0 == key)?;
        entry.2 = true;
        Some(entry.1.clone())
    }

    /// A pane's value: its own, else (second pane) the first pane's.
    pub(super) fn lookup(&mut self, prefix: &str, key: &str) -> Option<(String, String)> {
        let own = format!("{prefix}{key}");
        match self.get(&own) {
            Some(v) => Some((own, v)),
            None if !prefix.is_empty() => self.get(key).map(|v| (key.to_owned(), v)),
            None => None,
        }
    }

    /// Whether a pane has a value for `key`, without marking it read.
    pub(super) fn lookup_peek(&self, prefix: &str, key: &str) -> Option<&str> {
        let own = format!("{prefix}{key}");
        let find = |k: &str| self.map.iter().find(|e| e.0 == k).map(|e| e.1.as_str());
        find(&own).or_else(|| if prefix.is_empty() { None } else { find(key) })
    }

    pub(super) fn float(&mut self, key: &str, default: f64) -> Result<f64, FieldError> {
        self.float_at("", key, default)
    }

    pub(super) fn float_at(
        &mut self,
        prefix: &str,
        key: &str,
        default: f64,
    ) -> Result<f64, FieldError> {
        let Some((key, text)) = self.lookup(prefix, key) else {
            return Ok(default);
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => fail(key, format!("`{}` is not a finite number", shorten(&text))),
        }
    }

    pub(super) fn int(&mut self, key: &str, default: u64) -> Result<u64, FieldError> {
        self.int_at("", key, default)
    }

    /// A whole number; below 0 or above 2^32 it is clamped (with a note).
    pub(super) fn int_at(
        &mut self,
        prefix: &str,
        key: &str,
        default: u64,
    ) -> Result<u64, FieldError> {
        let Some((key, text)) = self.lookup(prefix, key) else {
            return Ok(default);
        };
        let digits = text.strip_prefix('-').unwrap_or(&text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return fail(key, format!("`{}` is not a whole number", shorten(&text)));
        }
        let max = u32::MAX as u64;
        let magnitude = digits.trim_start_matches('0');
        let to = match magnitude.parse::<u64>() {
            _ if magnitude.is_empty() => return Ok(0),
            _ if text.starts_with('-') => 0,
            Ok(v) if v <= max => return Ok(v),
            _ => max,
        };
        let message = format!("{} is outside [0, {max}]; clamped to {to}", shorten(&text));
        self.notes.push(Note::new(key, message));
        Ok(to)
    }

    pub(super) fn pick<T: Copy>(
        &mut self,
        prefix: &str,
        key: &str,
        options: &[(&str, T)],
        default: T,
    ) -> Result<T, FieldError> {
        let Some((key, text)) = self.lookup(prefix, key) else {
            return Ok(default);
        };
        match options.iter().find(|o| o.0 == text) {
            Some(o) => Ok(o.1),
            None => {
                let names: Vec<&str> = options.iter().map(|o| o.0).collect();
                fail(
                    key,
                    format!("`{}` is not one of {}", shorten(&text), names.join(", ")),
                )
            }
        }
    }
}

/// A value short enough to quote in a message.
pub(super) use crate::error::excerpt as shorten;
