//! Experiments from the command line, as a user runs them: a page link
//! that holds one, a ready experiment, a two-way grid, and the shards of a
//! job array summarized back into the whole. Runs the built binary on small
//! scenarios; each call takes milliseconds.

use lockstep::experiments::{self, ready};
use std::fs;
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

mod common;
use common::cli::{ok, refused, text};

fn temp(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join(format!("cli_experiments_{name}"))
}

/// A page of two small panes, clustered (left) and dense (right), with an
/// experiment over both: eps at two values, 3 seeds, cap 30.
const LINK: &str = "http://localhost:8080/#v=1&view=compare&n=20&net=pp&deg=6&p2.n=20&p2.net=er\
    &x.arms=panes&x.p=eps&x.v=0.05,0.1&x.seeds=3&x.cap=30";

/// The rows the core writes for a link's experiment (the page's Workers
/// run the same).
fn core_rows(link: &str) -> String {
    let fragment = link.split_once('#').unwrap().1;
    let state = lockstep::share::link::decode(fragment).unwrap().state;
    let panes: Vec<_> = state
        .panes
        .iter()
        .map(|p| (p.label.clone(), p.scenario.clone()))
        .collect();
    let experiment = state.experiment.unwrap().resolve(&panes).unwrap();
    let runs = experiments::run_all(&experiment, &experiment.plan().unwrap()).unwrap();
    experiment.csv(&runs)
}

#[test]
fn a_link_with_an_experiment_runs_that_experiment() {
    let csv = ok(&["sweep", "--url", LINK]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "arm,value,seed,synced,time,offset,converged,final_bursts"
    );
    // 2 arms x 2 values x 3 seeds, arm by arm.
    assert_eq!(lines.len(), 1 + 12, "{csv}");
    assert!(lines[1].starts_with("Clustered,0.05,1,"), "{}", lines[1]);
    assert!(lines[12].starts_with("Dense,0.1,3,"), "{}", lines[12]);
    // The page's rows, run for run.
    assert_eq!(csv, core_rows(LINK));
}

#[test]
fn options_override_the_links_experiment() {
    let csv = ok(&["sweep", "--url", LINK, "--seeds", "2", "--values", "0.2"]);
    let keys: Vec<String> = csv
        .lines()
        .skip(1)
        .map(|r| r.split(',').take(3).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        keys,
        [
            "Clustered,0.2,1",
            "Clustered,0.2,2",
            "Dense,0.2,1",
            "Dense,0.2,2"
        ]
    );
    // One pane of it: no arm column; the same rows as that arm's.
    let right = ok(&["sweep", "--url", LINK, "--pane", "1", "--seeds", "2"]);
    assert!(right.starts_with("value,seed,"), "{right}");
    let both = ok(&["sweep", "--url", LINK, "--seeds", "2"]);
    let dense: Vec<&str> = both
        .lines()
        .filter_map(|l| l.strip_prefix("Dense,"))
        .collect();
    assert_eq!(right.lines().skip(1).collect::<Vec<_>>(), dense);
    // Each mode of the left pane.
    let modes = ok(&["sweep", "--url", LINK, "--arms", "modes", "--seeds", "1"]);
    let arms: Vec<&str> = modes
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(
        arms,
        [
            "Reactive", "Reactive", "Planned", "Planned", "Hybrid", "Hybrid"
        ]
    );
    // --first-seed and --cap too.
    let csv = ok(&[
        "sweep",
        "--url",
        LINK,
        "--pane",
        "0",
        "--seeds",
        "1",
        "--first-seed",
        "9",
        "--cap",
        "0.5",
    ]);
    for row in csv.lines().skip(1) {
        assert!(row.contains(",9,false,0.500000,"), "{row}");
    }
}

#[test]
fn a_link_without_an_experiment_is_its_panes_scenario() {
    let plain = "v=1&view=compare&n=20&p2.n=30";
    refused(
        &["sweep", "--url", plain],
        "lockstep: --param: which parameter",
    );
    let csv = ok(&[
        "sweep", "--url", plain, "--pane", "1", "--param", "eps", "--values", "0.1", "--seeds",
        "2", "--cap", "20",
    ]);
    let firms30 = ok(&[
        "sweep",
        "--json",
        r#"{"firms":30}"#,
        "--param",
        "eps",
        "--values",
        "0.1",
        "--seeds",
        "2",
        "--cap",
        "20",
    ]);
    assert_eq!(csv, firms30);
}

#[test]
fn a_ready_experiment_runs_with_overrides() {
    let csv = ok(&["sweep", "--ready", "density", "--seeds", "3", "--cap", "30"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines[0], experiments::CSV_HEADER);
    assert_eq!(lines.len(), 1 + 3 * 3);
    let values: Vec<&str> = lines[1..]
        .iter()
        .map(|l| l.split(',').next().unwrap())
        .collect();
    assert_eq!(values, ["4", "4", "4", "10", "10", "10", "20", "20", "20"]);
    refused(
        &["sweep", "--ready", "nonsense"],
        "lockstep: --ready: `nonsense` is not a ready experiment; `lockstep ready` lists them: \
         clustered-vs-dense, density,",
    );
}

#[test]
fn ready_lists_every_ready_experiment_with_its_runs() {
    let list = ok(&["ready"]);
    let mut lines = list.lines();
    assert!(lines.next().unwrap().starts_with("ID "), "{list}");
    for (r, line) in ready::all().iter().zip(lines) {
        let cells: Vec<&str> = line.split_whitespace().collect();
        let runs = r.experiment().unwrap().plan().unwrap().sweep_len();
        assert_eq!(cells[..2], [r.id, &runs.to_string()], "{line}");
        assert!(line.ends_with(r.title), "{line}");
    }
    assert_eq!(list.lines().count(), 1 + ready::all().len());
}

#[test]
fn a_two_way_grid_has_a_second_value() {
    let grid = [
        "sweep",
        "--json",
        r#"{"firms":20,"mode":"reactive"}"#,
        "--param",
        "eps",
        "--values",
        "0.05,0.1",
        "--param2",
        "dissipation",
        "--values2",
        "3,1",
        "--seeds",
        "2",
        "--cap",
        "30",
    ];
    let csv = ok(&grid);
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "value,value2,seed,synced,time,offset,converged,final_bursts"
    );
    let keys: Vec<String> = lines[1..]
        .iter()
        .map(|r| r.split(',').take(3).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(
        keys,
        [
            "0.05,3,1", "0.05,3,2", "0.05,1,1", "0.05,1,2", "0.1,3,1", "0.1,3,2", "0.1,1,1",
            "0.1,1,2"
        ]
    );
    let mut args = grid.to_vec();
    args.extend(["--summary", "--sentences"]);
    let summary = ok(&args);
    assert!(
        summary.starts_with("value,value2,runs,censored,mean_time,"),
        "{summary}"
    );
    // Values ascending, then second values.
    let points: Vec<String> = summary
        .lines()
        .skip(1)
        .take(4)
        .map(|r| r.split(',').take(2).collect::<Vec<_>>().join(","))
        .collect();
    assert_eq!(points, ["0.05,1", "0.05,3", "0.1,1", "0.1,3"]);
    let labels: Vec<&str> = summary
        .lines()
        .skip(5)
        .map(|l| l.split(':').next().unwrap())
        .collect();
    // The headline first, as on the page.
    assert_eq!(
        labels,
        ["headline", "sweep", "shares", "distribution", "grid"]
    );
    // A second parameter must be another one, a number, not the seed.
    let mut bad = grid.to_vec();
    bad[8] = "eps";
    refused(&bad, "lockstep: --param2: eps is already swept as x");
    bad[8] = "seed";
    refused(&bad, "lockstep: --param2: a sweep sets each run's seed");
    refused(
        &[
            "sweep",
            "--param",
            "eps",
            "--values",
            "0.1",
            "--values2",
            "1",
        ],
        "lockstep: --values2: there is no second parameter",
    );
}

/// Writes `text` to a temporary file and returns its path.
fn file(name: &str, text: &str) -> String {
    let path = temp(name);
    fs::write(&path, text).unwrap();
    path.display().to_string()
}

/// A two-arm grid of the link's panes: 2 x 2 x 2 x 3 runs.
fn sweep_of(extra: &[&str]) -> String {
    let mut args = vec![
        "sweep",
        "--url",
        LINK,
        "--param2",
        "dissipation",
        "--values2",
        "3,1",
    ];
    args.extend_from_slice(extra);
    ok(&args)
}

#[test]
fn shards_summarize_in_any_order_as_the_whole_sweep() {
    let whole = sweep_of(&["--summary"]);
    assert!(whole.starts_with("arm,value,value2,runs,"), "{whole}");
    let parts: Vec<String> = (1..=3)
        .map(|i| {
            file(
                &format!("part-{i}.csv"),
                &sweep_of(&["--shard", &format!("{i}/3")]),
            )
        })
        .collect();
    let (p1, p2, p3) = (&parts[0], &parts[1], &parts[2]);
    assert_eq!(ok(&["summarize", p3, p1, p2]), whole);
    // The shards joined on stdin (`-`), headers repeated.
    let joined: String = parts
        .iter()
        .map(|p| fs::read_to_string(p).unwrap())
        .collect();
    let mut child = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["summarize", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(joined.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(text(&out.stdout), whole);
    // With the sweep's options: the sentences too, as sweep writes them.
    let stated = ok(&[
        "summarize",
        p2,
        p3,
        p1,
        "--sentences",
        "--url",
        LINK,
        "--param2",
        "dissipation",
        "--values2",
        "3,1",
    ]);
    assert_eq!(stated, sweep_of(&["--summary", "--sentences"]));
    assert!(
        stated.contains("\nsweep: Clustered: no median at pulse ε 0.05"),
        "{stated}"
    );
    // Without them, no sentences.
    refused(
        &["summarize", p1, "--sentences"],
        "lockstep: --sentences: the sentences need the experiment",
    );
}

/// The rows of `csv` in another order (reversed, then turned by 5),
/// header first.
fn shuffled(name: &str, csv: &str) -> String {
    let mut lines: Vec<&str> = csv.lines().collect();
    let header = lines.remove(0);
    lines.reverse();
    lines.rotate_left(5);
    file(name, &format!("{header}\n{}\n", lines.join("\n")))
}

#[test]
fn the_summary_is_the_same_whatever_the_order_of_the_runs() {
    // One arm: the bootstrap intervals depend on the runs, not their order.
    let one = ["--pane", "1", "--seeds", "9"];
    let shuffled_one = shuffled("one.csv", &sweep_of(&one));
    let whole = sweep_of(&[&one[..], &["--summary"]].concat());
    assert_eq!(ok(&["summarize", &shuffled_one]), whole);
    // Several arms: the sweep's options keep the experiment's order of arms.
    let two = shuffled("two.csv", &sweep_of(&["--seeds", "9"]));
    let stated = ok(&[
        "summarize",
        &two,
        "--url",
        LINK,
        "--param2",
        "dissipation",
        "--values2",
        "3,1",
        "--seeds",
        "9",
    ]);
    assert_eq!(stated, sweep_of(&["--seeds", "9", "--summary"]));
    // Without them, arms come in the order they first appear.
    let plain = ok(&["summarize", &two]);
    assert!(
        plain.lines().nth(1).unwrap().starts_with("Dense,"),
        "{plain}"
    );
    let mut sorted: Vec<&str> = plain.lines().collect();
    sorted.sort();
    let mut expected: Vec<&str> = stated.lines().collect();
    expected.sort();
    assert_eq!(sorted, expected);
}

#[test]
fn a_damaged_file_is_refused_naming_its_file_and_line() {
    let csv = sweep_of(&["--shard", "2/3"]);
    let good = file("good.csv", &sweep_of(&["--shard", "1/3"]));
    let damaged = csv.replacen(",true,", ",yes,", 1);
    let line = 1 + damaged
        .lines()
        .position(|l| l.contains(",yes,"))
        .expect("a synced run");
    let bad = file("damaged.csv", &damaged);
    let err = refused(
        &["summarize", &good, &bad],
        &format!("lockstep: {bad} line {line}: "),
    );
    assert!(err.contains("synced: `yes` is not true or false"), "{err}");
    // Fields missing; a header of other columns; not a sweep's CSV at all.
    let cut = file(
        "cut.csv",
        &format!("{}\nClustered,0.05,3\n", csv.lines().next().unwrap()),
    );
    refused(
        &["summarize", &cut],
        &format!("lockstep: {cut} line 2: 3 fields, expected 9"),
    );
    let other = file("other.csv", &sweep_of(&["--pane", "0", "--shard", "1/3"]));
    refused(
        &["summarize", &good, &other],
        &format!("lockstep: {other} line 1: columns "),
    );
    let prose = file("prose.txt", "hello\n");
    refused(
        &["summarize", &prose],
        &format!("lockstep: {prose} line 1: rows before a header"),
    );
    let missing = temp("missing.csv").display().to_string();
    refused(&["summarize", &missing], &format!("lockstep: {missing}: "));
    // A run given twice would count twice: refused, naming both places.
    let err = refused(
        &["summarize", &good, &good],
        &format!("lockstep: {good} line 2: "),
    );
    assert!(err.contains(&format!("already in {good} line 2")), "{err}");
    // Rows of another experiment than the options state.
    refused(
        &[
            "summarize",
            &good,
            "--url",
            LINK,
            "--param2",
            "dissipation",
            "--values2",
            "3,2",
        ],
        &format!("lockstep: {good} line "),
    );
}
