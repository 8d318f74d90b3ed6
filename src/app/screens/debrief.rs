//! Debrief: the score, each criterion with its feedback, retry with the same or a new seed.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use super::compare::{self, TraceCache};
use crate::app::flow::{Current, Notice, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::exercise::ModuleState;
use crate::i18n::{Lang, Msg, tr};
use crate::records::assess::FeedbackView;

pub fn plugin(app: &mut App) {
    app.add_systems(EguiPrimaryContextPass, ui.run_if(in_state(Screen::Debrief)));
}

fn ui(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    current: Res<Current>,
    notice: Res<Notice>,
    mut cmds: MessageWriter<UiCommand>,
    mut trace: Local<TraceCache>,
    mut fibre: Local<usize>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let mut root = root_ui(ctx);
    let Some(live) = current.live.as_ref() else {
        egui::CentralPanel::default().show(&mut root, |ui| {
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Select));
            }
        });
        return Ok(());
    };
    let report = live.report.clone().unwrap_or_else(|| live.session.report());
    // An assessment attempt whose grade is given later: recorded, and no more; or, while
    // a classmate may still sit the same draw, the score and the verdict alone (the
    // detail, the seed with it, only with everything).
    let view = live.feedback;
    if view != FeedbackView::Full {
        egui::CentralPanel::default().show(&mut root, |ui| {
            ui.vertical_centered(|ui| {
                ui.add_space(80.0);
                ui.heading(egui::RichText::new(tr(lang, "app-assessment-recorded")).size(26.0));
                ui.add_space(10.0);
                // A room's seat: handed in to the school's server, or still kept here.
                if live.session.remote.is_some() {
                    let (colour, key) = if live.session.handed_in {
                        (theme::OK, "app-seat-handed-in")
                    } else {
                        (theme::WARN, "app-seat-not-handed-in")
                    };
                    ui.label(egui::RichText::new(tr(lang, key)).size(18.0).color(colour));
                    crate::app::widgets::note_value(
                        ui.ctx(),
                        "seat-handed-in",
                        if live.session.handed_in { 1.0 } else { 0.0 },
                    );
                    if let Some(e) = &live.record_error {
                        ui.colored_label(theme::BAD, e.render(lang));
                    }
                    ui.add_space(10.0);
                }
                if view == FeedbackView::ScoreOnly {
                    let verdict = if report.passed {
                        "cli-passed"
                    } else {
                        "cli-failed"
                    };
                    ui.label(
                        egui::RichText::new(
                            Msg::new("cli-score")
                                .num("score", report.score, 1)
                                .num("pass", report.pass_mark, 0)
                                .msg("verdict", Msg::new(verdict))
                                .render(lang),
                        )
                        .size(22.0)
                        .strong(),
                    );
                    ui.label(
                        egui::RichText::new(tr(lang, "app-assessment-detail-later")).size(18.0),
                    );
                } else {
                    ui.label(
                        egui::RichText::new(tr(lang, "app-assessment-feedback-later")).size(18.0),
                    );
                }
                ui.add_space(20.0);
                if ui
                    .button(egui::RichText::new(tr(lang, "app-my-assessments-back")).size(18.0))
                    .clicked()
                {
                    cmds.write(UiCommand::Go(Screen::Assessments));
                }
            });
        });
        return Ok(());
    }
    egui::Panel::bottom("debrief-buttons").show(&mut root, |ui| {
        ui.add_space(6.0);
        ui.horizontal_wrapped(|ui| {
            if settings.trainer.is_some() {
                // A trainer reviewing a trainee's attempt goes back to their mode (the
                // PIN is not asked again); the trainee's own buttons are not theirs.
                let back = ui.button(
                    egui::RichText::new(tr(lang, "app-back-to-trainer"))
                        .size(18.0)
                        .strong(),
                );
                crate::app::widgets::note_control(ui, "debrief-back-to-trainer", back.rect);
                if back.clicked() {
                    cmds.write(UiCommand::Go(Screen::Trainer));
                }
                return;
            }
            if live.store_start.is_some() {
                // An assessment item: no free retry of its draw; back to the list.
                if ui
                    .button(egui::RichText::new(tr(lang, "app-my-assessments-back")).strong())
                    .clicked()
                {
                    cmds.write(UiCommand::Go(Screen::Assessments));
                }
            } else {
                if ui.button(tr(lang, "app-retry-same")).clicked() {
                    cmds.write(UiCommand::Retry { same_seed: true });
                }
                let new = ui.button(tr(lang, "app-retry-new"));
                crate::app::widgets::note_control(ui, "debrief-retry-new", new.rect);
                if new.clicked() {
                    cmds.write(UiCommand::Retry { same_seed: false });
                }
                if ui.button(tr(lang, "app-to-list")).clicked() {
                    cmds.write(UiCommand::Go(Screen::Select));
                }
            }
            // A job's deliverables, as the technician hands them in with the job (an
            // audit's are its tickets, in the relevé).
            if live
                .session
                .exercise
                .state
                .job()
                .is_some_and(|j| j.audit_stage().is_none())
            {
                let dossier = ui
                    .button(tr(lang, "app-dossier-hand-in"))
                    .on_hover_text(tr(lang, "app-dossier-hand-in-help"));
                crate::app::widgets::note_control(ui, "debrief-dossier", dossier.rect);
                if dossier.clicked() {
                    cmds.write(UiCommand::HandInDossier);
                }
            }
            let home = ui.button(tr(lang, "app-home"));
            crate::app::widgets::note_control(ui, "debrief-home", home.rect);
            if home.clicked() {
                cmds.write(UiCommand::Go(Screen::Home));
            }
        });
        // What the last command did (the dossier handed in, where).
        if let Some(n) = &notice.0 {
            ui.label(n.render(lang));
        }
        crate::app::widgets::prefs(ui, lang, &mut cmds);
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        egui::ScrollArea::vertical().show(ui, |ui| {
            ui.label(
                egui::RichText::new(live.session.loaded.scenario.title.get(lang))
                    .size(22.0)
                    .strong(),
            );
            ui.horizontal(|ui| {
                ui.label(
                    egui::RichText::new(format!("{} / 100", lang.num(report.score, 1)))
                        .size(40.0)
                        .strong(),
                );
                let (colour, key) = if report.passed {
                    (theme::OK, "cli-passed")
                } else {
                    (theme::BAD, "cli-failed")
                };
                ui.label(
                    egui::RichText::new(tr(lang, key))
                        .size(30.0)
                        .strong()
                        .color(colour),
                );
                ui.label(
                    Msg::new("app-pass-mark")
                        .num("pass", report.pass_mark, 0)
                        .render(lang),
                );
            });
            let meta = Msg::new("app-debrief-meta")
                .num("min", report.elapsed_s / 60.0, 1)
                .int("seed", report.seed as i64);
            ui.label(
                match live.number {
                    Some(n) => meta.int("attempt", n),
                    None => Msg::new("app-debrief-meta-unrecorded")
                        .num("min", report.elapsed_s / 60.0, 1)
                        .int("seed", report.seed as i64),
                }
                .render(lang),
            );
            if !report.critical_failed.is_empty() {
                ui.colored_label(theme::BAD, tr(lang, "app-critical"));
            }
            if let Some(e) = &live.record_error {
                ui.colored_label(theme::BAD, e.render(lang));
            }
            if !report.stages.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new(tr(lang, "app-job-stages")).strong());
                egui::Grid::new("stages")
                    .num_columns(3)
                    .spacing([12.0, 4.0])
                    .show(ui, |ui| {
                        for s in &report.stages {
                            let (mark, colour) = if s.all_met {
                                ("✔", theme::OK)
                            } else {
                                ("✖", theme::WARN)
                            };
                            ui.colored_label(colour, mark);
                            ui.label(s.stage.name().render(lang));
                            ui.label(format!(
                                "{}/{}",
                                lang.num(s.points, 1),
                                lang.num(s.max_points, 0)
                            ));
                            ui.end_row();
                        }
                    });
            }
            ui.separator();
            egui::Grid::new("criteria")
                .striped(true)
                .num_columns(3)
                .spacing([12.0, 8.0])
                .show(ui, |ui| {
                    for c in &report.criteria {
                        let (mark, colour) = if c.met {
                            ("✔", theme::OK)
                        } else if c.critical {
                            ("✖", theme::BAD)
                        } else {
                            ("✖", theme::WARN)
                        };
                        ui.colored_label(colour, egui::RichText::new(mark).size(20.0));
                        ui.label(format!(
                            "{}/{}",
                            lang.num(c.points, 1),
                            lang.num(c.max_points, 0)
                        ));
                        ui.vertical(|ui| {
                            if c.critical {
                                ui.colored_label(
                                    if c.met { theme::OK } else { theme::BAD },
                                    egui::RichText::new(tr(lang, "app-critical-tag")).strong(),
                                );
                            }
                            feedback(ui, lang, &c.feedback);
                            if let Some(d) = &c.defect {
                                ui.colored_label(
                                    if c.critical { theme::BAD } else { theme::WARN },
                                    egui::RichText::new(d.msg().render(lang)).strong(),
                                )
                                .on_hover_text(tr(lang, "app-defect-help"));
                            }
                        });
                        ui.end_row();
                    }
                });
            ui.separator();
            let ex = &live.session.exercise;
            let key = live.session.attempt;
            match &ex.state {
                ModuleState::CablePrep(st) => compare::lengths_section(ui, lang, st, "prep"),
                ModuleState::Splice(st) => compare::splice_section(ui, lang, st),
                ModuleState::Otdr(st) => {
                    compare::otdr_section(ui, lang, st, ex.seed, (key, 0), &mut trace)
                }
                ModuleState::Job(job) => {
                    if let Some(a) = job.audit_stage() {
                        crate::app::modules::audit_debrief(ui, lang, a);
                    }
                    if let Some(sp) = job.splice_stage() {
                        compare::splice_section(ui, lang, sp);
                        ui.separator();
                    }
                    if let Some(c) = job.connect_stage() {
                        crate::app::modules::connect_debrief(ui, lang, c);
                        ui.separator();
                    }
                    if let Some(t) = job.test_stage() {
                        let code = job.setup.splice.prep.colour_code;
                        *fibre = (*fibre).min(t.fibres.len().saturating_sub(1));
                        ui.horizontal_wrapped(|ui| {
                            ui.label(tr(lang, "app-cmp-fibre-shown"));
                            for (i, f) in t.fibres.iter().enumerate() {
                                let name = f.pair[0].describe(code).render(lang);
                                if ui.selectable_label(*fibre == i, name).clicked() {
                                    *fibre = i;
                                }
                            }
                        });
                        if let Some(f) = t.fibres.get(*fibre) {
                            compare::otdr_section(
                                ui,
                                lang,
                                &f.otdr,
                                ex.seed,
                                (key, *fibre),
                                &mut trace,
                            );
                        }
                    }
                }
                ModuleState::Routing(st) => crate::app::modules::routing_debrief(ui, lang, st),
                ModuleState::Connect(st) => crate::app::modules::connect_debrief(ui, lang, st),
            }
            let prep = live.session.exercise.state.cable_prep();
            let ends = prep.map(|st| st.prepared_ends()).unwrap_or_default();
            let code = prep.map(|st| st.colour_code);
            if !ends.is_empty() {
                ui.separator();
                ui.label(egui::RichText::new(tr(lang, "app-prepared-ends")).strong());
                for e in ends {
                    let defects = if e.defects.is_empty() {
                        tr(lang, "app-none")
                    } else {
                        e.defects
                            .iter()
                            .map(|d| d.name().render(lang))
                            .collect::<Vec<_>>()
                            .join(", ")
                    };
                    ui.label(
                        Msg::new("app-end-line")
                            .msg(
                                "fibre",
                                e.fibre.describe(
                                    code.unwrap_or(
                                        crate::physics::cable::ColourCode::StandardOrange,
                                    ),
                                ),
                            )
                            .num("strip", e.strip_length_mm, 1)
                            .num("cleave", e.cleave_length_mm, 1)
                            .num("angle", e.cleave_angle_deg, 2)
                            .text("defects", defects)
                            .msg(
                                "clean",
                                Msg::new(if e.clean { "app-yes" } else { "app-no" }),
                            )
                            .render(lang),
                    );
                }
            }
            // What the body took, for the layout tests: nothing past the right edge.
            crate::app::widgets::note_rect(ui.ctx(), "debrief-body", ui.min_rect());
        });
    });
    Ok(())
}

/// A criterion's feedback: its sentence, and when it names several items, each on its
/// own line.
fn feedback(ui: &mut egui::Ui, lang: Lang, m: &Msg) {
    let Some((first, items)) = crate::grading::concerned(m) else {
        ui.add(egui::Label::new(m.render(lang)).wrap());
        return;
    };
    ui.add(egui::Label::new(first.render(lang)).wrap());
    ui.label(
        Msg::new("app-concerned")
            .int("n", items.len() as u32)
            .render(lang),
    );
    // Short items side by side (twelve fibres take two lines, not twelve).
    ui.horizontal_wrapped(|ui| {
        for it in items {
            ui.label(format!("• {}", it.render(lang)));
            ui.add_space(8.0);
        }
    });
}
