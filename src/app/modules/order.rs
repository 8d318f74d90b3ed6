//! A job's first stage, at the box (issue 28): the work order as the technician's card
//! (its route optique first), the plan de boîte as its table of positions, each row with
//! the fibre it holds, its tube and fibre by number and colour, its function and the
//! premises it waits for. A click on a row names that position; the OT's mismatch is
//! reported by its code.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::flow::UiCommand;
use crate::app::widgets::{Frame, View, note_control, side_panel, task_bar, what_happened};
use crate::exercise::closure::OrderState;
use crate::exercise::{Action, JobAction};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::cable::ColourCode;
use crate::scenario::closure::order::RouteCode;

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        at_the_box.run_if(in_state(ModuleView::JobOrder)),
    );
}

/// The card's rows: a label's key and its value.
fn card_rows(o: &OrderState) -> Vec<(&'static str, String)> {
    let w = &o.order;
    let r = &w.route;
    let a = &w.address;
    vec![
        ("app-ot-number", w.number.clone()),
        ("app-ot-activity", w.activity.clone()),
        ("app-ot-customer", w.customer.number.clone()),
        ("app-ot-address", {
            // The street and town, then the building, staircase and floor the OT gives.
            let inside: Vec<&str> = [&a.building, &a.staircase, &a.floor]
                .into_iter()
                .filter_map(|x| x.as_deref())
                .collect();
            if inside.is_empty() {
                format!("{}, {}", a.street, a.city)
            } else {
                format!("{}, {} ({})", a.street, a.city, inside.join(" · "))
            }
        }),
        (
            "app-ot-pm",
            format!("{} · {} · {}", r.pm, r.pm_module, r.pm_position),
        ),
        ("app-ot-pbo", r.pbo.clone()),
        ("app-ot-cable", r.cable.clone()),
        ("app-ot-tube", r.tube.to_string()),
        ("app-ot-fibre", r.fibre.to_string()),
        ("app-ot-suf", r.suf.clone()),
        ("app-ot-pto", r.pto.clone()),
    ]
}

fn at_the_box(mut view: View) -> Result {
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
    let Some(o) = job.order_stage() else {
        return Ok(());
    };
    let code = job.setup.splice.prep.colour_code;
    let mut acts: Vec<Action> = Vec::new();
    task_bar(&mut root, lang, live, None, cmds);
    side_panel(&mut root, "ot", 270.0, live, |ui| {
        ui.heading(tr(lang, "app-ot-title"));
        // One line a field, wrapped within the panel (an address runs long).
        for (key, value) in card_rows(o) {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(tr(lang, key)).weak());
                ui.label(egui::RichText::new(value).strong());
            });
        }
        ui.add_space(8.0);
        let located = o.located.as_deref();
        ui.label(match located {
            Some(p) => Msg::new("task-order-located")
                .text("position", p)
                .render(lang),
            None => tr(lang, "app-ot-click-row"),
        });
        ui.add_space(4.0);
        let r = ui.add_enabled(
            located.is_some() && o.report.is_none(),
            egui::Button::new(egui::RichText::new(tr(lang, "app-ot-go-splice")).strong()),
        );
        note_control(ui, "next-stage", r.rect);
        if r.clicked() {
            acts.push(Action::Job(JobAction::NextStage));
        }
        ui.add_space(8.0);
        ui.label(egui::RichText::new(tr(lang, "app-ot-report")).strong());
        for c in RouteCode::ALL {
            let label = format!("{} · {}", c.code(), c.msg().render(lang));
            let r = ui.add_enabled(o.report.is_none(), egui::Button::new(label));
            note_control(ui, c.code(), r.rect);
            if r.clicked() {
                acts.push(Action::Job(JobAction::ReportRoute { code: c }));
            }
        }
        ui.add_space(8.0);
        what_happened(ui, lang, live, notice, 6);
    });
    plan_table(&mut root, lang, o, code, &mut acts);
    for action in acts {
        cmds.write(UiCommand::Act {
            action,
            at_ms: None,
        });
    }
    Ok(())
}

/// The plan de boîte: its cables on one line, then every position as a row a click names.
fn plan_table(
    ui: &mut egui::Ui,
    lang: Lang,
    o: &OrderState,
    code: ColourCode,
    acts: &mut Vec<Action>,
) {
    let plan = &o.plan;
    plan_heading(ui, lang, plan);
    let cables: Vec<String> = plan
        .cables
        .iter()
        .map(|c| format!("{} ({}, {} FO)", c.cb_code, c.cb_etiquet, c.cb_capafo))
        .collect();
    ui.label(format!(
        "{} {}",
        tr(lang, "app-plan-cables"),
        cables.join(" · ")
    ));
    ui.add_space(4.0);
    let located = o.located.as_deref();
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .max_width(ui.available_width())
        .show(ui, |ui| {
            egui::Grid::new("plan-positions")
                .num_columns(7)
                .striped(true)
                .spacing(egui::vec2(10.0, 4.0))
                .show(ui, |ui| {
                    for key in [
                        "app-plan-position",
                        "app-plan-cassette",
                        "app-plan-fibre",
                        "app-plan-tube-fibre",
                        "app-plan-to",
                        "app-plan-function",
                        "app-plan-suf",
                    ] {
                        ui.label(egui::RichText::new(tr(lang, key)).strong());
                    }
                    ui.end_row();
                    for p in &plan.positions {
                        let here = located == Some(p.ps_code.as_str());
                        let r = ui.selectable_label(here, &p.ps_code);
                        if r.clicked() && !here && o.report.is_none() {
                            acts.push(Action::Job(JobAction::LocateFibre {
                                position: p.ps_code.clone(),
                            }));
                        }
                        let cassette = plan
                            .cassettes
                            .iter()
                            .find(|c| c.cs_code == p.ps_cs_code)
                            .map_or_else(|| p.ps_cs_code.clone(), |c| c.cs_num.to_string());
                        let numero = p.ps_numero.map(|n| format!(" · {n}")).unwrap_or_default();
                        ui.label(format!("{cassette}{numero}"));
                        ui.label(&p.ps_1);
                        match plan.fibre(&p.ps_1) {
                            Some(f) => tube_fibre(ui, code, f.fo_numtub, f.fo_nintub),
                            None => {
                                ui.label("");
                            }
                        }
                        ui.label(p.ps_2.as_deref().unwrap_or("—"));
                        ui.label(format!("{:?}", p.ps_fonct));
                        ui.label(p.ps_preaff.as_deref().unwrap_or("—"));
                        ui.end_row();
                    }
                });
        });
}

/// The plan's title: the box's label and code.
pub(super) fn plan_heading(ui: &mut egui::Ui, lang: Lang, plan: &crate::scenario::closure::Plan) {
    ui.heading(
        Msg::new("app-plan-title")
            .text("box", plan.boxed.bp_etiquet.as_str())
            .text("code", plan.boxed.bp_code.as_str())
            .render(lang),
    );
}

/// A fibre's tube and place by number, each with its colour's chip.
pub(super) fn tube_fibre(ui: &mut egui::Ui, code: ColourCode, tube: u32, fibre: u32) {
    ui.horizontal(|ui| {
        for n in [tube, fibre] {
            swatch(ui, code, n);
            ui.label(n.to_string());
        }
    });
}

/// A round swatch of colour `n` of the order (nothing past the twelfth).
pub(super) fn swatch(ui: &mut egui::Ui, code: ColourCode, n: u32) {
    let (rect, _) = ui.allocate_exact_size(egui::vec2(12.0, 12.0), egui::Sense::hover());
    if let Some(c) = code.colour(n) {
        ui.painter()
            .rect_filled(rect, 6.0, crate::app::theme::colour32(c));
        ui.painter().rect_stroke(
            rect,
            6.0,
            egui::Stroke::new(1.0, egui::Color32::GRAY),
            egui::StrokeKind::Outside,
        );
    }
}
