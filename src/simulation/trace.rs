//! The order parameter over time, for the charts: r of the whole network
//! and of its first subgroups, sampled on a fixed grid of cycle times as
//! the run advances. The grid is the same on every run of a scenario
//! (whatever the frames), so a chart drawn after seeking to a moment is the
//! chart a straight run to it draws.
//!
//! Bounded: a level holds at most [`TRACE_POINTS`] samples. When the finest
//! level fills, a level at twice its step starts from its every other
//! sample, and so on: a run of `t` cycles keeps about `log2(t)` levels. The
//! samples up to `t` are those of the finest level that holds them all; the
//! levels only grow, so going back to an earlier moment drops nothing.

/// Samples a level holds (a chart is a few hundred pixels wide).
pub const TRACE_POINTS: usize = 2048;
/// Subgroups whose r is traced (the page's slider stops at 12 subgroups).
pub const TRACED_GROUPS: usize = 12;
/// The finest step, cycles: a power of two, so that every sample time is
/// exact and the grids of two panes nest.
const FINEST: f64 = 1.0 / 64.0;
/// The coarsest: four samples a cycle, however large the network.
const COARSEST: f64 = 1.0 / 4.0;
/// Phases read for sampling per cycle of simulated time, at most (each a
/// sine and a cosine, about 30 ns), down to the coarsest step: about a
/// millisecond a cycle, less than the engine's own work at 2,000 firms.
const PHASES_PER_CYCLE: f64 = (1u64 << 15) as f64;

/// The grid step for `firms` firms: the finest power-of-two multiple of
/// `FINEST` within the sampling budget, and no coarser than `COARSEST`
/// (60 firms: 64 samples a cycle; 2,000: 16; 5,000 and more: 4).
pub fn sample_step(firms: usize) -> f64 {
    let mut step = FINEST;
    while firms as f64 / step > PHASES_PER_CYCLE && step < COARSEST {
        step *= 2.0;
    }
    step
}

#[derive(Debug)]
pub struct Trace {
    step: f64,
    /// Values a sample holds: r, then r of each traced subgroup.
    series: usize,
    /// Level k: a sample every `step * 2^k`, row after row.
    levels: Vec<Vec<f32>>,
    /// Samples taken on the finest grid: the next is at `taken * step`.
    taken: u64,
}

/// The samples up to a moment: sample `i` is at `i * step` cycles, its
/// values `values[i * series..(i + 1) * series]`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TraceView<'a> {
    pub step: f64,
    pub series: usize,
    pub values: &'a [f32],
}

impl TraceView<'_> {
    pub fn len(&self) -> usize {
        self.values.len() / self.series
    }

    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
}

impl Trace {
    /// A trace of `firms` firms in `groups` subgroups.
    pub fn new(firms: usize, groups: usize) -> Trace {
        let traced = if groups < 2 {
            0
        } else {
            groups.min(TRACED_GROUPS)
        };
        Trace {
            step: sample_step(firms),
            series: 1 + traced,
            levels: vec![Vec::new()],
            taken: 0,
        }
    }

    /// The finest grid's step, cycles.
    pub fn step(&self) -> f64 {
        self.step
    }

    /// Subgroups traced (0 without subgroups).
    pub fn groups(&self) -> usize {
        self.series - 1
    }

    /// When the next sample is due: the grid time after the last taken.
    pub fn next_time(&self) -> f64 {
        self.taken as f64 * self.step
    }

    /// Records the sample due at [`Trace::next_time`]: r, then r of each
    /// traced subgroup.
    pub fn record(&mut self, row: &[f32]) {
        debug_assert_eq!(row.len(), self.series);
        let i = self.taken;
        self.taken += 1;
        let top = self.levels.len() - 1;
        if !i.is_multiple_of(1 << top) {
            return;
        }
        let level = &mut self.levels[top];
        level.extend_from_slice(row);
        if level.len() == TRACE_POINTS * self.series {
            // Full: the next level starts from its every other sample.
            let evens: Vec<f32> = level
                .chunks(2 * self.series)
                .flat_map(|pair| pair[..self.series].iter().copied())
                .collect();
            self.levels.push(evens);
        }
    }

    /// The samples at grid times up to `t` (no later than the last taken):
    /// those of the finest level that holds them all.
    pub fn at(&self, t: f64) -> TraceView<'_> {
        let finest = if t < 0.0 {
            0
        } else {
            (libm::floor(t / self.step) as u64 + 1).min(self.taken)
        };
        let (mut k, mut count) = (0, finest);
        // Level k holds a sample every 2^k finest ones, up to its limit.
        while count > TRACE_POINTS as u64 && k + 1 < self.levels.len() {
            k += 1;
            count = finest.div_ceil(1 << k);
        }
        let end = (count as usize * self.series).min(self.levels[k].len());
        TraceView {
            step: self.step * (1u64 << k) as f64,
            series: self.series,
            values: &self.levels[k][..end],
        }
    }

    /// Bytes its levels hold.
    pub fn bytes(&self) -> usize {
        self.levels.iter().map(|l| l.capacity() * 4).sum()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn filled(samples: u64) -> Trace {
        let mut trace = Trace::new(10, 1);
        for i in 0..samples {
            trace.record(&[i as f32]);
        }
        trace
    }

    #[test]
    fn a_moment_sees_its_own_samples_on_the_finest_level_that_holds_them() {
        let trace = filled(5000);
        let early = trace.at(10.0 * trace.step());
        assert_eq!(
            early.values,
            &[0.0f32, 1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0, 8.0, 9.0, 10.0]
        );
        // 3,001 samples: too many for the finest level, so every other one.
        let later = trace.at(3000.0 * trace.step());
        assert_eq!(later.step, 2.0 * trace.step());
        assert_eq!(later.len(), 1501);
        assert_eq!(later.values[1500], 3000.0);
        // 5,000 samples: every fourth.
        let last = trace.at(4999.0 * trace.step());
        assert_eq!(last.step, 4.0 * trace.step());
        assert_eq!(last.values.last(), Some(&4996.0));
    }

    #[test]
    fn the_samples_up_to_a_moment_do_not_depend_on_how_far_the_run_went() {
        let long = filled(20_000);
        for n in [1, 2, 2047, 2048, 2049, 4095, 4096, 4097, 9000, 20_000] {
            let t = (n - 1) as f64 * long.step();
            assert_eq!(long.at(t), filled(n).at(t), "{n} samples");
        }
    }

    #[test]
    fn levels_grow_with_the_log_of_the_run() {
        let trace = filled(1 << 20);
        assert!(trace.levels.len() <= 11, "{} levels", trace.levels.len());
        assert!(trace.bytes() <= 11 * TRACE_POINTS * 4 * 2);
    }
}
