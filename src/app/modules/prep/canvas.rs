//! What the preparation bench's drawings share: the rulers as drawn, the map of where
//! the parts went (for the gestures and the screenshot tests), the length being marked,
//! the materials' colours.

use bevy::prelude::*;

use crate::app::flow::Screen;
use crate::app::painter::{BenchItem, Painter};
use crate::exercise::prep::FibreRef;

/// A ruler as drawn: where 0 mm is, pixels per millimetre (negative when lengths run
/// leftwards, as on the fibre from its coating edge), its band, its length.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) struct Ruler {
    pub(super) zero_x: f32,
    pub(super) px_per_mm: f32,
    pub(super) y_min: f32,
    pub(super) y_max: f32,
    pub(super) max_mm: f64,
}

impl Ruler {
    pub(super) fn x_of(&self, mm: f64) -> f32 {
        self.zero_x + mm as f32 * self.px_per_mm
    }

    /// The length marked at world `x`, to `step` mm, within the ruler.
    pub(super) fn mm_at(&self, x: f32, step: f64) -> f64 {
        let mm = f64::from((x - self.zero_x) / self.px_per_mm).clamp(0.0, self.max_mm);
        (mm / step).round() * step
    }

    pub(super) fn holds(&self, p: Vec2) -> bool {
        let (a, b) = (self.x_of(0.0), self.x_of(self.max_mm));
        p.y >= self.y_min && p.y <= self.y_max && p.x >= a.min(b) - 10.0 && p.x <= a.max(b) + 10.0
    }

    pub(super) fn rect(&self) -> Rect {
        let (a, b) = (self.x_of(0.0), self.x_of(self.max_mm));
        Rect::new(a.min(b), self.y_min, a.max(b), self.y_max)
    }
}

/// Which ruler a mark is on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum On {
    /// The cable: the sheath's strip length from the cable end.
    Cable,
    /// The fibre in hand: the coating's strip length, or the cleave length once
    /// stripped, from the coating edge.
    Fibre,
}

/// Where the bench's parts were last drawn (world coordinates), for the gestures.
#[derive(Resource, Default, Clone, Debug)]
pub(super) struct BenchMap {
    pub(super) cable: Option<Ruler>,
    pub(super) fibre: Option<Ruler>,
    /// The fibres showing in the cable view: a click takes one in hand.
    pub(super) fibres: Vec<(Rect, FibreRef)>,
}

/// The length being marked (while dragging) or last marked, with the chalk.
#[derive(Resource, Default, Clone, Copy, Debug, PartialEq)]
pub(super) struct Mark {
    pub(super) at: Option<(On, f64)>,
    pub(super) dragging: bool,
}

pub(super) const GLASS: Color = Color::srgba(0.55, 0.80, 0.90, 0.9);

/// A glass-reinforced rod (central strength member, a flat drop's two rods), outlined.
pub(super) const MEMBER: Color = Color::srgb(0.62, 0.60, 0.52);

pub(super) const ARAMID: Color = Color::srgb(0.86, 0.66, 0.12);

pub(super) const DIRT: Color = Color::srgb(0.45, 0.30, 0.12);

pub(super) const GEL: Color = Color::srgba(0.98, 0.95, 0.70, 0.55);

pub(super) const DAMAGE: Color = Color::srgb(0.85, 0.05, 0.05);

/// Red of a fibre broken in the tools.
pub(super) const BROKEN: Color = DAMAGE;

/// Step for ruler labels giving about 8–12 labels over `span_mm`.
pub(super) fn nice_step(span_mm: f64) -> (f64, u32) {
    for (step, minor) in [
        (5.0, 5),
        (10.0, 10),
        (50.0, 5),
        (100.0, 10),
        (200.0, 4),
        (250.0, 5),
        (500.0, 5),
    ] {
        if span_mm / step <= 12.0 {
            return (step, minor);
        }
    }
    (1000.0, 10)
}

/// Where a click takes a fibre drawn from `x0` to `x1` at `y`, `h` thick: a band at
/// least 8 pixels high, so that a thin fibre can still be picked.
pub(super) fn fibre_hit(x0: f32, x1: f32, y: f32, h: f32) -> Rect {
    let half = (h / 2.0 + 1.0).max(4.0);
    Rect::new(x0, y - half, x1, y + half)
}

/// Each fibre's lane once fanned out of its tube, and how far the fan runs, pixels.
pub(super) const FAN_LANE_PX: f32 = 7.0;

pub(super) const FAN_LENGTH_PX: f32 = 60.0;

/// A straight piece of fibre from `a` to `b`, `h` thick.
pub(super) fn segment(p: &mut Painter, a: Vec2, b: Vec2, h: f32, colour: Color) {
    let d = b - a;
    let mid = (a + b) / 2.0;
    p.commands.spawn((
        BenchItem,
        DespawnOnExit(Screen::Exercise),
        Sprite::from_color(colour, Vec2::new(d.length(), h)),
        Transform::from_xyz(mid.x, mid.y, 3.5).with_rotation(Quat::from_rotation_z(d.y.atan2(d.x))),
    ));
}
