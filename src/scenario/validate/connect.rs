//! Validation of a connecting-and-measuring set-up: values within their limits, names
//! that refer to something (with the nearest name offered), and benches that cannot be
//! worked refused (a measurement with too few cords for its method, a link that does not
//! start and end on a connector, a PON task without wavelengths).

use super::{Layout, Problems, limit, shown_text, shown_words, varying_limit};
use crate::i18n::Msg;
use crate::limits::{
    ATTENUATION_DB_PER_KM, BUDGET_DB, CONNECTION_LOSS_DB, DUST_GRAINS, EVENT_LOSS_DB,
    FIELD_GAUGE_MM, LINK_FIBRE_M, LOSS_TOLERANCE_DB, MARK_ANGLE_DEG, MARK_R_UM, MARK_SIZE_UM,
    POWER_DBM, SPLITTER_LOSS_DB,
};
use crate::physics::endface::Mark;
use crate::physics::olts::RefMethod;
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

fn unknown(p: &mut Problems, path: String, found: &str, known: &[&str]) {
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
        let needs_link = !matches!(task, ConnectTask::Inspect { .. });
        if needs_link && !ends_ok {
            p.push((b.clone(), Msg::new("val-connect-link-ends")));
        }
        match task {
            ConnectTask::Inspect { connectors } => {
                if connectors.is_empty() {
                    p.push((format!("{b}.connectors"), Msg::new("val-connect-no-task")));
                }
                for (k, id) in connectors.iter().enumerate() {
                    if !connector_ids.contains(&id.as_str()) {
                        unknown(p, format!("{b}.connectors[{k}]"), id, &connector_ids);
                    }
                }
            }
            ConnectTask::Budget {
                attenuation_db_per_km,
                splice_db,
                connector_db,
                margin_db,
            } => {
                for (k, (nm, a)) in attenuation_db_per_km.iter().enumerate() {
                    wavelength(p, &format!("{b}.attenuation_db_per_km[{k}]"), *nm);
                    limit(
                        p,
                        &format!("{b}.attenuation_db_per_km[{k}]"),
                        *a,
                        &ATTENUATION_DB_PER_KM,
                        "why-link",
                    );
                }
                limit(
                    p,
                    &format!("{b}.splice_db"),
                    *splice_db,
                    &EVENT_LOSS_DB,
                    "why-link",
                );
                limit(
                    p,
                    &format!("{b}.connector_db"),
                    *connector_db,
                    &CONNECTION_LOSS_DB,
                    "why-connection",
                );
                limit(
                    p,
                    &format!("{b}.margin_db"),
                    *margin_db,
                    &BUDGET_DB,
                    "why-link",
                );
            }
            ConnectTask::Measure {
                method,
                wavelengths_nm,
                max_loss_db,
            } => {
                let need = match method {
                    RefMethod::OneCord | RefMethod::TwoCord => 2,
                    RefMethod::ThreeCord => 3,
                };
                if s.cords.len() < need {
                    p.push((
                        format!("{b}.method"),
                        Msg::new("val-connect-cords")
                            .int("need", need as u32)
                            .int("found", s.cords.len() as u32),
                    ));
                }
                if wavelengths_nm.is_empty() {
                    p.push((
                        format!("{b}.wavelengths_nm"),
                        Msg::new("val-connect-no-wavelength"),
                    ));
                }
                for (k, nm) in wavelengths_nm.iter().enumerate() {
                    if ![1310.0, 1550.0].contains(nm) {
                        p.push((
                            format!("{b}.wavelengths_nm[{k}]"),
                            Msg::new("val-connect-wavelength").num("found", *nm, 0),
                        ));
                    }
                }
                match max_loss_db {
                    Some(m) => limit(p, &format!("{b}.max_loss_db"), *m, &BUDGET_DB, "why-link"),
                    None => {
                        let budget = s
                            .tasks
                            .iter()
                            .any(|t| matches!(t, ConnectTask::Budget { .. }));
                        if !budget {
                            p.push((format!("{b}.max_loss_db"), Msg::new("val-connect-no-limit")));
                        }
                    }
                }
            }
            ConnectTask::PonLevels { levels } => {
                if s.cords.is_empty() {
                    p.push((
                        b.clone(),
                        Msg::new("val-connect-cords").int("need", 1).int("found", 0),
                    ));
                }
                if levels.is_empty() {
                    p.push((format!("{b}.levels"), Msg::new("val-connect-no-wavelength")));
                }
                for (k, l) in levels.iter().enumerate() {
                    let lb = format!("{b}.levels[{k}]");
                    wavelength(p, &format!("{lb}.wavelength_nm"), l.wavelength_nm);
                    for (f, v) in [
                        ("olt_dbm", l.olt_dbm),
                        ("min_dbm", l.min_dbm),
                        ("max_dbm", l.max_dbm),
                    ] {
                        limit(p, &format!("{lb}.{f}"), v, &POWER_DBM, "why-power");
                    }
                    if l.min_dbm >= l.max_dbm {
                        p.push((
                            format!("{lb}.min_dbm"),
                            Msg::new("val-range-reversed")
                                .num("min", l.min_dbm, 0)
                                .num("max", l.max_dbm, 0),
                        ));
                    }
                }
            }
            ConnectTask::IdentifyFibre { fibres } => {
                if !(2..=144).contains(fibres) {
                    p.push((
                        format!("{b}.fibres"),
                        Msg::new("val-connect-identify").int("found", *fibres),
                    ));
                }
            }
            ConnectTask::FitConnector {
                connector,
                gauge_mm,
                ..
            } => {
                let at_end = [link_connectors.first(), link_connectors.last()]
                    .iter()
                    .any(|e| e.is_some_and(|e| e.1 == connector.as_str()));
                if !connector_ids.contains(&connector.as_str()) {
                    unknown(p, format!("{b}.connector"), connector, &connector_ids);
                } else if !at_end {
                    p.push((format!("{b}.connector"), Msg::new("val-connect-field-end")));
                }
                limit(
                    p,
                    &format!("{b}.gauge_mm"),
                    *gauge_mm,
                    &FIELD_GAUGE_MM,
                    "why-connection",
                );
            }
            ConnectTask::Report { line_id, pbo } => {
                if line_id.trim().is_empty() || pbo.trim().is_empty() {
                    p.push((b.clone(), Msg::new("val-connect-report")));
                } else {
                    shown_text(p, &format!("{b}.line_id"), line_id, Layout::Line);
                    shown_text(p, &format!("{b}.pbo"), pbo, Layout::Line);
                }
            }
            ConnectTask::LocateFault => {
                let faults = s
                    .link
                    .iter()
                    .filter(|p| matches!(p, Piece::Fault { .. }))
                    .count();
                if faults > 1 {
                    p.push((
                        b.clone(),
                        Msg::new("val-connect-faults").int("found", faults as u32),
                    ));
                }
            }
        }
    }
}

fn wavelength(p: &mut Problems, path: &str, nm: f64) {
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
                ConnectTask::Inspect { .. }
                    | ConnectTask::Measure { .. }
                    | ConnectTask::PonLevels { .. }
            )
        }),
        ConnectCheck::BudgetRight { tolerance_db } => {
            tol(p, *tolerance_db);
            has(|t| matches!(t, ConnectTask::Budget { .. }))
        }
        ConnectCheck::ReferenceRight | ConnectCheck::LossVerdict => {
            has(|t| matches!(t, ConnectTask::Measure { .. }))
        }
        ConnectCheck::LossMeasured { tolerance_db } => {
            tol(p, *tolerance_db);
            has(|t| matches!(t, ConnectTask::Measure { .. }))
        }
        ConnectCheck::PonJudged => has(|t| matches!(t, ConnectTask::PonLevels { .. })),
        ConnectCheck::FaultFound => has(|t| matches!(t, ConnectTask::LocateFault)),
        ConnectCheck::ReportRight => has(|t| matches!(t, ConnectTask::Report { .. })),
        ConnectCheck::FibreIdentified => has(|t| matches!(t, ConnectTask::IdentifyFibre { .. })),
        ConnectCheck::ConnectorFitted { max_loss_db } => {
            limit(
                p,
                &format!("{chk}.max_loss_db"),
                *max_loss_db,
                &CONNECTION_LOSS_DB,
                "why-connection",
            );
            has(|t| matches!(t, ConnectTask::FitConnector { .. }))
        }
    };
    if !needed {
        p.push((chk.into(), Msg::new("val-connect-check-task")));
    }
}
