//! `sor-info`: what a Telcordia .sor file holds, as the trainee's instrument would show it.

use std::path::Path;
use std::process::ExitCode;

use serde_json::Value;

use crate::i18n::{Lang, Msg};
use crate::scenario::load::{MAX_TRACE_FILE_BYTES, read_regular_file};

use super::*;

/// One-way time in 100 ps units to distance in metres, for a group index.
pub(super) fn time_to_m(t: f64, ior: f64) -> f64 {
    if ior > 0.0 {
        t * 1e-10 * crate::sor::C_M_PER_S / ior
    } else {
        0.0
    }
}

/// A text field of a trace file, or a dash when the instrument left it empty.
pub(super) fn field(s: &str) -> String {
    let t = s.trim();
    if t.is_empty() {
        "—".into()
    } else {
        t.to_string()
    }
}

pub(super) fn sor_info(lang: Lang, path: &Path, json: bool) -> ExitCode {
    let bytes = match read_regular_file(path, MAX_TRACE_FILE_BYTES) {
        Ok(b) => b,
        Err(m) => {
            eprint_msg(lang, m);
            return ExitCode::FAILURE;
        }
    };
    let file = match crate::sor::read(&bytes) {
        Ok(f) => f,
        Err(e) => {
            outln!("{}: {}", path.display(), e.msg().render(lang));
            return ExitCode::FAILURE;
        }
    };
    if json {
        let v = serde_json::to_value(&file).unwrap_or(Value::Null);
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return ExitCode::SUCCESS;
    }
    let ior = file.fxd.as_ref().map(|f| f.group_index()).unwrap_or(0.0);
    if let Some(f) = &file.fxd {
        let sup = file.sup.clone().unwrap_or_default();
        let points: u32 = f.points_per_pulse.first().copied().unwrap_or(0);
        outln!(
            "{}",
            Msg::new("sor-summary")
                .text(
                    "instrument",
                    field(&format!(
                        "{} {}",
                        sup.supplier.trim(),
                        sup.mainframe_id.trim()
                    ))
                )
                .num("wavelength", f.wavelength_nm(), 1)
                .int(
                    "pulse",
                    f.pulse_widths_ns.first().copied().unwrap_or(0) as i64
                )
                .num("ior", ior, 5)
                .num("bc", f.backscatter_db(), 1)
                .int("points", points as i64)
                .num("resolution", f.resolution_m().unwrap_or(0.0), 3)
                .num("range", time_to_m(f.acquisition_range as f64, ior), 0)
                .render(lang)
        );
    }
    if let Some(g) = &file.general {
        outln!(
            "{}",
            Msg::new("sor-ids")
                .text("cable", field(&g.cable_id))
                .text("fibre", field(&g.fibre_id))
                .text("a", field(&g.location_a))
                .text("b", field(&g.location_b))
                .text("operator", field(&g.operator))
                .render(lang)
        );
    }
    if let Some(k) = &file.events {
        outln!("{}", crate::i18n::tr(lang, "sor-events-title"));
        outln!(
            "  {:>3}  {:>12}  {:<16} {:>10}  {:>16}",
            crate::i18n::tr(lang, "sor-col-event"),
            crate::i18n::tr(lang, "sor-col-distance"),
            crate::i18n::tr(lang, "sor-col-type"),
            crate::i18n::tr(lang, "sor-col-loss"),
            crate::i18n::tr(lang, "sor-col-reflectance"),
        );
        for e in &k.events {
            let kind = if e.is_end() {
                "sor-type-end"
            } else if e.is_reflective() {
                "sor-type-reflective"
            } else {
                "sor-type-non-reflective"
            };
            let refl = if e.reflectance != 0 {
                lang.num(e.reflectance_db(), 2)
            } else {
                "-".into()
            };
            outln!(
                "  {:>3}  {:>12}  {:<16} {:>10}  {:>16}",
                e.number,
                lang.num(time_to_m(e.time as f64, ior), 1),
                crate::i18n::tr(lang, kind),
                lang.num(e.loss_db(), 3),
                refl
            );
        }
        outln!(
            "{}",
            Msg::new("sor-totals")
                .num("e2e", k.end_to_end_loss as f64 / 1000.0, 3)
                .num("orl", k.orl as f64 / 1000.0, 2)
                .render(lang)
        );
    }
    let cks = match &file.checksum {
        None => Msg::new("sor-no-checksum"),
        Some(c) => {
            let value = format!("0x{:04X}", c.stored);
            match crate::sor::verify_checksum(&bytes, &file) {
                Some(conv) => {
                    let key = match conv {
                        crate::sor::ChecksumConvention::CcittAllBefore => "sor-convention-ccitt",
                        crate::sor::ChecksumConvention::XmodemAllBefore => "sor-convention-xmodem",
                        crate::sor::ChecksumConvention::CcittBeforeBlock => "sor-convention-block",
                    };
                    Msg::new("sor-checksum-ok")
                        .text("value", value)
                        .msg("convention", Msg::new(key))
                }
                None => Msg::new("sor-checksum-unknown").text("value", value),
            }
        }
    };
    outln!("{}", cks.render(lang));
    if !file.skipped.is_empty() {
        outln!(
            "{}",
            Msg::new("sor-skipped")
                .text("names", file.skipped.join(", "))
                .render(lang)
        );
    }
    ExitCode::SUCCESS
}
