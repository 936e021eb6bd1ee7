//! Checkpoints of a run's whole state, to go back to any moment: restore
//! the last checkpoint at or before it and run on from there (the engine is
//! exact, so the moment reached is the one a straight run reaches).
//!
//! Memory is bounded in bytes: at most [`REWIND_BYTES`] of checkpoints per
//! run (and no more than [`MAX_CHECKPOINTS`]; the first, at time 0, and the
//! last are kept whatever their size), and the buffers of one more, kept
//! for the next checkpoint. A checkpoint is taken every [`CHECKPOINT_CYCLES`] as
//! the run first goes through new time; when the budget is full, one is
//! dropped: the one whose gap, once merged with the next, is smallest
//! relative to its age, where an age under [`EVEN_CYCLES`] counts as that.
//! So the last hundred cycles keep evenly spaced checkpoints, and older
//! ones thin out as they age: going back `a` cycles costs a run of about
//! a fixed share of `a` at worst.

/// Bytes of checkpoints a run keeps at most (per pane on the page).
pub const REWIND_BYTES: usize = 32 << 20;
/// Checkpoints a run keeps at most, however small (a small network runs a
/// cycle in microseconds: more would only take memory).
pub const MAX_CHECKPOINTS: usize = 1024;
/// Cycles between checkpoints as a run first goes through time.
pub const CHECKPOINT_CYCLES: f64 = 1.0;
/// Checkpoints this recent are kept evenly spaced.
pub const EVEN_CYCLES: f64 = 100.0;

/// A run's state, saved and restored in place.
pub trait Saved {
    fn bytes(&self) -> usize;
}

/// A state that knows the releases so far.
pub trait Counted {
    fn releases(&self) -> u64;
}

#[derive(Debug)]
pub struct Checkpoints<S> {
    saved: Vec<(f64, S)>,
    /// Bytes the saved checkpoints hold.
    bytes: usize,
    /// A dropped checkpoint's buffers, reused for the next.
    spare: Option<S>,
}

impl<S: Saved> Checkpoints<S> {
    /// Checkpoints starting with `first`, the state at time 0.
    pub fn new(first: S) -> Checkpoints<S> {
        Checkpoints {
            bytes: first.bytes(),
            saved: vec![(0.0, first)],
            spare: None,
        }
    }

    /// When the last checkpoint was taken.
    pub fn last_time(&self) -> f64 {
        self.saved.last().map_or(0.0, |s| s.0)
    }

    /// Whether a checkpoint is due at `time` (a run's first pass over it).
    pub fn due(&self, time: f64) -> bool {
        time >= self.last_time() + CHECKPOINT_CYCLES
    }

    /// Saves the state at `time`, filled in by `save` (into a spare
    /// checkpoint's buffers when there is one), then keeps within budget:
    /// the first and the last are always kept.
    pub fn take(&mut self, time: f64, save: impl FnOnce(Option<S>) -> S) {
        let state = save(self.spare.take());
        self.bytes += state.bytes();
        self.saved.push((time, state));
        while self.saved.len() > 2
            && (self.bytes > REWIND_BYTES || self.saved.len() > MAX_CHECKPOINTS)
        {
            let (_, dropped) = self.saved.remove(self.thinnest());
            self.bytes -= dropped.bytes();
            self.spare = Some(dropped);
        }
    }

    /// The checkpoint (not the first or the last) whose loss costs least.
    fn thinnest(&self) -> usize {
        let now = self.last_time();
        let cost = |i: usize| {
            let before = self.saved[i - 1].0;
            (self.saved[i + 1].0 - before) / (now - before).max(EVEN_CYCLES)
        };
        (1..self.saved.len() - 1)
            .min_by(|&a, &b| cost(a).total_cmp(&cost(b)))
            .expect("more than two checkpoints")
    }

    /// The last checkpoint at or before `time` (the first if none).
    pub fn at_or_before(&self, time: f64) -> &(f64, S) {
        let after = self.saved.partition_point(|s| s.0 <= time);
        &self.saved[after.saturating_sub(1)]
    }

    /// The time of the last checkpoint taken before release `index` (the
    /// release count its state holds is at most `index`).
    pub fn before_release(&self, index: u64) -> f64
    where
        S: Counted,
    {
        let after = self.saved.partition_point(|s| s.1.releases() <= index);
        self.saved[after.saturating_sub(1)].0
    }

    /// The times of the checkpoints, oldest first.
    #[cfg(test)]
    pub fn times(&self) -> impl Iterator<Item = f64> + '_ {
        self.saved.iter().map(|s| s.0)
    }

    pub fn len(&self) -> usize {
        self.saved.len()
    }

    /// Bytes the checkpoints hold (and the spare one's buffers, kept for
    /// the next).
    pub fn bytes(&self) -> usize {
        self.bytes + self.spare.as_ref().map_or(0, S::bytes)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Block(usize);
    impl Saved for Block {
        fn bytes(&self) -> usize {
            self.0
        }
    }

    #[test]
    fn the_budget_bounds_the_bytes_and_recent_checkpoints_stay_dense() {
        let size = REWIND_BYTES / 40;
        let mut store = Checkpoints::new(Block(size));
        for k in 1..=2000 {
            store.take(k as f64, |_| Block(size));
        }
        assert_eq!(store.len(), 40);
        assert!(store.bytes() <= REWIND_BYTES + size, "the spare's too");
        let times: Vec<f64> = store.times().collect();
        assert_eq!(times[0], 0.0);
        assert_eq!(*times.last().unwrap(), 2000.0);
        let gaps: Vec<f64> = times.windows(2).map(|w| w[1] - w[0]).collect();
        let recent = times.iter().filter(|&&t| t >= 1900.0).count();
        assert!(recent >= 6, "{recent} in the last 100 cycles: {times:?}");
        assert!(gaps.last() < gaps.get(1), "older gaps are wider: {gaps:?}");
    }

    #[test]
    fn a_moment_goes_back_to_the_last_checkpoint_at_or_before_it() {
        let mut store = Checkpoints::new(Block(1));
        for k in 1..=5 {
            store.take(k as f64, |_| Block(1));
        }
        assert_eq!(store.at_or_before(2.5).0, 2.0);
        assert_eq!(store.at_or_before(3.0).0, 3.0);
        assert_eq!(store.at_or_before(99.0).0, 5.0);
        assert!(!store.due(5.5) && store.due(6.0));
    }
}
