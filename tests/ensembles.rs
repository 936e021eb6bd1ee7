//! An experiment's runs summarized as they come: added in batches, in any
//! order, asked for summaries between batches or only at the end, an
//! ensemble states the same summaries and sentences as the whole set of
//! runs; the page's tally writes the command line's bytes.

use lockstep::experiments::{
    Ensemble, Experiment, PointSummary, RunResult, Tally, describe, run_all, summarize, summary_csv,
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
        // A curve per arm: the runs at that value, the times of those in step.
        let at = at.unwrap_or(0.05);
        for (arm, curve) in view.curves.iter().enumerate() {
            let mine: Vec<&RunResult> = runs
                .iter()
                .filter(|r| r.arm == arm && r.value == at)
                .collect();
            assert_eq!(curve.runs, mine.len());
            let mut times: Vec<f64> = mine.iter().filter(|r| r.synced).map(|r| r.time).collect();
            times.sort_by(f64::total_cmp);
            assert_eq!(curve.times, times);
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
