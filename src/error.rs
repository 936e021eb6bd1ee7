//! One error for every reader and checker of the core: the field that is
//! wrong, in the terms of where it came from (`eps`, `p2.deg`,
//! `panes[0].scenario.eps`, `ties`), and the reason, in the user's words.

use serde::Serialize;
use std::fmt;

/// A field and what is wrong with it, or (as a clamp note) what a reader
/// did to it. CSV errors also carry the 1-based line of the record.
///
/// ```
/// use lockstep::FieldError;
/// let e = FieldError::new("eps", "3 is outside [0, 1]");
/// assert_eq!(e.to_string(), "eps: 3 is outside [0, 1]");
/// assert_eq!(FieldError::new("ties", "duplicate tie").at_line(7).to_string(), "ties line 7: duplicate tie");
/// ```
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldError {
    pub field: String,
    pub reason: String,
    /// The line of a text file the problem is on (1-based), when it is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
}

/// What a reader changed or ignored while reading, naming the field: the
/// same shape as an error, but the value was brought into range.
pub type Note = FieldError;

impl FieldError {
    pub fn new(field: impl Into<String>, reason: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            reason: reason.into(),
            line: None,
        }
    }

    pub fn at_line(self, line: usize) -> FieldError {
        FieldError {
            line: Some(line),
            ..self
        }
    }

    /// The same problem under another name for its field.
    pub fn renamed(self, field: impl Into<String>) -> FieldError {
        FieldError {
            field: field.into(),
            ..self
        }
    }
}

impl fmt::Display for FieldError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{} line {line}: {}", self.field, self.reason),
            None => write!(f, "{}: {}", self.field, self.reason),
        }
    }
}

impl std::error::Error for FieldError {}

/// Longest piece of someone's text a message quotes, in characters.
pub const EXCERPT: usize = 24;

/// Text from a link, file, message or command line as a message quotes it:
/// whole when short, else its first [`EXCERPT`] characters marked as cut
/// with its length, so a hostile megabyte is never echoed back. Control
/// characters are shown as `?`.
///
/// ```
/// use lockstep::error::excerpt;
/// assert_eq!(excerpt("0.05"), "0.05");
/// let long = "x".repeat(7000);
/// assert_eq!(excerpt(&long), format!("{}... (7000 characters)", "x".repeat(24)));
/// ```
pub fn excerpt(text: &str) -> String {
    let shown = |t: &str| -> String {
        t.chars()
            .map(|c| if c.is_control() { '?' } else { c })
            .collect()
    };
    match text.char_indices().nth(EXCERPT) {
        Some((i, _)) => format!(
            "{}... ({} characters)",
            shown(&text[..i]),
            text.chars().count()
        ),
        None => shown(text),
    }
}

/// An [`excerpt`] between backticks, as a message quotes someone's text.
///
/// ```
/// use lockstep::error::quote;
/// assert_eq!(quote("nope"), "`nope`");
/// ```
pub fn quote(text: &str) -> String {
    format!("`{}`", excerpt(text))
}

/// A message from a reader (serde's), with every quoted part of it (in
/// backticks or double quotes) cut to an [`excerpt`].
pub fn tame(message: &str) -> String {
    let mut out = String::with_capacity(message.len().min(400));
    let mut rest = message;
    while let Some(start) = rest.find(['`', '"']) {
        let quote = rest[start..].chars().next().unwrap_or('"');
        let inner = &rest[start + 1..];
        let Some(len) = inner.find(quote) else {
            break;
        };
        out.push_str(&rest[..=start]);
        out.push_str(&excerpt(&inner[..len]));
        out.push(quote);
        rest = &inner[len + 1..];
    }
    // An unclosed quote: its text is cut too.
    if rest.chars().count() > 4 * EXCERPT {
        out.push_str(&excerpt(rest));
    } else {
        out.push_str(rest);
    }
    out
}

/// A number as a message shows it: plain, or `1e308` where plain would
/// run to hundreds of digits.
///
/// ```
/// use lockstep::error::number_text;
/// assert_eq!(number_text(0.05), "0.05");
/// assert_eq!(number_text(1e300), "1e300");
/// ```
pub fn number_text(x: f64) -> String {
    let plain = x.to_string();
    if plain.len() > 12 && x.is_finite() {
        format!("{x:e}")
    } else {
        plain
    }
}

/// `Err` of a [`FieldError`].
pub fn fail<T>(field: impl Into<String>, reason: impl Into<String>) -> Result<T, FieldError> {
    Err(FieldError::new(field, reason))
}
