//! The Mirollo-Strogatz state function: how a partner's release moves a firm.
//!
//! A firm's phase `phi` grows linearly over its product cycle; its state
//! `x = f(phi)` is concave for dissipation `b > 0`, so a pulse moves a firm
//! late in its cycle further (in phase) than one early in its cycle. All math
//! goes through `libm` so native and wasm builds agree bit for bit.

/// The state function of one dissipation `b`, with its constants precomputed.
///
/// ```
/// use lockstep::model::dynamics::StateFunction;
/// let f = StateFunction::new(3.0);
/// assert_eq!((f.f(0.0), f.f(1.0)), (0.0, 1.0));
/// assert!(f.f(0.5) > 0.5, "concave for b > 0");
/// // A pulse of state size 0.05 as an exact affine map on the phase:
/// let phi = f.pulse(0.05).apply(0.5);
/// assert!((phi - f.g(f.f(0.5) + 0.05)).abs() < 1e-12);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StateFunction {
    b: f64,
    /// `e^b - 1`; zero marks the linear case `b = 0`.
    eb1: f64,
}

/// Below this `|b|` the state function is taken as linear (its limit).
const LINEAR_B: f64 = 1e-9;

impl StateFunction {
    pub fn new(b: f64) -> Self {
        let eb1 = if b.abs() < LINEAR_B {
            0.0
        } else {
            libm::expm1(b)
        };
        StateFunction { b, eb1 }
    }

    pub fn dissipation(&self) -> f64 {
        self.b
    }

    /// `f(phi) = ln(1 + (e^b - 1) phi) / b`.
    pub fn f(&self, phi: f64) -> f64 {
        if self.eb1 == 0.0 {
            phi
        } else {
            libm::log1p(self.eb1 * phi) / self.b
        }
    }

    /// `f` at `samples` (at least 2) evenly spaced phases from 0 to 1.
    pub fn curve(&self, samples: usize) -> Vec<f64> {
        let last = samples.max(2) - 1;
        (0..=last).map(|i| self.f(i as f64 / last as f64)).collect()
    }

    /// The inverse `g(x) = (e^(b x) - 1) / (e^b - 1)`.
    pub fn g(&self, x: f64) -> f64 {
        if self.eb1 == 0.0 {
            x
        } else {
            libm::expm1(self.b * x) / self.eb1
        }
    }

    /// The pulse of state size `s` as an exact affine map on the phase.
    pub fn pulse(&self, s: f64) -> Pulse {
        if self.eb1 == 0.0 {
            Pulse { a: 1.0, c: s }
        } else {
            let a_minus_1 = libm::expm1(self.b * s);
            Pulse {
                a: 1.0 + a_minus_1,
                c: a_minus_1 / self.eb1,
            }
        }
    }
}

/// `phi -> a phi + c`: the phase a firm jumps to after one pulse.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pulse {
    pub a: f64,
    pub c: f64,
}

impl Pulse {
    /// The identity: a pulse of size zero.
    pub const NONE: Pulse = Pulse { a: 1.0, c: 0.0 };

    /// The new phase; `>= 1` means the firm is absorbed and releases now.
    #[inline]
    pub fn apply(&self, phi: f64) -> f64 {
        self.a * phi + self.c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn linear_limit_is_identity() {
        let s = StateFunction::new(0.0);
        assert_eq!(s.f(0.3), 0.3);
        assert_eq!(s.g(0.3), 0.3);
        assert_eq!(s.pulse(0.1).apply(0.3), 0.4);
    }
}
