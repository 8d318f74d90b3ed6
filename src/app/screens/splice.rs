//! The splicing station's egui part: which cable is in hand, and the fusion splicer's
//! controls (settings, holders, SET, cover, sleeve, oven, tray) under its monitor, which
//! Bevy draws (`app::splicer_view`). The bench gestures are the preparation screen's tools, applied to the cable in
//! hand.

use bevy_egui::egui;

use super::exercise::Form;
use crate::app::theme;
use crate::exercise::splice::{Side, Sleeve, SpliceState};
use crate::exercise::{Action, SpliceAction};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::splice::{Alignment, Programme};

pub(super) fn side_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    act: &mut impl FnMut(Action),
) {
    ui.label(egui::RichText::new(tr(lang, "app-splice-cable")).strong());
    ui.horizontal(|ui| {
        for side in Side::BOTH {
            let text = Msg::new("app-splice-side")
                .msg("side", side.name())
                .render(lang);
            if ui.selectable_label(st.active == side, text).clicked() && st.active != side {
                act(Action::Splice(SpliceAction::WorkOn { side }));
            }
        }
    });
    ui.separator();
}

/// The two places a fibre goes (the splicer's holders, the element's entries): what each
/// holds, and the buttons to put the fibre in hand there or take it out.
fn holders(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    titles: [String; 2],
    [load, unload]: [&str; 2],
    act: &mut impl FnMut(Action),
) {
    ui.horizontal(|ui| {
        for (side, title) in Side::BOTH.into_iter().zip(titles) {
            let i = side.index();
            let what = match &st.splicer.holders[i] {
                Some(l) => l.fibre.describe(st.benches[i].colour_code).render(lang),
                None => tr(lang, "app-holder-empty"),
            };
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(title).strong());
                ui.label(what);
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, load)).clicked() {
                        act(Action::Splice(SpliceAction::LoadFibre { side }));
                    }
                    if ui.button(tr(lang, unload)).clicked() {
                        act(Action::Splice(SpliceAction::UnloadFibre { side }));
                    }
                });
            });
            ui.add_space(20.0);
        }
    });
}

/// The mechanical splice element's controls: its two entries, close, cut out, store.
fn element_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    form: &mut Form,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let titles = [t("app-element-entry-left"), t("app-element-entry-right")];
    holders(
        ui,
        lang,
        st,
        titles,
        ["app-do-insert", "app-do-withdraw"],
        act,
    );
    ui.horizontal(|ui| {
        if ui
            .button(
                egui::RichText::new(t("act-close-element"))
                    .size(18.0)
                    .strong(),
            )
            .clicked()
        {
            act(Action::Splice(SpliceAction::CloseElement));
        }
        if ui.button(t("app-do-cut-out")).clicked() {
            act(Action::Splice(SpliceAction::BreakSplice));
        }
    });
    ui.separator();
    tray_and_list(ui, lang, st, form, act);
}

pub(super) fn splicer_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    form: &mut Form,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let sp = &st.splicer;
    if sp.mechanical.is_some() {
        element_panel(ui, lang, st, form, act);
        return;
    }
    // Settings, editable while the cover is open and the holders free of a splice.
    let settings = form.splicer.get_or_insert_with(|| sp.settings.clone());
    egui::Grid::new("splicer-settings")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label(t("app-splicer-programme"));
            egui::ComboBox::from_id_salt("programme")
                .selected_text(settings.programme.name().render(lang))
                .show_ui(ui, |ui| {
                    for p in Programme::ALL {
                        ui.selectable_value(&mut settings.programme, p, p.name().render(lang));
                    }
                });
            ui.end_row();
            ui.label(t("app-splicer-alignment"));
            ui.horizontal(|ui| {
                ui.radio_value(
                    &mut settings.alignment,
                    Alignment::Core,
                    t("app-align-core"),
                );
                ui.radio_value(
                    &mut settings.alignment,
                    Alignment::Cladding,
                    t("app-align-cladding"),
                );
            });
            ui.end_row();
            ui.label(t("app-splicer-cleave-limit"));
            ui.add(
                egui::DragValue::new(&mut settings.cleave_limit_deg)
                    .range(0.1..=5.0)
                    .speed(0.1)
                    .suffix(" °"),
            );
            ui.end_row();
            ui.label(t("app-splicer-arc"));
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut settings.arc_power_pct)
                        .range(50.0..=150.0)
                        .suffix(" %"),
                );
                ui.add(
                    egui::DragValue::new(&mut settings.arc_time_ms)
                        .range(100.0..=10_000.0)
                        .speed(10.0)
                        .suffix(" ms"),
                );
            });
            ui.end_row();
            ui.label(t("app-splicer-prefuse"));
            ui.add(
                egui::DragValue::new(&mut settings.prefuse_ms)
                    .range(0.0..=2000.0)
                    .speed(10.0)
                    .suffix(" ms"),
            );
            ui.end_row();
            ui.label(t("app-splicer-pause"));
            ui.checkbox(
                &mut settings.pause_before_arc,
                t("app-splicer-pause-before-arc"),
            );
            ui.end_row();
            ui.label(t("app-splicer-gap-overlap"));
            ui.horizontal(|ui| {
                ui.add(
                    egui::DragValue::new(&mut settings.gap_um)
                        .range(5.0..=200.0)
                        .suffix(" µm"),
                );
                ui.add(
                    egui::DragValue::new(&mut settings.overlap_um)
                        .range(0.0..=40.0)
                        .suffix(" µm"),
                );
            });
            ui.end_row();
        });
    if *settings != sp.settings && ui.button(t("act-set-splicer")).clicked() {
        act(Action::Splice(SpliceAction::SetSplicer(settings.clone())));
    }
    ui.separator();

    // Holders and the SET cycle.
    let titles =
        Side::BOTH.map(|side| Msg::new("app-holder").msg("side", side.name()).render(lang));
    holders(ui, lang, st, titles, ["app-load", "app-unload"], act);
    ui.horizontal(|ui| {
        if ui
            .button(egui::RichText::new(t("act-press-set")).size(18.0).strong())
            .clicked()
        {
            act(Action::Splice(SpliceAction::PressSet));
        }
        if ui.button(t("act-open-cover")).clicked() {
            act(Action::Splice(SpliceAction::OpenCover));
        }
        if ui.button(t("act-break-splice")).clicked() {
            act(Action::Splice(SpliceAction::BreakSplice));
        }
    });
    ui.separator();

    // Sleeve, oven, tray for the splice out of the splicer.
    ui.horizontal(|ui| {
        if ui.button(t("act-centre-sleeve")).clicked() {
            act(Action::Splice(SpliceAction::CentreSleeve));
        }
        if ui.button(t("act-oven-in")).clicked() {
            act(Action::Splice(SpliceAction::OvenIn));
        }
        if ui.button(t("act-oven-out")).clicked() {
            act(Action::Splice(SpliceAction::OvenOut));
        }
    });
    tray_and_list(ui, lang, st, form, act);
}

/// The tray's loop and the list of splices made.
fn tray_and_list(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    form: &mut Form,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let sp = &st.splicer;
    ui.horizontal(|ui| {
        ui.label(t("app-loop"));
        ui.add(
            egui::DragValue::new(&mut form.loop_mm)
                .range(10.0..=300.0)
                .suffix(" mm"),
        );
        if ui.button(t("act-store-in-tray")).clicked() {
            act(Action::Splice(SpliceAction::StoreInTray {
                loop_diameter_mm: form.loop_mm,
            }));
        }
    });
    if !sp.records.is_empty() {
        ui.add_space(6.0);
        ui.label(egui::RichText::new(t("app-splices")).strong());
        egui::Grid::new("splices").striped(true).show(ui, |ui| {
            for (k, r) in sp.records.iter().enumerate() {
                ui.label(format!("{}", k + 1));
                ui.label(r.fibres[0].describe(st.benches[0].colour_code).render(lang));
                // A mechanical element has no estimate to show.
                ui.label(match r.fusion() {
                    Some(f) => format!("{} dB", lang.num(f.estimate_db, 2)),
                    None => "—".to_string(),
                });
                let state = if r.broken {
                    t("app-splice-broken")
                } else if r.fusion().is_none() {
                    match r.tray_loop_mm {
                        Some(d) => Msg::new("app-in-tray").num("mm", d, 0).render(lang),
                        None => t("app-element-closed"),
                    }
                } else {
                    match r.sleeve {
                        Sleeve::Missing => t("app-sleeve-missing"),
                        Sleeve::Waiting => t("app-sleeve-waiting"),
                        Sleeve::Centred => t("app-sleeve-centred"),
                        Sleeve::Heating { .. } => t("app-sleeve-heating"),
                        Sleeve::Done { .. } => match r.tray_loop_mm {
                            Some(d) => Msg::new("app-in-tray").num("mm", d, 0).render(lang),
                            None => t("app-sleeve-done"),
                        },
                    }
                };
                let colour = if r.broken {
                    theme::BAD
                } else {
                    egui::Color32::from_gray(40)
                };
                ui.colored_label(colour, state);
                ui.end_row();
            }
        });
    }
}
