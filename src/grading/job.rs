//! Grading of a job: the splicing stage's checks on the splicing stage (preparation
//! included), the OTDR checks on every tested fibre (the share of fibres that meet them,
//! the first that does not named), and the job's acceptance on the links the trainee's
//! splices made, each on a complete report.

use super::compare::{EventLine, otdr_lines};
use super::{naming_all, otdr, splice};
use crate::exercise::audit::{AuditState, Filed};
use crate::exercise::job::{JobState, TestedFibre};
use crate::i18n::Msg;
use crate::scenario::closure::audit::Left;
use crate::scenario::closure::defects::Defect;
use crate::scenario::{
    Check, ConnectCheck, JobCheck, OtdrCheck, PrepCheck, RoutingCheck, SpliceCheck,
};

/// A check on a job: its own, and each stage's checks on that stage (the OTDR's on every
/// tested fibre).
pub fn evaluate(check: &Check, st: &JobState) -> (f64, Msg) {
    if let Check::Job(JobCheck::RouteRead) = check {
        return route_read(st);
    }
    // A job stopped at the box on the mismatch its OT meets, reported with the right
    // code, ends there as the trade asks (FTTH-JOBS §2.4: report, never improvise): the
    // later stages have nothing to ask of it.
    if let Some(code) = st
        .order_stage()
        .and_then(|o| o.report.filter(|c| Some(*c) == o.expected_report()))
    {
        return (
            1.0,
            Msg::new("fb-job-stopped-on-report").text("code", code.code()),
        );
    }
    if let Check::Job(c) = check {
        return match c {
            JobCheck::JobAccepted => accepted(st),
            JobCheck::RouteRead => route_read(st),
            JobCheck::DefectsFiled => match st.audit_stage() {
                Some(a) => defects_filed(a),
                None => super::not_this_module(),
            },
            JobCheck::PlanFollowed
            | JobCheck::ExpressIntact
            | JobCheck::WindowOpened
            | JobCheck::FibresStored
            | JobCheck::BoxClosed
            | JobCheck::LinesKept => {
                use super::boxwork as b;
                let Some(w) = st.box_work() else {
                    return super::not_this_module();
                };
                match c {
                    JobCheck::PlanFollowed => b::plan_followed(w),
                    JobCheck::ExpressIntact => b::express_intact(w),
                    JobCheck::WindowOpened => b::window_opened(w),
                    JobCheck::FibresStored => b::fibres_stored(w),
                    JobCheck::BoxClosed => b::box_closed(w),
                    JobCheck::LinesKept => b::lines_kept(w, st.setup.splice.left_fibre),
                    JobCheck::JobAccepted | JobCheck::RouteRead | JobCheck::DefectsFiled => {
                        super::not_this_module()
                    }
                }
            }
        };
    }
    if let Check::Otdr(c) = check {
        return per_fibre(st, |f| {
            let (fraction, m) = otdr::evaluate(check, &f.otdr);
            // A loss the check accepts as read one way across a change of fibre is right
            // as a reading of that direction, not as the event's loss: the feedback says
            // so, with the true loss (the average of both directions).
            let one_way = (*c == OtdrCheck::EventValues && fraction >= 1.0)
                .then(|| otdr_lines(&f.otdr).iter().find_map(EventLine::one_way_note))
                .flatten();
            match one_way {
                Some(why) => (
                    fraction,
                    Msg::new("fb-job-values-one-way")
                        .msg("detail", m)
                        .msg("why", why),
                ),
                None => (fraction, m),
            }
        });
    }
    if let Check::Routing(_) = check {
        return match st.route_stage() {
            Some(r) => super::routing::evaluate(check, r),
            None => super::not_this_module(),
        };
    }
    if let Check::Connect(_) = check {
        return match st.connect_stage() {
            Some(c) => super::connect::evaluate(check, c),
            None => super::not_reached("what-job-connect"),
        };
    }
    match st.splice_stage() {
        Some(sp) => splice::evaluate(check, sp),
        None => super::not_reached("what-job-splicing"),
    }
}

/// A check applied to each tested fibre.
fn per_fibre(st: &JobState, eval: impl Fn(&TestedFibre) -> (f64, Msg)) -> (f64, Msg) {
    let Some(t) = st.test_stage().filter(|t| !t.fibres.is_empty()) else {
        return (0.0, Msg::new("fb-job-not-tested"));
    };
    let code = st.setup.splice.prep.colour_code;
    let mut sum = 0.0;
    let mut first_failed = None;
    let mut first_ok = None;
    let mut failed = Vec::new();
    for f in &t.fibres {
        let (fraction, m) = eval(f);
        sum += fraction.clamp(0.0, 1.0);
        if fraction < 1.0 {
            failed.push(f.pair[0].describe(code));
            first_failed.get_or_insert_with(|| {
                Msg::new("fb-job-fibre")
                    .msg("fibre", f.pair[0].describe(code))
                    .msg("detail", m)
            });
        } else {
            first_ok.get_or_insert(m);
        }
    }
    let n = t.fibres.len();
    let feedback = match first_failed {
        Some(m) => naming_all(m, failed),
        None => Msg::new("fb-job-all-fibres").int("n", n as u32).msg(
            "detail",
            first_ok.unwrap_or_else(|| Msg::new("fb-job-not-tested")),
        ),
    };
    (sum / n as f64, feedback)
}

/// What a fibre's report lacks for the job to be accepted on it: a measurement asked
/// for, a verdict on an event, or the link's result. `None`: the report is complete.
fn report_incomplete(f: &TestedFibre) -> Option<Msg> {
    let o = &f.otdr;
    if let Some((wl, dir)) = otdr::first_unmeasured(o) {
        return Some(
            Msg::new("fb-job-report-not-measured")
                .num("wl", wl, 0)
                .msg("dir", dir.name()),
        );
    }
    // (The end of the fibre takes no verdict: the instrument refuses one.)
    if let Some(r) = o
        .rows
        .iter()
        .find(|r| r.verdict.is_none() && r.kind != crate::scenario::otdr::EventType::End)
    {
        return Some(
            Msg::new("fb-job-report-no-verdict")
                .msg("kind", r.kind.name())
                .num("d", r.distance_m, 1),
        );
    }
    if o.rows.is_empty() {
        return Some(Msg::new("fb-job-report-no-events"));
    }
    if o.link_report.is_none() {
        return Some(Msg::new("fb-job-report-no-link"));
    }
    None
}

/// Every fibre's true link within the acceptance rules: its events (the trainee's splice
/// among them, at the report wavelength) and its total loss.
fn accepted(st: &JobState) -> (f64, Msg) {
    let Some(otdr) = &st.setup.otdr else {
        return accepted_at_the_outlet(st);
    };
    let a = &otdr.acceptance;
    let wl = otdr.report_wavelength();
    per_fibre(st, |f| {
        // A job is accepted on its report: a fibre whose report is not complete is not
        // accepted, however good its splice.
        if let Some(lack) = report_incomplete(f) {
            return (0.0, Msg::new("fb-job-report-incomplete").msg("lack", lack));
        }
        let link = &f.otdr.link;
        if let Some(e) = link.truth.iter().find(|e| e.pass == Some(false)) {
            let m = match a.loss_limit(e.kind) {
                Some(max) if e.rule_db > max => Msg::new("fb-job-event-over")
                    .msg("kind", e.kind.name())
                    .num("d", e.distance_m, 0)
                    .num("loss", e.rule_db, 2)
                    .num("max", max, 2)
                    .num("wl", wl, 0),
                Some(_) => Msg::new("fb-job-event-reflects")
                    .msg("kind", e.kind.name())
                    .num("d", e.distance_m, 0)
                    .num("max", a.reflectance_max_db, 0),
                None => Msg::new("fb-job-event-fault")
                    .msg("kind", e.kind.name())
                    .num("d", e.distance_m, 0),
            };
            return (0.0, m);
        }
        if let Some(max) = a.link_max_db
            && link.total_loss_db > max
        {
            return (
                0.0,
                Msg::new("fb-job-link-over")
                    .num("loss", link.total_loss_db, 2)
                    .num("max", max, 2)
                    .num("wl", wl, 0),
            );
        }
        (1.0, Msg::new("fb-job-accepted").num("wl", wl, 0))
    })
}

/// A job that ends at the outlet is accepted when the line works there as it was left
/// (every level in its window, the loss within its limit) and the report is filled.
fn accepted_at_the_outlet(st: &JobState) -> (f64, Msg) {
    let Some(c) = st.connect_stage() else {
        return super::not_reached("what-job-connect");
    };
    if c.report.task.is_some() && c.report.form.is_none() {
        return (0.0, Msg::new("fb-job-outlet-no-report"));
    }
    if c.line_works() {
        (1.0, Msg::new("fb-job-outlet-works"))
    } else {
        (0.0, Msg::new("fb-job-outlet-fails"))
    }
}

/// The work order read against the plan: the position that holds the OT's fibre named
/// (and no mismatch reported), or, where the box does not hold the route, the job
/// stopped with the right code (half the points with another code: the trainee stopped,
/// which protects the live customer, but the hotline is told the wrong thing).
fn route_read(st: &JobState) -> (f64, Msg) {
    let Some(o) = st.order_stage() else {
        return super::not_this_module();
    };
    let finding = o.finding().msg();
    let right = o.right_position();
    match (o.expected_report(), o.report, &o.located) {
        (None, None, Some(p)) if right.as_ref() == Some(p) => (
            1.0,
            Msg::new("fb-order-right-position").text("position", p.as_str()),
        ),
        (None, None, Some(p)) => (
            0.0,
            Msg::new("fb-order-wrong-position")
                .text("position", p.as_str())
                .text("right", right.unwrap_or_default()),
        ),
        (None, None, None) => (0.0, Msg::new("fb-order-not-located")),
        (None, Some(code), _) => (
            0.0,
            Msg::new("fb-order-reported-wrongly")
                .text("code", code.code())
                .msg("finding", finding),
        ),
        (Some(want), Some(code), _) if want == code => {
            (1.0, Msg::new("fb-order-reported").msg("finding", finding))
        }
        (Some(_), Some(code), _) => (
            0.5,
            Msg::new("fb-order-wrong-code")
                .text("code", code.code())
                .msg("finding", finding),
        ),
        // Going on where the fibre serves another customer cuts their line to splice
        // this one: the auditors' FD46 ("reprise sauvage").
        // (The finding names the code.)
        (Some(_), None, _) => (
            0.0,
            Msg::new("fb-order-not-reported").msg("finding", finding),
        ),
    }
}

/// The defect an auditor would file against the connection for a check the job did not
/// meet (the Interop'Fibre codes, FTTH-JOBS §11.3: the network owner's controller files
/// an I ticket against the crew, at the PBO or on the drop, CCF). Every pairing is
/// FibreLab's reading, [U]: the protocol pairs no check with a code, only the codes each
/// ticket allows. An auditor files what the crew left that can be seen and photographed
/// on the site: a gesture's order, a measurement, a report, a loss or a dirty face under
/// a connector (no photograph shows them) leave nothing to file, nor does a stage the job
/// never reached (no connection was made there). A link out of its budget is filed by
/// its cause (the splice, the coil), not as a "bilan optique" (FD03, which only the
/// operator files against the network's owner, C:CCF).
pub fn defect(check: &Check, st: &JobState) -> Option<Defect> {
    let d = |location: &str, fault: &str| Some(Defect::new(location, fault));
    let spliced = st.splice_stage().is_some();
    let connected = st.connect_stage().is_some();
    let routed = st.route_stage().is_some();
    match check {
        Check::Job(JobCheck::RouteRead) => route_defect(st),
        // A box worked to its plan: what the controller would file on the PBO's ticket
        // for the same fault found in the audit (a crossed drop or another fibre taken,
        // an express fibre cut, a coil too tight or not made, the lid left open). A
        // label other than the plan's is the owner's own ticket (C:PBO, FD04), not the
        // crew's.
        // Only a drop on another fibre than its row's is a connection on the wrong
        // route; a waiting fibre or a dead stub out of place is no connection.
        // A customer's route taken over is LinesKept's FD46, not a second ticket.
        Check::Job(JobCheck::PlanFollowed) => st
            .box_work()
            .filter(|w| super::boxwork::drop_misrouted(w) && !super::boxwork::taken_over(w))
            .map(|_| Left::SwappedDrops.defect()),
        Check::Job(JobCheck::ExpressIntact) => st
            .box_work()
            .filter(|w| {
                crate::scenario::closure::work::express_tubes(&w.plan)
                    .iter()
                    .any(|t| w.cut.contains(t))
                    || w.nicks.iter().any(|n| !w.cut.contains(&n.tube))
            })
            .map(|_| Left::CutExpress.defect()),
        Check::Job(JobCheck::FibresStored) => Some(Left::TightCoil.defect()),
        // A customer's splice broken in the box and their fibre left to another is FD46,
        // "reprise sauvage Route Optique par casse soudure au PBO", a route-optique fault
        // (LD15, with the route observed, FTTH-JOBS §11.1); a line cut for a moment and
        // put back leaves the route as planned, nothing an auditor files (the
        // supervision's record fails the criterion); an express fibre cut is
        // ExpressIntact's FD15.
        Check::Job(JobCheck::LinesKept) => st
            .box_work()
            .filter(|w| super::boxwork::taken_over(w))
            .map(|_| crate::scenario::closure::defects::Defect::new("LD15", "FD46")),
        Check::Job(JobCheck::BoxClosed) => st
            .box_work()
            .filter(|w| !w.closed)
            .map(|_| Left::LeftOpen.defect()),
        // In the cassette: a fibre left unspliced, a splice without its protection, bare
        // glass stripped or cleaved off its gauge ("épissure non conforme dénudage,
        // protection de soudure"), and the fibre's coil ("lovage fibre non conforme aux
        // STAS"), both on the PBO's ticket (I:PBO, LD07 CASSETTE).
        Check::Splice(SpliceCheck::SplicesMade | SpliceCheck::SleevesShrunk) if spliced => {
            d("LD07", "FD23")
        }
        Check::Prep(PrepCheck::CoatingStripLength { .. } | PrepCheck::CleaveLength { .. })
            if spliced =>
        {
            d("LD07", "FD23")
        }
        Check::Splice(SpliceCheck::TrayBendRadius) if spliced => d("LD07", "FD29"),
        Check::Prep(PrepCheck::FibreIntact) if spliced => d("LD07", "FD15"),
        // Glass shards left on the site: "nettoyage chantier" (ARCEP's sixth criterion).
        Check::Prep(PrepCheck::ShardsDisposed) if spliced => d("LD11", "FD34"),
        // The outlet's connector badly fitted: damage at the PTO, on the drop's ticket
        // (I:CCF, LD14 PTO_INSTALLATION).
        Check::Connect(ConnectCheck::ConnectorFitted { .. }) if connected => d("LD14", "FD15"),
        // A drop laid in the air (I:CCF, LD06 CABLE_INSTALLATION): its fixings against
        // the owner's rules, its sag, its path over the road.
        Check::Routing(RoutingCheck::HardwareRules) if routed => d("LD06", "FD49"),
        Check::Routing(RoutingCheck::SpanSag { .. }) if routed => d("LD06", "FD40"),
        Check::Routing(RoutingCheck::RoadClearance) if routed => d("LD06", "FD13"),
        Check::WithinTime
        | Check::Prep(_)
        | Check::Otdr(_)
        | Check::Splice(_)
        | Check::Job(_)
        | Check::Routing(_)
        | Check::Connect(_) => None,
    }
}

/// The route read wrongly: a connection on another position than the route's
/// ("non respect Route Optique communiquée"), or the job carried on where the route was
/// already a customer's, their splice broken to splice this one ("reprise sauvage Route
/// Optique par casse soudure au PBO"; a fibre only reserved for another, or not dropped
/// here, taken without breaking a splice, is the route not followed). A job stopped,
/// rightly or with another code, made no connection: nothing to file. Both are filed on
/// the PBO's ticket at the route optique (LD15), with the route observed (FTTH-JOBS
/// §11.1).
fn route_defect(st: &JobState) -> Option<Defect> {
    use crate::scenario::closure::order::RouteFinding;
    use crate::scenario::closure::plan::Function;
    let o = st.order_stage()?;
    if o.report.is_some() || st.splice_stage().is_none() {
        return None;
    }
    match o.finding() {
        RouteFinding::AlreadyUsed { position, .. }
            if o.plan
                .positions
                .iter()
                .any(|p| p.ps_code == position && p.ps_fonct == Function::EP) =>
        {
            Some(Defect::new("LD15", "FD46"))
        }
        RouteFinding::AlreadyUsed { .. }
        | RouteFinding::DoesNotExist
        | RouteFinding::WrongBox { .. } => Some(Defect::new("LD15", "FD36")),
        RouteFinding::Holds { .. } => (o.located.is_some() && o.located != o.right_position())
            .then(|| Defect::new("LD15", "FD36")),
    }
}

/// How an audit's defects filed answer the tickets expected ([`AuditState::expected`]):
/// for each ticket, the defect filed that matches it, if any; then the defects filed
/// that match none (invented). A ticket is matched by a defect filed at its place (its
/// position, or the box as a whole) with its fault code first, else, for a ticket at a
/// position, by any defect filed at that position (seen there, miscoded).
pub fn audit_matches(a: &AuditState) -> (Vec<Option<usize>>, Vec<usize>) {
    let mut used = vec![false; a.filed.len()];
    let mut matched = Vec::new();
    for (fault, at) in a.expected() {
        let code = fault.defect().fault;
        let at_place = |f: &Filed| f.position == at;
        let exact = (0..a.filed.len())
            .find(|&i| !used[i] && at_place(&a.filed[i]) && a.filed[i].fault == code);
        let near = exact.or_else(|| {
            at.is_some()
                .then(|| (0..a.filed.len()).find(|&i| !used[i] && at_place(&a.filed[i])))
                .flatten()
        });
        if let Some(i) = near {
            used[i] = true;
        }
        matched.push(near);
    }
    let invented = (0..a.filed.len()).filter(|&i| !used[i]).collect();
    (matched, invented)
}

/// Where a ticket lies, as the feedback says it.
pub fn audit_place(at: Option<&str>) -> Msg {
    match at {
        None => Msg::new("audit-place-box"),
        Some(p) => Msg::new("audit-place-position").text("position", p),
    }
}

/// The audit: each fault left in the box matched with a defect filed ([`audit_matches`]).
/// A fault found at its place with its code is whole (three quarters with another
/// location code); found at its position under another fault code, half (the controller
/// saw it, the ticket would be misrouted). The score is what was found over the faults
/// plus the defects invented, as an OTDR's events are.
fn defects_filed(a: &AuditState) -> (f64, Msg) {
    let (matched, invented) = audit_matches(a);
    let mut credit = 0.0;
    let mut failures: Vec<(Msg, Msg)> = Vec::new();
    let expected = a.expected();
    for ((fault, at), m) in expected.iter().zip(&matched) {
        let want = fault.defect();
        let place = || audit_place(at.as_deref());
        let Some(f) = m.and_then(|i| a.filed.get(i)) else {
            failures.push((
                Msg::new("fb-audit-missed")
                    .msg("what", fault.name())
                    .msg("place", place())
                    .msg("defect", want.ticket()),
                Msg::new("fb-audit-item-missed")
                    .text("code", want.fault.as_str())
                    .msg("place", place()),
            ));
            continue;
        };
        if f.fault != want.fault {
            credit += 0.5;
            failures.push((
                Msg::new("fb-audit-miscoded")
                    .msg("what", fault.name())
                    .msg("place", place())
                    .text("filed", f.fault.as_str())
                    .msg("defect", want.ticket()),
                Msg::new("fb-audit-item-miscoded")
                    .text("filed", f.fault.as_str())
                    .text("code", want.fault.as_str())
                    .msg("place", place()),
            ));
        } else if f.location != want.location {
            credit += 0.75;
            failures.push((
                Msg::new("fb-audit-wrong-location")
                    .text("code", want.fault.as_str())
                    .text("filed", f.location.as_str())
                    .text("location", want.location.as_str())
                    .text(
                        "where",
                        want.location().map(|l| l.value).unwrap_or_default(),
                    ),
                Msg::new("fb-audit-item-location")
                    .text("code", want.fault.as_str())
                    .text("filed", f.location.as_str())
                    .text("location", want.location.as_str()),
            ));
        } else {
            credit += 1.0;
        }
    }
    for f in invented.iter().filter_map(|&i| a.filed.get(i)) {
        let place = match &f.position {
            Some(p) => Msg::new("audit-place-position").text("position", p.as_str()),
            None => Msg::new("audit-place-box"),
        };
        failures.push((
            Msg::new("fb-audit-invented")
                .text("code", f.fault.as_str())
                .msg("place", place.clone()),
            Msg::new("fb-audit-item-invented")
                .text("code", f.fault.as_str())
                .msg("place", place),
        ));
    }
    let total = expected.len() + invented.len();
    let fraction = if total == 0 {
        1.0
    } else {
        credit / total as f64
    };
    let mut it = failures.into_iter();
    match it.next() {
        None => (
            fraction,
            Msg::new("fb-audit-all").int("n", expected.len() as u32),
        ),
        Some((first, name)) => {
            let mut items = vec![name];
            items.extend(it.map(|(_, n)| n));
            (fraction, naming_all(first, items))
        }
    }
}
