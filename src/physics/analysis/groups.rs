//! The receiver's recovery as the analysis reads it, each event's dead zones, and the
//! events grouped where they are closer than a member's dead zone (REFERENCE A.4).

use super::detect::Found;
use super::fit::Fitter;
use super::{GROUP_MARGIN, RECOVERY_MARGIN, Thresholds, View};
use crate::math;
use crate::physics::otdr;

/// Events read as one: the first and last member's indices, whether any member is
/// reflective, and where the members' dead zones end, to the group's margin and to the
/// fit's.
#[derive(Clone, Copy, Debug)]
pub(super) struct Group {
    pub first: usize,
    pub reflective: bool,
    pub last: usize,
    pub group_dead: usize,
    pub fit_dead: usize,
    /// The fibre ends at the group's reflection: what ended it is found in its recovery,
    /// the trace falling from the reflection and never back to backscatter.
    pub ends: bool,
}

impl View<'_> {
    /// How long the receiver takes to recover after a reflection at `idx`, in points
    /// past its pulse (REFERENCE A.4): the instrument knows its own response, and reads
    /// how hard the reflection drove it from the peak's height above the line before,
    /// and, where the peak clipped, from how long it stayed clipped (each response length
    /// past the pulse is a factor e past saturation). The fit after the event starts
    /// there. The level is the backscatter's, read on the line before `from` (the first
    /// of a group: a second reflection inside it stands on the same backscatter) or
    /// given.
    pub(super) fn recovery_pts(
        &self,
        idx: usize,
        from: usize,
        level: Option<f64>,
        margin: f64,
    ) -> usize {
        let (y, n, w, lp, dx) = (self.y, self.n, self.w, self.lp, self.dx);
        let window = (idx..(idx + 2 * w + 2).min(n)).map(|i| y[i]);
        let top = window.fold(f64::MIN, f64::max);
        let level = level.or_else(|| {
            self.fitter
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
        let wide = if top < self.clip && height >= 1.0 {
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
        if top >= self.clip {
            // The last clipped point (the noise dips the trace under the clip before it).
            let reach_end = (idx + w + 1 + (30.0 * self.lf_pts) as usize).min(n);
            let clipped = y[idx..reach_end]
                .iter()
                .rposition(|v| *v >= self.clip)
                .map_or(0, |k| k + 1);
            let extra = clipped.saturating_sub(w) as f64 * dx;
            ratio *= math::exp((extra / otdr::receiver_length_m(lp)).min(30.0));
        }
        wide + (otdr::recovery_after_m(lp, ratio, margin) / dx).ceil() as usize
    }

    /// An event's own dead zone, where the fit after it may start, to the group's margin
    /// and to the fit's, in points from the event.
    pub(super) fn dead(&self, idx: usize, from: usize, refl: bool, step_db: f64) -> (usize, usize) {
        let w = self.w;
        // Past any event the receiver settles over a few of its response lengths.
        let own = w + 1 + self.settle;
        if refl {
            // The recovery counts from the end of the pulse and holds the settling.
            (
                own.max(w + 1 + self.recovery_pts(idx, from, None, GROUP_MARGIN)),
                own.max(w + 1 + self.recovery_pts(idx, from, None, RECOVERY_MARGIN)),
            )
        } else {
            // A large drop settles on the display as a reflection of its height does.
            let ratio = math::pow10(step_db.abs() / 5.0) - 1.0;
            let to = |margin: f64| {
                w + 1 + (otdr::recovery_after_m(self.lp, ratio, margin) / self.dx).ceil() as usize
            };
            (own.max(to(GROUP_MARGIN)), own.max(to(RECOVERY_MARGIN)))
        }
    }

    /// Whether the trace from past the pulse of a reflection at `from` up to `to` only
    /// falls (faster than any fibre loses, 5 dB per km on the display): the receiver's
    /// recovery, with no backscatter between.
    fn tail_only(&self, from: usize, to: usize) -> bool {
        let start = from + self.w + 1;
        match self.fitter.fit_line(start, to) {
            Some((_, b)) if to > start + 2 => -b / self.dx * 1000.0 > 5.0,
            _ => true,
        }
    }

    /// Whether the trace past the pulse of a reflection at `idx` only falls from there
    /// on: over every stretch of a pulse (100 m at least) it loses more than the fibre
    /// before it would, three times over and by half a decibel per kilometre at
    /// least (`fibre_db_km`: the fibre's slope on the display), down to the noise or over
    /// two stretches and more to the range's end. That is the receiver's recovery with no
    /// backscatter anywhere under it: the glass ended at the reflection, however long
    /// the tail (behind a splitter at 10 µs it falls over kilometres, a decibel per
    /// km at its slowest, and the step where it meets the noise is no event).
    pub(super) fn falls_to_noise(&self, idx: usize, fibre_db_km: f64) -> bool {
        let n = self.n;
        let start = idx + self.w + 1;
        let span = (super::MIN_SECTION_M.max(self.lp) / self.dx).ceil() as usize;
        let rate = (3.0 * fibre_db_km).max(fibre_db_km + 0.5);
        let least = rate * span as f64 * self.dx / 1000.0;
        // Means over a whole stretch: near the noise a shorter one wavers by more than
        // the tail's slowest fall (read from the fitter's running sums: a long tail is
        // walked in short steps).
        let (whole, part) = (Fitter::window(span), Fitter::window(self.min_fit));
        let mean = |i: usize| self.fitter.mean(&whole, i).unwrap_or(f64::NAN);
        if start + 2 * span >= n {
            return false;
        }
        let first = mean(start);
        if !self.live(first) {
            return false;
        }
        // Over the first stretch, finely: each short mean under the one before, down to
        // the noise if it gets there. A few metres of fibre past a connector (a drop to
        // its end) hold level and waver up and down before their own end; a tail falls
        // at every step.
        let block = self.min_fit;
        let short = |i: usize| self.fitter.mean(&part, i).unwrap_or(f64::NAN);
        let mut last = short(start);
        let mut j = start + block;
        while j + block < (start + span).min(n) && self.live(last) {
            let now = short(j);
            if now >= last {
                return false;
            }
            last = now;
            j += block;
        }
        let mut i = start;
        while i + 2 * span < n {
            let (here, there) = (mean(i), mean(i + span));
            if here - there < least {
                return false;
            }
            if !self.live(there) {
                return first - there >= super::detect::LARGE_DROP_DB;
            }
            i += self.min_fit;
        }
        i > start + span && first - mean(n - span - 1) >= super::detect::LARGE_DROP_DB
    }

    /// Whether a candidate ends the fibre: past its own recovery (to the group's margin)
    /// the trace is noise, or far under the line before the group it would join. Such a
    /// candidate is never one of the group before it, however long that group's
    /// recovery.
    fn ends_here(&self, idx: usize, from: usize, refl: bool, step: f64, th: &Thresholds) -> bool {
        let (y, n) = (self.y, self.n);
        let j = (idx + self.dead(idx, from, refl, step).0).min(n);
        let k = (j + self.min_fit).min(n);
        if k <= j {
            return true;
        }
        let after = y[j..k].iter().sum::<f64>() / (k - j) as f64;
        // The line before the group: inside it the trace is the recovery's.
        let before = self
            .fitter
            .fit_line(from.saturating_sub(1 + self.wd), from.saturating_sub(1))
            .map(|(a, b)| a + b * idx as f64);
        !self.live(after) || before.is_some_and(|b| b - after > th.end_of_fibre_db)
    }
}

/// The candidates grouped: events closer together than the attenuation dead zone of any
/// member before them (its pulse, its recovery) and a line of a couple of pulses cannot
/// each be given a loss; they are grouped, as instruments do, and the group's loss is
/// measured across it, from the line before the first to the line after the last
/// (REFERENCE A.4).
pub(super) fn locate(v: &View, th: &Thresholds, kept: Vec<Found>) -> Vec<Group> {
    let w = v.w;
    // Two events are read apart only with a line of a pulse between them.
    let min_line = w.max(25);
    let mut located: Vec<Group> = Vec::new();
    for (idx, refl, step, _) in kept {
        match located.last_mut() {
            // Past an end, nothing.
            Some(g) if g.ends => {}
            // What ends the fibre inside a reflection's recovery, with the trace only
            // falling from the reflection to it, is the recovery's own fall: the fibre
            // ended at the reflection (an open end clipping the receiver at 1 µs read
            // its end 200 m down its tail).
            Some(g)
                if g.reflective
                    && idx < g.group_dead + min_line
                    && v.ends_here(idx, g.first, refl, step, th)
                    && v.tail_only(g.last, idx) =>
            {
                g.ends = true;
            }
            // Inside a reflective group's recovery a second reflection raises no new
            // peak above its line and is found as a step: its own peak still sets how
            // long the receiver takes. A step found in the recovery's tail, past its
            // pulse, is the tail itself: the group takes it without ending there.
            Some(g)
                if idx < g.group_dead + min_line && !v.ends_here(idx, g.first, refl, step, th) =>
            {
                g.reflective |= refl;
                let (group, fit) = v.dead(idx, g.first, g.reflective, step);
                if refl || idx <= g.last + w + 1 + v.settle {
                    g.last = idx;
                }
                g.group_dead = g.group_dead.max(idx + group);
                g.fit_dead = g.fit_dead.max(idx + fit);
            }
            Some(_) | None => {
                let (group, fit) = v.dead(idx, idx, refl, step);
                located.push(Group {
                    first: idx,
                    reflective: refl,
                    last: idx,
                    group_dead: idx + group,
                    fit_dead: idx + fit,
                    ends: false,
                });
            }
        }
    }
    located
}
