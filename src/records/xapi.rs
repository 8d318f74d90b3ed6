//! xAPI statements for the school's learning record store (SCHOOL.md §2 and §8.6): one
//! statement per graded attempt (`passed` / `failed`, or `abandoned` for one closed
//! without a grade) and one per rubric criterion (an `objective` activity under the
//! scenario), pseudonymous by construction (an `account` actor whose name is the
//! trainee's uuid, no `name`), with deterministic ids (UUIDv5 of the attempt's uuid and
//! the statement's role) so that sending again is a no-op at the LRS.
//!
//! Statements wait in an outbox (`xapi_outbox`) until the LRS has said 200 or 204; the
//! count of those not yet sent is always shown, never "sent" before it is.

use rusqlite::{OptionalExtension, params};
use serde_json::{Value, json};

use super::results::{Filter, ResultRow};
use super::school::format_moment;
use super::{Db, Result, Status};
use crate::i18n::Lang;

/// The namespace of FibreLab's statement ids (UUIDv5 of this URL).
pub fn namespace() -> uuid::Uuid {
    uuid::Uuid::new_v5(
        &uuid::Uuid::NAMESPACE_URL,
        b"https://fibrelab.invalid/xapi/statement-ids",
    )
}

/// The id of an attempt's statement in one role (`result`, `criterion/<id>`).
pub fn statement_id(attempt_uuid: &str, role: &str) -> String {
    uuid::Uuid::new_v5(&namespace(), format!("{attempt_uuid}/{role}").as_bytes()).to_string()
}

const ADL: &str = "http://adlnet.gov/expapi";

fn verb(name: &str, fr: &str) -> Value {
    let id = if name == "abandoned" {
        "https://w3id.org/xapi/adl/verbs/abandoned".to_string()
    } else {
        format!("{ADL}/verbs/{name}")
    };
    json!({"id": id, "display": {"en-US": name, "fr-FR": fr}})
}

/// ISO 8601 duration of seconds, to the hundredth (what an LRS keeps).
pub fn duration(seconds: f64) -> String {
    let cs = (seconds.max(0.0) * 100.0).round() as u64;
    let (s, c) = (cs / 100, cs % 100);
    let (h, m, s) = (s / 3600, (s / 60) % 60, s % 60);
    let mut out = String::from("PT");
    if h > 0 {
        out.push_str(&format!("{h}H"));
    }
    if m > 0 {
        out.push_str(&format!("{m}M"));
    }
    if c > 0 {
        out.push_str(&format!("{s}.{c:02}S"));
    } else {
        out.push_str(&format!("{s}S"));
    }
    out
}

/// What is needed of the school to write statements.
#[derive(Clone, Debug)]
pub struct School {
    /// `https://formation.<school>/fibrelab`: the actor's homePage and the root of every
    /// activity id. A school setting; FibreLab owns no domain to lend.
    pub base_iri: String,
}

/// A score `raw` of `max` as xAPI writes it (scaled within −1…1, raw within min…max).
fn score(raw: f64, max: f64) -> Option<Value> {
    if max <= 0.0 || !raw.is_finite() {
        return None;
    }
    let raw = raw.clamp(0.0, max);
    let scaled = ((raw / max) * 10_000.0).round() / 10_000.0;
    Some(json!({"scaled": scaled, "raw": raw, "min": 0, "max": max}))
}

impl Db {
    /// The statements of one attempt: the criteria first, the attempt's last (the order
    /// they are sent in, one batch per attempt). Attempts without a pseudonymous trainee
    /// (a name typed before the school had a list) and unfinished ones give none.
    pub fn statements_of(&self, row: &ResultRow, school: &School) -> Result<Vec<Value>> {
        let Some(trainee) = &row.trainee_uuid else {
            return Ok(Vec::new());
        };
        if row.status == Status::Open {
            return Ok(Vec::new());
        }
        let base = school.base_iri.trim_end_matches('/');
        let (_, loaded) = self.scenario_of(row.attempt)?;
        let s = &loaded.scenario;
        let scenario_iri = format!("{base}/xapi/activities/scenario/{}", s.id);
        let actor = json!({"objectType": "Agent", "account": {"homePage": base, "name": trainee}});
        let extension_iri = |name: &str| format!("{base}/xapi/extensions/{name}");
        // The assessment and its cohort, when the attempt was made for one.
        let link: Option<(String, String, String, String)> = self
            .conn
            .query_row(
                "SELECT g.uuid, s.uuid, s.title, c.uuid || '|' || c.name FROM attempts a
                 JOIN assignments g ON g.id = a.assignment_id
                 JOIN assessments s ON s.id = g.assessment_id
                 JOIN cohorts c ON c.id = s.cohort_id
                 WHERE a.id = ?1",
                [row.attempt],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
            )
            .optional()?;
        // The registration: the assignment, or for free practice one per trainee and
        // scenario.
        let registration = match &link {
            Some((g, ..)) => g.clone(),
            None => uuid::Uuid::new_v5(
                &namespace(),
                format!("practice/{trainee}/{}", s.id).as_bytes(),
            )
            .to_string(),
        };
        let mut grouping = vec![json!({
            "objectType": "Activity",
            "id": format!("{base}/xapi/activities/attempt/{}", row.attempt_uuid),
            "definition": {
                "type": format!("{ADL}/activities/attempt"),
                "name": {"fr-FR": format!("Tentative {}", row.attempt_no), "en-US": format!("Attempt {}", row.attempt_no)},
            },
        })];
        if let Some((_, assessment, title, cohort)) = &link {
            let (cohort_uuid, cohort_name) = cohort.split_once('|').unwrap_or((cohort, cohort));
            grouping.push(json!({
                "objectType": "Activity",
                "id": format!("{base}/xapi/activities/assessment/{assessment}"),
                "definition": {"type": format!("{ADL}/activities/assessment"), "name": {"fr-FR": title, "en-US": title}},
            }));
            grouping.push(json!({
                "objectType": "Activity",
                "id": format!("{base}/xapi/activities/cohort/{cohort_uuid}"),
                "definition": {"type": format!("{ADL}/activities/course"), "name": {"fr-FR": cohort_name, "en-US": cohort_name}},
            }));
        }
        let category = json!([{
            "objectType": "Activity",
            "id": format!("{base}/xapi/profile"),
            "definition": {"type": format!("{ADL}/activities/profile")},
        }]);
        let mut extensions = json!({
            extension_iri("attempt-number"): row.attempt_no,
            extension_iri("seed"): row.seed.to_string(),
            extension_iri("scenario-sha256"): row.scenario_hash,
            extension_iri("program-version"): row.program_version,
        });
        if let (Some(e), Some(map)) = (&row.ended_by, extensions.as_object_mut()) {
            map.insert(extension_iri("ended-by"), json!(e));
        }
        let context = |parent: bool, main_id: Option<&str>| {
            let mut c = json!({
                "registration": registration,
                "contextActivities": {"grouping": grouping, "category": category},
                "platform": format!("FibreLab {}", row.program_version),
                "language": "fr-FR",
                "revision": row.scenario_hash.chars().take(12).collect::<String>(),
                "extensions": extensions,
            });
            if parent {
                c["contextActivities"]["parent"] =
                    json!([{"objectType": "Activity", "id": scenario_iri}]);
            }
            if let Some(id) = main_id {
                c["statement"] = json!({"objectType": "StatementRef", "id": id});
            }
            c
        };
        let finished_ms: Option<i64> = self.conn.query_row(
            "SELECT finished_at FROM attempts WHERE id = ?1",
            [row.attempt],
            |r| r.get(0),
        )?;
        let timestamp =
            format_moment(finished_ms.unwrap_or(row.started_at_ms)).replace('Z', "+00:00");
        let object = json!({
            "objectType": "Activity",
            "id": scenario_iri,
            "definition": {
                "type": format!("{ADL}/activities/simulation"),
                "name": {"fr-FR": s.title.get(Lang::Fr), "en-US": s.title.get(Lang::En)},
            },
        });
        let main_id = statement_id(&row.attempt_uuid, "result");
        let mut out = Vec::new();
        if row.status == Status::Closed {
            out.push(json!({
                "id": statement_id(&row.attempt_uuid, "abandoned"),
                "actor": actor,
                "verb": verb("abandoned", "a abandonné"),
                "object": object,
                "result": {"completion": false},
                "context": context(false, None),
                "timestamp": timestamp,
            }));
            return Ok(out);
        }
        for c in &row.criteria {
            let mut result = json!({"success": c.met});
            if let Some(sc) = score(c.points, c.max_points) {
                result["score"] = sc;
            }
            out.push(json!({
                "id": statement_id(&row.attempt_uuid, &format!("criterion/{}", c.id)),
                "actor": actor,
                "verb": if c.met { verb("passed", "a réussi") } else { verb("failed", "a échoué") },
                "object": {
                    "objectType": "Activity",
                    "id": format!("{scenario_iri}/objective/{}", c.id),
                    "definition": {
                        "type": format!("{ADL}/activities/objective"),
                        "name": {"fr-FR": c.id, "en-US": c.id},
                        "extensions": {extension_iri("critical"): c.critical, extension_iri("competences"): []},
                    },
                },
                "result": result,
                "context": context(true, Some(&main_id)),
                "timestamp": timestamp,
            }));
        }
        let passed = row.passed == Some(true);
        let mut result = json!({
            "success": passed,
            "completion": true,
            "duration": duration(row.duration_s.unwrap_or(0.0)),
            "extensions": {
                extension_iri("criteria-summary"): row.criteria.iter().map(|c| json!({
                    "id": c.id, "raw": c.points, "max": c.max_points, "passed": c.met, "critical": c.critical,
                })).collect::<Vec<_>>(),
            },
        });
        if let Some(sc) = score(row.score.unwrap_or(0.0), 100.0) {
            result["score"] = sc;
        }
        out.push(json!({
            "id": main_id,
            "actor": actor,
            "verb": if passed { verb("passed", "a réussi") } else { verb("failed", "a échoué") },
            "object": object,
            "result": result,
            "context": context(false, None),
            "timestamp": timestamp,
        }));
        Ok(out)
    }

    /// Puts the statements of every attempt a filter takes into the outbox (those
    /// already there are left as they are). Returns how many were added.
    pub fn queue_statements(&self, f: &Filter, school: &School) -> Result<usize> {
        let mut added = 0;
        for row in self.results(f)? {
            for st in self.statements_of(&row, school)? {
                let id = st["id"].as_str().unwrap_or_default().to_string();
                added += self.conn.execute(
                    "INSERT OR IGNORE INTO xapi_outbox (statement_id, attempt_uuid, body, created_at, tries)
                     VALUES (?1, ?2, ?3, ?4, 0)",
                    params![id, row.attempt_uuid, st.to_string(), self.now()],
                )?;
            }
        }
        Ok(added)
    }

    /// The statements in the outbox, by attempt (each attempt's batch in its order):
    /// (attempt uuid, statements). `unsent` only: those not acknowledged yet.
    pub fn outbox(&self, unsent: bool) -> Result<Vec<(String, Vec<Value>)>> {
        let mut stmt = self.conn.prepare(
            "SELECT attempt_uuid, body FROM xapi_outbox
             WHERE (?1 = 0 OR sent_at IS NULL) ORDER BY created_at, rowid",
        )?;
        let rows = stmt.query_map([unsent as i64], |r| {
            Ok((r.get::<_, String>(0)?, r.get::<_, String>(1)?))
        })?;
        let mut out: Vec<(String, Vec<Value>)> = Vec::new();
        for row in rows {
            let (attempt, body) = row?;
            let v: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
            match out.iter_mut().find(|(a, _)| *a == attempt) {
                Some((_, list)) => list.push(v),
                None => out.push((attempt, vec![v])),
            }
        }
        Ok(out)
    }

    /// Marks an attempt's statements as acknowledged by the LRS.
    pub fn mark_sent(&self, attempt_uuid: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE xapi_outbox SET sent_at = ?2, tries = tries + 1, last_error = NULL
             WHERE attempt_uuid = ?1 AND sent_at IS NULL",
            params![attempt_uuid, self.now()],
        )?;
        Ok(())
    }

    /// Notes a failed try (kept for the next `xapi send`).
    pub fn mark_failed(&self, attempt_uuid: &str, error: &str) -> Result<()> {
        self.conn.execute(
            "UPDATE xapi_outbox SET tries = tries + 1, last_error = ?2
             WHERE attempt_uuid = ?1 AND sent_at IS NULL",
            params![attempt_uuid, error],
        )?;
        Ok(())
    }

    /// (waiting, sent, last success) of the outbox.
    pub fn outbox_status(&self) -> Result<(i64, i64, Option<i64>)> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*) - COUNT(sent_at), COUNT(sent_at), MAX(sent_at) FROM xapi_outbox",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?)
    }

    /// The school's base IRI (`school.base_iri`), if set.
    pub fn base_iri(&self) -> Result<Option<String>> {
        super::school::get_setting(&self.conn, "school.base_iri")
    }

    /// Sets the school's name, printed on its reports.
    pub fn set_school_name(
        &self,
        name: &str,
    ) -> std::result::Result<(), super::school::SchoolError> {
        let name = super::roster::tidy(name);
        if name.chars().count() > super::roster::MAX_NAME_CHARS {
            return Err(super::school::SchoolError::Invalid(
                crate::i18n::Msg::new("cohort-bad-name")
                    .int("max", super::roster::MAX_NAME_CHARS as i64),
            ));
        }
        super::school::set_setting(&self.conn, "school.name", &name)?;
        self.audit("setting", "school.name", &name)?;
        Ok(())
    }

    /// Sets the school's base IRI: an `https` address the school controls.
    pub fn set_base_iri(&self, iri: &str) -> std::result::Result<(), super::school::SchoolError> {
        let iri = iri.trim().trim_end_matches('/');
        let ok = iri.starts_with("https://")
            && iri.len() > "https://".len() + 3
            && !iri
                .chars()
                .any(|c| c.is_whitespace() || c == '#' || c == '?');
        if !ok {
            return Err(super::school::SchoolError::Invalid(
                crate::i18n::Msg::new("xapi-bad-base").text("found", iri),
            ));
        }
        super::school::set_setting(&self.conn, "school.base_iri", iri)?;
        self.audit("setting", "school.base_iri", iri)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations() {
        assert_eq!(duration(1634.0), "PT27M14S");
        assert_eq!(duration(3723.456), "PT1H2M3.46S");
        assert_eq!(duration(0.0), "PT0S");
    }

    #[test]
    fn ids_are_deterministic_and_differ_by_role() {
        let a = statement_id("0b8e3c1a-5d2f-4c7e-9a61-3f2d8b7c6e01", "result");
        assert_eq!(
            a,
            statement_id("0b8e3c1a-5d2f-4c7e-9a61-3f2d8b7c6e01", "result")
        );
        assert_ne!(
            a,
            statement_id("0b8e3c1a-5d2f-4c7e-9a61-3f2d8b7c6e01", "criterion/x")
        );
        assert_eq!(
            uuid::Uuid::parse_str(&a).map(|u| u.get_version_num()).ok(),
            Some(5)
        );
    }
}
