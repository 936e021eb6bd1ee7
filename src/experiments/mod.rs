//! Experiments: ensembles of seeds over one or two swept parameters, for
//! one or more arms, with summaries and the sentences that state them.
//!
//! A run goes until synchrony is reached and held, or until the cap; runs
//! that never get there are kept and reported as censored. Every run is
//! deterministic from its scenario, so an experiment can be split into
//! shards (the command line, job arrays) or batches (the page's Workers)
//! and its rows joined: the same rows, the same summaries.

mod describe;
mod plan;
pub mod ready;
mod rows;
mod spec;
mod summary;

pub use describe::{Sentences, describe};
pub use plan::{Plan, Planned, plan};
pub use rows::{read_rows, summary_csv};
pub use spec::{Arm, ArmsOf, Axis, Experiment, ExperimentSpec, MAX_ARMS, MAX_VALUES};
pub use summary::{PointSummary, summarize};

use crate::engine::Engine;
use crate::error::FieldError;
use crate::measures::Bursts;
use crate::measures::{CONVERGED_OFFSET, Synchrony};
use crate::params::{self, Kind};
use crate::scenario::Scenario;
use crate::simulation::run_until_synchrony;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// One run of an ensemble.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunResult {
    /// The arm it ran in (0 when the experiment has one).
    #[serde(default)]
    pub arm: usize,
    pub value: f64,
    /// The second swept value, in a two-way grid.
    #[serde(default)]
    pub value2: Option<f64>,
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

/// Runs `scenario` until synchrony or `cap` cycles. Times and offsets are
/// kept to the 6 decimals a CSV row holds, so rows read back from a file
/// summarize exactly as the runs did.
pub fn run_one(scenario: &Scenario, value: f64, cap: f64) -> Result<RunResult, FieldError> {
    check_cap(cap)?;
    // The engine and its bursts alone: a run needs no frames, layout or
    // network statistics (the page's Simulation computes those).
    let built = scenario.build()?;
    let firms = built.setup.network.firm_count();
    let mut engine = Engine::new(built.setup);
    let mut bursts = Bursts::new(firms, scenario.delta, built.roadmap);
    let sync: Option<Synchrony> = run_until_synchrony(&mut engine, &mut bursts, cap);
    Ok(RunResult {
        arm: 0,
        value,
        value2: None,
        seed: scenario.seed,
        synced: sync.is_some(),
        time: six_decimals(sync.map_or(cap, |s| s.time)),
        offset: sync.map(|s| six_decimals(s.offset)),
        converged: sync.is_some_and(|s| s.offset <= CONVERGED_OFFSET),
        final_bursts: bursts.in_last_cycle(engine.time()),
    })
}

/// `x` as a CSV row writes it and reads it back.
fn six_decimals(x: f64) -> f64 {
    format!("{x:.6}").parse().unwrap_or(x)
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

/// Runs every run of `plan` (the whole experiment, or a shard of it),
/// results in the plan's order: in parallel natively, one after another on
/// wasm (where the page's Workers each run a batch). The experiment is
/// checked whole first, and a plan of more than [`MAX_RUNS`] runs is
/// refused before any run: shard it.
pub fn run_all(experiment: &Experiment, plan: &Plan) -> Result<Vec<RunResult>, FieldError> {
    let runs = plan.len();
    if runs > MAX_RUNS {
        let reason = format!(
            "{runs} runs is more than the limit of {MAX_RUNS} at once (their results are \
             held in memory until all are done); split the sweep into shards"
        );
        return Err(FieldError::new("runs", reason));
    }
    experiment.check()?;
    let run = |k: u64| {
        let planned = plan
            .get(k)
            .ok_or_else(|| FieldError::new("runs", format!("run {k} is not in the plan")))?;
        experiment.run(planned)
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

/// The columns every run row ends with.
pub const RUN_COLUMNS: &str = "seed,synced,time,offset,converged,final_bursts";

/// The CSV header of a one-arm, one-way sweep.
pub const CSV_HEADER: &str = "value,seed,synced,time,offset,converged,final_bursts";

/// A run of a one-arm, one-way sweep as a CSV row.
pub fn csv_row(r: &RunResult) -> String {
    format!("{},{}", r.value, run_columns(r))
}

/// A run's own columns ([`RUN_COLUMNS`]).
fn run_columns(r: &RunResult) -> String {
    let offset = r.offset.map_or(String::new(), |o| format!("{o:.6}"));
    format!(
        "{},{},{:.6},{},{},{}",
        r.seed, r.synced, r.time, offset, r.converged, r.final_bursts
    )
}

/// A CSV field, quoted when it holds a comma, quote or line break.
fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A plan's runs as (value, seed).
    fn pairs(plan: &Plan) -> Vec<(f64, u32)> {
        plan.iter().map(|p| (p.value, p.seed)).collect()
    }

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
            assert_eq!(pairs(&plan), whole);
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
                let runs = pairs(&shard);
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
        let nested = pairs(&plan.shard(2, 2).unwrap().shard(1, 2).unwrap());
        assert_eq!(nested, [(1.0, 11), (2.0, 12)]);
    }

    #[test]
    fn a_huge_plan_costs_nothing_until_a_run_is_asked_for() {
        let plan = plan(&[1.0, 2.0], 1, u32::MAX).unwrap();
        assert_eq!(plan.len(), 2 * u32::MAX as u64);
        let last = plan.shard(u64::MAX, u64::MAX).unwrap();
        assert_eq!(last.len(), 0);
        let one = plan.shard(2 * u32::MAX as u64, u64::MAX).unwrap();
        assert_eq!(pairs(&one), [(2.0, u32::MAX)]);
        let big = plan.shard(1, 3).unwrap();
        assert_eq!(big.len(), (2 * u32::MAX as u64).div_ceil(3));
        assert_eq!(big.get(1).map(|p| (p.value, p.seed)), Some((1.0, 4)));
        let experiment =
            Experiment::one_way(&Scenario::default(), "eps", &[1.0, 2.0], 1, u32::MAX, 10.0);
        let refused = run_all(&experiment, &big).unwrap_err();
        assert_eq!(refused.field, "runs");
        assert!(refused.reason.contains("limit of 1000000"), "{refused}");
    }

    #[test]
    fn sweeps_refuse_the_seed_bad_caps_and_values_before_running() {
        let base = Scenario::default();
        let sweep = |path: &str, cap: f64| Experiment::one_way(&base, path, &[3.0], 1, 2, cap);
        let p = plan(&[3.0], 1, 2).unwrap();
        let e = run_all(&sweep("seed", 10.0), &p).unwrap_err();
        assert_eq!(e.field, "x.path");
        for cap in [f64::NAN, f64::INFINITY, 0.0, -1.0, 2e6] {
            let e = run_all(&sweep("eps", cap), &p).unwrap_err();
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
        assert_eq!(
            e.to_string(),
            format!("firms: 1e300 is outside [2, {}]", crate::network::MAX_FIRMS)
        );
    }

    #[test]
    fn two_panes_with_one_label_are_told_apart() {
        let spec = ExperimentSpec {
            arms: ArmsOf::Panes,
            x: Axis {
                path: "eps".into(),
                values: vec![0.1],
            },
            y: None,
            seeds: 1,
            first_seed: 1,
            cap: 10.0,
            ready: None,
        };
        let labels = |panes: &[(Option<String>, Scenario)]| -> Vec<String> {
            let experiment = spec.resolve(panes).unwrap();
            experiment.arms.into_iter().map(|a| a.label).collect()
        };
        let dense = Scenario::default();
        let same = [(None, dense.clone()), (None, dense.clone())];
        assert_eq!(labels(&same), ["Dense (left)", "Dense (right)"]);
        let titled = [(Some("A".into()), dense.clone()), (None, dense.clone())];
        assert_eq!(labels(&titled), ["A", "Dense"]);
        assert_eq!(labels(&same[..1]), ["Dense"]);
    }

    #[test]
    fn summaries_group_equal_values_and_survive_nan() {
        let run = |value: f64, time| RunResult {
            arm: 0,
            value,
            value2: None,
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
        // Values ascend; NaN sorts last.
        assert_eq!(s.len(), 3);
        assert_eq!((s[0].value, s[0].runs, s[0].mean_time), (0.0, 2, 3.0));
        assert_eq!((s[1].value, s[1].runs), (1.0, 1));
        assert!(s[2].value.is_nan() && s[2].runs == 2 && s[2].mean_time == 2.0);
        assert!(summarize(&[]).is_empty());
    }

    #[test]
    fn censored_runs_count_at_the_cap_and_push_the_median() {
        let run = |synced, time| RunResult {
            arm: 0,
            value: 1.0,
            value2: None,
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
