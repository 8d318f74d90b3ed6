//! What an attempt's seals hold it to: the digest of its record at its start and at its
//! end (what it is, who made it, how it ended, its grade, its log and files), read one
//! attempt at a time or a run of them at once (`check`). The school's server makes the
//! same digests in SQL (`pg/seat.sql`), byte for byte.

use serde_json::json;

use super::chain::SealKind;
use super::seal::{hex, sha256};
use super::sql::{OptionalExtension, Row};
use super::{Db, Result};

impl Db {
    /// The digest of an attempt's record: at its start, what it is and who made it; at
    /// its end, all that and how it ended, its grade and every action of its log.
    pub(super) fn attempt_digest(&self, id: i64, kind: SealKind) -> Result<Option<String>> {
        let row = self
            .conn
            .query_row(
                &format!("SELECT {DIGEST_COLUMNS} WHERE a.id = ?1"),
                [id],
                |r| DigestRow::read(r, 0),
            )
            .optional()?;
        let Some(row) = row else {
            return Ok(None);
        };
        self.digest_of(&row, kind, || self.log_digest(id)).map(Some)
    }

    /// [`Db::attempt_digest`] of a record already read (`log`: its log's digest, asked
    /// for an end only).
    pub(super) fn digest_of(
        &self,
        row: &DigestRow,
        kind: SealKind,
        log: impl FnOnce() -> Result<String>,
    ) -> Result<String> {
        // The name as stored and, for a trainee on the school's list, their pseudonym. An
        // erasure (done by FibreLab, with the key) seals the record again.
        let who = format!("{}|{}", row.trainee, row.trainee_uuid);
        // The seed itself, whatever the store keeps it under.
        let seed = self.stored_seed(
            row.uuid.as_deref().unwrap_or(""),
            !row.assignment.is_empty(),
            row.seed,
        ) as i64;
        let mut v = json!({
            "uuid": row.uuid, "scenario": row.scenario_id, "hash": row.hash, "seed": seed,
            "who": who, "started_at": row.started_at, "origin": row.origin,
            "assignment": row.assignment, "limit_ms": row.limit_ms, "version": row.version,
            "file": row.file,
        });
        if kind != SealKind::Start
            && let Some(map) = v.as_object_mut()
        {
            map.insert("status".into(), json!(row.status));
            map.insert("finished_at".into(), json!(row.finished_at));
            map.insert("score".into(), json!(row.score.map(f64::to_bits)));
            map.insert("passed".into(), json!(row.passed));
            map.insert("grade".into(), json!(row.grade));
            map.insert("ended_by".into(), json!(row.ended_by));
            map.insert("log".into(), json!(log()?));
        }
        Ok(hex(&sha256(v.to_string().as_bytes())))
    }

    /// SHA-256 over an attempt's actions (number, time, text) and its files' hashes.
    fn log_digest(&self, id: i64) -> Result<String> {
        let actions = self.stored_actions(id)?;
        let mut stmt = self.conn.prepare(
            "SELECT name, sha256 FROM attempt_files WHERE attempt_id = ?1 ORDER BY name",
        )?;
        let files = stmt
            .query_map([id], |r| {
                Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
            })?
            .collect::<std::result::Result<Vec<_>, _>>()?;
        Ok(log_digest_of(
            actions
                .iter()
                .map(|(seq, at, recorded, a)| (*seq, *at, *recorded, a.as_str())),
            &files,
        ))
    }
}

/// What an attempt's digests are read from: [`DIGEST_COLUMNS`].
pub(super) const DIGEST_COLUMNS: &str = "a.uuid, a.scenario_id, a.scenario_hash, a.seed, a.trainee,
        a.started_at, COALESCE(a.origin, ''), COALESCE(t.uuid, ''), COALESCE(g.uuid, ''),
        a.time_limit_ms, a.status, a.finished_at, a.score, a.passed, a.grade_json,
        COALESCE(a.ended_by, ''), a.program_version, COALESCE(a.scenario_path, '')
     FROM attempts a
     LEFT JOIN trainees t ON t.id = a.trainee_id
     LEFT JOIN assignments g ON g.id = a.assignment_id";

/// An attempt's record as its digests read it.
pub(super) struct DigestRow {
    uuid: Option<String>,
    scenario_id: String,
    hash: String,
    seed: i64,
    trainee: String,
    started_at: i64,
    origin: String,
    trainee_uuid: String,
    assignment: String,
    limit_ms: Option<i64>,
    status: String,
    finished_at: Option<i64>,
    score: Option<f64>,
    passed: Option<i64>,
    grade: Option<String>,
    ended_by: String,
    version: String,
    file: String,
}

impl DigestRow {
    /// The row of [`DIGEST_COLUMNS`] starting at column `at`.
    pub(super) fn read(r: &Row, at: usize) -> super::sql::Result<DigestRow> {
        Ok(DigestRow {
            uuid: r.get(at)?,
            scenario_id: r.get(at + 1)?,
            hash: r.get(at + 2)?,
            seed: r.get(at + 3)?,
            trainee: r.get(at + 4)?,
            started_at: r.get(at + 5)?,
            origin: r.get(at + 6)?,
            trainee_uuid: r.get(at + 7)?,
            assignment: r.get(at + 8)?,
            limit_ms: r.get(at + 9)?,
            status: r.get(at + 10)?,
            finished_at: r.get(at + 11)?,
            score: r.get(at + 12)?,
            passed: r.get(at + 13)?,
            grade: r.get(at + 14)?,
            ended_by: r.get(at + 15)?,
            version: r.get(at + 16)?,
            file: r.get(at + 17)?,
        })
    }
}

/// SHA-256 over a log's actions (number, time, time recorded, text) in order, then its
/// files' names and hashes.
pub(super) fn log_digest_of<'a>(
    actions: impl Iterator<Item = (i64, i64, i64, &'a str)>,
    files: &[(String, String)],
) -> String {
    let mut text = String::new();
    for (seq, at, recorded, action) in actions {
        text.push_str(&format!("{seq}|{at}|{recorded}|{}\n", action.len()));
        text.push_str(action);
        text.push('\n');
    }
    for (name, sha) in files {
        text.push_str(&format!("file|{name}|{sha}\n"));
    }
    hex(&sha256(text.as_bytes()))
}
