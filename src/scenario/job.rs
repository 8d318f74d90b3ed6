//! A job: stages chained on the same fibres. The splicing stage (each pair prepared on
//! the bench and spliced, as a splicer works: one pair at a time) feeds the test stage,
//! where the link is measured with the OTDR fibre by fibre; the splices the trainee made
//! sit in that link where the scenario puts its `JobSplice`. A job with a connecting
//! stage writes its line once, in that stage, and the OTDR stage tests it (`JobLine`).

use serde::{Deserialize, Serialize};

use super::closure::audit::AuditSetup;
use super::closure::order::Variants;
use super::closure::work::WorkSetup;
use super::closure::{Plan, WorkOrder};
use super::{ConnectSetup, OtdrSetup, RoutingSetup, SpliceSetup};

/// The closure job's first stage (issue 28): at the box, the work order and the plan de
/// boîte. The trainee names the position that holds the OT's fibre, or stops and reports
/// the mismatch; the fibre named is the one the splicing stage prepares. Both documents
/// are written inline, as their own files are (`assets/plans`, `assets/orders`), so that
/// the scenario's text holds everything an attempt is replayed from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OrderSetup {
    /// The plan de boîte of the box the trainee stands at.
    pub plan: Plan,
    /// The work order as written; its route must hold on the plan (each attempt may draw
    /// another fibre by `variants`).
    pub order: WorkOrder,
    #[serde(default)]
    pub variants: Variants,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JobSetup {
    /// When given, the whole job: a box worked by someone else, inspected and its
    /// defects filed by code (the trainee as the controller). The `splice` setting then
    /// gives the box's cable (its colour code), and no other stage is given.
    #[serde(default)]
    pub audit: Option<AuditSetup>,
    /// When given, the whole job: a box worked to its plan de boîte, the cable opened in
    /// mid-span, every fibre routed to its position, coiled, the box closed and
    /// labelled. The `splice` setting then gives the cable's colour code, and no other
    /// stage is given.
    #[serde(default)]
    pub work: Option<WorkSetup>,
    /// A first stage, when given: read the work order against the plan de boîte.
    #[serde(default)]
    pub order: Option<OrderSetup>,
    /// A first stage, when given: route the cable (pull it through the ducts). The cable
    /// as laid is the link's `JobRoute` element.
    #[serde(default)]
    pub route: Option<RoutingSetup>,
    /// Prepare the ends and splice them (a splicing exercise).
    pub splice: SpliceSetup,
    /// After the splicing, when given: connect and measure at the outlet (the subscriber
    /// job). Its link holds one `JobSplice` piece (the first fibre's splice) and, with a
    /// routing stage, one `JobRoute` piece (the drop as laid): the job's one line.
    #[serde(default)]
    pub connect: Option<ConnectSetup>,
    /// Last, when given: test each spliced fibre with the OTDR. With a connecting stage
    /// it tests that stage's line (`JobLine`: the line is written once); without one,
    /// its link must be a simulated one with exactly one `JobSplice` element: the
    /// trainee's splice of the fibre under test (with the bend of its loop in the tray).
    #[serde(default)]
    pub otdr: Option<OtdrSetup>,
}

/// The stages of a job, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum JobStage {
    Audit,
    Work,
    Order,
    Route,
    Splice,
    Connect,
    Test,
}

/// What a job criterion checks (beyond its stages' own checks).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum JobCheck {
    /// Every fibre of the job passes the acceptance rules on its true link (the OTDR
    /// stage's acceptance): the trainee's splices are good enough.
    JobAccepted,
    /// The work order read against the plan (ARCEP's first two criteria, right box and
    /// right fibre): the position that holds the OT's fibre named, or, where the field
    /// does not match the OT, the job stopped and the mismatch reported with its code.
    RouteRead,
    /// The audit: each fault left in the box filed with its fault code, at its place
    /// (its position, or the box), with its location code; none filed that is not there.
    DefectsFiled,
    /// The box worked to its plan (ARCEP's second criterion, the right fibre): every
    /// position of the plan but the passages holds the plan's fibres, each drop spliced
    /// on the fibre its row names.
    PlanFollowed,
    /// The cable opened without harm: every tube the plan passes laid whole in the
    /// basket, none of them cut.
    ExpressIntact,
    /// The window opened in the sheath of the trade's length.
    WindowOpened,
    /// Every fibre in a splice cassette coiled no tighter than the box maker allows.
    FibresStored,
    /// The box closed and labelled as the plan names it.
    BoxClosed,
    /// The lines in service beyond the box kept up all through the work: no customer's
    /// splice broken, no fibre in service cut (ARCEP's first complaint: customers cut
    /// to connect a new one).
    LinesKept,
}
