//! Event candidates along a trace: the step and reflection detector on two scales, its
//! own noise floor, one candidate per event, each step placed where it starts.

use super::fit::{Fitter, Window};
use super::{RECOVERY_MARGIN, Thresholds, View};
use crate::math;
use crate::physics::otdr;

/// Display dB per relative change of power, for a small one: 5 / ln 10.
const DISPLAY: f64 = 5.0 / std::f64::consts::LN_10;

/// The detector at one point (kept small: a long trace's scan is read several times
/// over).
#[derive(Clone, Copy)]
struct ScanPoint {
    /// The point's index in the trace.
    at: u32,
    /// A reflection's rising edge: the point stands over the line before by a
    /// reflection's least height there, the point before did not.
    rise: bool,
    /// In the receiver's recovery after a reflection.
    recovering: bool,
    /// The short lines' step (display dB, positive for a loss).
    short: f64,
    /// The long lines' step, NaN where not read.
    long: f64,
    /// The lines' relative waver.
    waver: f64,
    /// The slope of the short line before, per point.
    slope: f64,
}

impl ScanPoint {
    fn i(&self) -> usize {
        self.at as usize
    }
}

impl View<'_> {
    /// The least height a peak must stand above a line at `level` to be a reflection
    /// and not the backscatter's texture or the noise there: five times their spread on
    /// the display, and the reflectance threshold's height `h_thr`.
    pub(super) fn peak_floor(&self, level: f64, h_thr: f64) -> f64 {
        let texture = otdr::texture_sigma(self.pulse_ns);
        let noise = math::exp((self.noise_db - level) * std::f64::consts::LN_10 / 5.0);
        h_thr.max(5.0 * DISPLAY * (math::sq(texture) + math::sq(noise)).sqrt())
    }
}

/// A candidate event: (index, reflective, signed step in display dB, the detector's
/// window in points).
pub(super) type Found = (usize, bool, f64, usize);

/// A step of `loss_db` (display dB) starting at the returned lead, through the receiver,
/// noiseless, on the display: (the trace, the lead in points).
fn through_receiver_db(w: usize, wd: usize, lp: f64, dx: f64, loss_db: f64) -> (Vec<f64>, usize) {
    let lf_pts = otdr::receiver_length_m(lp) / dx;
    let slow_pts = otdr::SLOW_PULSES * lp / dx;
    let lead = wd + 4;
    let len = lead + 3 * (w + wd) + (12.0 * lf_pts + 6.0 * slow_pts) as usize + 8;
    let low = math::pow10(-loss_db / 5.0);
    let mut linear: Vec<f64> = (0..len)
        .map(|i| {
            let j = (i as f64 - lead as f64).clamp(0.0, w as f64) / w as f64;
            1.0 + (low - 1.0) * j
        })
        .collect();
    otdr::through_receiver(&mut linear, lp, dx);
    let v = linear
        .iter()
        .map(|p| 5.0 * math::log10(p.max(1e-30)))
        .collect();
    (v, lead)
}

/// A drop of this many display dB or more (an end, a splitter) is placed where the trace
/// falls off the line before rather than by the detector's peak: past a large drop the
/// line after is the noise's as often as the backscatter's, and the peak moves with it.
pub(super) const LARGE_DROP_DB: f64 = 3.0;

/// How far past its start a drop of `loss_db` crosses `depth` dB under the line before,
/// through the receiver, in points.
fn crossing_offset(w: usize, wd: usize, lp: f64, dx: f64, loss_db: f64, depth: f64) -> usize {
    let (v, lead) = through_receiver_db(w, wd, lp, dx, loss_db);
    v.iter()
        .skip(lead)
        .position(|l| *l < -depth)
        .unwrap_or(w / 2)
}

/// Where the step detector of [`candidates`] peaks after a loss of `loss_db` (display
/// dB, negative for a gain) that starts at 0, points: the receiver spreads a step over
/// the pulse and its response, and the line after it is clean only past them, so the
/// strongest step is read a little late, the later the bigger the step (on the display a
/// large drop settles slowly). The same scan on the noiseless step through the same
/// receiver ([`otdr::through_receiver`]) gives the offset to take back.
fn step_offset(w: usize, wd: usize, lp: f64, dx: f64, loss_db: f64) -> usize {
    let (v, lead) = through_receiver_db(w, wd, lp, dx, loss_db);
    let len = v.len();
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

/// The events' candidates past `tail` (the launch's recovery), sorted by index, and
/// where the scan stopped: where the backscatter sank into the noise, or the end of
/// the trace. `h_thr` is the height of the reflectance threshold above the
/// backscatter, `launch_level` the backscatter's level just past the port.
pub(super) fn candidates(
    v: &View,
    th: &Thresholds,
    tail: usize,
    h_thr: f64,
    launch_level: Option<f64>,
) -> (Vec<Found>, usize) {
    let (y, n, w, wd) = (v.y, v.n, v.w, v.wd);
    let fitter = &v.fitter;
    // A step between the line before (ending just before i) and the line after (starting
    // past the pulse) peaks at the event; a reflection starts where the trace jumps above
    // the line before. Non-maximum suppression keeps one candidate per event; two events
    // closer than the pulse plus the fit window merge, as on a real instrument.
    // Two scales: lines of two pulses tell close events apart; lines of at least 50 m
    // average the backscatter's texture, which at short pulses moves two short lines apart
    // by more than a small splice (0.015 dB over about a metre at 10 ns).
    let wl = wd.max((50.0 / v.dx).ceil() as usize);
    let start = w + tail + wl + 2;
    // First the detector along the live trace: the step between the line before and the
    // line after at each scale, how far the point stands above the line before, and how
    // much the two lines waver where they lie: the backscatter's texture, and the noise
    // against the level (a relative √(t² + q_b² + q_a²), q = noise / level, refreshed
    // every sixteen points), so that a trace far noisier after a large step than before it
    // is held to its own noise, and one sinking into the noise hides nothing before it.
    let mut scan: Vec<ScanPoint> = Vec::with_capacity(n);
    let stride = (wl / 16).max(1);
    let mut i = start;
    let mut noise = f64::INFINITY;
    let texture = otdr::texture_sigma(v.pulse_ns);
    // 10^((noise − level)/5), as an exponential (several times cheaper than a power).
    let ln10_5 = std::f64::consts::LN_10 / 5.0;
    let rel_noise = |level: f64| math::exp((v.noise_db - level) * ln10_5);
    let mut waver = f64::NAN;
    let mut live_to = n;
    let mut steps_live = true;
    let (short_line, long_line) = (Fitter::window(wd), Fitter::window(wl));
    // (level of the line before at i, step, slope of the line before)
    let step_at = |i: usize, win: &Window| {
        let x = i as f64;
        let (Some((before, slope)), Some((after, _))) = (
            fitter.level_and_slope(win, i - 1 - win.points(), x),
            fitter.level_and_slope(win, i + w + 1, x),
        ) else {
            return None;
        };
        Some((before, before - after, slope))
    };
    // The next point (from `start`) whose long lines are read: a counter, not a division
    // at every point.
    let mut next_long = 0;
    // Along the scan: the excess at the point before, where the receiver's recovery
    // after the last reflection ends, and the least waver.
    let (mut prev_excess, mut until) = (f64::NAN, 0);
    let mut least_waver = f64::INFINITY;
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
        let long = if i - start == next_long {
            next_long += stride;
            match step_at(i, &long_line) {
                Some((_, long, _)) => long,
                None => f64::NAN,
            }
        } else {
            f64::NAN
        };
        let Some((b, short, slope)) = step_at(i, &short_line) else {
            i += 1;
            continue;
        };
        // Where the backscatter stands a few decibels over the noise, a short line (a
        // metre at 3 ns) wavers under the live level now and then while the trace goes
        // on: the trace is lost only where the long line before is too (behind a 1:8 at
        // 3 ns on 5 km, 5 dB over the noise to the end, the short line slipped under
        // 800 m before it).
        if !v.live(b) && step_at(i, &long_line).is_none_or(|(long_b, _, _)| !v.live(long_b)) {
            live_to = i;
            break;
        }
        if (i - start).is_multiple_of(16) || waver.is_nan() {
            waver = (math::sq(texture) + math::sq(rel_noise(b)) + math::sq(rel_noise(b - short)))
                .sqrt();
        }
        // A line before that falls steeply lies on the edge of a drop or of a reflection:
        // carried on past the foot it passes under the trace, which is no reflection.
        // There the trace is held to the lowest it came to since (the backscatter after
        // a reflection's fall, the foot of a drop), which a second reflection still
        // rises above. Half a decibel over two pulses more than 3 dB/km (more than any
        // fibre loses, multimode at 850 nm included), or ten times the waver, is not the
        // backscatter.
        let fibre_db = 0.5 + 3.0 * wd as f64 * v.dx / 1000.0;
        let falling = -slope * wd as f64 > (10.0 * DISPLAY * waver).max(fibre_db);
        let excess = if falling {
            y[i] - y[i - wd..i].iter().copied().fold(f64::INFINITY, f64::min)
        } else {
            y[i] - b
        };
        // A reflection must rise out of the noise and the texture where it stands: five
        // times their spread on the display (the line's own residual alone misjudges a
        // noise correlated over the receiver's response).
        let h_min = h_thr.max(noise).max(5.0 * DISPLAY * waver);
        // Once the short line has slipped under the live level (the long one still over
        // it) the small steps it reads are the noise's: only a large drop (an end into
        // the noise) and a reflection are looked for from there on (a short pulse on a
        // 50 km link read a 0.17 dB "gain" 2 km into that stretch, where the short line
        // was now and then over the live level).
        steps_live &= v.live(b);
        let large = |step: f64| {
            if steps_live || step.abs() >= LARGE_DROP_DB {
                step
            } else {
                f64::NAN
            }
        };
        // A reflection's rising edge, and the receiver's recovery after it (see
        // `slope_ref`).
        let rise = excess > h_min && (prev_excess.is_nan() || prev_excess <= h_min);
        if rise {
            until = until.max(i + w + 1 + v.recovery_pts(i, i, None, RECOVERY_MARGIN));
        }
        prev_excess = excess;
        scan.push(ScanPoint {
            at: i as u32,
            rise,
            recovering: i <= until,
            short: large(short),
            long: large(long),
            waver,
            slope,
        });
        least_waver = least_waver.min(waver);
        i += 1;
    }
    // A step must stand out of the detector's own noise: the backscatter's texture and
    // the noise, correlated over the pulse, move two lines apart. Five times the step's
    // robust spread (1.48 × its median deviation) over blocks of the trace, where events
    // are few, at each scale.
    let block = (10 * wl).max(256);
    // The spread is read on the steps over their lines' waver ([`block_floors`]), and
    // given back at each point in its own waver.
    // Where events lie closer than the detector's reach (a long pulse on a short link),
    // every point of a block answers one and its spread is theirs, not the noise's: the
    // floor is then held to what the waver alone can give, five times the spread of a
    // step read from two lines of `d` points with the waver correlated over a pulse
    // (σ² ≈ 17·w/d of a point's: a line's level extrapolated to the event, half a line
    // before and one line and a pulse after), several times what quiet blocks read.
    let model_floor = |d: usize| 5.0 * DISPLAY * (17.0 * w as f64 / d as f64).sqrt();
    // (The long steps are read every `stride` points already.)
    let (floor_short, floor_long) = (
        block_floors(&scan, block, 4, |s| s.short),
        block_floors(&scan, block, 1, |s| s.long),
    );
    let floor_short: Vec<f64> = floor_short.iter().map(|f| f.min(model_floor(wd))).collect();
    let floor_long: Vec<f64> = floor_long.iter().map(|f| f.min(model_floor(wl))).collect();
    // The fibre's own slope, for the check below. Short lines (a pulse under 50 m)
    // waver with the texture and the noise more than any event tilts them: the median of
    // their slopes where nothing answers (half the floor) and the waver is near its least
    // (past an end, or far out, the lines wander in the noise). Long lines are clean or
    // tilted: where they are clean their slopes bunch at the fibre's, where an event lies
    // in them they spread, so the slope is the middle of the narrowest fifth of them
    // (the shorth). On a trace shorter than twice the detector's reach every line holds
    // an event, and no slope is trusted.
    // The receiver's recovery after a reflection falls far faster than any fibre (64
    // dB/km over 100 m after an open end at 3 ns) with little waver: those lines are not
    // the fibre's, and a tenth of them among the quiet ones carried the median slope to
    // -7 dB/km (behind it the long lines read a 0.15 dB splice as two gains either side).
    // (`recovering` is marked along the scan, above.)
    let calm = |s: &&ScanPoint| s.waver <= 3.0 * least_waver;
    let slope_ref = if scan.len() < 2 * (w + 2 * wd) {
        None
    } else if v.lp < 50.0 {
        // Every other point, block by block (a block's length is even).
        let mut quiet: Vec<f64> = Vec::with_capacity(scan.len() / 2);
        for (c, floor) in scan.chunks(block).zip(&floor_short) {
            for s in c.iter().step_by(2) {
                let fs = s.waver * floor;
                if calm(&s) && s.short.abs() < 0.5 * th.splice_loss_db.max(fs) && !s.recovering {
                    quiet.push(s.slope);
                }
            }
        }
        let mid = quiet.len() / 2;
        (!quiet.is_empty()).then(|| *quiet.select_nth_unstable_by(mid, f64::total_cmp).1)
    } else {
        let mut slopes: Vec<f64> = scan
            .iter()
            .step_by(2)
            .filter(calm)
            .map(|s| s.slope)
            .collect();
        slopes.sort_by(f64::total_cmp);
        let k = slopes.len() / 5;
        (k >= 2)
            .then(|| {
                slopes
                    .windows(k)
                    .map(|s| (s[k - 1] - s[0], (s[k - 1] + s[0]) / 2.0))
                    .min_by(|a, b| a.0.total_cmp(&b.0))
                    .map(|m| m.1)
            })
            .flatten()
    };
    // The lines extrapolated to the event answer a step inside one of them with a step of
    // the opposite sign (the line tilts): a pulse or two before and after every loss the
    // detector reads a gain nearly as strong, and between two losses closer than its
    // lines, a gain stronger than either, which would stand for both. The lines' means
    // joined by the fibre's slope answer no step with its opposite: a step is kept only
    // where they agree on its sign.
    let (short_win, long_win) = (Fitter::window(wd), Fitter::window(wl));
    let agrees = |i: usize, step: f64, d: usize| {
        let win = if d == wd { &short_win } else { &long_win };
        match (
            slope_ref,
            fitter.mean(win, i - 1 - d),
            fitter.mean(win, i + w + 1),
        ) {
            (Some(slope), Some(before), Some(after)) => {
                (before + slope * (w + d + 2) as f64 - after) * step > 0.0
            }
            _ => true,
        }
    };
    // (index, strength, reflective, signed step, the scale's window)
    let mut cands: Vec<(usize, f64, bool, f64, usize)> = Vec::new();
    // Before the scan's first point the lines are too short to judge a step, but a
    // reflection still rises out of the launch's backscatter (a long pulse on a short
    // launch cable: connector A's peak at its end). Its rising edge, held to the
    // reflectance threshold and half a decibel over the launch's level.
    if let Some(launch) = launch_level {
        let rise = h_thr.max(0.5);
        let mut above = true;
        for (i, l) in y.iter().enumerate().take(start.min(n)).skip(tail + 1) {
            let now = *l > launch + rise;
            if now && !above {
                cands.push((i, f64::INFINITY, true, 0.0, wd));
            }
            above = now;
        }
    }
    let floors = floor_short.iter().zip(&floor_long);
    for (c, (floor_s, floor_l)) in scan.chunks(block).zip(floors) {
        for s in c {
            let (i, short, long) = (s.i(), s.short, s.long);
            let (fs, fl) = (s.waver * floor_s, s.waver * floor_l);
            if s.rise {
                cands.push((i, f64::INFINITY, true, 0.0, wd));
            } else if short.abs() > th.splice_loss_db.max(fs) && agrees(i, short, wd) {
                cands.push((i, short.abs(), false, short, wd));
            } else if !long.is_nan()
                && long.abs() > th.splice_loss_db.max(fl)
                && agrees(i, long, wl)
            {
                cands.push((i, long.abs(), false, long, wl));
            }
        }
    }
    // The detector answers a step within the pulse, its two lines and the receiver's
    // settling either side of it: one event per such stretch.
    let radius = |d: usize| w + d + 2 + v.settle;
    let mut order: Vec<usize> = (0..cands.len()).collect();
    // The short scale first (it separates), the long one only for what it alone sees.
    order.sort_by(|&a, &b| {
        (cands[a].4 > wd)
            .cmp(&(cands[b].4 > wd))
            .then(cands[b].1.total_cmp(&cands[a].1))
            .then(cands[a].0.cmp(&cands[b].0))
    });
    // Two steps of the same sign within that stretch are still two events where the
    // detector swings to the other sign between them (each one's side-lobe): two losses
    // a little more than a pulse and the settling apart, as a field engineer reads them
    // on the trace. One event's answer holds its sign from end to end.
    let probe = (w / 8).max(1);
    let dips = |a: usize, b: usize, sign: f64| {
        (a..b)
            .step_by(probe)
            .filter_map(|i| scan.get(i.checked_sub(start)?))
            .any(|s| s.short * sign < 0.0)
    };
    let mut kept: Vec<Found> = Vec::new();
    for k in order {
        let (idx, _, refl, step, d) = cands[k];
        // Two reflections are told apart by their rising edges, a pulse and the
        // receiver's settling apart (the event dead zone); a step needs its lines clear.
        let apart = |j: usize, other_refl: bool, other_d: usize, other_step: f64| {
            let r = if refl && other_refl {
                w + 1 + v.settle
            } else {
                radius(d.max(other_d))
            };
            let gap = idx.abs_diff(j);
            gap > r
                || (!refl
                    && !other_refl
                    && slope_ref.is_some()
                    && d == wd
                    && other_d == wd
                    && step * other_step > 0.0
                    && gap > w + v.settle
                    && dips(idx.min(j), idx.max(j), step.signum()))
        };
        if kept.iter().all(|&(j, r, os, od)| apart(j, r, od, os)) {
            kept.push((idx, refl, step, d));
        }
    }
    // A step the long lines found is placed by the short ones, which are sharper: the
    // strongest short step of the same sign within the long lines' reach. Placed, it may
    // have come within another's reach: one event per stretch still.
    let (mut placed, long): (Vec<Found>, Vec<Found>) =
        kept.into_iter().partition(|k| k.1 || k.3 <= wd);
    for mut k in long {
        let lo = k.0.saturating_sub(wl).max(start);
        let hi = k.0 + wl;
        // Only a short step over its own floor places it: at 3 ns a 0.15 dB splice the
        // long lines read at 301 m (0.14 dB, floor 0.04) is under the short lines' floor
        // (0.26), and the strongest short step within 50 m was the noise's, 20 to 45 m
        // away, where the loss then read nothing. There the long lines' place stands.
        let best = scan
            .iter()
            .enumerate()
            .skip(lo - start)
            .take_while(|(_, s)| s.i() <= hi)
            .filter(|(_, s)| s.short.signum() == k.2.signum())
            .filter(|(j, s)| {
                let floor = floor_short.get(j / block).copied().unwrap_or(f64::INFINITY);
                k.2.abs() >= LARGE_DROP_DB || s.short.abs() > s.waver * floor
            })
            .map(|(_, s)| s)
            .max_by(|a, b| a.short.abs().total_cmp(&b.short.abs()));
        if let Some(b) = best {
            k = (b.i(), k.1, b.short, wd);
        }
        if placed.iter().all(|p| p.0.abs_diff(k.0) > radius(wd)) {
            placed.push(k);
        }
    }
    let mut kept = placed;
    // A loss is read where it starts: the detector's peak comes a little after it.
    for k in kept.iter_mut().filter(|k| !k.1) {
        k.0 = k.0.saturating_sub(step_offset(w, k.3, v.lp, v.dx, k.2));
        if k.2 >= LARGE_DROP_DB {
            k.0 = fall_start(v, k.0, k.2).unwrap_or(k.0);
        }
    }
    // Taken back, a large step comes within reach of what its late peak was not: the
    // lines either side of a point just before a large drop catch its start and read a
    // gain there. One event per stretch again, the strongest kept.
    kept.sort_by(|a, b| b.1.cmp(&a.1).then(b.2.abs().total_cmp(&a.2.abs())));
    let mut clear: Vec<Found> = Vec::with_capacity(kept.len());
    for k in kept {
        let near = |p: &Found| {
            if slope_ref.is_some() && !k.1 && !p.1 && k.2 * p.2 > 0.0 {
                // (Two steps of one sign were told apart above.)
                return false;
            }
            let r = if k.1 && p.1 {
                w + 1 + v.settle
            } else {
                radius(wd)
            };
            p.0.abs_diff(k.0) <= r
        };
        if !clear.iter().any(near) {
            clear.push(k);
        }
    }
    let mut kept = clear;
    // Where the scan stopped because the backscatter sank into the noise, the fibre may
    // have ended there rather than faded: a fall of several decibels within a pulse, off
    // a line still clear of the noise, that no candidate answered (the scan stops once
    // the line before slips under, before the end's own step is read: at 1 µs on a 66 km
    // link at 1310 nm the end was found only by the gain its tilted line read before it).
    // The same where the scan ran out of room first (the range ends within two pulses
    // and a line of the fall): at 20 µs the end's fall and the receiver's tail after it
    // run over kilometres, the lines after every point near it lie on that fall and,
    // carried back to the point, read a gain, and no step is read (20 km at 1550 nm into
    // an APC end, 29 km of range).
    // There the fall is looked for past every event found: past its pulse and settling
    // (the stretch a step's answer spans reaches 8 km at 20 µs).
    let stop = if live_to < n { live_to } else { i };
    let room = live_to == n;
    if stop < n && (room || kept.iter().all(|k| k.0.abs_diff(stop) > radius(wd))) {
        let guess = stop.saturating_sub(wd);
        let line = guess
            .checked_sub(w + 1 + wd)
            .and_then(|from| fitter.fit_line(from, guess - w - 1));
        // Only a fall the end-of-fibre threshold would call an end: the fall into the
        // noise is all that can be read of it, and a splitter's step into the noise, a
        // few decibels, is a loss past which nothing is seen, not an end. The fall is
        // read as the table reads an end's drop, past the pulse and the settling, so
        // that a trace merely sinking (the line before at the noise plus 4 dB, the
        // trace after a little under it) is not taken for one.
        let least = LARGE_DROP_DB.max(th.end_of_fibre_db);
        if let Some((a, b)) = line.filter(|(a, b)| a + b * stop as f64 - v.noise_db >= least) {
            let bound = a + b * stop as f64 - v.noise_db;
            let fall = fall_start(v, guess + w + 1, bound).and_then(|at| {
                let j = at + w + 1 + v.settle;
                let k = (j + v.min_fit).min(n);
                (k > j).then(|| {
                    let after = y[j..k].iter().sum::<f64>() / (k - j) as f64;
                    (at, a + b * (j + k) as f64 / 2.0 - after)
                })
            });
            let past_all = |at: usize| kept.iter().all(|k| at > k.0 + w + 1 + v.settle);
            if let Some((at, drop)) = fall.filter(|f| f.1 >= least && (!room || past_all(f.0))) {
                kept.push((at, false, drop, wd));
            }
        }
    }
    kept.sort_by_key(|k| k.0);
    (kept, live_to)
}

/// A step must stand out of the detector's own noise: five times the robust spread (1.48
/// × the median deviation) of the steps `pick` reads over their lines' waver, on every
/// `every`th point of each block of `block` points of the scan (the steps are correlated
/// over the lines' length, so that is enough for a median); infinite where a block holds
/// none.
fn block_floors(
    scan: &[ScanPoint],
    block: usize,
    every: usize,
    pick: impl Fn(&ScanPoint) -> f64,
) -> Vec<f64> {
    let mut v = Vec::with_capacity(block.div_ceil(every));
    scan.chunks(block)
        .map(|c| {
            v.clear();
            let steps = c.iter().step_by(every).map(|s| (pick(s) / s.waver).abs());
            v.extend(steps.filter(|v| !v.is_nan()));
            if v.is_empty() {
                return f64::INFINITY;
            }
            let mid = v.len() / 2;
            v.select_nth_unstable_by(mid, f64::total_cmp);
            5.0 * 1.4826 * v[mid]
        })
        .collect()
}

/// Where a large drop first read at `guess` starts: where the trace, averaged over an
/// eighth of a pulse, first falls `depth` under the line before (half the drop, at most
/// 1.5 dB: half the power), less how far past its start the receiver's answer to such a
/// drop crosses that depth. The line before first ends a pulse before the guess; where
/// the start found lies before the line's end (the detector's peak came more than a
/// pulse late, past an end into the noise), the line is laid again before that start
/// and the crossing read once more. `None` where no line can be fitted or the trace
/// never falls that far.
fn fall_start(v: &View, guess: usize, step_db: f64) -> Option<usize> {
    let (w, wd) = (v.w, v.wd);
    let depth = (step_db / 2.0).min(1.5);
    let avg = (w / 8).max(1);
    let mean = Fitter::window(avg);
    let late = crossing_offset(w, wd, v.lp, v.dx, step_db, depth);
    let mut line_to = guess.checked_sub(w + 1)?;
    let mut start = guess;
    for _ in 0..2 {
        let (a, b) = v.fitter.fit_line(line_to.checked_sub(wd)?, line_to)?;
        let cross = (line_to..(guess + 3 * w).min(v.n.saturating_sub(avg + 1))).find(|&i| {
            v.fitter
                .mean(&mean, i)
                .is_some_and(|m| m < a + b * (i as f64 + (avg as f64 - 1.0) / 2.0) - depth)
        })?;
        // (The mean over `avg` points crosses about half of them before its centre does.)
        start = (cross + avg / 2).saturating_sub(late);
        if start >= line_to {
            break;
        }
        line_to = start.saturating_sub(avg);
    }
    Some(start)
}
