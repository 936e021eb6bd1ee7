//! A hostile user at the command line: every argument out of bounds gets
//! exit code 2 and `lockstep: <option or field>: <reason>` on stderr, with
//! nothing on stdout; nothing panics, aborts, or runs without end. Each
//! case was found against an earlier build. Runs the built binary; every
//! call takes milliseconds.

use lockstep::network::MAX_FIRMS;
use std::fs;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

mod common;
use common::cli::{lockstep, ok, refused, text};

const SMALL: &str =
    r#"{"firms":20,"mode":"reactive","network":{"kind":"erdosRenyi","meanDegree":6}}"#;

/// A small sweep with `extra` options; --values 0.1 and --cap 5 unless
/// `extra` gives its own.
fn sweep<'a>(extra: &[&'a str]) -> Vec<&'a str> {
    let mut args = vec!["sweep", "--json", SMALL, "--param", "eps"];
    for (option, default) in [("--values", "0.1"), ("--cap", "5")] {
        if !extra.contains(&option) {
            args.extend([option, default]);
        }
    }
    args.extend_from_slice(extra);
    args
}

fn temp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_hostile_{name}"))
}

// 1. Plans stream: a shard's runs are computed, not cut from a list of all.

#[test]
fn the_last_shard_of_a_billion_runs_runs_one_run_at_once() {
    let start = Instant::now();
    let csv = ok(&sweep(&[
        "--seeds",
        "1000000000",
        "--shard",
        "1000000000/1000000000",
    ]));
    let took = start.elapsed();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 2, "{csv}");
    assert!(lines[1].starts_with("0.1,1000000000,"), "{csv}");
    // Milliseconds; the old build allocated 16 GB and aborted.
    assert!(took < Duration::from_secs(2), "took {took:?}");
    // The last of 2 x (2^32 - 1) runs: the second value, the last seed.
    let csv = ok(&sweep(&[
        "--values",
        "0.1,0.2",
        "--seeds",
        "4294967295",
        "--first-seed",
        "1",
        "--shard",
        "8589934590/8589934590",
    ]));
    assert!(csv.lines().nth(1).unwrap().starts_with("0.2,4294967295,"));
    assert_eq!(csv.lines().count(), 2);
    // A shard past the end of the sweep is empty: the header alone.
    let csv = ok(&sweep(&["--seeds", "2", "--shard", "3/4"]));
    assert_eq!(csv.lines().count(), 1, "{csv}");
}

#[test]
fn a_sweep_or_shard_too_big_to_hold_says_the_limit_and_the_shards_it_needs() {
    let err = refused(&sweep(&["--seeds", "1000000000"]), "lockstep: --seeds: ");
    assert!(err.contains("1000000000 runs"), "{err}");
    assert!(err.contains("at most 1000000"), "{err}");
    assert!(err.contains("held in memory"), "{err}");
    assert!(err.contains("--shard I/N, N >= 1000 "), "{err}");
    let err = refused(
        &sweep(&[
            "--values",
            "0.1,0.2",
            "--seeds",
            "4294967295",
            "--shard",
            "2/3",
        ]),
        "lockstep: --shard: ",
    );
    assert!(
        err.contains("this shard has 2863311530 of the sweep's 8589934590 runs"),
        "{err}"
    );
    assert!(err.contains("N >= 8590 "), "{err}");
    // Exactly the limit is fine as far as the plan goes (a bad eps stops
    // it before any run).
    refused(
        &[
            "sweep", "--param", "eps", "--values", "7", "--seeds", "1000000",
        ],
        "lockstep: eps: 7 is outside [0, 1]",
    );
}

#[test]
fn shards_keep_the_rows_and_their_order() {
    let base = [
        "sweep",
        "--json",
        SMALL,
        "--param",
        "network.meanDegree",
        "--values",
        "3,6,9",
        "--seeds",
        "3",
        "--first-seed",
        "4294967294",
        "--cap",
        "20",
    ];
    let rows = |shard: &str| -> Vec<String> {
        let mut args = base.to_vec();
        args.extend(["--shard", shard]);
        ok(&args).lines().skip(1).map(str::to_owned).collect()
    };
    let whole = rows("1/1");
    // Value by value, seeds in order (wrapping past 4294967295 to 0).
    let keys: Vec<String> = whole
        .iter()
        .map(|r| r.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    let mut expected = Vec::new();
    for v in ["3", "6", "9"] {
        for s in ["4294967294", "4294967295", "0"] {
            expected.push(format!("{v},{s}"));
        }
    }
    assert_eq!(keys, expected);
    for count in [2, 4, 9, 10] {
        for i in 1..=count {
            let every: Vec<String> = whole.iter().skip(i - 1).step_by(count).cloned().collect();
            assert_eq!(rows(&format!("{i}/{count}")), every, "shard {i}/{count}");
        }
    }
}

#[test]
fn bad_shards_are_refused() {
    for shard in [
        "0/0",
        "0/3",
        "4/3",
        "-1/3",
        "1/",
        "x",
        "1/99999999999999999999999",
    ] {
        refused(&sweep(&["--shard", shard]), "lockstep: --shard: ");
    }
}

// 2. The seed is the plan's.

#[test]
fn sweeping_the_seed_is_refused_with_how_to_vary_seeds() {
    let err = refused(
        &["sweep", "--param", "seed", "--values", "5", "--seeds", "1"],
        "lockstep: --param: ",
    );
    assert!(err.contains("--seeds N --first-seed S"), "{err}");
}

// 3. (--cap inf's memory: tests/bursts_bounded.rs runs the core directly.)

// 4. Numbers out of bounds.

#[test]
fn caps_that_are_not_a_positive_finite_number_of_cycles_are_refused() {
    for (cap, reason) in [
        ("inf", "inf is not a finite number of cycles"),
        ("-inf", "-inf is not a finite number of cycles"),
        ("nan", "NaN is not a finite number of cycles"),
        ("0", "0 is not a positive number of cycles"),
        ("-1", "-1 is not a positive number of cycles"),
        ("abc", "`abc` is not a number of cycles"),
        ("", "`` is not a number of cycles"),
        (
            "1000001",
            "1000001 is more than the limit of 1000000 cycles (a run takes about a \
             microsecond per cycle per firm",
        ),
        ("1e300", "1e300 is more than the limit of 1000000 cycles"),
    ] {
        for command in ["run", "sweep"] {
            let args = if command == "run" {
                vec!["run", "--json", SMALL, "--cap", cap]
            } else {
                sweep(&["--cap", cap])
            };
            refused(&args, &format!("lockstep: --cap: {reason}"));
        }
    }
    // The limit itself is a cap (a run that synchronizes ends early).
    assert!(ok(&["run", "--json", SMALL, "--cap", "1000000"]).starts_with("synchrony after"));
}

#[test]
fn seeds_first_seeds_events_and_panes_out_of_range_are_refused() {
    for (args, prefix) in [
        (
            sweep(&["--seeds", "0"]),
            "lockstep: --seeds: 0 seeds run nothing",
        ),
        (
            sweep(&["--seeds", "-1"]),
            "lockstep: --seeds: `-1` is not a whole number",
        ),
        (
            sweep(&["--seeds", "4294967296"]),
            "lockstep: --seeds: 4294967296 is outside 0 to 4294967295",
        ),
        (
            sweep(&["--seeds", "2.5"]),
            "lockstep: --seeds: `2.5` is not a whole number",
        ),
        (
            sweep(&["--first-seed", "4294967296"]),
            "lockstep: --first-seed: 4294967296 is outside 0 to 4294967295",
        ),
        (
            sweep(&["--first-seed", "-1"]),
            "lockstep: --first-seed: `-1` is not a whole number",
        ),
        (
            sweep(&["--values", "nan"]),
            "lockstep: --values: `nan` is not a finite number",
        ),
        (
            sweep(&["--values", "0.1,inf"]),
            "lockstep: --values: `inf` is not a finite number",
        ),
        (
            sweep(&["--values", "0.1,"]),
            "lockstep: --values: an empty value is not a number",
        ),
        (
            vec!["digest", "--events", "0"],
            "lockstep: --events: 0 is outside 1 to 100000000",
        ),
        (
            vec!["digest", "--events", "-3"],
            "lockstep: --events: `-3` is not a whole number",
        ),
        (
            vec!["digest", "--events", "100000001"],
            "lockstep: --events: 100000001 is outside 1 to 100000000",
        ),
        (
            vec!["run", "--url", "v=1", "--pane", "2"],
            "lockstep: --pane: `2` is not a pane: a page has one or two, 0 (left) and 1 (right)",
        ),
        (
            vec!["run", "--url", "v=1", "--pane", "-1"],
            "lockstep: --pane: `-1` is not a pane",
        ),
        (
            vec!["run", "--url", "v=1", "--pane", "1"],
            "lockstep: --pane: the link has 1 pane(s)",
        ),
        (
            vec!["run", "--json", "{}", "--pane", "1"],
            "lockstep: --pane: a scenario is one pane",
        ),
    ] {
        refused(&args, prefix);
    }
    // A whole number past 2^53 names no one value.
    refused(
        &[
            "sweep", "--param", "firms", "--values", "1e300", "--seeds", "1",
        ],
        &format!("lockstep: firms: 1e300 is outside [2, {MAX_FIRMS}]"),
    );
    // The edges are fine: seeds wrap from 4294967295 to 0, as documented.
    let csv = ok(&sweep(&["--first-seed", "4294967295", "--seeds", "2"]));
    let seeds: Vec<&str> = csv
        .lines()
        .skip(1)
        .map(|r| r.split(',').nth(1).unwrap())
        .collect();
    assert_eq!(seeds, ["4294967295", "0"]);
    assert_eq!(ok(&["digest", "--json", SMALL, "--events", "1"]).len(), 17);
    let link = "v=1&view=compare&n=20&p2.n=30";
    let right = ok(&["digest", "--url", link, "--pane", "1"]);
    assert_eq!(right, ok(&["digest", "--json", r#"{"firms":30}"#]));
}

// 5. A huge scenario file is refused before it is read.

#[test]
fn a_scenario_file_past_the_limit_is_refused_unread() {
    let path = temp("big.json");
    let file = fs::File::create(&path).unwrap();
    file.set_len(100 << 20).unwrap(); // sparse: 100 MB of zeros
    let name = path.display().to_string();
    let start = Instant::now();
    let err = refused(
        &["run", "--scenario", &name],
        &format!("lockstep: {name}: "),
    );
    assert!(
        err.contains("is 104857600 bytes, more than the limit of 33554432 bytes"),
        "{err}"
    );
    assert!(start.elapsed() < Duration::from_secs(2));
    fs::remove_file(&path).unwrap();
}

#[cfg(target_os = "linux")]
#[test]
fn an_endless_stream_is_read_no_further_than_the_limit() {
    let err = refused(&["run", "--scenario", "/dev/zero"], "lockstep: /dev/zero: ");
    assert!(
        err.contains("goes on past the limit of 33554432 bytes"),
        "{err}"
    );
}

#[test]
fn files_that_are_not_scenarios_are_refused_naming_the_file() {
    let cases: [(&str, &[u8], &str); 4] = [
        ("binary.json", b"\xff\xfe{}", "not UTF-8 text (byte 0)"),
        ("cut.json", b"{\"eps\":0.1,", "not JSON: "),
        (
            "array.json",
            b"[7,100]",
            "not a JSON object (a scenario or a saved page)",
        ),
        ("empty.json", b"", "not JSON: "),
    ];
    for (name, bytes, reason) in cases {
        let path = temp(name);
        fs::write(&path, bytes).unwrap();
        let shown = path.display().to_string();
        refused(
            &["run", "--scenario", &shown],
            &format!("lockstep: {shown}: {reason}"),
        );
        fs::remove_file(&path).unwrap();
    }
    refused(
        &["run", "--scenario", "/no/such/file.json"],
        "lockstep: /no/such/file.json: ",
    );
}

// 6. A scenario is a JSON object; a byte-order mark is no reason to refuse.

#[test]
fn json_that_is_not_an_object_is_not_a_scenario() {
    for json in ["[7,100]", "null", "7", "\"x\"", "[]"] {
        refused(
            &["run", "--json", json],
            "lockstep: --json: not a JSON object (a scenario or a saved page)",
        );
    }
    refused(&["run", "--json", "{}x"], "lockstep: --json: not JSON: ");
    refused(
        &["run", "--json", r#"{"eps":"x"}"#],
        "lockstep: eps: a number expected, found string \"x\"",
    );
    // Deep nesting is refused as it is read, not a stack overflow.
    let deep = "[".repeat(100_000);
    refused(
        &["run", "--json", &deep],
        &format!(
            "lockstep: --json{}: nested more than 16 levels deep",
            "[0]".repeat(16)
        ),
    );
}

#[test]
fn a_file_with_a_byte_order_mark_reads_as_without() {
    let path = temp("bom.json");
    fs::write(&path, format!("\u{feff}{SMALL}")).unwrap();
    let with = ok(&["digest", "--scenario", &path.display().to_string()]);
    assert_eq!(with, ok(&["digest", "--json", SMALL]));
    fs::remove_file(&path).unwrap();
    // The core's reader of saved pages and files too.
    let decoded = lockstep::share::from_json(&format!("\u{feff}{SMALL}")).unwrap();
    assert_eq!(decoded.state.panes[0].scenario.firms, 20);
}

#[test]
fn a_saved_page_is_read_as_the_page_reads_it() {
    let path = temp("page.json");
    let page = r#"{"v":1,"view":"compare","panes":[{"scenario":{"firms":20,"eps":9}},{"scenario":{"firms":30}}]}"#;
    fs::write(&path, page).unwrap();
    let name = path.display().to_string();
    let out = lockstep(&["digest", "--scenario", &name, "--pane", "1"]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stdout),
        ok(&["digest", "--json", r#"{"firms":30}"#])
    );
    // Clamped with a note, like a link.
    assert!(
        text(&out.stderr).contains("lockstep: note: panes[0].scenario.eps: 9 is outside [0, 1]"),
        "{}",
        text(&out.stderr)
    );
    fs::remove_file(&path).unwrap();
}

// 7. No panic, whatever the input or the environment.

#[cfg(target_os = "linux")]
#[test]
fn a_full_stderr_or_stdout_is_an_exit_code_not_a_panic() {
    let full = || {
        Stdio::from(
            fs::OpenOptions::new()
                .write(true)
                .open("/dev/full")
                .unwrap(),
        )
    };
    let status = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["run", "--cap", "nan"])
        .stderr(full())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(2));
    let status = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["run", "--url", "v=1&eps=9&n=20", "--cap", "3"])
        .stderr(full())
        .stdout(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(0), "a note that cannot be written");
    let status = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["params"])
        .stdout(full())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(1));
}

#[test]
fn a_huge_columns_does_not_pad_the_table_to_gigabytes() {
    let out = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .arg("params")
        .env("COLUMNS", "99999999999")
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(text(&out.stdout).lines().all(|l| l.chars().count() <= 1000));
}

#[test]
fn help_states_the_limits() {
    use lockstep::experiments::{MAX_CAP, MAX_RUNS};
    use lockstep::share::MAX_FILE_BYTES;
    // Wrapped to the terminal: compare words.
    let words = |text: String| text.split_whitespace().collect::<Vec<_>>().join(" ");
    let help = words(ok(&["--help"]));
    for limit in [
        format!("--cap at most {MAX_CAP} cycles"),
        "--events at most 100000000".into(),
        format!("at most {MAX_RUNS} runs"),
        format!("at most {MAX_FILE_BYTES} bytes"),
    ] {
        assert!(help.contains(&limit), "{limit} in\n{help}");
    }
    let run = words(ok(&["run", "--help"]));
    assert!(
        run.contains(&format!("at most {MAX_FILE_BYTES} bytes")),
        "{run}"
    );
    assert!(run.contains(&format!("(at most {MAX_CAP})")), "{run}");
    let sweep = ok(&["sweep", "--help"]);
    assert!(
        sweep.contains(&format!("at most {MAX_RUNS} runs")),
        "{sweep}"
    );
}
