//! Seeded randomness. One scenario seed feeds separate streams (network,
//! phases, coordinators, slips), so turning one knob does not reshuffle the
//! others, and every draw is portable between native and wasm32.

use rand::{Rng, RngExt, SeedableRng};
use rand_pcg::Pcg64;

/// What a stream of random numbers is for.
#[derive(Clone, Copy, Debug)]
pub enum Stream {
    Network = 1,
    Phases = 2,
    Coordinators = 3,
    Slips = 4,
    Strengths = 5,
    Layout = 6,
    Cycles = 7,
    Bootstrap = 8,
}

#[derive(Clone, Debug)]
pub struct Seeded(Pcg64);

impl Seeded {
    pub fn new(seed: u32, stream: Stream) -> Self {
        // splitmix64 of (seed, stream): well-spread, distinct seeds per stream.
        let mut z = ((seed as u64) << 8 | stream as u64).wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Seeded(Pcg64::seed_from_u64(z ^ (z >> 31)))
    }

    /// Uniform in [0, 1).
    pub fn unit(&mut self) -> f64 {
        self.0.random::<f64>()
    }

    /// Uniform in `0..n`, drawn as `u64` so wasm32 and native agree.
    pub fn below(&mut self, n: usize) -> usize {
        self.0.random_range(0..n as u64) as usize
    }

    /// Standard normal by Box-Muller, with libm so the draw is portable.
    pub fn normal(&mut self) -> f64 {
        let u1 = 1.0 - self.unit(); // (0, 1]
        let u2 = self.unit();
        libm::sqrt(-2.0 * libm::log(u1)) * libm::cos(2.0 * core::f64::consts::PI * u2)
    }

    /// Draws uniform in `0..n` for `0 < n <= u32::MAX`, two from each
    /// 64-bit step (see [`Below`]): for many draws from one range.
    pub fn below_many(&mut self, n: u32) -> Below<'_> {
        Below {
            floor: n.wrapping_neg() % n,
            n: u64::from(n),
            spare: None,
            rng: self,
        }
    }

    /// Gamma(shape, 1) for `shape >= 1`, by Marsaglia and Tsang (2000).
    pub fn gamma(&mut self, shape: f64) -> f64 {
        let d = shape - 1.0 / 3.0;
        let c = 1.0 / libm::sqrt(9.0 * d);
        loop {
            let x = self.normal();
            let v = 1.0 + c * x;
            if v <= 0.0 {
                continue;
            }
            let v = v * v * v;
            let u = self.unit();
            let squeeze = u < 1.0 - 0.0331 * (x * x) * (x * x);
            if squeeze || libm::log(u) < 0.5 * x * x + d * (1.0 - v + libm::log(v)) {
                return d * v;
            }
        }
    }

    /// Beta(a, b) for `a, b >= 1`: for whole `a` and `b`, the `a`-th
    /// smallest of `a + b - 1` uniform draws.
    pub fn beta(&mut self, a: f64, b: f64) -> f64 {
        let x = self.gamma(a);
        x / (x + self.gamma(b))
    }

    pub fn next_u32(&mut self) -> u32 {
        self.0.next_u32()
    }

    /// Fisher-Yates shuffle.
    pub fn shuffle<T>(&mut self, items: &mut [T]) {
        for i in (1..items.len()).rev() {
            items.swap(i, self.below(i + 1));
        }
    }
}

/// Draws uniform in `0..n`, two from each 64-bit step of the stream, by
/// Lemire's multiply and shift with rejection (so no value is favoured):
/// on wasm32 a fraction of [`Seeded::below`]'s cost, whose 128-bit
/// multiplies are emulated.
pub struct Below<'a> {
    rng: &'a mut Seeded,
    n: u64,
    /// Low words under this are rejected: `2^32 mod n`.
    floor: u32,
    spare: Option<u32>,
}

impl Iterator for Below<'_> {
    type Item = usize;

    fn next(&mut self) -> Option<usize> {
        loop {
            let x = match self.spare.take() {
                Some(x) => x,
                None => {
                    let w = self.rng.0.next_u64();
                    self.spare = Some((w >> 32) as u32);
                    w as u32
                }
            };
            let m = u64::from(x) * self.n;
            if m as u32 >= self.floor {
                return Some((m >> 32) as usize);
            }
        }
    }
}
