//! A run's state at one moment in a form to compare: the page's seek and
//! the command line's `run --at` print it, and equal moments mean equal
//! phases, releases, measures, charts and release history, bit for bit.

use super::events::Event;
use serde::Serialize;

/// FNV-1a over 64-bit words, as hex: equal digests, equal words.
#[derive(Clone, Copy, Debug)]
pub struct Digest(u64);

impl Default for Digest {
    fn default() -> Self {
        Digest(0xcbf2_9ce4_8422_2325)
    }
}

impl Digest {
    pub fn word(&mut self, word: u64) {
        for byte in word.to_le_bytes() {
            self.0 = (self.0 ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
        }
    }

    pub fn hex(self) -> String {
        format!("{:016x}", self.0)
    }
}

/// How many items and their digest.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Summary {
    pub count: usize,
    pub digest: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Moment {
    /// The clock, cycles.
    pub time: f64,
    /// Each firm's phase (its bits), digested in firm order.
    pub phases: String,
    /// Each firm's releases so far, digested in firm order.
    pub release_counts: String,
    /// The page's readings then, by name (an absent one null); the
    /// releases of the last frame are left out.
    pub readings: Readings,
    /// The r(t) samples up to then (the step, each value's bits).
    pub trace: Summary,
    /// The raster's releases then (firm, cause, time of each).
    pub history: Summary,
    /// The events known by then, in the order detected.
    pub events: Vec<Event>,
}

/// Readings by name, in the readings' order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Readings(pub Vec<(&'static str, Option<f64>)>);

impl Serialize for Readings {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (name, value) in &self.0 {
            map.serialize_entry(name, value)?;
        }
        map.end()
    }
}
