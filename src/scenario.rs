//! A scenario: every parameter of a run and its seed. The same scenario
//! always gives the same network, phases and release sequence.

use crate::engine::{Coordination, Setup, Signal, Slips};
use crate::generators::{Generated, NetworkSpec};
use crate::measures::Roadmap;
use crate::network::{FirmId, MAX_FIRMS, Network};
use crate::seeded::{Seeded, Stream};
use crate::stats::within_hops;
use serde::{Deserialize, Serialize};
use std::fmt;

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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Choice {
    HighestDegree,
    Random,
    /// The firms listed in `chosen`.
    Chosen,
}

/// How far a hybrid signal travels.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Reach {
    Partners,
    TwoHops,
    All,
}

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

/// A scenario value that cannot run, naming the field and the reason.
#[derive(Clone, Debug, PartialEq)]
pub struct ScenarioError {
    pub field: String,
    pub reason: String,
}

impl fmt::Display for ScenarioError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.reason)
    }
}

impl std::error::Error for ScenarioError {}

fn check(ok: bool, field: &str, reason: impl FnOnce() -> String) -> Result<(), ScenarioError> {
    if ok {
        Ok(())
    } else {
        Err(ScenarioError {
            field: field.into(),
            reason: reason(),
        })
    }
}

fn in_range(value: f64, lo: f64, hi: f64, field: &str) -> Result<(), ScenarioError> {
    check(value >= lo && value <= hi, field, || {
        format!("{value} is outside [{lo}, {hi}]")
    })
}

/// A scenario made ready to run: network, coordinators and engine setup.
pub struct Built {
    pub setup: Setup,
    pub places: Option<Vec<[f64; 2]>>,
    /// Coordinators (would-be coordinators in reactive mode), sorted.
    pub coordinators: Vec<FirmId>,
    pub roadmap: Roadmap,
    /// Ties of the alliance network before coordinators were tied together.
    pub generated_ties: usize,
}

impl Scenario {
    /// Checks every field; the first problem found is returned.
    pub fn validate(&self) -> Result<(), ScenarioError> {
        let n = self.firms;
        check((2..=MAX_FIRMS).contains(&n), "firms", || {
            format!("{n} is outside [2, {MAX_FIRMS}]")
        })?;
        in_range(self.eps, 0.0, 1.0, "eps")?;
        in_range(self.dissipation, -10.0, 10.0, "dissipation")?;
        check(self.coordinators < n, "coordinators", || {
            format!("{} must be fewer than the {n} firms", self.coordinators)
        })?;
        in_range(self.responsiveness, 0.0, 1.0, "responsiveness")?;
        in_range(self.eps_signal, 0.0, 1.0, "epsSignal")?;
        in_range(self.intense_share, 0.0, 1.0, "intenseShare")?;
        check(
            self.arms_length > 0.0 && self.arms_length <= 1.0,
            "armsLength",
            || format!("{} is outside (0, 1]", self.arms_length),
        )?;
        in_range(self.slips, 0.0, 0.3, "slips")?;
        in_range(self.cycle_spread, 0.0, 0.5, "cycleSpread")?;
        in_range(self.delta, 0.001, 0.2, "delta")?;
        if let Some(&bad) = self.chosen.iter().find(|&&f| f as usize >= n) {
            return Err(ScenarioError {
                field: "chosen".into(),
                reason: format!("firm {bad} does not exist (firms are 0 to {})", n - 1),
            });
        }
        self.validate_network()
    }

    fn validate_network(&self) -> Result<(), ScenarioError> {
        let n = self.firms as f64;
        let max_degree = (n - 1.0).min(200.0);
        let degree = |d: f64, field: &str| in_range(d, 0.0, max_degree, field);
        match self.network {
            NetworkSpec::EdgeList(ref list) => {
                list.check()
                    .map_err(|(field, reason)| ScenarioError { field, reason })?;
                let listed = list.firm_count();
                check(listed == self.firms, "firms", || {
                    format!(
                        "{} disagrees with the imported network's {listed} firms",
                        self.firms
                    )
                })
            }
            NetworkSpec::Complete => check(self.firms <= 2_000, "network", || {
                "a complete network is limited to 2000 firms".into()
            }),
            NetworkSpec::RingLattice { degree: d } => degree(d as f64, "network.degree"),
            NetworkSpec::ErdosRenyi { mean_degree } => degree(mean_degree, "network.meanDegree"),
            NetworkSpec::Gnm { ties } => {
                let pairs = self.firms * (self.firms - 1) / 2;
                check(ties <= pairs, "network.ties", || {
                    format!(
                        "{ties} ties is more than the {pairs} pairs of {} firms",
                        self.firms
                    )
                })?;
                degree(2.0 * ties as f64 / n, "network.ties (as mean degree)")
            }
            NetworkSpec::PlantedPartition {
                groups,
                mean_degree,
                between_share,
            } => {
                check(
                    groups >= 1 && groups <= self.firms,
                    "network.groups",
                    || format!("{groups} is outside [1, {}]", self.firms),
                )?;
                degree(mean_degree, "network.meanDegree")?;
                in_range(between_share, 0.0, 1.0, "network.betweenShare")
            }
            NetworkSpec::WattsStrogatz { degree: d, rewire } => {
                degree(d as f64, "network.degree")?;
                in_range(rewire, 0.0, 1.0, "network.rewire")
            }
            NetworkSpec::BarabasiAlbert { attach } => degree(attach as f64, "network.attach"),
            NetworkSpec::Geometric { mean_degree } => degree(mean_degree, "network.meanDegree"),
        }
    }

    /// Generates the network with its tie strengths (before coordination).
    pub fn network(&self) -> Result<Generated, ScenarioError> {
        self.validate()?;
        let mut rng = Seeded::new(self.seed, Stream::Network);
        let generated = self
            .network
            .generate(self.firms, &mut rng)
            .map_err(|e| ScenarioError {
                field: "network".into(),
                reason: e.to_string(),
            })?;
        // An imported network's strengths are its own.
        if self.intense_share >= 1.0 || matches!(self.network, NetworkSpec::EdgeList(_)) {
            return Ok(generated);
        }
        let mut rng = Seeded::new(self.seed, Stream::Strengths);
        let network = generated.network.with_strengths(|_, _| {
            if rng.unit() < self.intense_share {
                1.0
            } else {
                self.arms_length
            }
        });
        Ok(Generated {
            network,
            ..generated
        })
    }

    /// The coordinators of `network`, sorted by id.
    pub fn choose_coordinators(&self, network: &Network) -> Vec<FirmId> {
        let n = network.firm_count();
        let k = self.coordinators.min(n);
        let mut firms: Vec<FirmId> = match self.choice {
            Choice::Chosen => {
                let mut chosen = self.chosen.clone();
                chosen.dedup();
                chosen
            }
            Choice::HighestDegree => {
                let mut all: Vec<FirmId> = (0..n as FirmId).collect();
                // Stable: equal degrees keep the lower id first.
                all.sort_by_key(|&f| std::cmp::Reverse(network.degree(f)));
                all.truncate(k);
                all
            }
            Choice::Random => {
                let mut all: Vec<FirmId> = (0..n as FirmId).collect();
                Seeded::new(self.seed, Stream::Coordinators).shuffle(&mut all);
                all.truncate(k);
                all
            }
        };
        firms.sort_unstable();
        firms.dedup();
        firms
    }

    /// Everything the engine needs, from the seed.
    pub fn build(&self) -> Result<Built, ScenarioError> {
        let Generated {
            mut network,
            places,
        } = self.network()?;
        let n = network.firm_count();
        let generated_ties = network.tie_count();
        let coordinators = self.choose_coordinators(&network);
        let coordinated = self.mode != Mode::Reactive && !coordinators.is_empty();
        if coordinated {
            network = network.with_intense_ties_among(&coordinators);
        }

        let mut rng = Seeded::new(self.seed, Stream::Phases);
        let mut phases: Vec<f64> = (0..n).map(|_| rng.unit()).collect();
        // The roadmap: the coordinators' planned phase at time 0.
        let planned = Seeded::new(self.seed, Stream::Coordinators).unit();
        if coordinated {
            coordinators
                .iter()
                .for_each(|&f| phases[f as usize] = planned);
        }
        let mut rng = Seeded::new(self.seed, Stream::Cycles);
        let cycles: Vec<f64> = (0..n)
            .map(|_| {
                if self.cycle_spread > 0.0 {
                    1.0 + self.cycle_spread * (2.0 * rng.unit() - 1.0)
                } else {
                    1.0
                }
            })
            .collect();
        let roadmap_cycle = if coordinated {
            coordinators
                .iter()
                .map(|&f| cycles[f as usize])
                .fold(f64::INFINITY, f64::min)
        } else {
            1.0
        };

        let coordination = coordinated.then(|| Coordination {
            firms: coordinators.clone(),
            responsiveness: self.responsiveness,
            signal: (self.mode == Mode::Hybrid).then(|| Signal {
                strength: self.eps_signal,
                audience: self.audience(&network, &coordinators),
            }),
        });
        let slips = (self.slips > 0.0).then(|| Slips {
            sigma: self.slips,
            rng: Seeded::new(self.seed, Stream::Slips),
        });
        let setup = Setup {
            network,
            dissipation: self.dissipation,
            eps: self.eps,
            cycles,
            phases,
            one_pulse_per_event: self.one_pulse_per_event,
            coordination,
            slips,
        };
        let roadmap = Roadmap {
            first: (1.0 - planned) * roadmap_cycle,
            cycle: roadmap_cycle,
        };
        Ok(Built {
            setup,
            places,
            coordinators,
            roadmap,
            generated_ties,
        })
    }

    /// Firms a hybrid signal reaches, coordinators excluded, sorted.
    fn audience(&self, network: &Network, coordinators: &[FirmId]) -> Vec<FirmId> {
        let hops = match self.reach {
            Reach::Partners => 1,
            Reach::TwoHops => 2,
            Reach::All => u32::MAX,
        };
        let mut firms: Vec<FirmId> = if hops == u32::MAX {
            (0..network.firm_count() as FirmId).collect()
        } else {
            within_hops(network, coordinators, hops)
        };
        firms.retain(|f| coordinators.binary_search(f).is_err());
        firms.sort_unstable();
        firms
    }
}
