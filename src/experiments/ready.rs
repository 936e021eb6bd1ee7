//! Ready experiments: one for each finding of Davis (2013) the model
//! reproduces, one for the clustered-vs-dense story of the page, one for
//! Mirollo and Strogatz (1990). The same as docs/model.md's tables, made
//! small enough to run in seconds in a browser; their sentences come from
//! their runs. The page opens one by putting its scenarios in the panes.

use super::run::DEFAULT_CAP;
use super::spec::{ArmsOf, Axis, Experiment, ExperimentSpec};
use crate::error::FieldError;
use crate::network::generators::NetworkSpec;
use crate::scenario::{Mode, Scenario};
use serde::Serialize;

/// A pane of a ready experiment: its title, which names what it shows
/// ("Ring lattice", "Sparse: 4 partners"), and its scenario.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReadyPane {
    pub label: Option<String>,
    pub scenario: Scenario,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Ready {
    pub id: &'static str,
    /// The question it answers, as its title.
    pub title: &'static str,
    /// What to look at, in words a class reads on the page (no references
    /// to documents it cannot see: docs/model.md names the findings).
    pub about: &'static str,
    /// Two named panes: the two arms, or, when it sweeps one pane (pane 0),
    /// that pane at the two ends of its sweep, so the page shows the contrast
    /// the experiment measures.
    pub panes: Vec<ReadyPane>,
    pub spec: ExperimentSpec,
}

fn pane(label: &str, scenario: Scenario) -> ReadyPane {
    ReadyPane {
        label: Some(label.to_owned()),
        scenario,
    }
}

fn axis(path: &str, values: &[f64]) -> Axis {
    Axis {
        path: path.to_owned(),
        values: values.to_vec(),
    }
}

fn spec(id: &str, arms: ArmsOf, x: Axis, y: Option<Axis>, seeds: u32, cap: f64) -> ExperimentSpec {
    ExperimentSpec {
        arms,
        x,
        y,
        seeds,
        first_seed: 1,
        cap,
        ready: Some(id.to_owned()),
    }
}

/// The defaults' dense network (Erdos-Renyi, 60 firms, mean degree 8).
fn dense() -> Scenario {
    Scenario::default()
}

/// The page's clustered network: 4 subgroups, 3% of ties between them.
fn clustered() -> Scenario {
    let network = NetworkSpec::PlantedPartition {
        groups: 4,
        mean_degree: 8.0,
        between_share: 0.03,
    };
    Scenario {
        network,
        ..Scenario::default()
    }
}

fn reactive(firms: usize, network: NetworkSpec) -> Scenario {
    Scenario {
        firms,
        network,
        mode: Mode::Reactive,
        ..Scenario::default()
    }
}

/// 100 firms in 5 subgroups, 10 partners each, `between` of ties between subgroups.
fn subgroups(between: f64) -> Scenario {
    let network = NetworkSpec::PlantedPartition {
        groups: 5,
        mean_degree: 10.0,
        between_share: between,
    };
    reactive(100, network)
}

/// 100 firms on a ring, 10 neighbours each, a share `rewire` of ties rewired.
fn ring(rewire: f64) -> Scenario {
    reactive(100, NetworkSpec::WattsStrogatz { degree: 10, rewire })
}

/// The defaults' network with `mean_degree` partners per firm.
fn with_degree(mean_degree: f64) -> Scenario {
    Scenario {
        network: NetworkSpec::ErdosRenyi { mean_degree },
        ..dense()
    }
}

/// Mirollo and Strogatz's complete network of 50 firms, with dissipation `b`.
fn complete(dissipation: f64) -> Scenario {
    Scenario {
        firms: 50,
        network: NetworkSpec::Complete,
        mode: Mode::Reactive,
        one_pulse_per_event: true,
        dissipation,
        ..Scenario::default()
    }
}

/// Every ready experiment, in the order the page offers them.
pub fn all() -> Vec<Ready> {
    vec![
        Ready {
            id: "clustered-vs-dense",
            title: "Is hybrid signaling slower through a clustered network?",
            about: "The page's two networks, same firms and ties, with 3, 5 or 10 coordinators \
                    signaling two ties away: the clustered network takes far longer, or never \
                    gets there.",
            panes: vec![
                pane("Clustered", clustered()),
                pane(
                    "Dense",
                    Scenario {
                        network: NetworkSpec::Gnm { ties: 240 },
                        ..dense()
                    },
                ),
            ],
            spec: spec(
                "clustered-vs-dense",
                ArmsOf::Panes,
                axis("coordinators", &[3.0, 5.0, 10.0]),
                None,
                40,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "density",
            title: "Do denser networks fall into step faster?",
            about: "Firms react to their partners only, on random networks of 100 firms with \
                    4, 10 or 20 partners each. At 4, many networks fall apart into \
                    pieces that can never share a rhythm.",
            panes: vec![
                pane(
                    "Sparse: 4 partners",
                    reactive(100, NetworkSpec::ErdosRenyi { mean_degree: 4.0 }),
                ),
                pane(
                    "Dense: 20 partners",
                    reactive(100, NetworkSpec::ErdosRenyi { mean_degree: 20.0 }),
                ),
            ],
            spec: spec(
                "density",
                ArmsOf::Pane(0),
                axis("network.meanDegree", &[4.0, 10.0, 20.0]),
                None,
                40,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "clustering",
            title: "Does clustering slow synchrony?",
            about: "100 firms in 5 subgroups, 10 partners each; only the share of ties between \
                    subgroups changes: at equal density, does clustering slow synchrony?",
            panes: vec![
                pane("Clustered: 2% of ties between", subgroups(0.02)),
                pane("Mixed: 50% of ties between", subgroups(0.5)),
            ],
            spec: spec(
                "clustering",
                ArmsOf::Pane(0),
                axis("network.betweenShare", &[0.02, 0.05, 0.2, 0.5]),
                None,
                40,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "locality",
            title: "Do firms tied to their neighbours on a ring fall into step slowly?",
            about: "A ring lattice is as clustered as the subgroups, but by locality. Rewiring \
                    its ties at random changes little: subgroups, not triangles, slow synchrony.",
            panes: vec![
                pane("Ring lattice", ring(0.0)),
                pane("Ring, every tie rewired", ring(1.0)),
            ],
            spec: spec(
                "locality",
                ArmsOf::Pane(0),
                axis("network.rewire", &[0.0, 0.1, 1.0]),
                None,
                40,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "coordination",
            title: "Do a few coordinators speed synchrony?",
            about: "The same dense networks with nobody planning (reactive), five coordinators \
                    sharing a roadmap (planned), and the same five signaling (hybrid).",
            panes: vec![
                pane(
                    "Reactive: nobody plans",
                    Scenario {
                        mode: Mode::Reactive,
                        ..dense()
                    },
                ),
                pane("Hybrid: five coordinators signal", dense()),
            ],
            spec: spec(
                "coordination",
                ArmsOf::Modes(0),
                axis("network.meanDegree", &[6.0, 8.0, 12.0]),
                None,
                40,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "roadmap",
            title: "Do coordinators win their rhythm?",
            about: "How often the network ends on the coordinators' roadmap, as the \
                    coordinators give way to outside pulses (responsiveness rho). Reactive \
                    firms' would-be coordinators show what chance gives.",
            panes: vec![
                pane(
                    "Coordinators never give way",
                    Scenario {
                        responsiveness: 0.0,
                        ..dense()
                    },
                ),
                pane(
                    "Coordinators give way (ρ 0.1)",
                    Scenario {
                        responsiveness: 0.1,
                        ..dense()
                    },
                ),
            ],
            spec: spec(
                "roadmap",
                ArmsOf::Modes(0),
                axis("responsiveness", &[0.0, 0.02, 0.1]),
                None,
                40,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "convergence",
            title: "Does the chance of converging to the roadmap grow with density more than with tie strength?",
            about: "Hybrid coordination over a grid of partners per firm and the share of \
                    intense ties: read the converged share across the map.",
            panes: vec![
                pane("Sparse: 3 partners", with_degree(3.0)),
                pane("Dense: 16 partners", with_degree(16.0)),
            ],
            spec: spec(
                "convergence",
                ArmsOf::Pane(0),
                axis("network.meanDegree", &[3.0, 5.0, 8.0, 16.0]),
                Some(axis("intenseShare", &[1.0, 0.5, 0.2])),
                20,
                DEFAULT_CAP,
            ),
        },
        Ready {
            id: "mirollo-strogatz",
            title: "Does every complete network fall into step (Mirollo–Strogatz)?",
            about: "50 firms all tied to each other, one pulse per instant: with concave \
                    coupling (b > 0) every run falls into step, faster with stronger pulses; \
                    with b <= 0 none does.",
            panes: vec![
                pane("Concave: b = 3", complete(3.0)),
                pane("Convex: b = −1", complete(-1.0)),
            ],
            spec: spec(
                "mirollo-strogatz",
                ArmsOf::Pane(0),
                axis("eps", &[0.02, 0.05, 0.1]),
                Some(axis("dissipation", &[3.0, 1.0, 0.0, -1.0])),
                20,
                100.0,
            ),
        },
    ]
}

impl Ready {
    /// The experiment on this one's panes.
    pub fn experiment(&self) -> Result<Experiment, FieldError> {
        let panes: Vec<(Option<String>, Scenario)> = self
            .panes
            .iter()
            .map(|p| (p.label.clone(), p.scenario.clone()))
            .collect();
        self.spec.resolve(&panes)
    }
}

/// The ready experiment `id`, if there is one.
pub fn find(id: &str) -> Option<Ready> {
    all().into_iter().find(|r| r.id == id)
}
