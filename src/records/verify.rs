//! `verify`: each finished attempt replayed and held to its stored grade, as it reads
//! (see [`GradeReport::reads_the_same_as`]), and to the official scenario of its id (or,
//! for an assessment attempt, the one its item pinned). The seals are `check`'s.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::sql::OptionalExtension;

use super::{AttemptSummary, Db, RecordsError, Result, Status};
use crate::exercise::Exercise;
use crate::grading::{GradeReport, grade};
use crate::i18n::Msg;
use crate::scenario::load::content_hash;
use crate::scenario::load_str;

impl Db {
    /// Replays every finished attempt and compares with its stored grade, as it reads
    /// (see [`GradeReport::reads_the_same_as`]).
    pub fn verify(&self) -> Result<Vec<Verification>> {
        let mut out = Vec::new();
        for s in self.attempts()? {
            if s.status != Status::Finished {
                continue;
            }
            let (problem, earlier_rules) = match self.verify_one(s.id) {
                Ok(note) => (None, note),
                Err(p) => (Some(p), None),
            };
            out.push(Verification {
                attempt: s.id,
                scenario_id: s.scenario_id.clone(),
                trainee: s.trainee.clone(),
                score: s.score,
                problem,
                earlier_rules,
            });
        }
        Ok(out)
    }

    /// One finished attempt verified: replayed, held to its own seals and to the chain's
    /// (what a printed code is checked with, without replaying the whole store).
    pub fn verify_attempt(&self, id: i64) -> Result<Verification> {
        let s = self
            .summaries("WHERE a.id = ?1", &[&id])?
            .into_iter()
            .next()
            .ok_or(RecordsError::NotFound(id))?;
        let (mut problem, earlier_rules) = match self.verify_one(id) {
            Ok(note) => (None, note),
            Err(p) => (Some(p), None),
        };
        if problem.is_none() {
            problem = self
                .check_seals_of(self.key.as_ref(), Some(id))?
                .into_iter()
                .find(|p| !p.notice)
                .map(|p| p.msg);
        }
        Ok(Verification {
            attempt: s.id,
            scenario_id: s.scenario_id,
            trainee: s.trainee,
            score: s.score,
            problem,
            earlier_rules,
        })
    }

    /// One attempt's check: `Ok(None)` when the replay gives the stored grade;
    /// `Ok(Some(note))` when the grade was made under earlier grading rules and today's
    /// give another (the log is intact and replays; the note says both scores); `Err`
    /// when the record does not hold together.
    pub(super) fn verify_one(&self, id: i64) -> std::result::Result<Option<Msg>, Msg> {
        // An assessment attempt's seed is kept under the store's key: with another key
        // its draw cannot be made again (said as such, not as a grade that differs).
        if self.extra(id).is_ok_and(|x| x.assignment_id.is_some()) && !self.key_opens_seeds() {
            return Err(Msg::new("verify-needs-key"));
        }
        let (summary, source, grade_json) = self.stored(id).map_err(|e| e.msg())?;
        if content_hash(source.as_bytes()) != summary.scenario_hash {
            return Err(Msg::new("verify-hash"));
        }
        let mut loaded = load_str(&source, &summary.scenario_id)
            .map_err(|_| Msg::new("verify-scenario-invalid"))?;
        if !self.attach_stored(id, &mut loaded).map_err(|e| e.msg())? {
            return Err(Msg::new("verify-hash"));
        }
        let log = self.actions(id).map_err(|e| e.msg())?;
        let limit = self.extra(id).map_err(|e| e.msg())?.time_limit_ms;
        let ex = Exercise::replay_limited(&loaded.scenario, summary.seed, limit, &log)
            .map_err(|(i, _)| Msg::new("verify-refused").int("n", (i + 1) as u32))?;
        let report = grade(&ex);
        let stored: Option<GradeReport> = grade_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok());
        let Some(stored) = stored else {
            return Err(Msg::new("verify-no-grade"));
        };
        let stored_score = summary.score.unwrap_or(f64::NAN);
        // The score column and the stored grade disagree: one was changed by hand.
        if stored.score != stored_score {
            return Err(Msg::new("verify-score").num("stored", stored_score, 1).num(
                "replayed",
                report.score,
                1,
            ));
        }
        if stored.rules < crate::grading::RULES && !report.reads_the_same_as(&stored) {
            return Ok(Some(
                Msg::new("verify-earlier-rules")
                    .int("rules", stored.rules)
                    .num("stored", stored_score, 1)
                    .int("now", crate::grading::RULES)
                    .num("score", report.score, 1),
            ));
        }
        if report.score != stored_score {
            return Err(Msg::new("verify-score").num("stored", stored_score, 1).num(
                "replayed",
                report.score,
                1,
            ));
        }
        if Some(report.passed) != summary.passed || !report.reads_the_same_as(&stored) {
            return Err(Msg::new("verify-criteria"));
        }
        Ok(None)
    }
}

/// Today's official scenarios, by id: their hash and file.
pub type Official = BTreeMap<String, (String, PathBuf)>;

/// The official scenarios of a folder (the shipped one, or the school's).
pub fn official_scenarios(dir: &Path) -> Official {
    crate::scenario::load::load_path(dir)
        .into_iter()
        .filter_map(|(file, r)| r.ok().map(|l| (l.scenario.id.clone(), (l.hash, file))))
        .collect()
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(x), Ok(y)) => x == y,
        _ => a == b,
    }
}

/// What the official check found of an attempt.
#[derive(Clone, Debug, PartialEq)]
pub enum OfficialCheck {
    /// Played on the official scenario (or, for an assessment, the one it pinned).
    Official,
    /// Played on an earlier version of the official file: said, not held against it.
    Earlier(Msg),
    /// The folder has no scenario of this id: said, not held against it.
    Unknown(Msg),
    /// Played on another text than the official one of its id (a copy), or, for an
    /// assessment, than the one it pinned.
    Modified(Msg),
}

impl Db {
    /// Holds an attempt's scenario to the official one of its id.
    pub fn official_check(&self, a: &AttemptSummary, official: &Official) -> Result<OfficialCheck> {
        let short = |h: &str| h.chars().take(8).collect::<String>();
        let extra = self.extra(a.id)?;
        if let Some(g) = extra.assignment_id {
            let pinned: Option<String> = self
                .conn
                .query_row(
                    "SELECT i.scenario_hash FROM assignments g
                     JOIN assessment_items i ON i.assessment_id = g.assessment_id AND i.position = g.position
                     WHERE g.id = ?1",
                    [g],
                    |r| r.get(0),
                )
                .optional()?
                .flatten();
            return Ok(match pinned {
                Some(h) if h == a.scenario_hash => OfficialCheck::Official,
                Some(h) => OfficialCheck::Modified(
                    Msg::new("verify-not-pinned")
                        .text("played", short(&a.scenario_hash))
                        .text("pinned", short(&h)),
                ),
                None => OfficialCheck::Modified(
                    Msg::new("verify-not-pinned")
                        .text("played", short(&a.scenario_hash))
                        .text("pinned", "—"),
                ),
            });
        }
        let Some((hash, file)) = official.get(&a.scenario_id) else {
            return Ok(OfficialCheck::Unknown(
                Msg::new("verify-no-official").text("id", a.scenario_id.clone()),
            ));
        };
        if *hash == a.scenario_hash {
            return Ok(OfficialCheck::Official);
        }
        let from_official = extra
            .scenario_path
            .as_deref()
            .is_some_and(|p| same_file(Path::new(p), file));
        let msg = |key: &str| {
            Msg::new(key)
                .text("played", short(&a.scenario_hash))
                .text("official", short(hash))
                .text(
                    "file",
                    extra.scenario_path.clone().unwrap_or_else(|| "?".into()),
                )
        };
        Ok(if extra.scenario_path.is_none() {
            // Stored before the store kept where its scenario came from.
            OfficialCheck::Earlier(msg("verify-version-unrecorded"))
        } else if from_official {
            OfficialCheck::Earlier(msg("verify-earlier-version"))
        } else {
            OfficialCheck::Modified(msg("verify-not-official"))
        })
    }
}

#[derive(Clone, Debug)]
pub struct Verification {
    pub attempt: i64,
    pub scenario_id: String,
    pub trainee: String,
    pub score: Option<f64>,
    /// `None` when the replay gives the stored grade (or, graded under earlier rules,
    /// replays intact).
    pub problem: Option<Msg>,
    /// A grade made under earlier grading rules that today's rules grade otherwise: both
    /// scores, said. The stored grade stays what the school recorded.
    pub earlier_rules: Option<Msg>,
}
