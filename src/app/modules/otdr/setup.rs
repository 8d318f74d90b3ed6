//! The acquisition set-up panel: wavelength, pulse, range, averaging, IOR.

use bevy::prelude::*;
use bevy_egui::egui;

use super::instrument::{COLOURS, Instrument, other_origin};
use crate::app::widgets::{limited, note_control};
use crate::exercise::otdr::{Config, Direction, OtdrState, default_ior};
use crate::exercise::{Action, OtdrAction};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::otdr::{PULSE_LADDER_NS, RANGE_LADDER_M};

pub(super) fn setup_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &OtdrState,
    inst: &mut Instrument,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    ui.label(egui::RichText::new(t("app-otdr-setup")).strong());
    if st.saved.is_some() {
        ui.label(t("task-otdr-saved"));
        return;
    }
    let f = &mut inst.form;
    egui::Grid::new("setup").num_columns(2).show(ui, |ui| {
        ui.label(t("app-otdr-wavelength"));
        let before = f.wavelength_nm;
        egui::ComboBox::from_id_salt("wl")
            .selected_text(format!("{} nm", f.wavelength_nm))
            .show_ui(ui, |ui| {
                for w in st.wavelengths_offered() {
                    ui.selectable_value(&mut f.wavelength_nm, *w, format!("{w} nm"));
                }
            });
        follow_wavelength(f, before);
        ui.end_row();
        ui.label(t("app-otdr-pulse"));
        egui::ComboBox::from_id_salt("pulse")
            .selected_text(format!("{} ns", f.pulse_ns))
            .show_ui(ui, |ui| {
                for p in PULSE_LADDER_NS {
                    ui.selectable_value(&mut f.pulse_ns, p, format!("{p} ns"));
                }
            });
        ui.end_row();
        ui.label(t("app-otdr-range"));
        egui::ComboBox::from_id_salt("range")
            .selected_text(format!("{} km", f.range_m / 1000.0))
            .show_ui(ui, |ui| {
                for r in RANGE_LADDER_M {
                    ui.selectable_value(&mut f.range_m, r, format!("{} km", r / 1000.0));
                }
            });
        ui.end_row();
        ui.label(t("app-otdr-averaging"));
        ui.add(limited(&mut f.averaging_s, lang, &limits::AVERAGING_S));
        ui.end_row();
        ui.label(t("app-otdr-ior"));
        ui.add(
            limited(&mut f.ior, lang, &limits::IOR)
                .speed(0.0001)
                .fixed_decimals(4),
        );
        ui.end_row();
        ui.label(t("app-otdr-direction"));
        ui.horizontal(|ui| {
            ui.radio_value(&mut f.direction, Direction::AtoB, "A > B");
            ui.radio_value(&mut f.direction, Direction::BtoA, "B > A");
        });
        ui.end_row();
    });
    if st.link.launch_m > 0.0 {
        ui.checkbox(
            &mut f.launch_cable,
            Msg::new("app-otdr-launch")
                .num("m", st.link.launch_m, 0)
                .render(lang),
        );
    }
    if st.link.receive_m > 0.0 {
        ui.checkbox(
            &mut f.receive_cable,
            Msg::new("app-otdr-receive")
                .num("m", st.link.receive_m, 0)
                .render(lang),
        );
    }
    ui.horizontal(|ui| {
        let busy = inst.averaging.is_some();
        let start = ui.add_enabled(
            !busy,
            egui::Button::new(egui::RichText::new(t("app-otdr-start")).strong()),
        );
        note_control(ui, "start", start.rect);
        if start.clicked() {
            act(Action::Otdr(OtdrAction::Acquire(inst.form.clone())));
        }
        // Auto: the instrument's first shot chooses range and pulse; the set-up shows
        // what it chose.
        if ui
            .add_enabled(!busy, egui::Button::new(t("app-otdr-auto")))
            .on_hover_text(t("app-otdr-auto-help"))
            .clicked()
        {
            inst.form = st.auto_config(&inst.form);
            act(Action::Otdr(OtdrAction::Acquire(inst.form.clone())));
        }
    });
    ui.horizontal(|ui| {
        if let Some(av) = &inst.averaging {
            let total = av.acq.settings.averaging_s;
            let done = (av.started.elapsed().as_secs_f64() * av.speed).min(total);
            ui.add(
                egui::ProgressBar::new((done / total) as f32)
                    .text(
                        Msg::new("app-otdr-averaging-progress")
                            .num("s", done, 0)
                            .num("total", total, 0)
                            .render(lang),
                    )
                    .desired_width(ui.available_width()),
            );
        }
    });
    if !inst.shown.is_empty() {
        ui.label(egui::RichText::new(t("app-otdr-traces")).strong());
        let origin = inst.shown.get(inst.selected).map(|s| s.origin_m);
        for (i, s) in inst.shown.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let tick = ui.checkbox(&mut s.visible, "");
                if origin.is_some_and(|o| other_origin(o, s.origin_m)) {
                    tick.on_hover_text(
                        Msg::new("app-otdr-other-origin")
                            .num("m", s.origin_m, 0)
                            .render(lang),
                    );
                }
                let c = COLOURS[i % COLOURS.len()];
                if ui
                    .selectable_label(
                        inst.selected == i,
                        egui::RichText::new(format!("{} · {}", i + 1, s.label)).color(c),
                    )
                    .clicked()
                {
                    inst.selected = i;
                }
            });
        }
        if inst.shown.iter().any(|s| s.span_m.is_some()) {
            ui.checkbox(&mut inst.mirror, t("app-otdr-mirror"))
                .on_hover_text(t("app-otdr-mirror-help"));
        }
        // The .sor files and the report, saved from the screen as an instrument does.
        if ui
            .button(t("app-otdr-save-recette"))
            .on_hover_text(t("app-otdr-save-recette-help"))
            .clicked()
        {
            inst.save = true;
        }
    }
}
/// The instrument proposes each wavelength's own group index: on a change of wavelength
/// an IOR still at the old wavelength's default moves to the new one's; one the trainee
/// typed stays.
pub(super) fn follow_wavelength(f: &mut Config, before_nm: f64) {
    if f.wavelength_nm != before_nm && (f.ior - default_ior(before_nm)).abs() < 1e-9 {
        f.ior = default_ior(f.wavelength_nm);
    }
}
