//! xAPI statements for the school's learning record store (SCHOOL.md §2 and §8.6): one
//! statement per graded attempt (`passed` / `failed`, or `abandoned` for one closed
//! without a grade) and one per rubric criterion (an `objective` activity under the
//! scenario), pseudonymous by construction (an `account` actor whose name is the
//! trainee's uuid, no `name`), with deterministic ids (UUIDv5 of the attempt's uuid and
//! the statement's role) so that sending again is a no-op at the LRS.
//!
//! Statements wait in an outbox (`xapi_outbox`) until the LRS has taken them; the count
//! of those not yet sent is always shown, never "sent" before it is. The outbox keeps each
//! statement's id and state, not its body: the body is made again from the attempt when
//! it is sent or exported (the ids are deterministic, so it is the same statement), and
//! both are done one attempt at a time, whatever the size of the store.
//!
//! An attempt made for an assessment never carries its seed: a trainee's seed is their
//! answer key. A free attempt does (it replays it).

use rusqlite::Connection;

use super::sql::{Conn, OptionalExtension, params};
use serde_json::{Value, json};

use super::dates::format_moment;
use super::results::{Filter, ResultRow};
use super::{Db, RecordsError, Result, Status};
use crate::i18n::Lang;

/// Turns an outbox of the first shape (each statement's body kept, 5 kB or more a
/// statement) into ids and states only, every row's state (sent or not, tries, last
/// error) kept; indexes it by attempt. Nothing to do on an outbox of the new shape.
pub(super) fn migrate_outbox(conn: &Conn) -> Result<()> {
    if super::settings::has_column(conn, "xapi_outbox", "body")? {
        conn.execute_batch(
            "CREATE TABLE xapi_outbox_ids (
                 statement_id TEXT PRIMARY KEY,
                 attempt_uuid TEXT NOT NULL,
                 created_at   INTEGER NOT NULL,
                 sent_at      INTEGER,
                 tries        INTEGER NOT NULL DEFAULT 0,
                 last_error   TEXT
             );
             INSERT INTO xapi_outbox_ids (statement_id, attempt_uuid, created_at, sent_at, tries, last_error)
                 SELECT statement_id, attempt_uuid, created_at, sent_at, tries, last_error FROM xapi_outbox;
             DROP TABLE xapi_outbox;
             ALTER TABLE xapi_outbox_ids RENAME TO xapi_outbox;",
        )?;
    }
    conn.execute_batch(
        "CREATE INDEX IF NOT EXISTS xapi_outbox_attempt ON xapi_outbox(attempt_uuid, sent_at)",
    )?;
    Ok(())
}

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

/// The last error of a statement the store no longer makes (kept waiting, never sent).
pub const NOT_MADE: &str = "not made from the store any more: its attempt is gone or changed";

/// The last error of a statement whose id the LRS holds with other content.
pub const OTHER_CONTENT: &str = "409: the LRS holds other content under this id";

/// Whether the statement an LRS gives back under one of our ids is the one we sent: the
/// fields we set (id, actor, verb, object id, result, context registration, timestamp),
/// numbers as numbers, ids and registrations in any case, timestamps as instants. What an
/// LRS adds (`stored`, `authority`, `version`) is not looked at.
pub fn same_statement(ours: &Value, theirs: &Value) -> bool {
    let text = |v: &Value, path: &[&str]| -> Option<String> {
        path.iter()
            .try_fold(v, |v, k| v.get(k))
            .and_then(Value::as_str)
            .map(str::to_ascii_lowercase)
    };
    let same_text =
        |path: &[&str]| text(ours, path).is_some() && text(ours, path) == text(theirs, path);
    let same_value = |key: &str| match (ours.get(key), theirs.get(key)) {
        (Some(a), Some(b)) => same_json(a, b),
        (None, None) => true,
        _ => false,
    };
    let instant = |v: &Value| {
        v.get("timestamp")
            .and_then(Value::as_str)
            .and_then(instant_ms)
    };
    same_text(&["id"])
        && same_value("actor")
        && same_value("verb")
        && same_text(&["object", "id"])
        && same_value("result")
        && text(ours, &["context", "registration"]) == text(theirs, &["context", "registration"])
        && instant(ours).is_some()
        && instant(ours) == instant(theirs)
}

/// JSON values equal, numbers compared as numbers (`100` is `100.0`).
fn same_json(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(x, y)| same_json(x, y))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| same_json(v, w)))
        }
        (Value::Null, _)
        | (Value::Bool(_), _)
        | (Value::Number(_), _)
        | (Value::String(_), _)
        | (Value::Array(_), _)
        | (Value::Object(_), _) => a == b,
    }
}

/// An xAPI timestamp (ISO 8601 with an offset, seconds' fractions to the millisecond) as
/// ms since 1970.
fn instant_ms(s: &str) -> Option<i64> {
    let (date, rest) = s.trim().split_once('T')?;
    let (whole, ms) = match rest.split_once('.') {
        None => (rest.to_string(), 0),
        Some((clock, tail)) => {
            let digits: String = tail.chars().take_while(char::is_ascii_digit).collect();
            let ms = format!("{digits:0<3}").get(..3)?.parse::<i64>().ok()?;
            (format!("{clock}{}", &tail[digits.len()..]), ms)
        }
    };
    super::dates::parse_moment(&format!("{date}T{whole}"))
        .ok()
        .map(|t| t + ms)
}

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

/// The outbox while the attempts are read (one long statement on the store's
/// connection): written to on a connection of its own, so that what another program
/// records meanwhile (the app) never makes a write here fail. Each attempt's statements
/// are noted in one transaction.
pub struct Outbox<'a> {
    db: &'a Db,
    /// Its own connection to an SQLite file (a server's store is read whole first, so
    /// the store's own connection writes).
    own: Option<Conn>,
}

impl Outbox<'_> {
    fn conn(&self) -> &Conn {
        self.own.as_ref().unwrap_or(&self.db.conn)
    }

    /// Puts an attempt's statements in (those already there are left as they are);
    /// how many were added.
    fn queue(&self, attempt_uuid: &str, statements: &[Value]) -> Result<usize> {
        let tx = self.conn().unchecked_transaction()?;
        let mut added = 0;
        {
            let mut insert = tx.prepare_cached(
                "INSERT OR IGNORE INTO xapi_outbox (statement_id, attempt_uuid, created_at, tries)
                 VALUES (?1, ?2, ?3, 0)",
            )?;
            let now = self.db.now();
            for st in statements {
                let id = st["id"].as_str().unwrap_or_default();
                added += insert.execute(params![id, attempt_uuid, now])?;
            }
        }
        tx.commit()?;
        Ok(added)
    }

    /// Marks statements as taken by the LRS.
    pub fn mark_sent(&self, ids: &[String]) -> Result<()> {
        self.update(
            ids,
            "UPDATE xapi_outbox SET sent_at = ?2, tries = tries + 1, last_error = NULL
             WHERE statement_id = ?1 AND sent_at IS NULL",
            &self.db.now(),
        )
    }

    /// Notes a failed try of statements (they wait for the next `xapi send`).
    pub fn mark_failed(&self, ids: &[String], error: &str) -> Result<()> {
        self.update(
            ids,
            "UPDATE xapi_outbox SET tries = tries + 1, last_error = ?2
             WHERE statement_id = ?1 AND sent_at IS NULL",
            &error,
        )
    }

    fn update(&self, ids: &[String], sql: &str, value: &dyn super::sql::ToSql) -> Result<()> {
        let tx = self.conn().unchecked_transaction()?;
        {
            let mut stmt = tx.prepare_cached(sql)?;
            for id in ids {
                stmt.execute(params![id, value])?;
            }
        }
        tx.commit()?;
        Ok(())
    }
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
        let (finished_ms, assigned): (Option<i64>, bool) = self.conn.query_row(
            "SELECT finished_at, assignment_id IS NOT NULL FROM attempts WHERE id = ?1",
            [row.attempt],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut extensions = json!({
            extension_iri("attempt-number"): row.attempt_no,
            extension_iri("scenario-sha256"): row.scenario_hash,
            extension_iri("program-version"): row.program_version,
        });
        if let Some(map) = extensions.as_object_mut() {
            // An assessment's seed is the trainee's answer key: kept in the store only.
            if !assigned {
                map.insert(extension_iri("seed"), json!(row.seed.to_string()));
            }
            if let Some(e) = &row.ended_by {
                map.insert(extension_iri("ended-by"), json!(e));
            }
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
                        "name": {"fr-FR": c.title.render(Lang::Fr), "en-US": c.title.render(Lang::En)},
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

    /// The outbox, to write to while the attempts are read.
    fn outbox_writer(&self) -> Result<Outbox<'_>> {
        if self.conn.is_postgres() {
            return Ok(Outbox {
                db: self,
                own: None,
            });
        }
        let conn = Connection::open(&self.path)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))?;
        Ok(Outbox {
            db: self,
            own: Some(Conn::Sqlite(conn)),
        })
    }

    /// The statements of every attempt a filter takes, one attempt at a time (oldest
    /// first, each attempt's in the order they are sent in), each put into the outbox
    /// (those already there are left as they are) before it is handed to `each`.
    /// Returns how many were added to the outbox.
    pub fn for_each_statement_batch<E: From<RecordsError>>(
        &self,
        f: &Filter,
        school: &School,
        mut each: impl FnMut(&ResultRow, Vec<Value>) -> std::result::Result<(), E>,
    ) -> std::result::Result<usize, E> {
        let outbox = self.outbox_writer()?;
        let mut added = 0;
        self.for_each_result(f, |row| {
            let statements = self.statements_of(&row, school)?;
            if statements.is_empty() {
                return Ok(());
            }
            added += outbox.queue(&row.attempt_uuid, &statements)?;
            each(&row, statements)
        })?;
        Ok(added)
    }

    /// Puts the statements of every attempt a filter takes into the outbox (those
    /// already there are left as they are). Returns how many were added.
    pub fn queue_statements(&self, f: &Filter, school: &School) -> Result<usize> {
        self.for_each_statement_batch(f, school, |_, _| Ok::<(), RecordsError>(()))
    }

    /// The statements the outbox holds unsent, made again from their attempts and handed
    /// to `each` one attempt at a time (the outbox to note what became of them, the
    /// attempt's uuid, its unsent statements in their order), oldest attempt first.
    /// Returns the ids that wait but that no attempt of the store makes any more (each is
    /// noted as failed, and left waiting).
    pub fn for_each_unsent<E: From<RecordsError>>(
        &self,
        school: &School,
        mut each: impl FnMut(&Outbox, &str, Vec<Value>) -> std::result::Result<(), E>,
    ) -> std::result::Result<Vec<String>, E> {
        let (waiting, _, _) = self.outbox_status()?;
        if waiting == 0 {
            return Ok(Vec::new());
        }
        let outbox = self.outbox_writer()?;
        let mut found = 0i64;
        let mut lost = Vec::new();
        self.for_each_result(&Filter::default(), |row| {
            let unsent = self.unsent_of(&row.attempt_uuid)?;
            if unsent.is_empty() {
                return Ok(());
            }
            found += unsent.len() as i64;
            let batch: Vec<Value> = self
                .statements_of(&row, school)?
                .into_iter()
                .filter(|st| unsent.iter().any(|id| st["id"] == id.as_str()))
                .collect();
            let gone: Vec<String> = unsent
                .into_iter()
                .filter(|id| !batch.iter().any(|st| st["id"] == id.as_str()))
                .collect();
            if !gone.is_empty() {
                outbox.mark_failed(&gone, NOT_MADE)?;
                lost.extend(gone);
            }
            if batch.is_empty() {
                return Ok(());
            }
            each(&outbox, &row.attempt_uuid, batch)
        })?;
        // Those of an attempt the store no longer has.
        if found < waiting {
            let gone = self.unsent_without_attempt()?;
            outbox.mark_failed(&gone, NOT_MADE)?;
            lost.extend(gone);
        }
        Ok(lost)
    }

    /// The ids that wait for an attempt the store does not have.
    fn unsent_without_attempt(&self) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare(
            "SELECT statement_id FROM xapi_outbox o WHERE sent_at IS NULL
             AND NOT EXISTS (SELECT 1 FROM attempts a WHERE a.uuid = o.attempt_uuid)
             ORDER BY created_at, rowid",
        )?;
        let rows = stmt.query_map([], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// The ids of an attempt's statements that wait.
    fn unsent_of(&self, attempt_uuid: &str) -> Result<Vec<String>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT statement_id FROM xapi_outbox WHERE attempt_uuid = ?1 AND sent_at IS NULL",
        )?;
        let rows = stmt.query_map([attempt_uuid], |r| r.get::<_, String>(0))?;
        Ok(rows.collect::<std::result::Result<_, _>>()?)
    }

    /// (statements, attempts) waiting in the outbox.
    pub fn outbox_waiting(&self) -> Result<(i64, i64)> {
        Ok(self.conn.query_row(
            "SELECT COUNT(*), COUNT(DISTINCT attempt_uuid) FROM xapi_outbox WHERE sent_at IS NULL",
            [],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// The last error noted on a statement of the outbox, and whether it was sent.
    pub fn outbox_entry(&self, id: &str) -> Result<Option<(bool, Option<String>)>> {
        Ok(self
            .conn
            .query_row(
                "SELECT sent_at IS NOT NULL, last_error FROM xapi_outbox WHERE statement_id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?)
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
        super::settings::get_setting(&self.conn, "school.base_iri")
    }

    /// Sets the school's name, printed on its reports.
    pub fn set_school_name(
        &self,
        name: &str,
    ) -> std::result::Result<(), super::people::SchoolError> {
        let name = super::roster::tidy(name);
        if name.chars().count() > super::roster::MAX_NAME_CHARS {
            return Err(super::people::SchoolError::Invalid(
                crate::i18n::Msg::new("cohort-bad-name")
                    .int("max", super::roster::MAX_NAME_CHARS as i64),
            ));
        }
        self.put_setting("school.name", &name)?;
        self.audit("setting", "school.name", &name)?;
        Ok(())
    }

    /// Sets the school's time zone (an IANA name: `Europe/Paris`, `Indian/Reunion`): the
    /// zone every moment is shown in, from now on in this process too.
    pub fn set_time_zone(&self, name: &str) -> std::result::Result<(), super::people::SchoolError> {
        let zone =
            crate::i18n::time::zone_named(name).map_err(super::people::SchoolError::Invalid)?;
        let name = name.trim();
        self.put_setting(super::settings::TIME_ZONE_SETTING, name)?;
        self.audit("setting", super::settings::TIME_ZONE_SETTING, name)?;
        crate::i18n::time::use_zone(Some(zone));
        Ok(())
    }

    /// Sets the school's base IRI: an `https` address the school controls.
    pub fn set_base_iri(&self, iri: &str) -> std::result::Result<(), super::people::SchoolError> {
        let iri = iri.trim().trim_end_matches('/');
        let ok = iri.starts_with("https://")
            && iri.len() > "https://".len() + 3
            && !iri
                .chars()
                .any(|c| c.is_whitespace() || c == '#' || c == '?');
        if !ok {
            return Err(super::people::SchoolError::Invalid(
                crate::i18n::Msg::new("xapi-bad-base").text("found", iri),
            ));
        }
        self.put_setting("school.base_iri", iri)?;
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
    fn timestamps_compare_as_instants() {
        assert_eq!(
            instant_ms("2026-03-02T09:15:00+00:00"),
            instant_ms("2026-03-02T09:15:00.000Z")
        );
        assert_eq!(
            instant_ms("2026-03-02T10:15:00+01:00"),
            instant_ms("2026-03-02T09:15:00Z")
        );
        assert_eq!(
            instant_ms("2026-03-02T09:15:00.25Z").zip(instant_ms("2026-03-02T09:15:00Z")),
            instant_ms("2026-03-02T09:15:00Z").map(|t| (t + 250, t))
        );
        assert_ne!(
            instant_ms("2026-03-02T09:15:01Z"),
            instant_ms("2026-03-02T09:15:00Z")
        );
        assert_eq!(instant_ms("yesterday"), None);
    }

    #[test]
    fn a_statement_is_the_same_on_the_fields_we_set_only() {
        let ours = json!({
            "id": "6f1c0d6e-5b7a-5c55-9d0e-6a1b2c3d4e5f",
            "actor": {"objectType": "Agent", "account": {"homePage": "https://s.example", "name": "u1"}},
            "verb": {"id": "http://adlnet.gov/expapi/verbs/passed", "display": {"en-US": "passed"}},
            "object": {"objectType": "Activity", "id": "https://s.example/a", "definition": {"type": "t"}},
            "result": {"success": true, "score": {"scaled": 0.5, "raw": 50.0, "min": 0, "max": 100.0}},
            "context": {"registration": "0b8e3c1a-5d2f-4c7e-9a61-3f2d8b7c6e01", "language": "fr-FR"},
            "timestamp": "2026-03-02T09:15:00+00:00",
        });
        // As an LRS gives it back: its own fields added, numbers and the time rewritten,
        // the object's definition and the context's other fields changed.
        let mut theirs = ours.clone();
        theirs["stored"] = json!("2026-03-02T09:16:00Z");
        theirs["authority"] = json!({"mbox": "mailto:lrs@example.org"});
        theirs["version"] = json!("1.0.3");
        theirs["result"]["score"] = json!({"scaled": 0.5, "raw": 50, "min": 0.0, "max": 100});
        theirs["timestamp"] = json!("2026-03-02T09:15:00.000Z");
        theirs["id"] = json!("6F1C0D6E-5B7A-5C55-9D0E-6A1B2C3D4E5F");
        theirs["object"]["definition"] = json!({"type": "other"});
        theirs["context"]["language"] = json!("en-US");
        assert!(same_statement(&ours, &theirs));
        for (path, value) in [
            ("/result/score/raw", json!(51)),
            ("/result/success", json!(false)),
            ("/actor/account/name", json!("u2")),
            ("/verb/id", json!("http://adlnet.gov/expapi/verbs/failed")),
            ("/object/id", json!("https://s.example/b")),
            (
                "/context/registration",
                json!("00000000-0000-4000-8000-000000000000"),
            ),
            ("/timestamp", json!("2026-03-02T09:15:01Z")),
        ] {
            let mut other = theirs.clone();
            if let Some(v) = other.pointer_mut(path) {
                *v = value;
            }
            assert!(!same_statement(&ours, &other), "{path}");
        }
        let mut more = theirs.clone();
        more["result"]["response"] = json!("x");
        assert!(!same_statement(&ours, &more), "a result with a field more");
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
