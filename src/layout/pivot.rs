//! A first placement of a network's firms from its ties alone, fast enough
//! for any size the page runs: pivot MDS (Brandes and Pich 2006). The hop
//! distances from a few pivot firms (each the firm farthest from the pivots
//! before it) are double-centred, and the firms are projected on the two
//! main axes of those distances. Firms few hops apart land close together,
//! so the network's large shape (a ring stays a ring, a chain a chain, hubs
//! in the middle) is right before the force layout refines it.
//!
//! # Complexity
//!
//! One breadth-first search per pivot, O(k (n + m)), then O(n k^2) for the
//! projection; k = [`PIVOTS`] at most.

/// Pivots of the projection (50 in the paper): fewer are cheaper, and the
/// projection is only a first picture, which the forces refine.
pub const PIVOTS: usize = 30;

use super::graph::Adjacency;

/// Hop distance of a firm a search has not reached.
const FAR: u16 = u16::MAX;

/// The pivots' searches, one per [`Pivots::search`] call, so a caller can
/// spread them over time.
pub struct Pivots {
    firms: usize,
    wanted: usize,
    /// Hop distances, pivot after pivot: `hops[p * firms + i]`.
    hops: Vec<u16>,
    /// Each firm's distance to the nearest pivot so far, to choose the next.
    nearest: Vec<u16>,
    next: usize,
    queue: Vec<u32>,
}

impl Pivots {
    /// Up to [`PIVOTS`] pivots, the first one `first`.
    pub fn new(firms: usize, first: usize) -> Pivots {
        let wanted = PIVOTS.min(firms);
        Pivots {
            firms,
            wanted,
            hops: Vec::with_capacity(wanted * firms),
            nearest: vec![FAR; firms],
            next: first,
            queue: Vec::with_capacity(firms),
        }
    }

    pub fn done(&self) -> bool {
        self.hops.len() == self.wanted * self.firms
    }

    /// The share of the searches done, from 0 to 1.
    pub fn share_done(&self) -> f64 {
        if self.wanted == 0 {
            1.0
        } else {
            (self.hops.len() / self.firms) as f64 / self.wanted as f64
        }
    }

    /// Searches from the next pivot. Returns `done()`.
    pub fn search(&mut self, adj: &Adjacency) -> bool {
        if self.done() {
            return true;
        }
        let n = self.firms;
        let start = self.hops.len();
        self.hops.resize(start + n, FAR);
        let hops = &mut self.hops[start..];
        hops[self.next] = 0;
        self.queue.clear();
        self.queue.push(self.next as u32);
        let mut head = 0;
        while head < self.queue.len() {
            let f = self.queue[head] as usize;
            head += 1;
            let d = hops[f].saturating_add(1).min(FAR - 1);
            for &g in adj.partners(f) {
                if hops[g as usize] == FAR {
                    hops[g as usize] = d;
                    self.queue.push(g);
                }
            }
        }
        // The next pivot is the firm farthest from every pivot so far
        // (unreached firms first: they start the next component).
        let mut best = (0u16, usize::MAX);
        for (i, (near, &h)) in self.nearest.iter_mut().zip(hops.iter()).enumerate() {
            *near = (*near).min(h);
            let far = if *near == FAR { FAR } else { *near };
            if far > best.0 || best.1 == usize::MAX {
                best = (far, i);
            }
        }
        self.next = best.1;
        self.done()
    }

    /// The firms projected on the main two axes of their double-centred
    /// squared hop distances to the pivots: `[x, y]` per firm, unscaled.
    pub fn project(&self) -> Vec<[f64; 2]> {
        let (n, k) = (self.firms, self.hops.len() / self.firms.max(1));
        if n == 0 || k == 0 {
            return vec![[0.0; 2]; n];
        }
        // A firm a pivot cannot reach counts as one hop beyond its farthest.
        let far: Vec<f64> = (0..k)
            .map(|p| {
                let col = &self.hops[p * n..(p + 1) * n];
                let farthest = col.iter().filter(|&&h| h != FAR).max().copied();
                farthest.unwrap_or(0) as f64 + 1.0
            })
            .collect();
        let squared = |p: usize, i: usize| {
            let h = self.hops[p * n + i];
            let d = if h == FAR { far[p] } else { h as f64 };
            d * d
        };
        let col_mean: Vec<f64> = (0..k)
            .map(|p| (0..n).map(|i| squared(p, i)).sum::<f64>() / n as f64)
            .collect();
        let grand = col_mean.iter().sum::<f64>() / k as f64;
        // Row i of the double-centred matrix C, computed when needed rather
        // than kept: 8 k bytes a firm would be 12 MB at 50,000 firms.
        let centred = |i: usize, row: &mut [f64]| {
            let row_mean = (0..k).map(|p| squared(p, i)).sum::<f64>() / k as f64;
            for (p, x) in row.iter_mut().enumerate() {
                *x = -0.5 * (squared(p, i) - row_mean - col_mean[p] + grand);
            }
        };
        let mut row = vec![0.0; k];
        let mut ctc = vec![0.0; k * k];
        for i in 0..n {
            centred(i, &mut row);
            for a in 0..k {
                let ra = row[a];
                for b in a..k {
                    ctc[a * k + b] += ra * row[b];
                }
            }
        }
        for a in 0..k {
            for b in 0..a {
                ctc[a * k + b] = ctc[b * k + a];
            }
        }
        let first = main_axis(&ctc, k, None);
        let second = main_axis(&ctc, k, Some(&first));
        (0..n)
            .map(|i| {
                centred(i, &mut row);
                [dot(&row, &first), dot(&row, &second)]
            })
            .collect()
    }
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).map(|(x, y)| x * y).sum()
}

/// The unit eigenvector of the symmetric `k` x `k` matrix `m` with the
/// largest eigenvalue (orthogonal to `not`), by power iteration.
fn main_axis(m: &[f64], k: usize, not: Option<&[f64]>) -> Vec<f64> {
    // Removes the part along `not`, then scales to length 1 (false: nothing left).
    let settle = |v: &mut [f64]| {
        if let Some(u) = not {
            let along = dot(v, u);
            v.iter_mut().zip(u).for_each(|(x, y)| *x -= along * y);
        }
        let norm = libm::sqrt(dot(v, v));
        v.iter_mut().for_each(|x| *x /= norm.max(1e-300));
        norm > 1e-300
    };
    // A fixed start that no axis of these matrices is orthogonal to in practice.
    let mut v: Vec<f64> = (0..k)
        .map(|i| 1.0 + (i as f64 * 0.618_034).fract())
        .collect();
    settle(&mut v);
    let mut w = vec![0.0; k];
    for _ in 0..300 {
        for (a, out) in w.iter_mut().enumerate() {
            *out = dot(&m[a * k..(a + 1) * k], &v);
        }
        if !settle(&mut w) {
            break;
        }
        let change: f64 = w.iter().zip(&v).map(|(x, y)| (x - y).abs()).sum();
        std::mem::swap(&mut v, &mut w);
        if change < 1e-10 {
            break;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn placed(firms: usize, ties: &[u32]) -> Vec<[f64; 2]> {
        let adj = Adjacency::of(firms, ties);
        let mut pivots = Pivots::new(firms, 0);
        while !pivots.search(&adj) {}
        pivots.project()
    }

    #[test]
    fn a_chain_is_placed_in_order() {
        let ties: Vec<u32> = (0..99u32).flat_map(|i| [i, i + 1]).collect();
        let pos = placed(100, &ties);
        let along: Vec<f64> = pos.iter().map(|p| p[0]).collect();
        let rising = along.windows(2).all(|w| w[1] > w[0]);
        let falling = along.windows(2).all(|w| w[1] < w[0]);
        // (The second axis bends it into an arch, as MDS does with a chain.)
        assert!(rising || falling, "{along:?}");
    }

    #[test]
    fn a_ring_is_placed_as_a_ring() {
        let n = 120u32;
        let ties: Vec<u32> = (0..n).flat_map(|i| [i, (i + 1) % n]).collect();
        let pos = placed(n as usize, &ties);
        let radius: Vec<f64> = pos.iter().map(|p| libm::hypot(p[0], p[1])).collect();
        let mean = radius.iter().sum::<f64>() / radius.len() as f64;
        assert!(
            radius.iter().all(|r| (r - mean).abs() < 0.1 * mean),
            "{radius:?}"
        );
        // Neighbours on the ring are neighbours in the picture.
        let gap = |i: usize, j: usize| libm::hypot(pos[i][0] - pos[j][0], pos[i][1] - pos[j][1]);
        assert!((0..n as usize).all(|i| gap(i, (i + 1) % n as usize) < 0.2 * mean));
    }

    #[test]
    fn unreached_firms_and_a_lone_firm_get_finite_places() {
        // Two triangles and a firm with no ties.
        let ties = [0, 1, 1, 2, 2, 0, 3, 4, 4, 5, 5, 3];
        let pos = placed(7, &ties);
        assert!(pos.iter().flatten().all(|x| x.is_finite()));
        assert!(placed(1, &[]).iter().flatten().all(|x| x.is_finite()));
        assert!(placed(0, &[]).is_empty());
    }
}
