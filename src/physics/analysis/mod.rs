//! OTDR trace analysis from the trace alone (it never sees the link): event detection
//! with loss, reflectance and end-of-fibre thresholds, 4-point least-squares loss,
//! reflectance from the peak height, section attenuation, total loss, ORL; bidirectional
//! averaging and macrobend flagging (REFERENCE.md A.3, A.7–A.10). The trainee's markers
//! use the same line fits.

use serde::{Deserialize, Serialize};

use super::otdr::{self, Trace};
use crate::math;

mod detect;
mod fit;
mod groups;

pub use fit::{Fitter, Line, Window};

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
    /// The reflection clipped the receiver (an open end, say, as well as a
    /// [`EventKind::Saturated`] event): its reflectance is a lower bound.
    #[serde(default)]
    pub saturated: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Analysis {
    pub events: Vec<MeasuredEvent>,
    /// Level just after the start minus level just before the end, dB.
    pub total_loss_db: Option<f64>,
    pub orl_db: Option<f64>,
    /// A reflection clipped the receiver: the ORL integrated from the trace misses what
    /// the clip cut off, and the true one is lower (instruments show it as "< x dB").
    #[serde(default)]
    pub orl_upper_bound: bool,
    pub end_m: Option<f64>,
    /// No end was found because the backscatter sank into the noise here, m from the
    /// instrument (never shifted to a launch cable's end): nothing
    /// is seen beyond (the trace's dynamic range ends, behind splitters say), which is
    /// not an end of the fibre.
    #[serde(default)]
    pub unseen_beyond_m: Option<f64>,
    /// Nothing was found past the launch, no end and no fall into the noise: the launch's
    /// dead zone ends here, m from the instrument. A link shorter than that lies wholly
    /// under the pulse (10 µs on a kilometre); on a longer one the range may end before
    /// its first event. The instrument says so rather than showing an empty table.
    #[serde(default)]
    pub blind_past_launch_m: Option<f64>,
}

/// Reflectance from a peak height above the backscatter (REFERENCE A.3), as an instrument
/// that knows its receiver reads it: R = K + 10·log10(τ_ns) + 10·log10((10^(H/5) − 1) / r),
/// with r the share of the height the receiver reaches within the pulse
/// ([`otdr::peak_reach`]).
pub fn reflectance_from_height(height_db: f64, backscatter_db: f64, pulse_ns: f64) -> f64 {
    let reach = otdr::peak_reach(pulse_ns);
    backscatter_db
        + 10.0 * math::log10(pulse_ns)
        + 10.0 * math::log10(((math::pow10(height_db / 5.0) - 1.0) / reach).max(1e-30))
}

/// Peak height of a reflectance above the backscatter, display dB (inverse of the above).
pub fn height_from_reflectance(reflectance_db: f64, backscatter_db: f64, pulse_ns: f64) -> f64 {
    let reach = otdr::peak_reach(pulse_ns);
    5.0 * math::log10(
        1.0 + reach
            * math::pow10((reflectance_db - backscatter_db - 10.0 * math::log10(pulse_ns)) / 10.0),
    )
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
pub const GROUP_MARGIN: f64 = 0.0116;

/// What the analysis knows of the trace and its instrument, shared by its steps.
struct View<'a> {
    y: &'a [f64],
    n: usize,
    dx: f64,
    /// The pulse, m and points.
    lp: f64,
    w: usize,
    /// The receiver's response length, points.
    lf_pts: f64,
    /// Past any event the receiver settles over a few of its response lengths, points.
    settle: usize,
    /// The detector's short lines, points.
    wd: usize,
    /// A loss needs a line of at least this many points past the dead zone.
    min_fit: usize,
    /// The level at which the receiver clips, less a hundredth of a dB.
    clip: f64,
    noise_db: f64,
    pulse_ns: f64,
    fitter: Fitter,
}

impl<'a> View<'a> {
    fn new(trace: &'a Trace) -> View<'a> {
        let y = &trace.levels_db;
        let dx = trace.dx_m;
        let lp = trace.settings.pulse_length_m();
        let w = ((lp / dx).round() as usize).max(1);
        let lf_pts = otdr::receiver_length_m(lp) / dx;
        View {
            y,
            n: y.len(),
            dx,
            lp,
            w,
            lf_pts,
            settle: (3.0 * lf_pts).ceil() as usize,
            wd: (2 * w).max(10),
            min_fit: (w / 4).max(10),
            clip: trace.saturation_db - 0.01,
            noise_db: trace.noise_db,
            pulse_ns: trace.settings.pulse_ns,
            fitter: Fitter::new(y),
        }
    }

    /// Whether light comes back at this level (4 dB over the noise).
    fn live(&self, level: f64) -> bool {
        level > self.noise_db + 4.0
    }
}

pub fn analyse(trace: &Trace, th: &Thresholds) -> Analysis {
    let v = View::new(trace);
    let (y, n, w, lp, dx) = (v.y, v.n, v.w, v.lp, v.dx);
    let s = &trace.settings;
    let fitter = &v.fitter;
    let min_fit = v.min_fit;
    // The port: its own reflection, the launch's level read past a generous first skip.
    let first_skip = w + ((3.0 * otdr::receiver_length_m(lp) + lp) / dx).ceil() as usize;
    let launch_level = y
        .get(first_skip..(first_skip + 2 * w.max(5)).min(n))
        .filter(|v| !v.is_empty())
        .map(|v| v.iter().sum::<f64>() / v.len() as f64);
    let tail = first_skip.max(v.recovery_pts(0, 0, launch_level, RECOVERY_MARGIN));
    let h_thr = height_from_reflectance(th.reflectance_db, s.backscatter_db, s.pulse_ns).max(0.02);
    let (kept, live_to) = detect::candidates(&v, th, tail, h_thr, launch_level);
    // End of fibre: the first event after which no backscatter comes back.
    // The lines either side of an event: twenty pulses, and at least 100 m where the
    // fibre allows (a short pulse's line over 20 m tilts with the texture).
    let wm = (20 * w).max(50).max((MIN_SECTION_M / dx).ceil() as usize);
    let mut located = groups::locate(&v, th, kept);
    // The launch: the port is always event 1.
    let launch_refl = y[..(w + 1).min(n)].iter().cloned().fold(f64::MIN, f64::max)
        > y.get(w + tail).copied().unwrap_or(f64::MIN) + h_thr;
    let launch_dead = tail.max(w + 1);
    located.insert(
        0,
        groups::Group {
            first: 0,
            reflective: launch_refl,
            last: 0,
            group_dead: launch_dead,
            fit_dead: launch_dead,
            ends: false,
        },
    );

    let mut events: Vec<MeasuredEvent> = Vec::new();
    let mut cumulative = 0.0;
    let mut end_m = None;
    let mut fibre_db_km = None;
    for k in 0..located.len() {
        let groups::Group {
            first: e,
            reflective: refl,
            last,
            group_dead: group_end,
            fit_dead: fit_end,
            ends,
        } = located[k];
        let next_start = located.get(k + 1).map(|x| x.first).unwrap_or(n);
        // The fit after starts once the receiver is back to the fit's margin, or as late
        // as leaves a line before the next event, never inside the group's dead zone.
        let after_from = group_end.max(fit_end.min(next_start.saturating_sub(min_fit)));
        let prev_end = if k == 0 {
            0
        } else {
            let p = located[k - 1];
            p.group_dead.max(p.fit_dead.min(e.saturating_sub(min_fit)))
        };
        let before = if k == 0 {
            None
        } else {
            fitter.fit(prev_end.max(e.saturating_sub(wm)), e.saturating_sub(1))
        };
        let after = fitter.fit(after_from, next_start.min(after_from + wm));
        // Past a reflection, a trace that keeps falling faster than any fibre loses (5 dB
        // per km on the display, more than multimode's at 850 nm) is the receiver's
        // recovery from it, not backscatter: the glass ended there, whatever the drop
        // read against a PON's 20 dB threshold (an open end behind a 1:8 at 100 ns stands
        // 17 dB over the noise, and its tail is still 12 dB over it past the recovery the
        // fit allows for). Read on the line as fitted, before a short one takes the
        // other side's slope below, and only where it falls 3 dB or more along the line
        // or runs over a section (100 m): between two connectors 5 m apart at 3 ns the
        // first's recovery settles by a fraction of that.
        let decays = after.is_some_and(|a| {
            -a.b / dx * 1000.0 > 5.0
                && (-a.b * a.n as f64 >= detect::LARGE_DROP_DB || a.n as f64 * dx >= MIN_SECTION_M)
        });
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
        let after_live = just_after.is_some_and(|l| v.live(l));
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
        // A peak where the trace then sinks into the noise: the detector held it to the
        // noise after it as well (where the trace is noise, a line wavers by its own
        // size) and may have read a step; past an end nothing is hidden behind it, so it
        // is held to the texture and the noise before it alone (an open end behind a
        // splitter at 3 ns).
        let near = y[e.saturating_sub(w)..(e + w + 1).min(n)]
            .iter()
            .copied()
            .fold(f64::MIN, f64::max);
        let refl =
            refl || (!after_live && level_here.is_some_and(|l| near - l > v.peak_floor(l, h_thr)));
        let reflectance = level_here
            .map(|l| top - l)
            .filter(|h| refl && *h > 0.02)
            .map(|h| reflectance_from_height(h, s.backscatter_db, s.pulse_ns));
        // End of fibre (REFERENCE A.9): the first event whose drop, measured past the
        // receiver's recovery, crosses the end-of-fibre threshold, or a reflection after
        // which no backscatter comes back (the glass ends there). A fall into the noise
        // with no reflection and under the threshold (a splitter's few decibels into the
        // noise, with a PON's 20 dB threshold) is a loss past which nothing is seen,
        // not an end: the table says where the trace was lost.
        // The drop is measured against the line before carried on to that window, so
        // that a long pulse's long dead zone does not count the fibre's own loss.
        let centre = (j + k2) as f64 / 2.0;
        let expected = before.map(|b| b.at(centre)).or(level_here);
        let drop = expected.zip(just_after).map(|(l, a)| l - a);
        // The fibre's loss on the display: the least of the lines before so far over a
        // section or more (a long pulse's line inside a splitter's fall tilts by whole
        // dB/km).
        if let Some(b) = before.filter(|b| b.n as f64 * dx >= MIN_SECTION_M) {
            let slope = -b.b / dx * 1000.0;
            if slope > 0.05 {
                fibre_db_km = Some(fibre_db_km.map_or(slope, |f: f64| f.min(slope)));
            }
        }
        // A reflection with noise after it ends the glass where nothing at all comes back
        // past it: the trace's mean over a section after the dead zone is the noise's
        // own. Pure noise on this display averages 4.9 dB under the noise's σ level (half
        // its samples clipped at the floor, 8.5 dB under); backscatter even at half the
        // noise lifts that mean over 2.5 dB under it. Where the backscatter before stood
        // only a few decibels over the noise, a connector's 0.3 dB leaves it there (60 %
        // of 60 km at 3 ns) and a 1:8's 9.5 dB leaves it just under the noise (36 km at
        // 30 ns: its mean 0.1 dB under), while an end leaves the noise alone (an open end
        // behind a 1:8 at 3 ns: 4.8 dB under).
        // The receiver's recovery after an open end may still lift the first section
        // (at 30 ns the dead zone to its margin ends 424 m past an end behind a 1:8, and
        // the mean there read 1.7 to 2.1 dB under the noise's level): the next section
        // as well, where the range holds it; backscatter sinks by the fibre's loss alone
        // from one to the next.
        let nothing_back = {
            let section = ((MIN_SECTION_M / dx).ceil() as usize).max(min_fit);
            let quiet = |from: usize| {
                let to = (from + section).min(n);
                to > from
                    && y[from..to].iter().sum::<f64>() / ((to - from) as f64) < v.noise_db - 2.5
            };
            quiet(j) || (j + 2 * section <= n && quiet(j + section))
        };
        let is_end = k > 0
            && (ends
                || drop.is_some_and(|d| d > th.end_of_fibre_db)
                || (refl
                    && ((!after_live && nothing_back)
                        || decays
                        || v.falls_to_noise(last, fibre_db_km.unwrap_or(0.35))))
                || (!after_live && drop.is_none()));
        let saturated = refl && top >= v.clip;
        let kind = if is_end {
            EventKind::End
        } else if saturated {
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
            saturated,
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
    // Without an end, the trace that sank into the noise before the range ran out.
    let unseen_beyond_m = (end_m.is_none() && live_to < n).then_some(live_to as f64 * dx);
    let blind_past_launch_m = (end_m.is_none() && unseen_beyond_m.is_none() && events.len() == 1)
        .then_some(launch_dead.min(n.saturating_sub(1)) as f64 * dx);
    // ORL: everything that comes back, integrated over the pulse length, to the end's
    // reflection or to where the trace sinks into the noise. Where the receiver clipped,
    // the trace holds less than came back (REFERENCE A.3): the value is an upper bound,
    // as instruments say with "<" (the AFL OFL250 and the Fluke OptiFiber Pro manuals).
    let stop = events
        .iter()
        .find(|e| e.kind == EventKind::End)
        .map(|e| e.index + w + first_skip)
        .unwrap_or(live_to)
        .min(n);
    let orl_upper_bound = y[..stop].iter().any(|l| *l >= v.clip);
    // 10^(y/5) as exp(y·ln10/5): the same value, several times cheaper than pow. The
    // receiver smooths the trace over a third of a pulse and more: a point in every
    // eighth of a pulse sums it as well as every point does.
    let k = std::f64::consts::LN_10 / 5.0;
    let every = (w / 8).max(1);
    let returned: f64 = y[..stop]
        .iter()
        .step_by(every)
        .map(|v| math::exp(v * k))
        .sum::<f64>()
        * (every as f64)
        * dx
        / lp;
    let orl_db = (returned > 0.0).then(|| -10.0 * math::log10(returned));
    Analysis {
        events,
        total_loss_db,
        orl_db,
        orl_upper_bound,
        end_m,
        unseen_beyond_m,
        blind_past_launch_m,
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
