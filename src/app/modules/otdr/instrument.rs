//! The instrument's state: what is shown, the tab, the view asked for, the live averaging;
//! kept in step with the exercise (`sync_instrument`, `sync`).

use std::time::Instant;

use bevy::prelude::*;
use bevy_egui::egui;

use crate::app::flow::Current;
use crate::exercise::otdr::{AcqRecord, Config, Direction, OtdrState, Verdict, default_ior};
use crate::physics::otdr::{Acquisition, Trace};
use crate::plot::MinMaxPyramid;
use crate::scenario::{EventType, Mode};

pub(super) const COLOURS: [egui::Color32; 4] = [
    egui::Color32::from_rgb(0x1f, 0x5f, 0xc8),
    egui::Color32::from_rgb(0xc0, 0x1c, 0x28),
    egui::Color32::from_rgb(0x1e, 0x8a, 0x3c),
    egui::Color32::from_rgb(0x8a, 0x3c, 0xb3),
];
pub(super) struct Shown {
    pub(super) trace: Trace,
    pub(super) pyramid: MinMaxPyramid,
    pub(super) origin_m: f64,
    /// For a B→A trace, the span it measured: it can be drawn mirrored onto the A→B
    /// distances.
    pub(super) span_m: Option<f64>,
    pub(super) visible: bool,
    pub(super) label: String,
    /// Where the analysis found the end of the fibre, along the trace, m.
    pub(super) end_along_m: Option<f64>,
}
/// What the area under the trace shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Tab {
    Report,
    Instrument,
}
/// What the trace view is asked to do on its next frame.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(super) enum ViewRequest {
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
    pub(super) fn mirror(&self, on: bool) -> Option<f64> {
        self.span_m.filter(|_| on)
    }

    /// Display distance of a distance along the trace (from the instrument's port).
    pub(super) fn to_display(&self, along_m: f64, mirror: Option<f64>) -> f64 {
        let d = along_m - self.origin_m;
        mirror.map_or(d, |span| span - d)
    }

    /// Distance along the trace of a display distance (the inverse of `to_display`).
    pub(super) fn to_along(&self, display_m: f64, mirror: Option<f64>) -> f64 {
        mirror.map_or(display_m, |span| span - display_m) + self.origin_m
    }
}
pub(super) struct Averaging {
    pub(super) index: usize,
    pub(super) acq: Acquisition,
    pub(super) started: Instant,
    /// Simulated seconds per real second.
    pub(super) speed: f64,
    pub(super) last_update: Option<Instant>,
}
#[derive(Resource)]
pub(super) struct Instrument {
    /// The attempt, its seed and the fibre connected (a job's test stage): a change
    /// starts the screen afresh.
    pub(super) key: Option<(i64, u64, usize)>,
    pub(super) form: Config,
    pub(super) shown: Vec<Shown>,
    pub(super) averaging: Option<Averaging>,
    pub(super) selected: usize,
    /// Draw B→A traces mirrored onto the A→B distances.
    pub(super) mirror: bool,
    pub(super) marker_a: f64,
    pub(super) marker_b: f64,
    pub(super) window_m: f64,
    pub(super) dragging: Option<u8>,
    /// Screen x of markers A and B and of the LSA window's edges, as last drawn.
    pub(super) marker_px: [f32; 4],
    /// Where the plot was drawn, last frame.
    pub(super) plot_rect: egui::Rect,
    /// The distances the plot showed last frame.
    pub(super) view_x: (f64, f64),
    /// The levels the plot showed last frame, dB.
    pub(super) view_y: (f64, f64),
    pub(super) view_request: Option<ViewRequest>,
    /// The report line chosen (its index): numbered on the trace, zoomed on.
    pub(super) picked: Option<usize>,
    /// Under the trace: the report, or the instrument's table.
    pub(super) tab: Tab,
    /// Height of the new line's form as last drawn.
    pub(super) form_height: f32,
    /// Height of the tool row above the trace as last drawn (its help wraps).
    pub(super) tools_height: f32,
    /// The traces and the report are to be saved (the button was pressed).
    pub(super) save: bool,
    pub(super) row_kind: EventType,
    pub(super) row_distance: f64,
    pub(super) row_loss: f64,
    pub(super) row_has_loss: bool,
    pub(super) row_reflectance: f64,
    pub(super) row_has_reflectance: bool,
    pub(super) row_verdict: Verdict,
    pub(super) link_length: f64,
    pub(super) link_loss: f64,
    pub(super) link_verdict: Verdict,
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
/// Takes in the exercise's acquisitions (a new one starts averaging on screen).
pub(super) fn sync_instrument(current: Res<Current>, mut inst: ResMut<Instrument>) {
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
        super::super::job::connected_fibre(&ex.state),
        live.now_ms(),
        ex.scenario.mode,
    );
}
/// Whether two traces measure from different origins: one with the launch cable, one
/// without (the shortest launch cable is a hundred metres; the same cable read at
/// another wavelength's group index moves by a few decimetres only).
pub(super) fn other_origin(a_m: f64, b_m: f64) -> bool {
    (a_m - b_m).abs() > 5.0
}
pub(super) fn label_of(c: &Config) -> String {
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
pub(super) fn shown_of(trace: Trace, st: &OtdrState, r: &AcqRecord) -> Shown {
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
pub(super) const NOISE_BAND_DB: f64 = 1.5;
/// The decimated trace as the screen draws it (the readings use the trace itself).
pub(super) fn display_pyramid(trace: &Trace) -> MinMaxPyramid {
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
pub(super) fn sync(
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
