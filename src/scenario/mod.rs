//! A scenario: every parameter of a run and its seed. The same scenario
//! always gives the same network, phases and release sequence.
//!
//! The fields' ranges, link keys, labels and help live in one table,
//! [`crate::scenario::params`]; [`Scenario::check`] checks them from there
//! into a [`check::Checked`] scenario, and [`crate::scenario::build`] makes a
//! checked scenario ready to run.

pub mod build;
pub mod check;
pub mod clamp;
pub mod fields;
pub mod imported;
pub mod params;
pub mod size;

use crate::error::FieldError;
use crate::network::FirmId;
use crate::network::edgelist::EdgeList;
use crate::network::generators::NetworkSpec;
use crate::scenario::size::Size;
use params::Param;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::sync::OnceLock;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Mode {
    /// No coordinators: firms react to their partners only.
    Reactive,
    /// Coordinators share one roadmap and release together.
    Planned,
    /// Planned, and each joint release signals firms beyond their ties.
    Hybrid,
}

impl Mode {
    /// Its JSON value and option in the table: `reactive`, `planned`, `hybrid`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Reactive => "reactive",
            Mode::Planned => "planned",
            Mode::Hybrid => "hybrid",
        }
    }

    /// "Reactive", "Planned", "Hybrid".
    pub fn short_label(self) -> &'static str {
        params::option("mode", self.name()).map_or(self.name(), |o| o.short)
    }
}

impl NetworkSpec {
    /// A pane's title for the kind: "Clustered", "Dense", "Small world".
    pub fn short_label(&self) -> &'static str {
        params::option("network.kind", self.kind()).map_or(self.kind(), |o| o.short)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Choice {
    HighestDegree,
    Random,
    /// The firms listed in `chosen`.
    Chosen,
}

impl Choice {
    /// Its JSON value and option in the table: `highestDegree`, `random`, `chosen`.
    pub fn name(self) -> &'static str {
        match self {
            Choice::HighestDegree => "highestDegree",
            Choice::Random => "random",
            Choice::Chosen => "chosen",
        }
    }
}

/// How far a hybrid signal travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reach {
    Partners,
    TwoHops,
    All,
}

impl Reach {
    /// Its JSON value and option in the table: `partners`, `twoHops`, `all`.
    pub fn name(self) -> &'static str {
        match self {
            Reach::Partners => "partners",
            Reach::TwoHops => "twoHops",
            Reach::All => "all",
        }
    }
}

/// Every parameter of a run and its seed; [`Scenario::default`] is the
/// page's default scenario. A scenario from JSON may name any subset of the
/// fields; the others keep their defaults.
///
/// ```
/// use lockstep::{Mode, Scenario, Simulation};
/// let scenario = Scenario { seed: 7, mode: Mode::Reactive, ..Scenario::default() };
/// scenario.validate().unwrap();
/// let read: Scenario = serde_json::from_str(r#"{"seed": 7, "mode": "reactive"}"#).unwrap();
/// assert_eq!(read, scenario);
/// let mut sim = Simulation::new(&scenario).unwrap();
/// sim.advance(2.0);
/// assert_eq!(sim.firm_count(), 60);
/// ```
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, rename_all = "camelCase", deny_unknown_fields)]
pub struct Scenario {
    pub seed: u32,
    pub firms: usize,
    pub network: NetworkSpec,
    /// Pulse size of a partner's release over an intense tie (state units).
    pub eps: f64,
    /// `b`: how concave the state function is (> 0 makes synchrony).
    pub dissipation: f64,
    pub mode: Mode,
    /// `k`: how many coordinators (would-be coordinators in reactive mode).
    pub coordinators: usize,
    pub choice: Choice,
    pub chosen: Vec<FirmId>,
    /// `rho`: share of an outside pulse that moves a coordinator.
    pub responsiveness: f64,
    /// `eps_signal`: pulse size of a coordinators' signal (hybrid).
    pub eps_signal: f64,
    pub reach: Reach,
    /// Share of ties that are intense (`w = 1`); the rest are arm's-length.
    /// An imported edge list keeps its own strengths and ignores this.
    pub intense_share: f64,
    /// Strength `w` of an arm's-length tie.
    pub arms_length: f64,
    /// `sigma`: schedule slips, relative spread of each cycle's length.
    pub slips: f64,
    /// `h`: cycle lengths spread uniformly over `1 +/- h`.
    pub cycle_spread: f64,
    /// Mirollo-Strogatz's variant: one pulse per firm per instant.
    pub one_pulse_per_event: bool,
    /// Window (cycles) within which releases form one burst.
    pub delta: f64,
}

/// The defaults, chosen from ensembles (docs/model.md has the figures):
/// with them, hybrid signaling syncs a dense network faster than reactive
/// synchrony does, converges to the coordinators' roadmap, and spreads
/// slowly through a clustered network of the same firms and ties.
impl Default for Scenario {
    fn default() -> Self {
        Scenario {
            seed: 1,
            firms: 60,
            network: NetworkSpec::ErdosRenyi { mean_degree: 8.0 },
            eps: 0.05,
            dissipation: 3.0,
            mode: Mode::Hybrid,
            coordinators: 5,
            choice: Choice::HighestDegree,
            chosen: Vec::new(),
            responsiveness: 0.0,
            eps_signal: 0.5,
            reach: Reach::TwoHops,
            intense_share: 1.0,
            arms_length: 0.5,
            slips: 0.0,
            cycle_spread: 0.0,
            one_pulse_per_event: false,
            delta: 0.02,
        }
    }
}

impl Scenario {
    /// What the scenario builds, before building it.
    pub fn size(&self) -> Size {
        Size::of(self.firms, &self.network, self.tied_coordinators())
    }

    /// How many coordinators get intense ties to each other: none in
    /// reactive mode (they are only tracked).
    pub fn tied_coordinators(&self) -> usize {
        match (self.mode, self.choice) {
            (Mode::Reactive, _) => 0,
            (_, Choice::Chosen) => {
                let mut ids: Vec<FirmId> = self.chosen.clone();
                ids.retain(|&f| (f as usize) < self.firms);
                ids.sort_unstable();
                ids.dedup();
                ids.len()
            }
            _ => self.coordinators.min(self.firms),
        }
    }

    /// The scenario without an imported network's firms and ties (its kind
    /// stays `edgeList`): its settings, which every parameter is. Cheap to
    /// copy and write out where a network of 500,000 ties is not.
    pub fn settings(&self) -> Scenario {
        let network = match &self.network {
            NetworkSpec::EdgeList(_) => NetworkSpec::EdgeList(EdgeList::empty()),
            other => other.clone(),
        };
        let chosen = self.chosen.clone();
        Scenario {
            network,
            chosen,
            ..*self
        }
    }

    /// The scenario as JSON, as a file holds it.
    pub fn to_json(&self) -> Result<Value, FieldError> {
        serde_json::to_value(self).map_err(|e| FieldError::new("scenario", e.to_string()))
    }

    /// A scenario from JSON (a file's, or a link's values); every field
    /// read, refusals naming the field.
    pub fn from_json(json: Value) -> Result<Scenario, FieldError> {
        params::from_value(json, "scenario")
    }

    /// The default of a parameter: the default scenario's value, or for a
    /// knob the default of the first network kind that has it.
    pub fn default_value(param: &Param) -> Value {
        static DEFAULT: OnceLock<Value> = OnceLock::new();
        let json = DEFAULT.get_or_init(|| Scenario::default().to_json().unwrap_or_default());
        match param.networks.first() {
            Some(kind) => NetworkSpec::defaults_json(kind)
                .get(param.path.trim_start_matches("network."))
                .cloned(),
            None => params::get(json, param.path).cloned(),
        }
        .unwrap_or(Value::Null)
    }
}

/// A row of the parameter table with its default, for the CLI's `params`
/// and the page's controls.
#[derive(Clone, Debug, Serialize)]
pub struct ParamRow {
    #[serde(flatten)]
    pub param: &'static Param,
    pub default: Value,
}

impl Scenario {
    /// The parameter table with each parameter's default.
    pub fn parameters() -> Vec<ParamRow> {
        let row = |param| ParamRow {
            param,
            default: Scenario::default_value(param),
        };
        params::PARAMS.iter().map(row).collect()
    }
}
