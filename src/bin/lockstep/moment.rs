//! `lockstep run --at T`: each pane's state at moment T, as the page shows
//! it after going there (its timeline, or a link's `t=`), to check a page's
//! moment from the command line.

use crate::source::Source;
use lockstep::simulation::{MAX_MOMENT, Moment, check_moment};
use lockstep::{FieldError, Simulation};
use serde::Serialize;

/// A moment: a number of cycles from 0 to [`MAX_MOMENT`].
pub fn cycles(text: &str) -> Result<f64, String> {
    let t: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{text}` is not a number of cycles (0 to {MAX_MOMENT})"))?;
    check_moment(t).map_err(|e| e.reason)?;
    Ok(t)
}

#[derive(Serialize)]
struct Output {
    at: f64,
    panes: Vec<Pane>,
}

#[derive(Serialize)]
struct Pane {
    pane: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    label: Option<String>,
    moment: Moment,
}

/// The state of each pane of `source` (or the one `--pane` chose) at `at`,
/// as JSON.
pub fn output(source: &Source, at: f64) -> Result<String, FieldError> {
    let page = source.page()?;
    let chosen = source.chosen_pane();
    let mut panes = Vec::new();
    for (i, (label, scenario)) in page.panes.into_iter().enumerate() {
        if chosen.is_some_and(|c| c != i) {
            continue;
        }
        let mut sim = Simulation::new(&scenario)?;
        sim.seek(at)?;
        panes.push(Pane {
            pane: i,
            label,
            moment: sim.moment(),
        });
    }
    if let Some(c) = chosen.filter(|_| panes.is_empty()) {
        let reason = format!("{} has no pane {c}", page.what);
        return Err(FieldError::new("--pane", reason));
    }
    let json = serde_json::to_string_pretty(&Output { at, panes });
    Ok(json.map_err(|e| FieldError::new("moment", e.to_string()))? + "\n")
}
