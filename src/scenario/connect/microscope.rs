//! The microscope's task: the connectors to inspect (IEC 61300-3-35).

use serde::{Deserialize, Serialize};

/// Inspect these connectors (both faces), clean what needs it, judge each face by
/// IEC 61300-3-35, connect the ones that pass and send the damaged ones to be replaced.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct InspectTask {
    pub connectors: Vec<String>,
}
