//! A room on a real PostgreSQL server on loopback (tests/pg/harness.sh, bare): the school's
//! IT sets it up with `fibrelab school server setup`, a trainer works on it with `--db
//! postgres://…`, seats play from scripts with `fibrelab seat play`; what a seat tries
//! beyond that, with FibreLab or with plain SQL under its room's login, is refused.
//! Run when FIBRELAB_PG_TESTS is 1 (`.ci/run` installs PostgreSQL and sets it).

mod common;

use std::path::PathBuf;
use std::process::{Command, Output};

use common::pg::Pg;
use common::{asked, root, sandbox, text};
use fibrelab::records::server;

const TRAINER_PIN: &str = "482913";
const TRAINER_PASSWORD: &str = "trainer-password-1";
const ROOM_PASSWORD: &str = "room-b12-password";

impl Pg {
    fn trainer_url(&self) -> String {
        self.url("trainer_dupont", TRAINER_PASSWORD)
    }

    fn seat_url(&self) -> String {
        self.url("seat_room_b12", ROOM_PASSWORD)
    }

    fn key(&self) -> PathBuf {
        self.dir.join("school.key")
    }

    /// `fibrelab` on the store at `db` (French, the school's key of this server's PC).
    fn cli(&self, db: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_fibrelab"));
        c.envs(sandbox::env());
        c.args(["--lang", "fr", "--db", db])
            .env("FIBRELAB_SCHOOL_KEY", self.key())
            .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
            .env_remove("FIBRELAB_NEW_PIN")
            .env_remove("FIBRELAB_TRAINEE_PIN")
            .env_remove("FIBRELAB_DB_PASSWORD");
        c
    }

    fn trainer(&self, args: &[&str]) -> String {
        let out = self.cli(&self.trainer_url()).args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// A seat plays `script` for `trainee` (their PIN given).
    fn seat(&self, trainee: &str, pin: &str, scenario: &str, script: &str) -> Output {
        self.cli(&self.seat_url())
            .args(["seat", "play", scenario, "--trainee", trainee, "--actions"])
            .arg(root().join("tests/scripts").join(script))
            .env("FIBRELAB_TRAINEE_PIN", pin)
            .output()
            .unwrap()
    }
}

/// The server set up as a school's IT would, a trainer, a cohort of `names` with PINs
/// (their pseudonyms, in order) and an assessment of the first splice practice.
fn school(pg: &Pg, names: &[&str], attempts: u32) -> Vec<String> {
    let out = pg
        .cli(pg.var("PGH_SUPERUSER_DSN"))
        .args([
            "school",
            "server",
            "setup",
            pg.var("PGH_SUPERUSER_DSN"),
            "--trainer",
            "trainer_dupont",
            "--room",
            "seat_room_b12",
        ])
        .env("FIBRELAB_TRAINER_PASSWORD", TRAINER_PASSWORD)
        .env("FIBRELAB_ROOM_PASSWORD", ROOM_PASSWORD)
        .output()
        .unwrap();
    let said = text(&out);
    assert!(out.status.success(), "setup: {said}");
    for step in [
        "Rôles créés",
        "Tables de l'école créées",
        "Fonctions des postes installées",
        "La clé de l'école (empreinte",
        "Connexion de formateur prête : trainer_dupont",
        "Connexion de salle prête : seat_room_b12",
    ] {
        assert!(said.contains(step), "{step} not said in {said}");
    }
    // The password never shown.
    assert!(!said.contains(pg.var("PGH_SUPERUSER_DSN")), "{said}");
    // Run again: nothing to make, privileges put back.
    let again = pg
        .cli(pg.var("PGH_SUPERUSER_DSN"))
        .args(["school", "server", "setup", pg.var("PGH_SUPERUSER_DSN")])
        .output()
        .unwrap();
    assert!(again.status.success(), "{}", text(&again));
    assert!(!text(&again).contains("Rôles créés"), "{}", text(&again));

    let out = pg
        .cli(&pg.trainer_url())
        .args(["trainer", "add", "Mme Dupont"])
        .env("FIBRELAB_NEW_PIN", TRAINER_PIN)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    pg.trainer(&["cohort", "create", "CAP-2026"]);
    let mut ids = Vec::new();
    for (i, n) in names.iter().enumerate() {
        let id = pg.trainer(&["trainee", "add", n, "--cohort", "CAP-2026"]);
        let id = id.trim().to_string();
        let out = pg
            .cli(&pg.trainer_url())
            .args(["trainee", "pin", &id])
            .env("FIBRELAB_NEW_PIN", pin_of(i))
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        ids.push(id);
    }
    let ecf = ecf_args(attempts);
    pg.trainer(&ecf.iter().map(String::as_str).collect::<Vec<_>>());
    ids
}

/// `assess create` of the room's assessment: ECF épissure on the first splice practice,
/// 30 minutes, a draw per trainee, `attempts` allowed.
fn ecf_args(attempts: u32) -> Vec<String> {
    let dir = root().join("scenarios");
    [
        "assess",
        "create",
        "--cohort",
        "CAP-2026",
        "--id",
        "ecf-epissure",
        "--title",
        "ECF épissure",
        "--scenario",
        SCENARIO,
        "--time-limit",
        "30",
        "--attempts",
    ]
    .iter()
    .map(|s| s.to_string())
    .chain([attempts.to_string()])
    .chain(["--seed", "per-trainee", "--scenarios-dir"].map(String::from))
    .chain([dir.display().to_string()])
    .collect()
}

fn pin_of(i: usize) -> String {
    format!("{:06}", 271_828 + i * 7_919)
}

const SCENARIO: &str = "splice-first-fusion-practice";

#[test]
fn a_room_sits_an_assessment_on_the_server() {
    if !asked("FIBRELAB_PG_TESTS") {
        return;
    }
    let pg = Pg::start("room");
    let ids = school(&pg, &["Léa Martin", "Hugo Bernard"], 2);
    let (lea, hugo) = (&ids[0], &ids[1]);
    // The draw the trainer's PC sees before anyone starts: the server's, not a seat's.
    let shown = pg.trainer(&["assess", "show", "ecf-epissure"]);
    let seed_of = |name: &str| -> u64 {
        let line = shown.lines().find(|l| l.contains(name)).unwrap();
        let after = line.split("graine ").nth(1).unwrap();
        after.split_whitespace().next().unwrap().parse().unwrap()
    };
    let lea_seed = seed_of("Léa Martin");

    let out = pg.seat(
        lea,
        &pin_of(0),
        SCENARIO,
        "splice-first-fusion-practice.clean.ron",
    );
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("Tentative remise au serveur de l'école"),
        "{}",
        text(&out)
    );
    let out = pg.seat(
        hugo,
        &pin_of(1),
        SCENARIO,
        "splice-first-fusion-practice.mistakes.ron",
    );
    assert!(out.status.success(), "{}", text(&out));

    // The trainer's PC grades what was handed in by replaying the server's record, and
    // verifies every attempt against it and its seals.
    let verified = pg.cli(&pg.trainer_url()).args(["verify"]).output().unwrap();
    assert!(verified.status.success(), "{}", text(&verified));
    assert!(
        text(&verified).contains("2 tentative(s) terminée(s) vérifiée(s), 0 différence(s)"),
        "{}",
        text(&verified)
    );
    let mut admin = pg.admin();
    let rows = admin
        .query(
            "SELECT t.uuid, a.seed, a.origin, a.score, a.started_at, a.finished_at,
                    (SELECT COUNT(*) FROM fibrelab.actions x WHERE x.attempt_id = a.id
                        AND x.recorded_at BETWEEN a.started_at AND a.finished_at)::bigint,
                    (SELECT COUNT(*) FROM fibrelab.actions x WHERE x.attempt_id = a.id)::bigint,
                    (SELECT s.claimed_grade FROM fibrelab.attempt_seats s WHERE s.attempt_id = a.id)
             FROM fibrelab.attempts a JOIN fibrelab.trainees t ON t.id = a.trainee_id
             ORDER BY a.id",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), 2);
    let lea_row = rows.iter().find(|r| r.get::<_, String>(0) == *lea).unwrap();
    assert_eq!(
        lea_row.get::<_, i64>(1) as u64,
        lea_seed,
        "the seed the trainer saw"
    );
    assert_eq!(lea_row.get::<_, String>(2), "app");
    // The grade is the trainer's replay of the server's record; the seat's own (a claim,
    // kept) must agree. The draw is the server's, so the answer scripts written for seed
    // 1 do not always give 100: what is held is that both sides agree.
    let claimed = |r: &postgres::Row| -> f64 {
        let json: String = r.get(8);
        serde_json::from_str::<serde_json::Value>(&json).unwrap()["score"]
            .as_f64()
            .unwrap()
    };
    assert_eq!(lea_row.get::<_, Option<f64>>(3), Some(claimed(lea_row)));
    for r in &rows {
        // Every action stamped by the server's clock within the attempt.
        assert_eq!(r.get::<_, i64>(6), r.get::<_, i64>(7));
        assert!(r.get::<_, i64>(7) > 10);
    }
    let hugo_row = rows
        .iter()
        .find(|r| r.get::<_, String>(0) == *hugo)
        .unwrap();
    assert_eq!(hugo_row.get::<_, Option<f64>>(3), Some(claimed(hugo_row)));

    // Both were sent by a script without waiting: the log says 5 minutes, the server saw
    // them in a moment; the trainer is told (audit line, live tab).
    let fast: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.audit_log WHERE action = 'seat_too_fast'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(fast, 2);
    // The gradebook reads the server for the whole room.
    let results = pg.trainer(&["results"]);
    assert!(results.contains(lea) && results.contains(hugo), "{results}");
    let lea_score = format!("{:.1}", claimed(lea_row)).replace('.', ",");
    let lea_line = results.lines().find(|l| l.contains(lea.as_str())).unwrap();
    assert!(lea_line.contains(&lea_score), "{results}");

    // Léa's second attempt counts; a third is refused by the server.
    let out = pg.seat(
        lea,
        &pin_of(0),
        SCENARIO,
        "splice-first-fusion-practice.clean.ron",
    );
    assert!(out.status.success(), "{}", text(&out));
    let out = pg.seat(
        lea,
        &pin_of(0),
        SCENARIO,
        "splice-first-fusion-practice.clean.ron",
    );
    assert!(!out.status.success());
    assert!(
        text(&out).contains("Aucune évaluation ouverte"),
        "{}",
        text(&out)
    );
    // A classmate's attempt with one's own PIN: refused, and logged.
    let out = pg.seat(
        hugo,
        &pin_of(0),
        SCENARIO,
        "splice-first-fusion-practice.clean.ron",
    );
    assert!(!out.status.success());
    assert!(text(&out).contains("Code PIN incorrect"), "{}", text(&out));
    let logged: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.audit_log WHERE action = 'pin_wrong'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(logged, 1);
    // The right to erasure on the server: the name leaves the tables, the command says
    // what the school's IT does for the disk, the results stay under the pseudonym.
    let out = pg
        .cli(&pg.trainer_url())
        .args(["trainee", "erase", hugo, "--confirm"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(text(&out).contains("vacuumdb --full"), "{}", text(&out));
    let named: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.trainees WHERE display_name = 'Hugo Bernard'
               OR uuid = $1 AND display_name IS NOT NULL",
            &[hugo],
        )
        .unwrap()
        .get(0);
    assert_eq!(named, 0);
    let kept: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.attempts a JOIN fibrelab.trainees t ON t.id = a.trainee_id
              WHERE t.uuid = $1 AND a.trainee <> 'Hugo Bernard'",
            &[hugo],
        )
        .unwrap()
        .get(0);
    assert!(kept >= 1, "his results stay, without his name");
    // Nothing written beside a "key file" named after the server's URL.
    for dir in ["postgresql:", "postgres:"] {
        assert!(
            !root().join(dir).exists(),
            "{dir} made in {}",
            root().display()
        );
    }
}

/// SQLSTATE of a seat's call.
fn refused<T: std::fmt::Debug>(r: Result<T, postgres::Error>) -> String {
    let e = r.expect_err("refused");
    e.code()
        .map(|c| c.code().to_string())
        .unwrap_or_else(|| e.to_string())
}

#[test]
fn a_seat_can_do_nothing_but_sit_its_trainee() {
    if !asked("FIBRELAB_PG_TESTS") {
        return;
    }
    let pg = Pg::start("attacks");
    let ids = school(&pg, &["Léa Martin", "Hugo Bernard"], 2);
    let (lea, hugo) = (&ids[0], &ids[1]);
    let mut admin = pg.admin();
    let assignment = |who: &str| -> String {
        pg.admin()
            .query_one(
                "SELECT g.uuid FROM fibrelab.assignments g JOIN fibrelab.trainees t
                 ON t.id = g.trainee_id WHERE t.uuid = $1",
                &[&who],
            )
            .unwrap()
            .get(0)
    };
    // The seat's login, with plain SQL, through TLS as FibreLab connects.
    let mut seat = server::client(&pg.seat_url()).unwrap();
    // No table is readable or writable: not the attempts, the seeds, the trainees, the
    // reviews, the gradebook, the key.
    for sql in [
        "SELECT seed FROM fibrelab.attempts",
        "SELECT * FROM fibrelab.trainees",
        "SELECT * FROM fibrelab.reviews",
        "SELECT base_seed FROM fibrelab.assessments",
        "SELECT * FROM fibrelab_secret.school_key",
        // The command-line play relabelled as an app attempt, and a back-dated one.
        "INSERT INTO fibrelab.attempts (scenario_id, scenario_hash, scenario_source, seed,
             trainee, started_at, status, program_version, origin)
         VALUES ('x', 'x', 'x', 1, 'x', 1672531200000, 'open', 'x', 'app')",
        "UPDATE fibrelab.attempts SET started_at = 1672531200000",
        "UPDATE fibrelab.assignments SET extra_time_s = 6000",
        "DELETE FROM fibrelab.seals",
        "SET ROLE fibrelab_trainer",
    ] {
        let code = refused(seat.batch_execute(sql));
        assert_eq!(code, "42501", "{sql}");
    }
    // A classmate's assignment with one's own PIN.
    let code = refused(seat.query(
        "SELECT * FROM fibrelab.seat_start($1, $2, 'x')",
        &[&assignment(hugo), &pin_of(0)],
    ));
    assert_eq!(code, "FL002");
    // Two attempts allowed: the third is refused.
    for _ in 0..2 {
        let row = seat
            .query_one(
                "SELECT attempt FROM fibrelab.seat_start($1, $2, 'x')",
                &[&assignment(lea), &pin_of(0)],
            )
            .unwrap();
        let attempt: String = row.get(0);
        seat.query_one("SELECT fibrelab.seat_finish($1, '{}')", &[&attempt])
            .unwrap();
    }
    let code = refused(seat.query(
        "SELECT * FROM fibrelab.seat_start($1, $2, 'x')",
        &[&assignment(lea), &pin_of(0)],
    ));
    assert_eq!(code, "FL008");
    // An overlong attempt: 103 minutes into a 30-minute one, by the server's clock.
    let row = seat
        .query_one(
            "SELECT attempt, seed FROM fibrelab.seat_start($1, $2, 'x')",
            &[&assignment(hugo), &pin_of(1)],
        )
        .unwrap();
    let attempt: String = row.get(0);
    // The seat sees its own attempt's seed, and only it.
    let seed: i64 = row.get(1);
    let kept: i64 = admin
        .query_one(
            "SELECT seed FROM fibrelab.attempts WHERE uuid = $1",
            &[&attempt],
        )
        .unwrap()
        .get(0);
    assert_eq!(seed, kept);
    seat.query_one(
        "SELECT fibrelab.seat_append($1, 0, 1000, 'Finish')",
        &[&attempt],
    )
    .unwrap();
    admin
        .execute(
            "SELECT fibrelab.set_clock_offset($1)",
            &[&(103i64 * 60_000)],
        )
        .unwrap();
    let code = refused(seat.query(
        "SELECT fibrelab.seat_append($1, 1, 2000, 'Finish')",
        &[&attempt],
    ));
    assert_eq!(code, "FL001");
    // The action time past the limit is refused too, whatever the clock.
    admin
        .execute("SELECT fibrelab.set_clock_offset(0)", &[])
        .unwrap();
    let code = refused(seat.query(
        "SELECT fibrelab.seat_append($1, 1, $2, 'Finish')",
        &[&attempt, &(103i64 * 60_000)],
    ));
    assert_eq!(code, "FL001");
    // A gesture that is not FibreLab's, sent by a seat (Hugo's attempt, still open, is
    // resumed): its attempt is closed ungraded and said in the audit log; the trainer's
    // commands read the room as before.
    let row = seat
        .query_one(
            "SELECT attempt FROM fibrelab.seat_start($1, $2, 'x')",
            &[&assignment(hugo), &pin_of(1)],
        )
        .unwrap();
    let bad: String = row.get(0);
    seat.query_one(
        "SELECT fibrelab.seat_append($1, 1, 2000, 'this is not RON ((((')",
        &[&bad],
    )
    .unwrap();
    seat.query_one("SELECT fibrelab.seat_finish($1, '{}')", &[&bad])
        .unwrap();
    for args in [&["verify"][..], &["results"], &["attempts"]] {
        let out = pg.cli(&pg.trainer_url()).args(args).output().unwrap();
        assert!(
            out.status.success() || args == ["verify"],
            "{args:?}: {}",
            text(&out)
        );
        assert!(
            !text(&out).contains("endommagée"),
            "{args:?}: {}",
            text(&out)
        );
    }
    let closed: (String, Option<String>) = {
        let r = admin
            .query_one(
                "SELECT status, ended_by FROM fibrelab.attempts WHERE uuid = $1",
                &[&bad],
            )
            .unwrap();
        (r.get(0), r.get(1))
    };
    assert_eq!(closed, ("closed".into(), Some("unreplayable".into())));
    let said: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.audit_log WHERE action = 'seat_unreplayable'
             AND target = $1",
            &[&bad],
        )
        .unwrap()
        .get(0);
    assert_eq!(said, 1);
    // Every refusal written in the audit log, by the room's login.
    let refusals: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.audit_log
             WHERE who = 'seat_room_b12' AND action IN ('seat_refused', 'pin_wrong')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(refusals, 4);
}

/// The thirty seats' test takes the machine (two cores on CI, thirty seats' programs and
/// their server's backends); the app's test, which holds each gesture to reach the server
/// at a hand's pace, does not run beside it. On CI beside it, the app's gestures went
/// unanswered or timed out (10 and 13 of 14 on the server, in two runs).
static MACHINE: std::sync::Mutex<()> = std::sync::Mutex::new(());

#[test]
fn thirty_seats_at_once_with_seats_and_connections_killed() {
    if !asked("FIBRELAB_PG_TESTS") {
        return;
    }
    let _alone = MACHINE.lock().unwrap_or_else(|e| e.into_inner());
    let pg = Pg::start("room30");
    let names: Vec<String> = (1..=30).map(|i| format!("Stagiaire {i:02}")).collect();
    let names: Vec<&str> = names.iter().map(String::as_str).collect();
    let ids = school(&pg, &names, 1);
    let script = |i: usize| {
        if i.is_multiple_of(3) {
            "splice-first-fusion-practice.mistakes.ron"
        } else {
            "splice-first-fusion-practice.clean.ron"
        }
    };
    // At a trainee's pace, 10 times faster: the script's 5 minutes in about 30 s (a seat
    // that lost the server tries again 10 s later: still playing then).
    let spawn = |i: usize| {
        pg.cli(&pg.seat_url())
            .args([
                "seat",
                "play",
                SCENARIO,
                "--trainee",
                &ids[i],
                "--speed",
                "10",
            ])
            .arg("--actions")
            .arg(root().join("tests/scripts").join(script(i)))
            .env("FIBRELAB_TRAINEE_PIN", pin_of(i))
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut seats: Vec<std::process::Child> = (0..30).map(spawn).collect();
    let mut admin = pg.admin();
    let sent = |admin: &mut postgres::Client| -> i64 {
        admin
            .query_one("SELECT COUNT(*) FROM fibrelab.actions", &[])
            .unwrap()
            .get(0)
    };
    // Mid-attempt: five seats killed (a PC switched off), started again a moment later.
    while sent(&mut admin) < 150 {
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    for seat in seats.iter_mut().take(5) {
        seat.kill().unwrap();
        seat.wait().unwrap();
    }
    std::thread::sleep(std::time::Duration::from_millis(1500));
    for (i, seat) in seats.iter_mut().enumerate().take(5) {
        *seat = spawn(i);
    }
    // Then the server drops every seat's connection, twice (a switch restarted).
    for _ in 0..2 {
        let before = sent(&mut admin);
        while sent(&mut admin) < before + 60 {
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        let n = admin
            .execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity
                 WHERE usename = 'seat_room_b12'",
                &[],
            )
            .unwrap();
        assert!(n > 0);
    }
    for (i, seat) in seats.into_iter().enumerate() {
        let out = seat.wait_with_output().unwrap();
        assert!(out.status.success(), "seat {i}: {}", text(&out));
    }

    // Nothing lost, nothing counted twice: one attempt per trainee, each with its whole
    // log, every action numbered once, stamped by the server, within the attempt.
    let rows = admin
        .query(
            "SELECT t.uuid, a.status, COUNT(x.seq), COUNT(DISTINCT x.seq), MAX(x.seq),
                    BOOL_AND(x.recorded_at BETWEEN a.started_at AND a.finished_at)
             FROM fibrelab.attempts a
             JOIN fibrelab.trainees t ON t.id = a.trainee_id
             LEFT JOIN fibrelab.actions x ON x.attempt_id = a.id
             GROUP BY t.uuid, a.id, a.status ORDER BY t.uuid",
            &[],
        )
        .unwrap();
    assert_eq!(rows.len(), 30, "one attempt each");
    for r in &rows {
        assert_eq!(r.get::<_, String>(1), "finished");
        let (n, distinct, max): (i64, i64, i32) = (r.get(2), r.get(3), r.get::<_, i64>(4) as i32);
        assert_eq!(n, distinct);
        assert_eq!(max as i64, n - 1, "numbered without a gap");
        assert!(r.get::<_, bool>(5));
    }
    // The seats whose connection was dropped went on and handed their gestures over:
    // marked offline on the server, each said once in the audit log.
    let offline: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.attempt_seats WHERE offline_actions > 0",
            &[],
        )
        .unwrap()
        .get(0);
    let said: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.audit_log WHERE action = 'seat_offline'",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(offline > 0, "no seat went offline");
    assert_eq!(offline, said);
    // The trainer's live tab reads the same room from the server, offline marks with it.
    let trainer =
        fibrelab::records::Db::open_for_school(std::path::Path::new(&pg.trainer_url())).unwrap();
    let a = trainer.assessment("ecf-epissure").unwrap().unwrap();
    let live = trainer.assessment_status(&a).unwrap();
    assert_eq!(live.len(), 30);
    let marked = live
        .iter()
        .filter(|s| s.last.as_ref().is_some_and(|l| l.offline_actions > 0))
        .count() as i64;
    assert_eq!(marked, offline);
    // The others, sent 20 times faster than their logs' times, are told as such.
    let fast = live
        .iter()
        .filter(|s| s.last.as_ref().is_some_and(|l| l.too_fast))
        .count() as i64;
    assert_eq!(fast, 30 - offline);
    // The trainer's PC grades the 30 by replaying the server's logs and verifies them.
    let out = pg.cli(&pg.trainer_url()).args(["verify"]).output().unwrap();
    assert!(out.status.success(), "{}", text(&out));
    assert!(
        text(&out).contains("30 tentative(s) terminée(s) vérifiée(s), 0 différence(s)"),
        "{}",
        text(&out)
    );
    // Each grade is the one its script gives on its own with the seed the server drew:
    // no gesture lost, none doubled, whatever was killed.
    let graded = admin
        .query(
            "SELECT t.uuid, a.seed, a.score,
                    (SELECT COUNT(*) FROM fibrelab.actions x WHERE x.attempt_id = a.id)
             FROM fibrelab.attempts a JOIN fibrelab.trainees t ON t.id = a.trainee_id",
            &[],
        )
        .unwrap();
    for r in &graded {
        let who: String = r.get(0);
        let i = ids.iter().position(|id| *id == who).unwrap();
        let seed = (r.get::<_, i64>(1) as u64).to_string();
        let out = pg
            .cli(&pg.dir.join("alone.db").display().to_string())
            .args([
                "play",
                "--no-record",
                "--json",
                "--seed",
                &seed,
                "--actions",
            ])
            .arg(root().join("tests/scripts").join(script(i)))
            .arg(SCENARIO)
            .output()
            .unwrap();
        assert!(out.status.success(), "{}", text(&out));
        let alone: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(
            r.get::<_, Option<f64>>(2),
            alone["score"].as_f64(),
            "trainee {i}: the server's grade and the script's own"
        );
        let refused = alone["refused"].as_array().map_or(0, Vec::len) as i64;
        let steps = common::script(script(i)).timed().len() as i64;
        assert_eq!(
            r.get::<_, i64>(3),
            steps - refused,
            "trainee {i}: actions kept"
        );
    }
}

/// The app on a room's seat, as a trainee uses it: "Je suis…" from the room's list, the
/// PIN checked by the server, the assessment from the server's list, its briefing, the
/// clock started on the server, the gestures sent as made; the app killed mid-attempt
/// and resumed from the server's record; the server's connection cut, the gestures kept
/// and handed over; handed in, never graded on the seat; the trainer's PC grades it.
#[cfg(feature = "gui")]
#[test]
fn the_app_on_a_seat_sits_an_assessment() {
    use bevy::prelude::*;
    use bevy::state::app::StatesPlugin;
    use fibrelab::app::flow::{
        self, Catalogue, Chosen, Current, Notice, Records, Screen, Seat, Settings, UiCommand,
    };
    use fibrelab::exercise::script::ActionList;
    use fibrelab::records::assess::FeedbackView;

    if !asked("FIBRELAB_PG_TESTS") {
        return;
    }
    let _alone = MACHINE.lock().unwrap_or_else(|e| e.into_inner());
    let pg = Pg::start("app");
    let ids = school(&pg, &["Léa Martin", "Hugo Bernard"], 1);
    let lea = ids[0].clone();
    let seat_url = pg.seat_url();
    let journal = pg.dir.join("seat-journal");
    let new_app = || {
        let mut app = App::new();
        app.add_plugins((MinimalPlugins, StatesPlugin))
            .insert_resource(Settings {
                lang: fibrelab::i18n::Lang::Fr,
                trainee: String::new(),
                identity: None,
                trainer: None,
            })
            .insert_resource(Catalogue::from_dir(&root().join("scenarios")))
            .insert_resource(Records::open(std::path::Path::new(&seat_url)))
            .add_plugins(flow::plugin);
        if let Some(db) = app.world().resource::<Records>().db.as_ref() {
            db.lock().unwrap().set_seat_journal_dir(journal.clone());
        }
        app.update();
        app
    };
    let send = |app: &mut App, cmd: UiCommand| {
        app.world_mut().write_message(cmd);
        app.update();
        app.update();
    };
    let screen = |app: &App| *app.world().resource::<State<Screen>>().get();
    let notice = |app: &App| {
        app.world()
            .resource::<Notice>()
            .0
            .as_ref()
            .map(|m| m.render(fibrelab::i18n::Lang::Fr))
    };
    let steps = {
        let p = root().join("tests/scripts/splice-first-fusion-practice.clean.ron");
        ActionList::parse(&std::fs::read(&p).unwrap(), "clean")
            .unwrap()
            .timed()
    };
    let half = steps.len() / 2;
    let act = |app: &mut App, (at, action): &(u64, fibrelab::exercise::Action)| {
        // At a hand's pace (the server refuses more than 50 a second).
        std::thread::sleep(std::time::Duration::from_millis(25));
        send(
            app,
            UiCommand::Act {
                action: action.clone(),
                at_ms: Some(*at),
            },
        );
    };

    let pending_now = |app: &App| {
        app.world()
            .resource::<Current>()
            .live
            .as_ref()
            .map_or(0, |l| l.session.pending.len())
    };
    let handed_over = |app: &mut App| {
        for _ in 0..500 {
            if pending_now(app) == 0 {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(10));
            app.update();
        }
        assert_eq!(pending_now(app), 0, "handed over");
    };
    let mut app = new_app();
    let records = app.world().resource::<Records>();
    assert!(records.error.is_none(), "{:?}", records.error);
    assert!(records.seat(), "the room's login is a seat");
    // The room's list: the two names and their cohort, nothing more.
    let roster = records.with(|db| db.seat_roster().unwrap()).unwrap();
    let names: Vec<(&str, &str, Option<&str>)> = roster
        .iter()
        .map(|t| (t.uuid.as_str(), t.name.as_str(), t.cohort.as_deref()))
        .collect();
    assert_eq!(
        names,
        vec![
            (ids[1].as_str(), "Hugo Bernard", Some("CAP-2026")),
            (lea.as_str(), "Léa Martin", Some("CAP-2026")),
        ]
    );
    // A classmate's PIN does not open Léa's assessments.
    send(
        &mut app,
        UiCommand::SeatIdentify {
            trainee: lea.clone(),
            name: "Léa Martin".into(),
            pin: pin_of(1),
        },
    );
    assert_eq!(screen(&app), Screen::Home);
    let said = notice(&app).unwrap_or_default();
    assert!(said.contains("PIN"), "{said}");
    send(
        &mut app,
        UiCommand::SeatIdentify {
            trainee: lea.clone(),
            name: "Léa Martin".into(),
            pin: pin_of(0),
        },
    );
    assert_eq!(screen(&app), Screen::Assessments, "{:?}", notice(&app));
    let assignment = {
        let seat = app.world().resource::<Seat>();
        let list = &seat.0.as_ref().unwrap().list;
        assert_eq!(list.len(), 1);
        assert_eq!(list[0].scenario_id, SCENARIO);
        assert_eq!((list[0].attempts_used, list[0].attempts_allowed), (0, 1));
        list[0].uuid.clone()
    };
    send(&mut app, UiCommand::SeatBrief(assignment.clone()));
    assert_eq!(screen(&app), Screen::Briefing);
    {
        let b = app.world().resource::<Chosen>().assignment.clone().unwrap();
        assert_eq!(b.seat.as_deref(), Some(assignment.as_str()));
        assert_eq!(b.limit_ms, Some(30 * 60_000));
    }
    send(&mut app, UiCommand::SeatStart(assignment.clone()));
    assert_eq!(screen(&app), Screen::Exercise, "{:?}", notice(&app));
    let seed = {
        let live = app.world().resource::<Current>().live.as_ref().unwrap();
        assert!(live.session.remote.is_some());
        assert_eq!(live.feedback, FeedbackView::Hidden);
        live.session.exercise.seed
    };
    let mut admin = pg.admin();
    let server_seed: i64 = admin
        .query_one("SELECT seed FROM fibrelab.attempts", &[])
        .unwrap()
        .get(0);
    assert_eq!(seed, server_seed as u64, "the seat plays the server's draw");
    for s in &steps[..half] {
        act(&mut app, s);
    }
    // Killed mid-attempt: every gesture made so far is held, on the server, or in the
    // seat's journal on disk for those whose call went unanswered (a loaded machine: CI
    // once saw 4 of 14 kept so, the seat waiting SEAT_RETRY_MS before trying again).
    let (kept, said) = {
        let live = app.world().resource::<Current>().live.as_ref().unwrap();
        // What the screen says, should a gesture be missing: the notice, the store's
        // error (which stops the recording) and the last lines of the attempt's log.
        let log: Vec<String> = live
            .log
            .iter()
            .rev()
            .take(3)
            .map(|l| l.msg.render(fibrelab::i18n::Lang::En))
            .collect();
        (
            live.session.pending.len(),
            (
                notice(&app),
                live.record_error
                    .as_ref()
                    .map(|m| m.render(fibrelab::i18n::Lang::En)),
                log,
            ),
        )
    };
    drop(app);
    let held: i64 = admin
        .query_one("SELECT count(*) FROM fibrelab.actions", &[])
        .unwrap()
        .get(0);
    assert_eq!(
        held as usize + kept,
        half,
        "on the server {held}, kept on the seat {kept}: {said:?}"
    );
    if kept > 0 {
        let lines = std::fs::read_dir(&journal)
            .unwrap()
            .filter_map(|f| std::fs::read_to_string(f.ok()?.path()).ok())
            .map(|t| t.lines().count())
            .sum::<usize>();
        assert_eq!(lines, kept, "the kept gestures are in the journal on disk");
    }

    let mut app = new_app();
    send(
        &mut app,
        UiCommand::SeatIdentify {
            trainee: lea.clone(),
            name: "Léa Martin".into(),
            pin: pin_of(0),
        },
    );
    let open = app.world().resource::<Seat>().0.as_ref().unwrap().list[0]
        .open_attempt
        .clone();
    assert!(open.is_some(), "the attempt left open is listed");
    send(&mut app, UiCommand::SeatStart(assignment.clone()));
    assert_eq!(screen(&app), Screen::Exercise, "{:?}", notice(&app));
    assert_eq!(
        app.world()
            .resource::<Current>()
            .live
            .as_ref()
            .unwrap()
            .session
            .exercise
            .log
            .len(),
        half,
        "resumed where the server's record stops"
    );
    // What the journal brought back (when the first half left any there) is handed over
    // before the cut below, which is about the gestures made after it.
    handed_over(&mut app);
    // The server's connection cut: the next gestures are kept on the seat...
    admin
        .execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE usename = 'seat_room_b12'",
            &[],
        )
        .unwrap();
    let rest = &steps[half..steps.len() - 1];
    let cut = rest.len().min(3);
    for s in &rest[..cut] {
        act(&mut app, s);
    }
    let pending = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .unwrap()
        .session
        .pending
        .len();
    let played = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .unwrap()
        .session
        .exercise
        .log
        .len();
    let on_server: i64 = admin
        .query_one("SELECT count(*) FROM fibrelab.actions", &[])
        .unwrap()
        .get(0);
    assert!(pending >= 1, "kept on the seat: {pending}");
    assert_eq!(
        pending,
        played - on_server as usize,
        "all that the server lacks"
    );
    let kept = std::fs::read_dir(&journal).unwrap().count();
    assert_eq!(kept, 1, "and in its journal on disk");
    // Killed again, while the server is lost: the journal brings them back.
    drop(app);
    let mut app = new_app();
    send(
        &mut app,
        UiCommand::SeatIdentify {
            trainee: lea.clone(),
            name: "Léa Martin".into(),
            pin: pin_of(0),
        },
    );
    send(&mut app, UiCommand::SeatStart(assignment.clone()));
    assert_eq!(screen(&app), Screen::Exercise, "{:?}", notice(&app));
    {
        let s = &app
            .world()
            .resource::<Current>()
            .live
            .as_ref()
            .unwrap()
            .session;
        assert_eq!(
            s.exercise.log.len(),
            played,
            "the journal's gestures played again"
        );
    }
    // Handed over as soon as the server is found to answer (asked on a thread of its
    // own), without the trainee doing anything.
    handed_over(&mut app);
    let on_server: i64 = admin
        .query_one("SELECT count(*) FROM fibrelab.actions", &[])
        .unwrap()
        .get(0);
    assert_eq!(on_server as usize, played, "the server holds them all");
    assert_eq!(
        std::fs::read_dir(&journal).unwrap().count(),
        0,
        "journal cleared"
    );
    for s in &rest[cut..] {
        act(&mut app, s);
    }
    send(
        &mut app,
        UiCommand::Act {
            action: fibrelab::exercise::Action::Finish,
            at_ms: None,
        },
    );
    assert_eq!(screen(&app), Screen::Debrief);
    let live = app.world().resource::<Current>().live.as_ref().unwrap();
    assert!(live.session.handed_in, "{:?}", live.record_error);
    assert_eq!(
        live.feedback,
        FeedbackView::Hidden,
        "no grade shown on the seat"
    );
    // What the seat computed for itself, never shown nor trusted: the trainer's replay
    // of the server's record must come to the same (the draw is the server's, so the
    // answer script written for seed 1 does not always pass).
    let claimed = live.report.clone().unwrap();
    drop(app);

    // The trainer's PC grades it from the server's record: the clean script passes.
    let shown = pg.trainer(&["results"]);
    let line = shown
        .lines()
        .find(|l| l.contains(lea.as_str()))
        .unwrap_or_default();
    let score = format!("{:.1}", claimed.score).replace('.', ",");
    let verdict = if claimed.passed { "oui" } else { "non" };
    assert!(line.contains(&score) && line.contains(verdict), "{shown}");
    let row = admin
        .query_one(
            "SELECT a.status, a.score, s.offline_actions
               FROM fibrelab.attempts a JOIN fibrelab.attempt_seats s ON s.attempt_id = a.id",
            &[],
        )
        .unwrap();
    assert_eq!(row.get::<_, String>(0), "finished");
    assert_eq!(row.get::<_, Option<f64>>(1), Some(claimed.score));
    assert!(row.get::<_, i64>(2) >= 1, "marked as played partly offline");
    let verified = pg.cli(&pg.trainer_url()).args(["verify"]).output().unwrap();
    assert!(verified.status.success(), "{}", text(&verified));
}

/// A seat with no network at all sits on its own store (the school's key, the server's
/// class list and the assessment's terms copied onto it) and hands its attempts over by
/// bundle: the trainer's import holds each to the server's own assignment (its draw,
/// window, attempts, limit), keeps the genuine one, refuses a forged one with its audit
/// line, and verify confirms what was kept.
#[test]
fn a_seat_without_the_network_hands_in_by_bundle() {
    if !asked("FIBRELAB_PG_TESTS") {
        return;
    }
    let pg = Pg::start("bundle");
    let ids = school(&pg, &["Léa Martin", "Hugo Bernard"], 2);
    let lea = ids[0].clone();
    // The seat, prepared from the trainer's PC: the key, the list, the assessment.
    let seat = common::seat_store();
    std::fs::create_dir_all(seat.key.parent().unwrap()).unwrap();
    std::fs::copy(pg.key(), &seat.key).unwrap();
    let out = seat
        .cli()
        .env("FIBRELAB_NEW_PIN", TRAINER_PIN)
        .args(["trainer", "add", "Mme Dupont"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    seat.ok(&["cohort", "create", "CAP-2026"]);
    let roster = seat.write(
        "roster.csv",
        pg.trainer(&["trainee", "list", "--csv"]).as_bytes(),
    );
    seat.ok(&[
        "trainee",
        "import",
        roster.to_str().unwrap(),
        "--cohort",
        "CAP-2026",
    ]);
    // The same terms as the server's (its id names the same draws).
    let ecf = ecf_args(2);
    seat.ok(&ecf.iter().map(String::as_str).collect::<Vec<_>>());
    // Léa sits it at the seat, as the app starts it.
    let claimed = {
        let db = seat.open();
        let t = db.trainee("Léa Martin").unwrap();
        assert_eq!(t.uuid, lea, "the server's pseudonym");
        let (_, g) = db.assignments_of(&t).unwrap().into_iter().next().unwrap();
        let mut session = db.start_assignment(&g, &root().join("scenarios")).unwrap();
        for (at, a) in common::script("splice-first-fusion-practice.clean.ron").timed() {
            session.act(&db, at, a).unwrap();
        }
        assert!(session.exercise.is_finished());
        session.report()
    };
    let bundle = seat.dir.join("poste3.flb");
    seat.ok(&["export", "bundle", "--out", bundle.to_str().unwrap()]);
    // A forged copy: the same attempt under new identifiers, filed under Hugo.
    let mut v: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&bundle).unwrap()).unwrap();
    let a = &mut v["attempts"][0];
    a["uuid"] = serde_json::json!("0badc0de-0000-4000-8000-000000000001");
    a["trainee_uuid"] = serde_json::json!(ids[1]);
    let forged = seat.dir.join("poste3-forged.flb");
    std::fs::write(&forged, serde_json::to_vec(&v).unwrap()).unwrap();

    // The trainer imports both onto the server.
    let out = pg
        .cli(&pg.trainer_url())
        .args(["import", "bundle"])
        .arg(&bundle)
        .arg(&forged)
        .output()
        .unwrap();
    let said = text(&out);
    let mut admin = pg.admin();
    let rows = admin
        .query(
            "SELECT a.uuid, t.uuid, a.origin, a.score, a.status FROM fibrelab.attempts a
               JOIN fibrelab.trainees t ON t.id = a.trainee_id ORDER BY a.id",
            &[],
        )
        .unwrap();
    assert!(said.contains("mauvais stagiaire"), "{said}");
    assert_eq!(rows.len(), 1, "only the genuine one kept: {said}");
    assert_eq!(rows[0].get::<_, String>(1), lea);
    assert_eq!(rows[0].get::<_, Option<String>>(2).as_deref(), Some("app"));
    assert_eq!(rows[0].get::<_, Option<f64>>(3), Some(claimed.score));
    let refused: i64 = admin
        .query_one(
            "SELECT COUNT(*) FROM fibrelab.audit_log
              WHERE action = 'bundle_refused' AND target = '0badc0de-0000-4000-8000-000000000001'",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(refused, 1, "{said}");
    let verified = pg.cli(&pg.trainer_url()).args(["verify"]).output().unwrap();
    assert!(verified.status.success(), "{}", text(&verified));
    assert!(
        text(&verified).contains("1 tentative(s) terminée(s) vérifiée(s), 0 différence(s)"),
        "{}",
        text(&verified)
    );
}
