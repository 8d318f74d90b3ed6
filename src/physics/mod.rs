//! Pure optics and mechanics. No Bevy, no I/O, no randomness of its own.

pub mod analysis;
pub mod blowing;
pub mod cable;
pub mod clearance;
pub mod cleave;
pub mod duct;
pub mod endface;
pub mod fibre;
pub mod handling;
pub mod hardware;
pub mod link;
pub mod markers;
pub mod olts;
pub mod otdr;
pub mod pole;
pub mod pulling;
pub mod span;
pub mod splice;
pub mod trench;
pub mod vfl;
