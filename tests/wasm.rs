//! The wasm build, run headless in Chromium: the same release digest as the
//! native tests (so both builds compute bit-identical runs), and a smoke
//! test of the JavaScript facade.
#![cfg(target_arch = "wasm32")]

mod common;
use common::digest::{DIGEST_1000, digest_scenario};
use lockstep::wasm::{Simulation, default_scenario, scenario_digest};
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn js(scenario: &lockstep::Scenario) -> JsValue {
    serde_wasm_bindgen::to_value(scenario).unwrap()
}

#[wasm_bindgen_test]
fn the_core_gives_the_native_digest() {
    assert_eq!(
        lockstep::release_digest(&digest_scenario(), 1000).unwrap(),
        DIGEST_1000
    );
}

#[wasm_bindgen_test]
fn the_facade_gives_the_native_digest() {
    let hex = scenario_digest(js(&digest_scenario()), 1000).unwrap();
    assert_eq!(hex, format!("{DIGEST_1000:016x}"));
}

#[wasm_bindgen_test]
fn a_simulation_runs_from_the_default_scenario() {
    let mut sim = Simulation::new(default_scenario().unwrap()).unwrap();
    let n = sim.firm_count() as usize;
    assert_eq!(n, 60);
    let releases = sim.advance(2.0);
    assert!(
        releases as usize >= n,
        "every firm releases in two cycles: {releases}"
    );
    assert!((sim.time() - 2.0).abs() < 1e-12);
    let r = sim.order_parameter();
    assert!((0.0..=1.0).contains(&r));
}

/// The message of the Error the constructor throws.
fn refusal(scenario: JsValue) -> String {
    let error: JsValue = Simulation::new(scenario).err().expect("refused").into();
    String::from(js_sys::Error::from(error).message())
}

#[wasm_bindgen_test]
fn a_bad_scenario_is_refused_with_the_field_named() {
    let bad = lockstep::Scenario {
        eps: 3.0,
        ..Default::default()
    };
    assert_eq!(refusal(js(&bad)), "eps: 3 is outside [0, 1]");
    let unknown = js_sys::JSON::parse(r#"{"firms": 10, "speed": 2}"#).unwrap();
    assert!(
        refusal(unknown).contains("unknown field `speed`"),
        "a misspelt field is reported"
    );
    let partial = js_sys::JSON::parse(r#"{"firms": 10}"#).unwrap();
    assert_eq!(
        Simulation::new(partial).unwrap().firm_count(),
        10,
        "missing fields take defaults"
    );
}
