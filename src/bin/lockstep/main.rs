//! The native command line: the same scenarios and sweeps as the page.
//! `lockstep --help` and `lockstep help <command>` describe every option;
//! docs/ensembles.sh regenerates docs/model.md's tables with `sweep`.

mod moment;
mod ready;
mod source;
mod summarize;
mod sweep;
mod table;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{Args, Parser, Subcommand};
use lockstep::error::excerpt;
use lockstep::experiments::{self, MAX_CAP, MAX_RUNS};
use lockstep::share::MAX_FILE_BYTES;
use lockstep::{FieldError, Scenario, Simulation, release_digest};
use source::Source;
use std::io::Write;
use std::process::ExitCode;

const AFTER_HELP: &str = "\
A scenario is JSON with any of the fields of the default (`lockstep run --show-default`);
the others keep their defaults. `lockstep params` lists every field with its range.

Exit codes:
  0  success
  1  the output could not be written (a closed pipe, a full disk)
  2  bad input: a usage error, or a scenario, link or value that cannot run
Errors go to stderr as `lockstep: <field>: <reason>` (the field may be an
option, such as `lockstep: --cap: ...`).";

/// The help's closing text, with the limits that keep every command short.
fn after_help() -> String {
    format!(
        "{AFTER_HELP}\n\nLimits, so that every command ends and fits in memory: --cap at most \
         {MAX_CAP} cycles; digest --events at most {MAX_EVENTS}; at most {MAX_RUNS} runs \
         in one sweep or shard; a scenario at most {MAX_FILE_BYTES} bytes; summarize reads at \
         most {} bytes.",
        summarize::MAX_BYTES
    )
}

#[derive(Parser)]
#[command(version, about, after_help = after_help())]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run one scenario until synchrony or the cap, and say how it ended
    Run(RunArgs),
    /// Run an experiment: arms, one or two parameters over values, seeds; one CSV row per run
    #[command(after_help = sweep::COLUMNS)]
    Sweep(sweep::SweepArgs),
    /// Summarize the CSV rows of a sweep's shards (in any order) as the whole sweep's --summary
    #[command(after_help = summarize::AFTER_HELP)]
    Summarize(summarize::SummarizeArgs),
    /// List the ready experiments (one per finding): id, runs, title
    #[command(after_help = ready::AFTER_HELP)]
    Ready,
    /// Print a digest of a scenario's first releases (equal digests, equal runs)
    Digest(DigestArgs),
    /// Describe a scenario's network in words: its subgroups and how they are joined, the coordinators
    Describe(DescribeArgs),
    /// Print the parameter table: path, link key, kind, range, default, meaning
    Params(ParamsArgs),
}

#[derive(Args)]
struct RunArgs {
    #[command(flatten)]
    source: Source,
    #[command(flatten)]
    cap: Cap,
    /// Print the default scenario as JSON (every field a scenario may set)
    #[arg(long, conflicts_with_all = ["scenario", "json", "url"])]
    show_default: bool,
    /// Instead of running to synchrony, print the state of each pane at
    /// this moment, as JSON: the phases' digest, the releases, the page's
    /// readings, and digests of its r(t) chart and release raster. The page
    /// sent to the same moment (its timeline, or a link's t=) shows the
    /// same state, bit for bit
    #[arg(long, value_name = "CYCLES", value_parser = moment::cycles, allow_hyphen_values = true,
          conflicts_with = "show_default")]
    at: Option<f64>,
}

/// `run`'s cap (`sweep` has its own, which a link may give).
#[derive(Args)]
pub struct Cap {
    /// Stop a run after this many cycles (at most 1000000); a run not
    /// synchronized by then is censored
    #[arg(long = "cap", value_name = "CYCLES", default_value_t = 500.0, value_parser = cycles,
          allow_hyphen_values = true)]
    pub cycles: f64,
}

#[derive(Args)]
struct DigestArgs {
    #[command(flatten)]
    source: Source,
    /// How many releases to hash (firm and time of each, FNV-1a), 1 to 100000000
    #[arg(long, value_name = "N", default_value_t = 1000, value_parser = events,
          allow_hyphen_values = true)]
    events: usize,
}

#[derive(Args)]
struct DescribeArgs {
    #[command(flatten)]
    source: Source,
}

#[derive(Args)]
struct ParamsArgs {
    /// Print the rows as JSON (the table the page reads), not as text
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => return usage(e),
    };
    let text = match cli.command.output() {
        Ok(text) => text,
        Err(e) => {
            say(&format!("lockstep: {e}"));
            return ExitCode::from(2);
        }
    };
    // Written at once, so a closed pipe is an error message, not a panic.
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            say(&format!("lockstep: stdout: {e}"));
            ExitCode::from(1)
        }
    }
}

/// A line on stderr. Unlike `eprintln!`, a closed or full stderr is not a
/// panic: the exit code still tells.
pub fn say(line: &str) {
    let mut err = std::io::stderr().lock();
    let _ = writeln!(err, "{line}");
}

/// A value an option's parser refused is bad input like any other:
/// `lockstep: --cap: <reason>`, exit 2. Help, --version and other usage
/// errors are clap's own (exit 0 and 2).
fn usage(e: clap::Error) -> ExitCode {
    let option = match e.get(ContextKind::InvalidArg) {
        Some(ContextValue::String(arg)) => arg.split(' ').next().unwrap_or(arg),
        _ => "",
    };
    let reason = std::error::Error::source(&e).map(ToString::to_string);
    match (e.kind(), reason) {
        (ErrorKind::ValueValidation, Some(reason)) if !option.is_empty() => {
            say(&format!("lockstep: {option}: {reason}"));
            ExitCode::from(2)
        }
        // clap would quote the whole value: a hostile one, whole.
        (ErrorKind::InvalidValue, _) if !option.is_empty() => {
            let given = match e.get(ContextKind::InvalidValue) {
                Some(ContextValue::String(v)) => excerpt(v),
                _ => String::new(),
            };
            let valid = match e.get(ContextKind::ValidValue) {
                Some(ContextValue::Strings(values)) => format!(" one of {}", values.join(", ")),
                _ => String::new(),
            };
            say(&format!("lockstep: {option}: `{given}` is not{valid}"));
            ExitCode::from(2)
        }
        _ => {
            let _ = e.print();
            ExitCode::from(e.exit_code().clamp(0, 255) as u8)
        }
    }
}

impl Command {
    /// What the command prints on stdout.
    fn output(&self) -> Result<String, FieldError> {
        match self {
            Command::Run(args) => run(args),
            Command::Sweep(args) => sweep::output(args),
            Command::Summarize(args) => summarize::output(args),
            Command::Ready => ready::list(),
            Command::Digest(args) => {
                let digest = release_digest(&args.source.load()?, args.events)?;
                Ok(format!("{digest:016x}\n"))
            }
            Command::Describe(args) => {
                let scenario = args.source.load()?.into_scenario();
                let sentences = Simulation::new(&scenario)?.anatomy().sentences();
                Ok(sentences.join("\n") + "\n")
            }
            Command::Params(args) if args.json => {
                let json = serde_json::to_string_pretty(&Scenario::parameters());
                Ok(json.map_err(|e| FieldError::new("params", e.to_string()))? + "\n")
            }
            Command::Params(_) => Ok(table::render(&Scenario::parameters())),
        }
    }
}

fn run(args: &RunArgs) -> Result<String, FieldError> {
    if args.show_default {
        let json = serde_json::to_string_pretty(&Scenario::default());
        return Ok(json.map_err(|e| FieldError::new("scenario", e.to_string()))? + "\n");
    }
    if let Some(at) = args.at {
        return moment::output(&args.source, at);
    }
    let cap = args.cap.cycles;
    let r = experiments::run_one(&args.source.load()?, 0.0, cap)?;
    Ok(match r.offset {
        Some(offset) => format!(
            "synchrony after {:.3} cycles; offset from the roadmap {offset:.4} cycle ({})\n",
            r.time,
            if r.converged {
                "converged to the coordinators' rhythm"
            } else {
                "another rhythm"
            }
        ),
        None => format!(
            "no synchrony within {cap} cycles (censored); {} rhythms alive\n",
            r.final_bursts
        ),
    })
}

/// A cap: a positive, finite number of cycles, at most [`MAX_CAP`] (an
/// endless run never ends; a run of a billion cycles takes days).
pub fn cycles(text: &str) -> Result<f64, String> {
    let x: f64 = text
        .trim()
        .parse()
        .map_err(|_| format!("`{}` is not a number of cycles", excerpt(text)))?;
    experiments::check_cap(x).map_err(|e| e.reason)?;
    Ok(x)
}

/// Most releases a digest hashes: about 0.1 µs each for the default
/// scenario (10 s for the limit), more for large networks.
const MAX_EVENTS: u64 = 100_000_000;

fn events(text: &str) -> Result<usize, String> {
    let what = "releases to hash, about 0.1 µs each: a bigger digest could take many minutes";
    let n = whole(text, 1, MAX_EVENTS, what)?;
    // At most MAX_EVENTS, which fits usize on every target.
    Ok(n as usize)
}

/// A whole number in `min..=max`, or why not (`what` it is, for the reason).
pub fn whole(text: &str, min: u64, max: u64, what: &str) -> Result<u64, String> {
    let n: u64 = text.trim().parse().map_err(|_| {
        let shown = excerpt(text);
        format!("`{shown}` is not a whole number from {min} to {max} ({what})")
    })?;
    if n < min || n > max {
        return Err(format!("{n} is outside {min} to {max} ({what})"));
    }
    Ok(n)
}
