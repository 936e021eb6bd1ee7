//! Runs without frames: to synchrony (an experiment's run), a layout all
//! at once, and the digest of a run's first releases.

use crate::error::FieldError;
use crate::layout::{as_f32, layout};
use crate::model::engine::{Engine, Release};
use crate::model::measures::{Bursts, Synchrony};
use crate::scenario::check::Checked;

/// Runs `engine` from release to release, measuring its bursts, until
/// synchrony is reached and held or until `cap` cycles: a simulation's own
/// run, and an experiment's (which needs no frames, layout or statistics).
pub fn run_until_synchrony(
    engine: &mut Engine,
    bursts: &mut Bursts,
    cap: f64,
) -> Option<Synchrony> {
    while bursts.synchrony().is_none() && engine.time() < cap {
        let t = engine.next_release_time().min(cap);
        engine.advance_to(t, &mut |r| bursts.record(&r));
        bursts.settle(t);
    }
    bursts.synchrony()
}

/// The force-directed layout of `scenario`'s network (whatever its size),
/// as `x0, y0, ...`, all at once.
pub fn force_layout(scenario: &Checked) -> Result<Vec<f32>, FieldError> {
    let built = scenario.build()?;
    Ok(as_f32(&layout(
        &built.setup.network,
        built.places.as_deref(),
        scenario.seed,
    )))
}

/// FNV-1a digest of the first `events` releases (firm, then time bits):
/// equal digests on two platforms mean identical release sequences.
pub fn release_digest(scenario: &Checked, events: usize) -> Result<u64, FieldError> {
    let mut engine = Engine::new(scenario.build()?.setup);
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    let mut seen = 0;
    while seen < events && engine.next_release_time().is_finite() {
        engine.run_instant(&mut |r: Release| {
            if seen < events {
                for byte in r
                    .firm
                    .to_le_bytes()
                    .into_iter()
                    .chain(r.time.to_bits().to_le_bytes())
                {
                    hash = (hash ^ byte as u64).wrapping_mul(0x0000_0100_0000_01b3);
                }
                seen += 1;
            }
        });
    }
    Ok(hash)
}
