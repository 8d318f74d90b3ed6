//! "Je suis…": the trainee finds their cohort and name (PIN if they have one); the
//! trainer opens their mode with their PIN.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Cached, big};
use crate::app::flow::{Notice, Records, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::i18n::tr;
use crate::records::school::{Cohort, Trainee};

/// What the trainee has typed and chosen on "Je suis…".
#[derive(Resource, Default)]
pub(super) struct Picker {
    cohort: Option<i64>,
    trainee: Option<i64>,
    pin: String,
    trainer_pin: String,
}

pub(super) fn identify(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    records: Res<Records>,
    notice: Res<Notice>,
    mut picker: ResMut<Picker>,
    mut cmds: MessageWriter<UiCommand>,
    mut read: Local<Cached<(Vec<Cohort>, Vec<Trainee>)>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
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
    if picker.cohort.is_none() && cohorts.len() == 1 {
        picker.cohort = Some(cohorts[0].id);
    }
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
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading(egui::RichText::new(tr(lang, "app-i-am")).size(28.0));
        ui.label(tr(lang, "app-i-am-help"));
        if let Some(n) = &notice.0 {
            ui.colored_label(theme::BAD, n.render(lang));
        }
        ui.add_space(10.0);
        if cohorts.is_empty() {
            ui.label(tr(lang, "app-no-cohorts"));
            return;
        }
        ui.columns(2, |cols| {
            cols[0].label(egui::RichText::new(tr(lang, "app-my-cohort")).strong());
            egui::ScrollArea::vertical()
                .id_salt("cohorts")
                .show(&mut cols[0], |ui| {
                    for c in &cohorts {
                        if ui
                            .selectable_label(picker.cohort == Some(c.id), big(c.name.clone()))
                            .clicked()
                        {
                            picker.cohort = Some(c.id);
                            picker.trainee = None;
                            picker.pin.clear();
                        }
                    }
                });
            cols[1].label(egui::RichText::new(tr(lang, "app-my-name")).strong());
            egui::ScrollArea::vertical()
                .id_salt("trainees")
                .max_height(420.0)
                .show(&mut cols[1], |ui| {
                    for t in &trainees {
                        let name = t.name.clone().unwrap_or_default();
                        if ui
                            .selectable_label(picker.trainee == Some(t.id), big(name))
                            .clicked()
                        {
                            picker.trainee = Some(t.id);
                            picker.pin.clear();
                        }
                    }
                });
            if let Some(t) = picker
                .trainee
                .and_then(|id| trainees.iter().find(|t| t.id == id))
            {
                cols[1].add_space(10.0);
                if t.has_pin {
                    cols[1].label(tr(lang, "app-my-pin"));
                    cols[1].add(
                        egui::TextEdit::singleline(&mut picker.pin)
                            .password(true)
                            .desired_width(120.0),
                    );
                }
                if cols[1].button(big(tr(lang, "app-its-me"))).clicked() {
                    cmds.write(UiCommand::Identify {
                        trainee: t.id,
                        pin: std::mem::take(&mut picker.pin),
                    });
                }
            }
        });
    });
    Ok(())
}
