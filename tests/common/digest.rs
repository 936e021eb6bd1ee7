//! The fixed scenario whose release digest native and wasm tests assert.

use lockstep::{Choice, Mode, NetworkSpec, Reach, Scenario};

/// The fixed scenario of the digest: every field written out, and every
/// mechanism on the path (ties of mixed strength, cascades, locked
/// coordinators with a signal, slips drawn with ln/cos, spread cycles).
pub fn digest_scenario() -> Scenario {
    Scenario {
        seed: 20130501,
        firms: 80,
        network: NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 8.0,
            between_share: 0.1,
        },
        eps: 0.04,
        dissipation: 3.0,
        mode: Mode::Hybrid,
        coordinators: 4,
        choice: Choice::Random,
        chosen: vec![],
        responsiveness: 0.2,
        eps_signal: 0.3,
        reach: Reach::TwoHops,
        intense_share: 0.5,
        arms_length: 0.4,
        slips: 0.05,
        cycle_spread: 0.1,
        one_pulse_per_event: false,
        delta: 0.02,
    }
}

pub const DIGEST_1000: u64 = 0x6f56_96c5_9564_35a9;
