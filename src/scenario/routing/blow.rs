//! Blowing a cable into a microduct (ROUTING R-10).

use serde::{Deserialize, Serialize};

/// Choose the cable for a microduct and the way to lay it, then blow it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BlowTask {
    /// The duct's inside diameter, mm.
    pub duct_id_mm: f64,
    /// The cables offered, by diameter, mm.
    pub cables_mm: Vec<f64>,
    /// The route's length, m, and its bends in all, degrees.
    pub length_m: f64,
    pub bends_deg: f64,
    /// The compressor's highest pressure, bar.
    pub max_pressure_bar: f64,
}
