//! The network as the layout sees it: each firm's partners, and the
//! connected components. The force layout draws the largest component; the
//! firms of the others (with no path to it) wait around its rim, where no
//! force throws them out of the picture.

/// Firms' partners in one list: firm `i`'s are `partners[offsets[i]..offsets[i + 1]]`.
pub struct Adjacency {
    offsets: Vec<u32>,
    partners: Vec<u32>,
}

impl Adjacency {
    /// From ties as `a0, b0, a1, b1, ...` among `firms` firms (each < `firms`).
    pub fn of(firms: usize, ties: &[u32]) -> Adjacency {
        let mut offsets = vec![0u32; firms + 1];
        for &f in ties {
            offsets[f as usize + 1] += 1;
        }
        for i in 0..firms {
            offsets[i + 1] += offsets[i];
        }
        let mut next = offsets.clone();
        let mut partners = vec![0u32; ties.len()];
        for tie in ties.chunks_exact(2) {
            for (a, b) in [(tie[0], tie[1]), (tie[1], tie[0])] {
                partners[next[a as usize] as usize] = b;
                next[a as usize] += 1;
            }
        }
        Adjacency { offsets, partners }
    }

    pub fn firms(&self) -> usize {
        self.offsets.len() - 1
    }

    pub fn partners(&self, firm: usize) -> &[u32] {
        &self.partners[self.offsets[firm] as usize..self.offsets[firm + 1] as usize]
    }
}

/// The firms of the largest component (the first of equal ones by firm id),
/// and the others, component after component in order of their first firm;
/// each component's firms in breadth-first order, so partners are listed
/// close.
pub fn split(adj: &Adjacency) -> (Vec<u32>, Vec<u32>) {
    let n = adj.firms();
    let mut seen = vec![false; n];
    let mut components: Vec<Vec<u32>> = Vec::new();
    for start in 0..n {
        if seen[start] {
            continue;
        }
        seen[start] = true;
        let mut members = vec![start as u32];
        let mut head = 0;
        while head < members.len() {
            let f = members[head] as usize;
            head += 1;
            for &g in adj.partners(f) {
                if !seen[g as usize] {
                    seen[g as usize] = true;
                    members.push(g);
                }
            }
        }
        components.push(members);
    }
    if components.is_empty() {
        return (Vec::new(), Vec::new());
    }
    // max_by_key keeps the last of equals: walk backwards for the first.
    let largest = (0..components.len())
        .rev()
        .max_by_key(|&i| components[i].len())
        .unwrap_or(0);
    let main = components.remove(largest);
    (main, components.into_iter().flatten().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_largest_component_is_apart_from_the_rest() {
        // A triangle 0-1-2, a path 3-4-5-6, a pair 7-8, a lone firm 9, a path 10-11-12-13.
        let ties = [
            0, 1, 1, 2, 2, 0, 3, 4, 4, 5, 5, 6, 7, 8, 10, 11, 11, 12, 12, 13,
        ];
        let (main, rest) = split(&Adjacency::of(14, &ties));
        assert_eq!(main, [3, 4, 5, 6], "the first of the largest");
        assert_eq!(rest, [0, 1, 2, 7, 8, 9, 10, 11, 12, 13]);
        let (main, rest) = split(&Adjacency::of(3, &[]));
        assert_eq!((main, rest), (vec![0], vec![1, 2]));
        assert_eq!(split(&Adjacency::of(0, &[])), (vec![], vec![]));
    }
}
