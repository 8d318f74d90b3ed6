//! The only source of randomness: ChaCha8 keyed by the attempt's seed.
//!
//! Portability matters more than speed here: a seed must give the same exercise on every
//! machine and in every version that keeps the file format. So the draws below use only
//! the ChaCha8 stream (specified, platform-independent) and exact IEEE arithmetic: no
//! `ln`/`cos` from the platform's maths library, whose last bit may differ between systems.

use rand_chacha::ChaCha8Rng;
use rand_chacha::rand_core::{Rng, SeedableRng};

/// Stream numbers separate independent uses of one seed, so that drawing the exercise and
/// drawing the outcome of gesture *k* never shift each other.
pub const STREAM_GENERATE: u64 = 0;

/// Stream for the outcome of the accepted action with index `k` (0-based).
pub fn stream_for_action(k: usize) -> u64 {
    1 + k as u64
}

#[derive(Clone)]
pub struct SimRng(ChaCha8Rng);

impl SimRng {
    pub fn new(seed: u64, stream: u64) -> SimRng {
        let mut key = [0u8; 32];
        key[..8].copy_from_slice(&seed.to_le_bytes());
        let mut rng = ChaCha8Rng::from_seed(key);
        rng.set_stream(stream);
        SimRng(rng)
    }

    /// Uniform in [0, 1), 53 bits.
    pub fn uniform(&mut self) -> f64 {
        (self.0.next_u64() >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
    }

    /// Uniform in [lo, hi].
    pub fn range_f64(&mut self, lo: f64, hi: f64) -> f64 {
        lo + (hi - lo) * self.uniform()
    }

    /// Uniform integer in [lo, hi] (inclusive), without modulo bias worth mentioning for
    /// the small ranges scenarios use (spans below 2^20 against a 64-bit draw).
    pub fn range_u32(&mut self, lo: u32, hi: u32) -> u32 {
        if hi <= lo {
            return lo;
        }
        let span = (hi - lo) as u64 + 1;
        lo + (self.0.next_u64() % span) as u32
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        self.uniform() < p.clamp(0.0, 1.0)
    }

    /// Approximately standard normal: Irwin–Hall sum of 12 uniforms minus 6 (mean 0,
    /// variance 1, tails cut at ±6). Exact arithmetic only, see the module note.
    pub fn normal(&mut self) -> f64 {
        (0..12).map(|_| self.uniform()).sum::<f64>() - 6.0
    }

    /// Normal with the given standard deviation.
    pub fn gauss(&mut self, sigma: f64) -> f64 {
        sigma * self.normal()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_stream_same_numbers() {
        let a: Vec<f64> = {
            let mut r = SimRng::new(42, 3);
            (0..5).map(|_| r.uniform()).collect()
        };
        let b: Vec<f64> = {
            let mut r = SimRng::new(42, 3);
            (0..5).map(|_| r.uniform()).collect()
        };
        assert_eq!(a, b);
        let mut other = SimRng::new(42, 4);
        assert_ne!(a[0], other.uniform());
    }

    #[test]
    fn chacha8_stream_is_the_published_algorithm() {
        // ChaCha with 8 rounds, 256-bit zero key, zero nonce: the first 16 bytes of the
        // published keystream are 3e00ef2f895f40d6 7f5bb8e81f09a5a1. A dependency update
        // that changed the stream (and so every stored attempt's exercise) fails here.
        let mut r = SimRng::new(0, 0);
        let mut bytes = Vec::new();
        for _ in 0..2 {
            bytes.extend_from_slice(&r.0.next_u64().to_le_bytes());
        }
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        assert_eq!(hex, "3e00ef2f895f40d67f5bb8e81f09a5a1");
    }

    #[test]
    fn normal_has_unit_variance() {
        let mut r = SimRng::new(7, 0);
        let n = 20_000;
        let xs: Vec<f64> = (0..n).map(|_| r.normal()).collect();
        let mean = xs.iter().sum::<f64>() / n as f64;
        let var = xs.iter().map(|x| (x - mean) * (x - mean)).sum::<f64>() / n as f64;
        assert!(mean.abs() < 0.03, "mean {mean}");
        assert!((var - 1.0).abs() < 0.05, "variance {var}");
    }
}
