//! The findings the model must reproduce, on ensembles of seeds:
//! Mirollo and Strogatz (1990) on the complete graph, and Davis (2013) on
//! alliance networks. docs/model.md has the full tables; these tests pin
//! the claims at ensemble sizes that run in seconds.

use lockstep::experiments::{Experiment, PointSummary, run_all, summarize};
use lockstep::{Mode, NetworkSpec, Reach, Scenario, Simulation};

const CAP: f64 = 300.0;

fn ensemble(base: &Scenario, path: &str, values: &[f64], seeds: u32) -> Vec<PointSummary> {
    let experiment = Experiment::one_way(base, path, values, 1, seeds, CAP);
    let plan = experiment.plan().expect("a plan of a few runs");
    let runs = run_all(&experiment, &plan).expect("valid sweep");
    summarize(&runs)
}

fn reactive(firms: usize, network: NetworkSpec) -> Scenario {
    Scenario {
        firms,
        network,
        mode: Mode::Reactive,
        ..Scenario::default()
    }
}

/// The median time, counting a censored median as the cap.
fn median(s: &PointSummary) -> f64 {
    s.median_time.unwrap_or(CAP)
}

#[test]
fn mirollo_strogatz_concave_coupling_synchronizes_every_run_faster_with_stronger_pulses() {
    let base = Scenario {
        one_pulse_per_event: true,
        dissipation: 3.0,
        ..reactive(50, NetworkSpec::Complete)
    };
    let points = ensemble(&base, "eps", &[0.02, 0.05, 0.1], 20);
    for p in &points {
        assert_eq!(p.censored, 0, "eps {}: every run synchronizes", p.value);
    }
    assert!(
        points[0].mean_time > points[1].mean_time && points[1].mean_time > points[2].mean_time,
        "{points:?}"
    );
}

#[test]
fn mirollo_strogatz_linear_or_convex_coupling_never_synchronizes() {
    for b in [0.0, -1.0] {
        let base = Scenario {
            one_pulse_per_event: true,
            dissipation: b,
            ..reactive(50, NetworkSpec::Complete)
        };
        for p in ensemble(&base, "eps", &[0.02, 0.1], 10) {
            assert_eq!(
                p.censored, p.runs,
                "b {b}, eps {}: no run synchronizes",
                p.value
            );
        }
    }
}

#[test]
fn finding_1_denser_networks_synchronize_faster() {
    let base = reactive(100, NetworkSpec::ErdosRenyi { mean_degree: 4.0 });
    let p = ensemble(&base, "network.meanDegree", &[4.0, 10.0, 20.0], 40);
    for w in p.windows(2) {
        assert!(
            w[0].mean_time > w[1].mean_time,
            "mean degree {} then {}: {p:?}",
            w[0].value,
            w[1].value
        );
        assert!(
            w[0].interval.0 > w[1].interval.1,
            "95% intervals overlap: {p:?}"
        );
    }
}

#[test]
fn finding_2_clustering_into_subgroups_slows_synchrony_at_equal_density() {
    let base = reactive(
        100,
        NetworkSpec::PlantedPartition {
            groups: 5,
            mean_degree: 10.0,
            between_share: 0.02,
        },
    );
    let p = ensemble(&base, "network.betweenShare", &[0.02, 0.2], 40);
    let (clustered, open) = (&p[0], &p[1]);
    assert!(median(clustered) > 1.5 * median(open), "{p:?}");
    assert!(clustered.mean_time > 2.0 * open.mean_time, "{p:?}");
}

#[test]
fn finding_2_subgroups_fall_into_step_before_the_whole_network() {
    let mut earlier = 0;
    let seeds = 20;
    for seed in 1..=seeds {
        let network = NetworkSpec::PlantedPartition {
            groups: 5,
            mean_degree: 10.0,
            between_share: 0.02,
        };
        let mut sim = Simulation::new(&Scenario {
            seed,
            ..reactive(100, network)
        })
        .unwrap();
        let mut all_groups_in_step = None;
        while sim.synchrony().is_none() && sim.time() < CAP {
            sim.advance(0.05);
            let groups_r = sim.group_order_parameters();
            if all_groups_in_step.is_none() && groups_r.iter().all(|&r| r > 0.99) {
                all_groups_in_step = Some(sim.time());
            }
        }
        if let (Some(groups), Some(whole)) = (all_groups_in_step, sim.synchrony()) {
            // The network is judged in step 3 cycles after its first full burst.
            earlier += (groups < whole.time) as u32;
        }
    }
    assert!(
        earlier >= seeds * 3 / 4,
        "subgroups first in {earlier} of {seeds} runs"
    );
}

#[test]
fn clustering_by_lattice_locality_does_not_slow_synchrony() {
    // Unlike subgroups: a ring lattice (clustering about 0.67) against the
    // same lattice with every tie rewired (clustering about 0.1).
    let base = reactive(
        100,
        NetworkSpec::WattsStrogatz {
            degree: 10,
            rewire: 0.0,
        },
    );
    let p = ensemble(&base, "network.rewire", &[0.0, 1.0], 40);
    let (lattice, random) = (&p[0], &p[1]);
    assert_eq!(lattice.censored + random.censored, 0, "{p:?}");
    assert!(lattice.mean_time <= 1.2 * random.mean_time, "{p:?}");
}

/// The default scenario's network and its clustered counterpart with the
/// same firms and the same number of ties.
fn dense_and_clustered(mode: Mode) -> (Scenario, Scenario) {
    let clustered = Scenario {
        mode,
        network: NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 8.0,
            between_share: 0.03,
        },
        ..Scenario::default()
    };
    let ties = clustered
        .clone()
        .check()
        .unwrap()
        .network()
        .unwrap()
        .network
        .tie_count();
    (
        Scenario {
            mode,
            network: NetworkSpec::Gnm { ties },
            ..Scenario::default()
        },
        clustered,
    )
}

#[test]
fn finding_3_hybrid_signaling_speeds_synchrony_in_a_dense_network() {
    let (hybrid, _) = dense_and_clustered(Mode::Hybrid);
    let (reactive, _) = dense_and_clustered(Mode::Reactive);
    let h = &ensemble(&hybrid, "coordinators", &[5.0], 60)[0];
    let r = &ensemble(&reactive, "coordinators", &[5.0], 60)[0];
    assert!(
        median(h) < 0.75 * median(r),
        "hybrid {h:?} vs reactive {r:?}"
    );
    assert!(h.censored <= 3, "{h:?}");
}

#[test]
fn the_same_signal_spreads_slowly_through_a_clustered_network() {
    let (dense, clustered) = dense_and_clustered(Mode::Hybrid);
    let d = &ensemble(&dense, "coordinators", &[5.0], 60)[0];
    let c = &ensemble(&clustered, "coordinators", &[5.0], 60)[0];
    assert!(
        median(c) > 3.0 * median(d),
        "clustered {c:?} vs dense {d:?}"
    );
    assert!(c.censored > d.censored, "clustered {c:?} vs dense {d:?}");
}

#[test]
fn finding_4_coordination_raises_the_chance_of_converging_to_the_coordinators_rhythm() {
    let (hybrid, _) = dense_and_clustered(Mode::Hybrid);
    let (reactive, _) = dense_and_clustered(Mode::Reactive);
    let h = &ensemble(&hybrid, "coordinators", &[5.0], 60)[0];
    let r = &ensemble(&reactive, "coordinators", &[5.0], 60)[0];
    // By chance a common rhythm lands within 0.05 of the roadmap about 10% of the time.
    assert!(r.converged_share < 0.3, "reactive {r:?}");
    assert!(h.converged_share > 0.85, "hybrid {h:?}");
}

#[test]
fn finding_5_convergence_grows_with_density() {
    let base = Scenario::default();
    let p = ensemble(&base, "network.meanDegree", &[5.0, 8.0, 16.0], 60);
    assert!(p[0].converged_share < p[1].converged_share - 0.3, "{p:?}");
    assert!(p[1].converged_share <= p[2].converged_share, "{p:?}");
}

#[test]
fn finding_5_convergence_depends_little_on_tie_strength() {
    let base = Scenario {
        arms_length: 0.5,
        ..Scenario::default()
    };
    let p = ensemble(&base, "intenseShare", &[1.0, 0.5], 60);
    assert!(
        (p[0].converged_share - p[1].converged_share).abs() < 0.15,
        "{p:?}"
    );
}

#[test]
fn stubborn_coordinators_win_the_rhythm_but_responsive_ones_lose_it() {
    let stubborn = Scenario {
        reach: Reach::All,
        eps_signal: 0.3,
        ..Scenario::default()
    };
    let p = ensemble(&stubborn, "responsiveness", &[0.0, 0.25], 40);
    let (keep, follow) = (&p[0], &p[1]);
    assert!(keep.converged_share > 0.8, "{p:?}");
    assert!(follow.converged_share < 0.3, "{p:?}");
}
