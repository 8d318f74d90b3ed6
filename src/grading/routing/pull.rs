//! Grading of the pull: the tensions against the cable's limits, the sidewall pressure,
//! the breakaway swivel, the bends and the figure-eight's lobes.

use crate::exercise::routing::{PullWork, Site};
use crate::grading::{not_reached, share};
use crate::i18n::Msg;
use crate::physics::pulling;

/// The highest tension of the pull made the other way round, same plan otherwise.
fn other_way_max(site: &Site, w: &PullWork, from_start: bool) -> f64 {
    w.plan(site, !from_start)
        .iter()
        .map(pulling::Pull::max_tension_n)
        .fold(0.0, f64::max)
}

pub(super) fn pull_limits(site: &Site, w: &PullWork) -> (f64, Msg) {
    let Some(last) = w.last_pull() else {
        return not_reached("what-route-pull");
    };
    let max = site.cable.max_tension_n;
    let feed = |from_start: bool| {
        if from_start {
            site.route_chambers.first().cloned().unwrap_or_default()
        } else {
            site.route_chambers.last().cloned().unwrap_or_default()
        }
    };
    if let Some(over) = w.pulls.iter().find(|p| p.overstrained) {
        let other = other_way_max(site, w, over.from_start);
        let key = if other <= max {
            "fb-route-pull-over-turn"
        } else if !over.lubricated {
            "fb-route-pull-over-lubricate"
        } else {
            "fb-route-pull-over-split"
        };
        return (
            0.0,
            Msg::new(key)
                .text("feed", feed(over.from_start))
                .text("other", feed(!over.from_start))
                .num("t", over.max_tension_n / 1000.0, 2)
                .num("max", max / 1000.0, 2)
                .num("other_t", other / 1000.0, 2),
        );
    }
    if !last.complete() {
        return (
            0.0,
            Msg::new("fb-route-pull-stopped").num("rating", last.swivel_n.unwrap_or(0.0) / 10.0, 0),
        );
    }
    (
        1.0,
        Msg::new("fb-route-pull-ok")
            .text("feed", feed(last.from_start))
            .num("t", last.max_tension_n / 10.0, 0)
            .num("max", max / 10.0, 0)
            .int("parts", last.parts.len() as u32),
    )
}

pub(super) fn sidewall(w: &PullWork) -> (f64, Msg) {
    let Some(last) = w.last_pull().filter(|p| p.complete()) else {
        return not_reached("what-route-pull");
    };
    let limit = w
        .task
        .as_ref()
        .map_or(f64::INFINITY, |t| t.sidewall_max_n_per_m);
    let sw = last.max_sidewall_n_per_m.unwrap_or(0.0);
    let m = |key: &str| {
        Msg::new(key)
            .num("sw", sw / 10.0, 0)
            .num("limit", limit / 10.0, 0)
    };
    if sw <= limit {
        (1.0, m("fb-route-sidewall-ok"))
    } else {
        (0.0, m("fb-route-sidewall-over"))
    }
}

pub(super) fn swivel(site: &Site, w: &PullWork) -> (f64, Msg) {
    let Some(last) = w.last_pull() else {
        return not_reached("what-route-pull");
    };
    let max = site.cable.max_tension_n;
    match last.swivel_n {
        None => (
            0.0,
            Msg::new("fb-route-swivel-none").num("max", max / 10.0, 0),
        ),
        Some(r) if r > max => (
            0.0,
            Msg::new("fb-route-swivel-over")
                .num("r", r / 10.0, 0)
                .num("max", max / 10.0, 0),
        ),
        Some(r) if !last.complete() => {
            (0.5, Msg::new("fb-route-swivel-broke").num("r", r / 10.0, 0))
        }
        Some(r) => (
            1.0,
            Msg::new("fb-route-swivel-ok")
                .num("r", r / 10.0, 0)
                .num("t", last.max_tension_n / 10.0, 0)
                .num("max", max / 10.0, 0),
        ),
    }
}

pub(super) fn bend_radius(site: &Site, w: &PullWork) -> (f64, Msg) {
    if w.last_pull().is_none() {
        return not_reached("what-route-pull");
    }
    let min = site.cable.bend_loaded_m();
    let tight = w.tight_bends(site);
    let turns: usize = w
        .guided_sections(site)
        .iter()
        .map(|s| {
            s.iter()
                .filter(|x| {
                    matches!(
                        x,
                        pulling::Segment::Bend {
                            radius_m: Some(_),
                            ..
                        }
                    )
                })
                .count()
        })
        .sum();
    let bad: Vec<(Msg, Msg)> = tight
        .iter()
        .map(|(at, chamber, r)| {
            let m = match chamber {
                Some(c) => Msg::new("fb-route-bend-chamber").text("chamber", c.clone()),
                None => Msg::new("fb-route-bend-duct").num("at", *at, 0),
            };
            (
                Msg::new("fb-route-bend-tight")
                    .msg("where", m.clone())
                    .num("r", *r, 2)
                    .num("min", min, 2),
                m,
            )
        })
        .collect();
    share(
        turns.max(bad.len()),
        bad,
        Msg::new("fb-route-bend-ok").num("min", min, 2),
    )
}

pub(super) fn figure_eight(site: &Site, w: &PullWork) -> (f64, Msg) {
    let Some(last) = w.last_pull() else {
        return not_reached("what-route-pull");
    };
    if last.splits.is_empty() {
        return (0.0, Msg::new("fb-route-no-figure-eight"));
    }
    let min = site.cable.bend_static_m();
    let bad = last
        .splits
        .iter()
        .filter(|s| s.lobe_radius_m < min)
        .map(|s| {
            (
                Msg::new("fb-route-lobe-tight")
                    .text("chamber", s.chamber.clone())
                    .num("r", s.lobe_radius_m, 2)
                    .num("min", min, 2),
                Msg::new("fb-route-chamber-name").text("chamber", s.chamber.clone()),
            )
        })
        .collect();
    share(
        last.splits.len(),
        bad,
        Msg::new("fb-route-lobe-ok").num("min", min, 2),
    )
}
