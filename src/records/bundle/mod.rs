//! Attempt bundles: how results travel from a seat to the trainer's PC (on a USB key, or
//! a shared folder) without sharing the database file. A bundle holds, per finished
//! attempt, its record, the scenario's text and files, the action log and the grade the
//! seat claims; the receiving store **replays each attempt** and keeps it only when the
//! replay gives the claimed grade. Merging is a union keyed by the attempt's uuid: the
//! same bundle twice, or three seats in any order, give each attempt once.
//!
//! A bundle is the seat's word, unsigned: an attempt made for an assessment is held to
//! the assignment the receiving store knows (its assessment, item and trainee, its own
//! draw, window, attempts allowed and time limit), never to what the bundle says of them,
//! and each mismatch is refused with its reason and a line in the audit log.
//!
//! Names do not travel: the trainee is their pseudonym.

mod import;

use super::sql::OptionalExtension;
use serde::{Deserialize, Serialize};

use super::seal::{hex, sha256};
use super::{Db, Result};
use crate::i18n::Msg;

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
    /// and grade; not where each store filed it, nor the time limit and deadline each
    /// store gives it): two copies with the same uuid are the same attempt only if this
    /// agrees.
    pub fn digest(&self) -> String {
        let mut core = self.clone();
        core.assessment_uuid = None;
        core.position = None;
        core.time_limit_ms = None;
        core.deadline_at = None;
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
    /// Accepted, with something the trainer must know (attempt uuid, what): played with
    /// less time than this school gives the trainee.
    pub notes: Vec<(String, Msg)>,
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

    /// Whether an attempt came here in a seat's bundle (rather than being played here).
    pub fn received_by_bundle(&self, attempt: i64) -> Result<bool> {
        if !super::settings::has_column(&self.conn, "attempts", "received_from")? {
            return Ok(false);
        }
        Ok(self
            .conn
            .query_row(
                "SELECT received_from IS NOT NULL FROM attempts WHERE id = ?1",
                [attempt],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or(false))
    }

    /// One stored attempt as a bundle would carry it.
    fn export_one(&self, id: i64) -> Result<Option<BundledAttempt>> {
        match self.attempts()?.into_iter().find(|a| a.id == id) {
            Some(a) => Ok(Some(self.bundled(&a)?)),
            None => Ok(None),
        }
    }
}
