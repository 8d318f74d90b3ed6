//! The school's assessments: `assess`, and an assessment file checked by `validate`.
//!
//! Every command here is a trainer's: when a trainer has a PIN, it is asked for
//! (`--trainer-pin`, or `FIBRELAB_TRAINER_PIN`), and what is done is written in the audit
//! log under that trainer's pseudonym. Names are printed only in tables for the school;
//! `--json` gives pseudonyms beside them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};

use super::school::{cohort_of, fail, print_json, status, trainer_db};
use super::{eprint_msg, print_diagnostics};
use crate::i18n::{Lang, Msg, printable};
use crate::records::Db;
use crate::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy, parse_spec};
use crate::records::school::format_moment;
use crate::scenario::load::{
    MAX_TEXT_FILE_BYTES, default_scenarios_dir, load_path, read_regular_file,
};

#[allow(clippy::large_enum_variant)]
#[derive(Subcommand, Debug)]
pub enum AssessCmd {
    /// Check assessment files; prints FILE:LINE:COL: message for each problem.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Create an assessment from a file (`--from`) or from options.
    Create {
        #[arg(long)]
        from: Option<PathBuf>,
        #[arg(long)]
        cohort: Option<String>,
        /// The assessment's own short name (lowercase, digits, `-`).
        #[arg(long)]
        id: Option<String>,
        #[arg(long)]
        title: Option<String>,
        /// A scenario id; give it once per scenario.
        #[arg(long = "scenario")]
        scenarios: Vec<String>,
        /// practice, formative, ecf or final.
        #[arg(long)]
        kind: Option<String>,
        /// 2026-12-07T08:30+01:00
        #[arg(long)]
        opens: Option<String>,
        #[arg(long)]
        closes: Option<String>,
        /// Minutes per attempt (45, or 45m, or 1h30).
        #[arg(long)]
        time_limit: Option<String>,
        #[arg(long)]
        attempts: Option<u32>,
        /// fixed, per-trainee or per-attempt.
        #[arg(long)]
        seed: Option<String>,
        #[arg(long)]
        base_seed: Option<u64>,
        /// immediate, after-close or none.
        #[arg(long)]
        feedback: Option<String>,
        /// Make again an assessment of the same id that nobody has started.
        #[arg(long)]
        replace: bool,
        /// Scenario folder the ids are looked up in.
        #[arg(long)]
        scenarios_dir: Option<PathBuf>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// An assessment: its settings and each assignment (with its seed: for the trainer).
    Show {
        assessment: String,
        #[arg(long)]
        json: bool,
    },
    /// The gradebook: each trainee × each scenario, passed, failed, critical, under way
    /// or not done.
    Status {
        assessment: String,
        #[arg(long)]
        json: bool,
    },
    Close {
        assessment: String,
    },
    /// Give a trainee extra time (an *aménagement*, a *tiers-temps*).
    Extend {
        assessment: String,
        #[arg(long)]
        trainee: String,
        #[arg(long)]
        minutes: u32,
    },
}

/// Minutes from `45`, `45m`, `1h30`, `1h`.
fn parse_minutes(s: &str) -> Option<u32> {
    let s = s.trim().to_lowercase();
    if let Some((h, m)) = s.split_once('h') {
        let h: u32 = h.trim().parse().ok()?;
        let m = m.trim().trim_end_matches("min").trim_end_matches('m');
        let m: u32 = if m.is_empty() { 0 } else { m.parse().ok()? };
        return h.checked_mul(60)?.checked_add(m);
    }
    s.trim_end_matches("min")
        .trim_end_matches('m')
        .trim()
        .parse()
        .ok()
}

/// The scenario ids of the official folder.
fn known_ids(dir: &Path) -> Vec<String> {
    load_path(dir)
        .into_iter()
        .filter_map(|(_, r)| r.ok().map(|l| l.scenario.id))
        .collect()
}

/// Reads an assessment file, checked against the scenario folder.
fn read_spec(
    lang: Lang,
    path: &Path,
    ids: &[String],
) -> Result<(AssessmentSpec, String), ExitCode> {
    let bytes = read_regular_file(path, MAX_TEXT_FILE_BYTES).map_err(|m| {
        eprint_msg(lang, m);
        ExitCode::FAILURE
    })?;
    let known = |id: &str| ids.iter().any(|k| k == id);
    match parse_spec(&bytes, &path.display().to_string(), &known) {
        Ok(spec) => Ok((spec, String::from_utf8_lossy(&bytes).into_owned())),
        Err(ds) => {
            print_diagnostics(lang, &ds);
            Err(ExitCode::FAILURE)
        }
    }
}

fn assessment_json(db: &Db, a: &crate::records::assess::Assessment) -> Value {
    let assignments = db.assignments(a).unwrap_or_default();
    let trainees = db.trainees(None, true).unwrap_or_default();
    json!({
        "id": a.key,
        "uuid": a.uuid,
        "title": a.title,
        "cohort": a.cohort,
        "kind": a.kind.code(),
        "opens": a.opens_at.map(format_moment),
        "closes": a.closes_at.map(format_moment),
        "time_limit_min": a.time_limit_s.map(|s| s / 60),
        "attempts": a.attempts_allowed,
        "seed_policy": a.seed.code(),
        "base_seed": a.base_seed,
        "feedback": a.feedback.code(),
        "locked": a.locked,
        "closed": a.closed,
        "scenarios": a.scenarios,
        "assignments": assignments.iter().map(|g| json!({
            "uuid": g.uuid,
            "trainee": g.trainee_uuid,
            "name": trainees.iter().find(|t| t.id == g.trainee_id).and_then(|t| t.name.clone()),
            "scenario": g.scenario_id,
            "position": g.position,
            "seed": g.seed,
            "extra_time_min": g.extra_time_s / 60,
            "attempts_used": g.attempts_used,
        })).collect::<Vec<_>>(),
    })
}

/// An assessment's kind, in words.
fn kind_name(k: Kind) -> Msg {
    Msg::new(match k {
        Kind::Practice => "assess-kind-practice",
        Kind::Formative => "assess-kind-formative",
        Kind::Ecf => "assess-kind-ecf",
        Kind::Final => "assess-kind-final",
    })
}

/// How an assessment draws its variants, in words.
fn seed_name(p: SeedPolicy) -> Msg {
    Msg::new(match p {
        SeedPolicy::Fixed => "assess-seed-fixed",
        SeedPolicy::PerTrainee => "assess-seed-per-trainee",
        SeedPolicy::PerAttempt => "assess-seed-per-attempt",
    })
}

/// When the trainee sees their results, in words.
fn feedback_name(f: Feedback) -> Msg {
    Msg::new(match f {
        Feedback::Immediate => "assess-feedback-immediate",
        Feedback::AfterClose => "assess-feedback-after-close",
        Feedback::None => "assess-feedback-none",
    })
}

pub fn assess(lang: Lang, db: Option<PathBuf>, cmd: AssessCmd) -> ExitCode {
    if let AssessCmd::Validate { paths } = &cmd {
        let ids = known_ids(&default_scenarios_dir());
        let mut ok = true;
        for p in paths {
            if read_spec(lang, p, &ids).is_err() {
                ok = false;
            }
        }
        if ok {
            eprint_msg(lang, Msg::new("assess-valid").int("n", paths.len() as i64));
            return ExitCode::SUCCESS;
        }
        return ExitCode::FAILURE;
    }
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    let find = |key: &str| -> Result<crate::records::assess::Assessment, ExitCode> {
        match db.assessment(key) {
            Ok(Some(a)) => Ok(a),
            Ok(None) => {
                eprint_msg(lang, Msg::new("assess-unknown-id").text("id", key));
                Err(ExitCode::FAILURE)
            }
            Err(e) => Err(fail(lang, e.into())),
        }
    };
    match cmd {
        AssessCmd::Validate { .. } => ExitCode::SUCCESS,
        AssessCmd::Create {
            from,
            cohort,
            id,
            title,
            scenarios,
            kind,
            opens,
            closes,
            time_limit,
            attempts,
            seed,
            base_seed,
            feedback,
            replace,
            scenarios_dir,
        } => {
            let dir = scenarios_dir.unwrap_or_else(default_scenarios_dir);
            let ids = known_ids(&dir);
            let (mut spec, source) = match &from {
                Some(p) => match read_spec(lang, p, &ids) {
                    Ok((s, src)) => (s, Some(src)),
                    Err(code) => return code,
                },
                None => {
                    let Some(title) = title.clone() else {
                        eprint_msg(lang, Msg::new("assess-no-title"));
                        return ExitCode::FAILURE;
                    };
                    let id = id.clone().unwrap_or_else(|| {
                        format!("assess-{}", &crate::records::school::new_uuid()[..8])
                    });
                    (
                        AssessmentSpec {
                            id,
                            title,
                            cohort: None,
                            kind: Kind::Formative,
                            scenarios: scenarios.clone(),
                            opens: None,
                            closes: None,
                            time_limit_min: None,
                            attempts: 1,
                            seed: SeedPolicy::PerTrainee,
                            base_seed: None,
                            feedback: Feedback::AfterClose,
                        },
                        None,
                    )
                }
            };
            // Options given on the command line win over the file.
            let bad = |what: &str, v: &str| {
                eprint_msg(
                    lang,
                    Msg::new("assess-bad-option")
                        .text("option", what)
                        .text("found", v),
                );
                ExitCode::FAILURE
            };
            if let Some(k) = kind {
                match [Kind::Practice, Kind::Formative, Kind::Ecf, Kind::Final]
                    .into_iter()
                    .find(|x| x.code() == k)
                {
                    Some(k) => spec.kind = k,
                    None => return bad("--kind", &k),
                }
            }
            if opens.is_some() {
                spec.opens = opens;
            }
            if closes.is_some() {
                spec.closes = closes;
            }
            if let Some(t) = time_limit {
                match parse_minutes(&t) {
                    Some(m) => spec.time_limit_min = Some(m),
                    None => return bad("--time-limit", &t),
                }
            }
            if let Some(n) = attempts {
                spec.attempts = n;
            }
            if let Some(s) = seed {
                match SeedPolicy::parse(&s) {
                    Some(p) => spec.seed = p,
                    None => return bad("--seed", &s),
                }
            }
            if base_seed.is_some() {
                spec.base_seed = base_seed;
            }
            if let Some(f) = feedback {
                match Feedback::parse(&f) {
                    Some(p) => spec.feedback = p,
                    None => return bad("--feedback", &f),
                }
            }
            let known = |s: &str| ids.iter().any(|k| k == s);
            let problems = spec.problems(&known);
            if !problems.is_empty() {
                for (path, m) in problems {
                    eprintln!("{path}: {}", m.render(lang));
                }
                return ExitCode::FAILURE;
            }
            let Some(cohort_name) = cohort.or_else(|| spec.cohort.clone()) else {
                eprint_msg(lang, Msg::new("assess-no-cohort"));
                return ExitCode::FAILURE;
            };
            let c = match cohort_of(lang, &db, &cohort_name) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let made = db
                .create_assessment(&spec, &c, source.as_deref(), replace)
                .and_then(|a| match db.on_server() {
                    true => db.pin_all_items(&a, &dir).map(|()| a),
                    false => Ok(a),
                });
            match made {
                Ok(a) => {
                    eprint_msg(
                        lang,
                        Msg::new("assess-created")
                            .text("id", a.key.clone())
                            .text("cohort", c.name.clone())
                            .int("n", db.assignments(&a).map(|g| g.len()).unwrap_or(0) as i64),
                    );
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, e),
            }
        }
        AssessCmd::List { json } => match db.assessments() {
            Ok(list) => {
                if json {
                    print_json(&Value::Array(
                        list.iter().map(|a| assessment_json(&db, a)).collect(),
                    ));
                } else {
                    let rows: Vec<Vec<String>> = list
                        .iter()
                        .map(|a| {
                            vec![
                                a.key.clone(),
                                printable(&a.title).into_owned(),
                                printable(&a.cohort).into_owned(),
                                kind_name(a.kind).render(lang),
                                if a.closed {
                                    crate::i18n::tr(lang, "assess-state-closed")
                                } else if a.locked {
                                    crate::i18n::tr(lang, "assess-state-started")
                                } else {
                                    crate::i18n::tr(lang, "assess-state-ready")
                                },
                            ]
                        })
                        .collect();
                    for line in super::out::table(&rows, &[]) {
                        outln!("{line}");
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, e.into()),
        },
        AssessCmd::Show { assessment, json } => {
            let a = match find(&assessment) {
                Ok(a) => a,
                Err(code) => return code,
            };
            let v = assessment_json(&db, &a);
            if json {
                print_json(&v);
            } else {
                outln!(
                    "{} — {} ({}) — {}",
                    a.key,
                    printable(&a.title),
                    printable(&a.cohort),
                    kind_name(a.kind).render(lang)
                );
                outln!(
                    "{}",
                    Msg::new("assess-summary")
                        .moment_or_dash("opens", a.opens_at)
                        .moment_or_dash("closes", a.closes_at)
                        .int("limit", a.time_limit_s.map(|s| s / 60).unwrap_or(0))
                        .int("attempts", a.attempts_allowed as i64)
                        .msg("seed", seed_name(a.seed))
                        .msg("feedback", feedback_name(a.feedback))
                        .render(lang)
                );
                if let Some(rows) = v["assignments"].as_array() {
                    for g in rows {
                        let seed = match g["seed"].as_u64() {
                            Some(n) => n.to_string(),
                            None => "—".to_string(),
                        };
                        outln!(
                            "  {}",
                            Msg::new("assess-assignment")
                                .text("name", format!("{:30}", g["name"].as_str().unwrap_or("—")))
                                .text(
                                    "scenario",
                                    format!("{:28}", g["scenario"].as_str().unwrap_or(""))
                                )
                                .text("seed", format!("{seed:<20}"))
                                .int("used", g["attempts_used"].as_i64().unwrap_or(0))
                                .int("allowed", a.attempts_allowed as i64)
                                .render(lang)
                        );
                    }
                }
            }
            ExitCode::SUCCESS
        }
        AssessCmd::Status { assessment, json } => match find(&assessment) {
            Ok(a) => status(lang, &db, &a, json),
            Err(code) => code,
        },
        AssessCmd::Close { assessment } => {
            let a = match find(&assessment) {
                Ok(a) => a,
                Err(code) => return code,
            };
            match db.close_assessment(&a) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, e.into()),
            }
        }
        AssessCmd::Extend {
            assessment,
            trainee,
            minutes,
        } => {
            let a = match find(&assessment) {
                Ok(a) => a,
                Err(code) => return code,
            };
            let t = match db.trainee(&trainee) {
                Ok(t) => t,
                Err(e) => return fail(lang, e),
            };
            match db.extend(&a, &t, minutes) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, e),
            }
        }
    }
}

/// Whether a file is an assessment (its first word, comments aside, is `Assessment(`).
pub fn is_assessment_file(path: &Path) -> bool {
    ron_kind(path).as_deref() == Some("Assessment")
}

/// The name a RON file's value starts with (`Assessment`, `Plan`, `WorkOrder`), past
/// its comments; none for a file that cannot be read or starts otherwise.
pub fn ron_kind(path: &Path) -> Option<String> {
    let bytes = read_regular_file(path, MAX_TEXT_FILE_BYTES).ok()?;
    let text = String::from_utf8_lossy(&bytes);
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))?
        .trim_start_matches('\u{feff}');
    let name: String = first
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
        .collect();
    first[name.len()..].starts_with('(').then_some(name)
}

/// Checks one assessment file against the scenario folder; prints its problems.
pub fn validate_assessment(lang: Lang, path: &Path) -> bool {
    read_spec(lang, path, &known_ids(&default_scenarios_dir())).is_ok()
}

#[cfg(test)]
mod tests {
    use super::parse_minutes;

    #[test]
    fn minutes() {
        assert_eq!(parse_minutes("45"), Some(45));
        assert_eq!(parse_minutes("45m"), Some(45));
        assert_eq!(parse_minutes("1h30"), Some(90));
        assert_eq!(parse_minutes("2h"), Some(120));
        assert_eq!(parse_minutes("abc"), None);
    }
}
