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
/// the roadmap). They are put in an order of their own first (seed order,
/// or past [`SAMPLE`] runs ranked order), so the bootstrap sees the same
/// sample whatever order the runs came in.
pub(super) fn point(
    arm: usize,
    value: f64,
    value2: Option<f64>,
    samples: &mut [Sample],
    converged: usize,
) -> PointSummary {
    let n = samples.len();
    let finite = |x: f64| x.is_finite().then_some(x);
    let (mean, interval, median, (lo, hi)) = if n <= SAMPLE {
        samples.sort_unstable_by(|a, b| {
            (a.seed.cmp(&b.seed))
                .then(a.time.total_cmp(&b.time))
                .then(a.synced().cmp(&b.synced()))
        });
        let times: Vec<f64> = samples.iter().map(|s| s.time).collect();
        let ranked: Vec<f64> = samples.iter().map(Sample::ranked).collect();
        let median = median_of(&mut ranked.clone());
        let mean = mean_of(&mut times.clone());
        (
            mean,
            bootstrap(&times, mean_of),
            median,
            bootstrap(&ranked, median_of),
        )
    } else {
        // One sort serves all: ranked (censored last), then by seed.
        samples.sort_unstable_by(|a, b| {
            (a.ranked().total_cmp(&b.ranked()))
                .then(a.time.total_cmp(&b.time))
                .then(a.seed.cmp(&b.seed))
        });
        let mean = samples.iter().map(|s| s.time).sum::<f64>() / n as f64;
        let interval = sampled_mean_interval(samples, mean);
        (
            mean,
            interval,
            samples[n / 2].ranked(),
            median_interval(samples),
        )
    };
    PointSummary {
        arm,
        value,
        value2,
        runs: n,
        censored: samples.iter().filter(|s| !s.synced()).count(),
        mean_time: mean,
        median_time: finite(median),
        interval,
        median_interval: (finite(lo), finite(hi)),
        converged_share: converged as f64 / n as f64,
    }
}

const RESAMPLES: usize = 2000;

/// The most runs of a point the bootstrap resamples: past it, each
/// resample of the mean draws this many, and the median's are drawn from
/// their exact distribution, so a summary's cost stops growing with its
/// runs (see [`sampled_mean_interval`] and [`median_interval`]).
pub const SAMPLE: usize = 2000;

/// The two percentiles of the sorted resampled statistics.
fn percentiles(stats: &mut [f64]) -> (f64, f64) {
    stats.sort_by(f64::total_cmp);
    (
        stats[RESAMPLES * 25 / 1000],
        stats[RESAMPLES * 975 / 1000 - 1],
    )
}

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
    percentiles(&mut stats)
}

/// The mean's interval of more than [`SAMPLE`] runs (in ranked order) of
/// mean `mean`: each resample draws [`SAMPLE`] of them, and its mean's
/// distance from `mean` shrinks by `sqrt(SAMPLE / n)`, as a mean of `n`
/// draws would (an m-out-of-n bootstrap). The width is the full
/// bootstrap's; the skew is that of `SAMPLE` draws, a little more than of
/// `n`.
fn sampled_mean_interval(samples: &[Sample], mean: f64) -> (f64, f64) {
    let n = samples.len();
    let mut rng = Seeded::new(n as u32, Stream::Bootstrap);
    let shrink = (SAMPLE as f64 / n as f64).sqrt();
    // No input holds 2^32 runs of one point.
    let mut draws = rng.below_many(n.min(u32::MAX as usize) as u32);
    let mut stats: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let sum: f64 = draws.by_ref().take(SAMPLE).map(|i| samples[i].time).sum();
            mean + (sum / SAMPLE as f64 - mean) * shrink
        })
        .collect();
    percentiles(&mut stats)
}

/// The median's interval of runs in ranked order: a resample's upper
/// median is the `k`-th smallest of `n` draws (`k = n / 2 + 1`), whose
/// place among the ranked runs is `n` times the `k`-th smallest of `n`
/// uniform draws, a Beta(k, n + 1 - k) draw. So each resampled median is
/// drawn from exactly the distribution the full bootstrap's has, at a
/// cost that does not grow with `n`.
fn median_interval(ranked: &[Sample]) -> (f64, f64) {
    let n = ranked.len();
    let mut rng = Seeded::new(n as u32, Stream::Bootstrap);
    let k = (n / 2 + 1) as f64;
    let mut stats: Vec<f64> = (0..RESAMPLES)
        .map(|_| {
            let u = rng.beta(k, n as f64 + 1.0 - k);
            ranked[((u * n as f64) as usize).min(n - 1)].ranked()
        })
        .collect();
    percentiles(&mut stats)
}

fn mean_of(xs: &mut [f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// The upper median (the middle one of an odd count).
fn median_of(xs: &mut [f64]) -> f64 {
    let mid = xs.len() / 2;
    *xs.select_nth_unstable_by(mid, f64::total_cmp).1
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `n` runs of a skewed time (a sixth of them censored at 300), seeds
    /// in order.
    fn runs(n: usize) -> Vec<RunResult> {
        let mut rng = Seeded::new(7, Stream::Phases);
        (0..n)
            .map(|seed| {
                let time = 2.0 * libm::exp(1.2 * rng.normal());
                let synced = time < 300.0 && rng.below(6) > 0;
                RunResult {
                    arm: 0,
                    value: 0.05,
                    value2: None,
                    seed: seed as u32,
                    synced,
                    time: if synced { time } else { 300.0 },
                    offset: None,
                    converged: false,
                    final_bursts: 1,
                }
            })
            .collect()
    }

    #[test]
    fn past_the_sample_the_intervals_stay_the_plain_bootstraps() {
        for n in [SAMPLE + 1, 5 * SAMPLE, 25 * SAMPLE] {
            let runs = runs(n);
            let mut samples: Vec<Sample> = runs.iter().map(|r| Sample::new(r, 0)).collect();
            let s = point(0, 0.05, None, &mut samples, 0);
            // The plain bootstrap: every run resampled, 2000 times.
            let times: Vec<f64> = runs.iter().map(|r| r.time).collect();
            let ranked: Vec<f64> = samples.iter().map(Sample::ranked).collect();
            let mean = bootstrap(&times, mean_of);
            let median = bootstrap(&ranked, median_of);
            let (lo, hi) = s.median_interval;
            let (lo, hi) = (lo.unwrap(), hi.unwrap());
            // Each end within a fifth of the plain interval's half-width (the
            // plain bootstrap's own spread from one random stream to another
            // is of that order).
            let near = |a: f64, b: f64, (l, h): (f64, f64)| {
                (a - l).abs().max((b - h).abs()) < (h - l) / 10.0
            };
            assert!(
                near(s.interval.0, s.interval.1, mean),
                "{n}: mean {:?} against {mean:?}",
                s.interval
            );
            assert!(
                near(lo, hi, median),
                "{n}: median {lo} to {hi} against {median:?}"
            );
            assert_eq!(s.median_time, Some(median_of(&mut ranked.clone())));
        }
    }

    #[test]
    fn a_censored_median_stays_censored_past_the_sample() {
        let mut samples: Vec<Sample> = runs(3 * SAMPLE)
            .iter()
            .enumerate()
            .map(|(k, r)| {
                let censored = RunResult {
                    synced: k % 3 == 0,
                    ..r.clone()
                };
                Sample::new(&censored, 0)
            })
            .collect();
        let s = point(0, 0.05, None, &mut samples, 0);
        assert_eq!((s.runs, s.censored), (3 * SAMPLE, 2 * SAMPLE));
        assert_eq!((s.median_time, s.median_interval), (None, (None, None)));
    }
}
