//! One run of an experiment: a scenario with the swept value set, run
//! until synchrony or the cap, and its row.

use crate::error::FieldError;
use crate::model::engine::Engine;
use crate::model::measures::Bursts;
use crate::model::measures::{CONVERGED_OFFSET, Synchrony};
use crate::scenario::Scenario;
use crate::scenario::check::Checked;
use crate::scenario::params::{self, Kind, Slot};
use crate::simulation::run_until_synchrony;
use serde::{Deserialize, Serialize};

/// One run of an ensemble.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RunResult {
    /// The arm it ran in (0 when the experiment has one).
    #[serde(default)]
    pub arm: usize,
    pub value: f64,
    /// The second swept value, in a two-way grid.
    #[serde(default)]
    pub value2: Option<f64>,
    pub seed: u32,
    pub synced: bool,
    /// Time to synchrony in cycles; the cap when censored.
    pub time: f64,
    /// Offset from the coordinators' roadmap (cycles), once synchronized.
    pub offset: Option<f64>,
    pub converged: bool,
    /// Release bursts in the last cycle of the run (rhythms alive).
    pub final_bursts: usize,
}

/// Longest run cap, in cycles. A run costs about a microsecond per cycle per
/// firm (the default scenario's 60 firms: a minute per million cycles; a
/// thousand firms: 20 minutes), so a longer cap is a run that never ends.
pub const MAX_CAP: f64 = 1_000_000.0;

/// The cap of an experiment that states none (a link without `x.cap`, the
/// page's own experiment), and of most ready ones: long enough for the
/// default scenarios' runs to get in step.
pub const DEFAULT_CAP: f64 = 300.0;

/// Most runs of one [`super::run_all`]: their results are held in memory until
/// all are done (about 60 bytes each, and as much again as CSV rows). A
/// bigger sweep is split into shards ([`super::Plan::shard`]), each its own job.
pub const MAX_RUNS: u64 = 1_000_000;

/// Sets a parameter by its path in the table, such as `eps` or
/// `network.meanDegree`, and checks the result.
pub fn with_parameter(base: &Scenario, path: &str, value: f64) -> Result<Checked, FieldError> {
    let bad = |reason: String| FieldError::new(path, reason);
    let param = params::find(path)
        .ok_or_else(|| bad("not a parameter (lockstep params lists them)".into()))?;
    if !value.is_finite() {
        return Err(bad(format!("{value} is not a finite number")));
    }
    let kind = base.network.kind();
    if !param.applies_to(kind) {
        return Err(bad(format!("not a parameter of the network kind {kind}")));
    }
    // Past 2^53 a float no longer names one whole number (and past
    // u64::MAX it would be cut to it): out of every whole range, as is
    // one too wide for its field (a seed, or a count in 32-bit wasm).
    let too_big = || bad(format!("{value:e} is outside {}", param.range_text()));
    let mut scenario = base.clone();
    match (param.kind, scenario.slot(path)) {
        (Kind::Whole, _) if value.fract() != 0.0 || value < 0.0 => {
            return Err(bad(format!("{value} is not a whole number")));
        }
        (Kind::Whole, _) if value > MAX_WHOLE => return Err(too_big()),
        (Kind::Whole, Some(Slot::Whole(n))) => {
            *n = usize::try_from(value as u64).map_err(|_| too_big())?
        }
        (Kind::Whole, Some(Slot::Seed(n))) => {
            *n = u32::try_from(value as u64).map_err(|_| too_big())?
        }
        (Kind::Number, Some(Slot::Number(x))) => *x = value,
        (Kind::Flag, Some(Slot::Flag(b))) => *b = value != 0.0,
        (Kind::Choice(_) | Kind::Firms, _) => {
            return Err(bad("cannot sweep a parameter that is not a number".into()));
        }
        _ => return Err(bad(format!("not a parameter of the network kind {kind}"))),
    }
    scenario.check()
}

/// 2^53: every whole number up to it is a float.
const MAX_WHOLE: f64 = 9_007_199_254_740_992.0;

/// Refuses a cap that is not a number of cycles in (0, [`MAX_CAP`]].
pub fn check_cap(cap: f64) -> Result<(), FieldError> {
    let reason = if cap.is_nan() || cap.is_infinite() {
        format!("{cap} is not a finite number of cycles")
    } else if cap <= 0.0 {
        format!("{cap} is not a positive number of cycles")
    } else if cap > MAX_CAP {
        let shown = if cap < 1e16 {
            cap.to_string()
        } else {
            format!("{cap:e}")
        };
        format!(
            "{shown} is more than the limit of {MAX_CAP} cycles (a run takes about a \
             microsecond per cycle per firm: a longer cap could run for hours or days)"
        )
    } else {
        return Ok(());
    };
    Err(FieldError::new("cap", reason))
}

/// Runs `scenario` until synchrony or `cap` cycles. Times and offsets are
/// kept to the 6 decimals a CSV row holds, so rows read back from a file
/// summarize exactly as the runs did.
pub fn run_one(scenario: &Checked, value: f64, cap: f64) -> Result<RunResult, FieldError> {
    check_cap(cap)?;
    // The engine and its bursts alone: a run needs no frames, layout or
    // network statistics (the page's Simulation computes those).
    let built = scenario.build()?;
    let firms = built.setup.network.firm_count();
    let mut engine = Engine::new(built.setup);
    let mut bursts = Bursts::new(firms, scenario.delta, built.roadmap);
    let sync: Option<Synchrony> = run_until_synchrony(&mut engine, &mut bursts, cap);
    Ok(RunResult {
        arm: 0,
        value,
        value2: None,
        seed: scenario.seed,
        synced: sync.is_some(),
        time: six_decimals(sync.map_or(cap, |s| s.time)),
        offset: sync.map(|s| six_decimals(s.offset)),
        converged: sync.is_some_and(|s| s.offset <= CONVERGED_OFFSET),
        final_bursts: bursts.in_last_cycle(engine.time()),
    })
}

/// `x` as a CSV row writes it and reads it back.
fn six_decimals(x: f64) -> f64 {
    format!("{x:.6}").parse().unwrap_or(x)
}

/// Refuses to sweep the seed: each run's seed is the plan's, and would
/// silently replace the swept one.
pub(super) fn sweepable(path: &str) -> Result<(), FieldError> {
    if path == "seed" {
        let reason = "a sweep sets each run's seed from its seed list; sweep another \
                      parameter, and choose the seeds with the list";
        return Err(FieldError::new(path, reason));
    }
    Ok(())
}

/// The columns every run row ends with.
pub const RUN_COLUMNS: &str = "seed,synced,time,offset,converged,final_bursts";

/// The CSV header of a one-arm, one-way sweep.
pub const CSV_HEADER: &str = "value,seed,synced,time,offset,converged,final_bursts";

/// A run of a one-arm, one-way sweep as a CSV row.
pub fn csv_row(r: &RunResult) -> String {
    format!("{},{}", r.value, run_columns(r))
}

/// A run's own columns ([`RUN_COLUMNS`]).
pub(super) fn run_columns(r: &RunResult) -> String {
    let offset = r.offset.map_or(String::new(), |o| format!("{o:.6}"));
    format!(
        "{},{},{:.6},{},{},{}",
        r.seed, r.synced, r.time, offset, r.converged, r.final_bursts
    )
}

/// A CSV field, quoted when it holds a comma, quote or line break.
pub(super) fn csv_text(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}
