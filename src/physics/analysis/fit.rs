//! Least-squares lines over any stretch of a trace in O(1): the analysis's fits and the
//! trainee's markers.

/// Least-squares line fits over any index range in O(1), from prefix sums of y, x·y and
/// y². Counts, Σx and Σx² have closed forms, and each fit works in coordinates local to
/// its window, which keeps the sums well conditioned far along a long trace.
pub struct Fitter {
    /// Σy, Σi·y and Σy² over the points before each index, side by side: a fit reads
    /// the first two at both ends of its window.
    sums: Vec<[f64; 3]>,
}

/// A line's length and the constants of its fit, see [`Fitter::window`].
#[derive(Clone, Copy, Debug)]
pub struct Window {
    d: usize,
    inv_d: f64,
    mean: f64,
    inv_sxx: f64,
}

impl Window {
    /// The number of points the line is fitted over.
    pub fn points(&self) -> usize {
        self.d
    }
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
        let mut acc = [0.0; 3];
        let sums = std::iter::once(acc)
            .chain(y.iter().enumerate().map(|(i, &v)| {
                acc[0] += v;
                acc[1] += i as f64 * v;
                acc[2] += v * v;
                acc
            }))
            .collect();
        Fitter { sums }
    }

    /// Σy and Σi·y over points `i0..i1`, Σi·y in coordinates local to `i0`.
    fn sy_sxy(&self, i0: usize, i1: usize) -> (f64, f64) {
        let (a, b) = (self.sums[i0], self.sums[i1]);
        let sy = b[0] - a[0];
        (sy, b[1] - a[1] - i0 as f64 * sy)
    }

    /// Window sums in local coordinates x' = i − i0: (n, Σx', Σx'², Σy, Σx'y).
    fn sums(&self, i0: usize, i1: usize) -> Option<(f64, f64, f64, f64, f64, usize)> {
        let i1 = i1.min(self.sums.len() - 1);
        if i1 < i0 + 3 {
            return None;
        }
        let n = (i1 - i0) as f64;
        let (sy, sxy) = self.sy_sxy(i0, i1);
        let sx = n * (n - 1.0) / 2.0;
        let sxx = (n - 1.0) * n * (2.0 * n - 1.0) / 6.0;
        Some((n, sx, sxx, sy, sxy, i1))
    }

    /// The constants of a line over `d` points, for the many fits of that length a scan
    /// makes.
    pub fn window(d: usize) -> Window {
        let n = d as f64;
        Window {
            d,
            inv_d: 1.0 / n,
            mean: (n - 1.0) / 2.0,
            inv_sxx: 12.0 / (n * (n * n - 1.0)).max(1e-300),
        }
    }

    /// The line through the `win.d` points from `i0`: its level at point `x` and its
    /// slope per point, with no division (`None` where it runs past the trace or holds
    /// under three points). The slope is Σ(x − x̄)·y / Σ(x − x̄)², in coordinates local
    /// to the window.
    pub fn level_and_slope(&self, win: &Window, i0: usize, x: f64) -> Option<(f64, f64)> {
        let i1 = i0 + win.d;
        if i1 >= self.sums.len() || win.d < 3 {
            return None;
        }
        let (sy, sxy) = self.sy_sxy(i0, i1);
        let b = (sxy - win.mean * sy) * win.inv_sxx;
        Some((sy * win.inv_d + b * (x - i0 as f64 - win.mean), b))
    }

    /// The mean of the `win.d` points from `i0` (`None` where they run past the trace).
    pub fn mean(&self, win: &Window, i0: usize) -> Option<f64> {
        let i1 = i0 + win.d;
        (i1 < self.sums.len() && win.d > 0)
            .then(|| (self.sums[i1][0] - self.sums[i0][0]) * win.inv_d)
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
        let i1 = i1.min(self.sums.len() - 1).max(i0 + 1);
        let n = (i1 - i0) as f64;
        let mean_y = (self.sums[i1][0] - self.sums[i0][0]) / n;
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
        let syy = self.sums[i1][2] - self.sums[i0][2];
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
        // A fixed window gives the same line without its divisions.
        let win = Fitter::window(1000);
        for i0 in [0usize, 500_000, 998_000] {
            let (a, b) = f.fit_line(i0, i0 + 1000).unwrap();
            let x = i0 as f64 + 1234.0;
            let (level, slope) = f.level_and_slope(&win, i0, x).unwrap();
            assert!((level - (a + b * x)).abs() < 1e-9 && (slope - b).abs() < 1e-12);
        }
        assert!(f.level_and_slope(&win, 999_001, 0.0).is_none());
        // The zigzag's own least-squares slope is tiny.
        assert!((first.b - slope).abs() < 1e-7);
    }
}
