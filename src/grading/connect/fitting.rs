//! Grading of a field connector's fitting: crimped, and its joint under the limit, a
//! joint over it named by its cause.

use crate::exercise::connect::Fitting;
use crate::grading::{not_reached, share};
use crate::i18n::Msg;

/// Each field connector crimped with its joint under the limit at 1550 nm; a joint over
/// it named by its cause (the cleave off the gauge, no bow, a dirty end).
pub fn fitted(st: &Fitting, max: f64) -> (f64, Msg) {
    if st.works.iter().all(|w| w.steps.is_empty()) {
        return not_reached("what-fitting");
    }
    let mut bad = Vec::new();
    for (t, w) in st.tasks.iter().zip(&st.works) {
        let (id, gauge) = (&t.connector, &t.gauge_mm);
        let name = Msg::new("fb-connector-name").text("id", id.clone());
        let Some(j) = &w.joint else {
            bad.push((
                Msg::new("fb-field-not-crimped").text("id", id.clone()),
                name,
            ));
            continue;
        };
        let loss = j.loss_db(1550.0);
        if loss <= max {
            continue;
        }
        let off = w.cleave_mm.map_or(0.0, |c| c - gauge);
        let why = if off.abs() > 0.5 {
            Msg::new("fb-field-gauge")
                .num("mm", w.cleave_mm.unwrap_or(0.0), 1)
                .num("gauge", *gauge, 1)
        } else if w.bowed == Some(false) {
            Msg::new("fb-field-no-bow")
        } else if w.end.as_ref().is_some_and(|e| e.dirty) {
            Msg::new("fb-field-dirty")
        } else {
            Msg::new("fb-field-loss-other")
        };
        bad.push((
            Msg::new("fb-field-over")
                .text("id", id.clone())
                .num("db", loss, 2)
                .num("max", max, 2)
                .msg("why", why),
            name,
        ));
    }
    share(st.tasks.len(), bad, Msg::new("fb-field-ok"))
}
