//! Actions: what a trainee (or a script) does, nested by the module it belongs to.
//!
//! In files (action lists, the attempts store) an action is written flat, as it always
//! has been: `StripSheath(length_mm: 40, tool: SheathStripper)`, `Acquire(...)`,
//! `NextStage`, by its own name without its module's (`crate::wire`): each module's enum
//! carries its own `serde` attributes, and `Action` writes and reads through them, so old
//! files and stored logs read exactly as before while the code sees each module's own
//! actions. A new action is written once, in its module's enum.

use serde::{Deserialize, Serialize};

pub use super::connect::ConnectAction;
use super::otdr::{Config, Verdict};
pub use super::routing::RoutingAction;
use crate::i18n::Msg;
use crate::limits::{self, Limit};
use crate::physics::cable::Colour;
use crate::physics::handling::{CleanMethod, Force, GelMethod, Tool};
use crate::physics::splice::{Side, SplicerSettings};
use crate::scenario::EventType;

/// An action, by module. `AskHint` and `Finish` are every module's.
#[derive(Clone, Debug, PartialEq)]
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

crate::wire::flat!(Action {
    units: AskHint, Finish;
    inner: Prep(PrepAction), Otdr(OtdrAction), Splice(SpliceAction), Job(JobAction),
        Routing(RoutingAction), Connect(ConnectAction);
});

/// A gesture of cable preparation.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
        #[serde(default)]
        tube: Option<Colour>,
        tool: Tool,
    },
    RemoveGel {
        method: GelMethod,
    },
    /// Take a fibre in hand, found by its colour (and its tube's colour).
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum OtdrAction {
    /// Start an acquisition with this set-up (the instrument averages for its time).
    Acquire(Config),
    /// Add a line to the acceptance report.
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
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
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum JobAction {
    /// Close the current stage and go on to the next.
    NextStage,
    /// Connect the OTDR to this fibre of the cable at end A (the test stage).
    TestFibre {
        #[serde(default)]
        tube: Option<Colour>,
        fibre: Colour,
    },
    /// At the box: name the plan's position (its code) that holds the work order's fibre.
    LocateFibre { position: String },
    /// At the box: stop and report the work order's mismatch with its code.
    ReportRoute {
        code: crate::scenario::closure::order::RouteCode,
    },
    /// The audit: file a defect by its fault code (FD) and location code (LD), at a
    /// position of the plan (its code) or on the box as a whole.
    FileDefect {
        fault: String,
        location: String,
        #[serde(default)]
        position: Option<String>,
    },
    /// The audit: withdraw the defect filed `index`-th (from 0).
    WithdrawDefect { index: u32 },
    /// At the box: open a window this long in the cable's sheath (mid-span access).
    OpenWindow { length_mm: f64 },
    /// At the box: open tube `tube` (from 1) of the opened cable with the tube shaver
    /// along the window and cut it. `stroke`: the shaver's path, the blade's offset
    /// across the tube at equal steps along the window, in hundredths of a tube's width
    /// (positive towards tube `tube + 1`); none, a straight stroke (the form's).
    CutTube {
        tube: u32,
        #[serde(default, skip_serializing_if = "Vec::is_empty")]
        stroke: Vec<i32>,
    },
    /// At the box: lay tube `tube` of the opened cable whole in the basket (express).
    PassTube { tube: u32 },
    /// At the box: route a fibre (its code) to a position of the plan (its code).
    PlaceFibre { fibre: String, position: String },
    /// At the box: coil the fibres at a position of a splice cassette at a diameter.
    CoilFibre { position: String, diameter_mm: f64 },
    /// At the box: close it and write its label.
    CloseBox { label: String },
    /// At the box: open its lid again (a box closed before, by the builder or by you).
    OpenBox,
    /// At the box: shine the red light into a fibre of the opened cable from the
    /// exchange's end, and see where it shows.
    RedLight { fibre: String },
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
                JobAction::NextStage
                | JobAction::TestFibre { .. }
                | JobAction::LocateFibre { .. }
                | JobAction::ReportRoute { .. }
                | JobAction::FileDefect { .. }
                | JobAction::WithdrawDefect { .. }
                | JobAction::PassTube { .. }
                | JobAction::PlaceFibre { .. }
                | JobAction::CloseBox { .. }
                | JobAction::OpenBox
                | JobAction::RedLight { .. } => vec![],
                JobAction::CutTube { stroke, .. } => stroke
                    .iter()
                    .map(|o| ("stroke", f64::from(*o), &l::SHAVER_OFFSET_PCT))
                    .collect(),
                JobAction::OpenWindow { length_mm } => {
                    vec![("length_mm", *length_mm, &l::WINDOW_MM)]
                }
                JobAction::CoilFibre { diameter_mm, .. } => {
                    vec![("diameter_mm", *diameter_mm, &l::TRAY_LOOP_MM)]
                }
            },
            Action::Routing(a) => a.limited_numbers(),
            Action::Connect(a) => a.limited_numbers(),
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
            JobAction::LocateFibre { .. } => "act-locate-fibre",
            JobAction::ReportRoute { .. } => "act-report-route",
            JobAction::FileDefect { .. } => "act-file-defect",
            JobAction::WithdrawDefect { .. } => "act-withdraw-defect",
            JobAction::OpenWindow { .. } => "act-open-window",
            JobAction::CutTube { .. } => "act-cut-tube",
            JobAction::PassTube { .. } => "act-pass-tube",
            JobAction::PlaceFibre { .. } => "act-place-fibre",
            JobAction::CoilFibre { .. } => "act-coil-fibre",
            JobAction::CloseBox { .. } => "act-close-box",
            JobAction::OpenBox => "act-open-box",
            JobAction::RedLight { .. } => "act-red-light",
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
