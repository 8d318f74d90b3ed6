//! Plot data for long traces: a min/max pyramid built once per trace, so that preparing a
//! frame costs the same for 4 096 points as for a million (a few points per pixel column).

/// Grid steps for an axis spanning `span` (small, medium, large): the large step, where
/// the labels go, is 1, 2 or 5 times a power of ten, the smallest that gives at most 8
/// of them, so that a trace's distance axis always has 4 to 8 labels.
pub fn nice_steps(span: f64) -> [f64; 3] {
    if !(span.is_finite() && span > 0.0) {
        return [0.1, 0.5, 1.0];
    }
    let target = span / 8.0;
    // The power of ten at or below the target, found by steps (no logarithm needed).
    let mut decade = 1.0;
    while decade * 10.0 <= target {
        decade *= 10.0;
    }
    while decade > target {
        decade /= 10.0;
    }
    let mantissa = [1.0, 2.0, 5.0, 10.0]
        .into_iter()
        .find(|m| m * decade >= target)
        .unwrap_or(10.0);
    let large = mantissa * decade;
    let medium = if mantissa == 2.0 {
        large / 2.0
    } else {
        large / 5.0
    };
    [large / 10.0, medium, large]
}

/// Level k holds, for each run of 2^k consecutive points, its minimum and maximum.
pub struct MinMaxPyramid {
    levels: Vec<Vec<(f64, f64)>>,
}

impl MinMaxPyramid {
    pub fn new(y: &[f64]) -> MinMaxPyramid {
        let mut levels = vec![y.iter().map(|&v| (v, v)).collect::<Vec<_>>()];
        while levels.last().is_some_and(|l| l.len() > 1) {
            let prev = levels.last().map(Vec::as_slice).unwrap_or(&[]);
            let next: Vec<(f64, f64)> = prev
                .chunks(2)
                .map(|c| {
                    c.iter().fold((f64::MAX, f64::MIN), |(lo, hi), &(a, b)| {
                        (lo.min(a), hi.max(b))
                    })
                })
                .collect();
            levels.push(next);
        }
        MinMaxPyramid { levels }
    }

    pub fn len(&self) -> usize {
        self.levels[0].len()
    }

    pub fn is_empty(&self) -> bool {
        self.levels[0].is_empty()
    }

    /// Points to draw for indices `i0..i1` on `pixels` columns: for each column a low and
    /// a high point (x in index units), from the coarsest level that still has at least
    /// one run per column. Never more than 2 points per pixel column plus 2.
    pub fn columns(&self, i0: usize, i1: usize, pixels: usize) -> Vec<[f64; 2]> {
        let i1 = i1.min(self.len());
        if i1 <= i0 || pixels == 0 {
            return Vec::new();
        }
        let span = i1 - i0;
        let per_pixel = (span / pixels.max(1)).max(1);
        // Largest k with 2^k <= points per pixel.
        let k = (usize::BITS - 1 - per_pixel.leading_zeros()) as usize;
        let k = k.min(self.levels.len() - 1);
        let level = &self.levels[k];
        let run = 1usize << k;
        let (j0, j1) = (i0 / run, i1.div_ceil(run).min(level.len()));
        let mut out = Vec::with_capacity(2 * (j1 - j0));
        if k == 0 {
            for (j, v) in level[j0..j1].iter().enumerate() {
                out.push([(j0 + j) as f64, v.0]);
            }
            return out;
        }
        for (j, &(lo, hi)) in level[j0..j1].iter().enumerate() {
            let x = ((j0 + j) * run) as f64 + run as f64 / 2.0;
            out.push([x, hi]);
            out.push([x, lo]);
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grid_steps_give_four_to_eight_labels() {
        // By hand: 4 500 m / 8 = 562.5 m, so 1 000 m steps; 380 m / 8 = 47.5 m, so 50 m;
        // 66 km / 8 = 8.25 km, so 10 km; 12 m / 8 = 1.5 m, so 2 m.
        assert_eq!(nice_steps(4500.0)[2], 1000.0);
        assert_eq!(nice_steps(380.0)[2], 50.0);
        assert_eq!(nice_steps(66_000.0)[2], 10_000.0);
        assert_eq!(nice_steps(12.0)[2], 2.0);
        for span in [0.7, 3.0, 90.0, 1234.0, 9999.0, 260_000.0] {
            let [small, medium, large] = nice_steps(span);
            let labels = span / large;
            assert!((4.0..=8.0).contains(&labels), "{span}: {labels} labels");
            assert!(small < medium && medium < large);
        }
    }

    #[test]
    fn columns_keep_every_extreme() {
        let y: Vec<f64> = (0..100_000)
            .map(|i| if i == 77_777 { 50.0 } else { (i % 7) as f64 })
            .collect();
        let p = MinMaxPyramid::new(&y);
        let pts = p.columns(0, y.len(), 800);
        assert!(pts.len() <= 2 * 800 * 2 + 2, "{}", pts.len());
        let max = pts.iter().map(|p| p[1]).fold(f64::MIN, f64::max);
        let min = pts.iter().map(|p| p[1]).fold(f64::MAX, f64::min);
        assert_eq!((min, max), (0.0, 50.0), "the spike survives decimation");
        // Zoomed in enough, every point is drawn.
        assert_eq!(p.columns(1000, 1400, 800).len(), 400);
    }
}
