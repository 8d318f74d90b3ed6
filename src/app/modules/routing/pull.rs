//! The pull's view: its panel (winch, lubricant, guides, split, swivel) and its drawing
//! (the duct profile with the chambers and the dynamometer's trace).

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{BAD, CABLE, CHAMBER, DUCT, WARN, nice_metres};
use super::{Chosen, RoutingForm, heading};
use crate::app::painter::{INK, Painter};
use crate::app::widgets::{limited, note_control};
use crate::exercise::Action;
use crate::exercise::routing::{PullAction, PullRun, RoutingState};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::pulling::Segment;

pub(super) fn pull_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &RoutingState,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-route-pull"));
    let ends = [
        st.site.route_chambers.first(),
        st.site.route_chambers.last(),
    ];
    ui.horizontal_wrapped(|ui| {
        ui.label(t("act-place-winch"));
        for c in ends.into_iter().flatten() {
            let on = st.pull.winch.as_ref() == Some(c);
            if ui.selectable_label(on, c.as_str()).clicked() {
                act(PullAction::PlaceWinch { chamber: c.clone() }.into());
            }
        }
    });
    let mut lub = st.pull.lubricated;
    if ui.checkbox(&mut lub, t("act-lubricate")).changed() {
        act(PullAction::Lubricate { on: lub }.into());
    }
    if let Chosen::Chamber(c) = &form.chosen
        && st.site.route_chambers.contains(c)
    {
        ui.horizontal(|ui| {
            ui.label(
                Msg::new("app-route-guide")
                    .text("chamber", c.clone())
                    .render(lang),
            );
            ui.add(limited(&mut form.guide_m, lang, &limits::SITE_DISTANCE_M).speed(0.01));
        });
        if ui.button(t("act-fit-guide")).clicked() {
            act(PullAction::FitGuide {
                chamber: c.clone(),
                radius_m: form.guide_m,
            }
            .into());
        }
    }
    if let Chosen::Chamber(c) = &form.chosen {
        let inner = st.site.route_chambers.len() > 2
            && st.site.route_chambers[1..st.site.route_chambers.len() - 1].contains(c);
        if inner {
            ui.horizontal(|ui| {
                ui.label(
                    Msg::new("app-route-lobe")
                        .text("chamber", c.clone())
                        .render(lang),
                );
                ui.add(limited(&mut form.lobe_m, lang, &limits::SITE_DISTANCE_M).speed(0.01));
            });
            ui.horizontal(|ui| {
                if ui.button(t("act-split-at")).clicked() {
                    act(PullAction::SplitAt {
                        chamber: c.clone(),
                        lobe_radius_m: form.lobe_m,
                    }
                    .into());
                }
                if ui.button(t("app-route-no-split")).clicked() {
                    act(PullAction::SplitAt {
                        chamber: c.clone(),
                        lobe_radius_m: 0.0,
                    }
                    .into());
                }
            });
        }
    }
    for (c, r) in &st.pull.guides {
        ui.label(
            Msg::new("app-route-guide-at")
                .text("chamber", c.clone())
                .num("r", *r, 2)
                .render(lang),
        );
    }
    for s in &st.pull.splits {
        ui.label(
            Msg::new("app-route-split-at")
                .text("chamber", s.chamber.clone())
                .num("r", s.lobe_radius_m, 2)
                .render(lang),
        );
    }
    let mut dan = form.swivel_n / 10.0;
    ui.horizontal(|ui| {
        ui.label(t("act-fit-swivel"));
        let lim = limits::Limit::new(
            limits::SWIVEL_N.min / 10.0,
            limits::SWIVEL_N.max / 10.0,
            limits::Unit::None,
        );
        ui.add(limited(&mut dan, lang, &lim).suffix(" daN").speed(1.0));
    });
    form.swivel_n = dan * 10.0;
    if ui.button(t("app-route-fit")).clicked() {
        act(PullAction::FitSwivel {
            rating_n: form.swivel_n,
        }
        .into());
    }
    let r = ui.button(egui::RichText::new(t("act-start-pull")).strong());
    note_control(ui, "start-pull", r.rect);
    if r.clicked() {
        act(PullAction::StartPull.into());
    }
}

/// The duct profile along the route (chambers, bends, the drum and the winch) and the
/// dynamometer of the last pull, drawn up to where the pull has got to.
pub(super) fn pull_view(
    p: &mut Painter,
    lang: Lang,
    st: &RoutingState,
    progress: f64,
    [left, right, top, bottom]: [f32; 4],
) {
    p.rect(left, bottom, right, top, Color::srgb(0.96, 0.97, 1.0), 0.0);
    p.label(
        tr(lang, "app-route-profile"),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let total = st.site.route_length_m().max(1.0);
    let x0 = left + 50.0;
    let x1 = right - 30.0;
    let x_of = |m: f64| x0 + (m / total) as f32 * (x1 - x0);
    let duct_y = top - 58.0;
    p.rect(x0, duct_y - 3.0, x1, duct_y + 3.0, DUCT, 1.0);
    let mut at = 0.0;
    let from_start_now = st.site.route_chambers.last() == st.pull.winch.as_ref();
    for (k, sec) in st.pull.guided_sections(&st.site).iter().enumerate() {
        let cx = x_of(at);
        let id = st.site.route_chambers.get(k).cloned().unwrap_or_default();
        chamber_box(p, lang, st, &id, cx, duct_y);
        for s in sec {
            match *s {
                Segment::Straight { length_m, .. } => at += length_m,
                Segment::Bend {
                    angle_deg,
                    radius_m,
                } => {
                    let bx = x_of(at);
                    p.line(
                        bx - 5.0,
                        duct_y + 6.0,
                        bx + 5.0,
                        duct_y + 16.0,
                        2.0,
                        WARN,
                        2.0,
                    );
                    let text = match radius_m {
                        Some(r) => format!("{angle_deg:.0}° R{r:.2}"),
                        None => format!("{angle_deg:.0}°"),
                    };
                    p.label(text, bx, duct_y + 18.0, 11.0, Anchor::BOTTOM_CENTER);
                }
            }
        }
    }
    if let Some(last) = st.site.route_chambers.last() {
        chamber_box(p, lang, st, last, x_of(total), duct_y);
    }
    if st.pull.winch.is_some() {
        let (drum_x, winch_x) = if from_start_now {
            (x_of(0.0), x_of(total))
        } else {
            (x_of(total), x_of(0.0))
        };
        p.label(
            tr(lang, "app-route-drum"),
            drum_x,
            duct_y - 26.0,
            12.0,
            Anchor::TOP_CENTER,
        );
        p.label(
            tr(lang, "app-route-winch"),
            winch_x,
            duct_y - 26.0,
            12.0,
            Anchor::TOP_CENTER,
        );
    }
    // The dynamometer: tension against length pulled.
    let g_top = duct_y - 48.0;
    let g_bottom = bottom + 26.0;
    let gx0 = x0;
    let gx1 = x1;
    let max_t = st.site.cable.max_tension_n;
    let swivel = st.pull.swivel_n.unwrap_or(0.0);
    let run = st.pull.last_pull();
    let peak = run.map_or(0.0, |r| r.max_tension_n);
    let t_top = (max_t.max(swivel).max(peak) * 1.15).max(100.0);
    let ty = |t: f64| g_bottom + (t / t_top) as f32 * (g_top - g_bottom);
    p.rect(gx0, g_bottom, gx0 + 1.5, g_top, INK, 2.0);
    p.rect(gx0, g_bottom, gx1, g_bottom + 1.5, INK, 2.0);
    p.label(
        tr(lang, "app-route-dyn-axis"),
        gx0 + 4.0,
        g_top,
        12.0,
        Anchor::TOP_LEFT,
    );
    // Ticks in daN, as the instrument reads.
    let step_n = nice_metres(t_top / 4.0 / 10.0) * 10.0;
    let mut tick = 0.0;
    while tick <= t_top {
        p.rect(gx0 - 5.0, ty(tick) - 0.5, gx0, ty(tick) + 0.5, INK, 2.0);
        p.label(
            format!("{:.0}", tick / 10.0),
            gx0 - 7.0,
            ty(tick),
            11.0,
            Anchor::CENTER_RIGHT,
        );
        tick += step_n;
    }
    p.label(
        format!("{:.0} m", total),
        gx1,
        g_bottom - 3.0,
        12.0,
        Anchor::TOP_RIGHT,
    );
    p.dashed(gx0, ty(max_t), gx1, ty(max_t), 2.0, 6.0, BAD, 3.0);
    p.label_in(
        Msg::new("app-route-limit")
            .num("t", max_t / 10.0, 0)
            .render(lang),
        gx1,
        ty(max_t) + 3.0,
        11.0,
        Anchor::BOTTOM_RIGHT,
        BAD,
    );
    if swivel > 0.0 {
        p.dashed(gx0, ty(swivel), gx1, ty(swivel), 1.5, 4.0, WARN, 3.0);
        p.label_in(
            Msg::new("app-route-swivel-line")
                .num("t", swivel / 10.0, 0)
                .render(lang),
            gx1,
            ty(swivel) - 3.0,
            11.0,
            Anchor::TOP_RIGHT,
            WARN,
        );
    }
    if let Some(run) = run {
        dynamometer(p, lang, run, progress, total, [gx0, gx1], &ty, max_t);
    }
}

pub(super) fn chamber_box(
    p: &mut Painter,
    _lang: Lang,
    st: &RoutingState,
    id: &str,
    x: f32,
    y: f32,
) {
    p.rect(x - 9.0, y - 12.0, x + 9.0, y + 12.0, CHAMBER, 3.0);
    let mut tag = id.to_string();
    if st.pull.splits.iter().any(|s| s.chamber == id) {
        tag.push_str(" (8)");
    }
    p.label(tag, x, y - 14.0, 12.0, Anchor::TOP_CENTER);
}

/// The last pull's tension along the route, up to `progress` of it.
#[allow(clippy::too_many_arguments)]
pub(super) fn dynamometer(
    p: &mut Painter,
    lang: Lang,
    run: &PullRun,
    progress: f64,
    total: f64,
    [gx0, gx1]: [f32; 2],
    ty: &dyn Fn(f64) -> f32,
    max_t: f64,
) {
    // Each part's nodes along the route, in the order pulled, as distances covered.
    let mut pts: Vec<(f64, f64)> = Vec::new();
    let mut offset = 0.0;
    let mut stop = None;
    for (k, part) in run.parts.iter().enumerate() {
        let len = part.nodes.last().map_or(0.0, |n| n.at_m);
        for n in &part.nodes {
            pts.push((offset + n.at_m, n.tension_n));
            if let Some((pk, at)) = run.fuse_broke
                && pk == k
                && n.at_m >= at
            {
                stop = Some(offset + at);
                break;
            }
        }
        if stop.is_some() {
            break;
        }
        offset += len;
    }
    let reach = stop.unwrap_or(total) * progress;
    let x_of = |m: f64| gx0 + (m / total.max(1.0)) as f32 * (gx1 - gx0);
    // The nodes passed, then the point reached, between two nodes (a straight adds its
    // friction evenly along it).
    let mut shown: Vec<(f64, f64)> = pts.iter().copied().filter(|(m, _)| *m <= reach).collect();
    if let (Some(&(m0, t0)), Some(&(m1, t1))) = (shown.last(), pts.iter().find(|(m, _)| *m > reach))
    {
        let f = if m1 > m0 {
            (reach - m0) / (m1 - m0)
        } else {
            1.0
        };
        shown.push((reach, t0 + (t1 - t0) * f));
    }
    let now = shown.last().map_or(0.0, |(_, t)| *t);
    let shown: Vec<Vec2> = shown
        .iter()
        .map(|(m, t)| Vec2::new(x_of(*m), ty(*t)))
        .collect();
    let colour = if run.overstrained { BAD } else { CABLE };
    p.polyline(&shown, 2.5, colour, 4.0);
    let msg = if progress < 1.0 {
        Msg::new("app-route-pulling")
            .num("m", reach, 0)
            .num("total", total, 0)
            .num("t", now / 10.0, 0)
    } else if run.fuse_broke.is_some() {
        Msg::new("app-route-fuse-broke")
    } else {
        Msg::new("app-route-pulled")
            .num("t", run.max_tension_n / 10.0, 0)
            .num("max", max_t / 10.0, 0)
    };
    p.label(
        msg.render(lang),
        gx0 + 8.0,
        ty(0.0) + (ty(max_t) - ty(0.0)) * 0.8,
        13.0,
        Anchor::TOP_LEFT,
    );
}
