//! Validation of a cable-preparation set-up (also the cables of a splicing exercise) and
//! of the preparation checks.

use super::{Problems, Unit, decimals, limit, range, varying_limit, varying_u32};
use crate::i18n::Msg;
use crate::limits;
use crate::physics::cable::CableKind;
use crate::scenario::{PrepCheck, PrepSetup, PrepTask, Varying};

/// The cable's counts: tubes and fibres per tube up to 12, a drop cable up to 4 fibres.
pub(super) fn validate_cable(p: &mut Problems, base: &str, cable: &CableKind) {
    match *cable {
        CableKind::LooseTube {
            tubes,
            fibres_per_tube,
            ..
        } => {
            range(
                p,
                &format!("{base}.cable.tubes"),
                tubes as f64,
                1.0,
                12.0,
                Unit::None,
                "why-max-12",
            );
            range(
                p,
                &format!("{base}.cable.fibres_per_tube"),
                fibres_per_tube as f64,
                1.0,
                12.0,
                Unit::None,
                "why-max-12",
            );
        }
        CableKind::TightBuffered { fibres } => {
            range(
                p,
                &format!("{base}.cable.fibres"),
                fibres as f64,
                1.0,
                12.0,
                Unit::None,
                "why-max-12",
            );
        }
        CableKind::FlatDrop { fibres } => {
            range(
                p,
                &format!("{base}.cable.fibres"),
                fibres as f64,
                1.0,
                4.0,
                Unit::None,
                "why-drop-fibres",
            );
        }
    }
}

pub(super) fn validate_prep(p: &mut Problems, base: &str, s: &PrepSetup) {
    validate_cable(p, base, &s.cable);
    let t = &s.targets;
    let tp = format!("{base}.targets");
    let before = p.len();
    limit(
        p,
        &format!("{tp}.sheath_strip_mm"),
        t.sheath_strip_mm,
        &limits::SHEATH_STRIP_TARGET_MM,
        "why-sheath-strip",
    );
    limit(
        p,
        &format!("{tp}.strength_member_keep_mm"),
        t.strength_member_keep_mm,
        &limits::STRENGTH_KEEP_TARGET_MM,
        "why-strength-keep",
    );
    limit(
        p,
        &format!("{tp}.coating_strip_mm"),
        t.coating_strip_mm,
        &limits::COATING_STRIP_TARGET_MM,
        "why-coating-strip",
    );
    limit(
        p,
        &format!("{tp}.cleave_length_mm"),
        t.cleave_length_mm,
        &limits::CLEAVE_LENGTH_TARGET_MM,
        "why-cleave-length",
    );
    // Consistency between lengths only means something once each is plausible.
    let lengths_ok = p.len() == before;
    if lengths_ok && t.cleave_length_mm >= t.coating_strip_mm {
        p.push((
            format!("{tp}.cleave_length_mm"),
            Msg::new("val-cleave-beyond-strip")
                .num("cleave", t.cleave_length_mm, decimals(t.cleave_length_mm))
                .num("strip", t.coating_strip_mm, decimals(t.coating_strip_mm)),
        ));
    }
    if lengths_ok && t.strength_member_keep_mm >= t.sheath_strip_mm {
        p.push((
            format!("{tp}.strength_member_keep_mm"),
            Msg::new("val-keep-beyond-sheath")
                .num(
                    "keep",
                    t.strength_member_keep_mm,
                    decimals(t.strength_member_keep_mm),
                )
                .num("sheath", t.sheath_strip_mm, decimals(t.sheath_strip_mm)),
        ));
    }
    if lengths_ok && t.coating_strip_mm >= t.sheath_strip_mm {
        p.push((
            format!("{tp}.coating_strip_mm"),
            Msg::new("val-coating-beyond-sheath")
                .num("strip", t.coating_strip_mm, decimals(t.coating_strip_mm))
                .num("sheath", t.sheath_strip_mm, decimals(t.sheath_strip_mm)),
        ));
    }
    varying_limit(
        p,
        &format!("{base}.cleaver.blade_wear"),
        &s.cleaver.blade_wear,
        &limits::BLADE_WEAR,
        "why-wear",
    );
    varying_limit(
        p,
        &format!("{base}.hand_precision_mm"),
        &s.hand_precision_mm,
        &limits::HAND_PRECISION_MM,
        "why-hand",
    );
    if s.tasks.is_empty() {
        p.push((format!("{base}.tasks"), Msg::new("val-no-tasks")));
    }
    let mut fixed_seen: Vec<(Option<u32>, u32)> = Vec::new();
    let choices = s.cable.tube_count().max(1) * s.cable.fibres_per_group();
    if s.tasks.len() as u32 > choices {
        p.push((
            format!("{base}.tasks"),
            Msg::new("val-too-many-tasks")
                .int("tasks", s.tasks.len() as u32)
                .int("fibres", choices),
        ));
    }
    for (i, task) in s.tasks.iter().enumerate() {
        let PrepTask::PrepareFibre { tube, fibre } = task;
        let tpath = format!("{base}.tasks[{i}]");
        match (s.cable.tube_count(), tube) {
            (n, Some(v)) if n > 1 => varying_u32(
                p,
                &format!("{tpath}.tube"),
                v,
                n,
                Msg::new("why-tube-count").int("tubes", n),
            ),
            (n, None) if n > 1 => {
                p.push((tpath.to_string(), Msg::new("val-tube-missing")));
            }
            (_, Some(_)) => p.push((format!("{tpath}.tube"), Msg::new("val-tube-not-applicable"))),
            _ => {}
        }
        let per = s.cable.fibres_per_group();
        varying_u32(
            p,
            &format!("{tpath}.fibre"),
            fibre,
            per,
            Msg::new("why-fibre-count").int("fibres", per),
        );
        if let (Varying::Fixed(f), None | Some(Varying::Fixed(_))) = (fibre, tube) {
            let t = tube.as_ref().map(|v| v.min());
            if fixed_seen.contains(&(t, *f)) {
                p.push((tpath.to_string(), Msg::new("val-duplicate-task")));
            }
            fixed_seen.push((t, *f));
        }
    }
}

/// The numbers a cable-preparation check carries.
pub(super) fn validate_check(p: &mut Problems, chk: &str, c: &PrepCheck) {
    match *c {
        PrepCheck::SheathStripLength { tolerance_mm }
        | PrepCheck::StrengthMemberLength { tolerance_mm } => range(
            p,
            &format!("{chk}.tolerance_mm"),
            tolerance_mm,
            0.5,
            200.0,
            Unit::Mm,
            "why-tolerance",
        ),
        PrepCheck::CoatingStripLength { tolerance_mm }
        | PrepCheck::CleaveLength { tolerance_mm } => range(
            p,
            &format!("{chk}.tolerance_mm"),
            tolerance_mm,
            0.1,
            10.0,
            Unit::Mm,
            "why-tolerance",
        ),
        PrepCheck::CleaveQuality { max_angle_deg } => range(
            p,
            &format!("{chk}.max_angle_deg"),
            max_angle_deg,
            0.1,
            5.0,
            Unit::Deg,
            "why-angle",
        ),
        PrepCheck::RightFibre
        | PrepCheck::SleeveBeforeCleave
        | PrepCheck::OperationOrder
        | PrepCheck::RightTools
        | PrepCheck::EndFaceClean
        | PrepCheck::FibreIntact
        | PrepCheck::ShardsDisposed => {}
    }
}
