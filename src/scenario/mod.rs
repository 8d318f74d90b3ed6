//! Scenario files (RON, format 1): schema, parsing with positions, validation, seeded
//! variation. A scenario file is the trainer's tool, so its errors are the trainer's UI.

pub mod job;
pub mod load;
pub mod locate;
pub mod otdr;
pub mod rng;
pub mod splice;
pub mod validate;
pub mod varying;

use serde::{Deserialize, Serialize};

use crate::i18n::{Lang, Msg};
use crate::physics::cable::{CableKind, ColourCode};
pub use job::JobSetup;
pub use load::{Diagnostic, LoadedScenario, load_file, load_str};
pub use otdr::{EventType, OtdrSetup};
pub use splice::SpliceSetup;
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
}

/// Module identifiers, for grouping in lists.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Module {
    CablePrep,
    Otdr,
    Splice,
    /// A job chaining modules.
    Job,
}

impl Module {
    pub fn code(self) -> &'static str {
        match self {
            Module::CablePrep => "cable-prep",
            Module::Otdr => "otdr",
            Module::Splice => "splice",
            Module::Job => "job",
        }
    }
    pub fn name(self) -> Msg {
        match self {
            Module::CablePrep => Msg::new("module-cable-prep"),
            Module::Otdr => Msg::new("module-otdr"),
            Module::Splice => Msg::new("module-splice"),
            Module::Job => Msg::new("module-job"),
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
        }
    }
}

/// Setup of a cable-preparation exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepSetup {
    pub cable: CableKind,
    pub colour_code: ColourCode,
    /// The lengths the trainee is told to prepare.
    pub targets: PrepTargets,
    #[serde(default)]
    pub cleaver: CleaverSpec,
    /// How far a careful hand lands from the mark when cutting or stripping, mm (1 sigma).
    #[serde(default = "default_hand_precision")]
    pub hand_precision_mm: Varying<f64>,
    /// The fibres to prepare.
    pub tasks: Vec<PrepTask>,
}

fn default_hand_precision() -> Varying<f64> {
    Varying::Fixed(1.0)
}

/// Target lengths, mm.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PrepTargets {
    /// Sheath removed from the cable end.
    pub sheath_strip_mm: f64,
    /// Strength members left beyond the sheath cut, to anchor the cable in the closure.
    pub strength_member_keep_mm: f64,
    /// Coating (and tight buffer) removed from the fibre end.
    pub coating_strip_mm: f64,
    /// Bare glass left from the coating edge to the cleave.
    pub cleave_length_mm: f64,
}

/// State of the workstation's precision cleaver.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CleaverSpec {
    /// 0 = new blade position, 1 = worn out.
    #[serde(default = "default_wear")]
    pub blade_wear: Varying<f64>,
    #[serde(default)]
    pub tension: Tension,
}

fn default_wear() -> Varying<f64> {
    Varying::Fixed(0.1)
}

impl Default for CleaverSpec {
    fn default() -> Self {
        CleaverSpec {
            blade_wear: default_wear(),
            tension: Tension::Nominal,
        }
    }
}

/// Cleaver fibre tension. Too high gives hackle, too low gives lips and chips
/// (REFERENCE.md B.2).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tension {
    Low,
    #[default]
    Nominal,
    High,
}

/// One task of a preparation exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PrepTask {
    /// Prepare fibre number `fibre` (in the colour order) of tube number `tube` for
    /// splicing. `tube` is left out for cables without tubes of their own numbering
    /// (tight-buffered, flat drop).
    PrepareFibre {
        #[serde(default)]
        tube: Option<Varying<u32>>,
        fibre: Varying<u32>,
    },
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

/// What a criterion checks. Each check belongs to one module (the last two to all).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Check {
    /// The fibres prepared are exactly the ones asked.
    RightFibre,
    /// Each prepared fibre carried its protection sleeve before it was cleaved.
    SleeveBeforeCleave,
    /// Gestures in the order of the trade (gel before coating, clean before cleave...).
    OperationOrder,
    /// The right tool for each gesture.
    RightTools,
    SheathStripLength {
        tolerance_mm: f64,
    },
    StrengthMemberLength {
        tolerance_mm: f64,
    },
    CoatingStripLength {
        tolerance_mm: f64,
    },
    CleaveLength {
        tolerance_mm: f64,
    },
    /// Cleave angle at most `max_angle_deg` and no end-face defect.
    CleaveQuality {
        max_angle_deg: f64,
    },
    /// End face clean at the end (no gel, no coating residue, not touched after cleaning).
    EndFaceClean,
    /// No nicked or broken fibre.
    FibreIntact,
    /// Every cleaved shard in the bin.
    ShardsDisposed,
    /// Finished within `duration_min` (assessment only).
    WithinTime,

    // --- OTDR ---
    /// Launch and receive cables connected when the bench has them.
    CablesUsed,
    /// Every wavelength (and both directions when asked) measured, with the same pulse
    /// and range both ways.
    AllMeasured,
    /// The group index (IOR) set to the cable's.
    IorSet,
    /// A range that covers the whole link without wasting points.
    RangeFit,
    /// A pulse short enough to separate the events and long enough to see the far end.
    PulseFit,
    /// Each acquisition averaged at least `min_s` seconds.
    AveragingTime {
        min_s: f64,
    },
    /// The events to report found, none missed, none invented.
    EventsFound,
    /// Each found event named with its right type.
    EventTypes,
    /// Losses and reflectances of the found events within the tolerances.
    EventValues,
    /// The fault (break) located within the distance tolerance.
    FaultLocated,
    /// Link length and total loss within the tolerances.
    LinkResult,
    /// A right pass/fail verdict for each event and for the link.
    Verdicts,

    // --- Splicing ---
    /// Every fibre asked is spliced, proof-tested, protected and stored.
    SplicesMade,
    /// Each splice's true loss at 1550 nm within the acceptance limit.
    SpliceLoss,
    /// No splice fused through an end-face fault the splicer showed (angle, defect, dust):
    /// the end was cleaved again.
    RecleavedWhenRefused,
    /// No splice kept with a fault (bubble, fat or thin) or an estimate over the redo limit.
    FaultySplicesRedone,
    /// A splicer programme suited to both fibres for each splice.
    RightProgramme,
    /// Each splice's sleeve shrunk through a whole oven cycle.
    SleevesShrunk,
    /// Each splice stored with a loop no tighter than the tray's minimum.
    TrayBendRadius,
    /// No end fused dirty.
    CleanEndsFused,

    // --- Job ---
    /// Every fibre of the job passes the acceptance rules on its true link (the OTDR
    /// stage's acceptance): the trainee's splices are good enough.
    JobAccepted,
}

impl Check {
    /// The module a check belongs to; `None` for checks every module has.
    pub fn module(&self) -> Option<Module> {
        match self {
            Check::WithinTime => None,
            Check::CablesUsed
            | Check::AllMeasured
            | Check::IorSet
            | Check::RangeFit
            | Check::PulseFit
            | Check::AveragingTime { .. }
            | Check::EventsFound
            | Check::EventTypes
            | Check::EventValues
            | Check::FaultLocated
            | Check::LinkResult
            | Check::Verdicts => Some(Module::Otdr),
            Check::SplicesMade
            | Check::SpliceLoss
            | Check::RecleavedWhenRefused
            | Check::FaultySplicesRedone
            | Check::RightProgramme
            | Check::SleevesShrunk
            | Check::TrayBendRadius
            | Check::CleanEndsFused => Some(Module::Splice),
            Check::JobAccepted => Some(Module::Job),
            _ => Some(Module::CablePrep),
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
}
