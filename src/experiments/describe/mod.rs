//! The sentences that state an experiment's result, computed from its
//! summaries and runs (never written by hand): a headline, then one per
//! chart of the page, and the same from the command line. Shares of runs
//! are said as percentages, everywhere.

use super::ensemble::Ensemble;
use super::spec::Experiment;
use super::summary::PointSummary;
use serde::Serialize;

mod headline;
mod words;
use headline::headline;
use words::{arm_points, capitalized, cycles, name, named, percent, prefix};

/// A headline, then a sentence per chart.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Sentences {
    /// The result in one plain sentence, read first: which arm got in step
    /// faster and by how much, or how the median moved along the sweep.
    pub headline: String,
    /// Median time to synchrony per value, with its interval, per arm.
    pub sweep: String,
    /// Runs not in step by the cap, and runs converged to the roadmap.
    pub shares: String,
    /// How the runs at one value reached synchrony (the cumulative curve).
    pub distribution: String,
    /// The two-way grid: where synchrony is fastest and slowest.
    pub grid: String,
}

/// The sentences of `experiment`'s result so far; `at` is the value whose
/// distribution is described (the first value when `None`).
pub fn describe(
    experiment: &Experiment,
    summaries: &[PointSummary],
    runs: &Ensemble,
    at: Option<f64>,
) -> Sentences {
    if summaries.is_empty() {
        return Sentences::default();
    }
    let at = at.unwrap_or(experiment.x.values[0]);
    Sentences {
        headline: headline(experiment, summaries),
        sweep: sweep(experiment, summaries),
        shares: shares(experiment, summaries),
        distribution: distribution(experiment, runs, at),
        grid: grid(experiment, summaries),
    }
}

fn sweep(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    let x = name(&experiment.x.path);
    let one_value = experiment.x.values.len() == 1;
    let cap = experiment.cap;
    let end = |t: Option<f64>| t.map_or(format!("over {cap}"), |t| format!("{t:.1}"));
    let at = |s: &PointSummary| match one_value {
        true => String::new(),
        false => format!(" at {x} {}", s.value),
    };
    // An arm without runs yet (after Cancel) says nothing.
    let parts: Vec<String> = (0..experiment.arms.len())
        .filter_map(|i| {
            let points = arm_points(experiment, summaries, i);
            if points.is_empty() {
                return None;
            }
            let listed: Vec<String> = named(&points)
                .iter()
                .map(|s| match s.median_time {
                    Some(m) => {
                        let (lo, hi) = s.median_interval;
                        format!("median {m:.1} cycles [{}, {}]{}", end(lo), end(hi), at(s))
                    }
                    None => format!("no median{} (most runs never in step)", at(s)),
                })
                .collect();
            let censored: usize = points.iter().map(|s| s.censored).sum();
            let runs: usize = points.iter().map(|s| s.runs).sum();
            let stalled = match censored {
                0 => String::new(),
                c => format!(
                    ", {} of runs not in step by {}",
                    percent(c as f64 / runs as f64),
                    cycles(cap)
                ),
            };
            Some(format!(
                "{}{}{stalled}",
                prefix(experiment, i),
                listed.join(", ")
            ))
        })
        .collect();
    capitalized(&format!("{}.", parts.join("; ")))
}

fn shares(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    let x = name(&experiment.x.path);
    let one_value = experiment.x.values.len() == 1;
    // Per arm, `None` for an arm without runs yet.
    let per_arm = |f: &dyn Fn(&PointSummary) -> String| -> Vec<Option<String>> {
        experiment
            .arms
            .iter()
            .enumerate()
            .map(|(i, arm)| {
                let points = arm_points(experiment, summaries, i);
                if points.is_empty() {
                    return None;
                }
                let listed: Vec<String> = named(&points)
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
                Some(match experiment.arms.len() {
                    1 => listed.join(", "),
                    _ => format!("{} {}", arm.label, listed.join(", ")),
                })
            })
            .collect()
    };
    let stalled: Vec<String> = per_arm(&|s| percent(s.censored as f64 / s.runs as f64))
        .into_iter()
        .flatten()
        .collect();
    let converged: Vec<String> = per_arm(&|s| percent(s.converged_share))
        .into_iter()
        .enumerate()
        .filter(|&(i, _)| has_roadmap(experiment, i))
        .filter_map(|(_, text)| text)
        .collect();
    let by = if one_value {
        String::new()
    } else {
        format!(" (by {x})")
    };
    let roadmap = match converged.is_empty() {
        true => String::new(),
        false => format!(
            " Converged to the coordinators' roadmap: {}.",
            converged.join("; ")
        ),
    };
    format!(
        "Not in step by {}{by}: {}.{roadmap}",
        cycles(experiment.cap),
        stalled.join("; "),
    )
}

/// Reactive firms have no roadmap to converge to: their share says nothing.
fn has_roadmap(experiment: &Experiment, arm: usize) -> bool {
    experiment.arms[arm].scenario.mode != crate::scenario::Mode::Reactive
}

fn distribution(experiment: &Experiment, runs: &Ensemble, at: f64) -> String {
    let x = name(&experiment.x.path);
    let parts: Vec<String> = (0..experiment.arms.len())
        .filter_map(|i| {
            let times = runs.ranked_at(i, at);
            if times.is_empty() {
                return None;
            }
            let n = times.len();
            let quantile = |q: f64| times[((q * n as f64).ceil() as usize).clamp(1, n) - 1];
            let never = times.iter().filter(|t| t.is_infinite()).count();
            let (half, most) = (quantile(0.5), quantile(0.9));
            let reached = match (half.is_finite(), most.is_finite()) {
                (true, true) => {
                    format!("half in step by {half:.1} cycles, nine in ten by {most:.1}")
                }
                (true, false) => format!("half in step by {half:.1} cycles"),
                _ => format!(
                    "fewer than half ever in step ({})",
                    percent((n - never) as f64 / n as f64)
                ),
            };
            let stalled = match never {
                0 => String::new(),
                k => format!(
                    "; {} not within {}",
                    percent(k as f64 / n as f64),
                    cycles(experiment.cap)
                ),
            };
            Some(format!("{}{reached}{stalled}", prefix(experiment, i)))
        })
        .collect();
    let at = match experiment.x.values.len() {
        1 => String::new(),
        _ => format!("At {x} {at}: "),
    };
    capitalized(&format!("{at}{}.", parts.join("; ")))
}

fn grid(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    let Some(y) = &experiment.y else {
        return String::new();
    };
    let (xn, yn) = (name(&experiment.x.path), name(&y.path));
    let key = |s: &&PointSummary| s.median_time.unwrap_or(f64::INFINITY);
    let at = |s: &PointSummary| format!("{xn} {} and {yn} {}", s.value, s.value2.unwrap_or(0.0));
    let median = |s: &PointSummary| match s.median_time {
        Some(m) => format!("median {m:.1} cycles at {}", at(s)),
        None => format!("no median (most runs never in step) at {}", at(s)),
    };
    let parts: Vec<String> = (0..experiment.arms.len())
        .filter_map(|i| {
            let points: Vec<&PointSummary> = summaries.iter().filter(|s| s.arm == i).collect();
            let fastest = points.iter().min_by(|a, b| key(a).total_cmp(&key(b)))?;
            let slowest = points.iter().max_by(|a, b| key(a).total_cmp(&key(b)))?;
            let never = points.iter().filter(|s| s.median_time.is_none()).count();
            let share = |s: &&&PointSummary| s.converged_share;
            let most = points.iter().max_by(|a, b| share(a).total_cmp(&share(b)))?;
            let least = points.iter().min_by(|a, b| share(a).total_cmp(&share(b)))?;
            let roadmap = match has_roadmap(experiment, i) {
                true => format!(
                    ". Converged to the roadmap: from {} at {} to {} at {}",
                    percent(least.converged_share),
                    at(least),
                    percent(most.converged_share),
                    at(most),
                ),
                false => String::new(),
            };
            Some(format!(
                "{}fastest: {}; slowest: {}; {never} of {} points have no median{roadmap}",
                prefix(experiment, i),
                median(fastest),
                median(slowest),
                points.len(),
            ))
        })
        .collect();
    capitalized(&format!("{}.", parts.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::experiments::{Arm, Axis, RunResult, summarize};
    use crate::scenario::{Mode, Scenario};

    pub(super) fn arm(label: &str, mode: Mode) -> Arm {
        let scenario = Scenario {
            mode,
            ..Scenario::default()
        };
        let label = label.to_owned();
        Arm { label, scenario }
    }

    fn run(arm: usize, value2: Option<f64>) -> RunResult {
        RunResult {
            arm,
            value: 0.05,
            value2,
            seed: 1,
            synced: true,
            time: 2.0,
            offset: Some(0.0),
            converged: true,
            final_bursts: 1,
        }
    }

    #[test]
    fn only_arms_with_coordinators_are_said_to_converge_to_a_roadmap() {
        let x = Axis {
            path: "eps".into(),
            values: vec![0.05],
        };
        let mut experiment = Experiment {
            arms: vec![arm("Reactive", Mode::Reactive), arm("Hybrid", Mode::Hybrid)],
            x,
            y: None,
            seeds: 1,
            first_seed: 1,
            cap: 300.0,
        };
        let runs = [run(0, None), run(1, None)];
        let said = describe(&experiment, &summarize(&runs), &Ensemble::of(&runs), None);
        assert_eq!(
            said.shares,
            "Not in step by 300 cycles: Reactive 0%; Hybrid 0%. \
             Converged to the coordinators' roadmap: Hybrid 100%."
        );
        experiment.arms.truncate(1);
        let said = describe(
            &experiment,
            &summarize(&runs[..1]),
            &Ensemble::of(&runs[..1]),
            None,
        );
        assert_eq!(said.shares, "Not in step by 300 cycles: 0%.");

        experiment.y = Some(Axis {
            path: "dissipation".into(),
            values: vec![3.0],
        });
        let runs = [run(0, Some(3.0))];
        let said = describe(&experiment, &summarize(&runs), &Ensemble::of(&runs), None);
        assert!(!said.grid.contains("roadmap"), "{}", said.grid);
    }

    #[test]
    fn after_cancel_an_arm_without_runs_says_nothing_and_one_is_one() {
        let x = Axis {
            path: "eps".into(),
            values: vec![0.05],
        };
        let experiment = Experiment {
            arms: vec![
                arm("Dense (left)", Mode::Hybrid),
                arm("Dense (right)", Mode::Hybrid),
            ],
            x,
            y: None,
            seeds: 2,
            first_seed: 1,
            cap: 1.0,
        };
        // One run of the left arm, not in step by the cap; none of the right.
        let runs = [RunResult {
            synced: false,
            time: 1.0,
            offset: None,
            converged: false,
            ..run(0, None)
        }];
        let said = describe(&experiment, &summarize(&runs), &Ensemble::of(&runs), None);
        assert_eq!(
            said.sweep,
            "Dense (left): no median (most runs never in step), 100% of runs not in step by 1 cycle."
        );
        assert_eq!(
            said.shares,
            "Not in step by 1 cycle: Dense (left) 100%. \
             Converged to the coordinators' roadmap: Dense (left) 0%."
        );
        assert_eq!(
            said.distribution,
            "Dense (left): fewer than half ever in step (0%); 100% not within 1 cycle."
        );
        assert_eq!(
            said.headline,
            "Dense (left): most runs never got in step within 1 cycle."
        );
    }

    #[test]
    fn shares_are_percentages_and_never_hide_a_run() {
        assert_eq!(percent(14.0 / 40.0), "35%");
        assert_eq!(percent(0.0), "0%");
        assert_eq!(percent(1.0), "100%");
        assert_eq!(percent(1.0 / 100_000.0), "under 1%");
        assert_eq!(percent(99_999.0 / 100_000.0), "over 99%");
    }
}
