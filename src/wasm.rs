//! The one binding to JavaScript. It converts; it does not compute.
//!
//! Per-frame data crosses without copies: JS builds typed-array views on
//! `memory.buffer` at the pointers returned here (and rebuilds them when
//! memory grows). Scenarios cross as plain objects through serde.

use crate::dynamics::StateFunction;
use crate::experiments;
use crate::scenario::Scenario;
use crate::simulation;
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&e.to_string()))
}

/// Through JSON text, because serde-wasm-bindgen skips unknown properties
/// and a misspelt field must be reported, not ignored.
fn scenario_from(value: JsValue) -> Result<Scenario, JsError> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| JsError::new("scenario: not a plain object"))?;
    serde_json::from_str(&text).map_err(|e| JsError::new(&format!("scenario: {e}")))
}

/// The default scenario, as a plain object to edit and pass back.
#[wasm_bindgen(js_name = defaultScenario)]
pub fn default_scenario() -> Result<JsValue, JsError> {
    to_js(&Scenario::default())
}

/// Hex digest of the first `events` releases of `scenario`.
#[wasm_bindgen(js_name = scenarioDigest)]
pub fn scenario_digest(scenario: JsValue, events: u32) -> Result<String, JsError> {
    let scenario = scenario_from(scenario)?;
    let digest = simulation::release_digest(&scenario, events as usize)
        .map_err(|e| JsError::new(&e.to_string()))?;
    Ok(format!("{digest:016x}"))
}

/// The state function `f` of dissipation `b` at `samples` evenly spaced
/// phases from 0 to 1, for drawing the model card.
#[wasm_bindgen(js_name = stateCurve)]
pub fn state_curve(b: f64, samples: u32) -> Vec<f64> {
    let f = StateFunction::new(b);
    let last = samples.max(2) - 1;
    (0..=last).map(|i| f.f(i as f64 / last as f64)).collect()
}

/// The force-directed layout of the scenario's network as a Float32Array
/// (`x0, y0, ...`); slow for large networks, so call it from a Worker.
#[wasm_bindgen(js_name = forceLayout)]
pub fn force_layout(scenario: JsValue) -> Result<Vec<f32>, JsError> {
    let scenario = scenario_from(scenario)?;
    simulation::force_layout(&scenario).map_err(|e| JsError::new(&e.to_string()))
}

/// One run of an ensemble, for a Worker that reports progress between runs:
/// `base` with the field at `path` set to `value`, run from `seed` until
/// synchrony or `cap` cycles. Returns {value, seed, synced, time, offset,
/// converged, finalBursts}.
#[wasm_bindgen(js_name = runEnsembleMember)]
pub fn run_ensemble_member(
    base: JsValue,
    path: &str,
    value: f64,
    seed: u32,
    cap: f64,
) -> Result<JsValue, JsError> {
    let base = scenario_from(base)?;
    let run = experiments::run_planned(&base, path, (value, seed), cap)
        .map_err(|e| JsError::new(&e.to_string()))?;
    to_js(&run)
}

/// Per-value summaries (mean, median, 95% interval, converged share) of
/// the runs returned by `runEnsembleMember`.
#[wasm_bindgen(js_name = summarizeEnsemble)]
pub fn summarize_ensemble(runs: JsValue) -> Result<JsValue, JsError> {
    let text = js_sys::JSON::stringify(&runs)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let runs: Vec<experiments::RunResult> =
        serde_json::from_str(&text).map_err(|e| JsError::new(&format!("runs: {e}")))?;
    to_js(&experiments::summarize(&runs))
}

#[wasm_bindgen]
pub struct Simulation(simulation::Simulation);

#[wasm_bindgen]
impl Simulation {
    /// Throws an Error naming the field when the scenario cannot run.
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue) -> Result<Simulation, JsError> {
        let scenario = scenario_from(scenario)?;
        simulation::Simulation::new(&scenario)
            .map(Simulation)
            .map_err(|e| JsError::new(&e.to_string()))
    }

    /// Advances by `dt` cycles; returns the number of releases.
    pub fn advance(&mut self, dt: f64) -> u32 {
        self.0.advance(dt) as u32
    }

    pub fn time(&self) -> f64 {
        self.0.time()
    }

    #[wasm_bindgen(js_name = firmCount)]
    pub fn firm_count(&self) -> u32 {
        self.0.firm_count() as u32
    }

    #[wasm_bindgen(js_name = tieCount)]
    pub fn tie_count(&self) -> u32 {
        (self.0.ties().len() / 2) as u32
    }

    #[wasm_bindgen(js_name = phasesPtr)]
    pub fn phases_ptr(&self) -> *const f32 {
        self.0.phases().as_ptr()
    }

    #[wasm_bindgen(js_name = releaseAgePtr)]
    pub fn release_age_ptr(&self) -> *const f32 {
        self.0.release_ages().as_ptr()
    }

    #[wasm_bindgen(js_name = positionsPtr)]
    pub fn positions_ptr(&self) -> *const f32 {
        self.0.positions().as_ptr()
    }

    #[wasm_bindgen(js_name = groupsPtr)]
    pub fn groups_ptr(&self) -> *const u32 {
        self.0.groups().as_ptr()
    }

    #[wasm_bindgen(js_name = tiesPtr)]
    pub fn ties_ptr(&self) -> *const u32 {
        self.0.ties().as_ptr()
    }

    #[wasm_bindgen(js_name = releaseCountsPtr)]
    pub fn release_counts_ptr(&self) -> *const u32 {
        self.0.release_counts().as_ptr()
    }

    /// Firms that released in the last `advance` (view `recentLength()` long).
    #[wasm_bindgen(js_name = recentReleasesPtr)]
    pub fn recent_releases_ptr(&self) -> *const u32 {
        self.0.recent_releases().as_ptr()
    }

    /// Their causes as bytes: 0 schedule, 1 partner, 2 signal, 3 lock.
    #[wasm_bindgen(js_name = recentCausesPtr)]
    pub fn recent_causes_ptr(&self) -> *const u8 {
        self.0.recent_causes().as_ptr()
    }

    /// Their release times in cycles (Float64Array view).
    #[wasm_bindgen(js_name = recentTimesPtr)]
    pub fn recent_times_ptr(&self) -> *const f64 {
        self.0.recent_times().as_ptr()
    }

    #[wasm_bindgen(js_name = recentLength)]
    pub fn recent_length(&self) -> u32 {
        self.0.recent_releases().len() as u32
    }

    #[wasm_bindgen(js_name = roadmapPhase)]
    pub fn roadmap_phase(&self) -> f64 {
        self.0.roadmap_phase()
    }

    /// True while positions are a stand-in circle; compute them with
    /// `forceLayout` (in a Worker) and hand them over with `setPositions`.
    #[wasm_bindgen(js_name = layoutPending)]
    pub fn layout_pending(&self) -> bool {
        self.0.layout_pending()
    }

    #[wasm_bindgen(js_name = setPositions)]
    pub fn set_positions(&mut self, positions: &[f32]) -> Result<(), JsError> {
        self.0
            .set_positions(positions)
            .map_err(|e| JsError::new(&e))
    }

    /// Ties of the alliance network before coordinators were tied together.
    #[wasm_bindgen(js_name = generatedTieCount)]
    pub fn generated_tie_count(&self) -> u32 {
        self.0.generated_tie_count() as u32
    }

    #[wasm_bindgen(js_name = orderParameter)]
    pub fn order_parameter(&self) -> f64 {
        self.0.order_parameter()
    }

    #[wasm_bindgen(js_name = groupOrderParameters)]
    pub fn group_order_parameters(&self) -> Vec<f64> {
        self.0.group_order_parameters()
    }

    #[wasm_bindgen(js_name = burstsLastCycle)]
    pub fn bursts_last_cycle(&mut self) -> u32 {
        self.0.bursts_last_cycle() as u32
    }

    #[wasm_bindgen(js_name = releaseCount)]
    pub fn release_count(&self) -> f64 {
        self.0.engine().release_count() as f64
    }

    #[wasm_bindgen(js_name = pulseCount)]
    pub fn pulse_count(&self) -> f64 {
        self.0.engine().pulse_count() as f64
    }

    /// Time of synchrony in cycles, or undefined while not synchronized.
    #[wasm_bindgen(js_name = syncTime)]
    pub fn sync_time(&self) -> Option<f64> {
        self.0.synchrony().map(|s| s.time)
    }

    /// Offset of the common rhythm from the roadmap, once synchronized.
    #[wasm_bindgen(js_name = syncOffset)]
    pub fn sync_offset(&self) -> Option<f64> {
        self.0.synchrony().map(|s| s.offset)
    }

    pub fn coordinators(&self) -> Vec<u32> {
        self.0.coordinators().to_vec()
    }

    pub fn stats(&self) -> Result<JsValue, JsError> {
        to_js(self.0.stats())
    }

    pub fn scenario(&self) -> Result<JsValue, JsError> {
        to_js(self.0.scenario())
    }
}

// ---------------------------------------------------------------------------
// Share, import, export (issue 5). Conversions only: the codecs live in
// `link`, `share`, `csv` and `edgelist`. Errors are thrown as JS `Error`s
// whose message is "field: reason" and whose `field` property names the
// field ("link" when a state is too big for a link: offer the file).

use crate::edgelist::Imported;
use crate::share::{ShareError, SharedState};

fn thrown(field: &str, reason: &str) -> JsValue {
    let error = js_sys::Error::new(&format!("{field}: {reason}"));
    let _ = js_sys::Reflect::set(&error, &"field".into(), &field.into());
    error.into()
}

fn thrown_share(e: ShareError) -> JsValue {
    thrown(&e.field, &e.reason)
}

fn to_js_value<T: Serialize>(value: &T) -> Result<JsValue, JsValue> {
    to_js(value).map_err(JsValue::from)
}

fn state_from(value: JsValue) -> Result<SharedState, JsValue> {
    let text = js_sys::JSON::stringify(&value)
        .ok()
        .and_then(|s| s.as_string())
        .ok_or_else(|| thrown("state", "not a plain object"))?;
    serde_json::from_str(&text).map_err(|e| thrown("state", &e.to_string()))
}

/// The URL fragment (without `#`) of a page state {view, shown, panes:
/// [{label?, scenario, matchTies}], speed, preset, tourStep}.
#[wasm_bindgen(js_name = encodeShare)]
pub fn encode_share(state: JsValue) -> Result<String, JsValue> {
    crate::link::encode(&state_from(state)?).map_err(thrown_share)
}

/// {state, notes: [{field, message}]} from a URL fragment; throws when the
/// fragment cannot be read (the page keeps or opens a default state).
#[wasm_bindgen(js_name = decodeShare)]
pub fn decode_share(fragment: &str) -> Result<JsValue, JsValue> {
    let decoded = crate::link::decode(fragment).map_err(thrown_share)?;
    to_js_value(&decoded)
}

/// The page state as a JSON file's text.
#[wasm_bindgen(js_name = stateJson)]
pub fn state_json(state: JsValue) -> Result<String, JsValue> {
    Ok(crate::share::to_json(&state_from(state)?))
}

/// {state, notes} from a JSON file: a saved page or one scenario.
#[wasm_bindgen(js_name = parseStateJson)]
pub fn parse_state_json(text: &str) -> Result<JsValue, JsValue> {
    let decoded = crate::share::from_json(text).map_err(thrown_share)?;
    to_js_value(&decoded)
}

fn imported(ties: &str, attributes: Option<String>) -> Result<Imported, JsValue> {
    crate::csv::parse(ties, attributes.as_deref()).map_err(|e| {
        let field = match e.file {
            crate::csv::CsvFile::Ties => "ties",
            crate::csv::CsvFile::Attributes => "attributes",
        };
        let error = js_sys::Error::new(&e.to_string());
        let _ = js_sys::Reflect::set(&error, &"field".into(), &field.into());
        let _ = js_sys::Reflect::set(&error, &"line".into(), &(e.line as u32).into());
        error.into()
    })
}

/// {network, coordinators} from CSV text; throws Error("line 7: ...").
#[wasm_bindgen(js_name = parseEdgeList)]
pub fn parse_edge_list(ties: &str, attributes: Option<String>) -> Result<JsValue, JsValue> {
    let imported = imported(ties, attributes)?;
    #[derive(Serialize)]
    struct Out<'a> {
        network: crate::NetworkSpec,
        coordinators: &'a [u32],
    }
    let network = crate::NetworkSpec::EdgeList(imported.network.clone());
    to_js_value(&Out {
        network,
        coordinators: &imported.coordinators,
    })
}

/// `scenario` running the network in the CSV text (firms set from it,
/// flagged coordinators chosen).
#[wasm_bindgen(js_name = importEdgeList)]
pub fn import_edge_list(
    scenario: JsValue,
    ties: &str,
    attributes: Option<String>,
) -> Result<JsValue, JsValue> {
    let scenario = scenario_from(scenario).map_err(JsValue::from)?;
    to_js_value(&imported(ties, attributes)?.apply(&scenario))
}

/// {ties, attributes}: the scenario's network as two CSV texts.
#[wasm_bindgen(js_name = networkCsv)]
pub fn network_csv(scenario: JsValue) -> Result<JsValue, JsValue> {
    let scenario = scenario_from(scenario).map_err(JsValue::from)?;
    let Imported {
        network,
        coordinators,
    } = Imported::of_scenario(&scenario).map_err(|e| thrown(&e.field, &e.reason))?;
    let out = [
        ("ties", network.ties_csv()),
        ("attributes", network.attributes_csv(&coordinators)),
    ];
    to_js_value(&std::collections::BTreeMap::from(out))
}

/// The limits to state in the page: {linkBytes, firms, ties, csvBytes, fileBytes}.
#[wasm_bindgen(js_name = shareLimits)]
pub fn share_limits() -> Result<JsValue, JsValue> {
    let limits = [
        ("linkBytes", crate::link::MAX_LINK),
        ("firms", crate::network::MAX_FIRMS),
        ("ties", crate::network::MAX_TIES),
        ("csvBytes", crate::csv::MAX_CSV_BYTES),
        ("fileBytes", crate::share::MAX_FILE_BYTES),
    ];
    to_js_value(&std::collections::BTreeMap::from(limits))
}

#[wasm_bindgen]
impl Simulation {
    /// Each firm's name (an imported network), or undefined (numbered firms).
    #[wasm_bindgen(js_name = firmNames)]
    pub fn firm_names(&self) -> Option<Vec<String>> {
        self.0.scenario().network.firm_names()
    }
}
