//! Where firms are drawn, in the unit square. Deterministic from the seed.
//!
//! Subgroups are laid out as visible groups (a disc each, the discs on a
//! ring), geometric networks keep their firms' places, and other networks
//! get a force-directed layout ([`ForceLayout`]: pivot MDS, then forces
//! with Barnes-Hut repulsion), computed in steps so that a large one can be
//! shown while it refines.

mod force;
mod graph;
mod pivot;

pub use force::{FORCE_STEPS, ForceLayout};
pub use pivot::PIVOTS;

use crate::network::Network;
use std::f64::consts::TAU;

const MARGIN: f64 = 0.05;

/// Above this many firms a force-directed layout takes long enough (a few
/// milliseconds natively, more in a browser) to belong off the main thread.
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
        // Fitted already.
        return ForceLayout::new(n, &flat_ties(net), seed)
            .expect("a network's ties name its own firms")
            .finish();
    };
    fit(&mut pos);
    debug_assert_eq!(pos.len(), n);
    pos
}

/// The network's ties as `a0, b0, a1, b1, ...`, as [`ForceLayout::new`] takes them.
pub fn flat_ties(net: &Network) -> Vec<u32> {
    net.ties().iter().flat_map(|&(a, b, _)| [a, b]).collect()
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
