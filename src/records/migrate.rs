//! The store's additive migration to the school's format (format 2 and after): the
//! school's tables, the attempts' added columns, the xAPI outbox. Running it again changes
//! nothing.

use super::Result;
use super::settings::{get_setting, has_column, new_uuid, set_setting};
use super::sql::{Conn, params};

/// Tables added by format 2 (`CREATE ... IF NOT EXISTS`: running it again changes nothing).
const SCHOOL_SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS trainees (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    display_name TEXT,
    external_ref TEXT,
    pin_hash     TEXT,
    created_at   INTEGER NOT NULL,
    archived_at  INTEGER,
    erased_at    INTEGER
);
CREATE TABLE IF NOT EXISTS trainers (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    display_name TEXT NOT NULL,
    pin_hash     TEXT,
    created_at   INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS cohorts (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    name         TEXT NOT NULL UNIQUE,
    site         TEXT,
    starts_on    TEXT,
    ends_on      TEXT,
    retain_until TEXT,
    created_at   INTEGER NOT NULL,
    archived_at  INTEGER
);
CREATE TABLE IF NOT EXISTS cohort_members (
    cohort_id  INTEGER NOT NULL REFERENCES cohorts(id),
    trainee_id INTEGER NOT NULL REFERENCES trainees(id),
    joined_at  INTEGER NOT NULL,
    left_at    INTEGER,
    PRIMARY KEY (cohort_id, trainee_id)
);
CREATE TABLE IF NOT EXISTS assessments (
    id           INTEGER PRIMARY KEY,
    uuid         TEXT NOT NULL UNIQUE,
    key          TEXT NOT NULL UNIQUE,
    cohort_id    INTEGER NOT NULL REFERENCES cohorts(id),
    title        TEXT NOT NULL,
    kind         TEXT NOT NULL CHECK (kind IN ('practice', 'formative', 'ecf', 'final')),
    opens_at     INTEGER,
    closes_at    INTEGER,
    time_limit_s INTEGER,
    attempts_allowed INTEGER NOT NULL,
    seed_policy  TEXT NOT NULL CHECK (seed_policy IN ('fixed', 'per_trainee', 'per_attempt')),
    base_seed    INTEGER NOT NULL,
    feedback     TEXT NOT NULL CHECK (feedback IN ('immediate', 'after_close', 'none')),
    source       TEXT,
    created_by   TEXT,
    created_at   INTEGER NOT NULL,
    locked_at    INTEGER,
    closed_at    INTEGER
);
CREATE TABLE IF NOT EXISTS assessment_items (
    assessment_id   INTEGER NOT NULL REFERENCES assessments(id),
    position        INTEGER NOT NULL,
    scenario_id     TEXT NOT NULL,
    scenario_hash   TEXT,
    scenario_source TEXT,
    PRIMARY KEY (assessment_id, position)
);
CREATE TABLE IF NOT EXISTS assignments (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    assessment_id INTEGER NOT NULL REFERENCES assessments(id),
    position      INTEGER NOT NULL,
    trainee_id    INTEGER NOT NULL REFERENCES trainees(id),
    extra_time_s  INTEGER NOT NULL DEFAULT 0,
    UNIQUE (assessment_id, position, trainee_id)
);
CREATE TABLE IF NOT EXISTS reviews (
    id         INTEGER PRIMARY KEY,
    attempt_id INTEGER NOT NULL REFERENCES attempts(id),
    trainer    TEXT NOT NULL,
    decision   TEXT NOT NULL CHECK (decision IN ('validated', 'not_validated', 'redo')),
    comment    TEXT,
    at         INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS seals (
    seq          INTEGER PRIMARY KEY,
    subject      TEXT NOT NULL,
    kind         TEXT NOT NULL,
    digest       TEXT NOT NULL,
    mac          TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS xapi_outbox (
    statement_id TEXT PRIMARY KEY,
    attempt_uuid TEXT NOT NULL,
    created_at   INTEGER NOT NULL,
    sent_at      INTEGER,
    tries        INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE TABLE IF NOT EXISTS audit_log (
    id     INTEGER PRIMARY KEY,
    at     INTEGER NOT NULL,
    who    TEXT NOT NULL,
    action TEXT NOT NULL,
    target TEXT,
    detail TEXT
);
";

/// Columns format 2 adds to `attempts` (old rows: a fresh pseudonym, origin unknown).
const ATTEMPT_COLUMNS: &[(&str, &str)] = &[
    ("uuid", "TEXT"),
    ("trainee_id", "INTEGER REFERENCES trainees(id)"),
    ("assignment_id", "INTEGER REFERENCES assignments(id)"),
    ("deadline_at", "INTEGER"),
    ("time_limit_ms", "INTEGER"),
    ("origin", "TEXT"),
    ("ended_by", "TEXT"),
    ("scenario_path", "TEXT"),
    ("received_from", "TEXT"),
    // Format 3: the verification code, kept so that a printed code finds its attempt.
    ("code", "TEXT"),
];

/// Brings a database of format 0 or 1 to format 2, in one transaction.
pub(super) fn migrate(conn: &Conn) -> Result<()> {
    let tx = conn.unchecked_transaction()?;
    tx.execute_batch(SCHOOL_SCHEMA)?;
    super::xapi::migrate_outbox(&tx)?;
    for (name, kind) in ATTEMPT_COLUMNS {
        if !has_column(&tx, "attempts", name)? {
            tx.execute_batch(&format!("ALTER TABLE attempts ADD COLUMN {name} {kind}"))?;
        }
    }
    let old: Vec<i64> = {
        let mut stmt = tx.prepare("SELECT id FROM attempts WHERE uuid IS NULL")?;
        let rows = stmt.query_map([], |r| r.get(0))?;
        rows.collect::<std::result::Result<_, _>>()?
    };
    for id in old {
        tx.execute(
            "UPDATE attempts SET uuid = ?2 WHERE id = ?1",
            params![id, new_uuid()],
        )?;
    }
    tx.execute_batch(
        "CREATE UNIQUE INDEX IF NOT EXISTS attempts_uuid ON attempts(uuid);
         CREATE INDEX IF NOT EXISTS attempts_assignment ON attempts(assignment_id);
         CREATE INDEX IF NOT EXISTS attempts_code ON attempts(code);",
    )?;
    // Format 3: each action's seal; seals of every kind of record (format 2 listed four
    // kinds in a CHECK, which SQLite cannot change in place: the table is copied).
    if !has_column(&tx, "actions", "mac")? {
        tx.execute_batch("ALTER TABLE actions ADD COLUMN mac TEXT")?;
    }
    let seals_sql: String = tx.query_row(
        "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'seals'",
        [],
        |r| r.get(0),
    )?;
    if seals_sql.contains("CHECK") {
        tx.execute_batch(
            "CREATE TABLE seals_3 (seq INTEGER PRIMARY KEY, subject TEXT NOT NULL,
                                   kind TEXT NOT NULL, digest TEXT NOT NULL, mac TEXT NOT NULL);
             INSERT INTO seals_3 (seq, subject, kind, digest, mac)
                 SELECT seq, subject, kind, digest, mac FROM seals;
             DROP TABLE seals;
             ALTER TABLE seals_3 RENAME TO seals;",
        )?;
    }
    tx.execute_batch("CREATE INDEX IF NOT EXISTS seals_subject ON seals(subject, kind);")?;
    if get_setting(&tx, "install.uuid")?.is_none() {
        set_setting(&tx, "install.uuid", &new_uuid())?;
    }
    tx.commit()?;
    Ok(())
}
