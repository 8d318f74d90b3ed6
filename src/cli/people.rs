//! The school's people: `cohort`, `trainer`, `trainee`.
//!
//! Every command here is a trainer's: when a trainer has a PIN, it is asked for
//! (`--trainer-pin`, or `FIBRELAB_TRAINER_PIN`), and what is done is written in the audit
//! log under that trainer's pseudonym. Names are printed only in tables for the school;
//! `--json` gives pseudonyms beside them.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;
use serde_json::json;

use super::eprint_msg;
use super::school::{cohort_of, erased_on_server, fail, print_json, trainer_db};
use crate::i18n::{Lang, Msg, printable};
use crate::records::Db;
use crate::records::pins::SchoolState;
use crate::scenario::load::{MAX_TEXT_FILE_BYTES, read_regular_file};

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
