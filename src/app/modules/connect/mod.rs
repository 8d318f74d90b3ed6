//! The connecting-and-measuring view: Bevy draws the link (or the panel) and the
//! microscope on the left (`scope`); on the right, the face under the microscope with
//! its gestures, the light source and power meter as an instrument, the PON meter and
//! the red light. A click on a connector of the drawing puts it under the microscope, a
//! click on the microscope's field looks at the face, and with the red light on a click
//! on a piece of the link looks there.

mod scope;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};

use super::ModuleView;
use crate::app::widgets::{
    Frame, PANEL_WIDTH, View, limited, note_control, sender, side_panel, task_bar, what_happened,
};
use crate::exercise::Action;
use crate::exercise::connect::{
    ConnectState, CordRole, Face, cleaning_name, method_name, role_name,
};
use crate::exercise::connect::{
    FittingAction, MeterAction, MicroscopeAction, PonAction, RedLightAction, ReportAction,
};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::endface::Cleaning;
use crate::physics::olts::RefMethod;

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
    .add_plugins(scope::plugin);
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
            field_panel(ui, lang, st, &mut form, &mut act);
            ui.separator();
        }
        let meter = st.meter.measure().is_some() || st.meter.budget_at(&st.link, 1310.0).is_some();
        if meter {
            meter_panel(ui, lang, st, &mut form, &mut act);
        }
        if st.pon.is_some() {
            if meter {
                ui.separator();
            }
            pon_panel(ui, lang, st, &mut act);
        }
        if scope::needs_microscope(st) {
            if meter || st.pon.is_some() {
                ui.separator();
            }
            face_panel(ui, lang, st, &mut form, &mut act);
        }
        if st.red_light.tasks.locate || st.red_light.identify().is_some() {
            if scope::needs_microscope(st) {
                ui.separator();
            }
            vfl_panel(ui, lang, st, &mut form, &mut act);
        }
        if !st.fitting.tasks.is_empty() && !fitting {
            field_panel(ui, lang, st, &mut form, &mut act);
            ui.separator();
        }
        if st.report.task.is_some() {
            ui.separator();
            report_panel(ui, lang, &mut form, &mut act);
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

fn heading(ui: &mut egui::Ui, text: String) {
    ui.add_space(4.0);
    ui.label(egui::RichText::new(text).strong().size(17.0));
}

/// A button noted for the screenshot tests.
fn button(ui: &mut egui::Ui, name: &str, text: String) -> bool {
    let r = ui.button(text);
    note_control(ui, name, r.rect);
    r.clicked()
}

/// A button at least `width` wide, so that the row keeps its places whatever it shows;
/// noted for the screenshot tests.
fn sized_button(ui: &mut egui::Ui, name: &str, text: String, width: f32) -> bool {
    let r = ui.add(egui::Button::new(text).min_size(egui::vec2(width, 0.0)));
    note_control(ui, name, r.rect);
    r.clicked()
}

/// The face under the microscope and what can be done to it.
fn face_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-microscope"));
    let Some((id, face)) = form.face_or_first(st) else {
        return;
    };
    let mut chosen = (id.clone(), face);
    let mut names: Vec<String> = st
        .link
        .setup
        .connectors
        .iter()
        .map(|c| c.id.clone())
        .collect();
    names.extend(st.link.setup.cords.iter().map(|c| c.id.clone()));
    ui.horizontal_wrapped(|ui| {
        egui::ComboBox::from_id_salt("connector")
            .selected_text(chosen.0.clone())
            .width(90.0)
            .show_ui(ui, |ui| {
                for n in &names {
                    ui.selectable_value(&mut chosen.0, n.clone(), n.as_str());
                }
            });
        for f in [Face::Port, Face::Plug] {
            if st.link.face(&chosen.0, f).is_some() {
                ui.radio_value(
                    &mut chosen.1,
                    f,
                    crate::exercise::connect::face_name(f).render(lang),
                );
            }
        }
    });
    if st.link.face(&chosen.0, chosen.1).is_none() {
        chosen.1 = if st.link.face(&chosen.0, Face::Port).is_some() {
            Face::Port
        } else {
            Face::Plug
        };
    }
    form.chosen = Some(chosen.clone());
    let (id, face) = chosen;
    let connector = |a: MicroscopeAction| Action::from(a);
    // Every button at a fixed size and a fixed place, whatever the face's state or the
    // cleaning method chosen: nothing moves under the pointer.
    let w = ((ui.available_width() - 2.0 * ui.spacing().item_spacing.x) / 3.0 - 1.0).max(80.0);
    ui.horizontal(|ui| {
        if sized_button(ui, "inspect", t("app-connect-inspect"), w) {
            act(connector(MicroscopeAction::InspectFace {
                connector: id.clone(),
                face,
            }));
        }
        if sized_button(ui, "judge-pass", t("app-connect-judge-pass"), w) {
            act(connector(MicroscopeAction::JudgeFace {
                connector: id.clone(),
                face,
                pass: true,
            }));
        }
        if sized_button(ui, "judge-fail", t("app-connect-judge-fail"), w) {
            act(connector(MicroscopeAction::JudgeFace {
                connector: id.clone(),
                face,
                pass: false,
            }));
        }
    });
    ui.horizontal(|ui| {
        egui::ComboBox::from_id_salt("cleaning")
            .selected_text(cleaning_name(form.method).render(lang))
            .width(2.0 * w + ui.spacing().item_spacing.x)
            .truncate()
            .show_ui(ui, |ui| {
                for m in [Cleaning::DryClick, Cleaning::WetThenDry, Cleaning::Reel] {
                    ui.selectable_value(&mut form.method, m, cleaning_name(m).render(lang));
                }
            });
        if sized_button(ui, "clean", t("app-connect-clean"), w) {
            act(connector(MicroscopeAction::CleanFace {
                connector: id.clone(),
                face,
                method: form.method,
            }));
        }
    });
    if let Some(i) = st.link.connector_index(&id) {
        let c = &st.link.connectors[i];
        ui.horizontal(|ui| {
            // Connect and unplug share one place: the one that applies is shown there.
            let w2 = 1.5 * w + ui.spacing().item_spacing.x / 2.0 - 1.0;
            if c.plug.is_some() {
                if c.mated.is_some() {
                    if sized_button(ui, "disconnect", t("app-connect-disconnect"), w2) {
                        act(connector(MicroscopeAction::Disconnect {
                            connector: id.clone(),
                        }));
                    }
                } else if sized_button(ui, "connect", t("app-connect-connect"), w2) {
                    act(connector(MicroscopeAction::ConnectPlug {
                        connector: id.clone(),
                    }));
                }
            } else {
                ui.add_space(w2 + ui.spacing().item_spacing.x);
            }
            if sized_button(ui, "replace", t("app-connect-replace"), w2) {
                act(connector(MicroscopeAction::ReplaceConnector {
                    connector: id.clone(),
                }));
            }
        });
    }
}

/// The light source and the power meter, drawn as the instrument's display and keys;
/// the budget first, as the work goes.
fn meter_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-olts"));
    let wls: Vec<f64> = st
        .link
        .wavelengths
        .iter()
        .copied()
        .filter(|w| *w == 1310.0 || *w == 1550.0)
        .collect();
    if st.meter.budget_at(&st.link, 1310.0).is_some()
        || st.meter.budget_at(&st.link, 1550.0).is_some()
    {
        ui.horizontal_wrapped(|ui| {
            ui.label(t("app-connect-budget"));
            egui::ComboBox::from_id_salt("budget_nm")
                .selected_text(format!("{} nm", form.budget_nm))
                .width(80.0)
                .show_ui(ui, |ui| {
                    for w in &wls {
                        ui.selectable_value(&mut form.budget_nm, *w, format!("{w} nm"));
                    }
                });
            ui.add(
                limited(&mut form.budget_db, lang, &limits::BUDGET_DB)
                    .speed(0.01)
                    .fixed_decimals(2),
            );
            if button(ui, "budget", t("app-connect-write")) {
                act(Action::from(MeterAction::EnterBudget {
                    wavelength_nm: form.budget_nm,
                    budget_db: form.budget_db,
                }));
            }
        });
        if !st.meter.budgets.is_empty() {
            let written: Vec<String> = st
                .meter
                .budgets
                .iter()
                .map(|(nm, db)| format!("{nm} nm : {} dB", lang.num(*db, 2)))
                .collect();
            ui.label(written.join(" · "));
        }
    }
    // The display, as on the instrument: the meter's wavelength, its reference and the
    // last result.
    let reference = st.meter.reference_now().map(|r| &st.meter.references[r]);
    // Only a reading taken at the wavelengths set now: switching them shows none until
    // the link is measured there.
    let last = st.meter.reading_shown();
    let display = egui::Frame::new()
        .fill(egui::Color32::from_rgb(24, 36, 30))
        .inner_margin(6.0)
        .corner_radius(6.0)
        .show(ui, |ui| {
            let green = egui::Color32::from_rgb(150, 240, 170);
            let big = |s: String| egui::RichText::new(s).monospace().size(22.0).color(green);
            let small = |s: String| egui::RichText::new(s).monospace().size(12.0).color(green);
            ui.horizontal(|ui| {
                let shown = match last {
                    Some(r) => match r.loss_db {
                        Some(v) => format!("{} dB", lang.num(v, 2)),
                        None => "LO".into(),
                    },
                    None => "-- dB".into(),
                };
                ui.label(big(shown));
                ui.vertical(|ui| {
                    ui.label(small(format!(
                        "SRC {} nm  PM {} nm",
                        st.meter.source_nm, st.meter.meter_nm
                    )));
                    ui.label(small(match reference {
                        Some(r) => Msg::new("app-connect-ref-shown")
                            .num("dbm", r.dbm, 2)
                            .msg("method", method_name(r.method))
                            .render(lang),
                        None => t("app-connect-no-ref"),
                    }));
                });
            });
        });
    note_control(ui, "meter-display", display.response.rect);
    let row = |ui: &mut egui::Ui, label: String, now: f64, act: &mut dyn FnMut(f64)| {
        ui.horizontal_wrapped(|ui| {
            ui.label(label);
            for w in &wls {
                if ui.selectable_label(now == *w, format!("{w}")).clicked() {
                    act(*w);
                }
            }
        });
    };
    row(ui, t("app-connect-source"), st.meter.source_nm, &mut |w| {
        act(Action::from(MeterAction::SetSource { wavelength_nm: w }))
    });
    row(ui, t("app-connect-meter"), st.meter.meter_nm, &mut |w| {
        act(Action::from(MeterAction::SetMeter { wavelength_nm: w }))
    });
    if !st.link.setup.cords.is_empty() {
        egui::Grid::new("cords").num_columns(2).show(ui, |ui| {
            let roles = [
                (CordRole::Launch, &st.link.launch),
                (CordRole::Receive, &st.link.receive),
                (CordRole::Substitution, &st.link.substitution),
            ];
            // A substitution cord only where the kit has a third.
            let n = if st.link.setup.cords.len() >= 3 { 3 } else { 2 };
            for (role, now) in roles.into_iter().take(n) {
                let mut pick = now.clone().unwrap_or_default();
                ui.label(role_name(role).render(lang));
                egui::ComboBox::from_id_salt(format!("cord-{role:?}"))
                    .selected_text(pick.clone())
                    .width(70.0)
                    .show_ui(ui, |ui| {
                        for c in &st.link.setup.cords {
                            ui.selectable_value(&mut pick, c.id.clone(), c.id.as_str());
                        }
                    });
                if Some(&pick) != now.as_ref() && !pick.is_empty() {
                    act(Action::from(MeterAction::UseCord { role, cord: pick }));
                }
                ui.end_row();
            }
        });
    }
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-connect-set-ref"));
        for (m, name, key) in [
            (RefMethod::OneCord, "ref-1", "app-connect-ref-1"),
            (RefMethod::TwoCord, "ref-2", "app-connect-ref-2"),
            (RefMethod::ThreeCord, "ref-3", "app-connect-ref-3"),
        ] {
            if button(ui, name, t(key)) {
                act(Action::from(MeterAction::SetReference { method: m }));
            }
        }
    });
    ui.horizontal_wrapped(|ui| {
        let r = ui.button(egui::RichText::new(t("app-connect-measure")).strong());
        note_control(ui, "measure", r.rect);
        if r.clicked() {
            act(Action::from(MeterAction::MeasureLoss));
        }
    });
    ui.horizontal_wrapped(|ui| {
        ui.label(t("app-connect-verdict"));
        if button(ui, "verdict-pass", t("app-connect-verdict-pass")) {
            act(Action::from(MeterAction::LinkVerdict { pass: true }));
        }
        if button(ui, "verdict-fail", t("app-connect-verdict-fail")) {
            act(Action::from(MeterAction::LinkVerdict { pass: false }));
        }
    });
    // The results the meter stored, latest first.
    for r in st.meter.results.iter().rev().take(3) {
        let loss = match r.loss_db {
            Some(v) => format!("{} dB", lang.num(v, 2)),
            None => "LO".into(),
        };
        ui.label(
            egui::RichText::new(format!(
                "{} / {} nm : {loss} ({})",
                r.source_nm,
                r.meter_nm,
                method_name(st.meter.references[r.reference].method).render(lang)
            ))
            .monospace()
            .size(12.0),
        );
    }
}

/// The PON power meter at the outlet.
fn pon_panel(ui: &mut egui::Ui, lang: Lang, st: &ConnectState, act: &mut impl FnMut(Action)) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-pon"));
    let Some(pon) = &st.pon else {
        return;
    };
    for l in &pon.task.levels {
        let nm = l.wavelength_nm;
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{nm} nm"));
            if button(ui, &format!("pon-read-{nm}"), t("app-connect-read")) {
                act(Action::from(PonAction::ReadPon { wavelength_nm: nm }));
            }
            if let Some((_, v)) = pon.read.iter().find(|p| (p.0 - nm).abs() < 0.5) {
                let shown = if v.is_finite() {
                    format!("{} dBm", lang.num(*v, 1))
                } else {
                    "LO".into()
                };
                ui.label(egui::RichText::new(shown).monospace().strong());
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(
                Msg::new("app-connect-window")
                    .num("lo", l.min_dbm, 0)
                    .num("hi", l.max_dbm, 0)
                    .render(lang),
            );
            if button(ui, &format!("pon-ok-{nm}"), t("app-connect-in-window")) {
                act(Action::from(PonAction::JudgePon {
                    wavelength_nm: nm,
                    ok: true,
                }));
            }
            if button(ui, &format!("pon-bad-{nm}"), t("app-connect-out-window")) {
                act(Action::from(PonAction::JudgePon {
                    wavelength_nm: nm,
                    ok: false,
                }));
            }
        });
    }
}

/// The red light: switched on at end A, then the drawing's pieces are clicked to look.
fn vfl_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-vfl"));
    if !st.red_light.on {
        if button(ui, "vfl-on", t("app-connect-vfl-on")) {
            act(Action::from(RedLightAction::VflOn));
        }
        return;
    }
    if let Some(n) = st.red_light.identify() {
        // The tube's ends at the PBO, in the French colour code's order: a click looks.
        ui.label(t("app-connect-fibres"));
        ui.horizontal_wrapped(|ui| {
            for k in 1..=n {
                let seen = st.red_light.fibres_looked.contains(&k);
                let lit = seen && st.red_light.fibre_glow(&st.link, k).is_some();
                let colour = crate::physics::cable::ColourCode::French
                    .colour(k)
                    .map(|c| {
                        let [r, g, b] = c.rgb();
                        egui::Color32::from_rgb(r, g, b)
                    })
                    .unwrap_or(egui::Color32::GRAY);
                let text = egui::RichText::new(format!("{k}")).strong().color(if lit {
                    egui::Color32::RED
                } else {
                    egui::Color32::BLACK
                });
                let b = egui::Button::new(text)
                    .fill(colour)
                    .min_size(egui::vec2(28.0, 24.0));
                let r = ui.add(b);
                note_control(ui, &format!("fibre-{k}"), r.rect);
                if r.clicked() {
                    act(Action::from(RedLightAction::LookAtFibre { fibre: k }));
                    form.piece = k;
                }
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.label(format!("{}", form.piece.clamp(1, n)));
            if button(ui, "this-fibre", t("app-connect-this-fibre")) {
                act(Action::from(RedLightAction::ChooseFibre {
                    fibre: form.piece.clamp(1, n),
                }));
            }
        });
        if !st.red_light.tasks.locate {
            return;
        }
    }
    ui.label(t("app-connect-vfl-click"));
    let n = st.link.setup.link.len() as u32;
    form.piece = form.piece.clamp(1, n.max(1));
    ui.horizontal_wrapped(|ui| {
        let place = |k: u32| {
            st.link
                .piece_place((k.max(1) - 1) as usize)
                .get(lang)
                .to_string()
        };
        egui::ComboBox::from_id_salt("piece")
            .selected_text(format!("{}. {}", form.piece, place(form.piece)))
            .width(220.0)
            .show_ui(ui, |ui| {
                for k in 1..=n {
                    ui.selectable_value(&mut form.piece, k, format!("{k}. {}", place(k)));
                }
            });
        if button(ui, "look", t("app-connect-look")) {
            act(Action::from(RedLightAction::LookAt { piece: form.piece }));
        }
    });
    ui.horizontal_wrapped(|ui| {
        if button(ui, "locate", t("app-connect-locate")) {
            act(Action::from(RedLightAction::LocateFault {
                piece: Some(form.piece),
            }));
        }
        if button(ui, "no-fault", t("app-connect-no-fault")) {
            act(Action::from(RedLightAction::LocateFault { piece: None }));
        }
    });
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

/// The intervention report, as the operator's form has it.
fn report_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-report"));
    egui::Grid::new("report").num_columns(2).show(ui, |ui| {
        ui.label(t("app-connect-line"));
        let r = ui.add(egui::TextEdit::singleline(&mut form.line_id).desired_width(170.0));
        note_control(ui, "report-line", r.rect);
        ui.end_row();
        ui.label(t("app-connect-pbo"));
        ui.add(egui::TextEdit::singleline(&mut form.pbo).desired_width(170.0));
        ui.end_row();
        ui.label(t("app-connect-level"));
        ui.add(
            limited(&mut form.level_dbm, lang, &limits::POWER_DBM)
                .speed(0.1)
                .fixed_decimals(1),
        );
        ui.end_row();
    });
    ui.horizontal_wrapped(|ui| {
        for (pass, name, key) in [
            (true, "report-pass", "app-connect-report-pass"),
            (false, "report-fail", "app-connect-report-fail"),
        ] {
            if button(ui, name, t(key)) {
                act(Action::from(ReportAction::FillReport {
                    line_id: form.line_id.trim().to_string(),
                    pbo: form.pbo.trim().to_string(),
                    level_dbm: form.level_dbm,
                    pass,
                }));
            }
        }
    });
}

/// Fitting a field connector: its steps in the order of the maker's sheet.
fn field_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &ConnectState,
    form: &mut ConnectForm,
    act: &mut impl FnMut(Action),
) {
    use crate::exercise::connect::FieldStep;
    let t = |k: &str| tr(lang, k);
    heading(ui, t("app-connect-field"));
    for id in st.fitting.tasks.iter().map(|t| t.connector.clone()) {
        let mut step = |s: FieldStep| {
            act(Action::from(FittingAction::FieldStep {
                connector: id.clone(),
                step: s,
            }))
        };
        ui.label(id.clone());
        ui.horizontal_wrapped(|ui| {
            if button(ui, "field-strip", t("app-connect-field-strip")) {
                step(FieldStep::Strip);
            }
            if button(ui, "field-clean", t("app-connect-field-clean")) {
                step(FieldStep::Clean);
            }
        });
        ui.horizontal_wrapped(|ui| {
            ui.add(
                limited(&mut form.cleave_mm, lang, &limits::CLEAVE_LENGTH_MM)
                    .speed(0.1)
                    .fixed_decimals(1),
            );
            if button(ui, "field-cleave", t("app-connect-field-cleave")) {
                step(FieldStep::Cleave {
                    length_mm: form.cleave_mm,
                });
            }
        });
        ui.horizontal_wrapped(|ui| {
            if button(ui, "field-insert", t("app-connect-field-insert-bow")) {
                step(FieldStep::Insert { bowed: true });
            }
            if button(ui, "field-insert-no-bow", t("app-connect-field-insert")) {
                step(FieldStep::Insert { bowed: false });
            }
        });
        ui.horizontal_wrapped(|ui| {
            if button(ui, "field-crimp", t("app-connect-field-crimp")) {
                step(FieldStep::Crimp);
            }
            if button(ui, "field-cut", t("app-connect-field-cut")) {
                step(FieldStep::CutOff);
            }
        });
    }
}
