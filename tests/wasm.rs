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

/// A value as the page hands it over: a plain JS object.
fn js<T: serde::Serialize>(value: &T) -> JsValue {
    js_sys::JSON::parse(&serde_json::to_string(value).unwrap()).unwrap()
}

#[wasm_bindgen_test]
fn the_core_gives_the_native_digest() {
    assert_eq!(
        lockstep::release_digest(&digest_scenario().check().unwrap(), 1000).unwrap(),
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
    let error: JsValue = Simulation::new(scenario).err().expect("refused");
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

// ---------------------------------------------------------------------------
// Share by link (issue 5): a link made natively opens in the browser with
// the same releases; import and export cross the facade.

fn thrown_message(error: JsValue) -> String {
    String::from(js_sys::Error::from(error).message())
}

#[wasm_bindgen_test]
fn a_link_opens_in_the_browser_with_the_native_digest() {
    use lockstep::share::{Pane, SharedState};
    let state = SharedState {
        panes: vec![Pane {
            scenario: digest_scenario(),
            ..Pane::default()
        }],
        ..SharedState::default()
    };
    let link = lockstep::wasm::encode_share(js(&state)).unwrap();
    assert_eq!(
        link,
        lockstep::share::link::encode(&state).unwrap(),
        "the same link"
    );
    let decoded = lockstep::wasm::decode_share(&format!("#{link}")).unwrap();
    let scenario = js_sys::Reflect::get(&decoded, &"state".into())
        .and_then(|s| js_sys::Reflect::get(&s, &"panes".into()))
        .and_then(|p| js_sys::Reflect::get(&p, &0.into()))
        .and_then(|p| js_sys::Reflect::get(&p, &"scenario".into()))
        .unwrap();
    let hex = scenario_digest(scenario, 1000).unwrap();
    assert_eq!(hex, format!("{DIGEST_1000:016x}"));
}

#[wasm_bindgen_test]
fn a_bad_link_or_csv_throws_a_message_naming_the_field_or_line() {
    let error = lockstep::wasm::decode_share("v=9").unwrap_err();
    assert!(thrown_message(error.clone()).starts_with("v: made by a newer Lockstep"));
    let field = js_sys::Reflect::get(&error, &"field".into()).unwrap();
    assert_eq!(field.as_string().as_deref(), Some("v"));
    let error = lockstep::wasm::import_edge_list(default_scenario().unwrap(), "A,B\nB,B\n", None)
        .unwrap_err();
    assert_eq!(
        thrown_message(error.clone()),
        "line 2: self-loop: firm B tied to itself"
    );
    let line = js_sys::Reflect::get(&error, &"line".into()).unwrap();
    assert_eq!(line.as_f64(), Some(2.0));
}

#[wasm_bindgen_test]
fn an_imported_network_runs_with_firm_names_and_exports_back() {
    let scenario = lockstep::wasm::import_edge_list(
        default_scenario().unwrap(),
        "Acme,Bolt\nBolt,Core,0.5\nCore,Acme\n",
        Some("firm,coordinator\nAcme,1\n".into()),
    )
    .unwrap();
    let sim = Simulation::new(scenario.clone()).unwrap();
    assert_eq!(sim.firm_names().unwrap(), ["Acme", "Bolt", "Core"]);
    assert_eq!(sim.coordinators(), [0]);
    let csv = lockstep::wasm::network_csv(scenario).unwrap();
    let ties = js_sys::Reflect::get(&csv, &"ties".into()).unwrap();
    assert_eq!(
        ties.as_string().unwrap(),
        "source,target,weight\nAcme,Bolt,1\nBolt,Core,0.5\nCore,Acme,1\n"
    );
}

#[wasm_bindgen_test]
fn a_force_layout_steps_through_the_facade() {
    let ties: Vec<u32> = (0..50u32).flat_map(|i| [i, (i + 1) % 50]).collect();
    let mut layout = lockstep::wasm::ForceLayout::new(50, &ties, 9).unwrap();
    assert!(!layout.placed());
    while !layout.step() {}
    assert!(layout.placed() && layout.done());
    let core = lockstep::layout::ForceLayout::new(50, &ties, 9)
        .unwrap()
        .finish();
    assert_eq!(layout.positions(), lockstep::layout::as_f32(&core));
    let error = lockstep::wasm::ForceLayout::new(3, &[0, 5], 1)
        .err()
        .unwrap();
    assert_eq!(
        thrown_message(error),
        "ties: firm 5 is not one of the 3 firms"
    );
}
