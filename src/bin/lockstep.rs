//! The native command line: the same scenarios and sweeps as the page.
//!
//! ```text
//! lockstep run    [--scenario FILE | --json TEXT | --url LINK [--pane I]] [--cap CYCLES]
//! lockstep sweep  [--scenario FILE | --json TEXT | --url LINK [--pane I]] --param PATH --values A,B,C
//!                 [--seeds N] [--first-seed S] [--cap CYCLES] [--shard I/N] [--summary]
//! lockstep digest [--scenario FILE | --json TEXT] [--events N]
//! ```
//! A sweep writes one CSV row per run to stdout; shards of one sweep (for
//! job arrays) concatenate into the whole, minus repeated headers.

use lockstep::experiments::{self, CSV_HEADER, csv_row};
use lockstep::{Scenario, release_digest};
use std::collections::HashMap;
use std::process::ExitCode;

const USAGE: &str = "usage:
  lockstep run    [--scenario FILE | --json TEXT | --url LINK [--pane I]] [--cap CYCLES]
  lockstep sweep  [--scenario FILE | --json TEXT | --url LINK [--pane I]] --param PATH --values A,B,C
                  [--seeds N] [--first-seed S] [--cap CYCLES] [--shard I/N] [--summary]
  lockstep digest [--scenario FILE | --json TEXT] [--events N]
A scenario is JSON with any of the fields of the default (lockstep run --show-default),
or a page's shared link (its fragment after #); --pane picks the pane (0 left, 1 right).
PATH names a numeric field, e.g. eps, coordinators or network.meanDegree.";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match run(&args) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("lockstep: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(args: &[String]) -> Result<(), String> {
    let (command, rest) = args.split_first().ok_or(USAGE)?;
    let options = options(rest)?;
    let get = |key: &str| options.get(key).map(String::as_str);
    let number = |key: &str, default: f64| -> Result<f64, String> {
        get(key).map_or(Ok(default), |v| {
            v.parse()
                .map_err(|_| format!("--{key}: `{v}` is not a number"))
        })
    };
    if options.contains_key("show-default") {
        println!(
            "{}",
            serde_json::to_string_pretty(&Scenario::default()).unwrap()
        );
        return Ok(());
    }
    let scenario = match get("url") {
        Some(link) => linked_scenario(link, get("pane"))?,
        None => scenario(get("scenario"), get("json"))?,
    };
    let cap = number("cap", 500.0)?;
    match command.as_str() {
        "run" => {
            let r = experiments::run_one(&scenario, 0.0, cap).map_err(|e| e.to_string())?;
            match r.offset {
                Some(offset) => println!(
                    "synchrony after {:.3} cycles; offset from the roadmap {offset:.4} cycle ({})",
                    r.time,
                    if r.converged {
                        "converged to the coordinators' rhythm"
                    } else {
                        "another rhythm"
                    }
                ),
                None => println!(
                    "no synchrony within {cap} cycles (censored); {} rhythms alive",
                    r.final_bursts
                ),
            }
        }
        "sweep" => {
            let path = get("param").ok_or("sweep needs --param PATH")?;
            let values = get("values")
                .ok_or("sweep needs --values A,B,C")?
                .split(',')
                .map(|v| {
                    v.trim()
                        .parse::<f64>()
                        .map_err(|_| format!("--values: `{v}` is not a number"))
                })
                .collect::<Result<Vec<f64>, String>>()?;
            let seeds = number("seeds", 20.0)? as u32;
            let first = number("first-seed", 1.0)? as u32;
            let (index, count) = shard(get("shard").unwrap_or("1/1"))?;
            let plan = experiments::shard(&experiments::plan(&values, first, seeds), index, count);
            let runs =
                experiments::run_all(&scenario, path, &plan, cap).map_err(|e| e.to_string())?;
            if options.contains_key("summary") {
                println!(
                    "value,runs,censored,mean_time,median_time,ci_low,ci_high,converged_share"
                );
                for s in experiments::summarize(&runs) {
                    let median = s
                        .median_time
                        .map_or("censored".into(), |m| format!("{m:.3}"));
                    println!(
                        "{},{},{},{:.3},{median},{:.3},{:.3},{:.3}",
                        s.value,
                        s.runs,
                        s.censored,
                        s.mean_time,
                        s.interval.0,
                        s.interval.1,
                        s.converged_share
                    );
                }
            } else {
                println!("{CSV_HEADER}");
                runs.iter().for_each(|r| println!("{}", csv_row(r)));
            }
        }
        "digest" => {
            let events = number("events", 1000.0)? as usize;
            let digest = release_digest(&scenario, events).map_err(|e| e.to_string())?;
            println!("{digest:016x}");
        }
        other => return Err(format!("unknown command `{other}`\n{USAGE}")),
    }
    Ok(())
}

/// `--key value` pairs; a flag without a value maps to "".
fn options(args: &[String]) -> Result<HashMap<String, String>, String> {
    let mut map = HashMap::new();
    let mut iter = args.iter().peekable();
    while let Some(arg) = iter.next() {
        let key = arg
            .strip_prefix("--")
            .ok_or_else(|| format!("unexpected `{arg}`\n{USAGE}"))?;
        let value = match iter.peek() {
            Some(v) if !v.starts_with("--") => iter.next().unwrap().clone(),
            _ => String::new(),
        };
        map.insert(key.to_string(), value);
    }
    Ok(map)
}

fn scenario(file: Option<&str>, json: Option<&str>) -> Result<Scenario, String> {
    let text = match (file, json) {
        (Some(path), None) => std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?,
        (None, Some(text)) => text.to_string(),
        (None, None) => "{}".to_string(),
        (Some(_), Some(_)) => return Err("give --scenario or --json, not both".into()),
    };
    let scenario: Scenario = serde_json::from_str(&text).map_err(|e| format!("scenario: {e}"))?;
    scenario.validate().map_err(|e| e.to_string())?;
    Ok(scenario)
}

/// The scenario of one pane of a shared link; clamped values are reported.
fn linked_scenario(link: &str, pane: Option<&str>) -> Result<Scenario, String> {
    let fragment = link.split_once('#').map_or(link, |(_, f)| f);
    let decoded = lockstep::link::decode(fragment).map_err(|e| format!("link: {e}"))?;
    for note in &decoded.notes {
        eprintln!("lockstep: note: {note}");
    }
    let panes = &decoded.state.panes;
    let index: usize = match pane {
        Some(p) => p
            .parse()
            .map_err(|_| format!("--pane: `{p}` is not 0 or 1"))?,
        None => 0,
    };
    let pane = panes
        .get(index)
        .ok_or_else(|| format!("--pane: the link has {} pane(s)", panes.len()))?;
    Ok(pane.scenario.clone())
}

/// `I/N` with 1 <= I <= N.
fn shard(text: &str) -> Result<(usize, usize), String> {
    let bad = || format!("--shard: `{text}` is not I/N with 1 <= I <= N");
    let (i, n) = text.split_once('/').ok_or_else(bad)?;
    let (i, n): (usize, usize) = (i.parse().map_err(|_| bad())?, n.parse().map_err(|_| bad())?);
    if i == 0 || i > n {
        return Err(bad());
    }
    Ok((i, n))
}
