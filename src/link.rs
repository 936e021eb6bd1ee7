//! The page's state as a URL fragment, version 1:
//!
//! `v=1&view=compare&speed=1&seed=18&n=60&net=pp&groups=4&deg=8&between=0.03&eps=0.05&b=3&mode=hybrid&k=5&pick=degree&rho=0&sig=0.5&reach=2&intense=1&weak=0.5&slips=0&h=0&onepulse=0&delta=0.02&p2.net=gnm&p2.ties=240`
//!
//! - `key=value` pairs joined by `&`; keys and values percent-encoded
//!   (only letters, digits and `-._~,` stay as they are).
//! - Page: `v` (version), `view` (`compare` | `single`), `show` (pane of the
//!   single view), `panes` (`2` when a single view keeps a second pane),
//!   `speed`, `preset`, `tour` (tour step).
//! - The first pane's scenario: `seed`, `n` (firms), `net` (`complete`,
//!   `ring`, `er`, `gnm`, `pp`, `ws`, `ba`, `geo`, `import`) and its knobs
//!   `deg` (degree or mean degree), `ties`, `groups`, `between`, `rewire`,
//!   `attach`, `edges` (an imported network: packed, deflated, base64url,
//!   see `crate::packed`); `eps`, `b`, `mode`, `k`, `pick` (`degree` |
//!   `random` | `chosen`), `chosen` (firm ids, `3,17`), `rho`, `sig`,
//!   `reach` (`1` | `2` | `all`), `intense`, `weak`, `slips`, `h`,
//!   `onepulse`, `delta`; and `label`, `mt` (match ties) for the pane.
//! - The second pane: the same keys prefixed `p2.`, written only where they
//!   differ from the first pane's; a key it lacks is the first pane's.
//! - Writing puts every field that shapes a run in the link, so a link
//!   reproduces its run even if a later version changes the defaults.
//!   Reading fills a missing field from the defaults.

use crate::generators::NetworkSpec;
use crate::packed;
use crate::scenario::{Choice, Mode, Reach};
use crate::share::{Pane, ShareError, SharedState, VERSION, View, fail};
use std::fmt::Write;

mod decode;
pub use decode::decode;

/// Longest fragment written or read, in bytes: links this long survive
/// chat apps, mail and browsers' address bars.
pub const MAX_LINK: usize = 8192;

const PANE2: &str = "p2.";
const KINDS: [&str; 9] = [
    "complete", "ring", "er", "gnm", "pp", "ws", "ba", "geo", "import",
];

/// Scenario field names (as `Scenario::validate` and notes say) by key.
const FIELDS: [(&str, &str); 25] = [
    ("seed", "seed"),
    ("n", "firms"),
    ("net", "network"),
    ("deg", "network.degree"),
    ("deg", "network.meanDegree"),
    ("ties", "network.ties"),
    ("groups", "network.groups"),
    ("between", "network.betweenShare"),
    ("rewire", "network.rewire"),
    ("attach", "network.attach"),
    ("eps", "eps"),
    ("b", "dissipation"),
    ("mode", "mode"),
    ("k", "coordinators"),
    ("pick", "choice"),
    ("chosen", "chosen"),
    ("rho", "responsiveness"),
    ("sig", "epsSignal"),
    ("reach", "reach"),
    ("intense", "intenseShare"),
    ("weak", "armsLength"),
    ("slips", "slips"),
    ("h", "cycleSpread"),
    ("onepulse", "onePulsePerEvent"),
    ("delta", "delta"),
];
const PAGE_KEYS: [&str; 7] = ["v", "view", "show", "panes", "speed", "preset", "tour"];
const PANE_KEYS: [&str; 3] = ["label", "mt", "edges"];

/// The key (with its pane's prefix) of a field a note or error names.
fn key_of(pane: usize, field: &str) -> String {
    let key = FIELDS.iter().find(|f| f.1 == field).map_or(field, |f| f.0);
    let key = if field.starts_with("network.") && key == field {
        "edges"
    } else {
        key
    };
    let key = match key {
        "tourStep" => "tour",
        "shown" => "show",
        k => k,
    };
    if pane == 1 {
        format!("{PANE2}{key}")
    } else {
        key.to_owned()
    }
}

/// The link of `state`, or why it cannot be one (`field` "link" when the
/// state is too big: the page offers the scenario file instead).
pub fn encode(state: &SharedState) -> Result<String, ShareError> {
    let mut checked = state.clone();
    checked.settle(&key_of)?;
    let mut out = format!("v={VERSION}");
    let view = match state.view {
        View::Compare => "compare",
        View::Single => "single",
    };
    let _ = write!(out, "&view={view}");
    let _ = write!(out, "&show={}", state.shown);
    if state.view == View::Single && state.panes.len() == 2 {
        out.push_str("&panes=2");
    }
    let _ = write!(out, "&speed={}", state.speed);
    if let Some(preset) = &state.preset {
        let _ = write!(out, "&preset={}", escape(preset));
    }
    if let Some(step) = state.tour_step {
        let _ = write!(out, "&tour={step}");
    }
    let first = pairs(&state.panes[0]);
    for (key, value) in &first {
        if !value.is_empty() {
            let _ = write!(out, "&{key}={value}");
        }
    }
    if let Some(second) = state.panes.get(1) {
        for pair in pairs(second) {
            if !first.contains(&pair) {
                let _ = write!(out, "&{PANE2}{}={}", pair.0, pair.1);
            }
        }
    }
    if out.len() > MAX_LINK {
        let imported = state
            .panes
            .iter()
            .any(|p| matches!(p.scenario.network, NetworkSpec::EdgeList(_)));
        let what = if imported {
            "the imported network needs"
        } else {
            "this page needs"
        };
        let reason = format!(
            "{what} {} bytes in a link, more than the {MAX_LINK} a link holds: download the scenario file instead",
            out.len()
        );
        return fail("link", reason);
    }
    Ok(out)
}

/// Every key of a pane with its value (empty for none), in link order.
fn pairs(pane: &Pane) -> Vec<(&'static str, String)> {
    let s = &pane.scenario;
    let mut out: Vec<(&'static str, String)> =
        vec![("seed", s.seed.to_string()), ("n", s.firms.to_string())];
    let mut knob = |k: &'static str, v: String| out.push((k, v));
    match &s.network {
        NetworkSpec::Complete => knob("net", "complete".into()),
        NetworkSpec::RingLattice { degree } => {
            knob("net", "ring".into());
            knob("deg", degree.to_string())
        }
        NetworkSpec::ErdosRenyi { mean_degree } => {
            knob("net", "er".into());
            knob("deg", mean_degree.to_string())
        }
        NetworkSpec::Gnm { ties } => {
            knob("net", "gnm".into());
            knob("ties", ties.to_string())
        }
        NetworkSpec::PlantedPartition {
            groups,
            mean_degree,
            between_share,
        } => {
            knob("net", "pp".into());
            knob("groups", groups.to_string());
            knob("deg", mean_degree.to_string());
            knob("between", between_share.to_string());
        }
        NetworkSpec::WattsStrogatz { degree, rewire } => {
            knob("net", "ws".into());
            knob("deg", degree.to_string());
            knob("rewire", rewire.to_string());
        }
        NetworkSpec::BarabasiAlbert { attach } => {
            knob("net", "ba".into());
            knob("attach", attach.to_string())
        }
        NetworkSpec::Geometric { mean_degree } => {
            knob("net", "geo".into());
            knob("deg", mean_degree.to_string())
        }
        NetworkSpec::EdgeList(_) => knob("net", "import".into()),
    }
    let mode = match s.mode {
        Mode::Reactive => "reactive",
        Mode::Planned => "planned",
        Mode::Hybrid => "hybrid",
    };
    let pick = match s.choice {
        Choice::HighestDegree => "degree",
        Choice::Random => "random",
        Choice::Chosen => "chosen",
    };
    let reach = match s.reach {
        Reach::Partners => "1",
        Reach::TwoHops => "2",
        Reach::All => "all",
    };
    let chosen: Vec<String> = s.chosen.iter().map(|f| f.to_string()).collect();
    out.extend([
        ("eps", s.eps.to_string()),
        ("b", s.dissipation.to_string()),
        ("mode", mode.into()),
        ("k", s.coordinators.to_string()),
        ("pick", pick.into()),
        ("chosen", chosen.join(",")),
        ("rho", s.responsiveness.to_string()),
        ("sig", s.eps_signal.to_string()),
        ("reach", reach.into()),
        ("intense", s.intense_share.to_string()),
        ("weak", s.arms_length.to_string()),
        ("slips", s.slips.to_string()),
        ("h", s.cycle_spread.to_string()),
        ("onepulse", u8::from(s.one_pulse_per_event).to_string()),
        ("delta", s.delta.to_string()),
        (
            "label",
            pane.label.as_deref().map(escape).unwrap_or_default(),
        ),
        ("mt", u8::from(pane.match_ties).to_string()),
    ]);
    if let NetworkSpec::EdgeList(list) = &s.network {
        out.push(("edges", packed::pack(list)));
    }
    out
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~,".contains(&b) {
            out.push(b as char);
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// Keys a link may hold, for the unknown-key note (and the docs).
pub fn known_key(key: &str) -> bool {
    let key = key.strip_prefix(PANE2).unwrap_or(key);
    PAGE_KEYS.contains(&key) || PANE_KEYS.contains(&key) || FIELDS.iter().any(|f| f.0 == key)
}
