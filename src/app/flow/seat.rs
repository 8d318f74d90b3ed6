//! The app on a room's seat (its store is the school's server, under the room's login):
//! the trainee picks their name from the room's list and gives their PIN, which the
//! server checks; their assessments come from the server, each attempt starts there (the
//! server draws the seed and times it) and every gesture is sent there as it is made.
//! The seat keeps nothing of the school's but the PIN typed, in memory, for the attempt's
//! start. Practice is not offered on a seat: there is nowhere to keep it.

use std::time::Instant;

use bevy::prelude::*;

use super::{Briefed, Catalogue, Current, Live, LogLine, Notice, Records};
use crate::i18n::Msg;
use crate::records::RecordsError;
use crate::records::assess::FeedbackView;
use crate::records::school::Trainee;
use crate::records::seat::SeatAssignment;

/// The trainee who said who they are on this seat (none before).
#[derive(Resource, Default)]
pub struct Seat(pub Option<SeatLogin>);

pub struct SeatLogin {
    /// Their pseudonym.
    pub trainee: String,
    /// Their PIN, as typed (the server asks it again to start an attempt).
    pub pin: String,
    /// Their assessments not closed, as the server last listed them.
    pub list: Vec<SeatAssignment>,
    read_at: Instant,
}

/// "Je suis…" on a seat: the server checks the PIN and lists the trainee's assessments;
/// the seat's clock follows the server's from then on.
pub(super) fn identify(
    records: &Records,
    trainee: &str,
    name: &str,
    pin: &str,
) -> Result<(SeatLogin, Trainee), Msg> {
    let Some(mut db) = records.db.as_ref().and_then(|m| m.lock().ok()) else {
        return Err(records.error.clone().unwrap_or_else(|| Msg::new("app-seat-no-store")));
    };
    let list = db.seat_assignments(trainee, pin).map_err(|e| e.msg())?;
    if let Some(g) = list.first() {
        db.follow_server_clock(g.server_now);
    }
    let me = Trainee {
        id: 0,
        uuid: trainee.to_string(),
        name: Some(name.to_string()),
        external_ref: None,
        has_pin: true,
        cohorts: Vec::new(),
        archived: false,
    };
    let login = SeatLogin {
        trainee: trainee.to_string(),
        pin: pin.to_string(),
        list,
        read_at: Instant::now(),
    };
    Ok((login, me))
}

/// An assignment on its briefing, before the clock starts: the seat's copy of the
/// exercise tells what it is about (its draw and its pinned text come with the start).
pub(super) fn brief(seat: &Seat, catalogue: &Catalogue, uuid: &str) -> Result<Briefed, Msg> {
    let g = seat
        .0
        .as_ref()
        .and_then(|l| l.list.iter().find(|g| g.uuid == uuid))
        .ok_or_else(|| Msg::new("assess-not-assigned"))?;
    let loaded = catalogue.find(&g.scenario_id).cloned().ok_or_else(|| {
        Msg::new("app-seat-scenario-missing").text("scenario", g.scenario_id.clone())
    })?;
    Ok(Briefed {
        assignment: 0,
        assessment: g.title.clone(),
        limit_ms: g
            .time_limit_s
            .map(|s| ((s + g.extra_time_s).max(0) as u64) * 1000),
        extra_ms: (g.extra_time_s.max(0) as u64) * 1000,
        attempt: g.attempts_used + 1,
        allowed: g.attempts_allowed,
        loaded,
        seat: Some(uuid.to_string()),
    })
}

/// Starts (or resumes) the attempt at an assignment on the server: the exercise the
/// server handed over, timed by the server's clock from its start. What the trainee
/// sees of the grade is the trainer's to give: nothing at the end but "handed in".
pub(super) fn start(records: &Records, seat: &mut Seat, uuid: &str) -> Result<Live, Msg> {
    let login = seat
        .0
        .as_mut()
        .ok_or_else(|| Msg::new("assess-not-assigned"))?;
    let session = records
        .with(|db| db.seat_begin(uuid, &login.pin, &login.trainee))
        .ok_or_else(|| records.error.clone().unwrap_or_else(|| Msg::new("app-seat-no-store")))?
        .map_err(|e| e.msg())?;
    // The list is read again when the trainee comes back to it.
    login.read_at -= std::time::Duration::from_secs(3600);
    let now = records.with(|db| db.now()).unwrap_or(0);
    let elapsed = session.exercise.elapsed_ms();
    let started = match (session.deadline_at, session.exercise.time_limit_ms) {
        (Some(deadline), Some(limit)) => deadline - limit as i64,
        _ => now - elapsed as i64,
    };
    let log = if session.exercise.log.is_empty() {
        Vec::new()
    } else {
        vec![LogLine {
            msg: Msg::new("app-resumed"),
            refused: false,
        }]
    };
    let mut live = Live::new(session, elapsed, log, None).timed_from(Some(started), now);
    live.feedback = FeedbackView::Hidden;
    Ok(live)
}

/// The trainee's list read again from the server when they come back to it (not when
/// it was read a moment ago).
pub(super) fn refresh(records: Res<Records>, mut seat: ResMut<Seat>, mut notice: ResMut<Notice>) {
    let Some(login) = seat.0.as_mut() else {
        return;
    };
    if login.read_at.elapsed().as_secs() < 2 {
        return;
    }
    match records.with(|db| db.seat_assignments(&login.trainee, &login.pin)) {
        Some(Ok(list)) => {
            login.list = list;
            login.read_at = Instant::now();
        }
        Some(Err(e)) => notice.0 = Some(e.msg()),
        None => {}
    }
}

/// While the server is lost, the gestures kept on the seat (and a finished attempt's
/// hand-in) are sent again every [`crate::limits::SEAT_RETRY_MS`], whether the trainee
/// acts or not.
pub(super) fn retry(records: Res<Records>, mut current: ResMut<Current>) {
    let Some(live) = current.live.as_mut() else {
        return;
    };
    let s = &live.session;
    let waiting = s.remote.is_some() && (s.offline() || (s.exercise.is_finished() && !s.handed_in));
    if !waiting || s.retry_at.is_some_and(|t| Instant::now() < t) || live.record_error.is_some() {
        return;
    }
    let Some(db) = records.db.as_ref().and_then(|m| m.lock().ok()) else {
        return;
    };
    match live.session.hand_in(&db) {
        Ok(()) | Err(RecordsError::Offline(_)) => {}
        Err(e) => live.record_error = Some(e.msg()),
    }
}
