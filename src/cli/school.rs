//! The school's commands on results: `review`, `status`, `purge`, `export`, `import`,
//! `report`, `attest` (the people's in `people.rs`, the assessments' in `assess.rs`).
//!
//! Every command here is a trainer's: when a trainer has a PIN, it is asked for
//! (`--trainer-pin`, or `FIBRELAB_TRAINER_PIN`), and what is done is written in the audit
//! log under that trainer's pseudonym. Names are printed only in tables for the school;
//! `--json` gives pseudonyms beside them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};

use super::eprint_msg;
use crate::i18n::{Lang, Msg, printable};
use crate::records::Db;
use crate::records::school::{Cohort, SchoolError};
use crate::scenario::load::{MAX_TEXT_FILE_BYTES, default_scenarios_dir, read_regular_file};

// Parsed once per run: the size of its biggest variant does not matter.

pub(super) use super::access::trainer_db;

pub(super) fn fail(lang: Lang, e: SchoolError) -> ExitCode {
    eprint_msg(lang, e.msg());
    match e {
        SchoolError::Records(_) => ExitCode::from(2),
        SchoolError::Invalid(_) => ExitCode::FAILURE,
    }
}

pub(super) fn cohort_of(lang: Lang, db: &Db, key: &str) -> Result<Cohort, ExitCode> {
    match db.cohort(key) {
        Ok(Some(c)) => Ok(c),
        Ok(None) => {
            eprint_msg(lang, Msg::new("cohort-unknown").text("name", key));
            Err(ExitCode::FAILURE)
        }
        Err(e) => Err(fail(lang, e.into())),
    }
}

pub(super) fn print_json(v: &Value) {
    outln!("{}", serde_json::to_string_pretty(v).unwrap_or_default());
}

pub fn review(
    lang: Lang,
    db: Option<PathBuf>,
    attempt: i64,
    decision: &str,
    comment: Option<&str>,
) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let Some(d) = crate::records::school::Decision::parse(decision) else {
        eprint_msg(
            lang,
            Msg::new("bad-option-choices")
                .text("option", "--decision")
                .text("found", decision)
                .text("allowed", "validated, not-validated, redo"),
        );
        return ExitCode::FAILURE;
    };
    match db.add_review(attempt, d, comment) {
        Ok(()) => {
            eprint_msg(
                lang,
                Msg::new("review-recorded").int("attempt", attempt).text(
                    "decision",
                    crate::i18n::tr(lang, &format!("decision-{}", d.code().replace('_', "-"))),
                ),
            );
            ExitCode::SUCCESS
        }
        Err(e) => fail(lang, e),
    }
}

/// An assessment's live status and gradebook.
pub fn status(
    lang: Lang,
    db: &Db,
    a: &crate::records::assess::Assessment,
    json_out: bool,
) -> ExitCode {
    let book = match db.gradebook(a) {
        Ok(b) => b,
        Err(e) => return fail(lang, e.into()),
    };
    if json_out {
        print_json(&json!({
            "assessment": a.key,
            "scenarios": book.scenarios,
            "rows": book.rows.iter().map(|r| json!({
                "trainee": r.trainee_uuid,
                "name": r.name,
                "cells": r.cells.iter().map(|(c, s, n)| json!({"state": c.code(), "score": s, "attempts": n})).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        }));
        return ExitCode::SUCCESS;
    }
    let mut rows = vec![
        std::iter::once(String::new())
            .chain(book.scenarios.iter().cloned())
            .collect::<Vec<_>>(),
    ];
    for r in &book.rows {
        let mut row = vec![printable(r.name.as_deref().unwrap_or(&r.trainee_uuid)).into_owned()];
        row.extend(r.cells.iter().map(|(c, s, _)| match s {
            Some(s) => format!("{} {}", c.name().render(lang), lang.num(*s, 1)),
            None => c.name().render(lang),
        }));
        rows.push(row);
    }
    for line in super::out::table(&rows, &[]) {
        outln!("{line}");
    }
    ExitCode::SUCCESS
}

/// The retention rule: the names of trainees whose every cohort is past its date.
pub fn purge(lang: Lang, db: Option<PathBuf>, dry_run: bool) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let expired = match db.expired_trainees() {
        Ok(t) => t,
        Err(e) => return fail(lang, e.into()),
    };
    for t in &expired {
        outln!("{}  {}", t.uuid, printable(&t.cohorts.join(", ")));
        if !dry_run && let Err(e) = db.erase_trainee(t) {
            return fail(lang, e);
        }
    }
    eprint_msg(
        lang,
        Msg::new(if dry_run {
            "purge-dry-run"
        } else {
            "purge-done"
        })
        .int("n", expired.len() as i64),
    );
    if !dry_run && !expired.is_empty() {
        erased_on_server(lang, &db);
    }
    ExitCode::SUCCESS
}

/// After an erasure on the school's server: what is left for its IT to do (the disk's
/// pages that held the names are rewritten by a full vacuum, which only the tables'
/// owner may run).
pub(super) fn erased_on_server(lang: Lang, db: &crate::records::Db) {
    if db.on_server() {
        eprint_msg(lang, Msg::new("erase-server-disk"));
    }
}

#[derive(Subcommand, Debug)]
pub enum ExportCmd {
    /// The finished attempts of this seat, for the trainer's PC (.flb).
    Bundle {
        /// Only attempts started from this day, YYYY-MM-DD.
        #[arg(long)]
        since: Option<String>,
        #[arg(long)]
        out: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum ImportCmd {
    /// Seats' bundles: each attempt is replayed and kept only if it gives its grade.
    Bundle {
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// The official scenario folder (default: the shipped one).
        #[arg(long)]
        scenarios: Option<PathBuf>,
    },
}

pub fn export(lang: Lang, db: Option<PathBuf>, cmd: ExportCmd) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    match cmd {
        ExportCmd::Bundle { since, out } => {
            let since_ms = match since.as_deref() {
                None => None,
                Some(d) => match crate::records::school::parse_date(d) {
                    Some((y, m, day)) => {
                        Some(crate::records::school::days_from_civil(y, m, day) * 86_400_000)
                    }
                    None => {
                        eprint_msg(lang, Msg::new("time-bad-date").text("found", d));
                        return ExitCode::FAILURE;
                    }
                },
            };
            let bundle = match db.export_bundle(since_ms) {
                Ok(b) => b,
                Err(e) => return fail(lang, e.into()),
            };
            let text = serde_json::to_string(&bundle).unwrap_or_default();
            if let Err(e) = std::fs::write(&out, text) {
                eprint_msg(
                    lang,
                    Msg::new("export-cannot-write").msg("detail", crate::i18n::io_error(&e)),
                );
                return ExitCode::from(2);
            }
            let _ = db.audit(
                "bundle_export",
                &out.display().to_string(),
                &bundle.attempts.len().to_string(),
            );
            eprint_msg(
                lang,
                Msg::new("bundle-written")
                    .int("n", bundle.attempts.len() as i64)
                    .text("file", out.display().to_string()),
            );
            ExitCode::SUCCESS
        }
    }
}

pub fn import(lang: Lang, db: Option<PathBuf>, cmd: ImportCmd) -> ExitCode {
    use crate::records::bundle::{Bundle, FORMAT, MAX_BUNDLE_BYTES};
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let ImportCmd::Bundle { files, scenarios } = cmd;
    let official =
        crate::records::official_scenarios(&scenarios.unwrap_or_else(default_scenarios_dir));
    let mut refused = 0;
    for f in &files {
        let name = f.display().to_string();
        let bytes = match read_regular_file(f, MAX_BUNDLE_BYTES) {
            Ok(b) => b,
            Err(m) => {
                eprint_msg(lang, m);
                return ExitCode::FAILURE;
            }
        };
        let bundle: Bundle = match serde_json::from_slice(&bytes) {
            Ok(b) => b,
            Err(e) => {
                outln!(
                    "{}:{}:{}: {}",
                    printable(&name),
                    e.line(),
                    e.column(),
                    Msg::new("bundle-unreadable")
                        .text("detail", e.to_string())
                        .render(lang)
                );
                return ExitCode::FAILURE;
            }
        };
        if bundle.format != FORMAT {
            outln!(
                "{}: {}",
                printable(&name),
                Msg::new("bundle-format")
                    .text("found", bundle.format.clone())
                    .render(lang)
            );
            return ExitCode::FAILURE;
        }
        let digest = crate::records::seal::hex(&crate::records::seal::sha256(&bytes));
        let outcome = match db.import_bundle(&bundle, &digest, &official) {
            Ok(o) => o,
            Err(e) => return fail(lang, e.into()),
        };
        for (uuid, why) in &outcome.refused {
            outln!(
                "{}: {}",
                printable(&name),
                Msg::new("bundle-refused")
                    .text("uuid", uuid.clone())
                    .msg("why", why.clone())
                    .render(lang)
            );
        }
        for (uuid, what) in &outcome.notes {
            outln!(
                "{}: {}",
                printable(&name),
                Msg::new("bundle-note")
                    .text("uuid", uuid.clone())
                    .msg("what", what.clone())
                    .render(lang)
            );
        }
        refused += outcome.refused.len();
        eprint_msg(
            lang,
            Msg::new("bundle-imported")
                .text("file", name)
                .int("accepted", outcome.accepted.len() as i64)
                .int("already", outcome.already.len() as i64)
                .int("refused", outcome.refused.len() as i64),
        );
    }
    if refused > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

#[derive(Subcommand, Debug)]
pub enum ReportCmd {
    /// The relevé d'évaluation of one attempt (HTML to print, A4).
    Attempt {
        attempt: i64,
        #[arg(long)]
        out: PathBuf,
    },
    /// The synthèse de promo of an assessment: gradebook, criteria failed, who has not
    /// passed.
    Cohort {
        assessment: String,
        #[arg(long)]
        out: PathBuf,
    },
}

fn write_page(lang: Lang, out: &Path, html: &str) -> ExitCode {
    match std::fs::write(out, html) {
        Ok(()) => {
            // Said on the error stream: the standard output stays the command's data.
            eprint_msg(
                lang,
                Msg::new("page-written").text("file", out.display().to_string()),
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprint_msg(
                lang,
                Msg::new("page-cannot-write")
                    .text("file", out.display().to_string())
                    .msg("detail", crate::i18n::io_error(&e)),
            );
            ExitCode::from(2)
        }
    }
}

pub fn report(lang: Lang, db: Option<PathBuf>, cmd: ReportCmd) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    match cmd {
        ReportCmd::Attempt { attempt, out } => match db.attempt_report(attempt, lang) {
            Ok(html) => {
                let _ = db.audit(
                    "report_attempt",
                    &attempt.to_string(),
                    &out.display().to_string(),
                );
                write_page(lang, &out, &html)
            }
            Err(e) => fail(lang, e.into()),
        },
        ReportCmd::Cohort { assessment, out } => match db.assessment(&assessment) {
            Ok(Some(a)) => match db.cohort_report(&a, lang) {
                Ok(html) => {
                    let _ = db.audit("report_cohort", &a.key, &out.display().to_string());
                    write_page(lang, &out, &html)
                }
                Err(e) => fail(lang, e.into()),
            },
            Ok(None) => {
                eprint_msg(lang, Msg::new("assess-unknown-id").text("id", assessment));
                ExitCode::FAILURE
            }
            Err(e) => fail(lang, e.into()),
        },
    }
}

/// The attestation of an attempt, from the school's template (or the shipped one).
pub fn attest(
    lang: Lang,
    db: Option<PathBuf>,
    attempt: i64,
    template: Option<&Path>,
    out: &Path,
) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let text = match template {
        Some(p) => match read_regular_file(p, MAX_TEXT_FILE_BYTES) {
            Ok(b) => String::from_utf8_lossy(&b).into_owned(),
            Err(m) => {
                eprint_msg(lang, m);
                return ExitCode::FAILURE;
            }
        },
        None => DEFAULT_ATTESTATION.to_string(),
    };
    match db.attestation(attempt, &text, lang) {
        Ok(html) => {
            let _ = db.audit("attest", &attempt.to_string(), &out.display().to_string());
            write_page(lang, out, &html)
        }
        Err(m) => {
            eprint_msg(lang, m);
            ExitCode::FAILURE
        }
    }
}

/// The shipped attestation template (a school gives its own with `--template`).
pub const DEFAULT_ATTESTATION: &str = include_str!("../../assets/templates/attestation.html");
