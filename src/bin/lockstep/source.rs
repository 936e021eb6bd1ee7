//! Where a command's scenario comes from: a file, JSON text, a shared link,
//! or (given none) the default scenario.
//!
//! A file and JSON text are read by the core's rules for files (see
//! `lockstep::share::from_json`): at most `MAX_FILE_BYTES`, a leading
//! byte-order mark skipped, a JSON object. A scenario is checked whole and
//! refused with the field that is wrong; a saved page (with `panes`, or
//! `v`) is read as the page reads it, values out of range clamped with a
//! note, like a link.

use clap::Args;
use lockstep::experiments::ExperimentSpec;
use lockstep::scenario::check::Checked;
use lockstep::share::{self, MAX_FILE_BYTES};
use lockstep::{FieldError, Scenario};
use serde_json::Value;
use std::io::Read;
use std::path::{Path, PathBuf};

#[derive(Args)]
pub struct Source {
    /// Read the scenario from a JSON file (or a page saved as a file)
    ///
    /// A scenario is JSON with any of the fields of `lockstep run
    /// --show-default`; the others keep their defaults. Without --scenario,
    /// --json or --url the default scenario runs. A file is at most
    /// 33554432 bytes.
    #[arg(long, value_name = "FILE", group = "input", conflicts_with_all = ["json", "url"])]
    scenario: Option<PathBuf>,
    /// The scenario as JSON text, e.g. '{"mode":"reactive","eps":0.1}'
    #[arg(long, value_name = "TEXT", group = "input", conflicts_with = "url")]
    json: Option<String>,
    /// A page's shared link, whole or only its fragment after #
    ///
    /// Values out of range are clamped, each with a note on stderr
    /// (`lockstep: note: <key>: <what changed>`). For `sweep` and
    /// `summarize`, a link (or saved page) that holds an experiment (its
    /// `x.` keys: the page's "Run it at scale" link) is that experiment,
    /// over its panes; without one, the link is the scenario of its pane.
    #[arg(long, value_name = "LINK", group = "input")]
    url: Option<String>,
    /// The pane of a link or saved page: 0 the first (left), 1 the second (right)
    #[arg(long, value_name = "I", requires = "input", value_parser = pane,
          allow_hyphen_values = true)]
    pane: Option<usize>,
}

/// A page has one or two panes.
fn pane(text: &str) -> Result<usize, String> {
    match text.trim() {
        "0" => Ok(0),
        "1" => Ok(1),
        _ => Err(format!(
            "`{}` is not a pane: a page has one or two, 0 (left) and 1 (right)",
            lockstep::error::excerpt(text)
        )),
    }
}

/// What a source holds: its panes (label and scenario each; one for a
/// scenario) and, for a link or saved page, the experiment it states.
pub struct Page {
    pub panes: Vec<(Option<String>, Scenario)>,
    pub experiment: Option<ExperimentSpec>,
    /// What the panes came from, for errors: `the link`, `the scenario`.
    pub what: &'static str,
}

impl Source {
    /// The scenario, checked; a link's or saved page's clamp notes are
    /// printed on stderr.
    pub fn load(&self) -> Result<Checked, FieldError> {
        let pane = self.pane.unwrap_or(0);
        let page = self.page()?;
        if pane > 0 && page.what == "the scenario" {
            let reason =
                "a scenario is one pane (0); --pane chooses a pane of a link or saved page";
            return Err(FieldError::new("--pane", reason));
        }
        let count = page.panes.len();
        page.panes
            .into_iter()
            .nth(pane)
            .map(|(_, scenario)| scenario)
            .ok_or_else(|| FieldError::new("--pane", format!("{} has {count} pane(s)", page.what)))?
            .check()
    }

    /// Every pane of the source, and its experiment if it states one.
    pub fn page(&self) -> Result<Page, FieldError> {
        if let Some(link) = &self.url {
            return linked(link);
        }
        match (&self.scenario, &self.json) {
            (Some(path), _) => read(&read_file(path)?, &path.display().to_string()),
            (None, Some(text)) => read(text, "--json"),
            (None, None) => read("{}", "scenario"),
        }
    }

    /// The pane chosen with --pane, if it was.
    pub fn chosen_pane(&self) -> Option<usize> {
        self.pane
    }

    /// Whether a scenario, link or pane was given at all.
    pub fn given(&self) -> bool {
        self.scenario.is_some() || self.json.is_some() || self.url.is_some()
    }
}

/// A file's text, its size checked before it is read: a file past the
/// limit is refused without reading it, and a stream (a pipe, a device)
/// is read no further than the limit.
fn read_file(path: &Path) -> Result<String, FieldError> {
    let name = path.display().to_string();
    let failed = |e: std::io::Error| FieldError::new(&name, e.to_string());
    let too_big = |what: String| {
        let reason = format!(
            "{what} the limit of {MAX_FILE_BYTES} bytes for a scenario file (a network \
             at the firm and tie limits fits in it)"
        );
        FieldError::new(&name, reason)
    };
    let file = std::fs::File::open(path).map_err(failed)?;
    let limit = MAX_FILE_BYTES as u64;
    if let Ok(meta) = file.metadata()
        && meta.is_file()
        && meta.len() > limit
    {
        return Err(too_big(format!("is {} bytes, more than", meta.len())));
    }
    let mut bytes = Vec::new();
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(failed)?;
    if bytes.len() as u64 > limit {
        return Err(too_big("goes on past".into()));
    }
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        FieldError::new(&name, format!("not UTF-8 text (byte {at})"))
    })
}

/// A scenario, or a saved page, from JSON text (`source` names it in
/// errors about the whole text).
fn read(text: &str, source: &str) -> Result<Page, FieldError> {
    let whole = |reason: String| FieldError::new(source, reason);
    if text.len() > MAX_FILE_BYTES {
        let reason = format!(
            "is {} bytes, more than the limit of {MAX_FILE_BYTES} for a scenario",
            text.len()
        );
        return Err(whole(reason));
    }
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    // Bounded as it is read, a key given twice noted (see share::json).
    let (value, notes) =
        share::json::parse(text).map_err(|e| match e.field.strip_prefix("file") {
            Some(rest) => FieldError::new(format!("{source}{rest}"), e.reason),
            None => e,
        })?;
    let Value::Object(object) = &value else {
        return Err(whole(
            "not a JSON object (a scenario or a saved page)".into(),
        ));
    };
    if object.contains_key("panes") || object.contains_key("v") {
        let decoded = share::from_parsed(value, notes)?;
        return Ok(paned(decoded, "the saved page"));
    }
    for note in &notes {
        crate::say(&format!("lockstep: note: {note}"));
    }
    let scenario = Scenario::from_json(value).map_err(|e| match e.field.as_str() {
        "" | "." => e.renamed(source),
        _ => e,
    })?;
    scenario.validate()?;
    Ok(Page {
        panes: vec![(None, scenario)],
        experiment: None,
        what: "the scenario",
    })
}

/// The panes of a shared link.
fn linked(link: &str) -> Result<Page, FieldError> {
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    let decoded = lockstep::share::link::decode(fragment).map_err(|e| match e.field.as_str() {
        "link" => e,
        _ => FieldError::new("link", e.to_string()),
    })?;
    Ok(paned(decoded, "the link"))
}

/// A decoded page's panes and experiment, its notes printed on stderr.
fn paned(decoded: share::Decoded, what: &'static str) -> Page {
    for note in &decoded.notes {
        crate::say(&format!("lockstep: note: {note}"));
    }
    let state = decoded.state;
    Page {
        panes: state
            .panes
            .into_iter()
            .map(|p| (p.label, p.scenario))
            .collect(),
        experiment: state.experiment,
        what,
    }
}
