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

use crate::model::dynamics::{Pulse, StateFunction};
use crate::model::schedule::{ABSENT, Places, Schedule, prefetch};
use crate::network::{FirmId, Network};
use crate::seeded::Seeded;
use std::collections::{HashMap, VecDeque};
use std::hash::{BuildHasherDefault, Hasher};

/// Releases due within this fraction of a cycle (relative, past t = 1) of
/// an instant belong to it: far above rounding, far below any timescale.
const SAME_INSTANT: f64 = 1e-12;

/// Above this many firms their records no longer sit in a core's cache
/// (32 bytes each, 2 MB of L2 here): below it, prefetching partners only
/// adds instructions.
const PREFETCH_FIRMS: usize = 32_768;

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

impl Cause {
    /// Every cause, in the order of its code.
    pub const ALL: [Cause; 4] = [Cause::Schedule, Cause::Partner, Cause::Signal, Cause::Lock];

    /// The cause as a byte (a frame's `recentCauses`): its place in [`Cause::ALL`].
    pub const fn code(self) -> u8 {
        self as u8
    }

    /// Its name: `schedule`, `partner`, `signal` or `lock`.
    pub const fn name(self) -> &'static str {
        match self {
            Cause::Schedule => "schedule",
            Cause::Partner => "partner",
            Cause::Signal => "signal",
            Cause::Lock => "lock",
        }
    }
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

/// What a pulse reads and writes of its firm, in one half cache line.
#[derive(Clone, Copy, Debug)]
#[repr(C, align(32))]
struct Firm {
    /// The phase at time `since`; phases grow at `1 / cycle`.
    base_phase: f64,
    since: f64,
    cycle: f64,
    /// The instant in which the firm last released.
    released_in: u32,
    /// Where the firm's next release sits in the schedule's heap.
    place: u32,
}

impl Places for [Firm] {
    #[inline]
    fn place(&self, firm: FirmId) -> u32 {
        self[firm as usize].place
    }
    #[inline]
    fn set_place(&mut self, firm: FirmId, place: u32) {
        self[firm as usize].place = place;
    }
}

/// One partner of a firm, with the pulse the firm's release gives it (an
/// index into the few distinct pulses: 8 bytes a slot instead of 24).
#[derive(Clone, Copy, Debug)]
struct Slot {
    partner: FirmId,
    pulse: u32,
}

/// A hash of a few machine words (multiply and rotate, as rustc's own
/// FxHash): keys here are not chosen by anyone, so no defence against
/// collisions is needed, and the default hasher would cost more than the
/// rest of a slot's set-up.
#[derive(Default)]
struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        bytes.iter().for_each(|&b| self.write_u64(b.into()));
    }
    fn write_u64(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    fn finish(&self) -> u64 {
        self.0
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
    one_pulse_per_event: bool,
    firms: Vec<Firm>,
    /// Each firm's partners, `slots[offsets[i]..offsets[i + 1]]`.
    slots: Vec<Slot>,
    /// The distinct pulses of the slots.
    pulse_table: Vec<Pulse>,
    offsets: Vec<u32>,
    /// Each firm's planned cycle, kept only for slips to draw from.
    planned_cycle: Vec<f64>,
    last_release: Vec<f64>,
    /// The instant in which each firm was last pulsed (one pulse per event).
    pulsed_in: Vec<u32>,
    schedule: Schedule,
    time: f64,
    /// Counts instants; wraps (see `next_instant`).
    instant: u32,
    coordination: Option<Coordination>,
    is_coordinator: Vec<bool>,
    slips: Option<Slips>,
    waves: VecDeque<Wave>,
    releases: u64,
    pulses: u64,
}

/// Everything a run changes in an [`Engine`], at a moment between
/// instants: phases, due times, the slips' random stream and the counts.
/// The network and the pulses its ties give never change, so they are not
/// in it. Restoring it puts the engine back at that moment exactly: the
/// releases that follow are the ones that followed then.
#[derive(Clone, Debug)]
pub struct EngineState {
    firms: Vec<Firm>,
    last_release: Vec<f64>,
    pulsed_in: Vec<u32>,
    schedule: Schedule,
    time: f64,
    instant: u32,
    slips: Option<Seeded>,
    releases: u64,
    pulses: u64,
}

impl EngineState {
    /// Bytes it holds (its lists; the rest is a few words).
    pub fn bytes(&self) -> usize {
        use std::mem::size_of;
        self.firms.len() * size_of::<Firm>()
            + self.last_release.len() * size_of::<f64>()
            + self.pulsed_in.len() * size_of::<u32>()
            + self.schedule.bytes()
            + size_of::<EngineState>()
    }

    pub fn time(&self) -> f64 {
        self.time
    }

    pub fn release_count(&self) -> u64 {
        self.releases
    }
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
        let mut is_coordinator = vec![false; n];
        if let Some(c) = &coordination {
            c.firms
                .iter()
                .for_each(|&f| is_coordinator[f as usize] = true);
        }
        let rho = coordination.as_ref().map_or(1.0, |c| c.responsiveness);
        let mut offsets = Vec::with_capacity(n + 1);
        let mut slots = Vec::with_capacity(2 * network.tie_count());
        let mut pulse_table = Vec::new();
        let mut index = HashMap::new();
        // Each slot's pulse depends only on its strength and whether it is
        // an outside pulse to a coordinator: computed once for each.
        let mut known: HashMap<(u64, bool), u32, BuildHasherDefault<WordHasher>> =
            HashMap::default();
        offsets.push(0);
        for from in 0..n as FirmId {
            let (partners, strengths) = network.partners(from);
            for (&partner, &w) in partners.iter().zip(strengths) {
                let outside = is_coordinator[partner as usize] && !is_coordinator[from as usize];
                let pulse = *known.entry((w.to_bits(), outside)).or_insert_with(|| {
                    // An outside release moves a coordinator by rho only.
                    let pulse = if outside {
                        let s = w * eps;
                        if rho == 0.0 {
                            Pulse::NONE
                        } else {
                            state.pulse(s * rho)
                        }
                    } else {
                        state.pulse(eps * w)
                    };
                    *index
                        .entry((pulse.a.to_bits(), pulse.c.to_bits()))
                        .or_insert_with(|| {
                            pulse_table.push(pulse);
                            pulse_table.len() as u32 - 1
                        })
                });
                slots.push(Slot { partner, pulse });
            }
            offsets.push(slots.len() as u32);
        }
        let firms = phases
            .iter()
            .zip(&cycles)
            .map(|(phase, &cycle)| Firm {
                base_phase: phase.clamp(0.0, 1.0),
                since: 0.0,
                cycle,
                released_in: 0,
                place: ABSENT,
            })
            .collect();
        let mut engine = Engine {
            state,
            one_pulse_per_event,
            firms,
            slots,
            pulse_table,
            offsets,
            planned_cycle: if slips.is_some() { cycles } else { vec![] },
            last_release: vec![f64::NEG_INFINITY; n],
            pulsed_in: if one_pulse_per_event {
                vec![0; n]
            } else {
                vec![]
            },
            schedule: Schedule::new(n),
            time: 0.0,
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

    /// Its state now (between instants), to [`Engine::restore`] later.
    pub fn state(&self) -> EngineState {
        EngineState {
            firms: self.firms.clone(),
            last_release: self.last_release.clone(),
            pulsed_in: self.pulsed_in.clone(),
            schedule: self.schedule.clone(),
            time: self.time,
            instant: self.instant,
            slips: self.slips.as_ref().map(|s| s.rng.clone()),
            releases: self.releases,
            pulses: self.pulses,
        }
    }

    /// Its state now into `state` (an earlier state of this engine),
    /// reusing its buffers.
    pub fn save_into(&self, state: &mut EngineState) {
        state.firms.clone_from(&self.firms);
        state.last_release.clone_from(&self.last_release);
        state.pulsed_in.clone_from(&self.pulsed_in);
        state.schedule.clone_from(&self.schedule);
        state.time = self.time;
        state.instant = self.instant;
        state.slips = self.slips.as_ref().map(|s| s.rng.clone());
        state.releases = self.releases;
        state.pulses = self.pulses;
    }

    /// Puts the engine back at the moment of `state`, a state of this
    /// engine, reusing its buffers.
    pub fn restore(&mut self, state: &EngineState) {
        debug_assert!(self.waves.is_empty(), "restored between instants");
        self.firms.clone_from(&state.firms);
        self.last_release.clone_from(&state.last_release);
        self.pulsed_in.clone_from(&state.pulsed_in);
        self.schedule.clone_from(&state.schedule);
        self.time = state.time;
        self.instant = state.instant;
        if let (Some(slips), Some(rng)) = (&mut self.slips, &state.slips) {
            slips.rng = rng.clone();
        }
        self.releases = state.releases;
        self.pulses = state.pulses;
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
        let f = &self.firms[firm as usize];
        f.base_phase + (time - f.since) / f.cycle
    }

    /// Time of `firm`'s last release (`-inf` before its first).
    pub fn last_release(&self, firm: FirmId) -> f64 {
        self.last_release[firm as usize]
    }

    /// Time of the next release instant.
    pub fn next_release_time(&mut self) -> f64 {
        self.schedule.peek().map_or(f64::INFINITY, |(time, _)| time)
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
        self.next_instant();
        // Firms at one phase in exact arithmetic can be due a rounding step
        // apart (the same total pulse by different routes): one instant.
        let same_instant = t + SAME_INSTANT * t.abs().max(1.0);
        while let Some((due, firm)) = self.schedule.peek() {
            if due > same_instant {
                break;
            }
            if self.firms[firm as usize].released_in == self.instant {
                // Due again in the instant it released in (a cycle below
                // rounding): it waits for a pulse, as it always has.
                self.schedule.pop(&mut self.firms[..]);
            } else {
                // Its release moves it a cycle later, off the top.
                self.release(firm, Cause::Schedule, on_release);
            }
        }
        while let Some(wave) = self.waves.pop_front() {
            match wave {
                Wave::Release(firm) => self.pulse_partners(firm, on_release),
                Wave::Signal => self.send_signal(on_release),
            }
        }
        t
    }

    /// Starts a new instant. Marks are compared for equality only, so when
    /// the counter wraps, clearing them keeps every comparison right.
    fn next_instant(&mut self) {
        if self.instant == u32::MAX {
            self.firms.iter_mut().for_each(|f| f.released_in = 0);
            self.pulsed_in.fill(0);
            self.instant = 0;
        }
        self.instant += 1;
    }

    fn release(&mut self, firm: FirmId, cause: Cause, on_release: &mut impl FnMut(Release)) {
        let i = firm as usize;
        let f = &mut self.firms[i];
        if f.released_in == self.instant {
            return;
        }
        f.released_in = self.instant;
        // Its partners are pulsed soon: ask for them (8 slots a cache line)
        // while the schedule moves it a cycle later.
        let lo = self.offsets[i] as usize;
        if let Some(first) = self.slots.get(lo) {
            prefetch(first);
        }
        if let Some(next) = self.slots.get(lo + 8) {
            prefetch(next);
        }
        let f = &mut self.firms[i];
        f.base_phase = 0.0;
        f.since = self.time;
        if let Some(slips) = &mut self.slips {
            let factor = 1.0 + slips.sigma * slips.rng.normal();
            f.cycle = self.planned_cycle[i] * factor.clamp(0.5, 1.5);
        }
        self.last_release[i] = self.time;
        self.schedule(firm);
        self.releases += 1;
        on_release(Release {
            time: self.time,
            firm,
            cause,
        });
        self.waves.push_back(Wave::Release(firm));
        if self.coordination.is_some() && self.is_coordinator[i] {
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
        let lo = self.offsets[from as usize] as usize;
        let hi = self.offsets[from as usize + 1] as usize;
        if self.firms.len() > PREFETCH_FIRMS {
            // Ask for every partner's record, then its place in the heap,
            // at once, so their cache misses overlap instead of coming one
            // pulse at a time.
            for slot in &self.slots[lo..hi] {
                prefetch(&self.firms[slot.partner as usize]);
            }
            // The heap place is read from the record just asked for: wasm,
            // whose stand-in for a prefetch is a load, would wait for the
            // record here (without this, 7% faster at 100,000 firms in
            // Node, 3% at 1,000,000).
            #[cfg(target_arch = "x86_64")]
            for slot in &self.slots[lo..hi] {
                self.schedule
                    .prefetch(self.firms[slot.partner as usize].place);
            }
        }
        for slot in lo..hi {
            let Slot { partner, pulse } = self.slots[slot];
            let pulse = self.pulse_table[pulse as usize];
            self.deliver(partner, pulse, Cause::Partner, on_release);
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

    #[inline(always)]
    fn deliver(
        &mut self,
        to: FirmId,
        pulse: Pulse,
        cause: Cause,
        on_release: &mut impl FnMut(Release),
    ) {
        let instant = self.instant;
        let f = &mut self.firms[to as usize];
        if f.released_in == instant {
            return;
        }
        if self.one_pulse_per_event {
            let pulsed_in = &mut self.pulsed_in[to as usize];
            if *pulsed_in == instant {
                return;
            }
            *pulsed_in = instant;
        }
        self.pulses += 1;
        let phi = pulse.apply(f.base_phase + (self.time - f.since) / f.cycle);
        if phi >= 1.0 {
            self.release(to, cause, on_release);
        } else {
            f.base_phase = phi;
            f.since = self.time;
            // As `schedule`, with the firm at hand.
            let time = f.since + (1.0 - f.base_phase) * f.cycle;
            self.schedule.set(to, time, &mut self.firms[..]);
        }
    }

    fn schedule(&mut self, firm: FirmId) {
        let f = &self.firms[firm as usize];
        let time = f.since + (1.0 - f.base_phase) * f.cycle;
        self.schedule.set(firm, time, &mut self.firms[..]);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn engine(one_pulse_per_event: bool) -> Engine {
        let n = 12;
        let ties = (0..n as FirmId).flat_map(|a| (a + 1..n as FirmId).map(move |b| (a, b, 0.5)));
        Engine::new(Setup {
            network: Network::from_ties(n, ties, vec![]).unwrap(),
            dissipation: 3.0,
            eps: 0.02,
            cycles: vec![1.0; n],
            phases: (0..n).map(|i| i as f64 / n as f64).collect(),
            one_pulse_per_event,
            coordination: None,
            slips: None,
        })
    }

    #[test]
    fn the_instant_counter_wraps_without_changing_releases() {
        for one_pulse_per_event in [false, true] {
            let (mut plain, mut wrapping) =
                (engine(one_pulse_per_event), engine(one_pulse_per_event));
            wrapping.instant = u32::MAX - 3;
            let (mut a, mut b) = (Vec::new(), Vec::new());
            for _ in 0..40 {
                plain.run_instant(&mut |r| a.push((r.firm, r.time.to_bits())));
                wrapping.run_instant(&mut |r| b.push((r.firm, r.time.to_bits())));
            }
            assert!(wrapping.instant < 40, "wrapped");
            assert_eq!(a, b);
        }
    }
}
