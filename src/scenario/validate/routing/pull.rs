//! Validation of the pull: a route of ducts to pull through, friction and tensions that
//! hold together.

use super::super::{Problems, limit, varying_limit};
use crate::i18n::Msg;
use crate::limits::{CABLE_TENSION_N, FRICTION};
use crate::scenario::routing::{CableSpec, PullTask, RoutingSetup};

pub(super) fn validate(
    p: &mut Problems,
    b: &str,
    t: &PullTask,
    r: &RoutingSetup,
    cable: &CableSpec,
) {
    if r.site.ducts.is_empty() {
        p.push((b.to_string(), Msg::new("val-route-no-duct")));
    }
    varying_limit(
        p,
        &format!("{b}.mu_dry"),
        &t.mu_dry,
        &FRICTION,
        "why-friction",
    );
    varying_limit(
        p,
        &format!("{b}.mu_lubricated"),
        &t.mu_lubricated,
        &FRICTION,
        "why-friction",
    );
    if t.mu_lubricated.max() > t.mu_dry.min() {
        p.push((
            format!("{b}.mu_lubricated"),
            Msg::new("val-route-lubricant"),
        ));
    }
    if !(t.back_tension_n >= 0.0 && t.back_tension_n < cable.max_tension_n) {
        p.push((
            format!("{b}.back_tension_n"),
            Msg::new("val-route-back-tension").num("max", cable.max_tension_n, 0),
        ));
    }
    limit(
        p,
        &format!("{b}.sidewall_max_n_per_m"),
        t.sidewall_max_n_per_m,
        &CABLE_TENSION_N,
        "why-route-cable",
    );
}
