//! The light source and power meter's tasks: the loss budget (REFERENCE D.4), and the
//! insertion loss measured by a reference method.

use serde::{Deserialize, Serialize};

use crate::physics::olts::RefMethod;

/// Work out the link's loss budget before measuring, at each wavelength.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BudgetTask {
    /// Fibre attenuation per wavelength: (nm, dB/km).
    pub attenuation_db_per_km: Vec<(f64, f64)>,
    pub splice_db: f64,
    pub connector_db: f64,
    #[serde(default)]
    pub margin_db: f64,
}

/// Set the reference by `method`, then measure the link's insertion loss at each
/// wavelength and say whether it passes (under `max_loss_db`, or the budget).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MeasureTask {
    pub method: RefMethod,
    pub wavelengths_nm: Vec<f64>,
    #[serde(default)]
    pub max_loss_db: Option<f64>,
}
