//! The school around the attempts: trainees with a pseudonym, trainers, cohorts, the
//! settings, and the audit log of what trainers did. An additive migration of the store
//! (format 2): the attempts of format 0 and 1 keep working and verifying.

use super::sql::params;

use super::chain;
pub use super::dates::{civil_from_days, days_from_civil, format_moment, parse_date, parse_moment};
pub use super::people::{AuditEntry, Cohort, Decision, Review, SchoolError, Trainee, valid_pin};
use super::roster::{self, Roster, RosterProblem};
pub use super::settings::{TIME_ZONE_SETTING, new_uuid};
use super::settings::{get_setting, set_setting};
use super::{Db, RecordsError, Result};
use crate::i18n::Msg;

/// What an import did: trainees created, already known, and the lines not taken.
#[derive(Clone, Debug, Default)]
pub struct ImportReport {
    pub created: usize,
    pub already: usize,
    pub duplicates_in_file: usize,
    pub problems: Vec<RosterProblem>,
}

impl Db {
    fn setting(&self, key: &str) -> Result<Option<String>> {
        get_setting(&self.conn, key)
    }

    /// Shows moments in the school's time zone when it has one set (else the system's).
    pub(super) fn use_school_zone(&self) {
        let zone = self
            .setting(TIME_ZONE_SETTING)
            .ok()
            .flatten()
            .and_then(|n| crate::i18n::time::zone_named(&n).ok());
        crate::i18n::time::use_zone(zone);
    }

    /// Sets a setting of the school's, sealed.
    pub fn put_setting(&self, key: &str, value: &str) -> Result<()> {
        self.write(|| {
            set_setting(&self.conn, key, value)?;
            self.seal_record(&chain::SETTING, key, [key])
        })
    }

    /// This installation's identifier (made at the migration).
    pub fn install_uuid(&self) -> Result<String> {
        self.setting("install.uuid")?.ok_or(RecordsError::Corrupt {
            id: 0,
            detail: "no install.uuid".into(),
        })
    }

    /// Writes a line of the audit log: what the acting trainer did to what.
    pub fn audit(&self, action: &str, target: &str, detail: &str) -> Result<()> {
        self.audit_as(&self.actor.clone(), action, target, detail)
    }

    /// Writes a line of the audit log in the name of `who`.
    pub(super) fn audit_as(
        &self,
        who: &str,
        action: &str,
        target: &str,
        detail: &str,
    ) -> Result<()> {
        self.write(|| {
            self.conn.execute(
                "INSERT INTO audit_log (at, who, action, target, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![self.now(), who, action, target, detail],
            )?;
            let id = self.conn.last_insert_rowid();
            self.seal_record(&chain::AUDIT, &format!("audit/{id}"), [id])
        })
    }

    /// Who the audit log names for what follows (a trainer's pseudonym).
    /// Who the audit log names for what this connection does.
    pub fn actor(&self) -> &str {
        &self.actor
    }

    pub fn set_actor(&mut self, who: &str) {
        self.actor = who.to_string();
    }

    /// Adds a trainer; the PIN opens the trainer's commands and screens.
    pub fn add_trainer(&self, name: &str, pin: &str) -> std::result::Result<String, SchoolError> {
        let name = roster::tidy(name);
        if name.is_empty() || name.chars().count() > roster::MAX_NAME_CHARS {
            return Err(SchoolError::Invalid(
                Msg::new("roster-bad-name").int("max", roster::MAX_NAME_CHARS as i64),
            ));
        }
        // A trainer's PIN opens everything: 6 digits at least, so that finding it by
        // trying takes hours even from a copy of the store (`pins`).
        if !valid_pin(pin) || pin.trim().len() < super::pins::MIN_TRAINER_PIN_DIGITS {
            return Err(SchoolError::Invalid(
                Msg::new("pin-bad-trainer").int("min", super::pins::MIN_TRAINER_PIN_DIGITS as i64),
            ));
        }
        let uuid = new_uuid();
        let hash = super::seal::hash_pin(pin);
        self.write(|| {
            self.conn.execute(
                "INSERT INTO trainers (uuid, display_name, pin_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
                params![uuid, name, hash, self.now()],
            )?;
            self.note_pin(&format!("trainer:{uuid}"), Some(&hash));
            self.seal_record(&chain::TRAINER, &uuid, [&uuid])?;
            self.audit("trainer_add", &uuid, "")
        })?;
        Ok(uuid)
    }

    /// The audit log, oldest first.
    pub fn audit_log(&self) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare(
            "SELECT at, who, action, COALESCE(target, ''), COALESCE(detail, '')
             FROM audit_log ORDER BY id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(AuditEntry {
                at_ms: r.get(0)?,
                who: r.get(1)?,
                action: r.get(2)?,
                target: r.get(3)?,
                detail: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    pub fn create_cohort(
        &self,
        name: &str,
        site: Option<&str>,
        starts_on: Option<&str>,
        ends_on: Option<&str>,
    ) -> std::result::Result<Cohort, SchoolError> {
        let name = roster::tidy(name);
        if name.is_empty() || name.chars().count() > roster::MAX_NAME_CHARS {
            return Err(SchoolError::Invalid(
                Msg::new("cohort-bad-name").int("max", roster::MAX_NAME_CHARS as i64),
            ));
        }
        for d in [starts_on, ends_on].into_iter().flatten() {
            if parse_date(d).is_none() {
                return Err(SchoolError::Invalid(
                    Msg::new("time-bad-date").text("found", d),
                ));
            }
        }
        if let (Some(a), Some(b)) = (starts_on, ends_on)
            && a.trim() > b.trim()
        {
            return Err(SchoolError::Invalid(Msg::new("cohort-ends-before")));
        }
        if self.cohort(&name)?.is_some() {
            return Err(SchoolError::Invalid(
                Msg::new("cohort-exists").text("name", name),
            ));
        }
        let uuid = new_uuid();
        self.write(|| {
            self.conn.execute(
                "INSERT INTO cohorts (uuid, name, site, starts_on, ends_on, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    uuid,
                    name,
                    site.map(roster::tidy),
                    starts_on.map(str::trim),
                    ends_on.map(str::trim),
                    self.now()
                ],
            )?;
            self.seal_record(&chain::COHORT, &uuid, [&uuid])?;
            self.audit("cohort_create", &name, "")
        })?;
        self.cohort(&name)?
            .ok_or(SchoolError::Records(RecordsError::NotFound(0)))
    }

    /// A cohort by name (case and spaces do not count), uuid or number.
    pub fn cohort(&self, key: &str) -> Result<Option<Cohort>> {
        let key = roster::tidy(key);
        Ok(self.cohorts()?.into_iter().find(|c| {
            c.uuid == key || c.id.to_string() == key || c.name.to_lowercase() == key.to_lowercase()
        }))
    }

    pub fn cohorts(&self) -> Result<Vec<Cohort>> {
        let mut stmt = self.conn.prepare(
            "SELECT c.id, c.uuid, c.name, c.site, c.starts_on, c.ends_on, c.archived_at,
                    (SELECT COUNT(*) FROM cohort_members m WHERE m.cohort_id = c.id AND m.left_at IS NULL)
             FROM cohorts c ORDER BY c.id",
        )?;
        let rows = stmt.query_map([], |r| {
            Ok(Cohort {
                id: r.get(0)?,
                uuid: r.get(1)?,
                name: r.get(2)?,
                site: r.get(3)?,
                starts_on: r.get(4)?,
                ends_on: r.get(5)?,
                archived: r.get::<_, Option<i64>>(6)?.is_some(),
                members: r.get(7)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// Sets the date a cohort's names are kept until (the DPO's decision).
    pub fn set_retain_until(
        &self,
        cohort: &Cohort,
        date: &str,
    ) -> std::result::Result<(), SchoolError> {
        if parse_date(date).is_none() {
            return Err(SchoolError::Invalid(
                Msg::new("time-bad-date").text("found", date),
            ));
        }
        self.write(|| {
            self.conn.execute(
                "UPDATE cohorts SET retain_until = ?2 WHERE id = ?1",
                params![cohort.id, date.trim()],
            )?;
            self.seal_record(&chain::COHORT, &cohort.uuid, [&cohort.uuid])?;
            self.audit("cohort_retention", &cohort.name, date.trim())
        })?;
        Ok(())
    }

    pub fn archive_cohort(&self, cohort: &Cohort) -> Result<()> {
        self.write(|| {
            self.conn.execute(
                "UPDATE cohorts SET archived_at = ?2 WHERE id = ?1 AND archived_at IS NULL",
                params![cohort.id, self.now()],
            )?;
            self.seal_record(&chain::COHORT, &cohort.uuid, [&cohort.uuid])?;
            self.audit("cohort_archive", &cohort.name, "")
        })
    }

    /// Adds a trainee (and puts them in `cohort`). The name is the school's; the uuid is
    /// the trainee's identity everywhere else.
    pub fn add_trainee(
        &self,
        name: &str,
        external_ref: Option<&str>,
        cohort: Option<&Cohort>,
        pin: Option<&str>,
    ) -> std::result::Result<Trainee, SchoolError> {
        self.add_trainee_as(name, external_ref, cohort, pin, None)
    }

    /// [`Db::add_trainee`] under a pseudonym given (the trainer's list, on a seat).
    pub fn add_trainee_as(
        &self,
        name: &str,
        external_ref: Option<&str>,
        cohort: Option<&Cohort>,
        pin: Option<&str>,
        uuid: Option<&str>,
    ) -> std::result::Result<Trainee, SchoolError> {
        let name = roster::tidy(name);
        if name.is_empty()
            || name.chars().count() > roster::MAX_NAME_CHARS
            || name.chars().any(char::is_control)
        {
            return Err(SchoolError::Invalid(
                Msg::new("roster-bad-name").int("max", roster::MAX_NAME_CHARS as i64),
            ));
        }
        if let Some(p) = pin
            && !valid_pin(p)
        {
            return Err(SchoolError::Invalid(Msg::new("pin-bad")));
        }
        let uuid = uuid.map(str::to_string).unwrap_or_else(new_uuid);
        let pin_hash = pin.map(super::seal::hash_pin);
        let id = self.write(|| {
            let id = self.insert_trainee(&uuid, &name, external_ref, pin_hash.as_deref())?;
            if let Some(c) = cohort {
                self.join_cohort(c, &uuid, id)?;
            }
            self.audit("trainee_add", &uuid, "")?;
            Ok(id)
        })?;
        self.trainee_by_id(id)?
            .ok_or(SchoolError::Records(RecordsError::NotFound(id)))
    }

    /// Adds a trainee's record, sealed; its number.
    fn insert_trainee(
        &self,
        uuid: &str,
        name: &str,
        external_ref: Option<&str>,
        pin_hash: Option<&str>,
    ) -> Result<i64> {
        self.write(|| {
            self.conn.execute(
                "INSERT INTO trainees (uuid, display_name, external_ref, pin_hash, created_at)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
                params![
                    uuid,
                    name,
                    external_ref.map(roster::tidy).filter(|r| !r.is_empty()),
                    pin_hash,
                    self.now()
                ],
            )?;
            let id = self.conn.last_insert_rowid();
            if pin_hash.is_some() {
                self.note_pin(&format!("trainee:{uuid}"), pin_hash);
            }
            self.seal_record(&chain::TRAINEE, uuid, [uuid])?;
            Ok(id)
        })
    }

    /// Puts a trainee already on the list into another cohort.
    pub fn add_to_cohort(&self, cohort: &Cohort, trainee: &Trainee) -> Result<()> {
        self.write(|| {
            self.join_cohort(cohort, &trainee.uuid, trainee.id)?;
            self.audit("cohort_join", &cohort.name, &trainee.uuid)
        })
    }

    /// Puts a trainee in a cohort (nothing when they are in it already), sealed.
    fn join_cohort(&self, cohort: &Cohort, trainee_uuid: &str, trainee: i64) -> Result<()> {
        self.write(|| {
            let n = self.conn.execute(
                "INSERT OR IGNORE INTO cohort_members (cohort_id, trainee_id, joined_at) VALUES (?1, ?2, ?3)",
                params![cohort.id, trainee, self.now()],
            )?;
            if n > 0 {
                self.seal_record(
                    &chain::MEMBER,
                    &format!("{}/{trainee_uuid}", cohort.uuid),
                    [&cohort.uuid, trainee_uuid],
                )?;
            }
            Ok(())
        })
    }

    pub fn trainee_by_id(&self, id: i64) -> Result<Option<Trainee>> {
        Ok(self
            .trainees_where(None, true, Some(id))?
            .into_iter()
            .next())
    }

    /// A trainee by uuid, number, or name (when one trainee alone has it).
    pub fn trainee(&self, key: &str) -> std::result::Result<Trainee, SchoolError> {
        let key = roster::tidy(key);
        let all = self.trainees(None, true)?;
        if let Some(t) = all
            .iter()
            .find(|t| t.uuid == key || t.id.to_string() == key)
        {
            return Ok(t.clone());
        }
        let named: Vec<&Trainee> = all
            .iter()
            .filter(|t| {
                t.name
                    .as_deref()
                    .is_some_and(|n| super::same_trainee(n, &key))
            })
            .collect();
        match named.as_slice() {
            [one] => Ok((*one).clone()),
            [] => Err(SchoolError::Invalid(
                Msg::new("trainee-unknown").text("key", key),
            )),
            _ => Err(SchoolError::Invalid(
                Msg::new("trainee-ambiguous")
                    .text("key", key)
                    .int("n", named.len() as i64),
            )),
        }
    }

    /// The trainees, of one cohort or all, archived ones when asked.
    pub fn trainees(&self, cohort: Option<&Cohort>, archived: bool) -> Result<Vec<Trainee>> {
        self.trainees_where(cohort, archived, None)
    }

    fn trainees_where(
        &self,
        cohort: Option<&Cohort>,
        archived: bool,
        id: Option<i64>,
    ) -> Result<Vec<Trainee>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT t.id, t.uuid, t.display_name, t.external_ref, t.pin_hash IS NOT NULL,
                    t.archived_at IS NOT NULL,
                    COALESCE((SELECT group_concat(c.name, ', ') FROM cohort_members m
                              JOIN cohorts c ON c.id = m.cohort_id
                              WHERE m.trainee_id = t.id AND m.left_at IS NULL), '')
             FROM trainees t
             WHERE (CAST(?1 AS BIGINT) IS NULL OR t.id IN (SELECT trainee_id FROM cohort_members
                                           WHERE cohort_id = ?1 AND left_at IS NULL))
               AND (?2 OR t.archived_at IS NULL)
               AND (CAST(?3 AS BIGINT) IS NULL OR t.id = ?3)
             ORDER BY t.display_name COLLATE NOCASE, t.id",
        )?;
        let rows = stmt.query_map(params![cohort.map(|c| c.id), archived, id], |r| {
            let cohorts: String = r.get(6)?;
            Ok(Trainee {
                id: r.get(0)?,
                uuid: r.get(1)?,
                name: r.get(2)?,
                external_ref: r.get(3)?,
                has_pin: r.get(4)?,
                archived: r.get(5)?,
                cohorts: cohorts
                    .split(", ")
                    .filter(|s| !s.is_empty())
                    .map(str::to_string)
                    .collect(),
            })
        })?;
        let mut list: Vec<Trainee> = rows.collect::<std::result::Result<_, _>>()?;
        // In a French list's order: Éloïse with the E, a name's punctuation not first.
        list.sort_by_cached_key(|t| {
            (
                crate::i18n::sort_key(t.name.as_deref().unwrap_or(&t.uuid)),
                t.id,
            )
        });
        Ok(list)
    }

    /// Imports a class list into a cohort. Run again, it creates nobody twice: a person
    /// already in the cohort (same name, same reference) is counted as already there. The
    /// list is written in short transactions ([`IMPORT_BATCH`] people each), so that the
    /// seats recording attempts meanwhile wait a moment, not the whole import.
    pub fn import_roster(
        &self,
        bytes: &[u8],
        cohort: &Cohort,
        dry_run: bool,
    ) -> std::result::Result<ImportReport, SchoolError> {
        let Roster { entries, problems } = roster::parse(bytes);
        let mut report = ImportReport {
            problems,
            ..ImportReport::default()
        };
        // Everyone the store knows, read once: by pseudonym, and the cohort's by name.
        let everyone = self.trainees(None, true)?;
        let by_uuid: std::collections::BTreeMap<&str, &Trainee> =
            everyone.iter().map(|t| (t.uuid.as_str(), t)).collect();
        let mut known: std::collections::BTreeSet<(String, String)> = self
            .trainees(Some(cohort), true)?
            .iter()
            .filter_map(|t| {
                t.name
                    .as_deref()
                    .map(|n| roster::person_key(n, t.external_ref.as_deref()))
            })
            .collect();
        let mut seen = std::collections::BTreeSet::new();
        enum Step<'a> {
            Join(&'a Trainee),
            Add(&'a roster::RosterEntry),
        }
        let mut steps = Vec::new();
        for e in &entries {
            let key = roster::person_key(&e.name, e.external_ref.as_deref());
            if !seen.insert(key.clone()) {
                report.duplicates_in_file += 1;
                continue;
            }
            // Someone this store knows by their pseudonym already: put in the cohort, if
            // the line says the same person.
            if let Some(u) = &e.uuid
                && let Some(t) = by_uuid.get(u.as_str())
            {
                let here = t
                    .name
                    .as_deref()
                    .map(|n| roster::person_key(n, t.external_ref.as_deref()));
                if here.is_some_and(|h| h != key) {
                    report.problems.push(RosterProblem {
                        line: e.line,
                        msg: Msg::new("roster-other-name")
                            .text("uuid", u.clone())
                            .text("here", t.name.clone().unwrap_or_default())
                            .text("found", e.name.clone()),
                    });
                    continue;
                }
                steps.push(Step::Join(t));
                report.already += 1;
                continue;
            }
            if known.contains(&key) {
                report.already += 1;
                continue;
            }
            known.insert(key);
            steps.push(Step::Add(e));
            report.created += 1;
        }
        if dry_run {
            return Ok(report);
        }
        for batch in steps.chunks(IMPORT_BATCH) {
            self.write(|| {
                for step in batch {
                    match step {
                        Step::Join(t) => self.join_cohort(cohort, &t.uuid, t.id)?,
                        Step::Add(e) => {
                            let uuid = e.uuid.clone().unwrap_or_else(new_uuid);
                            let id = self.insert_trainee(
                                &uuid,
                                &e.name,
                                e.external_ref.as_deref(),
                                None,
                            )?;
                            self.join_cohort(cohort, &uuid, id)?;
                        }
                    }
                }
                Ok(())
            })?;
        }
        self.audit(
            "trainee_import",
            &cohort.name,
            &format!(
                "{} created, {} already there",
                report.created, report.already
            ),
        )?;
        Ok(report)
    }
}

/// People written per transaction by an import (each a few milliseconds).
pub const IMPORT_BATCH: usize = 200;

/// The longest comment a review may carry, in characters.
pub const MAX_COMMENT_CHARS: usize = 2000;

impl Db {
    /// Records a trainer's decision on a finished attempt. The grade is not touched.
    pub fn add_review(
        &self,
        attempt: i64,
        decision: Decision,
        comment: Option<&str>,
    ) -> std::result::Result<(), SchoolError> {
        let summary = self
            .attempts()?
            .into_iter()
            .find(|a| a.id == attempt)
            .ok_or(SchoolError::Records(RecordsError::NotFound(attempt)))?;
        if summary.status != super::Status::Finished {
            return Err(SchoolError::Records(RecordsError::NotFinished(attempt)));
        }
        if comment.is_some_and(|c| c.chars().count() > MAX_COMMENT_CHARS) {
            return Err(SchoolError::Invalid(
                Msg::new("review-long").int("max", MAX_COMMENT_CHARS as i64),
            ));
        }
        self.write(|| {
            self.conn.execute(
                "INSERT INTO reviews (attempt_id, trainer, decision, comment, at) VALUES (?1, ?2, ?3, ?4, ?5)",
                params![attempt, self.actor, decision.code(), comment.map(str::trim), self.now()],
            )?;
            let id = self.conn.last_insert_rowid();
            self.seal_record(&chain::REVIEW, &format!("review/{id}"), [id])?;
            self.audit("review", &attempt.to_string(), decision.code())
        })?;
        Ok(())
    }

    /// The reviews of an attempt, oldest first (the last one is the decision in force).
    pub fn reviews_of(&self, attempt: i64) -> Result<Vec<Review>> {
        let mut stmt = self.conn.prepare(
            "SELECT attempt_id, trainer, decision, comment, at FROM reviews
             WHERE attempt_id = ?1 ORDER BY id",
        )?;
        let rows = stmt.query_map([attempt], |r| {
            let d: String = r.get(2)?;
            Ok(Review {
                attempt: r.get(0)?,
                trainer: r.get(1)?,
                decision: Decision::parse(&d).unwrap_or(Decision::Redo),
                comment: r.get(3)?,
                at_ms: r.get(4)?,
            })
        })?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }
}
