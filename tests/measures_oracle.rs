//! The measures of DESIGN.md ("Measures"), recomputed independently from
//! the release sequence and compared with what a Simulation reports.
//!
//! - release bursts: releases within `delta` of a burst's first release;
//! - time to synchrony: the first burst holding every firm, when the next 3
//!   bursts (one per cycle once in step: "3 further cycles") hold every firm;
//! - synchrony performance: offset in [0, 0.5] cycles from the roadmap;
//! - order parameter `|mean exp(2 pi i phi)|`.

use lockstep::model::engine::Cause;
use lockstep::model::measures::{Bursts, CONVERGED_OFFSET, Roadmap};
use lockstep::{Mode, NetworkSpec, Release, Scenario, Simulation};

const HOLD: usize = 3;

fn release(time: f64, firm: u32) -> Release {
    Release {
        time,
        firm,
        cause: Cause::Schedule,
    }
}

/// Bursts as (start, distinct firms), from releases in time order.
fn bursts(releases: &[(f64, u32)], delta: f64) -> Vec<(f64, usize)> {
    let mut out: Vec<(f64, Vec<u32>)> = Vec::new();
    for &(t, firm) in releases {
        match out.last_mut() {
            Some((start, firms)) if t - *start <= delta => {
                if !firms.contains(&firm) {
                    firms.push(firm);
                }
            }
            _ => out.push((t, vec![firm])),
        }
    }
    out.into_iter().map(|(s, f)| (s, f.len())).collect()
}

/// (time, offset at the confirming burst) of synchrony, judging only bursts
/// whose window has closed by `now`.
fn synchrony(
    bursts: &[(f64, usize)],
    n: usize,
    delta: f64,
    now: f64,
    road: Roadmap,
) -> Option<(f64, f64)> {
    let closed: Vec<&(f64, usize)> = bursts.iter().filter(|b| now - b.0 > delta).collect();
    (0..closed.len()).find_map(|i| {
        let run = closed.get(i..=i + HOLD)?;
        run.iter()
            .all(|b| b.1 == n)
            .then(|| (run[0].0, offset(road, run[HOLD].0)))
    })
}

fn offset(road: Roadmap, t: f64) -> f64 {
    let x = ((t - road.first) / road.cycle).rem_euclid(1.0);
    x.min(1.0 - x)
}

#[test]
fn a_release_exactly_delta_after_the_first_joins_its_burst() {
    // Dyadic times, so the differences are exact.
    let road = Roadmap {
        first: 0.0,
        cycle: 1.0,
    };
    let mut b = Bursts::new(2, 0.25, road);
    b.record(&release(0.5, 0));
    b.record(&release(0.75, 1));
    assert_eq!(b.total(), 1, "0.75 - 0.5 = delta: same burst");
    b.record(&release(1.0, 0));
    b.record(&release(1.0 + 0.25 + f64::EPSILON * 2.0, 1));
    assert_eq!(b.total(), 3, "a hair past delta: a new burst");
    // Measured from the burst's first release, not chained.
    let mut b = Bursts::new(3, 0.25, road);
    for (t, f) in [(0.5, 0), (0.625, 1), (0.875, 2)] {
        b.record(&release(t, f));
    }
    assert_eq!(b.total(), 2);
}

#[test]
fn a_firm_releasing_twice_in_a_burst_counts_once() {
    let road = Roadmap {
        first: 0.0,
        cycle: 1.0,
    };
    let mut b = Bursts::new(2, 0.25, road);
    for k in 0..6 {
        b.record(&release(k as f64, 0));
        b.record(&release(k as f64 + 0.125, 0));
    }
    b.settle(10.0);
    assert_eq!(b.synchrony(), None, "firm 1 never released");
}

#[test]
fn synchrony_is_confirmed_by_exactly_three_further_complete_bursts() {
    let road = Roadmap {
        first: 0.25,
        cycle: 1.0,
    };
    for complete in 1..=6usize {
        let mut b = Bursts::new(2, 0.125, road);
        b.record(&release(0.0, 0)); // incomplete
        for k in 1..=complete {
            b.record(&release(k as f64, 1));
            b.record(&release(k as f64 + 0.0625, 0));
        }
        b.settle(complete as f64 + 0.5);
        let s = b.synchrony();
        if complete <= HOLD {
            assert_eq!(s, None, "{complete} complete bursts are not enough");
        } else {
            let s = s.expect("four complete bursts in a row");
            assert_eq!(s.time, 1.0, "the first of them");
            assert_eq!(s.offset, 0.25);
            assert!(!s.converged());
        }
    }
    // Not yet judged while the fourth burst's window is open.
    let mut b = Bursts::new(1, 0.125, road);
    for k in 1..=4 {
        b.record(&release(k as f64, 0));
    }
    b.settle(4.0 + 0.0625);
    assert_eq!(b.synchrony(), None);
    b.settle(4.0 + 0.25);
    assert!(b.synchrony().is_some());
}

#[test]
fn convergence_is_an_offset_of_at_most_0_05() {
    assert_eq!(CONVERGED_OFFSET, 0.05);
    let road = Roadmap {
        first: 0.5,
        cycle: 2.0,
    };
    assert_eq!(road.offset(0.5 + 2.0 * 7.0), 0.0);
    assert!((road.offset(0.5 + 2.0 * 0.75) - 0.25).abs() < 1e-12);
    assert!((road.offset(0.5 - 2.0 * 0.3) - 0.3).abs() < 1e-12);
    assert!((road.offset(0.5 + 2.0 * 0.5) - 0.5).abs() < 1e-12);
}

#[test]
fn bursts_in_the_last_cycle_count_starts_within_one_cycle() {
    let road = Roadmap {
        first: 0.0,
        cycle: 1.0,
    };
    let mut b = Bursts::new(1, 0.0625, road);
    for t in [0.5, 1.0, 1.25, 1.75] {
        b.record(&release(t, 0));
    }
    assert_eq!(b.in_last_cycle(2.0), 3, "1.0, 1.25 and 1.75");
    assert_eq!(b.in_last_cycle(2.5), 1, "1.75");
}

fn scenarios() -> Vec<Scenario> {
    let mut out = Vec::new();
    for seed in 1..=12u32 {
        for mode in [Mode::Reactive, Mode::Planned, Mode::Hybrid] {
            out.push(Scenario {
                seed,
                firms: 10 + seed as usize % 7,
                network: if seed % 2 == 0 {
                    NetworkSpec::Complete
                } else {
                    NetworkSpec::ErdosRenyi { mean_degree: 5.0 }
                },
                eps: 0.08,
                mode,
                coordinators: 2,
                delta: [0.02, 0.05, 0.005][seed as usize % 3],
                cycle_spread: if seed % 4 == 1 { 0.05 } else { 0.0 },
                ..Scenario::default()
            });
        }
    }
    out
}

/// Runs `scenario` in frames, checking the live measures against ones
/// recomputed from the releases; returns the independent synchrony.
fn check_scenario(scenario: &Scenario, cycles: f64) -> Option<(f64, f64)> {
    let mut sim = Simulation::new(scenario).unwrap();
    let n = sim.firm_count();
    let road = sim.roadmap();
    let mut log: Vec<(f64, u32)> = Vec::new();
    let dt = 0.137;
    while sim.time() < cycles {
        sim.advance_with(dt, &mut |r| log.push((r.time, r.firm)));
        let now = sim.time();
        let bs = bursts(&log, scenario.delta);
        let expected = synchrony(&bs, n, scenario.delta, now, road);
        let got = sim.synchrony().map(|s| (s.time, s.offset));
        assert_eq!(
            got.is_some(),
            expected.is_some(),
            "{scenario:?} at {now}: {got:?} vs {expected:?}"
        );
        if let (Some(g), Some(e)) = (got, expected) {
            assert_eq!(g.0, e.0, "time to synchrony");
            assert!((g.1 - e.1).abs() < 1e-9, "offset {} vs {}", g.1, e.1);
        }
        let last = bs.iter().filter(|b| b.0 >= now - 1.0).count();
        assert_eq!(
            sim.bursts_last_cycle(),
            last,
            "bursts in the last cycle at {now}"
        );
        let phases: Vec<f64> = (0..n as u32).map(|i| sim.engine().phase(i)).collect();
        let (re, im) = phases.iter().fold((0.0, 0.0), |(re, im), &p| {
            let a = std::f64::consts::TAU * p;
            (re + a.cos(), im + a.sin())
        });
        let r = (re * re + im * im).sqrt() / n as f64;
        assert!((sim.order_parameter() - r).abs() < 1e-6, "order parameter");
    }
    synchrony(
        &bursts(&log, scenario.delta),
        n,
        scenario.delta,
        sim.time(),
        road,
    )
}

#[test]
fn live_measures_match_measures_recomputed_from_the_releases() {
    let mut synced = 0;
    for s in scenarios() {
        let expected = check_scenario(&s, 40.0);
        synced += expected.is_some() as usize;
        // The batch path agrees with the live one.
        let mut batch = Simulation::new(&s).unwrap();
        let got = batch.run_until_synchrony(40.0).map(|x| (x.time, x.offset));
        match (got, expected) {
            (Some(g), Some(e)) => {
                assert_eq!(g.0, e.0, "{s:?}");
                assert!((g.1 - e.1).abs() < 1e-9);
            }
            (None, None) => {}
            // The live run may confirm a little later than 40 cycles' frames.
            (g, e) => assert!(g.is_none() || e.is_none(), "{s:?}: {g:?} vs {e:?}"),
        }
    }
    assert!(synced > 10, "only {synced} scenarios synchronized");
}

#[test]
fn stubborn_coordinators_release_exactly_on_their_roadmap() {
    // rho = 0: outside pulses never move a coordinator, so every one of
    // their releases sits on the roadmap.
    for seed in 1..=10u32 {
        for mode in [Mode::Planned, Mode::Hybrid] {
            let s = Scenario {
                seed,
                firms: 15,
                mode,
                coordinators: 3,
                responsiveness: 0.0,
                cycle_spread: if seed % 2 == 0 { 0.1 } else { 0.0 },
                ..Scenario::default()
            };
            let mut sim = Simulation::new(&s).unwrap();
            let coordinators = sim.coordinators().to_vec();
            let road = sim.roadmap();
            let mut times = Vec::new();
            sim.advance_with(20.0, &mut |r| {
                if coordinators.contains(&r.firm) {
                    times.push(r.time);
                }
            });
            // Locked: all of them every time, at least once per cycle.
            assert_eq!(times.len() % coordinators.len(), 0, "{s:?}");
            assert!(times.len() >= coordinators.len() * 19, "{s:?}");
            for t in times {
                assert!(road.offset(t) < 1e-9, "{s:?}: coordinator release at {t}");
            }
        }
    }
}

#[test]
fn responsive_coordinators_are_pulled_off_their_roadmap() {
    let s = Scenario {
        seed: 3,
        firms: 15,
        mode: Mode::Planned,
        coordinators: 3,
        responsiveness: 1.0,
        ..Scenario::default()
    };
    let mut sim = Simulation::new(&s).unwrap();
    let coordinators = sim.coordinators().to_vec();
    let road = sim.roadmap();
    let mut worst: f64 = 0.0;
    sim.advance_with(20.0, &mut |r| {
        if coordinators.contains(&r.firm) {
            worst = worst.max(road.offset(r.time));
        }
    });
    assert!(worst > 0.01, "offset {worst}");
}
