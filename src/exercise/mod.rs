//! Exercises as pure state machines:
//! `(scenario, seed) → state`, `state + action → state + outcome (or refusal)`.
//! The Bevy app and the CLI both drive exercises only through [`Exercise::apply`].

pub mod job;
pub mod otdr;
pub mod prep;
pub mod script;
pub mod splice;

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::scenario::rng::{STREAM_GENERATE, SimRng, stream_for_action};
use crate::scenario::{ExerciseSpec, Mode, Scenario};
pub use job::JobState;
pub use otdr::OtdrState;
pub use prep::{Action, PrepState};
pub use splice::SpliceState;

/// The longest an attempt's clock runs, ms (10 000 hours of work): a later time is
/// refused, so that every stored time fits the store and reads back as written.
pub const MAX_ATTEMPT_MS: u64 = 10_000 * 3_600_000;

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

/// Why an action was refused. A refused action changes nothing and is not logged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Refusal {
    pub reason: Msg,
}

impl Refusal {
    pub fn new(reason: Msg) -> Refusal {
        Refusal { reason }
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
}

impl ModuleState {
    /// The splicing bench in use: a splicing exercise, or a job at its splicing stage.
    pub fn splicing(&self) -> Option<&SpliceState> {
        match self {
            ModuleState::Splice(s) => Some(s),
            ModuleState::Job(j) if j.test.is_none() => Some(&j.splice),
            _ => None,
        }
    }

    /// The OTDR bench in use: an OTDR exercise, or the fibre connected at a job's test
    /// stage.
    pub fn otdr(&self) -> Option<&OtdrState> {
        match self {
            ModuleState::Otdr(s) => Some(s),
            ModuleState::Job(j) => j.current_otdr(),
            _ => None,
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
}

impl Exercise {
    /// Draws the exercise from the scenario's ranges with `seed`.
    pub fn generate(scenario: &Scenario, seed: u64) -> Exercise {
        let mut rng = SimRng::new(seed, STREAM_GENERATE);
        let state = match &scenario.exercise {
            ExerciseSpec::CablePrep(setup) => {
                ModuleState::CablePrep(PrepState::generate(setup, &mut rng))
            }
            ExerciseSpec::Otdr(setup) => ModuleState::Otdr(Box::new(OtdrState::generate(
                setup,
                &scenario.attachments,
                &mut rng,
            ))),
            ExerciseSpec::Splice(setup) => {
                ModuleState::Splice(Box::new(SpliceState::generate(setup, &mut rng)))
            }
            ExerciseSpec::Job(setup) => {
                ModuleState::Job(Box::new(JobState::generate(setup, &mut rng)))
            }
        };
        Exercise {
            scenario: scenario.clone(),
            seed,
            state,
            log: Vec::new(),
        }
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
        let mut rng = SimRng::new(self.seed, stream_for_action(self.log.len()));
        let index = self.log.len();
        let outcome = match (&mut self.state, &self.scenario.exercise) {
            (ModuleState::CablePrep(st), ExerciseSpec::CablePrep(setup)) => {
                st.apply(setup, self.scenario.mode, index, at_ms, &action, &mut rng)?
            }
            (ModuleState::Otdr(st), ExerciseSpec::Otdr(setup)) => {
                st.apply(setup, self.scenario.mode, index, at_ms, &action, &mut rng)?
            }
            (ModuleState::Splice(st), ExerciseSpec::Splice(setup)) => {
                st.apply(setup, self.scenario.mode, index, at_ms, &action, &mut rng)?
            }
            (ModuleState::Job(st), ExerciseSpec::Job(setup)) => {
                st.apply(setup, self.scenario.mode, index, at_ms, &action, &mut rng)?
            }
            _ => return Err(Refusal::new(Msg::new("refuse-wrong-module"))),
        };
        self.log.push(LoggedAction { at_ms, action });
        Ok(outcome)
    }

    pub fn is_finished(&self) -> bool {
        self.finished_at_ms().is_some()
    }

    /// When the trainee declared the exercise finished, ms.
    pub fn finished_at_ms(&self) -> Option<u64> {
        match &self.state {
            ModuleState::CablePrep(s) => s.finished_at_ms,
            ModuleState::Otdr(s) => s.finished_at_ms,
            ModuleState::Splice(s) => s.finished_at_ms,
            ModuleState::Job(s) => s.finished_at_ms,
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
        let mut ex = Exercise::generate(scenario, seed);
        for (i, a) in log.iter().enumerate() {
            ex.apply(a.at_ms, a.action.clone()).map_err(|r| (i, r))?;
        }
        Ok(ex)
    }

    /// What the trainee is asked to do, as short lines.
    pub fn task_lines(&self) -> Vec<Msg> {
        match (&self.state, &self.scenario.exercise) {
            (ModuleState::CablePrep(s), ExerciseSpec::CablePrep(setup)) => s.task_lines(setup),
            (ModuleState::Otdr(s), ExerciseSpec::Otdr(setup)) => s.task_lines(setup),
            (ModuleState::Splice(s), ExerciseSpec::Splice(setup)) => s.task_lines(setup),
            (ModuleState::Job(s), ExerciseSpec::Job(setup)) => s.task_lines(setup),
            _ => Vec::new(),
        }
    }
}
