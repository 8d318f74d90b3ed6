//! The splice physics' unit tests.

use super::*;

fn close(a: f64, b: f64, tol: f64) {
    assert!((a - b).abs() <= tol, "{a} vs {b} (±{tol})");
}

#[test]
fn lateral_offset_matches_the_reference_table() {
    // REFERENCE B.1, w = 4.6 µm at 1310 nm.
    for (d, l) in [
        (0.25, 0.013),
        (0.5, 0.051),
        (1.0, 0.205),
        (1.5, 0.46),
        (2.0, 0.82),
    ] {
        close(
            coupling_loss_db(4.6, 4.6, d, 0.0, N_FUSED, 1310.0),
            l,
            0.006,
        );
    }
    // And the closed form 4.343·(d/w)².
    close(
        coupling_loss_db(4.6, 4.6, 1.0, 0.0, N_FUSED, 1310.0),
        DB_PER_NEPER / math::sq(4.6),
        1e-12,
    );
}

#[test]
fn tilt_matches_the_reference_table() {
    for (deg, l1310, l1550) in [
        (0.25, 0.021, 0.020),
        (0.5, 0.086, 0.078),
        (1.0, 0.34, 0.31),
        (2.0, 1.37, 1.25),
    ] {
        let t = f64::to_radians(deg);
        close(
            coupling_loss_db(4.6, 4.6, 0.0, t, N_FUSED, 1310.0),
            l1310,
            0.006 * deg.max(1.0),
        );
        close(
            coupling_loss_db(5.2, 5.2, 0.0, t, N_FUSED, 1550.0),
            l1550,
            0.006 * deg.max(1.0),
        );
    }
}

#[test]
fn mode_field_mismatch_matches_the_reference_table() {
    for (a, b, l) in [
        (9.2, 8.6, 0.020),
        (9.2, 8.8, 0.009),
        (9.2, 9.0, 0.002),
        (10.4, 9.6, 0.028),
        (9.2, 10.4, 0.065),
    ] {
        close(
            coupling_loss_db(a / 2.0, b / 2.0, 0.0, 0.0, N_FUSED, 1310.0),
            l,
            0.0015,
        );
    }
}

#[test]
fn a_gap_in_air_costs_more_than_in_gel() {
    let air = gap_loss_db(4.6, 20.0, 1.0, 1310.0);
    let gel = gap_loss_db(4.6, 20.0, GEL_INDEX, 1310.0);
    assert!(air > gel && gel > 0.0);
    // Hand-worked: z = 1.31·20 / (2π·4.6²) = 0.197 → 10·log10(1.0389) = 0.166 dB.
    close(air, 0.166, 0.001);
}
