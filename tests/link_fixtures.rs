//! Links written by the page before the parameter table existed (captured
//! from it in Chromium: every preset, every tour step, each network kind,
//! changed settings, an imported network) read back as the same states,
//! and today's writer writes their keys and values as they were: link
//! format v=1 holds. A parameter added later adds its own key; nothing else
//! in an old link changes.

use lockstep::share::SharedState;
use lockstep::share::link::{decode, encode};
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

/// The `key=value` pairs of a link, in order.
fn pairs(link: &str) -> Vec<&str> {
    link.split('&').collect()
}

#[test]
fn old_links_are_written_again_with_the_same_keys_values_and_order() {
    for f in fixtures() {
        let again = encode(&f.state).unwrap();
        let old = pairs(&f.link);
        let keys: Vec<&str> = old.iter().map(|p| p.split('=').next().unwrap()).collect();
        let kept: Vec<&str> = pairs(&again)
            .into_iter()
            .filter(|p| keys.contains(&p.split('=').next().unwrap()))
            .collect();
        assert_eq!(kept, old, "{}", f.what);
        assert_eq!(decode(&again).unwrap().state, f.state, "{}", f.what);
    }
}
