//! Validation of a routing site: values within their limits, names that refer to
//! something, and sites that cannot be built refused (a cable thicker than its duct, a
//! span with no pole at one end, a chamber too small for the cable's bend radius, ducts
//! that do not chain, a route that does not read).

mod aerial;
mod blow;
mod chamber;
mod pull;
mod trench;

use super::{Layout, Problems, limit, shown_text, shown_words, varying_limit};
use crate::i18n::Msg;
use crate::limits::{
    CABLE_ALPHA_PER_K, CABLE_BEND_MM, CABLE_DIAMETER_MM, CABLE_EA_N, CABLE_TENSION_N,
    CABLE_WEIGHT_N_PER_M, DELTA_T_K, DEVIATION_DEG, DUCT_ID_MM, ICE_MM, LINE_KV, POLE_DIAMETER_M,
    POLE_HEIGHT_M, POLE_NOMINAL_N, READING_TOLERANCE_PCT, SAG_TOLERANCE_PCT, SITE_DISTANCE_M,
    SITE_PLAN_M, SPAN_M, WIND_PA,
};
use crate::physics::duct::PULLING_MAX_AREA_FILL;
use crate::physics::pulling::parse_route;
use crate::scenario::RoutingCheck;
use crate::scenario::routing::{CableChoice, PoleCondition, RoutingSetup, RoutingTask};

pub(super) fn validate_routing(p: &mut Problems, r: &RoutingSetup) {
    let site = &r.site;
    let cable = r.cable.spec();
    if let CableChoice::Custom(c) = &r.cable {
        let b = "exercise.cable";
        shown_text(p, &format!("{b}.name"), &c.name, Layout::Line);
        limit(
            p,
            &format!("{b}.diameter_mm"),
            c.diameter_mm,
            &CABLE_DIAMETER_MM,
            "why-route-cable",
        );
        limit(
            p,
            &format!("{b}.weight_n_per_m"),
            c.weight_n_per_m,
            &CABLE_WEIGHT_N_PER_M,
            "why-route-cable",
        );
        limit(
            p,
            &format!("{b}.max_tension_n"),
            c.max_tension_n,
            &CABLE_TENSION_N,
            "why-route-cable",
        );
        limit(
            p,
            &format!("{b}.ea_n"),
            c.ea_n,
            &CABLE_EA_N,
            "why-route-cable",
        );
        limit(
            p,
            &format!("{b}.alpha_per_k"),
            c.alpha_per_k,
            &CABLE_ALPHA_PER_K,
            "why-route-alpha",
        );
        for (f, v) in [
            ("bend_static_mm", c.bend_static_mm),
            ("bend_loaded_mm", c.bend_loaded_mm),
        ] {
            if let Some(v) = v {
                limit(p, &format!("{b}.{f}"), v, &CABLE_BEND_MM, "why-route-bend");
            }
        }
    }
    let mut ids: Vec<String> = Vec::new();
    let mut name = |p: &mut Problems, path: String, id: &str| {
        // A name that cannot be shown is said so by `shown_text`.
        if shown_text(p, &path, id, Layout::Line) {
            if id.len() > 16 {
                p.push((path, Msg::new("val-route-name").text("found", id)));
            } else if ids.iter().any(|x| x == id) {
                p.push((path, Msg::new("val-route-name-twice").text("id", id)));
            }
        }
        ids.push(id.to_string());
    };
    // Where each stands on the plan.
    let plan = |p: &mut Problems, b: &str, x: f64, y: f64| {
        for (f, v) in [("x_m", x), ("y_m", y)] {
            limit(p, &format!("{b}.{f}"), v, &SITE_PLAN_M, "why-plan");
        }
    };
    for (i, pole) in site.poles.iter().enumerate() {
        let b = format!("exercise.site.poles[{i}]");
        name(p, format!("{b}.id"), &pole.id);
        if !pole.number.is_empty() {
            shown_text(p, &format!("{b}.number"), &pole.number, Layout::Line);
        }
        plan(p, &b, pole.x_m, pole.y_m);
        limit(
            p,
            &format!("{b}.height_m"),
            pole.height_m,
            &POLE_HEIGHT_M,
            "why-pole",
        );
        limit(
            p,
            &format!("{b}.nominal_n"),
            pole.nominal_n,
            &POLE_NOMINAL_N,
            "why-pole",
        );
        for (f, v) in [
            ("base_diameter_m", pole.base_diameter_m),
            ("top_diameter_m", pole.top_diameter_m),
        ] {
            limit(p, &format!("{b}.{f}"), v, &POLE_DIAMETER_M, "why-pole");
        }
        if pole.top_diameter_m > pole.base_diameter_m {
            p.push((
                format!("{b}.top_diameter_m"),
                Msg::new("val-route-pole-taper"),
            ));
        }
        limit(
            p,
            &format!("{b}.deviation_deg"),
            pole.deviation_deg,
            &DEVIATION_DEG,
            "why-pole",
        );
        if !(pole.attach_height_m > 0.0 && pole.attach_height_m <= pole.height_m) {
            p.push((
                format!("{b}.attach_height_m"),
                Msg::new("val-route-attach")
                    .num("h", pole.attach_height_m, 2)
                    .num("pole", pole.height_m, 2),
            ));
        }
        if let Some(h) = pole.reference_height_m
            && !(h > 0.0 && h <= pole.height_m)
        {
            p.push((
                format!("{b}.reference_height_m"),
                Msg::new("val-route-reference"),
            ));
        }
        if let PoleCondition::Decayed {
            sound_diameter_m,
            hollow_m,
        } = pole.condition
            && !(sound_diameter_m > 0.0
                && sound_diameter_m <= pole.base_diameter_m
                && (0.0..sound_diameter_m).contains(&hollow_m))
        {
            p.push((format!("{b}.condition"), Msg::new("val-route-decay")));
        }
        for (k, e) in pole.existing.iter().enumerate() {
            let eb = format!("{b}.existing[{k}]");
            limit(
                p,
                &format!("{eb}.tension_n"),
                e.tension_n,
                &CABLE_TENSION_N,
                "why-route-cable",
            );
            limit(
                p,
                &format!("{eb}.diameter_mm"),
                e.diameter_mm,
                &CABLE_DIAMETER_MM,
                "why-route-cable",
            );
            if !(e.height_m > 0.0 && e.height_m <= pole.height_m) {
                p.push((
                    format!("{eb}.height_m"),
                    Msg::new("val-route-attach").num("h", e.height_m, 2).num(
                        "pole",
                        pole.height_m,
                        2,
                    ),
                ));
            }
        }
    }
    let pole_exists = |id: &str| site.poles.iter().any(|x| x.id == id);
    for (i, s) in site.spans.iter().enumerate() {
        let b = format!("exercise.site.spans[{i}]");
        for (f, id) in [("from", &s.from), ("to", &s.to)] {
            if !pole_exists(id) {
                p.push((
                    format!("{b}.{f}"),
                    Msg::new("val-route-span-pole").text("pole", id.clone()),
                ));
            }
        }
        if s.from == s.to {
            p.push((format!("{b}.to"), Msg::new("val-route-span-same")));
        }
        varying_limit(
            p,
            &format!("{b}.length_m"),
            &s.length_m,
            &SPAN_M,
            "why-span",
        );
    }
    for (i, c) in site.chambers.iter().enumerate() {
        let b = format!("exercise.site.chambers[{i}]");
        name(p, format!("{b}.id"), &c.id);
        plan(p, &b, c.x_m, c.y_m);
    }
    for (i, h) in site.houses.iter().enumerate() {
        let b = format!("exercise.site.houses[{i}]");
        if !h.name.is_empty() {
            shown_text(p, &format!("{b}.name"), &h.name, Layout::Line);
        }
        plan(p, &b, h.x_m, h.y_m);
    }
    let chamber = |id: &str| site.chambers.iter().find(|c| c.id == id);
    for (i, d) in site.ducts.iter().enumerate() {
        let b = format!("exercise.site.ducts[{i}]");
        for (f, id) in [("from", &d.from), ("to", &d.to)] {
            if chamber(id).is_none() {
                p.push((
                    format!("{b}.{f}"),
                    Msg::new("val-route-duct-chamber").text("chamber", id.clone()),
                ));
            }
        }
        if i > 0 && site.ducts[i - 1].to != d.from {
            p.push((
                format!("{b}.from"),
                Msg::new("val-route-duct-chain")
                    .text("previous", site.ducts[i - 1].to.clone())
                    .text("found", d.from.clone()),
            ));
        }
        limit(
            p,
            &format!("{b}.inner_diameter_mm"),
            d.inner_diameter_mm,
            &DUCT_ID_MM,
            "why-duct",
        );
        let ratio = cable.diameter_mm / d.inner_diameter_mm;
        let fill = ratio * ratio;
        if cable.diameter_mm >= d.inner_diameter_mm {
            p.push((
                format!("{b}.inner_diameter_mm"),
                Msg::new("val-route-duct-thin")
                    .num("id", d.inner_diameter_mm, 1)
                    .num("od", cable.diameter_mm, 1),
            ));
        } else if fill > PULLING_MAX_AREA_FILL {
            p.push((
                format!("{b}.inner_diameter_mm"),
                Msg::new("val-route-duct-full")
                    .num("fill", 100.0 * fill, 0)
                    .num("max", 100.0 * PULLING_MAX_AREA_FILL, 0),
            ));
        }
        match parse_route(&d.route) {
            Err((n, why)) => p.push((
                format!("{b}.route"),
                Msg::new("val-route-route")
                    .int("n", n as u32)
                    .msg("why", why),
            )),
            Ok(segs) => {
                if segs.is_empty() {
                    p.push((format!("{b}.route"), Msg::new("val-route-route-empty")));
                }
            }
        }
    }
    // A chamber the cable passes or is laid in must hold a loop at its bend radius.
    for (i, c) in site.chambers.iter().enumerate() {
        let on_route = site.ducts.iter().any(|d| d.from == c.id || d.to == c.id);
        if on_route && c.kind.largest_radius_m() < cable.bend_static_m() {
            p.push((
                format!("exercise.site.chambers[{i}].kind"),
                Msg::new("val-route-chamber-small")
                    .text("kind", c.kind.code())
                    .num("r", c.kind.largest_radius_m(), 2)
                    .num("bend", cable.bend_static_m(), 2),
            ));
        }
    }
    for (i, l) in site.power_lines.iter().enumerate() {
        let b = format!("exercise.site.power_lines[{i}]");
        if !pole_exists(&l.pole) {
            p.push((
                format!("{b}.pole"),
                Msg::new("val-route-span-pole").text("pole", l.pole.clone()),
            ));
        }
        varying_limit(
            p,
            &format!("{b}.distance_m"),
            &l.distance_m,
            &SITE_DISTANCE_M,
            "why-line",
        );
        limit(
            p,
            &format!("{b}.voltage_kv"),
            l.voltage_kv,
            &LINE_KV,
            "why-line",
        );
    }
    for (i, h) in r.hypotheses.iter().enumerate() {
        let b = format!("exercise.hypotheses[{i}]");
        shown_words(p, &format!("{b}.name"), &h.name, Layout::Line);
        limit(
            p,
            &format!("{b}.wind_pa"),
            h.wind_pa,
            &WIND_PA,
            "why-hypothesis",
        );
        limit(
            p,
            &format!("{b}.ice_mm"),
            h.ice_mm,
            &ICE_MM,
            "why-hypothesis",
        );
        limit(
            p,
            &format!("{b}.delta_t_k"),
            h.delta_t_k,
            &DELTA_T_K,
            "why-hypothesis",
        );
        if h.source.trim().is_empty() {
            p.push((format!("{b}.source"), Msg::new("val-route-source")));
        } else {
            shown_text(p, &format!("{b}.source"), &h.source, Layout::Line);
        }
    }
    if r.tasks.is_empty() {
        p.push(("exercise.tasks".into(), Msg::new("val-route-no-task")));
    }
    for (i, t) in r.tasks.iter().enumerate() {
        let b = format!("exercise.tasks[{i}]");
        match t {
            RoutingTask::CheckPoles(t) => aerial::check_poles(p, &b, t, r),
            RoutingTask::Hardware(t) => aerial::hardware(p, &b, t, r),
            RoutingTask::Tension(t) => aerial::tension(p, &b, t, r),
            RoutingTask::PoleStudy(t) => aerial::study(p, &b, t, r),
            RoutingTask::Pull(t) => pull::validate(p, &b, t, r, &cable),
            RoutingTask::Blow(t) => blow::validate(p, &b, t),
            RoutingTask::Trench(t) => trench::validate(p, &b, t),
            RoutingTask::OpenChamber(t) => chamber::validate(p, &b, t, r),
        }
    }
}

/// A check needs the task it judges.
pub(super) fn validate_check(p: &mut Problems, chk: &str, c: &RoutingCheck, r: &RoutingSetup) {
    let has = |f: fn(&RoutingTask) -> bool| r.tasks.iter().any(f);
    let needed = match c {
        RoutingCheck::PolesSafe | RoutingCheck::PolesInspected | RoutingCheck::PolesRecorded => {
            has(|t| matches!(t, RoutingTask::CheckPoles(_)))
        }
        RoutingCheck::HardwareRules => has(|t| matches!(t, RoutingTask::Hardware(_))),
        RoutingCheck::SpanSag { tolerance_pct } => {
            limit(
                p,
                &format!("{chk}.tolerance_pct"),
                *tolerance_pct,
                &SAG_TOLERANCE_PCT,
                "why-sag-tolerance",
            );
            has(|t| matches!(t, RoutingTask::Tension(_)))
        }
        RoutingCheck::LoadedTension => {
            if r.hypotheses.is_empty() {
                p.push((chk.into(), Msg::new("val-route-no-hypothesis")));
            }
            has(|t| matches!(t, RoutingTask::Tension(_)))
        }
        RoutingCheck::RoadClearance => {
            let road_tensioned = r.tasks.iter().any(|t| {
                if let RoutingTask::Tension(t) = t {
                    r.site
                        .spans
                        .get(t.span.saturating_sub(1))
                        .is_some_and(|s| s.road)
                } else {
                    false
                }
            });
            if !road_tensioned {
                p.push((chk.into(), Msg::new("val-route-no-road")));
            }
            true
        }
        RoutingCheck::PullWithinLimits
        | RoutingCheck::SidewallPressure
        | RoutingCheck::SwivelRated
        | RoutingCheck::BendRadius
        | RoutingCheck::FigureEight => has(|t| matches!(t, RoutingTask::Pull(_))),
        RoutingCheck::ProcedureOrder | RoutingCheck::ProcedureComplete => {
            has(|t| matches!(t, RoutingTask::OpenChamber(_)))
        }
        RoutingCheck::StudyReadings { tolerance_pct } => {
            limit(
                p,
                &format!("{chk}.tolerance_pct"),
                *tolerance_pct,
                &READING_TOLERANCE_PCT,
                "why-reading-tolerance",
            );
            has(|t| matches!(t, RoutingTask::PoleStudy(_)))
        }
        RoutingCheck::PoleRemedies => has(|t| matches!(t, RoutingTask::PoleStudy(_))),
        RoutingCheck::FillRatio | RoutingCheck::Blown => has(|t| matches!(t, RoutingTask::Blow(_))),
        RoutingCheck::TrenchDepths | RoutingCheck::WarningMesh | RoutingCheck::NetworkSpacing => {
            has(|t| matches!(t, RoutingTask::Trench(_)))
        }
        RoutingCheck::TransitionBuilt => {
            has(|t| matches!(t, RoutingTask::Trench(t) if t.transition))
        }
    };
    if !needed {
        p.push((chk.into(), Msg::new("val-route-check-task")));
    }
}

/// A task's list of poles: not empty, each a pole of the site.
pub(super) fn pole_list(
    p: &mut Problems,
    b: &str,
    poles: &[String],
    exists: &dyn Fn(&str) -> bool,
) {
    if poles.is_empty() {
        p.push((format!("{b}.poles"), Msg::new("val-route-no-pole")));
    }
    for (k, id) in poles.iter().enumerate() {
        if !exists(id) {
            p.push((
                format!("{b}.poles[{k}]"),
                Msg::new("val-route-span-pole").text("pole", id.clone()),
            ));
        }
    }
}
