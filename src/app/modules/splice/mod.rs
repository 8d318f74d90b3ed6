//! The splicing view: which cable is in hand and its preparation tools (the preparation
//! view's, on that cable) on the right, the fusion splicer's monitor drawn by Bevy
//! (`monitor`), and under it the splicer's controls (settings, holders, SET, cover,
//! sleeve, oven, tray), or the mechanical element's.

mod monitor;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use super::prep::{PrepForm, tools};
use crate::app::theme;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, TOP_HEIGHT, View, from_top, note_control, number, sender, side_panel,
    task_bar, what_happened,
};
use crate::exercise::splice::{Side, Sleeve, SpliceState};
use crate::exercise::{Action, ModuleState, SpliceAction};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::splice::{Alignment, Programme, SplicerSettings};
use crate::scenario::Mode;

/// The splicer's settings as being edited, and the loop for the tray.
#[derive(Resource)]
pub(super) struct SpliceForm {
    /// Taken from the splicer on first show.
    splicer: Option<SplicerSettings>,
    loop_mm: f64,
}

impl Default for SpliceForm {
    fn default() -> Self {
        SpliceForm {
            splicer: None,
            loop_mm: 40.0,
        }
    }
}

pub fn plugin(app: &mut App) {
    super::reset_on_entry::<SpliceForm>(app);
    app.add_systems(
        EguiPrimaryContextPass,
        ui.run_if(in_state(ModuleView::Splice)),
    )
    .add_plugins(monitor::plugin);
}

fn ui(mut view: View, mut prep_form: ResMut<PrepForm>, mut form: ResMut<SpliceForm>) -> Result {
    let Some(Frame {
        ctx,
        mut root,
        lang,
        live,
        notice,
        cmds,
    }) = view.frame()?
    else {
        return Ok(());
    };
    let ex = &live.session.exercise;
    // This view is shown for a splicing bench only (`modules::view_of`).
    let Some(sp) = ex.state.splicing() else {
        return Ok(());
    };
    let st = &sp.benches[sp.active.index()];
    let job = matches!(ex.state, ModuleState::Job(_));
    let practice = ex.scenario.mode == Mode::Practice;
    task_bar(&mut root, lang, live, Some(st), cmds);
    let mut act = sender(cmds);
    side_panel(&mut root, "tools", PANEL_WIDTH, live, |ui| {
        side_picker(ui, lang, sp, &mut act);
        tools(ui, lang, practice, ex.seed, st, &mut prep_form, &mut act);
        if job {
            super::job::next_stage_button(ui, lang, &mut act);
        }
        ui.separator();
        ui.label(egui::RichText::new(tr(lang, "app-what-happened")).strong());
        what_happened(ui, lang, live, notice, 14);
    });
    // Below the splicer's monitor (drawn by Bevy, `monitor`).
    let vr = ctx.viewport_rect();
    let rect = egui::Rect::from_min_max(
        egui::pos2(
            vr.left() + 10.0,
            vr.top() + TOP_HEIGHT + monitor::MONITOR_HEIGHT + 20.0,
        ),
        egui::pos2(vr.right() - PANEL_WIDTH - 20.0, vr.bottom() - 4.0),
    );
    let mut ui = root.new_child(egui::UiBuilder::new().max_rect(rect));
    ui.set_clip_rect(rect);
    from_top("splicer", live).show(&mut ui, |ui| {
        splicer_panel(ui, lang, sp, &mut form, &mut act)
    });
    Ok(())
}

fn side_picker(ui: &mut egui::Ui, lang: Lang, st: &SpliceState, act: &mut impl FnMut(Action)) {
    ui.label(egui::RichText::new(tr(lang, "app-splice-cable")).strong());
    ui.horizontal_wrapped(|ui| {
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
    ui.horizontal_wrapped(|ui| {
        for (side, title) in Side::BOTH.into_iter().zip(titles) {
            let i = side.index();
            let what = match &st.splicer.holders[i] {
                Some(l) => l.fibre.describe(st.benches[i].colour_code).render(lang),
                None => tr(lang, "app-holder-empty"),
            };
            ui.vertical(|ui| {
                ui.label(egui::RichText::new(title).strong());
                ui.label(what);
                ui.horizontal_wrapped(|ui| {
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
    form: &mut SpliceForm,
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
    ui.horizontal_wrapped(|ui| {
        let close = ui.button(
            egui::RichText::new(t("act-close-element"))
                .size(18.0)
                .strong(),
        );
        note_control(ui, "close-element", close.rect);
        if close.clicked() {
            act(Action::Splice(SpliceAction::CloseElement));
        }
        if ui.button(t("app-do-cut-out")).clicked() {
            act(Action::Splice(SpliceAction::BreakSplice));
        }
    });
    ui.separator();
    tray_and_list(ui, lang, st, form, act);
}

fn splicer_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    form: &mut SpliceForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let sp = &st.splicer;
    if sp.mechanical.is_some() {
        element_panel(ui, lang, st, form, act);
        return;
    }
    // Holders and the SET cycle.
    let titles =
        Side::BOTH.map(|side| Msg::new("app-holder").msg("side", side.name()).render(lang));
    holders(ui, lang, st, titles, ["app-load", "app-unload"], act);
    ui.horizontal_wrapped(|ui| {
        let set = ui.button(egui::RichText::new(t("act-press-set")).size(18.0).strong());
        note_control(ui, "set", set.rect);
        if set.clicked() {
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
    ui.horizontal_wrapped(|ui| {
        if ui.button(t("act-centre-sleeve")).clicked() {
            act(Action::Splice(SpliceAction::CentreSleeve));
        }
        let oven = ui.button(t("act-oven-in"));
        note_control(ui, "oven", oven.rect);
        if oven.clicked() {
            act(Action::Splice(SpliceAction::OvenIn));
        }
        if ui.button(t("act-oven-out")).clicked() {
            act(Action::Splice(SpliceAction::OvenOut));
        }
    });
    tray_and_list(ui, lang, st, form, act);
    ui.separator();
    // Settings, editable while the cover is open and the holders free of a splice.
    // Below the gestures, folded on a small screen: SET, the oven and the tray stay in
    // view at 1024 × 768.
    let settings = form.splicer.get_or_insert_with(|| sp.settings.clone());
    let tall = ui.ctx().viewport_rect().height() >= 900.0;
    egui::CollapsingHeader::new(t("app-splicer-settings"))
        .id_salt("splicer_settings_fold")
        .default_open(tall)
        .show(ui, |ui| {
            egui::Grid::new("splicer-settings")
                .num_columns(2)
                .show(ui, |ui| {
                    ui.label(t("app-splicer-programme"));
                    egui::ComboBox::from_id_salt("programme")
                        .selected_text(settings.programme.name().render(lang))
                        .show_ui(ui, |ui| {
                            for p in Programme::ALL {
                                ui.selectable_value(
                                    &mut settings.programme,
                                    p,
                                    p.name().render(lang),
                                );
                            }
                        });
                    ui.end_row();
                    ui.label(t("app-splicer-alignment"));
                    ui.horizontal_wrapped(|ui| {
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
                        number(&mut settings.cleave_limit_deg, lang)
                            .range(limits::CLEAVE_LIMIT_DEG.range())
                            .speed(0.1)
                            .suffix(limits::CLEAVE_LIMIT_DEG.unit.symbol()),
                    );
                    ui.end_row();
                    ui.label(t("app-splicer-arc"));
                    ui.horizontal_wrapped(|ui| {
                        ui.add(
                            number(&mut settings.arc_power_pct, lang)
                                .range(limits::ARC_POWER_PCT.range())
                                .suffix(limits::ARC_POWER_PCT.unit.symbol()),
                        );
                        ui.add(
                            number(&mut settings.arc_time_ms, lang)
                                .range(limits::ARC_TIME_MS.range())
                                .speed(10.0)
                                .suffix(limits::ARC_TIME_MS.unit.symbol()),
                        );
                    });
                    ui.end_row();
                    ui.label(t("app-splicer-prefuse"));
                    ui.add(
                        number(&mut settings.prefuse_ms, lang)
                            .range(limits::PREFUSE_MS.range())
                            .speed(10.0)
                            .suffix(limits::PREFUSE_MS.unit.symbol()),
                    );
                    ui.end_row();
                    ui.label(t("app-splicer-pause"));
                    ui.checkbox(
                        &mut settings.pause_before_arc,
                        t("app-splicer-pause-before-arc"),
                    );
                    ui.end_row();
                    ui.label(t("app-splicer-gap-overlap"));
                    ui.horizontal_wrapped(|ui| {
                        ui.add(
                            number(&mut settings.gap_um, lang)
                                .range(limits::GAP_UM.range())
                                .suffix(limits::GAP_UM.unit.symbol()),
                        );
                        ui.add(
                            number(&mut settings.overlap_um, lang)
                                .range(limits::OVERLAP_UM.range())
                                .suffix(limits::OVERLAP_UM.unit.symbol()),
                        );
                    });
                    ui.end_row();
                });
            if *settings != sp.settings && ui.button(t("act-set-splicer")).clicked() {
                act(Action::Splice(SpliceAction::SetSplicer(settings.clone())));
            }
        });
}

/// The tray's loop and the list of splices made.
fn tray_and_list(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    form: &mut SpliceForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let sp = &st.splicer;
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-loop"));
        ui.add(
            number(&mut form.loop_mm, lang)
                .range(limits::TRAY_LOOP_MM.range())
                .suffix(limits::TRAY_LOOP_MM.unit.symbol()),
        );
        let tray = ui.button(t("act-store-in-tray"));
        note_control(ui, "tray", tray.rect);
        if tray.clicked() {
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
