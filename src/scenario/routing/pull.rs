//! The pull: the cable pulled through the ducts from the route's first chamber to its
//! last (ROUTING §3).

use serde::{Deserialize, Serialize};

use crate::scenario::Varying;

/// Pull the cable through the ducts, from the first chamber to the last.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PullTask {
    /// Friction without and with lubricant.
    pub mu_dry: Varying<f64>,
    pub mu_lubricated: Varying<f64>,
    /// The drum's braking, N.
    pub back_tension_n: f64,
    /// The sidewall pressure the cable bears at a bend, N/m.
    pub sidewall_max_n_per_m: f64,
}
