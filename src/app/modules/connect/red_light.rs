//! The red light: switched on at end A, the link's pieces looked at for its glow and the
//! fault placed, or the fibre ends at end B looked at to tell the line's own. In the
//! drawing, the glow at each piece looked at, the fibre ends in the French code's
//! colours, and the close-up of the place last looked at.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{Discs, ScopeMap};
use super::{ConnectForm, button, heading};
use crate::app::painter::{INK, Painter};
use crate::app::widgets::note_control;
use crate::exercise::Action;
use crate::exercise::connect::{ConnectState, RedLightAction, glow_strength};
use crate::i18n::{Lang, tr};
use crate::scenario::connect::Piece;

/// The red light: switched on at end A, then the drawing's pieces are clicked to look.
pub(super) fn vfl_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-vfl"));
    if !st.red_light.on {
        if button(ui, "vfl-on", t("app-connect-vfl-on")) {
            act(Action::from(RedLightAction::VflOn));
        }
        return;
    }
    if let Some(n) = st.red_light.identify() {
        // The tube's ends at the PBO, in the French colour code's order: a click looks.
        ui.label(t("app-connect-fibres"));
        ui.horizontal_wrapped(|ui| {
            for k in 1..=n {
                let seen = st.red_light.fibres_looked.contains(&k);
                let lit = seen && st.red_light.fibre_glow(&st.link, k).is_some();
                let colour = crate::physics::cable::ColourCode::StandardOrange
                    .colour(k)
                    .map(|c| {
                        let [r, g, b] = c.rgb();
                        egui::Color32::from_rgb(r, g, b)
                    })
                    .unwrap_or(egui::Color32::GRAY);
                let text = egui::RichText::new(format!("{k}")).strong().color(if lit {
                    egui::Color32::RED
                } else {
                    egui::Color32::BLACK
                });
                let b = egui::Button::new(text)
                    .fill(colour)
                    .min_size(egui::vec2(28.0, 24.0));
                let r = ui.add(b);
                note_control(ui, &format!("fibre-{k}"), r.rect);
                if r.clicked() {
                    act(Action::from(RedLightAction::LookAtFibre { fibre: k }));
                    form.piece = k;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}", form.piece.clamp(1, n)));
            if button(ui, "this-fibre", t("app-connect-this-fibre")) {
                act(Action::from(RedLightAction::ChooseFibre {
                    fibre: form.piece.clamp(1, n),
                }));
            }
        });
        if !st.red_light.tasks.locate {
            return;
        }
    }
    ui.label(t("app-connect-vfl-click"));
    let n = st.link.setup.link.len() as u32;
    form.piece = form.piece.clamp(1, n.max(1));
    ui.horizontal_wrapped(|ui| {
        let place = |k: u32| {
            st.link
                .piece_place((k.max(1) - 1) as usize)
                .get(lang)
                .to_string()
        };
        egui::ComboBox::from_id_salt("piece")
            .selected_text(format!("{}. {}", form.piece, place(form.piece)))
            .width(220.0)
            .show_ui(ui, |ui| {
                for k in 1..=n {
                    ui.selectable_value(&mut form.piece, k, format!("{k}. {}", place(k)));
                }
            });
        if button(ui, "look", t("app-connect-look")) {
            act(Action::from(RedLightAction::LookAt { piece: form.piece }));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if button(ui, "locate", t("app-connect-locate")) {
            act(Action::from(RedLightAction::LocateFault {
                piece: Some(form.piece),
            }));
        }
        if button(ui, "no-fault", t("app-connect-no-fault")) {
            act(Action::from(RedLightAction::LocateFault { piece: None }));
        }
    });
}

/// The red glow seen at each piece looked at, as a halo as bright as the glow.
pub(super) fn glows(d: &mut Discs, st: &ConnectState, map: &ScopeMap) {
    for (rect, k) in &map.pieces {
        let Some((_, glow)) = st.red_light.looked.iter().rev().find(|(j, _)| j == k) else {
            continue;
        };
        let s = glow_strength(*glow) as f32;
        if s <= 0.0 {
            continue;
        }
        let c = rect.center();
        for (r, a) in [(26.0, 0.18), (17.0, 0.35), (9.0, 0.7)] {
            d.disc(
                c,
                r * (0.5 + s),
                Color::srgba(1.0, 0.08, 0.05, a * (0.4 + 0.6 * s)),
                4.0,
            );
        }
    }
}

/// The tube's fibre ends at end B, in the French code's colours; one looked at with the
/// light on glows if it is the line's. A click on an end looks at it.
#[allow(clippy::too_many_arguments)]
pub(super) fn fibre_ends(
    d: &mut Discs,
    font: &Handle<Font>,
    lang: Lang,
    st: &ConnectState,
    n: u32,
    area: [f32; 4],
    map: &mut ScopeMap,
) {
    let [left, right, top, bottom] = area;
    let y = (top + bottom) / 2.0;
    let step = ((right - left) / n.max(1) as f32).min(60.0);
    let x0 = (left + right) / 2.0 - step * (n as f32 - 1.0) / 2.0;
    let mut p = Painter {
        commands: &mut *d.commands,
        font: font.clone(),
    };
    p.label(
        tr(lang, "app-connect-fibres"),
        x0 - step / 2.0,
        y + 60.0,
        15.0,
        Anchor::BOTTOM_LEFT,
    );
    for k in 1..=n {
        let x = x0 + step * (k - 1) as f32;
        let colour = crate::physics::cable::ColourCode::StandardOrange
            .colour(k)
            .map_or(Color::srgb(0.6, 0.6, 0.6), crate::app::painter::rgb);
        // The fibre running down to its end, then the end itself.
        let mut p = Painter {
            commands: &mut *d.commands,
            font: font.clone(),
        };
        p.line(x, y - 90.0, x, y - 8.0, 5.0, colour, 2.0);
        p.label(format!("{k}"), x, y - 96.0, 13.0, Anchor::TOP_CENTER);
        d.disc(Vec2::new(x, y), 7.0, colour, 3.0);
        d.ring(Vec2::new(x, y), 8.0, 1.5, INK, 3.5);
        if st.red_light.fibres_looked.contains(&k) {
            let s = glow_strength(st.red_light.fibre_glow(&st.link, k)) as f32;
            if s > 0.0 {
                for (r, a) in [(26.0, 0.2), (16.0, 0.4), (8.0, 0.85)] {
                    d.disc(
                        Vec2::new(x, y),
                        r,
                        Color::srgba(1.0, 0.08, 0.05, a * s),
                        5.0,
                    );
                }
            }
        }
        let hit = Rect::from_center_size(Vec2::new(x, y - 40.0), Vec2::new(step * 0.8, 110.0));
        map.fibre_ends.push((hit, k));
    }
}

/// What the eye sees where the trainee last looked with the red light on: the cable at
/// arm's length, glowing as brightly as the light that leaks there.
pub(super) fn close_up(
    d: &mut Discs,
    font: &Handle<Font>,
    lang: Lang,
    st: &ConnectState,
    area: [f32; 4],
) {
    let [left, right, top, bottom] = area;
    let Some(&(k, glow)) = st.red_light.looked.last() else {
        return;
    };
    let y = (top + bottom) / 2.0;
    let xm = (left + right) / 2.0;
    let mut p = Painter {
        commands: &mut *d.commands,
        font: font.clone(),
    };
    let place = st.link.piece_place(k);
    p.label(
        format!("{}. {}", k + 1, place.get(lang)),
        xm,
        top - 10.0,
        16.0,
        Anchor::TOP_CENTER,
    );
    let end = matches!(st.link.setup.link.get(k), Some(Piece::Connector(_)))
        && st.link.ends().1.is_some_and(|b| {
            st.link.setup.link.get(k)
                == Some(&Piece::Connector(st.link.setup.connectors[b].id.clone()))
        });
    if end {
        // The outlet's port seen from the front.
        p.rect(
            xm - 60.0,
            y - 60.0,
            xm + 60.0,
            y + 60.0,
            Color::srgb(0.97, 0.97, 0.95),
            2.0,
        );
        p.rect(
            xm - 14.0,
            y - 22.0,
            xm + 14.0,
            y + 22.0,
            Color::srgb(0.16, 0.62, 0.3),
            3.0,
        );
    } else {
        // The drop cable, its jacket, across the view.
        p.rect(
            left + 20.0,
            y - 9.0,
            right - 20.0,
            y + 9.0,
            Color::srgb(0.9, 0.9, 0.88),
            2.0,
        );
        p.line(left + 20.0, y + 9.0, right - 20.0, y + 9.0, 1.5, INK, 3.0);
        p.line(left + 20.0, y - 9.0, right - 20.0, y - 9.0, 1.5, INK, 3.0);
    }
    let s = glow_strength(glow) as f32;
    if s > 0.0 {
        for (r, a) in [(90.0, 0.12), (55.0, 0.25), (28.0, 0.5), (12.0, 0.9)] {
            d.disc(
                Vec2::new(xm, y),
                r * (0.4 + 0.6 * s),
                Color::srgba(1.0, 0.08, 0.05, a * (0.3 + 0.7 * s)),
                5.0,
            );
        }
    }
    let mut p = Painter {
        commands: &mut *d.commands,
        font: font.clone(),
    };
    p.label(
        crate::exercise::connect::glow_msg(glow)
            .words("place", &place.fr, &place.en)
            .render(lang),
        xm,
        bottom + 30.0,
        15.0,
        Anchor::BOTTOM_CENTER,
    );
}
