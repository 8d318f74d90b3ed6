//! The attestation of an attempt, from a template the school edits: its variables
//! (`{{ name }}`…), its conditions (`{{ if cohort }}…{{ else }}…{{ end }}`) and the
//! shared print rules (A4, the name, the code and the page number on every page).

use super::RecordsError;
use super::print::{Running, esc};
use super::results::{Filter, ResultRow};
use super::{Db, Status};
use crate::i18n::time;
use crate::i18n::{Lang, Msg, tr};

impl Db {
    /// The attestation of an attempt from the school's template: `{{ name }}` and the
    /// other variables of [`ATTESTATION_VARIABLES`] replaced by their values (made safe
    /// for HTML, with French typography in French), `{{ if cohort }}…{{ else }}…{{ end }}`
    /// kept or left out (see [`fill`]). Unknown variables are said, not left in the page.
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
        let assessed = assessment.is_some();
        let reviews = self.reviews_of(attempt).map_err(|e| e.msg())?;
        let decision = reviews
            .last()
            .map(|r| {
                tr(
                    lang,
                    &format!("decision-{}", r.decision.code().replace('_', "-")),
                )
            })
            .unwrap_or_else(|| tr(lang, "report-no-decision"));
        let code = self
            .code_of(attempt)
            .map_err(|e| e.msg())?
            .unwrap_or_default();
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
            ("date", time::date(lang, row.started_at_ms)),
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
            ("code", code.clone()),
        ]
        .into_iter()
        .map(|(k, v)| (k, crate::i18n::typo::for_lang(lang, &v)))
        .collect();
        let running = Running {
            who: row.name.clone(),
            code: Some(code).filter(|c| !c.is_empty()),
        };
        let raw = [(
            "print_style",
            format!(
                "<style>{}</style>",
                super::print::page_rules(lang, &running)
            ),
        )];
        // What a condition asks: a variable with a value, except `assessment`, which
        // always has one (free practice is said in words) and asks whether the attempt
        // was sat in an assessment; `decision` asks whether a trainer decided.
        // `elided`: the name begins with a vowel, so French writes « qu’Aïssatou ».
        let elided = row
            .name
            .chars()
            .next()
            .is_some_and(|c| "aeiouàâäéèêëîïôöùûüAEIOUÀÂÄÉÈÊËÎÏÔÖÙÛÜ".contains(c));
        let truth = [
            ("assessment", assessed),
            ("decision", !reviews.is_empty()),
            ("elided", elided),
        ];
        fill_template(template, &values, &raw, &truth)
    }
}

/// The variables an attestation template may use. `print_style` is the shared print
/// rules (A4, the name and code on every page, page numbers) as a `<style>` element,
/// for the template's `<head>`.
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
    "print_style",
];

/// Replaces each `{{ var }}` of a template by its value, escaped for HTML.
pub fn fill(template: &str, values: &[(&str, String)]) -> std::result::Result<String, Msg> {
    fill_template(template, values, &[], &[])
}

/// [`fill`], with `raw` variables put in as they are (HTML made by FibreLab) and
/// conditions: `{{ if var }}…{{ else }}…{{ end }}` keeps its first part when `var`
/// holds (its entry in `truth`, else whether it has a value), its `else` part (which
/// may be left out) otherwise. Conditions may be nested. HTML comments are copied as
/// they are.
pub fn fill_template(
    template: &str,
    values: &[(&str, String)],
    raw: &[(&str, String)],
    truth: &[(&str, bool)],
) -> std::result::Result<String, Msg> {
    let mut out = String::with_capacity(template.len());
    // For each open `if`: whether its current part is kept, and whether `else` was seen.
    let mut open: Vec<(bool, bool, bool)> = Vec::new();
    let kept = |open: &[(bool, bool, bool)]| open.iter().all(|(k, _, _)| *k);
    let mut rest = template;
    while let Some(i) = rest.find("{{") {
        // A comment is copied as it is: it may show the template's own syntax.
        if let Some(c) = rest[..i].find("<!--") {
            let end = rest[c..].find("-->").map_or(rest.len(), |e| c + e + 3);
            if kept(&open) {
                out.push_str(&rest[..end]);
            }
            rest = &rest[end..];
            continue;
        }
        if kept(&open) {
            out.push_str(&rest[..i]);
        }
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else {
            return Err(Msg::new("template-unclosed"));
        };
        let tag = after[..j].trim();
        let unknown = |name: &str| {
            Msg::new("template-unknown")
                .text("name", name)
                .text("known", ATTESTATION_VARIABLES.join(", "))
        };
        let mut words = tag.split_whitespace();
        match (words.next(), words.next(), words.next()) {
            (Some("if"), Some(name), None) => {
                let holds = match truth.iter().find(|(k, _)| *k == name) {
                    Some((_, b)) => *b,
                    None => match values.iter().find(|(k, _)| *k == name) {
                        Some((_, v)) => !v.trim().is_empty(),
                        None => return Err(unknown(name)),
                    },
                };
                open.push((holds, false, holds));
            }
            (Some("else"), None, None) => match open.last_mut() {
                Some(top) if !top.1 => {
                    top.0 = !top.2;
                    top.1 = true;
                }
                Some(_) | None => return Err(Msg::new("template-unbalanced").text("tag", "else")),
            },
            (Some("end"), None, None) => {
                if open.pop().is_none() {
                    return Err(Msg::new("template-unbalanced").text("tag", "end"));
                }
            }
            _ => {
                let text = match values.iter().find(|(k, _)| *k == tag) {
                    Some((_, v)) => esc(v),
                    None => match raw.iter().find(|(k, _)| *k == tag) {
                        Some((_, v)) => v.clone(),
                        None => return Err(unknown(tag)),
                    },
                };
                if kept(&open) {
                    out.push_str(&text);
                }
            }
        }
        rest = &after[j + 2..];
    }
    if !open.is_empty() {
        return Err(Msg::new("template-unbalanced").text("tag", "if"));
    }
    out.push_str(rest);
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_template_keeps_the_part_its_condition_asks_for_and_says_an_unbalanced_one() {
        let values = [("cohort", String::new()), ("name", "Noé & Cie".to_string())];
        let truth = [("assessment", true)];
        let raw = [("print_style", "<style>x</style>".to_string())];
        let f = |t: &str| fill_template(t, &values, &raw, &truth);
        assert_eq!(
            f("{{ print_style }}<b>{{ name }}</b>{{ if cohort }}, de {{ cohort }},{{ end }} a fait").unwrap(),
            "<style>x</style><b>Noé &amp; Cie</b> a fait"
        );
        assert_eq!(
            f("{{ if assessment }}éval{{ if cohort }} promo{{ else }} seul{{ end }}{{ else }}libre{{ end }}").unwrap(),
            "éval seul"
        );
        // A comment may show the syntax; it is copied as it is.
        assert_eq!(
            f("<!-- {{ if x }} -->{{ name }}").unwrap(),
            "<!-- {{ if x }} -->Noé &amp; Cie"
        );
        for bad in [
            "{{ if cohort }}a",
            "a{{ end }}",
            "{{ if cohort }}{{ else }}{{ else }}{{ end }}",
        ] {
            assert_eq!(f(bad).unwrap_err().key, "template-unbalanced", "{bad}");
        }
        assert_eq!(
            f("{{ if nom }}{{ end }}").unwrap_err().key,
            "template-unknown"
        );
    }
}
