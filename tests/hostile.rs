//! Sizes derived from a scenario are checked before anything is built: a
//! scenario the core cannot run in its limits (or the page in a pane's) is
//! refused naming the field, never a crash or a frozen run; and whatever the
//! clamp lets through builds, or is refused, quickly.

use lockstep::network::csv::parse;
use lockstep::network::{MAX_FIRMS, MAX_TIES};
use lockstep::scenario::clamp::Clamp;
use lockstep::scenario::size::{Budget, PAGE_FIRMS, PAGE_TIES, complete_firms};
use lockstep::{Choice, Mode, NetworkSpec, Scenario, Simulation};
use proptest::prelude::*;
use std::time::{Duration, Instant};

/// Most ties of a scenario the property test builds with the core's limits.
const CORE_BUILDS: u64 = 2_000_000;

fn refusal(s: &Scenario) -> String {
    s.validate().expect_err("refused").to_string()
}

#[test]
fn thousands_of_coordinators_are_refused_before_their_ties_are_made() {
    for (firms, k) in [(20_000, 19_999), (3_000, 2_999)] {
        let s = Scenario {
            firms,
            coordinators: k,
            ..Scenario::default()
        };
        assert_eq!(
            refusal(&s),
            format!("coordinators: {k} is more than the 500 coordinators a scenario may have")
        );
        assert!(Simulation::new(&s).is_err());
    }
}

#[test]
fn coordinators_whose_ties_pass_the_limit_are_refused_naming_them() {
    // The most firms at this mean degree already take the whole tie limit.
    let s = Scenario {
        firms: MAX_FIRMS,
        network: NetworkSpec::ErdosRenyi {
            mean_degree: (2 * MAX_TIES / MAX_FIRMS) as f64,
        },
        coordinators: 3,
        ..Scenario::default()
    };
    assert_eq!(
        refusal(&s),
        format!(
            "coordinators: 3 coordinators tie to each other with 3 intense ties, which with the \
             network's {MAX_TIES} make {}: that is more than the limit of {MAX_TIES} ties",
            MAX_TIES + 3
        )
    );
    let reactive = Scenario {
        mode: Mode::Reactive,
        ..s
    };
    reactive
        .validate()
        .expect("would-be coordinators are not tied");
}

#[test]
fn an_import_with_every_firm_a_coordinator_is_refused() {
    let ring: String = (0..2_000)
        .map(|i| format!("f{i},f{}\n", (i + 1) % 2_000))
        .collect();
    let flags: String = std::iter::once("firm,coordinator\n".to_owned())
        .chain((0..1_999).map(|i| format!("f{i},1\n")))
        .collect();
    let scenario = parse(&ring, Some(&flags))
        .unwrap()
        .apply(&Scenario::default());
    assert_eq!(scenario.choice, Choice::Chosen);
    assert_eq!(
        refusal(&scenario),
        "coordinators: 1999 is more than the 500 coordinators a scenario may have"
    );
}

#[test]
fn a_complete_network_is_bounded_by_the_tie_limit() {
    let most = complete_firms(MAX_TIES);
    assert!(most * (most - 1) / 2 <= MAX_TIES && (most + 1) * most / 2 > MAX_TIES);
    let fits = Scenario {
        firms: most,
        network: NetworkSpec::Complete,
        mode: Mode::Reactive,
        ..Scenario::default()
    };
    fits.validate().unwrap();
    let over = Scenario {
        firms: most + 1,
        ..fits
    };
    assert_eq!(
        refusal(&over),
        format!(
            "ties: {} ties (every pair of {} firms) is more than the limit of {MAX_TIES} ties",
            (most + 1) * most / 2,
            most + 1
        )
    );
    assert_eq!(complete_firms(400_000), 894, "894 x 893 / 2 = 399,171 ties");
}

#[test]
fn the_page_refuses_what_its_pane_cannot_run_and_says_where_it_runs() {
    let big = Scenario {
        firms: PAGE_FIRMS + 1,
        ..Scenario::default()
    };
    let error = Simulation::within(&big, &Budget::PAGE)
        .err()
        .expect("refused")
        .to_string();
    assert_eq!(
        error,
        format!(
            "firms: {} firms is more than this page's limit per pane of {PAGE_FIRMS} firms; \
             the command line (lockstep run --url LINK) runs more",
            PAGE_FIRMS + 1
        )
    );
    big.check_size(&Budget::CORE).expect("the core runs it");
    let dense = Scenario {
        firms: PAGE_FIRMS,
        network: NetworkSpec::ErdosRenyi {
            mean_degree: (2 * PAGE_TIES / PAGE_FIRMS + 1) as f64,
        },
        ..Scenario::default()
    };
    let error = Simulation::within(&dense, &Budget::PAGE)
        .err()
        .expect("refused")
        .to_string();
    assert!(
        error.starts_with(&format!(
            "network.meanDegree: about {} ties is more than this page's limit",
            PAGE_TIES + PAGE_FIRMS / 2
        )),
        "{error}"
    );
}

#[test]
fn too_many_chosen_firms_are_cut_to_the_coordinator_limit_in_any_mode() {
    let mut s = Scenario {
        firms: PAGE_FIRMS,
        mode: Mode::Reactive,
        choice: Choice::Chosen,
        chosen: (0..600).rev().chain([3, 3]).collect(),
        ..Scenario::default()
    };
    let name = |f: &str| f.to_owned();
    let mut clamp = Clamp {
        notes: Vec::new(),
        name: &name,
    };
    clamp.scenario(&mut s);
    assert_eq!(s.chosen, (0..500).collect::<Vec<u32>>());
    assert_eq!(clamp.notes.len(), 1, "{:?}", clamp.notes);
    s.validate().expect("validates");
}

fn kinds() -> impl Strategy<Value = NetworkSpec> {
    prop_oneof![
        Just(NetworkSpec::Complete),
        (0usize..1_000).prop_map(|degree| NetworkSpec::RingLattice { degree }),
        (0.0..1e4f64).prop_map(|mean_degree| NetworkSpec::ErdosRenyi { mean_degree }),
        (0usize..5_000_000).prop_map(|ties| NetworkSpec::Gnm { ties }),
        (0usize..50, 0.0..1e3f64, 0.0..1.0f64).prop_map(|(groups, mean_degree, between_share)| {
            NetworkSpec::PlantedPartition {
                groups,
                mean_degree,
                between_share,
            }
        }),
        (0usize..1_000, 0.0..1.0f64)
            .prop_map(|(degree, rewire)| NetworkSpec::WattsStrogatz { degree, rewire }),
        (0usize..1_000).prop_map(|attach| NetworkSpec::BarabasiAlbert { attach }),
        (0.0..1e3f64).prop_map(|mean_degree| NetworkSpec::Geometric { mean_degree }),
    ]
}

prop_compose! {
    fn huge()(firms in 0usize..60_000, network in kinds(), k in 0usize..30_000,
              mode in 0..3u8, chosen in proptest::collection::vec(0u32..60_000, 0..800),
              pick in 0..3u8) -> Scenario {
        Scenario {
            firms, network, coordinators: k,
            mode: [Mode::Reactive, Mode::Planned, Mode::Hybrid][mode as usize],
            choice: [Choice::HighestDegree, Choice::Random, Choice::Chosen][pick as usize],
            chosen,
            ..Scenario::default()
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    /// Whatever a link or file asks for, once clamped it validates (its
    /// size fits the core's limits) and builds within the page's budget or
    /// is refused with a reason: no panic, and no freeze (a generous bound;
    /// the largest scenario a pane runs builds in well under a second).
    /// The core's own builds are tried up to a few million ties (the
    /// largest take tens of seconds and gigabytes: tests/scale.rs builds
    /// a million firms once).
    #[test]
    fn a_clamped_scenario_builds_or_is_refused_quickly(mut s in huge()) {
        let name = |f: &str| f.to_owned();
        Clamp { notes: Vec::new(), name: &name }.scenario(&mut s);
        prop_assert!(s.validate().is_ok(), "a clamped scenario validates: {:?}", s.validate());
        let start = Instant::now();
        if s.size().ties() <= CORE_BUILDS
            && let Ok(sim) = Simulation::new(&s)
        {
            prop_assert!(sim.ties().len() / 2 <= MAX_TIES);
        }
        if let Ok(sim) = Simulation::within(&s, &Budget::PAGE) {
            prop_assert!(sim.firm_count() <= PAGE_FIRMS && sim.ties().len() / 2 <= PAGE_TIES);
        }
        prop_assert!(start.elapsed() < Duration::from_secs(30), "{:?}", start.elapsed());
    }
}
