//! Layout time natively: the first placement (pivot MDS: the picture the
//! page shows first) and the whole force-directed layout, on Erdos-Renyi
//! networks of 2,000 and 50,000 firms (mean degree 10). Prints rows of
//! `npm run bench`'s one table (bench,case,value,unit,note), no header.
//! `scripts/bench-page.mjs` times the same layouts in the page's Worker.

use lockstep::layout::{FORCE_STEPS, ForceLayout, PIVOTS, flat_ties};
use lockstep::{Mode, NetworkSpec, Scenario};
use std::time::Instant;

/// A CSV field, quoted when it holds a comma or a quote.
fn field(s: &str) -> String {
    if s.contains([',', '"']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_owned()
    }
}

/// `50000` as `50,000`.
fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn row(case: &str, value: &str, unit: &str, note: &str) {
    println!("layout,{},{value},{unit},{}", field(case), field(note));
}

fn main() {
    for firms in [2_000, 50_000] {
        let scenario = Scenario {
            firms,
            network: NetworkSpec::ErdosRenyi { mean_degree: 10.0 },
            mode: Mode::Reactive,
            ..Scenario::default()
        };
        let case = format!("native: {} firms", thousands(firms));
        let built = match scenario.clone().check().and_then(|s| s.build()) {
            Ok(built) => built,
            Err(e) => {
                row(&case, "", "s", &format!("not run: {e}"));
                continue;
            }
        };
        let ties = flat_ties(&built.setup.network);
        let start = Instant::now();
        let mut layout = ForceLayout::new(firms, &ties, scenario.seed).expect("the network's ties");
        while !layout.placed() {
            layout.step();
        }
        let placed = start.elapsed().as_secs_f64();
        while !layout.step() {}
        let total = start.elapsed().as_secs_f64();
        let note = format!("{} ties", thousands(ties.len() / 2));
        row(
            &format!("{case}: first picture"),
            &format!("{placed:.3}"),
            "s",
            &format!("{note}; pivot MDS, {PIVOTS} pivots"),
        );
        row(
            &format!("{case}: force layout"),
            &format!("{total:.3}"),
            "s",
            &format!("{note}; then {FORCE_STEPS} steps of forces (Barnes-Hut)"),
        );
    }
}
