//! Validation of a job: each stage on its own, and the test stage's link made to receive
//! the splices of the splicing stage.

use super::{Problems, nested};
use crate::i18n::Msg;
use crate::scenario::JobSetup;
use crate::scenario::job::OrderSetup;
use crate::scenario::otdr::{ElementSpec, TraceSource};

/// A job: each stage valid on its own, and the test stage's link made to receive the
/// splices: a simulated link, one `JobSplice`, the splicing stage's fibres on each side;
/// or, with a connecting stage, that stage's line (`JobLine`), written once.
pub(super) fn validate_job(p: &mut Problems, job: &JobSetup) {
    if let Some(a) = &job.audit {
        validate_audit(p, job, a);
    }
    if let Some(w) = &job.work {
        validate_work(p, job, w);
    }
    if let Some(o) = &job.order {
        validate_order_stage(p, job, o);
    }
    let mut found = Problems::new();
    super::splice::validate_splice(&mut found, &job.splice);
    p.extend(nested(found, "splice"));
    if let Some(route) = &job.route {
        let mut found = Problems::new();
        super::routing::validate_routing(&mut found, route);
        p.extend(nested(found, "route"));
        let laid = route.tasks.iter().any(|t| {
            matches!(
                t,
                crate::scenario::routing::RoutingTask::Pull(_)
                    | crate::scenario::routing::RoutingTask::Tension(_)
            )
        });
        if !laid {
            p.push((
                "exercise.route.tasks".into(),
                Msg::new("val-job-route-pull"),
            ));
        }
    }
    if let Some(c) = &job.connect {
        validate_connect_stage(p, job, c);
    }
    let Some(otdr) = &job.otdr else {
        if job.connect.is_none() && job.audit.is_none() && job.work.is_none() {
            p.push(("exercise".into(), Msg::new("val-job-no-last-stage")));
        }
        return;
    };
    let mut found = Problems::new();
    super::otdr::validate_otdr(&mut found, otdr);
    let line = matches!(otdr.source, TraceSource::JobLine(_));
    if line && job.connect.is_some() {
        // A job's line: its way in is checked below, the rest is the connecting stage's.
        found.retain(|(_, m)| {
            ![
                "val-job-line-outside",
                "val-job-splice-outside",
                "val-job-route-outside",
            ]
            .contains(&m.key.as_str())
        });
    } else if !line {
        // The OTDR stage's own check refuses `JobSplice` and `JobRoute`; here they
        // belong (`JobRoute` with a routing stage).
        found.retain(|(_, m)| {
            m.key != "val-job-splice-outside"
                && (job.route.is_none() || m.key != "val-job-route-outside")
        });
    }
    p.extend(nested(found, "otdr"));
    let link = match (&otdr.source, &job.connect) {
        // With a connecting stage, a `Link` is the shape written before `JobLine` (the
        // line in both stages): still read, so that the attempts stored with it load.
        (TraceSource::Link(link), _) => link,
        (TraceSource::JobLine(lead), Some(_)) => {
            validate_line_lead(p, job, &lead.elements);
            return;
        }
        // Refused by the OTDR stage's own check, kept above.
        (TraceSource::JobLine(_), None) => return,
        (TraceSource::SorFile(_), _) => {
            p.push(("exercise.otdr.source".into(), Msg::new("val-job-link")));
            return;
        }
    };
    let at: Vec<usize> = link
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, ElementSpec::JobSplice))
        .map(|(i, _)| i)
        .collect();
    let [i] = at[..] else {
        p.push((
            "exercise.otdr.source.elements".into(),
            Msg::new("val-job-splice-count").int("found", at.len() as u32),
        ));
        return;
    };
    if job.route.is_some() {
        let n = link
            .elements
            .iter()
            .filter(|e| matches!(e, ElementSpec::JobRoute { .. }))
            .count();
        if n != 1 {
            p.push((
                "exercise.otdr.source.elements".into(),
                Msg::new("val-job-route-count").int("found", n as u32),
            ));
        }
    }
    let before = link.elements[..i].iter().rev().find_map(fibre_of);
    let after = link.elements[i + 1..].iter().find_map(fibre_of);
    for (found, want, side) in [
        (before, job.splice.left_fibre, "left"),
        (after, job.splice.right.fibre, "right"),
    ] {
        if found != Some(want) {
            p.push((
                format!("exercise.otdr.source.elements[{i}]"),
                Msg::new("val-job-splice-fibres")
                    .msg("side", Msg::new(format!("job-side-{side}")))
                    .msg("want", want.name())
                    .msg(
                        "found",
                        found
                            .map(|f| f.name())
                            .unwrap_or_else(|| Msg::new("val-job-no-fibre")),
                    ),
            ));
        }
    }
}

/// The work order's stage: its plan, its order and its variants each valid, the OT's own
/// route holding on the plan (the attempt falls back to it where a variant finds no
/// fibre), the splicing stage's cable the route's cable (its tubes and fibres as the
/// plan numbers them) with one fibre to prepare (the one the trainee names), and no
/// routing stage beside it yet.
fn validate_order_stage(p: &mut Problems, job: &JobSetup, o: &OrderSetup) {
    use crate::scenario::closure::order::{RouteFinding, check_route};
    super::validate_plan(p, "exercise.order.plan", &o.plan);
    super::validate_order(p, "exercise.order.order", &o.order);
    super::validate_variants(p, "exercise.order.variants", &o.variants);
    let finding = check_route(&o.order, &o.plan);
    if !matches!(finding, RouteFinding::Holds { .. }) {
        p.push((
            "exercise.order.order.route".into(),
            Msg::new("val-job-order-route").msg("finding", finding.msg()),
        ));
    }
    let cable = &job.splice.prep.cable;
    let named = o
        .plan
        .cables
        .iter()
        .find(|c| c.cb_etiquet == o.order.route.cable);
    if let Some(c) = named
        && (cable.tube_count().max(1) * cable.fibres_per_group() != c.cb_capafo
            || cable.fibres_per_group() != c.cb_modulo)
    {
        p.push((
            "exercise.splice.prep.cable".into(),
            Msg::new("val-job-order-cable")
                .text("cable", c.cb_etiquet.as_str())
                .int("capafo", c.cb_capafo)
                .int("modulo", c.cb_modulo),
        ));
    }
    if job.splice.prep.tasks.len() != 1 {
        p.push((
            "exercise.splice.prep.tasks".into(),
            Msg::new("val-splice-to-fibre-one").int("n", job.splice.prep.tasks.len() as u32),
        ));
    }
    if job.route.is_some() {
        p.push(("exercise.route".into(), Msg::new("val-job-order-and-route")));
    }
}

/// The fibre an element is made of, if it is a length of fibre.
fn fibre_of(e: &ElementSpec) -> Option<crate::physics::fibre::FibreType> {
    match e {
        ElementSpec::Fibre { fibre, .. } | ElementSpec::JobRoute { fibre } => Some(*fibre),
        ElementSpec::Connector { .. }
        | ElementSpec::FusionSplice { .. }
        | ElementSpec::MechanicalSplice { .. }
        | ElementSpec::Splitter { .. }
        | ElementSpec::Macrobend { .. }
        | ElementSpec::Break { .. }
        | ElementSpec::JobSplice => None,
    }
}

/// A `JobLine`'s way in, from connector A to the trainee's splice: no job element (the
/// splice and the drop are the connecting stage's line), and the splice's left fibre
/// where it ends in fibre.
fn validate_line_lead(p: &mut Problems, job: &JobSetup, lead: &[ElementSpec]) {
    for (i, e) in lead.iter().enumerate() {
        let found = match e {
            ElementSpec::JobSplice => "JobSplice",
            ElementSpec::JobRoute { .. } => "JobRoute",
            ElementSpec::Fibre { .. }
            | ElementSpec::Connector { .. }
            | ElementSpec::FusionSplice { .. }
            | ElementSpec::MechanicalSplice { .. }
            | ElementSpec::Splitter { .. }
            | ElementSpec::Macrobend { .. }
            | ElementSpec::Break { .. } => continue,
        };
        p.push((
            format!("exercise.otdr.source.elements[{i}]"),
            Msg::new("val-job-line-lead").text("found", found),
        ));
    }
    let want = job.splice.left_fibre;
    if let Some((i, found)) = lead
        .iter()
        .enumerate()
        .rev()
        .find_map(|(i, e)| fibre_of(e).map(|f| (i, f)))
        && found != want
    {
        p.push((
            format!("exercise.otdr.source.elements[{i}]"),
            Msg::new("val-job-splice-fibres")
                .msg("side", Msg::new("job-side-left"))
                .msg("want", want.name())
                .msg("found", found.name()),
        ));
    }
}

/// The connecting stage of a job: valid as a connect exercise with its job pieces, one
/// `JobSplice`, and one `JobRoute` where the laid cable comes to it (with a routing
/// stage), none otherwise.
fn validate_connect_stage(p: &mut Problems, job: &JobSetup, c: &crate::scenario::ConnectSetup) {
    use crate::scenario::connect::Piece;
    let mut found = Problems::new();
    super::connect::validate_connect(&mut found, c, true);
    p.extend(nested(found, "connect"));
    let count = |f: fn(&Piece) -> bool| c.link.iter().filter(|x| f(x)).count();
    let splices = count(|x| matches!(x, Piece::JobSplice { .. }));
    if splices != 1 {
        p.push((
            "exercise.connect.link".into(),
            Msg::new("val-job-splice-count").int("found", splices as u32),
        ));
    }
    // The drop as laid: in the line where a routing stage laid one (the OTDR stage
    // tests this line), nowhere else; the shape written before `JobLine` may leave it to
    // the OTDR stage's own `Link`.
    let routes = count(|x| matches!(x, Piece::JobRoute { .. }));
    let before_line = matches!(
        job.otdr.as_ref().map(|o| &o.source),
        Some(TraceSource::Link(_))
    );
    let ok = match (job.route.is_some(), before_line) {
        (false, _) => routes == 0,
        (true, false) => routes == 1,
        (true, true) => routes <= 1,
    };
    if !ok {
        p.push((
            "exercise.connect.link".into(),
            Msg::new("val-job-route-count").int("found", routes as u32),
        ));
    }
}

/// A job that is one stage on its own (`own`: an audit, a box worked to its plan): every
/// other stage given beside it is a problem, said with `key`.
fn alone(p: &mut Problems, job: &JobSetup, own: &str, key: &str) {
    for (stage, given) in [
        ("audit", job.audit.is_some()),
        ("work", job.work.is_some()),
        ("order", job.order.is_some()),
        ("route", job.route.is_some()),
        ("connect", job.connect.is_some()),
        // A box worked to its plan may be tested from the PM (its recette).
        ("otdr", job.otdr.is_some() && own != "work"),
    ] {
        if given && stage != own {
            p.push((
                format!("exercise.{stage}"),
                Msg::new(key).text("stage", stage),
            ));
        }
    }
}

/// Working a box to its plan: the whole job (no other stage beside it), its plan valid
/// with a cable opened in mid-span (two of its cables with one label), and the
/// cassette's smallest coil one a trainer may ask for.
fn validate_work(p: &mut Problems, job: &JobSetup, w: &crate::scenario::closure::work::WorkSetup) {
    super::validate_plan(p, "exercise.work.plan", &w.plan);
    alone(p, job, "work", "val-work-alone");
    if crate::scenario::closure::work::through_cable(&w.plan).is_none() {
        p.push((
            "exercise.work.plan.cables".into(),
            Msg::new("val-work-no-through-cable"),
        ));
    }
    super::limit(
        p,
        "exercise.work.min_coil_mm",
        w.min_coil_mm,
        &crate::limits::MIN_LOOP_TARGET_MM,
        "why-min-coil",
    );
    use crate::scenario::closure::plan::Function;
    use crate::scenario::closure::work::is_drop;
    let connect: &[String] = w.built.as_ref().map_or(&[], |b| &b.connect);
    // A line in service beyond the box rides a fibre the plan passes through it, or, in
    // a box already built, one its plan splices to a drop not connected by this job;
    // once.
    let drop_of = |p: &crate::scenario::closure::plan::PositionRow| {
        p.ps_2
            .as_deref()
            .and_then(|d| w.plan.fibre(d))
            .filter(|d| is_drop(&w.plan, d))
    };
    let carried = |code: &str| {
        w.plan.positions.iter().any(|p| {
            p.ps_1 == code
                && (p.ps_fonct == Function::PA
                    || w.built.is_some()
                        && drop_of(p).is_some_and(|d| !connect.contains(&d.fo_code)))
        })
    };
    if let Some(b) = &w.built {
        for (i, c) in b.connect.iter().enumerate() {
            let at = format!("exercise.work.built.connect[{i}]");
            let on_row = w
                .plan
                .positions
                .iter()
                .any(|p| drop_of(p).is_some_and(|d| &d.fo_code == c));
            if !on_row {
                p.push((
                    at.clone(),
                    Msg::new("val-work-connect-drop").text("fibre", c.as_str()),
                ));
            }
            if b.connect[..i].contains(c) {
                p.push((
                    at,
                    Msg::new("val-work-live-twice").text("fibre", c.as_str()),
                ));
            }
        }
        super::limit(
            p,
            "exercise.work.built.window_mm",
            b.window_mm,
            &crate::limits::WINDOW_MM,
            "why-window",
        );
        super::limit(
            p,
            "exercise.work.built.coil_mm",
            b.coil_mm,
            &crate::limits::TRAY_LOOP_MM,
            "why-coil",
        );
    }
    for (i, l) in w.live.iter().enumerate() {
        let at = format!("exercise.work.live[{i}]");
        if !carried(&l.fibre) {
            p.push((
                format!("{at}.fibre"),
                Msg::new("val-work-live-fibre").text("fibre", l.fibre.as_str()),
            ));
        }
        if w.live[..i].iter().any(|o| o.fibre == l.fibre) {
            p.push((
                format!("{at}.fibre"),
                Msg::new("val-work-live-twice").text("fibre", l.fibre.as_str()),
            ));
        }
        if !crate::scenario::closure::order::pto_ok(&l.line) {
            p.push((
                format!("{at}.line"),
                Msg::new("val-work-live-line").text("line", l.line.as_str()),
            ));
        }
        super::limit(
            p,
            &format!("{at}.level_dbm"),
            l.level_dbm,
            &crate::limits::POWER_DBM,
            "why-power",
        );
    }
}

/// The audit: the whole job (no other stage beside it), its plan valid, each fault's
/// chance a probability and a place for it on the plan (crossed drops need two spliced
/// drops in a splice cassette, a coil or a sleeve one, a cut express fibre a PA row), at
/// most as many faults asked for as listed, and the cassette's smallest coil one a
/// trainer may ask for.
fn validate_audit(
    p: &mut Problems,
    job: &JobSetup,
    a: &crate::scenario::closure::audit::AuditSetup,
) {
    super::validate_plan(p, "exercise.audit.plan", &a.plan);
    alone(p, job, "audit", "val-audit-alone");
    if a.faults.is_empty() {
        p.push((
            "exercise.audit.faults".into(),
            Msg::new("val-audit-no-faults"),
        ));
    }
    let mut seen = Vec::new();
    for (i, f) in a.faults.iter().enumerate() {
        let at = format!("exercise.audit.faults[{i}]");
        super::range(
            p,
            &format!("{at}.chance"),
            f.chance,
            0.0,
            1.0,
            crate::limits::Unit::None,
            "why-chance",
        );
        if seen.contains(&f.fault) {
            p.push((
                format!("{at}.fault"),
                Msg::new("val-audit-fault-twice").msg("fault", f.fault.name()),
            ));
        }
        seen.push(f.fault);
        if f.fault.candidates(&a.plan).len() < f.fault.positions_taken() {
            p.push((
                format!("{at}.fault"),
                Msg::new("val-audit-no-place")
                    .msg("fault", f.fault.name())
                    .int("n", f.fault.positions_taken() as u32),
            ));
        }
    }
    if a.at_least as usize > a.faults.len() {
        p.push((
            "exercise.audit.at_least".into(),
            Msg::new("val-audit-at-least")
                .int("n", a.at_least)
                .int("listed", a.faults.len() as u32),
        ));
    }
    super::limit(
        p,
        "exercise.audit.min_coil_mm",
        a.min_coil_mm,
        &crate::limits::MIN_LOOP_TARGET_MM,
        "why-min-coil",
    );
}
