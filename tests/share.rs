//! Sharing the page by link and by file: what a link holds, that it gives
//! back the same state (and so the same releases), and every way a bad
//! link or file is read: clamped with a note, or refused naming the field.

mod common;
use common::digest::{DIGEST_1000, digest_scenario};
use lockstep::network::csv::parse;
use lockstep::network::edgelist::EdgeList;
use lockstep::network::{MAX_FIRMS, MAX_TIES};
use lockstep::share::json::PAGE_VALUES;
use lockstep::share::link::{FILE_ONLY, MAX_LINK, decode, encode};
use lockstep::share::packed::{self, MAX_INFLATED};
use lockstep::share::{Pane, SharedState, View, from_file, from_json, to_json};
use lockstep::{Choice, Mode, NetworkSpec, Reach, Scenario, release_digest};
use proptest::prelude::*;

fn compare() -> SharedState {
    let clustered = Scenario {
        seed: 18,
        network: NetworkSpec::PlantedPartition {
            groups: 4,
            mean_degree: 8.0,
            between_share: 0.03,
        },
        ..Scenario::default()
    };
    let dense = Scenario {
        network: NetworkSpec::Gnm { ties: 240 },
        ..clustered.clone()
    };
    SharedState {
        view: View::Compare,
        panes: vec![
            Pane {
                label: Some("Clustered".into()),
                scenario: clustered,
                match_ties: false,
            },
            Pane {
                label: Some("Dense".into()),
                scenario: dense,
                match_ties: true,
            },
        ],
        preset: Some("compare".into()),
        ..SharedState::default()
    }
}

/// The field and reason a link is refused with.
fn refusal(fragment: &str) -> String {
    decode(fragment).expect_err("refused").to_string()
}

/// The notes a link is read with.
fn notes(fragment: &str) -> Vec<String> {
    decode(fragment)
        .expect("read")
        .notes
        .iter()
        .map(|n| n.to_string())
        .collect()
}

#[test]
fn a_compare_link_is_readable_and_the_second_pane_holds_only_differences() {
    let link = encode(&compare()).unwrap();
    assert_eq!(
        link,
        "v=1&view=compare&show=0&speed=1&preset=compare&seed=18&n=60&net=pp&groups=4&deg=8&between=0.03\
         &eps=0.05&b=3&mode=hybrid&k=5&pick=degree&rho=0&sig=0.5&reach=2&intense=1&weak=0.5\
         &slips=0&h=0&onepulse=0&delta=0.02&label=Clustered&mt=0\
         &p2.net=gnm&p2.ties=240&p2.label=Dense&p2.mt=1"
    );
    assert_eq!(decode(&link).unwrap().state, compare());
    assert_eq!(
        decode(&format!("#{link}")).unwrap().state,
        compare(),
        "a leading # is fine"
    );
}

#[test]
fn a_link_gives_the_same_release_digest() {
    let state = SharedState {
        panes: vec![Pane {
            scenario: digest_scenario(),
            ..Pane::default()
        }],
        ..SharedState::default()
    };
    let read = decode(&encode(&state).unwrap()).unwrap();
    assert!(read.notes.is_empty());
    assert_eq!(
        release_digest(&read.state.panes[0].scenario.clone().check().unwrap(), 1000).unwrap(),
        DIGEST_1000
    );
}

#[test]
fn an_imported_network_travels_packed_and_comes_back_whole() {
    let attributes = "firm,name,subgroup,coordinator\nA,Acme & Co,north,1\nB,Bolt,south,0\n";
    let imported = parse("A,B,0.5\nB,C\nC,\"D, Inc.\"\n", Some(attributes)).unwrap();
    let state = SharedState {
        panes: vec![Pane {
            scenario: imported.apply(&Scenario::default()),
            ..Pane::default()
        }],
        ..SharedState::default()
    };
    let link = encode(&state).unwrap();
    assert!(
        link.contains("&net=import&") && link.contains("&edges="),
        "{link}"
    );
    assert_eq!(decode(&link).unwrap().state, state);
}

#[test]
fn an_empty_fragment_is_the_default_state() {
    assert_eq!(decode("").unwrap().state, SharedState::default());
    assert_eq!(decode("#").unwrap().notes, vec![]);
}

#[test]
fn missing_fields_take_defaults() {
    let read = decode("v=1&seed=7").unwrap();
    assert!(read.notes.is_empty());
    let expected = Scenario {
        seed: 7,
        ..Scenario::default()
    };
    assert_eq!(read.state.panes[0].scenario, expected);
    assert_eq!(read.state.view, View::Single);
}

#[test]
fn error_future_version() {
    assert_eq!(
        refusal("v=2&seed=1"),
        "v: made by a newer Lockstep (format version 2); this page reads version 1: \
         open it with the newer page, or ask for a link from this one"
    );
}

#[test]
fn error_version_not_a_number() {
    assert_eq!(refusal("v=one"), "v: `one` is not a version number");
    assert_eq!(refusal("v=0"), "v: `0` is not a version number");
}

#[test]
fn note_missing_version() {
    assert_eq!(notes("seed=3"), ["v: missing; read as version 1"]);
}

#[test]
fn error_non_numeric_value() {
    assert_eq!(
        refusal("v=1&eps=lots"),
        "eps: `lots` is not a finite number"
    );
    assert_eq!(refusal("v=1&eps=NaN"), "eps: `NaN` is not a finite number");
    assert_eq!(
        refusal("v=1&p2.b=inf"),
        "p2.b: `inf` is not a finite number"
    );
    assert_eq!(refusal("v=1&n=6.5"), "n: `6.5` is not a whole number");
    assert_eq!(refusal("v=1&k="), "k: `` is not a whole number");
}

#[test]
fn error_unknown_choice() {
    assert_eq!(
        refusal("v=1&mode=sideways"),
        "mode: `sideways` is not one of reactive, planned, hybrid"
    );
    assert_eq!(
        refusal("v=1&net=torus"),
        "net: `torus` is not one of complete, ring, er, gnm, pp, ws, ba, geo, import"
    );
    assert_eq!(
        refusal("v=1&view=grid"),
        "view: `grid` is not one of compare, single"
    );
    assert_eq!(refusal("v=1&chosen=1,x"), "chosen: `x` is not a firm id");
}

#[test]
fn error_pair_without_value() {
    assert_eq!(
        refusal("v=1&seed"),
        "seed: has no value (expected key=value)"
    );
}

#[test]
fn error_broken_escape() {
    assert_eq!(refusal("v=1&label=%zz"), "label: a broken %-escape");
    assert_eq!(refusal("v=1&label=%E2%82"), "label: not UTF-8 text");
    assert_eq!(refusal("v=1&label=%4"), "label: a broken %-escape");
}

#[test]
fn error_truncated_link() {
    let state = SharedState {
        panes: vec![Pane {
            scenario: parse("A,B\nB,C\n", None)
                .unwrap()
                .apply(&Scenario::default()),
            ..Pane::default()
        }],
        ..SharedState::default()
    };
    let link = encode(&state).unwrap();
    let cut = &link[..link.len() - 6];
    assert!(refusal(cut).starts_with("edges: "), "{}", refusal(cut));
    assert_eq!(
        refusal("v=1&net=import"),
        "edges: an imported network (net=import) needs its edges"
    );
}

#[test]
fn error_hostile_edges() {
    assert_eq!(
        refusal("v=1&net=import&edges=***"),
        "edges: not base64url: Invalid symbol 42, offset 0."
    );
    // A decompression bomb: 8 KB of link that would inflate to megabytes.
    let bomb = base64_deflate(&vec![1u8; 4 << 20]);
    assert!(bomb.len() < MAX_LINK);
    assert_eq!(
        refusal(&format!("v=1&net=import&edges={bomb}")),
        "edges: the network inflates to more than 1048576 bytes"
    );
    // Well-formed bytes that lie: one firm more than the limit (a varint).
    let (mut n, mut lie) = (MAX_FIRMS as u64 + 1, Vec::new());
    while n >= 0x80 {
        lie.push(n as u8 | 0x80);
        n >>= 7;
    }
    lie.push(n as u8);
    let liar = base64_deflate(&lie);
    assert_eq!(
        refusal(&format!("v=1&net=import&edges={liar}")),
        format!("edges: firms: {} is more than {MAX_FIRMS}", MAX_FIRMS + 1)
    );
}

fn base64_deflate(bytes: &[u8]) -> String {
    use base64::Engine;
    let deflated = miniz_oxide::deflate::compress_to_vec(bytes, 9);
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(deflated)
}

#[test]
fn error_link_too_long() {
    let long = format!("v=1&label={}", "x".repeat(MAX_LINK));
    assert_eq!(
        refusal(&long),
        "link: is 8202 bytes, more than the 8192 a link may hold"
    );
}

#[test]
fn error_network_too_big_for_a_link_says_download_the_file() {
    let text: String = (0..3000)
        .map(|i| format!("a{i},b{}\n", (i * 7919 + 13) % 3001))
        .collect();
    let imported = parse(&text, None).unwrap();
    let state = SharedState {
        panes: vec![Pane {
            scenario: imported.apply(&Scenario::default()),
            ..Pane::default()
        }],
        ..SharedState::default()
    };
    let error = encode(&state).unwrap_err();
    assert_eq!(error.field, "link");
    assert!(
        error.reason.starts_with("the imported network needs "),
        "{error}"
    );
    assert!(
        error
            .reason
            .ends_with("more than the 8192 a link holds: download the scenario file instead")
    );
}

#[test]
fn a_network_a_link_could_not_unpack_is_refused_however_well_it_compresses() {
    // A ring of 50,000 firms, each tied to its 10 next ones: a few hundred
    // deflated bytes, but more than a link may inflate to.
    let firms = 50_000u32;
    let mut list = EdgeList::empty();
    list.labels = (0..firms).map(|i| i.to_string()).collect();
    list.ties = (0..firms)
        .flat_map(|a| (1..=10).map(move |k| (a.min((a + k) % firms), a.max((a + k) % firms), 1.0)))
        .collect();
    let state = SharedState {
        panes: vec![Pane {
            scenario: Scenario {
                firms: firms as usize,
                network: NetworkSpec::EdgeList(list),
                mode: Mode::Reactive,
                ..Scenario::default()
            },
            ..Pane::default()
        }],
        ..SharedState::default()
    };
    let error = encode(&state).unwrap_err();
    assert_eq!(error.field, "link");
    assert_eq!(
        error.reason,
        format!(
            "the imported network needs 1100000 bytes before compression, more than the \
             {MAX_INFLATED} a link may unpack to: download the scenario file instead"
        )
    );
}

#[test]
fn note_out_of_range_values_are_clamped() {
    const DEG: usize = 2 * MAX_TIES / MAX_FIRMS;
    let read = decode("v=1&eps=3&n=99999999&seed=-4&k=500&speed=100&p2.deg=1e9&tour=500").unwrap();
    let notes: Vec<String> = read.notes.iter().map(|n| n.to_string()).collect();
    assert_eq!(
        notes,
        [
            "seed: -4 is outside [0, 4294967295]; clamped to 0",
            "speed: 100 is outside [0.1, 10]; clamped to 10",
            "tour: 500 is past the last step; the tour starts at step 0",
            format!("n: 99999999 is outside [2, {MAX_FIRMS}]; clamped to {MAX_FIRMS}").as_str(),
            "eps: 3 is outside [0, 1]; clamped to 1",
            format!("p2.n: 99999999 is outside [2, {MAX_FIRMS}]; clamped to {MAX_FIRMS}").as_str(),
            "p2.eps: 3 is outside [0, 1]; clamped to 1",
            // The most firms of mean degree 40 take the whole tie limit:
            // the degree bound follows it, and no coordinator ties fit.
            format!("p2.deg: 1000000000 is outside [0, {DEG}]; clamped to {DEG}").as_str(),
            format!(
                "p2.k: 500 coordinators would tie to each other with 124750 intense ties, \
                 past the limit of {MAX_TIES} ties with the network's {MAX_TIES}; clamped to 1"
            )
            .as_str(),
        ]
    );
    let state = read.state;
    assert_eq!(
        (state.panes[0].scenario.eps, state.panes[1].scenario.firms),
        (1.0, MAX_FIRMS)
    );
    state
        .panes
        .iter()
        .for_each(|p| p.scenario.validate().unwrap());
}

#[test]
fn note_chosen_firms_that_do_not_exist_are_dropped() {
    assert_eq!(
        notes("v=1&n=10&pick=chosen&chosen=2,12,99"),
        ["chosen: firms 12, 99 do not exist (firms are 0 to 9); dropped"]
    );
}

#[test]
fn note_unknown_and_repeated_keys_are_ignored() {
    assert_eq!(
        notes("v=1&seed=2&colour=red&seed=3&ties=9"),
        [
            "seed: given twice; the last value is kept",
            "colour: not a Lockstep setting; ignored",
            "ties: does not apply to this network or view; ignored",
        ]
    );
    assert_eq!(
        decode("v=1&seed=2&seed=3").unwrap().state.panes[0]
            .scenario
            .seed,
        3
    );
}

#[test]
fn note_a_preset_or_label_that_is_not_plain_text_is_dropped() {
    let read = decode("v=1&preset=%3Cscript%3E&label=%0Aa").unwrap();
    assert_eq!(read.state.preset, None);
    assert_eq!(read.state.panes[0].label, None);
    assert_eq!(read.notes.len(), 2);
    let html = decode("v=1&label=%3Cb%3Ebold").unwrap().state;
    assert_eq!(
        html.panes[0].label.as_deref(),
        Some("<b>bold"),
        "text, for textContent"
    );
}

#[test]
fn a_file_round_trips_and_names_the_field_it_cannot_read() {
    let state = compare();
    let read = from_json(&to_json(&state)).unwrap();
    assert_eq!((read.state, read.notes), (state, vec![]));
    let bad = to_json(&compare()).replace("\"eps\": 0.05", "\"eps\": \"big\"");
    let error = from_json(&bad).unwrap_err();
    assert_eq!(error.field, "panes[0].scenario.eps");
    assert!(
        error.reason == "a number expected, found string \"big\"",
        "{error}"
    );
    assert_eq!(from_json("{\"v\": 3}").unwrap_err().field, "v");
    assert_eq!(
        from_json("[1]").unwrap_err().to_string(),
        "file: not a JSON object (a scenario or a saved page)"
    );
    assert!(
        from_json("{\"seed\": 1,")
            .unwrap_err()
            .reason
            .starts_with("not JSON: EOF")
    );
}

#[test]
fn the_address_bars_words_for_a_scenario_too_big_for_a_link_open_nothing_and_say_why() {
    let error = decode(FILE_ONLY).unwrap_err();
    assert_eq!(error.field, "link");
    assert!(
        error.reason.starts_with(
            "this address holds no scenario: the page it was copied from ran one too big"
        ),
        "{error}"
    );
    assert!(decode(&format!("#{FILE_ONLY}")).is_err());
}

#[test]
fn a_file_is_utf8_its_keys_given_twice_are_noted_and_its_lists_are_bounded_as_they_are_read() {
    let error = from_file(b"{\"seed\": 4,\n\"label\": \"Caf\xe9\"}").unwrap_err();
    assert_eq!(
        error.to_string(),
        "file: not UTF-8 text (line 2, byte 25): save the file as UTF-8"
    );
    let read = from_json(r#"{"seed": 4, "seed": 5, "eps": 0.1}"#).unwrap();
    assert_eq!(read.state.panes[0].scenario.seed, 5);
    assert_eq!(
        read.notes[0].to_string(),
        "seed: given twice; the last value is kept"
    );
    // Each key given twice is noted where it is, up to a count.
    let keys: Vec<String> = (0..30).map(|_| "\"seed\": 1".to_owned()).collect();
    let many = from_json(&format!("{{{}}}", keys.join(","))).unwrap();
    assert_eq!(many.notes.len(), 21);
    assert_eq!(many.notes[20].to_string(), "file: 9 more keys given twice");
    let chosen = format!("{{\"chosen\": [{}0]}}", "0,".repeat(MAX_FIRMS));
    assert_eq!(
        from_json(&chosen).unwrap_err().to_string(),
        format!("chosen: more than {MAX_FIRMS} entries, more than the firms a network may have")
    );
    let page = format!(
        "{{\"v\": 1, \"panes\": [{{\"label\": [{}0]}}]}}",
        "0,".repeat(MAX_FIRMS)
    );
    assert_eq!(
        from_json(&page).unwrap_err().field,
        "panes[0].label",
        "named by its path"
    );
    // The page reads at most its largest state's values.
    let ties = format!(
        "{{\"network\": {{\"kind\": \"edgeList\", \"labels\": [], \"ties\": [{}[0,1,1]]}}}}",
        "[0,1,1],".repeat(PAGE_VALUES / 4)
    );
    let error = from_file(ties.as_bytes()).unwrap_err();
    assert!(
        error
            .reason
            .starts_with(&format!("the file holds more than {PAGE_VALUES} values")),
        "{error}"
    );
    assert!(error.field.starts_with("network.ties["), "{error}");
}

#[test]
fn an_experiment_value_is_clamped_against_the_firms_of_the_points_it_runs_at() {
    // The pane has 60 firms (at most 59 partners each); the points have 200,000 (at most 200).
    for link in [
        "v=1&x.p=firms&x.v=200000&x.p2=network.meanDegree&x.v2=100,300",
        "v=1&x.p=network.meanDegree&x.v=100,300&x.p2=firms&x.v2=200000",
    ] {
        let read = decode(link).unwrap();
        let x = read.state.experiment.unwrap();
        let degrees = match x.x.path.as_str() {
            "firms" => x.y.unwrap().values,
            _ => x.x.values,
        };
        assert_eq!(degrees, [100.0, 200.0], "{link}");
        let notes: Vec<String> = read.notes.iter().map(ToString::to_string).collect();
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert!(
            notes[0].ends_with("300 is outside [0, 200]; clamped to 200"),
            "{notes:?}"
        );
    }
    // Where the points have fewer firms, the range every point shares.
    let read = decode("v=1&x.p=firms&x.v=20,200000&x.p2=network.meanDegree&x.v2=100").unwrap();
    assert_eq!(read.state.experiment.unwrap().y.unwrap().values, [19.0]);
}

#[test]
fn a_label_loses_bidi_controls_and_zero_width_characters_with_a_note() {
    let read = decode("v=1&label=Dense%E2%80%AE%20net%E2%80%8Bwork").unwrap();
    assert_eq!(read.state.panes[0].label.as_deref(), Some("Dense network"));
    assert_eq!(
        read.notes[0].to_string(),
        "label: bidi controls and zero-width characters removed (they reorder or hide text)"
    );
    let only = decode("v=1&label=%E2%80%8B").unwrap();
    assert_eq!(only.state.panes[0].label, None, "nothing visible: no label");
}

#[test]
fn a_scenario_file_alone_opens_in_one_pane_with_clamp_notes() {
    let read = from_json("{\"seed\": 4, \"eps\": 2}").unwrap();
    assert_eq!(read.state.panes.len(), 1);
    assert_eq!(read.state.panes[0].scenario.seed, 4);
    assert_eq!(
        read.notes[0].to_string(),
        "eps: 2 is outside [0, 1]; clamped to 1"
    );
    let whole = to_json(&compare()).replace("\"eps\": 0.05", "\"eps\": 2");
    assert_eq!(
        from_json(&whole).unwrap().notes[0].field,
        "panes[0].scenario.eps"
    );
}

fn networks() -> impl Strategy<Value = NetworkSpec> {
    prop_oneof![
        Just(NetworkSpec::Complete),
        (0usize..300).prop_map(|degree| NetworkSpec::RingLattice { degree }),
        (-5.0..300.0f64).prop_map(|mean_degree| NetworkSpec::ErdosRenyi { mean_degree }),
        (0usize..5000).prop_map(|ties| NetworkSpec::Gnm { ties }),
        (0usize..30, 0.0..30.0f64, -0.5..1.5f64).prop_map(
            |(groups, mean_degree, between_share)| {
                NetworkSpec::PlantedPartition {
                    groups,
                    mean_degree,
                    between_share,
                }
            }
        ),
        (0usize..20, -1.0..2.0f64)
            .prop_map(|(degree, rewire)| NetworkSpec::WattsStrogatz { degree, rewire }),
        (0usize..20).prop_map(|attach| NetworkSpec::BarabasiAlbert { attach }),
        (0.0..20.0f64).prop_map(|mean_degree| NetworkSpec::Geometric { mean_degree }),
        (
            proptest::collection::vec((0u32..40, 0u32..40, 1u32..=4), 1..60),
            any::<bool>()
        )
            .prop_map(|(pairs, grouped)| NetworkSpec::EdgeList(edge_list(pairs, grouped))),
    ]
}

fn edge_list(pairs: Vec<(u32, u32, u32)>, grouped: bool) -> EdgeList {
    let mut seen = std::collections::HashSet::new();
    let text: String = (pairs.iter().filter(|&&(a, b, _)| seen.insert((a, b))))
        .map(|(a, b, w)| format!("f{a},g{b},{}\n", *w as f64 / 8.0))
        .collect();
    let attributes: String = (0..80)
        .step_by(3)
        .map(|i| format!("f{i},g{}\n", i % 4))
        .collect();
    let attributes = grouped.then_some(attributes.as_str());
    parse(&text, attributes).unwrap().network
}

prop_compose! {
    fn scenarios()(seed in any::<u32>(), firms in 0usize..400, network in networks(),
        eps in -0.5..1.5f64, dissipation in -12.0..12.0f64, mode in 0..3u8, k in 0usize..50,
        choice in 0..3u8, chosen in proptest::collection::vec(0u32..500, 0..6),
        rho in 0.0..1.0f64, sig in 0.0..1.2f64, reach in 0..3u8, intense in 0.0..1.0f64,
        weak in -0.1..1.0f64, slips in 0.0..0.4f64, h in 0.0..0.6f64, one in any::<bool>(),
        delta in 0.0..0.3f64) -> Scenario {
        Scenario {
            seed, firms, network, eps, dissipation,
            mode: [Mode::Reactive, Mode::Planned, Mode::Hybrid][mode as usize],
            coordinators: k,
            choice: [Choice::HighestDegree, Choice::Random, Choice::Chosen][choice as usize],
            chosen, responsiveness: rho, eps_signal: sig,
            reach: [Reach::Partners, Reach::TwoHops, Reach::All][reach as usize],
            intense_share: intense, arms_length: weak, slips, cycle_spread: h,
            one_pulse_per_event: one, delta,
        }
    }
}

prop_compose! {
    /// A state as the page could hold it: clamped into range first.
    fn states()(panes in proptest::collection::vec((scenarios(), proptest::option::of("[ -~]{0,20}"), any::<bool>()), 1..=2),
        compare in any::<bool>(), shown in 0usize..2, speed in 0.1..10.0f64,
        preset in proptest::option::of("[a-z-]{1,12}"), tour_step in proptest::option::of(0u32..10),
        at in proptest::option::of(prop_oneof![Just(0.0), 0.0..10_000.0f64])) -> SharedState {
        let panes = panes.into_iter().map(|(scenario, label, match_ties)| Pane { label, scenario, match_ties }).collect();
        let view = if compare { View::Compare } else { View::Single };
        let mut state = SharedState { view, shown, panes, speed, preset, tour_step, at, experiment: None };
        state.settle(&|_, f| f.to_owned()).expect("clamping makes any such state valid");
        state
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, ..ProptestConfig::default() })]

    #[test]
    fn a_link_reads_back_as_the_same_state_without_notes(state in states()) {
        let link = encode(&state).unwrap();
        let read = decode(&link).unwrap();
        prop_assert_eq!(read.notes, vec![]);
        prop_assert_eq!(read.state, state);
    }

    #[test]
    fn a_file_reads_back_as_the_same_state_without_notes(state in states()) {
        let read = from_json(&to_json(&state)).unwrap();
        prop_assert_eq!(read.notes, vec![]);
        prop_assert_eq!(read.state, state);
    }

    #[test]
    fn a_packed_network_unpacks_to_itself(pairs in proptest::collection::vec((0u32..200, 0u32..200, 1u32..=8), 1..300)) {
        let list = edge_list(pairs, true);
        prop_assert_eq!(packed::unpack(&packed::pack(&list).unwrap()), Ok(list));
    }

    #[test]
    fn a_damaged_link_is_read_or_refused_never_a_panic(state in states(), cut in any::<prop::sample::Index>(),
        junk in "[a-z0-9=&%.,#-]{0,12}") {
        let link = encode(&state).unwrap();
        let at = cut.index(link.len() + 1);
        let damaged = format!("{}{junk}{}", &link[..at], &link[at..]);
        if let Ok(read) = decode(&damaged) {
            for pane in &read.state.panes {
                prop_assert!(pane.scenario.validate().is_ok());
            }
        }
    }

    #[test]
    fn any_text_is_read_or_refused_never_a_panic(text in "\\PC{0,200}") {
        let _ = decode(&text);
        let _ = from_json(&text);
    }
}

#[test]
fn a_moment_travels_as_t_and_comes_back_the_same() {
    let state = SharedState {
        at: Some(12.375),
        ..compare()
    };
    let link = encode(&state).unwrap();
    assert!(link.contains("&t=12.375&"), "{link}");
    let read = decode(&link).unwrap();
    assert_eq!(read.notes, vec![]);
    assert_eq!(read.state.at, Some(12.375));
    assert_eq!(
        decode("v=1&seed=3").unwrap().state.at,
        None,
        "no t: the start"
    );
}

#[test]
fn note_a_moment_out_of_range_is_clamped() {
    let max = lockstep::simulation::MAX_MOMENT;
    for (t, to, note) in [
        (
            "-3",
            0.0,
            "t: -3 is outside [0, 10000]; clamped to 0".to_owned(),
        ),
        (
            "1e9",
            max,
            format!("t: 1000000000 is outside [0, {max}]; clamped to {max}"),
        ),
    ] {
        let read = decode(&format!("v=1&seed=3&t={t}")).unwrap();
        assert_eq!(read.state.at, Some(to), "{t}");
        let notes: Vec<String> = read.notes.iter().map(|n| n.to_string()).collect();
        assert_eq!(notes, [note]);
    }
}

#[test]
fn error_a_moment_that_is_not_a_number_or_on_a_damaged_link() {
    assert_eq!(refusal("v=1&t=nan"), "t: `nan` is not a finite number");
    assert_eq!(refusal("v=1&t=inf"), "t: `inf` is not a finite number");
    assert_eq!(refusal("v=1&t=soon"), "t: `soon` is not a finite number");
    assert_eq!(refusal("v=1&t="), "t: `` is not a finite number");
    // The rest of the link is read first: a damaged link is refused whole.
    assert_eq!(refusal("v=1&t=5&n=%ZZ"), "n: a broken %-escape");
}
