//! The release history a raster draws: each release of the firms that have
//! a row (all of them up to [`HISTORY_ROWS`], else an evenly spaced sample
//! in subgroup order), kept in buffers allocated once that a front end
//! views in place. The releases of the last [`HISTORY_CYCLES`] before a
//! moment are the history of that moment.
//!
//! The log only grows (going back to an earlier moment drops nothing; its
//! releases are filtered by time) until its buffers fill: then its older
//! half is dropped, and it says from when it is complete.

use crate::model::engine::Release;
use crate::network::FirmId;

/// Cycles of releases a moment's history shows.
pub const HISTORY_CYCLES: f64 = 8.0;
/// Most firms with a row (a raster a few hundred pixels high shows no more).
pub const HISTORY_ROWS: usize = 500;
/// Releases kept per row: a firm releases about once a cycle, so about
/// this many cycles before the older half is dropped.
const RELEASES_PER_ROW: usize = 256;
const NO_ROW: u32 = u32::MAX;

#[derive(Debug)]
pub struct History {
    /// The firms with a row, in row order.
    rows: Vec<FirmId>,
    row_of: Vec<u32>,
    /// The log, oldest first: the first `len` of each buffer.
    firms: Vec<u32>,
    causes: Vec<u8>,
    times: Vec<f64>,
    len: usize,
    /// It holds every release of the rows' firms in `(from, until]`.
    from: f64,
    until: f64,
}

impl History {
    /// The history of firms in `groups` (one subgroup each).
    pub fn new(groups: &[u32]) -> History {
        let n = groups.len();
        let mut all: Vec<FirmId> = (0..n as FirmId).collect();
        all.sort_by_key(|&f| (groups[f as usize], f));
        let shown = n.min(HISTORY_ROWS);
        let rows: Vec<FirmId> = (0..shown).map(|k| all[k * n / shown]).collect();
        let mut row_of = vec![NO_ROW; n];
        for (row, &firm) in rows.iter().enumerate() {
            row_of[firm as usize] = row as u32;
        }
        let capacity = (shown * RELEASES_PER_ROW).max(2);
        History {
            rows,
            row_of,
            firms: vec![0; capacity],
            causes: vec![0; capacity],
            times: vec![0.0; capacity],
            len: 0,
            from: f64::NEG_INFINITY,
            until: 0.0,
        }
    }

    /// Keeps `release` unless the log holds it already (a run going again
    /// over a stretch it has been through).
    pub fn record(&mut self, release: &Release) {
        if release.time <= self.until || self.row_of[release.firm as usize] == NO_ROW {
            return;
        }
        if self.len == self.firms.len() {
            self.drop_older_half();
        }
        let i = self.len;
        self.firms[i] = release.firm;
        self.causes[i] = release.cause.code();
        self.times[i] = release.time;
        self.len += 1;
    }

    fn drop_older_half(&mut self) {
        let half = self.len / 2;
        self.from = self.times[half - 1];
        self.firms.copy_within(half..self.len, 0);
        self.causes.copy_within(half..self.len, 0);
        self.times.copy_within(half..self.len, 0);
        self.len -= half;
    }

    /// Every release up to `time` has been recorded.
    pub fn reached(&mut self, time: f64) {
        self.until = self.until.max(time);
    }

    /// Whether it holds every release in `(from, until]`.
    pub fn holds(&self, from: f64, until: f64) -> bool {
        self.from <= from && until <= self.until
    }

    /// Starts again, empty, at `time` (a run put back to an earlier moment
    /// than the log holds).
    pub fn restart_at(&mut self, time: f64) {
        self.len = 0;
        self.from = time;
        self.until = time;
    }

    /// The firms with a row, in row order.
    pub fn rows(&self) -> &[FirmId] {
        &self.rows
    }

    /// The log's buffers: firms, causes (codes) and times, of which the
    /// first [`History::len`] are in use.
    pub fn buffers(&self) -> (&[u32], &[u8], &[f64]) {
        (&self.firms, &self.causes, &self.times)
    }

    pub fn len(&self) -> usize {
        self.len
    }

    /// Where the history of moment `t` lies in the log: the releases in
    /// `(t - HISTORY_CYCLES, t]`.
    pub fn window(&self, t: f64) -> std::ops::Range<usize> {
        let times = &self.times[..self.len];
        let start = times.partition_point(|&x| x <= t - HISTORY_CYCLES);
        let end = times.partition_point(|&x| x <= t);
        start..end.max(start)
    }

    /// Bytes its buffers hold.
    pub fn bytes(&self) -> usize {
        self.firms.len() * 13 + self.rows.len() * 4 + self.row_of.len() * 4
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::engine::Cause;

    fn release(time: f64, firm: FirmId) -> Release {
        Release {
            time,
            firm,
            cause: Cause::Schedule,
        }
    }

    #[test]
    fn a_large_network_has_rows_for_an_even_sample_in_subgroup_order() {
        let groups: Vec<u32> = (0..2000).map(|i| (i % 4) as u32).collect();
        let history = History::new(&groups);
        assert_eq!(history.rows().len(), HISTORY_ROWS);
        let seen: Vec<u32> = history.rows().iter().map(|&f| groups[f as usize]).collect();
        assert!(seen.is_sorted(), "subgroup order");
        assert_eq!(seen.iter().filter(|&&g| g == 0).count(), 125);
    }

    #[test]
    fn going_over_a_stretch_again_records_nothing_twice() {
        let mut history = History::new(&[0, 0]);
        for t in [0.5, 1.0, 1.5] {
            history.record(&release(t, 0));
        }
        history.reached(1.5);
        history.record(&release(1.0, 0));
        history.record(&release(2.0, 1));
        assert_eq!(history.len(), 4);
        assert_eq!(history.window(1.6), 0..3);
        assert_eq!(history.window(9.2), 2..4);
    }

    #[test]
    fn a_full_log_drops_its_older_half_and_says_from_when_it_is_whole() {
        let mut history = History::new(&[0]);
        let capacity = RELEASES_PER_ROW;
        for k in 1..=capacity + 1 {
            history.record(&release(k as f64, 0));
        }
        assert_eq!(history.len(), capacity / 2 + 1);
        history.reached(capacity as f64 + 1.0);
        // Releases 1 to 128 were dropped: whole after 128, not before.
        assert!(history.holds(capacity as f64 / 2.0, capacity as f64));
        assert!(!history.holds(capacity as f64 / 2.0 - 0.5, capacity as f64));
        assert!(!history.holds(200.0, 300.0), "not beyond where it reached");
    }
}
