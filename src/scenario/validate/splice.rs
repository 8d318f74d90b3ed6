//! Validation of a splicing set-up: the two cables, the splicer's settings, the
//! acceptance rules.

use super::prep::{validate_cable, validate_prep};
use super::{Problems, Unit, limit, range};
use crate::i18n::Msg;
use crate::limits;
use crate::scenario::splice::SpliceMethod;
use crate::scenario::{PrepTask, SpliceSetup};

/// A splicing exercise: the left cable as a preparation set-up, the right cable holding
/// every fibre to splice, fibres that can be fused together, sane acceptance numbers.
pub(super) fn validate_splice(p: &mut Problems, s: &SpliceSetup) {
    validate_prep(p, "exercise.prep", &s.prep);
    validate_cable(p, "exercise.right", &s.right.cable);
    if s.left_fibre.is_single_mode() != s.right.fibre.is_single_mode() {
        p.push((
            "exercise.right.fibre".into(),
            Msg::new("val-splice-sm-mm")
                .msg("left", s.left_fibre.name())
                .msg("right", s.right.fibre.name()),
        ));
    }
    let right = &s.right.cable;
    if let Some(to) = s.right.to_fibre {
        // One fibre of the right cable takes the task's: one task, and a fibre it has.
        if to == 0 || to > right.fibres_per_group() {
            p.push((
                "exercise.right.to_fibre".into(),
                Msg::new("val-splice-right-missing")
                    .int("tubes", right.tube_count().max(1))
                    .int("fibres", right.fibres_per_group()),
            ));
        }
        if s.prep.tasks.len() != 1 {
            p.push((
                "exercise.prep.tasks".into(),
                Msg::new("val-splice-to-fibre-one").int("n", s.prep.tasks.len() as u32),
            ));
        }
        validate_splice_acceptance(p, s);
        return validate_method(p, s);
    }
    for (i, task) in s.prep.tasks.iter().enumerate() {
        let PrepTask::PrepareFibre { tube, fibre } = task;
        let tube_max = tube.as_ref().map(|t| t.max()).unwrap_or(1);
        let tubes = right.tube_count().max(1);
        if fibre.max() > right.fibres_per_group() || tube_max > tubes {
            p.push((
                format!("exercise.prep.tasks[{i}]"),
                Msg::new("val-splice-right-missing")
                    .int("tubes", tubes)
                    .int("fibres", right.fibres_per_group()),
            ));
        }
    }
    validate_method(p, s);
    validate_splice_acceptance(p, s);
}

fn validate_method(p: &mut Problems, s: &SpliceSetup) {
    if let SpliceMethod::Fusion {
        splicer,
        oven_cycle_s,
    } = &s.method
    {
        validate_splicer(p, splicer, *oven_cycle_s);
    }
}

fn validate_splicer(
    p: &mut Problems,
    splicer: &crate::physics::splice::SplicerSettings,
    oven_cycle_s: f64,
) {
    let sp = "exercise.method.splicer";
    for (field, v, l, why) in [
        (
            "cleave_limit_deg",
            splicer.cleave_limit_deg,
            &limits::CLEAVE_LIMIT_DEG,
            "why-angle",
        ),
        (
            "arc_power_pct",
            splicer.arc_power_pct,
            &limits::ARC_POWER_PCT,
            "why-arc",
        ),
        (
            "arc_time_ms",
            splicer.arc_time_ms,
            &limits::ARC_TIME_MS,
            "why-arc",
        ),
        (
            "prefuse_ms",
            splicer.prefuse_ms,
            &limits::PREFUSE_MS,
            "why-arc",
        ),
        ("gap_um", splicer.gap_um, &limits::GAP_UM, "why-arc"),
        (
            "overlap_um",
            splicer.overlap_um,
            &limits::OVERLAP_UM,
            "why-arc",
        ),
    ] {
        limit(p, &format!("{sp}.{field}"), v, l, why);
    }
    limit(
        p,
        "exercise.method.oven_cycle_s",
        oven_cycle_s,
        &limits::OVEN_CYCLE_S,
        "why-oven",
    );
}

fn validate_splice_acceptance(p: &mut Problems, s: &SpliceSetup) {
    let a = &s.acceptance;
    range(
        p,
        "exercise.acceptance.max_loss_db",
        a.max_loss_db,
        0.01,
        1.0,
        Unit::Db,
        "why-splice-loss",
    );
    range(
        p,
        "exercise.acceptance.redo_estimate_db",
        a.redo_estimate_db,
        0.01,
        1.0,
        Unit::Db,
        "why-splice-loss",
    );
    limit(
        p,
        "exercise.acceptance.min_loop_diameter_mm",
        a.min_loop_diameter_mm,
        &limits::MIN_LOOP_TARGET_MM,
        "why-loop",
    );
}
