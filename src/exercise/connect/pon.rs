//! The PON meter station: the downstream levels read at the outlet through the receive
//! cord, each judged against its window (REFERENCE D.5). The light is the link's: what
//! the microscope left on the faces and the cords in their roles.

use serde::{Deserialize, Serialize};

use super::link::{CordRole, LinkWork};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::Limit;
use crate::physics::olts;
use crate::rng::SimRng;
use crate::scenario::connect::{PonLevel, PonTask};

/// A gesture with the PON power meter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum PonAction {
    /// Read the level at the outlet with the PON power meter.
    ReadPon { wavelength_nm: f64 },
    /// Say whether the level at a wavelength lies in its window.
    JudgePon { wavelength_nm: f64, ok: bool },
}

impl PonAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            PonAction::ReadPon { .. } => "act-read-pon",
            PonAction::JudgePon { .. } => "act-judge-pon",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`): the wavelengths are the
    /// task's, which the station checks.
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            PonAction::ReadPon { .. } | PonAction::JudgePon { .. } => vec![],
        }
    }

    /// Refused when the bench has no PON levels to read.
    pub fn absent() -> Refusal {
        Refusal::new(Msg::new("refuse-no-pon"))
    }
}

/// The PON meter station: its task, the levels read and judged.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Pon {
    #[serde(skip)]
    pub task: PonTask,
    /// Levels read: (nm, dBm shown; -inf when no light comes).
    pub read: Vec<(f64, f64)>,
    /// Levels judged: (nm, judged in the window, truly in it).
    pub judged: Vec<(f64, bool, bool)>,
}

impl Pon {
    /// The task's signal at a wavelength.
    pub fn signal(&self, nm: f64) -> Option<PonLevel> {
        self.task
            .levels
            .iter()
            .find(|l| (l.wavelength_nm - nm).abs() < 0.5)
            .copied()
    }

    /// The PON level at end B at `nm` through the receive cord, dBm (what a PON meter
    /// reads), or none if no light comes.
    pub fn level_dbm(&self, link: &LinkWork, nm: f64) -> Option<f64> {
        let olt = self.signal(nm)?.olt_dbm;
        let loss = link.link_loss_db(nm)?;
        let (_, b) = link.ends();
        let end = match (b, link.role(CordRole::Receive)) {
            (Some(b), Some(r)) => link.end_pair(b, r).0,
            _ => 0.0,
        };
        Some(olt - loss - end)
    }

    /// Whether every level lies in its window as the link stands.
    pub fn levels_hold(&self, link: &LinkWork) -> bool {
        self.task.levels.iter().all(|l| {
            self.level_dbm(link, l.wavelength_nm)
                .is_some_and(|v| olts::level_in(v, (l.min_dbm, l.max_dbm)))
        })
    }

    /// What the task asks, as a line.
    pub fn task_line(t: &PonTask) -> Msg {
        Msg::new("task-pon").list(
            "levels",
            t.levels
                .iter()
                .map(|l| {
                    Msg::new("task-pon-level")
                        .num("nm", l.wavelength_nm, 0)
                        .num("lo", l.min_dbm, 0)
                        .num("hi", l.max_dbm, 0)
                })
                .collect(),
        )
    }
}

impl Station for Pon {
    type Task = PonTask;
    type Action = PonAction;
    type Shared = LinkWork;

    fn generate(task: &PonTask, _on: &LinkWork, _rng: &mut SimRng) -> Pon {
        Pon {
            task: task.clone(),
            read: Vec::new(),
            judged: Vec::new(),
        }
    }

    fn apply(
        &mut self,
        link: &mut LinkWork,
        action: &PonAction,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match action {
            PonAction::ReadPon { wavelength_nm } => {
                if self.signal(*wavelength_nm).is_none() {
                    return Err(Refusal::new(Msg::new("refuse-wavelength").num(
                        "nm",
                        *wavelength_nm,
                        0,
                    )));
                }
                let r = link.cord_in(CordRole::Receive)?;
                let (_, Some(b)) = link.ends() else {
                    return Err(Refusal::new(Msg::new("refuse-no-link")));
                };
                link.mate_end(b, r, turn.index, turn.rng);
                let level = self.level_dbm(link, *wavelength_nm);
                let shown = level.unwrap_or(f64::NEG_INFINITY);
                self.read.retain(|(w, _)| (w - wavelength_nm).abs() >= 0.5);
                self.read.push((*wavelength_nm, shown));
                Ok(Outcome::of(vec![match level {
                    Some(v) => Msg::new("out-pon")
                        .num("nm", *wavelength_nm, 0)
                        .num("dbm", v, 1),
                    None => Msg::new("out-no-light"),
                }]))
            }
            PonAction::JudgePon { wavelength_nm, ok } => {
                let signal = self.signal(*wavelength_nm).ok_or_else(PonAction::absent)?;
                let shown = self
                    .read
                    .iter()
                    .find(|(w, _)| (w - wavelength_nm).abs() < 0.5)
                    .map(|p| p.1)
                    .ok_or_else(|| {
                        Refusal::new(Msg::new("refuse-pon-unread").num("nm", *wavelength_nm, 0))
                    })?;
                let truth = olts::level_in(shown, (signal.min_dbm, signal.max_dbm));
                self.judged
                    .retain(|(w, _, _)| (w - wavelength_nm).abs() >= 0.5);
                self.judged.push((*wavelength_nm, *ok, truth));
                Ok(Outcome::of(vec![
                    Msg::new(if *ok { "out-pon-ok" } else { "out-pon-bad" }).num(
                        "nm",
                        *wavelength_nm,
                        0,
                    ),
                ]))
            }
        }
    }

    /// Each level read, then judged.
    fn next_step(&self, _link: &LinkWork) -> Option<Msg> {
        for nm in self.task.levels.iter().map(|l| l.wavelength_nm) {
            if !self.read.iter().any(|p| (p.0 - nm).abs() < 0.5) {
                return Some(Msg::new("hint-pon").num("nm", nm, 0));
            }
            if !self.judged.iter().any(|p| (p.0 - nm).abs() < 0.5) {
                return Some(Msg::new("hint-pon-judge").num("nm", nm, 0));
            }
        }
        None
    }

    fn task_lines(&self, _link: &LinkWork) -> Vec<Msg> {
        vec![Pon::task_line(&self.task)]
    }
}
