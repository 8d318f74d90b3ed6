//! What the site's drawings share: the palette of the site, where the parts were last
//! drawn (for the gestures), and small drawing helpers. The plan (`site`) and each
//! station's drawing stand on it; it knows none of them.

use bevy::prelude::*;

pub(super) use crate::app::theme::drawn::{BAD, OK, WARN};
use crate::exercise::routing::SiteStep;
use crate::scenario::routing::Label;

/// Where the site's parts were last drawn (world coordinates), for the gestures.
#[derive(Resource, Default, Clone, Debug)]
pub(super) struct SiteMap {
    pub(super) poles: Vec<(Vec2, usize)>,
    pub(super) spans: Vec<(Vec2, Vec2, usize)>,
    pub(super) chambers: Vec<(Rect, String)>,
    /// The trench's cross-section: where it is, the zone, the surface's y, px per m.
    pub(super) trench: Option<(Rect, usize, f32, f32)>,
    /// The poles of the straightened line view.
    pub(super) line_poles: Vec<(Rect, usize)>,
    /// The elevation of a span: the span, where its cable lies, and the scale.
    pub(super) elevation: Option<Elevation>,
    /// The chamber's parts that take a gesture, and the step each takes.
    pub(super) chamber_parts: Vec<(Rect, SiteStep)>,
}

#[derive(Clone, Copy, Debug)]
pub(super) struct Elevation {
    pub(super) span: usize,
    pub(super) rect: Rect,
    /// World y of the ground, pixels per metre up.
    pub(super) ground_y: f32,
    pub(super) px_per_m_up: f32,
    /// The attachments' heights, m.
    pub(super) h_a: f64,
    pub(super) h_b: f64,
}

pub(super) const POLE_BLUE: Color = Color::srgb(0.15, 0.35, 0.8);
pub(super) const POLE_YELLOW: Color = Color::srgb(0.95, 0.78, 0.1);
pub(super) const POLE_RED: Color = Color::srgb(0.85, 0.1, 0.1);
pub(super) const WOOD: Color = Color::srgb(0.55, 0.38, 0.2);
pub(super) const GROUND: Color = Color::srgb(0.45, 0.55, 0.35);
pub(super) const ROAD: Color = Color::srgb(0.55, 0.55, 0.58);
pub(super) const CABLE: Color = Color::srgb(0.05, 0.05, 0.05);
pub(super) const DUCT: Color = Color::srgb(0.2, 0.6, 0.25);
pub(super) const CHAMBER: Color = Color::srgb(0.6, 0.6, 0.62);
pub(super) const POWER: Color = Color::srgb(0.75, 0.1, 0.6);

pub(super) fn label_colour(l: Label) -> Color {
    match l {
        Label::Blue => POLE_BLUE,
        Label::Yellow => POLE_YELLOW,
        Label::Red => POLE_RED,
        Label::Unlabelled => Color::srgb(0.5, 0.5, 0.5),
    }
}

/// A round length for a scale bar, m.
pub(super) fn nice_metres(x: f64) -> f64 {
    for s in [
        1.0, 2.0, 5.0, 10.0, 20.0, 25.0, 50.0, 100.0, 200.0, 250.0, 500.0,
    ] {
        if s >= x {
            return s;
        }
    }
    1000.0
}
