//! The command line: `list`, `validate`, `play`, `resume`, `attempts`, `verify`; no
//! subcommand opens the desktop app.

/// `println!` for the command line's output, without a panic when the reader has gone
/// away (`| head`): see [`out`].
macro_rules! outln {
    ($($arg:tt)*) => {
        $crate::cli::out::line(format_args!($($arg)*))
    };
}

pub mod access;
pub mod calc;
pub mod help;
pub mod otdr;
pub mod out;
pub mod results;
pub mod school;
pub mod server;
pub mod xapi;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde_json::{Value, json};

use crate::exercise::Exercise;
use crate::exercise::script::ActionList;
use crate::grading::GradeReport;
use crate::i18n::{Lang, Msg, printable};
use crate::records::{Acted, Db, RecordsError, Session, Status, default_db_path};
use crate::scenario::load::{
    MAX_TEXT_FILE_BYTES, MAX_TRACE_FILE_BYTES, default_scenarios_dir, load_path, read_regular_file,
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
    /// Check scenario files; prints FILE:LINE:COL: message for each problem.
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
    Cohort(school::CohortCmd),
    /// Trainers (their PIN opens the school's commands).
    #[command(subcommand)]
    Trainer(school::TrainerCmd),
    /// Trainees: add, import a class list, list.
    #[command(subcommand)]
    Trainee(school::TraineeCmd),
    /// Assessment sessions: validate, create, list, show, close, extend.
    #[command(subcommand)]
    Assess(school::AssessCmd),
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
        } => play(
            lang,
            &scenario,
            seed,
            &actions,
            json,
            db,
            trainee.as_deref(),
            no_record,
            pace_ms,
        ),
        Command::Resume {
            attempt,
            actions,
            json,
        } => resume(lang, attempt, &actions, json, db),
        Command::Attempts { open } => attempts(lang, db, open),
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
        } => verify_code(lang, db, &code),
        Command::Verify {
            scenarios,
            code: None,
        } => verify(lang, db, scenarios),
        Command::Report(c) => school::report(lang, db, c),
        Command::Attest {
            attempt,
            template,
            out,
        } => school::attest(lang, db, attempt, template.as_deref(), &out),
        Command::Cohort(c) => school::cohort(lang, db, c),
        Command::Trainer(c) => school::trainer(lang, db, c),
        Command::Trainee(c) => school::trainee(lang, db, c),
        Command::Assess(c) => school::assess(lang, db, c),
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
        Command::Sor { file, json } => sor_info(lang, &file, json),
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
        // An assessment file is checked as one (`assess validate`).
        if p.is_file() && school::is_assessment_file(p) {
            count += 1;
            ok &= school::validate_assessment(lang, p);
            continue;
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

#[allow(clippy::too_many_arguments)]
fn play(
    lang: Lang,
    scenario: &str,
    seed: u64,
    actions: &Path,
    json: bool,
    db: Option<PathBuf>,
    trainee: Option<&str>,
    no_record: bool,
    pace_ms: u64,
) -> ExitCode {
    let loaded = match find_scenario(scenario, None) {
        Ok(l) => l,
        Err(ds) => {
            print_diagnostics(lang, &ds);
            return ExitCode::FAILURE;
        }
    };
    let Some(list) = read_actions(lang, actions) else {
        return ExitCode::FAILURE;
    };
    if let Some(id) = &list.scenario
        && *id != loaded.scenario.id
    {
        eprint_msg(
            lang,
            Msg::new("cli-script-other-scenario")
                .text("script", id.clone())
                .text("scenario", loaded.scenario.id.clone()),
        );
        return ExitCode::FAILURE;
    }
    let steps = list.timed();
    // An assessment's scenario: what the seed drew and the feedback are its answer key,
    // not printed for whoever runs `play`.
    let hidden = in_open_assessment(db.clone(), &loaded.scenario.id);
    if no_record {
        let mut ex = Exercise::generate(&loaded.scenario, seed);
        let mut refused = Vec::new();
        for (i, (at, a)) in steps.into_iter().enumerate() {
            if let Err(r) = ex.apply(at, a) {
                refused.push((i, r.reason));
            }
        }
        finish_if_needed(&mut ex, &mut refused);
        print_report(
            lang,
            &ex,
            &crate::grading::grade(&ex),
            &refused,
            json,
            hidden,
        );
        return ExitCode::SUCCESS;
    }
    let Some(db) = open_db(lang, db) else {
        return ExitCode::from(2);
    };
    // Once the school has its list, an attempt is someone's on it (who opens their
    // session: their PIN where they have one), or nobody's.
    let on_list = match trainee {
        Some(name) if db.has_roster().unwrap_or(false) => match db.trainee(name) {
            Ok(t) => {
                if let Err(code) = access::trainee_login(lang, &db, &t) {
                    return code;
                }
                Some(t)
            }
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::FAILURE;
            }
        },
        Some(_) | None => None,
    };
    let started = match &on_list {
        Some(t) => db.start_for(&loaded, seed, t, crate::records::Origin::Script),
        None => db.start(&loaded, seed, trainee.unwrap_or("script")),
    };
    let mut session = match started {
        Ok(s) => s,
        Err(e) => {
            eprint_msg(lang, e.msg());
            return ExitCode::from(2);
        }
    };
    run_steps(lang, &db, &mut session, steps, json, pace_ms, hidden)
}

/// Whether the store (when there is one) gives this scenario in an assessment not yet
/// closed.
fn in_open_assessment(db: Option<PathBuf>, scenario_id: &str) -> bool {
    // The store named, the one FIBRELAB_DB names and the user's own: pointing `--db` or
    // the variable at an empty file does not lift it.
    let mut paths = vec![crate::records::platform_db_path(), default_db_path()];
    paths.extend(db);
    paths.iter().any(|path| {
        Db::open_read_only(path)
            .ok()
            .is_some_and(|db| db.in_open_assessment(scenario_id).unwrap_or(false))
    })
}

fn finish_if_needed(ex: &mut Exercise, refused: &mut Vec<(usize, Msg)>) {
    if !ex.is_finished() {
        let at = ex.elapsed_ms();
        if let Err(r) = ex.apply(at, crate::exercise::Action::Finish) {
            refused.push((usize::MAX, r.reason));
        }
    }
}

fn run_steps(
    lang: Lang,
    db: &Db,
    session: &mut Session,
    steps: Vec<(u64, crate::exercise::Action)>,
    json: bool,
    pace_ms: u64,
    hidden: bool,
) -> ExitCode {
    let mut refused = Vec::new();
    let n_steps = steps.len();
    for (i, (at, a)) in steps.into_iter().enumerate() {
        if pace_ms > 0 && i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(pace_ms));
        }
        match session.act(db, at, a) {
            Ok(Acted::Accepted(_)) => {
                if pace_ms > 0 {
                    eprintln!(
                        "recorded {} {}",
                        session.attempt,
                        session.exercise.log.len()
                    );
                }
            }
            Ok(Acted::Refused(r)) => refused.push((i, r.reason)),
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::from(2);
            }
        }
    }
    if !session.exercise.is_finished() {
        let at = session.exercise.elapsed_ms();
        match session.act(db, at, crate::exercise::Action::Finish) {
            Ok(Acted::Refused(r)) => refused.push((n_steps, r.reason)),
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::from(2);
            }
            Ok(Acted::Accepted(_)) => {}
        }
    }
    eprint_msg(
        lang,
        Msg::new("cli-recorded")
            .int("id", session.attempt)
            .text("db", db.path.display().to_string()),
    );
    print_report(
        lang,
        &session.exercise,
        &session.report(),
        &refused,
        json,
        hidden,
    );
    ExitCode::SUCCESS
}

fn resume(lang: Lang, attempt: i64, actions: &Path, json: bool, db: Option<PathBuf>) -> ExitCode {
    let Some(db) = open_db(lang, db) else {
        return ExitCode::from(2);
    };
    let Some(list) = read_actions(lang, actions) else {
        return ExitCode::FAILURE;
    };
    // An assessment's attempt is continued in the app only, never from a script.
    if db.extra(attempt).is_ok_and(|x| x.assignment_id.is_some()) {
        eprint_msg(lang, RecordsError::AssessmentOnly(attempt).msg());
        return ExitCode::FAILURE;
    }
    let mut session = match db.resume(attempt) {
        Ok(s) => s,
        // Stopped between its "finish" and its grade: graded now, and said as a success
        // (nothing was lost; the list's further actions come after its end).
        Err(RecordsError::Ended(id)) => {
            eprint_msg(lang, RecordsError::Ended(id).msg());
            return match db.review(id) {
                Ok((session, report)) => {
                    let hidden = db
                        .in_open_assessment(&session.loaded.scenario.id)
                        .unwrap_or(false);
                    print_report(lang, &session.exercise, &report, &[], json, hidden);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint_msg(lang, e.msg());
                    ExitCode::from(2)
                }
            };
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            return ExitCode::FAILURE;
        }
    };
    let hidden = db
        .in_open_assessment(&session.loaded.scenario.id)
        .unwrap_or(false);
    // Times in the list continue from the last recorded action.
    let offset = session.exercise.elapsed_ms();
    let steps = list
        .timed()
        .into_iter()
        .map(|(t, a)| (t.max(offset), a))
        .collect();
    run_steps(lang, &db, &mut session, steps, json, 0, hidden)
}

fn attempts(lang: Lang, db: Option<PathBuf>, open: bool) -> ExitCode {
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
fn verify_code(lang: Lang, db: Option<PathBuf>, code: &str) -> ExitCode {
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

fn verify(lang: Lang, db: Option<PathBuf>, scenarios: Option<PathBuf>) -> ExitCode {
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

/// What people read of a criterion of the exercise's rubric: its title, found by id.
fn criterion_title(ex: &Exercise, id: &str) -> Msg {
    ex.scenario
        .rubric
        .criteria
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.check.title())
        .unwrap_or_else(|| crate::records::results::untitled(id))
}

/// The grade report as JSON (stable key order, no attempt number: the same seed and
/// actions give byte-identical output).
pub fn report_json(
    lang: Lang,
    ex: &Exercise,
    report: &GradeReport,
    refused: &[(usize, Msg)],
) -> Value {
    let criteria: Vec<Value> = report
        .criteria
        .iter()
        .map(|c| {
            json!({
                "id": c.id,
                "points": c.points,
                "max_points": c.max_points,
                "met": c.met,
                "critical": c.critical,
                "feedback": c.feedback.render(lang),
                "feedback_key": c.feedback.key,
            })
        })
        .collect();
    let summary = ex.summary();
    let mut v = json!({
        "scenario": report.scenario_id,
        "seed": report.seed,
        "score": report.score,
        "pass_mark": report.pass_mark,
        "passed": report.passed,
        "finished": report.finished,
        "elapsed_s": report.elapsed_s,
        "critical_failed": report.critical_failed,
        "criteria": criteria,
        "stages": report.stages.iter().map(|s| json!({
            "stage": s.stage.code(),
            "points": s.points,
            "max_points": s.max_points,
            "all_met": s.all_met,
        })).collect::<Vec<_>>(),
        "drawn": summary.drawn,
        "refused": refused.iter().map(|(i, m)| json!({
            "step": if *i == usize::MAX { Value::Null } else { json!(i + 1) },
            "reason": m.render(lang),
        })).collect::<Vec<_>>(),
    });
    if let Some(map) = v.as_object_mut() {
        map.insert(summary.key.to_string(), summary.result);
    }
    v
}

fn print_report(
    lang: Lang,
    ex: &Exercise,
    report: &GradeReport,
    refused: &[(usize, Msg)],
    json: bool,
    hidden: bool,
) {
    if hidden {
        eprint_msg(lang, Msg::new("cli-assessment-hidden"));
        let verdict = if report.passed {
            "cli-passed"
        } else {
            "cli-failed"
        };
        if json {
            let v = json!({
                "scenario": report.scenario_id,
                "score": report.score,
                "pass_mark": report.pass_mark,
                "passed": report.passed,
                "finished": report.finished,
                "hidden": true,
            });
            outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        } else {
            outln!(
                "{}",
                Msg::new("cli-score")
                    .num("score", report.score, 1)
                    .num("pass", report.pass_mark, 0)
                    .msg("verdict", Msg::new(verdict))
                    .render(lang)
            );
        }
        return;
    }
    if json {
        let v = report_json(lang, ex, report, refused);
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    outln!("{}", printable(ex.scenario.title.get(lang)));
    for (i, m) in refused {
        outln!(
            "  {}",
            Msg::new("cli-refused")
                .int("n", (*i + 1) as u32)
                .msg("reason", m.clone())
                .render(lang)
        );
    }
    let verdict = if report.passed {
        "cli-passed"
    } else {
        "cli-failed"
    };
    outln!(
        "{}",
        Msg::new("cli-score")
            .num("score", report.score, 1)
            .num("pass", report.pass_mark, 0)
            .msg("verdict", Msg::new(verdict))
            .render(lang)
    );
    for s in &report.stages {
        outln!(
            "  {} {:>5}/{:<5} {}",
            if s.all_met { "[ok]" } else { "[--]" },
            lang.num(s.points, 1),
            lang.num(s.max_points, 0),
            s.stage.name().render(lang)
        );
    }
    // Each criterion by its title, padded to the longest (a width counts characters).
    let titles: Vec<String> = report
        .criteria
        .iter()
        .map(|c| printable(&criterion_title(ex, &c.id).render(lang)).into_owned())
        .collect();
    let width = titles.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    for (c, title) in report.criteria.iter().zip(&titles) {
        outln!(
            "  [{}] {title:width$} {:>5}/{:<5} {}",
            if c.met {
                "ok"
            } else if c.critical {
                "!!"
            } else {
                "--"
            },
            lang.num(c.points, 1),
            lang.num(c.max_points, 0),
            c.feedback.render(lang)
        );
    }
}

/// One-way time in 100 ps units to distance in metres, for a group index.
fn time_to_m(t: f64, ior: f64) -> f64 {
    if ior > 0.0 {
        t * 1e-10 * crate::sor::C_M_PER_S / ior
    } else {
        0.0
    }
}

/// A text field of a trace file, or a dash when the instrument left it empty.
fn field(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        "—".into()
    } else {
        t.to_string()
    }
}

fn sor_info(lang: Lang, path: &Path, json: bool) -> ExitCode {
    let bytes = match read_regular_file(path, MAX_TRACE_FILE_BYTES) {
        Ok(b) => b,
        Err(m) => {
            eprint_msg(lang, m);
            return ExitCode::FAILURE;
        }
    };
    let file = match crate::sor::read(&bytes) {
        Ok(f) => f,
        Err(e) => {
            outln!("{}: {}", path.display(), e.msg().render(lang));
            return ExitCode::FAILURE;
        }
    };
    if json {
        let v = serde_json::to_value(&file).unwrap_or(Value::Null);
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let ior = file.fxd.as_ref().map(|f| f.group_index()).unwrap_or(0.0);
    if let Some(f) = &file.fxd {
        let sup = file.sup.clone().unwrap_or_default();
        let points: u32 = f.points_per_pulse.first().copied().unwrap_or(0);
        outln!(
            "{}",
            Msg::new("sor-summary")
                .text(
                    "instrument",
                    field(&format!(
                        "{} {}",
                        sup.supplier.trim(),
                        sup.mainframe_id.trim()
                    ))
                )
                .num("wavelength", f.wavelength_nm(), 1)
                .int(
                    "pulse",
                    f.pulse_widths_ns.first().copied().unwrap_or(0) as i64
                )
                .num("ior", ior, 5)
                .num("bc", f.backscatter_db(), 1)
                .int("points", points as i64)
                .num("resolution", f.resolution_m().unwrap_or(0.0), 3)
                .num("range", time_to_m(f.acquisition_range as f64, ior), 0)
                .render(lang)
        );
    }
    if let Some(g) = &file.general {
        outln!(
            "{}",
            Msg::new("sor-ids")
                .text("cable", field(&g.cable_id))
                .text("fibre", field(&g.fibre_id))
                .text("a", field(&g.location_a))
                .text("b", field(&g.location_b))
                .text("operator", field(&g.operator))
                .render(lang)
        );
    }
    if let Some(k) = &file.events {
        outln!("{}", crate::i18n::tr(lang, "sor-events-title"));
        outln!(
            "  {:>3}  {:>12}  {:<16} {:>10}  {:>16}",
            crate::i18n::tr(lang, "sor-col-event"),
            crate::i18n::tr(lang, "sor-col-distance"),
            crate::i18n::tr(lang, "sor-col-type"),
            crate::i18n::tr(lang, "sor-col-loss"),
            crate::i18n::tr(lang, "sor-col-reflectance"),
        );
        for e in &k.events {
            let kind = if e.is_end() {
                "sor-type-end"
            } else if e.is_reflective() {
                "sor-type-reflective"
            } else {
                "sor-type-non-reflective"
            };
            let refl = if e.reflectance != 0 {
                lang.num(e.reflectance_db(), 2)
            } else {
                "-".into()
            };
            outln!(
                "  {:>3}  {:>12}  {:<16} {:>10}  {:>16}",
                e.number,
                lang.num(time_to_m(e.time as f64, ior), 1),
                crate::i18n::tr(lang, kind),
                lang.num(e.loss_db(), 3),
                refl
            );
        }
        outln!(
            "{}",
            Msg::new("sor-totals")
                .num("e2e", k.end_to_end_loss as f64 / 1000.0, 3)
                .num("orl", k.orl as f64 / 1000.0, 2)
                .render(lang)
        );
    }
    let cks = match &file.checksum {
        None => Msg::new("sor-no-checksum"),
        Some(c) => {
            let value = format!("0x{:04X}", c.stored);
            match crate::sor::verify_checksum(&bytes, &file) {
                Some(conv) => {
                    let key = match conv {
                        crate::sor::ChecksumConvention::CcittAllBefore => "sor-convention-ccitt",
                        crate::sor::ChecksumConvention::XmodemAllBefore => "sor-convention-xmodem",
                        crate::sor::ChecksumConvention::CcittBeforeBlock => "sor-convention-block",
                    };
                    Msg::new("sor-checksum-ok")
                        .text("value", value)
                        .msg("convention", Msg::new(key))
                }
                None => Msg::new("sor-checksum-unknown").text("value", value),
            }
        }
    };
    outln!("{}", cks.render(lang));
    if !file.skipped.is_empty() {
        outln!(
            "{}",
            Msg::new("sor-skipped")
                .text("names", file.skipped.join(", "))
                .render(lang)
        );
    }
    ExitCode::SUCCESS
}
