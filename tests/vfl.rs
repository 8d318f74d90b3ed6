//! The visual fault locator (issue 13, point 3): where its red light shows, worked by
//! hand from its teaching values (0 dBm, 8 dB/km at 650 nm, seen from −35 dBm, a jacket
//! dims it by 8 dB, a cable's sheath hides it).

use fibrelab::physics::vfl::{Covering, glow_dbm, visible};

#[test]
fn a_break_shows_near_and_not_beyond_a_few_km() {
    // A break (all the light leaves) at 1 km, bare: 0 − 8 = −8 dBm: seen.
    let g = glow_dbm(1000.0, 0.0, None, Covering::Bare).expect("bare");
    assert!((g + 8.0).abs() < 1e-9, "{g}");
    assert!(visible(Some(g)));
    // At 4 km bare: −32 dBm, seen; at 5 km: −40 dBm, not.
    assert!(visible(glow_dbm(4000.0, 0.0, None, Covering::Bare)));
    assert!(!visible(glow_dbm(5000.0, 0.0, None, Covering::Bare)));
    // Through a drop's jacket at 3 km: −24 − 8 = −32 dBm: seen; at 3.5 km, −36: not.
    assert!(visible(glow_dbm(3000.0, 0.0, None, Covering::Jacket)));
    assert!(!visible(glow_dbm(3500.0, 0.0, None, Covering::Jacket)));
    // Inside a loose-tube cable's sheath: nothing, even at 10 m.
    assert_eq!(glow_dbm(10.0, 0.0, None, Covering::Opaque), None);
}

#[test]
fn a_bend_or_a_bad_splice_shows_by_what_it_loses() {
    // A 1 dB bend at 2 km: −16 dBm in the fibre, 1 − 10^(−0.1) = 20.6 % leaks:
    // −16 + 10·log10(0.2057) = −22.87 dBm; through a jacket −30.87: seen.
    let g = glow_dbm(2000.0, 0.0, Some(1.0), Covering::Jacket).expect("jacket");
    let leak = 1.0 - fibrelab::math::pow10(-0.1);
    assert!((g - (-16.0 + 10.0 * fibrelab::math::log10(leak) - 8.0)).abs() < 1e-9);
    assert!((g + 30.87).abs() < 0.01, "{g}");
    assert!(visible(Some(g)));
    // A good splice of 0.05 dB at 500 m in a tray: 1 − 10^(−0.005) = 1.145 % leaks:
    // −4 + 10·log10(0.01145) = −4 − 19.41 = −23.41 dBm, seen; with 12 dB lost before it
    // (a bad connector on the way), −35.41 dBm: not seen.
    let good = glow_dbm(500.0, 0.0, Some(0.05), Covering::Bare).expect("bare");
    assert!((good + 23.41).abs() < 0.01, "{good}");
    assert!(!visible(glow_dbm(500.0, 12.0, Some(0.05), Covering::Bare)));
}
