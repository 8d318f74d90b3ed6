//! The markers panel: A and B, the distance and loss between them, the splice-loss (LSA) markers.

use bevy::prelude::*;
use bevy_egui::egui;

use super::instrument::Instrument;
use crate::app::widgets::number;
use crate::i18n::{Lang, tr};
use crate::physics::markers::Markers;

pub(super) fn markers_panel(ui: &mut egui::Ui, lang: Lang, inst: &mut Instrument) {
    let t = |k: &str| tr(lang, k);
    ui.label(egui::RichText::new(t("app-otdr-markers")).strong());
    ui.label(egui::RichText::new(t("app-otdr-markers-help")).small());
    ui.horizontal(|ui| {
        ui.label("A");
        ui.add(
            number(&mut inst.marker_a, lang)
                .speed(0.1)
                .suffix(" m")
                .fixed_decimals(1),
        );
        ui.label("B");
        ui.add(
            number(&mut inst.marker_b, lang)
                .speed(0.1)
                .suffix(" m")
                .fixed_decimals(1),
        );
        ui.label(t("app-otdr-window"));
        ui.add(
            number(&mut inst.window_m, lang)
                .range(5.0..=5000.0)
                .suffix(" m"),
        );
    });
    let Some(s) = inst.shown.get(inst.selected) else {
        return;
    };
    let m = Markers::new(&s.trace);
    let mirror = s.mirror(inst.mirror);
    // Along the trace, A is where the LSA and reflectance are read; the A-B readings go
    // from the end nearer the instrument to the farther one, so a mirrored B->A trace
    // reads its losses in the direction the light travelled.
    let a = s.to_along(inst.marker_a, mirror);
    let b = s.to_along(inst.marker_b, mirror);
    let (near, far) = if mirror.is_some() { (b, a) } else { (a, b) };
    let gap = (s.trace.settings.pulse_length_m() * 1.5).max(2.0);
    let num = |v: Option<f64>, d: usize| v.map(|x| lang.num(x, d)).unwrap_or_else(|| "—".into());
    egui::Grid::new("readings").num_columns(2).show(ui, |ui| {
        ui.label(t("app-otdr-ab"));
        ui.label(format!("{} m", lang.num(inst.marker_b - inst.marker_a, 1)));
        ui.end_row();
        ui.label(t("app-otdr-two-point"));
        ui.label(format!("{} dB", lang.num(m.two_point(near, far), 3)));
        ui.end_row();
        ui.label(t("app-otdr-section"));
        ui.label(format!("{} dB/km", num(m.section_db_per_km(near, far), 3)));
        ui.end_row();
        ui.label(t("app-otdr-lsa-a"));
        ui.label(format!("{} dB", num(m.lsa_loss(a, inst.window_m, gap), 3)));
        ui.end_row();
        ui.label(t("app-otdr-refl-a"));
        ui.label(format!(
            "{} dB",
            num(m.reflectance(a, inst.window_m, gap), 1)
        ));
        ui.end_row();
        ui.label(t("app-otdr-link-loss"));
        ui.label(format!(
            "{} dB",
            num(m.link_loss(near, far, inst.window_m, gap), 3)
        ));
        ui.end_row();
    });
    if ui.button(t("app-otdr-to-row")).clicked() {
        inst.row_distance = (inst.marker_a * 10.0).round() / 10.0;
        if let Some(l) = m.lsa_loss(a, inst.window_m, gap) {
            inst.row_loss = (l * 1000.0).round() / 1000.0;
        }
        if let Some(r) = m.reflectance(a, inst.window_m, gap) {
            inst.row_reflectance = (r * 10.0).round() / 10.0;
        }
    }
}
