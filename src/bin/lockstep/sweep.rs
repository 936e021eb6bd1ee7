//! `lockstep sweep`: an experiment (one arm or several, one swept parameter
//! or two, seeds), as CSV rows or a summary. The experiment comes from the
//! options, from a page link that states one (`x.` keys), or from a ready
//! experiment; options given on the command line override the link's.

use crate::source::{Page, Source};
use crate::whole;
use clap::{Args, ValueEnum};
use lockstep::FieldError;
use lockstep::error::excerpt;
use lockstep::experiments::{
    self, ArmsOf, Axis, Ensemble, Experiment, ExperimentSpec, MAX_RUNS, PointSummary, ready,
};
use std::str::FromStr;

/// The columns, for `sweep --help`; the headers are the core's.
pub const COLUMNS: &str = "\
Output: CSV on stdout, a header line, then one row per run (arm by arm, value by value,
second value by second value, seeds in order):
  arm           the arm's label (only when the experiment has several arms)
  value         the swept parameter's value
  value2        the second parameter's value (only with --param2)
  seed          the run's seed (its network, phases and coordinators follow from it)
  synced        true if every firm released in one burst, held for 3 more bursts
  time          cycles to synchrony; the cap when censored (synced false)
  offset        cycles in [0, 0.5] from the coordinators' roadmap to the common
                release; empty when censored
  converged     true if offset <= 0.05: the firms took up the coordinators' rhythm
  final_bursts  release bursts in the run's last cycle: the rhythms still alive

With --summary, one row per point ([arm,]value[,value2]) instead:
  runs             runs at this point
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
Past 2000 runs at a point, the bootstrap resamples 2000 of them (docs/model.md says
how close that stays to resampling every run).
Points come arm by arm, values ascending. `lockstep summarize` writes the same
table from the rows of the shards.

With --sentences, after the CSV, the sentences that state the result, one a line:
`headline:` (the result in one sentence: which arm got in step faster and by how
much, or how the median moved along the sweep), `sweep:` (median time per
value), `shares:` (censored and converged runs, as percentages),
`distribution:` (how the runs at the first value reached synchrony), `grid:`
(a two-way grid's fastest and slowest points).

Examples:
  lockstep sweep --json '{\"mode\":\"hybrid\"}' --param network.meanDegree \\
    --values 4,8,16 --seeds 40 --summary
  lockstep sweep --url 'https://.../#v=1&...&x.p=eps&x.v=0.02,0.05' --seeds 100
  lockstep sweep --ready density --shard 3/8 > part-3.csv
  lockstep summarize part-*.csv";

/// The experiment's options, shared by `sweep` and `summarize`.
#[derive(Args)]
pub struct ExperimentArgs {
    #[command(flatten)]
    source: Source,
    /// Run a ready experiment (`lockstep ready` lists them): its panes and
    /// its sweep; the options below override its own
    #[arg(long, value_name = "ID", group = "input", value_parser = ready_id)]
    ready: Option<String>,
    /// What the arms are: one pane's scenario, both panes of a link or
    /// saved page (one arm each), or one pane in each mode (reactive,
    /// planned, hybrid); --pane chooses the pane [default: the link's or
    /// ready experiment's, else pane]
    #[arg(long, value_name = "ARMS", value_enum)]
    arms: Option<Arms>,
    /// The parameter to sweep: any numeric parameter of `lockstep params`
    /// (eps, coordinators, network.meanDegree, ...); replaces a link's or
    /// ready experiment's
    #[arg(long, value_name = "PATH", requires = "values")]
    param: Option<String>,
    /// The values to give it, comma-separated (at most 100); alone, they
    /// replace the values of a link's or ready experiment's parameter
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', value_parser = number,
          allow_hyphen_values = true)]
    values: Option<Vec<f64>>,
    /// A second parameter to sweep, any numeric one but --param's: a
    /// two-way grid, every value with every second value
    #[arg(long, value_name = "PATH", requires = "values2")]
    param2: Option<String>,
    /// The second parameter's values, comma-separated (at most 100)
    #[arg(long, value_name = "A,B,C", value_delimiter = ',', value_parser = number,
          allow_hyphen_values = true)]
    values2: Option<Vec<f64>>,
    /// Runs per point, with seeds S, S+1, ..., S+N-1 (past 4294967295 they
    /// go on from 0) [default: the link's or ready experiment's, else 20]
    #[arg(long, value_name = "N", value_parser = seeds, allow_hyphen_values = true)]
    seeds: Option<u32>,
    /// The first seed S, 0 to 4294967295 [default: the link's or ready
    /// experiment's, else 1]
    #[arg(long, value_name = "S", value_parser = seed, allow_hyphen_values = true)]
    first_seed: Option<u32>,
    /// Stop a run after this many cycles (at most 1000000); a run not
    /// synchronized by then is censored [default: the link's or ready
    /// experiment's, else 500]
    #[arg(long = "cap", value_name = "CYCLES", value_parser = crate::cycles,
          allow_hyphen_values = true)]
    cap: Option<f64>,
}

#[derive(Args)]
pub struct SweepArgs {
    #[command(flatten)]
    experiment: ExperimentArgs,
    /// Run only shard I of N of the experiment, e.g. one task of a job array
    ///
    /// A shard is every N-th run of the experiment's runs (arm by arm,
    /// value by value, second value by second value, seeds in order),
    /// starting from the I-th. Runs are deterministic, so the N shards of
    /// one experiment, run anywhere, hold the whole experiment's rows:
    /// `lockstep summarize` reads the shards' files (in any order) and
    /// prints the summary of the whole, the same as --summary without
    /// shards. With --summary a shard summarizes only its own runs.
    /// A shard (or an experiment not sharded) runs at most 1000000 runs:
    /// its rows are held in memory until all are done; shard bigger ones.
    #[arg(
        long,
        value_name = "I/N",
        default_value = "1/1",
        allow_hyphen_values = true
    )]
    shard: Shard,
    /// Write one summary row per point instead of one row per run
    #[arg(long)]
    summary: bool,
    /// After the CSV, print the sentences that state the result (see below)
    #[arg(long)]
    sentences: bool,
}

/// Where an experiment's arms come from.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Arms {
    /// One arm: the pane's scenario
    Pane,
    /// An arm per pane of a link or saved page
    Panes,
    /// Three arms: the pane's scenario in reactive, planned and hybrid mode
    Modes,
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
        let bad = || {
            format!(
                "`{}` is not I/N, whole numbers with 1 <= I <= N",
                excerpt(text)
            )
        };
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
        Ok(_) => Err(format!("`{}` is not a finite number", excerpt(text))),
        Err(_) if text.is_empty() => Err("an empty value is not a number".into()),
        Err(_) => Err(format!("`{}` is not a number", excerpt(text))),
    }
}

fn seeds(text: &str) -> Result<u32, String> {
    match whole(text, 0, u32::MAX.into(), "seeds per point")? {
        0 => Err("0 seeds run nothing: give at least 1".into()),
        // At most u32::MAX, checked.
        n => Ok(n as u32),
    }
}

fn seed(text: &str) -> Result<u32, String> {
    // At most u32::MAX, checked.
    whole(text, 0, u32::MAX.into(), "the first seed").map(|n| n as u32)
}

/// The id of a ready experiment.
fn ready_id(text: &str) -> Result<String, String> {
    let id = text.trim();
    if ready::find(id).is_some() {
        return Ok(id.to_owned());
    }
    let ids: Vec<&str> = ready::all().iter().map(|r| r.id).collect();
    Err(format!(
        "`{}` is not a ready experiment; `lockstep ready` lists them: {}",
        excerpt(text),
        ids.join(", ")
    ))
}

impl ExperimentArgs {
    /// Whether any option states an experiment (or its source).
    pub fn given(&self) -> bool {
        self.source.given()
            || self.source.chosen_pane().is_some()
            || self.ready.is_some()
            || self.arms.is_some()
            || self.param.is_some()
            || self.values.is_some()
            || self.param2.is_some()
            || self.values2.is_some()
            || self.seeds.is_some()
            || self.first_seed.is_some()
            || self.cap.is_some()
    }

    /// The experiment: the link's or ready one with the options' overrides,
    /// or the options' own over the scenario's pane(s). Not yet checked.
    pub fn experiment(&self) -> Result<Experiment, FieldError> {
        let page = match &self.ready {
            Some(id) => {
                let r = ready::find(id)
                    .ok_or_else(|| FieldError::new("--ready", format!("`{id}` is not ready")))?;
                Page {
                    panes: r.panes.into_iter().map(|p| (p.label, p.scenario)).collect(),
                    experiment: Some(r.spec),
                    what: "the ready experiment",
                }
            }
            None => self.source.page()?,
        };
        let spec = self.spec(page.experiment)?;
        let pane = match spec.arms {
            ArmsOf::Pane(i) | ArmsOf::Modes(i) => Some(i),
            ArmsOf::Panes => None,
        };
        spec.resolve(&page.panes).map_err(|e| match pane {
            Some(i) if e.field == "experiment.arms" => {
                let reason = format!(
                    "there is no pane {i}: {} has {} pane(s)",
                    page.what,
                    page.panes.len()
                );
                FieldError::new("--pane", reason)
            }
            _ => e,
        })
    }

    /// The stated experiment (`None`: the options alone) with the options'
    /// overrides.
    fn spec(&self, stated: Option<ExperimentSpec>) -> Result<ExperimentSpec, FieldError> {
        if let Some("seed") = self.param.as_deref() {
            let reason = "a sweep sets each run's seed itself; to vary seeds, use --seeds N \
                          --first-seed S (the seeds S, S+1, ..., S+N-1), and sweep another \
                          parameter";
            return Err(FieldError::new("--param", reason));
        }
        if let Some("seed") = self.param2.as_deref() {
            let reason = "a sweep sets each run's seed itself (--seeds N --first-seed S); \
                          sweep another parameter";
            return Err(FieldError::new("--param2", reason));
        }
        let stated_x = stated.as_ref().map(|s| s.x.clone());
        let mut spec = match stated {
            Some(spec) => spec,
            None => ExperimentSpec {
                arms: ArmsOf::Pane(0),
                x: Axis {
                    path: String::new(),
                    values: Vec::new(),
                },
                y: None,
                seeds: 20,
                first_seed: 1,
                cap: 500.0,
                ready: None,
            },
        };
        spec.x = match (&self.param, &self.values, stated_x) {
            (Some(path), Some(values), _) => axis(path, values),
            (Some(_), None, _) => return Err(FieldError::new("--values", "--param needs them")),
            (None, Some(values), Some(x)) => axis(&x.path, values),
            (None, None, Some(x)) => x,
            (_, _, None) => {
                let reason = "which parameter to sweep? Give --param PATH --values A,B,..., \
                              a link that holds an experiment, or --ready ID";
                return Err(FieldError::new("--param", reason));
            }
        };
        spec.y = match (&self.param2, &self.values2, spec.y.take()) {
            (Some(path), Some(values), _) => Some(axis(path, values)),
            (Some(_), None, _) => {
                return Err(FieldError::new("--values2", "--param2 needs them"));
            }
            (None, Some(values), Some(y)) => Some(axis(&y.path, values)),
            (None, None, y) => y,
            (_, _, None) => {
                let reason = "there is no second parameter to give values to: add --param2 PATH";
                return Err(FieldError::new("--values2", reason));
            }
        };
        spec.seeds = self.seeds.unwrap_or(spec.seeds);
        spec.first_seed = self.first_seed.unwrap_or(spec.first_seed);
        spec.cap = self.cap.unwrap_or(spec.cap);
        spec.arms = self.arms_of(spec.arms)?;
        Ok(spec)
    }

    /// The arms: --arms and --pane over the stated ones.
    fn arms_of(&self, stated: ArmsOf) -> Result<ArmsOf, FieldError> {
        let index = match stated {
            ArmsOf::Pane(i) | ArmsOf::Modes(i) => i,
            ArmsOf::Panes => 0,
        };
        let pane = self.source.chosen_pane();
        let i = pane.unwrap_or(index);
        Ok(match (self.arms, stated) {
            (Some(Arms::Pane), _) => ArmsOf::Pane(i),
            (Some(Arms::Modes), _) => ArmsOf::Modes(i),
            (Some(Arms::Panes), _) if pane.is_some() => {
                let reason = "--arms panes takes every pane; to run one, give --arms pane";
                return Err(FieldError::new("--pane", reason));
            }
            (Some(Arms::Panes), _) => ArmsOf::Panes,
            (None, ArmsOf::Pane(_)) => ArmsOf::Pane(i),
            (None, ArmsOf::Modes(_)) => ArmsOf::Modes(i),
            // An experiment over both panes, asked for one: that pane alone.
            (None, ArmsOf::Panes) if pane.is_some() => ArmsOf::Pane(i),
            (None, ArmsOf::Panes) => ArmsOf::Panes,
        })
    }

    /// An error of the core's check, named by the option that set the
    /// field when one did.
    pub fn named(&self, e: FieldError) -> FieldError {
        let option = match e.field.as_str() {
            "x.path" if self.param.is_some() => "--param",
            "x.values" if self.values.is_some() => "--values",
            "y.path" if self.param2.is_some() => "--param2",
            "y.values" if self.values2.is_some() => "--values2",
            "seeds" if self.seeds.is_some() => "--seeds",
            "cap" if self.cap.is_some() => "--cap",
            "arms" if self.arms.is_some() => "--arms",
            _ => return e,
        };
        e.renamed(option)
    }
}

fn axis(path: &str, values: &[f64]) -> Axis {
    Axis {
        path: path.to_owned(),
        values: values.to_vec(),
    }
}

/// The arms' labels, as the CSV writes them.
pub fn labels(experiment: &Experiment) -> Vec<String> {
    experiment.arms.iter().map(|a| a.label.clone()).collect()
}

/// The sentences of a result, one a line, labelled; empty ones left out.
pub fn sentences(experiment: &Experiment, summaries: &[PointSummary], runs: &Ensemble) -> String {
    let s = experiments::describe(experiment, summaries, runs, None);
    let mut out = String::new();
    for (name, text) in [
        ("headline", s.headline),
        ("sweep", s.sweep),
        ("shares", s.shares),
        ("distribution", s.distribution),
        ("grid", s.grid),
    ] {
        if !text.is_empty() {
            out.push_str(&format!("{name}: {text}\n"));
        }
    }
    out
}

pub fn output(args: &SweepArgs) -> Result<String, FieldError> {
    let options = &args.experiment;
    let experiment = options.experiment()?;
    let plan = experiment.plan().map_err(|e| e.renamed("--values"))?;
    let Shard { index, count } = args.shard;
    let shard = plan.shard(index, count).map_err(|e| e.renamed("--shard"))?;
    if shard.len() > MAX_RUNS {
        return Err(too_many(&experiment, &plan, &shard, count));
    }
    let runs = experiments::run_all(&experiment, &shard).map_err(|e| options.named(e))?;
    if !(args.summary || args.sentences) {
        return Ok(experiment.csv(&runs));
    }
    let mut ensemble = Ensemble::of(&runs);
    let summaries = ensemble.summaries();
    let mut out = match args.summary {
        true => experiments::summary_csv(&labels(&experiment), experiment.y.is_some(), &summaries),
        false => experiment.csv(&runs),
    };
    if args.sentences {
        out.push_str(&sentences(&experiment, &summaries, &ensemble));
    }
    Ok(out)
}

/// Why an experiment or shard is too big, and how many shards would do.
fn too_many(
    experiment: &Experiment,
    plan: &experiments::Plan,
    shard: &experiments::Plan,
    count: u64,
) -> FieldError {
    let total = plan.sweep_len();
    let needed = total.div_ceil(MAX_RUNS);
    let what = if count > 1 {
        format!("this shard has {} of the sweep's {total} runs", shard.len())
    } else {
        let mut factors = Vec::new();
        if experiment.arms.len() > 1 {
            factors.push("arms");
        }
        factors.push("values");
        if experiment.y.is_some() {
            factors.push("second values");
        }
        factors.push("seeds");
        format!("the sweep has {total} runs ({})", factors.join(" times "))
    };
    let reason = format!(
        "{what}; one command runs at most {MAX_RUNS}, since their rows are held in memory \
         until all are done: split it with --shard I/N, N >= {needed} (a job array)"
    );
    FieldError::new(if count > 1 { "--shard" } else { "--seeds" }, reason)
}
