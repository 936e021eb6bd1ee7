//! Where a command's scenario comes from: a file, JSON text, a shared link,
//! or (given none) the default scenario.

use clap::Args;
use lockstep::{FieldError, Scenario};
use std::path::PathBuf;

#[derive(Args)]
pub struct Source {
    /// Read the scenario from a JSON file
    ///
    /// A scenario is JSON with any of the fields of `lockstep run
    /// --show-default`; the others keep their defaults. Without --scenario,
    /// --json or --url the default scenario runs.
    #[arg(long, value_name = "FILE", conflicts_with_all = ["json", "url"])]
    scenario: Option<PathBuf>,
    /// The scenario as JSON text, e.g. '{"mode":"reactive","eps":0.1}'
    #[arg(long, value_name = "TEXT", conflicts_with = "url")]
    json: Option<String>,
    /// A page's shared link, whole or only its fragment after #
    ///
    /// Values out of range are clamped, each with a note on stderr
    /// (`lockstep: note: <key>: <what changed>`).
    #[arg(long, value_name = "LINK")]
    url: Option<String>,
    /// The link's pane: 0 the first (left), 1 the second (right)
    #[arg(long, value_name = "I", requires = "url", default_value_t = 0)]
    pane: usize,
}

impl Source {
    /// The scenario, checked; a link's clamp notes are printed on stderr.
    pub fn load(&self) -> Result<Scenario, FieldError> {
        if let Some(link) = &self.url {
            return linked(link, self.pane);
        }
        let text = match (&self.scenario, &self.json) {
            (Some(path), _) => std::fs::read_to_string(path)
                .map_err(|e| FieldError::new(path.display().to_string(), e.to_string()))?,
            (None, Some(text)) => text.clone(),
            (None, None) => "{}".into(),
        };
        let scenario: Scenario =
            serde_json::from_str(&text).map_err(|e| FieldError::new("scenario", e.to_string()))?;
        scenario.validate()?;
        Ok(scenario)
    }
}

/// The scenario of one pane of a shared link.
fn linked(link: &str, pane: usize) -> Result<Scenario, FieldError> {
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    let decoded = lockstep::link::decode(fragment).map_err(|e| match e.field.as_str() {
        "link" => e,
        _ => FieldError::new("link", e.to_string()),
    })?;
    for note in &decoded.notes {
        eprintln!("lockstep: note: {note}");
    }
    let panes = &decoded.state.panes;
    let reason = || format!("the link has {} pane(s)", panes.len());
    let chosen = panes
        .get(pane)
        .ok_or_else(|| FieldError::new("--pane", reason()))?;
    Ok(chosen.scenario.clone())
}
