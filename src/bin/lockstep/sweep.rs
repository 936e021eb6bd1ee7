//! `lockstep sweep`: an ensemble over one parameter, as CSV rows.

use crate::source::Source;
use crate::{Cap, whole};
use clap::Args;
use lockstep::FieldError;
use lockstep::experiments::{self, Experiment, MAX_RUNS};
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
  median_low,median_high
                   95% bootstrap interval of median_time (`censored` where
                   the resampled medians are)

Example: lockstep sweep --json '{\"mode\":\"hybrid\"}' --param network.meanDegree \\
           --values 4,8,16 --seeds 40 --summary";

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
    /// Runs per value, with seeds S, S+1, ..., S+N-1 (past 4294967295 they
    /// go on from 0)
    #[arg(long, value_name = "N", default_value_t = 20, value_parser = seeds,
          allow_hyphen_values = true)]
    seeds: u32,
    /// The first seed S, 0 to 4294967295
    #[arg(long, value_name = "S", default_value_t = 1, value_parser = seed,
          allow_hyphen_values = true)]
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
    /// A shard (or a sweep not sharded) runs at most 1000000 runs: its rows
    /// are held in memory until all are done; shard bigger sweeps.
    #[arg(
        long,
        value_name = "I/N",
        default_value = "1/1",
        allow_hyphen_values = true
    )]
    shard: Shard,
    /// Write one summary row per value instead of one row per run
    #[arg(long)]
    summary: bool,
}

/// `I/N` with 1 <= I <= N (any sizes: a shard's runs are computed, not listed).
#[derive(Clone, Copy)]
struct Shard {
    index: u64,
    count: u64,
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(text: &str) -> Result<Shard, String> {
        let bad = || format!("`{text}` is not I/N, whole numbers with 1 <= I <= N");
        let (i, n) = text.trim().split_once('/').ok_or_else(bad)?;
        let index: u64 = i.trim().parse().map_err(|_| bad())?;
        let count: u64 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

/// A swept value: a finite number.
fn number(text: &str) -> Result<f64, String> {
    let text = text.trim();
    match text.parse::<f64>() {
        Ok(x) if x.is_finite() => Ok(x),
        Ok(_) => Err(format!("`{text}` is not a finite number")),
        Err(_) if text.is_empty() => Err("an empty value is not a number".into()),
        Err(_) => Err(format!("`{text}` is not a number")),
    }
}

fn seeds(text: &str) -> Result<u32, String> {
    match whole(text, 0, u32::MAX.into(), "seeds per value")? {
        0 => Err("0 seeds run nothing: give at least 1".into()),
        // At most u32::MAX, checked.
        n => Ok(n as u32),
    }
}

fn seed(text: &str) -> Result<u32, String> {
    // At most u32::MAX, checked.
    whole(text, 0, u32::MAX.into(), "the first seed").map(|n| n as u32)
}

pub fn output(args: &SweepArgs) -> Result<String, FieldError> {
    if args.param == "seed" {
        let reason = "a sweep sets each run's seed itself; to vary seeds, use --seeds N \
                      --first-seed S (the seeds S, S+1, ..., S+N-1), and sweep another parameter";
        return Err(FieldError::new("--param", reason));
    }
    let scenario = args.source.load()?;
    let experiment = Experiment::one_way(
        &scenario,
        &args.param,
        &args.values,
        args.first_seed,
        args.seeds,
        args.cap.cycles,
    );
    let plan = experiment.plan().map_err(|e| e.renamed("--values"))?;
    let Shard { index, count } = args.shard;
    let shard = plan.shard(index, count).map_err(|e| e.renamed("--shard"))?;
    if shard.len() > MAX_RUNS {
        return Err(too_many(&plan, &shard, count));
    }
    let runs = experiments::run_all(&experiment, &shard)?;
    if args.summary {
        let labels: Vec<String> = experiment.arms.iter().map(|a| a.label.clone()).collect();
        return Ok(experiments::summary_csv(
            &labels,
            false,
            &experiments::summarize(&runs),
        ));
    }
    Ok(experiment.csv(&runs))
}

/// Why a sweep or shard is too big, and how many shards would do.
fn too_many(plan: &experiments::Plan, shard: &experiments::Plan, count: u64) -> FieldError {
    let total = plan.sweep_len();
    let needed = total.div_ceil(MAX_RUNS);
    let what = if count > 1 {
        format!("this shard has {} of the sweep's {total} runs", shard.len())
    } else {
        format!("the sweep has {total} runs (values times seeds)")
    };
    let reason = format!(
        "{what}; one command runs at most {MAX_RUNS}, since their rows are held in memory \
         until all are done: split it with --shard I/N, N >= {needed} (a job array)"
    );
    FieldError::new(if count > 1 { "--shard" } else { "--seeds" }, reason)
}
