//! Reading a link: every value checked, out-of-range values clamped with a
//! note, anything unreadable refused naming its key. Never panics.

use super::keys::{FILE_ONLY, MAX_LINK, PANE2, key_of, known_key};
use super::read::{Read, pairs, shorten};
use crate::error::{FieldError, Note, fail};
use crate::network::generators::NetworkSpec;
use crate::network::{FirmId, MAX_FIRMS};
use crate::scenario::Scenario;
use crate::scenario::params::{self, Kind, Param};
use crate::share::packed;
use crate::share::{Decoded, Pane, SharedState, VERSION, View, newer};
use serde_json::{Map, Value};

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
    if fragment == FILE_ONLY {
        let reason = "this address holds no scenario: the page it was copied from ran one too big \
                      for a link (an imported network), which travels only as a scenario file. \
                      Open that file (Open a scenario file) to run it";
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
            _ => return fail("v", format!("`{}` is not a version number", shorten(&v))),
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

impl Read {
    /// The page's own keys: view, shown pane, speed, preset, tour step.
    fn page(&mut self) -> Result<SharedState, FieldError> {
        let view = match self.get("view").as_deref() {
            None | Some("single") => View::Single,
            Some("compare") => View::Compare,
            Some(other) => {
                let reason = format!("`{}` is not one of compare, single", shorten(other));
                return fail("view", reason);
            }
        };
        let shown = self.int("show", 0)? as usize;
        let speed = self.float("speed", 1.0)?;
        let preset = self.get("preset");
        let tour_step = match self.get("tour") {
            None => None,
            Some(_) => Some(self.int("tour", 0)?.min(u32::MAX as u64) as u32),
        };
        // A moment: finite, or refused; out of range, clamped (settle).
        let at = match self.get("t") {
            None => None,
            Some(_) => Some(self.float("t", 0.0)?),
        };
        Ok(SharedState {
            view,
            shown,
            speed,
            preset,
            tour_step,
            at,
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
