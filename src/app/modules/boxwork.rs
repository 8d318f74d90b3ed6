//! Working a box to its plan (issue 28). The side panel holds the cable's gestures (the
//! window's length, each tube cut or passed whole into the basket), the red light, the
//! coil of the position picked and the lid with its label. The box is the drawing: the
//! free fibres' ends as chips in their colours, to drag onto the cassette's positions
//! and the basket's; each position shows what it holds beside what the plan asks.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use super::boxcable::{CableHand, the_cable, to_cm};
use super::order::swatch;
use crate::app::flow::UiCommand;
use crate::app::theme;
use crate::app::widgets::{
    Frame, View, limited, note_control, note_value, side_panel, task_bar, what_happened,
};
use crate::exercise::boxwork::{BoxWork, colour_name, line_alarm};
use crate::exercise::{Action, JobAction};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::cable::ColourCode;
use crate::scenario::closure::plan::{CassetteKind, Fibre, Function};
use crate::scenario::closure::work::{in_splice_cassette, is_drop, through_cable};

/// The side panel's width.
const PANEL_W: f32 = 270.0;

/// The gestures' settings as the trainee sets them.
#[derive(Resource)]
struct BoxForm {
    /// The window's length and the shaver in the hand.
    cable: CableHand,
    /// The position picked (a click on it), for the coil.
    position: Option<String>,
    coil_mm: f64,
    /// The fibre the red light goes into.
    light: Option<String>,
    label: String,
}

impl Default for BoxForm {
    fn default() -> Self {
        BoxForm {
            cable: CableHand::default(),
            position: None,
            coil_mm: 50.0,
            light: None,
            label: String::new(),
        }
    }
}

pub fn plugin(app: &mut App) {
    super::reset_on_entry::<BoxForm>(app);
    app.add_systems(
        EguiPrimaryContextPass,
        at_the_box.run_if(in_state(ModuleView::JobBox)),
    );
}

fn at_the_box(mut view: View, mut form: ResMut<BoxForm>) -> Result {
    let Some(Frame {
        mut root,
        lang,
        live,
        notice,
        cmds,
        ..
    }) = view.frame()?
    else {
        return Ok(());
    };
    let Some(job) = live.session.exercise.state.job() else {
        return Ok(());
    };
    let Some(w) = job.box_work() else {
        return Ok(());
    };
    let code = job.setup.splice.prep.colour_code;
    let mut acts: Vec<Action> = Vec::new();
    task_bar(&mut root, lang, live, None, cmds);
    side_panel(&mut root, "box", PANEL_W, live, |ui| {
        cable_gestures(ui, lang, w, code, &mut form, &mut acts);
        ui.separator();
        red_light(ui, lang, w, &mut form, &mut acts);
        supervision(ui, lang, w, job.setup.splice.left_fibre);
        ui.separator();
        coil_and_close(ui, lang, w, &mut form, &mut acts);
        ui.add_space(8.0);
        what_happened(ui, lang, live, notice, 5);
    });
    let form = &mut *form;
    // The drawing stops at the side panel (the root's own width runs under it, as the
    // OTDR's view found).
    let right = root.ctx().viewport_rect().right() - PANEL_W - 10.0;
    the_cable(&mut root, right, lang, w, code, &mut form.cable, &mut acts);
    the_box(&mut root, right, lang, w, code, form, &mut acts);
    for action in acts {
        cmds.write(UiCommand::Act {
            action,
            at_ms: None,
        });
    }
    Ok(())
}

/// The window's length, then each tube of the opened cable cut or passed whole.
fn cable_gestures(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &BoxWork,
    code: ColourCode,
    form: &mut BoxForm,
    acts: &mut Vec<Action>,
) {
    let cable = through_cable(&w.plan)
        .map(|(a, _)| a.cb_etiquet.clone())
        .unwrap_or_default();
    ui.heading(Msg::new("app-box-cable").text("cable", cable).render(lang));
    match w.window_mm {
        Some(mm) => {
            ui.label(
                Msg::new("app-box-window-open")
                    .num("mm", mm, 0)
                    .render(lang),
            );
        }
        None => {
            ui.horizontal_wrapped(|ui| {
                ui.label(tr(lang, "app-box-window"));
                let r = ui.add(limited(
                    &mut form.cable.window_mm,
                    lang,
                    &crate::limits::WINDOW_MM,
                ));
                note_control(ui, "window-mm", r.rect);
                let r = ui.button(tr(lang, "app-box-open"));
                note_control(ui, "window-open", r.rect);
                if r.clicked() {
                    acts.push(Action::Job(JobAction::OpenWindow {
                        length_mm: to_cm(form.cable.window_mm),
                    }));
                }
            });
        }
    }
    let open = w.window_mm.is_some() && !w.closed;
    for t in 1..=w.tubes() {
        ui.horizontal_wrapped(|ui| {
            swatch(ui, code, t);
            ui.label(
                Msg::new("app-box-tube")
                    .int("tube", t)
                    .msg("colour", colour_name(code, t))
                    .render(lang),
            );
            if w.cut.contains(&t) {
                ui.colored_label(theme::WARN, tr(lang, "app-box-tube-cut"));
            } else if w.passed.contains(&t) {
                ui.colored_label(theme::OK, tr(lang, "app-box-tube-passed"));
            }
            // A scored tube is seen: its wall cut by the blade.
            if w.nick_on(t).is_some() {
                ui.colored_label(theme::BAD, tr(lang, "app-box-tube-nicked"));
            }
        });
        // The tube's two gestures on their own row, so that neither word breaks.
        if !w.cut.contains(&t) && !w.passed.contains(&t) {
            ui.horizontal(|ui| {
                ui.add_space(16.0);
                ui.add_enabled_ui(open, |ui| {
                    let r = ui.small_button(tr(lang, "app-box-cut"));
                    note_control(ui, &format!("tube-cut-{t}"), r.rect);
                    if r.clicked() {
                        acts.push(Action::Job(JobAction::CutTube {
                            tube: t,
                            stroke: Vec::new(),
                        }));
                    }
                    let r = ui.small_button(tr(lang, "app-box-pass"));
                    note_control(ui, &format!("tube-pass-{t}"), r.rect);
                    if r.clicked() {
                        acts.push(Action::Job(JobAction::PassTube { tube: t }));
                    }
                });
            });
        }
    }
}

/// The red light into a fibre of the upstream cable, from the exchange.
fn red_light(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &BoxWork,
    form: &mut BoxForm,
    acts: &mut Vec<Action>,
) {
    let Some((a, _)) = through_cable(&w.plan) else {
        return;
    };
    ui.label(egui::RichText::new(tr(lang, "app-box-light")).strong());
    let fibres = a.fibres();
    let chosen = form.light.get_or_insert_with(|| {
        fibres
            .first()
            .map(|f| f.fo_code.clone())
            .unwrap_or_default()
    });
    ui.horizontal_wrapped(|ui| {
        let r = egui::ComboBox::from_id_salt("box_light_fibre")
            .width(140.0)
            .selected_text(chosen.as_str())
            .show_ui(ui, |ui| {
                for f in &fibres {
                    ui.selectable_value(chosen, f.fo_code.clone(), f.fo_code.as_str());
                }
            });
        note_control(ui, "light-fibre", r.response.rect);
        let r = ui.button(tr(lang, "app-box-light-on"));
        note_control(ui, "light-on", r.rect);
        if r.clicked() {
            acts.push(Action::Job(JobAction::RedLight {
                fibre: chosen.clone(),
            }));
        }
    });
}

/// The lines in service beyond the box, as the operator's supervision reads their
/// ONTs: what a slip of the shaver or a tube cut took from them shows here, as it
/// would on the operator's screen (folded until opened).
fn supervision(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &BoxWork,
    fibre: crate::physics::fibre::FibreType,
) {
    if w.live.is_empty() {
        return;
    }
    let levels = w.live_levels(fibre);
    // The supervision's alarms in its header; a smaller change is shown, not raised.
    let alarms = levels.iter().filter(|(l, now)| line_alarm(l, *now)).count();
    let header = if alarms == 0 {
        egui::RichText::new(tr(lang, "app-box-supervision"))
    } else {
        egui::RichText::new(
            Msg::new("app-box-supervision-alarm")
                .int("n", alarms as u32)
                .render(lang),
        )
        .color(theme::BAD)
    };
    let r = egui::CollapsingHeader::new(header)
        .id_salt("box_supervision")
        .show(ui, |ui| {
            ui.label(egui::RichText::new(tr(lang, "app-box-supervision-what")).small());
            for (l, now) in &levels {
                let fibre = w
                    .plan
                    .fibre(&l.fibre)
                    .map(|f| short(&f))
                    .unwrap_or_default();
                let text = match now {
                    Some(v) => Msg::new("app-box-line-level")
                        .text("line", l.line.as_str())
                        .text("fibre", fibre)
                        .num("dbm", *v, 1),
                    None => Msg::new("app-box-line-down")
                        .text("line", l.line.as_str())
                        .text("fibre", fibre),
                };
                let colour = if line_alarm(l, *now) {
                    theme::BAD
                } else if now.is_some_and(|v| (v - l.level_dbm).abs() >= 0.05) {
                    theme::WARN
                } else {
                    ui.visuals().text_color()
                };
                ui.colored_label(colour, text.render(lang));
            }
        });
    note_control(ui, "supervision", r.header_response.rect);
    note_value(ui.ctx(), "lines-in-fault", alarms as f64);
}

/// The coil of the position picked, and the lid with its label.
fn coil_and_close(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &BoxWork,
    form: &mut BoxForm,
    acts: &mut Vec<Action>,
) {
    match form
        .position
        .clone()
        .filter(|p| in_splice_cassette(&w.plan, p))
    {
        Some(p) => {
            ui.label(
                Msg::new("app-box-coil-at")
                    .text("position", p.as_str())
                    .render(lang),
            );
            ui.horizontal_wrapped(|ui| {
                let r = ui.add(limited(
                    &mut form.coil_mm,
                    lang,
                    &crate::limits::TRAY_LOOP_MM,
                ));
                note_control(ui, "coil-mm", r.rect);
                let r = ui.button(tr(lang, "app-box-coil"));
                note_control(ui, "coil", r.rect);
                if r.clicked() {
                    acts.push(Action::Job(JobAction::CoilFibre {
                        position: p.clone(),
                        diameter_mm: form.coil_mm,
                    }));
                }
            });
        }
        None => {
            ui.label(egui::RichText::new(tr(lang, "app-box-pick-position")).weak());
        }
    }
    ui.separator();
    if w.closed {
        ui.label(
            Msg::new("app-box-closed")
                .text("label", w.label.as_deref().unwrap_or(""))
                .render(lang),
        );
        let r = ui.button(tr(lang, "app-box-reopen"));
        note_control(ui, "box-reopen", r.rect);
        if r.clicked() {
            acts.push(Action::Job(JobAction::OpenBox));
        }
        return;
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(tr(lang, "app-box-label"));
        let r = ui.add(egui::TextEdit::singleline(&mut form.label).desired_width(110.0));
        note_control(ui, "box-label", r.rect);
    });
    let r = ui.button(egui::RichText::new(tr(lang, "app-box-close")).strong());
    note_control(ui, "box-close", r.rect);
    if r.clicked() {
        acts.push(Action::Job(JobAction::CloseBox {
            label: form.label.clone(),
        }));
    }
}

/// A fibre's chip's width, and a position's (without their frames' margins).
const CHIP_W: f32 = 96.0;
const SLOT_W: f32 = 118.0;

/// How many parts `part` wide (with the spacing between them) fit in `width`.
fn per_row(width: f32, part: f32) -> usize {
    ((width / (part + 20.0)).floor() as usize).max(1)
}

/// A fibre's short name on a chip: its cable's code without `CB-`, and its number.
fn short(f: &Fibre) -> String {
    let stem = f.fo_cb_code.strip_prefix("CB-").unwrap_or(&f.fo_cb_code);
    format!("{stem}·{}", f.fo_nincab)
}

/// A fibre's chip: its tube's and its own colour, its short name.
fn chip(ui: &mut egui::Ui, code: ColourCode, f: &Fibre, width: f32) {
    egui::Frame::new()
        .stroke(egui::Stroke::new(1.0, theme::ACCENT))
        .corner_radius(4.0)
        .inner_margin(egui::Margin::symmetric(4, 2))
        .show(ui, |ui| {
            ui.set_width(width);
            ui.horizontal(|ui| {
                ui.spacing_mut().item_spacing.x = 2.0;
                swatch(ui, code, f.fo_numtub);
                swatch(ui, code, f.fo_nintub);
                ui.label(short(f));
            });
        });
}

/// The box: the free ends to drag, the splice cassette's positions and the basket's,
/// each a place to drop a fibre on.
fn the_box(
    ui: &mut egui::Ui,
    right: f32,
    lang: Lang,
    w: &BoxWork,
    code: ColourCode,
    form: &mut BoxForm,
    acts: &mut Vec<Action>,
) {
    super::order::plan_heading(ui, lang, &w.plan);
    ui.label(
        egui::RichText::new(tr(lang, "app-box-legend"))
            .weak()
            .small(),
    );
    let placed = |c: &str| {
        w.rows
            .iter()
            .any(|r| r.ps_1.as_deref() == Some(c) || r.ps_2.as_deref() == Some(c))
    };
    let free: Vec<Fibre> = w
        .plan
        .fibres()
        .into_iter()
        .filter(|f| (is_drop(&w.plan, f) || w.cut.contains(&f.fo_numtub)) && !placed(&f.fo_code))
        .collect();
    note_value(ui.ctx(), "free-fibres", free.len() as f64);
    note_value(
        ui.ctx(),
        "rows-worked",
        w.rows
            .iter()
            .filter(|r| r.ps_1.is_some() || r.ps_2.is_some())
            .count() as f64,
    );
    let width = ui.available_width().min(right - ui.cursor().left());
    egui::ScrollArea::vertical()
        .auto_shrink([false, false])
        .max_width(width)
        .show(ui, |ui| {
            ui.set_max_width(width);
            ui.label(egui::RichText::new(tr(lang, "app-box-free")).strong());
            if free.is_empty() {
                ui.label(egui::RichText::new(tr(lang, "app-box-free-none")).weak());
            }
            // Rows laid out by hand: a wrapping layout does not wrap framed parts.
            // A chip's width follows the text size: its longest name measured.
            let font = egui::TextStyle::Body.resolve(ui.style());
            let text_w = ui.ctx().fonts_mut(|f| {
                f.layout_no_wrap("0012A·24".into(), font, egui::Color32::BLACK)
                    .size()
                    .x
            });
            let chip_w = CHIP_W.max(text_w + 40.0);
            for row in free.chunks(per_row(width, chip_w)) {
                ui.horizontal(|ui| {
                    for f in row {
                        let id = egui::Id::new(("box_fibre", f.fo_code.as_str()));
                        let r = ui
                            .dnd_drag_source(id, f.fo_code.clone(), |ui| chip(ui, code, f, chip_w));
                        note_control(ui, &format!("fibre-{}", f.fo_code), r.response.rect);
                        r.response.on_hover_text(f.fo_code.as_str());
                    }
                });
            }
            ui.add_space(6.0);
            // The splice cassettes first (where the work is), the basket after.
            let mut cassettes: Vec<_> = w.plan.cassettes.iter().collect();
            cassettes.sort_by_key(|c| c.cs_type != CassetteKind::E);
            for cassette in cassettes {
                ui.label(
                    egui::RichText::new(
                        Msg::new("app-box-cassette")
                            .text("code", cassette.cs_code.as_str())
                            .render(lang),
                    )
                    .strong(),
                );
                let slots: Vec<_> = w
                    .plan
                    .positions
                    .iter()
                    .zip(&w.rows)
                    .filter(|(p, _)| p.ps_cs_code == cassette.cs_code && p.ps_fonct != Function::PA)
                    .collect();
                for row in slots.chunks(per_row(width, SLOT_W + 8.0)) {
                    ui.horizontal(|ui| {
                        for (p, r) in row {
                            slot(ui, lang, w, p, r, form, acts);
                        }
                    });
                }
                let passages = w.plan.positions.iter().zip(&w.rows).filter(|(p, _)| {
                    p.ps_cs_code == cassette.cs_code && p.ps_fonct == Function::PA
                });
                let (n, done) = passages.fold((0, 0), |(n, d), (_, r)| {
                    (n + 1, d + usize::from(r.ps_1.is_some()))
                });
                if n > 0 {
                    ui.label(
                        Msg::new("app-box-passages")
                            .int("done", done as u32)
                            .int("n", n as u32)
                            .render(lang),
                    );
                }
                ui.add_space(6.0);
            }
        });
}

/// A position: its code, what it holds beside what the plan asks, its coil; a fibre
/// dropped on it is routed there, a click picks it.
fn slot(
    ui: &mut egui::Ui,
    lang: Lang,
    w: &BoxWork,
    p: &crate::scenario::closure::plan::PositionRow,
    r: &crate::exercise::boxwork::WorkRow,
    form: &mut BoxForm,
    acts: &mut Vec<Action>,
) {
    let picked = form.position.as_deref() == Some(p.ps_code.as_str());
    let frame = egui::Frame::new()
        .stroke(egui::Stroke::new(
            if picked { 2.5 } else { 1.0 },
            theme::ACCENT,
        ))
        .fill(if picked {
            theme::ACCENT.gamma_multiply(0.15)
        } else {
            egui::Color32::TRANSPARENT
        })
        .corner_radius(4.0)
        .inner_margin(egui::Margin::same(4));
    let (resp, dropped) = ui.dnd_drop_zone::<String, ()>(frame, |ui| {
        ui.set_width(SLOT_W);
        ui.vertical(|ui| {
            let n = p
                .ps_numero
                .map(|n| format!("{n:02}"))
                .unwrap_or_else(|| p.ps_code.rsplit('-').next().unwrap_or("").to_string());
            ui.label(egui::RichText::new(format!("{n} · {:?}", p.ps_fonct)).strong());
            let holds = |v: &Option<String>| {
                v.as_deref()
                    .and_then(|c| w.plan.fibre(c))
                    .map(|f| short(&f))
                    .unwrap_or_else(|| "—".into())
            };
            let want_2 = p
                .ps_2
                .as_deref()
                .and_then(|c| w.plan.fibre(c))
                .map(|f| short(&f));
            let right = r.follows(p);
            let text = match &r.ps_2 {
                Some(_) => format!("{} + {}", holds(&r.ps_1), holds(&r.ps_2)),
                None => holds(&r.ps_1),
            };
            let colour = if r.ps_1.is_none() && r.ps_2.is_none() {
                egui::Color32::GRAY
            } else if right {
                theme::OK
            } else {
                theme::WARN
            };
            ui.colored_label(colour, text);
            let plan = w.plan.fibre(&p.ps_1).map(|f| short(&f)).unwrap_or_default();
            ui.label(
                egui::RichText::new(match want_2 {
                    Some(d) => format!("{} {plan} + {d}", tr(lang, "app-box-plan")),
                    None => format!("{} {plan}", tr(lang, "app-box-plan")),
                })
                .weak()
                .small(),
            );
            if in_splice_cassette(&w.plan, &p.ps_code) {
                ui.label(
                    egui::RichText::new(match r.coil_mm {
                        Some(d) => Msg::new("app-box-coiled").num("mm", d, 0).render(lang),
                        None => tr(lang, "app-box-not-coiled"),
                    })
                    .small(),
                );
            }
        });
    });
    let rect = resp.response.rect;
    note_control(ui, &format!("slot-{}", p.ps_code), rect);
    let click = ui.interact(
        rect,
        egui::Id::new(("box_slot", p.ps_code.as_str())),
        egui::Sense::click(),
    );
    if click.clicked() {
        form.position = if picked {
            None
        } else {
            Some(p.ps_code.clone())
        };
    }
    if let Some(fibre) = dropped {
        acts.push(Action::Job(JobAction::PlaceFibre {
            fibre: (*fibre).clone(),
            position: p.ps_code.clone(),
        }));
        // Picked for its coil, where the fibre can go there (not into a closed box).
        if !w.closed {
            form.position = Some(p.ps_code.clone());
        }
    }
}
