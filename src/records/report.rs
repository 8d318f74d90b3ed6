//! Printable documents for the school: the *relevé d'évaluation* of one attempt (the
//! criteria, the feedback, the moments of the log, the OTDR trace as a picture, the
//! trainer's decision, signature lines, a verification code), the *synthèse de promo* of
//! an assessment, and the attestation from a template the school edits.
//!
//! HTML with an A4 print style: the school prints it or saves it as PDF from any
//! browser. Names appear here, since the school prints them; everything else it
//! exports is pseudonymous.

use rusqlite::OptionalExtension;

use super::results::{Cell, Filter, ResultRow};
use super::school::format_moment;
use super::seal::sha256;
use super::{Db, RecordsError, Result, Status};
use crate::exercise::Exercise;
use crate::i18n::{Lang, Msg, tr};
use crate::plot::MinMaxPyramid;

/// Text made safe for HTML.
pub fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

const STYLE: &str = "
@page { size: A4; margin: 14mm 14mm 16mm 14mm; }
body { font-family: 'DejaVu Sans', Arial, sans-serif; font-size: 9.5pt; color: #111; margin: 0; }
h1 { font-size: 15pt; margin: 0 0 2mm 0; }
h2 { font-size: 11pt; margin: 4mm 0 1.5mm 0; border-bottom: 1px solid #999; }
table { border-collapse: collapse; width: 100%; }
td, th { border: 1px solid #bbb; padding: 1mm 1.5mm; vertical-align: top; text-align: left; overflow-wrap: anywhere; }
th { background: #eee; }
table.meta td { border: none; padding: 0.4mm 1.5mm; }
table.meta td:first-child { color: #555; width: 32%; }
.ok { color: #0a6b2a; font-weight: bold; }
.ko { color: #a30000; font-weight: bold; }
.crit { background: #fde8e8; }
.log td { font-size: 8pt; padding: 0.4mm 1.2mm; }
.num { text-align: right; white-space: nowrap; }
.sign { display: flex; gap: 10mm; margin-top: 6mm; }
.sign div { flex: 1; border-top: 1px solid #333; padding-top: 1mm; height: 18mm; }
.code { font-family: 'DejaVu Sans Mono', monospace; font-size: 11pt; letter-spacing: 0.5pt; }
.cell-passed { background: #d8f3df; } .cell-failed { background: #ffe3c2; }
.cell-critical { background: #f8c9c9; } .cell-in_progress { background: #dfe9ff; }
.cell-not_done { background: #f2f2f2; color: #777; }
.bar { background: #c0392b; height: 3mm; }
footer { margin-top: 4mm; font-size: 7.5pt; color: #555; }
";

fn page(lang: Lang, title: &str, body: &str) -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"{}\"><head><meta charset=\"utf-8\"><title>{}</title><style>{STYLE}</style></head><body>{body}</body></html>\n",
        match lang {
            Lang::Fr => "fr",
            Lang::En => "en",
        },
        esc(title)
    )
}

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
                rusqlite::params![attempt, compact_code(&code)],
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
        let kept = super::school::has_column(&self.conn, "attempts", "code")?;
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

    fn school_name(&self) -> Result<String> {
        Ok(super::school::get_setting(&self.conn, "school.name")?.unwrap_or_default())
    }

    /// The relevé d'évaluation of one attempt, as a page to print.
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
        let t = |k: &str| esc(&tr(lang, k));
        let mut b = String::new();
        let school = self.school_name()?;
        if !school.is_empty() {
            b.push_str(&format!("<div>{}</div>", esc(&school)));
        }
        b.push_str(&format!("<h1>{}</h1>", t("report-title")));
        let verdict = match row.passed {
            Some(true) => format!("<span class=\"ok\">{}</span>", t("cli-passed")),
            Some(false) => format!("<span class=\"ko\">{}</span>", t("cli-failed")),
            None => "—".into(),
        };
        let meta: Vec<(String, String)> = vec![
            (t("report-trainee"), esc(&row.name)),
            (
                t("report-cohort"),
                esc(&title_row
                    .as_ref()
                    .map(|x| x.1.clone())
                    .or(row.cohort.clone())
                    .unwrap_or_else(|| "—".into())),
            ),
            (
                t("report-assessment"),
                esc(&title_row
                    .as_ref()
                    .map(|x| x.0.clone())
                    .unwrap_or_else(|| tr(lang, "report-free-practice"))),
            ),
            (
                t("report-scenario"),
                format!(
                    "{} <small>({}, {} {})</small>",
                    esc(s.title.get(lang)),
                    esc(&s.id),
                    t("report-version"),
                    esc(&row.scenario_hash.chars().take(8).collect::<String>())
                ),
            ),
            (t("report-date"), esc(&format_moment(row.started_at_ms))),
            (
                t("report-duration"),
                format!(
                    "{}{}",
                    esc(&fmt_duration(row.duration_s.unwrap_or(0.0))),
                    row.time_limit_s
                        .map(|l| format!(" / {} {}", l / 60, t("report-minutes-allowed")))
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
        b.push_str("<table class=\"meta\">");
        for (k, v) in &meta {
            b.push_str(&format!("<tr><td>{k}</td><td>{v}</td></tr>"));
        }
        if row.ended_by.as_deref() == Some("time-limit") {
            b.push_str(&format!(
                "<tr><td></td><td class=\"ko\">{}</td></tr>",
                t("report-ended-by-time")
            ));
        }
        b.push_str("</table>");
        // Criteria: the critical ones first.
        b.push_str(&format!(
            "<h2>{}</h2><table><tr><th>{}</th><th class=\"num\">{}</th><th>{}</th></tr>",
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
                esc(&c.title.render(lang)),
                if c.critical {
                    format!(" <small>({})</small>", t("report-critical"))
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
                esc(&c.feedback.render(lang)),
            ));
        }
        b.push_str("</table>");
        // The OTDR trace, as the trainee last took it.
        if let Some(svg) = trace_svg(ex) {
            b.push_str(&format!("<h2>{}</h2>{svg}", t("report-trace")));
        }
        // The moments of the log: each gesture, when, and what the bench said of it.
        b.push_str(&format!("<h2>{}</h2><table class=\"log\"><tr><th class=\"num\">{}</th><th>{}</th><th>{}</th></tr>", t("report-log"), t("report-time"), t("report-gesture"), t("report-bench-said")));
        let mut replay = Exercise::generate(s, ex.seed).with_time_limit(ex.time_limit_ms);
        for l in &ex.log {
            let said = match replay.apply(l.at_ms, l.action.clone()) {
                Ok(o) => o
                    .msgs
                    .iter()
                    .map(|m| m.render(lang))
                    .collect::<Vec<_>>()
                    .join(" "),
                Err(r) => r.reason.render(lang),
            };
            let secs = l.at_ms / 1000;
            b.push_str(&format!(
                "<tr><td class=\"num\">{}:{:02}</td><td>{}</td><td>{}</td></tr>",
                secs / 60,
                secs % 60,
                esc(&l.action.name().render(lang)),
                esc(&said)
            ));
        }
        b.push_str("</table>");
        // The trainer's decision, beside the grade.
        b.push_str(&format!("<h2>{}</h2>", t("report-decision")));
        match self.reviews_of(attempt)?.last() {
            Some(r) => b.push_str(&format!(
                "<p><b>{}</b> — {} <small>({})</small></p>",
                esc(&tr(
                    lang,
                    &format!("decision-{}", r.decision.code().replace('_', "-"))
                )),
                esc(r.comment.as_deref().unwrap_or("")),
                esc(&format_moment(r.at_ms))
            )),
            None => b.push_str(&format!("<p>{}</p>", t("report-no-decision"))),
        }
        b.push_str(&format!(
            "<div class=\"sign\"><div>{}</div><div>{}</div></div>",
            t("report-sign-trainer"),
            t("report-sign-trainee")
        ));
        let code = self.code_of(attempt)?.unwrap_or_else(|| "—".into());
        b.push_str(&format!(
            "<footer>{} <span class=\"code\">{}</span> — {}</footer>",
            t("report-code"),
            esc(&code),
            t("report-code-how")
        ));
        Ok(page(lang, &tr(lang, "report-title"), &b))
    }

    /// The synthèse de promo of an assessment: the gradebook, each criterion's failure
    /// rate, who has not passed or not tried.
    pub fn cohort_report(&self, a: &super::assess::Assessment, lang: Lang) -> Result<String> {
        let t = |k: &str| esc(&tr(lang, k));
        let book = self.gradebook(a)?;
        let mut b = format!(
            "<h1>{}</h1><table class=\"meta\"><tr><td>{}</td><td>{}</td></tr><tr><td>{}</td><td>{}</td></tr></table>",
            t("report-cohort-title"),
            t("report-assessment"),
            esc(&a.title),
            t("report-cohort"),
            esc(&a.cohort)
        );
        b.push_str(&format!(
            "<h2>{}</h2><table><tr><th>{}</th>",
            t("report-gradebook"),
            t("report-trainee")
        ));
        for s in &book.scenarios {
            b.push_str(&format!("<th>{}</th>", esc(s)));
        }
        b.push_str("</tr>");
        let mut missing = Vec::new();
        for r in &book.rows {
            let name = r.name.clone().unwrap_or_else(|| r.trainee_uuid.clone());
            b.push_str(&format!("<tr><td>{}</td>", esc(&name)));
            for (cell, score, n) in &r.cells {
                b.push_str(&format!(
                    "<td class=\"cell-{}\">{}{}</td>",
                    cell.code(),
                    esc(&cell.name().render(lang)),
                    score
                        .map(|s| format!(" {} <small>({n})</small>", lang.num(s, 1)))
                        .unwrap_or_default()
                ));
            }
            b.push_str("</tr>");
            if r.cells.iter().any(|(c, _, _)| *c != Cell::Passed) {
                missing.push(name);
            }
        }
        b.push_str("</table>");
        let stats = self.criterion_stats(&Filter {
            assessment: Some(a.clone()),
            assessed_only: true,
            ..Filter::default()
        })?;
        b.push_str(&format!("<h2>{}</h2><table><tr><th>{}</th><th>{}</th><th class=\"num\">%</th><th style=\"width:30%\"></th><th>{}</th></tr>", t("report-criteria-failed"), t("report-scenario"), t("report-criterion"), t("report-most-common")));
        // The criteria failed at least once: one met by every attempt teaches nothing here.
        for st in stats.iter().filter(|st| st.failed > 0) {
            let pct = 100.0 * st.failure_rate();
            b.push_str(&format!(
                "<tr><td>{}</td><td>{}{}</td><td class=\"num\">{} ({}/{})</td><td><div class=\"bar\" style=\"width:{:.0}%\"></div></td><td>{}</td></tr>",
                esc(&st.scenario_id),
                esc(&st.title.render(lang)),
                if st.critical { " !" } else { "" },
                lang.num(pct, 0),
                st.failed,
                st.attempts,
                pct,
                esc(&st.most_common.as_ref().map(|(m, n)| format!("{} ×{n}", m.render(lang))).unwrap_or_default())
            ));
        }
        b.push_str("</table>");
        b.push_str(&format!(
            "<h2>{}</h2><p>{}</p>",
            t("report-not-passed"),
            esc(&if missing.is_empty() {
                "—".into()
            } else {
                missing.join(", ")
            })
        ));
        b.push_str(&format!(
            "<footer>{} {}</footer>",
            t("export-legend-generated"),
            esc(&format_moment(self.now()))
        ));
        Ok(page(lang, &tr(lang, "report-cohort-title"), &b))
    }

    /// The attestation of an attempt from the school's template: `{{ name }}` and the
    /// other variables of [`ATTESTATION_VARIABLES`] replaced by their values (made safe
    /// for HTML). Unknown variables are said, not left in the page.
    pub fn attestation(
        &self,
        attempt: i64,
        template: &str,
        lang: Lang,
    ) -> std::result::Result<String, Msg> {
        let row: ResultRow = self
            .results(&Filter::default())
            .map_err(|e| e.msg())?
            .into_iter()
            .find(|r| r.attempt == attempt)
            .ok_or_else(|| RecordsError::NotFound(attempt).msg())?;
        if row.status != Status::Finished {
            return Err(RecordsError::NotFinished(attempt).msg());
        }
        let (_, loaded) = self.scenario_of(attempt).map_err(|e| e.msg())?;
        let assessment: Option<String> = self
            .conn
            .query_row(
                "SELECT s.title FROM attempts a JOIN assignments g ON g.id = a.assignment_id
                 JOIN assessments s ON s.id = g.assessment_id WHERE a.id = ?1",
                [attempt],
                |r| r.get(0),
            )
            .ok();
        let decision = self
            .reviews_of(attempt)
            .map_err(|e| e.msg())?
            .last()
            .map(|r| {
                tr(
                    lang,
                    &format!("decision-{}", r.decision.code().replace('_', "-")),
                )
            })
            .unwrap_or_else(|| tr(lang, "report-no-decision"));
        let values: Vec<(&str, String)> = vec![
            ("school", self.school_name().map_err(|e| e.msg())?),
            ("name", row.name.clone()),
            ("pseudonym", row.trainee_uuid.clone().unwrap_or_default()),
            ("cohort", row.cohort.clone().unwrap_or_default()),
            (
                "assessment",
                assessment.unwrap_or_else(|| tr(lang, "report-free-practice")),
            ),
            ("scenario", loaded.scenario.title.get(lang).to_string()),
            ("scenario_id", row.scenario_id.clone()),
            ("date", format_moment(row.started_at_ms)[..10].to_string()),
            ("score", lang.num(row.score.unwrap_or(0.0), 1)),
            ("pass_mark", lang.num(row.pass_mark.unwrap_or(0.0), 0)),
            (
                "verdict",
                tr(
                    lang,
                    if row.passed == Some(true) {
                        "cli-passed"
                    } else {
                        "cli-failed"
                    },
                ),
            ),
            ("decision", decision),
            (
                "code",
                self.code_of(attempt)
                    .map_err(|e| e.msg())?
                    .unwrap_or_default(),
            ),
        ];
        fill(template, &values)
    }
}

/// The variables an attestation template may use.
pub const ATTESTATION_VARIABLES: &[&str] = &[
    "school",
    "name",
    "pseudonym",
    "cohort",
    "assessment",
    "scenario",
    "scenario_id",
    "date",
    "score",
    "pass_mark",
    "verdict",
    "decision",
    "code",
];

/// Replaces each `{{ var }}` of a template by its value, escaped for HTML.
pub fn fill(template: &str, values: &[(&str, String)]) -> std::result::Result<String, Msg> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        out.push_str(&rest[..i]);
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return Err(Msg::new("template-unclosed"));
        };
        let name = after[..j].trim();
        match values.iter().find(|(k, _)| *k == name) {
            Some((_, v)) => out.push_str(&esc(v)),
            None => {
                return Err(Msg::new("template-unknown")
                    .text("name", name)
                    .text("known", ATTESTATION_VARIABLES.join(", ")));
            }
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The last OTDR trace of an attempt as an SVG picture (levels against distance).
fn trace_svg(ex: &Exercise) -> Option<String> {
    let o = ex.state.otdr()?;
    let i = o.acquisitions.len().checked_sub(1)?;
    let trace = o.trace(ex.seed, i)?;
    if trace.levels_db.len() < 2 {
        return None;
    }
    let (w, h) = (680.0, 170.0);
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
         <text x=\"4\" y=\"{}\" font-size=\"9\">0 km</text><text x=\"{}\" y=\"{}\" font-size=\"9\" text-anchor=\"end\">{km:.2} km · {} nm · {} ns</text>\
         <text x=\"4\" y=\"12\" font-size=\"9\">{top:.1} dB</text></svg>",
        h + 14.0,
        h + 14.0,
        pts.join(" "),
        h + 11.0,
        w - 4.0,
        h + 11.0,
        trace.settings.wavelength_nm,
        trace.settings.pulse_ns,
    ))
}
