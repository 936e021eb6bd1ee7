//! Reading an alliance network from CSV text: an edge list
//! `source,target[,weight]` and, optionally, firm attributes
//! `firm[,name][,subgroup][,coordinator]`.
//!
//! The rules, stated once:
//! - Lines end in LF or CRLF; blank lines and lines starting with `#` are
//!   skipped; a UTF-8 byte-order mark is ignored. Fields are separated by
//!   commas and may be double-quoted (`"Acme, Inc."`, `""` for a quote);
//!   a quote closes on its line.
//! - The first line is a header when it names a column (edge list: `source`,
//!   `target`, `weight`, or `from`, `to`; attributes: `firm`, `id`, `name`,
//!   `subgroup`, `group`, `coordinator`), columns in any order. Any other
//!   name in a header is an unknown column. Without a header the columns are
//!   `source,target[,weight]` and `firm[,subgroup[,coordinator]]`.
//! - Firms are known by their labels, names or numbers. When every label is
//!   a whole number, firms are numbered in numeric order; otherwise in the
//!   order the attributes list them, then by first appearance in the ties.
//!   Firms listed only in the attributes are firms without ties.
//! - A tie is undirected: `A,B` and then `B,A` is a duplicate tie. A missing
//!   weight is 1 (an intense tie); a weight must be a number in (0, 1].
//! - Coordinator flags are `1/0`, `yes/no`, `y/n`, `true/false` or empty.
//!
//! Errors name the line (1-based) and the reason; nothing is half-imported:
//! the result is a whole network or an error.

use crate::error::{FieldError, excerpt};
use crate::network::edgelist::{EdgeList, Imported, name_problem};
use crate::network::{FirmId, MAX_FIRMS, MAX_TIES};
use std::collections::HashMap;

/// Largest CSV text read, in bytes: the limits on firms and ties fit well
/// within it, and reading it takes well under a second.
pub const MAX_CSV_BYTES: usize = 32 << 20;

/// The field an error names: which of the two texts it is in (its line
/// is the error's `line`).
const TIES: &str = "ties";
const ATTRIBUTES: &str = "attributes";

/// The error of a text (`ties` or `attributes`) at a 1-based line; line 0
/// is the whole text.
fn error_at(file: &str, line: usize, reason: String) -> FieldError {
    let error = FieldError::new(file, reason);
    if line > 0 { error.at_line(line) } else { error }
}

/// The text of a CSV file's bytes (`file`: `ties` or `attributes`), or the
/// line where it stops being UTF-8: a file in another encoding is refused,
/// not read with replacement characters in its firms' names.
pub fn text_of<'a>(bytes: &'a [u8], file: &'static str) -> Result<&'a str, FieldError> {
    if bytes.len() > MAX_CSV_BYTES {
        let reason = format!("the text is more than {MAX_CSV_BYTES} bytes");
        return Err(error_at(file, 0, reason));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let line = 1 + bytes[..e.valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        let reason = "not UTF-8 text (save the file as UTF-8)".to_owned();
        error_at(file, line, reason)
    })
}

/// Reads an edge list, with optional firm attributes.
pub fn parse(ties: &str, attributes: Option<&str>) -> Result<Imported, FieldError> {
    let mut firms = Firms::default();
    let mut flagged = Vec::new();
    if let Some(text) = attributes {
        read_attributes(text, &mut firms, &mut flagged)?;
    }
    let ties = read_ties(ties, &mut firms)?;
    Ok(firms.finish(ties, flagged))
}

/// Labels interned in order, with their attributes.
#[derive(Default)]
struct Firms {
    ids: HashMap<String, FirmId>,
    labels: Vec<String>,
    names: Vec<Option<String>>,
    groups: Vec<Option<u32>>,
    group_ids: HashMap<String, u32>,
    group_names: Vec<String>,
}

impl Firms {
    fn intern(&mut self, label: &str) -> Result<(FirmId, bool), String> {
        if let Some(&id) = self.ids.get(label) {
            return Ok((id, false));
        }
        if let Some(problem) = name_problem(label) {
            return Err(problem);
        }
        if self.labels.len() >= MAX_FIRMS {
            return Err(format!("more than {MAX_FIRMS} firms (the limit)"));
        }
        let id = self.labels.len() as FirmId;
        self.ids.insert(label.to_owned(), id);
        self.labels.push(label.to_owned());
        self.names.push(None);
        self.groups.push(None);
        Ok((id, true))
    }

    /// The tie a line's cells name: its two firms (interned) and strength.
    fn tie(&mut self, cell: &[Option<&str>; 3]) -> Result<(FirmId, FirmId, f64), String> {
        let mut end = |which: usize, name: &str| match cell[which] {
            Some(label) if !label.is_empty() => self
                .intern(label)
                .map(|(id, _)| id)
                .map_err(|r| format!("{name}: {r}")),
            _ => Err(format!("empty {name}")),
        };
        let (a, b) = (end(SOURCE, "source")?, end(TARGET, "target")?);
        if a == b {
            let label = &self.labels[a as usize];
            return Err(format!("self-loop: firm {label} tied to itself"));
        }
        Ok((a, b, weight(cell[WEIGHT].unwrap_or(""))?))
    }

    /// A firm's name and subgroup from its attribute line's cells.
    fn describe(&mut self, id: FirmId, cell: &[&str; 4]) -> Result<(), String> {
        if !cell[NAME].is_empty() {
            if let Some(problem) = name_problem(cell[NAME]) {
                return Err(format!("name: {problem}"));
            }
            self.names[id as usize] = Some(cell[NAME].to_owned());
        }
        if !cell[GROUP].is_empty() {
            if let Some(problem) = name_problem(cell[GROUP]) {
                return Err(format!("subgroup: {problem}"));
            }
            let next = self.group_names.len() as u32;
            let g = *self.group_ids.entry(cell[GROUP].to_owned()).or_insert(next);
            if g == next {
                self.group_names.push(cell[GROUP].to_owned());
            }
            self.groups[id as usize] = Some(g);
        }
        Ok(())
    }

    fn finish(self, ties: Vec<(FirmId, FirmId, f64)>, mut flagged: Vec<FirmId>) -> Imported {
        let n = self.labels.len();
        // Numbers sort as numbers; otherwise ids stay in order of appearance.
        let mut order: Vec<usize> = (0..n).collect();
        let numbers: Option<Vec<u64>> = self.labels.iter().map(|l| l.parse().ok()).collect();
        if let Some(numbers) = numbers {
            order.sort_by(|&a, &b| {
                (numbers[a], &self.labels[a]).cmp(&(numbers[b], &self.labels[b]))
            });
        }
        let mut new_id = vec![0 as FirmId; n];
        for (new, &old) in order.iter().enumerate() {
            new_id[old] = new as FirmId;
        }
        let has_names = self.names.iter().any(Option::is_some);
        let has_groups = self.groups.iter().any(Option::is_some);
        // Subgroups numbered by first appearance in firm order, so a file
        // written in firm order reads back with the same numbers. Firms
        // without a subgroup share one with an empty name.
        let mut every_name = self.group_names;
        let unnamed = every_name.len();
        every_name.push(String::new());
        let mut renumber = vec![u32::MAX; every_name.len()];
        let mut group_names = Vec::new();
        let groups: Vec<u32> = (order.iter())
            .filter(|_| has_groups)
            .map(|&o| {
                let g = self.groups[o].map_or(unnamed, |g| g as usize);
                if renumber[g] == u32::MAX {
                    renumber[g] = group_names.len() as u32;
                    group_names.push(every_name[g].clone());
                }
                renumber[g]
            })
            .collect();
        flagged.iter_mut().for_each(|f| *f = new_id[*f as usize]);
        flagged.sort_unstable();
        let network = EdgeList {
            labels: order.iter().map(|&o| self.labels[o].clone()).collect(),
            ties: ties
                .into_iter()
                .map(|(a, b, w)| (new_id[a as usize], new_id[b as usize], w))
                .collect(),
            names: if has_names {
                order
                    .iter()
                    .map(|&o| {
                        self.names[o]
                            .clone()
                            .unwrap_or_else(|| self.labels[o].clone())
                    })
                    .collect()
            } else {
                Vec::new()
            },
            groups,
            group_names: if has_groups { group_names } else { Vec::new() },
        };
        Imported {
            network,
            coordinators: flagged,
        }
    }
}

/// The content lines of `text`: (1-based line number, fields).
///
/// Lines are found here, not by the CSV parser: `#` may follow spaces, a
/// lone `\r` is not a line end, and a line's number is where it is in the
/// text, blank and comment lines included (`csv::Reader` counts from where
/// the previous record ended: BurntSushi/rust-csv#208, #395).
fn records<'a>(
    text: &'a str,
    file: &'static str,
) -> impl Iterator<Item = Result<(usize, Vec<String>), FieldError>> + 'a {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut fields = Fields::new();
    text.split('\n').enumerate().filter_map(move |(i, line)| {
        let line = line.strip_suffix('\r').unwrap_or(line);
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            return None;
        }
        Some(
            fields
                .split(line)
                .map(|f| (i + 1, f))
                .map_err(|reason| error_at(file, i + 1, reason)),
        )
    })
}

/// Splits lines into fields with `csv_core`, the parser under `csv::Reader`,
/// one field at a time: only it tells how many bytes a field took, which a
/// quote after spaces and the checks in [`field`] need.
struct Fields {
    reader: csv_core::Reader,
    /// Room for the field being read, its quoting undone. It only grows:
    /// sizing it to each field's rest of the line would be quadratic on a
    /// line of many commas.
    buffer: Vec<u8>,
}

impl Fields {
    fn new() -> Self {
        // A record is one line, so a quote never spans lines: the
        // terminator is the byte a line cannot hold, and `\r` is data.
        let reader = csv_core::ReaderBuilder::new()
            .terminator(csv_core::Terminator::Any(b'\n'))
            .build();
        Fields {
            reader,
            buffer: vec![0; 64],
        }
    }

    /// Splits one line into trimmed fields, honouring double quotes.
    fn split(&mut self, line: &str) -> Result<Vec<String>, String> {
        self.reader.reset();
        let mut fields = Vec::new();
        let mut rest = line;
        loop {
            // The parser takes a quote only as a field's first byte; a
            // quote after spaces has always opened a quoted field here.
            rest = rest.trim_start_matches([' ', '\t']);
            let (used, last, len) = self.read_field(rest.as_bytes());
            // `used` counts the comma after the field; both ends are ASCII.
            let raw = &rest[..used - usize::from(!last)];
            let decoded = std::str::from_utf8(&self.buffer[..len])
                .expect("UTF-8 with some ASCII quotes taken out is UTF-8");
            fields.push(field(raw, decoded)?);
            if last {
                return Ok(fields);
            }
            rest = &rest[used..];
        }
    }

    /// Reads the field at the start of `input` into `buffer`: the bytes it
    /// took (with the comma after it), whether it ends the line, and the
    /// length of the field as read.
    fn read_field(&mut self, input: &[u8]) -> (usize, bool, usize) {
        use csv_core::ReadFieldResult::*;
        let (mut nin, mut nout) = (0, 0);
        loop {
            let (result, i, o) = self
                .reader
                .read_field(&input[nin..], &mut self.buffer[nout..]);
            nin += i;
            nout += o;
            match result {
                // The next call, with no input left, ends the line.
                InputEmpty => {}
                OutputFull => self.buffer.resize(2 * self.buffer.len(), 0),
                Field { record_end } => return (nin, record_end, nout),
                End => return (nin, true, nout),
            }
        }
    }
}

/// The field `raw` (from its first non-blank byte to its comma) given that
/// the parser read it as `decoded`. The parser never refuses a field (a
/// stray quote becomes text), so a field whose quoting does not read back
/// as `raw` is refused here, with the messages the files have always had.
fn field(raw: &str, decoded: &str) -> Result<String, String> {
    let Some(quoted) = raw.strip_prefix('"') else {
        if decoded.contains('"') {
            return Err("a quote inside an unquoted field".into());
        }
        return Ok(decoded.trim_end().to_owned());
    };
    // Every later quote doubled: no closing quote, so the parser read on to
    // the end of the line.
    if escapes(quoted, decoded) {
        return Err("unterminated quote".into());
    }
    // The parser keeps what follows the closing quote; only spaces and tabs
    // may, and they are not part of the field.
    let blanks = &raw[raw.trim_end_matches([' ', '\t']).len()..];
    let text = decoded.strip_suffix(blanks);
    let inside = quoted
        .strip_suffix(blanks)
        .and_then(|q| q.strip_suffix('"'));
    match (text, inside) {
        (Some(text), Some(inside)) if escapes(inside, text) => Ok(text.to_owned()),
        _ => Err("text after a closing quote".into()),
    }
}

/// Whether `raw` is `text` with every quote doubled.
fn escapes(raw: &str, text: &str) -> bool {
    let mut raw = raw.bytes();
    text.bytes()
        .all(|b| raw.next() == Some(b) && (b != b'"' || raw.next() == Some(b'"')))
        && raw.next().is_none()
}

/// Column positions from a header line, if the line is one.
fn header(fields: &[String], known: &[(&str, usize)]) -> Result<Option<Vec<usize>>, String> {
    let column = |f: &String| {
        known
            .iter()
            .find(|(name, _)| name.eq_ignore_ascii_case(f))
            .map(|&(_, c)| c)
    };
    if !fields.iter().any(|f| column(f).is_some()) {
        return Ok(None);
    }
    let mut columns = Vec::with_capacity(fields.len());
    for f in fields {
        match column(f) {
            Some(c) if columns.contains(&c) => {
                return Err(format!("column `{}` given twice", excerpt(f)));
            }
            Some(c) => columns.push(c),
            None => {
                let names: Vec<&str> = known.iter().map(|k| k.0).collect();
                return Err(format!(
                    "unknown column `{}` (known: {})",
                    excerpt(f),
                    names.join(", ")
                ));
            }
        }
    }
    Ok(Some(columns))
}

const SOURCE: usize = 0;
const TARGET: usize = 1;
const WEIGHT: usize = 2;
const TIE_COLUMNS: [(&str, usize); 5] = [
    ("source", SOURCE),
    ("target", TARGET),
    ("weight", WEIGHT),
    ("from", SOURCE),
    ("to", TARGET),
];

fn read_ties(text: &str, firms: &mut Firms) -> Result<Vec<(FirmId, FirmId, f64)>, FieldError> {
    let fail = |line, reason| error_at(TIES, line, reason);
    if text.len() > MAX_CSV_BYTES {
        return Err(fail(
            0,
            format!("the text is more than {MAX_CSV_BYTES} bytes"),
        ));
    }
    let mut columns: Option<Vec<usize>> = None;
    let mut seen: HashMap<(FirmId, FirmId), usize> = HashMap::new();
    let mut ties = Vec::new();
    for (index, record) in records(text, TIES).enumerate() {
        let (line, fields) = record?;
        if index == 0 {
            columns = header(&fields, &TIE_COLUMNS).map_err(|r| fail(line, r))?;
            if let Some(c) = &columns {
                if !(c.contains(&SOURCE) && c.contains(&TARGET)) {
                    return Err(fail(
                        line,
                        "the header needs source and target columns".into(),
                    ));
                }
                continue;
            }
        }
        let cell = tie_cells(columns.as_deref(), &fields).map_err(|r| fail(line, r))?;
        let (a, b, w) = firms.tie(&cell).map_err(|r| fail(line, r))?;
        if let Some(first) = seen.insert((a.min(b), a.max(b)), line) {
            let (la, lb) = (&firms.labels[a as usize], &firms.labels[b as usize]);
            let reason = format!("duplicate tie {la}-{lb} (first on line {first})");
            return Err(fail(line, reason));
        }
        if ties.len() >= MAX_TIES {
            return Err(fail(line, format!("more than {MAX_TIES} ties (the limit)")));
        }
        ties.push((a, b, w));
    }
    if ties.is_empty() {
        let reason = "no ties: expected lines `source,target[,weight]`".into();
        return Err(fail(0, reason));
    }
    Ok(ties)
}

/// A tie line's cells as source, target and weight, by the header's
/// columns or (without a header) in that order.
fn tie_cells<'a>(
    columns: Option<&[usize]>,
    fields: &'a [String],
) -> Result<[Option<&'a str>; 3], String> {
    let mut cell: [Option<&str>; 3] = [None; 3];
    match columns {
        Some(c) if c.len() == fields.len() => {
            c.iter().zip(fields).for_each(|(&c, f)| cell[c] = Some(f));
        }
        None if (2..=3).contains(&fields.len()) => {
            fields
                .iter()
                .enumerate()
                .for_each(|(c, f)| cell[c] = Some(f));
        }
        _ => {
            let expected = columns.map_or("2 or 3".into(), |c| c.len().to_string());
            return Err(format!("{} columns, expected {expected}", fields.len()));
        }
    }
    Ok(cell)
}

fn weight(text: &str) -> Result<f64, String> {
    if text.is_empty() {
        return Ok(1.0);
    }
    match text.parse::<f64>() {
        Ok(w) if w > 0.0 && w <= 1.0 => Ok(w),
        Ok(_) => Err(format!("weight {} is outside (0, 1]", excerpt(text))),
        Err(_) => Err(format!("weight `{}` is not a number", excerpt(text))),
    }
}

const FIRM: usize = 0;
const NAME: usize = 1;
const GROUP: usize = 2;
const FLAG: usize = 3;
const ATTRIBUTE_COLUMNS: [(&str, usize); 7] = [
    ("firm", FIRM),
    ("name", NAME),
    ("subgroup", GROUP),
    ("coordinator", FLAG),
    ("id", FIRM),
    ("group", GROUP),
    ("label", NAME),
];

fn read_attributes(
    text: &str,
    firms: &mut Firms,
    flagged: &mut Vec<FirmId>,
) -> Result<(), FieldError> {
    let fail = |line, reason| error_at(ATTRIBUTES, line, reason);
    if text.len() > MAX_CSV_BYTES {
        return Err(fail(
            0,
            format!("the text is more than {MAX_CSV_BYTES} bytes"),
        ));
    }
    let mut columns = vec![FIRM, GROUP, FLAG];
    let mut first_line = HashMap::new();
    for (index, record) in records(text, ATTRIBUTES).enumerate() {
        let (line, fields) = record?;
        let named = match index {
            0 => header(&fields, &ATTRIBUTE_COLUMNS).map_err(|r| fail(line, r))?,
            _ => None,
        };
        if let Some(c) = named {
            if !c.contains(&FIRM) {
                return Err(fail(line, "the header needs a firm column".into()));
            }
            columns = c;
            continue;
        }
        if fields.len() > columns.len() {
            let reason = format!(
                "{} columns, expected at most {}",
                fields.len(),
                columns.len()
            );
            return Err(fail(line, reason));
        }
        let mut cell: [&str; 4] = [""; 4];
        columns.iter().zip(&fields).for_each(|(&c, f)| cell[c] = f);
        let (id, new) = firms
            .intern(cell[FIRM])
            .map_err(|r| fail(line, format!("firm: {r}")))?;
        if !new {
            let first = first_line.get(&id).copied().unwrap_or(0);
            let reason = format!("firm {} listed again (first on line {first})", cell[FIRM]);
            return Err(fail(line, reason));
        }
        first_line.insert(id, line);
        firms.describe(id, &cell).map_err(|r| fail(line, r))?;
        match cell[FLAG].to_ascii_lowercase().as_str() {
            "1" | "yes" | "y" | "true" => flagged.push(id),
            "" | "0" | "no" | "n" | "false" => {}
            other => {
                let reason = format!(
                    "coordinator `{}` is not a flag (use 1 or 0)",
                    excerpt(other)
                );
                return Err(fail(line, reason));
            }
        }
    }
    Ok(())
}
