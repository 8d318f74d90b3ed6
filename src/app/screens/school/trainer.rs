//! The trainer's mode: the gradebook, the live status of an assessment, the criteria
//! missed across the cohort, a trainee's history with the decisions.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{big, header_row, span};
use crate::app::flow::{Notice, Records, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::i18n::Lang;
use crate::i18n::{Msg, tr};
use crate::records::Status;
use crate::records::assess::{Assessment, LastAttempt};
use crate::records::results::{Cell, CriterionStat, Filter, Gradebook};
use crate::records::school::Trainee;

/// The trainer's view, read from the records when it opens, when the choice changes and
/// every few seconds for the live status (not on every frame).
#[derive(Resource, Default)]
pub(super) struct TrainerView {
    tab: Tab,
    assessment: Option<i64>,
    trainee: Option<i64>,
    pub(super) read_at: Option<std::time::Instant>,
    assessments: Vec<Assessment>,
    book: Option<Gradebook>,
    stats: Vec<CriterionStat>,
    trainees: Vec<Trainee>,
    history: Vec<crate::records::results::ResultRow>,
    status: Vec<crate::records::assess::AssignmentState>,
    /// The comment that goes with the next decision taken.
    comment: String,
}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Tab {
    #[default]
    Gradebook,
    Status,
    Criteria,
    Trainee,
}

/// `--open status|criteria|trainee` on the trainer's screen (screenshots).
pub(super) fn choose_tab(mut cmds: MessageReader<UiCommand>, mut view: ResMut<TrainerView>) {
    for c in cmds.read() {
        if let UiCommand::TrainerTab(name) = c {
            view.tab = match name.as_str() {
                "status" => Tab::Status,
                "criteria" => Tab::Criteria,
                "trainee" => Tab::Trainee,
                _ => Tab::Gradebook,
            };
            if view.tab == Tab::Trainee && view.trainee.is_none() {
                view.trainee = view
                    .trainees
                    .iter()
                    .find(|t| t.name.is_some())
                    .map(|t| t.id);
            }
            view.read_at = None;
        }
    }
}

fn refresh(view: &mut TrainerView, records: &Records) {
    let due = view.read_at.is_none_or(|t| t.elapsed().as_secs() >= 3);
    if !due {
        return;
    }
    view.read_at = Some(std::time::Instant::now());
    records.with(|db| {
        // On the school's server: what the room's seats handed in, graded first.
        let _ = db.grade_handed_in();
        view.assessments = db.assessments().unwrap_or_default();
        if view.assessment.is_none() {
            view.assessment = view.assessments.last().map(|a| a.id);
        }
        view.trainees = db.trainees(None, true).unwrap_or_default();
        let a = view
            .assessment
            .and_then(|id| view.assessments.iter().find(|a| a.id == id))
            .cloned();
        view.book = a.as_ref().and_then(|a| db.gradebook(a).ok());
        view.status = a
            .as_ref()
            .and_then(|a| db.assessment_status(a).ok())
            .unwrap_or_default();
        view.stats = db
            .criterion_stats(&Filter {
                assessment: a.clone(),
                assessed_only: true,
                ..Filter::default()
            })
            .unwrap_or_default();
        view.history = view
            .trainee
            .and_then(|id| view.trainees.iter().find(|t| t.id == id))
            .map(|t| db.results_of_trainee(t).unwrap_or_default())
            .unwrap_or_default();
    });
}

fn cell_colour(c: Cell) -> egui::Color32 {
    match c {
        Cell::Passed => egui::Color32::from_rgb(0x2e, 0x8b, 0x57),
        Cell::Failed => egui::Color32::from_rgb(0xd4, 0x8a, 0x1e),
        Cell::Critical => egui::Color32::from_rgb(0xc0, 0x39, 0x2b),
        Cell::InProgress => egui::Color32::from_rgb(0x3a, 0x6e, 0xc8),
        Cell::NotDone => egui::Color32::from_gray(110),
    }
}

pub(super) fn trainer(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    records: Res<Records>,
    notice: Res<Notice>,
    catalogue: Res<crate::app::flow::Catalogue>,
    mut view: ResMut<TrainerView>,
    mut cmds: MessageWriter<UiCommand>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    // Only a trainer whose PIN opened the mode sees it.
    if settings.trainer.is_none() {
        cmds.write(UiCommand::Go(Screen::Home));
        return Ok(());
    }
    refresh(&mut view, &records);
    // No repaint asked: the app wakes every two seconds at rest (`app::rest`), and the
    // live status is read again every three.
    let mut root = root_ui(ctx);
    egui::Panel::top("trainer-top").show(&mut root, |ui| {
        ui.add_space(4.0);
        ui.horizontal(|ui| {
            ui.heading(tr(lang, "app-trainer-title"));
            ui.separator();
            for (t, key) in [
                (Tab::Gradebook, "app-tab-gradebook"),
                (Tab::Status, "app-tab-status"),
                (Tab::Criteria, "app-tab-criteria"),
                (Tab::Trainee, "app-tab-trainee"),
            ] {
                if ui
                    .selectable_label(view.tab == t, big(tr(lang, key)))
                    .clicked()
                {
                    view.tab = t;
                }
            }
            ui.separator();
            if ui.button(tr(lang, "app-trainer-leave")).clicked() {
                cmds.write(UiCommand::LeaveTrainer);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(tr(lang, "app-col-assessment"));
            let assessments = view.assessments.clone();
            for a in &assessments {
                if ui
                    .selectable_label(
                        view.assessment == Some(a.id),
                        format!("{} ({})", a.title, a.cohort),
                    )
                    .clicked()
                {
                    view.assessment = Some(a.id);
                    view.read_at = None;
                }
            }
        });
        if let Some(n) = &notice.0 {
            ui.colored_label(theme::ACCENT, n.render(lang));
        }
        ui.add_space(4.0);
    });
    egui::CentralPanel::default().show(&mut root, |ui| match view.tab {
        Tab::Gradebook => {
            let Some(book) = view.book.clone() else {
                ui.label(tr(lang, "app-no-assessments"));
                return;
            };
            ui.horizontal(|ui| {
                for c in [
                    Cell::Passed,
                    Cell::Failed,
                    Cell::Critical,
                    Cell::InProgress,
                    Cell::NotDone,
                ] {
                    ui.colored_label(cell_colour(c), "■");
                    ui.label(c.name().render(lang));
                }
            });
            ui.add_space(6.0);
            egui::ScrollArea::both().show(ui, |ui| {
                egui::Grid::new("gradebook")
                    .spacing([6.0, 6.0])
                    .show(ui, |ui| {
                        ui.label("");
                        for s in &book.scenarios {
                            let title = catalogue.title_of(s, lang);
                            ui.add(
                                egui::Label::new(egui::RichText::new(title).strong().small())
                                    .wrap(),
                            )
                            .on_hover_text(s);
                        }
                        ui.end_row();
                        for r in &book.rows {
                            let name = r
                                .name
                                .clone()
                                .unwrap_or_else(|| r.trainee_uuid.chars().take(8).collect());
                            if ui.link(name).clicked() {
                                view.trainee = view
                                    .trainees
                                    .iter()
                                    .find(|t| t.uuid == r.trainee_uuid)
                                    .map(|t| t.id);
                                view.tab = Tab::Trainee;
                                view.read_at = None;
                            }
                            for (c, score, n) in &r.cells {
                                let text = match score {
                                    Some(s) => format!("{} ({n})", lang.num(*s, 1)),
                                    None => c.name().render(lang),
                                };
                                let b = egui::Button::new(
                                    egui::RichText::new(text).color(egui::Color32::WHITE),
                                )
                                .fill(cell_colour(*c))
                                .min_size(egui::vec2(150.0, 26.0));
                                ui.add(b).on_hover_text(c.name().render(lang));
                            }
                            ui.end_row();
                        }
                    });
            });
        }
        Tab::Status => {
            let now = records.with(|db| db.now()).unwrap_or(0);
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("live-status")
                    .striped(true)
                    .spacing([14.0, 6.0])
                    .show(ui, |ui| {
                        header_row(
                            ui,
                            lang,
                            &[
                                "report-trainee",
                                "app-col-exercise",
                                "app-col-state",
                                "app-col-time-left",
                                "app-col-attempts",
                            ],
                        );
                        for st in &view.status {
                            let g = &st.assignment;
                            ui.label(
                                st.trainee_name
                                    .clone()
                                    .unwrap_or_else(|| g.trainee_uuid.chars().take(8).collect()),
                            );
                            ui.label(catalogue.title_of(&g.scenario_id, lang));
                            let (state, left) = live_state(lang, st.last.as_ref(), now);
                            ui.label(state);
                            ui.label(left);
                            ui.label(g.attempts_used.to_string());
                            ui.end_row();
                        }
                    });
            });
        }
        Tab::Criteria => {
            ui.label(tr(lang, "app-criteria-help"));
            egui::ScrollArea::both().show(ui, |ui| {
                egui::Grid::new("criteria")
                    .striped(true)
                    .spacing([14.0, 6.0])
                    .show(ui, |ui| {
                        header_row(
                            ui,
                            lang,
                            &[
                                "app-col-exercise",
                                "app-col-criterion",
                                "app-col-failed",
                                "app-col-feedback",
                            ],
                        );
                        // The criteria missed at least once: one met every time teaches
                        // nothing here (as the printed synthèse).
                        // The exercise and the criterion wrap in columns of their own
                        // width, so that the feedback has the rest of the row.
                        let narrow = |ui: &mut egui::Ui, text: egui::RichText, width: f32| {
                            ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
                                ui.set_max_width(width);
                                ui.add(egui::Label::new(text).wrap());
                            });
                        };
                        for s in view.stats.iter().filter(|s| s.failed > 0) {
                            narrow(
                                ui,
                                egui::RichText::new(catalogue.title_of(&s.scenario_id, lang)),
                                190.0,
                            );
                            let title = s.title.render(lang);
                            let title = if s.critical {
                                egui::RichText::new(format!(
                                    "{title} ({})",
                                    tr(lang, "report-critical")
                                ))
                                .color(theme::BAD)
                            } else {
                                egui::RichText::new(title)
                            };
                            narrow(ui, title, 210.0);
                            let rate = s.failure_rate();
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::ProgressBar::new(rate as f32)
                                        .desired_width(120.0)
                                        .fill(theme::BAD),
                                );
                                ui.label(format!(
                                    "{}\u{a0}% ({}/{})",
                                    lang.num(100.0 * rate, 0),
                                    s.failed,
                                    s.attempts
                                ));
                            });
                            // The feedback in full on hover; shortened to fit the row.
                            let full = s
                                .most_common
                                .as_ref()
                                .map(|(m, n)| format!("{} ×{n}", m.render(lang)))
                                .unwrap_or_default();
                            let short: String = if full.chars().count() > 90 {
                                full.chars().take(88).collect::<String>() + "…"
                            } else {
                                full.clone()
                            };
                            ui.allocate_ui(egui::vec2(330.0, 0.0), |ui| {
                                ui.set_max_width(330.0);
                                ui.add(egui::Label::new(short).wrap()).on_hover_text(full);
                            });
                            ui.end_row();
                        }
                    });
            });
        }
        Tab::Trainee => {
            ui.horizontal_wrapped(|ui| {
                let trainees = view.trainees.clone();
                for t in trainees.iter().filter(|t| t.name.is_some()) {
                    if ui
                        .selectable_label(
                            view.trainee == Some(t.id),
                            t.name.clone().unwrap_or_default(),
                        )
                        .clicked()
                    {
                        view.trainee = Some(t.id);
                        view.read_at = None;
                    }
                }
            });
            ui.horizontal(|ui| {
                ui.label(tr(lang, "app-decision-comment"));
                ui.add(egui::TextEdit::singleline(&mut view.comment).desired_width(420.0));
            });
            ui.separator();
            let mut sent = false;
            egui::ScrollArea::vertical().show(ui, |ui| {
                egui::Grid::new("history")
                    .striped(true)
                    .spacing([14.0, 6.0])
                    .show(ui, |ui| {
                        header_row(
                            ui,
                            lang,
                            &[
                                "app-col-date",
                                "app-col-assessment",
                                "app-col-exercise",
                                "app-col-score",
                                "",
                            ],
                        );
                        for r in view.history.iter().rev() {
                            ui.label(crate::i18n::time::short(lang, r.started_at_ms));
                            ui.label(
                                r.assessment
                                    .clone()
                                    .unwrap_or_else(|| tr(lang, "report-free-practice")),
                            );
                            ui.label(&r.scenario_id);
                            ui.label(match (r.score, r.passed) {
                                (Some(s), Some(p)) => egui::RichText::new(lang.num(s, 1))
                                    .color(if p { theme::OK } else { theme::BAD }),
                                _ => egui::RichText::new(tr(lang, "cell-in-progress")),
                            });
                            if r.score.is_some()
                                && ui.button(tr(lang, "app-review-attempt")).clicked()
                            {
                                cmds.write(UiCommand::Review(r.attempt));
                            }
                            // The trainer's decision, beside the grade.
                            ui.horizontal(|ui| {
                                if let Some(d) = r.decision {
                                    let key = format!("decision-{}", d.code().replace('_', "-"));
                                    ui.label(egui::RichText::new(tr(lang, &key)).strong());
                                }
                                if let Some(c) = &r.decision_comment {
                                    ui.label(egui::RichText::new(format!("« {c} »")).italics());
                                }
                                if r.score.is_some() {
                                    use crate::records::school::Decision;
                                    for d in [
                                        Decision::Validated,
                                        Decision::NotValidated,
                                        Decision::Redo,
                                    ] {
                                        let key =
                                            format!("decision-{}", d.code().replace('_', "-"));
                                        if ui.small_button(tr(lang, &key)).clicked() {
                                            cmds.write(UiCommand::Decide {
                                                attempt: r.attempt,
                                                decision: d,
                                                comment: view.comment.clone(),
                                            });
                                            sent = true;
                                        }
                                    }
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
            // The comment went with the decision: the box is cleared, and the row shows
            // it once the history is read again.
            if sent {
                view.comment.clear();
                view.read_at = None;
            }
        }
    });
    Ok(())
}

/// A state played in part while its seat could not reach the server, said so.
/// Likewise one whose actions reached the server much faster than they were made.
fn offline_mark(lang: Lang, l: &LastAttempt, state: egui::RichText) -> egui::RichText {
    let mark = match (l.offline_actions > 0, l.too_fast) {
        (true, _) => "app-state-offline",
        (false, true) => "app-state-too-fast",
        (false, false) => return state,
    };
    egui::RichText::new(format!("{} · {}", state.text(), tr(lang, mark))).color(theme::WARN)
}

/// An assignment's state on the live tab, and its time left: not started, under way
/// (since when, its actions, idle when nothing was done for a while), handed in, closed.
fn live_state(
    lang: Lang,
    last: Option<&LastAttempt>,
    now: i64,
) -> (egui::RichText, egui::RichText) {
    let Some(l) = last else {
        return (
            egui::RichText::new(tr(lang, "app-state-not-started")),
            egui::RichText::new("—"),
        );
    };
    match l.status {
        Status::Open => {
            let left = match l.deadline_at {
                Some(d) if d <= now => {
                    egui::RichText::new(tr(lang, "app-time-over")).color(theme::BAD)
                }
                Some(d) => {
                    egui::RichText::new(span(lang, d - now)).color(if d - now < 5 * 60_000 {
                        theme::BAD
                    } else {
                        theme::ACCENT
                    })
                }
                None => egui::RichText::new("—"),
            };
            let state = if l.idle(now) {
                egui::RichText::new(
                    Msg::new("app-state-idle")
                        .text("since", span(lang, now - l.active_at))
                        .int("n", l.actions)
                        .render(lang),
                )
                .color(theme::WARN)
            } else {
                egui::RichText::new(
                    Msg::new("app-state-running")
                        .text("since", span(lang, now - l.started_at))
                        .int("n", l.actions)
                        .render(lang),
                )
                .color(cell_colour(Cell::InProgress))
            };
            (offline_mark(lang, l, state), left)
        }
        Status::Finished => (
            offline_mark(
                lang,
                l,
                egui::RichText::new(match l.score {
                    Some(score) => Msg::new("app-state-submitted")
                        .num("score", score, 1)
                        .render(lang),
                    // Handed in by a seat, graded at the next reading.
                    None => tr(lang, "app-state-handed-in"),
                }),
            ),
            egui::RichText::new("—"),
        ),
        Status::Closed => (
            egui::RichText::new(tr(lang, "app-state-closed")),
            egui::RichText::new("—"),
        ),
    }
}
