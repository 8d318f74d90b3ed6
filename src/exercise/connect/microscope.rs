//! The microscope station: a face looked at under the probe, cleaned, judged against the
//! standard (IEC 61300-3-35), and only then a connection made; a connector whose face is
//! damaged sent to be replaced. The faces are the link's: every station that mates them
//! (the power meter, the PON meter) reads what was done here.

use serde::{Deserialize, Serialize};

use super::link::{Face, FaceState, LinkWork, Mating, damaged, face_name, no_such, passes};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::Limit;
use crate::physics::endface::{self, Breach, Cleaning, MarkKind};
use crate::rng::SimRng;
use crate::scenario::Mode;
use crate::scenario::connect::InspectTask;

/// A gesture at the microscope and on the connectors.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum MicroscopeAction {
    /// Look at a face under the microscope.
    InspectFace { connector: String, face: Face },
    /// Clean a face.
    CleanFace {
        connector: String,
        face: Face,
        method: Cleaning,
    },
    /// Say whether a face passes the standard.
    JudgeFace {
        connector: String,
        face: Face,
        pass: bool,
    },
    /// Push the plug into the port.
    ConnectPlug { connector: String },
    /// Pull the plug out of the port (to look at both faces).
    Disconnect { connector: String },
    /// Send the connector to be replaced: a new pigtail, a new cord, faces clean.
    ReplaceConnector { connector: String },
}

impl MicroscopeAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            MicroscopeAction::InspectFace { .. } => "act-inspect-face",
            MicroscopeAction::CleanFace { .. } => "act-clean-face",
            MicroscopeAction::JudgeFace { .. } => "act-judge-face",
            MicroscopeAction::ConnectPlug { .. } => "act-connect-plug",
            MicroscopeAction::Disconnect { .. } => "act-disconnect",
            MicroscopeAction::ReplaceConnector { .. } => "act-replace-connector",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`): none here.
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            MicroscopeAction::InspectFace { .. }
            | MicroscopeAction::CleanFace { .. }
            | MicroscopeAction::JudgeFace { .. }
            | MicroscopeAction::ConnectPlug { .. }
            | MicroscopeAction::Disconnect { .. }
            | MicroscopeAction::ReplaceConnector { .. } => vec![],
        }
    }
}

/// The microscope station: the connectors its tasks name. Any face may be looked at,
/// cleaned and judged whatever the tasks (the measurement asks for it too).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Microscope {
    #[serde(skip)]
    pub tasks: Vec<InspectTask>,
}

/// A connection inside the link is unplugged before its faces are looked at or cleaned.
fn refuse_if_plugged(link: &LinkWork, id: &str) -> Result<(), Refusal> {
    match link.connector_index(id) {
        Some(i) if link.connectors[i].plug.is_some() && link.connectors[i].mated.is_some() => {
            Err(no_such("refuse-plugged", id))
        }
        Some(_) | None => Ok(()),
    }
}

impl Microscope {
    /// The connectors the inspection tasks name (indices into the link's connectors).
    pub fn to_inspect(&self, link: &LinkWork) -> Vec<usize> {
        self.tasks
            .iter()
            .flat_map(|t| &t.connectors)
            .filter_map(|id| link.connector_index(id))
            .collect()
    }

    /// What an inspection task asks, as a line.
    pub fn task_line(t: &InspectTask) -> Msg {
        Msg::new("task-inspect").text("ids", t.connectors.join(", "))
    }
}

impl Station for Microscope {
    type Task = Vec<InspectTask>;
    type Action = MicroscopeAction;
    type Shared = LinkWork;

    fn generate(task: &Vec<InspectTask>, _on: &LinkWork, _rng: &mut SimRng) -> Microscope {
        Microscope {
            tasks: task.clone(),
        }
    }

    fn apply(
        &mut self,
        link: &mut LinkWork,
        action: &MicroscopeAction,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        let at = turn.index;
        match action {
            MicroscopeAction::InspectFace { connector, face } => {
                let practice = turn.mode == Mode::Practice;
                refuse_if_plugged(link, connector)?;
                let (_, polish) = link
                    .face(connector, *face)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let f = link.face_mut(connector, *face)?;
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
            MicroscopeAction::CleanFace {
                connector,
                face,
                method,
            } => {
                refuse_if_plugged(link, connector)?;
                let f = link.face_mut(connector, *face)?;
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
            MicroscopeAction::JudgeFace {
                connector,
                face,
                pass,
            } => {
                let (_, polish) = link
                    .face(connector, *face)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let f = link.face_mut(connector, *face)?;
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
            MicroscopeAction::ConnectPlug { connector } => {
                let i = link
                    .connector_index(connector)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let polish = link.setup.connectors[i].kind.polish();
                let changed = link.connectors[i].changed_at;
                let c = &mut link.connectors[i];
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
            MicroscopeAction::Disconnect { connector } => {
                let i = link
                    .connector_index(connector)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                if link.connectors[i].plug.is_none() || link.connectors[i].mated.is_none() {
                    return Err(no_such("refuse-not-connected", connector));
                }
                link.connectors[i].mated = None;
                Ok(Outcome::of(vec![
                    Msg::new("out-disconnect").text("id", connector.clone()),
                ]))
            }
            MicroscopeAction::ReplaceConnector { connector } => {
                let i = link
                    .connector_index(connector)
                    .ok_or_else(|| no_such("refuse-no-connector", connector))?;
                let polish = link.setup.connectors[i].kind.polish();
                let c = &mut link.connectors[i];
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
        }
    }

    /// Each connector to inspect in turn: unplugged if it was connected unseen, each face
    /// looked at, cleaned (or the connector replaced), judged, then connected.
    fn next_step(&self, link: &LinkWork) -> Option<Msg> {
        for &i in &self.to_inspect(link) {
            let id = link.setup.connectors[i].id.clone();
            let polish = link.setup.connectors[i].kind.polish();
            let c = &link.connectors[i];
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
                return Some(Msg::new("hint-unplug").text("id", id));
            }
            for (face, f) in faces {
                if !f.looked_at_as_is(c.changed_at.max(f.cleaned_at)) {
                    return Some(
                        Msg::new("hint-inspect")
                            .text("id", id)
                            .msg("face", face_name(face)),
                    );
                }
                if !passes(&f.marks, polish) {
                    return Some(if damaged(&f.marks, polish) {
                        Msg::new("hint-replace").text("id", id)
                    } else {
                        Msg::new("hint-clean-face")
                            .text("id", id)
                            .msg("face", face_name(face))
                    });
                }
                if f.judged.is_none_or(|j| j.2 < f.inspected_at.unwrap_or(0)) {
                    return Some(
                        Msg::new("hint-judge")
                            .text("id", id)
                            .msg("face", face_name(face)),
                    );
                }
            }
            if c.plug.is_some() && c.mated.is_none() {
                return Some(Msg::new("hint-connect").text("id", id));
            }
        }
        None
    }

    fn task_lines(&self, _link: &LinkWork) -> Vec<Msg> {
        self.tasks.iter().map(Microscope::task_line).collect()
    }
}

pub fn cleaning_name(c: Cleaning) -> Msg {
    Msg::new(match c {
        Cleaning::DryClick => "cleaning-dry-click",
        Cleaning::WetThenDry => "cleaning-wet-dry",
        Cleaning::Reel => "cleaning-reel",
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
