//! `lockstep ready`: the ready experiments, one a line.

use lockstep::FieldError;
use lockstep::experiments::ready;

pub const AFTER_HELP: &str = "\
Output: one line per ready experiment: its id, its runs (arms times values times second
values times seeds), and the question it answers.

Run one with `lockstep sweep --ready ID` (the page's ready experiments, run for run);
--seeds, --cap and the other options of sweep override its own, and --shard splits it.";

pub fn list() -> Result<String, FieldError> {
    let all = ready::all();
    let mut rows = vec![("ID".to_owned(), "RUNS".to_owned(), "TITLE")];
    for r in &all {
        let runs = r.experiment()?.plan()?.sweep_len();
        rows.push((r.id.to_owned(), runs.to_string(), r.title));
    }
    let id = rows.iter().map(|r| r.0.len()).max().unwrap_or(0);
    let runs = rows.iter().map(|r| r.1.len()).max().unwrap_or(0);
    let mut out = String::new();
    for (i, (a, b, c)) in rows.iter().enumerate() {
        // Numbers right-aligned, under a left-aligned heading.
        let b = if i == 0 {
            format!("{b:<runs$}")
        } else {
            format!("{b:>runs$}")
        };
        out.push_str(&format!("{a:<id$}  {b}  {c}\n"));
    }
    Ok(out)
}
