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

/// The text sizes offered, as factors of the normal size. The layout is checked at
/// 1024 × 768 with the largest.
pub const TEXT_SCALES: [f32; 3] = [1.0, 1.15, 1.3];

/// The offered size nearest to `k`.
pub fn text_scale_of(k: f32) -> f32 {
    TEXT_SCALES
        .iter()
        .copied()
        .min_by(|a, b| (a - k).abs().total_cmp(&(b - k).abs()))
        .unwrap_or(1.0)
}

/// The text size applied to the styles, as a factor (0 before the first frame).
#[derive(Resource, Default)]
struct Styled(f32);

fn scale_id() -> egui::Id {
    egui::Id::new("fibrelab-text-scale")
}

/// The text size in use, for the settings' own buttons.
pub fn text_scale(ctx: &egui::Context) -> f32 {
    ctx.data(|d| d.get_temp::<f32>(scale_id())).unwrap_or(1.0)
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Styled>()
        .add_systems(Startup, load_font)
        .add_systems(EguiPrimaryContextPass, style_once);
}

fn load_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let font = Font::from_bytes(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    commands.insert_resource(LabelFont(fonts.add(font)));
}

/// Applies the text size (on the first frame and when it changes) and takes Ctrl+ and
/// Ctrl− to step it. egui's own keyboard zoom stays off: it would scale the egui panels
/// away from the Bevy-drawn benches beside them.
fn style_once(
    mut contexts: EguiContexts,
    mut done: ResMut<Styled>,
    mut settings: ResMut<crate::app::flow::Settings>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let (bigger, smaller) = ctx.input_mut(|i| {
        let ctrl = egui::Modifiers::COMMAND;
        let up = i.consume_key(ctrl, egui::Key::Plus)
            || i.consume_key(ctrl, egui::Key::Equals)
            || i.consume_key(ctrl | egui::Modifiers::SHIFT, egui::Key::Equals);
        let down = i.consume_key(ctrl, egui::Key::Minus);
        (up, down)
    });
    let at = TEXT_SCALES
        .iter()
        .position(|k| *k == settings.text_scale)
        .unwrap_or(0);
    if bigger && at + 1 < TEXT_SCALES.len() {
        settings.text_scale = TEXT_SCALES[at + 1];
    }
    if smaller && at > 0 {
        settings.text_scale = TEXT_SCALES[at - 1];
    }
    let k = settings.text_scale;
    if done.0 == k {
        return Ok(());
    }
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
    ctx.global_style_mut(|s| {
        use egui::{FontId, TextStyle};
        s.text_styles = [
            (TextStyle::Heading, FontId::proportional(26.0 * k)),
            (TextStyle::Body, FontId::proportional(16.0 * k)),
            (TextStyle::Button, FontId::proportional(16.0 * k)),
            (TextStyle::Small, FontId::proportional(13.0 * k)),
            (TextStyle::Monospace, FontId::monospace(14.0 * k)),
        ]
        .into();
        s.spacing.item_spacing = egui::vec2(8.0, 6.0);
        s.spacing.button_padding = egui::vec2(10.0, 5.0);
    });
    ctx.set_visuals(egui::Visuals::light());
    ctx.data_mut(|d| d.insert_temp(scale_id(), k));
    done.0 = k;
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
