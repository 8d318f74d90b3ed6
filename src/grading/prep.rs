//! Grading of a cable-preparation exercise (and of each cable of a splicing exercise):
//! the fibres asked, the order and the tools, the lengths, the cleave, the cleanliness.

use super::{naming_all, not_reached};
use crate::exercise::prep::{FibreState, PrepState};
use crate::i18n::Msg;
use crate::scenario::{Check, PrepCheck};

/// A check on a cable-preparation exercise.
pub fn evaluate(check: &Check, st: &PrepState) -> (f64, Msg) {
    let Check::Prep(c) = check else {
        return super::not_this_module();
    };
    evaluate_prep(c, st)
}

/// Length within tolerance: full points; within twice the tolerance: half; else none.
fn length_fraction(deviation: f64, tol: f64) -> f64 {
    let d = deviation.abs();
    if d <= tol {
        1.0
    } else if d <= 2.0 * tol {
        0.5
    } else {
        0.0
    }
}

fn length_feedback(
    what: &str,
    actual: Option<f64>,
    target: f64,
    tol: f64,
    decimals: u8,
) -> (f64, Msg) {
    match actual {
        None => (0.0, Msg::new("fb-not-done").msg("what", Msg::new(what))),
        Some(a) => {
            let f = length_fraction(a - target, tol);
            let key = if f >= 1.0 {
                "fb-length-ok"
            } else if a > target {
                "fb-length-long"
            } else {
                "fb-length-short"
            };
            let why = format!("{what}-why");
            (
                f,
                Msg::new(key)
                    .msg("what", Msg::new(what))
                    .num("actual", a, decimals)
                    .num("target", target, decimals)
                    .num("tol", tol, decimals)
                    .msg("why", Msg::new(why)),
            )
        }
    }
}

/// The task fibres' states (those taken out of the cable).
fn task_fibres(st: &PrepState) -> Vec<&FibreState> {
    st.drawn
        .tasks
        .iter()
        .filter_map(|id| st.fibre(*id))
        .collect()
}

/// The value among the task fibres that deviates most from `target`.
fn worst(values: impl Iterator<Item = Option<f64>>, target: f64) -> Option<f64> {
    let mut out: Option<f64> = None;
    for v in values {
        let v = v?;
        if out.is_none_or(|o| (v - target).abs() > (o - target).abs()) {
            out = Some(v);
        }
    }
    out
}

/// A cable-preparation check on a preparation bench (also each cable of a splice).
/// A check on the way the work was done (order, tools, intact fibres, shards, sleeve)
/// earns its points only once the work it judges is done: a mistake made loses them at
/// once, but three right gestures then "finish" earn nothing for the gestures not made.
pub(crate) fn evaluate_prep(check: &PrepCheck, st: &PrepState) -> (f64, Msg) {
    let t = &st.setup.targets;
    let code = st.colour_code;
    let tasks = &st.drawn.tasks;
    let all_tasks_cleaved = tasks
        .iter()
        .all(|id| st.fibre(*id).is_some_and(|f| f.cleave.is_some()));
    let ok = |key: &str| {
        if all_tasks_cleaved {
            (1.0, Msg::new(key))
        } else {
            not_reached("what-preparation")
        }
    };
    let name = |f: &FibreState| f.id.describe(code);
    match *check {
        PrepCheck::RightFibre => {
            let wrong: Vec<&FibreState> = st
                .fibres
                .iter()
                .filter(|f| {
                    !tasks.contains(&f.id) && (f.cleave.is_some() || f.coating_strip_mm.is_some())
                })
                .collect();
            let missing: Vec<_> = tasks
                .iter()
                .filter(|id| st.fibre(**id).is_none_or(|f| f.cleave.is_none()))
                .collect();
            let items: Vec<Msg> = wrong
                .iter()
                .map(|f| Msg::new("fb-item-wrong-fibre").msg("fibre", name(f)))
                .chain(
                    missing
                        .iter()
                        .map(|id| Msg::new("fb-item-not-prepared").msg("fibre", id.describe(code))),
                )
                .collect();
            let first = match (wrong.first(), missing.first()) {
                (Some(w), _) => Msg::new("fb-wrong-fibre").msg("wrong", name(w)).msg(
                    "right",
                    missing
                        .first()
                        .copied()
                        .or(tasks.first())
                        .map(|m| m.describe(code))
                        .unwrap_or_else(|| Msg::new("colour-unknown")),
                ),
                (None, Some(m)) => Msg::new("fb-fibre-missing").msg("fibre", m.describe(code)),
                (None, None) => return (1.0, Msg::new("fb-right-fibre-ok")),
            };
            (0.0, naming_all(first, items))
        }
        PrepCheck::SleeveBeforeCleave => {
            let fibres = task_fibres(st);
            let late: Vec<&&FibreState> = fibres.iter().filter(|f| f.sleeve_after_cleave).collect();
            let forgotten: Vec<&&FibreState> = fibres
                .iter()
                .filter(|f| !f.sleeve && !f.sleeve_after_cleave)
                .collect();
            let items: Vec<Msg> = late.iter().chain(&forgotten).map(|f| name(f)).collect();
            if let Some(f) = late.first() {
                (
                    0.0,
                    naming_all(Msg::new("fb-sleeve-late").msg("fibre", name(f)), items),
                )
            } else if let Some(f) = forgotten.first() {
                (
                    0.0,
                    naming_all(Msg::new("fb-sleeve-forgotten").msg("fibre", name(f)), items),
                )
            } else {
                ok("fb-sleeve-ok")
            }
        }
        PrepCheck::OperationOrder => {
            mistakes(st, true, "fb-order").unwrap_or_else(|| ok("fb-order-ok"))
        }
        PrepCheck::RightTools => {
            mistakes(st, false, "fb-tools").unwrap_or_else(|| ok("fb-tools-ok"))
        }
        PrepCheck::SheathStripLength { tolerance_mm } => length_feedback(
            "what-sheath",
            st.sheath_strip_mm,
            t.sheath_strip_mm,
            tolerance_mm,
            0,
        ),
        PrepCheck::StrengthMemberLength { tolerance_mm } => length_feedback(
            "what-strength",
            st.strength.as_ref().map(|s| s.keep_mm),
            t.strength_member_keep_mm,
            tolerance_mm,
            0,
        ),
        PrepCheck::CoatingStripLength { tolerance_mm } => per_fibre_length(
            st,
            "what-coating",
            |f| f.coating_strip_mm,
            t.coating_strip_mm,
            tolerance_mm,
        ),
        PrepCheck::CleaveLength { tolerance_mm } => per_fibre_length(
            st,
            "what-cleave",
            |f| f.cleave.as_ref().map(|c| c.length_mm),
            t.cleave_length_mm,
            tolerance_mm,
        ),
        PrepCheck::CleaveQuality { max_angle_deg } => {
            if !all_tasks_cleaved {
                return (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-cleave-quality")),
                );
            }
            // (the explanation, the item named in the list)
            let mut bad: Vec<(Msg, Msg)> = Vec::new();
            for f in task_fibres(st) {
                let Some(c) = &f.cleave else { continue };
                if let Some(d) = c.defects.first() {
                    bad.push((
                        Msg::new("fb-cleave-defect")
                            .msg("fibre", name(f))
                            .msg("defect", d.name()),
                        Msg::new("fb-item-cleave-defect")
                            .msg("fibre", name(f))
                            .msg("defect", d.name()),
                    ));
                } else if c.angle_deg > max_angle_deg {
                    bad.push((
                        Msg::new("fb-cleave-angle")
                            .msg("fibre", name(f))
                            .num("angle", c.angle_deg, 2)
                            .num("max", max_angle_deg, 1),
                        Msg::new("fb-item-cleave-angle").msg("fibre", name(f)).num(
                            "angle",
                            c.angle_deg,
                            2,
                        ),
                    ));
                }
            }
            match bad.first() {
                Some((first, _)) => (
                    0.0,
                    naming_all(first.clone(), bad.iter().map(|b| b.1.clone()).collect()),
                ),
                None => (1.0, Msg::new("fb-cleave-ok").num("max", max_angle_deg, 1)),
            }
        }
        PrepCheck::EndFaceClean => {
            if !all_tasks_cleaved {
                return (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-preparation")),
                );
            }
            let dirty: Vec<&FibreState> = task_fibres(st)
                .into_iter()
                .filter(|f| f.end_dirty)
                .collect();
            match dirty.first() {
                Some(f) => {
                    let cause = if f.gel_residue {
                        "fb-dirty-gel"
                    } else if f.coating_residue {
                        "fb-dirty-coating"
                    } else {
                        "fb-dirty"
                    };
                    (
                        0.0,
                        naming_all(
                            Msg::new(cause).msg("fibre", name(f)),
                            dirty.iter().map(|f| name(f)).collect(),
                        ),
                    )
                }
                None => ok("fb-clean-ok"),
            }
        }
        PrepCheck::FibreIntact => {
            let broken: Vec<&FibreState> = st.fibres.iter().filter(|f| f.breaks > 0).collect();
            let nicked: Vec<&FibreState> = st
                .fibres
                .iter()
                .filter(|f| f.breaks == 0 && f.nicked)
                .collect();
            let items: Vec<Msg> = broken.iter().chain(&nicked).map(|f| name(f)).collect();
            if let Some(f) = broken.first() {
                (
                    0.0,
                    naming_all(
                        Msg::new("fb-broken")
                            .msg("fibre", name(f))
                            .int("n", f.breaks)
                            .num("mm", f.lost_mm, 0),
                        items,
                    ),
                )
            } else if let Some(f) = nicked.first() {
                (
                    0.0,
                    naming_all(Msg::new("fb-nicked").msg("fibre", name(f)), items),
                )
            } else {
                ok("fb-intact-ok")
            }
        }
        PrepCheck::ShardsDisposed => {
            if st.shards_pending > 0 {
                (0.0, Msg::new("fb-shards").int("n", st.shards_pending))
            } else {
                ok("fb-shards-ok")
            }
        }
    }
}

/// The mistakes of one kind (order, or tools) as a check's result: none, or the first
/// explained and every gesture concerned named.
fn mistakes(st: &PrepState, order: bool, key: &str) -> Option<(f64, Msg)> {
    let mine: Vec<_> = st
        .mistakes
        .iter()
        .filter(|m| m.mistake.is_order() == order)
        .collect();
    let first = mine.first()?;
    // Each gesture by its number, with what was wrong unless it is the first's mistake
    // again (already explained).
    let items = mine
        .iter()
        .enumerate()
        .map(|(k, m)| {
            let item = Msg::new("fb-item-gesture").int("n", (m.action + 1) as u32);
            if k > 0 && m.mistake.explain() != first.mistake.explain() {
                Msg::new("fb-item-gesture-what")
                    .int("n", (m.action + 1) as u32)
                    .msg("detail", m.mistake.explain())
            } else {
                item
            }
        })
        .collect();
    Some((
        0.0,
        naming_all(
            Msg::new(key)
                .int("n", (first.action + 1) as u32)
                .msg("detail", first.mistake.explain()),
            items,
        ),
    ))
}

/// A length made on every task fibre: the worst one judged (with the fraction the
/// tolerance gives), every fibre outside the tolerance named.
fn per_fibre_length(
    st: &PrepState,
    what: &str,
    value: impl Fn(&FibreState) -> Option<f64>,
    target: f64,
    tol: f64,
) -> (f64, Msg) {
    let fibres = task_fibres(st);
    let v = if fibres.len() == st.drawn.tasks.len() {
        worst(fibres.iter().map(|f| value(f)), target)
    } else {
        None
    };
    let (fraction, first) = length_feedback(what, v, target, tol, 1);
    if fraction >= 1.0 {
        return (fraction, first);
    }
    let items: Vec<Msg> = fibres
        .iter()
        .filter_map(|f| {
            let made = value(f);
            let off = made.is_none_or(|m| (m - target).abs() > tol);
            off.then(|| {
                let item = Msg::new("fb-item-length").msg("fibre", f.id.describe(st.colour_code));
                match made {
                    Some(m) => item.num("mm", m, 1),
                    None => {
                        Msg::new("fb-item-not-prepared").msg("fibre", f.id.describe(st.colour_code))
                    }
                }
            })
        })
        .collect();
    (fraction, naming_all(first, items))
}
