//! An experiment in a link: keys prefixed `x.`, after the panes.
//!
//! `x.arms` (`pane`, `panes` or `modes`) and `x.pane` (0 or 1, for `pane`
//! and `modes`), `x.p` and `x.v` (the swept parameter's path and its
//! values, `0.02,0.05,0.1`), `x.p2` and `x.v2` (a second parameter: a
//! two-way grid), `x.seeds`, `x.first` (the first seed), `x.cap`, and
//! `x.ready` (the ready experiment it came from). A link without `x.` keys
//! has no experiment; old pages ignore these keys with a note.

use super::read::Read;
use super::text::escape;
use crate::error::{FieldError, fail};
use crate::experiments::{ArmsOf, Axis, DEFAULT_CAP, ExperimentSpec};
use std::fmt::Write;

fn list(values: &[f64]) -> String {
    let texts: Vec<String> = values.iter().map(f64::to_string).collect();
    texts.join(",")
}

/// Appends the experiment's keys to a link.
pub(super) fn write(out: &mut String, x: &ExperimentSpec) {
    let (arms, pane) = match x.arms {
        ArmsOf::Pane(i) => ("pane", Some(i)),
        ArmsOf::Panes => ("panes", None),
        ArmsOf::Modes(i) => ("modes", Some(i)),
    };
    let _ = write!(out, "&x.arms={arms}");
    if let Some(i) = pane {
        let _ = write!(out, "&x.pane={i}");
    }
    let _ = write!(out, "&x.p={}&x.v={}", x.x.path, list(&x.x.values));
    if let Some(y) = &x.y {
        let _ = write!(out, "&x.p2={}&x.v2={}", y.path, list(&y.values));
    }
    let _ = write!(
        out,
        "&x.seeds={}&x.first={}&x.cap={}",
        x.seeds, x.first_seed, x.cap
    );
    if let Some(ready) = &x.ready {
        let _ = write!(out, "&x.ready={}", escape(ready));
    }
}

/// The experiment a link states, if it has `x.` keys.
pub(super) fn read(r: &mut Read) -> Result<Option<ExperimentSpec>, FieldError> {
    if !r.has_prefix("x.") {
        return Ok(None);
    }
    let pane = r.int("x.pane", 0)?.min(1) as usize;
    let arms = match r.get("x.arms").as_deref() {
        None | Some("pane") => ArmsOf::Pane(pane),
        Some("panes") => ArmsOf::Panes,
        Some("modes") => ArmsOf::Modes(pane),
        Some(other) => {
            return fail(
                "x.arms",
                format!("`{other}` is not one of pane, panes, modes"),
            );
        }
    };
    let x = axis(r, "x.p", "x.v")?
        .ok_or_else(|| FieldError::new("x.p", "an experiment needs the parameter it sweeps"))?;
    let y = axis(r, "x.p2", "x.v2")?;
    Ok(Some(ExperimentSpec {
        arms,
        x,
        y,
        seeds: r.int("x.seeds", 20)?.min(u32::MAX.into()) as u32,
        first_seed: r.int("x.first", 1)?.min(u32::MAX.into()) as u32,
        cap: r.float("x.cap", DEFAULT_CAP)?,
        ready: r.get("x.ready"),
    }))
}

/// An axis from its path and values keys, if the path is given.
fn axis(r: &mut Read, path: &str, values: &str) -> Result<Option<Axis>, FieldError> {
    let Some(p) = r.get(path) else {
        return Ok(None);
    };
    let text = r.get(values).unwrap_or_default();
    let values = text
        .split(',')
        .filter(|t| !t.is_empty())
        .map(|t| match t.parse::<f64>() {
            Ok(v) if v.is_finite() => Ok(v),
            _ => fail(values, format!("`{t}` is not a finite number")),
        })
        .collect::<Result<Vec<f64>, FieldError>>()?;
    Ok(Some(Axis { path: p, values }))
}
