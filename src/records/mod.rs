//! Attempts and gradebook in an embedded SQLite database.
//!
//! Each accepted action is written in its own transaction the moment it is taken, in WAL
//! mode with full sync, so a crash loses at most the action in flight. The scenario's text
//! is stored with the attempt, so an attempt can be resumed or verified even after the
//! file was edited or removed; its hash shows which version was played.

pub mod anchor;
pub mod assess;
mod attempt;
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

use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

use rusqlite::Connection;
use serde::Serialize;
use sql::Conn;
use thiserror::Error;

use crate::exercise::Action;
use crate::i18n::Msg;

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
}
