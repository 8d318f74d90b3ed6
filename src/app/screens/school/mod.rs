//! The school's screens: "Je suis…" (`identify`), "Mes évaluations" (`assessments`),
//! the trainer's mode (`trainer`), and the end of an assessment attempt at its deadline.
//! Everything shown is read from the records; nothing is decided here.

mod assessments;
mod identify;
mod trainer;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use crate::app::flow::{Current, Records, Screen, UiCommand};
use crate::i18n::{Lang, Msg, tr};

pub fn plugin(app: &mut App) {
    app.init_resource::<identify::Picker>()
        .init_resource::<trainer::TrainerView>()
        .add_systems(
            EguiPrimaryContextPass,
            identify::identify.run_if(in_state(Screen::Identify)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            assessments::assessments.run_if(in_state(Screen::Assessments)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            trainer::trainer.run_if(in_state(Screen::Trainer)),
        )
        .add_systems(Update, time_up.run_if(in_state(Screen::Exercise)))
        .add_systems(
            OnEnter(Screen::Trainer),
            |mut v: ResMut<trainer::TrainerView>| v.read_at = None,
        )
        .add_systems(Update, trainer::choose_tab);
}

/// What a screen reads from the records, read again when what it is read for changes or
/// every two seconds, not on every frame.
pub struct Cached<T> {
    read: Option<(std::time::Instant, i64)>,
    value: T,
}

impl<T: Default> Default for Cached<T> {
    fn default() -> Self {
        Cached {
            read: None,
            value: T::default(),
        }
    }
}

impl<T> Cached<T> {
    pub fn get(&mut self, key: i64, read: impl FnOnce() -> T) -> &T {
        let stale = self
            .read
            .is_none_or(|(at, k)| k != key || at.elapsed().as_secs() >= 2);
        if stale {
            self.value = read();
            self.read = Some((std::time::Instant::now(), key));
        }
        &self.value
    }
}

/// A grid's header: each column's title in bold (an empty key, an empty column).
pub(super) fn header_row(ui: &mut egui::Ui, lang: Lang, keys: &[&str]) {
    for k in keys {
        let text = if k.is_empty() {
            String::new()
        } else {
            tr(lang, k)
        };
        ui.label(egui::RichText::new(text).strong());
    }
    ui.end_row();
}

pub(super) fn big(text: String) -> egui::RichText {
    egui::RichText::new(text).size(18.0)
}

/// "2 h 05 min" or "12 min".
pub(super) fn span(lang: Lang, ms: i64) -> String {
    let min = (ms.max(0) + 59_999) / 60_000;
    if min >= 60 {
        Msg::new("app-hours-minutes")
            .int("h", min / 60)
            .int("m", min % 60)
            .render(lang)
    } else {
        Msg::new("app-minutes").int("m", min).render(lang)
    }
}

/// When the time is up and the trainee has not finished, the attempt is ended as it
/// stands (the store records the end at the deadline).
fn time_up(current: Res<Current>, records: Res<Records>, mut cmds: MessageWriter<UiCommand>) {
    let Some(live) = current.live.as_ref() else {
        return;
    };
    let Some(deadline) = live.session.deadline_at else {
        return;
    };
    if live.report.is_none()
        && !live.session.exercise.is_finished()
        && records.with(|db| db.now() > deadline).unwrap_or(false)
    {
        cmds.write(UiCommand::Act {
            action: crate::exercise::Action::Finish,
            at_ms: None,
        });
    }
}
