//! Validation of a connecting-and-measuring set-up: values within their limits, names
//! that refer to something (with the nearest name offered), and benches that cannot be
//! worked refused (a measurement with too few cords for its method, a link that does not
//! start and end on a connector, a PON task without wavelengths).

mod fitting;
mod meter;
mod microscope;
mod pon;
mod red_light;
mod report;

use super::{Layout, Problems, limit, shown_text, shown_words, varying_limit};
use crate::i18n::Msg;
use crate::limits::{
    CONNECTION_LOSS_DB, DUST_GRAINS, EVENT_LOSS_DB, LINK_FIBRE_M, LOSS_TOLERANCE_DB,
    MARK_ANGLE_DEG, MARK_R_UM, MARK_SIZE_UM, POWER_DBM, SPLITTER_LOSS_DB,
};
use crate::physics::endface::Mark;
use crate::scenario::ConnectCheck;
use crate::scenario::Varying;
use crate::scenario::connect::{ConnectSetup, ConnectTask, Fault, Piece};
use crate::scenario::names::closest;

fn marks(p: &mut Problems, path: &str, ms: &[Mark]) {
    for (k, m) in ms.iter().enumerate() {
        limit(
            p,
            &format!("{path}[{k}].r_um"),
            m.r_um,
            &MARK_R_UM,
            "why-mark",
        );
        limit(
            p,
            &format!("{path}[{k}].angle_deg"),
            m.angle_deg,
            &MARK_ANGLE_DEG,
            "why-mark-angle",
        );
        limit(
            p,
            &format!("{path}[{k}].size_um"),
            m.size_um,
            &MARK_SIZE_UM,
            "why-mark",
        );
    }
}

fn dust(p: &mut Problems, path: &str, v: &Varying<u32>) {
    for x in [v.min(), v.max()] {
        limit(p, path, f64::from(x), &DUST_GRAINS, "why-dust");
    }
    if v.min() > v.max() {
        p.push((
            path.into(),
            Msg::new("val-range-reversed")
                .int("min", v.min())
                .int("max", v.max()),
        ));
    }
}

/// A connector's or a cord's name: shown, short, and not another's (`known`).
fn name(p: &mut Problems, path: &str, id: &str, known: &[&str]) {
    if !shown_text(p, path, id, Layout::Line) {
        return;
    }
    if id.len() > 16 {
        p.push((path.into(), Msg::new("val-route-name").text("found", id)));
    } else if known.contains(&id) {
        p.push((path.into(), Msg::new("val-route-name-twice").text("id", id)));
    }
}

pub(super) fn unknown(p: &mut Problems, path: String, found: &str, known: &[&str]) {
    let known_list = known.join(", ");
    p.push((
        path,
        match closest(found, known) {
            Some(k) => Msg::new("val-connect-unknown-suggest")
                .text("found", found)
                .text("near", k),
            None => Msg::new("val-connect-unknown")
                .text("found", found)
                .text("known", known_list),
        },
    ));
}

/// A connect set-up; `in_job`: a job's stage, where the job's pieces belong.
pub(super) fn validate_connect(p: &mut Problems, s: &ConnectSetup, in_job: bool) {
    let mut ids: Vec<&str> = Vec::new();
    for (i, c) in s.connectors.iter().enumerate() {
        let b = format!("exercise.connectors[{i}]");
        name(p, &format!("{b}.id"), &c.id, &ids);
        ids.push(&c.id);
        shown_words(p, &format!("{b}.place"), &c.place, Layout::Line);
        marks(p, &format!("{b}.port"), &c.port);
        if let Some(plug) = &c.plug {
            marks(p, &format!("{b}.plug"), plug);
        }
        dust(p, &format!("{b}.port_dust"), &c.port_dust);
        dust(p, &format!("{b}.plug_dust"), &c.plug_dust);
        limit(
            p,
            &format!("{b}.loss_db"),
            c.loss_db,
            &CONNECTION_LOSS_DB,
            "why-connection",
        );
    }
    let connector_ids = ids.clone();
    for (i, c) in s.cords.iter().enumerate() {
        let b = format!("exercise.cords[{i}]");
        name(p, &format!("{b}.id"), &c.id, &ids);
        ids.push(&c.id);
        marks(p, &format!("{b}.plug"), &c.plug);
        dust(p, &format!("{b}.plug_dust"), &c.plug_dust);
        varying_limit(
            p,
            &format!("{b}.launch_loss_db"),
            &c.launch_loss_db,
            &CONNECTION_LOSS_DB,
            "why-connection",
        );
        limit(
            p,
            &format!("{b}.loss_db"),
            c.loss_db,
            &CONNECTION_LOSS_DB,
            "why-connection",
        );
    }
    limit(
        p,
        "exercise.source_dbm",
        s.source_dbm,
        &POWER_DBM,
        "why-power",
    );
    let mut link_connectors = Vec::new();
    for (k, piece) in s.link.iter().enumerate() {
        let b = format!("exercise.link[{k}]");
        match piece {
            Piece::Connector(_) => {}
            Piece::Fibre { place, .. }
            | Piece::Splice { place, .. }
            | Piece::Splitter { place, .. }
            | Piece::Fault { place, .. }
            | Piece::JobSplice { place }
            | Piece::JobRoute { place } => {
                shown_words(p, &format!("{b}.place"), place, Layout::Line)
            }
        }
        match piece {
            Piece::Connector(id) => {
                if connector_ids.contains(&id.as_str()) {
                    link_connectors.push((k, id.as_str()));
                } else {
                    unknown(p, b, id, &connector_ids);
                }
            }
            Piece::Fibre { length_m, .. } => varying_limit(
                p,
                &format!("{b}.length_m"),
                length_m,
                &LINK_FIBRE_M,
                "why-link",
            ),
            Piece::Splice { loss_db, .. } => varying_limit(
                p,
                &format!("{b}.loss_db"),
                loss_db,
                &EVENT_LOSS_DB,
                "why-link",
            ),
            Piece::Splitter { ways, loss_db, .. } => {
                if !(2..=128).contains(ways) {
                    p.push((
                        format!("{b}.ways"),
                        Msg::new("val-connect-ways").int("found", *ways),
                    ));
                }
                limit(
                    p,
                    &format!("{b}.loss_db"),
                    *loss_db,
                    &SPLITTER_LOSS_DB,
                    "why-link",
                );
            }
            Piece::JobSplice { .. } | Piece::JobRoute { .. } => {
                if !in_job {
                    p.push((b, Msg::new("val-connect-job-piece")));
                }
            }
            Piece::Fault { fault, .. } => match fault {
                Fault::Break => {}
                Fault::TightBend { loss_1550_db: l } | Fault::BadSplice { loss_db: l } => {
                    limit(p, &format!("{b}.fault"), *l, &EVENT_LOSS_DB, "why-link")
                }
            },
        }
    }
    let ends_ok = !s.link.is_empty()
        && matches!(s.link.first(), Some(Piece::Connector(_)))
        && matches!(s.link.last(), Some(Piece::Connector(_)))
        && s.link
            .iter()
            .filter(|p| matches!(p, Piece::Connector(_)))
            .count()
            >= 2;
    // Connectors inside the link need a plug: the ends take the test cords.
    for &(k, id) in link_connectors
        .iter()
        .skip(1)
        .take(link_connectors.len().saturating_sub(2))
    {
        let has_plug = s.connectors.iter().any(|c| c.id == id && c.plug.is_some());
        if !has_plug {
            p.push((
                format!("exercise.link[{k}]"),
                Msg::new("val-connect-inner-plug").text("id", id),
            ));
        }
    }
    if s.tasks.is_empty() {
        p.push(("exercise.tasks".into(), Msg::new("val-connect-no-task")));
    }
    for (t, task) in s.tasks.iter().enumerate() {
        let b = format!("exercise.tasks[{t}]");
        let needs_link = !matches!(task, ConnectTask::Inspect(_));
        if needs_link && !ends_ok {
            p.push((b.clone(), Msg::new("val-connect-link-ends")));
        }
        match task {
            ConnectTask::Inspect(t) => microscope::validate(p, &b, t, &connector_ids),
            ConnectTask::Budget(t) => meter::budget(p, &b, t),
            ConnectTask::Measure(t) => meter::measure(p, &b, t, s),
            ConnectTask::PonLevels(t) => pon::validate(p, &b, t, s),
            ConnectTask::IdentifyFibre(t) => red_light::identify(p, &b, t),
            ConnectTask::FitConnector(t) => {
                fitting::validate(p, &b, t, &connector_ids, &link_connectors)
            }
            ConnectTask::Report(t) => report::validate(p, &b, t),
            ConnectTask::LocateFault => red_light::locate(p, &b, s),
        }
    }
}

pub(super) fn wavelength(p: &mut Problems, path: &str, nm: f64) {
    if ![1310.0, 1490.0, 1550.0, 1577.0, 1625.0].contains(&nm) {
        p.push((
            path.into(),
            Msg::new("val-connect-wavelength").num("found", nm, 0),
        ));
    }
}

pub(super) fn validate_check(p: &mut Problems, chk: &str, c: &ConnectCheck, s: &ConnectSetup) {
    let has = |f: fn(&ConnectTask) -> bool| s.tasks.iter().any(f);
    let tol = |p: &mut Problems, t: f64| {
        limit(
            p,
            &format!("{chk}.tolerance_db"),
            t,
            &LOSS_TOLERANCE_DB,
            "why-tolerance",
        )
    };
    let needed = match c {
        ConnectCheck::FacesInspected
        | ConnectCheck::ConnectedClean
        | ConnectCheck::FacesJudged
        | ConnectCheck::DamagedReplaced => has(|t| {
            matches!(
                t,
                ConnectTask::Inspect(_) | ConnectTask::Measure(_) | ConnectTask::PonLevels(_)
            )
        }),
        ConnectCheck::BudgetRight { tolerance_db } => {
            tol(p, *tolerance_db);
            has(|t| matches!(t, ConnectTask::Budget(_)))
        }
        ConnectCheck::ReferenceRight | ConnectCheck::LossVerdict => {
            has(|t| matches!(t, ConnectTask::Measure(_)))
        }
        ConnectCheck::LossMeasured { tolerance_db } => {
            tol(p, *tolerance_db);
            has(|t| matches!(t, ConnectTask::Measure(_)))
        }
        ConnectCheck::PonJudged => has(|t| matches!(t, ConnectTask::PonLevels(_))),
        ConnectCheck::FaultFound => has(|t| matches!(t, ConnectTask::LocateFault)),
        ConnectCheck::ReportRight => has(|t| matches!(t, ConnectTask::Report(_))),
        ConnectCheck::FibreIdentified => has(|t| matches!(t, ConnectTask::IdentifyFibre(_))),
        ConnectCheck::ConnectorFitted { max_loss_db } => {
            limit(
                p,
                &format!("{chk}.max_loss_db"),
                *max_loss_db,
                &CONNECTION_LOSS_DB,
                "why-connection",
            );
            has(|t| matches!(t, ConnectTask::FitConnector(_)))
        }
    };
    if !needed {
        p.push((chk.into(), Msg::new("val-connect-check-task")));
    }
}
