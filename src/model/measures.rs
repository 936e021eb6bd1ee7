//! Measures of synchrony, fed one release at a time (live or in batch).
//!
//! - order parameter `r = |mean exp(2 pi i phi)|` (and per subgroup);
//! - release bursts: releases within `delta` of a burst's first release form
//!   one burst; bursts per cycle count the rhythms alive;
//! - time to synchrony: the first burst holding every firm, when the next 3
//!   bursts hold every firm too;
//! - synchrony performance: how far the common release time sits from the
//!   coordinators' roadmap, in [0, 0.5] of a cycle.

use crate::model::engine::Release;
use std::collections::VecDeque;

/// A run converges to the coordinators' rhythm within this offset (cycles).
pub const CONVERGED_OFFSET: f64 = 0.05;
/// Complete bursts after the first one needed to call synchrony reached.
const HOLD_BURSTS: usize = 3;

/// `|mean_j exp(2 pi i phi_j)|` over the given phases, in [0, 1] (the sum
/// of rounded unit vectors can pass 1 by an ulp when every phase is equal).
pub fn order_parameter(phases: impl Iterator<Item = f64>) -> f64 {
    let mut sum = OrderSum::default();
    phases.for_each(|phi| sum.add(phi));
    sum.r()
}

/// `exp(2 pi i phi)` as (re, im): libm's `sincos`, bit for bit its `cos`
/// and `sin` (one argument reduction for both, a fifth faster).
pub fn unit_point(phi: f64) -> (f64, f64) {
    let (sin, cos) = libm::sincos(2.0 * core::f64::consts::PI * phi);
    (cos, sin)
}

/// The running sum behind [`order_parameter`], for adding phases one at a
/// time (one sum per subgroup, in one pass over the firms).
#[derive(Clone, Copy, Debug, Default)]
pub struct OrderSum {
    re: f64,
    im: f64,
    n: usize,
}

impl OrderSum {
    pub fn add(&mut self, phi: f64) {
        self.add_point(unit_point(phi));
    }

    /// Adds a phase as its [`unit_point`] (to add one phase to two sums).
    pub fn add_point(&mut self, (re, im): (f64, f64)) {
        self.re += re;
        self.im += im;
        self.n += 1;
    }

    /// The order parameter of the phases added (0 for none).
    pub fn r(&self) -> f64 {
        if self.n == 0 {
            0.0
        } else {
            (libm::sqrt(self.re * self.re + self.im * self.im) / self.n as f64).min(1.0)
        }
    }
}

/// The coordinators' planned rhythm: releases at `first + k * cycle`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Roadmap {
    pub first: f64,
    pub cycle: f64,
}

impl Roadmap {
    /// Distance, in cycles within [0, 0.5], from `time` to the nearest
    /// planned release.
    pub fn offset(&self, time: f64) -> f64 {
        let x = (time - self.first) / self.cycle;
        let frac = x - libm::floor(x);
        frac.min(1.0 - frac)
    }
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Burst {
    pub start: f64,
    /// Distinct firms that released in it.
    pub firms: usize,
}

/// Reached synchrony: when, and where the common rhythm sits.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Synchrony {
    pub time: f64,
    /// Offset from the roadmap at the burst that confirmed synchrony.
    pub offset: f64,
}

impl Synchrony {
    pub fn converged(&self) -> bool {
        self.offset <= CONVERGED_OFFSET
    }
}

#[derive(Debug)]
pub struct Bursts {
    firms: usize,
    delta: f64,
    roadmap: Roadmap,
    /// Burst index in which each firm last released (dedupes a firm).
    seen_in: Vec<u64>,
    current: Option<Burst>,
    index: u64,
    /// Starts of bursts within one cycle of the latest burst, oldest first:
    /// older starts are dropped as bursts open, so the memory is bounded
    /// (burst starts are more than `delta` apart) however long the run.
    recent: VecDeque<f64>,
    /// The current run of complete bursts: the first one's start, and how
    /// many (all that synchrony needs; the run grows by one a cycle once
    /// in step, so it is not kept as a list).
    complete_run: Option<(f64, usize)>,
    synchrony: Option<Synchrony>,
    total: u64,
}

impl Clone for Bursts {
    fn clone(&self) -> Self {
        let mut copy = Bursts::new(0, self.delta, self.roadmap);
        copy.clone_from(self);
        copy
    }

    /// Reuses the buffers (restoring a saved state).
    fn clone_from(&mut self, source: &Self) {
        self.firms = source.firms;
        self.delta = source.delta;
        self.roadmap = source.roadmap;
        self.seen_in.clone_from(&source.seen_in);
        self.current = source.current;
        self.index = source.index;
        self.recent.clone_from(&source.recent);
        self.complete_run = source.complete_run;
        self.synchrony = source.synchrony;
        self.total = source.total;
    }
}

impl Bursts {
    /// Bytes its lists hold.
    pub fn bytes(&self) -> usize {
        self.seen_in.len() * 8 + self.recent.len() * 8 + std::mem::size_of::<Bursts>()
    }

    pub fn new(firms: usize, delta: f64, roadmap: Roadmap) -> Self {
        Bursts {
            firms,
            delta,
            roadmap,
            seen_in: vec![u64::MAX; firms],
            current: None,
            index: 0,
            recent: VecDeque::new(),
            complete_run: None,
            synchrony: None,
            total: 0,
        }
    }

    pub fn record(&mut self, release: &Release) {
        let open = self
            .current
            .is_some_and(|b| release.time - b.start <= self.delta);
        if !open {
            self.close_current();
            self.index += 1;
            self.total += 1;
            self.current = Some(Burst {
                start: release.time,
                firms: 0,
            });
            // `in_last_cycle` is asked at a time no earlier than this
            // release, so a start more than a cycle before it is never
            // counted again (rounding is monotone: `t - 1` grows with `t`).
            while self.recent.front().is_some_and(|&s| s < release.time - 1.0) {
                self.recent.pop_front();
            }
            self.recent.push_back(release.time);
        }
        let seen = &mut self.seen_in[release.firm as usize];
        if *seen != self.index {
            *seen = self.index;
            if let Some(b) = &mut self.current {
                b.firms += 1;
            }
        }
    }

    fn close_current(&mut self) {
        let Some(burst) = self.current.take() else {
            return;
        };
        if burst.firms < self.firms {
            self.complete_run = None;
            return;
        }
        let (first, count) = match self.complete_run {
            Some((first, count)) => (first, count.saturating_add(1)),
            None => (burst.start, 1),
        };
        self.complete_run = Some((first, count));
        if self.synchrony.is_none() && count > HOLD_BURSTS {
            self.synchrony = Some(Synchrony {
                time: first,
                offset: self.roadmap.offset(burst.start),
            });
        }
    }

    /// Bursts that started within one cycle before `now`, which is no
    /// earlier than the last recorded release (the clock only moves on).
    pub fn in_last_cycle(&mut self, now: f64) -> usize {
        while self.recent.front().is_some_and(|&s| s < now - 1.0) {
            self.recent.pop_front();
        }
        self.recent.len()
    }

    /// Burst starts held in memory: at most the bursts of the last cycle
    /// (and one), whatever the length of the run. For tests of that bound.
    #[doc(hidden)]
    pub fn stored(&self) -> usize {
        self.recent.len()
    }

    /// Bursts so far, the open one included.
    pub fn total(&self) -> u64 {
        self.total
    }

    /// Synchrony once reached and held. A burst is judged when the next one
    /// starts, so call [`Bursts::settle`] first to judge the last one.
    pub fn synchrony(&self) -> Option<Synchrony> {
        self.synchrony
    }

    /// The current run of complete bursts (every firm in each): the first
    /// one's start and how many so far, or None when the last judged burst
    /// missed a firm. Synchrony is confirmed when the run reaches 4, so a
    /// page can say what it is waiting for while the run grows.
    pub fn complete_run(&self) -> Option<(f64, usize)> {
        self.complete_run
    }

    /// Complete bursts after the first that confirm synchrony.
    pub const fn bursts_to_confirm() -> usize {
        HOLD_BURSTS
    }

    /// Closes the open burst if `now` is past its window.
    pub fn settle(&mut self, now: f64) {
        if self.current.is_some_and(|b| now - b.start > self.delta) {
            self.close_current();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engine::Cause;

    fn release(time: f64, firm: u32) -> Release {
        Release {
            time,
            firm,
            cause: Cause::Schedule,
        }
    }

    #[test]
    fn order_parameter_is_one_in_step_and_zero_spread_evenly() {
        assert!((order_parameter([0.3, 0.3, 0.3].into_iter()) - 1.0).abs() < 1e-12);
        assert!(order_parameter([0.0, 0.25, 0.5, 0.75].into_iter()) < 1e-12);
    }

    #[test]
    fn roadmap_offset_folds_into_half_a_cycle() {
        let road = Roadmap {
            first: 0.2,
            cycle: 1.0,
        };
        assert!((road.offset(3.25) - 0.05).abs() < 1e-12);
        assert!((road.offset(0.1) - 0.1).abs() < 1e-12);
        assert!((road.offset(5.7) - 0.5).abs() < 1e-12);
    }

    #[test]
    fn synchrony_needs_three_more_complete_bursts() {
        let mut bursts = Bursts::new(
            2,
            0.02,
            Roadmap {
                first: 0.0,
                cycle: 1.0,
            },
        );
        bursts.record(&release(0.5, 0)); // alone: incomplete
        for k in 1..=4 {
            bursts.record(&release(k as f64, 0));
            bursts.record(&release(k as f64 + 0.01, 1));
        }
        bursts.settle(3.5);
        assert_eq!(
            bursts.synchrony(),
            None,
            "three complete bursts confirm nothing yet"
        );
        assert_eq!(bursts.complete_run(), Some((1.0, 3)));
        bursts.settle(4.5);
        assert_eq!(bursts.complete_run(), Some((1.0, 4)));
        let sync = bursts.synchrony().expect("four complete bursts in a row");
        assert_eq!(sync.time, 1.0);
        assert!((sync.offset - 0.0).abs() < 1e-12 && sync.converged());
        assert_eq!(bursts.in_last_cycle(4.5), 1);
    }

    #[test]
    fn an_incomplete_burst_restarts_the_count() {
        let mut bursts = Bursts::new(
            2,
            0.02,
            Roadmap {
                first: 0.0,
                cycle: 1.0,
            },
        );
        for k in 1..=3 {
            bursts.record(&release(k as f64, 0));
            bursts.record(&release(k as f64, 1));
        }
        bursts.record(&release(4.0, 0));
        bursts.record(&release(4.5, 1));
        bursts.settle(5.0);
        assert_eq!(bursts.synchrony(), None);
        assert_eq!(
            bursts.complete_run(),
            None,
            "the incomplete burst ends the run"
        );
    }
}
