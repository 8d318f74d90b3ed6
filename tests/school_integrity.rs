//! The integrity of what is stored: every kind of tampering told by `verify`, the
//! official scenarios, hidden seeds, a seat without a trainer, the trainer's PIN, the
//! store of release 0.1.0.
//!
//! Expectations come from outside the code under test: the lines of hand-made class
//! lists, the seed formula as SCHOOL.md §8.2 writes it, the scripts' own expected
//! verdicts, and tampering done with plain SQL. What several of these files share is in
//! `tests/common/school.rs`.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use fibrelab::records::Db;
use fibrelab::records::seal::read_or_create_key;

mod common;
use common::sandbox;
use common::*;

use common::school::*;

// ---------------------------------------------------------------- integrity

/// `verify` on a copy of the store changed by `sql`.
fn verify_after(s: &School, sql: &str) -> Output {
    let copy = s.dir.join(format!("copy-{}.db", uuid_like(sql)));
    {
        let src = rusqlite::Connection::open(&s.db).unwrap();
        src.execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
            .unwrap();
    }
    let c = rusqlite::Connection::open(&copy).unwrap();
    c.execute_batch(sql).unwrap();
    drop(c);
    Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&copy)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap()
}

#[test]
fn each_kind_of_tampering_is_told_by_verify() {
    let (s, lea, yacine, last) = sealed_store();
    let clean = verify_after(&s, "SELECT 1;");
    assert!(clean.status.success(), "{}", text(&clean));
    assert!(!text(&clean).contains("SEAL"), "{}", text(&clean));
    let cases: Vec<(String, &str)> = vec![
        (
            format!("DELETE FROM reviews WHERE attempt_id = {lea}; DELETE FROM actions WHERE attempt_id = {lea}; DELETE FROM attempt_files WHERE attempt_id = {lea};
                     DELETE FROM attempts WHERE id = {lea};"),
            "was deleted",
        ),
        (format!("UPDATE attempts SET status = 'closed' WHERE id = {lea};"), "end seal"),
        (
            format!("UPDATE attempts SET status = 'open', score = NULL, passed = NULL, grade_json = NULL WHERE id = {lea};"),
            "re-opened",
        ),
        (
            format!("INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee, started_at,
                         status, finished_at, score, passed, grade_json, program_version, uuid, origin)
                     SELECT scenario_id, scenario_hash, scenario_source, seed, 'Max Durand', started_at, status,
                         finished_at, score, passed, grade_json, program_version, 'f0f0f0f0-0000-4000-8000-000000000001', 'app'
                     FROM attempts WHERE id = {lea};
                     INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action)
                     SELECT (SELECT MAX(id) FROM attempts), seq, at_ms, recorded_at, action FROM actions WHERE attempt_id = {lea};"),
            "no seal",
        ),
        (format!("UPDATE attempts SET trainee = 'Max Durand' WHERE id = {lea};"), "start seal"),
        (format!("UPDATE attempts SET trainee = 'Max Durand' WHERE id = {yacine};"), "start seal"),
        (format!("UPDATE attempts SET started_at = started_at - 86400000 WHERE id = {lea};"), "start seal"),
        (format!("UPDATE attempts SET finished_at = finished_at + 3600000 WHERE id = {lea};"), "end seal"),
        (format!("UPDATE actions SET at_ms = at_ms + 1 WHERE attempt_id = {lea} AND seq = 2;"), "end seal"),
        ("UPDATE trainees SET display_name = 'Max Durand' WHERE display_name = 'Léa Moreau';".into(), "was changed outside"),
        (
            format!("DELETE FROM actions WHERE attempt_id = {last}; DELETE FROM attempts WHERE id = {last};
                     DELETE FROM seals WHERE subject = (SELECT subject FROM seals ORDER BY seq DESC LIMIT 1);"),
            "last records were deleted",
        ),
        ("DELETE FROM seals WHERE seq = 3;".into(), "chain of seals is broken"),
    ];
    for (sql, said) in &cases {
        let out = verify_after(&s, sql);
        assert_eq!(out.status.code(), Some(1), "{sql}\n{}", text(&out));
        assert!(
            text(&out).contains(said),
            "{sql}: expected `{said}`\n{}",
            text(&out)
        );
    }
    // Another school's key is told apart from a broken chain.
    let other = s.dir.join("other.key");
    read_or_create_key(&other).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&s.db)
        .env("FIBRELAB_SCHOOL_KEY", &other)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("is not the one that sealed this store"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_modified_copy_of_a_scenario_played_from_the_command_line_is_told() {
    let s = school();
    let official = root().join("scenarios/connect/connect-dirty-connector-assessment.ron");
    let copy = std::fs::read_to_string(&official)
        .unwrap()
        .replace("pass_mark: 75", "pass_mark: 0");
    let copy = s.write("copy.ron", copy.as_bytes());
    let out = s.run(&[
        "play",
        copy.to_str().unwrap(),
        "--seed",
        "1",
        "--json",
        "--actions",
        root()
            .join("tests/scripts/connect-dirty-connector-assessment.mistakes.ron")
            .to_str()
            .unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["pass_mark"], 0.0, "the copy's pass mark");
    let out = s.run(&["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("a modified copy"), "{}", text(&out));
    assert!(
        !text(&out).contains("confirmed by replay"),
        "{}",
        text(&out)
    );
}

#[test]
fn an_assessment_attempts_seed_and_drawn_values_appear_nowhere_a_trainee_can_read() {
    let (s, lea, yacine, _) = sealed_store();
    let db = s.open();
    let seeds: Vec<String> = [lea, yacine]
        .iter()
        .map(|id| {
            db.attempts()
                .unwrap()
                .into_iter()
                .find(|a| a.id == *id)
                .unwrap()
                .seed
                .to_string()
        })
        .collect();
    let listed = s.ok(&["attempts"]) + &s.ok(&["attempts", "--open"]);
    for seed in &seeds {
        assert!(!listed.contains(seed.as_str()), "{listed}");
    }
    assert!(
        listed.contains("(assessment)") && listed.contains("(script)"),
        "{listed}"
    );
    // `play` of the assessment's scenario, even with the right seed, prints no answer key.
    for extra in [&["--no-record"][..], &[][..]] {
        let mut args = vec![
            "play",
            "connect-dirty-connector-assessment",
            "--seed",
            seeds[1].as_str(),
            "--json",
            "--actions",
        ];
        let path = root().join("tests/scripts/connect-dirty-connector-assessment.clean.ron");
        args.push(path.to_str().unwrap());
        args.extend_from_slice(extra);
        let out = s.run(&args);
        assert!(out.status.success(), "{}", text(&out));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert!(
            v.get("drawn").is_none() && v.get("seed").is_none() && v.get("criteria").is_none(),
            "{v}"
        );
        assert!(!String::from_utf8_lossy(&out.stdout).contains(seeds[1].as_str()));
    }
    // A scripted attempt never counts for the assessment, even under a trainee's name.
    let v = s.json(&["assess", "show", "ecf-test", "--json"]);
    let used: Vec<u64> = v["assignments"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| g["attempts_used"].as_u64().unwrap())
        .collect();
    assert_eq!(used, vec![1, 1], "{v}");
}

#[test]
fn a_seat_without_a_trainer_refuses_every_school_command_and_the_listings() {
    let s = seat_store();
    // A plain store (nobody's school): its attempts are listed and verified by anyone.
    s.ok(&[
        "play",
        "prep-loose-tube-fr-practice",
        "--seed",
        "1",
        "--trainee",
        "Léa",
        "--actions",
        root()
            .join("tests/scripts/loose-tube-fr-practice.clean.ron")
            .to_str()
            .unwrap(),
    ]);
    assert!(s.ok(&["attempts"]).contains("Léa"));
    s.ok(&["verify"]);
    // Nothing of the school's can be done there without a trainer, not even the first
    // cohort: the school's commands are a trainer's.
    let list = s.write("liste.csv", "Nom;Prénom\nMoreau;Léa\n".as_bytes());
    for args in [
        &["cohort", "create", "Promo"][..],
        &["trainee", "add", "Léa Moreau"][..],
        &[
            "trainee",
            "import",
            list.to_str().unwrap(),
            "--cohort",
            "Promo",
        ][..],
        &["assess", "list"][..],
        &["results"][..],
        &["school", "set", "name", "Lycée"][..],
        &["export", "bundle", "--out", "b.flb"][..],
        &["xapi", "status"][..],
        &["purge", "--expired"][..],
    ] {
        let out = s.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("No trainer is registered"),
            "{args:?}: {}",
            text(&out)
        );
    }
    // A store that is a school's (its list came from the trainer's PC, as before this
    // release) but has no trainer: the listings of everyone's attempts are closed too.
    {
        let db = s.open();
        let c = db.create_cohort("Promo", None, None, None).unwrap();
        db.add_trainee("Léa Moreau", None, Some(&c), None).unwrap();
    }
    for args in [&["attempts"][..], &["verify"][..], &["close", "1"][..]] {
        let out = s.run(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("No trainer is registered"),
            "{}",
            text(&out)
        );
    } // And nobody sitting there makes themselves its trainer.
    let out = s
        .cli()
        .env("FIBRELAB_NEW_PIN", "135790")
        .args(["trainer", "add", "Moi"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("none is added there"), "{}", text(&out));
}

#[test]
fn trainer_pins_come_from_the_terminal_or_the_environment_are_slowed_down_and_logged() {
    let s = seat_store();
    // The first trainer adds themselves; their PIN is never an argument.
    let out = s.run(&["trainer", "add", "Mme Garcia", "--pin", "482100"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = s.run(&["trainer", "add", "Mme Garcia"]);
    assert_eq!(out.status.code(), Some(1), "no PIN typed: {}", text(&out));
    assert!(text(&out).contains("FIBRELAB_NEW_PIN"), "{}", text(&out));
    let add = |name: &str, new: &str, pin: Option<&str>| {
        let mut c = s.cli();
        c.env("FIBRELAB_NEW_PIN", new)
            .args(["trainer", "add", name]);
        match pin {
            Some(p) => c.env("FIBRELAB_TRAINER_PIN", p),
            None => c.env_remove("FIBRELAB_TRAINER_PIN"),
        };
        c.output().unwrap()
    };
    // A trainer's PIN has 6 digits at least: it opens everything.
    let out = add("Mme Garcia", "4821", None);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("6 to 12 digits"), "{}", text(&out));
    let out = add("Mme Garcia", "482100", None);
    assert!(out.status.success(), "{}", text(&out));
    // A second trainer is added by a trainer.
    let out = add("M. Petit", "730500", None);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let out = add("M. Petit", "730500", Some("482100"));
    assert!(out.status.success(), "{}", text(&out));
    // The flag that put the PIN in `ps` is gone.
    let out = s.run(&["--trainer-pin", "482100", "cohort", "list"]);
    assert_eq!(out.status.code(), Some(2));
    let with = |pin: &str, args: &[&str]| {
        s.cli()
            .env("FIBRELAB_TRAINER_PIN", pin)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(
        with("482100", &["cohort", "create", "Promo"])
            .status
            .success()
    );
    assert!(with("730500", &["cohort", "list"]).status.success());
    // Three wrong PINs in a row are each refused and written in the audit log; the next
    // try must wait, even with the right PIN (it is not tried).
    for n in 1..=3 {
        let out = with("1111", &["cohort", "list"]);
        assert_eq!(out.status.code(), Some(2));
        assert!(
            text(&out).contains(&format!("Wrong PIN ({n} times in a row")),
            "{}",
            text(&out)
        );
    }
    let out = with("482100", &["cohort", "list"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("try again in"), "{}", text(&out));
    let db = s.open();
    let log = db.audit_log().unwrap();
    let wrong: Vec<_> = log.iter().filter(|e| e.action == "pin_wrong").collect();
    assert_eq!(wrong.len(), 3, "{log:?}");
    assert!(
        wrong
            .iter()
            .all(|e| e.target == "trainer" && e.who == "nobody")
    );
    // The audit log names each trainer by pseudonym.
    assert!(log.iter().any(|e| e.who.starts_with("trainer:")
        && e.action == "cohort_create"
        && e.target == "Promo"));
    // The PINs are kept as Argon2id hashes, 64 MiB and 3 passes.
    let hashes: Vec<String> = rusqlite::Connection::open(&s.db)
        .unwrap()
        .prepare("SELECT pin_hash FROM trainers")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert_eq!(hashes.len(), 2);
    assert!(
        hashes
            .iter()
            .all(|h| h.starts_with("argon2id$v=19$m=65536,t=3,p=1$")),
        "{hashes:?}"
    );
}

#[test]
fn the_wait_between_wrong_pins_doubles_and_a_right_one_starts_afresh() {
    use fibrelab::records::pins::PinCheck;
    let s = school();
    let mut db = s.open();
    let now = Arc::new(AtomicI64::new(1_800_000_000_000));
    let clock = now.clone();
    db.set_clock(Arc::new(move || clock.load(Ordering::SeqCst)));
    let wrong = |db: &Db| db.trainer_login("000000").unwrap();
    for n in 1..=3 {
        assert_eq!(wrong(&db), PinCheck::Wrong(n));
    }
    // 5 s after the third, then 10, 20, 40, and never more than a minute.
    for (failures, wait_s) in [(3u32, 5i64), (4, 10), (5, 20), (6, 40), (7, 60), (8, 60)] {
        assert_eq!(wrong(&db), PinCheck::Wait(wait_s), "after {failures}");
        now.fetch_add(wait_s * 1000 - 1, Ordering::SeqCst);
        assert_eq!(wrong(&db), PinCheck::Wait(1), "after {failures}");
        now.fetch_add(1, Ordering::SeqCst);
        assert_eq!(wrong(&db), PinCheck::Wrong(failures + 1));
    }
    now.fetch_add(60_000, Ordering::SeqCst);
    assert!(matches!(
        db.trainer_login(TRAINER_PIN).unwrap(),
        PinCheck::Open(Some(_))
    ));
    assert_eq!(wrong(&db), PinCheck::Wrong(1), "counted afresh");
    // A trainee's PIN is slowed down the same way, on its own count.
    let c = db.create_cohort("Promo", None, None, None).unwrap();
    let t = db
        .add_trainee("Léa Moreau", None, Some(&c), Some("2468"))
        .unwrap();
    for n in 1..=3 {
        assert_eq!(
            db.trainee_login(&t, Some("1357")).unwrap(),
            PinCheck::Wrong(n)
        );
    }
    assert_eq!(
        db.trainee_login(&t, Some("2468")).unwrap(),
        PinCheck::Wait(5)
    );
    now.fetch_add(5_000, Ordering::SeqCst);
    assert!(matches!(
        db.trainee_login(&t, Some("2468")).unwrap(),
        PinCheck::Open(_)
    ));
}

#[test]
fn a_store_of_release_0_1_0_opens_migrated_and_its_attempts_still_verify_and_seal() {
    let s = school();
    let old = s.dir.join("old.db");
    std::fs::copy(root().join("tests/fixtures/store-0.1.0.db"), &old).unwrap();
    let version = |p: &Path| -> i64 {
        rusqlite::Connection::open(p)
            .unwrap()
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap()
    };
    assert_eq!(version(&old), 0);
    // Read as it is (a jury's copy): nothing is migrated.
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&old)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("confirmed by replay"));
    assert_eq!(version(&old), 0);
    // Opened to write: migrated, every old attempt with a pseudonym of its own.
    let n_before = Db::open_read_only(&old).unwrap().attempts().unwrap().len();
    let mut db = Db::open(&old).unwrap();
    assert_eq!(version(&old), fibrelab::records::SCHEMA_VERSION);
    let rows = db.attempts().unwrap();
    assert_eq!(rows.len(), n_before);
    let uuids: BTreeSet<String> = rows
        .iter()
        .map(|a| db.extra(a.id).unwrap().uuid.unwrap())
        .collect();
    assert_eq!(uuids.len(), n_before);
    assert!(db.verify().unwrap().iter().all(|v| v.problem.is_none()));
    // Sealed from now on: the old attempts sealed as they stood when the seals came.
    db.set_key(read_or_create_key(&s.key).unwrap()).unwrap();
    let problems = db
        .check_seals(Some(&read_or_create_key(&s.key).unwrap()))
        .unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    drop(db);
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&old)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert!(!text(&out).contains("SEAL"), "{}", text(&out));
}
