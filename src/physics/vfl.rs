//! The visual fault locator (issue 13, point 3): red light (650 nm) sent down the fibre
//! leaks where the fibre is broken, bent too tight or badly spliced, and shows there if
//! enough of it comes out, through what covers the fibre. **Teaching values** [U]: the
//! fibre's loss at 650 nm, the eye's threshold in a lit room and what a jacket lets
//! through were not found in REFERENCE; they are chosen so that a 1 mW locator finds a
//! break through a drop's jacket over a couple of kilometres and a bare fibre's break
//! up to about 4 km, as makers say ("a few km").

/// A class 2 locator's power, dBm (1 mW).
pub const VFL_POWER_DBM: f64 = 0.0;
/// Single-mode fibre's loss at 650 nm, dB/km.
pub const ATTENUATION_650_DB_PER_KM: f64 = 8.0;
/// The red light's wavelength, nm.
pub const WAVELENGTH_NM: f64 = 650.0;
/// The least power leaking out that an eye sees, dBm.
pub const VISIBLE_DBM: f64 = -35.0;

/// What covers the fibre where it leaks.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Covering {
    /// Bare fibre or its coloured coating (in a tray, a closure).
    Bare,
    /// A drop cable's or a patch cord's jacket: the glow shows through, dimmed.
    Jacket,
    /// A loose-tube cable's sheath, armour: nothing shows.
    Opaque,
}

impl Covering {
    /// What the covering takes from the glow, dB; none shows through an opaque one.
    pub fn dims_db(self) -> Option<f64> {
        match self {
            Covering::Bare => Some(0.0),
            Covering::Jacket => Some(8.0),
            Covering::Opaque => None,
        }
    }
}

/// The red power reaching `at_m` from the locator, past earlier losses `before_db`, dBm.
pub fn power_at_dbm(at_m: f64, before_db: f64) -> f64 {
    VFL_POWER_DBM - ATTENUATION_650_DB_PER_KM * at_m / 1000.0 - before_db
}

/// The glow seen at an event of `loss_db` (a break: all of it) at `at_m`, under
/// `covering`, dBm; none through an opaque covering.
pub fn glow_dbm(
    at_m: f64,
    before_db: f64,
    loss_db: Option<f64>,
    covering: Covering,
) -> Option<f64> {
    let dims = covering.dims_db()?;
    let p = power_at_dbm(at_m, before_db);
    // The share of the light that leaves the fibre there.
    let leak = match loss_db {
        None => 1.0,
        Some(l) => 1.0 - crate::math::pow10(-l / 10.0),
    };
    if leak <= 0.0 {
        return None;
    }
    Some(p + 10.0 * crate::math::log10(leak) - dims)
}

/// Whether the trainee sees the glow.
pub fn visible(glow_dbm: Option<f64>) -> bool {
    glow_dbm.is_some_and(|g| g >= VISIBLE_DBM)
}
