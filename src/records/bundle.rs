//! Attempt bundles: how results travel from a seat to the trainer's PC (on a USB key, or
//! a shared folder) without sharing the database file. A bundle holds, per finished
//! attempt, its record, the scenario's text and files, the action log and the grade the
//! seat claims; the receiving store **replays each attempt** and keeps it only when the
//! replay gives the claimed grade. Merging is a union keyed by the attempt's uuid: the
//! same bundle twice, or three seats in any order, give each attempt once.
//!
//! Names do not travel: the trainee is their pseudonym.

use super::sql::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::chain::SealKind;
use super::seal::{hex, sha256, unhex};
use super::{Db, RecordsError, Result};
use crate::exercise::{Exercise, LoggedAction};
use crate::grading::{GradeReport, grade};
use crate::i18n::Msg;
use crate::scenario::load::{content_hash, load_str};

pub const FORMAT: &str = "fibrelab-bundle-1";

/// The most one bundle file may hold, bytes.
pub const MAX_BUNDLE_BYTES: u64 = 512 * 1024 * 1024;

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Bundle {
    pub format: String,
    /// The seat's installation.
    pub install: String,
    pub made_at: i64,
    pub attempts: Vec<BundledAttempt>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundledAction {
    pub at_ms: u64,
    pub recorded_at: i64,
    pub action: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundledFile {
    pub name: String,
    pub sha256: String,
    pub hex: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BundledAttempt {
    pub uuid: String,
    pub scenario_id: String,
    pub scenario_hash: String,
    pub scenario_source: String,
    pub seed: u64,
    /// The trainee's pseudonym (empty for a free-text name, which stays on the seat).
    pub trainee_uuid: String,
    /// The assessment (its uuid) and item this attempt was made for.
    pub assessment_uuid: Option<String>,
    pub position: Option<u32>,
    pub started_at: i64,
    pub finished_at: Option<i64>,
    pub status: String,
    pub grade_json: Option<String>,
    pub program_version: String,
    pub origin: String,
    pub time_limit_ms: Option<u64>,
    pub deadline_at: Option<i64>,
    pub ended_by: Option<String>,
    pub actions: Vec<BundledAction>,
    pub files: Vec<BundledFile>,
}

impl BundledAttempt {
    /// SHA-256 of what the attempt is (its scenario, seed, trainee, times, log, files
    /// and grade; not where each store filed it): two copies with the same uuid are the
    /// same attempt only if this agrees.
    pub fn digest(&self) -> String {
        let mut core = self.clone();
        core.assessment_uuid = None;
        core.position = None;
        hex(&sha256(
            serde_json::to_string(&core).unwrap_or_default().as_bytes(),
        ))
    }
}

/// What an import did with each attempt.
#[derive(Clone, Debug, Default)]
pub struct ImportOutcome {
    pub accepted: Vec<String>,
    pub already: Vec<String>,
    /// (attempt uuid, why).
    pub refused: Vec<(String, Msg)>,
    /// Accepted, but not counted for their assessment: played on another text than the
    /// one pinned here.
    pub not_counted: Vec<String>,
}

impl Db {
    /// The finished and closed attempts (since `since_ms`), bundled.
    pub fn export_bundle(&self, since_ms: Option<i64>) -> Result<Bundle> {
        let mut out = Vec::new();
        for a in self.attempts()? {
            if a.status == super::Status::Open || since_ms.is_some_and(|t| a.started_at_ms < t) {
                continue;
            }
            out.push(self.bundled(&a)?);
        }
        Ok(Bundle {
            format: FORMAT.into(),
            install: self.install_uuid()?,
            made_at: self.now(),
            attempts: out,
        })
    }

    /// One stored attempt as a bundle carries it.
    fn bundled(&self, a: &super::AttemptSummary) -> Result<BundledAttempt> {
        let extra = self.extra(a.id)?;
        let (source, finished_at, grade_json): (String, Option<i64>, Option<String>) =
            self.conn.query_row(
                "SELECT scenario_source, finished_at, grade_json FROM attempts WHERE id = ?1",
                [a.id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )?;
        let (assessment_uuid, position, trainee_uuid): (
            Option<String>,
            Option<i64>,
            Option<String>,
        ) = self.conn.query_row(
            "SELECT s.uuid, g.position, t.uuid FROM attempts a
                 LEFT JOIN assignments g ON g.id = a.assignment_id
                 LEFT JOIN assessments s ON s.id = g.assessment_id
                 LEFT JOIN trainees t ON t.id = a.trainee_id
                 WHERE a.id = ?1",
            [a.id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let actions: Vec<BundledAction> = self
            .stored_actions(a.id)?
            .into_iter()
            .map(|(_, at_ms, recorded_at, action)| BundledAction {
                at_ms: at_ms.max(0) as u64,
                recorded_at,
                action,
            })
            .collect();
        let mut files = Vec::new();
        let mut stmt = self.conn.prepare(
            "SELECT name, sha256, bytes FROM attempt_files WHERE attempt_id = ?1 ORDER BY name",
        )?;
        let rows = stmt.query_map([a.id], |r| {
            Ok(BundledFile {
                name: r.get(0)?,
                sha256: r.get(1)?,
                hex: hex(&r.get::<_, Vec<u8>>(2)?),
            })
        })?;
        for row in rows {
            files.push(row?);
        }
        Ok(BundledAttempt {
            uuid: extra.uuid.clone().unwrap_or_default(),
            scenario_id: a.scenario_id.clone(),
            scenario_hash: a.scenario_hash.clone(),
            scenario_source: source,
            seed: a.seed,
            trainee_uuid: trainee_uuid.unwrap_or_default(),
            assessment_uuid,
            position: position.map(|p| p.clamp(0, u32::MAX as i64) as u32),
            started_at: a.started_at_ms,
            finished_at,
            status: match a.status {
                super::Status::Finished => "finished".into(),
                super::Status::Closed | super::Status::Open => "closed".into(),
            },
            grade_json,
            program_version: a.program_version.clone(),
            origin: extra.origin.clone().unwrap_or_default(),
            time_limit_ms: extra.time_limit_ms,
            deadline_at: extra.deadline_at,
            ended_by: extra.ended_by.clone(),
            actions,
            files,
        })
    }

    /// Replays a bundled attempt: `Ok(())` when its record holds together and the replay
    /// gives the grade it claims.
    fn check_bundled(b: &BundledAttempt) -> std::result::Result<(), Msg> {
        if uuid::Uuid::parse_str(&b.uuid).is_err() {
            return Err(Msg::new("bundle-bad-uuid"));
        }
        if content_hash(b.scenario_source.as_bytes()) != b.scenario_hash {
            return Err(Msg::new("verify-hash"));
        }
        let mut loaded = load_str(&b.scenario_source, &b.scenario_id)
            .map_err(|_| Msg::new("verify-scenario-invalid"))?;
        if loaded.scenario.id != b.scenario_id {
            return Err(Msg::new("verify-scenario-invalid"));
        }
        for f in &b.files {
            let bytes = unhex(&f.hex).ok_or_else(|| Msg::new("verify-hash"))?;
            if content_hash(&bytes) != f.sha256 {
                return Err(Msg::new("verify-hash"));
            }
            loaded
                .scenario
                .attachments
                .0
                .insert(f.name.clone(), std::sync::Arc::new(bytes));
        }
        let mut log = Vec::new();
        for (i, a) in b.actions.iter().enumerate() {
            let action = super::decode_action(&a.action)
                .map_err(|_| Msg::new("verify-refused").int("n", (i + 1) as u32))?;
            log.push(LoggedAction {
                at_ms: a.at_ms,
                action,
            });
        }
        let ex = Exercise::replay_limited(&loaded.scenario, b.seed, b.time_limit_ms, &log)
            .map_err(|(i, _)| Msg::new("verify-refused").int("n", (i + 1) as u32))?;
        match (b.status.as_str(), &b.grade_json) {
            ("finished", Some(json)) => {
                let claimed: GradeReport =
                    serde_json::from_str(json).map_err(|_| Msg::new("verify-no-grade"))?;
                let replayed = grade(&ex);
                if !ex.is_finished()
                    || !replayed.reads_the_same_as(&claimed)
                    || replayed.score != claimed.score
                {
                    return Err(Msg::new("verify-score")
                        .num("stored", claimed.score, 1)
                        .num("replayed", replayed.score, 1));
                }
                Ok(())
            }
            ("closed", None) if !ex.is_finished() => Ok(()),
            _ => Err(Msg::new("verify-no-grade")),
        }
    }

    /// Imports a bundle: each attempt replayed, kept if it gives its claimed grade, once.
    /// Refusals are written in the audit log.
    ///
    /// An attempt made for an assessment counts here only when it was played on the
    /// text this store pinned for that item (or, where nobody has started the item here,
    /// on the official scenario, which is then pinned); otherwise it is kept as a free
    /// attempt, said in the outcome.
    pub fn import_bundle(
        &self,
        bundle: &Bundle,
        file_digest: &str,
        official: &super::Official,
    ) -> Result<ImportOutcome> {
        let mut out = ImportOutcome::default();
        for b in &bundle.attempts {
            let existing: Option<i64> = self
                .conn
                .query_row("SELECT id FROM attempts WHERE uuid = ?1", [&b.uuid], |r| {
                    r.get(0)
                })
                .optional()?;
            if let Some(id) = existing {
                // The same attempt again: fine if it is the same, refused if not.
                let here = self.export_one(id)?;
                if here.as_ref().map(BundledAttempt::digest) == Some(b.digest()) {
                    out.already.push(b.uuid.clone());
                } else {
                    let m = Msg::new("bundle-conflict");
                    self.audit("bundle_refused", &b.uuid, &m.key)?;
                    out.refused.push((b.uuid.clone(), m));
                }
                continue;
            }
            if let Err(m) = Self::check_bundled(b) {
                self.audit(
                    "bundle_refused",
                    &b.uuid,
                    &format!("{} from {}", m.key, bundle.install),
                )?;
                out.refused.push((b.uuid.clone(), m));
                continue;
            }
            if !self.insert_bundled(b, &bundle.install, file_digest, official)? {
                out.not_counted.push(b.uuid.clone());
            }
            out.accepted.push(b.uuid.clone());
        }
        self.audit(
            "bundle_import",
            &bundle.install,
            &format!(
                "{} accepted, {} already here, {} refused",
                out.accepted.len(),
                out.already.len(),
                out.refused.len()
            ),
        )?;
        Ok(out)
    }

    /// One stored attempt as a bundle would carry it.
    fn export_one(&self, id: i64) -> Result<Option<BundledAttempt>> {
        match self.attempts()?.into_iter().find(|a| a.id == id) {
            Some(a) => Ok(Some(self.bundled(&a)?)),
            None => Ok(None),
        }
    }

    /// Stores an accepted attempt; false when it was made for an assessment but cannot
    /// count for it here.
    fn insert_bundled(
        &self,
        b: &BundledAttempt,
        install: &str,
        file_digest: &str,
        official: &super::Official,
    ) -> Result<bool> {
        self.write(|| self.insert_bundled_records(b, install, file_digest, official))
    }

    fn insert_bundled_records(
        &self,
        b: &BundledAttempt,
        install: &str,
        file_digest: &str,
        official: &super::Official,
    ) -> Result<bool> {
        // The trainee by pseudonym; one not on this list yet is added without a name.
        let trainee_id: Option<i64> = if b.trainee_uuid.is_empty() {
            None
        } else {
            let found: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM trainees WHERE uuid = ?1",
                    [&b.trainee_uuid],
                    |r| r.get(0),
                )
                .optional()?;
            match found {
                Some(id) => Some(id),
                None => {
                    self.conn.execute(
                        "INSERT INTO trainees (uuid, created_at) VALUES (?1, ?2)",
                        params![b.trainee_uuid, self.now()],
                    )?;
                    let id = self.conn.last_insert_rowid();
                    self.seal_person(id)?;
                    Some(id)
                }
            }
        };
        // The assignment: the same assessment (its uuid comes from its file's id), item
        // and trainee here.
        let assignment_id: Option<i64> = match (&b.assessment_uuid, b.position, trainee_id) {
            (Some(a), Some(p), Some(t)) => self
                .conn
                .query_row(
                    "SELECT g.id FROM assignments g JOIN assessments s ON s.id = g.assessment_id
                     WHERE s.uuid = ?1 AND g.position = ?2 AND g.trainee_id = ?3",
                    params![a, p as i64, t],
                    |r| r.get(0),
                )
                .optional()?,
            _ => None,
        };
        // Held to the text pinned here, or pinned now from the official scenario.
        let assignment_id = match assignment_id {
            Some(g) => {
                let (assessment, position, pinned): (i64, i64, Option<String>) = self.conn.query_row(
                    "SELECT g.assessment_id, g.position, i.scenario_hash FROM assignments g
                     JOIN assessment_items i ON i.assessment_id = g.assessment_id AND i.position = g.position
                     WHERE g.id = ?1",
                    [g],
                    |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
                )?;
                match pinned {
                    Some(h) if h == b.scenario_hash => Some(g),
                    Some(_) => None,
                    None if official
                        .get(&b.scenario_id)
                        .is_some_and(|(h, _)| *h == b.scenario_hash) =>
                    {
                        match self.assessments()?.into_iter().find(|a| a.id == assessment) {
                            Some(a) => {
                                self.pin_item(
                                    &a,
                                    position.clamp(0, u32::MAX as i64) as u32,
                                    &b.scenario_source,
                                    &b.scenario_hash,
                                )?;
                                Some(g)
                            }
                            None => None,
                        }
                    }
                    None => None,
                }
            }
            None => None,
        };
        let counted = assignment_id.is_some() || b.assessment_uuid.is_none();
        let grade: Option<GradeReport> = b
            .grade_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok());
        let name = if b.trainee_uuid.is_empty() {
            "?".to_string()
        } else {
            b.trainee_uuid.clone()
        };
        self.conn.execute(
            "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee,
                 started_at, status, finished_at, score, passed, grade_json, program_version,
                 uuid, origin, trainee_id, assignment_id, time_limit_ms, deadline_at, ended_by,
                 scenario_path, received_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19, NULL, ?20)",
            params![
                b.scenario_id,
                b.scenario_hash,
                b.scenario_source,
                self.seed_to_store(&b.uuid, assignment_id.is_some(), b.seed),
                name,
                b.started_at,
                b.status,
                b.finished_at,
                grade.as_ref().map(|g| g.score),
                grade.as_ref().map(|g| g.passed),
                b.grade_json,
                b.program_version,
                b.uuid,
                b.origin,
                trainee_id,
                assignment_id,
                b.time_limit_ms.map(|v| v as i64),
                b.deadline_at,
                b.ended_by,
                format!("{install}:{file_digest}"),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let mut prev = String::new();
        for (seq, a) in b.actions.iter().enumerate() {
            let mac = self.key.as_ref().map(|key| {
                Self::action_mac(
                    key,
                    &b.uuid,
                    seq as i64,
                    a.at_ms as i64,
                    a.recorded_at,
                    &a.action,
                    &prev,
                )
            });
            prev = mac.clone().unwrap_or_default();
            self.conn.execute(
                "INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, seq as i64, a.at_ms as i64, a.recorded_at, a.action, mac],
            )?;
        }
        for f in &b.files {
            let bytes = unhex(&f.hex).ok_or(RecordsError::Corrupt {
                id,
                detail: "file".into(),
            })?;
            self.conn.execute(
                "INSERT INTO attempt_files (attempt_id, name, sha256, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![id, f.name, f.sha256, bytes],
            )?;
        }
        self.seal_attempt(id, SealKind::Start)?;
        self.store_code(id)?;
        self.seal_attempt(id, SealKind::End)?;
        Ok(counted)
    }
}
