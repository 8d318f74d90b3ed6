//! Validation of the PON meter's task: a cord to read with, wavelengths a PON carries,
//! levels and windows that hold together.

use super::super::{Problems, limit};
use super::wavelength;
use crate::i18n::Msg;
use crate::limits::POWER_DBM;
use crate::scenario::connect::{ConnectSetup, PonTask};

pub(super) fn validate(p: &mut Problems, b: &str, t: &PonTask, s: &ConnectSetup) {
    if s.cords.is_empty() {
        p.push((
            b.to_string(),
            Msg::new("val-connect-cords").int("need", 1).int("found", 0),
        ));
    }
    if t.levels.is_empty() {
        p.push((format!("{b}.levels"), Msg::new("val-connect-no-wavelength")));
    }
    for (k, l) in t.levels.iter().enumerate() {
        let lb = format!("{b}.levels[{k}]");
        wavelength(p, &format!("{lb}.wavelength_nm"), l.wavelength_nm);
        for (f, v) in [
            ("olt_dbm", l.olt_dbm),
            ("min_dbm", l.min_dbm),
            ("max_dbm", l.max_dbm),
        ] {
            limit(p, &format!("{lb}.{f}"), v, &POWER_DBM, "why-power");
        }
        if l.min_dbm >= l.max_dbm {
            p.push((
                format!("{lb}.min_dbm"),
                Msg::new("val-range-reversed")
                    .num("min", l.min_dbm, 0)
                    .num("max", l.max_dbm, 0),
            ));
        }
    }
}
