//! Checks that a parsed scenario makes sense physically and as an exercise. Each problem
//! is a field path and a message that gives the reason. The common parts (identity,
//! texts, rubric) are here; each module's set-up and checks are validated in its own file,
//! against the limits of `crate::limits` that the engine and the app hold to as well.

mod closure;
mod connect;
mod job;
mod otdr;
mod prep;
mod routing;
mod splice;

use super::{Check, ExerciseSpec, Mode, Scenario, Text, Varying};
use crate::i18n::{Lang, Msg};
use crate::limits::{Limit, Unit};

pub use closure::{validate_order, validate_plan, validate_variants};

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
    shown_words(&mut p, "title", &s.title, Layout::Line);
    shown_words(&mut p, "briefing", &s.briefing, Layout::Lines);
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

/// How a text shown to a trainee may be laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Layout {
    /// One line: a title, a name, a place.
    Line,
    /// Several lines, with tabs: a briefing.
    Lines,
}

/// What makes a character unfit for a text shown to a trainee.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum BadChar {
    /// A control character: a terminal escape (ESC), a bell, a backspace, a carriage
    /// return on its own...
    Control,
    /// A line break or a tab where the text is one line.
    Layout,
    /// A direction override or mark, which can show a text in another order than written.
    Bidi,
    /// A character that shows nothing: zero-width, format, filler.
    Invisible,
}

impl BadChar {
    fn why(self) -> Msg {
        Msg::new(match self {
            BadChar::Control => "char-control",
            BadChar::Layout => "char-layout",
            BadChar::Bidi => "char-bidi",
            BadChar::Invisible => "char-invisible",
        })
    }
}

/// Why `c` may not stand in a text laid out as `layout`; `next` is the character after it
/// (a carriage return is a line break only before a line feed, as a Windows editor
/// writes them).
fn bad_char(c: char, next: Option<char>, layout: Layout) -> Option<BadChar> {
    let lines = layout == Layout::Lines;
    match c {
        '\n' | '\t' if lines => None,
        '\r' if lines && next == Some('\n') => None,
        '\n' | '\t' | '\r' if !lines => Some(BadChar::Layout),
        '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some(BadChar::Bidi),
        // Unicode's format characters (category Cf) less the direction ones above, the
        // line and paragraph separators, the fillers that draw nothing, and the
        // noncharacters.
        '\u{00ad}'
        | '\u{034f}'
        | '\u{0600}'..='\u{0605}'
        | '\u{06dd}'
        | '\u{070f}'
        | '\u{0890}'..='\u{0891}'
        | '\u{08e2}'
        | '\u{115f}'..='\u{1160}'
        | '\u{17b4}'..='\u{17b5}'
        | '\u{180b}'..='\u{180f}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2028}'..='\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206a}'..='\u{206f}'
        | '\u{2800}'
        | '\u{3164}'
        | '\u{fdd0}'..='\u{fdef}'
        | '\u{feff}'
        | '\u{ffa0}'
        | '\u{fff9}'..='\u{fffb}'
        | '\u{fffe}'..='\u{ffff}'
        | '\u{110bd}'
        | '\u{110cd}'
        | '\u{13430}'..='\u{1343f}'
        | '\u{1bca0}'..='\u{1bca3}'
        | '\u{1d173}'..='\u{1d17a}'
        | '\u{e0001}'
        | '\u{e0020}'..='\u{e007f}' => Some(BadChar::Invisible),
        c if c.is_control() => Some(BadChar::Control),
        _ => None,
    }
}

/// Whether `c` draws something: not a space, not a variation selector (which only
/// changes the look of the character before it). Characters [`bad_char`] refuses are
/// refused before this is asked.
fn visible(c: char) -> bool {
    !c.is_whitespace() && !matches!(c, '\u{fe00}'..='\u{fe0f}' | '\u{e0100}'..='\u{e01ef}')
}

/// A text shown to a trainee (a title, a briefing, a name on the plan, a place): at
/// least one visible character, and none that acts on the screen or hides (control and
/// escape characters, direction overrides, zero-width and other invisible characters);
/// tabs and line breaks only where the layout is `Lines`. The first fault found is
/// reported, naming the character (`U+200B`) and where it stands in the text. Whether the
/// text was fit.
pub(crate) fn shown_text(p: &mut Problems, path: &str, t: &str, layout: Layout) -> bool {
    let mut chars = t.chars().enumerate().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if let Some(bad) = bad_char(c, next, layout) {
            p.push((
                path.into(),
                Msg::new("val-text-char")
                    .text("code", format!("U+{:04X}", u32::from(c)))
                    .int("at", i64::try_from(i + 1).unwrap_or(i64::MAX))
                    .msg("why", bad.why()),
            ));
            return false;
        }
    }
    if !t.chars().any(visible) {
        p.push((path.into(), Msg::new("val-text-blank")));
        return false;
    }
    true
}

/// A text in both languages shown to a trainee: each held to [`shown_text`].
pub(crate) fn shown_words(p: &mut Problems, path: &str, t: &Text, layout: Layout) {
    shown_text(p, &format!("{path}.fr"), &t.fr, layout);
    shown_text(p, &format!("{path}.en"), &t.en, layout);
}

fn out_of_range(found: f64, min: f64, max: f64, unit: Unit) -> Msg {
    let m = as_written(Msg::new("val-out-of-range"), "found", found);
    let m = as_written(m, "min", min);
    as_written(m, "max", max).text("unit", unit.symbol())
}

/// Below this magnitude a number is shown in scientific notation (see [`as_written`]).
const SMALLEST_FIXED: f64 = 1e-9;

/// A number as a trainer writes it, as the argument `name` of `m`: with [`decimals`], or
/// in scientific notation where those would be too many (`1e-300`; a huge number is
/// shortened by `Lang::num` itself).
pub(crate) fn as_written(m: Msg, name: &str, x: f64) -> Msg {
    if x != 0.0 && x.abs() < SMALLEST_FIXED {
        m.words(name, &Lang::Fr.scientific(x), &Lang::En.scientific(x))
    } else {
        m.num(name, x, decimals(x))
    }
}

/// The decimals to show a number a trainer wrote with: none for a whole number, one or
/// two from 0.01 up, and below that its first two significant digits (0.00003 per
/// kelvin, 0.000012), fewer when the second is a zero.
pub(crate) fn decimals(x: f64) -> u8 {
    if !x.is_finite() || x.fract() == 0.0 {
        0
    } else if (x * 10.0).fract().abs() < 1e-9 {
        1
    } else if x.abs() >= 0.01 || x.abs() < SMALLEST_FIXED {
        2
    } else {
        // The position of the first significant digit: 3 for 0.005, 5 for 0.00003.
        let scaled = |d: u8| (0..d).fold(x, |y, _| y * 10.0);
        let mut first = 3;
        while first < 9 && scaled(first).abs() < 1.0 {
            first += 1;
        }
        let y = scaled(first);
        if (y - y.round()).abs() < 1e-6 * y.abs().max(1.0) {
            first
        } else {
            first + 1
        }
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
        let m = as_written(Msg::new("val-range-reversed"), "min", a);
        p.push((path.into(), as_written(m, "max", b)));
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
    let audit = match &s.exercise {
        ExerciseSpec::Job(j) => j.audit.as_ref(),
        ExerciseSpec::CablePrep(_)
        | ExerciseSpec::Otdr(_)
        | ExerciseSpec::Splice(_)
        | ExerciseSpec::Routing(_)
        | ExerciseSpec::Connect(_) => None,
    };
    let work = match &s.exercise {
        ExerciseSpec::Job(j) => j.work.as_ref(),
        ExerciseSpec::CablePrep(_)
        | ExerciseSpec::Otdr(_)
        | ExerciseSpec::Splice(_)
        | ExerciseSpec::Routing(_)
        | ExerciseSpec::Connect(_) => None,
    };
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
        if audit.is_some()
            && !matches!(
                c.check,
                Check::WithinTime | Check::Job(crate::scenario::JobCheck::DefectsFiled)
            )
        {
            p.push((chk.clone(), Msg::new("val-audit-check")));
            continue;
        }
        // A box worked to its plan is graded by its own checks, and, where it is tested
        // from the PM, by the OTDR's and the job's acceptance.
        let tested = matches!(&s.exercise, ExerciseSpec::Job(j) if j.otdr.is_some());
        let recette = tested
            && matches!(
                c.check,
                Check::Otdr(_) | Check::Job(crate::scenario::JobCheck::JobAccepted)
            );
        if work.is_some() && !(c.check == Check::WithinTime || c.check.is_box_work() || recette) {
            p.push((chk.clone(), Msg::new("val-work-check")));
            continue;
        }
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
                    // A job's line may hold its fault in the connecting stage's link.
                    let line_fault = if let ExerciseSpec::Job(j) = &s.exercise {
                        j.connect.as_ref().is_some_and(|c| {
                            c.link
                                .iter()
                                .any(|x| matches!(x, crate::scenario::connect::Piece::Fault { .. }))
                        })
                    } else {
                        false
                    };
                    otdr::validate_check(p, &chk, oc, o, line_fault);
                }
            }
            // A routing exercise's checks, or a job's with a routing stage.
            Check::Routing(rc) => {
                let setup = match &s.exercise {
                    ExerciseSpec::Routing(r) => Some(r),
                    ExerciseSpec::Job(j) => j.route.as_ref(),
                    ExerciseSpec::CablePrep(_)
                    | ExerciseSpec::Otdr(_)
                    | ExerciseSpec::Splice(_)
                    | ExerciseSpec::Connect(_) => None,
                };
                match setup {
                    Some(r) => routing::validate_check(p, &chk, rc, r),
                    None => p.push((chk, Msg::new("val-route-check-task"))),
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
            // The audit's check needs an audit, and an audit is graded by it (and the
            // time) alone: nothing is spliced, connected or measured.
            Check::Job(crate::scenario::JobCheck::DefectsFiled) if audit.is_none() => {
                p.push((chk, Msg::new("val-defects-filed-audit")))
            }
            // The box worked to its plan is graded by these alone, and they need it.
            Check::Job(_) if c.check.is_box_work() && work.is_none() => {
                p.push((chk, Msg::new("val-work-check-needs-work")))
            }
            // The right fibre is ARCEP's second criterion: critical, as the route read.
            Check::Job(crate::scenario::JobCheck::PlanFollowed) if !c.critical => p.push((
                format!("{cp}.critical"),
                Msg::new("val-route-read-critical").text("id", c.id.clone()),
            )),
            // The work order read against the plan is ARCEP's first two criteria (the
            // right box, the right fibre), whose defects fail a connection whatever else
            // holds (FTTH-JOBS §10): its criterion is critical.
            Check::Job(crate::scenario::JobCheck::RouteRead) if !c.critical => p.push((
                format!("{cp}.critical"),
                Msg::new("val-route-read-critical").text("id", c.id.clone()),
            )),
            // Nothing to check beyond the module: the splicing and job checks carry no
            // numbers of their own.
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The problems `shown_text` finds in `t`, as (key, character code).
    fn faults(t: &str, layout: Layout) -> Vec<(String, Option<String>)> {
        let mut p = Problems::new();
        let ok = shown_text(&mut p, "x", t, layout);
        assert_eq!(ok, p.is_empty(), "{t:?}");
        p.into_iter()
            .map(|(_, m)| {
                let code = m.args.iter().find_map(|(n, a)| {
                    if let crate::i18n::Arg::Text(s) = a
                        && n == "code"
                    {
                        Some(s.clone())
                    } else {
                        None
                    }
                });
                (m.key, code)
            })
            .collect()
    }

    fn bad(t: &str, layout: Layout) -> String {
        match faults(t, layout).as_slice() {
            [(key, Some(code))] if key == "val-text-char" => code.clone(),
            other => panic!("{t:?}: {other:?}"),
        }
    }

    #[test]
    fn a_text_shown_to_a_trainee_shows_something_and_hides_nothing() {
        // Accents, typographic spaces between words, an emoji with its variation selector.
        for t in [
            "Câble plat : dénudez 500 mm",
            "n° 7",
            "Évaluation\u{a0}: PBO",
            "Attention \u{26a0}\u{fe0f}",
        ] {
            assert_eq!(faults(t, Layout::Line), vec![], "{t:?}");
        }
        // Nothing visible.
        for t in ["", "   ", "\u{a0}\u{3000}", "\u{fe0f}"] {
            assert_eq!(
                faults(t, Layout::Line),
                vec![("val-text-blank".to_string(), None)],
                "{t:?}"
            );
        }
        // Control characters, escapes among them, and the bell.
        assert_eq!(bad("Titre\u{1b}[2J", Layout::Lines), "U+001B");
        assert_eq!(bad("a\u{7}", Layout::Line), "U+0007");
        assert_eq!(bad("a\u{85}b", Layout::Lines), "U+0085");
        assert_eq!(bad("a\u{7f}", Layout::Line), "U+007F");
        // Direction overrides and marks.
        for c in ['\u{202a}', '\u{202e}', '\u{2066}', '\u{2069}', '\u{200f}'] {
            assert_eq!(
                bad(&format!("abc{c}def"), Layout::Line),
                format!("U+{:04X}", c as u32)
            );
        }
        // Zero-width and other invisible characters, alone or among words.
        for c in [
            '\u{200b}',
            '\u{200c}',
            '\u{200d}',
            '\u{2060}',
            '\u{feff}',
            '\u{ad}',
            '\u{3164}',
            '\u{2028}',
            '\u{e0041}',
        ] {
            let code = format!("U+{:04X}", c as u32);
            assert_eq!(bad(&format!("{c}{c}"), Layout::Line), code);
            assert_eq!(bad(&format!("mot{c}mot"), Layout::Lines), code);
        }
        // The first fault is named with its place in the text.
        let mut p = Problems::new();
        shown_text(&mut p, "x", "ab\u{200b}c\u{1b}", Layout::Line);
        assert_eq!(p.len(), 1);
        assert_eq!(
            p[0].1.render(Lang::En),
            "Character 3 of this text is U+200B, an invisible character (zero-width, format or \
             filler) that shows nothing: remove it (a text must show as it is written, on \
             screen and in reports)."
        );
    }

    #[test]
    fn line_breaks_and_tabs_only_where_a_text_holds_several_lines() {
        let briefing = "Première ligne.\n\tDeuxième ligne.\r\nTroisième.";
        assert_eq!(faults(briefing, Layout::Lines), vec![]);
        assert_eq!(bad(briefing, Layout::Line), "U+000A");
        assert_eq!(bad("a\tb", Layout::Line), "U+0009");
        // A carriage return that does not end a line moves the cursor back over the text.
        assert_eq!(bad("fibre\rFAUX", Layout::Lines), "U+000D");
        // Layout alone shows nothing.
        assert_eq!(
            faults("\n\t\r\n", Layout::Lines),
            vec![("val-text-blank".to_string(), None)]
        );
    }

    #[test]
    fn a_number_is_shown_as_a_trainer_writes_it() {
        let shown = |x: f64| as_written(Msg::new("k"), "x", x).as_shown();
        assert_eq!(shown(1500.0), "k(x=1500)");
        assert_eq!(shown(1.5), "k(x=1.5)");
        assert_eq!(shown(0.25), "k(x=0.25)");
        assert_eq!(shown(0.00003), "k(x=0.00003)");
        assert_eq!(shown(-0.000005), "k(x=-0.000005)");
        assert_eq!(shown(0.000012), "k(x=0.000012)");
        assert_eq!(shown(0.005), "k(x=0.005)");
        assert_eq!(shown(1e300), "k(x=1e300)");
        assert_eq!(shown(-1e308), "k(x=-1e308)");
        assert_eq!(shown(1e-300), "k(x=\"1e-300\"/\"1e-300\")");
        assert_eq!(shown(f64::NAN), "k(x=NaN)");
        assert_eq!(shown(f64::INFINITY), "k(x=inf)");
        let fr = out_of_range(-2.5e-7, -5e-6, 3e-5, Unit::PerK)
            .msg("reason", Msg::new("why-route-alpha"))
            .render(Lang::Fr);
        assert!(
            fr.starts_with("-0,00000025 /K est hors limites : de -0,000005 à 0,00003 /K."),
            "{fr}"
        );
    }
}
