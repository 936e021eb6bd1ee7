//! Runs and summaries as CSV text. The command line and the page write the
//! same rows and the same summary table; `lockstep summarize` reads rows
//! back from shard files (in any order, each with its header), line by
//! line, and summarizes them exactly as the runs were.

use super::run::{MAX_CAP, RUN_COLUMNS, RunResult, csv_text};
use super::spec::{MAX_ARMS, MAX_VALUES};
use super::summary::PointSummary;
use crate::error::quote;
use crate::network::MAX_FIRMS;
use std::borrow::Cow;
use std::collections::HashSet;

/// Columns of the summary table after the point's own.
const SUMMARY_COLUMNS: &str =
    "runs,censored,mean_time,median_time,ci_low,ci_high,converged_share,median_low,median_high";

/// The summary table: one row per point, `[arm,]value[,value2]` then
/// the summary's columns (`runs,censored,mean_time,...`); `labels` names the arms (their column is written
/// when there are several), `grid` says whether there is a second value.
pub fn summary_csv(labels: &[String], grid: bool, summaries: &[PointSummary]) -> String {
    let arms = labels.len() > 1;
    let mut out = String::new();
    out.push_str(if arms { "arm," } else { "" });
    out.push_str("value,");
    out.push_str(if grid { "value2," } else { "" });
    out.push_str(SUMMARY_COLUMNS);
    out.push('\n');
    let time = |t: Option<f64>| t.map_or("censored".to_owned(), |t| format!("{t:.3}"));
    for s in summaries {
        if arms {
            let label = labels.get(s.arm).map_or("", String::as_str);
            out.push_str(&format!("{},", csv_text(label)));
        }
        out.push_str(&format!("{},", s.value));
        if grid {
            out.push_str(&format!(
                "{},",
                s.value2.map_or(String::new(), |v| v.to_string())
            ));
        }
        out.push_str(&format!(
            "{},{},{:.3},{},{:.3},{:.3},{:.3},{},{}\n",
            s.runs,
            s.censored,
            s.mean_time,
            time(s.median_time),
            s.interval.0,
            s.interval.1,
            s.converged_share,
            time(s.median_interval.0),
            time(s.median_interval.1),
        ));
    }
    out
}

/// The columns a sweep's rows may have, in the order it writes them.
const COLUMNS: [&str; 9] = [
    "arm",
    "value",
    "value2",
    "seed",
    "synced",
    "time",
    "offset",
    "converged",
    "final_bursts",
];

/// The largest value a row may hold: past 2^53 a float no longer names
/// one whole number, and no parameter goes so far.
const MAX_VALUE: f64 = 9_007_199_254_740_992.0;

/// Where each column is in a header.
#[derive(Clone, Debug, PartialEq)]
struct Header {
    text: String,
    /// The index of each of [`COLUMNS`] in the line, if there.
    at: [Option<usize>; 9],
    fields: usize,
}

/// Reads the rows of run CSV files line by line, as the command line or
/// the page wrote them, and checks every field as a stranger's: every
/// file has the same columns, a header may repeat (shards concatenated),
/// arms are numbered in the order their labels first appear (at most
/// [`MAX_ARMS`]), and the rows hold at most [`MAX_VALUES`] values and
/// second values, as an experiment does. The caller names the file and
/// line of an error; the reason names the column.
#[derive(Clone, Debug, Default)]
pub struct RowReader {
    /// The header, once one was read.
    header: Option<Header>,
    labels: Vec<String>,
    values: HashSet<u64>,
    values2: HashSet<u64>,
    /// Whether the rows read have a second value.
    grid: bool,
}

impl RowReader {
    pub fn new() -> RowReader {
        RowReader::default()
    }

    /// One line (without its line break): the run of a row, or `None` for
    /// a header or a blank line. A line that names two columns or more is
    /// a header (a row holds one text at most, its arm).
    pub fn line(&mut self, line: &str) -> Result<Option<RunResult>, String> {
        if line.trim().is_empty() {
            return Ok(None);
        }
        let fields = split(line)?;
        let names = fields
            .iter()
            .filter(|f| COLUMNS.contains(&f.as_ref()))
            .count();
        if names >= 2 {
            let header = read_header(line, &fields)?;
            match &self.header {
                // Both checked: known columns, each once.
                Some(h) if h.text != header.text => {
                    return Err(format!("columns `{line}` differ from `{}`", h.text));
                }
                _ => self.header = Some(header),
            }
            return Ok(None);
        }
        let Some(header) = &self.header else {
            return Err("rows before a header line".into());
        };
        if fields.len() != header.fields {
            return Err(format!(
                "{} fields, expected {}",
                fields.len(),
                header.fields
            ));
        }
        let field = |c: usize| header.at[c].map(|i| fields[i].as_ref());
        let run = read_row(&field)?;
        let arm = arm_of(&mut self.labels, field(0))?;
        counted(&mut self.values, run.value, "value", field(1))?;
        if let Some(v) = run.value2 {
            counted(&mut self.values2, v, "value2", field(2))?;
        }
        self.grid = header.at[2].is_some();
        Ok(Some(RunResult { arm, ..run }))
    }

    /// Whether a header line was read.
    pub fn has_header(&self) -> bool {
        self.header.is_some()
    }

    /// The arms' labels in the order they first appeared (none without an
    /// `arm` column).
    pub fn labels(&self) -> &[String] {
        &self.labels
    }

    /// Whether the rows have a second value.
    pub fn grid(&self) -> bool {
        self.grid
    }
}

/// The arm of a label: a new label is the next arm, up to [`MAX_ARMS`].
fn arm_of(labels: &mut Vec<String>, label: Option<&str>) -> Result<usize, String> {
    let Some(label) = label else {
        return Ok(0);
    };
    if let Some(i) = labels.iter().position(|l| l == label) {
        return Ok(i);
    }
    if labels.len() == MAX_ARMS {
        let arms: Vec<String> = labels.iter().map(|l| quote(l)).collect();
        return Err(format!(
            "arm: {} would be arm {}; an experiment has at most {MAX_ARMS} ({})",
            quote(label),
            MAX_ARMS + 1,
            arms.join(", ")
        ));
    }
    labels.push(label.to_owned());
    Ok(labels.len() - 1)
}

/// A header: each column known, once, in the order a sweep writes them,
/// with `value` and the run's own columns.
fn read_header(line: &str, fields: &[Cow<str>]) -> Result<Header, String> {
    let mut at = [None; 9];
    for (i, name) in fields.iter().enumerate() {
        let Some(c) = COLUMNS.iter().position(|&n| n == name) else {
            return Err(format!(
                "column {}: {} is not a column of a sweep's rows ({})",
                i + 1,
                quote(name),
                COLUMNS.join(", ")
            ));
        };
        if at[c].is_some() {
            return Err(format!("column {}: `{name}` is given twice", i + 1));
        }
        at[c] = Some(i);
    }
    if let Some(c) = (1..COLUMNS.len()).find(|&c| c != 2 && at[c].is_none()) {
        return Err(format!("no `{}` column", COLUMNS[c]));
    }
    // Each column after the one before it in a sweep's order.
    let known = |f: &Cow<str>| COLUMNS.iter().position(|&n| n == f);
    if let Some(i) = (1..fields.len()).find(|&i| known(&fields[i]) < known(&fields[i - 1])) {
        return Err(format!(
            "column {}: `{}` after `{}` is not a sweep's order: [arm,]value[,value2],{RUN_COLUMNS}",
            i + 1,
            fields[i],
            fields[i - 1]
        ));
    }
    Ok(Header {
        text: line.to_owned(),
        at,
        fields: fields.len(),
    })
}

/// Counts a value among the rows' values (or second values), at most
/// [`MAX_VALUES`] of them.
fn counted(seen: &mut HashSet<u64>, v: f64, name: &str, text: Option<&str>) -> Result<(), String> {
    let bits = if v == 0.0 { 0 } else { v.to_bits() };
    if seen.len() == MAX_VALUES && !seen.contains(&bits) {
        return Err(format!(
            "{name}: {} would be value {}; an axis has at most {MAX_VALUES}",
            quote(text.unwrap_or("")),
            MAX_VALUES + 1
        ));
    }
    seen.insert(bits);
    Ok(())
}

/// One row's run (its arm read apart): every field a number in its range
/// or a flag, and the run's fields agreeing (a run in step has an offset,
/// one that is not has none and did not converge).
fn read_row<'a>(field: &dyn Fn(usize) -> Option<&'a str>) -> Result<RunResult, String> {
    let text = |c: usize| field(c).unwrap_or("");
    let number = |c: usize, lo: f64, hi: f64| -> Result<f64, String> {
        let name = COLUMNS[c];
        let t = text(c);
        let x: f64 = t
            .parse()
            .map_err(|_| format!("{name}: {} is not a number", quote(t)))?;
        if !x.is_finite() {
            return Err(format!("{name}: {} is not a finite number", quote(t)));
        }
        if !(lo..=hi).contains(&x) {
            return Err(format!("{name}: {} is outside [{lo}, {hi}]", quote(t)));
        }
        Ok(x)
    };
    let flag = |c: usize| match text(c) {
        "true" => Ok(true),
        "false" => Ok(false),
        t => Err(format!("{}: {} is not true or false", COLUMNS[c], quote(t))),
    };
    let value = number(1, -MAX_VALUE, MAX_VALUE)?;
    let value2 = match field(2) {
        Some(_) => Some(number(2, -MAX_VALUE, MAX_VALUE)?),
        None => None,
    };
    let seed = text(3)
        .parse()
        .map_err(|_| format!("seed: {} is not a seed", quote(text(3))))?;
    let synced = flag(4)?;
    let time = number(5, 0.0, MAX_CAP)?;
    let offset = match (text(6), synced) {
        ("", false) => None,
        ("", true) => return Err("offset: empty, but the run is in step (synced true)".into()),
        (_, true) => Some(number(6, 0.0, 0.5)?),
        (t, false) => {
            let reason = format!("offset: {} for a run not in step (synced false)", quote(t));
            return Err(reason);
        }
    };
    let converged = flag(7)?;
    if converged && !synced {
        return Err("converged: true for a run not in step (synced false)".into());
    }
    let bursts = text(8);
    let digits = bursts.strip_prefix('-').unwrap_or(bursts);
    let final_bursts = match bursts.parse::<usize>() {
        Ok(b) if b <= MAX_FIRMS => b,
        _ if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) => {
            let reason = format!(
                "final_bursts: {} is outside [0, {MAX_FIRMS}]",
                quote(bursts)
            );
            return Err(reason);
        }
        _ => {
            let reason = format!("final_bursts: {} is not a whole number", quote(bursts));
            return Err(reason);
        }
    };
    Ok(RunResult {
        arm: 0,
        value,
        value2,
        seed,
        synced,
        time,
        offset,
        converged,
        final_bursts,
    })
}

/// A CSV line's fields; double quotes around a field, `""` for a quote.
fn split(line: &str) -> Result<Vec<Cow<'_, str>>, String> {
    if !line.contains('"') {
        return Ok(line.split(',').map(Cow::Borrowed).collect());
    }
    let mut fields = vec![String::new()];
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                chars.next();
                fields.last_mut().unwrap().push('"');
            }
            ('"', _) => quoted = !quoted,
            (',', false) => fields.push(String::new()),
            (c, _) => fields.last_mut().unwrap().push(c),
        }
    }
    if quoted {
        return Err("unterminated quote".into());
    }
    Ok(fields.into_iter().map(Cow::Owned).collect())
}
