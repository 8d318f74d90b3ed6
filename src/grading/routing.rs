//! Grading of routing work: the decisions at the poles against the safety rules, the
//! hardware against Telenco's table, a span's sag, its road clearance and its loaded
//! tension, the pull against the cable's limits, and the chamber's procedure. Each
//! feedback says the physics or quotes the rule and its source.

use super::{naming_all, not_reached, not_this_module, share};
use crate::exercise::routing::{
    PoleDecision, RoutingState, SiteStep, clears_road, decision_name, hardware_name, procedure,
    rule_name, step_name,
};
use crate::i18n::Msg;
use crate::physics::clearance::ROAD_CLEARANCE_M;
use crate::physics::pulling;
use crate::scenario::{Check, RoutingCheck};
use serde::Serialize;

pub fn evaluate(check: &Check, st: &RoutingState) -> (f64, Msg) {
    let Check::Routing(c) = check else {
        return not_this_module();
    };
    match c {
        RoutingCheck::PolesSafe => poles_safe(st),
        RoutingCheck::PolesInspected => poles_inspected(st),
        RoutingCheck::PolesRecorded => poles_recorded(st),
        RoutingCheck::HardwareRules => hardware(st),
        RoutingCheck::SpanSag { tolerance_pct } => span_sag(st, *tolerance_pct),
        RoutingCheck::RoadClearance => road_clearance(st),
        RoutingCheck::LoadedTension => loaded_tension(st),
        RoutingCheck::PullWithinLimits => pull_limits(st),
        RoutingCheck::SidewallPressure => sidewall(st),
        RoutingCheck::SwivelRated => swivel(st),
        RoutingCheck::BendRadius => bend_radius(st),
        RoutingCheck::FigureEight => figure_eight(st),
        RoutingCheck::ProcedureOrder => procedure_order(st),
        RoutingCheck::ProcedureComplete => procedure_complete(st),
        RoutingCheck::StudyReadings { tolerance_pct } => study_readings(st, *tolerance_pct),
        RoutingCheck::PoleRemedies => remedies(st),
        RoutingCheck::FillRatio => fill_ratio(st),
        RoutingCheck::Blown => blown(st),
        RoutingCheck::TrenchDepths => trench_depths(st),
        RoutingCheck::WarningMesh => warning_mesh(st),
        RoutingCheck::NetworkSpacing => spacing(st),
        RoutingCheck::TransitionBuilt => transition(st),
    }
}

fn pole_name(st: &RoutingState, i: usize) -> Msg {
    Msg::new("fb-route-pole-name").text("pole", st.setup.site.poles[i].id.clone())
}

fn poles_safe(st: &RoutingState) -> (f64, Msg) {
    let poles = st.poles_to_check();
    if poles.iter().all(|&i| st.poles[i].decision.is_none()) {
        return not_reached("what-route-poles");
    }
    let mut bad = Vec::new();
    for &i in &poles {
        let (right, why) = st.right_decision(i);
        let id = st.setup.site.poles[i].id.clone();
        let msg = match st.poles[i].decision {
            None => Some(Msg::new("fb-route-pole-undecided").text("pole", id.clone())),
            Some(d) if d == right => None,
            Some(PoleDecision::Ladder) if right == PoleDecision::Nacelle => {
                Some(Msg::new("fb-route-pole-ladder").text("pole", id.clone()))
            }
            Some(d) => Some(
                Msg::new("fb-route-pole-wrong")
                    .text("pole", id.clone())
                    .msg("chosen", decision_name(d))
                    .msg("right", decision_name(right))
                    .msg("why", why),
            ),
        };
        if let Some(m) = msg {
            bad.push((m, pole_name(st, i)));
        }
    }
    share(
        poles.len(),
        bad,
        Msg::new("fb-route-poles-safe").int("n", poles.len() as u32),
    )
}

fn poles_inspected(st: &RoutingState) -> (f64, Msg) {
    let poles = st.poles_to_check();
    if poles.iter().all(|&i| st.poles[i].decision.is_none()) {
        return not_reached("what-route-poles");
    }
    let bad = poles
        .iter()
        .filter(|&&i| {
            let w = &st.poles[i];
            match (w.inspected_at, w.decided_at) {
                (Some(a), Some(b)) => a > b,
                (None, _) | (Some(_), None) => true,
            }
        })
        .map(|&i| {
            (
                Msg::new("fb-route-pole-not-inspected")
                    .text("pole", st.setup.site.poles[i].id.clone()),
                pole_name(st, i),
            )
        })
        .collect();
    share(poles.len(), bad, Msg::new("fb-route-poles-inspected"))
}

fn poles_recorded(st: &RoutingState) -> (f64, Msg) {
    let poles = st.poles_to_check();
    if poles.iter().all(|&i| st.poles[i].number.is_none()) {
        return not_reached("what-route-cards");
    }
    let bad = poles
        .iter()
        .filter_map(|&i| {
            let p = &st.setup.site.poles[i];
            let written = st.poles[i].number.clone().unwrap_or_default();
            (!written.trim().eq_ignore_ascii_case(p.number.trim())).then(|| {
                (
                    Msg::new("fb-route-card-wrong")
                        .text("pole", p.id.clone())
                        .text("written", written)
                        .text("label", p.number.clone()),
                    pole_name(st, i),
                )
            })
        })
        .collect();
    share(poles.len(), bad, Msg::new("fb-route-cards-ok"))
}

fn hardware(st: &RoutingState) -> (f64, Msg) {
    if st.poles.iter().all(|w| w.hardware.is_none()) {
        return not_reached("what-route-hardware");
    }
    let right = st.right_hardware();
    let bad = right
        .iter()
        .enumerate()
        .filter_map(|(i, (h, rule))| {
            let id = st.setup.site.poles[i].id.clone();
            match st.poles[i].hardware {
                Some(g) if g == *h => None,
                got => Some((
                    Msg::new("fb-route-hardware-wrong")
                        .text("pole", id)
                        .msg(
                            "chosen",
                            got.map_or(Msg::new("fb-route-nothing"), hardware_name),
                        )
                        .msg("right", hardware_name(*h))
                        .msg("rule", rule.map_or(Msg::new("rule-suspension"), rule_name)),
                    pole_name(st, i),
                )),
            }
        })
        .collect();
    share(right.len(), bad, Msg::new("fb-route-hardware-ok"))
}

fn span_sag(st: &RoutingState, tolerance_pct: f64) -> (f64, Msg) {
    let spans = st.spans_to_tension();
    if spans.iter().all(|(k, _)| st.span_tensions_n[*k].is_none()) {
        return not_reached("what-route-tension");
    }
    let mut bad = Vec::new();
    let mut last_ok = None;
    for &(k, pct) in &spans {
        let l = st.drawn.span_lengths_m[k];
        let target = l * pct / 100.0;
        let name = Msg::new("fb-route-span-name").int("span", (k + 1) as u32);
        let Some(t) = st.span_tensions_n[k] else {
            bad.push((
                Msg::new("fb-route-span-untensioned").int("span", (k + 1) as u32),
                name,
            ));
            continue;
        };
        let sag = st.sag_m(k, t);
        let right_t =
            crate::physics::span::tension_for_sag_catenary(st.cable.weight_n_per_m, l, target);
        let m = |key: &str| {
            Msg::new(key)
                .int("span", (k + 1) as u32)
                .num("sag", sag, 2)
                .num("target", target, 2)
                .num("pct", pct, 1)
                .num("t", t / 10.0, 1)
                .num("right", right_t / 10.0, 1)
        };
        if (sag - target).abs() <= target * tolerance_pct / 100.0 {
            last_ok = Some(m("fb-route-sag-ok"));
        } else if sag < target {
            bad.push((m("fb-route-sag-tight"), name));
        } else {
            bad.push((m("fb-route-sag-slack"), name));
        }
    }
    share(
        spans.len(),
        bad,
        last_ok.unwrap_or_else(|| Msg::new("fb-route-sag-none")),
    )
}

fn road_clearance(st: &RoutingState) -> (f64, Msg) {
    let roads: Vec<usize> = (0..st.setup.site.spans.len())
        .filter(|&k| st.setup.site.spans[k].road)
        .collect();
    if roads.iter().all(|&k| st.span_tensions_n[k].is_none()) {
        return not_reached("what-route-tension");
    }
    let mut bad = Vec::new();
    let mut ok = None;
    for &k in &roads {
        let name = Msg::new("fb-route-span-name").int("span", (k + 1) as u32);
        let Some(t) = st.span_tensions_n[k] else {
            bad.push((
                Msg::new("fb-route-span-untensioned").int("span", (k + 1) as u32),
                name,
            ));
            continue;
        };
        let (low, clears) = clears_road(st, k, t);
        let (x, _) = st.lowest_point(k, t);
        let m = Msg::new(if clears {
            "fb-route-road-ok"
        } else {
            "fb-route-road-low"
        })
        .int("span", (k + 1) as u32)
        .num("low", low, 2)
        .num("x", x, 1)
        .num("min", ROAD_CLEARANCE_M, 2);
        if clears {
            ok = Some(m);
        } else {
            bad.push((m, name));
        }
    }
    share(
        roads.len(),
        bad,
        ok.unwrap_or_else(|| Msg::new("fb-route-no-road")),
    )
}

fn loaded_tension(st: &RoutingState) -> (f64, Msg) {
    let spans = st.spans_to_tension();
    if spans.iter().all(|(k, _)| st.span_tensions_n[*k].is_none()) {
        return not_reached("what-route-tension");
    }
    let max = st.cable.max_tension_n;
    let mut bad = Vec::new();
    let mut worst_ok: Option<(f64, usize)> = None;
    for &(k, _) in &spans {
        let name = Msg::new("fb-route-span-name").int("span", (k + 1) as u32);
        let Some(t) = st.span_tensions_n[k] else {
            bad.push((
                Msg::new("fb-route-span-untensioned").int("span", (k + 1) as u32),
                name,
            ));
            continue;
        };
        let loaded = st.loaded_tensions_n(k, t);
        let worst = loaded
            .iter()
            .enumerate()
            .fold(None, |acc: Option<(usize, f64)>, (h, v)| match acc {
                Some((_, m)) if m >= *v => acc,
                Some(_) | None => Some((h, *v)),
            });
        let Some((h, v)) = worst else {
            continue;
        };
        if v > max {
            bad.push((
                Msg::new("fb-route-loaded-over")
                    .int("span", (k + 1) as u32)
                    .text("hyp", st.setup.hypotheses[h].name.fr.clone())
                    .text("hyp_en", st.setup.hypotheses[h].name.en.clone())
                    .num("loaded", v / 10.0, 0)
                    .num("t", t / 10.0, 1)
                    .num("max", max / 10.0, 0),
                name,
            ));
        } else if worst_ok.is_none_or(|(w, _)| v > w) {
            worst_ok = Some((v, h));
        }
    }
    let ok = match worst_ok {
        Some((v, h)) => Msg::new("fb-route-loaded-ok")
            .text("hyp", st.setup.hypotheses[h].name.fr.clone())
            .text("hyp_en", st.setup.hypotheses[h].name.en.clone())
            .num("loaded", v / 10.0, 0)
            .num("max", max / 10.0, 0),
        None => Msg::new("fb-route-no-hypothesis"),
    };
    share(spans.len(), bad, ok)
}

/// The highest tension of the pull made the other way round, same plan otherwise.
fn other_way_max(st: &RoutingState, from_start: bool) -> f64 {
    st.plan(!from_start)
        .iter()
        .map(pulling::Pull::max_tension_n)
        .fold(0.0, f64::max)
}

fn pull_limits(st: &RoutingState) -> (f64, Msg) {
    let Some(last) = st.last_pull() else {
        return not_reached("what-route-pull");
    };
    let max = st.cable.max_tension_n;
    let feed = |from_start: bool| {
        if from_start {
            st.route_chambers.first().cloned().unwrap_or_default()
        } else {
            st.route_chambers.last().cloned().unwrap_or_default()
        }
    };
    if let Some(over) = st.pulls.iter().find(|p| p.overstrained) {
        let other = other_way_max(st, over.from_start);
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

fn sidewall(st: &RoutingState) -> (f64, Msg) {
    let Some(last) = st.last_pull().filter(|p| p.complete()) else {
        return not_reached("what-route-pull");
    };
    let limit = st.pull_task().map_or(f64::INFINITY, |(_, sw)| sw);
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

fn swivel(st: &RoutingState) -> (f64, Msg) {
    let Some(last) = st.last_pull() else {
        return not_reached("what-route-pull");
    };
    let max = st.cable.max_tension_n;
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

fn bend_radius(st: &RoutingState) -> (f64, Msg) {
    if st.last_pull().is_none() {
        return not_reached("what-route-pull");
    }
    let min = st.cable.bend_loaded_m();
    let tight = st.tight_bends();
    let turns: usize = st
        .guided_sections()
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

fn figure_eight(st: &RoutingState) -> (f64, Msg) {
    let Some(last) = st.last_pull() else {
        return not_reached("what-route-pull");
    };
    if last.splits.is_empty() {
        return (0.0, Msg::new("fb-route-no-figure-eight"));
    }
    let min = st.cable.bend_static_m();
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

/// Each rule of the chamber's order the steps break, with its message.
pub fn order_breaches(st: &RoutingState) -> Vec<(u8, Msg)> {
    breaches_by_step(st)
        .into_iter()
        .map(|b| (b.rule, b.msg))
        .collect()
}

/// A rule of the chamber's order broken: the rule (0 before the cover, 1 the lifter, 2
/// the rail, 3 the gas, 4 the signs last), its message, the step it concerns and how.
struct Breach {
    rule: u8,
    msg: Msg,
    step: SiteStep,
    mark: StepMark,
}

fn breaches_by_step(st: &RoutingState) -> Vec<Breach> {
    use SiteStep as S;
    let Some((_, ceiling, _)) = st.chamber_task() else {
        return Vec::new();
    };
    let steps = &st.steps;
    let first = |s: S| steps.iter().position(|x| *x == s);
    let mut out = Vec::new();
    let mut push = |rule: u8, msg: Msg, step: S, mark: StepMark| {
        out.push(Breach {
            rule,
            msg,
            step,
            mark,
        })
    };
    let opening = [S::FreeCover, S::LiftCoverMagnetic, S::LiftCoverByHand]
        .iter()
        .filter_map(|s| first(*s))
        .min();
    if let Some(open) = opening {
        for s in [S::ApproachSign, S::Cones, S::Ppe, S::GasDetector] {
            if first(s).is_none_or(|i| i > open) {
                push(
                    0,
                    Msg::new("fb-route-before-cover").msg("step", step_name(s)),
                    s,
                    StepMark::TooLate,
                );
            }
        }
        if first(S::FreeCover).is_none_or(|i| i > open) {
            push(
                0,
                Msg::new("fb-route-free-first"),
                S::FreeCover,
                StepMark::TooLate,
            );
        }
    }
    if first(S::LiftCoverByHand).is_some() {
        push(
            1,
            Msg::new("fb-route-by-hand"),
            S::LiftCoverByHand,
            StepMark::Unsafe,
        );
    }
    if let Some(enter) = first(S::Enter) {
        if first(S::GuardRail).is_none_or(|i| i > enter) {
            push(
                2,
                Msg::new("fb-route-rail-before-enter"),
                S::GuardRail,
                StepMark::TooLate,
            );
        }
        if ceiling && first(S::GasCheck).is_none_or(|i| i > enter) {
            push(
                3,
                Msg::new("fb-route-gas-before-enter"),
                S::GasCheck,
                StepMark::TooLate,
            );
        }
    }
    if let Some(rm) = first(S::RemoveSigns)
        && (first(S::CloseCover).is_none_or(|i| i > rm) || rm + 1 != steps.len())
    {
        push(
            4,
            Msg::new("fb-route-signs-last"),
            S::RemoveSigns,
            StepMark::TooEarly,
        );
    }
    out
}

/// How a step the trainee took stands against the site's rules (the same rules as
/// the order's grade).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum StepMark {
    /// In its place: no rule broken by it.
    Right,
    /// Taken after what it must come before (the signs after the cover was opened…).
    TooLate,
    /// Taken before what it must follow (the signs taken away before the end).
    TooEarly,
    /// A step the safe way does not take (the cover lifted by hand, alone).
    Unsafe,
    /// Not asked on this site (going down when the work is done from the surface).
    NotNeeded,
    /// The same step taken again.
    Repeated,
}

impl StepMark {
    pub fn key(self) -> &'static str {
        match self {
            StepMark::Right => "cmp-step-right",
            StepMark::TooLate => "cmp-step-too-late",
            StepMark::TooEarly => "cmp-step-too-early",
            StepMark::Unsafe => "cmp-step-unsafe",
            StepMark::NotNeeded => "cmp-step-not-needed",
            StepMark::Repeated => "cmp-step-repeated",
        }
    }

    pub fn is_fault(self) -> bool {
        !matches!(self, StepMark::Right)
    }
}

/// One line of the chamber's comparison: the trainee's step number `number` beside the
/// safe order's, either side possibly absent.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct StepLine {
    pub number: usize,
    /// The step she took there, and how it stands.
    pub done: Option<(SiteStep, StepMark)>,
    /// The safe order's step there, and whether she took it at all.
    pub safe: Option<(SiteStep, bool)>,
}

/// The trainee's steps beside the safe order the site called for ([`procedure`]), line
/// by line; each of her steps marked by the rules the grade holds the order to, each
/// safe step marked as taken or not.
pub fn chamber_lines(st: &RoutingState) -> Vec<StepLine> {
    let Some((_, ceiling, enter)) = st.chamber_task() else {
        return Vec::new();
    };
    let safe = procedure(ceiling, enter);
    let breaches = breaches_by_step(st);
    let first = |s: SiteStep| st.steps.iter().position(|x| *x == s);
    let marks: Vec<StepMark> = st
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            if first(*s) != Some(i) {
                return StepMark::Repeated;
            }
            if let Some(b) = breaches.iter().find(|b| b.step == *s) {
                return b.mark;
            }
            if safe.contains(s) {
                StepMark::Right
            } else {
                StepMark::NotNeeded
            }
        })
        .collect();
    (0..st.steps.len().max(safe.len()))
        .map(|i| StepLine {
            number: i + 1,
            done: st.steps.get(i).map(|s| (*s, marks[i])),
            safe: safe.get(i).map(|s| (*s, st.steps.contains(s))),
        })
        .collect()
}

fn procedure_order(st: &RoutingState) -> (f64, Msg) {
    if st.steps.is_empty() {
        return not_reached("what-route-chamber");
    }
    let found = order_breaches(st);
    // Five rules: before the cover, the lifter, the rail, the gas, the signs last; a
    // rule broken counts once, however many steps it concerns.
    let rules = 5.0;
    let mut groups: Vec<u8> = found.iter().map(|(g, _)| *g).collect();
    groups.dedup();
    let n = groups.len() as f64;
    let breaches: Vec<Msg> = found.into_iter().map(|(_, m)| m).collect();
    if breaches.is_empty() {
        return (1.0, Msg::new("fb-route-order-ok"));
    }
    (
        (1.0 - n / rules).max(0.0),
        Msg::new("fb-route-order-breaches")
            .int("n", breaches.len() as u32)
            .list("items", breaches),
    )
}

fn procedure_complete(st: &RoutingState) -> (f64, Msg) {
    let Some((_, ceiling, enter)) = st.chamber_task() else {
        return not_this_module();
    };
    if st.steps.is_empty() {
        return not_reached("what-route-chamber");
    }
    let need = procedure(ceiling, enter);
    let missing: Vec<Msg> = need
        .iter()
        .filter(|s| !st.steps.contains(s))
        .map(|s| step_name(*s))
        .collect();
    let fraction = (need.len() - missing.len()) as f64 / need.len() as f64;
    match missing.first() {
        None => (
            1.0,
            Msg::new("fb-route-complete").int("n", need.len() as u32),
        ),
        Some(m) => (
            fraction,
            naming_all(
                Msg::new("fb-route-step-missing").msg("step", m.clone()),
                missing,
            ),
        ),
    }
}

fn study_readings(st: &RoutingState, tolerance_pct: f64) -> (f64, Msg) {
    let Some((poles, ..)) = st.study_task() else {
        return not_this_module();
    };
    if poles.iter().all(|&i| st.poles[i].reading_pct.is_none()) {
        return not_reached("what-route-study");
    }
    let mut bad = Vec::new();
    let mut last_ok = None;
    for &i in &poles {
        let id = st.setup.site.poles[i].id.clone();
        let Some(s) = st.study(i) else {
            continue;
        };
        let truth = 100.0 * s.utilisation;
        let pole_m: f64 = s.pole_wind_moment_nm;
        let m = |key: &str, read: f64| {
            Msg::new(key)
                .text("pole", id.clone())
                .num("read", read, 0)
                .num("pct", truth, 0)
                .num("feq", s.equivalent_head_force_n / 10.0, 0)
                .num("m", s.ground_moment_nm / 1000.0, 2)
                .num("mpole", pole_m / 1000.0, 2)
        };
        match st.poles[i].reading_pct {
            None => bad.push((
                Msg::new("fb-route-study-missing").text("pole", id.clone()),
                pole_name(st, i),
            )),
            Some(r) if (r - truth).abs() <= tolerance_pct => {
                last_ok = Some(m("fb-route-study-ok", r))
            }
            Some(r) => bad.push((m("fb-route-study-off", r), pole_name(st, i))),
        }
    }
    share(
        poles.len(),
        bad,
        last_ok.unwrap_or_else(|| Msg::new("fb-route-nothing")),
    )
}

fn remedies(st: &RoutingState) -> (f64, Msg) {
    let Some((poles, ..)) = st.study_task() else {
        return not_this_module();
    };
    if poles.iter().all(|&i| st.poles[i].remedy.is_none()) {
        return not_reached("what-route-study");
    }
    let mut bad = Vec::new();
    for &i in &poles {
        let id = st.setup.site.poles[i].id.clone();
        match st.poles[i].remedy {
            None => bad.push((
                Msg::new("fb-route-remedy-missing").text("pole", id.clone()),
                pole_name(st, i),
            )),
            Some(r) => {
                let (ok, why) = st.judge_remedy(i, r);
                if !ok {
                    bad.push((
                        Msg::new("fb-route-remedy-wrong")
                            .text("pole", id.clone())
                            .msg("chosen", crate::exercise::routing::remedy_name(r))
                            .msg("why", why),
                        pole_name(st, i),
                    ));
                }
            }
        }
    }
    share(poles.len(), bad, Msg::new("fb-route-remedies-ok"))
}

fn fill_ratio(st: &RoutingState) -> (f64, Msg) {
    use crate::physics::blowing::{BlowFill, blow_fill};
    let Some((id, ..)) = st.blow_task() else {
        return not_this_module();
    };
    let Some(d) = st.blow.cable_mm else {
        return not_reached("what-route-blow");
    };
    let (r, area) = crate::physics::duct::fill(id / 1000.0, &[d / 1000.0]);
    let m = |key: &str| {
        Msg::new(key)
            .num("d", d, 1)
            .num("id", id, 0)
            .num("r", r, 2)
            .num("fill", 100.0 * area, 0)
    };
    match blow_fill(area) {
        BlowFill::Window => (1.0, m("fb-route-fill-ok")),
        BlowFill::Loose => (0.75, m("fb-route-fill-loose")),
        BlowFill::TooFull => (0.0, m("fb-route-fill-full")),
    }
}

fn blown(st: &RoutingState) -> (f64, Msg) {
    use crate::exercise::routing::{LayMethod, PULL_MICRODUCT_MAX_M};
    use crate::physics::blowing::DUCT_TEST_BAR;
    let Some((_, _, length, _, max_bar)) = st.blow_task() else {
        return not_this_module();
    };
    let Some(method) = st.blow.method else {
        return not_reached("what-route-blow");
    };
    if method == LayMethod::Pull {
        return if length > PULL_MICRODUCT_MAX_M {
            (
                0.0,
                Msg::new("fb-route-pulled-long").num("len", length, 0).num(
                    "max",
                    PULL_MICRODUCT_MAX_M,
                    0,
                ),
            )
        } else {
            (1.0, Msg::new("fb-route-pulled-short").num("len", length, 0))
        };
    }
    let Some((bar, reach, tested)) = st.blow.shot else {
        return (0.0, Msg::new("fb-route-not-blown"));
    };
    let through = reach >= length;
    let mut score = 0.0;
    let mut bad = Vec::new();
    if tested {
        score += 0.5;
    } else {
        bad.push(Msg::new("fb-route-untested").num("bar", DUCT_TEST_BAR, 0));
    }
    if through {
        score += 0.5;
    } else {
        bad.push(
            Msg::new("fb-route-blow-short")
                .num("reach", reach, 0)
                .num("len", length, 0)
                .num("bar", bar, 1)
                .num("max", max_bar, 0),
        );
    }
    match bad.first() {
        None => (
            1.0,
            Msg::new("fb-route-blown-ok")
                .num("bar", bar, 1)
                .num("reach", reach, 0)
                .num("len", length, 0),
        ),
        Some(_) => (score, Msg::new("fb-route-blow-problems").list("items", bad)),
    }
}

fn trench_depths(st: &RoutingState) -> (f64, Msg) {
    use crate::physics::trench::min_trench_bottom_m;
    let Some((zones, od, _)) = st.trench_task() else {
        return not_this_module();
    };
    if st.trench.iter().all(Option::is_none) {
        return not_reached("what-route-trench");
    }
    let mut bad = Vec::new();
    for (k, z) in zones.iter().enumerate() {
        let min = min_trench_bottom_m(*z, od);
        let name = Msg::new("fb-route-zone-name").int("zone", (k + 1) as u32);
        match st.trench.get(k).copied().flatten() {
            None => bad.push((
                Msg::new("fb-route-zone-undug").int("zone", (k + 1) as u32),
                name,
            )),
            Some(d) if d.bottom_m + 1e-9 >= min => {}
            Some(d) => bad.push((
                Msg::new("fb-route-zone-shallow")
                    .int("zone", (k + 1) as u32)
                    .msg("kind", crate::exercise::routing::zone_name(*z))
                    .num("bottom", d.bottom_m, 2)
                    .num("min", min, 3)
                    .num("cover", z.min_cover_m(), 2),
                name,
            )),
        }
    }
    share(zones.len(), bad, Msg::new("fb-route-depths-ok"))
}

fn warning_mesh(st: &RoutingState) -> (f64, Msg) {
    use crate::physics::trench::{MESH_ABOVE_DUCT_M, MeshColour, SAND_BED_M};
    let Some((zones, od, _)) = st.trench_task() else {
        return not_this_module();
    };
    if st.trench.iter().all(Option::is_none) {
        return not_reached("what-route-trench");
    }
    let mut bad = Vec::new();
    for k in 0..zones.len() {
        let name = Msg::new("fb-route-zone-name").int("zone", (k + 1) as u32);
        let Some(d) = st.trench.get(k).copied().flatten() else {
            bad.push((
                Msg::new("fb-route-zone-undug").int("zone", (k + 1) as u32),
                name,
            ));
            continue;
        };
        // The duct's top as dug: the bottom less the sand bed and the duct.
        let top = d.bottom_m - SAND_BED_M - od;
        let (lo, hi) = (top - MESH_ABOVE_DUCT_M.1, top - MESH_ABOVE_DUCT_M.0);
        if d.mesh != MeshColour::Green {
            bad.push((
                Msg::new("fb-route-mesh-colour")
                    .int("zone", (k + 1) as u32)
                    .msg("colour", crate::exercise::routing::mesh_name(d.mesh)),
                name,
            ));
        } else if d.mesh_depth_m < lo - 1e-9 || d.mesh_depth_m > hi + 1e-9 {
            bad.push((
                Msg::new("fb-route-mesh-depth")
                    .int("zone", (k + 1) as u32)
                    .num("mesh", d.mesh_depth_m, 2)
                    .num("lo", lo, 2)
                    .num("hi", hi, 2)
                    .num("top", top, 2),
                name,
            ));
        }
    }
    share(zones.len(), bad, Msg::new("fb-route-mesh-ok"))
}

fn spacing(st: &RoutingState) -> (f64, Msg) {
    use crate::physics::trench::{LV_SPACING_DIRECT_M, LV_SPACING_DUCT_M};
    let Some((_, _, direct)) = st.trench_task() else {
        return not_this_module();
    };
    let Some(s) = st.lv_spacing_m else {
        return not_reached("what-route-trench");
    };
    let min = if direct {
        LV_SPACING_DIRECT_M
    } else {
        LV_SPACING_DUCT_M
    };
    let m = |key: &str| Msg::new(key).num("s", s, 2).num("min", min, 2);
    if s + 1e-9 >= min {
        (1.0, m("fb-route-spacing-ok"))
    } else {
        (
            0.0,
            m(if direct {
                "fb-route-spacing-direct"
            } else {
                "fb-route-spacing-duct"
            }),
        )
    }
}

/// The PBO's height where pedestrians pass at the pole's foot, and the guard's least
/// length, m (REFERENCE E.4, Objectif Fibre guide).
pub const PBO_HEIGHT_M: (f64, f64) = (2.20, 2.50);
pub const GUARD_MIN_M: f64 = 2.0;

fn transition(st: &RoutingState) -> (f64, Msg) {
    let Some((pbo, guard, anchored)) = st.transition else {
        return not_reached("what-route-transition");
    };
    let mut bad = Vec::new();
    if !(PBO_HEIGHT_M.0..=PBO_HEIGHT_M.1).contains(&pbo) {
        bad.push(
            Msg::new("fb-route-pbo-height")
                .num("h", pbo, 2)
                .num("lo", PBO_HEIGHT_M.0, 2)
                .num("hi", PBO_HEIGHT_M.1, 2),
        );
    }
    if guard + 1e-9 < GUARD_MIN_M {
        bad.push(
            Msg::new("fb-route-guard-short")
                .num("g", guard, 2)
                .num("min", GUARD_MIN_M, 1),
        );
    }
    if !anchored {
        bad.push(Msg::new("fb-route-not-anchored"));
    }
    let n = bad.len();
    if n == 0 {
        return (
            1.0,
            Msg::new("fb-route-transition-ok")
                .num("h", pbo, 2)
                .num("g", guard, 2),
        );
    }
    (
        (3 - n) as f64 / 3.0,
        Msg::new("fb-route-blow-problems").list("items", bad),
    )
}
