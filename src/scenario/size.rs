//! How big a scenario is before it is built, and the budgets it must fit:
//! the core's limits, and the page's (per pane). Derived sizes count: the
//! coordinators' intense ties among themselves, and a complete network's
//! ties, are known before anything is generated, so a scenario too big to
//! run is refused in a message, never found out by a frozen tab or a crash.

use crate::error::{FieldError, fail};
use crate::network::generators::NetworkSpec;
use crate::network::{MAX_FIRMS, MAX_TIES};

/// Most firms and ties of one pane on the page (the core runs [`MAX_FIRMS`]).
pub const PAGE_FIRMS: usize = 50_000;
pub const PAGE_TIES: usize = 500_000;

/// What a built scenario will hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Size {
    /// The knob that sets the network's ties (`network.meanDegree`,
    /// `network.ties`, ...), or `ties` where no knob does (a complete
    /// network's, an imported one's).
    pub ties_field: &'static str,
    pub firms: u64,
    /// The network's ties: exact, or the expected count of a random kind.
    pub network_ties: u64,
    /// Coordinators tied to each other (0 in reactive mode).
    pub coordinators: u64,
}

impl Size {
    /// The size of `firms` firms on `network` with `coordinators` tied together.
    pub fn of(firms: usize, network: &NetworkSpec, coordinators: usize) -> Size {
        let n = firms as u64;
        let pairs = n * n.saturating_sub(1) / 2;
        let half_degree = |d: f64| libm::round(n as f64 * d.max(0.0) / 2.0) as u64;
        let network_ties = match *network {
            NetworkSpec::Complete => pairs,
            NetworkSpec::RingLattice { degree } | NetworkSpec::WattsStrogatz { degree, .. } => {
                n * (degree as u64 / 2).min(n.saturating_sub(1) / 2)
            }
            NetworkSpec::ErdosRenyi { mean_degree }
            | NetworkSpec::Geometric { mean_degree }
            | NetworkSpec::PlantedPartition { mean_degree, .. } => half_degree(mean_degree),
            NetworkSpec::Gnm { ties } => ties as u64,
            NetworkSpec::BarabasiAlbert { attach } => {
                let m = (attach as u64).max(1);
                let seed = (m + 1).min(n);
                seed * seed.saturating_sub(1) / 2 + n.saturating_sub(seed) * m
            }
            NetworkSpec::EdgeList(ref list) => list.ties.len() as u64,
        }
        .min(pairs);
        // Where no knob sets them, the ties are named as what they are.
        let ties_field = match network {
            NetworkSpec::Complete | NetworkSpec::EdgeList(_) => "ties",
            NetworkSpec::RingLattice { .. } | NetworkSpec::WattsStrogatz { .. } => "network.degree",
            NetworkSpec::Gnm { .. } => "network.ties",
            NetworkSpec::BarabasiAlbert { .. } => "network.attach",
            _ => "network.meanDegree",
        };
        Size {
            ties_field,
            firms: n,
            network_ties,
            coordinators: coordinators as u64,
        }
    }

    /// Intense ties among the coordinators.
    pub fn coordinator_ties(&self) -> u64 {
        self.coordinators * self.coordinators.saturating_sub(1) / 2
    }

    pub fn ties(&self) -> u64 {
        self.network_ties + self.coordinator_ties()
    }
}

/// Most firms and ties a run may have, and how to name that limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Budget {
    pub firms: usize,
    pub ties: usize,
    /// How a message names the limit: "the limit", "this page's limit per pane".
    pub name: &'static str,
    /// Where a bigger scenario can run, if anywhere.
    pub elsewhere: &'static str,
}

impl Budget {
    /// The core's limits (the command line and the library).
    pub const CORE: Budget = Budget {
        firms: MAX_FIRMS,
        ties: MAX_TIES,
        name: "the limit",
        elsewhere: "",
    };
    /// One pane of the page.
    pub const PAGE: Budget = Budget {
        firms: PAGE_FIRMS,
        ties: PAGE_TIES,
        name: "this page's limit per pane",
        elsewhere: "; the command line (lockstep run --url LINK) runs more",
    };

    fn over(&self, what: String, limit: String) -> String {
        format!(
            "{what} is more than {} of {limit}{}",
            self.name, self.elsewhere
        )
    }

    /// Whether `size` fits, naming the field that breaks it: `firms`, the
    /// network, or the coordinators (`coordinators_field`: `coordinators`
    /// or `chosen`) when their ties tip the total over.
    pub fn check(&self, size: &Size, coordinators_field: &str) -> Result<(), FieldError> {
        let (firms, ties) = (self.firms as u64, self.ties as u64);
        if size.firms > firms {
            let reason = self.over(format!("{} firms", size.firms), format!("{firms} firms"));
            return fail("firms", reason);
        }
        if size.network_ties > ties {
            let what = match size.ties_field {
                "ties" if size.network_ties == size.firms * size.firms.saturating_sub(1) / 2 => {
                    format!(
                        "{} ties (every pair of {} firms)",
                        size.network_ties, size.firms
                    )
                }
                "ties" | "network.ties" => format!("{} ties", size.network_ties),
                _ => format!("about {} ties", size.network_ties),
            };
            return fail(size.ties_field, self.over(what, format!("{ties} ties")));
        }
        if size.ties() > ties {
            let what = format!(
                "{} coordinators tie to each other with {} intense ties, which with the \
                 network's {} make {}: that",
                size.coordinators,
                size.coordinator_ties(),
                size.network_ties,
                size.ties(),
            );
            return fail(coordinators_field, self.over(what, format!("{ties} ties")));
        }
        Ok(())
    }

    /// Whether a built network's ties fit (a random network can land a
    /// little above its expected count).
    pub fn check_built(&self, ties: usize) -> Result<(), FieldError> {
        if ties > self.ties {
            let reason = self.over(format!("{ties} ties"), format!("{} ties", self.ties));
            return fail("network", reason);
        }
        Ok(())
    }
}

/// Most firms a complete network can have within `ties` ties.
pub fn complete_firms(ties: usize) -> usize {
    // n(n - 1)/2 <= ties  <=>  n <= (1 + sqrt(1 + 8 ties)) / 2
    let n = ((1.0 + libm::sqrt(1.0 + 8.0 * ties as f64)) / 2.0) as usize;
    (n.saturating_sub(2)..=n + 1)
        .rev()
        .find(|&n| n * n.saturating_sub(1) / 2 <= ties)
        .unwrap_or(0)
}
