//! `lockstep summarize`: the rows of a sweep's shards, read back from their
//! files (in any order) and summarized as the whole sweep's `--summary`.

use crate::sweep::{ExperimentArgs, labels, sentences};
use clap::Args;
use lockstep::FieldError;
use lockstep::experiments::{self, Experiment, RUN_COLUMNS, RunResult, read_rows};
use std::collections::HashMap;
use std::io::Read;

/// Most bytes read from all the files together (about 20 million runs):
/// the text and the runs are held in memory until the summary is done.
pub const MAX_BYTES: usize = 1 << 30;

pub const AFTER_HELP: &str = "\
Output: the summary table of `lockstep sweep --summary` (see `lockstep help sweep`), of
all the runs of the files. The summary depends on the set of runs only: shards given in
any order summarize byte for byte as the whole sweep's --summary.

A run given twice (a shard's file named twice, or the whole sweep's file with its shards)
is refused, naming both places. Errors name the file and line:
`lockstep: part-3.csv line 17: time: `x` is not a number`, exit 2.

Arms come in the order they first appear in the files; give the sweep's options (below)
to keep the experiment's order. With them the runs are also checked against the
experiment (each must be one of its runs; missing runs are noted on stderr), and
--sentences can state the result.

Example (the shards of a job array):
  lockstep summarize part-*.csv
  lockstep summarize part-*.csv --sentences --url 'https://.../#v=1&...&x.p=eps&...'";

#[derive(Args)]
pub struct SummarizeArgs {
    /// Run CSV files written by `lockstep sweep` (shards in any order,
    /// each with its header); `-` reads stdin. At most 1073741824 bytes
    /// in all
    #[arg(value_name = "FILE", required = true)]
    files: Vec<String>,
    /// After the table, print the sentences that state the result (as
    /// `sweep --sentences` does); needs the experiment: give the sweep's
    /// own options (--url, --ready, or --json/--scenario with --param and
    /// --values, and any others it was given)
    #[arg(long)]
    sentences: bool,
    #[command(flatten, next_help_heading = "The sweep that wrote the files")]
    experiment: ExperimentArgs,
}

pub fn output(args: &SummarizeArgs) -> Result<String, FieldError> {
    let files = read_files(&args.files)?;
    let named: Vec<(&str, &str)> = files
        .iter()
        .map(|(n, t)| (n.as_str(), t.as_str()))
        .collect();
    let mut rows = read_rows(&named).map_err(|e| match e.field.as_str() {
        "rows" => {
            let names: Vec<&str> = named.iter().map(|f| f.0).collect();
            e.renamed(names.join(", "))
        }
        _ => e,
    })?;
    refuse_twice(&named, &rows.runs)?;
    let stated = args.sentences || args.experiment.given();
    if !stated {
        let summaries = experiments::summarize(&rows.runs);
        return Ok(experiments::summary_csv(
            &rows.labels,
            rows.grid,
            &summaries,
        ));
    }
    if args.sentences && !args.experiment.given() {
        let reason = "the sentences need the experiment: give the sweep's own options (--url \
                      LINK, --ready ID, or --param PATH --values A,B,... with its scenario)";
        return Err(FieldError::new("--sentences", reason));
    }
    let experiment = args.experiment.experiment()?;
    experiment.check().map_err(|e| args.experiment.named(e))?;
    let first = named.first().map_or("rows", |f| f.0);
    rearm(&experiment, first, &rows.labels, rows.grid, &mut rows.runs)?;
    in_plan(&experiment, &named, &rows.runs)?;
    // Arm by arm, in the experiment's order (a summary's arms come in the
    // order they first appear).
    rows.runs.sort_by_key(|r| r.arm);
    let summaries = experiments::summarize(&rows.runs);
    let grid = experiment.y.is_some();
    let mut out = experiments::summary_csv(&labels(&experiment), grid, &summaries);
    if args.sentences {
        out.push_str(&sentences(&experiment, &summaries, &rows.runs));
    }
    Ok(out)
}

/// Each file's name (stdin's: `stdin`) and text, all of them together at
/// most [`MAX_BYTES`], read no further than that.
fn read_files(paths: &[String]) -> Result<Vec<(String, String)>, FieldError> {
    let mut left = MAX_BYTES;
    let mut stdin_read = false;
    let mut files = Vec::new();
    for path in paths {
        let name = if path == "-" { "stdin" } else { path.as_str() };
        let failed = |e: std::io::Error| FieldError::new(name, e.to_string());
        let reader: Box<dyn Read> = if path == "-" {
            if std::mem::replace(&mut stdin_read, true) {
                return Err(FieldError::new("-", "stdin given twice"));
            }
            Box::new(std::io::stdin().lock())
        } else {
            Box::new(std::fs::File::open(path).map_err(failed)?)
        };
        let mut bytes = Vec::new();
        reader
            .take(left as u64 + 1)
            .read_to_end(&mut bytes)
            .map_err(failed)?;
        if bytes.len() > left {
            let reason = format!(
                "the files go on past the limit of {MAX_BYTES} bytes in all (about 20 million \
                 runs, held in memory); summarize fewer shards at once"
            );
            return Err(FieldError::new(name, reason));
        }
        left -= bytes.len();
        let text = String::from_utf8(bytes).map_err(|e| {
            let at = e.utf8_error().valid_up_to();
            FieldError::new(name, format!("not UTF-8 text (byte {at})"))
        })?;
        files.push((name.to_owned(), text));
    }
    Ok(files)
}

/// The file and line of the `k`-th row (from 0) of the files, as
/// `read_rows` counts them: blank lines and headers are not rows.
fn locate(files: &[(&str, &str)], k: usize) -> (String, usize) {
    let mut seen = 0;
    for (name, text) in files {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        for (i, line) in text.lines().enumerate() {
            let header = line.ends_with(RUN_COLUMNS) && line.starts_with(['a', 'v']);
            if line.trim().is_empty() || header {
                continue;
            }
            if seen == k {
                return ((*name).to_owned(), i + 1);
            }
            seen += 1;
        }
    }
    ("rows".to_owned(), 0)
}

/// A run's place in the experiment: arm, value, second value, seed.
type Key = (usize, u64, Option<u64>, u32);

fn key(r: &RunResult) -> Key {
    // -0 and 0 are one value, as in a summary.
    let bits = |v: f64| if v == 0.0 { 0 } else { v.to_bits() };
    (r.arm, bits(r.value), r.value2.map(bits), r.seed)
}

/// Refuses a run that appears twice: it would count twice in the summary.
fn refuse_twice(files: &[(&str, &str)], runs: &[RunResult]) -> Result<(), FieldError> {
    let mut first: HashMap<Key, usize> = HashMap::with_capacity(runs.len());
    for (k, r) in runs.iter().enumerate() {
        if let Some(&j) = first.get(&key(r)) {
            let (name, line) = locate(files, k);
            let (was, was_line) = locate(files, j);
            let reason = format!(
                "the run of seed {} at value {} is already in {was} line {was_line} (a file \
                 given twice?)",
                r.seed, r.value
            );
            return Err(FieldError::new(name, reason).at_line(line));
        }
        first.insert(key(r), k);
    }
    Ok(())
}

/// Numbers the runs' arms as the experiment does (the rows number them in
/// the order their labels first appear), after checking that the rows
/// have the experiment's columns.
fn rearm(
    experiment: &Experiment,
    file: &str,
    labels: &[String],
    grid: bool,
    runs: &mut [RunResult],
) -> Result<(), FieldError> {
    let arms = crate::sweep::labels(experiment);
    let columns = |several: bool, grid: bool| {
        let arm = if several { "arm," } else { "" };
        let value2 = if grid { "value2," } else { "" };
        format!("{arm}value,{value2}...")
    };
    let several = arms.len() > 1;
    if runs.is_empty() {
        return Ok(());
    }
    let armed = !labels.is_empty();
    if armed != several || grid != experiment.y.is_some() {
        let reason = format!(
            "the files' columns are `{}`, the experiment's `{}`: not the sweep that wrote them",
            columns(armed, grid),
            columns(several, experiment.y.is_some())
        );
        return Err(FieldError::new(file, reason));
    }
    if !several {
        return Ok(());
    }
    let mut to = Vec::with_capacity(labels.len());
    for label in labels {
        let arm = arms.iter().position(|a| a == label).ok_or_else(|| {
            let reason = format!(
                "the files have an arm `{label}`; the experiment's arms are {}",
                arms.join(", ")
            );
            FieldError::new(file, reason)
        })?;
        to.push(arm);
    }
    for r in runs {
        r.arm = to[r.arm];
    }
    Ok(())
}

/// Refuses a run that is not one of the experiment's, and notes runs of
/// the experiment that the files miss.
fn in_plan(
    experiment: &Experiment,
    files: &[(&str, &str)],
    runs: &[RunResult],
) -> Result<(), FieldError> {
    let seeds = u64::from(experiment.seeds);
    let among = |v: f64, values: &[f64]| values.contains(&v);
    for (k, r) in runs.iter().enumerate() {
        let offset = u64::from(r.seed.wrapping_sub(experiment.first_seed));
        let why = if !among(r.value, &experiment.x.values) {
            Some(format!(
                "value {} is not among the experiment's {} values",
                r.value, experiment.x.path
            ))
        } else if let (Some(y), Some(v)) = (&experiment.y, r.value2)
            && !among(v, &y.values)
        {
            Some(format!(
                "value2 {v} is not among the experiment's {} values",
                y.path
            ))
        } else if offset >= seeds {
            Some(format!(
                "seed {} is not among the experiment's seeds ({} from {})",
                r.seed, experiment.seeds, experiment.first_seed
            ))
        } else {
            None
        };
        if let Some(reason) = why {
            let (name, line) = locate(files, k);
            return Err(
                FieldError::new(name, format!("{reason}: not the sweep that wrote it"))
                    .at_line(line),
            );
        }
    }
    let whole = experiment.plan().map_or(0, |p| p.sweep_len());
    let held = runs.len() as u64;
    if held < whole {
        crate::say(&format!(
            "lockstep: note: the files hold {held} of the experiment's {whole} runs (a shard \
             missing?); the summary is of those"
        ));
    }
    Ok(())
}
