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

/// Reflectance from a peak height above the backscatter (REFERENCE A.3):
/// R = K + 10·log10(τ_ns) + 10·log10(10^(H/5) − 1).
pub fn reflectance_from_height(height_db: f64, backscatter_db: f64, pulse_ns: f64) -> f64 {
    backscatter_db
        + 10.0 * math::log10(pulse_ns)
        + 10.0 * math::log10((math::pow10(height_db / 5.0) - 1.0).max(1e-30))
}

/// Peak height of a reflectance above the backscatter, display dB (inverse of the above).
pub fn height_from_reflectance(reflectance_db: f64, backscatter_db: f64, pulse_ns: f64) -> f64 {
    5.0 * math::log10(
        1.0 + math::pow10((reflectance_db - backscatter_db - 10.0 * math::log10(pulse_ns)) / 10.0),
    )
}

pub fn analyse(trace: &Trace, th: &Thresholds) -> Analysis {
    let y = &trace.levels_db;
    let n = y.len();
    let s = &trace.settings;
    let dx = trace.dx_m;
    let w = ((s.pulse_length_m() / dx).round() as usize).max(1);
    // After a reflection the receiver recovers over about six decay lengths.
    let tail = (6.0 * super::otdr::recovery_length_m(s.pulse_length_m()) / dx).ceil() as usize;
    let fitter = Fitter::new(y);
    let h_thr = height_from_reflectance(th.reflectance_db, s.backscatter_db, s.pulse_ns).max(0.02);
    let noise_db = trace.noise_db;
    let wd = (2 * w).max(10);
    let live = |lvl: f64| lvl > noise_db + 4.0;

    // Event candidates. A step between the line before (ending just before i) and the
    // line after (starting past the pulse) peaks at the event; a reflection starts where
    // the trace jumps above the line before. Non-maximum suppression keeps one candidate
    // per event; two events closer than the pulse plus the fit window merge, as on a real
    // instrument.
    let start = w + tail + wd + 2;
    let mut cands: Vec<(usize, f64, bool)> = Vec::new(); // (index, strength, reflective)
    let mut prev_excess = 0.0;
    let mut i = start;
    let mut noise = f64::INFINITY;
    while i + w + 2 + wd < n {
        // The noise estimate (residual of the line before) changes slowly: refresh it
        // every 32 points; the scan itself needs only the lines.
        if (i - start).is_multiple_of(32) || !noise.is_finite() {
            noise = fitter
                .fit(i - 1 - wd, i - 1)
                .map(|l| l.rms * 5.0)
                .unwrap_or(f64::INFINITY);
        }
        let (Some((ba, bb)), Some((aa, ab))) = (
            fitter.fit_line(i - 1 - wd, i - 1),
            fitter.fit_line(i + w + 1, i + w + 1 + wd),
        ) else {
            i += 1;
            continue;
        };
        let x = i as f64;
        let b = ba + bb * x;
        if !live(b) {
            break;
        }
        let step = b - (aa + ab * x);
        let excess = y[i] - b;
        let h_min = h_thr.max(noise);
        if excess > h_min && prev_excess <= h_min {
            cands.push((i, f64::INFINITY, true));
        } else if step.abs() > th.splice_loss_db.max(noise) {
            cands.push((i, step.abs(), false));
        }
        prev_excess = excess;
        i += 1;
    }
    let radius = w + wd + 1;
    let mut order: Vec<usize> = (0..cands.len()).collect();
    order.sort_by(|&a, &b| {
        cands[b]
            .1
            .total_cmp(&cands[a].1)
            .then(cands[a].0.cmp(&cands[b].0))
    });
    let mut kept: Vec<(usize, bool)> = Vec::new();
    for k in order {
        let (idx, _, refl) = cands[k];
        if kept.iter().all(|(j, _)| idx.abs_diff(*j) > radius) {
            kept.push((idx, refl));
        }
    }
    kept.sort();
    // End of fibre: the first event after which no backscatter comes back.
    let wm = (20 * w).max(50);
    let dead = |refl: bool| w + 1 + if refl { tail } else { 0 };
    // Events closer together than the attenuation dead zone of the group's first (its
    // pulse, its recovery and a short fit) cannot each be given a loss: they are grouped, as
    // instruments do, and the group's loss is measured across it, from the line before
    // the first to the line after the last (REFERENCE A.4). Each is (first index,
    // reflective, last index, last reflective).
    // A loss needs a line of at least this many points past the dead zone.
    let min_fit = (w / 4).max(10);
    let mut located: Vec<(usize, bool, usize, bool)> = Vec::new();
    for (idx, refl) in kept {
        match located.last_mut() {
            Some(g) if idx < g.0 + dead(g.1) + min_fit => {
                g.1 |= refl;
                g.2 = idx;
                g.3 = refl;
            }
            Some(_) | None => located.push((idx, refl, idx, refl)),
        }
    }
    // The launch: the port is always event 1.
    let launch_refl = y[..(w + 1).min(n)].iter().cloned().fold(f64::MIN, f64::max)
        > y.get(w + tail).copied().unwrap_or(f64::MIN) + h_thr;
    located.insert(0, (0, launch_refl, 0, launch_refl));

    let mut events: Vec<MeasuredEvent> = Vec::new();
    let mut cumulative = 0.0;
    let mut end_m = None;
    for k in 0..located.len() {
        let (e, refl, last, last_refl) = located[k];
        let prev_end = if k == 0 {
            0
        } else {
            located[k - 1].2 + dead(located[k - 1].3)
        };
        let next_start = located.get(k + 1).map(|x| x.0).unwrap_or(n);
        let before = if k == 0 {
            None
        } else {
            fitter.fit(prev_end.max(e.saturating_sub(wm)), e.saturating_sub(1))
        };
        let after_from = last + dead(last_refl);
        let after = fitter.fit(after_from, next_start.min(after_from + wm));
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
        let section = before.map(|b| -b.b / dx * 1000.0);
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
            let a = fitter.fit(first.index + dead(true), next);
            let b = fitter.fit(last.index.saturating_sub(wm), last.index.saturating_sub(1));
            match (a, b) {
                (Some(a), Some(b)) => Some(a.at(first.index as f64) - b.at(last.index as f64)),
                _ => None,
            }
        }
        _ => None,
    };
    // ORL: everything that comes back, integrated over the pulse length.
    let lp = s.pulse_length_m();
    let stop = events
        .iter()
        .find(|e| e.kind == EventKind::End)
        .map(|e| e.index + w + tail)
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
        // REFERENCE A.3 table, K = −81.9 dB: −45 dB at 10 ns gives a 13.5 dB peak.
        assert!((height_from_reflectance(-45.0, -81.9, 10.0) - 13.5).abs() < 0.05);
        assert!((height_from_reflectance(-14.7, -81.9, 3.0) - 31.2).abs() < 0.05);
        for r in [-65.0, -45.0, -14.4] {
            let h = height_from_reflectance(r, -79.4, 30.0);
            assert!((reflectance_from_height(h, -79.4, 30.0) - r).abs() < 1e-9);
        }
    }
}
