//! Attempt bundles attacked: a seat's bundle is unsigned JSON, so each forgery a seat (or
//! whoever holds the USB key) could make is made here with plain JSON edits, and the
//! trainer's store must refuse it with its reason and a line in the audit log, while the
//! genuine bundle is accepted and verifies.
//!
//! The seat is prepared as a school prepares one: the trainer's class list (pseudonyms
//! included), the assessment's file, the school's key. The trainer's store holds its own
//! copy of the assessment (created three hours before the room sits it); the seat's copy
//! allows more attempts than the school's, as a seat given another file would. Attempts
//! are played from the shipped answer scripts, started as the app starts them.

use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use fibrelab::records::Db;
use fibrelab::records::assess::parse_spec;
use fibrelab::records::bundle::{Bundle, ImportOutcome};
use fibrelab::records::official_scenarios;
use fibrelab::records::seal::{hex, sha256};
use serde_json::Value;

mod common;
use common::*;

const CLEAN: &str = "connect-dirty-connector-assessment.clean.ron";
const MISTAKES: &str = "connect-dirty-connector-assessment.mistakes.ron";
const SCENARIO: &str = "connect-dirty-connector-assessment";

/// The school's assessment: per-trainee draws, two attempts, 30 minutes, a window that
/// opened in January 2024.
fn ecf(attempts: u32) -> String {
    format!(
        r#"Assessment(
    id: "ecf-bundles",
    title: "ECF connecteurs",
    cohort: "Promo",
    kind: Ecf,
    scenarios: ["{SCENARIO}"],
    opens: "2024-01-08T08:00+01:00",
    closes: "2099-12-18T17:00+01:00",
    time_limit_min: 30,
    attempts: {attempts},
    seed: PerTrainee,
    feedback: Immediate,
)
"#
    )
}

/// The same with one draw for everyone and one attempt.
fn ecf_fixed(attempts: u32) -> String {
    ecf(attempts)
        .replace("ecf-bundles", "ecf-fixed")
        .replace("PerTrainee", "Fixed")
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .unwrap()
        .as_millis() as i64
}

/// A trainer's PC and a seat prepared from it.
struct Room {
    trainer: School,
    seat: School,
    lea: String,
    yacine: String,
}

fn room() -> Room {
    let trainer = school();
    trainer.ok(&["cohort", "create", "Promo"]);
    let list = trainer.write(
        "liste.csv",
        "Nom;Prénom\nMoreau;Léa\nBenali;Yacine\n".as_bytes(),
    );
    trainer.ok(&[
        "trainee",
        "import",
        list.to_str().unwrap(),
        "--cohort",
        "Promo",
    ]);
    // The school's assessments, created three hours before the room sits them.
    {
        let mut db = trainer.open();
        let then = now_ms() - 3 * 3_600_000;
        db.set_clock(Arc::new(move || then));
        let cohort = db.cohort("Promo").unwrap().unwrap();
        for (file, text) in [("ecf.ron", ecf(2)), ("fixed.ron", ecf_fixed(1))] {
            let spec = parse_spec(text.as_bytes(), file, &|_| true).unwrap();
            db.create_assessment(&spec, &cohort, Some(&text), false)
                .unwrap();
        }
    }
    let roster = trainer.write(
        "roster.csv",
        trainer.ok(&["trainee", "list", "--csv"]).as_bytes(),
    );
    // The seat: the school's key, the trainer's list, the assessments' files (a seat
    // given more attempts than the school allows).
    let seat = seat_store();
    std::fs::create_dir_all(seat.key.parent().unwrap()).unwrap();
    std::fs::copy(&trainer.key, &seat.key).unwrap();
    let out = seat
        .cli()
        .env("FIBRELAB_NEW_PIN", TRAINER_PIN)
        .args(["trainer", "add", "Mme Formatrice"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    seat.ok(&["cohort", "create", "Promo"]);
    seat.ok(&[
        "trainee",
        "import",
        roster.to_str().unwrap(),
        "--cohort",
        "Promo",
    ]);
    for (file, text) in [("ecf.ron", ecf(3)), ("fixed.ron", ecf_fixed(2))] {
        let f = seat.write(file, text.as_bytes());
        seat.ok(&["assess", "create", "--from", f.to_str().unwrap()]);
    }
    let db = trainer.open();
    let pseudonym = |name: &str| db.trainee(name).unwrap().uuid;
    Room {
        lea: pseudonym("Léa Moreau"),
        yacine: pseudonym("Yacine Benali"),
        trainer,
        seat,
    }
}

/// A trainee sits an assessment at the seat as the app starts it, playing a script.
fn sit(seat: &School, who: &str, assessment: &str, file: &str) {
    let db = seat.open();
    let t = db.trainee(who).unwrap();
    let (_, g) = db
        .assignments_of(&t)
        .unwrap()
        .into_iter()
        .find(|(a, _)| a.key == assessment)
        .unwrap();
    let mut session = db.start_assignment(&g, &scenarios_dir()).unwrap();
    for (at, a) in script(file).timed() {
        session.act(&db, at, a).unwrap();
    }
    assert!(session.exercise.is_finished());
}

/// The seat's bundle, as the JSON the file holds.
fn export(seat: &School) -> Value {
    serde_json::to_value(seat.open().export_bundle(None).unwrap()).unwrap()
}

/// Imports a bundle's JSON into the trainer's store, as `import bundle` does.
fn import_into(db: &Db, v: &Value) -> ImportOutcome {
    let bytes = serde_json::to_vec(v).unwrap();
    let bundle: Bundle = serde_json::from_slice(&bytes).unwrap();
    db.import_bundle(
        &bundle,
        &hex(&sha256(&bytes)),
        &official_scenarios(&scenarios_dir()),
    )
    .unwrap()
}

fn import(trainer: &School, v: &Value) -> ImportOutcome {
    import_into(&trainer.open(), v)
}

/// The bundle with only the attempts `keep` says, each changed by `edit`.
fn forged(v: &Value, keep: &dyn Fn(&Value) -> bool, edit: &dyn Fn(&mut Value)) -> Value {
    let mut v = v.clone();
    let attempts: Vec<Value> = v["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| keep(a))
        .cloned()
        .map(|mut a| {
            edit(&mut a);
            a
        })
        .collect();
    assert!(!attempts.is_empty(), "nothing kept to forge");
    v["attempts"] = Value::Array(attempts);
    v
}

/// Whether an attempt is `trainee`'s for the assessment `key` (its uuid from its id).
fn of(a: &Value, trainee: &str, key: &str) -> bool {
    a["trainee_uuid"] == trainee && a["assessment_uuid"] == assessment_uuid(key)
}

fn assessment_uuid(key: &str) -> String {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        format!("https://fibrelab.invalid/assessment/{key}").as_bytes(),
    )
    .to_string()
}

/// Asserts the import refused exactly `uuids`, each with the message `key` (its English
/// rendering containing `says`), each with a `bundle_refused` line in the audit log
/// naming the message's key, and that none of them is stored.
fn assert_refused(trainer: &School, out: &ImportOutcome, uuids: &[&str], key: &str, says: &str) {
    let refused: Vec<&str> = out.refused.iter().map(|(u, _)| u.as_str()).collect();
    assert_eq!(refused, uuids, "{out:?}");
    for (_, m) in &out.refused {
        assert_eq!(m.key, key, "{m:?}");
        let text = m.render(fibrelab::i18n::Lang::En);
        assert!(text.contains(says), "{text}");
    }
    let log = trainer.open().audit_log().unwrap();
    for u in uuids {
        let rows: Vec<_> = log
            .iter()
            .filter(|e| e.action == "bundle_refused" && e.target == *u)
            .collect();
        assert_eq!(rows.len(), 1, "{log:?}");
        assert!(rows[0].detail.starts_with(key), "{}", rows[0].detail);
        assert!(!rows[0].detail.contains("Léa"), "names stay out of the log");
        assert!(
            !rows[0].detail.contains("Yacine"),
            "names stay out of the log"
        );
        let stored: i64 = trainer
            .sql()
            .query_row("SELECT COUNT(*) FROM attempts WHERE uuid = ?1", [u], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(stored, 0, "{u} is not kept, not even as a free attempt");
    }
}

fn uuid_of(a: &Value) -> String {
    a["uuid"].as_str().unwrap().to_string()
}

/// The uuids of the bundle's attempts `keep` says, in the bundle's order.
fn uuids(v: &Value, keep: &dyn Fn(&Value) -> bool) -> Vec<String> {
    v["attempts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| keep(a))
        .map(uuid_of)
        .collect()
}

fn verify_confirms(trainer: &School, n: usize) {
    let out = trainer.run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert_eq!(
        text(&out).matches("confirmed by replay").count(),
        n,
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("SEAL"), "{}", text(&out));
}

/// What the trainer's store kept of an attempt: its assignment, time limit, deadline
/// (from its start), where it came from, and its origin.
type Stored = (
    Option<i64>,
    Option<i64>,
    Option<i64>,
    Option<String>,
    String,
);

// ---------------------------------------------------------------- the genuine bundle

#[test]
fn the_genuine_bundle_counts_for_its_assessment_in_any_order_and_verifies() {
    let r = room();
    sit(&r.seat, "Léa Moreau", "ecf-bundles", MISTAKES);
    sit(&r.seat, "Léa Moreau", "ecf-bundles", CLEAN);
    sit(&r.seat, "Yacine Benali", "ecf-bundles", MISTAKES);
    sit(&r.seat, "Léa Moreau", "ecf-fixed", CLEAN);
    sit(&r.seat, "Yacine Benali", "ecf-fixed", MISTAKES);
    let mut v = export(&r.seat);
    assert_eq!(v["attempts"].as_array().unwrap().len(), 5);
    // The bundle's order reversed: Léa's two attempts are still numbered by their start.
    v["attempts"].as_array_mut().unwrap().reverse();
    let out = import(&r.trainer, &v);
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    assert_eq!(out.accepted.len(), 5);
    // Each counts for its assignment, with this store's limit and marked as received.
    let sql = r.trainer.sql();
    let rows: Vec<Stored> = sql
        .prepare(
            "SELECT assignment_id, time_limit_ms, deadline_at - started_at, received_from, origin
             FROM attempts ORDER BY id",
        )
        .unwrap()
        .query_map([], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?))
        })
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(rows.len(), 5);
    for (assignment, limit, deadline, from, origin) in &rows {
        assert!(assignment.is_some());
        assert_eq!(*limit, Some(30 * 60_000));
        assert_eq!(*deadline, Some(30 * 60_000));
        let install = v["install"].as_str().unwrap();
        assert!(
            from.as_deref().is_some_and(|f| f.starts_with(install)),
            "{from:?}"
        );
        assert_eq!(origin, "app");
    }
    let status = r
        .trainer
        .json(&["assess", "status", "ecf-bundles", "--json"]);
    let attempts: Vec<u64> = status["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["cells"][0]["attempts"].as_u64().unwrap())
        .collect();
    assert_eq!(attempts, vec![2, 1], "Léa, Yacine: {status}");
    verify_confirms(&r.trainer, 5);
    // The trainer's list of attempts says where each came from.
    let listed = r.trainer.ok(&["attempts"]);
    assert_eq!(
        listed.matches("(assessment, from a seat's bundle)").count(),
        5,
        "{listed}"
    );
    // The same bundle again: each attempt already here, nothing refused.
    let again = import(&r.trainer, &v);
    assert_eq!(again.already.len(), 5);
    assert!(again.refused.is_empty() && again.accepted.is_empty());
}

// ---------------------------------------------------------------- forgeries

#[test]
fn a_command_line_play_relabelled_as_the_apps_is_refused() {
    let r = room();
    // The shipped answer script played on the seat's command line, in Léa's name.
    let out = r.seat.run(&[
        "play",
        SCENARIO,
        "--seed",
        "1",
        "--trainee",
        "Léa Moreau",
        "--actions",
        root().join("tests/scripts").join(CLEAN).to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let v = export(&r.seat);
    let script = |a: &Value| a["origin"] == "script";
    assert_eq!(uuids(&v, &script).len(), 1);
    let claim = |origin: &'static str| {
        let lea = r.lea.clone();
        move |a: &mut Value| {
            a["origin"] = origin.into();
            a["assessment_uuid"] = assessment_uuid("ecf-bundles").into();
            a["position"] = 0.into();
            a["trainee_uuid"] = lea.clone().into();
        }
    };
    // Filed under the assessment as it is: a script's attempt never counts.
    let as_script = forged(&v, &script, &claim("script"));
    let out = import(&r.trainer, &as_script);
    let u = uuids(&v, &script);
    assert_refused(&r.trainer, &out, &[&u[0]], "bundle-script", "never counts");
    // Relabelled as the app's: its draw is the script's, not the school's for Léa.
    let as_app = forged(&v, &script, &claim("app"));
    let out = import(&r.trainer, &as_app);
    let log = r.trainer.open().audit_log().unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "bundle_refused" && e.target == u[0])
            .count(),
        2
    );
    assert_eq!(out.refused.len(), 1);
    assert_eq!(out.refused[0].1.key, "bundle-wrong-seed");
    assert!(
        out.refused[0]
            .1
            .render(fibrelab::i18n::Lang::En)
            .contains("the seat drew another exercise than the school's for Léa Moreau")
    );
    // On another scenario than the item's: refused for that.
    let out = r.seat.run(&[
        "play",
        "prep-loose-tube-fr-practice",
        "--seed",
        "1",
        "--actions",
        root()
            .join("tests/scripts/loose-tube-fr-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let v = export(&r.seat);
    let prep = |a: &Value| a["scenario_id"] == "prep-loose-tube-fr-practice";
    let other = forged(&v, &prep, &claim("app"));
    let out = import(&r.trainer, &other);
    assert_refused(
        &r.trainer,
        &out,
        &[&uuids(&v, &prep)[0]],
        "bundle-other-scenario",
        "scenario 1 of this assessment is connect-dirty-connector-assessment",
    );
    // Left as it was, a free attempt: kept as one, as before.
    let out = import(&r.trainer, &v);
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    assert_eq!(out.accepted.len(), 2);
    let counted: i64 = r
        .trainer
        .sql()
        .query_row(
            "SELECT COUNT(*) FROM attempts WHERE assignment_id IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(counted, 0);
}

#[test]
fn attempts_past_those_allowed_here_are_refused() {
    let r = room();
    // The seat's files allow 3 and 2 where the school allows 2 and 1.
    for file in [MISTAKES, CLEAN, CLEAN] {
        sit(&r.seat, "Léa Moreau", "ecf-bundles", file);
    }
    sit(&r.seat, "Léa Moreau", "ecf-fixed", CLEAN);
    sit(&r.seat, "Léa Moreau", "ecf-fixed", CLEAN);
    let v = export(&r.seat);
    let lea = r.lea.clone();
    let bundles = uuids(&v, &|a| of(a, &lea, "ecf-bundles"));
    let fixed = uuids(&v, &|a| of(a, &lea, "ecf-fixed"));
    let out = import(&r.trainer, &v);
    assert_eq!(
        out.accepted,
        vec![bundles[0].clone(), bundles[1].clone(), fixed[0].clone()]
    );
    let first = ImportOutcome {
        refused: out
            .refused
            .iter()
            .filter(|(u, _)| *u == bundles[2])
            .cloned()
            .collect(),
        ..Default::default()
    };
    assert_refused(
        &r.trainer,
        &first,
        &[&bundles[2]],
        "bundle-too-many",
        "it would be attempt 3 of Léa Moreau at scenario 1, where the assessment allows 2",
    );
    let second = ImportOutcome {
        refused: out
            .refused
            .iter()
            .filter(|(u, _)| *u == fixed[1])
            .cloned()
            .collect(),
        ..Default::default()
    };
    assert_refused(
        &r.trainer,
        &second,
        &[&fixed[1]],
        "bundle-too-many",
        "it would be attempt 2 of Léa Moreau at scenario 1, where the assessment allows 1",
    );
    assert_eq!(out.refused.len(), 2);
    verify_confirms(&r.trainer, 3);
}

#[test]
fn the_same_attempt_again_under_new_identifiers_is_refused() {
    let r = room();
    sit(&r.seat, "Léa Moreau", "ecf-bundles", CLEAN);
    let v = export(&r.seat);
    // Copies of Léa's one attempt, each a new uuid, each a second later.
    let mut copies = v.clone();
    let one = v["attempts"][0].clone();
    for i in 1..=2 {
        let mut c = one.clone();
        c["uuid"] = uuid::Uuid::new_v4().to_string().into();
        c["started_at"] = (c["started_at"].as_i64().unwrap() + i * 1000).into();
        c["finished_at"] = (c["finished_at"].as_i64().unwrap() + i * 1000).into();
        copies["attempts"].as_array_mut().unwrap().push(c);
    }
    let out = import(&r.trainer, &copies);
    assert_eq!(out.accepted, vec![uuid_of(&one)]);
    let copied: Vec<String> = copies["attempts"].as_array().unwrap()[1..]
        .iter()
        .map(uuid_of)
        .collect();
    assert_refused(
        &r.trainer,
        &out,
        &[&copied[0], &copied[1]],
        "bundle-seed-taken",
        "attempt 1 of Léa Moreau at scenario 1 is already here",
    );
}

#[test]
fn an_attempt_dated_outside_the_window_or_in_the_future_is_refused() {
    let r = room();
    sit(&r.seat, "Léa Moreau", "ecf-bundles", CLEAN);
    let v = export(&r.seat);
    let all = |_: &Value| true;
    let u = uuids(&v, &all);
    let moved = |to: i64| {
        move |a: &mut Value| {
            let length = a["finished_at"].as_i64().unwrap() - a["started_at"].as_i64().unwrap();
            a["started_at"] = to.into();
            a["finished_at"] = (to + length).into();
        }
    };
    // 2023-03-01 09:00 UTC: before the window opened.
    let out = import(&r.trainer, &forged(&v, &all, &moved(1_677_661_200_000)));
    assert_refused(
        &r.trainer,
        &out,
        &[&u[0]],
        "bundle-before-window",
        "before the assessment opened",
    );
    // Inside the window, but a day before the assessment was created here.
    let out = import(&r.trainer, &forged(&v, &all, &moved(now_ms() - 86_400_000)));
    assert_eq!(out.refused[0].1.key, "bundle-before-created");
    // Ending an hour from now.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            a["finished_at"] = (now_ms() + 3_600_000).into()
        }),
    );
    assert_eq!(out.refused[0].1.key, "bundle-future");
    // Ending before it started.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            a["finished_at"] = (a["started_at"].as_i64().unwrap() - 1).into()
        }),
    );
    assert_eq!(out.refused[0].1.key, "bundle-bad-times");
    // After the trainer closed it here.
    {
        let db = r.trainer.open();
        let a = db.assessment("ecf-bundles").unwrap().unwrap();
        db.close_assessment(&a).unwrap();
    }
    let later = now_ms() + 60_000 + fibrelab::limits::BUNDLE_CLOCK_SKEW_MS as i64;
    let out = import_into(
        &{
            let mut db = r.trainer.open();
            db.set_clock(Arc::new(move || later + 3_600_000));
            db
        },
        &forged(&v, &all, &moved(later)),
    );
    assert_eq!(out.refused[0].1.key, "bundle-after-window");
    let log = r.trainer.open().audit_log().unwrap();
    assert_eq!(
        log.iter()
            .filter(|e| e.action == "bundle_refused" && e.target == u[0])
            .count(),
        5
    );
    // The genuine one still goes in (started before the closing).
    assert_eq!(import(&r.trainer, &v).accepted, u);
}

#[test]
fn an_attempt_past_the_schools_time_limit_is_refused() {
    let r = room();
    sit(&r.seat, "Léa Moreau", "ecf-bundles", CLEAN);
    let v = export(&r.seat);
    let all = |_: &Value| true;
    let u = uuids(&v, &all);
    let minutes_103 = 103 * 60_000i64;
    // Its last gesture (the finish) at 103 minutes.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            let actions = a["actions"].as_array_mut().unwrap();
            let last = actions.len() - 1;
            actions[last]["at_ms"] = minutes_103.into();
        }),
    );
    assert_refused(
        &r.trainer,
        &out,
        &[&u[0]],
        "bundle-overtime",
        "it took 103 min, where it was given 30 min",
    );
    // 103 minutes between its start and its end by the seat's clock.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            a["started_at"] = (a["finished_at"].as_i64().unwrap() - minutes_103).into()
        }),
    );
    assert_eq!(out.refused.len(), 1);
    assert_eq!(out.refused[0].1.key, "bundle-overtime");
    assert!(
        out.refused[0]
            .1
            .render(fibrelab::i18n::Lang::En)
            .contains("it took 103 min")
    );
    // The seat's limit raised to two hours (and the gesture at 103 minutes with it).
    let raised = |a: &mut Value| {
        a["time_limit_ms"] = (120 * 60_000).into();
        a["deadline_at"] = (a["started_at"].as_i64().unwrap() + 120 * 60_000).into();
    };
    let out = import(&r.trainer, &forged(&v, &all, &raised));
    assert_eq!(out.refused[0].1.key, "bundle-limit-raised");
    assert!(
        out.refused[0]
            .1
            .render(fibrelab::i18n::Lang::En)
            .contains("the seat gave it 120 min, where this school gives 30 min")
    );
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            raised(a);
            let actions = a["actions"].as_array_mut().unwrap();
            let last = actions.len() - 1;
            actions[last]["at_ms"] = minutes_103.into();
        }),
    );
    assert_eq!(out.refused[0].1.key, "bundle-limit-raised");
    // No limit at all on the seat.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            a["time_limit_ms"] = Value::Null;
            a["deadline_at"] = Value::Null;
        }),
    );
    assert_eq!(out.refused[0].1.key, "bundle-no-limit");
    // Extra time given here after the seat was prepared: the attempt was played and
    // graded under the seat's 30 minutes (its grade cites them), kept so, and the trainer
    // told Léa did not get her 110.
    r.trainer.ok(&[
        "assess",
        "extend",
        "ecf-bundles",
        "--trainee",
        "Léa Moreau",
        "--minutes",
        "80",
    ]);
    let out = import(&r.trainer, &v);
    assert_eq!(out.accepted, u, "{:?}", out.refused);
    assert_eq!(out.notes.len(), 1);
    assert_eq!(out.notes[0].1.key, "bundle-less-time");
    assert!(
        out.notes[0]
            .1
            .render(fibrelab::i18n::Lang::En)
            .contains("Léa Moreau had 30 min on the seat, where this school gives 110 min")
    );
    let log = r.trainer.open().audit_log().unwrap();
    assert!(
        log.iter()
            .any(|e| e.action == "bundle_note" && e.target == u[0] && !e.detail.contains("Léa"))
    );
    let limit: i64 = r
        .trainer
        .sql()
        .query_row("SELECT time_limit_ms FROM attempts", [], |r| r.get(0))
        .unwrap();
    assert_eq!(limit, 30 * 60_000);
    verify_confirms(&r.trainer, 1);
    // Given its 110 minutes on the seat too, the next attempt is stored with them.
    r.seat.ok(&[
        "assess",
        "extend",
        "ecf-bundles",
        "--trainee",
        "Léa Moreau",
        "--minutes",
        "80",
    ]);
    sit(&r.seat, "Léa Moreau", "ecf-bundles", MISTAKES);
    let out = import(&r.trainer, &export(&r.seat));
    assert_eq!((out.already.len(), out.accepted.len()), (1, 1));
    assert!(out.notes.is_empty() && out.refused.is_empty());
    let limits: Vec<i64> = r
        .trainer
        .sql()
        .prepare("SELECT time_limit_ms FROM attempts ORDER BY started_at")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(limits, vec![30 * 60_000, 110 * 60_000]);
}

#[test]
fn an_attempt_given_up_and_closed_later_is_held_to_its_log_not_to_its_closing() {
    let r = room();
    sit(&r.seat, "Léa Moreau", "ecf-bundles", CLEAN);
    let v = export(&r.seat);
    let all = |_: &Value| true;
    // Given up (no finish, no grade) and closed 103 minutes after its start: its log is
    // within the limit, the wall clock's 103 minutes are the closing's.
    let give_up = |a: &mut Value| {
        a["status"] = "closed".into();
        a["grade_json"] = Value::Null;
        a["actions"].as_array_mut().unwrap().pop();
        a["started_at"] = (a["finished_at"].as_i64().unwrap() - 103 * 60_000).into();
    };
    let out = import(&r.trainer, &forged(&v, &all, &give_up));
    assert!(out.refused.is_empty(), "{:?}", out.refused);
    assert_eq!(out.accepted, uuids(&v, &all));
    let out = r.trainer.run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_classmates_attempt_under_another_pseudonym_is_refused_by_the_draw() {
    let r = room();
    sit(&r.seat, "Yacine Benali", "ecf-bundles", MISTAKES);
    let v = export(&r.seat);
    let all = |_: &Value| true;
    let lea = r.lea.clone();
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| a["trainee_uuid"] = lea.clone().into()),
    );
    assert_refused(
        &r.trainer,
        &out,
        &uuids(&v, &all)
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        "bundle-other-trainee",
        "it was played on the draw of Yacine Benali, not on that of Léa Moreau",
    );
    // A pseudonym nobody has here.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            a["trainee_uuid"] = uuid::Uuid::new_v4().to_string().into()
        }),
    );
    assert_eq!(out.refused[0].1.key, "bundle-not-assigned");
    // An assessment this PC does not have, an item it does not have.
    let out = import(
        &r.trainer,
        &forged(&v, &all, &|a| {
            a["assessment_uuid"] = assessment_uuid("ecf-other").into()
        }),
    );
    assert_eq!(out.refused[0].1.key, "bundle-unknown-assessment");
    let out = import(&r.trainer, &forged(&v, &all, &|a| a["position"] = 4.into()));
    assert_eq!(out.refused[0].1.key, "bundle-not-assigned");
    assert!(
        out.refused[0]
            .1
            .render(fibrelab::i18n::Lang::En)
            .contains("Yacine Benali has no scenario 5 in “ECF connecteurs”")
    );
    // Yacine's own goes in.
    assert_eq!(import(&r.trainer, &v).accepted.len(), 1);
    verify_confirms(&r.trainer, 1);
}

/// With one draw for everyone (`Fixed`), the draw cannot tell whose an attempt is: a
/// classmate's attempt filed under Léa's pseudonym is taken as hers. Léa's genuine
/// attempt is then refused as a conflict, in the audit log for the trainer to see.
#[test]
fn under_one_draw_for_all_a_classmates_attempt_shows_as_a_conflict_with_the_genuine_one() {
    let r = room();
    sit(&r.seat, "Yacine Benali", "ecf-fixed", MISTAKES);
    sit(&r.seat, "Léa Moreau", "ecf-fixed", CLEAN);
    let v = export(&r.seat);
    let (lea, yacine) = (r.lea.clone(), r.yacine.clone());
    let yacines = |a: &Value| of(a, &yacine, "ecf-fixed");
    let leas = |a: &Value| of(a, &lea, "ecf-fixed");
    let out = import(
        &r.trainer,
        &forged(&v, &yacines, &|a| a["trainee_uuid"] = lea.clone().into()),
    );
    assert_eq!(out.accepted.len(), 1, "the limit of a shared draw");
    let out = import(&r.trainer, &forged(&v, &leas, &|_| {}));
    assert_refused(
        &r.trainer,
        &out,
        &[&uuids(&v, &leas)[0]],
        "bundle-seed-taken",
        "attempt 1 of Léa Moreau at scenario 1 is already here, from another attempt on the same draw",
    );
}

#[test]
fn a_refusal_reads_in_french_on_the_command_line() {
    let r = room();
    sit(&r.seat, "Léa Moreau", "ecf-bundles", CLEAN);
    let v = export(&r.seat);
    let all = |_: &Value| true;
    let old = forged(&v, &all, &|a| {
        a["started_at"] = 1_677_661_200_000i64.into();
        a["finished_at"] = 1_677_661_700_000i64.into();
    });
    let file = r
        .trainer
        .write("poste3.flb", &serde_json::to_vec(&old).unwrap());
    let out = r
        .trainer
        .run(&["--lang", "fr", "import", "bundle", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let t = text(&out);
    assert!(
        t.contains(&format!(
            "{}: tentative {} refusée",
            file.display(),
            uuid_of(&v["attempts"][0])
        )),
        "{t}"
    );
    assert!(
        t.contains("refusée : elle a commencé le 1er mars 2023 à "),
        "{t}"
    );
    assert!(
        t.contains(", avant l'ouverture de l'évaluation (8 janvier 2024 à "),
        "{t}"
    );
    assert!(t.contains("0 tentative(s) acceptée(s)"), "{t}");
    // The genuine file goes in on the command line.
    let file = r
        .trainer
        .write("poste3-vrai.flb", &serde_json::to_vec(&v).unwrap());
    let out = r.trainer.run(&["import", "bundle", file.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out));
}
