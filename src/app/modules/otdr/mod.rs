//! The OTDR instrument screen: set-up, "Start" with live averaging, the trace (egui_plot,
//! min/max decimated so that long traces pan smoothly), markers A and B with their
//! readings, the instrument's event table (practice) and the acceptance report.
//!
//! One file per part: `instrument` (its state and the live averaging), `setup`,
//! `markers`, `events` (the instrument's table), `report`, `trace` (the plot and its
//! zoom); this file lays them out.

mod events;
mod instrument;
mod markers;
mod report;
mod setup;
#[cfg(test)]
mod tests;
mod trace;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::AppSet;
use crate::app::theme;
use crate::app::widgets::{
    Frame, TOP_HEIGHT, View, note_control, sender, side_panel, task_bar, what_happened,
};
use crate::exercise::otdr::OtdrState;
use crate::i18n::{Lang, Msg, tr};
use crate::scenario::Mode;
use instrument::{Instrument, ViewRequest, sync_instrument};
use markers::markers_panel;
use report::report_panel;
use setup::setup_panel;
use trace::trace_view;

/// Width of the instrument panel, height of the report area and of the view's tool row
/// above the trace, logical pixels.
const RIGHT_WIDTH: f32 = 430.0;
const REPORT_HEIGHT: f32 = 320.0;
const TOOLS_HEIGHT: f32 = 30.0;
pub fn plugin(app: &mut App) {
    app.init_resource::<Instrument>()
        .add_systems(
            Update,
            sync_instrument
                .in_set(AppSet::Sync)
                .run_if(in_state(ModuleView::Otdr)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(ModuleView::Otdr)),
        );
}
fn ui(mut view: View, mut inst: ResMut<Instrument>) -> Result {
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
    // This view is shown for an OTDR bench only (`modules::view_of`).
    let Some(st) = ex.state.otdr() else {
        return Ok(());
    };
    let practice = ex.scenario.mode == Mode::Practice;
    if inst.averaging.is_some() {
        ctx.request_repaint();
    }
    task_bar(&mut root, lang, live, None, cmds);
    let mut act = sender(cmds);
    let inst = &mut *inst;
    side_panel(&mut root, "instrument", RIGHT_WIDTH, live, |ui| {
        if let Some(job) = ex.state.job() {
            super::job::fibre_picker(ui, lang, practice, job, &mut act);
            ui.separator();
        }
        setup_panel(ui, lang, st, inst, &mut act);
        ui.separator();
        markers_panel(ui, lang, inst);
        ui.separator();
        what_happened(ui, lang, live, notice, 8);
    });
    // Left of the instrument panel: the view's tools, the trace, the report below.
    let vr = ctx.viewport_rect();
    let (left, right) = (vr.left() + 8.0, vr.right() - RIGHT_WIDTH - 10.0);
    let top = vr.top() + TOP_HEIGHT;
    // The report and the tool row grow with the text size, the trace gives way.
    let k = theme::text_scale(ctx);
    let split = vr.bottom() - REPORT_HEIGHT * k;
    let tools_height = inst.tools_height.max(TOOLS_HEIGHT * k);
    let tools_rect =
        egui::Rect::from_min_max(egui::pos2(left, top), egui::pos2(right, top + tools_height));
    let plot_rect = egui::Rect::from_min_max(
        egui::pos2(left, top + tools_height),
        egui::pos2(right, split - 6.0),
    );
    let report_rect = egui::Rect::from_min_max(
        egui::pos2(left, split),
        egui::pos2(right, vr.bottom() - 4.0),
    );
    // Each part clipped to its place: with a larger text nothing spills onto the
    // instrument panel.
    let mut part = |rect: egui::Rect| {
        let mut ui = root.new_child(egui::UiBuilder::new().max_rect(rect));
        ui.set_clip_rect(rect);
        ui
    };
    let drawn = view_tools(&mut part(tools_rect), lang, st, inst);
    if (drawn - inst.tools_height).abs() > 0.5 {
        // The help wrapped otherwise (another text size): lay out again.
        inst.tools_height = drawn;
        ctx.request_repaint();
    }
    trace_view(&mut part(plot_rect), lang, &st.rows, inst);
    report_panel(&mut part(report_rect), lang, st, live, inst, &mut act);
    drop(act);
    if std::mem::take(&mut inst.save) {
        cmds.write(crate::app::flow::UiCommand::SaveRecette);
    }
    Ok(())
}
/// Above the trace: zoom in and out on the distances and on the levels, the whole
/// trace, the chosen event, and what the mouse does (wrapped, whole; its details in one
/// tooltip). Returns the height it took.
fn view_tools(ui: &mut egui::Ui, lang: Lang, st: &OtdrState, inst: &mut Instrument) -> f32 {
    let t = |k: &str| tr(lang, k);
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        let zoom_in = ui.button(" + ").on_hover_text(t("app-otdr-zoom-in"));
        note_control(ui, "zoom-in", zoom_in.rect);
        if zoom_in.clicked() {
            inst.view_request = Some(ViewRequest::ZoomIn);
        }
        if ui
            .button(" − ")
            .on_hover_text(t("app-otdr-zoom-out"))
            .clicked()
        {
            inst.view_request = Some(ViewRequest::ZoomOut);
        }
        let levels_in = ui
            .button(" ↕+ ")
            .on_hover_text(t("app-otdr-zoom-levels-in"));
        note_control(ui, "zoom-levels-in", levels_in.rect);
        if levels_in.clicked() {
            inst.view_request = Some(ViewRequest::LevelsIn);
        }
        if ui
            .button(" ↕− ")
            .on_hover_text(t("app-otdr-zoom-levels-out"))
            .clicked()
        {
            inst.view_request = Some(ViewRequest::LevelsOut);
        }
        if ui.button(t("app-otdr-fit")).clicked() {
            inst.view_request = Some(ViewRequest::Fit);
        }
        if let Some(r) = inst.picked.and_then(|k| st.rows.get(k))
            && ui
                .button(
                    Msg::new("app-otdr-zoom-event")
                        .int("n", inst.picked.map_or(0, |k| k as u32 + 1))
                        .render(lang),
                )
                .clicked()
        {
            inst.view_request = Some(ViewRequest::Event(r.distance_m));
        }
        // Wrapped, never cut: a cut line would show its whole text in a tooltip of its
        // own over the help's.
        let help = ui
            .add(egui::Label::new(egui::RichText::new(t("app-otdr-mouse")).small()).wrap())
            .on_hover_text(t("app-otdr-mouse-help"));
        note_control(ui, "otdr-mouse-help", help.rect);
    });
    ui.cursor().top() - top
}
