//! A job's test stage: one OTDR bench per fibre the splicing stage handed on, each on
//! its fibre's link (the cable drawn once, the fibre's own splice where the scenario puts
//! its `JobSplice`, or the connecting stage's line).

use serde::Serialize;

use crate::exercise::boxwork::{BOX_SPLICE_LOSS_DB, BoxWork};
use crate::exercise::connect::ConnectState;
use crate::exercise::otdr::{DrawnLink, JobWork, OtdrState};
use crate::exercise::prep::FibreRef;
use crate::exercise::{Refusal, Turn};
use crate::i18n::Msg;
use crate::physics::fibre::FibreType;
use crate::physics::link::Element;
use crate::rng::SimRng;
use crate::scenario::OtdrSetup;
use crate::scenario::closure::work::{is_drop, through_cable};
use crate::scenario::otdr::TraceSource;

/// What a fibre's link holds where the job put its work.
#[derive(Clone, Debug, PartialEq)]
pub struct FibreLink {
    pub pair: [FibreRef; 2],
    pub elements: Vec<Element>,
}

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

impl JobTest {
    /// The recette from the PM of a box built to its plan: every upstream fibre spliced
    /// to a drop in it ([`box_links`]), refused where there is none.
    pub(super) fn of_box(
        otdr: &OtdrSetup,
        w: &BoxWork,
        left: FibreType,
        t: &mut Turn<'_>,
    ) -> Result<JobTest, Refusal> {
        let links = box_links(w, left);
        if links.is_empty() {
            return Err(Refusal::new(Msg::new("refuse-box-nothing-to-test")));
        }
        Ok(JobTest::start(otdr, &links, &[], None, t.at_ms, t.rng))
    }

    /// The test stage on the fibres handed on: one link per fibre, drawn once for the
    /// cable (the same lengths and connectors for every fibre) with each fibre's own
    /// elements where the scenario puts its `JobSplice`, or, with a connecting stage,
    /// that stage's line with the fibre's splice in it.
    pub(super) fn start(
        otdr: &OtdrSetup,
        links: &[FibreLink],
        route: &[Element],
        connect: Option<&ConnectState>,
        at_ms: u64,
        rng: &mut SimRng,
    ) -> JobTest {
        let (TraceSource::Link(spec) | TraceSource::JobLine(spec)) = &otdr.source else {
            // Refused by validation; a test stage with no fibre says so.
            return JobTest {
                started_at_ms: at_ms,
                fibres: Vec::new(),
                current: 0,
            };
        };
        let end_b = connect.and_then(|c| c.link.outlet_pair());
        let fibres = links
            .iter()
            .map(|l| {
                let mut r = rng.clone();
                let line = match (&otdr.source, connect) {
                    (TraceSource::JobLine(_), Some(c)) => c.link.line_from_job_splice(&l.elements),
                    (TraceSource::JobLine(_), None)
                    | (TraceSource::Link(_), _)
                    | (TraceSource::SorFile(_), _) => Vec::new(),
                };
                let work = JobWork {
                    splice: &l.elements,
                    route,
                    line: &line,
                    end_b,
                };
                TestedFibre {
                    pair: l.pair,
                    otdr: OtdrState::on_link(otdr, DrawnLink::generate(spec, otdr, &work, &mut r)),
                }
            })
            .collect();
        JobTest {
            started_at_ms: at_ms,
            fibres,
            current: 0,
        }
    }
}

/// What the recette's OTDR meets at each splice the box holds: for every position
/// where a fibre of the opened cable is spliced to a drop's, the pair (the cable's
/// fibre by its tube and place, the drop's fibre) and the splice with its coil: the
/// cable's fibre, whose metre of slack the cassette stores (FTTH-JOBS §5.1), turned
/// once at the coil's diameter, as the worked example of §5.2 counts it (the drop's
/// fibre is dressed along the cassette's guide [U]; the splicing bench's tray turns
/// both fibres of a pair); the bend's loss at 1310 nm from its loss at 1550
/// (REFERENCE A.8). A fibre not coiled lies loose in the box, unbent; a tube the
/// shaver scored puts its kink or break before the splice. `left` is the cable's fibre.
fn box_links(w: &BoxWork, left: FibreType) -> Vec<FibreLink> {
    w.rows
        .iter()
        .filter_map(|r| {
            let a = w.plan.fibre(r.ps_1.as_deref()?)?;
            let d = w.plan.fibre(r.ps_2.as_deref()?)?;
            // Only the upstream cable's fibres come from the PM.
            let upstream = through_cable(&w.plan).is_some_and(|(u, _)| u.cb_code == a.fo_cb_code);
            if !upstream || !is_drop(&w.plan, &d) {
                return None;
            }
            let bend_1550 = r
                .coil_mm
                .map_or(0.0, |mm| left.bend_loss_1550_db(mm / 2.0, 1.0));
            let bend_1310 = Element::macrobend_loss_db(bend_1550, 1310.0);
            // The shaver's nick on the fibre's tube, in the window before the splice.
            let mut elements: Vec<Element> = w
                .nick_on(a.fo_numtub)
                .map(|n| n.element(left))
                .into_iter()
                .collect();
            elements.push(Element::FusionSplice {
                loss_db: BOX_SPLICE_LOSS_DB + bend_1550,
                loss_1310_db: Some(BOX_SPLICE_LOSS_DB + bend_1310),
            });
            Some(FibreLink {
                pair: [
                    FibreRef {
                        tube: Some(a.fo_numtub),
                        fibre: a.fo_nintub,
                    },
                    FibreRef {
                        tube: None,
                        fibre: d.fo_nintub,
                    },
                ],
                elements,
            })
        })
        .collect()
}
