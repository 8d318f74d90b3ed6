//! A bundle taken in: each attempt replayed and kept only when it gives the grade it
//! claims, an assessment attempt held to the assignment this store knows, each refusal
//! told with its reason and written in the audit log.

use crate::records::sql::{OptionalExtension, params};

use crate::exercise::{Exercise, LoggedAction};
use crate::grading::{GradeReport, grade};
use crate::i18n::{Arg, Msg};
use crate::limits::{BUNDLE_CLOCK_SKEW_MS, MAX_ASSESSMENT_ATTEMPTS};
use crate::records::assess::{Assessment, Assignment, seed_for};
use crate::records::chain::SealKind;
use crate::records::seal::unhex;
use crate::records::{Db, RecordsError, Result};
use crate::scenario::load::{content_hash, load_str};

use super::*;

impl Db {
    /// Replays a bundled attempt under `limit_ms` (for an assessment attempt, this store's
    /// limit, never the bundle's): `Ok(())` when its record holds together and the replay
    /// gives the grade it claims.
    fn check_bundled(b: &BundledAttempt, limit_ms: Option<u64>) -> std::result::Result<(), Msg> {
        if uuid::Uuid::parse_str(&b.uuid).is_err() {
            return Err(Msg::new("bundle-bad-uuid"));
        }
        if content_hash(b.scenario_source.as_bytes()) != b.scenario_hash {
            return Err(Msg::new("verify-hash"));
        }
        let mut loaded = load_str(&b.scenario_source, &b.scenario_id)
            .map_err(|_| Msg::new("verify-scenario-invalid"))?;
        if loaded.scenario.id != b.scenario_id {
            return Err(Msg::new("verify-scenario-invalid"));
        }
        for f in &b.files {
            let bytes = unhex(&f.hex).ok_or_else(|| Msg::new("verify-hash"))?;
            if content_hash(&bytes) != f.sha256 {
                return Err(Msg::new("verify-hash"));
            }
            loaded
                .scenario
                .attachments
                .0
                .insert(f.name.clone(), std::sync::Arc::new(bytes));
        }
        let mut log = Vec::new();
        for (i, a) in b.actions.iter().enumerate() {
            let action = crate::records::decode_action(&a.action)
                .map_err(|_| Msg::new("verify-refused").int("n", (i + 1) as u32))?;
            log.push(LoggedAction {
                at_ms: a.at_ms,
                action,
            });
        }
        let ex = Exercise::replay_limited(&loaded.scenario, b.seed, limit_ms, &log)
            .map_err(|(i, _)| Msg::new("verify-refused").int("n", (i + 1) as u32))?;
        match (b.status.as_str(), &b.grade_json) {
            ("finished", Some(json)) => {
                let claimed: GradeReport =
                    serde_json::from_str(json).map_err(|_| Msg::new("verify-no-grade"))?;
                let replayed = grade(&ex);
                if !ex.is_finished()
                    || !replayed.reads_the_same_as(&claimed)
                    || replayed.score != claimed.score
                {
                    return Err(Msg::new("verify-score")
                        .num("stored", claimed.score, 1)
                        .num("replayed", replayed.score, 1));
                }
                Ok(())
            }
            ("closed", None) if !ex.is_finished() => Ok(()),
            _ => Err(Msg::new("verify-no-grade")),
        }
    }

    /// Imports a bundle: each attempt checked, replayed, kept if it gives its claimed
    /// grade, once. Refusals, and what the trainer must know of an attempt kept, are written
    /// in the audit log.
    ///
    /// An attempt made for an assessment is held to the assignment this store knows
    /// ([`Db::held`]: its assessment, item and trainee, its window, its draw, its attempts
    /// allowed, its time limit), taking nothing on the seat's word; one that does not
    /// match is refused, never kept as a free attempt. Several attempts of one assignment
    /// are numbered in the order they started, whatever the bundle's order.
    pub fn import_bundle(
        &self,
        bundle: &Bundle,
        file_digest: &str,
        official: &crate::records::Official,
    ) -> Result<ImportOutcome> {
        let mut out = ImportOutcome::default();
        let mut order: Vec<&BundledAttempt> = bundle.attempts.iter().collect();
        order.sort_by_key(|b| b.started_at);
        for b in order {
            let existing: Option<i64> = self
                .conn
                .query_row("SELECT id FROM attempts WHERE uuid = ?1", [&b.uuid], |r| {
                    r.get(0)
                })
                .optional()?;
            let verdict = match existing {
                // The same attempt again: fine if it is the same, refused if not.
                Some(id) => {
                    let here = self.export_one(id)?;
                    if here.as_ref().map(BundledAttempt::digest) == Some(b.digest()) {
                        out.already.push(b.uuid.clone());
                        continue;
                    }
                    Err(Told::plain(Msg::new("bundle-conflict")))
                }
                None => {
                    self.write(|| self.take_bundled(b, &bundle.install, file_digest, official))?
                }
            };
            match verdict {
                Ok(note) => {
                    if let Some(n) = note {
                        self.audit(
                            "bundle_note",
                            &b.uuid,
                            &format!("{} from {}", n.for_audit(), bundle.install),
                        )?;
                        out.notes.push((b.uuid.clone(), n.msg));
                    }
                    out.accepted.push(b.uuid.clone());
                }
                Err(r) => {
                    self.audit(
                        "bundle_refused",
                        &b.uuid,
                        &format!("{} from {}", r.for_audit(), bundle.install),
                    )?;
                    out.refused.push((b.uuid.clone(), r.msg));
                }
            }
        }
        self.audit(
            "bundle_import",
            &bundle.install,
            &format!(
                "{} accepted, {} already here, {} refused",
                out.accepted.len(),
                out.already.len(),
                out.refused.len()
            ),
        )?;
        Ok(out)
    }

    /// One new attempt of a bundle, in one transaction: held to its assignment here (an
    /// assessment attempt), replayed under the limit it is held to, stored; with what the
    /// trainer must know of it, if anything.
    fn take_bundled(
        &self,
        b: &BundledAttempt,
        install: &str,
        file_digest: &str,
        official: &crate::records::Official,
    ) -> Result<std::result::Result<Option<Told>, Told>> {
        let held = if b.assessment_uuid.is_some() || b.position.is_some() {
            match self.held(b, official)? {
                Ok(h) => Some(h),
                Err(r) => return Ok(Err(r)),
            }
        } else {
            None
        };
        let limit = match &held {
            Some(h) => h.limit_ms,
            None => b.time_limit_ms,
        };
        if let Err(m) = Self::check_bundled(b, limit) {
            return Ok(Err(Told::plain(m)));
        }
        self.insert_bundled_records(b, held.as_ref(), install, file_digest)?;
        Ok(Ok(held.and_then(|h| h.note)))
    }

    /// Holds a bundled assessment attempt to the assignment this store knows, taking
    /// nothing on the seat's word but its log, which is replayed after:
    /// - the assessment, the item and the trainee's assignment at it exist here;
    /// - it was made in the app (`origin`: a script's attempt never counts);
    /// - it was played on the item's scenario, on the text pinned here (or the official
    ///   text, pinned then, where nobody has started the item here);
    /// - its times hold together, end no later than now, and it started inside the
    ///   window here (after the assessment was created here, before it was closed);
    /// - its seed is this store's draw for the trainee's next attempt here
    ///   ([`seed_for`], `n` = the attempts stored for the assignment + 1), and `n` is
    ///   within the attempts allowed here;
    /// - it kept to this store's time limit (the assessment's, plus the trainee's extra
    ///   time): the seat's limit no higher, its last action and (for an attempt the
    ///   trainee finished) its wall-clock length no later than the limit it was played
    ///   under ([`BUNDLE_CLOCK_SKEW_MS`] allowed on the wall clock). It is stored with this store's limit and deadline, or with the
    ///   seat's shorter limit, which its grade cites (the trainer told).
    ///
    /// The trainee: with a `per_trainee` or `per_attempt` seed policy the draw is the
    /// trainee's own, so the seed check ties the attempt to the pseudonym it claims.
    /// With `fixed`, every trainee's first attempt is the same draw, and nothing in the
    /// attempt tells whose it is: a classmate's attempt filed under another pseudonym is
    /// taken as that trainee's. What this store can do is refuse any attempt past the
    /// first one where one is allowed (past the `n`-th in general): the genuine attempt
    /// of that trainee arriving later is then refused as a conflict (`bundle-seed-taken`),
    /// written in the audit log for the trainer to sort out with the trainee.
    fn held(
        &self,
        b: &BundledAttempt,
        official: &crate::records::Official,
    ) -> Result<std::result::Result<Held, Told>> {
        let refuse =
            |m: Msg, names: &[(String, String)]| -> Result<std::result::Result<Held, Told>> {
                Ok(Err(Told {
                    msg: m,
                    names: names.to_vec(),
                }))
            };
        let Some(a) = self
            .assessments()?
            .into_iter()
            .find(|a| b.assessment_uuid.as_deref() == Some(a.uuid.as_str()))
        else {
            return refuse(Msg::new("bundle-unknown-assessment"), &[]);
        };
        // The trainee by pseudonym, and their assignment at the item, here.
        let trainee_id: Option<i64> = self
            .conn
            .query_row(
                "SELECT id FROM trainees WHERE uuid = ?1",
                [&b.trainee_uuid],
                |r| r.get(0),
            )
            .optional()?;
        let trainee = match trainee_id {
            Some(id) => self.trainee_by_id(id)?,
            None => None,
        };
        let item = b.position.map_or(0, |p| i64::from(p) + 1);
        let not_assigned = |who: &str| {
            Msg::new("bundle-not-assigned")
                .text("who", who)
                .int("item", item)
                .text("title", a.title.clone())
        };
        let Some(t) = trainee else {
            return refuse(not_assigned(&b.trainee_uuid), &[]);
        };
        let who = t.name.clone().unwrap_or_else(|| t.uuid.clone());
        let mut names = vec![(who.clone(), t.uuid.clone())];
        let found = match b.position {
            Some(p) => self
                .assignments_of(&t)?
                .into_iter()
                .find(|(x, g)| x.id == a.id && g.position == p)
                .map(|(_, g)| g),
            None => None,
        };
        let Some(g) = found else {
            return refuse(not_assigned(&who), &names);
        };
        if b.origin != crate::records::Origin::App.code() {
            return refuse(
                Msg::new("bundle-script").text("origin", b.origin.clone()),
                &names,
            );
        }
        // The item's scenario, on the text pinned here (or pinned now: the official one).
        if b.scenario_id != g.scenario_id {
            return refuse(
                Msg::new("bundle-other-scenario")
                    .int("item", item)
                    .text("expected", g.scenario_id.clone())
                    .text("found", b.scenario_id.clone()),
                &names,
            );
        }
        let pinned: Option<String> = self.conn.query_row(
            "SELECT scenario_hash FROM assessment_items WHERE assessment_id = ?1 AND position = ?2",
            params![a.id, i64::from(g.position)],
            |r| r.get(0),
        )?;
        let pin = match pinned {
            Some(h) if h == b.scenario_hash => false,
            None if official
                .get(&b.scenario_id)
                .is_some_and(|(h, _)| *h == b.scenario_hash) =>
            {
                true
            }
            Some(_) | None => {
                return refuse(
                    Msg::new("bundle-other-text").text("id", b.scenario_id.clone()),
                    &names,
                );
            }
        };
        // Its times, by this store's clock and window.
        let skew = BUNDLE_CLOCK_SKEW_MS as i64;
        let now = self.now();
        let started = b.started_at;
        let Some(finished) = b.finished_at.filter(|f| *f >= started) else {
            return refuse(Msg::new("bundle-bad-times"), &names);
        };
        if finished > now + skew {
            return refuse(Msg::new("bundle-future").moment("at", finished), &names);
        }
        let (created_at, closed_at): (i64, Option<i64>) = self.conn.query_row(
            "SELECT created_at, closed_at FROM assessments WHERE id = ?1",
            [a.id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        if let Some(opens) = a.opens_at
            && started < opens
        {
            return refuse(
                Msg::new("bundle-before-window")
                    .moment("started", started)
                    .moment("opens", opens),
                &names,
            );
        }
        if started < created_at - skew {
            return refuse(
                Msg::new("bundle-before-created")
                    .moment("started", started)
                    .moment("created", created_at),
                &names,
            );
        }
        // Closed at its closing time, or when the trainer closed it here (by this clock).
        let late = |closes: i64, skew: i64| started >= closes + skew;
        let shut = [(a.closes_at, 0), (closed_at, skew)]
            .into_iter()
            .filter_map(|(t, s)| t.filter(|t| late(*t, s)))
            .min();
        if let Some(closes) = shut {
            return refuse(
                Msg::new("bundle-after-window")
                    .moment("started", started)
                    .moment("closes", closes),
                &names,
            );
        }
        // Its draw: this store's, for the trainee's next attempt here.
        let n = g.attempts_used + 1;
        if b.seed != seed_for(&a, g.position, &t.uuid, n) {
            let m = self.seed_refusal(&a, &g, &who, n, b.seed, &mut names)?;
            return refuse(m, &names);
        }
        if n > a.attempts_allowed {
            return refuse(
                Msg::new("bundle-too-many")
                    .text("who", who.clone())
                    .int("item", item)
                    .int("n", n)
                    .int("allowed", a.attempts_allowed),
                &names,
            );
        }
        // Its time: this store's limit (the assessment's and the trainee's extra time),
        // never a longer one the seat gave. A shorter one is the one the attempt was
        // played and graded under (the grade cites it): it is held to that one, and the
        // trainer told the trainee did not get all their time.
        let here = a
            .time_limit_s
            .map(|s| (s + g.extra_time_s).max(0) as u64 * 1000);
        let mut note = None;
        let limit_ms = match here {
            None => None,
            Some(limit) => {
                let minutes = |ms: u64| ms.div_ceil(60_000) as i64;
                let seat = match b.time_limit_ms {
                    None => {
                        return refuse(
                            Msg::new("bundle-no-limit").int("here", minutes(limit)),
                            &names,
                        );
                    }
                    Some(seat) if seat > limit => {
                        return refuse(
                            Msg::new("bundle-limit-raised")
                                .int("seat", minutes(seat))
                                .int("here", minutes(limit)),
                            &names,
                        );
                    }
                    Some(seat) => seat,
                };
                let last = b.actions.last().map_or(0, |x| x.at_ms);
                // Its length by the wall clock, where its end was a gesture of the
                // trainee's: an attempt given up (closed later, ungraded) or ended by the
                // seat at the limit (graded at the limit, perhaps when the seat came back
                // on after its deadline) ends later than its log, which is held to the
                // limit all the same.
                let wall = match (b.status.as_str(), b.ended_by.as_deref()) {
                    ("finished", Some("time-limit")) if last == seat => 0,
                    ("finished", _) => (finished - started).max(0) as u64,
                    _ => 0,
                };
                if last > seat || wall > seat + BUNDLE_CLOCK_SKEW_MS {
                    return refuse(
                        Msg::new("bundle-overtime")
                            .int("took", minutes(last.max(wall)))
                            .int("limit", minutes(seat)),
                        &names,
                    );
                }
                if seat < limit {
                    note = Some(Told {
                        msg: Msg::new("bundle-less-time")
                            .text("who", who.clone())
                            .int("seat", minutes(seat))
                            .int("here", minutes(limit)),
                        names: names.clone(),
                    });
                }
                Some(seat)
            }
        };
        Ok(Ok(Held {
            assessment: a,
            assignment_id: g.id,
            trainee_id: t.id,
            position: g.position,
            limit_ms,
            pin,
            note,
        }))
    }

    /// Why a seed is not the draw expected for attempt `n` of this assignment: another
    /// attempt number's of the same trainee (one already here, or one whose earlier
    /// attempts have not arrived), another trainee's, or none of the school's.
    fn seed_refusal(
        &self,
        a: &Assessment,
        g: &Assignment,
        who: &str,
        n: u32,
        seed: u64,
        names: &mut Vec<(String, String)>,
    ) -> Result<Msg> {
        let item = i64::from(g.position) + 1;
        let top = a.attempts_allowed.max(n).min(MAX_ASSESSMENT_ATTEMPTS);
        if let Some(k) = (1..=top).find(|k| seed_for(a, g.position, &g.trainee_uuid, *k) == seed) {
            let m = if k < n {
                Msg::new("bundle-seed-taken").int("n", k)
            } else {
                Msg::new("bundle-earlier-missing")
                    .int("k", k)
                    .int("here", n - 1)
            };
            return Ok(m.text("who", who).int("item", item));
        }
        for other in self.assignments(a)? {
            if other.position != g.position || other.trainee_id == g.trainee_id {
                continue;
            }
            if (1..=top).any(|k| seed_for(a, g.position, &other.trainee_uuid, k) == seed) {
                let name = self
                    .trainee_by_id(other.trainee_id)?
                    .and_then(|t| t.name)
                    .unwrap_or_else(|| other.trainee_uuid.clone());
                names.push((name.clone(), other.trainee_uuid.clone()));
                return Ok(Msg::new("bundle-other-trainee")
                    .text("who", who)
                    .text("other", name)
                    .int("item", item));
            }
        }
        Ok(Msg::new("bundle-wrong-seed")
            .text("who", who)
            .int("item", item)
            .int("n", n))
    }

    /// Stores an accepted attempt: a free one as the bundle has it, an assessment one
    /// (`held`) with this store's assignment, time limit and deadline. Marked as received
    /// by bundle (`received_from`: the seat's installation and the file's digest).
    fn insert_bundled_records(
        &self,
        b: &BundledAttempt,
        held: Option<&Held>,
        install: &str,
        file_digest: &str,
    ) -> Result<()> {
        let trainee_id: Option<i64> = match held {
            Some(h) => Some(h.trainee_id),
            // A free attempt's trainee by pseudonym; one not on this list yet is added
            // without a name.
            None if b.trainee_uuid.is_empty() => None,
            None => {
                let found: Option<i64> = self
                    .conn
                    .query_row(
                        "SELECT id FROM trainees WHERE uuid = ?1",
                        [&b.trainee_uuid],
                        |r| r.get(0),
                    )
                    .optional()?;
                match found {
                    Some(id) => Some(id),
                    None => {
                        self.conn.execute(
                            "INSERT INTO trainees (uuid, created_at) VALUES (?1, ?2)",
                            params![b.trainee_uuid, self.now()],
                        )?;
                        let id = self.conn.last_insert_rowid();
                        self.seal_person(id)?;
                        Some(id)
                    }
                }
            }
        };
        if let Some(h) = held.filter(|h| h.pin) {
            self.pin_item(
                &h.assessment,
                h.position,
                &b.scenario_source,
                &b.scenario_hash,
            )?;
        }
        let (assignment_id, time_limit_ms, deadline_at) = match held {
            Some(h) => (
                Some(h.assignment_id),
                h.limit_ms,
                h.limit_ms.map(|l| b.started_at + l as i64),
            ),
            None => (None, b.time_limit_ms, b.deadline_at),
        };
        let grade: Option<GradeReport> = b
            .grade_json
            .as_deref()
            .and_then(|j| serde_json::from_str(j).ok());
        let name = if b.trainee_uuid.is_empty() {
            "?".to_string()
        } else {
            b.trainee_uuid.clone()
        };
        self.conn.execute(
            "INSERT INTO attempts (scenario_id, scenario_hash, scenario_source, seed, trainee,
                 started_at, status, finished_at, score, passed, grade_json, program_version,
                 uuid, origin, trainee_id, assignment_id, time_limit_ms, deadline_at, ended_by,
                 scenario_path, received_from)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17,
                     ?18, ?19, NULL, ?20)",
            params![
                b.scenario_id,
                b.scenario_hash,
                b.scenario_source,
                self.seed_to_store(&b.uuid, assignment_id.is_some(), b.seed),
                name,
                b.started_at,
                b.status,
                b.finished_at,
                grade.as_ref().map(|g| g.score),
                grade.as_ref().map(|g| g.passed),
                b.grade_json,
                b.program_version,
                b.uuid,
                b.origin,
                trainee_id,
                assignment_id,
                time_limit_ms.map(|v| v as i64),
                deadline_at,
                b.ended_by,
                format!("{install}:{file_digest}"),
            ],
        )?;
        let id = self.conn.last_insert_rowid();
        let mut prev = String::new();
        for (seq, a) in b.actions.iter().enumerate() {
            let mac = self.key.as_ref().map(|key| {
                Self::action_mac(
                    key,
                    &b.uuid,
                    seq as i64,
                    a.at_ms as i64,
                    a.recorded_at,
                    &a.action,
                    &prev,
                )
            });
            prev = mac.clone().unwrap_or_default();
            self.conn.execute(
                "INSERT INTO actions (attempt_id, seq, at_ms, recorded_at, action, mac)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![id, seq as i64, a.at_ms as i64, a.recorded_at, a.action, mac],
            )?;
        }
        for f in &b.files {
            let bytes = unhex(&f.hex).ok_or(RecordsError::Corrupt {
                id,
                detail: "file".into(),
            })?;
            self.conn.execute(
                "INSERT INTO attempt_files (attempt_id, name, sha256, bytes) VALUES (?1, ?2, ?3, ?4)",
                params![id, f.name, f.sha256, bytes],
            )?;
        }
        self.seal_attempt(id, SealKind::Start)?;
        self.store_code(id)?;
        self.seal_attempt(id, SealKind::End)
    }
}

/// The assignment here a bundled assessment attempt was held to.
struct Held {
    assessment: Assessment,
    assignment_id: i64,
    trainee_id: i64,
    position: u32,
    /// The limit it is held to, ms: this store's (the assessment's, plus the trainee's
    /// extra time), or the seat's where that was shorter.
    limit_ms: Option<u64>,
    /// Nobody has started the item here: its official text, this attempt's, is pinned.
    pin: bool,
    /// What the trainer must know of it (less time than this school gives).
    note: Option<Told>,
}

/// What the trainer is told of a bundled attempt (why it is refused, or what to know of
/// one kept): the message, which names trainees, and the pseudonyms the audit log writes
/// instead of those names (name, pseudonym).
struct Told {
    msg: Msg,
    names: Vec<(String, String)>,
}

impl Told {
    fn plain(msg: Msg) -> Told {
        Told {
            msg,
            names: Vec::new(),
        }
    }

    /// The message as the audit log keeps it: the message's key and arguments, each
    /// trainee by pseudonym.
    fn for_audit(&self) -> String {
        let mut m = self.msg.clone();
        for (_, arg) in &mut m.args {
            if let Arg::Text(t) = arg
                && let Some((_, pseudonym)) = self.names.iter().find(|(name, _)| name == t)
            {
                *t = pseudonym.clone();
            }
        }
        m.as_shown()
    }
}
