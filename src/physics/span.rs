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
