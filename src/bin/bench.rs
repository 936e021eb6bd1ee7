//! Engine throughput: pulse deliveries per second on Erdos-Renyi networks of
//! 1,000 to 1,000,000 firms (mean degree 10, eps 0.01, reactive), as one CSV
//! table. Only `advance` is timed, not building the network.
//! `scripts/bench-wasm.mjs` prints the same rows for the wasm build.
//!
//! `bench [FIRMS...]` runs only the given sizes (of the table's sizes).

use lockstep::{Mode, NetworkSpec, Scenario, Simulation};
use std::time::Instant;

/// Firms and cycles per row: 20 cycles at 10,000 and 100,000 firms (the
/// targets' setting), more at 1,000 firms and fewer at 1,000,000 so that no
/// timed advance takes more than a few seconds (0.6, 2.3, 22 and 24 million
/// pulses). Building a 1,000,000-firm simulation takes a second or two,
/// untimed.
const ROWS: [(usize, f64); 4] = [
    (1_000, 200.0),
    (10_000, 20.0),
    (100_000, 20.0),
    (1_000_000, 2.0),
];

fn main() {
    let only: Vec<usize> = std::env::args()
        .skip(1)
        .map(|a| a.parse().expect("bench [FIRMS...]"))
        .collect();
    println!("build,firms,mean_degree,cycles,releases,pulses,seconds,ns_per_pulse,pulses_per_s");
    for (firms, cycles) in ROWS {
        if !only.is_empty() && !only.contains(&firms) {
            continue;
        }
        let scenario = Scenario {
            firms,
            network: NetworkSpec::ErdosRenyi { mean_degree: 10.0 },
            eps: 0.01,
            // Reactive, so changes of the defaults leave it alone.
            mode: Mode::Reactive,
            ..Scenario::default()
        };
        let mut sim = Simulation::new(&scenario).expect("benchmark scenario");
        let start = Instant::now();
        sim.advance(cycles);
        let seconds = start.elapsed().as_secs_f64();
        let (releases, pulses) = (sim.engine().release_count(), sim.engine().pulse_count());
        println!(
            "native,{firms},10,{cycles},{releases},{pulses},{seconds:.3},{:.1},{:.0}",
            seconds * 1e9 / pulses as f64,
            pulses as f64 / seconds
        );
    }
}
