//! What the trainee's markers measure on a trace, with the same line fits as the
//! instrument's analysis (REFERENCE.md A.10): two-point loss, section attenuation by
//! least squares between A and B, 4-point (LSA) event loss, reflectance from the peak
//! height, and the A–B link loss with both end connectors (lines fitted on the launch
//! cable before A and on the receive cable after B).
//!
//! Distances are display metres from the trace's first point.

use super::analysis::{Fitter, reflectance_from_height};
use super::otdr::Trace;

/// Measurements read with the markers.
pub struct Markers<'a> {
    trace: &'a Trace,
    fitter: Fitter,
}

impl<'a> Markers<'a> {
    pub fn new(trace: &'a Trace) -> Markers<'a> {
        Markers {
            trace,
            fitter: Fitter::new(&trace.levels_db),
        }
    }

    fn index(&self, m: f64) -> usize {
        let n = self.trace.levels_db.len();
        ((m / self.trace.dx_m).round().max(0.0) as usize).min(n.saturating_sub(1))
    }

    fn points(&self, m: f64) -> usize {
        ((m / self.trace.dx_m).round() as usize).max(3)
    }

    /// The level at a distance, averaged over ±2 points.
    pub fn level(&self, m: f64) -> f64 {
        let i = self.index(m);
        let lo = i.saturating_sub(2);
        let hi = (i + 3).min(self.trace.levels_db.len());
        let s = &self.trace.levels_db[lo..hi];
        s.iter().sum::<f64>() / s.len().max(1) as f64
    }

    /// Two-point loss: level at A minus level at B (fibre attenuation included).
    pub fn two_point(&self, a_m: f64, b_m: f64) -> f64 {
        self.level(a_m) - self.level(b_m)
    }

    /// Least-squares attenuation between A and B, dB/km.
    pub fn section_db_per_km(&self, a_m: f64, b_m: f64) -> Option<f64> {
        let (i0, i1) = (self.index(a_m.min(b_m)), self.index(a_m.max(b_m)));
        let l = self.fitter.fit(i0, i1)?;
        Some(-l.b / self.trace.dx_m * 1000.0)
    }

    /// 4-point loss at `at_m`: lines fitted over `window_m` before `at_m − gap_m` and
    /// after `at_m + gap_m`, their difference read at `at_m`.
    pub fn lsa_loss(&self, at_m: f64, window_m: f64, gap_m: f64) -> Option<f64> {
        let at = self.index(at_m) as f64;
        let (w, g) = (
            self.points(window_m),
            self.points(gap_m).min(self.points(window_m)),
        );
        let i = self.index(at_m);
        let before = self.fitter.fit(i.checked_sub(g + w)?, i.checked_sub(g)?)?;
        let after = self.fitter.fit(i + g, i + g + w)?;
        Some(before.at(at) - after.at(at))
    }

    /// Reflectance of a peak at `at_m`: its height (the highest point within `gap_m`)
    /// above the backscatter line fitted over `window_m` before it.
    pub fn reflectance(&self, at_m: f64, window_m: f64, gap_m: f64) -> Option<f64> {
        let i = self.index(at_m);
        let (w, g) = (self.points(window_m), self.points(gap_m));
        let before = self
            .fitter
            .fit(i.checked_sub(g + w)?, i.checked_sub(g / 2 + 1)?)?;
        let lo = i.saturating_sub(g / 2);
        let hi = (i + g).min(self.trace.levels_db.len());
        let (k, peak) = self.trace.levels_db[lo..hi]
            .iter()
            .enumerate()
            .fold((0, f64::MIN), |m, (k, &y)| if y > m.1 { (k, y) } else { m });
        let height = peak - before.at((lo + k) as f64);
        let s = &self.trace.settings;
        (height > 0.01).then(|| reflectance_from_height(height, s.backscatter_db, s.pulse_ns))
    }

    /// Loss from A to B with both end connectors: the backscatter line before A (launch
    /// cable) read at A, minus the line after B (receive cable) read at B.
    pub fn link_loss(&self, a_m: f64, b_m: f64, window_m: f64, gap_m: f64) -> Option<f64> {
        let (ia, ib) = (self.index(a_m), self.index(b_m));
        let (w, g) = (self.points(window_m), self.points(gap_m));
        let before = self
            .fitter
            .fit(ia.checked_sub(g + w)?, ia.checked_sub(g)?)?;
        let after = self.fitter.fit(ib + g, ib + g + w)?;
        Some(before.at(ia as f64) - after.at(ib as f64))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::physics::otdr::Settings;

    /// A hand-made trace: 0.2 dB/km one-way, a 0.30 dB step at 1000 m and a 0.5 dB step
    /// with a 2 dB peak (10 points wide) at 2000 m, 0.1 m spacing.
    fn trace() -> Trace {
        let dx = 0.1;
        let levels = (0..30_000)
            .map(|i| {
                let z = i as f64 * dx;
                let mut y = -10.0 - 0.2 * z / 1000.0;
                if z >= 1000.0 {
                    y -= 0.3;
                }
                if z >= 2000.0 {
                    y -= 0.5;
                }
                if (2000.0..2001.0).contains(&z) {
                    y += 2.0;
                }
                y
            })
            .collect();
        Trace {
            settings: Settings {
                wavelength_nm: 1550.0,
                pulse_ns: 10.0,
                range_m: 3000.0,
                averaging_s: 10.0,
                ior: 1.468,
                backscatter_db: -81.0,
            },
            averaged_s: 10.0,
            dx_m: dx,
            levels_db: levels,
            saturation_db: 0.0,
            noise_db: -60.0,
        }
    }

    #[test]
    fn markers_read_a_hand_made_trace() {
        let t = trace();
        let m = Markers::new(&t);
        // Section slope: 0.2 dB/km.
        let s = m.section_db_per_km(100.0, 900.0).unwrap();
        assert!((s - 0.2).abs() < 1e-6, "{s}");
        // Two points across the step: step + 200 m of fibre = 0.30 + 0.04.
        assert!((m.two_point(900.0, 1100.0) - 0.34).abs() < 1e-6);
        // 4-point loss removes the fibre: 0.30 dB.
        let l = m.lsa_loss(1000.0, 100.0, 2.0).unwrap();
        assert!((l - 0.30).abs() < 1e-3, "{l}");
        let l2 = m.lsa_loss(2000.0, 100.0, 3.0).unwrap();
        assert!((l2 - 0.50).abs() < 1e-3, "{l2}");
        // The peak stands 2 − 0.5 = 1.5 dB above the backscatter before it; at 10 ns and
        // K −81 dB the formula gives its reflectance.
        let r = m.reflectance(2000.0, 100.0, 3.0).unwrap();
        let expect = reflectance_from_height(1.5, -81.0, 10.0);
        assert!((r - expect).abs() < 0.05, "{r} vs {expect}");
        // A–B loss with both ends: 0.2 dB/km × 1.5 km + 0.3 + 0.5.
        let ab = m.link_loss(500.0, 2000.0, 100.0, 3.0).unwrap();
        assert!((ab - 1.1).abs() < 1e-3, "{ab}");
        // Near the start there is no room for the line before: no reading.
        assert!(m.lsa_loss(5.0, 100.0, 2.0).is_none());
    }
}
