//! Validation of a job: each stage on its own, and the test stage's link made to receive
//! the splices of the splicing stage.

use super::{Problems, nested};
use crate::i18n::Msg;
use crate::scenario::JobSetup;
use crate::scenario::otdr::{ElementSpec, TraceSource};

/// A job: each stage valid on its own, and the test stage's link made to receive the
/// splices: a simulated link, one `JobSplice`, the splicing stage's fibres on each side.
pub(super) fn validate_job(p: &mut Problems, job: &JobSetup) {
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
        if job.connect.is_none() {
            p.push(("exercise".into(), Msg::new("val-job-no-last-stage")));
        }
        return;
    };
    let mut found = Problems::new();
    super::otdr::validate_otdr(&mut found, otdr);
    // The OTDR stage's own check refuses `JobSplice` and `JobRoute`; here they belong
    // (`JobRoute` with a routing stage).
    found.retain(|(_, m)| {
        m.key != "val-job-splice-outside"
            && (job.route.is_none() || m.key != "val-job-route-outside")
    });
    p.extend(nested(found, "otdr"));
    let TraceSource::Link(link) = &otdr.source else {
        p.push(("exercise.otdr.source".into(), Msg::new("val-job-link")));
        return;
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
    let fibre_of = |e: &ElementSpec| match e {
        ElementSpec::Fibre { fibre, .. } | ElementSpec::JobRoute { fibre } => Some(*fibre),
        ElementSpec::Connector { .. }
        | ElementSpec::FusionSplice { .. }
        | ElementSpec::MechanicalSplice { .. }
        | ElementSpec::Splitter { .. }
        | ElementSpec::Macrobend { .. }
        | ElementSpec::Break { .. }
        | ElementSpec::JobSplice => None,
    };
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

/// The connecting stage of a job: valid as a connect exercise with its job pieces, one
/// `JobSplice`, and one `JobRoute` where the laid cable comes to it (a routing stage and
/// no OTDR stage), none otherwise.
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
    // The drop as laid: needed here when no OTDR stage takes it, allowed with one.
    let routes = count(|x| matches!(x, Piece::JobRoute { .. }));
    let ok = match (job.route.is_some(), job.otdr.is_some()) {
        (true, false) => routes == 1,
        (true, true) => routes <= 1,
        (false, _) => routes == 0,
    };
    if !ok {
        p.push((
            "exercise.connect.link".into(),
            Msg::new("val-job-route-count").int("found", routes as u32),
        ));
    }
}
