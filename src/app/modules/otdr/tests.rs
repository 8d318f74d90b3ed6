//! The OTDR screen's egui tests: marker drags and wheel zoom with raw egui input.

use bevy::prelude::*;
use bevy_egui::egui;

use super::instrument::{Instrument, Shown, ViewRequest, sync};
use super::setup::follow_wavelength;
use super::trace::trace_view;
use crate::exercise::OtdrAction;
use crate::exercise::otdr::{Config, Direction};
use crate::i18n::Lang;
use crate::plot::MinMaxPyramid;
use crate::scenario::Mode;

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
