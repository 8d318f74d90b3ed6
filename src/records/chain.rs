//! Seals: a keyed hash chain over the store. Seal n carries
//! HMAC(key, n ‖ subject ‖ kind ‖ digest ‖ seal n−1), so a seal cannot be made, changed,
//! removed or reordered without the school's key. What is sealed:
//! - each attempt when it starts and when it ends (its record, its log, its files), and
//!   each of its actions as it is recorded (a MAC chained through the attempt's log, in
//!   the `actions` table), so a paused attempt's log cannot be edited before it ends;
//! - every record a trainer relies on, each time FibreLab writes it: trainees, trainers
//!   (their PINs), cohorts and their members, assessments, their items and assignments
//!   (extra time), reviews, the audit log, the settings ([`RECORDS`]); a record
//!   FibreLab removes is sealed as gone.
//!
//! `verify` walks the chain and holds each record to its last seal: a deleted, re-opened,
//! forged or edited record is told. A store that holds the key's fingerprint, or any
//! seal, or that the key's folder knows ([`super::anchor`]), is sealed whatever its tables
//! say: with every seal deleted it reads as cut, not as a store never sealed.
//!
//! The chain's head, the store's identity and path, and each open attempt's last action
//! are also kept beside the key (the anchor), written after each commit: cutting the last
//! seals or the last actions off, or changing the store's identity, is told as well.

use std::cell::RefCell;
use std::collections::BTreeMap;

use super::sql::{Behavior, OptionalExtension, Params, Row, Value, params};
use serde_json::json;

use super::seal::{SchoolKey, hex, sha256};
use super::{Db, RecordsError, Result};
use crate::i18n::Msg;

/// What a seal is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SealKind {
    Start,
    End,
    /// A trainee record as the first sealed stores digested it (without its PIN).
    Person,
    /// The store's first sealed attempt: those before it were stored unsealed.
    Store,
    /// An attempt stored before the seals, sealed as it stood when they began.
    Adopt,
    /// The store sealed as this release seals it (every record, every action).
    Upgrade,
    Trainee,
    Trainer,
    Cohort,
    Member,
    Assessment,
    Item,
    Assignment,
    Review,
    Audit,
    Setting,
}

impl SealKind {
    const ALL: [SealKind; 16] = [
        SealKind::Start,
        SealKind::End,
        SealKind::Person,
        SealKind::Store,
        SealKind::Adopt,
        SealKind::Upgrade,
        SealKind::Trainee,
        SealKind::Trainer,
        SealKind::Cohort,
        SealKind::Member,
        SealKind::Assessment,
        SealKind::Item,
        SealKind::Assignment,
        SealKind::Review,
        SealKind::Audit,
        SealKind::Setting,
    ];

    pub fn code(self) -> &'static str {
        match self {
            SealKind::Start => "start",
            SealKind::End => "end",
            SealKind::Person => "person",
            SealKind::Store => "store",
            SealKind::Adopt => "adopt",
            SealKind::Upgrade => "upgrade",
            SealKind::Trainee => "trainee",
            SealKind::Trainer => "trainer",
            SealKind::Cohort => "cohort",
            SealKind::Member => "member",
            SealKind::Assessment => "assessment",
            SealKind::Item => "item",
            SealKind::Assignment => "assignment",
            SealKind::Review => "review",
            SealKind::Audit => "audit",
            SealKind::Setting => "setting",
        }
    }

    pub(super) fn parse(s: &str) -> Option<SealKind> {
        SealKind::ALL.into_iter().find(|k| k.code() == s)
    }
}

/// The digest sealed for a record FibreLab removed.
pub(super) const GONE: &str = "-";

/// A kind of record every row of which is sealed, written once: where its rows are, what
/// names each row (the seal's subject), the values sealed, and how one row is found.
pub struct Record {
    pub kind: SealKind,
    from: &'static str,
    subject: &'static str,
    values: &'static str,
    key: &'static str,
}

impl Record {
    pub(super) fn all_sql(&self) -> String {
        format!("SELECT {}, {} {}", self.subject, self.values, self.from)
    }
    fn one_sql(&self) -> String {
        format!("SELECT {} {} WHERE {}", self.values, self.from, self.key)
    }
}

pub const TRAINEE: Record = Record {
    kind: SealKind::Trainee,
    from: "FROM trainees t",
    subject: "t.uuid",
    values: "t.uuid, t.display_name, t.external_ref, t.pin_hash, t.created_at, t.archived_at, t.erased_at",
    key: "t.uuid = ?1",
};
pub const TRAINER: Record = Record {
    kind: SealKind::Trainer,
    from: "FROM trainers r",
    subject: "r.uuid",
    values: "r.uuid, r.display_name, r.pin_hash, r.created_at",
    key: "r.uuid = ?1",
};
pub const COHORT: Record = Record {
    kind: SealKind::Cohort,
    from: "FROM cohorts c",
    subject: "c.uuid",
    values: "c.uuid, c.name, c.site, c.starts_on, c.ends_on, c.retain_until, c.created_at, c.archived_at",
    key: "c.uuid = ?1",
};
pub const MEMBER: Record = Record {
    kind: SealKind::Member,
    from: "FROM cohort_members m LEFT JOIN cohorts c ON c.id = m.cohort_id
           LEFT JOIN trainees t ON t.id = m.trainee_id",
    subject: "COALESCE(c.uuid, '?') || '/' || COALESCE(t.uuid, '?')",
    values: "c.uuid, t.uuid, m.joined_at, m.left_at",
    key: "m.cohort_id = (SELECT id FROM cohorts WHERE uuid = ?1)
          AND m.trainee_id = (SELECT id FROM trainees WHERE uuid = ?2)",
};
pub const ASSESSMENT: Record = Record {
    kind: SealKind::Assessment,
    from: "FROM assessments a LEFT JOIN cohorts c ON c.id = a.cohort_id",
    subject: "a.uuid",
    values: "a.uuid, a.key, c.uuid, a.title, a.kind, a.opens_at, a.closes_at, a.time_limit_s,
             a.attempts_allowed, a.seed_policy, a.base_seed, a.feedback, a.source, a.created_by,
             a.created_at, a.locked_at, a.closed_at",
    key: "a.uuid = ?1",
};
pub const ITEM: Record = Record {
    kind: SealKind::Item,
    from: "FROM assessment_items i LEFT JOIN assessments a ON a.id = i.assessment_id",
    subject: "COALESCE(a.uuid, '?') || '/' || i.position",
    values: "a.uuid, i.position, i.scenario_id, i.scenario_hash, i.scenario_source",
    key: "i.assessment_id = (SELECT id FROM assessments WHERE uuid = ?1) AND i.position = ?2",
};
pub const ASSIGNMENT: Record = Record {
    kind: SealKind::Assignment,
    from: "FROM assignments g LEFT JOIN assessments a ON a.id = g.assessment_id
           LEFT JOIN trainees t ON t.id = g.trainee_id",
    subject: "g.uuid",
    values: "g.uuid, a.uuid, g.position, t.uuid, g.extra_time_s",
    key: "g.uuid = ?1",
};
pub const REVIEW: Record = Record {
    kind: SealKind::Review,
    from: "FROM reviews r LEFT JOIN attempts x ON x.id = r.attempt_id",
    subject: "'review/' || r.id",
    values: "r.id, x.uuid, r.trainer, r.decision, r.comment, r.at",
    key: "r.id = ?1",
};
pub const AUDIT: Record = Record {
    kind: SealKind::Audit,
    from: "FROM audit_log l",
    subject: "'audit/' || l.id",
    values: "l.id, l.at, l.who, l.action, l.target, l.detail",
    key: "l.id = ?1",
};
pub const SETTING: Record = Record {
    kind: SealKind::Setting,
    from: "FROM settings s",
    subject: "s.key",
    values: "s.key, s.value",
    key: "s.key = ?1",
};

/// Every kind of record sealed besides the attempts.
pub const RECORDS: [&Record; 10] = [
    &TRAINEE,
    &TRAINER,
    &COHORT,
    &MEMBER,
    &ASSESSMENT,
    &ITEM,
    &ASSIGNMENT,
    &REVIEW,
    &AUDIT,
    &SETTING,
];

/// SHA-256 of a row's values as JSON (numbers and text as stored, blobs as hex).
pub(super) fn values_digest(row: &Row, from: usize, count: usize) -> super::sql::Result<String> {
    let mut values = Vec::with_capacity(count);
    for i in from..from + count {
        values.push(match row.get_ref(i)? {
            Value::Null => serde_json::Value::Null,
            Value::Int(v) => json!(v),
            Value::Real(v) => json!(v.to_bits()),
            Value::Text(t) => json!(t),
            Value::Blob(b) => json!(hex(b)),
        });
    }
    Ok(hex(&sha256(
        serde_json::Value::Array(values).to_string().as_bytes(),
    )))
}

/// An attempt's uuid and the last action of its log (number, MAC), `None` once it ended.
pub(super) type OpenLog = (String, Option<(i64, String)>);

/// What is to be written beside the key once the transaction commits.
#[derive(Debug, Default)]
pub(super) struct Pending {
    pub head: Option<(i64, String)>,
    /// The first seal this write added.
    pub first: Option<i64>,
    /// An open attempt's last action (`None`: the attempt ended).
    pub open: Vec<OpenLog>,
    /// The store was just sealed whole.
    pub whole: bool,
    /// PIN hashes given (who, digest).
    pub pins: Vec<(String, String)>,
}

/// The chain as read from the store: the last seal of each (subject, kind), its length
/// and last MAC, and the problems of the walk.
pub(super) struct Walk {
    pub last: BTreeMap<(String, SealKind), String>,
    pub length: i64,
    pub head_mac: String,
    pub broken: Option<i64>,
    pub upgraded: bool,
}

impl Db {
    fn chain_message(n: i64, subject: &str, kind: SealKind, digest: &str, prev: &str) -> Vec<u8> {
        format!(
            "fibrelab-seal-v1|{n}|{subject}|{}|{digest}|{prev}",
            kind.code()
        )
        .into_bytes()
    }

    /// Runs `f` as one write: in an immediate transaction (writers wait for each other, so
    /// two programs never number two seals alike), committed, then the anchor beside the
    /// key brought up to date. Inside another write it simply runs (the outer one commits).
    pub(super) fn write<T>(&self, f: impl FnOnce() -> Result<T>) -> Result<T> {
        if !self.conn.is_autocommit() {
            return f();
        }
        *self.pending.borrow_mut() = Pending::default();
        let tx = self.conn.transaction(Behavior::Immediate)?;
        match f() {
            Ok(v) => {
                tx.commit()?;
                self.flush_anchor();
                Ok(v)
            }
            Err(e) => {
                drop(tx);
                *self.pending.borrow_mut() = Pending::default();
                Err(e)
            }
        }
    }

    /// Whether this store is sealed: it knows a key, holds a seal, or the key's folder
    /// has an anchor for it.
    pub fn sealed(&self) -> Result<bool> {
        if !super::settings::has_column(&self.conn, "attempts", "uuid")? {
            return Ok(false);
        }
        if super::settings::get_setting(&self.conn, "seal.key")?.is_some() {
            return Ok(true);
        }
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM seals", [], |r| r.get::<_, i64>(0))?
            > 0)
    }

    /// Adds a seal of `subject` to the chain (nothing on a store never sealed when no key
    /// is set; refused on a sealed store without its key).
    pub(super) fn seal(&self, subject: &str, kind: SealKind, digest: &str) -> Result<()> {
        let Some(key) = &self.key else {
            if self.sealed()? {
                return Err(RecordsError::KeyNeeded);
            }
            return Ok(());
        };
        self.write(|| {
            if super::settings::get_setting(&self.conn, "seal.key")?.is_none() {
                super::settings::set_setting(&self.conn, "seal.key", &key.fingerprint())?;
            }
            let last: Option<(i64, String)> = self
                .conn
                .query_row(
                    "SELECT seq, mac FROM seals ORDER BY seq DESC LIMIT 1",
                    [],
                    |r| Ok((r.get(0)?, r.get(1)?)),
                )
                .optional()?;
            let (n, prev) = match last {
                Some((seq, mac)) => (seq + 1, mac),
                None => (1, String::new()),
            };
            let mac = key.mac(&Self::chain_message(n, subject, kind, digest, &prev));
            self.conn.execute(
                "INSERT INTO seals (seq, subject, kind, digest, mac) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![n, subject, kind.code(), digest, mac],
            )?;
            let mut p = self.pending.borrow_mut();
            p.first.get_or_insert(n);
            p.head = Some((n, mac));
            Ok(())
        })
    }

    /// The digest of one row of a kind of record (`None`: there is no such row).
    fn row_digest(&self, record: &Record, key: impl Params) -> Result<Option<String>> {
        let sql = record.one_sql();
        let mut stmt = self.conn.prepare_cached(&sql)?;
        let count = stmt.column_count()?;
        Ok(stmt
            .query_row(key, |r| values_digest(r, 0, count))
            .optional()?)
    }

    /// Whether a record as it now stands is the one FibreLab last sealed: its digest is its
    /// last seal's, and that seal is the key's (its MAC over the seal before it). What a
    /// PIN is checked against must be vouched for so: a PIN hash put in a record by SQL
    /// opens nothing.
    pub(super) fn vouched(&self, record: &Record, subject: &str, key: impl Params) -> Result<bool> {
        let Some(k) = &self.key else {
            return Ok(false);
        };
        let Some(digest) = self.row_digest(record, key)? else {
            return Ok(false);
        };
        let last: Option<(i64, String, String)> = self
            .conn
            .query_row(
                "SELECT seq, digest, mac FROM seals WHERE subject = ?1 AND kind = ?2
                 ORDER BY seq DESC LIMIT 1",
                params![subject, record.kind.code()],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((seq, sealed, mac)) = last.filter(|(_, d, _)| *d == digest) else {
            return Ok(false);
        };
        let prev: Option<String> = match seq {
            1 => Some(String::new()),
            _ => self
                .conn
                .query_row("SELECT mac FROM seals WHERE seq = ?1", [seq - 1], |r| {
                    r.get(0)
                })
                .optional()?,
        };
        Ok(prev.is_some_and(|prev| {
            k.mac(&Self::chain_message(
                seq,
                subject,
                record.kind,
                &sealed,
                &prev,
            )) == mac
        }))
    }

    /// Seals one record as it now stands (as gone when FibreLab removed it). `subject`
    /// is the record's name in the chain (what [`Record`]'s subject gives for its row).
    pub(super) fn seal_record(
        &self,
        record: &Record,
        subject: &str,
        key: impl Params,
    ) -> Result<()> {
        if self.key.is_none() && !self.sealed()? {
            return Ok(());
        }
        let digest = self.row_digest(record, key)?;
        self.seal(subject, record.kind, digest.as_deref().unwrap_or(GONE))
    }

    /// The seal of one action in its attempt's log: chained through the log, so an
    /// action cannot be changed, added, removed or moved without the key.
    pub(super) fn action_mac(
        key: &SchoolKey,
        attempt_uuid: &str,
        seq: i64,
        at_ms: i64,
        recorded_at: i64,
        text: &str,
        prev: &str,
    ) -> String {
        let m = format!(
            "fibrelab-action-v1|{attempt_uuid}|{seq}|{at_ms}|{recorded_at}|{}|{text}|{prev}",
            text.len()
        );
        key.mac(m.as_bytes())[..32].to_string()
    }

    /// Notes an open attempt's last action for the anchor.
    pub(super) fn note_open(&self, attempt_uuid: &str, last: Option<(i64, String)>) {
        self.pending
            .borrow_mut()
            .open
            .push((attempt_uuid.to_string(), last));
    }

    /// The first sealed store's digest of a trainee record (no PIN in it).
    pub(super) fn person_digest_v1(&self, uuid: &str) -> Result<Option<String>> {
        let row = self
            .conn
            .query_row(
                "SELECT uuid, display_name, external_ref, erased_at FROM trainees WHERE uuid = ?1",
                [uuid],
                |r| {
                    Ok((
                        r.get::<_, String>(0)?,
                        r.get::<_, Option<String>>(1)?,
                        r.get::<_, Option<String>>(2)?,
                        r.get::<_, Option<i64>>(3)?,
                    ))
                },
            )
            .optional()?;
        Ok(row.map(|(uuid, name, r, erased)| {
            let v = json!({"uuid": uuid, "name": name, "ref": r, "erased": erased});
            hex(&sha256(v.to_string().as_bytes()))
        }))
    }

    pub(super) fn seal_attempt(&self, id: i64, kind: SealKind) -> Result<()> {
        if self.key.is_none() && !self.sealed()? {
            return Ok(());
        }
        let (uuid, status): (Option<String>, String) = self.conn.query_row(
            "SELECT uuid, status FROM attempts WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let (Some(uuid), Some(d)) = (uuid, self.attempt_digest(id, kind)?) {
            self.seal(&uuid, kind, &d)?;
            if kind == SealKind::End && status != "open" {
                self.note_open(&uuid, None);
            }
        }
        Ok(())
    }

    pub(super) fn seal_person(&self, trainee_id: i64) -> Result<()> {
        let uuid: Option<String> = self
            .conn
            .query_row(
                "SELECT uuid FROM trainees WHERE id = ?1",
                [trainee_id],
                |r| r.get(0),
            )
            .optional()?;
        match uuid {
            Some(u) => self.seal_record(&TRAINEE, &u, [&u]),
            None => Ok(()),
        }
    }

    /// Reads the chain: the last seal of each (subject, kind), and where it breaks.
    pub(super) fn walk(&self, key: &SchoolKey) -> Result<Walk> {
        let mut w = Walk {
            last: BTreeMap::new(),
            length: 0,
            head_mac: String::new(),
            broken: None,
            upgraded: false,
        };
        let mut stmt = self
            .conn
            .prepare("SELECT seq, subject, kind, digest, mac FROM seals ORDER BY seq")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        for (expected, row) in (1i64..).zip(rows) {
            let (seq, subject, kind, digest, mac) = row?;
            let k = SealKind::parse(&kind);
            let ok = seq == expected
                && k.is_some_and(|k| {
                    key.mac(&Self::chain_message(seq, &subject, k, &digest, &w.head_mac)) == mac
                });
            let Some(k) = k.filter(|_| ok) else {
                w.broken = Some(expected);
                break;
            };
            if k == SealKind::Upgrade {
                w.upgraded = true;
            }
            w.last.insert((subject, k), digest);
            w.head_mac = mac;
            w.length = seq;
        }
        Ok(w)
    }

    /// Sets the key that seals what is stored from now on. On a store not sealed by this
    /// release yet, everything already there is sealed as it stands first (the attempts
    /// stored before the seals, every record, every action), once.
    ///
    /// A store opened to read only takes any key: `verify` says which key is not the one
    /// that sealed it.
    pub fn set_key(&mut self, key: SchoolKey) -> Result<()> {
        if self.read_only {
            self.key = Some(key);
            return Ok(());
        }
        if let Some(f) = super::settings::get_setting(&self.conn, "seal.key")?
            && f != key.fingerprint()
        {
            return Err(RecordsError::WrongKey(key.path.clone()));
        }
        self.key = Some(key);
        if !self.may_seal_whole()? {
            return Ok(());
        }
        self.write(|| self.upgrade_seals())
    }

    /// Whether the store may be sealed whole as it stands: only once, and never a store
    /// that shows it was sealed before (its seals deleted, its anchor saying it was
    /// sealed whole): what it holds then stays told, not sealed over.
    fn may_seal_whole(&self) -> Result<bool> {
        let (upgraded, seals): (bool, i64) = self.conn.query_row(
            "SELECT COUNT(*) FILTER (WHERE kind = 'upgrade') > 0, COUNT(*) FROM seals",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if upgraded || (seals == 0 && self.fingerprint()?.is_some()) {
            return Ok(false);
        }
        let whole = match &self.key {
            Some(k) => self.anchors(k)?.mine.is_some_and(|a| a.whole),
            None => false,
        };
        Ok(!whole)
    }

    /// Seals everything a store holds as it stands: see [`Db::set_key`].
    fn upgrade_seals(&self) -> Result<()> {
        let Some(key) = self.key.clone() else {
            return Ok(());
        };
        let started: bool = self.conn.query_row(
            "SELECT COUNT(*) > 0 FROM seals WHERE kind = 'store'",
            [],
            |r| r.get(0),
        )?;
        if !started {
            let next: i64 =
                self.conn
                    .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM attempts", [], |r| {
                        r.get(0)
                    })?;
            // The first seal names the store too: its anchor is found by it whatever the
            // store's tables say of its identity.
            let install = self.install_uuid()?;
            self.seal(STORE, SealKind::Store, &format!("{next} {install}"))?;
        }
        // Seeds of assessment attempts and assessments' base seeds are kept under the key.
        self.mask_stored_seeds()?;
        // Codes kept with their attempts (earlier releases computed them on demand).
        self.fill_codes()?;
        // Every action's MAC, attempt by attempt.
        let attempts: Vec<(i64, String, String)> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id, COALESCE(uuid, ''), status FROM attempts ORDER BY id")?;
            let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        let w = self.walk(&key)?;
        for (id, uuid, status) in &attempts {
            let mut prev = String::new();
            for (seq, at, recorded, text) in self.stored_actions(*id)? {
                let mac = Self::action_mac(&key, uuid, seq, at, recorded, &text, &prev);
                self.conn.execute(
                    "UPDATE actions SET mac = ?3 WHERE attempt_id = ?1 AND seq = ?2",
                    params![id, seq, mac],
                )?;
                prev = mac;
            }
            let sealed = [SealKind::Start, SealKind::End, SealKind::Adopt]
                .iter()
                .any(|k| w.last.contains_key(&(uuid.clone(), *k)));
            // Only what was stored before the first seal is sealed as it stands: a row
            // without a seal after it was never made by FibreLab, and stays told.
            if !sealed && !uuid.is_empty() && before_first_seal(&w.last, *id) {
                let kind = if status == "open" {
                    SealKind::Start
                } else {
                    SealKind::End
                };
                if let Some(d) = self.attempt_digest(*id, kind)? {
                    self.seal(uuid, SealKind::Adopt, &d)?;
                }
            }
        }
        // Every record not sealed yet. A trainee sealed by the first release is carried
        // over only if it still reads as sealed then.
        for record in RECORDS {
            let sql = record.all_sql();
            let rows: Vec<(String, String)> = {
                let mut stmt = self.conn.prepare(&sql)?;
                let count = stmt.column_count()? - 1;
                let rows = stmt.query_map([], |r| {
                    Ok((r.get::<_, String>(0)?, values_digest(r, 1, count)?))
                })?;
                rows.collect::<std::result::Result<_, _>>()?
            };
            for (subject, digest) in rows {
                if w.last.contains_key(&(subject.clone(), record.kind)) {
                    continue;
                }
                if record.kind == SealKind::Trainee
                    && let Some(v1) = w.last.get(&(subject.clone(), SealKind::Person))
                    && self.person_digest_v1(&subject)?.as_ref() != Some(v1)
                {
                    continue;
                }
                self.seal(&subject, record.kind, &digest)?;
            }
        }
        self.seal(UPGRADE, SealKind::Upgrade, "2")?;
        self.pending.borrow_mut().whole = true;
        // The PINs as they stand, kept beside the key from now on.
        for (who, digest) in self.pin_digests()? {
            self.pending.borrow_mut().pins.push((who, digest));
        }
        Ok(())
    }
}

impl Db {
    /// Opens the store to write in it, sealed with the school's key
    /// (`FIBRELAB_SCHOOL_KEY`, or `fibrelab/school.key` in the user's configuration
    /// folder). The key is made on first use only for a store that was never sealed:
    /// a sealed store whose key is missing or another one is refused before anything is
    /// written to it.
    pub fn open_for_school(path: &std::path::Path) -> std::result::Result<Db, Msg> {
        use super::seal::{KeyError, default_key_path, read_key, read_or_create_key};
        if super::sql::is_server_path(path) {
            // The key is the server's, read by a trainer's login (a seat's reads none).
            let mut db = Db::connect(path).map_err(|e| e.msg())?;
            db.migrate().map_err(|e| e.msg())?;
            if let Some(key) = db.server_key().map_err(|e| e.msg())? {
                db.set_key(key).map_err(|e| e.msg())?;
                // What the seats handed in, graded by replaying the server's record.
                db.grade_handed_in().map_err(|e| e.msg())?;
            }
            return Ok(db);
        }
        let key_path = default_key_path();
        let mut db = Db::connect(path).map_err(|e| e.msg())?;
        let sealed = db.sealed().map_err(|e| e.msg())? || db.anchored_at(&key_path);
        let key = if sealed {
            read_key(&key_path).map_err(|e| match e {
                KeyError::Missing(p) => Msg::new("key-missing-sealed")
                    .text("path", p.display().to_string())
                    .text("db", path.display().to_string()),
                KeyError::Unreadable(..) | KeyError::Malformed(_) => e.msg(),
            })?
        } else {
            read_or_create_key(&key_path).map_err(|e| e.msg())?
        };
        // Another key than the one that sealed it: refused before anything is written.
        if sealed
            && let Some(f) = db.fingerprint().map_err(|e| e.msg())?
            && f != key.fingerprint()
        {
            return Err(RecordsError::WrongKey(key.path.clone()).msg());
        }
        db.migrate().map_err(|e| e.msg())?;
        db.set_key(key).map_err(|e| e.msg())?;
        // Moments shown in the school's zone, as by `Db::open`.
        db.use_school_zone();
        Ok(db)
    }

    /// The fingerprint of the key that sealed this store, if it says one.
    pub(super) fn fingerprint(&self) -> Result<Option<String>> {
        if !super::settings::has_column(&self.conn, "attempts", "uuid")? {
            return Ok(None);
        }
        super::settings::get_setting(&self.conn, "seal.key")
    }

    /// Opens the store to read it only, with the school's key when it is sealed (never
    /// made here): listings and `verify` on a copy, a read-only folder, an archive.
    pub fn open_read_only_for_school(path: &std::path::Path) -> Result<Db> {
        use super::seal::{default_key_path, read_key};
        let mut db = Db::open_read_only(path)?;
        if super::sql::is_server_path(path) {
            if let Some(key) = db.server_key()? {
                // Handed-in attempts graded first (the server's store is one for the
                // whole room: what is read of it is read as graded).
                db.read_only = false;
                db.set_key(key)?;
                db.grade_handed_in()?;
                db.read_only = true;
            }
            return Ok(db);
        }
        match read_key(&default_key_path()) {
            Ok(key) => db.set_key(key)?,
            Err(_) if !db.sealed()? => {}
            Err(e) => return Err(RecordsError::Key(e.msg())),
        }
        Ok(db)
    }

    /// The school's key this store is opened with.
    pub fn key(&self) -> Option<&SchoolKey> {
        self.key.as_ref()
    }
}

/// The subject of the store's own seal.
const STORE: &str = "store";
/// The subject of the seal that says the store is sealed as this release seals it.
const UPGRADE: &str = "upgrade";

/// Whether an attempt was stored before the chain began (its number is below the first
/// one the chain's store seal covers); only for a store the first sealing release left.
pub(super) fn before_first_seal(last: &BTreeMap<(String, SealKind), String>, id: i64) -> bool {
    last.get(&(STORE.to_string(), SealKind::Store))
        .and_then(|d| d.split_whitespace().next()?.parse::<i64>().ok())
        .is_some_and(|first| id >= 1 && id < first)
}

/// The pending anchor writes of a connection.
pub(super) type PendingCell = RefCell<Pending>;
