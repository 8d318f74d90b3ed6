//! Assessments in the store: made, pinned, assigned, opened to an attempt, listed with
//! what each trainee may see (the `Db` methods on assessments; the file's shape, its
//! checks and the seeds in `mod.rs`).

use std::path::Path;

use crate::records::sql::{OptionalExtension, params};

use crate::exercise::Exercise;
use crate::i18n::Msg;
use crate::limits::MAX_TIME_LIMIT_MIN;
use crate::records::dates::parse_moment;
use crate::records::people::{Cohort, SchoolError, Trainee};
use crate::records::settings::new_uuid;
use crate::records::{Db, Session, chain};
use crate::scenario::{LoadedScenario, load_str};

use super::*;

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
        self.assessment(&spec.id)?.ok_or(SchoolError::Records(
            crate::records::RecordsError::NotFound(id),
        ))
    }

    /// The seed an assessment's others are drawn from: the file's own, else one the
    /// school's key makes from the assessment's id (so nobody can work it out from the
    /// file and the documentation, and the file created again in this school gives the
    /// same); without a key, one made from the id alone.
    pub fn base_seed_for(&self, spec: &AssessmentSpec) -> u64 {
        match (spec.base_seed, &self.key) {
            (Some(s), _) => s,
            (None, Some(key)) => seed_of(&crate::records::seal::hmac(
                &key.bytes,
                format!("fibrelab assessment base seed {}", spec.id).as_bytes(),
            )),
            (None, None) => spec.base_seed(),
        }
    }

    /// Gives every member of the cohort each item (a trainee who joined later too):
    /// written, and sealed, only when someone has an item missing.
    fn assign_members(&self, assessment: i64, cohort: &Cohort) -> crate::records::Result<()> {
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

    pub fn assessments(&self) -> crate::records::Result<Vec<Assessment>> {
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
    pub fn assessment(&self, key: &str) -> crate::records::Result<Option<Assessment>> {
        let key = key.trim();
        Ok(self
            .assessments()?
            .into_iter()
            .find(|a| a.key == key || a.uuid == key || a.id.to_string() == key))
    }

    pub fn close_assessment(&self, a: &Assessment) -> crate::records::Result<()> {
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
    pub fn assignments(&self, a: &Assessment) -> crate::records::Result<Vec<Assignment>> {
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
    pub fn assignments_of(
        &self,
        t: &Trainee,
    ) -> crate::records::Result<Vec<(Assessment, Assignment)>> {
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
    pub(crate) fn pinned(
        &self,
        assessment: i64,
        position: u32,
    ) -> crate::records::Result<Option<LoadedScenario>> {
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
                crate::records::RecordsError::Corrupt {
                    id: assessment,
                    detail: d.first().map(|d| d.msg.to_string()).unwrap_or_default(),
                }
            })?)),
            Some((None, _)) | None => Ok(None),
        }
    }

    /// Pins an item's scenario (its text and hash, for every later attempt) and locks the
    /// assessment, sealed; nothing when it was pinned already.
    pub(crate) fn pin_item(
        &self,
        a: &Assessment,
        position: u32,
        source: &str,
        hash: &str,
    ) -> crate::records::Result<()> {
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
    pub fn pinned_hashes(&self) -> crate::records::Result<Vec<(String, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT scenario_id, scenario_hash FROM assessment_items WHERE scenario_hash IS NOT NULL",
        )?;
        let rows = stmt.query_map([], |r| Ok((r.get(0)?, r.get(1)?)))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Whether a scenario id is given in an assessment not yet closed: its seeds and drawn
    /// values are then not printed for anyone who can run `play`.
    pub fn in_open_assessment(&self, scenario_id: &str) -> crate::records::Result<bool> {
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
            crate::records::Origin::App,
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

impl Db {
    /// What the trainee may see of this attempt's grade now, by its assessment's
    /// feedback policy (everything for a free attempt).
    pub fn feedback_view(&self, attempt: i64) -> crate::records::Result<FeedbackView> {
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

impl Db {
    /// Each assignment of an assessment with its last attempt: not started, under way
    /// (since when, how many actions, the time left, the last gesture), finished (its
    /// score).
    pub fn assessment_status(
        &self,
        a: &Assessment,
    ) -> crate::records::Result<Vec<AssignmentState>> {
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
                                "open" => crate::records::Status::Open,
                                "finished" => crate::records::Status::Finished,
                                _ => crate::records::Status::Closed,
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
    pub fn open_attempt_of(&self, assignment: i64) -> crate::records::Result<Option<i64>> {
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
