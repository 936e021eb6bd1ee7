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

/// Longest run cap, in cycles. A run costs about a microsecond per cycle per
/// firm (the default scenario's 60 firms: a minute per million cycles; a
/// thousand firms: 20 minutes), so a longer cap is a run that never ends.
pub const MAX_CAP: f64 = 1_000_000.0;

/// Most runs of one [`run_all`]: their results are held in memory until
/// all are done (about 60 bytes each, and as much again as CSV rows). A
/// bigger sweep is split into shards ([`Plan::shard`]), each its own job.
pub const MAX_RUNS: u64 = 1_000_000;

/// Sets a parameter by its path in the table, such as `eps` or
/// `network.meanDegree`, and checks the result.
pub fn with_parameter(base: &Scenario, path: &str, value: f64) -> Result<Scenario, FieldError> {
    let bad = |reason: String| FieldError::new(path, reason);
    let param = params::find(path)
        .ok_or_else(|| bad("not a parameter (lockstep params lists them)".into()))?;
    if !value.is_finite() {
        return Err(bad(format!("{value} is not a finite number")));
    }
    let mut json = base.to_json()?;
    let kind = params::kind_of(&json).to_owned();
    let slot = params::get_mut(&mut json, path)
        .ok_or_else(|| bad(format!("not a parameter of the network kind {kind}")))?;
    *slot = match param.kind {
        Kind::Whole if value.fract() != 0.0 || value < 0.0 => {
            return Err(bad(format!("{value} is not a whole number")));
        }
        // Past 2^53 a float no longer names one whole number (and past
        // u64::MAX it would be cut to it): out of every whole range.
        Kind::Whole if value > MAX_WHOLE => {
            return Err(bad(format!("{value:e} is outside {}", param.range_text())));
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

/// 2^53: every whole number up to it is a float.
const MAX_WHOLE: f64 = 9_007_199_254_740_992.0;

/// Refuses a cap that is not a number of cycles in (0, [`MAX_CAP`]].
pub fn check_cap(cap: f64) -> Result<(), FieldError> {
    let reason = if cap.is_nan() || cap.is_infinite() {
        format!("{cap} is not a finite number of cycles")
    } else if cap <= 0.0 {
        format!("{cap} is not a positive number of cycles")
    } else if cap > MAX_CAP {
        let shown = if cap < 1e16 {
            cap.to_string()
        } else {
            format!("{cap:e}")
        };
        format!(
            "{shown} is more than the limit of {MAX_CAP} cycles (a run takes about a \
             microsecond per cycle per firm: a longer cap could run for hours or days)"
        )
    } else {
        return Ok(());
    };
    Err(FieldError::new("cap", reason))
}

/// Runs `scenario` until synchrony or `cap` cycles.
pub fn run_one(scenario: &Scenario, value: f64, cap: f64) -> Result<RunResult, FieldError> {
    check_cap(cap)?;
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

/// The runs of a sweep, or of one shard of it, computed on demand: a plan
/// of any size takes the memory of its values alone.
///
/// The sweep's runs in order are, for each value, seeds `first..first +
/// seeds` (wrapping from `u32::MAX` to 0); run `i` of the sweep is value `i
/// / seeds` with seed `first + i % seeds`. A plan holds the sweep's runs
/// `start, start + step, ...` (the whole sweep: 0, 1, ...).
///
/// ```
/// use lockstep::experiments::plan;
/// let sweep = plan(&[0.1, 0.2], 7, 3)?;
/// assert_eq!(sweep.len(), 6);
/// assert_eq!(sweep.get(4), Some((0.2, 8)));
/// let second = sweep.shard(2, 4)?;
/// assert_eq!(second.iter().collect::<Vec<_>>(), [(0.1, 8), (0.2, 9)]);
/// # Ok::<(), lockstep::FieldError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    values: Vec<f64>,
    first_seed: u32,
    seeds: u32,
    /// Runs of the whole sweep: values × seeds.
    total: u64,
    start: u64,
    step: u64,
}

/// The runs of a sweep, in order: for each value, seeds `first..first +
/// seeds`. Refused only when values × seeds does not fit 64 bits.
pub fn plan(values: &[f64], first_seed: u32, seeds: u32) -> Result<Plan, FieldError> {
    let total = u64::try_from(values.len())
        .ok()
        .and_then(|n| n.checked_mul(u64::from(seeds)))
        .ok_or_else(|| {
            let reason = format!(
                "{} values times {seeds} seeds is more runs than can be counted",
                values.len()
            );
            FieldError::new("plan", reason)
        })?;
    Ok(Plan {
        values: values.to_vec(),
        first_seed,
        seeds,
        total,
        start: 0,
        step: 1,
    })
}

impl Plan {
    /// Runs in this plan (or shard).
    pub fn len(&self) -> u64 {
        match self.total.checked_sub(self.start) {
            Some(left) if left > 0 => (left - 1) / self.step + 1,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs in the whole sweep this plan is part of.
    pub fn sweep_len(&self) -> u64 {
        self.total
    }

    /// The `k`-th (value, seed) of this plan, from 0.
    pub fn get(&self, k: u64) -> Option<(f64, u32)> {
        let i = k.checked_mul(self.step)?.checked_add(self.start)?;
        if i >= self.total {
            return None;
        }
        // total > 0, so seeds > 0.
        let seeds = u64::from(self.seeds);
        let value = *self.values.get(usize::try_from(i / seeds).ok()?)?;
        let offset = u32::try_from(i % seeds).ok()?;
        Some((value, self.first_seed.wrapping_add(offset)))
    }

    /// This plan's runs in order.
    pub fn iter(&self) -> impl Iterator<Item = (f64, u32)> + '_ {
        (0..self.len()).map_while(|k| self.get(k))
    }

    /// Shard `index` (1-based) of `count`: every `count`-th run of this
    /// plan, starting from the `index`-th. The `count` shards together hold
    /// every run once. Nothing is computed until a run is asked for.
    pub fn shard(&self, index: u64, count: u64) -> Result<Plan, FieldError> {
        if index == 0 || index > count {
            let reason = format!("{index}/{count} is not I/N with 1 <= I <= N");
            return Err(FieldError::new("shard", reason));
        }
        // Saturating: a start or step past u64::MAX is past every run too.
        Ok(Plan {
            start: (index - 1)
                .saturating_mul(self.step)
                .saturating_add(self.start),
            step: self.step.saturating_mul(count),
            ..self.clone()
        })
    }
}

/// Refuses to sweep the seed: each run's seed is the plan's, and would
/// silently replace the swept one.
fn sweepable(path: &str) -> Result<(), FieldError> {
    if path == "seed" {
        let reason = "a sweep sets each run's seed from its seed list; sweep another \
                      parameter, and choose the seeds with the list";
        return Err(FieldError::new(path, reason));
    }
    Ok(())
}

/// Runs one planned (value, seed) of a sweep of `path` over `base`.
pub fn run_planned(
    base: &Scenario,
    path: &str,
    (value, seed): (f64, u32),
    cap: f64,
) -> Result<RunResult, FieldError> {
    sweepable(path)?;
    let scenario = Scenario {
        seed,
        ..with_parameter(base, path, value)?
    };
    run_one(&scenario, value, cap)
}

/// Runs every planned (value, seed), results in the plan's order: in
/// parallel natively, one after another on wasm (where a Worker calls
/// `run_planned` itself for progress). A plan of more than [`MAX_RUNS`]
/// runs is refused before any runs: shard it.
pub fn run_all(
    base: &Scenario,
    path: &str,
    plan: &Plan,
    cap: f64,
) -> Result<Vec<RunResult>, FieldError> {
    let runs = plan.len();
    if runs > MAX_RUNS {
        let reason = format!(
            "{runs} runs is more than the limit of {MAX_RUNS} at once (their results are \
             held in memory until all are done); split the sweep into shards"
        );
        return Err(FieldError::new("runs", reason));
    }
    check_cap(cap)?;
    sweepable(path)?;
    // Each value of the plan checked once first (a value's runs are next
    // to each other), so the first bad one is named before any run.
    let mut last: Option<f64> = None;
    for (value, _) in plan.iter() {
        if last.is_none_or(|v| v.to_bits() != value.to_bits()) {
            with_parameter(base, path, value)?;
            last = Some(value);
        }
    }
    let run = |k: u64| {
        let planned = plan
            .get(k)
            .ok_or_else(|| FieldError::new("runs", format!("run {k} is not in the plan")))?;
        run_planned(base, path, planned, cap)
    };
    #[cfg(not(target_arch = "wasm32"))]
    {
        use rayon::prelude::*;
        // runs <= MAX_RUNS, so it fits usize.
        (0..runs as usize)
            .into_par_iter()
            .map(|k| run(k as u64))
            .collect()
    }
    #[cfg(target_arch = "wasm32")]
    {
        (0..runs).map(run).collect()
    }
}

/// Summaries per value, in the order values first appear. Values equal as
/// numbers share a summary (0 and -0 too); NaN values share one.
pub fn summarize(runs: &[RunResult]) -> Vec<PointSummary> {
    let key = |v: f64| match v {
        0.0 => 0,
        v if v.is_nan() => f64::NAN.to_bits(),
        v => v.to_bits(),
    };
    // Grouped in one pass, so many values cost no more than many runs.
    let mut index: std::collections::HashMap<u64, usize> = Default::default();
    let mut groups: Vec<(f64, Vec<&RunResult>)> = Vec::new();
    for r in runs {
        let i = *index.entry(key(r.value)).or_insert_with(|| {
            groups.push((r.value, Vec::new()));
            groups.len() - 1
        });
        groups[i].1.push(r);
    }
    groups
        .into_iter()
        .map(|(value, group)| {
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

    /// The plan as it was built before plans streamed: every run, in order.
    fn listed(values: &[f64], first_seed: u32, seeds: u32) -> Vec<(f64, u32)> {
        values
            .iter()
            .flat_map(|&v| (0..seeds).map(move |s| (v, first_seed.wrapping_add(s))))
            .collect()
    }

    #[test]
    fn a_plan_lists_value_by_value_seeds_in_order() {
        for (values, first, seeds) in [
            (&[1.0, 2.0][..], 10, 3),
            (&[0.5], 0, 1),
            (&[3.0, 1.0, 2.0], u32::MAX - 1, 4),
            (&[], 5, 9),
            (&[7.0], 5, 0),
        ] {
            let plan = plan(values, first, seeds).unwrap();
            let whole = listed(values, first, seeds);
            assert_eq!(plan.len(), whole.len() as u64);
            assert_eq!(plan.iter().collect::<Vec<_>>(), whole);
            assert_eq!(plan.get(plan.len()), None);
        }
    }

    #[test]
    fn shards_partition_the_plan() {
        let plan = plan(&[1.0, 2.0], 10, 3).unwrap();
        let whole = listed(&[1.0, 2.0], 10, 3);
        assert_eq!(plan.len(), 6);
        for count in 1..=8 {
            let mut joined = Vec::new();
            for i in 1..=count {
                let shard = plan.shard(i, count).unwrap();
                let runs: Vec<_> = shard.iter().collect();
                // Every count-th run from the i-th, as the old slices were.
                let expected: Vec<_> = whole
                    .iter()
                    .skip(i as usize - 1)
                    .step_by(count as usize)
                    .copied()
                    .collect();
                assert_eq!(runs, expected, "shard {i}/{count}");
                assert_eq!(shard.len(), runs.len() as u64);
                joined.extend(runs);
            }
            joined.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
            assert_eq!(joined, whole);
        }
        assert!(plan.shard(0, 3).is_err());
        assert!(plan.shard(4, 3).is_err());
        // A shard of a shard is every (n m)-th run.
        let nested: Vec<_> = plan
            .shard(2, 2)
            .unwrap()
            .shard(1, 2)
            .unwrap()
            .iter()
            .collect();
        assert_eq!(nested, [(1.0, 11), (2.0, 12)]);
    }

    #[test]
    fn a_huge_plan_costs_nothing_until_a_run_is_asked_for() {
        let plan = plan(&[1.0, 2.0], 1, u32::MAX).unwrap();
        assert_eq!(plan.len(), 2 * u32::MAX as u64);
        let last = plan.shard(u64::MAX, u64::MAX).unwrap();
        assert_eq!(last.len(), 0);
        let one = plan.shard(2 * u32::MAX as u64, u64::MAX).unwrap();
        assert_eq!(one.iter().collect::<Vec<_>>(), [(2.0, u32::MAX)]);
        let big = plan.shard(1, 3).unwrap();
        assert_eq!(big.len(), (2 * u32::MAX as u64).div_ceil(3));
        assert_eq!(big.get(1), Some((1.0, 4)));
        let base = Scenario::default();
        let refused = run_all(&base, "eps", &big, 10.0).unwrap_err();
        assert_eq!(refused.field, "runs");
        assert!(refused.reason.contains("limit of 1000000"), "{refused}");
    }

    #[test]
    fn sweeps_refuse_the_seed_bad_caps_and_values_before_running() {
        let base = Scenario::default();
        let p = plan(&[3.0], 1, 2).unwrap();
        let e = run_all(&base, "seed", &p, 10.0).unwrap_err();
        assert_eq!(e.field, "seed");
        for cap in [f64::NAN, f64::INFINITY, 0.0, -1.0, 2e6] {
            let e = run_all(&base, "eps", &p, cap).unwrap_err();
            assert_eq!(e.field, "cap", "{cap}: {e}");
        }
        for value in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
            let e = with_parameter(&base, "eps", value).unwrap_err();
            assert_eq!(
                e.to_string(),
                format!("eps: {value} is not a finite number")
            );
        }
        let e = with_parameter(&base, "firms", 1e300).unwrap_err();
        assert_eq!(e.to_string(), "firms: 1e300 is outside [2, 20000]");
    }

    #[test]
    fn summaries_group_equal_values_and_survive_nan() {
        let run = |value: f64, time| RunResult {
            value,
            seed: 0,
            synced: true,
            time,
            offset: Some(0.0),
            converged: true,
            final_bursts: 1,
        };
        let s = summarize(&[
            run(f64::NAN, 1.0),
            run(0.0, 2.0),
            run(f64::NAN, 3.0),
            run(-0.0, 4.0),
            run(1.0, 5.0),
        ]);
        assert_eq!(s.len(), 3);
        assert!(s[0].value.is_nan() && s[0].runs == 2 && s[0].mean_time == 2.0);
        assert_eq!((s[1].value, s[1].runs, s[1].mean_time), (0.0, 2, 3.0));
        assert_eq!((s[2].value, s[2].runs), (1.0, 1));
        assert!(summarize(&[]).is_empty());
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
