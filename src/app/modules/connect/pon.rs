//! The PON power meter at the outlet: each level read, and judged against its window.

use bevy::prelude::*;
use bevy_egui::egui;

use super::{button, heading};
use crate::exercise::Action;
use crate::exercise::connect::{ConnectState, PonAction};
use crate::i18n::{Lang, Msg, tr};

/// The PON power meter at the outlet.
pub(super) fn pon_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-pon"));
    let Some(pon) = &st.pon else {
        return;
    };
    for l in &pon.task.levels {
        let nm = l.wavelength_nm;
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{nm} nm"));
            if button(ui, &format!("pon-read-{nm}"), t("app-connect-read")) {
                act(Action::from(PonAction::ReadPon { wavelength_nm: nm }));
            }
            if let Some((_, v)) = pon.read.iter().find(|p| (p.0 - nm).abs() < 0.5) {
                let shown = if v.is_finite() {
                    format!("{} dBm", lang.num(*v, 1))
                } else {
                    "LO".into()
                };
                ui.label(egui::RichText::new(shown).monospace().strong());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(
                Msg::new("app-connect-window")
                    .num("lo", l.min_dbm, 0)
                    .num("hi", l.max_dbm, 0)
                    .render(lang),
            );
            if button(ui, &format!("pon-ok-{nm}"), t("app-connect-in-window")) {
                act(Action::from(PonAction::JudgePon {
                    wavelength_nm: nm,
                    ok: true,
                }));
            }
            if button(ui, &format!("pon-bad-{nm}"), t("app-connect-out-window")) {
                act(Action::from(PonAction::JudgePon {
                    wavelength_nm: nm,
                    ok: false,
                }));
            }
        });
    }
}
