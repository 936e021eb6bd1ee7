//! An independent reference implementation of the dynamics, written from
//! DESIGN.md ("The model", "Coordination") alone, checked against the engine
//! over many random small networks.
//!
//! The oracle is deliberately naive and works in a different way from the
//! engine: it keeps every firm's phase at the current time and advances them
//! all; it finds the next instant by brute force; and it resolves an instant
//! as a fixed point in state space (`x = f(phi) + sum of pulses`): the set of
//! firms that release is grown until no further firm reaches `x >= 1`, with
//! coordinators locked and the hybrid signal sent once per joint release.
//! Because pulses add up in state space, that fixed point is what any order of
//! cascading must reach; the engine instead walks waves one pulse at a time
//! with affine phase maps. Where rounding could tip the two apart (a firm
//! within 1e-9 of the threshold, or two release times within 1e-9 that are
//! not equal), the comparison stops there; the tests check that this rarely
//! cuts a run short.

use lockstep::model::engine::{Coordination, Setup, Signal};
use lockstep::network::{FirmId, Network};
use lockstep::{Cause, Engine, Mode, NetworkSpec, Reach, Release, Scenario};
use proptest::prelude::*;
use std::collections::{BTreeSet, VecDeque};

/// How close to the threshold (state units) or to a tie (time) the oracle
/// refuses to call the outcome.
const AMBIGUOUS: f64 = 1e-9;
const TIME_TOLERANCE: f64 = 1e-9;
const PHASE_TOLERANCE: f64 = 1e-9;

// ---------------------------------------------------------------- oracle

/// `f(phi) = ln(1 + (e^b - 1) phi) / b`, straight from the formula.
fn f(b: f64, phi: f64) -> f64 {
    if b == 0.0 {
        phi
    } else {
        libm::log(1.0 + (libm::exp(b) - 1.0) * phi) / b
    }
}

/// `g(x) = (e^(b x) - 1) / (e^b - 1)`.
fn g(b: f64, x: f64) -> f64 {
    if b == 0.0 {
        x
    } else {
        (libm::exp(b * x) - 1.0) / (libm::exp(b) - 1.0)
    }
}

#[derive(Clone, Debug)]
struct OracleCoordination {
    firms: Vec<usize>,
    rho: f64,
    /// Hybrid: signal strength and how many hops it reaches (None = all).
    signal: Option<(f64, Option<u32>)>,
}

#[derive(Clone, Debug)]
struct Oracle {
    n: usize,
    b: f64,
    eps: f64,
    adj: Vec<Vec<(usize, f64)>>,
    cycles: Vec<f64>,
    phi: Vec<f64>,
    t: f64,
    one_pulse: bool,
    coordinator: Vec<bool>,
    rho: f64,
    /// Hybrid: signal strength, and which firms it reaches.
    signal: Option<(f64, Vec<bool>)>,
}

#[derive(Debug)]
struct Ambiguous(&'static str);

/// Firms within `hops` of any of `sources` (None: every firm), by BFS.
fn reached(adj: &[Vec<(usize, f64)>], sources: &[usize], hops: Option<u32>) -> Vec<bool> {
    let n = adj.len();
    let Some(hops) = hops else {
        return vec![true; n];
    };
    let mut dist = vec![u32::MAX; n];
    let mut queue = VecDeque::new();
    for &s in sources {
        dist[s] = 0;
        queue.push_back(s);
    }
    while let Some(u) = queue.pop_front() {
        for &(v, _) in &adj[u] {
            if dist[v] == u32::MAX {
                dist[v] = dist[u] + 1;
                queue.push_back(v);
            }
        }
    }
    dist.iter().map(|&d| d <= hops).collect()
}

impl Oracle {
    // A reference reads best as the model's own list of inputs.
    #[allow(clippy::too_many_arguments)]
    fn new(
        n: usize,
        ties: &[(usize, usize, f64)],
        b: f64,
        eps: f64,
        cycles: Vec<f64>,
        phases: Vec<f64>,
        one_pulse: bool,
        coordination: Option<OracleCoordination>,
    ) -> Oracle {
        let mut adj = vec![Vec::new(); n];
        for &(a, c, w) in ties {
            adj[a].push((c, w));
            adj[c].push((a, w));
        }
        let mut coordinator = vec![false; n];
        let (mut rho, mut signal) = (1.0, None);
        if let Some(c) = coordination {
            c.firms.iter().for_each(|&i| coordinator[i] = true);
            rho = c.rho;
            signal = c.signal.map(|(strength, hops)| {
                let mut audience = reached(&adj, &c.firms, hops);
                c.firms.iter().for_each(|&i| audience[i] = false);
                (strength, audience)
            });
        }
        Oracle {
            n,
            b,
            eps,
            adj,
            cycles,
            phi: phases,
            t: 0.0,
            one_pulse,
            coordinator,
            rho,
            signal,
        }
    }

    /// The next instant: its time and the firms that release in it.
    fn step(&mut self) -> Result<(f64, BTreeSet<usize>), Ambiguous> {
        let due: Vec<f64> = (0..self.n)
            .map(|i| (1.0 - self.phi[i]) * self.cycles[i])
            .collect();
        let dt = due.iter().copied().fold(f64::INFINITY, f64::min).max(0.0);
        if due.iter().any(|&d| d != dt && d.max(0.0) - dt < AMBIGUOUS) {
            return Err(Ambiguous("two release times within 1e-9"));
        }
        let mut released: BTreeSet<usize> = (0..self.n).filter(|&i| due[i] <= dt).collect();
        for i in 0..self.n {
            self.phi[i] += dt / self.cycles[i];
        }
        self.t += dt;

        // Grow the set of releasing firms to its fixed point.
        let mut x = vec![0.0; self.n];
        loop {
            let coordinators_release =
                (0..self.n).any(|i| self.coordinator[i] && released.contains(&i));
            if coordinators_release {
                // Locked: when one releases, all release.
                (0..self.n).filter(|&i| self.coordinator[i]).for_each(|i| {
                    released.insert(i);
                });
            }
            let mut grew = false;
            for i in 0..self.n {
                if released.contains(&i) {
                    continue;
                }
                let mut pulses: Vec<f64> = self.adj[i]
                    .iter()
                    .filter(|(j, _)| released.contains(j))
                    .map(|&(j, w)| {
                        let outside = self.coordinator[i] && !self.coordinator[j];
                        self.eps * w * if outside { self.rho } else { 1.0 }
                    })
                    .collect();
                if let Some((strength, audience)) = &self.signal
                    && coordinators_release
                    && audience[i]
                {
                    pulses.push(*strength);
                }
                let total: f64 = if self.one_pulse {
                    // Only meaningful when every pulse has the same size.
                    pulses.first().copied().unwrap_or(0.0)
                } else {
                    pulses.iter().sum()
                };
                x[i] = if pulses.is_empty() {
                    f64::NAN
                } else {
                    f(self.b, self.phi[i]) + total
                };
                if (x[i] - 1.0).abs() < AMBIGUOUS {
                    return Err(Ambiguous("a firm within 1e-9 of the threshold"));
                }
                if x[i] >= 1.0 {
                    released.insert(i);
                    grew = true;
                }
            }
            if !grew {
                break;
            }
        }
        // Firm by firm, as the rules are written (x, phi and released by firm).
        #[allow(clippy::needless_range_loop)]
        for i in 0..self.n {
            if released.contains(&i) {
                self.phi[i] = 0.0;
            } else if !x[i].is_nan() {
                if (x[i] - 1.0).abs() < AMBIGUOUS {
                    return Err(Ambiguous("a firm within 1e-9 of the threshold"));
                }
                self.phi[i] = g(self.b, x[i]);
            }
        }
        Ok((self.t, released))
    }
}

// ---------------------------------------------------------------- cases

/// splitmix64: the cases' own randomness, independent of the crate's.
struct Mix(u64);
impl Mix {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Clone, Debug)]
struct Case {
    n: usize,
    ties: Vec<(usize, usize, f64)>,
    b: f64,
    eps: f64,
    cycles: Vec<f64>,
    phases: Vec<f64>,
    one_pulse: bool,
    coordination: Option<OracleCoordination>,
}

#[derive(Clone, Copy, Debug)]
struct Knobs {
    n: usize,
    density: f64,
    /// Tie strengths: None = every tie 1, Some(lo) = uniform in [lo, 1].
    strengths: Option<f64>,
    b: f64,
    eps: f64,
    cycle_spread: f64,
    one_pulse: bool,
}

fn case(seed: u64, k: Knobs) -> Case {
    let mut rng = Mix(seed);
    let mut ties = Vec::new();
    for a in 0..k.n {
        for c in a + 1..k.n {
            if rng.unit() < k.density {
                let w = match k.strengths {
                    None => 1.0,
                    Some(lo) => lo + (1.0 - lo) * (1.0 - rng.unit()),
                };
                ties.push((a, c, w));
            }
        }
    }
    let phases = (0..k.n).map(|_| rng.unit()).collect();
    let cycles = (0..k.n)
        .map(|_| 1.0 + k.cycle_spread * (2.0 * rng.unit() - 1.0))
        .collect();
    Case {
        n: k.n,
        ties,
        b: k.b,
        eps: k.eps,
        cycles,
        phases,
        one_pulse: k.one_pulse,
        coordination: None,
    }
}

fn network(c: &Case) -> Network {
    Network::from_ties(
        c.n,
        c.ties
            .iter()
            .map(|&(a, b, w)| (a as FirmId, b as FirmId, w)),
        vec![],
    )
    .unwrap()
}

fn engine_of(c: &Case) -> Engine {
    let net = network(c);
    let coordination = c.coordination.as_ref().map(|oc| Coordination {
        firms: oc.firms.iter().map(|&i| i as FirmId).collect(),
        responsiveness: oc.rho,
        signal: oc.signal.map(|(strength, hops)| {
            let adj = oracle_of(c).adj;
            let audience = reached(&adj, &oc.firms, hops);
            Signal {
                strength,
                audience: (0..c.n as FirmId)
                    .filter(|&i| audience[i as usize] && !oc.firms.contains(&(i as usize)))
                    .collect(),
            }
        }),
    });
    Engine::new(Setup {
        network: net,
        dissipation: c.b,
        eps: c.eps,
        cycles: c.cycles.clone(),
        phases: c.phases.clone(),
        one_pulse_per_event: c.one_pulse,
        coordination,
        slips: None,
    })
}

fn oracle_of(c: &Case) -> Oracle {
    Oracle::new(
        c.n,
        &c.ties,
        c.b,
        c.eps,
        c.cycles.clone(),
        c.phases.clone(),
        c.one_pulse,
        c.coordination.clone(),
    )
}

/// Runs engine and oracle side by side for `instants`; returns how many
/// instants were compared before the oracle found the outcome too close to
/// call, or an error describing the first disagreement.
fn compare_engine(c: &Case, engine: &mut Engine, instants: usize) -> Result<usize, String> {
    let mut oracle = oracle_of(c);
    let audience = oracle.signal.as_ref().map(|(_, a)| a.clone());
    for k in 0..instants {
        let (t, expected) = match oracle.step() {
            Ok(x) => x,
            Err(why) => {
                if std::env::var("ORACLE_VERBOSE").is_ok() {
                    eprintln!("stopped at instant {k}: {}", why.0);
                }
                return Ok(k);
            }
        };
        let mut got: Vec<Release> = Vec::new();
        let te = engine.run_instant(&mut |r| got.push(r));
        let firms: BTreeSet<usize> = got.iter().map(|r| r.firm as usize).collect();
        if firms.len() != got.len() {
            return Err(format!(
                "instant {k} at {te}: a firm released twice: {got:?}"
            ));
        }
        if (te - t).abs() > TIME_TOLERANCE || got.iter().any(|r| r.time != te) {
            return Err(format!("instant {k}: engine at {te}, oracle at {t}"));
        }
        if firms != expected {
            return Err(format!(
                "instant {k} at {t}: engine released {firms:?}, oracle {expected:?}"
            ));
        }
        for r in &got {
            let i = r.firm as usize;
            let due = (1.0 - c.phases[i]) * c.cycles[i];
            let ok = match r.cause {
                Cause::Lock => oracle.coordinator[i],
                Cause::Signal => audience.as_ref().is_some_and(|a| a[i]),
                Cause::Partner => !oracle.adj[i].is_empty(),
                Cause::Schedule => k > 0 || (due - t).abs() < TIME_TOLERANCE,
            };
            if !ok {
                return Err(format!("instant {k}: firm {i} released for {:?}", r.cause));
            }
        }
        for i in 0..c.n {
            let pe = engine.phase(i as FirmId);
            if (pe - oracle.phi[i]).abs() > PHASE_TOLERANCE {
                return Err(format!(
                    "after instant {k} at {t}: firm {i} at phase {pe}, oracle {}",
                    oracle.phi[i]
                ));
            }
        }
        // Each instant is judged from the engine's own state: rounding
        // differences would otherwise grow (the dynamics expand small
        // differences by e^(b eps) per firing) until they decide a near call.
        for i in 0..c.n {
            oracle.phi[i] = engine.phase(i as FirmId);
        }
        oracle.t = te;
    }
    Ok(instants)
}

fn compare(c: &Case, instants: usize) -> Result<usize, String> {
    compare_engine(c, &mut engine_of(c), instants)
}

fn b_strategy() -> impl Strategy<Value = f64> {
    prop_oneof![
        6 => 0.2f64..6.0,
        1 => Just(0.0),
        1 => -3.0f64..-0.2,
    ]
}

fn strengths_strategy() -> impl Strategy<Value = Option<f64>> {
    prop_oneof![Just(None), (0.05f64..1.0).prop_map(Some)]
}

fn knobs(one_pulse: bool) -> impl Strategy<Value = Knobs> {
    (
        2usize..=12,
        0.1f64..1.0,
        strengths_strategy(),
        b_strategy(),
        0.005f64..0.3,
        prop_oneof![Just(0.0), 0.0f64..0.3],
    )
        .prop_map(move |(n, density, strengths, b, eps, cycle_spread)| Knobs {
            n,
            density,
            strengths,
            b,
            eps,
            cycle_spread,
            one_pulse,
        })
}

const INSTANTS: usize = 200;

/// Runs a proptest case, failing on disagreement; returns the instants
/// compared.
fn check(c: &Case) -> Result<usize, TestCaseError> {
    compare(c, INSTANTS).map_err(|e| TestCaseError::fail(format!("{e}\ncase: {c:?}")))
}

// ---------------------------------------------------------------- tests

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn reactive_dynamics_match_the_oracle(seed in any::<u64>(), k in knobs(false)) {
        check(&case(seed, k))?;
    }

    #[test]
    fn one_pulse_per_event_matches_the_oracle(
        seed in any::<u64>(), k in knobs(true), w in prop_oneof![Just(1.0), 0.2f64..1.0],
    ) {
        // Every pulse the same size, so "the first pulse" is any pulse.
        let mut c = case(seed, Knobs { strengths: None, ..k });
        c.ties.iter_mut().for_each(|t| t.2 = w);
        check(&c)?;
    }

    #[test]
    fn planned_coordination_matches_the_oracle(
        seed in any::<u64>(), k in knobs(false), coordinators in 1usize..=3,
        rho in prop_oneof![Just(0.0), Just(1.0), 0.0f64..1.0], same_start in any::<bool>(),
    ) {
        let mut c = coordinated(seed, k, coordinators, rho, same_start);
        c.coordination.as_mut().unwrap().signal = None;
        check(&c)?;
    }

    #[test]
    fn hybrid_signals_match_the_oracle(
        seed in any::<u64>(), k in knobs(false), coordinators in 1usize..=3,
        rho in prop_oneof![Just(0.0), 0.0f64..1.0], same_start in any::<bool>(),
        strength in 0.01f64..0.8, hops in prop_oneof![Just(Some(1u32)), Just(Some(2)), Just(None)],
    ) {
        let mut c = coordinated(seed, k, coordinators, rho, same_start);
        c.coordination.as_mut().unwrap().signal = Some((strength, hops));
        check(&c)?;
    }
}

/// A case with `k` coordinators joined by intense ties, as planned
/// synchrony does.
fn coordinated(seed: u64, k: Knobs, coordinators: usize, rho: f64, same_start: bool) -> Case {
    let n = k.n.max(coordinators + 2);
    let mut c = case(seed, Knobs { n, ..k });
    let mut rng = Mix(seed ^ 0xC00D);
    let mut firms: Vec<usize> = Vec::new();
    while firms.len() < coordinators {
        let f = (rng.next() % n as u64) as usize;
        if !firms.contains(&f) {
            firms.push(f);
        }
    }
    firms.sort_unstable();
    for (x, &a) in firms.iter().enumerate() {
        for &b in &firms[x + 1..] {
            c.ties.retain(|&(p, q, _)| (p, q) != (a, b));
            c.ties.push((a, b, 1.0));
        }
    }
    if same_start {
        let planned = c.phases[firms[0]];
        firms.iter().for_each(|&f| c.phases[f] = planned);
    }
    c.coordination = Some(OracleCoordination {
        firms,
        rho,
        signal: None,
    });
    c
}

/// The comparison must not be mostly cut short by near-ties: over a fixed
/// batch of cases, almost every instant is compared.
#[test]
fn the_oracle_rarely_declines_to_call_an_instant() {
    let mut compared = 0;
    let mut asked = 0;
    for seed in 0..60u64 {
        for (b, eps) in [(3.0, 0.05), (1.0, 0.2), (0.0, 0.1), (-1.0, 0.1)] {
            let k = Knobs {
                n: 2 + (seed % 11) as usize,
                density: 0.5,
                strengths: Some(0.3),
                b,
                eps,
                cycle_spread: if seed % 2 == 0 { 0.0 } else { 0.2 },
                one_pulse: false,
            };
            let mut c = case(seed, k);
            if seed % 3 == 0 {
                c = coordinated(seed, k, 2, 0.5, true);
                c.coordination.as_mut().unwrap().signal = Some((0.3, Some(1)));
            }
            compared += compare(&c, 100).unwrap();
            asked += 100;
        }
    }
    assert!(
        compared as f64 > 0.95 * asked as f64,
        "{compared} of {asked} instants compared"
    );
}

// ------------------------------------------------- hand-worked instants

fn net(n: usize, ties: &[(FirmId, FirmId, f64)]) -> Network {
    Network::from_ties(n, ties.iter().copied(), vec![]).unwrap()
}

fn setup(network: Network, eps: f64, b: f64, phases: Vec<f64>) -> Setup {
    let n = network.firm_count();
    Setup {
        network,
        dissipation: b,
        eps,
        cycles: vec![1.0; n],
        phases,
        one_pulse_per_event: false,
        coordination: None,
        slips: None,
    }
}

fn instant(e: &mut Engine) -> Vec<Release> {
    let mut out = Vec::new();
    e.run_instant(&mut |r| out.push(r));
    out
}

fn firms(rs: &[Release]) -> BTreeSet<FirmId> {
    rs.iter().map(|r| r.firm).collect()
}

const B: f64 = 3.0;

#[test]
fn a_pulse_is_scaled_by_tie_strength() {
    // Firm 0 releases; firm 1 (w = 0.4) moves by 0.4 eps in state space.
    let (eps, w, phi) = (0.1, 0.4, 0.3);
    let mut e = Engine::new(setup(net(2, &[(0, 1, w)]), eps, B, vec![0.9, phi]));
    instant(&mut e);
    let expected = g(B, f(B, phi + 0.1) + eps * w);
    assert!((e.phase(1) - expected).abs() < 1e-12, "{}", e.phase(1));
}

#[test]
fn pulses_from_partners_releasing_together_add_up_in_state_space() {
    // Firms 0 and 1 start together and release together; firm 2 gets two
    // pulses (strengths 1 and 0.5), not one.
    let (eps, phi) = (0.05, 0.2);
    let ties = [(0, 2, 1.0), (1, 2, 0.5)];
    let mut e = Engine::new(setup(net(3, &ties), eps, B, vec![0.7, 0.7, phi]));
    assert_eq!(firms(&instant(&mut e)), BTreeSet::from([0, 1]));
    let expected = g(B, f(B, phi + 0.3) + eps * 1.5);
    assert!((e.phase(2) - expected).abs() < 1e-12, "{}", e.phase(2));
}

#[test]
fn a_pulse_moves_the_phase_the_firm_has_now_not_its_last_recorded_one() {
    // Firm 2 is pulsed twice in two instants; the second pulse must start
    // from its phase at the second instant.
    let eps = 0.05;
    let ties = [(0, 2, 1.0), (1, 2, 1.0)];
    let mut e = Engine::new(setup(net(3, &ties), eps, B, vec![0.9, 0.6, 0.1]));
    instant(&mut e); // t = 0.1: firm 0
    let p1 = g(B, f(B, 0.2) + eps);
    assert!((e.phase(2) - p1).abs() < 1e-12);
    instant(&mut e); // t = 0.4: firm 1
    let p2 = g(B, f(B, p1 + 0.3) + eps);
    assert!((e.phase(2) - p2).abs() < 1e-12, "{} vs {p2}", e.phase(2));
}

#[test]
fn a_cascade_releases_each_firm_once_and_spares_those_already_released() {
    // A triangle with strong pulses: 0 absorbs 1 and 2; each of them would
    // push the others again, but a firm releases at most once per instant.
    let mut e = Engine::new(setup(
        net(3, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]),
        0.5,
        B,
        vec![0.9, 0.8, 0.8],
    ));
    let rs = instant(&mut e);
    assert_eq!(rs.len(), 3, "{rs:?}");
    assert_eq!(firms(&rs).len(), 3);
    assert_eq!(e.release_count(), 3);
    // Everyone starts the next cycle together at phase 0.
    for i in 0..3 {
        assert_eq!(e.phase(i), 0.0);
    }
    assert_eq!(firms(&instant(&mut e)).len(), 3);
}

#[test]
fn a_chain_cascades_through_absorbed_firms_only() {
    // Path 0-1-2-3: 0 absorbs 1, whose own release absorbs 2; 3 is far
    // from the threshold and only moves.
    let eps = 0.2;
    let ties = [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0)];
    let mut e = Engine::new(setup(net(4, &ties), eps, B, vec![0.95, 0.9, 0.9, 0.05]));
    let rs = instant(&mut e);
    assert_eq!(firms(&rs), BTreeSet::from([0, 1, 2]));
    assert_eq!(rs[1].cause, Cause::Partner);
    let expected = g(B, f(B, 0.1) + eps);
    assert!((e.phase(3) - expected).abs() < 1e-12);
}

fn coordinated_setup(
    network: Network,
    phases: Vec<f64>,
    firms: Vec<FirmId>,
    rho: f64,
    signal: Option<Signal>,
) -> Setup {
    Setup {
        coordination: Some(Coordination {
            firms,
            responsiveness: rho,
            signal,
        }),
        ..setup(network, 0.1, B, phases)
    }
}

#[test]
fn responsiveness_scales_outside_pulses_to_coordinators() {
    // Firm 0 (outsider) releases; coordinators 1 and 2 move by rho eps w.
    for rho in [0.0, 0.3, 1.0] {
        let network = net(3, &[(0, 1, 0.5), (1, 2, 1.0)]);
        let mut e = Engine::new(coordinated_setup(
            network,
            vec![0.9, 0.2, 0.2],
            vec![1, 2],
            rho,
            None,
        ));
        assert_eq!(firms(&instant(&mut e)), BTreeSet::from([0]));
        let expected = g(B, f(B, 0.3) + 0.1 * 0.5 * rho);
        assert!(
            (e.phase(1) - expected).abs() < 1e-12,
            "rho {rho}: {} vs {expected}",
            e.phase(1)
        );
        assert!((e.phase(2) - 0.3).abs() < 1e-12, "no tie, no pulse");
    }
}

#[test]
fn coordinators_pulse_outsiders_at_full_strength() {
    // Coordinator 0 releases (with 1, locked); outsider 2 gets eps w from
    // each, whatever rho.
    let network = net(3, &[(0, 1, 1.0), (0, 2, 0.5), (1, 2, 1.0)]);
    let mut e = Engine::new(coordinated_setup(
        network,
        vec![0.9, 0.9, 0.2],
        vec![0, 1],
        0.0,
        None,
    ));
    let rs = instant(&mut e);
    assert_eq!(firms(&rs), BTreeSet::from([0, 1]));
    let expected = g(B, f(B, 0.3) + 0.1 * 1.5);
    assert!((e.phase(2) - expected).abs() < 1e-12);
}

#[test]
fn one_coordinator_absorbed_releases_them_all() {
    // Coordinators 1 and 2 at different phases; an outsider's pulse absorbs
    // 1, and 2 (far from the threshold, no tie to 0) releases with it.
    let network = net(3, &[(0, 1, 1.0)]);
    let mut s = coordinated_setup(network, vec![0.99, 0.9, 0.1], vec![1, 2], 1.0, None);
    s.eps = 0.3;
    let mut e = Engine::new(s);
    let rs = instant(&mut e);
    assert_eq!(firms(&rs), BTreeSet::from([0, 1, 2]));
    let cause = |f| rs.iter().find(|r| r.firm == f).unwrap().cause;
    assert_eq!(cause(1), Cause::Partner);
    assert_eq!(cause(2), Cause::Lock);
}

#[test]
fn one_signal_per_joint_release_however_many_coordinators() {
    // Three coordinators release together; firm 3 hears one signal of
    // strength 0.2, not three.
    let network = net(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 1.0)]);
    let signal = Signal {
        strength: 0.2,
        audience: vec![3],
    };
    let mut e = Engine::new(coordinated_setup(
        network,
        vec![0.9, 0.9, 0.9, 0.1],
        vec![0, 1, 2],
        0.0,
        Some(signal),
    ));
    assert_eq!(firms(&instant(&mut e)), BTreeSet::from([0, 1, 2]));
    let expected = g(B, f(B, 0.2) + 0.2);
    assert!((e.phase(3) - expected).abs() < 1e-12, "{}", e.phase(3));
}

#[test]
fn a_signal_is_relayed_only_by_the_releases_of_firms_it_absorbs() {
    // Coordinator 0 (ties 0-1, 0-2 weak) signals firms 1 and 2; 3 hangs off
    // 2 and is outside the audience. Neither the tie nor the signal alone
    // absorbs 1, both do; 2 needs 1's release too (the relay); 3 gets only
    // 2's release, never the signal.
    let eps = 0.1;
    let network = net(4, &[(0, 1, 1.0), (1, 2, 1.0), (0, 2, 0.2), (2, 3, 1.0)]);
    let signal = Signal {
        strength: 0.3,
        audience: vec![1, 2],
    };
    let mut s = coordinated_setup(
        network,
        vec![0.9, 0.5, 0.2, 0.1],
        vec![0],
        0.0,
        Some(signal),
    );
    s.eps = eps;
    let mut e = Engine::new(s);
    // At t = 0.1, by hand in state space:
    assert!(f(B, 0.6) + eps < 1.0 && f(B, 0.6) + 0.15 < 1.0 && f(B, 0.6) + eps + 0.15 >= 1.0);
    assert!(f(B, 0.5) + 0.2 * eps + 0.15 < 1.0 && f(B, 0.5) + 0.2 * eps + 0.15 + eps >= 1.0);
    let rs = instant(&mut e);
    assert_eq!(firms(&rs), BTreeSet::from([0, 1, 2]));
    let cause = |f| rs.iter().find(|r| r.firm == f).unwrap().cause;
    assert_eq!(cause(1), Cause::Signal);
    assert_eq!(cause(2), Cause::Partner);
    let p3 = g(B, f(B, 0.2) + eps);
    assert!((e.phase(3) - p3).abs() < 1e-12, "{} vs {p3}", e.phase(3));
}

#[test]
fn the_signal_reaches_exactly_the_firms_within_reach_hops() {
    // Path 0-1-2-3-4 with coordinator 0: each hop count has its audience.
    let ties = [(0, 1, 1.0), (1, 2, 1.0), (2, 3, 1.0), (3, 4, 1.0)];
    for (reach, audience) in [
        (Reach::Partners, vec![1]),
        (Reach::TwoHops, vec![1, 2]),
        (Reach::All, vec![1, 2, 3, 4]),
    ] {
        let scenario = Scenario {
            firms: 5,
            network: NetworkSpec::EdgeList(edge_list(5, &ties)),
            mode: Mode::Hybrid,
            coordinators: 1,
            choice: lockstep::Choice::Chosen,
            chosen: vec![0],
            reach,
            ..Scenario::default()
        };
        let built = scenario.check().unwrap().build().unwrap();
        let c = built.setup.coordination.expect("hybrid coordinates");
        assert_eq!(c.signal.unwrap().audience, audience, "{reach:?}");
    }
}

fn edge_list(
    firms: usize,
    ties: &[(FirmId, FirmId, f64)],
) -> lockstep::network::edgelist::EdgeList {
    lockstep::network::edgelist::EdgeList {
        labels: (0..firms).map(|i| format!("f{i}")).collect(),
        ties: ties.to_vec(),
        names: vec![],
        groups: vec![],
        group_names: vec![],
    }
}

// ------------------------------------------------- scenarios end to end

/// A built scenario run by the engine agrees with the oracle fed the same
/// network, phases and cycles, with coordinators and audience worked out
/// by the oracle from the scenario's own words.
#[test]
fn built_scenarios_match_the_oracle() {
    let mut compared = 0;
    for seed in 1..=24u32 {
        for mode in [Mode::Reactive, Mode::Planned, Mode::Hybrid] {
            let reach = [Reach::Partners, Reach::TwoHops, Reach::All][seed as usize % 3];
            let scenario = Scenario {
                seed,
                firms: 12,
                network: NetworkSpec::ErdosRenyi { mean_degree: 4.0 },
                mode,
                coordinators: 1 + seed as usize % 3,
                responsiveness: [0.0, 0.5, 1.0][seed as usize / 3 % 3],
                eps_signal: 0.3,
                reach,
                intense_share: 0.5,
                cycle_spread: if seed % 2 == 0 { 0.0 } else { 0.2 },
                ..Scenario::default()
            }
            .check()
            .unwrap();
            let built = scenario.build().unwrap();
            let s = &built.setup;
            let n = s.network.firm_count();
            let ties: Vec<(usize, usize, f64)> = s
                .network
                .ties()
                .iter()
                .map(|&(a, b, w)| (a as usize, b as usize, w))
                .collect();
            // The oracle's coordinators come from the scenario's words:
            // the k firms of highest degree (lowest id on ties).
            let mut degree = vec![0usize; n];
            for &(a, b, _) in &ties {
                degree[a] += 1;
                degree[b] += 1;
            }
            let generated = scenario.network().unwrap().network;
            let mut by_degree: Vec<usize> = (0..n).collect();
            by_degree.sort_by_key(|&i| (std::cmp::Reverse(generated.degree(i as FirmId)), i));
            let mut chosen: Vec<usize> = by_degree[..scenario.coordinators].to_vec();
            chosen.sort_unstable();
            assert_eq!(
                built.coordinators,
                chosen.iter().map(|&i| i as FirmId).collect::<Vec<_>>()
            );
            let coordination = (mode != Mode::Reactive).then(|| OracleCoordination {
                firms: chosen.clone(),
                rho: scenario.responsiveness,
                signal: (mode == Mode::Hybrid).then(|| {
                    let hops = match reach {
                        Reach::Partners => Some(1),
                        Reach::TwoHops => Some(2),
                        Reach::All => None,
                    };
                    (scenario.eps_signal, hops)
                }),
            });
            if mode != Mode::Reactive {
                // Planned synchrony: intense ties among coordinators, one
                // roadmap phase.
                for (x, &a) in chosen.iter().enumerate() {
                    for &b in &chosen[x + 1..] {
                        assert!(ties.contains(&(a, b, 1.0)), "tie {a}-{b} is intense");
                    }
                    assert_eq!(s.phases[a], s.phases[chosen[0]]);
                }
            }
            let c = Case {
                n,
                ties,
                b: scenario.dissipation,
                eps: scenario.eps,
                cycles: s.cycles.clone(),
                phases: s.phases.clone(),
                one_pulse: false,
                coordination,
            };
            let mut engine = Engine::new(scenario.build().unwrap().setup);
            let got = compare_engine(&c, &mut engine, 200)
                .unwrap_or_else(|e| panic!("seed {seed} {mode:?}: {e}"));
            compared += got;
        }
    }
    // Near-equal release times (see the report on rounding) end some runs
    // early; most instants are still compared.
    assert!(compared > 24 * 3 * 170, "{compared} instants compared");
}

#[test]
fn reaching_exactly_one_in_state_space_is_absorption() {
    // b = 0 and dyadic numbers: firm 1 sits at exactly 0.75 when firm 0
    // releases, and x = 0.75 + 0.25 = 1 exactly: "if x_i >= 1, i releases".
    let mut e = Engine::new(setup(net(2, &[(0, 1, 1.0)]), 0.25, 0.0, vec![0.5, 0.25]));
    let rs = instant(&mut e);
    assert_eq!(rs[0].time, 0.5);
    assert_eq!(firms(&rs), BTreeSet::from([0, 1]));
    // And a hair less is not.
    let mut e = Engine::new(setup(
        net(2, &[(0, 1, 1.0)]),
        0.25,
        0.0,
        vec![0.5, 0.25 - f64::EPSILON],
    ));
    assert_eq!(firms(&instant(&mut e)), BTreeSet::from([0]));
}
