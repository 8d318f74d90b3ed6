//! The connecting-and-measuring view: Bevy draws the link (or the panel) on the left,
//! and under it the microscope's field, the fibre ends at end B or the close-up of the
//! place looked at with the red light (`link`); on the right, the panel of each station
//! present: the field connector to fit, the light source and power meter as an
//! instrument, the PON meter, the face under the microscope with its gestures, the red
//! light, the report. A click on a connector of the drawing puts it under the
//! microscope, a click on the microscope's field looks at the face, and with the red
//! light on a click on a piece of the link looks there.
//!
//! One file per station (`microscope`, `meter`, `pon`, `red_light`, `fitting`,
//! `report`) holds its panel and its drawing; this file lays out the panels of the
//! stations present, `link` draws the bench and takes its gestures, `canvas` holds what
//! the drawings share.

mod canvas;
mod fitting;
mod link;
mod meter;
mod microscope;
mod pon;
mod red_light;
mod report;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, View, note_control, sender, side_panel, task_bar, what_happened,
};
use crate::exercise::connect::{ConnectState, Face, method_name};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::endface::Cleaning;

/// What is under the microscope and the values set on the instruments.
#[derive(Resource)]
pub(super) struct ConnectForm {
    /// The connector or cord under the microscope, and which face.
    pub(super) chosen: Option<(String, Face)>,
    method: Cleaning,
    budget_db: f64,
    budget_nm: f64,
    piece: u32,
    line_id: String,
    pbo: String,
    level_dbm: f64,
    /// No light at the outlet (the meter showed LO).
    no_light: bool,
    cleave_mm: f64,
}

impl Default for ConnectForm {
    fn default() -> Self {
        ConnectForm {
            chosen: None,
            method: Cleaning::DryClick,
            budget_db: 10.0,
            budget_nm: 1310.0,
            piece: 1,
            line_id: String::new(),
            pbo: String::new(),
            level_dbm: -20.0,
            no_light: false,
            cleave_mm: 10.0,
        }
    }
}

impl ConnectForm {
    /// The face the view works on: the one chosen, else the first the tasks name.
    pub(super) fn face_or_first(&self, st: &ConnectState) -> Option<(String, Face)> {
        if let Some(c) = &self.chosen
            && st.link.face(&c.0, c.1).is_some()
        {
            return Some(c.clone());
        }
        // The face last looked at, as after a resume.
        let mut last: Option<(usize, String, Face)> = None;
        let mut consider = |at: Option<usize>, id: &str, face: Face| {
            if let Some(at) = at
                && last.as_ref().is_none_or(|l| at > l.0)
            {
                last = Some((at, id.to_string(), face));
            }
        };
        for (c, w) in st.link.setup.connectors.iter().zip(&st.link.connectors) {
            consider(w.port.inspected_at, &c.id, Face::Port);
            if let Some(p) = &w.plug {
                consider(p.inspected_at, &c.id, Face::Plug);
            }
        }
        for (c, w) in st.link.setup.cords.iter().zip(&st.link.cords) {
            consider(w.plug.inspected_at, &c.id, Face::Plug);
        }
        if let Some((_, id, face)) = last {
            return Some((id, face));
        }
        let first = st
            .microscope
            .to_inspect(&st.link)
            .first()
            .copied()
            .or_else(|| st.link.link_connectors().first().copied())?;
        Some((st.link.setup.connectors[first].id.clone(), Face::Port))
    }
}

pub fn plugin(app: &mut App) {
    super::reset_on_entry::<ConnectForm>(app);
    app.add_systems(
        EguiPrimaryContextPass,
        ui.run_if(in_state(ModuleView::Connect)),
    )
    .add_plugins(link::plugin);
}

fn ui(mut view: View, mut form: ResMut<ConnectForm>) -> Result {
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
    let Some(st) = live.session.exercise.state.connect() else {
        return Ok(());
    };
    task_bar(&mut root, lang, live, None, cmds);
    let mut act = sender(cmds);
    side_panel(&mut root, "connect", PANEL_WIDTH, live, |ui| {
        // The instrument first where there is one to work (the microscope's look is also
        // a click on its field in the drawing); the microscope after it.
        // A connector still to fit comes first: nothing is measured through it before.
        let fitting = st.fitting.works.iter().any(|w| w.joint.is_none());
        if fitting {
            fitting::field_panel(ui, lang, st, &mut form, &mut act);
            ui.separator();
        }
        let meter = st.meter.measure().is_some() || st.meter.budget_at(&st.link, 1310.0).is_some();
        if meter {
            meter::meter_panel(ui, lang, st, &mut form, &mut act);
        }
        if st.pon.is_some() {
            if meter {
                ui.separator();
            }
            pon::pon_panel(ui, lang, st, &mut act);
        }
        if microscope::needs_microscope(st) {
            if meter || st.pon.is_some() {
                ui.separator();
            }
            microscope::face_panel(ui, lang, st, &mut form, &mut act);
        }
        if st.red_light.tasks.locate || st.red_light.identify().is_some() {
            if microscope::needs_microscope(st) {
                ui.separator();
            }
            red_light::vfl_panel(ui, lang, st, &mut form, &mut act);
        }
        if !st.fitting.tasks.is_empty() && !fitting {
            fitting::field_panel(ui, lang, st, &mut form, &mut act);
            ui.separator();
        }
        if st.report.task.is_some() {
            ui.separator();
            report::report_panel(ui, lang, &mut form, &mut act);
        }
        let more = live
            .session
            .exercise
            .state
            .job()
            .is_some_and(|j| j.setup.otdr.is_some());
        if more {
            super::job::next_stage_button(ui, lang, &live.session.exercise.state, &mut act);
        }
        ui.separator();
        ui.label(egui::RichText::new(tr(lang, "app-what-happened")).strong());
        what_happened(ui, lang, live, notice, 10);
    });
    Ok(())
}

pub(super) fn heading(ui: &mut egui::Ui, text: String) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(text).strong().size(17.0));
}

/// A button noted for the screenshot tests.
pub(super) fn button(ui: &mut egui::Ui, name: &str, text: String) -> bool {
    let r = ui.button(text);
    note_control(ui, name, r.rect);
    r.clicked()
}

/// A button at least `width` wide, so that the row keeps its places whatever it shows;
/// noted for the screenshot tests.
pub(super) fn sized_button(ui: &mut egui::Ui, name: &str, text: String, width: f32) -> bool {
    let r = ui.add(egui::Button::new(text).min_size(egui::vec2(width, 0.0)));
    note_control(ui, name, r.rect);
    r.clicked()
}

/// The debrief's side by side: each loss read beside the link's true loss by the task's
/// method, each face as it was left, the fault where it was.
pub(crate) fn debrief(ui: &mut egui::Ui, lang: Lang, st: &ConnectState) {
    let t = |k: &str| tr(lang, k);
    if !st.meter.results.is_empty() {
        ui.label(egui::RichText::new(t("app-connect-cmp-losses")).strong());
        egui::Grid::new("cmp-losses").striped(true).show(ui, |ui| {
            ui.label(t("app-connect-col-nm"));
            ui.label(t("app-connect-col-loss"));
            ui.label(t("app-connect-col-true"));
            ui.label(t("app-connect-col-ref"));
            ui.end_row();
            let shown =
                |v: Option<f64>| v.map_or("LO".to_string(), |v| format!("{} dB", lang.num(v, 2)));
            for r in &st.meter.results {
                ui.label(format!("{} / {}", r.source_nm, r.meter_nm));
                ui.label(shown(r.loss_db));
                ui.label(shown(r.true_loss_db));
                ui.label(method_name(st.meter.references[r.reference].method).render(lang));
                ui.end_row();
            }
        });
    }
    let faces: Vec<usize> = {
        let i = st.microscope.to_inspect(&st.link);
        if i.is_empty() {
            st.link.link_connectors()
        } else {
            i
        }
    };
    if !faces.is_empty() {
        ui.label(egui::RichText::new(t("app-connect-cmp-faces")).strong());
        egui::Grid::new("cmp-faces").striped(true).show(ui, |ui| {
            for i in faces {
                let spec = &st.link.setup.connectors[i];
                let c = &st.link.connectors[i];
                let polish = spec.kind.polish();
                let state = |m: &[crate::physics::endface::Mark]| {
                    t(if crate::exercise::connect::passes(m, polish) {
                        "app-connect-probe-pass"
                    } else {
                        "app-connect-probe-fail"
                    })
                };
                ui.label(format!("{} ({})", spec.id, spec.kind.name()));
                ui.label(format!(
                    "{} : {}",
                    crate::exercise::connect::face_name(Face::Port).render(lang),
                    state(&c.port.marks)
                ));
                if let Some(p) = &c.plug {
                    ui.label(format!(
                        "{} : {}",
                        crate::exercise::connect::face_name(Face::Plug).render(lang),
                        state(&p.marks)
                    ));
                }
                ui.end_row();
            }
        });
    }
    if st.red_light.tasks.locate {
        let truth = match st.link.true_fault() {
            Some(k) => st.link.piece_place(k).get(lang).to_string(),
            None => t("app-connect-no-fault"),
        };
        ui.label(
            Msg::new("app-connect-cmp-fault")
                .text("place", truth)
                .render(lang),
        );
    }
}
