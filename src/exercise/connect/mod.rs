//! The connecting-and-measuring bench (issue 13): connectors whose faces the trainee
//! inspects under the microscope, cleans and judges before connecting them; a light
//! source and a power meter with their test cords, referenced by one of the three methods
//! and then measuring the link; a PON power meter at the outlet; a red light sent down
//! the link to find a fault or tell a fibre; a field connector fitted at an end; the
//! intervention report. What each gesture gives is `crate::physics`'s: the faces
//! (`endface`), the instrument (`olts`), the red light (`vfl`).
//!
//! One file per station (`microscope`, `meter`, `pon`, `red_light`, `fitting`,
//! `report`) on the shared `link`; this file holds them together and hands each its own
//! actions.

pub mod faces;
pub mod fitting;
pub mod link;
pub mod meter;
pub mod microscope;
pub mod pon;
pub mod red_light;
pub mod report;

use serde::Serialize;
use serde_json::{Value, json};

pub use fitting::{
    FIELD_CLEAVE_SIGMA_DEG, FieldStep, FieldWork, Fitting, FittingAction, NO_BOW_GAP_UM,
};
pub use link::{
    ConnectorWork, CordMating, CordRole, CordWork, Face, FaceState, LinkWork, MISMATCH_LOSS_DB,
    MISMATCH_REFLECTANCE_DB, Mating, UNFITTED_LOSS_DB, damaged, face_name, passes, role_name,
};
pub use meter::{LossResult, Meter, MeterAction, MeterTasks, Reference, method_name};
pub use microscope::{
    Microscope, MicroscopeAction, breach_msg, cleaning_name, mark_name, zone_name,
};
pub use pon::{Pon, PonAction};
pub use red_light::{
    BRIGHT_GLOW_DBM, RedLight, RedLightAction, RedLightTasks, glow_msg, glow_strength,
};
pub use report::{Report, ReportAction, ReportForm};

use super::{Action, Bench, Outcome, Progress, Refusal, Station, Summary, Turn};
use crate::i18n::Msg;
use crate::limits::Limit;
use crate::rng::SimRng;
use crate::scenario::Attachments;
use crate::scenario::connect::{ConnectSetup, ConnectTask};

/// A gesture of connecting and measuring, by station.
#[derive(Clone, Debug, PartialEq)]
pub enum ConnectAction {
    Microscope(MicroscopeAction),
    Meter(MeterAction),
    Pon(PonAction),
    RedLight(RedLightAction),
    Fitting(FittingAction),
    Report(ReportAction),
}

crate::wire::flat!(ConnectAction {
    units: ;
    inner: Microscope(MicroscopeAction), Meter(MeterAction), Pon(PonAction),
        RedLight(RedLightAction), Fitting(FittingAction), Report(ReportAction);
});

impl ConnectAction {
    pub fn name(&self) -> Msg {
        match self {
            ConnectAction::Microscope(a) => a.name(),
            ConnectAction::Meter(a) => a.name(),
            ConnectAction::Pon(a) => a.name(),
            ConnectAction::RedLight(a) => a.name(),
            ConnectAction::Fitting(a) => a.name(),
            ConnectAction::Report(a) => a.name(),
        }
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            ConnectAction::Microscope(a) => a.limited_numbers(),
            ConnectAction::Meter(a) => a.limited_numbers(),
            ConnectAction::Pon(a) => a.limited_numbers(),
            ConnectAction::RedLight(a) => a.limited_numbers(),
            ConnectAction::Fitting(a) => a.limited_numbers(),
            ConnectAction::Report(a) => a.limited_numbers(),
        }
    }
}

macro_rules! into_action {
    ($($station:ident($ty:ty)),+) => {
        $(
            impl From<$ty> for ConnectAction {
                fn from(a: $ty) -> ConnectAction {
                    ConnectAction::$station(a)
                }
            }
            impl From<$ty> for Action {
                fn from(a: $ty) -> Action {
                    Action::Connect(ConnectAction::$station(a))
                }
            }
        )+
    };
}

into_action!(
    Microscope(MicroscopeAction),
    Meter(MeterAction),
    Pon(PonAction),
    RedLight(RedLightAction),
    Fitting(FittingAction),
    Report(ReportAction)
);

/// The connecting-and-measuring bench: the link and the stations on it. The microscope,
/// the meter, the red light, the fitting and the report are in every kit, so always
/// here (with or without their tasks); the PON meter is here when a task asks for levels.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ConnectState {
    pub link: LinkWork,
    pub microscope: Microscope,
    pub meter: Meter,
    pub pon: Option<Pon>,
    pub red_light: RedLight,
    pub fitting: Fitting,
    pub report: Report,
    pub progress: Progress,
}

impl ConnectState {
    /// Whether the line works at the outlet as it stands: every PON level inside its
    /// window, and the link's loss within its limit where one is measured.
    pub fn line_works(&self) -> bool {
        let levels_ok = self.pon.as_ref().is_none_or(|p| p.levels_hold(&self.link));
        levels_ok && self.meter.loss_holds(&self.link) && self.link.link_loss_db(1550.0).is_some()
    }
}

/// The tasks of one kind.
fn all<T: Clone>(tasks: &[ConnectTask], f: impl Fn(&ConnectTask) -> Option<&T>) -> Vec<T> {
    tasks.iter().filter_map(f).cloned().collect()
}

impl Bench for ConnectState {
    type Setup = ConnectSetup;

    /// Draws the link (connectors, cords, pieces), then the stations (only the red light
    /// draws: which fibre at end B is lit).
    fn generate(setup: &ConnectSetup, _files: &Attachments, rng: &mut SimRng) -> ConnectState {
        let tasks = &setup.tasks;
        let fits = all(tasks, |t| {
            if let ConnectTask::FitConnector(f) = t {
                Some(f)
            } else {
                None
            }
        });
        let mut link = LinkWork::generate(setup, Fitting::connectors(&fits), rng);
        let pon = all(tasks, |t| {
            if let ConnectTask::PonLevels(p) = t {
                Some(p)
            } else {
                None
            }
        })
        .into_iter()
        .next();
        for l in pon.iter().flat_map(|p| &p.levels) {
            if !link.wavelengths.contains(&l.wavelength_nm) {
                link.wavelengths.push(l.wavelength_nm);
            }
        }
        let meter = MeterTasks {
            budgets: all(tasks, |t| {
                if let ConnectTask::Budget(b) = t {
                    Some(b)
                } else {
                    None
                }
            }),
            measure: all(tasks, |t| {
                if let ConnectTask::Measure(m) = t {
                    Some(m)
                } else {
                    None
                }
            })
            .into_iter()
            .next(),
        };
        let red = RedLightTasks {
            locate: tasks.iter().any(|t| matches!(t, ConnectTask::LocateFault)),
            identify: all(tasks, |t| {
                if let ConnectTask::IdentifyFibre(i) = t {
                    Some(i)
                } else {
                    None
                }
            })
            .into_iter()
            .next(),
        };
        let inspect = all(tasks, |t| {
            if let ConnectTask::Inspect(i) = t {
                Some(i)
            } else {
                None
            }
        });
        let report = all(tasks, |t| {
            if let ConnectTask::Report(r) = t {
                Some(r)
            } else {
                None
            }
        })
        .into_iter()
        .next();
        ConnectState {
            microscope: Microscope::generate(&inspect, &link, rng),
            meter: Meter::generate(&meter, &link, rng),
            pon: pon.map(|p| Pon::generate(&p, &link, rng)),
            red_light: RedLight::generate(&red, &link, rng),
            fitting: Fitting::generate(&fits, &link, rng),
            report: Report::generate(&report, &link, rng),
            progress: Progress::default(),
            link,
        }
    }

    fn apply(&mut self, action: &Action, turn: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let Action::Connect(a) = action else {
            return Err(Refusal::wrong_module());
        };
        let link = &mut self.link;
        match a {
            ConnectAction::Microscope(a) => self.microscope.apply(link, a, turn),
            ConnectAction::Meter(a) => self.meter.apply(link, a, turn),
            ConnectAction::Pon(a) => match &mut self.pon {
                Some(s) => s.apply(link, a, turn),
                None => Err(PonAction::absent()),
            },
            ConnectAction::RedLight(a) => self.red_light.apply(link, a, turn),
            ConnectAction::Fitting(a) => self.fitting.apply(link, a, turn),
            ConnectAction::Report(a) => self.report.apply(link, a, turn),
        }
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        let link = &self.link;
        let next = self
            .fitting
            .next_step(link)
            .or_else(|| self.microscope.next_step(link))
            .or_else(|| self.meter.next_step(link))
            .or_else(|| self.pon.as_ref().and_then(|s| s.next_step(link)))
            .or_else(|| self.red_light.next_step(link))
            .or_else(|| self.report.next_step(link));
        Ok(next.unwrap_or_else(|| Msg::new("hint-connect-finish")))
    }

    /// Each task's line, in the scenario's order, from its station.
    fn task_lines(&self) -> Vec<Msg> {
        self.link
            .setup
            .tasks
            .iter()
            .map(|t| match t {
                ConnectTask::Inspect(t) => Microscope::task_line(t),
                ConnectTask::Budget(t) => Meter::budget_line(t),
                ConnectTask::Measure(t) => Meter::measure_line(t),
                ConnectTask::PonLevels(t) => Pon::task_line(t),
                ConnectTask::LocateFault => red_light::locate_line(),
                ConnectTask::IdentifyFibre(t) => red_light::identify_line(t),
                ConnectTask::FitConnector(t) => Fitting::task_line(t),
                ConnectTask::Report(t) => Report::task_line(t),
            })
            .collect()
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    /// The summary as it always was: the link's draws and work, each station's record
    /// under its old name.
    fn summary(&self) -> Summary {
        let link = &self.link;
        let (pon, pon_judged) = self.pon.as_ref().map_or((vec![], vec![]), |p| {
            (
                p.read
                    .iter()
                    .map(|r| json!([r.0, if r.1.is_finite() { Some(r.1) } else { None }]))
                    .collect(),
                p.judged.clone(),
            )
        });
        let red = &self.red_light;
        Summary {
            drawn: json!({
                "pieces": link.drawn,
                "cord_launch_loss_db": link.cords.iter().map(|c| c.launch_loss_db).collect::<Vec<_>>(),
                "lit_fibre": red.lit_fibre,
            }),
            key: "connect",
            result: json!({
                "connectors": to(&link.connectors),
                "references": to(&self.meter.references),
                "results": to(&self.meter.results),
                "budgets": self.meter.budgets,
                "verdict": self.meter.verdict,
                "pon": pon,
                "pon_judged": pon_judged,
                "looked": red.looked,
                "located": red.located,
                "report": to(&self.report.form),
                "fitting": to(&self.fitting.works),
                "fibres_looked": red.fibres_looked,
                "fibre_chosen": red.fibre_chosen,
            }),
        }
    }
}

/// A part of the summary as JSON.
fn to<T: Serialize + ?Sized>(v: &T) -> Value {
    serde_json::to_value(v).unwrap_or(Value::Null)
}
