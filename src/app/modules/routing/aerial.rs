//! The aerial station's view: the pole's and the span's panels, and their drawings (the
//! span's elevation with its sag, the line's hardware, the pole under inspection).

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{
    BAD, CABLE, Elevation, GROUND, OK, POLE_BLUE, POLE_RED, POWER, ROAD, SiteMap, WARN, WOOD,
    label_colour, nice_metres,
};
use super::{RoutingForm, heading};
use crate::app::painter::{INK, Painter};
use crate::app::widgets::{limited, note_control};
use crate::exercise::Action;
use crate::exercise::routing::{
    AerialAction, PoleDecision, Remedy, RoutingState, decision_name, hardware_name, remedy_name,
};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::clearance::{ROAD_CLEARANCE_M, approach_limit_m};
use crate::physics::hardware::Hardware;
use crate::scenario::routing::PoleCondition;

pub(super) fn pole_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &RoutingState,
    i: usize,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let p = &st.site.setup.site.poles[i];
    let w = &st.aerial.poles[i];
    let id = p.id.clone();
    heading(
        ui,
        Msg::new("app-route-pole")
            .text("pole", id.clone())
            .render(lang),
    );
    ui.label(
        Msg::new("app-route-pole-facts")
            .num("h", p.height_m, 1)
            .num("f", p.nominal_n / 10.0, 0)
            .num("dev", p.deviation_deg, 0)
            .render(lang),
    );
    if ui.button(t("act-inspect-pole")).clicked() {
        act(AerialAction::InspectPole { pole: id.clone() }.into());
    }
    let checking = st.aerial.poles_to_check(&st.site).contains(&i);
    if checking {
        ui.horizontal(|ui| {
            ui.label(t("app-route-card-number"));
            ui.add(egui::TextEdit::singleline(&mut form.number).desired_width(140.0));
        });
        if ui.button(t("act-record-pole")).clicked() {
            act(AerialAction::RecordPole {
                pole: id.clone(),
                number: form.number.clone(),
            }
            .into());
        }
        if let Some(n) = &w.number {
            ui.label(
                Msg::new("app-route-card")
                    .text("number", n.clone())
                    .render(lang),
            );
        }
        ui.horizontal_wrapped(|ui| {
            for d in [
                PoleDecision::Nacelle,
                PoleDecision::Ladder,
                PoleDecision::Refuse,
            ] {
                let r = ui.selectable_label(w.decision == Some(d), decision_name(d).render(lang));
                if r.clicked() {
                    act(AerialAction::DecidePole {
                        pole: id.clone(),
                        decision: d,
                    }
                    .into());
                }
            }
        });
    }
    if st.aerial.study_poles(&st.site).contains(&i) {
        ui.separator();
        ui.label(egui::RichText::new(t("app-route-study")).strong());
        // The new cable's tension on each side, as a study tool works it out: laid in
        // still air, then loaded by the hypothesis over the section's ruling span.
        let [before, after] = st.aerial.study_sections(&st.site, i);
        let after = after.filter(|a| before.as_ref().is_none_or(|b| b.spans != a.spans));
        let site_spans = &st.site.setup.site.spans;
        if before.is_some() || after.is_some() {
            ui.label(
                Msg::new("app-route-study-tensions")
                    .num("wind", st.aerial.study_wind_pa(&st.site), 0)
                    .render(lang),
            );
        }
        for sec in [before, after].into_iter().flatten() {
            let (Some(&first), Some(&last)) = (sec.spans.first(), sec.spans.last()) else {
                continue;
            };
            let spans = sec
                .spans
                .iter()
                .map(|&s| format!("{:.0}", st.site.drawn.span_lengths_m[s]))
                .collect::<Vec<_>>()
                .join(" + ");
            ui.label(
                Msg::new("app-route-study-tension")
                    .text("from", site_spans[first].from.clone())
                    .text("to", site_spans[last].to.clone())
                    .text("spans", spans)
                    .num("ruling", sec.ruling_m, 1)
                    .num("laid", sec.laid_n / 10.0, 1)
                    .num("t", sec.tension_n / 10.0, 1)
                    .render(lang),
            );
        }
        ui.horizontal(|ui| {
            ui.label(t("app-route-utilisation"));
            ui.add(limited(&mut form.reading_pct, lang, &limits::UTILISATION_PCT).speed(0.5));
        });
        if ui.button(t("act-read-load")).clicked() {
            act(AerialAction::ReadLoad {
                pole: id.clone(),
                utilisation_pct: form.reading_pct,
            }
            .into());
        }
        if let Some(r) = w.reading_pct {
            ui.label(Msg::new("app-route-read").num("pct", r, 0).render(lang));
        }
        ui.horizontal(|ui| {
            ui.label(t("app-route-guy-distance"));
            ui.add(limited(&mut form.guy_m, lang, &limits::SITE_DISTANCE_M).speed(0.1));
        });
        ui.horizontal_wrapped(|ui| {
            for r in [
                Remedy::Accept,
                Remedy::Guy {
                    anchor_m: form.guy_m,
                },
                Remedy::Strengthen,
                Remedy::Refuse,
            ] {
                let on = w
                    .remedy
                    .is_some_and(|x| std::mem::discriminant(&x) == std::mem::discriminant(&r));
                if ui
                    .selectable_label(on, remedy_name(r).render(lang))
                    .clicked()
                {
                    act(AerialAction::SetRemedy {
                        pole: id.clone(),
                        remedy: r,
                    }
                    .into());
                }
            }
        });
    }
    if st.aerial.hardware_task().is_some() {
        ui.horizontal(|ui| {
            for h in [Hardware::Anchor, Hardware::Suspension] {
                let r = ui.selectable_label(w.hardware == Some(h), hardware_name(h).render(lang));
                if r.clicked() {
                    act(AerialAction::SetHardware {
                        pole: id.clone(),
                        hardware: h,
                    }
                    .into());
                }
            }
        });
    }
}

pub(super) fn span_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    st: &RoutingState,
    k: usize,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let s = &st.site.setup.site.spans[k];
    heading(
        ui,
        Msg::new("app-route-span")
            .int("span", (k + 1) as u32)
            .text("from", s.from.clone())
            .text("to", s.to.clone())
            .num("len", st.site.drawn.span_lengths_m[k], 1)
            .render(lang),
    );
    if s.road {
        ui.label(tr(lang, "app-route-over-road"));
    }
    // The dynamometer: set in daN, as on the instrument.
    let mut dan = form.tension_n / 10.0;
    ui.horizontal(|ui| {
        ui.label(tr(lang, "app-route-dynamometer"));
        let tension = limits::Limit::new(
            limits::CABLE_TENSION_N.min / 10.0,
            limits::CABLE_TENSION_N.max / 10.0,
            limits::Unit::None,
        );
        ui.add(limited(&mut dan, lang, &tension).suffix(" daN").speed(0.5));
    });
    form.tension_n = dan * 10.0;
    // What the span does at that tension, read as a technician sights it.
    let sag = st.site.sag_m(k, form.tension_n);
    let (x, low) = st.site.lowest_point(k, form.tension_n);
    ui.label(
        Msg::new("app-route-sag-now")
            .num("sag", sag, 2)
            .num("low", low, 2)
            .num("x", x, 1)
            .render(lang),
    );
    if practice {
        let wave = (32.0 * sag / crate::scenario::routing::G).sqrt();
        ui.label(Msg::new("app-route-wave").num("t", wave, 2).render(lang));
    }
    let r = ui.button(tr(lang, "act-tension-span"));
    note_control(ui, "tension", r.rect);
    if r.clicked() {
        act(AerialAction::TensionSpan {
            span: (k + 1) as u32,
            tension_n: form.tension_n,
        }
        .into());
    }
}

/// The elevation of span `k` at tension `t`: to scale vertically (heights and sag in
/// metres), the length compressed to fit, both scales drawn.
pub(super) fn elevation(
    p: &mut Painter,
    lang: Lang,
    st: &RoutingState,
    k: usize,
    t: f64,
    [left, right, top, bottom]: [f32; 4],
) -> Option<Elevation> {
    let site = &st.site.setup.site;
    let s = site.spans.get(k)?;
    let find = |id: &str| site.poles.iter().find(|q| q.id == id);
    let (a, b) = (find(&s.from)?, find(&s.to)?);
    let l = st.site.drawn.span_lengths_m[k];
    p.rect(left, bottom, right, top, Color::srgb(0.96, 0.97, 1.0), 0.0);
    p.label(
        Msg::new("app-route-elevation")
            .int("span", (k + 1) as u32)
            .text("from", a.id.clone())
            .text("to", b.id.clone())
            .render(lang),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let line_h = site
        .power_lines
        .iter()
        .enumerate()
        .filter(|(_, pl)| pl.pole == a.id || pl.pole == b.id)
        .map(|(i, _)| st.site.drawn.line_distances_m[i])
        .fold(0.0, f64::max);
    let max_h = a.height_m.max(b.height_m).max(a.attach_height_m + line_h) + 1.0;
    let ground_y = bottom + 34.0;
    let px_up = (top - 30.0 - ground_y) / max_h as f32;
    let x0 = left + 60.0;
    let x1 = right - 60.0;
    let px_along = (x1 - x0) / l as f32;
    let y_of = |m: f64| ground_y + m as f32 * px_up;
    let x_of = |m: f64| x0 + m as f32 * px_along;
    p.rect(left, bottom, right, ground_y, GROUND, 0.5);
    if s.road {
        let (r0, r1) = (x_of(l * 0.3), x_of(l * 0.7));
        p.rect(r0, ground_y - 8.0, r1, ground_y, ROAD, 0.6);
        p.label(
            tr(lang, "app-route-road"),
            (r0 + r1) / 2.0,
            ground_y + 2.0,
            12.0,
            Anchor::BOTTOM_CENTER,
        );
        let yc = y_of(ROAD_CLEARANCE_M);
        p.dashed(r0, yc, r1, yc, 2.0, 6.0, BAD, 3.0);
        p.label(
            Msg::new("app-route-clearance")
                .num("h", ROAD_CLEARANCE_M, 2)
                .render(lang),
            r0 - 4.0,
            yc,
            12.0,
            Anchor::CENTER_RIGHT,
        );
    }
    for (q, x) in [(a, x_of(0.0)), (b, x_of(l))] {
        p.rect(x - 4.0, ground_y, x + 4.0, y_of(q.height_m), WOOD, 2.0);
        p.label(
            format!("{} · {:.1} m", q.id, q.height_m),
            x,
            y_of(q.height_m) + 4.0,
            12.0,
            Anchor::BOTTOM_CENTER,
        );
    }
    // A power line by either pole, at its distance above the working point.
    for (i, pl) in site.power_lines.iter().enumerate() {
        let at_pole = if pl.pole == a.id {
            Some(a)
        } else if pl.pole == b.id {
            Some(b)
        } else {
            None
        };
        if let Some(q) = at_pole {
            let ly = y_of(q.attach_height_m + st.site.drawn.line_distances_m[i]);
            p.line(left + 10.0, ly, right - 10.0, ly, 2.0, POWER, 3.0);
            p.label(
                Msg::new(if pl.bare {
                    "app-route-line-bare"
                } else {
                    "app-route-line-insulated"
                })
                .num("kv", pl.voltage_kv, 1)
                .render(lang),
                right - 12.0,
                ly + 3.0,
                12.0,
                Anchor::BOTTOM_RIGHT,
            );
        }
    }
    // The cable: the parabola through both attachments with the physics' sag.
    let (h_a, h_b) = (a.attach_height_m, b.attach_height_m);
    let sag = st.site.sag_m(k, t);
    let pts: Vec<Vec2> = (0..=60)
        .map(|i| {
            let x = l * f64::from(i) / 60.0;
            let y = h_a + (h_b - h_a) * x / l - 4.0 * sag * x * (l - x) / (l * l);
            Vec2::new(x_of(x), y_of(y))
        })
        .collect();
    p.polyline(&pts, 2.5, CABLE, 4.0);
    let (xl, yl) = st.site.lowest_point(k, t);
    let clears = !s.road || yl >= ROAD_CLEARANCE_M;
    let mark = if clears { OK } else { BAD };
    p.rect(
        x_of(xl) - 4.0,
        y_of(yl) - 4.0,
        x_of(xl) + 4.0,
        y_of(yl) + 4.0,
        mark,
        5.0,
    );
    p.label(
        Msg::new("app-route-low-point")
            .num("h", yl, 2)
            .num("x", xl, 1)
            .render(lang),
        x_of(xl),
        y_of(yl) + 8.0,
        12.0,
        Anchor::BOTTOM_CENTER,
    );
    // The sag, measured from the chord at mid-span.
    let xm = x_of(l / 2.0);
    let chord = y_of((h_a + h_b) / 2.0);
    p.line(xm, chord, xm, chord - sag as f32 * px_up, 1.0, WARN, 4.5);
    p.label(
        Msg::new("app-route-dyn")
            .num("t", t / 10.0, 1)
            .num("sag", sag, 2)
            .num("pct", 100.0 * sag / l, 2)
            .render(lang),
        right - 8.0,
        top - 4.0,
        14.0,
        Anchor::TOP_RIGHT,
    );
    // The scales: vertical to scale, length compressed.
    p.rect(left + 20.0, y_of(0.0), left + 23.0, y_of(1.0), INK, 5.0);
    p.label("1 m", left + 26.0, y_of(0.5), 12.0, Anchor::CENTER_LEFT);
    let bar = nice_metres(l / 5.0);
    p.rect(
        x0,
        bottom + 8.0,
        x0 + bar as f32 * px_along,
        bottom + 11.0,
        INK,
        5.0,
    );
    p.label(
        Msg::new("app-route-compressed")
            .num("m", bar, 0)
            .render(lang),
        x0 + bar as f32 * px_along + 6.0,
        bottom + 10.0,
        12.0,
        Anchor::CENTER_LEFT,
    );
    Some(Elevation {
        span: k,
        rect: Rect::new(left, bottom, right, top),
        ground_y,
        px_per_m_up: px_up,
        h_a,
        h_b,
    })
}

/// The line straightened out, as a technician reads it for the hardware: each pole with
/// its change of direction, the spans either side with their lengths, the road crossed,
/// the clamp fitted; the chosen pole marked.
pub(super) fn line_view(
    p: &mut Painter,
    lang: Lang,
    st: &RoutingState,
    chosen: usize,
    [left, right, top, bottom]: [f32; 4],
    map: &mut SiteMap,
) {
    let site = &st.site.setup.site;
    p.rect(left, bottom, right, top, Color::srgb(0.96, 0.97, 1.0), 0.0);
    p.label(
        tr(lang, "app-route-line"),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let n = site.poles.len().max(2);
    let x0 = left + 50.0;
    let x1 = right - 50.0;
    let step = (x1 - x0) / (n - 1) as f32;
    let y = (top + bottom) / 2.0;
    for (k, s) in site.spans.iter().enumerate() {
        let (Some(a), Some(b)) = (
            site.poles.iter().position(|q| q.id == s.from),
            site.poles.iter().position(|q| q.id == s.to),
        ) else {
            continue;
        };
        let (xa, xb) = (x0 + a as f32 * step, x0 + b as f32 * step);
        if s.road {
            p.rect(
                xa + step * 0.3,
                y - 40.0,
                xa + step * 0.7,
                y - 8.0,
                ROAD,
                1.0,
            );
            p.label(
                tr(lang, "app-route-road"),
                (xa + xb) / 2.0,
                y - 42.0,
                12.0,
                Anchor::TOP_CENTER,
            );
        }
        p.line(xa, y, xb, y, 2.0, CABLE, 2.0);
        p.label(
            format!("{:.0} m", st.site.drawn.span_lengths_m[k]),
            (xa + xb) / 2.0,
            y + 4.0,
            13.0,
            Anchor::BOTTOM_CENTER,
        );
    }
    for (i, q) in site.poles.iter().enumerate() {
        let x = x0 + i as f32 * step;
        if i == chosen {
            p.rect(x - 11.0, y - 30.0, x + 11.0, y + 30.0, INK, 2.5);
        }
        p.rect(x - 7.0, y - 26.0, x + 7.0, y + 26.0, WOOD, 3.0);
        p.label(q.id.clone(), x, y + 30.0, 13.0, Anchor::BOTTOM_CENTER);
        // A click on the pole here chooses it too (not noted for the tests: the plan's is).
        map.line_poles
            .push((Rect::new(x - 9.0, y - 28.0, x + 9.0, y + 28.0), i));
        if q.deviation_deg > 0.0 {
            p.label(
                format!("{:.0}°", q.deviation_deg),
                x,
                y - 30.0,
                13.0,
                Anchor::TOP_CENTER,
            );
        }
        if let Some(h) = st.aerial.poles[i].hardware {
            let (key, colour) = match h {
                Hardware::Anchor => ("hardware-anchor", POLE_RED),
                Hardware::Suspension => ("hardware-suspension", POLE_BLUE),
            };
            p.label_in(
                tr(lang, key),
                x,
                y + 48.0,
                13.0,
                Anchor::BOTTOM_CENTER,
                colour,
            );
        }
    }
}

/// The chosen pole, to scale, with its label, its state once inspected, and a power
/// line near it (its approach distance drawn in practice).
pub(super) fn pole_view(
    p: &mut Painter,
    lang: Lang,
    practice: bool,
    st: &RoutingState,
    i: usize,
    [left, right, top, bottom]: [f32; 4],
) {
    let q = &st.site.setup.site.poles[i];
    let inspected = st.aerial.poles[i].inspected_at.is_some();
    p.rect(left, bottom, right, top, Color::srgb(0.96, 0.97, 1.0), 0.0);
    p.label(
        Msg::new("app-route-pole")
            .text("pole", q.id.clone())
            .render(lang),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let lines: Vec<(f64, f64, bool)> = st
        .site
        .setup
        .site
        .power_lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.pole == q.id)
        .map(|(k, l)| (st.site.drawn.line_distances_m[k], l.voltage_kv, l.bare))
        .collect();
    let max_h = lines
        .iter()
        .map(|l| q.attach_height_m + l.0)
        .fold(q.height_m, f64::max)
        + 1.0;
    let ground_y = bottom + 24.0;
    let px = (top - 30.0 - ground_y) / max_h as f32;
    let y_of = |m: f64| ground_y + m as f32 * px;
    let x = (left + right) / 2.0 - 60.0;
    p.rect(left, bottom, right, ground_y, GROUND, 0.5);
    let lean = if inspected && q.condition == PoleCondition::Tilted {
        0.12
    } else {
        0.0
    };
    let top_x = x + lean * q.height_m as f32 * px;
    p.line(x, ground_y, top_x, y_of(q.height_m), 9.0, WOOD, 2.0);
    if inspected {
        // The label plate, and rot at the foot.
        p.rect(
            x - 8.0,
            y_of(1.6),
            x + 8.0,
            y_of(1.9),
            label_colour(q.label),
            3.0,
        );
        p.label(
            q.number.clone(),
            x + 12.0,
            y_of(1.75),
            12.0,
            Anchor::CENTER_LEFT,
        );
        if let PoleCondition::Decayed { .. } = q.condition {
            p.rect(
                x - 6.0,
                ground_y,
                x + 6.0,
                y_of(0.5),
                Color::srgb(0.25, 0.18, 0.1),
                3.0,
            );
            p.label(
                tr(lang, "pole-decayed"),
                x + 12.0,
                y_of(0.3),
                12.0,
                Anchor::CENTER_LEFT,
            );
        }
    } else {
        p.label(
            tr(lang, "app-route-click-inspect"),
            x + 16.0,
            y_of(q.height_m / 2.0),
            13.0,
            Anchor::CENTER_LEFT,
        );
    }
    let wy = y_of(q.attach_height_m);
    p.rect(x - 3.0, wy - 3.0, x + 25.0, wy + 3.0, INK, 4.0);
    p.label(
        tr(lang, "app-route-work-point"),
        x + 28.0,
        wy,
        12.0,
        Anchor::CENTER_LEFT,
    );
    for e in &q.existing {
        let ey = y_of(e.height_m);
        p.rect(
            x - 25.0,
            ey - 2.0,
            x + 3.0,
            ey + 2.0,
            Color::srgb(0.6, 0.35, 0.1),
            4.0,
        );
        p.label(
            Msg::new("app-route-existing")
                .num("t", e.tension_n / 10.0, 0)
                .num("d", e.diameter_mm, 0)
                .render(lang),
            x - 28.0,
            ey,
            12.0,
            Anchor::CENTER_RIGHT,
        );
    }
    if let Some(crate::exercise::routing::Remedy::Guy { anchor_m }) = st.aerial.poles[i].remedy {
        // The guy from the attachment to its anchor, at the drawing's scale.
        let gx = x + anchor_m as f32 * px;
        p.line(x, wy, gx, ground_y, 1.5, INK, 3.5);
        p.label(
            format!("{anchor_m:.1} m"),
            (x + gx) / 2.0,
            ground_y + 4.0,
            12.0,
            Anchor::BOTTOM_CENTER,
        );
    }
    if st.aerial.study_poles(&st.site).contains(&i) {
        p.label(
            Msg::new("app-route-pole-class")
                .num("f", q.nominal_n / 10.0, 0)
                .num("h", q.reference_height_m(), 2)
                .num("dev", q.deviation_deg, 0)
                .render(lang),
            right - 8.0,
            top - 4.0,
            13.0,
            Anchor::TOP_RIGHT,
        );
    }
    for (d, kv, bare) in lines {
        let ly = y_of(q.attach_height_m + d);
        p.line(left + 20.0, ly, right - 20.0, ly, 2.0, POWER, 3.0);
        p.label(
            Msg::new(if bare {
                "app-route-line-bare"
            } else {
                "app-route-line-insulated"
            })
            .num("kv", kv, 1)
            .render(lang),
            right - 24.0,
            ly + 4.0,
            12.0,
            Anchor::BOTTOM_RIGHT,
        );
        if practice && let Some(limit) = approach_limit_m(kv, bare) {
            // The approach zone under the line: no tool, no swing inside.
            let zy = y_of(q.attach_height_m + d - limit);
            p.dashed(left + 20.0, zy, right - 20.0, zy, 1.5, 6.0, POWER, 3.0);
            p.label(
                Msg::new("app-route-zone").num("m", limit, 0).render(lang),
                left + 24.0,
                zy - 3.0,
                12.0,
                Anchor::TOP_LEFT,
            );
        }
    }
}
