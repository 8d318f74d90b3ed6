//! Connector end faces (issue 13, point 1): what a microscope sees on a ferrule's end,
//! where it lies in the zones of IEC 61300-3-35 (ed. 2, 2015, Tables 1 and 2: single-mode
//! PC and APC), whether the face passes, what cleaning does to it, what mating two faces
//! does to both, and the loss and reflectance of the mated pair.
//!
//! Zones are given as diameters in the standard (A: core 0–25 µm, B: cladding 25–115 µm,
//! C: adhesive 115–135 µm, D: contact 135–250 µm); here as radii. Removable debris (dust,
//! oil, residue) and permanent pits and chips are "defects", counted by size; scratches by
//! width. Cleaning and mating outcomes are drawn from the seed; their odds and the optical
//! effect of dirt are **teaching values** [U], chosen to match what trainers tell: a dry
//! click removes dust but can smear oil, a wet-then-dry clean removes oil and residue,
//! nothing removes a scratch, and a grain in the core trapped by mating pits both faces.

use serde::{Deserialize, Serialize};

use crate::rng::SimRng;

/// Outer radius of each zone, µm (IEC 61300-3-35:2015, Tables 1–2, as radii).
pub const CORE_R_UM: f64 = 12.5;
pub const CLADDING_R_UM: f64 = 57.5;
pub const ADHESIVE_R_UM: f64 = 67.5;
pub const CONTACT_R_UM: f64 = 125.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Polish {
    /// PC and UPC: Table 1 (return loss 45 dB and better).
    Pc,
    /// Angle-polished: Table 2.
    Apc,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Zone {
    /// A: the core.
    Core,
    /// B: the cladding.
    Cladding,
    /// C: the adhesive ring.
    Adhesive,
    /// D: the ferrule's contact zone.
    Contact,
    /// Beyond the contact zone: no requirement.
    Outside,
}

/// The zone at `r_um` from the fibre's centre.
pub fn zone_at(r_um: f64) -> Zone {
    let r = r_um.abs();
    if r <= CORE_R_UM {
        Zone::Core
    } else if r <= CLADDING_R_UM {
        Zone::Cladding
    } else if r <= ADHESIVE_R_UM {
        Zone::Adhesive
    } else if r <= CONTACT_R_UM {
        Zone::Contact
    } else {
        Zone::Outside
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum MarkKind {
    /// A loose particle.
    Dust,
    /// A film of oil (a fingerprint).
    Oil,
    /// Dried residue (gel, alcohol left to dry).
    Residue,
    /// A pit in the glass or the ferrule.
    Pit,
    /// A chip at the fibre's edge.
    Chip,
    /// A scratch: `size_um` is its width.
    Scratch,
}

impl MarkKind {
    /// Whether cleaning can take it away.
    pub fn removable(self) -> bool {
        match self {
            MarkKind::Dust | MarkKind::Oil | MarkKind::Residue => true,
            MarkKind::Pit | MarkKind::Chip | MarkKind::Scratch => false,
        }
    }
}

/// One thing the microscope sees.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Mark {
    pub kind: MarkKind,
    /// Its centre's distance from the fibre's centre, µm (a scratch: where it comes
    /// nearest the centre).
    pub r_um: f64,
    pub angle_deg: f64,
    /// Its size (a scratch: its width), µm.
    pub size_um: f64,
}

impl Mark {
    pub fn zone(&self) -> Zone {
        zone_at(self.r_um)
    }
}

/// Why a face fails: the zone and what broke its limit.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Breach {
    /// A defect in a zone where none is allowed (of that size).
    Defect(Zone),
    /// More defects of 2–5 µm in the cladding than the five allowed.
    TooManyDefects(Zone),
    /// A scratch in a zone where none is allowed (of that width).
    Scratch(Zone),
    /// More core scratches than the four an APC face allows.
    TooManyScratches(Zone),
}

/// The pass/fail of IEC 61300-3-35:2015 for a single-mode face: every breach found
/// (none: the face passes).
pub fn judge(marks: &[Mark], polish: Polish) -> Vec<Breach> {
    let mut out = Vec::new();
    let in_zone = |z: Zone| marks.iter().filter(move |m| m.zone() == z);
    let defects = |z: Zone| in_zone(z).filter(|m| m.kind != MarkKind::Scratch);
    let scratches = |z: Zone| in_zone(z).filter(|m| m.kind == MarkKind::Scratch);
    // Zone A: no defect at all.
    if defects(Zone::Core).next().is_some() {
        out.push(Breach::Defect(Zone::Core));
    }
    match polish {
        // PC: no scratch in the core.
        Polish::Pc => {
            if scratches(Zone::Core).next().is_some() {
                out.push(Breach::Scratch(Zone::Core));
            }
        }
        // APC: up to four scratches of 3 µm or less, none wider.
        Polish::Apc => {
            if scratches(Zone::Core).any(|m| m.size_um > 3.0) {
                out.push(Breach::Scratch(Zone::Core));
            } else if scratches(Zone::Core).count() > 4 {
                out.push(Breach::TooManyScratches(Zone::Core));
            }
        }
    }
    // Zone B: defects under 2 µm free, five of 2–5 µm, none over 5 µm; PC scratches
    // up to 3 µm wide, APC no limit.
    if defects(Zone::Cladding).any(|m| m.size_um > 5.0) {
        out.push(Breach::Defect(Zone::Cladding));
    } else if defects(Zone::Cladding).filter(|m| m.size_um >= 2.0).count() > 5 {
        out.push(Breach::TooManyDefects(Zone::Cladding));
    }
    if polish == Polish::Pc && scratches(Zone::Cladding).any(|m| m.size_um > 3.0) {
        out.push(Breach::Scratch(Zone::Cladding));
    }
    // Zone C: no limit. Zone D: no defect over 10 µm.
    if defects(Zone::Contact).any(|m| m.size_um > 10.0) {
        out.push(Breach::Defect(Zone::Contact));
    }
    out
}

/// How a face is cleaned.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Cleaning {
    /// A dry "click" cleaner (pen or cassette).
    DryClick,
    /// A wet wipe (solvent), then a dry one.
    WetThenDry,
    /// A dry reel cleaner (a fresh strip of fabric each time).
    Reel,
}

/// The chance that one pass of `method` takes away a mark of `kind` (teaching values).
pub fn removal_chance(method: Cleaning, kind: MarkKind) -> f64 {
    match (method, kind) {
        (_, MarkKind::Pit | MarkKind::Chip | MarkKind::Scratch) => 0.0,
        (Cleaning::DryClick, MarkKind::Dust) => 0.9,
        (Cleaning::DryClick, MarkKind::Oil) => 0.3,
        (Cleaning::DryClick, MarkKind::Residue) => 0.2,
        (Cleaning::Reel, MarkKind::Dust) => 0.92,
        (Cleaning::Reel, MarkKind::Oil) => 0.35,
        (Cleaning::Reel, MarkKind::Residue) => 0.25,
        (Cleaning::WetThenDry, MarkKind::Dust) => 0.95,
        (Cleaning::WetThenDry, MarkKind::Oil) => 0.95,
        (Cleaning::WetThenDry, MarkKind::Residue) => 0.9,
    }
}

/// A dry clean that does not lift an oil film smears it toward the centre with this
/// chance (teaching value).
pub const DRY_SMEAR_CHANCE: f64 = 0.5;

/// One cleaning pass: each removable mark goes with its chance; with a dry method an oil
/// film left behind may be smeared into the core. Permanent marks stay.
pub fn clean(marks: &[Mark], method: Cleaning, rng: &mut SimRng) -> Vec<Mark> {
    let mut out = Vec::new();
    for m in marks {
        if rng.chance(removal_chance(method, m.kind)) {
            continue;
        }
        let dry = matches!(method, Cleaning::DryClick | Cleaning::Reel);
        if m.kind == MarkKind::Oil && dry && rng.chance(DRY_SMEAR_CHANCE) {
            out.push(Mark {
                r_um: m.r_um.min(CORE_R_UM * 0.5),
                size_um: m.size_um * 1.5,
                ..*m
            });
        } else {
            out.push(*m);
        }
    }
    out
}

/// Mating two faces: a particle in the contact area goes over to the other face with
/// this chance, and a hard particle (dust) trapped in the core or cladding pits both
/// faces with this other (teaching values).
pub const TRANSFER_CHANCE: f64 = 0.5;
pub const PIT_CHANCE: f64 = 0.3;

/// Mates faces `a` and `b` (the same radius on both: the fibres are aligned; the angle is
/// mirrored). Returns both faces after the contact.
pub fn mate(a: &[Mark], b: &[Mark], rng: &mut SimRng) -> (Vec<Mark>, Vec<Mark>) {
    fn pass(from: &[Mark], keep: &mut Vec<Mark>, other: &mut Vec<Mark>, rng: &mut SimRng) {
        for m in from {
            let mirrored = Mark {
                angle_deg: 180.0 - m.angle_deg,
                ..*m
            };
            if m.kind.removable() && m.zone() != Zone::Outside && rng.chance(TRANSFER_CHANCE) {
                other.push(mirrored);
            } else {
                keep.push(*m);
            }
            let hard = m.kind == MarkKind::Dust;
            if hard && m.zone() <= Zone::Cladding && rng.chance(PIT_CHANCE) {
                let pit = Mark {
                    kind: MarkKind::Pit,
                    size_um: (m.size_um * 0.5).max(1.0),
                    ..*m
                };
                keep.push(pit);
                other.push(Mark {
                    angle_deg: 180.0 - m.angle_deg,
                    ..pit
                });
            }
        }
    }
    let mut na: Vec<Mark> = Vec::new();
    let mut nb: Vec<Mark> = Vec::new();
    pass(a, &mut na, &mut nb, rng);
    pass(b, &mut nb, &mut na, rng);
    (na, nb)
}

/// How much of the core the marks cover, 0 to 1 (each mark as a disc of its size; a
/// scratch as a band across the core).
pub fn core_cover(marks: &[Mark]) -> f64 {
    let core_area = std::f64::consts::PI * CORE_R_UM * CORE_R_UM;
    let covered: f64 = marks
        .iter()
        .filter(|m| m.r_um <= CORE_R_UM + m.size_um / 2.0)
        .map(|m| match m.kind {
            MarkKind::Scratch => m.size_um * 2.0 * CORE_R_UM,
            MarkKind::Dust | MarkKind::Oil | MarkKind::Residue | MarkKind::Pit | MarkKind::Chip => {
                std::f64::consts::PI * m.size_um * m.size_um / 4.0
            }
        })
        .sum();
    (covered / core_area).min(1.0)
}

/// Loss added by dirt over the core, dB per unit of core covered (teaching value [U]:
/// a core a tenth covered adds about 0.6 dB).
pub const DIRT_LOSS_DB: f64 = 6.0;

/// The loss and reflectance of a mated pair of faces with a base (clean) loss: the
/// covered share of each core adds loss; any mark in either core raises the reflectance
/// toward a glass-to-air gap's (teaching model: −35 dB at a fully covered PC core, and
/// 20 dB less for APC, which sends its reflection into the cladding).
pub fn mated_pair(a: &[Mark], b: &[Mark], polish: Polish, base_loss_db: f64) -> (f64, f64) {
    let cover = (core_cover(a) + core_cover(b)).min(1.0);
    let loss = base_loss_db + DIRT_LOSS_DB * cover;
    let (clean, dirty) = match polish {
        Polish::Pc => (-55.0, -35.0),
        Polish::Apc => (-65.0, -55.0),
    };
    // Reflectance rises with the square root of the cover: a small grain already shows.
    let refl = clean + (dirty - clean) * cover.sqrt();
    (loss, refl)
}
