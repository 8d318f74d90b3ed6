//! Cables in a duct (issue 11, point 1, underground): fill and bend radius, against
//! values worked out by hand.

use fibrelab::physics::duct::{fill, fill_suits, min_bend_radius_m};

#[test]
fn fill_as_the_makers_give_it() {
    // A 144-fibre micro-module cable of 12.3 mm in a 28 mm duct: 12.3/28 = 0.439 of the
    // diameter, (12.3/28)² = 19.3 % of the area: under the 30–50 % window for blowing,
    // fine for pulling.
    let (d, a) = fill(0.028, &[0.0123]);
    assert!(
        (d - 0.4393).abs() < 1e-4 && (a - 0.1930).abs() < 1e-4,
        "{d} {a}"
    );
    assert_eq!(fill_suits(a), (false, true));
    // The 17 mm loose-tube version in the same duct: 0.607 and 36.9 %: blowing fits.
    let (_, a) = fill(0.028, &[0.017]);
    assert!((a - 0.3686).abs() < 1e-4);
    assert_eq!(fill_suits(a), (true, true));
    // Two 17 mm cables: 2 × 36.9 % = 73.7 %: too full to pull.
    let (d, a) = fill(0.028, &[0.017, 0.017]);
    assert!((d - 0.607).abs() < 1e-3 && (a - 0.7372).abs() < 1e-4);
    assert_eq!(fill_suits(a), (false, false));
}

#[test]
fn bend_radius_at_rest_and_under_tension() {
    // A 12.3 mm cable: 123 mm at rest, 246 mm while pulled; a maker's value wins.
    assert!((min_bend_radius_m(0.0123, false, None) - 0.123).abs() < 1e-12);
    assert!((min_bend_radius_m(0.0123, true, None) - 0.246).abs() < 1e-12);
    assert_eq!(min_bend_radius_m(0.0123, true, Some(0.2)), 0.2);
}
