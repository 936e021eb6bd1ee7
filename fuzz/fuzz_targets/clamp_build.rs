//! Any scenario, however wild its numbers, once clamped (as a link or a file
//! is) validates, and builds within the page's budget or is refused with a
//! reason: never a panic, never a run past the limits.
#![no_main]
use libfuzzer_sys::fuzz_target;
use lockstep::scenario::clamp::Clamp;
use lockstep::scenario::size::Budget;
use lockstep::{Choice, Mode, NetworkSpec, Reach, Scenario, Simulation};

/// Numbers taken from the fuzzer's bytes, zero when they run out.
struct Bytes<'a>(&'a [u8]);

impl Bytes<'_> {
    fn take<const N: usize>(&mut self) -> [u8; N] {
        let mut out = [0; N];
        let n = N.min(self.0.len());
        out[..n].copy_from_slice(&self.0[..n]);
        self.0 = &self.0[n..];
        out
    }
    fn u8(&mut self) -> u8 {
        self.take::<1>()[0]
    }
    fn u32(&mut self) -> u32 {
        u32::from_le_bytes(self.take())
    }
    fn f64(&mut self) -> f64 {
        f64::from_le_bytes(self.take())
    }
}

fuzz_target!(|data: &[u8]| {
    let mut b = Bytes(data);
    let network = match b.u8() % 8 {
        0 => NetworkSpec::Complete,
        1 => NetworkSpec::RingLattice { degree: b.u32() as usize },
        2 => NetworkSpec::ErdosRenyi { mean_degree: b.f64() },
        3 => NetworkSpec::Gnm { ties: b.u32() as usize },
        4 => NetworkSpec::PlantedPartition { groups: b.u32() as usize, mean_degree: b.f64(), between_share: b.f64() },
        5 => NetworkSpec::WattsStrogatz { degree: b.u32() as usize, rewire: b.f64() },
        6 => NetworkSpec::BarabasiAlbert { attach: b.u32() as usize },
        _ => NetworkSpec::Geometric { mean_degree: b.f64() },
    };
    let mut s = Scenario {
        seed: b.u32(),
        firms: b.u32() as usize,
        network,
        eps: b.f64(),
        dissipation: b.f64(),
        mode: [Mode::Reactive, Mode::Planned, Mode::Hybrid][b.u8() as usize % 3],
        coordinators: b.u32() as usize,
        choice: [Choice::HighestDegree, Choice::Random, Choice::Chosen][b.u8() as usize % 3],
        chosen: (0..b.u8()).map(|_| b.u32()).collect(),
        responsiveness: b.f64(),
        eps_signal: b.f64(),
        reach: [Reach::Partners, Reach::TwoHops, Reach::All][b.u8() as usize % 3],
        intense_share: b.f64(),
        arms_length: b.f64(),
        slips: b.f64(),
        cycle_spread: b.f64(),
        one_pulse_per_event: b.u8() % 2 == 1,
        delta: b.f64(),
    };
    let name = |f: &str| f.to_owned();
    Clamp { notes: Vec::new(), name: &name }.scenario(&mut s);
    assert!(s.validate().is_ok(), "a clamped scenario validates: {:?}", s.validate());
    if let Ok(mut sim) = Simulation::within(&s, &Budget::PAGE) {
        assert!(sim.firm_count() <= Budget::PAGE.firms && sim.ties().len() / 2 <= Budget::PAGE.ties);
        sim.advance(0.5);
    }
});
