//! Out-of-range values brought into range, each with a note naming the
//! field and what happened: a link or a file from elsewhere opens with
//! what it meant, never silently changed and never refused for a number
//! that is merely too big. The ranges are those of `Scenario::validate`;
//! a clamped scenario always validates (tests/share.rs checks it).

use crate::generators::NetworkSpec;
use crate::network::{FirmId, MAX_FIRMS};
use crate::scenario::Scenario;
use std::fmt;

/// Something a reader changed or ignored, naming the field.
#[derive(Clone, Debug, PartialEq, serde::Serialize)]
pub struct Note {
    pub field: String,
    pub message: String,
}

impl fmt::Display for Note {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

/// Most firms of a complete network (as `Scenario::validate` says).
const MAX_COMPLETE: usize = 2_000;
/// Smallest arm's-length strength a clamp gives (the range is (0, 1]).
const MIN_ARMS_LENGTH: f64 = 0.01;

/// Notes gathered while clamping, with a name for each field.
pub struct Clamp<'a> {
    pub notes: Vec<Note>,
    /// The name a field has where the value came from (a link's key).
    pub name: &'a dyn Fn(&str) -> String,
}

impl Clamp<'_> {
    pub fn note(&mut self, field: &str, message: String) {
        let field = (self.name)(field);
        self.notes.push(Note { field, message });
    }

    /// `value` clamped into `[lo, hi]`; NaN becomes `lo`.
    pub fn float(&mut self, value: &mut f64, lo: f64, hi: f64, field: &str) {
        let to = if value.is_nan() || *value < lo {
            lo
        } else if *value > hi {
            hi
        } else {
            return;
        };
        self.note(
            field,
            format!("{value} is outside [{lo}, {hi}]; clamped to {to}"),
        );
        *value = to;
    }

    pub fn count(&mut self, value: &mut usize, lo: usize, hi: usize, field: &str) {
        let to = (*value).clamp(lo, hi.max(lo));
        if to != *value {
            self.note(
                field,
                format!("{value} is outside [{lo}, {hi}]; clamped to {to}"),
            );
            *value = to;
        }
    }

    /// Clamps every field of `s` into the range where it can run.
    pub fn scenario(&mut self, s: &mut Scenario) {
        match &s.network {
            NetworkSpec::EdgeList(list) if list.firm_count() != s.firms => {
                let listed = list.firm_count();
                let message = format!(
                    "{} disagrees with the imported network; set to its {listed} firms",
                    s.firms
                );
                self.note("firms", message);
                s.firms = listed;
            }
            NetworkSpec::Complete => self.count(&mut s.firms, 2, MAX_COMPLETE, "firms"),
            _ => self.count(&mut s.firms, 2, MAX_FIRMS, "firms"),
        }
        let n = s.firms;
        self.float(&mut s.eps, 0.0, 1.0, "eps");
        self.float(&mut s.dissipation, -10.0, 10.0, "dissipation");
        self.count(&mut s.coordinators, 0, n.saturating_sub(1), "coordinators");
        self.float(&mut s.responsiveness, 0.0, 1.0, "responsiveness");
        self.float(&mut s.eps_signal, 0.0, 1.0, "epsSignal");
        self.float(&mut s.intense_share, 0.0, 1.0, "intenseShare");
        self.float(&mut s.arms_length, MIN_ARMS_LENGTH, 1.0, "armsLength");
        self.float(&mut s.slips, 0.0, 0.3, "slips");
        self.float(&mut s.cycle_spread, 0.0, 0.5, "cycleSpread");
        self.float(&mut s.delta, 0.001, 0.2, "delta");
        let dropped: Vec<FirmId> = s.chosen.extract_if(.., |f| *f as usize >= n).collect();
        if !dropped.is_empty() {
            let ids: Vec<String> = dropped.iter().map(|f| f.to_string()).collect();
            let message = format!(
                "firms {} do not exist (firms are 0 to {}); dropped",
                ids.join(", "),
                n - 1
            );
            self.note("chosen", message);
        }
        self.network(&mut s.network, n);
    }

    fn network(&mut self, spec: &mut NetworkSpec, n: usize) {
        let max = (n - 1).min(200);
        let max_f = max as f64;
        match spec {
            NetworkSpec::Complete | NetworkSpec::EdgeList(_) => {}
            NetworkSpec::RingLattice { degree } => self.count(degree, 0, max, "network.degree"),
            NetworkSpec::ErdosRenyi { mean_degree } | NetworkSpec::Geometric { mean_degree } => {
                self.float(mean_degree, 0.0, max_f, "network.meanDegree")
            }
            NetworkSpec::Gnm { ties } => self.count(ties, 0, max * n / 2, "network.ties"),
            NetworkSpec::PlantedPartition {
                groups,
                mean_degree,
                between_share,
            } => {
                self.count(groups, 1, n, "network.groups");
                self.float(mean_degree, 0.0, max_f, "network.meanDegree");
                self.float(between_share, 0.0, 1.0, "network.betweenShare");
            }
            NetworkSpec::WattsStrogatz { degree, rewire } => {
                self.count(degree, 0, max, "network.degree");
                self.float(rewire, 0.0, 1.0, "network.rewire");
            }
            NetworkSpec::BarabasiAlbert { attach } => self.count(attach, 0, max, "network.attach"),
        }
    }
}
