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

/// A field of a plain JS object.
fn field(object: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(object, &name.into()).unwrap()
}

/// The channels the binding hands over: (name, type, ptr, length, count).
fn channels(sim: &Simulation) -> Vec<(String, String, u32, u32, Option<String>)> {
    let list: js_sys::Array = sim.channels().unwrap().into();
    list.iter()
        .map(|c| {
            (
                field(&c, "name").as_string().unwrap(),
                field(&c, "type").as_string().unwrap(),
                field(&c, "ptr").as_f64().unwrap() as u32,
                field(&c, "length").as_f64().unwrap() as u32,
                field(&c, "count").as_string(),
            )
        })
        .collect()
}

/// The measures of the last advance as JS reads them: a view on the
/// wasm memory at the `readings` channel, named by `readings()`.
fn measures(sim: &Simulation) -> Vec<(String, f64)> {
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().into();
    let (.., ptr, length, _) = channels(sim)
        .into_iter()
        .find(|c| c.0 == "readings")
        .unwrap();
    let view = js_sys::Float64Array::new_with_byte_offset_and_length(&memory.buffer(), ptr, length);
    let names: js_sys::Array = lockstep::wasm::readings().unwrap().into();
    names
        .iter()
        .map(|r| field(&r, "name").as_string().unwrap())
        .zip(view.to_vec())
        .collect()
}

fn measure(sim: &Simulation, name: &str) -> f64 {
    measures(sim)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap()
        .1
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
    assert!((measure(&sim, "time") - 2.0).abs() < 1e-12);
    let r = measure(&sim, "r");
    assert!((0.0..=1.0).contains(&r));
}

#[wasm_bindgen_test]
fn the_binding_hands_over_the_cores_channels_and_readings() {
    let scenario = default_scenario().unwrap();
    let mut sim = Simulation::new(scenario.clone()).unwrap();
    sim.advance(3.0);
    // The same run in the core, advanced and measured alike.
    let mut core = lockstep::Simulation::new(&lockstep::Scenario::default()).unwrap();
    core.advance(3.0);
    let taken = core.measure().to_vec();
    let listed: Vec<_> = core
        .channels()
        .iter()
        .map(|c| {
            let array = match c.elements {
                lockstep::simulation::Elements::F32(_) => "Float32Array",
                lockstep::simulation::Elements::F64(_) => "Float64Array",
                lockstep::simulation::Elements::U32(_) => "Uint32Array",
                lockstep::simulation::Elements::U8(_) => "Uint8Array",
            };
            (
                c.name.to_owned(),
                array.to_owned(),
                c.elements.len() as u32,
                c.count.map(String::from),
            )
        })
        .collect();
    let handed: Vec<_> = channels(&sim)
        .into_iter()
        .map(|(name, array, _, length, count)| (name, array, length, count))
        .collect();
    assert_eq!(handed, listed);
    // Each pointer is aligned, inside the memory, and views the run's own
    // buffer: the same phases and ties as the core's run.
    let memory: js_sys::WebAssembly::Memory = wasm_bindgen::memory().into();
    for (name, array, ptr, length, _) in channels(&sim) {
        let size = match array.as_str() {
            "Float64Array" => 8,
            "Uint8Array" => 1,
            _ => 4,
        };
        assert_eq!(ptr % size, 0, "aligned");
        let bytes = js_sys::ArrayBuffer::from(memory.buffer()).byte_length();
        assert!(ptr + length * size <= bytes, "inside the memory");
        let buffer = memory.buffer();
        match name.as_str() {
            "phases" => assert_eq!(
                js_sys::Float32Array::new_with_byte_offset_and_length(&buffer, ptr, length)
                    .to_vec(),
                core.phases()
            ),
            "ties" => assert_eq!(
                js_sys::Uint32Array::new_with_byte_offset_and_length(&buffer, ptr, length).to_vec(),
                core.ties()
            ),
            _ => {}
        }
    }
    let read = measures(&sim);
    let names: Vec<&str> = lockstep::simulation::READINGS
        .iter()
        .map(|r| r.name)
        .collect();
    assert_eq!(
        read.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>(),
        names
    );
    // NaN (absent) compares unequal: compare the bits.
    let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
    assert_eq!(
        bits(&read.iter().map(|r| r.1).collect::<Vec<_>>()),
        bits(&taken)
    );
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
