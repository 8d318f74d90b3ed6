//! Validation of the aerial tasks: the poles they name, the line they need, their values.

use super::super::{Problems, limit};
use super::pole_list;
use crate::i18n::Msg;
use crate::limits::{CABLE_TENSION_N, SAG_PCT, SITE_DISTANCE_M};
use crate::scenario::routing::{
    CheckPolesTask, HardwareTask, PoleStudyTask, RoutingSetup, TensionTask,
};

fn pole_exists(r: &RoutingSetup) -> impl Fn(&str) -> bool + '_ {
    |id: &str| r.site.poles.iter().any(|x| x.id == id)
}

pub(super) fn check_poles(p: &mut Problems, b: &str, t: &CheckPolesTask, r: &RoutingSetup) {
    pole_list(p, b, &t.poles, &pole_exists(r));
    limit(
        p,
        &format!("{b}.tool_reach_m"),
        t.tool_reach_m,
        &SITE_DISTANCE_M,
        "why-line",
    );
}

pub(super) fn hardware(p: &mut Problems, b: &str, t: &HardwareTask, r: &RoutingSetup) {
    if r.site.poles.len() < 2 || r.site.spans.is_empty() {
        p.push((b.to_string(), Msg::new("val-route-no-line")));
    }
    if !(1..=20).contains(&t.max_suspensions_in_row) {
        p.push((
            format!("{b}.max_suspensions_in_row"),
            Msg::new("val-route-suspensions"),
        ));
    }
}

pub(super) fn tension(p: &mut Problems, b: &str, t: &TensionTask, r: &RoutingSetup) {
    let spans = r.site.spans.len();
    if t.span == 0 || t.span > spans {
        p.push((
            format!("{b}.span"),
            Msg::new("val-route-no-span")
                .int("span", t.span as u32)
                .int("n", spans as u32),
        ));
    }
    limit(p, &format!("{b}.sag_pct"), t.sag_pct, &SAG_PCT, "why-sag");
}

pub(super) fn study(p: &mut Problems, b: &str, t: &PoleStudyTask, r: &RoutingSetup) {
    pole_list(p, b, &t.poles, &pole_exists(r));
    limit(
        p,
        &format!("{b}.tension_n"),
        t.tension_n,
        &CABLE_TENSION_N,
        "why-route-cable",
    );
    limit(
        p,
        &format!("{b}.guy_max_n"),
        t.guy_max_n,
        &CABLE_TENSION_N,
        "why-route-cable",
    );
    if t.hypothesis == 0 || t.hypothesis > r.hypotheses.len() {
        p.push((
            format!("{b}.hypothesis"),
            Msg::new("val-route-hypothesis")
                .int("found", t.hypothesis as u32)
                .int("n", r.hypotheses.len() as u32),
        ));
    }
    if r.site.spans.is_empty() {
        p.push((b.to_string(), Msg::new("val-route-no-line")));
    }
}
