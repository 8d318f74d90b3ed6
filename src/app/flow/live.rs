//! The attempt in play and its clock: a practice attempt's time is the time played (a
//! pause stops it); an assessment attempt's is the store's time since it started, and its
//! time left is counted from its deadline.

use std::time::Instant;

use bevy::prelude::*;

use super::LogLine;
use crate::grading::GradeReport;
use crate::i18n::Msg;
use crate::records::Session;

/// The attempt in progress (or just finished, for the debrief).
#[derive(Resource, Default)]
pub struct Current {
    pub live: Option<Live>,
}

pub struct Live {
    pub session: Session,
    /// Wall clock at the start (or resume) and the attempt time it corresponds to.
    pub clock_start: Instant,
    pub clock_offset_ms: u64,
    pub log: Vec<LogLine>,
    pub report: Option<GradeReport>,
    /// Set when the database refused a write: the attempt cannot go on safely.
    pub record_error: Option<Msg>,
    /// The trainee's own attempt number at this exercise (1 for her first); `None` when
    /// the attempt is not recorded.
    pub number: Option<u32>,
    /// Paused since then, and whether the pause stops the attempt's clock (in practice
    /// it does; in an assessment the time keeps running, as at the bench in front of a
    /// jury).
    pub paused: Option<(Instant, bool)>,
    /// Which opening of an exercise this is, in this run of the app: the panels' scroll
    /// positions are kept per opening, so that each starts at the top.
    pub opening: u64,
    /// What the trainee may see of the grade (an assessment's feedback policy): all, the
    /// score only, or nothing yet.
    pub feedback: crate::records::assess::FeedbackView,
    /// An assessment attempt's start by the store's clock (ms since 1970): its time is
    /// the store's time since then, as at a bench in front of a jury (a pause, a quit or
    /// a crash does not stop it), and its time left is counted from its deadline.
    pub store_start: Option<i64>,
    /// The store's clock, read each frame for an assessment attempt.
    pub store_now: i64,
}

/// Openings of an exercise so far in this run (see [`Live::opening`]).
static OPENINGS: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);

impl Live {
    pub fn new(
        session: Session,
        clock_offset_ms: u64,
        log: Vec<LogLine>,
        number: Option<u32>,
    ) -> Live {
        Live {
            session,
            clock_start: Instant::now(),
            clock_offset_ms,
            log,
            report: None,
            record_error: None,
            number,
            paused: None,
            opening: OPENINGS.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
            feedback: crate::records::assess::FeedbackView::Full,
            store_start: None,
            store_now: 0,
        }
    }

    /// An assessment attempt, timed by the store's clock from its start (`started_at`).
    pub(super) fn timed_from(mut self, started_at: Option<i64>, now: i64) -> Live {
        self.store_start = started_at;
        self.store_now = now;
        self
    }

    /// The attempt's time, ms: an assessment attempt's by the store's clock since it
    /// started, a practice attempt's by the time played (a pause stops it).
    pub fn now_ms(&self) -> u64 {
        let last = self.session.exercise.log.last().map_or(0, |a| a.at_ms);
        if let Some(start) = self.store_start {
            let by_store = (self.store_now - start).max(0) as u64;
            return by_store.max(self.clock_offset_ms).max(last);
        }
        let running = match self.paused {
            Some((at, true)) => at.saturating_duration_since(self.clock_start),
            Some((_, false)) | None => self.clock_start.elapsed(),
        };
        self.clock_offset_ms + running.as_millis() as u64
    }

    /// The time the attempt is given, ms: the assessment's limit (extra time included),
    /// else an assessment scenario's duration; `None` in practice.
    pub fn time_allowed_ms(&self) -> Option<u64> {
        let ex = &self.session.exercise;
        (ex.time_limit_ms.is_some() || ex.scenario.mode == crate::scenario::Mode::Assessment)
            .then(|| crate::grading::time_allowed_ms(ex))
    }

    /// The time left, ms, when the attempt has a limit: from the deadline by the store's
    /// clock for an assessment attempt, else from the attempt's own time.
    pub fn time_left_ms(&self) -> Option<i64> {
        if let (Some(deadline), Some(_)) = (self.session.deadline_at, self.store_start) {
            return Some(deadline - self.store_now);
        }
        self.time_allowed_ms()
            .map(|l| l as i64 - self.now_ms() as i64)
    }

    /// Pauses the attempt; the clock stops in practice only.
    pub fn pause(&mut self) {
        if self.paused.is_none() {
            let stops = self.session.exercise.scenario.mode == crate::scenario::Mode::Practice;
            self.paused = Some((Instant::now(), stops));
        }
    }

    /// Goes on after a pause, the clock from where it stopped.
    pub fn unpause(&mut self) {
        let now = self.now_ms();
        self.paused = None;
        self.clock_offset_ms = now;
        self.clock_start = Instant::now();
    }
}
