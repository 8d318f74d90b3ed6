//! The splicing view: which cable is in hand and its preparation tools (the preparation
//! view's, on that cable) on the right, the fusion splicer's monitor drawn by Bevy
//! (`monitor`), and under it the splicer's controls (settings, holders, SET, cover,
//! sleeve, oven, tray), or the mechanical element's.

mod ends;
mod monitor;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use super::prep::{PrepForm, tools};
use crate::app::theme;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, TOP_HEIGHT, View, from_top, hold_log, limited, note_control, sender,
    side_panel, task_bar, what_happened,
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
    .add_plugins((monitor::plugin, ends::plugin));
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
    let now_ms = live.now_ms();
    // The fusion's outcome (the estimate, a fault) is logged with the SET: it shows once
    // the monitor has played the cycle and shows the joint.
    let playing = sp.splicer.in_splicer.filter(|&i| {
        sp.splicer.records.get(i).is_some_and(|r| {
            ex.log
                .get(r.action_index)
                .and_then(|a| now_ms.checked_sub(a.at_ms))
                .is_some_and(|ms| monitor::cycle_step(ms as f32 / 1000.0).is_some())
        })
    });
    if let Some(r) = playing.and_then(|i| sp.splicer.records.get(i))
        && let Some(f) = r.fusion()
        && let Some(at) = ex.log.get(r.action_index).map(|a| a.at_ms)
    {
        let left_s = f64::from(monitor::ARC_END_S) - now_ms.saturating_sub(at) as f64 / 1000.0;
        let n = 1 + f.errors.len();
        let len = live.log.len();
        if len >= n && live.log[len - n].msg.key == "out-spliced" {
            hold_log(ctx, len - n, left_s);
        }
    }
    task_bar(&mut root, lang, live, Some(st), cmds);
    let mut act = sender(cmds);
    side_panel(&mut root, "tools", PANEL_WIDTH, live, |ui| {
        side_picker(ui, lang, sp, &mut act);
        tools(ui, lang, practice, ex.seed, st, &mut prep_form, &mut act);
        if job {
            super::job::next_stage_button(ui, lang, &ex.state, &mut act);
        }
        ui.separator();
        ui.label(egui::RichText::new(tr(lang, "app-what-happened")).strong());
        // The oven's beep at the end of its cycle, newest first like the log.
        if let Some((heated_s, cycle_s)) = oven_heating(sp, now_ms)
            && heated_s >= cycle_s
        {
            ui.colored_label(theme::OK, format!("✔ {}", tr(lang, "app-oven-cycle-over")));
        }
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
        splicer_panel(ui, lang, sp, now_ms, playing, &mut form, &mut act)
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
    tray_and_list(ui, lang, st, None, form, act);
}

/// The sleeve in the oven: how long it has heated and the oven's cycle, s.
fn oven_heating(st: &SpliceState, now_ms: u64) -> Option<(f64, f64)> {
    st.splicer.records.iter().find_map(|r| match r.sleeve {
        Sleeve::Heating { since_ms } => Some((
            now_ms.saturating_sub(since_ms) as f64 / 1000.0,
            st.splicer.oven_cycle_s,
        )),
        Sleeve::Missing | Sleeve::Waiting | Sleeve::Centred | Sleeve::Done { .. } => None,
    })
}

/// The oven's light: heating with the time gone, or its cycle over (take the sleeve out).
fn oven_light(ui: &mut egui::Ui, lang: Lang, st: &SpliceState, now_ms: u64) {
    let Some((heated_s, cycle_s)) = oven_heating(st, now_ms) else {
        return;
    };
    let over = heated_s >= cycle_s;
    let (text, colour) = if over {
        (tr(lang, "app-oven-done"), theme::OK)
    } else {
        (
            Msg::new("app-oven-heating")
                .num("s", heated_s.floor(), 0)
                .num("cycle", cycle_s, 0)
                .render(lang),
            theme::WARN,
        )
    };
    let bar = ui.add(
        egui::ProgressBar::new((heated_s / cycle_s.max(1.0)).min(1.0) as f32)
            .fill(colour)
            .desired_width(260.0)
            .text(
                egui::RichText::new(text)
                    .color(egui::Color32::from_gray(20))
                    .strong(),
            ),
    );
    note_control(
        ui,
        if over { "oven-done" } else { "oven-heating" },
        bar.rect,
    );
    if !over {
        ui.ctx().request_repaint();
    }
}

#[allow(clippy::too_many_arguments)]
fn splicer_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    now_ms: u64,
    playing: Option<usize>,
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
    oven_light(ui, lang, st, now_ms);
    tray_and_list(ui, lang, st, playing, form, act);
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
                        limited(
                            &mut settings.cleave_limit_deg,
                            lang,
                            &limits::CLEAVE_LIMIT_DEG,
                        )
                        .speed(0.1),
                    );
                    ui.end_row();
                    ui.label(t("app-splicer-arc"));
                    ui.horizontal_wrapped(|ui| {
                        ui.add(limited(
                            &mut settings.arc_power_pct,
                            lang,
                            &limits::ARC_POWER_PCT,
                        ));
                        ui.add(
                            limited(&mut settings.arc_time_ms, lang, &limits::ARC_TIME_MS)
                                .speed(10.0),
                        );
                    });
                    ui.end_row();
                    ui.label(t("app-splicer-prefuse"));
                    ui.add(
                        limited(&mut settings.prefuse_ms, lang, &limits::PREFUSE_MS).speed(10.0),
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
                        ui.add(limited(&mut settings.gap_um, lang, &limits::GAP_UM));
                        ui.add(limited(&mut settings.overlap_um, lang, &limits::OVERLAP_UM));
                    });
                    ui.end_row();
                });
            if *settings != sp.settings && ui.button(t("act-set-splicer")).clicked() {
                act(Action::Splice(SpliceAction::SetSplicer(settings.clone())));
            }
        });
}

/// The tray's loop and the list of splices made (`playing`: the splice whose fusion
/// cycle the monitor still plays, its estimate not yet shown).
fn tray_and_list(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &SpliceState,
    playing: Option<usize>,
    form: &mut SpliceForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let sp = &st.splicer;
    ui.horizontal_top(|ui| {
        let left = (ui.available_width() - TRAY_SIZE_MM.x - 12.0).max(160.0);
        ui.vertical(|ui| {
            ui.set_max_width(left);
            // The loop's diameter and the button on one row, in view at any text size.
            ui.horizontal_wrapped(|ui| {
                ui.add(limited(&mut form.loop_mm, lang, &limits::TRAY_LOOP_MM).prefix("Ø "))
                    .on_hover_text(t("app-loop"));
                let tray = ui.button(t("act-store-in-tray"));
                note_control(ui, "tray", tray.rect);
                if tray.clicked() {
                    act(Action::Splice(SpliceAction::StoreInTray {
                        loop_diameter_mm: form.loop_mm,
                    }));
                }
            });
            ui.label(egui::RichText::new(t("app-tray-help")).small());
        });
        tray_drawing(ui, lang, &mut form.loop_mm, act);
    });
    if !sp.records.is_empty() {
        ui.add_space(6.0);
        let title = if sp.mechanical.is_some() {
            "app-element-splices"
        } else {
            "app-splices"
        };
        ui.label(egui::RichText::new(t(title)).strong());
        egui::Grid::new("splices").striped(true).show(ui, |ui| {
            for (k, r) in sp.records.iter().enumerate() {
                ui.label(format!("{}", k + 1));
                ui.label(r.fibres[0].describe(st.benches[0].colour_code).render(lang));
                // A mechanical element has no estimate to show.
                ui.label(match r.fusion() {
                    Some(_) if playing == Some(k) => "…".to_string(),
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

/// The splice cassette, to scale (a pixel a millimetre): its loop guides at 40, 60 and
/// 80 mm, the loop stored. A drag on it coils the fibre: the loop passes through the
/// pointer around the cassette's centre (to 5 mm), and on release the fibre is stored
/// in the tray with that loop. The number field stays the other way.
const TRAY_SIZE_MM: egui::Vec2 = egui::vec2(150.0, 110.0);
const TRAY_GUIDES_MM: [f32; 3] = [40.0, 60.0, 80.0];
const TRAY_SNAP_MM: f64 = 5.0;

/// The loop a pointer at `dist_px` from the cassette's centre draws, mm.
fn loop_at(dist_px: f32) -> f64 {
    let d = f64::from(dist_px * 2.0);
    let max = f64::from(TRAY_SIZE_MM.y) - 5.0;
    ((d / TRAY_SNAP_MM).round() * TRAY_SNAP_MM).clamp(limits::TRAY_LOOP_MM.min, max)
}

fn tray_drawing(
    ui: &mut egui::Ui,
    lang: Lang,
    loop_mm: &mut f64,
    act: &mut impl FnMut(Action),
) -> egui::Response {
    let (rect, resp) = ui.allocate_exact_size(TRAY_SIZE_MM, egui::Sense::drag());
    note_control(ui, "tray-drawing", rect);
    let p = ui.painter_at(rect);
    let c = rect.center();
    p.rect_filled(rect, 8.0, egui::Color32::from_rgb(0x4a, 0x55, 0x60));
    let guide = egui::Color32::from_rgb(0xb8, 0xc2, 0xcc);
    for d in TRAY_GUIDES_MM {
        p.circle_stroke(
            c,
            d / 2.0,
            egui::Stroke::new(1.0, guide.gamma_multiply(0.6)),
        );
        // The guide's tabs, where the fibre is tucked, on the ring.
        for a in [0.0f32, 90.0, 180.0, 270.0] {
            let (sin, cos) = a.to_radians().sin_cos();
            let at = c + egui::vec2(cos, sin) * (d / 2.0);
            p.rect_filled(
                egui::Rect::from_center_size(at, egui::vec2(5.0, 5.0)),
                1.0,
                guide,
            );
        }
    }
    let fibre = egui::Color32::from_rgb(0xf2, 0xd0, 0x40);
    let pointer = resp.interact_pointer_pos().or(resp.hover_pos());
    let shown = match pointer {
        Some(at) if resp.dragged() || resp.drag_stopped() => loop_at((at - c).length()),
        _ => *loop_mm,
    };
    p.circle_stroke(c, shown as f32 / 2.0, egui::Stroke::new(2.5, fibre));
    p.text(
        rect.left_bottom() + egui::vec2(6.0, -4.0),
        egui::Align2::LEFT_BOTTOM,
        format!("Ø {} mm", lang.num(shown, 0)),
        egui::FontId::proportional(13.0),
        egui::Color32::WHITE,
    );
    if resp.drag_stopped() {
        *loop_mm = shown;
        act(Action::Splice(SpliceAction::StoreInTray {
            loop_diameter_mm: shown,
        }));
    }
    resp.on_hover_text(tr(lang, "app-tray-help"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_drag_on_the_cassette_coils_the_fibre_with_the_loop_through_the_pointer() {
        let ctx = egui::Context::default();
        let mut loop_mm = 40.0;
        let mut sent = Vec::new();
        let frame = |events: Vec<egui::Event>, loop_mm: &mut f64, sent: &mut Vec<Action>| {
            let mut rect = egui::Rect::NOTHING;
            let input = egui::RawInput {
                screen_rect: Some(egui::Rect::from_min_size(
                    egui::Pos2::ZERO,
                    egui::vec2(400.0, 300.0),
                )),
                events,
                time: Some(ctx.input(|i| i.time) + 1.0 / 60.0),
                ..Default::default()
            };
            let mut out = ctx.run_ui(input, |ui| {
                rect = tray_drawing(ui, Lang::En, loop_mm, &mut |a| sent.push(a)).rect;
            });
            out.textures_delta.clear();
            rect
        };
        let c = frame(vec![], &mut loop_mm, &mut sent).center();
        let button = |pos, pressed| egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: Default::default(),
        };
        // From 20 px right of the centre round to 31 px above it: a loop through the
        // pointer, 62 mm at a pixel a millimetre, to 5 mm: 60 mm.
        let start = c + egui::vec2(20.0, 0.0);
        frame(
            vec![egui::Event::PointerMoved(start)],
            &mut loop_mm,
            &mut sent,
        );
        frame(vec![button(start, true)], &mut loop_mm, &mut sent);
        for k in 1..=6 {
            let a = (k as f32 / 6.0) * std::f32::consts::FRAC_PI_2;
            let r = 20.0 + 11.0 * k as f32 / 6.0;
            let at = c + egui::vec2(a.cos(), -a.sin()) * r;
            frame(vec![egui::Event::PointerMoved(at)], &mut loop_mm, &mut sent);
        }
        assert!(
            sent.is_empty(),
            "nothing stored while the fibre is being coiled"
        );
        let end = c + egui::vec2(0.0, -31.0);
        frame(vec![button(end, false)], &mut loop_mm, &mut sent);
        frame(vec![], &mut loop_mm, &mut sent);
        assert_eq!(loop_mm, 60.0);
        assert_eq!(
            sent,
            vec![Action::Splice(SpliceAction::StoreInTray {
                loop_diameter_mm: 60.0
            })]
        );
        // A loop larger than the cassette is held by its walls: 105 mm at most.
        assert_eq!(loop_at(200.0), 105.0);
        assert_eq!(loop_at(1.0), limits::TRAY_LOOP_MM.min);
    }
}
