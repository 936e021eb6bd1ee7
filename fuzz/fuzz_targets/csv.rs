//! Any edge list (and attributes, after a NUL byte) is a whole network or
//! an error naming a line, never a panic; a network writes back to CSV
//! that reads as the same network.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let (ties, attributes) = match text.split_once('\0') {
        Some((t, a)) => (t, Some(a)),
        None => (text, None),
    };
    if let Ok(imported) = lockstep::network::csv::parse(ties, attributes) {
        let list = &imported.network;
        assert!(list.check().is_ok(), "an import is a valid network");
        let again = lockstep::network::csv::parse(
            &list.ties_csv(),
            Some(&list.attributes_csv(&imported.coordinators)),
        );
        assert_eq!(again.as_ref(), Ok(&imported), "export reads back");
    }
});
