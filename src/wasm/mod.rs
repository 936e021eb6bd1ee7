//! The one binding to JavaScript. It converts; it does not compute.
//!
//! - Values from JS go through `from_js` (walked into serde_json's `Value`
//!   by `values`, then read strictly, so a misspelt field is refused instead
//!   of skipped); values to JS through `to_js` (plain objects, camelCase
//!   fields).
//! - The page's own bindings (experiments, CSV, scenario files) are in
//!   `page`, which the embed's wasm leaves out.
//! - Every error is thrown as a JS `Error` whose message is
//!   "field: reason" ("line 7: reason" for CSV) and whose `field`,
//!   `reason` (and, for CSV, `line`) properties say it in parts: `thrown`.
//! - Per-frame data crosses without copies: JS builds typed-array views on
//!   `memory.buffer` from a simulation's `channels()` (and rebuilds them
//!   when memory grows); `advance(dt)` fills the `readings` channel with
//!   the measures, so a frame is one call.

use crate::error::FieldError;
use crate::limits::LIMITS;
use crate::model::dynamics::StateFunction;
use crate::model::engine::Cause;
use crate::model::measures;
use crate::scenario::Scenario;
use crate::scenario::size::Budget;
use crate::share::link;
use crate::{layout, simulation};
use convert::{Thrown, from_js, thrown, to_js};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[cfg(feature = "page")]
mod page;
mod convert;
mod values;

#[cfg(feature = "page")]
pub use page::*;

#[wasm_bindgen(start)]
pub fn start() {
    console_error_panic_hook::set_once();
}

/// The default scenario, as a plain object to edit and pass back.
#[wasm_bindgen(js_name = defaultScenario)]
pub fn default_scenario() -> Thrown<JsValue> {
    to_js(&Scenario::default())
}

/// The parameter table: [{path, key, kind, options, lo, hi, label, help,
/// control: {min, max, step}, networks, default}], in link order.
#[wasm_bindgen]
pub fn parameters() -> Thrown<JsValue> {
    to_js(&Scenario::parameters())
}

/// Every limit the page states: {linkBytes, firms, ties, pageFirms,
/// pageTies, csvBytes, fileBytes, speed: [min, max], seed, coordinators,
/// pageRuns, cap, convergedOffset, labelChars, quickLayoutFirms, moment,
/// rewindBytes}.
#[wasm_bindgen]
pub fn limits() -> Thrown<JsValue> {
    to_js(&LIMITS)
}

/// Complete bursts after the first that confirm synchrony (3): a run is in
/// step once this many more bursts hold every firm.
#[wasm_bindgen(js_name = burstsToConfirm)]
pub fn bursts_to_confirm() -> u32 {
    measures::Bursts::bursts_to_confirm() as u32
}

/// The state function `f` of dissipation `b` at `samples` evenly spaced
/// phases from 0 to 1, for drawing the model card.
#[wasm_bindgen(js_name = stateCurve)]
pub fn state_curve(b: f64, samples: u32) -> Vec<f64> {
    StateFunction::new(b).curve(samples as usize)
}

/// A force-directed layout computed in steps, for a Worker to show while
/// it refines: `new ForceLayout(firms, ties, seed)` (ties as a Uint32Array
/// `a0, b0, a1, b1, ...`), then `step()` until it returns true; `placed()`
/// turns true after the first placement, and `positions()` is a
/// Float32Array `x0, y0, ...` in [0, 1] at any time.
#[wasm_bindgen]
pub struct ForceLayout(layout::ForceLayout);

#[wasm_bindgen]
impl ForceLayout {
    /// Throws (field `ties`) when a tie names a firm that is not there.
    #[wasm_bindgen(constructor)]
    pub fn new(firms: u32, ties: &[u32], seed: u32) -> Thrown<ForceLayout> {
        layout::ForceLayout::new(firms as usize, ties, seed)
            .map(ForceLayout)
            .map_err(thrown)
    }

    /// One piece of work (tens of milliseconds at most for the page's
    /// sizes); true when the layout is done.
    pub fn step(&mut self) -> bool {
        self.0.step()
    }

    pub fn placed(&self) -> bool {
        self.0.placed()
    }

    pub fn done(&self) -> bool {
        self.0.done()
    }

    /// From 0 to 1.
    pub fn progress(&self) -> f64 {
        self.0.progress()
    }

    pub fn positions(&self) -> Vec<f32> {
        layout::as_f32(&self.0.positions())
    }
}

/// The URL fragment (without `#`) of a page state {view, shown, panes:
/// [{label?, scenario, matchTies}], speed, preset, tourStep}; throws with
/// field "link" when the state is too big for a link (offer the file).
#[wasm_bindgen(js_name = encodeShare)]
pub fn encode_share(state: JsValue) -> Thrown<String> {
    link::encode(&from_js(&state, "state")?).map_err(thrown)
}

/// The fragment the page's address bar holds while its scenario is too big
/// for a link (`decodeShare` refuses it, saying so).
#[wasm_bindgen(js_name = fileOnlyFragment)]
pub fn file_only_fragment() -> String {
    link::FILE_ONLY.to_owned()
}

/// {state, notes: [{field, reason}]} from a URL fragment; throws when the
/// fragment cannot be read.
#[wasm_bindgen(js_name = decodeShare)]
pub fn decode_share(fragment: &str) -> Thrown<JsValue> {
    to_js(&link::decode(fragment).map_err(thrown)?)
}

/// Throws the Error that `new Simulation(scenario)` would, without
/// building anything: to check many changes and build once.
#[wasm_bindgen(js_name = checkScenario)]
pub fn check_scenario(scenario: JsValue) -> Thrown<()> {
    let scenario: Scenario = from_js(&scenario, "scenario")?;
    simulation::Simulation::check_within(&scenario, &Budget::PAGE)
        .map(drop)
        .map_err(thrown)
}

/// `text` without bidi controls and zero-width characters, as the core
/// keeps a pane's label (a title's too).
#[wasm_bindgen(js_name = visibleText)]
pub fn visible_text(text: &str) -> String {
    crate::share::visible_text(text)
}

/// The values of a simulation's `readings` channel, in order: [{name,
/// type: "number" | "flag", optional}]. A flag is 1 or 0; an optional
/// value is NaN while absent (no present value is ever NaN).
#[wasm_bindgen]
pub fn readings() -> Thrown<JsValue> {
    to_js(&simulation::READINGS)
}

/// The causes of a release by code (a frame's `recentCauses`):
/// `["schedule", "partner", "signal", "lock"]`.
#[wasm_bindgen]
pub fn causes() -> Vec<String> {
    Cause::ALL.iter().map(|c| c.name().to_owned()).collect()
}

/// A channel as JS views it.
#[derive(Serialize)]
struct ChannelRow {
    name: &'static str,
    #[serde(rename = "type")]
    array: &'static str,
    ptr: u32,
    length: u32,
    count: Option<&'static str>,
}

impl ChannelRow {
    fn of(c: &simulation::Channel) -> ChannelRow {
        let array = match c.elements {
            simulation::Elements::F32(_) => "Float32Array",
            simulation::Elements::F64(_) => "Float64Array",
            simulation::Elements::U32(_) => "Uint32Array",
            simulation::Elements::U8(_) => "Uint8Array",
        };
        ChannelRow {
            name: c.name,
            array,
            ptr: c.elements.address() as u32,
            length: c.elements.len() as u32,
            count: c.count,
        }
    }
}

/// A network's facts and its sentences, in one object.
#[derive(Serialize)]
struct Described {
    #[serde(flatten)]
    anatomy: simulation::Anatomy,
    sentences: Vec<String>,
}

#[wasm_bindgen]
pub struct Simulation(simulation::Simulation);

#[wasm_bindgen]
impl Simulation {
    /// Throws an Error naming the field when the scenario cannot run, or
    /// is bigger than the page runs in a pane (the core's `Budget::PAGE`).
    #[wasm_bindgen(constructor)]
    pub fn new(scenario: JsValue) -> Thrown<Simulation> {
        let scenario: Scenario = from_js(&scenario, "scenario")?;
        simulation::Simulation::within(&scenario, &Budget::PAGE)
            .map(Simulation)
            .map_err(thrown)
    }

    /// Builds `scenario` within the core's limits (a million firms), not a
    /// page pane's: for benchmarks and scripts in Node, never for the page.
    #[wasm_bindgen(js_name = withCoreLimits)]
    pub fn with_core_limits(scenario: JsValue) -> Thrown<Simulation> {
        let scenario: Scenario = from_js(&scenario, "scenario")?;
        simulation::Simulation::within(&scenario, &Budget::CORE)
            .map(Simulation)
            .map_err(thrown)
    }

    /// Advances by `dt` cycles and takes the measures (the `readings`
    /// channel): the one call of a frame. Returns the number of releases.
    pub fn advance(&mut self, dt: f64) -> u32 {
        let releases = self.0.advance(dt);
        self.0.measure();
        releases as u32
    }

    /// Puts the run at moment `t` (cycles), exactly as a straight run
    /// reaches it, and takes the measures; throws (field `t`) for a `t`
    /// that is not a number from 0 to the limit (`limits().moment`).
    pub fn seek(&mut self, t: f64) -> Thrown<()> {
        self.0.seek(t).map_err(thrown)?;
        self.0.measure();
        Ok(())
    }

    /// The time a `seek(t)` runs from (now or a checkpoint): it runs `t`
    /// minus that many cycles, so a far one is best taken in steps.
    #[wasm_bindgen(js_name = seekStart)]
    pub fn seek_start(&self, t: f64) -> f64 {
        self.0.seek_start(t).0
    }

    /// r on the sampling grid up to now: {step, series, values} with
    /// sample i at `i * step` cycles, its values (r, then r of each traced
    /// subgroup) at `values[i * series..]`, a Float32Array.
    pub fn trace(&self) -> Thrown<JsValue> {
        let view = self.0.trace();
        let out = js_sys::Object::new();
        let set = |key: &str, value: JsValue| js_sys::Reflect::set(&out, &key.into(), &value);
        let _ = set("step", view.step.into());
        let _ = set("series", (view.series as u32).into());
        let _ = set("values", js_sys::Float32Array::from(view.values).into());
        Ok(out.into())
    }

    /// The events detected from index `from` on (as far as the run has
    /// been): [{kind: "inStep" | "rhythms" | "joint", time, ...}].
    pub fn events(&self, from: u32) -> Thrown<JsValue> {
        let all = self.0.events();
        to_js(&&all[(from as usize).min(all.len())..])
    }

    /// The state now, to compare with `lockstep run --at`: {time, phases,
    /// releaseCounts, readings, trace, history, events}.
    pub fn moment(&mut self) -> Thrown<JsValue> {
        to_js(&self.0.moment())
    }

    /// What the run keeps to go back: {checkpoints, checkpointBytes,
    /// recordBytes}.
    pub fn memory(&self) -> Thrown<JsValue> {
        to_js(&self.0.memory())
    }

    #[wasm_bindgen(js_name = firmCount)]
    pub fn firm_count(&self) -> u32 {
        self.0.firm_count() as u32
    }

    /// Every buffer to view in place: [{name, type, ptr, length, count}],
    /// `type` a typed array's name (`Float32Array`), `ptr` a byte offset
    /// in the wasm memory, `count` null or the reading that says how many
    /// leading elements are in use. Buffers never move or change length:
    /// rebuild the views only when memory grows.
    pub fn channels(&self) -> Thrown<JsValue> {
        let rows: Vec<ChannelRow> = self.0.channels().iter().map(ChannelRow::of).collect();
        to_js(&rows)
    }

    /// The firms a joint release of the coordinators signals (hybrid).
    #[wasm_bindgen(js_name = signalAudience)]
    pub fn signal_audience(&self) -> Vec<u32> {
        self.0.signal_audience().to_vec()
    }

    /// True while positions are a stand-in circle; compute them with a
    /// `ForceLayout` of `ties` (in a Worker) and hand them over with
    /// `setPositions`.
    #[wasm_bindgen(js_name = layoutPending)]
    pub fn layout_pending(&self) -> bool {
        self.0.layout_pending()
    }

    #[wasm_bindgen(js_name = setPositions)]
    pub fn set_positions(&mut self, positions: &[f32]) -> Thrown<()> {
        self.0
            .set_positions(positions)
            .map_err(|reason| thrown(FieldError::new("positions", reason)))
    }

    /// Ties of the alliance network before coordinators were tied together.
    #[wasm_bindgen(js_name = generatedTieCount)]
    pub fn generated_tie_count(&self) -> u32 {
        self.0.generated_tie_count() as u32
    }

    #[wasm_bindgen(js_name = groupOrderParameters)]
    pub fn group_order_parameters(&self) -> Vec<f64> {
        self.0.group_order_parameters()
    }

    pub fn coordinators(&self) -> Vec<u32> {
        self.0.coordinators().to_vec()
    }

    /// The network as it runs, described: {kind, kindLabel, firms, ties,
    /// meanDegree, groups: [{firms, tiesInside, coordinators, audience}],
    /// joins: [{a, b, ties}], tiesInside, tiesBetween, mode, coordinated,
    /// choice, coordinators, coordinatorPartners: [fewest, most],
    /// coordinatorTies, coordinatorTiesBetween, reach, audience, sentences}.
    pub fn anatomy(&self) -> Thrown<JsValue> {
        let anatomy = self.0.anatomy();
        to_js(&Described {
            sentences: anatomy.sentences(),
            anatomy,
        })
    }

    pub fn stats(&self) -> Thrown<JsValue> {
        to_js(self.0.stats())
    }

    pub fn scenario(&self) -> Thrown<JsValue> {
        to_js(self.0.scenario())
    }

    /// The scenario without an imported network's firms and ties (the
    /// page holds them already): see `Scenario::settings`.
    pub fn settings(&self) -> Thrown<JsValue> {
        to_js(&self.0.scenario().settings())
    }

    /// Each firm's name (an imported network), or undefined (numbered firms).
    #[wasm_bindgen(js_name = firmNames)]
    pub fn firm_names(&self) -> Option<Vec<String>> {
        self.0.scenario().network.firm_names()
    }
}

// The page's exports replay a run's releases (the embed exports none).
#[cfg(feature = "page")]
#[wasm_bindgen]
impl Simulation {
    /// Releases `skip..skip + keep` of the run, counted from its start, up
    /// to now (run again from a checkpoint; the run stays at now):
    /// {firms: Uint32Array, causes: Uint8Array, times: Float64Array}.
    pub fn releases(&mut self, skip: f64, keep: u32) -> JsValue {
        let releases = self.0.replay(skip.max(0.0) as u64, keep as usize);
        let firms: Vec<u32> = releases.iter().map(|r| r.firm).collect();
        let causes: Vec<u8> = releases.iter().map(|r| r.cause.code()).collect();
        let times: Vec<f64> = releases.iter().map(|r| r.time).collect();
        let out = js_sys::Object::new();
        let _ = js_sys::Reflect::set(
            &out,
            &"firms".into(),
            &js_sys::Uint32Array::from(&firms[..]),
        );
        let _ = js_sys::Reflect::set(
            &out,
            &"causes".into(),
            &js_sys::Uint8Array::from(&causes[..]),
        );
        let _ = js_sys::Reflect::set(
            &out,
            &"times".into(),
            &js_sys::Float64Array::from(&times[..]),
        );
        out.into()
    }
}
