//! The two regimes where the automatic analysis went wrong (issue 13, point 5), on links
//! of our own, not the shipped scenarios', against hand-worked expectations.

use fibrelab::physics::analysis::{EventKind, Thresholds, analyse};
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{ConnectorKind, Element, Link};
use fibrelab::physics::otdr::{Settings, acquire};
use fibrelab::rng::SimRng;

fn f(m: f64) -> Element {
    Element::Fibre {
        fibre: FibreType::G652D,
        length_m: m,
    }
}

fn c(loss: f64, r: f64) -> Element {
    Element::Connector {
        kind: ConnectorKind::Upc,
        loss_db: loss,
        reflectance_db: r,
    }
}

fn s(wl: f64, pulse: f64, range: f64, avg: f64) -> Settings {
    let o = FibreType::G652D.optics(wl);
    Settings {
        wavelength_nm: wl,
        pulse_ns: pulse,
        range_m: range,
        averaging_s: avg,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    }
}

/// A connector pair `gap_m` apart after 1 km (0.4 and 0.5 dB, −50 dB), then 1.5 km.
fn pair(gap_m: f64) -> Link {
    Link {
        elements: vec![
            f(1000.0),
            c(0.4, -50.0),
            f(gap_m),
            c(0.5, -50.0),
            f(1500.0),
            Element::End {
                reflectance_db: Some(-14.0),
            },
        ],
    }
}

#[test]
fn a_pair_inside_the_dead_zone_is_one_group_with_the_pair_s_loss() {
    // At 1550 nm the fibre between the two costs 0.19 dB/km × gap: under 0.02 dB here, so
    // the group reads 0.4 + 0.5 = 0.9 dB; apart, each its own.
    for gap in [3.0, 15.0, 25.0, 40.0, 60.0] {
        for pulse in [10.0, 30.0, 100.0, 300.0] {
            let t = acquire(
                &pair(gap),
                &s(1550.0, pulse, 5000.0, 30.0),
                &mut SimRng::new(1, 0),
            );
            let a = analyse(&t, &Thresholds::default());
            let what = format!("gap {gap} m at {pulse} ns: {:?}", a.events);
            // Never a gain, never an end before the real one.
            assert!(
                a.events.iter().all(|e| e.loss_db.is_none_or(|l| l > -0.05)),
                "{what}"
            );
            let end = a.end_m.expect("an end");
            assert!((end - (2500.0 + gap)).abs() < 2.0, "{what}");
            let near: Vec<_> = a
                .events
                .iter()
                .filter(|e| e.distance_m > 990.0 && e.distance_m < 1010.0 + gap)
                .collect();
            // At 10 ns the backscatter's texture (0.015 dB over about a metre) moves a
            // reading by a couple of hundredths: 0.85-0.92 dB over five seeds.
            let tol = if pulse <= 10.0 { 0.07 } else { 0.05 };
            match near.len() {
                1 => {
                    let l = near[0].loss_db.unwrap_or_else(|| panic!("no loss: {what}"));
                    assert!((l - 0.9).abs() < tol, "{what}");
                    // Flagged as a group, to its last event, where the scan saw both
                    // (closer than the pulse and its fit, the two read as one event).
                    if let Some(to) = near[0].group_end_m {
                        assert!((to - (1000.0 + gap)).abs() < 15.0, "{what}");
                    }
                    if gap == 25.0 && pulse == 100.0 {
                        assert!(near[0].group_end_m.is_some(), "{what}");
                    }
                }
                2 => {
                    let (a0, a1) = (
                        near[0].loss_db.expect("first"),
                        near[1].loss_db.expect("second"),
                    );
                    assert!((a0 - 0.4).abs() < tol && (a1 - 0.5).abs() < tol, "{what}");
                }
                _ => panic!("{what}"),
            }
        }
    }
    // Where the dead zone allows, the two are told apart: 60 m at 30 ns.
    let t = acquire(
        &pair(60.0),
        &s(1550.0, 30.0, 5000.0, 30.0),
        &mut SimRng::new(1, 0),
    );
    let a = analyse(&t, &Thresholds::default());
    assert_eq!(
        a.events
            .iter()
            .filter(|e| e.kind == EventKind::Reflective)
            .count(),
        2
    );
}

/// Long pulses on links of a few tens of km: a connector at 2 km, a splice at 40 %, a
/// reflective connector at 70 %, the end. The end is where the backscatter ends, never at
/// a reflection before it: before the fix, at 1310 nm over 45 km with 20 µs the end was
/// declared at the connector at 33.5 km while the trace went on to 45 km.
#[test]
fn with_long_pulses_the_end_is_where_the_backscatter_ends() {
    for (wl, len, avg) in [
        (1310.0, 30000.0, 5.0),
        (1550.0, 50000.0, 5.0),
        (1310.0, 45000.0, 15.0),
        (1550.0, 80000.0, 30.0),
    ] {
        let link = Link {
            elements: vec![
                f(2000.0),
                c(0.5, -40.0),
                f(len * 0.4),
                Element::FusionSplice {
                    loss_db: 0.1,
                    loss_1310_db: None,
                },
                f(len * 0.3),
                c(0.5, -40.0),
                f(len * 0.3 - 2000.0),
                Element::End {
                    reflectance_db: Some(-14.0),
                },
            ],
        };
        for pulse in [1000.0, 3000.0, 10000.0, 20000.0] {
            let t = acquire(&link, &s(wl, pulse, len * 1.6, avg), &mut SimRng::new(2, 0));
            let a = analyse(&t, &Thresholds::default());
            let what = format!("{wl} nm, {len} m, {pulse} ns: {:?}", a.events);
            let end = a.end_m.expect("an end");
            assert!((end - len).abs() < 20.0, "{what}");
            // The connector at 70 % is an event of its own, not the end.
            let at = 2000.0 + len * 0.7;
            assert!(
                a.events
                    .iter()
                    .any(|e| (e.distance_m - at).abs() < 20.0 && e.kind != EventKind::End),
                "{what}"
            );
        }
    }
}
