//! Scenario files (RON, format 1): schema, parsing with positions, validation, seeded
//! variation. A scenario file is the trainer's tool, so its errors are the trainer's UI.

pub mod connect;
pub mod job;
pub mod load;
pub mod locate;
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "WireCheck", into = "WireCheck")]
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

impl Check {
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

/// The file format of a check: every module's checks side by side, by name.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum WireCheck {
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

    // --- Routing ---
    /// Each pole checked: refused where it must be, worked on from a nacelle otherwise.
    PolesSafe,
    /// Each pole inspected before its decision.
    PolesInspected,
    /// Each pole's card carries its label number.
    PolesRecorded,
    /// Anchor or suspension right at every pole.
    HardwareRules,
    /// The span's sag within `tolerance_pct` of its target.
    SpanSag {
        tolerance_pct: f64,
    },
    /// Every span over a road clears it.
    RoadClearance,
    /// Under every climatic hypothesis the tension stays under the cable's limit.
    LoadedTension,
    /// The pull stayed under the cable's maximum tension.
    PullWithinLimits,
    /// No bend pressed the cable harder than it bears.
    SidewallPressure,
    /// The breakaway swivel rated under the cable's limit and over the pull.
    SwivelRated,
    /// No bend of the pull tighter than the cable's radius under tension.
    BendRadius,
    /// A figure-eight's lobes no tighter than the cable's bend radius, inside the chamber.
    FigureEight,
    /// The chamber opened in a safe order.
    ProcedureOrder,
    /// Every step of the procedure done.
    ProcedureComplete,
    /// Each studied pole's utilisation read within `tolerance_pct` points.
    StudyReadings {
        tolerance_pct: f64,
    },
    /// Each studied pole accepted, guyed, strengthened or refused as it calls for.
    PoleRemedies,
    /// The cable chosen fills the duct within the blowing window.
    FillRatio,
    /// Blown when too long to pull, the duct tested first, the cable through.
    Blown,
    /// Each trench zone dug deep enough.
    TrenchDepths,
    /// The green warning mesh 0.20–0.30 m above the duct.
    WarningMesh,
    /// The spacing to the low-voltage cable kept.
    NetworkSpacing,
    /// The aerial-to-underground transition built right.
    TransitionBuilt,

    // --- Connecting and measuring ---
    /// Each face of the task's connectors inspected before it was connected.
    FacesInspected,
    /// Every face connected was clean by the standard when it was connected.
    ConnectedClean,
    /// Each face judged as the standard has it.
    FacesJudged,
    /// The damaged connectors sent to be replaced, none of the good ones.
    DamagedReplaced,
    /// The budget worked out within `tolerance_db` at each wavelength.
    BudgetRight {
        tolerance_db: f64,
    },
    /// The reference set right for every measurement.
    ReferenceRight,
    /// Each wavelength's loss measured within `tolerance_db`.
    LossMeasured {
        tolerance_db: f64,
    },
    /// The link's verdict right.
    LossVerdict,
    /// Each PON level read and judged right.
    PonJudged,
    /// The fault placed right with the red light.
    FaultFound,
    /// The intervention report filled right: line, PBO, the level measured, the verdict.
    ReportRight,
    /// Each field connector fitted in order, its joint under `max_loss_db` at 1550 nm.
    ConnectorFitted {
        max_loss_db: f64,
    },
    /// The fibre lit by the red light picked out at end B.
    FibreIdentified,
}

impl From<WireCheck> for Check {
    fn from(w: WireCheck) -> Check {
        use WireCheck as W;
        match w {
            W::WithinTime => Check::WithinTime,
            W::RightFibre => Check::Prep(PrepCheck::RightFibre),
            W::SleeveBeforeCleave => Check::Prep(PrepCheck::SleeveBeforeCleave),
            W::OperationOrder => Check::Prep(PrepCheck::OperationOrder),
            W::RightTools => Check::Prep(PrepCheck::RightTools),
            W::SheathStripLength { tolerance_mm } => {
                Check::Prep(PrepCheck::SheathStripLength { tolerance_mm })
            }
            W::StrengthMemberLength { tolerance_mm } => {
                Check::Prep(PrepCheck::StrengthMemberLength { tolerance_mm })
            }
            W::CoatingStripLength { tolerance_mm } => {
                Check::Prep(PrepCheck::CoatingStripLength { tolerance_mm })
            }
            W::CleaveLength { tolerance_mm } => {
                Check::Prep(PrepCheck::CleaveLength { tolerance_mm })
            }
            W::CleaveQuality { max_angle_deg } => {
                Check::Prep(PrepCheck::CleaveQuality { max_angle_deg })
            }
            W::EndFaceClean => Check::Prep(PrepCheck::EndFaceClean),
            W::FibreIntact => Check::Prep(PrepCheck::FibreIntact),
            W::ShardsDisposed => Check::Prep(PrepCheck::ShardsDisposed),
            W::CablesUsed => Check::Otdr(OtdrCheck::CablesUsed),
            W::AllMeasured => Check::Otdr(OtdrCheck::AllMeasured),
            W::IorSet => Check::Otdr(OtdrCheck::IorSet),
            W::RangeFit => Check::Otdr(OtdrCheck::RangeFit),
            W::PulseFit => Check::Otdr(OtdrCheck::PulseFit),
            W::AveragingTime { min_s } => Check::Otdr(OtdrCheck::AveragingTime { min_s }),
            W::EventsFound => Check::Otdr(OtdrCheck::EventsFound),
            W::EventTypes => Check::Otdr(OtdrCheck::EventTypes),
            W::EventValues => Check::Otdr(OtdrCheck::EventValues),
            W::FaultLocated => Check::Otdr(OtdrCheck::FaultLocated),
            W::LinkResult => Check::Otdr(OtdrCheck::LinkResult),
            W::Verdicts => Check::Otdr(OtdrCheck::Verdicts),
            W::SplicesMade => Check::Splice(SpliceCheck::SplicesMade),
            W::SpliceLoss => Check::Splice(SpliceCheck::SpliceLoss),
            W::RecleavedWhenRefused => Check::Splice(SpliceCheck::RecleavedWhenRefused),
            W::FaultySplicesRedone => Check::Splice(SpliceCheck::FaultySplicesRedone),
            W::RightProgramme => Check::Splice(SpliceCheck::RightProgramme),
            W::SleevesShrunk => Check::Splice(SpliceCheck::SleevesShrunk),
            W::TrayBendRadius => Check::Splice(SpliceCheck::TrayBendRadius),
            W::CleanEndsFused => Check::Splice(SpliceCheck::CleanEndsFused),
            W::JobAccepted => Check::Job(JobCheck::JobAccepted),
            W::PolesSafe => Check::Routing(RoutingCheck::PolesSafe),
            W::PolesInspected => Check::Routing(RoutingCheck::PolesInspected),
            W::PolesRecorded => Check::Routing(RoutingCheck::PolesRecorded),
            W::HardwareRules => Check::Routing(RoutingCheck::HardwareRules),
            W::SpanSag { tolerance_pct } => Check::Routing(RoutingCheck::SpanSag { tolerance_pct }),
            W::RoadClearance => Check::Routing(RoutingCheck::RoadClearance),
            W::LoadedTension => Check::Routing(RoutingCheck::LoadedTension),
            W::PullWithinLimits => Check::Routing(RoutingCheck::PullWithinLimits),
            W::SidewallPressure => Check::Routing(RoutingCheck::SidewallPressure),
            W::SwivelRated => Check::Routing(RoutingCheck::SwivelRated),
            W::BendRadius => Check::Routing(RoutingCheck::BendRadius),
            W::FigureEight => Check::Routing(RoutingCheck::FigureEight),
            W::ProcedureOrder => Check::Routing(RoutingCheck::ProcedureOrder),
            W::ProcedureComplete => Check::Routing(RoutingCheck::ProcedureComplete),
            W::StudyReadings { tolerance_pct } => {
                Check::Routing(RoutingCheck::StudyReadings { tolerance_pct })
            }
            W::PoleRemedies => Check::Routing(RoutingCheck::PoleRemedies),
            W::FillRatio => Check::Routing(RoutingCheck::FillRatio),
            W::Blown => Check::Routing(RoutingCheck::Blown),
            W::TrenchDepths => Check::Routing(RoutingCheck::TrenchDepths),
            W::WarningMesh => Check::Routing(RoutingCheck::WarningMesh),
            W::NetworkSpacing => Check::Routing(RoutingCheck::NetworkSpacing),
            W::TransitionBuilt => Check::Routing(RoutingCheck::TransitionBuilt),
            W::FacesInspected => Check::Connect(ConnectCheck::FacesInspected),
            W::ConnectedClean => Check::Connect(ConnectCheck::ConnectedClean),
            W::FacesJudged => Check::Connect(ConnectCheck::FacesJudged),
            W::DamagedReplaced => Check::Connect(ConnectCheck::DamagedReplaced),
            W::BudgetRight { tolerance_db } => {
                Check::Connect(ConnectCheck::BudgetRight { tolerance_db })
            }
            W::ReferenceRight => Check::Connect(ConnectCheck::ReferenceRight),
            W::LossMeasured { tolerance_db } => {
                Check::Connect(ConnectCheck::LossMeasured { tolerance_db })
            }
            W::LossVerdict => Check::Connect(ConnectCheck::LossVerdict),
            W::PonJudged => Check::Connect(ConnectCheck::PonJudged),
            W::FaultFound => Check::Connect(ConnectCheck::FaultFound),
            W::ReportRight => Check::Connect(ConnectCheck::ReportRight),
            W::FibreIdentified => Check::Connect(ConnectCheck::FibreIdentified),
            W::ConnectorFitted { max_loss_db } => {
                Check::Connect(ConnectCheck::ConnectorFitted { max_loss_db })
            }
        }
    }
}

impl From<Check> for WireCheck {
    fn from(c: Check) -> WireCheck {
        use WireCheck as W;
        match c {
            Check::WithinTime => W::WithinTime,
            Check::Prep(p) => match p {
                PrepCheck::RightFibre => W::RightFibre,
                PrepCheck::SleeveBeforeCleave => W::SleeveBeforeCleave,
                PrepCheck::OperationOrder => W::OperationOrder,
                PrepCheck::RightTools => W::RightTools,
                PrepCheck::SheathStripLength { tolerance_mm } => {
                    W::SheathStripLength { tolerance_mm }
                }
                PrepCheck::StrengthMemberLength { tolerance_mm } => {
                    W::StrengthMemberLength { tolerance_mm }
                }
                PrepCheck::CoatingStripLength { tolerance_mm } => {
                    W::CoatingStripLength { tolerance_mm }
                }
                PrepCheck::CleaveLength { tolerance_mm } => W::CleaveLength { tolerance_mm },
                PrepCheck::CleaveQuality { max_angle_deg } => W::CleaveQuality { max_angle_deg },
                PrepCheck::EndFaceClean => W::EndFaceClean,
                PrepCheck::FibreIntact => W::FibreIntact,
                PrepCheck::ShardsDisposed => W::ShardsDisposed,
            },
            Check::Otdr(o) => match o {
                OtdrCheck::CablesUsed => W::CablesUsed,
                OtdrCheck::AllMeasured => W::AllMeasured,
                OtdrCheck::IorSet => W::IorSet,
                OtdrCheck::RangeFit => W::RangeFit,
                OtdrCheck::PulseFit => W::PulseFit,
                OtdrCheck::AveragingTime { min_s } => W::AveragingTime { min_s },
                OtdrCheck::EventsFound => W::EventsFound,
                OtdrCheck::EventTypes => W::EventTypes,
                OtdrCheck::EventValues => W::EventValues,
                OtdrCheck::FaultLocated => W::FaultLocated,
                OtdrCheck::LinkResult => W::LinkResult,
                OtdrCheck::Verdicts => W::Verdicts,
            },
            Check::Splice(s) => match s {
                SpliceCheck::SplicesMade => W::SplicesMade,
                SpliceCheck::SpliceLoss => W::SpliceLoss,
                SpliceCheck::RecleavedWhenRefused => W::RecleavedWhenRefused,
                SpliceCheck::FaultySplicesRedone => W::FaultySplicesRedone,
                SpliceCheck::RightProgramme => W::RightProgramme,
                SpliceCheck::SleevesShrunk => W::SleevesShrunk,
                SpliceCheck::TrayBendRadius => W::TrayBendRadius,
                SpliceCheck::CleanEndsFused => W::CleanEndsFused,
            },
            Check::Job(j) => match j {
                JobCheck::JobAccepted => W::JobAccepted,
            },
            Check::Routing(r) => match r {
                RoutingCheck::PolesSafe => W::PolesSafe,
                RoutingCheck::PolesInspected => W::PolesInspected,
                RoutingCheck::PolesRecorded => W::PolesRecorded,
                RoutingCheck::HardwareRules => W::HardwareRules,
                RoutingCheck::SpanSag { tolerance_pct } => W::SpanSag { tolerance_pct },
                RoutingCheck::RoadClearance => W::RoadClearance,
                RoutingCheck::LoadedTension => W::LoadedTension,
                RoutingCheck::PullWithinLimits => W::PullWithinLimits,
                RoutingCheck::SidewallPressure => W::SidewallPressure,
                RoutingCheck::SwivelRated => W::SwivelRated,
                RoutingCheck::BendRadius => W::BendRadius,
                RoutingCheck::FigureEight => W::FigureEight,
                RoutingCheck::ProcedureOrder => W::ProcedureOrder,
                RoutingCheck::ProcedureComplete => W::ProcedureComplete,
                RoutingCheck::StudyReadings { tolerance_pct } => W::StudyReadings { tolerance_pct },
                RoutingCheck::PoleRemedies => W::PoleRemedies,
                RoutingCheck::FillRatio => W::FillRatio,
                RoutingCheck::Blown => W::Blown,
                RoutingCheck::TrenchDepths => W::TrenchDepths,
                RoutingCheck::WarningMesh => W::WarningMesh,
                RoutingCheck::NetworkSpacing => W::NetworkSpacing,
                RoutingCheck::TransitionBuilt => W::TransitionBuilt,
            },
            Check::Connect(c) => match c {
                ConnectCheck::FacesInspected => W::FacesInspected,
                ConnectCheck::ConnectedClean => W::ConnectedClean,
                ConnectCheck::FacesJudged => W::FacesJudged,
                ConnectCheck::DamagedReplaced => W::DamagedReplaced,
                ConnectCheck::BudgetRight { tolerance_db } => W::BudgetRight { tolerance_db },
                ConnectCheck::ReferenceRight => W::ReferenceRight,
                ConnectCheck::LossMeasured { tolerance_db } => W::LossMeasured { tolerance_db },
                ConnectCheck::LossVerdict => W::LossVerdict,
                ConnectCheck::PonJudged => W::PonJudged,
                ConnectCheck::FaultFound => W::FaultFound,
                ConnectCheck::ReportRight => W::ReportRight,
                ConnectCheck::ConnectorFitted { max_loss_db } => W::ConnectorFitted { max_loss_db },
                ConnectCheck::FibreIdentified => W::FibreIdentified,
            },
        }
    }
}
