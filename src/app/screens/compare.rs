//! The debrief's side-by-side views (data from `grading::compare`): the OTDR trace with
//! the true events numbered and the differences in colour, the true event table beside
//! the report, each splice's true loss beside its estimate, the lengths asked and made.

use bevy_egui::egui;
use egui_plot::{Line, Plot, PlotPoints, VLine};

use crate::app::theme;
use crate::exercise::otdr::{Direction, OtdrState};
use crate::exercise::prep::PrepState;
use crate::exercise::splice::SpliceState;
use crate::grading::compare::{Difference, length_lines, otdr_lines, splice_lines};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::cable::ColourCode;
use crate::plot::MinMaxPyramid;

/// Columns the debrief trace is decimated to (it is drawn once, not zoomed much).
const TRACE_COLUMNS: usize = 1600;

/// The debrief trace, computed once per attempt and fibre (a trace is regenerated from
/// the log: too costly for every frame).
#[derive(Default)]
pub struct TraceCache {
    key: Option<(i64, usize, usize)>,
    points: Vec<[f64; 2]>,
}

fn colour_of(d: Difference) -> egui::Color32 {
    match d {
        Difference::Same => theme::OK,
        Difference::NotRequired => egui::Color32::GRAY,
        Difference::Missed | Difference::Invented => theme::BAD,
        Difference::WrongType
        | Difference::WrongValue
        | Difference::WrongVerdict
        | Difference::OneWay => theme::WARN,
    }
}

fn opt(lang: Lang, v: Option<f64>, decimals: usize) -> String {
    v.map_or_else(|| "—".to_string(), |v| lang.num(v, decimals))
}

/// The trace the report rests on (the last A→B acquisition at the report wavelength,
/// else the last one) with the true events and the report's lines marked, then the two
/// tables side by side.
pub fn otdr_section(
    ui: &mut egui::Ui,
    lang: Lang,
    st: &OtdrState,
    seed: u64,
    key: (i64, usize),
    cache: &mut TraceCache,
) {
    let lines = otdr_lines(st);
    let wl = st.setup.report_wavelength();
    let acq = st
        .acquisitions
        .iter()
        .rposition(|a| a.config.wavelength_nm == wl && a.config.direction == Direction::AtoB)
        .or(st.acquisitions.len().checked_sub(1));
    let full_key = (key.0, key.1, st.acquisitions.len());
    if cache.key != Some(full_key) {
        cache.key = Some(full_key);
        cache.points = acq
            .and_then(|i| Some((st.trace(seed, i)?, &st.acquisitions[i])))
            .map(|(t, r)| {
                let p = MinMaxPyramid::new(&t.levels_db);
                p.columns(0, p.len(), TRACE_COLUMNS)
                    .into_iter()
                    .map(|[x, y]| [x * t.dx_m - r.origin_m, y])
                    .collect()
            })
            .unwrap_or_default();
    }
    ui.label(egui::RichText::new(tr(lang, "app-cmp-otdr")).strong());
    ui.label(tr(lang, "app-cmp-otdr-legend"));
    if !cache.points.is_empty() {
        let points = cache.points.clone();
        // The numbers sit just above the trace's highest point.
        let top = points.iter().map(|p| p[1]).fold(f64::MIN, f64::max) + 1.0;
        Plot::new(("debrief-trace", key.1))
            .height(220.0)
            .allow_scroll(false)
            .x_axis_label(tr(lang, "app-otdr-x"))
            .y_axis_label(tr(lang, "app-otdr-y"))
            .show(ui, |pu| {
                pu.line(
                    Line::new("trace", PlotPoints::from(points))
                        .color(theme::ACCENT)
                        .width(1.0),
                );
                for (n, l) in lines.iter().enumerate() {
                    let c = colour_of(l.difference);
                    pu.vline(
                        VLine::new(format!("{}", n + 1), l.distance_m())
                            .color(c)
                            .width(if l.difference.is_fault() { 2.5 } else { 1.0 }),
                    );
                    pu.text(
                        egui_plot::Text::new(
                            format!("n{}", n + 1),
                            egui_plot::PlotPoint::new(l.distance_m(), top),
                            egui::RichText::new(format!("{}", n + 1)).strong().color(c),
                        )
                        .anchor(egui::Align2::LEFT_TOP),
                    );
                }
            });
    } else {
        ui.label(tr(lang, "app-cmp-no-trace"));
    }
    let table = egui::Grid::new(("cmp-events", key.1))
        .striped(true)
        .num_columns(10)
        .spacing([10.0, 3.0])
        .show(ui, |ui| {
            for h in [
                "app-cmp-n",
                "app-cmp-true",
                "app-cmp-true-d",
                "app-cmp-true-loss",
                "app-cmp-true-verdict",
                "app-cmp-yours",
                "app-cmp-yours-d",
                "app-cmp-yours-loss",
                "app-cmp-yours-verdict",
                "app-cmp-difference",
            ] {
                ui.label(egui::RichText::new(tr(lang, h)).strong());
            }
            ui.end_row();
            for (n, l) in lines.iter().enumerate() {
                let c = colour_of(l.difference);
                ui.colored_label(c, format!("{}", n + 1));
                match &l.truth {
                    Some(t) => {
                        ui.label(t.kind.name().render(lang));
                        ui.label(lang.num(t.distance_m, 1));
                        ui.label(lang.num(t.loss_db, 2));
                        ui.label(
                            t.pass
                                .map(|p| crate::exercise::otdr::Verdict::of(p).name().render(lang))
                                .unwrap_or_else(|| "—".into()),
                        );
                    }
                    None => {
                        for _ in 0..4 {
                            ui.label("—");
                        }
                    }
                }
                match &l.reported {
                    Some(r) => {
                        ui.label(r.kind.name().render(lang));
                        ui.label(lang.num(r.distance_m, 1));
                        ui.label(opt(lang, r.loss_db, 2));
                        ui.label(
                            r.verdict
                                .map(|v| v.name().render(lang))
                                .unwrap_or_else(|| "—".into()),
                        );
                    }
                    None => {
                        for _ in 0..4 {
                            ui.label("—");
                        }
                    }
                }
                ui.colored_label(c, tr(lang, l.difference.key()));
                ui.end_row();
            }
        });
    crate::app::widgets::note_control(ui, "cmp-events", table.response.rect);
    // Beside the numbers: why a loss read one way is not the event's loss (the core's).
    for m in lines.iter().filter_map(|l| l.one_way_note()) {
        ui.colored_label(theme::WARN, m.render(lang));
    }
}

/// Each pair's splice: the splicer's estimate beside the true loss and the limit.
pub fn splice_section(ui: &mut egui::Ui, lang: Lang, st: &SpliceState) {
    let code = st
        .benches
        .first()
        .map(|b| b.colour_code)
        .unwrap_or(ColourCode::StandardOrange);
    ui.label(egui::RichText::new(tr(lang, "app-cmp-splices")).strong());
    let table = egui::Grid::new("cmp-splices")
        .striped(true)
        .num_columns(4)
        .spacing([12.0, 3.0])
        .show(ui, |ui| {
            for h in [
                "app-cmp-fibre",
                "app-cmp-estimate",
                "app-cmp-true-splice",
                "app-cmp-limit",
            ] {
                ui.label(egui::RichText::new(tr(lang, h)).strong());
            }
            ui.end_row();
            for l in splice_lines(st) {
                ui.label(l.fibre.describe(code).render(lang));
                ui.label(if l.mechanical {
                    tr(lang, "app-cmp-no-estimate")
                } else {
                    opt(lang, l.estimate_db, 2)
                });
                match l.true_loss_db {
                    Some(t) => {
                        let c = if t <= l.max_loss_db {
                            theme::OK
                        } else {
                            theme::BAD
                        };
                        ui.colored_label(c, lang.num(t, 3));
                    }
                    None => {
                        ui.colored_label(theme::BAD, tr(lang, "app-cmp-no-splice"));
                    }
                }
                ui.label(lang.num(l.max_loss_db, 2));
                ui.end_row();
            }
        });
    crate::app::widgets::note_control(ui, "cmp-splices", table.response.rect);
}

/// The lengths asked and made on a preparation bench.
pub fn lengths_section(ui: &mut egui::Ui, lang: Lang, st: &PrepState, id: &str) {
    ui.label(egui::RichText::new(tr(lang, "app-cmp-lengths")).strong());
    let table = egui::Grid::new(("cmp-lengths", id))
        .striped(true)
        .num_columns(3)
        .spacing([12.0, 3.0])
        .show(ui, |ui| {
            for h in ["app-cmp-what", "app-cmp-asked", "app-cmp-made"] {
                ui.label(egui::RichText::new(tr(lang, h)).strong());
            }
            ui.end_row();
            for l in length_lines(st) {
                let what = match l.fibre {
                    Some(f) => Msg::new("app-cmp-what-fibre")
                        .msg("what", Msg::new(l.what))
                        .msg("fibre", f.describe(st.colour_code)),
                    None => Msg::new(l.what),
                };
                ui.label(what.render(lang));
                ui.label(format!("{} mm", lang.num(l.asked_mm, 1)));
                ui.label(
                    l.made_mm
                        .map(|m| format!("{} mm", lang.num(m, 1)))
                        .unwrap_or_else(|| tr(lang, "app-cmp-not-made")),
                );
                ui.end_row();
            }
        });
    crate::app::widgets::note_control(ui, "cmp-lengths", table.response.rect);
}
