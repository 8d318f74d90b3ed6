//! The trainees' rights (RGPD articles 15, 17 and 20) and the school's retention rule:
//! the export of everything stored about one trainee, the erasure of their name from the
//! database files themselves, and the purge of the names of cohorts kept past their
//! retention date. Results stay, under the pseudonym, so the statistics still count them.
//!
//! SQLite leaves deleted text in free pages, in the write-ahead log and in old index
//! pages: an erasure turns `secure_delete` on, rewrites the records, checkpoints the log
//! to nothing and rebuilds the file (`VACUUM`).

use super::sql::params;
use serde_json::{Value, json};

use super::chain::SealKind;
use super::dates::{days_from_civil, parse_date};
use super::people::{Cohort, SchoolError, Trainee};
use super::results::Filter;
use super::{Db, Result};
use crate::i18n::Msg;

/// Years a cohort's names are kept after it ends, unless the school sets another
/// (`retention.years`): a proposal to be set by the school's data protection officer
/// (SCHOOL.md §6.2), not a rule.
pub const DEFAULT_RETENTION_YEARS: i64 = 5;

impl Db {
    /// A trainee's attempts: those made under their record, and those typed under their
    /// name before the school had a list.
    ///
    /// Checked as the school's results are (an assessment seed left out while its draw may
    /// still be sat): this goes to the trainee.
    pub fn results_of_trainee(&self, t: &Trainee) -> Result<Vec<super::results::ResultRow>> {
        let mut rows: Vec<_> = self
            .results(&Filter::default())?
            .into_iter()
            .filter(|r| match (&r.trainee_uuid, &t.name) {
                (Some(u), _) => *u == t.uuid,
                (None, Some(n)) => super::same_trainee(&r.name, n),
                (None, None) => false,
            })
            .collect();
        self.check_results(&mut rows)?;
        Ok(rows)
    }

    /// Everything stored about one trainee, as data a person can take elsewhere.
    pub fn trainee_data(&self, t: &Trainee, lang: crate::i18n::Lang) -> Result<Value> {
        let rows = self.results_of_trainee(t)?;
        let mut attempts = Vec::new();
        for r in &rows {
            let actions: Vec<Value> = self
                .actions(r.attempt)
                .unwrap_or_default()
                .iter()
                .map(|a| {
                    json!({
                        "at_ms": a.at_ms,
                        "action": super::encode_action(&a.action).unwrap_or_default(),
                    })
                })
                .collect();
            let reviews: Vec<Value> = self
                .reviews_of(r.attempt)?
                .iter()
                .map(|v| json!({"decision": v.decision.code(), "comment": v.comment, "at": super::dates::format_moment(v.at_ms)}))
                .collect();
            attempts.push(json!({
                "uuid": r.attempt_uuid,
                "assessment": r.assessment,
                "scenario": r.scenario_id,
                "scenario_sha256": r.scenario_hash,
                "started_at": super::dates::format_moment(r.started_at_ms),
                "status": r.status,
                "score": r.score,
                "pass_mark": r.pass_mark,
                "passed": r.passed,
                "criteria": r.criteria.iter().map(|c| json!({
                    "id": c.id, "points": c.points, "max_points": c.max_points, "met": c.met,
                    "critical": c.critical, "feedback": c.feedback.render(lang),
                })).collect::<Vec<_>>(),
                "reviews": reviews,
                "actions": actions,
            }));
        }
        Ok(json!({
            "format": "fibrelab-trainee-data-1",
            "trainee": {
                "uuid": t.uuid,
                "name": t.name,
                "external_ref": t.external_ref,
                "cohorts": t.cohorts,
                "has_pin": t.has_pin,
            },
            "attempts": attempts,
        }))
    }

    /// Erases a trainee's name, reference and PIN from the store and from its files;
    /// their attempts stay under their pseudonym. Returns the attempts anonymised.
    pub fn erase_trainee(&self, t: &Trainee) -> std::result::Result<usize, SchoolError> {
        let Some(name) = t.name.clone() else {
            return Err(SchoolError::Invalid(
                Msg::new("erase-already").text("uuid", t.uuid.clone()),
            ));
        };
        if let Some(c) = self.conn.sqlite() {
            c.pragma_update(None, "secure_delete", "ON")
                .map_err(super::RecordsError::from)?;
        }
        let n = self.write(|| self.erase_records(t, &name))?;
        self.scrub_files()?;
        Ok(n)
    }

    /// The erasure's rewrite of the records, in the caller's transaction.
    fn erase_records(&self, t: &Trainee, name: &str) -> Result<usize> {
        // The free-text attempts under the same name are this person's too.
        let mut ids: Vec<i64> = Vec::new();
        for a in self.attempts()? {
            let extra = self.extra(a.id)?;
            if extra.trainee_id == Some(t.id)
                || (extra.trainee_id.is_none() && super::same_trainee(&a.trainee, name))
            {
                ids.push(a.id);
            }
        }
        for id in &ids {
            self.conn.execute(
                "UPDATE attempts SET trainee = ?2, trainee_id = ?3 WHERE id = ?1",
                params![id, t.uuid, t.id],
            )?;
        }
        self.conn.execute(
            "UPDATE trainees SET display_name = NULL, external_ref = NULL, pin_hash = NULL,
                                 erased_at = ?2 WHERE id = ?1",
            params![t.id, self.now()],
        )?;
        // A trainer's comment may name the trainee: the name is put as the pseudonym.
        let reviews: Vec<i64> = {
            let mut stmt = self.conn.prepare(
                "SELECT id FROM reviews WHERE attempt_id IN (SELECT id FROM attempts WHERE trainee_id = ?1)",
            )?;
            let rows = stmt.query_map([t.id], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        self.conn.execute(
            "UPDATE reviews SET comment = replace(comment, ?1, ?2)
             WHERE attempt_id IN (SELECT id FROM attempts WHERE trainee_id = ?3)",
            params![name, t.uuid, t.id],
        )?;
        // Sealed again as they now stand (the chain keeps the last seal of each).
        if t.has_pin {
            self.note_pin(&format!("trainee:{}", t.uuid), None);
        }
        self.seal_person(t.id)?;
        for r in &reviews {
            self.seal_record(&super::chain::REVIEW, &format!("review/{r}"), [r])?;
        }
        for id in &ids {
            self.seal_attempt(*id, SealKind::Start)?;
            let status: String =
                self.conn
                    .query_row("SELECT status FROM attempts WHERE id = ?1", [id], |r| {
                        r.get(0)
                    })?;
            if status != "open" {
                self.seal_attempt(*id, SealKind::End)?;
            }
        }
        self.audit(
            "trainee_erase",
            &t.uuid,
            &format!("{} attempt(s) kept under the pseudonym", ids.len()),
        )?;
        Ok(ids.len())
    }

    /// Rewrites the database file so that erased text is nowhere in it: the log emptied
    /// into the file, the file rebuilt, the log truncated. On the school's server the
    /// pages that held a row are rewritten when its table is vacuumed in full, which only
    /// the tables' owner may do, outside any transaction: the school's IT runs it
    /// (`vacuumdb --full` each night, README step 7), and the command says so.
    fn scrub_files(&self) -> Result<()> {
        if let Some(c) = self.conn.sqlite() {
            c.execute_batch(
                "PRAGMA wal_checkpoint(TRUNCATE); VACUUM; PRAGMA wal_checkpoint(TRUNCATE);",
            )?;
        }
        Ok(())
    }

    /// The date a cohort's names may be kept until: its own, else its end plus the
    /// school's retention years.
    pub fn retain_until(&self, c: &Cohort) -> Result<Option<(i64, u32, u32)>> {
        let years: i64 = super::settings::get_setting(&self.conn, "retention.years")?
            .and_then(|v| v.parse().ok())
            .unwrap_or(DEFAULT_RETENTION_YEARS);
        let own: Option<String> = self.conn.query_row(
            "SELECT retain_until FROM cohorts WHERE id = ?1",
            [c.id],
            |r| r.get(0),
        )?;
        Ok(match own.as_deref().and_then(parse_date) {
            Some(d) => Some(d),
            None => c
                .ends_on
                .as_deref()
                .and_then(parse_date)
                .map(|(y, m, d)| (y + years, m, if m == 2 && d == 29 { 28 } else { d })),
        })
    }

    /// The trainees whose every cohort is past its retention date at `now`.
    pub fn expired_trainees(&self) -> Result<Vec<Trainee>> {
        let today = self.now().div_euclid(86_400_000);
        let mut expired_cohorts = std::collections::BTreeSet::new();
        for c in self.cohorts()? {
            if let Some((y, m, d)) = self.retain_until(&c)?
                && days_from_civil(y, m, d) < today
            {
                expired_cohorts.insert(c.name.clone());
            }
        }
        Ok(self
            .trainees(None, true)?
            .into_iter()
            .filter(|t| {
                t.name.is_some()
                    && !t.cohorts.is_empty()
                    && t.cohorts.iter().all(|c| expired_cohorts.contains(c))
            })
            .collect())
    }

    /// Sets how many years after a cohort ends its names are kept.
    pub fn set_retention_years(&self, years: u32) -> Result<()> {
        self.put_setting("retention.years", &years.to_string())?;
        self.audit("retention_set", "", &years.to_string())
    }
}
