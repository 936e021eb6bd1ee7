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
