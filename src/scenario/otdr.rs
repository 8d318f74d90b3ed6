//! Scenario schema of the OTDR module: the link under test (or a real trace file), the
//! wavelengths and directions the test must cover, the instrument's detection thresholds,
//! the acceptance rules of the job and the tolerances of the grading.

use serde::{Deserialize, Serialize};

use super::Varying;
use crate::physics::analysis::Thresholds;
use crate::physics::fibre::FibreType;
use crate::physics::link::ConnectorKind;

/// Setup of an OTDR exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OtdrSetup {
    /// What is measured.
    pub source: TraceSource,
    /// Wavelengths the test must cover, nm (1310, 1550, 1625 single-mode; 850, 1300
    /// multimode).
    #[serde(default = "default_wavelengths")]
    pub wavelengths: Vec<f64>,
    /// The job asks for a test from both ends, losses averaged (bidirectional).
    #[serde(default)]
    pub bidirectional: bool,
    /// The wavelength the report's losses are read at. Left out: the longest one.
    #[serde(default)]
    pub report_wavelength_nm: Option<f64>,
    /// The instrument's detection thresholds (its automatic analysis).
    #[serde(default)]
    pub thresholds: ThresholdSpec,
    /// The job's acceptance rules, for the pass/fail verdicts.
    pub acceptance: Acceptance,
    /// How close the trainee's figures must be to count.
    #[serde(default)]
    pub tolerances: Tolerances,
    /// Labels written into the .sor files (cable, fibre, ends).
    #[serde(default)]
    pub labels: Labels,
}

fn default_wavelengths() -> Vec<f64> {
    vec![1310.0, 1550.0]
}

impl OtdrSetup {
    pub fn report_wavelength(&self) -> f64 {
        self.report_wavelength_nm
            .unwrap_or_else(|| self.wavelengths.iter().copied().fold(0.0, f64::max))
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum TraceSource {
    /// A simulated link, drawn from the seed.
    Link(LinkSpec),
    /// A real trace saved by an instrument: the trainee analyses it.
    SorFile(SorSpec),
    /// In a job with a connecting stage only: the line as that stage built it (one link
    /// that the power meter, the PON meter, the red light and the OTDR all read), tested
    /// from the trainee's splice to the outlet. `elements` are what lies between connector
    /// A and that splice (the OTDR's way in); connector B is the outlet as it was left.
    JobLine(LinkSpec),
}

/// A link between its two end connectors, A (where the OTDR is first plugged) and B.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkSpec {
    /// The link's end connectors (A and B): their kind and the loss of each when mated.
    pub connectors: ConnectorSpec,
    /// Launch cable ("bobine amorce") on the bench, m; 0: none.
    #[serde(default)]
    pub launch_cable_m: f64,
    /// Receive cable ("bobine de fin") on the bench, m; 0: none.
    #[serde(default)]
    pub receive_cable_m: f64,
    /// What lies between connector A and connector B, in order from A.
    pub elements: Vec<ElementSpec>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectorSpec {
    pub kind: ConnectorKind,
    pub loss_db: Varying<f64>,
    /// Left out: typical for the kind (PC −45, UPC −55, APC −65 dB).
    #[serde(default)]
    pub reflectance_db: Option<Varying<f64>>,
}

/// One element of a link, with ranges the seed draws from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ElementSpec {
    Fibre {
        fibre: FibreType,
        length_m: Varying<f64>,
    },
    /// A mated connector pair inside the link (patch panel, distribution point).
    Connector {
        kind: ConnectorKind,
        loss_db: Varying<f64>,
        #[serde(default)]
        reflectance_db: Option<Varying<f64>>,
    },
    FusionSplice {
        loss_db: Varying<f64>,
    },
    MechanicalSplice {
        loss_db: Varying<f64>,
        reflectance_db: Varying<f64>,
    },
    /// 1:N splitter; `excess_db` above the ideal 10·log10(N). `from_output`: end A is
    /// on the splitter's output side (a test from the subscriber towards the exchange).
    Splitter {
        ports: u32,
        excess_db: Varying<f64>,
        #[serde(default)]
        from_output: bool,
    },
    /// A bend too tight; its loss at 1550 nm (it doubles every 75 nm longer).
    Macrobend {
        loss_1550_db: Varying<f64>,
    },
    /// The fibre is broken here: nothing beyond is seen from A. Left out reflectance:
    /// a crushed, non-reflective break.
    Break {
        #[serde(default)]
        reflectance_db: Option<Varying<f64>>,
    },
    /// In a job only: the splice the trainee made at the splicing stage on the fibre
    /// under test, with its true losses and the bend of its loop in the tray.
    JobSplice,
    /// In a job with a routing stage only: the cable the trainee pulled, of this fibre,
    /// as laid (its installed length, a loss at each bend tighter than its radius under
    /// tension, a strain loss or a break where it was pulled over its limit).
    JobRoute {
        fibre: FibreType,
    },
}

/// A real trace and the trainer's reference reading of it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SorSpec {
    /// The .sor file, relative to the scenario file.
    pub file: String,
    /// The trainer's event table: what the trainee must find.
    pub reference: Vec<ReferenceEvent>,
    /// Link length from the origin, m.
    pub length_m: f64,
    /// Total loss of the link, dB.
    pub total_loss_db: f64,
    /// Origin of the distances (end of the launch cable), m on the trace; 0 by default.
    #[serde(default)]
    pub origin_m: f64,
}

/// One line of a trainer's reference event table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReferenceEvent {
    pub distance_m: f64,
    pub kind: EventType,
    #[serde(default)]
    pub loss_db: Option<f64>,
    #[serde(default)]
    pub reflectance_db: Option<f64>,
}

/// What an event is, as a technician names it in a report.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EventType {
    Connector,
    /// Fusion splice.
    Splice,
    MechanicalSplice,
    Splitter,
    /// Macrobend.
    Bend,
    Break,
    /// End of the fibre (or of the receive cable).
    End,
}

impl EventType {
    pub const ALL: [EventType; 7] = [
        EventType::Connector,
        EventType::Splice,
        EventType::MechanicalSplice,
        EventType::Splitter,
        EventType::Bend,
        EventType::Break,
        EventType::End,
    ];
    pub fn key(self) -> &'static str {
        match self {
            EventType::Connector => "evt-connector",
            EventType::Splice => "evt-splice",
            EventType::MechanicalSplice => "evt-mechanical-splice",
            EventType::Splitter => "evt-splitter",
            EventType::Bend => "evt-bend",
            EventType::Break => "evt-break",
            EventType::End => "evt-end",
        }
    }
    pub fn name(self) -> crate::i18n::Msg {
        crate::i18n::Msg::new(self.key())
    }
    /// Types whose light comes back as a Fresnel peak.
    pub fn is_reflective(self) -> bool {
        matches!(self, EventType::Connector | EventType::MechanicalSplice)
    }
}

/// Detection thresholds of the instrument's analysis (REFERENCE.md A.9).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ThresholdSpec {
    #[serde(default = "d_splice")]
    pub splice_loss_db: f64,
    #[serde(default = "d_refl")]
    pub reflectance_db: f64,
    #[serde(default = "d_eof")]
    pub end_of_fibre_db: f64,
}

fn d_splice() -> f64 {
    0.05
}
fn d_refl() -> f64 {
    -72.0
}
fn d_eof() -> f64 {
    3.0
}

impl Default for ThresholdSpec {
    fn default() -> Self {
        ThresholdSpec {
            splice_loss_db: d_splice(),
            reflectance_db: d_refl(),
            end_of_fibre_db: d_eof(),
        }
    }
}

impl From<ThresholdSpec> for Thresholds {
    fn from(t: ThresholdSpec) -> Thresholds {
        Thresholds {
            splice_loss_db: t.splice_loss_db,
            reflectance_db: t.reflectance_db,
            end_of_fibre_db: t.end_of_fibre_db,
        }
    }
}

/// The job's acceptance rules ("recette"). French FTTH guides: splice ≤ 0.2 dB, SC/APC
/// connector ≤ 0.5 dB, reflectance better than −55 dB (REFERENCE.md B.4).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Acceptance {
    pub splice_max_db: f64,
    pub connector_max_db: f64,
    /// Connectors and mechanical splices must reflect less than this, dB.
    pub reflectance_max_db: f64,
    #[serde(default = "d_mech")]
    pub mechanical_splice_max_db: f64,
    /// A splitter may lose this much above its ideal 10·log10(N), dB.
    #[serde(default = "d_split")]
    pub splitter_excess_max_db: f64,
    /// Loss of the whole link (connector A to connector B), dB. Left out: no limit.
    #[serde(default)]
    pub link_max_db: Option<f64>,
}

impl Acceptance {
    /// The loss limit of an event type (for a splitter, the excess above 10·log10 N);
    /// `None` for the types judged otherwise.
    pub fn loss_limit(&self, kind: EventType) -> Option<f64> {
        match kind {
            EventType::Splice => Some(self.splice_max_db),
            EventType::Connector => Some(self.connector_max_db),
            EventType::MechanicalSplice => Some(self.mechanical_splice_max_db),
            EventType::Splitter => Some(self.splitter_excess_max_db),
            EventType::Bend | EventType::Break | EventType::End => None,
        }
    }

    /// The verdict on an event (`loss_db`: its loss, for a splitter its excess), and
    /// whether it lies within the tolerances of a limit, where a measurement defends
    /// either verdict. `None` for the end of the fibre; a bend or a break always fails.
    pub fn judge(
        &self,
        kind: EventType,
        loss_db: f64,
        reflectance_db: Option<f64>,
        tol: &Tolerances,
    ) -> (Option<bool>, bool) {
        let Some(max) = self.loss_limit(kind) else {
            return ((kind != EventType::End).then_some(false), false);
        };
        let mut pass = loss_db <= max;
        let mut borderline = (loss_db - max).abs() <= tol.loss_db;
        if kind.is_reflective()
            && let Some(r) = reflectance_db
        {
            pass &= r <= self.reflectance_max_db;
            borderline |= (r - self.reflectance_max_db).abs() <= tol.reflectance_db;
        }
        (Some(pass), borderline)
    }
}

fn d_mech() -> f64 {
    0.5
}
fn d_split() -> f64 {
    1.0
}

/// Grading tolerances.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tolerances {
    /// An event's distance, m.
    #[serde(default = "d_dist")]
    pub distance_m: f64,
    /// An event's loss, dB.
    #[serde(default = "d_loss")]
    pub loss_db: f64,
    /// An event's reflectance, dB.
    #[serde(default = "d_rtol")]
    pub reflectance_db: f64,
    /// The link's total loss, dB.
    #[serde(default = "d_total")]
    pub total_loss_db: f64,
}

fn d_dist() -> f64 {
    5.0
}
fn d_loss() -> f64 {
    0.05
}
fn d_rtol() -> f64 {
    3.0
}
fn d_total() -> f64 {
    0.2
}

impl Default for Tolerances {
    fn default() -> Self {
        Tolerances {
            distance_m: d_dist(),
            loss_db: d_loss(),
            reflectance_db: d_rtol(),
            total_loss_db: d_total(),
        }
    }
}

/// Names written into the .sor GenParams block.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    #[serde(default)]
    pub cable_id: String,
    #[serde(default)]
    pub fibre_id: String,
    #[serde(default)]
    pub location_a: String,
    #[serde(default)]
    pub location_b: String,
}

/// What an OTDR criterion checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum OtdrCheck {
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
    AveragingTime { min_s: f64 },
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
}

impl OtdrCheck {
    /// Whether the check judges the instrument's set-up (meaningless on a saved trace,
    /// whose set-up was someone else's).
    pub fn judges_set_up(&self) -> bool {
        match self {
            OtdrCheck::CablesUsed
            | OtdrCheck::AllMeasured
            | OtdrCheck::IorSet
            | OtdrCheck::RangeFit
            | OtdrCheck::PulseFit
            | OtdrCheck::AveragingTime { .. } => true,
            OtdrCheck::EventsFound
            | OtdrCheck::EventTypes
            | OtdrCheck::EventValues
            | OtdrCheck::FaultLocated
            | OtdrCheck::LinkResult
            | OtdrCheck::Verdicts => false,
        }
    }
}
