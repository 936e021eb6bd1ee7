//! The shape of the core, checked from its source (the house rules):
//!
//! - the wings `lib.rs` lists are layered in that order: a wing uses only
//!   the wings listed above it, so data flows one way (network, model,
//!   scenario, layout, simulation, experiments, share, limits, binding);
//! - no module (a file) uses, through any chain, a module that uses it;
//! - only the binding (`src/wasm/`) names the browser's crates.
//!
//! A use is a path through `crate::`, `super::` or a module's own child
//! (`params::find` in `scenario/mod.rs`); comments, strings and the
//! unit tests inside a file (`mod tests`) do not count.

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

/// A module: its path from the crate root (`scenario::params`).
type Module = String;

/// The library's module files (the CLI in `src/bin` is a user of it, not a part).
fn module_files() -> BTreeMap<Module, PathBuf> {
    fn walk(dir: &Path, prefix: &str, out: &mut BTreeMap<Module, PathBuf>) {
        let mut entries: Vec<_> = fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        entries.sort();
        for path in entries {
            let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
            if path.is_dir() {
                if name != "bin" {
                    walk(&path, &join(prefix, &name), out);
                }
            } else if path.extension().is_some_and(|e| e == "rs") {
                let module = match name.as_str() {
                    "mod" | "lib" => prefix.to_owned(),
                    _ => join(prefix, &name),
                };
                out.insert(module, path);
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        "",
        &mut out,
    );
    out
}

fn join(prefix: &str, name: &str) -> String {
    if prefix.is_empty() {
        name.to_owned()
    } else {
        format!("{prefix}::{name}")
    }
}

fn parent(module: &str) -> &str {
    module.rsplit_once("::").map_or("", |(p, _)| p)
}

/// The source without comments, string and char literals, and the
/// `#[cfg(test)] mod tests { ... }` block at its end.
fn code_of(source: &str) -> String {
    let source = match source.find("#[cfg(test)]\nmod tests") {
        Some(at) => &source[..at],
        None => source,
    };
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            i += rest.find('\n').unwrap_or(rest.len());
        } else if rest.starts_with("/*") {
            i += rest.find("*/").map_or(rest.len(), |e| e + 2);
        } else if let Some(len) = raw_string_len(rest) {
            i += len;
            out.push_str("\"\"");
        } else if bytes[i] == b'"' {
            i += 1;
            while i < bytes.len() && bytes[i] != b'"' {
                i += if bytes[i] == b'\\' { 2 } else { 1 };
            }
            i += 1;
            out.push_str("\"\"");
        } else if let Some(len) = char_literal_len(rest) {
            i += len;
            out.push_str("' '");
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    out
}

/// `r"..."` or `r#"..."#` at the start of `s`: its length.
fn raw_string_len(s: &str) -> Option<usize> {
    let after_r = s.strip_prefix('r')?;
    let hashes = after_r.len() - after_r.trim_start_matches('#').len();
    let body = after_r[hashes..].strip_prefix('"')?;
    let close = format!("\"{}", "#".repeat(hashes));
    Some(1 + hashes + 1 + body.find(&close)? + close.len())
}

/// `'x'` or `'\n'` (not a lifetime `'a`) at the start of `s`: its length.
fn char_literal_len(s: &str) -> Option<usize> {
    let body = s.strip_prefix('\'')?;
    let mut chars = body.char_indices();
    let (_, first) = chars.next()?;
    if first == '\\' {
        return Some(1 + body.find('\'')? + 1).filter(|_| body.len() > 1);
    }
    let (at, next) = chars.next()?;
    (next == '\'').then_some(1 + at + 1)
}

/// Every path in `code` that starts at `crate`, `super` or one of `roots`
/// (names the module may start a path with), with `use` groups expanded:
/// `crate::{a, b::{c, d}}` gives `crate::a`, `crate::b::c`, `crate::b::d`.
fn paths(code: &str, roots: &BTreeSet<String>) -> Vec<Vec<String>> {
    let tokens = tokenize(code);
    let mut out = Vec::new();
    let mut i = 0;
    while i < tokens.len() {
        let starts = (tokens[i] == "crate" || tokens[i] == "super" || roots.contains(&tokens[i]))
            && tokens.get(i + 1).is_some_and(|t| t == "::")
            && (i == 0 || tokens[i - 1] != "::");
        if starts {
            i = expand(&tokens, i, Vec::new(), &mut out);
        } else {
            i += 1;
        }
    }
    out
}

fn tokenize(code: &str) -> Vec<String> {
    let mut tokens = Vec::new();
    let chars: Vec<char> = code.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_alphanumeric() || c == '_' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            tokens.push(chars[start..i].iter().collect());
        } else if c == ':' && chars.get(i + 1) == Some(&':') {
            tokens.push("::".into());
            i += 2;
        } else {
            if !c.is_whitespace() {
                tokens.push(c.to_string());
            }
            i += 1;
        }
    }
    tokens
}

/// Reads a path from `tokens[i]` on, after `prefix`; returns where it ended.
fn expand(
    tokens: &[String],
    mut i: usize,
    mut prefix: Vec<String>,
    out: &mut Vec<Vec<String>>,
) -> usize {
    loop {
        let t = &tokens[i];
        if t == "{" {
            i += 1;
            while i < tokens.len() && tokens[i] != "}" {
                if tokens[i] == "," {
                    i += 1;
                    continue;
                }
                i = expand(tokens, i, prefix.clone(), out);
            }
            return i + 1;
        }
        if t == "self" && !prefix.is_empty() {
            out.push(prefix);
            return i + 1;
        }
        if !(t.chars().all(|c| c.is_alphanumeric() || c == '_') || t == "*") {
            out.push(prefix);
            return i;
        }
        prefix.push(t.clone());
        i += 1;
        if tokens.get(i).is_none_or(|t| t != "::") {
            out.push(prefix);
            return i;
        }
        i += 1;
    }
}

/// The module a path names (its longest prefix that is a module), seen
/// from `from`.
fn resolve(from: &str, path: &[String], modules: &BTreeSet<Module>) -> Option<Module> {
    let (mut base, rest) = match path[0].as_str() {
        "crate" => (String::new(), &path[1..]),
        "super" => {
            let mut base = parent(from).to_owned();
            let mut rest = &path[1..];
            while rest.first().is_some_and(|s| s == "super") {
                base = parent(&base).to_owned();
                rest = &rest[1..];
            }
            (base, rest)
        }
        _ => (from.to_owned(), path),
    };
    for segment in rest {
        let next = join(&base, segment);
        if !modules.contains(&next) {
            break;
        }
        base = next;
    }
    Some(base).filter(|m| !m.is_empty())
}

/// Which modules each module uses (itself and its own ancestors' files
/// aside: `mod x;` declarations are not uses).
fn uses() -> BTreeMap<Module, BTreeSet<Module>> {
    let files = module_files();
    let modules: BTreeSet<Module> = files.keys().cloned().collect();
    let mut graph = BTreeMap::new();
    for (module, file) in &files {
        let code = code_of(&fs::read_to_string(file).unwrap());
        let children: BTreeSet<String> = modules
            .iter()
            .filter(|m| parent(m) == module && !m.is_empty())
            .map(|m| m.rsplit("::").next().unwrap().to_owned())
            .collect();
        let used: BTreeSet<Module> = paths(&code, &children)
            .iter()
            .filter_map(|p| resolve(module, p, &modules))
            .filter(|m| m != module)
            .collect();
        graph.insert(module.clone(), used);
    }
    graph
}

/// The wings in the order `lib.rs` declares them.
fn wings() -> Vec<String> {
    let lib = fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    lib.lines()
        .filter_map(|l| {
            l.trim()
                .strip_prefix("pub mod ")
                .or_else(|| l.trim().strip_prefix("mod "))
        })
        .map(|l| l.trim_end_matches(';').to_owned())
        .collect()
}

fn wing_of(module: &str) -> &str {
    module.split("::").next().unwrap()
}

#[test]
fn the_checker_reads_paths_as_rust_does() {
    let roots = BTreeSet::from(["params".to_owned()]);
    let code = code_of(
        "use crate::{a, b::{c, d::{self, E}}};\n// crate::commented\nlet s = \"crate::quoted\";\n\
         params::find(x); other::params::y; super::super::f(); let c = 'x'; fn g<'a>() {}",
    );
    let found: Vec<String> = paths(&code, &roots).iter().map(|p| p.join("::")).collect();
    assert_eq!(
        found,
        [
            "crate::a",
            "crate::b::c",
            "crate::b::d",
            "crate::b::d::E",
            "params::find",
            "super::super::f"
        ]
    );
    let modules: BTreeSet<Module> = ["scenario", "scenario::params", "network", "network::csv"]
        .map(String::from)
        .into();
    let path = |p: &str| p.split("::").map(String::from).collect::<Vec<_>>();
    assert_eq!(
        resolve("scenario", &path("params::find"), &modules).as_deref(),
        Some("scenario::params")
    );
    assert_eq!(
        resolve("scenario::params", &path("super::Scenario"), &modules).as_deref(),
        Some("scenario")
    );
    assert_eq!(
        resolve("scenario", &path("crate::network::csv::parse"), &modules).as_deref(),
        Some("network::csv")
    );
    assert_eq!(
        resolve("scenario", &path("crate::network::Network"), &modules).as_deref(),
        Some("network")
    );
}

#[test]
fn wings_use_only_the_wings_above_them() {
    let order = wings();
    assert!(order.len() >= 8, "lib.rs lists the wings: {order:?}");
    let rank = |w: &str| order.iter().position(|x| x == w);
    let mut wrong = Vec::new();
    for (module, used) in uses() {
        let Some(own) = rank(wing_of(&module)) else {
            continue;
        };
        for other in used {
            match rank(wing_of(&other)) {
                Some(r) if r > own => wrong.push(format!("{module} uses {other}, a wing below it")),
                _ => {}
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "the data path doubles back:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn no_module_uses_a_module_that_uses_it() {
    let graph = uses();
    // Depth-first search; a back edge closes a circle.
    fn visit(
        m: &Module,
        graph: &BTreeMap<Module, BTreeSet<Module>>,
        state: &mut BTreeMap<Module, u8>,
        stack: &mut Vec<Module>,
        circles: &mut Vec<String>,
    ) {
        state.insert(m.clone(), 1);
        stack.push(m.clone());
        for next in graph.get(m).into_iter().flatten() {
            match state.get(next).copied().unwrap_or(0) {
                0 => visit(next, graph, state, stack, circles),
                1 => {
                    let at = stack.iter().position(|x| x == next).unwrap();
                    circles.push(format!("{} -> {next}", stack[at..].join(" -> ")));
                }
                _ => {}
            }
        }
        stack.pop();
        state.insert(m.clone(), 2);
    }
    let mut state = BTreeMap::new();
    let mut circles = Vec::new();
    for m in graph.keys() {
        if !state.contains_key(m) {
            visit(m, &graph, &mut state, &mut Vec::new(), &mut circles);
        }
    }
    assert!(
        circles.is_empty(),
        "modules in a circle:\n{}",
        circles.join("\n")
    );
}

#[test]
fn only_the_binding_names_the_browser() {
    let mut found = Vec::new();
    for (module, file) in module_files() {
        if wing_of(&module) == "wasm" {
            continue;
        }
        let code = code_of(&fs::read_to_string(&file).unwrap());
        for name in ["wasm_bindgen", "js_sys", "web_sys"] {
            if code.contains(name) {
                found.push(format!("{} names {name}", file.display()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "the core knows nothing of the browser:\n{}",
        found.join("\n")
    );
}
