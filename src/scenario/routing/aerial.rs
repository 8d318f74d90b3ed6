//! The aerial tasks: the poles checked before climbing, the hardware of the line, a span
//! tensioned to its sag, the poles' load study (ROUTING §2).

use serde::{Deserialize, Serialize};

use crate::physics::hardware::MAX_SUSPENSIONS_IN_ROW;

/// Check these poles before climbing: inspect each, fill its card, decide.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckPolesTask {
    pub poles: Vec<String>,
    /// How far a tool or a swing reaches past the working point, m.
    #[serde(default = "default_reach")]
    pub tool_reach_m: f64,
}

/// Choose anchor or suspension at every pole of the line.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HardwareTask {
    #[serde(default = "default_max_suspensions")]
    pub max_suspensions_in_row: u32,
}

/// Tension span `span` (1 = first) to its target sag, percent of its length.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TensionTask {
    pub span: usize,
    pub sag_pct: f64,
}

/// The load study of these poles with the new cable ("calcul de charge"): read each
/// pole's utilisation, then accept it, guy it, strengthen it or refuse it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoleStudyTask {
    pub poles: Vec<String>,
    /// The new cable's horizontal tension, N.
    pub tension_n: f64,
    /// The climatic hypothesis (1 = first) whose wind the study takes.
    pub hypothesis: usize,
    /// The strongest guy the crew can fit, N.
    pub guy_max_n: f64,
}

fn default_reach() -> f64 {
    0.5
}

fn default_max_suspensions() -> u32 {
    MAX_SUSPENSIONS_IN_ROW
}
