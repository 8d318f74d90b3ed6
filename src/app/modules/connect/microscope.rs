//! The microscope: the face under it with its gestures (look, judge, clean, connect,
//! unplug, replace) in the panel, and in the drawing the face to scale (the contact
//! zone's 250 µm across), its core, cladding and ferrule, and every mark where it lies
//! and as large as it is; in practice the zones of IEC 61300-3-35 ringed in the probe's
//! verdict colour. A face not looked at since it last changed shows an empty field.

use bevy::prelude::*;
use bevy::sprite::Anchor;
use bevy_egui::egui;

use super::canvas::{Discs, FIELD_UM};
use super::{ConnectForm, heading, sized_button};
use crate::app::flow::Screen;
use crate::app::painter::{BenchItem, Painter};
use crate::exercise::Action;
use crate::exercise::connect::{ConnectState, Face, MicroscopeAction, cleaning_name, passes};
use crate::i18n::{Lang, tr};
use crate::physics::endface::{
    ADHESIVE_R_UM, CLADDING_R_UM, CONTACT_R_UM, CORE_R_UM, Cleaning, Mark, MarkKind, judge,
};

/// The face under the microscope and what can be done to it.
pub(super) fn face_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-microscope"));
    let Some((id, face)) = form.face_or_first(st) else {
        return;
    };
    let mut chosen = (id.clone(), face);
    let mut names: Vec<String> = st
        .link
        .setup
        .connectors
        .iter()
        .map(|c| c.id.clone())
        .collect();
    names.extend(st.link.setup.cords.iter().map(|c| c.id.clone()));
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt("connector")
            .selected_text(chosen.0.clone())
            .width(90.0)
            .show_ui(ui, |ui| {
                for n in &names {
                    ui.selectable_value(&mut chosen.0, n.clone(), n.as_str());
                }
            });
        for f in [Face::Port, Face::Plug] {
            if st.link.face(&chosen.0, f).is_some() {
                ui.radio_value(
                    &mut chosen.1,
                    f,
                    crate::exercise::connect::face_name(f).render(lang),
                );
            }
        }
    });
    if st.link.face(&chosen.0, chosen.1).is_none() {
        chosen.1 = if st.link.face(&chosen.0, Face::Port).is_some() {
            Face::Port
        } else {
            Face::Plug
        };
    }
    form.chosen = Some(chosen.clone());
    let (id, face) = chosen;
    let connector = |a: MicroscopeAction| Action::from(a);
    // Every button at a fixed size and a fixed place, whatever the face's state or the
    // cleaning method chosen: nothing moves under the pointer.
    let w = ((ui.available_width() - 2.0 * ui.spacing().item_spacing.x) / 3.0 - 1.0).max(80.0);
    ui.horizontal(|ui| {
        if sized_button(ui, "inspect", t("app-connect-inspect"), w) {
            act(connector(MicroscopeAction::InspectFace {
                connector: id.clone(),
                face,
            }));
        }
        if sized_button(ui, "judge-pass", t("app-connect-judge-pass"), w) {
            act(connector(MicroscopeAction::JudgeFace {
                connector: id.clone(),
                face,
                pass: true,
            }));
        }
        if sized_button(ui, "judge-fail", t("app-connect-judge-fail"), w) {
            act(connector(MicroscopeAction::JudgeFace {
                connector: id.clone(),
                face,
                pass: false,
            }));
        }
    });
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("cleaning")
            .selected_text(cleaning_name(form.method).render(lang))
            .width(2.0 * w + ui.spacing().item_spacing.x)
            .truncate()
            .show_ui(ui, |ui| {
                for m in [Cleaning::DryClick, Cleaning::WetThenDry, Cleaning::Reel] {
                    ui.selectable_value(&mut form.method, m, cleaning_name(m).render(lang));
                }
            });
        if sized_button(ui, "clean", t("app-connect-clean"), w) {
            act(connector(MicroscopeAction::CleanFace {
                connector: id.clone(),
                face,
                method: form.method,
            }));
        }
    });
    if let Some(i) = st.link.connector_index(&id) {
        let c = &st.link.connectors[i];
        ui.horizontal(|ui| {
            // Connect and unplug share one place: the one that applies is shown there.
            let w2 = 1.5 * w + ui.spacing().item_spacing.x / 2.0 - 1.0;
            if c.plug.is_some() {
                if c.mated.is_some() {
                    if sized_button(ui, "disconnect", t("app-connect-disconnect"), w2) {
                        act(connector(MicroscopeAction::Disconnect {
                            connector: id.clone(),
                        }));
                    }
                } else if sized_button(ui, "connect", t("app-connect-connect"), w2) {
                    act(connector(MicroscopeAction::ConnectPlug {
                        connector: id.clone(),
                    }));
                }
            } else {
                ui.add_space(w2 + ui.spacing().item_spacing.x);
            }
            if sized_button(ui, "replace", t("app-connect-replace"), w2) {
                act(connector(MicroscopeAction::ReplaceConnector {
                    connector: id.clone(),
                }));
            }
        });
    }
}

/// Whether the exercise has faces to look at: an inspection, or instruments whose cords
/// and ports are looked at before connecting.
pub(super) fn needs_microscope(st: &ConnectState) -> bool {
    // (The red light's work needs none: the close-up of the place looked at instead.)
    !st.microscope.to_inspect(&st.link).is_empty()
        || st.meter.measure().is_some()
        || st.pon.is_some()
}

/// The microscope's field: the face to scale, its marks, and in practice the probe's
/// zones and verdict.
#[allow(clippy::too_many_arguments)]
pub(super) fn microscope(
    d: &mut Discs,
    font: &Handle<Font>,
    lang: Lang,
    practice: bool,
    st: &ConnectState,
    chosen: Option<&(String, Face)>,
    c: Vec2,
    r: f32,
) {
    let k = r / FIELD_UM;
    // The eyepiece: a dark field.
    d.disc(c, r + 6.0, Color::srgb(0.05, 0.05, 0.06), 1.0);
    let Some((id, face)) = chosen else {
        return;
    };
    let Some((f, polish)) = st.link.face(id, *face) else {
        return;
    };
    let seen = f.looked_at_as_is(st.link.changed_at(id).max(f.cleaned_at));
    let mut p = Painter {
        commands: &mut *d.commands,
        font: font.clone(),
    };
    if !seen {
        // The field takes a click: outlined, with its cue across the middle.
        let text = tr(lang, "app-connect-click-to-look");
        let w = text.chars().count() as f32 * 14.0 * 0.55 + 12.0;
        p.cue(text, c.x - w / 2.0, c.y, 14.0);
        return;
    }
    // The ferrule (zirconia under the lamp), the cladding, the core, to scale.
    d.disc(
        c,
        CONTACT_R_UM as f32 * k + 10.0,
        Color::srgb(0.55, 0.55, 0.5),
        2.0,
    );
    d.disc(
        c,
        CLADDING_R_UM as f32 * k,
        Color::srgb(0.78, 0.8, 0.78),
        3.0,
    );
    d.disc(c, CORE_R_UM as f32 * k, Color::srgb(0.9, 0.92, 0.9), 4.0);
    for m in &f.marks {
        mark(d, c, k, m);
    }
    if practice {
        let breaches = judge(&f.marks, polish);
        let ok = breaches.is_empty();
        let colour = if ok {
            Color::srgba(0.1, 0.75, 0.2, 0.9)
        } else {
            Color::srgba(0.9, 0.1, 0.1, 0.9)
        };
        for zr in [CORE_R_UM, CLADDING_R_UM, ADHESIVE_R_UM, CONTACT_R_UM] {
            d.ring(c, zr as f32 * k, 1.5, colour, 8.0);
        }
        let mut p = Painter {
            commands: &mut *d.commands,
            font: font.clone(),
        };
        let verdict = if passes(&f.marks, polish) {
            tr(lang, "app-connect-probe-pass")
        } else {
            tr(lang, "app-connect-probe-fail")
        };
        p.label_in(
            verdict,
            c.x + r * 0.75,
            c.y - r,
            18.0,
            Anchor::BOTTOM_LEFT,
            colour,
        );
    }
    // A scale bar of 25 µm.
    let mut p = Painter {
        commands: &mut *d.commands,
        font: font.clone(),
    };
    let (bx, by) = (c.x - r * 0.3, c.y - r * 0.82);
    p.rect(bx, by, bx + 25.0 * k, by + 3.0, Color::WHITE, 9.0);
    p.label_in(
        "25 µm",
        bx,
        by + 6.0,
        12.0,
        Anchor::BOTTOM_LEFT,
        Color::WHITE,
    );
}

/// One mark where it lies, as large as it is.
pub(super) fn mark(d: &mut Discs, c: Vec2, k: f32, m: &Mark) {
    let a = (m.angle_deg as f32).to_radians();
    let at = c + Vec2::new(a.cos(), a.sin()) * m.r_um as f32 * k;
    let size = (m.size_um as f32 * k).max(1.5);
    match m.kind {
        MarkKind::Dust => d.disc(at, size / 2.0, Color::srgb(0.2, 0.18, 0.15), 6.0),
        MarkKind::Oil => d.disc(at, size / 2.0, Color::srgba(0.55, 0.45, 0.2, 0.45), 5.0),
        MarkKind::Residue => d.ring(
            at,
            size / 2.0,
            (size / 5.0).max(1.0),
            Color::srgba(0.9, 0.9, 0.85, 0.8),
            5.0,
        ),
        MarkKind::Pit => d.disc(at, size / 2.0, Color::srgb(0.05, 0.05, 0.05), 6.0),
        MarkKind::Chip => d.disc(at, size / 2.0, Color::srgb(0.3, 0.3, 0.32), 6.0),
        MarkKind::Scratch => {
            // A line across the face, nearest the centre at the mark's point.
            let dir = Vec2::new(-a.sin(), a.cos());
            let half = ((CONTACT_R_UM * CONTACT_R_UM - m.r_um * m.r_um)
                .max(0.0)
                .sqrt()) as f32
                * k;
            let (p0, p1) = (at - dir * half, at + dir * half);
            let len = (p1 - p0).length().max(1.0);
            d.commands.spawn((
                BenchItem,
                DespawnOnExit(Screen::Exercise),
                Sprite::from_color(Color::srgba(0.15, 0.15, 0.15, 0.85), Vec2::new(len, size)),
                Transform::from_xyz(at.x, at.y, 6.0)
                    .with_rotation(Quat::from_rotation_z(dir.y.atan2(dir.x))),
            ));
        }
    }
}
