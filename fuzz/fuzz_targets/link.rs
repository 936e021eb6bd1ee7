//! Any fragment is read or refused, never a panic; what is read is a state
//! the page can run, and it writes back to a link that reads the same.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(read) = lockstep::share::link::decode(text) {
        for pane in &read.state.panes {
            assert!(pane.scenario.validate().is_ok(), "a read state runs");
        }
        if let Ok(link) = lockstep::share::link::encode(&read.state) {
            let again = lockstep::share::link::decode(&link).expect("a written link reads");
            assert_eq!(again.state, read.state, "and reads as the same state");
        }
    }
});
