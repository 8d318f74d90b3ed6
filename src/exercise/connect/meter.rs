//! The power meter station: the budget worked out first, a light source and a power
//! meter with the kit's test cords, referenced by one of the three methods, then the link
//! measured and judged (REFERENCE D.4, IEC 61280-4-1). The cords' faces and the link are
//! the link's; what the meter reads is `crate::physics::olts`'s.

use serde::{Deserialize, Serialize};

use super::link::{CordRole, Face, LinkWork, face_name, no_such, passes, role_name};
use crate::exercise::{Outcome, Refusal, Station, Turn};
use crate::i18n::Msg;
use crate::limits::{self, BUDGET_DB, Limit};
use crate::physics::olts::{self, RefMethod};
use crate::rng::SimRng;
use crate::scenario::connect::{BudgetTask, MeasureTask, Piece};

/// A gesture with the light source and the power meter.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum MeterAction {
    /// Write down the loss budget worked out at a wavelength, dB.
    EnterBudget { wavelength_nm: f64, budget_db: f64 },
    /// Set the light source's wavelength.
    SetSource { wavelength_nm: f64 },
    /// Set the power meter's wavelength.
    SetMeter { wavelength_nm: f64 },
    /// Take a cord of the kit for a role.
    UseCord { role: CordRole, cord: String },
    /// Set the reference: the cords as the method has them, the meter stores the power for its wavelength.
    SetReference { method: RefMethod },
    /// Connect the cords to the link's ends and read the loss; the meter stores the result.
    MeasureLoss,
    /// Say whether the link passes.
    LinkVerdict { pass: bool },
}

impl MeterAction {
    pub fn name(&self) -> Msg {
        Msg::new(match self {
            MeterAction::EnterBudget { .. } => "act-enter-budget",
            MeterAction::SetSource { .. } => "act-set-source",
            MeterAction::SetMeter { .. } => "act-set-meter",
            MeterAction::UseCord { .. } => "act-use-cord",
            MeterAction::SetReference { .. } => "act-set-reference",
            MeterAction::MeasureLoss => "act-measure-loss",
            MeterAction::LinkVerdict { .. } => "act-link-verdict",
        })
    }

    /// The numbers a limit holds (see `Action::limited_numbers`).
    pub fn limited_numbers(&self) -> Vec<(&'static str, f64, &'static Limit)> {
        match self {
            MeterAction::EnterBudget { budget_db, .. } => {
                vec![("budget_db", *budget_db, &limits::BUDGET_DB)]
            }
            MeterAction::SetSource { .. }
            | MeterAction::SetMeter { .. }
            | MeterAction::UseCord { .. }
            | MeterAction::SetReference { .. }
            | MeterAction::MeasureLoss
            | MeterAction::LinkVerdict { .. } => vec![],
        }
    }
}

/// A reference the meter stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reference {
    pub meter_nm: f64,
    pub source_nm: f64,
    pub method: RefMethod,
    pub launch: String,
    pub receive: Option<String>,
    pub substitution: Option<String>,
    /// What the meter shows, dBm.
    pub dbm: f64,
    pub at: usize,
}

/// A result the meter stored.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct LossResult {
    pub meter_nm: f64,
    pub source_nm: f64,
    /// The insertion loss shown, dB; none when no light arrives.
    pub loss_db: Option<f64>,
    /// The reference it was taken against (its index in `references`).
    pub reference: usize,
    pub launch: String,
    pub receive: String,
    /// The link's true loss as the task's method defines it, at the source's wavelength.
    pub true_loss_db: Option<f64>,
    pub at: usize,
}

/// What the scenario asks of the meter: budgets to work out, a measurement.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct MeterTasks {
    pub budgets: Vec<BudgetTask>,
    /// The first measurement task.
    pub measure: Option<MeasureTask>,
}

/// The power meter station: the instruments as set, the references and results stored,
/// the budgets written down and the verdict. Always here: the kit is on every bench.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Meter {
    #[serde(skip)]
    pub tasks: MeterTasks,
    pub source_nm: f64,
    pub meter_nm: f64,
    pub references: Vec<Reference>,
    pub results: Vec<LossResult>,
    pub budgets: Vec<(f64, f64)>,
    pub verdict: Option<bool>,
}

impl Meter {
    /// The measurement task, if any.
    pub fn measure(&self) -> Option<&MeasureTask> {
        self.tasks.measure.as_ref()
    }

    /// The method the measurement asks for (one cord without a task).
    pub fn method(&self) -> RefMethod {
        self.measure().map_or(RefMethod::OneCord, |m| m.method)
    }

    /// The budget the task defines at a wavelength (REFERENCE D.4), from the link as
    /// designed: each fibre's written length (a range's middle), its splices, connectors
    /// and splitters.
    pub fn budget_at(&self, link: &LinkWork, nm: f64) -> Option<f64> {
        self.tasks.budgets.iter().find_map(|t| {
            let att = t
                .attenuation_db_per_km
                .iter()
                .find(|(w, _)| (w - nm).abs() < 0.5)?
                .1;
            let mut km = 0.0;
            let mut splices = 0;
            let mut connectors = 0;
            let mut split = 0.0;
            for p in &link.setup.link {
                match p {
                    Piece::Fibre { length_m, .. } => {
                        km += (length_m.min() + length_m.max()) / 2000.0
                    }
                    Piece::Splice { .. } => splices += 1,
                    Piece::Connector(_) => connectors += 1,
                    Piece::Splitter { loss_db, .. } => split += loss_db,
                    Piece::JobSplice { .. } => splices += 1,
                    Piece::JobRoute { .. } => km += link.route_length_m() / 1000.0,
                    Piece::Fault { .. } => {}
                }
            }
            Some(olts::budget_db(
                km,
                att,
                splices,
                t.splice_db,
                connectors,
                t.connector_db,
                split,
                t.margin_db,
            ))
        })
    }

    /// The loss the meter's display shows: the last result taken with the source and
    /// the meter at the wavelengths they are set to now; none until one is (switching
    /// the wavelength does not carry the other wavelength's reading over).
    pub fn reading_shown(&self) -> Option<&LossResult> {
        self.results.iter().rev().find(|r| {
            (r.source_nm - self.source_nm).abs() < 0.5 && (r.meter_nm - self.meter_nm).abs() < 0.5
        })
    }

    /// The reference the meter holds for its wavelength.
    pub fn reference_now(&self) -> Option<usize> {
        self.references
            .iter()
            .rposition(|r| (r.meter_nm - self.meter_nm).abs() < 0.5)
    }

    /// The loss the link must hold at `nm`: the measurement task's limit, else the
    /// budget there; none without a measurement task or either.
    pub fn limit_at(&self, link: &LinkWork, nm: f64) -> Option<f64> {
        self.measure()?
            .max_loss_db
            .or_else(|| self.budget_at(link, nm))
    }

    /// Whether the link's loss holds its limit at every wavelength measured
    /// ([`Self::limit_at`]); true without a measurement task.
    pub fn loss_holds(&self, link: &LinkWork) -> bool {
        match self.measure() {
            Some(m) => m.wavelengths_nm.iter().all(|&nm| {
                let limit = self.limit_at(link, nm).unwrap_or(f64::INFINITY);
                link.true_loss_db(nm, m.method).is_some_and(|l| l <= limit)
            }),
            None => true,
        }
    }

    fn set_reference(
        &mut self,
        link: &mut LinkWork,
        method: RefMethod,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        let at = turn.index;
        let l = link.cord_in(CordRole::Launch)?;
        let mut losses = Vec::new();
        let (mut rec, mut sub) = (None, None);
        match method {
            RefMethod::OneCord => {}
            RefMethod::TwoCord => {
                let r = link.cord_in(CordRole::Receive)?;
                losses.push(link.cords_pair(l, r));
                link.mate_cords(l, r, at, turn.rng);
                rec = Some(r);
            }
            RefMethod::ThreeCord => {
                let r = link.cord_in(CordRole::Receive)?;
                let s = link.cord_in(CordRole::Substitution)?;
                losses.push(link.cords_pair(l, s));
                losses.push(link.cords_pair(s, r));
                link.mate_cords(l, s, at, turn.rng);
                link.mate_cords(s, r, at, turn.rng);
                rec = Some(r);
                sub = Some(s);
            }
        }
        let light = olts::reference_dbm(
            link.setup.source_dbm - link.cords[l].launch_loss_db,
            &losses,
        );
        let dbm = olts::meter_reading_dbm(light, self.source_nm, self.meter_nm);
        let id = |k: Option<usize>| k.map(|k| link.setup.cords[k].id.clone());
        self.references.push(Reference {
            meter_nm: self.meter_nm,
            source_nm: self.source_nm,
            method,
            launch: link.setup.cords[l].id.clone(),
            receive: id(rec),
            substitution: id(sub),
            dbm,
            at,
        });
        Ok(Outcome::of(vec![
            Msg::new("out-reference")
                .msg("method", method_name(method))
                .num("nm", self.meter_nm, 0)
                .num("dbm", dbm, 2),
        ]))
    }

    fn measure_loss(
        &mut self,
        link: &mut LinkWork,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        let at = turn.index;
        let reference = self.reference_now().ok_or_else(|| {
            Refusal::new(Msg::new("refuse-no-reference").num("nm", self.meter_nm, 0))
        })?;
        let l = link.cord_in(CordRole::Launch)?;
        let r = link.cord_in(CordRole::Receive)?;
        let (Some(a), Some(b)) = link.ends() else {
            return Err(Refusal::new(Msg::new("refuse-no-link")));
        };
        link.mate_end(a, l, at, turn.rng);
        link.mate_end(b, r, at, turn.rng);
        let true_loss_db = link.true_loss_db(self.source_nm, self.method());
        let reading = link.link_loss_db(self.source_nm).map(|loss| {
            let light = olts::measured_dbm(
                link.setup.source_dbm - link.cords[l].launch_loss_db,
                link.end_pair(a, l).0,
                loss,
                link.end_pair(b, r).0,
            );
            olts::meter_reading_dbm(light, self.source_nm, self.meter_nm)
        });
        let loss_db = reading.map(|m| olts::insertion_loss_db(self.references[reference].dbm, m));
        self.results.push(LossResult {
            meter_nm: self.meter_nm,
            source_nm: self.source_nm,
            loss_db,
            reference,
            launch: link.setup.cords[l].id.clone(),
            receive: link.setup.cords[r].id.clone(),
            true_loss_db,
            at,
        });
        Ok(Outcome::of(vec![match loss_db {
            Some(v) => Msg::new("out-loss")
                .num("nm", self.meter_nm, 0)
                .num("db", v, 2),
            None => Msg::new("out-no-light"),
        }]))
    }

    /// The measurement's next step at `nm`: the wavelengths set, the cords a reference
    /// mates looked at, the reference, each face the measurement mates looked at and
    /// clean, the measurement.
    fn measure_step(&self, link: &LinkWork, method: RefMethod, nm: f64) -> Msg {
        if (self.source_nm - nm).abs() >= 0.5 || (self.meter_nm - nm).abs() >= 0.5 {
            return Msg::new("hint-wavelength").num("nm", nm, 0);
        }
        let referenced = self
            .reference_now()
            .is_some_and(|r| self.references[r].method == method);
        if !referenced {
            // The cords a reference mates to each other, looked at first.
            let roles: &[CordRole] = match method {
                RefMethod::OneCord => &[],
                RefMethod::TwoCord => &[CordRole::Launch, CordRole::Receive],
                RefMethod::ThreeCord => {
                    &[CordRole::Launch, CordRole::Substitution, CordRole::Receive]
                }
            };
            for r in roles {
                let Some(k) = link.role(*r) else { continue };
                let id = link.setup.cords[k].id.clone();
                if !link.face_seen(&id, Face::Plug) {
                    return Msg::new("hint-inspect")
                        .text("id", id)
                        .msg("face", face_name(Face::Plug));
                }
            }
            return Msg::new("hint-reference").msg("method", method_name(method));
        }
        // Each face the measurement mates, looked at (and clean) first.
        for (id, face) in link.faces_to_measure() {
            if !link.face_seen(&id, face) {
                return Msg::new("hint-inspect")
                    .text("id", id)
                    .msg("face", face_name(face));
            }
            if link
                .face(&id, face)
                .is_some_and(|(f, p)| !passes(&f.marks, p))
            {
                return Msg::new("hint-clean-face")
                    .text("id", id)
                    .msg("face", face_name(face));
            }
        }
        Msg::new("hint-measure").num("nm", nm, 0)
    }

    /// What a budget task asks, as a line.
    pub fn budget_line(_t: &BudgetTask) -> Msg {
        Msg::new("task-budget")
    }

    /// What a measurement task asks, as a line.
    pub fn measure_line(t: &MeasureTask) -> Msg {
        Msg::new("task-measure")
            .msg("method", method_name(t.method))
            .text(
                "nm",
                t.wavelengths_nm
                    .iter()
                    .map(|w| format!("{w}"))
                    .collect::<Vec<_>>()
                    .join(", "),
            )
    }
}

impl Station for Meter {
    type Task = MeterTasks;
    type Action = MeterAction;
    type Shared = LinkWork;

    fn generate(task: &MeterTasks, _on: &LinkWork, _rng: &mut SimRng) -> Meter {
        Meter {
            tasks: task.clone(),
            source_nm: 1310.0,
            meter_nm: 1310.0,
            references: Vec::new(),
            results: Vec::new(),
            budgets: Vec::new(),
            verdict: None,
        }
    }

    fn apply(
        &mut self,
        link: &mut LinkWork,
        action: &MeterAction,
        turn: &mut Turn<'_>,
    ) -> Result<Outcome, Refusal> {
        let at = turn.index;
        match action {
            MeterAction::EnterBudget {
                wavelength_nm,
                budget_db,
            } => {
                if !BUDGET_DB.contains(*budget_db) {
                    return Err(Refusal::new(
                        Msg::new("refuse-budget").num("min", BUDGET_DB.min, 0).num(
                            "max",
                            BUDGET_DB.max,
                            0,
                        ),
                    ));
                }
                self.budgets
                    .retain(|(w, _)| (w - wavelength_nm).abs() >= 0.5);
                self.budgets.push((*wavelength_nm, *budget_db));
                Ok(Outcome::of(vec![
                    Msg::new("out-budget")
                        .num("nm", *wavelength_nm, 0)
                        .num("db", *budget_db, 2),
                ]))
            }
            MeterAction::SetSource { wavelength_nm } => {
                link.wavelength_offered(*wavelength_nm)?;
                self.source_nm = *wavelength_nm;
                Ok(Outcome::of(vec![Msg::new("out-set-source").num(
                    "nm",
                    *wavelength_nm,
                    0,
                )]))
            }
            MeterAction::SetMeter { wavelength_nm } => {
                link.wavelength_offered(*wavelength_nm)?;
                self.meter_nm = *wavelength_nm;
                Ok(Outcome::of(vec![Msg::new("out-set-meter").num(
                    "nm",
                    *wavelength_nm,
                    0,
                )]))
            }
            MeterAction::UseCord { role, cord } => {
                let k = link
                    .cord_index(cord)
                    .ok_or_else(|| no_such("refuse-no-cord-id", cord))?;
                let slot = match role {
                    CordRole::Launch => &mut link.launch,
                    CordRole::Receive => &mut link.receive,
                    CordRole::Substitution => &mut link.substitution,
                };
                *slot = Some(cord.clone());
                // Re-connecting a launch cord to the source couples it anew.
                if *role == CordRole::Launch {
                    let (lo, hi) = (
                        link.setup.cords[k].launch_loss_db.min(),
                        link.setup.cords[k].launch_loss_db.max(),
                    );
                    link.cords[k].launch_loss_db = turn.rng.range_f64(lo, hi.max(lo));
                    link.launch_coupled.push((at, cord.clone()));
                }
                Ok(Outcome::of(vec![
                    Msg::new("out-use-cord")
                        .msg("role", role_name(*role))
                        .text("id", cord.clone()),
                ]))
            }
            MeterAction::SetReference { method } => self.set_reference(link, *method, turn),
            MeterAction::MeasureLoss => self.measure_loss(link, turn),
            MeterAction::LinkVerdict { pass } => {
                self.verdict = Some(*pass);
                Ok(Outcome::of(vec![Msg::new(if *pass {
                    "out-link-pass"
                } else {
                    "out-link-fail"
                })]))
            }
        }
    }

    /// The budget at each wavelength the task defines one for, then each wavelength of
    /// the measurement in turn, then the verdict.
    fn next_step(&self, link: &LinkWork) -> Option<Msg> {
        for &nm in &link.wavelengths {
            if self.budget_at(link, nm).is_some()
                && !self.budgets.iter().any(|b| (b.0 - nm).abs() < 0.5)
            {
                return Some(Msg::new("hint-budget").num("nm", nm, 0));
            }
        }
        let m = self.measure()?;
        for &nm in &m.wavelengths_nm {
            let done = self.results.iter().any(|r| (r.source_nm - nm).abs() < 0.5);
            if !done {
                return Some(self.measure_step(link, m.method, nm));
            }
        }
        self.verdict.is_none().then(|| Msg::new("hint-verdict"))
    }

    fn task_lines(&self, _link: &LinkWork) -> Vec<Msg> {
        let mut out: Vec<Msg> = self.tasks.budgets.iter().map(Meter::budget_line).collect();
        out.extend(self.measure().map(Meter::measure_line));
        out
    }
}

pub fn method_name(m: RefMethod) -> Msg {
    Msg::new(match m {
        RefMethod::OneCord => "method-one-cord",
        RefMethod::TwoCord => "method-two-cord",
        RefMethod::ThreeCord => "method-three-cord",
    })
}
