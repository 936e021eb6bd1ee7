//! Runs and summaries as CSV text. The command line and the page write the
//! same rows and the same summary table; `lockstep summarize` reads rows
//! back from shard files (in any order, each with its header), line by
//! line, and summarizes them exactly as the runs were.

use super::run::{RUN_COLUMNS, RunResult, csv_text};
use super::summary::PointSummary;

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

/// Reads the rows of run CSV files line by line, as the command line or
/// the page wrote them: every file has the same columns, a header may
/// repeat (shards concatenated), and arms are numbered in the order their
/// labels first appear. The caller names the file and line of an error.
#[derive(Clone, Debug, Default)]
pub struct RowReader {
    /// The header line, once one was read.
    columns: Option<String>,
    labels: Vec<String>,
    /// Whether the rows read have a second value.
    grid: bool,
}

impl RowReader {
    pub fn new() -> RowReader {
        RowReader::default()
    }

    /// One line (without its line break): the run of a row, or `None` for
    /// a header or a blank line.
    pub fn line(&mut self, line: &str) -> Result<Option<RunResult>, String> {
        if line.trim().is_empty() {
            return Ok(None);
        }
        if line.ends_with(RUN_COLUMNS) && line.starts_with(['a', 'v']) {
            match &self.columns {
                Some(c) if c != line => {
                    return Err(format!("columns `{line}` differ from `{c}`"));
                }
                _ => self.columns = Some(line.to_owned()),
            }
            return Ok(None);
        }
        let header = self
            .columns
            .as_deref()
            .ok_or_else(|| "rows before a header line".to_owned())?;
        self.grid = header.contains("value2,");
        read_row(header, line, &mut self.labels).map(Some)
    }

    /// Whether a header line was read.
    pub fn has_header(&self) -> bool {
        self.columns.is_some()
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

/// One row under `header`; a new arm label is added to `labels`.
fn read_row(header: &str, line: &str, labels: &mut Vec<String>) -> Result<RunResult, String> {
    let fields = split(line)?;
    let names: Vec<&str> = header.split(',').collect();
    if fields.len() != names.len() {
        return Err(format!("{} fields, expected {}", fields.len(), names.len()));
    }
    let get = |name: &str| {
        names
            .iter()
            .position(|&n| n == name)
            .map(|i| fields[i].as_str())
    };
    let number = |name: &str| -> Result<f64, String> {
        let text = get(name).unwrap_or("");
        text.parse::<f64>()
            .map_err(|_| format!("{name}: `{text}` is not a number"))
    };
    let flag = |name: &str| match get(name) {
        Some("true") => Ok(true),
        Some("false") => Ok(false),
        other => Err(format!(
            "{name}: `{}` is not true or false",
            other.unwrap_or("")
        )),
    };
    let arm = match get("arm") {
        Some(label) => match labels.iter().position(|l| l == label) {
            Some(i) => i,
            None => {
                labels.push(label.to_owned());
                labels.len() - 1
            }
        },
        None => 0,
    };
    let seed = get("seed").unwrap_or("");
    Ok(RunResult {
        arm,
        value: number("value")?,
        value2: match get("value2") {
            Some("") | None => None,
            Some(_) => Some(number("value2")?),
        },
        seed: seed
            .parse()
            .map_err(|_| format!("seed: `{seed}` is not a seed"))?,
        synced: flag("synced")?,
        time: number("time")?,
        offset: match get("offset") {
            Some("") | None => None,
            Some(_) => Some(number("offset")?),
        },
        converged: flag("converged")?,
        final_bursts: number("final_bursts")? as usize,
    })
}

/// A CSV line's fields; double quotes around a field, `""` for a quote.
fn split(line: &str) -> Result<Vec<String>, String> {
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
    Ok(fields)
}
