//! Connector end faces (issue 13, point 1): the pass/fail of IEC 61300-3-35:2015 Tables 1
//! (single-mode PC) and 2 (single-mode APC) on worked cases read off the tables, and
//! cleaning and mating outcomes as statistics over many seeds.

use fibrelab::physics::endface::{
    Breach, Cleaning, Mark, MarkKind, Polish, Zone, clean, core_cover, judge, mate, mated_pair,
    zone_at,
};
use fibrelab::rng::SimRng;

fn mark(kind: MarkKind, r_um: f64, size_um: f64) -> Mark {
    Mark {
        kind,
        r_um,
        angle_deg: 30.0,
        size_um,
    }
}

#[test]
fn the_zones_are_the_tables_diameters_as_radii() {
    // A 0–25 µm, B 25–115, C 115–135, D 135–250 (diameters).
    assert_eq!(zone_at(12.5), Zone::Core);
    assert_eq!(zone_at(12.6), Zone::Cladding);
    assert_eq!(zone_at(57.5), Zone::Cladding);
    assert_eq!(zone_at(57.6), Zone::Adhesive);
    assert_eq!(zone_at(67.5), Zone::Adhesive);
    assert_eq!(zone_at(67.6), Zone::Contact);
    assert_eq!(zone_at(125.0), Zone::Contact);
    assert_eq!(zone_at(125.1), Zone::Outside);
}

#[test]
fn single_mode_pc_table_1() {
    use MarkKind::*;
    let pc = |m: &[Mark]| judge(m, Polish::Pc);
    assert!(pc(&[]).is_empty(), "a clean face passes");
    // Zone A: no defect, no scratch, however small.
    assert_eq!(
        pc(&[mark(Dust, 5.0, 1.0)]),
        vec![Breach::Defect(Zone::Core)]
    );
    assert_eq!(
        pc(&[mark(Scratch, 3.0, 1.0)]),
        vec![Breach::Scratch(Zone::Core)]
    );
    // Zone B: scratches up to 3 µm wide, any number; one of 4 µm fails.
    let fine: Vec<Mark> = (0..10)
        .map(|i| mark(Scratch, 30.0 + i as f64, 3.0))
        .collect();
    assert!(pc(&fine).is_empty());
    assert_eq!(
        pc(&[mark(Scratch, 40.0, 4.0)]),
        vec![Breach::Scratch(Zone::Cladding)]
    );
    // Defects under 2 µm: no limit; five of 2–5 µm pass, six fail; one over 5 µm fails.
    let small: Vec<Mark> = (0..20).map(|i| mark(Dust, 20.0 + i as f64, 1.5)).collect();
    assert!(pc(&small).is_empty());
    let five: Vec<Mark> = (0..5)
        .map(|i| mark(Pit, 20.0 + 5.0 * i as f64, 3.0))
        .collect();
    assert!(pc(&five).is_empty());
    let six: Vec<Mark> = (0..6)
        .map(|i| mark(Pit, 20.0 + 5.0 * i as f64, 3.0))
        .collect();
    assert_eq!(pc(&six), vec![Breach::TooManyDefects(Zone::Cladding)]);
    assert_eq!(
        pc(&[mark(Oil, 45.0, 6.0)]),
        vec![Breach::Defect(Zone::Cladding)]
    );
    // Zone C: no limit. Zone D: defects up to 10 µm; 11 µm fails. Beyond: nothing.
    assert!(pc(&[mark(Residue, 60.0, 20.0), mark(Scratch, 62.0, 8.0)]).is_empty());
    assert!(pc(&[mark(Dust, 100.0, 10.0)]).is_empty());
    assert_eq!(
        pc(&[mark(Dust, 100.0, 11.0)]),
        vec![Breach::Defect(Zone::Contact)]
    );
    assert!(pc(&[mark(Dust, 150.0, 50.0)]).is_empty());
}

#[test]
fn single_mode_apc_table_2() {
    use MarkKind::*;
    let apc = |m: &[Mark]| judge(m, Polish::Apc);
    // Zone A: up to four scratches of 3 µm or less; a fifth, or one wider, fails.
    let four: Vec<Mark> = (0..4).map(|i| mark(Scratch, 2.0 + i as f64, 2.0)).collect();
    assert!(apc(&four).is_empty());
    let mut five = four.clone();
    five.push(mark(Scratch, 8.0, 2.0));
    assert_eq!(apc(&five), vec![Breach::TooManyScratches(Zone::Core)]);
    assert_eq!(
        apc(&[mark(Scratch, 4.0, 3.5)]),
        vec![Breach::Scratch(Zone::Core)]
    );
    // Still no defect in the core.
    assert_eq!(
        apc(&[mark(Pit, 4.0, 1.0)]),
        vec![Breach::Defect(Zone::Core)]
    );
    // Zone B: scratches of any width; the PC face would fail the same one.
    assert!(apc(&[mark(Scratch, 40.0, 6.0)]).is_empty());
    assert!(!judge(&[mark(Scratch, 40.0, 6.0)], Polish::Pc).is_empty());
}

fn share(n: u32, f: impl Fn(&mut SimRng) -> bool) -> f64 {
    let hits = (0..n)
        .filter(|i| f(&mut SimRng::new(u64::from(*i), 7)))
        .count();
    hits as f64 / f64::from(n)
}

#[test]
fn cleaning_outcomes_over_many_seeds() {
    use MarkKind::*;
    let n = 4000;
    // Three standard deviations of a share p over n draws: 3·√(p(1−p)/n) ≤ 0.024.
    let tol = 0.025;
    let dust = [mark(Dust, 5.0, 3.0)];
    let gone = share(n, |r| clean(&dust, Cleaning::DryClick, r).is_empty());
    assert!((gone - 0.9).abs() < tol, "dry click on dust: {gone}");
    // Oil and a dry click: 30 % lifted; of the 70 % left, half smeared into the core.
    let oil = [mark(Oil, 40.0, 8.0)];
    let smeared = share(n, |r| {
        clean(&oil, Cleaning::DryClick, r)
            .iter()
            .any(|m| m.zone() == Zone::Core)
    });
    assert!(
        (smeared - 0.35).abs() < tol,
        "oil smeared by a dry clean: {smeared}"
    );
    let wet = share(n, |r| clean(&oil, Cleaning::WetThenDry, r).is_empty());
    assert!((wet - 0.95).abs() < tol, "wet then dry on oil: {wet}");
    let never = share(n, |r| {
        clean(&[mark(Oil, 40.0, 8.0)], Cleaning::WetThenDry, r)
            .iter()
            .any(|m| m.zone() == Zone::Core)
    });
    assert_eq!(never, 0.0, "a wet clean does not smear");
    // Nothing removes a scratch.
    let scratch = [mark(Scratch, 3.0, 2.0)];
    assert_eq!(
        share(500, |r| clean(&scratch, Cleaning::WetThenDry, r).is_empty()),
        0.0
    );
}

#[test]
fn mating_a_dusty_face_transfers_the_dust_and_can_pit_both() {
    use MarkKind::*;
    let n = 4000;
    let dusty = [mark(Dust, 4.0, 3.0)];
    // Half the time the grain crosses over.
    let crossed = share(n, |r| {
        let (_, b) = mate(&dusty, &[], r);
        b.iter().any(|m| m.kind == Dust)
    });
    assert!((crossed - 0.5).abs() < 0.025, "{crossed}");
    // 30 % of the time it pits both faces, at the same radius.
    let pitted = share(n, |r| {
        let (a, b) = mate(&dusty, &[], r);
        a.iter().any(|m| m.kind == Pit) && b.iter().any(|m| m.kind == Pit && m.r_um == 4.0)
    });
    assert!((pitted - 0.3).abs() < 0.025, "{pitted}");
    // A pit in the core fails both faces afterwards, and no cleaning helps.
    let mut r = SimRng::new(3, 7);
    let (a, _) = loop {
        let (a, b) = mate(&dusty, &[], &mut r);
        if a.iter().any(|m| m.kind == Pit) {
            break (a, b);
        }
    };
    let cleaned = clean(&a, Cleaning::WetThenDry, &mut r);
    assert!(cleaned.iter().any(|m| m.kind == Pit));
    assert_eq!(
        judge(&cleaned, Polish::Pc),
        vec![Breach::Defect(Zone::Core)]
    );
}

#[test]
fn a_dirty_core_adds_loss_and_reflection() {
    use MarkKind::*;
    // Clean: the base loss; −55 dB (PC), −65 dB (APC).
    assert_eq!(mated_pair(&[], &[], Polish::Pc, 0.2), (0.2, -55.0));
    assert_eq!(mated_pair(&[], &[], Polish::Apc, 0.2), (0.2, -65.0));
    // A 7.9 µm grain over the core: π·7.9²/4 = 49.0 µm² of π·12.5² = 490.9 µm², 10 %:
    // +0.6 dB; the PC reflectance −55 + 20·√0.1 = −48.7 dB.
    let grain = [mark(Dust, 2.0, 7.9)];
    let cover = core_cover(&grain);
    assert!((cover - 49.017 / 490.874).abs() < 1e-3, "{cover}");
    let (loss, refl) = mated_pair(&grain, &[], Polish::Pc, 0.2);
    assert!(
        (loss - (0.2 + 6.0 * cover)).abs() < 1e-9 && (loss - 0.8).abs() < 0.01,
        "{loss}"
    );
    assert!(
        (refl - (-55.0 + 20.0 * cover.sqrt())).abs() < 1e-9,
        "{refl}"
    );
    // A grain far out in the contact zone costs nothing optically.
    assert_eq!(
        mated_pair(&[mark(Dust, 100.0, 8.0)], &[], Polish::Pc, 0.2),
        (0.2, -55.0)
    );
}

/// A dirty connector in the chain shows on both instruments at its place with a
/// consistent loss: the mated pair's loss is the power meter's share of it and the step
/// the OTDR reads there.
#[test]
fn a_dirty_connector_reads_the_same_on_the_power_meter_and_the_otdr() {
    use MarkKind::*;
    use fibrelab::physics::analysis::{Thresholds, analyse};
    use fibrelab::physics::fibre::FibreType;
    use fibrelab::physics::link::{ConnectorKind, Element, Link};
    use fibrelab::physics::olts::{insertion_loss_db, measured_dbm, reference_dbm};
    use fibrelab::physics::otdr::{Settings, acquire};
    // A grain over 10 % of the core on one face of a patch connector 1.2 km down.
    let (dirty_db, dirty_r) = mated_pair(&[mark(Dust, 2.0, 7.9)], &[], Polish::Apc, 0.2);
    let f = |m: f64| Element::Fibre {
        fibre: FibreType::G652D,
        length_m: m,
    };
    let link = Link {
        elements: vec![
            f(1200.0),
            Element::Connector {
                kind: ConnectorKind::Apc,
                loss_db: dirty_db,
                reflectance_db: dirty_r,
            },
            f(800.0),
            Element::End {
                reflectance_db: Some(-14.0),
            },
        ],
    };
    let o = FibreType::G652D.optics(1550.0);
    let s = Settings {
        wavelength_nm: 1550.0,
        pulse_ns: 30.0,
        range_m: 5000.0,
        averaging_s: 30.0,
        ior: o.group_index,
        backscatter_db: o.backscatter_db,
    };
    let a = analyse(
        &acquire(&link, &s, &mut fibrelab::rng::SimRng::new(5, 0)),
        &Thresholds::default(),
    );
    let seen = a
        .events
        .iter()
        .find(|e| (e.distance_m - 1200.0).abs() < 2.0)
        .and_then(|e| e.loss_db)
        .expect("the dirty connector on the trace, at 1.2 km");
    assert!(
        (seen - dirty_db).abs() < 0.05,
        "OTDR {seen:.3} dB, mated pair {dirty_db:.3} dB"
    );
    // The power meter through the same link (2 km × 0.19 dB/km = 0.38 dB of fibre), one
    // cord, clean end connections of 0.15 dB each: 0.38 + 0.8 + 0.30.
    let il = insertion_loss_db(
        reference_dbm(-5.0, &[]),
        measured_dbm(-5.0, 0.15, 2.0 * o.attenuation_db_per_km + dirty_db, 0.15),
    );
    assert!((il - (0.38 + dirty_db + 0.30)).abs() < 1e-6, "{il}");
    assert!((dirty_db - 0.8).abs() < 0.01);
}
