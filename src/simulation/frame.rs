//! What a front end reads of a running scenario each frame, declared once:
//! the channels (per-firm and per-tie buffers it views in place) and the
//! readings (the measures of the last advance, in one buffer). The binding
//! hands both lists over as they are, and the page builds its views from
//! them, so a buffer added here reaches the page without a second list.

use serde::Serialize;

/// A buffer's elements, by type: a view of the right kind is built on it.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Elements<'a> {
    F32(&'a [f32]),
    F64(&'a [f64]),
    U32(&'a [u32]),
    U8(&'a [u8]),
}

impl Elements<'_> {
    pub fn len(&self) -> usize {
        match self {
            Elements::F32(x) => x.len(),
            Elements::F64(x) => x.len(),
            Elements::U32(x) => x.len(),
            Elements::U8(x) => x.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Where the first element is, for a view on the same memory.
    pub fn address(&self) -> usize {
        match self {
            Elements::F32(x) => x.as_ptr() as usize,
            Elements::F64(x) => x.as_ptr() as usize,
            Elements::U32(x) => x.as_ptr() as usize,
            Elements::U8(x) => x.as_ptr() as usize,
        }
    }
}

/// One buffer a front end views in place. Buffers are allocated once, when
/// the simulation is built: advancing never moves them, so a view stays
/// valid until the memory under it grows.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Channel<'a> {
    /// Its name in the model's vocabulary, camelCase (`releaseAges`).
    pub name: &'static str,
    pub elements: Elements<'a>,
    /// The reading that says how many leading elements the last advance
    /// filled (`recentReleases`); `None` when all of them are in use.
    pub count: Option<&'static str>,
}

impl<'a> Channel<'a> {
    pub const fn new(name: &'static str, elements: Elements<'a>) -> Channel<'a> {
        Channel {
            name,
            elements,
            count: None,
        }
    }

    /// Only the first `reading` elements are in use.
    pub const fn counted_by(self, reading: &'static str) -> Channel<'a> {
        Channel {
            count: Some(reading),
            ..self
        }
    }
}

/// What kind of value a reading holds. Every reading is stored as an `f64`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ReadingKind {
    /// A number (counts included: exact up to 2^53).
    Number,
    /// True or false, stored as 1 or 0.
    Flag,
}

/// One value of the readings buffer, read from a `T` (a simulation).
#[derive(Clone, Copy, Debug)]
pub struct Reading<T> {
    /// Its name in the model's vocabulary, camelCase (`syncTime`).
    pub name: &'static str,
    pub kind: ReadingKind,
    /// Whether it may be absent (no synchrony yet): stored as NaN, which
    /// no present reading ever is.
    pub optional: bool,
    /// Whether it is of the moment (every run at that moment has it), or
    /// of this run's path there (its last frame, how far it has been).
    pub of_moment: bool,
    pub read: fn(&mut T) -> f64,
}

impl<T> Reading<T> {
    pub const fn number(name: &'static str, read: fn(&mut T) -> f64) -> Reading<T> {
        Reading {
            name,
            kind: ReadingKind::Number,
            optional: false,
            of_moment: true,
            read,
        }
    }

    /// A reading of the run's path, not of the moment (see `of_moment`).
    pub const fn of_run(self) -> Reading<T> {
        Reading {
            of_moment: false,
            ..self
        }
    }

    /// A number that may be absent (NaN).
    pub const fn optional(name: &'static str, read: fn(&mut T) -> f64) -> Reading<T> {
        Reading {
            optional: true,
            ..Reading::number(name, read)
        }
    }

    /// A flag that may be absent (NaN).
    pub const fn optional_flag(name: &'static str, read: fn(&mut T) -> f64) -> Reading<T> {
        Reading {
            kind: ReadingKind::Flag,
            ..Reading::optional(name, read)
        }
    }
}

/// An optional value as a reading: NaN when absent.
pub fn absent_as_nan(value: Option<f64>) -> f64 {
    value.unwrap_or(f64::NAN)
}

/// A flag as a reading: 1 or 0.
pub fn flag_value(value: bool) -> f64 {
    f64::from(u8::from(value))
}

/// For the page and the CLI: `{name, type: "number" | "flag", optional}`.
impl<T> Serialize for Reading<T> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = s.serialize_struct("Reading", 3)?;
        row.serialize_field("name", self.name)?;
        let kind = match self.kind {
            ReadingKind::Number => "number",
            ReadingKind::Flag => "flag",
        };
        row.serialize_field("type", kind)?;
        row.serialize_field("optional", &self.optional)?;
        row.end()
    }
}
