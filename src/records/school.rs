//! The school around the attempts: trainees with a pseudonym, trainers, cohorts, the
//! settings, and the audit log of what trainers did. An additive migration of the store
//! (format 2): the attempts of format 0 and 1 keep working and verifying.

use super::sql::{Conn, OptionalExtension, params};
use serde::Serialize;

use super::chain;
use super::roster::{self, Roster, RosterProblem};
use super::{Db, RecordsError, Result};
use crate::i18n::Msg;

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

pub(super) fn has_column(conn: &Conn, table: &str, column: &str) -> Result<bool> {
    if conn.is_postgres() {
        let n: i64 = conn.query_row(
            "SELECT COUNT(*) FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = ?1 AND column_name = ?2",
            params![table, column],
            |r| r.get(0),
        )?;
        return Ok(n > 0);
    }
    let mut stmt = conn.prepare(&format!("PRAGMA table_info({table})"))?;
    let names = stmt.query_map([], |r| r.get::<_, String>(1))?;
    for n in names {
        if n? == column {
            return Ok(true);
        }
    }
    Ok(false)
}

pub fn new_uuid() -> String {
    uuid::Uuid::new_v4().to_string()
}

pub(super) fn get_setting(conn: &Conn, key: &str) -> Result<Option<String>> {
    Ok(conn
        .query_row("SELECT value FROM settings WHERE key = ?1", [key], |r| {
            r.get(0)
        })
        .optional()?)
}

pub(super) fn set_setting(conn: &Conn, key: &str, value: &str) -> Result<()> {
    conn.execute(
        "INSERT INTO settings (key, value) VALUES (?1, ?2)
         ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        params![key, value],
    )?;
    Ok(())
}

/// A line of the audit log: when, who (a trainer's pseudonym), what, to what.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AuditEntry {
    pub at_ms: i64,
    pub who: String,
    pub action: String,
    pub target: String,
    pub detail: String,
}

/// A trainee as the school knows them. `name` is `None` once erased.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trainee {
    pub id: i64,
    pub uuid: String,
    pub name: Option<String>,
    pub external_ref: Option<String>,
    pub has_pin: bool,
    pub cohorts: Vec<String>,
    pub archived: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cohort {
    pub id: i64,
    pub uuid: String,
    pub name: String,
    pub site: Option<String>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub members: i64,
    pub archived: bool,
}

/// What an import did: trainees created, already known, and the lines not taken.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub created: usize,
    pub already: usize,
    pub duplicates_in_file: usize,
    pub problems: Vec<RosterProblem>,
}

/// Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm).
pub fn days_from_civil(y: i64, m: u32, d: u32) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let m = m as i64;
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + d as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The civil date of a day count since 1970-01-01.
pub fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

fn days_in_month(y: i64, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        _ if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        _ => 28,
    }
}

/// `YYYY-MM-DD` → (y, m, d), checked.
pub fn parse_date(s: &str) -> Option<(i64, u32, u32)> {
    let s = s.trim();
    let mut it = s.splitn(3, '-');
    let (y, m, d) = (it.next()?, it.next()?, it.next()?);
    if y.len() != 4 || m.len() != 2 || d.len() != 2 {
        return None;
    }
    let (y, m, d): (i64, u32, u32) = (y.parse().ok()?, m.parse().ok()?, d.parse().ok()?);
    ((1970..=9999).contains(&y) && (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m))
        .then_some((y, m, d))
}

/// A moment written `2026-12-01T08:30+01:00` (or `Z`, or a space for `T`): ms since 1970.
/// The offset is required: a school's clock is local, and a deadline an hour off is a
/// wrong deadline.
pub fn parse_moment(s: &str) -> std::result::Result<i64, Msg> {
    let bad = || Msg::new("time-bad-moment").text("found", s.trim());
    let t = s.trim().replacen(' ', "T", 1);
    let (date, rest) = t.split_once('T').ok_or_else(bad)?;
    let (y, m, d) = parse_date(date).ok_or_else(bad)?;
    let (clock, offset_min) = if let Some(c) = rest.strip_suffix('Z') {
        (c, 0i64)
    } else {
        let i = rest
            .rfind(['+', '-'])
            .ok_or_else(|| Msg::new("time-no-offset").text("found", s.trim()))?;
        let (c, off) = rest.split_at(i);
        let sign = if off.starts_with('-') { -1 } else { 1 };
        let (oh, om) = off[1..].split_once(':').ok_or_else(bad)?;
        let (oh, om): (i64, i64) = (
            oh.parse().map_err(|_| bad())?,
            om.parse().map_err(|_| bad())?,
        );
        if oh > 14 || om > 59 {
            return Err(bad());
        }
        (c, sign * (oh * 60 + om))
    };
    let mut parts = clock.split(':');
    let h: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let mi: i64 = parts.next().and_then(|p| p.parse().ok()).ok_or_else(bad)?;
    let sec: i64 = match parts.next() {
        Some(p) => p.parse().map_err(|_| bad())?,
        None => 0,
    };
    if parts.next().is_some() || h > 23 || mi > 59 || sec > 59 {
        return Err(bad());
    }
    let days = days_from_civil(y, m, d);
    Ok(((days * 24 + h) * 60 + mi - offset_min) * 60_000 + sec * 1000)
}

/// ms since 1970 as `2026-12-01T07:30:00Z`.
pub fn format_moment(ms: i64) -> String {
    let secs = ms.div_euclid(1000);
    let (days, s) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        s / 3600,
        (s / 60) % 60,
        s % 60
    )
}

/// The setting that holds the school's time zone (an IANA name).
pub const TIME_ZONE_SETTING: &str = "school.time_zone";

impl Db {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        get_setting(&self.conn, key)
    }

    /// Shows moments in the school's time zone when it has one set (else the system's).
    pub(super) fn use_school_zone(&self) {
        let zone = self
            .setting(TIME_ZONE_SETTING)
            .ok()
            .flatten()
            .and_then(|n| crate::i18n::time::zone_named(&n).ok());
        crate::i18n::time::use_zone(zone);
    }

    /// Sets a setting of the school's, sealed.
    pub fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|| {
            set_setting(&self.conn, key, value)?;
            self.seal_record(&chain::SETTING, key, [key])
        })
    }

    /// This installation's identifier (made at the migration).
    pub fn install_uuid(&self) -> Result<String> {
        self.setting("install.uuid")?.ok_or(RecordsError::Corrupt {
            id: 0,
            detail: "no install.uuid".into(),
        })
    }

    /// Writes a line of the audit log: what the acting trainer did to what.
    pub fn audit(&self, action: &str, target: &str, detail: &str) -> Result<()> {
        self.audit_as(&self.actor.clone(), action, target, detail)
    }

    /// Writes a line of the audit log in the name of `who`.
    pub(super) fn audit_as(
        &self,
        who: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<()> {
        self.write(|| {
            self.conn.execute(
                "INSERT INTO audit_log (at, who, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![self.now(), who, action, target, detail],
            )?;
            let id = self.conn.last_insert_rowid();
            self.seal_record(&chain::AUDIT, &format!("audit/{id}"), [id])
        })
    }

    /// Who the audit log names for what follows (a trainer's pseudonym).
    /// Who the audit log names for what this connection does.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn set_actor(&mut self, who: &str) {
        self.actor = who.to_string();
    }

    /// Adds a trainer; the PIN opens the trainer's commands and screens.
    pub fn add_trainer(&self, name: &str, pin: &str) -> std::result::Result<String, SchoolError> {
        let name = roster::tidy(name);
        if name.is_empty() || name.chars().count() > roster::MAX_NAME_CHARS {
            return Err(SchoolError::Invalid(
                Msg::new("roster-bad-name").int("max", roster::MAX_NAME_CHARS as i64),
            ));
        }
        // A trainer's PIN opens everything: 6 digits at least, so that finding it by
        // trying takes hours even from a copy of the store (`pins`).
        if !valid_pin(pin) || pin.trim().len() < super::pins::MIN_TRAINER_PIN_DIGITS {
            return Err(SchoolError::Invalid(
                Msg::new("pin-bad-trainer").int("min", super::pins::MIN_TRAINER_PIN_DIGITS as i64),
            ));
        }
        let uuid = new_uuid();
        let hash = super::seal::hash_pin(pin);
        self.write(|| {
            self.conn.execute(
                "INSERT INTO trainers (uuid, display_name, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![uuid, name, hash, self.now()],
            )?;
            self.note_pin(&format!("trainer:{uuid}"), Some(&hash));
            self.seal_record(&chain::TRAINER, &uuid, [&uuid])?;
            self.audit("trainer_add", &uuid, "")
        })?;
        Ok(uuid)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, who, action, COALESCE(target, ''), COALESCE(detail, '')
             FROM audit_log ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                at_ms: r.get(0)?,
                who: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn create_cohort(
        &self,
        name: &str,
        site: Option<&str>,
        starts_on: Option<&str>,
        ends_on: Option<&str>,
    ) -> std::result::Result<Cohort, SchoolError> {
        let name = roster::tidy(name);
        if name.is_empty() || name.chars().count() > roster::MAX_NAME_CHARS {
            return Err(SchoolError::Invalid(
                Msg::new("cohort-bad-name").int("max", roster::MAX_NAME_CHARS as i64),
            ));
        }
        for d in [starts_on, ends_on].into_iter().flatten() {
            if parse_date(d).is_none() {
                return Err(SchoolError::Invalid(
                    Msg::new("time-bad-date").text("found", d),
                ));
            }
        }
        if let (Some(a), Some(b)) = (starts_on, ends_on)
            && a.trim() > b.trim()
        {
            return Err(SchoolError::Invalid(Msg::new("cohort-ends-before")));
        }
        if self.cohort(&name)?.is_some() {
            return Err(SchoolError::Invalid(
                Msg::new("cohort-exists").text("name", name),
            ));
        }
        let uuid = new_uuid();
        self.write(|| {
            self.conn.execute(
                "INSERT INTO cohorts (uuid, name, site, starts_on, ends_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    uuid,
                    name,
                    site.map(roster::tidy),
                    starts_on.map(str::trim),
                    ends_on.map(str::trim),
                    self.now()
                ],
            )?;
            self.seal_record(&chain::COHORT, &uuid, [&uuid])?;
            self.audit("cohort_create", &name, "")
        })?;
        self.cohort(&name)?
            .ok_or(SchoolError::Records(RecordsError::NotFound(0)))
    }

    /// A cohort by name (case and spaces do not count), uuid or number.
    pub fn cohort(&self, key: &str) -> Result<Option<Cohort>> {
        let key = roster::tidy(key);
        Ok(self.cohorts()?.into_iter().find(|c| {
            c.uuid == key || c.id.to_string() == key || c.name.to_lowercase() == key.to_lowercase()
        }))
    }

    pub fn cohorts(&self) -> Result<Vec<Cohort>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.uuid, c.name, c.site, c.starts_on, c.ends_on, c.archived_at,
                    (SELECT COUNT(*) FROM cohort_members m WHERE m.cohort_id = c.id AND m.left_at IS NULL)
             FROM cohorts c ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Cohort {
                id: r.get(0)?,
                uuid: r.get(1)?,
                name: r.get(2)?,
                site: r.get(3)?,
                starts_on: r.get(4)?,
                ends_on: r.get(5)?,
                archived: r.get::<_, Option<i64>>(6)?.is_some(),
                members: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Sets the date a cohort's names are kept until (the DPO's decision).
    pub fn set_retain_until(
        &self,
        cohort: &Cohort,
        date: &str,
    ) -> std::result::Result<(), SchoolError> {
        if parse_date(date).is_none() {
            return Err(SchoolError::Invalid(
                Msg::new("time-bad-date").text("found", date),
            ));
        }
        self.write(|| {
            self.conn.execute(
                "UPDATE cohorts SET retain_until = ?2 WHERE id = ?1",
                params![cohort.id, date.trim()],
            )?;
            self.seal_record(&chain::COHORT, &cohort.uuid, [&cohort.uuid])?;
            self.audit("cohort_retention", &cohort.name, date.trim())
        })?;
        Ok(())
    }

    pub fn archive_cohort(&self, cohort: &Cohort) -> Result<()> {
        self.write(|| {
            self.conn.execute(
                "UPDATE cohorts SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL",
                params![cohort.id, self.now()],
            )?;
            self.seal_record(&chain::COHORT, &cohort.uuid, [&cohort.uuid])?;
            self.audit("cohort_archive", &cohort.name, "")
        })
    }

    /// Adds a trainee (and puts them in `cohort`). The name is the school's; the uuid is
    /// the trainee's identity everywhere else.
    pub fn add_trainee(
        &self,
        name: &str,
        external_ref: Option<&str>,
        cohort: Option<&Cohort>,
        pin: Option<&str>,
    ) -> std::result::Result<Trainee, SchoolError> {
        self.add_trainee_as(name, external_ref, cohort, pin, None)
    }

    /// [`Db::add_trainee`] under a pseudonym given (the trainer's list, on a seat).
    pub fn add_trainee_as(
        &self,
        name: &str,
        external_ref: Option<&str>,
        cohort: Option<&Cohort>,
        pin: Option<&str>,
        uuid: Option<&str>,
    ) -> std::result::Result<Trainee, SchoolError> {
        let name = roster::tidy(name);
        if name.is_empty()
            || name.chars().count() > roster::MAX_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(SchoolError::Invalid(
                Msg::new("roster-bad-name").int("max", roster::MAX_NAME_CHARS as i64),
            ));
        }
        if let Some(p) = pin
            && !valid_pin(p)
        {
            return Err(SchoolError::Invalid(Msg::new("pin-bad")));
        }
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        let pin_hash = pin.map(super::seal::hash_pin);
        let id = self.write(|| {
            let id = self.insert_trainee(&uuid, &name, external_ref, pin_hash.as_deref())?;
            if let Some(c) = cohort {
                self.join_cohort(c, &uuid, id)?;
            }
            self.audit("trainee_add", &uuid, "")?;
            Ok(id)
        })?;
        self.trainee_by_id(id)?
            .ok_or(SchoolError::Records(RecordsError::NotFound(id)))
    }

    /// Adds a trainee's record, sealed; its number.
    fn insert_trainee(
        &self,
        uuid: &str,
        name: &str,
        external_ref: Option<&str>,
        pin_hash: Option<&str>,
    ) -> Result<i64> {
        self.write(|| {
            self.conn.execute(
                "INSERT INTO trainees (uuid, display_name, external_ref, pin_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    uuid,
                    name,
                    external_ref.map(roster::tidy).filter(|r| !r.is_empty()),
                    pin_hash,
                    self.now()
                ],
            )?;
            let id = self.conn.last_insert_rowid();
            if pin_hash.is_some() {
                self.note_pin(&format!("trainee:{uuid}"), pin_hash);
            }
            self.seal_record(&chain::TRAINEE, uuid, [uuid])?;
            Ok(id)
        })
    }

    /// Puts a trainee already on the list into another cohort.
    pub fn add_to_cohort(&self, cohort: &Cohort, trainee: &Trainee) -> Result<()> {
        self.write(|| {
            self.join_cohort(cohort, &trainee.uuid, trainee.id)?;
            self.audit("cohort_join", &cohort.name, &trainee.uuid)
        })
    }

    /// Puts a trainee in a cohort (nothing when they are in it already), sealed.
    fn join_cohort(&self, cohort: &Cohort, trainee_uuid: &str, trainee: i64) -> Result<()> {
        self.write(|| {
            let n = self.conn.execute(
                "INSERT OR IGNORE INTO cohort_members (cohort_id, trainee_id, joined_at) VALUES (?1, ?2, ?3)",
                params![cohort.id, trainee, self.now()],
            )?;
            if n > 0 {
                self.seal_record(
                    &chain::MEMBER,
                    &format!("{}/{trainee_uuid}", cohort.uuid),
                    [&cohort.uuid, trainee_uuid],
                )?;
            }
            Ok(())
        })
    }

    pub fn trainee_by_id(&self, id: i64) -> Result<Option<Trainee>> {
        Ok(self
            .trainees_where(None, true, Some(id))?
            .into_iter()
            .next())
    }

    /// A trainee by uuid, number, or name (when one trainee alone has it).
    pub fn trainee(&self, key: &str) -> std::result::Result<Trainee, SchoolError> {
        let key = roster::tidy(key);
        let all = self.trainees(None, true)?;
        if let Some(t) = all
            .iter()
            .find(|t| t.uuid == key || t.id.to_string() == key)
        {
            return Ok(t.clone());
        }
        let named: Vec<&Trainee> = all
            .iter()
            .filter(|t| {
                t.name
                    .as_deref()
                    .is_some_and(|n| super::same_trainee(n, &key))
            })
            .collect();
        match named.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(SchoolError::Invalid(
                Msg::new("trainee-unknown").text("key", key),
            )),
            _ => Err(SchoolError::Invalid(
                Msg::new("trainee-ambiguous")
                    .text("key", key)
                    .int("n", named.len() as i64),
            )),
        }
    }

    /// The trainees, of one cohort or all, archived ones when asked.
    pub fn trainees(&self, cohort: Option<&Cohort>, archived: bool) -> Result<Vec<Trainee>> {
        self.trainees_where(cohort, archived, None)
    }

    fn trainees_where(
        &self,
        cohort: Option<&Cohort>,
        archived: bool,
        id: Option<i64>,
    ) -> Result<Vec<Trainee>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.uuid, t.display_name, t.external_ref, t.pin_hash IS NOT NULL,
                    t.archived_at IS NOT NULL,
                    COALESCE((SELECT group_concat(c.name, ', ') FROM cohort_members m
                              JOIN cohorts c ON c.id = m.cohort_id
                              WHERE m.trainee_id = t.id AND m.left_at IS NULL), '')
             FROM trainees t
             WHERE (CAST(?1 AS BIGINT) IS NULL OR t.id IN (SELECT trainee_id FROM cohort_members
                                           WHERE cohort_id = ?1 AND left_at IS NULL))
               AND (?2 OR t.archived_at IS NULL)
               AND (CAST(?3 AS BIGINT) IS NULL OR t.id = ?3)
             ORDER BY t.display_name COLLATE NOCASE, t.id",
        )?;
        let rows = stmt.query_map(params![cohort.map(|c| c.id), archived, id], |r| {
            let cohorts: String = r.get(6)?;
            Ok(Trainee {
                id: r.get(0)?,
                uuid: r.get(1)?,
                name: r.get(2)?,
                external_ref: r.get(3)?,
                has_pin: r.get(4)?,
                archived: r.get(5)?,
                cohorts: cohorts
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })?;
        let mut list: Vec<Trainee> = rows.collect::<std::result::Result<_, _>>()?;
        // In a French list's order: Éloïse with the E, a name's punctuation not first.
        list.sort_by_cached_key(|t| {
            (
                crate::i18n::sort_key(t.name.as_deref().unwrap_or(&t.uuid)),
                t.id,
            )
        });
        Ok(list)
    }

    /// Imports a class list into a cohort. Run again, it creates nobody twice: a person
    /// already in the cohort (same name, same reference) is counted as already there. The
    /// list is written in short transactions ([`IMPORT_BATCH`] people each), so that the
    /// seats recording attempts meanwhile wait a moment, not the whole import.
    pub fn import_roster(
        &self,
        bytes: &[u8],
        cohort: &Cohort,
        dry_run: bool,
    ) -> std::result::Result<ImportReport, SchoolError> {
        let Roster { entries, problems } = roster::parse(bytes);
        let mut report = ImportReport {
            problems,
            ..ImportReport::default()
        };
        // Everyone the store knows, read once: by pseudonym, and the cohort's by name.
        let everyone = self.trainees(None, true)?;
        let by_uuid: std::collections::BTreeMap<&str, &Trainee> =
            everyone.iter().map(|t| (t.uuid.as_str(), t)).collect();
        let mut known: std::collections::BTreeSet<(String, String)> = self
            .trainees(Some(cohort), true)?
            .iter()
            .filter_map(|t| {
                t.name
                    .as_deref()
                    .map(|n| roster::person_key(n, t.external_ref.as_deref()))
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        enum Step<'a> {
            Join(&'a Trainee),
            Add(&'a roster::RosterEntry),
        }
        let mut steps = Vec::new();
        for e in &entries {
            let key = roster::person_key(&e.name, e.external_ref.as_deref());
            if !seen.insert(key.clone()) {
                report.duplicates_in_file += 1;
                continue;
            }
            // Someone this store knows by their pseudonym already: put in the cohort, if
            // the line says the same person.
            if let Some(u) = &e.uuid
                && let Some(t) = by_uuid.get(u.as_str())
            {
                let here = t
                    .name
                    .as_deref()
                    .map(|n| roster::person_key(n, t.external_ref.as_deref()));
                if here.is_some_and(|h| h != key) {
                    report.problems.push(RosterProblem {
                        line: e.line,
                        msg: Msg::new("roster-other-name")
                            .text("uuid", u.clone())
                            .text("here", t.name.clone().unwrap_or_default())
                            .text("found", e.name.clone()),
                    });
                    continue;
                }
                steps.push(Step::Join(t));
                report.already += 1;
                continue;
            }
            if known.contains(&key) {
                report.already += 1;
                continue;
            }
            known.insert(key);
            steps.push(Step::Add(e));
            report.created += 1;
        }
        if dry_run {
            return Ok(report);
        }
        for batch in steps.chunks(IMPORT_BATCH) {
            self.write(|| {
                for step in batch {
                    match step {
                        Step::Join(t) => self.join_cohort(cohort, &t.uuid, t.id)?,
                        Step::Add(e) => {
                            let uuid = e.uuid.clone().unwrap_or_else(new_uuid);
                            let id = self.insert_trainee(
                                &uuid,
                                &e.name,
                                e.external_ref.as_deref(),
                                None,
                            )?;
                            self.join_cohort(cohort, &uuid, id)?;
                        }
                    }
                }
                Ok(())
            })?;
        }
        self.audit(
            "trainee_import",
            &cohort.name,
            &format!(
                "{} created, {} already there",
                report.created, report.already
            ),
        )?;
        Ok(report)
    }
}

/// People written per transaction by an import (each a few milliseconds).
pub const IMPORT_BATCH: usize = 200;

/// A trainer's decision on an attempt, kept beside the machine's grade (never over it).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Decision {
    Validated,
    NotValidated,
    Redo,
}

impl Decision {
    pub fn code(self) -> &'static str {
        match self {
            Decision::Validated => "validated",
            Decision::NotValidated => "not_validated",
            Decision::Redo => "redo",
        }
    }
    pub fn parse(s: &str) -> Option<Decision> {
        let s = s.trim().replace('-', "_");
        [Decision::Validated, Decision::NotValidated, Decision::Redo]
            .into_iter()
            .find(|d| d.code() == s)
    }
}

/// A review as stored: who (a trainer's pseudonym), what, when.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Review {
    pub attempt: i64,
    pub trainer: String,
    pub decision: Decision,
    pub comment: Option<String>,
    pub at_ms: i64,
}

/// The longest comment a review may carry, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

impl Db {
    /// Records a trainer's decision on a finished attempt. The grade is not touched.
    pub fn add_review(
        &self,
        attempt: i64,
        decision: Decision,
        comment: Option<&str>,
    ) -> std::result::Result<(), SchoolError> {
        let summary = self
            .attempts()?
            .into_iter()
            .find(|a| a.id == attempt)
            .ok_or(SchoolError::Records(RecordsError::NotFound(attempt)))?;
        if summary.status != super::Status::Finished {
            return Err(SchoolError::Records(RecordsError::NotFinished(attempt)));
        }
        if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
            return Err(SchoolError::Invalid(
                Msg::new("review-long").int("max", MAX_COMMENT_CHARS as i64),
            ));
        }
        self.write(|| {
            self.conn.execute(
                "INSERT INTO reviews (attempt_id, trainer, decision, comment, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![attempt, self.actor, decision.code(), comment.map(str::trim), self.now()],
            )?;
            let id = self.conn.last_insert_rowid();
            self.seal_record(&chain::REVIEW, &format!("review/{id}"), [id])?;
            self.audit("review", &attempt.to_string(), decision.code())
        })?;
        Ok(())
    }

    /// The reviews of an attempt, oldest first (the last one is the decision in force).
    pub fn reviews_of(&self, attempt: i64) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare(
            "SELECT attempt_id, trainer, decision, comment, at FROM reviews
             WHERE attempt_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([attempt], |r| {
            let d: String = r.get(2)?;
            Ok(Review {
                attempt: r.get(0)?,
                trainer: r.get(1)?,
                decision: Decision::parse(&d).unwrap_or(Decision::Redo),
                comment: r.get(3)?,
                at_ms: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}

/// A PIN: 4 to 12 digits.
pub fn valid_pin(pin: &str) -> bool {
    let p = pin.trim();
    (4..=12).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit())
}

/// What a school command can meet: a store error, or something the trainer asked that
/// cannot be done (said in their words).
#[derive(Debug)]
pub enum SchoolError {
    Records(RecordsError),
    Invalid(Msg),
}

impl From<RecordsError> for SchoolError {
    fn from(e: RecordsError) -> Self {
        SchoolError::Records(e)
    }
}

impl From<super::sql::Error> for SchoolError {
    fn from(e: super::sql::Error) -> Self {
        SchoolError::Records(RecordsError::Sql(e))
    }
}

impl SchoolError {
    pub fn msg(&self) -> Msg {
        match self {
            SchoolError::Records(e) => e.msg(),
            SchoolError::Invalid(m) => m.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_by_hand() {
        // 2026-12-01 is day 20 788 since 1970-01-01 (56 years, 14 leap days: 56*365+14 = 20 454,
        // plus the 334 days of January to November 2026).
        assert_eq!(days_from_civil(2026, 12, 1), 20_788);
        assert_eq!(civil_from_days(20_788), (2026, 12, 1));
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        // 08:30 in Paris in winter is 07:30 UTC.
        let ms = parse_moment("2026-12-01T08:30+01:00").unwrap_or(0);
        assert_eq!(format_moment(ms), "2026-12-01T07:30:00Z");
        assert!(parse_moment("2026-12-01T08:30").is_err());
        assert!(parse_moment("2026-02-30T08:30Z").is_err());
    }
}
