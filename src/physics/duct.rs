//! Cables in a duct (ROUTING.md §1 E.6 and E.1): how full the duct is, as the diameter
//! and area ratios the makers give, and the bend radius a cable allows, at rest and
//! under tension. Teaching values, marked: sources disagree on fill (ROUTING §1 and §9);
//! these are the ones ROUTING recommends.

/// Blowing (Nexans): the cable fills 30 % to 50 % of the duct's area, i.e. its
/// diameter is 0.55 to 0.7 of the duct's inside diameter.
pub const BLOWING_AREA_FILL: (f64, f64) = (0.30, 0.50);
/// Pulling: above this share of the area, no cable goes in (NEC, one cable: 53 %).
pub const PULLING_MAX_AREA_FILL: f64 = 0.53;
/// The smallest bend radius as multiples of the cable's diameter (REFERENCE E.1), when
/// the maker gives none: at rest, and under pulling tension.
pub const BEND_STATIC_X_OD: f64 = 10.0;
pub const BEND_LOADED_X_OD: f64 = 20.0;

/// How full a duct of inside diameter `id_m` is with cables of diameters `ods_m`: the
/// largest cable's diameter ratio, and the area ratio of them all.
pub fn fill(id_m: f64, ods_m: &[f64]) -> (f64, f64) {
    let largest = ods_m.iter().copied().fold(0.0, f64::max);
    let area: f64 = ods_m.iter().map(|d| d * d).sum();
    (largest / id_m, area / (id_m * id_m))
}

/// Whether a fill suits blowing (within the makers' window) and pulling (under the
/// upper bound).
pub fn fill_suits(area_ratio: f64) -> (bool, bool) {
    let (lo, hi) = BLOWING_AREA_FILL;
    (
        (lo..=hi).contains(&area_ratio),
        area_ratio <= PULLING_MAX_AREA_FILL,
    )
}

/// The smallest bend radius of a cable of diameter `od_m`, m: the maker's when given,
/// else 10 × OD at rest and 20 × OD under tension.
pub fn min_bend_radius_m(od_m: f64, under_tension: bool, maker_m: Option<f64>) -> f64 {
    maker_m.unwrap_or(
        od_m * if under_tension {
            BEND_LOADED_X_OD
        } else {
            BEND_STATIC_X_OD
        },
    )
}
