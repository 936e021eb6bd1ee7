//! A Barnes-Hut quadtree for the layout's repulsion: far groups of firms
//! push as one body at their centre of mass, so a layout step costs
//! O(n log n) however tightly the firms are packed.

/// Cells smaller than a far cell's distance times this act as one body.
const THETA: f64 = 0.9;
const MAX_DEPTH: u32 = 24;
const EMPTY: u32 = u32::MAX;

struct Cell {
    centre: [f64; 2],
    half: f64,
    mass: f64,
    /// Sum of member positions (centre of mass = this / mass).
    moment: [f64; 2],
    /// First child index, or `EMPTY` for a leaf.
    children: u32,
    /// The one firm in a leaf, or `EMPTY`.
    firm: u32,
}

pub struct QuadTree {
    cells: Vec<Cell>,
}

impl QuadTree {
    pub fn new(pos: &[[f64; 2]]) -> QuadTree {
        let (mut lo, mut hi) = ([f64::INFINITY; 2], [f64::NEG_INFINITY; 2]);
        for p in pos {
            for d in 0..2 {
                lo[d] = lo[d].min(p[d]);
                hi[d] = hi[d].max(p[d]);
            }
        }
        let half = ((hi[0] - lo[0]).max(hi[1] - lo[1]) / 2.0).max(1e-9) * 1.0001;
        let root = Cell::leaf([(lo[0] + hi[0]) / 2.0, (lo[1] + hi[1]) / 2.0], half);
        let mut tree = QuadTree {
            cells: Vec::with_capacity(4 * pos.len() + 1),
        };
        tree.cells.push(root);
        for (i, p) in pos.iter().enumerate() {
            tree.insert(0, i as u32, *p, pos, 0);
        }
        tree
    }

    fn insert(&mut self, at: usize, firm: u32, p: [f64; 2], pos: &[[f64; 2]], depth: u32) {
        let cell = &mut self.cells[at];
        cell.mass += 1.0;
        cell.moment[0] += p[0];
        cell.moment[1] += p[1];
        if cell.children == EMPTY {
            if cell.firm == EMPTY && cell.mass == 1.0 {
                cell.firm = firm;
                return;
            }
            if depth >= MAX_DEPTH {
                // Coincident firms: the leaf keeps their summed mass.
                return;
            }
            // Split: move the resident firm down, then place the new one.
            let resident = std::mem::replace(&mut cell.firm, EMPTY);
            let (centre, half) = (cell.centre, cell.half / 2.0);
            self.cells[at].children = self.cells.len() as u32;
            for q in 0..4 {
                let dx = if q & 1 == 0 { -half } else { half };
                let dy = if q & 2 == 0 { -half } else { half };
                self.cells
                    .push(Cell::leaf([centre[0] + dx, centre[1] + dy], half));
            }
            if resident != EMPTY {
                let rp = pos[resident as usize];
                let child = self.child_for(at, rp);
                self.insert(child, resident, rp, pos, depth + 1);
            }
        }
        let child = self.child_for(at, p);
        self.insert(child, firm, p, pos, depth + 1);
    }

    fn child_for(&self, at: usize, p: [f64; 2]) -> usize {
        let cell = &self.cells[at];
        let q = (p[0] >= cell.centre[0]) as usize | ((p[1] >= cell.centre[1]) as usize) << 1;
        cell.children as usize + q
    }

    /// The summed push `k^2 / d` on `firm` at `p` from every other firm.
    pub fn repulsion(&self, firm: u32, p: [f64; 2], k2: f64, stack: &mut Vec<u32>) -> [f64; 2] {
        let mut force = [0.0, 0.0];
        stack.clear();
        stack.push(0);
        while let Some(at) = stack.pop() {
            let cell = &self.cells[at as usize];
            if cell.mass == 0.0 || cell.firm == firm && cell.mass == 1.0 {
                continue;
            }
            let com = [cell.moment[0] / cell.mass, cell.moment[1] / cell.mass];
            let (dx, dy) = (p[0] - com[0], p[1] - com[1]);
            let d2 = (dx * dx + dy * dy).max(1e-12);
            let far = (2.0 * cell.half) * (2.0 * cell.half) < THETA * THETA * d2;
            if cell.children == EMPTY || far {
                // A leaf holding `firm` among coincident others pushes by the rest.
                let mass = if cell.children == EMPTY && cell.firm == firm {
                    cell.mass - 1.0
                } else {
                    cell.mass
                };
                let push = k2 * mass / d2;
                force[0] += dx * push;
                force[1] += dy * push;
            } else {
                stack.extend(cell.children..cell.children + 4);
            }
        }
        force
    }
}

impl Cell {
    fn leaf(centre: [f64; 2], half: f64) -> Cell {
        Cell {
            centre,
            half,
            mass: 0.0,
            moment: [0.0; 2],
            children: EMPTY,
            firm: EMPTY,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_exact_repulsion_closely() {
        let mut rng = crate::seeded::Seeded::new(3, crate::seeded::Stream::Layout);
        let pos: Vec<[f64; 2]> = (0..500).map(|_| [rng.unit(), rng.unit()]).collect();
        let tree = QuadTree::new(&pos);
        let mut stack = Vec::new();
        for i in [0usize, 17, 250] {
            let mut exact = [0.0, 0.0];
            for (j, q) in pos.iter().enumerate() {
                if j != i {
                    let (dx, dy) = (pos[i][0] - q[0], pos[i][1] - q[1]);
                    let d2 = dx * dx + dy * dy;
                    exact[0] += dx / d2;
                    exact[1] += dy / d2;
                }
            }
            let approx = tree.repulsion(i as u32, pos[i], 1.0, &mut stack);
            let err = ((approx[0] - exact[0]).powi(2) + (approx[1] - exact[1]).powi(2)).sqrt();
            let size = (exact[0].powi(2) + exact[1].powi(2)).sqrt();
            assert!(
                err < 0.1 * size.max(1.0),
                "firm {i}: {approx:?} vs {exact:?}"
            );
        }
    }

    #[test]
    fn coincident_firms_do_not_recurse_forever() {
        let pos = vec![[0.5, 0.5]; 50];
        let tree = QuadTree::new(&pos);
        let f = tree.repulsion(0, pos[0], 1.0, &mut Vec::new());
        assert!(f[0].is_finite() && f[1].is_finite());
    }
}
