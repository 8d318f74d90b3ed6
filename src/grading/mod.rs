//! Rubric evaluation: the scenario's criteria applied to the final state and the log.
//! Every criterion result carries a feedback message that says what went wrong and why it
//! matters on a real job.

pub mod job;
pub mod otdr;
pub mod splice;

use serde::{Deserialize, Serialize};

use crate::exercise::prep::{FibreState, PrepState};
use crate::exercise::{Exercise, ModuleState};
use crate::i18n::Msg;
use crate::scenario::{Check, ExerciseSpec, Module, PrepSetup, Scenario};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: String,
    pub points: f64,
    pub max_points: f64,
    pub critical: bool,
    /// Full points earned.
    pub met: bool,
    pub feedback: Msg,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeReport {
    pub scenario_id: String,
    pub seed: u64,
    /// 0–100, one decimal.
    pub score: f64,
    pub pass_mark: f64,
    pub passed: bool,
    pub finished: bool,
    /// Ids of critical criteria that were not met.
    pub critical_failed: Vec<String>,
    pub elapsed_s: f64,
    pub criteria: Vec<CriterionResult>,
    /// A job's score per stage (its criteria grouped by the stage they judge); empty for
    /// a single-module exercise.
    #[serde(default)]
    pub stages: Vec<StageScore>,
}

impl GradeReport {
    /// Whether two grades read the same: score, verdict, and every criterion's points,
    /// verdict and feedback as shown (numbers to the decimals they are shown with, see
    /// [`Msg::as_shown`]), and the stages' points. This is the precision `verify` holds a
    /// stored grade to: a replay on another machine or with another maths library may
    /// differ in a measured loss's tenth decimal, never in what the trainee and the jury
    /// read.
    pub fn reads_the_same_as(&self, other: &GradeReport) -> bool {
        let criteria = |r: &GradeReport| -> Vec<(String, f64, f64, bool, bool, String)> {
            r.criteria
                .iter()
                .map(|c| {
                    (
                        c.id.clone(),
                        c.points,
                        c.max_points,
                        c.critical,
                        c.met,
                        c.feedback.as_shown(),
                    )
                })
                .collect()
        };
        self.score == other.score
            && self.passed == other.passed
            && self.finished == other.finished
            && self.critical_failed == other.critical_failed
            && self.stages == other.stages
            && criteria(self) == criteria(other)
    }
}

/// The points of one stage of a job.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct StageScore {
    /// The module the stage's criteria belong to (`Job`: the job as a whole).
    pub stage: Module,
    pub points: f64,
    pub max_points: f64,
    /// Every criterion of the stage met.
    pub all_met: bool,
}

/// Grades an exercise in its current state.
pub fn grade(ex: &Exercise) -> GradeReport {
    let scenario = &ex.scenario;
    let criteria: Vec<CriterionResult> = scenario
        .rubric
        .criteria
        .iter()
        .map(|c| {
            let (fraction, feedback) = match (&c.check, &ex.state, &scenario.exercise) {
                (Check::WithinTime, _, _) => within_time(scenario, ex),
                (check, ModuleState::CablePrep(st), ExerciseSpec::CablePrep(setup)) => {
                    evaluate_prep(check, st, setup)
                }
                (check, ModuleState::Otdr(st), ExerciseSpec::Otdr(setup)) => {
                    otdr::evaluate(check, st, setup)
                }
                (check, ModuleState::Splice(st), ExerciseSpec::Splice(setup)) => {
                    splice::evaluate(check, st, setup)
                }
                (check, ModuleState::Job(st), ExerciseSpec::Job(setup)) => {
                    job::evaluate(check, st, setup)
                }
                _ => (0.0, Msg::new("fb-check-module")),
            };
            let fraction = fraction.clamp(0.0, 1.0);
            CriterionResult {
                id: c.id.clone(),
                points: round1(c.points * fraction),
                max_points: c.points,
                critical: c.critical,
                met: fraction >= 1.0,
                feedback,
            }
        })
        .collect();
    let max: f64 = criteria.iter().map(|c| c.max_points).sum();
    let got: f64 = criteria.iter().map(|c| c.points).sum();
    let score = if max > 0.0 {
        round1(100.0 * got / max)
    } else {
        0.0
    };
    let critical_failed: Vec<String> = criteria
        .iter()
        .filter(|c| c.critical && !c.met)
        .map(|c| c.id.clone())
        .collect();
    let finished = ex.is_finished();
    let stages = if scenario.module() == Module::Job {
        stage_scores(scenario, &criteria)
    } else {
        Vec::new()
    };
    GradeReport {
        scenario_id: scenario.id.clone(),
        seed: ex.seed,
        score,
        pass_mark: scenario.rubric.pass_mark,
        passed: finished && critical_failed.is_empty() && score >= scenario.rubric.pass_mark,
        finished,
        critical_failed,
        elapsed_s: round1(ex.elapsed_ms() as f64 / 1000.0),
        criteria,
        stages,
    }
}

/// A job's criteria grouped by stage, in the order of the work: preparation, splicing,
/// test, then the job as a whole (its acceptance and the shared checks).
fn stage_scores(scenario: &Scenario, criteria: &[CriterionResult]) -> Vec<StageScore> {
    let order = [Module::CablePrep, Module::Splice, Module::Otdr, Module::Job];
    order
        .iter()
        .filter_map(|stage| {
            let mine: Vec<&CriterionResult> = scenario
                .rubric
                .criteria
                .iter()
                .zip(criteria)
                .filter(|(c, _)| c.check.module().unwrap_or(Module::Job) == *stage)
                .map(|(_, r)| r)
                .collect();
            (!mine.is_empty()).then(|| StageScore {
                stage: *stage,
                points: round1(mine.iter().map(|r| r.points).sum()),
                max_points: mine.iter().map(|r| r.max_points).sum(),
                all_met: mine.iter().all(|r| r.met),
            })
        })
        .collect()
}

fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// Length within tolerance: full points; within twice the tolerance: half; else none.
fn length_fraction(deviation: f64, tol: f64) -> f64 {
    let d = deviation.abs();
    if d <= tol {
        1.0
    } else if d <= 2.0 * tol {
        0.5
    } else {
        0.0
    }
}

fn length_feedback(
    what: &str,
    actual: Option<f64>,
    target: f64,
    tol: f64,
    decimals: u8,
) -> (f64, Msg) {
    match actual {
        None => (0.0, Msg::new("fb-not-done").msg("what", Msg::new(what))),
        Some(a) => {
            let f = length_fraction(a - target, tol);
            let key = if f >= 1.0 {
                "fb-length-ok"
            } else if a > target {
                "fb-length-long"
            } else {
                "fb-length-short"
            };
            let why = format!("{what}-why");
            (
                f,
                Msg::new(key)
                    .msg("what", Msg::new(what))
                    .num("actual", a, decimals)
                    .num("target", target, decimals)
                    .num("tol", tol, decimals)
                    .msg("why", Msg::new(why)),
            )
        }
    }
}

/// The task fibres' states (those taken out of the cable).
fn task_fibres(st: &PrepState) -> Vec<&FibreState> {
    st.drawn
        .tasks
        .iter()
        .filter_map(|id| st.fibre(*id))
        .collect()
}

/// The value among the task fibres that deviates most from `target`.
fn worst(values: impl Iterator<Item = Option<f64>>, target: f64) -> Option<f64> {
    let mut out: Option<f64> = None;
    for v in values {
        let v = v?;
        if out.is_none_or(|o| (v - target).abs() > (o - target).abs()) {
            out = Some(v);
        }
    }
    out
}

fn within_time(scenario: &Scenario, ex: &Exercise) -> (f64, Msg) {
    let limit_ms = (scenario.duration_min * 60_000.0) as u64;
    let used = ex.finished_at_ms().unwrap_or(ex.elapsed_ms());
    let key = if used <= limit_ms {
        "fb-time-ok"
    } else {
        "fb-time-over"
    };
    (
        if used <= limit_ms { 1.0 } else { 0.0 },
        Msg::new(key)
            .num("min", used as f64 / 60_000.0, 1)
            .num("limit", scenario.duration_min, 0),
    )
}

pub(crate) fn evaluate_prep(check: &Check, st: &PrepState, setup: &PrepSetup) -> (f64, Msg) {
    let t = &setup.targets;
    let code = st.colour_code;
    let tasks = &st.drawn.tasks;
    let all_tasks_cleaved = tasks
        .iter()
        .all(|id| st.fibre(*id).is_some_and(|f| f.cleave.is_some()));
    let ok = |key: &str| (1.0, Msg::new(key));
    match *check {
        Check::RightFibre => {
            let wrong = st
                .fibres
                .iter()
                .find(|f| f.cleave.is_some() && !tasks.contains(&f.id))
                .or_else(|| {
                    st.fibres
                        .iter()
                        .find(|f| f.coating_strip_mm.is_some() && !tasks.contains(&f.id))
                });
            let missing = tasks
                .iter()
                .find(|id| st.fibre(**id).is_none_or(|f| f.cleave.is_none()));
            match (wrong, missing) {
                (Some(w), _) => (
                    0.0,
                    Msg::new("fb-wrong-fibre")
                        .msg("wrong", w.id.describe(code))
                        .msg(
                            "right",
                            missing
                                .or(tasks.first())
                                .map(|m| m.describe(code))
                                .unwrap_or_else(|| Msg::new("colour-unknown")),
                        ),
                ),
                (None, Some(m)) => (
                    0.0,
                    Msg::new("fb-fibre-missing").msg("fibre", m.describe(code)),
                ),
                (None, None) => ok("fb-right-fibre-ok"),
            }
        }
        Check::SleeveBeforeCleave => {
            let fibres = task_fibres(st);
            if let Some(f) = fibres.iter().find(|f| f.sleeve_after_cleave) {
                (
                    0.0,
                    Msg::new("fb-sleeve-late").msg("fibre", f.id.describe(code)),
                )
            } else if let Some(f) = fibres.iter().find(|f| !f.sleeve) {
                (
                    0.0,
                    Msg::new("fb-sleeve-forgotten").msg("fibre", f.id.describe(code)),
                )
            } else if !all_tasks_cleaved {
                (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-preparation")),
                )
            } else {
                ok("fb-sleeve-ok")
            }
        }
        Check::OperationOrder => match st.mistakes.iter().find(|m| m.mistake.is_order()) {
            Some(m) => (
                0.0,
                Msg::new("fb-order")
                    .int("n", (m.action + 1) as u32)
                    .msg("detail", m.mistake.explain()),
            ),
            None => ok("fb-order-ok"),
        },
        Check::RightTools => match st.mistakes.iter().find(|m| !m.mistake.is_order()) {
            Some(m) => (
                0.0,
                Msg::new("fb-tools")
                    .int("n", (m.action + 1) as u32)
                    .msg("detail", m.mistake.explain()),
            ),
            None => ok("fb-tools-ok"),
        },
        Check::SheathStripLength { tolerance_mm } => length_feedback(
            "what-sheath",
            st.sheath_strip_mm,
            t.sheath_strip_mm,
            tolerance_mm,
            0,
        ),
        Check::StrengthMemberLength { tolerance_mm } => length_feedback(
            "what-strength",
            st.strength.as_ref().map(|s| s.keep_mm),
            t.strength_member_keep_mm,
            tolerance_mm,
            0,
        ),
        Check::CoatingStripLength { tolerance_mm } => {
            let fibres = task_fibres(st);
            let v = if fibres.len() == tasks.len() {
                worst(
                    fibres.iter().map(|f| f.coating_strip_mm),
                    t.coating_strip_mm,
                )
            } else {
                None
            };
            length_feedback("what-coating", v, t.coating_strip_mm, tolerance_mm, 1)
        }
        Check::CleaveLength { tolerance_mm } => {
            let fibres = task_fibres(st);
            let v = if fibres.len() == tasks.len() {
                worst(
                    fibres
                        .iter()
                        .map(|f| f.cleave.as_ref().map(|c| c.length_mm)),
                    t.cleave_length_mm,
                )
            } else {
                None
            };
            length_feedback("what-cleave", v, t.cleave_length_mm, tolerance_mm, 1)
        }
        Check::CleaveQuality { max_angle_deg } => {
            if !all_tasks_cleaved {
                return (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-cleave-quality")),
                );
            }
            for f in task_fibres(st) {
                let Some(c) = &f.cleave else { continue };
                if let Some(d) = c.defects.first() {
                    return (
                        0.0,
                        Msg::new("fb-cleave-defect")
                            .msg("fibre", f.id.describe(code))
                            .msg("defect", d.name()),
                    );
                }
                if c.angle_deg > max_angle_deg {
                    return (
                        0.0,
                        Msg::new("fb-cleave-angle")
                            .msg("fibre", f.id.describe(code))
                            .num("angle", c.angle_deg, 2)
                            .num("max", max_angle_deg, 1),
                    );
                }
            }
            (1.0, Msg::new("fb-cleave-ok").num("max", max_angle_deg, 1))
        }
        Check::EndFaceClean => {
            if !all_tasks_cleaved {
                return (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-preparation")),
                );
            }
            match task_fibres(st).into_iter().find(|f| f.end_dirty) {
                Some(f) => {
                    let cause = if f.gel_residue {
                        "fb-dirty-gel"
                    } else if f.coating_residue {
                        "fb-dirty-coating"
                    } else {
                        "fb-dirty"
                    };
                    (0.0, Msg::new(cause).msg("fibre", f.id.describe(code)))
                }
                None => ok("fb-clean-ok"),
            }
        }
        Check::FibreIntact => {
            if let Some(f) = st.fibres.iter().find(|f| f.breaks > 0) {
                (
                    0.0,
                    Msg::new("fb-broken")
                        .msg("fibre", f.id.describe(code))
                        .int("n", f.breaks)
                        .num("mm", f.lost_mm, 0),
                )
            } else if let Some(f) = st.fibres.iter().find(|f| f.nicked) {
                (0.0, Msg::new("fb-nicked").msg("fibre", f.id.describe(code)))
            } else {
                ok("fb-intact-ok")
            }
        }
        Check::ShardsDisposed => {
            if st.shards_pending > 0 {
                (0.0, Msg::new("fb-shards").int("n", st.shards_pending))
            } else {
                ok("fb-shards-ok")
            }
        }
        _ => (0.0, Msg::new("fb-check-module")),
    }
}
