//! The runs of an experiment, computed on demand: a plan of any size takes
//! the memory of its values alone, and a shard (for job arrays) is a start
//! and a step.

use crate::error::FieldError;

/// Where a run sits in an experiment: its arm, its value (and second value
/// in a two-way grid) and its seed.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Planned {
    pub arm: usize,
    pub value: f64,
    pub value2: Option<f64>,
    pub seed: u32,
}

/// The runs of an experiment in order: for each arm, each value, each
/// second value (if any), seeds `first..first + seeds` (wrapping from
/// `u32::MAX` to 0). A plan holds the runs `start, start + step, ...` of
/// the whole (the whole: 0, 1, ...).
///
/// ```
/// use lockstep::experiments::plan;
/// let sweep = plan(&[0.1, 0.2], 7, 3)?;
/// assert_eq!(sweep.len(), 6);
/// assert_eq!(sweep.get(4).map(|p| (p.value, p.seed)), Some((0.2, 8)));
/// let second = sweep.shard(2, 4)?;
/// let runs: Vec<_> = second.iter().map(|p| (p.value, p.seed)).collect();
/// assert_eq!(runs, [(0.1, 8), (0.2, 9)]);
/// # Ok::<(), lockstep::FieldError>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    arms: usize,
    values: Vec<f64>,
    /// Second values of a two-way grid; empty for a one-way sweep.
    values2: Vec<f64>,
    first_seed: u32,
    seeds: u32,
    /// Runs of the whole: arms × values × values2 × seeds.
    total: u64,
    start: u64,
    step: u64,
}

/// A one-arm, one-way sweep: for each value, seeds `first..first + seeds`.
pub fn plan(values: &[f64], first_seed: u32, seeds: u32) -> Result<Plan, FieldError> {
    Plan::new(1, values, &[], first_seed, seeds)
}

impl Plan {
    /// The whole plan. Refused only when its runs do not fit 64 bits.
    pub fn new(
        arms: usize,
        values: &[f64],
        values2: &[f64],
        first_seed: u32,
        seeds: u32,
    ) -> Result<Plan, FieldError> {
        let rows = values2.len().max(1);
        let total = [arms, values.len(), rows]
            .iter()
            .try_fold(u64::from(seeds), |n, &m| n.checked_mul(m as u64))
            .ok_or_else(|| {
                let reason = format!(
                    "{arms} arms, {} values, {rows} second values and {seeds} seeds is more \
                     runs than can be counted",
                    values.len()
                );
                FieldError::new("plan", reason)
            })?;
        Ok(Plan {
            arms,
            values: values.to_vec(),
            values2: values2.to_vec(),
            first_seed,
            seeds,
            total,
            start: 0,
            step: 1,
        })
    }

    /// Runs in this plan (or shard).
    pub fn len(&self) -> u64 {
        match self.total.checked_sub(self.start) {
            Some(left) if left > 0 => (left - 1) / self.step + 1,
            _ => 0,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Runs in the whole experiment this plan is part of.
    pub fn sweep_len(&self) -> u64 {
        self.total
    }

    /// Run `i` of the whole experiment.
    pub fn nth_of_whole(&self, i: u64) -> Option<Planned> {
        if i >= self.total {
            return None;
        }
        // total > 0, so seeds > 0 and every list is non-empty.
        let seeds = u64::from(self.seeds);
        let rows = self.values2.len().max(1) as u64;
        let point = i / seeds;
        let value2 = self.values2.get((point % rows) as usize).copied();
        let column = point / rows;
        let value = *self
            .values
            .get((column % self.values.len() as u64) as usize)?;
        let arm = (column / self.values.len() as u64) as usize;
        let seed = self.first_seed.wrapping_add((i % seeds) as u32);
        Some(Planned {
            arm,
            value,
            value2,
            seed,
        })
    }

    /// The `k`-th run of this plan, from 0.
    pub fn get(&self, k: u64) -> Option<Planned> {
        let i = k.checked_mul(self.step)?.checked_add(self.start)?;
        self.nth_of_whole(i)
    }

    /// This plan's runs in order.
    pub fn iter(&self) -> impl Iterator<Item = Planned> + '_ {
        (0..self.len()).map_while(|k| self.get(k))
    }

    /// Shard `index` (1-based) of `count`: every `count`-th run of this
    /// plan, starting from the `index`-th. The `count` shards together hold
    /// every run once. Nothing is computed until a run is asked for.
    pub fn shard(&self, index: u64, count: u64) -> Result<Plan, FieldError> {
        if index == 0 || index > count {
            let reason = format!("{index}/{count} is not I/N with 1 <= I <= N");
            return Err(FieldError::new("shard", reason));
        }
        // Saturating: a start or step past u64::MAX is past every run too.
        Ok(Plan {
            start: (index - 1)
                .saturating_mul(self.step)
                .saturating_add(self.start),
            step: self.step.saturating_mul(count),
            ..self.clone()
        })
    }
}
