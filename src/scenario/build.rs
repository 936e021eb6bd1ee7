//! A checked scenario made ready to run: its network (with tie strengths),
//! its coordinators, and the engine's setup, all from the seed. Only a
//! [`Checked`] scenario builds, so nothing here checks again.

use crate::error::FieldError;
use crate::model::engine::{Coordination, Setup, Signal, Slips};
use crate::model::measures::Roadmap;
use crate::network::generators::{Generated, NetworkSpec};
use crate::network::stats::within_hops;
use crate::network::{FirmId, Network};
use crate::scenario::check::Checked;
use crate::scenario::{Choice, Mode, Reach};
use crate::seeded::{Seeded, Stream};

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

impl Checked {
    /// Generates the network with its tie strengths (before coordination).
    pub fn network(&self) -> Result<Generated, FieldError> {
        let mut rng = Seeded::new(self.seed, Stream::Network);
        let generated = self
            .network
            .generate(self.firms, &mut rng)
            .map_err(|e| FieldError::new("network", e.to_string()))?;
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
    pub fn build(&self) -> Result<Built, FieldError> {
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

        // The roadmap: the coordinators' planned phase at time 0.
        let planned = Seeded::new(self.seed, Stream::Coordinators).unit();
        let mut phases = self.initial_phases(n);
        let cycles = self.cycle_lengths(n);
        let mut roadmap_cycle = 1.0;
        if coordinated {
            coordinators
                .iter()
                .for_each(|&f| phases[f as usize] = planned);
            // Coordinators plan on the quickest of their own cycles.
            roadmap_cycle = coordinators
                .iter()
                .map(|&f| cycles[f as usize])
                .fold(f64::INFINITY, f64::min);
        }

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

    /// Each firm's phase at time 0, uniform from the seed.
    fn initial_phases(&self, n: usize) -> Vec<f64> {
        let mut rng = Seeded::new(self.seed, Stream::Phases);
        (0..n).map(|_| rng.unit()).collect()
    }

    /// Each firm's planned cycle length: 1, or spread over `1 +/- h`.
    fn cycle_lengths(&self, n: usize) -> Vec<f64> {
        let mut rng = Seeded::new(self.seed, Stream::Cycles);
        (0..n)
            .map(|_| {
                if self.cycle_spread > 0.0 {
                    1.0 + self.cycle_spread * (2.0 * rng.unit() - 1.0)
                } else {
                    1.0
                }
            })
            .collect()
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
