//! Portable transcendental functions, for everything a grade depends on.
//!
//! `f64::exp`, `ln`, `log10`, `powf`, `sin`, `cos`, `hypot` call the platform's maths
//! library, whose last bit may differ between operating systems (and `powi` between
//! compiler versions: its precision is documented as non-deterministic). A stored
//! attempt is verified by replaying it, so a trace level or a splice loss must come out
//! the same to the bit on every machine. These wrappers call the `libm` crate, a port of
//! musl's maths library compiled from Rust source: the same code, so the same bits,
//! wherever FibreLab runs. Square roots (`f64::sqrt`) are exact by IEEE 754 and need no
//! wrapper.
//!
//! `clippy.toml` forbids the platform functions, so that a new formula cannot bring them
//! back unnoticed.

/// e^x.
#[inline]
pub fn exp(x: f64) -> f64 {
    libm::exp(x)
}

/// Natural logarithm.
#[inline]
pub fn ln(x: f64) -> f64 {
    libm::log(x)
}

/// Base-10 logarithm.
#[inline]
pub fn log10(x: f64) -> f64 {
    libm::log10(x)
}

/// x^y.
#[inline]
pub fn pow(x: f64, y: f64) -> f64 {
    libm::pow(x, y)
}

/// 10^(x), the step from decibels back to a ratio.
#[inline]
pub fn pow10(x: f64) -> f64 {
    libm::pow(10.0, x)
}

/// x², as an exact product (`powi(2)` is not guaranteed to be one).
#[inline]
pub fn sq(x: f64) -> f64 {
    x * x
}

#[inline]
pub fn sin(x: f64) -> f64 {
    libm::sin(x)
}

#[inline]
pub fn cos(x: f64) -> f64 {
    libm::cos(x)
}

/// The angle of (x, y) from the x axis, radians.
#[inline]
pub fn atan2(y: f64, x: f64) -> f64 {
    libm::atan2(y, x)
}

/// √(x² + y²) without overflow.
#[inline]
pub fn hypot(x: f64, y: f64) -> f64 {
    libm::hypot(x, y)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Values worked out independently (to 17 significant digits, from the series or
    /// tables), compared to within one unit in the last place.
    #[test]
    fn known_values() {
        let close = |a: f64, b: f64| (a - b).abs() <= b.abs() * 2.0 * f64::EPSILON;
        assert!(close(exp(1.0), std::f64::consts::E));
        assert!(close(ln(10.0), std::f64::consts::LN_10));
        assert_eq!(log10(1000.0), 3.0);
        assert!(close(log10(2.0), std::f64::consts::LOG10_2));
        assert!(close(pow10(0.5), 3.162_277_660_168_379));
        assert_eq!(pow(2.0, 10.0), 1024.0);
        assert!(close(sin(std::f64::consts::FRAC_PI_6), 0.5));
        assert!(close(cos(std::f64::consts::FRAC_PI_3), 0.5));
        assert_eq!(hypot(3.0, 4.0), 5.0);
        assert_eq!(sq(1.5), 2.25);
    }
}
