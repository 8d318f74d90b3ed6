//! The splicing station's bench, drawn in the monitor's band while an end is being
//! prepared: the two fibre ends as they are now, the left cable's on the left pointing
//! right and the right cable's on the right pointing left, as they will face each other
//! in the splicer. Lengths are to scale from each coating edge (the thickness is
//! magnified, stated on screen): the coating, the sleeve, the bare glass stripped,
//! cleaned or not, cleaved with its face, a broken fibre snapped at the coating edge.
//!
//! Gestures, announced on the drawing (`Painter::cue`, `Painter::target`): a drag along
//! the worked end's ruler marks the coating's strip length (the cleave's once stripped)
//! in the tools; a click on the other end works on that cable.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::window::PrimaryWindow;

use super::super::ModuleView;
use super::super::prep::{EndView, PrepForm, draw_end, fibre_cue};
use crate::app::flow::{Current, Screen, Settings, UiCommand};
use crate::app::painter::{INK, Painter, rgb, window_of, window_rect, world_of};
use crate::app::theme::LabelFont;
use crate::app::theme::drawn::BENCH;
use crate::exercise::splice::{Side, SpliceState, Stage};
use crate::exercise::{Action, SpliceAction};
use crate::i18n::{Lang, Msg, tr};

/// The glass shown from each coating edge towards the middle, mm.
pub(super) const VIEW_MM: f64 = 40.0;
/// The coating drawn this many pixels thick.
const COAT_PX: f32 = 22.0;

const CHALK: Color = Color::srgb(0.85, 0.10, 0.10);

pub fn plugin(app: &mut App) {
    app.init_resource::<EndsMap>()
        .init_resource::<EndMark>()
        .add_systems(
            Update,
            (gestures, draw_mark)
                .chain()
                .run_if(in_state(ModuleView::Splice)),
        )
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            note_map.run_if(in_state(ModuleView::Splice)),
        )
        .add_systems(OnExit(ModuleView::Splice), forget);
}

/// Whether the band shows the ends being prepared rather than the splicer's monitor (or
/// the mechanical element): a fibre is in hand, or nothing is in the splicer yet and
/// there is no closed element to show.
pub(super) fn shows_ends(st: &SpliceState) -> bool {
    let sp = &st.splicer;
    if sp.in_splicer.is_some() || sp.stage != Stage::Loading {
        return false;
    }
    if st.benches.iter().any(|b| b.in_hand.is_some()) {
        return true;
    }
    let empty = sp.holders.iter().all(Option::is_none);
    let element_closed = sp.mechanical.is_some()
        && sp
            .records
            .last()
            .is_some_and(|r| !r.broken && r.fusion().is_none());
    empty && !element_closed
}

/// A ruler from a coating edge: where 0 mm is, signed pixels a millimetre (towards the
/// tip), its band, its length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct EndRuler {
    zero_x: f32,
    px_per_mm: f32,
    y_min: f32,
    y_max: f32,
    max_mm: f64,
}

impl EndRuler {
    fn x_of(&self, mm: f64) -> f32 {
        self.zero_x + mm as f32 * self.px_per_mm
    }

    fn mm_at(&self, x: f32) -> f64 {
        let mm = f64::from((x - self.zero_x) / self.px_per_mm).clamp(0.0, self.max_mm);
        (mm * 2.0).round() / 2.0
    }

    fn rect(&self) -> Rect {
        let (a, b) = (self.x_of(0.0), self.x_of(self.max_mm));
        Rect::new(a.min(b), self.y_min, a.max(b), self.y_max)
    }

    fn holds(&self, p: Vec2) -> bool {
        let r = self.rect();
        p.y >= r.min.y && p.y <= r.max.y && p.x >= r.min.x - 10.0 && p.x <= r.max.x + 10.0
    }
}

/// Where the ends were last drawn (world coordinates), for the gestures and the tests.
#[derive(Resource, Default, Clone, Debug)]
pub(super) struct EndsMap {
    /// Each side's half of the band.
    areas: [Option<Rect>; 2],
    /// The ruler of the end worked (its side), when it takes a length.
    ruler: Option<(Side, EndRuler, bool)>,
    /// The side worked on.
    active: Option<Side>,
}

/// The length being marked on the worked end's ruler (while dragging, or last marked).
#[derive(Resource, Default, Clone, Copy, Debug, PartialEq)]
struct EndMark {
    at: Option<f64>,
    dragging: bool,
}

fn forget(mut map: ResMut<EndsMap>, mut mark: ResMut<EndMark>) {
    *map = EndsMap::default();
    *mark = EndMark::default();
}

/// Draws the two ends in the band `left..right`, `top..bottom` (world coordinates) and
/// returns where they went.
#[allow(clippy::too_many_arguments)]
pub(super) fn draw(
    p: &mut Painter,
    lang: Lang,
    st: &SpliceState,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
) -> EndsMap {
    let mut map = EndsMap {
        active: Some(st.active),
        ..EndsMap::default()
    };
    p.rect(left, bottom, right, top, BENCH, 0.0);
    let xc = (left + right) / 2.0;
    let half_w = (right - left) / 2.0;
    // The glass of each end runs from its coating edge to near the middle; at least 90 px
    // of coated fibre stay beyond the edge.
    let ppm = ((half_w - 14.0 - 90.0) / VIEW_MM as f32).max(1.0);
    let k = COAT_PX / crate::physics::cable::COATING_DIAMETER_MM as f32;
    p.label(
        Msg::new("app-ends-title")
            .num("scale", f64::from(k / ppm), 0)
            .render(lang),
        left + 10.0,
        top - 6.0,
        14.0,
        Anchor::TOP_LEFT,
    );
    let cy = (top + bottom) / 2.0 + 6.0;
    for side in Side::BOTH {
        let i = side.index();
        let dir = if side == Side::Left { 1.0 } else { -1.0 };
        let edge = xc - dir * (14.0 + VIEW_MM as f32 * ppm);
        let far = if side == Side::Left { left } else { right };
        let area = Rect::new(far.min(xc), bottom + 2.0, far.max(xc), top - 26.0);
        map.areas[i] = Some(area);
        let bench = &st.benches[i];
        let code = bench.colour_code;
        let active = st.active == side;
        // What this end is: in hand, in the splicer, or none.
        let loaded = st.splicer.holders[i].as_ref();
        let shown = bench
            .in_hand_state()
            .or_else(|| loaded.and_then(|l| bench.fibre(l.fibre)));
        let title = match (bench.in_hand_state(), loaded) {
            (Some(f), _) => Msg::new("app-ends-in-hand").msg("fibre", f.id.describe(code)),
            (None, Some(l)) if st.splicer.mechanical.is_some() => {
                Msg::new("app-ends-in-element").msg("fibre", l.fibre.describe(code))
            }
            (None, Some(l)) => Msg::new("app-ends-in-holder").msg("fibre", l.fibre.describe(code)),
            (None, None) => Msg::new("app-ends-none"),
        };
        // Two short lines in the side's half: the cable, then what its end is.
        let (tx, anchor) = if side == Side::Left {
            (left + 10.0, Anchor::TOP_LEFT)
        } else {
            (right - 10.0, Anchor::TOP_RIGHT)
        };
        let ink = if active {
            INK
        } else {
            Color::srgb(0.35, 0.35, 0.35)
        };
        p.label_in(
            Msg::new("app-ends-side")
                .msg("side", side.name())
                .render(lang),
            tx,
            top - 26.0,
            13.0,
            anchor,
            ink,
        );
        p.label_in(title.render(lang), tx, top - 43.0, 12.0, anchor, ink);
        if active {
            // The cable worked: a plain frame (not a gesture).
            p.rect(
                area.min.x,
                area.min.y,
                area.max.x,
                area.min.y + 2.0,
                INK,
                0.5,
            );
        }
        let Some(f) = shown else {
            if active {
                p.label(
                    tr(lang, "app-ends-take-fibre"),
                    (far + xc) / 2.0,
                    cy,
                    14.0,
                    Anchor::CENTER,
                );
            }
            continue;
        };
        let colour = code.colour(f.id.fibre).map(rgb).unwrap_or(INK);
        let view = EndView {
            edge,
            far,
            dir,
            ppm,
            cy,
            coat_h: COAT_PX,
            buffered: bench.cable.tight_buffered(),
        };
        draw_end(p, lang, f, colour, &view);
        let outer = view.outer_h();
        // The worked end in hand takes a length on its ruler.
        if active && bench.in_hand.is_some() {
            let y = cy - outer / 2.0 - 18.0;
            p.ruler(edge, y, ppm, dir, VIEW_MM, 10.0, 10);
            let ruler = EndRuler {
                zero_x: edge,
                px_per_mm: dir * ppm,
                y_min: y - 30.0,
                y_max: cy + outer / 2.0,
                max_mm: VIEW_MM,
            };
            map.ruler = Some((side, ruler, f.coating_strip_mm.is_some()));
            if let Some(key) = fibre_cue(f) {
                let r = ruler.rect();
                p.target(r.min.x - 4.0, r.min.y, r.max.x + 4.0, r.max.y, 7.0);
                let x = if side == Side::Left {
                    left + 10.0
                } else {
                    xc + 10.0
                };
                p.cue(tr(lang, key), x, bottom + 16.0, 12.0);
            }
        }
    }
    // The other cable takes a click: announced on its half.
    let other = match st.active {
        Side::Left => Side::Right,
        Side::Right => Side::Left,
    };
    if let Some(a) = map.areas[other.index()] {
        p.target(
            a.min.x + 3.0,
            a.min.y + 3.0,
            a.max.x - 3.0,
            a.max.y - 3.0,
            7.0,
        );
        let text = Msg::new("app-cue-work-on")
            .msg("side", other.name())
            .render(lang);
        p.cue(text, a.min.x + 10.0, a.max.y - 50.0, 12.0);
    }
    map
}

/// A press and release closer than this, pixels, is a click.
const CLICK_PX: f32 = 5.0;

/// A drag along the worked end's ruler marks its length in the tools (the coating's
/// strip, or the cleave once stripped); a click on the other end's half works on that
/// cable. The tools panel stays the other way to do both.
#[allow(clippy::too_many_arguments)]
fn gestures(
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    egui_wants: Res<bevy_egui::input::EguiWantsInput>,
    map: Res<EndsMap>,
    mut mark: ResMut<EndMark>,
    mut form: ResMut<PrepForm>,
    mut press: Local<Option<Vec2>>,
    mut cmds: MessageWriter<UiCommand>,
) {
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let p = world_of(&window, cursor);
    if buttons.just_pressed(MouseButton::Left) && !egui_wants.is_pointer_over_area() {
        *press = Some(p);
        mark.dragging = map.ruler.is_some_and(|(_, r, _)| r.holds(p));
    }
    let Some(start) = *press else {
        return;
    };
    let moved = (p - start).length() >= CLICK_PX;
    if let Some((_, r, _)) = map.ruler
        && mark.dragging
        && moved
    {
        mark.at = Some(r.mm_at(p.x));
    }
    if !buttons.just_released(MouseButton::Left) {
        return;
    }
    *press = None;
    let was_dragging = std::mem::take(&mut mark.dragging);
    if was_dragging && moved {
        if let (Some(mm), Some((_, _, stripped))) = (mark.at, map.ruler) {
            form.mark_glass(stripped, mm);
        }
        return;
    }
    if moved {
        return;
    }
    // A click on the other cable's end: work on it.
    let Some(active) = map.active else {
        return;
    };
    for side in Side::BOTH {
        if side != active && map.areas[side.index()].is_some_and(|a| a.contains(p)) {
            cmds.write(UiCommand::Act {
                action: Action::Splice(SpliceAction::WorkOn { side }),
                at_ms: None,
            });
        }
    }
}

#[derive(Component)]
struct MarkItem;

/// The chalk line of the mark and its length, over the worked end's ruler.
fn draw_mark(
    mut commands: Commands,
    mark: Res<EndMark>,
    map: Res<EndsMap>,
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
    let (Some(mm), Some((_, r, _)), Some(font)) = (mark.at, map.ruler, font) else {
        return;
    };
    let x = r.x_of(mm);
    commands.spawn((
        MarkItem,
        DespawnOnExit(Screen::Exercise),
        Sprite::from_color(CHALK, Vec2::new(2.0, r.y_max - r.y_min)),
        Transform::from_xyz(x, (r.y_max + r.y_min) / 2.0, 8.0),
    ));
    commands.spawn((
        MarkItem,
        DespawnOnExit(Screen::Exercise),
        Text2d::new(Msg::new("app-mark").num("mm", mm, 1).render(settings.lang)),
        TextFont {
            font: font.0.clone().into(),
            ..TextFont::from_font_size(15.0)
        },
        TextColor(CHALK),
        Anchor::BOTTOM_CENTER,
        Transform::from_xyz(x, r.y_max + 2.0, 8.5),
    ));
}

/// Where the ends and the ruler went, and the lengths set, for the screenshot tests
/// (window coordinates).
fn note_map(
    mut contexts: bevy_egui::EguiContexts,
    map: Res<EndsMap>,
    form: Res<PrepForm>,
    current: Res<Current>,
    window: Single<&Window, With<PrimaryWindow>>,
) -> Result {
    use crate::app::widgets::{note_rect, note_value};
    let ctx = contexts.ctx_mut()?;
    let shown = current
        .live
        .as_ref()
        .and_then(|l| l.session.exercise.state.splicing())
        .is_some_and(shows_ends);
    if !shown {
        return Ok(());
    }
    let to_window = |r: Rect| window_rect(&window, r);
    for side in Side::BOTH {
        if let Some(a) = map.areas[side.index()] {
            note_rect(ctx, &format!("end-{}", side_word(side)), to_window(a));
        }
    }
    if let Some((side, r, _)) = map.ruler {
        note_rect(
            ctx,
            &format!("end-ruler-{}", side_word(side)),
            to_window(r.rect()),
        );
        note_value(
            ctx,
            "end-ruler-zero-x",
            f64::from(window_of(&window, Vec2::new(r.zero_x, 0.0)).x),
        );
        note_value(ctx, "end-ruler-px-per-mm", f64::from(r.px_per_mm));
    }
    let (coating, cleave) = form.glass_mm();
    note_value(ctx, "coating-mm", coating);
    note_value(ctx, "cleave-mm", cleave);
    Ok(())
}

fn side_word(side: Side) -> &'static str {
    match side {
        Side::Left => "left",
        Side::Right => "right",
    }
}
