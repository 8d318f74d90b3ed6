//! Briefing: what the job is, the cable, the tasks, the rules of the mode.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::flow::{Catalogue, Chosen, Screen, Settings, UiCommand};
use crate::app::theme::{self, colour32, root_ui, stars};
use crate::exercise::Exercise;
use crate::i18n::{Lang, Msg, tr};
use crate::scenario::{ExerciseSpec, Mode};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        ui.run_if(in_state(Screen::Briefing)),
    );
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    catalogue: Res<Catalogue>,
    chosen: Res<Chosen>,
    mut cmds: MessageWriter<UiCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let mut root = root_ui(ctx);
    if let Some(b) = &chosen.assignment {
        assessment_item(&mut root, lang, b, &mut cmds);
        return Ok(());
    }
    let Some(loaded) = chosen.id.as_deref().and_then(|id| catalogue.find(id)) else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.label(tr(lang, "app-scenario-gone"));
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Select));
            }
        });
        return Ok(());
    };
    let s = &loaded.scenario;
    // The exercise as it will be drawn with this seed: the briefing names the same fibres.
    let preview = Exercise::generate(s, chosen.seed);
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(10.0);
            ui.label(egui::RichText::new(s.title.get(lang)).size(28.0).strong());
            ui.horizontal(|ui| {
                ui.label(s.module().name().render(lang));
                ui.label(
                    Msg::new("app-difficulty")
                        .text("stars", stars(s.difficulty))
                        .render(lang),
                );
                theme::difficulty_dots(ui, s.difficulty);
                let (colour, rule) = match s.mode {
                    Mode::Practice => (theme::OK, "app-rule-practice"),
                    Mode::Assessment => (theme::WARN, "app-rule-assessment"),
                };
                ui.colored_label(colour, s.mode.name().render(lang));
                ui.label(Msg::new(rule).num("min", s.duration_min, 0).render(lang));
            });
            ui.separator();
            ui.label(egui::RichText::new(s.briefing.get(lang)).size(17.0));
            ui.add_space(10.0);
            match &s.exercise {
                ExerciseSpec::CablePrep(setup) => {
                    ui.label(egui::RichText::new(tr(lang, "app-cable")).strong());
                    ui.label(format!(
                        "{} — {}",
                        setup.cable.name().render(lang),
                        setup.colour_code.name().render(lang)
                    ));
                    ui.add_space(8.0);
                    ui.label(egui::RichText::new(tr(lang, "app-tasks")).strong());
                    for line in preview.task_lines() {
                        ui.label(format!("• {}", line.render(lang)));
                    }
                    if s.mode == Mode::Practice {
                        ui.add_space(10.0);
                        ui.label(
                            egui::RichText::new(setup.colour_code.name().render(lang)).strong(),
                        );
                        colour_code_strip(ui, lang, setup.colour_code);
                    }
                }
                ExerciseSpec::Otdr(_)
                | ExerciseSpec::Splice(_)
                | ExerciseSpec::Job(_)
                | ExerciseSpec::Routing(_)
                | ExerciseSpec::Connect(_) => {
                    ui.label(egui::RichText::new(tr(lang, "app-tasks")).strong());
                    for line in preview.task_lines() {
                        ui.label(format!("• {}", line.render(lang)));
                    }
                }
            }
            ui.add_space(20.0);
            ui.horizontal(|ui| {
                if ui.button(tr(lang, "app-back")).clicked() {
                    cmds.write(UiCommand::Go(Screen::Select));
                }
                if ui
                    .button(
                        egui::RichText::new(tr(lang, "app-start"))
                            .size(20.0)
                            .strong(),
                    )
                    .clicked()
                {
                    cmds.write(UiCommand::Start { seed: None });
                }
            });
        });
    });
    Ok(())
}

/// An assessment item's briefing, before its clock starts: the assessment, the one time
/// allowed (extra time included), the attempt, the rules and the job's own briefing
/// (the limits it is graded on are written there). Its tasks, drawn for this attempt,
/// show on the bench once it starts.
fn assessment_item(
    root: &mut egui::Ui,
    lang: Lang,
    b: &crate::app::flow::Briefed,
    cmds: &mut MessageWriter<UiCommand>,
) {
    let s = &b.loaded.scenario;
    egui::Panel::bottom("briefing-buttons").show(root, |ui| {
        ui.add_space(8.0);
        ui.horizontal_wrapped(|ui| {
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Assessments));
            }
            let start = ui.add(
                egui::Button::new(
                    egui::RichText::new(tr(lang, "app-start-clock"))
                        .text_style(egui::TextStyle::Heading)
                        .strong()
                        .color(egui::Color32::WHITE),
                )
                .fill(theme::ACCENT),
            );
            crate::app::widgets::note_control(ui, "briefing-start", start.rect);
            if start.clicked() {
                cmds.write(UiCommand::StartBriefed);
            }
        });
        ui.add_space(8.0);
    });
    egui::CentralPanel::default().show(root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.add_space(6.0);
            ui.add(egui::Label::new(egui::RichText::new(&b.assessment).size(18.0)).wrap());
            ui.add(
                egui::Label::new(egui::RichText::new(s.title.get(lang)).size(26.0).strong()).wrap(),
            );
            ui.horizontal_wrapped(|ui| {
                ui.label(s.module().name().render(lang));
                ui.colored_label(theme::WARN, Mode::Assessment.name().render(lang));
                ui.label(
                    Msg::new("app-attempt-of")
                        .int("n", b.attempt)
                        .int("of", b.allowed)
                        .render(lang),
                );
            });
            // The one time limit: the one the clock counts down, the grade and the
            // relevé use.
            let limit = b.limit_ms.unwrap_or((s.duration_min * 60_000.0) as u64);
            let rule = Msg::new("app-rule-assessment-item")
                .int("min", (limit / 60_000) as i64)
                .render(lang);
            let rule = if b.extra_ms > 0 {
                format!(
                    "{rule} {}",
                    Msg::new("app-extra-time-included")
                        .int("min", (b.extra_ms / 60_000) as i64)
                        .render(lang)
                )
            } else {
                rule
            };
            let shown = ui.label(
                egui::RichText::new(rule)
                    .size(18.0)
                    .strong()
                    .color(theme::WARN),
            );
            crate::app::widgets::note_control(ui, "briefing-limit", shown.rect);
            crate::app::widgets::note_value(ui.ctx(), "briefing-limit-s", (limit / 1000) as f64);
            ui.separator();
            let text = ui
                .add(egui::Label::new(egui::RichText::new(s.briefing.get(lang)).size(17.0)).wrap());
            crate::app::widgets::note_control(ui, "briefing-text", text.rect);
            ui.add_space(10.0);
            ui.label(egui::RichText::new(tr(lang, "app-tasks-at-start")).italics());
        });
    });
}

/// The 12 colours of a code in order, numbered, as on a trainer's reference card.
pub fn colour_code_strip(ui: &mut egui::Ui, lang: Lang, code: crate::physics::cable::ColourCode) {
    ui.horizontal_wrapped(|ui| {
        for n in 1..=12u32 {
            let Some(c) = code.colour(n) else { continue };
            let (rect, _) = ui.allocate_exact_size(egui::vec2(22.0, 22.0), egui::Sense::hover());
            ui.painter().rect_filled(rect, 4.0, colour32(c));
            ui.painter().rect_stroke(
                rect,
                4.0,
                egui::Stroke::new(1.0, egui::Color32::DARK_GRAY),
                egui::StrokeKind::Inside,
            );
            ui.label(format!("{n} {}", c.name().render(lang)));
            ui.add_space(6.0);
        }
    });
}
