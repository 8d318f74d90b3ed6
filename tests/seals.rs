//! The records against the people in the room, tried the way a tester tried them from
//! outside: SQL on a copy of the store, the key taken away or swapped, the anchor beside
//! the key left behind by a crash, a store emptied, `verify` run while attempts are being
//! recorded, the output piped into `head`.
//!
//! Expectations come from outside the code under test: the SQL edits themselves, the
//! store's own bytes, the seed formula as SCHOOL.md §8.2 writes it, the codes as a report
//! prints them (`verification_code` over the record).

use std::path::Path;
use std::process::{Command, Output, Stdio};

use fibrelab::records::Db;
use sha2::{Digest, Sha256};

mod common;
use common::sandbox;
use common::*;

fn short(s: &str) -> String {
    let h = Sha256::digest(s.as_bytes());
    h[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// A copy of the store changed by `sql`, beside the original (the anchor beside the key
/// names the original's file).
fn copy_after(s: &School, sql: &str) -> std::path::PathBuf {
    let copy = s.dir.join(format!("copy-{}.db", short(sql)));
    s.sql()
        .execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
        .unwrap();
    let c = rusqlite::Connection::open(&copy).unwrap();
    c.execute_batch(sql).unwrap();
    copy
}

fn fibrelab_on(s: &School, db: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "--db"])
        .arg(db)
        .args(args)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap()
}

#[test]
fn every_sql_edit_a_seat_can_make_is_told_and_no_write_covers_it() {
    let (s, lea, yacine, last) = sealed_store();
    let clean = fibrelab_on(&s, &s.db, &["verify"]);
    assert!(clean.status.success(), "{}", text(&clean));
    assert!(!text(&clean).contains("SEAL"), "{}", text(&clean));
    let forged_row = |id: &str, uuid: &str| {
        format!(
            "INSERT INTO attempts (id, scenario_id, scenario_hash, scenario_source, seed, trainee,
                 started_at, status, finished_at, score, passed, grade_json, program_version, uuid, origin)
             SELECT {id}, scenario_id, scenario_hash, scenario_source, seed, 'Max Durand', started_at,
                 status, finished_at, score, passed, grade_json, program_version, {uuid}, 'app'
             FROM attempts WHERE id = {lea};
             INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action, mac)
             SELECT {id}, seq, at_ms, recorded_at, action, mac FROM actions WHERE attempt_id = {lea};"
        )
    };
    let cases: Vec<(String, &str)> = vec![
        // The seals switched off: every one deleted, the key's fingerprint too.
        ("DELETE FROM seals;".into(), "every seal was deleted"),
        (
            "DELETE FROM seals; DELETE FROM settings WHERE key = 'seal.key';".into(),
            "last records were deleted",
        ),
        // Forged rows numbered 0 or below, or without an identifier.
        (
            forged_row("0", "'f0f0f0f0-0000-4000-8000-000000000000'"),
            "Attempt 0: SEAL: no seal",
        ),
        (
            forged_row("-5", "'f0f0f0f0-0000-4000-8000-000000000005'"),
            "Attempt -5: SEAL: no seal",
        ),
        (forged_row("999", "NULL"), "without an identifier"),
        // The store's identity changed, then its last attempt deleted with its seals.
        (
            format!(
                "UPDATE settings SET value = 'aaaaaaaa-0000-4000-8000-000000000000' WHERE key = 'install.uuid';
                 DELETE FROM actions WHERE attempt_id = {last}; DELETE FROM attempt_files WHERE attempt_id = {last};
                 DELETE FROM attempts WHERE id = {last};
                 DELETE FROM seals WHERE seq > (SELECT MAX(seq) FROM seals) - 6;"
            ),
            "identity (\"install.uuid\") was changed",
        ),
        // A decision no trainer took, one changed.
        (
            format!(
                "INSERT INTO reviews (attempt_id, trainer, decision, comment, at)
                 VALUES ({yacine}, 'trainer:x', 'validated', 'bien', 0);"
            ),
            "the trainer's decision review/2 was not made by FibreLab",
        ),
        (
            "UPDATE reviews SET decision = 'not_validated';".into(),
            "the trainer's decision review/1 was changed",
        ),
        // A trainer's PIN removed; a trainer added; the audit log cut.
        (
            "UPDATE trainers SET pin_hash = NULL WHERE display_name = 'M. Petit';".into(),
            "the trainer's record",
        ),
        (
            "INSERT INTO trainers (uuid, display_name, pin_hash, created_at)
             VALUES ('b0b0b0b0-0000-4000-8000-000000000000', 'Intrus', NULL, 0);"
                .into(),
            "was not made by FibreLab",
        ),
        (
            "DELETE FROM audit_log WHERE id = 1;".into(),
            "the audit log line audit/1 was deleted",
        ),
        // Extra time, attempts allowed, a trainee's PIN, the school's settings.
        (
            "UPDATE assignments SET extra_time_s = 36000;".into(),
            "the assignment",
        ),
        (
            "UPDATE assessments SET attempts_allowed = 9;".into(),
            "the assessment",
        ),
        (
            "UPDATE trainees SET pin_hash = 'x' WHERE display_name = 'Léa Moreau';".into(),
            "the trainee's record",
        ),
        (
            "UPDATE settings SET value = 'https://ailleurs.example' WHERE key = 'install.uuid';"
                .into(),
            "the setting install.uuid",
        ),
        // A paused attempt's log: a gesture changed, the last ones taken off.
        (
            format!("UPDATE actions SET at_ms = at_ms + 1 WHERE attempt_id = {yacine} AND seq = 1;"),
            "gesture 2 of the log was changed",
        ),
        (
            format!("DELETE FROM actions WHERE attempt_id = {yacine} AND seq = 3;"),
            "the last gestures of the log were taken off",
        ),
    ];
    for (sql, said) in &cases {
        let copy = copy_after(&s, sql);
        let out = fibrelab_on(&s, &copy, &["verify"]);
        assert_eq!(out.status.code(), Some(1), "{sql}\n{}", text(&out));
        assert!(
            text(&out).contains(said),
            "{sql}: expected `{said}`\n{}",
            text(&out)
        );
    }
    // On the store itself: the seals deleted, then a write. The write does not start a
    // fresh chain that covers the deletion: the anchor beside the key keeps the cut.
    s.sql().execute_batch("DELETE FROM seals;").unwrap();
    let out = s.play_practice("2", &[]);
    assert!(out.status.success(), "{}", text(&out));
    let out = fibrelab_on(&s, &s.db, &["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("the chain had been cut"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_paused_attempts_log_edited_outside_is_not_resumed() {
    let (s, _, yacine, _) = sealed_store();
    s.sql()
        .execute(
            "UPDATE actions SET at_ms = at_ms + 1 WHERE attempt_id = ?1 AND seq = 2",
            [yacine],
        )
        .unwrap();
    let db = s.open();
    let Err(e) = db.resume(yacine) else {
        panic!("an edited log was resumed");
    };
    let said = e.msg().render(fibrelab::i18n::Lang::En);
    assert!(said.contains("cannot be resumed"), "{said}");
    assert!(said.contains("gesture 3"), "{said}");
}

#[test]
fn a_printed_code_finds_its_attempt_at_once_and_a_renamed_or_forged_record_is_not_confirmed() {
    let (s, lea, _, _) = sealed_store();
    let db = s.open();
    let code = db.code_of(lea).unwrap().unwrap();
    drop(db);
    let out = fibrelab_on(&s, &s.db, &["verify", "--code", &code]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("confirmed by replay"), "{}", text(&out));
    // The code is kept with the attempt: found without computing any other's.
    let kept: String = s
        .sql()
        .query_row("SELECT code FROM attempts WHERE id = ?1", [lea], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(kept, code.replace('-', ""));
    // Renamed: the code still finds the record, which is refused.
    let copy = copy_after(
        &s,
        &format!("UPDATE attempts SET trainee = 'Max Durand' WHERE id = {lea};"),
    );
    let out = fibrelab_on(&s, &copy, &["verify", "--code", &code]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("MISMATCH"), "{}", text(&out));
    // Forged: a copy of her record under another name with its own code, worked out with
    // the formula a report prints: found, and refused.
    let copy = copy_after(
        &s,
        &format!(
            "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee, started_at,
                 status, finished_at, score, passed, grade_json, program_version, uuid, origin)
             SELECT scenario_id, scenario_hash, scenario_source, seed, 'Max Durand', started_at, status,
                 finished_at, score, passed, grade_json, program_version,
                 'f0f0f0f0-0000-4000-8000-000000000001', 'app'
             FROM attempts WHERE id = {lea};
             INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action, mac)
             SELECT (SELECT MAX(id) FROM attempts), seq, at_ms, recorded_at, action, mac
             FROM actions WHERE attempt_id = {lea};"
        ),
    );
    let forged_id: i64 = rusqlite::Connection::open(&copy)
        .unwrap()
        .query_row("SELECT MAX(id) FROM attempts", [], |r| r.get(0))
        .unwrap();
    let forged_code = Db::open_read_only(&copy)
        .unwrap()
        .code_of(forged_id)
        .unwrap()
        .unwrap();
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute(
            "UPDATE attempts SET code = ?2 WHERE id = ?1",
            rusqlite::params![forged_id, forged_code.replace('-', "")],
        )
        .unwrap();
    let out = fibrelab_on(&s, &copy, &["verify", "--code", &forged_code]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains(&format!("attempt {forged_id}: MISMATCH")),
        "{}",
        text(&out)
    );
}

#[test]
fn the_assessment_seeds_are_not_in_the_store_as_they_are_drawn() {
    let (s, lea, _, _) = sealed_store();
    let db = s.open();
    let t = db.trainee("Léa Moreau").unwrap();
    // The seed as SCHOOL.md §8.2 draws it: SHA-256(base | assessment | item | trainee).
    let h = Sha256::digest(format!("7|ecf-test|0|{}", t.uuid).as_bytes());
    let drawn = u64::from_le_bytes(h[..8].try_into().unwrap());
    let a = db
        .attempts()
        .unwrap()
        .into_iter()
        .find(|a| a.id == lea)
        .unwrap();
    assert_eq!(
        a.seed, drawn,
        "read with the key, the seed is the one drawn"
    );
    let (stored, base): (i64, i64) = s
        .sql()
        .query_row(
            "SELECT a.seed, s.base_seed FROM attempts a JOIN assignments g ON g.id = a.assignment_id
             JOIN assessments s ON s.id = g.assessment_id WHERE a.id = ?1",
            [lea],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_ne!(stored as u64, drawn, "SQL reads no seed to replay");
    assert_ne!(base, 7, "nor the base seed to draw one from");
}

#[test]
fn a_missing_or_other_key_is_refused_before_anything_is_written() {
    let (s, _, _, _) = sealed_store();
    let play = |key: &Path| {
        Command::new(env!("CARGO_BIN_EXE_fibrelab"))
            .envs(sandbox::env())
            .args(["--lang", "en", "--db"])
            .arg(&s.db)
            .args([
                "play",
                "prep-loose-tube-fr-practice",
                "--seed",
                "3",
                "--actions",
            ])
            .arg(root().join("tests/scripts/loose-tube-fr-practice.clean.ron"))
            .env("FIBRELAB_SCHOOL_KEY", key)
            .output()
            .unwrap()
    };
    // The store file itself (its -shm index is SQLite's shared memory, not the store).
    let before = std::fs::read(&s.db).unwrap();
    // The key moved away: nothing written, no new key made in its place.
    let moved = s.dir.join("school.key.saved");
    std::fs::rename(&s.key, &moved).unwrap();
    let out = play(&s.key);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("The school's key is not at"),
        "{}",
        text(&out)
    );
    assert!(!s.key.exists(), "no key made in its place");
    // Another key: refused too.
    let other = s.dir.join("other/school.key");
    fibrelab::records::seal::read_or_create_key(&other).unwrap();
    let out = play(&other);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("is not the one that sealed this store"),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read(&s.db).unwrap(), before, "nothing written");
    // Without its key, the store is not said to be fine.
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&s.db)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "{}", text(&out));
    // The key put back: all is as it was.
    std::fs::rename(&moved, &s.key).unwrap();
    let out = play(&s.key);
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn an_empty_store_is_refused_not_made_a_new_gradebook() {
    let s = school();
    // A crash or a full disk left the store at 0 bytes.
    std::fs::write(&s.db, b"").unwrap();
    let out = s.run(&["cohort", "list"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(text(&out).contains("is damaged"), "{}", text(&out));
    assert_eq!(std::fs::metadata(&s.db).unwrap().len(), 0, "left as it was");
}

#[test]
fn an_anchor_left_behind_by_a_crash_is_a_lag_not_tampering() {
    let (s, _, _, _) = sealed_store();
    let anchor = std::fs::read_dir(s.key.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "head"))
        .expect("an anchor beside the key");
    let before = std::fs::read(&anchor).unwrap();
    let out = s.play_practice("4", &[]);
    assert!(out.status.success(), "{}", text(&out));
    // As if the program had stopped (or the disk filled) after the store committed and
    // before the anchor was written: the anchor is behind the store.
    std::fs::write(&anchor, &before).unwrap();
    let out = s.run(&["verify"]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("is behind"), "{}", text(&out));
    assert!(!text(&out).contains("were deleted"), "{}", text(&out));
}

#[test]
fn verify_while_attempts_are_recorded_sees_no_tampering() {
    let s = school();
    let mut child = s
        .cli()
        .args([
            "play",
            "prep-loose-tube-fr-practice",
            "--seed",
            "5",
            // Slow enough that verify runs more than once beside it on a busy machine.
            "--pace-ms",
            "250",
            "--actions",
            root()
                .join("tests/scripts/loose-tube-fr-practice.clean.ron")
                .to_str()
                .unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut verified = 0;
    while child.try_wait().unwrap().is_none() {
        let out = s.run(&["verify"]);
        assert!(out.status.success(), "during the play: {}", text(&out));
        assert!(!text(&out).contains("SEAL"), "{}", text(&out));
        verified += 1;
    }
    assert!(child.wait().unwrap().success());
    assert!(verified >= 2, "verify ran {verified} times during the play");
}

#[test]
fn piped_into_head_every_command_ends_quietly() {
    let (s, _, _, _) = sealed_store();
    for args in [
        &["attempts"][..],
        &["verify"][..],
        &["results", "--all"][..],
        &["results", "--all", "--format", "csv"][..],
        &["trainee", "list"][..],
        &["assess", "show", "ecf-test"][..],
        &["list"][..],
        &["sor", "--help"][..],
    ] {
        let mut child = s
            .cli()
            .args(args)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // The reader takes nothing and goes away, as `head -0` does.
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert_ne!(out.status.code(), Some(101), "{args:?}: {err}");
    }
}

#[test]
fn an_attempt_stopped_between_its_finish_and_its_grade_is_graded_on_resume() {
    let s = school();
    let db = s.open();
    let loaded = fibrelab::scenario::load::load_file(
        &root().join("scenarios/cable-prep/loose-tube-fr-practice.ron"),
    )
    .unwrap();
    let mut session = db.start(&loaded, 1, "script").unwrap();
    let steps = script("loose-tube-fr-practice.clean.ron").timed();
    for (at, a) in steps
        .into_iter()
        .filter(|(_, a)| !matches!(a, fibrelab::exercise::Action::Finish))
    {
        session.act(&db, at, a).unwrap();
    }
    assert!(!session.exercise.is_finished());
    // The finish recorded, the grade not: as a kill between the two leaves it.
    let at = session.exercise.elapsed_ms();
    session
        .exercise
        .apply(at, fibrelab::exercise::Action::Finish)
        .unwrap();
    let seq = session.exercise.log.len() - 1;
    db.record_action(session.attempt, seq, &session.exercise.log[seq])
        .unwrap();
    drop(db);
    let empty = s.write("nothing.ron", b"ActionList(format: 1, steps: [])");
    let out = s.run(&[
        "resume",
        &session.attempt.to_string(),
        "--actions",
        empty.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("its grade is recorded now"),
        "{}",
        text(&out)
    );
    assert!(text(&out).contains("Score"), "{}", text(&out));
    assert!(s.run(&["verify"]).status.success());
}

#[test]
fn the_releve_shows_an_assessment_seed_only_once_nobody_may_sit_that_draw() {
    let (s, lea, _, _) = sealed_store();
    let seed = s
        .open()
        .attempts()
        .unwrap()
        .into_iter()
        .find(|a| a.id == lea)
        .unwrap()
        .seed
        .to_string();
    let page = s.dir.join("releve.html");
    s.ok(&[
        "report",
        "attempt",
        &lea.to_string(),
        "--out",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    // Results after the window closes (AfterClose): the seed is not on the page she signs.
    assert!(!html.contains(&seed), "the seed on the relevé");
    assert!(html.contains("—"));
    s.ok(&["assess", "close", "ecf-test"]);
    s.ok(&[
        "report",
        "attempt",
        &lea.to_string(),
        "--out",
        page.to_str().unwrap(),
    ]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(html.contains(&seed), "closed: the seed is printed");
}

#[test]
fn a_read_only_copy_gives_its_results_to_a_trainer() {
    use std::os::unix::fs::PermissionsExt;
    let (s, _, _, _) = sealed_store();
    let dir = s.dir.join("jury");
    std::fs::create_dir(&dir).unwrap();
    let copy = dir.join("copie.db");
    s.sql()
        .execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
        .unwrap();
    std::fs::set_permissions(&copy, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();
    let out = fibrelab_on(&s, &copy, &["results", "--all", "--format", "csv"]);
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert!(out.status.success(), "{}", text(&out));
    let csv = String::from_utf8_lossy(&out.stdout);
    assert!(csv.starts_with('\u{feff}'), "{csv}");
    // Léa's assessment attempt, Yacine's under way and the scripted play, each a line.
    assert_eq!(csv.lines().count(), 1 + 3, "{csv}");
}

#[test]
fn a_play_for_someone_on_the_list_is_theirs_and_an_unknown_name_is_refused() {
    let (s, _, _, _) = sealed_store();
    let play = |who: &str| s.play_practice("9", &["--trainee", who]);
    let out = play("Nobody Here");
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    let out = play("léa moreau");
    assert!(out.status.success(), "{}", text(&out));
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    let last = db.attempts().unwrap().last().unwrap().id;
    assert_eq!(db.extra(last).unwrap().trainee_id, Some(lea.id));
}

#[test]
fn trainee_pins_are_made_for_a_cohort_and_required_when_the_school_says_so() {
    use fibrelab::records::pins::PinCheck;
    use std::os::unix::fs::PermissionsExt;
    let (s, _, _, _) = sealed_store();
    let sheet = s.dir.join("codes.csv");
    s.ok(&[
        "trainee",
        "pins",
        "--cohort",
        "Promo test",
        "--out",
        sheet.to_str().unwrap(),
    ]);
    let mode = std::fs::metadata(&sheet).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "the list of PINs is its owner's only");
    let text = std::fs::read_to_string(&sheet).unwrap();
    let lines: Vec<&str> = text.lines().skip(1).collect();
    assert_eq!(lines.len(), 2, "{text}");
    let pin_of = |name: &str| -> String {
        let line = lines.iter().find(|l| l.contains(name)).unwrap();
        // As a spreadsheet keeps six digits as text (see records::export): `="012345"`.
        let cell = line.rsplit(';').next().unwrap().trim();
        let unquoted = cell[1..cell.len() - 1].replace("\"\"", "\"");
        fibrelab::records::export::as_written(&unquoted)
    };
    let lea_pin = pin_of("Léa Moreau");
    assert!(lea_pin.len() == 6 && lea_pin.chars().all(|c| c.is_ascii_digit()));
    // Made once: run again, nobody gets another.
    s.ok(&[
        "trainee",
        "pins",
        "--cohort",
        "Promo test",
        "--out",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(std::fs::read_to_string(&sheet).unwrap().lines().count(), 1);
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    assert!(matches!(
        db.trainee_login(&lea, Some(&lea_pin)).unwrap(),
        PinCheck::Open(_)
    ));
    // A trainee added later has none; once the school requires PINs, they cannot open.
    let c = db.cohort("Promo test").unwrap().unwrap();
    let tom = db.add_trainee("Tom Petit", None, Some(&c), None).unwrap();
    assert!(matches!(
        db.trainee_login(&tom, None).unwrap(),
        PinCheck::Open(_)
    ));
    drop(db);
    s.ok(&["school", "set", "trainee-pins", "required"]);
    let db = s.open();
    assert!(matches!(
        db.trainee_login(&tom, None).unwrap(),
        PinCheck::Closed(_)
    ));
}

#[test]
fn a_class_list_mixing_encodings_is_refused_whole_and_a_known_pseudonym_with_another_name_is_told()
{
    let s = school();
    s.ok(&["cohort", "create", "Promo"]);
    let import = |list: &std::path::Path| {
        s.run(&[
            "trainee",
            "import",
            list.to_str().unwrap(),
            "--cohort",
            "Promo",
        ])
    };
    // UTF-8, with one line saved in Latin-1 (é as the single byte 0xE9).
    let mut bytes = "Nom;Prénom\nMoreau;Léa\n".as_bytes().to_vec();
    bytes.extend_from_slice(b"Roux;In\xe8s\nBenali;Yacine\n");
    let list = s.write("melange.csv", &bytes);
    let out = import(&list);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("melange.csv:3:"), "{}", text(&out));
    assert!(
        s.open().trainees(None, true).unwrap().is_empty(),
        "nobody imported"
    );
    // A list from the trainer's PC with pseudonyms: one edited name is told, not taken.
    let list = s.write("liste.csv", "Nom;Prénom\nMoreau;Léa\n".as_bytes());
    assert!(import(&list).status.success());
    let lea = s.open().trainee("Léa Moreau").unwrap();
    let edited = s.write(
        "edited.csv",
        format!("nom complet;uuid\nLéo Moreau;{}\n", lea.uuid).as_bytes(),
    );
    let out = import(&edited);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(text(&out).contains("edited.csv:2:"), "{}", text(&out));
    assert!(
        text(&out).contains("is already \"Léa Moreau\""),
        "{}",
        text(&out)
    );
    assert_eq!(
        s.open().trainee(&lea.uuid).unwrap().name.as_deref(),
        Some("Léa Moreau")
    );
}

#[test]
fn a_long_class_list_imported_while_attempts_are_recorded_blocks_none_of_them() {
    let s = school();
    s.ok(&["cohort", "create", "Promo"]);
    let mut list = String::from("Nom;Prénom\n");
    for i in 0..2000 {
        list.push_str(&format!("Nom{i:04};Prénom{i:04}\n"));
    }
    let list = s.write("grande-liste.csv", list.as_bytes());
    let plays: Vec<_> = (0..4)
        .map(|k| {
            s.cli()
                .args([
                    "play",
                    "prep-loose-tube-fr-practice",
                    "--seed",
                    &k.to_string(),
                    "--pace-ms",
                    "20",
                    "--actions",
                    root()
                        .join("tests/scripts/loose-tube-fr-practice.clean.ron")
                        .to_str()
                        .unwrap(),
                ])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let out = s.run(&[
        "trainee",
        "import",
        list.to_str().unwrap(),
        "--cohort",
        "Promo",
    ]);
    assert!(out.status.success(), "{}", text(&out));
    for p in plays {
        let out = p.wait_with_output().unwrap();
        assert!(
            out.status.success(),
            "a play during the import: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    assert_eq!(s.open().trainees(None, true).unwrap().len(), 2000);
    assert!(s.run(&["verify"]).status.success());
}

#[test]
fn a_pin_hash_put_in_a_record_by_sql_opens_nothing() {
    let (s, _, _, _) = sealed_store();
    // A hash of a PIN the trainee knows, made by FibreLab itself elsewhere.
    let known = fibrelab::records::seal::hash_pin("111111");
    s.sql()
        .execute(
            "UPDATE trainers SET pin_hash = ?1 WHERE display_name = 'Mme Formatrice'",
            [&known],
        )
        .unwrap();
    let out = s
        .cli()
        .env("FIBRELAB_TRAINER_PIN", "111111")
        .args(["assess", "show", "ecf-test", "--json"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(
        text(&out).contains("changed outside FibreLab"),
        "{}",
        text(&out)
    );
    assert!(!String::from_utf8_lossy(&out.stdout).contains("seed"));
    // Written down, and the trainee's PIN likewise: a hash put there opens nothing.
    let log = s.open().audit_log().unwrap();
    assert!(log.iter().any(|e| e.action == "pin_record_changed"));
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    drop(db);
    s.sql()
        .execute(
            "UPDATE trainees SET pin_hash = ?1 WHERE uuid = ?2",
            [&known, &lea.uuid],
        )
        .unwrap();
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    assert!(matches!(
        db.trainee_login(&lea, Some("111111")).unwrap(),
        fibrelab::records::pins::PinCheck::Closed(_)
    ));
    // A PIN FibreLab gave her, taken off by SQL, does not let anyone in without one.
    drop(db);
    s.sql()
        .execute(
            "UPDATE trainees SET pin_hash = NULL WHERE uuid = ?1",
            [&lea.uuid],
        )
        .unwrap();
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    db.set_trainee_pin(&lea, Some("975310")).unwrap();
    drop(db);
    s.sql()
        .execute(
            "UPDATE trainees SET pin_hash = NULL WHERE uuid = ?1",
            [&lea.uuid],
        )
        .unwrap();
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    assert!(matches!(
        db.trainee_login(&lea, None).unwrap(),
        fibrelab::records::pins::PinCheck::Closed(_)
    ));
}

#[test]
fn wrong_pins_are_counted_beside_the_key_where_sql_cannot_reset_them_nor_programs_at_once_race() {
    let s = school();
    let wrong = || {
        s.cli()
            .env("FIBRELAB_TRAINER_PIN", "000000")
            .args(["cohort", "list"])
            .output()
            .unwrap()
    };
    for _ in 0..3 {
        assert_eq!(wrong().status.code(), Some(2));
    }
    // The store's tables say nothing of the count: nothing there to reset.
    let tables: Vec<String> = s
        .sql()
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(|r| r.unwrap())
        .collect();
    assert!(!tables.iter().any(|t| t.contains("pin")), "{tables:?}");
    // Eight programs trying at once: each is told to wait, none tries.
    let tries: Vec<_> = (0..8)
        .map(|_| {
            s.cli()
                .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
                .args(["cohort", "list"])
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for t in tries {
        let out = t.wait_with_output().unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(
            String::from_utf8_lossy(&out.stderr).contains("try again in"),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
    let anchor = std::fs::read_dir(s.key.parent().unwrap())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "head"))
        .unwrap();
    assert!(
        std::fs::read_to_string(&anchor)
            .unwrap()
            .contains("tries trainer 3 "),
        "the count, beside the key"
    );
}

#[test]
fn the_seed_is_in_no_column_of_the_store_as_it_was_drawn() {
    let (s, lea, yacine, _) = sealed_store();
    let seeds: Vec<u64> = s
        .open()
        .attempts()
        .unwrap()
        .into_iter()
        .filter(|a| a.id == lea || a.id == yacine)
        .map(|a| a.seed)
        .collect();
    assert_eq!(seeds.len(), 2);
    let bytes = store_files(&s.db);
    for seed in &seeds {
        assert!(!contains(&bytes, &seed.to_string()), "{seed} in the store");
    }
    // The trainer's results leave them out while their draws may still be sat.
    let csv = s.ok(&["results", "--all", "--format", "csv"]);
    for seed in &seeds {
        assert!(!csv.contains(&seed.to_string()), "{csv}");
    }
}

#[test]
fn an_attempt_played_for_a_trainee_with_a_pin_needs_their_pin() {
    let (s, _, _, _) = sealed_store();
    let db = s.open();
    let lea = db.trainee("Léa Moreau").unwrap();
    db.set_trainee_pin(&lea, Some("246813")).unwrap();
    drop(db);
    let play = |pin: Option<&str>| {
        let mut c = s.cli();
        c.args([
            "play",
            "prep-loose-tube-fr-practice",
            "--seed",
            "9",
            "--trainee",
            "Léa Moreau",
            "--actions",
        ])
        .arg(root().join("tests/scripts/loose-tube-fr-practice.clean.ron"));
        match pin {
            Some(p) => c.env("FIBRELAB_TRAINEE_PIN", p),
            None => c.env_remove("FIBRELAB_TRAINEE_PIN"),
        };
        c.output().unwrap()
    };
    assert_eq!(play(None).status.code(), Some(1));
    assert_eq!(play(Some("111111")).status.code(), Some(1));
    let out = play(Some("246813"));
    assert!(out.status.success(), "{}", text(&out));
}

#[test]
fn a_store_copied_with_its_key_keeps_every_open_log_from_its_first_write_there() {
    let (s, _, yacine, _) = sealed_store();
    // The store and a copy of the key moved to another folder: a new anchor.
    let moved = s.dir.join("moved");
    std::fs::create_dir_all(moved.join("keys")).unwrap();
    let db = moved.join("seat.db");
    s.sql()
        .execute_batch(&format!("VACUUM INTO '{}'", db.display()))
        .unwrap();
    let key = moved.join("keys/school.key");
    std::fs::copy(&s.key, &key).unwrap();
    let fl = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_fibrelab"))
            .envs(sandbox::env())
            .args(["--lang", "en", "--db"])
            .arg(&db)
            .args(args)
            .env("FIBRELAB_SCHOOL_KEY", &key)
            .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
            .output()
            .unwrap()
    };
    let out = fl(&["review", "1", "--decision", "redo"]);
    assert!(out.status.success(), "{}", text(&out));
    // Yacine's last gestures, recorded before the anchor was there, taken off.
    rusqlite::Connection::open(&db)
        .unwrap()
        .execute(
            "DELETE FROM actions WHERE attempt_id = ?1 AND seq = 3",
            [yacine],
        )
        .unwrap();
    let out = fl(&["verify"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("the last gestures of the log were taken off"),
        "{}",
        text(&out)
    );
}

#[test]
fn a_store_of_this_format_with_its_seals_taken_off_is_not_a_store_from_before_the_seals() {
    let (s, _, _, _) = sealed_store();
    let copy = s.dir.join("elsewhere/copie.db");
    std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
    s.sql()
        .execute_batch(&format!("VACUUM INTO '{}'", copy.display()))
        .unwrap();
    rusqlite::Connection::open(&copy)
        .unwrap()
        .execute_batch(
            "DELETE FROM seals; DELETE FROM settings WHERE key LIKE 'seal.%';
             UPDATE settings SET value = 'bbbbbbbb-0000-4000-8000-000000000000' WHERE key = 'install.uuid';
             UPDATE actions SET mac = NULL;",
        )
        .unwrap();
    // Verified with another folder's key copy: no anchor knows it.
    let keys = s.dir.join("elsewhere/keys");
    std::fs::create_dir_all(&keys).unwrap();
    std::fs::copy(&s.key, keys.join("school.key")).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&copy)
        .env("FIBRELAB_SCHOOL_KEY", keys.join("school.key"))
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert_ne!(out.status.code(), Some(0), "{}", text(&out));
}

#[test]
fn with_another_key_an_assessment_attempt_is_said_not_replayable_not_a_different_grade() {
    let (s, _, _, _) = sealed_store();
    let other = s.dir.join("other/school.key");
    fibrelab::records::seal::read_or_create_key(&other).unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "verify", "--db"])
        .arg(&s.db)
        .env("FIBRELAB_SCHOOL_KEY", &other)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("is not the one that sealed this store"),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("cannot be made again"),
        "{}",
        text(&out)
    );
    assert!(!text(&out).contains("replay gives"), "{}", text(&out));
}
