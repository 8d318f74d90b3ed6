//! Grading of the intervention report: the line and the PBO as the work order writes
//! them, the level as the meter read it, the verdict as the line stands.

use crate::exercise::connect::ConnectState;
use crate::grading::{not_reached, not_this_module, share};
use crate::i18n::Msg;

/// A reference as written on a work order: case, spaces and dashes aside.
fn same_ref(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// How far the level written may be from the one the meter read, dB.
pub const REPORT_LEVEL_TOLERANCE_DB: f64 = 0.5;

pub fn report(st: &ConnectState) -> (f64, Msg) {
    let Some(task) = &st.report.task else {
        return not_this_module();
    };
    let (line, pbo) = (task.line_id.clone(), task.pbo.clone());
    let Some(r) = &st.report.form else {
        return not_reached("what-report");
    };
    let mut bad = Vec::new();
    if !same_ref(&r.line_id, &line) {
        bad.push((
            Msg::new("fb-report-line")
                .text("written", r.line_id.clone())
                .text("right", line),
            Msg::new("fb-report-line-name"),
        ));
    }
    if !same_ref(&r.pbo, &pbo) {
        bad.push((
            Msg::new("fb-report-pbo")
                .text("written", r.pbo.clone())
                .text("right", pbo),
            Msg::new("fb-report-pbo-name"),
        ));
    }
    // The level: the meter's last reading at the first PON wavelength (1490 nm).
    let read = st.pon.as_ref().and_then(|p| {
        let first = p.task.levels.first()?;
        p.read
            .iter()
            .find(|r| (r.0 - first.wavelength_nm).abs() < 0.5)
            .map(|r| r.1)
    });
    // The meter showed no light (LO): the report says so, with no level.
    match read {
        None => bad.push((
            Msg::new("fb-report-no-reading"),
            Msg::new("fb-report-level-name"),
        )),
        Some(v) if !v.is_finite() && r.no_light => {}
        Some(v) if !v.is_finite() => bad.push((
            Msg::new("fb-report-level-was-lo").num("written", r.level_dbm, 1),
            Msg::new("fb-report-level-name"),
        )),
        Some(v) if r.no_light => bad.push((
            Msg::new("fb-report-said-no-light").num("read", v, 1),
            Msg::new("fb-report-level-name"),
        )),
        Some(v) if (v - r.level_dbm).abs() <= REPORT_LEVEL_TOLERANCE_DB => {}
        Some(v) => bad.push((
            Msg::new("fb-report-level")
                .num("written", r.level_dbm, 1)
                .num("read", v.max(-99.0), 1),
            Msg::new("fb-report-level-name"),
        )),
    }
    let works = st.line_works();
    if r.pass != works {
        bad.push((
            Msg::new(if works {
                "fb-report-said-fail"
            } else {
                "fb-report-said-pass"
            }),
            Msg::new("fb-report-verdict-name"),
        ));
    }
    share(4, bad, Msg::new("fb-report-ok"))
}
