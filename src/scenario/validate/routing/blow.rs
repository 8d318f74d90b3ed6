//! Validation of blowing: a duct, cables that fit it, a route and a compressor within
//! their limits.

use super::super::{Problems, limit};
use crate::i18n::Msg;
use crate::limits::{BENDS_DEG, BLOW_LENGTH_M, CABLE_DIAMETER_MM, DUCT_ID_MM, PRESSURE_BAR};
use crate::scenario::routing::BlowTask;

pub(super) fn validate(p: &mut Problems, b: &str, t: &BlowTask) {
    limit(
        p,
        &format!("{b}.duct_id_mm"),
        t.duct_id_mm,
        &DUCT_ID_MM,
        "why-duct",
    );
    if t.cables_mm.is_empty() {
        p.push((format!("{b}.cables_mm"), Msg::new("val-route-no-cable")));
    }
    for (k, d) in t.cables_mm.iter().enumerate() {
        limit(
            p,
            &format!("{b}.cables_mm[{k}]"),
            *d,
            &CABLE_DIAMETER_MM,
            "why-route-cable",
        );
        if *d >= t.duct_id_mm {
            p.push((
                format!("{b}.cables_mm[{k}]"),
                Msg::new("val-route-duct-thin")
                    .num("id", t.duct_id_mm, 1)
                    .num("od", *d, 1),
            ));
        }
    }
    limit(
        p,
        &format!("{b}.length_m"),
        t.length_m,
        &BLOW_LENGTH_M,
        "why-duct",
    );
    limit(
        p,
        &format!("{b}.bends_deg"),
        t.bends_deg,
        &BENDS_DEG,
        "why-duct",
    );
    limit(
        p,
        &format!("{b}.max_pressure_bar"),
        t.max_pressure_bar,
        &PRESSURE_BAR,
        "why-duct",
    );
}
