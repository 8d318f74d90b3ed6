//! Distances to keep (ROUTING.md §2.1 and §4): from bare power conductors while working
//! (arrêté du 5 juillet 2024, art. 2–3: 3 m up to 50 kV, 5 m above, counting swings, sag
//! and the tools' reach), and from a span's lowest point to a road under it.

/// No approach closer than this to a bare conductor of at most 50 kV, m (arrêté du
/// 5 juillet 2024; confirmed regulation).
pub const APPROACH_LV_M: f64 = 3.0;
/// Above 50 kV and up to 500 kV, m (same arrêté).
pub const APPROACH_HV_M: f64 = 5.0;
/// The voltage that separates the two distances, kV.
pub const APPROACH_SPLIT_KV: f64 = 50.0;
/// Works within this distance of a bare line need an electrical risk analysis, m.
pub const RISK_ANALYSIS_M: f64 = 50.0;
/// A telecom cable's lowest point over a road, m (NF EN 50174-3 via Promotelec; other
/// sources say 6 m: a teaching value, ROUTING §8).
pub const ROAD_CLEARANCE_M: f64 = 5.5;

/// The distance to keep from a power line of `voltage_kv`; none for an insulated
/// (twisted) line, which must still never be touched.
pub fn approach_limit_m(voltage_kv: f64, bare: bool) -> Option<f64> {
    if !bare {
        return None;
    }
    Some(if voltage_kv <= APPROACH_SPLIT_KV {
        APPROACH_LV_M
    } else {
        APPROACH_HV_M
    })
}

/// Whether work at `distance_m` from a line, with a tool or a swing reaching `reach_m`
/// further, keeps the distance: the reach counts toward it.
pub fn approach_kept(distance_m: f64, reach_m: f64, voltage_kv: f64, bare: bool) -> bool {
    approach_limit_m(voltage_kv, bare).is_none_or(|limit| distance_m - reach_m >= limit)
}
