//! A run's whole state at a moment, as a checkpoint saves it: the engine's,
//! the measures' (bursts, releases per firm) and what event detection
//! carries on. Restoring it puts the run back at that moment.

use super::events::{Detector, Events};
use super::rewind::{Counted, Saved};
use crate::model::engine::{Engine, EngineState};
use crate::model::measures::Bursts;

#[derive(Debug)]
pub struct State {
    engine: EngineState,
    bursts: Bursts,
    release_counts: Vec<u32>,
    detector: Detector,
}

impl State {
    /// The state now, into `spare`'s buffers when given.
    pub fn of(
        engine: &Engine,
        bursts: &Bursts,
        release_counts: &[u32],
        events: &Events,
        spare: Option<State>,
    ) -> State {
        match spare {
            Some(mut state) => {
                engine.save_into(&mut state.engine);
                state.bursts.clone_from(bursts);
                state.release_counts.clear();
                state.release_counts.extend_from_slice(release_counts);
                state.detector.clone_from(&events.detector);
                state
            }
            None => State {
                engine: engine.state(),
                bursts: bursts.clone(),
                release_counts: release_counts.to_vec(),
                detector: events.detector.clone(),
            },
        }
    }

    /// Puts the run back at this state.
    pub fn restore(
        &self,
        engine: &mut Engine,
        bursts: &mut Bursts,
        release_counts: &mut [u32],
        events: &mut Events,
    ) {
        engine.restore(&self.engine);
        bursts.clone_from(&self.bursts);
        release_counts.copy_from_slice(&self.release_counts);
        events.detector.clone_from(&self.detector);
    }
}

impl Saved for State {
    fn bytes(&self) -> usize {
        self.engine.bytes()
            + self.bursts.bytes()
            + self.release_counts.len() * 4
            + self.detector.bytes()
    }
}

impl Counted for State {
    fn releases(&self) -> u64 {
        self.engine.release_count()
    }
}
