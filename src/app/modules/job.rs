//! What a job adds to the module views it chains: the button to the next stage (on the
//! splicing view), the fibre picker (on the OTDR view), and the view of a test stage with
//! no fibre to test.

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::widgets::{Frame, View, task_bar, what_happened};
use crate::exercise::job::JobState;
use crate::exercise::{Action, JobAction, ModuleState};
use crate::i18n::{Lang, Msg, tr};

pub fn plugin(app: &mut App) {
    app.add_systems(
        EguiPrimaryContextPass,
        no_fibre.run_if(in_state(ModuleView::JobNoFibre)),
    );
}

/// The fibre the OTDR is connected to at a job's test stage (the only one otherwise).
pub(super) fn connected_fibre(state: &ModuleState) -> usize {
    state
        .job()
        .and_then(JobState::test_stage)
        .map(|t| t.current)
        .unwrap_or(0)
}

/// Closes the stage worked on and opens the next (named: the outlet's work after the
/// splicing of a subscriber job, else the measurement).
pub(super) fn next_stage_button(
    ui: &mut egui::Ui,
    lang: Lang,
    state: &ModuleState,
    act: &mut impl FnMut(Action),
) {
    ui.add_space(4.0);
    let to_outlet = state.job().is_some_and(|j| {
        j.stage() == crate::scenario::job::JobStage::Splice && j.setup.connect.is_some()
    });
    let key = if to_outlet {
        "app-job-next-connect"
    } else {
        "app-job-next-stage"
    };
    let r = ui.button(egui::RichText::new(tr(lang, key)).strong());
    crate::app::widgets::note_control(ui, "next-stage", r.rect);
    if r.clicked() {
        act(Action::Job(JobAction::NextStage));
    }
}

/// A job's test stage: the fibres of the job, the one connected, what each has had.
pub(super) fn fibre_picker(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    job: &JobState,
    act: &mut impl FnMut(Action),
) {
    let code = job.setup.splice.prep.colour_code;
    let Some(test) = job.test_stage() else {
        return;
    };
    ui.label(egui::RichText::new(tr(lang, "app-job-fibres")).strong());
    ui.horizontal_wrapped(|ui| {
        for (i, f) in test.fibres.iter().enumerate() {
            let id = f.pair[0];
            let Some(colour) = code.colour(id.fibre) else {
                continue;
            };
            let size = egui::vec2(26.0, 26.0);
            let (rect, resp) = ui.allocate_exact_size(size, egui::Sense::click());
            ui.painter()
                .rect_filled(rect, 13.0, crate::app::theme::colour32(colour));
            let stroke = if i == test.current {
                egui::Stroke::new(3.0, egui::Color32::BLACK)
            } else {
                egui::Stroke::new(1.0, egui::Color32::GRAY)
            };
            ui.painter()
                .rect_stroke(rect, 13.0, stroke, egui::StrokeKind::Outside);
            // A tick once the fibre has its report.
            if f.otdr.link_report.is_some() {
                ui.painter().text(
                    rect.center(),
                    egui::Align2::CENTER_CENTER,
                    "✔",
                    egui::FontId::proportional(15.0),
                    egui::Color32::BLACK,
                );
            }
            let resp = if practice {
                resp.on_hover_text(id.describe(code).render(lang))
            } else {
                resp
            };
            if resp.clicked() && i != test.current {
                act(Action::Job(JobAction::TestFibre {
                    tube: id.tube.and_then(|t| code.colour(t)),
                    fibre: colour,
                }));
            }
        }
    });
    if let Some(f) = test.fibres.get(test.current) {
        ui.label(
            Msg::new("out-job-connected")
                .msg("fibre", f.pair[0].describe(code))
                .render(lang),
        );
    }
    let done = test
        .fibres
        .iter()
        .filter(|f| f.otdr.link_report.is_some())
        .count();
    ui.label(
        Msg::new("app-job-reported")
            .int("n", done as u32)
            .int("total", test.fibres.len() as u32)
            .render(lang),
    );
}

/// The test stage of a job with nothing to test: say so.
fn no_fibre(mut view: View) -> Result {
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
    task_bar(&mut root, lang, live, None, cmds);
    root.label(tr(lang, "refuse-job-no-fibre"));
    what_happened(&mut root, lang, live, notice, 8);
    Ok(())
}
