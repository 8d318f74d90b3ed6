//! The OTDR instrument screen: set-up, "Start" with live averaging, the trace (egui_plot,
//! min/max decimated so that long traces pan smoothly), markers A and B with their
//! readings, the instrument's event table (practice) and the acceptance report.

use std::time::Instant;

use bevy::prelude::*;
use bevy_egui::{EguiPrimaryContextPass, egui};
use egui_plot::{Line, Plot, PlotBounds, PlotPoint, PlotPoints, Text, VLine};

use super::ModuleView;
use crate::app::AppSet;
use crate::app::flow::Current;
use crate::app::theme;
use crate::app::widgets::{
    Frame, TOP_HEIGHT, View, from_top, limited, note_control, number, sender, side_panel, task_bar,
    what_happened,
};
use crate::exercise::otdr::{
    AcqRecord, Config, Direction, OtdrState, ReportRow, Verdict, default_ior,
};
use crate::exercise::{Action, OtdrAction};
use crate::i18n::{Lang, Msg, tr};
use crate::limits;
use crate::physics::markers::Markers;
use crate::physics::otdr::{Acquisition, PULSE_LADDER_NS, RANGE_LADDER_M, Trace};
use crate::plot::{MinMaxPyramid, nice_steps};
use crate::scenario::{EventType, Mode};

/// Width of the instrument panel, height of the report area and of the view's tool row
/// above the trace, logical pixels.
const RIGHT_WIDTH: f32 = 430.0;
const REPORT_HEIGHT: f32 = 320.0;
const TOOLS_HEIGHT: f32 = 30.0;

/// One wheel notch (50 points) zooms the distance axis by this factor.
const WHEEL_ZOOM_PER_POINT: f32 = 1.0 / 200.0;
/// The zoom buttons' factor.
const ZOOM_STEP: f32 = 1.5;
/// Zoomed on an event, the view spans this many pulse lengths (at least
/// [`EVENT_VIEW_MIN_M`]).
const EVENT_VIEW_PULSES: f64 = 40.0;
const EVENT_VIEW_MIN_M: f64 = 60.0;

const COLOURS: [egui::Color32; 4] = [
    egui::Color32::from_rgb(0x1f, 0x5f, 0xc8),
    egui::Color32::from_rgb(0xc0, 0x1c, 0x28),
    egui::Color32::from_rgb(0x1e, 0x8a, 0x3c),
    egui::Color32::from_rgb(0x8a, 0x3c, 0xb3),
];

struct Shown {
    trace: Trace,
    pyramid: MinMaxPyramid,
    origin_m: f64,
    /// For a B→A trace, the span it measured: it can be drawn mirrored onto the A→B
    /// distances.
    span_m: Option<f64>,
    visible: bool,
    label: String,
    /// Where the analysis found the end of the fibre, along the trace, m.
    end_along_m: Option<f64>,
}

/// What the area under the trace shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tab {
    Report,
    Instrument,
}

/// What the trace view is asked to do on its next frame.
#[derive(Clone, Copy, Debug, PartialEq)]
enum ViewRequest {
    ZoomIn,
    ZoomOut,
    /// Zoom on the levels (the vertical axis), about the view's middle.
    LevelsIn,
    LevelsOut,
    /// The selected trace, from its start to a little past the end of the fibre.
    Fit,
    /// Around an event, at this display distance.
    Event(f64),
}

impl Shown {
    /// The span to mirror on, when the trace is drawn mirrored.
    fn mirror(&self, on: bool) -> Option<f64> {
        self.span_m.filter(|_| on)
    }

    /// Display distance of a distance along the trace (from the instrument's port).
    fn to_display(&self, along_m: f64, mirror: Option<f64>) -> f64 {
        let d = along_m - self.origin_m;
        mirror.map_or(d, |span| span - d)
    }

    /// Distance along the trace of a display distance (the inverse of `to_display`).
    fn to_along(&self, display_m: f64, mirror: Option<f64>) -> f64 {
        mirror.map_or(display_m, |span| span - display_m) + self.origin_m
    }
}

struct Averaging {
    index: usize,
    acq: Acquisition,
    started: Instant,
    /// Simulated seconds per real second.
    speed: f64,
    last_update: Option<Instant>,
}

#[derive(Resource)]
struct Instrument {
    /// The attempt, its seed and the fibre connected (a job's test stage): a change
    /// starts the screen afresh.
    key: Option<(i64, u64, usize)>,
    form: Config,
    shown: Vec<Shown>,
    averaging: Option<Averaging>,
    selected: usize,
    /// Draw B→A traces mirrored onto the A→B distances.
    mirror: bool,
    marker_a: f64,
    marker_b: f64,
    window_m: f64,
    dragging: Option<u8>,
    /// Screen x of markers A and B and of the LSA window's edges, as last drawn.
    marker_px: [f32; 4],
    /// Where the plot was drawn, last frame.
    plot_rect: egui::Rect,
    /// The distances the plot showed last frame.
    view_x: (f64, f64),
    /// The levels the plot showed last frame, dB.
    view_y: (f64, f64),
    view_request: Option<ViewRequest>,
    /// The report line chosen (its index): numbered on the trace, zoomed on.
    picked: Option<usize>,
    /// Under the trace: the report, or the instrument's table.
    tab: Tab,
    /// Height of the new line's form as last drawn.
    form_height: f32,
    /// Height of the tool row above the trace as last drawn (its help wraps).
    tools_height: f32,
    /// The traces and the report are to be saved (the button was pressed).
    save: bool,
    row_kind: EventType,
    row_distance: f64,
    row_loss: f64,
    row_has_loss: bool,
    row_reflectance: f64,
    row_has_reflectance: bool,
    row_verdict: Verdict,
    link_length: f64,
    link_loss: f64,
    link_verdict: Verdict,
}

impl Default for Instrument {
    fn default() -> Self {
        Instrument {
            key: None,
            form: Config {
                wavelength_nm: 1310.0,
                pulse_ns: 100.0,
                range_m: 10_000.0,
                averaging_s: 15.0,
                ior: default_ior(1310.0),
                backscatter_db: None,
                direction: Direction::AtoB,
                launch_cable: false,
                receive_cable: false,
            },
            shown: Vec::new(),
            averaging: None,
            selected: 0,
            mirror: true,
            marker_a: 0.0,
            marker_b: 1000.0,
            window_m: 100.0,
            dragging: None,
            marker_px: [0.0; 4],
            plot_rect: egui::Rect::NOTHING,
            view_x: (0.0, 0.0),
            view_y: (0.0, 0.0),
            view_request: None,
            picked: None,
            tab: Tab::Report,
            form_height: 34.0,
            tools_height: 0.0,
            save: false,
            row_kind: EventType::Splice,
            row_distance: 0.0,
            row_loss: 0.0,
            row_has_loss: true,
            row_reflectance: -60.0,
            row_has_reflectance: false,
            row_verdict: Verdict::Pass,
            link_length: 0.0,
            link_loss: 0.0,
            link_verdict: Verdict::Pass,
        }
    }
}

pub fn plugin(app: &mut App) {
    app.init_resource::<Instrument>()
        .add_systems(
            Update,
            sync_instrument
                .in_set(AppSet::Sync)
                .run_if(in_state(ModuleView::Otdr)),
        )
        .add_systems(
            EguiPrimaryContextPass,
            ui.run_if(in_state(ModuleView::Otdr)),
        );
}

/// Takes in the exercise's acquisitions (a new one starts averaging on screen).
fn sync_instrument(current: Res<Current>, mut inst: ResMut<Instrument>) {
    let Some(live) = current.live.as_ref() else {
        return;
    };
    let ex = &live.session.exercise;
    // This view is shown for an OTDR bench only (`modules::view_of`).
    let Some(st) = ex.state.otdr() else {
        return;
    };
    // A job's last acquisition on any fibre.
    let earlier = ex
        .state
        .job()
        .and_then(crate::exercise::job::JobState::test_stage)
        .and_then(|t| {
            t.fibres
                .iter()
                .flat_map(|f| f.otdr.acquisitions.iter())
                .max_by_key(|r| r.at_ms)
        })
        .map(|r| &r.config);
    sync(
        &mut inst,
        st,
        earlier,
        ex.seed,
        live.session.attempt,
        super::job::connected_fibre(&ex.state),
        live.now_ms(),
        ex.scenario.mode,
    );
}

/// Whether two traces measure from different origins: one with the launch cable, one
/// without (the shortest launch cable is a hundred metres; the same cable read at
/// another wavelength's group index moves by a few decimetres only).
fn other_origin(a_m: f64, b_m: f64) -> bool {
    (a_m - b_m).abs() > 5.0
}

fn label_of(c: &Config) -> String {
    format!(
        "{} nm {} · {} ns",
        c.wavelength_nm,
        match c.direction {
            Direction::AtoB => "A-B",
            Direction::BtoA => "B-A",
        },
        c.pulse_ns
    )
}

fn shown_of(trace: Trace, st: &OtdrState, r: &AcqRecord) -> Shown {
    Shown {
        pyramid: display_pyramid(&trace),
        trace,
        origin_m: r.origin_m,
        span_m: (r.config.direction == Direction::BtoA)
            .then(|| st.measured_span_m(r))
            .flatten(),
        visible: true,
        label: label_of(&r.config),
        end_along_m: r.analysis.end_m.map(|e| e + r.origin_m),
    }
}

/// How far below the noise's rms level the screen shows the trace, dB: below it the
/// receiver gives only noise, which an instrument draws as a thin band at its floor,
/// not as a block down to the bottom of the screen.
const NOISE_BAND_DB: f64 = 1.5;

/// The decimated trace as the screen draws it (the readings use the trace itself).
fn display_pyramid(trace: &Trace) -> MinMaxPyramid {
    let floor = trace.noise_db - NOISE_BAND_DB;
    let shown: Vec<f64> = trace.levels_db.iter().map(|v| v.max(floor)).collect();
    MinMaxPyramid::new(&shown)
}

/// Brings the shown traces in line with the exercise's acquisitions.
///
/// A new bench (another attempt, or another fibre of a job) starts the screen afresh but
/// keeps the set-up: the one of the last acquisition made on this bench (so a resumed
/// attempt finds its instrument as it left it), else the one of the job's last
/// acquisition on another fibre (`earlier`), else the one on screen for the same
/// attempt.
#[allow(clippy::too_many_arguments)]
fn sync(
    inst: &mut Instrument,
    st: &OtdrState,
    earlier: Option<&Config>,
    seed: u64,
    attempt: i64,
    fibre: usize,
    now_ms: u64,
    mode: Mode,
) {
    if inst.key != Some((attempt, seed, fibre)) {
        let same_attempt = inst.key.is_some_and(|(a, s, _)| a == attempt && s == seed);
        let on_screen = same_attempt.then(|| (inst.form.clone(), inst.mirror, inst.window_m));
        *inst = Instrument {
            key: Some((attempt, seed, fibre)),
            ..Instrument::default()
        };
        inst.form.wavelength_nm = st.wavelengths_offered()[0];
        if let Some((form, mirror, window_m)) = on_screen {
            inst.form = form;
            inst.mirror = mirror;
            inst.window_m = window_m;
        }
        if let Some(c) = st.acquisitions.last().map(|r| &r.config).or(earlier) {
            inst.form = c.clone();
        }
    }
    while inst.shown.len() < st.acquisitions.len() {
        let i = inst.shown.len();
        let r = &st.acquisitions[i];
        // Still averaging: taken less than its averaging time ago.
        let fresh = now_ms.saturating_sub(r.at_ms) < (r.config.averaging_s * 1000.0) as u64;
        match st.acquisition(seed, i) {
            Some(acq) if fresh && i + 1 == st.acquisitions.len() => {
                // Hide the older traces while the new one averages.
                let speed = if mode == Mode::Practice { 6.0 } else { 1.0 };
                let first = acq.trace_at(0.0);
                inst.shown.push(shown_of(first, st, r));
                inst.averaging = Some(Averaging {
                    index: i,
                    acq,
                    started: Instant::now(),
                    speed,
                    last_update: None,
                });
            }
            Some(acq) => {
                let t = acq.trace_at(acq.settings.averaging_s);
                inst.shown.push(shown_of(t, st, r));
            }
            None => {
                if let Some(t) = st.trace(seed, i) {
                    inst.shown.push(shown_of(t, st, r));
                }
            }
        }
        // A trace measured from another origin (taken before the launch cable was
        // connected, or after it was taken off) would sit shifted under the new one:
        // it is put aside (its box unticked; it can be ticked again).
        let origin = r.origin_m;
        for s in inst.shown.iter_mut().take(i) {
            if other_origin(s.origin_m, origin) {
                s.visible = false;
            }
        }
        inst.selected = i;
        inst.view_request = Some(ViewRequest::Fit);
        if st.rows.is_empty() {
            inst.tab = Tab::Instrument;
        }
    }
    // Live averaging: refresh a few times a second.
    if let Some(av) = &mut inst.averaging {
        let total = av.acq.settings.averaging_s;
        let t = (av.started.elapsed().as_secs_f64() * av.speed).min(total);
        let due = av
            .last_update
            .is_none_or(|u| u.elapsed().as_secs_f64() > 0.25);
        if due || t >= total {
            let trace = av.acq.trace_at(t);
            if let Some(s) = inst.shown.get_mut(av.index) {
                s.pyramid = display_pyramid(&trace);
                s.trace = trace;
            }
            av.last_update = Some(Instant::now());
        }
        if t >= total {
            inst.averaging = None;
        }
    }
}

fn ui(mut view: View, mut inst: ResMut<Instrument>) -> Result {
    let Some(Frame {
        ctx,
        mut root,
        lang,
        live,
        notice,
        cmds,
    }) = view.frame()?
    else {
        return Ok(());
    };
    let ex = &live.session.exercise;
    // This view is shown for an OTDR bench only (`modules::view_of`).
    let Some(st) = ex.state.otdr() else {
        return Ok(());
    };
    let practice = ex.scenario.mode == Mode::Practice;
    if inst.averaging.is_some() {
        ctx.request_repaint();
    }
    task_bar(&mut root, lang, live, None, cmds);
    let mut act = sender(cmds);
    let inst = &mut *inst;
    side_panel(&mut root, "instrument", RIGHT_WIDTH, live, |ui| {
        if let Some(job) = ex.state.job() {
            super::job::fibre_picker(ui, lang, practice, job, &mut act);
            ui.separator();
        }
        setup_panel(ui, lang, st, inst, &mut act);
        ui.separator();
        markers_panel(ui, lang, inst);
        ui.separator();
        what_happened(ui, lang, live, notice, 8);
    });
    // Left of the instrument panel: the view's tools, the trace, the report below.
    let vr = ctx.viewport_rect();
    let (left, right) = (vr.left() + 8.0, vr.right() - RIGHT_WIDTH - 10.0);
    let top = vr.top() + TOP_HEIGHT;
    // The report and the tool row grow with the text size, the trace gives way.
    let k = theme::text_scale(ctx);
    let split = vr.bottom() - REPORT_HEIGHT * k;
    let tools_height = inst.tools_height.max(TOOLS_HEIGHT * k);
    let tools_rect =
        egui::Rect::from_min_max(egui::pos2(left, top), egui::pos2(right, top + tools_height));
    let plot_rect = egui::Rect::from_min_max(
        egui::pos2(left, top + tools_height),
        egui::pos2(right, split - 6.0),
    );
    let report_rect = egui::Rect::from_min_max(
        egui::pos2(left, split),
        egui::pos2(right, vr.bottom() - 4.0),
    );
    // Each part clipped to its place: with a larger text nothing spills onto the
    // instrument panel.
    let mut part = |rect: egui::Rect| {
        let mut ui = root.new_child(egui::UiBuilder::new().max_rect(rect));
        ui.set_clip_rect(rect);
        ui
    };
    let drawn = view_tools(&mut part(tools_rect), lang, st, inst);
    if (drawn - inst.tools_height).abs() > 0.5 {
        // The help wrapped otherwise (another text size): lay out again.
        inst.tools_height = drawn;
        ctx.request_repaint();
    }
    trace_view(&mut part(plot_rect), lang, &st.rows, inst);
    report_panel(&mut part(report_rect), lang, st, live, inst, &mut act);
    drop(act);
    if std::mem::take(&mut inst.save) {
        cmds.write(crate::app::flow::UiCommand::SaveRecette);
    }
    Ok(())
}

/// Above the trace: zoom in and out on the distances and on the levels, the whole
/// trace, the chosen event, and what the mouse does (wrapped, whole; its details in one
/// tooltip). Returns the height it took.
fn view_tools(ui: &mut egui::Ui, lang: Lang, st: &OtdrState, inst: &mut Instrument) -> f32 {
    let t = |k: &str| tr(lang, k);
    let top = ui.cursor().top();
    ui.horizontal_wrapped(|ui| {
        let zoom_in = ui.button(" + ").on_hover_text(t("app-otdr-zoom-in"));
        note_control(ui, "zoom-in", zoom_in.rect);
        if zoom_in.clicked() {
            inst.view_request = Some(ViewRequest::ZoomIn);
        }
        if ui
            .button(" − ")
            .on_hover_text(t("app-otdr-zoom-out"))
            .clicked()
        {
            inst.view_request = Some(ViewRequest::ZoomOut);
        }
        let levels_in = ui
            .button(" ↕+ ")
            .on_hover_text(t("app-otdr-zoom-levels-in"));
        note_control(ui, "zoom-levels-in", levels_in.rect);
        if levels_in.clicked() {
            inst.view_request = Some(ViewRequest::LevelsIn);
        }
        if ui
            .button(" ↕− ")
            .on_hover_text(t("app-otdr-zoom-levels-out"))
            .clicked()
        {
            inst.view_request = Some(ViewRequest::LevelsOut);
        }
        if ui.button(t("app-otdr-fit")).clicked() {
            inst.view_request = Some(ViewRequest::Fit);
        }
        if let Some(r) = inst.picked.and_then(|k| st.rows.get(k))
            && ui
                .button(
                    Msg::new("app-otdr-zoom-event")
                        .int("n", inst.picked.map_or(0, |k| k as u32 + 1))
                        .render(lang),
                )
                .clicked()
        {
            inst.view_request = Some(ViewRequest::Event(r.distance_m));
        }
        // Wrapped, never cut: a cut line would show its whole text in a tooltip of its
        // own over the help's.
        let help = ui
            .add(egui::Label::new(egui::RichText::new(t("app-otdr-mouse")).small()).wrap())
            .on_hover_text(t("app-otdr-mouse-help"));
        note_control(ui, "otdr-mouse-help", help.rect);
    });
    ui.cursor().top() - top
}

fn setup_panel(
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

fn markers_panel(ui: &mut egui::Ui, lang: Lang, inst: &mut Instrument) {
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

/// The instrument's event table of the selected trace (in both modes, as on a real
/// instrument), with its section attenuation, cumulative loss and ORL, and the button
/// that makes it the report.
fn auto_table(
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
    // The button and the totals first, on one line: in view however long the table.
    ui.horizontal(|ui| {
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
                    .text("orl", num(r.analysis.orl_db, 1))
                    .render(lang),
            )
            .truncate(),
        );
    });
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
                        ui.label(
                            l.row
                                .reflectance_db
                                .map(|x| lang.num(x, 1))
                                .unwrap_or_default(),
                        );
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
fn verdict_label(ui: &mut egui::Ui, lang: Lang, v: Option<Verdict>) {
    match v {
        Some(v) => {
            ui.colored_label(verdict_colour(v), v.name().render(lang));
        }
        None => {
            ui.label("");
        }
    }
}

fn verdict_colour(v: Verdict) -> egui::Color32 {
    match v {
        Verdict::Pass => theme::OK,
        Verdict::Fail => theme::BAD,
    }
}

/// Under the trace, as on an instrument's screen: the link's result (always in view),
/// then either the report (its lines in a scrolling table: a line's number zooms the
/// trace on it, its verdict is a button that turns it over; the form for a new line
/// below) or the instrument's event table of the selected trace.
fn report_panel(
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
fn verdict_toggle(ui: &mut egui::Ui, lang: Lang, v: &mut Verdict) {
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
fn report_rows(
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
fn new_line_form(
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

/// The wheel's zoom this frame: the factors on the distance axis and on the levels
/// (above 1 zooms in), from the wheel turned without Ctrl: alone on the distances, with
/// Shift on the levels (Ctrl and the wheel, or a pinch, zoom both axes as the plot does
/// by itself).
fn wheel_zoom(i: &egui::InputState) -> egui::Vec2 {
    let (mut points, mut level_points) = (0.0, 0.0);
    for e in &i.events {
        if let egui::Event::MouseWheel {
            unit,
            delta,
            modifiers,
            ..
        } = e
            && !modifiers.ctrl
            && !modifiers.command
        {
            // With Shift some systems turn the wheel sideways.
            let d = if modifiers.shift && delta.y == 0.0 {
                delta.x
            } else {
                delta.y
            };
            let p = d * match unit {
                egui::MouseWheelUnit::Point => 1.0,
                egui::MouseWheelUnit::Line => 50.0,
                egui::MouseWheelUnit::Page => 500.0,
            };
            if modifiers.shift {
                level_points += p;
            } else {
                points += p;
            }
        }
    }
    let f = |p: f32| crate::math::exp(f64::from(p * WHEEL_ZOOM_PER_POINT)) as f32;
    egui::vec2(f(points), f(level_points))
}

/// The level range of a trace between two indices, for the view to fit it.
fn level_range(s: &Shown, i0: usize, i1: usize) -> Option<(f64, f64)> {
    let floor = s.trace.noise_db - NOISE_BAND_DB;
    let v = s
        .trace
        .levels_db
        .get(i0.min(i1)..i1.min(s.trace.levels_db.len()))?;
    let lo = v.iter().copied().fold(f64::INFINITY, f64::min).max(floor);
    let hi = v.iter().copied().fold(f64::NEG_INFINITY, f64::max);
    (lo.is_finite() && hi.is_finite()).then_some((lo, hi))
}

/// The bounds a view request asks for on the selected trace; `None` to leave the view.
fn requested_bounds(s: &Shown, mirror: Option<f64>, request: ViewRequest) -> Option<PlotBounds> {
    let dx = s.trace.dx_m;
    let n = s.trace.levels_db.len();
    let (x0, x1) = match request {
        ViewRequest::Fit => {
            let end = s
                .end_along_m
                .map_or(n as f64 * dx, |e| (e * 1.15 + 100.0).min(n as f64 * dx));
            (s.to_display(0.0, mirror), s.to_display(end, mirror))
        }
        ViewRequest::Event(d) => {
            let half =
                (s.trace.settings.pulse_length_m() * EVENT_VIEW_PULSES).max(EVENT_VIEW_MIN_M) / 2.0;
            (d - half, d + half)
        }
        ViewRequest::ZoomIn
        | ViewRequest::ZoomOut
        | ViewRequest::LevelsIn
        | ViewRequest::LevelsOut => return None,
    };
    let (lo, hi) = (x0.min(x1), x0.max(x1));
    let along = |x: f64| (s.to_along(x, mirror) / dx).max(0.0) as usize;
    let (a, b) = (along(lo), along(hi));
    let (ymin, ymax) = level_range(s, a.min(b), a.max(b) + 1)?;
    let pad = ((ymax - ymin) * 0.08).max(0.5);
    Some(PlotBounds::from_min_max([lo, ymin - pad], [hi, ymax + pad]))
}

/// Distances on the axis: metres, or kilometres once the steps are a kilometre or more.
fn distance_label(lang: Lang, value_m: f64, span_m: f64) -> String {
    let [_, _, step] = nice_steps(span_m);
    if step >= 1000.0 {
        let decimals = if step >= 10_000.0 { 0 } else { 1 };
        format!("{} km", lang.num(value_m / 1000.0, decimals))
    } else {
        let decimals = if step >= 1.0 { 0 } else { 1 };
        format!("{} m", lang.num(value_m, decimals))
    }
}

fn trace_view(ui: &mut egui::Ui, lang: Lang, rows: &[ReportRow], inst: &mut Instrument) {
    if inst.shown.is_empty() {
        ui.centered_and_justified(|ui| {
            ui.label(egui::RichText::new(tr(lang, "app-otdr-no-trace")).size(18.0));
        });
        return;
    }
    let width_px = ui.available_width().max(100.0) as usize;
    // A marker is grabbed when the button goes down near it (at its place in the last
    // frame), before the plot sees the drag: the plot then does not pan while it moves.
    let (down, origin) = ui.input(|i| (i.pointer.primary_down(), i.pointer.press_origin()));
    if down
        && inst.dragging.is_none()
        && let Some(pos) = origin.filter(|p| inst.plot_rect.contains(*p))
        && ui.input(|i| i.pointer.primary_pressed())
    {
        inst.dragging = inst
            .marker_px
            .iter()
            .enumerate()
            .map(|(k, x)| (k, (pos.x - x).abs()))
            .filter(|(_, d)| *d < 8.0)
            .min_by(|p, q| p.1.total_cmp(&q.1))
            .map(|(k, _)| k as u8);
    }
    let wheel = ui.input(wheel_zoom);
    let plot = Plot::new("otdr-trace")
        .x_axis_label(tr(lang, "app-otdr-x"))
        .y_axis_label(tr(lang, "app-otdr-y"))
        .x_grid_spacer(egui_plot::uniform_grid_spacer(|g| {
            nice_steps(g.bounds.1 - g.bounds.0)
        }))
        .x_axis_formatter(move |mark, range| {
            distance_label(lang, mark.value, range.end() - range.start())
        })
        // The wheel zooms (below); it does not scroll the view.
        .allow_scroll(false)
        .allow_drag(inst.dragging.is_none())
        .allow_double_click_reset(true);
    let shown = &inst.shown;
    let on = inst.mirror;
    let (a, b) = (inst.marker_a, inst.marker_b);
    let window = inst.window_m;
    let request = inst.view_request.take();
    let selected = inst.selected;
    let picked = inst.picked;
    let r = plot.show(ui, |pu| {
        match request {
            Some(
                ViewRequest::ZoomIn
                | ViewRequest::ZoomOut
                | ViewRequest::LevelsIn
                | ViewRequest::LevelsOut,
            ) => {
                let zoom = match request {
                    Some(ViewRequest::ZoomIn) => egui::vec2(ZOOM_STEP, 1.0),
                    Some(ViewRequest::ZoomOut) => egui::vec2(1.0 / ZOOM_STEP, 1.0),
                    Some(ViewRequest::LevelsIn) => egui::vec2(1.0, ZOOM_STEP),
                    _ => egui::vec2(1.0, 1.0 / ZOOM_STEP),
                };
                let c = pu.plot_bounds().center();
                pu.zoom_bounds(zoom, c);
            }
            Some(req) => {
                if let Some(s) = shown.get(selected)
                    && let Some(bounds) = requested_bounds(s, s.mirror(on), req)
                {
                    pu.set_plot_bounds(bounds);
                }
            }
            None => {}
        }
        if wheel != egui::vec2(1.0, 1.0) && pu.response().hovered() {
            pu.zoom_bounds_around_hovered(wheel);
        }
        let bounds = pu.plot_bounds();
        for (i, s) in shown.iter().enumerate() {
            if !s.visible {
                continue;
            }
            let dx = s.trace.dx_m;
            let mirror = s.mirror(on);
            let (x0, x1) = {
                let (p, q) = (
                    s.to_along(bounds.min()[0], mirror),
                    s.to_along(bounds.max()[0], mirror),
                );
                (p.min(q), p.max(q))
            };
            let i0 = (x0 / dx).floor().max(0.0) as usize;
            let i1 = ((x1 / dx).ceil().max(0.0) as usize + 2).min(s.pyramid.len());
            // While the plot fits itself to the data, give it all of it (it would
            // otherwise fit to what was drawn for the previous bounds).
            let fitting = pu.auto_bounds().any();
            let (i0, i1) = if i1 <= i0 || fitting {
                (0, s.pyramid.len())
            } else {
                (i0, i1)
            };
            let pts: Vec<[f64; 2]> = s
                .pyramid
                .columns(i0, i1, width_px)
                .into_iter()
                .map(|[x, y]| [s.to_display(x * dx, mirror), y])
                .collect();
            pu.line(
                Line::new(format!("{} · {}", i + 1, s.label), PlotPoints::from(pts))
                    .color(COLOURS[i % COLOURS.len()])
                    .width(1.2),
            );
        }
        // The report's lines, dotted in their verdict's colour.
        for (k, row) in rows.iter().enumerate() {
            let colour = row.verdict.map_or(egui::Color32::GRAY, verdict_colour);
            pu.vline(
                VLine::new("", row.distance_m)
                    .color(colour.gamma_multiply(0.6))
                    .width(if picked == Some(k) { 2.0 } else { 1.0 })
                    .style(egui_plot::LineStyle::dotted_dense()),
            );
        }
        let acol = egui::Color32::from_rgb(0xe0, 0x7b, 0x00);
        let bcol = egui::Color32::from_rgb(0x00, 0x96, 0x88);
        pu.vline(VLine::new("A", a).color(acol).width(2.0));
        pu.vline(VLine::new("B", b).color(bcol).width(2.0));
        // The LSA windows around A.
        let light = egui::Color32::from_rgba_unmultiplied(0xe0, 0x7b, 0x00, 90);
        pu.vline(
            VLine::new("LSA", a - window)
                .color(light)
                .style(egui_plot::LineStyle::dashed_dense()),
        );
        pu.vline(
            VLine::new("LSA", a + window)
                .color(light)
                .style(egui_plot::LineStyle::dashed_dense()),
        );
        // Their numbers, drawn after the markers and beside their line (a few pixels to
        // the right, not centred on it): a marker set on an event does not hide its
        // number, nor does the plot's left edge the first one's.
        let per_px = {
            let o = pu.plot_from_screen(egui::pos2(0.0, 0.0));
            let one = pu.plot_from_screen(egui::pos2(1.0, 0.0));
            one.x - o.x
        };
        for (k, row) in rows.iter().enumerate() {
            let colour = row.verdict.map_or(egui::Color32::GRAY, verdict_colour);
            pu.text(
                Text::new(
                    "",
                    PlotPoint::new(row.distance_m + 4.0 * per_px, bounds.max()[1]),
                    egui::RichText::new(format!("{}", k + 1))
                        .strong()
                        .color(colour),
                )
                .anchor(egui::Align2::LEFT_TOP),
            );
        }
        let sx = |x: f64| pu.screen_from_plot(egui_plot::PlotPoint::new(x, 0.0)).x;
        // The pointer where it is now (the plot's own pointer_coordinate lags a frame
        // behind while the plot pans, which it does not while a marker moves).
        (
            pu.ctx()
                .input(|i| i.pointer.latest_pos())
                .map(|p| pu.plot_from_screen(p)),
            [sx(a), sx(b), sx(a - window), sx(a + window)],
            (bounds.min()[0], bounds.max()[0]),
            (bounds.min()[1], bounds.max()[1]),
        )
    });
    let (pointer, xs, view_x, view_y) = r.inner;
    inst.marker_px = xs;
    inst.view_x = view_x;
    inst.view_y = view_y;
    let resp = &r.response;
    inst.plot_rect = resp.rect;
    // Markers: click sets A, right click sets B; a grabbed marker or LSA edge follows the
    // pointer.
    if let Some(p) = pointer {
        match inst.dragging {
            Some(0) => inst.marker_a = p.x,
            Some(1) => inst.marker_b = p.x,
            Some(2 | 3) => inst.window_m = (p.x - inst.marker_a).abs().max(5.0),
            _ => {}
        }
        if resp.clicked() {
            inst.marker_a = p.x;
        }
        if resp.secondary_clicked() {
            inst.marker_b = p.x;
        }
    }
    // The release frame still moves the marker to where the button came up.
    if !down {
        inst.dragging = None;
    }
}

/// The instrument proposes each wavelength's own group index: on a change of wavelength
/// an IOR still at the old wavelength's default moves to the new one's; one the trainee
/// typed stays.
fn follow_wavelength(f: &mut Config, before_nm: f64) {
    if f.wavelength_nm != before_nm && (f.ior - default_ior(before_nm)).abs() < 1e-9 {
        f.ior = default_ior(f.wavelength_nm);
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn the_ior_follows_the_wavelength_unless_typed() {
        let mut f = Instrument::default().form;
        assert_eq!(f.ior, 1.4677);
        f.wavelength_nm = 1550.0;
        follow_wavelength(&mut f, 1310.0);
        assert_eq!(f.ior, 1.4682);
        f.ior = 1.4700; // the cable maker's figure, typed
        f.wavelength_nm = 1625.0;
        follow_wavelength(&mut f, 1550.0);
        assert_eq!(f.ior, 1.4700);
    }
    use super::*;
    use crate::physics::fibre::FibreType;
    use crate::physics::link::{Element, Link};
    use crate::physics::otdr::{Settings, acquire};
    use crate::rng::SimRng;

    fn instrument() -> Instrument {
        let o = FibreType::G652D.optics(1550.0);
        let link = Link {
            elements: vec![
                Element::Fibre {
                    fibre: FibreType::G652D,
                    length_m: 2000.0,
                },
                Element::End {
                    reflectance_db: Some(-14.0),
                },
            ],
        };
        let s = Settings {
            wavelength_nm: 1550.0,
            pulse_ns: 30.0,
            range_m: 5000.0,
            averaging_s: 10.0,
            ior: o.group_index,
            backscatter_db: o.backscatter_db,
        };
        let trace = acquire(&link, &s, &mut SimRng::new(3, 0));
        let mut inst = Instrument {
            marker_a: 500.0,
            marker_b: 1500.0,
            window_m: 100.0,
            ..Instrument::default()
        };
        inst.shown.push(Shown {
            pyramid: MinMaxPyramid::new(&trace.levels_db),
            trace,
            origin_m: 0.0,
            span_m: None,
            visible: true,
            label: "1550".into(),
            end_along_m: Some(2000.0),
        });
        inst
    }

    /// One frame of the trace view in an 800 × 500 window with these input events.
    fn frame(ctx: &egui::Context, inst: &mut Instrument, events: Vec<egui::Event>) {
        let input = egui::RawInput {
            screen_rect: Some(egui::Rect::from_min_size(
                egui::Pos2::ZERO,
                egui::vec2(800.0, 500.0),
            )),
            events,
            time: Some(ctx.input(|i| i.time) + 1.0 / 60.0),
            ..Default::default()
        };
        let mut out = ctx.run_ui(input, |ui| trace_view(ui, Lang::En, &[], inst));
        // No renderer here: the font atlas uploads are dropped on purpose.
        out.textures_delta.clear();
    }

    fn press(pos: egui::Pos2, pressed: bool, button: egui::PointerButton) -> egui::Event {
        egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: Default::default(),
        }
    }

    /// Presses at `from`, moves to `to` in steps, releases: a drag as a mouse does it.
    fn drag(ctx: &egui::Context, inst: &mut Instrument, from: egui::Pos2, to: egui::Pos2) {
        frame(ctx, inst, vec![egui::Event::PointerMoved(from)]);
        frame(
            ctx,
            inst,
            vec![press(from, true, egui::PointerButton::Primary)],
        );
        for k in 1..=5 {
            let p = from + (to - from) * (k as f32 / 5.0);
            frame(ctx, inst, vec![egui::Event::PointerMoved(p)]);
        }
        frame(
            ctx,
            inst,
            vec![press(to, false, egui::PointerButton::Primary)],
        );
        frame(ctx, inst, vec![]);
    }

    /// Metres per screen pixel along x, from the markers' own positions.
    fn m_per_px(inst: &Instrument) -> f64 {
        (inst.marker_b - inst.marker_a) / (inst.marker_px[1] - inst.marker_px[0]) as f64
    }

    #[test]
    fn markers_and_the_lsa_window_drag_and_the_trace_stays_put() {
        let ctx = egui::Context::default();
        let mut inst = instrument();
        for _ in 0..3 {
            frame(&ctx, &mut inst, vec![]);
        }
        let y = 250.0;
        let [ax, bx, _, right_edge] = inst.marker_px;
        assert!(
            ax > 50.0 && bx > ax + 50.0 && bx < 800.0,
            "{:?}",
            inst.marker_px
        );
        let scale = m_per_px(&inst);

        // Marker A, dragged 60 px to the right, moves by 60 px worth of metres; B and the
        // view (the other markers' screen places) stay.
        drag(&ctx, &mut inst, egui::pos2(ax, y), egui::pos2(ax + 60.0, y));
        let moved = inst.marker_a - 500.0;
        assert!(
            (moved - 60.0 * scale).abs() < 3.0 * scale,
            "A moved {moved} m, scale {scale} m/px, px {:?}",
            inst.marker_px
        );
        assert_eq!(inst.marker_b, 1500.0);
        assert!((inst.marker_px[1] - bx).abs() < 0.5, "the plot did not pan");
        assert_eq!(inst.dragging, None, "the drag ends on release");

        // Marker B, dragged left.
        let bx = inst.marker_px[1];
        drag(&ctx, &mut inst, egui::pos2(bx, y), egui::pos2(bx - 80.0, y));
        let moved = 1500.0 - inst.marker_b;
        assert!(
            (moved - 80.0 * scale).abs() < 3.0 * scale,
            "B moved {moved} m"
        );

        // The LSA window's right edge, dragged 30 px outward, widens the window.
        let a = inst.marker_a;
        let edge = inst.marker_px[3];
        assert!((edge - right_edge - 60.0).abs() < 3.0, "the edge follows A");
        drag(
            &ctx,
            &mut inst,
            egui::pos2(edge, y),
            egui::pos2(edge + 30.0, y),
        );
        assert_eq!(inst.marker_a, a);
        let wider = inst.window_m - 100.0;
        assert!(
            (wider - 30.0 * scale).abs() < 3.0 * scale,
            "window +{wider} m"
        );

        // Away from every marker, a drag pans the plot and moves no marker.
        let (a, b, w) = (inst.marker_a, inst.marker_b, inst.window_m);
        let before = inst.marker_px;
        drag(&ctx, &mut inst, egui::pos2(700.0, y), egui::pos2(600.0, y));
        assert_eq!((inst.marker_a, inst.marker_b, inst.window_m), (a, b, w));
        assert!(inst.marker_px[0] < before[0] - 50.0, "the view panned");

        // A click sets A; a right click sets B.
        let click = |inst: &mut Instrument, x: f32, button: egui::PointerButton| {
            let p = egui::pos2(x, y);
            frame(&ctx, inst, vec![egui::Event::PointerMoved(p)]);
            frame(&ctx, inst, vec![press(p, true, button)]);
            frame(&ctx, inst, vec![press(p, false, button)]);
            frame(&ctx, inst, vec![]);
        };
        click(&mut inst, 400.0, egui::PointerButton::Primary);
        assert!((inst.marker_px[0] - 400.0).abs() < 1.0, "A under the click");
        click(&mut inst, 650.0, egui::PointerButton::Secondary);
        assert!(
            (inst.marker_px[1] - 650.0).abs() < 1.0,
            "B under the right click"
        );
    }

    #[test]
    fn a_mirrored_trace_maps_distances_both_ways() {
        let mut inst = instrument();
        let s = &mut inst.shown[0];
        s.origin_m = 500.0;
        s.span_m = Some(3000.0);
        let m = s.mirror(true);
        // 500 m of launch cable, then the link seen from B: 1000 m along it is 2000 m
        // from A.
        assert_eq!(s.to_display(1500.0, m), 2000.0);
        assert_eq!(s.to_along(2000.0, m), 1500.0);
        assert_eq!(s.to_display(1500.0, s.mirror(false)), 1000.0);
        assert_eq!(s.to_along(1000.0, None), 1500.0);
    }

    /// Plot distance under screen x, from the markers' drawn places (A at `marker_a`,
    /// B at `marker_b`): the same linear map the plot uses.
    fn plot_x_at(inst: &Instrument, px: f32) -> f64 {
        let [ax, ..] = inst.marker_px;
        inst.marker_a + (px - ax) as f64 * m_per_px(inst)
    }

    fn settle(ctx: &egui::Context, inst: &mut Instrument) {
        for _ in 0..3 {
            frame(ctx, inst, vec![]);
        }
    }

    fn wheel(pos: egui::Pos2, dy: f32) -> Vec<egui::Event> {
        vec![
            egui::Event::PointerMoved(pos),
            egui::Event::MouseWheel {
                unit: egui::MouseWheelUnit::Point,
                delta: egui::vec2(0.0, dy),
                phase: egui::TouchPhase::Move,
                modifiers: Default::default(),
            },
        ]
    }

    #[test]
    fn the_wheel_zooms_the_distances_around_the_pointer() {
        let ctx = egui::Context::default();
        let mut inst = instrument();
        settle(&ctx, &mut inst);
        let px = 300.0;
        let under = plot_x_at(&inst, px);
        let (x0, x1) = inst.view_x;
        frame(&ctx, &mut inst, wheel(egui::pos2(px, 250.0), 50.0));
        frame(&ctx, &mut inst, vec![]);
        // 50 points of wheel: the span shrinks by e^(50/200) = 1.284, by hand.
        let span = inst.view_x.1 - inst.view_x.0;
        let expected = (x1 - x0) / crate::math::exp(50.0 / 200.0);
        assert!(
            (span - expected).abs() < 0.01 * expected,
            "span {span} m, {expected} m by hand"
        );
        // The distance under the pointer stays under it (within a pixel's worth).
        let now = plot_x_at(&inst, px);
        assert!(
            (now - under).abs() < m_per_px(&inst),
            "{now} m under the pointer, {under} m before"
        );
        // Turned back, the wheel zooms out by as much.
        frame(&ctx, &mut inst, wheel(egui::pos2(px, 250.0), -50.0));
        frame(&ctx, &mut inst, vec![]);
        let back = inst.view_x.1 - inst.view_x.0;
        assert!((back - (x1 - x0)).abs() < 0.01 * (x1 - x0), "{back}");
        // Away from the plot the wheel does nothing to it.
        let before = inst.view_x;
        frame(&ctx, &mut inst, wheel(egui::pos2(900.0, 700.0), 50.0));
        frame(&ctx, &mut inst, vec![]);
        assert_eq!(inst.view_x, before);
    }

    /// Issue 23: the levels zoom too. Shift and the wheel zoom the vertical axis alone
    /// (50 points: e^(50/200) = 1.284, by hand), the distances staying; the ↕ buttons
    /// zoom it by 1.5 about the middle.
    #[test]
    fn shift_and_the_wheel_or_the_buttons_zoom_the_levels() {
        let ctx = egui::Context::default();
        let mut inst = instrument();
        settle(&ctx, &mut inst);
        let (x, (y0, y1)) = (inst.view_x, inst.view_y);
        let mut events = wheel(egui::pos2(300.0, 250.0), 50.0);
        for e in &mut events {
            if let egui::Event::MouseWheel { modifiers, .. } = e {
                modifiers.shift = true;
            }
        }
        frame(&ctx, &mut inst, events);
        frame(&ctx, &mut inst, vec![]);
        let span = inst.view_y.1 - inst.view_y.0;
        let expected = (y1 - y0) / crate::math::exp(50.0 / 200.0);
        assert!(
            (span - expected).abs() < 0.01 * expected,
            "levels span {span} dB, {expected} dB by hand"
        );
        assert!(
            (inst.view_x.0 - x.0).abs() < 1e-6 && (inst.view_x.1 - x.1).abs() < 1e-6,
            "the distances stay: {:?} then {:?}",
            x,
            inst.view_x
        );
        let (y0, y1) = inst.view_y;
        inst.view_request = Some(ViewRequest::LevelsIn);
        frame(&ctx, &mut inst, vec![]);
        frame(&ctx, &mut inst, vec![]);
        let narrow = inst.view_y.1 - inst.view_y.0;
        assert!(((y1 - y0) / narrow - 1.5).abs() < 0.01, "{narrow}");
        assert!(((inst.view_y.0 + inst.view_y.1) - (y0 + y1)).abs() < 1e-3);
        inst.view_request = Some(ViewRequest::LevelsOut);
        frame(&ctx, &mut inst, vec![]);
        frame(&ctx, &mut inst, vec![]);
        let back = inst.view_y.1 - inst.view_y.0;
        assert!((back - (y1 - y0)).abs() < 1e-3 * (y1 - y0), "{back}");
    }

    #[test]
    fn a_chosen_event_zooms_the_view_on_it_and_the_buttons_zoom_about_the_centre() {
        let ctx = egui::Context::default();
        let mut inst = instrument();
        settle(&ctx, &mut inst);
        inst.view_request = Some(ViewRequest::Event(1200.0));
        frame(&ctx, &mut inst, vec![]);
        frame(&ctx, &mut inst, vec![]);
        let (x0, x1) = inst.view_x;
        // A 30 ns pulse is 3.06 m of fibre at n = 1.468 (c·τ/2n); 40 of them: 122.5 m.
        let pulse_m = 299_792_458.0 * 30e-9 / (2.0 * 1.4682);
        let expected = 40.0 * pulse_m;
        assert!(((x0 + x1) / 2.0 - 1200.0).abs() < 0.5, "{x0}..{x1}");
        assert!(((x1 - x0) - expected).abs() < 1.0, "{x0}..{x1}, {expected}");
        inst.view_request = Some(ViewRequest::ZoomOut);
        frame(&ctx, &mut inst, vec![]);
        frame(&ctx, &mut inst, vec![]);
        let wide = inst.view_x.1 - inst.view_x.0;
        assert!((wide - 1.5 * (x1 - x0)).abs() < 1.0, "{wide}");
        assert!(((inst.view_x.0 + inst.view_x.1) / 2.0 - 1200.0).abs() < 0.5);
        // Fit: from the trace's start to a little past the fibre's end (2 000 m here):
        // 2 000 × 1.15 + 100 = 2 400 m.
        inst.view_request = Some(ViewRequest::Fit);
        frame(&ctx, &mut inst, vec![]);
        frame(&ctx, &mut inst, vec![]);
        assert!(
            inst.view_x.0.abs() < 1.0 && (inst.view_x.1 - 2400.0).abs() < 1.0,
            "{:?}",
            inst.view_x
        );
    }

    /// Issue 23: a trace taken before the launch cable was connected measures from
    /// another origin; the next one, with the cables, puts it aside (unticked). Two
    /// traces with the cables at two wavelengths stay overlaid.
    #[test]
    fn a_trace_of_another_origin_is_put_aside() {
        use crate::exercise::Exercise;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/otdr/first-trace-practice.ron");
        let loaded = crate::scenario::load::load_file(&path).expect("scenario");
        let mut ex = Exercise::generate(&loaded.scenario, 1);
        let mut set_up = Config {
            wavelength_nm: 1310.0,
            pulse_ns: 30.0,
            range_m: 5000.0,
            averaging_s: 15.0,
            ior: 1.4677,
            backscatter_db: None,
            direction: Direction::AtoB,
            launch_cable: false,
            receive_cable: false,
        };
        let mut at = 0;
        let mut acquire = |ex: &mut Exercise, c: &Config| {
            at += 60_000;
            ex.apply(at, OtdrAction::Acquire(c.clone()).into())
                .expect("acquired");
        };
        acquire(&mut ex, &set_up);
        set_up.launch_cable = true;
        set_up.receive_cable = true;
        acquire(&mut ex, &set_up);
        set_up.wavelength_nm = 1550.0;
        set_up.ior = 1.4682;
        acquire(&mut ex, &set_up);
        let st = ex.state.otdr().expect("otdr");
        let mut inst = Instrument::default();
        sync(&mut inst, st, None, 1, 7, 0, 600_000, Mode::Practice);
        let shown: Vec<bool> = inst.shown.iter().map(|s| s.visible).collect();
        assert_eq!(shown, [false, true, true]);
    }

    #[test]
    fn the_set_up_is_kept_between_fibres_and_taken_back_on_resume() {
        use crate::exercise::Exercise;
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("scenarios/otdr/first-trace-practice.ron");
        let loaded = crate::scenario::load::load_file(&path).expect("scenario");
        let mut ex = Exercise::generate(&loaded.scenario, 1);
        let set_up = Config {
            wavelength_nm: 1550.0,
            pulse_ns: 30.0,
            range_m: 5000.0,
            averaging_s: 20.0,
            ior: 1.4682,
            backscatter_db: None,
            direction: Direction::AtoB,
            launch_cable: true,
            receive_cable: true,
        };
        ex.apply(0, OtdrAction::Acquire(set_up.clone()).into())
            .expect("acquired");
        let st = ex.state.otdr().expect("otdr");
        // Resumed (a fresh screen): the set-up of the last acquisition.
        let mut inst = Instrument::default();
        sync(&mut inst, st, None, 1, 7, 0, 60_000, Mode::Practice);
        assert_eq!(inst.form, set_up);
        // Another fibre of the same attempt, not measured yet: the set-up on screen.
        let fresh = Exercise::generate(&loaded.scenario, 1);
        let blank = fresh.state.otdr().expect("otdr");
        inst.form.pulse_ns = 100.0;
        sync(&mut inst, blank, None, 1, 7, 1, 60_000, Mode::Practice);
        assert_eq!(inst.form.pulse_ns, 100.0);
        assert_eq!(inst.form.range_m, 5000.0);
        // A job resumed on a fibre not measured yet: the job's last acquisition.
        let mut again = Instrument::default();
        sync(
            &mut again,
            blank,
            Some(&set_up),
            1,
            8,
            2,
            60_000,
            Mode::Practice,
        );
        assert_eq!(again.form, set_up);
        // Another attempt with nothing measured starts from the instrument's defaults.
        let mut other = Instrument::default();
        sync(&mut other, blank, None, 1, 9, 0, 0, Mode::Practice);
        assert_eq!(other.form.pulse_ns, Instrument::default().form.pulse_ns);
    }
}
