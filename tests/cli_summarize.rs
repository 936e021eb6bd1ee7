//! `lockstep summarize` reads every row as a stranger's: the shards of a
//! sweep, split any way and given in any order, summarize byte for byte as
//! the whole sweep did, and a file with a value no sweep writes (NaN, a
//! negative or absurd time, a NaN offset, a negative or huge burst count, a
//! column given twice or unknown, a fourth arm) is refused with exit 2,
//! naming its file, line and column. Hostile text is quoted short.

use proptest::prelude::*;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

mod common;
use common::cli::{lockstep, ok, refused, text};

/// Two small panes over two values, 30 seeds, cap 20: 120 runs, some
/// never in step.
const LINK: &str = "http://localhost:8080/#v=1&view=compare&n=20&net=pp&deg=6&p2.n=20&p2.net=er\
    &x.arms=panes&x.p=eps&x.v=0.03,0.1&x.seeds=30&x.cap=20";

/// The whole sweep's rows and its summary with sentences, once.
fn whole() -> &'static (String, String) {
    static WHOLE: OnceLock<(String, String)> = OnceLock::new();
    WHOLE.get_or_init(|| {
        let rows = ok(&["sweep", "--url", LINK]);
        let summary = ok(&["sweep", "--url", LINK, "--summary", "--sentences"]);
        (rows, summary)
    })
}

fn dir(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_summarize_{name}"));
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes `text` to a file in `dir` and returns its path.
fn file(dir: &Path, name: &str, text: &str) -> String {
    let path = dir.join(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// The rows cut into shards: row `k` goes to shard `to[k] % count`, shards
/// written in the order `order` (a permutation seed), rows reversed in odd
/// shards; each shard with its header.
fn shards(rows: &str, to: &[usize], count: usize) -> Vec<String> {
    let mut lines = rows.lines();
    let header = lines.next().unwrap();
    let mut out: Vec<Vec<&str>> = vec![Vec::new(); count];
    for (k, line) in lines.enumerate() {
        out[to[k % to.len()] % count].push(line);
    }
    out.into_iter()
        .enumerate()
        .map(|(i, mut rows)| {
            if i % 2 == 1 {
                rows.reverse();
            }
            let mut text = format!("{header}\n");
            rows.iter().for_each(|r| text.push_str(&format!("{r}\n")));
            text
        })
        .collect()
}

/// Hostile values for a field of a row, with the reason summarize gives.
const HOSTILE: &[(usize, &str, &str)] = &[
    (4, "NaN", "time: `NaN` is not a finite number"),
    (4, "inf", "time: `inf` is not a finite number"),
    (4, "-1.5", "time: `-1.5` is outside [0, 1000000]"),
    (4, "1e308", "time: `1e308` is outside [0, 1000000]"),
    (7, "NaN", "final_bursts: `NaN` is not a whole number"),
    (7, "-5", "final_bursts: `-5` is outside [0, 1000000]"),
    (7, "1e300", "final_bursts: `1e300` is not a whole number"),
    (1, "NaN", "value: `NaN` is not a finite number"),
    (2, "4294967296", "seed: `4294967296` is not a seed"),
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn shards_split_any_way_summarize_as_the_whole_sweep(
        to in prop::collection::vec(0..8usize, 1..40),
        count in 1..6usize,
        turn in 0..6usize,
    ) {
        let (rows, summary) = whole();
        let dir = dir(&format!("shards_{count}_{turn}_{}", to.len()));
        let mut paths: Vec<String> = shards(rows, &to, count)
            .iter()
            .enumerate()
            .map(|(i, text)| file(&dir, &format!("part-{i}.csv"), text))
            .collect();
        let shift = turn % paths.len();
        paths.rotate_left(shift);
        let mut args: Vec<&str> = vec!["summarize"];
        args.extend(paths.iter().map(String::as_str));
        args.extend(["--url", LINK, "--sentences"]);
        prop_assert_eq!(&ok(&args), summary);
    }

    #[test]
    fn a_hostile_value_in_any_shard_is_refused_naming_its_place(
        to in prop::collection::vec(0..8usize, 1..40),
        count in 1..4usize,
        row in 0..120usize,
        hostile in 0..HOSTILE.len(),
    ) {
        let (rows, _) = whole();
        let (column, value, reason) = HOSTILE[hostile];
        let dir = dir(&format!("hostile_{count}_{row}_{hostile}"));
        let texts = shards(rows, &to, count);
        // The row-th row of all the shards, counted shard by shard.
        let (shard, line) = texts
            .iter()
            .enumerate()
            .flat_map(|(i, t)| (2..=t.lines().count()).map(move |l| (i, l)))
            .nth(row)
            .unwrap();
        let paths: Vec<String> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| {
                let t = match i == shard {
                    false => t.clone(),
                    true => damaged(t, line, column, value),
                };
                file(&dir, &format!("part-{i}.csv"), &t)
            })
            .collect();
        let mut args: Vec<&str> = vec!["summarize"];
        args.extend(paths.iter().map(String::as_str));
        let err = refused(&args, &format!("lockstep: {} line {line}: ", paths[shard]));
        prop_assert!(err.contains(reason), "{}", err);
    }
}

/// `text` with field `field` (from 0, arm column first) of line `line`
/// (from 1) set to `value`.
fn damaged(text: &str, line: usize, field: usize, value: &str) -> String {
    text.lines()
        .enumerate()
        .map(|(i, l)| match i + 1 == line {
            false => format!("{l}\n"),
            true => {
                let mut fields: Vec<&str> = l.split(',').collect();
                fields[field] = value;
                format!("{}\n", fields.join(","))
            }
        })
        .collect()
}

#[test]
fn each_refusal_names_the_line_and_column() {
    let dir = dir("refusals");
    let header = "value,seed,synced,time,offset,converged,final_bursts";
    let row = "0.05,1,true,1.500000,0.010000,true,1";
    for (text, line, reason) in [
        (
            format!("{header}\n0.05,1,true,1.5,NaN,true,1\n"),
            2,
            "offset: `NaN` is not a finite number",
        ),
        (
            format!("{header}\n0.05,1,true,1.5,0.7,true,1\n"),
            2,
            "offset: `0.7` is outside [0, 0.5]",
        ),
        (
            format!("{header}\n0.05,1,false,20,0.1,false,1\n"),
            2,
            "offset: `0.1` for a run not in step",
        ),
        (
            format!("{header}\n0.05,1,true,1.5,,true,1\n"),
            2,
            "offset: empty, but the run is in step",
        ),
        (
            format!("{header}\n0.05,1,false,20,,true,1\n"),
            2,
            "converged: true for a run not in step",
        ),
        (
            format!("{header}\n0.05,1,maybe,1.5,,true,1\n"),
            2,
            "synced: `maybe` is not true or false",
        ),
        (
            format!("{header}\n0.05,1,true,1.5,0.1,true,2.5\n"),
            2,
            "final_bursts: `2.5` is not a whole number",
        ),
        (
            format!("{header}\n{row}\n{row}\n"),
            3,
            "the run of seed 1 at value 0.05 is already in",
        ),
        (
            "value,value,seed,synced,time,offset,converged,final_bursts\n".into(),
            1,
            "column 2: `value` is given twice",
        ),
        (
            "vXYZ,seed,synced,time,offset,converged,final_bursts\n0.05,1,true,1,0.1,true,1\n"
                .into(),
            1,
            "column 1: `vXYZ` is not a column of a sweep's rows",
        ),
        (
            format!("{header},extra\n"),
            1,
            "column 8: `extra` is not a column",
        ),
        (
            "seed,value,synced,time,offset,converged,final_bursts\n".into(),
            1,
            "column 2: `value` after `seed` is not a sweep's order",
        ),
        (
            "value,seed,synced,time,offset,converged\n".into(),
            1,
            "no `final_bursts` column",
        ),
        (
            format!("{header}\n0.05,1,true\n"),
            2,
            "3 fields, expected 7",
        ),
        (
            format!("arm,{header}\nA,{row}\nB,{row}\nC,{row}\nD,{row}\n"),
            5,
            "arm: `D` would be arm 4; an experiment has at most 3 (`A`, `B`, `C`)",
        ),
    ] {
        let path = file(&dir, "bad.csv", &text);
        let err = refused(
            &["summarize", &path],
            &format!("lockstep: {path} line {line}: "),
        );
        assert!(err.contains(reason), "{text}: {err}");
    }
    // A 101st value: no axis has so many.
    let mut many = format!("{header}\n");
    (0..101).for_each(|v| many.push_str(&format!("{v},1,true,1.5,0.1,true,1\n")));
    let path = file(&dir, "many.csv", &many);
    let err = refused(
        &["summarize", &path],
        &format!("lockstep: {path} line 102: "),
    );
    assert!(
        err.contains("value: `100` would be value 101; an axis has at most 100"),
        "{err}"
    );
}

#[test]
fn hostile_text_is_quoted_short() {
    let dir = dir("quoted");
    let long = "9".repeat(7000);
    let header = "value,seed,synced,time,offset,converged,final_bursts";
    let path = file(
        &dir,
        "long.csv",
        &format!("{header}\n{long}x,1,true,1,0.1,true,1\n"),
    );
    let err = refused(&["summarize", &path], &format!("lockstep: {path} line 2: "));
    assert!(
        err.contains(&format!(
            "value: `{}... (7001 characters)` is not a number",
            &long[..24]
        )),
        "{err}"
    );
    assert!(err.len() < 200, "{} bytes: {err}", err.len());
    // A 7,000-character list of values in a link, and on the command line.
    let link = format!("http://localhost/#v=1&x.p=eps&x.v={long}x");
    let err = refused(&["sweep", "--url", &link], "lockstep: link: x.v: ");
    assert!(
        err.contains("... (7001 characters)` is not a finite number"),
        "{err}"
    );
    assert!(err.len() < 200, "{} bytes: {err}", err.len());
    let out = lockstep(&["sweep", "--param", "eps", "--values", &format!("{long}x")]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(
        err.contains("... (7001 characters)` is not a number"),
        "{err}"
    );
    assert!(err.len() < 400, "{} bytes: {err}", err.len());
}
