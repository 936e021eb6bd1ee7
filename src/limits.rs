//! Every limit the page states, in one place, for the binding and the CLI.

use crate::experiments::{DEFAULT_CAP, MAX_CAP, MAX_VALUES};
use crate::layout::QUICK_FORCE_LIMIT;
use crate::model::measures::CONVERGED_OFFSET;
use crate::network::csv::MAX_CSV_BYTES;
use crate::network::{MAX_FIRMS, MAX_TIES};
use crate::scenario::params::MAX_COORDINATORS;
use crate::scenario::size::{PAGE_FIRMS, PAGE_TIES};
use crate::share::link::MAX_LINK;
use crate::share::{MAX_FILE_BYTES, MAX_LABEL, SPEEDS};
use crate::simulation::{MAX_MOMENT, REWIND_BYTES};

/// Most runs of one experiment on the page: at a few milliseconds a run,
/// minutes of a laptop's cores; more belongs on the command line, sharded.
pub const PAGE_RUNS: u64 = 200_000;
use serde::Serialize;

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Limits {
    pub link_bytes: usize,
    pub firms: usize,
    pub ties: usize,
    pub page_firms: usize,
    pub page_ties: usize,
    pub csv_bytes: usize,
    pub file_bytes: usize,
    /// Slowest and fastest clock, cycles a second.
    pub speed: (f64, f64),
    /// Largest seed.
    pub seed: u32,
    pub coordinators: usize,
    /// Most runs of one experiment on the page (the command line shards more).
    pub page_runs: u64,
    /// Longest cap of a run, in cycles.
    pub cap: f64,
    /// An experiment's cap when none is given, in cycles.
    pub default_cap: f64,
    /// Most values on one axis of an experiment.
    pub axis_values: usize,
    /// Offset from the roadmap (cycles) within which a run converged to it.
    pub converged_offset: f64,
    /// Longest pane label, in characters.
    pub label_chars: usize,
    /// Most firms the core lays out by forces itself, at once; a larger
    /// network's layout is pending, for a Worker to compute.
    pub quick_layout_firms: usize,
    /// The latest moment a run may be sent to (a link's `t=`), cycles.
    pub moment: f64,
    /// Bytes of checkpoints a run keeps to go back, at most (per pane).
    pub rewind_bytes: usize,
}

pub const LIMITS: Limits = Limits {
    link_bytes: MAX_LINK,
    firms: MAX_FIRMS,
    ties: MAX_TIES,
    page_firms: PAGE_FIRMS,
    page_ties: PAGE_TIES,
    csv_bytes: MAX_CSV_BYTES,
    file_bytes: MAX_FILE_BYTES,
    speed: SPEEDS,
    seed: u32::MAX,
    coordinators: MAX_COORDINATORS,
    page_runs: PAGE_RUNS,
    cap: MAX_CAP,
    default_cap: DEFAULT_CAP,
    axis_values: MAX_VALUES,
    converged_offset: CONVERGED_OFFSET,
    label_chars: MAX_LABEL,
    quick_layout_firms: QUICK_FORCE_LIMIT,
    moment: MAX_MOMENT,
    rewind_bytes: REWIND_BYTES,
};
