//! The fitting station: a field-installable connector fitted on the fibre at an end of
//! the link (stripped, cleaned, cleaved at the connector's gauge, pushed in until it
//! bows, crimped: a mechanical splice onto the factory-polished stub in its ferrule). The
//! joint it makes is written into the link, where every instrument reads it.

use serde::{Deserialize, Serialize};

use super::link::{LinkWork, no_such};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, CLEAVE_LENGTH_MM, Limit};
use crate::physics::fibre::FibreType;
use crate::physics::splice::{EndFace, MechanicalJoint};
use crate::rng::SimRng;
use crate::scenario::connect::FitConnectorTask;

/// A field cleaver's angle: |N(0, σ)| + a floor, degrees (teaching value [U]: a
/// handheld field cleaver keeps most cleaves under 1°).
pub const FIELD_CLEAVE_SIGMA_DEG: f64 = 0.35;
/// A fibre pushed in without the bow that keeps it on the stub backs off this far, µm
/// (teaching value [U]).
pub const NO_BOW_GAP_UM: f64 = 20.0;

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

/// A gesture of fitting.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum FittingAction {
    /// A step of fitting a field connector on the fibre at `connector`.
    FieldStep { connector: String, step: FieldStep },
}

impl FittingAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            FittingAction::FieldStep { .. } => "act-field-step",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            FittingAction::FieldStep { step, .. } => match step {
                FieldStep::Cleave { length_mm } => {
                    vec![("step.length_mm", *length_mm, &limits::CLEAVE_LENGTH_MM)]
                }
                FieldStep::Strip
                | FieldStep::Clean
                | FieldStep::Insert { .. }
                | FieldStep::Crimp
                | FieldStep::CutOff => vec![],
            },
        }
    }
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

/// The fitting station: its tasks, and each connector's fitting by the tasks' order.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Fitting {
    #[serde(skip)]
    pub tasks: Vec<FitConnectorTask>,
    pub works: Vec<FieldWork>,
}

impl Fitting {
    /// Which task fits the connector `id`.
    pub fn task_of(&self, id: &str) -> Option<usize> {
        self.tasks.iter().position(|t| t.connector == id)
    }

    /// The connectors the tasks fit, for the link.
    pub fn connectors(tasks: &[FitConnectorTask]) -> Vec<String> {
        tasks.iter().map(|t| t.connector.clone()).collect()
    }

    /// What a task asks, as a line.
    pub fn task_line(t: &FitConnectorTask) -> Msg {
        Msg::new("task-fit-connector")
            .text("id", t.connector.clone())
            .num("mm", t.gauge_mm, 1)
    }

    fn step(
        &mut self,
        link: &mut LinkWork,
        id: &str,
        step: FieldStep,
        rng: &mut SimRng,
    ) -> Result<Outcome, Refusal> {
        let k = self
            .task_of(id)
            .ok_or_else(|| no_such("refuse-no-field", id))?;
        let FitConnectorTask {
            gauge_mm: gauge,
            fibre,
            ..
        } = self.tasks[k].clone();
        let w = &mut self.works[k];
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
                let draws = crate::exercise::splice::draw_fusion(rng);
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
            self.works[k].steps.push(step);
        }
        // The link carries the joint as the connector now is (none once cut off).
        if let Some(f) = link.field.iter_mut().find(|f| f.connector == id) {
            f.joint = self.works[k].joint.clone();
        }
        Ok(Outcome::of(vec![msg]))
    }
}

impl Station for Fitting {
    type Task = Vec<FitConnectorTask>;
    type Action = FittingAction;
    type Shared = LinkWork;

    fn generate(task: &Vec<FitConnectorTask>, _on: &LinkWork, _rng: &mut SimRng) -> Fitting {
        Fitting {
            tasks: task.clone(),
            works: task.iter().map(|_| FieldWork::default()).collect(),
        }
    }

    fn apply(
        &mut self,
        link: &mut LinkWork,
        action: &FittingAction,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match action {
            FittingAction::FieldStep { connector, step } => {
                self.step(link, connector, *step, turn.rng)
            }
        }
    }

    /// Each connector in turn: stripped, cleaned and cleaved at its gauge, inserted,
    /// crimped.
    fn next_step(&self, _link: &LinkWork) -> Option<Msg> {
        for (t, w) in self.tasks.iter().zip(&self.works) {
            let next = if !w.steps.iter().any(|s| matches!(s, FieldStep::Strip)) {
                Some(Msg::new("hint-field-strip"))
            } else if w.end.is_none() {
                Some(Msg::new("hint-field-clean-cleave").num("mm", t.gauge_mm, 1))
            } else if w.bowed.is_none() {
                Some(Msg::new("hint-field-insert"))
            } else if w.joint.is_none() {
                Some(Msg::new("hint-field-crimp"))
            } else {
                None
            };
            if let Some(m) = next {
                return Some(m.text("id", t.connector.clone()));
            }
        }
        None
    }

    fn task_lines(&self, _link: &LinkWork) -> Vec<Msg> {
        self.tasks.iter().map(Fitting::task_line).collect()
    }
}
