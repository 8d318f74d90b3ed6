//! The audit (issue 28): a box worked by someone else to its plan de boîte, with faults
//! left in it, inspected by the trainee as the controller and reported by the codes
//! auditors file (Interop'Fibre's Malfaçon protocol, FTTH-JOBS §11). The scenario gives
//! the plan the box was worked to and the faults the worker may have left, each with its
//! chance on an attempt; the attempt draws which, and where.

use serde::{Deserialize, Serialize};

use super::Plan;
use super::defects::Defect;
use super::plan::{CassetteKind, Function, PositionRow};
use crate::i18n::Msg;

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AuditSetup {
    /// The plan de boîte the box was worked to: what the controller holds.
    pub plan: Plan,
    /// The faults the worker may have left, each with its chance on an attempt.
    pub faults: Vec<SeededFault>,
    /// At least this many faults in the box: where the chances draw fewer, the first
    /// faults of the list not drawn are left too, in the list's order.
    #[serde(default = "one")]
    pub at_least: u32,
    /// The smallest coil the box maker allows in a splice cassette, as a diameter (mm): a
    /// coil under it is a fault (FTTH-JOBS §5.1, a radius of 15 mm at least [U]).
    #[serde(default = "min_coil")]
    pub min_coil_mm: f64,
}

fn one() -> u32 {
    1
}

fn min_coil() -> f64 {
    30.0
}

/// A fault the worker may have left, and its chance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SeededFault {
    pub fault: Left,
    /// Its chance on an attempt, 0 to 1.
    pub chance: f64,
}

/// What a worker leaves wrong in a box, as a controller finds it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Left {
    /// Two drops spliced each onto the other's fibre: each premises on a fibre its route
    /// does not name.
    SwappedDrops,
    /// A fibre coiled in its cassette tighter than the box maker allows.
    TightCoil,
    /// A splice stored without its protection sleeve.
    BareSplice,
    /// A splice protected by a sleeve too long for the cassette's compartment.
    LongSleeve,
    /// An express fibre, which should pass the box uncut, found cut in the basket.
    CutExpress,
    /// Offcuts of fibre and sheath left in the box.
    Waste,
    /// The box left open, its lid not latched.
    LeftOpen,
}

impl Left {
    pub const ALL: [Left; 7] = [
        Left::SwappedDrops,
        Left::TightCoil,
        Left::BareSplice,
        Left::LongSleeve,
        Left::CutExpress,
        Left::Waste,
        Left::LeftOpen,
    ];

    /// The defect the network owner's controller files against the crew on the PBO's
    /// ticket (I:PBO; FTTH-JOBS §11.3, the pairing FibreLab's reading [U]): the route not
    /// followed for each crossed drop, the fibre's coil, the splice's protection missing
    /// or of the wrong size ("taille SMOOVE"), a fibre damaged in the box, the box left
    /// dirty or not closed.
    pub fn defect(self) -> Defect {
        match self {
            Left::SwappedDrops => Defect::new("LD15", "FD36"),
            Left::TightCoil => Defect::new("LD07", "FD29"),
            Left::BareSplice => Defect::new("LD07", "FD23"),
            Left::LongSleeve => Defect::new("LD07", "FD47"),
            Left::CutExpress => Defect::new("LD03", "FD15"),
            Left::Waste => Defect::new("LD03", "FD34"),
            Left::LeftOpen => Defect::new("LD03", "FD05"),
        }
    }

    /// Whether it lies at positions of the plan (else on the box as a whole).
    pub fn at_positions(self) -> bool {
        match self {
            Left::SwappedDrops
            | Left::TightCoil
            | Left::BareSplice
            | Left::LongSleeve
            | Left::CutExpress => true,
            Left::Waste | Left::LeftOpen => false,
        }
    }

    /// How many positions it takes (two crossed drops, one for the others); each is a
    /// ticket of its own (each crossed drop is a connection on the wrong route).
    pub fn positions_taken(self) -> usize {
        match self {
            Left::SwappedDrops => 2,
            Left::TightCoil | Left::BareSplice | Left::LongSleeve | Left::CutExpress => 1,
            Left::Waste | Left::LeftOpen => 0,
        }
    }

    /// The plan's positions where it can lie: drops spliced in a splice cassette (a drop
    /// crossed, a coil, a sleeve), or express fibres (cut).
    pub fn candidates(self, plan: &Plan) -> Vec<&PositionRow> {
        let in_cassette = |p: &PositionRow| {
            plan.cassettes
                .iter()
                .any(|c| c.cs_code == p.ps_cs_code && c.cs_type == CassetteKind::E)
        };
        plan.positions
            .iter()
            .filter(|p| match self {
                Left::SwappedDrops | Left::TightCoil | Left::BareSplice | Left::LongSleeve => {
                    p.ps_fonct == Function::EP && p.ps_2.is_some() && in_cassette(p)
                }
                Left::CutExpress => p.ps_fonct == Function::PA,
                Left::Waste | Left::LeftOpen => false,
            })
            .collect()
    }

    /// Its name, as the debrief says what was left.
    pub fn name(self) -> Msg {
        Msg::new(match self {
            Left::SwappedDrops => "audit-left-swapped-drops",
            Left::TightCoil => "audit-left-tight-coil",
            Left::BareSplice => "audit-left-bare-splice",
            Left::LongSleeve => "audit-left-long-sleeve",
            Left::CutExpress => "audit-left-cut-express",
            Left::Waste => "audit-left-waste",
            Left::LeftOpen => "audit-left-open",
        })
    }
}

/// The fault codes the network owner's controller may file against a crew on a PBO's
/// ticket (I:PBO, the Malfaçon API v1.0.0's list for that ticket), in the codes' order:
/// the audit's form offers these, and the protocol refuses any other on that ticket.
pub const PBO_FAULTS: &[&str] = &[
    "FD05", "FD15", "FD16", "FD23", "FD29", "FD30", "FD34", "FD36", "FD44", "FD46", "FD47",
];

/// The locations of a PBO's ticket (I:PBO).
pub const PBO_LOCATIONS: &[&str] = &["LD03", "LD07", "LD11", "LD15"];

/// The length of the splice protection sleeve (SMOOVE) the box's cassettes take, and the
/// longer one a crew may fit by mistake (mm) [U]: FibreLab's teaching values, the makers'
/// compartments take 40 to 45 mm sleeves.
pub const CASSETTE_SLEEVE_MM: f64 = 45.0;
pub const LONG_SLEEVE_MM: f64 = 60.0;
