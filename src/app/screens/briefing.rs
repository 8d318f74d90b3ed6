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
