//! Experiments: ensembles of seeds over a swept parameter, with summaries.
//!
//! A run goes until synchrony is reached and held, or until the cap; runs
//! that never get there are kept and reported as censored. Every run is
//! deterministic from its scenario, so a sweep can be split into shards and
//! its rows concatenated.

use crate::error::FieldError;
use crate::measures::{CONVERGED_OFFSET, Synchrony};
use crate::params::{self, Kind};
use crate::scenario::Scenario;
use crate::seeded::{Seeded, Stream};
use crate::simulation::Simulation;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One run of an ensemble.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunResult {
    pub value: f64,
    pub seed: u32,
    pub synced: bool,
    /// Time to synchrony in cycles; the cap when censored.
    pub time: f64,
    /// Offset from the coordinators' roadmap (cycles), once synchronized.
    pub offset: Option<f64>,
    pub converged: bool,
    /// Release bursts in the last cycle of the run (rhythms alive).
    pub final_bursts: usize,
}

/// One swept value, summarized over its seeds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PointSummary {
    pub value: f64,
    pub runs: usize,
    pub censored: usize,
    /// Mean time to synchrony, censored runs counted at the cap (so a
    /// lower bound when any are censored).
    pub mean_time: f64,
    /// Median, censored runs counted as slower than every synced run.
    pub median_time: Option<f64>,
    /// 95% bootstrap percentile interval of the mean (times are skewed
    /// and capped, so a normal interval would reach below zero).
    pub interval: (f64, f64),
    /// Share of runs that converged to the coordinators' roadmap.
    pub converged_share: f64,
}

/// Sets a parameter by its path in the table, such as `eps` or
/// `network.meanDegree`, and checks the result.
pub fn with_parameter(base: &Scenario, path: &str, value: f64) -> Result<Scenario, FieldError> {
    let bad = |reason: String| FieldError::new(path, reason);
    let param = params::find(path)
        .ok_or_else(|| bad("not a parameter (lockstep params lists them)".into()))?;
    let mut json = base.to_json()?;
    let kind = params::kind_of(&json).to_owned();
    let slot = params::get_mut(&mut json, path)
        .ok_or_else(|| bad(format!("not a parameter of the network kind {kind}")))?;
    *slot = match param.kind {
        Kind::Whole if value.fract() != 0.0 || value < 0.0 => {
            return Err(bad(format!("{value} is not a whole number")));
        }
        Kind::Whole => Value::from(value as u64),
        Kind::Number => Value::from(value),
        Kind::Flag => Value::Bool(value != 0.0),
        Kind::Choice(_) | Kind::Firms => {
            return Err(bad("cannot sweep a parameter that is not a number".into()));
        }
    };
    let scenario = Scenario::from_json(json)?;
    scenario.validate()?;
    Ok(scenario)
}

/// Runs `scenario` until synchrony or `cap` cycles.
pub fn run_one(scenario: &Scenario, value: f64, cap: f64) -> Result<RunResult, FieldError> {
    let mut sim = Simulation::new(scenario)?;
    let sync: Option<Synchrony> = sim.run_until_synchrony(cap);
    Ok(RunResult {
        value,
        seed: scenario.seed,
        synced: sync.is_some(),
        time: sync.map_or(cap, |s| s.time),
        offset: sync.map(|s| s.offset),
        converged: sync.is_some_and(|s| s.offset <= CONVERGED_OFFSET),
        final_bursts: sim.bursts_last_cycle(),
    })
}

/// The runs of a sweep, in order: for each value, seeds `first..first + seeds`.
pub fn plan(values: &[f64], first_seed: u32, seeds: u32) -> Vec<(f64, u32)> {
    values
        .iter()
        .flat_map(|&v| (0..seeds).map(move |s| (v, first_seed.wrapping_add(s))))
        .collect()
}

/// Shard `index` (1-based) of `count`: every `count`-th run of the plan.
pub fn shard<T: Clone>(plan: &[T], index: usize, count: usize) -> Vec<T> {
    plan.iter()
        .skip(index - 1)
        .step_by(count.max(1))
        .cloned()
        .collect()
}

/// Runs one planned (value, seed) of a sweep of `path` over `base`.
pub fn run_planned(
    base: &Scenario,
    path: &str,
    (value, seed): (f64, u32),
    cap: f64,
) -> Result<RunResult, FieldError> {
    let scenario = Scenario {
        seed,
        ..with_parameter(base, path, value)?
    };
    run_one(&scenario, value, cap)
}

/// Runs every planned (value, seed): in parallel natively, one after
/// another on wasm (where a Worker calls `run_planned` itself for progress).
pub fn run_all(
    base: &Scenario,
    path: &str,
    plan: &[(f64, u32)],
    cap: f64,
) -> Result<Vec<RunResult>, FieldError> {
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        plan.par_iter()
            .map(|&p| run_planned(base, path, p, cap))
            .collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        plan.iter()
            .map(|&p| run_planned(base, path, p, cap))
            .collect()
    }
}

/// Summaries per value, in the order values first appear.
pub fn summarize(runs: &[RunResult]) -> Vec<PointSummary> {
    let mut values: Vec<f64> = Vec::new();
    for r in runs {
        if !values.contains(&r.value) {
            values.push(r.value);
        }
    }
    values
        .into_iter()
        .map(|value| {
            let group: Vec<&RunResult> = runs.iter().filter(|r| r.value == value).collect();
            let n = group.len();
            let times: Vec<f64> = group.iter().map(|r| r.time).collect();
            let mean = times.iter().sum::<f64>() / n as f64;
            PointSummary {
                value,
                runs: n,
                censored: group.iter().filter(|r| !r.synced).count(),
                mean_time: mean,
                median_time: median(&group),
                interval: bootstrap_interval(&times),
                converged_share: group.iter().filter(|r| r.converged).count() as f64 / n as f64,
            }
        })
        .collect()
}

const RESAMPLES: usize = 2000;

/// Percentile bootstrap of the mean, seeded so summaries are reproducible.
fn bootstrap_interval(times: &[f64]) -> (f64, f64) {
    let n = times.len();
    let mut rng = Seeded::new(n as u32, Stream::Bootstrap);
    let mut means: Vec<f64> = (0..RESAMPLES)
        .map(|_| (0..n).map(|_| times[rng.below(n)]).sum::<f64>() / n as f64)
        .collect();
    means.sort_by(f64::total_cmp);
    (
        means[RESAMPLES * 25 / 1000],
        means[RESAMPLES * 975 / 1000 - 1],
    )
}

fn median(group: &[&RunResult]) -> Option<f64> {
    let mut keys: Vec<(bool, f64)> = group.iter().map(|r| (!r.synced, r.time)).collect();
    keys.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)));
    let (censored, time) = keys[keys.len() / 2];
    (!censored).then_some(time)
}

/// CSV header and rows of runs, for the CLI and downloads.
pub const CSV_HEADER: &str = "value,seed,synced,time,offset,converged,final_bursts";

pub fn csv_row(r: &RunResult) -> String {
    let offset = r.offset.map_or(String::new(), |o| format!("{o:.6}"));
    format!(
        "{},{},{},{:.6},{},{},{}",
        r.value, r.seed, r.synced, r.time, offset, r.converged, r.final_bursts
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parameters_are_set_by_path_and_checked() {
        let base = Scenario::default();
        assert_eq!(with_parameter(&base, "eps", 0.1).unwrap().eps, 0.1);
        let s = with_parameter(&base, "network.meanDegree", 9.0).unwrap();
        assert_eq!(
            s.network,
            crate::NetworkSpec::ErdosRenyi { mean_degree: 9.0 }
        );
        assert_eq!(with_parameter(&base, "firms", 80.0).unwrap().firms, 80);
        assert!(with_parameter(&base, "firms", 80.5).is_err());
        assert!(with_parameter(&base, "eps", 7.0).is_err());
        assert!(with_parameter(&base, "nonsense", 1.0).is_err());
    }

    #[test]
    fn shards_partition_the_plan() {
        let plan = plan(&[1.0, 2.0], 10, 3);
        assert_eq!(plan.len(), 6);
        let mut joined: Vec<_> = (1..=4).flat_map(|i| shard(&plan, i, 4)).collect();
        joined.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        assert_eq!(joined, plan);
    }

    #[test]
    fn censored_runs_count_at_the_cap_and_push_the_median() {
        let run = |synced, time| RunResult {
            value: 1.0,
            seed: 0,
            synced,
            time,
            offset: None,
            converged: false,
            final_bursts: 1,
        };
        let s = &summarize(&[run(true, 10.0), run(false, 100.0), run(false, 100.0)])[0];
        assert_eq!((s.runs, s.censored), (3, 2));
        assert_eq!(s.mean_time, 70.0);
        assert_eq!(s.median_time, None);
        let (lo, hi) = s.interval;
        assert!(
            (10.0..70.0).contains(&lo) && 70.0 < hi && hi <= 100.0,
            "interval {lo} to {hi}"
        );
    }
}
