//! The model: the state function, the event-driven engine with its
//! schedule of due releases, and the measures of synchrony fed by its
//! releases. It knows networks and nothing of scenarios or pages.

pub mod dynamics;
pub mod engine;
pub mod measures;
pub mod schedule;
