//! One plugin per screen. Each draws its egui view from the state and sends
//! [`UiCommand`](super::flow::UiCommand)s; none changes the exercise itself. The exercise
//! screen is drawn by its module views (`app::modules`).

mod briefing;
mod compare;
mod debrief;
mod history;
mod home;
mod school;
mod select;

use bevy::prelude::*;

pub fn plugin(app: &mut App) {
    app.add_plugins((
        home::plugin,
        select::plugin,
        briefing::plugin,
        debrief::plugin,
        history::plugin,
        school::plugin,
    ))
    .add_systems(
        bevy_egui::EguiPrimaryContextPass,
        // The exercise has them in its menu, the debrief beside its buttons.
        crate::app::widgets::prefs_corner.run_if(
            not(in_state(super::flow::Screen::Exercise))
                .and_eager(not(in_state(super::flow::Screen::Debrief))),
        ),
    );
}
