//! Grading of opening a chamber: the steps in a safe order, every step done, and the
//! trainee's steps beside the safe order for the debrief.

use serde::Serialize;

use crate::exercise::routing::{Chamber, SiteStep, step_name};
use crate::grading::{naming_all, not_reached};
use crate::i18n::Msg;

/// Each rule of the chamber's order the steps break, with its message.
pub fn order_breaches(c: &Chamber) -> Vec<(u8, Msg)> {
    breaches_by_step(c)
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

fn breaches_by_step(c: &Chamber) -> Vec<Breach> {
    use SiteStep as S;
    let ceiling = c.ceiling;
    let steps = &c.steps;
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

/// The trainee's steps beside the safe order the site called for ([`Chamber::procedure`]), line
/// by line; each of her steps marked by the rules the grade holds the order to, each
/// safe step marked as taken or not.
pub fn chamber_lines(c: &Chamber) -> Vec<StepLine> {
    let safe = c.procedure();
    let breaches = breaches_by_step(c);
    let first = |s: SiteStep| c.steps.iter().position(|x| *x == s);
    let marks: Vec<StepMark> = c
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
    (0..c.steps.len().max(safe.len()))
        .map(|i| StepLine {
            number: i + 1,
            done: c.steps.get(i).map(|s| (*s, marks[i])),
            safe: safe.get(i).map(|s| (*s, c.steps.contains(s))),
        })
        .collect()
}

pub(super) fn procedure_order(c: &Chamber) -> (f64, Msg) {
    if c.steps.is_empty() {
        return not_reached("what-route-chamber");
    }
    let found = order_breaches(c);
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

pub(super) fn procedure_complete(c: &Chamber) -> (f64, Msg) {
    if c.steps.is_empty() {
        return not_reached("what-route-chamber");
    }
    let need = c.procedure();
    let missing: Vec<Msg> = need
        .iter()
        .filter(|s| !c.steps.contains(s))
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
