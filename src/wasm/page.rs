//! The teaching page's bindings, which the embed's wasm leaves out (the
//! `page` feature): experiments, CSV import and export, scenario files and
//! release digests.

use super::convert::{Thrown, from_js, thrown, to_js};
use crate::network::csv;
use crate::network::edgelist::Imported;
use crate::scenario::Scenario;
use crate::share::SharedState;
use crate::{experiments, share, simulation};
use wasm_bindgen::prelude::*;

/// Hex digest of the first `events` releases of `scenario`.
#[wasm_bindgen(js_name = scenarioDigest)]
pub fn scenario_digest(scenario: JsValue, events: u32) -> Thrown<String> {
    let scenario = from_js::<Scenario>(&scenario, "scenario")?
        .check()
        .map_err(thrown)?;
    let digest = simulation::release_digest(&scenario, events as usize).map_err(thrown)?;
    Ok(format!("{digest:016x}"))
}

/// The ready experiments: [{id, title, about, panes: [{label, scenario}], spec}].
#[wasm_bindgen(js_name = readyExperiments)]
pub fn ready_experiments() -> Thrown<JsValue> {
    to_js(&experiments::ready::all())
}

/// The experiment `spec` ({arms, x, y?, seeds, firstSeed, cap}) on these
/// panes ([{label?, scenario}]), checked whole: every arm at every value
/// builds. Throws naming the field.
#[wasm_bindgen(js_name = resolveExperiment)]
pub fn resolve_experiment(spec: JsValue, panes: JsValue) -> Thrown<JsValue> {
    let spec: experiments::ExperimentSpec = from_js(&spec, "experiment")?;
    let panes: Vec<PaneIn> = from_js(&panes, "panes")?;
    let panes: Vec<_> = panes.into_iter().map(|p| (p.label, p.scenario)).collect();
    let experiment = spec.resolve(&panes).map_err(thrown)?;
    experiment.check().map_err(thrown)?;
    to_js(&experiment)
}

#[derive(serde::Deserialize)]
struct PaneIn {
    #[serde(default)]
    label: Option<String>,
    scenario: Scenario,
}

/// The runs `from..from + count` of the experiment, in order: a Worker's
/// batch, `{count, packed}`, the runs packed in a Float64Array (one buffer
/// to transfer) for `ExperimentTally.add`.
#[wasm_bindgen(js_name = experimentRuns)]
pub fn experiment_runs(experiment: JsValue, from: f64, count: u32) -> Thrown<JsValue> {
    let experiment: experiments::Experiment = from_js(&experiment, "experiment")?;
    let runs = experiment
        .run_range(from as u64, count.into())
        .map_err(thrown)?;
    let batch = js_sys::Object::new();
    let packed = js_sys::Float64Array::from(&experiments::pack(&runs)[..]);
    let set = |key: &str, value: &JsValue| js_sys::Reflect::set(&batch, &key.into(), value);
    set("count", &(runs.len() as f64).into())?;
    set("packed", &packed)?;
    Ok(batch.into())
}

/// An experiment's results as its runs come in (each batch added once):
/// `new ExperimentTally(experiment)`, `add(from, runs)` as batches finish,
/// then `view(at)` when something changed and `csv()` for the downloads.
#[wasm_bindgen]
pub struct ExperimentTally(experiments::Tally);

#[wasm_bindgen]
impl ExperimentTally {
    /// The tally of a resolved, checked experiment (`resolveExperiment`).
    #[wasm_bindgen(constructor)]
    pub fn new(experiment: JsValue) -> Thrown<ExperimentTally> {
        let experiment: experiments::Experiment = from_js(&experiment, "experiment")?;
        Ok(ExperimentTally(
            experiments::Tally::new(experiment).map_err(thrown)?,
        ))
    }

    /// Adds a batch: the runs `from..` of the plan, packed as
    /// `experimentRuns` returned them.
    pub fn add(&mut self, from: f64, packed: &[f64]) -> Thrown<()> {
        let runs = experiments::unpack(packed).map_err(thrown)?;
        self.0.add(from as u64, &runs).map_err(thrown)
    }

    /// How many runs were added.
    #[wasm_bindgen(getter)]
    pub fn runs(&self) -> f64 {
        self.0.len() as f64
    }

    /// {runs, summaries, sentences: {headline, sweep, shares, distribution, grid},
    /// curves: [{runs, times}] per arm at `at`}: what the results panel
    /// shows. Only points that changed are summarized again.
    pub fn view(&mut self, at: Option<f64>) -> Thrown<JsValue> {
        to_js(&self.0.view(at))
    }

    /// {runs, summary}: the runs and the summary table as CSV text, the
    /// same bytes as `lockstep sweep` and `lockstep summarize` write.
    pub fn csv(&mut self) -> Thrown<JsValue> {
        let (runs, summary) = self.0.csv();
        let out = [("runs", runs), ("summary", summary)];
        to_js(&std::collections::BTreeMap::from(out))
    }
}

/// The page state as a JSON file's text.
#[wasm_bindgen(js_name = stateJson)]
pub fn state_json(state: JsValue) -> Thrown<String> {
    let state: SharedState = from_js(&state, "state")?;
    Ok(share::to_json(&state))
}

/// {state, notes} from a JSON file's bytes: a saved page or one scenario
/// (UTF-8, or refused naming the line).
#[wasm_bindgen(js_name = parseStateJson)]
pub fn parse_state_json(bytes: &[u8]) -> Thrown<JsValue> {
    to_js(&share::from_file(bytes).map_err(thrown)?)
}

/// `scenario` running the network in the CSV text (firms set from it,
/// flagged coordinators chosen); throws Error("line 7: ...") with `field`
/// "ties" or "attributes".
#[wasm_bindgen(js_name = importEdgeList)]
pub fn import_edge_list(
    scenario: JsValue,
    ties: &str,
    attributes: Option<String>,
) -> Thrown<JsValue> {
    let scenario: Scenario = from_js(&scenario, "scenario")?;
    let imported = csv::parse(ties, attributes.as_deref()).map_err(thrown)?;
    to_js(&imported.apply(&scenario))
}

/// The text of a CSV file's bytes; throws Error("line 7: not UTF-8 text")
/// with `field` `file` ("ties" or "attributes").
#[wasm_bindgen(js_name = csvText)]
pub fn csv_text(bytes: &[u8], file: &str) -> Thrown<String> {
    let file = if file == "attributes" {
        "attributes"
    } else {
        "ties"
    };
    Ok(csv::text_of(bytes, file).map_err(thrown)?.to_owned())
}

/// {ties, attributes}: the scenario's network as two CSV texts.
#[wasm_bindgen(js_name = networkCsv)]
pub fn network_csv(scenario: JsValue) -> Thrown<JsValue> {
    let scenario = from_js::<Scenario>(&scenario, "scenario")?
        .check()
        .map_err(thrown)?;
    let Imported {
        network,
        coordinators,
    } = Imported::of_scenario(&scenario).map_err(thrown)?;
    let out = [
        ("ties", network.ties_csv()),
        ("attributes", network.attributes_csv(&coordinators)),
    ];
    to_js(&std::collections::BTreeMap::from(out))
}
