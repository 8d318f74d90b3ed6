//! Opening a chamber (Telenco SMART, IISR; ROUTING R-11).

use serde::{Deserialize, Serialize};

/// Open this chamber and secure the site; `enter`: the work needs going in.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenChamberTask {
    pub chamber: String,
    pub enter: bool,
}
