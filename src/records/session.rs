//! A live attempt: its exercise and its record, each accepted action committed before
//! the next, the assessment's time held.

use super::{Db, RecordsError, Result};
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
    /// The attempt's uuid on the school's server, for a seat's attempt (its actions are
    /// sent there, not stored here).
    pub remote: Option<String>,
    /// The numbers of the actions taken while the server could not be reached, to hand
    /// over when it answers again.
    pub pending: Vec<usize>,
    /// A seat's finished attempt the server has taken.
    pub handed_in: bool,
    /// Its hand-in was sent once without an answer.
    pub finish_tried: bool,
    /// While the server is lost: no new try to reach it before then (the gestures in
    /// between are kept without waiting on the network).
    pub retry_at: Option<std::time::Instant>,
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
            remote: None,
            pending: Vec::new(),
            handed_in: false,
            finish_tried: false,
            retry_at: None,
        }
    }

    /// Whether actions wait to be handed over to the server.
    pub fn offline(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Stores action `seq`: here, or on the server for a seat's attempt (kept to hand
    /// over later when the server cannot be reached).
    fn store(&mut self, db: &Db, seq: usize) -> Result<()> {
        let Some(uuid) = self.remote.clone() else {
            return db.record_action(self.attempt, seq, &self.exercise.log[seq]);
        };
        // The server lost a moment ago: kept, and tried again later.
        if self.offline() && self.retry_at.is_some_and(|t| std::time::Instant::now() < t) {
            self.keep(db, &uuid, seq);
            return Ok(());
        }
        match self.flush(db, &uuid) {
            Ok(()) => {}
            Err(RecordsError::Offline(_)) => {
                self.keep(db, &uuid, seq);
                return Ok(());
            }
            // A refusal of what was kept (past the grace, the assessment closed): said now.
            Err(e) => return Err(e),
        }
        match db.seat_send(&uuid, seq, &self.exercise.log[seq], false) {
            Ok(_) => Ok(()),
            Err(RecordsError::Offline(_)) => {
                self.keep(db, &uuid, seq);
                self.lost();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Keeps action `seq` to hand over later: in memory, and in the seat's journal on
    /// disk (a journal that cannot be written leaves it in memory: the trainee goes on).
    fn keep(&mut self, db: &Db, uuid: &str, seq: usize) {
        self.pending.push(seq);
        let _ = db.journal_add(uuid, seq, &self.exercise.log[seq]);
    }

    /// The server did not answer: no new try before [`crate::limits::SEAT_RETRY_MS`].
    fn lost(&mut self) {
        self.retry_at = Some(
            std::time::Instant::now()
                + std::time::Duration::from_millis(crate::limits::SEAT_RETRY_MS),
        );
    }

    /// Hands over the actions taken while the server was lost (connecting again first).
    fn flush(&mut self, db: &Db, uuid: &str) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let sent = self.hand_over(db, uuid);
        if let Err(RecordsError::Offline(_)) = sent {
            self.lost();
        }
        sent
    }

    fn hand_over(&mut self, db: &Db, uuid: &str) -> Result<()> {
        db.reconnect()?;
        // An action whose answer was lost may have reached the server: not sent twice.
        let held = db.seat_log(uuid)?.len();
        self.pending.retain(|&seq| seq >= held);
        while let Some(&seq) = self.pending.first() {
            db.seat_send(uuid, seq, &self.exercise.log[seq], true)?;
            self.pending.remove(0);
        }
        self.retry_at = None;
        db.journal_clear(uuid);
        Ok(())
    }

    /// Hands over what waits and hands the finished attempt in (a seat's attempt whose
    /// finish could not reach the server); nothing to do otherwise.
    pub fn hand_in(&mut self, db: &Db) -> Result<()> {
        let Some(uuid) = self.remote.clone() else {
            return Ok(());
        };
        if !self.exercise.is_finished() {
            return self.flush(db, &uuid);
        }
        if self.pending.is_empty() && self.handed_in {
            return Ok(());
        }
        self.flush(db, &uuid)?;
        match db.seat_finish(&uuid, &grade(&self.exercise)) {
            Ok(_) => {}
            // Its answer lost the first time: the server had taken it.
            Err(RecordsError::Refused(m))
                if self.finish_tried && m.key == "seat-attempt-not-open" => {}
            Err(e) => {
                self.finish_tried = true;
                if let RecordsError::Offline(_) = e {
                    self.lost();
                }
                return Err(e);
            }
        }
        self.handed_in = true;
        Ok(())
    }

    /// Ends the attempt with its grade: stored here, or handed in to the server.
    fn end(&mut self, db: &Db, report: &GradeReport, ended_by: Option<&str>) -> Result<()> {
        match self.remote.clone() {
            None => db.finish_attempt_by(self.attempt, report, ended_by),
            Some(uuid) => {
                // Kept to hand in later when the server cannot be reached now.
                let sent = self
                    .flush(db, &uuid)
                    .and_then(|()| db.seat_finish(&uuid, report).map(|_| ()));
                match sent {
                    Ok(()) => {
                        self.handed_in = true;
                        Ok(())
                    }
                    Err(RecordsError::Offline(_)) => {
                        self.finish_tried = true;
                        self.lost();
                        Ok(())
                    }
                    Err(e) => Err(e),
                }
            }
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
            self.store(db, seq)?;
        }
        let report = grade(&self.exercise);
        self.end(db, &report, Some("time-limit"))
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
                if let Err(e) = self.store(db, seq) {
                    self.exercise = before;
                    return Err(e);
                }
                if self.exercise.is_finished() {
                    let report = grade(&self.exercise);
                    self.end(db, &report, None)?;
                }
                Ok(Acted::Accepted(outcome))
            }
        }
    }

    pub fn report(&self) -> GradeReport {
        grade(&self.exercise)
    }
}
