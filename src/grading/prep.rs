//! Grading of a cable-preparation exercise (and of each cable of a splicing exercise):
//! the fibres asked, the order and the tools, the lengths, the cleave, the cleanliness.

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
pub(crate) fn evaluate_prep(check: &PrepCheck, st: &PrepState) -> (f64, Msg) {
    let t = &st.setup.targets;
    let code = st.colour_code;
    let tasks = &st.drawn.tasks;
    let all_tasks_cleaved = tasks
        .iter()
        .all(|id| st.fibre(*id).is_some_and(|f| f.cleave.is_some()));
    let ok = |key: &str| (1.0, Msg::new(key));
    match *check {
        PrepCheck::RightFibre => {
            let wrong = st
                .fibres
                .iter()
                .find(|f| f.cleave.is_some() && !tasks.contains(&f.id))
                .or_else(|| {
                    st.fibres
                        .iter()
                        .find(|f| f.coating_strip_mm.is_some() && !tasks.contains(&f.id))
                });
            let missing = tasks
                .iter()
                .find(|id| st.fibre(**id).is_none_or(|f| f.cleave.is_none()));
            match (wrong, missing) {
                (Some(w), _) => (
                    0.0,
                    Msg::new("fb-wrong-fibre")
                        .msg("wrong", w.id.describe(code))
                        .msg(
                            "right",
                            missing
                                .or(tasks.first())
                                .map(|m| m.describe(code))
                                .unwrap_or_else(|| Msg::new("colour-unknown")),
                        ),
                ),
                (None, Some(m)) => (
                    0.0,
                    Msg::new("fb-fibre-missing").msg("fibre", m.describe(code)),
                ),
                (None, None) => ok("fb-right-fibre-ok"),
            }
        }
        PrepCheck::SleeveBeforeCleave => {
            let fibres = task_fibres(st);
            if let Some(f) = fibres.iter().find(|f| f.sleeve_after_cleave) {
                (
                    0.0,
                    Msg::new("fb-sleeve-late").msg("fibre", f.id.describe(code)),
                )
            } else if let Some(f) = fibres.iter().find(|f| !f.sleeve) {
                (
                    0.0,
                    Msg::new("fb-sleeve-forgotten").msg("fibre", f.id.describe(code)),
                )
            } else if !all_tasks_cleaved {
                (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-preparation")),
                )
            } else {
                ok("fb-sleeve-ok")
            }
        }
        PrepCheck::OperationOrder => match st.mistakes.iter().find(|m| m.mistake.is_order()) {
            Some(m) => (
                0.0,
                Msg::new("fb-order")
                    .int("n", (m.action + 1) as u32)
                    .msg("detail", m.mistake.explain()),
            ),
            None => ok("fb-order-ok"),
        },
        PrepCheck::RightTools => match st.mistakes.iter().find(|m| !m.mistake.is_order()) {
            Some(m) => (
                0.0,
                Msg::new("fb-tools")
                    .int("n", (m.action + 1) as u32)
                    .msg("detail", m.mistake.explain()),
            ),
            None => ok("fb-tools-ok"),
        },
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
        PrepCheck::CoatingStripLength { tolerance_mm } => {
            let fibres = task_fibres(st);
            let v = if fibres.len() == tasks.len() {
                worst(
                    fibres.iter().map(|f| f.coating_strip_mm),
                    t.coating_strip_mm,
                )
            } else {
                None
            };
            length_feedback("what-coating", v, t.coating_strip_mm, tolerance_mm, 1)
        }
        PrepCheck::CleaveLength { tolerance_mm } => {
            let fibres = task_fibres(st);
            let v = if fibres.len() == tasks.len() {
                worst(
                    fibres
                        .iter()
                        .map(|f| f.cleave.as_ref().map(|c| c.length_mm)),
                    t.cleave_length_mm,
                )
            } else {
                None
            };
            length_feedback("what-cleave", v, t.cleave_length_mm, tolerance_mm, 1)
        }
        PrepCheck::CleaveQuality { max_angle_deg } => {
            if !all_tasks_cleaved {
                return (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-cleave-quality")),
                );
            }
            for f in task_fibres(st) {
                let Some(c) = &f.cleave else { continue };
                if let Some(d) = c.defects.first() {
                    return (
                        0.0,
                        Msg::new("fb-cleave-defect")
                            .msg("fibre", f.id.describe(code))
                            .msg("defect", d.name()),
                    );
                }
                if c.angle_deg > max_angle_deg {
                    return (
                        0.0,
                        Msg::new("fb-cleave-angle")
                            .msg("fibre", f.id.describe(code))
                            .num("angle", c.angle_deg, 2)
                            .num("max", max_angle_deg, 1),
                    );
                }
            }
            (1.0, Msg::new("fb-cleave-ok").num("max", max_angle_deg, 1))
        }
        PrepCheck::EndFaceClean => {
            if !all_tasks_cleaved {
                return (
                    0.0,
                    Msg::new("fb-not-done").msg("what", Msg::new("what-preparation")),
                );
            }
            match task_fibres(st).into_iter().find(|f| f.end_dirty) {
                Some(f) => {
                    let cause = if f.gel_residue {
                        "fb-dirty-gel"
                    } else if f.coating_residue {
                        "fb-dirty-coating"
                    } else {
                        "fb-dirty"
                    };
                    (0.0, Msg::new(cause).msg("fibre", f.id.describe(code)))
                }
                None => ok("fb-clean-ok"),
            }
        }
        PrepCheck::FibreIntact => {
            if let Some(f) = st.fibres.iter().find(|f| f.breaks > 0) {
                (
                    0.0,
                    Msg::new("fb-broken")
                        .msg("fibre", f.id.describe(code))
                        .int("n", f.breaks)
                        .num("mm", f.lost_mm, 0),
                )
            } else if let Some(f) = st.fibres.iter().find(|f| f.nicked) {
                (0.0, Msg::new("fb-nicked").msg("fibre", f.id.describe(code)))
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
