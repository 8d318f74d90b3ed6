//! Grading at the PON meter: each level read at the outlet and judged against its
//! window.

use crate::exercise::connect::Pon;
use crate::grading::{not_reached, share};
use crate::i18n::Msg;

pub fn judged(p: &Pon) -> (f64, Msg) {
    let levels = &p.task.levels;
    if p.read.is_empty() {
        return not_reached("what-pon");
    }
    let mut bad = Vec::new();
    for l in levels {
        let nm = l.wavelength_nm;
        let wl = Msg::new("fb-wavelength").num("nm", nm, 0);
        let read = p.read.iter().find(|p| (p.0 - nm).abs() < 0.5);
        let judged = p.judged.iter().find(|p| (p.0 - nm).abs() < 0.5);
        let why = match (read, judged) {
            (None, _) => Msg::new("fb-pon-unread").num("nm", nm, 0),
            (Some(_), None) => Msg::new("fb-pon-unjudged").num("nm", nm, 0),
            (Some(_), Some(&(_, said, truth))) if said == truth => continue,
            (Some(&(_, dbm)), Some(_)) => Msg::new("fb-pon-wrong")
                .num("nm", nm, 0)
                .num("dbm", dbm.max(-99.0), 1)
                .num("lo", l.min_dbm, 0)
                .num("hi", l.max_dbm, 0),
        };
        bad.push((why, wl));
    }
    share(levels.len(), bad, Msg::new("fb-pon-ok"))
}
