//! Drawing on the bench with Bevy: world-space shapes and labels spawned for one frame's
//! picture, taken away and drawn again when what they show changes. Shared by the module
//! views that draw the equipment (the cable end, the splicer's monitor, the site, the
//! microscope).
//!
//! A drawing belongs to the view that made it: each piece ([`BenchItem`]) is given the
//! view shown when it is spawned ([`own`]) and goes when that view closes (a job's next
//! stage, the debrief, the home screen); a piece spawned while no view is shown is taken
//! away at once. A view draws again on entry, whatever it drew the last time it showed
//! ([`redraw_needed`]).

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::window::PrimaryWindow;

use crate::app::flow::{Current, Live, Screen, Settings};
use crate::app::theme::LabelFont;
use crate::app::widgets::{PANEL_WIDTH, TOP_HEIGHT};
use crate::i18n::Lang;
use crate::physics::cable::Colour;

/// A point of the window (the pointer; pixels from the top left, y down) in the bench's
/// world (the camera looks at the origin, unscaled; y up).
pub(crate) fn world_of(window: &Window, p: Vec2) -> Vec2 {
    Vec2::new(p.x - window.width() / 2.0, window.height() / 2.0 - p.y)
}

/// A point of the bench's world in the window's pixels (where egui and the screenshot
/// tests look).
pub(crate) fn window_of(window: &Window, p: Vec2) -> Vec2 {
    Vec2::new(p.x + window.width() / 2.0, window.height() / 2.0 - p.y)
}

/// A rectangle of the bench's world in the window's pixels, as the notes for the
/// screenshot tests take it.
pub(crate) fn window_rect(window: &Window, r: Rect) -> bevy_egui::egui::Rect {
    let (a, b) = (window_of(window, r.min), window_of(window, r.max));
    bevy_egui::egui::Rect::from_two_pos(
        bevy_egui::egui::pos2(a.x, a.y),
        bevy_egui::egui::pos2(b.x, b.y),
    )
}

/// What a drawing shows: the attempt, its draw, how many actions it has had, the language
/// and the window's size. A drawing is made again when one of them changes.
#[derive(Clone, Copy, PartialEq, Debug)]
pub(crate) struct Shown {
    attempt: i64,
    seed: u64,
    actions: usize,
    lang: Lang,
    size: (u32, u32),
}

impl Shown {
    pub(crate) fn of(live: &Live, lang: Lang, window: &Window) -> Shown {
        Shown {
            attempt: live.session.attempt,
            seed: live.session.exercise.seed,
            actions: live.session.exercise.log.len(),
            lang,
            size: (window.width() as u32, window.height() as u32),
        }
    }
}

/// What every bench view draws with: the attempt shown, the language, the label font,
/// the window, and the pieces of the last drawing. A view's redraw takes it apart with
/// [`BenchCanvas::parts`] and draws again only when what it shows changed.
#[derive(SystemParam)]
pub(crate) struct BenchCanvas<'w, 's> {
    commands: Commands<'w, 's>,
    current: Res<'w, Current>,
    settings: Res<'w, Settings>,
    font: Option<Res<'w, LabelFont>>,
    window: Single<'w, 's, &'static Window, With<PrimaryWindow>>,
    items: Query<'w, 's, Entity, With<BenchItem>>,
}

/// What a drawing is of: the attempt shown, the language, the window.
pub(crate) struct Sheet<'a> {
    pub(crate) live: &'a Live,
    pub(crate) lang: Lang,
    pub(crate) window: &'a Window,
}

impl Sheet<'_> {
    /// What the drawing shows, for its key.
    pub(crate) fn shown(&self) -> Shown {
        Shown::of(self.live, self.lang, self.window)
    }

    /// The free area left of the tools panel and below the task bar, world coordinates
    /// `[left, right, top, bottom]`, inside the margins given in the same order.
    pub(crate) fn area(&self, margins: [f32; 4]) -> [f32; 4] {
        let (w, h) = (self.window.width(), self.window.height());
        let [left, right, top, bottom] = margins;
        [
            -w / 2.0 + left,
            w / 2.0 - PANEL_WIDTH - right,
            h / 2.0 - TOP_HEIGHT - top,
            -h / 2.0 + bottom,
        ]
    }
}

/// What a drawing is made with: the commands that spawn its pieces and the label font.
pub(crate) struct Drawer<'a, 'w, 's> {
    pub(crate) commands: &'a mut Commands<'w, 's>,
    items: &'a Query<'w, 's, Entity, With<BenchItem>>,
    pub(crate) font: Handle<Font>,
}

impl<'w, 's> Drawer<'_, 'w, 's> {
    /// Whether to draw again: what is shown (`now`) changed since the last drawing, or
    /// there is none; the last drawing's pieces are then taken away.
    pub(crate) fn fresh<S: PartialEq>(&mut self, drawn: &mut Option<S>, now: S) -> bool {
        redraw_needed(drawn, now, self.commands, self.items)
    }

    /// A painter on the bench.
    pub(crate) fn painter(&mut self) -> Painter<'w, 's, '_> {
        Painter {
            commands: self.commands,
            font: self.font.clone(),
        }
    }
}

impl<'w, 's> BenchCanvas<'w, 's> {
    /// The attempt shown and what to draw it with; none while there is no attempt or the
    /// label font is not loaded yet.
    pub(crate) fn parts(&mut self) -> Option<(Sheet<'_>, Drawer<'_, 'w, 's>)> {
        let live = self.current.live.as_ref()?;
        let font = self.font.as_ref()?.0.clone();
        Some((
            Sheet {
                live,
                lang: self.settings.lang,
                window: &self.window,
            },
            Drawer {
                commands: &mut self.commands,
                items: &self.items,
                font,
            },
        ))
    }
}

/// Dark grey for text, rulers and outlines.
pub(crate) const INK: Color = Color::srgb(0.12, 0.12, 0.12);

/// The colour that says "this part of the drawing takes a gesture": the outline of a
/// target and its cue label (see [`Painter::cue`] and [`Painter::target`]).
pub(crate) const GESTURE: Color = Color::srgb(0.12, 0.37, 0.78);

/// A piece of a view's drawing.
#[derive(Component)]
pub struct BenchItem;

/// Whether the drawing must be made again: what it shows (`now`) has changed since it was
/// last drawn, or there is no drawing (the view has just opened: what it drew the last
/// time it showed was taken away with it). The old drawing is then taken away.
pub(crate) fn redraw_needed<S: PartialEq>(
    drawn: &mut Option<S>,
    now: S,
    commands: &mut Commands,
    items: &Query<Entity, With<BenchItem>>,
) -> bool {
    if drawn.as_ref() == Some(&now) && !items.is_empty() {
        return false;
    }
    *drawn = Some(now);
    for e in items {
        commands.entity(e).despawn();
    }
    true
}

/// Takes the drawing away (a view that is left).
pub(crate) fn clear(mut commands: Commands, items: Query<Entity, With<BenchItem>>) {
    for e in &items {
        commands.entity(e).despawn();
    }
}

/// A cable colour as Bevy draws it.
pub(crate) fn rgb(c: Colour) -> Color {
    let [r, g, b] = c.rgb();
    Color::srgb_u8(r, g, b)
}

/// Spawns world-space shapes and labels for one frame's drawing.
pub(crate) struct Painter<'w, 's, 'a> {
    pub(crate) commands: &'a mut Commands<'w, 's>,
    pub(crate) font: Handle<Font>,
}

impl Painter<'_, '_, '_> {
    pub(crate) fn rect(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, color: Color, z: f32) {
        let (w, h) = ((x1 - x0).abs().max(1.0), (y1 - y0).abs().max(1.0));
        self.commands.spawn((
            BenchItem,
            DespawnOnExit(Screen::Exercise),
            Sprite::from_color(color, Vec2::new(w, h)),
            Transform::from_xyz((x0 + x1) / 2.0, (y0 + y1) / 2.0, z),
        ));
    }

    /// A straight stroke from (x0, y0) to (x1, y1), `width` pixels wide.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn line(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        width: f32,
        color: Color,
        z: f32,
    ) {
        let d = Vec2::new(x1 - x0, y1 - y0);
        let len = d.length().max(0.5);
        self.commands.spawn((
            BenchItem,
            DespawnOnExit(Screen::Exercise),
            Sprite::from_color(color, Vec2::new(len, width.max(0.5))),
            Transform::from_xyz((x0 + x1) / 2.0, (y0 + y1) / 2.0, z)
                .with_rotation(Quat::from_rotation_z(d.y.atan2(d.x))),
        ));
    }

    /// A dashed stroke: dashes of `dash` pixels with gaps as long.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn dashed(
        &mut self,
        x0: f32,
        y0: f32,
        x1: f32,
        y1: f32,
        width: f32,
        dash: f32,
        color: Color,
        z: f32,
    ) {
        let d = Vec2::new(x1 - x0, y1 - y0);
        let n = (d.length() / (2.0 * dash)).floor() as u32;
        for i in 0..=n {
            let a = (2 * i) as f32 * dash / d.length().max(1.0);
            let b = (((2 * i + 1) as f32 * dash) / d.length().max(1.0)).min(1.0);
            if a >= 1.0 {
                break;
            }
            self.line(
                x0 + d.x * a,
                y0 + d.y * a,
                x0 + d.x * b,
                y0 + d.y * b,
                width,
                color,
                z,
            );
        }
    }

    /// A polyline through `points`.
    pub(crate) fn polyline(&mut self, points: &[Vec2], width: f32, color: Color, z: f32) {
        for w in points.windows(2) {
            self.line(w[0].x, w[0].y, w[1].x, w[1].y, width, color, z);
        }
    }

    pub(crate) fn label(
        &mut self,
        text: impl Into<String>,
        x: f32,
        y: f32,
        size: f32,
        anchor: bevy::sprite::Anchor,
    ) {
        self.label_in(text, x, y, size, anchor, INK);
    }

    /// A label in a colour of its own (light text on the splicer's dark screen).
    pub(crate) fn label_in(
        &mut self,
        text: impl Into<String>,
        x: f32,
        y: f32,
        size: f32,
        anchor: bevy::sprite::Anchor,
        color: Color,
    ) {
        let text: String = text.into();
        // A name or a symbol the app's font lacks is drawn in the fallback font.
        let font = crate::app::theme::label_source(&text, &self.font);
        self.commands.spawn((
            BenchItem,
            DespawnOnExit(Screen::Exercise),
            Text2d::new(text),
            TextFont {
                font,
                ..TextFont::from_font_size(size)
            },
            TextColor(color),
            anchor,
            Transform::from_xyz(x, y, 10.0),
        ));
    }

    /// A cue on the drawing: a short line telling what gesture it takes there ("Faites
    /// glisser la marque…"), white on the gesture colour, its left end at (x, y).
    pub(crate) fn cue(&mut self, text: impl Into<String>, x: f32, y: f32, size: f32) {
        let text: String = text.into();
        // The badge is sized from the text (an average glyph is about 0.55 em wide).
        let w = text.chars().count() as f32 * size * 0.55 + 12.0;
        let h = size + 8.0;
        self.rect(x, y - h / 2.0, x + w, y + h / 2.0, GESTURE, 9.5);
        self.label_in(
            text,
            x + 6.0,
            y,
            size,
            bevy::sprite::Anchor::CENTER_LEFT,
            Color::WHITE,
        );
    }

    /// A dashed outline around a part that takes a gesture (a mark to drag, a piece to
    /// click), in the gesture colour.
    pub(crate) fn target(&mut self, x0: f32, y0: f32, x1: f32, y1: f32, z: f32) {
        let (dash, w) = (6.0, 2.0);
        self.dashed(x0, y0, x1, y0, w, dash, GESTURE, z);
        self.dashed(x1, y0, x1, y1, w, dash, GESTURE, z);
        self.dashed(x1, y1, x0, y1, w, dash, GESTURE, z);
        self.dashed(x0, y1, x0, y0, w, dash, GESTURE, z);
    }

    /// A ruler from `x0` (0 mm) growing in direction `dir` (+1 right, −1 left).
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn ruler(
        &mut self,
        x0: f32,
        y: f32,
        px_per_mm: f32,
        dir: f32,
        length_mm: f64,
        step_mm: f64,
        minor: u32,
    ) {
        let end = x0 + dir * (length_mm as f32) * px_per_mm;
        self.rect(x0.min(end), y - 1.0, x0.max(end), y + 1.0, INK, 5.0);
        let minor_step = step_mm / minor as f64;
        let n = (length_mm / minor_step).floor() as u32;
        for i in 0..=n {
            let mm = i as f64 * minor_step;
            let x = x0 + dir * mm as f32 * px_per_mm;
            let major = i % minor == 0;
            let h = if major { 12.0 } else { 6.0 };
            self.rect(x - 0.75, y - h, x + 0.75, y, INK, 5.0);
            if major {
                self.label(
                    format!("{}", mm.round() as i64),
                    x,
                    y - 16.0,
                    13.0,
                    bevy::sprite::Anchor::TOP_CENTER,
                );
            }
        }
    }
}
