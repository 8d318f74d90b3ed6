//! "Je suis…": the trainee finds their cohort and name (PIN if they have one); the
//! trainer opens their mode with their PIN.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Cached, big};
use crate::app::flow::{Notice, Records, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::i18n::tr;
use crate::i18n::{Lang, Msg};
use crate::records::school::{Cohort, Trainee};
use crate::records::seat::SeatTrainee;

/// What the trainee has typed and chosen on "Je suis…".
#[derive(Resource, Default)]
pub(super) struct Picker {
    cohort: Option<i64>,
    trainee: Option<i64>,
    pin: String,
    trainer_pin: String,
    /// On a room's seat: the cohort's name and the trainee's pseudonym chosen.
    seat_cohort: Option<Option<String>>,
    seat_trainee: Option<String>,
}

#[allow(clippy::too_many_arguments)]
pub(super) fn identify(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    records: Res<Records>,
    notice: Res<Notice>,
    mut picker: ResMut<Picker>,
    mut cmds: MessageWriter<UiCommand>,
    mut read: Local<Cached<(Vec<Cohort>, Vec<Trainee>)>>,
    mut roster: Local<Cached<Option<Vec<SeatTrainee>>>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    // A store that could not be opened (a school's server that did not answer): said,
    // with a way to try again.
    if let Some(e) = records.error.as_ref().filter(|_| records.db.is_none()) {
        let mut root = root_ui(ctx);
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.heading(egui::RichText::new(tr(lang, "app-i-am")).size(28.0));
            ui.add_space(10.0);
            ui.colored_label(
                theme::BAD,
                Msg::new("app-no-records")
                    .msg("error", e.clone())
                    .render(lang),
            );
            ui.add_space(10.0);
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "app-back")).clicked() {
                    cmds.write(UiCommand::Go(Screen::Home));
                }
                if ui.button(big(tr(lang, "app-try-again"))).clicked() {
                    cmds.write(UiCommand::Reopen);
                }
            });
        });
        return Ok(());
    }
    // A room's seat: the room's list, from the school's server.
    let on_seat = roster
        .get(0, || {
            records
                .with(|db| db.seat_only().then(|| db.seat_roster()))
                .flatten()
                .map(|r| r.unwrap_or_default())
        })
        .clone();
    if let Some(names) = on_seat {
        seat_picker(ctx, lang, &names, &notice, &mut picker, &mut cmds);
        return Ok(());
    }
    let chosen = picker.cohort;
    let (cohorts, trainees) = read
        .get(chosen.unwrap_or(-1), || {
            records
                .with(|db| {
                    let cohorts: Vec<Cohort> = db
                        .cohorts()
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|c| !c.archived)
                        .collect();
                    // One cohort on the seat: it is the trainee's.
                    let chosen = chosen.or((cohorts.len() == 1).then(|| cohorts[0].id));
                    let trainees: Vec<Trainee> = chosen
                        .and_then(|id| cohorts.iter().find(|c| c.id == id))
                        .map(|c| db.trainees(Some(c), false).unwrap_or_default())
                        .unwrap_or_default()
                        .into_iter()
                        .filter(|t| t.name.is_some())
                        .collect();
                    (cohorts, trainees)
                })
                .unwrap_or_default()
        })
        .clone();
    let mut root = root_ui(ctx);
    egui::Panel::bottom("identify-bottom").show(&mut root, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Home));
            }
            ui.separator();
            ui.label(tr(lang, "app-trainer-mode"));
            ui.add(
                egui::TextEdit::singleline(&mut picker.trainer_pin)
                    .password(true)
                    .desired_width(90.0)
                    .hint_text(tr(lang, "app-pin")),
            );
            if ui.button(tr(lang, "app-trainer-open")).clicked() {
                cmds.write(UiCommand::TrainerLogin(std::mem::take(
                    &mut picker.trainer_pin,
                )));
            }
        });
        ui.add_space(6.0);
    });
    let listed: Vec<(i64, String)> = cohorts.iter().map(|c| (c.id, c.name.clone())).collect();
    let names: Vec<(i64, String, bool)> = trainees
        .iter()
        .map(|t| (t.id, t.name.clone().unwrap_or_default(), t.has_pin))
        .collect();
    let p = &mut *picker;
    let chosen = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            pick(
                ui,
                lang,
                &notice,
                "app-no-cohorts",
                &listed,
                &names,
                (&mut p.cohort, &mut p.trainee, &mut p.pin),
            )
        })
        .inner;
    if let Some(id) = chosen {
        cmds.write(UiCommand::Identify {
            trainee: id,
            pin: std::mem::take(&mut picker.pin),
        });
    }
    Ok(())
}

/// "Je suis…" on a room's seat: the cohorts and names of the room's list (from the
/// school's server), then the PIN, which the server checks. No trainer's mode here: a
/// room's login cannot open it.
fn seat_picker(
    ctx: &mut egui::Context,
    lang: Lang,
    names: &[SeatTrainee],
    notice: &Notice,
    picker: &mut Picker,
    cmds: &mut MessageWriter<UiCommand>,
) {
    let mut cohorts: Vec<Option<String>> = names.iter().map(|t| t.cohort.clone()).collect();
    cohorts.dedup();
    let mut root = root_ui(ctx);
    egui::Panel::bottom("identify-bottom").show(&mut root, |ui| {
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Home));
            }
            ui.separator();
            ui.label(egui::RichText::new(tr(lang, "app-seat-room")).weak());
        });
        ui.add_space(6.0);
    });
    let listed: Vec<(Option<String>, String)> = cohorts
        .iter()
        .map(|c| {
            let label = c.clone().unwrap_or_else(|| tr(lang, "app-seat-no-cohort"));
            (c.clone(), label)
        })
        .collect();
    let in_cohort: Vec<(String, String, bool)> = names
        .iter()
        .filter(|t| picker.seat_cohort.as_ref() == Some(&t.cohort))
        .map(|t| (t.uuid.clone(), t.name.clone(), true))
        .collect();
    let p = &mut *picker;
    let chosen = egui::CentralPanel::default()
        .show(&mut root, |ui| {
            pick(
                ui,
                lang,
                notice,
                "app-seat-nobody",
                &listed,
                &in_cohort,
                (&mut p.seat_cohort, &mut p.seat_trainee, &mut p.pin),
            )
        })
        .inner;
    if let Some(t) = chosen.and_then(|u| names.iter().find(|t| t.uuid == u)) {
        cmds.write(UiCommand::SeatIdentify {
            trainee: t.uuid.clone(),
            name: t.name.clone(),
            pin: std::mem::take(&mut picker.pin),
        });
    }
}

/// What the trainee has chosen on "Je suis…": the cohort, the name, the PIN typed.
type Choice<'a, C, T> = (&'a mut Option<C>, &'a mut Option<T>, &'a mut String);

/// "Je suis…" itself, from the school's store or the room's list: the heading and the
/// notice, then the cohorts (`listed`: key, label) and the chosen cohort's names (key,
/// name, whether a PIN is asked) in two columns, the PIN under the chosen name. The name
/// confirmed with "C'est moi" (or Enter in the PIN), if any.
fn pick<C: PartialEq + Clone, T: PartialEq + Clone>(
    ui: &mut egui::Ui,
    lang: Lang,
    notice: &Notice,
    nobody: &str,
    listed: &[(C, String)],
    names: &[(T, String, bool)],
    (cohort, trainee, pin): Choice<C, T>,
) -> Option<T> {
    ui.heading(egui::RichText::new(tr(lang, "app-i-am")).size(28.0));
    ui.label(tr(lang, "app-i-am-help"));
    if let Some(n) = &notice.0 {
        ui.colored_label(theme::BAD, n.render(lang));
    }
    ui.add_space(10.0);
    if listed.is_empty() {
        ui.label(tr(lang, nobody));
        return None;
    }
    // One cohort: it is the trainee's.
    if cohort.is_none() && listed.len() == 1 {
        *cohort = Some(listed[0].0.clone());
    }
    let mut confirmed = None;
    ui.columns(2, |cols| {
        cols[0].label(egui::RichText::new(tr(lang, "app-my-cohort")).strong());
        egui::ScrollArea::vertical()
            .id_salt("cohorts")
            .show(&mut cols[0], |ui| {
                for (key, label) in listed {
                    if ui
                        .selectable_label(cohort.as_ref() == Some(key), big(label.clone()))
                        .clicked()
                    {
                        *cohort = Some(key.clone());
                        *trainee = None;
                        pin.clear();
                    }
                }
            });
        cols[1].label(egui::RichText::new(tr(lang, "app-my-name")).strong());
        egui::ScrollArea::vertical()
            .id_salt("trainees")
            .max_height(420.0)
            .show(&mut cols[1], |ui| {
                for (key, name, _) in names {
                    if ui
                        .selectable_label(trainee.as_ref() == Some(key), big(name.clone()))
                        .clicked()
                    {
                        *trainee = Some(key.clone());
                        pin.clear();
                    }
                }
            });
        let Some((key, _, asks_pin)) = names.iter().find(|n| trainee.as_ref() == Some(&n.0)) else {
            return;
        };
        cols[1].add_space(10.0);
        let mut entered = false;
        if *asks_pin {
            cols[1].label(tr(lang, "app-my-pin"));
            let field = cols[1].add(
                egui::TextEdit::singleline(pin)
                    .password(true)
                    .desired_width(120.0),
            );
            entered = field.lost_focus() && cols[1].input(|i| i.key_pressed(egui::Key::Enter));
        }
        let ready = !*asks_pin || !pin.is_empty();
        let go = cols[1].add_enabled(ready, egui::Button::new(big(tr(lang, "app-its-me"))));
        if go.clicked() || (ready && entered) {
            confirmed = Some(key.clone());
        }
    });
    confirmed
}
