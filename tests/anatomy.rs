//! A network described: its subgroups and the ties between them, where the
//! coordinators sit and whom their signal reaches, counted on the network
//! that runs and said in sentences (what a screen reader hears and
//! `lockstep describe` prints).

use lockstep::network::csv::parse;
use lockstep::simulation::Anatomy;
use lockstep::{Mode, NetworkSpec, Reach, Scenario, Simulation};

/// Two triangles, north (A, B, C) and south (D, E, F), joined by C-D;
/// A and F coordinate.
fn two_triangles(mode: Mode, reach: Reach) -> Scenario {
    let ties = "A,B\nB,C\nC,A\nC,D\nD,E\nE,F\nF,D\n";
    let attributes =
        "firm,subgroup,coordinator\nA,north,1\nB,north\nC,north\nD,south\nE,south\nF,south,1\n";
    let imported = parse(ties, Some(attributes)).expect("imports");
    imported.apply(&Scenario {
        mode,
        reach,
        ..Scenario::default()
    })
}

fn anatomy(scenario: &Scenario) -> Anatomy {
    Simulation::new(scenario).expect("runs").anatomy()
}

#[test]
fn subgroups_ties_inside_and_between_and_the_coordinators_own_ties() {
    let a = anatomy(&two_triangles(Mode::Hybrid, Reach::Partners));
    assert_eq!(
        (a.firms, a.ties),
        (6, 8),
        "seven ties, and one joining A and F"
    );
    assert_eq!(a.group_names, ["north", "south"]);
    assert_eq!(
        a.groups
            .iter()
            .map(|g| (g.firms, g.ties_inside, g.coordinators))
            .collect::<Vec<_>>(),
        [(3, 3, 1), (3, 3, 1)]
    );
    assert_eq!((a.ties_inside, a.ties_between), (6, 1));
    assert_eq!(a.joins.len(), 1);
    assert_eq!((a.joins[0].a, a.joins[0].b, a.joins[0].ties), (0, 1, 1));
    assert_eq!((a.coordinator_ties, a.coordinator_ties_between), (1, 1));
    assert_eq!(a.coordinator_partners, [2, 2], "their own tie aside");
    // Partners of A (B, C) and of F (D, E): everyone else.
    assert_eq!(a.audience, 4);
    assert_eq!(
        a.groups.iter().map(|g| g.audience).collect::<Vec<_>>(),
        [2, 2]
    );
}

#[test]
fn the_sentences_say_it() {
    let a = anatomy(&two_triangles(Mode::Hybrid, Reach::Partners));
    assert_eq!(
        a.sentences(),
        [
            "Imported network (CSV): 6 firms, 8 ties, 2.7 partners a firm on average.",
            "2 subgroups of 3 firms, 6 ties inside them and 1 between them: 1 joins subgroups north and south.",
            "2 coordinators, chosen by hand (A and F) with 2 partners each, share one roadmap and \
             signal their joint releases: 1 in subgroup north and 1 in subgroup south. They are tied to \
             each other by 1 intense tie, between subgroups.",
            "Each joint release signals their partners: all 4 other firms, all of subgroup north and \
             all of subgroup south.",
        ]
    );
}

#[test]
fn without_a_plan_nobody_coordinates_and_nothing_signals() {
    let a = anatomy(&two_triangles(Mode::Reactive, Reach::All));
    assert!(!a.coordinated);
    assert_eq!(
        (a.ties, a.coordinator_ties, a.reach, a.audience),
        (7, 0, None, 0)
    );
    let sentences = a.sentences();
    assert_eq!(sentences.len(), 3);
    assert_eq!(
        sentences[2],
        "Nobody coordinates: firms only react to their partners’ releases."
    );
}

#[test]
fn a_clustered_network_counts_every_tie_once_and_names_its_pairs() {
    let scenario = Scenario {
        seed: 18,
        network: NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 8.0,
            between_share: 0.03,
        },
        ..Scenario::default()
    };
    let a = anatomy(&scenario);
    assert_eq!(a.groups.len(), 4);
    assert_eq!(a.groups.iter().map(|g| g.firms).sum::<usize>(), 60);
    assert_eq!(a.ties_inside + a.ties_between + a.coordinator_ties, a.ties);
    assert_eq!(
        a.joins.iter().map(|j| j.ties).sum::<usize>(),
        a.ties_between
    );
    assert_eq!(a.groups.iter().map(|g| g.coordinators).sum::<usize>(), 5);
    assert_eq!(
        a.groups.iter().map(|g| g.audience).sum::<usize>(),
        a.audience
    );
    let words = a.sentences().join(" ");
    assert!(
        words.starts_with("Clustered (planted partition): 60 firms"),
        "{words}"
    );
    assert!(words.contains("4 subgroups of 15 firms"), "{words}");
    assert!(
        words.contains("5 coordinators, the best-connected firms"),
        "{words}"
    );
    assert!(words.contains("within two ties"), "{words}");
}

#[test]
fn a_network_without_subgroups_says_where_the_coordinators_are_by_their_ties() {
    let a = anatomy(&Scenario::default());
    assert!(a.groups.is_empty() && a.joins.is_empty());
    let words = a.sentences();
    assert_eq!(words.len(), 3);
    assert!(words[0].starts_with("Random (Erdős–Rényi): 60 firms"));
    let [lo, hi] = a.coordinator_partners;
    assert!(
        words[1].contains(&format!("{lo} to {hi} partners each")) || lo == hi,
        "{}",
        words[1]
    );
}
