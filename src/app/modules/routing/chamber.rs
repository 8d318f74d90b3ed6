//! The chamber's view: the steps to choose, the chamber drawn with its parts to click,
//! and the debrief's steps beside the safe order.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{OK, POLE_BLUE, POLE_RED, ROAD, SiteMap, WARN};
use crate::app::painter::{INK, Painter};
use crate::exercise::Action;
use crate::exercise::routing::{Chamber, ChamberAction, RoutingState, SiteStep, step_name};
use crate::i18n::{Lang, Msg, tr};

/// The steps, in a fixed order that is not the safe one: choosing the order is the job.
pub(super) fn procedure_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    c: &Chamber,
    act: &mut impl FnMut(Action),
) {
    use SiteStep as S;
    let all = [
        S::FreeCover,
        S::GuardRail,
        S::ApproachSign,
        S::LiftCoverByHand,
        S::GasCheck,
        S::Ppe,
        S::Enter,
        S::LiftCoverMagnetic,
        S::Cones,
        S::RemoveSigns,
        S::StoreCover,
        S::GasDetector,
        S::CloseCover,
    ];
    ui.horizontal_wrapped(|ui| {
        for s in all {
            let done = c.steps.contains(&s);
            let text = step_name(s).render(lang);
            let r = ui.add(egui::Button::new(text).selected(done));
            if r.clicked() {
                act(ChamberAction::Step { step: s }.into());
            }
        }
    });
}

/// The chamber's steps: hers beside the safe order, line by line, each of hers marked by
/// the rules (from the core, as the grade reads them), each safe step she never took
/// marked so.
pub(super) fn chamber_debrief(ui: &mut egui::Ui, lang: Lang, st: &RoutingState) {
    use crate::app::theme;
    let lines = st
        .chamber
        .as_ref()
        .map(crate::grading::routing::chamber_lines)
        .unwrap_or_default();
    if lines.is_empty() {
        return;
    }
    let t = |k: &str| tr(lang, k);
    ui.add_space(6.0);
    ui.label(egui::RichText::new(t("app-route-cmp-steps")).strong());
    // Two columns of step names that wrap within half the width each.
    let col = ((ui.available_width() - 60.0) / 2.0).max(120.0);
    egui::Grid::new("route_cmp_steps")
        .striped(true)
        .num_columns(3)
        .min_col_width(24.0)
        .show(ui, |ui| {
            ui.label("");
            ui.label(egui::RichText::new(t("app-route-cmp-yours")).strong());
            ui.label(egui::RichText::new(t("app-route-cmp-safe")).strong());
            ui.end_row();
            for l in lines {
                ui.label(format!("{}.", l.number));
                ui.vertical(|ui| {
                    ui.set_max_width(col);
                    match l.done {
                        Some((s, mark)) => {
                            ui.add(egui::Label::new(step_name(s).render(lang)).wrap());
                            let colour = if mark.is_fault() {
                                theme::BAD
                            } else {
                                theme::OK
                            };
                            let sign = if mark.is_fault() { "✖" } else { "✔" };
                            ui.colored_label(colour, format!("{sign} {}", t(mark.key())));
                        }
                        None => {
                            ui.label("—");
                        }
                    }
                });
                ui.vertical(|ui| {
                    ui.set_max_width(col);
                    if let Some((s, taken)) = l.safe {
                        ui.add(egui::Label::new(step_name(s).render(lang)).wrap());
                        if !taken {
                            ui.colored_label(theme::BAD, format!("✖ {}", t("cmp-step-never")));
                        }
                    }
                });
                ui.end_row();
            }
        });
}

/// The chamber being opened, seen from above, and the gestures on it. On the left the
/// van's tools, each a click that takes its step (the sign, the cones, the PPE, the
/// detector, the hammer, the lifter, the guard rail, the air probe, the ladder); on the
/// right the site: the road with the approach sign, the cover (a click on it still in
/// place lifts it by hand; once lifted, a click puts it back), the place 2 m away where
/// the lifted cover is set down (a click there, or the cover dragged there), the cones
/// and the rail, and the signs placed (a click takes them away). The steps taken are
/// listed in order under the site.
pub(super) fn chamber_view(
    p: &mut Painter,
    lang: Lang,
    c: &Chamber,
    [left, right, top, bottom]: [f32; 4],
    map: &mut SiteMap,
) {
    let (id, ceiling) = (c.task.chamber.clone(), c.ceiling);
    p.rect(left, bottom, right, top, Color::srgb(0.8, 0.8, 0.78), 0.0);
    p.label(
        Msg::new("app-route-chamber")
            .text("chamber", id)
            .render(lang),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let done = |s: SiteStep| c.steps.contains(&s);
    let mut part = |p: &mut Painter, r: Rect, s: SiteStep| {
        p.target(
            r.min.x - 2.0,
            r.min.y - 2.0,
            r.max.x + 2.0,
            r.max.y + 2.0,
            8.0,
        );
        map.chamber_parts.push((r, s));
    };
    // The van's tools, a column on the left.
    let tools = [
        (
            SiteStep::ApproachSign,
            "app-route-tool-sign",
            Color::srgb(0.95, 0.8, 0.1),
        ),
        (SiteStep::Cones, "app-route-tool-cones", WARN),
        (
            SiteStep::Ppe,
            "app-route-tool-ppe",
            Color::srgb(0.75, 0.9, 0.1),
        ),
        (
            SiteStep::GasDetector,
            "app-route-tool-detector",
            Color::srgb(0.2, 0.2, 0.25),
        ),
        (
            SiteStep::FreeCover,
            "app-route-tool-hammer",
            Color::srgb(0.55, 0.4, 0.25),
        ),
        (
            SiteStep::LiftCoverMagnetic,
            "app-route-tool-lifter",
            POLE_BLUE,
        ),
        (SiteStep::GuardRail, "app-route-tool-rail", POLE_RED),
        (
            SiteStep::GasCheck,
            "app-route-tool-probe",
            Color::srgb(0.3, 0.55, 0.3),
        ),
        (
            SiteStep::Enter,
            "app-route-tool-ladder",
            Color::srgb(0.6, 0.6, 0.62),
        ),
    ];
    let van_w = 192.0;
    let (vx0, vx1) = (left + 8.0, left + 8.0 + van_w);
    let van_top = top - 26.0;
    p.rect(
        vx0 - 4.0,
        bottom + 8.0,
        vx1 + 4.0,
        van_top,
        Color::srgb(0.9, 0.9, 0.92),
        0.5,
    );
    p.label(
        tr(lang, "app-route-van"),
        vx0,
        van_top - 4.0,
        13.0,
        Anchor::TOP_LEFT,
    );
    p.cue(tr(lang, "app-route-cue-tool"), vx0, van_top - 32.0, 13.0);
    let row_h = ((van_top - 50.0 - (bottom + 12.0)) / tools.len() as f32).min(44.0);
    for (k, (step, key, colour)) in tools.into_iter().enumerate() {
        let y1 = van_top - 50.0 - k as f32 * row_h;
        let r = Rect::new(vx0, y1 - row_h + 6.0, vx1, y1);
        p.rect(r.min.x, r.min.y, r.max.x, r.max.y, Color::WHITE, 1.0);
        p.rect(
            r.min.x + 4.0,
            r.min.y + 4.0,
            r.min.x + 16.0,
            r.max.y - 4.0,
            colour,
            1.5,
        );
        p.label(
            tr(lang, key),
            r.min.x + 22.0,
            r.center().y,
            12.0,
            Anchor::CENTER_LEFT,
        );
        if done(step) {
            // A tick: the tool was used.
            let (tx, ty) = (r.max.x - 16.0, r.center().y);
            p.line(tx - 5.0, ty, tx - 1.0, ty - 5.0, 2.5, OK, 2.0);
            p.line(tx - 1.0, ty - 5.0, tx + 8.0, ty + 6.0, 2.5, OK, 2.0);
        }
        part(p, r, step);
    }
    // The site, right of the van: the road along the top, the pavement with the chamber.
    let sx0 = vx1 + 16.0;
    let road_top = top - 24.0;
    let road_bottom = road_top - 46.0;
    p.rect(sx0, road_bottom, right, road_top, ROAD, 0.5);
    p.dashed(
        sx0,
        (road_top + road_bottom) / 2.0,
        right,
        (road_top + road_bottom) / 2.0,
        2.0,
        12.0,
        Color::WHITE,
        0.6,
    );
    p.label(
        tr(lang, "app-route-road"),
        right - 6.0,
        road_top - 3.0,
        12.0,
        Anchor::TOP_RIGHT,
    );
    let sw = right - sx0;
    let (hw, hh) = (62.0, 38.0);
    let cx = sx0 + sw * 0.36;
    // Under the road: the cones, their cue, then the chamber with its rail.
    let cy = road_bottom - 65.0 - hh;
    let lifted = done(SiteStep::LiftCoverMagnetic) || done(SiteStep::LiftCoverByHand);
    let closed = done(SiteStep::CloseCover);
    let open = lifted && !closed;
    let stored = done(SiteStep::StoreCover);
    // The opening, dark once the cover is off.
    p.rect(
        cx - hw,
        cy - hh,
        cx + hw,
        cy + hh,
        if open {
            Color::srgb(0.12, 0.12, 0.12)
        } else {
            Color::srgb(0.35, 0.35, 0.38)
        },
        2.0,
    );
    if ceiling {
        p.label_in(
            tr(lang, "app-route-ceiling"),
            cx,
            cy + hh - 4.0,
            12.0,
            Anchor::TOP_CENTER,
            Color::WHITE,
        );
    }
    // The place 2 m away where the lifted cover is set down.
    let spot = Rect::new(cx + hw + 34.0, cy - 30.0, cx + hw + 34.0 + 84.0, cy + 30.0);
    p.dashed(
        spot.min.x, spot.min.y, spot.max.x, spot.min.y, 1.5, 5.0, INK, 1.0,
    );
    p.dashed(
        spot.min.x, spot.max.y, spot.max.x, spot.max.y, 1.5, 5.0, INK, 1.0,
    );
    p.label(
        tr(lang, "app-route-spot"),
        spot.center().x,
        spot.min.y - 4.0,
        11.0,
        Anchor::TOP_CENTER,
    );
    if !lifted {
        // The cover in place: a click lifts it by hand.
        let r = Rect::new(cx - hw, cy - hh, cx + hw, cy + hh);
        p.label(tr(lang, "app-route-cover"), cx, cy, 12.0, Anchor::CENTER);
        p.cue(
            tr(lang, "app-route-cue-by-hand"),
            cx - hw,
            cy + hh + 16.0,
            12.0,
        );
        part(p, r, SiteStep::LiftCoverByHand);
    } else if open {
        // The cover lifted: beside the opening, or set down 2 m away. A click closes.
        let c = if stored {
            spot.center()
        } else {
            // Beside the opening, outside the rail.
            Vec2::new(cx - hw + 20.0, cy - hh - 36.0)
        };
        let r = Rect::from_center_size(c, Vec2::new(76.0, 48.0));
        p.rect(
            r.min.x,
            r.min.y,
            r.max.x,
            r.max.y,
            Color::srgb(0.42, 0.42, 0.45),
            3.0,
        );
        p.label(tr(lang, "app-route-cover"), c.x, c.y, 12.0, Anchor::CENTER);
        part(p, r, SiteStep::CloseCover);
        p.cue(
            tr(lang, "app-route-cue-close"),
            r.min.x,
            r.min.y - 14.0,
            12.0,
        );
        if !stored {
            part(p, spot, SiteStep::StoreCover);
            p.cue(
                tr(lang, "app-route-cue-store"),
                spot.min.x - 20.0,
                spot.max.y + 14.0,
                12.0,
            );
        }
    }
    let signs_up = done(SiteStep::ApproachSign) && !done(SiteStep::RemoveSigns);
    if done(SiteStep::GuardRail) && !done(SiteStep::RemoveSigns) {
        let (x0, x1, y0, y1) = (
            cx - hw - 10.0,
            cx + hw + 10.0,
            cy - hh - 10.0,
            cy + hh + 10.0,
        );
        for (a, b) in [
            (Vec2::new(x0, y0), Vec2::new(x1, y0)),
            (Vec2::new(x0, y1), Vec2::new(x1, y1)),
            (Vec2::new(x0, y0), Vec2::new(x0, y1)),
            (Vec2::new(x1, y0), Vec2::new(x1, y1)),
        ] {
            p.dashed(a.x, a.y, b.x, b.y, 4.0, 10.0, POLE_RED, 3.0);
        }
    }
    let mut signs: Option<Rect> = None;
    if signs_up {
        // The approach sign on the road, ahead of the site.
        let sx = sx0 + 30.0;
        let sy = (road_top + road_bottom) / 2.0;
        p.rect(
            sx - 18.0,
            sy - 18.0,
            sx + 18.0,
            sy + 18.0,
            Color::srgb(0.95, 0.8, 0.1),
            2.0,
        );
        p.label("AK5", sx, sy, 13.0, Anchor::CENTER);
        signs = Some(Rect::new(sx - 18.0, sy - 18.0, sx + 18.0, sy + 18.0));
    }
    if done(SiteStep::Cones) && !done(SiteStep::RemoveSigns) {
        // Cones along the pavement's edge, between the road and the chamber.
        let y = road_bottom - 16.0;
        let (x0, x1) = (cx - hw - 30.0, cx + hw + 30.0);
        for i in 0..6 {
            let x = x0 + i as f32 * (x1 - x0) / 5.0;
            p.rect(x - 6.0, y - 7.0, x + 6.0, y + 7.0, WARN, 2.0);
        }
        let r = Rect::new(x0 - 8.0, y - 9.0, x1 + 8.0, y + 9.0);
        signs = Some(signs.map_or(r, |s| s.union(r)));
    }
    if let Some(r) = signs {
        // The signs placed: a click takes them away.
        part(p, r, SiteStep::RemoveSigns);
        p.cue(
            tr(lang, "app-route-cue-signs"),
            r.min.x,
            r.min.y - 14.0,
            12.0,
        );
    }
    // The steps taken, in order, under the site.
    let steps: Vec<String> = c
        .steps
        .iter()
        .enumerate()
        .map(|(i, s)| {
            format!(
                "{}. {}",
                i + 1,
                crate::exercise::routing::step_name(*s).render(lang)
            )
        })
        .collect();
    if !steps.is_empty() {
        p.label(
            tr(lang, "app-route-steps-taken"),
            sx0,
            cy - hh - 100.0,
            13.0,
            Anchor::TOP_LEFT,
        );
        p.label(
            steps.join("\n"),
            sx0,
            cy - hh - 118.0,
            12.0,
            Anchor::TOP_LEFT,
        );
    }
}
