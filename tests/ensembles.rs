//! An experiment's runs summarized as they come: added in batches, in any
//! order, asked for summaries between batches or only at the end, an
//! ensemble states the same summaries and sentences as the whole set of
//! runs; the page's tally writes the command line's bytes.

use lockstep::experiments::{
    CURVE_STEPS, Ensemble, Experiment, PointSummary, RUN_FIELDS, RunResult, Tally, describe, pack,
    run_all, summarize, summary_csv, unpack,
};
use lockstep::{Mode, Scenario};
use proptest::prelude::*;

/// Summaries in a fixed order (arm, value, second value): the order of a
/// summary's arms is the order they first came, which batches change.
fn by_point(mut s: Vec<PointSummary>) -> Vec<PointSummary> {
    s.sort_by(|a, b| {
        (a.arm.cmp(&b.arm))
            .then(a.value.total_cmp(&b.value))
            .then(a.value2.unwrap_or(0.0).total_cmp(&b.value2.unwrap_or(0.0)))
    });
    s
}

/// Runs of up to 3 arms, 3 values (0 written as 0 and -0), 2 second
/// values, each seed once per point, times as rows hold them.
fn runs() -> impl Strategy<Value = Vec<RunResult>> {
    let run = (
        0..3usize,
        0..4usize,
        any::<bool>(),
        0..40u32,
        0..30_000_000u32,
        0..10u8,
    );
    prop::collection::vec(run, 1..120).prop_map(|picked| {
        let mut seen = std::collections::HashSet::new();
        picked
            .into_iter()
            .filter(|&(arm, v, grid, seed, ..)| seen.insert((arm, v.min(2), grid, seed)))
            .map(|(arm, v, grid, seed, micro, luck)| RunResult {
                arm,
                value: [0.05, 0.1, 0.0, -0.0][v],
                value2: Some(if grid { 3.0 } else { 1.0 }),
                seed,
                synced: luck < 8,
                time: if luck < 8 {
                    f64::from(micro) / 1e6
                } else {
                    30.0
                },
                offset: None,
                converged: luck < 4,
                final_bursts: 1,
            })
            .collect()
    })
}

/// The runs cut into batches at `cuts`, the batches shuffled.
fn batches() -> impl Strategy<Value = (Vec<RunResult>, Vec<Vec<RunResult>>)> {
    (
        runs(),
        prop::collection::vec(any::<prop::sample::Index>(), 0..8),
    )
        .prop_flat_map(|(runs, cuts)| {
            let mut at: Vec<usize> = cuts.iter().map(|c| c.index(runs.len() + 1)).collect();
            at.extend([0, runs.len()]);
            at.sort_unstable();
            at.dedup();
            let batches: Vec<Vec<RunResult>> =
                at.windows(2).map(|w| runs[w[0]..w[1]].to_vec()).collect();
            (Just(runs), Just(batches).prop_shuffle())
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn batches_in_any_order_summarize_as_the_whole((runs, batches) in batches(), ask in any::<bool>()) {
        let whole = by_point(summarize(&runs));
        let mut ensemble = Ensemble::new();
        let mut place = 0;
        for batch in &batches {
            for r in batch {
                ensemble.add(r, place);
                place += 1;
            }
            // Summaries asked for between batches are of the runs so far,
            // and do not stale the next ones.
            if ask {
                let so_far = ensemble.summaries();
                prop_assert_eq!(so_far.iter().map(|s| s.runs).sum::<usize>() as u64, place);
            }
        }
        prop_assert_eq!(ensemble.len(), runs.len() as u64);
        prop_assert_eq!(by_point(ensemble.summaries()), whole);
    }
}

/// A small experiment of three arms (one pane in each mode) over two values.
fn experiment() -> Experiment {
    let base = Scenario {
        firms: 20,
        mode: Mode::Hybrid,
        ..Scenario::default()
    };
    let mut e = Experiment::one_way(&base, "eps", &[0.05, 0.1], 1, 6, 40.0);
    e.arms = [Mode::Reactive, Mode::Planned, Mode::Hybrid]
        .into_iter()
        .map(|mode| lockstep::experiments::Arm {
            label: format!("{mode:?}"),
            scenario: Scenario {
                mode,
                ..base.clone()
            },
        })
        .collect();
    e
}

#[test]
fn the_pages_tally_states_and_writes_what_the_command_line_does() {
    let experiment = experiment();
    let runs = run_all(&experiment, &experiment.plan().unwrap()).unwrap();
    assert_eq!(runs.len(), 36);
    let summaries = summarize(&runs);
    let labels: Vec<String> = experiment.arms.iter().map(|a| a.label.clone()).collect();
    // Batches of 5 runs, the last first, as Workers may finish them.
    let mut tally = Tally::new(experiment.clone()).unwrap();
    let batches: Vec<(usize, &[RunResult])> = runs
        .chunks(5)
        .enumerate()
        .map(|(i, b)| (5 * i, b))
        .collect();
    for &(from, batch) in batches.iter().rev() {
        tally.add(from as u64, batch).unwrap();
    }
    assert_eq!(tally.len(), 36);
    let (rows, table) = tally.csv();
    assert_eq!(rows, experiment.csv(&runs));
    assert_eq!(table, summary_csv(&labels, false, &summaries));
    for at in [None, Some(0.1)] {
        let view = tally.view(at);
        assert_eq!(view.summaries, summaries);
        let said = describe(&experiment, &summaries, &Ensemble::of(&runs), at);
        assert_eq!(view.sentences, said);
        // A curve per arm: the runs at that value, and how many are in step
        // by each time one got in step.
        let at = at.unwrap_or(0.05);
        for (arm, curve) in view.curves.iter().enumerate() {
            let mine: Vec<&RunResult> = runs
                .iter()
                .filter(|r| r.arm == arm && r.value == at)
                .collect();
            assert_eq!(curve.runs, mine.len());
            let mut times: Vec<f64> = mine.iter().filter(|r| r.synced).map(|r| r.time).collect();
            times.sort_by(f64::total_cmp);
            times.dedup();
            let by = |t: f64| mine.iter().filter(|r| r.synced && r.time <= t).count();
            let steps: Vec<(f64, usize)> = times.iter().map(|&t| (t, by(t))).collect();
            assert_eq!(curve.steps, steps);
        }
    }
    // A batch given twice would count twice: refused, nothing added.
    let refused = tally.add(5, batches[1].1).unwrap_err();
    assert_eq!(refused.field, "runs");
    assert_eq!(tally.len(), 36);
}

#[test]
fn a_run_given_twice_is_found_at_its_second_copy() {
    let run = |seed, value| RunResult {
        arm: 0,
        value,
        value2: None,
        seed,
        synced: true,
        time: 1.0,
        offset: Some(0.0),
        converged: true,
        final_bursts: 1,
    };
    let mut ensemble = Ensemble::new();
    for (place, (seed, value)) in [(1, 0.1), (2, 0.1), (2, 0.2), (1, 0.1), (2, 0.1), (1, 0.1)]
        .into_iter()
        .enumerate()
    {
        ensemble.add(&run(seed, value), place as u64);
    }
    let twice = ensemble.twice().unwrap();
    assert_eq!((twice.seed, twice.value), (1, 0.1));
    assert_eq!((twice.first, twice.second), (0, 3));
    assert_eq!(Ensemble::of(&[run(1, 0.1), run(1, 0.2)]).twice(), None);
}

#[test]
fn a_curve_of_many_runs_is_drawn_from_a_thousand_of_its_steps() {
    let experiment = experiment();
    let mut tally = Tally::new(experiment).unwrap();
    // 30,000 runs of arm 0 at 0.05: times in 2,000 distinct values, a
    // tenth never in step.
    let runs: Vec<RunResult> = (0..30_000u32)
        .map(|seed| RunResult {
            arm: 0,
            value: 0.05,
            value2: None,
            seed,
            synced: seed % 10 != 0,
            time: if seed % 10 != 0 {
                f64::from(seed % 2000) / 100.0
            } else {
                40.0
            },
            offset: None,
            converged: false,
            final_bursts: 1,
        })
        .collect();
    tally.add(0, &runs).unwrap();
    let curve = &tally.view(None).curves[0];
    assert_eq!(curve.runs, 30_000);
    assert!(
        curve.steps.len() <= CURVE_STEPS,
        "{} steps",
        curve.steps.len()
    );
    assert!(
        curve.steps.len() > CURVE_STEPS / 2,
        "{} steps",
        curve.steps.len()
    );
    // Each step counts every run in step by its time; the last, all of them.
    for &(t, k) in &curve.steps {
        assert_eq!(
            k,
            runs.iter().filter(|r| r.synced && r.time <= t).count(),
            "at {t}"
        );
    }
    assert_eq!(curve.steps.last(), Some(&(19.99, 27_000)));
    assert!(
        curve
            .steps
            .windows(2)
            .all(|w| w[0].0 < w[1].0 && w[0].1 < w[1].1)
    );
}

#[test]
fn runs_cross_from_a_worker_packed_and_come_back_the_same() {
    let experiment = experiment();
    let runs = run_all(&experiment, &experiment.plan().unwrap()).unwrap();
    let packed = pack(&runs);
    assert_eq!(packed.len(), runs.len() * RUN_FIELDS);
    assert_eq!(unpack(&packed).unwrap(), runs);
    // Numbers no run has are refused, naming the run.
    for (at, bad) in [
        (4, 0.5),
        (0, -1.0),
        (3, 1.5),
        (5, f64::NAN),
        (8, f64::INFINITY),
    ] {
        let mut damaged = packed.clone();
        damaged[RUN_FIELDS + at] = bad;
        let e = unpack(&damaged).unwrap_err();
        assert_eq!(
            e.to_string(),
            "runs: run 1 of the batch: not a run's numbers"
        );
    }
    assert!(unpack(&packed[1..]).is_err(), "cut short");
}
