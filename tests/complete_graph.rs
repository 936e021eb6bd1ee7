//! Mirollo-Strogatz on the complete graph: almost every start synchronizes.

mod common;
use common::{complete, engine, engine_with, instant};
use lockstep::seeded::{Seeded, Stream};

fn random_phases(n: usize, seed: u32) -> Vec<f64> {
    let mut rng = Seeded::new(seed, Stream::Phases);
    (0..n).map(|_| rng.unit()).collect()
}

/// Runs until one instant holds every firm; returns (instants, time).
fn run_to_synchrony(e: &mut lockstep::Engine, n: usize, cap: f64) -> Option<(usize, f64)> {
    let mut instants = 0;
    while e.time() < cap {
        instants += 1;
        if instant(e).len() == n {
            return Some((instants, e.time()));
        }
    }
    None
}

#[test]
fn per_partner_pulses_synchronize_every_seed_and_it_lasts() {
    // Each release pulses all N - 1 others, so the total coupling is N eps:
    // on 100 firms one early cascade usually absorbs everyone.
    let n = 100;
    for eps in [0.01, 0.05] {
        for seed in 0..20 {
            let mut e = engine(complete(n), eps, 3.0, random_phases(n, seed));
            run_to_synchrony(&mut e, n, 200.0)
                .unwrap_or_else(|| panic!("eps {eps} seed {seed}: no synchrony"));
            for _ in 0..10 {
                assert_eq!(
                    instant(&mut e).len(),
                    n,
                    "eps {eps} seed {seed}: a release without every firm"
                );
            }
        }
    }
}

#[test]
fn mirollo_strogatz_one_pulse_per_event_synchronizes_every_seed_faster_with_more_coupling() {
    let n = 100;
    let mut mean_time = Vec::new();
    for eps in [0.01, 0.05] {
        let mut total = 0.0;
        for seed in 0..20 {
            let mut e = engine_with(complete(n), eps, 3.0, random_phases(n, seed), true);
            let (instants, time) = run_to_synchrony(&mut e, n, 500.0)
                .unwrap_or_else(|| panic!("eps {eps} seed {seed}: no synchrony"));
            assert!(
                instants > 10,
                "eps {eps} seed {seed}: groups form one absorption at a time"
            );
            for _ in 0..10 {
                assert_eq!(
                    instant(&mut e).len(),
                    n,
                    "eps {eps} seed {seed}: a release without every firm"
                );
            }
            total += time;
        }
        mean_time.push(total / 20.0);
    }
    assert!(
        mean_time[1] < mean_time[0] / 2.0,
        "mean time to synchrony by eps: {mean_time:?}"
    );
}

#[test]
fn without_coupling_phases_keep_their_differences() {
    let n = 30;
    let start = random_phases(n, 7);
    let mut e = engine(complete(n), 0.0, 3.0, start.clone());
    for _ in 0..5 * n {
        let fired = instant(&mut e);
        assert_eq!(fired.len(), 1, "no firm pulls another along");
    }
    // Five whole cycles later each firm is back where it started, relative to firm 0.
    let t = e.time();
    for i in 1..n as u32 {
        let then = (start[i as usize] - start[0]).rem_euclid(1.0);
        let now = (e.phase_at(i, t) - e.phase_at(0, t)).rem_euclid(1.0);
        assert!(
            (then - now).abs() < 1e-9,
            "firm {i}: {then} then, {now} now"
        );
    }
}
