//! Fibre types and their optical constants per wavelength (REFERENCE.md A.1, A.2, C.1).

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;
use crate::math;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum FibreType {
    /// Standard single-mode (SMF-28 class).
    G652D,
    /// Bend-insensitive single-mode, smaller mode field.
    G657A1,
    G657A2,
    /// 50/125 multimode.
    OM3,
    OM4,
}

/// Optical constants of a fibre at one wavelength.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FibreOptics {
    pub attenuation_db_per_km: f64,
    /// Mode-field diameter, µm (single-mode).
    pub mfd_um: f64,
    pub group_index: f64,
    /// Backscatter coefficient for a 1 ns pulse, dB (optical).
    pub backscatter_db: f64,
}

impl FibreType {
    pub fn is_single_mode(self) -> bool {
        matches!(
            self,
            FibreType::G652D | FibreType::G657A1 | FibreType::G657A2
        )
    }

    /// Constants at `wavelength_nm` (linear interpolation between the tabulated
    /// wavelengths, held flat outside them).
    ///
    /// Single-mode: G.652.D attenuation 0.33/0.19/0.21 dB/km, group index
    /// 1.4677/1.4682/1.4685, backscatter −79.4/−81.9/−82.5 dB (REFERENCE A.1, A.2). MFD
    /// 9.2/10.4/10.8 µm for G.652.D; G.657 8.8/8.6 µm at 1310 (C.1). The backscatter of a
    /// smaller mode field is higher by 20·log10(w652/w) (capture ∝ 1/MFD², A.7).
    /// Multimode values are placeholders of REFERENCE G ([U]): 2.3/0.6 dB/km,
    /// n 1.481/1.476, K −68/−76 dB at 850/1300 nm.
    pub fn optics(self, wavelength_nm: f64) -> FibreOptics {
        let sm = |l: f64, mfd: [f64; 3]| {
            let w = [1310.0, 1550.0, 1625.0];
            let att = interp(&w, &[0.33, 0.19, 0.21], l);
            let ng = interp(&w, &[1.4677, 1.4682, 1.4685], l);
            let k652 = interp(&w, &[-79.4, -81.9, -82.5], l);
            let mfd652 = interp(&w, &[9.2, 10.4, 10.8], l);
            let mfd = interp(&w, &mfd, l);
            FibreOptics {
                attenuation_db_per_km: att,
                mfd_um: mfd,
                group_index: ng,
                backscatter_db: k652 + 20.0 * math::log10(mfd652 / mfd),
            }
        };
        match self {
            FibreType::G652D => sm(wavelength_nm, [9.2, 10.4, 10.8]),
            FibreType::G657A1 => sm(wavelength_nm, [8.8, 9.9, 10.3]),
            FibreType::G657A2 => sm(wavelength_nm, [8.6, 9.6, 10.0]),
            FibreType::OM3 | FibreType::OM4 => {
                let w = [850.0, 1300.0];
                FibreOptics {
                    attenuation_db_per_km: interp(&w, &[2.3, 0.6], wavelength_nm),
                    mfd_um: 50.0,
                    group_index: interp(&w, &[1.481, 1.476], wavelength_nm),
                    backscatter_db: interp(&w, &[-68.0, -76.0], wavelength_nm),
                }
            }
        }
    }

    /// Loss of `turns` turns at `radius_mm`, at 1550 nm, dB (an `Element::Macrobend`'s
    /// figure). Per turn, A·exp(−R/R0) through ITU-T G.657's limits (REFERENCE E.1):
    /// A1 0.025 dB/turn at 15 mm and 0.75 dB at 10 mm; A2 0.003 dB/turn at 15 mm, 0.1 dB
    /// at 10 mm and, under 10 mm, on to 0.5 dB at 7.5 mm (one exponential through the
    /// first two would give 0.58 dB there, past the third limit: the fibre at its limit
    /// meets each). G.652.D from its 100 turns at 30 mm ≤ 0.1 dB (1625 nm), taken as
    /// 0.0005 dB/turn at 1550 nm, with R0 2.2 mm [U]: about 0.5 dB for one turn at 15 mm.
    /// Real fibres do better than their limits; this is the fibre at its limit.
    /// Multimode: as G.652.D [U].
    pub fn bend_loss_1550_db(self, radius_mm: f64, turns: f64) -> f64 {
        let (a_at, r_at, r0) = match self {
            FibreType::G657A1 => (0.025, 15.0, 5.0 / math::ln(30.0)),
            FibreType::G657A2 if radius_mm < 10.0 => (0.1, 10.0, 2.5 / math::ln(5.0)),
            FibreType::G657A2 => (0.003, 15.0, 5.0 / math::ln(0.1 / 0.003)),
            FibreType::G652D | FibreType::OM3 | FibreType::OM4 => (0.0005, 30.0, 2.2),
        };
        turns.max(0.0) * a_at * math::exp((r_at - radius_mm) / r0)
    }

    pub fn name(self) -> Msg {
        Msg::new(match self {
            FibreType::G652D => "fibre-g652d",
            FibreType::G657A1 => "fibre-g657a1",
            FibreType::G657A2 => "fibre-g657a2",
            FibreType::OM3 => "fibre-om3",
            FibreType::OM4 => "fibre-om4",
        })
    }
}

fn interp(xs: &[f64], ys: &[f64], x: f64) -> f64 {
    if x <= xs[0] {
        return ys[0];
    }
    for i in 1..xs.len() {
        if x <= xs[i] {
            let t = (x - xs[i - 1]) / (xs[i] - xs[i - 1]);
            return ys[i - 1] + t * (ys[i] - ys[i - 1]);
        }
    }
    ys[ys.len() - 1]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn g652_constants_match_the_reference() {
        let o = FibreType::G652D.optics(1310.0);
        assert_eq!(
            (o.attenuation_db_per_km, o.group_index, o.backscatter_db),
            (0.33, 1.4677, -79.4)
        );
        assert_eq!(FibreType::G652D.optics(1550.0).backscatter_db, -81.9);
    }

    #[test]
    fn bend_losses_meet_the_g657_limits_they_were_fitted_to() {
        let a1 = FibreType::G657A1;
        assert!((a1.bend_loss_1550_db(15.0, 10.0) - 0.25).abs() < 1e-9);
        assert!((a1.bend_loss_1550_db(10.0, 1.0) - 0.75).abs() < 1e-9);
        let a2 = FibreType::G657A2;
        assert!((a2.bend_loss_1550_db(15.0, 10.0) - 0.03).abs() < 1e-9);
        assert!((a2.bend_loss_1550_db(10.0, 1.0) - 0.1).abs() < 1e-9);
        // And its third limit, one turn at 7.5 mm: 0.5 dB; the loss grows as the radius
        // shrinks, with no step at 10 mm.
        assert!((a2.bend_loss_1550_db(7.5, 1.0) - 0.5).abs() < 1e-9);
        let below = a2.bend_loss_1550_db(10.0 - 1e-9, 1.0);
        assert!((below - 0.1).abs() < 1e-6, "{below}");
        assert!(a2.bend_loss_1550_db(9.0, 1.0) > a2.bend_loss_1550_db(10.0, 1.0));
        assert!(a2.bend_loss_1550_db(7.0, 1.0) > 0.5);
        // G.652.D loses far more than A1 at the same tight radius, little in a 30 mm tray.
        assert!(
            FibreType::G652D.bend_loss_1550_db(15.0, 1.0) > 10.0 * a1.bend_loss_1550_db(15.0, 1.0)
        );
        assert!(FibreType::G652D.bend_loss_1550_db(30.0, 2.0) < 0.002);
    }

    #[test]
    fn a_smaller_mode_field_backscatters_more() {
        // REFERENCE A.7: 9.2 → 8.6 µm gives an apparent step of 10·log10(8.6/9.2) = −0.29 dB
        // on the display, i.e. 0.59 dB more optical backscatter.
        let k652 = FibreType::G652D.optics(1310.0).backscatter_db;
        let k657 = FibreType::G657A2.optics(1310.0).backscatter_db;
        let display_step = (k652 - k657) / 2.0;
        assert!((display_step - 10.0 * math::log10(8.6 / 9.2)).abs() < 1e-9);
        assert!((display_step + 0.293).abs() < 0.001, "{display_step}");
    }
}
