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
        seen.iter().map(|r| r.cause.code()).collect::<Vec<_>>()
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

// ---------------------------------------------------------------------------
// The frame as one list (issue 18): the channels a front end views in place
// and the readings of the last measure, declared once in the core.

use lockstep::simulation::{Channel, Elements, READINGS, ReadingKind};

/// A channel's elements as f64, for comparing with the accessors.
fn values(c: &Channel) -> Vec<f64> {
    match c.elements {
        Elements::F32(x) => x.iter().map(|&v| v as f64).collect(),
        Elements::F64(x) => x.to_vec(),
        Elements::U32(x) => x.iter().map(|&v| v as f64).collect(),
        Elements::U8(x) => x.iter().map(|&v| v as f64).collect(),
    }
}

fn as_f64<T: Copy + Into<f64>>(x: &[T]) -> Vec<f64> {
    x.iter().map(|&v| v.into()).collect()
}

fn bits(values: &[f64]) -> Vec<u64> {
    values.iter().map(|x| x.to_bits()).collect()
}

/// A reading of the last measure, by name.
fn reading(sim: &Simulation, name: &str) -> f64 {
    let at = READINGS.iter().position(|r| r.name == name).unwrap();
    let readings = sim
        .channels()
        .into_iter()
        .find(|c| c.name == "readings")
        .unwrap();
    values(&readings)[at]
}

#[test]
fn the_channels_are_the_frame_buffers_in_place_and_never_move() {
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    sim.advance(1.3);
    sim.measure();
    let names: Vec<&str> = sim.channels().iter().map(|c| c.name).collect();
    assert_eq!(
        names,
        [
            "phases",
            "releaseAges",
            "positions",
            "groups",
            "ties",
            "partnerOffsets",
            "partners",
            "releaseCounts",
            "recentReleases",
            "recentCauses",
            "recentTimes",
            "readings",
            "historyRows",
            "historyFirms",
            "historyCauses",
            "historyTimes",
        ]
    );
    let recent = sim.recent_releases().len();
    assert!(recent > 0, "the frame released");
    let (offsets, partners) = sim.adjacency();
    let expected: Vec<Vec<f64>> = vec![
        as_f64(sim.phases()),
        as_f64(sim.release_ages()),
        as_f64(sim.positions()),
        as_f64(sim.groups()),
        as_f64(sim.ties()),
        as_f64(offsets),
        as_f64(partners),
        as_f64(sim.release_counts()),
        as_f64(sim.recent_releases()),
        as_f64(sim.recent_causes()),
        sim.recent_times().to_vec(),
        sim.measure().to_vec(),
        as_f64(sim.history_rows()),
        as_f64(sim.history_log().0),
        as_f64(sim.history_log().1),
        sim.history_log().2.to_vec(),
    ];
    let logged = sim.history_log().0.len();
    assert!(logged > 60, "every firm has a row and released");
    for (c, want) in sim.channels().iter().zip(&expected) {
        let got = values(c);
        match c.count {
            // A counted channel holds its releases first, room for more after.
            Some(count) => {
                let used = reading(&sim, count) as usize;
                assert_eq!(used, want.len(), "{}", c.name);
                assert_eq!(&got[..used], &want[..], "{}", c.name);
                let room = if count == "history" { 256 } else { 4 };
                assert_eq!(c.elements.len(), room * sim.firm_count(), "{}", c.name);
            }
            // Bit for bit: an absent reading is NaN.
            None => assert_eq!(bits(&got), bits(want), "{}", c.name),
        }
    }
    assert_eq!(recent, reading(&sim, "recentReleases") as usize);
    assert_eq!(sim.channels()[11].elements.len(), READINGS.len());
    // Advancing refills the buffers where they are.
    let before: Vec<(usize, usize)> = sim
        .channels()
        .iter()
        .map(|c| (c.elements.address(), c.elements.len()))
        .collect();
    for _ in 0..20 {
        sim.advance(0.7);
        sim.measure();
    }
    let after: Vec<(usize, usize)> = sim
        .channels()
        .iter()
        .map(|c| (c.elements.address(), c.elements.len()))
        .collect();
    assert_eq!(before, after);
}

#[test]
fn the_readings_are_the_measures_with_absent_ones_as_nan() {
    let names: Vec<&str> = READINGS.iter().map(|r| r.name).collect();
    assert_eq!(
        names,
        [
            "time",
            "r",
            "bursts",
            "releases",
            "pulses",
            "syncTime",
            "syncOffset",
            "converged",
            "completeBursts",
            "completeSince",
            "roadmap",
            "recentReleases",
            "reached",
            "events",
            "history",
        ]
    );
    let mut sim = Simulation::new(&Scenario::default()).unwrap();
    // Built, not yet advanced: measured at time 0, nothing in step.
    assert_eq!(reading(&sim, "time"), 0.0);
    for absent in ["syncTime", "syncOffset", "converged", "completeSince"] {
        assert!(reading(&sim, absent).is_nan(), "{absent} is absent");
    }
    sim.advance(40.0);
    let taken = sim.measure().to_vec();
    let sync = sim
        .synchrony()
        .expect("the default scenario syncs in 40 cycles");
    let (since, complete) = sim.complete_run().unwrap();
    let expected = [
        sim.time(),
        sim.order_parameter(),
        sim.bursts_last_cycle() as f64,
        sim.engine().release_count() as f64,
        sim.engine().pulse_count() as f64,
        sync.time,
        sync.offset,
        if sync.converged() { 1.0 } else { 0.0 },
        complete as f64,
        since,
        sim.roadmap_phase(),
        sim.recent_releases().len() as f64,
        sim.reached(),
        sim.events().len() as f64,
        sim.history_log().0.len() as f64,
    ];
    assert_eq!(taken, expected);
    for r in READINGS {
        let value = reading(&sim, r.name);
        assert!(!value.is_nan(), "{} is present once in step", r.name);
        if r.kind == ReadingKind::Flag {
            assert!(value == 0.0 || value == 1.0, "{} is a flag", r.name);
        }
        assert_eq!(
            r.optional,
            ["syncTime", "syncOffset", "converged", "completeSince"].contains(&r.name),
            "{}",
            r.name
        );
    }
}

#[test]
fn causes_have_codes_and_names() {
    let named: Vec<(u8, &str)> = Cause::ALL.iter().map(|c| (c.code(), c.name())).collect();
    assert_eq!(
        named,
        [(0, "schedule"), (1, "partner"), (2, "signal"), (3, "lock")]
    );
}
