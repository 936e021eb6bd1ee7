//! The force-directed layout in steps: a first placement after the pivots'
//! searches, then forces that shorten ties; the same result stepped or run
//! whole, from the seed; bad ties refused.

use lockstep::layout::{FORCE_STEPS, ForceLayout, PIVOTS, flat_ties};
use lockstep::{NetworkSpec, Scenario};

fn ties_of(firms: usize, network: NetworkSpec) -> Vec<u32> {
    let g = Scenario {
        firms,
        network,
        ..Scenario::default()
    }
    .check()
    .unwrap()
    .network()
    .unwrap();
    flat_ties(&g.network)
}

/// Mean length of the ties over the mean distance between firms paired by a fixed rule
/// (as far apart as any two firms, on average).
fn tie_length_ratio(pos: &[[f64; 2]], ties: &[u32]) -> f64 {
    let d = |a: usize, b: usize| (pos[a][0] - pos[b][0]).hypot(pos[a][1] - pos[b][1]);
    let tie = ties
        .chunks(2)
        .map(|t| d(t[0] as usize, t[1] as usize))
        .sum::<f64>()
        / (ties.len() / 2) as f64;
    let n = pos.len();
    let any = (0..n).map(|i| d(i, (i * 7919 + 13) % n)).sum::<f64>() / n as f64;
    tie / any
}

#[test]
fn partners_end_up_near_each_other() {
    let ties = ties_of(1500, NetworkSpec::Gnm { ties: 3000 });
    let mut layout = ForceLayout::new(1500, &ties, 7).unwrap();
    let circle = layout.positions();
    while !layout.placed() {
        layout.step();
    }
    let placed = layout.positions();
    while !layout.step() {}
    let done = layout.positions();
    let (c, p, d) = (
        tie_length_ratio(&circle, &ties),
        tie_length_ratio(&placed, &ties),
        tie_length_ratio(&done, &ties),
    );
    assert!(
        c > 0.8,
        "on the stand-in circle ties are as long as any pair: {c}"
    );
    assert!(p < 0.6, "the first placement already draws ties short: {p}");
    assert!(
        d < 0.4 && d < p,
        "forces shorten them more: {d} (placed: {p})"
    );
    assert!(done.iter().flatten().all(|x| (0.0..=1.0).contains(x)));
}

#[test]
fn the_first_placement_comes_after_one_step_per_pivot() {
    let ties = ties_of(800, NetworkSpec::RingLattice { degree: 4 });
    let mut layout = ForceLayout::new(800, &ties, 1).unwrap();
    let mut steps = 0;
    while !layout.placed() {
        assert!(!layout.step());
        steps += 1;
    }
    assert_eq!(steps, PIVOTS);
    assert!((0.19..=0.21).contains(&layout.progress()));
    let mut forces = 0;
    while !layout.step() {
        forces += 1;
    }
    assert_eq!(forces + 1, FORCE_STEPS);
    assert_eq!(layout.progress(), 1.0);
    assert!(
        layout.done() && layout.step(),
        "a finished layout stays finished"
    );
}

#[test]
fn stepping_and_finishing_give_the_same_layout_from_the_seed() {
    let ties = ties_of(700, NetworkSpec::BarabasiAlbert { attach: 2 });
    let whole = ForceLayout::new(700, &ties, 3).unwrap().finish();
    let mut stepped = ForceLayout::new(700, &ties, 3).unwrap();
    while !stepped.step() {}
    assert_eq!(stepped.positions(), whole);
    assert_ne!(
        ForceLayout::new(700, &ties, 4).unwrap().finish(),
        whole,
        "another seed, another layout"
    );
}

#[test]
fn tiny_and_tieless_networks_are_laid_out() {
    for firms in [0, 1, 2, 5] {
        let mut layout = ForceLayout::new(firms, &[], 1).unwrap();
        while !layout.step() {}
        let pos = layout.positions();
        assert_eq!(pos.len(), firms);
        assert!(
            pos.iter().flatten().all(|x| (0.0..=1.0).contains(x)),
            "{pos:?}"
        );
    }
}

#[test]
fn ties_that_name_missing_firms_are_refused() {
    let err = ForceLayout::new(3, &[0, 1, 2, 3], 1).err().unwrap();
    assert_eq!(err.to_string(), "ties: firm 3 is not one of the 3 firms");
    let err = ForceLayout::new(3, &[0, 1, 2], 1).err().unwrap();
    assert_eq!(err.to_string(), "ties: 3 firm ids do not make pairs");
}
