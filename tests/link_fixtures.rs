//! Links written by the page before the parameter table existed (captured
//! from it in Chromium: every preset, every tour step, each network kind,
//! changed settings, an imported network) read back as the same states,
//! and today's writer writes them byte for byte: link format v=1 holds.

use lockstep::link::{decode, encode};
use lockstep::share::SharedState;
use serde::Deserialize;

#[derive(Deserialize)]
struct Fixture {
    what: String,
    link: String,
    state: SharedState,
}

fn fixtures() -> Vec<Fixture> {
    let text = include_str!("fixtures/links-v1.json");
    serde_json::from_str(text).expect("fixtures read")
}

#[test]
fn old_links_decode_to_the_states_they_were_written_from() {
    let all = fixtures();
    assert!(all.len() >= 20);
    for f in all {
        let read = decode(&f.link).unwrap_or_else(|e| panic!("{}: {e}", f.what));
        assert_eq!(read.state, f.state, "{}", f.what);
        assert!(read.notes.is_empty(), "{}: {:?}", f.what, read.notes);
    }
}

#[test]
fn old_links_are_written_again_byte_for_byte() {
    for f in fixtures() {
        assert_eq!(encode(&f.state).unwrap(), f.link, "{}", f.what);
    }
}
