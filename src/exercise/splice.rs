//! The splicing exercise (fusion and mechanical). This first part holds the random draws
//! of a splice; the state machine joins it.

use crate::physics::splice::FusionDraws;
use crate::scenario::rng::SimRng;

/// Core-to-cladding eccentricity of a fibre, σ per axis, µm [U: G.652/G.657 specify at most
/// 0.5 µm (REFERENCE B.1); real fibres sit well inside it, typically 0.1–0.2 µm].
pub const ECCENTRICITY_SIGMA_UM: f64 = 0.1;

/// Draws what chance decides in one splice, in a fixed order (replays depend on it).
pub fn draw_fusion(rng: &mut SimRng) -> FusionDraws {
    let mut ecc = [[0.0; 2]; 2];
    for f in &mut ecc {
        for v in f.iter_mut() {
            *v = rng.gauss(ECCENTRICITY_SIGMA_UM);
        }
    }
    let align_error = [rng.normal(), rng.normal()];
    let tau = std::f64::consts::TAU;
    let cleave_dir_rad = [rng.uniform() * tau, rng.uniform() * tau];
    FusionDraws {
        eccentricity_um: ecc,
        align_error,
        cleave_dir_rad,
        u_bubble: rng.uniform(),
        u_size: rng.uniform(),
        u_strength: rng.uniform(),
        u_base: rng.uniform(),
        estimate_noise: [rng.normal(), rng.normal()],
    }
}
