//! What the school's tests share: a temporary school (its store, its key and its trainer,
//! outside the user's folders), the command line run on it, the shipped scripts, and the
//! store's files as bytes.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use fibrelab::exercise::script::ActionList;
use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
use fibrelab::records::seal::read_or_create_key;
use fibrelab::records::{Db, Session};

pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn script(name: &str) -> ActionList {
    let path = root().join("tests/scripts").join(name);
    ActionList::parse(&std::fs::read(&path).unwrap(), name).unwrap()
}

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
