//! Pure optics and mechanics. No Bevy, no I/O, no randomness of its own.

pub mod analysis;
pub mod cable;
pub mod fibre;
pub mod link;
pub mod markers;
pub mod otdr;
pub mod splice;
