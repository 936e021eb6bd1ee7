//! Validation: a scenario checked whole against the parameter table (its
//! values read typed, [`Scenario::field`]), its network and the limits,
//! and the [`Checked`] scenario that only validation makes and only a
//! checked scenario builds.

use crate::error::{FieldError, fail};
use crate::network::generators::NetworkSpec;
use crate::scenario::params::{self, MAX_COORDINATORS, Param};
use crate::scenario::size::Budget;
use crate::scenario::{Choice, Scenario};
use std::ops::Deref;

/// A scenario that passed [`Scenario::validate`]. Only [`Scenario::check`]
/// makes one, and building takes one ([`Checked::build`]), so a scenario is
/// checked once, before anything is built, and never again. It reads as a
/// scenario and cannot be changed, except for its seed.
///
/// ```
/// use lockstep::Scenario;
/// let checked = Scenario { seed: 7, ..Scenario::default() }.check()?;
/// assert_eq!(checked.seed, 7);
/// let built = checked.build()?;
/// assert_eq!(built.setup.network.firm_count(), checked.firms);
/// let refused = Scenario { eps: 2.0, ..Scenario::default() }.check();
/// assert_eq!(refused.unwrap_err().to_string(), "eps: 2 is outside [0, 1]");
/// # Ok::<(), lockstep::FieldError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Checked(Scenario);

impl Deref for Checked {
    type Target = Scenario;

    fn deref(&self) -> &Scenario {
        &self.0
    }
}

impl Checked {
    /// The scenario, to keep or to change (and check again).
    pub fn into_scenario(self) -> Scenario {
        self.0
    }

    /// The same scenario with another seed, still checked: every `u32` is
    /// a seed, and nothing else validation looks at follows the seed.
    pub fn with_seed(self, seed: u32) -> Checked {
        Checked(Scenario { seed, ..self.0 })
    }
}

impl Scenario {
    /// The scenario, checked by [`Scenario::validate`], ready to build.
    pub fn check(self) -> Result<Checked, FieldError> {
        self.validate()?;
        Ok(Checked(self))
    }

    /// Checks every field against [`crate::scenario::params::PARAMS`] and the network
    /// against its firms; the first problem found is returned.
    pub fn validate(&self) -> Result<(), FieldError> {
        let check = |p: &Param| match self.field(p.path) {
            Some(value) => params::check(p, value, self.firms),
            None => Ok(()),
        };
        // The firms first: the network's checks and other ranges follow them.
        check(params::find("firms").expect("firms is a parameter"))?;
        self.validate_network()?;
        params::of_kind(self.network.kind()).try_for_each(check)?;
        self.check_size(&Budget::CORE)
    }

    /// Whether what this scenario builds fits `budget`, derived sizes
    /// included (the coordinators' ties, a complete network's ties).
    pub fn check_size(&self, budget: &Budget) -> Result<(), FieldError> {
        if self.choice == Choice::Chosen && self.chosen.len() > MAX_COORDINATORS {
            let reason = format!(
                "{} firms chosen; at most {MAX_COORDINATORS} coordinators",
                self.chosen.len()
            );
            return fail("chosen", reason);
        }
        let field = match self.choice {
            Choice::Chosen => "chosen",
            _ => "coordinators",
        };
        budget.check(&self.size(), field)
    }

    /// What the table's ranges cannot say: an imported network's own
    /// checks, and the firms a network can have.
    fn validate_network(&self) -> Result<(), FieldError> {
        let n = self.firms;
        match &self.network {
            NetworkSpec::EdgeList(list) => {
                list.check()?;
                let listed = list.firm_count();
                if listed != n {
                    let reason =
                        format!("{n} disagrees with the imported network's {listed} firms");
                    return fail("firms", reason);
                }
            }
            NetworkSpec::Gnm { ties } => {
                let pairs = n as u64 * (n as u64 - 1) / 2;
                if *ties as u64 > pairs {
                    let reason = format!("{ties} ties is more than the {pairs} pairs of {n} firms");
                    return fail("network.ties", reason);
                }
            }
            _ => {}
        }
        Ok(())
    }
}
