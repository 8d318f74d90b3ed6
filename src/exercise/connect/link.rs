//! The link every connect station works on: the connectors' and the test cords' faces
//! and their matings, what the seed drew for the pieces, the cords in their roles, what a
//! job's earlier stages handed on, and the joints of the field connectors once fitted.
//! What light goes through it at a wavelength (`piece_loss_db`, `link_loss_db`,
//! `true_loss_db`) and what the red light shows along it (`glow_at`) are read here, so the
//! power meter, the PON meter and the red light read one link.

use serde::{Deserialize, Serialize};

use super::faces::scatter_dust;
pub use super::faces::{
    ConnectorWork, CordMating, CordWork, Face, FaceState, Mating, damaged, face_name, passes,
};

use crate::exercise::Refusal;
use crate::i18n::Msg;
use crate::physics::endface::{self, Mark, Polish};
use crate::physics::link::{ConnectorKind, Element, Link};
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
    /// In a job, what the splicing stage handed on for the `JobSplice` piece: the splice
    /// as the OTDR stage reads it too (its true losses at 1310 and 1550 nm with the tray's
    /// bend), or the fibre left open. Outside a job: `None` (the piece lets light through).
    pub job_splice: Option<Vec<Element>>,
    /// In a job, the cable the routing stage laid, for the `JobRoute` piece.
    pub job_route: Vec<Element>,
    /// The field connectors the fitting station fits, and their joints as it left them.
    pub field: Vec<FieldJoint>,
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

    /// Piece `k` compiled to the link model every instrument reads
    /// ([`crate::physics::link::Element`]). The link's end connectors are nothing here
    /// (they are the test cords' matings), but a field connector at an end is its joint
    /// once crimped, a break before. A connection inside the link left open is a break
    /// with its face's reflection.
    pub fn piece_elements(&self, k: usize) -> Vec<Element> {
        let (a, b) = self.ends();
        match &self.setup.link[k] {
            Piece::Connector(id) => {
                let Some(i) = self.connector_index(id) else {
                    return vec![Element::Break {
                        reflectance_db: None,
                    }];
                };
                if Some(i) == a || Some(i) == b {
                    return match self.field_joint(id) {
                        None => Vec::new(),
                        Some(None) => vec![Element::Break {
                            reflectance_db: None,
                        }],
                        Some(Some(j)) => vec![Element::MechanicalSplice {
                            loss_db: j.loss_db(1550.0),
                            reflectance_db: j.reflectance_db(1550.0),
                            loss_1310_db: Some(j.loss_db(1310.0)),
                        }],
                    };
                }
                let c = &self.connectors[i];
                let spec = &self.setup.connectors[i];
                let kind = match spec.kind.polish() {
                    Polish::Apc => ConnectorKind::Apc,
                    Polish::Pc => ConnectorKind::Upc,
                };
                match (c.mated, c.plug.as_ref()) {
                    (Some(_), Some(plug)) => {
                        let (loss_db, reflectance_db) = pair(
                            &c.port.marks,
                            &plug.marks,
                            spec.kind,
                            spec.kind,
                            spec.loss_db,
                        );
                        vec![Element::Connector {
                            kind,
                            loss_db,
                            reflectance_db,
                        }]
                    }
                    (None, _) | (Some(_), None) => vec![Element::Break {
                        reflectance_db: Some(kind.typical_reflectance_db()),
                    }],
                }
            }
            Piece::Fibre { fibre, .. } => vec![Element::Fibre {
                fibre: *fibre,
                length_m: self.drawn[k],
            }],
            Piece::Splice { .. } => vec![Element::FusionSplice {
                loss_db: self.drawn[k],
                loss_1310_db: None,
            }],
            Piece::Splitter { ways, loss_db, .. } => vec![Element::Splitter {
                ports: *ways,
                excess_db: loss_db - 10.0 * crate::math::log10(f64::from((*ways).max(1))),
                from_output: false,
            }],
            Piece::Fault { fault, .. } => vec![match fault {
                Fault::Break => Element::Break {
                    reflectance_db: None,
                },
                Fault::TightBend { loss_1550_db } => Element::Macrobend {
                    loss_1550_db: *loss_1550_db,
                },
                Fault::BadSplice { loss_db } => Element::FusionSplice {
                    loss_db: *loss_db,
                    loss_1310_db: None,
                },
            }],
            Piece::JobSplice { .. } => self.job_splice.clone().unwrap_or_default(),
            Piece::JobRoute { .. } => self.job_route.clone(),
        }
    }

    /// The loss of piece `k` at `nm`, dB; none where no light goes through (a break, a
    /// connection inside the link left open), from its elements.
    pub fn piece_loss_db(&self, k: usize, nm: f64) -> Option<f64> {
        self.piece_elements(k).iter().map(|e| e.loss_db(nm)).sum()
    }

    /// The link between its end ports as the one model every instrument reads.
    pub fn elements(&self) -> Link {
        Link {
            elements: (0..self.setup.link.len())
                .flat_map(|k| self.piece_elements(k))
                .collect(),
        }
    }

    /// The line from the job's splice to the outlet, as the OTDR stage of a job tests
    /// it: `splice` where the `JobSplice` piece is (the splice of the fibre under test),
    /// the pieces after it as every instrument reads them, up to the outlet, whose mating
    /// is the trace's connector B ([`Self::outlet_pair`]). Empty without a job's splice.
    pub fn line_from_job_splice(&self, splice: &[Element]) -> Vec<Element> {
        let pieces = &self.setup.link;
        let Some(from) = pieces
            .iter()
            .position(|p| matches!(p, Piece::JobSplice { .. }))
        else {
            return Vec::new();
        };
        let outlet = self.ends().1.map(|b| &self.setup.connectors[b].id);
        let to = pieces
            .iter()
            .rposition(|p| matches!(p, Piece::Connector(id) if Some(id) == outlet))
            .filter(|&to| to > from)
            .unwrap_or(pieces.len());
        let mut line = splice.to_vec();
        for k in from + 1..to {
            line.extend(self.piece_elements(k));
        }
        line
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

    /// Takes in what a job's earlier stages handed on: the splice (or the open fibre)
    /// and the laid cable.
    pub fn join(&mut self, splice: Vec<Element>, route: Vec<Element>) {
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
        self.elements().loss_db(nm)
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

    /// The red light seen at piece `k`: its glow, dBm, or none. Read from the pieces'
    /// elements at 650 nm: the fibre's own loss goes with the distance
    /// (`vfl::power_at_dbm`), the point losses before add to it.
    pub fn glow_at(&self, k: usize) -> Option<f64> {
        let mut before = 0.0;
        let mut at_m = 0.0;
        let mut covering = vfl::Covering::Jacket;
        for j in 0..k {
            for e in self.piece_elements(j) {
                match e {
                    Element::Fibre { length_m, .. } => at_m += length_m,
                    Element::Connector { .. }
                    | Element::FusionSplice { .. }
                    | Element::MechanicalSplice { .. }
                    | Element::Splitter { .. }
                    | Element::Macrobend { .. }
                    | Element::Break { .. }
                    | Element::End { .. } => before += e.loss_db(vfl::WAVELENGTH_NM)?,
                }
            }
            match &self.setup.link[j] {
                Piece::Fibre { covering: c, .. } => covering = *c,
                Piece::JobRoute { .. } => covering = vfl::Covering::Jacket,
                Piece::Connector(_)
                | Piece::Splice { .. }
                | Piece::Splitter { .. }
                | Piece::Fault { .. }
                | Piece::JobSplice { .. } => {}
            }
        }
        let (_, b) = self.ends();
        let points = |es: &[Element]| -> Option<f64> {
            es.iter()
                .filter(|e| !matches!(e, Element::Fibre { .. }))
                .map(|e| e.loss_db(vfl::WAVELENGTH_NM))
                .sum()
        };
        let here = self.piece_elements(k);
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
                    Some(points(&here)?)
                }
            }
            Piece::Fibre { .. } => return None,
            Piece::Splice { .. } | Piece::Splitter { .. } => Some(points(&here)?),
            Piece::Fault { fault, .. } => match fault {
                Fault::Break => None,
                Fault::TightBend { .. } | Fault::BadSplice { .. } => Some(points(&here)?),
            },
            // An open fibre in the box lets all the light out.
            Piece::JobSplice { .. } => points(&here),
            // The laid cable glows where it was bent or strained (a break: all of it).
            Piece::JobRoute { .. } => match points(&here) {
                None => None,
                Some(p) if p > 0.0 => Some(p),
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

pub fn role_name(r: CordRole) -> Msg {
    Msg::new(match r {
        CordRole::Launch => "cord-launch",
        CordRole::Receive => "cord-receive",
        CordRole::Substitution => "cord-substitution",
    })
}
