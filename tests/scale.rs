//! The core at its limit: a million firms build and run, from the library
//! and from the command line, in seconds and without the page's extras
//! (statistics wait until asked for; drawing buffers stay a pane's size).
//! Speed is the benchmark's business (`cargo run --release --bin bench`);
//! these only check that it works at this size.

use lockstep::network::MAX_FIRMS;
use lockstep::{Mode, NetworkSpec, Scenario, Simulation};
use std::process::Command;

fn million() -> Scenario {
    Scenario {
        firms: MAX_FIRMS,
        network: NetworkSpec::ErdosRenyi { mean_degree: 10.0 },
        mode: Mode::Reactive,
        ..Scenario::default()
    }
}

#[test]
fn a_million_firms_build_and_run_in_the_library() {
    let mut sim = Simulation::new(&million()).expect("a million firms build");
    assert_eq!(sim.firm_count(), MAX_FIRMS);
    let ties = sim.ties().len() / 2;
    // G(n, p) with mean degree 10: 5,000,000 ties give or take a few thousand.
    assert!((4_990_000..=5_010_000).contains(&ties), "{ties} ties");
    let releases = sim.advance(1.0);
    // Every firm's phase starts below 1 and grows a cycle a cycle.
    assert!(releases >= MAX_FIRMS, "{releases} releases in a cycle");
    assert!(sim.engine().pulse_count() > 5 * releases as u64);
    assert!(sim.phases().iter().all(|p| (0.0..1.0).contains(p)));
    assert!(
        sim.recent_releases().len() < releases,
        "the releases kept for drawing are a pane's, not the run's"
    );
    let r = sim.order_parameter();
    assert!((0.0..=1.0).contains(&r));
    let stats = sim.stats();
    assert_eq!((stats.firms, stats.ties), (MAX_FIRMS, ties));
    assert!(stats.mean_path_sampled);
    // ln(10^6) / ln(10) = 6 hops, a little more on a sparse random network.
    let path = stats.mean_path.expect("connected pairs");
    assert!((5.5..7.0).contains(&path), "mean path {path}");
}

#[test]
fn a_million_firms_run_from_the_command_line() {
    let json = serde_json::to_string(&million()).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(["run", "--json", &json, "--cap", "1"])
        .output()
        .expect("the binary runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.starts_with("no synchrony within 1 cycles (censored); "),
        "{stdout}"
    );
}
