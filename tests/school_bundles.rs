//! Bundles from seats without a network: merged to the union, a tampered attempt
//! refused, an attempt of every module verified on arrival.
//!
//! Expectations come from outside the code under test: the lines of hand-made class
//! lists, the seed formula as SCHOOL.md §8.2 writes it, the scripts' own expected
//! verdicts, and tampering done with plain SQL. What several of these files share is in
//! `tests/common/school.rs`.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Output;

mod common;
use common::*;

use common::school::*;

// ---------------------------------------------------------------- bundles

const BUNDLE_ECF: &str = r#"Assessment(
    id: "ecf-connecteurs",
    title: "ECF connecteurs",
    cohort: "Promo",
    kind: Ecf,
    scenarios: ["connect-dirty-connector-assessment"],
    attempts: 3,
    seed: Fixed,
    base_seed: 1,
    feedback: Immediate,
)
"#;

#[test]
fn seats_bundles_merge_to_the_union_and_a_tampered_attempt_is_refused() {
    let trainer = school();
    trainer.ok(&["cohort", "create", "Promo"]);
    let list = trainer.write(
        "liste.csv",
        "Nom;Prénom\nMoreau;Léa\nBenali;Yacine\nRoux;Inès\n".as_bytes(),
    );
    trainer.ok(&[
        "trainee",
        "import",
        list.to_str().unwrap(),
        "--cohort",
        "Promo",
    ]);
    let ecf = trainer.write("ecf.ron", BUNDLE_ECF.as_bytes());
    trainer.ok(&["assess", "create", "--from", ecf.to_str().unwrap()]);
    let roster = trainer.write(
        "roster.csv",
        trainer.ok(&["trainee", "list", "--csv"]).as_bytes(),
    );

    let seats: Vec<School> = (0..3).map(|_| seat(&roster, &ecf)).collect();
    take(
        &seats[0],
        "Léa Moreau",
        "connect-dirty-connector-assessment.clean.ron",
    );
    take(
        &seats[1],
        "Yacine Benali",
        "connect-dirty-connector-assessment.mistakes.ron",
    );
    take(
        &seats[1],
        "Yacine Benali",
        "connect-dirty-connector-assessment.clean.ron",
    );
    take(
        &seats[2],
        "Inès Roux",
        "connect-dirty-connector-assessment.clean.ron",
    );
    take(
        &seats[2],
        "Inès Roux",
        "connect-dirty-connector-assessment.mistakes.ron",
    );
    let bundles: Vec<PathBuf> = seats
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let out = trainer.dir.join(format!("seat{i}.flb"));
            s.ok(&["export", "bundle", "--out", out.to_str().unwrap()]);
            out
        })
        .collect();
    let all: BTreeSet<String> = seats.iter().flat_map(uuids).collect();
    assert_eq!(all.len(), 5);

    // Seat 2's bundle with one grade raised, and seat 3's with one action changed.
    let edit = |from: &Path, to: &str, f: &dyn Fn(&mut serde_json::Value)| -> PathBuf {
        let mut v: serde_json::Value =
            serde_json::from_slice(&std::fs::read(from).unwrap()).unwrap();
        f(&mut v);
        let p = trainer.dir.join(to);
        std::fs::write(&p, serde_json::to_vec(&v).unwrap()).unwrap();
        p
    };
    let raised = edit(&bundles[1], "seat1-raised.flb", &|v| {
        let g = v["attempts"][0]["grade_json"]
            .as_str()
            .unwrap()
            .replace("\"score\":22.5", "\"score\":92.5");
        assert!(g.contains("92.5"));
        v["attempts"][0]["grade_json"] = g.into();
    });
    // The cleaning of a connector taken out of Inès's clean attempt.
    let moved = edit(&bundles[2], "seat2-moved.flb", &|v| {
        let actions = v["attempts"][0]["actions"].as_array_mut().unwrap();
        let i = actions
            .iter()
            .position(|a| a["action"].as_str().unwrap().starts_with("CleanFace"))
            .unwrap();
        actions.remove(i);
    });
    let import = |files: &[&PathBuf]| -> Output {
        let mut args = vec!["import", "bundle"];
        for f in files {
            args.push(f.to_str().unwrap());
        }
        trainer.run(&args)
    };
    let out = import(&[&bundles[0], &raised, &moved]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    // The tampered attempts are each their trainee's first: the untouched second one of
    // each is refused too, its draw being a second attempt's where none is here yet.
    assert_eq!(t.matches("refused:").count(), 4, "{t}");
    assert_eq!(t.matches("stored score").count(), 2, "{t}");
    assert_eq!(
        t.matches("none of their attempts is here").count(),
        2,
        "{t}"
    );
    assert!(
        t.contains("0 attempt(s) accepted after replay, 0 already here, 2 refused"),
        "{t}"
    );
    assert_eq!(uuids(&trainer).len(), 1, "seat 0's one");
    let log = trainer.open().audit_log().unwrap();
    assert_eq!(
        log.iter().filter(|e| e.action == "bundle_refused").count(),
        4
    );

    // The genuine bundles, in another order, twice: the union, once each.
    for order in [[2, 0, 1], [1, 2, 0]] {
        let files: Vec<&PathBuf> = order.iter().map(|i| &bundles[*i]).collect();
        let out = import(&files);
        assert!(out.status.success(), "{}", text(&out));
    }
    assert_eq!(uuids(&trainer), all);
    // Another trainer's PC, merging in yet another order, ends the same.
    let other = school();
    other.ok(&["cohort", "create", "Promo"]);
    other.ok(&[
        "trainee",
        "import",
        roster.to_str().unwrap(),
        "--cohort",
        "Promo",
    ]);
    other.ok(&["assess", "create", "--from", ecf.to_str().unwrap()]);
    for i in [1, 1, 0, 2, 0] {
        let out = other.run(&["import", "bundle", bundles[i].to_str().unwrap()]);
        assert!(out.status.success(), "{}", text(&out));
    }
    assert_eq!(uuids(&other), all);
    // The merged attempts count for the assessment, verify and hold their seals.
    let v = trainer.json(&["assess", "status", "ecf-connecteurs", "--json"]);
    let attempts: Vec<u64> = v["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cells"][0]["attempts"].as_u64().unwrap())
        .collect();
    assert_eq!(attempts, vec![2, 1, 2], "Inès, Léa, Yacine");
    let out = trainer.run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(text(&out).matches("confirmed by replay").count(), 5);
    assert!(!text(&out).contains("SEAL"));
    // A file that is not a bundle is named.
    let junk = trainer.write("junk.flb", b"{\"format\": 3");
    let out = trainer.run(&["import", "bundle", junk.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains(&format!("{}:1:", junk.display())),
        "{}",
        text(&out)
    );
}

#[test]
fn a_bundle_carries_an_attempt_of_every_module_and_each_verifies_on_arrival() {
    let items = ONE_PER_MODULE;
    let seat = school();
    for &(scenario, file) in items {
        let seed = script(file).expect.unwrap().seed.to_string();
        let path = root().join("tests/scripts").join(file);
        seat.ok(&[
            "play",
            scenario,
            "--seed",
            &seed,
            "--actions",
            path.to_str().unwrap(),
        ]);
    }
    let flb = seat.dir.join("seat.flb");
    seat.ok(&["export", "bundle", "--out", flb.to_str().unwrap()]);
    let trainer = school();
    let out = trainer.run(&["import", "bundle", flb.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("6 attempt(s) accepted after replay, 0 already here, 0 refused"),
        "{}",
        text(&out)
    );
    let out = trainer.run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        text(&out).matches("confirmed by replay").count(),
        6,
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("SEAL"));
    // The same scores on arrival as on the seat.
    let scores = |s: &School| -> Vec<(String, f64)> {
        let mut v: Vec<(String, f64)> = s
            .json(&["results", "--all", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|r| {
                (
                    r["scenario_id"].as_str().unwrap().to_string(),
                    r["score"].as_f64().unwrap(),
                )
            })
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(scores(&trainer), scores(&seat));
}
