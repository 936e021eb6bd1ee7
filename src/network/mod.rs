//! The alliance network: firms joined by undirected ties of strength `w`.
//!
//! Generators list ties; the engine reads a compact adjacency (offsets into
//! one partner list) because every release walks a firm's partners, and
//! that walk must be a slice, not a pointer chase. Building one is linear
//! in firms and ties (a million firms must build in seconds).

pub mod csv;
pub mod edgelist;
pub mod generators;
pub mod stats;

use petgraph::graph::UnGraph;
use std::fmt;

/// Index of a firm. `u32` everywhere, so stored data is the same on wasm32.
pub type FirmId = u32;

/// Firm count above which the page and the codecs refuse a network.
pub const MAX_FIRMS: usize = 1_000_000;
/// Tie count above which a network is refused (keeps memory and frames bounded).
pub const MAX_TIES: usize = 20_000_000;

#[derive(Clone, Debug, PartialEq)]
pub struct Network {
    firms: usize,
    /// Each tie once, `a < b`, in the order they were made.
    ties: Vec<(FirmId, FirmId, f64)>,
    offsets: Vec<u32>,
    partners: Vec<FirmId>,
    strengths: Vec<f64>,
    /// Subgroup of each firm (all 0 when the network has none).
    groups: Vec<u32>,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NetworkError {
    TooManyFirms(usize),
    TooManyTies(usize),
    SelfLoop(FirmId),
    UnknownFirm(FirmId),
    BadStrength(f64),
}

impl fmt::Display for NetworkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NetworkError::TooManyFirms(n) => {
                write!(f, "{n} firms is more than the limit of {MAX_FIRMS}")
            }
            NetworkError::TooManyTies(m) => {
                write!(f, "{m} ties is more than the limit of {MAX_TIES}")
            }
            NetworkError::SelfLoop(a) => write!(f, "firm {a} cannot have a tie to itself"),
            NetworkError::UnknownFirm(a) => write!(f, "tie names firm {a}, which does not exist"),
            NetworkError::BadStrength(w) => {
                write!(f, "tie strength {w} is outside (0, 1]")
            }
        }
    }
}

impl std::error::Error for NetworkError {}

impl Network {
    /// Builds a network from a petgraph graph whose edge weights are tie
    /// strengths. Parallel edges are merged, keeping the strongest.
    pub fn from_graph(graph: &UnGraph<(), f64>, groups: Vec<u32>) -> Result<Self, NetworkError> {
        let ties = graph.raw_edges().iter().map(|e| {
            (
                e.source().index() as FirmId,
                e.target().index() as FirmId,
                e.weight,
            )
        });
        Network::from_ties(graph.node_count(), ties, groups)
    }

    /// Builds a network from ties `(a, b, w)`; `groups` may be empty.
    pub fn from_ties(
        firms: usize,
        ties: impl IntoIterator<Item = (FirmId, FirmId, f64)>,
        groups: Vec<u32>,
    ) -> Result<Self, NetworkError> {
        if firms > MAX_FIRMS {
            return Err(NetworkError::TooManyFirms(firms));
        }
        let mut list: Vec<(FirmId, FirmId, f64)> = Vec::new();
        for (a, b, w) in ties {
            if a == b {
                return Err(NetworkError::SelfLoop(a));
            }
            let bad = if a as usize >= firms {
                Some(a)
            } else if b as usize >= firms {
                Some(b)
            } else {
                None
            };
            if let Some(bad) = bad {
                return Err(NetworkError::UnknownFirm(bad));
            }
            if !(w > 0.0 && w <= 1.0) {
                return Err(NetworkError::BadStrength(w));
            }
            list.push((a.min(b), a.max(b), w));
            if list.len() > MAX_TIES {
                return Err(NetworkError::TooManyTies(list.len()));
            }
        }
        let groups = if groups.len() == firms {
            groups
        } else {
            vec![0; firms]
        };
        // Generators never repeat a pair: finding that out from the
        // adjacency costs less than merging every tie list.
        let network = Network::with_adjacency(firms, list, groups);
        if !network.has_parallel_ties() {
            return Ok(network);
        }
        let Network { ties, groups, .. } = network;
        Ok(Network::with_adjacency(
            firms,
            merge_parallel(firms, ties),
            groups,
        ))
    }

    fn with_adjacency(firms: usize, ties: Vec<(FirmId, FirmId, f64)>, groups: Vec<u32>) -> Self {
        let mut degree = vec![0u32; firms + 1];
        for &(a, b, _) in &ties {
            degree[a as usize + 1] += 1;
            degree[b as usize + 1] += 1;
        }
        let mut offsets = degree;
        for i in 1..offsets.len() {
            offsets[i] += offsets[i - 1];
        }
        let mut fill = offsets.clone();
        let mut partners = vec![0; ties.len() * 2];
        let mut strengths = vec![0.0; ties.len() * 2];
        for &(a, b, w) in &ties {
            for (from, to) in [(a, b), (b, a)] {
                let slot = fill[from as usize] as usize;
                partners[slot] = to;
                strengths[slot] = w;
                fill[from as usize] += 1;
            }
        }
        Network {
            firms,
            ties,
            offsets,
            partners,
            strengths,
            groups,
        }
    }

    /// Whether some pair of firms is tied more than once.
    fn has_parallel_ties(&self) -> bool {
        let mut mark = vec![u32::MAX; self.firms];
        (0..self.firms as FirmId).any(|i| {
            self.partners(i).0.iter().any(|&p| {
                let seen = mark[p as usize] == i;
                mark[p as usize] = i;
                seen
            })
        })
    }

    pub fn firm_count(&self) -> usize {
        self.firms
    }

    pub fn tie_count(&self) -> usize {
        self.ties.len()
    }

    pub fn ties(&self) -> &[(FirmId, FirmId, f64)] {
        &self.ties
    }

    /// The partners of `firm` and the strengths of their ties.
    #[inline]
    /// Every firm's partners in one list: firm `i`'s are
    /// `partners[offsets[i]..offsets[i + 1]]` (the front end reads them in place).
    pub fn adjacency(&self) -> (&[u32], &[FirmId]) {
        (&self.offsets, &self.partners)
    }

    /// # Panics
    ///
    /// When `firm` is not a firm of the network (as for [`Network::degree`]).
    pub fn partners(&self, firm: FirmId) -> (&[FirmId], &[f64]) {
        let lo = self.offsets[firm as usize] as usize;
        let hi = self.offsets[firm as usize + 1] as usize;
        (&self.partners[lo..hi], &self.strengths[lo..hi])
    }

    pub fn degree(&self, firm: FirmId) -> usize {
        (self.offsets[firm as usize + 1] - self.offsets[firm as usize]) as usize
    }

    pub fn groups(&self) -> &[u32] {
        &self.groups
    }

    pub fn group_count(&self) -> usize {
        self.groups.iter().max().map_or(0, |&g| g as usize + 1)
    }

    /// The same firms and ties with every tie's strength replaced.
    pub fn with_strengths(&self, mut strength: impl FnMut(FirmId, FirmId) -> f64) -> Network {
        let ties = self
            .ties
            .iter()
            .map(|&(a, b, _)| (a, b, strength(a, b)))
            .collect();
        Network::with_adjacency(self.firms, ties, self.groups.clone())
    }

    /// The network with intense ties (`w = 1`) among `firms`, added or raised.
    pub fn with_intense_ties_among(&self, firms: &[FirmId]) -> Network {
        let mut ties = self.ties.clone();
        for (i, &a) in firms.iter().enumerate() {
            for &b in &firms[i + 1..] {
                if a != b {
                    ties.push((a.min(b), a.max(b), 1.0));
                }
            }
        }
        Network::with_adjacency(
            self.firms,
            merge_parallel(self.firms, ties),
            self.groups.clone(),
        )
    }
}

/// Keeps one tie per pair (the strongest), in first-seen order; ties are
/// `a < b`. Linear in firms and ties, without hashing: ties are visited
/// grouped by their lower firm (a counting sort keeps their order), and a
/// mark per higher firm finds a pair seen before.
fn merge_parallel(
    firms: usize,
    mut ties: Vec<(FirmId, FirmId, f64)>,
) -> Vec<(FirmId, FirmId, f64)> {
    let mut start = vec![0u32; firms + 1];
    for &(a, _, _) in &ties {
        start[a as usize + 1] += 1;
    }
    for i in 1..start.len() {
        start[i] += start[i - 1];
    }
    let mut by_lower = vec![0u32; ties.len()];
    for (i, &(a, _, _)) in ties.iter().enumerate() {
        let slot = &mut start[a as usize];
        by_lower[*slot as usize] = i as u32;
        *slot += 1;
    }
    // `start[a]` is now the end of firm a's group, and the start of a + 1's.
    let (mut mark, mut first) = (vec![u32::MAX; firms], vec![0u32; firms]);
    let mut repeated = vec![false; ties.len()];
    let mut lo = 0;
    for (a, &end) in start[..firms].iter().enumerate() {
        let hi = end as usize;
        for &i in &by_lower[lo..hi] {
            let (_, b, w) = ties[i as usize];
            let b = b as usize;
            if mark[b] == a as u32 {
                let kept = &mut ties[first[b] as usize].2;
                *kept = kept.max(w);
                repeated[i as usize] = true;
            } else {
                mark[b] = a as u32;
                first[b] = i;
            }
        }
        lo = hi;
    }
    if !repeated.contains(&true) {
        return ties;
    }
    ties.into_iter()
        .zip(repeated)
        .filter_map(|(tie, repeated)| (!repeated).then_some(tie))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn adjacency_lists_each_tie_both_ways() {
        let net = Network::from_ties(3, [(0, 1, 1.0), (2, 1, 0.5)], vec![]).unwrap();
        assert_eq!(net.partners(1), (&[0, 2][..], &[1.0, 0.5][..]));
        assert_eq!(net.partners(2), (&[1][..], &[0.5][..]));
        assert_eq!(net.degree(0), 1);
    }

    #[test]
    fn parallel_ties_merge_keeping_the_strongest() {
        let net = Network::from_ties(2, [(0, 1, 0.3), (1, 0, 0.8)], vec![]).unwrap();
        assert_eq!(net.ties(), &[(0, 1, 0.8)]);
        let ties = [
            (2, 3, 0.5),
            (0, 1, 0.3),
            (3, 2, 0.9),
            (0, 2, 1.0),
            (1, 0, 0.8),
        ];
        let net = Network::from_ties(4, ties, vec![]).unwrap();
        assert_eq!(net.ties(), &[(2, 3, 0.9), (0, 1, 0.8), (0, 2, 1.0)]);
    }

    #[test]
    fn bad_ties_are_refused_by_name() {
        assert_eq!(
            Network::from_ties(2, [(1, 1, 1.0)], vec![]),
            Err(NetworkError::SelfLoop(1))
        );
        assert_eq!(
            Network::from_ties(2, [(0, 5, 1.0)], vec![]),
            Err(NetworkError::UnknownFirm(5))
        );
        assert_eq!(
            Network::from_ties(2, [(0, 1, 1.5)], vec![]),
            Err(NetworkError::BadStrength(1.5))
        );
    }
}
