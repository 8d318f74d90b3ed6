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
//! letting go tensions the span.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::window::PrimaryWindow;

use super::{Chosen, RoutingForm};
use crate::app::AppSet;
use crate::app::flow::{Current, Settings, UiCommand};
use crate::app::painter::{BenchItem, INK, Painter, clear};
use crate::app::theme::LabelFont;
use crate::app::widgets::{PANEL_WIDTH, TOP_HEIGHT};
use crate::exercise::Action;
use crate::exercise::routing::{AerialAction, ChamberAction, PullAction, TrenchAction};
use crate::exercise::routing::{Blow, Chamber, PullRun, RoutingState, SiteStep, Trench};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::clearance::{ROAD_CLEARANCE_M, approach_limit_m};
use crate::physics::hardware::Hardware;
use crate::physics::pulling::Segment;
use crate::scenario::Mode;
use crate::scenario::routing::{Label, PoleCondition};

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
    let win = |p: Vec2| Vec2::new(p.x + window.width() / 2.0, window.height() / 2.0 - p.y);
    let to_window = |r: Rect| {
        let (a, b) = (win(r.min), win(r.max));
        bevy_egui::egui::Rect::from_two_pos(
            bevy_egui::egui::pos2(a.x, a.y),
            bevy_egui::egui::pos2(b.x, b.y),
        )
    };
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

/// Where the site's parts were last drawn (world coordinates), for the gestures.
#[derive(Resource, Default, Clone, Debug)]
struct SiteMap {
    poles: Vec<(Vec2, usize)>,
    spans: Vec<(Vec2, Vec2, usize)>,
    chambers: Vec<(Rect, String)>,
    /// The trench's cross-section: where it is, the zone, the surface's y, px per m.
    trench: Option<(Rect, usize, f32, f32)>,
    /// The poles of the straightened line view.
    line_poles: Vec<(Rect, usize)>,
    /// The elevation of a span: the span, where its cable lies, and the scale.
    elevation: Option<Elevation>,
    /// The chamber's parts that take a gesture, and the step each takes.
    chamber_parts: Vec<(Rect, SiteStep)>,
}

#[derive(Clone, Copy, Debug)]
struct Elevation {
    span: usize,
    rect: Rect,
    /// World y of the ground, pixels per metre up.
    ground_y: f32,
    px_per_m_up: f32,
    /// The attachments' heights, m.
    h_a: f64,
    h_b: f64,
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

/// The pointer in world coordinates (the camera looks at the origin, unscaled).
fn world_of(window: &Window, p: Vec2) -> Vec2 {
    Vec2::new(p.x - window.width() / 2.0, window.height() / 2.0 - p.y)
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

#[allow(clippy::too_many_arguments)]
fn redraw(
    mut commands: Commands,
    current: Res<Current>,
    settings: Res<Settings>,
    font: Option<Res<LabelFont>>,
    window: Single<&Window, With<PrimaryWindow>>,
    items: Query<Entity, With<BenchItem>>,
    form: Res<RoutingForm>,
    time: Res<Time>,
    mut clock: ResMut<PullClock>,
    mut drawn: Local<Option<Key>>,
    mut map: ResMut<SiteMap>,
) {
    let Some(live) = current.live.as_ref() else {
        return;
    };
    let Some(font) = font else { return };
    let ex = &live.session.exercise;
    let Some(st) = ex.state.routing() else {
        return;
    };
    let lang = settings.lang;
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
        shown: crate::app::painter::Shown::of(live, lang, &window),
        chosen: chosen.clone(),
        tension: form.tension_n.round() as i64,
        trench: (
            form.zone,
            (form.bottom_m * 1000.0).round() as i64,
            (form.mesh_m * 1000.0).round() as i64,
        ),
        frame,
    };
    if drawn.as_ref() == Some(&key) && !items.is_empty() {
        return;
    }
    *drawn = Some(key);
    for e in &items {
        commands.entity(e).despawn();
    }
    let (w, h) = (window.width(), window.height());
    let left = -w / 2.0 + 20.0;
    let right = w / 2.0 - PANEL_WIDTH - 20.0;
    let top = h / 2.0 - TOP_HEIGHT - 12.0;
    let bottom = -h / 2.0 + 16.0;
    let mut p = Painter {
        commands: &mut commands,
        font: font.0.clone(),
    };
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
            pole_view(&mut p, lang, practice, st, *i, area)
        }
        Chosen::Span(k) => fresh.elevation = elevation(&mut p, lang, st, *k, tension_of(*k), area),
        Chosen::Pole(i) if st.aerial.hardware_task().is_some() => {
            line_view(&mut p, lang, st, *i, area, &mut fresh)
        }
        Chosen::Pole(_) | Chosen::Chamber(_) | Chosen::Nothing => {
            if pulling {
                pull_view(&mut p, lang, st, progress, area);
            } else if let Some(work) = &st.trench {
                fresh.trench = trench_view(&mut p, lang, work, &form, area);
            } else if let Some(b) = &st.blow {
                duct_view(&mut p, lang, b, area);
            } else if let Some(c) = &st.chamber {
                chamber_view(&mut p, lang, c, area, &mut fresh);
            } else if let Some(&(k, _)) = st.aerial.spans_to_tension().first() {
                fresh.elevation = elevation(&mut p, lang, st, k, tension_of(k), area);
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

const POLE_BLUE: Color = Color::srgb(0.15, 0.35, 0.8);
const POLE_YELLOW: Color = Color::srgb(0.95, 0.78, 0.1);
const POLE_RED: Color = Color::srgb(0.85, 0.1, 0.1);
const WOOD: Color = Color::srgb(0.55, 0.38, 0.2);
const GROUND: Color = Color::srgb(0.45, 0.55, 0.35);
const ROAD: Color = Color::srgb(0.55, 0.55, 0.58);
const CABLE: Color = Color::srgb(0.05, 0.05, 0.05);
const DUCT: Color = Color::srgb(0.2, 0.6, 0.25);
const CHAMBER: Color = Color::srgb(0.6, 0.6, 0.62);
const WARN: Color = Color::srgb(0.9, 0.45, 0.0);
const BAD: Color = Color::srgb(0.85, 0.1, 0.1);
const OK: Color = Color::srgb(0.1, 0.6, 0.2);
const POWER: Color = Color::srgb(0.75, 0.1, 0.6);

fn label_colour(l: Label) -> Color {
    match l {
        Label::Blue => POLE_BLUE,
        Label::Yellow => POLE_YELLOW,
        Label::Red => POLE_RED,
        Label::Unlabelled => Color::srgb(0.5, 0.5, 0.5),
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

/// A round length for a scale bar, m.
fn nice_metres(x: f64) -> f64 {
    for s in [
        1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0,
    ] {
        if s >= x {
            return s;
        }
    }
    1000.0
}

/// The elevation of span `k` at tension `t`: to scale vertically (heights and sag in
/// metres), the length compressed to fit, both scales drawn.
fn elevation(
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
fn line_view(
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
fn pole_view(
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

/// The duct profile along the route (chambers, bends, the drum and the winch) and the
/// dynamometer of the last pull, drawn up to where the pull has got to.
fn pull_view(
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

fn chamber_box(p: &mut Painter, _lang: Lang, st: &RoutingState, id: &str, x: f32, y: f32) {
    p.rect(x - 9.0, y - 12.0, x + 9.0, y + 12.0, CHAMBER, 3.0);
    let mut tag = id.to_string();
    if st.pull.splits.iter().any(|s| s.chamber == id) {
        tag.push_str(" (8)");
    }
    p.label(tag, x, y - 14.0, 12.0, Anchor::TOP_CENTER);
}

/// The last pull's tension along the route, up to `progress` of it.
#[allow(clippy::too_many_arguments)]
fn dynamometer(
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

/// The trench's cross-section for the zone worked on: the road or pavement, the trench
/// to the bottom set, the sand bed and surround, the duct, the mesh at the depth set in
/// its colour, the LV cable beside at the spacing set. To scale; a drag moves the bottom
/// (from near it) or the mesh.
fn trench_view(
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

/// The microduct's cross-section with each cable offered, to scale: the chosen one inside.
fn duct_view(p: &mut Painter, lang: Lang, b: &Blow, [left, right, top, bottom]: [f32; 4]) {
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

/// The chamber being opened, seen from above, and the gestures on it. On the left the
/// van's tools, each a click that takes its step (the sign, the cones, the PPE, the
/// detector, the hammer, the lifter, the guard rail, the air probe, the ladder); on the
/// right the site: the road with the approach sign, the cover (a click on it still in
/// place lifts it by hand; once lifted, a click puts it back), the place 2 m away where
/// the lifted cover is set down (a click there, or the cover dragged there), the cones
/// and the rail, and the signs placed (a click takes them away). The steps taken are
/// listed in order under the site.
fn chamber_view(
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
