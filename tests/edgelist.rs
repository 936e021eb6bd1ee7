//! Importing an alliance network from CSV: what is read, and every way a
//! file is refused (by line and reason, and never half-imported).

use lockstep::FieldError;
use lockstep::network::csv::{MAX_CSV_BYTES, parse};
use lockstep::network::edgelist::EdgeList;
use lockstep::network::edgelist::Imported;
use lockstep::network::{MAX_FIRMS, MAX_TIES};
use lockstep::{Choice, NetworkSpec, Scenario, Simulation};
use proptest::prelude::*;

fn ties(text: &str) -> EdgeList {
    parse(text, None).expect("imports").network
}

/// The message an import fails with.
fn refusal(text: &str) -> String {
    parse(text, None).expect_err("refused").to_string()
}

fn attribute_refusal(attributes: &str) -> String {
    parse("a,b\n", Some(attributes))
        .expect_err("refused")
        .to_string()
}

#[test]
fn names_become_firms_in_order_of_first_appearance() {
    let list = ties("Acme,Bolt\nBolt,Core,0.5\n");
    assert_eq!(list.labels, ["Acme", "Bolt", "Core"]);
    assert_eq!(list.ties, [(0, 1, 1.0), (1, 2, 0.5)]);
    assert!(list.names.is_empty() && list.groups.is_empty());
}

#[test]
fn numbers_become_firms_in_numeric_order_without_filling_gaps() {
    let list = ties("10,2\n2,1000000\n");
    assert_eq!(list.labels, ["2", "10", "1000000"]);
    assert_eq!(list.ties, [(1, 0, 1.0), (0, 2, 1.0)]);
}

#[test]
fn a_header_is_detected_and_may_reorder_columns() {
    let list = ties("weight,target,source\n0.25,B,A\n");
    assert_eq!(list.labels, ["A", "B"]);
    assert_eq!(list.ties, [(0, 1, 0.25)]);
    assert_eq!(ties("From,To\nA,B\n").labels, ["A", "B"]);
}

#[test]
fn comments_blank_lines_crlf_quotes_and_a_byte_order_mark_are_read() {
    let text =
        "\u{feff}# alliances 2013\r\n\r\nsource,target\r\n\"Acme, Inc.\" , \"Bolt \"\"B\"\"\"\r\n";
    let list = ties(text);
    assert_eq!(list.labels, ["Acme, Inc.", "Bolt \"B\""]);
}

#[test]
fn attributes_give_names_subgroups_coordinators_and_tieless_firms() {
    let attributes =
        "firm,name,subgroup,coordinator\n1,Acme,north,yes\n3,Core,south,0\n4,,north,1\n";
    let imported = parse("1,2\n2,3\n", Some(attributes)).unwrap();
    let list = &imported.network;
    assert_eq!(list.labels, ["1", "2", "3", "4"]);
    assert_eq!(list.firm_names(), ["Acme", "2", "Core", "4"]);
    assert_eq!(list.groups, [0, 1, 2, 0], "numbered in firm order");
    assert_eq!(list.group_names, ["north", "", "south"], "firm 2 has none");
    assert_eq!(imported.coordinators, [0, 3]);
}

#[test]
fn attributes_without_a_header_are_firm_subgroup_coordinator() {
    let imported = parse("A,B\n", Some("B,left,1\nA,right\n")).unwrap();
    assert_eq!(imported.network.labels, ["B", "A"], "attribute order first");
    assert_eq!(imported.network.group_names, ["left", "right"]);
    assert_eq!(imported.coordinators, [0]);
}

#[test]
fn an_import_runs_as_a_scenario_with_chosen_coordinators() {
    let attributes = "firm,coordinator\nA,1\nC,1\n";
    let imported = parse("A,B\nB,C\nC,D\nD,A\n", Some(attributes)).unwrap();
    let scenario = imported.apply(&Scenario::default());
    assert_eq!(scenario.firms, 4);
    assert_eq!(scenario.choice, Choice::Chosen);
    // The attributes list A and C first: they are firms 0 and 1.
    assert_eq!(imported.network.labels, ["A", "C", "B", "D"]);
    assert_eq!(
        (scenario.coordinators, &scenario.chosen[..]),
        (2, &[0, 1][..])
    );
    let sim = Simulation::new(&scenario).expect("runs");
    assert_eq!(sim.coordinators(), [0, 1]);
}

#[test]
fn without_flags_an_import_keeps_the_choice_but_not_firms_chosen_elsewhere() {
    let before = Scenario {
        choice: Choice::Chosen,
        chosen: vec![40, 50],
        ..Scenario::default()
    };
    let scenario = parse("A,B\nB,C\n", None).unwrap().apply(&before);
    assert_eq!(scenario.choice, Choice::HighestDegree);
    assert!(scenario.chosen.is_empty());
    assert_eq!(scenario.coordinators, 2, "k stays below the 3 firms");
    scenario.validate().unwrap();
}

#[test]
fn the_file_strengths_are_kept_whatever_the_intense_share() {
    let scenario = Scenario {
        intense_share: 0.0,
        ..parse("A,B,0.3\n", None)
            .unwrap()
            .apply(&Scenario::default())
    };
    let network = scenario.check().unwrap().network().unwrap().network;
    assert_eq!(network.ties(), [(0, 1, 0.3)]);
}

#[test]
fn a_scenario_whose_firms_disagree_with_its_list_is_refused_by_name() {
    let scenario = Scenario {
        firms: 60,
        ..parse("A,B\n", None).unwrap().apply(&Scenario::default())
    };
    let error = scenario.validate().unwrap_err();
    assert_eq!(error.field, "firms");
    assert_eq!(
        error.reason,
        "60 disagrees with the imported network's 2 firms"
    );
}

#[test]
fn a_hostile_list_from_json_is_refused_by_name() {
    let mut list = ties("A,B\n");
    list.ties.push((1, 0, 1.0));
    let scenario = Imported {
        network: list,
        coordinators: vec![],
    }
    .apply(&Scenario::default());
    let error = scenario.validate().unwrap_err();
    assert_eq!(error.to_string(), "network.ties: tie 1: duplicate tie 1-0");
}

#[test]
fn error_unknown_column() {
    assert_eq!(
        refusal("source,target,colour\nA,B,red\n"),
        "ties line 1: unknown column `colour` (known: source, target, weight, from, to)"
    );
    assert_eq!(
        attribute_refusal("firm,size\nA,3\n"),
        "attributes line 1: unknown column `size` (known: firm, name, subgroup, coordinator, id, group, label)"
    );
}

#[test]
fn error_self_loop() {
    assert_eq!(
        refusal("A,B\nB,C\n\n# x\nC,D\nD,E\nA,A\n"),
        "ties line 7: self-loop: firm A tied to itself"
    );
}

#[test]
fn error_duplicate_tie_names_the_earlier_line() {
    assert_eq!(
        refusal("source,target\nA,B\nC,B\nB,A\n"),
        "ties line 4: duplicate tie B-A (first on line 2)"
    );
}

#[test]
fn error_non_numeric_weight() {
    assert_eq!(
        refusal("A,B,strong\n"),
        "ties line 1: weight `strong` is not a number"
    );
}

#[test]
fn error_weight_out_of_range() {
    assert_eq!(
        refusal("A,B\nB,C,1.5\n"),
        "ties line 2: weight 1.5 is outside (0, 1]"
    );
    assert_eq!(
        refusal("A,B,0\n"),
        "ties line 1: weight 0 is outside (0, 1]"
    );
    assert_eq!(
        refusal("A,B,NaN\n"),
        "ties line 1: weight NaN is outside (0, 1]"
    );
    assert_eq!(
        refusal("A,B,-inf\n"),
        "ties line 1: weight -inf is outside (0, 1]"
    );
}

#[test]
fn error_too_many_firms() {
    let text: String = (0..=MAX_FIRMS).map(|i| format!("hub,f{i}\n")).collect();
    let error = parse(&text, None).unwrap_err();
    assert_eq!(error.line, Some(MAX_FIRMS));
    assert_eq!(
        error.reason,
        format!("target: more than {MAX_FIRMS} firms (the limit)")
    );
}

#[test]
fn error_too_many_ties() {
    // Every tie line takes at least 4 bytes ("a,b\n"): when the tie limit is
    // out of a file's reach, the byte limit is the one that refuses.
    let reachable = 4 * (MAX_TIES + 1) <= MAX_CSV_BYTES;
    let lines = if reachable {
        MAX_TIES + 1
    } else {
        MAX_CSV_BYTES / 4 + 1
    };
    let text: String = (0..lines)
        .map(|i| format!("{},{}\n", i % 1000, 1000 + i / 1000))
        .collect();
    let error = parse(&text, None).unwrap_err();
    if reachable {
        assert_eq!(error.line, Some(MAX_TIES + 1));
        assert_eq!(
            error.reason,
            format!("more than {MAX_TIES} ties (the limit)")
        );
    } else {
        assert_eq!(
            error.reason,
            format!("the text is more than {MAX_CSV_BYTES} bytes")
        );
    }
}

#[test]
fn error_empty_input() {
    assert_eq!(
        refusal(""),
        "ties: no ties: expected lines `source,target[,weight]`"
    );
    assert_eq!(refusal("# nothing\n\n"), refusal(""));
    assert_eq!(refusal("source,target\n"), refusal(""));
}

#[test]
fn error_wrong_number_of_columns() {
    assert_eq!(
        refusal("A,B\nA\n"),
        "ties line 2: 1 columns, expected 2 or 3"
    );
    assert_eq!(
        refusal("source,target\nA,B,1\n"),
        "ties line 2: 3 columns, expected 2"
    );
    assert_eq!(refusal("A,,1\n"), "ties line 1: empty target");
}

#[test]
fn error_bad_quotes_and_names() {
    assert_eq!(refusal("\"A,B\n"), "ties line 1: unterminated quote");
    assert_eq!(
        refusal("\"A\"x,B\n"),
        "ties line 1: text after a closing quote"
    );
    assert_eq!(
        refusal("A\"x,B\n"),
        "ties line 1: a quote inside an unquoted field"
    );
    let long = "x".repeat(101);
    assert_eq!(
        refusal(&format!("A,{long}\n")),
        "ties line 1: target: name longer than 100 characters"
    );
    assert_eq!(
        refusal("A,\"B\u{7}\"\n"),
        "ties line 1: target: name contains a control character"
    );
}

#[test]
fn error_attributes() {
    assert_eq!(
        attribute_refusal("firm,coordinator\nA,maybe\n"),
        "attributes line 2: coordinator `maybe` is not a flag (use 1 or 0)"
    );
    assert_eq!(
        attribute_refusal("A\nB\nA\n"),
        "attributes line 3: firm A listed again (first on line 1)"
    );
    assert_eq!(
        attribute_refusal("name,subgroup\nx,y\n"),
        "attributes line 1: the header needs a firm column"
    );
    let error = parse("A,B\n", Some("A,g,1,extra\n")).unwrap_err();
    assert_eq!((error.field.as_str(), error.line), ("attributes", Some(1)));
}

#[test]
fn an_error_leaves_nothing_imported() {
    let result: Result<Imported, FieldError> = parse("A,B\nB,C\nC,C\n", None);
    assert!(result.is_err(), "one bad line refuses the whole file");
}

/// A valid edge list with coordinators: labels that are not all numbers,
/// some firms without ties, optional names and subgroups.
fn edge_lists() -> impl Strategy<Value = Imported> {
    (2usize..30, any::<bool>(), any::<bool>(), any::<u64>()).prop_flat_map(
        |(n, named, grouped, salt)| {
            let pairs = proptest::collection::vec((0..n as u32, 0..n as u32, 1u32..=8), 1..80);
            let flags = proptest::collection::vec(any::<bool>(), n);
            (pairs, flags).prop_map(move |(pairs, flags)| {
                let mut seen = std::collections::HashSet::new();
                let mut ties: Vec<_> = pairs
                    .into_iter()
                    .filter(|&(a, b, _)| a != b && seen.insert((a.min(b), a.max(b))))
                    .map(|(a, b, w)| (a, b, w as f64 / 8.0))
                    .collect();
                if ties.is_empty() {
                    ties.push((0, 1, 1.0));
                }
                let labels = (0..n)
                    .map(|i| format!("firm {i}, \"{}\"", salt % 7))
                    .collect();
                let names = if named {
                    (0..n).map(|i| format!("#Name {}", i % 3)).collect()
                } else {
                    vec![]
                };
                let (groups, group_names) = if grouped {
                    (
                        (0..n as u32).map(|i| i % 3).collect(),
                        ["a", "b", " c"][..n.min(3)]
                            .iter()
                            .map(|g| g.to_string())
                            .collect(),
                    )
                } else {
                    (vec![], vec![])
                };
                let coordinators = (0..n as u32).filter(|&i| flags[i as usize]).collect();
                let network = EdgeList {
                    labels,
                    ties,
                    names,
                    groups,
                    group_names,
                };
                Imported {
                    network,
                    coordinators,
                }
            })
        },
    )
}

proptest! {
    #[test]
    fn exported_ties_and_attributes_read_back_as_the_same_list(imported in edge_lists()) {
        let list = &imported.network;
        prop_assert!(list.check().is_ok());
        let read = parse(&list.ties_csv(), Some(&list.attributes_csv(&imported.coordinators)));
        prop_assert_eq!(read, Ok(imported.clone()));
    }

    #[test]
    fn exported_ties_alone_read_back_as_the_same_ties_by_name(imported in edge_lists()) {
        let list = &imported.network;
        let read = parse(&list.ties_csv(), None).unwrap().network;
        let by_name = |l: &EdgeList| -> Vec<(String, String, f64)> {
            l.ties.iter().map(|&(a, b, w)| {
                (l.labels[a as usize].clone(), l.labels[b as usize].clone(), w)
            }).collect()
        };
        prop_assert_eq!(by_name(&read), by_name(list));
    }

    #[test]
    fn any_text_gives_a_network_or_an_error_never_a_panic(
        ties in "[a-c0-9,\"#\\- .\r\n]{0,200}",
        attributes in proptest::option::of("[a-c0-9,\"#yn\r\n]{0,100}"),
    ) {
        if let Ok(imported) = parse(&ties, attributes.as_deref()) {
            prop_assert!(imported.network.check().is_ok());
            let scenario = imported.apply(&Scenario::default());
            prop_assert!(matches!(scenario.network, NetworkSpec::EdgeList(_)));
        }
    }
}

#[test]
fn a_generated_network_exports_as_csv_that_imports_as_the_same_network() {
    let scenario = Scenario {
        network: NetworkSpec::PlantedPartition {
            groups: 3,
            mean_degree: 6.0,
            between_share: 0.1,
        },
        intense_share: 0.5,
        ..Scenario::default()
    };
    let checked = scenario.clone().check().unwrap();
    let exported = Imported::of_scenario(&checked).unwrap();
    let list = &exported.network;
    let read = parse(
        &list.ties_csv(),
        Some(&list.attributes_csv(&exported.coordinators)),
    )
    .unwrap();
    assert_eq!(read, exported);
    let imported = read.apply(&scenario);
    let (a, b) = (
        checked.network().unwrap(),
        imported.check().unwrap().network().unwrap(),
    );
    assert_eq!(a.network.ties(), b.network.ties());
    assert_eq!(a.network.groups(), b.network.groups());
}

/// Found by fuzzing (fuzz/fuzz_targets/csv.rs): with numeric labels sorted
/// after the attributes were read, subgroups kept their attribute-order
/// numbers, so the exported files read back with other numbers.
#[test]
fn regression_subgroups_of_numeric_firms_are_numbered_in_firm_order() {
    let imported = parse("1,2\n2,3\n3,1\n", Some("4,south\n1,north,1\n2,\n")).unwrap();
    let list = &imported.network;
    assert_eq!(list.groups, [0, 1, 1, 2]);
    assert_eq!(list.group_names, ["north", "", "south"]);
    let again = parse(
        &list.ties_csv(),
        Some(&list.attributes_csv(&imported.coordinators)),
    );
    assert_eq!(again, Ok(imported));
}

#[test]
fn a_file_that_is_not_utf8_is_refused_at_its_line() {
    let latin1 = b"Acme,Bolt\nBolt,Caf\xe9\nCore,Acme\n";
    let error = lockstep::network::csv::text_of(latin1, "ties").unwrap_err();
    assert_eq!(
        error.to_string(),
        "ties line 2: not UTF-8 text (save the file as UTF-8)"
    );
    assert_eq!(
        lockstep::network::csv::text_of(b"A,B\n", "ties").unwrap(),
        "A,B\n"
    );
}

#[test]
fn a_name_with_a_byte_order_mark_is_refused() {
    // Found by fuzzing: such a firm was imported, then its export did not
    // read back (the reader skips a mark at the start of a line).
    assert_eq!(
        refusal("'#zromto,\u{feff}\t\n"),
        "ties line 1: target: name contains a byte-order mark (U+FEFF)"
    );
}

#[test]
fn a_scenario_s_settings_are_it_without_the_imported_firms_and_ties() {
    let scenario = Scenario {
        eps: 0.1,
        chosen: vec![1],
        ..parse("A,B\nB,C\n", None)
            .unwrap()
            .apply(&Scenario::default())
    };
    let settings = scenario.settings();
    assert_eq!(settings.network, NetworkSpec::EdgeList(EdgeList::empty()));
    let network = scenario.network.clone();
    assert_eq!(
        Scenario {
            network,
            ..settings
        },
        scenario
    );
    let generated = Scenario::default();
    assert_eq!(generated.settings(), generated);
}
