//! Shared builders for the specification tests.
#![allow(dead_code)]

#[cfg(feature = "cli")]
pub mod cli;
pub mod digest;

use lockstep::model::engine::Setup;
use lockstep::network::Network;
use lockstep::{Engine, Release};

/// An engine on `network` with the given phases, period 1, no coordination.
pub fn engine(network: Network, eps: f64, b: f64, phases: Vec<f64>) -> Engine {
    engine_with(network, eps, b, phases, false)
}

/// As [`engine`], choosing Mirollo-Strogatz's one-pulse-per-event variant.
pub fn engine_with(
    network: Network,
    eps: f64,
    b: f64,
    phases: Vec<f64>,
    one_pulse_per_event: bool,
) -> Engine {
    let n = network.firm_count();
    Engine::new(Setup {
        network,
        dissipation: b,
        eps,
        cycles: vec![1.0; n],
        phases,
        one_pulse_per_event,
        coordination: None,
        slips: None,
    })
}

pub fn complete(n: usize) -> Network {
    let ties = (0..n as u32).flat_map(|a| (a + 1..n as u32).map(move |b| (a, b, 1.0)));
    Network::from_ties(n, ties, vec![]).unwrap()
}

pub fn pair() -> Network {
    complete(2)
}

/// Runs one instant and returns its releases.
pub fn instant(engine: &mut Engine) -> Vec<Release> {
    let mut out = Vec::new();
    engine.run_instant(&mut |r| out.push(r));
    out
}
