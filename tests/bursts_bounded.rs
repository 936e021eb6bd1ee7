//! The burst tracker's memory is bounded at any run length: it keeps the
//! burst starts of the last cycle (for `bursts_last_cycle`) and the count of
//! the current run of complete bursts (for synchrony), nothing older. A run
//! capped at a million cycles, or a page left open for days, must not grow.

use lockstep::{Mode, NetworkSpec, Scenario, Simulation};

const CYCLES: f64 = 20_000.0;

fn small(eps: f64) -> Scenario {
    Scenario {
        seed: 3,
        firms: 20,
        mode: Mode::Reactive,
        network: NetworkSpec::ErdosRenyi { mean_degree: 6.0 },
        eps,
        ..Scenario::default()
    }
}

#[test]
fn a_long_run_that_never_synchronizes_keeps_one_cycle_of_bursts() {
    // No coupling: the firms keep their own rhythms to the cap.
    let mut sim = Simulation::new(&small(0.0)).unwrap();
    assert_eq!(sim.run_until_synchrony(CYCLES), None);
    assert_eq!(sim.time(), CYCLES);
    // 20 firms release once a cycle each: at most 20 bursts in a cycle.
    assert!(sim.stored_bursts() <= 21, "{} stored", sim.stored_bursts());
    let alive = sim.bursts_last_cycle();
    assert!((2..=20).contains(&alive), "{alive} rhythms alive");
}

#[test]
fn a_pane_in_step_for_many_cycles_keeps_a_bounded_tracker() {
    let mut sim = Simulation::new(&Scenario {
        network: NetworkSpec::Complete,
        ..small(0.3)
    })
    .unwrap();
    let mut most = 0;
    // In frames, as the page advances it.
    while sim.time() < CYCLES {
        sim.advance(7.3);
        most = most.max(sim.stored_bursts());
    }
    let sync = sim
        .synchrony()
        .expect("a complete graph with eps 0.3 syncs");
    assert!(sync.time < 100.0, "{sync:?}");
    // In step: one burst a cycle, so the last cycle holds one or two.
    assert!(sim.stored_bursts() <= 2, "{} stored", sim.stored_bursts());
    assert!(most <= 21, "at most {most} stored on the way");
    assert_eq!(sim.bursts_last_cycle(), 1);
}

#[test]
fn the_measures_of_a_long_run_equal_those_of_its_frames() {
    // The batch path (never asks for the last cycle's bursts until the end)
    // and the live path (asks every frame) agree after trimming.
    let scenario = small(0.0);
    let mut batch = Simulation::new(&scenario).unwrap();
    batch.run_until_synchrony(2_000.0);
    let mut live = Simulation::new(&scenario).unwrap();
    while live.time() < 2_000.0 {
        live.advance(0.5); // dyadic: the clock lands on 2000 exactly
        live.bursts_last_cycle();
    }
    assert_eq!(batch.time(), live.time());
    assert_eq!(batch.bursts_last_cycle(), live.bursts_last_cycle());
    assert_eq!(batch.stored_bursts(), live.stored_bursts());
}
