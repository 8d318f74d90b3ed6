//! Screen flow and action plumbing, without any rendering: the screens' UI sends
//! [`UiCommand`]s, and one system here applies them to the exercise and the records.
//! Headless tests drive the app through this plugin alone.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Mutex;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use crate::exercise::Action;
use crate::i18n::{Lang, Msg};
use crate::records::pins::PinCheck;
use crate::records::{Acted, AttemptSummary, Db, Session};
use crate::scenario::LoadedScenario;
use crate::scenario::load::{Loaded, load_file, refuse_duplicate_ids, scenario_files};

#[derive(States, Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Screen {
    #[default]
    Home,
    Select,
    Briefing,
    Exercise,
    Debrief,
    /// The trainee's attempts, with their debriefs.
    History,
    /// "Je suis…": the trainee picks their cohort and name from the school's list.
    Identify,
    /// The identified trainee's assessments, with the time left.
    Assessments,
    /// The trainer's mode: gradebook, criteria, a trainee's history, live status.
    Trainer,
}

/// Language and trainee, chosen on the home screen.
#[derive(Resource, Debug, Clone)]
pub struct Settings {
    pub lang: Lang,
    pub trainee: String,
    /// The trainee on the school's list ("Je suis…"), when they chose themselves there.
    pub identity: Option<crate::records::school::Trainee>,
    /// The trainer whose PIN opened the trainer's mode: (pseudonym, name).
    pub trainer: Option<(String, String)>,
}

/// Every scenario file found, valid or not (a broken file shows its errors in the app).
#[derive(Resource, Debug, Default, Clone)]
pub struct Catalogue {
    /// Each file as it loaded, before the ids are compared.
    raw: BTreeMap<String, Loaded>,
    /// Each file as the app offers it: two files with one id are both refused.
    pub entries: BTreeMap<String, Loaded>,
}

impl Catalogue {
    /// Loads every file now (the asset loader then keeps entries up to date). Keys are
    /// paths relative to `dir`, as the asset source names them.
    pub fn from_dir(dir: &Path) -> Catalogue {
        let mut c = Catalogue::default();
        for p in scenario_files(dir) {
            let key = p.strip_prefix(dir).unwrap_or(&p).display().to_string();
            c.raw.insert(key, load_file(&p));
        }
        c.compare_ids();
        c
    }

    /// A file loaded again (edited while the app runs).
    pub fn update(&mut self, key: String, loaded: Loaded) {
        self.raw.insert(key, loaded);
        self.compare_ids();
    }

    fn compare_ids(&mut self) {
        let mut all: Vec<(String, Loaded)> = self.raw.clone().into_iter().collect();
        refuse_duplicate_ids(&mut all);
        self.entries = all.into_iter().collect();
    }

    pub fn find(&self, id: &str) -> Option<&LoadedScenario> {
        self.entries
            .values()
            .filter_map(|r| r.as_ref().ok())
            .find(|l| l.scenario.id == id)
    }

    /// A scenario's title in `lang`, or its id when the folder no longer has it.
    pub fn title_of(&self, id: &str, lang: Lang) -> String {
        self.find(id)
            .map(|l| l.scenario.title.get(lang).to_string())
            .unwrap_or_else(|| id.to_string())
    }

    pub fn valid(&self) -> impl Iterator<Item = &LoadedScenario> {
        self.entries.values().filter_map(|r| r.as_ref().ok())
    }
}

/// The attempts database. `None` when it could not be opened (the reason is shown).
#[derive(Resource)]
pub struct Records {
    pub db: Option<Mutex<Db>>,
    pub error: Option<Msg>,
    /// Where it was opened from (to try again: a school's server that did not answer).
    path: std::path::PathBuf,
}

impl Records {
    pub fn open(path: &Path) -> Records {
        match Db::open_for_school(path) {
            Ok(db) => Records {
                db: Some(Mutex::new(db)),
                error: None,
                path: path.to_path_buf(),
            },
            Err(e) => Records {
                db: None,
                error: Some(e),
                path: path.to_path_buf(),
            },
        }
    }

    pub fn with<T>(&self, f: impl FnOnce(&Db) -> T) -> Option<T> {
        let guard = self.db.as_ref()?.lock().ok()?;
        Some(f(&guard))
    }

    /// Whether the app runs on a room's seat on the school's server (see [`Seat`]).
    pub fn seat(&self) -> bool {
        self.with(|db| db.seat_only()).unwrap_or(false)
    }

    pub fn open_attempts(&self, trainee: &str) -> Vec<AttemptSummary> {
        self.with(|db| db.open_attempts(Some(trainee)).unwrap_or_default())
            .unwrap_or_default()
    }
}

mod attempt;
mod live;
mod school;
mod seat;

pub use live::{Current, Live};
pub use seat::{Seat, SeatLogin};

/// A line in the exercise's log panel.
#[derive(Debug, Clone)]
pub struct LogLine {
    pub msg: Msg,
    pub refused: bool,
}

/// A message for the trainee about the app itself (a record that could not be written,
/// an attempt that could not be resumed), shown until the next screen change.
#[derive(Resource, Debug, Default, Clone)]
pub struct Notice(pub Option<Msg>);

/// The scenario chosen on the selection screen, and the seed drawn for it (so that the
/// briefing shows the very fibres the exercise will ask for).
#[derive(Resource, Debug, Default, Clone)]
pub struct Chosen {
    pub id: Option<String>,
    pub seed: u64,
    /// An assessment item opened on its briefing (the attempt starts from there).
    pub assignment: Option<Briefed>,
}

/// An assessment item on its briefing: what the trainee is told before the clock starts.
#[derive(Debug, Clone)]
pub struct Briefed {
    pub assignment: i64,
    pub assessment: String,
    /// The time allowed, ms (extra time included); `None` when the assessment has none.
    pub limit_ms: Option<u64>,
    pub extra_ms: u64,
    /// This attempt's number and the attempts allowed.
    pub attempt: u32,
    pub allowed: u32,
    /// The scenario it is sat on (the pinned one; on a seat, the seat's copy, for the
    /// briefing only: the server hands the pinned one when the clock starts).
    pub loaded: LoadedScenario,
    /// On a room's seat: the assignment's uuid on the school's server.
    pub seat: Option<String>,
}

impl Briefed {
    /// The time allowed, ms: the assessment's limit plus the trainee's extra time.
    fn limit_ms(time_limit_s: Option<i64>, extra_time_s: i64) -> Option<u64> {
        time_limit_s.map(|s| ((s + extra_time_s).max(0) as u64) * 1000)
    }
}

#[derive(Message, Debug, Clone)]
pub enum UiCommand {
    SetLang(Lang),
    SetTextScale(f32),
    /// Open a finished attempt's debrief, as it was graded.
    Review(i64),
    /// Save the OTDR bench's traces (.sor) and report (a page to print).
    SaveRecette,
    /// A finished job's dossier written to the data folder (traces, tableau de
    /// synthèse, PVs, the DOE's tables).
    HandInDossier,
    SetTrainee(String),
    Go(Screen),
    Choose(String),
    /// Pause the attempt (the clock stops in practice), and go on.
    Pause,
    Unpause,
    /// Leave the exercise; the attempt stays open to be resumed.
    Quit,
    /// Close the attempt without a grade.
    Abandon,
    /// Start the chosen scenario, with the chosen seed unless one is given.
    Start {
        seed: Option<u64>,
    },
    /// A gesture; `at_ms` for scripted tests, else the attempt clock.
    Act {
        action: Action,
        at_ms: Option<u64>,
    },
    Retry {
        same_seed: bool,
    },
    Resume(i64),
    CloseAttempt(i64),
    /// "Je suis…": this trainee of the school's list, with their PIN if they have one.
    Identify {
        trainee: i64,
        pin: String,
    },
    /// "Je suis…" by name, for screenshots (`--screen assessments --trainee NAME`): only
    /// a trainee without a PIN.
    IdentifyByName(String),
    /// Open one of the identified trainee's assignments on its briefing.
    BriefAssignment(i64),
    /// The same, by the assignment's scenario (for screenshots: `--screen
    /// assessment-briefing --trainee NAME --scenario ID`).
    BriefScenario(String),
    /// Start an attempt at one of the identified trainee's assignments.
    StartAssignment(i64),
    /// On a room's seat, "Je suis…": this trainee of the room's list (pseudonym, name),
    /// with their PIN, checked by the school's server.
    SeatIdentify {
        trainee: String,
        name: String,
        pin: String,
    },
    /// On a room's seat: open an assignment (its uuid on the server) on its briefing.
    SeatBrief(String),
    /// On a room's seat: start (or resume) the attempt at an assignment on the server.
    SeatStart(String),
    /// Start the assessment item open on the briefing (its button; for screenshots:
    /// `--screen assessment-exercise`).
    StartBriefed,
    /// Open the store again (it could not be opened: a server that did not answer).
    Reopen,
    /// Leave the trainer's mode (the PIN is asked again to come back).
    LeaveTrainer,
    /// Open the trainer's mode with a trainer's PIN.
    TrainerLogin(String),
    /// Show one tab of the trainer's screen (for screenshots: `--open status`).
    TrainerTab(String),
    /// The trainer's decision on a finished attempt, kept beside its grade.
    Decide {
        attempt: i64,
        decision: crate::records::school::Decision,
        comment: String,
    },
}

/// The scenario folder the app reads (an assessment's first attempt pins its scenarios
/// from there).
#[derive(Resource, Debug, Clone)]
pub struct ScenarioDir(pub std::path::PathBuf);

/// The trainee's record, read from the database when the exercise list or the history
/// opens (not on every frame).
#[derive(Resource, Debug, Default, Clone)]
pub struct Progress {
    pub by_exercise: std::collections::BTreeMap<String, crate::records::ExerciseProgress>,
    /// Her attempts, the latest first.
    pub attempts: Vec<AttemptSummary>,
    /// What she may see of each assessment attempt's grade now (its policy).
    pub views: std::collections::BTreeMap<i64, crate::records::assess::FeedbackView>,
}

fn read_progress(records: Res<Records>, settings: Res<Settings>, mut progress: ResMut<Progress>) {
    let who = settings.trainee.trim();
    *progress = records
        .with(|db| Progress {
            by_exercise: db.progress_of(who).unwrap_or_default(),
            views: db
                .attempts_of(who)
                .unwrap_or_default()
                .iter()
                .filter(|a| a.assessment)
                .map(|a| {
                    (
                        a.id,
                        db.feedback_view(a.id)
                            .unwrap_or(crate::records::assess::FeedbackView::Hidden),
                    )
                })
                .collect(),
            attempts: {
                let mut v = db.attempts_of(who).unwrap_or_default();
                v.sort_by_key(|a| std::cmp::Reverse(a.id));
                v
            },
        })
        .unwrap_or_default();
}

pub fn plugin(app: &mut App) {
    app.init_state::<Screen>()
        .init_resource::<Progress>()
        .add_systems(OnEnter(Screen::Select), read_progress)
        .add_systems(OnEnter(Screen::History), read_progress)
        .init_resource::<Current>()
        .init_resource::<Chosen>()
        .init_resource::<Notice>()
        .init_resource::<Seat>()
        .init_resource::<super::theme::TextScale>()
        .add_message::<UiCommand>()
        .add_systems(OnEnter(Screen::Assessments), seat::refresh)
        .add_systems(
            Update,
            reopen.before(apply_commands).in_set(super::AppSet::Apply),
        )
        .add_systems(
            Update,
            seat::retry
                .before(apply_commands)
                .in_set(super::AppSet::Apply),
        )
        .add_systems(
            Update,
            (tick_store_clock, apply_commands)
                .chain()
                .in_set(super::AppSet::Apply),
        );
}

/// Reads the store's clock for an assessment attempt (its time runs by it).
fn tick_store_clock(records: Res<Records>, mut current: ResMut<Current>) {
    if let Some(live) = current.live.as_mut().filter(|l| l.store_start.is_some())
        && let Some(now) = records.with(|db| db.now())
    {
        live.store_now = now;
    }
}

/// When an assessment attempt started by the store's clock, and the clock now (`None`
/// for a free attempt: its time is the time played).
fn assessment_start(records: &Records, attempt: i64) -> (Option<i64>, i64) {
    records
        .with(|db| {
            let x = db.extra(attempt).ok()?;
            x.assignment_id?;
            let now = db.now();
            Some((x.started_at.unwrap_or(now), now))
        })
        .flatten()
        .map_or((None, 0), |(s, n)| (Some(s), n))
}

/// A seed that differs between attempts without any global randomness: the clock.
fn fresh_seed() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64 % 1_000_000)
        .unwrap_or(1)
}

/// What the commands act on, lent to each concern's handlers (`attempt`, `school`).
#[derive(SystemParam)]
pub struct Flow<'w> {
    settings: ResMut<'w, Settings>,
    catalogue: Res<'w, Catalogue>,
    records: Res<'w, Records>,
    dir: Option<Res<'w, ScenarioDir>>,
    chosen: ResMut<'w, Chosen>,
    current: ResMut<'w, Current>,
    notice: ResMut<'w, Notice>,
    next: ResMut<'w, NextState<Screen>>,
    seat: ResMut<'w, Seat>,
    text: ResMut<'w, super::theme::TextScale>,
}

/// The commands of a frame, in their order (one system, so that a choice and a start
/// sent together are taken in that order); each concern's work in its file.
pub fn apply_commands(mut commands: MessageReader<UiCommand>, mut f: Flow) {
    for cmd in commands.read() {
        // The briefing's start, and the screenshots' trainee and item on a seat, as the
        // commands that do them.
        let owned;
        let cmd = match seat::translate(cmd, &f.chosen, &f.records, &f.seat) {
            seat::Translated::Into(c) => {
                owned = c;
                &owned
            }
            seat::Translated::Same => cmd,
            seat::Translated::Skip => continue,
        };
        match cmd.clone() {
            UiCommand::SeatIdentify { trainee, name, pin } => {
                school::seat_identify(&mut f, trainee, name, pin)
            }
            UiCommand::SeatBrief(uuid) => school::seat_brief(&mut f, uuid),
            UiCommand::SeatStart(uuid) => school::seat_start(&mut f, uuid),
            // Turned into the item's own start above.
            UiCommand::StartBriefed => {}
            // Done by `reopen`, which holds the store to replace it.
            UiCommand::Reopen => {}
            UiCommand::SetLang(l) => f.settings.lang = l,
            UiCommand::SaveRecette => attempt::save_recette(&mut f),
            UiCommand::HandInDossier => attempt::hand_in_dossier(&mut f),
            UiCommand::SetTextScale(k) => f.text.0 = super::theme::text_scale_of(k),
            UiCommand::Review(id) => attempt::review(&mut f, id),
            UiCommand::SetTrainee(t) => {
                f.settings.trainee = t;
                f.settings.identity = None;
                f.seat.0 = None;
            }
            UiCommand::Identify { trainee, pin } => school::identify(&mut f, trainee, pin),
            UiCommand::IdentifyByName(name) => school::identify_by_name(&mut f, name),
            UiCommand::TrainerLogin(pin) => school::trainer_login(&mut f, pin),
            // Read by the trainer's screen.
            UiCommand::TrainerTab(_) => {}
            UiCommand::Decide {
                attempt,
                decision,
                comment,
            } => school::decide(&mut f, attempt, decision, comment),
            UiCommand::LeaveTrainer => {
                f.settings.trainer = None;
                f.notice.0 = None;
                f.next.set(Screen::Home);
            }
            UiCommand::BriefAssignment(id) => school::brief(&mut f, Some(id), None),
            UiCommand::BriefScenario(s) => school::brief(&mut f, None, Some(s)),
            UiCommand::StartAssignment(id) => school::start_assignment(&mut f, id),
            UiCommand::Go(s) => {
                f.notice.0 = None;
                // "Je suis…" again on a seat: the PIN kept in memory is forgotten.
                if s == Screen::Identify {
                    f.seat.0 = None;
                }
                f.next.set(s)
            }
            UiCommand::Choose(id) => {
                f.chosen.id = Some(id);
                f.chosen.assignment = None;
                f.chosen.seed = fresh_seed();
                f.next.set(Screen::Briefing);
            }
            UiCommand::Start { seed } => attempt::start_chosen(&mut f, seed),
            UiCommand::Retry { same_seed } => attempt::retry(&mut f, same_seed),
            UiCommand::Resume(id) => attempt::resume(&mut f, id),
            UiCommand::CloseAttempt(id) => {
                if let Some(Err(e)) = f.records.with(|db| db.close_attempt(id)) {
                    f.notice.0 = Some(e.msg());
                }
            }
            UiCommand::Pause => {
                if let Some(live) = f.current.live.as_mut() {
                    live.pause();
                }
            }
            UiCommand::Unpause => {
                if let Some(live) = f.current.live.as_mut() {
                    live.unpause();
                }
            }
            UiCommand::Quit => attempt::quit(&mut f),
            // A seat's attempt cannot be closed from the seat: it stays open on the server,
            // to be resumed or finished.
            UiCommand::Abandon
                if f.current
                    .live
                    .as_ref()
                    .is_some_and(|l| l.session.remote.is_some()) =>
            {
                f.current.live = None;
                f.notice.0 = Some(Msg::new("app-seat-no-abandon"));
                f.next.set(Screen::Assessments);
            }
            UiCommand::Abandon => {
                if let Some(live) = f.current.live.take() {
                    let closed = (live.session.attempt > 0)
                        .then(|| f.records.with(|db| db.close_attempt(live.session.attempt)))
                        .flatten();
                    f.notice.0 = Some(match closed {
                        Some(Err(e)) => e.msg(),
                        Some(Ok(_)) | None => Msg::new("app-abandoned"),
                    });
                }
                f.next.set(Screen::Home);
            }
            UiCommand::Act { action, at_ms } => attempt::act(&mut f, action, at_ms),
        }
    }
}

/// Opens the store again when asked (one that could not be opened when the app started).
fn reopen(mut commands: MessageReader<UiCommand>, mut records: ResMut<Records>) {
    let asked = commands.read().any(|c| matches!(c, UiCommand::Reopen));
    if asked && records.db.is_none() {
        let path = records.path.clone();
        *records = Records::open(&path);
    }
}

/// What the trainee may see of an attempt's grade now (an assessment's feedback policy);
/// `Hidden` when the store cannot say.
fn feedback_view(records: &Records, attempt: i64) -> crate::records::assess::FeedbackView {
    if attempt == 0 {
        return crate::records::assess::FeedbackView::Full;
    }
    records
        .with(|db| db.feedback_view(attempt).ok())
        .flatten()
        .unwrap_or(crate::records::assess::FeedbackView::Hidden)
}

/// The trainee's own number for a recorded attempt (`None` unrecorded or unreadable).
fn number_of(records: &Records, attempt: i64) -> Option<u32> {
    records.with(|db| db.attempt_number(attempt).ok()).flatten()
}

/// What the trainee is told when a PIN does not open.
fn pin_refused(check: crate::records::Result<PinCheck>) -> Msg {
    match check {
        Ok(PinCheck::Open(_)) => Msg::new("app-pin-wrong"),
        Ok(PinCheck::Wrong(n)) => crate::records::pins::wrong_pin_msg(n),
        Ok(PinCheck::Wait(s)) => Msg::new("pin-wait").int("s", s),
        Ok(PinCheck::Closed(m)) => m,
        Err(e) => e.msg(),
    }
}

/// Starts an attempt; returns a notice when it cannot be recorded.
fn start(
    records: &Records,
    settings: &Settings,
    current: &mut Current,
    loaded: &LoadedScenario,
    seed: u64,
) -> Option<Msg> {
    let trainee = if settings.trainee.trim().is_empty() {
        "?".to_string()
    } else {
        settings.trainee.trim().to_string()
    };
    // On the school's list, the attempt is the trainee's by their record.
    let started = records.with(|db| match &settings.identity {
        Some(t) => db.start_for(loaded, seed, t, crate::records::Origin::App),
        None => db.start_as(loaded, seed, &trainee, crate::records::Origin::App),
    });
    let (session, problem) = match started {
        Some(Ok(s)) => (s, None),
        Some(Err(e)) => (Session::unrecorded(loaded, seed, &trainee), Some(e.msg())),
        None => (
            Session::unrecorded(loaded, seed, &trainee),
            records.error.clone(),
        ),
    };
    let notice = problem.map(|e| Msg::new("app-not-recorded").msg("error", e));
    let number = number_of(records, session.attempt);
    current.live = Some(Live::new(session, 0, Vec::new(), number));
    notice
}
