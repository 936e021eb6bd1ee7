//! Runs summarized as they come: each run goes into an [`Ensemble`] once,
//! in any order, and lands in its point (arm, value, second value), which
//! keeps what its summary needs. A point is summarized again only when a
//! run was added to it. The page adds its Workers' batches as they finish;
//! `lockstep summarize` streams the rows of its files into one.

use super::run::RunResult;
use super::summary::{self, PointSummary, Sample};
use std::collections::HashMap;

/// Summaries per point: arms in the order they first appear in `runs`,
/// then values and second values ascending. Values equal as numbers share
/// a point (0 and -0 too); NaN values share one.
pub fn summarize(runs: &[RunResult]) -> Vec<PointSummary> {
    Ensemble::of(runs).summaries()
}

/// A point's key: values equal as numbers share one (0 and -0 too), and
/// every NaN shares one.
type Key = (usize, u64, Option<u64>);

fn bits(v: f64) -> u64 {
    match v {
        0.0 => 0,
        v if v.is_nan() => f64::NAN.to_bits(),
        v => v.to_bits(),
    }
}

struct Point {
    arm: usize,
    /// The value and second value as the point's first run in seed order
    /// writes them (`-0` or `0`).
    value: f64,
    value2: Option<f64>,
    first: (u32, f64),
    samples: Vec<Sample>,
    converged: usize,
    /// The summary, until a run is added.
    summary: Option<PointSummary>,
}

/// Runs grouped by point, each added once, summarized on demand; the
/// summaries depend on the set of runs, not on the order they came in.
#[derive(Default)]
pub struct Ensemble {
    /// Arms in the order their first run came.
    arms: Vec<usize>,
    index: HashMap<Key, usize>,
    points: Vec<Point>,
    runs: u64,
}

/// A run given twice: the point's arm, value and the seed, and the places
/// of its first two copies.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Twice {
    pub arm: usize,
    pub value: f64,
    pub seed: u32,
    pub first: u64,
    pub second: u64,
}

impl Ensemble {
    pub fn new() -> Ensemble {
        Ensemble::default()
    }

    /// An ensemble of an experiment's `arms` arms: its summaries list
    /// them in the experiment's order, whichever run comes first.
    pub fn of_arms(arms: usize) -> Ensemble {
        Ensemble {
            arms: (0..arms).collect(),
            ..Ensemble::default()
        }
    }

    /// The runs of a slice, each placed at its index.
    pub fn of(runs: &[RunResult]) -> Ensemble {
        let mut ensemble = Ensemble::new();
        for (k, r) in runs.iter().enumerate() {
            ensemble.add(r, k as u64);
        }
        ensemble
    }

    /// Adds one run; `place` says where it came from, for [`Ensemble::twice`].
    pub fn add(&mut self, run: &RunResult, place: u64) {
        if !self.arms.contains(&run.arm) {
            self.arms.push(run.arm);
        }
        let key = (run.arm, bits(run.value), run.value2.map(bits));
        let i = *self.index.entry(key).or_insert_with(|| {
            self.points.push(Point {
                arm: run.arm,
                value: run.value,
                value2: run.value2,
                first: (run.seed, run.time),
                samples: Vec::new(),
                converged: 0,
                summary: None,
            });
            self.points.len() - 1
        });
        let point = &mut self.points[i];
        let first = point.first;
        if run.seed < first.0 || (run.seed == first.0 && run.time.total_cmp(&first.1).is_lt()) {
            (point.value, point.value2) = (run.value, run.value2);
            point.first = (run.seed, run.time);
        }
        point.samples.push(Sample::new(run, place));
        point.converged += usize::from(run.converged);
        point.summary = None;
        self.runs += 1;
    }

    /// How many runs were added.
    pub fn len(&self) -> u64 {
        self.runs
    }

    pub fn is_empty(&self) -> bool {
        self.runs == 0
    }

    /// Summaries per point: arms in the order their first run came, then
    /// values and second values ascending. Only points that changed since
    /// the last call are summarized again.
    pub fn summaries(&mut self) -> Vec<PointSummary> {
        let mut out: Vec<PointSummary> = self
            .points
            .iter_mut()
            .map(|p| {
                p.summary
                    .get_or_insert_with(|| {
                        summary::point(p.arm, p.value, p.value2, &mut p.samples, p.converged)
                    })
                    .clone()
            })
            .collect();
        let arms = &self.arms;
        let arm_order = |arm: usize| arms.iter().position(|&a| a == arm);
        out.sort_by(|a, b| {
            arm_order(a.arm)
                .cmp(&arm_order(b.arm))
                .then(a.value.total_cmp(&b.value))
                .then(a.value2.unwrap_or(0.0).total_cmp(&b.value2.unwrap_or(0.0)))
        });
        out
    }

    /// The ranked times (censored runs infinite) of arm `arm`'s runs at
    /// value `at`, every second value together, ascending.
    pub fn ranked_at(&self, arm: usize, at: f64) -> Vec<f64> {
        let mut times: Vec<f64> = self
            .points
            .iter()
            .filter(|p| p.arm == arm && p.value == at)
            .flat_map(|p| p.samples.iter().map(Sample::ranked))
            .collect();
        times.sort_by(f64::total_cmp);
        times
    }

    /// The first run given twice (the one whose second copy has the
    /// earliest place), if any.
    pub fn twice(&mut self) -> Option<Twice> {
        let mut found: Option<Twice> = None;
        for p in &mut self.points {
            p.samples.sort_unstable_by_key(|s| (s.seed, s.place()));
            let s = &p.samples;
            for k in 1..s.len() {
                // The first two copies of a seed: `k - 1` is its first.
                let first_copy = k < 2 || s[k - 2].seed != s[k - 1].seed;
                let earlier = found.is_none_or(|t| s[k].place() < t.second);
                if s[k].seed == s[k - 1].seed && first_copy && earlier {
                    found = Some(Twice {
                        arm: p.arm,
                        value: p.value,
                        seed: s[k].seed,
                        first: s[k - 1].place(),
                        second: s[k].place(),
                    });
                }
            }
        }
        found
    }

    /// Numbers the arms anew (arm `i` becomes `to[i]`), their order then
    /// ascending: rows number arms as their labels come, an experiment as
    /// it lists them.
    pub fn renumber_arms(&mut self, to: &[usize]) {
        let at = |arm: usize| to.get(arm).copied().unwrap_or(arm);
        self.index = self
            .index
            .drain()
            .map(|((arm, v, v2), i)| ((at(arm), v, v2), i))
            .collect();
        for p in &mut self.points {
            p.arm = at(p.arm);
            p.summary = None;
        }
        self.arms = self.arms.iter().map(|&a| at(a)).collect();
        self.arms.sort_unstable();
    }

    /// Every run as (arm, value, second value, seed, place), point by
    /// point, for checks against an experiment.
    pub fn runs(&self) -> impl Iterator<Item = (usize, f64, Option<f64>, u32, u64)> + '_ {
        self.points.iter().flat_map(|p| {
            p.samples
                .iter()
                .map(move |s| (p.arm, p.value, p.value2, s.seed, s.place()))
        })
    }
}
