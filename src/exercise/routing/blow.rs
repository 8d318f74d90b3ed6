//! The blowing station: the cable chosen for a microduct among those offered, pulled or
//! blown as the route's length calls for, the duct pressure-tested, then the cable blown
//! in at a pressure the compressor gives (ROUTING R-10).

use serde::{Deserialize, Serialize};

use super::site::{Site, within};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, Limit, PRESSURE_BAR};
use crate::physics::{blowing, duct};
use crate::rng::SimRng;
use crate::scenario::routing::BlowTask;

/// A route longer than this is not pulled in a microduct: blown (teaching value [U]:
/// ROUTING R-10, a light cable in undulating duct, the duct factor).
pub const PULL_MICRODUCT_MAX_M: f64 = 1000.0;

/// How the cable goes into a duct.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum LayMethod {
    Pull,
    Blow,
}

/// A gesture of blowing.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum BlowAction {
    /// Take the cable of this diameter, of those offered, mm.
    ChooseCable { diameter_mm: f64 },
    /// Pull or blow.
    ChooseMethod { method: LayMethod },
    /// Pressure-test the duct at this pressure, bar.
    PressureTest { bar: f64 },
    /// Blow the cable in at this pressure, bar.
    StartBlowing { pressure_bar: f64 },
}

impl BlowAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            BlowAction::ChooseCable { .. } => "act-choose-cable",
            BlowAction::ChooseMethod { .. } => "act-choose-method",
            BlowAction::PressureTest { .. } => "act-pressure-test",
            BlowAction::StartBlowing { .. } => "act-start-blowing",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            BlowAction::ChooseCable { diameter_mm } => {
                vec![("diameter_mm", *diameter_mm, &limits::CABLE_DIAMETER_MM)]
            }
            BlowAction::PressureTest { bar } => vec![("bar", *bar, &limits::PRESSURE_BAR)],
            BlowAction::StartBlowing { pressure_bar } => {
                vec![("pressure_bar", *pressure_bar, &limits::PRESSURE_BAR)]
            }
            BlowAction::ChooseMethod { .. } => vec![],
        }
    }

    /// Refused when the bench has no blowing to do.
    pub fn absent() -> Refusal {
        Refusal::new(Msg::new("refuse-route-no-blow"))
    }
}

/// The blowing station: its task and what was chosen and done.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Blow {
    #[serde(skip)]
    pub task: BlowTask,
    pub cable_mm: Option<f64>,
    pub method: Option<LayMethod>,
    /// The highest pressure the duct was tested at before blowing, bar.
    pub tested_bar: Option<f64>,
    /// The shot: its pressure, the reach it gave, whether the duct was tested first.
    pub shot: Option<(f64, f64, bool)>,
}

impl Station for Blow {
    type Task = BlowTask;
    type Action = BlowAction;
    type Shared = Site;

    fn generate(task: &BlowTask, _site: &Site, _rng: &mut SimRng) -> Blow {
        Blow {
            task: task.clone(),
            cable_mm: None,
            method: None,
            tested_bar: None,
            shot: None,
        }
    }

    fn apply(
        &mut self,
        _site: &mut Site,
        a: &BlowAction,
        _turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match a {
            BlowAction::ChooseCable { diameter_mm } => {
                if !self
                    .task
                    .cables_mm
                    .iter()
                    .any(|d| (d - diameter_mm).abs() < 1e-9)
                {
                    return Err(Refusal::new(Msg::new("refuse-route-cable-offered").num(
                        "d",
                        *diameter_mm,
                        1,
                    )));
                }
                self.cable_mm = Some(*diameter_mm);
                Ok(Outcome::of(vec![Msg::new("out-route-cable").num(
                    "d",
                    *diameter_mm,
                    1,
                )]))
            }
            BlowAction::ChooseMethod { method } => {
                self.method = Some(*method);
                Ok(Outcome::of(vec![Msg::new(match method {
                    LayMethod::Pull => "out-route-method-pull",
                    LayMethod::Blow => "out-route-method-blow",
                })]))
            }
            BlowAction::PressureTest { bar } => {
                within(*bar, &PRESSURE_BAR, "refuse-route-pressure")?;
                let best = self.tested_bar.map_or(*bar, |b| b.max(*bar));
                self.tested_bar = Some(best);
                Ok(Outcome::of(vec![
                    Msg::new("out-route-tested").num("bar", *bar, 1),
                ]))
            }
            BlowAction::StartBlowing { pressure_bar } => {
                let t = &self.task;
                let Some(d) = self.cable_mm else {
                    return Err(Refusal::new(Msg::new("refuse-route-no-cable")));
                };
                if self.method != Some(LayMethod::Blow) {
                    return Err(Refusal::new(Msg::new("refuse-route-not-blowing")));
                }
                within(*pressure_bar, &PRESSURE_BAR, "refuse-route-pressure")?;
                if *pressure_bar > t.max_pressure_bar {
                    return Err(Refusal::new(Msg::new("refuse-route-compressor").num(
                        "max",
                        t.max_pressure_bar,
                        0,
                    )));
                }
                let (_, area) = duct::fill(t.duct_id_mm / 1000.0, &[d / 1000.0]);
                let reach = blowing::reach_m(*pressure_bar, area, t.bends_deg);
                let tested = self.tested_bar.is_some_and(|b| b >= blowing::DUCT_TEST_BAR);
                self.shot = Some((*pressure_bar, reach, tested));
                Ok(Outcome::of(vec![
                    Msg::new(if reach >= t.length_m {
                        "out-route-blown"
                    } else {
                        "out-route-blow-short"
                    })
                    .num("reach", reach.min(t.length_m), 0)
                    .num("len", t.length_m, 0),
                ]))
            }
        }
    }

    fn next_step(&self, _site: &Site) -> Option<Msg> {
        if self.cable_mm.is_none() {
            return Some(Msg::new("hint-route-cable"));
        }
        if self.method.is_none() {
            return Some(Msg::new("hint-route-method").num("len", self.task.length_m, 0));
        }
        if self.method == Some(LayMethod::Blow) && self.shot.is_none() {
            return Some(Msg::new("hint-route-blow"));
        }
        None
    }

    fn task_lines(&self, _site: &Site) -> Vec<Msg> {
        vec![
            Msg::new("task-route-blow")
                .num("id", self.task.duct_id_mm, 0)
                .num("len", self.task.length_m, 0),
        ]
    }
}
