//! What an experiment compares and sweeps. [`Experiment`] is resolved to
//! scenarios: one arm or several (the two panes, or one pane in each mode),
//! one swept parameter and optionally a second (a two-way grid), seeds per
//! point and a cap. The page and the command line run the same experiment
//! run for run, and write the same rows.

use super::plan::{Plan, Planned};
use super::run::{self, RunResult, check_cap, run_one, sweepable, with_parameter};
use crate::error::{FieldError, excerpt, fail, quote};
use crate::scenario::check::Checked;
use crate::scenario::clamp::Clamp;
use crate::scenario::params;
use crate::scenario::{Mode, Scenario};
use serde::{Deserialize, Serialize};

/// Most arms of an experiment (three modes).
pub const MAX_ARMS: usize = 3;
/// Most values on one axis.
pub const MAX_VALUES: usize = 100;

/// One swept parameter and its values, in the order asked for.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Axis {
    pub path: String,
    pub values: Vec<f64>,
}

/// One compared scenario, with the name its rows carry.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Arm {
    pub label: String,
    pub scenario: Scenario,
}

/// An experiment resolved to scenarios: what the command line and the
/// page's Workers run.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Experiment {
    pub arms: Vec<Arm>,
    pub x: Axis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Axis>,
    pub seeds: u32,
    #[serde(default = "first_seed")]
    pub first_seed: u32,
    pub cap: f64,
}

fn first_seed() -> u32 {
    1
}

/// The arms of a page's experiment, taken from its panes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum ArmsOf {
    /// One arm: the pane's scenario.
    Pane(usize),
    /// Two arms: both panes ("clustered vs dense").
    Panes,
    /// Three arms: the pane's scenario in reactive, planned, hybrid mode.
    Modes(usize),
}

/// An experiment as the page states it (and its link carries): arms from
/// the panes, the axes, seeds and cap.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ExperimentSpec {
    pub arms: ArmsOf,
    pub x: Axis,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub y: Option<Axis>,
    pub seeds: u32,
    #[serde(default = "first_seed")]
    pub first_seed: u32,
    pub cap: f64,
    /// The ready experiment it came from, if any (its id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ready: Option<String>,
}

impl ExperimentSpec {
    /// The experiment on these panes (scenario and label of each; a label
    /// of `None` is the network kind's short name). Two panes with the
    /// same label are told apart as `<label> (left)` and `<label> (right)`.
    /// One pane swept is named for its network: its title names one point
    /// of the sweep ("Sparse: 4 partners"), not the arm.
    pub fn resolve(&self, panes: &[(Option<String>, Scenario)]) -> Result<Experiment, FieldError> {
        let pane = |i: usize| {
            panes.get(i).ok_or_else(|| {
                let reason = format!("the page has no pane {i} ({} panes)", panes.len());
                FieldError::new("experiment.arms", reason)
            })
        };
        let named = |(label, s): &(Option<String>, Scenario)| Arm {
            label: label
                .clone()
                .unwrap_or_else(|| s.network.short_label().to_owned()),
            scenario: s.clone(),
        };
        let arms = match self.arms {
            ArmsOf::Pane(i) => vec![named(&(None, pane(i)?.1.clone()))],
            ArmsOf::Panes => {
                let mut arms: Vec<Arm> = panes.iter().map(named).collect();
                // Rows name their arm by its label: two panes of one kind
                // (or one title) would write rows no reader could tell apart.
                if arms.len() == 2 && arms[0].label == arms[1].label {
                    for (arm, side) in arms.iter_mut().zip(["left", "right"]) {
                        arm.label = format!("{} ({side})", arm.label);
                    }
                }
                arms
            }
            ArmsOf::Modes(i) => {
                let base = pane(i)?.1.clone();
                [Mode::Reactive, Mode::Planned, Mode::Hybrid]
                    .into_iter()
                    .map(|mode| Arm {
                        label: mode.short_label().to_owned(),
                        scenario: Scenario {
                            mode,
                            ..base.clone()
                        },
                    })
                    .collect()
            }
        };
        Ok(Experiment {
            arms,
            x: self.x.clone(),
            y: self.y.clone(),
            seeds: self.seeds,
            first_seed: self.first_seed,
            cap: self.cap,
        })
    }
}

impl Experiment {
    /// One scenario swept over one parameter: the command line's sweep.
    pub fn one_way(
        scenario: &Scenario,
        path: &str,
        values: &[f64],
        first_seed: u32,
        seeds: u32,
        cap: f64,
    ) -> Experiment {
        Experiment {
            arms: vec![Arm {
                label: scenario.network.short_label().to_owned(),
                scenario: scenario.clone(),
            }],
            x: Axis {
                path: path.to_owned(),
                values: values.to_vec(),
            },
            y: None,
            seeds,
            first_seed,
            cap,
        }
    }

    /// Every run, in order (see [`Plan`]).
    pub fn plan(&self) -> Result<Plan, FieldError> {
        let values2 = self.y.as_ref().map_or(&[][..], |y| &y.values[..]);
        Plan::new(
            self.arms.len(),
            &self.x.values,
            values2,
            self.first_seed,
            self.seeds,
        )
    }

    /// Checks the whole experiment before any run: its shape, its cap, and
    /// that every arm builds at every value. Errors name the field.
    pub fn check(&self) -> Result<(), FieldError> {
        if self.arms.is_empty() || self.arms.len() > MAX_ARMS {
            let reason = format!(
                "{} arms; an experiment has 1 to {MAX_ARMS}",
                self.arms.len()
            );
            return fail("arms", reason);
        }
        if self.seeds == 0 {
            return fail("seeds", "0 seeds run nothing: give at least 1");
        }
        check_cap(self.cap)?;
        for (name, axis) in std::iter::once(("x", &self.x)).chain(self.y.iter().map(|y| ("y", y))) {
            check_axis(name, axis)?;
        }
        if self.y.as_ref().is_some_and(|y| y.path == self.x.path) {
            return fail("y.path", format!("{} is already swept as x", self.x.path));
        }
        let several = self.arms.len() > 1;
        for arm in &self.arms {
            for point in self.points() {
                // With several arms, the error says which one.
                self.scenario(arm, point.0, point.1)
                    .map_err(|e| match several {
                        true => {
                            let field = format!("{}: {}", arm.label, e.field);
                            e.renamed(field)
                        }
                        false => e,
                    })?;
            }
        }
        Ok(())
    }

    /// Every (value, second value) of the grid, in order.
    fn points(&self) -> impl Iterator<Item = (f64, Option<f64>)> + '_ {
        let ys: Vec<Option<f64>> = match &self.y {
            Some(y) => y.values.iter().map(|&v| Some(v)).collect(),
            None => vec![None],
        };
        self.x
            .values
            .iter()
            .flat_map(move |&x| ys.clone().into_iter().map(move |y| (x, y)))
    }

    /// An arm's scenario at one point of the grid, checked.
    fn scenario(&self, arm: &Arm, x: f64, y: Option<f64>) -> Result<Checked, FieldError> {
        let s = with_parameter(&arm.scenario, &self.x.path, x)?;
        match (&self.y, y) {
            (Some(axis), Some(v)) => with_parameter(&s, &axis.path, v),
            _ => Ok(s),
        }
    }

    /// One planned run.
    pub fn run(&self, planned: Planned) -> Result<RunResult, FieldError> {
        let arm = self.arms.get(planned.arm).ok_or_else(|| {
            FieldError::new(
                "arms",
                format!("run of arm {} of {}", planned.arm, self.arms.len()),
            )
        })?;
        let scenario = self
            .scenario(arm, planned.value, planned.value2)?
            .with_seed(planned.seed);
        let run = run_one(&scenario, planned.value, self.cap)?;
        Ok(RunResult {
            arm: planned.arm,
            value2: planned.value2,
            ..run
        })
    }

    /// The runs `from..from + count` of the whole plan (a Worker's batch).
    pub fn run_range(&self, from: u64, count: u64) -> Result<Vec<RunResult>, FieldError> {
        let plan = self.plan()?;
        let end = from.saturating_add(count).min(plan.sweep_len());
        (from..end)
            .filter_map(|i| plan.nth_of_whole(i))
            .map(|p| self.run(p))
            .collect()
    }

    /// The CSV header of the runs: `[arm,]value[,value2],seed,...`.
    pub fn csv_header(&self) -> String {
        let mut out = String::new();
        if self.arms.len() > 1 {
            out.push_str("arm,");
        }
        out.push_str("value,");
        if self.y.is_some() {
            out.push_str("value2,");
        }
        out.push_str(run::RUN_COLUMNS);
        out
    }

    /// One run as a CSV row (columns as [`Experiment::csv_header`]).
    pub fn csv_row(&self, r: &RunResult) -> String {
        let mut out = String::new();
        if self.arms.len() > 1 {
            let label = self.arms.get(r.arm).map_or("", |a| a.label.as_str());
            out.push_str(&run::csv_text(label));
            out.push(',');
        }
        out.push_str(&format!("{},", r.value));
        if self.y.is_some() {
            out.push_str(&r.value2.map_or(String::new(), |v| v.to_string()));
            out.push(',');
        }
        out.push_str(&run::run_columns(r));
        out
    }

    /// The runs as CSV text, header first.
    pub fn csv(&self, runs: &[RunResult]) -> String {
        let mut out = self.csv_header();
        out.push('\n');
        for r in runs {
            out.push_str(&self.csv_row(r));
            out.push('\n');
        }
        out
    }
}

/// An axis sweeps one numeric parameter (not the seed) over 1 to
/// [`MAX_VALUES`] finite values.
fn check_axis(name: &str, axis: &Axis) -> Result<(), FieldError> {
    let field = |f: &str| format!("{name}.{f}");
    sweepable(&axis.path).map_err(|e| e.renamed(field("path")))?;
    match params::find(&axis.path) {
        Some(p) if p.sweepable() => {}
        Some(_) => {
            return fail(
                field("path"),
                format!("{} is not a number to sweep", axis.path),
            );
        }
        None => {
            let reason = format!("{} is not a parameter", quote(&axis.path));
            return fail(field("path"), reason);
        }
    }
    let n = axis.values.len();
    if n == 0 || n > MAX_VALUES {
        return fail(
            field("values"),
            format!("{n} values; give 1 to {MAX_VALUES}"),
        );
    }
    if let Some(v) = axis.values.iter().find(|v| !v.is_finite()) {
        return fail(field("values"), format!("{v} is not a finite number"));
    }
    Ok(())
}

impl ExperimentSpec {
    /// Clamps what a link or file asked for into what can run, with notes
    /// (fields named by their JSON path under `experiment.`); refuses what
    /// cannot be read as an experiment of these panes.
    pub fn settle(&mut self, panes: &[Scenario], clamp: &mut Clamp) -> Result<(), FieldError> {
        let field = |f: &str| format!("experiment.{f}");
        let arm_panes: Vec<&Scenario> = match self.arms {
            ArmsOf::Panes => panes.iter().collect(),
            ArmsOf::Pane(i) | ArmsOf::Modes(i) => {
                if i >= panes.len() {
                    let reason = match panes.len() {
                        1 => format!("pane {i} does not exist (the page has pane 0); pane 0 it is"),
                        n => format!(
                            "pane {i} does not exist (panes 0 to {}); pane 0 it is",
                            n - 1
                        ),
                    };
                    clamp.note(&field("arms.pane"), reason);
                    self.arms = match self.arms {
                        ArmsOf::Modes(_) => ArmsOf::Modes(0),
                        _ => ArmsOf::Pane(0),
                    };
                }
                panes.iter().take(1).collect()
            }
        };
        let mut seeds = self.seeds as usize;
        clamp.count(&mut seeds, 1, u32::MAX as usize, &field("seeds"));
        self.seeds = seeds as u32;
        clamp.float(&mut self.cap, 0.1, run::MAX_CAP, &field("cap"));
        if let Some(ready) = self.ready.take_if(|r| !name_ok(r)) {
            let shown = excerpt(&ready);
            clamp.note(&field("ready"), format!("`{shown}` is not a name; ignored"));
        }
        // The firm counts first: other ranges follow them, so each value
        // is clamped against the points it runs at (firms swept on the other
        // axis, else the arms' own firms).
        let firms: Vec<usize> = arm_panes.iter().map(|s| s.firms).collect();
        let y_first = self.y.as_ref().is_some_and(|y| y.path == "firms");
        if y_first && let Some(y) = &mut self.y {
            settle_axis(y, "y", &arm_panes, &firms, clamp)?;
        }
        let at_y = points_firms(self.y.as_ref().filter(|_| y_first), &firms);
        settle_axis(&mut self.x, "x", &arm_panes, &at_y, clamp)?;
        if !y_first && let Some(y) = &mut self.y {
            let at_x = points_firms(Some(&self.x), &firms);
            settle_axis(y, "y", &arm_panes, &at_x, clamp)?;
        }
        if let Some(y) = &self.y
            && y.path == self.x.path
        {
            return fail(field("y.path"), format!("{} is already swept as x", y.path));
        }
        Ok(())
    }
}

/// The firm counts of the points a value of the other axis runs at: that
/// axis's values when it sweeps the firms, else the arms' own.
fn points_firms(other: Option<&Axis>, arms: &[usize]) -> Vec<usize> {
    match other {
        Some(axis) if axis.path == "firms" => axis.values.iter().map(|&v| v as usize).collect(),
        _ => arms.to_vec(),
    }
}

/// An axis's parameter must be a number every arm has; its values are
/// clamped into the range every point they run at shares (`firms`: the
/// points' firm counts), whole numbers rounded.
fn settle_axis(
    axis: &mut Axis,
    name: &str,
    arms: &[&Scenario],
    firms: &[usize],
    clamp: &mut Clamp,
) -> Result<(), FieldError> {
    let path_field = format!("experiment.{name}.path");
    let values_field = format!("experiment.{name}.values");
    sweepable(&axis.path).map_err(|e| e.renamed(&path_field))?;
    let Some(param) = params::find(&axis.path).filter(|p| p.sweepable()) else {
        return fail(
            path_field,
            format!(
                "{} is not a number to sweep (lockstep params lists them)",
                quote(&axis.path)
            ),
        );
    };
    if let Some(arm) = arms.iter().find(|s| !param.applies_to(s.network.kind())) {
        let reason = format!(
            "{} is not a knob of a {} network",
            axis.path,
            arm.network.kind()
        );
        return fail(path_field, reason);
    }
    if axis.values.is_empty() || axis.values.len() > MAX_VALUES {
        return fail(
            values_field,
            format!("{} values; give 1 to {MAX_VALUES}", axis.values.len()),
        );
    }
    let lo = firms
        .iter()
        .map(|&n| param.lo.at(n))
        .fold(f64::NEG_INFINITY, f64::max);
    let hi = firms
        .iter()
        .map(|&n| param.hi.at(n))
        .fold(f64::INFINITY, f64::min);
    for value in &mut axis.values {
        clamp.float(value, lo, hi.max(lo), &values_field);
        if param.kind == params::Kind::Whole && value.fract() != 0.0 {
            let to = value.round();
            clamp.note(
                &values_field,
                format!("{value} is not a whole number; rounded to {to}"),
            );
            *value = to;
        }
    }
    Ok(())
}

/// A preset's or a ready experiment's name, as a link or file carries it:
/// a short identifier; anything else is not one.
pub fn name_ok(name: &str) -> bool {
    (1..=40).contains(&name.len())
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}
