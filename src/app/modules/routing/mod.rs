//! The routing view: the site drawn by Bevy on the left (`site`: the plan, and under it
//! the elevation of the span chosen or the duct profile with the dynamometer), and on
//! the right what is chosen on the drawing, with the gestures it allows. A click on a
//! pole inspects it, a click on a span or a chamber chooses it, a drag on the span's
//! sag sets the dynamometer's tension.

mod site;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, View, limited, note_control, sender, side_panel, task_bar, what_happened,
};
use crate::exercise::routing::{AerialAction, BlowAction, ChamberAction, PullAction, TrenchAction};
use crate::exercise::routing::{
    Blow, Chamber, PoleDecision, Remedy, RoutingState, SiteStep, Trench, decision_name,
    hardware_name, remedy_name, step_name,
};
use crate::exercise::routing::{LayMethod, mesh_name, zone_name};
use crate::exercise::{Action, ModuleState};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::hardware::Hardware;
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

fn heading(ui: &mut egui::Ui, text: String) {
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
        Chosen::Pole(i) => pole_panel(ui, lang, st, i, form, act),
        Chosen::Span(k) => span_panel(ui, lang, practice, st, k, form, act),
        Chosen::Chamber(_) => {}
    }
    if st.pull.task.is_some() {
        ui.separator();
        pull_panel(ui, lang, st, form, act);
    }
    if let Some(b) = &st.blow {
        ui.separator();
        blow_panel(ui, lang, b, form, act);
    }
    if let Some(work) = &st.trench {
        ui.separator();
        trench_panel(ui, lang, work, form, act);
    }
    if let Some(c) = &st.chamber {
        ui.separator();
        heading(
            ui,
            Msg::new("app-route-chamber")
                .text("chamber", c.task.chamber.clone())
                .render(lang),
        );
        procedure_panel(ui, lang, c, act);
    }
}

fn pole_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &RoutingState,
    i: usize,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let p = &st.site.setup.site.poles[i];
    let w = &st.aerial.poles[i];
    let id = p.id.clone();
    heading(
        ui,
        Msg::new("app-route-pole")
            .text("pole", id.clone())
            .render(lang),
    );
    ui.label(
        Msg::new("app-route-pole-facts")
            .num("h", p.height_m, 1)
            .num("f", p.nominal_n / 10.0, 0)
            .num("dev", p.deviation_deg, 0)
            .render(lang),
    );
    if ui.button(t("act-inspect-pole")).clicked() {
        act(AerialAction::InspectPole { pole: id.clone() }.into());
    }
    let checking = st.aerial.poles_to_check(&st.site).contains(&i);
    if checking {
        ui.horizontal(|ui| {
            ui.label(t("app-route-card-number"));
            ui.add(egui::TextEdit::singleline(&mut form.number).desired_width(140.0));
        });
        if ui.button(t("act-record-pole")).clicked() {
            act(AerialAction::RecordPole {
                pole: id.clone(),
                number: form.number.clone(),
            }
            .into());
        }
        if let Some(n) = &w.number {
            ui.label(
                Msg::new("app-route-card")
                    .text("number", n.clone())
                    .render(lang),
            );
        }
        ui.horizontal_wrapped(|ui| {
            for d in [
                PoleDecision::Nacelle,
                PoleDecision::Ladder,
                PoleDecision::Refuse,
            ] {
                let r = ui.selectable_label(w.decision == Some(d), decision_name(d).render(lang));
                if r.clicked() {
                    act(AerialAction::DecidePole {
                        pole: id.clone(),
                        decision: d,
                    }
                    .into());
                }
            }
        });
    }
    if st.aerial.study_poles(&st.site).contains(&i) {
        ui.separator();
        ui.label(egui::RichText::new(t("app-route-study")).strong());
        ui.horizontal(|ui| {
            ui.label(t("app-route-utilisation"));
            ui.add(limited(&mut form.reading_pct, lang, &limits::UTILISATION_PCT).speed(0.5));
        });
        if ui.button(t("act-read-load")).clicked() {
            act(AerialAction::ReadLoad {
                pole: id.clone(),
                utilisation_pct: form.reading_pct,
            }
            .into());
        }
        if let Some(r) = w.reading_pct {
            ui.label(Msg::new("app-route-read").num("pct", r, 0).render(lang));
        }
        ui.horizontal(|ui| {
            ui.label(t("app-route-guy-distance"));
            ui.add(limited(&mut form.guy_m, lang, &limits::SITE_DISTANCE_M).speed(0.1));
        });
        ui.horizontal_wrapped(|ui| {
            for r in [
                Remedy::Accept,
                Remedy::Guy {
                    anchor_m: form.guy_m,
                },
                Remedy::Strengthen,
                Remedy::Refuse,
            ] {
                let on = w
                    .remedy
                    .is_some_and(|x| std::mem::discriminant(&x) == std::mem::discriminant(&r));
                if ui
                    .selectable_label(on, remedy_name(r).render(lang))
                    .clicked()
                {
                    act(AerialAction::SetRemedy {
                        pole: id.clone(),
                        remedy: r,
                    }
                    .into());
                }
            }
        });
    }
    if st.aerial.hardware_task().is_some() {
        ui.horizontal(|ui| {
            for h in [Hardware::Anchor, Hardware::Suspension] {
                let r = ui.selectable_label(w.hardware == Some(h), hardware_name(h).render(lang));
                if r.clicked() {
                    act(AerialAction::SetHardware {
                        pole: id.clone(),
                        hardware: h,
                    }
                    .into());
                }
            }
        });
    }
}

fn span_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    practice: bool,
    st: &RoutingState,
    k: usize,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let s = &st.site.setup.site.spans[k];
    heading(
        ui,
        Msg::new("app-route-span")
            .int("span", (k + 1) as u32)
            .text("from", s.from.clone())
            .text("to", s.to.clone())
            .num("len", st.site.drawn.span_lengths_m[k], 1)
            .render(lang),
    );
    if s.road {
        ui.label(tr(lang, "app-route-over-road"));
    }
    // The dynamometer: set in daN, as on the instrument.
    let mut dan = form.tension_n / 10.0;
    ui.horizontal(|ui| {
        ui.label(tr(lang, "app-route-dynamometer"));
        let tension = limits::Limit::new(
            limits::CABLE_TENSION_N.min / 10.0,
            limits::CABLE_TENSION_N.max / 10.0,
            limits::Unit::None,
        );
        ui.add(limited(&mut dan, lang, &tension).suffix(" daN").speed(0.5));
    });
    form.tension_n = dan * 10.0;
    // What the span does at that tension, read as a technician sights it.
    let sag = st.site.sag_m(k, form.tension_n);
    let (x, low) = st.site.lowest_point(k, form.tension_n);
    ui.label(
        Msg::new("app-route-sag-now")
            .num("sag", sag, 2)
            .num("low", low, 2)
            .num("x", x, 1)
            .render(lang),
    );
    if practice {
        let wave = (32.0 * sag / crate::scenario::routing::G).sqrt();
        ui.label(Msg::new("app-route-wave").num("t", wave, 2).render(lang));
    }
    let r = ui.button(tr(lang, "act-tension-span"));
    note_control(ui, "tension", r.rect);
    if r.clicked() {
        act(AerialAction::TensionSpan {
            span: (k + 1) as u32,
            tension_n: form.tension_n,
        }
        .into());
    }
}

fn pull_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &RoutingState,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-route-pull"));
    let ends = [
        st.site.route_chambers.first(),
        st.site.route_chambers.last(),
    ];
    ui.horizontal_wrapped(|ui| {
        ui.label(t("act-place-winch"));
        for c in ends.into_iter().flatten() {
            let on = st.pull.winch.as_ref() == Some(c);
            if ui.selectable_label(on, c.as_str()).clicked() {
                act(PullAction::PlaceWinch { chamber: c.clone() }.into());
            }
        }
    });
    let mut lub = st.pull.lubricated;
    if ui.checkbox(&mut lub, t("act-lubricate")).changed() {
        act(PullAction::Lubricate { on: lub }.into());
    }
    if let Chosen::Chamber(c) = &form.chosen
        && st.site.route_chambers.contains(c)
    {
        ui.horizontal(|ui| {
            ui.label(
                Msg::new("app-route-guide")
                    .text("chamber", c.clone())
                    .render(lang),
            );
            ui.add(limited(&mut form.guide_m, lang, &limits::SITE_DISTANCE_M).speed(0.01));
        });
        if ui.button(t("act-fit-guide")).clicked() {
            act(PullAction::FitGuide {
                chamber: c.clone(),
                radius_m: form.guide_m,
            }
            .into());
        }
    }
    if let Chosen::Chamber(c) = &form.chosen {
        let inner = st.site.route_chambers.len() > 2
            && st.site.route_chambers[1..st.site.route_chambers.len() - 1].contains(c);
        if inner {
            ui.horizontal(|ui| {
                ui.label(
                    Msg::new("app-route-lobe")
                        .text("chamber", c.clone())
                        .render(lang),
                );
                ui.add(limited(&mut form.lobe_m, lang, &limits::SITE_DISTANCE_M).speed(0.01));
            });
            ui.horizontal(|ui| {
                if ui.button(t("act-split-at")).clicked() {
                    act(PullAction::SplitAt {
                        chamber: c.clone(),
                        lobe_radius_m: form.lobe_m,
                    }
                    .into());
                }
                if ui.button(t("app-route-no-split")).clicked() {
                    act(PullAction::SplitAt {
                        chamber: c.clone(),
                        lobe_radius_m: 0.0,
                    }
                    .into());
                }
            });
        }
    }
    for (c, r) in &st.pull.guides {
        ui.label(
            Msg::new("app-route-guide-at")
                .text("chamber", c.clone())
                .num("r", *r, 2)
                .render(lang),
        );
    }
    for s in &st.pull.splits {
        ui.label(
            Msg::new("app-route-split-at")
                .text("chamber", s.chamber.clone())
                .num("r", s.lobe_radius_m, 2)
                .render(lang),
        );
    }
    let mut dan = form.swivel_n / 10.0;
    ui.horizontal(|ui| {
        ui.label(t("act-fit-swivel"));
        let lim = limits::Limit::new(
            limits::SWIVEL_N.min / 10.0,
            limits::SWIVEL_N.max / 10.0,
            limits::Unit::None,
        );
        ui.add(limited(&mut dan, lang, &lim).suffix(" daN").speed(1.0));
    });
    form.swivel_n = dan * 10.0;
    if ui.button(t("app-route-fit")).clicked() {
        act(PullAction::FitSwivel {
            rating_n: form.swivel_n,
        }
        .into());
    }
    let r = ui.button(egui::RichText::new(t("act-start-pull")).strong());
    note_control(ui, "start-pull", r.rect);
    if r.clicked() {
        act(PullAction::StartPull.into());
    }
}

fn blow_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    b: &Blow,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let (id, length, max_bar) = (b.task.duct_id_mm, b.task.length_m, b.task.max_pressure_bar);
    heading(
        ui,
        Msg::new("app-route-microduct")
            .num("id", id, 0)
            .num("len", length, 0)
            .render(lang),
    );
    ui.horizontal_wrapped(|ui| {
        ui.label(t("act-choose-cable"));
        for &d in &b.task.cables_mm {
            let on = b.cable_mm == Some(d);
            if ui.selectable_label(on, format!("{d:.1} mm")).clicked() {
                act(BlowAction::ChooseCable { diameter_mm: d }.into());
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        for (m, key) in [
            (LayMethod::Pull, "app-route-pull-method"),
            (LayMethod::Blow, "app-route-blow-method"),
        ] {
            if ui.selectable_label(b.method == Some(m), t(key)).clicked() {
                act(BlowAction::ChooseMethod { method: m }.into());
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-route-pressure"));
        let lim = limits::Limit::new(
            0.0,
            max_bar.max(crate::physics::blowing::DUCT_TEST_BAR),
            limits::Unit::Bar,
        );
        ui.add(limited(&mut form.pressure_bar, lang, &lim).speed(0.1));
    });
    ui.horizontal_wrapped(|ui| {
        if ui.button(t("act-pressure-test")).clicked() {
            act(BlowAction::PressureTest {
                bar: form.pressure_bar,
            }
            .into());
        }
        let r = ui.button(egui::RichText::new(t("act-start-blowing")).strong());
        note_control(ui, "start-blowing", r.rect);
        if r.clicked() {
            act(BlowAction::StartBlowing {
                pressure_bar: form.pressure_bar,
            }
            .into());
        }
    });
    if let Some(bar) = b.tested_bar {
        ui.label(Msg::new("out-route-tested").num("bar", bar, 1).render(lang));
    }
}

fn trench_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    work: &Trench,
    form: &mut RoutingForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let zones = &work.task.zones;
    heading(ui, t("app-route-trench"));
    // The zone's values as dug, once, when the zone is first shown.
    if form.zone_loaded != Some(form.zone) {
        if let Some(d) = work.dug.get(form.zone).copied().flatten() {
            form.bottom_m = d.bottom_m;
            form.mesh_m = d.mesh_depth_m;
            form.mesh = d.mesh;
        }
        form.zone_loaded = Some(form.zone);
    }
    ui.horizontal_wrapped(|ui| {
        for (k, z) in zones.iter().enumerate() {
            let text = format!("{} · {}", k + 1, zone_name(*z).render(lang));
            if ui.selectable_label(form.zone == k, text).clicked() {
                form.zone = k;
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-route-bottom"));
        ui.add(limited(&mut form.bottom_m, lang, &limits::TRENCH_DEPTH_M).speed(0.005));
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-route-mesh"));
        ui.add(limited(&mut form.mesh_m, lang, &limits::TRENCH_DEPTH_M).speed(0.005));
    });
    ui.horizontal_wrapped(|ui| {
        for m in [
            MeshColour::Green,
            MeshColour::Red,
            MeshColour::Yellow,
            MeshColour::Blue,
            MeshColour::Brown,
        ] {
            if ui
                .selectable_label(form.mesh == m, mesh_name(m).render(lang))
                .clicked()
            {
                form.mesh = m;
            }
        }
    });
    let r = ui.button(egui::RichText::new(t("act-dig-zone")).strong());
    note_control(ui, "dig", r.rect);
    if r.clicked() {
        act(TrenchAction::DigZone {
            zone: (form.zone + 1) as u32,
            bottom_m: form.bottom_m,
            mesh_depth_m: form.mesh_m,
            mesh: form.mesh,
        }
        .into());
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t("act-lv-spacing"));
        ui.add(limited(&mut form.spacing_m, lang, &limits::TRENCH_DEPTH_M).speed(0.005));
        if ui.button(t("app-route-fit")).clicked() {
            act(TrenchAction::SetLvSpacing {
                spacing_m: form.spacing_m,
            }
            .into());
        }
    });
    if work.task.transition {
        ui.add_space(4.0);
        ui.label(egui::RichText::new(t("app-route-transition")).strong());
        let lim = limits::SITE_DISTANCE_M;
        ui.horizontal_wrapped(|ui| {
            ui.label(t("app-route-pbo"));
            ui.add(limited(&mut form.pbo_m, lang, &lim).speed(0.01));
            ui.label(t("app-route-guard"));
            ui.add(limited(&mut form.guard_m, lang, &lim).speed(0.05));
        });
        ui.checkbox(&mut form.anchored, t("app-route-anchored"));
        if ui.button(t("act-build-transition")).clicked() {
            act(TrenchAction::BuildTransition {
                pbo_height_m: form.pbo_m,
                guard_m: form.guard_m,
                anchored: form.anchored,
            }
            .into());
        }
    }
}

/// The steps, in a fixed order that is not the safe one: choosing the order is the job.
fn procedure_panel(ui: &mut egui::Ui, lang: Lang, c: &Chamber, act: &mut impl FnMut(Action)) {
    use SiteStep as S;
    let all = [
        S::FreeCover,
        S::GuardRail,
        S::ApproachSign,
        S::LiftCoverByHand,
        S::GasCheck,
        S::Ppe,
        S::Enter,
        S::LiftCoverMagnetic,
        S::Cones,
        S::RemoveSigns,
        S::StoreCover,
        S::GasDetector,
        S::CloseCover,
    ];
    ui.horizontal_wrapped(|ui| {
        for s in all {
            let done = c.steps.contains(&s);
            let text = step_name(s).render(lang);
            let r = ui.add(egui::Button::new(text).selected(done));
            if r.clicked() {
                act(ChamberAction::Step { step: s }.into());
            }
        }
    });
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
    chamber_debrief(ui, lang, st);
}

/// The chamber's steps: hers beside the safe order, line by line, each of hers marked by
/// the rules (from the core, as the grade reads them), each safe step she never took
/// marked so.
fn chamber_debrief(ui: &mut egui::Ui, lang: Lang, st: &RoutingState) {
    use crate::app::theme;
    let lines = st
        .chamber
        .as_ref()
        .map(crate::grading::routing::chamber_lines)
        .unwrap_or_default();
    if lines.is_empty() {
        return;
    }
    let t = |k: &str| tr(lang, k);
    ui.add_space(6.0);
    ui.label(egui::RichText::new(t("app-route-cmp-steps")).strong());
    // Two columns of step names that wrap within half the width each.
    let col = ((ui.available_width() - 60.0) / 2.0).max(120.0);
    egui::Grid::new("route_cmp_steps")
        .striped(true)
        .num_columns(3)
        .min_col_width(24.0)
        .show(ui, |ui| {
            ui.label("");
            ui.label(egui::RichText::new(t("app-route-cmp-yours")).strong());
            ui.label(egui::RichText::new(t("app-route-cmp-safe")).strong());
            ui.end_row();
            for l in lines {
                ui.label(format!("{}.", l.number));
                ui.vertical(|ui| {
                    ui.set_max_width(col);
                    match l.done {
                        Some((s, mark)) => {
                            ui.add(egui::Label::new(step_name(s).render(lang)).wrap());
                            let colour = if mark.is_fault() {
                                theme::BAD
                            } else {
                                theme::OK
                            };
                            let sign = if mark.is_fault() { "✖" } else { "✔" };
                            ui.colored_label(colour, format!("{sign} {}", t(mark.key())));
                        }
                        None => {
                            ui.label("—");
                        }
                    }
                });
                ui.vertical(|ui| {
                    ui.set_max_width(col);
                    if let Some((s, taken)) = l.safe {
                        ui.add(egui::Label::new(step_name(s).render(lang)).wrap());
                        if !taken {
                            ui.colored_label(theme::BAD, format!("✖ {}", t("cmp-step-never")));
                        }
                    }
                });
                ui.end_row();
            }
        });
}
