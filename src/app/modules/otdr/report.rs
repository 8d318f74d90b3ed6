//! The acceptance report: its rows, the verdicts, a new line, the link's result.

use bevy::prelude::*;
use bevy_egui::egui;

use super::events::{auto_table, verdict_colour};
use super::instrument::{Instrument, Tab, ViewRequest};
use crate::app::theme;
use crate::app::widgets::{from_top, note_control, number};
use crate::exercise::otdr::{OtdrState, ReportRow, Verdict};
use crate::exercise::{Action, OtdrAction};
use crate::i18n::{Lang, Msg, tr};
use crate::scenario::EventType;

/// Under the trace, as on an instrument's screen: the link's result (always in view),
/// then either the report (its lines in a scrolling table: a line's number zooms the
/// trace on it, its verdict is a button that turns it over; the form for a new line
/// below) or the instrument's event table of the selected trace.
pub(super) fn report_panel(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &OtdrState,
    live: &crate::app::flow::Live,
    inst: &mut Instrument,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    ui.horizontal_wrapped(|ui| {
        let report = Msg::new("app-otdr-tab-report")
            .int("n", st.rows.len() as u32)
            .render(lang);
        ui.selectable_value(
            &mut inst.tab,
            Tab::Report,
            egui::RichText::new(report).strong(),
        );
        let table = Msg::new("app-otdr-auto-table")
            .int("n", inst.selected as u32 + 1)
            .render(lang);
        let tab = ui.selectable_value(
            &mut inst.tab,
            Tab::Instrument,
            egui::RichText::new(table).strong(),
        );
        note_control(ui, "instrument-tab", tab.rect);
    });
    // The link's result.
    ui.horizontal_wrapped(|ui| {
        ui.label(t("what-otdr-link"));
        ui.add(
            number(&mut inst.link_length, lang)
                .speed(0.1)
                .fixed_decimals(1)
                .suffix(" m"),
        );
        ui.add(
            number(&mut inst.link_loss, lang)
                .speed(0.01)
                .fixed_decimals(2)
                .suffix(" dB"),
        );
        verdict_toggle(ui, lang, &mut inst.link_verdict);
        // What was noted, beside the button on the report; on the instrument's table,
        // whose rows need the room, in the button's tooltip (one tooltip).
        let noted = st.link_report.as_ref().map(|l| {
            egui::RichText::new(
                Msg::new("app-otdr-link-noted")
                    .num("m", l.length_m, 1)
                    .num("db", l.total_loss_db, 2)
                    .msg("verdict", l.verdict.name())
                    .render(lang),
            )
            .color(verdict_colour(l.verdict))
        });
        let beside = inst.tab == Tab::Report;
        let save = ui.button(t("app-otdr-save-link")).on_hover_ui(|ui| {
            ui.label(t("app-otdr-save-link-help"));
            if let Some(n) = noted.clone().filter(|_| !beside) {
                ui.label(n);
            }
        });
        note_control(ui, "link-result", save.rect);
        if save.clicked() {
            act(Action::Otdr(OtdrAction::ReportLink {
                length_m: inst.link_length,
                total_loss_db: inst.link_loss,
                verdict: inst.link_verdict,
            }));
        }
        if let Some(n) = noted.filter(|_| beside) {
            ui.label(n);
        }
    });
    ui.separator();
    if inst.tab == Tab::Instrument {
        auto_table(ui, lang, st, live, inst, act);
        return;
    }
    // The form for a new line stays at the bottom (its height as last drawn: it wraps
    // with a larger text); the table scrolls above it.
    let table_height = (ui.available_height() - inst.form_height).max(40.0);
    let mut remove = None;
    let mut turn = None;
    let mut retype = None;
    from_top("report", live)
        .max_height(table_height)
        .hscroll(true)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            egui::Grid::new("rows")
                .striped(true)
                .num_columns(7)
                .show(ui, |ui| {
                    report_rows(
                        ui,
                        lang,
                        &st.rows,
                        inst,
                        &mut remove,
                        &mut turn,
                        &mut retype,
                    )
                });
        });
    // Another type for a line: the line is taken out and written again with it (the
    // report keeps its lines in order of distance).
    if let Some((n, kind)) = retype
        && let Some(r) = st.rows.get(n as usize - 1)
    {
        act(Action::Otdr(OtdrAction::RemoveReportEvent { number: n }));
        act(Action::Otdr(OtdrAction::ReportEvent {
            distance_m: r.distance_m,
            kind,
            loss_db: r.loss_db,
            reflectance_db: r.reflectance_db,
            verdict: if kind == EventType::End {
                None
            } else {
                r.verdict
            },
        }));
    }
    if let Some(n) = remove {
        act(Action::Otdr(OtdrAction::RemoveReportEvent { number: n }));
    }
    if let Some((number, verdict)) = turn {
        act(Action::Otdr(OtdrAction::SetVerdict { number, verdict }));
    }
    let top = ui.cursor().top();
    new_line_form(ui, lang, inst, act);
    inst.form_height = ui.cursor().top() - top + ui.spacing().item_spacing.y;
}
/// A verdict as a button in its colour that turns it over.
pub(super) fn verdict_toggle(ui: &mut egui::Ui, lang: Lang, v: &mut Verdict) {
    if ui
        .button(egui::RichText::new(v.name().render(lang)).color(verdict_colour(*v)))
        .on_hover_text(tr(lang, "app-otdr-verdict-help"))
        .clicked()
    {
        *v = match v {
            Verdict::Pass => Verdict::Fail,
            Verdict::Fail => Verdict::Pass,
        };
    }
}
/// The report's lines. A line's number picks it (the trace zooms on it); its type is
/// chosen again in its list; its verdict turns over on a click (a line without one gets
/// "pass" first).
pub(super) fn report_rows(
    ui: &mut egui::Ui,
    lang: Lang,
    rows: &[ReportRow],
    inst: &mut Instrument,
    remove: &mut Option<u32>,
    turn: &mut Option<(u32, Verdict)>,
    retype: &mut Option<(u32, EventType)>,
) {
    for (k, r) in rows.iter().enumerate() {
        let n = k as u32 + 1;
        if ui
            .selectable_label(inst.picked == Some(k), format!("{n}"))
            .clicked()
        {
            inst.picked = Some(k);
            inst.marker_a = r.distance_m;
            inst.view_request = Some(ViewRequest::Event(r.distance_m));
        }
        ui.label(format!("{} m", lang.num(r.distance_m, 1)));
        let mut kind = r.kind;
        let combo = egui::ComboBox::from_id_salt(("row-kind", k))
            .width(100.0)
            .selected_text(r.kind.name().render(lang))
            .show_ui(ui, |ui| {
                for t in EventType::ALL {
                    ui.selectable_value(&mut kind, t, t.name().render(lang));
                }
            });
        note_control(ui, &format!("report-row-kind-{n}"), combo.response.rect);
        if kind != r.kind {
            *retype = Some((n, kind));
        }
        ui.label(
            r.loss_db
                .map(|l| format!("{} dB", lang.num(l, 3)))
                .unwrap_or_default(),
        );
        ui.label(
            r.reflectance_db
                .map(|x| format!("{} dB", lang.num(x, 1)))
                .unwrap_or_default(),
        );
        if r.kind == EventType::End {
            ui.label("");
        } else {
            let (text, colour) = match r.verdict {
                Some(v) => (v.name().render(lang), verdict_colour(v)),
                None => (tr(lang, "app-otdr-no-verdict"), theme::WARN),
            };
            if ui
                .button(egui::RichText::new(text).color(colour))
                .on_hover_text(tr(lang, "app-otdr-verdict-help"))
                .clicked()
            {
                let next = match r.verdict {
                    Some(Verdict::Pass) => Verdict::Fail,
                    Some(Verdict::Fail) | None => Verdict::Pass,
                };
                *turn = Some((n, next));
            }
        }
        if ui.small_button("×").clicked() {
            *remove = Some(n);
        }
        ui.end_row();
    }
}
/// A new report line on one row: distance, type, loss, reflectance, verdict.
pub(super) fn new_line_form(
    ui: &mut egui::Ui,
    lang: Lang,
    inst: &mut Instrument,
    act: &mut impl FnMut(Action),
) {
    let t = |k: &str| tr(lang, k);
    ui.horizontal_wrapped(|ui| {
        ui.add(
            number(&mut inst.row_distance, lang)
                .speed(0.1)
                .suffix(" m")
                .fixed_decimals(1),
        );
        egui::ComboBox::from_id_salt("kind")
            .width(100.0)
            .selected_text(inst.row_kind.name().render(lang))
            .show_ui(ui, |ui| {
                for k in EventType::ALL {
                    ui.selectable_value(&mut inst.row_kind, k, k.name().render(lang));
                }
            });
        ui.checkbox(&mut inst.row_has_loss, "")
            .on_hover_text(t("app-otdr-col-loss"));
        ui.add_enabled(
            inst.row_has_loss,
            number(&mut inst.row_loss, lang)
                .speed(0.001)
                .fixed_decimals(3)
                .suffix(" dB"),
        );
        ui.checkbox(&mut inst.row_has_reflectance, "")
            .on_hover_text(t("app-otdr-col-refl"));
        ui.add_enabled(
            inst.row_has_reflectance,
            number(&mut inst.row_reflectance, lang)
                .speed(0.1)
                .fixed_decimals(1)
                .suffix(" dB"),
        );
        if inst.row_kind != EventType::End {
            verdict_toggle(ui, lang, &mut inst.row_verdict);
        }
        let add = ui.button(t("app-otdr-add-row"));
        note_control(ui, "add-row", add.rect);
        if add.clicked() {
            let no_verdict = inst.row_kind == EventType::End;
            act(Action::Otdr(OtdrAction::ReportEvent {
                distance_m: inst.row_distance,
                kind: inst.row_kind,
                loss_db: inst.row_has_loss.then_some(inst.row_loss),
                reflectance_db: inst.row_has_reflectance.then_some(inst.row_reflectance),
                verdict: (!no_verdict).then_some(inst.row_verdict),
            }));
        }
    });
}
