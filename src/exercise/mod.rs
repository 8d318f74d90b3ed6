//! Exercises as pure state machines:
//! `(scenario, seed) → state`, `state + action → state + outcome (or refusal)`.
//! The Bevy app and the CLI both drive exercises only through [`Exercise::apply`].
//!
//! Every module is a [`Bench`]: it is drawn from its set-up, takes its own actions one
//! [`Turn`] at a time, says what the trainee is asked to do, and knows when it is
//! finished. This file is the only place that dispatches over the modules, one arm each.

pub mod action;
pub mod audit;
pub mod boxwork;
pub mod closure;
pub mod connect;
pub mod job;
pub mod otdr;
pub mod prep;
pub mod routing;
pub mod script;
pub mod splice;

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::limits::MAX_ATTEMPT_MS;
use crate::rng::{STREAM_GENERATE, SimRng, stream_for_action};
use crate::scenario::{Attachments, ExerciseSpec, Mode, Scenario};
pub use action::{
    Action, ConnectAction, JobAction, OtdrAction, PrepAction, RoutingAction, SpliceAction,
};
pub use connect::ConnectState;
pub use job::JobState;
pub use otdr::OtdrState;
pub use prep::PrepState;
pub use routing::RoutingState;
pub use splice::SpliceState;

/// An accepted action with the time it was taken, milliseconds since the attempt started.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LoggedAction {
    pub at_ms: u64,
    pub action: Action,
}

/// What an accepted action did, for the trainee.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Outcome {
    pub msgs: Vec<Msg>,
}

impl Outcome {
    pub fn of(msgs: Vec<Msg>) -> Outcome {
        Outcome { msgs }
    }
}

/// Why an action was refused. A refused action changes nothing and is not logged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub reason: Msg,
}

impl Refusal {
    pub fn new(reason: Msg) -> Refusal {
        Refusal { reason }
    }

    /// An action of another module than the bench's.
    pub fn wrong_module() -> Refusal {
        Refusal::new(Msg::new("refuse-wrong-module"))
    }
}

/// Everything one action is taken with, besides the bench and the action itself.
pub struct Turn<'a> {
    pub mode: Mode,
    /// The action's index in the log; its outcome is drawn from its own random stream.
    pub index: usize,
    pub at_ms: u64,
    pub rng: &'a mut SimRng,
}

/// The contract of a module's exercise. A bench keeps its own set-up (it is drawn once
/// from the scenario and never changes), so every method works on the bench alone.
pub trait Bench: Sized {
    type Setup;

    /// Draws the bench from its set-up (`files`: the files the scenario refers to).
    fn generate(setup: &Self::Setup, files: &Attachments, rng: &mut SimRng) -> Self;

    /// Applies one action of the module. A bench matches its own module's actions
    /// exhaustively and refuses any other module's with [`Refusal::wrong_module`]; hints
    /// and the end are not passed here (see [`turn`]).
    fn apply(&mut self, action: &Action, turn: &mut Turn<'_>) -> Result<Outcome, Refusal>;

    /// The next sensible step, in plain words (practice mode); refused where there is
    /// nothing to give a hint on (a job's test stage with no fibre).
    fn next_step(&self) -> Result<Msg, Refusal>;

    /// What the trainee is asked to do, as short lines.
    fn task_lines(&self) -> Vec<Msg>;

    /// The hints asked and the end, which every bench keeps.
    fn progress(&self) -> &Progress;
    fn progress_mut(&mut self) -> &mut Progress;

    /// A hint: the next step, counted.
    fn hint(&mut self) -> Result<Msg, Refusal> {
        let m = self.next_step()?;
        self.progress_mut().hints_used += 1;
        Ok(m)
    }

    /// The trainee declares the work finished at `at_ms`.
    fn finish(&mut self, at_ms: u64) -> Outcome {
        self.progress_mut().finished_at_ms = Some(at_ms);
        Outcome::of(vec![Msg::new("out-finished")])
    }

    /// When the trainee declared the exercise finished, ms.
    fn finished_at_ms(&self) -> Option<u64> {
        self.progress().finished_at_ms
    }

    /// What was drawn and what was done, as data (for reports and exports).
    fn summary(&self) -> Summary;
}

/// One station of a bench: the work one kind of task asks for, done on what the bench's
/// stations share (the routing site; the connect link). A bench made of stations holds
/// the ones its scenario asks for, hands each its own actions, and asks the stations
/// present, in the bench's order, for the next step and for the task lines; grading and
/// the app read a station, not the bench's insides. One file per station in each layer
/// (`scenario`, `scenario::validate`, `exercise`, `grading`, `app::modules`).
pub trait Station: Sized {
    /// What the scenario asks of the station (its task or tasks, typed).
    type Task;
    /// The station's own gestures.
    type Action;
    /// What the bench's stations share.
    type Shared;

    /// Draws the station from its task, once the shared part is drawn.
    fn generate(task: &Self::Task, on: &Self::Shared, rng: &mut SimRng) -> Self;

    /// Takes one of the station's gestures.
    fn apply(
        &mut self,
        on: &mut Self::Shared,
        action: &Self::Action,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal>;

    /// The station's next sensible step, if its work is not done.
    fn next_step(&self, on: &Self::Shared) -> Option<Msg>;

    /// What the station's tasks ask, as short lines.
    fn task_lines(&self, on: &Self::Shared) -> Vec<Msg>;
}

/// What every bench keeps beside its own state.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub hints_used: u32,
    /// When the trainee declared the exercise finished, ms.
    pub finished_at_ms: Option<u64>,
}

/// An attempt's bench as data: what the seed drew, and what the trainee made of it under
/// a name that says what it is (`prepared_ends`, `otdr`, `splices`, `job`).
#[derive(Clone, Debug, PartialEq)]
pub struct Summary {
    pub drawn: serde_json::Value,
    pub key: &'static str,
    pub result: serde_json::Value,
}

/// One turn on a bench: a hint (refused in an assessment), the end, or a gesture.
pub fn turn<B: Bench>(b: &mut B, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
    match action {
        Action::AskHint => {
            if t.mode == Mode::Assessment {
                return Err(Refusal::new(Msg::new("refuse-no-hints")));
            }
            Ok(Outcome::of(vec![b.hint()?]))
        }
        Action::Finish => Ok(b.finish(t.at_ms)),
        Action::Prep(_)
        | Action::Otdr(_)
        | Action::Splice(_)
        | Action::Job(_)
        | Action::Routing(_)
        | Action::Connect(_) => b.apply(action, t),
    }
}

/// The state of one module's exercise.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum ModuleState {
    CablePrep(PrepState),
    Otdr(Box<OtdrState>),
    Splice(Box<SpliceState>),
    Job(Box<JobState>),
    Routing(Box<RoutingState>),
    Connect(Box<ConnectState>),
}

impl ModuleState {
    /// The cable-preparation bench of a cable-preparation exercise.
    pub fn cable_prep(&self) -> Option<&PrepState> {
        if let ModuleState::CablePrep(s) = self {
            Some(s)
        } else {
            None
        }
    }

    /// The routing bench in use: a routing exercise, or a job at its routing stage.
    pub fn routing(&self) -> Option<&RoutingState> {
        match self {
            ModuleState::Routing(s) => Some(s),
            ModuleState::Job(j) => j.routing(),
            ModuleState::CablePrep(_)
            | ModuleState::Otdr(_)
            | ModuleState::Splice(_)
            | ModuleState::Connect(_) => None,
        }
    }

    /// The connecting-and-measuring bench in use: such an exercise, or a job at its
    /// connecting stage.
    pub fn connect(&self) -> Option<&ConnectState> {
        match self {
            ModuleState::Connect(s) => Some(s),
            ModuleState::Job(j) => j.connecting(),
            ModuleState::CablePrep(_)
            | ModuleState::Otdr(_)
            | ModuleState::Splice(_)
            | ModuleState::Routing(_) => None,
        }
    }

    /// The job, for a job.
    pub fn job(&self) -> Option<&JobState> {
        if let ModuleState::Job(j) = self {
            Some(j)
        } else {
            None
        }
    }

    /// The splicing bench in use: a splicing exercise, or a job at its splicing stage.
    pub fn splicing(&self) -> Option<&SpliceState> {
        match self {
            ModuleState::Splice(s) => Some(s),
            ModuleState::Job(j) => j.splicing(),
            ModuleState::CablePrep(_)
            | ModuleState::Otdr(_)
            | ModuleState::Routing(_)
            | ModuleState::Connect(_) => None,
        }
    }

    /// The OTDR bench in use: an OTDR exercise, or the fibre connected at a job's test
    /// stage.
    pub fn otdr(&self) -> Option<&OtdrState> {
        match self {
            ModuleState::Otdr(s) => Some(s),
            ModuleState::Job(j) => j.current_otdr(),
            ModuleState::CablePrep(_)
            | ModuleState::Splice(_)
            | ModuleState::Routing(_)
            | ModuleState::Connect(_) => None,
        }
    }
}

/// One attempt at a scenario: the scenario, the seed, the state and the log.
#[derive(Clone, Debug)]
pub struct Exercise {
    pub scenario: Scenario,
    pub seed: u64,
    pub state: ModuleState,
    pub log: Vec<LoggedAction>,
    /// An assessment's time limit for this attempt (its extra time included), ms from the
    /// start: an action taken later is refused, so the attempt is graded as it stood then.
    pub time_limit_ms: Option<u64>,
}

impl Exercise {
    /// Draws the exercise from the scenario's ranges with `seed`.
    pub fn generate(scenario: &Scenario, seed: u64) -> Exercise {
        let mut rng = SimRng::new(seed, STREAM_GENERATE);
        let files = &scenario.attachments;
        let state = match &scenario.exercise {
            ExerciseSpec::CablePrep(s) => {
                ModuleState::CablePrep(PrepState::generate(s, files, &mut rng))
            }
            ExerciseSpec::Otdr(s) => {
                ModuleState::Otdr(Box::new(OtdrState::generate(s, files, &mut rng)))
            }
            ExerciseSpec::Splice(s) => {
                ModuleState::Splice(Box::new(SpliceState::generate(s, files, &mut rng)))
            }
            ExerciseSpec::Job(s) => {
                ModuleState::Job(Box::new(JobState::generate(s, files, &mut rng)))
            }
            ExerciseSpec::Connect(s) => {
                ModuleState::Connect(Box::new(ConnectState::generate(s, files, &mut rng)))
            }
            ExerciseSpec::Routing(s) => {
                ModuleState::Routing(Box::new(RoutingState::generate(s, files, &mut rng)))
            }
        };
        Exercise {
            scenario: scenario.clone(),
            seed,
            state,
            log: Vec::new(),
            time_limit_ms: None,
        }
    }

    /// The exercise under an assessment's time limit (ms from the start).
    pub fn with_time_limit(mut self, limit_ms: Option<u64>) -> Exercise {
        self.time_limit_ms = limit_ms;
        self
    }

    pub fn mode(&self) -> Mode {
        self.scenario.mode
    }

    /// Applies one action taken at `at_ms`. Times must not go backwards.
    pub fn apply(&mut self, at_ms: u64, action: Action) -> Result<Outcome, Refusal> {
        if let Some(last) = self.log.last()
            && at_ms < last.at_ms
        {
            return Err(Refusal::new(
                Msg::new("refuse-time-backwards")
                    .num("at", at_ms as f64 / 1000.0, 1)
                    .num("last", last.at_ms as f64 / 1000.0, 1),
            ));
        }
        if at_ms > MAX_ATTEMPT_MS {
            return Err(Refusal::new(
                Msg::new("refuse-time-too-late")
                    .num("at", at_ms as f64 / 3_600_000.0, 0)
                    .num("max", MAX_ATTEMPT_MS as f64 / 3_600_000.0, 0),
            ));
        }
        if self.is_finished() {
            return Err(Refusal::new(Msg::new("refuse-finished")));
        }
        if let Some(limit) = self.time_limit_ms
            && at_ms > limit
        {
            return Err(Refusal::new(Msg::new("refuse-time-up").num(
                "limit",
                limit as f64 / 60_000.0,
                0,
            )));
        }
        let index = self.log.len();
        let mut rng = SimRng::new(self.seed, stream_for_action(index));
        let mut t = Turn {
            mode: self.scenario.mode,
            index,
            at_ms,
            rng: &mut rng,
        };
        let outcome = match &mut self.state {
            ModuleState::CablePrep(b) => turn(b, &action, &mut t),
            ModuleState::Otdr(b) => turn(&mut **b, &action, &mut t),
            ModuleState::Splice(b) => turn(&mut **b, &action, &mut t),
            ModuleState::Job(b) => turn(&mut **b, &action, &mut t),
            ModuleState::Routing(b) => turn(&mut **b, &action, &mut t),
            ModuleState::Connect(b) => turn(&mut **b, &action, &mut t),
        }?;
        self.log.push(LoggedAction { at_ms, action });
        Ok(outcome)
    }

    pub fn is_finished(&self) -> bool {
        self.finished_at_ms().is_some()
    }

    /// When the trainee declared the exercise finished, ms.
    pub fn finished_at_ms(&self) -> Option<u64> {
        match &self.state {
            ModuleState::CablePrep(b) => b.finished_at_ms(),
            ModuleState::Otdr(b) => b.finished_at_ms(),
            ModuleState::Splice(b) => b.finished_at_ms(),
            ModuleState::Job(b) => b.finished_at_ms(),
            ModuleState::Routing(b) => b.finished_at_ms(),
            ModuleState::Connect(b) => b.finished_at_ms(),
        }
    }

    /// What the trainee is asked to do, as short lines.
    pub fn task_lines(&self) -> Vec<Msg> {
        match &self.state {
            ModuleState::CablePrep(b) => b.task_lines(),
            ModuleState::Otdr(b) => b.task_lines(),
            ModuleState::Splice(b) => b.task_lines(),
            ModuleState::Job(b) => b.task_lines(),
            ModuleState::Routing(b) => b.task_lines(),
            ModuleState::Connect(b) => b.task_lines(),
        }
    }

    /// What was drawn and what was done, as data.
    pub fn summary(&self) -> Summary {
        match &self.state {
            ModuleState::CablePrep(b) => b.summary(),
            ModuleState::Otdr(b) => b.summary(),
            ModuleState::Splice(b) => b.summary(),
            ModuleState::Job(b) => b.summary(),
            ModuleState::Routing(b) => b.summary(),
            ModuleState::Connect(b) => b.summary(),
        }
    }

    /// Time of the last action, ms.
    pub fn elapsed_ms(&self) -> u64 {
        self.log.last().map(|a| a.at_ms).unwrap_or(0)
    }

    /// Rebuilds an exercise from its seed and log; fails on the first action that the
    /// engine refuses (a log that does not belong to this scenario and seed).
    pub fn replay(
        scenario: &Scenario,
        seed: u64,
        log: &[LoggedAction],
    ) -> Result<Exercise, (usize, Refusal)> {
        Exercise::replay_limited(scenario, seed, None, log)
    }

    /// [`Exercise::replay`] under an assessment's time limit, as the attempt was played.
    pub fn replay_limited(
        scenario: &Scenario,
        seed: u64,
        limit_ms: Option<u64>,
        log: &[LoggedAction],
    ) -> Result<Exercise, (usize, Refusal)> {
        let mut ex = Exercise::generate(scenario, seed).with_time_limit(limit_ms);
        for (i, a) in log.iter().enumerate() {
            ex.apply(a.at_ms, a.action.clone()).map_err(|r| (i, r))?;
        }
        Ok(ex)
    }
}
