//! A pole's load study (issue 11, point 1, aerial), against values worked out by hand
//! from the formulas of ROUTING.md §2.5.

#[path = "common/sandbox.rs"]
mod sandbox;
use fibrelab::physics::pole::{Deviation, Pole, PoleCable, resultant_n, study};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn pole(nominal_n: f64) -> Pole {
    Pole {
        height_m: 8.0,
        base_diameter_m: 0.25,
        top_diameter_m: 0.15,
        nominal_n,
        reference_height_m: 7.75,
    }
}

#[test]
fn an_angle_pole_with_one_cable_in_the_wind_worked_by_hand() {
    // One cable: 1000 N, 12 mm, at 7.5 m, 40 m spans each side, the line turning 20°.
    // Resultant 2 × 1000 × sin 10° = 347.30 N; wind 480 × 0.012 × (40 + 40)/2 = 230.40 N;
    // moment (347.30 + 230.40) × 7.5 = 4332.8 N·m.
    // Wind on the pole: 480 × 8² × (0.25 + 2 × 0.15) / 6 = 2816.0 N·m.
    // Ground line 7148.8 N·m; head force 7148.8 / 7.75 = 922.4 N: 18.4 % of 5000 N.
    let c = PoleCable {
        tensions_n: (1000.0, 1000.0),
        diameter_m: 0.012,
        height_m: 7.5,
        spans_m: (40.0, 40.0),
        deviation: Deviation::Angle(20.0),
    };
    let s = study(&pole(5000.0), &[c], 480.0);
    assert!(close(s.cables[0].resultant_n, 347.30, 0.01));
    assert!(close(s.cables[0].wind_n, 230.40, 1e-9));
    assert!(close(s.cables[0].moment_nm, 4332.8, 0.1));
    assert!(close(s.pole_wind_moment_nm, 2816.0, 1e-9));
    assert!(close(s.ground_moment_nm, 7148.8, 0.1));
    assert!(close(s.equivalent_head_force_n, 922.4, 0.1));
    assert!(close(s.utilisation, 0.1845, 0.0005));
    assert!(close(s.available_n, 5000.0 - 922.4, 0.1));
}

#[test]
fn a_dead_end_pulls_its_whole_tension_and_can_overload_the_pole() {
    // 1500 N ending at 7.5 m, no wind: 1500 × 7.5 / 7.75 = 1451.6 N on a 1000 N pole:
    // 145 %, 451.6 N short.
    let c = PoleCable {
        tensions_n: (1500.0, 1500.0),
        diameter_m: 0.01,
        height_m: 7.5,
        spans_m: (35.0, 0.0),
        deviation: Deviation::DeadEnd,
    };
    let s = study(&pole(1000.0), &[c, c], 0.0);
    // Two of them: twice the moment.
    assert!(close(s.equivalent_head_force_n, 2.0 * 1451.61, 0.02));
    let one = study(&pole(1000.0), &[c], 0.0);
    assert!(close(one.utilisation, 1.4516, 1e-4));
    assert!(close(one.available_n, -451.61, 0.01));
    // Straight on, a cable's tension balances itself; a right angle pulls √2·T.
    assert_eq!(resultant_n((1000.0, 1000.0), Deviation::Angle(0.0)), 0.0);
    assert!(close(
        resultant_n((1000.0, 1000.0), Deviation::Angle(90.0)),
        1414.21,
        0.01
    ));
    // Two sections pulling differently: 900 and 1000 N at a right angle, √(900² + 1000²)
    // = 1345.36 N; straight on, the difference, 100 N; turning 40°,
    // √(900² + 1000² − 2 × 900 × 1000 × cos 40°) = 656.60 N.
    assert!(close(
        resultant_n((900.0, 1000.0), Deviation::Angle(90.0)),
        1345.36,
        0.01
    ));
    assert!(close(
        resultant_n((900.0, 1000.0), Deviation::Angle(0.0)),
        100.0,
        1e-6
    ));
    assert!(close(
        resultant_n((900.0, 1000.0), Deviation::Angle(40.0)),
        656.60,
        0.01
    ));
}

#[test]
fn the_pole_calculator_gives_the_study_and_names_a_bad_cable() {
    let bin = env!("CARGO_BIN_EXE_fibrelab");
    let base = [
        "calc",
        "pole",
        "--height",
        "8",
        "--base-diameter",
        "0.25",
        "--top-diameter",
        "0.15",
        "--nominal",
        "5000",
        "--reference-height",
        "7.75",
        "--wind",
        "480",
    ];
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args(["--lang", "en"])
        .args(base)
        .args([
            "--cable",
            "tension=1000,diameter=0.012,height=7.5,spans=40/40,deviation=20",
        ])
        .arg("--json")
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(close(
        v["equivalent_head_force_n"].as_f64().unwrap(),
        922.4,
        0.1
    ));
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args(["--lang", "fr"])
        .args(base)
        .args([
            "--cable",
            "tension=1000,diametre=0.012,height=7.5,spans=40/40",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("Câble 1") && err.contains("diametre"), "{err}");
}

#[test]
fn a_guy_holds_the_load_at_its_angle() {
    // Attached at 6 m, anchored 4 m away: tan φ = 1.5, φ = 56.31°, cos φ = 4 / √52 =
    // 0.5547. For 1000 N: the guy pulls 1000 / 0.5547 = 1802.8 N and presses the pole
    // down by 1000 × 1.5 = 1500 N. Anchored farther (8 m) the guy pulls less (1250 N:
    // 1000 × 10 / 8) and presses less (750 N).
    let g = fibrelab::physics::pole::guy(1000.0, 6.0, 4.0);
    assert!(close(g.angle_deg, 56.31, 0.01));
    assert!(close(g.tension_n, 1802.78, 0.01));
    assert!(close(g.compression_n, 1500.0, 1e-9));
    let far = fibrelab::physics::pole::guy(1000.0, 6.0, 8.0);
    assert!(close(far.tension_n, 1250.0, 1e-6) && close(far.compression_n, 750.0, 1e-9));
}
