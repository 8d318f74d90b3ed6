//! The app on a room's seat (its store is the school's server, under the room's login):
//! the trainee picks their name from the room's list and gives their PIN, which the
//! server checks; their assessments come from the server, each attempt starts there (the
//! server draws the seed and times it) and every gesture is sent there as it is made.
//! The seat keeps nothing of the school's but the PIN typed, in memory, for the attempt's
//! start. Practice is not offered on a seat: there is nowhere to keep it.

use std::time::Instant;

use bevy::prelude::*;

use super::{Briefed, Catalogue, Chosen, Current, Live, LogLine, Notice, Records, UiCommand};
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
    /// When the list was read (`None`: to read again).
    read_at: Option<Instant>,
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
        return Err(records
            .error
            .clone()
            .unwrap_or_else(|| Msg::new("app-seat-no-store")));
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
        read_at: Some(Instant::now()),
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
        limit_ms: Briefed::limit_ms(g.time_limit_s, g.extra_time_s),
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
        .ok_or_else(|| {
            records
                .error
                .clone()
                .unwrap_or_else(|| Msg::new("app-seat-no-store"))
        })?
        .map_err(|e| e.msg())?;
    // The list is read again when the trainee comes back to it.
    login.read_at = None;
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
    if login.read_at.is_some_and(|t| t.elapsed().as_secs() < 2) {
        return;
    }
    match records.with(|db| db.seat_assignments(&login.trainee, &login.pin)) {
        Some(Ok(list)) => {
            login.list = list;
            login.read_at = Some(Instant::now());
        }
        Some(Err(e)) => notice.0 = Some(e.msg()),
        None => {}
    }
}

/// Whether the school's server answers, found out away from the screen (a connection
/// to a server out of reach waits [`crate::limits::SERVER_CONNECT_TIMEOUT_MS`]).
#[derive(Default)]
pub(super) struct Probe(Option<std::sync::mpsc::Receiver<bool>>);

/// While the server is lost, the gestures kept on the seat (and a finished attempt's
/// hand-in) are sent again once the server answers, tried every
/// [`crate::limits::SEAT_RETRY_MS`] whether the trainee acts or not. Whether it answers
/// is asked on a thread of its own, so that the screen never waits on the network; in
/// the meantime the trainee's gestures are kept without a try.
pub(super) fn retry(records: Res<Records>, mut current: ResMut<Current>, mut probe: Local<Probe>) {
    let Some(live) = current.live.as_mut() else {
        probe.0 = None;
        return;
    };
    let s = &live.session;
    let waiting = s.remote.is_some() && (s.offline() || (s.exercise.is_finished() && !s.handed_in));
    if !waiting || live.record_error.is_some() {
        probe.0 = None;
        return;
    }
    let later =
        || Some(Instant::now() + std::time::Duration::from_millis(crate::limits::SEAT_RETRY_MS));
    let answered = match &probe.0 {
        Some(rx) => match rx.try_recv() {
            Ok(up) => Some(up),
            Err(std::sync::mpsc::TryRecvError::Empty) => {
                // No gesture tries the network while the question is out.
                live.session.retry_at = later();
                return;
            }
            Err(std::sync::mpsc::TryRecvError::Disconnected) => Some(false),
        },
        None => None,
    };
    match answered {
        // Not asked yet: asked now, when the time has come.
        None => {
            if live.session.retry_at.is_some_and(|t| Instant::now() < t) {
                return;
            }
            let Some((host, port)) = records.with(|db| db.server_address()).flatten() else {
                return;
            };
            let (tx, rx) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                let _ = tx.send(answers(&host, port));
            });
            probe.0 = Some(rx);
            live.session.retry_at = later();
        }
        Some(false) => {
            probe.0 = None;
            live.session.retry_at = later();
        }
        Some(true) => {
            probe.0 = None;
            let Some(db) = records.db.as_ref().and_then(|m| m.lock().ok()) else {
                return;
            };
            match live.session.hand_in(&db) {
                Ok(()) | Err(RecordsError::Offline(_)) => {}
                Err(e) => live.record_error = Some(e.msg()),
            }
        }
    }
}

/// Whether something answers at the server's address (a TCP connection opens).
fn answers(host: &str, port: u16) -> bool {
    use std::net::ToSocketAddrs;
    let timeout = std::time::Duration::from_millis(crate::limits::SERVER_CONNECT_TIMEOUT_MS);
    let Ok(addrs) = (host, port).to_socket_addrs() else {
        return false;
    };
    addrs
        .into_iter()
        .any(|a| std::net::TcpStream::connect_timeout(&a, timeout).is_ok())
}

/// What a command becomes before it is applied (see [`translate`]).
pub(super) enum Translated {
    Into(UiCommand),
    Same,
    /// Nothing to do (no item on the briefing, no such trainee or item).
    Skip,
}

/// The briefing's start becomes its item's own start, on the server or in this store;
/// on a room's seat, the screenshots' trainee by name (their PIN in
/// FIBRELAB_TRAINEE_PIN, as for `fibrelab seat play`) and item by scenario become the
/// seat's commands.
pub(super) fn translate(
    cmd: &UiCommand,
    chosen: &Chosen,
    records: &Records,
    seat: &Seat,
) -> Translated {
    if let UiCommand::StartBriefed = cmd {
        return match &chosen.assignment {
            Some(b) => Translated::Into(match &b.seat {
                Some(uuid) => UiCommand::SeatStart(uuid.clone()),
                None => UiCommand::StartAssignment(b.assignment),
            }),
            None => Translated::Skip,
        };
    }
    if let UiCommand::IdentifyByName(name) = cmd
        && records.seat()
    {
        let t = records
            .with(|db| db.seat_roster().ok())
            .flatten()
            .and_then(|r| r.into_iter().find(|t| t.name == *name));
        return match t {
            Some(t) => Translated::Into(UiCommand::SeatIdentify {
                trainee: t.uuid,
                name: t.name,
                pin: std::env::var("FIBRELAB_TRAINEE_PIN").unwrap_or_default(),
            }),
            None => Translated::Skip,
        };
    }
    if let UiCommand::BriefScenario(id) = cmd
        && let Some(login) = &seat.0
    {
        return match login.list.iter().find(|g| g.scenario_id == *id) {
            Some(g) => Translated::Into(UiCommand::SeatBrief(g.uuid.clone())),
            None => Translated::Skip,
        };
    }
    Translated::Same
}
