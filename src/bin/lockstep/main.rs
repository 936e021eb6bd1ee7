//! The native command line: the same scenarios and sweeps as the page.
//! `lockstep --help` and `lockstep help <command>` describe every option;
//! docs/ensembles.sh regenerates docs/model.md's tables with `sweep`.

mod source;
mod sweep;
mod table;

use clap::{Args, Parser, Subcommand};
use lockstep::{FieldError, Scenario, experiments, release_digest};
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
Errors go to stderr as `lockstep: <field>: <reason>`.";

#[derive(Parser)]
#[command(version, about, after_help = AFTER_HELP)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Run one scenario until synchrony or the cap, and say how it ended
    Run(RunArgs),
    /// Run an ensemble: one parameter over values and seeds, one CSV row per run
    #[command(after_help = sweep::COLUMNS)]
    Sweep(sweep::SweepArgs),
    /// Print a digest of a scenario's first releases (equal digests, equal runs)
    Digest(DigestArgs),
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
}

/// Shared by `run` and `sweep`.
#[derive(Args)]
pub struct Cap {
    /// Stop a run after this many cycles; a run not synchronized by then is censored
    #[arg(long = "cap", value_name = "CYCLES", default_value_t = 500.0, value_parser = cycles)]
    pub cycles: f64,
}

#[derive(Args)]
struct DigestArgs {
    #[command(flatten)]
    source: Source,
    /// How many releases to hash (firm and time of each, FNV-1a)
    #[arg(long, value_name = "N", default_value_t = 1000)]
    events: usize,
}

#[derive(Args)]
struct ParamsArgs {
    /// Print the rows as JSON (the table the page reads), not as text
    #[arg(long)]
    json: bool,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let text = match cli.command.output() {
        Ok(text) => text,
        Err(e) => {
            eprintln!("lockstep: {e}");
            return ExitCode::from(2);
        }
    };
    // Written at once, so a closed pipe is an error message, not a panic.
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("lockstep: stdout: {e}");
            ExitCode::from(1)
        }
    }
}

impl Command {
    /// What the command prints on stdout.
    fn output(&self) -> Result<String, FieldError> {
        match self {
            Command::Run(args) => run(args),
            Command::Sweep(args) => sweep::output(args),
            Command::Digest(args) => {
                let digest = release_digest(&args.source.load()?, args.events)?;
                Ok(format!("{digest:016x}\n"))
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

/// A cap: a positive, finite number of cycles (an endless run never ends).
fn cycles(text: &str) -> Result<f64, String> {
    match text.trim().parse::<f64>() {
        Ok(x) if x > 0.0 && x.is_finite() => Ok(x),
        _ => Err(format!("`{text}` is not a positive number of cycles")),
    }
}
