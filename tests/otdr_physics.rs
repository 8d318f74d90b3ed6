//! OTDR physics against independent expectations (issue: OTDR module, "How it is checked").

use fibrelab::physics::analysis::{
    EventKind, Fitter, Thresholds, analyse, bidirectional, height_from_reflectance, macrobends,
};
use fibrelab::physics::fibre::FibreType;
use fibrelab::physics::link::{ConnectorKind, Element, Link};
use fibrelab::physics::otdr::{Acquisition, Settings, acquire};
use fibrelab::rng::SimRng;

fn fibre(t: FibreType, m: f64) -> Element {
    Element::Fibre {
        fibre: t,
        length_m: m,
    }
}

fn apc() -> Element {
    Element::Connector {
        kind: ConnectorKind::Apc,
        loss_db: 0.25,
        reflectance_db: -60.0,
    }
}

fn settings(wl: f64, pulse: f64, range: f64, avg: f64) -> Settings {
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

fn link(elements: Vec<Element>) -> Link {
    Link { elements }
}

#[test]
fn trace_slope_equals_the_section_attenuation() {
    for (wl, att) in [(1310.0, 0.33), (1550.0, 0.19)] {
        let l = link(vec![
            fibre(FibreType::G652D, 8000.0),
            Element::End {
                reflectance_db: None,
            },
        ]);
        let s = settings(wl, 100.0, 10_000.0, 180.0);
        let t = acquire(&l, &s, &mut SimRng::new(1, 0));
        let f = Fitter::new(&t.levels_db);
        // 1 km to 7 km, away from the start and the end.
        let line = f
            .fit((1000.0 / t.dx_m) as usize, (7000.0 / t.dx_m) as usize)
            .unwrap();
        let slope_db_per_km = -line.b / t.dx_m * 1000.0;
        assert!(
            (slope_db_per_km - att).abs() / att < 0.01,
            "{wl} nm: {slope_db_per_km} dB/km"
        );
    }
}

#[test]
fn reflective_peaks_follow_the_reflectance_formula() {
    for (pulse, refl) in [
        (10.0, -45.0),
        (30.0, -55.0),
        (100.0, -35.0),
        (1000.0, -45.0),
    ] {
        let l = link(vec![
            fibre(FibreType::G652D, 2000.0),
            Element::Connector {
                kind: ConnectorKind::Upc,
                loss_db: 0.0,
                reflectance_db: refl,
            },
            fibre(FibreType::G652D, 2000.0),
            Element::End {
                reflectance_db: None,
            },
        ]);
        let s = settings(1550.0, pulse, 6000.0, 1e6);
        let t = acquire(&l, &s, &mut SimRng::new(2, 0));
        let i = (2000.0 / t.dx_m) as usize;
        let w = (s.pulse_length_m() / t.dx_m).round() as usize;
        let f = Fitter::new(&t.levels_db);
        let before = f
            .fit(i.saturating_sub(20 * w.max(10)).max(3 * w), i - 2)
            .unwrap()
            .at(i as f64);
        let peak = t.levels_db[i..i + w]
            .iter()
            .cloned()
            .fold(f64::MIN, f64::max);
        let expected = height_from_reflectance(refl, s.backscatter_db, pulse);
        assert!(
            (peak - before - expected).abs() < 0.05,
            "{pulse} ns, {refl} dB: height {} expected {expected}",
            peak - before
        );
        // And the analysis reads the reflectance back.
        let a = analyse(&t, &Thresholds::default());
        let e = a
            .events
            .iter()
            .find(|e| (e.distance_m - 2000.0).abs() < 5.0)
            .expect("event at 2 km");
        assert!(
            (e.reflectance_db.unwrap() - refl).abs() < 0.5,
            "{pulse} ns: read {:?}",
            e.reflectance_db
        );
    }
}

#[test]
fn noise_falls_by_two_when_averaging_four_times_longer() {
    let l = link(vec![
        fibre(FibreType::G652D, 30_000.0),
        Element::End {
            reflectance_db: None,
        },
    ]);
    let s = settings(1550.0, 100.0, 40_000.0, 60.0);
    let acq = Acquisition::new(&l, &s, &mut SimRng::new(3, 0));
    let noise_at = |t: f64| {
        let tr = acq.trace_at(t);
        // Past the end of the fibre only noise comes back; in the linear domain it is the
        // receiver's additive noise (its negative half is clamped at a floor proportional
        // to it, so the spread still scales with it).
        let i0 = (32_000.0 / tr.dx_m) as usize;
        let i1 = (39_000.0 / tr.dx_m) as usize;
        let lin: Vec<f64> = tr.levels_db[i0..i1]
            .iter()
            .map(|v| fibrelab::math::pow10(v / 5.0))
            .collect();
        let mean = lin.iter().sum::<f64>() / lin.len() as f64;
        (lin.iter().map(|v| (v - mean) * (v - mean)).sum::<f64>() / lin.len() as f64).sqrt()
    };
    let ratio = noise_at(5.0) / noise_at(20.0);
    assert!((ratio - 2.0).abs() < 0.1, "√4 = 2, measured {ratio}");
}

#[test]
fn two_events_5_m_apart_are_separated_at_10_ns_and_merged_at_1_us() {
    let l = link(vec![
        fibre(FibreType::G652D, 1500.0),
        Element::FusionSplice {
            loss_db: 0.3,
            loss_1310_db: None,
        },
        fibre(FibreType::G652D, 5.0),
        Element::FusionSplice {
            loss_db: 0.3,
            loss_1310_db: None,
        },
        fibre(FibreType::G652D, 3000.0),
        Element::End {
            reflectance_db: Some(-14.4),
        },
    ]);
    let count = |pulse: f64| {
        let s = settings(1310.0, pulse, 6000.0, 600.0);
        let a = analyse(
            &acquire(&l, &s, &mut SimRng::new(4, 0)),
            &Thresholds::default(),
        );
        let near: Vec<_> = a
            .events
            .iter()
            .filter(|e| (e.distance_m - 1502.5).abs() < 60.0)
            .cloned()
            .collect();
        (near, a)
    };
    let (short, _) = count(10.0);
    assert_eq!(short.len(), 2, "10 ns: {short:?}");
    assert!(
        (short[0].distance_m - 1500.0).abs() < 1.0 && (short[1].distance_m - 1505.0).abs() < 1.0,
        "{short:?}"
    );
    // Each read on the 3 m of fibre between them: the backscatter's texture at 10 ns
    // (0.015 dB over about a metre) moves so short a line by a few hundredths.
    for e in &short {
        assert!((e.loss_db.unwrap() - 0.3).abs() < 0.08, "{e:?}");
    }
    let (long, _) = count(1000.0);
    assert_eq!(long.len(), 1, "1 µs: {long:?}");
    assert!(
        (long[0].loss_db.unwrap() - 0.6).abs() < 0.08,
        "merged loss {long:?}"
    );
}

#[test]
fn a_half_percent_ior_error_moves_events_by_half_a_percent() {
    let l = link(vec![
        fibre(FibreType::G652D, 4000.0),
        Element::Connector {
            kind: ConnectorKind::Upc,
            loss_db: 0.3,
            reflectance_db: -50.0,
        },
        fibre(FibreType::G652D, 2000.0),
        Element::End {
            reflectance_db: Some(-14.4),
        },
    ]);
    let at = |ior_factor: f64| {
        let mut s = settings(1310.0, 30.0, 8000.0, 60.0);
        s.ior *= ior_factor;
        let a = analyse(
            &acquire(&l, &s, &mut SimRng::new(5, 0)),
            &Thresholds::default(),
        );
        a.events
            .iter()
            .find(|e| e.kind == EventKind::Reflective)
            .map(|e| e.distance_m)
            .unwrap()
    };
    let right = at(1.0);
    let wrong = at(1.005);
    assert!((right - 4000.0).abs() < 0.5, "{right}");
    // Distance = c·t/n: a 0.5 % higher index shows 0.5 % shorter distances.
    assert!(
        ((right - wrong) / right - 0.005 / 1.005).abs() < 0.0005,
        "{right} → {wrong}"
    );
}

#[test]
fn a_mode_field_mismatch_is_a_gainer_one_way_and_averages_to_the_true_loss() {
    let true_loss = 0.05;
    let a_to_b = link(vec![
        fibre(FibreType::G652D, 3000.0),
        Element::FusionSplice {
            loss_db: true_loss,
            loss_1310_db: None,
        },
        fibre(FibreType::G657A2, 3000.0),
        Element::End {
            reflectance_db: None,
        },
    ]);
    let b_to_a = link(vec![
        fibre(FibreType::G657A2, 3000.0),
        Element::FusionSplice {
            loss_db: true_loss,
            loss_1310_db: None,
        },
        fibre(FibreType::G652D, 3000.0),
        Element::End {
            reflectance_db: None,
        },
    ]);
    let s = settings(1310.0, 30.0, 8000.0, 120.0);
    let ab = analyse(
        &acquire(&a_to_b, &s, &mut SimRng::new(6, 0)),
        &Thresholds::default(),
    );
    let ba = analyse(
        &acquire(&b_to_a, &s, &mut SimRng::new(7, 0)),
        &Thresholds::default(),
    );
    let at3 = |a: &fibrelab::physics::analysis::Analysis| {
        a.events
            .iter()
            .find(|e| (e.distance_m - 3000.0).abs() < 3.0)
            .and_then(|e| e.loss_db)
            .unwrap()
    };
    let (l_ab, l_ba) = (at3(&ab), at3(&ba));
    // REFERENCE A.7: 10·log10(8.6/9.2) = −0.29 dB of error one way, +0.29 the other.
    assert!(l_ab < 0.0, "gainer G.652 → G.657: {l_ab}");
    assert!(
        l_ba > true_loss + 0.2,
        "exaggerated loss G.657 → G.652: {l_ba}"
    );
    let bi = bidirectional(&ab, &ba, 6000.0, 5.0);
    let avg = bi
        .iter()
        .find(|b| (b.distance_m - 3000.0).abs() < 3.0)
        .unwrap()
        .average_db;
    assert!(
        (avg - true_loss).abs() < 0.02,
        "averaged {avg}, true {true_loss}"
    );
}

#[test]
fn a_macrobend_shows_more_at_1550_a_splice_the_same() {
    let l = link(vec![
        fibre(FibreType::G652D, 2000.0),
        Element::FusionSplice {
            loss_db: 0.2,
            loss_1310_db: None,
        },
        fibre(FibreType::G652D, 2000.0),
        Element::Macrobend { loss_1550_db: 1.0 },
        fibre(FibreType::G652D, 2000.0),
        Element::End {
            reflectance_db: Some(-14.4),
        },
    ]);
    let run = |wl: f64| {
        analyse(
            &acquire(
                &l,
                &settings(wl, 30.0, 8000.0, 120.0),
                &mut SimRng::new(8, 0),
            ),
            &Thresholds::default(),
        )
    };
    let (a1310, a1550) = (run(1310.0), run(1550.0));
    let loss = |a: &fibrelab::physics::analysis::Analysis, d: f64| {
        a.events
            .iter()
            .find(|e| (e.distance_m - d).abs() < 3.0)
            .and_then(|e| e.loss_db)
            .unwrap()
    };
    assert!(
        (loss(&a1310, 2000.0) - loss(&a1550, 2000.0)).abs() < 0.03,
        "splice the same at both"
    );
    assert!(loss(&a1550, 4000.0) > loss(&a1310, 4000.0) + 0.7, "bend");
    let flagged = macrobends(&a1310, &a1550, 5.0, 0.5);
    assert_eq!(flagged.len(), 1);
    assert!((flagged[0].0 - 4000.0).abs() < 3.0);
}

#[test]
fn a_full_link_reads_like_an_instrument() {
    // Launch cable, APC connector, splice, APC connector, receive cable, open end.
    let l = link(vec![
        fibre(FibreType::G652D, 500.0),
        apc(),
        fibre(FibreType::G652D, 1200.0),
        Element::FusionSplice {
            loss_db: 0.08,
            loss_1310_db: None,
        },
        fibre(FibreType::G652D, 800.0),
        apc(),
        fibre(FibreType::G652D, 500.0),
        Element::End {
            reflectance_db: Some(-14.4),
        },
    ]);
    let s = settings(1310.0, 30.0, 5000.0, 30.0);
    let a = analyse(
        &acquire(&l, &s, &mut SimRng::new(9, 0)),
        &Thresholds::default(),
    );
    let d: Vec<(f64, EventKind)> = a
        .events
        .iter()
        .map(|e| ((e.distance_m * 10.0).round() / 10.0, e.kind))
        .collect();
    assert_eq!(a.events.len(), 5, "{d:?}");
    for (e, want) in a.events.iter().zip([0.0, 500.0, 1700.0, 2500.0, 3000.0]) {
        assert!((e.distance_m - want).abs() < 1.0, "{d:?}");
    }
    assert_eq!(a.events[4].kind, EventKind::End);
    assert!(
        (a.events[2].loss_db.unwrap() - 0.08).abs() < 0.03,
        "{:?}",
        a.events[2]
    );
    assert!((a.events[1].loss_db.unwrap() - 0.25).abs() < 0.03);
    assert!((a.events[1].reflectance_db.unwrap() + 60.0).abs() < 1.0);
    let sec = a.events[2].section_db_per_km.unwrap();
    assert!((sec - 0.33).abs() < 0.02, "{sec}");
    assert!((a.end_m.unwrap() - 3000.0).abs() < 1.0);
}
