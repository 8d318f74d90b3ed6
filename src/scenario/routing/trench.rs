//! The trench (ROUTING §3.3, R-12).

use serde::{Deserialize, Serialize};

use crate::physics::trench::Zone;

/// Dig the trench zone by zone, lay the duct and its warning mesh, keep away from a
/// parallel low-voltage cable.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrenchTask {
    pub zones: Vec<Zone>,
    /// The duct's outside diameter, mm.
    pub duct_od_mm: f64,
    /// The telecom cable is buried directly, with no duct (`duct_od_mm` is then the
    /// cable's): 0.50 m from a parallel low-voltage cable, else 0.20 m (the duct).
    pub direct_buried: bool,
    /// The duct rises up a pole at the end: build the aerial-to-underground transition
    /// (PBO, guard, anchor and blocking loop).
    #[serde(default)]
    pub transition: bool,
}
