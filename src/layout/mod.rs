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
mod quadtree;
mod square;

pub use force::{FORCE_STEPS, ForceLayout};
pub use pivot::PIVOTS;
pub use square::{as_f32, circle};

use square::fit;

use crate::network::Network;
use std::f64::consts::TAU;

/// Above this many firms a force-directed layout takes long enough (a few
/// milliseconds natively, more in a browser) to belong off the main thread.
pub const QUICK_FORCE_LIMIT: usize = 500;

/// True when [`layout`] is quick for this network: grouped, placed, or small.
pub fn is_quick(net: &Network, places: Option<&[[f64; 2]]>) -> bool {
    places.is_some() || net.group_count() > 1 || net.firm_count() <= QUICK_FORCE_LIMIT
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
