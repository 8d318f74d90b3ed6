//! "Mes évaluations": the identified trainee's assessments, one card each (it wraps to
//! any window and text size), with the window, the time allowed and the attempts; an
//! item opens on its briefing, and an unfinished one is resumed from here.

use bevy::prelude::*;
use bevy_egui::{EguiContexts, egui};

use super::{Cached, big, span};
use crate::app::flow::Seat;
use crate::app::flow::{Notice, Records, Screen, Settings, UiCommand};
use crate::app::theme::{self, root_ui};
use crate::app::widgets::note_control;
use crate::i18n::{Lang, Msg, tr};
use crate::records::assess::{Assessment, Assignment};
use crate::records::seat::SeatAssignment;

/// An assignment as the list shows it: the assessment, the assignment, the attempt left
/// open at it (if any).
type Item = (Assessment, Assignment, Option<i64>);

/// What one card says, read from the store (or, on a room's seat, from the server's list).
struct Card {
    /// The assessment's title.
    assessment: String,
    scenario_id: String,
    closed: bool,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    time_limit_s: Option<i64>,
    extra_time_s: i64,
    used: u32,
    allowed: u32,
    /// What resumes the attempt left open at it, if there is one.
    resume: Option<UiCommand>,
    /// What opens it on its briefing.
    brief: UiCommand,
    /// What tells this card from the others (for egui).
    key: String,
}

impl Card {
    fn of((a, g, open): &Item) -> Card {
        Card {
            assessment: a.title.clone(),
            scenario_id: g.scenario_id.clone(),
            closed: a.closed,
            opens_at: a.opens_at,
            closes_at: a.closes_at,
            time_limit_s: a.time_limit_s,
            extra_time_s: g.extra_time_s,
            used: g.attempts_used,
            allowed: a.attempts_allowed,
            resume: open.map(UiCommand::Resume),
            brief: UiCommand::BriefAssignment(g.id),
            key: g.id.to_string(),
        }
    }

    /// An assignment as the school's server lists it to a seat.
    fn of_seat(g: &SeatAssignment) -> Card {
        Card {
            assessment: g.title.clone(),
            scenario_id: g.scenario_id.clone(),
            closed: false,
            opens_at: g.opens_at,
            closes_at: g.closes_at,
            time_limit_s: g.time_limit_s,
            extra_time_s: g.extra_time_s,
            used: g.attempts_used,
            allowed: g.attempts_allowed,
            resume: g
                .open_attempt
                .as_ref()
                .map(|_| UiCommand::SeatStart(g.uuid.clone())),
            brief: UiCommand::SeatBrief(g.uuid.clone()),
            key: g.uuid.clone(),
        }
    }

    fn open_at(&self, now: i64) -> bool {
        !self.closed
            && self.opens_at.is_none_or(|t| now >= t)
            && self.closes_at.is_none_or(|t| now < t)
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn assessments(
    mut contexts: EguiContexts,
    settings: Res<Settings>,
    records: Res<Records>,
    catalogue: Res<crate::app::flow::Catalogue>,
    notice: Res<Notice>,
    mut cmds: MessageWriter<UiCommand>,
    mut read: Local<Cached<Vec<Item>>>,
    seat: Res<Seat>,
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
    let on_seat = seat.0.is_some();
    let cards: Vec<Card> = if let Some(login) = &seat.0 {
        login.list.iter().map(Card::of_seat).collect()
    } else {
        read.get(me.id, || {
            records
                .with(|db| {
                    db.assignments_of(&me)
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(a, g)| {
                            let open = db.open_attempt_of(g.id).ok().flatten();
                            (a, g, open)
                        })
                        .collect()
                })
                .unwrap_or_default()
        })
        .iter()
        .map(Card::of)
        .collect()
    };
    let mine: Vec<(Card, String)> = cards
        .into_iter()
        .map(|c| {
            let title = catalogue.title_of(&c.scenario_id, lang);
            (c, title)
        })
        .collect();
    let mut root = root_ui(ctx);
    egui::Panel::bottom("assess-bottom").show(&mut root, |ui| {
        ui.add_space(6.0);
        ui.horizontal(|ui| {
            if ui.button(tr(lang, "app-not-me")).clicked() {
                cmds.write(UiCommand::Go(Screen::Identify));
            }
            // Practice is kept nowhere on a room's seat: not offered there.
            if on_seat {
                ui.separator();
                ui.label(egui::RichText::new(tr(lang, "app-seat-room")).weak());
            } else if ui.button(tr(lang, "app-free-practice")).clicked() {
                cmds.write(UiCommand::Go(Screen::Select));
            }
        });
        ui.add_space(6.0);
    });
    egui::CentralPanel::default().show(&mut root, |ui| {
        ui.add(
            egui::Label::new(
                egui::RichText::new(
                    Msg::new("app-my-assessments")
                        .text("name", me.name.clone().unwrap_or_default())
                        .render(lang),
                )
                .size(26.0)
                .strong(),
            )
            .wrap(),
        );
        if let Some(n) = &notice.0 {
            ui.colored_label(theme::BAD, n.render(lang));
        }
        ui.add_space(8.0);
        if mine.is_empty() {
            ui.label(tr(lang, "app-no-assessments"));
            return;
        }
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                for (i, (c, title)) in mine.iter().enumerate() {
                    card(ui, lang, now, i, c, title, &mut cmds);
                    ui.add_space(8.0);
                }
            });
    });
    Ok(())
}

/// One assignment: its titles, window, time and attempts on lines that wrap, and its
/// button (resume the attempt left open, else start on the briefing). A click anywhere
/// on the card does what its button does.
fn card(
    ui: &mut egui::Ui,
    lang: Lang,
    now: i64,
    i: usize,
    c: &Card,
    title: &str,
    cmds: &mut MessageWriter<UiCommand>,
) {
    let window_open = c.open_at(now);
    let frame = egui::Frame::group(ui.style())
        .fill(ui.visuals().faint_bg_color)
        .inner_margin(egui::Margin::same(10));
    let shown = frame.show(ui, |ui| {
        ui.set_width(ui.available_width());
        // The exercise is what tells the cards apart; the assessment is said above it.
        ui.add(egui::Label::new(egui::RichText::new(c.assessment.clone()).weak()).wrap());
        ui.add(
            egui::Label::new(
                egui::RichText::new(title)
                    .text_style(egui::TextStyle::Heading)
                    .strong(),
            )
            .wrap(),
        );
        ui.horizontal_wrapped(|ui| {
            ui.label(window_text(lang, c, now));
            ui.label("·");
            ui.label(match c.time_limit_s {
                Some(s) => Msg::new("app-time-allowed")
                    .text("time", span(lang, (s + c.extra_time_s) * 1000))
                    .render(lang),
                None => tr(lang, "app-time-free"),
            });
            if c.extra_time_s > 0 {
                ui.label(
                    Msg::new("app-extra-time")
                        .text("time", span(lang, c.extra_time_s * 1000))
                        .render(lang),
                );
            }
            ui.label("·");
            ui.label(
                Msg::new("app-attempts-used")
                    .int("used", c.used)
                    .int("allowed", c.allowed)
                    .render(lang),
            );
        });
        ui.add_space(4.0);
        // What the card's button does, or why there is none.
        let action = match &c.resume {
            Some(resume) if window_open => Some((resume.clone(), "app-resume-assessment")),
            Some(_) => None,
            None if window_open && c.used < c.allowed => {
                Some((c.brief.clone(), "app-start-assessment"))
            }
            None => None,
        };
        ui.horizontal_wrapped(|ui| match &action {
            Some((cmd, key)) => {
                let b = ui.add(
                    egui::Button::new(big(tr(lang, key)).strong().color(egui::Color32::WHITE))
                        .fill(theme::ACCENT),
                );
                note_control(ui, &format!("assessment-{i}-button"), b.rect);
                if b.clicked() {
                    cmds.write(cmd.clone());
                }
            }
            None => {
                let why = if !window_open {
                    "app-assessment-not-open"
                } else {
                    "app-no-attempt-left"
                };
                ui.label(egui::RichText::new(tr(lang, why)).italics());
            }
        });
        action
    });
    let rect = shown.response.rect;
    note_control(ui, &format!("assessment-{i}"), rect);
    if let Some((cmd, _)) = shown.inner
        && ui
            .interact(
                rect,
                egui::Id::new(("assessment-card", &c.key)),
                egui::Sense::click(),
            )
            .on_hover_cursor(egui::CursorIcon::PointingHand)
            .clicked()
    {
        cmds.write(cmd);
    }
}

/// The assessment's window as the trainee reads it: closed, opening at, time left, open.
fn window_text(lang: Lang, a: &Card, now: i64) -> egui::RichText {
    if a.closed || a.closes_at.is_some_and(|t| now >= t) {
        egui::RichText::new(tr(lang, "app-window-closed")).color(theme::BAD)
    } else if let Some(t) = a.opens_at.filter(|t| now < *t) {
        egui::RichText::new(Msg::new("app-window-opens").moment("at", t).render(lang))
    } else if let Some(t) = a.closes_at {
        egui::RichText::new(
            Msg::new("app-window-left")
                .text("left", span(lang, t - now))
                .render(lang),
        )
        .color(theme::ACCENT)
    } else {
        egui::RichText::new(tr(lang, "app-window-open"))
    }
}
