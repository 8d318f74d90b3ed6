//! The school's screens: "Je suis…" (the trainee finds their cohort and name, PIN if
//! they have one), "Mes évaluations" (their assessments, with the window and the time
//! left), the timer of an assessment attempt, and the trainer's mode (the gradebook, the
//! criteria missed across the cohort, a trainee's history, the live status of an
//! assessment). Everything shown is read from the records; nothing is decided here.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, EguiPrimaryContextPass, egui};

use crate::app::flow::{Current, Notice, Records, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::i18n::{Lang, Msg, tr};
use crate::records::assess::{Assessment, Assignment};
use crate::records::results::{Cell, CriterionStat, Filter, Gradebook};
use crate::records::school::{Cohort, Trainee, format_moment};

/// What the trainee has typed and chosen on "Je suis…".
#[derive(Resource, Default)]
struct Picker {
    cohort: Option<i64>,
    trainee: Option<i64>,
    pin: String,
    trainer_pin: String,
}

/// The trainer's view, read from the records when it opens, when the choice changes and
/// every few seconds for the live status (not on every frame).
#[derive(Resource, Default)]
struct TrainerView {
    tab: Tab,
    assessment: Option<i64>,
    trainee: Option<i64>,
    read_at: Option<std::time::Instant>,
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

pub fn plugin(app: &mut App) {
    app.init_resource::<Picker>()
        .init_resource::<TrainerView>()
        .add_systems(
            EguiPrimaryContextPass,
            identify.run_if(in_state(Screen::Identify)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            assessments.run_if(in_state(Screen::Assessments)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            trainer.run_if(in_state(Screen::Trainer)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            timer.run_if(in_state(Screen::Exercise)),
        )
        .add_systems(Update, time_up.run_if(in_state(Screen::Exercise)))
        .add_systems(OnEnter(Screen::Trainer), |mut v: ResMut<TrainerView>| {
            v.read_at = None
        })
        .add_systems(Update, choose_tab);
}

/// `--open status|criteria|trainee` on the trainer's screen (screenshots).
fn choose_tab(mut cmds: MessageReader<UiCommand>, mut view: ResMut<TrainerView>) {
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
fn header_row(ui: &mut egui::Ui, lang: Lang, keys: &[&str]) {
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

fn big(text: String) -> egui::RichText {
    egui::RichText::new(text).size(18.0)
}

fn identify(
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

/// "2 h 05 min" or "12 min".
fn span(lang: Lang, ms: i64) -> String {
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

fn assessments(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    records: Res<Records>,
    catalogue: Res<crate::app::flow::Catalogue>,
    notice: Res<Notice>,
    mut cmds: MessageWriter<UiCommand>,
    mut read: Local<Cached<Vec<(Assessment, Assignment)>>>,
) -> Result {
    let ctx = contexts.ctx_mut()?;
    let lang = settings.lang;
    let Some(me) = settings.identity.clone() else {
        let mut root = root_ui(ctx);
        egui::CentralPanel::default().show(&mut root, |ui| {
            if ui.button(tr(lang, "app-back")).clicked() {
                cmds.write(UiCommand::Go(Screen::Identify));
            }
        });
        return Ok(());
    };
    let now = records.with(|db| db.now()).unwrap_or(0);
    let mine: Vec<(Assessment, Assignment, String)> = read
        .get(me.id, || {
            records
                .with(|db| db.assignments_of(&me).unwrap_or_default())
                .unwrap_or_default()
        })
        .iter()
        .map(|(a, g)| {
            let title = catalogue
                .find(&g.scenario_id)
                .map(|l| l.scenario.title.get(lang).to_string())
                .unwrap_or_else(|| g.scenario_id.clone());
            (a.clone(), g.clone(), title)
        })
        .collect();
    let mut root = root_ui(ctx);
    egui::Panel::bottom("assess-bottom").show(&mut root, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "app-not-me")).clicked() {
                cmds.write(UiCommand::Go(Screen::Identify));
            }
            if ui.button(tr(lang, "app-free-practice")).clicked() {
                cmds.write(UiCommand::Go(Screen::Select));
            }
        });
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.heading(
            egui::RichText::new(
                Msg::new("app-my-assessments")
                    .text("name", me.name.clone().unwrap_or_default())
                    .render(lang),
            )
            .size(26.0),
        );
        if let Some(n) = &notice.0 {
            ui.colored_label(theme::BAD, n.render(lang));
        }
        ui.add_space(8.0);
        if mine.is_empty() {
            ui.label(tr(lang, "app-no-assessments"));
            return;
        }
        egui::ScrollArea::vertical().show(ui, |ui| {
            egui::Grid::new("my-assessments")
                .striped(true)
                .spacing([16.0, 10.0])
                .show(ui, |ui| {
                    header_row(
                        ui,
                        lang,
                        &[
                            "app-col-assessment",
                            "app-col-exercise",
                            "app-col-window",
                            "app-col-limit",
                            "app-col-attempts",
                            "",
                        ],
                    );
                    for (a, g, title) in &mine {
                        ui.label(big(a.title.clone()));
                        ui.label(title);
                        let window = if a.closed || a.closes_at.is_some_and(|t| now >= t) {
                            egui::RichText::new(tr(lang, "app-window-closed")).color(theme::BAD)
                        } else if let Some(t) = a.opens_at.filter(|t| now < *t) {
                            egui::RichText::new(
                                Msg::new("app-window-opens")
                                    .text("at", format_moment(t))
                                    .render(lang),
                            )
                        } else if let Some(t) = a.closes_at {
                            egui::RichText::new(
                                Msg::new("app-window-left")
                                    .text("left", span(lang, t - now))
                                    .render(lang),
                            )
                            .color(theme::ACCENT)
                        } else {
                            egui::RichText::new(tr(lang, "app-window-open"))
                        };
                        ui.label(window);
                        ui.label(match a.time_limit_s {
                            Some(s) => span(lang, (s + g.extra_time_s) * 1000),
                            None => "—".into(),
                        });
                        ui.label(format!("{} / {}", g.attempts_used, a.attempts_allowed));
                        let can = a.open_at(now) && g.attempts_used < a.attempts_allowed;
                        if ui
                            .add_enabled(
                                can,
                                egui::Button::new(big(tr(lang, "app-start-assessment"))),
                            )
                            .clicked()
                        {
                            cmds.write(UiCommand::StartAssignment(g.id));
                        }
                        ui.end_row();
                    }
                });
        });
    });
    Ok(())
}

/// The time left of an assessment attempt, at the top of the bench.
fn timer(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    current: Res<Current>,
    records: Res<Records>,
) -> Result {
    let Some(deadline) = current.live.as_ref().and_then(|l| l.session.deadline_at) else {
        return Ok(());
    };
    let ctx = contexts.ctx_mut()?;
    let now = records.with(|db| db.now()).unwrap_or(0);
    let left = deadline - now;
    egui::Area::new(egui::Id::new("assessment-timer"))
        .anchor(egui::Align2::CENTER_TOP, [0.0, 4.0])
        .order(egui::Order::Foreground)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                let text = Msg::new("app-time-left")
                    .text("left", span(settings.lang, left))
                    .render(settings.lang);
                let colour = if left < 5 * 60_000 {
                    theme::BAD
                } else {
                    theme::ACCENT
                };
                ui.label(egui::RichText::new(text).size(18.0).strong().color(colour));
            });
        });
    // The clock shown moves on even while the trainee does nothing.
    ctx.request_repaint_after(std::time::Duration::from_millis(500));
    Ok(())
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

fn refresh(view: &mut TrainerView, records: &Records) {
    let due = view.read_at.is_none_or(|t| t.elapsed().as_secs() >= 3);
    if !due {
        return;
    }
    view.read_at = Some(std::time::Instant::now());
    records.with(|db| {
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

fn trainer(
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
    refresh(&mut view, &records);
    ctx.request_repaint_after(std::time::Duration::from_secs(3));
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
                cmds.write(UiCommand::Go(Screen::Home));
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
                            let title = catalogue
                                .find(s)
                                .map(|l| l.scenario.title.get(lang).to_string())
                                .unwrap_or_else(|| s.clone());
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
                            ui.label(
                                catalogue
                                    .find(&g.scenario_id)
                                    .map(|l| l.scenario.title.get(lang).to_string())
                                    .unwrap_or_else(|| g.scenario_id.clone()),
                            );
                            let state = match st.last {
                                None => egui::RichText::new(tr(lang, "app-state-not-started")),
                                Some((crate::records::Status::Open, started, actions, _)) => {
                                    egui::RichText::new(
                                        Msg::new("app-state-running")
                                            .text("since", span(lang, now - started))
                                            .int("n", actions)
                                            .render(lang),
                                    )
                                    .color(cell_colour(Cell::InProgress))
                                }
                                Some((crate::records::Status::Finished, _, _, score)) => {
                                    egui::RichText::new(
                                        Msg::new("app-state-submitted")
                                            .num("score", score.unwrap_or(0.0), 1)
                                            .render(lang),
                                    )
                                }
                                Some((crate::records::Status::Closed, _, _, _)) => {
                                    egui::RichText::new(tr(lang, "app-state-closed"))
                                }
                            };
                            ui.label(state);
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
                        for s in &view.stats {
                            ui.label(&s.scenario_id);
                            ui.label(if s.critical {
                                format!("{} !", s.criterion_id)
                            } else {
                                s.criterion_id.clone()
                            });
                            let rate = s.failure_rate();
                            ui.horizontal(|ui| {
                                ui.add(
                                    egui::ProgressBar::new(rate as f32)
                                        .desired_width(120.0)
                                        .fill(theme::BAD),
                                );
                                ui.label(format!(
                                    "{} % ({}/{})",
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
                            ui.label(short).on_hover_text(full);
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
                        let comment = view.comment.clone();
                        for r in view.history.iter().rev() {
                            ui.label(format_moment(r.started_at_ms));
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
                                                comment: comment.clone(),
                                            });
                                        }
                                    }
                                }
                            });
                            ui.end_row();
                        }
                    });
            });
        }
    });
    Ok(())
}
