//! Pure optics and mechanics. No Bevy, no I/O, no randomness of its own.

pub mod cable;
