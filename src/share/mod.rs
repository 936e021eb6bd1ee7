//! The page's whole state, to share and to save: the panes' scenarios, the
//! view, the speed, and the preset or tour step it came from.
//!
//! Two forms, one meaning: a link (`crate::share::link`, the URL fragment) and a
//! file (JSON, here). Both read hostile input without panicking: a value
//! out of range is clamped with a [`Note`]; anything that cannot be read is
//! a [`FieldError`] naming the field; a newer version says so.

pub mod link;
pub mod packed;

use crate::error::{FieldError, Note, fail};
use crate::experiments::{ExperimentSpec, name_ok};
use crate::scenario::Scenario;
use crate::scenario::clamp::Clamp;
use crate::scenario::params::from_value;
use crate::simulation::MAX_MOMENT;
use serde::{Deserialize, Serialize};

/// The version of the link and file formats this build writes and reads.
pub const VERSION: u32 = 1;
/// Largest scenario file read, in bytes (a network at the firm and tie
/// limits fits; parsing it takes about a second).
pub const MAX_FILE_BYTES: usize = 32 << 20;
/// Slowest and fastest clock, in cycles a second (the page's slider).
pub const SPEEDS: (f64, f64) = (0.1, 10.0);
/// Highest tour step a link may name.
pub const MAX_TOUR_STEP: u32 = 99;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum View {
    /// The panes side by side on one clock ("clustered vs dense").
    Compare,
    /// One pane, `shown`, enlarged.
    Single,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Pane {
    /// The pane's title, when it is not the network kind's.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    pub scenario: Scenario,
    /// A G(n, m) pane takes as many ties as the other pane's network.
    pub match_ties: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct SharedState {
    pub view: View,
    /// The pane the single view shows (0 or 1).
    pub shown: usize,
    /// One or two panes: left ("clustered") and right ("dense").
    pub panes: Vec<Pane>,
    /// Cycles per second of wall-clock time.
    pub speed: f64,
    pub preset: Option<String>,
    pub tour_step: Option<u32>,
    /// The moment the page opens at, paused (cycles; a link's `t=`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub at: Option<f64>,
    /// An experiment over the panes, ready to run (never running on open).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub experiment: Option<ExperimentSpec>,
}

impl Default for SharedState {
    fn default() -> Self {
        SharedState {
            view: View::Single,
            shown: 0,
            panes: vec![Pane::default()],
            speed: 1.0,
            preset: None,
            tour_step: None,
            at: None,
            experiment: None,
        }
    }
}

/// A state read from a link or file, with what the reader changed.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Decoded {
    pub state: SharedState,
    pub notes: Vec<Note>,
}

/// Longest pane label, in characters.
pub const MAX_LABEL: usize = 60;

/// Pane labels are short plain text.
pub fn label_ok(label: &str) -> bool {
    label.chars().count() <= MAX_LABEL && !label.chars().any(char::is_control)
}

impl SharedState {
    /// Clamps every field into range (with notes named by `name`), then
    /// checks what clamping cannot fix.
    pub fn settle(
        &mut self,
        name: &dyn Fn(usize, &str) -> String,
    ) -> Result<Vec<Note>, FieldError> {
        let top = |field: &str| name(usize::MAX, field);
        let mut notes = Clamp {
            notes: Vec::new(),
            name: &top,
        };
        if self.panes.is_empty() || self.panes.len() > 2 {
            return fail(
                top("panes"),
                format!("{} panes; a page has 1 or 2", self.panes.len()),
            );
        }
        if self.view == View::Compare && self.panes.len() < 2 {
            notes.note("view", "compare needs two panes; showing one".into());
            self.view = View::Single;
        }
        notes.float(&mut self.speed, SPEEDS.0, SPEEDS.1, "speed");
        notes.count(&mut self.shown, 0, self.panes.len() - 1, "shown");
        if let Some(step) = self.tour_step.filter(|&s| s > MAX_TOUR_STEP) {
            notes.note(
                "tourStep",
                format!("{step} is past the last step; the tour starts at step 0"),
            );
            self.tour_step = Some(0);
        }
        if let Some(at) = &mut self.at {
            notes.float(at, 0.0, MAX_MOMENT, "at");
        }
        if let Some(preset) = self.preset.take_if(|p| !name_ok(p)) {
            notes.note(
                "preset",
                format!("`{preset}` is not a preset name; ignored"),
            );
        }
        let mut all = notes.notes;
        for (i, pane) in self.panes.iter_mut().enumerate() {
            let field = |f: &str| name(i, f);
            let mut notes = Clamp {
                notes: Vec::new(),
                name: &field,
            };
            pane.label.take_if(|l| l.is_empty());
            if let Some(label) = pane.label.take_if(|l| !label_ok(l)) {
                let shown: String = label.chars().filter(|c| !c.is_control()).take(20).collect();
                notes.note(
                    "label",
                    format!("`{shown}...` is not a short plain label; ignored"),
                );
            }
            notes.scenario(&mut pane.scenario);
            pane.scenario
                .validate()
                .or_else(|e| fail(field(&e.field), e.reason))?;
            all.extend(notes.notes);
        }
        if let Some(experiment) = &mut self.experiment {
            let panes: Vec<Scenario> = self.panes.iter().map(|p| p.scenario.clone()).collect();
            let mut notes = Clamp {
                notes: Vec::new(),
                name: &top,
            };
            experiment
                .settle(&panes, &mut notes)
                .or_else(|e| fail(top(&e.field), e.reason))?;
            all.extend(notes.notes);
        }
        Ok(all)
    }
}

/// The state as a JSON file (pretty, with `"v": 1`).
pub fn to_json(state: &SharedState) -> String {
    let mut value = serde_json::to_value(state).unwrap_or_default();
    if let Some(object) = value.as_object_mut() {
        object.insert("v".into(), VERSION.into());
    }
    serde_json::to_string_pretty(&value).unwrap_or_default()
}

/// A state from a JSON file: a saved state, or one scenario alone. A
/// leading byte-order mark (some editors write one) is skipped.
pub fn from_json(text: &str) -> Result<Decoded, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.len() > MAX_FILE_BYTES {
        return fail(
            "file",
            format!(
                "is {} bytes, more than the limit of {MAX_FILE_BYTES}",
                text.len()
            ),
        );
    }
    let mut value: serde_json::Value =
        serde_json::from_str(text).or_else(|e| fail("file", format!("not JSON: {e}")))?;
    let Some(object) = value.as_object_mut() else {
        return fail("file", "not a JSON object (a scenario or a saved page)");
    };
    let whole = object.contains_key("panes") || object.contains_key("v");
    if let Some(v) = object.remove("v") {
        match v.as_u64() {
            Some(1) => {}
            Some(v) if v > 1 => return fail("v", newer(v)),
            _ => return fail("v", format!("`{v}` is not a version number")),
        }
    }
    let mut state: SharedState = if whole {
        from_value(value, "file")?
    } else {
        let scenario: Scenario = from_value(value, "file")?;
        SharedState {
            panes: vec![Pane {
                scenario,
                ..Pane::default()
            }],
            ..SharedState::default()
        }
    };
    let name = |i: usize, f: &str| match (i, whole) {
        (usize::MAX, _) => f.to_owned(),
        (i, true) if f == "label" => format!("panes[{i}].label"),
        (i, true) => format!("panes[{i}].scenario.{f}"),
        (_, false) => f.to_owned(),
    };
    let notes = state.settle(&name)?;
    Ok(Decoded { state, notes })
}

pub(crate) fn newer(v: u64) -> String {
    format!(
        "made by a newer Lockstep (format version {v}); this page reads version {VERSION}: \
         open it with the newer page, or ask for a link from this one"
    )
}
