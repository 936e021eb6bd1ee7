//! A link's keys: the page's, a pane's (its parameters' keys from the
//! table, `p2.` for the second pane) and an experiment's (`x.`).

use crate::scenario::params;

/// Longest fragment written or read, in bytes: links this long survive
/// chat apps, mail and browsers' address bars.
pub const MAX_LINK: usize = 8192;

/// What the page's address bar holds while its scenario is too big for a
/// link: no scenario, but the words that say so. Opening it is refused
/// with the reason, so a reload never runs another scenario silently.
pub const FILE_ONLY: &str = "this-scenario-travels-only-as-a-file";

pub(super) const PANE2: &str = "p2.";
/// Keys of the page, and of a pane beyond its scenario's parameters.
const PAGE_KEYS: [&str; 8] = ["v", "view", "show", "panes", "speed", "preset", "tour", "t"];
const PANE_KEYS: [&str; 3] = ["label", "mt", "edges"];

/// The keys and the JSON path of the field each stands for.
pub(super) const EXPERIMENT_KEYS: [(&str, &str); 10] = [
    ("x.arms", "experiment.arms"),
    ("x.pane", "experiment.arms.pane"),
    ("x.p", "experiment.x.path"),
    ("x.v", "experiment.x.values"),
    ("x.p2", "experiment.y.path"),
    ("x.v2", "experiment.y.values"),
    ("x.seeds", "experiment.seeds"),
    ("x.first", "experiment.firstSeed"),
    ("x.cap", "experiment.cap"),
    ("x.ready", "experiment.ready"),
];

/// The link's key of an experiment's field, if it is one.
fn experiment_key(field: &str) -> Option<&'static str> {
    EXPERIMENT_KEYS
        .iter()
        .find(|(_, path)| *path == field)
        .map(|(key, _)| *key)
}

/// The key (with its pane's prefix) of a field a note or error names.
pub(super) fn key_of(pane: usize, field: &str) -> String {
    if let Some(key) = experiment_key(field) {
        return key.to_owned();
    }
    let key = match field {
        "network" => "net",
        "tourStep" => "tour",
        "at" => "t",
        "shown" => "show",
        f => match params::find(f) {
            Some(p) => p.key,
            // An imported network's own fields (`network.ties`...).
            None if f.starts_with("network.") => "edges",
            None => f,
        },
    };
    if pane == 1 {
        format!("{PANE2}{key}")
    } else {
        key.to_owned()
    }
}

/// Keys a link may hold, for the unknown-key note (and the docs).
pub fn known_key(key: &str) -> bool {
    let key = key.strip_prefix(PANE2).unwrap_or(key);
    PAGE_KEYS.contains(&key)
        || PANE_KEYS.contains(&key)
        || EXPERIMENT_KEYS.iter().any(|(k, _)| *k == key)
        || params::PARAMS.iter().any(|p| p.key == key)
}
