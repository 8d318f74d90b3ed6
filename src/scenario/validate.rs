//! Checks that a parsed scenario makes sense physically and as an exercise. Each problem
//! is a field path and a message that gives the reason.

use super::otdr::{ElementSpec, EventType, TraceSource};
use super::splice::SpliceMethod;
use super::{
    Check, ExerciseSpec, JobSetup, Mode, OtdrSetup, PrepSetup, PrepTask, Scenario, SpliceSetup,
    Varying,
};
use crate::i18n::Msg;
use crate::physics::cable::CableKind;
use crate::physics::otdr::RANGE_MAX_M;

pub type Problems = Vec<(String, Msg)>;

pub fn validate(s: &Scenario) -> Problems {
    let mut p = Problems::new();
    if s.format != super::FORMAT_VERSION {
        p.push((
            "format".into(),
            Msg::new("val-format")
                .int("found", s.format)
                .int("supported", super::FORMAT_VERSION),
        ));
    }
    check_id(&mut p, "id", &s.id);
    for (field, text) in [("title", &s.title), ("briefing", &s.briefing)] {
        for (lang, t) in [("fr", &text.fr), ("en", &text.en)] {
            if t.trim().is_empty() {
                p.push((format!("{field}.{lang}"), Msg::new("val-empty-text")));
            }
        }
    }
    if !(1..=5).contains(&s.difficulty) {
        p.push((
            "difficulty".into(),
            out_of_range(s.difficulty as f64, 1.0, 5.0, "")
                .msg("reason", Msg::new("why-difficulty")),
        ));
    }
    range(
        &mut p,
        "duration_min",
        s.duration_min,
        1.0,
        480.0,
        "unit-min",
        "why-duration",
    );
    match &s.exercise {
        ExerciseSpec::CablePrep(setup) => validate_prep(&mut p, "exercise", setup),
        ExerciseSpec::Otdr(setup) => validate_otdr(&mut p, setup),
        ExerciseSpec::Splice(setup) => validate_splice(&mut p, setup),
        ExerciseSpec::Job(job) => validate_job(&mut p, job),
    }
    validate_rubric(&mut p, s);
    p
}

fn check_id(p: &mut Problems, path: &str, id: &str) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        p.push((path.into(), Msg::new("val-id").text("found", id)));
    }
}

fn out_of_range(found: f64, min: f64, max: f64, unit: &str) -> Msg {
    Msg::new("val-out-of-range")
        .num("found", found, decimals(found))
        .num("min", min, decimals(min))
        .num("max", max, decimals(max))
        .text("unit", unit_text(unit))
}

fn unit_text(unit: &str) -> String {
    match unit {
        "unit-mm" => " mm".into(),
        "unit-min" => " min".into(),
        "unit-deg" => " °".into(),
        "unit-m" => " m".into(),
        "unit-db" => " dB".into(),
        "unit-nm" => " nm".into(),
        "unit-s" => " s".into(),
        _ => String::new(),
    }
}

fn decimals(x: f64) -> u8 {
    if x.fract() == 0.0 {
        0
    } else if (x * 10.0).fract().abs() < 1e-9 {
        1
    } else {
        2
    }
}

fn range(p: &mut Problems, path: &str, v: f64, min: f64, max: f64, unit: &str, why: &str) {
    if !v.is_finite() || v < min || v > max {
        p.push((
            path.into(),
            out_of_range(v, min, max, unit).msg("reason", Msg::new(why)),
        ));
    }
}

fn varying_f64(
    p: &mut Problems,
    path: &str,
    v: &Varying<f64>,
    min: f64,
    max: f64,
    unit: &str,
    why: &str,
) {
    if let Varying::Range(a, b) = *v
        && a > b
    {
        p.push((
            path.into(),
            Msg::new("val-range-reversed")
                .num("min", a, decimals(a))
                .num("max", b, decimals(b)),
        ));
        return;
    }
    range(p, path, v.min(), min, max, unit, why);
    if v.max() != v.min() {
        range(p, path, v.max(), min, max, unit, why);
    }
}

fn varying_u32(p: &mut Problems, path: &str, v: &Varying<u32>, max: u32, why: Msg) {
    if let Varying::Range(a, b) = *v
        && a > b
    {
        p.push((
            path.into(),
            Msg::new("val-range-reversed").int("min", a).int("max", b),
        ));
        return;
    }
    for x in [v.min(), v.max()] {
        if x < 1 || x > max {
            p.push((
                path.into(),
                out_of_range(x as f64, 1.0, max as f64, "").msg("reason", why.clone()),
            ));
            return;
        }
    }
}

/// The cable's counts: tubes and fibres per tube up to 12, a drop cable up to 4 fibres.
fn validate_cable(p: &mut Problems, base: &str, cable: &CableKind) {
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
                "",
                "why-max-12",
            );
            range(
                p,
                &format!("{base}.cable.fibres_per_tube"),
                fibres_per_tube as f64,
                1.0,
                12.0,
                "",
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
                "",
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
                "",
                "why-drop-fibres",
            );
        }
    }
}

fn validate_prep(p: &mut Problems, base: &str, s: &PrepSetup) {
    validate_cable(p, base, &s.cable);
    let t = &s.targets;
    let tp = format!("{base}.targets");
    let before = p.len();
    range(
        p,
        &format!("{tp}.sheath_strip_mm"),
        t.sheath_strip_mm,
        20.0,
        3000.0,
        "unit-mm",
        "why-sheath-strip",
    );
    range(
        p,
        &format!("{tp}.strength_member_keep_mm"),
        t.strength_member_keep_mm,
        0.0,
        200.0,
        "unit-mm",
        "why-strength-keep",
    );
    range(
        p,
        &format!("{tp}.coating_strip_mm"),
        t.coating_strip_mm,
        5.0,
        60.0,
        "unit-mm",
        "why-coating-strip",
    );
    range(
        p,
        &format!("{tp}.cleave_length_mm"),
        t.cleave_length_mm,
        3.0,
        30.0,
        "unit-mm",
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
    varying_f64(
        p,
        &format!("{base}.cleaver.blade_wear"),
        &s.cleaver.blade_wear,
        0.0,
        1.0,
        "",
        "why-wear",
    );
    varying_f64(
        p,
        &format!("{base}.hand_precision_mm"),
        &s.hand_precision_mm,
        0.0,
        10.0,
        "unit-mm",
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

fn validate_rubric(p: &mut Problems, s: &Scenario) {
    let r = &s.rubric;
    range(
        p,
        "rubric.pass_mark",
        r.pass_mark,
        0.0,
        100.0,
        "",
        "why-pass-mark",
    );
    if r.criteria.is_empty() {
        p.push(("rubric.criteria".into(), Msg::new("val-no-criteria")));
    }
    let mut ids: Vec<&str> = Vec::new();
    for (i, c) in r.criteria.iter().enumerate() {
        let cp = format!("rubric.criteria[{i}]");
        check_id(p, &format!("{cp}.id"), &c.id);
        if ids.contains(&c.id.as_str()) {
            p.push((
                format!("{cp}.id"),
                Msg::new("val-duplicate-id").text("id", c.id.clone()),
            ));
        }
        ids.push(&c.id);
        range(
            p,
            &format!("{cp}.points"),
            c.points,
            0.5,
            100.0,
            "",
            "why-points",
        );
        let chk = format!("{cp}.check");
        if let Some(m) = c.check.module()
            && !c.check.allowed_in(s.module())
        {
            p.push((
                chk.clone(),
                Msg::new("val-check-module")
                    .msg("check_module", m.name())
                    .msg("module", s.module().name()),
            ));
            continue;
        }
        let splice = match &s.exercise {
            ExerciseSpec::Splice(sp) => Some(sp),
            ExerciseSpec::Job(j) => Some(&j.splice),
            _ => None,
        };
        let fusion_only = matches!(
            c.check,
            Check::RecleavedWhenRefused
                | Check::FaultySplicesRedone
                | Check::RightProgramme
                | Check::SleevesShrunk
                | Check::SleeveBeforeCleave
        );
        if fusion_only && splice.is_some_and(|sp| sp.method.is_mechanical()) {
            p.push((chk.clone(), Msg::new("val-check-fusion-only")));
        }
        let otdr = match &s.exercise {
            ExerciseSpec::Otdr(o) => Some(o),
            ExerciseSpec::Job(j) => Some(&j.otdr),
            _ => None,
        };
        if let Some(o) = otdr {
            let saved = matches!(o.source, TraceSource::SorFile(_));
            let settings_check = matches!(
                c.check,
                Check::CablesUsed
                    | Check::AllMeasured
                    | Check::IorSet
                    | Check::RangeFit
                    | Check::PulseFit
                    | Check::AveragingTime { .. }
            );
            if saved && settings_check {
                p.push((chk.clone(), Msg::new("val-check-saved")));
            }
            if c.check == Check::FaultLocated && !has_fault(o) {
                p.push((chk.clone(), Msg::new("val-no-fault")));
            }
        }
        match c.check {
            Check::SheathStripLength { tolerance_mm }
            | Check::StrengthMemberLength { tolerance_mm } => range(
                p,
                &format!("{chk}.tolerance_mm"),
                tolerance_mm,
                0.5,
                200.0,
                "unit-mm",
                "why-tolerance",
            ),
            Check::CoatingStripLength { tolerance_mm } | Check::CleaveLength { tolerance_mm } => {
                range(
                    p,
                    &format!("{chk}.tolerance_mm"),
                    tolerance_mm,
                    0.1,
                    10.0,
                    "unit-mm",
                    "why-tolerance",
                )
            }
            Check::CleaveQuality { max_angle_deg } => range(
                p,
                &format!("{chk}.max_angle_deg"),
                max_angle_deg,
                0.1,
                5.0,
                "unit-deg",
                "why-angle",
            ),
            Check::AveragingTime { min_s } => range(
                p,
                &format!("{chk}.min_s"),
                min_s,
                1.0,
                600.0,
                "unit-s",
                "why-averaging",
            ),
            Check::WithinTime if s.mode != Mode::Assessment => {
                p.push((chk, Msg::new("val-time-practice")))
            }
            _ => {}
        }
    }
}

/// Problems found in a stage, moved under the stage's field (`exercise.x` becomes
/// `exercise.splice.x`).
fn nested(found: Problems, stage: &str) -> Problems {
    found
        .into_iter()
        .map(|(path, m)| {
            let rest = path.strip_prefix("exercise").unwrap_or(&path);
            (format!("exercise.{stage}{rest}"), m)
        })
        .collect()
}

/// A job: each stage valid on its own, and the test stage's link made to receive the
/// splices: a simulated link, one `JobSplice`, the splicing stage's fibres on each side.
fn validate_job(p: &mut Problems, job: &JobSetup) {
    let mut found = Problems::new();
    validate_splice(&mut found, &job.splice);
    p.extend(nested(found, "splice"));
    let mut found = Problems::new();
    validate_otdr(&mut found, &job.otdr);
    // The OTDR stage's own check refuses `JobSplice`; here it belongs.
    found.retain(|(_, m)| m.key != "val-job-splice-outside");
    p.extend(nested(found, "otdr"));
    let TraceSource::Link(link) = &job.otdr.source else {
        p.push(("exercise.otdr.source".into(), Msg::new("val-job-link")));
        return;
    };
    let at: Vec<usize> = link
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| matches!(e, ElementSpec::JobSplice))
        .map(|(i, _)| i)
        .collect();
    let [i] = at[..] else {
        p.push((
            "exercise.otdr.source.elements".into(),
            Msg::new("val-job-splice-count").int("found", at.len() as u32),
        ));
        return;
    };
    let fibre_of = |e: &ElementSpec| match e {
        ElementSpec::Fibre { fibre, .. } => Some(*fibre),
        _ => None,
    };
    let before = link.elements[..i].iter().rev().find_map(fibre_of);
    let after = link.elements[i + 1..].iter().find_map(fibre_of);
    for (found, want, side) in [
        (before, job.splice.left_fibre, "left"),
        (after, job.splice.right.fibre, "right"),
    ] {
        if found != Some(want) {
            p.push((
                format!("exercise.otdr.source.elements[{i}]"),
                Msg::new("val-job-splice-fibres")
                    .msg("side", Msg::new(format!("job-side-{side}")))
                    .msg("want", want.name())
                    .msg(
                        "found",
                        found
                            .map(|f| f.name())
                            .unwrap_or_else(|| Msg::new("val-job-no-fibre")),
                    ),
            ));
        }
    }
}

/// A splicing exercise: the left cable as a preparation set-up, the right cable holding
/// every fibre to splice, fibres that can be fused together, sane acceptance numbers.
fn validate_splice(p: &mut Problems, s: &SpliceSetup) {
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
    if let SpliceMethod::Fusion {
        splicer,
        oven_cycle_s,
    } = &s.method
    {
        validate_splicer(p, splicer, *oven_cycle_s);
    }
    validate_splice_acceptance(p, s);
}

fn validate_splicer(
    p: &mut Problems,
    splicer: &crate::physics::splice::SplicerSettings,
    oven_cycle_s: f64,
) {
    let sp = "exercise.method.splicer";
    range(
        p,
        &format!("{sp}.cleave_limit_deg"),
        splicer.cleave_limit_deg,
        0.1,
        5.0,
        "unit-deg",
        "why-angle",
    );
    range(
        p,
        &format!("{sp}.arc_power_pct"),
        splicer.arc_power_pct,
        50.0,
        150.0,
        "",
        "why-arc",
    );
    range(
        p,
        &format!("{sp}.arc_time_ms"),
        splicer.arc_time_ms,
        100.0,
        10_000.0,
        "",
        "why-arc",
    );
    range(
        p,
        &format!("{sp}.prefuse_ms"),
        splicer.prefuse_ms,
        0.0,
        2000.0,
        "",
        "why-arc",
    );
    range(
        p,
        &format!("{sp}.gap_um"),
        splicer.gap_um,
        5.0,
        200.0,
        "",
        "why-arc",
    );
    range(
        p,
        &format!("{sp}.overlap_um"),
        splicer.overlap_um,
        0.0,
        40.0,
        "",
        "why-arc",
    );
    range(
        p,
        "exercise.method.oven_cycle_s",
        oven_cycle_s,
        10.0,
        300.0,
        "unit-s",
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
        "unit-db",
        "why-splice-loss",
    );
    range(
        p,
        "exercise.acceptance.redo_estimate_db",
        a.redo_estimate_db,
        0.01,
        1.0,
        "unit-db",
        "why-splice-loss",
    );
    range(
        p,
        "exercise.acceptance.min_loop_diameter_mm",
        a.min_loop_diameter_mm,
        15.0,
        200.0,
        "unit-mm",
        "why-loop",
    );
}

fn has_fault(o: &OtdrSetup) -> bool {
    match &o.source {
        TraceSource::Link(l) => l
            .elements
            .iter()
            .any(|e| matches!(e, ElementSpec::Break { .. } | ElementSpec::Macrobend { .. })),
        TraceSource::SorFile(s) => s
            .reference
            .iter()
            .any(|r| matches!(r.kind, EventType::Break | EventType::Bend)),
    }
}

/// A component's loss, 0–3 dB.
fn loss(p: &mut Problems, path: &str, v: &Varying<f64>) {
    varying_f64(p, path, v, 0.0, 3.0, "unit-db", "why-loss");
}

/// A component's reflectance when given, −80 to −14 dB.
fn reflectance(p: &mut Problems, path: &str, v: &Option<Varying<f64>>) {
    if let Some(v) = v {
        varying_f64(p, path, v, -80.0, -14.0, "unit-db", "why-reflectance");
    }
}

fn validate_otdr(p: &mut Problems, s: &OtdrSetup) {
    // The fibre family decides the instrument's wavelengths.
    let fibres: Vec<crate::physics::fibre::FibreType> = match &s.source {
        TraceSource::Link(l) => l
            .elements
            .iter()
            .filter_map(|e| match e {
                ElementSpec::Fibre { fibre, .. } => Some(*fibre),
                _ => None,
            })
            .collect(),
        TraceSource::SorFile(_) => Vec::new(),
    };
    let single_mode = fibres.first().is_none_or(|f| f.is_single_mode());
    let offered: &[f64] = if single_mode {
        &[1310.0, 1550.0, 1625.0]
    } else {
        &[850.0, 1300.0]
    };
    let list = |o: &[f64]| {
        o.iter()
            .map(|w| format!("{w}"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    if s.wavelengths.is_empty() {
        p.push(("exercise.wavelengths".into(), Msg::new("val-empty-list")));
    }
    for (i, w) in s.wavelengths.iter().enumerate() {
        if !offered.contains(w) {
            p.push((
                format!("exercise.wavelengths[{i}]"),
                Msg::new("val-wavelength")
                    .num("wl", *w, 0)
                    .text("list", list(offered)),
            ));
        } else if s.wavelengths[..i].contains(w) {
            p.push((
                format!("exercise.wavelengths[{i}]"),
                Msg::new("val-duplicate-id").text("id", format!("{w}")),
            ));
        }
    }
    if let Some(w) = s.report_wavelength_nm
        && !s.wavelengths.contains(&w)
    {
        p.push((
            "exercise.report_wavelength_nm".into(),
            Msg::new("val-report-wavelength").num("wl", w, 0),
        ));
    }
    let t = &s.thresholds;
    range(
        p,
        "exercise.thresholds.splice_loss_db",
        t.splice_loss_db,
        0.01,
        5.0,
        "unit-db",
        "why-threshold",
    );
    range(
        p,
        "exercise.thresholds.reflectance_db",
        t.reflectance_db,
        -78.0,
        -14.0,
        "unit-db",
        "why-threshold",
    );
    range(
        p,
        "exercise.thresholds.end_of_fibre_db",
        t.end_of_fibre_db,
        1.0,
        25.0,
        "unit-db",
        "why-threshold",
    );
    let a = &s.acceptance;
    range(
        p,
        "exercise.acceptance.splice_max_db",
        a.splice_max_db,
        0.01,
        2.0,
        "unit-db",
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.connector_max_db",
        a.connector_max_db,
        0.05,
        3.0,
        "unit-db",
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.reflectance_max_db",
        a.reflectance_max_db,
        -80.0,
        -14.0,
        "unit-db",
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.mechanical_splice_max_db",
        a.mechanical_splice_max_db,
        0.05,
        3.0,
        "unit-db",
        "why-acceptance",
    );
    range(
        p,
        "exercise.acceptance.splitter_excess_max_db",
        a.splitter_excess_max_db,
        0.0,
        5.0,
        "unit-db",
        "why-acceptance",
    );
    if let Some(m) = a.link_max_db {
        range(
            p,
            "exercise.acceptance.link_max_db",
            m,
            0.1,
            60.0,
            "unit-db",
            "why-acceptance",
        );
    }
    let tl = &s.tolerances;
    range(
        p,
        "exercise.tolerances.distance_m",
        tl.distance_m,
        0.5,
        1000.0,
        "unit-m",
        "why-tolerance",
    );
    range(
        p,
        "exercise.tolerances.loss_db",
        tl.loss_db,
        0.005,
        2.0,
        "unit-db",
        "why-tolerance",
    );
    range(
        p,
        "exercise.tolerances.reflectance_db",
        tl.reflectance_db,
        0.1,
        20.0,
        "unit-db",
        "why-tolerance",
    );
    range(
        p,
        "exercise.tolerances.total_loss_db",
        tl.total_loss_db,
        0.01,
        10.0,
        "unit-db",
        "why-tolerance",
    );
    match &s.source {
        TraceSource::Link(l) => {
            let c = "exercise.source.connectors";
            loss(p, &format!("{c}.loss_db"), &l.connectors.loss_db);
            reflectance(
                p,
                &format!("{c}.reflectance_db"),
                &l.connectors.reflectance_db,
            );
            for (field, v) in [
                ("launch_cable_m", l.launch_cable_m),
                ("receive_cable_m", l.receive_cable_m),
            ] {
                let path = format!("exercise.source.{field}");
                range(p, &path, v, 0.0, 5000.0, "unit-m", "why-cable");
            }
            if fibres.is_empty() {
                p.push(("exercise.source.elements".into(), Msg::new("val-no-fibre")));
            }
            // The longest link the seed can draw, cables included, must fit the
            // instrument's longest range.
            let longest: f64 = l.launch_cable_m
                + l.receive_cable_m
                + l.elements
                    .iter()
                    .map(|e| match e {
                        ElementSpec::Fibre { length_m, .. } => length_m.max(),
                        _ => 0.0,
                    })
                    .sum::<f64>();
            if longest > RANGE_MAX_M {
                p.push((
                    "exercise.source.elements".into(),
                    Msg::new("val-link-too-long")
                        .num("km", longest / 1000.0, 1)
                        .num("max", RANGE_MAX_M / 1000.0, 0),
                ));
            }
            let breaks: Vec<usize> = l
                .elements
                .iter()
                .enumerate()
                .filter(|(_, e)| matches!(e, ElementSpec::Break { .. }))
                .map(|(i, _)| i)
                .collect();
            if let [first, second, ..] = breaks[..] {
                p.push((
                    format!("exercise.source.elements[{second}]"),
                    Msg::new("val-second-break").int("first", first as u32 + 1),
                ));
            }
            if fibres.iter().any(|f| f.is_single_mode() != single_mode) {
                p.push((
                    "exercise.source.elements".into(),
                    Msg::new("val-mixed-fibres"),
                ));
            }
            for (i, e) in l.elements.iter().enumerate() {
                let ep = format!("exercise.source.elements[{i}]");
                let at = |field: &str| format!("{ep}.{field}");
                match e {
                    ElementSpec::Fibre { length_m, .. } => varying_f64(
                        p,
                        &at("length_m"),
                        length_m,
                        1.0,
                        200_000.0,
                        "unit-m",
                        "why-fibre-length",
                    ),
                    ElementSpec::Connector {
                        loss_db,
                        reflectance_db,
                        ..
                    } => {
                        loss(p, &at("loss_db"), loss_db);
                        reflectance(p, &at("reflectance_db"), reflectance_db);
                    }
                    ElementSpec::FusionSplice { loss_db } => loss(p, &at("loss_db"), loss_db),
                    ElementSpec::MechanicalSplice {
                        loss_db,
                        reflectance_db,
                    } => {
                        loss(p, &at("loss_db"), loss_db);
                        reflectance(p, &at("reflectance_db"), &Some(*reflectance_db));
                    }
                    ElementSpec::Splitter {
                        ports, excess_db, ..
                    } => {
                        if ![2, 4, 8, 16, 32, 64].contains(ports) {
                            p.push((
                                at("ports"),
                                Msg::new("val-splitter-ports").int("found", *ports),
                            ));
                        }
                        varying_f64(
                            p,
                            &at("excess_db"),
                            excess_db,
                            0.0,
                            5.0,
                            "unit-db",
                            "why-loss",
                        );
                    }
                    ElementSpec::Macrobend { loss_1550_db } => varying_f64(
                        p,
                        &at("loss_1550_db"),
                        loss_1550_db,
                        0.01,
                        20.0,
                        "unit-db",
                        "why-loss",
                    ),
                    ElementSpec::Break { reflectance_db } => {
                        reflectance(p, &at("reflectance_db"), reflectance_db);
                        if s.bidirectional {
                            p.push((ep.clone(), Msg::new("val-bidir-break")));
                        }
                    }
                    // Checked by the job, which drops this problem.
                    ElementSpec::JobSplice => {
                        p.push((ep.clone(), Msg::new("val-job-splice-outside")))
                    }
                }
            }
        }
        TraceSource::SorFile(f) => {
            if f.file.trim().is_empty() {
                p.push(("exercise.source.file".into(), Msg::new("val-empty-text")));
            }
            if f.reference.is_empty() {
                p.push((
                    "exercise.source.reference".into(),
                    Msg::new("val-empty-list"),
                ));
            }
            range(
                p,
                "exercise.source.length_m",
                f.length_m,
                1.0,
                300_000.0,
                "unit-m",
                "why-fibre-length",
            );
            range(
                p,
                "exercise.source.total_loss_db",
                f.total_loss_db,
                0.0,
                60.0,
                "unit-db",
                "why-loss",
            );
            range(
                p,
                "exercise.source.origin_m",
                f.origin_m,
                0.0,
                5000.0,
                "unit-m",
                "why-cable",
            );
            for (i, r) in f.reference.iter().enumerate() {
                range(
                    p,
                    &format!("exercise.source.reference[{i}].distance_m"),
                    r.distance_m,
                    -10.0,
                    300_000.0,
                    "unit-m",
                    "why-fibre-length",
                );
            }
            if s.bidirectional {
                p.push(("exercise.bidirectional".into(), Msg::new("val-bidir-saved")));
            }
        }
    }
}
