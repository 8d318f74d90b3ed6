//! The work order (OT) as scenario input, and its route optique read against the plan de
//! boîte in the field (issue 28, point 1): the route of FTTH-JOBS §2.3 lands where the
//! reference says (fibre n° 14, cassette 1, position 2 of PBO-42); a route that does not
//! hold gives the Interop'Fibre code to stop and report with (FTTH-JOBS §2.4: FINT06 for
//! a fibre that serves another customer, FINT07 for a route that does not exist here);
//! an OT that cannot be read is told at its FILE:LINE:COL.

#[path = "common/sandbox.rs"]
mod sandbox;

use std::path::PathBuf;
use std::process::Command;

use fibrelab::i18n::Lang;
use fibrelab::physics::cable::{Colour, ColourCode};
use fibrelab::scenario::closure::Plan;
use fibrelab::scenario::closure::order::{RouteFinding, WorkOrder, check_route, pto_ok};
use fibrelab::scenario::load::{load_order_str, load_plan_str};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn pbo42() -> Plan {
    let text = std::fs::read_to_string(root().join("assets/plans/pbo-42.ron")).unwrap();
    load_plan_str(&text, "pbo-42.ron").unwrap_or_else(|d| panic!("{}", d[0].render(Lang::En)))
}

fn shipped_text() -> String {
    std::fs::read_to_string(root().join("assets/orders/ot-suf-0005.ron")).unwrap()
}

fn shipped() -> WorkOrder {
    load_order_str(&shipped_text(), "ot-suf-0005.ron")
        .unwrap_or_else(|d| panic!("{}", d[0].render(Lang::En)))
}

/// The shipped order with its route's tube, fibre and premises changed.
fn route(tube: u32, fibre: u32, suf: &str) -> WorkOrder {
    let mut o = shipped();
    o.route.tube = tube;
    o.route.fibre = fibre;
    o.route.suf = suf.into();
    o
}

#[test]
fn the_route_of_the_reference_lands_where_it_says() {
    let plan = pbo42();
    // FTTH-JOBS §2.3: PBO-42, cable CB-0012, tube 2 = bleu, fibre 2 = bleu, fibre n° 14,
    // cassette 1, position 2, spliced (EP) for SUF-0002.
    let o = route(2, 2, "SUF-0002");
    assert_eq!(
        check_route(&o, &plan),
        RouteFinding::Holds {
            position: "PS-PBO42-01-02".into(),
            spliced: true
        }
    );
    let p = plan
        .positions
        .iter()
        .find(|p| p.ps_code == "PS-PBO42-01-02")
        .unwrap();
    assert_eq!(
        (p.ps_cs_code.as_str(), p.ps_numero),
        ("CS-PBO42-01", Some(2))
    );
    let f = plan.fibre(&p.ps_1).unwrap();
    assert_eq!(f.fo_nincab, 14);
    assert_eq!(
        f.colours(ColourCode::StandardOrange),
        (Some(Colour::Blue), Some(Colour::Blue))
    );
    // The reference's own words, where it is at hand.
    if let Ok(doc) = std::fs::read_to_string(root().join("../shared/domain/FTTH-JOBS.md")) {
        let from = doc.find("### 2.3").expect("§2.3");
        let section = &doc[from..from + 800.min(doc.len() - from)];
        for said in [
            "PBO-42",
            "tube 2 = bleu, fibre 2 = bleu",
            "fibre n° 14",
            "cassette 1, position 2",
            "épissure (EP)",
        ] {
            assert!(section.contains(said), "§2.3 no longer says {said:?}");
        }
    } else {
        eprintln!("../shared/domain/FTTH-JOBS.md not found: §2.3's words not compared");
    }
}

#[test]
fn the_shipped_order_holds_on_its_plan() {
    let o = shipped();
    assert_eq!(o.route.pto, "FI-3B5C-2D41");
    let found = check_route(&o, &pbo42());
    assert_eq!(
        found,
        RouteFinding::Holds {
            position: "PS-PBO42-01-05".into(),
            spliced: false
        }
    );
    assert_eq!(found.code(), None);
}

#[test]
fn a_route_that_does_not_hold_is_reported_with_its_code() {
    let plan = pbo42();
    // Fibre 13 (tube 2, fibre 1) is spliced for SUF-0001: FINT06, never "make room".
    let used = check_route(&route(2, 1, "SUF-0005"), &plan);
    assert_eq!(
        used,
        RouteFinding::AlreadyUsed {
            position: "PS-PBO42-01-01".into(),
            by: Some("SUF-0001".into())
        }
    );
    assert_eq!(used.code(), Some("FINT06"));
    let said = used.msg().render(Lang::Fr);
    assert!(
        said.contains("FINT06") && said.contains("SUF-0001") && said.contains("FD46"),
        "{said}"
    );
    // Fibre 18 waits, but for SUF-0006: taking it is taking another customer's line.
    assert_eq!(
        check_route(&route(2, 6, "SUF-0005"), &plan).code(),
        Some("FINT06")
    );
    // Fibre 21 waits for no one: free for this customer.
    assert_eq!(
        check_route(&route(2, 9, "SUF-0005"), &plan),
        RouteFinding::Holds {
            position: "PS-PBO42-01-09".into(),
            spliced: false
        }
    );
    // Tube 1 passes the box uncut (express): no route drops from it here.
    assert_eq!(
        check_route(&route(1, 1, "SUF-0005"), &plan).code(),
        Some("FINT07")
    );
    // No fifth tube in 48 fibres of 12, no thirteenth fibre in a tube.
    assert_eq!(
        check_route(&route(5, 1, "SUF-0005"), &plan).code(),
        Some("FINT07")
    );
    assert_eq!(
        check_route(&route(2, 13, "SUF-0005"), &plan).code(),
        Some("FINT07")
    );
    // Another cable's label at this box.
    let mut o = shipped();
    o.route.cable = "CB-0099".into();
    assert_eq!(check_route(&o, &plan), RouteFinding::DoesNotExist);
    // Another box: ARCEP's first criterion, before any code.
    let mut o = shipped();
    o.route.pbo = "PBO-43".into();
    let wrong = check_route(&o, &plan);
    assert_eq!(
        wrong,
        RouteFinding::WrongBox {
            here: "PBO-42".into()
        }
    );
    assert!(wrong.msg().render(Lang::En).contains("PBO-42"));
}

#[test]
fn pto_references_are_held_to_their_format() {
    for good in ["FI-0A2B-7C9D", "OO-XXXX-XXXX", "12-3456-7890"] {
        assert!(pto_ok(good), "{good}");
    }
    for bad in [
        "fi-0a2b-7c9d",
        "FI-0A2B7C9D",
        "FIX-0A2B-7C9D",
        "FI-0A2B-7C9",
        "FI-0A2B-7C9D-",
        "FI_0A2B_7C9D",
        "",
    ] {
        assert!(!pto_ok(bad), "{bad}");
    }
}

#[test]
fn an_order_that_cannot_be_read_is_told_where() {
    let text = shipped_text()
        .replace("pto: \"FI-3B5C-2D41\"", "pto: \"fi-3b5c-2d41\"")
        .replace("tube: 2,", "tube: 0,")
        .replace("number: \"CLI-0005\"", "number: \"=HYPERLINK(1)\"");
    let problems = load_order_str(&text, "ot.ron").expect_err("three problems");
    let at = |field: &str| {
        let line = 1 + text[..text.find(field).unwrap()].matches('\n').count();
        problems
            .iter()
            .find(|d| d.pos.line == line)
            .unwrap_or_else(|| panic!("nothing said at line {line} ({field})"))
            .render(Lang::En)
    };
    assert!(at("pto:").contains("fi-3b5c-2d41"), "{}", at("pto:"));
    assert!(at("tube:").contains("from 1"), "{}", at("tube:"));
    assert!(
        at("customer:").contains("=HYPERLINK(1)"),
        "{}",
        at("customer:")
    );
    assert_eq!(problems.len(), 3);
    for d in &problems {
        assert!(
            d.render(Lang::En).starts_with("ot.ron:"),
            "{}",
            d.render(Lang::En)
        );
    }
    // A typo in a field's name is refused by name.
    let typo = shipped_text().replace("staircase:", "stair:");
    let d = load_order_str(&typo, "ot.ron").expect_err("unknown field");
    assert!(
        d[0].render(Lang::En).contains("stair"),
        "{}",
        d[0].render(Lang::En)
    );
}

#[test]
fn the_command_line_checks_plans_and_orders() {
    let run = |lang: &str, files: &[PathBuf]| {
        let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
            .envs(sandbox::env())
            .args(["--lang", lang, "validate"])
            .args(files)
            .output()
            .expect("run fibrelab");
        (
            out.status.code(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
        )
    };
    let shipped = [
        root().join("assets/plans/pbo-42.ron"),
        root().join("assets/orders/ot-suf-0005.ron"),
    ];
    let (code, out) = run("en", &shipped);
    assert_eq!(code, Some(0), "{out}");
    let bad = sandbox::home().join("ot-bad.ron");
    std::fs::write(
        &bad,
        shipped_text().replace("pto: \"FI-3B5C-2D41\"", "pto: \"FI-3B5C\""),
    )
    .unwrap();
    let line = 1 + shipped_text()[..shipped_text().find("pto:").unwrap()]
        .matches('\n')
        .count();
    let (code, out) = run("fr", std::slice::from_ref(&bad));
    assert_eq!(code, Some(1), "{out}");
    let first = out.lines().next().unwrap_or_default();
    assert!(
        first.starts_with(&format!("{}:{line}:9: ", bad.display()))
            && first.contains("n'est pas une référence de PTO"),
        "{first}"
    );
}

#[test]
fn seeded_orders_vary_and_meet_what_they_were_drawn_for() {
    use fibrelab::rng::SimRng;
    use fibrelab::scenario::closure::order::{Variant, Variants, draw};
    let plan = pbo42();
    let base = shipped();
    let v = Variants {
        used_chance: 0.2,
        missing_chance: 0.2,
    };
    let mut counts = std::collections::HashMap::new();
    let mut fibres = std::collections::HashSet::new();
    for seed in 0..300 {
        let (o, variant) = draw(&base, &plan, &v, &mut SimRng::new(seed, 0)).expect("a draw");
        // The same seed draws the same order.
        assert_eq!(
            draw(&base, &plan, &v, &mut SimRng::new(seed, 0)).map(|d| d.0),
            Some(o.clone())
        );
        let found = check_route(&o, &plan);
        let meant = match variant {
            Variant::Holds => matches!(found, RouteFinding::Holds { spliced: false, .. }),
            Variant::AlreadyUsed => found.code() == Some("FINT06"),
            Variant::DoesNotExist => found.code() == Some("FINT07"),
        };
        assert!(
            meant,
            "seed {seed}: drawn {variant:?}, the field says {found:?}"
        );
        // Only the route changes.
        assert_eq!(
            (&o.number, &o.address, &o.route.pbo),
            (&base.number, &base.address, &base.route.pbo)
        );
        *counts.entry(variant).or_insert(0u32) += 1;
        if variant == Variant::Holds {
            fibres.insert((o.route.tube, o.route.fibre, o.route.suf.clone()));
        }
    }
    // 300 draws at 20 %, 20 %, 60 %: each within four standard deviations.
    for (variant, p) in [
        (Variant::AlreadyUsed, 0.2_f64),
        (Variant::DoesNotExist, 0.2),
        (Variant::Holds, 0.6),
    ] {
        let n = counts.get(&variant).copied().unwrap_or(0) as f64;
        let sd = (300.0 * p * (1.0 - p)).sqrt();
        assert!((n - 300.0 * p).abs() < 4.0 * sd, "{variant:?}: {n} of 300");
    }
    // PBO-42's four pre-assigned fibres waiting (SUF-0005 to 0008), each for its own
    // premises; the four spare ones go to no one, SUF-0005 having a fibre already.
    let expected: std::collections::HashSet<(u32, u32, String)> =
        (5..=8).map(|f| (2, f, format!("SUF-000{f}"))).collect();
    assert_eq!(fibres, expected);
    // With no chances given, every draw holds.
    for seed in 0..50 {
        let (_, variant) = draw(
            &base,
            &plan,
            &Variants::default(),
            &mut SimRng::new(seed, 0),
        )
        .expect("a draw");
        assert_eq!(variant, Variant::Holds);
    }
}

#[test]
fn chances_that_cannot_be_drawn_are_refused() {
    use fibrelab::scenario::closure::order::Variants;
    use fibrelab::scenario::validate::{Problems, validate_variants};
    let check = |used: f64, missing: f64| {
        let mut p = Problems::new();
        validate_variants(
            &mut p,
            "order_variants",
            &Variants {
                used_chance: used,
                missing_chance: missing,
            },
        );
        p.into_iter().map(|(path, _)| path).collect::<Vec<_>>()
    };
    assert!(check(0.2, 0.3).is_empty());
    assert_eq!(
        check(1.5, 0.0),
        vec![
            "order_variants.used_chance",
            "order_variants.missing_chance"
        ]
    );
    assert_eq!(check(0.0, -0.1), vec!["order_variants.missing_chance"]);
    assert_eq!(check(0.6, 0.6), vec!["order_variants.missing_chance"]);
    // Said in the trainer's words, with the value found and why.
    let mut p = Problems::new();
    validate_variants(
        &mut p,
        "v",
        &Variants {
            used_chance: f64::NAN,
            missing_chance: 0.0,
        },
    );
    let said = p[0].1.render(Lang::En);
    assert!(said.contains("A chance runs from 0"), "{said}");
    let said = {
        let mut p = Problems::new();
        validate_variants(
            &mut p,
            "v",
            &Variants {
                used_chance: 1.5,
                missing_chance: 0.0,
            },
        );
        p[0].1.render(Lang::Fr)
    };
    assert!(
        said.contains("1,5") && said.contains("probabilité"),
        "{said}"
    );
}
