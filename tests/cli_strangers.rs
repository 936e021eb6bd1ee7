//! Every input a stranger's, at the command line: experiment values judged
//! against the points they run at (the same on the page, in `sweep --url`
//! and `sweep --param`), files that hold more than any scenario or are not
//! UTF-8, keys given twice, and hostile text quoted as a short, marked
//! excerpt, never whole.

use std::fs;
use std::path::PathBuf;
use std::time::Instant;

mod common;
use common::cli::{lockstep, ok, refused, text};

fn temp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_strangers_{name}"))
}

/// The runs' `value,value2` columns of a sweep's CSV.
fn points(csv: &str) -> Vec<String> {
    csv.lines()
        .skip(1)
        .map(|l| l.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect()
}

#[test]
fn a_second_value_is_clamped_against_the_firms_it_runs_with_in_links_and_options_alike() {
    // 200,000 firms may have 200 partners each: 100 runs as asked, and
    // 300 becomes 200 (not the 59 of the link's 60-firm pane).
    let link =
        "#v=1&n=20&x.p=firms&x.v=2000&x.p2=network.meanDegree&x.v2=100,300&x.seeds=1&x.cap=1";
    let out = lockstep(&["sweep", "--url", link]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{err}");
    assert_eq!(
        err.trim(),
        "lockstep: note: x.v2: 300 is outside [0, 200]; clamped to 200"
    );
    let by_link = text(&out.stdout);
    assert_eq!(points(&by_link), ["2000,100", "2000,200"]);
    // The same experiment by options runs the same rows.
    let by_options = ok(&[
        "sweep",
        "--json",
        r#"{"firms":20}"#,
        "--param",
        "firms",
        "--values",
        "2000",
        "--param2",
        "network.meanDegree",
        "--values2",
        "100,200",
        "--seeds",
        "1",
        "--cap",
        "1",
    ]);
    assert_eq!(by_options, by_link);
    // Options are not clamped: a value outside its point's range is refused, naming it.
    refused(
        &[
            "sweep",
            "--json",
            r#"{"firms":20}"#,
            "--param",
            "firms",
            "--values",
            "2000",
            "--param2",
            "network.meanDegree",
            "--values2",
            "300",
            "--seeds",
            "1",
            "--cap",
            "1",
        ],
        "lockstep: network.meanDegree: 300 is outside [0, 200]",
    );
}

#[test]
fn a_list_longer_than_any_scenario_holds_is_refused_at_once_naming_it() {
    let path = temp("chosen.json");
    fs::write(
        &path,
        format!("{{\"chosen\": [{}0]}}", "0,".repeat(16_700_000)),
    )
    .unwrap();
    let start = Instant::now();
    refused(
        &["run", "--scenario", &path.display().to_string()],
        "lockstep: chosen: more than 1000000 entries, more than the firms a network may have",
    );
    assert!(start.elapsed().as_secs_f64() < 5.0, "{:?}", start.elapsed());
    let nested = temp("nested.json");
    fs::write(
        &nested,
        format!(
            "{{\"panes\": [{{\"scenario\": {{\"chosen\": [{}0]}}}}]}}",
            "1,".repeat(1_000_000)
        ),
    )
    .unwrap();
    refused(
        &[
            "sweep",
            "--scenario",
            &nested.display().to_string(),
            "--param",
            "eps",
            "--values",
            "0.1",
        ],
        "lockstep: panes[0].scenario.chosen: more than 1000000 entries",
    );
}

#[test]
fn a_file_that_is_not_utf8_is_refused_and_keys_given_twice_are_noted() {
    let latin1 = temp("latin1.json");
    fs::write(&latin1, b"{\"seed\": 4, \"eps\": 0.1 /* caf\xe9 */}").unwrap();
    let err = refused(
        &["run", "--scenario", &latin1.display().to_string()],
        "lockstep: ",
    );
    assert!(err.ends_with(": not UTF-8 text (byte 29)\n"), "{err}");
    let twice = temp("twice.json");
    fs::write(&twice, r#"{"firms": 20, "eps": 0.02, "eps": 0.07}"#).unwrap();
    let out = lockstep(&["digest", "--scenario", &twice.display().to_string()]);
    assert!(out.status.success());
    assert_eq!(
        text(&out.stderr),
        "lockstep: note: eps: given twice; the last value is kept\n"
    );
    assert_eq!(
        text(&out.stdout),
        ok(&["digest", "--json", r#"{"firms": 20, "eps": 0.07}"#]),
        "the last value runs"
    );
    // A saved page's keys given twice, by their path.
    let page = temp("page.json");
    fs::write(
        &page,
        r#"{"v": 1, "panes": [{"scenario": {"seed": 3, "seed": 5}}]}"#,
    )
    .unwrap();
    let out = lockstep(&["digest", "--scenario", &page.display().to_string()]);
    assert!(out.status.success());
    assert!(
        text(&out.stderr).contains(
            "lockstep: note: panes[0].scenario.seed: given twice; the last value is kept"
        ),
        "{}",
        text(&out.stderr)
    );
}

/// Stderr of a run that must fail with exit 2, at most `most` bytes long.
fn short_refusal(args: &[&str], most: usize) -> String {
    let out = lockstep(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{}", &err[..err.len().min(300)]);
    assert!(
        err.len() <= most,
        "{} bytes: {}",
        err.len(),
        &err[..err.len().min(300)]
    );
    err
}

#[test]
fn hostile_text_is_quoted_as_a_short_marked_excerpt() {
    let long = "x".repeat(7000);
    let err = short_refusal(
        &["sweep", "--url", &format!("#v=1&x.p=eps&x.v={long}")],
        200,
    );
    assert!(
        err.contains(&format!("`{}... (7000 characters)`", "x".repeat(24))),
        "{err}"
    );
    let huge = "r".repeat(100_000);
    short_refusal(&["sweep", "--ready", &huge], 400);
    short_refusal(&["sweep", "--arms", &huge], 200);
    short_refusal(&["run", "--json", &format!("{{\"eps\": \"{huge}\"}}")], 200);
    short_refusal(&["run", "--json", &format!("{{\"{huge}\": 1}}")], 600);
    let err = short_refusal(&["run", "--json", r#"{"eps": 1e300}"#], 200);
    assert_eq!(err, "lockstep: eps: 1e300 is outside [0, 1]\n");

    // A saved page's experiment.ready of a megabyte: a short note, and the sweep runs.
    let page = temp("ready.json");
    let ready = "q".repeat(1 << 20);
    let saved = format!(
        r#"{{"v": 1, "panes": [{{"scenario": {{"firms": 20}}}}], "experiment": {{"arms": {{"pane": 9}}, "x": {{"path": "eps", "values": [0.05]}}, "seeds": 1, "cap": 1, "ready": "{ready}"}}}}"#
    );
    fs::write(&page, saved).unwrap();
    let out = lockstep(&["sweep", "--scenario", &page.display().to_string()]);
    let err = text(&out.stderr);
    assert!(out.status.success(), "{}", &err[..err.len().min(300)]);
    assert_eq!(
        err,
        format!(
            "lockstep: note: experiment.arms.pane: pane 9 does not exist (the page has pane 0); pane 0 it is\n\
             lockstep: note: experiment.ready: `{}... (1048576 characters)` is not a name; ignored\n",
            "q".repeat(24)
        )
    );
}

#[test]
fn a_pane_or_ready_experiment_that_does_not_exist_is_noted_not_kept() {
    let out = lockstep(&[
        "sweep",
        "--url",
        "#v=1&view=compare&n=20&x.arms=modes&x.pane=9&x.p=eps&x.v=0.05&x.seeds=1&x.cap=1&x.ready=nope",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        text(&out.stderr),
        "lockstep: note: x.pane: pane 9 does not exist (panes 0 to 1); pane 0 it is\n\
         lockstep: note: x.ready: `nope` is not a ready experiment; ignored\n"
    );
    assert_eq!(
        text(&out.stdout).lines().count(),
        4,
        "three modes of pane 0, and a header"
    );
}

#[test]
fn a_labels_bidi_controls_and_zero_width_characters_are_removed_with_a_note() {
    let out = lockstep(&[
        "sweep",
        "--url",
        "#v=1&view=compare&n=20&label=Dense%E2%80%AE%E2%80%8B&x.arms=panes&x.p=eps&x.v=0.05&x.seeds=1&x.cap=1",
    ]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr)
            .contains("lockstep: note: label: bidi controls and zero-width characters removed")
    );
    assert!(
        text(&out.stdout).contains("\nDense (left),0.05,"),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn too_many_ties_name_the_ties_not_the_firms() {
    let out = refused(
        &[
            "run",
            "--json",
            r#"{"firms": 6326, "mode": "reactive", "network": {"kind": "complete"}}"#,
        ],
        "lockstep: ",
    );
    // Read as written, unclamped: refused naming the limit passed.
    assert!(
        out.starts_with(
            "lockstep: ties: 20005975 ties (every pair of 6326 firms) is more than the limit"
        ),
        "{out}"
    );
}
