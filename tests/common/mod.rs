//! What the school's tests share: a temporary school (its store, its key and its trainer,
//! outside the user's folders), the command line run on it, the shipped scripts, and the
//! store's files as bytes.

#![allow(dead_code)]

pub mod pg;
#[path = "sandbox.rs"]
pub mod sandbox;
#[path = "school.rs"]
pub mod school;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fibrelab::exercise::script::ActionList;
use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
use fibrelab::records::seal::read_or_create_key;
use fibrelab::records::{Db, Session};

#[path = "paths.rs"]
pub mod paths;
pub use paths::root;

pub fn script(name: &str) -> ActionList {
    let path = root().join("tests/scripts").join(name);
    ActionList::parse(&std::fs::read(&path).unwrap(), name).unwrap()
}

/// One shipped scenario of each module, with its clean script: what the tests over every
/// module play (`tests/school_assessments.rs` holds it to the modules the shipped scenarios have).
pub const ONE_PER_MODULE: &[(&str, &str)] = &[
    (
        "prep-loose-tube-tia-assessment",
        "loose-tube-tia-assessment.clean.ron",
    ),
    (
        "otdr-recette-assessment",
        "otdr-recette-assessment.clean.ron",
    ),
    (
        "splice-mixed-fibres-practice",
        "splice-mixed-fibres-practice.clean.ron",
    ),
    (
        "job-drop-mechanical-practice",
        "job-drop-mechanical-practice.clean.ron",
    ),
    (
        "route-alignment-assessment",
        "route-alignment-assessment.clean.ron",
    ),
    (
        "connect-dirty-connector-assessment",
        "connect-dirty-connector-assessment.clean.ron",
    ),
];

/// The PIN of the trainer every test school has (a store without a trainer is a seat,
/// where the school's commands are closed).
pub const TRAINER_PIN: &str = "482913";

/// A temporary school: its store and its key, outside the user's folders.
pub struct School {
    pub _tmp: tempfile::TempDir,
    pub db: PathBuf,
    pub key: PathBuf,
    pub dir: PathBuf,
}

/// A school with its trainer (PIN [`TRAINER_PIN`]).
pub fn school() -> School {
    let s = seat_store();
    let out = s
        .cli()
        .env("FIBRELAB_NEW_PIN", TRAINER_PIN)
        .args(["trainer", "add", "Mme Formatrice"])
        .output()
        .expect("fibrelab");
    assert!(out.status.success(), "{}", text(&out));
    s
}

/// A store with no trainer yet (a seat, or a school before its first trainer).
pub fn seat_store() -> School {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().to_path_buf();
    School {
        db: dir.join("school.db"),
        key: dir.join("keys/school.key"),
        dir,
        _tmp: tmp,
    }
}

impl School {
    pub fn cli(&self) -> Command {
        self.cli_in("en")
    }

    pub fn cli_in(&self, lang: &str) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_fibrelab"));
        c.envs(sandbox::env());
        c.args(["--lang", lang, "--db"])
            .arg(&self.db)
            .env("FIBRELAB_SCHOOL_KEY", &self.key)
            .env("FIBRELAB_TRAINER_PIN", TRAINER_PIN)
            .env_remove("FIBRELAB_NEW_PIN")
            .env_remove("FIBRELAB_LRS_PASSWORD");
        c
    }

    pub fn run(&self, args: &[&str]) -> Output {
        match args {
            ["--lang", lang, rest @ ..] => self.cli_in(lang).args(rest).output().expect("fibrelab"),
            _ => self.cli().args(args).output().expect("fibrelab"),
        }
    }

    /// Runs a command that must succeed; its standard output.
    pub fn ok(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    /// Runs a command that must succeed; what it printed, output and errors.
    pub fn ok_text(&self, args: &[&str]) -> String {
        let out = self.run(args);
        assert!(out.status.success(), "{args:?}: {}", text(&out));
        text(&out)
    }

    /// `play` of the French loose-tube practice with its clean script, `extra` options
    /// after it (`--trainee NAME`…).
    pub fn play_practice(&self, seed: &str, extra: &[&str]) -> Output {
        self.cli()
            .args([
                "play",
                "prep-loose-tube-fr-practice",
                "--seed",
                seed,
                "--actions",
            ])
            .arg(root().join("tests/scripts/loose-tube-fr-practice.clean.ron"))
            .args(extra)
            .output()
            .expect("fibrelab")
    }

    pub fn json(&self, args: &[&str]) -> serde_json::Value {
        serde_json::from_str(&self.ok(args)).expect("json")
    }

    /// The store opened as the app opens it, sealed with the school's key.
    pub fn open(&self) -> Db {
        let mut db = Db::open(&self.db).unwrap();
        db.set_key(read_or_create_key(&self.key).unwrap()).unwrap();
        db
    }

    pub fn sql(&self) -> rusqlite::Connection {
        rusqlite::Connection::open(&self.db).unwrap()
    }

    pub fn write(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let p = self.dir.join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    }
}

/// A command's output and errors, as a user reads them.
pub fn text(out: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    )
}

/// A store with one cohort of `names`, and an assessment `ecf-test` of `scenarios` (two
/// attempts each, results after it closes).
pub fn store_with_assessment(
    s: &School,
    names: &[&str],
    scenarios: &[&str],
    limit_min: Option<u32>,
    seed: SeedPolicy,
    base_seed: u64,
) -> Db {
    let db = s.open();
    let c = db.create_cohort("Promo test", None, None, None).unwrap();
    for n in names {
        db.add_trainee(n, None, Some(&c), None).unwrap();
    }
    let spec = AssessmentSpec {
        id: "ecf-test".into(),
        title: "ECF test".into(),
        cohort: None,
        kind: Kind::Ecf,
        scenarios: scenarios.iter().map(|s| s.to_string()).collect(),
        opens: None,
        closes: None,
        time_limit_min: limit_min,
        attempts: 2,
        seed,
        base_seed: Some(base_seed),
        feedback: Feedback::AfterClose,
    };
    db.create_assessment(&spec, &c, None, false).unwrap();
    db
}

pub fn scenarios_dir() -> PathBuf {
    root().join("scenarios")
}

/// A trainee's attempt at the assessment item in `position`, started in the app's way.
pub fn start(db: &Db, trainee: &str, position: u32) -> Session {
    let t = db.trainee(trainee).unwrap();
    let (_, g) = db
        .assignments_of(&t)
        .unwrap()
        .into_iter()
        .find(|(_, g)| g.position == position)
        .unwrap();
    db.start_assignment(&g, &scenarios_dir()).unwrap()
}

/// Every byte of a store's files (the database, its log, its shared memory).
pub fn store_files(db: &Path) -> Vec<u8> {
    let mut all = Vec::new();
    for suffix in ["", "-wal", "-shm", "-journal"] {
        let p = PathBuf::from(format!("{}{suffix}", db.display()));
        if let Ok(b) = std::fs::read(&p) {
            all.extend(b);
        }
    }
    all
}

pub fn contains(haystack: &[u8], needle: &str) -> bool {
    haystack
        .windows(needle.len())
        .any(|w| w == needle.as_bytes())
}

/// A store as a school leaves it: Léa's assessment attempt finished and reviewed,
/// Yacine's under way (four gestures), a practice attempt played from a script last.
pub fn sealed_store() -> (School, i64, i64, i64) {
    let s = school();
    let db = store_with_assessment(
        &s,
        &["Léa Moreau", "Yacine Benali"],
        &["connect-dirty-connector-assessment"],
        None,
        SeedPolicy::PerTrainee,
        7,
    );
    let mut lea = start(&db, "Léa Moreau", 0);
    for (at, a) in script("connect-dirty-connector-assessment.clean.ron").timed() {
        lea.act(&db, at, a).unwrap();
    }
    assert!(lea.exercise.is_finished());
    let mut yacine = start(&db, "Yacine Benali", 0);
    for (at, a) in script("connect-dirty-connector-assessment.clean.ron")
        .timed()
        .into_iter()
        .take(4)
    {
        yacine.act(&db, at, a).unwrap();
    }
    drop(db);
    // A second trainer, added by the first.
    let out = s
        .cli()
        .env("FIBRELAB_NEW_PIN", "730519")
        .args(["trainer", "add", "M. Petit"])
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", text(&out));
    s.ok(&[
        "review",
        &lea.attempt.to_string(),
        "--decision",
        "validated",
    ]);
    let out = s.play_practice("1", &[]);
    assert!(out.status.success(), "{}", text(&out));
    let last = s.open().attempts().unwrap().last().unwrap().id;
    (s, lea.attempt, yacine.attempt, last)
}

/// Whether the tests that need Node.js and the validator, or a real LRS, are asked for
/// (`.ci/run` installs them and says so); elsewhere they say they did not run.
pub fn asked(var: &str) -> bool {
    let on = std::env::var(var).is_ok_and(|v| v == "1");
    if !on {
        eprintln!("{var} is not 1: skipped (.ci/run sets it)");
    }
    on
}

/// Ralph (France Université Numérique) on loopback, with a fresh folder; stopped (its
/// whole process group) when dropped.
pub struct Ralph {
    child: std::process::Child,
    pub endpoint: String,
}

impl Drop for Ralph {
    fn drop(&mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Ralph {
    pub fn start(dir: &Path) -> Ralph {
        let app = dir.join("ralph");
        std::fs::create_dir_all(app.join("data")).unwrap();
        let ralph = std::env::var("FIBRELAB_RALPH").unwrap_or_else(|_| "ralph".into());
        let auth = Command::new(&ralph)
            .args([
                "auth",
                "-u",
                "fibrelab",
                "-p",
                "mot-de-passe",
                "-s",
                "all",
                "-M",
                "mailto:lrs@example.org",
                "-w",
            ])
            .env("RALPH_APP_DIR", &app)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .output()
            .unwrap();
        assert!(auth.status.success(), "{}", text(&auth));
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let mut command = Command::new(&ralph);
        command
            .args([
                "runserver",
                "-b",
                "fs",
                "-h",
                "127.0.0.1",
                "-p",
                &port.to_string(),
                "--fs-default-directory-path",
            ])
            .arg(app.join("data"))
            .env("RALPH_APP_DIR", &app)
            .env("RALPH_RUNSERVER_BACKEND", "fs")
            .stdout(std::process::Stdio::null())
            .stderr(std::process::Stdio::null());
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut command, 0);
        let r = Ralph {
            child: command.spawn().unwrap(),
            endpoint: format!("http://127.0.0.1:{port}/xAPI"),
        };
        let mut up = false;
        for _ in 0..100 {
            if r.get("limit=1").is_some() {
                up = true;
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        }
        assert!(up, "Ralph did not start on port {port}");
        r
    }

    pub fn get(&self, query: &str) -> Option<serde_json::Value> {
        let out = Command::new("curl")
            .args([
                "-s",
                "-u",
                "fibrelab:mot-de-passe",
                "-H",
                "X-Experience-API-Version: 1.0.3",
            ])
            .arg(format!("{}/statements?{query}", self.endpoint))
            .output()
            .ok()?;
        serde_json::from_slice(&out.stdout).ok()
    }

    /// POSTs statements as another program would; the HTTP status.
    pub fn post(&self, statements: &serde_json::Value) -> String {
        let out = Command::new("curl")
            .args([
                "-s",
                "-o",
                "/dev/null",
                "-w",
                "%{http_code}",
                "-u",
                "fibrelab:mot-de-passe",
                "-H",
                "X-Experience-API-Version: 1.0.3",
                "-H",
                "Content-Type: application/json",
                "--data-binary",
            ])
            .arg(statements.to_string())
            .arg(format!("{}/statements", self.endpoint))
            .output()
            .unwrap();
        String::from_utf8_lossy(&out.stdout).into_owned()
    }
}

/// A school whose assessment `ecf-test` (the dirty-connector assessment, the French
/// loose-tube practice) has results: Léa's two clean attempts, Yacine's with the
/// connectors' mistakes, Inès's unfinished one, and Léa's scripted retry.
pub fn cohort_with_results() -> School {
    let s = school();
    let db = store_with_assessment(
        &s,
        &["Léa Moreau", "Yacine Benali", "Inès Roux"],
        &[
            "connect-dirty-connector-assessment",
            "prep-loose-tube-fr-practice",
        ],
        None,
        SeedPolicy::Fixed,
        1,
    );
    let play = |who: &str, position: u32, file: &str, take: usize| {
        let mut session = start(&db, who, position);
        for (at, a) in script(file).timed().into_iter().take(take) {
            session.act(&db, at, a).unwrap();
        }
    };
    play(
        "Léa Moreau",
        0,
        "connect-dirty-connector-assessment.clean.ron",
        usize::MAX,
    );
    play(
        "Léa Moreau",
        1,
        "loose-tube-fr-practice.clean.ron",
        usize::MAX,
    );
    play(
        "Yacine Benali",
        0,
        "connect-dirty-connector-assessment.mistakes.ron",
        usize::MAX,
    );
    play("Inès Roux", 1, "loose-tube-fr-practice.clean.ron", 3);
    drop(db);
    s.ok(&[
        "play",
        "connect-dirty-connector-assessment",
        "--seed",
        "1",
        "--trainee",
        "Léa Moreau",
        "--actions",
        root()
            .join("tests/scripts/connect-dirty-connector-assessment.mistakes.ron")
            .to_str()
            .unwrap(),
    ]);
    s
}

/// A page printed by headless Chromium as the school prints it ("Print to PDF", the
/// browser's own header and footer off): its pages' sizes in points and their text.
pub struct Printed {
    pub pdf: PathBuf,
    /// Each page's MediaBox, width and height in points.
    pub sizes: Vec<(f64, f64)>,
    /// Each page's text, as `pdftotext` reads it.
    pub pages: Vec<String>,
}

/// Prints `html` to `<html>.pdf` with headless Chromium (`FIBRELAB_CHROMIUM`, else
/// `chromium`) and reads it back with poppler's `pdftotext`; both must be installed.
pub fn print_to_pdf(html: &Path) -> Printed {
    let chromium = std::env::var("FIBRELAB_CHROMIUM").unwrap_or_else(|_| "chromium".into());
    let pdf = html.with_extension("pdf");
    let _ = std::fs::remove_file(&pdf);
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(&chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            "--no-pdf-header-footer",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", html.display()))
        .output()
        .unwrap_or_else(|e| panic!("{chromium}: {e}"));
    assert!(pdf.is_file(), "{}: {}", html.display(), text(&out));
    let bytes = std::fs::read(&pdf).unwrap();
    assert!(bytes.starts_with(b"%PDF"));
    // Chromium writes each page's dictionary in the clear: its MediaBox with it.
    let raw = String::from_utf8_lossy(&bytes);
    let sizes: Vec<(f64, f64)> = raw
        .split("/MediaBox [")
        .skip(1)
        .map(|rest| {
            let nums: Vec<f64> = rest
                .split(']')
                .next()
                .unwrap()
                .split_whitespace()
                .map(|n| n.parse().unwrap())
                .collect();
            (nums[2] - nums[0], nums[3] - nums[1])
        })
        .collect();
    let txt = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8"])
        .arg(&pdf)
        .arg("-")
        .output()
        .unwrap_or_else(|e| {
            panic!("pdftotext (poppler-utils) must be installed for the printing tests: {e}")
        });
    assert!(txt.status.success(), "pdftotext: {}", text(&txt));
    let all = String::from_utf8_lossy(&txt.stdout).into_owned();
    // Pages are parted by form feeds, the last one followed by one too.
    let mut pages: Vec<String> = all.split('\u{c}').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    assert_eq!(
        pages.len(),
        sizes.len(),
        "{}: pdftotext's pages and the MediaBoxes agree",
        pdf.display()
    );
    Printed { pdf, sizes, pages }
}

impl Printed {
    /// Every page is A4 (595 × 842 points, to the point).
    pub fn assert_a4(&self) {
        for (i, (w, h)) in self.sizes.iter().enumerate() {
            assert!(
                (w - 595.0).abs() < 1.0 && (h - 842.0).abs() < 1.0,
                "{}: page {} is {w} × {h} pt, not A4",
                self.pdf.display(),
                i + 1
            );
        }
    }

    /// The text of a page with its spaces made plain (pdftotext keeps U+00A0 and
    /// U+202F) and runs of spaces made one.
    pub fn plain(&self, page: usize) -> String {
        self.pages[page]
            .replace(['\u{a0}', '\u{202f}'], " ")
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
    }
}

/// One acquisition of the first OTDR practice's link (1550 nm, 30 ns, 5 km, 15 s), the
/// `otdr` command line several tests run; `--out` and the rest follow it.
pub const FIRST_TRACE: [&str; 12] = [
    "otdr",
    "otdr-first-trace-practice",
    "--seed",
    "7",
    "--wavelength",
    "1550",
    "--pulse",
    "30",
    "--range",
    "5000",
    "--averaging",
    "15",
];
