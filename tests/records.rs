//! Attempts in SQLite: a played attempt verifies; a tampered one does not; a process
//! killed mid-attempt leaves every finished action recoverable, and the attempt resumes
//! to the same grade as an uninterrupted run.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Command, Stdio};

use fibrelab::records::{Db, Status};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fibrelab"));
    c.args(["--lang", "en"]);
    c
}

fn script(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/scripts")
        .join(name)
}

fn play(db: &Path, scenario: &str, seed: u64, actions: &Path) -> serde_json::Value {
    let out = bin()
        .args([
            "play",
            scenario,
            "--seed",
            &seed.to_string(),
            "--json",
            "--db",
        ])
        .arg(db)
        .arg("--actions")
        .arg(actions)
        .output()
        .expect("play");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("json")
}

#[test]
fn a_played_attempt_is_stored_and_verifies() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("nested/dir/attempts.db");
    let report = play(
        &db_path,
        "prep-loose-tube-fr-practice",
        1,
        &script("loose-tube-fr-practice.clean.ron"),
    );
    play(
        &db_path,
        "prep-loose-tube-fr-practice",
        1,
        &script("loose-tube-fr-practice.mistakes.ron"),
    );
    let db = Db::open(&db_path).unwrap();
    let attempts = db.attempts().unwrap();
    assert_eq!(attempts.len(), 2);
    let a = &attempts[0];
    assert_eq!(a.status, Status::Finished);
    assert_eq!(a.scenario_id, "prep-loose-tube-fr-practice");
    assert_eq!(a.seed, 1);
    assert_eq!(a.actions, 11);
    assert_eq!(a.score, report["score"].as_f64());
    assert_eq!(a.program_version, env!("CARGO_PKG_VERSION"));
    assert_eq!(a.scenario_hash.len(), 64);
    let log = db.actions(a.id).unwrap();
    assert!(log.windows(2).all(|w| w[0].at_ms <= w[1].at_ms));
    assert_eq!(log[0].at_ms, 20_000);

    let out = bin()
        .arg("verify")
        .arg("--db")
        .arg(&db_path)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(
        String::from_utf8_lossy(&out.stdout)
            .matches("confirmed by replay")
            .count(),
        2
    );
}

#[test]
fn verify_refuses_a_record_whose_grade_does_not_match_its_log() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("a.db");
    play(
        &db_path,
        "prep-flat-drop-assessment",
        5,
        &script("flat-drop-assessment.mistakes.ron"),
    );
    play(
        &db_path,
        "prep-flat-drop-assessment",
        5,
        &script("flat-drop-assessment.clean.ron"),
    );
    {
        // Someone raises a failed score by hand...
        let c = rusqlite::Connection::open(&db_path).unwrap();
        c.execute(
            "UPDATE attempts SET score = 95.0, passed = 1 WHERE id = 1",
            [],
        )
        .unwrap();
        // ...and someone removes a mistake from the other attempt's log.
        c.execute("UPDATE actions SET action = 'StripSheath(length_mm:400.0,tool:DropStripper)' WHERE attempt_id = 2 AND seq = 0", []).unwrap();
    }
    let out = bin()
        .arg("verify")
        .arg("--db")
        .arg(&db_path)
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(1), "{stdout}");
    assert!(
        stdout
            .contains("Attempt 1 (prep-flat-drop-assessment, script): MISMATCH: stored score 95.0"),
        "{stdout}"
    );
    assert!(
        stdout.contains("Attempt 2 (prep-flat-drop-assessment, script): MISMATCH"),
        "{stdout}"
    );
}

#[test]
fn killed_mid_attempt_keeps_every_finished_action_and_resumes() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("kill.db");
    let full = script("loose-tube-tia-assessment.clean.ron");
    let mut child = bin()
        .args([
            "play",
            "prep-loose-tube-tia-assessment",
            "--seed",
            "3",
            "--pace-ms",
            "300",
            "--db",
        ])
        .arg(&db_path)
        .arg("--actions")
        .arg(&full)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stderr = child.stderr.take().unwrap();
    let mut reported = 0usize;
    let mut attempt = 0i64;
    for line in BufReader::new(stderr).lines() {
        let line = line.unwrap();
        if let Some(rest) = line.strip_prefix("recorded ") {
            let mut it = rest.split_whitespace();
            attempt = it.next().unwrap().parse().unwrap();
            reported = it.next().unwrap().parse().unwrap();
            if reported == 6 {
                child.kill().expect("SIGKILL"); // Child::kill sends SIGKILL on Unix.
                break;
            }
        }
    }
    let _ = child.wait();
    assert_eq!(reported, 6);

    let db = Db::open(&db_path).unwrap();
    let open = db.open_attempts(None).unwrap();
    assert_eq!(open.len(), 1, "the attempt is offered for resume");
    assert_eq!(open[0].id, attempt);
    let stored = db.actions(attempt).unwrap();
    // Every action reported as recorded is there (at most one more, if the kill landed
    // between the commit and the report).
    assert!(
        stored.len() == reported || stored.len() == reported + 1,
        "{} stored",
        stored.len()
    );
    let list =
        fibrelab::exercise::script::ActionList::parse(&std::fs::read(&full).unwrap(), "full")
            .unwrap();
    let timed = list.timed();
    for (i, a) in stored.iter().enumerate() {
        assert_eq!(
            (a.at_ms, &a.action),
            (timed[i].0, &timed[i].1),
            "action {i} intact"
        );
    }
    drop(db);

    // Resume with the rest of the list.
    let rest = tmp.path().join("rest.ron");
    let steps: Vec<String> = timed[stored.len()..]
        .iter()
        .map(|(t, a)| {
            format!(
                "(t: {}, act: {})",
                *t as f64 / 1000.0,
                ron::to_string(a).unwrap()
            )
        })
        .collect();
    std::fs::write(
        &rest,
        format!("ActionList(format: 1, steps: [{}])", steps.join(", ")),
    )
    .unwrap();
    let out = bin()
        .arg("resume")
        .arg(attempt.to_string())
        .arg("--json")
        .arg("--db")
        .arg(&db_path)
        .arg("--actions")
        .arg(&rest)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let resumed: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    // The same as an uninterrupted run.
    let straight = play(
        &tmp.path().join("straight.db"),
        "prep-loose-tube-tia-assessment",
        3,
        &full,
    );
    assert_eq!(resumed["score"], straight["score"]);
    assert_eq!(resumed["criteria"], straight["criteria"]);
    assert_eq!(resumed["prepared_ends"], straight["prepared_ends"]);

    let db = Db::open(&db_path).unwrap();
    assert!(db.open_attempts(None).unwrap().is_empty());
    assert_eq!(db.attempts().unwrap()[0].actions as usize, timed.len());
    let v = db.verify().unwrap();
    assert_eq!(v.len(), 1);
    assert!(v[0].problem.is_none(), "{:?}", v[0].problem);
}

#[test]
fn an_unwritable_database_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("not-a-dir");
    std::fs::write(&file, "x").unwrap();
    let out = bin()
        .args(["play", "prep-flat-drop-assessment", "--seed", "1", "--db"])
        .arg(file.join("a.db"))
        .arg("--actions")
        .arg(script("flat-drop-assessment.clean.ron"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("Cannot create the folder"), "{stderr}");
    assert!(!stderr.contains("panicked"));
}
