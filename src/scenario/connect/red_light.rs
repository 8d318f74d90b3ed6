//! The red light's tasks: find the fault (a unit task, `LocateFault`), pick out the
//! link's fibre at end B.

use serde::{Deserialize, Serialize};

/// Identify the link's fibre at end B among the `fibres` ends there (a tube at the PBO)
/// with the red light sent in at end A: which one the seed draws.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IdentifyTask {
    pub fibres: u32,
}
