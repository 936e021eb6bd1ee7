//! A running scenario: the engine, its measures, and the per-frame buffers
//! (phases, release ages, positions, readings) that a front end reads in
//! place: [`Simulation::channels`] lists them, [`READINGS`] the measures.
//!
//! A run can go back to any moment it has been through and on to any
//! later one ([`Simulation::seek`]): checkpoints of its state (`rewind`)
//! and a run on from the nearest one give exactly the state a straight run
//! reaches, and what the charts read of a run's past (r on a fixed grid of
//! times, `trace`; the raster's releases, `history`; the events worth going
//! back to, `events`) only grows, so each moment sees its own part of it.

mod anatomy;
mod batch;
mod events;
mod frame;
mod history;
mod moment;
mod rewind;
mod state;
mod trace;

use crate::error::FieldError;
use crate::layout::{as_f32, circle, is_quick, layout};
use crate::model::engine::{Engine, Release};
use crate::model::measures::{Bursts, OrderSum, Roadmap, Synchrony, order_parameter, unit_point};
use crate::network::FirmId;
use crate::network::stats::NetworkStats;
use crate::scenario::Scenario;
use crate::scenario::check::Checked;
use crate::scenario::size::{Budget, PAGE_FIRMS};
use frame::{absent_as_nan, flag_value};
use moment::{Digest, Readings, Summary};
use rewind::Checkpoints;
use state::State;
use std::cell::OnceCell;

pub use anatomy::{Anatomy, Join, Subgroup};
pub use batch::{force_layout, release_digest, run_until_synchrony};
pub use events::{Event, MAX_JOINT_RELEASES};
pub use frame::{Channel, Elements, Reading, ReadingKind};
pub use history::{HISTORY_CYCLES, HISTORY_ROWS};
pub use moment::Moment;
pub use rewind::{CHECKPOINT_CYCLES, EVEN_CYCLES, MAX_CHECKPOINTS, REWIND_BYTES};
pub use trace::{TRACE_POINTS, TRACED_GROUPS, TraceView, sample_step};

/// The latest moment a run may be sent to, in cycles: going there takes
/// about this many cycles of running (at 50,000 firms, a few minutes).
pub const MAX_MOMENT: f64 = 10_000.0;

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
    /// r on a fixed grid of times, for the charts.
    trace: trace::Trace,
    /// The releases a raster draws.
    history: history::History,
    /// The moments worth going back to.
    events: events::Events,
    /// Checkpoints of the state, to go back.
    rewind: Checkpoints<State>,
    /// The furthest the clock has gone.
    reached: f64,
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
        let coordination = built.setup.coordination.as_ref();
        let events = events::Events::new(
            coordination.map_or(&[][..], |c| &c.firms),
            n,
            coordination.is_some_and(|c| c.signal.is_some()),
        );
        let trace = trace::Trace::new(n, network.group_count());
        let history = history::History::new(&groups);
        let engine = Engine::new(built.setup);
        let rewind = Checkpoints::new(State::of(&engine, &bursts, &vec![0; n], &events, None));
        let mut sim = Simulation {
            scenario: checked.into_scenario(),
            engine,
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
            trace,
            history,
            events,
            rewind,
            reached: 0.0,
        };
        sim.at_grid_time(0.0);
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
        let until = self.engine.time() + dt.max(0.0);
        self.advance_to_with(until, on_release)
    }

    pub fn advance(&mut self, dt: f64) -> usize {
        self.advance_with(dt, &mut |_| {})
    }

    /// Advances the clock to `until` (nothing if it is not later than
    /// now), passing each release to `on_release`; returns how many
    /// releases happened.
    pub fn advance_to_with(&mut self, until: f64, on_release: &mut impl FnMut(Release)) -> usize {
        let before = self.engine.release_count();
        self.recent_len = 0;
        self.run_to(until, true, on_release);
        self.refresh_frame();
        (self.engine.release_count() - before) as usize
    }

    /// Runs until synchrony is reached and held, or until `cap` cycles
    /// (stopping at the first grid time after it is known).
    pub fn run_until_synchrony(&mut self, cap: f64) -> Option<Synchrony> {
        while self.bursts.synchrony().is_none() && self.engine.time() < cap {
            let next = self.next_grid_time().min(cap);
            self.run_to(next, false, &mut |_| {});
        }
        self.refresh_frame();
        self.bursts.synchrony()
    }

    /// Puts the run at moment `t`, in cycles: exactly the state a straight
    /// run from the start reaches at `t` (phases, releases, measures, and
    /// what the charts read), whether `t` is earlier or later than now.
    /// It goes back to the last checkpoint at or before `t` (or one whole
    /// raster window earlier, when the release history must be rebuilt)
    /// and runs on from there, or on from now when that is shorter. No
    /// release of the way there counts as a frame's.
    ///
    /// # Errors
    ///
    /// Refuses a `t` that is not a number, below 0 or later than
    /// [`MAX_MOMENT`], naming the field `t`.
    pub fn seek(&mut self, t: f64) -> Result<(), FieldError> {
        check_moment(t)?;
        let (start, history_kept) = self.seek_start(t);
        if start != self.engine.time() {
            self.restore(start);
        }
        if !history_kept {
            self.history.restart_at(start);
        }
        self.recent_len = 0;
        self.run_to(t, false, &mut |_| {});
        self.refresh_frame();
        Ok(())
    }

    /// Where [`Simulation::seek`] to `t` runs from (now, or a checkpoint),
    /// and whether the release history it has serves there: the cycles to
    /// run are `t` minus that time, for a caller going far in steps.
    pub fn seek_start(&self, t: f64) -> (f64, bool) {
        let now = self.engine.time();
        let checkpoint = self.rewind.at_or_before(t).0;
        // Run on from now, or from the checkpoint when that is nearer.
        let start = if (checkpoint..=t).contains(&now) {
            now
        } else {
            checkpoint
        };
        // The raster's releases of `t` are those since `t - HISTORY_CYCLES`:
        // the history must hold them up to `start`, or start again earlier.
        let window_start = (t - HISTORY_CYCLES).max(0.0);
        if self.history.holds(window_start, start) {
            (start, true)
        } else {
            (self.rewind.at_or_before(window_start).0, false)
        }
    }

    /// Releases `skip..skip + keep` of the run (counted from its start), as
    /// far as now, by running again from the last checkpoint before them;
    /// the run is back at now after. For exports: the releases up to the
    /// moment shown, whatever way the run went there.
    pub fn replay(&mut self, skip: u64, keep: usize) -> Vec<Release> {
        let now = self.engine.time();
        let mut out = Vec::with_capacity(keep.min(1 << 20));
        let from = self.rewind.before_release(skip);
        self.restore(from);
        let mut index = self.engine.release_count();
        while out.len() < keep && self.engine.time() < now {
            let next = self.next_grid_time().min(now);
            self.run_to(next, false, &mut |r| {
                if index >= skip && out.len() < keep {
                    out.push(r);
                }
                index += 1;
            });
        }
        // Back to now: on from here, or from the nearest checkpoint.
        let _ = self.seek(now);
        out
    }

    /// Back to the last checkpoint at or before `time`.
    fn restore(&mut self, time: f64) {
        let (_, state) = self.rewind.at_or_before(time);
        state.restore(
            &mut self.engine,
            &mut self.bursts,
            &mut self.release_counts,
            &mut self.events,
        );
    }

    /// The next time of the sampling grid after now.
    fn next_grid_time(&self) -> f64 {
        let step = self.trace.step();
        (libm::floor(self.engine.time() / step) + 1.0) * step
    }

    /// Runs the clock on to `until`, stopping at each time of the
    /// sampling grid (see [`Simulation::at_grid_time`]); each release is
    /// measured, logged, kept for drawing (`keep`) and passed on.
    fn run_to(&mut self, until: f64, keep: bool, on_release: &mut impl FnMut(Release)) {
        while self.engine.time() < until {
            let grid = self.next_grid_time();
            let stop = grid.min(until);
            let (bursts, counts, history, events) = (
                &mut self.bursts,
                &mut self.release_counts,
                &mut self.history,
                &mut self.events,
            );
            let (firms, causes, times) = (
                &mut self.recent_firms,
                &mut self.recent_causes,
                &mut self.recent_times,
            );
            // The buffers keep their length (JS views never move); the
            // first `recent_len` hold this advance's releases.
            let kept = &mut self.recent_len;
            self.engine.advance_to(stop, &mut |r| {
                let before = bursts.total();
                bursts.record(&r);
                if bursts.total() != before {
                    events.burst(r.time);
                }
                counts[r.firm as usize] += 1;
                history.record(&r);
                events.release(&r);
                if keep && *kept < firms.len() {
                    firms[*kept] = r.firm;
                    causes[*kept] = r.cause.code();
                    times[*kept] = r.time;
                    *kept += 1;
                }
                on_release(r);
            });
            self.bursts.settle(stop);
            if let Some(sync) = self.bursts.synchrony() {
                self.events.synchrony(sync.time, sync.offset);
            }
            if stop == grid {
                self.at_grid_time(stop);
            }
            self.history.reached(stop);
            self.events.reached(stop);
            self.reached = self.reached.max(stop);
        }
    }

    /// At a time of the sampling grid: the rhythms of the cycles that have
    /// run (for the events), r sampled if the trace has not got this time
    /// yet, and a checkpoint if one is due.
    fn at_grid_time(&mut self, time: f64) {
        self.events.rhythms(time);
        if time == self.trace.next_time() {
            let row = self.trace_row();
            self.trace.record(&row);
        }
        if self.rewind.due(time) {
            let (engine, bursts, counts, events) = (
                &self.engine,
                &self.bursts,
                &self.release_counts,
                &self.events,
            );
            self.rewind.take(time, |spare| {
                State::of(engine, bursts, counts, events, spare)
            });
        }
    }

    /// r now, then r of each traced subgroup, in one pass over the firms.
    fn trace_row(&self) -> Vec<f32> {
        let traced = self.trace.groups();
        let mut all = OrderSum::default();
        let mut groups = vec![OrderSum::default(); traced];
        for (i, &g) in self.groups.iter().enumerate() {
            let point = unit_point(self.engine.phase(i as FirmId));
            all.add_point(point);
            if let Some(sum) = groups.get_mut(g as usize) {
                sum.add_point(point);
            }
        }
        std::iter::once(all.r())
            .chain(groups.iter().map(OrderSum::r))
            .map(|r| r as f32)
            .collect()
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

    /// The furthest time the run has been through (going back to an
    /// earlier moment leaves it).
    pub fn reached(&self) -> f64 {
        self.reached
    }

    /// r on the sampling grid up to now: the whole network's, then each
    /// traced subgroup's.
    pub fn trace(&self) -> TraceView<'_> {
        self.trace.at(self.engine.time())
    }

    /// Every event detected, as far as the run has been (not only up to
    /// now), in the order detected.
    pub fn events(&self) -> &[Event] {
        self.events.all()
    }

    /// The firms with a row in the release history, in row order.
    pub fn history_rows(&self) -> &[FirmId] {
        self.history.rows()
    }

    /// The log behind the release history, oldest first: firms, causes
    /// (codes) and times of each release of a firm with a row, over as much
    /// of the run as it keeps (the `history*` channels' part in use).
    pub fn history_log(&self) -> (&[u32], &[u8], &[f64]) {
        let (firms, causes, times) = self.history.buffers();
        let n = self.history.len();
        (&firms[..n], &causes[..n], &times[..n])
    }

    /// The release history of now: (firm, cause code, time) of each release
    /// of a firm with a row in the last [`HISTORY_CYCLES`].
    pub fn history(&self) -> impl Iterator<Item = (u32, u8, f64)> + '_ {
        let (firms, causes, times) = self.history.buffers();
        self.history
            .window(self.engine.time())
            .map(|i| (firms[i], causes[i], times[i]))
    }

    /// Checkpoints kept, and the bytes they and the run's other records
    /// (trace, history, events) hold: bounded whatever the run's length.
    pub fn memory(&self) -> Memory {
        Memory {
            checkpoints: self.rewind.len(),
            checkpoint_bytes: self.rewind.bytes(),
            record_bytes: self.trace.bytes()
                + self.history.bytes()
                + std::mem::size_of_val(self.events.all()),
        }
    }

    /// The state now, to compare with another run's at the same moment.
    pub fn moment(&mut self) -> Moment {
        self.measure();
        let mut phases = Digest::default();
        let mut counts = Digest::default();
        for i in 0..self.firm_count() {
            phases.word(self.engine.phase(i as FirmId).to_bits());
            counts.word(self.release_counts[i].into());
        }
        let readings = READINGS
            .iter()
            .zip(&self.readings)
            .filter(|(r, _)| r.of_moment)
            .map(|(r, &x)| (r.name, Some(x).filter(|x| !x.is_nan())))
            .collect();
        let trace = self.trace();
        let mut digest = Digest::default();
        digest.word(trace.step.to_bits());
        trace
            .values
            .iter()
            .for_each(|x| digest.word(x.to_bits().into()));
        let trace = Summary {
            count: trace.len(),
            digest: digest.hex(),
        };
        let mut digest = Digest::default();
        let mut count = 0;
        for (firm, cause, time) in self.history() {
            digest.word(firm.into());
            digest.word(cause.into());
            digest.word(time.to_bits());
            count += 1;
        }
        let in_step = self.synchrony().is_some();
        Moment {
            time: self.time(),
            phases: phases.hex(),
            release_counts: counts.hex(),
            readings: Readings(readings),
            trace,
            history: Summary {
                count,
                digest: digest.hex(),
            },
            events: self
                .events
                .known_at(self.time(), in_step)
                .copied()
                .collect(),
        }
    }

    /// Every buffer a front end reads in place, with its element type and
    /// length; `readings` holds the last [`Simulation::measure`]. None of
    /// them moves or changes length after construction.
    pub fn channels(&self) -> [Channel<'_>; 16] {
        use Elements::{F32, F64, U8, U32};
        let (offsets, partners) = self.adjacency();
        let (history_firms, history_causes, history_times) = self.history.buffers();
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
            // The release history: the firms with a row, in row order,
            // then the log of their releases (times ascending).
            Channel::new("historyRows", U32(self.history.rows())),
            Channel::new("historyFirms", U32(history_firms)).counted_by("history"),
            Channel::new("historyCauses", U8(history_causes)).counted_by("history"),
            Channel::new("historyTimes", F64(history_times)).counted_by("history"),
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
    Reading::number("recentReleases", |s: &mut Simulation| s.recent_len as f64).of_run(),
    // The furthest time the run has been through, and the events detected
    // as far (new ones to read when it grows).
    Reading::number("reached", |s: &mut Simulation| s.reached).of_run(),
    Reading::number("events", |s: &mut Simulation| s.events.all().len() as f64).of_run(),
    // Releases the history channels hold (the raster shows those of the
    // last cycles before now).
    Reading::number("history", |s: &mut Simulation| s.history.len() as f64).of_run(),
];

/// What a run keeps to go back, and its bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Memory {
    pub checkpoints: usize,
    /// At most [`REWIND_BYTES`] and one more checkpoint's buffers (or the
    /// first and last checkpoints, when one alone is larger).
    pub checkpoint_bytes: usize,
    pub record_bytes: usize,
}

/// A moment a run may be sent to: a number of cycles from 0 to
/// [`MAX_MOMENT`].
pub fn check_moment(t: f64) -> Result<(), FieldError> {
    if t.is_nan() {
        return Err(FieldError::new("t", "not a number of cycles"));
    }
    if !(0.0..=MAX_MOMENT).contains(&t) {
        let reason = format!("{t} is outside 0 to {MAX_MOMENT} cycles");
        return Err(FieldError::new("t", reason));
    }
    Ok(())
}
