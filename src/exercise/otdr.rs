//! OTDR exercise: the bench (the link with its end connectors, launch and receive cables),
//! acquisitions with the instrument's automatic analysis, and the trainee's acceptance
//! report ("recette").
//!
//! Distances in the report are from connector A, as a correctly set instrument shows them
//! once the launch cable is subtracted. The true link is drawn from the seed and never
//! shown; the analysis works from the trace alone.

use serde::{Deserialize, Serialize};

use serde_json::{Value, json};

use super::{Action, Bench, OtdrAction, Outcome, Progress, Refusal, Summary, Turn};
use crate::i18n::Msg;
use crate::limits;
use crate::math;
use crate::physics::analysis::{Analysis, EventKind, Thresholds, analyse};
use crate::physics::fibre::FibreType;
use crate::physics::link::{ConnectorKind, Element, Link, fresnel_db};
use crate::physics::otdr::{
    Acquisition, PULSE_LADDER_NS, RANGE_LADDER_M, RANGE_MAX_M, Settings, Trace, saturation_db,
};
use crate::rng::{SimRng, stream_for_action};
use crate::scenario::otdr::{ElementSpec, EventType, LinkSpec, SorSpec, TraceSource};
use crate::scenario::{Attachments, Mode, OtdrSetup, Varying};

/// Which end the instrument is plugged into.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Direction {
    /// From end A towards B.
    #[default]
    AtoB,
    BtoA,
}

impl Direction {
    pub fn name(self) -> Msg {
        Msg::new(match self {
            Direction::AtoB => "dir-a-b",
            Direction::BtoA => "dir-b-a",
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Verdict {
    Pass,
    Fail,
}

impl Verdict {
    pub fn of(pass: bool) -> Verdict {
        if pass { Verdict::Pass } else { Verdict::Fail }
    }
    pub fn name(self) -> Msg {
        Msg::new(match self {
            Verdict::Pass => "verdict-pass",
            Verdict::Fail => "verdict-fail",
        })
    }
}

/// The instrument's set-up for one acquisition.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    pub wavelength_nm: f64,
    pub pulse_ns: f64,
    pub range_m: f64,
    pub averaging_s: f64,
    /// Group index setting (IOR).
    pub ior: f64,
    /// Backscatter coefficient setting, dB at 1 ns. Left out: the instrument's default
    /// for the wavelength.
    #[serde(default)]
    pub backscatter_db: Option<f64>,
    #[serde(default)]
    pub direction: Direction,
    /// Launch cable connected between the instrument and the link (and subtracted).
    #[serde(default)]
    pub launch_cable: bool,
    /// Receive cable connected after the far end.
    #[serde(default)]
    pub receive_cable: bool,
}

impl Config {
    pub fn settings(&self) -> Settings {
        Settings {
            wavelength_nm: self.wavelength_nm,
            pulse_ns: self.pulse_ns,
            range_m: self.range_m,
            averaging_s: self.averaging_s,
            ior: self.ior,
            backscatter_db: self
                .backscatter_db
                .unwrap_or_else(|| default_backscatter_db(self.wavelength_nm)),
        }
    }
}

/// The instrument's default backscatter coefficient: standard single-mode fibre's
/// (multimode at 850/1300 nm).
pub fn default_backscatter_db(wavelength_nm: f64) -> f64 {
    default_fibre(wavelength_nm)
        .optics(wavelength_nm)
        .backscatter_db
}

/// The fibre an instrument's defaults are for: multimode at 850 and 1300 nm, standard
/// single-mode otherwise.
fn default_fibre(wavelength_nm: f64) -> FibreType {
    if wavelength_nm < 1000.0 || (wavelength_nm - 1300.0).abs() < 1.0 {
        FibreType::OM3
    } else {
        FibreType::G652D
    }
}

/// The instrument's default group index (IOR) at a wavelength: standard single-mode
/// fibre's at that wavelength (REFERENCE A.2: 1.4677 at 1310 nm, 1.4682 at 1550 nm,
/// 1.4685 at 1625 nm; multimode 1.481 at 850 nm, 1.476 at 1300 nm), as an instrument
/// proposes it per wavelength. The trainee types the cable maker's figure over it.
pub fn default_ior(wavelength_nm: f64) -> f64 {
    default_fibre(wavelength_nm)
        .optics(wavelength_nm)
        .group_index
}

/// Event dead zone of a pulse, m: the pulse's length in the fibre plus the receiver's
/// rise (REFERENCE.md A.4: about 1 m per 10 ns plus 0.3–0.8 m).
pub fn event_dead_zone_m(pulse_ns: f64, ior: f64) -> f64 {
    crate::physics::otdr::C_M_PER_S * pulse_ns * 1e-9 / (2.0 * ior) + 0.5
}

/// The far end must stand this far above the noise (one-way dB) for the end and the
/// last connector to be measured.
pub const MIN_END_SNR_DB: f64 = 10.0;

/// One event of the true link, as the report should give it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrueEvent {
    /// From connector A, m.
    pub distance_m: f64,
    pub kind: EventType,
    /// At the report wavelength (bidirectional average = true loss), dB.
    pub loss_db: f64,
    /// What the acceptance rule limits: the loss, or a splitter's excess over its ideal
    /// split, dB.
    pub rule_db: f64,
    pub reflectance_db: Option<f64>,
    /// Large enough that a report must have it.
    pub must_report: bool,
    /// The right verdict; `None` where no verdict applies (the end of the fibre).
    pub pass: Option<bool>,
    /// So close to its limit that either verdict is defended by a measurement.
    pub borderline: bool,
    /// What a one-way A→B trace shows where the fibre changes across the event (a
    /// different mode field backscatters differently: a gainer or an exaggerated loss,
    /// REFERENCE A.7), dB; `None` when the test is bidirectional (the average gives the
    /// true loss) or the fibre is the same on both sides.
    #[serde(default)]
    pub apparent_db: Option<f64>,
    /// The reflection is strong enough to clip the receiver on any set-up: the
    /// instrument reads only a lower bound of its reflectance (REFERENCE A.3).
    #[serde(default)]
    pub saturates: bool,
}

/// The link as drawn from the seed, in the order from A.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct DrawnLink {
    pub connector: ConnectorKind,
    pub connector_a: (f64, f64),
    pub connector_b: (f64, f64),
    pub launch_m: f64,
    pub receive_m: f64,
    /// Between connector A and connector B.
    pub elements: Vec<Element>,
    /// The events the report should list.
    pub truth: Vec<TrueEvent>,
    /// Connector A to connector B (or to the break), m.
    pub length_m: f64,
    /// Loss from connector A to connector B included, at the report wavelength, dB.
    pub total_loss_db: f64,
    /// Group index of the link's fibre.
    pub group_index: f64,
    pub broken_at_m: Option<f64>,
    pub single_mode: bool,
}

/// A link drawn from a real trace's reference table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SavedTrace {
    pub config: Config,
    pub origin_m: f64,
    pub levels_db: Vec<f64>,
    pub dx_m: f64,
}

/// One acquisition: its set-up and the instrument's automatic analysis.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct AcqRecord {
    pub at_ms: u64,
    /// The log index of the action that took it (its random stream); `None` for a saved
    /// trace.
    pub action_index: Option<usize>,
    pub config: Config,
    /// Display distance of the origin (end of the launch cable), m.
    pub origin_m: f64,
    /// Automatic analysis, distances from the origin.
    pub analysis: Analysis,
    /// Level of the backscatter just before the far end above the noise, one-way dB.
    pub end_snr_db: f64,
}

/// A line of the instrument's event table: the report line it proposes, and what it
/// shows beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct InstrumentLine {
    pub row: ReportRow,
    /// Attenuation of the section before the event, dB/km.
    pub section_db_per_km: Option<f64>,
    /// Loss from the start of the trace up to the event included, dB.
    pub cumulative_db: f64,
    /// The line is a group of events closer than the dead zone, to this distance, m:
    /// its loss is the group's.
    pub group_to_m: Option<f64>,
}

/// Auto set-up: the range holds this many times the length of everything connected.
const AUTO_RANGE_MARGIN: f64 = 1.2;
/// Auto set-up: the shortest pulse it tries, ns.
const AUTO_MIN_PULSE_NS: f64 = 10.0;
/// Auto set-up: how far above [`MIN_END_SNR_DB`] the far end must stand, dB.
const AUTO_SNR_MARGIN_DB: f64 = 3.0;

/// A line of the trainee's acceptance report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ReportRow {
    pub distance_m: f64,
    pub kind: EventType,
    pub loss_db: Option<f64>,
    pub reflectance_db: Option<f64>,
    pub verdict: Option<Verdict>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LinkReport {
    pub length_m: f64,
    pub total_loss_db: f64,
    pub verdict: Verdict,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct OtdrState {
    /// The set-up the bench was drawn from.
    pub setup: OtdrSetup,
    pub link: DrawnLink,
    /// A real trace under analysis (no acquisition then).
    pub saved: Option<SavedTrace>,
    pub acquisitions: Vec<AcqRecord>,
    pub rows: Vec<ReportRow>,
    pub link_report: Option<LinkReport>,
    pub progress: Progress,
    /// Why the saved trace could not be read.
    pub unavailable: Option<Msg>,
}

fn draw(v: &Varying<f64>, rng: &mut SimRng) -> f64 {
    v.draw(rng)
}

fn unmated_reflectance_db(kind: ConnectorKind) -> f64 {
    match kind {
        // An angled end sends its reflection into the cladding.
        ConnectorKind::Apc => -60.0,
        // A flat end in air: Fresnel.
        ConnectorKind::Pc | ConnectorKind::Upc => fresnel_db(1.468),
    }
}

impl DrawnLink {
    /// Draws a link from its spec; a `JobSplice` becomes `job_splice` (the trainee's
    /// splice in a job) and a `JobRoute` `job_route` (the cable as the job's routing
    /// stage laid it); nothing elsewhere, where validation refuses them. `end_b`: the
    /// connector at end B as a job's connecting stage left it (loss, reflectance).
    pub fn generate(
        spec: &LinkSpec,
        setup: &OtdrSetup,
        job_splice: &[Element],
        job_route: &[Element],
        end_b: Option<(f64, f64)>,
        rng: &mut SimRng,
    ) -> DrawnLink {
        let kind = spec.connectors.kind;
        let refl = |v: &Option<Varying<f64>>, k: ConnectorKind, rng: &mut SimRng| match v {
            Some(v) => draw(v, rng),
            None => k.typical_reflectance_db(),
        };
        let connector_a = (
            draw(&spec.connectors.loss_db, rng),
            refl(&spec.connectors.reflectance_db, kind, rng),
        );
        let drawn_b = (
            draw(&spec.connectors.loss_db, rng),
            refl(&spec.connectors.reflectance_db, kind, rng),
        );
        // In a job whose outlet was worked before the test, end B is that outlet as it
        // was left (its face's dirt and damage in its loss and reflectance).
        let connector_b = end_b.unwrap_or(drawn_b);
        let mut elements = Vec::new();
        for e in &spec.elements {
            if let ElementSpec::JobSplice = e {
                elements.extend_from_slice(job_splice);
                continue;
            }
            if let ElementSpec::JobRoute { .. } = e {
                elements.extend_from_slice(job_route);
                continue;
            }
            elements.push(match e {
                ElementSpec::Fibre { fibre, length_m } => Element::Fibre {
                    fibre: *fibre,
                    length_m: draw(length_m, rng),
                },
                ElementSpec::Connector {
                    kind,
                    loss_db,
                    reflectance_db,
                } => Element::Connector {
                    kind: *kind,
                    loss_db: draw(loss_db, rng),
                    reflectance_db: refl(reflectance_db, *kind, rng),
                },
                ElementSpec::FusionSplice { loss_db } => Element::FusionSplice {
                    loss_db: draw(loss_db, rng),
                    loss_1310_db: None,
                },
                ElementSpec::MechanicalSplice {
                    loss_db,
                    reflectance_db,
                } => Element::MechanicalSplice {
                    loss_db: draw(loss_db, rng),
                    reflectance_db: draw(reflectance_db, rng),
                    loss_1310_db: None,
                },
                ElementSpec::Splitter {
                    ports,
                    excess_db,
                    from_output,
                } => Element::Splitter {
                    ports: *ports,
                    excess_db: draw(excess_db, rng),
                    from_output: *from_output,
                },
                ElementSpec::Macrobend { loss_1550_db } => Element::Macrobend {
                    loss_1550_db: draw(loss_1550_db, rng),
                },
                ElementSpec::Break { reflectance_db } => Element::Break {
                    reflectance_db: reflectance_db.as_ref().map(|v| draw(v, rng)),
                },
                ElementSpec::JobSplice | ElementSpec::JobRoute { .. } => continue,
            });
        }
        let first_fibre = elements.iter().find_map(|e| {
            if let Element::Fibre { fibre, .. } = e {
                Some(*fibre)
            } else {
                None
            }
        });
        let fibre = first_fibre.unwrap_or(FibreType::G652D);
        let mut link = DrawnLink {
            connector: kind,
            connector_a,
            connector_b,
            launch_m: spec.launch_cable_m,
            receive_m: spec.receive_cable_m,
            elements,
            truth: Vec::new(),
            length_m: 0.0,
            total_loss_db: 0.0,
            group_index: fibre.optics(setup.report_wavelength()).group_index,
            broken_at_m: None,
            single_mode: fibre.is_single_mode(),
        };
        link.truth(setup);
        link
    }

    /// Fills the true event table, length and total loss.
    fn truth(&mut self, setup: &OtdrSetup) {
        let wl = setup.report_wavelength();
        let th = setup.thresholds;
        // An event with its verdict; `rule_loss` is what the rule limits (a splitter's
        // excess, else its loss).
        let event = |d: f64, kind, loss_db, rule_loss, refl: Option<f64>, must_report| {
            let (pass, borderline) =
                setup
                    .acceptance
                    .judge(kind, rule_loss, refl, &setup.tolerances);
            TrueEvent {
                distance_m: d,
                kind,
                loss_db,
                rule_db: rule_loss,
                reflectance_db: refl,
                must_report,
                pass,
                borderline,
                apparent_db: None,
                saturates: refl.is_some_and(|r| r > saturation_db()),
            }
        };
        let conn = |d: f64, (loss, refl): (f64, f64), must: bool| {
            event(d, EventType::Connector, loss, loss, Some(refl), must)
        };
        let mut truth = vec![conn(0.0, self.connector_a, self.launch_m > 0.0)];
        let mut z = 0.0;
        let mut total = self.connector_a.0;
        let mut broken = None;
        for e in &self.elements {
            let ev = match *e {
                Element::Fibre { fibre, length_m } => {
                    z += length_m;
                    total += fibre.optics(wl).attenuation_db_per_km * length_m / 1000.0;
                    None
                }
                Element::Connector {
                    loss_db,
                    reflectance_db,
                    ..
                } => Some(conn(z, (loss_db, reflectance_db), true)),
                Element::FusionSplice {
                    loss_db,
                    loss_1310_db,
                } => {
                    let loss = Element::splice_loss_db(loss_db, loss_1310_db, wl);
                    Some(event(
                        z,
                        EventType::Splice,
                        loss,
                        loss,
                        None,
                        loss >= th.splice_loss_db,
                    ))
                }
                Element::MechanicalSplice {
                    loss_db,
                    reflectance_db,
                    loss_1310_db,
                } => {
                    let loss = Element::splice_loss_db(loss_db, loss_1310_db, wl);
                    Some(event(
                        z,
                        EventType::MechanicalSplice,
                        loss,
                        loss,
                        Some(reflectance_db),
                        true,
                    ))
                }
                Element::Splitter {
                    ports, excess_db, ..
                } => {
                    let ideal = 10.0 * math::log10(ports.max(1) as f64);
                    Some(event(
                        z,
                        EventType::Splitter,
                        ideal + excess_db,
                        excess_db,
                        None,
                        true,
                    ))
                }
                Element::Macrobend { loss_1550_db } => {
                    let loss = Element::macrobend_loss_db(loss_1550_db, wl);
                    Some(event(z, EventType::Bend, loss, loss, None, true))
                }
                Element::Break { reflectance_db } => {
                    broken = Some(z);
                    Some(event(z, EventType::Break, 0.0, 0.0, reflectance_db, true))
                }
                Element::End { .. } => None,
            };
            if let Some(ev) = ev {
                total += ev.loss_db;
                truth.push(ev);
            }
            if broken.is_some() {
                break;
            }
        }
        if broken.is_none() {
            let b = if self.receive_m > 0.0 {
                total += self.connector_b.0;
                conn(z, self.connector_b, true)
            } else {
                // Without a receive cable the far connector is the end of the fibre: its
                // loss cannot be measured.
                let refl = Some(unmated_reflectance_db(self.connector));
                event(z, EventType::End, 0.0, 0.0, refl, true)
            };
            truth.push(b);
        }
        if !setup.bidirectional {
            self.one_way_readings(&mut truth, setup);
        }
        self.truth = truth;
        self.length_m = z;
        self.total_loss_db = total;
        self.broken_at_m = broken;
    }

    /// The loss a one-way A→B trace shows at each event where the fibre changes: the
    /// true loss plus half the step between the two fibres' backscatter coefficients
    /// (the bench's launch and receive cables are G.652.D). A verdict that the shown
    /// loss would turn is one a measurement defends: the event is borderline.
    fn one_way_readings(&self, truth: &mut [TrueEvent], setup: &OtdrSetup) {
        let wl = setup.report_wavelength();
        let k = |f: FibreType| f.optics(wl).backscatter_db;
        // The fibre on each side of every position along the link.
        let mut fibres: Vec<(f64, f64, FibreType)> = Vec::new();
        let mut z = 0.0;
        for e in &self.elements {
            if let Element::Fibre { fibre, length_m } = *e {
                fibres.push((z, z + length_m, fibre));
                z += length_m;
            }
        }
        let bench = FibreType::G652D;
        let before = |d: f64| {
            fibres
                .iter()
                .rev()
                .find(|(_, b, _)| *b <= d + 1e-9)
                .map(|f| f.2)
                .or((self.launch_m > 0.0).then_some(bench))
        };
        let after = |d: f64| {
            fibres
                .iter()
                .find(|(a, _, _)| *a >= d - 1e-9)
                .map(|f| f.2)
                .or((self.receive_m > 0.0).then_some(bench))
        };
        for t in truth.iter_mut() {
            if matches!(t.kind, EventType::End | EventType::Break) {
                continue;
            }
            let (Some(x), Some(y)) = (before(t.distance_m), after(t.distance_m)) else {
                continue;
            };
            let step = (k(x) - k(y)) / 2.0;
            if step.abs() < 0.005 {
                continue;
            }
            let shown = t.loss_db + step;
            t.apparent_db = Some(shown);
            let (pass, _) = setup.acceptance.judge(
                t.kind,
                t.rule_db + step,
                t.reflectance_db,
                &setup.tolerances,
            );
            if pass != t.pass {
                t.borderline = true;
            }
        }
    }

    fn fibre(len: f64) -> Element {
        Element::Fibre {
            fibre: FibreType::G652D,
            length_m: len,
        }
    }

    /// The link the instrument sees, and the display distance of the origin.
    pub fn assemble(&self, c: &Config) -> (Link, f64) {
        let kind = self.connector;
        let mated = |(loss_db, reflectance_db): (f64, f64)| Element::Connector {
            kind,
            loss_db,
            reflectance_db,
        };
        let (near, far) = match c.direction {
            Direction::AtoB => (self.connector_a, self.connector_b),
            Direction::BtoA => (self.connector_b, self.connector_a),
        };
        let mut el = Vec::new();
        let mut origin = 0.0;
        if c.launch_cable && self.launch_m > 0.0 {
            // The instrument's port mated with the launch cable.
            el.push(Element::Connector {
                kind: ConnectorKind::Apc,
                loss_db: 0.1,
                reflectance_db: -60.0,
            });
            el.push(Self::fibre(self.launch_m));
            let n = FibreType::G652D.optics(c.wavelength_nm).group_index;
            origin = self.launch_m * n / c.ior;
        }
        el.push(mated(near));
        let middle: Vec<Element> = match c.direction {
            Direction::AtoB => self.elements.clone(),
            Direction::BtoA => self
                .elements
                .iter()
                .rev()
                .map(|e| match *e {
                    // Seen from the other side.
                    Element::Splitter {
                        ports,
                        excess_db,
                        from_output,
                    } => Element::Splitter {
                        ports,
                        excess_db,
                        from_output: !from_output,
                    },
                    // Everything else looks the same from either end.
                    Element::Fibre { .. }
                    | Element::Connector { .. }
                    | Element::FusionSplice { .. }
                    | Element::MechanicalSplice { .. }
                    | Element::Macrobend { .. }
                    | Element::Break { .. }
                    | Element::End { .. } => e.clone(),
                })
                .collect(),
        };
        el.extend(middle);
        if c.receive_cable && self.receive_m > 0.0 {
            el.push(mated(far));
            el.push(Self::fibre(self.receive_m));
            el.push(Element::End {
                reflectance_db: Some(unmated_reflectance_db(kind)),
            });
        } else {
            el.push(Element::End {
                reflectance_db: Some(unmated_reflectance_db(kind)),
            });
        }
        (Link { elements: el }, origin)
    }

    /// Display distance (from the instrument's port) of the far end of the link under
    /// test and of the end of everything connected.
    fn far_ends_display(&self, c: &Config) -> (f64, f64) {
        let (link, _) = self.assemble(c);
        let p = link.profile(c.wavelength_nm);
        let mut far_link = 0.0;
        let mut d = 0.0;
        let launch = if c.launch_cable && self.launch_m > 0.0 {
            self.launch_m
        } else {
            0.0
        };
        for s in &p.sections {
            let len = s.end_m.min(p.end_m) - s.start_m;
            if len <= 0.0 {
                break;
            }
            let scale = s.optics.group_index / c.ior;
            if s.start_m + 1e-9 >= launch && s.end_m <= launch + self.length_m + 1e-6 {
                far_link = d + len * scale;
            }
            d += len * scale;
        }
        (far_link, d)
    }
}

impl SavedTrace {
    fn trace(&self) -> Trace {
        let c = &self.config;
        Trace {
            settings: c.settings(),
            averaged_s: c.averaging_s,
            dx_m: self.dx_m,
            levels_db: self.levels_db.clone(),
            saturation_db: 0.0,
            noise_db: self.levels_db.iter().copied().fold(0.0, f64::min),
        }
    }
}

/// The saved trace a scenario names, from the files kept with it; or why it cannot start.
pub fn load_saved(spec: &SorSpec, attachments: &Attachments) -> Result<SavedTrace, Msg> {
    let bytes = attachments
        .0
        .get(&spec.file)
        .ok_or_else(|| Msg::new("sor-missing").text("file", spec.file.clone()))?;
    let t = crate::sor::saved_trace(bytes, &spec.file)?;
    Ok(SavedTrace {
        config: Config {
            wavelength_nm: t.wavelength_nm,
            pulse_ns: t.pulse_ns,
            range_m: t.dx_m * t.levels_db.len() as f64,
            averaging_s: t.averaging_s,
            ior: t.group_index,
            backscatter_db: Some(t.backscatter_db),
            direction: Direction::AtoB,
            launch_cable: spec.origin_m > 0.0,
            receive_cable: false,
        },
        origin_m: spec.origin_m,
        levels_db: t.levels_db,
        dx_m: t.dx_m,
    })
}

fn saved_truth(spec: &SorSpec, setup: &OtdrSetup) -> DrawnLink {
    let truth = spec
        .reference
        .iter()
        .map(|r| {
            let loss = r.loss_db.unwrap_or(0.0);
            let (pass, borderline) = if r.kind == EventType::Splitter {
                // A reference table gives no port count, hence no excess: either
                // verdict is accepted.
                (Some(true), true)
            } else {
                setup
                    .acceptance
                    .judge(r.kind, loss, r.reflectance_db, &setup.tolerances)
            };
            TrueEvent {
                distance_m: r.distance_m,
                kind: r.kind,
                loss_db: loss,
                rule_db: loss,
                reflectance_db: r.reflectance_db,
                must_report: true,
                pass,
                borderline,
                // The trainer's table already gives what the trace shows.
                apparent_db: None,
                saturates: false,
            }
        })
        .collect();
    DrawnLink {
        connector: ConnectorKind::Upc,
        connector_a: (0.0, 0.0),
        connector_b: (0.0, 0.0),
        launch_m: spec.origin_m,
        receive_m: 0.0,
        elements: Vec::new(),
        truth,
        length_m: spec.length_m,
        total_loss_db: spec.total_loss_db,
        group_index: 0.0,
        broken_at_m: spec
            .reference
            .iter()
            .find(|r| r.kind == EventType::Break)
            .map(|r| r.distance_m),
        single_mode: true,
    }
}

/// Shifts an analysis to distances from `origin_m` and drops what lies inside the launch
/// cable (its start and the port).
fn from_origin(mut a: Analysis, origin_m: f64, dx: f64) -> Analysis {
    if origin_m > 0.0 {
        let margin = 2.0 + 2.0 * dx;
        a.events.retain(|e| e.distance_m >= origin_m - margin);
    }
    for e in &mut a.events {
        e.distance_m -= origin_m;
    }
    if let Some(end) = a.end_m.as_mut() {
        *end -= origin_m;
    }
    a
}

impl Bench for OtdrState {
    type Setup = OtdrSetup;

    /// Draws the bench. A saved trace that cannot be read (the loader refuses such a
    /// scenario first) leaves the exercise without a trace and says why.
    fn generate(setup: &OtdrSetup, files: &Attachments, rng: &mut SimRng) -> OtdrState {
        let mut unavailable = None;
        let (link, saved) = match &setup.source {
            TraceSource::Link(spec) => {
                (DrawnLink::generate(spec, setup, &[], &[], None, rng), None)
            }
            TraceSource::SorFile(spec) => match load_saved(spec, files) {
                Ok(s) => (saved_truth(spec, setup), Some(s)),
                Err(m) => {
                    unavailable = Some(m);
                    (saved_truth(spec, setup), None)
                }
            },
        };
        let mut st = OtdrState::on_link(setup, link);
        st.unavailable = unavailable;
        if let Some(s) = saved {
            let trace = s.trace();
            let th: Thresholds = setup.thresholds.into();
            let analysis = from_origin(analyse(&trace, &th), s.origin_m, s.dx_m);
            st.acquisitions.push(AcqRecord {
                at_ms: 0,
                action_index: None,
                config: s.config.clone(),
                origin_m: s.origin_m,
                analysis,
                end_snr_db: f64::INFINITY,
            });
            st.saved = Some(s);
        }
        st
    }

    fn apply(&mut self, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Some(a) = action.otdr() else {
            return Err(Refusal::wrong_module());
        };
        self.step(a, t)
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        Ok(self.next_measurement())
    }

    fn task_lines(&self) -> Vec<Msg> {
        let setup = &self.setup;
        let wl: Vec<String> = setup.wavelengths.iter().map(|w| format!("{w}")).collect();
        let key = if setup.bidirectional && self.saved.is_none() {
            "task-otdr-measure-bidir"
        } else {
            "task-otdr-measure"
        };
        let mut out = vec![Msg::new(key).text("wl", wl.join(" / "))];
        if self.link.launch_m > 0.0 {
            out.push(
                Msg::new("task-otdr-cables")
                    .num("launch", self.link.launch_m, 0)
                    .num("receive", self.link.receive_m, 0),
            );
        }
        if self.saved.is_some() {
            out.push(Msg::new("task-otdr-saved"));
        }
        out.push(Msg::new("task-otdr-report").num("wl", setup.report_wavelength(), 0));
        out
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        Summary {
            drawn: serde_json::to_value(&self.link).unwrap_or(Value::Null),
            key: "otdr",
            result: self.work_json(),
        }
    }
}

impl OtdrState {
    /// The acquisitions, the report lines and the link result, as data.
    pub fn work_json(&self) -> Value {
        json!({
            "acquisitions": serde_json::to_value(&self.acquisitions).unwrap_or(Value::Null),
            "report": serde_json::to_value(&self.rows).unwrap_or(Value::Null),
            "link": serde_json::to_value(&self.link_report).unwrap_or(Value::Null),
        })
    }

    /// A bench on a link already drawn (a job's test stage).
    pub fn on_link(setup: &OtdrSetup, link: DrawnLink) -> OtdrState {
        OtdrState {
            setup: setup.clone(),
            link,
            saved: None,
            acquisitions: Vec::new(),
            rows: Vec::new(),
            link_report: None,
            progress: Progress::default(),
            unavailable: None,
        }
    }

    /// The acquisition `i` again, with its noise, for live averaging on screen.
    pub fn acquisition(&self, seed: u64, i: usize) -> Option<Acquisition> {
        let r = self.acquisitions.get(i)?;
        let index = r.action_index?;
        let (link, _) = self.link.assemble(&r.config);
        let mut rng = SimRng::new(seed, stream_for_action(index));
        Some(Acquisition::new(&link, &r.config.settings(), &mut rng))
    }

    /// The finished trace of acquisition `i`.
    pub fn trace(&self, seed: u64, i: usize) -> Option<Trace> {
        if let Some(s) = &self.saved {
            return (i == 0).then(|| s.trace());
        }
        let a = self.acquisition(seed, i)?;
        Some(a.trace_at(a.settings.averaging_s))
    }

    /// Display distances of the far end of the link and of the end of everything
    /// connected, for a set-up.
    pub fn link_far_ends(&self, c: &Config) -> (f64, f64) {
        self.link.far_ends_display(c)
    }

    /// The link's span as the instrument measures it on one acquisition, from the trace
    /// alone and the receive cable's nominal length (entered on a real instrument): the
    /// end of the fibre, less the receive cable when one was connected. A B→A trace is
    /// mirrored onto the A→B distances with it, as bidirectional software does.
    pub fn measured_span_m(&self, r: &AcqRecord) -> Option<f64> {
        let end = r.analysis.end_m?;
        let cable = if r.config.receive_cable && self.link.receive_m > 0.0 {
            self.link.receive_m * FibreType::G652D.optics(r.config.wavelength_nm).group_index
                / r.config.ior
        } else {
            0.0
        };
        Some(end - cable).filter(|s| *s > 0.0)
    }

    /// The instrument the bench has: single-mode wavelengths or multimode ones.
    pub fn wavelengths_offered(&self) -> &'static [f64] {
        crate::physics::otdr::wavelengths_offered(self.link.single_mode)
    }

    /// The last acquisition at a wavelength in a direction.
    pub fn last(&self, wavelength_nm: f64, dir: Direction) -> Option<&AcqRecord> {
        self.acquisitions
            .iter()
            .rev()
            .find(|a| a.config.wavelength_nm == wavelength_nm && a.config.direction == dir)
    }

    fn step(&mut self, action: &OtdrAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let (mode, index, at_ms) = (t.mode, t.index, t.at_ms);
        let rng = &mut *t.rng;
        let refuse = |m: Msg| Err(Refusal::new(m));
        let mut out = Outcome::default();
        match action {
            OtdrAction::Acquire(c) => {
                if let Some(m) = &self.unavailable {
                    return refuse(m.clone());
                }
                if self.saved.is_some() {
                    return refuse(Msg::new("refuse-otdr-saved"));
                }
                self.check_config(c)?;
                let (link, origin) = self.link.assemble(c);
                let settings = c.settings();
                let acq = Acquisition::new(&link, &settings, rng);
                let trace = acq.trace_at(settings.averaging_s);
                let th: Thresholds = self.setup.thresholds.into();
                let analysis = from_origin(analyse(&trace, &th), origin, trace.dx_m);
                let (far, _) = self.link.far_ends_display(c);
                let before = (far - event_dead_zone_m(c.pulse_ns, c.ior) - 2.0).max(0.0);
                let end_snr_db = acq.snr_db_at(before);
                out.msgs.push(
                    Msg::new("out-otdr-acquired")
                        .num("wl", c.wavelength_nm, 0)
                        .num("pulse", c.pulse_ns, 0)
                        .num("s", c.averaging_s, 0),
                );
                if mode == Mode::Practice {
                    out.msgs
                        .push(Msg::new("out-otdr-events").int("n", analysis.events.len() as u32));
                }
                self.acquisitions.push(AcqRecord {
                    at_ms,
                    action_index: Some(index),
                    config: c.clone(),
                    origin_m: origin,
                    analysis,
                    end_snr_db,
                });
            }
            OtdrAction::ReportEvent {
                distance_m,
                kind,
                loss_db,
                reflectance_db,
                verdict,
            } => {
                let d = *distance_m;
                if !limits::REPORT_DISTANCE_M.contains(d) {
                    return refuse(Msg::new("refuse-otdr-distance"));
                }
                if loss_db.is_some_and(|l| !limits::REPORT_LOSS_DB.contains(l)) {
                    return refuse(Msg::new("refuse-otdr-loss"));
                }
                if reflectance_db.is_some_and(|r| !limits::REPORT_REFLECTANCE_DB.contains(r)) {
                    return refuse(Msg::new("refuse-otdr-reflectance"));
                }
                let row = ReportRow {
                    distance_m: d,
                    kind: *kind,
                    loss_db: *loss_db,
                    reflectance_db: *reflectance_db,
                    verdict: *verdict,
                };
                let at = self.rows.partition_point(|r| r.distance_m <= d);
                self.rows.insert(at, row);
                out.msgs.push(
                    Msg::new("out-otdr-row")
                        .int("n", at as u32 + 1)
                        .msg("kind", kind.name())
                        .num("d", d, 1),
                );
            }
            OtdrAction::RemoveReportEvent { number } => {
                let n = *number as usize;
                if n == 0 || n > self.rows.len() {
                    return refuse(Msg::new("refuse-otdr-no-row").int("n", *number));
                }
                self.rows.remove(n - 1);
                out.msgs
                    .push(Msg::new("out-otdr-row-removed").int("n", *number));
            }
            OtdrAction::TakeTable { trace } => {
                let n = *trace as usize;
                let Some(r) = n.checked_sub(1).and_then(|i| self.acquisitions.get(i)) else {
                    return refuse(Msg::new("refuse-otdr-no-trace").int("n", *trace));
                };
                self.rows = self.instrument_table(r);
                out.msgs.push(
                    Msg::new("out-otdr-table")
                        .int("n", *trace)
                        .int("rows", self.rows.len() as u32),
                );
            }
            OtdrAction::SetVerdict { number, verdict } => {
                let n = *number as usize;
                let Some(row) = n.checked_sub(1).and_then(|i| self.rows.get_mut(i)) else {
                    return refuse(Msg::new("refuse-otdr-no-row").int("n", *number));
                };
                if row.kind == EventType::End {
                    return refuse(Msg::new("refuse-otdr-end-verdict"));
                }
                row.verdict = Some(*verdict);
                out.msgs.push(
                    Msg::new("out-otdr-verdict")
                        .int("n", *number)
                        .msg("verdict", verdict.name()),
                );
            }
            OtdrAction::ReportLink {
                length_m,
                total_loss_db,
                verdict,
            } => {
                if !limits::REPORT_LINK_LENGTH_M.contains(*length_m) {
                    return refuse(Msg::new("refuse-otdr-distance"));
                }
                if !limits::REPORT_TOTAL_LOSS_DB.contains(*total_loss_db) {
                    return refuse(Msg::new("refuse-otdr-loss"));
                }
                self.link_report = Some(LinkReport {
                    length_m: *length_m,
                    total_loss_db: *total_loss_db,
                    verdict: *verdict,
                });
                out.msgs.push(Msg::new("out-otdr-link"));
            }
        }
        Ok(out)
    }

    fn check_config(&self, c: &Config) -> Result<(), Refusal> {
        let bad = |key: &str| Err(Refusal::new(Msg::new(key)));
        if !self.wavelengths_offered().contains(&c.wavelength_nm) {
            let list: Vec<String> = self
                .wavelengths_offered()
                .iter()
                .map(|w| format!("{w}"))
                .collect();
            return Err(Refusal::new(
                Msg::new("refuse-otdr-wavelength")
                    .num("wl", c.wavelength_nm, 0)
                    .text("list", list.join(", ")),
            ));
        }
        if !PULSE_LADDER_NS.contains(&c.pulse_ns) {
            return bad("refuse-otdr-pulse");
        }
        if !limits::OTDR_RANGE_M.contains(c.range_m) {
            return bad("refuse-otdr-range");
        }
        if !limits::AVERAGING_S.contains(c.averaging_s) {
            return bad("refuse-otdr-averaging");
        }
        if !limits::IOR.contains(c.ior) {
            return bad("refuse-otdr-ior");
        }
        if c.backscatter_db
            .is_some_and(|k| !limits::BACKSCATTER_DB.contains(k))
        {
            return bad("refuse-otdr-backscatter");
        }
        Ok(())
    }

    /// The instrument's event table of one acquisition as report lines, distances from
    /// connector A (a B→A trace mirrored on its measured span), in distance order, with
    /// the verdicts of its pass/fail thresholds (the scenario's acceptance rules applied
    /// to its own readings). It names types as an instrument does: it cannot tell a
    /// ghost from a connector, nor a splitter from a bad splice. A line whose loss it
    /// could not read gets no verdict: the technician decides.
    pub fn instrument_table(&self, r: &AcqRecord) -> Vec<ReportRow> {
        self.instrument_lines(r)
            .into_iter()
            .map(|l| l.row)
            .collect()
    }

    /// [`Self::instrument_table`] with what the instrument shows beside each line.
    pub fn instrument_lines(&self, r: &AcqRecord) -> Vec<InstrumentLine> {
        let span_m = self.measured_span_m(r);
        // With a receive cable, the link ends at connector B: what lies beyond is the
        // cable's, which the instrument leaves out once it knows the cable's length.
        let receive = r.config.receive_cable && self.link.receive_m > 0.0;
        let margin = event_dead_zone_m(r.config.pulse_ns, r.config.ior) + 2.0;
        let events: Vec<_> = r
            .analysis
            .events
            .iter()
            .filter(|e| !receive || span_m.is_none_or(|s| e.distance_m <= s + margin))
            .collect();
        let n = events.len();
        let span = match r.config.direction {
            Direction::AtoB => None,
            Direction::BtoA => span_m,
        };
        let a = &self.setup.acceptance;
        let tol = &self.setup.tolerances;
        let mut lines: Vec<InstrumentLine> = events
            .iter()
            .enumerate()
            .map(|(k, e)| {
                let kind = default_type(e.kind, k + 1 == n && !receive);
                let d = span.map_or(e.distance_m, |s| s - e.distance_m);
                let reflectance_db = e.reflectance_db.map(|x| round_to(x, 10.0));
                let loss_db = e.loss_db.map(|x| round_to(x, 1000.0));
                let verdict = match (kind, loss_db) {
                    (EventType::End, _) | (_, None) => None,
                    (_, Some(l)) => a.judge(kind, l, reflectance_db, tol).0.map(Verdict::of),
                };
                InstrumentLine {
                    row: ReportRow {
                        distance_m: round_to(d, 10.0),
                        kind,
                        loss_db,
                        reflectance_db,
                        verdict,
                    },
                    section_db_per_km: e.section_db_per_km,
                    cumulative_db: e.cumulative_loss_db,
                    group_to_m: e
                        .group_end_m
                        .map(|g| round_to(span.map_or(g, |s| s - g), 10.0)),
                }
            })
            .collect();
        lines.sort_by(|p, q| p.row.distance_m.total_cmp(&q.row.distance_m));
        lines
    }

    /// The instrument's Auto set-up, as a quick first shot finds the end of everything
    /// connected: the shortest range that holds it with a margin, and the shortest pulse
    /// (from 10 ns) that brings the far end of the link well out of the noise in the
    /// averaging time asked. It chooses for the far end only: close events may still
    /// need a shorter pulse, which is the technician's call.
    pub fn auto_config(&self, base: &Config) -> Config {
        let mut c = base.clone();
        let (_, end) = self.link.far_ends_display(&c);
        c.range_m = RANGE_LADDER_M
            .iter()
            .copied()
            .find(|r| *r >= AUTO_RANGE_MARGIN * end)
            .unwrap_or(RANGE_MAX_M);
        let (link, _) = self.link.assemble(&c);
        // The pre-shot's own noise does not matter: only the noiseless level is read.
        let mut rng = SimRng::new(0, 0);
        for p in PULSE_LADDER_NS
            .iter()
            .copied()
            .filter(|p| *p >= AUTO_MIN_PULSE_NS)
        {
            c.pulse_ns = p;
            let acq = Acquisition::new(&link, &c.settings(), &mut rng);
            let (far, _) = self.link.far_ends_display(&c);
            let before = (far - event_dead_zone_m(p, c.ior) - 2.0).max(0.0);
            if acq.snr_db_at(before) >= MIN_END_SNR_DB + AUTO_SNR_MARGIN_DB {
                break;
            }
        }
        c
    }

    /// The next sensible step, in plain words (practice mode).
    pub fn next_measurement(&self) -> Msg {
        let setup = &self.setup;
        if self.acquisitions.is_empty() {
            let total = self.link.launch_m + self.link.length_m + self.link.receive_m;
            return Msg::new("hint-otdr-first").num("km", total / 1000.0, 1);
        }
        for wl in &setup.wavelengths {
            for dir in self.directions() {
                if self.last(*wl, dir).is_none() {
                    return Msg::new("hint-otdr-missing")
                        .num("wl", *wl, 0)
                        .msg("dir", dir.name());
                }
            }
        }
        if self.rows.is_empty() {
            return Msg::new("hint-otdr-rows");
        }
        if self.link_report.is_none() {
            return Msg::new("hint-otdr-link");
        }
        Msg::new("hint-otdr-finish")
    }

    pub fn directions(&self) -> Vec<Direction> {
        if self.setup.bidirectional && self.saved.is_none() {
            vec![Direction::AtoB, Direction::BtoA]
        } else {
            vec![Direction::AtoB]
        }
    }
}

/// `x` to the nearest multiple of `1 / per_unit` (10.0: a tenth).
fn round_to(x: f64, per_unit: f64) -> f64 {
    (x * per_unit).round() / per_unit
}

/// The kinds of event the analysis gives, as a report names them by default.
pub fn default_type(kind: EventKind, is_last: bool) -> EventType {
    match kind {
        EventKind::End => EventType::End,
        _ if is_last => EventType::End,
        EventKind::Reflective | EventKind::Saturated => EventType::Connector,
        EventKind::NonReflective => EventType::Splice,
    }
}
