//! The cable-preparation exercise's set-up and its checks: the cable, the lengths to
//! prepare, the cleaver, the fibres to prepare.

use serde::{Deserialize, Serialize};

use super::Varying;
use crate::physics::cable::{CableKind, ColourCode};
pub use crate::physics::cleave::Tension;

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

/// What a cable-preparation criterion checks.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PrepCheck {
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
}

impl PrepCheck {
    /// Whether the check only makes sense with a fusion splicer (a mechanical splice
    /// takes no protection sleeve).
    pub fn needs_fusion(&self) -> bool {
        match self {
            PrepCheck::SleeveBeforeCleave => true,
            PrepCheck::RightFibre
            | PrepCheck::OperationOrder
            | PrepCheck::RightTools
            | PrepCheck::SheathStripLength { .. }
            | PrepCheck::StrengthMemberLength { .. }
            | PrepCheck::CoatingStripLength { .. }
            | PrepCheck::CleaveLength { .. }
            | PrepCheck::CleaveQuality { .. }
            | PrepCheck::EndFaceClean
            | PrepCheck::FibreIntact
            | PrepCheck::ShardsDisposed => false,
        }
    }
}
