//! The chamber station: a chamber opened and the site secured step by step, in a safe
//! order, gas measured before going into one with a ceiling (Telenco SMART, IISR;
//! ROUTING R-11).

use serde::{Deserialize, Serialize};

use super::site::Site;
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::Limit;
use crate::rng::SimRng;
use crate::scenario::routing::OpenChamberTask;

/// A step of opening a chamber.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum SiteStep {
    /// The approach sign (AK5 "travaux").
    ApproachSign,
    /// Cones or a barrier around the work (K5a).
    Cones,
    /// Gloves, shoes, helmet, high-visibility vest.
    Ppe,
    /// The personal gas detector switched on.
    GasDetector,
    /// Free the cover with an anti-spark hammer.
    FreeCover,
    /// Lift it with a magnetic lifter.
    LiftCoverMagnetic,
    /// Lift it by hand, alone.
    LiftCoverByHand,
    /// Set the cover down more than 2 m from the opening.
    StoreCover,
    /// A guard rail around the opening.
    GuardRail,
    /// Measure the atmosphere inside.
    GasCheck,
    /// Go down into the chamber.
    Enter,
    /// Put the cover back.
    CloseCover,
    /// Take the signs away.
    RemoveSigns,
}

/// A gesture at the chamber.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ChamberAction {
    /// A step of opening a chamber.
    Step { step: SiteStep },
}

impl ChamberAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            ChamberAction::Step { .. } => "act-site-step",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`): none.
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            ChamberAction::Step { .. } => vec![],
        }
    }

    /// Refused when the bench has no chamber to open.
    pub fn absent() -> Refusal {
        Refusal::new(Msg::new("refuse-route-no-chamber-task"))
    }
}

/// The chamber station: its task, whether the chamber has a ceiling, the steps taken.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Chamber {
    #[serde(skip)]
    pub task: OpenChamberTask,
    pub ceiling: bool,
    pub steps: Vec<SiteStep>,
}

impl Chamber {
    /// The steps of the opening in a safe order, for this chamber and this work.
    pub fn procedure(&self) -> Vec<SiteStep> {
        procedure(self.ceiling, self.task.enter)
    }
}

impl Station for Chamber {
    type Task = OpenChamberTask;
    type Action = ChamberAction;
    type Shared = Site;

    fn generate(task: &OpenChamberTask, site: &Site, _rng: &mut SimRng) -> Chamber {
        Chamber {
            ceiling: site.chamber(&task.chamber).is_some_and(|c| c.ceiling),
            task: task.clone(),
            steps: Vec::new(),
        }
    }

    fn apply(
        &mut self,
        _site: &mut Site,
        a: &ChamberAction,
        _turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match a {
            ChamberAction::Step { step } => {
                self.steps.push(*step);
                Ok(Outcome::of(vec![step_name(*step)]))
            }
        }
    }

    fn next_step(&self, _site: &Site) -> Option<Msg> {
        self.procedure()
            .into_iter()
            .find(|s| !self.steps.contains(s))
            .map(|s| Msg::new("hint-route-step").msg("step", step_name(s)))
    }

    fn task_lines(&self, _site: &Site) -> Vec<Msg> {
        vec![Msg::new("task-route-open-chamber").text("chamber", self.task.chamber.clone())]
    }
}

/// The steps a chamber opening takes, in a safe order: signs, cones, PPE and the
/// detector before the cover; the cover freed, lifted with the lifter and stored away;
/// the guard rail; gas measured before going into a chamber with a ceiling; closed, and
/// the signs taken away last.
pub fn procedure(ceiling: bool, enter: bool) -> Vec<SiteStep> {
    use SiteStep as S;
    let mut v = vec![
        S::ApproachSign,
        S::Cones,
        S::Ppe,
        S::GasDetector,
        S::FreeCover,
        S::LiftCoverMagnetic,
        S::StoreCover,
        S::GuardRail,
    ];
    if enter {
        if ceiling {
            v.push(S::GasCheck);
        }
        v.push(S::Enter);
    }
    v.extend([S::CloseCover, S::RemoveSigns]);
    v
}

pub fn step_name(s: SiteStep) -> Msg {
    Msg::new(match s {
        SiteStep::ApproachSign => "step-approach-sign",
        SiteStep::Cones => "step-cones",
        SiteStep::Ppe => "step-ppe",
        SiteStep::GasDetector => "step-gas-detector",
        SiteStep::FreeCover => "step-free-cover",
        SiteStep::LiftCoverMagnetic => "step-lift-magnetic",
        SiteStep::LiftCoverByHand => "step-lift-by-hand",
        SiteStep::StoreCover => "step-store-cover",
        SiteStep::GuardRail => "step-guard-rail",
        SiteStep::GasCheck => "step-gas-check",
        SiteStep::Enter => "step-enter",
        SiteStep::CloseCover => "step-close-cover",
        SiteStep::RemoveSigns => "step-remove-signs",
    })
}
