//! Grading of a job: the splicing stage's checks on the splicing stage (preparation
//! included), the OTDR checks on every tested fibre (the share of fibres that meet them,
//! the first that does not named), and the job's acceptance on the links the trainee's
//! splices made, each on a complete report.

use super::compare::{EventLine, otdr_lines};
use super::{naming_all, otdr, splice};
use crate::exercise::job::{JobState, TestedFibre};
use crate::i18n::Msg;
use crate::scenario::{Check, JobCheck, OtdrCheck};

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
    let Some(code) = st.splice_stage().map(|s| s.benches[0].colour_code) else {
        return (0.0, Msg::new("fb-job-not-tested"));
    };
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
    if let Some(r) = o.rows.iter().find(|r| r.verdict.is_none()) {
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
