//! xAPI statements: pseudonymous, deterministic, valid, stored by a real LRS.
//!
//! Expectations come from outside the code under test: the lines of hand-made class
//! lists, the seed formula as SCHOOL.md §8.2 writes it, the scripts' own expected
//! verdicts, and tampering done with plain SQL. What several of these files share is in
//! `tests/common/school.rs`.

use std::collections::BTreeSet;
use std::process::Command;

mod common;
use common::*;

use common::school::*;

// ---------------------------------------------------------------- xAPI

const BASE: &str = "https://formation.ecole-fibre.example/fibrelab";

fn statements(s: &School, args: &[&str]) -> Vec<serde_json::Value> {
    let out = s
        .dir
        .join(format!("statements-{}.json", uuid_like(&args.join(" "))));
    let mut all = vec!["xapi", "export", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    s.ok(&all);
    serde_json::from_slice::<serde_json::Value>(&std::fs::read(&out).unwrap())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

#[test]
fn statements_are_pseudonymous_deterministic_and_pass_the_validator() {
    let s = cohort_with_results();
    let out = s.run(&[
        "xapi",
        "export",
        "--out",
        s.dir.join("x.json").to_str().unwrap(),
    ]);
    assert_eq!(out.status.code(), Some(1), "no base IRI set yet");
    assert!(text(&out).contains("school set base-iri"));
    s.ok(&["school", "set", "base-iri", BASE]);
    let all = statements(&s, &["--all"]);
    // Léa: 7 + 12 criteria and 2 attempts, and her scripted play (played for her, on the
    // school's list: 7 and 1); Yacine: 7 and 1; Inès's attempt is not finished: none.
    assert_eq!(all.len(), 7 + 1 + 12 + 1 + 7 + 1 + 7 + 1);
    let ids: BTreeSet<&str> = all.iter().map(|v| v["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), all.len(), "each statement its own id");
    let text = serde_json::to_string(&all).unwrap();
    for name in ["Léa", "Yacine", "Moreau", "Benali"] {
        assert!(!text.contains(name), "{name} in a statement");
    }
    let db = s.open();
    let pseudonyms: BTreeSet<String> = db
        .trainees(None, true)
        .unwrap()
        .into_iter()
        .map(|t| t.uuid)
        .collect();
    for st in &all {
        let actor = &st["actor"];
        assert!(actor.get("name").is_none() && actor.get("mbox").is_none());
        assert_eq!(actor["account"]["homePage"], BASE);
        assert!(pseudonyms.contains(actor["account"]["name"].as_str().unwrap()));
        let verb = st["verb"]["id"].as_str().unwrap();
        assert!(
            verb == "http://adlnet.gov/expapi/verbs/passed"
                || verb == "http://adlnet.gov/expapi/verbs/failed"
        );
    }
    // Yacine's attempt: failed, 22.5 of 100; each criterion points to it.
    let yacine = db.trainee("Yacine Benali").unwrap().uuid;
    let mine: Vec<&serde_json::Value> = all
        .iter()
        .filter(|v| v["actor"]["account"]["name"] == yacine.as_str())
        .collect();
    let main = mine.last().unwrap();
    assert_eq!(main["verb"]["id"], "http://adlnet.gov/expapi/verbs/failed");
    assert_eq!(main["result"]["score"]["raw"], 22.5);
    assert_eq!(main["result"]["score"]["scaled"], 0.225);
    assert_eq!(main["result"]["success"], false);
    for c in &mine[..mine.len() - 1] {
        assert_eq!(c["context"]["statement"]["id"], main["id"]);
        assert_eq!(
            c["context"]["registration"],
            main["context"]["registration"]
        );
        assert_eq!(
            c["object"]["definition"]["type"],
            "http://adlnet.gov/expapi/activities/objective"
        );
    }
    let reference = mine
        .iter()
        .find(|c| {
            c["object"]["id"]
                .as_str()
                .unwrap()
                .ends_with("/objective/reference")
        })
        .unwrap();
    assert_eq!(reference["result"]["score"]["raw"], 7.5);
    // A person reads the objective by its title; its id stays in the activity's IRI.
    assert_eq!(
        reference["object"]["definition"]["name"],
        serde_json::json!({"fr-FR": "Référence de la mesure", "en-US": "Measurement reference"})
    );
    assert_eq!(
        reference["verb"]["id"],
        "http://adlnet.gov/expapi/verbs/failed"
    );
    // The registration is the assignment.
    let a = db.assessment("ecf-test").unwrap().unwrap();
    let g = db
        .assignments(&a)
        .unwrap()
        .into_iter()
        .find(|g| g.trainee_uuid == yacine && g.position == 0)
        .unwrap();
    assert_eq!(main["context"]["registration"], g.uuid.as_str());
    // Made again: the same ids, the same statements.
    assert_eq!(statements(&s, &["--all"]), all);

    if asked("FIBRELAB_XAPI_TESTS") {
        let file = s.dir.join("all.json");
        std::fs::write(&file, serde_json::to_vec(&all).unwrap()).unwrap();
        let out = Command::new("node")
            .arg(root().join("tests/xapi/validate.js"))
            .arg(&file)
            .output()
            .expect("node");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stdout)
        );
        assert!(
            String::from_utf8_lossy(&out.stdout)
                .contains(&format!("{} statement(s), 0 with problems", all.len()))
        );
        // And the validator does refuse a broken one (so that its silence means something).
        let mut broken = all[0].clone();
        broken["result"]["score"]["scaled"] = serde_json::json!(1.5);
        std::fs::write(&file, serde_json::to_vec(&vec![broken]).unwrap()).unwrap();
        let out = Command::new("node")
            .arg(root().join("tests/xapi/validate.js"))
            .arg(&file)
            .output()
            .unwrap();
        assert!(!out.status.success());
    }
}

#[test]
fn a_real_lrs_stores_a_batch_and_answers_by_registration() {
    if !asked("FIBRELAB_LRS_TESTS") {
        return;
    }
    let s = cohort_with_results();
    s.ok(&["school", "set", "base-iri", BASE]);
    // Ralph (France Université Numérique) from PyPI, on loopback, with a fresh folder.
    let ralph = Ralph::start(&s.dir);
    {
        let endpoint = ralph.endpoint.clone();
        let get = |query: &str| ralph.get(query);
        // One attempt's batch (Ralph's file backend takes one write per folder).
        let send = |s: &School| {
            s.cli()
                .args([
                    "xapi",
                    "send",
                    "--scenario",
                    "prep-loose-tube-fr-practice",
                    "--endpoint",
                    &endpoint,
                    "--user",
                    "fibrelab",
                ])
                .env("FIBRELAB_LRS_PASSWORD", "mot-de-passe")
                .output()
                .unwrap()
        };
        let out = send(&s);
        assert!(out.status.success(), "{}", text(&out));
        assert!(
            text(&out).contains("13 statement(s) taken by the LRS, 0 failed; 0 waiting"),
            "{}",
            text(&out)
        );
        let db = s.open();
        let lea = db.trainee("Léa Moreau").unwrap().uuid;
        let a = db.assessment("ecf-test").unwrap().unwrap();
        let g = db
            .assignments(&a)
            .unwrap()
            .into_iter()
            .find(|g| g.trainee_uuid == lea && g.position == 1)
            .unwrap();
        let stored = get(&format!("registration={}", g.uuid)).unwrap();
        let list = stored["statements"].as_array().unwrap();
        assert_eq!(list.len(), 13, "12 criteria and the attempt");
        let ids: BTreeSet<&str> = list.iter().map(|v| v["id"].as_str().unwrap()).collect();
        let ours: BTreeSet<String> = statements(&s, &["--scenario", "prep-loose-tube-fr-practice"])
            .iter()
            .map(|v| v["id"].as_str().unwrap().to_string())
            .collect();
        assert_eq!(ids, ours.iter().map(String::as_str).collect());
        // Nothing waits any more; forced to send again, the LRS keeps one copy.
        let out = send(&s);
        assert!(
            text(&out).contains("0 statement(s) taken by the LRS, 0 failed; 0 waiting"),
            "{}",
            text(&out)
        );
        rusqlite::Connection::open(&s.db)
            .unwrap()
            .execute_batch("UPDATE xapi_outbox SET sent_at = NULL")
            .unwrap();
        let out = send(&s);
        assert!(out.status.success(), "{}", text(&out));
        assert_eq!(
            get(&format!("registration={}", g.uuid)).unwrap()["statements"]
                .as_array()
                .unwrap()
                .len(),
            13
        );
    }
}
