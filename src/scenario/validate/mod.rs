//! Checks that a parsed scenario makes sense physically and as an exercise. Each problem
//! is a field path and a message that gives the reason. The common parts (identity,
//! texts, rubric) are here; each module's set-up and checks are validated in its own file,
//! against the limits of `crate::limits` that the engine and the app hold to as well.

mod connect;
mod job;
mod otdr;
mod prep;
mod routing;
mod splice;

use super::{Check, ExerciseSpec, Mode, Scenario, Varying};
use crate::i18n::Msg;
use crate::limits::{Limit, Unit};

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
            out_of_range(s.difficulty as f64, 1.0, 5.0, Unit::None)
                .msg("reason", Msg::new("why-difficulty")),
        ));
    }
    range(
        &mut p,
        "duration_min",
        s.duration_min,
        1.0,
        480.0,
        Unit::Min,
        "why-duration",
    );
    match &s.exercise {
        ExerciseSpec::CablePrep(setup) => prep::validate_prep(&mut p, "exercise", setup),
        ExerciseSpec::Otdr(setup) => otdr::validate_otdr(&mut p, setup),
        ExerciseSpec::Splice(setup) => splice::validate_splice(&mut p, setup),
        ExerciseSpec::Job(job) => job::validate_job(&mut p, job),
        ExerciseSpec::Routing(r) => routing::validate_routing(&mut p, r),
        ExerciseSpec::Connect(c) => connect::validate_connect(&mut p, c, false),
    }
    validate_rubric(&mut p, s);
    p
}

pub(super) fn check_id(p: &mut Problems, path: &str, id: &str) {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !ok {
        p.push((path.into(), Msg::new("val-id").text("found", id)));
    }
}

fn out_of_range(found: f64, min: f64, max: f64, unit: Unit) -> Msg {
    Msg::new("val-out-of-range")
        .num("found", found, decimals(found))
        .num("min", min, decimals(min))
        .num("max", max, decimals(max))
        .text("unit", unit.symbol())
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

/// A value that must lie between `min` and `max` (a rule of validation alone).
fn range(p: &mut Problems, path: &str, v: f64, min: f64, max: f64, unit: Unit, why: &str) {
    if !v.is_finite() || v < min || v > max {
        p.push((
            path.into(),
            out_of_range(v, min, max, unit).msg("reason", Msg::new(why)),
        ));
    }
}

/// A value held to one of the shared limits.
fn limit(p: &mut Problems, path: &str, v: f64, l: &Limit, why: &str) {
    range(p, path, v, l.min, l.max, l.unit, why);
}

#[allow(clippy::too_many_arguments)]
fn varying_f64(
    p: &mut Problems,
    path: &str,
    v: &Varying<f64>,
    min: f64,
    max: f64,
    unit: Unit,
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

fn varying_limit(p: &mut Problems, path: &str, v: &Varying<f64>, l: &Limit, why: &str) {
    varying_f64(p, path, v, l.min, l.max, l.unit, why);
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
                out_of_range(x as f64, 1.0, max as f64, Unit::None).msg("reason", why.clone()),
            ));
            return;
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
        Unit::None,
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
            Unit::None,
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
        if c.check.needs_fusion()
            && s.exercise
                .splice_setup()
                .is_some_and(|sp| sp.method.is_mechanical())
        {
            p.push((chk.clone(), Msg::new("val-check-fusion-only")));
        }
        match &c.check {
            Check::WithinTime => {
                if s.mode != Mode::Assessment {
                    p.push((chk, Msg::new("val-time-practice")))
                }
            }
            Check::Prep(pc) => prep::validate_check(p, &chk, pc),
            Check::Otdr(oc) => {
                if let Some(o) = s.exercise.otdr_setup() {
                    otdr::validate_check(p, &chk, oc, o);
                }
            }
            // Nothing to check beyond the module: the splicing and job checks carry no
            // numbers of their own.
            Check::Routing(rc) => {
                if let ExerciseSpec::Routing(r) = &s.exercise {
                    routing::validate_check(p, &chk, rc, r);
                }
            }
            Check::Connect(cc) => {
                let setup = match &s.exercise {
                    ExerciseSpec::Connect(cs) => Some(cs),
                    ExerciseSpec::Job(j) => j.connect.as_ref(),
                    ExerciseSpec::CablePrep(_)
                    | ExerciseSpec::Otdr(_)
                    | ExerciseSpec::Splice(_)
                    | ExerciseSpec::Routing(_) => None,
                };
                match setup {
                    Some(cs) => connect::validate_check(p, &chk, cc, cs),
                    None => p.push((chk, Msg::new("val-connect-check-task"))),
                }
            }
            Check::Splice(_) | Check::Job(_) => {}
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
