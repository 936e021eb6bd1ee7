//! The force-directed layout of a network without subgroups or places, in
//! small steps so a caller can show it while it refines: first pivot MDS
//! (one step per pivot's search), which already draws the network's large
//! shape; then Fruchterman-Reingold steps (ties pull, every firm pushes
//! every other, far ones as groups through a Barnes-Hut quadtree) with a
//! cooling step size. Both lay out the largest connected component; the
//! firms of the others sit on a ring around it. Deterministic from the
//! ties and the seed.
//!
//! # Complexity
//!
//! A step of forces costs O(n log n + m); a pivot's search O(n + m).

use super::graph::{Adjacency, split};
use super::pivot::Pivots;
use super::square::{MARGIN, circle, fit};
use crate::error::{FieldError, fail};
use crate::layout::quadtree::QuadTree;
use crate::seeded::{Seeded, Stream};

/// Steps of forces after the first placement.
pub const FORCE_STEPS: usize = 60;

/// The largest move of a firm in the first step of forces, in ideal tie
/// lengths, and never more than a tenth of the picture: the first placement
/// has the large shape right, so the forces only untangle it locally.
const FIRST_MOVE: f64 = 4.0;

/// A layout being computed: [`ForceLayout::step`] until [`ForceLayout::done`].
pub struct ForceLayout {
    /// The firms of the largest component, laid out: `main[i]` is at `pos[i]`.
    main: Vec<u32>,
    /// The others, component after component, for the ring around it.
    rest: Vec<u32>,
    /// The largest component's partners and ties, by index in `main`.
    adjacency: Adjacency,
    ties: Vec<u32>,
    pivots: Option<Pivots>,
    pos: Vec<[f64; 2]>,
    disp: Vec<[f64; 2]>,
    tree: QuadTree,
    step: usize,
    seed: u32,
}

impl ForceLayout {
    /// The layout of `firms` firms with `ties` (`a0, b0, a1, b1, ...`);
    /// refused (field `ties`) when a tie names a firm `>= firms` or the
    /// list has an odd length.
    pub fn new(firms: usize, ties: &[u32], seed: u32) -> Result<ForceLayout, FieldError> {
        if ties.len() % 2 == 1 {
            return fail("ties", format!("{} firm ids do not make pairs", ties.len()));
        }
        if let Some(bad) = ties.iter().find(|&&f| f as usize >= firms) {
            return fail(
                "ties",
                format!("firm {bad} is not one of the {firms} firms"),
            );
        }
        let (main, rest) = split(&Adjacency::of(firms, ties));
        let mut index = vec![u32::MAX; firms];
        main.iter()
            .enumerate()
            .for_each(|(i, &f)| index[f as usize] = i as u32);
        let ties: Vec<u32> = ties
            .chunks_exact(2)
            .filter(|t| index[t[0] as usize] != u32::MAX)
            .flat_map(|t| [index[t[0] as usize], index[t[1] as usize]])
            .collect();
        let n = main.len();
        let first = if n == 0 {
            0
        } else {
            Seeded::new(seed, Stream::Layout).below(n)
        };
        Ok(ForceLayout {
            adjacency: Adjacency::of(n, &ties),
            ties,
            main,
            rest,
            pivots: Some(Pivots::new(n, first)),
            pos: circle(n),
            disp: vec![[0.0; 2]; n],
            tree: QuadTree::default(),
            step: 0,
            seed,
        })
    }

    /// True once the firms have their first placement (before it: a circle).
    pub fn placed(&self) -> bool {
        self.pivots.is_none()
    }

    pub fn done(&self) -> bool {
        self.placed() && (self.step >= FORCE_STEPS || self.pos.len() < 2)
    }

    /// How far along, from 0 to 1 (the searches count as a fifth).
    pub fn progress(&self) -> f64 {
        match &self.pivots {
            Some(p) => 0.2 * p.share_done(),
            None => 0.2 + 0.8 * (self.step as f64 / FORCE_STEPS as f64).min(1.0),
        }
    }

    /// One piece of work: a pivot's search (the last one places the firms),
    /// or one step of forces. Returns [`ForceLayout::done`].
    pub fn step(&mut self) -> bool {
        if let Some(pivots) = &mut self.pivots {
            if pivots.search(&self.adjacency) {
                self.pos = pivots.project();
                self.pivots = None;
                self.spread_out();
            }
        } else if !self.done() {
            self.forces();
        }
        self.done()
    }

    /// Runs every step; the positions at the end.
    pub fn finish(mut self) -> Vec<[f64; 2]> {
        while !self.step() {}
        self.positions()
    }

    /// Positions now, fitted to the unit square with a margin: before the
    /// first placement every firm on a circle; after it the largest
    /// component as laid out, and the other firms on a ring around it.
    pub fn positions(&self) -> Vec<[f64; 2]> {
        let firms = self.main.len() + self.rest.len();
        if !self.placed() {
            return circle(firms);
        }
        let mut out = vec![[0.0; 2]; firms];
        let mut centre = [0.0; 2];
        for (&f, p) in self.main.iter().zip(&self.pos) {
            out[f as usize] = *p;
            centre = [centre[0] + p[0], centre[1] + p[1]];
        }
        let n = self.main.len().max(1) as f64;
        centre = [centre[0] / n, centre[1] / n];
        let reach = self.pos.iter().fold(0.0f64, |r, p| {
            r.max(((p[0] - centre[0]).powi(2) + (p[1] - centre[1]).powi(2)).sqrt())
        });
        let ring = 1.1 * reach + 2.0 * self.ideal();
        for (j, &f) in self.rest.iter().enumerate() {
            let a = std::f64::consts::TAU * j as f64 / self.rest.len() as f64;
            out[f as usize] = [
                centre[0] + ring * libm::cos(a),
                centre[1] + ring * libm::sin(a),
            ];
        }
        fit(&mut out);
        out
    }

    fn ideal(&self) -> f64 {
        let side = 1.0 - 2.0 * MARGIN;
        side * (1.0 / self.pos.len().max(1) as f64).sqrt()
    }

    /// Fits the projection to the picture and nudges each firm by a little
    /// (seeded), so firms at the same hop distances from every pivot (say,
    /// a hub's leaves) do not sit on one point, where no force parts them.
    fn spread_out(&mut self) {
        fit(&mut self.pos);
        let nudge = 0.3 * self.ideal();
        let mut rng = Seeded::new(self.seed, Stream::Layout);
        for p in &mut self.pos {
            p[0] += nudge * (rng.unit() - 0.5);
            p[1] += nudge * (rng.unit() - 0.5);
        }
    }

    /// One Fruchterman-Reingold step in the unit square. (`f64::sqrt`, as
    /// in the quadtree: exact, so the same bits as libm's, and fast in wasm.)
    fn forces(&mut self) {
        let k = self.ideal();
        let cooling = 1.0 - self.step as f64 / FORCE_STEPS as f64;
        let largest = (FIRST_MOVE * k).min(0.1) * cooling + 0.05 * k;
        let n = self.pos.len();
        self.tree.rebuild(&self.pos);
        self.tree.repulsion(&self.pos, k * k, &mut self.disp);
        let pos = &self.pos;
        for tie in self.ties.chunks_exact(2) {
            let (a, b) = (tie[0] as usize, tie[1] as usize);
            let (dx, dy) = (pos[a][0] - pos[b][0], pos[a][1] - pos[b][1]);
            let pull = (dx * dx + dy * dy).sqrt() / k;
            self.disp[a][0] -= dx * pull;
            self.disp[a][1] -= dy * pull;
            self.disp[b][0] += dx * pull;
            self.disp[b][1] += dy * pull;
        }
        for i in 0..n {
            let (p, d) = (&mut self.pos[i], &mut self.disp[i]);
            // A weak pull to the centre keeps the picture centred.
            d[0] += (0.5 - p[0]) * 2.0 * k;
            d[1] += (0.5 - p[1]) * 2.0 * k;
            let len = (d[0] * d[0] + d[1] * d[1]).sqrt();
            if len > 0.0 {
                let step = if len < largest { len } else { largest };
                p[0] += d[0] / len * step;
                p[1] += d[1] / len * step;
            }
        }
        self.step += 1;
    }
}
