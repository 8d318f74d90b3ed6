//! Routing rules and teaching models (issue 11, point 1): anchor or suspension, the
//! distances to power lines and roads, the trench, a split pull, blowing, a decayed
//! pole. Each expected value is worked out by hand in the comment beside it, from the
//! formulas and tables of ROUTING.md, never taken from the code.

use fibrelab::physics::blowing::{BlowFill, blow_fill, reach_m};
use fibrelab::physics::clearance::{approach_kept, approach_limit_m};
use fibrelab::physics::hardware::{AnchorRule, Hardware, LinePole, choose};
use fibrelab::physics::pole::resisting_moment_nm;
use fibrelab::physics::pulling::{Segment, parse_route, split_pulls, tight_bends};
use fibrelab::physics::trench::{Zone, mesh_band_m, min_trench_bottom_m};

fn line(devs: &[f64], spans: &[(f64, bool)]) -> Vec<LinePole> {
    (0..devs.len())
        .map(|i| LinePole {
            deviation_deg: devs[i],
            before: (i > 0).then(|| spans[i - 1]),
            after: spans.get(i).copied(),
        })
        .collect()
}

#[test]
fn r04_anchor_or_suspension_along_eight_poles() {
    // ROUTING R-04: P1…P8, deviations 0,10,30,0,0,0,0,0; a road between P5 and P6;
    // spans 30 m then 55 m at P3, the others 45 m.
    let spans = [
        (45.0, false),
        (30.0, false),
        (55.0, false),
        (45.0, false),
        (45.0, true),
        (45.0, false),
        (45.0, false),
    ];
    let devs = [0.0, 10.0, 30.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    let got: Vec<_> = choose(&line(&devs, &spans), 4);
    use AnchorRule as R;
    use Hardware::{Anchor as A, Suspension as S};
    let expected = [
        (A, Some(R::LineEnd)),
        (S, None),
        // 30° > 25° comes first in the table, before the unbalanced spans.
        (A, Some(R::Angle)),
        (S, None),
        (A, Some(R::RoadCrossing)),
        (A, Some(R::RoadCrossing)),
        (S, None),
        (A, Some(R::LineEnd)),
    ];
    assert_eq!(got, expected);
    // P3 straight on, the spans 30/55 unbalanced (55/30 = 1.83 > 1.5): still an anchor.
    let devs2 = [0.0, 10.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0];
    assert_eq!(
        choose(&line(&devs2, &spans), 4)[2],
        (A, Some(R::UnbalancedSpans))
    );
    // Without the road and the angle, and balanced spans: P2…P5 suspensions, P6 the
    // fifth in a row takes an anchor, P7 a suspension, P8 the end.
    let flat = [(45.0, false); 7];
    let zero = [0.0; 8];
    let kinds: Vec<Hardware> = choose(&line(&zero, &flat), 4)
        .into_iter()
        .map(|(h, _)| h)
        .collect();
    assert_eq!(kinds, [A, S, S, S, S, A, S, A]);
    assert_eq!(choose(&line(&zero, &flat), 4)[5].1, Some(R::Alignment));
    // With the count at three (Telenco's figure-8 note): the anchor comes at P5.
    assert_eq!(choose(&line(&zero, &flat), 3)[4], (A, Some(R::Alignment)));
}

#[test]
fn distances_to_a_power_line() {
    // Arrêté du 5 juillet 2024: 3 m to a bare LV line, 5 m above 50 kV, none for an
    // insulated twisted line.
    assert_eq!(approach_limit_m(0.4, true), Some(3.0));
    assert_eq!(approach_limit_m(20.0, true), Some(3.0));
    assert_eq!(approach_limit_m(63.0, true), Some(5.0));
    assert_eq!(approach_limit_m(0.4, false), None);
    // R-01 (c): a bare LV line 2.4 m above the working point: refused whatever the tool.
    assert!(!approach_kept(2.4, 0.0, 0.4, true));
    // 3.5 m away with a 0.6 m tool: 2.9 m left, refused; with a 0.4 m tool, 3.1 m: kept.
    assert!(!approach_kept(3.5, 0.6, 0.4, true));
    assert!(approach_kept(3.5, 0.4, 0.4, true));
}

#[test]
fn r12_trench_depths_and_mesh() {
    // Road: 0.85 m of cover + a 45 mm duct + 5 cm of sand = 0.945 m; mesh 0.20–0.30 m
    // above the duct top at 0.85 m: 0.55–0.65 m deep.
    assert!((min_trench_bottom_m(Zone::Road, 0.045) - 0.945).abs() < 1e-12);
    let (a, b) = mesh_band_m(Zone::Road);
    assert!((a - 0.55).abs() < 1e-12 && (b - 0.65).abs() < 1e-12);
    // Pavement: 0.65 + 0.045 + 0.05 = 0.745 m, mesh at 0.35–0.45 m.
    assert!((min_trench_bottom_m(Zone::Pavement, 0.045) - 0.745).abs() < 1e-12);
    let (a, b) = mesh_band_m(Zone::Pavement);
    assert!((a - 0.35).abs() < 1e-12 && (b - 0.45).abs() < 1e-12);
    // Farmland 1 m of cover, other ground 0.50 m.
    assert!((min_trench_bottom_m(Zone::Farmland, 0.04) - 1.09).abs() < 1e-12);
    assert!((min_trench_bottom_m(Zone::Other, 0.04) - 0.59).abs() < 1e-12);
}

#[test]
fn r01_a_decayed_pole_resists_less() {
    // π·55e6·0.2³/32 = π·55e6·0.008/32 = 43 197 N·m.
    let sound = resisting_moment_nm(55e6, 0.20, 0.0);
    assert!((sound - 43_197.0).abs() < 1.0, "{sound}");
    // A 0.10 m hollow: (0.008 − 0.001)/0.008 = 0.875 → 37 798 N·m.
    let hollow = resisting_moment_nm(55e6, 0.20, 0.10);
    assert!((hollow / sound - 0.875).abs() < 1e-12);
    // External rot down to 0.17 m: (0.17/0.20)³ = 0.614125.
    let rot = resisting_moment_nm(55e6, 0.17, 0.0);
    assert!((rot / sound - 0.614_125).abs() < 1e-9);
}

#[test]
fn r09_a_long_pull_split_at_the_middle_chamber() {
    // ROUTING R-09 with w = 1.207 N/m, μ = 0.35 (the makers' benchmark), T0 = 100 N.
    // Section 1 (C1→C3): S250, B45, S100, B90, S50; at C3 a 20° deviation; section 2
    // (C3→C5): S150, B30, S200, B90, S100.
    let s1 = parse_route("S250,B45,S100,B90,S50").expect("s1");
    let s2 = parse_route("B20,S150,B30,S200,B90,S100").expect("s2");
    let (w, mu) = (1.207, 0.35);
    let e = |deg: f64| fibrelab::math::exp(mu * deg.to_radians());
    let f = mu * w; // 0.42245 N per metre of straight
    // Whole pull from C1, by hand:
    let mut t = 100.0 + f * 250.0; // 205.61
    t *= e(45.0); // ×1.3166
    t += f * 100.0;
    t *= e(90.0); // ×1.7333
    t += f * 50.0;
    let at_c3 = t;
    t *= e(20.0);
    t += f * 150.0;
    t *= e(30.0);
    t += f * 200.0;
    t *= e(90.0);
    t += f * 100.0;
    let whole = split_pulls(&[s1.clone(), s2.clone()], &[], true, w, mu, 100.0);
    assert_eq!(whole.len(), 1);
    assert!(
        (whole[0].max_tension_n() - t).abs() < 1e-6,
        "{} {t}",
        whole[0].max_tension_n()
    );
    assert!(t > 1500.0, "one pull goes over the cable's 1500 N: {t}");
    // Split at C3: the first part ends at `at_c3`; the second starts from the
    // figure-eight with no back-tension: 0 × e(20°) + f·150 …
    let mut t2 = 0.0 * e(20.0) + f * 150.0;
    t2 *= e(30.0);
    t2 += f * 200.0;
    t2 *= e(90.0);
    t2 += f * 100.0;
    let split = split_pulls(&[s1, s2], &[1], true, w, mu, 100.0);
    assert_eq!(split.len(), 2);
    assert!((split[0].max_tension_n() - at_c3).abs() < 1e-6);
    assert!((split[1].max_tension_n() - t2).abs() < 1e-6);
    assert!(at_c3 < 1500.0 && t2 < 1500.0, "{at_c3} {t2}");
}

#[test]
fn a_sweep_tighter_than_the_loaded_radius_is_found() {
    // 12.3 mm cable: 20 × OD = 0.246 m under tension; a 0.2 m sweep is too tight, a
    // 0.5 m one is fine, a bend of unknown radius is not judged.
    let r = parse_route("S10,B90R0.2,S5,B90R0.5,B45").expect("route");
    assert_eq!(tight_bends(&r, 0.246), vec![1]);
    assert!(matches!(r[1], Segment::Bend { .. }));
}

#[test]
fn blowing_teaching_model() {
    // 10 bar, 40 % fill, 180° of bends: 216·10/(1 + 0.1·2) = 1800 m.
    assert!((reach_m(10.0, 0.40, 180.0) - 1800.0).abs() < 1e-9);
    // 5.5 mm in ID 8: (5.5/8)² = 47.3 % in the window; 6.0: 56.25 % refused;
    // 4.0: 25 %, loose: 0.6 + 0.4·0.25/0.30 = 0.9333 of the reach.
    assert_eq!(blow_fill(0.473), BlowFill::Window);
    assert_eq!(blow_fill(0.5625), BlowFill::TooFull);
    assert_eq!(blow_fill(0.25), BlowFill::Loose);
    assert!((reach_m(10.0, 0.25, 0.0) - 2160.0 * (0.6 + 0.4 * 0.25 / 0.30)).abs() < 1e-9);
    // 56.25 %: 6.25 points over the 50 % bound, of a 10-point margin: 0.375 of the reach.
    assert!((reach_m(10.0, 0.5625, 0.0) - 2160.0 * 0.375).abs() < 1e-9);
}

/// The horizontal tension after the parabolic change of state, solved here on its own
/// (Newton on the cubic, not the program's bisection): from `t1` under `w1` to `w2` over a
/// span of `l`, for E·A = 2×10⁵ N and no change of temperature,
/// T2²·(T2 − T1 + E·A·w1²·l²/(24·T1²)) = E·A·w2²·l²/24.
fn changed_state(l: f64, t1: f64, w1: f64, w2: f64) -> f64 {
    let ea = 2.0e5;
    let c = t1 - ea * w1 * w1 * l * l / (24.0 * t1 * t1);
    let k = ea * w2 * w2 * l * l / 24.0;
    let mut t = t1;
    for _ in 0..60 {
        t -= (t * t * (t - c) - k) / (3.0 * t * t - 2.0 * c * t);
    }
    t
}

/// the load studies of the shipped scenarios against the hand
/// calculations written in their clean scripts. The cable laid at 613 N in still air
/// (0.981 N/m) is in the 480 Pa wind at √(0.981² + (480 × 0.010)²) = 4.899 N/m; its
/// tension there is the change of state over its section's ruling span (sections end at
/// the anchors: the line's ends and the angles over 25°). The pole's own wind is
/// 480 × 6.5² × (0.20 + 2 × 0.14)/6 = 1622.4 N·m; the moment is taken over 6.25 m.
#[test]
fn the_shipped_load_studies_read_as_worked_by_hand() {
    use fibrelab::exercise::{Exercise, ModuleState};
    let load = |f: &str| {
        let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/routing")
            .join(f);
        fibrelab::scenario::load::load_file(&p)
            .expect("scenario")
            .scenario
    };
    let pole_wind = 480.0 * 6.5 * 6.5 * (0.20 + 2.0 * 0.14) / 6.0;
    let (w1, w2) = (0.981, (0.981f64 * 0.981 + 4.8 * 4.8).sqrt());
    assert!((w2 - 4.899).abs() < 1e-3);
    let at = |l: f64| changed_state(l, 613.0, w1, w2);
    // R-03's span of 50 m in the same wind: about 1031 N (ROUTING R-03).
    assert!((at(50.0) - 1031.0).abs() < 1.0, "{}", at(50.0));
    // R-07's sections: B1–B3 (30 + 45 m) and B3–B6 (35 + 50 + 40 m).
    let ruling =
        |s: &[f64]| (s.iter().map(|l| l * l * l).sum::<f64>() / s.iter().sum::<f64>()).sqrt();
    let (ta, tb) = (at(ruling(&[30.0, 45.0])), at(ruling(&[35.0, 50.0, 40.0])));
    assert!((ruling(&[30.0, 45.0]) - 39.686).abs() < 1e-3);
    let t40 = at(40.0);
    let s20 = fibrelab::math::sin(20f64.to_radians());
    let cases: [(&str, &str, f64, f64); 8] = [
        // A2: 90°, spans 40/40 (each its own section), 1000 N.
        (
            "angle-guy-practice.ron",
            "A2",
            ((2.0f64.sqrt() * t40 + 192.0) * 6.3 + pole_wind) / 6.25,
            1000.0,
        ),
        // P2: fibre and copper at 40°, spans 40/50 (two sections), 2000 N; the copper at
        // its given 800 N.
        (
            "shared-pole-assessment.ron",
            "P2",
            {
                let t50 = at(50.0);
                let r = (t40 * t40 + t50 * t50
                    - 2.0 * t40 * t50 * fibrelab::math::cos(40f64.to_radians()))
                .sqrt();
                ((r + 216.0) * 6.3 + (2.0 * 800.0 * s20 + 259.2) * 5.8 + pole_wind) / 6.25
            },
            2000.0,
        ),
        (
            "overloaded-line-assessment.ron",
            "B1",
            ((ta + 72.0) * 6.3 + pole_wind) / 6.25,
            2500.0,
        ),
        // In line inside one section: the tensions cancel.
        (
            "overloaded-line-assessment.ron",
            "B2",
            (180.0 * 6.3 + pole_wind) / 6.25,
            2000.0,
        ),
        // The corner between the two sections: √(Ta² + Tb²).
        (
            "overloaded-line-assessment.ron",
            "B3",
            (((ta * ta + tb * tb).sqrt() + 192.0) * 6.3 + pole_wind) / 6.25,
            1200.0,
        ),
        (
            "overloaded-line-assessment.ron",
            "B4",
            (204.0 * 6.3 + pole_wind) / 6.25,
            2000.0,
        ),
        (
            "overloaded-line-assessment.ron",
            "B5",
            (216.0 * 6.3 + pole_wind) / 6.25,
            2000.0,
        ),
        (
            "overloaded-line-assessment.ron",
            "B6",
            ((tb + 96.0) * 6.3 + pole_wind) / 6.25,
            800.0,
        ),
    ];
    for (file, pole, f_eq, nominal) in cases {
        let ex = Exercise::generate(&load(file), 1);
        let ModuleState::Routing(st) = &ex.state else {
            panic!("{file}: a routing bench");
        };
        let i = st.site.pole_index(pole).expect("pole");
        let s = st.aerial.study(&st.site, i).expect("a study");
        assert!(
            (s.equivalent_head_force_n - f_eq).abs() < 0.5,
            "{pole}: {} N, {f_eq} N by hand",
            s.equivalent_head_force_n
        );
        assert!((s.utilisation - f_eq / nominal).abs() < 1e-3, "{pole}");
    }
    // B3 at about 151 % (111 % with the laying tension).
    let b3 = (((ta * ta + tb * tb).sqrt() + 192.0) * 6.3 + pole_wind) / 6.25 / 1200.0;
    assert!((b3 - 1.51).abs() < 0.005, "{b3}");
    // The guys: R_h = M/h, T = R_h·√(h² + d²)/d. At B3, 6 m out pulls about 2.6 kN, over
    // the crew's 2.5 kN guy; 8 m out about 2.29 kN. At A2 likewise 2581 and 2266 N.
    for (file, pole, m) in [
        (
            "overloaded-line-assessment.ron",
            "B3",
            ((ta * ta + tb * tb).sqrt() + 192.0) * 6.3 + pole_wind,
        ),
        (
            "angle-guy-practice.ron",
            "A2",
            (2.0f64.sqrt() * t40 + 192.0) * 6.3 + pole_wind,
        ),
    ] {
        let ex = Exercise::generate(&load(file), 1);
        let ModuleState::Routing(st) = &ex.state else {
            panic!("a routing bench");
        };
        let i = st.site.pole_index(pole).expect("pole");
        let rh = m / 6.3;
        for d in [3.0, 6.0, 8.0] {
            let t = rh * (6.3f64 * 6.3 + d * d).sqrt() / d;
            let g = st.aerial.guy_for(&st.site, i, d).expect("guy");
            assert!(
                (g.tension_n - t).abs() < 0.5,
                "{pole} d {d}: {} vs {t}",
                g.tension_n
            );
        }
        let six = rh * (6.3f64 * 6.3 + 36.0).sqrt() / 6.0;
        let eight = rh * (6.3f64 * 6.3 + 64.0).sqrt() / 8.0;
        assert!(six > 2500.0 && eight < 2500.0, "{pole}: {six} {eight}");
    }
}
