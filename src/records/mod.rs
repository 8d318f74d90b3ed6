//! Attempts and gradebook in an embedded SQLite database.
//!
//! Each accepted action is written in its own transaction the moment it is taken, in WAL
//! mode with full sync, so a crash loses at most the action in flight. The scenario's text
//! is stored with the attempt, so an attempt can be resumed or verified even after the
//! file was edited or removed; its hash shows which version was played.

pub mod anchor;
pub mod assess;
pub mod attestation;
pub mod bundle;
pub mod chain;
pub mod check;
pub mod dates;
mod digest;
pub mod export;
mod migrate;
pub mod people;
pub mod pins;
pub mod print;
pub mod privacy;
pub mod report;
pub mod results;
pub mod roster;
pub mod school;
pub mod seal;
pub mod seat;
pub mod seeds;
pub mod server;
mod session;
pub mod settings;
pub mod sql;
mod verify;
pub mod xapi;

pub use session::{Acted, Session};
pub use verify::{Official, OfficialCheck, Verification, official_scenarios};

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;
use serde::Serialize;
use sql::{Conn, OptionalExtension, params};
use thiserror::Error;

use crate::exercise::{Action, Exercise, LoggedAction};
use crate::grading::{GradeReport, grade};
use crate::i18n::Msg;
use crate::scenario::load::content_hash;
use crate::scenario::{LoadedScenario, load_str};

pub const PROGRAM_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The one way an action is written into the store: RON with ron's default options (no
/// extensions), as every release has written it. Its reader is [`decode_action`]; the
/// two must stay a pair (a stored action that does not read back is a lost attempt).
pub fn encode_action(action: &Action) -> std::result::Result<String, String> {
    ron::Options::default()
        .to_string(action)
        .map_err(|e| e.to_string())
}

/// Reads an action written by [`encode_action`] (by this release or an earlier one).
///
/// Releases up to 0.1.0 wrote with these options too but read with the scenario files'
/// extensions (implicit `Some`, unwrapped newtype variants), so a stored `Acquire((..))`
/// or `SetSplicer((..))` was refused on reading although it was stored intact: reading
/// with the writer's own options recovers every one of them.
pub fn decode_action(text: &str) -> std::result::Result<Action, String> {
    ron::Options::default()
        .from_str::<Action>(text)
        .map_err(|e| format!("{}:{}: {}", e.span.start.line, e.span.start.col, e.code))
}

#[derive(Debug, Error)]
pub enum RecordsError {
    #[error("database error: {0}")]
    Sql(#[from] sql::Error),
    #[error("cannot create the folder {path}: {error}")]
    Folder {
        path: PathBuf,
        error: std::io::Error,
    },
    #[error("no attempt number {0}")]
    NotFound(i64),
    #[error("attempt {id}: {detail}")]
    Corrupt { id: i64, detail: String },
    #[error("attempt {0} is already finished or closed")]
    NotOpen(i64),
    #[error("attempt {0} has no grade: it is not finished")]
    NotFinished(i64),
    #[error("the attempts database {path} is damaged: {detail}")]
    Damaged { path: PathBuf, detail: String },
    #[error("the attempts database {path} was written by a newer FibreLab (format {found})")]
    Newer { path: PathBuf, found: i64 },
    #[error("no attempts database at {0}")]
    Missing(PathBuf),
    #[error("attempt {0}: the assessment's time is up")]
    TimeUp(i64),
    #[error("attempt {0} belongs to an assessment: it is continued in the app only")]
    AssessmentOnly(i64),
    #[error("the store is sealed with the school's key, which is not set")]
    KeyNeeded,
    #[error("the key {0} is not the one that sealed this store")]
    WrongKey(PathBuf),
    #[error("the school's key: {0:?}")]
    Key(Msg),
    #[error("attempt {id}: {msg:?}")]
    Tampered { id: i64, msg: Msg },
    #[error("attempt {0} had been finished: it is graded now")]
    Ended(i64),
    #[error("the school's server {url}: {detail}")]
    Server { url: String, detail: String },
    #[error("refused by the school's server: {0:?}")]
    Refused(Msg),
    #[error("the school's server cannot be reached: {0}")]
    Offline(String),
}

impl RecordsError {
    /// The error in the user's language.
    pub fn msg(&self) -> Msg {
        match self {
            RecordsError::Sql(e) => Msg::new("db-error").text("detail", e.to_string()),
            RecordsError::Folder { path, error } => Msg::new("db-folder")
                .text("path", path.display().to_string())
                .msg("detail", crate::i18n::io_error(error)),
            RecordsError::NotFound(id) => Msg::new("db-not-found").int("id", *id),
            RecordsError::Corrupt { id, detail } => Msg::new("db-corrupt")
                .int("id", *id)
                .text("detail", detail.clone()),
            RecordsError::NotOpen(id) => Msg::new("db-not-open").int("id", *id),
            RecordsError::NotFinished(id) => Msg::new("db-not-finished").int("id", *id),
            RecordsError::Damaged { path, detail } => Msg::new("db-damaged")
                .text("path", path.display().to_string())
                .text("detail", detail.clone()),
            RecordsError::Newer { path, found } => Msg::new("db-newer")
                .text("path", path.display().to_string())
                .int("found", *found)
                .int("supported", SCHEMA_VERSION),
            RecordsError::Missing(path) => {
                Msg::new("db-missing").text("path", path.display().to_string())
            }
            RecordsError::TimeUp(id) => Msg::new("db-time-up").int("id", *id),
            RecordsError::AssessmentOnly(id) => Msg::new("db-assessment-only").int("id", *id),
            RecordsError::KeyNeeded => Msg::new("db-key-needed"),
            RecordsError::WrongKey(path) => {
                Msg::new("seal-wrong-key").text("path", path.display().to_string())
            }
            RecordsError::Key(m) => m.clone(),
            RecordsError::Tampered { id, msg } => Msg::new("db-tampered")
                .int("id", *id)
                .msg("problem", msg.clone()),
            RecordsError::Ended(id) => Msg::new("db-ended").int("id", *id),
            RecordsError::Server { url, detail } => Msg::new("server-unreachable")
                .text("url", url.clone())
                .text("detail", detail.clone()),
            RecordsError::Refused(m) => m.clone(),
            RecordsError::Offline(detail) => {
                Msg::new("seat-offline").text("detail", detail.clone())
            }
        }
    }
}

pub type Result<T> = std::result::Result<T, RecordsError>;

impl From<rusqlite::Error> for RecordsError {
    fn from(e: rusqlite::Error) -> Self {
        RecordsError::Sql(e.into())
    }
}

/// Whether two names typed for a trainee are the same person's: spaces around them and
/// the case of letters (accented ones included) do not count. Until the school's list of
/// trainees says who is who.
pub fn same_trainee(a: &str, b: &str) -> bool {
    a.trim().to_lowercase() == b.trim().to_lowercase()
}

/// A path as an SQLite URI path (`%`, `?` and `#` escaped).
fn uri_path(path: &Path) -> String {
    let s = path.to_string_lossy();
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '%' => out.push_str("%25"),
            '?' => out.push_str("%3f"),
            '#' => out.push_str("%23"),
            _ => out.push(c),
        }
    }
    out
}

/// SQLite could not open a WAL database read-only (its -shm file cannot be made).
fn cannot_open_read_only(e: &sql::Error) -> bool {
    matches!(
        e.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// The database file: `FIBRELAB_DB` when set, else `fibrelab/fibrelab.db` in the user's
/// data folder (`~/.local/share` on Linux, `%APPDATA%` on Windows).
pub fn default_db_path() -> PathBuf {
    if let Some(p) = std::env::var_os("FIBRELAB_DB") {
        return PathBuf::from(p);
    }
    platform_db_path()
}

/// `fibrelab/fibrelab.db` in the user's data folder, whatever `FIBRELAB_DB` says.
pub fn platform_db_path() -> PathBuf {
    // The library's own tests never open the user's store.
    #[cfg(test)]
    return std::env::temp_dir().join(format!(
        "fibrelab-lib-tests-{}/fibrelab.db",
        std::process::id()
    ));
    #[cfg(not(test))]
    dirs::data_dir()
        .unwrap_or_else(|| PathBuf::from("."))
        .join("fibrelab")
        .join("fibrelab.db")
}

fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub enum Status {
    Open,
    Finished,
    Closed,
}

impl Status {
    fn parse(s: &str) -> Option<Status> {
        match s {
            "open" => Some(Status::Open),
            "finished" => Some(Status::Finished),
            "closed" => Some(Status::Closed),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct AttemptSummary {
    pub id: i64,
    pub scenario_id: String,
    pub scenario_hash: String,
    pub seed: u64,
    pub trainee: String,
    pub started_at_ms: i64,
    pub status: Status,
    pub score: Option<f64>,
    pub passed: Option<bool>,
    pub actions: i64,
    pub program_version: String,
    /// Made for an assessment (its grade shown to the trainee by its policy only).
    pub assessment: bool,
}

/// A grade as the exercise list shows it.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Graded {
    pub score: f64,
    pub passed: bool,
}

/// A trainee's record at one exercise.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct ExerciseProgress {
    /// Every attempt started, finished or not.
    pub attempts: u32,
    /// The best grade: a pass above any fail, then the higher score.
    pub best: Option<Graded>,
    /// The grade of the last attempt finished.
    pub last: Option<Graded>,
}

/// Where an attempt was made: in the app by a trainee, or played from a script on the
/// command line (which never counts for an assessment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Origin {
    App,
    Script,
}

impl Origin {
    pub fn code(self) -> &'static str {
        match self {
            Origin::App => "app",
            Origin::Script => "script",
        }
    }
}

/// A clock in ms since 1970 (the system's, or a test's).
pub type Clock = std::sync::Arc<dyn Fn() -> i64 + Send + Sync>;

pub struct Db {
    conn: Conn,
    /// The file, or the server's URL without its password (what may be shown).
    pub path: PathBuf,
    /// The server's URL as given (with its password, if it had one), to open it again.
    dsn: Option<String>,
    /// The school's key; without it nothing is sealed.
    key: Option<seal::SchoolKey>,
    clock: Option<Clock>,
    /// Who the audit log names for what this connection does.
    actor: String,
    /// What the anchor beside the key is to be told once the write commits.
    pending: chain::PendingCell,
    /// Opened to read only.
    read_only: bool,
    /// Whether the assessment seeds of this store are kept under the key (read once).
    masked: std::cell::Cell<Option<bool>>,
    /// A seat's folder for the gestures the server has not taken yet (`None`: beside the
    /// user's store, see [`Db::seat_journal_dir`]).
    journal: Option<PathBuf>,
}

/// What format 2 keeps of an attempt beside its first columns (defaults on an older
/// store read as it is).
#[derive(Clone, Debug, Default)]
pub struct AttemptExtra {
    pub uuid: Option<String>,
    pub origin: Option<String>,
    pub assignment_id: Option<i64>,
    pub trainee_id: Option<i64>,
    pub time_limit_ms: Option<u64>,
    pub deadline_at: Option<i64>,
    pub ended_by: Option<String>,
    /// The file the scenario was read from when the attempt started.
    pub scenario_path: Option<String>,
    /// When the attempt started, by the store's clock (ms since 1970).
    pub started_at: Option<i64>,
}

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS attempts (
    id              INTEGER PRIMARY KEY AUTOINCREMENT,
    scenario_id     TEXT NOT NULL,
    scenario_hash   TEXT NOT NULL,
    scenario_source TEXT NOT NULL,
    seed            INTEGER NOT NULL,
    trainee         TEXT NOT NULL,
    started_at      INTEGER NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('open', 'finished', 'closed')),
    finished_at     INTEGER,
    score           REAL,
    passed          INTEGER,
    grade_json      TEXT,
    program_version TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS actions (
    attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
    seq         INTEGER NOT NULL,
    at_ms       INTEGER NOT NULL,
    recorded_at INTEGER NOT NULL,
    action      TEXT NOT NULL,
    PRIMARY KEY (attempt_id, seq)
);
CREATE INDEX IF NOT EXISTS attempts_status ON attempts(status, trainee);
CREATE TABLE IF NOT EXISTS attempt_files (
    attempt_id  INTEGER NOT NULL REFERENCES attempts(id),
    name        TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    bytes       BLOB NOT NULL,
    PRIMARY KEY (attempt_id, name)
);
";

/// The format of the tables (`PRAGMA user_version`): 0 for a database made by 0.1.0,
/// which has the same tables; a newer program's database is not written to.
/// 2 adds the school (trainees, cohorts, assessments, seals; `migrate::migrate`).
/// 3 seals every record and action (`seals` without a fixed list of kinds, `actions.mac`,
/// `attempts.code`) and keeps assessment seeds under the key.
pub const SCHEMA_VERSION: i64 = 3;

/// The size of an SQLite file's header: an existing file shorter than this is no store.
const SQLITE_HEADER_BYTES: u64 = 100;

/// How long a writer waits for another one before giving up, in seconds.
const BUSY_WAIT_S: u64 = 30;

impl Db {
    /// Opens (or creates) the database to record attempts in. A damaged file, or one
    /// written by a newer FibreLab, is refused before anything is written to it.
    pub fn open(path: &Path) -> Result<Db> {
        let db = Db::connect(path)?;
        db.migrate()?;
        Ok(db)
    }

    /// Opens (or creates) the file and checks it, changing nothing in it yet: the
    /// school's key is checked between this and [`Db::migrate`].
    fn connect(path: &Path) -> Result<Db> {
        if let Some(url) = path.to_str().filter(|s| server::is_server_url(s)) {
            let db = Db {
                conn: server::connect(url)?,
                path: PathBuf::from(server::shown(url)),
                dsn: Some(url.to_string()),
                key: None,
                clock: None,
                actor: "trainer".into(),
                pending: Default::default(),
                read_only: false,
                masked: Default::default(),
                journal: None,
            };
            db.check()?;
            db.use_school_zone();
            return Ok(db);
        }
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|error| RecordsError::Folder {
                path: dir.to_path_buf(),
                error,
            })?;
        }
        // An existing file too short to be a database (a store emptied by a crash or a
        // full disk, a file cut short) is refused, never made into a new gradebook.
        if let Ok(meta) = std::fs::metadata(path)
            && meta.is_file()
            && meta.len() < SQLITE_HEADER_BYTES
        {
            return Err(RecordsError::Damaged {
                path: path.to_path_buf(),
                detail: format!("{} bytes", meta.len()),
            });
        }
        let conn = Connection::open(path)?;
        conn.busy_timeout(std::time::Duration::from_secs(BUSY_WAIT_S))?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        let conn = Conn::Sqlite(conn);
        let db = Db {
            conn,
            path: path.to_path_buf(),
            dsn: None,
            key: None,
            clock: None,
            actor: "trainer".into(),
            pending: Default::default(),
            read_only: false,
            masked: Default::default(),
            journal: None,
        };
        db.check()?;
        if let Some(c) = db.conn.sqlite() {
            c.pragma_update(None, "journal_mode", "WAL")?;
            c.pragma_update(None, "synchronous", "FULL")?;
        }
        db.use_school_zone();
        Ok(db)
    }

    /// Brings the tables to this release's format (nothing written when they are).
    fn migrate(&self) -> Result<()> {
        if self.conn.is_postgres() {
            // A server's tables are made and brought up to date by `school server setup`,
            // as the role that owns them.
            if self.conn.user_version()? < SCHEMA_VERSION {
                return Err(RecordsError::Server {
                    url: server::shown(&self.path.display().to_string()),
                    detail: format!("format {} < {SCHEMA_VERSION}", self.conn.user_version()?),
                });
            }
            return Ok(());
        }
        self.conn.execute_batch(SCHEMA)?;
        migrate::migrate(&self.conn)?;
        let version: i64 = self.conn.user_version()?;
        if version < SCHEMA_VERSION {
            self.conn.set_user_version(SCHEMA_VERSION)?;
        }
        Ok(())
    }

    /// Opens an existing database to read it only (`attempts`, `verify`): nothing is
    /// created or changed, so a database in a read-only folder (a copy on a jury's key,
    /// an archive) can be listed and verified.
    pub fn open_read_only(path: &Path) -> Result<Db> {
        use rusqlite::OpenFlags;
        if server::is_server_path(path) {
            let mut db = Db::connect(path)?;
            db.read_only = true;
            return Ok(db);
        }
        if !path.is_file() {
            return Err(RecordsError::Missing(path.to_path_buf()));
        }
        // A file too short to be a database (emptied by a crash, cut short) is damaged,
        // as `Db::open` says of it, not a store without tables.
        if let Ok(meta) = std::fs::metadata(path)
            && meta.len() < SQLITE_HEADER_BYTES
        {
            return Err(RecordsError::Damaged {
                path: path.to_path_buf(),
                detail: format!("{} bytes", meta.len()),
            });
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_URI;
        let open = |uri: String| -> Result<Db> {
            let conn = Connection::open_with_flags(uri, flags)?;
            conn.busy_timeout(std::time::Duration::from_secs(BUSY_WAIT_S))?;
            let conn = Conn::Sqlite(conn);
            let db = Db {
                conn,
                path: path.to_path_buf(),
                dsn: None,
                key: None,
                clock: None,
                actor: "trainer".into(),
                pending: Default::default(),
                read_only: true,
                masked: Default::default(),
                journal: None,
            };
            db.check()?;
            db.use_school_zone();
            Ok(db)
        };
        let uri = |extra: &str| format!("file:{}?mode=ro{extra}", uri_path(path));
        // A database left in WAL mode needs its -shm file; where the folder forbids
        // creating it, the file is read as it stands (nobody can be writing to it there).
        match open(uri("")) {
            Err(RecordsError::Sql(e)) if cannot_open_read_only(&e) => open(uri("&immutable=1")),
            r => r,
        }
    }

    /// Refuses a file that is not a sound FibreLab database.
    fn check(&self) -> Result<()> {
        let damaged = |detail: String| RecordsError::Damaged {
            path: self.path.clone(),
            detail,
        };
        // Only a file SQLite finds corrupt, or not a database, is damaged; any other
        // error (a read-only folder, a lock) is what it says.
        let sqlite = |e: sql::Error| match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase) => {
                damaged(e.to_string())
            }
            _ => RecordsError::Sql(e),
        };
        let version: i64 = self.conn.user_version().map_err(sqlite)?;
        if version > SCHEMA_VERSION {
            return Err(RecordsError::Newer {
                path: self.path.clone(),
                found: version,
            });
        }
        if self.conn.is_postgres() {
            // The server keeps its own files sound.
            return Ok(());
        }
        let mut stmt = self.conn.prepare("PRAGMA quick_check").map_err(sqlite)?;
        let problems: Vec<String> = stmt
            .query_map([], |r| r.get::<_, String>(0))
            .map_err(sqlite)?
            .collect::<std::result::Result<_, _>>()
            .map_err(sqlite)?;
        if problems.len() != 1 || problems[0] != "ok" {
            return Err(damaged(
                problems.into_iter().take(3).collect::<Vec<_>>().join("; "),
            ));
        }
        Ok(())
    }

    /// What opens this store again: its file, or its server's URL as it was given.
    pub fn reopen_path(&self) -> PathBuf {
        match &self.dsn {
            Some(url) => PathBuf::from(url),
            None => self.path.clone(),
        }
    }

    /// The time now, by the test's clock when one is set.
    pub fn now(&self) -> i64 {
        match &self.clock {
            Some(c) => c(),
            None => now_ms(),
        }
    }

    /// Replaces the system clock (tests of time limits).
    pub fn set_clock(&mut self, clock: Clock) {
        self.clock = Some(clock);
    }

    pub fn start_attempt(&self, loaded: &LoadedScenario, seed: u64, trainee: &str) -> Result<i64> {
        self.insert_attempt(loaded, seed, trainee, Origin::Script, None, None)
    }

    /// Stores a new attempt: `link` is the trainee's record and the assignment it is made
    /// for (if any), `limit_ms` the assessment's time for it.
    fn insert_attempt(
        &self,
        loaded: &LoadedScenario,
        seed: u64,
        trainee: &str,
        origin: Origin,
        link: Option<(i64, Option<i64>)>,
        limit_ms: Option<u64>,
    ) -> Result<i64> {
        let now = self.now();
        let uuid = settings::new_uuid();
        let assignment = link.and_then(|l| l.1);
        let stored_seed = self.seed_to_store(&uuid, assignment.is_some(), seed);
        self.write(|| {
        self.conn.execute(
            "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee,
                                   started_at, status, program_version, uuid, origin,
                                   trainee_id, assignment_id, time_limit_ms, deadline_at,
                                   scenario_path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                loaded.scenario.id,
                loaded.hash,
                loaded.source,
                stored_seed,
                trainee,
                now,
                PROGRAM_VERSION,
                uuid,
                origin.code(),
                link.map(|l| l.0),
                assignment,
                limit_ms.map(|l| l as i64),
                limit_ms.map(|l| now + l as i64),
                loaded.path.as_ref().map(|p| p.display().to_string()),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        // The files the scenario refers to (a real trace) are kept with the attempt, so
        // that it replays the same whatever happens to the scenarios folder.
        for (name, bytes) in &loaded.scenario.attachments.0 {
            self.conn.execute(
                "INSERT INTO attempt_files (attempt_id, name, sha256, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, content_hash(bytes), bytes.as_slice()],
            )?;
        }
        self.seal_attempt(id, chain::SealKind::Start)?;
        Ok(id)
        })
    }

    /// What format 2 keeps of an attempt (nothing on an older store read as it is).
    pub fn extra(&self, attempt: i64) -> Result<AttemptExtra> {
        if !settings::has_column(&self.conn, "attempts", "scenario_path")? {
            return Ok(AttemptExtra::default());
        }
        Ok(self
            .conn
            .query_row(
                "SELECT uuid, origin, assignment_id, trainee_id, time_limit_ms, deadline_at, ended_by,
                        scenario_path, started_at
                 FROM attempts WHERE id = ?1",
                [attempt],
                |r| {
                    Ok(AttemptExtra {
                        uuid: r.get(0)?,
                        origin: r.get(1)?,
                        assignment_id: r.get(2)?,
                        trainee_id: r.get(3)?,
                        time_limit_ms: r.get::<_, Option<i64>>(4)?.map(|v| v.max(0) as u64),
                        deadline_at: r.get(5)?,
                        ended_by: r.get(6)?,
                        scenario_path: r.get(7)?,
                        started_at: r.get(8)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Puts back the files stored with an attempt; false if one no longer matches its hash.
    fn attach_stored(&self, attempt: i64, loaded: &mut LoadedScenario) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, sha256, bytes FROM attempt_files WHERE attempt_id = ?1")?;
        let rows = stmt.query_map([attempt], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut intact = true;
        for row in rows {
            let (name, sha, bytes) = row?;
            intact &= content_hash(&bytes) == sha;
            loaded
                .scenario
                .attachments
                .0
                .insert(name, std::sync::Arc::new(bytes));
        }
        Ok(intact)
    }

    /// Writes one accepted action, committed before this returns.
    pub fn record_action(&self, attempt: i64, seq: usize, a: &LoggedAction) -> Result<()> {
        let corrupt = |detail: String| RecordsError::Corrupt {
            id: attempt,
            detail,
        };
        let text = encode_action(&a.action).map_err(corrupt)?;
        let at_ms = i64::try_from(a.at_ms)
            .map_err(|_| corrupt(format!("action {seq}: time {} ms out of range", a.at_ms)))?;
        let seq = seq as i64;
        let recorded = self.now();
        self.write(|| {
            let mac = match &self.key {
                Some(key) => {
                    let uuid: String = self.conn.query_row(
                        "SELECT COALESCE(uuid, '') FROM attempts WHERE id = ?1",
                        [attempt],
                        |r| r.get(0),
                    )?;
                    let prev: String = match seq {
                        0 => String::new(),
                        _ => self
                            .conn
                            .query_row(
                                "SELECT mac FROM actions WHERE attempt_id = ?1 AND seq = ?2",
                                params![attempt, seq - 1],
                                |r| r.get::<_, Option<String>>(0),
                            )
                            .optional()?
                            .flatten()
                            .unwrap_or_default(),
                    };
                    let mac = Self::action_mac(key, &uuid, seq, at_ms, recorded, &text, &prev);
                    self.note_open(&uuid, Some((seq, mac.clone())));
                    Some(mac)
                }
                None if self.sealed()? => return Err(RecordsError::KeyNeeded),
                None => None,
            };
            self.conn.execute(
                "INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![attempt, seq, at_ms, recorded, text, mac],
            )?;
            Ok(())
        })
    }

    pub fn finish_attempt(&self, attempt: i64, report: &GradeReport) -> Result<()> {
        self.finish_attempt_by(attempt, report, None)
    }

    /// Stores the grade; `ended_by` says what ended it when the trainee did not
    /// ("time-limit").
    fn finish_attempt_by(
        &self,
        attempt: i64,
        report: &GradeReport,
        ended_by: Option<&str>,
    ) -> Result<()> {
        // An assessment attempt's seed is kept under the key in its grade too.
        let (uuid, assigned): (String, bool) = self.conn.query_row(
            "SELECT COALESCE(uuid, ''), assignment_id IS NOT NULL FROM attempts WHERE id = ?1",
            [attempt],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut kept = report.clone();
        kept.seed = self.seed_to_store(&uuid, assigned, report.seed) as u64;
        let json = serde_json::to_string(&kept).map_err(|e| RecordsError::Corrupt {
            id: attempt,
            detail: e.to_string(),
        })?;
        self.write(|| {
            let n = self.conn.execute(
                "UPDATE attempts SET status = 'finished', finished_at = ?2, score = ?3, passed = ?4,
                                     grade_json = ?5, ended_by = ?6
                 WHERE id = ?1 AND status = 'open'",
                params![
                    attempt,
                    self.now(),
                    report.score,
                    report.passed,
                    json,
                    ended_by
                ],
            )?;
            if n == 0 {
                return Err(RecordsError::NotOpen(attempt));
            }
            self.store_code(attempt)?;
            self.seal_attempt(attempt, chain::SealKind::End)
        })
    }

    /// Closes an unfinished attempt without grading it (the trainee gave it up).
    pub fn close_attempt(&self, attempt: i64) -> Result<()> {
        self.write(|| {
            let n = self.conn.execute(
                "UPDATE attempts SET status = 'closed', finished_at = ?2 WHERE id = ?1 AND status = 'open'",
                params![attempt, self.now()],
            )?;
            if n == 0 {
                return Err(RecordsError::NotOpen(attempt));
            }
            self.seal_attempt(attempt, chain::SealKind::End)
        })
    }

    fn summaries(&self, filter: &str, args: &[&dyn sql::ToSql]) -> Result<Vec<AttemptSummary>> {
        // A store of release 0.1.0 read as it is has neither column.
        let school = if settings::has_column(&self.conn, "attempts", "assignment_id")? {
            "COALESCE(a.uuid, ''), a.assignment_id IS NOT NULL"
        } else {
            "'', 0"
        };
        let sql = format!(
            "SELECT a.id, a.scenario_id, a.scenario_hash, a.seed, a.trainee, a.started_at, a.status,
                    a.score, a.passed, a.program_version,
                    (SELECT COUNT(*) FROM actions x WHERE x.attempt_id = a.id), {school}
             FROM attempts a {filter} ORDER BY a.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let status: String = r.get(6)?;
            Ok(AttemptSummary {
                id: r.get(0)?,
                scenario_id: r.get(1)?,
                scenario_hash: r.get(2)?,
                seed: self.stored_seed(&r.get::<_, String>(11)?, r.get(12)?, r.get(3)?),
                trainee: r.get(4)?,
                started_at_ms: r.get(5)?,
                status: Status::parse(&status).unwrap_or(Status::Closed),
                score: r.get(7)?,
                passed: r.get::<_, Option<i64>>(8)?.map(|v| v != 0),
                program_version: r.get(9)?,
                actions: r.get(10)?,
                assessment: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    pub fn attempts(&self) -> Result<Vec<AttemptSummary>> {
        self.summaries("", &[])
    }

    /// Unfinished attempts, of one trainee (see [`same_trainee`]) or of everyone.
    pub fn open_attempts(&self, trainee: Option<&str>) -> Result<Vec<AttemptSummary>> {
        let open = self.summaries("WHERE a.status = 'open'", &[])?;
        Ok(match trainee {
            Some(t) => open
                .into_iter()
                .filter(|a| same_trainee(&a.trainee, t))
                .collect(),
            None => open,
        })
    }

    /// Every attempt of one trainee (see [`same_trainee`]), oldest first.
    pub fn attempts_of(&self, trainee: &str) -> Result<Vec<AttemptSummary>> {
        Ok(self
            .attempts()?
            .into_iter()
            .filter(|a| same_trainee(&a.trainee, trainee))
            .collect())
    }

    /// The trainee's own number for an attempt: 1 for her first try at that exercise,
    /// 2 for the second… (the record's id counts every trainee's attempts).
    pub fn attempt_number(&self, attempt: i64) -> Result<u32> {
        let all = self.attempts()?;
        let Some(this) = all.iter().find(|a| a.id == attempt) else {
            return Err(RecordsError::NotFound(attempt));
        };
        Ok(all
            .iter()
            .filter(|a| {
                a.id <= attempt
                    && a.scenario_id == this.scenario_id
                    && same_trainee(&a.trainee, &this.trainee)
            })
            .count() as u32)
    }

    /// An attempt's actions as the store holds them, in order: (number, time in the
    /// attempt, when recorded, text). The seals, the codes and the bundles read them so.
    fn stored_actions(&self, attempt: i64) -> Result<Vec<(i64, i64, i64, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at_ms, recorded_at, action FROM actions WHERE attempt_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([attempt], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The stored actions of an attempt, in order.
    pub fn actions(&self, attempt: i64) -> Result<Vec<LoggedAction>> {
        let mut out = Vec::new();
        for (i, (seq, at_ms, _, text)) in self.stored_actions(attempt)?.into_iter().enumerate() {
            if seq != i as i64 {
                return Err(RecordsError::Corrupt {
                    id: attempt,
                    detail: format!("action {i} missing (found number {seq})"),
                });
            }
            let action = decode_action(&text).map_err(|e| RecordsError::Corrupt {
                id: attempt,
                detail: format!("action {seq}: {e}"),
            })?;
            let at_ms = u64::try_from(at_ms).map_err(|_| RecordsError::Corrupt {
                id: attempt,
                detail: format!("action {seq}: negative time {at_ms} ms"),
            })?;
            out.push(LoggedAction { at_ms, action });
        }
        Ok(out)
    }

    fn stored(&self, attempt: i64) -> Result<(AttemptSummary, String, Option<String>)> {
        let summary = self
            .summaries("WHERE a.id = ?1", &[&attempt])?
            .into_iter()
            .next()
            .ok_or(RecordsError::NotFound(attempt))?;
        let (source, grade_json): (String, Option<String>) = self
            .conn
            .query_row(
                "SELECT scenario_source, grade_json FROM attempts WHERE id = ?1",
                [attempt],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(RecordsError::NotFound(attempt))?;
        Ok((summary, source, grade_json))
    }

    /// The scenario as it was played in this attempt.
    pub fn scenario_of(&self, attempt: i64) -> Result<(AttemptSummary, LoadedScenario)> {
        let (summary, source, _) = self.stored(attempt)?;
        let mut loaded =
            load_str(&source, &summary.scenario_id).map_err(|d| RecordsError::Corrupt {
                id: attempt,
                detail: d.first().map(|d| d.msg.to_string()).unwrap_or_default(),
            })?;
        self.attach_stored(attempt, &mut loaded)?;
        Ok((summary, loaded))
    }

    /// Rebuilds an unfinished attempt from its log, ready to continue.
    pub fn resume(&self, attempt: i64) -> Result<Session> {
        let (summary, loaded) = self.scenario_of(attempt)?;
        if summary.status != Status::Open {
            return Err(RecordsError::NotOpen(attempt));
        }
        let extra = self.extra(attempt)?;
        // The log must be the one FibreLab recorded: no action changed, added or taken
        // off while the attempt was paused.
        if let (Some(key), Some(uuid)) = (&self.key, &extra.uuid)
            && self.sealed()?
        {
            let anchor = self.anchors(key)?.mine;
            if let Some(msg) = self.check_log(key, attempt, uuid, anchor.as_ref())? {
                return Err(RecordsError::Tampered { id: attempt, msg });
            }
        }
        let log = self.actions(attempt)?;
        let exercise =
            Exercise::replay_limited(&loaded.scenario, summary.seed, extra.time_limit_ms, &log)
                .map_err(|(i, r)| RecordsError::Corrupt {
                    id: attempt,
                    detail: format!("action {i} refused on replay: {}", r.reason),
                })?;
        if exercise.is_finished() {
            // The process stopped between recording "finish" and storing the grade: the
            // grade is stored now, as the trainee left it.
            self.finish_attempt(attempt, &grade(&exercise))?;
            return Err(RecordsError::Ended(attempt));
        }
        let mut session = Session {
            attempt,
            exercise,
            loaded,
            trainee: summary.trainee,
            deadline_at: extra.deadline_at,
            remote: None,
            pending: Vec::new(),
            handed_in: false,
            finish_tried: false,
            retry_at: None,
        };
        // The time ran out while the program was stopped: graded as it stood.
        if session.time_is_up(self, session.exercise.elapsed_ms()) {
            session.finish_on_time(self)?;
            return Err(RecordsError::TimeUp(attempt));
        }
        Ok(session)
    }

    /// A finished attempt as it was: its session rebuilt from its log (for the debrief's
    /// side-by-side tables) and the grade recorded when it ended (what the trainee was
    /// given, under the rules of the day; `verify` checks the two agree).
    pub fn review(&self, attempt: i64) -> Result<(Session, GradeReport)> {
        let (summary, source, grade_json) = self.stored(attempt)?;
        let Some(json) = grade_json.filter(|_| summary.status == Status::Finished) else {
            return Err(RecordsError::NotFinished(attempt));
        };
        let corrupt = |detail: String| RecordsError::Corrupt {
            id: attempt,
            detail,
        };
        let mut report: GradeReport =
            serde_json::from_str(&json).map_err(|e| corrupt(format!("grade: {e}")))?;
        // The seed itself, whatever the grade keeps it under.
        report.seed = summary.seed;
        let mut loaded = load_str(&source, &summary.scenario_id)
            .map_err(|d| corrupt(d.first().map(|d| d.msg.to_string()).unwrap_or_default()))?;
        self.attach_stored(attempt, &mut loaded)?;
        let log = self.actions(attempt)?;
        let extra = self.extra(attempt)?;
        let exercise =
            Exercise::replay_limited(&loaded.scenario, summary.seed, extra.time_limit_ms, &log)
                .map_err(|(i, r)| corrupt(format!("action {i} refused on replay: {}", r.reason)))?;
        Ok((
            Session {
                attempt,
                exercise,
                loaded,
                trainee: summary.trainee,
                deadline_at: extra.deadline_at,
                remote: None,
                pending: Vec::new(),
                handed_in: false,
                finish_tried: false,
                retry_at: None,
            },
            report,
        ))
    }

    /// A trainee's progress at each exercise she has tried (by scenario id): her
    /// attempts, her best and her last grade.
    pub fn progress_of(&self, trainee: &str) -> Result<BTreeMap<String, ExerciseProgress>> {
        let mut out: BTreeMap<String, ExerciseProgress> = BTreeMap::new();
        let mut mine = self.attempts_of(trainee)?;
        mine.sort_by_key(|a| a.id);
        // Free practice only: an assessment attempt's grade is shown by its policy alone.
        for a in mine.into_iter().filter(|a| !a.assessment) {
            let p = out.entry(a.scenario_id.clone()).or_default();
            p.attempts += 1;
            if let (Status::Finished, Some(score), Some(passed)) = (a.status, a.score, a.passed) {
                let g = Graded { score, passed };
                p.last = Some(g);
                if p.best
                    .is_none_or(|b| (g.passed, g.score) > (b.passed, b.score))
                {
                    p.best = Some(g);
                }
            }
        }
        Ok(out)
    }

    /// Starts an attempt played from a script (the command line, tests) and returns the
    /// live session that records it.
    pub fn start(&self, loaded: &LoadedScenario, seed: u64, trainee: &str) -> Result<Session> {
        self.start_as(loaded, seed, trainee, Origin::Script)
    }

    /// Starts a free attempt made from `origin` (the app says `App`).
    pub fn start_as(
        &self,
        loaded: &LoadedScenario,
        seed: u64,
        trainee: &str,
        origin: Origin,
    ) -> Result<Session> {
        let attempt = self.insert_attempt(loaded, seed, trainee, origin, None, None)?;
        Ok(Session::fresh(attempt, loaded, seed, trainee))
    }

    /// Starts a free attempt of a trainee on the school's list: it is theirs by their
    /// record, not by a name typed (an attempt under the same name is no one's).
    pub fn start_for(
        &self,
        loaded: &LoadedScenario,
        seed: u64,
        t: &people::Trainee,
        origin: Origin,
    ) -> Result<Session> {
        let trainee = t.name.clone().unwrap_or_else(|| t.uuid.clone());
        let attempt =
            self.insert_attempt(loaded, seed, &trainee, origin, Some((t.id, None)), None)?;
        Ok(Session::fresh(attempt, loaded, seed, &trainee))
    }
}
