//! Two firms, eps = 0.05, b = 3: absorption threshold and the firing map.

mod common;
use common::{engine, instant, pair};
use lockstep::model::dynamics::StateFunction;

const EPS: f64 = 0.05;
const B: f64 = 3.0;

#[test]
fn absorption_threshold_is_g_of_one_minus_eps() {
    let threshold = StateFunction::new(B).g(1.0 - EPS);
    assert!((threshold - 0.853410).abs() < 1e-6, "threshold {threshold}");
    // Firm 0 releases first (it starts at 0.9); firm 1 then sits at phi + 0.1.
    for (partner, absorbed) in [(threshold + 1e-6, true), (threshold - 1e-6, false)] {
        let mut e = engine(pair(), EPS, B, vec![0.9, partner - 0.1]);
        let released: Vec<u32> = instant(&mut e).iter().map(|r| r.firm).collect();
        if absorbed {
            assert_eq!(released, vec![0, 1], "phi {partner} is absorbed");
        } else {
            assert_eq!(released, vec![0], "phi {partner} is not absorbed");
        }
    }
}

/// The partner's phase just after a firing, from the partner's phase just
/// after the previous firing: `R(phi) = g(f(1 - phi) + eps)`.
fn firing_map(phi: f64) -> f64 {
    let s = StateFunction::new(B);
    s.g(s.f(1.0 - phi) + EPS)
}

#[test]
fn firing_map_has_its_fixed_point_at_0_541352() {
    let a = (B * EPS).exp();
    let c = (a - 1.0) / (B.exp() - 1.0);
    let fixed = (a + c) / (1.0 + a);
    assert!((fixed - 0.541352).abs() < 1e-6, "fixed point {fixed}");
    assert!((firing_map(fixed) - fixed).abs() < 1e-12);
}

#[test]
fn deviations_from_the_fixed_point_grow_by_e_to_the_b_eps_per_firing() {
    let a = (B * EPS).exp();
    assert!((a - 1.161834).abs() < 1e-6);
    let c = (a - 1.0) / (B.exp() - 1.0);
    let fixed = (a + c) / (1.0 + a);
    let deviation = 1e-4;
    // Firm 0 has just released; firm 1 sits a little past the fixed point.
    let mut e = engine(pair(), EPS, B, vec![0.0, fixed + deviation]);
    let mut last = deviation;
    for _ in 0..8 {
        let fired = instant(&mut e);
        assert_eq!(fired.len(), 1, "no absorption near the fixed point");
        let partner = 1 - fired[0].firm;
        let now = e.phase(partner) - fixed;
        assert!(
            (now / last + a).abs() < 1e-6,
            "ratio {} per firing",
            now / last
        );
        last = now;
    }
    assert!(last.abs() > deviation * 3.0, "the deviation grew: {last}");
}
