//! Experiments: ensembles of seeds over one or two swept parameters, for
//! one or more arms, with summaries and the sentences that state them.
//!
//! A run goes until synchrony is reached and held, or until the cap; runs
//! that never get there are kept and reported as censored. Every run is
//! deterministic from its scenario, so an experiment can be split into
//! shards (the command line, job arrays) or batches (the page's Workers)
//! and its rows joined: the same rows, the same summaries.

mod describe;
mod ensemble;
mod plan;
pub mod ready;
mod rows;
mod run;
mod spec;
mod summary;
mod tally;

pub use describe::{Sentences, describe};
pub use ensemble::{Ensemble, Twice, summarize};
pub use plan::{Plan, Planned, plan};
pub use rows::{RowReader, summary_csv};
pub use run::{
    CSV_HEADER, DEFAULT_CAP, MAX_CAP, MAX_RUNS, RUN_COLUMNS, RunResult, check_cap, csv_row,
    run_one, with_parameter,
};
pub use spec::{Arm, ArmsOf, Axis, Experiment, ExperimentSpec, MAX_ARMS, MAX_VALUES, name_ok};
pub use summary::PointSummary;
pub use tally::{Curve, Tally, View};

use crate::error::FieldError;

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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::scenario::Scenario;

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

    #[test]
    fn the_tables_sweepable_flag_is_what_an_experiment_sweeps() {
        use crate::scenario::params::PARAMS;
        // The default scenario's network (Erdos-Renyi) has these knobs.
        for p in PARAMS.iter().filter(|p| p.applies_to("erdosRenyi")) {
            let value = match Scenario::default_value(p) {
                serde_json::Value::Bool(b) => f64::from(u8::from(b)),
                v => v.as_f64().unwrap_or(1.0),
            };
            let experiment =
                Experiment::one_way(&Scenario::default(), p.path, &[value], 1, 1, DEFAULT_CAP);
            let checked = experiment.check();
            assert_eq!(checked.is_ok(), p.sweepable(), "{}: {checked:?}", p.path);
        }
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
