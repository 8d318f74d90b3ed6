//! The routing exercise's set-up (aerial and underground work, ROUTING.md): a site of
//! poles, spans, chambers, ducts and power lines, a cable from a small catalogue, the
//! climatic hypotheses, and the tasks the trainee is given on it. SI inside: metres,
//! newtons, pascals; the app shows tensions in daN, as French practice does.

use serde::{Deserialize, Serialize};

mod aerial;
mod blow;
mod chamber;
mod pull;
mod trench;

pub use aerial::{CheckPolesTask, HardwareTask, PoleStudyTask, TensionTask};
pub use blow::BlowTask;
pub use chamber::OpenChamberTask;
pub use pull::PullTask;
pub use trench::TrenchTask;

use super::{Text, Varying};
use crate::physics::duct::{BEND_LOADED_X_OD, BEND_STATIC_X_OD};

/// Setup of a routing exercise.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoutingSetup {
    pub site: Site,
    pub cable: CableChoice,
    /// The climatic hypotheses a span and a pole are checked under (teaching values
    /// unless `confirmed`).
    #[serde(default)]
    pub hypotheses: Vec<Hypothesis>,
    /// What the trainee is asked to do on the site, in order.
    pub tasks: Vec<RoutingTask>,
}

/// The site, as a plan: positions in metres, x east, y north.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Site {
    #[serde(default)]
    pub poles: Vec<PoleSpec>,
    /// Spans between poles, in the line's order.
    #[serde(default)]
    pub spans: Vec<SpanSpec>,
    #[serde(default)]
    pub chambers: Vec<ChamberSpec>,
    /// Duct sections between chambers, in the route's order.
    #[serde(default)]
    pub ducts: Vec<DuctSpec>,
    #[serde(default)]
    pub power_lines: Vec<PowerLine>,
    /// Houses, for the plan: where each stands, m, and its name.
    #[serde(default)]
    pub houses: Vec<House>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct House {
    #[serde(default)]
    pub name: String,
    pub x_m: f64,
    pub y_m: f64,
}

/// The label on a pole ("plaque", "étiquette").
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Label {
    /// Orange's identification: the pole may be used if sound.
    Blue,
    /// Declared bad: no climbing, no added load.
    Yellow,
    /// Forbidden: electrical danger.
    Red,
    /// No label readable.
    Unlabelled,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PoleNature {
    Wood,
    Concrete,
    Metal,
    Composite,
}

/// What the hammer and the eye find on a pole.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize, Default)]
pub enum PoleCondition {
    #[default]
    Sound,
    /// Leaning off the vertical.
    Tilted,
    /// Rotten at the foot: the sound diameter left at the ground line and an internal
    /// hollow, m.
    Decayed {
        sound_diameter_m: f64,
        hollow_m: f64,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PoleSpec {
    /// Short name on the plan ("P1").
    pub id: String,
    pub label: Label,
    /// The number on the label, for the pole's card ("fiche d'appui").
    #[serde(default)]
    pub number: String,
    pub nature: PoleNature,
    /// Above the ground, m.
    pub height_m: f64,
    /// The class's nominal head force, N.
    pub nominal_n: f64,
    /// Where the nominal force applies, above the ground, m (default: 0.25 m under the top).
    #[serde(default)]
    pub reference_height_m: Option<f64>,
    pub base_diameter_m: f64,
    pub top_diameter_m: f64,
    #[serde(default)]
    pub condition: PoleCondition,
    /// The line's change of direction at the pole, degrees (0: straight on).
    #[serde(default)]
    pub deviation_deg: f64,
    /// Where the new cable is attached, above the ground, m.
    pub attach_height_m: f64,
    /// Cables already on the pole (a shared pole's copper, say).
    #[serde(default)]
    pub existing: Vec<ExistingCable>,
    /// On the plan, m.
    pub x_m: f64,
    pub y_m: f64,
}

impl PoleSpec {
    pub fn reference_height_m(&self) -> f64 {
        self.reference_height_m.unwrap_or(self.height_m - 0.25)
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExistingCable {
    pub tension_n: f64,
    pub diameter_mm: f64,
    pub height_m: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SpanSpec {
    pub from: String,
    pub to: String,
    pub length_m: Varying<f64>,
    /// The span crosses a road: its lowest point must clear it.
    #[serde(default)]
    pub road: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum ChamberKind {
    L0T,
    L1T,
    L2T,
    L3T,
    L4T,
    L5T,
    L6T,
    K1C,
    K2C,
    K3C,
}

impl ChamberKind {
    /// Interior length × width × depth, m (Mission THD, 2015, via Objectif Fibre).
    pub fn interior_m(self) -> (f64, f64, f64) {
        match self {
            ChamberKind::L0T => (0.42, 0.24, 0.30),
            ChamberKind::L1T => (0.52, 0.38, 0.60),
            ChamberKind::L2T => (1.16, 0.38, 0.60),
            ChamberKind::L3T => (1.38, 0.52, 0.60),
            ChamberKind::L4T => (1.87, 0.52, 0.60),
            ChamberKind::L5T => (1.79, 0.88, 1.20),
            ChamberKind::L6T => (2.42, 0.88, 1.20),
            ChamberKind::K1C => (0.75, 0.75, 0.75),
            ChamberKind::K2C => (1.50, 0.75, 0.75),
            ChamberKind::K3C => (2.25, 0.75, 0.75),
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            ChamberKind::L0T => "L0T",
            ChamberKind::L1T => "L1T",
            ChamberKind::L2T => "L2T",
            ChamberKind::L3T => "L3T",
            ChamberKind::L4T => "L4T",
            ChamberKind::L5T => "L5T",
            ChamberKind::L6T => "L6T",
            ChamberKind::K1C => "K1C",
            ChamberKind::K2C => "K2C",
            ChamberKind::K3C => "K3C",
        }
    }

    /// The largest loop the chamber holds: half its interior length, m (teaching
    /// value: a figure-eight's lobe or a guided turn must fit inside).
    pub fn largest_radius_m(self) -> f64 {
        self.interior_m().0 / 2.0
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChamberSpec {
    pub id: String,
    pub kind: ChamberKind,
    /// An underground chamber with a ceiling ("plafonnée"): gas checked before entering.
    #[serde(default)]
    pub ceiling: bool,
    /// Under the carriageway (else a pavement or a shoulder).
    #[serde(default)]
    pub carriageway: bool,
    pub x_m: f64,
    pub y_m: f64,
}

/// What a duct is made of (ROUTING §3.1).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
pub enum DuctKind {
    /// PVC street duct, 42/45 mm in 6 m bars.
    #[default]
    Pvc,
    /// HDPE duct in coils (NF T 54-072).
    Pehd,
    /// Green corrugated TPC, private side.
    Tpc,
    /// A microtube for blown micro-cables.
    Microtube,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DuctSpec {
    pub from: String,
    pub to: String,
    #[serde(default)]
    pub kind: DuctKind,
    pub inner_diameter_mm: f64,
    /// The section as written from `from`: `S<m>[@<slope deg>]` straights and
    /// `B<deg>[R<m>]` bends, comma-separated (a turn inside `from` first).
    pub route: String,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PowerLine {
    /// The pole it runs by.
    pub pole: String,
    /// Its distance from the working point on that pole, m.
    pub distance_m: Varying<f64>,
    pub voltage_kv: f64,
    /// Bare conductors (insulated twisted cable: false).
    pub bare: bool,
}

/// The cable to lay: one of the catalogue, or described in full.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum CableChoice {
    Catalogue(CatalogueCable),
    Custom(CableSpec),
}

/// The small catalogue of ROUTING §7 (teaching values where marked there *(param)*).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CatalogueCable {
    /// Drop / distribution cable, 96 fibres: 0.1 kg/m, 10 mm.
    Distribution96,
    /// Micro-module cable, 144 fibres: 123 kg/km, 12.3 mm.
    MicroModule144,
    /// Loose-tube cable, 144 fibres: 230 kg/km, 17 mm, 2700 N.
    LooseTube144,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CableSpec {
    pub name: String,
    pub diameter_mm: f64,
    pub weight_n_per_m: f64,
    /// The maximum pulling (installation) tension, N.
    pub max_tension_n: f64,
    /// The smallest bend radius at rest and under tension, mm (default 10 × and 20 × OD).
    #[serde(default)]
    pub bend_static_mm: Option<f64>,
    #[serde(default)]
    pub bend_loaded_mm: Option<f64>,
    /// Axial stiffness E·A, N.
    pub ea_n: f64,
    /// Thermal expansion, per kelvin.
    pub alpha_per_k: f64,
}

impl CableSpec {
    pub fn diameter_m(&self) -> f64 {
        self.diameter_mm / 1000.0
    }
    pub fn bend_static_m(&self) -> f64 {
        self.bend_static_mm
            .map_or(self.diameter_m() * BEND_STATIC_X_OD, |r| r / 1000.0)
    }
    pub fn bend_loaded_m(&self) -> f64 {
        self.bend_loaded_mm
            .map_or(self.diameter_m() * BEND_LOADED_X_OD, |r| r / 1000.0)
    }
}

/// Standard gravity, m/s² (ROUTING §7's convention).
pub const G: f64 = 9.81;

impl CableChoice {
    pub fn spec(&self) -> CableSpec {
        match self {
            CableChoice::Custom(c) => c.clone(),
            CableChoice::Catalogue(c) => {
                let (name, d, kg_per_m, max) = match c {
                    CatalogueCable::Distribution96 => ("96 FO distribution", 10.0, 0.100, 1500.0),
                    CatalogueCable::MicroModule144 => ("144 FO micro-module", 12.3, 0.123, 1500.0),
                    CatalogueCable::LooseTube144 => ("144 FO loose tube", 17.0, 0.230, 2700.0),
                };
                CableSpec {
                    name: name.into(),
                    diameter_mm: d,
                    weight_n_per_m: kg_per_m * G,
                    max_tension_n: max,
                    bend_static_mm: None,
                    bend_loaded_mm: None,
                    // E·A and α: teaching values (ROUTING R-03, [U]).
                    ea_n: 2.0e5,
                    alpha_per_k: 1.0e-5,
                }
            }
        }
    }
}

/// A climatic hypothesis: wind, ice and temperature change from the laying state.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Hypothesis {
    pub name: Text,
    #[serde(default)]
    pub wind_pa: f64,
    #[serde(default)]
    pub ice_mm: f64,
    #[serde(default)]
    pub delta_t_k: f64,
    /// Where the values come from.
    pub source: String,
    /// A value from a regulation read in full; false: a teaching value.
    #[serde(default)]
    pub confirmed: bool,
}

/// A task on the site: each kind is a station's (one file each beside this one).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum RoutingTask {
    /// Check these poles before climbing: inspect each, fill its card, decide.
    CheckPoles(CheckPolesTask),
    /// Choose anchor or suspension at every pole of the line.
    Hardware(HardwareTask),
    /// Tension a span to its target sag.
    Tension(TensionTask),
    /// Pull the cable through the ducts, from the first chamber to the last.
    Pull(PullTask),
    /// Open a chamber and secure the site.
    OpenChamber(OpenChamberTask),
    /// Choose the cable for a microduct and the way to lay it, then blow it.
    Blow(BlowTask),
    /// Dig the trench, lay the duct and its mesh, keep away from a low-voltage cable.
    Trench(TrenchTask),
    /// The load study of poles with the new cable ("calcul de charge").
    PoleStudy(PoleStudyTask),
}

/// What a routing criterion checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RoutingCheck {
    /// Each pole checked: refused where it must be, worked on from a nacelle otherwise.
    PolesSafe,
    /// Each pole inspected before its decision.
    PolesInspected,
    /// Each pole's card carries its label number.
    PolesRecorded,
    /// Anchor or suspension right at every pole.
    HardwareRules,
    /// The span's sag within `tolerance_pct` of its target.
    SpanSag { tolerance_pct: f64 },
    /// Every span over a road clears it.
    RoadClearance,
    /// Under every climatic hypothesis the span's tension stays under the cable's limit.
    LoadedTension,
    /// The pull stayed under the cable's maximum tension.
    PullWithinLimits,
    /// No bend pressed the cable harder than it bears.
    SidewallPressure,
    /// The breakaway swivel rated under the cable's limit and over the pull.
    SwivelRated,
    /// No bend of the pull tighter than the cable's radius under tension (a guide
    /// fitted where the cable turns in a chamber).
    BendRadius,
    /// A figure-eight's lobes no tighter than the cable's bend radius, inside the chamber.
    FigureEight,
    /// The chamber opened in a safe order.
    ProcedureOrder,
    /// Every step of the procedure done.
    ProcedureComplete,
    /// Each pole's utilisation read within `tolerance_pct` points of the study's.
    StudyReadings { tolerance_pct: f64 },
    /// Each studied pole accepted, guyed, strengthened or refused as its study and its
    /// state call for.
    PoleRemedies,
    /// The cable chosen fills the duct within the blowing window (Nexans 30–50 %, a
    /// looser fill accepted).
    FillRatio,
    /// Blown when the route is too long to pull in a microduct, the duct pressure-tested
    /// first (Orange: 14 bar), and the cable through at a pressure the compressor gives.
    Blown,
    /// Each zone dug deep enough for its cover over the duct.
    TrenchDepths,
    /// The green warning mesh 0.20–0.30 m above the duct in each zone.
    WarningMesh,
    /// The spacing to the low-voltage cable kept.
    NetworkSpacing,
    /// The aerial-to-underground transition built as REFERENCE E.4 has it.
    TransitionBuilt,
}
