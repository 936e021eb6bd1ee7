//! The parameter table is the one place a scenario parameter is declared:
//! every field has a row, and validation, clamping, the link and sweeps
//! follow the rows.

use lockstep::experiments::with_parameter;
use lockstep::network::csv::parse;
use lockstep::scenario::clamp::Clamp;
use lockstep::scenario::params::{self, Field, Kind, PARAMS, Slot};
use lockstep::share::link::{decode, encode};
use lockstep::share::{Pane, SharedState};
use lockstep::{Choice, Mode, NetworkSpec, Reach, Scenario};
use serde_json::Value;

/// A scenario of each network kind that has knobs.
fn one_of_each_kind() -> Vec<Scenario> {
    let kinds = params::find("network.kind").unwrap().options();
    kinds
        .iter()
        .filter(|k| k.value != "edgeList")
        .map(|k| {
            let network: NetworkSpec =
                serde_json::from_value(NetworkSpec::defaults_json(k.value)).unwrap();
            Scenario {
                network,
                ..Scenario::default()
            }
        })
        .collect()
}

#[test]
fn every_field_of_a_scenario_has_one_row() {
    let json = Scenario::default().to_json().unwrap();
    for key in json.as_object().unwrap().keys() {
        let path = if key == "network" {
            "network.kind"
        } else {
            key
        };
        assert!(params::find(path).is_some(), "{key} has no row");
    }
    for p in PARAMS.iter().filter(|p| p.networks.is_empty()) {
        assert!(
            params::get(&json, p.path).is_some(),
            "{} is no field",
            p.path
        );
    }
}

#[test]
fn every_knob_is_a_field_of_its_network_kinds_and_keys_are_unique_per_kind() {
    for p in PARAMS.iter().filter(|p| !p.networks.is_empty()) {
        for kind in p.networks {
            let knob = p.path.trim_start_matches("network.");
            let defaults = NetworkSpec::defaults_json(kind);
            assert!(defaults.get(knob).is_some(), "{kind} has no {knob}");
        }
    }
    for kind in params::find("network.kind").unwrap().options() {
        let mut keys: Vec<&str> = params::of_kind(kind.value).map(|p| p.key).collect();
        let count = keys.len();
        keys.sort();
        keys.dedup();
        assert_eq!(keys.len(), count, "{}", kind.value);
    }
}

/// A value as a scenario's JSON holds it.
fn as_json(field: Field) -> Value {
    match field {
        Field::Number(x) => Value::from(x),
        Field::Whole(n) => Value::from(n),
        Field::Choice(name) => Value::from(name),
        Field::Flag(b) => Value::from(b),
        Field::Firms(ids) => Value::from(ids),
    }
}

/// Validation, clamping, sweeps and the link read a scenario typed; files
/// and the page read its JSON. Both find every parameter at its path with
/// the same value, and every value but a choice's has a slot holding it.
#[test]
fn every_parameter_reads_by_its_path_as_in_its_json_and_has_a_slot() {
    let imported = parse("A,B\nB,C\n", None)
        .unwrap()
        .apply(&Scenario::default());
    for s in one_of_each_kind().into_iter().chain([imported]) {
        let s = Scenario {
            chosen: vec![2, 0],
            one_pulse_per_event: true,
            ..s
        };
        let json = s.to_json().unwrap();
        for p in PARAMS {
            let kind = s.network.kind();
            let Some(field) = s.field(p.path) else {
                assert!(!p.applies_to(kind), "{kind} has no {}", p.path);
                continue;
            };
            assert!(p.applies_to(kind), "{kind} has {}", p.path);
            assert_eq!(
                Some(&as_json(field)),
                params::get(&json, p.path),
                "{}",
                p.path
            );
            let mut copy = s.clone();
            let held = match (p.kind, copy.slot(p.path)) {
                (Kind::Number, Some(Slot::Number(x))) => Field::Number(*x),
                (Kind::Whole, Some(Slot::Whole(n))) => Field::Whole(*n as u64),
                (Kind::Whole, Some(Slot::Seed(n))) => Field::Whole(u64::from(*n)),
                (Kind::Flag, Some(Slot::Flag(b))) => Field::Flag(*b),
                (Kind::Firms, Some(Slot::Firms(ids))) => Field::Firms(ids),
                (Kind::Choice(_), None) => field,
                (kind, slot) => panic!("{}: a {} with slot {slot:?}", p.path, kind.name()),
            };
            assert_eq!(held, field, "{}", p.path);
        }
    }
}

#[test]
fn every_option_of_a_choice_is_its_type_s_name() {
    for o in params::find("mode").unwrap().options() {
        assert_eq!(
            serde_json::from_value::<Mode>(o.value.into())
                .unwrap()
                .name(),
            o.value
        );
    }
    for o in params::find("choice").unwrap().options() {
        assert_eq!(
            serde_json::from_value::<Choice>(o.value.into())
                .unwrap()
                .name(),
            o.value
        );
    }
    for o in params::find("reach").unwrap().options() {
        assert_eq!(
            serde_json::from_value::<Reach>(o.value.into())
                .unwrap()
                .name(),
            o.value
        );
    }
}

#[test]
fn defaults_lie_in_their_ranges_and_controls_in_theirs() {
    let n = Scenario::default().firms;
    for p in PARAMS.iter().filter(|p| p.is_numeric()) {
        let x = Scenario::default_value(p).as_f64().unwrap();
        assert!(p.lo.at(n) <= x && x <= p.hi.at(n), "{} = {x}", p.path);
        if let Some(c) = p.control {
            assert!(
                p.lo.at(n) <= c.min && c.min < c.max && c.step > 0.0,
                "{}",
                p.path
            );
        }
    }
}

/// The scenario with one parameter's value replaced.
fn with_value(s: &Scenario, path: &str, value: f64) -> Scenario {
    let mut s = s.clone();
    match s.slot(path).unwrap() {
        Slot::Number(x) => *x = value,
        Slot::Whole(n) => *n = value as usize,
        other => panic!("{path} is no number: {other:?}"),
    }
    s
}

/// A number's value as f64, whole or not.
fn number(field: Option<Field>) -> Option<f64> {
    match field? {
        Field::Number(x) => Some(x),
        Field::Whole(n) => Some(n as f64),
        _ => None,
    }
}

#[test]
fn a_value_past_either_end_of_its_range_is_refused_naming_it_and_clamped_to_that_end() {
    for s in one_of_each_kind() {
        for p in params::of_kind(s.network.kind()) // The seed's range is its type's: it cannot be out of range.
            .filter(|p| p.is_numeric() && !["firms", "seed"].contains(&p.path))
        {
            let (lo, hi) = (p.lo.at(s.firms), p.hi.at(s.firms));
            for (beyond, end) in [(hi + 1.0, hi), (lo - 1.0, lo)] {
                if beyond < 0.0 && p.kind == Kind::Whole {
                    continue; // whole numbers cannot be negative at all
                }
                let bad = with_value(&s, p.path, beyond);
                let error = bad.validate().expect_err(p.path);
                assert_eq!(error.field, p.path);
                let mut clamped = bad.clone();
                let name = |f: &str| f.to_owned();
                let mut clamp = Clamp {
                    notes: Vec::new(),
                    name: &name,
                };
                clamp.scenario(&mut clamped);
                assert_eq!(clamp.notes.len(), 1, "{}: {:?}", p.path, clamp.notes);
                assert_eq!(clamp.notes[0].field, p.path);
                assert_eq!(number(clamped.field(p.path)), Some(end), "{}", p.path);
                clamped.validate().unwrap();
            }
        }
    }
}

#[test]
fn a_link_holds_each_parameter_under_its_key() {
    for s in one_of_each_kind() {
        let state = SharedState {
            panes: vec![Pane {
                scenario: s.clone(),
                ..Pane::default()
            }],
            ..SharedState::default()
        };
        let link = encode(&state).unwrap();
        for p in params::of_kind(s.network.kind()) {
            let value = p.link_text(s.field(p.path).unwrap());
            if !value.is_empty() {
                assert!(
                    link.contains(&format!("&{}={value}", p.key)),
                    "{} in {link}",
                    p.key
                );
            }
        }
        assert_eq!(decode(&link).unwrap().state, state);
    }
}

#[test]
fn any_numeric_parameter_can_be_swept_by_its_path() {
    for s in one_of_each_kind() {
        for p in params::of_kind(s.network.kind()).filter(|p| p.is_numeric()) {
            let x = Scenario::default_value(p).as_f64().unwrap();
            let swept = with_parameter(&s, p.path, x).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(number(swept.field(p.path)), Some(x));
        }
    }
    let base = Scenario::default();
    assert_eq!(
        with_parameter(&base, "mode", 1.0).unwrap_err().to_string(),
        "mode: cannot sweep a parameter that is not a number"
    );
    assert_eq!(
        with_parameter(&base, "network.rewire", 0.1)
            .unwrap_err()
            .to_string(),
        "network.rewire: not a parameter of the network kind erdosRenyi"
    );
}

#[test]
fn a_pane_title_names_a_parameter_by_its_short_name_or_symbol() {
    let short = |path: &str| params::find(path).unwrap().short;
    assert_eq!(short("eps"), Some("ε"));
    assert_eq!(short("responsiveness"), Some("ρ"));
    assert_eq!(short("epsSignal"), Some("ε_signal"));
    assert_eq!(short("dissipation"), Some("b"));
    assert_eq!(short("coordinators"), Some("k"));
    assert_eq!(short("delta"), Some("δ"));
    assert_eq!(short("mode"), None, "a choice is named by its option");
    // Each short name is the one its label states, where the label has one.
    for p in PARAMS {
        if let Some(s) = p.short {
            assert!(
                p.label.contains(s) || p.label.to_lowercase().contains(s),
                "{}: {s} is not in {:?}",
                p.path,
                p.label
            );
        }
    }
    // The page and the CLI's JSON read it as `short`.
    let rows = serde_json::to_value(Scenario::parameters()).unwrap();
    let eps = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["path"] == "eps")
        .unwrap();
    assert_eq!(eps["short"], "ε");
}
