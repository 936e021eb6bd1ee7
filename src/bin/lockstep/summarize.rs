//! `lockstep summarize`: the rows of a sweep's shards, read back from their
//! files (in any order) and summarized as the whole sweep's `--summary`.

use crate::sweep::{ExperimentArgs, labels, sentences};
use clap::Args;
use lockstep::FieldError;
use lockstep::experiments::{self, Ensemble, Experiment, RowReader};
use std::io::{BufRead, BufReader};

/// Most bytes read from all the files together (about 20 million runs):
/// the runs are held in memory (16 bytes each) until the summary is done.
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
    let mut files = Files::open(&args.files)?;
    let mut reader = RowReader::new();
    let mut runs = Ensemble::new();
    files.read(|place, line| {
        if let Some(run) = reader.line(line)? {
            runs.add(&run, place);
        }
        Ok(())
    })?;
    if !reader.has_header() {
        let reason = "no header line: not a sweep's CSV";
        return Err(FieldError::new(files.names().join(", "), reason));
    }
    refuse_twice(&files, &mut runs)?;
    let stated = args.sentences || args.experiment.given();
    if !stated {
        let summaries = runs.summaries();
        return Ok(experiments::summary_csv(
            reader.labels(),
            reader.grid(),
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
    let first = files.names().first().copied().unwrap_or("rows").to_owned();
    rearm(
        &experiment,
        &first,
        reader.labels(),
        reader.grid(),
        &mut runs,
    )?;
    in_plan(&experiment, &files, &runs)?;
    let summaries = runs.summaries();
    let grid = experiment.y.is_some();
    let mut out = experiments::summary_csv(&labels(&experiment), grid, &summaries);
    if args.sentences {
        out.push_str(&sentences(&experiment, &summaries, &runs));
    }
    Ok(out)
}

/// The files, opened before any is read (stdin's name: `stdin`), and where
/// each one's lines start among all of them: a run's place is its line
/// counted over all the files.
struct Files {
    inputs: Vec<(String, Box<dyn BufRead>)>,
    /// Each file's name and the place of its line 0.
    starts: Vec<(String, u64)>,
}

impl Files {
    fn open(paths: &[String]) -> Result<Files, FieldError> {
        let mut stdin_read = false;
        let mut inputs: Vec<(String, Box<dyn BufRead>)> = Vec::new();
        for path in paths {
            let name = if path == "-" { "stdin" } else { path.as_str() };
            let input: Box<dyn BufRead> = if path == "-" {
                if std::mem::replace(&mut stdin_read, true) {
                    return Err(FieldError::new("-", "stdin given twice"));
                }
                Box::new(std::io::stdin().lock())
            } else {
                let file =
                    std::fs::File::open(path).map_err(|e| FieldError::new(name, e.to_string()))?;
                Box::new(BufReader::with_capacity(1 << 20, file))
            };
            inputs.push((name.to_owned(), input));
        }
        Ok(Files {
            inputs,
            starts: Vec::new(),
        })
    }

    fn names(&self) -> Vec<&str> {
        self.inputs.iter().map(|(n, _)| n.as_str()).collect()
    }

    /// Calls `each(place, line)` for every line of every file, in order,
    /// without its line break (and a file's byte order mark); an error
    /// is named by the file and line. At most [`MAX_BYTES`] in all.
    fn read(
        &mut self,
        mut each: impl FnMut(u64, &str) -> Result<(), String>,
    ) -> Result<(), FieldError> {
        let mut total = 0usize;
        let mut place = 0u64;
        let mut bytes = Vec::new();
        for (name, input) in &mut self.inputs {
            self.starts.push((name.clone(), place));
            let mut offset = 0usize;
            for line_number in 1.. {
                bytes.clear();
                let read = input
                    .read_until(b'\n', &mut bytes)
                    .map_err(|e| FieldError::new(name.as_str(), e.to_string()))?;
                if read == 0 {
                    break;
                }
                total += read;
                if total > MAX_BYTES {
                    let reason = format!(
                        "the files go on past the limit of {MAX_BYTES} bytes in all (about 20 \
                         million runs, held in memory); summarize fewer shards at once"
                    );
                    return Err(FieldError::new(name.as_str(), reason));
                }
                let text = std::str::from_utf8(&bytes).map_err(|e| {
                    let at = offset + e.valid_up_to();
                    FieldError::new(name.as_str(), format!("not UTF-8 text (byte {at})"))
                })?;
                offset += read;
                let text = match text.strip_suffix('\n') {
                    Some(t) => t.strip_suffix('\r').unwrap_or(t),
                    None => text,
                };
                let text = match line_number {
                    1 => text.strip_prefix('\u{feff}').unwrap_or(text),
                    _ => text,
                };
                place += 1;
                each(place, text).map_err(|reason| {
                    FieldError::new(name.as_str(), reason).at_line(line_number)
                })?;
            }
        }
        Ok(())
    }

    /// The file and line of a place.
    fn locate(&self, place: u64) -> (&str, u64) {
        let file = self.starts.iter().rev().find(|(_, start)| *start < place);
        file.map_or(("rows", 0), |(name, start)| (name.as_str(), place - start))
    }
}

/// Refuses a run that appears twice: it would count twice in the summary.
fn refuse_twice(files: &Files, runs: &mut Ensemble) -> Result<(), FieldError> {
    let Some(twice) = runs.twice() else {
        return Ok(());
    };
    let (name, line) = files.locate(twice.second);
    let (was, was_line) = files.locate(twice.first);
    let reason = format!(
        "the run of seed {} at value {} is already in {was} line {was_line} (a file given \
         twice?)",
        twice.seed, twice.value
    );
    Err(FieldError::new(name, reason).at_line(line as usize))
}

/// Numbers the runs' arms as the experiment does (the rows number them in
/// the order their labels first appear), after checking that the rows
/// have the experiment's columns.
fn rearm(
    experiment: &Experiment,
    file: &str,
    labels: &[String],
    grid: bool,
    runs: &mut Ensemble,
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
    runs.renumber_arms(&to);
    Ok(())
}

/// Refuses a run that is not one of the experiment's (the first in the
/// files' order), and notes runs of the experiment that the files miss.
fn in_plan(experiment: &Experiment, files: &Files, runs: &Ensemble) -> Result<(), FieldError> {
    let seeds = u64::from(experiment.seeds);
    let among = |v: f64, values: &[f64]| values.contains(&v);
    let why = |value: f64, value2: Option<f64>, seed: u32| {
        let offset = u64::from(seed.wrapping_sub(experiment.first_seed));
        if !among(value, &experiment.x.values) {
            Some(format!(
                "value {value} is not among the experiment's {} values",
                experiment.x.path
            ))
        } else if let (Some(y), Some(v)) = (&experiment.y, value2)
            && !among(v, &y.values)
        {
            Some(format!(
                "value2 {v} is not among the experiment's {} values",
                y.path
            ))
        } else if offset >= seeds {
            Some(format!(
                "seed {seed} is not among the experiment's seeds ({} from {})",
                experiment.seeds, experiment.first_seed
            ))
        } else {
            None
        }
    };
    let first = runs
        .runs()
        .filter(|&(_, value, value2, seed, _)| why(value, value2, seed).is_some())
        .min_by_key(|&(.., place)| place);
    if let Some((_, value, value2, seed, place)) = first {
        let reason = why(value, value2, seed).unwrap_or_default();
        let (name, line) = files.locate(place);
        return Err(
            FieldError::new(name, format!("{reason}: not the sweep that wrote it"))
                .at_line(line as usize),
        );
    }
    let whole = experiment.plan().map_or(0, |p| p.sweep_len());
    let held = runs.len();
    if held < whole {
        crate::say(&format!(
            "lockstep: note: the files hold {held} of the experiment's {whole} runs (a shard \
             missing?); the summary is of those"
        ));
    }
    Ok(())
}
