//! `results` and `stats`: what the school reads of its attempts, pseudonymous unless
//! names are asked for.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

use super::eprint_msg;
use super::school::{cohort_of, fail};
use crate::i18n::{Lang, Msg, printable};
use crate::records::Db;
use crate::records::results::ResultRow;

#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Xlsx,
    Json,
}

#[derive(clap::Args, Debug)]
pub struct Select {
    #[arg(long)]
    pub cohort: Option<String>,
    #[arg(long)]
    pub assessment: Option<String>,
    #[arg(long)]
    pub scenario: Option<String>,
    /// Practice and scripted attempts too (by default, only attempts made for an
    /// assessment in the app: what counts).
    #[arg(long)]
    pub all: bool,
}

pub(super) fn filter_of(
    lang: Lang,
    db: &Db,
    s: &Select,
) -> Result<crate::records::results::Filter, ExitCode> {
    let cohort = s
        .cohort
        .as_deref()
        .map(|k| cohort_of(lang, db, k))
        .transpose()?;
    let assessment = match s.assessment.as_deref() {
        Some(k) => match db.assessment(k) {
            Ok(Some(a)) => Some(a),
            Ok(None) => {
                eprint_msg(lang, Msg::new("assess-unknown-id").text("id", k));
                return Err(ExitCode::FAILURE);
            }
            Err(e) => return Err(fail(lang, e.into())),
        },
        None => None,
    };
    Ok(crate::records::results::Filter {
        cohort,
        assessment,
        scenario: s.scenario.clone(),
        assessed_only: !s.all,
        verdicts_only: false,
    })
}

/// The attempts that count, in the format asked: written as they are made (a table, a
/// CSV or JSON row by row; a workbook's sheets in constant-memory mode), so what a
/// school's year takes is not held twice.
#[allow(clippy::too_many_arguments)]
pub fn results(
    lang: Lang,
    db: Option<PathBuf>,
    select: &Select,
    format: Format,
    names: bool,
    out: Option<&Path>,
    decimal: Option<&str>,
) -> ExitCode {
    use crate::records::export::{
        Decimal, Options, criterion_columns, results_header, results_row, save_xlsx, write_csv,
    };
    // Read only: a trainer lists the results of a copy on a read-only medium too.
    let db = match super::access::trainer_reader_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let f = match filter_of(lang, &db, select) {
        Ok(f) => f,
        Err(c) => return c,
    };
    let mut rows = match db.results(&f) {
        Ok(r) => r,
        Err(e) => return fail(lang, e.into()),
    };
    if let Err(e) = db.check_results(&mut rows) {
        return fail(lang, e.into());
    }
    let decimal = match decimal.map(|d| (d, Decimal::parse(d))) {
        None => Decimal::of(lang),
        Some((_, Some(d))) => d,
        Some((other, None)) => {
            eprint_msg(
                lang,
                Msg::new("bad-option-choices")
                    .text("option", "--decimal")
                    .text("found", other)
                    .text("allowed", "comma, point"),
            );
            return ExitCode::FAILURE;
        }
    };
    let o = Options {
        lang,
        names,
        decimal,
    };
    let write_failed = |e: Msg| {
        eprint_msg(lang, Msg::new("export-cannot-write").msg("detail", e));
        ExitCode::from(2)
    };
    if let Format::Xlsx = format {
        let Some(p) = out else {
            eprint_msg(lang, Msg::new("results-xlsx-needs-out"));
            return ExitCode::from(2);
        };
        if let Err(m) = save_xlsx(&rows, o, db.now(), p) {
            eprint_msg(lang, m);
            return ExitCode::from(2);
        }
    } else {
        let mut file;
        let mut stdout = std::io::BufWriter::new(super::out::Stdout);
        let dest: &mut dyn Write = match out {
            Some(p) => match std::fs::File::create(p) {
                Ok(f) => {
                    file = std::io::BufWriter::new(f);
                    &mut file
                }
                Err(e) => return write_failed(crate::i18n::io_error(&e)),
            },
            None => &mut stdout,
        };
        let written = match format {
            Format::Csv => {
                let criteria = criterion_columns(&rows, lang);
                write_csv(
                    dest,
                    &results_header(&criteria, o),
                    rows.iter().map(|r| results_row(r, &criteria, o)),
                    decimal,
                )
            }
            Format::Json => write_json(dest, &rows, lang, names),
            Format::Table | Format::Xlsx => write_table(dest, &rows, lang, names),
        };
        if let Err(e) = written.and_then(|()| dest.flush()) {
            return write_failed(crate::i18n::io_error(&e));
        }
    }
    if let Some(p) = out {
        // Who took the school's results out, and with names or not: in the audit log
        // (written where the store may be written).
        if let Ok(mut w) = crate::records::Db::open_for_school(&db.reopen_path()) {
            w.set_actor(db.actor());
            let _ = w.audit(
                "export_results",
                &p.display().to_string(),
                if names { "names" } else { "pseudonyms" },
            );
        }
        eprint_msg(
            lang,
            Msg::new("results-written")
                .int("n", rows.len() as i64)
                .text("file", p.display().to_string()),
        );
    }
    ExitCode::SUCCESS
}

/// The rows as a JSON array, one row at a time.
fn write_json(
    dest: &mut dyn Write,
    rows: &[ResultRow],
    lang: Lang,
    names: bool,
) -> std::io::Result<()> {
    dest.write_all(b"[\n")?;
    for (i, r) in rows.iter().enumerate() {
        let mut v = serde_json::to_value(r).unwrap_or(Value::Null);
        if let Some(m) = v.as_object_mut() {
            if !names {
                m.remove("name");
                m.remove("external_ref");
            }
            if !r.seed_shown {
                m.insert("seed".into(), Value::Null);
            }
            m.remove("seed_shown");
            m.insert(
                "criteria".into(),
                json!(
                    r.criteria
                        .iter()
                        .map(|c| json!({
                            "id": c.id, "title": c.title.render(lang), "points": c.points, "max_points": c.max_points,
                            "met": c.met, "critical": c.critical,
                            "feedback": c.feedback.render(lang),
                        }))
                        .collect::<Vec<_>>()
                ),
            );
        }
        if i > 0 {
            dest.write_all(b",\n")?;
        }
        dest.write_all(
            serde_json::to_string_pretty(&v)
                .unwrap_or_default()
                .as_bytes(),
        )?;
    }
    dest.write_all(b"\n]\n")
}

/// The rows as a table to read in a terminal.
fn write_table(
    dest: &mut dyn Write,
    rows: &[ResultRow],
    lang: Lang,
    names: bool,
) -> std::io::Result<()> {
    let t = |k: &str| crate::i18n::tr(lang, k);
    let mut lines = vec![vec![
        "N°".to_string(),
        t("export-col-assessment"),
        t("export-col-scenario"),
        t(if names {
            "export-col-name"
        } else {
            "export-col-trainee-uuid"
        }),
        t("export-col-score-short"),
        t("export-col-passed"),
    ]];
    for r in rows {
        lines.push(vec![
            r.attempt.to_string(),
            printable(r.assessment.as_deref().unwrap_or("—")).into_owned(),
            printable(&r.scenario_id).into_owned(),
            printable(&if names {
                r.name.clone()
            } else {
                r.trainee_uuid.clone().unwrap_or_else(|| "—".into())
            })
            .into_owned(),
            r.score
                .map(|v| lang.num(v, 1))
                .unwrap_or_else(|| "-".into()),
            r.passed
                .map(|p| t(if p { "export-yes" } else { "export-no" }))
                .unwrap_or_default(),
        ]);
    }
    for line in super::out::table(&lines, &[true, false, false, false, true, false]) {
        writeln!(dest, "{line}")?;
    }
    Ok(())
}

pub fn stats(lang: Lang, db: Option<PathBuf>, select: &Select, json_out: bool) -> ExitCode {
    let db = match super::access::trainer_reader_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let f = match filter_of(lang, &db, select) {
        Ok(f) => f,
        Err(c) => return c,
    };
    let stats = match db.criterion_stats(&f) {
        Ok(s) => s,
        Err(e) => return fail(lang, e.into()),
    };
    if json_out {
        super::school::print_json(&json!(stats.iter().map(|s| json!({
            "scenario": s.scenario_id,
            "criterion": s.criterion_id,
            "title": s.title.render(lang),
            "critical": s.critical,
            "attempts": s.attempts,
            "failed": s.failed,
            "failure_rate": s.failure_rate(),
            "mean_points": s.mean_points,
            "max_points": s.max_points,
            "most_common_feedback": s.most_common.as_ref().map(|(m, n)| json!({"text": m.render(lang), "key": m.key, "count": n})),
        })).collect::<Vec<_>>()));
        return ExitCode::SUCCESS;
    }
    // The titles padded to the longest (a width counts characters, accents included).
    let titles: Vec<String> = stats
        .iter()
        .map(|s| printable(&s.title.render(lang)).into_owned())
        .collect();
    let width = titles.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    let critical = crate::i18n::tr(lang, "cli-stats-critical");
    for (s, title) in stats.iter().zip(&titles) {
        outln!(
            "{:28}  {title:width$}  {:w$}  {:>5}\u{a0}%  ({}/{})  {}/{}  {}",
            printable(&s.scenario_id),
            if s.critical { critical.as_str() } else { "" },
            lang.num(100.0 * s.failure_rate(), 0),
            s.failed,
            s.attempts,
            lang.num(s.mean_points, 1),
            lang.num(s.max_points, 0),
            s.most_common
                .as_ref()
                .map(|(m, n)| format!("{} ×{n}", m.render(lang)))
                .unwrap_or_default(),
            w = critical.chars().count()
        );
    }
    ExitCode::SUCCESS
}
