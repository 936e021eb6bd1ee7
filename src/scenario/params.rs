//! Every scenario parameter, once: its JSON path, link key, kind, range,
//! label and help, and the range of the page's control. Defaults are the
//! typed ones ([`crate::Scenario::default`] and the network kinds' knob
//! defaults), read by path with [`crate::Scenario::default_value`].
//!
//! Derived from this table: validation and clamping
//! ([`crate::Scenario::validate`], [`crate::scenario::clamp`]), the link's encoder and
//! decoder ([`crate::share::link`]), sweeps by path ([`crate::experiments`]), the
//! CLI's `params` command and the page's controls (through the binding).
//! They read and change a scenario's values by path, typed
//! ([`crate::Scenario::field`], [`crate::Scenario::slot`]), never through JSON.
//!
//! ```
//! use lockstep::Scenario;
//! use lockstep::scenario::params::{self, Field, Kind};
//! let eps = params::find("eps").unwrap();
//! assert_eq!((eps.key, eps.kind), ("eps", Kind::Number));
//! assert_eq!(eps.range_text(), "[0, 1]");
//! let scenario = Scenario { eps: 2.0, ..Scenario::default() };
//! assert_eq!(scenario.field("eps"), Some(Field::Number(2.0)));
//! let refused = params::check(eps, Field::Number(2.0), scenario.firms);
//! assert_eq!(refused.unwrap_err().to_string(), "eps: 2 is outside [0, 1]");
//! ```

use crate::error::FieldError;
use crate::network::{FirmId, MAX_FIRMS, MAX_TIES};
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// What values a parameter takes.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A real number in the range.
    Number,
    /// A whole number in the range.
    Whole,
    /// One of the options.
    Choice(&'static [Opt]),
    /// On or off (`0` or `1` in a link).
    Flag,
    /// A list of firm ids (`3,17` in a link).
    Firms,
}

/// A parameter's value in a scenario, as its kind reads it (see
/// [`crate::Scenario::field`]).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field<'a> {
    Number(f64),
    Whole(u64),
    /// An option's JSON value (`plantedPartition`).
    Choice(&'static str),
    Flag(bool),
    Firms(&'a [FirmId]),
}

/// Where a parameter's value is kept in a scenario, to change it in place
/// (see [`crate::Scenario::slot`]). A choice has none: its option is a
/// type of its own (the network kind carries its knobs).
#[derive(Debug)]
pub enum Slot<'a> {
    Number(&'a mut f64),
    Whole(&'a mut usize),
    /// The seed: a whole number whose range is its type's.
    Seed(&'a mut u32),
    Flag(&'a mut bool),
    Firms(&'a mut Vec<FirmId>),
}

/// One option of a choice: its JSON value, link value and label.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Opt {
    pub value: &'static str,
    pub key: &'static str,
    pub label: &'static str,
    pub help: &'static str,
    /// A name short enough for a pane's title or an arm of an experiment.
    pub short: &'static str,
}

/// One end of a range: a number, or one that follows the firm count.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Bound {
    At(f64),
    /// Fewer than the firms: `firms - 1`.
    BelowFirms,
    /// The firm count.
    Firms,
    /// The most partners a firm may have on average: `firms - 1`, at most
    /// 200, and no more than the tie limit allows (`2 x MAX_TIES / firms`).
    Degree,
    /// Half of that: ties each new firm makes (Barabasi-Albert), whose
    /// mean degree is twice them.
    HalfDegree,
    /// The ties of that many partners per firm: `Degree * firms / 2`.
    DegreeTies,
    /// Coordinators: fewer than the firms, at most [`MAX_COORDINATORS`].
    Coordinators,
}

/// Most partners per firm a generated network may ask for.
pub const MAX_DEGREE: usize = 200;
/// Most coordinators: "a few firms" in the model; 500 already tie each
/// other with 124,750 intense ties.
pub const MAX_COORDINATORS: usize = 500;

/// The mean degree `firms` firms can have within the tie limit.
fn degree_cap(firms: usize) -> usize {
    let by_ties = 2 * MAX_TIES / firms.max(1);
    firms.saturating_sub(1).min(MAX_DEGREE).min(by_ties)
}

impl Kind {
    pub fn name(self) -> &'static str {
        match self {
            Kind::Number => "number",
            Kind::Whole => "whole",
            Kind::Choice(_) => "choice",
            Kind::Flag => "flag",
            Kind::Firms => "firms",
        }
    }
}

impl Bound {
    /// The bound for a scenario of `firms` firms.
    pub fn at(self, firms: usize) -> f64 {
        let degree = degree_cap(firms);
        match self {
            Bound::At(x) => x,
            Bound::BelowFirms => firms.saturating_sub(1) as f64,
            Bound::Firms => firms as f64,
            Bound::Degree => degree as f64,
            Bound::HalfDegree => (degree / 2) as f64,
            Bound::DegreeTies => (degree * firms / 2) as f64,
            Bound::Coordinators => firms.saturating_sub(1).min(MAX_COORDINATORS) as f64,
        }
    }

    pub fn text(self) -> String {
        match self {
            Bound::At(x) => x.to_string(),
            Bound::BelowFirms => "firms - 1".into(),
            Bound::Firms => "firms".into(),
            Bound::Degree => format!("min(firms - 1, {MAX_DEGREE}, 2 x {MAX_TIES} / firms)"),
            Bound::HalfDegree => {
                format!("min(firms - 1, {MAX_DEGREE}, 2 x {MAX_TIES} / firms) / 2")
            }
            Bound::DegreeTies => {
                format!("min(firms - 1, {MAX_DEGREE}, 2 x {MAX_TIES} / firms) x firms / 2")
            }
            Bound::Coordinators => format!("min(firms - 1, {MAX_COORDINATORS})"),
        }
    }
}

/// A fixed bound as a number, one that follows the firms as its text.
impl Serialize for Bound {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Bound::At(x) => s.serialize_f64(*x),
            other => s.serialize_str(&other.text()),
        }
    }
}

/// The page's control for a parameter: a slider over a useful part of the
/// range (the range itself may be far wider).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Control {
    pub min: f64,
    pub max: f64,
    pub step: f64,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Param {
    /// Where the value sits in a scenario, and in its JSON (`eps`,
    /// `network.meanDegree`).
    pub path: &'static str,
    /// Its key in a link (`eps`, `deg`).
    pub key: &'static str,
    pub kind: Kind,
    pub lo: Bound,
    pub hi: Bound,
    pub label: &'static str,
    /// A name short enough for a pane's title ("ε 0.05"): the model's
    /// symbol (ρ, ε, b, k) or a word; `None` where the label serves.
    pub short: Option<&'static str>,
    pub help: &'static str,
    pub control: Option<Control>,
    /// The network kinds that have this knob; empty for every scenario.
    pub networks: &'static [&'static str],
}

/// For the page and the CLI: `kind` as a name, `options` for a choice.
impl Serialize for Param {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut row = s.serialize_struct("Param", 11)?;
        row.serialize_field("path", self.path)?;
        row.serialize_field("key", self.key)?;
        row.serialize_field("kind", self.kind.name())?;
        row.serialize_field("options", self.options())?;
        row.serialize_field("lo", &self.lo)?;
        row.serialize_field("hi", &self.hi)?;
        row.serialize_field("label", self.label)?;
        row.serialize_field("short", &self.short)?;
        row.serialize_field("help", self.help)?;
        row.serialize_field("control", &self.control)?;
        row.serialize_field("networks", self.networks)?;
        row.serialize_field("sweepable", &self.sweepable())?;
        row.end()
    }
}

impl Param {
    const fn new(path: &'static str, key: &'static str, kind: Kind) -> Param {
        Param {
            path,
            key,
            kind,
            lo: Bound::At(0.0),
            hi: Bound::At(0.0),
            label: "",
            short: None,
            help: "",
            control: None,
            networks: &[],
        }
    }
    const fn number(path: &'static str, key: &'static str, lo: f64, hi: f64) -> Param {
        Param::new(path, key, Kind::Number).range(Bound::At(lo), Bound::At(hi))
    }
    const fn whole(path: &'static str, key: &'static str, lo: Bound, hi: Bound) -> Param {
        Param::new(path, key, Kind::Whole).range(lo, hi)
    }
    const fn range(self, lo: Bound, hi: Bound) -> Param {
        Param { lo, hi, ..self }
    }
    const fn label(self, label: &'static str) -> Param {
        Param { label, ..self }
    }
    const fn short(self, short: &'static str) -> Param {
        Param {
            short: Some(short),
            ..self
        }
    }
    const fn help(self, help: &'static str) -> Param {
        Param { help, ..self }
    }
    const fn control(self, min: f64, max: f64, step: f64) -> Param {
        let control = Some(Control { min, max, step });
        Param { control, ..self }
    }
    const fn knob_of(self, networks: &'static [&'static str]) -> Param {
        Param { networks, ..self }
    }

    /// Whether a scenario with this network kind has the parameter.
    pub fn applies_to(&self, kind: &str) -> bool {
        self.networks.is_empty() || self.networks.contains(&kind)
    }

    pub fn is_numeric(&self) -> bool {
        matches!(self.kind, Kind::Number | Kind::Whole)
    }

    /// Whether an experiment can sweep it: a number or a flag, and not
    /// the seed (each run's seed is the plan's).
    pub fn sweepable(&self) -> bool {
        matches!(self.kind, Kind::Number | Kind::Whole | Kind::Flag) && self.path != "seed"
    }

    /// The range as text, `[0, 1]` or `[0, firms - 1]`.
    pub fn range_text(&self) -> String {
        format!("[{}, {}]", self.lo.text(), self.hi.text())
    }

    /// The options of a choice (empty for other kinds).
    pub fn options(&self) -> &'static [Opt] {
        match self.kind {
            Kind::Choice(options) => options,
            _ => &[],
        }
    }

    /// A value's text in a link (`0.05`, `hybrid`, `1`, `3,17`).
    pub fn link_text(&self, value: Field) -> String {
        match value {
            Field::Choice(value) => self
                .options()
                .iter()
                .find(|o| o.value == value)
                .map_or(value, |o| o.key)
                .to_owned(),
            Field::Flag(b) => u8::from(b).to_string(),
            Field::Firms(ids) => {
                let ids: Vec<String> = ids.iter().map(FirmId::to_string).collect();
                ids.join(",")
            }
            Field::Whole(n) => n.to_string(),
            // Rust's shortest round-trip form: 8 for 8.0, 0.05 for 0.05.
            Field::Number(x) => x.to_string(),
        }
    }
}

const NETWORK_KINDS: &[Opt] = &[
    opt(
        "complete",
        "complete",
        "Complete",
        "Every firm tied to every other (Mirollo–Strogatz).",
    )
    .short("Complete"),
    opt(
        "ringLattice",
        "ring",
        "Ring lattice",
        "Firms on a ring, tied to their nearest neighbours: clustered by locality.",
    )
    .short("Ring lattice"),
    opt(
        "erdosRenyi",
        "er",
        "Random (Erdős–Rényi)",
        "G(n, p): each pair of firms tied with the same chance p.",
    )
    .short("Dense"),
    opt(
        "gnm",
        "gnm",
        "Dense (random, G(n, m))",
        "G(n, m): n firms and exactly m ties, placed at random: little clustering (a dense ecosystem).",
    )
    .short("Dense"),
    opt(
        "plantedPartition",
        "pp",
        "Clustered (planted partition)",
        "Planted partition: firms split into subgroups in advance, tied densely inside and by few ties between (a clustered supplier network).",
    )
    .short("Clustered"),
    opt(
        "wattsStrogatz",
        "ws",
        "Small world (Watts–Strogatz)",
        "A ring lattice with some ties rewired at random: a small world.",
    )
    .short("Small world"),
    opt(
        "barabasiAlbert",
        "ba",
        "Hubs (Barabási–Albert)",
        "New firms tie to well-connected ones: a few hubs.",
    )
    .short("Hubs"),
    opt(
        "geometric",
        "geo",
        "Colocated (random geometric)",
        "Firms placed at random, tied when close (colocated firms).",
    )
    .short("Colocated"),
    opt(
        "edgeList",
        "import",
        "Imported network (CSV)",
        "An alliance network read from a CSV edge list (Import, below). Hover a firm for its name.",
    )
    .short("Imported"),
];

const MODES: &[Opt] = &[
    opt(
        "reactive",
        "reactive",
        "Reactive: no plan, firms react to partners",
        "",
    )
    .short("Reactive"),
    opt(
        "planned",
        "planned",
        "Planned: coordinators share a roadmap",
        "",
    )
    .short("Planned"),
    opt(
        "hybrid",
        "hybrid",
        "Hybrid: planned, and they signal beyond their ties",
        "",
    )
    .short("Hybrid"),
];

const CHOICES: &[Opt] = &[
    opt("highestDegree", "degree", "Most ties (highest degree)", ""),
    opt("random", "random", "At random (from the seed)", ""),
    opt("chosen", "chosen", "By hand (click firms)", ""),
];

const REACHES: &[Opt] = &[
    opt("partners", "1", "Partners (1 tie)", ""),
    opt("twoHops", "2", "Two ties away", ""),
    opt("all", "all", "Every firm", ""),
];

const fn opt(
    value: &'static str,
    key: &'static str,
    label: &'static str,
    help: &'static str,
) -> Opt {
    Opt {
        value,
        key,
        label,
        help,
        short: "",
    }
}

impl Opt {
    const fn short(self, short: &'static str) -> Opt {
        Opt { short, ..self }
    }
}

const DEGREE_KINDS: &[&str] = &["ringLattice", "wattsStrogatz"];
const MEAN_DEGREE_KINDS: &[&str] = &["erdosRenyi", "plantedPartition", "geometric"];

use Bound::{At, BelowFirms, Coordinators, Degree, DegreeTies, Firms, HalfDegree};

/// The table, in link order.
#[rustfmt::skip]
pub const PARAMS: &[Param] = &[
    Param::whole("seed", "seed", At(0.0), At(u32::MAX as f64))
        .label("Seed")
        .help("A whole number; the same seed gives the same networks, phases and coordinators."),
    Param::whole("firms", "n", At(2.0), At(MAX_FIRMS as f64))
        .label("Firms").short("firms").control(10.0, 2000.0, 10.0)
        .help("How many firms (nodes)."),
    Param::new("network.kind", "net", Kind::Choice(NETWORK_KINDS))
        .label("Network")
        .help("How the firms are tied: the kind of alliance network."),
    Param::whole("network.groups", "groups", At(1.0), Firms)
        .knob_of(&["plantedPartition"])
        .label("Subgroups").control(1.0, 12.0, 1.0)
        .help("How many subgroups."),
    Param::whole("network.degree", "deg", At(0.0), Degree)
        .knob_of(DEGREE_KINDS)
        .label("Neighbours").control(2.0, 30.0, 2.0)
        .help("Ties per firm, half on each side of the ring (before any rewiring)."),
    Param::number("network.meanDegree", "deg", 0.0, 0.0).range(At(0.0), Degree)
        .knob_of(MEAN_DEGREE_KINDS)
        .label("Ties per firm").control(1.0, 30.0, 0.5)
        .help("Mean degree: partners per firm on average."),
    Param::whole("network.ties", "ties", At(0.0), DegreeTies)
        .knob_of(&["gnm"])
        .label("Ties").control(10.0, 8000.0, 10.0)
        .help("Total number of ties."),
    Param::number("network.betweenShare", "between", 0.0, 1.0)
        .knob_of(&["plantedPartition"])
        .label("Share of ties between subgroups").control(0.0, 0.5, 0.01)
        .help("The clustering knob: the lower, the more the subgroups keep to themselves."),
    Param::number("network.rewire", "rewire", 0.0, 1.0)
        .knob_of(&["wattsStrogatz"])
        .label("Rewired share").control(0.0, 1.0, 0.05)
        .help("Chance that each tie is moved to a random firm."),
    Param::whole("network.attach", "attach", At(0.0), HalfDegree)
        .knob_of(&["barabasiAlbert"])
        .label("Ties per new firm").control(1.0, 15.0, 1.0)
        .help("Ties each arriving firm makes."),
    Param::number("eps", "eps", 0.0, 1.0)
        .label("Pulse ε (eps)").short("ε").control(0.0, 0.3, 0.005)
        .help("How far one partner's release pushes a firm toward its own release (in state units, over an intense tie)."),
    Param::number("dissipation", "b", -10.0, 10.0)
        .label("Dissipation b").short("b").control(-2.0, 8.0, 0.1)
        .help("The dissipation: how concave the state function f is. b > 0 makes firms late in their cycle jump further, which brings synchrony; b < 0 pushes firms apart."),
    Param::new("mode", "mode", Kind::Choice(MODES))
        .label("Mode")
        .help("Reactive: nobody plans. Planned: k coordinators release together on one roadmap. Hybrid: planned, and each joint release signals every firm in reach."),
    Param::whole("coordinators", "k", At(0.0), Coordinators)
        .label("Coordinators k").short("k").control(0.0, 20.0, 1.0)
        .help("How many firms coordinate (in reactive mode they are only tracked, as would-be coordinators)."),
    Param::new("choice", "pick", Kind::Choice(CHOICES))
        .label("Chosen by")
        .help("How the coordinators are picked. Click a firm on the network to choose by hand."),
    Param::new("chosen", "chosen", Kind::Firms).range(At(0.0), BelowFirms)
        .label("Chosen coordinators")
        .help("The firms chosen by hand to coordinate, by id."),
    Param::number("responsiveness", "rho", 0.0, 1.0)
        .label("Responsiveness ρ (rho)").short("ρ").control(0.0, 1.0, 0.05)
        .help("Share of an outside pulse that moves the coordinators. 0: they keep to their roadmap and expect others to conform."),
    Param::number("epsSignal", "sig", 0.0, 1.0)
        .label("Signal strength ε_signal").short("ε_signal").control(0.0, 1.0, 0.05)
        .help("Pulse size of the coordinators’ signal (hybrid), much stronger than one partner’s release."),
    Param::new("reach", "reach", Kind::Choice(REACHES))
        .label("Signal reach")
        .help("How far a hybrid signal travels, in ties from any coordinator."),
    Param::number("intenseShare", "intense", 0.0, 1.0)
        .label("Share of intense ties").short("intense").control(0.0, 1.0, 0.05)
        .help("Share of ties that are intense alliances (strength 1, like joint development); the rest are arm’s-length: looser (like licensing), with weaker pulses."),
    Param::number("armsLength", "weak", 0.01, 1.0)
        .label("Arm’s-length strength").short("arm’s-length").control(0.05, 1.0, 0.05)
        .help("Strength w of an arm’s-length tie (a looser alliance than an intense one): its pulses are w × ε."),
    Param::number("slips", "slips", 0.0, 0.3)
        .label("Schedule slips σ").short("σ").control(0.0, 0.3, 0.01)
        .help("Each cycle’s length varies by this relative spread (0: cycles run exactly on time)."),
    Param::number("cycleSpread", "h", 0.0, 0.5)
        .label("Cycle spread h").short("h").control(0.0, 0.5, 0.01)
        .help("Firms’ cycle lengths differ, spread uniformly over 1 ± h."),
    Param::new("onePulsePerEvent", "onepulse", Kind::Flag)
        .label("One pulse per instant (Mirollo–Strogatz)")
        .help("The all-to-all variant of Mirollo and Strogatz: a firm gets one pulse per instant however many partners release in it."),
    Param::number("delta", "delta", 0.001, 0.2)
        .label("Burst window δ (cycles)").short("δ").control(0.005, 0.2, 0.005)
        .help("Releases within this window count as one burst; bursts per cycle = rhythms alive."),
];

/// The parameter at `path`, if there is one.
pub fn find(path: &str) -> Option<&'static Param> {
    PARAMS.iter().find(|p| p.path == path)
}

/// The option `value` of the choice at `path` (`network.kind`, `mode`).
pub fn option(path: &str, value: &str) -> Option<&'static Opt> {
    find(path)?.options().iter().find(|o| o.value == value)
}

/// Every parameter a scenario of network kind `kind` has, in link order.
pub fn of_kind(kind: &str) -> impl Iterator<Item = &'static Param> + '_ {
    PARAMS.iter().filter(move |p| p.applies_to(kind))
}

/// The value at a dotted path of a JSON object.
pub fn get<'a>(json: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.').try_fold(json, |v, key| v.get(key))
}

/// A reader's type error in the user's terms: "a whole number expected,
/// found integer `-1`" for the parameter at `path` (a file's path may start
/// `panes[0].scenario.`), instead of serde's "expected usize at line 1
/// column 21". Other fields keep the reader's message.
pub fn explain(path: &str, message: &str) -> String {
    let param = path.rsplit_once("scenario.").map_or(path, |(_, p)| p);
    let found = message
        .strip_prefix("invalid type: ")
        .or_else(|| message.strip_prefix("invalid value: "))
        .and_then(|m| m.split(", expected").next());
    let (Some(p), Some(found)) = (find(param), found) else {
        return message.to_owned();
    };
    let expected = match p.kind {
        Kind::Number => "a number".to_owned(),
        Kind::Whole => "a whole number".to_owned(),
        Kind::Flag => "true or false".to_owned(),
        Kind::Firms => "a list of firm ids".to_owned(),
        Kind::Choice(options) => {
            let names: Vec<&str> = options.iter().map(|o| o.value).collect();
            format!("one of {}", names.join(", "))
        }
    };
    format!("{expected} expected, found {found}")
}

/// A `T` read from JSON. A refusal names the field's path
/// (`network.meanDegree`), or `what` for the whole value, and says what a
/// parameter expected; without the `field-paths` feature it names `what`.
pub fn from_value<T: DeserializeOwned>(value: Value, what: &str) -> Result<T, FieldError> {
    #[cfg(feature = "field-paths")]
    let read = serde_path_to_error::deserialize(value).map_err(|e| {
        let path = e.path().to_string();
        let field = if path == "." { what.to_owned() } else { path };
        (field, e.into_inner())
    });
    #[cfg(not(feature = "field-paths"))]
    let read = serde_json::from_value(value).map_err(|e| (what.to_owned(), e));
    read.map_err(|(field, e)| {
        let reason = explain(&field, &e.to_string());
        FieldError::new(field, reason)
    })
}

/// Checks one parameter's value (in a scenario of `firms` firms) against
/// its range, naming the field by its path.
pub fn check(p: &Param, value: Field, firms: usize) -> Result<(), FieldError> {
    let (lo, hi) = (p.lo.at(firms), p.hi.at(firms));
    let within = |x: f64| x >= lo && x <= hi;
    match value {
        Field::Number(x) if !within(x) => Err(out_of_range(p, &x.to_string(), lo, hi, firms)),
        Field::Whole(n) if !within(n as f64) => Err(out_of_range(p, &n.to_string(), lo, hi, firms)),
        Field::Firms(ids) => match ids.iter().find(|&&id| id as f64 > hi) {
            Some(bad) => {
                let reason = format!("firm {bad} does not exist (firms are 0 to {hi})");
                Err(FieldError::new(p.path, reason))
            }
            None => Ok(()),
        },
        _ => Ok(()),
    }
}

/// "3 is outside [0, 1]", or in the user's terms where the bound is the
/// firm count.
fn out_of_range(p: &Param, value: &str, lo: f64, hi: f64, firms: usize) -> FieldError {
    let reason = match p.hi {
        Bound::BelowFirms | Bound::Coordinators if lo <= 0.0 && hi + 1.0 >= firms as f64 => {
            format!("{value} must be fewer than the {firms} firms")
        }
        Bound::Coordinators => {
            format!("{value} is more than the {MAX_COORDINATORS} coordinators a scenario may have")
        }
        _ => format!("{value} is outside [{lo}, {hi}]"),
    };
    FieldError::new(p.path, reason)
}
