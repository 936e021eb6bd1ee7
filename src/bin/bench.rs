//! Engine throughput: release events and pulse deliveries per second on
//! Erdos-Renyi networks of 1,000 and 10,000 firms (mean degree 10).
//! `scripts/bench-wasm.mjs` prints the same figures for the wasm build.

use lockstep::{Mode, NetworkSpec, Scenario, Simulation};
use std::time::Instant;

fn main() {
    println!("build,firms,mean_degree,cycles,releases,pulses,seconds,releases_per_s,pulses_per_s");
    for (firms, cycles) in [(1_000, 200.0), (10_000, 40.0)] {
        let scenario = Scenario {
            firms,
            network: NetworkSpec::ErdosRenyi { mean_degree: 10.0 },
            // Weak coupling keeps firms apart, so every release is its own
            // event; reactive, so changes of the defaults leave it alone.
            eps: 0.001,
            mode: Mode::Reactive,
            ..Scenario::default()
        };
        let mut sim = Simulation::new(&scenario).expect("benchmark scenario");
        let start = Instant::now();
        sim.advance(cycles);
        let seconds = start.elapsed().as_secs_f64();
        let (releases, pulses) = (sim.engine().release_count(), sim.engine().pulse_count());
        println!(
            "native,{firms},10,{cycles},{releases},{pulses},{seconds:.3},{:.0},{:.0}",
            releases as f64 / seconds,
            pulses as f64 / seconds
        );
    }
}
