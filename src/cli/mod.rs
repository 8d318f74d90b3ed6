//! The command line: `list`, `validate`, and the commands of the files beside it (`play`,
//! `resume` in `play.rs`, `attempts`, `verify` in `stored.rs`, the school's in
//! `people.rs`, `assess.rs`, `school.rs`...); no subcommand opens the desktop app.

/// `println!` for the command line's output, without a panic when the reader has gone
/// away (`| head`): see [`out`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out::line(format_args!($($arg)*))
    };
}

pub mod access;
pub mod assess;
pub mod calc;
pub mod dossier;
pub mod help;
pub mod otdr;
pub mod out;
pub mod people;
pub mod play;
pub mod results;
pub mod school;
pub mod server;
pub mod sor;
pub mod stored;
pub mod xapi;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::exercise::script::ActionList;
use crate::i18n::{Lang, Msg, printable};
use crate::records::{Db, default_db_path};
use crate::scenario::load::{
    MAX_TEXT_FILE_BYTES, default_scenarios_dir, load_order_str, load_path, load_plan_str,
    read_regular_file, text_of,
};
use crate::scenario::{Diagnostic, LoadedScenario, load_file};

#[derive(Parser, Debug)]
#[command(
    name = "fibrelab",
    version,
    about = "FibreLab: fibre-optic technician training simulator"
)]
pub struct Cli {
    /// Language of messages: fr or en (default: FIBRELAB_LANG or LANG, else French).
    #[arg(long, global = true, value_parser = parse_lang)]
    pub lang: Option<String>,
    /// Attempts database (default: FIBRELAB_DB, else fibrelab/fibrelab.db in the user's
    /// data folder).
    #[arg(long, global = true)]
    pub db: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub app: AppArgs,
}

/// Options of the desktop app (used when no subcommand is given).
#[derive(clap::Args, Debug, Clone, Default)]
pub struct AppArgs {
    /// Scenario folder (default: ./scenarios).
    #[arg(long)]
    pub scenarios: Option<PathBuf>,
    /// Write a screenshot to FILE after --frames frames, then exit.
    #[arg(long, value_name = "FILE")]
    pub screenshot: Option<PathBuf>,
    /// Frames to wait before the screenshot.
    #[arg(long, default_value_t = 30)]
    pub frames: u32,
    /// Screen to open: home, select, briefing, exercise, debrief.
    #[arg(long)]
    pub screen: Option<String>,
    /// Scenario id (or file) for --screen briefing/exercise/debrief.
    #[arg(long)]
    pub scenario: Option<String>,
    /// Seed for --scenario.
    #[arg(long, default_value_t = 1)]
    pub seed: u64,
    /// A stored attempt to open on its debrief as the trainee sees it (--screen review).
    #[arg(long)]
    pub attempt: Option<i64>,
    /// Action list to play before showing --screen exercise or debrief.
    #[arg(long)]
    pub actions: Option<PathBuf>,
    /// Trainee name to start with.
    #[arg(long)]
    pub trainee: Option<String>,
    /// Keys pressed once the screen is up, for screenshots of what they open (escape).
    #[arg(long, value_name = "KEY")]
    pub press: Vec<String>,
    /// A way-out window opened once the screen is up, for screenshots: menu, finish,
    /// abandon, or pause.
    #[arg(long, value_name = "WINDOW")]
    pub open: Option<String>,
    /// Window size, WIDTHxHEIGHT in logical pixels (default 1280x800).
    #[arg(long, value_name = "WxH", value_parser = parse_window_size)]
    pub window: Option<(u32, u32)>,
    /// A mouse drag once the screen is up, X0,Y0:X1,Y1 in window pixels (a click when
    /// both ends are the same), for screenshots of gestures.
    #[arg(long, value_name = "X0,Y0:X1,Y1", value_parser = parse_drag)]
    pub drag: Option<Drag>,
    /// Text size: 1 (normal), 1.15 or 1.3 (Ctrl+ and Ctrl− in the app).
    #[arg(long, default_value_t = 1.0)]
    pub text_size: f32,
    /// After --screen exercise (or debrief) of --scenario, finish it, go through its
    /// debrief to the list and play this scenario too, in the same app (same --seed).
    #[arg(long, value_name = "SCENARIO")]
    pub then: Option<String>,
    /// Action list to play on the --then scenario once started; without --then, more
    /// actions on the first exercise a few frames after it is drawn (a job's next stage
    /// while its screen is up).
    #[arg(long, value_name = "FILE")]
    pub then_actions: Option<PathBuf>,
}

/// A mouse drag on the window, from one point to another (x, y in pixels).
pub type Drag = ((f32, f32), (f32, f32));

/// `10,20:300,20` → ((10, 20), (300, 20)).
fn parse_drag(s: &str) -> Result<Drag, help::MsgError> {
    let bad = || help::MsgError(Msg::new("cli-err-drag").text("found", s));
    let point = |p: &str| -> Result<(f32, f32), help::MsgError> {
        let (x, y) = p.split_once(',').ok_or_else(bad)?;
        let x: f32 = x.trim().parse().map_err(|_| bad())?;
        let y: f32 = y.trim().parse().map_err(|_| bad())?;
        Ok((x, y))
    };
    let (a, b) = s.split_once(':').ok_or_else(bad)?;
    Ok((point(a)?, point(b)?))
}

/// `1920x1080` → (1920, 1080); sizes from 640x480 to 7680x4320.
/// `--lang`: fr or en (`fr_FR.UTF-8`, `EN-us`… too); another language is refused, not
/// silently read as French.
fn parse_lang(s: &str) -> Result<String, help::MsgError> {
    match Lang::parse(s) {
        Some(_) => Ok(s.to_string()),
        None => Err(help::MsgError(Msg::new("cli-err-lang").text("found", s))),
    }
}

fn parse_window_size(s: &str) -> Result<(u32, u32), help::MsgError> {
    const MIN: (u32, u32) = (640, 480);
    const MAX: (u32, u32) = (7680, 4320);
    let bad = || help::MsgError(Msg::new("cli-err-window").text("found", s));
    let (w, h) = s.split_once(['x', 'X']).ok_or_else(bad)?;
    let w: u32 = w.trim().parse().map_err(|_| bad())?;
    let h: u32 = h.trim().parse().map_err(|_| bad())?;
    if !(MIN.0..=MAX.0).contains(&w) || !(MIN.1..=MAX.1).contains(&h) {
        return Err(help::MsgError(
            Msg::new("cli-err-window-size")
                .text("found", s)
                .text("min", format!("{}x{}", MIN.0, MIN.1))
                .text("max", format!("{}x{}", MAX.0, MAX.1)),
        ));
    }
    Ok((w, h))
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// List scenarios: id, module, title, difficulty.
    List { path: Option<PathBuf> },
    /// Check scenario files (and assessment files, plans de boîte, work orders); prints
    /// FILE:LINE:COL: message for each problem.
    Validate {
        #[arg(required = true)]
        paths: Vec<PathBuf>,
    },
    /// Play a scripted action list headless and print the grade report.
    Play {
        /// Scenario file or id.
        scenario: String,
        #[arg(long)]
        seed: u64,
        #[arg(long)]
        actions: PathBuf,
        #[arg(long)]
        json: bool,
        /// The trainee it is played for: on a store with the school's list, someone on
        /// it (name or pseudonym), whose attempt it then is; otherwise a name. Without it,
        /// nobody's ("script").
        #[arg(long)]
        trainee: Option<String>,
        /// Do not record the attempt.
        #[arg(long)]
        no_record: bool,
        /// Wait this long between actions (to watch an attempt being recorded).
        #[arg(long, default_value_t = 0)]
        pace_ms: u64,
        /// A job's dossier, handed in once played: traces, tableau de synthèse, PVs, the
        /// DOE's tables and its documents list, written into this folder.
        #[arg(long)]
        dossier: Option<PathBuf>,
    },
    /// Continue an unfinished attempt with more actions.
    Resume {
        attempt: i64,
        #[arg(long)]
        actions: PathBuf,
        #[arg(long)]
        json: bool,
    },
    /// List stored attempts.
    Attempts {
        /// Only unfinished ones.
        #[arg(long)]
        open: bool,
    },
    /// Close an unfinished attempt without grading it.
    Close { attempt: i64 },
    /// Replay stored attempts and report any whose stored grade does not match its log,
    /// any played on a scenario other than the official one of its id, and any record
    /// the school's seals do not vouch for.
    Verify {
        /// The official scenario folder (default: the shipped one, or FIBRELAB_SCENARIOS).
        #[arg(long)]
        scenarios: Option<PathBuf>,
        /// Check the verification code printed on a report or an attestation.
        #[arg(long)]
        code: Option<String>,
    },
    /// Printable reports (HTML, A4): one attempt, or an assessment's cohort.
    #[command(subcommand)]
    Report(school::ReportCmd),
    /// An attestation of an attempt, from the school's template (HTML, A4).
    Attest {
        attempt: i64,
        /// The school's template (variables {{ name }}, {{ score }}, {{ code }}…; default:
        /// the shipped one).
        #[arg(long)]
        template: Option<PathBuf>,
        #[arg(long)]
        out: PathBuf,
    },
    /// Cohorts (classes): create, list, show, archive.
    #[command(subcommand)]
    Cohort(people::CohortCmd),
    /// Trainers (their PIN opens the school's commands).
    #[command(subcommand)]
    Trainer(people::TrainerCmd),
    /// Trainees: add, import a class list, list.
    #[command(subcommand)]
    Trainee(people::TraineeCmd),
    /// Assessment sessions: validate, create, list, show, close, extend.
    #[command(subcommand)]
    Assess(assess::AssessCmd),
    /// The attempts that count, as a table, an Excel-proof CSV, an .xlsx workbook or JSON
    /// (pseudonyms; names with --names).
    Results {
        #[command(flatten)]
        select: results::Select,
        #[arg(long, value_enum, default_value = "table")]
        format: results::Format,
        #[arg(long)]
        names: bool,
        #[arg(long)]
        out: Option<PathBuf>,
        /// comma: `;` between cells and a decimal comma (French spreadsheets, the default in
        /// French); point: `,` between cells and a decimal point (English spreadsheets).
        #[arg(long)]
        decimal: Option<String>,
    },
    /// Erase the names of the trainees whose cohorts are past their retention date.
    Purge {
        /// Required: the purge applies the retention dates.
        #[arg(long, required = true)]
        expired: bool,
        #[arg(long)]
        dry_run: bool,
    },
    /// Export this seat's attempts as a bundle for the trainer's PC.
    #[command(subcommand)]
    Export(school::ExportCmd),
    /// Import seats' bundles (each attempt replayed before it is kept).
    #[command(subcommand)]
    Import(school::ImportCmd),
    /// xAPI statements for the school's learning record store: export, send, status.
    #[command(subcommand)]
    Xapi(xapi::XapiCmd),
    /// The school's settings.
    #[command(subcommand)]
    School(xapi::SchoolCmd),
    /// A seat of a room on the school's server.
    #[command(subcommand)]
    Seat(server::SeatCmd),
    /// Statistics: each criterion's failure rate and most common feedback.
    #[command(subcommand)]
    Stats(StatsCmd),
    /// Record a trainer's decision on a finished attempt, beside its grade.
    Review {
        attempt: i64,
        /// validated, not-validated or redo.
        #[arg(long)]
        decision: String,
        #[arg(long)]
        comment: Option<String>,
    },
    /// Acquire one OTDR trace of a scenario's link and write it as a .sor file.
    Otdr(otdr::OtdrArgs),
    /// A technician's calculators (pulling tension).
    #[command(subcommand)]
    Calc(calc::Calc),
    /// Print the parameters and the event table of an OTDR trace file (.sor).
    Sor {
        file: PathBuf,
        #[arg(long)]
        json: bool,
    },
}

#[derive(Subcommand, Debug)]
pub enum StatsCmd {
    /// Each criterion across the attempts: failure rate, mean points, the feedback given
    /// most often.
    Criteria {
        #[command(flatten)]
        select: results::Select,
        #[arg(long)]
        json: bool,
    },
}

fn eprint_msg(lang: Lang, m: Msg) {
    eprintln!("{}", m.render(lang));
}

fn print_diagnostics(lang: Lang, ds: &[Diagnostic]) {
    for d in ds {
        outln!("{}", d.render(lang));
    }
}

/// Finds a scenario by path, or by id in the scenarios folder.
pub fn find_scenario(arg: &str, dir: Option<&Path>) -> Result<LoadedScenario, Vec<Diagnostic>> {
    let p = Path::new(arg);
    if p.is_file() {
        return load_file(p);
    }
    let dir = dir
        .map(Path::to_path_buf)
        .unwrap_or_else(default_scenarios_dir);
    for (_, r) in load_path(&dir) {
        if let Ok(l) = r
            && l.scenario.id == arg
        {
            return Ok(l);
        }
    }
    Err(vec![Diagnostic {
        file: arg.to_string(),
        pos: crate::scenario::locate::Pos { line: 1, col: 1 },
        path: String::new(),
        msg: Msg::new("cli-no-scenario")
            .text("id", arg)
            .text("dir", dir.display().to_string()),
    }])
}

/// Opens the store to write in it, sealed with the school's key (made on first use).
fn open_db(lang: Lang, db: Option<PathBuf>) -> Option<Db> {
    let path = db.unwrap_or_else(default_db_path);
    match Db::open_for_school(&path) {
        Ok(db) => Some(db),
        Err(m) => {
            eprint_msg(lang, m);
            None
        }
    }
}

fn read_actions(lang: Lang, path: &Path) -> Option<ActionList> {
    let name = path.display().to_string();
    let bytes = match read_regular_file(path, MAX_TEXT_FILE_BYTES) {
        Ok(b) => b,
        Err(m) => {
            eprint_msg(lang, m);
            return None;
        }
    };
    match ActionList::parse(&bytes, &name) {
        Ok(l) => Some(l),
        Err(d) => {
            print_diagnostics(lang, &[d]);
            None
        }
    }
}

/// Runs one command of the command line (`main` opens the desktop app when none is
/// given, so this module never calls up into the app).
pub fn run(command: Command, lang: Lang, db: Option<PathBuf>) -> ExitCode {
    let code = run_command(command, lang, db);
    if std::env::var_os("FIBRELAB_PEAK_MEMORY").is_some()
        && let Some(kib) = out::peak_memory_kib()
    {
        eprintln!("peak-memory-kib {kib}");
    }
    match out::failure() {
        Some(detail) => {
            eprint_msg(lang, Msg::new("export-cannot-write").text("detail", detail));
            ExitCode::from(2)
        }
        None => code,
    }
}

fn run_command(command: Command, lang: Lang, db: Option<PathBuf>) -> ExitCode {
    match command {
        Command::List { path } => list(lang, path),
        Command::Validate { paths } => validate(lang, &paths),
        Command::Play {
            scenario,
            seed,
            actions,
            json,
            trainee,
            no_record,
            pace_ms,
            dossier,
        } => play::play(
            lang,
            &scenario,
            seed,
            &actions,
            json,
            db,
            trainee.as_deref(),
            no_record,
            pace_ms,
            dossier.as_deref(),
        ),
        Command::Resume {
            attempt,
            actions,
            json,
        } => play::resume(lang, attempt, &actions, json, db),
        Command::Attempts { open } => stored::attempts(lang, db, open),
        Command::Close { attempt } => {
            let db = match access::writer_db(lang, db) {
                Ok(db) => db,
                Err(code) => return code,
            };
            match db.close_attempt(attempt) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) => {
                    eprint_msg(lang, e.msg());
                    ExitCode::FAILURE
                }
            }
        }
        Command::Verify {
            code: Some(code), ..
        } => stored::verify_code(lang, db, &code),
        Command::Verify {
            scenarios,
            code: None,
        } => stored::verify(lang, db, scenarios),
        Command::Report(c) => school::report(lang, db, c),
        Command::Attest {
            attempt,
            template,
            out,
        } => school::attest(lang, db, attempt, template.as_deref(), &out),
        Command::Cohort(c) => people::cohort(lang, db, c),
        Command::Trainer(c) => people::trainer(lang, db, c),
        Command::Trainee(c) => people::trainee(lang, db, c),
        Command::Assess(c) => assess::assess(lang, db, c),
        Command::Results {
            select,
            format,
            names,
            out,
            decimal,
        } => results::results(
            lang,
            db,
            &select,
            format,
            names,
            out.as_deref(),
            decimal.as_deref(),
        ),
        Command::Xapi(c) => xapi::run(lang, db, c),
        Command::School(c) => xapi::school_cmd(lang, db, c),
        Command::Seat(c) => server::seat_cmd(lang, db, c),
        Command::Export(c) => school::export(lang, db, c),
        Command::Import(c) => school::import(lang, db, c),
        Command::Purge {
            expired: _,
            dry_run,
        } => school::purge(lang, db, dry_run),
        Command::Stats(StatsCmd::Criteria { select, json }) => {
            results::stats(lang, db, &select, json)
        }
        Command::Review {
            attempt,
            decision,
            comment,
        } => school::review(lang, db, attempt, &decision, comment.as_deref()),
        Command::Sor { file, json } => sor::sor_info(lang, &file, json),
        Command::Otdr(args) => otdr::run(lang, &args),
        Command::Calc(c) => calc::run(lang, &c),
    }
}

/// Without the `gui` feature there is no app to open: say so.
pub fn no_app(lang: Lang) -> ExitCode {
    eprint_msg(lang, Msg::new("cli-no-gui"));
    ExitCode::from(2)
}

fn list(lang: Lang, path: Option<PathBuf>) -> ExitCode {
    let dir = path.unwrap_or_else(default_scenarios_dir);
    let mut rows: Vec<LoadedScenario> = Vec::new();
    let mut bad = 0;
    for (file, r) in load_path(&dir) {
        match r {
            Ok(l) => rows.push(l),
            Err(_) => {
                bad += 1;
                eprint_msg(
                    lang,
                    Msg::new("cli-list-invalid").text("file", file.display().to_string()),
                );
            }
        }
    }
    rows.sort_by(|a, b| {
        (a.scenario.module(), a.scenario.difficulty, &a.scenario.id).cmp(&(
            b.scenario.module(),
            b.scenario.difficulty,
            &b.scenario.id,
        ))
    });
    let idw = rows
        .iter()
        .map(|r| r.scenario.id.len())
        .max()
        .unwrap_or(2)
        .max(2);
    outln!(
        "{:idw$}  {:10}  {:3}  {}",
        "id",
        crate::i18n::tr(lang, "cli-col-module"),
        crate::i18n::tr(lang, "cli-col-difficulty"),
        crate::i18n::tr(lang, "cli-col-title")
    );
    for l in &rows {
        let s = &l.scenario;
        outln!(
            "{:idw$}  {:10}  {:3}  {} ({})",
            s.id,
            s.module().code(),
            s.difficulty,
            printable(s.title.get(lang)),
            s.mode.name().render(lang)
        );
    }
    if bad > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    }
}

/// Reads the file at `path` and checks it with `check`; prints what is wrong.
fn validate_with(
    lang: Lang,
    path: &Path,
    check: impl Fn(&str, &str) -> Result<(), Vec<Diagnostic>>,
) -> bool {
    let name = path.display().to_string();
    let bytes = match read_regular_file(path, MAX_TEXT_FILE_BYTES) {
        Ok(b) => b,
        Err(m) => {
            eprint_msg(lang, m);
            return false;
        }
    };
    let checked = text_of(&bytes, &name)
        .map_err(|d| vec![d])
        .and_then(|t| check(t, &name));
    match checked {
        Ok(()) => true,
        Err(ds) => {
            print_diagnostics(lang, &ds);
            false
        }
    }
}

fn validate(lang: Lang, paths: &[PathBuf]) -> ExitCode {
    let mut ok = true;
    let mut count = 0;
    for p in paths {
        if !p.exists() {
            ok = false;
            outln!(
                "{}",
                Msg::new("load-cannot-read")
                    .msg(
                        "error",
                        Msg::new("io-at")
                            .text("path", p.display().to_string())
                            .msg("what", Msg::new("io-not-found")),
                    )
                    .render(lang)
            );
            continue;
        }
        // An assessment file is checked as one (`assess validate`), a plan de boîte and
        // a work order as theirs.
        let kind = p.is_file().then(|| assess::ron_kind(p)).flatten();
        match kind.as_deref() {
            Some("Assessment") => {
                count += 1;
                ok &= assess::validate_assessment(lang, p);
                continue;
            }
            Some("Plan") => {
                count += 1;
                ok &= validate_with(lang, p, |t, f| load_plan_str(t, f).map(drop));
                continue;
            }
            Some("WorkOrder") => {
                count += 1;
                ok &= validate_with(lang, p, |t, f| load_order_str(t, f).map(drop));
                continue;
            }
            _ => {}
        }
        for (_, r) in load_path(p) {
            count += 1;
            if let Err(ds) = r {
                ok = false;
                print_diagnostics(lang, &ds);
            }
        }
    }
    if ok {
        eprint_msg(lang, Msg::new("cli-valid").int("n", count as u32));
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
