//! The moments of a run worth going back to, detected as it advances: the
//! network coming into step, rhythms merging, and each joint release of the
//! coordinators (with its signal, hybrid: how many firms the signal tipped
//! into releasing). Each has a time on the run's own clock, the same on
//! every run of the scenario.
//!
//! Rhythms merge at the first burst from which the cycle ahead holds fewer
//! bursts than any cycle before. Drops less than a cycle apart are one
//! merge (many rhythms falling into one, as a signal does it, show as one
//! drop after another while the cycle ahead still holds some of the old
//! ones), listed from the first count to the last, at the burst that
//! reached it, once a cycle has passed with no further drop: two cycles
//! after it. Only merges down to a few rhythms ([`FEW_RHYTHMS`] or fewer)
//! are listed: the many early merges of a random start are left out.
//!
//! The list only grows: going back to an earlier moment drops nothing, and
//! a stretch run again adds nothing twice. What detection needs to go on
//! from a moment ([`Detector`]) is small and saved with the run's state.

use crate::model::engine::{Cause, Release};
use crate::network::FirmId;
use serde::Serialize;
use std::collections::VecDeque;

/// Rhythms few enough to tell apart by eye: merges down to this many or
/// fewer are listed.
pub const FEW_RHYTHMS: u32 = 6;

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
#[derive(Clone, Debug, PartialEq)]
pub struct Detector {
    /// The fewest rhythms in a cycle so far.
    fewest: Option<u32>,
    /// A merge that further drops may still extend: (time, from, to).
    merging: Option<(f64, u32, u32)>,
    /// Starts of the bursts whose cycle ahead has not run yet (and of the
    /// bursts in it).
    starts: VecDeque<f64>,
    /// When the coordinators last released.
    joint_at: f64,
    in_step: bool,
}

impl Detector {
    pub fn bytes(&self) -> usize {
        std::mem::size_of::<Detector>() + self.starts.len() * 8
    }
}

#[derive(Debug)]
pub struct Events {
    /// The firms who coordinate (none in reactive mode), and whether they
    /// signal.
    coordinator: Vec<bool>,
    coordinated: bool,
    signals: bool,
    pub detector: Detector,
    /// The events, in the order detected, with when each was (its own time
    /// but for merges, known a cycle later).
    list: Vec<Event>,
    known: Vec<f64>,
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
                merging: None,
                starts: VecDeque::new(),
                joint_at: f64::NEG_INFINITY,
                in_step: false,
            },
            list: Vec::new(),
            known: Vec::new(),
            joints: 0,
            open_joint: None,
            until: 0.0,
        }
    }

    fn push(&mut self, event: Event, known: f64) {
        self.list.push(event);
        self.known.push(known);
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
                let joint = Event::Joint {
                    time: r.time,
                    signal: self.signals,
                    tipped: 0,
                };
                self.push(joint, r.time);
            }
        } else if r.cause == Cause::Signal
            && self.detector.joint_at == r.time
            && let Some(Event::Joint { tipped, .. }) = self.open_joint.map(|i| &mut self.list[i])
        {
            *tipped += 1;
        }
    }

    /// A burst started at `time`.
    pub fn burst(&mut self, time: f64) {
        self.detector.starts.push_back(time);
    }

    /// At grid time `time`: the bursts whose cycle ahead has run by now,
    /// each with the rhythms in that cycle (the bursts starting in it).
    pub fn rhythms(&mut self, time: f64) {
        while let Some(&start) = self.detector.starts.front() {
            if start + 1.0 > time {
                break;
            }
            let ahead = self
                .detector
                .starts
                .iter()
                .take_while(|&&s| s < start + 1.0)
                .count() as u32;
            self.detector.starts.pop_front();
            match self.detector.fewest {
                Some(fewest) if ahead < fewest => {
                    self.detector.fewest = Some(ahead);
                    self.detector.merging = match self.detector.merging {
                        Some((at, from, _)) if start - at < 1.0 => Some((start, from, ahead)),
                        earlier => {
                            self.list_merge(earlier, time);
                            Some((start, fewest, ahead))
                        }
                    };
                }
                Some(_) => {}
                None => self.detector.fewest = Some(ahead),
            }
        }
        if let Some((at, ..)) = self.detector.merging
            && time >= at + 2.0
        {
            let merge = self.detector.merging.take();
            self.list_merge(merge, time);
        }
    }

    /// Lists a merge no further drop can extend, known at `known`.
    fn list_merge(&mut self, merge: Option<(f64, u32, u32)>, known: f64) {
        if let Some((time, from, to)) = merge
            && to <= FEW_RHYTHMS
            && self.fresh(known)
        {
            self.push(Event::Rhythms { time, from, to }, known);
        }
    }

    /// Synchrony known now: listed the first time it is.
    pub fn synchrony(&mut self, time: f64, offset: f64) {
        if self.detector.in_step {
            return;
        }
        self.detector.in_step = true;
        if !self.list.iter().any(|e| matches!(e, Event::InStep { .. })) {
            // Known when synchrony is: `known_at` asks the run.
            self.push(Event::InStep { time, offset }, f64::NAN);
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
        self.list
            .iter()
            .zip(&self.known)
            .filter(move |&(e, &known)| match e {
                Event::InStep { .. } => in_step,
                _ => known <= time,
            })
            .map(|(e, _)| e)
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
    fn rhythms_merge_at_the_first_burst_of_a_cycle_with_fewer_than_ever() {
        let mut events = Events::new(&[], 10, false);
        // Eight rhythms, then three from 1.0 on, then two from 2.9 on.
        let starts = (0..8)
            .map(|k| 0.1 * k as f64)
            .chain([1.0, 1.3, 1.6, 2.0, 2.3, 2.6])
            .chain((0..4).map(|k| 2.9 + 0.5 * k as f64));
        for start in starts {
            events.burst(start);
        }
        for k in 1..=40 {
            events.rhythms(k as f64 * 0.125);
        }
        let merges: Vec<(f64, u32, u32)> = events
            .all()
            .iter()
            .map(|e| match *e {
                Event::Rhythms { time, from, to } => (time, from, to),
                _ => panic!("{e:?}"),
            })
            .collect();
        // The drops from 8 to 3 while the cycle ahead held old rhythms and
        // new ones are one merge, at the first burst of three rhythms.
        assert_eq!(merges, [(1.0, 8, 3), (2.9, 3, 2)]);
        // Each known two cycles after it.
        assert_eq!(events.known_at(2.875, false).count(), 0);
        assert_eq!(events.known_at(3.0, false).count(), 1);
        assert_eq!(events.known_at(5.0, false).count(), 2);
    }

    #[test]
    fn a_stretch_run_again_lists_nothing_twice() {
        let mut events = Events::new(&[0], 2, false);
        events.release(&release(1.0, 0, Cause::Schedule));
        events.reached(2.0);
        let saved = events.detector.clone();
        events.release(&release(3.0, 0, Cause::Schedule));
        events.reached(3.0);
        // Back to 2.0, and on again.
        events.detector = saved;
        events.release(&release(3.0, 0, Cause::Schedule));
        assert_eq!(events.all().len(), 2);
        assert_eq!(events.known_at(2.5, false).count(), 1);
    }
}
