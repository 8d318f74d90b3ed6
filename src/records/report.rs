//! Printable documents for the school: the *relevé d'évaluation* of one attempt (the
//! criteria, the feedback, the moments of the log, the OTDR trace as a picture, the
//! trainer's decision, signature lines, a verification code), the *synthèse de promo* of
//! an assessment (the attestation from the school's template is `attestation`).
//!
//! HTML with an A4 print style: the school prints it or saves it as PDF from any
//! browser. Names appear here, since the school prints them; everything else it
//! exports is pseudonymous.

use super::sql::OptionalExtension;

use super::results::{Cell, Filter};
use super::seal::sha256;
use super::{Db, RecordsError, Result};
use crate::exercise::Exercise;
use crate::i18n::time;
use crate::i18n::{Lang, Msg, tr};
use crate::limits::{
    REPORT_FEEDBACK_CHARS, REPORT_LINE_MM, REPORT_LOG_INLINE_MAX, REPORT_LOG_KEY_MOMENTS,
    REPORT_LOG_ROW_MM, REPORT_ROOM_MM, REPORT_ROW_MM, REPORT_SUMMARY_ROWS, REPORT_TITLE_CHARS,
    REPORT_TRACE_MM,
};
use crate::plot::MinMaxPyramid;

pub use super::print::esc;
use super::print::{Running, code_span, document, text};

/// The relevé's own look, beside the shared one ([`super::print::BASE_CSS`]).
const RELEVE_CSS: &str = "
.log td { font-size: 8pt; padding: 0.3mm 1.2mm; }
.log tr.refused td { background: #fff1e0; }
.sign { display: flex; gap: 10mm; margin-top: 3mm; }
.sign div { flex: 1; border-top: 1px solid #333; padding-top: 1mm; height: 10mm; }
table.meta2 td:nth-child(odd) { color: #555; width: 1%; white-space: nowrap; }
svg { display: block; max-width: 100%; height: auto; }
";

/// The synthèse's own look: fixed shares of the width, so that a criterion's title
/// wraps between its words and the bar keeps its room.
const SYNTHESE_CSS: &str = "
table.crit-stats { table-layout: fixed; }
table.crit-stats th.scn { width: 20%; } table.crit-stats th.crit-title { width: 24%; }
table.crit-stats th.pct { width: 10%; } table.crit-stats th.bar-col { width: 8%; }
.cell-passed { background: #d8f3df; } .cell-failed { background: #ffe3c2; }
.cell-critical { background: #f8c9c9; } .cell-in_progress { background: #dfe9ff; }
.cell-not_done { background: #f2f2f2; color: #777; }
.bar { background: #c0392b; height: 3mm; }
";

/// The code printed on a report or an attestation: base32 of SHA-256(attempt uuid ‖
/// grade ‖ scenario hash ‖ log hash), 15 characters as `FL-XXXXX-XXXXX-XXXXX`.
pub fn verification_code(
    attempt_uuid: &str,
    grade_json: &str,
    scenario_hash: &str,
    log_hash: &str,
) -> String {
    const A: &[u8; 32] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    let h = sha256(format!("{attempt_uuid}|{grade_json}|{scenario_hash}|{log_hash}").as_bytes());
    let mut bits: u128 = 0;
    for b in &h[..10] {
        bits = (bits << 8) | u128::from(*b);
    }
    let chars: Vec<char> = (0..15)
        .map(|i| A[((bits >> (75 - 5 * (i + 1))) & 31) as usize] as char)
        .collect();
    let s: String = chars.iter().collect();
    format!("FL-{}-{}-{}", &s[0..5], &s[5..10], &s[10..15])
}

/// A code without its dashes, spaces or case: how it is kept and compared.
pub fn compact_code(code: &str) -> String {
    code.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_uppercase())
        .collect()
}

fn fmt_duration(s: f64) -> String {
    let s = s.max(0.0).round() as i64;
    format!("{} min {:02} s", s / 60, s % 60)
}

/// One line of a relevé's log: when, the gesture, what the bench said of it.
struct LogLine {
    at_ms: u64,
    gesture: String,
    said: String,
    refused: bool,
}

/// The key moments of a long log, in time order: the gestures the bench refused, then
/// the last ones, `n` in all.
fn key_moments(lines: &[LogLine], n: usize) -> Vec<&LogLine> {
    let mut keep: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.refused)
        .map(|(i, _)| i)
        .take(n / 2)
        .collect();
    let mut i = lines.len();
    while keep.len() < n && i > 0 {
        i -= 1;
        if !keep.contains(&i) {
            keep.push(i);
        }
    }
    keep.sort_unstable();
    keep.into_iter().map(|i| &lines[i]).collect()
}

impl Db {
    /// SHA-256 of an attempt's log as stored (times and actions).
    fn log_hash(&self, attempt: i64) -> Result<String> {
        let mut text = String::new();
        for (seq, at, _, a) in self.stored_actions(attempt)? {
            text.push_str(&format!("{seq}|{at}|{a}\n"));
        }
        Ok(super::seal::hex(&sha256(text.as_bytes())))
    }

    /// The verification code of a finished attempt, `None` for one without a grade.
    pub fn code_of(&self, attempt: i64) -> Result<Option<String>> {
        let (uuid, hash, grade): (Option<String>, String, Option<String>) = self.conn.query_row(
            "SELECT uuid, scenario_hash, grade_json FROM attempts WHERE id = ?1",
            [attempt],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let (Some(uuid), Some(grade)) = (uuid, grade) else {
            return Ok(None);
        };
        Ok(Some(verification_code(
            &uuid,
            &grade,
            &hash,
            &self.log_hash(attempt)?,
        )))
    }

    /// Keeps a finished attempt's code with it, so that a printed code finds its attempt
    /// at once.
    pub(super) fn store_code(&self, attempt: i64) -> Result<()> {
        if let Some(code) = self.code_of(attempt)? {
            self.conn.execute(
                "UPDATE attempts SET code = ?2 WHERE id = ?1",
                super::sql::params![attempt, compact_code(&code)],
            )?;
        }
        Ok(())
    }

    /// The codes of finished attempts that have none kept yet (stored by an earlier
    /// release).
    pub(super) fn fill_codes(&self) -> Result<()> {
        let ids: Vec<i64> = {
            let mut stmt = self
                .conn
                .prepare("SELECT id FROM attempts WHERE status = 'finished' AND code IS NULL")?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for id in ids {
            self.store_code(id)?;
        }
        Ok(())
    }

    /// The attempt a printed code belongs to, if one does (codes are compared without
    /// dashes, spaces or case). Found by the code kept with the attempt; the attempts
    /// of an older store without kept codes are computed one by one.
    pub fn attempt_of_code(&self, code: &str) -> Result<Option<i64>> {
        let wanted = compact_code(code);
        let kept = super::settings::has_column(&self.conn, "attempts", "code")?;
        if kept {
            let found: Option<i64> = self
                .conn
                .query_row(
                    "SELECT id FROM attempts WHERE code = ?1 AND status = 'finished' ORDER BY id LIMIT 1",
                    [&wanted],
                    |r| r.get(0),
                )
                .optional()?;
            if found.is_some() {
                return Ok(found);
            }
        }
        let sql = if kept {
            "SELECT id FROM attempts WHERE status = 'finished' AND code IS NULL ORDER BY id"
        } else {
            "SELECT id FROM attempts WHERE status = 'finished' ORDER BY id"
        };
        let ids: Vec<i64> = {
            let mut stmt = self.conn.prepare(sql)?;
            let rows = stmt.query_map([], |r| r.get(0))?;
            rows.collect::<std::result::Result<_, _>>()?
        };
        for id in ids {
            if self
                .code_of(id)?
                .is_some_and(|c| compact_code(&c) == wanted)
            {
                return Ok(Some(id));
            }
        }
        Ok(None)
    }

    pub(super) fn school_name(&self) -> Result<String> {
        Ok(super::settings::get_setting(&self.conn, "school.name")?.unwrap_or_default())
    }

    /// The relevé d'évaluation of one attempt, as a page to print: everything on its
    /// first A4 page (a long log summed up by its key moments), the whole log in an
    /// annex when it does not fit.
    pub fn attempt_report(&self, attempt: i64, lang: Lang) -> Result<String> {
        let row = self
            .results(&Filter::default())?
            .into_iter()
            .find(|r| r.attempt == attempt)
            .ok_or(RecordsError::NotFound(attempt))?;
        let (session, _) = self.review(attempt)?;
        // An assessment attempt's seed is its answer key: printed only once nobody may
        // sit that draw any more (what its feedback policy shows in full).
        let seed_shown = match row.assessment {
            Some(_) if self.feedback_view(attempt)? != super::assess::FeedbackView::Full => {
                super::assess::HIDDEN.to_string()
            }
            Some(_) | None => row.seed.to_string(),
        };
        let ex = &session.exercise;
        let s = &session.loaded.scenario;
        let title_row: Option<(String, String)> = self
            .conn
            .query_row(
                "SELECT s.title, c.name FROM attempts a JOIN assignments g ON g.id = a.assignment_id
                 JOIN assessments s ON s.id = g.assessment_id JOIN cohorts c ON c.id = s.cohort_id
                 WHERE a.id = ?1",
                [attempt],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .ok();
        let t = |k: &str| text(lang, &tr(lang, k));
        let x = |v: &str| text(lang, v);
        let code = self.code_of(attempt)?;
        let mut b = String::new();
        let school = self.school_name()?;
        if !school.is_empty() {
            b.push_str(&format!("<div>{}</div>", x(&school)));
        }
        b.push_str(&format!("<h1>{}</h1>", t("report-title")));
        let verdict = match row.passed {
            Some(true) => format!("<span class=\"ok\">{}</span>", t("cli-passed")),
            Some(false) => format!("<span class=\"ko\">{}</span>", t("cli-failed")),
            None => "—".into(),
        };
        let meta: Vec<(String, String)> = vec![
            (t("report-trainee"), format!("<b>{}</b>", x(&row.name))),
            (
                t("report-cohort"),
                x(&title_row
                    .as_ref()
                    .map(|x| x.1.clone())
                    .or(row.cohort.clone())
                    .unwrap_or_else(|| "—".into())),
            ),
            (
                t("report-assessment"),
                x(&title_row
                    .as_ref()
                    .map(|x| x.0.clone())
                    .unwrap_or_else(|| tr(lang, "report-free-practice"))),
            ),
            (
                t("report-date"),
                x(&time::date_time(lang, row.started_at_ms)),
            ),
            (
                t("report-scenario"),
                format!(
                    "{} <span class=\"small\">({}, {} {})</span>",
                    x(s.title.get(lang)),
                    esc(&s.id),
                    t("report-version"),
                    esc(&row.scenario_hash.chars().take(8).collect::<String>())
                ),
            ),
            (
                t("report-duration"),
                format!(
                    "{}{}",
                    x(&fmt_duration(row.duration_s.unwrap_or(0.0))),
                    row.time_limit_s
                        .map(|l| x(&format!(
                            " / {} {}",
                            l / 60,
                            tr(lang, "report-minutes-allowed")
                        )))
                        .unwrap_or_default()
                ),
            ),
            (
                t("report-score"),
                format!(
                    "<b>{}</b> / 100 ({} {}) — {verdict}",
                    lang.num(row.score.unwrap_or(0.0), 1),
                    t("report-pass-mark"),
                    lang.num(row.pass_mark.unwrap_or(0.0), 0)
                ),
            ),
            (
                t("report-seed-version"),
                format!("{} · FibreLab {}", seed_shown, esc(&row.program_version)),
            ),
        ];
        // Two pairs a line, the scenario's title on a line of its own.
        b.push_str("<table class=\"meta meta2\">");
        let mut pairs = meta.iter();
        while let Some((k, v)) = pairs.next() {
            if *k == t("report-scenario") {
                b.push_str(&format!("<tr><td>{k}</td><td colspan=\"3\">{v}</td></tr>"));
                continue;
            }
            match pairs.next() {
                Some((k2, v2)) if *k2 != t("report-scenario") => b.push_str(&format!(
                    "<tr><td>{k}</td><td>{v}</td><td>{k2}</td><td>{v2}</td></tr>"
                )),
                Some((k2, v2)) => b.push_str(&format!(
                    "<tr><td>{k}</td><td colspan=\"3\">{v}</td></tr><tr><td>{k2}</td><td colspan=\"3\">{v2}</td></tr>"
                )),
                None => b.push_str(&format!("<tr><td>{k}</td><td colspan=\"3\">{v}</td></tr>")),
            }
        }
        if row.ended_by.as_deref() == Some("time-limit") {
            b.push_str(&format!(
                "<tr><td></td><td colspan=\"3\" class=\"ko\">{}</td></tr>",
                t("report-ended-by-time")
            ));
        }
        b.push_str("</table>");
        // Criteria: the critical ones first.
        b.push_str(&format!(
            "<h2>{}</h2><table><thead><tr><th style=\"width:31%\">{}</th><th class=\"num\" style=\"width:9%\">{}</th><th>{}</th></tr></thead><tbody>",
            t("report-criteria"),
            t("report-criterion"),
            t("report-points"),
            t("report-feedback")
        ));
        let mut criteria = row.criteria.clone();
        criteria.sort_by_key(|c| (!c.critical, c.met));
        for c in &criteria {
            b.push_str(&format!(
                "<tr{}><td>{}{}</td><td class=\"num\">{} / {}</td><td>{} {}</td></tr>",
                if c.critical && !c.met {
                    " class=\"crit\""
                } else {
                    ""
                },
                x(&c.title.render(lang)),
                if c.critical {
                    format!(" <span class=\"small\">({})</span>", t("report-critical"))
                } else {
                    String::new()
                },
                lang.num(c.points, 1),
                lang.num(c.max_points, 0),
                if c.met {
                    "<span class=\"ok\">✔</span>"
                } else {
                    "<span class=\"ko\">✘</span>"
                },
                x(&c.feedback.render(lang)),
            ));
        }
        b.push_str("</tbody></table>");
        // A job's defects, as an auditor files them against the connection: by code
        // (an audit's own tickets are its criterion's).
        if ex.state.job().is_some_and(|j| j.audit_stage().is_none()) {
            b.push_str(&defects_table(&row.criteria, lang));
        }
        // The OTDR trace, as the trainee last took it.
        let trace = trace_svg(ex, lang);
        if let Some(svg) = &trace {
            b.push_str(&format!("<h2>{}</h2>{svg}", t("report-trace")));
        }
        // The moments of the log: each gesture, when, and what the bench said of it.
        let mut replay = Exercise::generate(s, ex.seed).with_time_limit(ex.time_limit_ms);
        let lines: Vec<LogLine> = ex
            .log
            .iter()
            .map(|l| {
                let (said, refused) = match replay.apply(l.at_ms, l.action.clone()) {
                    Ok(o) => (
                        o.msgs
                            .iter()
                            .map(|m| m.render(lang))
                            .collect::<Vec<_>>()
                            .join(" "),
                        false,
                    ),
                    Err(r) => (r.reason.render(lang), true),
                };
                LogLine {
                    at_ms: l.at_ms,
                    gesture: l.action.name().render(lang),
                    said,
                    refused,
                }
            })
            .collect();
        let log_head = format!(
            "<table class=\"log\"><thead><tr><th class=\"num\" style=\"width:7%\">{}</th><th style=\"width:21%\">{}</th><th>{}</th></tr></thead><tbody>",
            t("report-time"),
            t("report-gesture"),
            t("report-bench-said")
        );
        let log_rows = |shown: &mut dyn Iterator<Item = &LogLine>| -> String {
            let mut out = String::new();
            for l in shown {
                let secs = l.at_ms / 1000;
                out.push_str(&format!(
                    "<tr{}><td class=\"num\">{}:{:02}</td><td>{}</td><td>{}{}</td></tr>",
                    if l.refused { " class=\"refused\"" } else { "" },
                    secs / 60,
                    secs % 60,
                    x(&l.gesture),
                    if l.refused {
                        format!("<span class=\"ko\">{}</span> ", t("report-refused"))
                    } else {
                        String::new()
                    },
                    x(&l.said)
                ));
            }
            out
        };
        // What the criteria (and the trace) take of the first page decides how much of
        // the log it has room for: the whole log, its key moments, or its summary only.
        let criteria_mm: f64 = row
            .criteria
            .iter()
            .map(|c| {
                let title = c
                    .title
                    .render(lang)
                    .chars()
                    .count()
                    .div_ceil(REPORT_TITLE_CHARS);
                let said = c
                    .feedback
                    .render(lang)
                    .chars()
                    .count()
                    .div_ceil(REPORT_FEEDBACK_CHARS);
                REPORT_ROW_MM + REPORT_LINE_MM * title.max(said).max(1) as f64
            })
            .sum();
        let trace_mm = if trace.is_some() {
            REPORT_TRACE_MM
        } else {
            0.0
        };
        let room_mm = REPORT_ROOM_MM - trace_mm - criteria_mm;
        let fits = |rows: usize| rows as f64 * REPORT_LOG_ROW_MM <= room_mm;
        let in_annex = lines.len() > REPORT_LOG_INLINE_MAX || !fits(lines.len());
        let moments = (0..=REPORT_LOG_KEY_MOMENTS)
            .rev()
            .find(|&n| n == 0 || fits(n + REPORT_SUMMARY_ROWS))
            .unwrap_or(0);
        b.push_str(&format!("<h2>{}</h2>", t("report-log")));
        if in_annex {
            let refused = lines.iter().filter(|l| l.refused).count();
            b.push_str(&format!(
                "<p>{}</p>",
                x(&Msg::new("report-log-summary")
                    .int("n", lines.len() as u32)
                    .text("duration", fmt_duration(row.duration_s.unwrap_or(0.0)))
                    .int("refused", refused as u32)
                    .int("shown", moments.min(lines.len()) as u32)
                    .render(lang))
            ));
            if moments > 0 {
                b.push_str(&log_head);
                b.push_str(&log_rows(&mut key_moments(&lines, moments).into_iter()));
                b.push_str("</tbody></table>");
            }
        } else {
            b.push_str(&log_head);
            b.push_str(&log_rows(&mut lines.iter()));
            b.push_str("</tbody></table>");
        }
        // The trainer's decision, beside the grade.
        b.push_str(&format!(
            "<div class=\"keep\"><h2>{}</h2>",
            t("report-decision")
        ));
        match self.reviews_of(attempt)?.last() {
            Some(r) => b.push_str(&format!(
                "<p><b>{}</b> — {} <span class=\"small\">({})</span></p>",
                t(&format!("decision-{}", r.decision.code().replace('_', "-"))),
                x(r.comment.as_deref().unwrap_or("")),
                x(&time::date_time(lang, r.at_ms))
            )),
            None => b.push_str(&format!("<p>{}</p>", t("report-no-decision"))),
        }
        b.push_str(&format!(
            "<div class=\"sign\"><div>{}</div><div>{}</div></div>",
            t("report-sign-trainer"),
            t("report-sign-trainee")
        ));
        b.push_str(&format!(
            "<footer>{} {} — {}</footer></div>",
            t("report-code"),
            code_span(code.as_deref().unwrap_or("—")),
            t("report-code-how")
        ));
        if in_annex {
            b.push_str(&format!(
                "<section class=\"annex\"><h2>{}</h2>",
                x(&Msg::new("report-annex-log")
                    .text("name", row.name.clone())
                    .render(lang))
            ));
            b.push_str(&log_head);
            b.push_str(&log_rows(&mut lines.iter()));
            b.push_str("</tbody></table></section>");
        }
        let running = Running {
            who: row.name.clone(),
            code,
        };
        Ok(document(
            lang,
            &tr(lang, "report-title"),
            &running,
            RELEVE_CSS,
            &b,
        ))
    }

    /// The synthèse de promo of an assessment: the gradebook, each criterion's failure
    /// rate, who has not passed or not tried.
    pub fn cohort_report(&self, a: &super::assess::Assessment, lang: Lang) -> Result<String> {
        let t = |k: &str| text(lang, &tr(lang, k));
        let x = |v: &str| text(lang, v);
        let book = self.gradebook(a)?;
        let now = self.now();
        // Each exercise by its title (the one pinned for the assessment, else the one its
        // attempts played), its id only when neither reads.
        let titles: Vec<(String, String)> = book
            .scenarios
            .iter()
            .enumerate()
            .map(|(i, id)| {
                let pinned = self.pinned(a.id, i as u32).ok().flatten();
                let played = || -> Option<String> {
                    let src: String = self
                        .conn
                        .query_row(
                            "SELECT scenario_source FROM attempts WHERE scenario_id = ?1
                             ORDER BY id DESC LIMIT 1",
                            [id],
                            |r| r.get(0),
                        )
                        .ok()?;
                    crate::scenario::load::load_str(&src, "scenario")
                        .ok()
                        .map(|l| l.scenario.title.get(lang).to_string())
                };
                let title = pinned
                    .map(|l| l.scenario.title.get(lang).to_string())
                    .or_else(played)
                    .unwrap_or_else(|| id.clone());
                (id.clone(), title)
            })
            .collect();
        let title_of = |id: &str| -> String {
            titles
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, t)| t.clone())
                .unwrap_or_else(|| id.to_string())
        };
        let school = self.school_name()?;
        let mut b = String::new();
        if !school.is_empty() {
            b.push_str(&format!("<div>{}</div>", x(&school)));
        }
        b.push_str(&format!(
            "<h1>{}</h1><table class=\"meta\"><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr></table>",
            t("report-cohort-title"),
            t("report-assessment"),
            x(&a.title),
            t("report-cohort"),
            x(&a.cohort),
            t("report-date"),
            x(&time::date_time(lang, now)),
        ));
        b.push_str(&format!(
            "<h2>{}</h2><table><thead><tr><th>{}</th>",
            t("report-gradebook"),
            t("report-trainee")
        ));
        for (_, title) in &titles {
            b.push_str(&format!("<th>{}</th>", x(title)));
        }
        b.push_str("</tr></thead><tbody>");
        let mut missing = Vec::new();
        for r in &book.rows {
            let name = r.name.clone().unwrap_or_else(|| r.trainee_uuid.clone());
            b.push_str(&format!("<tr><td>{}</td>", x(&name)));
            for (cell, score, n) in &r.cells {
                b.push_str(&format!(
                    "<td class=\"cell-{}\">{}{}</td>",
                    cell.code(),
                    x(&cell.name().render(lang)),
                    score
                        .map(|s| format!(" {} <span class=\"small\">({n})</span>", lang.num(s, 1)))
                        .unwrap_or_default()
                ));
            }
            b.push_str("</tr>");
            if r.cells.iter().any(|(c, _, _)| *c != Cell::Passed) {
                missing.push(name);
            }
        }
        b.push_str("</tbody></table>");
        let stats = self.criterion_stats(&Filter {
            assessment: Some(a.clone()),
            assessed_only: true,
            ..Filter::default()
        })?;
        if !stats.iter().any(|st| st.failed > 0) {
            // No table without a row: what there is to say instead.
            b.push_str(&format!(
                "<h2>{}</h2><p>{}</p>",
                t("report-criteria-failed"),
                t(if stats.is_empty() {
                    "report-no-attempt-yet"
                } else {
                    "report-no-criterion-failed"
                })
            ));
        } else {
            b.push_str(&format!(
            "<h2>{}</h2><table class=\"crit-stats\"><thead><tr><th class=\"scn\">{}</th><th class=\"crit-title\">{}</th><th class=\"num pct\" colspan=\"2\">{}</th><th>{}</th></tr></thead><tbody>",
            t("report-criteria-failed"),
            t("report-scenario"),
            t("report-criterion"),
            t("report-failed-share"),
            t("report-most-common")
        ));
            // The criteria failed at least once: one met by every attempt teaches nothing here.
            for st in stats.iter().filter(|st| st.failed > 0) {
                let pct = 100.0 * st.failure_rate();
                b.push_str(&format!(
                "<tr><td>{}</td><td>{}{}</td><td class=\"num\">{} ({}/{})</td><td><div class=\"bar\" style=\"width:{:.0}%\"></div></td><td>{}</td></tr>",
                x(&title_of(&st.scenario_id)),
                x(&st.title.render(lang)),
                if st.critical {
                    format!(" <span class=\"small\">({})</span>", t("report-critical"))
                } else {
                    String::new()
                },
                x(&format!("{} %", lang.num(pct, 0))),
                st.failed,
                st.attempts,
                pct,
                x(&st.most_common.as_ref().map(|(m, n)| format!("{} ×{n}", m.render(lang))).unwrap_or_default())
            ));
            }
            b.push_str("</tbody></table>");
        }
        b.push_str(&format!(
            "<h2>{}</h2><p>{}</p>",
            t("report-not-passed"),
            x(&if missing.is_empty() {
                "—".into()
            } else {
                missing.join(", ")
            })
        ));
        b.push_str(&format!(
            "<footer>{} {}</footer>",
            t("export-legend-generated"),
            x(&time::date_time(lang, now))
        ));
        let running = Running {
            who: format!("{} — {}", a.title, a.cohort),
            code: None,
        };
        Ok(document(
            lang,
            &tr(lang, "report-cohort-title"),
            &running,
            SYNTHESE_CSS,
            &b,
        ))
    }
}

/// The last OTDR trace of an attempt as an SVG picture (levels against distance).
fn trace_svg(ex: &Exercise, lang: Lang) -> Option<String> {
    let o = ex.state.otdr()?;
    let i = o.acquisitions.len().checked_sub(1)?;
    let trace = o.trace(ex.seed, i)?;
    if trace.levels_db.len() < 2 {
        return None;
    }
    let (w, h) = (680.0, 100.0);
    let pyramid = MinMaxPyramid::new(&trace.levels_db);
    let cols = pyramid.columns(0, trace.levels_db.len(), 680);
    let finite: Vec<f64> = trace
        .levels_db
        .iter()
        .copied()
        .filter(|v| v.is_finite())
        .collect();
    let top = finite.iter().copied().fold(f64::MIN, f64::max);
    let bottom = finite
        .iter()
        .copied()
        .fold(f64::MAX, f64::min)
        .max(top - 40.0);
    let span = (top - bottom).max(1.0);
    let n = trace.levels_db.len() as f64;
    let pts: Vec<String> = cols
        .iter()
        .map(|[x, y]| {
            let px = x / n * w;
            let py = (top - y.clamp(bottom, top)) / span * (h - 10.0) + 5.0;
            format!("{px:.1},{py:.1}")
        })
        .collect();
    let km = n * trace.dx_m / 1000.0;
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{w}\" height=\"{}\" viewBox=\"0 0 {w} {}\">\
         <rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#fbfbfb\" stroke=\"#bbb\"/>\
         <polyline fill=\"none\" stroke=\"#1a4f9c\" stroke-width=\"0.8\" points=\"{}\"/>\
         <text x=\"4\" y=\"{}\" font-size=\"9\">0 km</text><text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"end\">{} km · {} nm · {} ns</text>\
         <text x=\"4\" y=\"12\" font-size=\"9\">{} dB</text></svg>",
        h + 14.0,
        h + 14.0,
        pts.join(" "),
        h + 11.0,
        w - 4.0,
        h + 11.0,
        lang.num(km, 2),
        lang.num(trace.settings.wavelength_nm, 0),
        lang.num(trace.settings.pulse_ns, 0),
        lang.num(top, 1),
    ))
}

/// The relevé's list of a job's defects by code (Interop'Fibre's fault and location
/// codes, their labels verbatim), each with its severity and the criterion that found
/// it; a line saying none was found where none was.
fn defects_table(criteria: &[super::results::CriterionRow], lang: Lang) -> String {
    let t = |k: &str| text(lang, &tr(lang, k));
    let mut found: Vec<&super::results::CriterionRow> =
        criteria.iter().filter(|c| c.defect.is_some()).collect();
    found.sort_by(|a, b| {
        let key = |c: &super::results::CriterionRow| c.defect.as_ref().map(|d| d.fault.clone());
        key(a).cmp(&key(b))
    });
    let mut b = format!("<h2>{}</h2>", t("report-defects"));
    if found.is_empty() {
        b.push_str(&format!("<p>{}</p>", t("report-defects-none")));
        return b;
    }
    b.push_str(&format!(
        "<table><thead><tr><th style=\"width:7%\">{}</th><th>{}</th><th style=\"width:22%\">{}</th><th style=\"width:10%\">{}</th><th style=\"width:24%\">{}</th></tr></thead><tbody>",
        t("report-defect-code"),
        t("report-defect-label"),
        t("report-defect-location"),
        t("report-defect-severity"),
        t("report-criterion"),
    ));
    for c in found {
        let Some(d) = &c.defect else { continue };
        let label = d.fault().map(|f| f.label).unwrap_or_default();
        let place = d.location().map(|l| l.value).unwrap_or_default();
        let severity = d
            .fault()
            .map(|f| f.severity.name().render(lang))
            .unwrap_or_default();
        b.push_str(&format!(
            "<tr><td><b>{}</b></td><td>{}</td><td>{} {}</td><td>{}</td><td>{}</td></tr>",
            esc(&d.fault),
            esc(label),
            esc(&d.location),
            esc(place),
            text(lang, &severity),
            text(lang, &c.title.render(lang)),
        ));
    }
    b.push_str(&format!(
        "</tbody></table><p class=\"small\">{}</p>",
        t("report-defects-source")
    ));
    b
}
