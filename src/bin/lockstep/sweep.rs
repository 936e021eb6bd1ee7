//! `lockstep sweep`: an ensemble over one parameter, as CSV rows.

use crate::Cap;
use crate::source::Source;
use clap::Args;
use lockstep::FieldError;
use lockstep::experiments::{self, CSV_HEADER, csv_row};
use std::fmt::Write;
use std::str::FromStr;

/// The columns, for `sweep --help`; the headers are the core's.
pub const COLUMNS: &str = "\
Output: CSV on stdout, a header line, then one row per run (value by value, seeds in order):
  value         the swept parameter's value
  seed          the run's seed (its network, phases and coordinators follow from it)
  synced        true if every firm released in one burst, held for 3 more bursts
  time          cycles to synchrony; the cap when censored (synced false)
  offset        cycles in [0, 0.5] from the coordinators' roadmap to the common
                release; empty when censored
  converged     true if offset <= 0.05: the firms took up the coordinators' rhythm
  final_bursts  release bursts in the run's last cycle: the rhythms still alive

With --summary, one row per value instead:
  value            the swept value
  runs             runs at this value
  censored         runs that did not synchronize before the cap
  mean_time        mean cycles to synchrony, censored runs counted at the cap
                   (so a lower bound when any are censored)
  median_time      median, censored runs counted slower than every synced run;
                   `censored` when the median run is
  ci_low,ci_high   95% bootstrap interval of mean_time
  converged_share  share of runs with converged true

Example: lockstep sweep --json '{\"mode\":\"hybrid\"}' --param network.meanDegree \\
           --values 4,8,16 --seeds 40 --summary";

const SUMMARY_HEADER: &str =
    "value,runs,censored,mean_time,median_time,ci_low,ci_high,converged_share";

#[derive(Args)]
pub struct SweepArgs {
    #[command(flatten)]
    source: Source,
    /// The parameter to sweep: any numeric parameter of `lockstep params`
    /// (eps, coordinators, network.meanDegree, ...)
    #[arg(long, value_name = "PATH")]
    param: String,
    /// The values to give it, comma-separated
    #[arg(long, value_name = "A,B,C", required = true, value_delimiter = ',',
          value_parser = number, allow_hyphen_values = true)]
    values: Vec<f64>,
    /// Runs per value, with seeds S, S+1, ..., S+N-1
    #[arg(long, value_name = "N", default_value_t = 20)]
    seeds: u32,
    /// The first seed S
    #[arg(long, value_name = "S", default_value_t = 1)]
    first_seed: u32,
    #[command(flatten)]
    cap: Cap,
    /// Run only shard I of N of the sweep, e.g. one task of a job array
    ///
    /// A shard is every N-th run of the sweep's runs (value by value, seeds in
    /// order), starting from the I-th. Runs are deterministic, so the N shards
    /// of one sweep, run anywhere, concatenate into the whole sweep: the same
    /// rows, in another order, once the repeated headers are dropped
    /// (`tail -n +2` on all but the first). With --summary a shard summarizes
    /// only its own runs; summarize the whole sweep from the joined rows.
    #[arg(long, value_name = "I/N", default_value = "1/1")]
    shard: Shard,
    /// Write one summary row per value instead of one row per run
    #[arg(long)]
    summary: bool,
}

/// `I/N` with 1 <= I <= N.
#[derive(Clone, Copy)]
struct Shard {
    index: usize,
    count: usize,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("`{text}` is not I/N with 1 <= I <= N");
        let (i, n) = text.split_once('/').ok_or_else(bad)?;
        let (index, count) = (i.parse().map_err(|_| bad())?, n.parse().map_err(|_| bad())?);
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

fn number(text: &str) -> Result<f64, String> {
    let text = text.trim();
    text.parse()
        .map_err(|_| format!("`{text}` is not a number"))
}

pub fn output(args: &SweepArgs) -> Result<String, FieldError> {
    let scenario = args.source.load()?;
    let plan = experiments::plan(&args.values, args.first_seed, args.seeds)?;
    let plan = plan.shard(args.shard.index as u64, args.shard.count as u64)?;
    let runs = experiments::run_all(&scenario, &args.param, &plan, args.cap.cycles)?;
    let mut out = String::new();
    if args.summary {
        writeln!(out, "{SUMMARY_HEADER}").unwrap();
        for s in experiments::summarize(&runs) {
            let median = s
                .median_time
                .map_or("censored".into(), |m| format!("{m:.3}"));
            let (low, high) = s.interval;
            writeln!(
                out,
                "{},{},{},{:.3},{median},{low:.3},{high:.3},{:.3}",
                s.value, s.runs, s.censored, s.mean_time, s.converged_share
            )
            .unwrap();
        }
    } else {
        writeln!(out, "{CSV_HEADER}").unwrap();
        runs.iter()
            .for_each(|r| writeln!(out, "{}", csv_row(r)).unwrap());
    }
    Ok(out)
}
