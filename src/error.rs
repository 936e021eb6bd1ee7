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

/// A stranger's text quoted in a message, between backticks: whole when
/// short, else its first characters marked as cut, with its length.
/// Control characters are shown escaped.
///
/// ```
/// use lockstep::error::excerpt;
/// assert_eq!(excerpt("lots"), "`lots`");
/// assert_eq!(excerpt(&"9".repeat(7000)), format!("`{}`… (7000 characters)", "9".repeat(24)));
/// assert_eq!(excerpt("a\u{1b}[2J"), "`a\\u{1b}[2J`");
/// ```
pub fn excerpt(text: &str) -> String {
    const SHOWN: usize = 24;
    let shown: String = text
        .chars()
        .take(SHOWN)
        .map(|c| match c.is_control() {
            true => c.escape_default().to_string(),
            false => c.to_string(),
        })
        .collect();
    match text.chars().nth(SHOWN) {
        None => format!("`{shown}`"),
        Some(_) => format!("`{shown}`… ({} characters)", text.chars().count()),
    }
}

/// `Err` of a [`FieldError`].
pub fn fail<T>(field: impl Into<String>, reason: impl Into<String>) -> Result<T, FieldError> {
    Err(FieldError::new(field, reason))
}
