//! The trainee's history: her attempts, the latest first, each with its exercise, her
//! attempt number there, when, how it ended, and its debrief (or "resume" if open).

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::flow::{Catalogue, Notice, Progress, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::i18n::{Msg, tr};
use crate::records::Status;
use crate::records::assess::FeedbackView;

pub fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, ui.run_if(in_state(Screen::History)));
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    catalogue: Res<Catalogue>,
    progress: Res<Progress>,
    notice: Res<Notice>,
    mut cmds: MessageWriter<UiCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let mut root = root_ui(ctx);
    egui::Panel::top("history-top").show(&mut root, |ui| {
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "app-to-list")).clicked() {
                cmds.write(UiCommand::Go(Screen::Select));
            }
            ui.heading(tr(lang, "app-history-title"));
            ui.label(
                Msg::new("app-hello")
                    .text("name", settings.trainee.clone())
                    .render(lang),
            );
        });
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        if let Some(n) = &notice.0 {
            ui.colored_label(theme::BAD, n.render(lang));
        }
        if progress.attempts.is_empty() {
            ui.label(tr(lang, "app-history-empty"));
            return;
        }
        // The trainee's number at each exercise, counted from her first attempt there.
        let mut numbers = std::collections::BTreeMap::<&str, u32>::new();
        let mut number_of = std::collections::BTreeMap::<i64, u32>::new();
        for a in progress.attempts.iter().rev() {
            let n = numbers.entry(a.scenario_id.as_str()).or_default();
            *n += 1;
            number_of.insert(a.id, *n);
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("history")
                .striped(true)
                .num_columns(5)
                .show(ui, |ui| {
                    for h in [
                        "app-history-when",
                        "app-history-exercise",
                        "app-history-attempt",
                        "app-history-result",
                    ] {
                        ui.label(egui::RichText::new(tr(lang, h)).strong());
                    }
                    ui.end_row();
                    for a in &progress.attempts {
                        ui.label(crate::i18n::time::short(lang, a.started_at_ms));
                        let title = catalogue.title_of(&a.scenario_id, lang);
                        ui.label(title);
                        ui.label(format!("{}", number_of.get(&a.id).copied().unwrap_or(0)));
                        let view = progress.views.get(&a.id).copied().unwrap_or_default();
                        match (&a.status, a.score, a.passed) {
                            // An assessment's grade waits for its policy (after it closes,
                            // or never): handed in, nothing more.
                            (Status::Finished, Some(_), Some(_))
                                if view == FeedbackView::Hidden =>
                            {
                                ui.label(tr(lang, "app-history-handed-in"));
                                ui.label("");
                            }
                            (Status::Finished, Some(score), Some(passed)) => {
                                ui.colored_label(
                                    if passed { theme::OK } else { theme::BAD },
                                    Msg::new(if passed {
                                        "app-history-passed"
                                    } else {
                                        "app-history-failed"
                                    })
                                    .num("score", score, 1)
                                    .render(lang),
                                );
                                if ui.button(tr(lang, "app-history-debrief")).clicked() {
                                    cmds.write(UiCommand::Review(a.id));
                                }
                            }
                            (Status::Open, _, _) => {
                                ui.colored_label(theme::WARN, tr(lang, "app-history-open"));
                                if ui.button(tr(lang, "app-resume")).clicked() {
                                    cmds.write(UiCommand::Resume(a.id));
                                }
                            }
                            (Status::Closed | Status::Finished, _, _) => {
                                ui.label(tr(lang, "app-history-closed"));
                                ui.label("");
                            }
                        }
                        ui.end_row();
                    }
                });
        });
    });
    Ok(())
}
