//! The unit square positions live in: a stand-in circle, fitting a
//! layout into the square with a margin, and the `f32` pairs drawn.

use std::f64::consts::TAU;

pub(super) const MARGIN: f64 = 0.05;

/// Firms evenly on a circle: a stand-in while a slow layout is computed.
pub fn circle(firms: usize) -> Vec<[f64; 2]> {
    (0..firms)
        .map(|i| {
            let a = TAU * i as f64 / firms.max(1) as f64;
            [0.5 + 0.45 * libm::cos(a), 0.5 + 0.45 * libm::sin(a)]
        })
        .collect()
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
pub(super) fn fit(pos: &mut [[f64; 2]]) {
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
