//! The fixed scenario whose release digest native and wasm tests assert.

use lockstep::{NetworkSpec, Scenario};

/// The fixed scenario of the digest: ties of mixed strength, a cascade-prone
/// coupling, and every transcendental function on the path.
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
        intense_share: 0.5,
        ..Scenario::default()
    }
}

pub const DIGEST_1000: u64 = 0xe280_7096_dd99_afd5;
