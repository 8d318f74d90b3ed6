//! An attempt in the store: started, its gestures recorded, finished or closed; listed,
//! read back, resumed and reviewed (the `Db` methods on attempts; the store itself,
//! opening and migrating it, in `mod.rs`).

use std::collections::BTreeMap;

use crate::records::sql::{OptionalExtension, params};

use crate::exercise::{Exercise, LoggedAction};
use crate::grading::{GradeReport, grade};
use crate::scenario::load::content_hash;
use crate::scenario::{LoadedScenario, load_str};

use super::*;

impl Db {
    pub fn start_attempt(&self, loaded: &LoadedScenario, seed: u64, trainee: &str) -> Result<i64> {
        self.insert_attempt(loaded, seed, trainee, Origin::Script, None, None)
    }

    /// Stores a new attempt: `link` is the trainee's record and the assignment it is made
    /// for (if any), `limit_ms` the assessment's time for it.
    pub(crate) fn insert_attempt(
        &self,
        loaded: &LoadedScenario,
        seed: u64,
        trainee: &str,
        origin: Origin,
        link: Option<(i64, Option<i64>)>,
        limit_ms: Option<u64>,
    ) -> Result<i64> {
        let now = self.now();
        let uuid = settings::new_uuid();
        let assignment = link.and_then(|l| l.1);
        let stored_seed = self.seed_to_store(&uuid, assignment.is_some(), seed);
        self.write(|| {
        self.conn.execute(
            "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee,
                                   started_at, status, program_version, uuid, origin,
                                   trainee_id, assignment_id, time_limit_ms, deadline_at,
                                   scenario_path)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'open', ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            params![
                loaded.scenario.id,
                loaded.hash,
                loaded.source,
                stored_seed,
                trainee,
                now,
                PROGRAM_VERSION,
                uuid,
                origin.code(),
                link.map(|l| l.0),
                assignment,
                limit_ms.map(|l| l as i64),
                limit_ms.map(|l| now + l as i64),
                loaded.path.as_ref().map(|p| p.display().to_string()),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        // The files the scenario refers to (a real trace) are kept with the attempt, so
        // that it replays the same whatever happens to the scenarios folder.
        for (name, bytes) in &loaded.scenario.attachments.0 {
            self.conn.execute(
                "INSERT INTO attempt_files (attempt_id, name, sha256, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![id, name, content_hash(bytes), bytes.as_slice()],
            )?;
        }
        self.seal_attempt(id, chain::SealKind::Start)?;
        Ok(id)
        })
    }

    /// What format 2 keeps of an attempt (nothing on an older store read as it is).
    pub fn extra(&self, attempt: i64) -> Result<AttemptExtra> {
        if !settings::has_column(&self.conn, "attempts", "scenario_path")? {
            return Ok(AttemptExtra::default());
        }
        Ok(self
            .conn
            .query_row(
                "SELECT uuid, origin, assignment_id, trainee_id, time_limit_ms, deadline_at, ended_by,
                        scenario_path, started_at
                 FROM attempts WHERE id = ?1",
                [attempt],
                |r| {
                    Ok(AttemptExtra {
                        uuid: r.get(0)?,
                        origin: r.get(1)?,
                        assignment_id: r.get(2)?,
                        trainee_id: r.get(3)?,
                        time_limit_ms: r.get::<_, Option<i64>>(4)?.map(|v| v.max(0) as u64),
                        deadline_at: r.get(5)?,
                        ended_by: r.get(6)?,
                        scenario_path: r.get(7)?,
                        started_at: r.get(8)?,
                    })
                },
            )
            .optional()?
            .unwrap_or_default())
    }

    /// Puts back the files stored with an attempt; false if one no longer matches its hash.
    pub(crate) fn attach_stored(&self, attempt: i64, loaded: &mut LoadedScenario) -> Result<bool> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, sha256, bytes FROM attempt_files WHERE attempt_id = ?1")?;
        let rows = stmt.query_map([attempt], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, Vec<u8>>(2)?,
            ))
        })?;
        let mut intact = true;
        for row in rows {
            let (name, sha, bytes) = row?;
            intact &= content_hash(&bytes) == sha;
            loaded
                .scenario
                .attachments
                .0
                .insert(name, std::sync::Arc::new(bytes));
        }
        Ok(intact)
    }

    /// Writes one accepted action, committed before this returns.
    pub fn record_action(&self, attempt: i64, seq: usize, a: &LoggedAction) -> Result<()> {
        let corrupt = |detail: String| RecordsError::Corrupt {
            id: attempt,
            detail,
        };
        let text = encode_action(&a.action).map_err(corrupt)?;
        let at_ms = i64::try_from(a.at_ms)
            .map_err(|_| corrupt(format!("action {seq}: time {} ms out of range", a.at_ms)))?;
        let seq = seq as i64;
        let recorded = self.now();
        self.write(|| {
            let mac = match &self.key {
                Some(key) => {
                    let uuid: String = self.conn.query_row(
                        "SELECT COALESCE(uuid, '') FROM attempts WHERE id = ?1",
                        [attempt],
                        |r| r.get(0),
                    )?;
                    let prev: String = match seq {
                        0 => String::new(),
                        _ => self
                            .conn
                            .query_row(
                                "SELECT mac FROM actions WHERE attempt_id = ?1 AND seq = ?2",
                                params![attempt, seq - 1],
                                |r| r.get::<_, Option<String>>(0),
                            )
                            .optional()?
                            .flatten()
                            .unwrap_or_default(),
                    };
                    let mac = Self::action_mac(key, &uuid, seq, at_ms, recorded, &text, &prev);
                    self.note_open(&uuid, Some((seq, mac.clone())));
                    Some(mac)
                }
                None if self.sealed()? => return Err(RecordsError::KeyNeeded),
                None => None,
            };
            self.conn.execute(
                "INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![attempt, seq, at_ms, recorded, text, mac],
            )?;
            Ok(())
        })
    }

    pub fn finish_attempt(&self, attempt: i64, report: &GradeReport) -> Result<()> {
        self.finish_attempt_by(attempt, report, None)
    }

    /// Stores the grade; `ended_by` says what ended it when the trainee did not
    /// ("time-limit").
    pub(crate) fn finish_attempt_by(
        &self,
        attempt: i64,
        report: &GradeReport,
        ended_by: Option<&str>,
    ) -> Result<()> {
        // An assessment attempt's seed is kept under the key in its grade too.
        let (uuid, assigned): (String, bool) = self.conn.query_row(
            "SELECT COALESCE(uuid, ''), assignment_id IS NOT NULL FROM attempts WHERE id = ?1",
            [attempt],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut kept = report.clone();
        kept.seed = self.seed_to_store(&uuid, assigned, report.seed) as u64;
        let json = serde_json::to_string(&kept).map_err(|e| RecordsError::Corrupt {
            id: attempt,
            detail: e.to_string(),
        })?;
        self.write(|| {
            let n = self.conn.execute(
                "UPDATE attempts SET status = 'finished', finished_at = ?2, score = ?3, passed = ?4,
                                     grade_json = ?5, ended_by = ?6
                 WHERE id = ?1 AND status = 'open'",
                params![
                    attempt,
                    self.now(),
                    report.score,
                    report.passed,
                    json,
                    ended_by
                ],
            )?;
            if n == 0 {
                return Err(RecordsError::NotOpen(attempt));
            }
            self.store_code(attempt)?;
            self.seal_attempt(attempt, chain::SealKind::End)
        })
    }

    /// Closes an unfinished attempt without grading it (the trainee gave it up).
    pub fn close_attempt(&self, attempt: i64) -> Result<()> {
        self.write(|| {
            let n = self.conn.execute(
                "UPDATE attempts SET status = 'closed', finished_at = ?2 WHERE id = ?1 AND status = 'open'",
                params![attempt, self.now()],
            )?;
            if n == 0 {
                return Err(RecordsError::NotOpen(attempt));
            }
            self.seal_attempt(attempt, chain::SealKind::End)
        })
    }

    pub(crate) fn summaries(
        &self,
        filter: &str,
        args: &[&dyn sql::ToSql],
    ) -> Result<Vec<AttemptSummary>> {
        // A store of release 0.1.0 read as it is has neither column.
        let school = if settings::has_column(&self.conn, "attempts", "assignment_id")? {
            "COALESCE(a.uuid, ''), a.assignment_id IS NOT NULL"
        } else {
            "'', 0"
        };
        let sql = format!(
            "SELECT a.id, a.scenario_id, a.scenario_hash, a.seed, a.trainee, a.started_at, a.status,
                    a.score, a.passed, a.program_version,
                    (SELECT COUNT(*) FROM actions x WHERE x.attempt_id = a.id), {school}
             FROM attempts a {filter} ORDER BY a.id"
        );
        let mut stmt = self.conn.prepare(&sql)?;
        let rows = stmt.query_map(args, |r| {
            let status: String = r.get(6)?;
            Ok(AttemptSummary {
                id: r.get(0)?,
                scenario_id: r.get(1)?,
                scenario_hash: r.get(2)?,
                seed: self.stored_seed(&r.get::<_, String>(11)?, r.get(12)?, r.get(3)?),
                trainee: r.get(4)?,
                started_at_ms: r.get(5)?,
                status: Status::parse(&status).unwrap_or(Status::Closed),
                score: r.get(7)?,
                passed: r.get::<_, Option<i64>>(8)?.map(|v| v != 0),
                program_version: r.get(9)?,
                actions: r.get(10)?,
                assessment: r.get(12)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<Vec<_>, _>>()?)
    }

    pub fn attempts(&self) -> Result<Vec<AttemptSummary>> {
        self.summaries("", &[])
    }

    /// Unfinished attempts, of one trainee (see [`same_trainee`]) or of everyone.
    pub fn open_attempts(&self, trainee: Option<&str>) -> Result<Vec<AttemptSummary>> {
        let open = self.summaries("WHERE a.status = 'open'", &[])?;
        Ok(match trainee {
            Some(t) => open
                .into_iter()
                .filter(|a| same_trainee(&a.trainee, t))
                .collect(),
            None => open,
        })
    }

    /// Every attempt of one trainee (see [`same_trainee`]), oldest first.
    pub fn attempts_of(&self, trainee: &str) -> Result<Vec<AttemptSummary>> {
        Ok(self
            .attempts()?
            .into_iter()
            .filter(|a| same_trainee(&a.trainee, trainee))
            .collect())
    }

    /// The trainee's own number for an attempt: 1 for her first try at that exercise,
    /// 2 for the second… (the record's id counts every trainee's attempts).
    pub fn attempt_number(&self, attempt: i64) -> Result<u32> {
        let all = self.attempts()?;
        let Some(this) = all.iter().find(|a| a.id == attempt) else {
            return Err(RecordsError::NotFound(attempt));
        };
        Ok(all
            .iter()
            .filter(|a| {
                a.id <= attempt
                    && a.scenario_id == this.scenario_id
                    && same_trainee(&a.trainee, &this.trainee)
            })
            .count() as u32)
    }

    /// An attempt's actions as the store holds them, in order: (number, time in the
    /// attempt, when recorded, text). The seals, the codes and the bundles read them so.
    pub(crate) fn stored_actions(&self, attempt: i64) -> Result<Vec<(i64, i64, i64, String)>> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at_ms, recorded_at, action FROM actions WHERE attempt_id = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([attempt], |r| {
            Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?))
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The stored actions of an attempt, in order.
    pub fn actions(&self, attempt: i64) -> Result<Vec<LoggedAction>> {
        let mut out = Vec::new();
        for (i, (seq, at_ms, _, text)) in self.stored_actions(attempt)?.into_iter().enumerate() {
            if seq != i as i64 {
                return Err(RecordsError::Corrupt {
                    id: attempt,
                    detail: format!("action {i} missing (found number {seq})"),
                });
            }
            let action = decode_action(&text).map_err(|e| RecordsError::Corrupt {
                id: attempt,
                detail: format!("action {seq}: {e}"),
            })?;
            let at_ms = u64::try_from(at_ms).map_err(|_| RecordsError::Corrupt {
                id: attempt,
                detail: format!("action {seq}: negative time {at_ms} ms"),
            })?;
            out.push(LoggedAction { at_ms, action });
        }
        Ok(out)
    }

    pub(crate) fn stored(&self, attempt: i64) -> Result<(AttemptSummary, String, Option<String>)> {
        let summary = self
            .summaries("WHERE a.id = ?1", &[&attempt])?
            .into_iter()
            .next()
            .ok_or(RecordsError::NotFound(attempt))?;
        let (source, grade_json): (String, Option<String>) = self
            .conn
            .query_row(
                "SELECT scenario_source, grade_json FROM attempts WHERE id = ?1",
                [attempt],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?
            .ok_or(RecordsError::NotFound(attempt))?;
        Ok((summary, source, grade_json))
    }

    /// The scenario as it was played in this attempt.
    pub fn scenario_of(&self, attempt: i64) -> Result<(AttemptSummary, LoadedScenario)> {
        let (summary, source, _) = self.stored(attempt)?;
        let mut loaded =
            load_str(&source, &summary.scenario_id).map_err(|d| RecordsError::Corrupt {
                id: attempt,
                detail: d.first().map(|d| d.msg.to_string()).unwrap_or_default(),
            })?;
        self.attach_stored(attempt, &mut loaded)?;
        Ok((summary, loaded))
    }

    /// Rebuilds an unfinished attempt from its log, ready to continue.
    pub fn resume(&self, attempt: i64) -> Result<Session> {
        let (summary, loaded) = self.scenario_of(attempt)?;
        if summary.status != Status::Open {
            return Err(RecordsError::NotOpen(attempt));
        }
        let extra = self.extra(attempt)?;
        // The log must be the one FibreLab recorded: no action changed, added or taken
        // off while the attempt was paused.
        if let (Some(key), Some(uuid)) = (&self.key, &extra.uuid)
            && self.sealed()?
        {
            let anchor = self.anchors(key)?.mine;
            if let Some(msg) = self.check_log(key, attempt, uuid, anchor.as_ref())? {
                return Err(RecordsError::Tampered { id: attempt, msg });
            }
        }
        let log = self.actions(attempt)?;
        let exercise =
            Exercise::replay_limited(&loaded.scenario, summary.seed, extra.time_limit_ms, &log)
                .map_err(|(i, r)| RecordsError::Corrupt {
                    id: attempt,
                    detail: format!("action {i} refused on replay: {}", r.reason),
                })?;
        if exercise.is_finished() {
            // The process stopped between recording "finish" and storing the grade: the
            // grade is stored now, as the trainee left it.
            self.finish_attempt(attempt, &grade(&exercise))?;
            return Err(RecordsError::Ended(attempt));
        }
        let mut session = Session {
            attempt,
            exercise,
            loaded,
            trainee: summary.trainee,
            deadline_at: extra.deadline_at,
            remote: None,
            pending: Vec::new(),
            handed_in: false,
            finish_tried: false,
            retry_at: None,
        };
        // The time ran out while the program was stopped: graded as it stood.
        if session.time_is_up(self, session.exercise.elapsed_ms()) {
            session.finish_on_time(self)?;
            return Err(RecordsError::TimeUp(attempt));
        }
        Ok(session)
    }

    /// A finished attempt as it was: its session rebuilt from its log (for the debrief's
    /// side-by-side tables) and the grade recorded when it ended (what the trainee was
    /// given, under the rules of the day; `verify` checks the two agree).
    pub fn review(&self, attempt: i64) -> Result<(Session, GradeReport)> {
        let (summary, source, grade_json) = self.stored(attempt)?;
        let Some(json) = grade_json.filter(|_| summary.status == Status::Finished) else {
            return Err(RecordsError::NotFinished(attempt));
        };
        let corrupt = |detail: String| RecordsError::Corrupt {
            id: attempt,
            detail,
        };
        let mut report: GradeReport =
            serde_json::from_str(&json).map_err(|e| corrupt(format!("grade: {e}")))?;
        // The seed itself, whatever the grade keeps it under.
        report.seed = summary.seed;
        let mut loaded = load_str(&source, &summary.scenario_id)
            .map_err(|d| corrupt(d.first().map(|d| d.msg.to_string()).unwrap_or_default()))?;
        self.attach_stored(attempt, &mut loaded)?;
        let log = self.actions(attempt)?;
        let extra = self.extra(attempt)?;
        let exercise =
            Exercise::replay_limited(&loaded.scenario, summary.seed, extra.time_limit_ms, &log)
                .map_err(|(i, r)| corrupt(format!("action {i} refused on replay: {}", r.reason)))?;
        Ok((
            Session {
                attempt,
                exercise,
                loaded,
                trainee: summary.trainee,
                deadline_at: extra.deadline_at,
                remote: None,
                pending: Vec::new(),
                handed_in: false,
                finish_tried: false,
                retry_at: None,
            },
            report,
        ))
    }

    /// A trainee's progress at each exercise she has tried (by scenario id): her
    /// attempts, her best and her last grade.
    pub fn progress_of(&self, trainee: &str) -> Result<BTreeMap<String, ExerciseProgress>> {
        let mut out: BTreeMap<String, ExerciseProgress> = BTreeMap::new();
        let mut mine = self.attempts_of(trainee)?;
        mine.sort_by_key(|a| a.id);
        // Free practice only: an assessment attempt's grade is shown by its policy alone.
        for a in mine.into_iter().filter(|a| !a.assessment) {
            let p = out.entry(a.scenario_id.clone()).or_default();
            p.attempts += 1;
            if let (Status::Finished, Some(score), Some(passed)) = (a.status, a.score, a.passed) {
                let g = Graded { score, passed };
                p.last = Some(g);
                if p.best
                    .is_none_or(|b| (g.passed, g.score) > (b.passed, b.score))
                {
                    p.best = Some(g);
                }
            }
        }
        Ok(out)
    }

    /// Starts an attempt played from a script (the command line, tests) and returns the
    /// live session that records it.
    pub fn start(&self, loaded: &LoadedScenario, seed: u64, trainee: &str) -> Result<Session> {
        self.start_as(loaded, seed, trainee, Origin::Script)
    }

    /// Starts a free attempt made from `origin` (the app says `App`).
    pub fn start_as(
        &self,
        loaded: &LoadedScenario,
        seed: u64,
        trainee: &str,
        origin: Origin,
    ) -> Result<Session> {
        let attempt = self.insert_attempt(loaded, seed, trainee, origin, None, None)?;
        Ok(Session::fresh(attempt, loaded, seed, trainee))
    }

    /// Starts a free attempt of a trainee on the school's list: it is theirs by their
    /// record, not by a name typed (an attempt under the same name is no one's).
    pub fn start_for(
        &self,
        loaded: &LoadedScenario,
        seed: u64,
        t: &people::Trainee,
        origin: Origin,
    ) -> Result<Session> {
        let trainee = t.name.clone().unwrap_or_else(|| t.uuid.clone());
        let attempt =
            self.insert_attempt(loaded, seed, &trainee, origin, Some((t.id, None)), None)?;
        Ok(Session::fresh(attempt, loaded, seed, &trainee))
    }
}
