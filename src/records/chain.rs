//! Seals: a keyed hash chain over the store. Each attempt is sealed when it starts and
//! when it ends, each trainee record when it is made or changed; seal n carries
//! HMAC(key, n ‖ subject ‖ kind ‖ digest ‖ seal n−1), so a seal cannot be made, changed,
//! removed or reordered without the school's key. `verify` walks the chain and holds each
//! record to its last seal: a deleted attempt (its seal names it), a re-opened or edited
//! one (its digest differs), a forged one (no seal), a changed name or date (in the
//! digest) are all told.
//!
//! The chain's head (its length and last seal) is also written beside the key, outside
//! the database, so cutting the last seals off is told as well.

use std::collections::BTreeMap;
use std::path::PathBuf;

use rusqlite::{OptionalExtension, params};
use serde_json::json;

use super::seal::{SchoolKey, hex, sha256};
use super::{Db, RecordsError, Result};
use crate::i18n::Msg;

/// What a seal is of.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum SealKind {
    Start,
    End,
    Person,
    /// The store's first sealed attempt: those before it were stored unsealed.
    Store,
}

impl SealKind {
    pub fn code(self) -> &'static str {
        match self {
            SealKind::Start => "start",
            SealKind::End => "end",
            SealKind::Person => "person",
            SealKind::Store => "store",
        }
    }
    fn parse(s: &str) -> Option<SealKind> {
        [
            SealKind::Start,
            SealKind::End,
            SealKind::Person,
            SealKind::Store,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// A problem the chain shows, said for the trainer.
#[derive(Clone, Debug)]
pub struct SealProblem {
    /// The attempt's number when the problem is one attempt's.
    pub attempt: Option<i64>,
    pub msg: Msg,
}

impl Db {
    fn chain_message(n: i64, subject: &str, kind: SealKind, digest: &str, prev: &str) -> Vec<u8> {
        format!(
            "fibrelab-seal-v1|{n}|{subject}|{}|{digest}|{prev}",
            kind.code()
        )
        .into_bytes()
    }

    /// Where the chain's head is kept, beside the key.
    fn head_path(&self, key: &SchoolKey) -> Result<PathBuf> {
        let dir = key
            .path
            .parent()
            .map(|p| p.to_path_buf())
            .unwrap_or_default();
        Ok(dir.join(format!("chain-{}.head", self.install_uuid()?)))
    }

    /// Adds a seal of `subject` to the chain (nothing when no key is set).
    pub(super) fn seal(&self, subject: &str, kind: SealKind, digest: &str) -> Result<()> {
        let Some(key) = &self.key else {
            return Ok(());
        };
        self.ensure_key_known(key)?;
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
        // The head outside the database: written whole, then put in place.
        let head = self.head_path(key)?;
        let tmp = head.with_extension("head.tmp");
        let text = format!("{n} {mac}\n");
        let io = |e: std::io::Error| RecordsError::Folder {
            path: head.clone(),
            error: e,
        };
        std::fs::write(&tmp, text).map_err(io)?;
        std::fs::rename(&tmp, &head).map_err(io)?;
        Ok(())
    }

    /// The first seal records which key the store is sealed with (its fingerprint).
    fn ensure_key_known(&self, key: &SchoolKey) -> Result<()> {
        if super::school::get_setting(&self.conn, "seal.key")?.is_none() {
            super::school::set_setting(&self.conn, "seal.key", &key.fingerprint())?;
        }
        Ok(())
    }

    /// The digest of an attempt's record: at its start, what it is and who made it; at
    /// its end, all that and how it ended, its grade and every action of its log.
    pub(super) fn attempt_digest(&self, id: i64, kind: SealKind) -> Result<Option<String>> {
        let row = self
            .conn
            .query_row(
                "SELECT a.uuid, a.scenario_id, a.scenario_hash, a.seed, a.trainee, a.started_at,
                        COALESCE(a.origin, ''), COALESCE(t.uuid, ''), COALESCE(g.uuid, ''),
                        a.time_limit_ms, a.status, a.finished_at, a.score, a.passed,
                        a.grade_json, COALESCE(a.ended_by, ''), a.program_version,
                        COALESCE(a.scenario_path, '')
                 FROM attempts a
                 LEFT JOIN trainees t ON t.id = a.trainee_id
                 LEFT JOIN assignments g ON g.id = a.assignment_id
                 WHERE a.id = ?1",
                [id],
                |r| {
                    Ok((
                        (
                            r.get::<_, Option<String>>(0)?,
                            r.get::<_, String>(1)?,
                            r.get::<_, String>(2)?,
                            r.get::<_, i64>(3)?,
                            r.get::<_, String>(4)?,
                            r.get::<_, i64>(5)?,
                            r.get::<_, String>(6)?,
                            r.get::<_, String>(7)?,
                            r.get::<_, String>(8)?,
                        ),
                        (
                            r.get::<_, Option<i64>>(9)?,
                            r.get::<_, String>(10)?,
                            r.get::<_, Option<i64>>(11)?,
                            r.get::<_, Option<f64>>(12)?,
                            r.get::<_, Option<i64>>(13)?,
                            r.get::<_, Option<String>>(14)?,
                            r.get::<_, String>(15)?,
                            r.get::<_, String>(16)?,
                            r.get::<_, String>(17)?,
                        ),
                    ))
                },
            )
            .optional()?;
        let Some((start, end)) = row else {
            return Ok(None);
        };
        let (uuid, scenario_id, hash, seed, trainee, started_at, origin, trainee_uuid, assignment) =
            start;
        // The name as stored and, for a trainee on the school's list, their pseudonym. An
        // erasure (done by FibreLab, with the key) seals the record again.
        let who = format!("{trainee}|{trainee_uuid}");
        let mut v = json!({
            "uuid": uuid, "scenario": scenario_id, "hash": hash, "seed": seed, "who": who,
            "started_at": started_at, "origin": origin, "assignment": assignment,
            "limit_ms": end.0, "version": end.7, "file": end.8,
        });
        if kind == SealKind::End
            && let Some(map) = v.as_object_mut()
        {
            let (_, status, finished_at, score, passed, grade, ended_by, _, _) = end;
            map.insert("status".into(), json!(status));
            map.insert("finished_at".into(), json!(finished_at));
            map.insert("score".into(), json!(score.map(f64::to_bits)));
            map.insert("passed".into(), json!(passed));
            map.insert("grade".into(), json!(grade));
            map.insert("ended_by".into(), json!(ended_by));
            map.insert("log".into(), json!(self.log_digest(id)?));
        }
        Ok(Some(hex(&sha256(v.to_string().as_bytes()))))
    }

    /// SHA-256 over an attempt's actions (number, time, text) and its files' hashes.
    fn log_digest(&self, id: i64) -> Result<String> {
        let mut text = String::new();
        for (seq, at, recorded, action) in self.stored_actions(id)? {
            text.push_str(&format!("{seq}|{at}|{recorded}|{}\n", action.len()));
            text.push_str(&action);
            text.push('\n');
        }
        let mut stmt = self.conn.prepare(
            "SELECT name, sha256 FROM attempt_files WHERE attempt_id = ?1 ORDER BY name",
        )?;
        let rows = stmt.query_map([id], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        for row in rows {
            let (name, sha) = row?;
            text.push_str(&format!("file|{name}|{sha}\n"));
        }
        Ok(hex(&sha256(text.as_bytes())))
    }

    /// The digest of a trainee's record: pseudonym, name, reference, erasure.
    pub(super) fn person_digest(&self, trainee_id: i64) -> Result<Option<(String, String)>> {
        let row = self
            .conn
            .query_row(
                "SELECT uuid, display_name, external_ref, erased_at FROM trainees WHERE id = ?1",
                [trainee_id],
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
            (uuid, hex(&sha256(v.to_string().as_bytes())))
        }))
    }

    pub(super) fn seal_attempt(&self, id: i64, kind: SealKind) -> Result<()> {
        if self.key.is_none() {
            return Ok(());
        }
        let uuid: Option<String> =
            self.conn
                .query_row("SELECT uuid FROM attempts WHERE id = ?1", [id], |r| {
                    r.get(0)
                })?;
        if let (Some(uuid), Some(d)) = (uuid, self.attempt_digest(id, kind)?) {
            self.seal(&uuid, kind, &d)?;
        }
        Ok(())
    }

    pub(super) fn seal_person(&self, trainee_id: i64) -> Result<()> {
        if self.key.is_none() {
            return Ok(());
        }
        if let Some((uuid, d)) = self.person_digest(trainee_id)? {
            self.seal(&uuid, SealKind::Person, &d)?;
        }
        Ok(())
    }

    /// Whether the store has ever been sealed (then every check below applies).
    pub fn sealed(&self) -> Result<bool> {
        if !super::school::has_column(&self.conn, "attempts", "uuid")? {
            return Ok(false);
        }
        Ok(self
            .conn
            .query_row("SELECT COUNT(*) FROM seals", [], |r| r.get::<_, i64>(0))?
            > 0)
    }

    /// Walks the chain with the school's key and holds every record to its last seal.
    /// `Err` only when the store cannot be read; every problem found is in the list.
    pub fn check_seals(&self, key: Option<&SchoolKey>) -> Result<Vec<SealProblem>> {
        let mut out = Vec::new();
        if !self.sealed()? {
            return Ok(out);
        }
        let problem = |attempt: Option<i64>, msg: Msg| SealProblem { attempt, msg };
        let Some(key) = key else {
            out.push(problem(None, Msg::new("seal-no-key")));
            return Ok(out);
        };
        let known = super::school::get_setting(&self.conn, "seal.key")?;
        if known.as_deref() != Some(key.fingerprint().as_str()) {
            out.push(problem(
                None,
                Msg::new("seal-wrong-key").text("path", key.path.display().to_string()),
            ));
            return Ok(out);
        }
        // 1. The chain itself.
        let mut last: BTreeMap<(String, SealKind), String> = BTreeMap::new();
        let mut prev = String::new();
        let mut expected = 1i64;
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
        for row in rows {
            let (seq, subject, kind, digest, mac) = row?;
            let Some(k) = SealKind::parse(&kind) else {
                out.push(problem(None, Msg::new("seal-broken").int("n", seq)));
                break;
            };
            if seq != expected
                || key.mac(&Self::chain_message(seq, &subject, k, &digest, &prev)) != mac
            {
                out.push(problem(None, Msg::new("seal-broken").int("n", expected)));
                break;
            }
            last.insert((subject, k), digest);
            prev = mac;
            expected += 1;
        }
        let length = expected - 1;
        // 2. The head kept beside the key: seals cut off at the end.
        if let Ok(text) = std::fs::read_to_string(self.head_path(key)?) {
            let mut it = text.split_whitespace();
            let n: i64 = it.next().and_then(|n| n.parse().ok()).unwrap_or(0);
            let mac = it.next().unwrap_or("");
            if n > length || (n == length && mac != prev) {
                out.push(problem(
                    None,
                    Msg::new("seal-cut").int("n", n).int("found", length),
                ));
            }
        }
        // 3. Every attempt against its seals.
        let mut stmt = self
            .conn
            .prepare("SELECT id, uuid, status FROM attempts ORDER BY id")?;
        let rows = stmt.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, Option<String>>(1)?,
                r.get::<_, String>(2)?,
            ))
        })?;
        let attempts: Vec<(i64, Option<String>, String)> =
            rows.collect::<std::result::Result<_, _>>()?;
        let mut present = std::collections::BTreeSet::new();
        for (id, uuid, status) in &attempts {
            let Some(uuid) = uuid else { continue };
            present.insert(uuid.clone());
            let start = last.get(&(uuid.clone(), SealKind::Start));
            let end = last.get(&(uuid.clone(), SealKind::End));
            let Some(start) = start else {
                // Made before the store was sealed, or forged: either way not to be trusted
                // for an assessment. Attempts older than the first seal are told apart by
                // their number.
                if !before_first_seal(&last, *id) {
                    out.push(problem(Some(*id), Msg::new("seal-unsealed")));
                }
                continue;
            };
            if self.attempt_digest(*id, SealKind::Start)?.as_ref() != Some(start) {
                out.push(problem(Some(*id), Msg::new("seal-start-changed")));
                continue;
            }
            match (status.as_str(), end) {
                ("open", None) => {}
                ("open", Some(_)) => out.push(problem(Some(*id), Msg::new("seal-reopened"))),
                (_, None) => out.push(problem(Some(*id), Msg::new("seal-end-missing"))),
                (_, Some(end)) => {
                    if self.attempt_digest(*id, SealKind::End)?.as_ref() != Some(end) {
                        out.push(problem(Some(*id), Msg::new("seal-end-changed")));
                    }
                }
            }
        }
        // 4. Sealed attempts that are gone.
        let mut gone: Vec<&String> = last
            .keys()
            .filter(|(s, k)| matches!(k, SealKind::Start | SealKind::End) && !present.contains(s))
            .map(|(s, _)| s)
            .collect();
        gone.dedup();
        for uuid in gone {
            out.push(problem(
                None,
                Msg::new("seal-deleted").text("uuid", uuid.clone()),
            ));
        }
        // 5. Trainee records.
        for t in self.trainees(None, true)? {
            let Some((uuid, digest)) = self.person_digest(t.id)? else {
                continue;
            };
            match last.get(&(uuid.clone(), SealKind::Person)) {
                Some(d) if *d == digest => {}
                Some(_) => out.push(problem(
                    None,
                    Msg::new("seal-person-changed").text("uuid", uuid),
                )),
                None => out.push(problem(
                    None,
                    Msg::new("seal-person-unsealed").text("uuid", uuid),
                )),
            }
        }
        Ok(out)
    }

    /// Sets the key that seals what is stored from now on. The first time, the chain
    /// starts with the number of the first attempt it covers (older ones were stored
    /// before the seals), and every trainee already on the list is sealed.
    pub fn set_key(&mut self, key: SchoolKey) -> Result<()> {
        self.key = Some(key);
        let started: i64 =
            self.conn
                .query_row("SELECT COUNT(*) FROM seals WHERE kind = 'store'", [], |r| {
                    r.get(0)
                })?;
        if started == 0 {
            let next: i64 =
                self.conn
                    .query_row("SELECT COALESCE(MAX(id), 0) + 1 FROM attempts", [], |r| {
                        r.get(0)
                    })?;
            self.seal(STORE, SealKind::Store, &next.to_string())?;
            for t in self.trainees(None, true)? {
                self.seal_person(t.id)?;
            }
        }
        Ok(())
    }
}

impl Db {
    /// Opens the store to write in it, sealed with the school's key
    /// (`FIBRELAB_SCHOOL_KEY`, or `fibrelab/school.key` in the user's configuration
    /// folder), which is made on first use: every attempt is sealed from the first one.
    pub fn open_for_school(path: &std::path::Path) -> std::result::Result<Db, Msg> {
        use super::seal::{default_key_path, read_or_create_key};
        let mut db = Db::open(path).map_err(|e| e.msg())?;
        let key = read_or_create_key(&default_key_path()).map_err(|e| e.msg())?;
        db.set_key(key).map_err(|e| e.msg())?;
        Ok(db)
    }
}

/// The subject of the store's own seal.
const STORE: &str = "store";

/// Whether an attempt was stored before the chain began (its number is below the first
/// one the chain's store seal covers).
fn before_first_seal(last: &BTreeMap<(String, SealKind), String>, id: i64) -> bool {
    last.get(&(STORE.to_string(), SealKind::Store))
        .and_then(|d| d.parse::<i64>().ok())
        .is_some_and(|first| id < first)
}
