//! Pulling tension along a duct route (issue 11, point 1, underground), against values
//! worked out by hand from the formulas of ROUTING.md §3.4 and its CommScope table.

#[path = "common/sandbox.rs"]
mod sandbox;
use fibrelab::physics::pulling::{Segment, parse_route, pull, reversed};

fn close(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

#[test]
fn the_capstan_multipliers_match_the_table_of_routing_3_4() {
    // The table: 45° and 90° for μ = 0.15, 0.35, 0.50, 0.70 (1.125, 1.316, 1.481, 1.73;
    // 1.266, 1.733, 2.193, 3.00).
    for (mu, m45, m90) in [
        (0.15, 1.125, 1.266),
        (0.35, 1.316, 1.733),
        (0.50, 1.481, 2.193),
        (0.70, 1.73, 3.00),
    ] {
        let bend = |a: f64| {
            pull(
                &[Segment::Bend {
                    angle_deg: a,
                    radius_m: None,
                }],
                0.0,
                mu,
                1000.0,
            )
            .final_tension_n()
        };
        assert!(close(bend(45.0) / 1000.0, m45, 0.005), "μ {mu} 45°");
        assert!(close(bend(90.0) / 1000.0, m90, 0.01), "μ {mu} 90°");
    }
}

#[test]
fn a_route_of_straights_bends_and_a_slope_worked_by_hand() {
    // w = 1.5 N/m, μ = 0.5, drum braked to 100 N.
    // S100: 100 + 0.5 × 1.5 × 100 = 175 N.
    // B90 R0.5: 175 × e^(0.5 × π/2) = 175 × 2.1933 = 383.8 N; sidewall 383.8 / 0.5 = 767.7 N/m.
    // S50@10 (uphill): + 1.5 × 50 × (sin 10° + 0.5 cos 10°) = 75 × (0.17365 + 0.49240)
    //   = 49.95 N → 433.8 N.
    let route = parse_route("S100,B90R0.5,S50@10").unwrap();
    let p = pull(&route, 1.5, 0.5, 100.0);
    let t: Vec<f64> = p.nodes.iter().map(|n| n.tension_n).collect();
    assert!(close(t[1], 175.0, 0.01), "{t:?}");
    assert!(close(t[2], 383.8, 0.1), "{t:?}");
    assert!(close(p.nodes[2].sidewall_n_per_m.unwrap(), 767.7, 0.2));
    assert!(close(t[3], 433.8, 0.1), "{t:?}");
    assert_eq!(p.nodes[3].at_m, 150.0);
    assert!(close(p.max_tension_n(), 433.8, 0.1));

    // From the other end: S50 going down 10°, then the bend, then S100.
    // S50@−10: 100 + 75 × (−0.17365 + 0.49240) = 100 + 23.91 = 123.9 N.
    // B90: × 2.1933 = 271.8 N (sidewall 543.5 N/m). S100: + 75 = 346.8 N.
    let back = pull(&reversed(&route), 1.5, 0.5, 100.0);
    assert!(close(back.nodes[1].tension_n, 123.9, 0.1));
    assert!(
        close(back.final_tension_n(), 346.8, 0.2),
        "{:?}",
        back.nodes
    );
    assert!(close(back.max_sidewall_n_per_m().unwrap(), 543.5, 0.3));
    // Fed at the end nearest the bend, the winch pulls less (ROUTING §3.4).
    assert!(back.final_tension_n() < p.final_tension_n());
}

#[test]
fn a_steep_downhill_cannot_push_the_tension_below_nothing() {
    // 30° down with μ = 0.2: w·L·(−0.5 + 0.2 × 0.866) = 2 × 100 × (−0.3268) = −65.4 N,
    // from 20 N: the cable would slide by itself; the tension stays at 0, then the flat
    // 10 m adds 0.2 × 2 × 10 = 4 N.
    let p = pull(&parse_route("S100@-30,S10").unwrap(), 2.0, 0.2, 20.0);
    assert_eq!(p.nodes[1].tension_n, 0.0);
    assert!(close(p.final_tension_n(), 4.0, 1e-9));
}

#[test]
fn the_calculator_prints_both_directions_and_names_a_bad_piece() {
    let bin = env!("CARGO_BIN_EXE_fibrelab");
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args([
            "--lang",
            "en",
            "calc",
            "pull",
            "--route",
            "S100,B90R0.5,S50@10",
        ])
        .args([
            "--weight",
            "1.5",
            "--mu",
            "0.5",
            "--back-tension",
            "100",
            "--json",
        ])
        .output()
        .expect("run");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    // The hand-worked values of the test above: 433.8 N one way, 346.8 N the other.
    let eye = |k: &str| v[k]["final_tension_n"].as_f64().unwrap();
    assert!(close(eye("fed_at_start"), 433.8, 0.1));
    assert!(close(eye("fed_at_end"), 346.8, 0.2));
    assert!(close(
        v["fed_at_start"]["max_sidewall_n_per_m"].as_f64().unwrap(),
        767.7,
        0.2
    ));
    // A table by default, in French with a decimal comma and the daN.
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args([
            "--lang",
            "fr",
            "calc",
            "pull",
            "--route",
            "S100,B90R0.5,S50@10",
        ])
        .args(["--weight", "1.5", "--mu", "0.5", "--back-tension", "100"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("433,8 N (43,4 daN)"), "{text}");
    // A typo names its piece, in the user's language.
    let out = std::process::Command::new(bin)
        .envs(sandbox::env())
        .args([
            "--lang", "fr", "calc", "pull", "--route", "S100,B9O", "--weight", "1", "--mu", "0.3",
        ])
        .output()
        .expect("run");
    assert!(!out.status.success());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("élément 2") && err.contains("B9O"), "{err}");
}
