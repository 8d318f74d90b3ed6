//! The trace: zoom by wheel and buttons, the bounds asked for, the plot with its markers and events.

use bevy::prelude::*;
use bevy_egui::egui;
use egui_plot::{Line, Plot, PlotBounds, PlotPoint, PlotPoints, Text, VLine};

use super::events::verdict_colour;
use super::instrument::{COLOURS, Instrument, NOISE_BAND_DB, Shown, ViewRequest};
use crate::exercise::otdr::ReportRow;
use crate::i18n::{Lang, tr};
use crate::plot::nice_steps;

/// One wheel notch (50 points) zooms the distance axis by this factor.
pub(super) const WHEEL_ZOOM_PER_POINT: f32 = 1.0 / 200.0;
/// The zoom buttons' factor.
pub(super) const ZOOM_STEP: f32 = 1.5;
/// Zoomed on an event, the view spans this many pulse lengths (at least
/// [`EVENT_VIEW_MIN_M`]).
pub(super) const EVENT_VIEW_PULSES: f64 = 40.0;
pub(super) const EVENT_VIEW_MIN_M: f64 = 60.0;
/// The wheel's zoom this frame: the factors on the distance axis and on the levels
/// (above 1 zooms in), from the wheel turned without Ctrl: alone on the distances, with
/// Shift on the levels (Ctrl and the wheel, or a pinch, zoom both axes as the plot does
/// by itself).
pub(super) fn wheel_zoom(i: &egui::InputState) -> egui::Vec2 {
    let (mut points, mut level_points) = (0.0, 0.0);
    for e in &i.events {
        if let egui::Event::MouseWheel {
            unit,
            delta,
            modifiers,
            ..
        } = e
            && !modifiers.ctrl
            && !modifiers.command
        {
            // With Shift some systems turn the wheel sideways.
            let d = if modifiers.shift && delta.y == 0.0 {
                delta.x
            } else {
                delta.y
            };
            let p = d * match unit {
                egui::MouseWheelUnit::Point => 1.0,
                egui::MouseWheelUnit::Line => 50.0,
                egui::MouseWheelUnit::Page => 500.0,
            };
            if modifiers.shift {
                level_points += p;
            } else {
                points += p;
            }
        }
    }
    let f = |p: f32| crate::math::exp(f64::from(p * WHEEL_ZOOM_PER_POINT)) as f32;
    egui::vec2(f(points), f(level_points))
}
/// The level range of a trace between two indices, for the view to fit it.
pub(super) fn level_range(s: &Shown, i0: usize, i1: usize) -> Option<(f64, f64)> {
    let floor = s.trace.noise_db - NOISE_BAND_DB;
    let v = s
        .trace
        .levels_db
        .get(i0.min(i1)..i1.min(s.trace.levels_db.len()))?;
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min).max(floor);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}
/// The bounds a view request asks for on the selected trace; `None` to leave the view.
pub(super) fn requested_bounds(
    s: &Shown,
    mirror: Option<f64>,
    request: ViewRequest,
) -> Option<PlotBounds> {
    let dx = s.trace.dx_m;
    let n = s.trace.levels_db.len();
    let (x0, x1) = match request {
        ViewRequest::Fit => {
            let end = s
                .end_along_m
                .map_or(n as f64 * dx, |e| (e * 1.15 + 100.0).min(n as f64 * dx));
            (s.to_display(0.0, mirror), s.to_display(end, mirror))
        }
        ViewRequest::Event(d) => {
            let half =
                (s.trace.settings.pulse_length_m() * EVENT_VIEW_PULSES).max(EVENT_VIEW_MIN_M) / 2.0;
            (d - half, d + half)
        }
        ViewRequest::ZoomIn
        | ViewRequest::ZoomOut
        | ViewRequest::LevelsIn
        | ViewRequest::LevelsOut => return None,
    };
    let (lo, hi) = (x0.min(x1), x0.max(x1));
    let along = |x: f64| (s.to_along(x, mirror) / dx).max(0.0) as usize;
    let (a, b) = (along(lo), along(hi));
    let (ymin, ymax) = level_range(s, a.min(b), a.max(b) + 1)?;
    let pad = ((ymax - ymin) * 0.08).max(0.5);
    Some(PlotBounds::from_min_max([lo, ymin - pad], [hi, ymax + pad]))
}
/// Distances on the axis: metres, or kilometres once the steps are a kilometre or more.
pub(super) fn distance_label(lang: Lang, value_m: f64, span_m: f64) -> String {
    let [_, _, step] = nice_steps(span_m);
    if step >= 1000.0 {
        let decimals = if step >= 10_000.0 { 0 } else { 1 };
        format!("{} km", lang.num(value_m / 1000.0, decimals))
    } else {
        let decimals = if step >= 1.0 { 0 } else { 1 };
        format!("{} m", lang.num(value_m, decimals))
    }
}
pub(super) fn trace_view(ui: &mut egui::Ui, lang: Lang, rows: &[ReportRow], inst: &mut Instrument) {
    if inst.shown.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label(egui::RichText::new(tr(lang, "app-otdr-no-trace")).size(18.0));
        });
        return;
    }
    let width_px = ui.available_width().max(100.0) as usize;
    // A marker is grabbed when the button goes down near it (at its place in the last
    // frame), before the plot sees the drag: the plot then does not pan while it moves.
    let (down, origin) = ui.input(|i| (i.pointer.primary_down(), i.pointer.press_origin()));
    if down
        && inst.dragging.is_none()
        && let Some(pos) = origin.filter(|p| inst.plot_rect.contains(*p))
        && ui.input(|i| i.pointer.primary_pressed())
    {
        inst.dragging = inst
            .marker_px
            .iter()
            .enumerate()
            .map(|(k, x)| (k, (pos.x - x).abs()))
            .filter(|(_, d)| *d < 8.0)
            .min_by(|p, q| p.1.total_cmp(&q.1))
            .map(|(k, _)| k as u8);
    }
    let wheel = ui.input(wheel_zoom);
    let plot = Plot::new("otdr-trace")
        .x_axis_label(tr(lang, "app-otdr-x"))
        .y_axis_label(tr(lang, "app-otdr-y"))
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|g| {
            nice_steps(g.bounds.1 - g.bounds.0)
        }))
        .x_axis_formatter(move |mark, range| {
            distance_label(lang, mark.value, range.end() - range.start())
        })
        // The wheel zooms (below); it does not scroll the view.
        .allow_scroll(false)
        .allow_drag(inst.dragging.is_none())
        .allow_double_click_reset(true);
    let shown = &inst.shown;
    let on = inst.mirror;
    let (a, b) = (inst.marker_a, inst.marker_b);
    let window = inst.window_m;
    let request = inst.view_request.take();
    let selected = inst.selected;
    let picked = inst.picked;
    let r = plot.show(ui, |pu| {
        match request {
            Some(
                ViewRequest::ZoomIn
                | ViewRequest::ZoomOut
                | ViewRequest::LevelsIn
                | ViewRequest::LevelsOut,
            ) => {
                let zoom = match request {
                    Some(ViewRequest::ZoomIn) => egui::vec2(ZOOM_STEP, 1.0),
                    Some(ViewRequest::ZoomOut) => egui::vec2(1.0 / ZOOM_STEP, 1.0),
                    Some(ViewRequest::LevelsIn) => egui::vec2(1.0, ZOOM_STEP),
                    _ => egui::vec2(1.0, 1.0 / ZOOM_STEP),
                };
                let c = pu.plot_bounds().center();
                pu.zoom_bounds(zoom, c);
            }
            Some(req) => {
                if let Some(s) = shown.get(selected)
                    && let Some(bounds) = requested_bounds(s, s.mirror(on), req)
                {
                    pu.set_plot_bounds(bounds);
                }
            }
            None => {}
        }
        if wheel != egui::vec2(1.0, 1.0) && pu.response().hovered() {
            pu.zoom_bounds_around_hovered(wheel);
        }
        let bounds = pu.plot_bounds();
        for (i, s) in shown.iter().enumerate() {
            if !s.visible {
                continue;
            }
            let dx = s.trace.dx_m;
            let mirror = s.mirror(on);
            let (x0, x1) = {
                let (p, q) = (
                    s.to_along(bounds.min()[0], mirror),
                    s.to_along(bounds.max()[0], mirror),
                );
                (p.min(q), p.max(q))
            };
            let i0 = (x0 / dx).floor().max(0.0) as usize;
            let i1 = ((x1 / dx).ceil().max(0.0) as usize + 2).min(s.pyramid.len());
            // While the plot fits itself to the data, give it all of it (it would
            // otherwise fit to what was drawn for the previous bounds).
            let fitting = pu.auto_bounds().any();
            let (i0, i1) = if i1 <= i0 || fitting {
                (0, s.pyramid.len())
            } else {
                (i0, i1)
            };
            let pts: Vec<[f64; 2]> = s
                .pyramid
                .columns(i0, i1, width_px)
                .into_iter()
                .map(|[x, y]| [s.to_display(x * dx, mirror), y])
                .collect();
            pu.line(
                Line::new(format!("{} · {}", i + 1, s.label), PlotPoints::from(pts))
                    .color(COLOURS[i % COLOURS.len()])
                    .width(1.2),
            );
        }
        // The report's lines, dotted in their verdict's colour.
        for (k, row) in rows.iter().enumerate() {
            let colour = row.verdict.map_or(egui::Color32::GRAY, verdict_colour);
            pu.vline(
                VLine::new("", row.distance_m)
                    .color(colour.gamma_multiply(0.6))
                    .width(if picked == Some(k) { 2.0 } else { 1.0 })
                    .style(egui_plot::LineStyle::dotted_dense()),
            );
        }
        let acol = egui::Color32::from_rgb(0xe0, 0x7b, 0x00);
        let bcol = egui::Color32::from_rgb(0x00, 0x96, 0x88);
        pu.vline(VLine::new("A", a).color(acol).width(2.0));
        pu.vline(VLine::new("B", b).color(bcol).width(2.0));
        // The LSA windows around A.
        let light = egui::Color32::from_rgba_unmultiplied(0xe0, 0x7b, 0x00, 90);
        pu.vline(
            VLine::new("LSA", a - window)
                .color(light)
                .style(egui_plot::LineStyle::dashed_dense()),
        );
        pu.vline(
            VLine::new("LSA", a + window)
                .color(light)
                .style(egui_plot::LineStyle::dashed_dense()),
        );
        // Their numbers, drawn after the markers and beside their line (a few pixels to
        // the right, not centred on it): a marker set on an event does not hide its
        // number, nor does the plot's left edge the first one's.
        let per_px = {
            let o = pu.plot_from_screen(egui::pos2(0.0, 0.0));
            let one = pu.plot_from_screen(egui::pos2(1.0, 0.0));
            one.x - o.x
        };
        for (k, row) in rows.iter().enumerate() {
            let colour = row.verdict.map_or(egui::Color32::GRAY, verdict_colour);
            pu.text(
                Text::new(
                    "",
                    PlotPoint::new(row.distance_m + 4.0 * per_px, bounds.max()[1]),
                    egui::RichText::new(format!("{}", k + 1))
                        .strong()
                        .color(colour),
                )
                .anchor(egui::Align2::LEFT_TOP),
            );
        }
        let sx = |x: f64| pu.screen_from_plot(egui_plot::PlotPoint::new(x, 0.0)).x;
        // The pointer where it is now (the plot's own pointer_coordinate lags a frame
        // behind while the plot pans, which it does not while a marker moves).
        (
            pu.ctx()
                .input(|i| i.pointer.latest_pos())
                .map(|p| pu.plot_from_screen(p)),
            [sx(a), sx(b), sx(a - window), sx(a + window)],
            (bounds.min()[0], bounds.max()[0]),
            (bounds.min()[1], bounds.max()[1]),
        )
    });
    let (pointer, xs, view_x, view_y) = r.inner;
    inst.marker_px = xs;
    inst.view_x = view_x;
    inst.view_y = view_y;
    let resp = &r.response;
    inst.plot_rect = resp.rect;
    // Markers: click sets A, right click sets B; a grabbed marker or LSA edge follows the
    // pointer.
    if let Some(p) = pointer {
        match inst.dragging {
            Some(0) => inst.marker_a = p.x,
            Some(1) => inst.marker_b = p.x,
            Some(2 | 3) => inst.window_m = (p.x - inst.marker_a).abs().max(5.0),
            _ => {}
        }
        if resp.clicked() {
            inst.marker_a = p.x;
        }
        if resp.secondary_clicked() {
            inst.marker_b = p.x;
        }
    }
    // The release frame still moves the marker to where the button came up.
    if !down {
        inst.dragging = None;
    }
}
