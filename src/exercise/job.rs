//! A job: stages chained on the same fibres, worked one after the other. Today a job is
//! the splicing stage, then the OTDR test of each spliced fibre on the link the trainee's
//! own splices made; a routing stage can be put in front.
//!
//! What flows from a stage to the next is typed: the splicing stage hands on its splice
//! records ([`SplicedPair`]: the splice that stands for each pair), which become link
//! elements ([`FibreLink`]: the splice's true losses per wavelength and its loop in the
//! tray, or the open end), which the test stage builds each fibre's link with. Inside the
//! splicing stage the preparation hands the splicer prepared ends
//! ([`super::prep::PreparedEnd`]).

use serde::Serialize;
use serde_json::{Value, json};

use super::audit::AuditState;
use super::boxwork::BoxWork;
use super::closure::OrderState;
use super::connect::ConnectState;
use super::otdr::OtdrState;
use super::prep::FibreRef;
use super::routing::RoutingState;
use super::splice::{SpliceRecord, SpliceState, mechanical_result, mechanical_words};
use super::{Action, Bench, JobAction, Outcome, Progress, Refusal, Summary, Turn, turn};
use crate::i18n::Msg;
use crate::physics::link::{Element, fresnel_db};
use crate::physics::splice::CORE_INDEX;
use crate::rng::SimRng;
use crate::scenario::Attachments;
use crate::scenario::job::{JobSetup, JobStage};
use crate::scenario::otdr::TraceSource;

mod test_stage;
pub use test_stage::{FibreLink, JobTest, TestedFibre};

/// A stage of a job as it is worked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Stage {
    Audit(Box<AuditState>),
    Work(Box<BoxWork>),
    Order(Box<OrderState>),
    Route(Box<RoutingState>),
    Splice(Box<SpliceState>),
    Connect(Box<ConnectState>),
    Test(JobTest),
}

impl Stage {
    fn kind(&self) -> JobStage {
        match self {
            Stage::Audit(_) => JobStage::Audit,
            Stage::Work(_) => JobStage::Work,
            Stage::Order(_) => JobStage::Order,
            Stage::Route(_) => JobStage::Route,
            Stage::Splice(_) => JobStage::Splice,
            Stage::Connect(_) => JobStage::Connect,
            Stage::Test(_) => JobStage::Test,
        }
    }
}

/// A pair as the splicing stage leaves it: the splice that stands for it, if any, and
/// whether the left end was cleaved (an open cleaved end reflects).
#[derive(Clone, Debug, PartialEq)]
pub struct SplicedPair {
    pub pair: [FibreRef; 2],
    pub record: Option<SpliceRecord>,
    pub left_cleaved: bool,
}

impl From<&SplicedPair> for FibreLink {
    fn from(p: &SplicedPair) -> FibreLink {
        FibreLink {
            pair: p.pair,
            elements: closure_elements(p.record.as_ref(), p.left_cleaved),
        }
    }
}

/// The splicing stage's hand-off: each pair with its final splice.
pub fn spliced_pairs(sp: &SpliceState) -> Vec<SplicedPair> {
    sp.pairs()
        .into_iter()
        .map(|pair| SplicedPair {
            pair,
            record: sp.final_record(pair).cloned(),
            left_cleaved: sp.benches[0]
                .fibre(pair[0])
                .is_some_and(|f| f.cleave.is_some()),
        })
        .collect()
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobState {
    /// The set-up the job was drawn from.
    pub setup: JobSetup,
    /// The stages reached so far, in order: the last is the one being worked.
    pub stages: Vec<Stage>,
    /// With a routing stage first: the splicing bench, drawn with the job and waiting
    /// for the cable to be pulled.
    pub splice_waiting: Option<Box<SpliceState>>,
    pub progress: Progress,
}

/// What the closure holds on a fibre's path, as link elements: the splice that stands
/// (its true losses at 1310 and 1550 nm, the bend of its loop in the tray added, as the
/// OTDR cannot part two losses a few centimetres apart), or the fibre left open there.
pub fn closure_elements(record: Option<&SpliceRecord>, left_cleaved: bool) -> Vec<Element> {
    let Some(r) = record.filter(|r| r.standing()) else {
        // An unspliced end: a cleaved face reflects as glass to air; a cut one hardly.
        let reflectance_db = left_cleaved.then(|| fresnel_db(CORE_INDEX));
        return vec![Element::Break { reflectance_db }];
    };
    let bend_1550 = r.tray_bend_loss_1550_db();
    let bend_1310 = Element::macrobend_loss_db(bend_1550, 1310.0);
    let loss_db = r.joint.true_loss_db(1550.0) + bend_1550;
    let loss_1310_db = Some(r.joint.true_loss_db(1310.0) + bend_1310);
    match r.joint.reflectance_db(1550.0) {
        None => vec![Element::FusionSplice {
            loss_db,
            loss_1310_db,
        }],
        Some(reflectance_db) => vec![Element::MechanicalSplice {
            loss_db,
            reflectance_db,
            loss_1310_db,
        }],
    }
}

impl Bench for JobState {
    type Setup = JobSetup;

    fn generate(setup: &JobSetup, files: &Attachments, rng: &mut SimRng) -> JobState {
        // An audit is the whole job: the box as found, nothing to splice.
        if let Some(a) = &setup.audit {
            return JobState {
                setup: setup.clone(),
                stages: vec![Stage::Audit(Box::new(AuditState::generate(a, rng)))],
                splice_waiting: None,
                progress: Progress::default(),
            };
        }
        // A box worked to its plan is the whole job too.
        if let Some(w) = &setup.work {
            return JobState {
                setup: setup.clone(),
                stages: vec![Stage::Work(Box::new(BoxWork::new(w)))],
                splice_waiting: None,
                progress: Progress::default(),
            };
        }
        // With a work order first, the splicing bench is drawn once the trainee has named
        // the fibre to splice (it prepares that one).
        if let Some(o) = &setup.order {
            return JobState {
                setup: setup.clone(),
                stages: vec![Stage::Order(Box::new(OrderState::generate(o, rng)))],
                splice_waiting: None,
                progress: Progress::default(),
            };
        }
        let splice = Box::new(SpliceState::generate(&setup.splice, files, rng));
        // The route is drawn after the splicing bench, so that a job without one draws
        // as it always has.
        let (stages, splice_waiting) = match &setup.route {
            Some(r) => (
                vec![Stage::Route(Box::new(RoutingState::generate(
                    r, files, rng,
                )))],
                Some(splice),
            ),
            None => (vec![Stage::Splice(splice)], None),
        };
        JobState {
            setup: setup.clone(),
            stages,
            splice_waiting,
            progress: Progress::default(),
        }
    }

    fn apply(&mut self, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let r = self.stage_step(action, t);
        if self.mechanical() {
            mechanical_result(r)
        } else {
            r
        }
    }

    /// The stage's own hint (counted by the stage).
    fn hint(&mut self) -> Result<Msg, Refusal> {
        let m = self.stage_hint();
        self.words(m)
    }

    fn next_step(&self) -> Result<Msg, Refusal> {
        self.words(self.stage_next_step())
    }

    fn task_lines(&self) -> Vec<Msg> {
        let v = self.stage_task_lines();
        if self.mechanical() {
            v.into_iter().map(mechanical_words).collect()
        } else {
            v
        }
    }

    fn progress(&self) -> &Progress {
        &self.progress
    }

    fn progress_mut(&mut self) -> &mut Progress {
        &mut self.progress
    }

    fn summary(&self) -> Summary {
        let tests: Vec<Value> = self
            .test_stage()
            .iter()
            .flat_map(|t| &t.fibres)
            .map(|f| {
                json!({
                    "fibres": serde_json::to_value(f.pair).unwrap_or(Value::Null),
                    "link": serde_json::to_value(&f.otdr.link).unwrap_or(Value::Null),
                    "otdr": f.otdr.work_json(),
                })
            })
            .collect();
        let sp = self.splice_stage();
        let mut result = json!({
                "route": self.route_stage().map(|r| r.summary().result).unwrap_or(Value::Null),
                "splices": sp.map(SpliceState::splices_json).unwrap_or(Value::Null),
                "connect": self.connect_stage().map(|c| c.summary().result).unwrap_or(Value::Null),
                "tests": tests,
        });
        // Only a job that starts at the box has the key (the summaries of the others, kept
        // with their attempts, stay as they were).
        if let (Some(o), Some(map)) = (self.order_stage(), result.as_object_mut()) {
            map.insert("order".into(), o.json());
        }
        if let (Some(a), Some(map)) = (self.audit_stage(), result.as_object_mut()) {
            map.insert("audit".into(), a.json());
        }
        if let (Some(w), Some(map)) = (self.box_work(), result.as_object_mut()) {
            map.insert("box".into(), w.json());
        }
        Summary {
            drawn: sp.map(SpliceState::drawn_json).unwrap_or(Value::Null),
            key: "job",
            result,
        }
    }
}

impl JobState {
    /// An action on the stage being worked (a job's own actions first).
    fn stage_step(&mut self, action: &Action, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        if let Some(a) = action.job() {
            return self.job_step(a, t);
        }
        let refuse = |key: &str| Err(Refusal::new(Msg::new(key)));
        match self.stages.last_mut() {
            Some(Stage::Audit(_)) => refuse("refuse-job-audit-only"),
            Some(Stage::Work(_)) => refuse("refuse-job-box-only"),
            Some(Stage::Order(_)) => refuse("refuse-job-order-first"),
            Some(Stage::Route(r)) => {
                if action.routing().is_none() {
                    return refuse("refuse-job-route-first");
                }
                turn(&mut **r, action, t)
            }
            Some(Stage::Splice(sp)) => {
                if action.otdr().is_some() {
                    return refuse("refuse-job-splicing-first");
                }
                if action.connect().is_some() {
                    return refuse("refuse-job-outlet-later");
                }
                if action.routing().is_some() {
                    return refuse("refuse-job-route-over");
                }
                turn(&mut **sp, action, t)
            }
            Some(Stage::Connect(c)) => {
                if action.connect().is_none() {
                    return refuse("refuse-job-splicing-over");
                }
                turn(&mut **c, action, t)
            }
            Some(Stage::Test(test)) => {
                if action.otdr().is_none() {
                    return refuse("refuse-job-splicing-over");
                }
                let Some(f) = test.fibres.get_mut(test.current) else {
                    return refuse("refuse-job-no-fibre");
                };
                turn(&mut f.otdr, action, t)
            }
            None => refuse("refuse-job-no-fibre"),
        }
    }

    /// The stage's own hint (counted by the stage).
    fn stage_hint(&mut self) -> Result<Msg, Refusal> {
        // At the box (the order, the audit, the box built) the hint is the next step,
        // counted here.
        if let Some(Stage::Order(_) | Stage::Audit(_) | Stage::Work(_)) = self.stages.last() {
            let m = self.stage_next_step()?;
            self.progress.hints_used += 1;
            return Ok(m);
        }
        match self.stages.last_mut() {
            Some(Stage::Audit(_)) | Some(Stage::Work(_)) | Some(Stage::Order(_)) => {
                Err(Refusal::new(Msg::new("refuse-job-no-fibre")))
            }
            Some(Stage::Route(r)) => {
                let m = r.hint()?;
                Ok(Self::at_the_end_of_routing(m))
            }
            Some(Stage::Splice(sp)) => {
                let m = sp.hint()?;
                Ok(Self::at_the_end_of_splicing(m))
            }
            Some(Stage::Connect(c)) => {
                let more = self.setup.otdr.is_some();
                let m = c.hint()?;
                Ok(Self::at_the_end_of_connecting(m, more))
            }
            Some(Stage::Test(test)) => match test.fibres.get_mut(test.current) {
                Some(f) => f.otdr.hint(),
                None => Err(Refusal::new(Msg::new("refuse-job-no-fibre"))),
            },
            None => Err(Refusal::new(Msg::new("refuse-job-no-fibre"))),
        }
    }

    fn stage_next_step(&self) -> Result<Msg, Refusal> {
        match self.stages.last() {
            Some(Stage::Audit(a)) => Ok(a.next_step()),
            Some(Stage::Work(w)) => Ok(w.next_step(self.setup.splice.prep.colour_code)),
            Some(Stage::Order(o)) => Ok(o.next_step(self.setup.splice.prep.colour_code)),
            Some(Stage::Route(r)) => r.next_step().map(Self::at_the_end_of_routing),
            Some(Stage::Splice(sp)) => sp.next_step().map(Self::at_the_end_of_splicing),
            Some(Stage::Connect(c)) => {
                let more = self.setup.otdr.is_some();
                c.next_step()
                    .map(|m| Self::at_the_end_of_connecting(m, more))
            }
            Some(Stage::Test(test)) => match test.fibres.get(test.current) {
                Some(f) => f.otdr.next_step(),
                None => Err(Refusal::new(Msg::new("refuse-job-no-fibre"))),
            },
            None => Err(Refusal::new(Msg::new("refuse-job-no-fibre"))),
        }
    }

    fn stage_task_lines(&self) -> Vec<Msg> {
        match self.stages.last() {
            Some(Stage::Audit(a)) => a.task_lines(),
            Some(Stage::Work(w)) => w.task_lines(),
            Some(Stage::Order(o)) => o.task_lines(),
            Some(Stage::Route(r)) => {
                let mut v = vec![Msg::new("task-job-route-then")];
                v.extend(r.task_lines());
                v
            }
            Some(Stage::Splice(sp)) => {
                let then = if self.setup.connect.is_some() {
                    "task-job-then-connect"
                } else {
                    "task-job-then-test"
                };
                let mut v = vec![Msg::new(then)];
                v.extend(sp.task_lines());
                v
            }
            Some(Stage::Connect(c)) => {
                let mut v = vec![Msg::new("task-job-stage-connect")];
                v.extend(c.task_lines());
                v
            }
            Some(Stage::Test(t)) => {
                let Some(code) = self.splice_stage().map(|s| s.benches[0].colour_code) else {
                    return Vec::new();
                };
                let n = t.fibres.len() as u32;
                let Some(f) = t.fibres.get(t.current) else {
                    return vec![Msg::new("task-job-stage-test").int("n", n)];
                };
                let mut v = vec![
                    Msg::new("task-job-testing")
                        .msg("fibre", f.pair[0].describe(code))
                        .int("i", t.current as u32 + 1)
                        .int("n", n),
                ];
                v.extend(f.otdr.task_lines());
                v
            }
            None => Vec::new(),
        }
    }

    /// The splicing stage is a mechanical splice: the job speaks of an element.
    fn mechanical(&self) -> bool {
        self.setup.splice.method.is_mechanical()
    }

    /// A hint in the job's words.
    fn words(&self, m: Result<Msg, Refusal>) -> Result<Msg, Refusal> {
        if !self.mechanical() {
            return m;
        }
        match m {
            Ok(m) => Ok(mechanical_words(m)),
            Err(r) => Err(Refusal::new(mechanical_words(r.reason))),
        }
    }

    /// At the end of the routing, the next step of a job is the splicing.
    fn at_the_end_of_routing(m: Msg) -> Msg {
        if m.key == "hint-route-finish" {
            Msg::new("hint-job-next-stage")
        } else {
            m
        }
    }

    /// The work order's stage (done or in progress).
    pub fn order_stage(&self) -> Option<&OrderState> {
        self.stages.iter().find_map(|s| match s {
            Stage::Order(o) => Some(&**o),
            Stage::Audit(_)
            | Stage::Work(_)
            | Stage::Route(_)
            | Stage::Splice(_)
            | Stage::Connect(_)
            | Stage::Test(_) => None,
        })
    }

    /// The test stage begins: what it says.
    fn begin_test(&mut self, test: JobTest) -> Outcome {
        let n = test.fibres.len() as u32;
        self.stages.push(Stage::Test(test));
        Outcome::of(vec![Msg::new("out-job-test-stage").int("n", n)])
    }

    /// The box worked to its plan (such a job's one stage).
    pub fn box_work(&self) -> Option<&BoxWork> {
        self.stages.iter().find_map(|s| match s {
            Stage::Work(w) => Some(&**w),
            Stage::Audit(_)
            | Stage::Order(_)
            | Stage::Route(_)
            | Stage::Splice(_)
            | Stage::Connect(_)
            | Stage::Test(_) => None,
        })
    }

    /// The audit (an audit job's one stage).
    pub fn audit_stage(&self) -> Option<&AuditState> {
        self.stages.iter().find_map(|s| match s {
            Stage::Audit(a) => Some(&**a),
            Stage::Work(_)
            | Stage::Order(_)
            | Stage::Route(_)
            | Stage::Splice(_)
            | Stage::Connect(_)
            | Stage::Test(_) => None,
        })
    }

    /// The job stopped at the box on a reported mismatch.
    pub fn stopped_on_report(&self) -> Option<crate::scenario::closure::order::RouteCode> {
        self.order_stage().and_then(|o| o.report)
    }

    /// The routing stage (done or in progress).
    pub fn route_stage(&self) -> Option<&RoutingState> {
        self.stages.iter().find_map(|s| match s {
            Stage::Route(r) => Some(&**r),
            Stage::Audit(_)
            | Stage::Work(_)
            | Stage::Order(_)
            | Stage::Splice(_)
            | Stage::Connect(_)
            | Stage::Test(_) => None,
        })
    }

    /// The routing bench, while the routing stage is the one worked.
    pub fn routing(&self) -> Option<&RoutingState> {
        match self.stages.last() {
            Some(Stage::Route(r)) => Some(r),
            Some(Stage::Audit(_))
            | Some(Stage::Work(_))
            | Some(Stage::Order(_))
            | Some(Stage::Splice(_))
            | Some(Stage::Connect(_))
            | Some(Stage::Test(_))
            | None => None,
        }
    }

    /// At the end of the splicing, the next step of a job is the test.
    fn at_the_end_of_splicing(m: Msg) -> Msg {
        // The splicing bench's last hint, in a fusion's words or an element's.
        if m.key == "hint-splice-finish" || m.key == "hint-mech-finish" {
            Msg::new("hint-job-next-stage")
        } else {
            m
        }
    }

    /// The stage being worked.
    pub fn stage(&self) -> JobStage {
        self.stages
            .last()
            .map(Stage::kind)
            .unwrap_or(JobStage::Splice)
    }

    /// The splicing stage (done or in progress).
    pub fn splice_stage(&self) -> Option<&SpliceState> {
        self.stages.iter().find_map(|s| match s {
            Stage::Splice(sp) => Some(&**sp),
            Stage::Audit(_)
            | Stage::Work(_)
            | Stage::Order(_)
            | Stage::Route(_)
            | Stage::Connect(_)
            | Stage::Test(_) => None,
        })
    }

    /// The test stage, once reached.
    pub fn test_stage(&self) -> Option<&JobTest> {
        self.stages.iter().find_map(|s| match s {
            Stage::Test(t) => Some(t),
            Stage::Audit(_)
            | Stage::Work(_)
            | Stage::Order(_)
            | Stage::Route(_)
            | Stage::Splice(_)
            | Stage::Connect(_) => None,
        })
    }

    /// The splicing bench, while the splicing stage is the one worked.
    pub fn splicing(&self) -> Option<&SpliceState> {
        match self.stages.last() {
            Some(Stage::Splice(sp)) => Some(sp),
            Some(Stage::Audit(_))
            | Some(Stage::Work(_))
            | Some(Stage::Order(_))
            | Some(Stage::Route(_))
            | Some(Stage::Connect(_))
            | Some(Stage::Test(_))
            | None => None,
        }
    }

    /// The connecting stage (done or in progress).
    pub fn connect_stage(&self) -> Option<&ConnectState> {
        self.stages.iter().find_map(|s| match s {
            Stage::Connect(c) => Some(&**c),
            Stage::Audit(_)
            | Stage::Work(_)
            | Stage::Order(_)
            | Stage::Route(_)
            | Stage::Splice(_)
            | Stage::Test(_) => None,
        })
    }

    /// The connecting bench, while the connecting stage is the one worked.
    pub fn connecting(&self) -> Option<&ConnectState> {
        match self.stages.last() {
            Some(Stage::Connect(c)) => Some(c),
            Some(Stage::Audit(_))
            | Some(Stage::Work(_))
            | Some(Stage::Order(_))
            | Some(Stage::Route(_))
            | Some(Stage::Splice(_))
            | Some(Stage::Test(_))
            | None => None,
        }
    }

    /// At the end of the connecting, the next step is the test when there is one.
    fn at_the_end_of_connecting(m: Msg, more: bool) -> Msg {
        if more && m.key == "hint-connect-finish" {
            Msg::new("hint-job-next-stage")
        } else {
            m
        }
    }

    /// The OTDR bench of the fibre connected now (test stage).
    pub fn current_otdr(&self) -> Option<&OtdrState> {
        let t = self.test_stage()?;
        t.fibres.get(t.current).map(|f| &f.otdr)
    }

    /// The cable the routing stage laid, as the link's `JobRoute` elements.
    fn laid_cable(&self) -> Vec<Element> {
        let Some(TraceSource::Link(spec)) = self.setup.otdr.as_ref().map(|o| &o.source) else {
            // A job whose line is the connecting stage's: the drop as laid, in the fibre
            // of drops (G.657.A2).
            return match self.route_stage() {
                Some(r) => r.laid_elements(crate::physics::fibre::FibreType::G657A2),
                None => Vec::new(),
            };
        };
        let fibre = spec.elements.iter().find_map(|e| match e {
            crate::scenario::otdr::ElementSpec::JobRoute { fibre } => Some(*fibre),
            crate::scenario::otdr::ElementSpec::Fibre { .. }
            | crate::scenario::otdr::ElementSpec::Connector { .. }
            | crate::scenario::otdr::ElementSpec::FusionSplice { .. }
            | crate::scenario::otdr::ElementSpec::MechanicalSplice { .. }
            | crate::scenario::otdr::ElementSpec::Splitter { .. }
            | crate::scenario::otdr::ElementSpec::Macrobend { .. }
            | crate::scenario::otdr::ElementSpec::Break { .. }
            | crate::scenario::otdr::ElementSpec::JobSplice => None,
        });
        match (self.route_stage(), fibre) {
            (Some(r), Some(f)) => r.laid_elements(f),
            (Some(_), None) | (None, Some(_)) | (None, None) => Vec::new(),
        }
    }

    fn job_step(&mut self, a: &JobAction, t: &mut Turn<'_>) -> Result<Outcome, Refusal> {
        let refuse = |key: &str| Err(Refusal::new(Msg::new(key)));
        match a {
            JobAction::FileDefect {
                fault,
                location,
                position,
            } => match self.stages.last_mut() {
                Some(Stage::Audit(a)) => a.file(fault, location, position.as_deref()),
                Some(_) | None => refuse("refuse-audit-not-here"),
            },
            JobAction::WithdrawDefect { index } => match self.stages.last_mut() {
                Some(Stage::Audit(a)) => a.withdraw(*index),
                Some(_) | None => refuse("refuse-audit-not-here"),
            },
            JobAction::OpenWindow { .. }
            | JobAction::CutTube { .. }
            | JobAction::PassTube { .. }
            | JobAction::PlaceFibre { .. }
            | JobAction::CoilFibre { .. }
            | JobAction::CloseBox { .. }
            | JobAction::OpenBox
            | JobAction::RedLight { .. } => {
                let code = self.setup.splice.prep.colour_code;
                match self.stages.last_mut() {
                    Some(Stage::Work(w)) => w.apply(a, code),
                    Some(_) | None => refuse("refuse-box-not-here"),
                }
            }
            JobAction::LocateFibre { position } => match self.stages.last_mut() {
                Some(Stage::Order(o)) => o.locate(position),
                Some(_) | None => refuse("refuse-order-over"),
            },
            JobAction::ReportRoute { code } => match self.stages.last_mut() {
                Some(Stage::Order(o)) => o.report_route(*code),
                Some(_) | None => refuse("refuse-order-over"),
            },
            JobAction::NextStage => {
                if let Some(Stage::Audit(_)) = self.stages.last() {
                    return refuse("refuse-job-audit-only");
                }
                if let Some(Stage::Work(w)) = self.stages.last() {
                    // The recette from the PM, where the job has one: each fibre spliced
                    // in the box, through its coil.
                    let Some(otdr) = &self.setup.otdr else {
                        return refuse("refuse-job-box-only");
                    };
                    let test = JobTest::of_box(otdr, w, self.setup.splice.left_fibre, t)?;
                    return Ok(self.begin_test(test));
                }
                if let Some(Stage::Order(o)) = self.stages.last() {
                    if o.report.is_some() {
                        return refuse("refuse-order-reported");
                    }
                    if o.located.is_none() {
                        return refuse("refuse-order-not-located");
                    }
                    let Some(task) = o.task() else {
                        return refuse("refuse-order-no-fibre-there");
                    };
                    // The splicing bench, drawn now, prepares the fibre named.
                    let mut setup = self.setup.splice.clone();
                    setup.prep.tasks = vec![crate::scenario::prep::PrepTask::PrepareFibre {
                        tube: task.tube.map(crate::scenario::Varying::Fixed),
                        fibre: crate::scenario::Varying::Fixed(task.fibre),
                    }];
                    let sp = SpliceState::generate(&setup, &Attachments::default(), t.rng);
                    self.stages.push(Stage::Splice(Box::new(sp)));
                    return Ok(Outcome::of(vec![Msg::new("out-job-splice-stage")]));
                }
                if let Some(Stage::Route(r)) = self.stages.last() {
                    if !r.laid() {
                        return refuse("refuse-job-route-not-pulled");
                    }
                    let Some(sp) = self.splice_waiting.take() else {
                        return refuse("refuse-job-last-stage");
                    };
                    self.stages.push(Stage::Splice(sp));
                    return Ok(Outcome::of(vec![Msg::new("out-job-splice-stage")]));
                }
                // The next stage starts from what the current one hands on.
                let mut pairs: Vec<SplicedPair> = match self.stages.last() {
                    Some(Stage::Splice(sp)) => {
                        if sp.splicer.in_splicer.is_some() {
                            return refuse("refuse-job-splice-in-splicer");
                        }
                        spliced_pairs(sp)
                    }
                    Some(Stage::Connect(_)) => match self.splice_stage() {
                        Some(sp) => spliced_pairs(sp),
                        None => return refuse("refuse-job-last-stage"),
                    },
                    Some(Stage::Audit(_))
                    | Some(Stage::Work(_))
                    | Some(Stage::Order(_))
                    | Some(Stage::Route(_))
                    | Some(Stage::Test(_))
                    | None => {
                        return refuse("refuse-job-last-stage");
                    }
                };
                let route = self.laid_cable();
                // A fibre named at the box that brings no light from the PM: whatever the
                // splice, none reaches the outlet (the line ends there for the light).
                if self.order_stage().is_some_and(|o| !o.lit()) {
                    for p in &mut pairs {
                        p.record = None;
                        p.left_cleaved = false;
                    }
                }
                let splicing = matches!(self.stages.last(), Some(Stage::Splice(_)));
                if splicing && let Some(setup) = &self.setup.connect {
                    let mut c = ConnectState::generate(setup, &Attachments::default(), t.rng);
                    // The first pair's splice as the OTDR stage reads it too (its
                    // elements), or no light where there is none.
                    let splice = pairs.first().map_or_else(
                        || {
                            vec![Element::Break {
                                reflectance_db: None,
                            }]
                        },
                        |p| FibreLink::from(p).elements,
                    );
                    c.link.join(splice, route);
                    self.stages.push(Stage::Connect(Box::new(c)));
                    return Ok(Outcome::of(vec![Msg::new("out-job-connect-stage")]));
                }
                let Some(otdr) = &self.setup.otdr else {
                    return refuse("refuse-job-last-stage");
                };
                let links: Vec<FibreLink> = pairs.iter().map(FibreLink::from).collect();
                let test =
                    JobTest::start(otdr, &links, &route, self.connect_stage(), t.at_ms, t.rng);
                Ok(self.begin_test(test))
            }
            JobAction::TestFibre { tube, fibre } => {
                if !matches!(self.stages.last(), Some(Stage::Test(_))) {
                    return refuse("refuse-job-splicing-first");
                }
                let code = self.setup.splice.prep.colour_code;
                let id = match self.splice_stage().map(|s| &s.benches[0]) {
                    Some(left) => left.find_fibre(*tube, *fibre)?,
                    // A box worked to its plan: the cable's fibre by its colours.
                    None => FibreRef {
                        tube: tube.map(|c| code.position(c)),
                        fibre: code.position(*fibre),
                    },
                };
                let Some(Stage::Test(test)) = self.stages.last_mut() else {
                    return refuse("refuse-job-splicing-first");
                };
                let Some(i) = test.fibres.iter().position(|f| f.pair[0] == id) else {
                    return refuse("refuse-job-fibre-not-in-job");
                };
                test.current = i;
                Ok(Outcome::of(vec![
                    Msg::new("out-job-connected").msg("fibre", id.describe(code)),
                ]))
            }
        }
    }
}
