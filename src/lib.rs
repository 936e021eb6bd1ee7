//! Lockstep: how product-release rhythms synchronize across a network of
//! firms. The firefly model (Mirollo and Strogatz 1990) on alliance networks,
//! with coordinators who plan and signal a rhythm (Davis 2013).
//!
//! The core is pure Rust and knows nothing of the browser; `wasm` is the one
//! module that does.

pub mod build;
pub mod clamp;
pub mod csv;
pub mod dynamics;
pub mod edgelist;
pub mod engine;
pub mod error;
pub mod experiments;
pub mod generators;
pub mod imported;
pub mod layout;
pub mod limits;
pub mod link;
pub mod measures;
pub mod network;
pub mod packed;
pub mod params;
mod quadtree;
pub mod scenario;
pub mod schedule;
pub mod seeded;
pub mod share;
pub mod simulation;
pub mod size;
pub mod stats;

#[cfg(target_arch = "wasm32")]
pub mod wasm;

pub use engine::{Cause, Engine, Release};
pub use error::FieldError;
pub use generators::NetworkSpec;
pub use scenario::{Choice, Mode, Reach, Scenario};
pub use simulation::{Simulation, release_digest};
