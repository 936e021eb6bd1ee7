//! Lockstep: how product-release rhythms synchronize across a network of
//! firms. The firefly model (Mirollo and Strogatz 1990) on alliance networks,
//! with coordinators who plan and signal a rhythm (Davis 2013).
//!
//! The core is pure Rust and knows nothing of the browser; `wasm` is the one
//! module that does.

// The wings, in the order data flows through them: each uses only the
// ones above it (tests/architecture.rs checks this).

// A field and what is wrong with it: the one error of every reader.
pub mod error;
// Seeded random streams, the same on every platform.
pub mod seeded;
// Alliance networks: the graph, its generators, imported edge lists, statistics.
pub mod network;
// The firefly model: state function, event-driven engine, measures of synchrony.
pub mod model;
// Scenarios: every parameter once (the table), clamping, sizes, building a run.
pub mod scenario;
// Where firms are drawn: subgroup discs, places, force-directed layouts.
pub mod layout;
// A scenario running, with the frame buffers a front end reads in place.
pub mod simulation;
// Ensembles and sweeps over seeds, their rows, summaries and sentences.
pub mod experiments;
// The page's whole state as a link or a file, read from hostile input.
pub mod share;
// Every limit the page states, gathered for the binding and the CLI.
pub mod limits;
// The one binding to JavaScript: it converts, it does not compute.
#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use error::FieldError;
pub use model::engine::{Cause, Engine, Release};
pub use network::generators::NetworkSpec;
pub use scenario::{Choice, Mode, Reach, Scenario};
pub use simulation::{Simulation, release_digest};
