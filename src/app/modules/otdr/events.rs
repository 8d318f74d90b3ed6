//! The instrument's event table and its verdicts.

use bevy::prelude::*;
use bevy_egui::egui;

use super::instrument::{Instrument, Tab, ViewRequest};
use crate::app::theme;
use crate::app::widgets::{from_top, note_control};
use crate::exercise::otdr::{OtdrState, Verdict};
use crate::exercise::{Action, OtdrAction};
use crate::i18n::{Lang, Msg, tr};

/// The instrument's event table of the selected trace (in both modes, as on a real
/// instrument), with its section attenuation, cumulative loss and ORL, and the button
/// that makes it the report.
pub(super) fn auto_table(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &OtdrState,
    live: &crate::app::flow::Live,
    inst: &mut Instrument,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    let Some(r) = st.acquisitions.get(inst.selected) else {
        ui.label(t("app-otdr-no-trace"));
        return;
    };
    if inst.averaging.is_some() {
        ui.label(t("app-otdr-table-averaging"));
        return;
    }
    let lines = st.instrument_lines(r);
    let num = |v: Option<f64>, d: usize| v.map(|x| lang.num(x, d)).unwrap_or_else(|| "—".into());
    // The button and the totals first, in view however long the table (the totals wrap
    // under the button where the panel is narrow, at 1024 × 768).
    ui.horizontal_wrapped(|ui| {
        let key = if st.rows.is_empty() {
            "app-otdr-take-table"
        } else {
            "app-otdr-replace-table"
        };
        let take = ui
            .button(egui::RichText::new(t(key)).strong())
            .on_hover_text(t("app-otdr-take-table-help"));
        note_control(ui, "take-table", take.rect);
        if take.clicked() {
            act(Action::Otdr(OtdrAction::TakeTable {
                trace: inst.selected as u32 + 1,
            }));
            if let Some(span) = st.measured_span_m(r) {
                inst.link_length = (span * 10.0).round() / 10.0;
            }
            inst.tab = Tab::Report;
        }
        ui.add(
            egui::Label::new(
                Msg::new("app-otdr-auto-totals")
                    .text("total", num(r.analysis.total_loss_db, 2))
                    .text(
                        "orl",
                        match (r.analysis.orl_db, r.analysis.orl_upper_bound) {
                            (Some(x), true) => format!("< {}", lang.num(x, 1)),
                            (x, _) => num(x, 1),
                        },
                    )
                    .render(lang),
            )
            .wrap(),
        );
    });
    if r.analysis.orl_upper_bound {
        ui.label(
            egui::RichText::new(t("app-otdr-saturated-help"))
                .small()
                .italics(),
        );
    }
    for (key, d) in [
        ("otdr-unseen-beyond", r.analysis.unseen_beyond_m),
        ("otdr-blind-past-launch", r.analysis.blind_past_launch_m),
    ] {
        if let Some(d) = d {
            ui.label(
                egui::RichText::new(Msg::new(key).num("d", d, 1).render(lang))
                    .small()
                    .italics(),
            );
        }
    }
    let mut chosen = None;
    // The table scrolls in the room left (it would otherwise run past its clipped place
    // and never scroll); compact rows, so that eight show at 1024 × 768.
    from_top("instrument-table", live)
        .hscroll(true)
        .auto_shrink([false, true])
        .max_height(ui.available_height())
        .show(ui, |ui| {
            ui.spacing_mut().item_spacing.y = 2.0;
            ui.spacing_mut().interact_size.y = 16.0;
            egui::Grid::new("auto")
                .striped(true)
                .num_columns(8)
                .show(ui, |ui| {
                    for h in [
                        "app-otdr-col-n",
                        "app-otdr-col-distance",
                        "app-otdr-col-type",
                        "app-otdr-col-loss",
                        "app-otdr-col-refl",
                        "app-otdr-col-section",
                        "app-otdr-col-cumulative",
                        "app-otdr-col-verdict",
                    ] {
                        ui.label(egui::RichText::new(t(h)).small().strong());
                    }
                    ui.end_row();
                    for (k, l) in lines.iter().enumerate() {
                        let n = ui.small_button(format!("{}", k + 1));
                        note_control(ui, &format!("instrument-row-{}", k + 1), n.rect);
                        if n.clicked() {
                            chosen = Some(l.row.distance_m);
                        }
                        ui.label(lang.num(l.row.distance_m, 1));
                        match l.group_to_m {
                            Some(g) => {
                                ui.label(
                                    Msg::new("app-otdr-group")
                                        .msg("kind", l.row.kind.name())
                                        .num("to", g, 1)
                                        .render(lang),
                                )
                                .on_hover_text(t("app-otdr-group-help"));
                            }
                            None => {
                                ui.label(l.row.kind.name().render(lang));
                            }
                        }
                        ui.label(l.row.loss_db.map(|x| lang.num(x, 3)).unwrap_or_default());
                        match (l.row.reflectance_db, l.saturated) {
                            (Some(x), true) => {
                                ui.label(format!("> {}", lang.num(x, 1)))
                                    .on_hover_text(t("app-otdr-saturated-help"));
                            }
                            (x, _) => {
                                ui.label(x.map(|x| lang.num(x, 1)).unwrap_or_default());
                            }
                        }
                        ui.label(
                            l.section_db_per_km
                                .map(|x| lang.num(x, 3))
                                .unwrap_or_default(),
                        );
                        ui.label(lang.num(l.cumulative_db, 2));
                        verdict_label(ui, lang, l.row.verdict);
                        ui.end_row();
                    }
                });
        });
    if let Some(d) = chosen {
        inst.marker_a = d;
        inst.view_request = Some(ViewRequest::Event(d));
    }
}
/// A verdict in its colour; nothing for none.
pub(super) fn verdict_label(ui: &mut egui::Ui, lang: Lang, v: Option<Verdict>) {
    match v {
        Some(v) => {
            ui.colored_label(verdict_colour(v), v.name().render(lang));
        }
        None => {
            ui.label("");
        }
    }
}
pub(super) fn verdict_colour(v: Verdict) -> egui::Color32 {
    match v {
        Verdict::Pass => theme::OK,
        Verdict::Fail => theme::BAD,
    }
}
