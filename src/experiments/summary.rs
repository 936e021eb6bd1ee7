//! Runs summarized per point (arm, value, second value): medians with
//! bootstrap intervals, censored runs and the share converged to the
//! coordinators' roadmap. A summary depends on the set of runs only, not
//! their order, so shards merged in any order summarize as the whole.

use super::run::RunResult;
use crate::seeded::{Seeded, Stream};
use serde::Serialize;
use std::collections::HashMap;

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

/// Summaries per point: arms in the order they first appear in `runs`,
/// then values and second values ascending. Values equal as numbers share
/// a point (0 and -0 too); NaN values share one.
pub fn summarize(runs: &[RunResult]) -> Vec<PointSummary> {
    let key = |v: f64| match v {
        0.0 => 0,
        v if v.is_nan() => f64::NAN.to_bits(),
        v => v.to_bits(),
    };
    let mut arms: Vec<usize> = Vec::new();
    let mut index: HashMap<(usize, u64, Option<u64>), usize> = HashMap::new();
    let mut groups: Vec<Vec<&RunResult>> = Vec::new();
    for r in runs {
        if !arms.contains(&r.arm) {
            arms.push(r.arm);
        }
        let k = (r.arm, key(r.value), r.value2.map(key));
        let i = *index.entry(k).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        groups[i].push(r);
    }
    let mut summaries: Vec<PointSummary> = groups.iter_mut().map(|g| point(g)).collect();
    let arm_order = |arm: usize| arms.iter().position(|&a| a == arm);
    summaries.sort_by(|a, b| {
        arm_order(a.arm)
            .cmp(&arm_order(b.arm))
            .then(a.value.total_cmp(&b.value))
            .then(a.value2.unwrap_or(0.0).total_cmp(&b.value2.unwrap_or(0.0)))
    });
    summaries
}

/// One point's summary; its runs are put in seed order first, so the
/// bootstrap sees the same sample whatever order the runs came in.
fn point(group: &mut [&RunResult]) -> PointSummary {
    group.sort_by(|a, b| a.seed.cmp(&b.seed).then(a.time.total_cmp(&b.time)));
    let n = group.len();
    let times: Vec<f64> = group.iter().map(|r| r.time).collect();
    // Censored runs rank after every synced one: infinitely slow.
    let ranked: Vec<f64> = group
        .iter()
        .map(|r| if r.synced { r.time } else { f64::INFINITY })
        .collect();
    let finite = |x: f64| x.is_finite().then_some(x);
    let (lo, hi) = bootstrap(&ranked, median_of);
    let first = group[0];
    PointSummary {
        arm: first.arm,
        value: first.value,
        value2: first.value2,
        runs: n,
        censored: group.iter().filter(|r| !r.synced).count(),
        mean_time: times.iter().sum::<f64>() / n as f64,
        median_time: finite(median_of(&mut ranked.clone())),
        interval: bootstrap(&times, mean_of),
        median_interval: (finite(lo), finite(hi)),
        converged_share: group.iter().filter(|r| r.converged).count() as f64 / n as f64,
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
