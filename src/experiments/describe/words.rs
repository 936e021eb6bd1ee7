//! The words both the headline and the charts' sentences use: a
//! parameter's name, an arm's points and prefix, a share as a percentage,
//! a cap in cycles.

use crate::experiments::spec::Experiment;
use crate::experiments::summary::PointSummary;
use crate::scenario::params;

/// Most values a sentence lists one by one.
const LISTED: usize = 5;

/// A parameter's name in a sentence: its label, without symbols.
pub(super) fn name(path: &str) -> String {
    params::find(path).map_or(path.to_owned(), |p| {
        p.label.split(" (").next().unwrap_or(p.label).to_lowercase()
    })
}

/// The points of one arm along x (the first second value, in a grid).
pub(super) fn arm_points<'a>(
    experiment: &Experiment,
    summaries: &'a [PointSummary],
    arm: usize,
) -> Vec<&'a PointSummary> {
    let y0 = experiment.y.as_ref().map(|y| y.values[0]);
    let mut points: Vec<&PointSummary> = summaries
        .iter()
        .filter(|s| s.arm == arm && (y0.is_none() || s.value2 == y0))
        .collect();
    points.sort_by(|a, b| a.value.total_cmp(&b.value));
    points
}

/// Which points a sentence names: all when few, else the ends and the
/// fastest and slowest.
pub(super) fn named<'a>(points: &[&'a PointSummary]) -> Vec<&'a PointSummary> {
    if points.len() <= LISTED {
        return points.to_vec();
    }
    let key = |s: &&PointSummary| s.median_time.unwrap_or(f64::INFINITY);
    let fastest = points.iter().min_by(|a, b| key(a).total_cmp(&key(b)));
    let slowest = points.iter().max_by(|a, b| key(a).total_cmp(&key(b)));
    let mut out: Vec<&PointSummary> = [points.first(), fastest, slowest, points.last()]
        .into_iter()
        .flatten()
        .copied()
        .collect();
    out.sort_by(|a, b| a.value.total_cmp(&b.value));
    out.dedup_by(|a, b| a.value == b.value);
    out
}

/// "Dense: " before an arm's part of a sentence, when there are several.
pub(super) fn prefix(experiment: &Experiment, arm: usize) -> String {
    match experiment.arms.len() {
        1 => String::new(),
        _ => format!("{}: ", experiment.arms[arm].label),
    }
}

/// A share of runs as a percentage, "35%"; a share that rounds to 0% or
/// 100% but is not says so ("under 1%"), so no run goes missing.
pub(super) fn percent(share: f64) -> String {
    let shown = (share * 100.0).round();
    match shown {
        0.0 if share > 0.0 => "under 1%".into(),
        100.0 if share < 1.0 => "over 99%".into(),
        _ => format!("{shown}%"),
    }
}

/// A cap in cycles: "1 cycle", "300 cycles".
pub(super) fn cycles(cap: f64) -> String {
    match cap == 1.0 {
        true => "1 cycle".into(),
        false => format!("{cap} cycles"),
    }
}

/// The sentence with its first letter a capital.
pub(super) fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}
