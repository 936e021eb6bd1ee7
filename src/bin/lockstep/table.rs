//! `lockstep params` as text: one aligned row per parameter, long cells
//! wrapped so a row fits a terminal (`COLUMNS` wide, else 120).

use lockstep::scenario::ParamRow;
use lockstep::scenario::params::{Field, Kind, Param};
use serde_json::Value;

const HEADER: [&str; 6] = ["PATH", "KEY", "KIND", "RANGE", "DEFAULT", "MEANING"];
/// Wide enough for `[0, min(firms - 1, 200)]`; longer ranges and option
/// lists wrap.
const RANGE_WIDTH: usize = 24;
/// The meaning stays readable even when the terminal is narrow.
const MIN_MEANING: usize = 36;
const GAP: &str = "  ";

pub fn render(rows: &[ParamRow]) -> String {
    let cells: Vec<[String; 6]> = std::iter::once(HEADER.map(String::from))
        .chain(rows.iter().map(row_cells))
        .collect();
    let mut widths = [0; 6];
    for row in &cells {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    widths[3] = widths[3].min(RANGE_WIDTH);
    let fixed: usize = widths[..5].iter().map(|w| w + GAP.len()).sum();
    widths[5] = terminal_width().saturating_sub(fixed).max(MIN_MEANING);

    let mut out = String::new();
    for row in &cells {
        let wrapped: Vec<Vec<String>> = row.iter().zip(widths).map(|(c, w)| wrap(c, w)).collect();
        let height = wrapped.iter().map(Vec::len).max().unwrap_or(1);
        for i in 0..height {
            let line: Vec<String> = wrapped
                .iter()
                .zip(widths)
                .map(|(lines, w)| format!("{:w$}", lines.get(i).map_or("", String::as_str)))
                .collect();
            out += line.join(GAP).trim_end();
            out.push('\n');
        }
    }
    out
}

fn row_cells(row: &ParamRow) -> [String; 6] {
    let p: &Param = row.param;
    let range = match p.kind {
        Kind::Choice(_) => {
            let values: Vec<&str> = p.options().iter().map(|o| o.value).collect();
            values.join(" | ")
        }
        Kind::Flag => "false | true".into(),
        _ => p.range_text(),
    };
    let mut meaning = p.help.to_owned();
    if !p.networks.is_empty() {
        meaning += &format!(" Only for network.kind {}.", p.networks.join(" or "));
    }
    [
        p.path.into(),
        p.key.into(),
        p.kind.name().into(),
        range,
        default_text(p, &row.default),
        meaning,
    ]
}

/// A default as a scenario file writes it, numbers in their shortest form.
fn default_text(p: &Param, value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Array(a) if a.is_empty() => "none".into(),
        Value::Bool(b) => b.to_string(),
        Value::Null => "-".into(),
        // As a link writes it: whole numbers as such, others in Rust's
        // shortest round-trip form (8 for 8.0).
        Value::Number(n) => match n.as_u64() {
            Some(whole) => p.link_text(Field::Whole(whole)),
            None => p.link_text(Field::Number(n.as_f64().unwrap_or(f64::NAN))),
        },
        other => other.to_string(),
    }
}

/// Greedy word wrap; a word longer than the width keeps its own line.
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if line.is_empty() {
            line.push_str(word);
        } else if line.chars().count() + 1 + word.chars().count() <= width {
            line.push(' ');
            line.push_str(word);
        } else {
            lines.push(std::mem::replace(&mut line, word.to_owned()));
        }
    }
    lines.push(line);
    lines
}

/// Widest terminal believed: every cell is padded to its column's width,
/// so `COLUMNS=99999999999` must not pad lines to gigabytes.
const MAX_WIDTH: usize = 1000;

fn terminal_width() -> usize {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.trim().parse().ok())
        .unwrap_or(120)
        .min(MAX_WIDTH)
}
