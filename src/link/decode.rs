//! Reading a link: every value checked, out-of-range values clamped with a
//! note, anything unreadable refused naming its key. Never panics.

use super::{MAX_LINK, PANE2, key_of, known_key};
use crate::error::{FieldError, Note, fail};
use crate::generators::NetworkSpec;
use crate::network::{FirmId, MAX_FIRMS};
use crate::packed;
use crate::params::{self, Kind, Param};
use crate::scenario::Scenario;
use crate::share::{Decoded, Pane, SharedState, VERSION, View, newer};
use serde_json::{Map, Value};

fn unescape(text: &str, field: &str) -> Result<String, FieldError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => out.push(b),
                None => return fail(field, "a broken %-escape"),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).or_else(|_| fail(field, "not UTF-8 text"))
}

/// The state a fragment describes (with a leading `#` or without), and
/// what reading it changed. An empty fragment is the default state.
pub fn decode(fragment: &str) -> Result<Decoded, FieldError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_LINK {
        let reason = format!(
            "is {} bytes, more than the {MAX_LINK} a link may hold",
            fragment.len()
        );
        return fail("link", reason);
    }
    let (map, mut notes) = pairs(fragment)?;
    let mut r = Read {
        map,
        notes: Vec::new(),
    };
    match r.get("v") {
        None if r.map.is_empty() => {
            return Ok(Decoded {
                state: SharedState::default(),
                notes,
            });
        }
        None => notes.push(Note::new(
            "v",
            format!("missing; read as version {VERSION}"),
        )),
        Some(v) => match v.parse::<u64>() {
            Ok(1) => {}
            Ok(v) if v > 1 => return fail("v", newer(v)),
            _ => return fail("v", format!("`{v}` is not a version number")),
        },
    }
    let mut state = r.page()?;
    let first = r.pane("")?;
    let count = r.pick("", "panes", &[("1", 1), ("2", 2)], 1)?;
    let two =
        count == 2 || state.view == View::Compare || r.map.iter().any(|e| e.0.starts_with(PANE2));
    state.panes = vec![first];
    if two {
        state.panes.push(r.pane(PANE2)?);
    }
    state.experiment = super::experiment::read(&mut r)?;
    notes.extend(r.unused());
    notes.extend(r.notes);
    notes.extend(state.settle(&key_of)?);
    // A first-pane value the second pane shares is noted once.
    let mut seen = std::collections::HashSet::new();
    notes.retain(|n| seen.insert(n.to_string()));
    Ok(Decoded { state, notes })
}

/// The fragment's `key=value` pairs, unescaped, each key once (the last
/// value kept, with a note), none read yet.
fn pairs(fragment: &str) -> Result<(Pairs, Vec<Note>), FieldError> {
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
type Pairs = Vec<(String, String, bool)>;

pub(super) struct Read {
    map: Pairs,
    notes: Vec<Note>,
}

impl Read {
    /// The page's own keys: view, shown pane, speed, preset, tour step.
    fn page(&mut self) -> Result<SharedState, FieldError> {
        let view = match self.get("view").as_deref() {
            None | Some("single") => View::Single,
            Some("compare") => View::Compare,
            Some(other) => return fail("view", format!("`{other}` is not one of compare, single")),
        };
        let shown = self.int("show", 0)? as usize;
        let speed = self.float("speed", 1.0)?;
        let preset = self.get("preset");
        let tour_step = match self.get("tour") {
            None => None,
            Some(_) => Some(self.int("tour", 0)?.min(u32::MAX as u64) as u32),
        };
        Ok(SharedState {
            view,
            shown,
            speed,
            preset,
            tour_step,
            ..SharedState::default()
        })
    }

    /// A note for each key nobody read: known but not for this network or
    /// view, or not a key of Lockstep at all.
    fn unused(&self) -> Vec<Note> {
        let unused = self.map.iter().filter(|e| !e.2);
        unused
            .map(|(key, _, _)| {
                let reason = if known_key(key) {
                    "does not apply to this network or view; ignored"
                } else {
                    "not a Lockstep setting; ignored"
                };
                Note::new(key, reason)
            })
            .collect()
    }

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
    fn lookup(&mut self, prefix: &str, key: &str) -> Option<(String, String)> {
        let own = format!("{prefix}{key}");
        match self.get(&own) {
            Some(v) => Some((own, v)),
            None if !prefix.is_empty() => self.get(key).map(|v| (key.to_owned(), v)),
            None => None,
        }
    }

    /// Whether a pane has a value for `key`, without marking it read.
    fn lookup_peek(&self, prefix: &str, key: &str) -> Option<&str> {
        let own = format!("{prefix}{key}");
        let find = |k: &str| self.map.iter().find(|e| e.0 == k).map(|e| e.1.as_str());
        find(&own).or_else(|| if prefix.is_empty() { None } else { find(key) })
    }

    pub(super) fn float(&mut self, key: &str, default: f64) -> Result<f64, FieldError> {
        self.float_at("", key, default)
    }

    fn float_at(&mut self, prefix: &str, key: &str, default: f64) -> Result<f64, FieldError> {
        let Some((key, text)) = self.lookup(prefix, key) else {
            return Ok(default);
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => fail(key, format!("`{text}` is not a finite number")),
        }
    }

    pub(super) fn int(&mut self, key: &str, default: u64) -> Result<u64, FieldError> {
        self.int_at("", key, default)
    }

    /// A whole number; below 0 or above 2^32 it is clamped (with a note).
    fn int_at(&mut self, prefix: &str, key: &str, default: u64) -> Result<u64, FieldError> {
        let Some((key, text)) = self.lookup(prefix, key) else {
            return Ok(default);
        };
        let digits = text.strip_prefix('-').unwrap_or(&text);
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return fail(key, format!("`{text}` is not a whole number"));
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

    fn pick<T: Copy>(
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

    /// A pane's scenario: each parameter of its network kind read by its
    /// key (defaults fill the rest), then its label and ties matching.
    fn pane(&mut self, p: &str) -> Result<Pane, FieldError> {
        let net = params::find("network.kind").expect("the network kind is a parameter");
        let kind = match self.param(p, net)? {
            Some(Value::String(kind)) => kind,
            _ => Scenario::default_value(net)
                .as_str()
                .unwrap_or_default()
                .to_owned(),
        };
        let mut json = Map::new();
        let mut network = Map::new();
        network.insert("kind".into(), Value::from(kind.as_str()));
        for param in params::of_kind(&kind).filter(|q| q.path != net.path) {
            if let Some(value) = self.param(p, param)? {
                match param.path.strip_prefix("network.") {
                    Some(knob) => network.insert(knob.into(), value),
                    None => json.insert(param.path.into(), value),
                };
            }
        }
        let mut scenario = Scenario::from_json(Value::Object(json))?;
        scenario.network = match kind.as_str() {
            "edgeList" => match self.lookup(p, "edges") {
                None => {
                    return fail(
                        format!("{p}edges"),
                        "an imported network (net=import) needs its edges",
                    );
                }
                Some((key, text)) => {
                    NetworkSpec::EdgeList(packed::unpack(&text).or_else(|e| fail(key, e))?)
                }
            },
            _ => serde_json::from_value(Value::Object(network))
                .or_else(|e| fail(format!("{p}net"), e.to_string()))?,
        };
        let label = self
            .lookup(p, "label")
            .map(|l| l.1)
            .filter(|l| !l.is_empty());
        let match_ties = self.pick(p, "mt", &FLAGS, false)?;
        Ok(Pane {
            label,
            scenario,
            match_ties,
        })
    }

    /// One parameter's value as JSON, if the link gives it.
    fn param(&mut self, p: &str, param: &Param) -> Result<Option<Value>, FieldError> {
        if self.lookup_peek(p, param.key).is_none() {
            return Ok(None);
        }
        let value = match param.kind {
            Kind::Number => Value::from(self.float_at(p, param.key, 0.0)?),
            Kind::Whole => Value::from(self.int_at(p, param.key, 0)?),
            Kind::Flag => Value::from(self.pick(p, param.key, &FLAGS, false)?),
            Kind::Choice(options) => {
                let options: Vec<(&str, &str)> = options.iter().map(|o| (o.key, o.value)).collect();
                Value::from(self.pick(p, param.key, &options, "")?)
            }
            Kind::Firms => {
                let (key, text) = self.lookup(p, param.key).expect("peeked");
                Value::from(chosen(&text).or_else(|reason| fail(key, reason))?)
            }
        };
        Ok(Some(value))
    }
}

const FLAGS: [(&str, bool); 2] = [("0", false), ("1", true)];

fn chosen(text: &str) -> Result<Vec<FirmId>, String> {
    let ids: Vec<&str> = text.split(',').filter(|t| !t.is_empty()).collect();
    if ids.len() > MAX_FIRMS {
        return Err(format!("more than {MAX_FIRMS} firms"));
    }
    ids.iter()
        .map(|t| {
            t.parse::<FirmId>()
                .map_err(|_| format!("`{}` is not a firm id", shorten(t)))
        })
        .collect()
}

/// A value short enough to quote in a message.
fn shorten(text: &str) -> String {
    match text.char_indices().nth(24) {
        Some((i, _)) => format!("{}...", &text[..i]),
        None => text.to_owned(),
    }
}
