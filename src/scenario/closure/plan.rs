//! The plan de boîte in GraceTHD's shape (FTTH-JOBS §3): the box, its cables, its
//! cassettes, its positions and the routes optiques, as rows a trainer copies from a real
//! plan. The field names are GraceTHD's (v2.0.1 dictionary, FTTH-JOBS §3.1 ✔); the
//! fibres are not written out: each cable's `cb_capafo` fibres are numbered as GraceTHD
//! numbers them (`fo_nincab = (fo_numtub − 1)·cb_modulo + fo_nintub`, FTTH-JOBS §3.3 [D])
//! and coded `FO-` + the cable's code without its `CB-` + the number on three digits, as
//! in the worked example PBO-42 (a naming rule of that example [U]).

use serde::{Deserialize, Serialize};

use crate::physics::cable::{Colour, ColourCode};

/// The box (GraceTHD `t_ebp`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BoxRow {
    pub bp_code: String,
    /// The label on the box in the field.
    pub bp_etiquet: String,
    /// PBO, BPE, PTO, DTI (`l_bp_typelog`).
    pub bp_typelog: BoxKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum BoxKind {
    /// Point de branchement optique: where drops are spliced to the distribution cable.
    PBO,
    /// Boîtier de protection d'épissure: a closure joining cables.
    BPE,
}

/// A cable entering the box (GraceTHD `t_cable`). A cable opened in mid-span is two
/// cables here, upstream and downstream (FTTH-JOBS §3.1, "PA and the mid-span" ~).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CableRow {
    pub cb_code: String,
    /// The label on the cable in the field.
    pub cb_etiquet: String,
    /// Fibres in the cable.
    pub cb_capafo: u32,
    /// Fibres per tube (6, 12).
    pub cb_modulo: u32,
}

/// Cassette types (GraceTHD `l_cassette_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CassetteKind {
    /// Plateau de lovage (the basket where express tubes and waiting fibres are coiled).
    P,
    /// Épissure.
    E,
    /// Splitter.
    S,
    /// Connecteur.
    C,
}

/// A cassette (GraceTHD `t_cassette`), with the positions it holds: not a GraceTHD field
/// (`cs_nb_pas` counts steps of the organiser, not splices), the box maker's figure [U].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CassetteRow {
    pub cs_code: String,
    #[serde(default)]
    pub cs_nb_pas: Option<u32>,
    pub cs_num: u32,
    pub cs_type: CassetteKind,
    #[serde(default = "face_a")]
    pub cs_face: String,
    /// Positions the cassette holds; none for a basket (type P).
    #[serde(default)]
    pub capacity: Option<u32>,
}

fn face_a() -> String {
    "A".into()
}

/// What a position does (GraceTHD `l_position_fonction`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Function {
    /// Épissure: two fibres spliced.
    EP,
    /// Connecteur.
    CO,
    /// Pigtail.
    PI,
    /// Attente: a fibre stored, with no partner.
    AT,
    /// Passage: an express fibre passing through, uncut.
    PA,
}

/// The connector or splice at a position (GraceTHD `l_position_type`, the values the
/// jobs use).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum PositionKind {
    /// Fusion splice.
    SFU,
    /// Mechanical splice.
    SME,
    /// SC-APC connector.
    CSA,
    /// LC-APC connector.
    CLA,
    /// MT/MPO connector.
    CPO,
}

/// A position's state (GraceTHD `l_etat_type`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum State {
    OK,
    ME,
    HS,
    NC,
}

/// A position (GraceTHD `t_position`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PositionRow {
    pub ps_code: String,
    /// The compartment in its cassette (none in a basket).
    #[serde(default)]
    pub ps_numero: Option<u32>,
    pub ps_1: String,
    #[serde(default)]
    pub ps_2: Option<String>,
    pub ps_cs_code: String,
    #[serde(default)]
    pub ps_type: Option<PositionKind>,
    pub ps_fonct: Function,
    #[serde(default = "state_ok")]
    pub ps_etat: State,
    /// The premises (SUF) the route is pre-assigned to.
    #[serde(default)]
    pub ps_preaff: Option<String>,
}

fn state_ok() -> State {
    State::OK
}

/// One fibre of a route optique (GraceTHD `t_ropt`; `rt_code` repeated per fibre).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RouteRow {
    pub rt_code: String,
    pub rt_fo_code: String,
    pub rt_fo_ordr: u32,
}

/// A plan de boîte.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Plan {
    #[serde(rename = "box")]
    pub boxed: BoxRow,
    pub cables: Vec<CableRow>,
    pub cassettes: Vec<CassetteRow>,
    pub positions: Vec<PositionRow>,
    #[serde(default)]
    pub routes: Vec<RouteRow>,
}

/// A fibre of a cable as GraceTHD's `t_fibre` holds it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Fibre {
    pub fo_code: String,
    pub fo_cb_code: String,
    pub fo_nincab: u32,
    pub fo_numtub: u32,
    pub fo_nintub: u32,
}

impl Fibre {
    /// Its colour and its tube's in an order (`None` past the twelfth tube: tubes 13–24
    /// are the same colours with rings, FTTH-JOBS §3.2).
    pub fn colours(&self, code: ColourCode) -> (Option<Colour>, Option<Colour>) {
        (code.colour(self.fo_numtub), code.colour(self.fo_nintub))
    }
}

/// The code of fibre `n` of the cable coded `cb_code`.
pub fn fibre_code(cb_code: &str, n: u32) -> String {
    let stem = cb_code.strip_prefix("CB-").unwrap_or(cb_code);
    format!("FO-{stem}-{n:03}")
}

impl CableRow {
    /// Its fibre `n` (1 to `cb_capafo`), numbered as GraceTHD numbers it.
    pub fn fibre(&self, n: u32) -> Option<Fibre> {
        let modulo = self.cb_modulo.max(1);
        (1..=self.cb_capafo).contains(&n).then(|| Fibre {
            fo_code: fibre_code(&self.cb_code, n),
            fo_cb_code: self.cb_code.clone(),
            fo_nincab: n,
            fo_numtub: (n - 1) / modulo + 1,
            fo_nintub: (n - 1) % modulo + 1,
        })
    }

    /// Its fibres.
    pub fn fibres(&self) -> Vec<Fibre> {
        (1..=self.cb_capafo).filter_map(|n| self.fibre(n)).collect()
    }

    /// The fibre at place `fibre` of tube `tube` (both from 1), as a work order names it:
    /// `(tube − 1)·modulo + fibre`; none where the cable has no such tube or place.
    pub fn fibre_at(&self, tube: u32, fibre: u32) -> Option<Fibre> {
        if fibre == 0 || fibre > self.cb_modulo {
            return None;
        }
        self.fibre(tube.checked_sub(1)?.checked_mul(self.cb_modulo)? + fibre)
    }
}

impl Plan {
    /// Every fibre of every cable.
    pub fn fibres(&self) -> Vec<Fibre> {
        self.cables.iter().flat_map(CableRow::fibres).collect()
    }

    /// The fibre coded `code`, if a cable has it.
    pub fn fibre(&self, code: &str) -> Option<Fibre> {
        self.cables.iter().find_map(|c| {
            let stem = c.cb_code.strip_prefix("CB-").unwrap_or(&c.cb_code);
            let n: u32 = code
                .strip_prefix("FO-")?
                .strip_prefix(stem)?
                .strip_prefix('-')?
                .parse()
                .ok()?;
            c.fibre(n).filter(|f| f.fo_code == code)
        })
    }
}
