//! Where firms are drawn, in the unit square. Deterministic from the seed.
//!
//! Subgroups are laid out as visible groups (a disc each, the discs on a
//! ring), geometric networks keep their firms' places, and other networks
//! get a force-directed layout (Barnes-Hut repulsion, so it stays under a
//! second for a few thousand firms).

use crate::network::Network;
use crate::quadtree::QuadTree;
use crate::seeded::{Seeded, Stream};
use std::f64::consts::TAU;

const ITERATIONS: usize = 80;
const MARGIN: f64 = 0.05;

/// Above this many firms a force-directed layout takes long enough (about
/// 0.1 s natively, more in a browser) to belong off the main thread.
pub const QUICK_FORCE_LIMIT: usize = 500;

/// True when [`layout`] is quick for this network: grouped, placed, or small.
pub fn is_quick(net: &Network, places: Option<&[[f64; 2]]>) -> bool {
    places.is_some() || net.group_count() > 1 || net.firm_count() <= QUICK_FORCE_LIMIT
}

/// Firms evenly on a circle: a stand-in while a slow layout is computed.
pub fn circle(firms: usize) -> Vec<[f64; 2]> {
    (0..firms)
        .map(|i| {
            let a = TAU * i as f64 / firms.max(1) as f64;
            [0.5 + 0.45 * libm::cos(a), 0.5 + 0.45 * libm::sin(a)]
        })
        .collect()
}

/// Positions `[x, y]` in [0, 1]^2, one per firm.
pub fn layout(net: &Network, places: Option<&[[f64; 2]]>, seed: u32) -> Vec<[f64; 2]> {
    let n = net.firm_count();
    let mut pos = if let Some(places) = places {
        places.to_vec()
    } else if net.group_count() > 1 {
        grouped(net)
    } else {
        force_directed(net, seed)
    };
    fit(&mut pos);
    debug_assert_eq!(pos.len(), n);
    pos
}

/// Each subgroup on its own disc (a sunflower spiral), discs on a ring.
fn grouped(net: &Network) -> Vec<[f64; 2]> {
    let groups = net.group_count();
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); groups];
    for (firm, &g) in net.groups().iter().enumerate() {
        members[g as usize].push(firm);
    }
    let ring = 0.5 - 0.5 / (1.0 + groups as f64 / 3.0);
    let disc = (0.5 * libm::sin(std::f64::consts::PI / groups as f64) * ring * 2.0).min(0.25) * 0.8;
    let mut pos = vec![[0.0; 2]; net.firm_count()];
    for (g, firms) in members.iter().enumerate() {
        let angle = TAU * g as f64 / groups as f64;
        let (cx, cy) = (0.5 + ring * libm::cos(angle), 0.5 + ring * libm::sin(angle));
        for (j, &f) in firms.iter().enumerate() {
            let r = disc * libm::sqrt((j as f64 + 0.5) / firms.len() as f64);
            let a = j as f64 * 2.399_963_229_728_653; // the golden angle
            pos[f] = [cx + r * libm::cos(a), cy + r * libm::sin(a)];
        }
    }
    pos
}

/// Fruchterman-Reingold with cooling; repulsion by Barnes-Hut, so a step
/// costs O(n log n) however tightly the network packs.
fn force_directed(net: &Network, seed: u32) -> Vec<[f64; 2]> {
    let n = net.firm_count();
    let mut rng = Seeded::new(seed, Stream::Layout);
    let mut pos: Vec<[f64; 2]> = (0..n).map(|_| [rng.unit(), rng.unit()]).collect();
    if n < 2 {
        return pos;
    }
    let k = libm::sqrt(1.0 / n as f64); // ideal distance in a unit area
    let mut disp = vec![[0.0f64; 2]; n];
    let mut stack = Vec::new();
    for it in 0..ITERATIONS {
        let temperature = 0.1 * (1.0 - it as f64 / ITERATIONS as f64) + 0.002;
        let tree = QuadTree::new(&pos);
        for i in 0..n {
            disp[i] = tree.repulsion(i as u32, pos[i], k * k, &mut stack);
        }
        for &(a, b, _) in net.ties() {
            let (a, b) = (a as usize, b as usize);
            let (dx, dy) = (pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]);
            let pull = libm::sqrt(dx * dx + dy * dy) / k;
            disp[a][0] -= dx * pull;
            disp[a][1] -= dy * pull;
            disp[b][0] += dx * pull;
            disp[b][1] += dy * pull;
        }
        for i in 0..n {
            // A weak pull to the centre keeps components from drifting apart.
            disp[i][0] += (0.5 - pos[i][0]) * 2.0 * k;
            disp[i][1] += (0.5 - pos[i][1]) * 2.0 * k;
            let len = libm::sqrt(disp[i][0] * disp[i][0] + disp[i][1] * disp[i][1]).max(1e-12);
            let step = len.min(temperature);
            pos[i][0] += disp[i][0] / len * step;
            pos[i][1] += disp[i][1] / len * step;
        }
    }
    pos
}

fn bounds(pos: &[[f64; 2]]) -> ([f64; 2], [f64; 2]) {
    let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
    for p in pos {
        for d in 0..2 {
            lo[d] = lo[d].min(p[d]);
            hi[d] = hi[d].max(p[d]);
        }
    }
    (lo, hi)
}

/// Scales positions to fill the square with a margin, keeping proportions.
fn fit(pos: &mut [[f64; 2]]) {
    if pos.is_empty() {
        return;
    }
    let (lo, hi) = bounds(pos);
    let span = (hi[0] - lo[0]).max(hi[1] - lo[1]).max(1e-9);
    let scale = (1.0 - 2.0 * MARGIN) / span;
    for p in pos.iter_mut() {
        for d in 0..2 {
            let centre = (hi[d] + lo[d]) / 2.0;
            p[d] = 0.5 + (p[d] - centre) * scale;
        }
    }
}

/// Firm positions as `f32` pairs for drawing.
pub fn as_f32(pos: &[[f64; 2]]) -> Vec<f32> {
    pos.iter()
        .flat_map(|p| [p[0] as f32, p[1] as f32])
        .collect()
}
