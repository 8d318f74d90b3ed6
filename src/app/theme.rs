//! The app's look: colours, text sizes, the font shared by egui and Bevy text.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// Workbench background: a light grey mat, on which black sheaths and white fibres show.
pub const BENCH: Color = Color::srgb(0.86, 0.87, 0.85);
pub const OK: egui::Color32 = egui::Color32::from_rgb(0x1e, 0x8a, 0x3c);
pub const BAD: egui::Color32 = egui::Color32::from_rgb(0xc0, 0x1c, 0x28);
pub const WARN: egui::Color32 = egui::Color32::from_rgb(0xb3, 0x6b, 0x00);
pub const ACCENT: egui::Color32 = egui::Color32::from_rgb(0x1f, 0x5f, 0xc8);

/// The font for Bevy-drawn labels (Bevy's built-in one has no accents).
#[derive(Resource)]
pub struct LabelFont(pub Handle<Font>);

#[derive(Resource, Default)]
struct Styled(bool);

pub fn plugin(app: &mut App) {
    app.init_resource::<Styled>()
        .add_systems(Startup, load_font)
        .add_systems(EguiPrimaryContextPass, style_once);
}

fn load_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let font = Font::from_bytes(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    commands.insert_resource(LabelFont(fonts.add(font)));
}

fn style_once(mut contexts: EguiContexts, mut done: ResMut<Styled>) -> Result {
    if done.0 {
        return Ok(());
    }
    let ctx = contexts.ctx_mut()?;
    ctx.global_style_mut(|s| {
        use egui::{FontId, TextStyle};
        s.text_styles = [
            (TextStyle::Heading, FontId::proportional(26.0)),
            (TextStyle::Body, FontId::proportional(16.0)),
            (TextStyle::Button, FontId::proportional(16.0)),
            (TextStyle::Small, FontId::proportional(13.0)),
            (TextStyle::Monospace, FontId::monospace(14.0)),
        ]
        .into();
        s.spacing.item_spacing = egui::vec2(8.0, 6.0);
        s.spacing.button_padding = egui::vec2(10.0, 5.0);
    });
    ctx.set_visuals(egui::Visuals::light());
    done.0 = true;
    Ok(())
}

/// A full-window `Ui` to lay panels into (egui 0.36 panels are shown inside a `Ui`).
pub fn root_ui(ctx: &egui::Context) -> egui::Ui {
    egui::Ui::new(
        ctx.clone(),
        "root".into(),
        egui::UiBuilder::new()
            .layer_id(egui::LayerId::background())
            .max_rect(ctx.viewport_rect()),
    )
}

pub fn colour32(c: crate::physics::cable::Colour) -> egui::Color32 {
    let [r, g, b] = c.rgb();
    egui::Color32::from_rgb(r, g, b)
}

/// "2/5": the label font has no filled-circle glyph, and a number reads as well.
pub fn stars(n: u8) -> String {
    format!("{n}/5")
}

/// Difficulty as five dots, painted (no font dependency).
pub fn difficulty_dots(ui: &mut egui::Ui, n: u8) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(5.0 * 14.0, 14.0), egui::Sense::hover());
    for i in 0..5u8 {
        let c = egui::pos2(rect.left() + 7.0 + 14.0 * i as f32, rect.center().y);
        if i < n {
            ui.painter().circle_filled(c, 5.0, ACCENT);
        } else {
            ui.painter()
                .circle_stroke(c, 5.0, egui::Stroke::new(1.2, egui::Color32::GRAY));
        }
    }
}
