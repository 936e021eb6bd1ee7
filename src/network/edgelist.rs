//! An imported alliance network: firms known by the labels of a CSV file,
//! their ties with strengths, and optional subgroups and display names.
//!
//! [`crate::network::csv`] reads it from text (as an [`Imported`]);
//! this module holds the value itself,
//! checks a value that arrived from JSON or a link (it may be hostile), and
//! writes it back out as CSV. The value is the network kind `edgeList` of
//! [`crate::NetworkSpec`]: a scenario carries the whole network, so a saved
//! scenario or a link reproduces it exactly.

use crate::error::{FieldError, fail, number_text};
use crate::network::{FirmId, MAX_FIRMS, MAX_TIES, Network, NetworkError};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fmt::Write;

/// What an import gives: the network, and the firms its attributes flagged
/// as coordinators (sorted; empty when none were flagged).
#[derive(Clone, Debug, PartialEq)]
pub struct Imported {
    pub network: EdgeList,
    pub coordinators: Vec<FirmId>,
}

/// Longest firm label, display name or subgroup name, in characters.
pub const MAX_NAME: usize = 100;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EdgeList {
    /// The label of each firm as the file named it (unique), by firm id.
    pub labels: Vec<String>,
    /// Ties `[a, b, w]` with strength `w` in (0, 1], each pair once.
    pub ties: Vec<(FirmId, FirmId, f64)>,
    /// Display name of each firm, by id; empty when the labels serve.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub names: Vec<String>,
    /// Subgroup of each firm, by id; empty when the file gave none.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub groups: Vec<u32>,
    /// The name of each subgroup, by subgroup number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub group_names: Vec<String>,
}

/// Why a name cannot be a firm's label or name, if it cannot.
pub fn name_problem(name: &str) -> Option<String> {
    if name.is_empty() {
        Some("empty firm name".into())
    } else if name.chars().count() > MAX_NAME {
        Some(format!("name longer than {MAX_NAME} characters"))
    } else if name.chars().any(char::is_control) {
        Some("name contains a control character".into())
    } else if name.contains('\u{feff}') {
        // A byte-order mark is an encoding's marker, not part of a name
        // (and a CSV reader skips it at the start of a line).
        Some("name contains a byte-order mark (U+FEFF)".into())
    } else {
        None
    }
}

impl EdgeList {
    /// A list without firms or ties.
    pub fn empty() -> EdgeList {
        EdgeList {
            labels: Vec::new(),
            ties: Vec::new(),
            names: Vec::new(),
            groups: Vec::new(),
            group_names: Vec::new(),
        }
    }

    pub fn firm_count(&self) -> usize {
        self.labels.len()
    }

    /// The name shown for `firm`: its display name, else its label.
    ///
    /// # Panics
    ///
    /// When `firm` is not a firm of the list.
    pub fn name(&self, firm: FirmId) -> &str {
        let f = firm as usize;
        self.names.get(f).unwrap_or(&self.labels[f])
    }

    /// Every firm's shown name, by id.
    pub fn firm_names(&self) -> Vec<String> {
        (0..self.firm_count() as FirmId)
            .map(|f| self.name(f).to_owned())
            .collect()
    }

    /// Checks a value that did not come from the parser, naming the field
    /// (under `network.`) and the first problem found.
    pub fn check(&self) -> Result<(), FieldError> {
        let n = self.labels.len();
        let bad = |field: &str, reason: String| fail(format!("network.{field}"), reason);
        if n > MAX_FIRMS {
            return bad(
                "labels",
                format!("{n} firms is more than the limit of {MAX_FIRMS}"),
            );
        }
        if self.ties.len() > MAX_TIES {
            let m = self.ties.len();
            return bad(
                "ties",
                format!("{m} ties is more than the limit of {MAX_TIES}"),
            );
        }
        let mut seen = HashSet::with_capacity(n);
        for (i, label) in self.labels.iter().enumerate() {
            if let Some(problem) = name_problem(label) {
                return bad("labels", format!("firm {i}: {problem}"));
            }
            if !seen.insert(label.as_str()) {
                return bad("labels", format!("firm {i}: label `{label}` repeats"));
            }
        }
        for (field, len) in [("names", self.names.len()), ("groups", self.groups.len())] {
            if len != 0 && len != n {
                return bad(field, format!("has {len} entries for {n} firms"));
            }
        }
        for (field, list) in [("names", &self.names), ("groupNames", &self.group_names)] {
            // The subgroup of firms without one has an empty name.
            let empty_ok = |s: &String| field == "groupNames" && s.is_empty();
            let problem =
                |(i, s): (usize, &String)| name_problem(s).filter(|_| !empty_ok(s)).map(|p| (i, p));
            if let Some((i, problem)) = list.iter().enumerate().find_map(problem) {
                return bad(field, format!("entry {i}: {problem}"));
            }
        }
        let group_count = self.group_names.len().max(1);
        if let Some(&g) = self.groups.iter().find(|&&g| g as usize >= group_count) {
            return bad("groups", format!("subgroup {g} has no name"));
        }
        // Repeated pairs are found by sorting (a few times faster than
        // hashing every pair); only a list that has one is scanned with a
        // set, to name the first.
        let mut keys: Vec<u64> = (self.ties.iter())
            .map(|&(a, b, _)| (u64::from(a.min(b)) << 32) | u64::from(a.max(b)))
            .collect();
        keys.sort_unstable();
        let repeats = keys.windows(2).any(|k| k[0] == k[1]);
        let mut pairs = HashSet::with_capacity(if repeats { self.ties.len() } else { 0 });
        for (i, &(a, b, w)) in self.ties.iter().enumerate() {
            let problem = if a as usize >= n || b as usize >= n {
                Some(format!("firm {} does not exist", a.max(b)))
            } else if a == b {
                Some(format!("self-loop: firm {a} tied to itself"))
            } else if !(w > 0.0 && w <= 1.0) {
                Some(format!("strength {} is outside (0, 1]", number_text(w)))
            } else if repeats && !pairs.insert((a.min(b), a.max(b))) {
                Some(format!("duplicate tie {a}-{b}"))
            } else {
                None
            };
            if let Some(problem) = problem {
                return bad("ties", format!("tie {i}: {problem}"));
            }
        }
        Ok(())
    }

    /// The network this list describes (after [`EdgeList::check`]).
    pub fn network(&self) -> Result<Network, NetworkError> {
        Network::from_ties(
            self.firm_count(),
            self.ties.iter().copied(),
            self.groups.clone(),
        )
    }

    /// The ties as CSV, `source,target,weight`, firms by label. Read back
    /// alone it gives the same firms and ties, firms numbered by first
    /// appearance; with [`EdgeList::attributes_csv`] it gives this very list.
    pub fn ties_csv(&self) -> String {
        let mut out = String::with_capacity(16 * self.ties.len() + 32);
        out.push_str("source,target,weight\n");
        for &(a, b, w) in &self.ties {
            let (a, b) = (&self.labels[a as usize], &self.labels[b as usize]);
            let _ = writeln!(out, "{},{},{w}", quoted(a), quoted(b));
        }
        out
    }

    /// One line per firm, in id order: `firm[,name][,subgroup],coordinator`.
    pub fn attributes_csv(&self, coordinators: &[FirmId]) -> String {
        let mut out = String::from("firm");
        let (names, groups) = (!self.names.is_empty(), !self.groups.is_empty());
        out.push_str(if names { ",name" } else { "" });
        out.push_str(if groups { ",subgroup" } else { "" });
        out.push_str(",coordinator\n");
        let flagged: HashSet<FirmId> = coordinators.iter().copied().collect();
        for (i, label) in self.labels.iter().enumerate() {
            out.push_str(&quoted(label));
            if names {
                let _ = write!(out, ",{}", quoted(&self.names[i]));
            }
            if groups {
                let g = self.group_names.get(self.groups[i] as usize);
                let _ = write!(out, ",{}", quoted(g.map_or("", String::as_str)));
            }
            let flag = u8::from(flagged.contains(&(i as FirmId)));
            let _ = writeln!(out, ",{flag}");
        }
        out
    }
}

/// A CSV field, in double quotes when it would not read back as itself.
fn quoted(field: &str) -> String {
    let plain = !field.is_empty()
        && !field.contains([',', '"'])
        && !field.starts_with('#')
        && field.trim() == field;
    if plain {
        field.to_owned()
    } else {
        format!("\"{}\"", field.replace('"', "\"\""))
    }
}
