//! The headline: an experiment's result in one plain sentence, read first
//! ("Dense got in step 7.2 times as fast as Clustered …", or how the median
//! moved along a sweep), from the same summaries as the charts' sentences.

use super::words::{arm_points, capitalized, cycles, name, prefix};
use crate::experiments::spec::Experiment;
use crate::experiments::summary::PointSummary;

/// A median as ranked: censored (most runs never in step) is slowest.
fn ranked(s: &PointSummary) -> f64 {
    s.median_time.unwrap_or(f64::INFINITY)
}

/// Two medians are told apart when one is at least this many times the other.
const APART: f64 = 1.1;
/// Along a sweep, the ends' medians differ "little" below this ratio.
const LITTLE: f64 = 1.25;

pub(super) fn headline(experiment: &Experiment, summaries: &[PointSummary]) -> String {
    // Arms without runs yet (after Cancel) are left out.
    let arms: Vec<(usize, Vec<&PointSummary>)> = (0..experiment.arms.len())
        .map(|i| (i, arm_points(experiment, summaries, i)))
        .filter(|(_, points)| !points.is_empty())
        .collect();
    let text = match arms.as_slice() {
        [] => return String::new(),
        [(i, points)] => format!("{}{}", prefix(experiment, *i), trend(experiment, points)),
        _ => compare(experiment, &arms),
    };
    let grid = match &experiment.y {
        Some(y) => format!(" (with {} {})", name(&y.path), y.values[0]),
        None => String::new(),
    };
    capitalized(&format!("{text}{grid}."))
}

/// One arm: how its median changed from the first value to the last.
fn trend(experiment: &Experiment, points: &[&PointSummary]) -> String {
    let never = format!(
        "most runs never got in step within {}",
        cycles(experiment.cap)
    );
    let x = name(&experiment.x.path);
    let (first, last) = (points[0], points[points.len() - 1]);
    if points.len() == 1 {
        return match first.median_time {
            Some(m) => format!("synchrony took a median {m:.1} cycles"),
            None => never,
        };
    }
    if points.iter().all(|s| s.median_time.is_none()) {
        return format!("{never}, at every {x} tried");
    }
    let (a, b) = (ranked(first), ranked(last));
    let moved = if a.max(b) < LITTLE * a.min(b) {
        "changed little"
    } else if b < a {
        "came faster"
    } else {
        "came slower"
    };
    // The ends, and the fastest or slowest value between them when it lies
    // beyond both (a sweep that turns back says so).
    let inner = &points[1..points.len() - 1];
    let fastest = inner.iter().min_by(|p, q| ranked(p).total_cmp(&ranked(q)));
    let slowest = inner.iter().max_by(|p, q| ranked(p).total_cmp(&ranked(q)));
    let turn = match (fastest, slowest) {
        (Some(f), _) if ranked(f) * LITTLE < a.min(b) => Some(*f),
        (_, Some(s)) if ranked(s) > LITTLE * a.max(b) => Some(*s),
        _ => None,
    };
    let listed: Vec<&PointSummary> = [Some(first), turn, Some(last)]
        .into_iter()
        .flatten()
        .collect();
    let points = match listed.iter().any(|s| s.median_time.is_none()) {
        // "at 4, most runs never got in step within 300 cycles; at 20, median 0.9 cycles"
        true => listed
            .iter()
            .map(|s| match s.median_time {
                Some(m) => format!("at {}, median {m:.1} cycles", s.value),
                None => format!("at {}, {never}", s.value),
            })
            .collect::<Vec<_>>()
            .join("; "),
        // "median 12.1 cycles at 0.05, 2.3 at 0.4"
        false => listed
            .iter()
            .enumerate()
            .map(|(k, s)| {
                let m = s.median_time.unwrap_or_default();
                match k {
                    0 => format!("median {m:.1} cycles at {}", s.value),
                    _ => format!("{m:.1} at {}", s.value),
                }
            })
            .collect::<Vec<_>>()
            .join(", "),
    };
    format!("synchrony {moved} as {x} rose: {points}")
}

/// Several arms: which got in step faster, and by how much, at the middle
/// value of the sweep; then at how many of its values it was so.
fn compare(experiment: &Experiment, arms: &[(usize, Vec<&PointSummary>)]) -> String {
    let label = |i: usize| experiment.arms[i].label.as_str();
    let within = cycles(experiment.cap);
    let x = name(&experiment.x.path);
    // The values every arm has runs at.
    let values: Vec<f64> = arms[0]
        .1
        .iter()
        .map(|s| s.value)
        .filter(|v| arms.iter().all(|(_, p)| p.iter().any(|s| s.value == *v)))
        .collect();
    if values.is_empty() {
        let (i, points) = &arms[0];
        return format!("{}{}", prefix(experiment, *i), trend(experiment, points));
    }
    // Per value, the arms fastest first (ties keep the arms' order).
    let order = |v: f64| -> Vec<(usize, &PointSummary)> {
        let mut at: Vec<(usize, &PointSummary)> = arms
            .iter()
            .map(|(i, p)| {
                (
                    *i,
                    *p.iter().find(|s| s.value == v).expect("every arm has v"),
                )
            })
            .collect();
        at.sort_by(|(_, p), (_, q)| ranked(p).total_cmp(&ranked(q)));
        at
    };
    let v = values[(values.len() - 1) / 2];
    let at = match experiment.x.values.len() {
        1 => String::new(),
        _ => format!(" at {x} {v}"),
    };
    let ranking = order(v);
    let (best, time) = ranking[0];
    let Some(m) = time.median_time else {
        let names: Vec<&str> = arms.iter().map(|(i, _)| label(*i)).collect();
        return format!(
            "most runs never got in step within {within}{at}, in {}",
            or_list(&names)
        );
    };
    let text = match ranking.as_slice() {
        [_, (slow, s)] => match s.median_time {
            None => format!(
                "only {} got in step{at}: median {m:.1} cycles, while most {} runs never did within {within}",
                label(best),
                label(*slow)
            ),
            Some(n) if n < APART * m => format!(
                "{} and {} got in step about as fast{at}: median {m:.1} cycles against {n:.1}",
                label(best),
                label(*slow)
            ),
            Some(n) => format!(
                "{} got in step {} as fast as {}{at}: median {m:.1} cycles against {n:.1}",
                label(best),
                times(n / m),
                label(*slow)
            ),
        },
        _ => {
            let rest = &ranking[1..];
            let timed: Vec<String> = rest
                .iter()
                .filter_map(|(i, s)| s.median_time.map(|t| format!("{t:.1} for {}", label(*i))))
                .collect();
            let never: Vec<&str> = rest
                .iter()
                .filter(|(_, s)| s.median_time.is_none())
                .map(|(i, _)| label(*i))
                .collect();
            let against = match timed.is_empty() {
                true => String::new(),
                false => format!(", against {}", and_list(&timed)),
            };
            let stalled = match never.is_empty() {
                true => String::new(),
                false => format!(
                    "; most {} runs never got in step within {within}",
                    and_list(&never)
                ),
            };
            format!(
                "{} got in step fastest{at}: median {m:.1} cycles{against}{stalled}",
                label(best)
            )
        }
    };
    // At how many values the same arm was faster than every other.
    let ahead = |v: f64| {
        let at = order(v);
        at[0].0 == best
            && at[0].1.median_time.is_some()
            && ranked(at[1].1) >= APART * ranked(at[0].1)
    };
    let tied = text.contains("about as fast");
    let across = match (values.len(), tied) {
        (1, _) | (_, true) => String::new(),
        (n, false) => {
            let k = values.iter().filter(|v| ahead(**v)).count();
            let faster = if arms.len() == 2 { "faster" } else { "fastest" };
            match k == n {
                true => format!(" ({faster} at all {n} values of {x})"),
                false => format!(" ({faster} at {k} of {n} values of {x})"),
            }
        }
    };
    format!("{text}{across}")
}

/// A ratio of times in words: "1.6 times", "7.1 times", "19 times".
fn times(ratio: f64) -> String {
    match ratio {
        r if r.is_infinite() => "many times".into(),
        r if r < 10.0 => format!("{r:.1} times"),
        r => format!("{r:.0} times"),
    }
}

/// "A", "A and B", "A, B and C".
fn and_list<S: AsRef<str>>(items: &[S]) -> String {
    joined(items, "and")
}

/// "A or B", "A, B or C".
fn or_list<S: AsRef<str>>(items: &[S]) -> String {
    joined(items, "or")
}

fn joined<S: AsRef<str>>(items: &[S], word: &str) -> String {
    let items: Vec<&str> = items.iter().map(AsRef::as_ref).collect();
    match items.as_slice() {
        [] => String::new(),
        [one] => (*one).to_owned(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::super::describe;
    use super::super::tests::arm;
    use crate::experiments::ensemble::Ensemble;
    use crate::experiments::spec::Experiment;
    use crate::experiments::summary::PointSummary;
    use crate::experiments::{Arm, Axis};
    use crate::scenario::Mode;

    /// A point's summary with the median `median` (None: most runs never in
    /// step) over 40 runs, `censored` of them not in step.
    fn point(arm: usize, value: f64, median: Option<f64>, censored: usize) -> PointSummary {
        PointSummary {
            arm,
            value,
            value2: None,
            runs: 40,
            censored,
            mean_time: median.unwrap_or(300.0),
            median_time: median,
            interval: (0.0, 0.0),
            median_interval: (median, median),
            converged_share: 0.65,
        }
    }

    fn experiment(arms: Vec<Arm>, path: &str, values: &[f64], cap: f64) -> Experiment {
        let x = Axis {
            path: path.into(),
            values: values.to_vec(),
        };
        let (y, seeds, first_seed) = (None, 40, 1);
        Experiment {
            arms,
            x,
            y,
            seeds,
            first_seed,
            cap,
        }
    }

    fn headline_of(experiment: &Experiment, summaries: &[PointSummary]) -> String {
        describe(experiment, summaries, &Ensemble::of(&[]), None).headline
    }

    #[test]
    fn the_headline_of_two_arms_names_the_faster_and_by_how_much_at_the_middle_value() {
        let arms = vec![arm("Clustered", Mode::Hybrid), arm("Dense", Mode::Hybrid)];
        let x = experiment(arms, "coordinators", &[3.0, 5.0, 10.0], 300.0);
        let points = [
            point(0, 3.0, Some(52.5), 14),
            point(0, 5.0, Some(19.3), 13),
            point(0, 10.0, Some(3.3), 4),
            point(1, 3.0, Some(2.8), 5),
            point(1, 5.0, Some(2.7), 1),
            point(1, 10.0, Some(2.1), 0),
        ];
        assert_eq!(
            headline_of(&x, &points),
            "Dense got in step 7.1 times as fast as Clustered at coordinators k 5: \
             median 2.7 cycles against 19.3 (faster at all 3 values of coordinators k)."
        );
        // Close medians are "about as fast"; an arm ahead at one value of two says so.
        let mut close = points.clone();
        close[1].median_time = Some(2.8);
        assert_eq!(
            headline_of(&x, &close),
            "Dense and Clustered got in step about as fast at coordinators k 5: \
             median 2.7 cycles against 2.8."
        );
        close[0].median_time = Some(2.0);
        close[1].median_time = Some(1.0);
        assert_eq!(
            headline_of(&x, &close),
            "Clustered got in step 2.7 times as fast as Dense at coordinators k 5: \
             median 1.0 cycles against 2.7 (faster at 2 of 3 values of coordinators k)."
        );
    }

    #[test]
    fn the_headline_says_honestly_when_most_runs_never_got_in_step() {
        let arms = vec![arm("Clustered", Mode::Hybrid), arm("Dense", Mode::Hybrid)];
        let x = experiment(arms, "coordinators", &[5.0], 100.0);
        let points = [point(0, 5.0, None, 31), point(1, 5.0, Some(2.3), 2)];
        assert_eq!(
            headline_of(&x, &points),
            "Only Dense got in step: median 2.3 cycles, \
             while most Clustered runs never did within 100 cycles."
        );
        let points = [point(0, 5.0, None, 31), point(1, 5.0, None, 25)];
        assert_eq!(
            headline_of(&x, &points),
            "Most runs never got in step within 100 cycles, in Clustered or Dense."
        );
        // One arm along a sweep: an end where most runs never got in step.
        let x = experiment(
            vec![arm("Sparse", Mode::Reactive)],
            "network.meanDegree",
            &[4.0, 10.0, 20.0],
            300.0,
        );
        let points = [
            point(0, 4.0, None, 33),
            point(0, 10.0, Some(3.6), 0),
            point(0, 20.0, Some(0.9), 0),
        ];
        assert_eq!(
            headline_of(&x, &points),
            "Synchrony came faster as ties per firm rose: \
             at 4, most runs never got in step within 300 cycles; at 20, median 0.9 cycles."
        );
        let points = [point(0, 4.0, None, 33), point(0, 20.0, None, 40)];
        assert_eq!(
            headline_of(&x, &points),
            "Most runs never got in step within 300 cycles, at every ties per firm tried."
        );
    }

    #[test]
    fn the_headline_of_a_sweep_says_how_the_median_moved_from_end_to_end() {
        let one = vec![arm("Complete", Mode::Reactive)];
        let x = experiment(one.clone(), "eps", &[0.05, 0.1, 0.4], 300.0);
        let points = [
            point(0, 0.05, Some(12.1), 0),
            point(0, 0.1, Some(6.0), 0),
            point(0, 0.4, Some(2.3), 0),
        ];
        assert_eq!(
            headline_of(&x, &points),
            "Synchrony came faster as pulse ε rose: median 12.1 cycles at 0.05, 2.3 at 0.4."
        );
        // A sweep that turns back names its turning point.
        let x = experiment(
            one.clone(),
            "network.betweenShare",
            &[0.02, 0.2, 0.5],
            300.0,
        );
        let points = [
            point(0, 0.02, Some(7.8), 1),
            point(0, 0.2, Some(2.7), 0),
            point(0, 0.5, Some(3.6), 0),
        ];
        assert_eq!(
            headline_of(&x, &points),
            "Synchrony came faster as share of ties between subgroups rose: \
             median 7.8 cycles at 0.02, 2.7 at 0.2, 3.6 at 0.5."
        );
        let x = experiment(one, "network.rewire", &[0.0, 1.0], 300.0);
        let points = [point(0, 0.0, Some(2.1), 0), point(0, 1.0, Some(2.3), 0)];
        assert_eq!(
            headline_of(&x, &points),
            "Synchrony changed little as rewired share rose: median 2.1 cycles at 0, 2.3 at 1."
        );
    }

    #[test]
    fn the_headline_of_three_arms_ranks_them() {
        let arms = vec![
            arm("Reactive", Mode::Reactive),
            arm("Planned", Mode::Planned),
            arm("Hybrid", Mode::Hybrid),
        ];
        let x = experiment(arms, "network.meanDegree", &[6.0, 8.0], 300.0);
        let points = [
            point(0, 6.0, Some(8.0), 3),
            point(0, 8.0, Some(4.5), 0),
            point(1, 6.0, None, 17),
            point(1, 8.0, Some(10.9), 1),
            point(2, 6.0, Some(11.5), 12),
            point(2, 8.0, Some(2.5), 1),
        ];
        assert_eq!(
            headline_of(&x, &points),
            "Reactive got in step fastest at ties per firm 6: median 8.0 cycles, \
             against 11.5 for Hybrid; most Planned runs never got in step within 300 cycles \
             (fastest at 1 of 2 values of ties per firm)."
        );
    }
}
