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
