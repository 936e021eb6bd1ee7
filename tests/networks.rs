//! The network generators: each makes the network its name promises, from
//! the seed alone, and its statistics say what it is.

use lockstep::layout::layout;
use lockstep::network::stats::{NetworkStats, average_clustering, sampled_clustering};
use lockstep::{NetworkSpec, Scenario};

fn generate(firms: usize, network: NetworkSpec, seed: u32) -> lockstep::network::Network {
    Scenario {
        firms,
        network,
        seed,
        ..Scenario::default()
    }
    .check()
    .unwrap()
    .network()
    .unwrap()
    .network
}

fn stats(firms: usize, network: NetworkSpec) -> NetworkStats {
    NetworkStats::of(&generate(firms, network, 1))
}

#[test]
fn complete_network_ties_every_pair() {
    let s = stats(30, NetworkSpec::Complete);
    assert_eq!(
        (s.ties, s.density, s.clustering, s.mean_path),
        (435, 1.0, 1.0, Some(1.0))
    );
}

#[test]
fn ring_lattice_has_the_textbook_clustering() {
    // Degree k: clustering 3(k - 2) / (4(k - 1)); here k = 6 gives 0.6.
    let s = stats(100, NetworkSpec::RingLattice { degree: 6 });
    assert_eq!(s.ties, 300);
    assert_eq!(s.degree_counts[6], 100);
    assert!((s.clustering - 0.6).abs() < 1e-12, "{}", s.clustering);
    assert_eq!(s.components, 1);
}

#[test]
fn large_networks_estimate_clustering_and_paths_from_samples_and_say_so() {
    // Every firm of a ring lattice has the same clustering: a sample of
    // firms gives it exactly.
    let ring = generate(400_000, NetworkSpec::RingLattice { degree: 6 }, 1);
    let (clustering, sampled) = sampled_clustering(&ring);
    assert!(sampled && (clustering - 0.6).abs() < 1e-9, "{clustering}");
    let small = generate(100, NetworkSpec::RingLattice { degree: 6 }, 1);
    assert_eq!(
        sampled_clustering(&small),
        (average_clustering(&small), false)
    );
    let s = NetworkStats::of(&ring);
    assert!(s.mean_path_sampled && s.clustering_sampled);
    // From any firm of the ring, the mean distance to the others is n / 12.
    let path = s.mean_path.unwrap();
    assert!((path - 400_000.0 / 12.0).abs() < 1.0, "{path}");
}

#[test]
fn erdos_renyi_has_the_asked_mean_degree_on_average() {
    let mean: f64 = (1..=20)
        .map(|seed| {
            NetworkStats::of(&generate(
                500,
                NetworkSpec::ErdosRenyi { mean_degree: 8.0 },
                seed,
            ))
            .mean_degree
        })
        .sum::<f64>()
        / 20.0;
    assert!((mean - 8.0).abs() < 0.1, "mean degree {mean}");
}

#[test]
fn gnm_has_exactly_the_asked_ties() {
    assert_eq!(stats(200, NetworkSpec::Gnm { ties: 777 }).ties, 777);
    let too_many = Scenario {
        firms: 10,
        network: NetworkSpec::Gnm { ties: 1000 },
        ..Scenario::default()
    };
    let refusal = too_many.validate().unwrap_err().to_string();
    assert_eq!(
        refusal,
        "network.ties: 1000 ties is more than the 45 pairs of 10 firms"
    );
}

#[test]
fn planted_partition_places_the_asked_share_of_ties_between_subgroups() {
    let net = generate(
        120,
        NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 10.0,
            between_share: 0.05,
        },
        3,
    );
    assert_eq!(net.tie_count(), 600);
    assert_eq!(net.group_count(), 4);
    let between = net
        .ties()
        .iter()
        .filter(|&&(a, b, _)| net.groups()[a as usize] != net.groups()[b as usize])
        .count();
    assert_eq!(between, 30);
    // Subgroups are alike in size.
    let sizes: Vec<usize> = (0..4)
        .map(|g| net.groups().iter().filter(|&&x| x == g).count())
        .collect();
    assert_eq!(sizes, vec![30, 30, 30, 30]);
}

#[test]
fn watts_strogatz_keeps_the_ties_and_loses_clustering_as_it_rewires() {
    let lattice = stats(
        200,
        NetworkSpec::WattsStrogatz {
            degree: 8,
            rewire: 0.0,
        },
    );
    let random = stats(
        200,
        NetworkSpec::WattsStrogatz {
            degree: 8,
            rewire: 1.0,
        },
    );
    assert_eq!((lattice.ties, random.ties), (800, 800));
    assert!((lattice.clustering - 9.0 / 14.0).abs() < 1e-12);
    assert!(random.clustering < 0.1, "{}", random.clustering);
    assert!(random.mean_path.unwrap() < lattice.mean_path.unwrap() / 3.0);
}

#[test]
fn barabasi_albert_grows_hubs() {
    let s = stats(500, NetworkSpec::BarabasiAlbert { attach: 3 });
    // A complete start of 4 firms, then 3 ties for each of 496 newcomers.
    assert_eq!(s.ties, 6 + 3 * 496);
    assert!(
        s.degree_counts.len() > 30,
        "a hub of degree {}",
        s.degree_counts.len() - 1
    );
    assert_eq!(s.components, 1);
}

#[test]
fn geometric_networks_tie_nearby_firms_and_cluster() {
    let s = stats(1000, NetworkSpec::Geometric { mean_degree: 10.0 });
    // Firms near the square's edge have fewer neighbours than the interior.
    assert!(
        s.mean_degree > 8.5 && s.mean_degree < 10.5,
        "{}",
        s.mean_degree
    );
    assert!(s.clustering > 0.5, "{}", s.clustering);
}

#[test]
fn a_disconnected_network_is_reported_not_patched() {
    let s = stats(100, NetworkSpec::ErdosRenyi { mean_degree: 1.0 });
    assert!(s.components > 10, "{} components", s.components);
}

#[test]
fn every_generator_is_a_function_of_the_seed() {
    let kinds = [
        NetworkSpec::ErdosRenyi { mean_degree: 6.0 },
        NetworkSpec::Gnm { ties: 300 },
        NetworkSpec::PlantedPartition {
            groups: 5,
            mean_degree: 6.0,
            between_share: 0.1,
        },
        NetworkSpec::WattsStrogatz {
            degree: 6,
            rewire: 0.3,
        },
        NetworkSpec::BarabasiAlbert { attach: 3 },
        NetworkSpec::Geometric { mean_degree: 6.0 },
    ];
    for kind in kinds {
        let a = generate(150, kind.clone(), 42);
        assert_eq!(a, generate(150, kind.clone(), 42), "{kind:?}");
        assert_ne!(a.ties(), generate(150, kind.clone(), 43).ties(), "{kind:?}");
    }
}

#[test]
fn layouts_are_deterministic_and_inside_the_square() {
    for kind in [
        NetworkSpec::ErdosRenyi { mean_degree: 6.0 },
        NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 6.0,
            between_share: 0.05,
        },
    ] {
        let g = Scenario {
            firms: 300,
            network: kind,
            ..Scenario::default()
        }
        .check()
        .unwrap()
        .network()
        .unwrap();
        let a = layout(&g.network, g.places.as_deref(), 1);
        assert_eq!(a, layout(&g.network, g.places.as_deref(), 1));
        assert!(a.iter().flatten().all(|&x| (0.0..=1.0).contains(&x)));
    }
}

#[test]
fn subgroups_are_laid_out_apart() {
    let g = Scenario {
        firms: 200,
        network: NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 8.0,
            between_share: 0.05,
        },
        ..Scenario::default()
    }
    .check()
    .unwrap()
    .network()
    .unwrap();
    let pos = layout(&g.network, None, 1);
    let groups = g.network.groups();
    let centre = |k: u32| {
        let members: Vec<&[f64; 2]> = pos
            .iter()
            .zip(groups)
            .filter(|&(_, &g)| g == k)
            .map(|(p, _)| p)
            .collect();
        let n = members.len() as f64;
        [
            members.iter().map(|p| p[0]).sum::<f64>() / n,
            members.iter().map(|p| p[1]).sum::<f64>() / n,
        ]
    };
    let spread = |k: u32| {
        let c = centre(k);
        pos.iter()
            .zip(groups)
            .filter(|&(_, &g)| g == k)
            .map(|(p, _)| ((p[0] - c[0]).powi(2) + (p[1] - c[1]).powi(2)).sqrt())
            .fold(0.0, f64::max)
    };
    let (c0, c1) = (centre(0), centre(1));
    let gap = ((c0[0] - c1[0]).powi(2) + (c0[1] - c1[1]).powi(2)).sqrt();
    assert!(gap > spread(0) + spread(1), "subgroups overlap: gap {gap}");
}
