//! The routing view: the site drawn by Bevy on the left (`site`: the plan, and under it
//! the elevation of the span chosen or the duct profile with the dynamometer), and on
//! the right what is chosen on the drawing, with the gestures it allows. A click on a
//! pole inspects it, a click on a span or a chamber chooses it, a drag on the span's
//! sag sets the dynamometer's tension.
//!
//! One file per station (`aerial`, `pull`, `blow`, `trench`, `chamber`) holds its panel
//! and its drawing; this file lays out the panel of the stations present, `site` the
//! plan, the gestures and the choice of drawing.

mod aerial;
mod blow;
mod canvas;
mod chamber;
mod pull;
mod site;
mod trench;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, View, note_control, sender, side_panel, task_bar, what_happened,
};
use crate::exercise::routing::{RoutingState, decision_name, hardware_name};
use crate::exercise::{Action, ModuleState};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::trench::MeshColour;
use crate::scenario::Mode;

/// What the drawing has chosen, and the values set on the instruments.
#[derive(Resource)]
pub(super) struct RoutingForm {
    pub(super) chosen: Chosen,
    number: String,
    /// The dynamometer's tension for the chosen span, N.
    pub(super) tension_n: f64,
    lobe_m: f64,
    guide_m: f64,
    reading_pct: f64,
    guy_m: f64,
    pressure_bar: f64,
    /// The trench zone worked on (0 = first), and what is set for it.
    pub(super) zone: usize,
    pub(super) bottom_m: f64,
    pub(super) mesh_m: f64,
    mesh: MeshColour,
    zone_loaded: Option<usize>,
    spacing_m: f64,
    pbo_m: f64,
    guard_m: f64,
    anchored: bool,
    swivel_n: f64,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub(super) enum Chosen {
    #[default]
    Nothing,
    Pole(usize),
    Span(usize),
    Chamber(String),
}

impl Chosen {
    /// What the view works on: the choice made on the drawing, else the first thing the
    /// tasks name (the first pole to check, the first span to tension).
    pub(super) fn or_first(&self, st: &RoutingState) -> Chosen {
        if *self != Chosen::Nothing {
            return self.clone();
        }
        if let Some(i) = st.aerial.poles_to_check(&st.site).first() {
            return Chosen::Pole(*i);
        }
        if let Some(i) = st.aerial.study_poles(&st.site).first().copied() {
            return Chosen::Pole(i);
        }
        if let Some((k, _)) = st.aerial.spans_to_tension().first() {
            return Chosen::Span(*k);
        }
        if st.aerial.hardware_task().is_some() && !st.site.poles().is_empty() {
            return Chosen::Pole(0);
        }
        Chosen::Nothing
    }
}

impl Default for RoutingForm {
    fn default() -> Self {
        RoutingForm {
            chosen: Chosen::Nothing,
            number: String::new(),
            // Round values: reading the dynamometer is the job.
            tension_n: 500.0,
            lobe_m: 0.5,
            guide_m: 0.3,
            reading_pct: 50.0,
            guy_m: 4.0,
            pressure_bar: 8.0,
            zone: 0,
            bottom_m: 0.6,
            mesh_m: 0.3,
            mesh: MeshColour::Red,
            zone_loaded: None,
            spacing_m: 0.1,
            pbo_m: 3.0,
            guard_m: 3.0,
            anchored: false,
            swivel_n: 1000.0,
        }
    }
}

pub fn plugin(app: &mut App) {
    super::reset_on_entry::<RoutingForm>(app);
    app.add_systems(
        EguiPrimaryContextPass,
        ui.run_if(in_state(ModuleView::Routing)),
    )
    .add_plugins(site::plugin);
}

fn ui(mut view: View, mut form: ResMut<RoutingForm>) -> Result {
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
    let ex = &live.session.exercise;
    let Some(st) = ex.state.routing() else {
        return Ok(());
    };
    let practice = ex.scenario.mode == Mode::Practice;
    let job = matches!(ex.state, ModuleState::Job(_));
    task_bar(&mut root, lang, live, None, cmds);
    let mut act = sender(cmds);
    side_panel(&mut root, "routing", PANEL_WIDTH, live, |ui| {
        chosen_panel(ui, lang, practice, st, &mut form, &mut act);
        if job {
            ui.add_space(4.0);
            let next = egui::RichText::new(tr(lang, "app-job-next-splice")).strong();
            let r = ui.button(next);
            note_control(ui, "next-stage", r.rect);
            if r.clicked() {
                act(Action::Job(crate::exercise::JobAction::NextStage));
            }
        }
        ui.separator();
        ui.label(egui::RichText::new(tr(lang, "app-what-happened")).strong());
        what_happened(ui, lang, live, notice, 12);
    });
    Ok(())
}

pub(super) fn heading(ui: &mut egui::Ui, text: String) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(text).strong().size(17.0));
}

/// The gestures on what the drawing has chosen, then those of the pull and the
/// chamber, which belong to the whole route.
fn chosen_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    st: &RoutingState,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    // Nothing chosen yet: the first thing the tasks name, as if clicked.
    let chosen = form.chosen.or_first(st);
    if form.chosen != chosen {
        if let Chosen::Span(k) = chosen
            && let Some(tn) = st.aerial.span_tensions_n.get(k).copied().flatten()
        {
            form.tension_n = tn;
        }
        form.chosen = chosen.clone();
    }
    match chosen {
        Chosen::Nothing => {
            if !st.site.setup.site.poles.is_empty() || st.site.setup.site.chambers.len() > 1 {
                ui.label(t("app-route-choose"));
            }
        }
        Chosen::Pole(i) => aerial::pole_panel(ui, lang, st, i, form, act),
        Chosen::Span(k) => aerial::span_panel(ui, lang, practice, st, k, form, act),
        Chosen::Chamber(_) => {}
    }
    if st.pull.task.is_some() {
        ui.separator();
        pull::pull_panel(ui, lang, st, form, act);
    }
    if let Some(b) = &st.blow {
        ui.separator();
        blow::blow_panel(ui, lang, b, form, act);
    }
    if let Some(work) = &st.trench {
        ui.separator();
        trench::trench_panel(ui, lang, work, form, act);
    }
    if let Some(c) = &st.chamber {
        ui.separator();
        heading(
            ui,
            Msg::new("app-route-chamber")
                .text("chamber", c.task.chamber.clone())
                .render(lang),
        );
        chamber::procedure_panel(ui, lang, c, act);
    }
}

/// The debrief's side by side: each pole's decision and hardware beside the right one,
/// each span's sag beside its target, the pull made.
pub(crate) fn debrief(ui: &mut egui::Ui, lang: Lang, st: &RoutingState) {
    let t = |k: &str| tr(lang, k);
    ui.label(egui::RichText::new(t("app-route-cmp")).strong());
    let right_hw = st.aerial.right_hardware(&st.site);
    egui::Grid::new("route_cmp").striped(true).show(ui, |ui| {
        for (i, p) in st.site.setup.site.poles.iter().enumerate() {
            let w = &st.aerial.poles[i];
            let checking = st.aerial.poles_to_check(&st.site).contains(&i);
            let hw = st.aerial.hardware_task().is_some();
            if !checking && !hw {
                continue;
            }
            ui.label(p.id.as_str());
            if checking {
                let (right, why) = st.aerial.right_decision(&st.site, i);
                let got = w.decision.map(|d| decision_name(d).render(lang));
                ui.label(got.unwrap_or_else(|| "—".into()));
                ui.label(format!(
                    "{} — {}",
                    decision_name(right).render(lang),
                    why.render(lang)
                ));
            }
            if hw {
                let got = w.hardware.map(|h| hardware_name(h).render(lang));
                ui.label(got.unwrap_or_else(|| "—".into()));
                if let Some((h, _)) = right_hw.get(i) {
                    ui.label(hardware_name(*h).render(lang));
                }
            }
            ui.end_row();
        }
        for (k, pct) in st.aerial.spans_to_tension() {
            ui.label(
                Msg::new("fb-route-span-name")
                    .int("span", (k + 1) as u32)
                    .render(lang),
            );
            let target = st.site.drawn.span_lengths_m[k] * pct / 100.0;
            match st.aerial.span_tensions_n[k] {
                Some(tn) => ui.label(
                    Msg::new("app-route-cmp-sag")
                        .num("sag", st.site.sag_m(k, tn), 2)
                        .num("t", tn / 10.0, 1)
                        .render(lang),
                ),
                None => ui.label("—"),
            };
            ui.label(
                Msg::new("app-route-cmp-target")
                    .num("sag", target, 2)
                    .render(lang),
            );
            ui.end_row();
        }
    });
    if let Some(p) = st.pull.last_pull() {
        ui.label(
            Msg::new("app-route-cmp-pull")
                .num("t", p.max_tension_n / 10.0, 0)
                .num("max", st.site.cable.max_tension_n / 10.0, 0)
                .render(lang),
        );
    }
    chamber::chamber_debrief(ui, lang, st);
}
