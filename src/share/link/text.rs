//! A link's text: percent-encoding, both ways (only letters, digits and
//! `-._~,` stay as they are).

use crate::error::{FieldError, fail};
use std::fmt::Write;

/// `text` percent-encoded.
pub(super) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Percent-encoded `text` read back; a broken escape or bytes that are
/// not UTF-8 are refused naming `field`.
pub(super) fn unescape(text: &str, field: &str) -> Result<String, FieldError> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes
                .get(i + 1..i + 3)
                .and_then(|h| std::str::from_utf8(h).ok());
            match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                Some(b) => out.push(b),
                None => return fail(field, "a broken %-escape"),
            }
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).or_else(|_| fail(field, "not UTF-8 text"))
}
