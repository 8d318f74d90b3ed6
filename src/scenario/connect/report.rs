//! The intervention report's task ("compte rendu d'intervention").

use serde::{Deserialize, Serialize};

/// Fill the intervention report: the line's identifier and the PBO's reference as the
/// work order gives them, the level measured at the outlet at 1490 nm, and the verdict.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReportTask {
    pub line_id: String,
    pub pbo: String,
}
