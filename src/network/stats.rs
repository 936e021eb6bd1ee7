//! Network statistics shown for every network: density, clustering, paths.
//!
//! Each is about linear in firms and ties, so a million firms take a
//! second or two: on large networks the mean shortest path is estimated
//! from a few breadth-first searches and the clustering from a sample of
//! firms (and each says so).

use crate::network::{FirmId, Network};
use serde::Serialize;
use std::collections::VecDeque;

/// Above this many firms the mean shortest path is estimated from a sample
/// of source firms (and says so), to stay interactive.
pub const EXACT_PATH_LIMIT: usize = 2_000;
/// Most source firms of a sampled estimate.
const PATH_SAMPLE: usize = 200;
/// Fewest source firms of a sampled estimate: on the random and clustered
/// networks here, 4 searches put the mean within about a tenth of a hop.
const PATH_SAMPLE_MIN: usize = 4;
/// Firms and partners a sampled estimate visits at most (beyond its fewest
/// sources): under a tenth of a second natively on 50,000 firms.
const PATH_WORK: usize = 10_000_000;
/// Partners' partners the clustering visits at most before it is estimated
/// from a sample of firms (about 200,000 ties at 10 partners a firm).
const CLUSTERING_WORK: usize = 4_000_000;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NetworkStats {
    pub firms: usize,
    pub ties: usize,
    /// `2m / (n (n - 1))`.
    pub density: f64,
    pub mean_degree: f64,
    /// Mean over firms of the local clustering coefficient (0 for degree < 2).
    pub clustering: f64,
    /// True when `clustering` comes from a sample of firms.
    pub clustering_sampled: bool,
    /// Mean shortest path over connected pairs (`None` without any).
    pub mean_path: Option<f64>,
    /// True when `mean_path` comes from a sample of source firms.
    pub mean_path_sampled: bool,
    pub components: usize,
    /// `degree_counts[d]` firms have degree `d`.
    pub degree_counts: Vec<usize>,
}

impl NetworkStats {
    pub fn of(net: &Network) -> Self {
        let n = net.firm_count();
        let m = net.tie_count();
        let pairs = n as f64 * (n as f64 - 1.0) / 2.0;
        let (mean_path, mean_path_sampled) = mean_shortest_path(net);
        let (clustering, clustering_sampled) = sampled_clustering(net);
        let mut degree_counts =
            vec![0; (0..n).map(|i| net.degree(i as FirmId)).max().unwrap_or(0) + 1];
        for i in 0..n {
            degree_counts[net.degree(i as FirmId)] += 1;
        }
        NetworkStats {
            firms: n,
            ties: m,
            density: if pairs > 0.0 { m as f64 / pairs } else { 0.0 },
            mean_degree: if n > 0 {
                2.0 * m as f64 / n as f64
            } else {
                0.0
            },
            clustering,
            clustering_sampled,
            mean_path,
            mean_path_sampled,
            components: components(net),
            degree_counts,
        }
    }
}

/// Number of connected components (an isolated firm is one).
pub fn components(net: &Network) -> usize {
    let n = net.firm_count();
    let mut seen = vec![false; n];
    let mut stack = Vec::new();
    let mut count = 0;
    for start in 0..n {
        if seen[start] {
            continue;
        }
        count += 1;
        seen[start] = true;
        stack.push(start as FirmId);
        while let Some(u) = stack.pop() {
            for &v in net.partners(u).0 {
                if !seen[v as usize] {
                    seen[v as usize] = true;
                    stack.push(v);
                }
            }
        }
    }
    count
}

/// Mean over firms of (ties among partners) / (possible ties among partners).
pub fn average_clustering(net: &Network) -> f64 {
    clustering_of_every(net, 1)
}

/// [`average_clustering`], estimated from an evenly spaced sample of firms
/// when the exact mean would visit more than `CLUSTERING_WORK` partners'
/// partners; true when sampled.
pub fn sampled_clustering(net: &Network) -> (f64, bool) {
    let work: usize = (0..net.firm_count() as FirmId)
        .map(|i| net.degree(i).pow(2))
        .sum();
    let step = work.div_ceil(CLUSTERING_WORK).max(1);
    (clustering_of_every(net, step), step > 1)
}

/// Mean local clustering of firms `0, step, 2 step, ...`.
fn clustering_of_every(net: &Network, step: usize) -> f64 {
    let n = net.firm_count();
    if n == 0 {
        return 0.0;
    }
    let mut mark = vec![u32::MAX; n];
    let (mut total, mut firms) = (0.0, 0usize);
    for i in (0..n as FirmId).step_by(step) {
        firms += 1;
        let (partners, _) = net.partners(i);
        let k = partners.len();
        if k < 2 {
            continue;
        }
        for &p in partners {
            mark[p as usize] = i;
        }
        let mut closed = 0usize;
        for &p in partners {
            closed += net
                .partners(p)
                .0
                .iter()
                .filter(|&&q| mark[q as usize] == i)
                .count();
        }
        // Each tie among partners was seen from both ends.
        total += closed as f64 / (k * (k - 1)) as f64;
    }
    total / firms as f64
}

/// Mean hop distance over connected pairs, by breadth-first search from
/// every firm, or from an evenly spaced sample of them on large networks:
/// 200 sources, fewer as the network grows (each search visits every firm
/// and tie of its component), at least 8.
pub fn mean_shortest_path(net: &Network) -> (Option<f64>, bool) {
    let n = net.firm_count();
    let sampled = n > EXACT_PATH_LIMIT;
    let work = n + 2 * net.tie_count();
    let sources = (PATH_WORK / work.max(1)).clamp(PATH_SAMPLE_MIN, PATH_SAMPLE);
    let step = if sampled { n / sources } else { 1 };
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    let (mut sum, mut pairs) = (0u64, 0u64);
    for source in (0..n).step_by(step.max(1)) {
        dist.fill(u32::MAX);
        dist[source] = 0;
        queue.push_back(source as FirmId);
        while let Some(u) = queue.pop_front() {
            let d = dist[u as usize];
            for &v in net.partners(u).0 {
                if dist[v as usize] == u32::MAX {
                    dist[v as usize] = d + 1;
                    sum += (d + 1) as u64;
                    pairs += 1;
                    queue.push_back(v);
                }
            }
        }
    }
    let mean = (pairs > 0).then(|| sum as f64 / pairs as f64);
    (mean, sampled)
}

/// Firms within `hops` ties of any of `sources` (the sources included).
pub fn within_hops(net: &Network, sources: &[FirmId], hops: u32) -> Vec<FirmId> {
    let mut dist = vec![u32::MAX; net.firm_count()];
    let mut queue = VecDeque::new();
    let mut reached = Vec::new();
    for &s in sources {
        if dist[s as usize] == u32::MAX {
            dist[s as usize] = 0;
            queue.push_back(s);
            reached.push(s);
        }
    }
    while let Some(u) = queue.pop_front() {
        let d = dist[u as usize];
        if d == hops {
            continue;
        }
        for &v in net.partners(u).0 {
            if dist[v as usize] == u32::MAX {
                dist[v as usize] = d + 1;
                queue.push_back(v);
                reached.push(v);
            }
        }
    }
    reached
}

#[cfg(test)]
mod tests {
    use super::*;

    fn triangle_with_tail() -> Network {
        Network::from_ties(
            4,
            [(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0), (2, 3, 1.0)],
            vec![],
        )
        .unwrap()
    }

    #[test]
    fn clustering_of_a_triangle_with_a_tail() {
        // Firms 0 and 1: 1; firm 2: one of three partner pairs tied; firm 3: 0.
        let c = average_clustering(&triangle_with_tail());
        assert!((c - (1.0 + 1.0 + 1.0 / 3.0) / 4.0).abs() < 1e-12);
    }

    #[test]
    fn paths_density_and_components() {
        let stats = NetworkStats::of(&triangle_with_tail());
        // Distances: 01=1 02=1 03=2 12=1 13=2 23=1 -> 8 / 6.
        assert_eq!(stats.mean_path, Some(8.0 / 6.0));
        assert_eq!(stats.density, 4.0 / 6.0);
        assert_eq!(stats.components, 1);
        assert_eq!(stats.degree_counts, vec![0, 1, 2, 1]);
        let two = Network::from_ties(4, [(0, 1, 1.0)], vec![]).unwrap();
        assert_eq!(components(&two), 3);
    }

    #[test]
    fn reach_counts_hops() {
        let net = triangle_with_tail();
        let mut one = within_hops(&net, &[3], 1);
        one.sort();
        assert_eq!(one, vec![2, 3]);
        assert_eq!(within_hops(&net, &[3], 2).len(), 4);
    }
}
