//! Reading a link: every value checked, out-of-range values clamped with a
//! note, anything unreadable refused naming its key. Never panics.

use super::{KINDS, MAX_LINK, PANE2, key_of, known_key};
use crate::clamp::Note;
use crate::generators::NetworkSpec;
use crate::network::{FirmId, MAX_FIRMS};
use crate::packed;
use crate::scenario::{Choice, Mode, Reach, Scenario};
use crate::share::{Decoded, Pane, ShareError, SharedState, VERSION, View, fail, newer};
fn unescape(text: &str, field: &str) -> Result<String, ShareError> {
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
pub fn decode(fragment: &str) -> Result<Decoded, ShareError> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    if fragment.len() > MAX_LINK {
        return fail(
            "link",
            format!(
                "is {} bytes, more than the {MAX_LINK} a link may hold",
                fragment.len()
            ),
        );
    }
    let mut notes = Vec::new();
    let mut note = |field: &str, message: String| {
        notes.push(Note {
            field: field.into(),
            message,
        })
    };
    let mut map: Vec<(String, String, bool)> = Vec::new();
    for part in fragment.split('&').filter(|p| !p.is_empty()) {
        let Some((key, value)) = part.split_once('=') else {
            let key = unescape(part, "link")?;
            return fail(key, "has no value (expected key=value)");
        };
        let key = unescape(key, "link")?;
        let value = unescape(value, &key)?;
        if let Some(old) = map.iter_mut().find(|e| e.0 == key) {
            note(&key, "given twice; the last value is kept".into());
            old.1 = value;
        } else {
            map.push((key, value, false));
        }
    }
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
        None => note("v", format!("missing; read as version {VERSION}")),
        Some(v) => match v.parse::<u64>() {
            Ok(1) => {}
            Ok(v) if v > 1 => return fail("v", newer(v)),
            _ => return fail("v", format!("`{v}` is not a version number")),
        },
    }
    let mut state = SharedState {
        tour_step: None,
        ..SharedState::default()
    };
    state.view = match r.get("view").as_deref() {
        None | Some("single") => View::Single,
        Some("compare") => View::Compare,
        Some(other) => return fail("view", format!("`{other}` is not one of compare, single")),
    };
    state.shown = r.int("show", 0)? as usize;
    state.speed = r.float("speed", 1.0)?;
    state.preset = r.get("preset");
    state.tour_step = match r.get("tour") {
        None => None,
        Some(_) => Some(r.int("tour", 0)?.min(u32::MAX as u64) as u32),
    };
    let first = r.pane("")?;
    let count = r.pick("", "panes", &[("1", 1), ("2", 2)], 1)?;
    let two =
        count == 2 || state.view == View::Compare || r.map.iter().any(|e| e.0.starts_with(PANE2));
    state.panes = vec![first];
    if two {
        state.panes.push(r.pane(PANE2)?);
    }
    for (key, _, used) in &r.map {
        if !used && known_key(key) {
            note(
                key,
                "does not apply to this network or view; ignored".into(),
            );
        } else if !used {
            note(key, "not a Lockstep setting; ignored".into());
        }
    }
    notes.extend(r.notes);
    notes.extend(state.settle(&key_of)?);
    // A first-pane value the second pane shares is noted once.
    let mut seen = std::collections::HashSet::new();
    notes.retain(|n| seen.insert(n.to_string()));
    Ok(Decoded { state, notes })
}

struct Read {
    map: Vec<(String, String, bool)>,
    notes: Vec<Note>,
}

impl Read {
    fn get(&mut self, key: &str) -> Option<String> {
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

    fn float(&mut self, key: &str, default: f64) -> Result<f64, ShareError> {
        self.float_at("", key, default)
    }

    fn float_at(&mut self, prefix: &str, key: &str, default: f64) -> Result<f64, ShareError> {
        let Some((key, text)) = self.lookup(prefix, key) else {
            return Ok(default);
        };
        match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => fail(key, format!("`{text}` is not a finite number")),
        }
    }

    fn int(&mut self, key: &str, default: u64) -> Result<u64, ShareError> {
        self.int_at("", key, default)
    }

    /// A whole number; below 0 or above 2^32 it is clamped (with a note).
    fn int_at(&mut self, prefix: &str, key: &str, default: u64) -> Result<u64, ShareError> {
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
        self.notes.push(Note {
            field: key,
            message,
        });
        Ok(to)
    }

    fn pick<T: Copy>(
        &mut self,
        prefix: &str,
        key: &str,
        options: &[(&str, T)],
        default: T,
    ) -> Result<T, ShareError> {
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

    fn pane(&mut self, p: &str) -> Result<Pane, ShareError> {
        let d = Scenario::default();
        let u = |v: u64| v as usize;
        let mut s = Scenario {
            seed: self.int_at(p, "seed", d.seed.into())? as u32,
            firms: u(self.int_at(p, "n", d.firms as u64)?),
            ..d.clone()
        };
        let kinds: Vec<(&str, usize)> = KINDS.iter().enumerate().map(|(i, k)| (*k, i)).collect();
        let kind = self.pick(p, "net", &kinds, 2)?;
        let deg = |r: &mut Self, default: f64| r.float_at(p, "deg", default);
        s.network = match KINDS[kind] {
            "complete" => NetworkSpec::Complete,
            "ring" => NetworkSpec::RingLattice {
                degree: u(self.int_at(p, "deg", 8)?),
            },
            "er" => NetworkSpec::ErdosRenyi {
                mean_degree: deg(self, 8.0)?,
            },
            "gnm" => NetworkSpec::Gnm {
                ties: u(self.int_at(p, "ties", 240)?),
            },
            "pp" => NetworkSpec::PlantedPartition {
                groups: u(self.int_at(p, "groups", 4)?),
                mean_degree: deg(self, 8.0)?,
                between_share: self.float_at(p, "between", 0.03)?,
            },
            "ws" => NetworkSpec::WattsStrogatz {
                degree: u(self.int_at(p, "deg", 8)?),
                rewire: self.float_at(p, "rewire", 0.1)?,
            },
            "ba" => NetworkSpec::BarabasiAlbert {
                attach: u(self.int_at(p, "attach", 4)?),
            },
            "geo" => NetworkSpec::Geometric {
                mean_degree: deg(self, 8.0)?,
            },
            _ => match self.lookup(p, "edges") {
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
        };
        s.eps = self.float_at(p, "eps", d.eps)?;
        s.dissipation = self.float_at(p, "b", d.dissipation)?;
        let modes = [
            ("reactive", Mode::Reactive),
            ("planned", Mode::Planned),
            ("hybrid", Mode::Hybrid),
        ];
        s.mode = self.pick(p, "mode", &modes, d.mode)?;
        s.coordinators = u(self.int_at(p, "k", d.coordinators as u64)?);
        let picks = [
            ("degree", Choice::HighestDegree),
            ("random", Choice::Random),
            ("chosen", Choice::Chosen),
        ];
        s.choice = self.pick(p, "pick", &picks, d.choice)?;
        if let Some((key, text)) = self.lookup(p, "chosen") {
            s.chosen = chosen(&text).or_else(|reason| fail(key, reason))?;
        }
        s.responsiveness = self.float_at(p, "rho", d.responsiveness)?;
        s.eps_signal = self.float_at(p, "sig", d.eps_signal)?;
        let reaches = [
            ("1", Reach::Partners),
            ("2", Reach::TwoHops),
            ("all", Reach::All),
        ];
        s.reach = self.pick(p, "reach", &reaches, d.reach)?;
        s.intense_share = self.float_at(p, "intense", d.intense_share)?;
        s.arms_length = self.float_at(p, "weak", d.arms_length)?;
        s.slips = self.float_at(p, "slips", d.slips)?;
        s.cycle_spread = self.float_at(p, "h", d.cycle_spread)?;
        let flags = [("0", false), ("1", true)];
        s.one_pulse_per_event = self.pick(p, "onepulse", &flags, d.one_pulse_per_event)?;
        s.delta = self.float_at(p, "delta", d.delta)?;
        let label = self
            .lookup(p, "label")
            .map(|l| l.1)
            .filter(|l| !l.is_empty());
        let match_ties = self.pick(p, "mt", &flags, false)?;
        Ok(Pane {
            label,
            scenario: s,
            match_ties,
        })
    }
}

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
