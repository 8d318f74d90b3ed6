//! Blowing's view: its panel (cable, method, pressure test, shot) and the microduct's
//! cross-section.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{CABLE, DUCT};
use super::{RoutingForm, heading};
use crate::app::painter::Painter;
use crate::app::widgets::{limited, note_control};
use crate::exercise::Action;
use crate::exercise::routing::{Blow, BlowAction, LayMethod};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;

pub(super) fn blow_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    b: &Blow,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let (id, length, max_bar) = (b.task.duct_id_mm, b.task.length_m, b.task.max_pressure_bar);
    heading(
        ui,
        Msg::new("app-route-microduct")
            .num("id", id, 0)
            .num("len", length, 0)
            .render(lang),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(t("act-choose-cable"));
        for &d in &b.task.cables_mm {
            let on = b.cable_mm == Some(d);
            if ui.selectable_label(on, format!("{d:.1} mm")).clicked() {
                act(BlowAction::ChooseCable { diameter_mm: d }.into());
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (m, key) in [
            (LayMethod::Pull, "app-route-pull-method"),
            (LayMethod::Blow, "app-route-blow-method"),
        ] {
            if ui.selectable_label(b.method == Some(m), t(key)).clicked() {
                act(BlowAction::ChooseMethod { method: m }.into());
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-route-pressure"));
        let lim = limits::Limit::new(
            0.0,
            max_bar.max(crate::physics::blowing::DUCT_TEST_BAR),
            limits::Unit::Bar,
        );
        ui.add(limited(&mut form.pressure_bar, lang, &lim).speed(0.1));
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(t("act-pressure-test")).clicked() {
            act(BlowAction::PressureTest {
                bar: form.pressure_bar,
            }
            .into());
        }
        let r = ui.button(egui::RichText::new(t("act-start-blowing")).strong());
        note_control(ui, "start-blowing", r.rect);
        if r.clicked() {
            act(BlowAction::StartBlowing {
                pressure_bar: form.pressure_bar,
            }
            .into());
        }
    });
    if let Some(bar) = b.tested_bar {
        ui.label(Msg::new("out-route-tested").num("bar", bar, 1).render(lang));
    }
}

/// The microduct's cross-section with each cable offered, to scale: the chosen one inside.
pub(super) fn duct_view(
    p: &mut Painter,
    lang: Lang,
    b: &Blow,
    [left, right, top, bottom]: [f32; 4],
) {
    let (id, offered) = (b.task.duct_id_mm, &b.task.cables_mm);
    p.rect(left, bottom, right, top, Color::srgb(0.96, 0.97, 1.0), 0.0);
    p.label(
        tr(lang, "app-route-duct-section"),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let n = offered.len().max(1) as f32;
    let w = (right - left) / n;
    let scale = ((w * 0.7).min((top - bottom) * 0.6)) / id as f32;
    let circle = |p: &mut Painter, cx: f32, cy: f32, r: f32, width: f32, c: Color| {
        let pts: Vec<Vec2> = (0..=48)
            .map(|i| {
                let a = i as f32 / 48.0 * std::f32::consts::TAU;
                Vec2::new(cx + r * a.cos(), cy + r * a.sin())
            })
            .collect();
        p.polyline(&pts, width, c, 3.0);
    };
    for (k, d) in offered.iter().enumerate() {
        let cx = left + w * (k as f32 + 0.5);
        let cy = (top + bottom) / 2.0;
        circle(p, cx, cy, id as f32 * scale / 2.0, 3.0, DUCT);
        let chosen = b.cable_mm == Some(*d);
        circle(
            p,
            cx,
            cy - (id - d) as f32 * scale / 2.0,
            *d as f32 * scale / 2.0,
            if chosen { 4.0 } else { 1.5 },
            CABLE,
        );
        let (_, area) = crate::physics::duct::fill(id / 1000.0, &[d / 1000.0]);
        p.label(
            Msg::new("app-route-fill")
                .num("d", *d, 1)
                .num("fill", 100.0 * area, 0)
                .render(lang),
            cx,
            bottom + 12.0,
            13.0,
            Anchor::BOTTOM_CENTER,
        );
    }
}
