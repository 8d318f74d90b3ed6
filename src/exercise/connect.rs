//! The connecting-and-measuring bench (issue 13): connectors whose faces the trainee
//! inspects under the microscope, cleans and judges before connecting them; a light
//! source and a power meter with their test cords, referenced by one of the three methods
//! and then measuring the link; a PON power meter at the outlet; a red light sent down
//! the link to find a fault. What each gesture gives is `crate::physics`'s: the faces
//! (`endface`), the instrument (`olts`), the red light (`vfl`).

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::{Action, Bench, Outcome, Progress, Refusal, Summary, Turn};
use crate::i18n::Msg;
use crate::limits::{BUDGET_DB, CLEAVE_LENGTH_MM, POWER_DBM};
use crate::physics::endface::{self, Breach, CONTACT_R_UM, Mark, MarkKind, Polish};
use crate::physics::fibre::FibreType;
use crate::physics::link::Element;
use crate::physics::olts::{self, RefMethod};
use crate::physics::splice::{EndFace, MechanicalJoint};
use crate::physics::vfl;
use crate::rng::SimRng;
use crate::scenario::connect::{
    BudgetTask, ConnectSetup, ConnectTask, ConnectorType, Fault, FitConnectorTask, IdentifyTask,
    InspectTask, MeasureTask, Piece, PonLevel, PonTask, ReportTask,
};
use crate::scenario::{Attachments, Mode, Text};

/// A UPC plug in an APC port (or the reverse): the faces meet at an angle with an air
/// gap. Its loss and reflectance, dB (teaching values [U]: trainers quote "several dB";
/// the mismatch is the classic green-into-blue mistake of French FTTH).
pub const MISMATCH_LOSS_DB: f64 = 4.0;
pub const MISMATCH_REFLECTANCE_DB: f64 = -30.0;
/// A glow at least this strong is bright; weaker but visible is faint, dBm (teaching
/// value [U]: what a trainee tells apart in a lit room).
pub const BRIGHT_GLOW_DBM: f64 = -20.0;
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

/// A step of fitting a field-installable connector (a mechanical splice onto the
/// factory-polished stub inside its ferrule).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldStep {
    /// Strip the fibre's coating.
    Strip,
    /// Wipe the bare fibre with alcohol.
    Clean,
    /// Cleave it at this length from the coating's edge, mm.
    Cleave { length_mm: f64 },
    /// Push it into the connector, until it bows (or not).
    Insert { bowed: bool },
    /// Close the cam (crimp): the joint is made.
    Crimp,
    /// Cut the connector off to start again with a new one.
    CutOff,
}

/// A field connector's fitting as it goes.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct FieldWork {
    pub steps: Vec<FieldStep>,
    /// The cleaved end, once cleaved.
    pub end: Option<EndFace>,
    pub cleave_mm: Option<f64>,
    pub bowed: Option<bool>,
    /// The joint once crimped.
    pub joint: Option<MechanicalJoint>,
    /// Connectors cut off and started again.
    pub restarts: u32,
}

/// An outlet whose field connector was never crimped lets nothing through: on a later
/// OTDR stage its end reads this loss, past any dynamic range, dB.
pub const UNFITTED_LOSS_DB: f64 = 60.0;

/// A field cleaver's angle: |N(0, σ)| + a floor, degrees (teaching value [U]: a
/// handheld field cleaver keeps most cleaves under 1°).
pub const FIELD_CLEAVE_SIGMA_DEG: f64 = 0.35;
/// A fibre pushed in without the bow that keeps it on the stub backs off this far, µm
/// (teaching value [U]).
pub const NO_BOW_GAP_UM: f64 = 20.0;

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
    fn new(marks: Vec<Mark>) -> FaceState {
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

/// A reference the meter stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reference {
    pub meter_nm: f64,
    pub source_nm: f64,
    pub method: RefMethod,
    pub launch: String,
    pub receive: Option<String>,
    pub substitution: Option<String>,
    /// What the meter shows, dBm.
    pub dbm: f64,
    pub at: usize,
}

/// A result the meter stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LossResult {
    pub meter_nm: f64,
    pub source_nm: f64,
    /// The insertion loss shown, dB; none when no light arrives.
    pub loss_db: Option<f64>,
    /// The reference it was taken against (its index in `references`).
    pub reference: usize,
    pub launch: String,
    pub receive: String,
    /// The link's true loss as the task's method defines it, at the source's wavelength.
    pub true_loss_db: Option<f64>,
    pub at: usize,
}

/// The connecting-and-measuring bench.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConnectState {
    #[serde(skip)]
    pub setup: ConnectSetup,
    pub connectors: Vec<ConnectorWork>,
    pub cords: Vec<CordWork>,
    /// Each piece's drawn value: a fibre's length, m; a splice's loss, dB.
    pub drawn: Vec<f64>,
    pub source_nm: f64,
    pub meter_nm: f64,
    pub launch: Option<String>,
    pub receive: Option<String>,
    pub substitution: Option<String>,
    /// Each time a launch cord was (re)connected to the source: (action index, cord).
    pub launch_coupled: Vec<(usize, String)>,
    pub references: Vec<Reference>,
    pub results: Vec<LossResult>,
    pub budgets: Vec<(f64, f64)>,
    pub verdict: Option<bool>,
    /// PON levels read: (nm, dBm shown).
    pub pon: Vec<(f64, f64)>,
    /// PON levels judged: (nm, judged in the window, truly in it).
    pub pon_judged: Vec<(f64, bool, bool)>,
    pub vfl_on: bool,
    /// Pieces looked at with the red light on: (piece index, glow dBm if any).
    pub looked: Vec<(usize, Option<f64>)>,
    /// Where the trainee placed the fault (piece index), or none said: light through.
    pub located: Option<Option<usize>>,
    /// In a job, what the splicing stage handed on for the `JobSplice` piece: its true
    /// losses at 1310 and 1550 nm, or none (the fibre left open). Outside a job: `None`.
    pub job_splice: Option<Option<[f64; 2]>>,
    /// In a job, the cable the routing stage laid, for the `JobRoute` piece.
    pub job_route: Vec<Element>,
    /// The intervention report as filled.
    pub report: Option<ReportForm>,
    /// Each field connector's fitting, by the task's order.
    pub fitting: Vec<FieldWork>,
    /// The fibre at end B the red light lights (1 = first), drawn; 0 without the task.
    pub lit_fibre: u32,
    /// Fibres at end B looked at with the red light on, and the one chosen.
    pub fibres_looked: Vec<u32>,
    pub fibre_chosen: Option<u32>,
    pub progress: Progress,
}

/// The intervention report as the trainee filled it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportForm {
    pub line_id: String,
    pub pbo: String,
    pub level_dbm: f64,
    pub pass: bool,
    pub at: usize,
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

fn no_such(key: &str, id: &str) -> Refusal {
    Refusal::new(Msg::new(key).text("id", id.to_string()))
}

impl ConnectState {
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

    /// The connectors the inspection task names.
    pub fn to_inspect(&self) -> Vec<usize> {
        self.setup
            .tasks
            .iter()
            .filter_map(|t| {
                if let ConnectTask::Inspect(InspectTask { connectors }) = t {
                    Some(connectors)
                } else {
                    None
                }
            })
            .flatten()
            .filter_map(|id| self.connector_index(id))
            .collect()
    }

    pub fn measure_task(&self) -> Option<(RefMethod, Vec<f64>, Option<f64>)> {
        self.setup.tasks.iter().find_map(|t| {
            if let ConnectTask::Measure(MeasureTask {
                method,
                wavelengths_nm,
                max_loss_db,
            }) = t
            {
                Some((*method, wavelengths_nm.clone(), *max_loss_db))
            } else {
                None
            }
        })
    }

    pub fn pon_task(&self) -> Option<Vec<PonLevel>> {
        self.setup.tasks.iter().find_map(|t| {
            if let ConnectTask::PonLevels(PonTask { levels }) = t {
                Some(levels.clone())
            } else {
                None
            }
        })
    }

    /// The PON task's signal at a wavelength.
    pub fn pon_signal(&self, nm: f64) -> Option<PonLevel> {
        self.pon_task()?
            .into_iter()
            .find(|l| (l.wavelength_nm - nm).abs() < 0.5)
    }

    /// The field connector tasks: (connector, gauge, fibre), by the task's order.
    pub fn field_tasks(&self) -> Vec<(String, f64, FibreType)> {
        self.setup
            .tasks
            .iter()
            .filter_map(|t| {
                if let ConnectTask::FitConnector(FitConnectorTask {
                    connector,
                    gauge_mm,
                    fibre,
                }) = t
                {
                    Some((connector.clone(), *gauge_mm, *fibre))
                } else {
                    None
                }
            })
            .collect()
    }

    /// Which field connector task fits `id`.
    pub fn field_task(&self, id: &str) -> Option<usize> {
        self.field_tasks().iter().position(|(c, _, _)| c == id)
    }

    fn field_step(
        &mut self,
        id: &str,
        step: FieldStep,
        rng: &mut SimRng,
    ) -> Result<Outcome, Refusal> {
        let k = self
            .field_task(id)
            .ok_or_else(|| no_such("refuse-no-field", id))?;
        let (_, gauge, fibre) = self.field_tasks()[k].clone();
        let w = &mut self.fitting[k];
        let done = |s: &dyn Fn(&FieldStep) -> bool| w.steps.iter().any(s);
        let refuse = |key: &str| Err(Refusal::new(Msg::new(key).text("id", id.to_string())));
        if w.joint.is_some() && !matches!(step, FieldStep::CutOff) {
            return refuse("refuse-field-crimped");
        }
        let msg = match step {
            FieldStep::Strip => Msg::new("out-field-strip"),
            FieldStep::Clean => {
                if !done(&|s| matches!(s, FieldStep::Strip)) {
                    return refuse("refuse-field-strip-first");
                }
                Msg::new("out-field-clean")
            }
            FieldStep::Cleave { length_mm } => {
                if !done(&|s| matches!(s, FieldStep::Strip)) {
                    return refuse("refuse-field-strip-first");
                }
                if !CLEAVE_LENGTH_MM.contains(length_mm) {
                    return Err(Refusal::new(
                        Msg::new("refuse-field-cleave-length")
                            .num("min", CLEAVE_LENGTH_MM.min, 0)
                            .num("max", CLEAVE_LENGTH_MM.max, 0),
                    ));
                }
                // Cleaned between the stripping and the cleave: a clean end.
                let last_strip = w.steps.iter().rposition(|s| matches!(s, FieldStep::Strip));
                let cleaned = w
                    .steps
                    .iter()
                    .enumerate()
                    .any(|(i, s)| matches!(s, FieldStep::Clean) && Some(i) > last_strip);
                let angle = FIELD_CLEAVE_SIGMA_DEG * rng.normal().abs() + 0.1;
                w.end = Some(EndFace {
                    fibre,
                    angle_deg: angle,
                    defects: Vec::new(),
                    dirty: !cleaned,
                    nicked: false,
                });
                w.cleave_mm = Some(length_mm);
                Msg::new("out-field-cleave")
                    .num("mm", length_mm, 1)
                    .num("deg", angle, 1)
            }
            FieldStep::Insert { bowed } => {
                if w.end.is_none() {
                    return refuse("refuse-field-cleave-first");
                }
                w.bowed = Some(bowed);
                Msg::new(if bowed {
                    "out-field-insert-bowed"
                } else {
                    "out-field-insert"
                })
            }
            FieldStep::Crimp => {
                let (Some(end), Some(bowed), Some(cleave)) = (&w.end, w.bowed, w.cleave_mm) else {
                    return refuse("refuse-field-insert-first");
                };
                // The factory stub: polished square and clean, standard fibre.
                let stub = EndFace {
                    fibre: FibreType::G652D,
                    angle_deg: 0.0,
                    defects: Vec::new(),
                    dirty: false,
                    nicked: false,
                };
                let draws = super::splice::draw_fusion(rng);
                let mut joint =
                    MechanicalJoint::new([end, &stub], [cleave - gauge, 0.0], true, &draws);
                if !bowed {
                    joint.gap_um += NO_BOW_GAP_UM;
                }
                let loss = joint.loss_db(1550.0);
                w.joint = Some(joint);
                Msg::new("out-field-crimp")
                    .text("id", id.to_string())
                    .num("db", loss, 2)
            }
            FieldStep::CutOff => {
                let restarts = w.restarts + 1;
                *w = FieldWork {
                    restarts,
                    ..FieldWork::default()
                };
                Msg::new("out-field-cut-off").text("id", id.to_string())
            }
        };
        if !matches!(step, FieldStep::CutOff) {
            self.fitting[k].steps.push(step);
        }
        Ok(Outcome::of(vec![msg]))
    }

    /// The count of fibre ends at end B to tell apart, when asked.
    pub fn identify_task(&self) -> Option<u32> {
        self.setup.tasks.iter().find_map(|t| {
            if let ConnectTask::IdentifyFibre(IdentifyTask { fibres }) = t {
                Some(*fibres)
            } else {
                None
            }
        })
    }

    /// The red light at fibre `n`'s end at end B: the link's own fibre shows what reaches
    /// end B; the others nothing.
    pub fn fibre_glow(&self, n: u32) -> Option<f64> {
        if !self.vfl_on || n != self.lit_fibre {
            return None;
        }
        let last = self.setup.link.len().checked_sub(1)?;
        self.glow_at(last)
    }

    /// The report the work order asks for: the line's identifier and the PBO's reference.
    pub fn report_task(&self) -> Option<(String, String)> {
        self.setup.tasks.iter().find_map(|t| {
            if let ConnectTask::Report(ReportTask { line_id, pbo }) = t {
                Some((line_id.clone(), pbo.clone()))
            } else {
                None
            }
        })
    }

    /// Whether the line works at the outlet as it stands: every PON level inside its
    /// window, and the link's loss within its limit where one is measured.
    pub fn line_works(&self) -> bool {
        let levels_ok = self.pon_task().unwrap_or_default().iter().all(|l| {
            self.pon_level_dbm(l.wavelength_nm)
                .is_some_and(|v| olts::level_in(v, (l.min_dbm, l.max_dbm)))
        });
        let loss_ok = match self.measure_task() {
            Some((method, wls, max)) => wls.iter().all(|&nm| {
                let limit = max.or_else(|| self.budget_at(nm)).unwrap_or(f64::INFINITY);
                self.true_loss_db(nm, method).is_some_and(|l| l <= limit)
            }),
            None => true,
        };
        levels_ok && loss_ok && self.link_loss_db(1550.0).is_some()
    }

    pub fn has_fault_task(&self) -> bool {
        self.setup
            .tasks
            .iter()
            .any(|t| matches!(t, ConnectTask::LocateFault))
    }

    /// The wavelengths the instruments offer.
    pub fn wavelengths(&self) -> Vec<f64> {
        let mut w = vec![1310.0, 1550.0];
        for l in self.pon_task().unwrap_or_default() {
            if !w.contains(&l.wavelength_nm) {
                w.push(l.wavelength_nm);
            }
        }
        w
    }

    /// The budget the task defines at a wavelength (REFERENCE D.4), from the link as
    /// designed: each fibre's written length (a range's middle), its splices, connectors
    /// and splitters.
    pub fn budget_at(&self, nm: f64) -> Option<f64> {
        self.setup.tasks.iter().find_map(|t| {
            let ConnectTask::Budget(BudgetTask {
                attenuation_db_per_km,
                splice_db,
                connector_db,
                margin_db,
            }) = t
            else {
                return None;
            };
            let att = attenuation_db_per_km
                .iter()
                .find(|(w, _)| (w - nm).abs() < 0.5)?
                .1;
            let mut km = 0.0;
            let mut splices = 0;
            let mut connectors = 0;
            let mut split = 0.0;
            for p in &self.setup.link {
                match p {
                    Piece::Fibre { length_m, .. } => {
                        km += (length_m.min() + length_m.max()) / 2000.0
                    }
                    Piece::Splice { .. } => splices += 1,
                    Piece::Connector(_) => connectors += 1,
                    Piece::Splitter { loss_db, .. } => split += loss_db,
                    Piece::JobSplice { .. } => splices += 1,
                    Piece::JobRoute { .. } => km += self.route_length_m() / 1000.0,
                    Piece::Fault { .. } => {}
                }
            }
            Some(olts::budget_db(
                km,
                att,
                splices,
                *splice_db,
                connectors,
                *connector_db,
                split,
                *margin_db,
            ))
        })
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

    fn face_mut(&mut self, id: &str, face: Face) -> Result<&mut FaceState, Refusal> {
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
                    return match self.field_task(id) {
                        None => Some(0.0),
                        Some(k) => self.fitting[k].joint.as_ref().map(|j| j.loss_db(nm)),
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
    fn end_pair(&self, end: usize, cord: usize) -> (f64, f64) {
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
        if let Some(k) = self.field_task(&spec.id) {
            pair.0 += self.fitting[k]
                .joint
                .as_ref()
                .map_or(UNFITTED_LOSS_DB, |j| j.loss_db(1550.0));
        }
        Some(pair)
    }

    /// Two cords' plugs mated in an adapter: loss.
    fn cords_pair(&self, a: usize, b: usize) -> f64 {
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

    /// The loss the meter's display shows: the last result taken with the source and
    /// the meter at the wavelengths they are set to now; none until one is (switching
    /// the wavelength does not carry the other wavelength's reading over).
    pub fn reading_shown(&self) -> Option<&LossResult> {
        self.results.iter().rev().find(|r| {
            (r.source_nm - self.source_nm).abs() < 0.5 && (r.meter_nm - self.meter_nm).abs() < 0.5
        })
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

    /// Whether a face has been inspected since it last changed (a mating, a cleaning).
    pub fn face_seen(&self, id: &str, face: Face) -> bool {
        self.face(id, face)
            .is_some_and(|(f, _)| f.looked_at_as_is(self.changed_at(id).max(f.cleaned_at)))
    }

    /// The reference the meter holds for its wavelength.
    pub fn reference_now(&self) -> Option<usize> {
        self.references
            .iter()
            .rposition(|r| (r.meter_nm - self.meter_nm).abs() < 0.5)
    }

    /// The PON level at end B at `nm` through the receive cord, dBm (what a PON meter
    /// reads), or none if no light comes.
    pub fn pon_level_dbm(&self, nm: f64) -> Option<f64> {
        let olt = self.pon_signal(nm)?.olt_dbm;
        let link = self.link_loss_db(nm)?;
        let (_, b) = self.ends();
        let end = match (b, self.role(CordRole::Receive)) {
            (Some(b), Some(r)) => self.end_pair(b, r).0,
            _ => 0.0,
        };
        Some(olt - link - end)
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

    fn mate_end(&mut self, end: usize, cord: usize, at: usize, rng: &mut SimRng) {
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

    fn mate_cords(&mut self, a: usize, b: usize, at: usize, rng: &mut SimRng) {
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

    /// A connection inside the link is unplugged before its faces are looked at or
    /// cleaned.
    fn refuse_if_plugged(&self, id: &str) -> Result<(), Refusal> {
        match self.connector_index(id) {
            Some(i) if self.connectors[i].plug.is_some() && self.connectors[i].mated.is_some() => {
                Err(no_such("refuse-plugged", id))
            }
            Some(_) | None => Ok(()),
        }
    }

    fn wavelength_offered(&self, nm: f64) -> Result<(), Refusal> {
        if self.wavelengths().iter().any(|w| (w - nm).abs() < 0.5) {
            Ok(())
        } else {
            Err(Refusal::new(Msg::new("refuse-wavelength").num("nm", nm, 0)))
        }
    }

    fn cord_in(&self, r: CordRole) -> Result<usize, Refusal> {
        self.role(r)
            .ok_or_else(|| Refusal::new(Msg::new("refuse-no-cord").msg("role", role_name(r))))
    }
}

impl Bench for ConnectState {
    type Setup = ConnectSetup;

    fn generate(setup: &ConnectSetup, _files: &Attachments, rng: &mut SimRng) -> ConnectState {
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
        let lit_fibre = setup
            .tasks
            .iter()
            .find_map(|t| {
                if let ConnectTask::IdentifyFibre(IdentifyTask { fibres }) = t {
                    Some(rng.range_u32(1, (*fibres).max(1)))
                } else {
                    None
                }
            })
            .unwrap_or(0);
        ConnectState {
            connectors,
            cords,
            drawn,
            source_nm: 1310.0,
            meter_nm: 1310.0,
            launch: cord(0),
            receive: cord(1),
            substitution: cord(2),
            launch_coupled: Vec::new(),
            references: Vec::new(),
            results: Vec::new(),
            budgets: Vec::new(),
            verdict: None,
            pon: Vec::new(),
            pon_judged: Vec::new(),
            vfl_on: false,
            looked: Vec::new(),
            located: None,
            job_splice: None,
            job_route: Vec::new(),
            report: None,
            lit_fibre,
            fibres_looked: Vec::new(),
            fibre_chosen: None,
            fitting: setup
                .tasks
                .iter()
                .filter(|t| matches!(t, ConnectTask::FitConnector(FitConnectorTask { .. })))
                .map(|_| FieldWork::default())
                .collect(),
            progress: Progress::default(),
            setup: setup.clone(),
        }
    }

    fn apply(&mut self, action: &Action, turn: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Action::Connect(a) = action else {
            return Err(Refusal::wrong_module());
        };
        use super::action::ConnectAction as A;
        let at = turn.index;
        match a {
            A::InspectFace { connector, face } => {
                let practice = turn.mode == Mode::Practice;
                self.refuse_if_plugged(connector)?;
                let (_, polish) = self
                    .face(connector, *face)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let f = self.face_mut(connector, *face)?;
                f.inspected_at = Some(at);
                let marks = f.marks.clone();
                let mut msgs = vec![
                    Msg::new("out-inspect")
                        .text("id", connector.clone())
                        .msg("face", face_name(*face))
                        .int("marks", marks.len() as u32),
                ];
                if practice {
                    msgs.push(breach_msg(&endface::judge(&marks, polish)));
                }
                Ok(Outcome::of(msgs))
            }
            A::CleanFace {
                connector,
                face,
                method,
            } => {
                self.refuse_if_plugged(connector)?;
                let f = self.face_mut(connector, *face)?;
                f.marks = endface::clean(&f.marks, *method, turn.rng);
                f.cleaned_at = Some(at);
                f.cleanings += 1;
                Ok(Outcome::of(vec![
                    Msg::new("out-clean-face")
                        .text("id", connector.clone())
                        .msg("face", face_name(*face))
                        .msg("method", cleaning_name(*method)),
                ]))
            }
            A::JudgeFace {
                connector,
                face,
                pass,
            } => {
                let (_, polish) = self
                    .face(connector, *face)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let f = self.face_mut(connector, *face)?;
                let truth = passes(&f.marks, polish);
                f.judged = Some((*pass, truth, at));
                Ok(Outcome::of(vec![
                    Msg::new(if *pass {
                        "out-judge-pass"
                    } else {
                        "out-judge-fail"
                    })
                    .text("id", connector.clone())
                    .msg("face", face_name(*face)),
                ]))
            }
            A::ConnectPlug { connector } => {
                let i = self
                    .connector_index(connector)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let polish = self.setup.connectors[i].kind.polish();
                let changed = self.connectors[i].changed_at;
                let c = &mut self.connectors[i];
                let Some(plug) = c.plug.as_mut() else {
                    return Err(no_such("refuse-end-connector", connector));
                };
                if c.mated.is_some() {
                    return Err(no_such("refuse-already-connected", connector));
                }
                let m = Mating {
                    at,
                    port_inspected: c.port.looked_at_as_is(changed),
                    port_clean: passes(&c.port.marks, polish),
                    plug_inspected: plug.looked_at_as_is(changed),
                    plug_clean: passes(&plug.marks, polish),
                    mismatch: false,
                };
                let (na, nb) = endface::mate(&c.port.marks, &plug.marks, turn.rng);
                c.port.marks = na;
                plug.marks = nb;
                c.mated = Some(m);
                c.matings.push(m);
                c.changed_at = Some(at);
                Ok(Outcome::of(vec![
                    Msg::new("out-connect-plug").text("id", connector.clone()),
                ]))
            }
            A::Disconnect { connector } => {
                let i = self
                    .connector_index(connector)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                if self.connectors[i].plug.is_none() || self.connectors[i].mated.is_none() {
                    return Err(no_such("refuse-not-connected", connector));
                }
                self.connectors[i].mated = None;
                Ok(Outcome::of(vec![
                    Msg::new("out-disconnect").text("id", connector.clone()),
                ]))
            }
            A::ReplaceConnector { connector } => {
                let i = self
                    .connector_index(connector)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let polish = self.setup.connectors[i].kind.polish();
                let c = &mut self.connectors[i];
                let was = damaged(&c.port.marks, polish)
                    || c.plug.as_ref().is_some_and(|p| damaged(&p.marks, polish));
                c.port = FaceState::new(Vec::new());
                c.plug = c.plug.as_ref().map(|_| FaceState::new(Vec::new()));
                c.mated = None;
                c.replaced = Some(was);
                c.changed_at = Some(at);
                Ok(Outcome::of(vec![
                    Msg::new("out-replace-connector").text("id", connector.clone()),
                ]))
            }
            A::EnterBudget {
                wavelength_nm,
                budget_db,
            } => {
                if !BUDGET_DB.contains(*budget_db) {
                    return Err(Refusal::new(
                        Msg::new("refuse-budget").num("min", BUDGET_DB.min, 0).num(
                            "max",
                            BUDGET_DB.max,
                            0,
                        ),
                    ));
                }
                self.budgets
                    .retain(|(w, _)| (w - wavelength_nm).abs() >= 0.5);
                self.budgets.push((*wavelength_nm, *budget_db));
                Ok(Outcome::of(vec![
                    Msg::new("out-budget")
                        .num("nm", *wavelength_nm, 0)
                        .num("db", *budget_db, 2),
                ]))
            }
            A::SetSource { wavelength_nm } => {
                self.wavelength_offered(*wavelength_nm)?;
                self.source_nm = *wavelength_nm;
                Ok(Outcome::of(vec![Msg::new("out-set-source").num(
                    "nm",
                    *wavelength_nm,
                    0,
                )]))
            }
            A::SetMeter { wavelength_nm } => {
                self.wavelength_offered(*wavelength_nm)?;
                self.meter_nm = *wavelength_nm;
                Ok(Outcome::of(vec![Msg::new("out-set-meter").num(
                    "nm",
                    *wavelength_nm,
                    0,
                )]))
            }
            A::UseCord { role, cord } => {
                let k = self
                    .cord_index(cord)
                    .ok_or_else(|| no_such("refuse-no-cord-id", cord))?;
                let slot = match role {
                    CordRole::Launch => &mut self.launch,
                    CordRole::Receive => &mut self.receive,
                    CordRole::Substitution => &mut self.substitution,
                };
                *slot = Some(cord.clone());
                // Re-connecting a launch cord to the source couples it anew.
                if *role == CordRole::Launch {
                    let (lo, hi) = (
                        self.setup.cords[k].launch_loss_db.min(),
                        self.setup.cords[k].launch_loss_db.max(),
                    );
                    self.cords[k].launch_loss_db = turn.rng.range_f64(lo, hi.max(lo));
                    self.launch_coupled.push((at, cord.clone()));
                }
                Ok(Outcome::of(vec![
                    Msg::new("out-use-cord")
                        .msg("role", role_name(*role))
                        .text("id", cord.clone()),
                ]))
            }
            A::SetReference { method } => {
                let l = self.cord_in(CordRole::Launch)?;
                let mut losses = Vec::new();
                let (mut rec, mut sub) = (None, None);
                match method {
                    RefMethod::OneCord => {}
                    RefMethod::TwoCord => {
                        let r = self.cord_in(CordRole::Receive)?;
                        losses.push(self.cords_pair(l, r));
                        self.mate_cords(l, r, at, turn.rng);
                        rec = Some(r);
                    }
                    RefMethod::ThreeCord => {
                        let r = self.cord_in(CordRole::Receive)?;
                        let s = self.cord_in(CordRole::Substitution)?;
                        losses.push(self.cords_pair(l, s));
                        losses.push(self.cords_pair(s, r));
                        self.mate_cords(l, s, at, turn.rng);
                        self.mate_cords(s, r, at, turn.rng);
                        rec = Some(r);
                        sub = Some(s);
                    }
                }
                let light = olts::reference_dbm(
                    self.setup.source_dbm - self.cords[l].launch_loss_db,
                    &losses,
                );
                let dbm = olts::meter_reading_dbm(light, self.source_nm, self.meter_nm);
                let id = |k: Option<usize>| k.map(|k| self.setup.cords[k].id.clone());
                self.references.push(Reference {
                    meter_nm: self.meter_nm,
                    source_nm: self.source_nm,
                    method: *method,
                    launch: self.setup.cords[l].id.clone(),
                    receive: id(rec),
                    substitution: id(sub),
                    dbm,
                    at,
                });
                Ok(Outcome::of(vec![
                    Msg::new("out-reference")
                        .msg("method", method_name(*method))
                        .num("nm", self.meter_nm, 0)
                        .num("dbm", dbm, 2),
                ]))
            }
            A::MeasureLoss => {
                let reference = self.reference_now().ok_or_else(|| {
                    Refusal::new(Msg::new("refuse-no-reference").num("nm", self.meter_nm, 0))
                })?;
                let l = self.cord_in(CordRole::Launch)?;
                let r = self.cord_in(CordRole::Receive)?;
                let (Some(a), Some(b)) = self.ends() else {
                    return Err(Refusal::new(Msg::new("refuse-no-link")));
                };
                self.mate_end(a, l, at, turn.rng);
                self.mate_end(b, r, at, turn.rng);
                let method = self.measure_task().map_or(RefMethod::OneCord, |m| m.0);
                let true_loss_db = self.true_loss_db(self.source_nm, method);
                let reading = self.link_loss_db(self.source_nm).map(|link| {
                    let light = olts::measured_dbm(
                        self.setup.source_dbm - self.cords[l].launch_loss_db,
                        self.end_pair(a, l).0,
                        link,
                        self.end_pair(b, r).0,
                    );
                    olts::meter_reading_dbm(light, self.source_nm, self.meter_nm)
                });
                let loss_db =
                    reading.map(|m| olts::insertion_loss_db(self.references[reference].dbm, m));
                self.results.push(LossResult {
                    meter_nm: self.meter_nm,
                    source_nm: self.source_nm,
                    loss_db,
                    reference,
                    launch: self.setup.cords[l].id.clone(),
                    receive: self.setup.cords[r].id.clone(),
                    true_loss_db,
                    at,
                });
                Ok(Outcome::of(vec![match loss_db {
                    Some(v) => Msg::new("out-loss")
                        .num("nm", self.meter_nm, 0)
                        .num("db", v, 2),
                    None => Msg::new("out-no-light"),
                }]))
            }
            A::LinkVerdict { pass } => {
                self.verdict = Some(*pass);
                Ok(Outcome::of(vec![Msg::new(if *pass {
                    "out-link-pass"
                } else {
                    "out-link-fail"
                })]))
            }
            A::ReadPon { wavelength_nm } => {
                if self.pon_task().is_none() {
                    return Err(Refusal::new(Msg::new("refuse-no-pon")));
                }
                if self.pon_signal(*wavelength_nm).is_none() {
                    return Err(Refusal::new(Msg::new("refuse-wavelength").num(
                        "nm",
                        *wavelength_nm,
                        0,
                    )));
                }
                let r = self.cord_in(CordRole::Receive)?;
                let (_, Some(b)) = self.ends() else {
                    return Err(Refusal::new(Msg::new("refuse-no-link")));
                };
                self.mate_end(b, r, at, turn.rng);
                let level = self.pon_level_dbm(*wavelength_nm);
                let shown = level.unwrap_or(f64::NEG_INFINITY);
                self.pon.retain(|(w, _)| (w - wavelength_nm).abs() >= 0.5);
                self.pon.push((*wavelength_nm, shown));
                Ok(Outcome::of(vec![match level {
                    Some(v) => Msg::new("out-pon")
                        .num("nm", *wavelength_nm, 0)
                        .num("dbm", v, 1),
                    None => Msg::new("out-no-light"),
                }]))
            }
            A::JudgePon { wavelength_nm, ok } => {
                let signal = self
                    .pon_signal(*wavelength_nm)
                    .ok_or_else(|| Refusal::new(Msg::new("refuse-no-pon")))?;
                let shown = self
                    .pon
                    .iter()
                    .find(|(w, _)| (w - wavelength_nm).abs() < 0.5)
                    .map(|p| p.1)
                    .ok_or_else(|| {
                        Refusal::new(Msg::new("refuse-pon-unread").num("nm", *wavelength_nm, 0))
                    })?;
                let truth = olts::level_in(shown, (signal.min_dbm, signal.max_dbm));
                self.pon_judged
                    .retain(|(w, _, _)| (w - wavelength_nm).abs() >= 0.5);
                self.pon_judged.push((*wavelength_nm, *ok, truth));
                Ok(Outcome::of(vec![
                    Msg::new(if *ok { "out-pon-ok" } else { "out-pon-bad" }).num(
                        "nm",
                        *wavelength_nm,
                        0,
                    ),
                ]))
            }
            A::VflOn => {
                self.vfl_on = true;
                Ok(Outcome::of(vec![Msg::new("out-vfl-on")]))
            }
            A::LookAt { piece } => {
                if !self.vfl_on {
                    return Err(Refusal::new(Msg::new("refuse-vfl-off")));
                }
                let k = (*piece as usize)
                    .checked_sub(1)
                    .filter(|k| *k < self.setup.link.len());
                let Some(k) = k else {
                    return Err(Refusal::new(Msg::new("refuse-no-piece").int("n", *piece)));
                };
                let glow = self.glow_at(k);
                self.looked.push((k, glow));
                let place = self.piece_place(k);
                Ok(Outcome::of(vec![
                    glow_msg(glow).words("place", &place.fr, &place.en),
                ]))
            }
            A::FieldStep { connector, step } => self.field_step(connector, *step, turn.rng),
            A::LookAtFibre { fibre } => {
                let n = self
                    .identify_task()
                    .ok_or_else(|| Refusal::new(Msg::new("refuse-no-identify")))?;
                if !self.vfl_on {
                    return Err(Refusal::new(Msg::new("refuse-vfl-off")));
                }
                if !(1..=n).contains(fibre) {
                    return Err(Refusal::new(Msg::new("refuse-no-fibre").int("n", *fibre)));
                }
                self.fibres_looked.push(*fibre);
                let glow = self.fibre_glow(*fibre);
                Ok(Outcome::of(vec![glow_msg(glow).words(
                    "place",
                    &format!("fibre {fibre}"),
                    &format!("fibre {fibre}"),
                )]))
            }
            A::ChooseFibre { fibre } => {
                let n = self
                    .identify_task()
                    .ok_or_else(|| Refusal::new(Msg::new("refuse-no-identify")))?;
                if !(1..=n).contains(fibre) {
                    return Err(Refusal::new(Msg::new("refuse-no-fibre").int("n", *fibre)));
                }
                self.fibre_chosen = Some(*fibre);
                Ok(Outcome::of(vec![
                    Msg::new("out-fibre-chosen").int("n", *fibre),
                ]))
            }
            A::FillReport {
                line_id,
                pbo,
                level_dbm,
                pass,
            } => {
                if !POWER_DBM.contains(*level_dbm) {
                    return Err(Refusal::new(
                        Msg::new("refuse-report-level")
                            .num("min", POWER_DBM.min, 0)
                            .num("max", POWER_DBM.max, 0),
                    ));
                }
                if line_id.trim().is_empty() || pbo.trim().is_empty() {
                    return Err(Refusal::new(Msg::new("refuse-report-empty")));
                }
                self.report = Some(ReportForm {
                    line_id: line_id.clone(),
                    pbo: pbo.clone(),
                    level_dbm: *level_dbm,
                    pass: *pass,
                    at,
                });
                Ok(Outcome::of(vec![Msg::new("out-report")]))
            }
            A::LocateFault { piece } => {
                let k = match piece {
                    None => None,
                    Some(p) => Some(
                        (*p as usize)
                            .checked_sub(1)
                            .filter(|k| *k < self.setup.link.len())
                            .ok_or_else(|| {
                                Refusal::new(Msg::new("refuse-no-piece").int("n", *p))
                            })?,
                    ),
                };
                self.located = Some(k);
                Ok(Outcome::of(vec![match k {
                    Some(k) => {
                        let place = self.piece_place(k);
                        Msg::new("out-fault-at").words("place", &place.fr, &place.en)
                    }
                    None => Msg::new("out-fault-none"),
                }]))
            }
        }
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        for (k, (id, gauge, _)) in self.field_tasks().iter().enumerate() {
            let w = &self.fitting[k];
            let next = if !w.steps.iter().any(|s| matches!(s, FieldStep::Strip)) {
                Some(Msg::new("hint-field-strip"))
            } else if w.end.is_none() {
                Some(Msg::new("hint-field-clean-cleave").num("mm", *gauge, 1))
            } else if w.bowed.is_none() {
                Some(Msg::new("hint-field-insert"))
            } else if w.joint.is_none() {
                Some(Msg::new("hint-field-crimp"))
            } else {
                None
            };
            if let Some(m) = next {
                return Ok(m.text("id", id.clone()));
            }
        }
        for &i in &self.to_inspect() {
            let id = self.setup.connectors[i].id.clone();
            let polish = self.setup.connectors[i].kind.polish();
            let c = &self.connectors[i];
            let mut faces = vec![(Face::Port, &c.port)];
            if let Some(p) = &c.plug {
                faces.push((Face::Plug, p));
            }
            if let (Some(_), Some(m)) = (&c.plug, c.mated) {
                // Connected: done, unless it went on without both faces looked at and
                // clean (its faces cannot be looked at while it is plugged).
                let right = m.port_inspected && m.plug_inspected && m.port_clean && m.plug_clean;
                if right {
                    continue;
                }
                return Ok(Msg::new("hint-unplug").text("id", id));
            }
            for (face, f) in faces {
                if !f.looked_at_as_is(c.changed_at.max(f.cleaned_at)) {
                    return Ok(Msg::new("hint-inspect")
                        .text("id", id)
                        .msg("face", face_name(face)));
                }
                if !passes(&f.marks, polish) {
                    return Ok(if damaged(&f.marks, polish) {
                        Msg::new("hint-replace").text("id", id)
                    } else {
                        Msg::new("hint-clean-face")
                            .text("id", id)
                            .msg("face", face_name(face))
                    });
                }
                if f.judged.is_none_or(|j| j.2 < f.inspected_at.unwrap_or(0)) {
                    return Ok(Msg::new("hint-judge")
                        .text("id", id)
                        .msg("face", face_name(face)));
                }
            }
            if c.plug.is_some() && c.mated.is_none() {
                return Ok(Msg::new("hint-connect").text("id", id));
            }
        }
        for nm in self.wavelengths() {
            if self.budget_at(nm).is_some() && !self.budgets.iter().any(|b| (b.0 - nm).abs() < 0.5)
            {
                return Ok(Msg::new("hint-budget").num("nm", nm, 0));
            }
        }
        if let Some((method, wls, _)) = self.measure_task() {
            for nm in wls {
                let done = self.results.iter().any(|r| (r.source_nm - nm).abs() < 0.5);
                if done {
                    continue;
                }
                if (self.source_nm - nm).abs() >= 0.5 || (self.meter_nm - nm).abs() >= 0.5 {
                    return Ok(Msg::new("hint-wavelength").num("nm", nm, 0));
                }
                let referenced = self
                    .reference_now()
                    .is_some_and(|r| self.references[r].method == method);
                if !referenced {
                    // The cords a reference mates to each other, looked at first.
                    let roles: &[CordRole] = match method {
                        RefMethod::OneCord => &[],
                        RefMethod::TwoCord => &[CordRole::Launch, CordRole::Receive],
                        RefMethod::ThreeCord => {
                            &[CordRole::Launch, CordRole::Substitution, CordRole::Receive]
                        }
                    };
                    for r in roles {
                        let Some(k) = self.role(*r) else { continue };
                        let id = self.setup.cords[k].id.clone();
                        if !self.face_seen(&id, Face::Plug) {
                            return Ok(Msg::new("hint-inspect")
                                .text("id", id)
                                .msg("face", face_name(Face::Plug)));
                        }
                    }
                    return Ok(Msg::new("hint-reference").msg("method", method_name(method)));
                }
                // Each face the measurement mates, looked at (and clean) first.
                for (id, face) in self.faces_to_measure() {
                    if !self.face_seen(&id, face) {
                        return Ok(Msg::new("hint-inspect")
                            .text("id", id)
                            .msg("face", face_name(face)));
                    }
                    if self
                        .face(&id, face)
                        .is_some_and(|(f, p)| !passes(&f.marks, p))
                    {
                        return Ok(Msg::new("hint-clean-face")
                            .text("id", id)
                            .msg("face", face_name(face)));
                    }
                }
                return Ok(Msg::new("hint-measure").num("nm", nm, 0));
            }
            if self.verdict.is_none() {
                return Ok(Msg::new("hint-verdict"));
            }
        }
        if let Some(levels) = self.pon_task() {
            for nm in levels.iter().map(|l| l.wavelength_nm) {
                if !self.pon.iter().any(|p| (p.0 - nm).abs() < 0.5) {
                    return Ok(Msg::new("hint-pon").num("nm", nm, 0));
                }
                if !self.pon_judged.iter().any(|p| (p.0 - nm).abs() < 0.5) {
                    return Ok(Msg::new("hint-pon-judge").num("nm", nm, 0));
                }
            }
        }
        if self.identify_task().is_some() && self.fibre_chosen.is_none() {
            if !self.vfl_on {
                return Ok(Msg::new("hint-vfl"));
            }
            return Ok(Msg::new("hint-identify"));
        }
        if self.has_fault_task() {
            if !self.vfl_on {
                return Ok(Msg::new("hint-vfl"));
            }
            if self.located.is_none() {
                return Ok(Msg::new("hint-locate"));
            }
        }
        if self.report_task().is_some() && self.report.is_none() {
            return Ok(Msg::new("hint-report"));
        }
        Ok(Msg::new("hint-connect-finish"))
    }

    fn task_lines(&self) -> Vec<Msg> {
        self.setup
            .tasks
            .iter()
            .map(|t| match t {
                ConnectTask::Inspect(InspectTask { connectors }) => {
                    Msg::new("task-inspect").text("ids", connectors.join(", "))
                }
                ConnectTask::Budget(BudgetTask { .. }) => Msg::new("task-budget"),
                ConnectTask::Measure(MeasureTask {
                    method,
                    wavelengths_nm,
                    ..
                }) => Msg::new("task-measure")
                    .msg("method", method_name(*method))
                    .text(
                        "nm",
                        wavelengths_nm
                            .iter()
                            .map(|w| format!("{w}"))
                            .collect::<Vec<_>>()
                            .join(", "),
                    ),
                ConnectTask::PonLevels(PonTask { levels }) => Msg::new("task-pon").list(
                    "levels",
                    levels
                        .iter()
                        .map(|l| {
                            Msg::new("task-pon-level")
                                .num("nm", l.wavelength_nm, 0)
                                .num("lo", l.min_dbm, 0)
                                .num("hi", l.max_dbm, 0)
                        })
                        .collect(),
                ),
                ConnectTask::LocateFault => Msg::new("task-locate"),
                ConnectTask::IdentifyFibre(IdentifyTask { fibres }) => {
                    Msg::new("task-identify").int("n", *fibres)
                }
                ConnectTask::FitConnector(FitConnectorTask {
                    connector,
                    gauge_mm,
                    ..
                }) => Msg::new("task-fit-connector")
                    .text("id", connector.clone())
                    .num("mm", *gauge_mm, 1),
                ConnectTask::Report(ReportTask { line_id, pbo }) => Msg::new("task-report")
                    .text("line", line_id.clone())
                    .text("pbo", pbo.clone()),
            })
            .collect()
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        Summary {
            drawn: json!({
                "pieces": self.drawn,
                "cord_launch_loss_db": self.cords.iter().map(|c| c.launch_loss_db).collect::<Vec<_>>(),
                "lit_fibre": self.lit_fibre,
            }),
            key: "connect",
            result: json!({
                "connectors": serde_json::to_value(&self.connectors).unwrap_or(Value::Null),
                "references": serde_json::to_value(&self.references).unwrap_or(Value::Null),
                "results": serde_json::to_value(&self.results).unwrap_or(Value::Null),
                "budgets": self.budgets,
                "verdict": self.verdict,
                "pon": self.pon.iter().map(|p| json!([p.0, if p.1.is_finite() { Some(p.1) } else { None }])).collect::<Vec<_>>(),
                "pon_judged": self.pon_judged,
                "looked": self.looked,
                "located": self.located,
                "report": serde_json::to_value(&self.report).unwrap_or(Value::Null),
                "fitting": serde_json::to_value(&self.fitting).unwrap_or(Value::Null),
                "fibres_looked": self.fibres_looked,
                "fibre_chosen": self.fibre_chosen,
            }),
        }
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

pub fn method_name(m: RefMethod) -> Msg {
    Msg::new(match m {
        RefMethod::OneCord => "method-one-cord",
        RefMethod::TwoCord => "method-two-cord",
        RefMethod::ThreeCord => "method-three-cord",
    })
}

pub fn cleaning_name(c: endface::Cleaning) -> Msg {
    Msg::new(match c {
        endface::Cleaning::DryClick => "cleaning-dry-click",
        endface::Cleaning::WetThenDry => "cleaning-wet-dry",
        endface::Cleaning::Reel => "cleaning-reel",
    })
}

pub fn mark_name(k: MarkKind) -> Msg {
    Msg::new(match k {
        MarkKind::Dust => "mark-dust",
        MarkKind::Oil => "mark-oil",
        MarkKind::Residue => "mark-residue",
        MarkKind::Pit => "mark-pit",
        MarkKind::Chip => "mark-chip",
        MarkKind::Scratch => "mark-scratch",
    })
}

pub fn zone_name(z: endface::Zone) -> Msg {
    Msg::new(match z {
        endface::Zone::Core => "zone-core",
        endface::Zone::Cladding => "zone-cladding",
        endface::Zone::Adhesive => "zone-adhesive",
        endface::Zone::Contact => "zone-contact",
        endface::Zone::Outside => "zone-outside",
    })
}

/// The probe's pass/fail overlay in words: passes, or each breach.
pub fn breach_msg(b: &[Breach]) -> Msg {
    if b.is_empty() {
        return Msg::new("probe-pass");
    }
    Msg::new("probe-fail").list(
        "why",
        b.iter()
            .map(|b| match b {
                Breach::Defect(z) => Msg::new("breach-defect").msg("zone", zone_name(*z)),
                Breach::TooManyDefects(z) => {
                    Msg::new("breach-many-defects").msg("zone", zone_name(*z))
                }
                Breach::Scratch(z) => Msg::new("breach-scratch").msg("zone", zone_name(*z)),
                Breach::TooManyScratches(z) => {
                    Msg::new("breach-many-scratches").msg("zone", zone_name(*z))
                }
            })
            .collect(),
    )
}

/// What the trainee sees at a piece with the red light.
pub fn glow_msg(glow: Option<f64>) -> Msg {
    match glow {
        Some(g) if g >= BRIGHT_GLOW_DBM => Msg::new("out-glow-bright"),
        Some(_) => Msg::new("out-glow-faint"),
        None => Msg::new("out-glow-none"),
    }
}

/// The glow in dB for a drawing: 0 (none) to 1 (bright).
pub fn glow_strength(glow: Option<f64>) -> f64 {
    glow.map_or(0.0, |g| {
        ((g - vfl::VISIBLE_DBM) / (BRIGHT_GLOW_DBM - vfl::VISIBLE_DBM)).clamp(0.15, 1.0)
    })
}
