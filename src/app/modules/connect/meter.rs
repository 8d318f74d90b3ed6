//! The light source and the power meter, drawn as the instrument's display and keys; the
//! budget first, as the work goes.

use bevy::prelude::*;
use bevy_egui::egui;

use super::{ConnectForm, button, heading};
use crate::app::widgets::{limited, note_control};
use crate::exercise::Action;
use crate::exercise::connect::{ConnectState, CordRole, MeterAction, method_name, role_name};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::olts::RefMethod;

/// The light source and the power meter, drawn as the instrument's display and keys;
/// the budget first, as the work goes.
pub(super) fn meter_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-olts"));
    let wls: Vec<f64> = st
        .link
        .wavelengths
        .iter()
        .copied()
        .filter(|w| *w == 1310.0 || *w == 1550.0)
        .collect();
    if st.meter.budget_at(&st.link, 1310.0).is_some()
        || st.meter.budget_at(&st.link, 1550.0).is_some()
    {
        ui.horizontal_wrapped(|ui| {
            ui.label(t("app-connect-budget"));
            egui::ComboBox::from_id_salt("budget_nm")
                .selected_text(format!("{} nm", form.budget_nm))
                .width(80.0)
                .show_ui(ui, |ui| {
                    for w in &wls {
                        ui.selectable_value(&mut form.budget_nm, *w, format!("{w} nm"));
                    }
                });
            ui.add(
                limited(&mut form.budget_db, lang, &limits::BUDGET_DB)
                    .speed(0.01)
                    .fixed_decimals(2),
            );
            if button(ui, "budget", t("app-connect-write")) {
                act(Action::from(MeterAction::EnterBudget {
                    wavelength_nm: form.budget_nm,
                    budget_db: form.budget_db,
                }));
            }
        });
        if !st.meter.budgets.is_empty() {
            let written: Vec<String> = st
                .meter
                .budgets
                .iter()
                .map(|(nm, db)| format!("{nm} nm : {} dB", lang.num(*db, 2)))
                .collect();
            ui.label(written.join(" · "));
        }
    }
    // The display, as on the instrument: the meter's wavelength, its reference and the
    // last result.
    let reference = st.meter.reference_now().map(|r| &st.meter.references[r]);
    // Only a reading taken at the wavelengths set now: switching them shows none until
    // the link is measured there.
    let last = st.meter.reading_shown();
    let display = egui::Frame::new()
        .fill(egui::Color32::from_rgb(24, 36, 30))
        .inner_margin(6.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            let green = egui::Color32::from_rgb(150, 240, 170);
            let big = |s: String| egui::RichText::new(s).monospace().size(22.0).color(green);
            let small = |s: String| egui::RichText::new(s).monospace().size(12.0).color(green);
            ui.horizontal(|ui| {
                let shown = match last {
                    Some(r) => match r.loss_db {
                        Some(v) => format!("{} dB", lang.num(v, 2)),
                        None => "LO".into(),
                    },
                    None => "-- dB".into(),
                };
                ui.label(big(shown));
                ui.vertical(|ui| {
                    ui.label(small(format!(
                        "SRC {} nm  PM {} nm",
                        st.meter.source_nm, st.meter.meter_nm
                    )));
                    ui.label(small(match reference {
                        Some(r) => Msg::new("app-connect-ref-shown")
                            .num("dbm", r.dbm, 2)
                            .msg("method", method_name(r.method))
                            .render(lang),
                        None => t("app-connect-no-ref"),
                    }));
                });
            });
        });
    note_control(ui, "meter-display", display.response.rect);
    let row = |ui: &mut egui::Ui, label: String, now: f64, act: &mut dyn FnMut(f64)| {
        ui.horizontal_wrapped(|ui| {
            ui.label(label);
            for w in &wls {
                if ui.selectable_label(now == *w, format!("{w}")).clicked() {
                    act(*w);
                }
            }
        });
    };
    row(ui, t("app-connect-source"), st.meter.source_nm, &mut |w| {
        act(Action::from(MeterAction::SetSource { wavelength_nm: w }))
    });
    row(ui, t("app-connect-meter"), st.meter.meter_nm, &mut |w| {
        act(Action::from(MeterAction::SetMeter { wavelength_nm: w }))
    });
    if !st.link.setup.cords.is_empty() {
        egui::Grid::new("cords").num_columns(2).show(ui, |ui| {
            let roles = [
                (CordRole::Launch, &st.link.launch),
                (CordRole::Receive, &st.link.receive),
                (CordRole::Substitution, &st.link.substitution),
            ];
            // A substitution cord only where the kit has a third.
            let n = if st.link.setup.cords.len() >= 3 { 3 } else { 2 };
            for (role, now) in roles.into_iter().take(n) {
                let mut pick = now.clone().unwrap_or_default();
                ui.label(role_name(role).render(lang));
                egui::ComboBox::from_id_salt(format!("cord-{role:?}"))
                    .selected_text(pick.clone())
                    .width(70.0)
                    .show_ui(ui, |ui| {
                        for c in &st.link.setup.cords {
                            ui.selectable_value(&mut pick, c.id.clone(), c.id.as_str());
                        }
                    });
                if Some(&pick) != now.as_ref() && !pick.is_empty() {
                    act(Action::from(MeterAction::UseCord { role, cord: pick }));
                }
                ui.end_row();
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-connect-set-ref"));
        for (m, name, key) in [
            (RefMethod::OneCord, "ref-1", "app-connect-ref-1"),
            (RefMethod::TwoCord, "ref-2", "app-connect-ref-2"),
            (RefMethod::ThreeCord, "ref-3", "app-connect-ref-3"),
        ] {
            if button(ui, name, t(key)) {
                act(Action::from(MeterAction::SetReference { method: m }));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let r = ui.button(egui::RichText::new(t("app-connect-measure")).strong());
        note_control(ui, "measure", r.rect);
        if r.clicked() {
            act(Action::from(MeterAction::MeasureLoss));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-connect-verdict"));
        if button(ui, "verdict-pass", t("app-connect-verdict-pass")) {
            act(Action::from(MeterAction::LinkVerdict { pass: true }));
        }
        if button(ui, "verdict-fail", t("app-connect-verdict-fail")) {
            act(Action::from(MeterAction::LinkVerdict { pass: false }));
        }
    });
    // The results the meter stored, latest first.
    for r in st.meter.results.iter().rev().take(3) {
        let loss = match r.loss_db {
            Some(v) => format!("{} dB", lang.num(v, 2)),
            None => "LO".into(),
        };
        ui.label(
            egui::RichText::new(format!(
                "{} / {} nm : {loss} ({})",
                r.source_nm,
                r.meter_nm,
                method_name(st.meter.references[r.reference].method).render(lang)
            ))
            .monospace()
            .size(12.0),
        );
    }
}
