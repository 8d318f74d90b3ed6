//! What a school reads of its attempts: one row per attempt (the *résultats*), one row
//! per attempt and criterion (the *critères*), the gradebook (trainees × scenarios of an
//! assessment) and each criterion's failure rate across a cohort.
//!
//! All of it is derived from the stored attempts, never stored apart: what it shows is
//! what `verify` checks.

use std::collections::BTreeMap;

use super::sql::OptionalExtension;
use serde::Serialize;

use super::assess::{Assessment, FeedbackView};
use super::people::{Cohort, Decision};
use super::{Db, Result, Status};
use crate::grading::GradeReport;
use crate::i18n::Msg;
use crate::scenario::load_str;

/// One attempt as the school's exports show it.
#[derive(Clone, Debug, Serialize)]
pub struct ResultRow {
    pub attempt: i64,
    pub attempt_uuid: String,
    pub cohort: Option<String>,
    pub assessment: Option<String>,
    pub kind: Option<String>,
    pub trainee_uuid: Option<String>,
    /// The name: only in what the school prints (`--names`).
    pub name: String,
    pub external_ref: Option<String>,
    pub scenario_id: String,
    pub scenario_hash: String,
    /// The scenario's title as played (from the source stored with the attempt); none
    /// when the listing did not read it (verdicts only) or it no longer reads.
    pub scenario_title: Option<crate::scenario::Text>,
    /// The trainee's own number at this scenario (1 for the first try).
    pub attempt_no: u32,
    /// For the school only: these tables are the trainer's, never the trainee's.
    pub seed: u64,
    /// Whether the seed may be printed: not for an assessment attempt whose draw may
    /// still be sat (the attempt under way, or a classmate's, see `FeedbackView`).
    pub seed_shown: bool,
    pub started_at_ms: i64,
    pub duration_s: Option<f64>,
    pub time_limit_s: Option<i64>,
    pub score: Option<f64>,
    pub pass_mark: Option<f64>,
    pub passed: Option<bool>,
    pub critical_failed: Vec<String>,
    pub criteria: Vec<CriterionRow>,
    pub decision: Option<Decision>,
    pub decision_comment: Option<String>,
    pub origin: String,
    pub ended_by: Option<String>,
    pub program_version: String,
    pub status: Status,
    /// Whether the record is the one FibreLab graded (its seals hold; on a store never
    /// sealed, its replay gives the stored grade): filled by [`Db::check_results`].
    pub verified: Option<bool>,
}

#[derive(Clone, Debug, Serialize)]
pub struct CriterionRow {
    /// The rubric's id: what machines read (JSON keys, xAPI activity ids).
    pub id: String,
    /// What people read: the title of what the criterion checks (see
    /// [`crate::scenario::Check::title`]), from the scenario the attempt was played with.
    pub title: Msg,
    pub points: f64,
    pub max_points: f64,
    pub met: bool,
    pub critical: bool,
    pub feedback: Msg,
    /// The defect an auditor would file (a job's criterion not met), as graded.
    pub defect: Option<crate::scenario::closure::defects::Defect>,
}

/// What a scenario version's attempts are read by: its title and its criteria's.
#[derive(Default)]
struct Titles {
    scenario: Option<crate::scenario::Text>,
    criteria: BTreeMap<String, Msg>,
}

/// The title of a criterion whose scenario no longer reads: its id, said as such.
pub fn untitled(id: &str) -> Msg {
    Msg::new("crit-unknown").text("id", id)
}

/// Which attempts a listing takes.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub cohort: Option<Cohort>,
    pub assessment: Option<Assessment>,
    pub scenario: Option<String>,
    /// Attempts made for an assessment in the app only (scripted and practice ones left
    /// out): what counts for a jury.
    pub assessed_only: bool,
    /// The verdicts only, without each criterion (the gradebook's need: faster).
    pub verdicts_only: bool,
}

/// What the gradebook reads of a stored grade.
#[derive(serde::Deserialize)]
struct Verdict {
    score: f64,
    pass_mark: f64,
    passed: bool,
    critical_failed: Vec<String>,
    elapsed_s: f64,
}

/// A gradebook cell: what a trainee made of one scenario of an assessment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Cell {
    Passed,
    Failed,
    /// Failed on a critical criterion (*critère éliminatoire*).
    Critical,
    InProgress,
    NotDone,
}

impl Cell {
    pub fn code(self) -> &'static str {
        match self {
            Cell::Passed => "passed",
            Cell::Failed => "failed",
            Cell::Critical => "critical",
            Cell::InProgress => "in_progress",
            Cell::NotDone => "not_done",
        }
    }
    pub fn name(self) -> Msg {
        Msg::new(match self {
            Cell::Passed => "cell-passed",
            Cell::Failed => "cell-failed",
            Cell::Critical => "cell-critical",
            Cell::InProgress => "cell-in-progress",
            Cell::NotDone => "cell-not-done",
        })
    }
}

#[derive(Clone, Debug, Serialize)]
pub struct GradebookRow {
    pub trainee_uuid: String,
    pub name: Option<String>,
    /// One per scenario of the assessment: the cell, the score shown (the best attempt:
    /// a pass over a fail, then the higher score) and the attempts used.
    pub cells: Vec<(Cell, Option<f64>, u32)>,
}

#[derive(Clone, Debug, Serialize)]
pub struct Gradebook {
    pub scenarios: Vec<String>,
    pub rows: Vec<GradebookRow>,
}

/// A criterion across the attempts of a cohort or an assessment.
#[derive(Clone, Debug, Serialize)]
pub struct CriterionStat {
    pub scenario_id: String,
    pub criterion_id: String,
    /// What people read of the criterion (its id stays for machines).
    pub title: Msg,
    pub critical: bool,
    pub attempts: u32,
    pub failed: u32,
    pub mean_points: f64,
    pub max_points: f64,
    /// The feedback given most often when it was not met, and how many times.
    pub most_common: Option<(Msg, u32)>,
}

impl CriterionStat {
    pub fn failure_rate(&self) -> f64 {
        if self.attempts == 0 {
            0.0
        } else {
            self.failed as f64 / self.attempts as f64
        }
    }
}

/// A criterion being counted: its statistic so far, the sum of its points, and each
/// feedback given when it was missed with its count.
type Tally = (CriterionStat, f64, BTreeMap<String, (Msg, u32)>);

/// A pass above any fail, then the higher score.
fn better(a: (bool, f64), b: (bool, f64)) -> bool {
    a > b
}

impl Db {
    /// The attempts a listing takes, oldest first, with what the school knows of each.
    pub fn results(&self, f: &Filter) -> Result<Vec<ResultRow>> {
        let mut out = Vec::new();
        self.for_each_result(f, |row| {
            out.push(row);
            Ok::<(), super::RecordsError>(())
        })?;
        Ok(out)
    }

    /// The rows of [`Db::results`], in the same order, handed to `each` one at a time as
    /// they are read from the store (what a listing of any size holds in memory: one
    /// row, and the last decision of each reviewed attempt). The first error `each`
    /// returns stops the reading and is returned.
    pub fn for_each_result<E: From<super::RecordsError>>(
        &self,
        f: &Filter,
        mut each: impl FnMut(ResultRow) -> std::result::Result<(), E>,
    ) -> std::result::Result<(), E> {
        let sql = |e: super::sql::Error| E::from(super::RecordsError::from(e));
        let stmt = self.conn.prepare(
            "SELECT a.id, a.uuid, c.name, s.key, s.kind, t.uuid, a.trainee, t.external_ref,
                    a.scenario_id, a.scenario_hash, a.seed, a.started_at, a.finished_at,
                    s.time_limit_s + COALESCE(g.extra_time_s, 0), a.grade_json, COALESCE(a.origin, ''),
                    a.ended_by, a.program_version, a.status, a.assignment_id, s.id, s.cohort_id,
                    (SELECT m.cohort_id FROM cohort_members m WHERE m.trainee_id = a.trainee_id
                     ORDER BY m.joined_at LIMIT 1)
             FROM attempts a
             LEFT JOIN assignments g ON g.id = a.assignment_id
             LEFT JOIN assessments s ON s.id = g.assessment_id
             LEFT JOIN trainees t ON t.id = a.trainee_id
             LEFT JOIN cohorts c ON c.id = COALESCE(s.cohort_id,
                 (SELECT m.cohort_id FROM cohort_members m WHERE m.trainee_id = a.trainee_id
                  ORDER BY m.joined_at LIMIT 1))
             ORDER BY a.id",
        );
        let mut stmt = stmt.map_err(sql)?;
        struct Raw {
            row: ResultRow,
            grade: Option<String>,
            assessment_id: Option<i64>,
            cohort_id: Option<i64>,
            member_of: Option<i64>,
            assigned: bool,
        }
        let rows = stmt.query_map([], |r| {
            let status: String = r.get(18)?;
            Ok(Raw {
                row: ResultRow {
                    attempt: r.get(0)?,
                    attempt_uuid: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                    cohort: r.get(2)?,
                    assessment: r.get(3)?,
                    kind: r.get(4)?,
                    trainee_uuid: r.get(5)?,
                    name: r.get(6)?,
                    external_ref: r.get(7)?,
                    scenario_id: r.get(8)?,
                    scenario_hash: r.get(9)?,
                    scenario_title: None,
                    attempt_no: 0,
                    // The seed itself, whatever the store keeps it under.
                    seed: self.stored_seed(
                        &r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                        r.get::<_, Option<i64>>(19)?.is_some(),
                        r.get(10)?,
                    ),
                    seed_shown: true,
                    started_at_ms: r.get(11)?,
                    duration_s: None,
                    time_limit_s: r.get(13)?,
                    score: None,
                    pass_mark: None,
                    passed: None,
                    critical_failed: Vec::new(),
                    criteria: Vec::new(),
                    decision: None,
                    decision_comment: None,
                    origin: r.get(15)?,
                    ended_by: r.get(16)?,
                    program_version: r.get(17)?,
                    status: match status.as_str() {
                        "open" => Status::Open,
                        "finished" => Status::Finished,
                        _ => Status::Closed,
                    },
                    verified: None,
                },
                grade: r.get(14)?,
                assigned: r.get::<_, Option<i64>>(19)?.is_some(),
                assessment_id: r.get(20)?,
                cohort_id: r.get(21)?,
                member_of: r.get(22)?,
            })
        });
        let rows = rows.map_err(sql)?;
        // The decision in force on each attempt: its last review, read once.
        let mut decisions: BTreeMap<i64, (Decision, Option<String>)> = BTreeMap::new();
        {
            let stmt = self
                .conn
                .prepare("SELECT attempt_id, decision, comment FROM reviews ORDER BY id");
            let mut stmt = stmt.map_err(sql)?;
            let rows = stmt.query_map([], |r| {
                Ok((
                    r.get::<_, i64>(0)?,
                    r.get::<_, String>(1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            });
            let rows = rows.map_err(sql)?;
            for row in rows {
                let (id, d, c) = row.map_err(sql)?;
                if let Some(d) = Decision::parse(&d) {
                    decisions.insert(id, (d, c));
                }
            }
        }
        let mut numbers: BTreeMap<(String, String), u32> = BTreeMap::new();
        // Each scenario version's criterion titles, read once (by its hash) from the source
        // stored with the first of its attempts.
        let mut titles: BTreeMap<String, Titles> = BTreeMap::new();
        for raw in rows {
            let Raw {
                mut row,
                grade,
                assessment_id,
                cohort_id,
                member_of,
                assigned,
            } = raw.map_err(sql)?;
            // Numbered among the trainee's attempts at the scenario, every one counted.
            let who = row
                .trainee_uuid
                .clone()
                .unwrap_or_else(|| row.name.trim().to_lowercase());
            let n = numbers.entry((who, row.scenario_id.clone())).or_default();
            *n += 1;
            row.attempt_no = *n;
            if f.assessed_only && !(assigned && row.origin == "app") {
                continue;
            }
            if let Some(a) = &f.assessment
                && assessment_id != Some(a.id)
            {
                continue;
            }
            if let Some(c) = &f.cohort
                && cohort_id.or(member_of) != Some(c.id)
            {
                continue;
            }
            if f.scenario.as_ref().is_some_and(|s| *s != row.scenario_id) {
                continue;
            }
            if f.verdicts_only {
                if let Some(v) = grade
                    .as_deref()
                    .and_then(|j| serde_json::from_str::<Verdict>(j).ok())
                {
                    row.score = Some(v.score);
                    row.pass_mark = Some(v.pass_mark);
                    row.passed = Some(v.passed);
                    row.duration_s = Some(v.elapsed_s);
                    row.critical_failed = v.critical_failed;
                }
            } else if let Some(g) = grade
                .as_deref()
                .and_then(|j| serde_json::from_str::<GradeReport>(j).ok())
            {
                row.score = Some(g.score);
                row.pass_mark = Some(g.pass_mark);
                row.passed = Some(g.passed);
                row.duration_s = Some(g.elapsed_s);
                row.critical_failed = g.critical_failed.clone();
                if !titles.contains_key(&row.scenario_hash) {
                    let t = self.criterion_titles(row.attempt).map_err(E::from)?;
                    titles.insert(row.scenario_hash.clone(), t);
                }
                let known = titles.get(&row.scenario_hash);
                row.scenario_title = known.and_then(|t| t.scenario.clone());
                let known = known.map(|t| &t.criteria);
                row.criteria = g
                    .criteria
                    .iter()
                    .map(|c| CriterionRow {
                        id: c.id.clone(),
                        title: known
                            .and_then(|t| t.get(&c.id))
                            .cloned()
                            .unwrap_or_else(|| untitled(&c.id)),
                        points: c.points,
                        max_points: c.max_points,
                        met: c.met,
                        critical: c.critical,
                        feedback: c.feedback.clone(),
                        defect: c.defect.clone(),
                    })
                    .collect();
            }
            if let Some((d, c)) = decisions.get(&row.attempt) {
                row.decision = Some(*d);
                row.decision_comment = c.clone();
            }
            each(row)?;
        }
        Ok(())
    }

    /// The title of each criterion of the scenario an attempt was played with, by id,
    /// from the source stored with it; none when the source no longer reads (its criteria
    /// then go by [`untitled`]).
    fn criterion_titles(&self, attempt: i64) -> Result<Titles> {
        let source: Option<String> = self
            .conn
            .query_row(
                "SELECT scenario_source FROM attempts WHERE id = ?1",
                [attempt],
                |r| r.get(0),
            )
            .optional()?;
        Ok(source
            .and_then(|s| load_str(&s, "scenario").ok())
            .map(|l| Titles {
                scenario: Some(l.scenario.title.clone()),
                criteria: l
                    .scenario
                    .rubric
                    .criteria
                    .iter()
                    .map(|c| (c.id.clone(), c.check.title()))
                    .collect(),
            })
            .unwrap_or_default())
    }

    /// Replays each finished row's attempt and says whether it gives the stored grade.
    ///
    /// On a sealed store, the verdict kept with the seals: FibreLab graded the attempt
    /// (or replayed it on import) when it sealed its end, so a record whose seals still
    /// hold is the one graded, and nothing is replayed. A store never sealed (before the
    /// seals, or without a key) is replayed row by row.
    ///
    /// An assessment attempt's seed is left out while its draw may still be sat.
    pub fn check_results(&self, rows: &mut [ResultRow]) -> Result<()> {
        let sealed = match &self.key {
            Some(_) if self.sealed()? => Some(self.sealed_attempts()?),
            Some(_) | None => None,
        };
        let now = self.now();
        let full: BTreeMap<String, bool> = self
            .assessments()?
            .into_iter()
            .map(|a| (a.key.clone(), a.feedback_view(now) == FeedbackView::Full))
            .collect();
        for r in rows.iter_mut() {
            if let Some(a) = &r.assessment {
                r.seed_shown = r.status != Status::Open && full.get(a).copied().unwrap_or(false);
            }
        }
        for r in rows.iter_mut().filter(|r| r.status == Status::Finished) {
            r.verified = Some(match &sealed {
                Some(holds) => holds.get(&r.attempt).copied().unwrap_or(false),
                None => self.verify_one(r.attempt).is_ok(),
            });
        }
        Ok(())
    }

    /// The gradebook of an assessment: each trainee of its cohort × each scenario.
    pub fn gradebook(&self, a: &Assessment) -> Result<Gradebook> {
        let rows = self.results(&Filter {
            assessment: Some(a.clone()),
            assessed_only: true,
            verdicts_only: true,
            ..Filter::default()
        })?;
        let cohort = self.cohort(&a.cohort)?;
        let trainees = self.trainees(cohort.as_ref(), true)?;
        let mut book = Gradebook {
            scenarios: a.scenarios.clone(),
            rows: Vec::new(),
        };
        for t in trainees {
            let mut cells = Vec::new();
            for s in &a.scenarios {
                let mine: Vec<&ResultRow> = rows
                    .iter()
                    .filter(|r| {
                        r.trainee_uuid.as_deref() == Some(t.uuid.as_str()) && r.scenario_id == *s
                    })
                    .collect();
                let used = mine.len() as u32;
                let mut best: Option<&ResultRow> = None;
                for r in mine.iter().filter(|r| r.status == Status::Finished) {
                    let key = |x: &ResultRow| (x.passed.unwrap_or(false), x.score.unwrap_or(0.0));
                    if best.is_none_or(|b| better(key(r), key(b))) {
                        best = Some(r);
                    }
                }
                let cell = match best {
                    Some(r) if r.passed == Some(true) => (Cell::Passed, r.score, used),
                    Some(r) if !r.critical_failed.is_empty() => (Cell::Critical, r.score, used),
                    Some(r) => (Cell::Failed, r.score, used),
                    None if mine.iter().any(|r| r.status == Status::Open) => {
                        (Cell::InProgress, None, used)
                    }
                    None => (Cell::NotDone, None, used),
                };
                cells.push(cell);
            }
            book.rows.push(GradebookRow {
                trainee_uuid: t.uuid.clone(),
                name: t.name.clone(),
                cells,
            });
        }
        Ok(book)
    }

    /// Each criterion's failure rate over the finished attempts a filter takes, the
    /// criteria failed most often first.
    pub fn criterion_stats(&self, f: &Filter) -> Result<Vec<CriterionStat>> {
        let rows = self.results(f)?;
        let mut stats: BTreeMap<(String, String), Tally> = BTreeMap::new();
        for r in rows.iter().filter(|r| r.status == Status::Finished) {
            for c in &r.criteria {
                let e = stats
                    .entry((r.scenario_id.clone(), c.id.clone()))
                    .or_insert_with(|| {
                        (
                            CriterionStat {
                                scenario_id: r.scenario_id.clone(),
                                criterion_id: c.id.clone(),
                                title: c.title.clone(),
                                critical: c.critical,
                                attempts: 0,
                                failed: 0,
                                mean_points: 0.0,
                                max_points: c.max_points,
                                most_common: None,
                            },
                            0.0,
                            BTreeMap::new(),
                        )
                    });
                e.0.attempts += 1;
                e.1 += c.points;
                if !c.met {
                    e.0.failed += 1;
                    // Feedback told apart by its message and its words (numbers aside).
                    let key = c.feedback.key.clone();
                    let slot = e.2.entry(key).or_insert((c.feedback.clone(), 0));
                    slot.1 += 1;
                }
            }
        }
        let mut out: Vec<CriterionStat> = stats
            .into_values()
            .map(|(mut s, sum, feedback)| {
                s.mean_points = if s.attempts > 0 {
                    sum / s.attempts as f64
                } else {
                    0.0
                };
                s.most_common = feedback
                    .into_values()
                    .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.key.cmp(&a.0.key)));
                s
            })
            .collect();
        out.sort_by(|a, b| {
            b.failure_rate().total_cmp(&a.failure_rate()).then_with(|| {
                (&a.scenario_id, &a.criterion_id).cmp(&(&b.scenario_id, &b.criterion_id))
            })
        });
        Ok(out)
    }
}
