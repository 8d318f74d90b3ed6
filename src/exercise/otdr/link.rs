//! The OTDR's link as drawn from the seed: its elements between connector A and
//! connector B (a job's splice and laid cable among them), and the events the report
//! should list, with their true losses and verdicts.

use serde::{Deserialize, Serialize};

use super::*;
use crate::physics::fibre::FibreType;
use crate::physics::link::{ConnectorKind, Element, Link, fresnel_db};
use crate::rng::SimRng;
use crate::scenario::otdr::{ElementSpec, EventType, LinkSpec};
use crate::scenario::{OtdrSetup, Varying};

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

pub(super) fn draw(v: &Varying<f64>, rng: &mut SimRng) -> f64 {
    v.draw(rng)
}

pub(super) fn unmated_reflectance_db(kind: ConnectorKind) -> f64 {
    match kind {
        // An angled end sends its reflection into the cladding.
        ConnectorKind::Apc => -60.0,
        // A flat end in air: Fresnel.
        ConnectorKind::Pc | ConnectorKind::Upc => fresnel_db(1.468),
    }
}

/// What a job's earlier stages made in the link the OTDR stage tests.
#[derive(Clone, Copy, Debug, Default)]
pub struct JobWork<'a> {
    /// The trainee's splice on the fibre under test, where the spec puts `JobSplice`.
    pub splice: &'a [Element],
    /// The cable as the routing stage laid it, where the spec puts `JobRoute`.
    pub route: &'a [Element],
    /// With a connecting stage (`JobLine`): its line from the trainee's splice to the
    /// outlet, after the spec's own elements (the way in).
    pub line: &'a [Element],
    /// The connector at end B as the connecting stage left it (loss, reflectance).
    pub end_b: Option<(f64, f64)>,
}

impl DrawnLink {
    /// Draws a link from its spec, with what a job's earlier stages made in it (none
    /// outside a job: [`JobWork::default`]).
    pub fn generate(
        spec: &LinkSpec,
        setup: &OtdrSetup,
        job: &JobWork<'_>,
        rng: &mut SimRng,
    ) -> DrawnLink {
        let JobWork {
            splice: job_splice,
            route: job_route,
            line,
            end_b,
        } = *job;
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
        elements.extend_from_slice(line);
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
    pub(crate) fn truth(&mut self, setup: &OtdrSetup) {
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
                    ports,
                    excess_db,
                    from_output,
                } => {
                    let ideal = 10.0 * math::log10(ports.max(1) as f64);
                    let mut ev = event(
                        z,
                        EventType::Splitter,
                        ideal + excess_db,
                        excess_db,
                        None,
                        true,
                    );
                    // Seen from its input (the exchange's side) the trace steps only
                    // half the split (its N outputs all send their backscatter back):
                    // 5·log10(N) plus the excess; from an output, its whole loss; the
                    // two directions averaged, 7.5·log10(N) plus the excess.
                    ev.apparent_db = match (setup.bidirectional, from_output) {
                        (true, _) => Some(0.75 * ideal + excess_db),
                        (false, false) => Some(0.5 * ideal + excess_db),
                        (false, true) => None,
                    };
                    Some(ev)
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
    pub(crate) fn one_way_readings(&self, truth: &mut [TrueEvent], setup: &OtdrSetup) {
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
            let shown = t.apparent_db.unwrap_or(t.loss_db) + step;
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

    pub(crate) fn fibre(len: f64) -> Element {
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
    pub(crate) fn far_ends_display(&self, c: &Config) -> (f64, f64) {
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
