//! A job: the splicing stage, then the OTDR test of each spliced fibre on the link the
//! trainee's own splices made. What flows from one stage to the next is the splices'
//! true losses per wavelength and their loops in the tray: they become the link's event
//! at the closure, where the OTDR stage measures them like any other event.

use serde::Serialize;

use super::otdr::{DrawnLink, OtdrState};
use super::prep::{Action, FibreRef};
use super::splice::{SpliceRecord, SpliceState};
use super::{Outcome, Refusal};
use crate::i18n::Msg;
use crate::physics::link::{Element, fresnel_db};
use crate::physics::splice::CORE_INDEX;
use crate::scenario::Mode;
use crate::scenario::job::{JobSetup, JobStage};
use crate::scenario::otdr::TraceSource;
use crate::scenario::rng::SimRng;

/// One fibre of the job at the test stage: the pair spliced and its OTDR bench.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TestedFibre {
    /// Left (end A) and right fibre of the pair.
    pub pair: [FibreRef; 2],
    pub otdr: OtdrState,
}

/// The test stage: one OTDR bench per spliced fibre, the one connected now.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobTest {
    pub started_at_ms: u64,
    pub fibres: Vec<TestedFibre>,
    /// Index in `fibres` of the fibre the OTDR is connected to.
    pub current: usize,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct JobState {
    pub splice: Box<SpliceState>,
    /// `None` while the splicing stage lasts.
    pub test: Option<JobTest>,
    pub finished_at_ms: Option<u64>,
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

impl JobState {
    pub fn generate(setup: &JobSetup, rng: &mut SimRng) -> JobState {
        JobState {
            splice: Box::new(SpliceState::generate(&setup.splice, rng)),
            test: None,
            finished_at_ms: None,
        }
    }

    pub fn stage(&self) -> JobStage {
        if self.test.is_some() {
            JobStage::Test
        } else {
            JobStage::Splice
        }
    }

    /// The OTDR bench of the fibre connected now (test stage).
    pub fn current_otdr(&self) -> Option<&OtdrState> {
        let t = self.test.as_ref()?;
        t.fibres.get(t.current).map(|f| &f.otdr)
    }

    /// Builds the test stage from the splices as they stand: one link per pair, drawn
    /// once for the cable (the same lengths and connectors for every fibre) with each
    /// fibre's own closure.
    fn start_test(&mut self, setup: &JobSetup, at_ms: u64, rng: &mut SimRng) -> JobTest {
        let TraceSource::Link(spec) = &setup.otdr.source else {
            // Refused by validation; a test stage with no fibre says so.
            return JobTest {
                started_at_ms: at_ms,
                fibres: Vec::new(),
                current: 0,
            };
        };
        let fibres = self
            .splice
            .pairs()
            .into_iter()
            .map(|pair| {
                let record = self.splice.final_record(pair);
                let cleaved = self.splice.benches[0]
                    .fibre(pair[0])
                    .is_some_and(|f| f.cleave.is_some());
                let closure = closure_elements(record, cleaved);
                let mut r = rng.clone();
                TestedFibre {
                    pair,
                    otdr: OtdrState::on_link(DrawnLink::generate(
                        spec,
                        &setup.otdr,
                        &closure,
                        &mut r,
                    )),
                }
            })
            .collect();
        JobTest {
            started_at_ms: at_ms,
            fibres,
            current: 0,
        }
    }

    pub fn task_lines(&self, setup: &JobSetup) -> Vec<Msg> {
        match &self.test {
            None => {
                let mut v = vec![Msg::new("task-job-then-test")];
                v.extend(self.splice.task_lines(&setup.splice));
                v
            }
            Some(t) => {
                let code = self.splice.benches[0].colour_code;
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
                v.extend(f.otdr.task_lines(&setup.otdr));
                v
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    pub fn apply(
        &mut self,
        setup: &JobSetup,
        mode: Mode,
        index: usize,
        at_ms: u64,
        action: &Action,
        rng: &mut SimRng,
    ) -> Result<Outcome, Refusal> {
        let refuse = |key: &str| Err(Refusal::new(Msg::new(key)));
        if let Action::Finish = action {
            self.finished_at_ms = Some(at_ms);
            return Ok(Outcome {
                msgs: vec![Msg::new("out-finished")],
            });
        }
        let Some(test) = &mut self.test else {
            return match action {
                Action::NextStage => {
                    if self.splice.splicer.in_splicer.is_some() {
                        return refuse("refuse-job-splice-in-splicer");
                    }
                    let t = self.start_test(setup, at_ms, rng);
                    let n = t.fibres.len() as u32;
                    self.test = Some(t);
                    Ok(Outcome {
                        msgs: vec![Msg::new("out-job-test-stage").int("n", n)],
                    })
                }
                Action::TestFibre { .. }
                | Action::Acquire(_)
                | Action::ReportEvent { .. }
                | Action::RemoveReportEvent { .. }
                | Action::ReportLink { .. } => refuse("refuse-job-splicing-first"),
                _ => {
                    let mut out =
                        self.splice
                            .apply(&setup.splice, mode, index, at_ms, action, rng)?;
                    // At the end of the splicing, the next step of a job is the test.
                    for m in &mut out.msgs {
                        if m.key == "hint-splice-finish" {
                            *m = Msg::new("hint-job-next-stage");
                        }
                    }
                    Ok(out)
                }
            };
        };
        match action {
            Action::TestFibre { tube, fibre } => {
                let id = self.splice.benches[0].find_fibre(*tube, *fibre)?;
                let Some(i) = test.fibres.iter().position(|f| f.pair[0] == id) else {
                    return refuse("refuse-job-fibre-not-in-job");
                };
                test.current = i;
                let code = self.splice.benches[0].colour_code;
                Ok(Outcome {
                    msgs: vec![Msg::new("out-job-connected").msg("fibre", id.describe(code))],
                })
            }
            Action::NextStage => refuse("refuse-job-last-stage"),
            Action::Acquire(_)
            | Action::ReportEvent { .. }
            | Action::RemoveReportEvent { .. }
            | Action::ReportLink { .. }
            | Action::AskHint => {
                let Some(f) = test.fibres.get_mut(test.current) else {
                    return refuse("refuse-job-no-fibre");
                };
                f.otdr.apply(&setup.otdr, mode, index, at_ms, action, rng)
            }
            _ => refuse("refuse-job-splicing-over"),
        }
    }
}
