//! Regression: firms at the same phase in exact arithmetic, having had the
//! same total pulse by different routes (one w = 1 pulse against two
//! w = 0.5 pulses), were due a rounding step (1.1e-16) apart. The engine ran
//! two instants, and a firm absorbed in the second pulsed a firm that had
//! released in the first. Found by the oracle of tests/oracle.rs.

mod common;
use common::instant;
use lockstep::Engine;
use lockstep::model::engine::Setup;
use lockstep::network::Network;

#[test]
fn firms_at_the_same_phase_release_in_one_instant() {
    let ties = [
        (2, 0, 1.0),
        (3, 1, 0.5),
        (4, 1, 0.5),
        (0, 5, 1.0),
        (1, 5, 1.0),
    ];
    let network = Network::from_ties(6, ties, vec![]).unwrap();
    let mut e = Engine::new(Setup {
        network,
        dissipation: 3.0,
        eps: 0.05,
        cycles: vec![1.0; 6],
        phases: vec![0.63, 0.63, 0.9, 0.9, 0.9, 0.55],
        one_pulse_per_event: false,
        coordination: None,
        slips: None,
    });
    let first: Vec<u32> = instant(&mut e).iter().map(|r| r.firm).collect();
    assert_eq!(first, vec![2, 3, 4]);
    let mut second: Vec<u32> = instant(&mut e).iter().map(|r| r.firm).collect();
    second.sort();
    assert_eq!(second, vec![0, 1, 5], "one instant for firms at one phase");
    let phases: Vec<f64> = (0..6).map(|i| e.phase(i)).collect();
    assert!(
        phases[..2].iter().chain(&phases[5..]).all(|&p| p == 0.0),
        "{phases:?}"
    );
}
