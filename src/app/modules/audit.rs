//! The audit (issue 28): a box worked by someone else, as the controller finds it. The
//! side panel shows the box as a whole (its label, its lid, what lies in it) and the
//! form that files a defect by its codes; the plan de boîte is the table, each row with
//! what the box shows at that position beside what the plan says (the drop's fibre
//! spliced there, the coil's diameter on the cassette's gauge, the splice's sleeve, the
//! fibre whole or cut). A click on a row picks the position a defect is filed at.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::flow::UiCommand;
use crate::app::widgets::{Frame, View, note_control, side_panel, task_bar, what_happened};
use crate::exercise::audit::AuditState;
use crate::exercise::{Action, JobAction};
use crate::i18n::{Lang, Msg, tr};
use crate::scenario::closure::audit::{PBO_FAULTS, PBO_LOCATIONS};
use crate::scenario::closure::defects::{fault, location};

/// The filing form as the trainee sets it.
#[derive(Resource)]
struct AuditForm {
    /// The position picked on the plan; none: the box as a whole.
    position: Option<String>,
    fault: &'static str,
    location: &'static str,
}

impl Default for AuditForm {
    fn default() -> Self {
        AuditForm {
            position: None,
            fault: PBO_FAULTS[0],
            location: PBO_LOCATIONS[0],
        }
    }
}

pub fn plugin(app: &mut App) {
    super::reset_on_entry::<AuditForm>(app);
    app.add_systems(
        EguiPrimaryContextPass,
        at_the_box.run_if(in_state(ModuleView::JobAudit)),
    );
}

fn at_the_box(mut view: View, mut form: ResMut<AuditForm>) -> Result {
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
    let Some(a) = job.audit_stage() else {
        return Ok(());
    };
    let code = job.setup.splice.prep.colour_code;
    let mut acts: Vec<Action> = Vec::new();
    task_bar(&mut root, lang, live, None, cmds);
    side_panel(&mut root, "audit", 270.0, live, |ui| {
        ui.heading(tr(lang, "app-audit-box"));
        let f = &a.found;
        for (key, value) in [
            ("app-audit-label", f.label.clone()),
            (
                "app-audit-lid",
                tr(
                    lang,
                    if f.closed {
                        "app-audit-lid-closed"
                    } else {
                        "app-audit-lid-open"
                    },
                ),
            ),
            (
                "app-audit-inside",
                tr(
                    lang,
                    if f.waste {
                        "app-audit-inside-waste"
                    } else {
                        "app-audit-inside-clean"
                    },
                ),
            ),
        ] {
            ui.horizontal_wrapped(|ui| {
                ui.label(egui::RichText::new(tr(lang, key)).weak());
                ui.label(egui::RichText::new(value).strong());
            });
        }
        ui.separator();
        filing_form(ui, lang, &mut form, &mut acts);
        ui.separator();
        ui.label(egui::RichText::new(tr(lang, "app-audit-filed")).strong());
        if a.filed.is_empty() {
            ui.label(egui::RichText::new(tr(lang, "app-audit-none-filed")).weak());
        }
        for (i, d) in a.filed.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let r = ui.small_button(tr(lang, "app-audit-withdraw"));
                note_control(ui, &format!("withdraw-{i}"), r.rect);
                if r.clicked() {
                    acts.push(Action::Job(JobAction::WithdrawDefect { index: i as u32 }));
                }
                let label = fault(&d.fault).map(|f| f.label).unwrap_or_default();
                ui.label(format!(
                    "{} · {} · {} · {}",
                    d.fault,
                    label,
                    d.location,
                    d.position.as_deref().unwrap_or("—")
                ));
            });
        }
        ui.add_space(8.0);
        what_happened(ui, lang, live, notice, 5);
    });
    plan_table(&mut root, lang, a, code, &mut form);
    for action in acts {
        cmds.write(UiCommand::Act {
            action,
            at_ms: None,
        });
    }
    Ok(())
}

/// The form: where (the position picked, or the box), the fault and the location by
/// code with the protocol's label, and the button that files it.
fn filing_form(ui: &mut egui::Ui, lang: Lang, form: &mut AuditForm, acts: &mut Vec<Action>) {
    ui.horizontal_wrapped(|ui| {
        let on_box = form.position.is_none();
        let r = ui.selectable_label(on_box, tr(lang, "app-audit-on-box"));
        note_control(ui, "defect-on-box", r.rect);
        if r.clicked() {
            form.position = None;
        }
        match &form.position {
            Some(p) => {
                ui.label(
                    egui::RichText::new(
                        Msg::new("app-audit-on-position")
                            .text("position", p.as_str())
                            .render(lang),
                    )
                    .strong(),
                );
            }
            None => {
                ui.label(egui::RichText::new(tr(lang, "app-audit-click-row")).weak());
            }
        }
    });
    let fault_text = |c: &str| format!("{c} · {}", fault(c).map(|f| f.label).unwrap_or_default());
    ui.label(tr(lang, "app-audit-fault"));
    let r = egui::ComboBox::from_id_salt("defect_fault")
        .width(250.0)
        .truncate()
        .selected_text(fault_text(form.fault))
        .show_ui(ui, |ui| {
            for c in PBO_FAULTS {
                ui.selectable_value(&mut form.fault, c, fault_text(c));
            }
        });
    note_control(ui, "defect-fault", r.response.rect);
    let location_text =
        |c: &str| format!("{c} · {}", location(c).map(|l| l.value).unwrap_or_default());
    ui.label(tr(lang, "app-audit-location"));
    let r = egui::ComboBox::from_id_salt("defect_location")
        .width(250.0)
        .truncate()
        .selected_text(location_text(form.location))
        .show_ui(ui, |ui| {
            for c in PBO_LOCATIONS {
                ui.selectable_value(&mut form.location, c, location_text(c));
            }
        });
    note_control(ui, "defect-location", r.response.rect);
    let r = ui
        .button(egui::RichText::new(tr(lang, "app-audit-file")).strong())
        .on_hover_text(tr(lang, "app-audit-file-help"));
    note_control(ui, "defect-file", r.rect);
    if r.clicked() {
        acts.push(Action::Job(JobAction::FileDefect {
            fault: form.fault.to_string(),
            location: form.location.to_string(),
            position: form.position.clone(),
        }));
    }
}

/// The plan de boîte with the box as found beside each row; a click on a row picks it.
fn plan_table(
    ui: &mut egui::Ui,
    lang: Lang,
    a: &AuditState,
    code: crate::physics::cable::ColourCode,
    form: &mut AuditForm,
) {
    let plan = &a.plan;
    super::order::plan_heading(ui, lang, plan);
    ui.add_space(4.0);
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .max_width(ui.available_width())
        .show(ui, |ui| {
            egui::Grid::new("audit-positions")
                .num_columns(7)
                .striped(true)
                .spacing(egui::vec2(8.0, 4.0))
                .show(ui, |ui| {
                    for key in [
                        "app-plan-position",
                        "app-plan-tube-fibre",
                        "app-plan-to",
                        "app-audit-col-found",
                        "app-audit-col-coil",
                        "app-audit-col-sleeve",
                        "app-audit-col-state",
                    ] {
                        ui.label(egui::RichText::new(tr(lang, key)).strong());
                    }
                    ui.end_row();
                    for (p, found) in plan.positions.iter().zip(&a.found.rows) {
                        let here = form.position.as_deref() == Some(p.ps_code.as_str());
                        let r = ui.selectable_label(here, &p.ps_code);
                        note_control(ui, &format!("row-{}", p.ps_code), r.rect);
                        if r.clicked() {
                            form.position = if here { None } else { Some(p.ps_code.clone()) };
                        }
                        r.on_hover_text(format!("{} · {}", p.ps_1, p.ps_cs_code));
                        match plan.fibre(&p.ps_1) {
                            Some(f) => super::order::tube_fibre(ui, code, f.fo_numtub, f.fo_nintub),
                            None => {
                                ui.label("");
                            }
                        }
                        ui.label(p.ps_2.as_deref().unwrap_or("—"));
                        ui.label(found.spliced_to.as_deref().unwrap_or("—"));
                        ui.label(
                            found
                                .coil_mm
                                .map(|d| format!("{} mm", lang.num(d, 1)))
                                .unwrap_or_else(|| "—".into()),
                        );
                        ui.label(match (found.sleeve_mm, &found.spliced_to) {
                            (Some(mm), _) => Msg::new("app-audit-sleeve-mm")
                                .num("mm", mm, 0)
                                .render(lang),
                            (None, Some(_)) => tr(lang, "app-audit-sleeve-no"),
                            (None, None) => "—".into(),
                        });
                        // The function the plan gives, and a fibre found cut.
                        let function = format!("{:?}", p.ps_fonct);
                        if found.cut {
                            ui.colored_label(
                                crate::app::theme::BAD,
                                format!("{function} · {}", tr(lang, "app-audit-fibre-cut")),
                            );
                        } else {
                            ui.label(function);
                        }
                        ui.end_row();
                    }
                });
        });
}

/// The debrief's side by side: each fault the crew left (what, where, the defect an
/// auditor files) beside what the trainee filed for it, then what was filed where
/// nothing was left.
pub(crate) fn debrief(ui: &mut egui::Ui, lang: Lang, a: &AuditState) {
    use crate::app::theme;
    let (matched, invented) = crate::grading::job::audit_matches(a);
    ui.label(egui::RichText::new(tr(lang, "app-audit-cmp-title")).strong());
    egui::Grid::new("audit-cmp")
        .num_columns(3)
        .striped(true)
        .spacing(egui::vec2(12.0, 4.0))
        .show(ui, |ui| {
            for key in [
                "app-audit-cmp-left",
                "app-audit-cmp-right",
                "app-audit-cmp-filed",
            ] {
                ui.label(egui::RichText::new(tr(lang, key)).strong());
            }
            ui.end_row();
            for ((fault, at), m) in a.expected().iter().zip(&matched) {
                let want = fault.defect();
                ui.label(format!(
                    "{} ({})",
                    fault.name().render(lang),
                    crate::grading::job::audit_place(at.as_deref()).render(lang)
                ));
                ui.label(format!("{} · {}", want.fault, want.location));
                match m.and_then(|i| a.filed.get(i)) {
                    Some(f) if f.fault == want.fault && f.location == want.location => {
                        ui.colored_label(theme::OK, format!("✔ {} · {}", f.fault, f.location))
                    }
                    Some(f) => {
                        ui.colored_label(theme::WARN, format!("≈ {} · {}", f.fault, f.location))
                    }
                    None => ui
                        .colored_label(theme::BAD, format!("✖ {}", tr(lang, "app-audit-cmp-none"))),
                };
                ui.end_row();
            }
            for f in invented.iter().filter_map(|&i| a.filed.get(i)) {
                ui.label(format!(
                    "{} ({})",
                    tr(lang, "app-audit-cmp-nothing"),
                    crate::grading::job::audit_place(f.position.as_deref()).render(lang)
                ));
                ui.label("—");
                ui.colored_label(
                    theme::BAD,
                    format!(
                        "✖ {} · {} · {}",
                        f.fault,
                        f.location,
                        f.position.as_deref().unwrap_or("—")
                    ),
                );
                ui.end_row();
            }
        });
}
