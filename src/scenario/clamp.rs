//! Out-of-range values brought into range, each with a note naming the
//! field and what happened: a link or a file from elsewhere opens with
//! what it meant, never silently changed and never refused for a number
//! that is merely too big. The ranges are the table's
//! ([`crate::scenario::params::PARAMS`]), so a clamped scenario validates.

use crate::error::{Note, number_text};
use crate::network::MAX_TIES;
use crate::network::generators::NetworkSpec;
use crate::scenario::params::{self, MAX_COORDINATORS, Param, Slot};
use crate::scenario::size::complete_firms;
use crate::scenario::{Choice, Scenario};

/// Notes gathered while clamping, with a name for each field.
pub struct Clamp<'a> {
    pub notes: Vec<Note>,
    /// The name a field has where the value came from (a link's key).
    pub name: &'a dyn Fn(&str) -> String,
}

impl Clamp<'_> {
    pub fn note(&mut self, field: &str, message: String) {
        self.notes.push(Note::new((self.name)(field), message));
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
        let was = number_text(*value);
        self.note(
            field,
            format!("{was} is outside [{lo}, {hi}]; clamped to {to}"),
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

    /// Clamps every field of `s` into the range where it can run: the
    /// firms first (other ranges follow them), then the rest in table order
    /// with the network's knobs last.
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
            // Every pair tied: the tie limit bounds the firms.
            NetworkSpec::Complete => self.count(&mut s.firms, 2, complete_firms(MAX_TIES), "firms"),
            _ => {
                let p = params::find("firms").expect("firms is a parameter");
                let (lo, hi) = (p.lo.at(0) as usize, p.hi.at(0) as usize);
                self.count(&mut s.firms, lo, hi, "firms");
            }
        }
        let firms = s.firms;
        let (fields, knobs): (Vec<&Param>, Vec<_>) = params::of_kind(s.network.kind())
            .filter(|p| p.path != "firms")
            .partition(|p| p.networks.is_empty());
        for p in fields.into_iter().chain(knobs) {
            if let Some(slot) = s.slot(p.path) {
                self.value(p, slot, firms);
            }
        }
        self.chosen_within_limit(s);
        self.coordinators_within_ties(s);
    }

    /// At most [`MAX_COORDINATORS`] firms chosen by hand, in any mode: with
    /// tens of thousands of firms, a list of firms that all exist can still
    /// be too long.
    fn chosen_within_limit(&mut self, s: &mut Scenario) {
        if s.choice != Choice::Chosen || s.chosen.len() <= MAX_COORDINATORS {
            return;
        }
        let asked = s.chosen.len();
        s.chosen.sort_unstable();
        s.chosen.dedup();
        s.chosen.truncate(MAX_COORDINATORS);
        let message = format!(
            "{asked} firms chosen; at most {MAX_COORDINATORS} coordinators; kept the first"
        );
        self.note("chosen", message);
    }

    /// Fewer coordinators when their intense ties to each other would take
    /// the scenario past the tie limit.
    fn coordinators_within_ties(&mut self, s: &mut Scenario) {
        let size = s.size();
        let room = MAX_TIES.saturating_sub(size.network_ties as usize);
        let most = complete_firms(room).min(MAX_COORDINATORS);
        if size.coordinators as usize <= most {
            return;
        }
        let message = |what: &str| {
            format!(
                "{} coordinators would tie to each other with {} intense ties, past the limit \
                 of {MAX_TIES} ties with the network's {}; {what} {most}",
                size.coordinators,
                size.coordinator_ties(),
                size.network_ties
            )
        };
        if s.choice == Choice::Chosen {
            s.chosen.sort_unstable();
            s.chosen.dedup();
            s.chosen.truncate(most);
            self.note("chosen", message("kept the first"));
        } else {
            self.note("coordinators", message("clamped to"));
            s.coordinators = most;
        }
    }

    /// One value of the scenario into its parameter's range.
    fn value(&mut self, p: &Param, slot: Slot, firms: usize) {
        let (lo, hi) = (p.lo.at(firms), p.hi.at(firms).max(p.lo.at(firms)));
        match slot {
            Slot::Number(x) => self.float(x, lo, hi, p.path),
            Slot::Whole(n) => {
                // Noted as a number is: a long one as `1e13`.
                let mut x = *n as f64;
                self.float(&mut x, lo, hi, p.path);
                if x != *n as f64 {
                    *n = x as usize;
                }
            }
            Slot::Firms(ids) => {
                let dropped: Vec<String> = ids
                    .extract_if(.., |&mut id| id as f64 > hi)
                    .map(|id| id.to_string())
                    .collect();
                if !dropped.is_empty() {
                    let message = format!(
                        "firms {} do not exist (firms are 0 to {hi}); dropped",
                        dropped.join(", "),
                    );
                    self.note(p.path, message);
                }
            }
            // Every u32 is a seed, and a flag is on or off.
            Slot::Seed(_) | Slot::Flag(_) => {}
        }
    }
}
