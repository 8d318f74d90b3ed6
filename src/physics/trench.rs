//! A trench for telecom ducts (ROUTING.md §3.3, Objectif Fibre guide after NF P 98-331):
//! the cover over the duct by zone, the sand bed, the green warning mesh 0.20–0.30 m
//! above the duct, and the spacing to a low-voltage cable.

/// Where the trench runs; each zone has its minimum cover over the duct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Zone {
    Farmland,
    /// Under a road open to cars.
    Road,
    /// Under a pavement or a road's shoulder.
    Pavement,
    Other,
}

impl Zone {
    /// The minimum cover over the top of the duct, m.
    pub fn min_cover_m(self) -> f64 {
        match self {
            Zone::Farmland => 1.0,
            Zone::Road => 0.85,
            Zone::Pavement => 0.65,
            Zone::Other => 0.50,
        }
    }
}

/// Sand under the duct, m.
pub const SAND_BED_M: f64 = 0.05;
/// Sand beside and over the duct, m.
pub const SAND_SURROUND_M: f64 = 0.10;
/// The warning mesh lies this far above the top of the duct, m (NF T 54-080).
pub const MESH_ABOVE_DUCT_M: (f64, f64) = (0.20, 0.30);
/// Spacing to a parallel low-voltage cable: telecom in a duct, and buried directly, m.
pub const LV_SPACING_DUCT_M: f64 = 0.20;
pub const LV_SPACING_DIRECT_M: f64 = 0.50;

/// The warning mesh's colour (NF P 98-332, NF EN 12613): green for telecom.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum MeshColour {
    Green,
    Red,
    Yellow,
    Blue,
    Brown,
}

/// The trench's bottom, at least: the cover, the duct and its sand bed, m.
pub fn min_trench_bottom_m(zone: Zone, duct_od_m: f64) -> f64 {
    zone.min_cover_m() + duct_od_m + SAND_BED_M
}

/// Where the mesh goes, as depths below the surface (shallowest, deepest), with the duct
/// at its minimum cover.
pub fn mesh_band_m(zone: Zone) -> (f64, f64) {
    let c = zone.min_cover_m();
    (c - MESH_ABOVE_DUCT_M.1, c - MESH_ABOVE_DUCT_M.0)
}
