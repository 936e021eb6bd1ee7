//! The page's state as a URL fragment, version 1:
//!
//! `v=1&view=compare&speed=1&seed=18&n=60&net=pp&groups=4&deg=8&between=0.03&eps=0.05&b=3&mode=hybrid&k=5&pick=degree&rho=0&sig=0.5&reach=2&intense=1&weak=0.5&slips=0&h=0&onepulse=0&delta=0.02&p2.net=gnm&p2.ties=240`
//!
//! - `key=value` pairs joined by `&`; keys and values percent-encoded
//!   (only letters, digits and `-._~,` stay as they are).
//! - Page: `v` (version), `view` (`compare` | `single`), `show` (pane of the
//!   single view), `panes` (`2` when a single view keeps a second pane),
//!   `speed`, `preset`, `tour` (tour step), `t` (the moment the page opens
//!   at, paused, in cycles: from 0 to [`crate::simulation::MAX_MOMENT`]).
//! - The first pane's scenario: one key per parameter its network kind
//!   has, named and ordered by the table ([`crate::scenario::params::PARAMS`];
//!   `lockstep params` prints it): `seed`, `n`, `net`, the kind's knobs,
//!   `eps`, `b`, `mode`, ... Choices by their short names (`net=pp`,
//!   `reach=2`), flags as `0`/`1`, firm lists as `3,17`. Then the pane's
//!   `label`, `mt` (match ties) and, for an imported network, `edges`
//!   (packed, deflated, base64url, see [`crate::share::packed`]).
//! - The second pane: the same keys prefixed `p2.`, written only where they
//!   differ from the first pane's; a key it lacks is the first pane's.
//! - Writing puts every field that shapes a run in the link, so a link
//!   reproduces its run even if a later version changes the defaults.
//!   Reading fills a missing field from the defaults.

use crate::error::{FieldError, fail};
use crate::network::generators::NetworkSpec;
use crate::scenario::params;
use crate::share::packed::{self, MAX_INFLATED};
use crate::share::{Pane, SharedState, VERSION, View};
use std::fmt::Write;

mod decode;
mod experiment;
mod keys;
mod read;
mod text;

pub use decode::decode;
pub use keys::{FILE_ONLY, MAX_LINK, known_key};

use keys::{PANE2, key_of};
use text::escape;

/// The link of `state`, or why it cannot be one (`field` "link" when the
/// state is too big: the page offers the scenario file instead).
pub fn encode(state: &SharedState) -> Result<String, FieldError> {
    // A link holds what runs: the values as clamped, never as asked for.
    let mut checked = state.clone();
    checked.settle(&key_of)?;
    let state = &checked;
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
    if let Some(at) = state.at {
        let _ = write!(out, "&t={at}");
    }
    let first = pairs(&state.panes[0])?;
    for (key, value) in &first {
        if !value.is_empty() {
            let _ = write!(out, "&{key}={value}");
        }
    }
    if let Some(second) = state.panes.get(1) {
        for pair in pairs(second)? {
            if !first.contains(&pair) {
                let _ = write!(out, "&{PANE2}{}={}", pair.0, pair.1);
            }
        }
    }
    if let Some(x) = &state.experiment {
        experiment::write(&mut out, x);
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

/// Every key of a pane with its value (empty for none), in link order:
/// the parameters of its network kind, then the pane's own keys.
fn pairs(pane: &Pane) -> Result<Vec<(&'static str, String)>, FieldError> {
    let s = &pane.scenario;
    let mut out: Vec<(&'static str, String)> = params::of_kind(s.network.kind())
        .filter_map(|p| Some((p.key, p.link_text(s.field(p.path)?))))
        .collect();
    let label = pane.label.as_deref().map(escape).unwrap_or_default();
    out.push(("label", label));
    out.push(("mt", u8::from(pane.match_ties).to_string()));
    if let NetworkSpec::EdgeList(list) = &s.network {
        let packed = packed::pack(list).or_else(|bytes| {
            let reason = format!(
                "the imported network needs {bytes} bytes before compression, more than the \
                 {MAX_INFLATED} a link may unpack to: download the scenario file instead"
            );
            fail("link", reason)
        })?;
        out.push(("edges", packed));
    }
    Ok(out)
}
