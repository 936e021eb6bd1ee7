//! A Barnes-Hut quadtree for the layout's repulsion: far groups of firms
//! push as one body at their centre of mass, so a layout step costs
//! O(n log n) however tightly the firms are packed.
//!
//! Leaves hold up to [`BUCKET`] firms, and the tree is walked once per leaf
//! rather than once per firm: the walk lists the bodies far from every firm
//! of the leaf and the firms near it, then each firm of the leaf sums the
//! lists in a tight loop. The tree is rebuilt in place every step, so a
//! layout allocates its memory once.

/// Cells smaller than their distance to a leaf's firms times this act as
/// one body on them.
const THETA: f64 = 1.0;
/// Most firms of a leaf (unless they are coincident, below the deepest cell).
const BUCKET: usize = 16;
const MAX_DEPTH: u32 = 24;
const LEAF: u32 = u32::MAX;

#[derive(Clone, Copy)]
struct Cell {
    /// Centre of mass of its firms.
    com: [f64; 2],
    mass: f64,
    width: f64,
    /// For a leaf, the farthest of its firms from `com`.
    radius: f64,
    /// First of four children, or `LEAF`.
    children: u32,
    /// Its firms: `firms[start..end]`.
    start: u32,
    end: u32,
}

#[derive(Default)]
pub struct QuadTree {
    cells: Vec<Cell>,
    /// Firms leaf after leaf: near firms are near in this order.
    firms: Vec<u32>,
    far: Vec<[f64; 3]>,
    near: Vec<[f64; 2]>,
    stack: Vec<u32>,
}

impl QuadTree {
    #[cfg(test)]
    pub fn new(pos: &[[f64; 2]]) -> QuadTree {
        let mut tree = QuadTree::default();
        tree.rebuild(pos);
        tree
    }

    /// The tree of `pos`, reusing this one's memory.
    pub fn rebuild(&mut self, pos: &[[f64; 2]]) {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in pos {
            for d in 0..2 {
                if p[d] < lo[d] {
                    lo[d] = p[d];
                }
                if p[d] > hi[d] {
                    hi[d] = p[d];
                }
            }
        }
        let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0).max(1e-9) * 1.0001;
        self.firms.clear();
        self.firms.extend(0..pos.len() as u32);
        self.cells.clear();
        self.cells.push(Cell::empty());
        let centre = [(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0];
        self.fill(0, 0, pos.len(), centre, half, 0, pos);
    }

    /// Makes cell `at` the cell of `firms[start..end]`, a square around `centre`.
    #[allow(clippy::too_many_arguments)]
    fn fill(
        &mut self,
        at: usize,
        start: usize,
        end: usize,
        centre: [f64; 2],
        half: f64,
        depth: u32,
        pos: &[[f64; 2]],
    ) {
        let members = &self.firms[start..end];
        let mut com = [0.0; 2];
        for &f in members {
            com[0] += pos[f as usize][0];
            com[1] += pos[f as usize][1];
        }
        let mass = members.len() as f64;
        if mass > 0.0 {
            com = [com[0] / mass, com[1] / mass];
        }
        let leaf = members.len() <= BUCKET || depth >= MAX_DEPTH;
        let mut radius2 = 0.0;
        if leaf {
            for &f in members {
                let p = pos[f as usize];
                let d2 = (p[0] - com[0]) * (p[0] - com[0]) + (p[1] - com[1]) * (p[1] - com[1]);
                if d2 > radius2 {
                    radius2 = d2;
                }
            }
        }
        self.cells[at] = Cell {
            com,
            mass,
            width: 2.0 * half,
            radius: radius2.sqrt(),
            children: LEAF,
            start: start as u32,
            end: end as u32,
        };
        if leaf {
            return;
        }
        // Quadrant q = (x >= centre) + 2 (y >= centre): split on y, then each half on x.
        let ys = start
            + partition(&mut self.firms[start..end], |p| {
                pos[p as usize][1] < centre[1]
            });
        let xs0 = start
            + partition(&mut self.firms[start..ys], |p| {
                pos[p as usize][0] < centre[0]
            });
        let xs1 = ys + partition(&mut self.firms[ys..end], |p| pos[p as usize][0] < centre[0]);
        let first = self.cells.len();
        self.cells[at].children = first as u32;
        self.cells.extend([Cell::empty(); 4]);
        let bounds = [(start, xs0), (xs0, ys), (ys, xs1), (xs1, end)];
        let h = half / 2.0;
        for (q, (a, b)) in bounds.into_iter().enumerate() {
            let dx = if q & 1 == 0 { -h } else { h };
            let dy = if q & 2 == 0 { -h } else { h };
            self.fill(
                first + q,
                a,
                b,
                [centre[0] + dx, centre[1] + dy],
                h,
                depth + 1,
                pos,
            );
        }
    }

    /// The push `k2 / d` on every firm from every other firm, summed into
    /// `out` (indexed by firm). Coincident firms do not push each other.
    ///
    /// (Square roots are `f64::sqrt`, not libm's: IEEE 754 rounds a square
    /// root exactly, so both give the same bits, and in wasm `f64::sqrt` is
    /// one instruction where libm's is a slow routine. The same goes for
    /// `max`: written out, it stays an instruction in wasm.)
    pub fn repulsion(&mut self, pos: &[[f64; 2]], k2: f64, out: &mut [[f64; 2]]) {
        for leaf in 0..self.cells.len() {
            let target = self.cells[leaf];
            if target.children != LEAF || target.mass == 0.0 {
                continue;
            }
            self.far.clear();
            self.near.clear();
            self.stack.clear();
            self.stack.push(0);
            while let Some(at) = self.stack.pop() {
                let cell = &self.cells[at as usize];
                if cell.mass == 0.0 {
                    continue;
                }
                // Far when every firm of the target leaf is more than
                // width / THETA from this cell's centre of mass.
                let (dx, dy) = (cell.com[0] - target.com[0], cell.com[1] - target.com[1]);
                let reach = target.radius + cell.width / THETA;
                if dx * dx + dy * dy > reach * reach {
                    self.far.push([cell.com[0], cell.com[1], cell.mass]);
                } else if cell.children == LEAF {
                    let members = &self.firms[cell.start as usize..cell.end as usize];
                    self.near.extend(members.iter().map(|&f| pos[f as usize]));
                } else {
                    self.stack.extend(cell.children..cell.children + 4);
                }
            }
            for &f in &self.firms[target.start as usize..target.end as usize] {
                let p = pos[f as usize];
                let mut force = [0.0, 0.0];
                for &[x, y, m] in &self.far {
                    let (dx, dy) = (p[0] - x, p[1] - y);
                    let push = m / (dx * dx + dy * dy);
                    force[0] += dx * push;
                    force[1] += dy * push;
                }
                for &[x, y] in &self.near {
                    let (dx, dy) = (p[0] - x, p[1] - y);
                    // Itself and coincident firms are at distance 0: no push.
                    let d2 = dx * dx + dy * dy + 1e-300;
                    force[0] += dx / d2;
                    force[1] += dy / d2;
                }
                out[f as usize] = [k2 * force[0], k2 * force[1]];
            }
        }
    }
}

/// Moves the items for which `left` holds to the front; returns their count.
fn partition(items: &mut [u32], left: impl Fn(u32) -> bool) -> usize {
    let mut split = 0;
    for i in 0..items.len() {
        if left(items[i]) {
            items.swap(i, split);
            split += 1;
        }
    }
    split
}

impl Cell {
    fn empty() -> Cell {
        Cell {
            com: [0.0; 2],
            mass: 0.0,
            width: 0.0,
            radius: 0.0,
            children: LEAF,
            start: 0,
            end: 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The exact push on firm `i`, and the sum of the pushes' sizes (the
    /// scale an error is measured against: pushes from all sides cancel).
    fn exact(pos: &[[f64; 2]], i: usize) -> ([f64; 2], f64) {
        let (mut force, mut gross) = ([0.0, 0.0], 0.0);
        for (j, q) in pos.iter().enumerate() {
            let (dx, dy) = (pos[i][0] - q[0], pos[i][1] - q[1]);
            let d2 = dx * dx + dy * dy;
            if j != i && d2 > 0.0 {
                force[0] += dx / d2;
                force[1] += dy / d2;
                gross += 1.0 / libm::sqrt(d2);
            }
        }
        (force, gross)
    }

    #[test]
    fn matches_exact_repulsion_closely() {
        let mut rng = crate::seeded::Seeded::new(3, crate::seeded::Stream::Layout);
        // Uniform firms, and a dense clump beside a sparse crowd.
        let uniform: Vec<[f64; 2]> = (0..2000).map(|_| [rng.unit(), rng.unit()]).collect();
        let clumped: Vec<[f64; 2]> = (0..2000)
            .map(|i| {
                let s = if i % 4 == 0 { 0.02 } else { 1.0 };
                [s * rng.unit(), s * rng.unit()]
            })
            .collect();
        for pos in [uniform, clumped] {
            let mut out = vec![[0.0; 2]; pos.len()];
            QuadTree::new(&pos).repulsion(&pos, 1.0, &mut out);
            let mut worst = 0.0f64;
            for (i, got) in out.iter().enumerate() {
                let (exact, gross) = exact(&pos, i);
                let err = libm::hypot(got[0] - exact[0], got[1] - exact[1]);
                worst = worst.max(err / gross);
            }
            // Measured: 0.7% (uniform) and 6% (clumped) at THETA 1.
            assert!(worst < 0.1, "an error of {worst} of the pushes' sum");
        }
    }

    #[test]
    fn coincident_firms_do_not_recurse_forever_or_push() {
        let mut pos = vec![[0.5, 0.5]; 50];
        pos.push([0.7, 0.5]);
        let mut out = vec![[0.0; 2]; pos.len()];
        let mut tree = QuadTree::new(&pos);
        tree.repulsion(&pos, 1.0, &mut out);
        assert!(out.iter().flatten().all(|x| x.is_finite()));
        assert!(
            (out[0][0] - -1.0 / 0.2).abs() < 1e-9 && out[0][1] == 0.0,
            "{:?}",
            out[0]
        );
        let mut order = tree.firms.clone();
        order.sort_unstable();
        assert_eq!(order, (0..51).collect::<Vec<u32>>(), "every firm once");
    }

    #[test]
    fn a_rebuilt_tree_is_the_tree_of_the_new_positions() {
        let mut rng = crate::seeded::Seeded::new(5, crate::seeded::Stream::Layout);
        let a: Vec<[f64; 2]> = (0..300).map(|_| [rng.unit(), rng.unit()]).collect();
        let b: Vec<[f64; 2]> = (0..200).map(|_| [rng.unit(), 3.0 * rng.unit()]).collect();
        let mut tree = QuadTree::new(&a);
        tree.rebuild(&b);
        let (mut reused, mut fresh) = (vec![[0.0; 2]; 200], vec![[0.0; 2]; 200]);
        tree.repulsion(&b, 1.0, &mut reused);
        QuadTree::new(&b).repulsion(&b, 1.0, &mut fresh);
        assert_eq!(reused, fresh);
        assert_eq!(tree.firms, QuadTree::new(&b).firms);
    }
}
