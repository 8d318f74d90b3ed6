//! Grading of routing work, one file per station: the decisions at the poles against the
//! safety rules, the hardware against Telenco's table, a span's sag, its road clearance
//! and its loaded tension, the pull against the cable's limits, blowing, the trench, and
//! the chamber's procedure. Each feedback says the physics or quotes the rule and its
//! source.

mod aerial;
mod blow;
mod chamber;
mod pull;
mod trench;

pub use chamber::{StepLine, StepMark, chamber_lines, order_breaches};
pub use trench::{GUARD_MIN_M, PBO_HEIGHT_M};

use super::{not_reached, not_this_module};
use crate::exercise::routing::{RoutingState, Site};
use crate::i18n::Msg;
use crate::scenario::{Check, RoutingCheck};

pub fn evaluate(check: &Check, st: &RoutingState) -> (f64, Msg) {
    let Check::Routing(c) = check else {
        return not_this_module();
    };
    let (site, a, w) = (&st.site, &st.aerial, &st.pull);
    let blow = |f: fn(&crate::exercise::routing::Blow) -> (f64, Msg)| {
        st.blow.as_ref().map_or_else(not_this_module, f)
    };
    let trench = |f: fn(&crate::exercise::routing::Trench) -> (f64, Msg)| {
        st.trench.as_ref().map_or_else(not_this_module, f)
    };
    match c {
        RoutingCheck::PolesSafe => aerial::poles_safe(site, a),
        RoutingCheck::PolesInspected => aerial::poles_inspected(site, a),
        RoutingCheck::PolesRecorded => aerial::poles_recorded(site, a),
        RoutingCheck::HardwareRules => aerial::hardware(site, a),
        RoutingCheck::SpanSag { tolerance_pct } => aerial::span_sag(site, a, *tolerance_pct),
        RoutingCheck::RoadClearance => aerial::road_clearance(site, a),
        RoutingCheck::LoadedTension => aerial::loaded_tension(site, a),
        RoutingCheck::StudyReadings { tolerance_pct } => {
            aerial::study_readings(site, a, *tolerance_pct)
        }
        RoutingCheck::PoleRemedies => aerial::remedies(site, a),
        RoutingCheck::PullWithinLimits => pull::pull_limits(site, w),
        RoutingCheck::SidewallPressure => pull::sidewall(w),
        RoutingCheck::SwivelRated => pull::swivel(site, w),
        RoutingCheck::BendRadius => pull::bend_radius(site, w),
        RoutingCheck::FigureEight => pull::figure_eight(site, w),
        RoutingCheck::ProcedureOrder => st.chamber.as_ref().map_or_else(
            || not_reached("what-route-chamber"),
            chamber::procedure_order,
        ),
        RoutingCheck::ProcedureComplete => st
            .chamber
            .as_ref()
            .map_or_else(not_this_module, chamber::procedure_complete),
        RoutingCheck::FillRatio => blow(blow::fill_ratio),
        RoutingCheck::Blown => blow(blow::blown),
        RoutingCheck::TrenchDepths => trench(trench::trench_depths),
        RoutingCheck::WarningMesh => trench(trench::warning_mesh),
        RoutingCheck::NetworkSpacing => trench(trench::spacing),
        RoutingCheck::TransitionBuilt => st
            .trench
            .as_ref()
            .map_or_else(|| not_reached("what-route-transition"), trench::transition),
    }
}

fn pole_name(site: &Site, i: usize) -> Msg {
    Msg::new("fb-route-pole-name").text("pole", site.poles()[i].id.clone())
}
