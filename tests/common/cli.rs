//! The command line as the tests call it: run the built binary, read its
//! output, and the two outcomes most tests state (success, or a refusal).

use std::process::{Command, Output};

/// Runs `lockstep` with `args`.
pub fn lockstep(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_lockstep"))
        .args(args)
        .output()
        .expect("the binary runs")
}

pub fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

/// Succeeds and returns stdout.
pub fn ok(args: &[&str]) -> String {
    let out = lockstep(args);
    assert!(out.status.success(), "{args:?}: {}", text(&out.stderr));
    text(&out.stdout)
}

/// Exits 2 with one line on stderr starting `prefix`, nothing on stdout;
/// returns stderr.
pub fn refused(args: &[&str], prefix: &str) -> String {
    let out = lockstep(args);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{args:?}: {err}");
    assert!(err.starts_with(prefix), "{args:?}: {err}");
    assert_eq!(err.lines().count(), 1, "one line: {err}");
    assert!(out.stdout.is_empty(), "{args:?}: {}", text(&out.stdout));
    err
}
