//! Bad input that used to get through (issue 10, point 9), each with the clear message
//! it gets now: a pipe or a link loop in the scenarios folder, an oversized file, an id
//! or a name with terminal escapes, script times that are not times, a damaged database,
//! a database that may only be read. Typos in `Range`, a 2 000 km link and two breaks are
//! in the broken-scenario corpus (tests/broken_scenarios.rs).

#[path = "common/paths.rs"]
mod paths;
#[path = "common/sandbox.rs"]
mod sandbox;
use paths::root;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

fn bin() -> Command {
    let mut c = Command::new(env!("CARGO_BIN_EXE_fibrelab"));
    c.envs(sandbox::env());
    c.args(["--lang", "en"]);
    c
}

/// Runs a command, killing it (and failing) if it has not ended within 30 s: a command
/// that waits on a pipe for ever is the defect these tests guard against.
fn run(mut c: Command) -> Output {
    let mut child = c
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let start = Instant::now();
    loop {
        if child.try_wait().expect("wait").is_some() {
            return child.wait_with_output().expect("output");
        }
        if start.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("the command did not end: {c:?}");
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

fn text(o: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    )
}

/// A scenarios folder with two shipped scenarios.
fn folder(tmp: &Path) -> PathBuf {
    let dir = tmp.join("scenarios");
    std::fs::create_dir_all(dir.join("otdr")).unwrap();
    std::fs::copy(
        root().join("scenarios/otdr/first-trace-practice.ron"),
        dir.join("otdr/first-trace-practice.ron"),
    )
    .unwrap();
    std::fs::copy(
        root().join("scenarios/cable-prep/flat-drop-assessment.ron"),
        dir.join("flat-drop-assessment.ron"),
    )
    .unwrap();
    dir
}

#[cfg(unix)]
#[test]
fn a_pipe_and_a_link_loop_in_the_scenarios_folder_neither_block_nor_explode() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = folder(tmp.path());
    let pipe = dir.join("otdr/waiting.ron");
    let made = Command::new("mkfifo").arg(&pipe).status().expect("mkfifo");
    assert!(made.success());
    // Links back up: followed, they would walk for ever (or until the depth limit, each
    // file seen thousands of times).
    std::os::unix::fs::symlink("..", dir.join("otdr/up")).unwrap();
    std::os::unix::fs::symlink(&dir, dir.join("again")).unwrap();

    let out = run({
        let mut c = bin();
        c.arg("validate").arg(&dir);
        c
    });
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    assert!(
        all.contains("waiting.ron is not an ordinary file (a named pipe): it is not read"),
        "{all}"
    );

    let out = run({
        let mut c = bin();
        c.arg("list").arg(&dir);
        c
    });
    let listed = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        listed.matches("otdr-first-trace-practice").count(),
        1,
        "each scenario once: {listed}"
    );
    assert_eq!(listed.matches("prep-flat-drop-assessment").count(), 1);

    // `play` finds a scenario by id in that folder.
    let out = run({
        let mut c = bin();
        c.env("FIBRELAB_SCENARIOS", &dir)
            .args([
                "play",
                "prep-flat-drop-assessment",
                "--seed",
                "5",
                "--no-record",
            ])
            .arg("--actions")
            .arg(root().join("tests/scripts/flat-drop-assessment.clean.ron"));
        c
    });
    assert!(out.status.success(), "{}", text(&out));

    // And the app's catalogue (the same walk).
    let entries = fibrelab::scenario::load::load_path(&dir);
    assert_eq!(entries.len(), 3, "two scenarios and the pipe");
    assert_eq!(entries.iter().filter(|(_, r)| r.is_ok()).count(), 2);
}

#[test]
fn an_oversized_file_is_refused_unread() {
    let tmp = tempfile::tempdir().unwrap();
    let big = tmp.path().join("big.ron");
    let mut s = String::from("// padding\n");
    while s.len() < 5 * 1024 * 1024 {
        s.push_str("// ..........................................................\n");
    }
    std::fs::write(&big, s).unwrap();
    let out = run({
        let mut c = bin();
        c.arg("validate").arg(&big);
        c
    });
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out).contains("holds 5.0 MB: such a file holds at most 4 MB"),
        "{}",
        text(&out)
    );
}

#[test]
fn an_id_with_a_newline_and_terminal_escapes_is_shown_escaped() {
    let tmp = tempfile::tempdir().unwrap();
    let src = std::fs::read_to_string(root().join("scenarios/otdr/first-trace-practice.ron"))
        .unwrap()
        .replace(
            "id: \"otdr-first-trace-practice\"",
            "id: \"bad\\n\\u{1b}[2J\\u{1b}[31mred\"",
        );
    let file = tmp.path().join("escape.ron");
    std::fs::write(&file, src).unwrap();
    let out = run({
        let mut c = bin();
        c.arg("validate").arg(&file);
        c
    });
    assert_eq!(out.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "no raw escape: {stdout:?}");
    assert_eq!(stdout.lines().count(), 1, "one line: {stdout:?}");
    assert!(
        stdout.contains("`bad\\n\\u{1b}[2J\\u{1b}[31mred` is not a valid identifier"),
        "{stdout}"
    );

    // A trainee's name typed with escapes, listed from the database.
    let db = tmp.path().join("a.db");
    let out = run({
        let mut c = bin();
        c.args(["play", "prep-flat-drop-assessment", "--seed", "5"])
            .args(["--trainee", "Léa\u{1b}[2J\nX"])
            .arg("--db")
            .arg(&db)
            .arg("--actions")
            .arg(root().join("tests/scripts/flat-drop-assessment.clean.ron"));
        c
    });
    assert!(out.status.success(), "{}", text(&out));
    let out = run({
        let mut c = bin();
        c.arg("attempts").arg("--db").arg(&db);
        c
    });
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(!stdout.contains('\u{1b}'), "{stdout:?}");
    assert!(stdout.contains("Léa\\u{1b}[2J\\nX"), "{stdout}");
    assert_eq!(stdout.lines().count(), 1);
}

/// A script whose second step has time `t`.
fn script_with_time(tmp: &Path, t: &str) -> PathBuf {
    let p = tmp.join(format!("t{}.ron", t.len()));
    std::fs::write(
        &p,
        format!(
            "ActionList(\n    format: 1,\n    steps: [\n        (t: 10, act: AskHint),\n        (t: {t}, act: Finish),\n    ],\n)\n"
        ),
    )
    .unwrap();
    p
}

#[test]
fn script_times_that_are_not_times_are_refused_at_their_line() {
    let tmp = tempfile::tempdir().unwrap();
    // -5 s, not a number, and 10^17 s (2^63 ms and more wrapped negative in the store).
    for t in ["-5", "NaN", "100000000000000000"] {
        let script = script_with_time(tmp.path(), t);
        let out = run({
            let mut c = bin();
            c.args([
                "play",
                "otdr-first-trace-practice",
                "--seed",
                "1",
                "--no-record",
            ])
            .arg("--actions")
            .arg(&script);
            c
        });
        assert_eq!(out.status.code(), Some(1), "t = {t}: {}", text(&out));
        let all = text(&out);
        let want = format!("{}:5:10: `steps[1].t`: The time ", script.display());
        assert!(all.contains(&want), "t = {t}: {all}");
        assert!(all.contains("from 0 to 10000 hours"), "{all}");
    }
}

/// The longest run of digits in `s`.
fn longest_digits(s: &str) -> usize {
    s.split(|c: char| !c.is_ascii_digit())
        .map(str::len)
        .max()
        .unwrap_or(0)
}

#[test]
fn script_numbers_no_gesture_takes_are_refused_where_written_and_shown_short() {
    let tmp = tempfile::tempdir().unwrap();
    // (scenario, the step, the words of the refusal, the column of the number's field).
    // Each step is the list's second, on line 5, after `        (t: 20, act: `.
    let cases = [
        (
            "prep-flat-drop-assessment",
            "StripSheath(length_mm: 1e300, tool: DropStripper)",
            "steps[1].act.length_mm`: 1e300 mm is not possible in this gesture: allowed 1 to 3000 mm.",
            34,
        ),
        (
            "prep-flat-drop-assessment",
            "StripSheath(length_mm: -1e300, tool: DropStripper)",
            "-1e300 mm is not possible in this gesture: allowed 1 to 3000 mm.",
            34,
        ),
        (
            "prep-flat-drop-assessment",
            "StripSheath(length_mm: NaN, tool: DropStripper)",
            "NaN mm is not possible in this gesture: allowed 1 to 3000 mm.",
            34,
        ),
        (
            "prep-flat-drop-assessment",
            "Cleave(length_mm: 30.5)",
            "30.5 mm is not possible in this gesture: allowed 2 to 30 mm.",
            29,
        ),
        (
            "route-span-sag-practice",
            "TensionSpan(span: 1, tension_n: 1e300)",
            "steps[1].act.tension_n`: 1e300 N is not possible in this gesture: allowed 1 to 50000 N.",
            43,
        ),
        (
            "route-span-sag-practice",
            "SetRemedy(pole: \"P1\", remedy: Guy(anchor_m: inf))",
            "steps[1].act.remedy.anchor_m`: inf m is not possible in this gesture: allowed 0 to 100 m.",
            56,
        ),
    ];
    for (k, (scenario, step, words, col)) in cases.iter().enumerate() {
        let script = tmp.path().join(format!("s{k}.ron"));
        std::fs::write(
            &script,
            format!(
                "ActionList(\n    format: 1,\n    steps: [\n        (t: 10, act: AskHint),\n        (t: 20, act: {step}),\n        (t: 30, act: Finish),\n    ],\n)\n"
            ),
        )
        .unwrap();
        let out = run({
            let mut c = bin();
            c.args(["play", scenario, "--seed", "1", "--no-record"])
                .arg("--actions")
                .arg(&script);
            c
        });
        let all = text(&out);
        assert_eq!(out.status.code(), Some(1), "{step}: {all}");
        let at = format!("{}:5:{col}: `", script.display());
        assert!(all.contains(&at), "{step}: `{at}` in {all}");
        assert!(all.contains(words), "{step}: `{words}` in {all}");
        assert!(longest_digits(&all) < 20, "{step}: {all}");
    }
}

#[test]
fn a_script_time_of_1e300_is_shown_short() {
    let tmp = tempfile::tempdir().unwrap();
    let script = script_with_time(tmp.path(), "1e300");
    let out = run({
        let mut c = bin();
        c.args([
            "play",
            "otdr-first-trace-practice",
            "--seed",
            "1",
            "--no-record",
        ])
        .arg("--actions")
        .arg(&script);
        c
    });
    let all = text(&out);
    assert_eq!(out.status.code(), Some(1), "{all}");
    // Written in full, 1e300 has 301 digits.
    assert!(all.contains("`steps[1].t`: The time 1e300 is not"), "{all}");
    assert!(longest_digits(&all) < 20, "{all}");
}

#[test]
fn a_number_no_gesture_takes_given_in_code_is_refused_with_its_limit_and_shown_short() {
    use fibrelab::exercise::{Action, Exercise, PrepAction};
    use fibrelab::i18n::Lang;
    use fibrelab::physics::handling::Tool;
    // The app and a stored log reach the engine without an action list: the engine
    // refuses on its own, and says the number in a few characters.
    let loaded = fibrelab::scenario::load_file(
        &root().join("scenarios/cable-prep/flat-drop-assessment.ron"),
    )
    .unwrap();
    let mut ex = Exercise::generate(&loaded.scenario, 5);
    for (found, shown) in [(1e300, "1e300"), (-1.5e200, "-1.5e200")] {
        let r = ex
            .apply(
                1000,
                Action::Prep(PrepAction::StripSheath {
                    length_mm: found,
                    tool: Tool::DropStripper,
                }),
            )
            .expect_err("refused");
        let en = r.reason.render(Lang::En);
        assert_eq!(
            en,
            format!("Length {shown} mm is not possible here (between 1.0 and 3000.0 mm).")
        );
        let fr = r.reason.render(Lang::Fr);
        assert!(fr.contains(&shown.replace('.', ",")), "{fr}");
        assert!(longest_digits(&fr) < 20, "{fr}");
    }
}

#[test]
fn an_action_after_the_longest_attempt_is_refused() {
    use fibrelab::exercise::{Action, Exercise};
    use fibrelab::limits::MAX_ATTEMPT_MS;
    let loaded =
        fibrelab::scenario::load_file(&root().join("scenarios/otdr/first-trace-practice.ron"))
            .unwrap();
    let mut ex = Exercise::generate(&loaded.scenario, 1);
    ex.apply(MAX_ATTEMPT_MS, Action::AskHint)
        .expect("the last moment is accepted");
    let r = ex
        .apply(MAX_ATTEMPT_MS + 1, Action::Finish)
        .expect_err("a moment later is not");
    assert_eq!(r.reason.key, "refuse-time-too-late");
}

fn play_into(db: &Path) -> Output {
    run({
        let mut c = bin();
        c.args(["play", "prep-flat-drop-assessment", "--seed", "5"])
            .arg("--db")
            .arg(db)
            .arg("--actions")
            .arg(root().join("tests/scripts/flat-drop-assessment.clean.ron"));
        c
    })
}

#[test]
fn a_damaged_database_is_refused_and_left_as_it_is() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db");
    for _ in 0..3 {
        assert!(play_into(&db).status.success());
    }
    // Scribble over the head of every page but the first, as a failing disk or a bad
    // copy would.
    let mut bytes = std::fs::read(&db).unwrap();
    assert!(bytes.len() > 3 * 4096, "{}", bytes.len());
    for page in bytes.chunks_mut(4096).skip(1) {
        for b in page.iter_mut().take(12) {
            *b = 0xA5;
        }
    }
    std::fs::write(&db, &bytes).unwrap();

    for args in [&["attempts"][..], &["verify"][..]] {
        let out = run({
            let mut c = bin();
            c.args(args).arg("--db").arg(&db);
            c
        });
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(text(&out).contains("is damaged"), "{}", text(&out));
    }
    let out = play_into(&db);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    let all = text(&out);
    assert!(
        all.contains("is damaged") && all.contains("Nothing was written to it"),
        "{all}"
    );
    assert_eq!(
        std::fs::read(&db).unwrap(),
        bytes,
        "the file is left as it was"
    );

    // A file emptied by a crash: damaged for the listings too, not a store without tables.
    let empty = tmp.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    for args in [&["attempts"][..], &["verify"][..]] {
        let out = run({
            let mut c = bin();
            c.args(args).arg("--db").arg(&empty);
            c
        });
        assert_eq!(out.status.code(), Some(2), "{args:?}: {}", text(&out));
        assert!(
            text(&out).contains("is damaged (0 bytes)"),
            "{}",
            text(&out)
        );
    }

    // A file that is no database at all.
    let not_db = tmp.path().join("notes.db");
    std::fs::write(&not_db, "these are my notes, not a database\n".repeat(200)).unwrap();
    let out = play_into(&not_db);
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out).contains("is damaged"), "{}", text(&out));
    assert!(
        std::fs::read_to_string(&not_db)
            .unwrap()
            .starts_with("these are my notes")
    );
}

/// `attempts` and `verify` on a database in a folder its user may not write to (a copy
/// on a jury's key, an archive). As root, who may write anywhere, the commands run as
/// the unprivileged user `nobody` (with `setpriv`) so that the folder's rights apply.
#[cfg(unix)]
#[test]
fn a_database_that_may_only_be_read_is_listed_and_verified() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    std::fs::set_permissions(tmp.path(), std::fs::Permissions::from_mode(0o755)).unwrap();
    let dir = tmp.path().join("jury");
    std::fs::create_dir(&dir).unwrap();
    let db = dir.join("a.db");
    assert!(play_into(&db).status.success());
    let names = || {
        let mut v: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        v.sort();
        v
    };
    let before = names();
    let bytes = std::fs::read(&db).unwrap();
    // The jury has a copy of the school's key, which it may read and not change.
    let keys = tmp.path().join("keys");
    std::fs::create_dir(&keys).unwrap();
    let key = keys.join("school.key");
    std::fs::copy(sandbox::key(), &key).unwrap();
    std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o555)).unwrap();
    std::fs::set_permissions(&db, std::fs::Permissions::from_mode(0o444)).unwrap();
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o555)).unwrap();

    let root_user = Command::new("id")
        .arg("-u")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
        .unwrap_or(false);
    let exe = tmp.path().join("fibrelab");
    std::fs::copy(env!("CARGO_BIN_EXE_fibrelab"), &exe).unwrap();
    let as_reader = |args: &[&str]| {
        let mut c = if root_user {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"])
                .arg(&exe);
            c
        } else {
            Command::new(&exe)
        };
        c.envs(sandbox::env());
        c.args(["--lang", "en"])
            .args(args)
            .arg("--db")
            .arg(&db)
            .env("FIBRELAB_SCHOOL_KEY", &key);
        run(c)
    };
    let out = as_reader(&["attempts"]);
    assert!(out.status.success(), "attempts: {}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("prep-flat-drop-assessment"),
        "{}",
        text(&out)
    );
    let out = as_reader(&["verify"]);
    assert!(out.status.success(), "verify: {}", text(&out));
    assert!(
        String::from_utf8_lossy(&out.stdout).contains("confirmed by replay"),
        "{}",
        text(&out)
    );
    // The commands that write refuse plainly.
    let out = as_reader(&["close", "1"]);
    assert_eq!(out.status.code(), Some(2), "{}", text(&out));
    assert!(!text(&out).contains("panicked"));

    assert_eq!(names(), before, "nothing made in the folder");
    assert_eq!(std::fs::read(&db).unwrap(), bytes, "nothing changed");
    std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755)).unwrap();
    std::fs::set_permissions(&keys, std::fs::Permissions::from_mode(0o755)).unwrap();
}

#[test]
fn listing_where_no_database_was_made_yet_makes_none() {
    let tmp = tempfile::tempdir().unwrap();
    let none = tmp.path().join("none/a.db");
    for args in [&["attempts"][..], &["verify"][..]] {
        let out = run({
            let mut c = bin();
            c.args(args).arg("--db").arg(&none);
            c
        });
        assert!(out.status.success(), "{args:?}");
        assert!(
            text(&out).contains("There is no attempts database"),
            "{}",
            text(&out)
        );
    }
    assert!(!none.parent().unwrap().exists());
}

#[test]
fn a_database_from_a_newer_fibrelab_is_not_written_to() {
    let tmp = tempfile::tempdir().unwrap();
    let db = tmp.path().join("a.db");
    assert!(play_into(&db).status.success());
    {
        let c = rusqlite::Connection::open(&db).unwrap();
        let v: i64 = c
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(v, fibrelab::records::SCHEMA_VERSION);
        c.pragma_update(None, "user_version", 99).unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let out = play_into(&db);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out).contains(&format!(
            "written by a newer FibreLab (format 99; this one reads format {})",
            fibrelab::records::SCHEMA_VERSION
        )),
        "{}",
        text(&out)
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
