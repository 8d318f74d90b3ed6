//! Scenario files (RON, format 1): schema, parsing with positions, validation, seeded
//! variation. A scenario file is the trainer's tool, so its errors are the trainer's UI.

pub mod closure;
pub mod connect;
pub mod job;
pub mod load;
pub mod locate;
mod names;
pub mod otdr;
pub mod prep;
pub mod routing;
pub mod splice;
mod titles;
pub mod validate;
pub mod varying;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
pub use connect::{ConnectCheck, ConnectSetup};
pub use job::{JobCheck, JobSetup};
pub use load::{Diagnostic, LoadedScenario, load_file, load_str};
pub use otdr::{EventType, OtdrCheck, OtdrSetup};
pub use prep::{CleaverSpec, PrepCheck, PrepSetup, PrepTargets, PrepTask, Tension};
pub use routing::{RoutingCheck, RoutingSetup};
pub use splice::{SpliceCheck, SpliceSetup};
pub use varying::Varying;

/// The format version this program reads and writes.
pub const FORMAT_VERSION: u32 = 1;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Format version; must be 1.
    pub format: u32,
    /// Stable identifier: lowercase letters, digits and dashes.
    pub id: String,
    pub title: Text,
    pub briefing: Text,
    /// 1 (first contact) to 5 (expert).
    pub difficulty: u8,
    pub mode: Mode,
    /// Expected duration in practice, time limit in assessment, minutes.
    pub duration_min: f64,
    pub exercise: ExerciseSpec,
    pub rubric: Rubric,
    /// Files the scenario refers to (a real trace), read beside the scenario file.
    #[serde(skip)]
    pub attachments: Attachments,
}

/// Files a scenario refers to, by the name written in the scenario.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Attachments(pub std::collections::BTreeMap<String, std::sync::Arc<Vec<u8>>>);

/// A text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Text {
    pub fr: String,
    pub en: String,
}

impl Text {
    pub fn get(&self, lang: Lang) -> &str {
        match lang {
            Lang::Fr => &self.fr,
            Lang::En => &self.en,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Mode {
    /// Hints and the instruments' automatic help are allowed; not timed.
    Practice,
    /// Timed, no hints.
    Assessment,
}

impl Mode {
    pub fn name(self) -> Msg {
        match self {
            Mode::Practice => Msg::new("mode-practice"),
            Mode::Assessment => Msg::new("mode-assessment"),
        }
    }
}

/// The module the exercise belongs to, with its setup.
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ExerciseSpec {
    CablePrep(PrepSetup),
    Otdr(OtdrSetup),
    Splice(SpliceSetup),
    /// Stages chained on the same fibres: splicing, then the OTDR test.
    Job(JobSetup),
    /// Aerial and underground work on a site.
    Routing(RoutingSetup),
    /// Connectors, end faces and measurement with a power meter and a red light.
    Connect(ConnectSetup),
}

/// Module identifiers, for grouping in lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Module {
    CablePrep,
    Otdr,
    Splice,
    /// A job chaining modules.
    Job,
    Routing,
    Connect,
}

impl Module {
    pub fn code(self) -> &'static str {
        match self {
            Module::CablePrep => "cable-prep",
            Module::Otdr => "otdr",
            Module::Splice => "splice",
            Module::Job => "job",
            Module::Routing => "routing",
            Module::Connect => "connect",
        }
    }
    pub fn name(self) -> Msg {
        match self {
            Module::CablePrep => Msg::new("module-cable-prep"),
            Module::Otdr => Msg::new("module-otdr"),
            Module::Splice => Msg::new("module-splice"),
            Module::Job => Msg::new("module-job"),
            Module::Routing => Msg::new("module-routing"),
            Module::Connect => Msg::new("module-connect"),
        }
    }
}

impl ExerciseSpec {
    /// The OTDR set-up of an OTDR exercise or of a job's test stage.
    pub fn otdr_setup(&self) -> Option<&OtdrSetup> {
        match self {
            ExerciseSpec::Otdr(o) => Some(o),
            ExerciseSpec::Job(j) => j.otdr.as_ref(),
            ExerciseSpec::CablePrep(_)
            | ExerciseSpec::Splice(_)
            | ExerciseSpec::Routing(_)
            | ExerciseSpec::Connect(_) => None,
        }
    }

    /// The splicing set-up of a splicing exercise or of a job's splicing stage.
    pub fn splice_setup(&self) -> Option<&SpliceSetup> {
        match self {
            ExerciseSpec::Splice(s) => Some(s),
            ExerciseSpec::Job(j) => Some(&j.splice),
            ExerciseSpec::CablePrep(_)
            | ExerciseSpec::Otdr(_)
            | ExerciseSpec::Routing(_)
            | ExerciseSpec::Connect(_) => None,
        }
    }
}

impl Scenario {
    pub fn module(&self) -> Module {
        match self.exercise {
            ExerciseSpec::CablePrep(_) => Module::CablePrep,
            ExerciseSpec::Otdr(_) => Module::Otdr,
            ExerciseSpec::Splice(_) => Module::Splice,
            ExerciseSpec::Job(_) => Module::Job,
            ExerciseSpec::Routing(_) => Module::Routing,
            ExerciseSpec::Connect(_) => Module::Connect,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Rubric {
    /// Score (0–100) needed to pass.
    pub pass_mark: f64,
    pub criteria: Vec<Criterion>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Criterion {
    /// Short identifier shown in reports: lowercase letters, digits, dashes.
    pub id: String,
    pub check: Check,
    /// Points this criterion is worth.
    pub points: f64,
    /// A critical criterion failed fails the attempt whatever the score.
    #[serde(default)]
    pub critical: bool,
}

/// What a criterion checks, by module; `WithinTime` is every module's.
///
/// Written flat in scenario files, by the module's check's own name (`crate::wire`).
#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    /// Finished within `duration_min` (assessment only).
    WithinTime,
    Prep(PrepCheck),
    Otdr(OtdrCheck),
    Splice(SpliceCheck),
    Job(JobCheck),
    Routing(RoutingCheck),
    Connect(ConnectCheck),
}

crate::wire::flat!(Check {
    units: WithinTime;
    inner: Prep(PrepCheck), Otdr(OtdrCheck), Splice(SpliceCheck), Job(JobCheck),
        Routing(RoutingCheck), Connect(ConnectCheck);
});

impl Check {
    /// Whether it grades a box worked to its plan ([`JobSetup::work`]).
    pub fn is_box_work(&self) -> bool {
        matches!(
            self,
            Check::Job(
                JobCheck::PlanFollowed
                    | JobCheck::ExpressIntact
                    | JobCheck::WindowOpened
                    | JobCheck::FibresStored
                    | JobCheck::BoxClosed
                    | JobCheck::LinesKept
            )
        )
    }

    /// The module a check belongs to; `None` for checks every module has.
    pub fn module(&self) -> Option<Module> {
        match self {
            Check::WithinTime => None,
            Check::Prep(_) => Some(Module::CablePrep),
            Check::Otdr(_) => Some(Module::Otdr),
            Check::Splice(_) => Some(Module::Splice),
            Check::Job(_) => Some(Module::Job),
            Check::Routing(_) => Some(Module::Routing),
            Check::Connect(_) => Some(Module::Connect),
        }
    }

    /// Whether the check can be used in a `module` exercise: its own module's checks, the
    /// shared ones, in splicing the preparation's too (the ends are prepared there), and
    /// in a job those of every stage.
    pub fn allowed_in(&self, module: Module) -> bool {
        match self.module() {
            None => true,
            Some(m) => {
                m == module
                    || (module == Module::Splice && m == Module::CablePrep)
                    || module == Module::Job
            }
        }
    }

    /// Whether the check only makes sense with a fusion splicer.
    pub fn needs_fusion(&self) -> bool {
        match self {
            Check::Prep(c) => c.needs_fusion(),
            Check::Splice(c) => c.needs_fusion(),
            Check::WithinTime
            | Check::Otdr(_)
            | Check::Job(_)
            | Check::Routing(_)
            | Check::Connect(_) => false,
        }
    }
}
