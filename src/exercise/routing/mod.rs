//! The routing bench: a site of poles, spans, chambers and ducts, and the stations the
//! trainee works at on it. Each gesture is a decision a technician makes on the
//! equipment (inspect a pole, choose its hardware, tension a span while watching the
//! dynamometer, place the winch, lubricate, split the pull, fit the breakaway swivel,
//! pull, blow a cable, dig a trench, open a chamber step by step); the physics of
//! `crate::physics` says what each one gives.
//!
//! One file per station (`aerial`, `pull`, `blow`, `trench`, `chamber`) on the shared
//! `site`; this file holds them together and hands each its own actions.

pub mod aerial;
pub mod blow;
pub mod chamber;
pub mod pull;
pub mod site;
pub mod trench;

use serde::Serialize;
use serde_json::{Value, json};

pub use aerial::{
    Aerial, AerialAction, PoleDecision, PoleWork, Remedy, SectionTension, clears_road,
    decision_name, hardware_name, label_name, remedy_name, rule_name,
};
pub use blow::{Blow, BlowAction, LayMethod, PULL_MICRODUCT_MAX_M};
pub use chamber::{Chamber, ChamberAction, SiteStep, procedure, step_name};
pub use pull::{
    NO_GUIDE_RADIUS_M, PullAction, PullRun, PullWork, SLACK_PER_CHAMBER_M, STRAIN_BREAK,
    STRAIN_LOSS_PER_TENTH_DB, Split, TIGHT_BEND_LOSS_1550_DB,
};
pub use site::{Drawn, Site};
pub use trench::{Dug, Trench, TrenchAction, mesh_name, zone_name};

use super::{Action, Bench, Outcome, Progress, Refusal, Station, Summary, Turn};
use crate::i18n::Msg;
use crate::physics::fibre::FibreType;
use crate::physics::link::Element;
use crate::rng::SimRng;
use crate::scenario::Attachments;
use crate::scenario::routing::{RoutingSetup, RoutingTask};

/// A gesture on a routing site, by station.
#[derive(Clone, Debug, PartialEq)]
pub enum RoutingAction {
    Aerial(AerialAction),
    Pull(PullAction),
    Blow(BlowAction),
    Trench(TrenchAction),
    Chamber(ChamberAction),
}

crate::wire::flat!(RoutingAction {
    units: ;
    inner: Aerial(AerialAction), Pull(PullAction), Blow(BlowAction), Trench(TrenchAction),
        Chamber(ChamberAction);
});

impl RoutingAction {
    pub fn name(&self) -> Msg {
        match self {
            RoutingAction::Aerial(a) => a.name(),
            RoutingAction::Pull(a) => a.name(),
            RoutingAction::Blow(a) => a.name(),
            RoutingAction::Trench(a) => a.name(),
            RoutingAction::Chamber(a) => a.name(),
        }
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static crate::limits::Limit)> {
        match self {
            RoutingAction::Aerial(a) => a.limited_numbers(),
            RoutingAction::Pull(a) => a.limited_numbers(),
            RoutingAction::Blow(a) => a.limited_numbers(),
            RoutingAction::Trench(a) => a.limited_numbers(),
            RoutingAction::Chamber(a) => a.limited_numbers(),
        }
    }
}

macro_rules! into_action {
    ($($station:ident($ty:ty)),+) => {
        $(
            impl From<$ty> for RoutingAction {
                fn from(a: $ty) -> RoutingAction {
                    RoutingAction::$station(a)
                }
            }
            impl From<$ty> for Action {
                fn from(a: $ty) -> Action {
                    Action::Routing(RoutingAction::$station(a))
                }
            }
        )+
    };
}

into_action!(
    Aerial(AerialAction),
    Pull(PullAction),
    Blow(BlowAction),
    Trench(TrenchAction),
    Chamber(ChamberAction)
);

/// The routing bench: the site and the stations on it. The poles and the duct route are
/// the site's, so their stations are always here; the others are here when the scenario
/// gives their task (the first, if it gives several).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RoutingState {
    pub site: Site,
    pub aerial: Aerial,
    pub pull: PullWork,
    pub blow: Option<Blow>,
    pub trench: Option<Trench>,
    pub chamber: Option<Chamber>,
    pub progress: Progress,
}

impl RoutingState {
    /// Whether the cable is in place: pulled through to the end where the work is a
    /// pull, else every span of the work tensioned (an aerial drop).
    pub fn laid(&self) -> bool {
        if self.pull.task.is_some() {
            return self.pull.pulled_through();
        }
        self.aerial.all_tensioned()
    }

    /// The cable as laid, as link elements: pulled through ducts
    /// ([`PullWork::pulled_elements`]), or strung over spans (an aerial drop: each
    /// tensioned span and a slack loop at each end; tensioned over the cable's limit, the
    /// strain's loss, or a break far over it).
    pub fn laid_elements(&self, fibre: FibreType) -> Vec<Element> {
        if self.pull.task.is_some() {
            return self.pull.pulled_elements(&self.site, fibre);
        }
        let site = &self.site;
        let mut out = Vec::new();
        let mut length = 2.0 * SLACK_PER_CHAMBER_M;
        let mut worst: f64 = 0.0;
        for (k, _) in self.aerial.spans_to_tension() {
            length += site.drawn.span_lengths_m.get(k).copied().unwrap_or(0.0);
            if let Some(t) = self.aerial.span_tensions_n.get(k).copied().flatten() {
                let loads = site.loaded_tensions_n(k, t);
                let most = loads.iter().copied().fold(t, f64::max);
                worst = worst.max(most / site.cable.max_tension_n - 1.0);
            }
        }
        out.push(Element::Fibre {
            fibre,
            length_m: length / 2.0,
        });
        if worst > STRAIN_BREAK {
            out.push(Element::Break {
                reflectance_db: None,
            });
        } else if worst > 0.0 {
            out.push(Element::Macrobend {
                loss_1550_db: STRAIN_LOSS_PER_TENTH_DB * worst / 0.1,
            });
        }
        out.push(Element::Fibre {
            fibre,
            length_m: length / 2.0,
        });
        out
    }
}

/// The first task of a kind.
fn first<T: Clone>(tasks: &[RoutingTask], f: impl Fn(&RoutingTask) -> Option<&T>) -> Option<T> {
    tasks.iter().find_map(f).cloned()
}

impl Bench for RoutingState {
    type Setup = RoutingSetup;

    fn generate(setup: &RoutingSetup, _files: &Attachments, rng: &mut SimRng) -> RoutingState {
        let site = Site::generate(setup, rng);
        let tasks = &setup.tasks;
        let pull = first(tasks, |t| {
            if let RoutingTask::Pull(p) = t {
                Some(p)
            } else {
                None
            }
        });
        let blow = first(tasks, |t| {
            if let RoutingTask::Blow(b) = t {
                Some(b)
            } else {
                None
            }
        });
        let trench = first(tasks, |t| {
            if let RoutingTask::Trench(b) = t {
                Some(b)
            } else {
                None
            }
        });
        let chamber = first(tasks, |t| {
            if let RoutingTask::OpenChamber(c) = t {
                Some(c)
            } else {
                None
            }
        });
        RoutingState {
            aerial: Aerial::generate(tasks, &site, rng),
            pull: PullWork::generate(&pull, &site, rng),
            blow: blow.map(|t| Blow::generate(&t, &site, rng)),
            trench: trench.map(|t| Trench::generate(&t, &site, rng)),
            chamber: chamber.map(|t| Chamber::generate(&t, &site, rng)),
            progress: Progress::default(),
            site,
        }
    }

    fn apply(&mut self, action: &Action, turn: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Action::Routing(a) = action else {
            return Err(Refusal::wrong_module());
        };
        let site = &mut self.site;
        match a {
            RoutingAction::Aerial(a) => self.aerial.apply(site, a, turn),
            RoutingAction::Pull(a) => self.pull.apply(site, a, turn),
            RoutingAction::Blow(a) => match &mut self.blow {
                Some(s) => s.apply(site, a, turn),
                None => Err(BlowAction::absent()),
            },
            RoutingAction::Trench(a) => match &mut self.trench {
                Some(s) => s.apply(site, a, turn),
                None => Err(a.absent()),
            },
            RoutingAction::Chamber(a) => match &mut self.chamber {
                Some(s) => s.apply(site, a, turn),
                None => Err(ChamberAction::absent()),
            },
        }
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        let site = &self.site;
        let next = self
            .aerial
            .next_step(site)
            .or_else(|| self.pull.next_step(site))
            .or_else(|| self.blow.as_ref().and_then(|s| s.next_step(site)))
            .or_else(|| self.trench.as_ref().and_then(|s| s.next_step(site)))
            .or_else(|| self.chamber.as_ref().and_then(|s| s.next_step(site)));
        Ok(next.unwrap_or_else(|| Msg::new("hint-route-finish")))
    }

    fn task_lines(&self) -> Vec<Msg> {
        let site = &self.site;
        let mut out = self.aerial.task_lines(site);
        out.extend(self.pull.task_lines(site));
        for lines in [
            self.blow.as_ref().map(|s| s.task_lines(site)),
            self.trench.as_ref().map(|s| s.task_lines(site)),
            self.chamber.as_ref().map(|s| s.task_lines(site)),
        ] {
            out.extend(lines.unwrap_or_default());
        }
        out
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        let blow = self.blow.as_ref().map_or_else(
            || json!({"cable_mm": null, "method": null, "tested_bar": null, "shot": null}),
            to,
        );
        let trench = self.trench.as_ref();
        Summary {
            drawn: to(&self.site.drawn),
            key: "routing",
            result: json!({
                "poles": to(&self.aerial.poles),
                "span_tensions_n": self.aerial.span_tensions_n,
                "pulls": to(&self.pull.pulls),
                "steps": self.chamber.as_ref().map_or(json!([]), |c| to(&c.steps)),
                "guides": to(&self.pull.guides),
                "blow": blow,
                "trench": trench.map_or(json!([]), |t| to(&t.dug)),
                "lv_spacing_m": trench.and_then(|t| t.lv_spacing_m),
                "transition": trench.and_then(|t| t.transition),
            }),
        }
    }
}

/// A part of the summary as JSON.
fn to<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}
