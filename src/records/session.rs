//! A live attempt: its exercise and its record, each accepted action committed before
//! the next, the assessment's time held.

use super::{Db, Result};
use crate::exercise::{Action, Exercise, Outcome, Refusal};
use crate::grading::{GradeReport, grade};
use crate::i18n::Msg;
use crate::scenario::LoadedScenario;

/// A live attempt: the exercise and the number of its record in the database.
#[derive(Clone, Debug)]
pub struct Session {
    pub attempt: i64,
    pub exercise: Exercise,
    pub loaded: LoadedScenario,
    pub trainee: String,
    /// An assessment's deadline (ms since 1970, extra time included).
    pub deadline_at: Option<i64>,
}

/// What happened to an action sent to a session.
#[derive(Debug)]
pub enum Acted {
    Accepted(Outcome),
    Refused(Refusal),
}

impl Session {
    /// A session that is not stored anywhere (no database available).
    pub fn unrecorded(loaded: &LoadedScenario, seed: u64, trainee: &str) -> Session {
        Session::fresh(0, loaded, seed, trainee)
    }

    /// A free attempt at its start, recorded as `attempt`.
    pub(super) fn fresh(
        attempt: i64,
        loaded: &LoadedScenario,
        seed: u64,
        trainee: &str,
    ) -> Session {
        Session {
            attempt,
            exercise: Exercise::generate(&loaded.scenario, seed),
            loaded: loaded.clone(),
            trainee: trainee.to_string(),
            deadline_at: None,
        }
    }

    /// Whether an action at `at_ms` comes after the assessment's time: by the store's
    /// clock past the deadline, or by the attempt's own time past its limit.
    pub fn time_is_up(&self, db: &Db, at_ms: u64) -> bool {
        self.deadline_at.is_some_and(|d| db.now() > d)
            || self.exercise.time_limit_ms.is_some_and(|l| at_ms > l)
    }

    /// Ends the attempt at its deadline: "finish" at the limit, graded as it stands.
    pub(super) fn finish_on_time(&mut self, db: &Db) -> Result<()> {
        let elapsed = self.exercise.elapsed_ms();
        let at = match self.exercise.time_limit_ms {
            Some(limit) => limit.min(crate::limits::MAX_ATTEMPT_MS).max(elapsed),
            None => elapsed,
        };
        if self.exercise.apply(at, Action::Finish).is_ok() {
            let seq = self.exercise.log.len() - 1;
            db.record_action(self.attempt, seq, &self.exercise.log[seq])?;
        }
        db.finish_attempt_by(self.attempt, &grade(&self.exercise), Some("time-limit"))
    }

    /// Applies an action; an accepted one is committed to the database before this
    /// returns. If writing fails the exercise is left as it was before the action. After
    /// an assessment's deadline the action is refused and the attempt is graded as it
    /// stood then.
    pub fn act(&mut self, db: &Db, at_ms: u64, action: Action) -> Result<Acted> {
        if !self.exercise.is_finished() && self.time_is_up(db, at_ms) {
            let limit = self.exercise.time_limit_ms.unwrap_or(0);
            self.finish_on_time(db)?;
            return Ok(Acted::Refused(Refusal::new(
                Msg::new("refuse-time-up").num("limit", limit as f64 / 60_000.0, 0),
            )));
        }
        let before = self.exercise.clone();
        match self.exercise.apply(at_ms, action) {
            Err(r) => Ok(Acted::Refused(r)),
            Ok(outcome) => {
                let seq = self.exercise.log.len() - 1;
                if let Err(e) = db.record_action(self.attempt, seq, &self.exercise.log[seq]) {
                    self.exercise = before;
                    return Err(e);
                }
                if self.exercise.is_finished() {
                    let report = grade(&self.exercise);
                    db.finish_attempt(self.attempt, &report)?;
                }
                Ok(Acted::Accepted(outcome))
            }
        }
    }

    pub fn report(&self) -> GradeReport {
        grade(&self.exercise)
    }
}
