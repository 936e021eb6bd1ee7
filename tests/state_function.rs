//! The state function f, its inverse g, and the pulse as an affine map.

use lockstep::model::dynamics::StateFunction;

const B: [f64; 5] = [0.5, 1.0, 3.0, 6.0, -2.0];

fn grid() -> impl Iterator<Item = f64> {
    (0..=1000).map(|i| i as f64 / 1000.0)
}

#[test]
fn f_runs_from_zero_to_one() {
    for b in B {
        let s = StateFunction::new(b);
        assert_eq!(s.f(0.0), 0.0, "b = {b}");
        assert!((s.f(1.0) - 1.0).abs() < 1e-15, "b = {b}");
    }
}

#[test]
fn f_is_increasing_and_concave_for_positive_dissipation() {
    for b in [0.5, 1.0, 3.0, 6.0] {
        let s = StateFunction::new(b);
        let values: Vec<f64> = grid().map(|phi| s.f(phi)).collect();
        for w in values.windows(3) {
            assert!(w[1] > w[0], "increasing, b = {b}");
            // Concave: each point lies above the chord of its neighbours.
            assert!(w[1] > (w[0] + w[2]) / 2.0, "concave, b = {b}");
        }
    }
}

#[test]
fn g_inverts_f() {
    for b in B {
        let s = StateFunction::new(b);
        for phi in grid() {
            assert!((s.g(s.f(phi)) - phi).abs() < 1e-12, "b = {b}, phi = {phi}");
        }
    }
}

#[test]
fn a_pulse_is_the_affine_map_of_the_phase() {
    // phi -> a phi + (a - 1) / (e^b - 1), a = e^(b s), equals g(f(phi) + s).
    for b in B {
        let s = StateFunction::new(b);
        for size in [0.0, 0.01, 0.05, 0.3] {
            let a = (b * size).exp();
            let c = (a - 1.0) / (b.exp() - 1.0);
            for phi in grid() {
                let affine = a * phi + c;
                assert!((s.pulse(size).apply(phi) - affine).abs() < 1e-12);
                assert!(
                    (s.g(s.f(phi) + size) - affine).abs() < 1e-12,
                    "b = {b}, s = {size}, phi = {phi}"
                );
            }
        }
    }
}
