//! The command line as a user meets it: help, version, the parameter table,
//! exit codes and error wording, sweep output and shards. Runs the built
//! binary; scenarios are small so each call takes milliseconds.

use std::collections::BTreeSet;
use std::process::{Command, Output};

fn lockstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

fn stdout(out: &Output) -> String {
    String::from_utf8(out.stdout.clone()).expect("UTF-8 output")
}

fn stderr(out: &Output) -> String {
    String::from_utf8(out.stderr.clone()).expect("UTF-8 errors")
}

/// Succeeds and returns stdout.
fn ok(args: &[&str]) -> String {
    let out = lockstep(args);
    assert!(out.status.success(), "{args:?}: {}", stderr(&out));
    stdout(&out)
}

const SMALL: &str =
    r#"{"firms":20,"mode":"reactive","network":{"kind":"erdosRenyi","meanDegree":6}}"#;

#[test]
fn help_lists_the_commands_and_exit_codes() {
    let help = ok(&["--help"]);
    for command in ["run", "sweep", "digest", "params"] {
        assert!(
            help.contains(&format!("\n  {command} ")),
            "{command} in\n{help}"
        );
    }
    assert!(help.contains("Exit codes"), "{help}");
    assert!(help.contains("0  success"), "{help}");
    assert!(help.contains("2  bad input"), "{help}");
}

#[test]
fn sweep_help_explains_shards_and_columns() {
    let help = ok(&["sweep", "--help"]);
    assert!(help.contains("--shard <I/N>"), "{help}");
    assert!(help.contains("job array"), "{help}");
    for column in lockstep::experiments::CSV_HEADER.split(',') {
        assert!(
            help.contains(&format!("\n  {column} ")),
            "{column} in\n{help}"
        );
    }
    assert!(help.contains("converged_share"), "{help}");
    assert!(help.contains("any numeric parameter of `lockstep params`"));
    assert_eq!(ok(&["help", "sweep"]), help);
}

#[test]
fn version_is_the_crate_version() {
    let version = ok(&["--version"]);
    assert_eq!(
        version.trim(),
        format!("lockstep {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn params_prints_the_table() {
    let table = ok(&["params"]);
    let row = table
        .lines()
        .find(|l| l.starts_with("network.meanDegree "))
        .expect("a row for network.meanDegree");
    let cells: Vec<&str> = row.split_whitespace().collect();
    assert_eq!(cells[1], "deg", "{row}");
    assert!(row.contains("[0, min(firms - 1, 200,"), "{row}");
    assert!(
        table.contains("erdosRenyi"),
        "network.kind lists its options"
    );
}

#[test]
fn params_json_has_one_row_per_parameter() {
    let json: serde_json::Value = serde_json::from_str(&ok(&["params", "--json"])).unwrap();
    let rows = json.as_array().expect("an array of rows");
    assert_eq!(rows.len(), lockstep::scenario::params::PARAMS.len());
    let eps = rows.iter().find(|r| r["path"] == "eps").unwrap();
    assert_eq!(
        (&eps["key"], &eps["default"]),
        (&"eps".into(), &0.05.into())
    );
}

#[test]
fn a_value_out_of_range_exits_2_naming_the_field() {
    for args in [
        &["run", "--json", r#"{"eps":3}"#][..],
        &["sweep", "--param", "eps", "--values", "3", "--seeds", "1"],
    ] {
        let out = lockstep(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr(&out);
        assert!(err.starts_with("lockstep: eps: "), "{err}");
        assert!(stdout(&out).is_empty());
    }
}

#[test]
fn usage_errors_exit_2() {
    for args in [
        &["sweep", "--values", "1"][..],
        &["run", "--json", "{}", "--scenario", "x.json"],
        &[
            "sweep", "--param", "eps", "--values", "0.1", "--shard", "3/2",
        ],
        &["frobnicate"],
        &[],
    ] {
        assert_eq!(lockstep(args).status.code(), Some(2), "{args:?}");
    }
}

#[test]
fn sweep_writes_its_csv_header_and_a_row_per_run() {
    let csv = ok(&[
        "sweep", "--json", SMALL, "--param", "eps", "--values", "0.1,0.2", "--seeds", "2", "--cap",
        "30",
    ]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "value,seed,synced,time,offset,converged,final_bursts"
    );
    assert_eq!(lines.len(), 1 + 2 * 2);
    assert!(lines[1].starts_with("0.1,1,"), "{}", lines[1]);
}

#[test]
fn shards_together_are_the_whole_sweep() {
    let sweep = |shard: &str| {
        let csv = ok(&[
            "sweep",
            "--json",
            SMALL,
            "--param",
            "network.meanDegree",
            "--values",
            "3,6,9",
            "--seeds",
            "3",
            "--cap",
            "30",
            "--shard",
            shard,
        ]);
        let mut lines = csv.lines().map(str::to_owned);
        let header = lines.next().unwrap();
        (header, lines.collect::<Vec<_>>())
    };
    let (header, whole) = sweep("1/1");
    let (h1, first) = sweep("1/2");
    let (h2, second) = sweep("2/2");
    assert_eq!((&h1, &h2), (&header, &header));
    assert_eq!(first.len() + second.len(), whole.len());
    let joined: BTreeSet<String> = first.into_iter().chain(second).collect();
    assert_eq!(joined, whole.into_iter().collect::<BTreeSet<_>>());
}

#[test]
fn a_link_reports_its_clamps_on_stderr() {
    let out = lockstep(&[
        "run",
        "--url",
        "http://localhost:8080/#v=1&n=20&eps=9&mode=reactive",
        "--cap",
        "5",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(
        stderr(&out).contains("lockstep: note: eps: 9 is outside [0, 1]; clamped to 1"),
        "{}",
        stderr(&out)
    );
    assert!(!stdout(&out).is_empty());
}

#[test]
fn show_default_prints_the_default_scenario() {
    let json = ok(&["run", "--show-default"]);
    let read: lockstep::Scenario = serde_json::from_str(&json).unwrap();
    assert_eq!(read, lockstep::Scenario::default());
}

#[test]
fn describe_says_the_network_in_words() {
    let clustered = r#"{"seed":18,"network":{"kind":"plantedPartition","groups":4,"meanDegree":8,"betweenShare":0.03}}"#;
    let text = ok(&["describe", "--json", clustered]);
    assert!(
        text.starts_with("Clustered (planted partition): 60 firms"),
        "{text}"
    );
    assert!(text.contains("\n4 subgroups of 15 firms"), "{text}");
    assert!(
        text.contains("5 coordinators, the best-connected firms"),
        "{text}"
    );
    let plain = ok(&["describe", "--json", SMALL]);
    assert_eq!(
        plain.lines().count(),
        2,
        "kind and size, and nobody coordinates:\n{plain}"
    );
    assert!(
        plain
            .lines()
            .nth(1)
            .unwrap()
            .starts_with("Nobody coordinates"),
        "{plain}"
    );
}

#[test]
fn run_at_prints_each_panes_moment_as_json() {
    let link = "v=1&view=compare&seed=3&n=40&p2.net=gnm&p2.ties=160";
    let out = ok(&["run", "--url", link, "--at", "12.5"]);
    let json: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(json["at"], 12.5);
    let panes = json["panes"].as_array().unwrap();
    assert_eq!(panes.len(), 2, "both panes of the link");
    for (i, p) in panes.iter().enumerate() {
        assert_eq!(p["pane"], i);
        let m = &p["moment"];
        assert_eq!(m["time"], 12.5);
        assert_eq!(m["phases"].as_str().unwrap().len(), 16, "a digest");
        assert!(m["readings"]["releases"].as_f64().unwrap() > 400.0);
        assert!(m["trace"]["count"].as_u64().unwrap() > 12 * 32);
        assert!(m["events"].is_array());
    }
    // The same moment, once more: the same state.
    assert_eq!(out, ok(&["run", "--url", link, "--at", "12.5"]));
    let one = ok(&["run", "--url", link, "--pane", "1", "--at", "12.5"]);
    let one: serde_json::Value = serde_json::from_str(&one).unwrap();
    assert_eq!(one["panes"][0], panes[1]);
}

#[test]
fn run_at_refuses_a_moment_outside_the_run() {
    for bad in ["-1", "nan", "inf", "10001", "soon"] {
        let out = lockstep(&["run", "--at", bad]);
        assert_eq!(out.status.code(), Some(2), "{bad}");
        let err = stderr(&out);
        assert!(err.starts_with("lockstep: --at: "), "{bad}: {err}");
        assert!(err.contains("cycles"), "{bad}: {err}");
    }
}
