//! A running scenario: the engine, its measures, and the per-frame buffers
//! (phases, release ages, positions, readings) that a front end reads in
//! place: [`Simulation::channels`] lists them, [`READINGS`] the measures.

mod anatomy;
mod frame;

use crate::error::FieldError;
use crate::layout::{as_f32, circle, is_quick, layout};
use crate::model::engine::{Engine, Release};
use crate::model::measures::{Bursts, OrderSum, Roadmap, Synchrony, order_parameter};
use crate::network::FirmId;
use crate::network::stats::NetworkStats;
use crate::scenario::Scenario;
use crate::scenario::check::Checked;
use crate::scenario::size::{Budget, PAGE_FIRMS};
use frame::{absent_as_nan, flag_value};
use std::cell::OnceCell;

pub use anatomy::{Anatomy, Join, Subgroup};
pub use frame::{Channel, Elements, Reading, ReadingKind};

/// Release age reported for a firm that has not released yet.
pub const NEVER_RELEASED: f32 = 1e9;

/// A scenario running: advance it by any time, read its measures and the
/// frame buffers in place.
///
/// ```
/// use lockstep::{Scenario, Simulation};
/// let mut sim = Simulation::new(&Scenario { seed: 18, ..Scenario::default() })?;
/// let releases = sim.advance(3.0);
/// assert!(releases >= 60, "every firm released at least once");
/// assert_eq!(sim.phases().len(), 60);
/// let r = sim.order_parameter();
/// assert!((0.0..=1.0).contains(&r));
/// // Synchrony is measured as it comes, or run for it with a cap:
/// let synced = sim.run_until_synchrony(50.0);
/// assert!(synced.is_some_and(|s| s.time <= 50.0));
/// # Ok::<(), lockstep::FieldError>(())
/// ```
pub struct Simulation {
    scenario: Scenario,
    engine: Engine,
    bursts: Bursts,
    coordinators: Vec<FirmId>,
    roadmap: Roadmap,
    generated_ties: usize,
    layout_pending: bool,
    /// Computed when first asked for: a run needs none of it, and on a
    /// million firms it takes seconds.
    stats: OnceCell<NetworkStats>,
    phases: Vec<f32>,
    release_ages: Vec<f32>,
    positions: Vec<f32>,
    ties: Vec<u32>,
    groups: Vec<u32>,
    /// Firms a joint release of the coordinators signals (hybrid), sorted.
    audience: Vec<FirmId>,
    /// Releases of each firm so far.
    release_counts: Vec<u32>,
    /// The releases of the last advance (firm, cause, time), for drawing
    /// pulses: the first `recent_len` of buffers allocated once, capped,
    /// since no frame can show more (see [`recent_capacity`]).
    recent_firms: Vec<u32>,
    recent_causes: Vec<u8>,
    recent_times: Vec<f64>,
    recent_len: usize,
    /// The [`READINGS`] as of the last [`Simulation::measure`].
    readings: Vec<f64>,
}

/// Most releases of one advance kept for drawing, per firm.
const RECENT_PER_FIRM: usize = 4;

/// Releases of one advance kept for drawing: four a firm, for at most the
/// firms a page's pane draws (a larger run is the library's or the command
/// line's, which read releases as they come, from `advance_with`).
fn recent_capacity(firms: usize) -> usize {
    RECENT_PER_FIRM * firms.min(PAGE_FIRMS)
}

impl Simulation {
    /// Builds `scenario` within the core's limits.
    pub fn new(scenario: &Scenario) -> Result<Simulation, FieldError> {
        Simulation::within(scenario, &Budget::CORE)
    }

    /// What [`Simulation::within`] checks before it builds anything: the
    /// refusal it would give, in microseconds instead of a build's time.
    pub fn check_within(scenario: &Scenario, budget: &Budget) -> Result<Checked, FieldError> {
        // The core's own checks first: they name the field that is wrong,
        // where a budget can only say the result is too big.
        let checked = scenario.clone().check()?;
        checked.check_size(budget)?;
        Ok(checked)
    }

    /// Builds `scenario` if it fits `budget` (the page's is smaller than the
    /// core's): checked before anything is generated, and again on the
    /// generated network.
    pub fn within(scenario: &Scenario, budget: &Budget) -> Result<Simulation, FieldError> {
        let checked = Simulation::check_within(scenario, budget)?;
        let built = checked.build()?;
        budget.check_built(built.setup.network.tie_count())?;
        let network = &built.setup.network;
        let n = network.firm_count();
        let places = built.places.as_deref();
        // A slow layout is left to the caller (a Worker in the browser).
        let layout_pending = !is_quick(network, places);
        let positions = if layout_pending {
            circle(n)
        } else {
            layout(network, places, scenario.seed)
        };
        let positions = as_f32(&positions);
        let ties = network
            .ties()
            .iter()
            .flat_map(|&(a, b, _)| [a, b])
            .collect();
        let groups = network.groups().to_vec();
        let audience = built
            .setup
            .coordination
            .as_ref()
            .and_then(|c| c.signal.as_ref())
            .map_or_else(Vec::new, |s| s.audience.clone());
        let bursts = Bursts::new(n, scenario.delta, built.roadmap);
        let mut sim = Simulation {
            scenario: checked.into_scenario(),
            engine: Engine::new(built.setup),
            bursts,
            coordinators: built.coordinators,
            roadmap: built.roadmap,
            generated_ties: built.generated_ties,
            layout_pending,
            stats: OnceCell::new(),
            phases: vec![0.0; n],
            release_ages: vec![NEVER_RELEASED; n],
            positions,
            ties,
            groups,
            audience,
            release_counts: vec![0; n],
            recent_firms: vec![0; recent_capacity(n)],
            recent_causes: vec![0; recent_capacity(n)],
            recent_times: vec![0.0; recent_capacity(n)],
            recent_len: 0,
            readings: vec![0.0; READINGS.len()],
        };
        sim.refresh_frame();
        sim.measure();
        Ok(sim)
    }

    pub fn scenario(&self) -> &Scenario {
        &self.scenario
    }

    pub fn engine(&self) -> &Engine {
        &self.engine
    }

    /// Advances the clock by `dt` cycles, passing each release to
    /// `on_release`; returns how many releases happened.
    pub fn advance_with(&mut self, dt: f64, on_release: &mut impl FnMut(Release)) -> usize {
        let before = self.engine.release_count();
        let until = self.engine.time() + dt.max(0.0);
        let (bursts, counts) = (&mut self.bursts, &mut self.release_counts);
        let (firms, causes, times) = (
            &mut self.recent_firms,
            &mut self.recent_causes,
            &mut self.recent_times,
        );
        // The buffers keep their length (JS views never move); the first
        // `kept` hold this advance's releases.
        let mut kept = 0;
        self.engine.advance_to(until, &mut |r| {
            bursts.record(&r);
            counts[r.firm as usize] += 1;
            if kept < firms.len() {
                firms[kept] = r.firm;
                causes[kept] = r.cause.code();
                times[kept] = r.time;
                kept += 1;
            }
            on_release(r);
        });
        self.recent_len = kept;
        self.bursts.settle(until);
        self.refresh_frame();
        (self.engine.release_count() - before) as usize
    }

    pub fn advance(&mut self, dt: f64) -> usize {
        self.advance_with(dt, &mut |_| {})
    }

    /// Runs until synchrony is reached and held, or until `cap` cycles.
    pub fn run_until_synchrony(&mut self, cap: f64) -> Option<Synchrony> {
        let sync = run_until_synchrony(&mut self.engine, &mut self.bursts, cap);
        self.refresh_frame();
        sync
    }

    fn refresh_frame(&mut self) {
        let now = self.engine.time();
        for i in 0..self.phases.len() {
            let firm = i as FirmId;
            // Rounding can put a firm due this very instant a hair past 1.
            self.phases[i] = self.engine.phase(firm).clamp(0.0, 1.0 - f64::EPSILON) as f32;
            let last = self.engine.last_release(firm);
            self.release_ages[i] = if last.is_finite() {
                (now - last) as f32
            } else {
                NEVER_RELEASED
            };
        }
    }

    pub fn time(&self) -> f64 {
        self.engine.time()
    }

    pub fn firm_count(&self) -> usize {
        self.phases.len()
    }

    pub fn order_parameter(&self) -> f64 {
        order_parameter(self.phases_f64())
    }

    /// Order parameter within each subgroup (empty without subgroups), in
    /// one pass over the firms.
    pub fn group_order_parameters(&self) -> Vec<f64> {
        let groups = self.engine.network().group_count();
        if groups < 2 {
            return Vec::new();
        }
        let mut sums = vec![OrderSum::default(); groups];
        for (i, &g) in self.groups.iter().enumerate() {
            sums[g as usize].add(self.engine.phase(i as FirmId));
        }
        sums.iter().map(OrderSum::r).collect()
    }

    fn phases_f64(&self) -> impl Iterator<Item = f64> + '_ {
        (0..self.phases.len()).map(|i| self.engine.phase(i as FirmId))
    }

    pub fn bursts_last_cycle(&mut self) -> usize {
        let now = self.engine.time();
        self.bursts.in_last_cycle(now)
    }

    pub fn synchrony(&self) -> Option<Synchrony> {
        self.bursts.synchrony()
    }

    /// The current run of complete bursts: (first start, count); see
    /// [`Bursts::complete_run`].
    pub fn complete_run(&self) -> Option<(f64, usize)> {
        self.bursts.complete_run()
    }

    /// Burst starts the measures hold: bounded by the bursts of one cycle,
    /// however long the run. For tests of that bound.
    #[doc(hidden)]
    pub fn stored_bursts(&self) -> usize {
        self.bursts.stored()
    }

    pub fn coordinators(&self) -> &[FirmId] {
        &self.coordinators
    }

    pub fn roadmap(&self) -> Roadmap {
        self.roadmap
    }

    /// The network as it runs, in facts a description is made of (see
    /// [`Anatomy::sentences`]): linear in firms and ties.
    pub fn anatomy(&self) -> Anatomy {
        Anatomy::of(
            &self.scenario,
            self.engine.network(),
            &self.coordinators,
            &self.audience,
        )
    }

    /// The network's statistics, computed on the first call (about
    /// linear in firms and ties: see [`NetworkStats::of`]).
    pub fn stats(&self) -> &NetworkStats {
        self.stats
            .get_or_init(|| NetworkStats::of(self.engine.network()))
    }

    pub fn phases(&self) -> &[f32] {
        &self.phases
    }

    pub fn release_ages(&self) -> &[f32] {
        &self.release_ages
    }

    /// `x0, y0, x1, y1, ...` in [0, 1].
    pub fn positions(&self) -> &[f32] {
        &self.positions
    }

    /// True while `positions` are a stand-in circle: the network is too
    /// large to lay out on construction. Lay it out from [`Simulation::ties`]
    /// with a [`ForceLayout`](crate::layout::ForceLayout) in steps (the page
    /// does, showing each), or at once with [`force_layout`].
    pub fn layout_pending(&self) -> bool {
        self.layout_pending
    }

    /// Replaces the positions (`x0, y0, ...` in [0, 1]) in place, so views
    /// on the buffer stay valid.
    pub fn set_positions(&mut self, positions: &[f32]) -> Result<(), String> {
        if positions.len() != self.positions.len() {
            return Err(format!(
                "{} coordinates given for {} firms",
                positions.len(),
                self.firm_count()
            ));
        }
        if let Some(bad) = positions.iter().find(|x| !(0.0..=1.0).contains(*x)) {
            return Err(format!("position {bad} is outside [0, 1]"));
        }
        self.positions.copy_from_slice(positions);
        self.layout_pending = false;
        Ok(())
    }

    /// Ties of the generated alliance network, before coordinators were tied
    /// together: the count to match when comparing two networks.
    pub fn generated_tie_count(&self) -> usize {
        self.generated_ties
    }

    /// The firms a hybrid signal reaches (coordinators excluded), sorted;
    /// empty when the coordinators do not signal.
    pub fn signal_audience(&self) -> &[FirmId] {
        &self.audience
    }

    /// Each firm's partners (coordinators' own ties included): see
    /// [`crate::network::Network::adjacency`].
    pub fn adjacency(&self) -> (&[u32], &[FirmId]) {
        self.engine.network().adjacency()
    }

    /// `a0, b0, a1, b1, ...`: the firms of each tie.
    pub fn ties(&self) -> &[u32] {
        &self.ties
    }

    pub fn groups(&self) -> &[u32] {
        &self.groups
    }

    pub fn release_counts(&self) -> &[u32] {
        &self.release_counts
    }

    /// Firms that released in the last advance, in order.
    pub fn recent_releases(&self) -> &[u32] {
        &self.recent_firms[..self.recent_len]
    }

    /// Why each of them released: a [`Cause`](crate::Cause) as its code
    /// ([`Cause::code`](crate::Cause::code)).
    pub fn recent_causes(&self) -> &[u8] {
        &self.recent_causes[..self.recent_len]
    }

    /// When each of them released (cycles).
    pub fn recent_times(&self) -> &[f64] {
        &self.recent_times[..self.recent_len]
    }

    /// Where the coordinators' roadmap stands now, in [0, 1): 0 is a
    /// planned release.
    pub fn roadmap_phase(&self) -> f64 {
        let x = (self.engine.time() - self.roadmap.first) / self.roadmap.cycle;
        x - libm::floor(x)
    }

    /// Takes every [`READINGS`] measure now, into the buffer of the
    /// `readings` channel (in the table's order), and returns it.
    pub fn measure(&mut self) -> &[f64] {
        for (i, reading) in READINGS.iter().enumerate() {
            self.readings[i] = (reading.read)(self);
        }
        &self.readings
    }

    /// Every buffer a front end reads in place, with its element type and
    /// length; `readings` holds the last [`Simulation::measure`]. None of
    /// them moves or changes length after construction.
    pub fn channels(&self) -> [Channel<'_>; 12] {
        use Elements::{F32, F64, U8, U32};
        let (offsets, partners) = self.adjacency();
        [
            Channel::new("phases", F32(&self.phases)),
            Channel::new("releaseAges", F32(&self.release_ages)),
            // `x0, y0, x1, y1, ...` in [0, 1].
            Channel::new("positions", F32(&self.positions)),
            Channel::new("groups", U32(&self.groups)),
            // `a0, b0, a1, b1, ...`: the firms of each tie.
            Channel::new("ties", U32(&self.ties)),
            // Firm i's partners: `partners[partnerOffsets[i]..partnerOffsets[i + 1]]`.
            Channel::new("partnerOffsets", U32(offsets)),
            Channel::new("partners", U32(partners)),
            Channel::new("releaseCounts", U32(&self.release_counts)),
            Channel::new("recentReleases", U32(&self.recent_firms)).counted_by("recentReleases"),
            Channel::new("recentCauses", U8(&self.recent_causes)).counted_by("recentReleases"),
            Channel::new("recentTimes", F64(&self.recent_times)).counted_by("recentReleases"),
            Channel::new("readings", F64(&self.readings)),
        ]
    }
}

/// The measures a front end shows each frame, in the order of the
/// `readings` channel ([`Simulation::measure`] takes them).
#[rustfmt::skip]
pub const READINGS: &[Reading<Simulation>] = &[
    Reading::number("time", |s| s.time()),
    // The order parameter.
    Reading::number("r", |s| s.order_parameter()),
    // Bursts in the last cycle: the rhythms alive.
    Reading::number("bursts", |s| s.bursts_last_cycle() as f64),
    Reading::number("releases", |s| s.engine.release_count() as f64),
    Reading::number("pulses", |s| s.engine.pulse_count() as f64),
    // Once synchronized: when, the offset from the roadmap, and whether
    // the common rhythm is the roadmap's.
    Reading::optional("syncTime", |s| absent_as_nan(s.synchrony().map(|y| y.time))),
    Reading::optional("syncOffset", |s| absent_as_nan(s.synchrony().map(|y| y.offset))),
    Reading::optional_flag("converged", |s| absent_as_nan(s.synchrony().map(|y| flag_value(y.converged())))),
    // Complete bursts in a row so far (0 when the last judged one missed a
    // firm), and when the run of them started.
    Reading::number("completeBursts", |s| s.complete_run().map_or(0.0, |(_, n)| n as f64)),
    Reading::optional("completeSince", |s| absent_as_nan(s.complete_run().map(|(t, _)| t))),
    Reading::number("roadmap", |s| s.roadmap_phase()),
    // Releases the recent channels hold from the last advance.
    Reading::number("recentReleases", |s| s.recent_len as f64),
];

/// Runs `engine` from release to release, measuring its bursts, until
/// synchrony is reached and held or until `cap` cycles: a simulation's own
/// run, and an experiment's (which needs no frames, layout or statistics).
pub fn run_until_synchrony(
    engine: &mut Engine,
    bursts: &mut Bursts,
    cap: f64,
) -> Option<Synchrony> {
    while bursts.synchrony().is_none() && engine.time() < cap {
        let t = engine.next_release_time().min(cap);
        engine.advance_to(t, &mut |r| bursts.record(&r));
        bursts.settle(t);
    }
    bursts.synchrony()
}

/// The force-directed layout of `scenario`'s network (whatever its size),
/// as `x0, y0, ...`, all at once.
pub fn force_layout(scenario: &Checked) -> Result<Vec<f32>, FieldError> {
    let built = scenario.build()?;
    Ok(as_f32(&layout(
        &built.setup.network,
        built.places.as_deref(),
        scenario.seed,
    )))
}

/// FNV-1a digest of the first `events` releases (firm, then time bits):
/// equal digests on two platforms mean identical release sequences.
pub fn release_digest(scenario: &Checked, events: usize) -> Result<u64, FieldError> {
    let mut engine = Engine::new(scenario.build()?.setup);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut seen = 0;
    while seen < events && engine.next_release_time().is_finite() {
        engine.run_instant(&mut |r: Release| {
            if seen < events {
                for byte in r
                    .firm
                    .to_le_bytes()
                    .into_iter()
                    .chain(r.time.to_bits().to_le_bytes())
                {
                    hash = (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
                }
                seen += 1;
            }
        });
    }
    Ok(hash)
}
