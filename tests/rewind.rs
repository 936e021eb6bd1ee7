//! Any moment, reached again: sending a run to a moment (back or forward,
//! after any frames and any other moments) gives exactly the state a
//! straight run from the start reaches there: phases, releases, measures,
//! the r(t) samples, the raster's releases and the events known by then.
//! And what a run keeps to go back stays within its bounds.

use lockstep::simulation::{HISTORY_CYCLES, MAX_MOMENT, REWIND_BYTES};
use lockstep::{Mode, NetworkSpec, Scenario, Simulation};
use proptest::prelude::*;

fn network() -> impl Strategy<Value = NetworkSpec> {
    prop_oneof![
        (4.0f64..12.0).prop_map(|d| NetworkSpec::ErdosRenyi { mean_degree: d }),
        (2usize..5, 0.0f64..0.3).prop_map(|(groups, between_share)| {
            NetworkSpec::PlantedPartition {
                groups,
                mean_degree: 6.0,
                between_share,
            }
        }),
        Just(NetworkSpec::Complete),
        (1usize..4).prop_map(|k| NetworkSpec::RingLattice { degree: 2 * k }),
    ]
}

fn scenario() -> impl Strategy<Value = Scenario> {
    (
        0u32..10_000,
        16usize..80,
        network(),
        0.01f64..0.2,
        prop_oneof![
            Just(Mode::Reactive),
            Just(Mode::Planned),
            Just(Mode::Hybrid)
        ],
        prop_oneof![Just(0.0), 0.0f64..0.1],
        prop_oneof![Just(0.0), 0.0f64..0.3],
        any::<bool>(),
    )
        .prop_map(
            |(seed, firms, network, eps, mode, slips, cycle_spread, one)| Scenario {
                seed,
                firms,
                network,
                eps,
                mode,
                coordinators: 3,
                slips,
                cycle_spread,
                one_pulse_per_event: one,
                ..Scenario::default()
            },
        )
}

/// A straight run from the start to `t`, in one go.
fn straight(scenario: &Scenario, t: f64) -> Simulation {
    let mut sim = Simulation::new(scenario).unwrap();
    sim.advance_to_with(t, &mut |_| {});
    sim
}

/// What a person does with the timeline: plays a few frames, goes back or
/// forward to a moment, plays again...
#[derive(Clone, Debug)]
enum Move {
    Play(f64),
    Seek(f64),
}

fn moves() -> impl Strategy<Value = Vec<Move>> {
    let one = prop_oneof![
        (0.001f64..3.0).prop_map(Move::Play),
        (0.0f64..40.0).prop_map(Move::Seek),
    ];
    proptest::collection::vec(one, 1..8)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn a_moment_reached_by_any_path_is_the_moment_a_straight_run_reaches(
        scenario in scenario(),
        moves in moves(),
        last in 0.0f64..40.0,
    ) {
        let mut sim = Simulation::new(&scenario).unwrap();
        for m in &moves {
            match *m {
                Move::Play(dt) => {
                    sim.advance(dt);
                }
                Move::Seek(t) => sim.seek(t).unwrap(),
            }
        }
        sim.seek(last).unwrap();
        prop_assert_eq!(sim.moment(), straight(&scenario, last).moment());
        // And playing on from it is the same run.
        sim.advance(1.5);
        let on = sim.time();
        prop_assert_eq!(sim.moment(), straight(&scenario, on).moment());
    }
}

#[test]
fn frames_of_any_length_reach_the_moment_of_one_straight_run() {
    let scenario = Scenario {
        seed: 7,
        ..Scenario::default()
    };
    let mut frames = Simulation::new(&scenario).unwrap();
    let mut k = 0;
    while frames.time() < 12.0 {
        k += 1;
        frames.advance(0.003 * (k % 11) as f64 + 0.001);
    }
    let t = frames.time();
    assert_eq!(frames.moment(), straight(&scenario, t).moment());
}

#[test]
fn a_moment_states_the_measures_and_what_the_charts_show() {
    let mut sim = straight(&Scenario::default(), 30.0);
    let m = sim.moment();
    assert_eq!(m.time, 30.0);
    let names: Vec<&str> = m.readings.0.iter().map(|(name, _)| *name).collect();
    for name in ["time", "r", "bursts", "releases", "syncTime", "roadmap"] {
        assert!(names.contains(&name), "{name} in {names:?}");
    }
    // Of the run's path, not the moment: left out.
    for name in ["recentReleases", "reached", "events", "history"] {
        assert!(!names.contains(&name), "{name} in {names:?}");
    }
    // 60 firms: r at 64 grid times a cycle, from 0 to 30.
    assert_eq!(m.trace.count, 30 * 64 + 1);
    // 60 firms release about once a cycle: about 8 cycles of releases.
    let window = (60.0 * HISTORY_CYCLES) as usize;
    assert!((window / 2..window * 2).contains(&m.history.count), "{m:?}");
    // The default is hybrid: its coordinators release together every cycle.
    let joint = m
        .events
        .iter()
        .filter(|e| matches!(e, lockstep::simulation::Event::Joint { .. }));
    assert!((25..=31).contains(&joint.count()));
}

#[test]
fn going_back_past_what_the_history_keeps_rebuilds_it_exactly() {
    // 20 firms: the history keeps about 256 cycles of their releases, so a
    // run of 700 has dropped its start; going back rebuilds it.
    let scenario = Scenario {
        firms: 20,
        mode: Mode::Reactive,
        network: NetworkSpec::ErdosRenyi { mean_degree: 4.0 },
        eps: 0.0,
        ..Scenario::default()
    };
    let mut sim = Simulation::new(&scenario).unwrap();
    sim.advance(700.0);
    for t in [3.0, 650.0, 120.5, 699.0, 0.0, 404.25] {
        sim.seek(t).unwrap();
        assert_eq!(sim.moment(), straight(&scenario, t).moment(), "at {t}");
    }
}

#[test]
fn scrubbing_back_and_forth_keeps_memory_within_its_bound() {
    // 2,000 firms: a checkpoint is about 140 KB, so the budget holds about
    // 240 of them; a run of 300 cycles has thinned its older ones.
    let scenario = Scenario {
        seed: 4,
        firms: 2000,
        mode: Mode::Reactive,
        network: NetworkSpec::ErdosRenyi { mean_degree: 6.0 },
        eps: 0.0,
        ..Scenario::default()
    };
    let mut sim = Simulation::new(&scenario).unwrap();
    sim.advance(300.0);
    let after_run = sim.memory();
    assert!(after_run.checkpoints < 300, "thinned: {after_run:?}");
    let one = after_run.checkpoint_bytes / after_run.checkpoints;
    assert!(
        after_run.checkpoint_bytes <= REWIND_BYTES + one,
        "{after_run:?}"
    );
    for k in 0..100 {
        let t = if k % 2 == 0 {
            290.0 - k as f64
        } else {
            10.0 + k as f64 * 2.5
        };
        sim.seek(t).unwrap();
    }
    sim.seek(300.0).unwrap();
    assert_eq!(sim.memory(), after_run, "scrubbing keeps what it had");
    sim.seek(150.0).unwrap();
    assert_eq!(sim.moment(), straight(&scenario, 150.0).moment());
}

#[test]
fn a_moment_outside_the_run_is_refused_naming_t() {
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    for bad in [-1.0, f64::NAN, f64::INFINITY, MAX_MOMENT + 1.0] {
        let e = sim.seek(bad).unwrap_err();
        assert_eq!(e.field, "t", "{bad}");
    }
    assert_eq!(sim.time(), 0.0, "nothing moved");
}

#[test]
fn the_releases_of_a_run_are_replayed_as_they_came_and_the_run_stays_where_it_was() {
    let scenario = Scenario {
        seed: 11,
        ..Scenario::default()
    };
    let mut all = Vec::new();
    let mut straight = Simulation::new(&scenario).unwrap();
    straight.advance_with(25.0, &mut |r| all.push(r));
    let mut sim = Simulation::new(&scenario).unwrap();
    sim.advance(40.0);
    sim.seek(25.0).unwrap();
    let before = sim.moment();
    assert_eq!(sim.replay(0, 50), all[..50]);
    let last = all.len() as u64 - 100;
    assert_eq!(sim.replay(last, 100_000), all[all.len() - 100..]);
    assert_eq!(sim.moment(), before, "back at 25");
}
