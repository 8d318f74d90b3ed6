//! The cable opened in mid-span, drawn (issue 28): the sheath with its label, upstream
//! (the PM) on the left and downstream on the right; the window's two ring cuts, dragged
//! to length before the sheath comes off; then the tubes side by side in their colours
//! (13 to 24 with a black ring, 25 to 36 with two...), each a strip to draw the tube
//! shaver along from one end of the window to the other. Where the hand strays past a
//! tube's edge, the blade scores its neighbour: the stroke goes to the engine as drawn,
//! and the engine says what the blade did. Tubes cut show their fibres, tubes passed
//! whole go to the basket, a tube scored shows its notch.

use bevy_egui::egui;

use crate::app::theme;
use crate::app::widgets::note_control;
use crate::exercise::boxwork::{BoxWork, TUBE_WALL_PCT};
use crate::exercise::{Action, JobAction};
use crate::i18n::{Lang, Msg, tr};
use crate::physics::cable::ColourCode;
use crate::scenario::closure::work::through_cable;

/// The span of cable drawn, mm: the longest window a hand may open and a sheath on each
/// side.
const SPAN_MM: f64 = crate::limits::WINDOW_MM.max + 600.0;
/// How many steps the stroke is told in (bins along the window).
const STROKE_STEPS: usize = 20;
/// A stroke covers the window where it starts and ends this close to its ends (a share
/// of its length).
const STROKE_ENDS: f32 = 0.12;

/// A stroke of the shaver being drawn: the tube, and the pointer's places, each as its
/// share of the window's length and its offset from the tube's axis in hundredths of
/// the tube's width.
#[derive(Clone, Debug, Default)]
pub(super) struct Shave {
    tube: u32,
    points: Vec<(f32, f32)>,
}

/// The hand on the cable between frames: the window's length as set (the side panel's
/// field too), the shaver's stroke being drawn, and whether the last one was too short
/// to open the tube.
pub(super) struct CableHand {
    pub(super) window_mm: f64,
    stroke: Option<Shave>,
    short: bool,
}

impl Default for CableHand {
    fn default() -> Self {
        CableHand {
            window_mm: 1000.0,
            stroke: None,
            short: false,
        }
    }
}

/// The colour of tube `n` and its black rings (13 to 24: one, FTTH-JOBS §3.2).
fn tube_colour(code: ColourCode, n: u32) -> (egui::Color32, u32) {
    let base = (n - 1) % 12 + 1;
    let c = code
        .colour(base)
        .map(theme::colour32)
        .unwrap_or(egui::Color32::GRAY);
    (c, (n - 1) / 12)
}

/// The stroke as the engine takes it: in `STROKE_STEPS` bins along the window, each the
/// farthest offset drawn in it (a hand's slip between two frames is not lost), else
/// the offset between the neighbouring places drawn.
fn stroke_of(points: &[(f32, f32)]) -> Vec<i32> {
    let mut sorted = points.to_vec();
    sorted.sort_by(|a, b| a.0.total_cmp(&b.0));
    let at = |x: f32| -> f32 {
        match sorted.iter().position(|p| p.0 >= x) {
            None => sorted.last().map_or(0.0, |p| p.1),
            Some(0) => sorted[0].1,
            Some(i) => {
                let (a, b) = (sorted[i - 1], sorted[i]);
                let t = if b.0 > a.0 {
                    (x - a.0) / (b.0 - a.0)
                } else {
                    0.0
                };
                a.1 + (b.1 - a.1) * t
            }
        }
    };
    let max = crate::limits::SHAVER_OFFSET_PCT.max as f32;
    (0..STROKE_STEPS)
        .map(|i| {
            let (lo, hi) = (
                i as f32 / STROKE_STEPS as f32,
                (i + 1) as f32 / STROKE_STEPS as f32,
            );
            let inside = sorted
                .iter()
                .filter(|p| p.0 >= lo && p.0 < hi)
                .map(|p| p.1)
                .max_by(|a, b| a.abs().total_cmp(&b.abs()));
            let o = inside.unwrap_or_else(|| at((lo + hi) / 2.0));
            o.clamp(-max, max).round() as i32
        })
        .collect()
}

/// The cable drawn up to `right`, and the gestures on it: the window's ends dragged to
/// length before it is opened, the shaver drawn along a tube after.
pub(super) fn the_cable(
    ui: &mut egui::Ui,
    right: f32,
    lang: Lang,
    w: &BoxWork,
    code: ColourCode,
    hand: &mut CableHand,
    acts: &mut Vec<Action>,
) {
    let Some((cable, _)) = through_cable(&w.plan) else {
        return;
    };
    let n = w.tubes().max(1);
    // Once every tube is cut or passed, the cable is drawn small: the box below is the
    // work now, and the notches stay in sight.
    let compact =
        w.window_mm.is_some() && (1..=n).all(|t| w.cut.contains(&t) || w.passed.contains(&t));
    let tube_h = if compact {
        (24.0 / n as f32).clamp(3.0, 6.0)
    } else {
        (96.0 / n as f32).clamp(6.0, 20.0)
    };
    let core_h = tube_h * n as f32;
    let width = ui.available_width().min(right - ui.cursor().left());
    let height = core_h + if compact { 8.0 } else { 58.0 };
    let (rect, _) = ui.allocate_exact_size(egui::vec2(width, height), egui::Sense::hover());
    let painter = ui.painter_at(rect);
    let font = egui::FontId::proportional(12.0);
    let ink = ui.visuals().text_color();
    let (x0, x1) = (rect.left() + 64.0, rect.right() - 56.0);
    let k = (x1 - x0) / SPAN_MM as f32;
    let cx = (x0 + x1) / 2.0;
    let top = rect.top() + if compact { 4.0 } else { 22.0 };
    let core = egui::Rect::from_min_max(egui::pos2(x0, top), egui::pos2(x1, top + core_h));
    let length = w.window_mm.unwrap_or(to_cm(hand.window_mm));
    let half = (length as f32 * k / 2.0).min((x1 - x0) / 2.0);
    let (wx0, wx1) = (cx - half, cx + half);
    painter.text(
        egui::pos2(rect.left() + 2.0, core.center().y),
        egui::Align2::LEFT_CENTER,
        if compact {
            cable.cb_etiquet.clone()
        } else {
            format!("{}\n{}", cable.cb_etiquet, tr(lang, "app-box-upstream"))
        },
        font.clone(),
        ink,
    );
    painter.text(
        egui::pos2(rect.right() - 2.0, core.center().y),
        egui::Align2::RIGHT_CENTER,
        tr(lang, "app-box-downstream"),
        font.clone(),
        ink,
    );
    let sheath = egui::Color32::from_gray(60);
    // The window's length, drawn under it.
    let dim_y = core.bottom() + 12.0;
    if !compact {
        window_length(&painter, (wx0, wx1), dim_y, &font, ink, lang, length);
    }
    let Some(_) = w.window_mm else {
        painter.rect_filled(core, 3.0, sheath);
        painter.text(
            egui::pos2(cx, rect.top() + 2.0),
            egui::Align2::CENTER_TOP,
            tr(lang, "app-box-drag-window"),
            font,
            ink,
        );
        window_ends(ui, &painter, core, (wx0, wx1), k, &mut hand.window_mm);
        crate::app::widgets::note_value(ui.ctx(), "window-set-mm", to_cm(hand.window_mm));
        return;
    };
    // The sheath on each side, the tubes bare in the window.
    for (a, b) in [(x0, wx0), (wx1, x1)] {
        painter.rect_filled(
            egui::Rect::from_min_max(egui::pos2(a, core.top()), egui::pos2(b, core.bottom())),
            3.0,
            sheath,
        );
    }
    let open = !w.closed;
    let hint = if hand.short {
        tr(lang, "app-box-shave-short")
    } else if open && !compact {
        tr(lang, "app-box-shave")
    } else {
        String::new()
    };
    painter.text(
        egui::pos2(cx, rect.top() + 2.0),
        egui::Align2::CENTER_TOP,
        hint,
        font.clone(),
        if hand.short { theme::WARN } else { ink },
    );
    let span = (wx1 - wx0).max(1.0);
    for t in 1..=n {
        let band = egui::Rect::from_min_max(
            egui::pos2(wx0, top + tube_h * (t - 1) as f32),
            egui::pos2(wx1, top + tube_h * t as f32),
        )
        .shrink2(egui::vec2(0.0, 0.5));
        tube(&painter, code, t, band, w, &font);
        let free = open && !w.cut.contains(&t) && !w.passed.contains(&t);
        if !free {
            continue;
        }
        let r = ui
            .interact(
                band,
                egui::Id::new(("box_tube_shave", t)),
                egui::Sense::drag(),
            )
            .on_hover_cursor(egui::CursorIcon::Crosshair);
        note_control(ui, &format!("tube-band-{t}"), band);
        if r.hovered() && hand.stroke.is_none() {
            painter.rect_stroke(
                band,
                2.0,
                egui::Stroke::new(1.5, theme::ACCENT),
                egui::StrokeKind::Outside,
            );
        }
        let place = |p: egui::Pos2| ((p.x - wx0) / span, (p.y - band.center().y) / tube_h * 100.0);
        if r.drag_started() {
            // The stroke starts where the button went down, not where the drag was
            // first told apart from a click.
            let origin = ui.input(|i| i.pointer.press_origin());
            hand.stroke = Some(Shave {
                tube: t,
                points: origin.map(place).into_iter().collect(),
            });
            hand.short = false;
        }
        let Some(s) = hand.stroke.as_mut().filter(|s| s.tube == t) else {
            continue;
        };
        if let Some(p) = r.interact_pointer_pos().map(place)
            && s.points.last() != Some(&p)
        {
            s.points.push(p);
        }
        // The stroke so far, and the shaver at its head.
        let drawn: Vec<egui::Pos2> = s
            .points
            .iter()
            .map(|(x, o)| egui::pos2(wx0 + x * span, band.center().y + o / 100.0 * tube_h))
            .collect();
        painter.add(egui::Shape::line(
            drawn.clone(),
            egui::Stroke::new(2.0, egui::Color32::from_gray(20)),
        ));
        if let Some(head) = drawn.last() {
            painter.rect_filled(
                egui::Rect::from_center_size(*head, egui::vec2(14.0, tube_h + 4.0)),
                2.0,
                egui::Color32::from_rgb(200, 60, 40),
            );
        }
        if r.drag_stopped() {
            let covers = s.points.iter().any(|p| p.0 <= STROKE_ENDS)
                && s.points.iter().any(|p| p.0 >= 1.0 - STROKE_ENDS);
            if covers {
                acts.push(Action::Job(JobAction::CutTube {
                    tube: t,
                    stroke: stroke_of(&s.points),
                }));
            } else {
                hand.short = true;
            }
            hand.stroke = None;
        }
    }
    // The notches the blade left.
    for nick in &w.nicks {
        if nick.tube == 0 || nick.tube > n {
            continue;
        }
        let y = top + tube_h * (nick.tube as f32 - 0.5);
        let x = wx0 + nick.at as f32 * span;
        let s = egui::Stroke::new(2.5, theme::BAD);
        if nick.depth_pct > TUBE_WALL_PCT {
            let d = (tube_h / 2.0).max(5.0);
            painter.line_segment([egui::pos2(x - d, y - d), egui::pos2(x + d, y + d)], s);
            painter.line_segment([egui::pos2(x - d, y + d), egui::pos2(x + d, y - d)], s);
        } else {
            let d = (tube_h / 3.0).max(4.0);
            painter.add(egui::Shape::line(
                vec![
                    egui::pos2(x - d, y - d),
                    egui::pos2(x, y + d),
                    egui::pos2(x + d, y - d),
                ],
                s,
            ));
        }
    }
    crate::app::widgets::note_value(ui.ctx(), "nicks", w.nicks.len() as f64);
    crate::app::widgets::note_value(ui.ctx(), "tubes-cut", w.cut.len() as f64);
}

/// A length to whole centimetres, as a tape reads it, mm.
pub(super) fn to_cm(mm: f64) -> f64 {
    (mm / 10.0).round() * 10.0
}

/// The window's length as a dimension line under it.
fn window_length(
    painter: &egui::Painter,
    (wx0, wx1): (f32, f32),
    y: f32,
    font: &egui::FontId,
    ink: egui::Color32,
    lang: Lang,
    length_mm: f64,
) {
    painter.line_segment(
        [egui::pos2(wx0, y), egui::pos2(wx1, y)],
        egui::Stroke::new(1.0, ink),
    );
    for x in [wx0, wx1] {
        painter.line_segment(
            [egui::pos2(x, y - 4.0), egui::pos2(x, y + 4.0)],
            egui::Stroke::new(1.0, ink),
        );
    }
    painter.text(
        egui::pos2((wx0 + wx1) / 2.0, y + 3.0),
        egui::Align2::CENTER_TOP,
        Msg::new("app-box-window-m")
            .num("m", length_mm / 1000.0, 2)
            .render(lang),
        font.clone(),
        ink,
    );
}

/// A tube in the window: its colour and rings, whole (passed to the basket, or not yet
/// worked) or cut with its fibres out.
fn tube(
    painter: &egui::Painter,
    code: ColourCode,
    t: u32,
    band: egui::Rect,
    w: &BoxWork,
    font: &egui::FontId,
) {
    let (colour, rings) = tube_colour(code, t);
    let outline = egui::Stroke::new(1.0, egui::Color32::from_gray(90));
    let part = |r: egui::Rect| {
        painter.rect_filled(r, 2.0, colour);
        painter.rect_stroke(r, 2.0, outline, egui::StrokeKind::Inside);
        // One black ring per dozen, every 60 px.
        let mut x = r.left() + 20.0;
        while rings > 0 && x < r.right() - 4.0 {
            for k in 0..rings {
                let xr = x + k as f32 * 4.0;
                painter.line_segment(
                    [egui::pos2(xr, r.top()), egui::pos2(xr, r.bottom())],
                    egui::Stroke::new(2.0, egui::Color32::BLACK),
                );
            }
            x += 60.0;
        }
    };
    if !w.cut.contains(&t) {
        part(band);
        if band.height() < 10.0 {
            return;
        }
        let label = format!("{t}");
        painter.text(
            band.left_center() + egui::vec2(4.0, 0.0),
            egui::Align2::LEFT_CENTER,
            if w.passed.contains(&t) {
                format!("{label} ↷")
            } else {
                label
            },
            font.clone(),
            contrast(colour),
        );
        return;
    }
    // Cut: the tube's stubs at each end, its fibres bare between.
    let stub = band.width() * 0.12;
    part(egui::Rect::from_min_size(
        band.min,
        egui::vec2(stub, band.height()),
    ));
    part(egui::Rect::from_min_max(
        egui::pos2(band.right() - stub, band.top()),
        band.max,
    ));
    let fibres = 6;
    for i in 0..fibres {
        let y = band.top() + band.height() * (i as f32 + 0.5) / fibres as f32;
        let c = code
            .colour(i * 2 + 1)
            .map(theme::colour32)
            .unwrap_or(egui::Color32::GRAY);
        painter.line_segment(
            [
                egui::pos2(band.left() + stub, y),
                egui::pos2(band.right() - stub, y),
            ],
            egui::Stroke::new(1.0, c),
        );
    }
}

/// Black or white, whichever reads on `c`.
fn contrast(c: egui::Color32) -> egui::Color32 {
    let l = 0.299 * f32::from(c.r()) + 0.587 * f32::from(c.g()) + 0.114 * f32::from(c.b());
    if l > 140.0 {
        egui::Color32::BLACK
    } else {
        egui::Color32::WHITE
    }
}

/// The window's two ring cuts before the sheath comes off: either dragged sideways sets
/// the length (the window stays centred), within what a hand may open.
fn window_ends(
    ui: &mut egui::Ui,
    painter: &egui::Painter,
    core: egui::Rect,
    (wx0, wx1): (f32, f32),
    k: f32,
    window_mm: &mut f64,
) {
    painter.rect_stroke(
        egui::Rect::from_min_max(egui::pos2(wx0, core.top()), egui::pos2(wx1, core.bottom())),
        0.0,
        egui::Stroke::new(1.5, egui::Color32::from_rgb(250, 220, 120)),
        egui::StrokeKind::Outside,
    );
    for (side, x) in [(-1.0f32, wx0), (1.0, wx1)] {
        let handle = egui::Rect::from_center_size(
            egui::pos2(x, core.center().y),
            egui::vec2(12.0, core.height() + 14.0),
        );
        let r = ui
            .interact(
                handle,
                egui::Id::new(("box_window_end", side as i32)),
                egui::Sense::drag(),
            )
            .on_hover_cursor(egui::CursorIcon::ResizeHorizontal);
        note_control(
            ui,
            if side > 0.0 {
                "window-end-right"
            } else {
                "window-end-left"
            },
            handle,
        );
        let fill = if r.hovered() || r.dragged() {
            theme::ACCENT
        } else {
            egui::Color32::from_rgb(250, 220, 120)
        };
        painter.rect_filled(handle, 3.0, fill);
        if r.dragged() {
            let dx = r.drag_delta().x * side;
            let l = &crate::limits::WINDOW_MM;
            *window_mm = (*window_mm + f64::from(2.0 * dx / k)).clamp(l.min, l.max);
        }
        if r.drag_stopped() {
            *window_mm = to_cm(*window_mm);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_stroke_keeps_the_farthest_slip_of_each_step_and_fills_between() {
        // Six places as the capture's drag gives them: straight, then off at 0.6.
        let pts = [
            (0.0, 0.0),
            (0.2, 0.0),
            (0.4, 10.0),
            (0.61, 70.0),
            (0.62, 20.0),
            (1.0, 0.0),
        ];
        let s = stroke_of(&pts);
        assert_eq!(s.len(), STROKE_STEPS);
        assert_eq!(s[12], 70, "the slip in its step: {s:?}");
        assert_eq!(s[0], 0);
        // Step 6's middle, 0.325, between 0.2 (0) and 0.4 (10): 6.25.
        assert_eq!(s[6], 6, "{s:?}");
        assert_eq!(tube_colour(ColourCode::StandardOrange, 14).1, 1);
        assert_eq!(
            tube_colour(ColourCode::StandardOrange, 14).0,
            tube_colour(ColourCode::StandardOrange, 2).0
        );
    }
}
