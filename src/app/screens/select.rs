//! Scenario selection, grouped by module, with broken files and their errors.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::flow::{Catalogue, Progress, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui, stars};
use crate::i18n::{Msg, tr};
use crate::scenario::{LoadedScenario, Mode};

pub fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, ui.run_if(in_state(Screen::Select)));
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    catalogue: Res<Catalogue>,
    progress: Res<Progress>,
    mut cmds: MessageWriter<UiCommand>,
    mut only: Local<Option<crate::scenario::Module>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let mut list: Vec<&LoadedScenario> = catalogue.valid().collect();
    list.sort_by(|a, b| {
        (a.scenario.module(), a.scenario.difficulty, &a.scenario.id).cmp(&(
            b.scenario.module(),
            b.scenario.difficulty,
            &b.scenario.id,
        ))
    });
    let mut root = root_ui(ctx);
    egui::Panel::top("select-top").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Home));
            }
            ui.heading(tr(lang, "app-select-title"));
            ui.label(
                Msg::new("app-hello")
                    .text("name", settings.trainee.clone())
                    .render(lang),
            );
            if ui.button(tr(lang, "app-history-button")).clicked() {
                cmds.write(UiCommand::Go(Screen::History));
            }
        });
        // One tab per module, with its count: a module's exercises without scrolling
        // past the others'.
        ui.horizontal_wrapped(|ui| {
            if ui
                .selectable_label(
                    only.is_none(),
                    egui::RichText::new(
                        Msg::new("app-all-modules")
                            .int("n", list.len() as u32)
                            .render(lang),
                    )
                    .size(16.0),
                )
                .clicked()
            {
                *only = None;
            }
            let mut modules: Vec<crate::scenario::Module> =
                list.iter().map(|l| l.scenario.module()).collect();
            modules.dedup();
            for m in modules {
                let n = list.iter().filter(|l| l.scenario.module() == m).count();
                let tab = ui.selectable_label(
                    *only == Some(m),
                    egui::RichText::new(format!("{} ({n})", m.name().render(lang))).size(16.0),
                );
                crate::app::widgets::note_control(ui, &format!("module-tab-{m:?}"), tab.rect);
                if tab.clicked() {
                    *only = Some(m);
                }
            }
        });
        ui.add_space(4.0);
    });
    let list: Vec<&LoadedScenario> = list
        .into_iter()
        .filter(|l| only.is_none_or(|m| l.scenario.module() == m))
        .collect();
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            let mut module = None;
            for l in list {
                let s = &l.scenario;
                if module != Some(s.module()) {
                    module = Some(s.module());
                    ui.add_space(8.0);
                    ui.heading(s.module().name().render(lang));
                }
                egui::Frame::group(ui.style()).show(ui, |ui| {
                    ui.set_width(ui.available_width() - 12.0);
                    ui.horizontal(|ui| {
                        let mode_colour = match s.mode {
                            Mode::Practice => theme::OK,
                            Mode::Assessment => theme::WARN,
                        };
                        ui.vertical(|ui| {
                            ui.label(egui::RichText::new(s.title.get(lang)).size(18.0).strong());
                            ui.horizontal(|ui| {
                                ui.label(
                                    Msg::new("app-difficulty")
                                        .text("stars", stars(s.difficulty))
                                        .render(lang),
                                );
                                theme::difficulty_dots(ui, s.difficulty);
                                ui.colored_label(mode_colour, s.mode.name().render(lang));
                                ui.label(
                                    Msg::new("app-duration")
                                        .num("min", s.duration_min, 0)
                                        .render(lang),
                                );
                            });
                            progress_line(ui, lang, progress.by_exercise.get(&s.id));
                        });
                        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                            if ui
                                .button(egui::RichText::new(tr(lang, "app-open")).size(17.0))
                                .clicked()
                            {
                                cmds.write(UiCommand::Choose(s.id.clone()));
                            }
                        });
                    });
                });
            }
            let broken: Vec<_> = catalogue
                .entries
                .iter()
                .filter_map(|(k, r)| r.as_ref().err().map(|d| (k, d)))
                .collect();
            if !broken.is_empty() {
                ui.add_space(16.0);
                ui.colored_label(
                    theme::BAD,
                    egui::RichText::new(tr(lang, "app-broken-files"))
                        .size(18.0)
                        .strong(),
                );
                ui.label(tr(lang, "app-broken-help"));
                for (_, ds) in broken {
                    for d in ds {
                        ui.colored_label(
                            theme::BAD,
                            egui::RichText::new(d.render(lang)).monospace(),
                        );
                    }
                }
            }
        });
    });
    Ok(())
}

/// "3 attempts · best 85 % (passed) · last 72 % (failed)", or "not tried yet".
fn progress_line(
    ui: &mut egui::Ui,
    lang: crate::i18n::Lang,
    p: Option<&crate::records::ExerciseProgress>,
) {
    let Some(p) = p.filter(|p| p.attempts > 0) else {
        ui.label(egui::RichText::new(tr(lang, "app-progress-none")).small());
        return;
    };
    ui.horizontal(|ui| {
        ui.label(
            egui::RichText::new(
                Msg::new("app-progress-attempts")
                    .int("n", p.attempts)
                    .render(lang),
            )
            .small(),
        );
        for (key, g) in [("app-progress-best", p.best), ("app-progress-last", p.last)] {
            if let Some(g) = g {
                let verdict = if g.passed {
                    "app-history-passed"
                } else {
                    "app-history-failed"
                };
                ui.colored_label(
                    if g.passed { theme::OK } else { theme::BAD },
                    egui::RichText::new(
                        Msg::new(key)
                            .msg("result", Msg::new(verdict).num("score", g.score, 0))
                            .render(lang),
                    )
                    .small(),
                );
            }
        }
    });
}
