//! The red light station: a visual fault locator plugged in at end A, the link's pieces
//! looked at for its glow to say where the fault is, and at end B the fibre ends looked
//! at to tell the link's own fibre among the others (REFERENCE D.6). What glows where is
//! the link's (`LinkWork::glow_at`, from `crate::physics::vfl`).

use serde::{Deserialize, Serialize};

use super::link::LinkWork;
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::Limit;
use crate::physics::vfl;
use crate::rng::SimRng;
use crate::scenario::connect::IdentifyTask;

/// A glow at least this strong is bright; weaker but visible is faint, dBm (teaching
/// value [U]: what a trainee tells apart in a lit room).
pub const BRIGHT_GLOW_DBM: f64 = -20.0;

/// A gesture with the red light.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum RedLightAction {
    /// Plug the red light in at end A and switch it on.
    VflOn,
    /// Look at a piece of the link for the red glow (1 = the first piece).
    LookAt { piece: u32 },
    /// Say where the fault is: a piece (1 = first), or none (the light comes through).
    LocateFault {
        #[serde(default)]
        piece: Option<u32>,
    },
    /// At end B, look at fibre `fibre` (1 = first) of the ends there for the red light.
    LookAtFibre { fibre: u32 },
    /// Say which fibre at end B is the link's.
    ChooseFibre { fibre: u32 },
}

impl RedLightAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            RedLightAction::VflOn => "act-vfl-on",
            RedLightAction::LookAt { .. } => "act-look-at",
            RedLightAction::LocateFault { .. } => "act-locate-fault",
            RedLightAction::LookAtFibre { .. } => "act-look-at-fibre",
            RedLightAction::ChooseFibre { .. } => "act-choose-fibre",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`): pieces and fibres are
    /// counted, and checked against the link.
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            RedLightAction::VflOn
            | RedLightAction::LookAt { .. }
            | RedLightAction::LocateFault { .. }
            | RedLightAction::LookAtFibre { .. }
            | RedLightAction::ChooseFibre { .. } => vec![],
        }
    }
}

/// What the scenario asks of the red light.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RedLightTasks {
    /// Say where the fault is.
    pub locate: bool,
    /// Tell the link's fibre among the ends at end B (the first such task).
    pub identify: Option<IdentifyTask>,
}

/// The red light station. Always here: the locator is in every kit, and a trainee may
/// look for the light and say where a fault is whatever the tasks.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RedLight {
    #[serde(skip)]
    pub tasks: RedLightTasks,
    pub on: bool,
    /// Pieces looked at with the red light on: (piece index, glow dBm if any).
    pub looked: Vec<(usize, Option<f64>)>,
    /// Where the trainee placed the fault (piece index), or none said: light through.
    pub located: Option<Option<usize>>,
    /// The fibre at end B the red light lights (1 = first), drawn; 0 without the task.
    pub lit_fibre: u32,
    /// Fibres at end B looked at with the red light on, and the one chosen.
    pub fibres_looked: Vec<u32>,
    pub fibre_chosen: Option<u32>,
}

impl RedLight {
    /// The count of fibre ends at end B to tell apart, when asked.
    pub fn identify(&self) -> Option<u32> {
        self.tasks.identify.as_ref().map(|t| t.fibres)
    }

    /// The red light at fibre `n`'s end at end B: the link's own fibre shows what reaches
    /// end B; the others nothing.
    pub fn fibre_glow(&self, link: &LinkWork, n: u32) -> Option<f64> {
        if !self.on || n != self.lit_fibre {
            return None;
        }
        let last = link.setup.link.len().checked_sub(1)?;
        link.glow_at(last)
    }

    /// The count of fibre ends at end B, or the refusal that there is none to tell.
    fn fibres_at_b(&self) -> Result<u32, Refusal> {
        self.identify()
            .ok_or_else(|| Refusal::new(Msg::new("refuse-no-identify")))
    }
}

impl Station for RedLight {
    type Task = RedLightTasks;
    type Action = RedLightAction;
    type Shared = LinkWork;

    /// Draws which fibre at end B is the link's, when the task asks to tell it.
    fn generate(task: &RedLightTasks, _on: &LinkWork, rng: &mut SimRng) -> RedLight {
        let lit_fibre = task
            .identify
            .as_ref()
            .map_or(0, |t| rng.range_u32(1, t.fibres.max(1)));
        RedLight {
            tasks: task.clone(),
            on: false,
            looked: Vec::new(),
            located: None,
            lit_fibre,
            fibres_looked: Vec::new(),
            fibre_chosen: None,
        }
    }

    fn apply(
        &mut self,
        link: &mut LinkWork,
        action: &RedLightAction,
        _turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match action {
            RedLightAction::VflOn => {
                self.on = true;
                Ok(Outcome::of(vec![Msg::new("out-vfl-on")]))
            }
            RedLightAction::LookAt { piece } => {
                if !self.on {
                    return Err(Refusal::new(Msg::new("refuse-vfl-off")));
                }
                let k = link.piece_numbered(*piece)?;
                let glow = link.glow_at(k);
                self.looked.push((k, glow));
                let place = link.piece_place(k);
                Ok(Outcome::of(vec![
                    glow_msg(glow).words("place", &place.fr, &place.en),
                ]))
            }
            RedLightAction::LookAtFibre { fibre } => {
                let n = self.fibres_at_b()?;
                if !self.on {
                    return Err(Refusal::new(Msg::new("refuse-vfl-off")));
                }
                if !(1..=n).contains(fibre) {
                    return Err(Refusal::new(Msg::new("refuse-no-fibre").int("n", *fibre)));
                }
                self.fibres_looked.push(*fibre);
                let glow = self.fibre_glow(link, *fibre);
                Ok(Outcome::of(vec![glow_msg(glow).words(
                    "place",
                    &format!("fibre {fibre}"),
                    &format!("fibre {fibre}"),
                )]))
            }
            RedLightAction::ChooseFibre { fibre } => {
                let n = self.fibres_at_b()?;
                if !(1..=n).contains(fibre) {
                    return Err(Refusal::new(Msg::new("refuse-no-fibre").int("n", *fibre)));
                }
                self.fibre_chosen = Some(*fibre);
                Ok(Outcome::of(vec![
                    Msg::new("out-fibre-chosen").int("n", *fibre),
                ]))
            }
            RedLightAction::LocateFault { piece } => {
                let k = match piece {
                    None => None,
                    Some(p) => Some(link.piece_numbered(*p)?),
                };
                self.located = Some(k);
                Ok(Outcome::of(vec![match k {
                    Some(k) => {
                        let place = link.piece_place(k);
                        Msg::new("out-fault-at").words("place", &place.fr, &place.en)
                    }
                    None => Msg::new("out-fault-none"),
                }]))
            }
        }
    }

    /// The fibre told apart, then the fault placed, the light switched on first.
    fn next_step(&self, _link: &LinkWork) -> Option<Msg> {
        if self.identify().is_some() && self.fibre_chosen.is_none() {
            if !self.on {
                return Some(Msg::new("hint-vfl"));
            }
            return Some(Msg::new("hint-identify"));
        }
        if self.tasks.locate {
            if !self.on {
                return Some(Msg::new("hint-vfl"));
            }
            if self.located.is_none() {
                return Some(Msg::new("hint-locate"));
            }
        }
        None
    }

    fn task_lines(&self, _link: &LinkWork) -> Vec<Msg> {
        let mut out = Vec::new();
        if self.tasks.locate {
            out.push(locate_line());
        }
        out.extend(self.tasks.identify.as_ref().map(identify_line));
        out
    }
}

/// What the fault task asks, as a line.
pub fn locate_line() -> Msg {
    Msg::new("task-locate")
}

/// What the identification task asks, as a line.
pub fn identify_line(t: &IdentifyTask) -> Msg {
    Msg::new("task-identify").int("n", t.fibres)
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
