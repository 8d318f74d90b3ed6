//! Wind, ice and cold on a span (issue 11, point 1, aerial): the apparent weight and the
//! change of state, against the worked numbers of ROUTING.md §2.2 (checked there by
//! script, and here by hand where the arithmetic is short).

use fibrelab::physics::span::{
    ICE_DENSITY_N_PER_M3, apparent_weight, change_of_state, ruling_span_m,
    sag_for_tension_parabola, tension_for_sag_parabola,
};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

/// ROUTING's base case: 50 m, 0.981 N/m, 0.5 m sag at rest (613.1 N).
const L: f64 = 50.0;
const W: f64 = 0.981;

fn t1() -> f64 {
    tension_for_sag_parabola(W, L, 0.5)
}

#[test]
fn wind_on_a_bare_10_mm_cable() {
    // 480 Pa on 10 mm: 4.80 N/m; with 0.981 N/m: √(0.981² + 4.8²) = 4.899 N/m, k = 5.0,
    // the load 78.4° from the vertical (atan(4.8 / 0.981)).
    let a = apparent_weight(W, 0.010, 0.0, ICE_DENSITY_N_PER_M3, 480.0);
    assert!(close(a.wind_n_per_m, 4.80, 1e-12) && a.ice_n_per_m == 0.0);
    assert!(close(a.resultant_n_per_m, 4.899, 0.001));
    assert!(close(a.coefficient, 5.0, 0.01));
    assert!(close(a.angle_deg, 78.45, 0.05));
    // ROUTING: T2 ≈ 1031 N (E·A = 2×10⁵ N), 897 N (10⁵), 1263 N (5×10⁵); sag ≈ 1.49 m.
    for (ea, t2) in [(2e5, 1031.0), (1e5, 897.0), (5e5, 1263.0)] {
        let t = change_of_state(L, W, t1(), a.resultant_n_per_m, ea, 0.0, 0.0);
        assert!(close(t, t2, 1.0), "E·A {ea}: {t} N, ROUTING {t2}");
    }
    let t = change_of_state(L, W, t1(), a.resultant_n_per_m, 2e5, 0.0, 0.0);
    assert!(close(
        sag_for_tension_parabola(a.resultant_n_per_m, L, t),
        1.49,
        0.01
    ));
}

#[test]
fn ice_and_wind_and_cold() {
    // 10 mm of ice on 10 mm: 6000 × π × 0.01 × 0.02 = 3.770 N/m; wind on 30 mm:
    // 480 × 0.03 = 14.4 N/m; √((3.770 + 0.981)² + 14.4²) = 15.16 N/m; ROUTING: 1.89 kN.
    let a = apparent_weight(W, 0.010, 0.010, ICE_DENSITY_N_PER_M3, 480.0);
    assert!(close(a.ice_n_per_m, 3.770, 0.001));
    assert!(close(a.wind_n_per_m, 14.4, 1e-9));
    assert!(close(a.resultant_n_per_m, 15.16, 0.01));
    let t = change_of_state(L, W, t1(), a.resultant_n_per_m, 2e5, 0.0, 0.0);
    assert!(close(t, 1890.0, 10.0), "{t}");
    // 30 K colder, α = 10⁻⁵ /K, no load: ROUTING ≈ 665 N.
    let t = change_of_state(L, W, t1(), W, 2e5, 1e-5, -30.0);
    assert!(close(t, 665.0, 1.0), "{t}");
    // Nothing changes: the tension stays.
    assert!(close(
        change_of_state(L, W, t1(), W, 2e5, 1e-5, 0.0),
        t1(),
        1e-6
    ));
}

#[test]
fn the_ruling_span_of_a_section() {
    // 30, 40 and 50 m: √((27 000 + 64 000 + 125 000) / 120) = √1800 = 42.43 m.
    assert!(close(ruling_span_m(&[30.0, 40.0, 50.0]), 42.426, 0.001));
    assert_eq!(ruling_span_m(&[35.0]), 35.0);
}
