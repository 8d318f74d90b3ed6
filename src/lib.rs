//! FibreLab: a training simulator for fibre-optic technicians.
//!
//! The simulation core (`physics`, `scenario`, `exercise`, `grading`, `records`, `i18n`)
//! is pure and free of Bevy; the desktop app (`app`, feature `gui`) is a view of it.
//! The layers and the module contract: docs/architecture.md.

// Nothing a user or a file can influence is unwrapped in the program (its tests may).
#![deny(clippy::unwrap_used, clippy::expect_used)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::expect_used))]

pub mod cli;
pub mod exercise;
pub mod grading;
pub mod i18n;
pub mod limits;
pub mod math;
pub mod physics;
pub mod plot;
pub mod records;
pub mod rng;
pub mod scenario;
pub mod wire;

#[cfg(feature = "gui")]
pub mod app;
pub mod sor;
