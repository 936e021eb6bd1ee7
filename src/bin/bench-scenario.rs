//! A scenario's way in, natively, on the largest network a pane runs: an
//! imported network of 50,000 firms and 500,000 ties. Times checking it,
//! checking and building it, clamping it (what a link or file goes
//! through) and a page's simulation of it. Prints rows of `npm run
//! bench`'s one table (bench,case,value,unit,note), no header.

use lockstep::network::edgelist::EdgeList;
use lockstep::scenario::clamp::Clamp;
use lockstep::scenario::size::{Budget, PAGE_FIRMS, PAGE_TIES};
use lockstep::{Mode, NetworkSpec, Scenario, Simulation};
use std::time::Instant;

/// Times each case runs; the row gives the median.
const RUNS: usize = 7;

/// `PAGE_FIRMS` firms on a ring, each tied to its next `PAGE_TIES /
/// PAGE_FIRMS` firms: `PAGE_TIES` ties, each pair once.
fn imported() -> Scenario {
    let n = PAGE_FIRMS as u32;
    let reach = (PAGE_TIES / PAGE_FIRMS) as u32;
    let ties = (0..n)
        .flat_map(|a| (1..=reach).map(move |k| (a, (a + k) % n, 1.0)))
        .collect();
    let list = EdgeList {
        labels: (0..n).map(|f| format!("f{f}")).collect(),
        ties,
        ..EdgeList::empty()
    };
    Scenario {
        firms: PAGE_FIRMS,
        network: NetworkSpec::EdgeList(list),
        // Reactive: coordinators tied together would pass the page's limit.
        mode: Mode::Reactive,
        ..Scenario::default()
    }
}

/// The median of `RUNS` timings of `case`, in seconds.
fn median(mut case: impl FnMut()) -> f64 {
    let mut times: Vec<f64> = (0..RUNS)
        .map(|_| {
            let start = Instant::now();
            case();
            start.elapsed().as_secs_f64()
        })
        .collect();
    times.sort_by(f64::total_cmp);
    times[RUNS / 2]
}

fn row(case: &str, seconds: f64, note: &str) {
    println!("scenario,\"native: {case}\",{seconds:.4},s,\"{note}; median of {RUNS}\"");
}

fn main() {
    let scenario = imported();
    let note = "an imported network of 50,000 firms and 500,000 ties";
    let check = median(|| scenario.validate().expect("the scenario is valid"));
    row("check", check, note);
    let build = median(|| {
        let checked = scenario.clone().check().expect("the scenario is valid");
        checked.build().expect("the scenario builds");
    });
    row("check and build (with a copy of it)", build, note);
    let clamp = median(|| {
        let mut s = scenario.clone();
        let name = |f: &str| f.to_owned();
        let mut clamp = Clamp {
            notes: Vec::new(),
            name: &name,
        };
        clamp.scenario(&mut s);
        assert!(clamp.notes.is_empty(), "{:?}", clamp.notes);
    });
    row("clamp (with a copy of it)", clamp, note);
    let copy = median(|| drop(scenario.clone()));
    row("copy (part of the clamp's figure)", copy, note);
    let page = median(|| drop(Simulation::within(&scenario, &Budget::PAGE).expect("it runs")));
    row("a page's simulation of it", page, note);
}
