//! The chrome every module view shares: the task bar (title, clock, mode, task lines),
//! the log of what happened, and the pickers and controls of the tool panels.

use bevy_egui::egui;

use bevy::ecs::system::SystemParam;
use bevy::prelude::{MessageWriter, Res};
use bevy_egui::EguiContexts;

use crate::app::flow::{Current, Live, Notice, Settings, UiCommand};
use crate::app::theme::root_ui;
use crate::app::theme::{self, colour32};
use crate::exercise::Action;
use crate::exercise::prep::{PrepState, Tool};
use crate::i18n::{Lang, Msg, tr};
use crate::limits::Limit;
use crate::physics::cable::Colour;
use crate::scenario::Mode;

/// Width of the tools panel and height of the task bar, logical pixels. The workbench
/// lays itself out in what is left.
pub const PANEL_WIDTH: f32 = 390.0;
/// The bar holds the title, the essentials and three task lines.
pub const TOP_HEIGHT: f32 = 132.0;

/// The order in which colours lie in the tube: shuffled per attempt, so that position on
/// screen never gives the number away; only the colour does.
pub(crate) fn shuffled(seed: u64, salt: u64) -> Vec<Colour> {
    let mut v = crate::physics::cable::ColourCode::StandardOrange
        .order()
        .to_vec();
    let mut x = seed ^ (salt.wrapping_mul(0x9e37_79b9_7f4a_7c15)) | 1;
    for i in (1..v.len()).rev() {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        v.swap(i, (x % (i as u64 + 1)) as usize);
    }
    v
}

pub(crate) fn colour_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    colours: &[Colour],
    selected: &mut Option<Colour>,
) {
    ui.horizontal_wrapped(|ui| {
        for &c in colours {
            let size = egui::vec2(24.0, 24.0);
            let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
            let stroke = if *selected == Some(c) {
                egui::Stroke::new(3.0, egui::Color32::BLACK)
            } else {
                egui::Stroke::new(1.0, egui::Color32::GRAY)
            };
            ui.painter().rect_filled(rect, 12.0, colour32(c));
            ui.painter()
                .rect_stroke(rect, 12.0, stroke, egui::StrokeKind::Outside);
            // Names on hover only in practice: in an assessment the colour is the clue.
            let resp = if practice {
                resp.on_hover_text(c.name().render(lang))
            } else {
                resp
            };
            if resp.clicked() {
                *selected = Some(c);
            }
        }
    });
}

/// A drop-down choice among `options`, each shown by its message key.
pub(crate) fn choice<T: PartialEq + Copy>(
    ui: &mut egui::Ui,
    lang: Lang,
    id: &str,
    value: &mut T,
    options: &[(T, String)],
) {
    let current = options
        .iter()
        .find(|(v, _)| v == value)
        .map(|(_, k)| tr(lang, k))
        .unwrap_or_default();
    egui::ComboBox::from_id_salt(id)
        .selected_text(current)
        .width(200.0)
        .show_ui(ui, |ui| {
            for (v, key) in options {
                ui.selectable_value(value, *v, tr(lang, key));
            }
        });
}

pub(crate) fn tool_combo(ui: &mut egui::Ui, lang: Lang, id: &str, tool: &mut Tool) {
    let options: Vec<(Tool, String)> = Tool::ALL.iter().map(|t| (*t, t.name().key)).collect();
    choice(ui, lang, id, tool, &options);
}

/// A length control held to the limit the engine and validation hold it to.
pub(crate) fn length(ui: &mut egui::Ui, lang: Lang, v: &mut f64, limit: &Limit, step: f64) {
    ui.add(limited(v, lang, limit).speed(step));
}

/// A number field held to a limit the engine holds it to, with the limit's unit.
pub(crate) fn limited<'a>(v: &'a mut f64, lang: Lang, limit: &Limit) -> egui::DragValue<'a> {
    number(v, lang)
        .range(limit.range())
        .suffix(limit.unit.symbol())
}

/// A number as a trainee types it: "1,4682" as well as "1.4682", spaces around ignored.
pub(crate) fn parse_decimal(s: &str) -> Option<f64> {
    s.trim()
        .replace(',', ".")
        .parse::<f64>()
        .ok()
        .filter(|v| v.is_finite())
}

/// A number field: typed with a decimal comma or a point, shown with the language's
/// decimal separator.
pub(crate) fn number(v: &mut f64, lang: Lang) -> egui::DragValue<'_> {
    egui::DragValue::new(v)
        .custom_parser(parse_decimal)
        .custom_formatter(move |x, decimals| {
            let s = egui::emath::format_with_decimals_in_range(x, decimals);
            match lang {
                Lang::Fr => s.replace('.', ","),
                Lang::En => s,
            }
        })
}

/// The last `n` outcomes and refusals, newest first, and any recording problem.
pub(crate) fn what_happened(ui: &mut egui::Ui, lang: Lang, live: &Live, notice: &Notice, n: usize) {
    for line in shown_log(ui.ctx(), live).iter().rev().take(n) {
        // A fault or a stop the core reports on an accepted gesture reads as a warning.
        let (colour, text) = if line.refused {
            (theme::BAD, line.msg.render(lang))
        } else if line.msg.is_fault() {
            (theme::WARN, format!("✖ {}", line.msg.render(lang)))
        } else {
            (egui::Color32::from_gray(40), line.msg.render(lang))
        };
        ui.colored_label(colour, text);
    }
    if let Some(e) = &live.record_error {
        ui.colored_label(theme::BAD, e.render(lang));
    }
    // A room's seat that lost the school's server: the gestures are kept here.
    if live.session.offline() {
        ui.colored_label(
            theme::WARN,
            Msg::new("app-seat-waiting")
                .int("n", live.session.pending.len() as u32)
                .render(lang),
        );
    }
    if let Some(n) = &notice.0 {
        ui.colored_label(theme::BAD, n.render(lang));
    }
}

/// The title and clock row, then `middle` (the essentials), then the task lines.
fn top_bar(
    ui: &mut egui::Ui,
    lang: Lang,
    live: &Live,
    st: Option<&PrepState>,
    middle: impl FnOnce(&mut egui::Ui),
) {
    let ex = &live.session.exercise;
    let s = &ex.scenario;
    let elapsed_s = live.now_ms() / 1000;
    ui.horizontal(|ui| {
        ui.label(egui::RichText::new(s.title.get(lang)).size(19.0).strong());
        ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
            let mmss = |s: u64| format!("{:02}:{:02}", s / 60, s % 60);
            let clock = mmss(elapsed_s);
            // One limit, the one the grade and the relevé use: the assessment's (extra
            // time included), else an assessment scenario's duration.
            note_value(ui.ctx(), "clock-elapsed-s", elapsed_s as f64);
            match (live.time_allowed_ms(), live.time_left_ms()) {
                (Some(limit), Some(left)) => {
                    note_value(ui.ctx(), "clock-limit-s", (limit / 1000) as f64);
                    note_value(ui.ctx(), "clock-left-s", (left.max(0) / 1000) as f64);
                    let colour = if left < 5 * 60_000 {
                        theme::BAD
                    } else {
                        egui::Color32::from_gray(30)
                    };
                    ui.label(
                        egui::RichText::new(
                            Msg::new("app-clock-limited")
                                .text("clock", clock)
                                .text("limit", mmss(limit / 1000))
                                .text("left", mmss((left.max(0) / 1000) as u64))
                                .render(lang),
                        )
                        .size(20.0)
                        .monospace()
                        .color(colour),
                    );
                }
                (None, _) | (Some(_), None) => {
                    ui.label(
                        egui::RichText::new(format!("⏱ {clock}"))
                            .size(20.0)
                            .monospace(),
                    );
                }
            }
            // A room's seat that lost the school's server: said where the trainee looks.
            if live.session.offline() {
                let n = live.session.pending.len() as u32;
                ui.colored_label(
                    theme::WARN,
                    Msg::new("app-seat-offline-short").int("n", n).render(lang),
                )
                .on_hover_text(Msg::new("app-seat-waiting").int("n", n).render(lang));
            }
            ui.colored_label(
                if s.mode == Mode::Practice {
                    theme::OK
                } else {
                    theme::WARN
                },
                s.mode.name().render(lang),
            );
        });
    });
    middle(ui);
    // The bar's three rows, one line each: a line too long for the window ends with "…"
    // and shows whole under the pointer; more task lines than rows share the last one.
    let in_hand = st.and_then(|st| {
        st.in_hand_state().map(|f| {
            Msg::new("out-fibre-in-hand")
                .msg("fibre", f.id.describe(st.colour_code))
                .render(lang)
        })
    });
    // As many rows as the bar has room for at this text size (three at the normal one).
    let row = ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
    let room = ((ui.available_height() + ui.spacing().item_spacing.y) / row).floor() as usize;
    let rows = room
        .clamp(1, TASK_ROWS)
        .saturating_sub(usize::from(in_hand.is_some()))
        .max(1);
    let mut lines: Vec<String> = ex.task_lines().iter().map(|l| l.render(lang)).collect();
    if lines.len() > rows {
        let rest = lines.split_off(rows - 1).join(" · ");
        lines.push(rest);
    }
    let line = |ui: &mut egui::Ui, text: egui::RichText| {
        let full = text.text().to_string();
        ui.add(egui::Label::new(text).truncate())
            .on_hover_text(full);
    };
    for l in lines {
        line(ui, egui::RichText::new(l));
    }
    if let Some(text) = in_hand {
        line(ui, egui::RichText::new(text).color(theme::ACCENT));
    }
}

/// Rows of task lines the bar holds at most.
const TASK_ROWS: usize = 3;

/// What a panel's buttons do: each gesture becomes an action taken at the attempt's clock.
pub(crate) fn sender<'a>(cmds: &'a mut MessageWriter<'_, UiCommand>) -> impl FnMut(Action) + 'a {
    move |action| {
        cmds.write(UiCommand::Act {
            action,
            at_ms: None,
        });
    }
}

/// The task bar across the top (with the fibre in hand, when there is a cable): the
/// title, the clock, the essentials in a fixed place (hint, pause, quit, finish), what
/// the last gesture did, and the task. Also the way-out window (Escape opens it).
pub(crate) fn task_bar(
    root: &mut egui::Ui,
    lang: Lang,
    live: &Live,
    st: Option<&PrepState>,
    cmds: &mut MessageWriter<'_, UiCommand>,
) {
    egui::Panel::top("task")
        .exact_size(TOP_HEIGHT)
        .resizable(false)
        .show_separator_line(false)
        .show(root, |ui| {
            top_bar(ui, lang, live, st, |ui| {
                ui.horizontal(|ui| {
                    essentials(ui, lang, live, cmds);
                    last_outcome(ui, lang, live);
                });
            });
        });
    way_out(root.ctx(), lang, live, cmds);
}

/// The window the way-out buttons and Escape open.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum Dialog {
    #[default]
    Closed,
    Menu,
    ConfirmFinish,
    ConfirmAbandon,
}

/// Where the named controls were drawn this frame (for the layout check of the
/// screenshot tests: the essentials inside the window at 1024×768). A control that its
/// panel clips (scrolled away, or cut at the panel's edge) counts as not drawn.
pub(crate) fn note_control(ui: &egui::Ui, name: &str, rect: egui::Rect) {
    let rect = if ui.clip_rect().contains_rect(rect) {
        rect
    } else {
        egui::Rect::NOTHING
    };
    note_rect(ui.ctx(), name, rect);
}

/// A value a screen shows, named, for the screenshot tests (a length the trainee marked,
/// the fibre in hand).
pub(crate) fn note_value(ctx: &egui::Context, name: &str, value: f64) {
    ctx.data_mut(|d| {
        let v = d.get_temp_mut_or_default::<Vec<(String, f64)>>(values_id());
        match v.iter_mut().find(|(n, _)| n == name) {
            Some(e) => e.1 = value,
            None => v.push((name.to_string(), value)),
        }
    });
}

pub(crate) fn values_id() -> egui::Id {
    egui::Id::new("fibrelab-values")
}

/// Where a named part was drawn, in window coordinates (a part of a Bevy-drawn bench).
pub(crate) fn note_rect(ctx: &egui::Context, name: &str, rect: egui::Rect) {
    ctx.data_mut(|d| {
        let v = d.get_temp_mut_or_default::<Vec<(String, egui::Rect)>>(controls_id());
        match v.iter_mut().find(|(n, _)| n == name) {
            Some(e) => e.1 = rect,
            None => v.push((name.to_string(), rect)),
        }
    });
}

pub(crate) fn controls_id() -> egui::Id {
    egui::Id::new("fibrelab-controls")
}

fn dialog_id() -> egui::Id {
    egui::Id::new("fibrelab-way-out")
}

fn dialog(ctx: &egui::Context) -> Dialog {
    ctx.data(|d| d.get_temp::<Dialog>(dialog_id()))
        .unwrap_or_default()
}

/// Opens a way-out window by name (menu, finish, abandon), as its button would; for
/// screenshots. `false` for an unknown name.
pub(crate) fn open_dialog(ctx: &egui::Context, name: &str) -> bool {
    let d = match name {
        "menu" => Dialog::Menu,
        "finish" => Dialog::ConfirmFinish,
        "abandon" => Dialog::ConfirmAbandon,
        _ => return false,
    };
    set_dialog(ctx, d);
    true
}

fn set_dialog(ctx: &egui::Context, v: Dialog) {
    ctx.data_mut(|d| d.insert_temp(dialog_id(), v));
}

/// Hint, pause, quit and finish, always at the same place, right of the title row.
fn essentials(ui: &mut egui::Ui, lang: Lang, live: &Live, cmds: &mut MessageWriter<'_, UiCommand>) {
    let practice = live.session.exercise.scenario.mode == Mode::Practice;
    let finish = ui
        .button(egui::RichText::new(tr(lang, "act-finish")).strong())
        .on_hover_text(tr(lang, "app-finish-hover"));
    note_control(ui, "finish", finish.rect);
    if finish.clicked() {
        set_dialog(ui.ctx(), Dialog::ConfirmFinish);
    }
    let quit = ui
        .button(tr(lang, "app-quit"))
        .on_hover_text(tr(lang, "app-quit-hover"));
    note_control(ui, "quit", quit.rect);
    if quit.clicked() {
        cmds.write(UiCommand::Quit);
    }
    let pause = ui.button(format!("⏸ {}", tr(lang, "app-pause")));
    note_control(ui, "pause", pause.rect);
    if pause.clicked() {
        cmds.write(UiCommand::Pause);
    }
    if practice {
        let hint = ui.button(format!("💡 {}", tr(lang, "act-ask-hint")));
        note_control(ui, "hint", hint.rect);
        if hint.clicked() {
            cmds.write(UiCommand::Act {
                action: Action::AskHint,
                at_ms: None,
            });
        }
    }
    let menu = ui.button("☰").on_hover_text(tr(lang, "app-menu-hover"));
    note_control(ui, "menu", menu.rect);
    if menu.clicked() {
        set_dialog(ui.ctx(), Dialog::Menu);
    }
}

/// Lines of the log a view holds back for a moment, while its drawing has not yet shown
/// what they tell (the splicer's estimate while its monitor still plays the arc): only
/// the first `shown` lines show, until `for_s` seconds from now. A view sets it each
/// frame it needs it; it lapses by itself.
pub(crate) fn hold_log(ctx: &egui::Context, shown: usize, for_s: f64) {
    let until = ctx.input(|i| i.time) + for_s;
    ctx.data_mut(|d| d.insert_temp(egui::Id::new("fibrelab-log-hold"), (shown, until)));
}

/// The log as shown now (see [`hold_log`]).
fn shown_log<'a>(ctx: &egui::Context, live: &'a Live) -> &'a [crate::app::flow::LogLine] {
    let now = ctx.input(|i| i.time);
    let hold: Option<(usize, f64)> = ctx.data(|d| d.get_temp(egui::Id::new("fibrelab-log-hold")));
    match hold {
        Some((shown, until)) if now < until => &live.log[..shown.min(live.log.len())],
        Some(_) | None => &live.log,
    }
}

/// What the last gesture did, or why it was refused, where the trainee looks.
fn last_outcome(ui: &mut egui::Ui, lang: Lang, live: &Live) {
    let Some(line) = shown_log(ui.ctx(), live).last() else {
        return;
    };
    ui.separator();
    // A refusal, an accepted gesture that ended in a fault or a stop (the core says which,
    // `Msg::is_fault`), or a gesture done.
    let (colour, mark) = if line.refused {
        (theme::BAD, "✖")
    } else if line.msg.is_fault() {
        (theme::WARN, "✖")
    } else {
        (theme::ACCENT, "✔")
    };
    let r = ui
        .add(
            egui::Label::new(
                egui::RichText::new(format!("{mark} {}", line.msg.render(lang)))
                    .color(colour)
                    .strong(),
            )
            .truncate(),
        )
        .on_hover_text(line.msg.render(lang));
    note_control(ui, "last-outcome", r.rect);
}

/// The pause screen, the menu (Escape), and the confirmations of finish and abandon.
fn way_out(ctx: &egui::Context, lang: Lang, live: &Live, cmds: &mut MessageWriter<'_, UiCommand>) {
    if let Some((_, stops)) = live.paused {
        egui::Modal::new(egui::Id::new("fibrelab-paused")).show(ctx, |ui| {
            ui.heading(tr(lang, "app-paused"));
            ui.label(tr(
                lang,
                if stops {
                    "app-paused-clock-stopped"
                } else {
                    "app-paused-clock-runs"
                },
            ));
            ui.add_space(8.0);
            if ui.button(tr(lang, "app-go-on")).clicked()
                || ui.input(|i| i.key_pressed(egui::Key::Escape))
            {
                cmds.write(UiCommand::Unpause);
            }
        });
        return;
    }
    let mut d = dialog(ctx);
    // Escape opens the menu; in a window, it closes it (the window's own rule, below).
    let opened_now = d == Dialog::Closed && ctx.input(|i| i.key_pressed(egui::Key::Escape));
    if opened_now {
        d = Dialog::Menu;
    }
    let modal = |title: &str| {
        let title = tr(lang, title);
        move |ui: &mut egui::Ui| {
            ui.set_max_width(440.0);
            ui.heading(title);
        }
    };
    match d {
        Dialog::Closed => {}
        Dialog::Menu => {
            let r = egui::Modal::new(dialog_id().with("menu")).show(ctx, |ui| {
                modal("app-menu")(ui);
                let wide = |ui: &mut egui::Ui, key: &str| {
                    ui.add_sized([420.0, 30.0], egui::Button::new(tr(lang, key)))
                        .clicked()
                };
                if wide(ui, "app-go-on") {
                    d = Dialog::Closed;
                }
                if wide(ui, "app-pause") {
                    cmds.write(UiCommand::Pause);
                    d = Dialog::Closed;
                }
                if wide(ui, "app-quit") {
                    cmds.write(UiCommand::Quit);
                    d = Dialog::Closed;
                }
                ui.label(tr(lang, "app-quit-hover"));
                if wide(ui, "act-finish") {
                    d = Dialog::ConfirmFinish;
                }
                if wide(ui, "app-abandon") {
                    d = Dialog::ConfirmAbandon;
                }
                ui.separator();
                prefs(ui, lang, cmds);
            });
            if r.should_close() && d == Dialog::Menu && !opened_now {
                d = Dialog::Closed;
            }
        }
        Dialog::ConfirmFinish | Dialog::ConfirmAbandon => {
            let finish = d == Dialog::ConfirmFinish;
            let (title, text, yes) = if finish {
                (
                    "app-confirm-finish",
                    "app-confirm-finish-text",
                    "app-yes-finish",
                )
            } else {
                (
                    "app-confirm-abandon",
                    "app-confirm-abandon-text",
                    "app-yes-abandon",
                )
            };
            let r = egui::Modal::new(dialog_id().with("confirm")).show(ctx, |ui| {
                modal(title)(ui);
                ui.label(tr(lang, text));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui
                        .button(egui::RichText::new(tr(lang, yes)).strong())
                        .clicked()
                    {
                        cmds.write(if finish {
                            UiCommand::Act {
                                action: Action::Finish,
                                at_ms: None,
                            }
                        } else {
                            UiCommand::Abandon
                        });
                        d = Dialog::Closed;
                    }
                    if ui.button(tr(lang, "app-cancel")).clicked() {
                        d = Dialog::Closed;
                    }
                });
            });
            if r.should_close() && d != Dialog::Closed {
                d = Dialog::Closed;
            }
        }
    }
    set_dialog(ctx, d);
}

/// A panel of fixed width on the right, that scrolls when it holds more than it shows.
pub(crate) fn side_panel(
    root: &mut egui::Ui,
    id: &'static str,
    width: f32,
    live: &Live,
    add_contents: impl FnOnce(&mut egui::Ui),
) {
    egui::Panel::right(id)
        .exact_size(width)
        .resizable(false)
        .show_separator_line(false)
        .show(root, |ui| {
            from_top(id, live).show(ui, add_contents);
        });
}

/// A vertical scroll area that starts at the top each time an exercise opens.
pub(crate) fn from_top(id: &'static str, live: &Live) -> egui::ScrollArea {
    egui::ScrollArea::vertical().id_salt((id, live.opening))
}

/// What every module view draws from and sends to.
#[derive(SystemParam)]
pub(crate) struct View<'w, 's> {
    contexts: EguiContexts<'w, 's>,
    settings: Res<'w, Settings>,
    current: Res<'w, Current>,
    notice: Res<'w, Notice>,
    cmds: MessageWriter<'w, UiCommand>,
}

/// One frame of a view: the window's root, the language, the attempt, the notice, and
/// where the gestures go.
pub(crate) struct Frame<'a, 'w> {
    pub ctx: &'a egui::Context,
    pub root: egui::Ui,
    pub lang: Lang,
    pub live: &'a Live,
    pub notice: &'a Notice,
    pub cmds: &'a mut MessageWriter<'w, UiCommand>,
}

impl<'w> View<'w, '_> {
    /// This frame's parts, or nothing while no attempt is live.
    pub(crate) fn frame(&mut self) -> bevy::prelude::Result<Option<Frame<'_, 'w>>> {
        let ctx = self.contexts.ctx_mut()?;
        let Some(live) = self.current.live.as_ref() else {
            return Ok(None);
        };
        Ok(Some(Frame {
            root: root_ui(ctx),
            ctx,
            lang: self.settings.lang,
            live,
            notice: &self.notice,
            cmds: &mut self.cmds,
        }))
    }
}

/// Language and text size, offered on every screen (in the exercise, from the menu).
pub(crate) fn prefs(ui: &mut egui::Ui, lang: Lang, cmds: &mut MessageWriter<'_, UiCommand>) {
    ui.horizontal(|ui| {
        for (l, label) in [(Lang::Fr, "FR"), (Lang::En, "EN")] {
            if ui
                .selectable_label(lang == l, label)
                .on_hover_text(match l {
                    Lang::Fr => "Français",
                    Lang::En => "English",
                })
                .clicked()
            {
                cmds.write(UiCommand::SetLang(l));
            }
        }
        ui.separator();
        let now = theme::text_scale(ui.ctx());
        for (k, label) in theme::TEXT_SCALES.iter().zip(["A", "A+", "A++"]) {
            let b = ui
                .selectable_label(now == *k, label)
                .on_hover_text(tr(lang, "app-text-size-help"));
            note_control(ui, &format!("text-{label}"), b.rect);
            if b.clicked() {
                cmds.write(UiCommand::SetTextScale(*k));
            }
        }
    });
}

/// The settings in the window's bottom right corner, on the screens around the exercise.
pub(crate) fn prefs_corner(
    mut contexts: bevy_egui::EguiContexts,
    settings: Res<Settings>,
    mut cmds: MessageWriter<UiCommand>,
) -> bevy::prelude::Result {
    let ctx = contexts.ctx_mut()?;
    egui::Area::new(egui::Id::new("fibrelab-prefs"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-8.0, -8.0))
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| prefs(ui, settings.lang, &mut cmds));
        });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decimal_comma_is_a_decimal_point() {
        assert_eq!(parse_decimal("1,4682"), Some(1.4682));
        assert_eq!(parse_decimal(" 1.4682 "), Some(1.4682));
        assert_eq!(parse_decimal("-0,25"), Some(-0.25));
        assert_eq!(parse_decimal("12"), Some(12.0));
        assert_eq!(parse_decimal("1,2,3"), None);
        assert_eq!(parse_decimal("abc"), None);
        assert_eq!(parse_decimal("inf"), None);
    }

    /// One frame of a number field in French; what it showed, and where.
    fn frame(ctx: &egui::Context, v: &mut f64, events: Vec<egui::Event>) -> egui::Rect {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(400.0, 200.0),
            )),
            events,
            time: Some(ctx.input(|i| i.time) + 1.0 / 60.0),
            ..Default::default()
        };
        let mut rect = egui::Rect::NOTHING;
        let mut out = ctx.run_ui(input, |ui| {
            rect = ui.add(number(v, Lang::Fr).fixed_decimals(4)).rect;
        });
        out.textures_delta.clear();
        rect
    }

    #[test]
    fn a_number_typed_with_a_decimal_comma_is_taken() {
        let ctx = egui::Context::default();
        let mut ior = 1.468;
        let rect = frame(&ctx, &mut ior, Vec::new());
        let at = rect.center();
        let click = |pressed| egui::Event::PointerButton {
            pos: at,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        };
        frame(
            &ctx,
            &mut ior,
            vec![egui::Event::PointerMoved(at), click(true)],
        );
        frame(&ctx, &mut ior, vec![click(false)]);
        // The field now edits its text, all of it selected: typing replaces it.
        frame(&ctx, &mut ior, vec![egui::Event::Text("1,4682".into())]);
        let enter = egui::Event::Key {
            key: egui::Key::Enter,
            physical_key: None,
            pressed: true,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        frame(&ctx, &mut ior, vec![enter]);
        frame(&ctx, &mut ior, Vec::new());
        assert!((ior - 1.4682).abs() < 1e-12, "{ior}");
    }
}
