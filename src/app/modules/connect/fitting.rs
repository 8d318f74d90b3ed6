//! Fitting a field connector: its steps in the order of the maker's sheet.

use bevy_egui::egui;

use super::{ConnectForm, button, heading};
use crate::app::widgets::limited;
use crate::exercise::Action;
use crate::exercise::connect::{ConnectState, FittingAction};
use crate::i18n::{Lang, tr};
use crate::limits;

/// Fitting a field connector: its steps in the order of the maker's sheet.
pub(super) fn field_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    use crate::exercise::connect::FieldStep;
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-field"));
    for id in st.fitting.tasks.iter().map(|t| t.connector.clone()) {
        let mut step = |s: FieldStep| {
            act(Action::from(FittingAction::FieldStep {
                connector: id.clone(),
                step: s,
            }))
        };
        ui.label(id.clone());
        ui.horizontal_wrapped(|ui| {
            if button(ui, "field-strip", t("app-connect-field-strip")) {
                step(FieldStep::Strip);
            }
            if button(ui, "field-clean", t("app-connect-field-clean")) {
                step(FieldStep::Clean);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.add(
                limited(&mut form.cleave_mm, lang, &limits::CLEAVE_LENGTH_MM)
                    .speed(0.1)
                    .fixed_decimals(1),
            );
            if button(ui, "field-cleave", t("app-connect-field-cleave")) {
                step(FieldStep::Cleave {
                    length_mm: form.cleave_mm,
                });
            }
        });
        ui.horizontal_wrapped(|ui| {
            if button(ui, "field-insert", t("app-connect-field-insert-bow")) {
                step(FieldStep::Insert { bowed: true });
            }
            if button(ui, "field-insert-no-bow", t("app-connect-field-insert")) {
                step(FieldStep::Insert { bowed: false });
            }
        });
        ui.horizontal_wrapped(|ui| {
            if button(ui, "field-crimp", t("app-connect-field-crimp")) {
                step(FieldStep::Crimp);
            }
            if button(ui, "field-cut", t("app-connect-field-cut")) {
                step(FieldStep::CutOff);
            }
        });
    }
}
