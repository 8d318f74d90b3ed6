//! Rubric evaluation: the scenario's criteria applied to the final state and the log.
//! Every criterion result carries a feedback message that says what went wrong and why it
//! matters on a real job.

pub mod boxwork;
pub mod compare;
pub mod connect;
pub mod job;
pub mod otdr;
pub mod prep;
pub mod routing;
pub mod splice;

use serde::{Deserialize, Serialize};

use crate::exercise::{Exercise, ModuleState};
use crate::i18n::{Arg, Msg};
use crate::scenario::closure::defects::Defect;
use crate::scenario::{Check, Module, Scenario};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CriterionResult {
    pub id: String,
    pub points: f64,
    pub max_points: f64,
    pub critical: bool,
    /// Full points earned.
    pub met: bool,
    pub feedback: Msg,
    /// In a job, the defect an auditor would file for a criterion not met, where it
    /// leaves one on the site (see [`job::defect`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub defect: Option<Defect>,
}

/// The version of the grading rules. It goes up when a release changes what a rubric
/// check gives for the same attempt (its points, its verdict or its feedback), so that
/// `verify` can tell a grade made under earlier rules from one that does not match its
/// log.
///
/// - 1: releases up to 0.1.0.
/// - 2: no points for a check on a gesture never reached; a job's acceptance needs a
///   complete report on every fibre; feedback names every item concerned.
/// - 3: the reflectance of a reflection that clips the receiver is right anywhere from
///   the clipping level up to its true value (the instrument reads only a lower bound).
/// - 4: the instrument's analysis groups events closer than their dead zone (the group
///   carries their combined loss) and finds the end where the backscatter ends on a long
///   pulse; a report taken from its table (`TakeTable`) may then read otherwise. No
///   shipped script's grade changed.
/// - 5: in a job whose splicing stage was never reached (stopped at its routing stage),
///   a splicing check says the splicing was not reached (it said the check did not
///   apply); no points either way. No shipped script's grade changed.
/// - 6: the OTDR's noise calibrated to a published datasheet (1.2 dB more noise than
///   before): the instrument's analysis and a check on the end's margin over the noise
///   may read otherwise. No shipped script's score or verdict changed; one feedback's
///   figure did (an end 8.7 dB over the noise where it was 9.9).
/// - 7: an attempt sat under an assessment's time limit is timed against that limit
///   (its extra time included), the one its clock and its relevé show, not against the
///   scenario's own duration.
///   Also in 7: in a job, a loss read one way across a change of fibre (accepted as what the
///   trace shows that way) is said to be a one-way reading, with the true loss beside it
///   (the average of both directions); a mechanical splice's feedback speaks of an
///   element ("épissure"), not of a fusion ("soudure"). No points change.
///   Also in 7: inspect before you connect, on the cords too: `FacesInspected` and
///   `ConnectedClean` also count the cords' plugs mated to each other in a two- or
///   three-cord reference (each plug inspected since it last changed, and clean). One
///   shipped script's grade changed: the pigtail job's failing script (two-cord
///   references) reads 62.5 where it read 60, its reference's mating now counted right
///   among the matings.
/// - 8: a pole's load study takes the new cable's tension under the study's climatic
///   hypothesis (the change of state from its laying tension over its section's ruling
///   span, each side of a corner at its own section's), not its still-air laying tension
///   (NF C 11-201; ROUTING §2.5 step 1); ice widens every cable in the wind. The studies'
///   readings and the remedies they call for change with it (a corner pole's utilisation
///   about 1.4 times what it was, a guy's pull with it). The three shipped study
///   scenarios' clean scripts were worked again by hand (new readings; the corner poles
///   guyed 8 m out, where 6 m now pulls over the crew's 2.5 kN guy) and still pass at
///   100; the overloaded line's failing script reads 55 where it read 60 (its B1 reading,
///   taken with the laying tension, is now off too).
///   Also in 8: a splitter tested from its input (the exchange's side) is read against
///   what that trace shows, 5·log10(N) plus its excess one way, 7.5·log10(N) plus its
///   excess both ways averaged (its insertion loss still accepted), and the feedback
///   gives its insertion loss and why the trace shows less. No shipped script tests a
///   splitter from its input; no shipped grade changed by it.
/// - 9: the OTDR is an instrument, not a textbook (issue 27): its receiver has a bandwidth
///   that follows the pulse (so a short pulse sees more noise: a 10 ns trace 8 dB noisier
///   than before against the 20 µs datasheet), a slower part and a photodiode recovery
///   after strong reflections (hundreds of metres after an open end, as on the real
///   traces), the backscatter its fixed texture, and it fires at most 5 000 times a second.
///   The analysis starts each line after the receiver's recovery, measures a reflectance
///   with the receiver's reach, finds small steps on 50 m lines and gives no dB/km on a
///   section under 100 m. Traces, tables, the pulse check (the far end's margin over the
///   noise) and the checks that read the table may read otherwise. Two shipped clean
///   scripts were set again: the long link at 2.5 µs (1 µs no longer brings its far end 10
///   dB out of the noise), the PON practice at 100 ns averaged 60 s (30 ns no longer
///   reaches behind the splitter); both still read 100. No other shipped script's score
///   or verdict changed; two feedback figures did (the long link's 30 ns end 1.7 dB over
///   the noise where it was 8.7; the recette's clipping panel read 1.18 dB, not 1.16).
/// - 10: the OTDR's analysis holds each step and reflection to the noise and texture
///   where it stands (a trace much noisier after a large step than before it, or one
///   sinking into the noise, no longer lists false events there nor hides a real one
///   before), reads no reflection off the foot of a drop, keeps one event per stretch
///   once steps are placed, flags a clipped end saturated, gives the ORL as an upper
///   bound where a reflection clipped, and says where a trace with no end found sank
///   into the noise ("unseen beyond", not an end). An automatic table taken by a
///   trainee may list fewer events. No shipped script's score, verdict or feedback
///   changed; the reports lose false reflective events in the noisy tails of traces,
///   and the long link's end reads 47 m earlier within its 255 m pulse. In the same
///   release (issue 27): two losses closer than the detector's lines read apart where
///   the trace swings between them (no gain standing for both), a drop of 3 dB or
///   more is placed where the trace falls off the line before, an end into the noise
///   past the end-of-fibre threshold is found where the scan stopped, and a
///   non-reflective fall into the noise under that threshold is a loss, not an end;
///   past a reflection a trace that only falls (faster than 5 dB/km) is the receiver's
///   recovery, so the fibre ends at the reflection.
///   No shipped script's score, verdict or feedback changed; the reports' events move
///   closer to the true ones (the long link's end within 20 m at 2.5 µs).
/// - 11: a job's criterion not met names the defect an auditor would file against the
///   connection (its Interop'Fibre location and fault codes, FTTH-JOBS §11), where it
///   leaves one on the site. No points, verdict or feedback changed.
///   Also in 11: the intervention report takes "no light" where the meter showed none
///   (LO), and a level written where it showed LO is wrong for that reason (its
///   feedback says so); "no light" written where the meter read a level is wrong. One
///   shipped script's feedback changed (the work-order practice's mistakes, which wrote
///   −50 dBm for LO), not its points.
pub const RULES: u32 = 11;

fn first_rules() -> u32 {
    1
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct GradeReport {
    /// The grading rules this grade was made under (see [`RULES`]).
    #[serde(default = "first_rules")]
    pub rules: u32,
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
    /// verdict, defect and feedback as shown (numbers to the decimals they are shown with, see
    /// [`Msg::as_shown`]), and the stages' points. This is the precision `verify` holds a
    /// stored grade to: a replay on another machine or with another maths library may
    /// differ in a measured loss's tenth decimal, never in what the trainee and the jury
    /// read.
    pub fn reads_the_same_as(&self, other: &GradeReport) -> bool {
        type Shown = (String, f64, f64, bool, bool, String, Option<Defect>);
        let criteria = |r: &GradeReport| -> Vec<Shown> {
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
                        c.defect.clone(),
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
            let (fraction, feedback) = evaluate(&c.check, ex);
            let fraction = fraction.clamp(0.0, 1.0);
            CriterionResult {
                id: c.id.clone(),
                points: round1(c.points * fraction),
                max_points: c.points,
                critical: c.critical,
                met: fraction >= 1.0,
                feedback,
                defect: (fraction < 1.0).then(|| defect(&c.check, ex)).flatten(),
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
        rules: RULES,
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

/// One check on the exercise: the shared check here, the others by the module whose
/// bench it is (a bench built on others passes their checks on to them).
/// The defect an auditor would file for a check not met: a job's (an exercise on one
/// bench is not a connection an auditor visits).
fn defect(check: &Check, ex: &Exercise) -> Option<Defect> {
    match &ex.state {
        ModuleState::Job(st) => job::defect(check, st),
        ModuleState::CablePrep(_)
        | ModuleState::Otdr(_)
        | ModuleState::Splice(_)
        | ModuleState::Routing(_)
        | ModuleState::Connect(_) => None,
    }
}

fn evaluate(check: &Check, ex: &Exercise) -> (f64, Msg) {
    if let Check::WithinTime = check {
        return within_time(ex);
    }
    match &ex.state {
        ModuleState::CablePrep(st) => prep::evaluate(check, st),
        ModuleState::Otdr(st) => otdr::evaluate(check, st),
        ModuleState::Splice(st) => splice::evaluate(check, st),
        ModuleState::Job(st) => job::evaluate(check, st),
        ModuleState::Routing(st) => routing::evaluate(check, st),
        ModuleState::Connect(st) => connect::evaluate(check, st),
    }
}

/// A check of another module than the bench's (validation refuses it in the file).
pub(crate) fn not_this_module() -> (f64, Msg) {
    (0.0, Msg::new("fb-check-module"))
}

/// A job's criteria grouped by stage, in the order of the work: preparation, splicing,
/// test, then the job as a whole (its acceptance and the shared checks).
fn stage_scores(scenario: &Scenario, criteria: &[CriterionResult]) -> Vec<StageScore> {
    let order = [
        Module::Routing,
        Module::CablePrep,
        Module::Splice,
        Module::Connect,
        Module::Otdr,
        Module::Job,
    ];
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

/// A criterion's feedback when several items are concerned: the first explained, then
/// every item named (each missed event, each fibre without a splice). One item or none:
/// the explanation alone.
pub(crate) fn naming_all(first: Msg, items: Vec<Msg>) -> Msg {
    if items.len() <= 1 {
        return first;
    }
    Msg::new("fb-concerned")
        .msg("first", first)
        .int("n", items.len() as u32)
        .list("items", items)
}

/// The parts of a feedback made by [`naming_all`]: the first item explained, and every
/// item concerned; `None` for a feedback of one sentence.
pub fn concerned(m: &Msg) -> Option<(&Msg, &[Msg])> {
    if m.key != "fb-concerned" {
        return None;
    }
    let first = m.args.iter().find_map(|(n, a)| match a {
        Arg::Msg(f) if n == "first" => Some(&**f),
        Arg::Msg(_) | Arg::Text(_) | Arg::Words { .. } | Arg::Num { .. } | Arg::List(_) => None,
    })?;
    let items = m.args.iter().find_map(|(n, a)| match a {
        Arg::List(items) if n == "items" => Some(items.as_slice()),
        Arg::List(_) | Arg::Msg(_) | Arg::Text(_) | Arg::Words { .. } | Arg::Num { .. } => None,
    })?;
    Some((first, items))
}

/// The share of `items` that pass, the first failure explained and every one named; or
/// `ok` when all pass.
pub(crate) fn share(total: usize, failures: Vec<(Msg, Msg)>, ok: Msg) -> (f64, Msg) {
    if total == 0 {
        return (1.0, ok);
    }
    let n_bad = failures.len();
    let fraction = (total - n_bad.min(total)) as f64 / total as f64;
    let mut it = failures.into_iter();
    match it.next() {
        None => (1.0, ok),
        Some((first, name)) => {
            let mut names = vec![name];
            names.extend(it.map(|(_, n)| n));
            (fraction, naming_all(first, names))
        }
    }
}

/// A check on gestures the trainee never reached: no points, whatever the gestures made
/// so far were worth (`what` names the work left undone).
pub(crate) fn not_reached(what: &str) -> (f64, Msg) {
    (0.0, Msg::new("fb-not-reached").msg("what", Msg::new(what)))
}

pub(crate) fn round1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

/// The time an attempt is given: its assessment's limit when it has one (the extra time
/// included), else the scenario's duration. One limit for the clock, the grade and the
/// relevé.
pub fn time_allowed_ms(ex: &Exercise) -> u64 {
    ex.time_limit_ms
        .unwrap_or((ex.scenario.duration_min * 60_000.0) as u64)
}

fn within_time(ex: &Exercise) -> (f64, Msg) {
    let limit_ms = time_allowed_ms(ex);
    let used = ex.finished_at_ms().unwrap_or(ex.elapsed_ms());
    let key = if used <= limit_ms {
        "fb-time-ok"
    } else {
        "fb-time-over"
    };
    (
        if used <= limit_ms { 1.0 } else { 0.0 },
        Msg::new(key).num("min", used as f64 / 60_000.0, 1).num(
            "limit",
            limit_ms as f64 / 60_000.0,
            0,
        ),
    )
}
