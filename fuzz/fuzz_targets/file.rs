//! Any scenario file is read or refused, never a panic.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(read) = lockstep::share::from_json(text) {
        for pane in &read.state.panes {
            assert!(pane.scenario.validate().is_ok(), "a read state runs");
        }
    }
});
