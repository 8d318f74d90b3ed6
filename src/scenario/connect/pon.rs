//! The PON power meter's task: the operator's levels at the outlet.

use serde::{Deserialize, Serialize};

/// Read the operator's levels at the outlet (end B) with a PON power meter and say
/// whether each is inside its window.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PonTask {
    pub levels: Vec<PonLevel>,
}

/// A downstream signal at the outlet: its wavelength, the level the OLT (or the video
/// amplifier) sends at end A, and the operator's window at the outlet, dBm.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PonLevel {
    pub wavelength_nm: f64,
    pub olt_dbm: f64,
    pub min_dbm: f64,
    pub max_dbm: f64,
}
