//! The fusion splicer's monitor, drawn with Bevy from the splicing state: the two fibre
//! ends as the X and Y cameras see them (cladding, core, the end faces with their angle,
//! chips, lips, hackle and dust), the gap, and after the arc the joint (core offset, bubble,
//! thin or fat neck) with the estimated loss. After SET the fusion cycle plays for a
//! couple of seconds: the gap closes to its setting, the ends align, the arc glows.
//! Sizes are in µm on a magnified scale; the end-face slant is magnified further so that
//! a 1° cleave shows (stated on screen).

use bevy::prelude::*;
use bevy::sprite::Anchor;

use super::super::ModuleView;
use crate::app::AppSet;
use crate::app::painter::{BenchCanvas, Painter, Shown, clear};
use crate::app::theme::drawn::BENCH;
use crate::exercise::splice::{Loaded, SpliceState, Stage};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::splice::{Alignment, Deformation, EndDefect};

/// Height of the monitor band above the splicer's controls, logical pixels.
pub const MONITOR_HEIGHT: f32 = 300.0;

const SCREEN: Color = Color::srgb(0.07, 0.10, 0.14);
const CLADDING: Color = Color::srgb(0.78, 0.80, 0.82);
const CORE: Color = Color::srgb(0.42, 0.45, 0.50);
const TEXT: Color = Color::srgb(0.80, 0.95, 0.80);
const ALERT: Color = Color::srgb(1.0, 0.55, 0.50);
const DUST: Color = Color::srgb(0.20, 0.16, 0.10);
const BUBBLE: Color = Color::srgb(0.10, 0.12, 0.16);
const ARC_GLOW: Color = Color::srgba(0.75, 0.85, 1.0, 0.55);
const ARC_CORE: Color = Color::srgb(0.97, 0.98, 1.0);

/// Cladding diameter, µm.
const CLAD_UM: f32 = 125.0;
/// How much more the end-face slant is magnified than the rest.
const SLANT_GAIN: f32 = 10.0;

/// The fusion cycle on the monitor after SET, seconds from the fusing gesture: the gap
/// closes to its setting, the cores align, the arc glows, then the joint shows.
pub const GAP_END_S: f32 = 0.8;
pub const ALIGN_END_S: f32 = 1.4;
pub const ARC_END_S: f32 = 2.2;

/// Which step of the fusion cycle a time since SET falls in (`None`: over, the joint
/// shows). Frames are drawn anew at each 1/20 s step of it.
pub fn cycle_step(since_set_s: f32) -> Option<u32> {
    (0.0..ARC_END_S)
        .contains(&since_set_s)
        .then_some((since_set_s * 20.0) as u32)
}

pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        redraw
            .in_set(AppSet::Redraw)
            .run_if(in_state(ModuleView::Splice)),
    )
    .add_systems(OnExit(ModuleView::Splice), clear);
}

/// Draws the monitor again when what it shows changes: a gesture, the language, the
/// window, a step of the fusion cycle.
fn redraw(
    mut canvas: BenchCanvas,
    mut drawn: Local<Option<(Shown, Option<u32>)>>,
    mut ends_map: ResMut<super::ends::EndsMap>,
) {
    let Some((sheet, mut d)) = canvas.parts() else {
        return;
    };
    let ex = &sheet.live.session.exercise;
    let Some(sp) = ex.state.splicing() else {
        return;
    };
    // The fusion cycle plays on the monitor after the SET that fused the splice still in
    // the splicer (not for a log replayed ahead of the clock).
    let since_set_s = sp
        .splicer
        .in_splicer
        .and_then(|i| sp.splicer.records.get(i))
        .and_then(|r| {
            let at = ex.log.get(r.action_index)?.at_ms;
            Some(sheet.live.now_ms().checked_sub(at)? as f32 / 1000.0)
        });
    let now = (sheet.shown(), since_set_s.and_then(cycle_step));
    if !d.fresh(&mut drawn, now) {
        return;
    }
    let mut p = d.painter();
    // The band under the task bar, from the left edge to the tools panel.
    let [left, right, top, _] = sheet.area([10.0, 20.0, 10.0, 0.0]);
    let bottom = top - MONITOR_HEIGHT;
    // While an end is being prepared the band shows the two ends on the bench; the
    // splicer's monitor (or the element) once they are in.
    if super::ends::shows_ends(sp) {
        *ends_map = super::ends::draw(&mut p, sheet.lang, sp, left, right, top, bottom);
        return;
    }
    *ends_map = super::ends::EndsMap::default();
    draw(
        &mut p,
        sheet.lang,
        sp,
        since_set_s,
        left,
        right,
        top,
        bottom,
    );
}

/// Draws the monitor in the band `left..right`, `top..bottom` (world coordinates).
/// `since_set_s`: time since the SET that fused the splice in the splicer, while its
/// cycle plays.
#[allow(clippy::too_many_arguments)]
fn draw(
    p: &mut Painter,
    lang: Lang,
    st: &SpliceState,
    since_set_s: Option<f32>,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
) {
    let sp = &st.splicer;
    if sp.mechanical.is_some() {
        draw_element(p, lang, st, left, right, top, bottom);
        return;
    }
    p.rect(left, bottom, right, top, SCREEN, 0.0);
    // Two camera views side by side.
    let mid = (left + right) / 2.0;
    let header = 26.0;
    let footer = 44.0;
    let views = [("X", left + 8.0, mid - 4.0), ("Y", mid + 4.0, right - 8.0)];
    let px_per_um = ((top - bottom - header - footer) / (CLAD_UM * 1.6)).min(1.2);
    let cy = (top - header + bottom + footer) / 2.0;
    // While the cycle plays, the ends are drawn as they move; the joint after.
    let cycle = since_set_s.filter(|t| cycle_step(*t).is_some());
    let fused = sp.stage == Stage::Fused && cycle.is_none();
    let record = if fused {
        sp.records.last().and_then(|r| r.fusion())
    } else {
        None
    };
    for (k, (name, x0, x1)) in views.iter().enumerate() {
        p.label_in(
            Msg::new("app-camera").text("axis", *name).render(lang),
            *x0 + 4.0,
            top - 4.0,
            14.0,
            Anchor::TOP_LEFT,
            TEXT,
        );
        let xc = (x0 + x1) / 2.0;
        let half = CLAD_UM / 2.0 * px_per_um;
        let core_half = (9.0 / 2.0 * px_per_um).max(1.5);
        if let Some(r) = record {
            // The joint: one fibre, the right core shifted by the offset seen on this
            // camera (half of it on each, at 45°), magnified ×5 to be seen.
            let shift = r.core_offset_um as f32 * std::f32::consts::FRAC_1_SQRT_2;
            let shift_px = shift * px_per_um * 5.0 * if k == 0 { 1.0 } else { -1.0 };
            let neck = match r.deformation {
                Deformation::Thin => -0.18 * half,
                Deformation::Fat => 0.15 * half,
                Deformation::None => 0.0,
            };
            p.rect(*x0, cy - half, xc - 30.0, cy + half, CLADDING, 1.0);
            p.rect(xc + 30.0, cy - half, *x1, cy + half, CLADDING, 1.0);
            p.rect(
                xc - 30.0,
                cy - half - neck,
                xc + 30.0,
                cy + half + neck,
                CLADDING,
                1.0,
            );
            p.rect(*x0, cy - core_half, xc, cy + core_half, CORE, 2.0);
            p.rect(
                xc,
                cy - core_half + shift_px,
                *x1,
                cy + core_half + shift_px,
                CORE,
                2.0,
            );
            if r.bubble {
                let b = half * 0.35;
                p.rect(
                    xc - b,
                    cy + half * 0.2 - b,
                    xc + b,
                    cy + half * 0.2 + b,
                    BUBBLE,
                    3.0,
                );
            }
        } else {
            let set_gap = sp.settings.gap_um as f32;
            let loaded = sp.holders.iter().all(|h| h.is_some());
            // The cycle: from the loading gap to the set gap, then the right end moves
            // onto the left core, then the ends meet in the arc.
            let (gap_um, lift_um, arc) = match cycle {
                Some(t) if t < GAP_END_S => {
                    let f = t / GAP_END_S;
                    (400.0 + (set_gap - 400.0) * f, 6.0, false)
                }
                Some(t) if t < ALIGN_END_S => {
                    let f = (t - GAP_END_S) / (ALIGN_END_S - GAP_END_S);
                    (set_gap, 6.0 * (1.0 - f), false)
                }
                Some(t) => {
                    let f = (t - ALIGN_END_S) / (ARC_END_S - ALIGN_END_S);
                    (set_gap * (1.0 - f), 0.0, true)
                }
                None if loaded => (set_gap, 0.0, false),
                None => (400.0, 0.0, false),
            };
            let gap = gap_um * px_per_um / 2.0;
            for (side, holder) in sp.holders.iter().enumerate() {
                let Some(l) = holder else { continue };
                let dir = if side == 0 { 1.0 } else { -1.0 };
                let far = if side == 0 { *x0 } else { *x1 };
                // Before alignment the right end sits off the left one's axis.
                let dy = if side == 1 {
                    lift_um * px_per_um * 5.0
                } else {
                    0.0
                };
                end_face(p, l, far, xc - dir * gap, cy + dy, half, core_half, dir, k);
            }
            if arc {
                // The arc between the electrodes: a bright glow over the gap.
                let w = 26.0;
                p.rect(
                    xc - w,
                    cy - half * 1.3,
                    xc + w,
                    cy + half * 1.3,
                    ARC_GLOW,
                    6.0,
                );
                p.rect(
                    xc - w / 2.5,
                    cy - half,
                    xc + w / 2.5,
                    cy + half,
                    ARC_CORE,
                    7.0,
                );
            }
        }
        // The angle each end shows, under its end.
        if !fused {
            for (side, holder) in sp.holders.iter().enumerate() {
                if let Some(l) = holder {
                    let x = if side == 0 { xc - 60.0 } else { xc + 60.0 };
                    p.label_in(
                        format!("{:.1}°", l.end.angle_deg),
                        x,
                        cy - half - 8.0,
                        14.0,
                        Anchor::TOP_CENTER,
                        if l.end.angle_deg > sp.settings.cleave_limit_deg {
                            ALERT
                        } else {
                            TEXT
                        },
                    );
                }
            }
        }
    }
    // The status line, as on the unit.
    let (line, colour) = match (&sp.stage, cycle) {
        (Stage::Fused, Some(t)) => {
            let key = if t < GAP_END_S {
                "app-cycle-gap"
            } else if t < ALIGN_END_S {
                match sp.settings.alignment {
                    Alignment::Core => "app-cycle-align",
                    Alignment::Cladding => "app-cycle-align-cladding",
                }
            } else {
                "app-cycle-arc"
            };
            (tr(lang, key), TEXT)
        }
        _ => match &sp.stage {
            Stage::Loading if sp.holders.iter().all(|h| h.is_some()) => {
                (tr(lang, "app-splicer-ready"), TEXT)
            }
            Stage::Loading => (tr(lang, "app-monitor-load"), TEXT),
            Stage::Paused => (tr(lang, "app-splicer-paused"), TEXT),
            Stage::Stopped { errors } => (
                errors
                    .iter()
                    .map(|e| e.msg().render(lang))
                    .collect::<Vec<_>>()
                    .join(" · "),
                ALERT,
            ),
            Stage::Fused => match sp.records.last().and_then(|r| r.fusion()) {
                Some(r) => {
                    let mut s = Msg::new("app-splicer-estimate")
                        .num("est", r.estimate_db, 2)
                        .render(lang);
                    for e in &r.errors {
                        s.push_str(" · ");
                        s.push_str(&e.msg().render(lang));
                    }
                    let c = if r.errors.is_empty() { TEXT } else { ALERT };
                    (s, c)
                }
                None => (String::new(), TEXT),
            },
        },
    };
    p.label_in(
        line,
        left + 12.0,
        bottom + 10.0,
        16.0,
        Anchor::BOTTOM_LEFT,
        colour,
    );
    p.label_in(
        Msg::new("app-monitor-scale")
            .num("gain", SLANT_GAIN as f64, 0)
            .render(lang),
        right - 12.0,
        bottom + 10.0,
        12.0,
        Anchor::BOTTOM_RIGHT,
        TEXT,
    );
}

/// One fibre end: the cladding from the holder to the end face, the core along its axis,
/// the face drawn in horizontal strips so that its slant, chips, lips and hackle show.
#[allow(clippy::too_many_arguments)]
fn end_face(
    p: &mut Painter,
    l: &Loaded,
    far: f32,
    end: f32,
    cy: f32,
    half: f32,
    core_half: f32,
    dir: f32,
    camera: usize,
) {
    let strips = 16;
    let h = 2.0 * half / strips as f32;
    // The slant seen by this camera (the X camera sees the angle, the Y one a part of it).
    let seen = if camera == 0 { 1.0 } else { 0.5 };
    let slope = (l.end.angle_deg as f32).to_radians().tan() * SLANT_GAIN * seen;
    let has = |d: EndDefect| l.end.defects.contains(&d);
    for i in 0..strips {
        let y0 = cy - half + i as f32 * h;
        let yc = y0 + h / 2.0 - cy;
        let mut tip = end - dir * slope * yc;
        // Top edge: a lip sticks out, a chip is missing.
        if i >= strips - 2 && has(EndDefect::Lip) {
            tip += dir * 6.0;
        }
        if i >= strips - 3 && has(EndDefect::Chip) {
            tip -= dir * (10.0 - 2.0 * (strips - 1 - i) as f32);
        }
        // Hackle: a rough band across the lower half of the face.
        if i < strips / 2 && has(EndDefect::Hackle) {
            tip -= dir * [0.0, 4.0, 1.0, 5.0, 2.0, 6.0, 0.0, 3.0][i % 8];
        }
        let (a, b) = if dir > 0.0 { (far, tip) } else { (tip, far) };
        p.rect(a, y0, b, y0 + h + 0.5, CLADDING, 1.0);
    }
    let (a, b) = if dir > 0.0 {
        (far, end - 2.0)
    } else {
        (end + 2.0, far)
    };
    p.rect(a, cy - core_half, b, cy + core_half, CORE, 2.0);
    if l.end.dirty {
        for (dx, dy) in [(-14.0, 0.5), (-30.0, -0.3), (-22.0, 0.8)] {
            let x = end + dir * dx;
            let y = cy + dy * half;
            p.rect(x - 3.0, y - 3.0, x + 3.0, y + 3.0, DUST, 3.0);
        }
    }
}

const ELEMENT: Color = Color::srgb(0.55, 0.58, 0.62);
const GROOVE: Color = Color::srgb(0.35, 0.37, 0.40);
const GEL: Color = Color::srgb(0.55, 0.75, 0.95);
const COATING: Color = Color::srgb(0.85, 0.25, 0.20);
const INK: Color = Color::srgb(0.15, 0.15, 0.15);

/// A mechanical splice element seen from above: its body, the V-groove with the gel in
/// the middle, each fibre pushed in from its side (coating, then bare glass up to its
/// cleave), the gap between the two faces to scale ×20. Closed, the body darkens.
#[allow(clippy::too_many_arguments)]
fn draw_element(
    p: &mut Painter,
    lang: Lang,
    st: &SpliceState,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
) {
    let sp = &st.splicer;
    let Some(el) = sp.mechanical else {
        return;
    };
    p.rect(left, bottom, right, top, BENCH, 0.0);
    p.label_in(
        tr(lang, "app-element-title"),
        left + 12.0,
        top - 8.0,
        15.0,
        Anchor::TOP_LEFT,
        INK,
    );
    let xc = (left + right) / 2.0;
    let cy = (top + bottom) / 2.0 + 10.0;
    // The element: 40 mm long on screen as 60 % of the band.
    let half_len = (right - left) * 0.3;
    let px_per_mm = half_len / 20.0;
    let closed = sp.holders.iter().all(|h| h.is_none())
        && sp
            .records
            .last()
            .is_some_and(|r| !r.broken && r.fusion().is_none());
    let body = if closed { GROOVE } else { ELEMENT };
    p.rect(
        xc - half_len,
        cy - 28.0,
        xc + half_len,
        cy + 28.0,
        body,
        1.0,
    );
    p.rect(
        xc - half_len,
        cy - 2.0,
        xc + half_len,
        cy + 2.0,
        GROOVE,
        2.0,
    );
    if el.gel {
        p.rect(
            xc - 4.0 * px_per_mm,
            cy - 5.0,
            xc + 4.0 * px_per_mm,
            cy + 5.0,
            GEL,
            3.0,
        );
    }
    // The fibres: loaded ones from the holders, or the closed joint's ends.
    let ends: [Option<f64>; 2] = match (&sp.holders, sp.records.last()) {
        ([None, None], Some(r)) if closed => {
            let gap_mm = r.joint_gap_mm();
            [Some(gap_mm / 2.0), Some(gap_mm / 2.0)]
        }
        // Loaded: how far short of the stop the face sits (the stop takes up 0.5 mm;
        // each mm more leaves 20 µm, as in `MechanicalJoint::new`).
        (h, _) => h.clone().map(|l| {
            l.map(|l| ((l.cleave_length_mm - el.gauge_mm).abs() - 0.5).max(0.0) * 0.020 + 0.0005)
        }),
    };
    for (k, end) in ends.iter().enumerate() {
        let Some(short_mm) = end else { continue };
        let dir = if k == 0 { -1.0 } else { 1.0 };
        // The face: at the centre, back by the gap (magnified ×20 to be seen).
        let face = xc + dir * (0.5 + *short_mm as f32 * px_per_mm * 20.0).min(half_len * 0.9);
        let far = xc + dir * (half_len + 60.0);
        let (a, b) = if dir < 0.0 { (far, face) } else { (face, far) };
        p.rect(a, cy - 1.5, b, cy + 1.5, CLADDING, 4.0);
        let coat = xc + dir * (half_len * 0.6);
        let (a, b) = if dir < 0.0 { (far, coat) } else { (coat, far) };
        p.rect(a, cy - 4.0, b, cy + 4.0, COATING, 5.0);
    }
    let status = if closed {
        tr(lang, "app-element-done")
    } else {
        tr(lang, "app-element-open")
    };
    p.label_in(
        status,
        left + 12.0,
        bottom + 32.0,
        15.0,
        Anchor::BOTTOM_LEFT,
        INK,
    );
    let facts = format!(
        "{} · {}",
        Msg::new("app-element-gauge")
            .num("mm", el.gauge_mm, 0)
            .render(lang),
        Msg::new("app-element-gel")
            .msg("yes", Msg::new(if el.gel { "app-yes" } else { "app-no" }))
            .render(lang)
    );
    p.label_in(
        facts,
        left + 12.0,
        bottom + 10.0,
        13.0,
        Anchor::BOTTOM_LEFT,
        INK,
    );
}
