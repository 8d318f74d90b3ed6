//! The report station: the intervention report as the work order asks for it (the
//! line's identifier, the PBO's reference, the level measured at the outlet, the
//! verdict). A report may be filled on any bench; the task says what it must hold.

use serde::{Deserialize, Serialize};

use super::link::LinkWork;
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, Limit, POWER_DBM};
use crate::rng::SimRng;
use crate::scenario::connect::ReportTask;

/// Filling the intervention report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum ReportAction {
    /// Fill the intervention report: the line, the PBO, the level measured at the
    /// outlet (dBm), or no light at all where the meter showed none (LO), the verdict.
    FillReport {
        line_id: String,
        pbo: String,
        level_dbm: f64,
        pass: bool,
        /// No light at the outlet: the meter showed LO (the level is then not read).
        #[serde(default, skip_serializing_if = "std::ops::Not::not")]
        no_light: bool,
    },
}

impl ReportAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            ReportAction::FillReport { .. } => "act-fill-report",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            ReportAction::FillReport { level_dbm, .. } => {
                vec![("level_dbm", *level_dbm, &limits::POWER_DBM)]
            }
        }
    }
}

/// The intervention report as the trainee filled it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ReportForm {
    pub line_id: String,
    pub pbo: String,
    pub level_dbm: f64,
    pub pass: bool,
    /// No light written (the meter showed LO).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub no_light: bool,
    pub at: usize,
}

/// The report station: the task (the first report task), and the form as filled.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Report {
    #[serde(skip)]
    pub task: Option<ReportTask>,
    pub form: Option<ReportForm>,
}

impl Report {
    /// What the task asks, as a line.
    pub fn task_line(t: &ReportTask) -> Msg {
        Msg::new("task-report")
            .text("line", t.line_id.clone())
            .text("pbo", t.pbo.clone())
    }
}

impl Station for Report {
    type Task = Option<ReportTask>;
    type Action = ReportAction;
    type Shared = LinkWork;

    fn generate(task: &Option<ReportTask>, _on: &LinkWork, _rng: &mut SimRng) -> Report {
        Report {
            task: task.clone(),
            form: None,
        }
    }

    fn apply(
        &mut self,
        _link: &mut LinkWork,
        action: &ReportAction,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        match action {
            ReportAction::FillReport {
                line_id,
                pbo,
                level_dbm,
                pass,
                no_light,
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
                self.form = Some(ReportForm {
                    line_id: line_id.clone(),
                    pbo: pbo.clone(),
                    level_dbm: *level_dbm,
                    pass: *pass,
                    no_light: *no_light,
                    at: turn.index,
                });
                Ok(Outcome::of(vec![Msg::new("out-report")]))
            }
        }
    }

    fn next_step(&self, _link: &LinkWork) -> Option<Msg> {
        (self.task.is_some() && self.form.is_none()).then(|| Msg::new("hint-report"))
    }

    fn task_lines(&self, _link: &LinkWork) -> Vec<Msg> {
        self.task.iter().map(Report::task_line).collect()
    }
}
