//! The field connector's task.

use serde::{Deserialize, Serialize};

use crate::physics::fibre::FibreType;

/// Fit a field-installable (mechanical) connector on the fibre at the link's end
/// `connector`: strip, clean, cleave to the connector's gauge, push the fibre in until it
/// bows against the factory stub, crimp. Until then no light goes through.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FitConnectorTask {
    pub connector: String,
    /// The cleave length the connector is made for, mm.
    pub gauge_mm: f64,
    /// The field fibre.
    #[serde(default = "drop_fibre")]
    pub fibre: FibreType,
}

fn drop_fibre() -> FibreType {
    FibreType::G657A2
}
