//! The school's commands: `cohort`, `trainer`, `trainee`, `assess`, `review`.
//!
//! Every command here is a trainer's: when a trainer has a PIN, it is asked for
//! (`--trainer-pin`, or `FIBRELAB_TRAINER_PIN`), and what is done is written in the audit
//! log under that trainer's pseudonym. Names are printed only in tables for the school;
//! `--json` gives pseudonyms beside them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::{Value, json};

use super::{eprint_msg, print_diagnostics};
use crate::i18n::{Lang, Msg, printable};
use crate::records::Db;
use crate::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy, parse_spec};
use crate::records::pins::SchoolState;
use crate::records::school::{Cohort, SchoolError, format_moment};
use crate::scenario::load::{
    MAX_TEXT_FILE_BYTES, default_scenarios_dir, load_path, read_regular_file,
};

#[derive(Subcommand, Debug)]
pub enum CohortCmd {
    /// Create a cohort (a class, a *promotion*).
    Create {
        name: String,
        #[arg(long)]
        site: Option<String>,
        /// First day, YYYY-MM-DD.
        #[arg(long)]
        starts: Option<String>,
        /// Last day, YYYY-MM-DD.
        #[arg(long)]
        ends: Option<String>,
        /// Keep the trainees' names until this day (default: 5 years after the end, to be
        /// set by the school's data protection officer).
        #[arg(long)]
        retain_until: Option<String>,
    },
    List {
        #[arg(long)]
        json: bool,
    },
    /// A cohort and its trainees.
    Show {
        cohort: String,
        #[arg(long)]
        json: bool,
    },
    Archive {
        cohort: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum TrainerCmd {
    /// Add a trainer; their PIN (4 to 12 digits) opens the school's commands. It is typed
    /// twice at the terminal, or read from FIBRELAB_NEW_PIN. The first trainer of a store
    /// needs no PIN to be added; every later one is added by a trainer.
    Add { name: String },
}

#[derive(Subcommand, Debug)]
pub enum TraineeCmd {
    /// Add one trainee.
    Add {
        name: String,
        #[arg(long)]
        cohort: Option<String>,
        /// The funder's or employer's number.
        #[arg(long = "ref")]
        external_ref: Option<String>,
        /// Give the trainee a PIN to open their session (4 to 12 digits), typed twice at
        /// the terminal or read from FIBRELAB_NEW_PIN.
        #[arg(long)]
        pin: bool,
    },
    /// Give a trainee a PIN (typed twice at the terminal, or FIBRELAB_NEW_PIN), or take
    /// it away.
    Pin {
        trainee: String,
        #[arg(long)]
        remove: bool,
    },
    /// Make a 6-digit PIN for every trainee of a cohort who has none, and write the list
    /// to hand out (name; PIN) to a file only its owner can read.
    Pins {
        #[arg(long)]
        cohort: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Import a class list (CSV with `;` or `,`, UTF-8 or Latin-1); run again, it adds
    /// nobody twice.
    Import {
        file: PathBuf,
        #[arg(long)]
        cohort: String,
        /// Say what would be done, do nothing.
        #[arg(long)]
        dry_run: bool,
        #[arg(long)]
        json: bool,
    },
    List {
        #[arg(long)]
        cohort: Option<String>,
        #[arg(long)]
        archived: bool,
        #[arg(long)]
        json: bool,
        /// As a class list with pseudonyms, for the seats (`trainee import` reads it).
        #[arg(long)]
        csv: bool,
    },
    /// Everything stored about one trainee (RGPD access and portability): JSON, and the
    /// results as CSV.
    Export {
        trainee: String,
        #[arg(long)]
        out: PathBuf,
    },
    /// Erase a trainee's name, reference and PIN from the store's files; their results
    /// stay under their pseudonym (RGPD erasure).
    Erase {
        trainee: String,
        /// Say it is meant: the name cannot be brought back.
        #[arg(long)]
        confirm: bool,
    },
}

// Parsed once per run: the size of its biggest variant does not matter.
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

pub fn cohort(lang: Lang, db: Option<PathBuf>, cmd: CohortCmd) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    match cmd {
        CohortCmd::Create {
            name,
            site,
            starts,
            ends,
            retain_until,
        } => match db.create_cohort(&name, site.as_deref(), starts.as_deref(), ends.as_deref()) {
            Ok(c) => {
                if let Some(d) = retain_until
                    && let Err(e) = db.set_retain_until(&c, &d)
                {
                    return fail(lang, e);
                }
                eprint_msg(
                    lang,
                    Msg::new("cohort-created").text("name", c.name.clone()),
                );
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, e),
        },
        CohortCmd::List { json } => match db.cohorts() {
            Ok(cs) => {
                if json {
                    print_json(&json!(cs));
                } else {
                    for c in cs {
                        outln!(
                            "{:3}  {:30}  {:>3} {}  {} → {}{}",
                            c.id,
                            printable(&c.name),
                            c.members,
                            crate::i18n::tr(lang, "cohort-col-members"),
                            c.starts_on.as_deref().unwrap_or("?"),
                            c.ends_on.as_deref().unwrap_or("?"),
                            if c.archived {
                                format!("  ({})", crate::i18n::tr(lang, "cohort-archived"))
                            } else {
                                String::new()
                            }
                        );
                    }
                }
                ExitCode::SUCCESS
            }
            Err(e) => fail(lang, e.into()),
        },
        CohortCmd::Show { cohort, json } => {
            let c = match cohort_of(lang, &db, &cohort) {
                Ok(c) => c,
                Err(code) => return code,
            };
            match db.trainees(Some(&c), true) {
                Ok(ts) => {
                    if json {
                        print_json(&json!({"cohort": c, "trainees": ts}));
                    } else {
                        outln!("{} ({})", printable(&c.name), c.uuid);
                        print_trainees(&ts);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, e.into()),
            }
        }
        CohortCmd::Archive { cohort } => {
            let c = match cohort_of(lang, &db, &cohort) {
                Ok(c) => c,
                Err(code) => return code,
            };
            match db.archive_cohort(&c) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, e.into()),
            }
        }
    }
}

fn print_trainees(ts: &[crate::records::school::Trainee]) {
    for t in ts {
        outln!(
            "  {:36}  {:30}  {:12}  {}",
            t.uuid,
            printable(t.name.as_deref().unwrap_or("—")),
            printable(t.external_ref.as_deref().unwrap_or("")),
            printable(&t.cohorts.join(", "))
        );
    }
}

pub fn trainer(lang: Lang, db: Option<PathBuf>, cmd: TrainerCmd) -> ExitCode {
    let path = db.unwrap_or_else(crate::records::default_db_path);
    let mut db = match Db::open_for_school(&path) {
        Ok(db) => db,
        Err(m) => {
            eprint_msg(lang, m);
            return ExitCode::from(2);
        }
    };
    // The first trainer of a store that is nobody's school yet adds themselves; every
    // other one is added by a trainer. A seat (the school's list, no trainer) adds none.
    match db.school_state() {
        Ok(SchoolState::Plain) => db.set_actor("first-trainer"),
        Ok(SchoolState::Seat) => {
            eprint_msg(
                lang,
                Msg::new("trainer-add-seat").text("db", db.path.display().to_string()),
            );
            return ExitCode::from(2);
        }
        Ok(SchoolState::Trainers) => {
            if let Err(c) = super::access::login(lang, &mut db, false) {
                return c;
            }
        }
        Err(e) => return fail(lang, e.into()),
    }
    match cmd {
        TrainerCmd::Add { name } => {
            let pin = match super::access::new_pin(lang) {
                Ok(p) => p,
                Err(c) => return c,
            };
            match db.add_trainer(&name, &pin) {
                Ok(uuid) => {
                    eprint_msg(lang, Msg::new("trainer-added").text("uuid", uuid));
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, e),
            }
        }
    }
}

pub fn trainee(lang: Lang, db: Option<PathBuf>, cmd: TraineeCmd) -> ExitCode {
    let db = match trainer_db(lang, db) {
        Ok(db) => db,
        Err(c) => return c,
    };
    match cmd {
        TraineeCmd::Add {
            name,
            cohort,
            external_ref,
            pin,
        } => {
            let c = match cohort
                .as_deref()
                .map(|k| cohort_of(lang, &db, k))
                .transpose()
            {
                Ok(c) => c,
                Err(code) => return code,
            };
            let pin = match pin.then(|| super::access::new_pin(lang)).transpose() {
                Ok(p) => p,
                Err(code) => return code,
            };
            match db.add_trainee(&name, external_ref.as_deref(), c.as_ref(), pin.as_deref()) {
                Ok(t) => {
                    outln!("{}", t.uuid);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, e),
            }
        }
        TraineeCmd::Import {
            file,
            cohort,
            dry_run,
            json,
        } => {
            let c = match cohort_of(lang, &db, &cohort) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let bytes = match read_regular_file(&file, MAX_TEXT_FILE_BYTES) {
                Ok(b) => b,
                Err(m) => {
                    eprint_msg(lang, m);
                    return ExitCode::FAILURE;
                }
            };
            let report = match db.import_roster(&bytes, &c, dry_run) {
                Ok(r) => r,
                Err(e) => return fail(lang, e),
            };
            let name = file.display().to_string();
            if json {
                print_json(&json!({
                    "created": report.created,
                    "already": report.already,
                    "duplicates_in_file": report.duplicates_in_file,
                    "dry_run": dry_run,
                    "problems": report.problems.iter().map(|p| json!({
                        "line": p.line, "message": p.msg.render(lang),
                    })).collect::<Vec<_>>(),
                }));
            } else {
                for p in &report.problems {
                    outln!("{}:{}: {}", printable(&name), p.line, p.msg.render(lang));
                }
            }
            eprint_msg(
                lang,
                Msg::new(if dry_run {
                    "roster-dry-run"
                } else {
                    "roster-imported"
                })
                .int("created", report.created as i64)
                .int("already", report.already as i64)
                .int("dupes", report.duplicates_in_file as i64)
                .int("bad", report.problems.len() as i64),
            );
            if report.problems.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            }
        }
        TraineeCmd::Export { trainee, out } => {
            let t = match db.trainee(&trainee) {
                Ok(t) => t,
                Err(e) => return fail(lang, e),
            };
            let data = match db.trainee_data(&t, lang) {
                Ok(d) => d,
                Err(e) => return fail(lang, e.into()),
            };
            let rows = match db.results_of_trainee(&t) {
                Ok(r) => r,
                Err(e) => return fail(lang, e.into()),
            };
            let o = crate::records::export::Options {
                lang,
                names: true,
                decimal: crate::records::export::Decimal::of(lang),
            };
            let csv = crate::records::export::to_csv(
                &crate::records::export::results_table(&rows, o),
                o.decimal,
            );
            let written = std::fs::create_dir_all(&out)
                .and_then(|_| {
                    std::fs::write(
                        out.join(format!("{}.json", t.uuid)),
                        serde_json::to_string_pretty(&data).unwrap_or_default(),
                    )
                })
                .and_then(|_| std::fs::write(out.join(format!("{}-results.csv", t.uuid)), csv));
            if let Err(e) = written {
                eprint_msg(
                    lang,
                    Msg::new("export-cannot-write").msg("detail", crate::i18n::io_error(&e)),
                );
                return ExitCode::from(2);
            }
            let _ = db.audit("trainee_export", &t.uuid, &out.display().to_string());
            eprint_msg(
                lang,
                Msg::new("trainee-exported").text("dir", out.display().to_string()),
            );
            ExitCode::SUCCESS
        }
        TraineeCmd::Pin { trainee, remove } => {
            let t = match db.trainee(&trainee) {
                Ok(t) => t,
                Err(e) => return fail(lang, e),
            };
            let pin = if remove {
                None
            } else {
                match super::access::new_pin(lang) {
                    Ok(p) => Some(p),
                    Err(code) => return code,
                }
            };
            match db.set_trainee_pin(&t, pin.as_deref()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => fail(lang, e),
            }
        }
        TraineeCmd::Pins { cohort, out } => {
            let c = match cohort_of(lang, &db, &cohort) {
                Ok(c) => c,
                Err(code) => return code,
            };
            let made = match db.make_pins(&c) {
                Ok(m) => m,
                Err(e) => return fail(lang, e),
            };
            let sheet = pin_sheet(lang, &made);
            if let Err(e) = write_private(&out, &sheet) {
                eprint_msg(
                    lang,
                    Msg::new("export-cannot-write").msg("detail", crate::i18n::io_error(&e)),
                );
                return ExitCode::from(2);
            }
            eprint_msg(
                lang,
                Msg::new("trainee-pins-made")
                    .int("n", made.len() as i64)
                    .text("file", out.display().to_string()),
            );
            ExitCode::SUCCESS
        }
        TraineeCmd::Erase { trainee, confirm } => {
            let t = match db.trainee(&trainee) {
                Ok(t) => t,
                Err(e) => return fail(lang, e),
            };
            if !confirm {
                eprint_msg(lang, Msg::new("erase-confirm").text("uuid", t.uuid.clone()));
                return ExitCode::FAILURE;
            }
            match db.erase_trainee(&t) {
                Ok(n) => {
                    eprint_msg(
                        lang,
                        Msg::new("erase-done")
                            .text("uuid", t.uuid.clone())
                            .int("n", n as i64),
                    );
                    erased_on_server(lang, &db);
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, e),
            }
        }
        TraineeCmd::List {
            cohort,
            archived,
            json,
            csv,
        } => {
            let c = match cohort
                .as_deref()
                .map(|k| cohort_of(lang, &db, k))
                .transpose()
            {
                Ok(c) => c,
                Err(code) => return code,
            };
            match db.trainees(c.as_ref(), archived) {
                Ok(ts) => {
                    if csv {
                        use crate::records::export::{Decimal, Table, Value as Cell, to_csv};
                        let t = Table {
                            // Headers `trainee import` knows (see docs/class-lists.md).
                            header: vec![
                                "Nom complet".into(),
                                "Référence".into(),
                                "Pseudonyme".into(),
                            ],
                            rows: ts
                                .iter()
                                .filter(|t| t.name.is_some())
                                .map(|t| {
                                    vec![
                                        Cell::Text(t.name.clone().unwrap_or_default()),
                                        Cell::Text(t.external_ref.clone().unwrap_or_default()),
                                        Cell::Text(t.uuid.clone()),
                                    ]
                                })
                                .collect(),
                        };
                        super::out::bytes(&to_csv(&t, Decimal::Comma));
                    } else if json {
                        print_json(&json!(ts));
                    } else {
                        print_trainees(&ts);
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => fail(lang, e.into()),
            }
        }
    }
}

/// The list of PINs made for a cohort, to print and cut into slips: an Excel-proof CSV
/// (name; reference; PIN, the PIN as text).
fn pin_sheet(lang: Lang, made: &[(crate::records::school::Trainee, String)]) -> Vec<u8> {
    use crate::records::export::{Decimal, Table, Value as Cell, to_csv};
    let t = Table {
        header: vec![
            crate::i18n::tr(lang, "pins-col-name"),
            crate::i18n::tr(lang, "pins-col-ref"),
            crate::i18n::tr(lang, "pins-col-pin"),
        ],
        rows: made
            .iter()
            .map(|(t, pin)| {
                vec![
                    Cell::Text(t.name.clone().unwrap_or_default()),
                    Cell::Text(t.external_ref.clone().unwrap_or_default()),
                    Cell::Text(pin.clone()),
                ]
            })
            .collect(),
    };
    to_csv(&t, Decimal::Comma)
}

/// Writes a file only its owner can read (a list of PINs).
fn write_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.mode(0o600);
    }
    let mut f = options.open(path)?;
    f.write_all(bytes)?;
    f.sync_all()
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
fn erased_on_server(lang: Lang, db: &crate::records::Db) {
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

/// Whether a file is an assessment (its first word, comments aside, is `Assessment(`).
pub fn is_assessment_file(path: &Path) -> bool {
    let Ok(bytes) = read_regular_file(path, MAX_TEXT_FILE_BYTES) else {
        return false;
    };
    let text = String::from_utf8_lossy(&bytes);
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("//"))
        .is_some_and(|l| l.trim_start_matches('\u{feff}').starts_with("Assessment("))
}

/// Checks one assessment file against the scenario folder; prints its problems.
pub fn validate_assessment(lang: Lang, path: &Path) -> bool {
    read_spec(lang, path, &known_ids(&default_scenarios_dir())).is_ok()
}
