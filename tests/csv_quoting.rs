//! Quoting, line ends and line numbers in CSV imports, pinned since the
//! fields are read by `csv_core` and no longer by a hand-written splitter:
//! what the parser now does must still be what the files always meant.

use lockstep::network::csv::parse;
use lockstep::network::edgelist::EdgeList;

fn ties(text: &str) -> EdgeList {
    parse(text, None).expect("imports").network
}

fn refusal(text: &str) -> String {
    parse(text, None).expect_err("refused").to_string()
}

#[test]
fn quoted_fields_hold_commas_quotes_and_hashes() {
    let list = ties("\"Acme, Inc.\",\"Bolt \"\"B\"\", Ltd\"\n\"#3\",\"\"\"\",\"0.5\"\n");
    assert_eq!(list.labels, ["Acme, Inc.", "Bolt \"B\", Ltd", "#3", "\""]);
    assert_eq!(list.ties, [(0, 1, 1.0), (2, 3, 0.5)]);
}

#[test]
fn blanks_around_a_quoted_field_are_dropped_and_blanks_inside_kept() {
    // Spaces before an opening quote still open a quoted field (the parser
    // alone would read `"` as text there).
    let list = ties("\t\" A \" ,  B\t, \"0.25\"\t\n");
    assert_eq!(list.labels, [" A ", "B"]);
    assert_eq!(list.ties, [(0, 1, 0.25)]);
}

#[test]
fn empty_and_quoted_empty_weights_are_intense_ties() {
    assert_eq!(ties("A,B,\nB,C, \nC,D,\"\"\n").ties.len(), 3);
    assert!(ties("A,B,\"\"\n").ties.iter().all(|t| t.2 == 1.0));
}

#[test]
fn a_quote_closes_on_its_line_whatever_the_line_end() {
    assert_eq!(
        refusal("\"A\r\nB\",C\r\n"),
        "ties line 1: unterminated quote"
    );
    assert_eq!(
        refusal("A,B\n\"C\nD\",E\n"),
        "ties line 2: unterminated quote"
    );
    // A lone CR is not a line end: it is read, and refused as a name.
    assert_eq!(
        refusal("A,\"B\rC\"\n"),
        "ties line 1: target: name contains a control character"
    );
}

#[test]
fn every_broken_quote_keeps_its_message() {
    assert_eq!(refusal("\"A\"\"\n"), "ties line 1: unterminated quote");
    assert_eq!(refusal("\"\n"), "ties line 1: unterminated quote");
    assert_eq!(
        refusal("\"A,B\"x,C\n"),
        "ties line 1: text after a closing quote"
    );
    assert_eq!(
        refusal("\"A\" \"B\",C\n"),
        "ties line 1: text after a closing quote"
    );
    assert_eq!(
        refusal("A,B\"\n"),
        "ties line 1: a quote inside an unquoted field"
    );
    // The first problem on the line is the one named.
    assert_eq!(
        refusal("A\"x,\"B\n"),
        "ties line 1: a quote inside an unquoted field"
    );
}

#[test]
fn a_byte_order_mark_before_a_header_is_ignored() {
    let list = ties("\u{feff}source,target,weight\r\nA,B,0.5\r\n");
    assert_eq!(list.labels, ["A", "B"]);
    assert_eq!(list.ties, [(0, 1, 0.5)]);
    let imported = parse("A,B\n", Some("\u{feff}firm,name\r\nA,\"Acme, Inc.\"\r\n")).unwrap();
    assert_eq!(imported.network.firm_names(), ["Acme, Inc.", "B"]);
    // A quoted header is a header too.
    assert_eq!(ties("\"target\",\"source\"\nA,B\n").labels, ["B", "A"]);
}

#[test]
fn comments_are_lines_whose_first_non_blank_is_a_hash() {
    let list = ties("  # indented comment\nA,#B\n\t#\n\"#C\",A\n");
    assert_eq!(list.labels, ["A", "#B", "#C"]);
    assert_eq!(list.ties, [(0, 1, 1.0), (2, 0, 1.0)]);
}

#[test]
fn line_numbers_count_blank_and_comment_lines_with_crlf() {
    assert_eq!(
        refusal("A,B\r\n\r\n# c\r\n   \r\nB,A\r\n"),
        "ties line 5: duplicate tie B-A (first on line 1)"
    );
    assert_eq!(
        refusal("\u{feff}\n\nsource,target\n\nA,A\n"),
        "ties line 5: self-loop: firm A tied to itself"
    );
}
