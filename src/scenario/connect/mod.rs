//! The connecting-and-measuring exercise's set-up (issue 13): connectors with their end
//! faces, the test cords, a link from end A to end B, and the tasks a technician does on
//! them: inspect and clean before connecting, measure the insertion loss with a light
//! source and a power meter (after a loss budget), read the PON levels at the outlet,
//! find a fault with the red light.

use serde::{Deserialize, Serialize};

mod fitting;
mod meter;
mod microscope;
mod pon;
mod red_light;
mod report;

pub use fitting::FitConnectorTask;
pub use meter::{BudgetTask, MeasureTask};
pub use microscope::InspectTask;
pub use pon::{PonLevel, PonTask};
pub use red_light::IdentifyTask;
pub use report::ReportTask;

use super::{Text, Varying};
use crate::physics::endface::{Mark, Polish};
use crate::physics::fibre::FibreType;
use crate::physics::vfl::Covering;

/// Setup of a connecting-and-measuring exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectSetup {
    /// Every connector the trainee can inspect: the link's and a panel's others.
    pub connectors: Vec<ConnectorSpec>,
    /// The test cords of the kit (launch, receive, substitution, spare).
    #[serde(default)]
    pub cords: Vec<CordSpec>,
    /// The link from end A (where the source, the locator or the OLT is) to end B.
    #[serde(default)]
    pub link: Vec<Piece>,
    /// The light source's output, dBm.
    #[serde(default = "default_source_dbm")]
    pub source_dbm: f64,
    /// What the trainee is asked to do, in order.
    pub tasks: Vec<ConnectTask>,
}

fn default_source_dbm() -> f64 {
    -7.0
}

/// The connector families of the course: SC and LC, angle-polished (green) or not (blue).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ConnectorType {
    ScApc,
    ScUpc,
    LcApc,
    LcUpc,
}

impl ConnectorType {
    pub fn polish(self) -> Polish {
        match self {
            ConnectorType::ScApc | ConnectorType::LcApc => Polish::Apc,
            ConnectorType::ScUpc | ConnectorType::LcUpc => Polish::Pc,
        }
    }
    pub fn name(self) -> &'static str {
        match self {
            ConnectorType::ScApc => "SC/APC",
            ConnectorType::ScUpc => "SC/UPC",
            ConnectorType::LcApc => "LC/APC",
            ConnectorType::LcUpc => "LC/UPC",
        }
    }
}

/// A connector: the port (the fibre in the adapter, inspected with a bulkhead tip) and,
/// for a connection inside the link, the plug that goes into it (a patch cord's or a
/// pigtail's). At the link's ends the plug is the test cord's.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConnectorSpec {
    /// Short name ("P3", "PTO").
    pub id: String,
    /// Where it is, for the trainee.
    pub place: Text,
    pub kind: ConnectorType,
    /// What is on the port's face.
    #[serde(default)]
    pub port: Vec<Mark>,
    /// What is on the plug's face; left out: an end of the link, where a test cord plugs.
    #[serde(default)]
    pub plug: Option<Vec<Mark>>,
    /// Dust grains the seed scatters over the port's face besides `port`.
    #[serde(default = "no_dust")]
    pub port_dust: Varying<u32>,
    /// Dust grains the seed scatters over the plug's face besides `plug`.
    #[serde(default = "no_dust")]
    pub plug_dust: Varying<u32>,
    /// Already connected when the exercise opens (a link in service): unplug it to look.
    #[serde(default)]
    pub connected: bool,
    /// The clean pair's loss, dB (typical FTTH connector, REFERENCE D.1).
    #[serde(default = "default_pair_loss")]
    pub loss_db: f64,
}

fn no_dust() -> Varying<u32> {
    Varying::Fixed(0)
}

fn default_pair_loss() -> f64 {
    0.25
}

/// A test cord: its free plug's face, and how well its other plug couples into the
/// source's port (the seed draws it: re-connecting a cord changes the launched power).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CordSpec {
    pub id: String,
    pub kind: ConnectorType,
    #[serde(default)]
    pub plug: Vec<Mark>,
    #[serde(default = "no_dust")]
    pub plug_dust: Varying<u32>,
    /// Loss at the source's port, dB.
    #[serde(default = "default_launch_loss")]
    pub launch_loss_db: Varying<f64>,
    /// A reference-grade cord's clean mating, dB (ISO/IEC 14763-3: ≤ 0.2 ref-to-ref).
    #[serde(default = "default_cord_loss")]
    pub loss_db: f64,
}

fn default_launch_loss() -> Varying<f64> {
    Varying::Range(0.05, 0.3)
}

fn default_cord_loss() -> f64 {
    0.1
}

/// One piece of the link, in order from end A.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Piece {
    /// A connector of `connectors`, by id: the first and the last are the link's ends.
    Connector(String),
    /// A length of fibre under its covering. Left out `fibre`: G.652.D.
    Fibre {
        length_m: Varying<f64>,
        #[serde(default = "standard_fibre")]
        fibre: FibreType,
        #[serde(default = "jacketed")]
        covering: Covering,
        place: Text,
    },
    /// A fusion splice.
    Splice { loss_db: Varying<f64>, place: Text },
    /// A passive splitter (its loss as the operator plans it, REFERENCE C: 1:32 ≈ 17 dB).
    Splitter {
        ways: u32,
        loss_db: f64,
        place: Text,
    },
    /// Something wrong on the link, where the trainee must find it.
    Fault { fault: Fault, place: Text },
    /// In a job: the splice the splicing stage made on the first fibre (its true losses),
    /// or the fibre left open there.
    JobSplice { place: Text },
    /// In a job with a routing stage: the cable as the routing stage laid it (its
    /// length, and a tight bend's or an overstrain's loss).
    JobRoute { place: Text },
}

fn standard_fibre() -> FibreType {
    FibreType::G652D
}

/// A drop or a patch cord: the usual covering of a fibre a technician looks at.
fn jacketed() -> Covering {
    Covering::Jacket
}

/// A fault on the link.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum Fault {
    /// The fibre broken: no light beyond.
    Break,
    /// A bend too tight (a drop pinched by a staple, a cord shut in a door): its loss at
    /// 1550 nm, dB; at 1310 nm a third of it (REFERENCE E.1).
    TightBend { loss_1550_db: f64 },
    /// A bad splice: its loss, dB.
    BadSplice { loss_db: f64 },
}

/// A task of the exercise: each kind is a station's (one file each beside this one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum ConnectTask {
    /// Inspect connectors under the microscope, clean, judge, connect or replace.
    Inspect(InspectTask),
    /// Work out the link's loss budget before measuring.
    Budget(BudgetTask),
    /// Set the reference, measure the insertion loss, say whether it passes.
    Measure(MeasureTask),
    /// Read the operator's levels at the outlet with a PON power meter.
    PonLevels(PonTask),
    /// Send red light in at end A, look along the link, and say where the fault is (or
    /// that the light comes through).
    LocateFault,
    /// Identify the link's fibre at end B with the red light.
    IdentifyFibre(IdentifyTask),
    /// Fit a field-installable (mechanical) connector at a link's end.
    FitConnector(FitConnectorTask),
    /// Fill the intervention report.
    Report(ReportTask),
}

/// What a connecting-and-measuring criterion checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ConnectCheck {
    /// Each face of the task's connectors inspected before it was connected.
    FacesInspected,
    /// Every face connected was clean by the standard when it was connected.
    ConnectedClean,
    /// Each face judged as the standard has it (the last look, after cleaning).
    FacesJudged,
    /// The damaged connectors sent to be replaced, none of the good ones.
    DamagedReplaced,
    /// The budget worked out within `tolerance_db` at each wavelength.
    BudgetRight { tolerance_db: f64 },
    /// The reference set by the method asked, at the wavelength measured, with the cords
    /// the measurement used, and the meter on the source's wavelength.
    ReferenceRight,
    /// Each wavelength's loss measured within `tolerance_db` of what the method defines.
    LossMeasured { tolerance_db: f64 },
    /// The link's verdict right.
    LossVerdict,
    /// Each PON level read and judged right.
    PonJudged,
    /// The fault placed right (or the link said to be sound when it is).
    FaultFound,
    /// The intervention report filled right.
    ReportRight,
    /// Each field connector fitted in the right order, its joint under `max_loss_db` at
    /// 1550 nm.
    ConnectorFitted { max_loss_db: f64 },
    /// The fibre lit by the red light picked out at end B.
    FibreIdentified,
}
