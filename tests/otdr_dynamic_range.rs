//! The OTDR's dynamic range on traces of our own, against REFERENCE A.5 worked by hand:
//! the backscatter at the start is the fibre's coefficient for 1 ns times the pulse in ns
//! (relative to the launched peak), the noise's standard deviation is the single-shot
//! noise over the square root of the acquisitions (averaging time × the repetition rate
//! the range allows, c / 2nL), and the display is 5·log10. The receiver's bandwidth
//! follows the pulse, so the single-shot noise is the datasheet's (set at 20 µs) times
//! the square root of the ratio of the receiver's response lengths at 20 µs and at the
//! pulse (REFERENCE A.5: "up to ~7.5·log10 if bandwidth is scaled with 1/τ"). So the
//! dynamic range to the 98 % noise level (Gaussian: 2.054 σ) is 5·log10(K·τ / 2.054 σ);
//! doubling a long pulse adds 5·log10 2 + 2.5·log10 2 = 2.26 dB, four times the
//! averaging 2.5·log10 4 = 1.51 dB.

use fibrelab::math;
use fibrelab::physics::analysis::Fitter;
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{Element, Link};
use fibrelab::physics::otdr::{
    C_M_PER_S, CALIBRATION_PULSE_NS, SINGLE_SHOT_NOISE, Settings, acquire, receiver_length_m,
};
use fibrelab::rng::SimRng;

/// A fibre far longer than the dynamic range reaches, then its end.
fn long_link(km: f64) -> Link {
    Link {
        elements: vec![
            Element::Fibre {
                fibre: FibreType::G652D,
                length_m: km * 1000.0,
            },
            Element::End {
                reflectance_db: None,
            },
        ],
    }
}

/// The dynamic range read on traces: the backscatter line fitted over a stretch near
/// the start and carried back to 0, less the 98th percentile of the noise past the end,
/// averaged over eight acquisitions. The noise is correlated over the receiver's response
/// (286 m at 10 µs), so 80 km of it hold only a few hundred independent values, and one
/// trace's 98th percentile wanders by a few tenths of a dB.
fn measured_dr98(wl: f64, pulse_ns: f64, averaging_s: f64) -> f64 {
    (11..19)
        .map(|seed| measured_dr98_once(wl, pulse_ns, averaging_s, seed))
        .sum::<f64>()
        / 8.0
}

fn measured_dr98_once(wl: f64, pulse_ns: f64, averaging_s: f64, seed: u64) -> f64 {
    let fibre_km = 60.0;
    let o = FibreType::G652D.optics(wl);
    let s = Settings {
        wavelength_nm: wl,
        pulse_ns,
        range_m: 160_000.0,
        averaging_s,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    };
    let t = acquire(&long_link(fibre_km), &s, &mut SimRng::new(seed, 0));
    let at = |m: f64| (m / t.dx_m) as usize;
    // A least-squares line over 3–10 km, where the signal stands well over the noise.
    let (i0, i1) = (at(3000.0), at(10_000.0));
    let start = Fitter::new(&t.levels_db)
        .fit(i0, i1)
        .expect("a line over 7 km")
        .at(0.0);
    // The noise past the end (beyond 70 km, clear of the end's tail).
    let mut noise: Vec<f64> = t.levels_db[at(70_000.0)..at(150_000.0)].to_vec();
    noise.sort_by(f64::total_cmp);
    let p98 = noise[(noise.len() as f64 * 0.98) as usize];
    start - p98
}

/// The same by hand.
fn expected_dr98(wl: f64, pulse_ns: f64, averaging_s: f64) -> f64 {
    let o = FibreType::G652D.optics(wl);
    let k = math::pow10(o.backscatter_db / 10.0);
    let rate = C_M_PER_S / (2.0 * o.group_index * 160_000.0);
    let length = |ns: f64| receiver_length_m(C_M_PER_S * ns * 1e-9 / (2.0 * o.group_index));
    let bandwidth = (length(CALIBRATION_PULSE_NS) / length(pulse_ns)).sqrt();
    let sigma = SINGLE_SHOT_NOISE * bandwidth / (averaging_s * rate).sqrt();
    5.0 * math::log10(k * pulse_ns / (2.054 * sigma))
}

#[test]
fn the_dynamic_range_is_the_backscatter_over_the_averaged_noise() {
    // 1550 nm, 10 µs, 3 minutes at 160 km: K = −81.9 dB (6.46e-9 per ns) × 10⁴ ns;
    // 638 acquisitions a second, 114 800 in all; the receiver's response is 0.28 × 1021 m
    // + 0.05 = 286 m against 572 m at 20 µs, √2 the noise: σ = 8.6e-10 × 1.414 / 339 =
    // 3.59e-12; 5·log10(6.46e-5 / (2.054 × 3.59e-12)) = 34.7 dB.
    let e = expected_dr98(1550.0, 10_000.0, 180.0);
    assert!((e - 34.7).abs() < 0.1, "{e}");
    for (wl, pulse, avg) in [
        (1550.0, 10_000.0, 180.0),
        (1310.0, 20_000.0, 180.0),
        (1550.0, 5000.0, 45.0),
    ] {
        let m = measured_dr98(wl, pulse, avg);
        let e = expected_dr98(wl, pulse, avg);
        eprintln!("{wl} nm, {pulse} ns, {avg} s: read {m:.2} dB, by hand {e:.2} dB");
        assert!(
            (m - e).abs() < 0.6,
            "{wl} nm, {pulse} ns, {avg} s: read {m:.2}, by hand {e:.2}"
        );
    }
}

#[test]
fn a_longer_pulse_and_a_longer_average_gain_what_the_reference_says() {
    let base = measured_dr98(1550.0, 5000.0, 45.0);
    let pulse = measured_dr98(1550.0, 10_000.0, 45.0);
    let avg = measured_dr98(1550.0, 5000.0, 180.0);
    let gain = expected_dr98(1550.0, 10_000.0, 45.0) - expected_dr98(1550.0, 5000.0, 45.0);
    assert!((gain - 7.5 * math::log10(2.0)).abs() < 0.01, "{gain}");
    assert!(
        (pulse - base - gain).abs() < 0.4,
        "pulse ×2: {:.2} dB",
        pulse - base
    );
    let gain = 2.5 * math::log10(4.0);
    assert!(
        (avg - base - gain).abs() < 0.4,
        "averaging ×4: {:.2} dB",
        avg - base
    );
}

/// The calibration: VIAVI's MTS/T-BERD 2000/4000 V2 "MA2" module quotes an RMS (SNR = 1)
/// dynamic range of 40/38/38 dB at 1310/1550/1625 nm, 20 µs, 3 minutes. At the 260 km
/// range the model reads 38.0 dB at 1550 nm (the point it is set on) and stays within a
/// decibel of the other two. The SNR = 1 level lies 5·log10(2.054) = 1.56 dB under the
/// 98 % one.
#[test]
fn the_dynamic_range_matches_the_datasheet_it_is_calibrated_to() {
    let snr1 = |wl: f64| {
        let o = FibreType::G652D.optics(wl);
        let k = math::pow10(o.backscatter_db / 10.0);
        let rate = C_M_PER_S / (2.0 * o.group_index * 260_000.0);
        let sigma = SINGLE_SHOT_NOISE / (180.0 * rate).sqrt();
        5.0 * math::log10(k * 20_000.0 / sigma)
    };
    for (wl, sheet) in [(1310.0, 40.0), (1550.0, 38.0), (1625.0, 38.0)] {
        let m = snr1(wl);
        eprintln!("{wl} nm: model {m:.2} dB, datasheet {sheet} dB");
        assert!((m - sheet).abs() < 1.0, "{wl} nm: {m:.2} dB for {sheet}");
    }
    assert!((snr1(1550.0) - 38.0).abs() < 0.05);
}
