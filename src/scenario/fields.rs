//! A scenario's parameters by their path in the table, typed: what
//! validation, clamping, sweeps and the link read and change, with no JSON
//! between (reading a number never copies an imported network's ties).
//! tests/params.rs checks that every row of the table has its value here,
//! the same value the scenario's JSON has at that path, and a slot that
//! holds it.

use crate::network::generators::NetworkSpec;
use crate::scenario::Scenario;
use crate::scenario::params::{Field, Slot};

impl Scenario {
    /// The value of the parameter at `path` (`eps`, `network.meanDegree`),
    /// if the scenario has it: a knob only in its network kinds.
    ///
    /// ```
    /// use lockstep::Scenario;
    /// use lockstep::scenario::params::Field;
    /// let s = Scenario::default();
    /// assert_eq!(s.field("network.meanDegree"), Some(Field::Number(8.0)));
    /// assert_eq!(s.field("mode"), Some(Field::Choice("hybrid")));
    /// assert_eq!(s.field("network.rewire"), None, "not a knob of erdosRenyi");
    /// ```
    pub fn field(&self, path: &str) -> Option<Field<'_>> {
        Some(match path {
            "seed" => Field::Whole(self.seed.into()),
            "firms" => Field::Whole(self.firms as u64),
            "network.kind" => Field::Choice(self.network.kind()),
            "eps" => Field::Number(self.eps),
            "dissipation" => Field::Number(self.dissipation),
            "mode" => Field::Choice(self.mode.name()),
            "coordinators" => Field::Whole(self.coordinators as u64),
            "choice" => Field::Choice(self.choice.name()),
            "chosen" => Field::Firms(&self.chosen),
            "responsiveness" => Field::Number(self.responsiveness),
            "epsSignal" => Field::Number(self.eps_signal),
            "reach" => Field::Choice(self.reach.name()),
            "intenseShare" => Field::Number(self.intense_share),
            "armsLength" => Field::Number(self.arms_length),
            "slips" => Field::Number(self.slips),
            "cycleSpread" => Field::Number(self.cycle_spread),
            "onePulsePerEvent" => Field::Flag(self.one_pulse_per_event),
            "delta" => Field::Number(self.delta),
            knob => return self.network.knob(knob.strip_prefix("network.")?),
        })
    }

    /// Where the parameter at `path` is kept, to change it in place: every
    /// parameter [`Scenario::field`] reads, except the choices.
    ///
    /// ```
    /// use lockstep::Scenario;
    /// use lockstep::scenario::params::Slot;
    /// let mut s = Scenario::default();
    /// if let Some(Slot::Number(mean_degree)) = s.slot("network.meanDegree") {
    ///     *mean_degree = 12.0;
    /// }
    /// assert_eq!(s.network, lockstep::NetworkSpec::ErdosRenyi { mean_degree: 12.0 });
    /// assert!(s.slot("mode").is_none());
    /// ```
    pub fn slot(&mut self, path: &str) -> Option<Slot<'_>> {
        Some(match path {
            "seed" => Slot::Seed(&mut self.seed),
            "firms" => Slot::Whole(&mut self.firms),
            "eps" => Slot::Number(&mut self.eps),
            "dissipation" => Slot::Number(&mut self.dissipation),
            "coordinators" => Slot::Whole(&mut self.coordinators),
            "chosen" => Slot::Firms(&mut self.chosen),
            "responsiveness" => Slot::Number(&mut self.responsiveness),
            "epsSignal" => Slot::Number(&mut self.eps_signal),
            "intenseShare" => Slot::Number(&mut self.intense_share),
            "armsLength" => Slot::Number(&mut self.arms_length),
            "slips" => Slot::Number(&mut self.slips),
            "cycleSpread" => Slot::Number(&mut self.cycle_spread),
            "onePulsePerEvent" => Slot::Flag(&mut self.one_pulse_per_event),
            "delta" => Slot::Number(&mut self.delta),
            knob => return self.network.knob_slot(knob.strip_prefix("network.")?),
        })
    }
}

impl NetworkSpec {
    /// The knob `name` (`meanDegree`), if this kind has it.
    fn knob(&self, name: &str) -> Option<Field<'static>> {
        use NetworkSpec::*;
        Some(match (name, self) {
            ("groups", PlantedPartition { groups, .. }) => Field::Whole(*groups as u64),
            ("degree", RingLattice { degree } | WattsStrogatz { degree, .. }) => {
                Field::Whole(*degree as u64)
            }
            (
                "meanDegree",
                ErdosRenyi { mean_degree }
                | PlantedPartition { mean_degree, .. }
                | Geometric { mean_degree },
            ) => Field::Number(*mean_degree),
            ("ties", Gnm { ties }) => Field::Whole(*ties as u64),
            ("betweenShare", PlantedPartition { between_share, .. }) => {
                Field::Number(*between_share)
            }
            ("rewire", WattsStrogatz { rewire, .. }) => Field::Number(*rewire),
            ("attach", BarabasiAlbert { attach }) => Field::Whole(*attach as u64),
            _ => return None,
        })
    }

    /// Where the knob `name` is kept, if this kind has it.
    fn knob_slot(&mut self, name: &str) -> Option<Slot<'_>> {
        use NetworkSpec::*;
        Some(match (name, self) {
            ("groups", PlantedPartition { groups, .. }) => Slot::Whole(groups),
            ("degree", RingLattice { degree } | WattsStrogatz { degree, .. }) => {
                Slot::Whole(degree)
            }
            (
                "meanDegree",
                ErdosRenyi { mean_degree }
                | PlantedPartition { mean_degree, .. }
                | Geometric { mean_degree },
            ) => Slot::Number(mean_degree),
            ("ties", Gnm { ties }) => Slot::Whole(ties),
            ("betweenShare", PlantedPartition { between_share, .. }) => Slot::Number(between_share),
            ("rewire", WattsStrogatz { rewire, .. }) => Slot::Number(rewire),
            ("attach", BarabasiAlbert { attach }) => Slot::Whole(attach),
            _ => return None,
        })
    }
}
