//! An experiment's results as its runs come in, for the page: the runs go
//! in batch by batch (each once, in any order), and what the results panel
//! shows (summaries, sentences, the distribution's curves) and downloads
//! (the runs and the summary as CSV) comes out, the same bytes as the
//! command line writes.

use super::describe::{Sentences, describe};
use super::ensemble::Ensemble;
use super::rows::summary_csv;
use super::run::RunResult;
use super::spec::Experiment;
use super::summary::PointSummary;
use crate::error::FieldError;
use serde::Serialize;
use std::collections::BTreeMap;

/// The runs of one experiment so far.
pub struct Tally {
    experiment: Experiment,
    ensemble: Ensemble,
    /// Each batch's rows as CSV text, by the plan index of its first run.
    rows: BTreeMap<u64, String>,
}

/// What the results panel shows.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct View {
    /// Runs so far.
    pub runs: u64,
    pub summaries: Vec<PointSummary>,
    pub sentences: Sentences,
    /// Per arm, the runs at the distribution's value.
    pub curves: Vec<Curve>,
}

/// The runs of one arm at one value, for the cumulative curve.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Curve {
    /// How many runs.
    pub runs: usize,
    /// The times of those in step, ascending.
    pub times: Vec<f64>,
}

impl Tally {
    /// The tally of `experiment` (checked by [`Experiment::check`] before it ran).
    pub fn new(experiment: Experiment) -> Result<Tally, FieldError> {
        if experiment.arms.is_empty() || experiment.x.values.is_empty() {
            let reason = "an experiment has at least one arm and one value";
            return Err(FieldError::new("experiment", reason));
        }
        Ok(Tally {
            ensemble: Ensemble::of_arms(experiment.arms.len()),
            experiment,
            rows: BTreeMap::new(),
        })
    }

    /// Adds the runs `from..from + runs.len()` of the plan; a batch that
    /// starts where one already did is refused (it would count twice).
    pub fn add(&mut self, from: u64, runs: &[RunResult]) -> Result<(), FieldError> {
        if self.rows.contains_key(&from) {
            let reason = format!("the runs from {from} are already counted");
            return Err(FieldError::new("runs", reason));
        }
        let mut text = String::new();
        for (k, r) in runs.iter().enumerate() {
            self.ensemble.add(r, from + k as u64);
            text.push_str(&self.experiment.csv_row(r));
            text.push('\n');
        }
        self.rows.insert(from, text);
        Ok(())
    }

    /// How many runs were added.
    pub fn len(&self) -> u64 {
        self.ensemble.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ensemble.is_empty()
    }

    /// Summaries, sentences and the curves at value `at` (the first
    /// value when `None`).
    pub fn view(&mut self, at: Option<f64>) -> View {
        let summaries = self.ensemble.summaries();
        let sentences = describe(&self.experiment, &summaries, &self.ensemble, at);
        let at = at.unwrap_or(self.experiment.x.values[0]);
        let curves = (0..self.experiment.arms.len())
            .map(|arm| {
                let ranked = self.ensemble.ranked_at(arm, at);
                let times = ranked.iter().copied().filter(|t| t.is_finite()).collect();
                Curve {
                    runs: ranked.len(),
                    times,
                }
            })
            .collect();
        View {
            runs: self.len(),
            summaries,
            sentences,
            curves,
        }
    }

    /// The runs (in plan order) and the summary table as CSV text.
    pub fn csv(&mut self) -> (String, String) {
        let mut runs = self.experiment.csv_header();
        runs.push('\n');
        self.rows.values().for_each(|text| runs.push_str(text));
        let labels: Vec<String> = self
            .experiment
            .arms
            .iter()
            .map(|a| a.label.clone())
            .collect();
        let grid = self.experiment.y.is_some();
        let summary = summary_csv(&labels, grid, &self.ensemble.summaries());
        (runs, summary)
    }
}
