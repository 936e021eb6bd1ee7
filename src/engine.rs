//! The event-driven engine: exact Mirollo-Strogatz dynamics on a network.
//!
//! No time step. Every firm's next release time is known, kept in a priority
//! queue; the engine jumps from one release instant to the next. Within an
//! instant, each release pulses the releasing firm's partners (per partner,
//! additive, scaled by tie strength); a firm pushed to phase 1 is absorbed and
//! releases in the same instant, pulsing its own partners: a cascade. A firm
//! releases at most once per instant.
//!
//! Coordination (Davis 2013) lives here too, because it changes what happens
//! inside an instant: locked coordinators release together, outside pulses
//! move them only by `rho`, and in hybrid mode their joint release sends one
//! signal to every firm within reach.

use crate::dynamics::{Pulse, StateFunction};
use crate::network::{FirmId, Network};
use crate::seeded::Seeded;
use std::cmp::Ordering;
use std::collections::{BinaryHeap, VecDeque};

/// Releases due within this fraction of a cycle (relative, past t = 1) of
/// an instant belong to it: far above rounding, far below any timescale.
const SAME_INSTANT: f64 = 1e-12;

/// Why a firm released.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[repr(u8)]
pub enum Cause {
    /// Its phase reached 1 on its own.
    Schedule = 0,
    /// A partner's release pushed it over (absorption).
    Partner,
    /// A coordinators' signal pushed it over.
    Signal,
    /// It is a coordinator and its group released (the shared roadmap).
    Lock,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Release {
    pub time: f64,
    pub firm: FirmId,
    pub cause: Cause,
}

/// Coordinators acting together (planned and hybrid synchrony).
#[derive(Clone, Debug, PartialEq)]
pub struct Coordination {
    pub firms: Vec<FirmId>,
    /// Share of an outside pulse that moves a coordinator, in [0, 1].
    pub responsiveness: f64,
    /// Hybrid only: the firms a joint release signals, and the signal size.
    pub signal: Option<Signal>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Signal {
    pub strength: f64,
    pub audience: Vec<FirmId>,
}

/// Schedule slips: each new cycle is `T_i (1 + N(0, sigma))`, truncated.
#[derive(Clone, Debug)]
pub struct Slips {
    pub sigma: f64,
    pub rng: Seeded,
}

/// Everything the engine needs besides the network.
pub struct Setup {
    pub network: Network,
    pub dissipation: f64,
    pub eps: f64,
    /// Each firm's planned cycle length `T_i`.
    pub cycles: Vec<f64>,
    /// Each firm's phase at time 0, in [0, 1).
    pub phases: Vec<f64>,
    /// Mirollo-Strogatz's variant: at most one pulse per firm per instant.
    pub one_pulse_per_event: bool,
    pub coordination: Option<Coordination>,
    pub slips: Option<Slips>,
}

#[derive(Clone, Copy, Debug)]
struct Due {
    time: f64,
    firm: FirmId,
    stamp: u32,
}

impl PartialEq for Due {
    fn eq(&self, other: &Self) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}
impl Eq for Due {}
impl PartialOrd for Due {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}
impl Ord for Due {
    /// Reversed, so the max-heap pops the earliest release (then lowest id).
    fn cmp(&self, other: &Self) -> Ordering {
        other
            .time
            .total_cmp(&self.time)
            .then(other.firm.cmp(&self.firm))
    }
}

/// What a released firm passes on within its instant.
enum Wave {
    Release(FirmId),
    Signal,
}

pub struct Engine {
    network: Network,
    state: StateFunction,
    eps: f64,
    one_pulse_per_event: bool,
    /// One precomputed pulse per (firm, partner) slot of the adjacency.
    tie_pulses: Vec<Pulse>,
    offsets: Vec<usize>,
    planned_cycle: Vec<f64>,
    cycle: Vec<f64>,
    /// Phase `base_phase[i]` at time `since[i]`; phases grow at `1 / cycle[i]`.
    base_phase: Vec<f64>,
    since: Vec<f64>,
    last_release: Vec<f64>,
    stamp: Vec<u32>,
    queue: BinaryHeap<Due>,
    time: f64,
    /// The instant in which each firm last released or was pulsed.
    released_in: Vec<u64>,
    pulsed_in: Vec<u64>,
    instant: u64,
    coordination: Option<Coordination>,
    is_coordinator: Vec<bool>,
    slips: Option<Slips>,
    waves: VecDeque<Wave>,
    releases: u64,
    pulses: u64,
}

impl Engine {
    /// # Panics
    ///
    /// When `setup` has not one cycle length and one phase per firm (a
    /// [`crate::Scenario`] always builds it so).
    pub fn new(setup: Setup) -> Engine {
        let Setup {
            network,
            dissipation,
            eps,
            cycles,
            phases,
            one_pulse_per_event,
            coordination,
            slips,
        } = setup;
        let n = network.firm_count();
        assert_eq!(cycles.len(), n, "one cycle length per firm");
        assert_eq!(phases.len(), n, "one phase per firm");
        let state = StateFunction::new(dissipation);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut tie_pulses = Vec::new();
        offsets.push(0);
        for i in 0..n as FirmId {
            tie_pulses.extend(network.partners(i).1.iter().map(|&w| state.pulse(eps * w)));
            offsets.push(tie_pulses.len());
        }
        let mut is_coordinator = vec![false; n];
        if let Some(c) = &coordination {
            c.firms
                .iter()
                .for_each(|&f| is_coordinator[f as usize] = true);
        }
        let mut engine = Engine {
            state,
            eps,
            one_pulse_per_event,
            tie_pulses,
            offsets,
            planned_cycle: cycles.clone(),
            cycle: cycles,
            base_phase: phases.iter().map(|p| p.clamp(0.0, 1.0)).collect(),
            since: vec![0.0; n],
            last_release: vec![f64::NEG_INFINITY; n],
            stamp: vec![0; n],
            queue: BinaryHeap::with_capacity(2 * n),
            time: 0.0,
            released_in: vec![0; n],
            pulsed_in: vec![0; n],
            instant: 0,
            coordination,
            is_coordinator,
            slips,
            waves: VecDeque::new(),
            releases: 0,
            pulses: 0,
            network,
        };
        for i in 0..n as FirmId {
            engine.schedule(i);
        }
        engine
    }

    pub fn network(&self) -> &Network {
        &self.network
    }

    pub fn state_function(&self) -> StateFunction {
        self.state
    }

    pub fn time(&self) -> f64 {
        self.time
    }

    pub fn release_count(&self) -> u64 {
        self.releases
    }

    /// Pulses delivered so far (partner pulses and signals).
    pub fn pulse_count(&self) -> u64 {
        self.pulses
    }

    pub fn is_coordinator(&self, firm: FirmId) -> bool {
        self.is_coordinator[firm as usize]
    }

    /// Phase of `firm` now.
    #[inline]
    pub fn phase(&self, firm: FirmId) -> f64 {
        self.phase_at(firm, self.time)
    }

    /// Phase of `firm` at `time`, for any time from now up to the next
    /// release instant: phases grow linearly between instants.
    #[inline]
    pub fn phase_at(&self, firm: FirmId, time: f64) -> f64 {
        let i = firm as usize;
        self.base_phase[i] + (time - self.since[i]) / self.cycle[i]
    }

    /// Time of `firm`'s last release (`-inf` before its first).
    pub fn last_release(&self, firm: FirmId) -> f64 {
        self.last_release[firm as usize]
    }

    /// Time of the next release instant.
    pub fn next_release_time(&mut self) -> f64 {
        self.drop_stale();
        self.queue.peek().map_or(f64::INFINITY, |d| d.time)
    }

    /// Runs every instant up to and including `until`, then sets the clock
    /// to `until`. Each release is passed to `on_release` in order.
    pub fn advance_to(&mut self, until: f64, on_release: &mut impl FnMut(Release)) {
        while self.next_release_time() <= until {
            self.run_instant(on_release);
        }
        self.time = self.time.max(until);
    }

    /// Runs the next release instant; returns its time.
    pub fn run_instant(&mut self, on_release: &mut impl FnMut(Release)) -> f64 {
        let t = self.next_release_time();
        if !t.is_finite() {
            return t;
        }
        self.time = t;
        self.instant += 1;
        // Firms at one phase in exact arithmetic can be due a rounding step
        // apart (the same total pulse by different routes): one instant.
        let same_instant = t + SAME_INSTANT * t.abs().max(1.0);
        while let Some(due) = self.queue.peek().copied() {
            if due.stamp != self.stamp[due.firm as usize] {
                self.queue.pop();
            } else if due.time <= same_instant {
                self.queue.pop();
                self.release(due.firm, Cause::Schedule, on_release);
            } else {
                break;
            }
        }
        while let Some(wave) = self.waves.pop_front() {
            match wave {
                Wave::Release(firm) => self.pulse_partners(firm, on_release),
                Wave::Signal => self.send_signal(on_release),
            }
        }
        if self.queue.len() > 4 * self.base_phase.len() + 64 {
            let stamp = &self.stamp;
            self.queue.retain(|d| d.stamp == stamp[d.firm as usize]);
        }
        t
    }

    fn release(&mut self, firm: FirmId, cause: Cause, on_release: &mut impl FnMut(Release)) {
        let i = firm as usize;
        if self.released_in[i] == self.instant {
            return;
        }
        self.released_in[i] = self.instant;
        self.base_phase[i] = 0.0;
        self.since[i] = self.time;
        self.last_release[i] = self.time;
        if let Some(slips) = &mut self.slips {
            let factor = 1.0 + slips.sigma * slips.rng.normal();
            self.cycle[i] = self.planned_cycle[i] * factor.clamp(0.5, 1.5);
        }
        self.schedule(firm);
        self.releases += 1;
        on_release(Release {
            time: self.time,
            firm,
            cause,
        });
        self.waves.push_back(Wave::Release(firm));
        if self.is_coordinator[i] {
            self.release_coordinators(on_release);
        }
    }

    /// Locked coordinators: when one releases, all release, and (hybrid)
    /// the group sends its one signal for this joint release.
    fn release_coordinators(&mut self, on_release: &mut impl FnMut(Release)) {
        // Taken out while its firms are released: their own releases then
        // find no coordination here and do not recurse.
        let Some(c) = self.coordination.take() else {
            return;
        };
        for &f in &c.firms {
            self.release(f, Cause::Lock, on_release);
        }
        if c.signal.is_some() {
            self.waves.push_back(Wave::Signal);
        }
        self.coordination = Some(c);
    }

    fn pulse_partners(&mut self, from: FirmId, on_release: &mut impl FnMut(Release)) {
        let (lo, hi) = (self.offsets[from as usize], self.offsets[from as usize + 1]);
        let from_coordinator = self.is_coordinator[from as usize];
        for slot in lo..hi {
            let to = self.network.partners(from).0[slot - lo];
            let mut pulse = self.tie_pulses[slot];
            if self.is_coordinator[to as usize] && !from_coordinator {
                pulse = self.coordinator_pulse(self.network.partners(from).1[slot - lo] * self.eps);
            }
            self.deliver(to, pulse, Cause::Partner, on_release);
        }
    }

    fn send_signal(&mut self, on_release: &mut impl FnMut(Release)) {
        let Some(c) = self.coordination.take() else {
            return;
        };
        if let Some(signal) = &c.signal {
            let pulse = self.state.pulse(signal.strength);
            for &to in &signal.audience {
                if !self.is_coordinator[to as usize] {
                    self.deliver(to, pulse, Cause::Signal, on_release);
                }
            }
        }
        self.coordination = Some(c);
    }

    /// The pulse an outside release of state size `s` gives a coordinator.
    fn coordinator_pulse(&self, s: f64) -> Pulse {
        let rho = self.coordination.as_ref().map_or(1.0, |c| c.responsiveness);
        if rho == 0.0 {
            Pulse::NONE
        } else {
            self.state.pulse(s * rho)
        }
    }

    fn deliver(
        &mut self,
        to: FirmId,
        pulse: Pulse,
        cause: Cause,
        on_release: &mut impl FnMut(Release),
    ) {
        let i = to as usize;
        if self.released_in[i] == self.instant {
            return;
        }
        if self.one_pulse_per_event {
            if self.pulsed_in[i] == self.instant {
                return;
            }
            self.pulsed_in[i] = self.instant;
        }
        self.pulses += 1;
        let phi = pulse.apply(self.phase(to));
        if phi >= 1.0 {
            self.release(to, cause, on_release);
        } else {
            self.base_phase[i] = phi;
            self.since[i] = self.time;
            self.schedule(to);
        }
    }

    fn schedule(&mut self, firm: FirmId) {
        let i = firm as usize;
        self.stamp[i] = self.stamp[i].wrapping_add(1);
        let time = self.since[i] + (1.0 - self.base_phase[i]) * self.cycle[i];
        self.queue.push(Due {
            time,
            firm,
            stamp: self.stamp[i],
        });
    }

    fn drop_stale(&mut self) {
        while let Some(due) = self.queue.peek() {
            if due.stamp == self.stamp[due.firm as usize] {
                break;
            }
            self.queue.pop();
        }
    }
}
