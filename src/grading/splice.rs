//! Grading of a splicing exercise: the splices as they stand at the end (the last one made
//! for each pair and not broken), the decisions on the way, and the preparation of both
//! cables' fibres with the preparation checks.

use super::naming_all;
use super::prep::evaluate_prep;
use crate::exercise::splice::{Side, SpliceRecord, SpliceState, mechanical_words};
use crate::i18n::Msg;
use crate::physics::splice::{FusionError, Joint, MechanicalJoint};
use crate::scenario::{Check, PrepCheck, SpliceCheck};

/// The wavelength the acceptance loss is read at (the one where splices and bends differ
/// most from each other in FTTH acceptance).
pub const ACCEPTANCE_WL_NM: f64 = 1550.0;

/// A check on a splicing exercise (also on a job's splicing stage): its own checks, and
/// the preparation's on both cables.
pub fn evaluate(check: &Check, st: &SpliceState) -> (f64, Msg) {
    let (fraction, m) = if let Check::Splice(c) = check {
        evaluate_splice(c, st)
    } else if let Check::Prep(c) = check {
        evaluate_prep_both(c, st)
    } else {
        return super::not_this_module();
    };
    // A mechanical splice is told in its own words (an element closed, not a fusion).
    if st.setup.method.is_mechanical() {
        (fraction, mechanical_words(m))
    } else {
        (fraction, m)
    }
}

fn evaluate_splice(check: &SpliceCheck, st: &SpliceState) -> (f64, Msg) {
    let setup = &st.setup;
    let pairs = st.pairs();
    let code = st.benches[0].colour_code;
    let finals: Vec<(usize, Option<&SpliceRecord>)> = pairs
        .iter()
        .enumerate()
        .map(|(i, p)| (i, st.final_record(*p)))
        .collect();
    let made: Vec<(usize, &SpliceRecord)> = finals
        .iter()
        .filter_map(|(i, r)| r.filter(|r| r.standing()).map(|r| (*i, r)))
        .collect();
    let name = |i: usize| pairs[i][0].describe(code);
    let n = pairs.len().max(1) as f64;
    let a = &setup.acceptance;
    // A check on each splice made: the fraction of the pairs that passes, the first
    // failure explained, and every fibre that fails it or has no splice named.
    let per_splice = |pass: &dyn Fn(&SpliceRecord) -> Option<Msg>, ok: &str| {
        if made.is_empty() {
            return (0.0, Msg::new("fb-no-splice"));
        }
        let mut failed: Vec<(usize, Msg)> = Vec::new();
        let mut good = 0.0;
        for (i, r) in &made {
            match pass(r) {
                None => good += 1.0,
                Some(m) => failed.push((*i, m.msg("fibre", name(*i)))),
            }
        }
        let unspliced: Vec<usize> = (0..pairs.len())
            .filter(|i| !made.iter().any(|(j, _)| j == i))
            .collect();
        let items: Vec<Msg> = failed
            .iter()
            .map(|(i, _)| name(*i))
            .chain(
                unspliced
                    .iter()
                    .map(|i| Msg::new("fb-item-no-splice").msg("fibre", name(*i))),
            )
            .collect();
        match failed.into_iter().next() {
            None if unspliced.is_empty() => (1.0, Msg::new(ok)),
            None => (good / n, naming_all(Msg::new("fb-splices-missing"), items)),
            Some((_, m)) => (good / n, naming_all(m, items)),
        }
    };
    match check {
        SpliceCheck::SplicesMade => {
            let done = made
                .iter()
                .filter(|(_, r)| r.finished(st.splicer.oven_cycle_s))
                .count();
            if done == pairs.len() {
                (1.0, Msg::new("fb-splices-made-ok").int("n", done as u32))
            } else {
                let missing: Vec<usize> = finals
                    .iter()
                    .filter(|(_, r)| !r.is_some_and(|r| r.finished(st.splicer.oven_cycle_s)))
                    .map(|(i, _)| *i)
                    .collect();
                let first = missing.first().copied().unwrap_or(0);
                (
                    done as f64 / n,
                    naming_all(
                        Msg::new("fb-splice-unfinished").msg("fibre", name(first)),
                        missing.iter().map(|i| name(*i)).collect(),
                    ),
                )
            }
        }
        SpliceCheck::SpliceLoss => per_splice(
            &|r| {
                let l = r.joint.true_loss_db(ACCEPTANCE_WL_NM);
                (l > a.max_loss_db).then(|| match r.fusion() {
                    Some(f) => Msg::new("fb-splice-loss")
                        .num("loss", l, 3)
                        .num("max", a.max_loss_db, 2)
                        .num("est", f.estimate_db, 2)
                        .msg("why", why_lossy(r)),
                    None => Msg::new("fb-mech-loss")
                        .num("loss", l, 3)
                        .num("max", a.max_loss_db, 2)
                        .msg("why", why_lossy(r)),
                })
            },
            "fb-splice-loss-ok",
        ),
        SpliceCheck::RecleavedWhenRefused => per_splice(
            &|r| {
                r.overridden
                    .first()
                    .map(|e| Msg::new("fb-fused-through").msg("error", e.msg()))
            },
            "fb-recleaved-ok",
        ),
        SpliceCheck::FaultySplicesRedone => per_splice(
            &|r| {
                // A mechanical element shows nothing to judge on the spot.
                let f = r.fusion()?;
                if let Some(e) = f.errors.iter().find(|e| **e != FusionError::HighLoss) {
                    Some(Msg::new("fb-fault-kept").msg("error", e.msg()))
                } else if f.estimate_db > a.redo_estimate_db {
                    Some(
                        Msg::new("fb-estimate-kept")
                            .num("est", f.estimate_db, 2)
                            .num("max", a.redo_estimate_db, 2),
                    )
                } else {
                    None
                }
            },
            "fb-redone-ok",
        ),
        SpliceCheck::RightProgramme => per_splice(
            &|r| {
                r.fusion()?;
                let p = r.settings.programme;
                let bad = r.joint.fibres().into_iter().find(|f| !p.suits(*f));
                bad.map(|f| {
                    Msg::new("fb-programme")
                        .msg("prog", p.name())
                        .msg("fibre_type", f.name())
                })
            },
            "fb-programme-ok",
        ),
        SpliceCheck::SleevesShrunk => per_splice(
            &|r| {
                (!r.shrunk(st.splicer.oven_cycle_s)).then(|| {
                    Msg::new("fb-sleeve-not-shrunk").num("cycle", st.splicer.oven_cycle_s, 0)
                })
            },
            "fb-shrunk-ok",
        ),
        SpliceCheck::TrayBendRadius => per_splice(
            &|r| match r.tray_loop_mm {
                None => Some(Msg::new("fb-not-stored")),
                Some(d) if d < a.min_loop_diameter_mm => {
                    let worst = r.tray_bend_loss_1550_db();
                    Some(
                        Msg::new("fb-loop-tight")
                            .num("d", d, 0)
                            .num("min", a.min_loop_diameter_mm, 0)
                            .num("loss", worst, 2),
                    )
                }
                Some(_) => None,
            },
            "fb-loop-ok",
        ),
        SpliceCheck::CleanEndsFused => per_splice(
            &|r| {
                r.ends
                    .iter()
                    .any(|e| e.dirty)
                    .then(|| Msg::new("fb-fused-dirty"))
            },
            "fb-clean-fused-ok",
        ),
    }
}

/// The preparation's checks on a splicing bench: each on both cables, the worse side
/// counting; the sleeve, one per pair on either fibre, before the cleave.
fn evaluate_prep_both(check: &PrepCheck, st: &SpliceState) -> (f64, Msg) {
    let pairs = st.pairs();
    let code = st.benches[0].colour_code;
    let name = |i: usize| pairs[i][0].describe(code);
    if *check == PrepCheck::SleeveBeforeCleave {
        for (i, p) in pairs.iter().enumerate() {
            let f = [st.benches[0].fibre(p[0]), st.benches[1].fibre(p[1])];
            if f.iter().flatten().any(|f| f.sleeve_after_cleave) {
                return (0.0, Msg::new("fb-sleeve-late").msg("fibre", name(i)));
            }
            let sleeve_used = f.iter().flatten().any(|f| f.sleeve)
                || st
                    .final_record(*p)
                    .is_some_and(|r| !matches!(r.sleeve, crate::exercise::splice::Sleeve::Missing));
            if !sleeve_used {
                return (0.0, Msg::new("fb-sleeve-forgotten").msg("fibre", name(i)));
            }
        }
        return (1.0, Msg::new("fb-sleeve-ok"));
    }
    let l = evaluate_prep(check, &st.benches[Side::Left.index()]);
    let r = evaluate_prep(check, &st.benches[Side::Right.index()]);
    // The worse side counts (a mechanical element's words are put in by `evaluate`: the
    // cleave length matters to its stops, not to electrodes).
    if r.0 < l.0 { r } else { l }
}

/// Why a splice loses more than its limit, from what the fusion (or the element) did.
fn why_lossy(r: &SpliceRecord) -> Msg {
    let f = match &r.joint {
        Joint::Fusion(f) => f,
        Joint::Mechanical(m) => return why_mech_lossy(r, m),
    };
    if f.bubble {
        Msg::new("why-lossy-bubble")
    } else if r.ends.iter().any(|e| e.dirty) {
        Msg::new("why-lossy-dirty")
    } else if f.deformation != crate::physics::splice::Deformation::None {
        Msg::new("why-lossy-neck")
    } else if f.tilt_deg > 0.3 {
        Msg::new("why-lossy-angle").num("angle", r.ends[0].angle_deg + r.ends[1].angle_deg, 1)
    } else if f.core_offset_um > 0.5 {
        Msg::new("why-lossy-offset").num("um", f.core_offset_um, 1)
    } else {
        Msg::new("why-lossy-arc")
    }
}

/// Why a mechanical joint loses more than its limit.
fn why_mech_lossy(r: &SpliceRecord, m: &MechanicalJoint) -> Msg {
    if !m.gel {
        Msg::new("why-mech-dry")
    } else if r.ends.iter().any(|e| e.dirty) {
        Msg::new("why-lossy-dirty")
    } else if m.gap_um > 5.0 {
        Msg::new("why-mech-gap").num("um", m.gap_um, 0)
    } else if m.tilt_deg > 0.3 {
        Msg::new("why-lossy-angle").num("angle", r.ends[0].angle_deg + r.ends[1].angle_deg, 1)
    } else {
        Msg::new("why-mech-groove").num("um", m.offset_um, 1)
    }
}
