//! Blowing a cable into a duct ("portage", "soufflage"): a **teaching model**
//! (ROUTING.md §3.8 says no closed formula exists; Griffioen's theory was not read).
//! The reach grows with the air pressure, is best with the cable filling 30–50 % of the
//! duct, and shrinks with every change of direction. Calibrated so that 10 bar, 40 %
//! fill and a gently bending route (two right angles' worth of bends) reach about
//! 1.8 km, within the makers' 1–2 km per shot.

use super::duct::BLOWING_AREA_FILL;

/// Reach per bar on a straight route in the fill window, m (calibration above).
pub const REACH_M_PER_BAR: f64 = 216.0;
/// Each 90° of bends divides the reach by 1 + this.
pub const BEND_PENALTY_PER_RIGHT_ANGLE: f64 = 0.1;
/// Below the window, the reach falls linearly to this share at an empty duct.
pub const LOOSE_FLOOR: f64 = 0.6;
/// Above the window, the cable jams: the reach falls to nothing this far above it.
pub const JAM_MARGIN: f64 = 0.10;
/// The duct is pressure-tested at this before blowing, bar (Orange CCTP 1593: 1.4 MPa).
pub const DUCT_TEST_BAR: f64 = 14.0;

/// How the fill suits blowing.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum BlowFill {
    /// Under 30 %: it blows, less far.
    Loose,
    Window,
    /// Over 50 %: refused (Nexans).
    TooFull,
}

pub fn blow_fill(area_ratio: f64) -> BlowFill {
    let (lo, hi) = BLOWING_AREA_FILL;
    if area_ratio > hi {
        BlowFill::TooFull
    } else if area_ratio < lo {
        BlowFill::Loose
    } else {
        BlowFill::Window
    }
}

/// The distance one shot reaches at `pressure_bar`, with the cable filling `area_ratio`
/// of the duct and `bends_deg` degrees of bends in all along the route, m.
pub fn reach_m(pressure_bar: f64, area_ratio: f64, bends_deg: f64) -> f64 {
    let (lo, hi) = BLOWING_AREA_FILL;
    let fill = if area_ratio < lo {
        LOOSE_FLOOR + (1.0 - LOOSE_FLOOR) * area_ratio.max(0.0) / lo
    } else if area_ratio > hi {
        (1.0 - (area_ratio - hi) / JAM_MARGIN).max(0.0)
    } else {
        1.0
    };
    let bends = 1.0 + BEND_PENALTY_PER_RIGHT_ANGLE * bends_deg.abs() / 90.0;
    REACH_M_PER_BAR * pressure_bar.max(0.0) * fill / bends
}
