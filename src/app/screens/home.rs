//! Home: language, trainee name, unfinished attempts to resume.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::flow::{Catalogue, Notice, Records, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::i18n::{Lang, Msg, tr};

#[derive(Resource, Default)]
struct NameBuffer(Option<String>);

pub fn plugin(app: &mut App) {
    app.init_resource::<NameBuffer>()
        .add_systems(EguiPrimaryContextPass, ui.run_if(in_state(Screen::Home)));
}

#[allow(clippy::too_many_arguments)]
fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    records: Res<Records>,
    catalogue: Res<Catalogue>,
    notice: Res<Notice>,
    mut name: ResMut<NameBuffer>,
    mut cmds: MessageWriter<UiCommand>,
    mut school_read: Local<super::school::Cached<(bool, bool, bool)>>,
    mut open_read: Local<super::school::Cached<Vec<crate::records::AttemptSummary>>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let buf = name.0.get_or_insert_with(|| settings.trainee.clone());
    let mut root = root_ui(ctx);
    egui::CentralPanel::default().show(&mut root, |ui| {
        // At 1024x768 and a large text size, the unfinished work may run past the bottom.
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(if ui.available_height() < 800.0 {
                    16.0
                } else {
                    40.0
                });
                ui.label(
                    egui::RichText::new("FibreLab")
                        .size(48.0)
                        .strong()
                        .color(theme::ACCENT),
                );
                ui.label(egui::RichText::new(tr(lang, "app-tagline")).size(20.0));
                ui.add_space(30.0);
                ui.horizontal(|ui| {
                    ui.add_space(ui.available_width() / 2.0 - 130.0);
                    for (l, label) in [(Lang::Fr, "Français"), (Lang::En, "English")] {
                        if ui
                            .selectable_label(lang == l, egui::RichText::new(label).size(18.0))
                            .clicked()
                        {
                            cmds.write(UiCommand::SetLang(l));
                        }
                    }
                });
                // A school's seat: the trainee is someone on the school's list ("Je suis…"),
                // never a name typed beside it; the trainer opens their mode from there.
                let (school, roster, on_seat) = *school_read.get(0, || {
                    records
                        .with(|db| {
                            // A room's seat: the room's list is on the school's server.
                            if db.seat_only() {
                                return (true, true, true);
                            }
                            (
                                db.cohorts().map(|c| !c.is_empty()).unwrap_or(false),
                                db.has_roster().unwrap_or(false),
                                false,
                            )
                        })
                        .unwrap_or((false, false, false))
                });
                ui.add_space(20.0);
                let ready = if roster {
                    match &settings.identity {
                        Some(me) => {
                            ui.label(
                                egui::RichText::new(
                                    Msg::new("app-you-are")
                                        .text("name", me.name.clone().unwrap_or_default())
                                        .render(lang),
                                )
                                .size(20.0),
                            );
                            if ui.button(tr(lang, "app-not-me")).clicked() {
                                cmds.write(UiCommand::SetTrainee(String::new()));
                                cmds.write(UiCommand::Go(Screen::Identify));
                            }
                            ui.add_space(10.0);
                            // A room's seat sits assessments only (practice is kept
                            // nowhere there).
                            let (key, to) = if on_seat {
                                ("app-my-assessments-back", Screen::Assessments)
                            } else {
                                ("app-choose-exercise", Screen::Select)
                            };
                            let go = ui.button(egui::RichText::new(tr(lang, key)).size(20.0));
                            if go.clicked() {
                                cmds.write(UiCommand::Go(to));
                            }
                            !on_seat
                        }
                        None => {
                            ui.label(tr(lang, "app-roster-only"));
                            false
                        }
                    }
                } else {
                    ui.label(tr(lang, "app-trainee-name"));
                    let edit = ui.add(
                        egui::TextEdit::singleline(buf)
                            .desired_width(300.0)
                            .hint_text(tr(lang, "app-trainee-hint")),
                    );
                    if edit.changed() {
                        cmds.write(UiCommand::SetTrainee(buf.clone()));
                    }
                    ui.add_space(20.0);
                    let ready = !buf.trim().is_empty();
                    let go = ui.add_enabled(
                        ready,
                        egui::Button::new(
                            egui::RichText::new(tr(lang, "app-choose-exercise")).size(20.0),
                        ),
                    );
                    // Enter in the name field goes on, as the button does.
                    let entered =
                        edit.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                    if go.clicked() || (ready && entered) {
                        cmds.write(UiCommand::Go(Screen::Select));
                    }
                    if !ready {
                        ui.label(egui::RichText::new(tr(lang, "app-name-needed")).small());
                    }
                    ready
                };
                // Read every two seconds, not on every frame.
                let who = settings.trainee.trim().to_string();
                let key = who
                    .bytes()
                    .fold(17i64, |h, b| h.wrapping_mul(31).wrapping_add(b as i64));
                let open = if ready {
                    open_read.get(key, || records.open_attempts(&who)).clone()
                } else {
                    Vec::new()
                };
                if !open.is_empty() {
                    ui.add_space(16.0);
                    ui.heading(tr(lang, "app-unfinished"));
                    for (i, a) in open.into_iter().enumerate() {
                        // The line wraps and its buttons sit under it, centred: nothing
                        // runs past the right edge at 1024 px and the largest text.
                        let title = catalogue.title_of(&a.scenario_id, lang);
                        ui.add(
                            egui::Label::new(
                                Msg::new("app-unfinished-line")
                                    .text("title", title)
                                    .int("n", a.actions)
                                    .render(lang),
                            )
                            .wrap(),
                        );
                        let resume = ui.add(
                            egui::Button::new(
                                egui::RichText::new(tr(lang, "app-resume"))
                                    .strong()
                                    .color(egui::Color32::WHITE),
                            )
                            .fill(theme::ACCENT),
                        );
                        crate::app::widgets::note_control(ui, &format!("resume-{i}"), resume.rect);
                        if resume.clicked() {
                            cmds.write(UiCommand::Resume(a.id));
                        }
                        if ui.small_button(tr(lang, "app-close-attempt")).clicked() {
                            cmds.write(UiCommand::CloseAttempt(a.id));
                        }
                        ui.add_space(6.0);
                    }
                }
                ui.add_space(10.0);
                if ui
                    .button(
                        egui::RichText::new(tr(
                            lang,
                            if school {
                                "app-i-am-button"
                            } else {
                                "app-trainer-button"
                            },
                        ))
                        .size(18.0),
                    )
                    .clicked()
                {
                    cmds.write(UiCommand::Go(Screen::Identify));
                }
                let n_valid = catalogue.valid().count();
                ui.label(
                    egui::RichText::new(
                        Msg::new("app-scenario-count")
                            .int("n", n_valid as u32)
                            .render(lang),
                    )
                    .small(),
                );
                if let Some(n) = &notice.0 {
                    ui.colored_label(theme::BAD, n.render(lang));
                }
                if let Some(e) = &records.error {
                    ui.add_space(10.0);
                    ui.colored_label(
                        theme::BAD,
                        Msg::new("app-no-records")
                            .msg("error", e.clone())
                            .render(lang),
                    );
                    if ui.button(tr(lang, "app-try-again")).clicked() {
                        cmds.write(UiCommand::Reopen);
                    }
                }
            });
        });
    });
    Ok(())
}
