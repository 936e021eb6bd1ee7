//! The page's whole state, to share and to save: the panes' scenarios, the
//! view, the speed, and the preset or tour step it came from.
//!
//! Two forms, one meaning: a link (`crate::share::link`, the URL fragment) and a
//! file (JSON, here). Both read hostile input without panicking: a value
//! out of range is clamped with a [`Note`]; anything that cannot be read is
//! a [`FieldError`] naming the field; a newer version says so.

pub mod json;
pub mod link;
pub mod packed;

use crate::error::{FieldError, Note, excerpt, fail};
use crate::experiments::{ExperimentSpec, name_ok, ready};
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

/// Characters a label or title never keeps: bidi controls, which reorder
/// the text around them (U+202E shows "txet" for "text"), and zero-width
/// characters, which hide in it.
pub fn invisible(c: char) -> bool {
    matches!(c,
        '\u{061C}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// `text` without its [`invisible`] characters.
///
/// ```
/// use lockstep::share::visible_text;
/// assert_eq!(visible_text("Dense\u{202E} net\u{200B}work"), "Dense network");
/// ```
pub fn visible_text(text: &str) -> String {
    text.chars().filter(|&c| !invisible(c)).collect()
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
                format!("`{}` is not a preset name; ignored", excerpt(&preset)),
            );
        }
        let mut all = notes.notes;
        for (i, pane) in self.panes.iter_mut().enumerate() {
            let field = |f: &str| name(i, f);
            let mut notes = Clamp {
                notes: Vec::new(),
                name: &field,
            };
            if let Some(label) = pane.label.as_mut().filter(|l| l.chars().any(invisible)) {
                *label = visible_text(label);
                let reason =
                    "bidi controls and zero-width characters removed (they reorder or hide text)";
                notes.note("label", reason.into());
            }
            pane.label.take_if(|l| l.is_empty());
            if let Some(label) = pane.label.take_if(|l| !label_ok(l)) {
                let reason = format!(
                    "`{}` is not a short plain label (one line of at most {MAX_LABEL} characters); ignored",
                    excerpt(&label)
                );
                notes.note("label", reason);
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
            if let Some(id) = experiment.ready.take_if(|id| ready::find(id).is_none()) {
                let reason = format!("`{}` is not a ready experiment; ignored", excerpt(&id));
                notes.note("experiment.ready", reason);
            }
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

/// A state from a file's bytes, as the page opens one: UTF-8 text (or
/// refused, naming the line where it stops being UTF-8), then read as
/// [`from_json`] reads it, within the page's [`json::PAGE_VALUES`].
pub fn from_file(bytes: &[u8]) -> Result<Decoded, FieldError> {
    from_text(text_of(bytes)?, json::PAGE_VALUES)
}

/// A scenario file's text: at most [`MAX_FILE_BYTES`], and UTF-8, not read
/// with replacement characters in its labels.
pub fn text_of(bytes: &[u8]) -> Result<&str, FieldError> {
    too_big(bytes.len())?;
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count();
        let reason = format!("not UTF-8 text (line {line}, byte {at}): save the file as UTF-8");
        FieldError::new("file", reason)
    })
}

fn too_big(bytes: usize) -> Result<(), FieldError> {
    if bytes > MAX_FILE_BYTES {
        let reason = format!("is {bytes} bytes, more than the limit of {MAX_FILE_BYTES}");
        return fail("file", reason);
    }
    Ok(())
}

/// A state from a JSON file: a saved state, or one scenario alone. A
/// leading byte-order mark (some editors write one) is skipped; a key given
/// twice keeps its last value, with a note.
pub fn from_json(text: &str) -> Result<Decoded, FieldError> {
    from_text(text, json::MAX_VALUES)
}

fn from_text(text: &str, most: usize) -> Result<Decoded, FieldError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    too_big(text.len())?;
    let (value, notes) = json::parse_within(text, most)?;
    from_parsed(value, notes)
}

/// A state from a file's JSON value ([`json::parse`] and its notes).
pub fn from_parsed(mut value: serde_json::Value, read: Vec<Note>) -> Result<Decoded, FieldError> {
    let Some(object) = value.as_object_mut() else {
        return fail("file", "not a JSON object (a scenario or a saved page)");
    };
    let whole = object.contains_key("panes") || object.contains_key("v");
    if let Some(v) = object.remove("v") {
        match v.as_u64() {
            Some(1) => {}
            Some(v) if v > 1 => return fail("v", newer(v)),
            _ => {
                let reason = format!("`{}` is not a version number", excerpt(&v.to_string()));
                return fail("v", reason);
            }
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
    let mut notes = read;
    notes.extend(state.settle(&name)?);
    Ok(Decoded { state, notes })
}

pub(crate) fn newer(v: u64) -> String {
    format!(
        "made by a newer Lockstep (format version {v}); this page reads version {VERSION}: \
         open it with the newer page, or ask for a link from this one"
    )
}
