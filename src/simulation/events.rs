//! The moments of a run worth going back to, detected as it advances: the
//! network coming into step, rhythms merging (the rhythms alive falling to
//! a number the run has not had before, as the page's "Rhythms" readout
//! shows it, once a whole cycle has run), and each joint release of the
//! coordinators (with its signal, hybrid: how many firms the signal tipped
//! into releasing). Each has a time on the run's own clock, the same on
//! every run of the scenario.
//!
//! The list only grows: going back to an earlier moment drops nothing, and
//! a stretch run again adds nothing twice. What detection needs to go on
//! from a moment ([`Detector`]) is small and saved with the run's state.

use crate::model::engine::{Cause, Release};
use crate::network::FirmId;
use serde::Serialize;

/// Joint releases listed at most (about one a cycle; later ones are left
/// out, so the list of a moment never depends on how far the run went).
pub const MAX_JOINT_RELEASES: usize = 10_000;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum Event {
    /// Synchrony reached: every firm in one burst from `time` on (known
    /// once the next bursts confirm it), `offset` cycles from the roadmap.
    #[serde(rename_all = "camelCase")]
    InStep { time: f64, offset: f64 },
    /// The rhythms alive fell from `from` to `to`, lower than ever before.
    #[serde(rename_all = "camelCase")]
    Rhythms { time: f64, from: u32, to: u32 },
    /// The coordinators released together; `signal` when they signalled
    /// (hybrid), and `tipped` firms the signal pushed into releasing.
    #[serde(rename_all = "camelCase")]
    Joint {
        time: f64,
        signal: bool,
        tipped: u32,
    },
}

impl Event {
    pub fn time(&self) -> f64 {
        match *self {
            Event::InStep { time, .. }
            | Event::Rhythms { time, .. }
            | Event::Joint { time, .. } => time,
        }
    }
}

/// What detection carries from one moment to the next.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Detector {
    /// The fewest rhythms alive so far (after the first whole cycle).
    fewest: Option<u32>,
    /// When the coordinators last released.
    joint_at: f64,
    in_step: bool,
}

#[derive(Debug)]
pub struct Events {
    /// The firms who coordinate (none in reactive mode), and whether they
    /// signal.
    coordinator: Vec<bool>,
    coordinated: bool,
    signals: bool,
    pub detector: Detector,
    list: Vec<Event>,
    joints: usize,
    /// The last joint release, when listed and still in its instant.
    open_joint: Option<usize>,
    /// Every event up to this time is listed.
    until: f64,
}

impl Events {
    /// The events of a run of `firms` firms, of which `coordinators` act
    /// together (none: reactive), signalling or not.
    pub fn new(coordinators: &[FirmId], firms: usize, signals: bool) -> Events {
        let mut coordinator = vec![false; if coordinators.is_empty() { 0 } else { firms }];
        for &f in coordinators {
            coordinator[f as usize] = true;
        }
        Events {
            coordinator,
            coordinated: !coordinators.is_empty(),
            signals,
            detector: Detector {
                fewest: None,
                joint_at: f64::NEG_INFINITY,
                in_step: false,
            },
            list: Vec::new(),
            joints: 0,
            open_joint: None,
            until: 0.0,
        }
    }

    fn fresh(&self, time: f64) -> bool {
        time > self.until
    }

    /// A release: the coordinators' joint release and who their signal tipped.
    pub fn release(&mut self, r: &Release) {
        if !self.coordinated {
            return;
        }
        if self.coordinator[r.firm as usize] && self.detector.joint_at != r.time {
            self.detector.joint_at = r.time;
            self.open_joint = None;
            if self.fresh(r.time) && self.joints < MAX_JOINT_RELEASES {
                self.joints += 1;
                self.open_joint = Some(self.list.len());
                self.list.push(Event::Joint {
                    time: r.time,
                    signal: self.signals,
                    tipped: 0,
                });
            }
        } else if r.cause == Cause::Signal
            && self.detector.joint_at == r.time
            && let Some(Event::Joint { tipped, .. }) = self.open_joint.map(|i| &mut self.list[i])
        {
            *tipped += 1;
        }
    }

    /// The rhythms alive (bursts in the last cycle) at grid time `time`.
    pub fn rhythms(&mut self, time: f64, alive: usize) {
        // Before a whole cycle has run, the count is of part of one.
        if time < 1.0 {
            return;
        }
        let alive = alive as u32;
        match self.detector.fewest {
            None => self.detector.fewest = Some(alive),
            Some(fewest) if alive < fewest => {
                self.detector.fewest = Some(alive);
                if self.fresh(time) {
                    self.list.push(Event::Rhythms {
                        time,
                        from: fewest,
                        to: alive,
                    });
                }
            }
            Some(_) => {}
        }
    }

    /// Synchrony known now: listed the first time it is.
    pub fn synchrony(&mut self, time: f64, offset: f64) {
        if self.detector.in_step {
            return;
        }
        self.detector.in_step = true;
        if !self.list.iter().any(|e| matches!(e, Event::InStep { .. })) {
            self.list.push(Event::InStep { time, offset });
        }
    }

    /// Every event up to `time` has been detected.
    pub fn reached(&mut self, time: f64) {
        self.until = self.until.max(time);
        self.open_joint = None;
    }

    /// Every event listed, in the order detected (the furthest the run went).
    pub fn all(&self) -> &[Event] {
        &self.list
    }

    /// The events known at `time`: a run that reached `time` detected
    /// them, and no more (`in_step`: whether synchrony is known by then).
    pub fn known_at(&self, time: f64, in_step: bool) -> impl Iterator<Item = &Event> {
        self.list.iter().filter(move |e| match e {
            Event::InStep { .. } => in_step,
            e => e.time() <= time,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn release(time: f64, firm: u32, cause: Cause) -> Release {
        Release { time, firm, cause }
    }

    #[test]
    fn each_joint_release_is_one_event_with_the_firms_its_signal_tipped() {
        let mut events = Events::new(&[1, 2], 10, true);
        events.release(&release(0.5, 1, Cause::Schedule));
        events.release(&release(0.5, 2, Cause::Lock));
        events.release(&release(0.5, 7, Cause::Signal));
        events.release(&release(0.5, 8, Cause::Signal));
        events.release(&release(0.5, 9, Cause::Partner));
        events.reached(0.5);
        assert_eq!(
            events.all(),
            &[Event::Joint {
                time: 0.5,
                signal: true,
                tipped: 2
            }]
        );
    }

    #[test]
    fn rhythms_merging_is_a_new_fewest_after_the_first_cycle() {
        let mut events = Events::new(&[], 10, false);
        for (t, alive) in [
            (0.5, 1),
            (1.0, 4),
            (1.5, 5),
            (2.0, 3),
            (2.5, 4),
            (3.0, 3),
            (3.5, 2),
        ] {
            events.rhythms(t, alive);
        }
        let merges: Vec<(f64, u32, u32)> = events
            .all()
            .iter()
            .map(|e| match *e {
                Event::Rhythms { time, from, to } => (time, from, to),
                _ => panic!("{e:?}"),
            })
            .collect();
        assert_eq!(merges, [(2.0, 4, 3), (3.5, 3, 2)]);
    }

    #[test]
    fn a_stretch_run_again_lists_nothing_twice() {
        let mut events = Events::new(&[0], 2, false);
        events.release(&release(1.0, 0, Cause::Schedule));
        events.reached(2.0);
        let saved = events.detector;
        events.release(&release(3.0, 0, Cause::Schedule));
        events.reached(3.0);
        // Back to 2.0, and on again.
        events.detector = saved;
        events.release(&release(3.0, 0, Cause::Schedule));
        assert_eq!(events.all().len(), 2);
        assert_eq!(events.known_at(2.5, false).count(), 1);
    }
}
