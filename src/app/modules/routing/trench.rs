//! The trench's view: its panel (zones, bottom, mesh, spacing, transition) and the
//! trench's cross-section, acted on by dragging.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{BAD, DUCT, OK, POLE_BLUE, POLE_YELLOW, ROAD, WOOD};
use super::{RoutingForm, heading};
use crate::app::painter::{INK, Painter};
use crate::app::widgets::{limited, note_control};
use crate::exercise::Action;
use crate::exercise::routing::{Trench, TrenchAction, mesh_name, zone_name};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::trench::MeshColour;

pub(super) fn trench_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    work: &Trench,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let zones = &work.task.zones;
    heading(ui, t("app-route-trench"));
    // The zone's values as dug, once, when the zone is first shown.
    if form.zone_loaded != Some(form.zone) {
        if let Some(d) = work.dug.get(form.zone).copied().flatten() {
            form.bottom_m = d.bottom_m;
            form.mesh_m = d.mesh_depth_m;
            form.mesh = d.mesh;
        }
        form.zone_loaded = Some(form.zone);
    }
    ui.horizontal_wrapped(|ui| {
        for (k, z) in zones.iter().enumerate() {
            let text = format!("{} · {}", k + 1, zone_name(*z).render(lang));
            if ui.selectable_label(form.zone == k, text).clicked() {
                form.zone = k;
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-route-bottom"));
        ui.add(limited(&mut form.bottom_m, lang, &limits::TRENCH_DEPTH_M).speed(0.005));
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-route-mesh"));
        ui.add(limited(&mut form.mesh_m, lang, &limits::TRENCH_DEPTH_M).speed(0.005));
    });
    ui.horizontal_wrapped(|ui| {
        for m in [
            MeshColour::Green,
            MeshColour::Red,
            MeshColour::Yellow,
            MeshColour::Blue,
            MeshColour::Brown,
        ] {
            if ui
                .selectable_label(form.mesh == m, mesh_name(m).render(lang))
                .clicked()
            {
                form.mesh = m;
            }
        }
    });
    let r = ui.button(egui::RichText::new(t("act-dig-zone")).strong());
    note_control(ui, "dig", r.rect);
    if r.clicked() {
        act(TrenchAction::DigZone {
            zone: (form.zone + 1) as u32,
            bottom_m: form.bottom_m,
            mesh_depth_m: form.mesh_m,
            mesh: form.mesh,
        }
        .into());
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t("act-lv-spacing"));
        ui.add(limited(&mut form.spacing_m, lang, &limits::TRENCH_DEPTH_M).speed(0.005));
        if ui.button(t("app-route-fit")).clicked() {
            act(TrenchAction::SetLvSpacing {
                spacing_m: form.spacing_m,
            }
            .into());
        }
    });
    if work.task.transition {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(t("app-route-transition")).strong());
        let lim = limits::SITE_DISTANCE_M;
        ui.horizontal_wrapped(|ui| {
            ui.label(t("app-route-pbo"));
            ui.add(limited(&mut form.pbo_m, lang, &lim).speed(0.01));
            ui.label(t("app-route-guard"));
            ui.add(limited(&mut form.guard_m, lang, &lim).speed(0.05));
        });
        ui.checkbox(&mut form.anchored, t("app-route-anchored"));
        if ui.button(t("act-build-transition")).clicked() {
            act(TrenchAction::BuildTransition {
                pbo_height_m: form.pbo_m,
                guard_m: form.guard_m,
                anchored: form.anchored,
            }
            .into());
        }
    }
}

/// The trench's cross-section for the zone worked on: the road or pavement, the trench
/// to the bottom set, the sand bed and surround, the duct, the mesh at the depth set in
/// its colour, the LV cable beside at the spacing set. To scale; a drag moves the bottom
/// (from near it) or the mesh.
pub(super) fn trench_view(
    p: &mut Painter,
    lang: Lang,
    work: &Trench,
    form: &RoutingForm,
    [left, right, top, bottom]: [f32; 4],
) -> Option<(Rect, usize, f32, f32)> {
    use crate::physics::trench::{MeshColour, SAND_BED_M, SAND_SURROUND_M};
    let (zones, od) = (&work.task.zones, work.duct_od_m());
    let k = form.zone.min(zones.len().saturating_sub(1));
    let zone = *zones.get(k)?;
    p.rect(left, bottom, right, top, Color::srgb(0.96, 0.97, 1.0), 0.0);
    p.label(
        Msg::new("app-route-section")
            .int("zone", (k + 1) as u32)
            .msg("kind", crate::exercise::routing::zone_name(zone))
            .render(lang),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let surface = top - 50.0;
    let px = (surface - bottom - 20.0) / 1.4;
    let y_of = |d: f64| surface - d as f32 * px;
    let cx = (left + right) / 2.0 - 60.0;
    let half_w = 0.3 * px;
    // The ground and the surface (asphalt for a road or pavement).
    p.rect(
        left,
        bottom,
        right,
        surface,
        Color::srgb(0.55, 0.45, 0.32),
        0.5,
    );
    let road = matches!(
        zone,
        crate::physics::trench::Zone::Road | crate::physics::trench::Zone::Pavement
    );
    if road {
        p.rect(left, surface - 0.08 * px, right, surface, ROAD, 0.6);
    }
    let (b, mesh_d, colour) = match work.dug.get(k).copied().flatten() {
        Some(d) if form.bottom_m == d.bottom_m && form.mesh_m == d.mesh_depth_m => {
            (d.bottom_m, d.mesh_depth_m, d.mesh)
        }
        Some(_) | None => (form.bottom_m, form.mesh_m, form.mesh),
    };
    // The trench, the sand, the duct.
    p.rect(
        cx - half_w,
        y_of(b),
        cx + half_w,
        surface,
        Color::srgb(0.72, 0.62, 0.45),
        1.0,
    );
    let duct_bottom = b - SAND_BED_M;
    let duct_top = duct_bottom - od;
    p.rect(
        cx - half_w,
        y_of(b),
        cx + half_w,
        y_of(duct_top - SAND_SURROUND_M),
        Color::srgb(0.93, 0.85, 0.55),
        1.5,
    );
    let r = od as f32 * px / 2.0;
    let cyd = y_of(duct_bottom - od / 2.0);
    let ring: Vec<Vec2> = (0..=32)
        .map(|i| {
            let a = i as f32 / 32.0 * std::f32::consts::TAU;
            Vec2::new(cx + r * a.cos(), cyd + r * a.sin())
        })
        .collect();
    p.polyline(&ring, 3.0, DUCT, 3.0);
    let mesh_colour = match colour {
        MeshColour::Green => OK,
        MeshColour::Red => BAD,
        MeshColour::Yellow => POLE_YELLOW,
        MeshColour::Blue => POLE_BLUE,
        MeshColour::Brown => WOOD,
    };
    p.dashed(
        cx - half_w,
        y_of(mesh_d),
        cx + half_w,
        y_of(mesh_d),
        3.0,
        5.0,
        mesh_colour,
        3.0,
    );
    // Depth labels on the right, as a tape measure reads them.
    for (d, key) in [
        (b, "app-route-at-bottom"),
        (mesh_d, "app-route-at-mesh"),
        (duct_top, "app-route-at-duct"),
    ] {
        p.line(
            cx + half_w,
            y_of(d),
            cx + half_w + 40.0,
            y_of(d),
            1.0,
            INK,
            3.0,
        );
        p.label(
            Msg::new(key).num("d", d, 2).render(lang),
            cx + half_w + 44.0,
            y_of(d),
            12.0,
            Anchor::CENTER_LEFT,
        );
    }
    // A depth scale every 0.2 m.
    for i in 0..=7 {
        let d = f64::from(i) * 0.2;
        p.rect(
            left + 20.0,
            y_of(d) - 0.5,
            left + 30.0,
            y_of(d) + 0.5,
            INK,
            2.0,
        );
        p.label(
            format!("{d:.1}"),
            left + 34.0,
            y_of(d),
            11.0,
            Anchor::CENTER_LEFT,
        );
    }
    // The LV cable beside, at the spacing kept.
    if let Some(sp) = work.lv_spacing_m {
        let x = cx - r - sp as f32 * px;
        p.rect(x - 6.0, cyd - 6.0, x + 6.0, cyd + 6.0, BAD, 3.0);
        p.label(
            tr(lang, "app-route-lv"),
            x,
            cyd - 10.0,
            12.0,
            Anchor::TOP_CENTER,
        );
    }
    Some((
        Rect::new(cx - half_w - 20.0, bottom, cx + half_w + 20.0, surface),
        k,
        surface,
        px,
    ))
}
