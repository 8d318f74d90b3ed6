//! What the connect bench's drawings share: the map of where the drawing put what (for
//! the gestures and the screenshot tests), discs and rings as meshes, the bench's and the
//! polishes' colours.

use bevy::prelude::*;

use crate::app::flow::Screen;
use crate::app::painter::BenchItem;
/// The bench's colour behind the drawing.
pub(super) use crate::app::theme::drawn::BENCH;
use crate::physics::endface::Polish;
use crate::scenario::connect::ConnectorType;

/// Where the drawing put the pieces, the connectors and the microscope's field (world
/// coordinates).
#[derive(Resource, Default, Clone, Debug)]
pub(super) struct ScopeMap {
    pub(super) pieces: Vec<(Rect, usize)>,
    pub(super) connectors: Vec<(Rect, String)>,
    pub(super) field: Option<(Vec2, f32)>,
    /// Pixels per µm in the field.
    pub(super) px_per_um: f32,
    /// The fibre ends at end B to tell apart, and their number.
    pub(super) fibre_ends: Vec<(Rect, u32)>,
}

/// The half-width of the microscope's field, µm (the contact zone and a margin).
pub(super) const FIELD_UM: f32 = 140.0;

pub(super) fn polish_colour(k: ConnectorType) -> Color {
    match k.polish() {
        Polish::Apc => Color::srgb(0.16, 0.62, 0.3),
        Polish::Pc => Color::srgb(0.15, 0.4, 0.8),
    }
}

/// A label cut to what a piece's width holds.
pub(super) fn short(s: &str, width: f32) -> String {
    let max = ((width / 6.0) as usize).max(4);
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max.saturating_sub(1)).collect();
        t.push('…');
        t
    }
}

/// Filled discs and rings as Bevy meshes.
pub(super) struct Discs<'a, 'w, 's> {
    pub(super) commands: &'a mut Commands<'w, 's>,
    pub(super) meshes: &'a mut Assets<Mesh>,
    pub(super) materials: &'a mut Assets<ColorMaterial>,
}

impl Discs<'_, '_, '_> {
    pub(super) fn disc(&mut self, c: Vec2, r: f32, color: Color, z: f32) {
        self.commands.spawn((
            BenchItem,
            DespawnOnExit(Screen::Exercise),
            Mesh2d(self.meshes.add(Circle::new(r.max(0.5)))),
            MeshMaterial2d(self.materials.add(color)),
            Transform::from_xyz(c.x, c.y, z),
        ));
    }
    pub(super) fn ring(&mut self, c: Vec2, r: f32, width: f32, color: Color, z: f32) {
        self.commands.spawn((
            BenchItem,
            DespawnOnExit(Screen::Exercise),
            Mesh2d(
                self.meshes
                    .add(Annulus::new((r - width).max(0.1), r.max(0.2))),
            ),
            MeshMaterial2d(self.materials.add(color)),
            Transform::from_xyz(c.x, c.y, z),
        ));
    }
}
