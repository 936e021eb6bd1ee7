//! A running scenario as a front end sees it: frame buffers, the releases
//! of each frame, the roadmap, and layouts too slow for construction.

use lockstep::{Cause, Mode, NetworkSpec, Scenario, Simulation};

#[test]
fn each_frame_reports_its_releases_and_why() {
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    let mut seen = Vec::new();
    let mut count = 0;
    while !seen
        .iter()
        .any(|r: &lockstep::Release| r.cause == Cause::Signal)
    {
        seen.clear();
        count = sim.advance_with(0.5, &mut |r| seen.push(r));
    }
    assert_eq!(count, seen.len());
    assert_eq!(
        sim.recent_releases(),
        seen.iter().map(|r| r.firm).collect::<Vec<_>>()
    );
    assert_eq!(
        sim.recent_causes(),
        seen.iter().map(|r| r.cause as u8).collect::<Vec<_>>()
    );
    assert_eq!(
        sim.recent_times(),
        seen.iter().map(|r| r.time).collect::<Vec<_>>()
    );
    // The default is hybrid: a signal comes with the coordinators' lock.
    assert!(seen.iter().any(|r| r.cause == Cause::Lock));
    let total: u32 = sim.release_counts().iter().sum();
    assert_eq!(total as u64, sim.engine().release_count());
    // The next frame starts a fresh list.
    sim.advance(0.0);
    assert!(sim.recent_releases().is_empty());
}

#[test]
fn a_long_frame_keeps_only_its_first_releases_for_drawing() {
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    let mut first = Vec::new();
    let count = sim.advance_with(20.0, &mut |r| first.push(r.firm));
    let kept = sim.recent_releases();
    assert_eq!(
        kept.len(),
        4 * sim.firm_count(),
        "{count} releases, four per firm kept"
    );
    assert_eq!(kept, &first[..kept.len()]);
}

#[test]
fn stubborn_coordinators_release_on_their_roadmap() {
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    let coordinator = sim.coordinators()[0];
    for _ in 0..5 {
        let mut released_at = None;
        while released_at.is_none() {
            sim.advance_with(0.01, &mut |r| {
                if r.firm == coordinator {
                    released_at = Some(r.time);
                }
            });
        }
        assert!(
            sim.roadmap().offset(released_at.unwrap()) < 1e-9,
            "rho 0 keeps them on the roadmap"
        );
    }
}

#[test]
fn phases_in_the_frame_stay_in_the_unit_interval() {
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    for _ in 0..200 {
        sim.advance(0.037);
        assert!(sim.phases().iter().all(|p| (0.0..1.0).contains(p)));
        assert!(sim.release_ages().iter().all(|&a| a >= 0.0));
    }
}

#[test]
fn the_generated_tie_count_leaves_out_the_coordinators_own_ties() {
    let hybrid = Simulation::new(&Scenario::default()).unwrap();
    let reactive = Simulation::new(&Scenario {
        mode: Mode::Reactive,
        ..Scenario::default()
    })
    .unwrap();
    assert_eq!(hybrid.generated_tie_count(), reactive.ties().len() / 2);
    assert!(
        hybrid.ties().len() / 2 > hybrid.generated_tie_count(),
        "coordinators are tied together"
    );
}

#[test]
fn a_large_network_starts_on_a_circle_until_its_layout_is_handed_over() {
    let scenario = Scenario {
        firms: 2_000,
        network: NetworkSpec::Gnm { ties: 8_000 },
        ..Scenario::default()
    };
    let mut sim = Simulation::new(&scenario).unwrap();
    assert!(sim.layout_pending());
    let checked = scenario.check().unwrap();
    let layout = lockstep::simulation::force_layout(&checked).unwrap();
    assert_eq!(
        layout,
        lockstep::simulation::force_layout(&checked).unwrap(),
        "deterministic"
    );
    assert_eq!(
        sim.set_positions(&layout[1..]),
        Err("3999 coordinates given for 2000 firms".into())
    );
    let mut outside = layout.clone();
    outside[7] = 1.5;
    assert_eq!(
        sim.set_positions(&outside),
        Err("position 1.5 is outside [0, 1]".into())
    );
    assert!(sim.layout_pending(), "a refused layout changes nothing");
    sim.set_positions(&layout).unwrap();
    assert!(!sim.layout_pending());
    assert_eq!(sim.positions(), &layout[..]);
}

#[test]
fn small_and_grouped_networks_are_laid_out_at_once() {
    assert!(
        !Simulation::new(&Scenario::default())
            .unwrap()
            .layout_pending()
    );
    let grouped = Scenario {
        firms: 2_000,
        network: NetworkSpec::PlantedPartition {
            groups: 5,
            mean_degree: 8.0,
            between_share: 0.05,
        },
        ..Scenario::default()
    };
    assert!(!Simulation::new(&grouped).unwrap().layout_pending());
}
