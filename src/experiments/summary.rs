//! Runs summarized per point (arm, value, second value): medians with
//! bootstrap intervals, censored runs and the share converged to the
//! coordinators' roadmap. A summary depends on the set of runs only, not
//! their order, so shards merged in any order summarize as the whole.

use super::run::RunResult;
use crate::seeded::{Seeded, Stream};
use serde::Serialize;

/// One point of an experiment, summarized over its seeds.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PointSummary {
    pub arm: usize,
    pub value: f64,
    pub value2: Option<f64>,
    pub runs: usize,
    pub censored: usize,
    /// Mean time to synchrony, censored runs counted at the cap (so a
    /// lower bound when any are censored).
    pub mean_time: f64,
    /// Median, censored runs counted as slower than every synced run;
    /// `None` when at least half are censored.
    pub median_time: Option<f64>,
    /// 95% bootstrap percentile interval of the mean.
    pub interval: (f64, f64),
    /// 95% bootstrap percentile interval of the median; an end is `None`
    /// when the resampled medians there are censored.
    pub median_interval: (Option<f64>, Option<f64>),
    /// Share of runs that converged to the coordinators' roadmap.
    pub converged_share: f64,
}

/// A run as its point keeps it, in 16 bytes (the 20 million runs of a
/// gigabyte of rows fit in a few hundred megabytes).
#[derive(Clone, Copy, Debug)]
pub(super) struct Sample {
    pub seed: u32,
    /// Where the run came from (a line of the files, a run of the plan);
    /// the top bit says whether it was censored.
    place: u32,
    pub time: f64,
}

const CENSORED: u32 = 1 << 31;

impl Sample {
    pub fn new(run: &RunResult, place: u64) -> Sample {
        // Places past 2^31 - 1 are not told apart (no file has so many lines).
        let at = place.min(u64::from(CENSORED - 1)) as u32;
        Sample {
            seed: run.seed,
            place: if run.synced { at } else { at | CENSORED },
            time: run.time,
        }
    }

    pub fn synced(&self) -> bool {
        self.place & CENSORED == 0
    }

    pub fn place(&self) -> u64 {
        u64::from(self.place & !CENSORED)
    }

    /// The time a ranking sees: censored runs are slower than every run
    /// in step.
    pub fn ranked(&self) -> f64 {
        if self.synced() {
            self.time
        } else {
            f64::INFINITY
        }
    }
}

/// One point's summary, from its runs (`converged` of them converged to
/// the roadmap). They are put in seed order first, so the bootstrap sees
/// the same sample whatever order the runs came in.
pub(super) fn point(
    arm: usize,
    value: f64,
    value2: Option<f64>,
    samples: &mut [Sample],
    converged: usize,
) -> PointSummary {
    samples.sort_unstable_by(|a, b| {
        (a.seed.cmp(&b.seed))
            .then(a.time.total_cmp(&b.time))
            .then(a.synced().cmp(&b.synced()))
    });
    let n = samples.len();
    let times: Vec<f64> = samples.iter().map(|s| s.time).collect();
    // Censored runs rank after every synced one: infinitely slow.
    let ranked: Vec<f64> = samples.iter().map(Sample::ranked).collect();
    let finite = |x: f64| x.is_finite().then_some(x);
    let (lo, hi) = bootstrap(&ranked, median_of);
    PointSummary {
        arm,
        value,
        value2,
        runs: n,
        censored: samples.iter().filter(|s| !s.synced()).count(),
        mean_time: times.iter().sum::<f64>() / n as f64,
        median_time: finite(median_of(&mut ranked.clone())),
        interval: bootstrap(&times, mean_of),
        median_interval: (finite(lo), finite(hi)),
        converged_share: converged as f64 / n as f64,
    }
}

const RESAMPLES: usize = 2000;

/// 95% percentile bootstrap interval of `statistic`, seeded by the sample
/// size so a summary is the same every time.
fn bootstrap(sample: &[f64], statistic: fn(&mut [f64]) -> f64) -> (f64, f64) {
    let n = sample.len();
    let mut rng = Seeded::new(n as u32, Stream::Bootstrap);
    let mut resample = vec![0.0; n];
    let mut stats: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            resample.iter_mut().for_each(|x| *x = sample[rng.below(n)]);
            statistic(&mut resample)
        })
        .collect();
    stats.sort_by(f64::total_cmp);
    (
        stats[RESAMPLES * 25 / 1000],
        stats[RESAMPLES * 975 / 1000 - 1],
    )
}

fn mean_of(xs: &mut [f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The upper median (the middle one of an odd count).
fn median_of(xs: &mut [f64]) -> f64 {
    let mid = xs.len() / 2;
    *xs.select_nth_unstable_by(mid, f64::total_cmp).1
}
