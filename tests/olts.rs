//! The light source and power meter (issue 13, point 2): the same link measured with
//! each reference method gives the loss that method defines, worked by hand; the
//! mistakes the instrument lets a trainee make; the loss budget of REFERENCE D.4.

use fibrelab::physics::olts::{
    GPON_BPLUS_RX_DBM, RefMethod, budget_db, insertion_loss_db, level_in, margin_available_db,
    measured_dbm, meter_reading_dbm, reference_dbm,
};

/// A link of 0.72 dB of fibre and splices, with end connections of 0.30 dB (A) and
/// 0.25 dB (B); the cords mate to each other with 0.20 and 0.15 dB. Source −5.00 dBm.
const SOURCE: f64 = -5.0;
const LINK: f64 = 0.72;
const END_A: f64 = 0.30;
const END_B: f64 = 0.25;
const LAUNCH_RECEIVE: f64 = 0.20;
const SUBSTITUTION: f64 = 0.15;

fn loss(method: RefMethod) -> f64 {
    let refs: Vec<f64> = match method {
        RefMethod::OneCord => vec![],
        RefMethod::TwoCord => vec![LAUNCH_RECEIVE],
        RefMethod::ThreeCord => vec![LAUNCH_RECEIVE, SUBSTITUTION],
    };
    insertion_loss_db(
        reference_dbm(SOURCE, &refs),
        measured_dbm(SOURCE, END_A, LINK, END_B),
    )
}

#[test]
fn each_method_includes_the_connections_it_defines() {
    // One cord: the link and both end connections: 0.72 + 0.30 + 0.25 = 1.27 dB.
    assert!((loss(RefMethod::OneCord) - 1.27).abs() < 1e-9);
    // Two cords: the reference already holds one mating: 1.27 − 0.20 = 1.07 dB, about
    // the link and one connection.
    assert!((loss(RefMethod::TwoCord) - 1.07).abs() < 1e-9);
    // Three cords: two matings in the reference: 1.27 − 0.35 = 0.92 dB, about the link.
    assert!((loss(RefMethod::ThreeCord) - 0.92).abs() < 1e-9);
    assert_eq!(RefMethod::OneCord.end_connections_included(), 2);
    assert_eq!(RefMethod::ThreeCord.end_connections_included(), 0);
}

#[test]
fn a_dirty_reference_cord_gives_a_negative_loss() {
    // A two-cord reference through a dirty mating of 1.50 dB on a short link of 0.05 dB
    // with clean ends of 0.15 dB each: 0.05 + 0.30 − 1.50 = −1.15 dB.
    let il = insertion_loss_db(
        reference_dbm(SOURCE, &[1.5]),
        measured_dbm(SOURCE, 0.15, 0.05, 0.15),
    );
    assert!((il + 1.15).abs() < 1e-9, "{il}");
}

#[test]
fn a_meter_on_the_wrong_wavelength_misreads() {
    // 1550 nm light read with the meter set to 1310 nm: 10·log10(1.00/0.90) = +0.458 dB.
    let r = meter_reading_dbm(-20.0, 1550.0, 1310.0);
    assert!((r - (-20.0 + 0.4576)).abs() < 1e-3, "{r}");
    // Set right, it reads true.
    assert_eq!(meter_reading_dbm(-20.0, 1550.0, 1550.0), -20.0);
    // Referenced right at 1550 nm, then measured with the meter left on 1310 nm: the loss
    // reads 0.458 dB too low.
    let reference = meter_reading_dbm(reference_dbm(SOURCE, &[]), 1550.0, 1550.0);
    let reading = meter_reading_dbm(measured_dbm(SOURCE, END_A, LINK, END_B), 1550.0, 1310.0);
    let il = insertion_loss_db(reference, reading);
    assert!((il - (1.27 - 0.4576)).abs() < 1e-3, "{il}");
}

#[test]
fn not_referencing_again_after_changing_cords() {
    // Referenced (one cord) with a launch cord whose source end loses 0.10 dB more than
    // the one then used: the stale reference is 0.10 dB low, the loss reads 0.10 dB low.
    let stale = reference_dbm(SOURCE - 0.10, &[]);
    let il = insertion_loss_db(stale, measured_dbm(SOURCE, END_A, LINK, END_B));
    assert!((il - 1.17).abs() < 1e-9, "{il}");
}

#[test]
fn the_loss_budget_of_reference_d4() {
    // 20 km × 0.35 + 10 splices × 0.1 + 4 connectors × 0.5 + a 1:32 splitter 17.5 = 27.5 dB.
    let b = budget_db(20.0, 0.35, 10, 0.1, 4, 0.5, 17.5, 0.0);
    assert!((b - 27.5).abs() < 1e-9, "{b}");
    // Class B+ allows 28 dB (OLT +1.5 dBm minimum, ONT −26.5 dBm here for 28 dB): 0.5 dB.
    assert!((margin_available_db(1.5, -26.5, b) - 0.5).abs() < 1e-9);
    // At the outlet: −22 dBm is in the B+ window, −28 dBm is not.
    assert!(level_in(-22.0, GPON_BPLUS_RX_DBM));
    assert!(!level_in(-28.0, GPON_BPLUS_RX_DBM));
}
