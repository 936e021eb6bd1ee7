//! Network generators, all driven by the scenario seed.
//!
//! Kinds: complete, ring lattice, Erdos-Renyi G(n, p) and G(n, m), planted
//! partition (subgroups joined by few ties; the share of ties between
//! subgroups is the clustering knob at a fixed mean degree), Watts-Strogatz,
//! Barabasi-Albert, random geometric ("colocated" firms), and an imported
//! edge list (which carries its whole network, so needs no seed).
//! Disconnected results are kept as they are: statistics report the
//! components.

use crate::network::edgelist::EdgeList;
use crate::network::{FirmId, Network, NetworkError};
use crate::seeded::Seeded;
use serde::{Deserialize, Serialize};
use std::collections::HashSet;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(
    tag = "kind",
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    deny_unknown_fields
)]
pub enum NetworkSpec {
    Complete,
    /// Each firm tied to its `degree / 2` nearest firms on each side.
    RingLattice {
        #[serde(default = "default_degree")]
        degree: usize,
    },
    /// G(n, p) with `p = mean_degree / (n - 1)`.
    ErdosRenyi {
        #[serde(default = "default_mean_degree")]
        mean_degree: f64,
    },
    /// G(n, m): exactly `ties` ties, uniformly placed.
    Gnm {
        #[serde(default = "default_ties")]
        ties: usize,
    },
    /// `groups` subgroups; `between_share` of the ties leave a subgroup.
    PlantedPartition {
        #[serde(default = "default_groups")]
        groups: usize,
        #[serde(default = "default_mean_degree")]
        mean_degree: f64,
        #[serde(default = "default_between_share")]
        between_share: f64,
    },
    /// A ring lattice whose ties are each rewired with probability `rewire`.
    WattsStrogatz {
        #[serde(default = "default_degree")]
        degree: usize,
        #[serde(default = "default_rewire")]
        rewire: f64,
    },
    /// Growth by preferential attachment of `attach` ties per new firm.
    BarabasiAlbert {
        #[serde(default = "default_attach")]
        attach: usize,
    },
    /// Firms at random places in the unit square, tied when close enough
    /// for `mean_degree` partners on average.
    Geometric {
        #[serde(default = "default_mean_degree")]
        mean_degree: f64,
    },
    /// An imported network (CSV), carried whole: its firm count is the
    /// scenario's `firms`, its strengths are the ties' strengths.
    EdgeList(EdgeList),
}

// Defaults for a kind's knobs, so `{"kind": "ringLattice"}` alone is a network:
// about 8 partners per firm, as in the default scenario.
fn default_mean_degree() -> f64 {
    8.0
}
fn default_degree() -> usize {
    8
}
fn default_ties() -> usize {
    240
}
fn default_groups() -> usize {
    4
}
fn default_between_share() -> f64 {
    0.03
}
fn default_rewire() -> f64 {
    0.1
}
fn default_attach() -> usize {
    4
}

/// A generated network, with the firms' places when the generator has them.
pub struct Generated {
    pub network: Network,
    pub places: Option<Vec<[f64; 2]>>,
}

impl NetworkSpec {
    /// A network kind's knobs at their defaults, as JSON (`{"kind":
    /// "ringLattice", "degree": 8}`); null for a kind that needs data.
    pub fn defaults_json(kind: &str) -> serde_json::Value {
        serde_json::from_value::<NetworkSpec>(serde_json::json!({ "kind": kind }))
            .ok()
            .and_then(|spec| serde_json::to_value(spec).ok())
            .unwrap_or_default()
    }

    /// The kind's name in JSON and the table (`plantedPartition`).
    pub fn kind(&self) -> &'static str {
        match self {
            NetworkSpec::Complete => "complete",
            NetworkSpec::RingLattice { .. } => "ringLattice",
            NetworkSpec::ErdosRenyi { .. } => "erdosRenyi",
            NetworkSpec::Gnm { .. } => "gnm",
            NetworkSpec::PlantedPartition { .. } => "plantedPartition",
            NetworkSpec::WattsStrogatz { .. } => "wattsStrogatz",
            NetworkSpec::BarabasiAlbert { .. } => "barabasiAlbert",
            NetworkSpec::Geometric { .. } => "geometric",
            NetworkSpec::EdgeList(_) => "edgeList",
        }
    }

    /// The firms' names when the network has them (an imported list).
    pub fn firm_names(&self) -> Option<Vec<String>> {
        match self {
            NetworkSpec::EdgeList(list) => Some(list.firm_names()),
            _ => None,
        }
    }

    pub fn generate(&self, n: usize, rng: &mut Seeded) -> Result<Generated, NetworkError> {
        let mut groups = Vec::new();
        let mut places = None;
        let pairs = match *self {
            NetworkSpec::Complete => complete(n),
            NetworkSpec::RingLattice { degree } => ring_lattice(n, degree),
            NetworkSpec::ErdosRenyi { mean_degree } => {
                gnp(n, mean_degree / (n.max(2) - 1) as f64, rng)
            }
            NetworkSpec::Gnm { ties } => gnm(n, ties, rng),
            NetworkSpec::PlantedPartition {
                groups: g,
                mean_degree,
                between_share,
            } => {
                groups = (0..n).map(|i| (i * g.max(1) / n.max(1)) as u32).collect();
                planted_partition(&groups, mean_degree, between_share, rng)
            }
            NetworkSpec::WattsStrogatz { degree, rewire } => watts_strogatz(n, degree, rewire, rng),
            NetworkSpec::BarabasiAlbert { attach } => barabasi_albert(n, attach, rng),
            NetworkSpec::Geometric { mean_degree } => {
                let (p, ties) = geometric(n, mean_degree, rng);
                places = Some(p);
                ties
            }
            NetworkSpec::EdgeList(ref list) => {
                return Ok(Generated {
                    network: list.network()?,
                    places: None,
                });
            }
        };
        let ties = pairs.into_iter().map(|(a, b)| (a, b, 1.0));
        Ok(Generated {
            network: Network::from_ties(n, ties, groups)?,
            places,
        })
    }
}

type Pairs = Vec<(FirmId, FirmId)>;

fn complete(n: usize) -> Pairs {
    (0..n)
        .flat_map(|a| (a + 1..n).map(move |b| (a as FirmId, b as FirmId)))
        .collect()
}

fn ring_lattice(n: usize, degree: usize) -> Pairs {
    let half = (degree / 2).min(n.saturating_sub(1) / 2);
    let mut pairs = Vec::with_capacity(n * half);
    for a in 0..n {
        for step in 1..=half {
            pairs.push((a as FirmId, ((a + step) % n) as FirmId));
        }
    }
    pairs
}

/// G(n, p) in time proportional to the ties (Batagelj and Brandes 2005).
fn gnp(n: usize, p: f64, rng: &mut Seeded) -> Pairs {
    if p >= 1.0 {
        return complete(n);
    }
    let mut pairs = Vec::new();
    if p <= 0.0 || n < 2 {
        return pairs;
    }
    let log_q = libm::log1p(-p);
    let (mut v, mut w) = (1usize, -1i64);
    while v < n {
        let skip = libm::floor(libm::log1p(-rng.unit()) / log_q);
        w += 1 + skip.min(n as f64 * n as f64) as i64;
        while w >= v as i64 && v < n {
            w -= v as i64;
            v += 1;
        }
        if v < n {
            pairs.push((w as FirmId, v as FirmId));
        }
    }
    pairs
}

fn gnm(n: usize, ties: usize, rng: &mut Seeded) -> Pairs {
    let total = n * n.saturating_sub(1) / 2;
    distinct_pairs(
        ties.min(total),
        total,
        rng,
        |rng| (rng.below(n), rng.below(n)),
        || complete(n),
    )
}

/// Draws `count` distinct pairs among `total` candidates: by rejection when
/// sparse, by shuffling the enumerated candidates when dense.
fn distinct_pairs(
    count: usize,
    total: usize,
    rng: &mut Seeded,
    mut draw: impl FnMut(&mut Seeded) -> (usize, usize),
    enumerate: impl FnOnce() -> Pairs,
) -> Pairs {
    if count * 2 > total {
        let mut all = enumerate();
        rng.shuffle(&mut all);
        all.truncate(count);
        return all;
    }
    let mut seen = HashSet::with_capacity(count);
    let mut pairs = Vec::with_capacity(count);
    while pairs.len() < count {
        let (a, b) = draw(rng);
        let pair = (a.min(b) as FirmId, a.max(b) as FirmId);
        if a != b && seen.insert(pair) {
            pairs.push(pair);
        }
    }
    pairs
}

fn planted_partition(
    groups: &[u32],
    mean_degree: f64,
    between_share: f64,
    rng: &mut Seeded,
) -> Pairs {
    let n = groups.len();
    let group_count = groups.iter().max().map_or(0, |&g| g as usize + 1);
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); group_count];
    for (firm, &g) in groups.iter().enumerate() {
        members[g as usize].push(firm);
    }
    let within_total: usize = members
        .iter()
        .map(|m| m.len() * m.len().saturating_sub(1) / 2)
        .sum();
    let between_total = n * n.saturating_sub(1) / 2 - within_total;
    let ties = libm::round(n as f64 * mean_degree / 2.0) as usize;
    let between =
        (libm::round(ties as f64 * between_share.clamp(0.0, 1.0)) as usize).min(between_total);
    let within = (ties - between.min(ties)).min(within_total);

    let all_pairs = || complete(n);
    let same = |&(a, b): &(FirmId, FirmId)| groups[a as usize] == groups[b as usize];
    let mut pairs = distinct_pairs(
        within,
        within_total,
        rng,
        |rng| {
            let a = rng.below(n);
            let group = &members[groups[a] as usize];
            (a, group[rng.below(group.len())])
        },
        || all_pairs().into_iter().filter(same).collect(),
    );
    pairs.extend(distinct_pairs(
        between,
        between_total,
        rng,
        |rng| {
            let (a, b) = (rng.below(n), rng.below(n));
            if groups[a] == groups[b] {
                (a, a)
            } else {
                (a, b)
            }
        },
        || all_pairs().into_iter().filter(|p| !same(p)).collect(),
    ));
    pairs
}

fn watts_strogatz(n: usize, degree: usize, rewire: f64, rng: &mut Seeded) -> Pairs {
    let lattice = ring_lattice(n, degree);
    let mut present: HashSet<(FirmId, FirmId)> =
        lattice.iter().map(|&(a, b)| (a.min(b), a.max(b))).collect();
    let mut pairs = Vec::with_capacity(lattice.len());
    for (a, b) in lattice {
        let mut tie = (a, b);
        // A firm tied to everyone cannot be rewired.
        if rng.unit() < rewire && present.len() < n * (n - 1) / 2 {
            loop {
                let c = rng.below(n) as FirmId;
                let key = (a.min(c), a.max(c));
                if c != a && !present.contains(&key) {
                    present.remove(&(a.min(b), a.max(b)));
                    present.insert(key);
                    tie = (a, c);
                    break;
                }
                if net_full(&present, a, n) {
                    break;
                }
            }
        }
        pairs.push(tie);
    }
    pairs
}

fn net_full(present: &HashSet<(FirmId, FirmId)>, a: FirmId, n: usize) -> bool {
    (0..n as FirmId).all(|c| c == a || present.contains(&(a.min(c), a.max(c))))
}

fn barabasi_albert(n: usize, attach: usize, rng: &mut Seeded) -> Pairs {
    let attach = attach.max(1);
    let seed_firms = (attach + 1).min(n);
    let mut pairs = complete(seed_firms);
    // Each firm appears once per tie it has: drawing from this list is
    // drawing proportionally to degree.
    let mut ends: Vec<FirmId> = pairs.iter().flat_map(|&(a, b)| [a, b]).collect();
    for new in seed_firms..n {
        let mut chosen: Vec<FirmId> = Vec::with_capacity(attach);
        while chosen.len() < attach.min(new) {
            let target = ends[rng.below(ends.len())];
            if !chosen.contains(&target) {
                chosen.push(target);
            }
        }
        for &t in &chosen {
            pairs.push((t, new as FirmId));
            ends.extend([t, new as FirmId]);
        }
    }
    pairs
}

fn geometric(n: usize, mean_degree: f64, rng: &mut Seeded) -> (Vec<[f64; 2]>, Pairs) {
    let places: Vec<[f64; 2]> = (0..n).map(|_| [rng.unit(), rng.unit()]).collect();
    let radius = libm::sqrt(mean_degree.max(0.0) / (core::f64::consts::PI * (n.max(2) - 1) as f64));
    // Bucket firms in cells of side >= radius; only neighbouring cells can tie.
    let cells = ((1.0 / radius.max(1e-9)) as usize).clamp(1, 1024);
    let cell_of = |p: &[f64; 2]| {
        ((p[0] * cells as f64) as usize).min(cells - 1)
            + cells * ((p[1] * cells as f64) as usize).min(cells - 1)
    };
    let mut buckets: Vec<Vec<usize>> = vec![Vec::new(); cells * cells];
    for (i, p) in places.iter().enumerate() {
        buckets[cell_of(p)].push(i);
    }
    let mut pairs = Vec::new();
    for (a, p) in places.iter().enumerate() {
        let (cx, cy) = (cell_of(p) % cells, cell_of(p) / cells);
        for y in cy.saturating_sub(1)..=(cy + 1).min(cells - 1) {
            for x in cx.saturating_sub(1)..=(cx + 1).min(cells - 1) {
                for &b in &buckets[x + cells * y] {
                    let q = places[b];
                    if b > a && (p[0] - q[0]).powi(2) + (p[1] - q[1]).powi(2) < radius * radius {
                        pairs.push((a as FirmId, b as FirmId));
                    }
                }
            }
        }
    }
    (places, pairs)
}
