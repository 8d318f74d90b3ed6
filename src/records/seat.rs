//! A seat of a room on the school's server. Its login can call the seat functions only
//! (`src/records/pg/seat.sql`): list the trainee's open assessments, start an attempt
//! (the server checks the window, the attempts allowed and the trainee's PIN, and draws
//! the seed), send each action (stamped by the server's clock, refused past the
//! deadline), finish. The seat plays the exercise itself, from what the server handed
//! it; the grade it computes is only a claim: the trainer's FibreLab replays the log kept
//! on the server and writes the grade ([`Db::grade_handed_in`]).
//!
//! When the server cannot be reached, the seat goes on: each action is kept in the
//! session ([`Session::pending`]) and in a journal on the seat's disk (one file per
//! attempt, [`Db::seat_journal_dir`]), and handed over when the server answers again
//! (within the server's grace; it marks the attempt as played offline). A seat killed
//! meanwhile finds its journal when the attempt is resumed.

use super::sql::{OptionalExtension, Row, params};
use super::{Db, RecordsError, Result};
use crate::exercise::{Exercise, LoggedAction};
use crate::grading::{GradeReport, grade};
use crate::i18n::Msg;
use crate::scenario::load::load_str;

/// One of the trainee's assignments, as the server lists it to a seat (no seed).
#[derive(Clone, Debug, PartialEq)]
pub struct SeatAssignment {
    pub uuid: String,
    pub assessment_key: String,
    pub title: String,
    pub position: u32,
    pub scenario_id: String,
    pub attempts_used: u32,
    pub attempts_allowed: u32,
    pub opens_at: Option<i64>,
    pub closes_at: Option<i64>,
    pub time_limit_s: Option<i64>,
    pub extra_time_s: i64,
    pub server_now: i64,
    /// The attempt of theirs still open (resumed from the same room only).
    pub open_attempt: Option<String>,
}

/// A trainee on the room's list of names (the seat's "Je suis…").
#[derive(Clone, Debug, PartialEq)]
pub struct SeatTrainee {
    /// Their pseudonym (what the seat functions take).
    pub uuid: String,
    pub name: String,
    /// The cohort they are in now (none when they left it).
    pub cohort: Option<String>,
}

/// The words of the seat functions' refusals (`FL001 time-up`), by SQLSTATE.
const REFUSALS: [(&str, &str); 17] = [
    ("FL001", "seat-time-up"),
    ("FL002", "seat-pin-wrong"),
    ("FL003", "seat-pin-wait"),
    ("FL004", "seat-pin-not-set"),
    ("FL005", "seat-unknown"),
    ("FL006", "seat-not-open"),
    ("FL007", "seat-closed"),
    ("FL008", "seat-no-attempts-left"),
    ("FL009", "seat-not-pinned"),
    ("FL010", "seat-other-seat"),
    ("FL011", "seat-attempt-not-open"),
    ("FL012", "seat-bad-seq"),
    ("FL013", "seat-bad-time"),
    ("FL014", "seat-too-long"),
    ("FL015", "seat-no-key"),
    ("FL016", "seat-bad-input"),
    ("FL017", "seat-too-fast"),
];

/// A seat function's error in the user's words: its refusal, or the server lost.
fn seat_error(e: super::sql::Error) -> RecordsError {
    // The connection lost (08…), or the server shutting it (57P…): offline, not refused.
    if e.pg_code()
        .is_some_and(|c| c.starts_with("08") || c.starts_with("57P"))
    {
        return RecordsError::Offline(e.to_string());
    }
    let Some(code) = e.pg_code() else {
        return match &e {
            super::sql::Error::Pg(_) => RecordsError::Offline(e.to_string()),
            super::sql::Error::Sqlite(_)
            | super::sql::Error::NoRows
            | super::sql::Error::Type { .. }
            | super::sql::Error::Other(_) => RecordsError::Sql(e),
        };
    };
    match REFUSALS.iter().find(|(c, _)| *c == code) {
        Some((_, key)) => RecordsError::Refused(Msg::new(*key)),
        None => RecordsError::Sql(e),
    }
}

/// Whether a log that says it took `claimed` ms reached the server in too short a `seen`.
fn sent_too_fast(claimed: i64, seen: i64) -> bool {
    claimed >= crate::limits::SEAT_PACE_MIN_MS
        && seen.saturating_mul(crate::limits::SEAT_PACE_RATIO) < claimed
}

fn seat_assignment(r: &Row) -> super::sql::Result<SeatAssignment> {
    let count = |i: usize| -> super::sql::Result<u32> {
        Ok(r.get::<_, i64>(i)?.clamp(0, u32::MAX as i64) as u32)
    };
    Ok(SeatAssignment {
        uuid: r.get(0)?,
        assessment_key: r.get(1)?,
        title: r.get(2)?,
        position: count(3)?,
        scenario_id: r.get(4)?,
        attempts_used: count(5)?,
        attempts_allowed: count(6)?,
        opens_at: r.get(7)?,
        closes_at: r.get(8)?,
        time_limit_s: r.get(9)?,
        extra_time_s: r.get::<_, Option<i64>>(10)?.unwrap_or(0),
        server_now: r.get(11)?,
        open_attempt: r.get(12)?,
    })
}

impl Db {
    /// Whether this store is a room's seat on the school's server: its login calls the
    /// seat functions only (it reads no table and holds no key).
    pub fn seat_only(&self) -> bool {
        self.conn.is_postgres() && self.key.is_none()
    }

    /// The names a seat's "Je suis…" shows: the trainees with an assessment not closed,
    /// with their cohort (one line per cohort they are in).
    pub fn seat_roster(&self) -> Result<Vec<SeatTrainee>> {
        let rows = self
            .conn
            .query_all(
                "SELECT trainee, name, cohort FROM fibrelab.seat_roster()",
                [],
                |r| {
                    Ok(SeatTrainee {
                        uuid: r.get(0)?,
                        name: r.get(1)?,
                        cohort: r.get(2)?,
                    })
                },
            )
            .map_err(seat_error)?;
        rows.into_iter()
            .map(|r| r.map_err(seat_error))
            .collect::<Result<Vec<_>>>()
    }

    /// Sets this store's clock to the server's (`server_now`, read a moment ago): a
    /// seat's deadlines are the server's, whatever the seat's own clock says.
    pub fn follow_server_clock(&mut self, server_now: i64) {
        let offset = server_now - super::now_ms();
        self.set_clock(std::sync::Arc::new(move || super::now_ms() + offset));
    }

    /// The folder where a seat keeps the gestures the server has not taken yet, one file
    /// per attempt (beside the user's own store unless set).
    pub fn seat_journal_dir(&self) -> std::path::PathBuf {
        self.journal
            .clone()
            .unwrap_or_else(|| super::platform_db_path().with_file_name("seat-journal"))
    }

    /// Keeps a seat's journal in `dir` (tests; a school's IT may point it elsewhere).
    pub fn set_seat_journal_dir(&mut self, dir: std::path::PathBuf) {
        self.journal = Some(dir);
    }

    fn journal_file(&self, attempt: &str) -> std::path::PathBuf {
        // The server's uuid, kept to the characters a file name takes everywhere.
        let name: String = attempt
            .chars()
            .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
            .take(64)
            .collect();
        self.seat_journal_dir().join(format!("{name}.log"))
    }

    /// Writes action `seq` of an attempt in the seat's journal (on disk before this
    /// returns), to hand over after a crash while the server was lost.
    pub(super) fn journal_add(&self, attempt: &str, seq: usize, a: &LoggedAction) -> Result<()> {
        use std::io::Write;
        let text = super::encode_action(&a.action)
            .map_err(|detail| RecordsError::Corrupt { id: 0, detail })?;
        let line = format!("{seq}\t{}\t{}\n", a.at_ms, serde_json::Value::String(text));
        let path = self.journal_file(attempt);
        let folder = |error: std::io::Error| RecordsError::Folder {
            path: path.clone(),
            error,
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(folder)?;
        }
        let mut f = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .map_err(folder)?;
        f.write_all(line.as_bytes()).map_err(folder)?;
        f.sync_data().map_err(folder)
    }

    /// Forgets an attempt's journal: the server holds everything in it.
    pub(super) fn journal_clear(&self, attempt: &str) {
        let _ = std::fs::remove_file(self.journal_file(attempt));
    }

    /// The actions an attempt's journal holds, from action `from` on and in order (a
    /// line cut short by a crash, and whatever follows a gap, is left out).
    pub(super) fn journal_read(&self, attempt: &str, from: usize) -> Vec<(usize, LoggedAction)> {
        let Ok(text) = std::fs::read_to_string(self.journal_file(attempt)) else {
            return Vec::new();
        };
        let mut out: Vec<(usize, LoggedAction)> = Vec::new();
        for line in text.lines() {
            let mut parts = line.splitn(3, '\t');
            let (Some(seq), Some(at), Some(action)) = (parts.next(), parts.next(), parts.next())
            else {
                break;
            };
            let (Ok(seq), Ok(at_ms)) = (seq.parse::<usize>(), at.parse::<u64>()) else {
                break;
            };
            let Some(action) = serde_json::from_str::<String>(action)
                .ok()
                .and_then(|t| super::decode_action(&t).ok())
            else {
                break;
            };
            // Each line once, in order: the next one expected, or an earlier one the
            // server took since (skipped).
            let next = out.last().map_or(from, |(s, _)| s + 1);
            if seq < next {
                continue;
            }
            if seq > next {
                break;
            }
            out.push((seq, LoggedAction { at_ms, action }));
        }
        out
    }

    /// The trainee's assessments open on the server (their PIN checked there).
    pub fn seat_assignments(&self, trainee: &str, pin: &str) -> Result<Vec<SeatAssignment>> {
        let rows = self
            .conn
            .query_all(
                "SELECT * FROM fibrelab.seat_assignments(?1, ?2)",
                params![trainee, pin],
                seat_assignment,
            )
            .map_err(seat_error)?;
        rows.into_iter()
            .map(|r| r.map_err(seat_error))
            .collect::<Result<Vec<_>>>()
    }

    /// Starts (or resumes, from the same room) an attempt at an assignment on the
    /// server: the session plays what the server handed over (the pinned scenario, the
    /// seed drawn there, the time limit with the trainee's extra time).
    pub fn seat_begin(&self, assignment: &str, pin: &str, trainee: &str) -> Result<super::Session> {
        type Started = (String, i64, String, String, Option<i64>, Option<i64>, bool);
        let started: Started = self
            .conn
            .query_row(
                "SELECT attempt, seed, scenario_id, scenario_source, time_limit_ms, deadline_at,
                        resumed
                 FROM fibrelab.seat_start(?1, ?2, ?3)",
                params![assignment, pin, super::PROGRAM_VERSION],
                |r| {
                    Ok((
                        r.get(0)?,
                        r.get(1)?,
                        r.get(2)?,
                        r.get(3)?,
                        r.get(4)?,
                        r.get(5)?,
                        r.get(6)?,
                    ))
                },
            )
            .map_err(seat_error)?;
        let (uuid, seed, scenario_id, source, limit_ms, deadline_at, resumed) = started;
        let seed = seed as u64;
        let corrupt = |detail: String| RecordsError::Corrupt { id: 0, detail };
        let loaded = load_str(&source, &scenario_id)
            .map_err(|d| corrupt(d.first().map(|d| d.msg.to_string()).unwrap_or_default()))?;
        let limit_ms = limit_ms.map(|l| l.max(0) as u64);
        let mut exercise = Exercise::generate(&loaded.scenario, seed).with_time_limit(limit_ms);
        let mut pending = Vec::new();
        if resumed {
            // The log the server kept, played again here.
            let log = self.seat_log(&uuid)?;
            for a in log {
                exercise
                    .apply(a.at_ms, a.action)
                    .map_err(|r| corrupt(format!("action refused on replay: {}", r.reason)))?;
            }
            // Then what this seat kept while the server was lost, to hand over.
            for (seq, a) in self.journal_read(&uuid, exercise.log.len()) {
                if exercise.apply(a.at_ms, a.action).is_err() {
                    break;
                }
                pending.push(seq);
            }
        }
        Ok(super::Session {
            attempt: 0,
            exercise,
            loaded,
            trainee: trainee.to_string(),
            deadline_at,
            remote: Some(uuid),
            pending,
            handed_in: false,
            finish_tried: false,
            retry_at: None,
        })
    }

    /// The actions the server holds of an attempt this room started and still runs.
    pub fn seat_log(&self, attempt: &str) -> Result<Vec<LoggedAction>> {
        let rows = self
            .conn
            .query_all(
                "SELECT seq, at_ms, action FROM fibrelab.seat_log(?1) ORDER BY seq",
                [attempt],
                |r| Ok((r.get::<_, i64>(1)?, r.get::<_, String>(2)?)),
            )
            .map_err(seat_error)?;
        let mut out = Vec::with_capacity(rows.len());
        for row in rows {
            let (at_ms, text) = row.map_err(seat_error)?;
            let action = super::decode_action(&text)
                .map_err(|detail| RecordsError::Corrupt { id: 0, detail })?;
            out.push(LoggedAction {
                at_ms: at_ms.max(0) as u64,
                action,
            });
        }
        Ok(out)
    }

    /// Sends one action of an attempt to the server (`handover`: one that could not be
    /// sent when it was taken); the server's time of it.
    pub fn seat_send(
        &self,
        attempt: &str,
        seq: usize,
        a: &LoggedAction,
        handover: bool,
    ) -> Result<i64> {
        let text = super::encode_action(&a.action)
            .map_err(|detail| RecordsError::Corrupt { id: 0, detail })?;
        let sql = if handover {
            "SELECT fibrelab.seat_handover(?1, ?2, ?3, ?4)"
        } else {
            "SELECT fibrelab.seat_append(?1, ?2, ?3, ?4)"
        };
        self.conn
            .query_row(
                sql,
                params![
                    attempt,
                    seq as i64,
                    a.at_ms.min(i64::MAX as u64) as i64,
                    text
                ],
                |r| r.get(0),
            )
            .map_err(seat_error)
    }

    /// Hands the attempt in: the grade the seat computed goes with it as a claim only.
    pub fn seat_finish(&self, attempt: &str, claimed: &GradeReport) -> Result<i64> {
        let json = serde_json::to_string(claimed).map_err(|e| RecordsError::Corrupt {
            id: 0,
            detail: e.to_string(),
        })?;
        self.conn
            .query_row(
                "SELECT fibrelab.seat_finish(?1, ?2)",
                params![attempt, json],
                |r| r.get(0),
            )
            .map_err(seat_error)
    }

    /// The school's server's address (host, port), for a seat to find out whether it
    /// answers again without waiting on a connection (`None` off a server).
    pub fn server_address(&self) -> Option<(String, u16)> {
        super::server::address(self.dsn.as_deref()?)
    }

    /// Connects again to the server (after it was lost).
    pub fn reconnect(&self) -> Result<()> {
        let Some(url) = self.dsn.as_deref() else {
            return Ok(());
        };
        // A server that does not answer yet: still offline.
        let client =
            super::server::client(url).map_err(|e| RecordsError::Offline(e.to_string()))?;
        self.conn
            .replace_client(client, super::server::SCHEMA_NAME)
            .map_err(|e| RecordsError::Offline(e.to_string()))
    }

    /// Grades the attempts seats handed in (finished, no grade yet): each replayed from
    /// the log the server kept, on the scenario and seed the server handed out, under
    /// its time limit; the grade stored and the end sealed with the school's key. An
    /// attempt whose log does not replay is closed ungraded and said in the audit log.
    /// The number graded.
    pub fn grade_handed_in(&self) -> Result<usize> {
        if self.key.is_none() || !self.conn.is_postgres() {
            return Ok(0);
        }
        let ids: Vec<i64> = self
            .conn
            .prepare(
                "SELECT id FROM attempts WHERE status = 'finished' AND grade_json IS NULL
                 ORDER BY id",
            )?
            .query_map([], |r| r.get(0))?
            .collect::<std::result::Result<_, _>>()?;
        let mut n = 0;
        for id in ids {
            // A log a seat sent that does not read (not FibreLab's, or damaged) closes its
            // attempt ungraded; it never stops the trainer's reading of the room.
            match self.grade_one(id) {
                Ok(true) => n += 1,
                Ok(false) => {}
                Err(RecordsError::Corrupt { detail, .. }) => {
                    self.close_unreplayable(id, &detail)?
                }
                Err(e) => return Err(e),
            }
        }
        Ok(n)
    }

    /// Whether a seat's attempt reached the server much faster than its log says it was
    /// played (sent by a script, or a rehearsal played again): the log's own span
    /// against the server's, for an attempt whose actions were all sent as they were
    /// taken (one handed over after a cut arrives in a burst: it is marked offline).
    pub fn too_fast(&self, attempt: i64) -> Result<bool> {
        if !self.conn.is_postgres() {
            return Ok(false);
        }
        let (claimed, seen, offline): (Option<i64>, Option<i64>, i64) = self.conn.query_row(
            "SELECT MAX(at_ms) - MIN(at_ms), MAX(recorded_at) - MIN(recorded_at),
                    COALESCE((SELECT offline_actions FROM attempt_seats WHERE attempt_id = ?1), 0)
             FROM actions WHERE attempt_id = ?1",
            [attempt],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        Ok(match (claimed, seen) {
            (Some(c), Some(s)) if offline == 0 => sent_too_fast(c, s),
            _ => false,
        })
    }

    /// Grades one handed-in attempt: `Ok(false)` when it was closed as unreplayable.
    fn grade_one(&self, id: i64) -> Result<bool> {
        let (summary, source, _) = self.stored(id)?;
        let extra = self.extra(id)?;
        let Ok(mut loaded) = load_str(&source, &summary.scenario_id) else {
            self.close_unreplayable(id, "scenario")?;
            return Ok(false);
        };
        self.attach_stored(id, &mut loaded)?;
        let log = self.actions(id)?;
        match Exercise::replay_limited(&loaded.scenario, summary.seed, extra.time_limit_ms, &log) {
            Ok(ex) if ex.is_finished() => {
                self.store_grade(id, &grade(&ex))?;
                if self.too_fast(id)? {
                    let uuid = self.extra(id)?.uuid.unwrap_or_default();
                    self.write(|| self.audit("seat_too_fast", &uuid, ""))?;
                }
                Ok(true)
            }
            Ok(_) => {
                self.close_unreplayable(id, "unfinished")?;
                Ok(false)
            }
            Err((i, _)) => {
                self.close_unreplayable(id, &format!("action {i}"))?;
                Ok(false)
            }
        }
    }

    /// Writes the grade of a handed-in attempt, its code and its end's seal.
    fn store_grade(&self, id: i64, report: &GradeReport) -> Result<()> {
        let json = serde_json::to_string(report).map_err(|e| RecordsError::Corrupt {
            id,
            detail: e.to_string(),
        })?;
        self.write(|| {
            self.conn.execute(
                "UPDATE attempts SET score = ?2, passed = ?3, grade_json = ?4
                 WHERE id = ?1 AND status = 'finished' AND grade_json IS NULL",
                params![id, report.score, report.passed, json],
            )?;
            self.store_code(id)?;
            self.seal_attempt(id, super::chain::SealKind::End)
        })
    }

    /// Closes a handed-in attempt whose log does not replay (sent by something else
    /// than FibreLab), ungraded, and says so in the audit log.
    fn close_unreplayable(&self, id: i64, why: &str) -> Result<()> {
        let uuid: Option<String> = self
            .conn
            .query_row("SELECT uuid FROM attempts WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?
            .flatten();
        self.write(|| {
            self.conn.execute(
                "UPDATE attempts SET status = 'closed', ended_by = 'unreplayable'
                 WHERE id = ?1 AND status = 'finished' AND grade_json IS NULL",
                [id],
            )?;
            self.seal_attempt(id, super::chain::SealKind::End)?;
            self.audit(
                "seat_unreplayable",
                uuid.as_deref().unwrap_or_default(),
                why,
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::sent_too_fast;

    #[test]
    fn a_log_sent_faster_than_it_was_played_is_told() {
        // 5 minutes of gestures sent in 10 s: a script, or a rehearsal played again.
        assert!(sent_too_fast(300_000, 10_000));
        // A trainee's pace, and one a little quicker than the log's times.
        assert!(!sent_too_fast(300_000, 300_500));
        assert!(!sent_too_fast(300_000, 150_000));
        assert!(sent_too_fast(300_000, 149_999));
        // Under a minute, too short to tell.
        assert!(!sent_too_fast(59_999, 0));
    }
}
