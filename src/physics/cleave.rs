//! The cleave (REFERENCE B.2): the end-face angle and defects a precision cleaver gives,
//! from its state (blade wear, fibre tension), where the fibre sits in its clamp, and what
//! lies under the clamp. Like the fusion model, it computes from draws it is handed.

use serde::{Deserialize, Serialize};

use super::splice::EndDefect;
use crate::rng::SimRng;

/// Cleaver fibre tension. Too high gives hackle, too low gives lips and chips
/// (REFERENCE.md B.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tension {
    Low,
    #[default]
    Nominal,
    High,
}

/// One cleave: the end-face angle and defects, drawn from the cleaver's state. The angle
/// is half-normal, its spread growing with blade wear, a mis-set tension and a fibre held
/// outside the clamping range (too close to the blade, or sagging and vibrating); residue
/// under the clamp tilts the fibre. Lips and chips come with wear and a low tension,
/// hackle with a high one. The spreads and odds are teaching values fitted to the shape
/// of B.2 [U].
pub fn cleave_end(
    rng: &mut SimRng,
    wear: f64,
    tension: Tension,
    off_range_mm: f64,
    residue: bool,
) -> (f64, Vec<EndDefect>) {
    let mut sigma = 0.25 + 1.1 * wear;
    if tension != Tension::Nominal {
        sigma += 0.3;
    }
    sigma += 0.12 * off_range_mm;
    let mut angle = rng.gauss(sigma).abs();
    if residue {
        angle += 0.4;
    }
    let mut defects = Vec::new();
    let hackle_p = 0.01 + if tension == Tension::High { 0.45 } else { 0.0 };
    let lip_p =
        0.01 + 0.3 * wear + if tension == Tension::Low { 0.35 } else { 0.0 } + 0.03 * off_range_mm;
    let chip_p = 0.01 + 0.3 * wear * wear + 0.03 * off_range_mm;
    if rng.chance(hackle_p) {
        defects.push(EndDefect::Hackle);
    }
    if rng.chance(lip_p) {
        defects.push(EndDefect::Lip);
    }
    if rng.chance(chip_p) {
        defects.push(EndDefect::Chip);
    }
    (angle, defects)
}

/// How far a cleave length lies outside the cleaver's clamping range, mm: about 8–20 mm
/// of bare glass for 250 µm fibre, 10–25 mm for 900 µm buffered fibre (REFERENCE.md B.5
/// gives 10 mm and 16 mm as the usual settings; the range around them is an estimate).
pub fn cleave_off_range_mm(length_mm: f64, tight_buffered: bool) -> f64 {
    let (lo, hi) = if tight_buffered {
        (10.0, 25.0)
    } else {
        (8.0, 20.0)
    };
    (lo - length_mm).max(0.0) + (length_mm - hi).max(0.0)
}
