//! The cable end and the fibre in hand, drawn to scale: the sheath, the strength
//! members, the tubes and the fibres fanned out; one fibre end as it is now (also drawn
//! by the splicer's ends view).

use bevy::prelude::*;

use crate::app::flow::Screen;
use crate::app::painter::{BenchItem, INK, Painter, rgb};
use crate::exercise::prep::{EndDefect, FibreRef, FibreState, PrepState};
use crate::i18n::{Lang, Msg};
use crate::physics::cable::{CableKind, ColourCode};

use super::canvas::*;

pub(super) fn draw_cable(
    p: &mut Painter,
    lang: Lang,
    st: &PrepState,
    target_mm: f64,
    [left, right, top, bottom]: [f32; 4],
    map: &mut BenchMap,
) {
    let geo = st.cable.default_geometry();
    let stripped = st.sheath_strip_mm.unwrap_or(0.0);
    let view_mm = (target_mm.max(stripped) * 1.3).max(100.0);
    let x0 = left + 10.0;
    let ppm = (right - x0) / view_mm as f32;
    let x = |mm: f64| x0 + mm as f32 * ppm;
    let band_h = (top - bottom - 70.0).min(170.0);
    let cy = top - 40.0 - band_h / 2.0;
    // Vertical magnification so that the cable fills the band.
    let k = band_h / geo.height_mm.max(geo.outer_mm) as f32;
    let title = Msg::new("app-view-cable")
        .num("scale", (k / ppm) as f64, 0)
        .render(lang);
    p.label(title, left, top, 15.0, bevy::sprite::Anchor::TOP_LEFT);

    let sheath_colour = match st.cable {
        CableKind::TightBuffered { .. } => Color::srgb(0.95, 0.85, 0.15),
        CableKind::LooseTube { .. } | CableKind::FlatDrop { .. } => Color::srgb(0.10, 0.10, 0.11),
    };
    let half = geo.height_mm as f32 * k / 2.0;
    // Sheath from the cut to the right edge (the whole cable if not stripped yet).
    p.rect(x(stripped), cy - half, right, cy + half, sheath_colour, 1.0);
    p.rect(
        x(stripped) - 1.0,
        cy - half,
        x(stripped) + 1.0,
        cy + half,
        Color::srgb(0.4, 0.4, 0.4),
        1.5,
    );
    if stripped > 0.0 {
        draw_core(p, lang, st, &geo, x0, ppm, cy, k, stripped, &mut map.fibres);
    }
    // Ruler: millimetres from the cable end. A drag along the cable or the ruler marks
    // a length.
    let (step, minor) = nice_step(view_mm);
    p.ruler(x0, cy - half - 14.0, ppm, 1.0, view_mm, step, minor);
    map.cable = Some(Ruler {
        zero_x: x0,
        px_per_mm: ppm,
        y_min: cy - half - 40.0,
        y_max: cy + half,
        max_mm: view_mm,
    });
    p.label(
        Msg::new("app-ruler-mm").render(lang),
        right,
        cy - half - 44.0,
        13.0,
        bevy::sprite::Anchor::TOP_RIGHT,
    );
    // The gesture this drawing takes next, announced on it: the sheath's length marked
    // on the ruler, then a fibre taken by a click.
    let cue_y = cy - half - 72.0;
    if st.sheath_strip_mm.is_none() {
        if let Some(r) = map.cable {
            let rect = r.rect();
            p.target(
                rect.min.x - 4.0,
                rect.min.y,
                rect.max.x + 4.0,
                rect.max.y,
                7.0,
            );
        }
        p.cue(
            Msg::new("app-cue-drag-sheath").render(lang),
            x0,
            cue_y,
            13.0,
        );
    } else if st.in_hand.is_none() && !map.fibres.is_empty() {
        let (mut lo, mut hi) = (Vec2::splat(f32::MAX), Vec2::splat(f32::MIN));
        for (r, _) in &map.fibres {
            lo = lo.min(r.min);
            hi = hi.max(r.max);
        }
        p.target(lo.x - 3.0, lo.y - 3.0, hi.x + 3.0, hi.y + 3.0, 7.0);
        p.cue(
            Msg::new("app-cue-click-fibre").render(lang),
            x0,
            cue_y,
            13.0,
        );
    }
}

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_core(
    p: &mut Painter,
    lang: Lang,
    st: &PrepState,
    geo: &crate::physics::cable::CableGeometry,
    x0: f32,
    ppm: f32,
    cy: f32,
    k: f32,
    stripped: f64,
    hits: &mut Vec<(Rect, FibreRef)>,
) {
    let x = |mm: f64| x0 + mm as f32 * ppm;
    let xs = x(stripped);
    let half_h = geo.height_mm as f32 * k / 2.0;
    // Strength members: full length until cut, then `keep` beyond the sheath.
    let member_from = match &st.strength {
        Some(c) => x((stripped - c.keep_mm).max(0.0)),
        None => x0,
    };
    let code = st.colour_code;
    match st.cable {
        CableKind::LooseTube {
            tubes,
            fibres_per_tube,
            ..
        } => {
            let m = geo.strength_member_mm as f32 * k / 2.0;
            // The member magnified like the rest would hide the tubes: cap its share.
            let m = m.min(18.0);
            member(
                p,
                lang,
                member_from,
                xs,
                cy,
                m,
                "app-member-central",
                cy + half_h,
            );
            if geo.aramid {
                // The yarns, cut with the members.
                for i in 0..3 {
                    let yy = cy + m + 2.0 + i as f32 * 2.5;
                    p.rect(member_from, yy, xs, yy + 1.5, ARAMID, 2.1);
                }
            }
            let n = tubes as usize;
            let per_side = n.div_ceil(2);
            let avail = (geo.height_mm as f32 * k / 2.0 - m - 8.0).max(20.0);
            let tube_h = (avail / per_side as f32 - 3.0).clamp(6.0, 26.0);
            for i in 0..n {
                let pos = i as u32 + 1;
                let side = if i < per_side { 1.0 } else { -1.0 };
                let j = if i < per_side { i } else { i - per_side } as f32;
                let yc = cy + side * (m + 6.0 + tube_h / 2.0 + j * (tube_h + 3.0));
                let colour = code.colour(pos).map(rgb).unwrap_or(INK);
                tube_or_fibres(
                    p,
                    st,
                    pos,
                    fibres_per_tube,
                    [x0, xs, ppm, yc, tube_h, cy - half_h, cy + half_h],
                    colour,
                    hits,
                );
            }
        }
        CableKind::TightBuffered { fibres } => {
            if st.strength.is_none() {
                for i in 0..6 {
                    let yy = cy - 40.0 + i as f32 * 16.0;
                    p.rect(x0, yy, xs, yy + 2.0, ARAMID, 2.0);
                }
            } else {
                p.rect(
                    member_from,
                    cy - 30.0,
                    xs,
                    cy + 30.0,
                    ARAMID.with_alpha(0.5),
                    2.0,
                );
            }
            let lane = (geo.height_mm as f32 * k - 20.0) / fibres as f32;
            let fh = (lane * 0.7).clamp(3.0, 12.0);
            for i in 0..fibres {
                let yc = cy + geo.height_mm as f32 * k / 2.0 - 10.0 - lane * (i as f32 + 0.5);
                let colour = code.colour(i + 1).map(rgb).unwrap_or(INK);
                let id = FibreRef {
                    tube: None,
                    fibre: i + 1,
                };
                fibre_line(p, st.fibre(id), x0, xs, yc, fh, colour);
                hits.push((fibre_hit(x0, xs, yc, fh), id));
            }
        }
        CableKind::FlatDrop { fibres } => {
            let rod = 12.0;
            let off = geo.height_mm as f32 * k / 2.0 - rod;
            for s in [-1.0, 1.0] {
                let key = if s > 0.0 { "app-member-rods" } else { "" };
                member(
                    p,
                    lang,
                    member_from,
                    xs,
                    cy + s * off,
                    rod / 2.0,
                    key,
                    cy + half_h,
                );
            }
            let tube_h = (2.0 * off - 2.0 * rod).max(12.0);
            tube_or_fibres(
                p,
                st,
                1,
                fibres,
                [x0, xs, ppm, cy, tube_h, cy - half_h, cy + half_h],
                Color::srgb(0.92, 0.92, 0.90),
                hits,
            );
        }
    }
}

/// A strength member from `x0` to `x1` on the axis `y`, `half` thick each side, outlined
/// so that it shows on the bench; once cut short, named (`key`, none when empty) above
/// the cable (`label_y`) with a leader line down to it.
#[allow(clippy::too_many_arguments)]
fn member(
    p: &mut Painter,
    lang: Lang,
    x0: f32,
    x1: f32,
    y: f32,
    half: f32,
    key: &str,
    label_y: f32,
) {
    p.rect(x0 - 1.0, y - half - 1.0, x1, y + half + 1.0, INK, 1.9);
    p.rect(x0, y - half, x1, y + half, MEMBER, 2.0);
    if !key.is_empty() && x1 - x0 < 120.0 {
        let x = (x0 + x1) / 2.0;
        p.line(x, y + half, x, label_y + 2.0, 1.0, INK, 3.8);
        p.label(
            Msg::new(key).render(lang),
            x,
            label_y + 2.0,
            12.0,
            bevy::sprite::Anchor::BOTTOM_CENTER,
        );
    }
}

/// A loose tube: closed, or opened with its fibres showing (and gel if not removed).
fn tube_or_fibres(
    p: &mut Painter,
    st: &PrepState,
    pos: u32,
    fibres: u32,
    [x0, xs, ppm, yc, tube_h, band_lo, band_hi]: [f32; 7],
    colour: Color,
    hits: &mut Vec<(Rect, FibreRef)>,
) {
    let half = tube_h / 2.0;
    if !st.tubes_open.contains(&pos) {
        p.rect(x0, yc - half, xs, yc + half, colour, 3.0);
    } else {
        // A 40 mm stub of tube is kept beyond the sheath, as in a closure.
        let stub = (xs - 40.0 * ppm).max(x0);
        p.rect(stub, yc - half, xs, yc + half, colour, 3.0);
        let lane = tube_h / fibres as f32;
        // Out of the tube the fibres are fanned out on the bench, a lane of at least
        // FAN_LANE_PX each, so that each can be seen and picked by a click.
        let spread = (FAN_LANE_PX * fibres as f32).max(tube_h);
        let fan_lane = spread / fibres as f32;
        let fan_x = (stub - FAN_LENGTH_PX).max(x0 + (stub - x0) * 0.5);
        // The fan stays within the cable's band.
        let fan_c = yc.min(band_hi - spread / 2.0).max(band_lo + spread / 2.0);
        for f in 0..fibres {
            let y_in = yc + half - lane * (f as f32 + 0.5);
            let y = fan_c + spread / 2.0 - fan_lane * (f as f32 + 0.5);
            let fc = st.colour_code.colour(f + 1).map(rgb).unwrap_or(INK);
            let id = FibreRef {
                tube: if st.cable.tube_count() > 1 {
                    Some(pos)
                } else {
                    None
                },
                fibre: f + 1,
            };
            let h = (fan_lane * 0.6).clamp(1.5, 6.0);
            fibre_line(p, st.fibre(id), x0, fan_x, y, h, fc);
            segment(
                p,
                Vec2::new(fan_x, y),
                Vec2::new(stub, y_in),
                (lane * 0.6).clamp(1.0, h),
                fc,
            );
            // Half a lane each side: neighbours do not overlap.
            let mut hit = fibre_hit(x0, fan_x, y, h);
            hit.min.y = hit.min.y.max(y - fan_lane / 2.0);
            hit.max.y = hit.max.y.min(y + fan_lane / 2.0);
            hits.push((hit, id));
        }
        if st.cable.gel() && !st.tubes_degelled.contains(&pos) {
            p.rect(x0, yc - half - 2.0, stub, yc + half + 2.0, GEL, 4.0);
        }
    }
    if st.tubes_damaged.contains(&pos) {
        let xm = (x0 + xs) / 2.0;
        p.rect(
            xm - 8.0,
            yc - half - 3.0,
            xm + 8.0,
            yc + half + 3.0,
            DAMAGE,
            4.5,
        );
    }
}

/// One fibre in the cable view; a fibre taken in hand is outlined.
fn fibre_line(
    p: &mut Painter,
    f: Option<&FibreState>,
    x0: f32,
    x1: f32,
    y: f32,
    h: f32,
    colour: Color,
) {
    if f.is_some() {
        p.rect(
            x0,
            y - h / 2.0 - 2.0,
            x1,
            y + h / 2.0 + 2.0,
            Color::srgb(0.1, 0.4, 1.0),
            3.4,
        );
    }
    p.rect(x0, y - h / 2.0, x1, y + h / 2.0, colour, 3.5);
}

#[allow(clippy::too_many_arguments)]
pub(super) fn draw_fibre(
    p: &mut Painter,
    lang: Lang,
    st: &PrepState,
    left: f32,
    right: f32,
    top: f32,
    bottom: f32,
) -> Option<Ruler> {
    let view_mm = 60.0f64;
    let xc = right - 120.0; // the coating edge
    let ppm = (xc - left - 20.0) / view_mm as f32;
    let cy = (top + bottom) / 2.0 + 10.0;
    let coat_h = 36.0f32;
    let k = coat_h / crate::physics::cable::COATING_DIAMETER_MM as f32;
    p.label(
        Msg::new("app-view-fibre")
            .num("scale", (k / ppm) as f64, 0)
            .render(lang),
        left,
        top,
        15.0,
        bevy::sprite::Anchor::TOP_LEFT,
    );
    let Some(f) = st.in_hand_state().or_else(|| st.fibres.last()) else {
        p.label(
            Msg::new("app-no-fibre-yet").render(lang),
            (left + right) / 2.0,
            cy,
            16.0,
            bevy::sprite::Anchor::CENTER,
        );
        return None;
    };
    let code: ColourCode = st.colour_code;
    let colour = code.colour(f.id.fibre).map(rgb).unwrap_or(INK);
    p.label(
        f.id.describe(code).render(lang),
        left,
        top - 22.0,
        14.0,
        bevy::sprite::Anchor::TOP_LEFT,
    );
    let buffered = st.cable.tight_buffered();
    let outer_h = if buffered { coat_h * 3.6 } else { coat_h };
    let view = EndView {
        edge: xc,
        far: right,
        dir: -1.0,
        ppm,
        cy,
        coat_h,
        buffered,
    };
    draw_end(p, lang, f, colour, &view);
    p.ruler(xc, cy - outer_h / 2.0 - 24.0, ppm, -1.0, view_mm, 10.0, 10);
    let ruler = Ruler {
        zero_x: xc,
        px_per_mm: -ppm,
        y_min: cy - outer_h / 2.0 - 50.0,
        y_max: cy + outer_h / 2.0,
        max_mm: view_mm,
    };
    p.label(
        Msg::new("app-ruler-glass").render(lang),
        left,
        cy - outer_h / 2.0 - 62.0,
        13.0,
        bevy::sprite::Anchor::TOP_LEFT,
    );
    // The fibre in hand takes a length marked on its ruler: the coating's strip, then
    // the cleave.
    if st.in_hand.is_some()
        && let Some(key) = fibre_cue(f)
    {
        let a = ruler.x_of(ruler.max_mm);
        p.target(a - 4.0, ruler.y_min, xc + 4.0, ruler.y_max, 7.0);
        let y = (cy + outer_h / 2.0 + 40.0).min(top - 48.0);
        p.cue(Msg::new(key).render(lang), left, y, 13.0);
    }
    if st.shards_pending > 0 {
        p.label(
            Msg::new("app-shards-on-bench")
                .int("n", st.shards_pending)
                .render(lang),
            right,
            bottom + 10.0,
            15.0,
            bevy::sprite::Anchor::BOTTOM_RIGHT,
        );
        for i in 0..st.shards_pending.min(8) {
            let xx = right - 20.0 - i as f32 * 24.0;
            p.rect(xx - 9.0, bottom + 36.0, xx + 9.0, bottom + 40.0, GLASS, 2.0);
        }
    }
    Some(ruler)
}

/// The cue on a fibre's ruler: what a length marked there sets (the coating's strip,
/// or the cleave once stripped); `None` once cleaved well.
pub(in crate::app::modules) fn fibre_cue(f: &FibreState) -> Option<&'static str> {
    match (&f.cleave, f.coating_strip_mm) {
        (None, None) => Some("app-cue-drag-coating"),
        (None, Some(_)) => Some("app-cue-drag-cleave"),
        (Some(_), _) => None,
    }
}

/// Where and how one fibre end is drawn: its coating edge at `edge`, the coated fibre
/// back to `far`, the bare glass from the edge towards `dir` (+1 right, −1 left), to
/// scale at `ppm` pixels a millimetre; thicknesses from the coating's `coat_h` pixels.
pub(in crate::app::modules) struct EndView {
    pub(in crate::app::modules) edge: f32,
    pub(in crate::app::modules) far: f32,
    pub(in crate::app::modules) dir: f32,
    pub(in crate::app::modules) ppm: f32,
    pub(in crate::app::modules) cy: f32,
    pub(in crate::app::modules) coat_h: f32,
    pub(in crate::app::modules) buffered: bool,
}

impl EndView {
    /// The outer diameter drawn (a tight buffer is 900 µm over the 250 µm coating).
    pub(in crate::app::modules) fn outer_h(&self) -> f32 {
        if self.buffered {
            self.coat_h * 3.6
        } else {
            self.coat_h
        }
    }

    /// Where the glass `mm` from the coating edge is drawn.
    pub(in crate::app::modules) fn x_of(&self, mm: f64) -> f32 {
        self.edge + self.dir * mm as f32 * self.ppm
    }
}

/// One fibre end as it is now: coating (and tight buffer), the sleeve parked on it, the
/// bare glass stripped or cleaved to scale with its end face (the angle drawn ten times
/// larger, its defects), dirt, gel or coating left on the glass, a nick; a fibre that
/// broke is drawn snapped at the coating edge, with what to do next.
pub(in crate::app::modules) fn draw_end(
    p: &mut Painter,
    lang: Lang,
    f: &FibreState,
    colour: Color,
    v: &EndView,
) {
    let (xc, cy, coat_h, dir) = (v.edge, v.cy, v.coat_h, v.dir);
    let outer_h = v.outer_h();
    let glass_h = coat_h / 2.0;
    let span = |a: f32, b: f32| (a.min(b), a.max(b));
    // Coated part from the coating edge back to the far side.
    let (a, b) = span(xc, v.far);
    p.rect(a, cy - outer_h / 2.0, b, cy + outer_h / 2.0, colour, 2.0);
    if v.buffered {
        let (a, b) = span(xc, xc - dir * 3.0);
        p.rect(
            a,
            cy - coat_h / 2.0,
            b,
            cy + coat_h / 2.0,
            colour.darker(0.2),
            2.1,
        );
    }
    if f.sleeve {
        // The heat-shrink sleeve parked on the coated fibre, away from the glass.
        // Drawn as an outline so the fibre's colour stays readable through it.
        let s0 = xc - dir * 25.0;
        let (y0, y1) = (cy - outer_h / 2.0 - 8.0, cy + outer_h / 2.0 + 8.0);
        let edge = Color::srgb(0.35, 0.45, 0.75);
        let (a, b) = span(s0, v.far);
        p.rect(a, y0, b, y0 + 2.0, edge, 2.6);
        p.rect(a, y1 - 2.0, b, y1, edge, 2.6);
        p.rect(s0 - 1.0, y0, s0 + 1.0, y1, edge, 2.6);
        let anchor = if dir < 0.0 {
            bevy::sprite::Anchor::BOTTOM_RIGHT
        } else {
            bevy::sprite::Anchor::BOTTOM_LEFT
        };
        p.label(
            Msg::new("app-sleeve").render(lang),
            v.far,
            y1 + 4.0,
            13.0,
            anchor,
        );
    }
    if f.broken() {
        // Snapped at the coating edge: a jagged stub of glass and the break in red.
        let stub = xc + dir * 6.0;
        for (k, h) in [0.9f32, 0.5, 1.0, 0.35, 0.8].iter().enumerate() {
            let x = xc + dir * (k as f32 * 1.5);
            let (a, b) = span(x, stub - dir * (k as f32 % 2.0) * 2.0);
            p.rect(
                a,
                cy - glass_h * h / 2.0,
                b,
                cy + glass_h * h / 2.0,
                GLASS,
                2.0,
            );
        }
        p.line(
            stub - dir * 4.0,
            cy - glass_h,
            stub + dir * 4.0,
            cy + glass_h,
            3.0,
            BROKEN,
            6.4,
        );
        p.line(
            stub - dir * 4.0,
            cy + glass_h,
            stub + dir * 4.0,
            cy - glass_h,
            3.0,
            BROKEN,
            6.4,
        );
        let anchor = if dir < 0.0 {
            bevy::sprite::Anchor::BOTTOM_RIGHT
        } else {
            bevy::sprite::Anchor::BOTTOM_LEFT
        };
        // Above the sleeve's name, so that both read.
        p.label_in(
            Msg::new("app-fibre-broken").render(lang),
            stub + dir * 10.0,
            cy + outer_h / 2.0 + 28.0,
            14.0,
            anchor,
            BROKEN,
        );
        return;
    }
    let bare = match (&f.cleave, f.coating_strip_mm) {
        (Some(c), _) => Some(c.length_mm),
        (None, Some(s)) => Some(s),
        _ => None,
    };
    let Some(b) = bare else {
        return;
    };
    let tip = v.x_of(b);
    let (a, bb) = span(tip, xc);
    p.rect(a, cy - glass_h / 2.0, bb, cy + glass_h / 2.0, GLASS, 2.0);
    if let Some(c) = &f.cleave {
        // The end face, its angle drawn ten times larger so that it can be seen.
        let tilt = ((c.angle_deg * 10.0).to_radians() as f32).tan() * glass_h;
        p.commands.spawn((
            BenchItem,
            DespawnOnExit(Screen::Exercise),
            Sprite::from_color(INK, Vec2::new(2.0, glass_h + 6.0)),
            Transform::from_xyz(tip, cy, 6.0)
                .with_rotation(Quat::from_rotation_z((tilt / glass_h).atan())),
        ));
        for d in &c.defects {
            let (dy, colour) = match d {
                EndDefect::Hackle => (glass_h / 4.0, DAMAGE),
                EndDefect::Lip => (glass_h / 2.0, Color::srgb(0.6, 0.1, 0.6)),
                EndDefect::Chip => (-glass_h / 2.0, Color::srgb(0.9, 0.4, 0.0)),
            };
            p.rect(
                tip - 5.0,
                cy + dy - 3.0,
                tip + 5.0,
                cy + dy + 3.0,
                colour,
                6.5,
            );
        }
        p.label(
            Msg::new("app-angle")
                .num("angle", c.angle_deg, 2)
                .render(lang),
            tip,
            cy + glass_h + 30.0,
            14.0,
            bevy::sprite::Anchor::BOTTOM_CENTER,
        );
    } else {
        // A stripped, uncleaved end is ragged.
        let (a, bb) = span(tip, tip + dir * 3.0);
        p.rect(a, cy - glass_h / 2.0, bb, cy + glass_h / 4.0, GLASS, 2.0);
    }
    if !f.glass_clean || f.end_dirty {
        let n = 6;
        for i in 0..n {
            let xx = tip + (xc - tip) * (i as f32 + 0.5) / n as f32;
            let yy = cy
                + if i % 2 == 0 {
                    glass_h / 3.0
                } else {
                    -glass_h / 3.0
                };
            p.rect(xx - 2.0, yy - 2.0, xx + 2.0, yy + 2.0, DIRT, 6.0);
        }
    }
    if f.gel_residue {
        p.rect(a, cy - glass_h, bb, cy + glass_h, GEL, 6.2);
    }
    if f.coating_residue {
        for i in 0..4 {
            let xx = tip + (xc - tip) * (i as f32 + 0.3) / 4.0;
            p.rect(
                xx,
                cy + glass_h / 2.0,
                xx + 6.0,
                cy + glass_h / 2.0 + 4.0,
                colour,
                6.1,
            );
        }
    }
    if f.nicked {
        let xx = tip + (xc - tip) * 0.6;
        p.rect(
            xx - 2.0,
            cy,
            xx + 2.0,
            cy + glass_h / 2.0 + 2.0,
            DAMAGE,
            6.3,
        );
    }
}
