//! `attempts` and `verify`: the attempts stored, and the store's seals and codes checked.

use std::path::PathBuf;
use std::process::ExitCode;

use crate::i18n::{Lang, Msg, printable};
use crate::records::Status;
use crate::scenario::load::default_scenarios_dir;

use super::*;

pub(super) fn attempts(lang: Lang, db: Option<PathBuf>, open: bool) -> ExitCode {
    let db = match access::reader_db(lang, db) {
        Ok(db) => db,
        Err(code) => return code,
    };
    let rows = if open {
        db.open_attempts(None)
    } else {
        db.attempts()
    };
    match rows {
        Ok(rows) => {
            let mut lines: Vec<Vec<String>> = Vec::new();
            for a in rows {
                let status = match a.status {
                    Status::Open => Msg::new("status-open"),
                    Status::Finished => Msg::new("status-finished"),
                    Status::Closed => Msg::new("status-closed"),
                };
                let score = a
                    .score
                    .map(|s| lang.num(s, 1))
                    .unwrap_or_else(|| "-".into());
                let extra = db.extra(a.id).unwrap_or_default();
                // An assessment attempt's seed would give its drawn values: never shown.
                let seed = if extra.assignment_id.is_some() {
                    crate::records::assess::HIDDEN.to_string()
                } else {
                    a.seed.to_string()
                };
                let by_bundle = db.received_by_bundle(a.id).unwrap_or(false);
                let origin = match extra.origin.as_deref() {
                    Some("script") => crate::i18n::tr(lang, "origin-script"),
                    Some("app") if extra.assignment_id.is_some() && by_bundle => {
                        crate::i18n::tr(lang, "origin-assessment-bundle")
                    }
                    Some("app") if extra.assignment_id.is_some() => {
                        crate::i18n::tr(lang, "origin-assessment")
                    }
                    Some(_) | None if by_bundle => crate::i18n::tr(lang, "origin-bundle"),
                    Some(_) | None => String::new(),
                };
                lines.push(vec![
                    a.id.to_string(),
                    printable(&a.scenario_id).into_owned(),
                    printable(&a.trainee).into_owned(),
                    Msg::new("cli-attempt-seed").text("seed", seed).render(lang),
                    Msg::new("cli-attempt-actions")
                        .int("actions", a.actions)
                        .render(lang),
                    status.render(lang),
                    score,
                    origin,
                ]);
            }
            for line in out::table(&lines, &[true, false, false, false, true, false, true]) {
                outln!("{line}");
            }
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            ExitCode::from(2)
        }
    }
}

/// A printed code: the attempt it belongs to, replayed.
pub(super) fn verify_code(lang: Lang, db: Option<PathBuf>, code: &str) -> ExitCode {
    let db = match access::reader_db(lang, db) {
        Ok(db) => db,
        Err(code) => return code,
    };
    match db.attempt_of_code(code) {
        Ok(Some(id)) => {
            // That attempt alone replayed, held to its seals and to the chain's.
            let v = db.verify_attempt(id).ok();
            match v {
                Some(v) if v.problem.is_none() => {
                    outln!(
                        "{}",
                        Msg::new("verify-code-ok")
                            .text("code", code)
                            .int("id", id)
                            .text("scenario", v.scenario_id.clone())
                            .text("trainee", v.trainee.clone())
                            .num("score", v.score.unwrap_or(0.0), 1)
                            .render(lang)
                    );
                    ExitCode::SUCCESS
                }
                Some(v) => {
                    outln!(
                        "{}",
                        Msg::new("verify-code-bad")
                            .text("code", code)
                            .int("id", id)
                            .msg("problem", v.problem.unwrap_or_else(|| Msg::new("app-none")))
                            .render(lang)
                    );
                    ExitCode::FAILURE
                }
                None => ExitCode::FAILURE,
            }
        }
        Ok(None) => {
            outln!(
                "{}",
                Msg::new("verify-code-unknown")
                    .text("code", code)
                    .render(lang)
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            ExitCode::from(2)
        }
    }
}

pub(super) fn verify(lang: Lang, db: Option<PathBuf>, scenarios: Option<PathBuf>) -> ExitCode {
    let db = match access::reader_db(lang, db) {
        Ok(db) => db,
        Err(code) => return code,
    };
    let official =
        crate::records::official_scenarios(&scenarios.unwrap_or_else(default_scenarios_dir));
    let results = match db.verify() {
        Ok(r) => r,
        Err(e) => {
            eprint_msg(lang, e.msg());
            return ExitCode::from(2);
        }
    };
    let summaries = db.attempts().unwrap_or_default();
    let mut bad = 0;
    for v in &results {
        let line = |key: &str| {
            Msg::new(key)
                .int("id", v.attempt)
                .text("scenario", v.scenario_id.clone())
                .text("trainee", v.trainee.clone())
        };
        let check = summaries
            .iter()
            .find(|a| a.id == v.attempt)
            .map(|a| db.official_check(a, &official));
        let (problem, note) = match (&v.problem, check) {
            (Some(p), _) => (Some(p.clone()), None),
            (None, Some(Err(e))) => (Some(e.msg()), None),
            (None, Some(Ok(crate::records::OfficialCheck::Modified(m)))) => (Some(m), None),
            (None, Some(Ok(crate::records::OfficialCheck::Earlier(m))))
            | (None, Some(Ok(crate::records::OfficialCheck::Unknown(m)))) => (None, Some(m)),
            (None, Some(Ok(crate::records::OfficialCheck::Official)) | None) => (None, None),
        };
        match problem {
            Some(p) => {
                bad += 1;
                outln!("{}", line("verify-bad").msg("problem", p).render(lang));
            }
            None => {
                match &v.earlier_rules {
                    Some(n) => outln!(
                        "{}",
                        line("verify-ok-earlier")
                            .msg("note", n.clone())
                            .render(lang)
                    ),
                    None => outln!(
                        "{}",
                        line("verify-ok")
                            .num("score", v.score.unwrap_or(0.0), 1)
                            .render(lang)
                    ),
                }
                if let Some(n) = note {
                    outln!("  {}", n.render(lang));
                }
            }
        }
    }
    // The seals: every record held to the school's key.
    match db.check_seals(db.key()) {
        Ok(problems) => {
            for p in problems {
                if !p.notice {
                    bad += 1;
                }
                let m = match p.attempt {
                    Some(id) => Msg::new("verify-seal-attempt")
                        .int("id", id)
                        .msg("problem", p.msg),
                    None => Msg::new("verify-seal").msg("problem", p.msg),
                };
                outln!("{}", m.render(lang));
            }
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            return ExitCode::from(2);
        }
    }
    eprint_msg(
        lang,
        Msg::new("verify-summary")
            .int("n", results.len() as u32)
            .int("bad", bad),
    );
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}
