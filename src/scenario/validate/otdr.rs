//! Validation of an OTDR set-up (a simulated link or a saved trace) and of the OTDR
//! checks.

use super::{Layout, Problems, Unit, limit, range, shown_text, varying_f64};
use crate::i18n::Msg;
use crate::limits;
use crate::physics::otdr::{RANGE_MAX_M, wavelengths_offered};
use crate::scenario::otdr::{ElementSpec, EventType, TraceSource};
use crate::scenario::{OtdrCheck, OtdrSetup, Varying};

/// Whether the link tested has a fault to find; `line_fault`: whether a job's connecting
/// stage, whose line a `JobLine` tests, has one.
pub(super) fn has_fault(o: &OtdrSetup, line_fault: bool) -> bool {
    match &o.source {
        TraceSource::JobLine(_) if line_fault => true,
        TraceSource::Link(l) | TraceSource::JobLine(l) => l
            .elements
            .iter()
            .any(|e| matches!(e, ElementSpec::Break { .. } | ElementSpec::Macrobend { .. })),
        TraceSource::SorFile(s) => s
            .reference
            .iter()
            .any(|r| matches!(r.kind, EventType::Break | EventType::Bend)),
    }
}

/// A component's loss, 0–3 dB.
fn loss(p: &mut Problems, path: &str, v: &Varying<f64>) {
    varying_f64(p, path, v, 0.0, 3.0, Unit::Db, "why-loss");
}

/// A component's reflectance when given, −80 to −14 dB.
fn reflectance(p: &mut Problems, path: &str, v: &Option<Varying<f64>>) {
    if let Some(v) = v {
        varying_f64(p, path, v, -80.0, -14.0, Unit::Db, "why-reflectance");
    }
}

pub(super) fn validate_otdr(p: &mut Problems, s: &OtdrSetup) {
    // The fibre family decides the instrument's wavelengths.
    let fibres: Vec<crate::physics::fibre::FibreType> = match &s.source {
        TraceSource::Link(l) | TraceSource::JobLine(l) => l
            .elements
            .iter()
            .filter_map(|e| {
                if let ElementSpec::Fibre { fibre, .. } = e {
                    Some(*fibre)
                } else {
                    None
                }
            })
            .collect(),
        TraceSource::SorFile(_) => Vec::new(),
    };
    let single_mode = fibres.first().is_none_or(|f| f.is_single_mode());
    let offered = wavelengths_offered(single_mode);
    let list = |o: &[f64]| {
        o.iter()
            .map(|w| format!("{w}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if s.wavelengths.is_empty() {
        p.push(("exercise.wavelengths".into(), Msg::new("val-empty-list")));
    }
    for (i, w) in s.wavelengths.iter().enumerate() {
        if !offered.contains(w) {
            p.push((
                format!("exercise.wavelengths[{i}]"),
                Msg::new("val-wavelength")
                    .num("wl", *w, 0)
                    .text("list", list(offered)),
            ));
        } else if s.wavelengths[..i].contains(w) {
            p.push((
                format!("exercise.wavelengths[{i}]"),
                Msg::new("val-duplicate-id").text("id", format!("{w}")),
            ));
        }
    }
    if let Some(w) = s.report_wavelength_nm
        && !s.wavelengths.contains(&w)
    {
        p.push((
            "exercise.report_wavelength_nm".into(),
            Msg::new("val-report-wavelength").num("wl", w, 0),
        ));
    }
    let l = &s.labels;
    for (field, text) in [
        ("cable_id", &l.cable_id),
        ("fibre_id", &l.fibre_id),
        ("location_a", &l.location_a),
        ("location_b", &l.location_b),
    ] {
        if !text.is_empty() {
            shown_text(p, &format!("exercise.labels.{field}"), text, Layout::Line);
        }
    }
    let t = &s.thresholds;
    range(
        p,
        "exercise.thresholds.splice_loss_db",
        t.splice_loss_db,
        0.01,
        5.0,
        Unit::Db,
        "why-threshold",
    );
    range(
        p,
        "exercise.thresholds.reflectance_db",
        t.reflectance_db,
        -78.0,
        -14.0,
        Unit::Db,
        "why-threshold",
    );
    range(
        p,
        "exercise.thresholds.end_of_fibre_db",
        t.end_of_fibre_db,
        1.0,
        25.0,
        Unit::Db,
        "why-threshold",
    );
    let a = &s.acceptance;
    range(
        p,
        "exercise.acceptance.splice_max_db",
        a.splice_max_db,
        0.01,
        2.0,
        Unit::Db,
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.connector_max_db",
        a.connector_max_db,
        0.05,
        3.0,
        Unit::Db,
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.reflectance_max_db",
        a.reflectance_max_db,
        -80.0,
        -14.0,
        Unit::Db,
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.mechanical_splice_max_db",
        a.mechanical_splice_max_db,
        0.05,
        3.0,
        Unit::Db,
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.splitter_excess_max_db",
        a.splitter_excess_max_db,
        0.0,
        5.0,
        Unit::Db,
        "why-acceptance",
    );
    if let Some(m) = a.link_max_db {
        range(
            p,
            "exercise.acceptance.link_max_db",
            m,
            0.1,
            60.0,
            Unit::Db,
            "why-acceptance",
        );
    }
    let tl = &s.tolerances;
    range(
        p,
        "exercise.tolerances.distance_m",
        tl.distance_m,
        0.5,
        1000.0,
        Unit::M,
        "why-tolerance",
    );
    range(
        p,
        "exercise.tolerances.loss_db",
        tl.loss_db,
        0.005,
        2.0,
        Unit::Db,
        "why-tolerance",
    );
    range(
        p,
        "exercise.tolerances.reflectance_db",
        tl.reflectance_db,
        0.1,
        20.0,
        Unit::Db,
        "why-tolerance",
    );
    range(
        p,
        "exercise.tolerances.total_loss_db",
        tl.total_loss_db,
        0.01,
        10.0,
        Unit::Db,
        "why-tolerance",
    );
    match &s.source {
        TraceSource::Link(l) | TraceSource::JobLine(l) => {
            // Checked by the job, which drops this problem where it has a connecting
            // stage to take the line from.
            if let TraceSource::JobLine(_) = &s.source {
                p.push(("exercise.source".into(), Msg::new("val-job-line-outside")));
            }
            let c = "exercise.source.connectors";
            loss(p, &format!("{c}.loss_db"), &l.connectors.loss_db);
            reflectance(
                p,
                &format!("{c}.reflectance_db"),
                &l.connectors.reflectance_db,
            );
            for (field, v) in [
                ("launch_cable_m", l.launch_cable_m),
                ("receive_cable_m", l.receive_cable_m),
            ] {
                let path = format!("exercise.source.{field}");
                range(p, &path, v, 0.0, 5000.0, Unit::M, "why-cable");
            }
            // A job's line has its fibres in the connecting stage's link.
            if fibres.is_empty() && matches!(s.source, TraceSource::Link(_)) {
                p.push(("exercise.source.elements".into(), Msg::new("val-no-fibre")));
            }
            // The longest link the seed can draw, cables included, must fit the
            // instrument's longest range.
            let longest: f64 = l.launch_cable_m
                + l.receive_cable_m
                + l.elements
                    .iter()
                    .map(|e| {
                        if let ElementSpec::Fibre { length_m, .. } = e {
                            length_m.max()
                        } else {
                            0.0
                        }
                    })
                    .sum::<f64>();
            if longest > RANGE_MAX_M {
                p.push((
                    "exercise.source.elements".into(),
                    Msg::new("val-link-too-long")
                        .num("km", longest / 1000.0, 1)
                        .num("max", RANGE_MAX_M / 1000.0, 0),
                ));
            }
            let breaks: Vec<usize> = l
                .elements
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e, ElementSpec::Break { .. }))
                .map(|(i, _)| i)
                .collect();
            if let [first, second, ..] = breaks[..] {
                p.push((
                    format!("exercise.source.elements[{second}]"),
                    Msg::new("val-second-break").int("first", first as u32 + 1),
                ));
            }
            if fibres.iter().any(|f| f.is_single_mode() != single_mode) {
                p.push((
                    "exercise.source.elements".into(),
                    Msg::new("val-mixed-fibres"),
                ));
            }
            for (i, e) in l.elements.iter().enumerate() {
                let ep = format!("exercise.source.elements[{i}]");
                let at = |field: &str| format!("{ep}.{field}");
                match e {
                    ElementSpec::Fibre { length_m, .. } => varying_f64(
                        p,
                        &at("length_m"),
                        length_m,
                        1.0,
                        200_000.0,
                        Unit::M,
                        "why-fibre-length",
                    ),
                    ElementSpec::Connector {
                        loss_db,
                        reflectance_db,
                        ..
                    } => {
                        loss(p, &at("loss_db"), loss_db);
                        reflectance(p, &at("reflectance_db"), reflectance_db);
                    }
                    ElementSpec::FusionSplice { loss_db } => loss(p, &at("loss_db"), loss_db),
                    ElementSpec::MechanicalSplice {
                        loss_db,
                        reflectance_db,
                    } => {
                        loss(p, &at("loss_db"), loss_db);
                        reflectance(p, &at("reflectance_db"), &Some(*reflectance_db));
                    }
                    ElementSpec::Splitter {
                        ports, excess_db, ..
                    } => {
                        if ![2, 4, 8, 16, 32, 64].contains(ports) {
                            p.push((
                                at("ports"),
                                Msg::new("val-splitter-ports").int("found", *ports),
                            ));
                        }
                        varying_f64(
                            p,
                            &at("excess_db"),
                            excess_db,
                            0.0,
                            5.0,
                            Unit::Db,
                            "why-loss",
                        );
                    }
                    ElementSpec::Macrobend { loss_1550_db } => varying_f64(
                        p,
                        &at("loss_1550_db"),
                        loss_1550_db,
                        0.01,
                        20.0,
                        Unit::Db,
                        "why-loss",
                    ),
                    ElementSpec::Break { reflectance_db } => {
                        reflectance(p, &at("reflectance_db"), reflectance_db);
                        if s.bidirectional {
                            p.push((ep.clone(), Msg::new("val-bidir-break")));
                        }
                    }
                    // Checked by the job, which drops this problem.
                    ElementSpec::JobSplice => {
                        p.push((ep.clone(), Msg::new("val-job-splice-outside")))
                    }
                    ElementSpec::JobRoute { .. } => {
                        p.push((ep.clone(), Msg::new("val-job-route-outside")))
                    }
                }
            }
        }
        TraceSource::SorFile(f) => {
            if f.file.trim().is_empty() {
                p.push(("exercise.source.file".into(), Msg::new("val-empty-text")));
            }
            if f.reference.is_empty() {
                p.push((
                    "exercise.source.reference".into(),
                    Msg::new("val-empty-list"),
                ));
            }
            range(
                p,
                "exercise.source.length_m",
                f.length_m,
                1.0,
                300_000.0,
                Unit::M,
                "why-fibre-length",
            );
            range(
                p,
                "exercise.source.total_loss_db",
                f.total_loss_db,
                0.0,
                60.0,
                Unit::Db,
                "why-loss",
            );
            range(
                p,
                "exercise.source.origin_m",
                f.origin_m,
                0.0,
                5000.0,
                Unit::M,
                "why-cable",
            );
            for (i, r) in f.reference.iter().enumerate() {
                let b = format!("exercise.source.reference[{i}]");
                range(
                    p,
                    &format!("{b}.distance_m"),
                    r.distance_m,
                    -10.0,
                    300_000.0,
                    Unit::M,
                    "why-fibre-length",
                );
                // What a report line may say: a reference beyond it could not be matched.
                if let Some(l) = r.loss_db {
                    limit(
                        p,
                        &format!("{b}.loss_db"),
                        l,
                        &limits::REPORT_LOSS_DB,
                        "why-loss",
                    );
                }
                if let Some(x) = r.reflectance_db {
                    limit(
                        p,
                        &format!("{b}.reflectance_db"),
                        x,
                        &limits::REPORT_REFLECTANCE_DB,
                        "why-reflectance",
                    );
                }
            }
            if s.bidirectional {
                p.push(("exercise.bidirectional".into(), Msg::new("val-bidir-saved")));
            }
        }
    }
}

/// An OTDR check against its set-up: set-up checks need a live instrument, a fault to
/// find needs a fault, an averaging time an instrument can give.
pub(super) fn validate_check(
    p: &mut Problems,
    chk: &str,
    c: &OtdrCheck,
    o: &OtdrSetup,
    line_fault: bool,
) {
    if matches!(o.source, TraceSource::SorFile(_)) && c.judges_set_up() {
        p.push((chk.into(), Msg::new("val-check-saved")));
    }
    if *c == OtdrCheck::FaultLocated && !has_fault(o, line_fault) {
        p.push((chk.into(), Msg::new("val-no-fault")));
    }
    if let OtdrCheck::AveragingTime { min_s } = *c {
        limit(
            p,
            &format!("{chk}.min_s"),
            min_s,
            &limits::AVERAGING_S,
            "why-averaging",
        );
    }
}
