//! The site drawn by Bevy from the exercise state, and the gestures on it.
//!
//! Above, the plan: poles (coloured by their label once inspected), spans (the road
//! crossed in grey), chambers and the ducts between them, houses for scale. Below, what
//! the work needs: the elevation of the chosen span (poles, the cable's sag curve from
//! the physics, the 5.50 m clearance over a road, a power line), the chosen pole with
//! the line near it, the duct profile with the drum, the winch and the live
//! dynamometer of the last pull, or the chamber being opened. A click on a pole
//! inspects it, a click on a span or a chamber chooses it; a vertical drag on the span
//! in the elevation sets the dynamometer's tension (the sag follows the pointer), and
//! letting go tensions the span. The drawings below the plan are the stations' (one
//! file each beside this one).

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::window::PrimaryWindow;

use super::canvas::{
    CABLE, CHAMBER, DUCT, POLE_BLUE, POLE_RED, ROAD, SiteMap, WOOD, label_colour, nice_metres,
};
use super::{Chosen, RoutingForm};
use crate::app::AppSet;
use crate::app::flow::{Current, UiCommand};
use crate::app::painter::{BenchCanvas, INK, Painter, clear, window_of, window_rect, world_of};
use crate::exercise::Action;
use crate::exercise::routing::{AerialAction, ChamberAction, PullAction, TrenchAction};
use crate::exercise::routing::{RoutingState, SiteStep};
use crate::i18n::{Lang, tr};
use crate::physics::hardware::Hardware;
use crate::scenario::Mode;

use super::super::ModuleView;

pub fn plugin(app: &mut App) {
    app.init_resource::<SiteMap>()
        .init_resource::<PullClock>()
        .add_systems(
            Update,
            (gestures, redraw.in_set(AppSet::Redraw))
                .chain()
                .run_if(in_state(ModuleView::Routing)),
        )
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            note_map.run_if(in_state(ModuleView::Routing)),
        )
        .add_systems(OnExit(ModuleView::Routing), (clear, forget));
}

/// Where the drawing put the poles and the span's elevation, and the tensions, for the
/// screenshot tests (window pixels).
fn note_map(
    mut contexts: bevy_egui::EguiContexts,
    map: Res<SiteMap>,
    form: Res<RoutingForm>,
    current: Res<Current>,
    window: Single<&Window, With<PrimaryWindow>>,
) -> Result {
    use crate::app::widgets::{note_rect, note_value};
    let ctx = contexts.ctx_mut()?;
    let win = |p: Vec2| window_of(&window, p);
    let to_window = |r: Rect| window_rect(&window, r);
    let Some(st) = current
        .live
        .as_ref()
        .and_then(|l| l.session.exercise.state.routing())
    else {
        return Ok(());
    };
    for (c, i) in &map.poles {
        let id = &st.site.setup.site.poles[*i].id;
        note_rect(
            ctx,
            &format!("pole-{id}"),
            to_window(Rect::from_center_size(*c, Vec2::splat(16.0))),
        );
    }
    if let Some(e) = map.elevation {
        note_rect(ctx, "elevation", to_window(e.rect));
        note_value(ctx, "elevation-span", (e.span + 1) as f64);
        note_value(
            ctx,
            "elevation-ground-y",
            f64::from(win(Vec2::new(0.0, e.ground_y)).y),
        );
        note_value(ctx, "elevation-px-per-m", f64::from(e.px_per_m_up));
        note_value(ctx, "elevation-mid-attach-m", (e.h_a + e.h_b) / 2.0);
    }
    note_value(ctx, "tension-n", form.tension_n);
    for (r, step) in &map.chamber_parts {
        note_rect(ctx, &format!("chamber-{step:?}"), to_window(*r));
    }
    if let Some(c) = &st.chamber {
        note_value(ctx, "chamber-steps", c.steps.len() as f64);
        for s in &c.steps {
            note_value(ctx, &format!("chamber-done-{s:?}"), 1.0);
        }
    }
    for (k, t) in st.aerial.span_tensions_n.iter().enumerate() {
        if let Some(t) = t {
            note_value(ctx, &format!("span-{}-tension-n", k + 1), *t);
        }
    }
    for (i, w) in st.aerial.poles.iter().enumerate() {
        if w.inspected_at.is_some() {
            note_value(
                ctx,
                &format!("pole-{}-inspected", st.site.setup.site.poles[i].id),
                1.0,
            );
        }
    }
    Ok(())
}

/// When the last pull started on screen, for the live dynamometer.
#[derive(Resource, Default)]
struct PullClock {
    pulls: usize,
    started_s: f64,
}

fn forget(mut map: ResMut<SiteMap>, mut clock: ResMut<PullClock>) {
    *map = SiteMap::default();
    *clock = PullClock::default();
}

/// A press and release closer than this, pixels, is a click.
const CLICK_PX: f32 = 5.0;

fn dist_to_segment(p: Vec2, a: Vec2, b: Vec2) -> f32 {
    let ab = b - a;
    let t = ((p - a).dot(ab) / ab.length_squared().max(1e-6)).clamp(0.0, 1.0);
    (a + ab * t - p).length()
}

#[allow(clippy::too_many_arguments)]
fn gestures(
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    egui_wants: Res<bevy_egui::input::EguiWantsInput>,
    map: Res<SiteMap>,
    current: Res<Current>,
    mut form: ResMut<RoutingForm>,
    mut press: Local<Option<Vec2>>,
    mut cmds: MessageWriter<UiCommand>,
) {
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let Some(st) = current
        .live
        .as_ref()
        .and_then(|l| l.session.exercise.state.routing())
    else {
        return;
    };
    let p = world_of(&window, cursor);
    if buttons.just_pressed(MouseButton::Left) && !egui_wants.is_pointer_over_area() {
        *press = Some(p);
    }
    let Some(start) = *press else {
        return;
    };
    let moved = (p - start).length() >= CLICK_PX;
    // The lifted cover dragged to the place 2 m away sets it down there.
    if moved && buttons.just_released(MouseButton::Left) {
        let on = |q: Vec2, step: SiteStep| {
            map.chamber_parts
                .iter()
                .any(|(r, s)| *s == step && r.contains(q))
        };
        if on(start, SiteStep::CloseCover) && on(p, SiteStep::StoreCover) {
            *press = None;
            cmds.write(UiCommand::Act {
                action: Action::from(ChamberAction::Step {
                    step: SiteStep::StoreCover,
                }),
                at_ms: None,
            });
            return;
        }
    }
    // A drag on the trench's section: from near its bottom it moves the bottom, else the
    // mesh; letting go digs the zone as set.
    if let Some((rect, k, surface, px)) = map.trench.filter(|t| t.0.contains(start))
        && moved
    {
        let depth = (f64::from((surface - p.y) / px) * 100.0).round() / 100.0;
        let depth = depth.clamp(0.0, crate::limits::TRENCH_DEPTH_M.max);
        let start_depth = f64::from((surface - start.y) / px);
        let _ = rect;
        if (start_depth - form.bottom_m).abs() < (start_depth - form.mesh_m).abs() {
            form.bottom_m = depth;
        } else {
            form.mesh_m = depth;
        }
        if buttons.just_released(MouseButton::Left) {
            *press = None;
            cmds.write(UiCommand::Act {
                action: Action::from(TrenchAction::DigZone {
                    zone: (k + 1) as u32,
                    bottom_m: form.bottom_m,
                    mesh_depth_m: form.mesh_m,
                    mesh: form.mesh,
                }),
                at_ms: None,
            });
        }
        return;
    }
    // A drag on the elevation: the sag follows the pointer.
    if let Some(e) = map.elevation.filter(|e| e.rect.contains(start))
        && moved
    {
        let mid_attach = (e.h_a + e.h_b) / 2.0;
        let y_m = f64::from((p.y - e.ground_y) / e.px_per_m_up);
        let sag = (mid_attach - y_m).clamp(0.02, mid_attach.max(0.1));
        let l = st.site.drawn.span_lengths_m[e.span];
        form.tension_n =
            crate::physics::span::tension_for_sag_catenary(st.site.cable.weight_n_per_m, l, sag)
                .clamp(
                    crate::limits::CABLE_TENSION_N.min,
                    crate::limits::CABLE_TENSION_N.max,
                )
                .round();
        if buttons.just_released(MouseButton::Left) {
            *press = None;
            cmds.write(UiCommand::Act {
                action: Action::from(AerialAction::TensionSpan {
                    span: (e.span + 1) as u32,
                    tension_n: form.tension_n,
                }),
                at_ms: None,
            });
        }
        return;
    }
    if !buttons.just_released(MouseButton::Left) {
        return;
    }
    *press = None;
    if moved {
        return;
    }
    if let Some((_, i)) = map.poles.iter().find(|(c, _)| (*c - p).length() <= 12.0) {
        form.chosen = Chosen::Pole(*i);
        if st.aerial.poles[*i].inspected_at.is_none() {
            cmds.write(UiCommand::Act {
                action: Action::from(AerialAction::InspectPole {
                    pole: st.site.setup.site.poles[*i].id.clone(),
                }),
                at_ms: None,
            });
        }
        return;
    }
    if let Some((_, step)) = map.chamber_parts.iter().find(|(r, _)| r.contains(p)) {
        cmds.write(UiCommand::Act {
            action: Action::from(ChamberAction::Step { step: *step }),
            at_ms: None,
        });
        return;
    }
    if let Some((_, i)) = map.line_poles.iter().find(|(r, _)| r.contains(p)) {
        form.chosen = Chosen::Pole(*i);
        return;
    }
    if let Some((_, id)) = map.chambers.iter().find(|(r, _)| r.contains(p)) {
        form.chosen = Chosen::Chamber(id.clone());
        // A click on an end chamber of the route puts the winch there (the gesture of
        // setting it up); the panel moves it too.
        let end =
            st.site.route_chambers.first() == Some(id) || st.site.route_chambers.last() == Some(id);
        let pulling = st.pull.task.is_some();
        if end && pulling && st.pull.winch.as_ref() != Some(id) && st.pull.pulls.is_empty() {
            cmds.write(UiCommand::Act {
                action: Action::from(PullAction::PlaceWinch {
                    chamber: id.clone(),
                }),
                at_ms: None,
            });
        }
        return;
    }
    if let Some((_, _, k)) = map
        .spans
        .iter()
        .find(|(a, b, _)| dist_to_segment(p, *a, *b) <= 8.0)
    {
        form.chosen = Chosen::Span(*k);
        // The dynamometer shows the span as it was left.
        if let Some(t) = st.aerial.span_tensions_n.get(*k).copied().flatten() {
            form.tension_n = t;
        }
    }
}

/// What the drawing shows; it is made again when one of these changes.
#[derive(Clone, PartialEq, Debug)]
struct Key {
    shown: crate::app::painter::Shown,
    chosen: Chosen,
    tension: i64,
    /// The trench's zone, bottom and mesh as set (mm).
    trench: (usize, i64, i64),
    /// The live dynamometer's step (0 when still).
    frame: u32,
}

fn redraw(
    mut canvas: BenchCanvas,
    form: Res<RoutingForm>,
    time: Res<Time>,
    mut clock: ResMut<PullClock>,
    mut drawn: Local<Option<Key>>,
    mut map: ResMut<SiteMap>,
) {
    let Some((sheet, mut d)) = canvas.parts() else {
        return;
    };
    let ex = &sheet.live.session.exercise;
    let Some(st) = ex.state.routing() else {
        return;
    };
    let lang = sheet.lang;
    let practice = ex.scenario.mode == Mode::Practice;
    // The live dynamometer runs faster in practice.
    let run_s = if practice { 3.0 } else { 8.0 };
    if st.pull.pulls.len() != clock.pulls {
        clock.pulls = st.pull.pulls.len();
        clock.started_s = time.elapsed_secs_f64();
    }
    let progress = ((time.elapsed_secs_f64() - clock.started_s) / run_s).clamp(0.0, 1.0);
    let frame = if st.pull.pulls.is_empty() || progress >= 1.0 {
        0
    } else {
        1 + (progress * 60.0) as u32
    };
    let chosen = form.chosen.or_first(st);
    let key = Key {
        shown: sheet.shown(),
        chosen: chosen.clone(),
        tension: form.tension_n.round() as i64,
        trench: (
            form.zone,
            (form.bottom_m * 1000.0).round() as i64,
            (form.mesh_m * 1000.0).round() as i64,
        ),
        frame,
    };
    if !d.fresh(&mut drawn, key) {
        return;
    }
    let [left, right, top, bottom] = sheet.area([20.0, 20.0, 12.0, 16.0]);
    let mut p = d.painter();
    let split = top - (top - bottom) * 0.48;
    let mut fresh = SiteMap::default();
    let has_plan = !st.site.setup.site.poles.is_empty()
        || st.site.setup.site.chambers.len() > 1
        || !st.site.setup.site.ducts.is_empty();
    let lower_top = if has_plan {
        plan(
            &mut p,
            lang,
            st,
            &chosen,
            [left, right, top, split + 8.0],
            &mut fresh,
        );
        split - 8.0
    } else {
        top
    };
    let area = [left, right, lower_top, bottom];
    let pulling = st.pull.task.is_some();
    // A span drawn without being chosen shows the tension it was left at.
    let tension_of = |k: usize| {
        if form.chosen == Chosen::Span(k) {
            form.tension_n
        } else {
            st.aerial.span_tensions_n[k].unwrap_or(form.tension_n)
        }
    };
    match &chosen {
        Chosen::Pole(i)
            if st.aerial.poles_to_check(&st.site).contains(i)
                || st.aerial.study_poles(&st.site).contains(i) =>
        {
            super::aerial::pole_view(&mut p, lang, practice, st, *i, area)
        }
        Chosen::Span(k) => {
            fresh.elevation = super::aerial::elevation(&mut p, lang, st, *k, tension_of(*k), area)
        }
        Chosen::Pole(i) if st.aerial.hardware_task().is_some() => {
            super::aerial::line_view(&mut p, lang, st, *i, area, &mut fresh)
        }
        Chosen::Pole(_) | Chosen::Chamber(_) | Chosen::Nothing => {
            if pulling {
                super::pull::pull_view(&mut p, lang, st, progress, area);
            } else if let Some(work) = &st.trench {
                fresh.trench = super::trench::trench_view(&mut p, lang, work, &form, area);
            } else if let Some(b) = &st.blow {
                super::blow::duct_view(&mut p, lang, b, area);
            } else if let Some(c) = &st.chamber {
                super::chamber::chamber_view(&mut p, lang, c, area, &mut fresh);
            } else if let Some(&(k, _)) = st.aerial.spans_to_tension().first() {
                fresh.elevation =
                    super::aerial::elevation(&mut p, lang, st, k, tension_of(k), area);
            } else {
                p.label(
                    tr(lang, "app-route-choose"),
                    (left + right) / 2.0,
                    (lower_top + bottom) / 2.0,
                    15.0,
                    Anchor::CENTER,
                );
            }
        }
    }
    site_cues(
        &mut p,
        lang,
        st,
        &fresh,
        has_plan.then_some([left, right, top]),
        [left, right, lower_top],
    );
    *map = fresh;
}

/// The gestures of the plan and the views under it announced: the parts that take a
/// click outlined in the gesture colour (the poles, the chambers of a pull), the areas
/// that take a drag outlined (the span's elevation, the trench's section), each with a
/// cue saying what the gesture does. The chamber's own view cues its parts itself.
fn site_cues(
    p: &mut Painter,
    lang: Lang,
    st: &RoutingState,
    map: &SiteMap,
    plan: Option<[f32; 3]>,
    [left, right, lower_top]: [f32; 3],
) {
    let size = 13.0;
    let badge = |text: &str| text.chars().count() as f32 * size * 0.55 + 12.0;
    let cue_right = |p: &mut Painter, text: String, y: f32| {
        let w = badge(&text);
        p.cue(text, (right - 6.0 - w).max(left + 120.0), y, size);
    };
    if let Some([_, _, top]) = plan {
        for (c, _) in &map.poles {
            p.target(c.x - 12.0, c.y - 12.0, c.x + 12.0, c.y + 12.0, 8.0);
        }
        let pulling = st.pull.task.is_some();
        if pulling {
            for (r, _) in &map.chambers {
                p.target(
                    r.min.x - 4.0,
                    r.min.y - 4.0,
                    r.max.x + 4.0,
                    r.max.y + 4.0,
                    8.0,
                );
            }
        }
        let key = match (
            !map.poles.is_empty(),
            !map.spans.is_empty(),
            pulling && !map.chambers.is_empty(),
        ) {
            (true, true, _) => Some("app-route-cue-pole-span"),
            (true, false, _) => Some("app-route-cue-pole"),
            (false, _, true) => Some("app-route-cue-chamber"),
            (false, _, false) => None,
        };
        if let Some(key) = key {
            cue_right(p, tr(lang, key), top - 12.0);
        }
    }
    if let Some(e) = map.elevation {
        let r = e.rect;
        p.target(
            r.min.x + 3.0,
            r.min.y + 3.0,
            r.max.x - 3.0,
            r.max.y - 3.0,
            8.0,
        );
        // Across the middle, between the cable and the ground.
        let text = tr(lang, "app-route-cue-sag");
        let w = badge(&text);
        p.cue(text, r.center().x - w / 2.0, e.ground_y + 40.0, size);
    }
    if let Some((r, ..)) = map.trench {
        p.target(r.min.x, r.min.y, r.max.x, r.max.y, 8.0);
        cue_right(p, tr(lang, "app-route-cue-trench"), lower_top - 34.0);
    }
    if !map.line_poles.is_empty() {
        for (r, _) in &map.line_poles {
            p.target(
                r.min.x - 2.0,
                r.min.y - 2.0,
                r.max.x + 2.0,
                r.max.y + 2.0,
                8.0,
            );
        }
        cue_right(p, tr(lang, "app-route-cue-pole"), lower_top - 34.0);
    }
}

/// The plan, fitted into `[left, right, top, bottom]` at one scale both ways.
fn plan(
    p: &mut Painter,
    lang: Lang,
    st: &RoutingState,
    chosen: &Chosen,
    [left, right, top, bottom]: [f32; 4],
    map: &mut SiteMap,
) {
    let site = &st.site.setup.site;
    p.rect(left, bottom, right, top, Color::srgb(0.93, 0.95, 0.9), 0.0);
    p.label(
        tr(lang, "app-route-plan"),
        left + 6.0,
        top - 4.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let pts: Vec<(f64, f64)> = site
        .poles
        .iter()
        .map(|q| (q.x_m, q.y_m))
        .chain(site.chambers.iter().map(|c| (c.x_m, c.y_m)))
        .chain(site.houses.iter().map(|h| (h.x_m, h.y_m)))
        .collect();
    if pts.is_empty() {
        return;
    }
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for (x, y) in &pts {
        x0 = x0.min(*x);
        x1 = x1.max(*x);
        y0 = y0.min(*y);
        y1 = y1.max(*y);
    }
    let margin = 40.0;
    let (aw, ah) = (
        right - left - 2.0 * margin,
        top - bottom - 2.0 * margin - 14.0,
    );
    let span_x = (x1 - x0).max(10.0) as f32;
    let span_y = (y1 - y0).max(10.0) as f32;
    let scale = (aw / span_x).min(ah / span_y);
    let cx = (left + right) / 2.0;
    let cy = (top - 14.0 + bottom) / 2.0;
    let at = |x: f64, y: f64| {
        Vec2::new(
            cx + ((x - (x0 + x1) / 2.0) as f32) * scale,
            cy + ((y - (y0 + y1) / 2.0) as f32) * scale,
        )
    };
    // A scale bar.
    let bar_m = nice_metres(f64::from(aw / scale) / 4.0);
    let bar_px = bar_m as f32 * scale;
    p.rect(
        left + 10.0,
        bottom + 10.0,
        left + 10.0 + bar_px,
        bottom + 13.0,
        INK,
        2.0,
    );
    p.label(
        format!("{bar_m} m"),
        left + 10.0,
        bottom + 16.0,
        12.0,
        Anchor::BOTTOM_LEFT,
    );
    for h in &site.houses {
        let c = at(h.x_m, h.y_m);
        p.rect(
            c.x - 14.0,
            c.y - 10.0,
            c.x + 14.0,
            c.y + 10.0,
            Color::srgb(0.85, 0.75, 0.6),
            1.0,
        );
        p.line(
            c.x - 16.0,
            c.y + 10.0,
            c.x,
            c.y + 20.0,
            2.0,
            Color::srgb(0.6, 0.25, 0.2),
            1.2,
        );
        p.line(
            c.x,
            c.y + 20.0,
            c.x + 16.0,
            c.y + 10.0,
            2.0,
            Color::srgb(0.6, 0.25, 0.2),
            1.2,
        );
        if !h.name.is_empty() {
            p.label(h.name.clone(), c.x, c.y - 12.0, 11.0, Anchor::TOP_CENTER);
        }
    }
    for (k, s) in site.spans.iter().enumerate() {
        let find = |id: &str| site.poles.iter().find(|q| q.id == id);
        let (Some(a), Some(b)) = (find(&s.from), find(&s.to)) else {
            continue;
        };
        let (pa, pb) = (at(a.x_m, a.y_m), at(b.x_m, b.y_m));
        if s.road {
            // The road, across the span's middle.
            let mid = (pa + pb) / 2.0;
            let n = (pb - pa).normalize_or_zero();
            let across = Vec2::new(-n.y, n.x) * 60.0;
            p.line(
                mid.x - across.x,
                mid.y - across.y,
                mid.x + across.x,
                mid.y + across.y,
                18.0,
                ROAD,
                1.0,
            );
            p.label(
                tr(lang, "app-route-road"),
                mid.x + across.x,
                mid.y + across.y + 4.0,
                12.0,
                Anchor::BOTTOM_CENTER,
            );
        }
        let chosen_span = *chosen == Chosen::Span(k);
        let width = if chosen_span { 4.0 } else { 2.0 };
        let colour = if st.aerial.span_tensions_n[k].is_some() {
            CABLE
        } else {
            Color::srgb(0.45, 0.45, 0.45)
        };
        p.line(pa.x, pa.y, pb.x, pb.y, width, colour, 2.0);
        let mid = (pa + pb) / 2.0;
        p.label(
            format!("{} · {:.0} m", k + 1, st.site.drawn.span_lengths_m[k]),
            mid.x,
            mid.y - 6.0,
            12.0,
            Anchor::TOP_CENTER,
        );
        map.spans.push((pa, pb, k));
    }
    for (i, q) in site.poles.iter().enumerate() {
        let c = at(q.x_m, q.y_m);
        let w = &st.aerial.poles[i];
        let fill = if w.inspected_at.is_some() {
            label_colour(q.label)
        } else {
            WOOD
        };
        if *chosen == Chosen::Pole(i) {
            p.rect(c.x - 11.0, c.y - 11.0, c.x + 11.0, c.y + 11.0, INK, 3.0);
        }
        p.rect(c.x - 8.0, c.y - 8.0, c.x + 8.0, c.y + 8.0, fill, 4.0);
        p.label(q.id.clone(), c.x, c.y + 11.0, 13.0, Anchor::BOTTOM_CENTER);
        if let Some(h) = w.hardware {
            let (text, colour) = match h {
                Hardware::Anchor => (tr(lang, "hardware-anchor"), POLE_RED),
                Hardware::Suspension => (tr(lang, "hardware-suspension"), POLE_BLUE),
            };
            p.label_in(text, c.x, c.y - 11.0, 12.0, Anchor::TOP_CENTER, colour);
        }
        if let Some(d) = w.decision {
            let key = match d {
                crate::exercise::routing::PoleDecision::Nacelle => "app-route-short-nacelle",
                crate::exercise::routing::PoleDecision::Ladder => "app-route-short-ladder",
                crate::exercise::routing::PoleDecision::Refuse => "app-route-short-refuse",
            };
            p.label(tr(lang, key), c.x, c.y - 11.0, 11.0, Anchor::TOP_CENTER);
        }
        map.poles.push((c, i));
    }
    for (k, d) in site.ducts.iter().enumerate() {
        let find = |id: &str| site.chambers.iter().find(|c| c.id == id);
        let (Some(a), Some(b)) = (find(&d.from), find(&d.to)) else {
            continue;
        };
        let (pa, pb) = (at(a.x_m, a.y_m), at(b.x_m, b.y_m));
        p.line(pa.x, pa.y, pb.x, pb.y, 3.0, DUCT, 2.0);
        let mid = (pa + pb) / 2.0;
        let len = st
            .site
            .sections
            .get(k)
            .map_or(0.0, |s| crate::physics::pulling::route_length_m(s));
        p.label(
            format!("{len:.0} m · Ø{:.0}", d.inner_diameter_mm),
            mid.x,
            mid.y - 6.0,
            12.0,
            Anchor::TOP_CENTER,
        );
    }
    for c in &site.chambers {
        let q = at(c.x_m, c.y_m);
        let r = Rect::new(q.x - 12.0, q.y - 8.0, q.x + 12.0, q.y + 8.0);
        if *chosen == Chosen::Chamber(c.id.clone()) {
            p.rect(
                r.min.x - 3.0,
                r.min.y - 3.0,
                r.max.x + 3.0,
                r.max.y + 3.0,
                INK,
                3.0,
            );
        }
        p.rect(r.min.x, r.min.y, r.max.x, r.max.y, CHAMBER, 4.0);
        let mut tag = format!("{} {}", c.id, c.kind.code());
        if st.pull.winch.as_ref() == Some(&c.id) {
            tag.push_str(&format!(" — {}", tr(lang, "app-route-winch")));
        }
        p.label(tag, q.x, q.y + 11.0, 13.0, Anchor::BOTTOM_CENTER);
        map.chambers.push((r, c.id.clone()));
    }
}
