//! The link (or the patch panel) and the microscope, drawn by Bevy from the exercise
//! state, and the gestures on them.
//!
//! Above, the link from end A to end B: connectors as squares in their polish's colour
//! (green APC, blue UPC), fibres as lines under their place, splices as dots, a
//! splitter as a wedge; with the red light on, the glow seen at each piece looked at.
//! A panel's connectors that are not on a link stand in a row. Below, the microscope:
//! the face to scale (the contact zone's 250 µm across), its core, cladding and
//! ferrule, and every mark where it lies and as large as it is; in practice the zones of
//! IEC 61300-3-35 are ringed in the probe's verdict colour. A face not looked at since
//! it last changed shows an empty field. A click on a connector puts it under the
//! microscope, a click on the field looks at the face, a click on a piece of the link
//! with the red light on looks there.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy::window::PrimaryWindow;

use super::ConnectForm;
use super::canvas::{BENCH, Discs, FIELD_UM, ScopeMap, polish_colour, short};
use super::microscope::{microscope, needs_microscope};
use super::red_light::{close_up, fibre_ends, glows};
use crate::app::AppSet;
use crate::app::flow::{Current, UiCommand};
use crate::app::painter::{BenchCanvas, INK, Painter, Shown, window_rect, world_of};
use crate::exercise::Action;
use crate::exercise::connect::{ConnectState, Face};
use crate::exercise::connect::{MicroscopeAction, RedLightAction};
use crate::i18n::{Lang, tr};
use crate::scenario::Mode;
use crate::scenario::connect::{ConnectorType, Piece};

use super::super::ModuleView;

pub fn plugin(app: &mut App) {
    app.init_resource::<ScopeMap>()
        .add_systems(
            Update,
            (gestures, redraw.in_set(AppSet::Redraw))
                .chain()
                .run_if(in_state(ModuleView::Connect)),
        )
        .add_systems(
            bevy_egui::EguiPrimaryContextPass,
            note_map.run_if(in_state(ModuleView::Connect)),
        )
        .add_systems(OnExit(ModuleView::Connect), crate::app::painter::clear);
}

fn note_map(
    mut contexts: bevy_egui::EguiContexts,
    map: Res<ScopeMap>,
    window: Single<&Window, With<PrimaryWindow>>,
) -> Result {
    use crate::app::widgets::{note_rect, note_value};
    let ctx = contexts.ctx_mut()?;
    let to_window = |r: Rect| window_rect(&window, r);
    for (r, k) in &map.pieces {
        note_rect(ctx, &format!("piece-{}", k + 1), to_window(*r));
    }
    for (r, id) in &map.connectors {
        note_rect(ctx, &format!("connector-{id}"), to_window(*r));
    }
    for (r, n) in &map.fibre_ends {
        note_rect(ctx, &format!("fibre-end-{n}"), to_window(*r));
    }
    if let Some((c, r)) = map.field {
        note_rect(
            ctx,
            "microscope",
            to_window(Rect::from_center_size(c, Vec2::splat(2.0 * r))),
        );
        note_value(ctx, "microscope-px-per-um", f64::from(map.px_per_um));
    }
    Ok(())
}

fn gestures(
    buttons: Res<ButtonInput<MouseButton>>,
    window: Single<&Window, With<PrimaryWindow>>,
    egui_wants: Res<bevy_egui::input::EguiWantsInput>,
    map: Res<ScopeMap>,
    current: Res<Current>,
    mut form: ResMut<ConnectForm>,
    mut cmds: MessageWriter<UiCommand>,
) {
    if !buttons.just_released(MouseButton::Left) || egui_wants.is_pointer_over_area() {
        return;
    }
    let Some(cursor) = window.cursor_position() else {
        return;
    };
    let Some(st) = current
        .live
        .as_ref()
        .and_then(|l| l.session.exercise.state.connect())
    else {
        return;
    };
    let p = world_of(&window, cursor);
    let act = |cmds: &mut MessageWriter<UiCommand>, a: Action| {
        cmds.write(UiCommand::Act {
            action: a,
            at_ms: None,
        });
    };
    if let Some((c, r)) = map.field
        && p.distance(c) <= r
        && let Some((id, face)) = form.face_or_first(st)
    {
        act(
            &mut cmds,
            MicroscopeAction::InspectFace {
                connector: id,
                face,
            }
            .into(),
        );
        return;
    }
    if let Some((_, n)) = map.fibre_ends.iter().find(|(r, _)| r.contains(p)) {
        act(&mut cmds, RedLightAction::LookAtFibre { fibre: *n }.into());
        form.piece = *n;
        return;
    }
    if st.red_light.on
        && let Some((_, k)) = map.pieces.iter().find(|(r, _)| r.contains(p))
    {
        act(
            &mut cmds,
            RedLightAction::LookAt {
                piece: (*k + 1) as u32,
            }
            .into(),
        );
        form.piece = (*k + 1) as u32;
        return;
    }
    if let Some((_, id)) = map.connectors.iter().find(|(r, _)| r.contains(p)) {
        let face = if st.link.face(id, Face::Port).is_some() {
            Face::Port
        } else {
            Face::Plug
        };
        form.chosen = Some((id.clone(), face));
    }
}

/// What the drawing shows; drawn again when it changes.
#[derive(Clone, PartialEq, Debug)]
struct Key {
    shown: Shown,
    chosen: Option<(String, Face)>,
}

fn redraw(
    mut canvas: BenchCanvas,
    form: Res<ConnectForm>,
    mut meshes: ResMut<Assets<Mesh>>,
    mut materials: ResMut<Assets<ColorMaterial>>,
    mut drawn: Local<Option<Key>>,
    mut map: ResMut<ScopeMap>,
) {
    let Some((sheet, mut d)) = canvas.parts() else {
        return;
    };
    let ex = &sheet.live.session.exercise;
    let Some(st) = ex.state.connect() else {
        return;
    };
    let lang = sheet.lang;
    let chosen = form.face_or_first(st);
    let key = Key {
        shown: sheet.shown(),
        chosen: chosen.clone(),
    };
    if !d.fresh(&mut drawn, key) {
        return;
    }
    let [left, right, top, bottom] = sheet.area([20.0, 20.0, 12.0, 16.0]);
    let font = d.font.clone();
    let commands = &mut *d.commands;
    let mut fresh = ScopeMap::default();
    let scope = needs_microscope(st);
    let strip_bottom = if scope {
        top - ((top - bottom) * 0.3).clamp(110.0, 200.0)
    } else {
        bottom
    };
    {
        let mut p = Painter {
            commands: &mut *commands,
            font: font.clone(),
        };
        // The bench's background.
        p.rect(
            left - 20.0,
            bottom - 16.0,
            right + 20.0,
            top + 12.0,
            BENCH,
            0.0,
        );
        let area = [left, right, top, strip_bottom];
        strip(&mut p, lang, st, chosen.as_ref(), area, &mut fresh);
    }
    let mut disc = Discs {
        commands: &mut *commands,
        meshes: &mut meshes,
        materials: &mut materials,
    };
    glows(&mut disc, st, &fresh);
    if let Some(n) = st.red_light.identify() {
        let area = [left, right, top - 260.0, bottom];
        fibre_ends(&mut disc, &font, lang, st, n, area, &mut fresh);
        let mut p = Painter {
            commands: &mut *disc.commands,
            font: font.clone(),
        };
        cue_gestures(&mut p, lang, st, &fresh, [left, right, top]);
        *map = fresh;
        return;
    }
    if !scope {
        close_up(
            &mut disc,
            &font,
            lang,
            st,
            [left, right, top - 260.0, bottom],
        );
        let mut p = Painter {
            commands: &mut *disc.commands,
            font: font.clone(),
        };
        cue_gestures(&mut p, lang, st, &fresh, [left, right, top]);
        *map = fresh;
        return;
    }
    let practice = ex.scenario.mode == Mode::Practice;
    let field_top = strip_bottom - 24.0;
    let r = ((field_top - bottom - 30.0) / 2.0)
        .min((right - left) / 2.0 - 10.0)
        .max(60.0);
    let centre = Vec2::new((left + right) / 2.0, field_top - r - 18.0);
    fresh.field = Some((centre, r));
    fresh.px_per_um = r / FIELD_UM;
    let mut p = Painter {
        commands: &mut *disc.commands,
        font: font.clone(),
    };
    let title = match &chosen {
        Some((id, face)) => format!(
            "{} — {}",
            id,
            crate::exercise::connect::face_name(*face).render(lang)
        ),
        None => String::new(),
    };
    p.label(title, centre.x, field_top + 4.0, 16.0, Anchor::TOP_CENTER);
    cue_gestures(&mut p, lang, st, &fresh, [left, right, top]);
    microscope(
        &mut disc,
        &font,
        lang,
        practice,
        st,
        chosen.as_ref(),
        centre,
        r,
    );
    *map = fresh;
}

/// The drawing's gestures announced: each part that takes a click outlined in the
/// gesture colour, and a cue saying what the click does (a connector goes under the
/// microscope, the field looks at the face, a piece of the link is looked at with the
/// red light on, a fibre end at end B is looked at).
fn cue_gestures(p: &mut Painter, lang: Lang, st: &ConnectState, map: &ScopeMap, area: [f32; 3]) {
    let [left, right, top] = area;
    let size = 13.0;
    let badge = |text: &str| text.chars().count() as f32 * size * 0.55 + 12.0;
    let mut strip_cue: Option<String> = None;
    if st.red_light.on && !map.pieces.is_empty() && st.red_light.identify().is_none() {
        for (r, _) in &map.pieces {
            // Around the line, clear of the labels above and the marks of a look.
            let y = r.center().y;
            p.target(r.min.x + 3.0, y - 14.0, r.max.x - 3.0, y + 12.0, 8.0);
        }
        strip_cue = Some(tr(lang, "app-connect-cue-piece"));
    } else if map.field.is_some() && !map.connectors.is_empty() {
        for (r, _) in &map.connectors {
            p.target(
                r.min.x - 6.0,
                r.min.y - 6.0,
                r.max.x + 6.0,
                r.max.y + 6.0,
                8.0,
            );
        }
        strip_cue = Some(tr(lang, "app-connect-cue-connector"));
    }
    if let Some(text) = strip_cue {
        let w = badge(&text);
        p.cue(text, (right - w).max(left + 90.0), top - 10.0, size);
    }
    if let Some((c, r)) = map.field {
        p.target(
            c.x - r + 2.0,
            c.y - r + 2.0,
            c.x + r - 2.0,
            c.y + r - 2.0,
            8.0,
        );
    }
    if !map.fibre_ends.is_empty() {
        let mut lowest = f32::MAX;
        for (r, _) in &map.fibre_ends {
            p.target(r.min.x, r.min.y, r.max.x, r.max.y, 8.0);
            lowest = lowest.min(r.min.y);
        }
        let text = tr(
            lang,
            if st.red_light.on {
                "app-connect-cue-fibre"
            } else {
                "app-connect-cue-vfl-first"
            },
        );
        let x0 = map.fibre_ends.first().map_or(left, |(r, _)| r.min.x);
        p.cue(text, x0, lowest - 34.0, size);
    }
}

/// The link from end A to end B, or the panel's row of connectors.
fn strip(
    p: &mut Painter,
    lang: Lang,
    st: &ConnectState,
    chosen: Option<&(String, Face)>,
    [left, right, top, bottom]: [f32; 4],
    map: &mut ScopeMap,
) {
    let is_chosen = |id: &str| chosen.is_some_and(|c| c.0 == id);
    let outline = |p: &mut Painter, r: Rect| {
        p.rect(
            r.min.x - 4.0,
            r.min.y - 4.0,
            r.max.x + 4.0,
            r.max.y + 4.0,
            INK,
            1.5,
        );
    };
    let full = top - bottom > 260.0;
    let y = if full {
        top - 120.0
    } else {
        (top + bottom) / 2.0 + 6.0
    };
    let small = if full { 13.0 } else { 11.0 };
    if st.link.setup.link.is_empty() {
        let n = st.link.setup.connectors.len().max(1) as f32;
        let step = (right - left) / n;
        p.label(
            tr(lang, "app-connect-panel"),
            left,
            top,
            15.0,
            Anchor::TOP_LEFT,
        );
        for (i, c) in st.link.setup.connectors.iter().enumerate() {
            let x = left + step * (i as f32 + 0.5);
            let r = Rect::from_center_size(Vec2::new(x, y), Vec2::new(34.0, 34.0));
            if is_chosen(&c.id) {
                outline(p, r);
            }
            p.rect(
                r.min.x,
                r.min.y,
                r.max.x,
                r.max.y,
                polish_colour(c.kind),
                2.0,
            );
            let work = &st.link.connectors[i];
            if work.mated.is_some() {
                // The cord plugged in, going down.
                p.line(x, r.min.y, x, bottom + 4.0, 5.0, polish_colour(c.kind), 2.0);
            }
            p.label(c.id.clone(), x, r.max.y + 4.0, 14.0, Anchor::BOTTOM_CENTER);
            map.connectors.push((r, c.id.clone()));
        }
        return;
    }
    let n = st.link.setup.link.len();
    let step = (right - left) / n as f32;
    p.label(
        tr(lang, "app-connect-link"),
        left,
        top,
        15.0,
        Anchor::TOP_LEFT,
    );
    p.label("A", left - 12.0, y, 15.0, Anchor::CENTER);
    p.label("B", right + 12.0, y, 15.0, Anchor::CENTER);
    if st.red_light.on {
        p.rect(
            left - 8.0,
            y + 14.0,
            left + 10.0,
            y + 20.0,
            Color::srgb(0.85, 0.1, 0.1),
            3.0,
        );
        p.label(
            tr(lang, "app-connect-vfl-short"),
            left,
            y + 22.0,
            12.0,
            Anchor::BOTTOM_LEFT,
        );
    }
    let fibre = Color::srgb(0.95, 0.75, 0.2);
    for (k, piece) in st.link.setup.link.iter().enumerate() {
        let x0 = left + step * k as f32;
        let x1 = x0 + step;
        let xm = (x0 + x1) / 2.0;
        let hit = Rect::from_corners(Vec2::new(x0, y - 22.0), Vec2::new(x1, y + 22.0));
        match piece {
            Piece::Connector(id) => {
                let kind = st
                    .link
                    .connector_index(id)
                    .map_or(ConnectorType::ScApc, |i| st.link.setup.connectors[i].kind);
                let r = Rect::from_center_size(Vec2::new(xm, y), Vec2::new(22.0, 22.0));
                if is_chosen(id) {
                    outline(p, r);
                }
                p.line(x0, y, x1, y, 3.0, fibre, 1.0);
                p.rect(r.min.x, r.min.y, r.max.x, r.max.y, polish_colour(kind), 2.0);
                let open = st.link.connector_index(id).is_some_and(|i| {
                    st.link.connectors[i].plug.is_some() && st.link.connectors[i].mated.is_none()
                });
                if open {
                    p.rect(xm - 2.0, y - 14.0, xm + 2.0, y + 14.0, BENCH, 3.0);
                }
                p.label(id.clone(), xm, y + 14.0, 13.0, Anchor::BOTTOM_CENTER);
                map.connectors.push((r, id.clone()));
            }
            Piece::Fibre { .. } | Piece::Fault { .. } | Piece::JobRoute { .. } => {
                p.line(x0, y, x1, y, 3.0, fibre, 1.0);
            }
            // The trainee's own splice: drawn open where the fibre was left unspliced.
            Piece::JobSplice { .. } => {
                let open = st.link.job_splice.as_ref().is_some_and(|es| {
                    es.iter()
                        .any(|e| matches!(e, crate::physics::link::Element::Break { .. }))
                });
                if open {
                    p.line(x0, y, xm - 6.0, y, 3.0, fibre, 1.0);
                    p.line(xm + 6.0, y, x1, y, 3.0, fibre, 1.0);
                } else {
                    p.line(x0, y, x1, y, 3.0, fibre, 1.0);
                    p.rect(xm - 5.0, y - 5.0, xm + 5.0, y + 5.0, INK, 2.0);
                }
            }
            Piece::Splice { .. } => {
                p.line(x0, y, x1, y, 3.0, fibre, 1.0);
                p.rect(xm - 5.0, y - 5.0, xm + 5.0, y + 5.0, INK, 2.0);
            }
            Piece::Splitter { ways, .. } => {
                p.line(x0, y, xm - 10.0, y, 3.0, fibre, 1.0);
                p.polyline(
                    &[
                        Vec2::new(xm - 10.0, y),
                        Vec2::new(xm + 10.0, y + 10.0),
                        Vec2::new(xm + 10.0, y - 10.0),
                        Vec2::new(xm - 10.0, y),
                    ],
                    2.0,
                    INK,
                    2.0,
                );
                p.line(xm + 10.0, y, x1, y, 3.0, fibre, 1.0);
                p.label(
                    format!("1:{ways}"),
                    xm,
                    y + 12.0,
                    12.0,
                    Anchor::BOTTOM_CENTER,
                );
            }
        }
        // The place under each piece, every other one lower so neighbours do not meet.
        let place = st.link.piece_place(k);
        let dy = if k % 2 == 0 { 26.0 } else { 42.0 };
        p.label(
            format!("{}. {}", k + 1, short(place.get(lang), step)),
            xm,
            y - dy,
            small,
            Anchor::TOP_CENTER,
        );
        if let Some((_, None)) = st.red_light.looked.iter().rev().find(|(j, _)| *j == k) {
            // Looked at: nothing seen.
            p.label("—", xm, y + 16.0, 13.0, Anchor::BOTTOM_CENTER);
        }
        map.pieces.push((hit, k));
    }
}
