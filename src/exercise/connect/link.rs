//! The link every connect station works on: the connectors' and the test cords' faces
//! and their matings, what the seed drew for the pieces, the cords in their roles, what a
//! job's earlier stages handed on, and the joints of the field connectors once fitted.
//! What light goes through it at a wavelength (`piece_loss_db`, `link_loss_db`,
//! `true_loss_db`) and what the red light shows along it (`glow_at`) are read here, so the
//! power meter, the PON meter and the red light read one link.

use serde::{Deserialize, Serialize};

use crate::exercise::Refusal;
use crate::i18n::Msg;
use crate::physics::endface::{self, CONTACT_R_UM, Mark, MarkKind, Polish};
use crate::physics::fibre::FibreType;
use crate::physics::link::Element;
use crate::physics::olts::RefMethod;
use crate::physics::splice::MechanicalJoint;
use crate::physics::vfl;
use crate::rng::SimRng;
use crate::scenario::Text;
use crate::scenario::connect::{ConnectSetup, ConnectorType, Fault, Piece};

/// A UPC plug in an APC port (or the reverse): the faces meet at an angle with an air
/// gap. Its loss and reflectance, dB (teaching values [U]: trainers quote "several dB";
/// the mismatch is the classic green-into-blue mistake of French FTTH).
pub const MISMATCH_LOSS_DB: f64 = 4.0;
pub const MISMATCH_REFLECTANCE_DB: f64 = -30.0;

/// An outlet whose field connector was never crimped lets nothing through: on a later
/// OTDR stage its end reads this loss, past any dynamic range, dB.
pub const UNFITTED_LOSS_DB: f64 = 60.0;

/// The loss of a tight bend of `loss_1550_db` at `nm`: in the infrared as the link's
/// macrobend (it halves every 75 nm shorter); in the red light's visible band the whole
/// 1550 nm figure (teaching value [U]: at 650 nm a single-mode fibre carries a few modes
/// and the higher ones leak at a bend at least as much).
fn bend_loss_db(loss_1550_db: f64, nm: f64) -> f64 {
    if nm < 1000.0 {
        loss_1550_db
    } else {
        Element::macrobend_loss_db(loss_1550_db, nm)
    }
}

/// A fibre's attenuation at `nm`, dB/km (650 nm: the red light's).
fn attenuation_db_per_km(fibre: FibreType, nm: f64) -> f64 {
    if nm < 1000.0 {
        vfl::ATTENUATION_650_DB_PER_KM
    } else {
        fibre.optics(nm).attenuation_db_per_km
    }
}

/// Which face of a connector.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Face {
    /// The fibre in the adapter (inspected with a bulkhead tip).
    Port,
    /// The plug that goes into it (a cord's, a pigtail's).
    Plug,
}

/// The roles of the kit's test cords.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CordRole {
    /// From the source to end A.
    Launch,
    /// From end B to the meter.
    Receive,
    /// The short cord between the two in a three-cord reference.
    Substitution,
}

/// One face and what was done to it.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FaceState {
    pub marks: Vec<Mark>,
    /// The action index of the latest inspection.
    pub inspected_at: Option<usize>,
    /// The action index of the latest cleaning.
    pub cleaned_at: Option<usize>,
    pub cleanings: u32,
    /// The trainee's verdict (passes), the standard's at that moment, and when.
    pub judged: Option<(bool, bool, usize)>,
}

impl FaceState {
    pub fn new(marks: Vec<Mark>) -> FaceState {
        FaceState {
            marks,
            ..FaceState::default()
        }
    }
    /// Inspected since it last changed (a cleaning or a mating changes it).
    pub fn looked_at_as_is(&self, changed_at: Option<usize>) -> bool {
        match (self.inspected_at, changed_at) {
            (Some(i), Some(c)) => i > c,
            (Some(_), None) => true,
            (None, _) => false,
        }
    }
}

/// A connection made: when, and whether each face was inspected and clean then.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Mating {
    pub at: usize,
    pub port_inspected: bool,
    pub port_clean: bool,
    pub plug_inspected: bool,
    pub plug_clean: bool,
    /// The plug's polish did not match the port's.
    pub mismatch: bool,
}

/// A connector of the set-up and its work.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConnectorWork {
    pub port: FaceState,
    /// None at a link's end, where the test cord's plug goes.
    pub plug: Option<FaceState>,
    /// The last time the port was mated, and with what.
    pub mated: Option<Mating>,
    /// Every mating, in order.
    pub matings: Vec<Mating>,
    /// Sent to be replaced, and whether it was damaged then.
    pub replaced: Option<bool>,
    /// The index of the last change to the faces other than a cleaning (a mating, a
    /// replacement).
    pub changed_at: Option<usize>,
}

/// A test cord of the kit.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CordWork {
    pub plug: FaceState,
    /// Its coupling into the source's port, dB (drawn).
    pub launch_loss_db: f64,
    pub changed_at: Option<usize>,
    /// Its plug mated to another cord's in a reference, each time.
    pub matings: Vec<CordMating>,
}

/// Two cords' plugs mated in a reference (two or three cords): when, the other cord,
/// and whether each plug was inspected since it last changed, and clean, then.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CordMating {
    pub at: usize,
    pub other: String,
    pub inspected: bool,
    pub clean: bool,
    pub other_inspected: bool,
    pub other_clean: bool,
}

/// A field connector at an end of the link: its id, and its joint once crimped.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FieldJoint {
    pub connector: String,
    pub joint: Option<MechanicalJoint>,
}

/// The link and the kit, shared by every connect station.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LinkWork {
    #[serde(skip)]
    pub setup: ConnectSetup,
    pub connectors: Vec<ConnectorWork>,
    pub cords: Vec<CordWork>,
    /// Each piece's drawn value: a fibre's length, m; a splice's loss, dB.
    pub drawn: Vec<f64>,
    /// The cords in their roles, by id.
    pub launch: Option<String>,
    pub receive: Option<String>,
    pub substitution: Option<String>,
    /// Each time a launch cord was (re)connected to the source: (action index, cord).
    pub launch_coupled: Vec<(usize, String)>,
    /// The wavelengths the instruments offer, nm.
    pub wavelengths: Vec<f64>,
    /// In a job, what the splicing stage handed on for the `JobSplice` piece: its true
    /// losses at 1310 and 1550 nm, or none (the fibre left open). Outside a job: `None`.
    pub job_splice: Option<Option<[f64; 2]>>,
    /// In a job, the cable the routing stage laid, for the `JobRoute` piece.
    pub job_route: Vec<Element>,
    /// The field connectors the fitting station fits, and their joints as it left them.
    pub field: Vec<FieldJoint>,
}

/// Seeded dust on a face: `n` grains over the contact zone, uniform over its area,
/// 1–8 µm.
fn scatter_dust(n: u32, rng: &mut SimRng) -> Vec<Mark> {
    (0..n)
        .map(|_| Mark {
            kind: MarkKind::Dust,
            r_um: CONTACT_R_UM * rng.uniform().sqrt(),
            angle_deg: rng.range_f64(0.0, 360.0),
            size_um: rng.range_f64(1.0, 8.0),
        })
        .collect()
}

/// Whether a face passes the standard.
pub fn passes(marks: &[Mark], polish: Polish) -> bool {
    endface::judge(marks, polish).is_empty()
}

/// Whether a face fails on marks cleaning cannot take away.
pub fn damaged(marks: &[Mark], polish: Polish) -> bool {
    let permanent: Vec<Mark> = marks
        .iter()
        .filter(|m| !m.kind.removable())
        .copied()
        .collect();
    !passes(&permanent, polish)
}

/// The loss and reflectance of a plug of `plug_kind` mated into a port of `port_kind`.
fn pair(
    port: &[Mark],
    plug: &[Mark],
    port_kind: ConnectorType,
    plug_kind: ConnectorType,
    base_db: f64,
) -> (f64, f64) {
    let (loss, refl) = endface::mated_pair(port, plug, port_kind.polish(), base_db);
    if port_kind.polish() == plug_kind.polish() {
        (loss, refl)
    } else {
        (loss + MISMATCH_LOSS_DB, refl.max(MISMATCH_REFLECTANCE_DB))
    }
}

/// A refusal naming the connector, cord or field connector `id`.
pub fn no_such(key: &str, id: &str) -> Refusal {
    Refusal::new(Msg::new(key).text("id", id.to_string()))
}

impl LinkWork {
    /// Draws the link: each connector's dust (port, then plug), each cord's (its plug's
    /// dust, then its launch loss), then each piece's value. The first three cords of the
    /// kit start in the launch, receive and substitution roles.
    pub fn generate(setup: &ConnectSetup, field: Vec<String>, rng: &mut SimRng) -> LinkWork {
        let connectors = setup
            .connectors
            .iter()
            .map(|c| {
                let mut port = c.port.clone();
                port.extend(scatter_dust(c.port_dust.draw(rng), rng));
                let plug = c.plug.as_ref().map(|p| {
                    let mut p = p.clone();
                    p.extend(scatter_dust(c.plug_dust.draw(rng), rng));
                    FaceState::new(p)
                });
                let in_place = (c.connected && plug.is_some()).then_some(Mating {
                    at: 0,
                    port_inspected: false,
                    port_clean: true,
                    plug_inspected: false,
                    plug_clean: true,
                    mismatch: false,
                });
                ConnectorWork {
                    port: FaceState::new(port),
                    plug,
                    mated: in_place,
                    matings: Vec::new(),
                    replaced: None,
                    changed_at: None,
                }
            })
            .collect();
        let cords = setup
            .cords
            .iter()
            .map(|c| {
                let mut plug = c.plug.clone();
                plug.extend(scatter_dust(c.plug_dust.draw(rng), rng));
                CordWork {
                    plug: FaceState::new(plug),
                    launch_loss_db: c.launch_loss_db.draw(rng),
                    changed_at: None,
                    matings: Vec::new(),
                }
            })
            .collect();
        let drawn = setup
            .link
            .iter()
            .map(|p| match p {
                Piece::Fibre { length_m, .. } => length_m.draw(rng),
                Piece::Splice { loss_db, .. } => loss_db.draw(rng),
                Piece::Connector(_)
                | Piece::Splitter { .. }
                | Piece::Fault { .. }
                | Piece::JobSplice { .. }
                | Piece::JobRoute { .. } => 0.0,
            })
            .collect();
        let cord = |k: usize| setup.cords.get(k).map(|c| c.id.clone());
        LinkWork {
            connectors,
            cords,
            drawn,
            launch: cord(0),
            receive: cord(1),
            substitution: cord(2),
            launch_coupled: Vec::new(),
            wavelengths: vec![1310.0, 1550.0],
            job_splice: None,
            job_route: Vec::new(),
            field: field
                .into_iter()
                .map(|connector| FieldJoint {
                    connector,
                    joint: None,
                })
                .collect(),
            setup: setup.clone(),
        }
    }

    pub fn connector_index(&self, id: &str) -> Option<usize> {
        self.setup.connectors.iter().position(|c| c.id == id)
    }
    pub fn cord_index(&self, id: &str) -> Option<usize> {
        self.setup.cords.iter().position(|c| c.id == id)
    }

    /// The link's connectors, in order (indices into `connectors`).
    pub fn link_connectors(&self) -> Vec<usize> {
        self.setup
            .link
            .iter()
            .filter_map(|p| {
                if let Piece::Connector(id) = p {
                    self.connector_index(id)
                } else {
                    None
                }
            })
            .collect()
    }

    /// The connector at end A and at end B.
    pub fn ends(&self) -> (Option<usize>, Option<usize>) {
        let l = self.link_connectors();
        (
            l.first().copied(),
            l.last().copied().filter(|_| l.len() > 1),
        )
    }

    /// Whether the instruments offer `nm`.
    pub fn wavelength_offered(&self, nm: f64) -> Result<(), Refusal> {
        if self.wavelengths.iter().any(|w| (w - nm).abs() < 0.5) {
            Ok(())
        } else {
            Err(Refusal::new(Msg::new("refuse-wavelength").num("nm", nm, 0)))
        }
    }

    /// The face of a connector or a cord.
    pub fn face(&self, id: &str, face: Face) -> Option<(&FaceState, Polish)> {
        if let Some(i) = self.connector_index(id) {
            let c = &self.connectors[i];
            let polish = self.setup.connectors[i].kind.polish();
            return match face {
                Face::Port => Some((&c.port, polish)),
                Face::Plug => c.plug.as_ref().map(|p| (p, polish)),
            };
        }
        let i = self.cord_index(id)?;
        match face {
            Face::Plug => Some((&self.cords[i].plug, self.setup.cords[i].kind.polish())),
            Face::Port => None,
        }
    }

    pub fn face_mut(&mut self, id: &str, face: Face) -> Result<&mut FaceState, Refusal> {
        if let Some(i) = self.connector_index(id) {
            let c = &mut self.connectors[i];
            return match face {
                Face::Port => Ok(&mut c.port),
                Face::Plug => c.plug.as_mut().ok_or_else(|| no_such("refuse-no-plug", id)),
            };
        }
        let i = self
            .cord_index(id)
            .ok_or_else(|| no_such("refuse-no-connector", id))?;
        match face {
            Face::Plug => Ok(&mut self.cords[i].plug),
            Face::Port => Err(no_such("refuse-cord-port", id)),
        }
    }

    /// When a face last changed other than by cleaning.
    pub fn changed_at(&self, id: &str) -> Option<usize> {
        if let Some(i) = self.connector_index(id) {
            return self.connectors[i].changed_at;
        }
        self.cord_index(id).and_then(|i| self.cords[i].changed_at)
    }

    /// Whether a face has been inspected since it last changed (a mating, a cleaning).
    pub fn face_seen(&self, id: &str, face: Face) -> bool {
        self.face(id, face)
            .is_some_and(|(f, _)| f.looked_at_as_is(self.changed_at(id).max(f.cleaned_at)))
    }

    /// The place a piece is at, for the trainee.
    pub fn piece_place(&self, k: usize) -> Text {
        match &self.setup.link[k] {
            Piece::Connector(id) => self
                .connector_index(id)
                .map(|i| self.setup.connectors[i].place.clone())
                .unwrap_or_else(|| Text {
                    fr: id.clone(),
                    en: id.clone(),
                }),
            Piece::Fibre { place, .. }
            | Piece::Splice { place, .. }
            | Piece::Splitter { place, .. }
            | Piece::Fault { place, .. }
            | Piece::JobSplice { place }
            | Piece::JobRoute { place } => place.clone(),
        }
    }

    /// The field connector fitted at `id`: none if `id` is not one; else its joint, none
    /// until crimped.
    pub fn field_joint(&self, id: &str) -> Option<Option<&MechanicalJoint>> {
        self.field
            .iter()
            .find(|f| f.connector == id)
            .map(|f| f.joint.as_ref())
    }

    /// The loss of piece `k` at `nm`, dB; none where no light goes through (a break, a
    /// connection inside the link left open). The link's end connectors count nothing
    /// here (they are the test cords' matings).
    pub fn piece_loss_db(&self, k: usize, nm: f64) -> Option<f64> {
        let (a, b) = self.ends();
        match &self.setup.link[k] {
            Piece::Connector(id) => {
                let i = self.connector_index(id)?;
                if Some(i) == a || Some(i) == b {
                    // A field connector lets light through once crimped, with its joint.
                    return match self.field_joint(id) {
                        None => Some(0.0),
                        Some(joint) => joint.map(|j| j.loss_db(nm)),
                    };
                }
                let c = &self.connectors[i];
                let spec = &self.setup.connectors[i];
                c.mated?;
                let plug = c.plug.as_ref()?;
                Some(
                    pair(
                        &c.port.marks,
                        &plug.marks,
                        spec.kind,
                        spec.kind,
                        spec.loss_db,
                    )
                    .0,
                )
            }
            Piece::Fibre { .. } => {
                Some(attenuation_db_per_km(FibreType::G652D, nm) * self.drawn[k] / 1000.0)
            }
            Piece::Splice { .. } => Some(self.drawn[k]),
            Piece::Splitter { loss_db, .. } => Some(*loss_db),
            Piece::Fault { fault, .. } => match fault {
                Fault::Break => None,
                Fault::TightBend { loss_1550_db } => Some(bend_loss_db(*loss_1550_db, nm)),
                Fault::BadSplice { loss_db } => Some(*loss_db),
            },
            Piece::JobSplice { .. } => match self.job_splice {
                None => Some(0.0),
                Some(None) => None,
                // At the nearer of its two wavelengths (1490 nm: 1550's).
                Some(Some([l1310, l1550])) => Some(if nm < 1430.0 { l1310 } else { l1550 }),
            },
            Piece::JobRoute { .. } => {
                let (length, points) = self.route_parts(nm)?;
                Some(points + attenuation_db_per_km(self.route_fibre(), nm) * length / 1000.0)
            }
        }
    }

    /// The laid cable's fibre (the first section's).
    fn route_fibre(&self) -> FibreType {
        self.job_route
            .iter()
            .find_map(|e| {
                if let Element::Fibre { fibre, .. } = e {
                    Some(*fibre)
                } else {
                    None
                }
            })
            .unwrap_or(FibreType::G652D)
    }

    /// The laid cable's length, m.
    pub fn route_length_m(&self) -> f64 {
        self.job_route
            .iter()
            .map(|e| {
                if let Element::Fibre { length_m, .. } = e {
                    *length_m
                } else {
                    0.0
                }
            })
            .sum()
    }

    /// The laid cable at `nm`: its length and its point losses (tight bends, strain), or
    /// none where it is broken.
    fn route_parts(&self, nm: f64) -> Option<(f64, f64)> {
        let mut points = 0.0;
        for e in &self.job_route {
            match e {
                Element::Break { .. } => return None,
                Element::Macrobend { loss_1550_db } => points += bend_loss_db(*loss_1550_db, nm),
                Element::Fibre { .. }
                | Element::Connector { .. }
                | Element::FusionSplice { .. }
                | Element::MechanicalSplice { .. }
                | Element::Splitter { .. }
                | Element::End { .. } => {}
            }
        }
        Some((self.route_length_m(), points))
    }

    /// Takes in what a job's earlier stages handed on: the splice (or the open fibre)
    /// and the laid cable.
    pub fn join(&mut self, splice: Option<[f64; 2]>, route: Vec<Element>) {
        self.job_splice = Some(splice);
        self.job_route = route;
        let length = self.route_length_m();
        for (k, p) in self.setup.link.iter().enumerate() {
            if let Piece::JobRoute { .. } = p {
                self.drawn[k] = length;
            }
        }
    }

    /// The link's loss between its end ports at `nm`, dB; none if no light goes through.
    pub fn link_loss_db(&self, nm: f64) -> Option<f64> {
        (0..self.setup.link.len())
            .map(|k| self.piece_loss_db(k, nm))
            .sum()
    }

    /// A test cord's plug mated into an end port: loss and reflectance.
    pub fn end_pair(&self, end: usize, cord: usize) -> (f64, f64) {
        let spec = &self.setup.connectors[end];
        let cs = &self.setup.cords[cord];
        pair(
            &self.connectors[end].port.marks,
            &self.cords[cord].plug.marks,
            spec.kind,
            cs.kind,
            spec.loss_db,
        )
    }

    /// The connector at end B as left, mated to a clean plug of its kind (an OTDR's
    /// receive cable): its loss and reflectance.
    pub fn outlet_pair(&self) -> Option<(f64, f64)> {
        let (_, b) = self.ends();
        let b = b?;
        let spec = &self.setup.connectors[b];
        let mut pair = pair(
            &self.connectors[b].port.marks,
            &[],
            spec.kind,
            spec.kind,
            spec.loss_db,
        );
        if let Some(joint) = self.field_joint(&spec.id) {
            pair.0 += joint.map_or(UNFITTED_LOSS_DB, |j| j.loss_db(1550.0));
        }
        Some(pair)
    }

    /// Two cords' plugs mated in an adapter: loss.
    pub fn cords_pair(&self, a: usize, b: usize) -> f64 {
        let (ka, kb) = (self.setup.cords[a].kind, self.setup.cords[b].kind);
        pair(
            &self.cords[a].plug.marks,
            &self.cords[b].plug.marks,
            ka,
            kb,
            self.setup.cords[a].loss_db.max(self.setup.cords[b].loss_db),
        )
        .0
    }

    /// The loss the task's method defines for the link at `nm` as it stands: the link
    /// and the end matings the method includes (one cord: both; two: one, taken as
    /// their mean; three: none).
    pub fn true_loss_db(&self, nm: f64, method: RefMethod) -> Option<f64> {
        let link = self.link_loss_db(nm)?;
        let (Some(a), Some(b)) = self.ends() else {
            return Some(link);
        };
        let (la, lb) = match (self.role(CordRole::Launch), self.role(CordRole::Receive)) {
            (Some(l), Some(r)) => (self.end_pair(a, l).0, self.end_pair(b, r).0),
            _ => (
                self.setup.connectors[a].loss_db,
                self.setup.connectors[b].loss_db,
            ),
        };
        Some(match method {
            RefMethod::OneCord => link + la + lb,
            RefMethod::TwoCord => link + (la + lb) / 2.0,
            RefMethod::ThreeCord => link,
        })
    }

    /// The cord in a role, by index.
    pub fn role(&self, r: CordRole) -> Option<usize> {
        let id = match r {
            CordRole::Launch => self.launch.as_ref(),
            CordRole::Receive => self.receive.as_ref(),
            CordRole::Substitution => self.substitution.as_ref(),
        }?;
        self.cord_index(id)
    }

    /// The cord in a role, or the refusal that says none is.
    pub fn cord_in(&self, r: CordRole) -> Result<usize, Refusal> {
        self.role(r)
            .ok_or_else(|| Refusal::new(Msg::new("refuse-no-cord").msg("role", role_name(r))))
    }

    /// The faces a measurement mates, in the order they go on: the launch cord's plug,
    /// the port at end A, the port at end B, the receive cord's plug (ids and faces).
    pub fn faces_to_measure(&self) -> Vec<(String, Face)> {
        let (a, b) = self.ends();
        let cord = |r: CordRole| {
            self.role(r)
                .map(|k| (self.setup.cords[k].id.clone(), Face::Plug))
        };
        let port = |e: Option<usize>| e.map(|i| (self.setup.connectors[i].id.clone(), Face::Port));
        [
            cord(CordRole::Launch),
            port(a),
            port(b),
            cord(CordRole::Receive),
        ]
        .into_iter()
        .flatten()
        .collect()
    }

    /// The red light seen at piece `k`: its glow, dBm, or none.
    pub fn glow_at(&self, k: usize) -> Option<f64> {
        let mut before = 0.0;
        let mut at_m = 0.0;
        let mut covering = vfl::Covering::Jacket;
        for j in 0..k {
            // The fibre's own loss goes with the distance (`vfl::power_at_dbm`); the
            // point losses before add to it.
            match &self.setup.link[j] {
                Piece::Fibre { covering: c, .. } => {
                    at_m += self.drawn[j];
                    covering = *c;
                }
                Piece::JobRoute { .. } => {
                    let (length, points) = self.route_parts(650.0)?;
                    at_m += length;
                    before += points;
                    covering = vfl::Covering::Jacket;
                }
                Piece::Connector(_)
                | Piece::Splice { .. }
                | Piece::Splitter { .. }
                | Piece::Fault { .. }
                | Piece::JobSplice { .. } => before += self.piece_loss_db(j, 650.0)?,
            }
        }
        let (_, b) = self.ends();
        let leak: Option<f64> = match &self.setup.link[k] {
            Piece::Connector(id) => {
                let i = self.connector_index(id)?;
                if Some(i) == b {
                    // The far end: the light comes out of the port.
                    return Some(vfl::power_at_dbm(at_m, before));
                }
                if self.connectors[i].mated.is_none() {
                    None
                } else {
                    Some(self.piece_loss_db(k, 650.0)?)
                }
            }
            Piece::Fibre { .. } => return None,
            Piece::Splice { .. } | Piece::Splitter { .. } => Some(self.piece_loss_db(k, 650.0)?),
            Piece::Fault { fault, .. } => match fault {
                Fault::Break => None,
                Fault::TightBend { .. } | Fault::BadSplice { .. } => {
                    Some(self.piece_loss_db(k, 650.0)?)
                }
            },
            // An open fibre in the box lets all the light out.
            Piece::JobSplice { .. } => self.piece_loss_db(k, 650.0),
            // The laid cable glows where it was bent or strained (a break: all of it).
            Piece::JobRoute { .. } => match self.route_parts(650.0) {
                None => None,
                Some((_, points)) if points > 0.0 => Some(points),
                Some(_) => return None,
            },
        };
        let cover = match &self.setup.link[k] {
            Piece::Splice { .. } | Piece::JobSplice { .. } => vfl::Covering::Bare,
            Piece::JobRoute { .. } => vfl::Covering::Jacket,
            Piece::Connector(_)
            | Piece::Fibre { .. }
            | Piece::Splitter { .. }
            | Piece::Fault { .. } => covering,
        };
        vfl::glow_dbm(at_m, before, leak, cover).filter(|g| vfl::visible(Some(*g)))
    }

    /// Where the fault truly is: the piece index of the first fault, or none.
    pub fn true_fault(&self) -> Option<usize> {
        self.setup
            .link
            .iter()
            .position(|p| matches!(p, Piece::Fault { .. }))
    }

    /// A piece of the link by the trainee's number (1 = the first), or the refusal.
    pub fn piece_numbered(&self, n: u32) -> Result<usize, Refusal> {
        (n as usize)
            .checked_sub(1)
            .filter(|k| *k < self.setup.link.len())
            .ok_or_else(|| Refusal::new(Msg::new("refuse-no-piece").int("n", n)))
    }

    /// A test cord's plug pushed into an end port: the mating is noted on the port, dust
    /// crosses between the faces.
    pub fn mate_end(&mut self, end: usize, cord: usize, at: usize, rng: &mut SimRng) {
        let end_id = self.setup.connectors[end].id.clone();
        let cord_id = self.setup.cords[cord].id.clone();
        let port_polish = self.setup.connectors[end].kind.polish();
        let plug_polish = self.setup.cords[cord].kind.polish();
        let m = Mating {
            at,
            port_inspected: self.connectors[end]
                .port
                .looked_at_as_is(self.changed_at(&end_id)),
            port_clean: passes(&self.connectors[end].port.marks, port_polish),
            plug_inspected: self.cords[cord]
                .plug
                .looked_at_as_is(self.changed_at(&cord_id)),
            plug_clean: passes(&self.cords[cord].plug.marks, plug_polish),
            mismatch: port_polish != plug_polish,
        };
        let (a, b) = endface::mate(
            &self.connectors[end].port.marks,
            &self.cords[cord].plug.marks,
            rng,
        );
        self.connectors[end].port.marks = a;
        self.cords[cord].plug.marks = b;
        self.connectors[end].mated = Some(m);
        self.connectors[end].matings.push(m);
        self.connectors[end].changed_at = Some(at);
        self.cords[cord].changed_at = Some(at);
    }

    /// Two cords' plugs mated in a reference: noted on the first, dust crosses.
    pub fn mate_cords(&mut self, a: usize, b: usize, at: usize, rng: &mut SimRng) {
        let seen = |k: usize| self.cords[k].plug.looked_at_as_is(self.cords[k].changed_at);
        let clean = |k: usize| passes(&self.cords[k].plug.marks, self.setup.cords[k].kind.polish());
        let m = CordMating {
            at,
            other: self.setup.cords[b].id.clone(),
            inspected: seen(a),
            clean: clean(a),
            other_inspected: seen(b),
            other_clean: clean(b),
        };
        self.cords[a].matings.push(m);
        let (na, nb) = endface::mate(&self.cords[a].plug.marks, &self.cords[b].plug.marks, rng);
        self.cords[a].plug.marks = na;
        self.cords[b].plug.marks = nb;
        self.cords[a].changed_at = Some(at);
        self.cords[b].changed_at = Some(at);
    }
}

pub fn face_name(f: Face) -> Msg {
    Msg::new(match f {
        Face::Port => "face-port",
        Face::Plug => "face-plug",
    })
}

pub fn role_name(r: CordRole) -> Msg {
    Msg::new(match r {
        CordRole::Launch => "cord-launch",
        CordRole::Receive => "cord-receive",
        CordRole::Substitution => "cord-substitution",
    })
}
