//! The cable-preparation workbench, drawn with Bevy from the exercise state.
//!
//! Two views, both with a ruler: the cable end, where lengths are to scale along the
//! cable and thicknesses are magnified (stated on screen), and the fibre in hand, where
//! the coating strip and the cleave length are to scale in millimetres. Colours are the
//! true colours of sheath, tubes and fibres.

use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use super::super::ModuleView;
use super::cable::{draw_cable, draw_fibre};
use super::canvas::On;
use super::canvas::*;
use crate::app::AppSet;
use crate::app::flow::{Current, Screen, Settings};
use crate::app::painter::{BenchCanvas, Shown, clear, window_of, window_rect, world_of};
use crate::app::theme::LabelFont;
use crate::exercise::ModuleState;
use crate::exercise::prep::PrepState;
use crate::i18n::Msg;

pub fn plugin(app: &mut App) {
    app.init_resource::<BenchMap>()
        .init_resource::<Mark>()
        .add_systems(
            Update,
            (gestures, redraw.in_set(AppSet::Redraw), draw_mark)
                .chain()
                .run_if(in_state(ModuleView::Prep)),
        )
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            note_map.run_if(in_state(ModuleView::Prep)),
        )
        .add_systems(OnExit(ModuleView::Prep), (clear, forget_mark));
}

fn forget_mark(mut mark: ResMut<Mark>, mut map: ResMut<BenchMap>) {
    *mark = Mark::default();
    *map = BenchMap::default();
}

/// A press and release closer than this, pixels, is a click.
const CLICK_PX: f32 = 5.0;

/// The steps a marked length snaps to, mm: the sheath to the millimetre, the fibre to
/// the half millimetre.
fn snap(on: On) -> f64 {
    match on {
        On::Cable => 1.0,
        On::Fibre => 0.5,
    }
}

/// Gestures on the drawing: a drag along a ruler marks a length (it goes into the
/// tool's setting, which the trainee then uses); a click on a fibre in the cable takes
/// it in hand. The tools panel stays the other way to do both.
#[allow(clippy::too_many_arguments)]
fn gestures(
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    egui_wants: Res<bevy_egui::input::EguiWantsInput>,
    map: Res<BenchMap>,
    current: Res<Current>,
    mut mark: ResMut<Mark>,
    mut form: ResMut<super::PrepForm>,
    mut press: Local<Option<Vec2>>,
    mut cmds: MessageWriter<crate::app::flow::UiCommand>,
) {
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let p = world_of(&window, cursor);
    if buttons.just_pressed(MouseButton::Left) && !egui_wants.is_pointer_over_area() {
        *press = Some(p);
        mark.dragging =
            map.cable.is_some_and(|r| r.holds(p)) || map.fibre.is_some_and(|r| r.holds(p));
    }
    let Some(start) = *press else {
        return;
    };
    let on = if map.cable.is_some_and(|r| r.holds(start)) {
        map.cable.map(|r| (On::Cable, r))
    } else {
        map.fibre.filter(|r| r.holds(start)).map(|r| (On::Fibre, r))
    };
    // Under 5 pixels it is a click, not a drag.
    let moved = (p - start).length() >= CLICK_PX;
    if let Some((which, r)) = on
        && mark.dragging
        && moved
    {
        mark.at = Some((which, r.mm_at(p.x, snap(which))));
    }
    if !buttons.just_released(MouseButton::Left) {
        return;
    }
    *press = None;
    mark.dragging = false;
    if let Some((which, mm)) = mark.at.filter(|_| on.is_some() && moved) {
        let in_hand_stripped = current
            .live
            .as_ref()
            .and_then(|l| l.session.exercise.state.cable_prep())
            .and_then(PrepState::in_hand_state)
            .is_some_and(|f| f.coating_strip_mm.is_some());
        match which {
            On::Cable => form.sheath_mm = mm,
            On::Fibre if in_hand_stripped => form.cleave_mm = mm,
            On::Fibre => form.coating_mm = mm,
        }
        return;
    }
    // A click (hardly any movement) on a fibre takes it in hand.
    let Some(st) = current
        .live
        .as_ref()
        .and_then(|l| l.session.exercise.state.cable_prep())
    else {
        return;
    };
    if !moved
        && let Some((_, id)) = map.fibres.iter().find(|(r, _)| r.contains(p))
        && let Some(fibre) = st.colour_code.colour(id.fibre)
    {
        let tube = id.tube.and_then(|t| st.colour_code.colour(t));
        form.pick_tube = tube;
        form.pick_fibre = Some(fibre);
        cmds.write(crate::app::flow::UiCommand::Act {
            action: crate::exercise::Action::Prep(crate::exercise::PrepAction::PickFibre {
                tube,
                fibre,
            }),
            at_ms: None,
        });
    }
}

#[derive(Component)]
struct MarkItem;

/// The chalk line of the mark and its length, over the ruler.
fn draw_mark(
    mut commands: Commands,
    mark: Res<Mark>,
    map: Res<BenchMap>,
    settings: Res<Settings>,
    font: Option<Res<LabelFont>>,
    items: Query<Entity, With<MarkItem>>,
) {
    if !mark.is_changed() && !map.is_changed() {
        return;
    }
    for e in &items {
        commands.entity(e).despawn();
    }
    let (Some((on, mm)), Some(font)) = (mark.at, font) else {
        return;
    };
    let Some(r) = (match on {
        On::Cable => map.cable,
        On::Fibre => map.fibre,
    }) else {
        return;
    };
    let x = r.x_of(mm);
    let chalk = Color::srgb(0.85, 0.10, 0.10);
    commands.spawn((
        MarkItem,
        DespawnOnExit(Screen::Exercise),
        Sprite::from_color(chalk, Vec2::new(2.0, r.y_max - r.y_min)),
        Transform::from_xyz(x, (r.y_max + r.y_min) / 2.0, 8.0),
    ));
    let text = Msg::new("app-mark")
        .num("mm", mm, if on == On::Fibre { 1 } else { 0 })
        .render(settings.lang);
    commands.spawn((
        MarkItem,
        DespawnOnExit(Screen::Exercise),
        Text2d::new(text),
        TextFont {
            font: font.0.clone().into(),
            ..TextFont::from_font_size(15.0)
        },
        TextColor(chalk),
        bevy::sprite::Anchor::BOTTOM_CENTER,
        Transform::from_xyz(x, r.y_max + 2.0, 8.5),
    ));
}

/// The rulers and the fibres, where a screenshot test can find them, and the lengths
/// set (window coordinates).
fn note_map(
    mut contexts: bevy_egui::EguiContexts,
    map: Res<BenchMap>,
    form: Res<super::PrepForm>,
    current: Res<Current>,
    window: Single<&Window, With<PrimaryWindow>>,
) -> Result {
    use crate::app::widgets::{note_rect, note_value};
    let ctx = contexts.ctx_mut()?;
    if let Some(f) = current
        .live
        .as_ref()
        .and_then(|l| l.session.exercise.state.cable_prep())
        .and_then(PrepState::in_hand_state)
    {
        note_value(ctx, "in-hand-tube", f64::from(f.id.tube.unwrap_or(0)));
        note_value(ctx, "in-hand-fibre", f64::from(f.id.fibre));
    }
    let to_window = |r: Rect| window_rect(&window, r);
    for (name, r) in [("cable-ruler", map.cable), ("fibre-ruler", map.fibre)] {
        if let Some(r) = r {
            note_rect(ctx, name, to_window(r.rect()));
            note_value(ctx, &format!("{name}-mm"), r.max_mm);
            note_value(
                ctx,
                &format!("{name}-zero-x"),
                f64::from(window_of(&window, Vec2::new(r.zero_x, 0.0)).x),
            );
            note_value(ctx, &format!("{name}-px-per-mm"), f64::from(r.px_per_mm));
        }
    }
    for (rect, id) in &map.fibres {
        note_rect(
            ctx,
            &format!("fibre-{}-{}", id.tube.unwrap_or(0), id.fibre),
            to_window(*rect),
        );
    }
    note_value(ctx, "sheath-mm", form.sheath_mm);
    note_value(ctx, "coating-mm", form.coating_mm);
    note_value(ctx, "cleave-mm", form.cleave_mm);
    Ok(())
}

/// Draws the bench again when what it shows changes: a gesture, the language, the window.
fn redraw(mut canvas: BenchCanvas, mut drawn: Local<Option<Shown>>, mut map: ResMut<BenchMap>) {
    let Some((sheet, mut d)) = canvas.parts() else {
        return;
    };
    let ex = &sheet.live.session.exercise;
    // This view is shown for a cable-preparation exercise only (`modules::view_of`).
    let ModuleState::CablePrep(st) = &ex.state else {
        return;
    };
    if !d.fresh(&mut drawn, sheet.shown()) {
        return;
    }
    let [left, right, top, bottom] = sheet.area([30.0, 30.0, 20.0, 20.0]);
    let mut p = d.painter();
    let split = top - (top - bottom) * 0.55;
    let mut fresh = BenchMap::default();
    draw_cable(
        &mut p,
        sheet.lang,
        st,
        st.setup.targets.sheath_strip_mm,
        [left, right, top, split + 10.0],
        &mut fresh,
    );
    fresh.fibre = draw_fibre(&mut p, sheet.lang, st, left, right, split - 10.0, bottom);
    *map = fresh;
}
