//! One scenario, one release sequence: the digest below is also asserted
//! by the wasm build (tests/wasm.rs), so native and browser agree bit for bit.

mod common;
use common::digest::{DIGEST_1000, digest_scenario};
use lockstep::{Scenario, release_digest};

#[test]
fn first_thousand_releases_have_a_fixed_digest() {
    let digest = release_digest(&digest_scenario().check().unwrap(), 1000).unwrap();
    assert_eq!(digest, DIGEST_1000, "digest {digest:#018x}");
}

#[test]
fn the_same_scenario_gives_the_same_releases_and_another_seed_does_not() {
    let a = release_digest(&digest_scenario().check().unwrap(), 500).unwrap();
    assert_eq!(
        a,
        release_digest(&digest_scenario().check().unwrap(), 500).unwrap()
    );
    let other = Scenario {
        seed: 2,
        ..digest_scenario()
    };
    assert_ne!(a, release_digest(&other.check().unwrap(), 500).unwrap());
}
