//! Assessment sessions: a trainer gives a cohort scenarios to do within a window, under a
//! time limit, a number of attempts, a seed policy and a feedback policy. Written as a RON
//! file (`assessments/*.ron`) and checked like a scenario, or made from the command line.
//!
//! The scenarios are pinned when the first attempt starts: their text and hash are kept
//! with the assessment, and every attempt of it plays that text.

use std::path::Path;

use super::sql::{OptionalExtension, params};
use serde::{Deserialize, Serialize};

use super::dates::parse_moment;
use super::people::{Cohort, SchoolError, Trainee};
use super::seal::sha256;
use super::settings::new_uuid;
use super::{Db, Session, chain};
use crate::exercise::Exercise;
use crate::i18n::Msg;
use crate::limits::{MAX_ASSESSMENT_ATTEMPTS, MAX_ASSESSMENT_ITEMS, MAX_TIME_LIMIT_MIN};
use crate::scenario::locate::{PathIndex, Pos};
use crate::scenario::{Diagnostic, LoadedScenario, load_str};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Kind {
    Practice,
    Formative,
    Ecf,
    Final,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::Practice => "practice",
            Kind::Formative => "formative",
            Kind::Ecf => "ecf",
            Kind::Final => "final",
        }
    }
    fn parse(s: &str) -> Option<Kind> {
        [Kind::Practice, Kind::Formative, Kind::Ecf, Kind::Final]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

/// How each attempt's seed is chosen.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeedPolicy {
    /// The base seed for everyone: one variant the cohort can be compared on.
    Fixed,
    /// One per trainee, from the assessment, the item and the trainee's pseudonym: the
    /// neighbour has another variant, and the assessment re-created from its file gives
    /// the same seeds.
    #[default]
    PerTrainee,
    /// One per attempt: a retry is a new variant.
    PerAttempt,
}

impl SeedPolicy {
    pub fn code(self) -> &'static str {
        match self {
            SeedPolicy::Fixed => "fixed",
            SeedPolicy::PerTrainee => "per_trainee",
            SeedPolicy::PerAttempt => "per_attempt",
        }
    }
    pub fn parse(s: &str) -> Option<SeedPolicy> {
        let s = s.replace('-', "_");
        [
            SeedPolicy::Fixed,
            SeedPolicy::PerTrainee,
            SeedPolicy::PerAttempt,
        ]
        .into_iter()
        .find(|k| k.code() == s)
    }
}

/// When the trainee sees the grade.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Feedback {
    Immediate,
    #[default]
    AfterClose,
    None,
}

impl Feedback {
    pub fn code(self) -> &'static str {
        match self {
            Feedback::Immediate => "immediate",
            Feedback::AfterClose => "after_close",
            Feedback::None => "none",
        }
    }
    pub fn parse(s: &str) -> Option<Feedback> {
        let s = s.replace('-', "_");
        [Feedback::Immediate, Feedback::AfterClose, Feedback::None]
            .into_iter()
            .find(|k| k.code() == s)
    }
}

fn one() -> u32 {
    1
}

fn practice() -> Kind {
    Kind::Formative
}

/// An assessment as a trainer writes it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename = "Assessment")]
pub struct AssessmentSpec {
    /// A short name of the assessment's own, `ecf-mesure-2026-12`: it makes its identity
    /// and its seeds, so the file created again gives the same ones.
    pub id: String,
    pub title: String,
    /// The cohort's name; `assess create --cohort` may give it instead.
    #[serde(default)]
    pub cohort: Option<String>,
    #[serde(default = "practice")]
    pub kind: Kind,
    /// Scenario ids, in the order they are done.
    pub scenarios: Vec<String>,
    /// When it opens and closes, `2026-12-07T08:30+01:00`.
    #[serde(default)]
    pub opens: Option<String>,
    #[serde(default)]
    pub closes: Option<String>,
    /// Minutes per attempt (extra time is given per trainee).
    #[serde(default)]
    pub time_limit_min: Option<u32>,
    #[serde(default = "one")]
    pub attempts: u32,
    #[serde(default)]
    pub seed: SeedPolicy,
    /// The seed the others are drawn from; by default one made from the id.
    #[serde(default)]
    pub base_seed: Option<u64>,
    #[serde(default)]
    pub feedback: Feedback,
}

fn id_ok(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

impl AssessmentSpec {
    /// Problems with the file's values, as (field path, message).
    pub fn problems(&self, known_scenarios: &dyn Fn(&str) -> bool) -> Vec<(String, Msg)> {
        let mut out = Vec::new();
        if !id_ok(&self.id) {
            out.push((
                "id".into(),
                Msg::new("assess-bad-id").text("found", self.id.clone()),
            ));
        }
        if self.title.trim().is_empty() {
            out.push(("title".into(), Msg::new("assess-no-title")));
        }
        if self.scenarios.is_empty() || self.scenarios.len() > MAX_ASSESSMENT_ITEMS {
            out.push((
                "scenarios".into(),
                Msg::new("assess-item-count").int("max", MAX_ASSESSMENT_ITEMS as i64),
            ));
        }
        for (i, s) in self.scenarios.iter().enumerate() {
            if !known_scenarios(s) {
                out.push((
                    format!("scenarios[{i}]"),
                    Msg::new("assess-unknown-scenario").text("id", s.clone()),
                ));
            }
            if self.scenarios[..i].contains(s) {
                out.push((
                    format!("scenarios[{i}]"),
                    Msg::new("assess-scenario-twice").text("id", s.clone()),
                ));
            }
        }
        let mut moment = |field: &str, v: &Option<String>| -> Option<i64> {
            let s = v.as_ref()?;
            match parse_moment(s) {
                Ok(t) => Some(t),
                Err(m) => {
                    out.push((field.to_string(), m));
                    None
                }
            }
        };
        let (opens, closes) = (moment("opens", &self.opens), moment("closes", &self.closes));
        if let (Some(a), Some(b)) = (opens, closes)
            && a >= b
        {
            out.push(("closes".into(), Msg::new("assess-closes-before")));
        }
        if let Some(m) = self.time_limit_min
            && !(1..=MAX_TIME_LIMIT_MIN).contains(&m)
        {
            out.push((
                "time_limit_min".into(),
                Msg::new("assess-bad-limit").int("max", MAX_TIME_LIMIT_MIN as i64),
            ));
        }
        if !(1..=MAX_ASSESSMENT_ATTEMPTS).contains(&self.attempts) {
            out.push((
                "attempts".into(),
                Msg::new("assess-bad-attempts").int("max", MAX_ASSESSMENT_ATTEMPTS as i64),
            ));
        }
        out
    }

    /// The seed everything is drawn from.
    pub fn base_seed(&self) -> u64 {
        self.base_seed.unwrap_or_else(|| {
            seed_of(&sha256(
                format!("fibrelab assessment base seed {}", self.id).as_bytes(),
            ))
        })
    }
}

/// Reads and checks an assessment file: every problem as FILE:LINE:COL.
pub fn parse_spec(
    bytes: &[u8],
    file: &str,
    known_scenarios: &dyn Fn(&str) -> bool,
) -> std::result::Result<AssessmentSpec, Vec<Diagnostic>> {
    let src = crate::scenario::load::text_of(bytes, file).map_err(|d| vec![d])?;
    let spec: AssessmentSpec = crate::scenario::load::parse_ron(src, file).map_err(|d| vec![d])?;
    let problems = spec.problems(known_scenarios);
    if problems.is_empty() {
        return Ok(spec);
    }
    let index = PathIndex::build(src);
    Err(problems
        .into_iter()
        .map(|(path, msg)| Diagnostic {
            file: file.to_string(),
            pos: index.position_of(&path).unwrap_or(Pos { line: 1, col: 1 }),
            path,
            msg,
        })
        .collect())
}

/// An assessment as stored.
#[derive(Clone, Debug, Serialize)]
pub struct Assessment {
    pub id: i64,
    pub uuid: String,
    pub key: String,
    pub cohort: String,
    pub cohort_id: i64,
    pub title: String,
    pub kind: Kind,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub time_limit_s: Option<i64>,
    pub attempts_allowed: u32,
    pub seed: SeedPolicy,
    pub base_seed: u64,
    pub feedback: Feedback,
    pub locked: bool,
    pub closed: bool,
    pub scenarios: Vec<String>,
}

impl Assessment {
    /// Whether the window lets an attempt start at `now`.
    pub fn open_at(&self, now: i64) -> bool {
        !self.closed
            && self.opens_at.is_none_or(|t| now >= t)
            && self.closes_at.is_none_or(|t| now < t)
    }

    /// Whether the trainee may see a grade of it at `now`.
    pub fn feedback_shown(&self, now: i64) -> bool {
        match self.feedback {
            Feedback::Immediate => true,
            Feedback::AfterClose => self.closed || self.closes_at.is_some_and(|t| now >= t),
            Feedback::None => false,
        }
    }
}

/// One trainee's item of an assessment, with what they did of it.
#[derive(Clone, Debug, Serialize)]
pub struct Assignment {
    pub id: i64,
    pub uuid: String,
    pub assessment_id: i64,
    pub position: u32,
    pub scenario_id: String,
    pub trainee_id: i64,
    pub trainee_uuid: String,
    pub extra_time_s: i64,
    /// The seed of the trainee's next attempt (for the trainer only).
    pub seed: u64,
    pub attempts_used: u32,
}

/// The seed of a trainee's attempt at an item, by the assessment's policy: SHA-256 of the
/// base seed, the assessment's key, the item and the trainee's pseudonym (and the attempt
/// number when each attempt has its own), its first 8 bytes.
///
/// A retry is always a new draw, whatever the policy: a first attempt at the very draw
/// of the second would be its rehearsal (its measurements, the second's answer key). The
/// policies differ in who shares a draw: everyone at the same attempt number (`Fixed`),
/// nobody (`PerTrainee`, `PerAttempt`, which differ in the first attempt's formula only).
pub fn seed_for(a: &Assessment, position: u32, trainee_uuid: &str, attempt_no: u32) -> u64 {
    let retry = attempt_no > 1;
    let text = match a.seed {
        SeedPolicy::Fixed if !retry => return a.base_seed,
        SeedPolicy::Fixed => format!(
            "{}|{}|{}|retry|{}",
            a.base_seed, a.key, position, attempt_no
        ),
        SeedPolicy::PerTrainee if !retry => {
            format!("{}|{}|{}|{}", a.base_seed, a.key, position, trainee_uuid)
        }
        SeedPolicy::PerTrainee | SeedPolicy::PerAttempt => format!(
            "{}|{}|{}|{}|{}",
            a.base_seed, a.key, position, trainee_uuid, attempt_no
        ),
    };
    seed_of(&sha256(text.as_bytes()))
}

/// An assessment file's text with its base seed's digits taken out (the seed itself is
/// kept under the school's key).
fn without_base_seed(source: &str) -> String {
    source
        .lines()
        .map(|line| match line.find("base_seed") {
            Some(i) => {
                let (head, tail) = line.split_at(i);
                let tail: String = tail
                    .chars()
                    .map(|c| if c.is_ascii_digit() { '#' } else { c })
                    .collect();
                format!("{head}{tail}")
            }
            None => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// A seed from a digest: its first 8 bytes, little-endian.
fn seed_of(h: &[u8; 32]) -> u64 {
    u64::from_le_bytes([h[0], h[1], h[2], h[3], h[4], h[5], h[6], h[7]])
}

/// Why an assessment attempt cannot start.
fn refuse(key: &str) -> SchoolError {
    SchoolError::Invalid(Msg::new(key))
}

impl Db {
    /// Creates an assessment for a cohort, with an assignment per member and item.
    /// `replace`: an assessment of the same id not yet started is made again.
    pub fn create_assessment(
        &self,
        spec: &AssessmentSpec,
        cohort: &Cohort,
        source: Option<&str>,
        replace: bool,
    ) -> std::result::Result<Assessment, SchoolError> {
        if let Some(old) = self.assessment(&spec.id)? {
            if !replace {
                return Err(SchoolError::Invalid(
                    Msg::new("assess-exists").text("id", spec.id.clone()),
                ));
            }
            if old.locked {
                return Err(SchoolError::Invalid(
                    Msg::new("assess-locked").text("id", spec.id.clone()),
                ));
            }
            self.write(|| {
                let assignments: Vec<String> = {
                    let mut stmt = self
                        .conn
                        .prepare("SELECT uuid FROM assignments WHERE assessment_id = ?1")?;
                    let rows = stmt.query_map([old.id], |r| r.get(0))?;
                    rows.collect::<std::result::Result<_, _>>()?
                };
                self.conn
                    .execute("DELETE FROM assignments WHERE assessment_id = ?1", [old.id])?;
                self.conn.execute(
                    "DELETE FROM assessment_items WHERE assessment_id = ?1",
                    [old.id],
                )?;
                self.conn
                    .execute("DELETE FROM assessments WHERE id = ?1", [old.id])?;
                // Sealed as gone: removed by FibreLab, not behind its back.
                for g in &assignments {
                    self.seal_record(&chain::ASSIGNMENT, g, [g])?;
                }
                for p in 0..old.scenarios.len() as i64 {
                    self.seal_record(
                        &chain::ITEM,
                        &format!("{}/{p}", old.uuid),
                        params![old.uuid, p],
                    )?;
                }
                self.seal_record(&chain::ASSESSMENT, &old.uuid, [&old.uuid])
            })?;
        }
        let parse = |v: &Option<String>| -> std::result::Result<Option<i64>, SchoolError> {
            v.as_deref()
                .map(parse_moment)
                .transpose()
                .map_err(SchoolError::Invalid)
        };
        let (opens, closes) = (parse(&spec.opens)?, parse(&spec.closes)?);
        // The identity comes from the id, so the file created again is the same assessment.
        let uuid = uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("https://fibrelab.invalid/assessment/{}", spec.id).as_bytes(),
        )
        .to_string();
        let base_seed = self.base_seed_stored(&uuid, self.base_seed_for(spec));
        // The file as written, but for its base seed (kept under the key above).
        let source = source.map(|s| match spec.base_seed {
            Some(_) => without_base_seed(s),
            None => s.to_string(),
        });
        let id = self.write(|| {
        self.conn.execute(
            "INSERT INTO assessments (uuid, key, cohort_id, title, kind, opens_at, closes_at,
                 time_limit_s, attempts_allowed, seed_policy, base_seed, feedback, source,
                 created_by, created_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'trainer', ?14)",
            params![
                uuid,
                spec.id,
                cohort.id,
                spec.title.trim(),
                spec.kind.code(),
                opens,
                closes,
                spec.time_limit_min.map(|m| m as i64 * 60),
                spec.attempts,
                spec.seed.code(),
                base_seed as i64,
                spec.feedback.code(),
                source,
                self.now(),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        self.seal_record(&chain::ASSESSMENT, &uuid, [&uuid])?;
        for (i, s) in spec.scenarios.iter().enumerate() {
            self.conn.execute(
                "INSERT INTO assessment_items (assessment_id, position, scenario_id) VALUES (?1, ?2, ?3)",
                params![id, i as i64, s],
            )?;
            self.seal_record(&chain::ITEM, &format!("{uuid}/{i}"), params![uuid, i as i64])?;
        }
        self.assign_members(id, cohort)?;
        self.audit("assess_create", &spec.id, &cohort.name)?;
        Ok(id)
        })?;
        self.assessment(&spec.id)?
            .ok_or(SchoolError::Records(super::RecordsError::NotFound(id)))
    }

    /// The seed an assessment's others are drawn from: the file's own, else one the
    /// school's key makes from the assessment's id (so nobody can work it out from the
    /// file and the documentation, and the file created again in this school gives the
    /// same); without a key, one made from the id alone.
    pub fn base_seed_for(&self, spec: &AssessmentSpec) -> u64 {
        match (spec.base_seed, &self.key) {
            (Some(s), _) => s,
            (None, Some(key)) => seed_of(&super::seal::hmac(
                &key.bytes,
                format!("fibrelab assessment base seed {}", spec.id).as_bytes(),
            )),
            (None, None) => spec.base_seed(),
        }
    }

    /// Gives every member of the cohort each item (a trainee who joined later too):
    /// written, and sealed, only when someone has an item missing.
    fn assign_members(&self, assessment: i64, cohort: &Cohort) -> super::Result<()> {
        let missing: Vec<(i64, i64)> = {
            let mut stmt = self.conn.prepare_cached(
                "SELECT m.trainee_id, i.position FROM cohort_members m
                 JOIN trainees t ON t.id = m.trainee_id
                 JOIN assessment_items i ON i.assessment_id = ?1
                 WHERE m.cohort_id = ?2 AND m.left_at IS NULL AND t.archived_at IS NULL
                   AND NOT EXISTS (SELECT 1 FROM assignments g WHERE g.assessment_id = ?1
                                   AND g.position = i.position AND g.trainee_id = m.trainee_id)",
            )?;
            let rows = stmt.query_map(params![assessment, cohort.id], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        if missing.is_empty() {
            return Ok(());
        }
        self.write(|| {
            for (trainee, position) in &missing {
                let uuid = new_uuid();
                let n = self.conn.execute(
                    "INSERT OR IGNORE INTO assignments (uuid, assessment_id, position, trainee_id)
                     VALUES (?1, ?2, ?3, ?4)",
                    params![uuid, assessment, position, trainee],
                )?;
                if n > 0 {
                    self.seal_record(&chain::ASSIGNMENT, &uuid, [&uuid])?;
                }
            }
            Ok(())
        })
    }

    pub fn assessments(&self) -> super::Result<Vec<Assessment>> {
        let mut stmt = self.conn.prepare(
            "SELECT a.id, a.uuid, a.key, c.name, a.cohort_id, a.title, a.kind, a.opens_at,
                    a.closes_at, a.time_limit_s, a.attempts_allowed, a.seed_policy, a.base_seed,
                    a.feedback, a.locked_at IS NOT NULL, a.closed_at IS NOT NULL
             FROM assessments a JOIN cohorts c ON c.id = a.cohort_id ORDER BY a.id",
        )?;
        let rows = stmt.query_map([], |r| {
            let kind: String = r.get(6)?;
            let seed: String = r.get(11)?;
            let feedback: String = r.get(13)?;
            Ok(Assessment {
                id: r.get(0)?,
                uuid: r.get(1)?,
                key: r.get(2)?,
                cohort: r.get(3)?,
                cohort_id: r.get(4)?,
                title: r.get(5)?,
                kind: Kind::parse(&kind).unwrap_or(Kind::Formative),
                opens_at: r.get(7)?,
                closes_at: r.get(8)?,
                time_limit_s: r.get(9)?,
                attempts_allowed: r.get::<_, i64>(10)?.clamp(0, u32::MAX as i64) as u32,
                seed: SeedPolicy::parse(&seed).unwrap_or_default(),
                base_seed: self
                    .base_seed_stored(&r.get::<_, String>(1)?, r.get::<_, i64>(12)? as u64),
                feedback: Feedback::parse(&feedback).unwrap_or_default(),
                locked: r.get(14)?,
                closed: r.get(15)?,
                scenarios: Vec::new(),
            })
        })?;
        let mut out: Vec<Assessment> = rows.collect::<std::result::Result<_, _>>()?;
        for a in &mut out {
            let mut stmt = self.conn.prepare(
                "SELECT scenario_id FROM assessment_items WHERE assessment_id = ?1 ORDER BY position",
            )?;
            let ids = stmt.query_map([a.id], |r| r.get::<_, String>(0))?;
            a.scenarios = ids.collect::<std::result::Result<_, _>>()?;
        }
        Ok(out)
    }

    /// An assessment by its id (`ecf-mesure`), uuid or number.
    pub fn assessment(&self, key: &str) -> super::Result<Option<Assessment>> {
        let key = key.trim();
        Ok(self
            .assessments()?
            .into_iter()
            .find(|a| a.key == key || a.uuid == key || a.id.to_string() == key))
    }

    pub fn close_assessment(&self, a: &Assessment) -> super::Result<()> {
        self.write(|| {
            self.conn.execute(
                "UPDATE assessments SET closed_at = ?2 WHERE id = ?1 AND closed_at IS NULL",
                params![a.id, self.now()],
            )?;
            self.seal_record(&chain::ASSESSMENT, &a.uuid, [&a.uuid])?;
            self.audit("assess_close", &a.key, "")
        })
    }

    /// Gives a trainee extra time on every item of an assessment (an *aménagement*).
    pub fn extend(
        &self,
        a: &Assessment,
        t: &Trainee,
        minutes: u32,
    ) -> std::result::Result<(), SchoolError> {
        if minutes > MAX_TIME_LIMIT_MIN {
            return Err(SchoolError::Invalid(
                Msg::new("assess-bad-limit").int("max", MAX_TIME_LIMIT_MIN as i64),
            ));
        }
        let done = self.write(|| {
            let mine: Vec<String> = {
                let mut stmt = self.conn.prepare(
                    "SELECT uuid FROM assignments WHERE assessment_id = ?1 AND trainee_id = ?2",
                )?;
                let rows = stmt.query_map(params![a.id, t.id], |r| r.get(0))?;
                rows.collect::<std::result::Result<_, _>>()?
            };
            if mine.is_empty() {
                return Ok(false);
            }
            self.conn.execute(
                "UPDATE assignments SET extra_time_s = ?3 WHERE assessment_id = ?1 AND trainee_id = ?2",
                params![a.id, t.id, minutes as i64 * 60],
            )?;
            for g in &mine {
                self.seal_record(&chain::ASSIGNMENT, g, [g])?;
            }
            self.audit(
                "assess_extend",
                &a.key,
                &format!("{} +{minutes} min", t.uuid),
            )?;
            Ok(true)
        })?;
        if !done {
            return Err(refuse("assess-not-assigned"));
        }
        Ok(())
    }

    /// An assessment's assignments, each with its trainee's next seed.
    pub fn assignments(&self, a: &Assessment) -> super::Result<Vec<Assignment>> {
        let mut stmt = self.conn.prepare(
            "SELECT g.id, g.uuid, g.position, i.scenario_id, g.trainee_id, t.uuid, g.extra_time_s,
                    (SELECT COUNT(*) FROM attempts x WHERE x.assignment_id = g.id)
             FROM assignments g
             JOIN assessment_items i ON i.assessment_id = g.assessment_id AND i.position = g.position
             JOIN trainees t ON t.id = g.trainee_id
             WHERE g.assessment_id = ?1 ORDER BY t.display_name COLLATE NOCASE, t.id, g.position",
        )?;
        let rows = stmt.query_map([a.id], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, i64>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, i64>(6)?,
                r.get::<_, i64>(7)?,
            ))
        })?;
        let mut out = Vec::new();
        for row in rows {
            let (id, uuid, position, scenario_id, trainee_id, trainee_uuid, extra, used) = row?;
            let position = position.clamp(0, u32::MAX as i64) as u32;
            let used = used.clamp(0, u32::MAX as i64) as u32;
            out.push(Assignment {
                id,
                uuid,
                assessment_id: a.id,
                position,
                seed: seed_for(a, position, &trainee_uuid, used + 1),
                scenario_id,
                trainee_id,
                trainee_uuid,
                extra_time_s: extra,
                attempts_used: used,
            });
        }
        Ok(out)
    }

    /// The assignments of one trainee, across the assessments of their cohorts.
    pub fn assignments_of(&self, t: &Trainee) -> super::Result<Vec<(Assessment, Assignment)>> {
        let mut out = Vec::new();
        for a in self.assessments()? {
            if let Some(cohort) = self.cohort(&a.cohort)?
                && self
                    .trainees(Some(&cohort), false)?
                    .iter()
                    .any(|m| m.id == t.id)
            {
                self.assign_members(a.id, &cohort)?;
            }
            for g in self.assignments(&a)? {
                if g.trainee_id == t.id {
                    out.push((a.clone(), g));
                }
            }
        }
        Ok(out)
    }

    /// The scenario of an item as pinned at the first attempt, or `None` before it.
    pub(super) fn pinned(
        &self,
        assessment: i64,
        position: u32,
    ) -> super::Result<Option<LoadedScenario>> {
        let row: Option<(Option<String>, String)> = self
            .conn
            .query_row(
                "SELECT scenario_source, scenario_id FROM assessment_items
                 WHERE assessment_id = ?1 AND position = ?2",
                params![assessment, position as i64],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        match row {
            Some((Some(source), id)) => Ok(Some(load_str(&source, &id).map_err(|d| {
                super::RecordsError::Corrupt {
                    id: assessment,
                    detail: d.first().map(|d| d.msg.to_string()).unwrap_or_default(),
                }
            })?)),
            Some((None, _)) | None => Ok(None),
        }
    }

    /// Pins an item's scenario (its text and hash, for every later attempt) and locks the
    /// assessment, sealed; nothing when it was pinned already.
    pub(super) fn pin_item(
        &self,
        a: &Assessment,
        position: u32,
        source: &str,
        hash: &str,
    ) -> super::Result<()> {
        self.write(|| {
            let n = self.conn.execute(
                "UPDATE assessment_items SET scenario_source = ?3, scenario_hash = ?4
                 WHERE assessment_id = ?1 AND position = ?2 AND scenario_source IS NULL",
                params![a.id, position as i64, source, hash],
            )?;
            if n > 0 {
                self.seal_record(
                    &chain::ITEM,
                    &format!("{}/{position}", a.uuid),
                    params![a.uuid, position as i64],
                )?;
            }
            let n = self.conn.execute(
                "UPDATE assessments SET locked_at = ?2 WHERE id = ?1 AND locked_at IS NULL",
                params![a.id, self.now()],
            )?;
            if n > 0 {
                self.seal_record(&chain::ASSESSMENT, &a.uuid, [&a.uuid])?;
            }
            Ok(())
        })
    }

    /// The pinned hash of every item of every assessment, by scenario id: the official
    /// versions `verify` holds assessment attempts to.
    pub fn pinned_hashes(&self) -> super::Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT scenario_id, scenario_hash FROM assessment_items WHERE scenario_hash IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Whether a scenario id is given in an assessment not yet closed: its seeds and drawn
    /// values are then not printed for anyone who can run `play`.
    pub fn in_open_assessment(&self, scenario_id: &str) -> super::Result<bool> {
        Ok(self
            .assessments()?
            .iter()
            .any(|a| !a.closed && a.scenarios.iter().any(|s| s == scenario_id)))
    }

    /// The scenario an assignment is sat on, for its briefing: the pinned one, or the
    /// folder's while the assessment has had no attempt (pinned at the first one).
    pub fn assignment_scenario(
        &self,
        assignment: &Assignment,
        scenarios_dir: &Path,
    ) -> std::result::Result<LoadedScenario, SchoolError> {
        match self.pinned(assignment.assessment_id, assignment.position)? {
            Some(l) => Ok(l),
            None => official_scenario(assignment, scenarios_dir),
        }
    }

    /// Starts a trainee's attempt at an assignment, in the app: inside the window, within
    /// the attempts allowed, with the policy's seed, on the pinned scenario (pinned now if
    /// this is the assessment's first attempt, from `scenarios_dir`), under the time limit.
    pub fn start_assignment(
        &self,
        assignment: &Assignment,
        scenarios_dir: &Path,
    ) -> std::result::Result<Session, SchoolError> {
        let a = self
            .assessments()?
            .into_iter()
            .find(|a| a.id == assignment.assessment_id)
            .ok_or(refuse("assess-unknown"))?;
        let now = self.now();
        if a.closed || a.closes_at.is_some_and(|t| now >= t) {
            return Err(refuse("assess-closed"));
        }
        if a.opens_at.is_some_and(|t| now < t) {
            return Err(SchoolError::Invalid(
                Msg::new("assess-not-open").moment_or_dash("opens", a.opens_at),
            ));
        }
        let fresh = self
            .assignments(&a)?
            .into_iter()
            .find(|g| g.id == assignment.id)
            .ok_or(refuse("assess-not-assigned"))?;
        if fresh.attempts_used >= a.attempts_allowed {
            return Err(SchoolError::Invalid(
                Msg::new("assess-no-attempts-left").int("n", a.attempts_allowed as i64),
            ));
        }
        let loaded = match self.pinned(a.id, fresh.position)? {
            Some(l) => l,
            None => {
                let official = official_scenario(&fresh, scenarios_dir)?;
                self.pin_item(&a, fresh.position, &official.source, &official.hash)?;
                official
            }
        };
        let seed = seed_for(
            &a,
            fresh.position,
            &fresh.trainee_uuid,
            fresh.attempts_used + 1,
        );
        let limit_ms = a
            .time_limit_s
            .map(|s| ((s + fresh.extra_time_s).max(0) as u64) * 1000);
        let trainee = self
            .trainee_by_id(fresh.trainee_id)?
            .ok_or(refuse("trainee-unknown"))?;
        let name = trainee.name.clone().unwrap_or_else(|| trainee.uuid.clone());
        let attempt = self.insert_attempt(
            &loaded,
            seed,
            &name,
            super::Origin::App,
            Some((trainee.id, Some(fresh.id))),
            limit_ms,
        )?;
        Ok(Session {
            attempt,
            exercise: Exercise::generate(&loaded.scenario, seed).with_time_limit(limit_ms),
            loaded,
            trainee: name,
            deadline_at: limit_ms.map(|l| now + l as i64),
            remote: None,
            pending: Vec::new(),
            handed_in: false,
            finish_tried: false,
            retry_at: None,
        })
    }
}

/// An assignment's scenario as the scenario folder has it now.
fn official_scenario(
    g: &Assignment,
    scenarios_dir: &Path,
) -> std::result::Result<LoadedScenario, SchoolError> {
    official_by_id(&g.scenario_id, scenarios_dir)
}

/// A scenario as the scenario folder has it now.
fn official_by_id(
    id: &str,
    scenarios_dir: &Path,
) -> std::result::Result<LoadedScenario, SchoolError> {
    crate::scenario::load::load_path(scenarios_dir)
        .into_iter()
        .filter_map(|(_, r)| r.ok())
        .find(|l| l.scenario.id == id)
        .ok_or_else(|| {
            SchoolError::Invalid(Msg::new("assess-unknown-scenario").text("id", id.to_string()))
        })
}

impl Db {
    /// Pins every item of an assessment now, from the scenario folder, and locks it: on
    /// a server the seats start attempts themselves (the seat functions hand them the
    /// pinned text), so the text is fixed when the assessment is made.
    pub fn pin_all_items(
        &self,
        a: &Assessment,
        scenarios_dir: &Path,
    ) -> std::result::Result<(), SchoolError> {
        for (position, id) in a.scenarios.iter().enumerate() {
            let official = official_by_id(id, scenarios_dir)?;
            self.pin_item(a, position as u32, &official.source, &official.hash)?;
        }
        Ok(())
    }

    /// Whether the store is on a server (seats start their attempts there).
    pub fn on_server(&self) -> bool {
        self.conn.is_postgres()
    }
}

/// What a trainee may see of an attempt's grade now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum FeedbackView {
    /// Everything: the grade, each criterion, the true values beside theirs.
    #[default]
    Full,
    /// The score and the verdict only: a classmate may still sit the same draw (a
    /// `Fixed` assessment still open), and the detail would be their answer key.
    ScoreOnly,
    /// Nothing yet (the assessment gives its results after it closes, or never).
    Hidden,
}

impl Db {
    /// What the trainee may see of this attempt's grade now, by its assessment's
    /// feedback policy (everything for a free attempt).
    pub fn feedback_view(&self, attempt: i64) -> super::Result<FeedbackView> {
        let Some(g) = self.extra(attempt)?.assignment_id else {
            return Ok(FeedbackView::Full);
        };
        let now = self.now();
        let found: Option<i64> = self
            .conn
            .query_row(
                "SELECT assessment_id FROM assignments WHERE id = ?1",
                [g],
                |r| r.get(0),
            )
            .optional()?;
        let Some(a) = found.and_then(|id| {
            self.assessments()
                .ok()
                .and_then(|all| all.into_iter().find(|a| a.id == id))
        }) else {
            return Ok(FeedbackView::Hidden);
        };
        Ok(a.feedback_view(now))
    }
}

impl Assessment {
    /// What a trainee may see of a grade of this assessment at `now`: nothing before the
    /// policy allows; the score only while a classmate may still sit the very same draw
    /// (`Fixed`: the detail would be their answer key); everything otherwise (a retry is
    /// always a new draw, [`seed_for`]).
    pub fn feedback_view(&self, now: i64) -> FeedbackView {
        if !self.feedback_shown(now) {
            FeedbackView::Hidden
        } else if self.seed == SeedPolicy::Fixed && self.open_at(now) {
            FeedbackView::ScoreOnly
        } else {
            FeedbackView::Full
        }
    }
}

/// Where one assignment stands, for the trainer's live view.
#[derive(Clone, Debug, Serialize)]
pub struct AssignmentState {
    pub assignment: Assignment,
    pub trainee_name: Option<String>,
    /// The last attempt made for it.
    pub last: Option<LastAttempt>,
}

/// An assignment's last attempt, as the trainer's live tab shows it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LastAttempt {
    pub id: i64,
    pub status: super::Status,
    /// When it started, by the store's clock (ms since 1970).
    pub started_at: i64,
    pub actions: i64,
    pub score: Option<f64>,
    /// Its deadline (extra time included), when the assessment has a time limit.
    pub deadline_at: Option<i64>,
    /// When the trainee last did something (the last action recorded, or the start).
    pub active_at: i64,
    /// On the school's server: the actions its seat handed over after losing the server.
    pub offline_actions: i64,
    /// On the school's server: its actions reached the server much faster than its log
    /// says they were made ([`Db::too_fast`]).
    pub too_fast: bool,
}

impl LastAttempt {
    /// Whether an attempt under way has seen nothing done for `IDLE_AFTER_MS` at `now`.
    pub fn idle(&self, now: i64) -> bool {
        self.status == super::Status::Open
            && now - self.active_at >= crate::limits::IDLE_AFTER_MS as i64
    }
}

impl Db {
    /// Each assignment of an assessment with its last attempt: not started, under way
    /// (since when, how many actions, the time left, the last gesture), finished (its
    /// score).
    pub fn assessment_status(&self, a: &Assessment) -> super::Result<Vec<AssignmentState>> {
        let names: std::collections::BTreeMap<i64, Option<String>> = self
            .trainees(None, true)?
            .into_iter()
            .map(|t| (t.id, t.name))
            .collect();
        let mut out = Vec::new();
        for g in self.assignments(a)? {
            let last = self
                .conn
                .query_row(
                    "SELECT x.id, x.status, x.started_at,
                            (SELECT COUNT(*) FROM actions y WHERE y.attempt_id = x.id), x.score,
                            x.deadline_at,
                            COALESCE((SELECT MAX(y.recorded_at) FROM actions y WHERE y.attempt_id = x.id),
                                     x.started_at)
                     FROM attempts x WHERE x.assignment_id = ?1 ORDER BY x.id DESC LIMIT 1",
                    [g.id],
                    |r| {
                        let status: String = r.get(1)?;
                        Ok(LastAttempt {
                            id: r.get(0)?,
                            status: match status.as_str() {
                                "open" => super::Status::Open,
                                "finished" => super::Status::Finished,
                                _ => super::Status::Closed,
                            },
                            started_at: r.get(2)?,
                            actions: r.get(3)?,
                            score: r.get(4)?,
                            deadline_at: r.get(5)?,
                            active_at: r.get(6)?,
                            offline_actions: 0,
                            too_fast: false,
                        })
                    },
                )
                .optional()?;
            let last = match (last, self.conn.is_postgres()) {
                (Some(mut l), true) => {
                    l.offline_actions = self
                        .conn
                        .query_row(
                            "SELECT offline_actions FROM attempt_seats WHERE attempt_id = ?1",
                            [l.id],
                            |r| r.get(0),
                        )
                        .optional()?
                        .unwrap_or(0);
                    l.too_fast = self.too_fast(l.id)?;
                    Some(l)
                }
                (l, _) => l,
            };
            out.push(AssignmentState {
                trainee_name: names.get(&g.trainee_id).cloned().flatten(),
                assignment: g,
                last,
            });
        }
        Ok(out)
    }

    /// The attempt under way at an assignment, if the trainee left one open.
    pub fn open_attempt_of(&self, assignment: i64) -> super::Result<Option<i64>> {
        Ok(self
            .conn
            .query_row(
                "SELECT id FROM attempts WHERE assignment_id = ?1 AND status = 'open'
                 ORDER BY id DESC LIMIT 1",
                [assignment],
                |r| r.get(0),
            )
            .optional()?)
    }
}

/// The seed of an assessment attempt is never shown to the trainee: an assessment
/// scenario's attempts show this instead.
pub const HIDDEN: &str = "—";
