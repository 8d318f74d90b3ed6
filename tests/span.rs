//! A cable hung between two poles (issue 11, point 1, aerial), against the worked
//! numbers of ROUTING.md §2.2 and REFERENCE.md E.3 and values worked out by hand.

#[path = "common/sandbox.rs"]
mod sandbox;
use fibrelab::physics::span::{
    arc_length_m, lowest_point, sag_for_tension_catenary, sag_for_tension_parabola,
    tension_for_sag_catenary, tension_for_sag_parabola,
};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn the_base_case_of_routing_2_2() {
    // 50 m, 0.1 kg/m taken as 0.981 N/m, 0.5 m sag: 0.981 × 2500 / 4 = 613.1 N; the
    // catenary's sag at that tension is 0.50007 m (p = 625 m, 625 × (cosh 0.04 − 1));
    // the cable is 50.013 m long.
    let t = tension_for_sag_parabola(0.981, 50.0, 0.5);
    assert!(close(t, 613.125, 1e-9));
    assert!(close(
        sag_for_tension_catenary(0.981, 50.0, t),
        0.50007,
        2e-5
    ));
    assert!(close(arc_length_m(50.0, 0.5), 50.0133, 1e-4));
    // Telenco's field example in exact SI (0.1 kg/m × 9.80665): 61.3 daN.
    let t = tension_for_sag_parabola(0.1 * 9.80665, 50.0, 0.5);
    assert!(close(t / 10.0, 61.3, 0.05), "{t}");
}

#[test]
fn the_examples_of_reference_e_3() {
    // 80 g/m (0.785 N/m), 40 m, 800 N: 0.785 × 1600 / 6400 = 0.196 m (E.3: 0.20 m).
    assert!(close(
        sag_for_tension_parabola(0.785, 40.0, 800.0),
        0.19625,
        1e-9
    ));
    // 1.18 N/m, 80 m, 1500 N: 1.18 × 6400 / 12000 = 0.629 m (E.3: 0.63 m); the catenary
    // agrees to the millimetre at these ratios.
    let p = sag_for_tension_parabola(1.18, 80.0, 1500.0);
    assert!(close(p, 0.6293, 1e-4));
    assert!(close(sag_for_tension_catenary(1.18, 80.0, 1500.0), p, 1e-3));
}

#[test]
fn the_catenary_tension_for_a_sag_inverts_its_sag() {
    for (w, l, t) in [
        (0.981, 50.0, 613.0),
        (4.9, 35.0, 1031.0),
        (15.2, 100.0, 1890.0),
    ] {
        let f = sag_for_tension_catenary(w, l, t);
        let back = tension_for_sag_catenary(w, l, f);
        assert!(close(back, t, 1e-6 * t), "{w} {l} {t}: {back}");
        // A deep sag: the catenary needs a little more tension than the parabola says.
        assert!(back >= tension_for_sag_parabola(w, l, f));
    }
}

#[test]
fn on_an_inclined_span_the_lowest_point_moves_toward_the_lower_pole() {
    // 50 m from 6 m down to 5 m, 0.5 m sag: x = 25 + 1 × 50 / (8 × 0.5) = 37.5 m;
    // y = 6 − 37.5/50 − 4 × 0.5 × 37.5 × 12.5 / 2500 = 6 − 0.75 − 0.375 = 4.875 m.
    let (x, y) = lowest_point(50.0, 6.0, 5.0, 0.5);
    assert!(close(x, 37.5, 1e-9) && close(y, 4.875, 1e-9));
    // Level: mid-span, one sag under the attachments.
    assert_eq!(lowest_point(40.0, 6.0, 6.0, 0.4), (20.0, 5.6));
    // From 6 m down to 2 m, the chord falls faster than the cable sags: x would be
    // 25 + 4 × 50 / 4 = 75 m, past B: the lowest point is pole B itself.
    assert_eq!(lowest_point(50.0, 6.0, 2.0, 0.5), (50.0, 2.0));
}

#[test]
fn the_span_calculator_gives_both_models_and_names_bad_heights() {
    let bin = env!("CARGO_BIN_EXE_fibrelab");
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args([
            "--lang", "en", "calc", "span", "--length", "50", "--weight", "0.981",
        ])
        .args(["--sag", "0.5", "--heights", "6,5", "--json"])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert!(close(
        v["parabola"]["tension_n"].as_f64().unwrap(),
        613.125,
        1e-6
    ));
    assert!(close(
        v["lowest_point"]["from_a_m"].as_f64().unwrap(),
        37.5,
        1e-6
    ));
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args([
            "--lang", "fr", "calc", "span", "--length", "50", "--weight", "0.981",
        ])
        .args(["--tension", "613.125"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("flèche 0,500 m") && text.contains("61,3 daN"),
        "{text}"
    );
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args([
            "--lang", "fr", "calc", "span", "--length", "50", "--weight", "1",
        ])
        .args(["--sag", "0.5", "--heights", "6;5"])
        .output()
        .expect("run");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("« 6;5 »"));
}
