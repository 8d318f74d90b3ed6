//! A cable hung between two poles (ROUTING.md §2.2, REFERENCE.md E.3): the horizontal
//! tension for a sag and the sag for a tension, as a parabola (the field's formula,
//! T = w·L²/(8·f)) and as the exact catenary (the "paramètre de la chaînette" p = T/w,
//! f = p·(cosh(L/2p) − 1)); the cable's length; on an inclined span (attachments at two
//! heights), the height and place of the cable's lowest point. SI: m, N, N/m.

use crate::math;

fn cosh(x: f64) -> f64 {
    (math::exp(x) + math::exp(-x)) / 2.0
}

/// Horizontal tension for a mid-span sag, parabola: w·L²/(8·f).
pub fn tension_for_sag_parabola(weight_n_per_m: f64, length_m: f64, sag_m: f64) -> f64 {
    weight_n_per_m * length_m * length_m / (8.0 * sag_m)
}

/// Mid-span sag for a horizontal tension, parabola: w·L²/(8·T).
pub fn sag_for_tension_parabola(weight_n_per_m: f64, length_m: f64, tension_n: f64) -> f64 {
    weight_n_per_m * length_m * length_m / (8.0 * tension_n)
}

/// Mid-span sag for a horizontal tension, catenary: p·(cosh(L/2p) − 1), p = T/w.
pub fn sag_for_tension_catenary(weight_n_per_m: f64, length_m: f64, tension_n: f64) -> f64 {
    let p = tension_n / weight_n_per_m;
    p * (cosh(length_m / (2.0 * p)) - 1.0)
}

/// Horizontal tension for a mid-span sag, catenary: the sag falls as the tension
/// rises, so the tension is found by halving an interval that holds it.
pub fn tension_for_sag_catenary(weight_n_per_m: f64, length_m: f64, sag_m: f64) -> f64 {
    let sag = |t: f64| sag_for_tension_catenary(weight_n_per_m, length_m, t);
    // The parabola's tension is a little low (its sag a little small): start below it.
    let guess = tension_for_sag_parabola(weight_n_per_m, length_m, sag_m);
    let (mut lo, mut hi) = (guess * 0.25, guess * 1.5);
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if sag(mid) > sag_m {
            lo = mid;
        } else {
            hi = mid;
        }
    }
    (lo + hi) / 2.0
}

/// The cable's length between the poles, parabola: L + 8·f²/(3·L).
pub fn arc_length_m(length_m: f64, sag_m: f64) -> f64 {
    length_m + 8.0 * sag_m * sag_m / (3.0 * length_m)
}

/// Where the cable hangs lowest on a span from height `h_a` (at 0) to `h_b` (at L),
/// sagging `sag_m` below the chord at mid-span (parabola): (distance from A, height).
/// When the slope of the chord beats the sag, the lowest point is the lower pole.
pub fn lowest_point(length_m: f64, h_a: f64, h_b: f64, sag_m: f64) -> (f64, f64) {
    let y = |x: f64| {
        h_a + (h_b - h_a) * x / length_m - 4.0 * sag_m * x * (length_m - x) / (length_m * length_m)
    };
    let x = if sag_m > 0.0 {
        (length_m / 2.0 + (h_a - h_b) * length_m / (8.0 * sag_m)).clamp(0.0, length_m)
    } else if h_a <= h_b {
        0.0
    } else {
        length_m
    };
    (x, y(x))
}

/// RTE's default density of ice on a cable, N/m³ (ROUTING §2.2; range 2000–9500): a
/// teaching default, the scenario's climatic hypotheses may give another.
pub const ICE_DENSITY_N_PER_M3: f64 = 6000.0;

/// A cable's loads per metre under a climatic hypothesis (ROUTING §2.2).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ApparentWeight {
    /// Ice sleeve's weight, ρ·π·e·(e + D), N/m.
    pub ice_n_per_m: f64,
    /// Wind on the iced cable, P·(D + 2e), N/m.
    pub wind_n_per_m: f64,
    /// √((Q_ice + λ)² + Q_w²), N/m.
    pub resultant_n_per_m: f64,
    /// The load coefficient, resultant over own weight.
    pub coefficient: f64,
    /// The load's angle from the vertical, degrees.
    pub angle_deg: f64,
}

/// The apparent weight of a cable of own weight `w` (N/m) and diameter `d` (m) with
/// `ice_m` of radial ice of density `ice_n_per_m3` in a wind pressing `wind_pa`.
pub fn apparent_weight(
    w: f64,
    d: f64,
    ice_m: f64,
    ice_n_per_m3: f64,
    wind_pa: f64,
) -> ApparentWeight {
    let ice = ice_n_per_m3 * std::f64::consts::PI * ice_m * (ice_m + d);
    let wind = wind_pa * (d + 2.0 * ice_m);
    let r = math::hypot(ice + w, wind);
    ApparentWeight {
        ice_n_per_m: ice,
        wind_n_per_m: wind,
        resultant_n_per_m: r,
        coefficient: r / w,
        angle_deg: math::atan2(wind, ice + w).to_degrees(),
    }
}

/// The horizontal tension after a change of state, by the parabolic equation
/// T2²·[T2 − T1 + E·A·w1²·L²/(24·T1²) + E·A·α·Δθ] = E·A·w2²·L²/24: from tension `t1`
/// under weight `w1`, to weight `w2` and `dtheta_k` degrees warmer (negative: colder),
/// for a cable of axial stiffness `ea_n` and expansion `alpha_per_k`.
#[allow(clippy::too_many_arguments)]
pub fn change_of_state(
    length_m: f64,
    w1: f64,
    t1: f64,
    w2: f64,
    ea_n: f64,
    alpha_per_k: f64,
    dtheta_k: f64,
) -> f64 {
    let l2 = length_m * length_m;
    let c = t1 - ea_n * w1 * w1 * l2 / (24.0 * t1 * t1) - ea_n * alpha_per_k * dtheta_k;
    let k = ea_n * w2 * w2 * l2 / 24.0;
    // T²(T − c) − K rises through 0 once for T > 0: halve an interval that holds it.
    let f = |t: f64| t * t * (t - c) - k;
    let mut hi = t1.max(1.0);
    while f(hi) < 0.0 && hi < 1e12 {
        hi *= 2.0;
    }
    let mut lo = 0.0;
    for _ in 0..200 {
        let mid = (lo + hi) / 2.0;
        if f(mid) > 0.0 {
            hi = mid;
        } else {
            lo = mid;
        }
    }
    (lo + hi) / 2.0
}

/// The ruling span of a section (portée équivalente): √(ΣL³ / ΣL).
pub fn ruling_span_m(spans_m: &[f64]) -> f64 {
    let cube: f64 = spans_m.iter().map(|l| l * l * l).sum();
    let sum: f64 = spans_m.iter().sum();
    if sum > 0.0 { (cube / sum).sqrt() } else { 0.0 }
}
