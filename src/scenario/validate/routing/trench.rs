//! Validation of the trench: zones to dig and a duct within its limits.

use super::super::{Problems, limit};
use crate::i18n::Msg;
use crate::limits::DUCT_ID_MM;
use crate::scenario::routing::TrenchTask;

pub(super) fn validate(p: &mut Problems, b: &str, t: &TrenchTask) {
    if t.zones.is_empty() {
        p.push((format!("{b}.zones"), Msg::new("val-route-no-zone")));
    }
    limit(
        p,
        &format!("{b}.duct_od_mm"),
        t.duct_od_mm,
        &DUCT_ID_MM,
        "why-duct",
    );
}
