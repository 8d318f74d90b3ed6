//! Checks that a parsed scenario makes sense physically and as an exercise. Each problem
//! is a field path and a message that gives the reason.

use super::{Check, ExerciseSpec, Mode, PrepSetup, PrepTask, Scenario, Varying};
use crate::i18n::Msg;
use crate::physics::cable::CableKind;

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
        ExerciseSpec::CablePrep(setup) => validate_prep(&mut p, setup),
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

fn validate_prep(p: &mut Problems, s: &PrepSetup) {
    let base = "exercise";
    match s.cable {
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
            Check::WithinTime if s.mode != Mode::Assessment => {
                p.push((chk, Msg::new("val-time-practice")))
            }
            _ => {}
        }
    }
}
