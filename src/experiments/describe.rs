//! The sentences that state an experiment's result, computed from its
//! summaries and runs (never written by hand): one per chart of the page,
//! and the same from the command line.

use super::{Experiment, PointSummary, RunResult};
use crate::params;
use serde::Serialize;

/// A sentence per chart.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sentences {
    /// Median time to synchrony per value, with its interval, per arm.
    pub sweep: String,
    /// Runs not in step by the cap, and runs converged to the roadmap.
    pub shares: String,
    /// How the runs at one value reached synchrony (the cumulative curve).
    pub distribution: String,
    /// The two-way grid: where synchrony is fastest and slowest.
    pub grid: String,
}

/// Most values a sentence lists one by one.
const LISTED: usize = 5;

/// The sentences of `experiment`'s result so far; `at` is the value whose
/// distribution is described (the first value when `None`).
pub fn describe(
    experiment: &Experiment,
    summaries: &[PointSummary],
    runs: &[RunResult],
    at: Option<f64>,
) -> Sentences {
    if summaries.is_empty() {
        return Sentences::default();
    }
    let at = at.unwrap_or(experiment.x.values[0]);
    Sentences {
        sweep: sweep(experiment, summaries),
        shares: shares(experiment, summaries),
        distribution: distribution(experiment, runs, at),
        grid: grid(experiment, summaries),
    }
}

/// A parameter's name in a sentence: its label, without symbols.
fn name(path: &str) -> String {
    params::find(path).map_or(path.to_owned(), |p| {
        p.label.split(" (").next().unwrap_or(p.label).to_lowercase()
    })
}

fn cycles(t: Option<f64>) -> String {
    t.map_or("censored".to_owned(), |t| format!("{t:.1}"))
}

/// The points of one arm along x (the first second value, in a grid).
fn arm_points<'a>(
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
fn named<'a>(points: &[&'a PointSummary]) -> Vec<&'a PointSummary> {
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

fn sweep(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    let x = name(&experiment.x.path);
    let one_value = experiment.x.values.len() == 1;
    let parts: Vec<String> = experiment
        .arms
        .iter()
        .enumerate()
        .map(|(i, arm)| {
            let points = arm_points(experiment, summaries, i);
            let listed: Vec<String> = named(&points)
                .iter()
                .map(|s| {
                    let at = if one_value {
                        String::new()
                    } else {
                        format!(" at {x} {}", s.value)
                    };
                    let (lo, hi) = s.median_interval;
                    format!(
                        "{}{at} [{}, {}]",
                        cycles(s.median_time),
                        cycles(lo),
                        cycles(hi)
                    )
                })
                .collect();
            let censored: usize = points.iter().map(|s| s.censored).sum();
            let runs: usize = points.iter().map(|s| s.runs).sum();
            let stalled = if censored > 0 {
                format!(
                    ", {censored} of {runs} not in step by {} cycles",
                    experiment.cap
                )
            } else {
                String::new()
            };
            format!(
                "{}: median {} cycles{stalled}",
                arm.label,
                listed.join(", ")
            )
        })
        .collect();
    format!("{}.", parts.join("; "))
}

fn shares(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    let x = name(&experiment.x.path);
    let one_value = experiment.x.values.len() == 1;
    let per_arm = |f: &dyn Fn(&PointSummary) -> String| -> Vec<String> {
        experiment
            .arms
            .iter()
            .enumerate()
            .map(|(i, arm)| {
                let listed: Vec<String> = named(&arm_points(experiment, summaries, i))
                    .iter()
                    .map(|s| {
                        let at = if one_value {
                            String::new()
                        } else {
                            format!(" at {}", s.value)
                        };
                        format!("{}{at}", f(s))
                    })
                    .collect();
                format!("{} {}", arm.label, listed.join(", "))
            })
            .collect()
    };
    let stalled = per_arm(&|s| format!("{} of {}", s.censored, s.runs));
    let converged = per_arm(&|s| format!("{:.2}", s.converged_share));
    let by = if one_value {
        String::new()
    } else {
        format!(" (by {x})")
    };
    format!(
        "Not in step by {} cycles{by}: {}. Converged to the coordinators' roadmap: {}.",
        experiment.cap,
        stalled.join("; "),
        converged.join("; ")
    )
}

fn distribution(experiment: &Experiment, runs: &[RunResult], at: f64) -> String {
    let x = name(&experiment.x.path);
    let parts: Vec<String> = experiment
        .arms
        .iter()
        .enumerate()
        .filter_map(|(i, arm)| {
            let mut times: Vec<f64> = runs
                .iter()
                .filter(|r| r.arm == i && r.value == at)
                .map(|r| if r.synced { r.time } else { f64::INFINITY })
                .collect();
            if times.is_empty() {
                return None;
            }
            times.sort_by(f64::total_cmp);
            let n = times.len();
            let quantile = |q: f64| times[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
            let by = |t: f64| {
                if t.is_finite() {
                    format!("by {t:.1} cycles")
                } else {
                    "never".to_owned()
                }
            };
            let never = times.iter().filter(|t| t.is_infinite()).count();
            let stalled = if never > 0 {
                format!(", {never} of {n} not within {} cycles", experiment.cap)
            } else {
                String::new()
            };
            Some(format!(
                "{}: half in step {}, nine in ten {}{stalled}",
                arm.label,
                by(quantile(0.5)),
                by(quantile(0.9))
            ))
        })
        .collect();
    format!("At {x} {at}: {}.", parts.join("; "))
}

fn grid(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    let Some(y) = &experiment.y else {
        return String::new();
    };
    let (xn, yn) = (name(&experiment.x.path), name(&y.path));
    let key = |s: &&PointSummary| s.median_time.unwrap_or(f64::INFINITY);
    let at = |s: &PointSummary| format!("{xn} {}, {yn} {}", s.value, s.value2.unwrap_or(0.0));
    let parts: Vec<String> = experiment
        .arms
        .iter()
        .enumerate()
        .filter_map(|(i, arm)| {
            let points: Vec<&PointSummary> = summaries.iter().filter(|s| s.arm == i).collect();
            let fastest = points.iter().min_by(|a, b| key(a).total_cmp(&key(b)))?;
            let slowest = points.iter().max_by(|a, b| key(a).total_cmp(&key(b)))?;
            let never = points.iter().filter(|s| s.median_time.is_none()).count();
            let share = |s: &&&PointSummary| s.converged_share;
            let most = points.iter().max_by(|a, b| share(a).total_cmp(&share(b)))?;
            let least = points.iter().min_by(|a, b| share(a).total_cmp(&share(b)))?;
            Some(format!(
                "{}: fastest median {} cycles at {}, slowest {} at {}; {never} of {} points \
                 mostly never in step; converged share from {:.2} ({}) to {:.2} ({})",
                arm.label,
                cycles(fastest.median_time),
                at(fastest),
                cycles(slowest.median_time),
                at(slowest),
                points.len(),
                least.converged_share,
                at(least),
                most.converged_share,
                at(most),
            ))
        })
        .collect();
    format!("{}.", parts.join("; "))
}
