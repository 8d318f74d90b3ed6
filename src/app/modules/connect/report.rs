//! The intervention report, as the operator's form has it.

use bevy::prelude::*;
use bevy_egui::egui;

use super::{ConnectForm, button, heading};
use crate::app::widgets::{limited, note_control};
use crate::exercise::Action;
use crate::exercise::connect::ReportAction;
use crate::i18n::{Lang, tr};
use crate::limits;

/// The intervention report, as the operator's form has it.
pub(super) fn report_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-report"));
    egui::Grid::new("report").num_columns(2).show(ui, |ui| {
        ui.label(t("app-connect-line"));
        let r = ui.add(egui::TextEdit::singleline(&mut form.line_id).desired_width(170.0));
        note_control(ui, "report-line", r.rect);
        ui.end_row();
        ui.label(t("app-connect-pbo"));
        ui.add(egui::TextEdit::singleline(&mut form.pbo).desired_width(170.0));
        ui.end_row();
        ui.label(t("app-connect-level"));
        ui.add_enabled(
            !form.no_light,
            limited(&mut form.level_dbm, lang, &limits::POWER_DBM)
                .speed(0.1)
                .fixed_decimals(1),
        );
        ui.end_row();
        // Or no light at all, where the meter shows LO.
        ui.label("");
        let r = ui
            .checkbox(&mut form.no_light, t("app-connect-no-light"))
            .on_hover_text(t("app-connect-no-light-help"));
        note_control(ui, "report-no-light", r.rect);
        ui.end_row();
    });
    ui.horizontal_wrapped(|ui| {
        for (pass, name, key) in [
            (true, "report-pass", "app-connect-report-pass"),
            (false, "report-fail", "app-connect-report-fail"),
        ] {
            if button(ui, name, t(key)) {
                act(Action::from(ReportAction::FillReport {
                    line_id: form.line_id.trim().to_string(),
                    pbo: form.pbo.trim().to_string(),
                    level_dbm: form.level_dbm,
                    pass,
                    no_light: form.no_light,
                }));
            }
        }
    });
}
