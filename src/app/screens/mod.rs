//! One plugin per screen. Each draws its egui view from the state and sends
//! [`UiCommand`](super::flow::UiCommand)s; none changes the exercise itself.

mod briefing;
mod debrief;
mod exercise;
mod home;
mod otdr;
mod select;
mod splice;

use bevy::prelude::*;

pub use exercise::{PANEL_WIDTH, TOP_HEIGHT};

pub fn plugin(app: &mut App) {
    app.add_plugins((
        home::plugin,
        select::plugin,
        briefing::plugin,
        exercise::plugin,
        otdr::plugin,
        debrief::plugin,
    ));
}
