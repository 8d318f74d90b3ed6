//! Actions: what a trainee (or a script) does, nested by the module it belongs to.
//!
//! In files (action lists, the attempts store) an action is written flat, as it always
//! has been: `StripSheath(length_mm: 40, tool: SheathStripper)`, `Acquire(...)`,
//! `NextStage`. [`WireAction`] is that flat form; `Action` reads and writes through it
//! (`serde(from, into)`), so old files and stored logs read exactly as before while the
//! code sees each module's own actions. Both conversions match every variant: a new
//! action does not compile until it has its place in the file format.

use serde::{Deserialize, Serialize};

use super::connect::{CordRole, Face, FieldStep};
use super::otdr::{Config, Verdict};
use super::routing::{LayMethod, PoleDecision, Remedy, SiteStep};
use crate::i18n::Msg;
use crate::limits::{self, Limit};
use crate::physics::cable::Colour;
use crate::physics::endface::Cleaning;
use crate::physics::handling::{CleanMethod, Force, GelMethod, Tool};
use crate::physics::hardware::Hardware;
use crate::physics::olts::RefMethod;
use crate::physics::splice::{Side, SplicerSettings};
use crate::physics::trench::MeshColour;
use crate::scenario::EventType;

/// An action, by module. `AskHint` and `Finish` are every module's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(from = "WireAction", into = "WireAction")]
pub enum Action {
    /// Ask for a hint (practice mode only).
    AskHint,
    /// Declare the exercise finished.
    Finish,
    Prep(PrepAction),
    Otdr(OtdrAction),
    Splice(SpliceAction),
    Job(JobAction),
    Routing(RoutingAction),
    Connect(ConnectAction),
}

/// A gesture of cable preparation.
#[derive(Clone, Debug, PartialEq)]
pub enum PrepAction {
    /// Slide the splice protection sleeve onto the fibre in hand.
    SlideSleeve,
    StripSheath {
        length_mm: f64,
        tool: Tool,
    },
    /// Cut the strength members, leaving `keep_mm` beyond the sheath cut.
    CutStrengthMembers {
        keep_mm: f64,
        tool: Tool,
    },
    /// Open a loose tube over the stripped length. `tube` is its colour; none for a flat
    /// drop cable's single tube.
    OpenTube {
        tube: Option<Colour>,
        tool: Tool,
    },
    RemoveGel {
        method: GelMethod,
    },
    /// Take a fibre in hand, found by its colour (and its tube's colour).
    PickFibre {
        tube: Option<Colour>,
        fibre: Colour,
    },
    StripCoating {
        length_mm: f64,
        tool: Tool,
        force: Force,
    },
    Clean {
        method: CleanMethod,
    },
    /// Cleave, leaving `length_mm` of bare glass from the coating edge.
    Cleave {
        length_mm: f64,
    },
    /// Put the cleaved shard in the scrap bin.
    DisposeShard,
    /// Lay the fibre in hand on the bench (anything it touches dirties clean glass).
    LayOnBench,
}

/// A step of an OTDR test.
#[derive(Clone, Debug, PartialEq)]
pub enum OtdrAction {
    /// Start an acquisition with this set-up (the instrument averages for its time).
    Acquire(Config),
    /// Add a line to the acceptance report.
    ReportEvent {
        distance_m: f64,
        kind: EventType,
        loss_db: Option<f64>,
        reflectance_db: Option<f64>,
        verdict: Option<Verdict>,
    },
    /// Remove line `number` (1 = first) of the report.
    RemoveReportEvent { number: u32 },
    /// Replace the report's lines by the instrument's event table of acquisition
    /// `trace` (1 = first), with the verdicts its pass/fail thresholds give: the start
    /// of a recette, to be checked against the trace.
    TakeTable { trace: u32 },
    /// Set the verdict of line `number` (1 = first) of the report.
    SetVerdict { number: u32, verdict: Verdict },
    /// The link's length, total loss and overall verdict.
    ReportLink {
        length_m: f64,
        total_loss_db: f64,
        verdict: Verdict,
    },
}

/// A step at the splicer (or with a mechanical splice element).
#[derive(Clone, Debug, PartialEq)]
pub enum SpliceAction {
    /// Handle the cable on this side of the splicer (the preparation gestures apply to it).
    WorkOn {
        side: Side,
    },
    /// Change the splicer's settings (programme, alignment, cleave limit, arc...).
    SetSplicer(SplicerSettings),
    /// Lay the fibre in hand (from the cable on that side) in the splicer's holder.
    LoadFibre {
        side: Side,
    },
    /// Take the fibre back out of its holder, into the hand.
    UnloadFibre {
        side: Side,
    },
    /// SET: close the cover; inspect the ends; fuse (again on a stop: fuse through).
    PressSet,
    /// Open the cover: the proof test runs, the splice comes out of the holders.
    OpenCover,
    /// Cut out the last splice to make it again.
    BreakSplice,
    /// Slide the protection sleeve over the splice and centre it.
    CentreSleeve,
    OvenIn,
    OvenOut,
    /// Store the protected splice in the tray with a loop of this diameter.
    StoreInTray {
        loop_diameter_mm: f64,
    },
    /// Close the mechanical splice element on the two ends pushed into it.
    CloseElement,
}

/// A step between the stages of a job.
#[derive(Clone, Debug, PartialEq)]
pub enum JobAction {
    /// Close the current stage and go on to the next.
    NextStage,
    /// Connect the OTDR to this fibre of the cable at end A (the test stage).
    TestFibre { tube: Option<Colour>, fibre: Colour },
}

/// A gesture on a routing site: at a pole, on a span, at the winch, at a chamber.
#[derive(Clone, Debug, PartialEq)]
pub enum RoutingAction {
    /// Look the pole over: its label, its state, the lines near it.
    InspectPole { pole: String },
    /// Write the label's number on the pole's card.
    RecordPole { pole: String, number: String },
    /// Climb from a nacelle, from a ladder, or refuse the pole.
    DecidePole {
        pole: String,
        decision: PoleDecision,
    },
    /// Fit an anchor or a suspension at the pole.
    SetHardware { pole: String, hardware: Hardware },
    /// Tension span `span` (1 = first) to `tension_n`, read on the dynamometer.
    TensionSpan { span: u32, tension_n: f64 },
    /// Set the winch at a chamber at one end of the route (the drum at the other).
    PlaceWinch { chamber: String },
    /// Lubricate the duct (or not).
    Lubricate { on: bool },
    /// Split the pull at an intermediate chamber: the cable laid in a figure-eight of
    /// lobes of this radius, then pulled on (0: no split there).
    SplitAt { chamber: String, lobe_radius_m: f64 },
    /// Fit a breakaway swivel of this rating between the rope and the cable.
    FitSwivel { rating_n: f64 },
    /// Fit a guide (a quadrant or a pulley) in a chamber where the cable turns, holding it
    /// to this radius.
    FitGuide { chamber: String, radius_m: f64 },
    /// Run the winch.
    StartPull,
    /// A step of opening a chamber.
    Step { step: SiteStep },
    /// Write the utilisation read in a pole's load study, percent.
    ReadLoad { pole: String, utilisation_pct: f64 },
    /// Decide what the study leads to for the pole.
    SetRemedy { pole: String, remedy: Remedy },
    /// Take the cable of this diameter, of those offered, mm.
    ChooseCable { diameter_mm: f64 },
    /// Pull or blow.
    ChooseMethod { method: LayMethod },
    /// Pressure-test the duct at this pressure, bar.
    PressureTest { bar: f64 },
    /// Blow the cable in at this pressure, bar.
    StartBlowing { pressure_bar: f64 },
    /// Dig trench zone `zone` (1 = first) to `bottom_m`, the mesh at `mesh_depth_m`, m
    /// below the surface.
    DigZone {
        zone: u32,
        bottom_m: f64,
        mesh_depth_m: f64,
        mesh: MeshColour,
    },
    /// Keep this spacing to the low-voltage cable, m.
    SetLvSpacing { spacing_m: f64 },
    /// Build the aerial-to-underground transition: the PBO at this height, the guard
    /// this long, m, the cable anchored with a blocking loop or not.
    BuildTransition {
        pbo_height_m: f64,
        guard_m: f64,
        anchored: bool,
    },
}

/// A gesture of connecting and measuring.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectAction {
    /// Look at a face under the microscope.
    InspectFace { connector: String, face: Face },
    /// Clean a face.
    CleanFace {
        connector: String,
        face: Face,
        method: Cleaning,
    },
    /// Say whether a face passes the standard.
    JudgeFace {
        connector: String,
        face: Face,
        pass: bool,
    },
    /// Push the plug into the port.
    ConnectPlug { connector: String },
    /// Pull the plug out of the port (to look at both faces).
    Disconnect { connector: String },
    /// Send the connector to be replaced: a new pigtail, a new cord, faces clean.
    ReplaceConnector { connector: String },
    /// Write down the loss budget worked out at a wavelength, dB.
    EnterBudget { wavelength_nm: f64, budget_db: f64 },
    /// Set the light source's wavelength.
    SetSource { wavelength_nm: f64 },
    /// Set the power meter's wavelength.
    SetMeter { wavelength_nm: f64 },
    /// Take a cord of the kit for a role.
    UseCord { role: CordRole, cord: String },
    /// Set the reference: the cords as the method has them, the meter stores the power for its wavelength.
    SetReference { method: RefMethod },
    /// Connect the cords to the link's ends and read the loss; the meter stores the result.
    MeasureLoss,
    /// Say whether the link passes.
    LinkVerdict { pass: bool },
    /// Read the level at the outlet with the PON power meter.
    ReadPon { wavelength_nm: f64 },
    /// Say whether the level at a wavelength lies in its window.
    JudgePon { wavelength_nm: f64, ok: bool },
    /// Plug the red light in at end A and switch it on.
    VflOn,
    /// Look at a piece of the link for the red glow (1 = the first piece).
    LookAt { piece: u32 },
    /// Say where the fault is: a piece (1 = first), or none (the light comes through).
    LocateFault { piece: Option<u32> },
    /// A step of fitting a field connector on the fibre at `connector`.
    FieldStep { connector: String, step: FieldStep },
    /// At end B, look at fibre `fibre` (1 = first) of the ends there for the red light.
    LookAtFibre { fibre: u32 },
    /// Say which fibre at end B is the link's.
    ChooseFibre { fibre: u32 },
    /// Fill the intervention report: the line, the PBO, the level measured at the
    /// outlet (dBm), the verdict.
    FillReport {
        line_id: String,
        pbo: String,
        level_dbm: f64,
        pass: bool,
    },
}

impl Action {
    /// Every number the action carries that a limit holds, by its field's path in an
    /// action list (`length_mm`, `remedy.anchor_m`), with the widest limit of `crate::limits` the engine takes it within
    /// (the engine may narrow it where the state says more: strength members kept no
    /// longer than the sheath removed, a guide no wider than its chamber, a cable among
    /// those offered). Wavelengths and pulse widths are picked from the instrument's own
    /// lists, which the engine checks; counts and numbers of things are whole numbers.
    /// An action list is refused where one of these is outside its limit.
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        use limits as l;
        match self {
            Action::AskHint | Action::Finish => vec![],
            Action::Prep(a) => match a {
                PrepAction::StripSheath { length_mm, .. } => {
                    vec![("length_mm", *length_mm, &l::SHEATH_STRIP_MM)]
                }
                PrepAction::CutStrengthMembers { keep_mm, .. } => {
                    vec![("keep_mm", *keep_mm, &l::STRENGTH_KEEP_MM)]
                }
                PrepAction::StripCoating { length_mm, .. } => {
                    vec![("length_mm", *length_mm, &l::COATING_STRIP_MM)]
                }
                PrepAction::Cleave { length_mm } => {
                    vec![("length_mm", *length_mm, &l::CLEAVE_LENGTH_MM)]
                }
                PrepAction::SlideSleeve
                | PrepAction::OpenTube { .. }
                | PrepAction::RemoveGel { .. }
                | PrepAction::PickFibre { .. }
                | PrepAction::Clean { .. }
                | PrepAction::DisposeShard
                | PrepAction::LayOnBench => vec![],
            },
            Action::Otdr(a) => match a {
                OtdrAction::Acquire(c) => {
                    let mut v = vec![
                        ("range_m", c.range_m, &l::OTDR_RANGE_M),
                        ("averaging_s", c.averaging_s, &l::AVERAGING_S),
                        ("ior", c.ior, &l::IOR),
                    ];
                    if let Some(k) = c.backscatter_db {
                        v.push(("backscatter_db", k, &l::BACKSCATTER_DB));
                    }
                    v
                }
                OtdrAction::ReportEvent {
                    distance_m,
                    loss_db,
                    reflectance_db,
                    ..
                } => {
                    let mut v = vec![("distance_m", *distance_m, &l::REPORT_DISTANCE_M)];
                    if let Some(x) = loss_db {
                        v.push(("loss_db", *x, &l::REPORT_LOSS_DB));
                    }
                    if let Some(x) = reflectance_db {
                        v.push(("reflectance_db", *x, &l::REPORT_REFLECTANCE_DB));
                    }
                    v
                }
                OtdrAction::ReportLink {
                    length_m,
                    total_loss_db,
                    ..
                } => vec![
                    ("length_m", *length_m, &l::REPORT_LINK_LENGTH_M),
                    ("total_loss_db", *total_loss_db, &l::REPORT_TOTAL_LOSS_DB),
                ],
                OtdrAction::RemoveReportEvent { .. }
                | OtdrAction::TakeTable { .. }
                | OtdrAction::SetVerdict { .. } => vec![],
            },
            Action::Splice(a) => match a {
                SpliceAction::SetSplicer(s) => vec![
                    ("cleave_limit_deg", s.cleave_limit_deg, &l::CLEAVE_LIMIT_DEG),
                    ("arc_power_pct", s.arc_power_pct, &l::ARC_POWER_PCT),
                    ("arc_time_ms", s.arc_time_ms, &l::ARC_TIME_MS),
                    ("prefuse_ms", s.prefuse_ms, &l::PREFUSE_MS),
                    ("gap_um", s.gap_um, &l::GAP_UM),
                    ("overlap_um", s.overlap_um, &l::OVERLAP_UM),
                ],
                SpliceAction::StoreInTray { loop_diameter_mm } => {
                    vec![("loop_diameter_mm", *loop_diameter_mm, &l::TRAY_LOOP_MM)]
                }
                SpliceAction::WorkOn { .. }
                | SpliceAction::LoadFibre { .. }
                | SpliceAction::UnloadFibre { .. }
                | SpliceAction::PressSet
                | SpliceAction::OpenCover
                | SpliceAction::BreakSplice
                | SpliceAction::CentreSleeve
                | SpliceAction::OvenIn
                | SpliceAction::OvenOut
                | SpliceAction::CloseElement => vec![],
            },
            Action::Job(a) => match a {
                JobAction::NextStage | JobAction::TestFibre { .. } => vec![],
            },
            Action::Routing(a) => match a {
                RoutingAction::TensionSpan { tension_n, .. } => {
                    vec![("tension_n", *tension_n, &l::CABLE_TENSION_N)]
                }
                RoutingAction::SplitAt { lobe_radius_m, .. } => {
                    vec![("lobe_radius_m", *lobe_radius_m, &l::SITE_DISTANCE_M)]
                }
                RoutingAction::FitSwivel { rating_n } => {
                    vec![("rating_n", *rating_n, &l::SWIVEL_N)]
                }
                RoutingAction::FitGuide { radius_m, .. } => {
                    vec![("radius_m", *radius_m, &l::SITE_DISTANCE_M)]
                }
                RoutingAction::ReadLoad {
                    utilisation_pct, ..
                } => vec![("utilisation_pct", *utilisation_pct, &l::UTILISATION_PCT)],
                RoutingAction::SetRemedy { remedy, .. } => match remedy {
                    Remedy::Guy { anchor_m } => {
                        vec![("remedy.anchor_m", *anchor_m, &l::SITE_DISTANCE_M)]
                    }
                    Remedy::Accept | Remedy::Strengthen | Remedy::Refuse => vec![],
                },
                RoutingAction::ChooseCable { diameter_mm } => {
                    vec![("diameter_mm", *diameter_mm, &l::CABLE_DIAMETER_MM)]
                }
                RoutingAction::PressureTest { bar } => vec![("bar", *bar, &l::PRESSURE_BAR)],
                RoutingAction::StartBlowing { pressure_bar } => {
                    vec![("pressure_bar", *pressure_bar, &l::PRESSURE_BAR)]
                }
                RoutingAction::DigZone {
                    bottom_m,
                    mesh_depth_m,
                    ..
                } => vec![
                    ("bottom_m", *bottom_m, &l::TRENCH_DEPTH_M),
                    ("mesh_depth_m", *mesh_depth_m, &l::TRENCH_DEPTH_M),
                ],
                RoutingAction::SetLvSpacing { spacing_m } => {
                    vec![("spacing_m", *spacing_m, &l::TRENCH_DEPTH_M)]
                }
                RoutingAction::BuildTransition {
                    pbo_height_m,
                    guard_m,
                    ..
                } => vec![
                    ("pbo_height_m", *pbo_height_m, &l::SITE_DISTANCE_M),
                    ("guard_m", *guard_m, &l::SITE_DISTANCE_M),
                ],
                RoutingAction::InspectPole { .. }
                | RoutingAction::RecordPole { .. }
                | RoutingAction::DecidePole { .. }
                | RoutingAction::SetHardware { .. }
                | RoutingAction::PlaceWinch { .. }
                | RoutingAction::Lubricate { .. }
                | RoutingAction::StartPull
                | RoutingAction::Step { .. }
                | RoutingAction::ChooseMethod { .. } => vec![],
            },
            Action::Connect(a) => match a {
                ConnectAction::EnterBudget { budget_db, .. } => {
                    vec![("budget_db", *budget_db, &l::BUDGET_DB)]
                }
                ConnectAction::FillReport { level_dbm, .. } => {
                    vec![("level_dbm", *level_dbm, &l::POWER_DBM)]
                }
                ConnectAction::FieldStep { step, .. } => match step {
                    FieldStep::Cleave { length_mm } => {
                        vec![("step.length_mm", *length_mm, &l::CLEAVE_LENGTH_MM)]
                    }
                    FieldStep::Strip
                    | FieldStep::Clean
                    | FieldStep::Insert { .. }
                    | FieldStep::Crimp
                    | FieldStep::CutOff => vec![],
                },
                ConnectAction::InspectFace { .. }
                | ConnectAction::CleanFace { .. }
                | ConnectAction::JudgeFace { .. }
                | ConnectAction::ConnectPlug { .. }
                | ConnectAction::Disconnect { .. }
                | ConnectAction::ReplaceConnector { .. }
                | ConnectAction::SetSource { .. }
                | ConnectAction::SetMeter { .. }
                | ConnectAction::UseCord { .. }
                | ConnectAction::SetReference { .. }
                | ConnectAction::MeasureLoss
                | ConnectAction::LinkVerdict { .. }
                | ConnectAction::ReadPon { .. }
                | ConnectAction::JudgePon { .. }
                | ConnectAction::VflOn
                | ConnectAction::LookAt { .. }
                | ConnectAction::LocateFault { .. }
                | ConnectAction::LookAtFibre { .. }
                | ConnectAction::ChooseFibre { .. } => vec![],
            },
        }
    }

    /// Short name of the gesture for logs and tables.
    pub fn name(&self) -> Msg {
        match self {
            Action::AskHint => Msg::new("act-ask-hint"),
            Action::Finish => Msg::new("act-finish"),
            Action::Prep(a) => a.name(),
            Action::Otdr(a) => a.name(),
            Action::Splice(a) => a.name(),
            Action::Job(a) => a.name(),
            Action::Routing(a) => a.name(),
            Action::Connect(a) => a.name(),
        }
    }

    /// The cable-preparation gesture, if this is one.
    pub fn prep(&self) -> Option<&PrepAction> {
        if let Action::Prep(a) = self {
            Some(a)
        } else {
            None
        }
    }

    /// The OTDR step, if this is one.
    pub fn otdr(&self) -> Option<&OtdrAction> {
        if let Action::Otdr(a) = self {
            Some(a)
        } else {
            None
        }
    }

    /// The splicer step, if this is one.
    pub fn splice(&self) -> Option<&SpliceAction> {
        if let Action::Splice(a) = self {
            Some(a)
        } else {
            None
        }
    }

    /// The routing gesture, if this is one.
    pub fn routing(&self) -> Option<&RoutingAction> {
        if let Action::Routing(a) = self {
            Some(a)
        } else {
            None
        }
    }

    /// The connecting-and-measuring gesture, if this is one.
    pub fn connect(&self) -> Option<&ConnectAction> {
        if let Action::Connect(a) = self {
            Some(a)
        } else {
            None
        }
    }

    /// The job step, if this is one.
    pub fn job(&self) -> Option<&JobAction> {
        if let Action::Job(a) = self {
            Some(a)
        } else {
            None
        }
    }
}

impl PrepAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            PrepAction::SlideSleeve => "act-slide-sleeve",
            PrepAction::StripSheath { .. } => "act-strip-sheath",
            PrepAction::CutStrengthMembers { .. } => "act-cut-strength",
            PrepAction::OpenTube { .. } => "act-open-tube",
            PrepAction::RemoveGel { .. } => "act-remove-gel",
            PrepAction::PickFibre { .. } => "act-pick-fibre",
            PrepAction::StripCoating { .. } => "act-strip-coating",
            PrepAction::Clean { .. } => "act-clean",
            PrepAction::Cleave { .. } => "act-cleave",
            PrepAction::DisposeShard => "act-dispose-shard",
            PrepAction::LayOnBench => "act-lay-on-bench",
        })
    }
}

impl OtdrAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            OtdrAction::Acquire(_) => "act-acquire",
            OtdrAction::ReportEvent { .. } => "act-report-event",
            OtdrAction::RemoveReportEvent { .. } => "act-remove-report-event",
            OtdrAction::TakeTable { .. } => "act-take-table",
            OtdrAction::SetVerdict { .. } => "act-set-verdict",
            OtdrAction::ReportLink { .. } => "act-report-link",
        })
    }
}

impl SpliceAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            SpliceAction::WorkOn { .. } => "act-work-on",
            SpliceAction::SetSplicer(_) => "act-set-splicer",
            SpliceAction::LoadFibre { .. } => "act-load-fibre",
            SpliceAction::UnloadFibre { .. } => "act-unload-fibre",
            SpliceAction::PressSet => "act-press-set",
            SpliceAction::OpenCover => "act-open-cover",
            SpliceAction::BreakSplice => "act-break-splice",
            SpliceAction::CentreSleeve => "act-centre-sleeve",
            SpliceAction::OvenIn => "act-oven-in",
            SpliceAction::OvenOut => "act-oven-out",
            SpliceAction::StoreInTray { .. } => "act-store-in-tray",
            SpliceAction::CloseElement => "act-close-element",
        })
    }
}

impl JobAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            JobAction::NextStage => "act-next-stage",
            JobAction::TestFibre { .. } => "act-test-fibre",
        })
    }
}

impl ConnectAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            ConnectAction::InspectFace { .. } => "act-inspect-face",
            ConnectAction::CleanFace { .. } => "act-clean-face",
            ConnectAction::JudgeFace { .. } => "act-judge-face",
            ConnectAction::ConnectPlug { .. } => "act-connect-plug",
            ConnectAction::Disconnect { .. } => "act-disconnect",
            ConnectAction::ReplaceConnector { .. } => "act-replace-connector",
            ConnectAction::EnterBudget { .. } => "act-enter-budget",
            ConnectAction::SetSource { .. } => "act-set-source",
            ConnectAction::SetMeter { .. } => "act-set-meter",
            ConnectAction::UseCord { .. } => "act-use-cord",
            ConnectAction::SetReference { .. } => "act-set-reference",
            ConnectAction::MeasureLoss => "act-measure-loss",
            ConnectAction::LinkVerdict { .. } => "act-link-verdict",
            ConnectAction::ReadPon { .. } => "act-read-pon",
            ConnectAction::JudgePon { .. } => "act-judge-pon",
            ConnectAction::VflOn => "act-vfl-on",
            ConnectAction::LookAt { .. } => "act-look-at",
            ConnectAction::LocateFault { .. } => "act-locate-fault",
            ConnectAction::FillReport { .. } => "act-fill-report",
            ConnectAction::FieldStep { .. } => "act-field-step",
            ConnectAction::LookAtFibre { .. } => "act-look-at-fibre",
            ConnectAction::ChooseFibre { .. } => "act-choose-fibre",
        })
    }
}

impl From<ConnectAction> for Action {
    fn from(a: ConnectAction) -> Action {
        Action::Connect(a)
    }
}

impl RoutingAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            RoutingAction::InspectPole { .. } => "act-inspect-pole",
            RoutingAction::RecordPole { .. } => "act-record-pole",
            RoutingAction::DecidePole { .. } => "act-decide-pole",
            RoutingAction::SetHardware { .. } => "act-set-hardware",
            RoutingAction::TensionSpan { .. } => "act-tension-span",
            RoutingAction::PlaceWinch { .. } => "act-place-winch",
            RoutingAction::Lubricate { .. } => "act-lubricate",
            RoutingAction::SplitAt { .. } => "act-split-at",
            RoutingAction::FitSwivel { .. } => "act-fit-swivel",
            RoutingAction::FitGuide { .. } => "act-fit-guide",
            RoutingAction::StartPull => "act-start-pull",
            RoutingAction::Step { .. } => "act-site-step",
            RoutingAction::ReadLoad { .. } => "act-read-load",
            RoutingAction::SetRemedy { .. } => "act-set-remedy",
            RoutingAction::ChooseCable { .. } => "act-choose-cable",
            RoutingAction::ChooseMethod { .. } => "act-choose-method",
            RoutingAction::PressureTest { .. } => "act-pressure-test",
            RoutingAction::StartBlowing { .. } => "act-start-blowing",
            RoutingAction::DigZone { .. } => "act-dig-zone",
            RoutingAction::SetLvSpacing { .. } => "act-lv-spacing",
            RoutingAction::BuildTransition { .. } => "act-build-transition",
        })
    }
}

impl From<RoutingAction> for Action {
    fn from(a: RoutingAction) -> Action {
        Action::Routing(a)
    }
}

impl From<PrepAction> for Action {
    fn from(a: PrepAction) -> Action {
        Action::Prep(a)
    }
}

impl From<OtdrAction> for Action {
    fn from(a: OtdrAction) -> Action {
        Action::Otdr(a)
    }
}

impl From<SpliceAction> for Action {
    fn from(a: SpliceAction) -> Action {
        Action::Splice(a)
    }
}

impl From<JobAction> for Action {
    fn from(a: JobAction) -> Action {
        Action::Job(a)
    }
}

/// The file format of an action: every module's actions side by side, by name, as
/// action lists and the attempts store write them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum WireAction {
    SlideSleeve,
    StripSheath {
        length_mm: f64,
        tool: Tool,
    },
    CutStrengthMembers {
        keep_mm: f64,
        tool: Tool,
    },
    OpenTube {
        #[serde(default)]
        tube: Option<Colour>,
        tool: Tool,
    },
    RemoveGel {
        method: GelMethod,
    },
    PickFibre {
        #[serde(default)]
        tube: Option<Colour>,
        fibre: Colour,
    },
    StripCoating {
        length_mm: f64,
        tool: Tool,
        force: Force,
    },
    Clean {
        method: CleanMethod,
    },
    Cleave {
        length_mm: f64,
    },
    DisposeShard,
    LayOnBench,
    AskHint,
    Finish,
    Acquire(Config),
    ReportEvent {
        distance_m: f64,
        kind: EventType,
        #[serde(default)]
        loss_db: Option<f64>,
        #[serde(default)]
        reflectance_db: Option<f64>,
        #[serde(default)]
        verdict: Option<Verdict>,
    },
    RemoveReportEvent {
        number: u32,
    },
    TakeTable {
        trace: u32,
    },
    SetVerdict {
        number: u32,
        verdict: Verdict,
    },
    ReportLink {
        length_m: f64,
        total_loss_db: f64,
        verdict: Verdict,
    },
    WorkOn {
        side: Side,
    },
    SetSplicer(SplicerSettings),
    LoadFibre {
        side: Side,
    },
    UnloadFibre {
        side: Side,
    },
    PressSet,
    OpenCover,
    BreakSplice,
    CentreSleeve,
    OvenIn,
    OvenOut,
    StoreInTray {
        loop_diameter_mm: f64,
    },
    CloseElement,
    NextStage,
    TestFibre {
        #[serde(default)]
        tube: Option<Colour>,
        fibre: Colour,
    },
    InspectPole {
        pole: String,
    },
    RecordPole {
        pole: String,
        number: String,
    },
    DecidePole {
        pole: String,
        decision: PoleDecision,
    },
    SetHardware {
        pole: String,
        hardware: Hardware,
    },
    TensionSpan {
        span: u32,
        tension_n: f64,
    },
    PlaceWinch {
        chamber: String,
    },
    Lubricate {
        on: bool,
    },
    SplitAt {
        chamber: String,
        lobe_radius_m: f64,
    },
    FitSwivel {
        rating_n: f64,
    },
    FitGuide {
        chamber: String,
        radius_m: f64,
    },
    StartPull,
    Step {
        step: SiteStep,
    },
    ReadLoad {
        pole: String,
        utilisation_pct: f64,
    },
    SetRemedy {
        pole: String,
        remedy: Remedy,
    },
    ChooseCable {
        diameter_mm: f64,
    },
    ChooseMethod {
        method: LayMethod,
    },
    PressureTest {
        bar: f64,
    },
    StartBlowing {
        pressure_bar: f64,
    },
    DigZone {
        zone: u32,
        bottom_m: f64,
        mesh_depth_m: f64,
        mesh: MeshColour,
    },
    SetLvSpacing {
        spacing_m: f64,
    },
    BuildTransition {
        pbo_height_m: f64,
        guard_m: f64,
        anchored: bool,
    },
    // --- Connecting and measuring ---
    InspectFace {
        connector: String,
        face: Face,
    },
    CleanFace {
        connector: String,
        face: Face,
        method: Cleaning,
    },
    JudgeFace {
        connector: String,
        face: Face,
        pass: bool,
    },
    ConnectPlug {
        connector: String,
    },
    Disconnect {
        connector: String,
    },
    ReplaceConnector {
        connector: String,
    },
    EnterBudget {
        wavelength_nm: f64,
        budget_db: f64,
    },
    SetSource {
        wavelength_nm: f64,
    },
    SetMeter {
        wavelength_nm: f64,
    },
    UseCord {
        role: CordRole,
        cord: String,
    },
    SetReference {
        method: RefMethod,
    },
    MeasureLoss,
    LinkVerdict {
        pass: bool,
    },
    ReadPon {
        wavelength_nm: f64,
    },
    JudgePon {
        wavelength_nm: f64,
        ok: bool,
    },
    VflOn,
    LookAt {
        piece: u32,
    },
    LocateFault {
        #[serde(default)]
        piece: Option<u32>,
    },
    FieldStep {
        connector: String,
        step: FieldStep,
    },
    LookAtFibre {
        fibre: u32,
    },
    ChooseFibre {
        fibre: u32,
    },
    FillReport {
        line_id: String,
        pbo: String,
        level_dbm: f64,
        pass: bool,
    },
}

impl From<WireAction> for Action {
    fn from(w: WireAction) -> Action {
        use WireAction as W;
        match w {
            W::AskHint => Action::AskHint,
            W::Finish => Action::Finish,
            W::SlideSleeve => PrepAction::SlideSleeve.into(),
            W::StripSheath { length_mm, tool } => {
                PrepAction::StripSheath { length_mm, tool }.into()
            }
            W::CutStrengthMembers { keep_mm, tool } => {
                PrepAction::CutStrengthMembers { keep_mm, tool }.into()
            }
            W::OpenTube { tube, tool } => PrepAction::OpenTube { tube, tool }.into(),
            W::RemoveGel { method } => PrepAction::RemoveGel { method }.into(),
            W::PickFibre { tube, fibre } => PrepAction::PickFibre { tube, fibre }.into(),
            W::StripCoating {
                length_mm,
                tool,
                force,
            } => PrepAction::StripCoating {
                length_mm,
                tool,
                force,
            }
            .into(),
            W::Clean { method } => PrepAction::Clean { method }.into(),
            W::Cleave { length_mm } => PrepAction::Cleave { length_mm }.into(),
            W::DisposeShard => PrepAction::DisposeShard.into(),
            W::LayOnBench => PrepAction::LayOnBench.into(),
            W::Acquire(c) => OtdrAction::Acquire(c).into(),
            W::ReportEvent {
                distance_m,
                kind,
                loss_db,
                reflectance_db,
                verdict,
            } => OtdrAction::ReportEvent {
                distance_m,
                kind,
                loss_db,
                reflectance_db,
                verdict,
            }
            .into(),
            W::RemoveReportEvent { number } => OtdrAction::RemoveReportEvent { number }.into(),
            W::TakeTable { trace } => OtdrAction::TakeTable { trace }.into(),
            W::SetVerdict { number, verdict } => OtdrAction::SetVerdict { number, verdict }.into(),
            W::ReportLink {
                length_m,
                total_loss_db,
                verdict,
            } => OtdrAction::ReportLink {
                length_m,
                total_loss_db,
                verdict,
            }
            .into(),
            W::WorkOn { side } => SpliceAction::WorkOn { side }.into(),
            W::SetSplicer(s) => SpliceAction::SetSplicer(s).into(),
            W::LoadFibre { side } => SpliceAction::LoadFibre { side }.into(),
            W::UnloadFibre { side } => SpliceAction::UnloadFibre { side }.into(),
            W::PressSet => SpliceAction::PressSet.into(),
            W::OpenCover => SpliceAction::OpenCover.into(),
            W::BreakSplice => SpliceAction::BreakSplice.into(),
            W::CentreSleeve => SpliceAction::CentreSleeve.into(),
            W::OvenIn => SpliceAction::OvenIn.into(),
            W::OvenOut => SpliceAction::OvenOut.into(),
            W::StoreInTray { loop_diameter_mm } => {
                SpliceAction::StoreInTray { loop_diameter_mm }.into()
            }
            W::CloseElement => SpliceAction::CloseElement.into(),
            W::NextStage => JobAction::NextStage.into(),
            W::TestFibre { tube, fibre } => JobAction::TestFibre { tube, fibre }.into(),
            W::InspectPole { pole } => RoutingAction::InspectPole { pole }.into(),
            W::RecordPole { pole, number } => RoutingAction::RecordPole { pole, number }.into(),
            W::DecidePole { pole, decision } => RoutingAction::DecidePole { pole, decision }.into(),
            W::SetHardware { pole, hardware } => {
                RoutingAction::SetHardware { pole, hardware }.into()
            }
            W::TensionSpan { span, tension_n } => {
                RoutingAction::TensionSpan { span, tension_n }.into()
            }
            W::PlaceWinch { chamber } => RoutingAction::PlaceWinch { chamber }.into(),
            W::Lubricate { on } => RoutingAction::Lubricate { on }.into(),
            W::SplitAt {
                chamber,
                lobe_radius_m,
            } => RoutingAction::SplitAt {
                chamber,
                lobe_radius_m,
            }
            .into(),
            W::FitSwivel { rating_n } => RoutingAction::FitSwivel { rating_n }.into(),
            W::FitGuide { chamber, radius_m } => {
                RoutingAction::FitGuide { chamber, radius_m }.into()
            }
            W::StartPull => RoutingAction::StartPull.into(),
            W::Step { step } => RoutingAction::Step { step }.into(),
            W::ReadLoad {
                pole,
                utilisation_pct,
            } => RoutingAction::ReadLoad {
                pole,
                utilisation_pct,
            }
            .into(),
            W::SetRemedy { pole, remedy } => RoutingAction::SetRemedy { pole, remedy }.into(),
            W::ChooseCable { diameter_mm } => RoutingAction::ChooseCable { diameter_mm }.into(),
            W::ChooseMethod { method } => RoutingAction::ChooseMethod { method }.into(),
            W::PressureTest { bar } => RoutingAction::PressureTest { bar }.into(),
            W::StartBlowing { pressure_bar } => RoutingAction::StartBlowing { pressure_bar }.into(),
            W::DigZone {
                zone,
                bottom_m,
                mesh_depth_m,
                mesh,
            } => RoutingAction::DigZone {
                zone,
                bottom_m,
                mesh_depth_m,
                mesh,
            }
            .into(),
            W::SetLvSpacing { spacing_m } => RoutingAction::SetLvSpacing { spacing_m }.into(),
            W::BuildTransition {
                pbo_height_m,
                guard_m,
                anchored,
            } => RoutingAction::BuildTransition {
                pbo_height_m,
                guard_m,
                anchored,
            }
            .into(),
            W::InspectFace { connector, face } => {
                ConnectAction::InspectFace { connector, face }.into()
            }
            W::CleanFace {
                connector,
                face,
                method,
            } => ConnectAction::CleanFace {
                connector,
                face,
                method,
            }
            .into(),
            W::JudgeFace {
                connector,
                face,
                pass,
            } => ConnectAction::JudgeFace {
                connector,
                face,
                pass,
            }
            .into(),
            W::ConnectPlug { connector } => ConnectAction::ConnectPlug { connector }.into(),
            W::Disconnect { connector } => ConnectAction::Disconnect { connector }.into(),
            W::ReplaceConnector { connector } => {
                ConnectAction::ReplaceConnector { connector }.into()
            }
            W::EnterBudget {
                wavelength_nm,
                budget_db,
            } => ConnectAction::EnterBudget {
                wavelength_nm,
                budget_db,
            }
            .into(),
            W::SetSource { wavelength_nm } => ConnectAction::SetSource { wavelength_nm }.into(),
            W::SetMeter { wavelength_nm } => ConnectAction::SetMeter { wavelength_nm }.into(),
            W::UseCord { role, cord } => ConnectAction::UseCord { role, cord }.into(),
            W::SetReference { method } => ConnectAction::SetReference { method }.into(),
            W::MeasureLoss => ConnectAction::MeasureLoss.into(),
            W::LinkVerdict { pass } => ConnectAction::LinkVerdict { pass }.into(),
            W::ReadPon { wavelength_nm } => ConnectAction::ReadPon { wavelength_nm }.into(),
            W::JudgePon { wavelength_nm, ok } => {
                ConnectAction::JudgePon { wavelength_nm, ok }.into()
            }
            W::VflOn => ConnectAction::VflOn.into(),
            W::LookAt { piece } => ConnectAction::LookAt { piece }.into(),
            W::LocateFault { piece } => ConnectAction::LocateFault { piece }.into(),
            W::FieldStep { connector, step } => ConnectAction::FieldStep { connector, step }.into(),
            W::LookAtFibre { fibre } => ConnectAction::LookAtFibre { fibre }.into(),
            W::ChooseFibre { fibre } => ConnectAction::ChooseFibre { fibre }.into(),
            W::FillReport {
                line_id,
                pbo,
                level_dbm,
                pass,
            } => ConnectAction::FillReport {
                line_id,
                pbo,
                level_dbm,
                pass,
            }
            .into(),
        }
    }
}

impl From<Action> for WireAction {
    fn from(a: Action) -> WireAction {
        use WireAction as W;
        match a {
            Action::AskHint => W::AskHint,
            Action::Finish => W::Finish,
            Action::Prep(p) => match p {
                PrepAction::SlideSleeve => W::SlideSleeve,
                PrepAction::StripSheath { length_mm, tool } => W::StripSheath { length_mm, tool },
                PrepAction::CutStrengthMembers { keep_mm, tool } => {
                    W::CutStrengthMembers { keep_mm, tool }
                }
                PrepAction::OpenTube { tube, tool } => W::OpenTube { tube, tool },
                PrepAction::RemoveGel { method } => W::RemoveGel { method },
                PrepAction::PickFibre { tube, fibre } => W::PickFibre { tube, fibre },
                PrepAction::StripCoating {
                    length_mm,
                    tool,
                    force,
                } => W::StripCoating {
                    length_mm,
                    tool,
                    force,
                },
                PrepAction::Clean { method } => W::Clean { method },
                PrepAction::Cleave { length_mm } => W::Cleave { length_mm },
                PrepAction::DisposeShard => W::DisposeShard,
                PrepAction::LayOnBench => W::LayOnBench,
            },
            Action::Otdr(o) => match o {
                OtdrAction::Acquire(c) => W::Acquire(c),
                OtdrAction::ReportEvent {
                    distance_m,
                    kind,
                    loss_db,
                    reflectance_db,
                    verdict,
                } => W::ReportEvent {
                    distance_m,
                    kind,
                    loss_db,
                    reflectance_db,
                    verdict,
                },
                OtdrAction::RemoveReportEvent { number } => W::RemoveReportEvent { number },
                OtdrAction::TakeTable { trace } => W::TakeTable { trace },
                OtdrAction::SetVerdict { number, verdict } => W::SetVerdict { number, verdict },
                OtdrAction::ReportLink {
                    length_m,
                    total_loss_db,
                    verdict,
                } => W::ReportLink {
                    length_m,
                    total_loss_db,
                    verdict,
                },
            },
            Action::Splice(s) => match s {
                SpliceAction::WorkOn { side } => W::WorkOn { side },
                SpliceAction::SetSplicer(s) => W::SetSplicer(s),
                SpliceAction::LoadFibre { side } => W::LoadFibre { side },
                SpliceAction::UnloadFibre { side } => W::UnloadFibre { side },
                SpliceAction::PressSet => W::PressSet,
                SpliceAction::OpenCover => W::OpenCover,
                SpliceAction::BreakSplice => W::BreakSplice,
                SpliceAction::CentreSleeve => W::CentreSleeve,
                SpliceAction::OvenIn => W::OvenIn,
                SpliceAction::OvenOut => W::OvenOut,
                SpliceAction::StoreInTray { loop_diameter_mm } => {
                    W::StoreInTray { loop_diameter_mm }
                }
                SpliceAction::CloseElement => W::CloseElement,
            },
            Action::Job(j) => match j {
                JobAction::NextStage => W::NextStage,
                JobAction::TestFibre { tube, fibre } => W::TestFibre { tube, fibre },
            },
            Action::Routing(r) => match r {
                RoutingAction::InspectPole { pole } => W::InspectPole { pole },
                RoutingAction::RecordPole { pole, number } => W::RecordPole { pole, number },
                RoutingAction::DecidePole { pole, decision } => W::DecidePole { pole, decision },
                RoutingAction::SetHardware { pole, hardware } => W::SetHardware { pole, hardware },
                RoutingAction::TensionSpan { span, tension_n } => {
                    W::TensionSpan { span, tension_n }
                }
                RoutingAction::PlaceWinch { chamber } => W::PlaceWinch { chamber },
                RoutingAction::Lubricate { on } => W::Lubricate { on },
                RoutingAction::SplitAt {
                    chamber,
                    lobe_radius_m,
                } => W::SplitAt {
                    chamber,
                    lobe_radius_m,
                },
                RoutingAction::FitSwivel { rating_n } => W::FitSwivel { rating_n },
                RoutingAction::FitGuide { chamber, radius_m } => W::FitGuide { chamber, radius_m },
                RoutingAction::StartPull => W::StartPull,
                RoutingAction::Step { step } => W::Step { step },
                RoutingAction::ReadLoad {
                    pole,
                    utilisation_pct,
                } => W::ReadLoad {
                    pole,
                    utilisation_pct,
                },
                RoutingAction::SetRemedy { pole, remedy } => W::SetRemedy { pole, remedy },
                RoutingAction::ChooseCable { diameter_mm } => W::ChooseCable { diameter_mm },
                RoutingAction::ChooseMethod { method } => W::ChooseMethod { method },
                RoutingAction::PressureTest { bar } => W::PressureTest { bar },
                RoutingAction::StartBlowing { pressure_bar } => W::StartBlowing { pressure_bar },
                RoutingAction::DigZone {
                    zone,
                    bottom_m,
                    mesh_depth_m,
                    mesh,
                } => W::DigZone {
                    zone,
                    bottom_m,
                    mesh_depth_m,
                    mesh,
                },
                RoutingAction::SetLvSpacing { spacing_m } => W::SetLvSpacing { spacing_m },
                RoutingAction::BuildTransition {
                    pbo_height_m,
                    guard_m,
                    anchored,
                } => W::BuildTransition {
                    pbo_height_m,
                    guard_m,
                    anchored,
                },
            },
            Action::Connect(c) => match c {
                ConnectAction::InspectFace { connector, face } => {
                    W::InspectFace { connector, face }
                }
                ConnectAction::CleanFace {
                    connector,
                    face,
                    method,
                } => W::CleanFace {
                    connector,
                    face,
                    method,
                },
                ConnectAction::JudgeFace {
                    connector,
                    face,
                    pass,
                } => W::JudgeFace {
                    connector,
                    face,
                    pass,
                },
                ConnectAction::ConnectPlug { connector } => W::ConnectPlug { connector },
                ConnectAction::Disconnect { connector } => W::Disconnect { connector },
                ConnectAction::ReplaceConnector { connector } => W::ReplaceConnector { connector },
                ConnectAction::EnterBudget {
                    wavelength_nm,
                    budget_db,
                } => W::EnterBudget {
                    wavelength_nm,
                    budget_db,
                },
                ConnectAction::SetSource { wavelength_nm } => W::SetSource { wavelength_nm },
                ConnectAction::SetMeter { wavelength_nm } => W::SetMeter { wavelength_nm },
                ConnectAction::UseCord { role, cord } => W::UseCord { role, cord },
                ConnectAction::SetReference { method } => W::SetReference { method },
                ConnectAction::MeasureLoss => W::MeasureLoss,
                ConnectAction::LinkVerdict { pass } => W::LinkVerdict { pass },
                ConnectAction::ReadPon { wavelength_nm } => W::ReadPon { wavelength_nm },
                ConnectAction::JudgePon { wavelength_nm, ok } => W::JudgePon { wavelength_nm, ok },
                ConnectAction::VflOn => W::VflOn,
                ConnectAction::LookAt { piece } => W::LookAt { piece },
                ConnectAction::LocateFault { piece } => W::LocateFault { piece },
                ConnectAction::FieldStep { connector, step } => W::FieldStep { connector, step },
                ConnectAction::LookAtFibre { fibre } => W::LookAtFibre { fibre },
                ConnectAction::ChooseFibre { fibre } => W::ChooseFibre { fibre },
                ConnectAction::FillReport {
                    line_id,
                    pbo,
                    level_dbm,
                    pass,
                } => W::FillReport {
                    line_id,
                    pbo,
                    level_dbm,
                    pass,
                },
            },
        }
    }
}
