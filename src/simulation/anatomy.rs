//! A running network in words: its kind and size, its subgroups and the
//! ties that join them, and where the coordinators sit and whom their
//! signal reaches. First the facts ([`Anatomy`]), then the sentences a
//! screen reader hears and `lockstep describe` prints
//! ([`Anatomy::sentences`]). Subgroups are named as an imported file names
//! them, else numbered from 1, as the page's charts number them.

use crate::network::generators::NetworkSpec;
use crate::network::{FirmId, Network};
use crate::scenario::{Choice, Mode, Reach, Scenario, params};
use serde::Serialize;
use std::collections::BTreeMap;

/// Pairs of subgroups named one by one in a sentence; beyond, a count.
const NAMED_JOINS: usize = 6;
/// Subgroups named one by one; beyond, a count.
const NAMED_GROUPS: usize = 6;
/// Coordinators chosen by hand named by number; beyond, a count.
const NAMED_FIRMS: usize = 8;

/// The facts a description is made of, counted on the network that runs.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Anatomy {
    /// The network's kind (`plantedPartition`) and its label in the table.
    pub kind: &'static str,
    pub kind_label: &'static str,
    pub firms: usize,
    /// Every tie that runs, the coordinators' own included.
    pub ties: usize,
    pub mean_degree: f64,
    /// Each subgroup (empty for a network without subgroups).
    pub groups: Vec<Subgroup>,
    /// Each subgroup's name from an imported file ("" where it gave none);
    /// empty for generated networks, whose subgroups are numbered.
    pub group_names: Vec<String>,
    /// Pairs of subgroups with ties between them, by subgroup (0-based, `a < b`).
    pub joins: Vec<Join>,
    /// Alliance ties inside a subgroup, and between two.
    pub ties_inside: usize,
    pub ties_between: usize,
    pub mode: Mode,
    /// True when the coordinators plan (planned or hybrid, and there are some).
    pub coordinated: bool,
    pub choice: Choice,
    /// The coordinators (would-be coordinators when reactive), sorted.
    pub coordinators: Vec<FirmId>,
    /// The coordinators as words name them: an imported file's names, else
    /// their numbers ("firm 3").
    pub coordinator_names: Vec<String>,
    /// Fewest and most partners a coordinator has in the alliance network.
    pub coordinator_partners: [usize; 2],
    /// The intense ties that join the coordinators to each other (when they
    /// plan), and how many of those join two subgroups.
    pub coordinator_ties: usize,
    pub coordinator_ties_between: usize,
    /// How far a hybrid signal travels, or None when there is no signal.
    pub reach: Option<Reach>,
    /// Firms a joint release signals, coordinators excluded.
    pub audience: usize,
}

/// One subgroup: its firms and inside ties, its coordinators and the firms
/// of it the signal reaches.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Subgroup {
    pub firms: usize,
    pub ties_inside: usize,
    pub coordinators: usize,
    pub audience: usize,
}

/// Alliance ties between subgroups `a` and `b` (0-based, `a < b`).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Join {
    pub a: u32,
    pub b: u32,
    pub ties: usize,
}

impl Anatomy {
    /// The facts of `network` as `scenario` runs it, with its `coordinators`
    /// (sorted) and the `audience` of their signal (sorted).
    pub fn of(
        scenario: &Scenario,
        network: &Network,
        coordinators: &[FirmId],
        audience: &[FirmId],
    ) -> Anatomy {
        let firms = network.firm_count();
        let coordinated = scenario.mode != Mode::Reactive && !coordinators.is_empty();
        let is_coordinator = |f: FirmId| coordinators.binary_search(&f).is_ok();
        let grouped = network.group_count() > 1;
        let group_of = |f: FirmId| network.groups()[f as usize];
        let mut groups = vec![Subgroup::default(); if grouped { network.group_count() } else { 0 }];
        for f in 0..firms as FirmId {
            if let Some(g) = groups.get_mut(group_of(f) as usize) {
                g.firms += 1;
            }
        }
        let mut joins: BTreeMap<(u32, u32), usize> = BTreeMap::new();
        let (mut inside, mut between, mut own, mut own_between) = (0, 0, 0, 0);
        for &(a, b, _) in network.ties() {
            let (ga, gb) = (group_of(a), group_of(b));
            if coordinated && is_coordinator(a) && is_coordinator(b) {
                own += 1;
                own_between += usize::from(grouped && ga != gb);
            } else if ga == gb {
                inside += 1;
                if let Some(g) = groups.get_mut(ga as usize) {
                    g.ties_inside += 1;
                }
            } else {
                between += 1;
                *joins.entry((ga.min(gb), ga.max(gb))).or_default() += 1;
            }
        }
        for &c in coordinators {
            if let Some(g) = groups.get_mut(group_of(c) as usize) {
                g.coordinators += 1;
            }
        }
        for &f in audience {
            if let Some(g) = groups.get_mut(group_of(f) as usize) {
                g.audience += 1;
            }
        }
        // Partners in the alliance network: the coordinators' own ties aside.
        let alliance_degree = |c: FirmId| {
            let partners = network.partners(c).0;
            let own = if coordinated {
                partners.iter().filter(|&&p| is_coordinator(p)).count()
            } else {
                0
            };
            partners.len() - own
        };
        let degrees = coordinators.iter().map(|&c| alliance_degree(c));
        let coordinator_partners = [
            degrees.clone().min().unwrap_or(0),
            degrees.max().unwrap_or(0),
        ];
        let kind = scenario.network.kind();
        let group_names = match &scenario.network {
            NetworkSpec::EdgeList(list) if grouped => list.group_names.clone(),
            _ => Vec::new(),
        };
        let coordinator_names = coordinators
            .iter()
            .map(|&c| match &scenario.network {
                NetworkSpec::EdgeList(list) => list.name(c).to_owned(),
                _ => format!("firm {c}"),
            })
            .collect();
        let signal = coordinated && scenario.mode == Mode::Hybrid;
        Anatomy {
            kind,
            kind_label: params::option("network.kind", kind).map_or(kind, |o| o.label),
            firms,
            ties: network.tie_count(),
            mean_degree: if firms > 0 {
                2.0 * network.tie_count() as f64 / firms as f64
            } else {
                0.0
            },
            groups,
            group_names,
            joins: joins
                .into_iter()
                .map(|((a, b), ties)| Join { a, b, ties })
                .collect(),
            ties_inside: inside,
            ties_between: between,
            mode: scenario.mode,
            coordinated,
            choice: scenario.choice,
            coordinators: coordinators.to_vec(),
            coordinator_names,
            coordinator_partners,
            coordinator_ties: own,
            coordinator_ties_between: own_between,
            reach: signal.then_some(scenario.reach),
            audience: if signal { audience.len() } else { 0 },
        }
    }

    /// Subgroup `g` (0-based) as words name it: its imported name, else its number from 1.
    pub fn group_name(&self, g: usize) -> String {
        match self.group_names.get(g) {
            Some(name) if !name.is_empty() => name.clone(),
            _ => (g + 1).to_string(),
        }
    }

    /// The network in words, a sentence each: what it is, its subgroups
    /// and how they are joined, the coordinators and their signal.
    pub fn sentences(&self) -> Vec<String> {
        let mut out = vec![format!(
            "{}: {}, {}, {} partners a firm on average.",
            self.kind_label,
            count(self.firms, "firm"),
            count(self.ties, "tie"),
            one_decimal(self.mean_degree)
        )];
        if !self.groups.is_empty() {
            out.push(self.subgroups_sentence());
        }
        out.push(self.coordinators_sentence());
        if let Some(reach) = self.reach {
            out.push(self.signal_sentence(reach));
        }
        out
    }

    /// "4 subgroups of 15 firms, 224 ties inside them and 4 between: ..."
    fn subgroups_sentence(&self) -> String {
        let sizes = self.groups.iter().map(|g| g.firms);
        let (lo, hi) = (sizes.clone().min().unwrap_or(0), sizes.max().unwrap_or(0));
        let size = if lo == hi {
            count(lo, "firm")
        } else {
            format!("{lo} to {hi} firms")
        };
        let head = format!(
            "{} subgroups of {size}, {} inside them and {} between them",
            self.groups.len(),
            count(self.ties_inside, "tie"),
            self.ties_between
        );
        if self.ties_between == 0 {
            return format!("{head}: no tie joins one subgroup to another.");
        }
        let pairs = self.groups.len() * (self.groups.len() - 1) / 2;
        let joins = if self.joins.len() <= NAMED_JOINS {
            let named: Vec<String> = self
                .joins
                .iter()
                .enumerate()
                .map(|(i, j)| {
                    let (a, b) = (self.group_name(j.a as usize), self.group_name(j.b as usize));
                    let verb = if j.ties == 1 { "joins" } else { "join" };
                    let whom = if i == 0 { "subgroups " } else { "" };
                    format!("{} {verb} {whom}{a} and {b}", j.ties)
                })
                .collect();
            list(&named)
        } else {
            format!(
                "{} of the {pairs} pairs of subgroups are tied",
                self.joins.len()
            )
        };
        let alone: Vec<String> = (0..self.groups.len() as u32)
            .filter(|&g| !self.joins.iter().any(|j| j.a == g || j.b == g))
            .map(|g| self.group_name(g as usize))
            .collect();
        let apart = match alone.len() {
            0 => String::new(),
            1 => format!(" Subgroup {} has no tie to another.", alone[0]),
            _ => format!(" Subgroups {} have no tie to another.", list(&alone)),
        };
        format!("{head}: {joins}.{apart}")
    }

    /// Who coordinates, where they sit and how they are chosen.
    fn coordinators_sentence(&self) -> String {
        let k = self.coordinators.len();
        if !self.coordinated {
            return "Nobody coordinates: firms only react to their partners’ releases.".to_owned();
        }
        let chosen = match self.choice {
            Choice::HighestDegree => "the best-connected firms",
            Choice::Random => "chosen at random",
            Choice::Chosen => "chosen by hand",
        };
        let [lo, hi] = self.coordinator_partners;
        let partners = if lo == hi {
            format!("{} each", count(lo, "partner"))
        } else {
            format!("{lo} to {hi} partners each")
        };
        let who = if self.choice == Choice::Chosen && k <= NAMED_FIRMS {
            format!(" ({})", list(&self.coordinator_names))
        } else {
            String::new()
        };
        let plan = if self.mode == Mode::Hybrid {
            "share one roadmap and signal their joint releases"
        } else {
            "share one roadmap and release together"
        };
        let mut s = format!(
            "{}, {chosen}{who} with {partners}, {plan}",
            count(k, "coordinator")
        );
        if !self.groups.is_empty() {
            let sitting: Vec<(String, usize)> = self
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.coordinators > 0)
                .map(|(i, g)| (self.group_name(i), g.coordinators))
                .collect();
            let places: Vec<String> = sitting
                .iter()
                .take(NAMED_GROUPS)
                .map(|(g, n)| format!("{n} in subgroup {g}"))
                .collect();
            let more = sitting.len().saturating_sub(NAMED_GROUPS);
            let tail = if more > 0 {
                format!(" and more in {}", count(more, "other subgroup"))
            } else {
                String::new()
            };
            s.push_str(&format!(": {}{tail}", list(&places)));
        }
        s.push('.');
        if self.coordinator_ties > 0 {
            let across = match self.coordinator_ties_between {
                0 => String::new(),
                n if n == self.coordinator_ties => if n == 1 {
                    ", between subgroups"
                } else {
                    ", all between subgroups"
                }
                .to_owned(),
                n => format!(", {n} of them between subgroups"),
            };
            s.push_str(&format!(
                " They are tied to each other by {}{across}.",
                count(self.coordinator_ties, "intense tie")
            ));
        }
        s
    }

    /// Whom a joint release signals, by subgroup where there are some.
    fn signal_sentence(&self, reach: Reach) -> String {
        let within = match reach {
            Reach::Partners => "their partners",
            Reach::TwoHops => "every firm within two ties",
            Reach::All => "every firm",
        };
        let others = self.firms - self.coordinators.len();
        let mut s = if self.audience == others {
            format!("Each joint release signals {within}: all {others} other firms")
        } else {
            format!(
                "Each joint release signals {within}: {} of the other {}",
                self.audience,
                count(others, "firm")
            )
        };
        if !self.groups.is_empty() {
            let reached: Vec<String> = self
                .groups
                .iter()
                .enumerate()
                .filter(|(_, g)| g.audience > 0)
                .take(NAMED_GROUPS)
                .map(|(i, g)| {
                    let others = g.firms - g.coordinators;
                    let name = self.group_name(i);
                    if g.audience == others {
                        format!("all of subgroup {name}")
                    } else {
                        format!("{} of subgroup {name}", g.audience)
                    }
                })
                .collect();
            let missed: Vec<String> = (0..self.groups.len())
                .filter(|&i| self.groups[i].audience == 0 && self.groups[i].coordinators == 0)
                .map(|i| self.group_name(i))
                .collect();
            if !reached.is_empty() {
                s.push_str(&format!(", {}", list(&reached)));
            }
            match missed.len() {
                0 => {}
                1 => s.push_str(&format!("; none of subgroup {}", missed[0])),
                _ => s.push_str(&format!("; none of subgroups {}", list(&missed))),
            }
        }
        s.push('.');
        s
    }
}

/// "1 firm", "60 firms".
fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// "7.9", and "8" for 8.0.
fn one_decimal(x: f64) -> String {
    let s = format!("{x:.1}");
    s.strip_suffix(".0").map_or(s.clone(), str::to_owned)
}

/// "a", "a and b", "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}
