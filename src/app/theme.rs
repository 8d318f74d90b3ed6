//! The app's look: colours, text sizes, the font shared by egui and Bevy text.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

/// The window's background: a light grey mat, on which black sheaths and white fibres
/// show.
pub const MAT: Color = Color::srgb(0.86, 0.87, 0.85);

/// The verdict colours, one palette for egui's panels (here) and Bevy's drawings
/// ([`drawn`]): what passes, what fails, what needs a look.
const OK_RGB: [u8; 3] = [0x1e, 0x8a, 0x3c];
const BAD_RGB: [u8; 3] = [0xc0, 0x1c, 0x28];
const WARN_RGB: [u8; 3] = [0xb3, 0x6b, 0x00];
pub const OK: egui::Color32 = egui::Color32::from_rgb(OK_RGB[0], OK_RGB[1], OK_RGB[2]);
pub const BAD: egui::Color32 = egui::Color32::from_rgb(BAD_RGB[0], BAD_RGB[1], BAD_RGB[2]);
pub const WARN: egui::Color32 = egui::Color32::from_rgb(WARN_RGB[0], WARN_RGB[1], WARN_RGB[2]);
pub const ACCENT: egui::Color32 = egui::Color32::from_rgb(0x1f, 0x5f, 0xc8);

/// The same palette for the benches Bevy draws.
pub mod drawn {
    use super::{BAD_RGB, OK_RGB, WARN_RGB};
    use bevy::prelude::Color;

    /// A bench's work surface, drawn over the mat (the splicer's monitor, the cable's
    /// ends, the connect bench).
    pub const BENCH: Color = Color::srgb(0.93, 0.93, 0.90);
    pub const OK: Color = Color::srgb_u8(OK_RGB[0], OK_RGB[1], OK_RGB[2]);
    pub const BAD: Color = Color::srgb_u8(BAD_RGB[0], BAD_RGB[1], BAD_RGB[2]);
    pub const WARN: Color = Color::srgb_u8(WARN_RGB[0], WARN_RGB[1], WARN_RGB[2]);
}

/// The font for Bevy-drawn labels (Bevy's built-in one has no accents).
#[derive(Resource)]
pub struct LabelFont(pub Handle<Font>);

/// The font for what the app's font (Ubuntu Light) cannot draw: the letters of
/// Vietnamese and other names (Latin Extended Additional, "ị"), arrows ("➜", "→"),
/// symbols. DejaVu Sans cut to those blocks (assets/fonts, its licence beside it); egui
/// falls back on it glyph by glyph, a Bevy label that needs it is drawn in it whole.
pub const FALLBACK_FONT: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-subset.ttf");

/// The fallback font's family name, as Bevy's text finds it.
pub const FALLBACK_FAMILY: &str = "DejaVu Sans";

/// The fallback font as a Bevy asset, kept loaded for the labels that need it.
#[derive(Resource)]
struct FallbackFont(#[allow(dead_code)] Handle<Font>);

/// The characters Ubuntu Light (epaint_default_fonts 0.36, the app's font) draws, as
/// ranges of code points (its character map, private use left out).
const LABEL_FONT_CHARS: &[(u32, u32)] = &[
    (0x0020, 0x007e),
    (0x00a0, 0x024f),
    (0x0292, 0x0292),
    (0x02bc, 0x02bc),
    (0x02c6, 0x02c7),
    (0x02c9, 0x02c9),
    (0x02d8, 0x02dd),
    (0x0311, 0x0311),
    (0x0384, 0x0386),
    (0x0388, 0x038a),
    (0x038c, 0x038c),
    (0x038e, 0x03a1),
    (0x03a3, 0x03ce),
    (0x0400, 0x045f),
    (0x0462, 0x0463),
    (0x0472, 0x0475),
    (0x048a, 0x04f9),
    (0x1e80, 0x1e85),
    (0x1ef2, 0x1ef3),
    (0x1f00, 0x1f15),
    (0x1f18, 0x1f1d),
    (0x1f20, 0x1f45),
    (0x1f48, 0x1f4d),
    (0x1f50, 0x1f57),
    (0x1f59, 0x1f59),
    (0x1f5b, 0x1f5b),
    (0x1f5d, 0x1f5d),
    (0x1f5f, 0x1f7d),
    (0x1f80, 0x1fb4),
    (0x1fb6, 0x1fc4),
    (0x1fc6, 0x1fd3),
    (0x1fd6, 0x1fdb),
    (0x1fdd, 0x1fef),
    (0x1ff2, 0x1ff4),
    (0x1ff6, 0x1ffe),
    (0x2013, 0x2015),
    (0x2018, 0x201a),
    (0x201c, 0x201e),
    (0x2020, 0x2022),
    (0x2026, 0x2026),
    (0x2030, 0x2030),
    (0x2039, 0x203a),
    (0x2044, 0x2044),
    (0x2070, 0x2070),
    (0x2074, 0x2079),
    (0x2080, 0x2089),
    (0x20ac, 0x20ac),
    (0x20ae, 0x20ae),
    (0x20b4, 0x20b4),
    (0x20b9, 0x20b9),
    (0x2113, 0x2113),
    (0x2116, 0x2116),
    (0x2122, 0x2122),
    (0x2126, 0x2126),
    (0x212e, 0x212e),
    (0x2153, 0x215e),
    (0x2202, 0x2202),
    (0x2206, 0x2206),
    (0x220f, 0x220f),
    (0x2211, 0x2212),
    (0x2215, 0x2215),
    (0x2219, 0x221a),
    (0x221e, 0x221e),
    (0x222b, 0x222b),
    (0x2248, 0x2248),
    (0x2260, 0x2260),
    (0x2264, 0x2265),
    (0x25ca, 0x25ca),
    (0xfb00, 0xfb04),
];

/// Whether the app's font draws `c`.
pub fn label_font_has(c: char) -> bool {
    let c = c as u32;
    LABEL_FONT_CHARS
        .binary_search_by(|&(a, b)| {
            if b < c {
                std::cmp::Ordering::Less
            } else if a > c {
                std::cmp::Ordering::Greater
            } else {
                std::cmp::Ordering::Equal
            }
        })
        .is_ok()
}

/// The font a Bevy label is drawn in: the app's, or the fallback when the app's lacks
/// one of its characters (line breaks and tabs aside).
pub fn label_source(text: &str, font: &Handle<Font>) -> bevy::text::FontSource {
    if text.chars().all(|c| c.is_control() || label_font_has(c)) {
        font.clone().into()
    } else {
        bevy::text::FontSource::Family(FALLBACK_FAMILY.into())
    }
}

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

/// The text size asked for, as a factor of the normal size (one of [`TEXT_SCALES`]):
/// the home screen's buttons and Ctrl+/Ctrl− set it.
#[derive(Resource, Clone, Copy, Debug, PartialEq)]
pub struct TextScale(pub f32);

impl Default for TextScale {
    fn default() -> Self {
        TextScale(1.0)
    }
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
        .init_resource::<TextScale>()
        .add_systems(Startup, load_font)
        .add_systems(EguiPrimaryContextPass, style_once);
}

fn load_font(mut commands: Commands, mut fonts: ResMut<Assets<Font>>) {
    let font = Font::from_bytes(epaint_default_fonts::UBUNTU_LIGHT.to_vec());
    commands.insert_resource(LabelFont(fonts.add(font)));
    let fallback = Font::from_bytes(FALLBACK_FONT.to_vec());
    commands.insert_resource(FallbackFont(fonts.add(fallback)));
}

/// egui's fonts with the fallback after its own (Ubuntu Light, then its emoji and icons).
fn fonts_with_fallback() -> egui::FontDefinitions {
    let mut defs = egui::FontDefinitions::default();
    defs.font_data.insert(
        "fallback".into(),
        std::sync::Arc::new(egui::FontData::from_static(FALLBACK_FONT)),
    );
    for family in [egui::FontFamily::Proportional, egui::FontFamily::Monospace] {
        defs.families
            .entry(family)
            .or_default()
            .push("fallback".into());
    }
    defs
}

/// Applies the text size (on the first frame and when it changes) and takes Ctrl+ and
/// Ctrl− to step it. egui's own keyboard zoom stays off: it would scale the egui panels
/// away from the Bevy-drawn benches beside them.
fn style_once(
    mut contexts: EguiContexts,
    mut done: ResMut<Styled>,
    mut settings: ResMut<TextScale>,
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
        .position(|k| *k == settings.0)
        .unwrap_or(0);
    if bigger && at + 1 < TEXT_SCALES.len() {
        settings.0 = TEXT_SCALES[at + 1];
    }
    if smaller && at > 0 {
        settings.0 = TEXT_SCALES[at - 1];
    }
    let k = settings.0;
    if done.0 == k {
        return Ok(());
    }
    if done.0 == 0.0 {
        ctx.set_fonts(fonts_with_fallback());
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

#[cfg(test)]
mod tests {
    use super::*;

    /// The table of the app's font holds what the trainees' French needs and not what it
    /// lacks; the fallback is used for those only.
    #[test]
    fn the_label_font_table_tells_what_needs_the_fallback() {
        for c in "aàâäçéèêëîïôöùûüÿœæ ÀÉÈÇŒ µ ≥ − · … « » €".chars()
        {
            assert!(label_font_has(c), "{c:?}");
        }
        for c in "ịệữ➜→☐".chars() {
            assert!(!label_font_has(c), "{c:?}");
        }
        assert!(LABEL_FONT_CHARS.windows(2).all(|w| w[0].1 < w[1].0));
        let h = Handle::<Font>::default();
        assert!(matches!(
            label_source("Tube 3 — épissure", &h),
            bevy::text::FontSource::Handle(_)
        ));
        assert!(matches!(
            label_source("Nguyễn Thị", &h),
            bevy::text::FontSource::Family(_)
        ));
    }
}
