//! The xAPI outbox and `xapi send`: the outbox keeps ids, not statements; an outbox of
//! the first shape is migrated with each row's state; an assessment's seed is in no
//! statement; `xapi send` refuses http away from this computer and a missing password,
//! and a 409 for an id the LRS holds with other content is not taken as sent.
//!
//! Expectations come from outside the code under test: the store's bytes and SQLite's own
//! page counts (`dbstat`), rows written by hand in the first shape, the seeds as the
//! attempts table keeps them, a TCP listener that counts connections, and Ralph (a real
//! LRS) holding a statement we did not make.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use fibrelab::records::Db;
use fibrelab::records::assess::SeedPolicy;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

mod common;
use common::sandbox;
use common::*;

fn play(db: &Db, who: &str, position: u32, file: &str) {
    let mut session = start(db, who, position);
    for (at, a) in script(file).timed() {
        session.act(db, at, a).unwrap();
    }
}

/// Léa does both scenarios right, Yacine gets the connectors wrong (seeds drawn per
/// trainee: 64-bit numbers); Léa also plays the connectors from a script, seed 4242.
fn cohort_with_results() -> School {
    let s = school();
    let db = store_with_assessment(
        &s,
        &["Léa Moreau", "Yacine Benali"],
        &[
            "connect-dirty-connector-assessment",
            "prep-loose-tube-fr-practice",
        ],
        None,
        SeedPolicy::PerTrainee,
        7,
    );
    play(
        &db,
        "Léa Moreau",
        0,
        "connect-dirty-connector-assessment.clean.ron",
    );
    play(&db, "Léa Moreau", 1, "loose-tube-fr-practice.clean.ron");
    play(
        &db,
        "Yacine Benali",
        0,
        "connect-dirty-connector-assessment.mistakes.ron",
    );
    drop(db);
    s.ok_text(&[
        "play",
        "connect-dirty-connector-assessment",
        "--seed",
        "4242",
        "--trainee",
        "Léa Moreau",
        "--actions",
        root()
            .join("tests/scripts/connect-dirty-connector-assessment.mistakes.ron")
            .to_str()
            .unwrap(),
    ]);
    s.ok_text(&["school", "set", "base-iri", BASE]);
    s
}

const BASE: &str = "https://formation.ecole-fibre.example/fibrelab";

fn uuid_like(s: &str) -> String {
    let h = Sha256::digest(s.as_bytes());
    h[..6].iter().map(|b| format!("{b:02x}")).collect()
}

fn statements(s: &School, args: &[&str]) -> Vec<Value> {
    let out = s
        .dir
        .join(format!("statements-{}.json", uuid_like(&args.join(" "))));
    let mut all = vec!["xapi", "export", "--out", out.to_str().unwrap()];
    all.extend_from_slice(args);
    s.ok(&all);
    serde_json::from_slice::<Value>(&std::fs::read(&out).unwrap())
        .unwrap()
        .as_array()
        .unwrap()
        .clone()
}

fn columns(c: &rusqlite::Connection, table: &str) -> Vec<String> {
    let mut stmt = c.prepare(&format!("PRAGMA table_info({table})")).unwrap();
    stmt.query_map([], |r| r.get::<_, String>(1))
        .unwrap()
        .map(Result::unwrap)
        .collect()
}

type OutboxRow = (String, String, i64, Option<i64>, i64, Option<String>);

fn outbox_rows(c: &rusqlite::Connection) -> Vec<OutboxRow> {
    let mut stmt = c
        .prepare(
            "SELECT statement_id, attempt_uuid, created_at, sent_at, tries, last_error
             FROM xapi_outbox ORDER BY statement_id",
        )
        .unwrap();
    stmt.query_map([], |r| {
        Ok((
            r.get(0)?,
            r.get(1)?,
            r.get(2)?,
            r.get(3)?,
            r.get(4)?,
            r.get(5)?,
        ))
    })
    .unwrap()
    .map(Result::unwrap)
    .collect()
}

/// The bytes the outbox takes in the store, as SQLite counts them (its table and its
/// indexes, free space in their pages left out).
fn outbox_bytes(c: &rusqlite::Connection) -> i64 {
    let (used, trees): (i64, i64) = c
        .query_row(
            "SELECT SUM(pgsize - unused), COUNT(DISTINCT name) FROM dbstat
             WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'xapi_outbox')",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .unwrap();
    assert_eq!(trees, 3, "the table, its key and its index by attempt");
    used
}

/// The same of the outbox of the first shape (its table and its key).
fn outbox_bytes_first_shape(c: &rusqlite::Connection) -> i64 {
    c.query_row(
        "SELECT SUM(pgsize - unused) FROM dbstat
         WHERE name IN (SELECT name FROM sqlite_master WHERE tbl_name = 'xapi_outbox')",
        [],
        |r| r.get(0),
    )
    .unwrap()
}

// ---------------------------------------------------------------- the outbox

#[test]
fn the_outbox_holds_ids_not_statements() {
    let s = cohort_with_results();
    let all = statements(&s, &["--all"]);
    // Léa: 7 + 12 criteria and 2 attempts, and her scripted play (played for her, on the
    // school's list: 7 and 1); Yacine: 7 and 1.
    assert_eq!(all.len(), 7 + 1 + 12 + 1 + 7 + 1 + 7 + 1);
    let c = s.sql();
    assert_eq!(
        columns(&c, "xapi_outbox"),
        [
            "statement_id",
            "attempt_uuid",
            "created_at",
            "sent_at",
            "tries",
            "last_error"
        ]
    );
    let ids: BTreeSet<String> = all
        .iter()
        .map(|v| v["id"].as_str().unwrap().to_string())
        .collect();
    let rows = outbox_rows(&c);
    assert_eq!(
        rows.iter().map(|r| r.0.clone()).collect::<BTreeSet<_>>(),
        ids
    );
    assert!(rows.iter().all(|r| r.3.is_none() && r.4 == 0));
    // What the outbox takes on disk, as SQLite counts it (the table and its indexes): an
    // id row, not a statement (each statement here is 1.5 kB of JSON or more).
    let smallest = all
        .iter()
        .map(|v| serde_json::to_string(v).unwrap().len())
        .min()
        .unwrap();
    assert!(smallest > 1500, "{smallest}");
    let per_statement = outbox_bytes(&c) / all.len() as i64;
    assert!(
        per_statement < 400,
        "{per_statement} bytes a statement in the outbox"
    );
    // And none of a statement's text is anywhere in the store's files.
    drop(c);
    let bytes = store_files(&s.db);
    for needle in [
        "/xapi/activities/",
        "adlnet.gov/expapi",
        "criteria-summary",
        "contextActivities",
    ] {
        assert!(!contains(&bytes, needle), "{needle} in the store's files");
    }
    // Exported again: the same statements (made again from the attempts), nothing added.
    assert_eq!(statements(&s, &["--all"]), all);
    assert_eq!(outbox_rows(&s.sql()).len(), all.len());
}

/// The outbox as the first release made it: each statement's body kept.
const FIRST_SHAPE: &str = "
DROP TABLE xapi_outbox;
CREATE TABLE xapi_outbox (
    statement_id TEXT PRIMARY KEY,
    attempt_uuid TEXT NOT NULL,
    body         TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    sent_at      INTEGER,
    tries        INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);";

#[test]
fn an_outbox_of_the_first_shape_is_migrated_with_each_rows_state() {
    let s = cohort_with_results();
    let all = statements(&s, &["--scenario", "prep-loose-tube-fr-practice"]);
    assert_eq!(all.len(), 13);
    let attempt: String = s
        .sql()
        .query_row("SELECT attempt_uuid FROM xapi_outbox LIMIT 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    // By hand, in the first shape: 5 sent (one after 2 tries), 1 failed with a reason, 7
    // never tried; each with its body.
    let mut expected: Vec<OutboxRow> = Vec::new();
    {
        let c = s.sql();
        c.execute_batch(FIRST_SHAPE).unwrap();
        for (i, st) in all.iter().enumerate() {
            let i = i as i64;
            let id = st["id"].as_str().unwrap().to_string();
            let full: OutboxRow = match i {
                0..=4 => (
                    id,
                    attempt.clone(),
                    1_000 + i,
                    Some(2_000 + i),
                    if i == 0 { 2 } else { 1 },
                    None,
                ),
                5 => (
                    id,
                    attempt.clone(),
                    1_000 + i,
                    None,
                    3,
                    Some("HTTP 503: busy".into()),
                ),
                _ => (id, attempt.clone(), 1_000 + i, None, 0, None),
            };
            c.execute(
                "INSERT INTO xapi_outbox (statement_id, attempt_uuid, body, created_at, sent_at, tries, last_error)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                rusqlite::params![
                    full.0,
                    full.1,
                    serde_json::to_string(st).unwrap(),
                    full.2,
                    full.3,
                    full.4,
                    full.5
                ],
            )
            .unwrap();
            expected.push(full);
        }
    }
    expected.sort();
    assert!(outbox_bytes_first_shape(&s.sql()) / 13 > 1500);
    // Opened by this program: migrated, every row as it was, bodies gone.
    let out = s.ok_text(&["xapi", "status"]);
    assert!(out.contains("8 statement(s) waiting, 5 sent"), "{out}");
    let c = s.sql();
    assert!(!columns(&c, "xapi_outbox").iter().any(|n| n == "body"));
    assert_eq!(outbox_rows(&c), expected);
    let per_statement = outbox_bytes(&c) / 13;
    assert!(
        per_statement < 400,
        "{per_statement} bytes a statement in the outbox"
    );
    drop(c);
    // Nothing queued twice: what waits is the 8, in one batch.
    let out = s.ok_text(&[
        "xapi",
        "send",
        "--scenario",
        "prep-loose-tube-fr-practice",
        "--endpoint",
        "https://lrs.example/xapi",
        "--dry-run",
    ]);
    assert!(
        out.contains("Dry run: 8 statement(s) in 1 batch(es) wait."),
        "{out}"
    );
    // Opened again: nothing changes.
    drop(s.open());
    assert_eq!(outbox_rows(&s.sql()), expected);
}

// ---------------------------------------------------------------- seeds

#[test]
fn an_assessment_attempts_seed_is_in_no_statement_and_a_free_attempts_is() {
    let s = cohort_with_results();
    // Léa's name erased: her scripted play (a free attempt) is put under her pseudonym,
    // so it has statements too.
    s.ok_text(&["trainee", "erase", "Léa Moreau", "--confirm"]);
    let all = statements(&s, &["--all"]);
    assert_eq!(all.len(), 7 + 1 + 12 + 1 + 7 + 1 + 7 + 1);
    let c = s.sql();
    let seeds: Vec<(i64, Option<String>)> = c
        .prepare("SELECT a.seed, g.uuid FROM attempts a LEFT JOIN assignments g ON g.id = a.assignment_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let assignments: BTreeSet<String> = seeds.iter().filter_map(|(_, g)| g.clone()).collect();
    assert_eq!(assignments.len(), 3);
    let seed_key = format!("{BASE}/xapi/extensions/seed");
    let (mut assessed, mut free) = (0, 0);
    for st in &all {
        let ext = &st["context"]["extensions"];
        let registration = st["context"]["registration"].as_str().unwrap();
        if assignments.contains(registration) {
            assessed += 1;
            assert!(ext.get(&seed_key).is_none(), "{st}");
        } else {
            free += 1;
            assert_eq!(ext[&seed_key], "4242", "{st}");
        }
    }
    assert_eq!((assessed, free), (7 + 1 + 12 + 1 + 7 + 1, 7 + 1));
    // The drawn seeds (per trainee: 64-bit numbers) nowhere in what is exported, as
    // written to the file.
    let file = std::fs::read(
        s.dir
            .join(format!("statements-{}.json", uuid_like("--all"))),
    )
    .unwrap();
    for (seed, g) in &seeds {
        if g.is_some() {
            let seed = (*seed as u64).to_string();
            assert!(seed.len() > 8, "{seed}");
            assert!(!contains(&file, &seed), "seed {seed} in the statements");
        }
    }
    assert!(contains(&file, "\"4242\""));
}

// ---------------------------------------------------------------- xapi send's settings

/// A TCP listener on loopback that counts the connections made to it.
struct Listener(std::net::TcpListener);

impl Listener {
    fn new() -> Listener {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.set_nonblocking(true).unwrap();
        Listener(l)
    }
    fn endpoint(&self) -> String {
        format!(
            "http://127.0.0.1:{}/xAPI",
            self.0.local_addr().unwrap().port()
        )
    }
    fn connections(&self) -> usize {
        std::iter::from_fn(|| self.0.accept().ok()).count()
    }
}

#[test]
fn http_away_from_this_computer_is_refused_before_anything_is_done() {
    let s = cohort_with_results();
    for endpoint in [
        "http://lrs.ecole-fibre.example/xAPI",
        "http://192.168.1.20:8100/xAPI",
    ] {
        let out = s
            .cli()
            .args([
                "xapi",
                "send",
                "--all",
                "--endpoint",
                endpoint,
                "--user",
                "fibrelab",
            ])
            .env("FIBRELAB_LRS_PASSWORD", "mot-de-passe")
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(text(&out).contains(endpoint), "{}", text(&out));
        assert!(text(&out).contains("https address"), "{}", text(&out));
        assert!(text(&out).contains("in clear"), "{}", text(&out));
    }
    // Nothing queued either.
    assert!(outbox_rows(&s.sql()).is_empty());
    // In French too.
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "fr", "--db"])
        .arg(&s.db)
        .env("FIBRELAB_SCHOOL_KEY", &s.key)
        .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
        .args([
            "xapi",
            "send",
            "--endpoint",
            "http://lrs.ecole-fibre.example/xAPI",
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out).contains("adresse https"), "{}", text(&out));
    // On this computer http is allowed (a test LRS): the dry run goes through.
    let out = s.ok_text(&[
        "xapi",
        "send",
        "--all",
        "--endpoint",
        "http://localhost:8100/xAPI",
        "--dry-run",
    ]);
    assert!(out.contains("Dry run: 37 statement(s)"), "{out}");
}

#[test]
fn a_user_without_a_password_is_refused_and_nothing_is_sent() {
    let s = cohort_with_results();
    let lrs = Listener::new();
    for password in [None, Some("")] {
        let mut c = s.cli();
        c.args([
            "xapi",
            "send",
            "--all",
            "--endpoint",
            &lrs.endpoint(),
            "--user",
            "fibrelab",
        ]);
        if let Some(p) = password {
            c.env("FIBRELAB_LRS_PASSWORD", p);
        }
        let out = c.output().unwrap();
        assert_eq!(out.status.code(), Some(1), "{}", text(&out));
        assert!(
            text(&out).contains("FIBRELAB_LRS_PASSWORD is empty or not set: nothing is sent"),
            "{}",
            text(&out)
        );
    }
    assert_eq!(lrs.connections(), 0, "the LRS was called");
    assert!(outbox_rows(&s.sql()).is_empty());
    // The listener does see a send that goes through (so that its silence means
    // something): the statements wait after it, as it never answers.
    let out = s
        .cli()
        .args([
            "xapi",
            "send",
            "--scenario",
            "prep-loose-tube-fr-practice",
            "--endpoint",
            &lrs.endpoint(),
        ])
        .stdin(Stdio::null())
        .spawn()
        .unwrap();
    let mut child = out;
    let mut seen = 0;
    for _ in 0..200 {
        seen += lrs.connections();
        if seen > 0 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen > 0,
        "no connection made by a send with its settings right"
    );
}

// ---------------------------------------------------------------- 409 against Ralph

#[test]
fn an_id_the_lrs_holds_with_other_content_is_not_taken_as_sent() {
    if !asked("FIBRELAB_LRS_TESTS") {
        return;
    }
    let s = cohort_with_results();
    let ralph = Ralph::start(&s.dir);
    let ours = statements(&s, &["--scenario", "prep-loose-tube-fr-practice"]);
    assert_eq!(ours.len(), 13);
    // Before we send, another program has put other content under the id of our first
    // criterion statement, and our 12 others exactly as we make them (in one write:
    // Ralph's file backend takes one write per folder).
    let taken = ours[0]["id"].as_str().unwrap().to_string();
    let other = json!({
        "id": taken,
        "actor": {"objectType": "Agent", "mbox": "mailto:someone@example.org"},
        "verb": {"id": "http://adlnet.gov/expapi/verbs/experienced", "display": {"en-US": "experienced"}},
        "object": {"objectType": "Activity", "id": "https://elsewhere.example/activity"},
        "timestamp": "2026-01-05T10:00:00+00:00",
    });
    let mut first = vec![other];
    first.extend(ours[1..].iter().cloned());
    assert_eq!(ralph.post(&Value::Array(first)), "200");
    let out = s
        .cli()
        .args([
            "xapi",
            "send",
            "--scenario",
            "prep-loose-tube-fr-practice",
            "--endpoint",
            &ralph.endpoint,
            "--user",
            "fibrelab",
        ])
        .env("FIBRELAB_LRS_PASSWORD", "mot-de-passe")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains(&format!(
            "The LRS already holds another statement under the id {taken}"
        )),
        "{}",
        text(&out)
    );
    assert!(
        text(&out).contains("12 statement(s) taken by the LRS, 1 failed; 1 waiting"),
        "{}",
        text(&out)
    );
    // The outbox: ours under that id waits with the reason; the 12 others are sent.
    let db = s.open();
    for st in &ours {
        let id = st["id"].as_str().unwrap();
        let (sent, error) = db.outbox_entry(id).unwrap().unwrap();
        if id == taken {
            assert!(!sent);
            assert_eq!(
                error.as_deref(),
                Some("409: the LRS holds other content under this id")
            );
        } else {
            assert!(sent, "{id}");
            assert_eq!(error, None);
        }
    }
    // The LRS: the other content still under that id, our 12 others under our
    // registration, once each.
    // (Ralph answers a statementId with a list of one.)
    let held = ralph.get(&format!("statementId={taken}")).unwrap();
    let held = held
        .get("statements")
        .map_or(held.clone(), |l| l[0].clone());
    assert_eq!(held["actor"]["mbox"], "mailto:someone@example.org");
    let registration = ours[12]["context"]["registration"].as_str().unwrap();
    let stored = ralph.get(&format!("registration={registration}")).unwrap();
    let ids: Vec<&str> = stored["statements"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids.len(), 12);
    assert_eq!(
        ids.iter().copied().collect::<BTreeSet<_>>(),
        ours[1..]
            .iter()
            .map(|v| v["id"].as_str().unwrap())
            .collect::<BTreeSet<_>>()
    );
    // Sent again: still refused, still waiting (never taken as sent).
    drop(db);
    let out = s
        .cli()
        .args([
            "xapi",
            "send",
            "--scenario",
            "prep-loose-tube-fr-practice",
            "--endpoint",
            &ralph.endpoint,
            "--user",
            "fibrelab",
        ])
        .env("FIBRELAB_LRS_PASSWORD", "mot-de-passe")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("0 statement(s) taken by the LRS, 1 failed; 1 waiting"),
        "{}",
        text(&out)
    );
}

// ---------------------------------------------------------------- 409 against a small LRS

/// A request as the small LRS below received it.
#[derive(Clone, Debug)]
struct Seen {
    method: String,
    target: String,
    headers: Vec<(String, String)>,
    body: String,
}

impl Seen {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

/// An LRS in a thread, as xAPI 1.0.3 §2.2 and §7.2 have it for what `xapi send` uses: a
/// POST of statements is refused whole (409) when an id it holds comes with other
/// content, the others are stored; `GET statements?statementId=` gives the statement
/// (with what an LRS adds) or 404. Every request is kept.
fn small_lrs(held: Vec<Value>) -> (String, std::sync::Arc<std::sync::Mutex<Vec<Seen>>>) {
    use std::io::{BufRead, BufReader, Read, Write};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let endpoint = format!(
        "http://127.0.0.1:{}/xAPI",
        listener.local_addr().unwrap().port()
    );
    let seen = std::sync::Arc::new(std::sync::Mutex::new(Vec::<Seen>::new()));
    let log = seen.clone();
    std::thread::spawn(move || {
        let mut store: Vec<Value> = held;
        for conn in listener.incoming() {
            let Ok(mut conn) = conn else { continue };
            let mut reader = BufReader::new(conn.try_clone().unwrap());
            let mut line = String::new();
            if reader.read_line(&mut line).is_err() || line.is_empty() {
                continue;
            }
            let mut parts = line.split_whitespace();
            let (method, target) = (
                parts.next().unwrap_or_default().to_string(),
                parts.next().unwrap_or_default().to_string(),
            );
            let mut headers = Vec::new();
            loop {
                let mut h = String::new();
                reader.read_line(&mut h).unwrap();
                let h = h.trim_end();
                if h.is_empty() {
                    break;
                }
                if let Some((k, v)) = h.split_once(':') {
                    headers.push((k.trim().to_string(), v.trim().to_string()));
                }
            }
            let length: usize = headers
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
                .and_then(|(_, v)| v.parse().ok())
                .unwrap_or(0);
            let mut body = vec![0; length];
            reader.read_exact(&mut body).unwrap();
            let body = String::from_utf8(body).unwrap();
            let (code, answer) = if method == "POST" {
                let posted: Vec<Value> = serde_json::from_str(&body).unwrap();
                let held_id = |id: &Value| store.iter().find(|h| h["id"] == *id).cloned();
                let clash = posted.iter().any(|p| {
                    held_id(&p["id"]).is_some_and(|h| {
                        let mut h = h.clone();
                        for k in ["stored", "authority", "version"] {
                            h.as_object_mut().unwrap().remove(k);
                        }
                        // Other content, in this test: another actor (what it holds
                        // as ours has its numbers and its time written otherwise).
                        h["actor"] != p["actor"]
                    })
                });
                if clash {
                    (409, json!({"error": "conflict"}))
                } else {
                    let new: Vec<Value> = posted
                        .into_iter()
                        .filter(|p| held_id(&p["id"]).is_none())
                        .collect();
                    let ids: Vec<Value> = new.iter().map(|p| p["id"].clone()).collect();
                    store.extend(new);
                    (200, Value::Array(ids))
                }
            } else {
                let id = target.split("statementId=").nth(1).unwrap_or_default();
                match store.iter().find(|h| h["id"] == id) {
                    Some(h) => {
                        let mut h = h.clone();
                        h["stored"] = json!("2026-01-05T10:00:00.000Z");
                        h["authority"] = json!({"mbox": "mailto:lrs@example.org"});
                        h["version"] = json!("1.0.3");
                        (200, h)
                    }
                    None => (404, json!({"error": "not found"})),
                }
            };
            log.lock().unwrap().push(Seen {
                method,
                target,
                headers,
                body,
            });
            let answer = answer.to_string();
            let _ = write!(
                conn,
                "HTTP/1.1 {code} X\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{answer}",
                answer.len()
            );
        }
    });
    (endpoint, seen)
}

#[test]
fn after_a_409_what_the_lrs_holds_as_ours_is_sent_and_what_it_lacks_is_sent_again() {
    let s = cohort_with_results();
    let ours = statements(&s, &["--scenario", "prep-loose-tube-fr-practice"]);
    assert_eq!(ours.len(), 13);
    // The LRS holds other content under our first id, and our second as an LRS may give
    // it back: its numbers written as integers, its time in Z with milliseconds.
    let mut other = ours[0].clone();
    other["actor"]["account"]["name"] = json!("someone-else");
    let mut second = ours[1].clone();
    second["result"]["score"] = json!({
        "scaled": second["result"]["score"]["scaled"].as_f64().unwrap(),
        "raw": second["result"]["score"]["raw"].as_f64().unwrap() as i64,
        "min": 0,
        "max": second["result"]["score"]["max"].as_f64().unwrap() as i64,
    });
    assert_ne!(
        second["result"]["score"].to_string(),
        ours[1]["result"]["score"].to_string()
    );
    second["timestamp"] = json!(
        ours[1]["timestamp"]
            .as_str()
            .unwrap()
            .replace("+00:00", ".000Z")
    );
    let (endpoint, seen) = small_lrs(vec![other, second]);
    let out = s
        .cli()
        .args([
            "xapi",
            "send",
            "--scenario",
            "prep-loose-tube-fr-practice",
            "--endpoint",
            &endpoint,
            "--user",
            "fibrelab",
            "--version",
            "2.0.0",
        ])
        .env("FIBRELAB_LRS_PASSWORD", "mot-de-passe")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1), "{}", text(&out));
    assert!(
        text(&out).contains("12 statement(s) taken by the LRS, 1 failed; 1 waiting"),
        "{}",
        text(&out)
    );
    let seen = seen.lock().unwrap().clone();
    let id = |v: &Value| v["id"].as_str().unwrap().to_string();
    // The batch of 13 (refused), each of them read back with the same headers, then the
    // 11 the LRS lacked, alone.
    assert_eq!(seen.len(), 1 + 13 + 1, "{seen:#?}");
    assert_eq!(seen[0].method, "POST");
    let posted: Vec<Value> = serde_json::from_str(&seen[0].body).unwrap();
    assert_eq!(
        posted.iter().map(id).collect::<Vec<_>>(),
        ours.iter().map(id).collect::<Vec<_>>()
    );
    let basic = "Basic ZmlicmVsYWI6bW90LWRlLXBhc3Nl"; // fibrelab:mot-de-passe
    for (g, st) in seen[1..14].iter().zip(&ours) {
        assert_eq!(g.method, "GET");
        assert_eq!(g.target, format!("/xAPI/statements?statementId={}", id(st)));
        assert_eq!(g.header("Authorization"), Some(basic));
        assert_eq!(g.header("X-Experience-API-Version"), Some("2.0.0"));
    }
    assert_eq!(seen[14].method, "POST");
    assert_eq!(seen[14].header("Authorization"), Some(basic));
    let again: Vec<Value> = serde_json::from_str(&seen[14].body).unwrap();
    assert_eq!(
        again.iter().map(id).collect::<Vec<_>>(),
        ours[2..].iter().map(id).collect::<Vec<_>>()
    );
    // The outbox: ours under the first id waits, with the reason; the 12 others are sent.
    let db = s.open();
    for (i, st) in ours.iter().enumerate() {
        let (sent, error) = db.outbox_entry(&id(st)).unwrap().unwrap();
        assert_eq!(sent, i != 0, "{i}");
        assert_eq!(
            error.as_deref(),
            (i == 0).then_some("409: the LRS holds other content under this id")
        );
    }
}

// ---------------------------------------------------------------- another program writing

#[test]
fn what_another_program_writes_during_an_export_does_not_stop_it() {
    let s = cohort_with_results();
    let db = s.open();
    let school = fibrelab::records::xapi::School {
        base_iri: BASE.into(),
    };
    let other = s.sql();
    other
        .busy_timeout(std::time::Duration::from_secs(5))
        .unwrap();
    let mut batches = 0;
    let added = db
        .for_each_statement_batch(
            &fibrelab::records::results::Filter::default(),
            &school,
            |_, _| {
                // The app records something between two attempts of the export.
                batches += 1;
                other
                    .execute(
                        "INSERT INTO settings (key, value) VALUES (?1, 'x')",
                        [format!("test.{batches}")],
                    )
                    .unwrap();
                Ok::<(), fibrelab::records::RecordsError>(())
            },
        )
        .unwrap();
    assert_eq!((batches, added), (4, 37));
    // And a send noting what became of each statement in the same conditions.
    let mut noted = 0;
    let lost = db
        .for_each_unsent(&school, |outbox, _, batch| {
            other
                .execute(
                    "INSERT INTO settings (key, value) VALUES (?1, 'y')",
                    [format!("send.{noted}")],
                )
                .unwrap();
            let ids: Vec<String> = batch
                .iter()
                .map(|v| v["id"].as_str().unwrap().to_string())
                .collect();
            outbox.mark_sent(&ids)?;
            noted += ids.len();
            Ok::<(), fibrelab::records::RecordsError>(())
        })
        .unwrap();
    assert!(lost.is_empty());
    assert_eq!(noted, 37);
    assert_eq!(db.outbox_status().unwrap().0, 0);
}
