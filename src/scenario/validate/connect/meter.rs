//! Validation of the meter's tasks: a budget within its limits, a measurement with the
//! cords its method needs, wavelengths the source has, and a limit to judge by.

use super::super::{Problems, limit};
use super::wavelength;
use crate::i18n::Msg;
use crate::limits::{ATTENUATION_DB_PER_KM, BUDGET_DB, CONNECTION_LOSS_DB, EVENT_LOSS_DB};
use crate::physics::olts::RefMethod;
use crate::scenario::connect::{BudgetTask, ConnectSetup, ConnectTask, MeasureTask};

pub(super) fn budget(p: &mut Problems, b: &str, t: &BudgetTask) {
    for (k, (nm, a)) in t.attenuation_db_per_km.iter().enumerate() {
        wavelength(p, &format!("{b}.attenuation_db_per_km[{k}]"), *nm);
        limit(
            p,
            &format!("{b}.attenuation_db_per_km[{k}]"),
            *a,
            &ATTENUATION_DB_PER_KM,
            "why-link",
        );
    }
    limit(
        p,
        &format!("{b}.splice_db"),
        t.splice_db,
        &EVENT_LOSS_DB,
        "why-link",
    );
    limit(
        p,
        &format!("{b}.connector_db"),
        t.connector_db,
        &CONNECTION_LOSS_DB,
        "why-connection",
    );
    limit(
        p,
        &format!("{b}.margin_db"),
        t.margin_db,
        &BUDGET_DB,
        "why-link",
    );
}

pub(super) fn measure(p: &mut Problems, b: &str, t: &MeasureTask, s: &ConnectSetup) {
    let need = match t.method {
        RefMethod::OneCord | RefMethod::TwoCord => 2,
        RefMethod::ThreeCord => 3,
    };
    if s.cords.len() < need {
        p.push((
            format!("{b}.method"),
            Msg::new("val-connect-cords")
                .int("need", need as u32)
                .int("found", s.cords.len() as u32),
        ));
    }
    if t.wavelengths_nm.is_empty() {
        p.push((
            format!("{b}.wavelengths_nm"),
            Msg::new("val-connect-no-wavelength"),
        ));
    }
    for (k, nm) in t.wavelengths_nm.iter().enumerate() {
        if ![1310.0, 1550.0].contains(nm) {
            p.push((
                format!("{b}.wavelengths_nm[{k}]"),
                Msg::new("val-connect-wavelength").num("found", *nm, 0),
            ));
        }
    }
    match t.max_loss_db {
        Some(m) => limit(p, &format!("{b}.max_loss_db"), m, &BUDGET_DB, "why-link"),
        None => {
            let budget = s.tasks.iter().any(|t| matches!(t, ConnectTask::Budget(_)));
            if !budget {
                p.push((format!("{b}.max_loss_db"), Msg::new("val-connect-no-limit")));
            }
        }
    }
}
