//! OTDR trace analysis from the trace alone (it never sees the link): event detection
//! with loss, reflectance and end-of-fibre thresholds, 4-point least-squares loss,
//! reflectance from the peak height, section attenuation, total loss, ORL; bidirectional
//! averaging and macrobend flagging (REFERENCE.md A.3, A.7–A.10). The trainee's markers
//! use the same line fits.

use serde::{Deserialize, Serialize};

use super::otdr::Trace;
use crate::math;

/// Detection thresholds (REFERENCE A.9).
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Thresholds {
    pub splice_loss_db: f64,
    pub reflectance_db: f64,
    pub end_of_fibre_db: f64,
}

impl Default for Thresholds {
    fn default() -> Self {
        Thresholds {
            splice_loss_db: 0.05,
            reflectance_db: -72.0,
            end_of_fibre_db: 3.0,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum EventKind {
    NonReflective,
    Reflective,
    /// Reflective with the receiver saturated: the reflectance is a lower bound.
    Saturated,
    End,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct MeasuredEvent {
    pub index: usize,
    pub distance_m: f64,
    pub kind: EventKind,
    /// 4-point LSA loss, dB; `None` when the event sits in another's dead zone.
    pub loss_db: Option<f64>,
    pub reflectance_db: Option<f64>,
    /// Attenuation of the section before this event, dB/km.
    pub section_db_per_km: Option<f64>,
    pub cumulative_loss_db: f64,
    /// Trace indices the loss was read from, in the order of the .sor key-event markers
    /// ML1..ML5 (REFERENCE F.7): start of the fit before the event, the event, start of
    /// the fit after it, end of that fit, and the highest point (the reflectance peak).
    #[serde(default)]
    pub markers: [usize; 5],
    /// A group of events closer than the dead zone: where its last event lies, m. The
    /// loss is the whole group's.
    #[serde(default)]
    pub group_end_m: Option<f64>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub events: Vec<MeasuredEvent>,
    /// Level just after the start minus level just before the end, dB.
    pub total_loss_db: Option<f64>,
    pub orl_db: Option<f64>,
    pub end_m: Option<f64>,
}

/// Least-squares line fits over any index range in O(1), from prefix sums of y, x·y and
/// y². Counts, Σx and Σx² have closed forms, and each fit works in coordinates local to
/// its window, which keeps the sums well conditioned far along a long trace.
pub struct Fitter {
    sy: Vec<f64>,
    sxy: Vec<f64>,
    syy: Vec<f64>,
}

/// A fitted line y = a + b·i (i in points).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Line {
    pub a: f64,
    pub b: f64,
    /// Residual standard deviation.
    pub rms: f64,
    pub n: usize,
}

impl Line {
    pub fn at(&self, i: f64) -> f64 {
        self.a + self.b * i
    }
}

impl Fitter {
    pub fn new(y: &[f64]) -> Fitter {
        let mut sy = Vec::with_capacity(y.len() + 1);
        let mut sxy = Vec::with_capacity(y.len() + 1);
        let mut syy = Vec::with_capacity(y.len() + 1);
        let (mut a, mut b, mut c) = (0.0, 0.0, 0.0);
        sy.push(0.0);
        sxy.push(0.0);
        syy.push(0.0);
        for (i, &v) in y.iter().enumerate() {
            a += v;
            b += i as f64 * v;
            c += v * v;
            sy.push(a);
            sxy.push(b);
            syy.push(c);
        }
        Fitter { sy, sxy, syy }
    }

    /// Window sums in local coordinates x' = i − i0: (n, Σx', Σx'², Σy, Σx'y).
    fn sums(&self, i0: usize, i1: usize) -> Option<(f64, f64, f64, f64, f64, usize)> {
        let i1 = i1.min(self.sy.len() - 1);
        if i1 < i0 + 3 {
            return None;
        }
        let n = (i1 - i0) as f64;
        let sy = self.sy[i1] - self.sy[i0];
        let sxy = self.sxy[i1] - self.sxy[i0] - i0 as f64 * sy;
        let sx = n * (n - 1.0) / 2.0;
        let sxx = (n - 1.0) * n * (2.0 * n - 1.0) / 6.0;
        Some((n, sx, sxx, sy, sxy, i1))
    }

    /// The line through points `i0..i1` without its residual (cheaper, for scans), as
    /// (a, b) with y = a + b·i.
    pub fn fit_line(&self, i0: usize, i1: usize) -> Option<(f64, f64)> {
        let (n, sx, sxx, sy, sxy, _) = self.sums(i0, i1)?;
        let den = n * sxx - sx * sx;
        let b = (n * sxy - sx * sy) / den;
        let a_local = (sy - b * sx) / n;
        Some((a_local - b * i0 as f64, b))
    }

    /// The line of slope `b` (per point) closest to points `i0..i1`: its level is the
    /// mean of the points less the slope times the mean of their indices.
    pub fn fit_slope(&self, i0: usize, i1: usize, b: f64) -> Line {
        let i1 = i1.min(self.sy.len() - 1).max(i0 + 1);
        let n = (i1 - i0) as f64;
        let mean_y = (self.sy[i1] - self.sy[i0]) / n;
        let mean_x = (i0 + i1 - 1) as f64 / 2.0;
        Line {
            a: mean_y - b * mean_x,
            b,
            rms: 0.0,
            n: n as usize,
        }
    }

    /// The line through points `i0..i1` (half-open), if at least 3 points.
    pub fn fit(&self, i0: usize, i1: usize) -> Option<Line> {
        let (n, sx, sxx, sy, sxy, i1) = self.sums(i0, i1)?;
        let den = n * sxx - sx * sx;
        let b = (n * sxy - sx * sy) / den;
        let al = (sy - b * sx) / n;
        let syy = self.syy[i1] - self.syy[i0];
        let sse =
            syy - 2.0 * al * sy - 2.0 * b * sxy + al * al * n + 2.0 * al * b * sx + b * b * sxx;
        Some(Line {
            a: al - b * i0 as f64,
            b,
            rms: (sse.max(0.0) / n).sqrt(),
            n: n as usize,
        })
    }
}

/// Reflectance from a peak height above the backscatter (REFERENCE A.3), as an instrument
/// that knows its receiver reads it: R = K + 10·log10(τ_ns) + 10·log10((10^(H/5) − 1) / r),
/// with r the share of the height the receiver reaches within the pulse
/// ([`super::otdr::peak_reach`]).
pub fn reflectance_from_height(height_db: f64, backscatter_db: f64, pulse_ns: f64) -> f64 {
    let reach = super::otdr::peak_reach(pulse_ns);
    backscatter_db
        + 10.0 * math::log10(pulse_ns)
        + 10.0 * math::log10(((math::pow10(height_db / 5.0) - 1.0) / reach).max(1e-30))
}

/// Peak height of a reflectance above the backscatter, display dB (inverse of the above).
pub fn height_from_reflectance(reflectance_db: f64, backscatter_db: f64, pulse_ns: f64) -> f64 {
    let reach = super::otdr::peak_reach(pulse_ns);
    5.0 * math::log10(
        1.0 + reach
            * math::pow10((reflectance_db - backscatter_db - 10.0 * math::log10(pulse_ns)) / 10.0),
    )
}

/// Where the step detector of [`analyse`] peaks after a loss of `loss_db` (display dB,
/// negative for a gain) that starts at 0, points: the receiver spreads a step over the
/// pulse and its response, and the line after it is clean only past them, so the
/// strongest step is read a little late, the later the bigger the step (on the display a
/// large drop settles slowly). The same scan on the noiseless step through the same
/// receiver gives the offset to take back.
fn step_offset(w: usize, wd: usize, lf_pts: f64, slow_pts: f64, loss_db: f64) -> usize {
    let lead = wd + 4;
    let len = lead + 3 * (w + wd) + (12.0 * lf_pts + 6.0 * slow_pts) as usize + 8;
    let low = math::pow10(-loss_db / 5.0);
    let box_: Vec<f64> = (0..len)
        .map(|i| {
            let j = (i as f64 - lead as f64).clamp(0.0, w as f64) / w as f64;
            1.0 + (low - 1.0) * j
        })
        .collect();
    let through = |length: f64| {
        let mut v = box_.clone();
        if length > 0.0 {
            let a = math::exp(-1.0 / length);
            let mut y = v[0];
            for x in v.iter_mut() {
                y = a * y + (1.0 - a) * *x;
                *x = y;
            }
        }
        v
    };
    let (fast, slow) = (through(lf_pts), through(slow_pts));
    let share = super::otdr::SLOW_SHARE;
    let v: Vec<f64> = fast
        .iter()
        .zip(&slow)
        .map(|(f, s)| 5.0 * math::log10(((1.0 - share) * f + share * s).max(1e-30)))
        .collect();
    let f = Fitter::new(&v);
    let mut best = (lead, f64::MIN);
    for i in (lead.saturating_sub(w))..(len.saturating_sub(w + wd + 2)) {
        let (Some((ba, bb)), Some((aa, ab))) = (
            f.fit_line(i.saturating_sub(1 + wd), i.saturating_sub(1)),
            f.fit_line(i + w + 1, i + w + 1 + wd),
        ) else {
            continue;
        };
        let x = i as f64;
        let step = ((ba + bb * x) - (aa + ab * x)) * loss_db.signum();
        if step > best.1 + 1e-12 {
            best = (i, step);
        }
    }
    best.0.saturating_sub(lead)
}

/// How close to the backscatter the receiver must have come back before a fit starts
/// after a reflection: 0.01 dB on the display (a linear excess of 0.23 %), a tenth of the
/// smallest loss an instrument reports.
const RECOVERY_MARGIN: f64 = 0.0023;

/// The shortest section whose attenuation the table gives, m.
const MIN_SECTION_M: f64 = 100.0;

/// How close it must have come back for the next event to be an event of its own, not
/// one of a group: 0.05 dB (a linear 1.2 %), the smallest loss the default thresholds
/// report. Between the two the next event stands alone, and the fit after this one is
/// cut short before it.
const GROUP_MARGIN: f64 = 0.0116;

pub fn analyse(trace: &Trace, th: &Thresholds) -> Analysis {
    let y = &trace.levels_db;
    let n = y.len();
    let s = &trace.settings;
    let dx = trace.dx_m;
    let w = ((s.pulse_length_m() / dx).round() as usize).max(1);
    let lp = s.pulse_length_m();
    let lf_pts = super::otdr::receiver_length_m(lp) / dx;
    let fitter = Fitter::new(y);
    // How long the receiver takes to recover after a reflection at `idx`, in points past
    // its pulse (REFERENCE A.4): the instrument knows its own response, and reads how hard
    // the reflection drove it from the peak's height above the line before, and, where the
    // peak clipped, from how long it stayed clipped (each response length past the pulse
    // is a factor e past saturation). The fit after the event starts there.
    let clip = trace.saturation_db - 0.01;
    // The level is the backscatter's, read on the line before `from` (the first of a
    // group: a second reflection inside it stands on the same backscatter) or given.
    let recovery_pts = |idx: usize, from: usize, level: Option<f64>, margin: f64| -> usize {
        let window = (idx..(idx + 2 * w + 2).min(n)).map(|i| y[i]);
        let top = window.fold(f64::MIN, f64::max);
        let level = level.or_else(|| {
            fitter
                .fit_line(
                    from.saturating_sub(1 + 2 * w.max(5)),
                    from.saturating_sub(1),
                )
                .map(|(a, b)| a + b * idx as f64)
        });
        let Some(level) = level else { return 0 };
        // Two reflections within a pulse make one wider peak: the recovery counts from
        // where it ends (the last point in its top third, or within 1 dB of its top),
        // for a peak that stands a decibel or more above the backscatter.
        let height = top - level;
        let wide = if top < clip && height >= 1.0 {
            let look = (idx + 4 * w + 2).min(n);
            let near_top = top - (height / 3.0).min(1.0);
            y[idx..look]
                .iter()
                .rposition(|v| *v >= near_top)
                .map_or(0, |k| k.saturating_sub(w))
        } else {
            0
        };
        let mut ratio = (math::pow10((top - level) / 5.0) - 1.0).max(0.0);
        if top >= clip {
            // The last clipped point (the noise dips the trace under the clip before it).
            let reach_end = (idx + w + 1 + (30.0 * lf_pts) as usize).min(n);
            let clipped = y[idx..reach_end]
                .iter()
                .rposition(|v| *v >= clip)
                .map_or(0, |k| k + 1);
            let extra = clipped.saturating_sub(w) as f64 * dx;
            ratio *= math::exp((extra / super::otdr::receiver_length_m(lp)).min(30.0));
        }
        wide + (super::otdr::recovery_after_m(lp, ratio, margin) / dx).ceil() as usize
    };
    // The port: its own reflection, the launch's level read past a generous first skip.
    let first_skip = w + ((3.0 * super::otdr::receiver_length_m(lp) + lp) / dx).ceil() as usize;
    let launch_level = y
        .get(first_skip..(first_skip + 2 * w.max(5)).min(n))
        .filter(|v| !v.is_empty())
        .map(|v| v.iter().sum::<f64>() / v.len() as f64);
    let tail = first_skip.max(recovery_pts(0, 0, launch_level, RECOVERY_MARGIN));
    let h_thr = height_from_reflectance(th.reflectance_db, s.backscatter_db, s.pulse_ns).max(0.02);
    let noise_db = trace.noise_db;
    let wd = (2 * w).max(10);
    let live = |lvl: f64| lvl > noise_db + 4.0;

    // Event candidates. A step between the line before (ending just before i) and the
    // line after (starting past the pulse) peaks at the event; a reflection starts where
    // the trace jumps above the line before. Non-maximum suppression keeps one candidate
    // per event; two events closer than the pulse plus the fit window merge, as on a real
    // instrument.
    // Two scales: lines of two pulses tell close events apart; lines of at least 50 m
    // average the backscatter's texture, which at short pulses moves two short lines apart
    // by more than a small splice (0.015 dB over about a metre at 10 ns).
    let wl = wd.max((50.0 / dx).ceil() as usize);
    let start = w + tail + wl + 2;
    // First the detector along the live trace: the step between the line before and the
    // line after at each scale, and how far the point stands above the line before.
    // (index, short step, long step, excess, h_min)
    let mut scan: Vec<(usize, f64, f64, f64, f64)> = Vec::with_capacity(n);
    let stride = (wl / 16).max(1);
    let mut i = start;
    let mut noise = f64::INFINITY;
    let step_at = |i: usize, d: usize| {
        let (Some((ba, bb)), Some((aa, ab))) = (
            fitter.fit_line(i - 1 - d, i - 1),
            fitter.fit_line(i + w + 1, i + w + 1 + d),
        ) else {
            return None;
        };
        let x = i as f64;
        Some((ba + bb * x, (ba + bb * x) - (aa + ab * x)))
    };
    while i + w + 2 + wl < n {
        // The noise estimate (residual of the line before) changes slowly: refresh it
        // every 32 points; the scan itself needs only the lines.
        if (i - start).is_multiple_of(32) || !noise.is_finite() {
            noise = fitter
                .fit(i - 1 - wd, i - 1)
                .map(|l| l.rms * 5.0)
                .unwrap_or(f64::INFINITY);
        }
        // The long lines answer over tens of metres: read every sixteenth of them (the
        // short ones place what they find), which keeps the scan's cost near one scale's.
        let long = if (i - start).is_multiple_of(stride) {
            match step_at(i, wl) {
                Some((_, long)) => long,
                None => f64::NAN,
            }
        } else {
            f64::NAN
        };
        let Some((b, short)) = step_at(i, wd) else {
            i += 1;
            continue;
        };
        if !live(b) {
            break;
        }
        scan.push((i, short, long, y[i] - b, h_thr.max(noise)));
        i += 1;
    }
    // A step must stand out of the detector's own noise: the backscatter's texture and
    // the noise, correlated over the pulse, move two lines apart. Five times the step's
    // robust spread (1.48 × its median deviation) over blocks of the trace, where events
    // are few, at each scale.
    let block = (10 * wl).max(256);
    let floor_of = |pick: fn(&(usize, f64, f64, f64, f64)) -> f64| -> Vec<f64> {
        scan.chunks(block)
            .map(|c| {
                let mut v: Vec<f64> = c
                    .iter()
                    .map(|s| pick(s).abs())
                    .filter(|v| !v.is_nan())
                    .collect();
                if v.is_empty() {
                    return f64::INFINITY;
                }
                let mid = v.len() / 2;
                v.select_nth_unstable_by(mid, f64::total_cmp);
                5.0 * 1.4826 * v[mid]
            })
            .collect()
    };
    let (floor_short, floor_long) = (floor_of(|s| s.1), floor_of(|s| s.2));
    // (index, strength, reflective, signed step, the scale's window)
    let mut cands: Vec<(usize, f64, bool, f64, usize)> = Vec::new();
    let mut prev_excess = 0.0;
    for (k, &(i, short, long, excess, h_min)) in scan.iter().enumerate() {
        let fs = floor_short.get(k / block).copied().unwrap_or(0.0);
        let fl = floor_long.get(k / block).copied().unwrap_or(0.0);
        if excess > h_min && prev_excess <= h_min {
            cands.push((i, f64::INFINITY, true, 0.0, wd));
        } else if short.abs() > th.splice_loss_db.max(fs) {
            cands.push((i, short.abs(), false, short, wd));
        } else if !long.is_nan() && long.abs() > th.splice_loss_db.max(fl) {
            cands.push((i, long.abs(), false, long, wl));
        }
        prev_excess = excess;
    }
    // The detector answers a step within the pulse, its two lines and the receiver's
    // settling either side of it: one event per such stretch.
    let settle_pts = (3.0 * lf_pts).ceil() as usize;
    let radius = |d: usize| w + d + 2 + settle_pts;
    let mut order: Vec<usize> = (0..cands.len()).collect();
    // The short scale first (it separates), the long one only for what it alone sees.
    order.sort_by(|&a, &b| {
        (cands[a].4 > wd)
            .cmp(&(cands[b].4 > wd))
            .then(cands[b].1.total_cmp(&cands[a].1))
            .then(cands[a].0.cmp(&cands[b].0))
    });
    let mut kept: Vec<(usize, bool, f64, usize)> = Vec::new();
    for k in order {
        let (idx, _, refl, step, d) = cands[k];
        // Two reflections are told apart by their rising edges, a pulse and the
        // receiver's settling apart (the event dead zone); a step needs its lines clear.
        let apart = |j: usize, other_refl: bool, other_d: usize| {
            let r = if refl && other_refl {
                w + 1 + settle_pts
            } else {
                radius(d.max(other_d))
            };
            idx.abs_diff(j) > r
        };
        if kept.iter().all(|&(j, r, _, od)| apart(j, r, od)) {
            kept.push((idx, refl, step, d));
        }
    }
    // A step the long lines found is placed by the short ones, which are sharper: the
    // strongest short step of the same sign within the long lines' reach.
    for k in kept.iter_mut().filter(|k| !k.1 && k.3 > wd) {
        let lo = k.0.saturating_sub(wl).max(start);
        let hi = k.0 + wl;
        let best = scan
            .iter()
            .skip(lo - start)
            .take_while(|s| s.0 <= hi)
            .filter(|s| s.1.signum() == k.2.signum())
            .max_by(|a, b| a.1.abs().total_cmp(&b.1.abs()));
        if let Some(b) = best {
            k.0 = b.0;
            k.2 = b.1;
            k.3 = wd;
        }
    }
    // A loss is read where it starts: the detector's peak comes a little after it.
    let slow_pts = super::otdr::SLOW_PULSES * lp / dx;
    for k in kept.iter_mut().filter(|k| !k.1) {
        k.0 =
            k.0.saturating_sub(step_offset(w, k.3, lf_pts, slow_pts, k.2));
    }
    kept.sort_by_key(|k| k.0);
    // End of fibre: the first event after which no backscatter comes back.
    // The lines either side of an event: twenty pulses, and at least 100 m where the
    // fibre allows (a short pulse's line over 20 m tilts with the texture).
    let wm = (20 * w).max(50).max((MIN_SECTION_M / dx).ceil() as usize);
    // Past any event the receiver settles over a few of its response lengths.
    let settle = (3.0 * lf_pts).ceil() as usize;
    // (the event's own dead zone, where the fit after it may start): to the group's
    // margin, and to the fit's.
    let dead = |idx: usize, from: usize, refl: bool, step_db: f64| {
        let own = w + 1 + settle;
        if refl {
            // The recovery counts from the end of the pulse and holds the settling.
            (
                own.max(w + 1 + recovery_pts(idx, from, None, GROUP_MARGIN)),
                own.max(w + 1 + recovery_pts(idx, from, None, RECOVERY_MARGIN)),
            )
        } else {
            // A large drop settles on the display as a reflection of its height does.
            let ratio = math::pow10(step_db.abs() / 5.0) - 1.0;
            let to = |margin: f64| {
                w + 1 + (super::otdr::recovery_after_m(lp, ratio, margin) / dx).ceil() as usize
            };
            (own.max(to(GROUP_MARGIN)), own.max(to(RECOVERY_MARGIN)))
        }
    };
    // Events closer together than the attenuation dead zone of any member before them
    // (its pulse, its recovery) and a line of a couple of pulses cannot each be given a
    // loss: they are grouped, as instruments do, and the group's loss is measured across
    // it, from the line before the first to the line after the last (REFERENCE A.4). Each
    // is (first index, any member reflective, last index, end of the members' dead zones
    // to the group's margin, and to the fit's).
    // A loss needs a line of at least this many points past the dead zone.
    let min_fit = (w / 4).max(10);
    // Two events are read apart only with a line of a pulse between them.
    let min_line = w.max(25);
    // A candidate after which no light comes back ends the fibre: it is never one of the
    // group before it, however long that group's recovery.
    // Past its own recovery (to the group's margin) the trace is then noise, or far under
    // the line before it.
    let ends_here = |idx: usize, from: usize, refl: bool, step: f64| {
        let j = (idx + dead(idx, from, refl, step).0).min(n);
        let k = (j + min_fit).min(n);
        if k <= j {
            return true;
        }
        let after = y[j..k].iter().sum::<f64>() / (k - j) as f64;
        // The line before the group: inside it the trace is the recovery's.
        let before = fitter
            .fit_line(from.saturating_sub(1 + wd), from.saturating_sub(1))
            .map(|(a, b)| a + b * idx as f64);
        !live(after) || before.is_some_and(|b| b - after > th.end_of_fibre_db)
    };
    let mut located: Vec<(usize, bool, usize, usize, usize)> = Vec::new();
    for (idx, refl, step, _) in kept {
        match located.last_mut() {
            // Inside a reflective group's recovery a second reflection raises no new
            // peak above its line and is found as a step: its own peak still sets how
            // long the receiver takes. A step found in the recovery's tail, past its
            // pulse, is the tail itself: the group takes it without ending there.
            Some(g) if idx < g.3 + min_line && !ends_here(idx, g.0, refl, step) => {
                g.1 |= refl;
                let (group, fit) = dead(idx, g.0, g.1, step);
                if refl || idx <= g.2 + w + 1 + settle {
                    g.2 = idx;
                }
                g.3 = g.3.max(idx + group);
                g.4 = g.4.max(idx + fit);
            }
            Some(_) | None => {
                let (group, fit) = dead(idx, idx, refl, step);
                located.push((idx, refl, idx, idx + group, idx + fit));
            }
        }
    }
    // The launch: the port is always event 1.
    let launch_refl = y[..(w + 1).min(n)].iter().cloned().fold(f64::MIN, f64::max)
        > y.get(w + tail).copied().unwrap_or(f64::MIN) + h_thr;
    located.insert(0, (0, launch_refl, 0, tail.max(w + 1), tail.max(w + 1)));

    let mut events: Vec<MeasuredEvent> = Vec::new();
    let mut cumulative = 0.0;
    let mut end_m = None;
    for k in 0..located.len() {
        let (e, refl, last, group_end, fit_end) = located[k];
        let next_start = located.get(k + 1).map(|x| x.0).unwrap_or(n);
        // The fit after starts once the receiver is back to the fit's margin, or as late
        // as leaves a line before the next event, never inside the group's dead zone.
        let after_from = group_end.max(fit_end.min(next_start.saturating_sub(min_fit)));
        let prev_end = if k == 0 {
            0
        } else {
            let p = located[k - 1];
            p.3.max(p.4.min(e.saturating_sub(min_fit)))
        };
        let before = if k == 0 {
            None
        } else {
            fitter.fit(prev_end.max(e.saturating_sub(wm)), e.saturating_sub(1))
        };
        let after = fitter.fit(after_from, next_start.min(after_from + wm));
        // A line over a short stretch is level but not slope: its tilt, carried back over
        // the dead zone to the event, would move the loss by more than the loss. Where
        // one side is under 100 m and a third of the other, it takes the other's slope
        // (the fibre's attenuation), as a least-squares fit with the slope fixed.
        let short =
            |l: &Line, other: &Line| (l.n as f64) * dx < MIN_SECTION_M && 3 * l.n <= other.n;
        let (before, after) = match (before, after) {
            (Some(b), Some(a)) if short(&a, &b) => (
                Some(b),
                Some(fitter.fit_slope(after_from, after_from + a.n, b.b)),
            ),
            (Some(b), Some(a)) if short(&b, &a) => {
                let from = e.saturating_sub(b.n + 1);
                (Some(fitter.fit_slope(from, from + b.n, a.b)), Some(a))
            }
            (b, a) => (b, a),
        };
        // Whether light still comes back after the event, judged on the trace just past
        // its dead zone (the mean over a short window): a longer fit would
        // reach past the real end on a long pulse, into the noise, and call an end here
        // while the backscatter visibly goes on.
        let (j, k2) = (after_from.min(n), (after_from + min_fit).min(n));
        let just_after = (k2 > j).then(|| y[j..k2].iter().sum::<f64>() / (k2 - j) as f64);
        let after_live = just_after.is_some_and(live);
        let level_here = before
            .map(|b| b.at(e as f64))
            .or_else(|| after.map(|a| a.at(e as f64)));
        let loss = match (before, after) {
            (Some(b), Some(a)) if after_live => Some(b.at(e as f64) - a.at(e as f64)),
            _ => None,
        };
        let (peak, top) =
            y[e..(e + w + 1).min(n)]
                .iter()
                .enumerate()
                .fold(
                    (e, f64::MIN),
                    |(pi, pv), (j, v)| {
                        if *v > pv { (e + j, *v) } else { (pi, pv) }
                    },
                );
        let reflectance = level_here
            .map(|l| top - l)
            .filter(|h| refl && *h > 0.02)
            .map(|h| reflectance_from_height(h, s.backscatter_db, s.pulse_ns));
        // End of fibre (REFERENCE A.9): the first event whose drop, measured past the
        // receiver's recovery, crosses the end-of-fibre threshold, or after which no
        // backscatter comes back at all.
        // The drop is measured against the line before carried on to that window, so
        // that a long pulse's long dead zone does not count the fibre's own loss.
        let centre = (j + k2) as f64 / 2.0;
        let expected = before.map(|b| b.at(centre)).or(level_here);
        let drop = expected.zip(just_after).map(|(l, a)| l - a);
        let is_end = k > 0 && (!after_live || drop.is_some_and(|d| d > th.end_of_fibre_db));
        let kind = if is_end {
            EventKind::End
        } else if refl && top >= trace.saturation_db - 0.01 {
            EventKind::Saturated
        } else if refl {
            EventKind::Reflective
        } else {
            EventKind::NonReflective
        };
        // A non-reflective candidate whose measured loss is under the threshold is no
        // event (instruments apply the threshold to the measured loss).
        if k > 0
            && !is_end
            && kind == EventKind::NonReflective
            && loss.is_some_and(|l| l.abs() < th.splice_loss_db)
        {
            continue;
        }
        // The section's attenuation from a line over all of it (clear of the dead zones),
        // and only where it is long enough for a slope to mean something: over less than
        // 100 m, or ten pulses, the texture and the noise tilt a line by whole dB/km.
        let section_from = prev_end;
        let section_to = e.saturating_sub(1);
        let section = (k > 0
            && section_to > section_from
            && (section_to - section_from) as f64 * dx >= (10.0 * lp).max(MIN_SECTION_M))
        .then(|| fitter.fit_line(section_from, section_to))
        .flatten()
        .map(|(_, b)| -b / dx * 1000.0);
        // An end has no loss of its own (what follows is no fibre).
        if let Some(l) = loss.filter(|_| !is_end) {
            cumulative += l;
        }
        events.push(MeasuredEvent {
            group_end_m: (last > e && !is_end).then_some(last as f64 * dx),
            index: e,
            distance_m: e as f64 * dx,
            kind,
            loss_db: if is_end { None } else { loss },
            reflectance_db: reflectance,
            section_db_per_km: section,
            cumulative_loss_db: cumulative,
            markers: [
                before.map(|b| e.saturating_sub(b.n + 1)).unwrap_or(e),
                e,
                after_from.min(n.saturating_sub(1)),
                after
                    .map(|a| after_from + a.n - 1)
                    .unwrap_or(after_from)
                    .min(n.saturating_sub(1)),
                peak,
            ],
        });
        if is_end {
            end_m = Some(e as f64 * dx);
            break;
        }
    }
    let total_loss_db = match (
        events.first(),
        events.iter().find(|e| e.kind == EventKind::End),
    ) {
        (Some(first), Some(last)) => {
            let next = events.get(1).map(|x| x.index).unwrap_or(n);
            let a = fitter.fit(tail.max(w + 1), next);
            let b = fitter.fit(last.index.saturating_sub(wm), last.index.saturating_sub(1));
            match (a, b) {
                (Some(a), Some(b)) => Some(a.at(first.index as f64) - b.at(last.index as f64)),
                _ => None,
            }
        }
        _ => None,
    };
    // ORL: everything that comes back, integrated over the pulse length.
    let stop = events
        .iter()
        .find(|e| e.kind == EventKind::End)
        .map(|e| e.index + w + first_skip)
        .unwrap_or(n)
        .min(n);
    // 10^(y/5) as exp(y·ln10/5): the same value, several times cheaper than pow.
    let k = std::f64::consts::LN_10 / 5.0;
    let returned: f64 = y[..stop].iter().map(|v| math::exp(v * k)).sum::<f64>() * dx / lp;
    let orl_db = (returned > 0.0).then(|| -10.0 * math::log10(returned));
    Analysis {
        events,
        total_loss_db,
        orl_db,
        end_m,
    }
}

/// Events of an A→B and a B→A analysis matched by position (B→A distances mirrored on
/// `length_m`), with the averaged loss. An event seen one way only is averaged with 0
/// (REFERENCE A.7, AFL practice).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Bidirectional {
    pub distance_m: f64,
    pub loss_ab_db: Option<f64>,
    pub loss_ba_db: Option<f64>,
    pub average_db: f64,
}

pub fn bidirectional(
    ab: &Analysis,
    ba: &Analysis,
    length_m: f64,
    tolerance_m: f64,
) -> Vec<Bidirectional> {
    let mut out: Vec<Bidirectional> = Vec::new();
    let inner = |a: &Analysis| -> Vec<(f64, f64)> {
        a.events
            .iter()
            .filter(|e| e.kind != EventKind::End && e.index > 0)
            .filter_map(|e| e.loss_db.map(|l| (e.distance_m, l)))
            .collect()
    };
    let mut rev: Vec<(f64, f64, bool)> = inner(ba)
        .into_iter()
        .map(|(d, l)| (length_m - d, l, false))
        .collect();
    for (d, l) in inner(ab) {
        let m = rev
            .iter_mut()
            .filter(|r| !r.2 && (r.0 - d).abs() <= tolerance_m)
            .min_by(|a, b| (a.0 - d).abs().total_cmp(&(b.0 - d).abs()));
        match m {
            Some(r) => {
                r.2 = true;
                out.push(Bidirectional {
                    distance_m: d,
                    loss_ab_db: Some(l),
                    loss_ba_db: Some(r.1),
                    average_db: (l + r.1) / 2.0,
                });
            }
            None => out.push(Bidirectional {
                distance_m: d,
                loss_ab_db: Some(l),
                loss_ba_db: None,
                average_db: l / 2.0,
            }),
        }
    }
    for r in rev.into_iter().filter(|r| !r.2) {
        out.push(Bidirectional {
            distance_m: r.0,
            loss_ab_db: None,
            loss_ba_db: Some(r.1),
            average_db: r.1 / 2.0,
        });
    }
    out.sort_by(|a, b| a.distance_m.total_cmp(&b.distance_m));
    out
}

/// Events whose loss at the longer wavelength exceeds that at the shorter by more than
/// `threshold_db` (EXFO's default 0.5 dB, REFERENCE A.8): (distance, difference).
pub fn macrobends(
    short: &Analysis,
    long: &Analysis,
    tolerance_m: f64,
    threshold_db: f64,
) -> Vec<(f64, f64)> {
    long.events
        .iter()
        .filter(|e| e.kind != EventKind::End)
        .filter_map(|e| {
            let l_long = e.loss_db?;
            let l_short = short
                .events
                .iter()
                .filter(|s| (s.distance_m - e.distance_m).abs() <= tolerance_m)
                .find_map(|s| s.loss_db)
                .unwrap_or(0.0);
            (l_long - l_short > threshold_db).then_some((e.distance_m, l_long - l_short))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fits_recover_a_line_far_along_a_long_trace() {
        // A million points falling from −10 to −50 dB, the span of a long real trace, with
        // a ±0.01 dB zigzag: a fit a million points out is as good as at the start.
        let slope = -0.00004;
        let y: Vec<f64> = (0..1_000_000)
            .map(|i| -10.0 + slope * i as f64 + if i % 2 == 0 { 0.01 } else { -0.01 })
            .collect();
        let f = Fitter::new(&y);
        let first = f.fit(0, 1000).unwrap();
        for i0 in [0usize, 500_000, 999_000] {
            let l = f.fit(i0, i0 + 1000).unwrap();
            // Rounding accumulated over a million prefix-sum additions: ~5e-6 relative
            // (2e-6 dB/km at 0.08 m spacing).
            assert!(
                (l.b - first.b).abs() < 1e-5 * slope.abs(),
                "slope at {i0}: {} vs {}",
                l.b,
                first.b
            );
            assert!((l.at(i0 as f64) - (-10.0 + slope * i0 as f64)).abs() < 1e-4);
            assert!((l.rms - 0.01).abs() < 1e-5, "rms {} at {i0}", l.rms);
            let (a, b) = f.fit_line(i0, i0 + 1000).unwrap();
            assert!((a - l.a).abs() < 1e-9 && (b - l.b).abs() < 1e-12);
        }
        // The zigzag's own least-squares slope is tiny.
        assert!((first.b - slope).abs() < 1e-7);
    }

    #[test]
    fn reflectance_formula_round_trips() {
        // REFERENCE A.3 table (an ideal receiver), K = −81.9 dB: −45 dB at 10 ns gives a
        // 13.5 dB peak, −14.7 dB at 3 ns 31.2 dB; ours reaches `peak_reach` of the height
        // above the backscatter within the pulse.
        for (r, pulse, table) in [(-45.0, 10.0, 13.5), (-14.7, 3.0, 31.2)] {
            let reach = crate::physics::otdr::peak_reach(pulse);
            let ours = 5.0 * math::log10(1.0 + reach * (math::pow10(table / 5.0) - 1.0));
            assert!((height_from_reflectance(r, -81.9, pulse) - ours).abs() < 0.05);
        }
        // The reach: 0.93 of the height at 10 ns, 0.81 at 3 ns (the pulse is shorter
        // against the receiver's fastest response): 1 − e^(−1.02/0.386) and
        // 1 − e^(−0.306/0.186), less the slower part's share.
        assert!((crate::physics::otdr::peak_reach(10.0) - 0.93).abs() < 0.01);
        assert!((crate::physics::otdr::peak_reach(3.0) - 0.81).abs() < 0.01);
        for r in [-65.0, -45.0, -14.4] {
            let h = height_from_reflectance(r, -79.4, 30.0);
            assert!((reflectance_from_height(h, -79.4, 30.0) - r).abs() < 1e-9);
        }
    }
}
