//! Invariants of the dynamics, by property test over random networks,
//! couplings and phases.

mod common;
use common::{complete, engine, instant};
use lockstep::model::dynamics::StateFunction;
use lockstep::network::Network;
use lockstep::seeded::{Seeded, Stream};
use proptest::prelude::*;

fn random_network(n: usize, p: f64, seed: u32) -> Network {
    let mut rng = Seeded::new(seed, Stream::Network);
    let mut ties = Vec::new();
    for a in 0..n as u32 {
        for b in a + 1..n as u32 {
            if rng.unit() < p {
                ties.push((a, b, 0.2 + 0.8 * rng.unit()));
            }
        }
    }
    Network::from_ties(n, ties, vec![]).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_pulse_never_moves_a_phase_backwards(b in -6.0f64..6.0, s in 0.0f64..1.0, phi in 0.0f64..1.0) {
        let state = StateFunction::new(b);
        prop_assert!(state.pulse(s).apply(phi) >= phi);
    }

    #[test]
    fn phases_stay_in_the_unit_interval_and_pulses_only_advance_them(
        n in 2usize..30, p in 0.05f64..1.0, seed in 0u32..1000,
        eps in 0.0f64..0.3, b in -3.0f64..6.0,
    ) {
        let net = random_network(n, p, seed);
        let mut rng = Seeded::new(seed, Stream::Phases);
        let mut e = engine(net, eps, b, (0..n).map(|_| rng.unit()).collect());
        for _ in 0..300 {
            let t = e.next_release_time();
            let before: Vec<f64> = (0..n as u32).map(|i| e.phase_at(i, t)).collect();
            let fired = instant(&mut e);
            for i in 0..n as u32 {
                let now = e.phase(i);
                prop_assert!((0.0..1.0).contains(&now), "firm {} at phase {}", i, now);
                if !fired.iter().any(|r| r.firm == i) {
                    prop_assert!(now >= before[i as usize], "firm {} moved back", i);
                }
            }
        }
    }

    #[test]
    fn firms_that_release_together_release_together_forever(
        n in 3usize..40, seed in 0u32..1000, eps in 0.005f64..0.2, b in 0.5f64..5.0,
    ) {
        let mut rng = Seeded::new(seed, Stream::Phases);
        let mut e = engine(complete(n), eps, b, (0..n).map(|_| rng.unit()).collect());
        // together[i] is the lowest firm that ever released with firm i.
        let mut together: Vec<u32> = (0..n as u32).collect();
        for _ in 0..400 {
            let fired: Vec<u32> = instant(&mut e).iter().map(|r| r.firm).collect();
            for &i in &fired {
                let partner = together[i as usize];
                prop_assert!(partner == i || fired.contains(&partner),
                    "firm {} released without firm {}", i, partner);
            }
            let lowest = *fired.iter().min().unwrap();
            for &i in &fired {
                together[i as usize] = together[i as usize].min(together[lowest as usize]).min(lowest);
            }
        }
    }
}
