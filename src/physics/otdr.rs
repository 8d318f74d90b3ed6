//! OTDR acquisition: a trace synthesised from a link (REFERENCE.md A.13).
//!
//! Units: powers are linear and relative to the launched peak power P0; the display is
//! `5·log10(P)` (one-way dB), so the backscatter slope equals the attenuation and a step
//! equals the one-way loss. Distances shown use the instrument's group-index *setting*;
//! light travels at each section's true group index, so a wrong setting gives wrong
//! distances, as on a real instrument.

use serde::{Deserialize, Serialize};

use super::link::{Link, Profile};
use crate::math;
use crate::rng::SimRng;

pub const C_M_PER_S: f64 = 299_792_458.0;

/// Pulse widths offered, ns (3 ns to 20 µs).
pub const PULSE_LADDER_NS: [f64; 13] = [
    3.0, 5.0, 10.0, 30.0, 50.0, 100.0, 275.0, 500.0, 1000.0, 2500.0, 5000.0, 10_000.0, 20_000.0,
];

/// Distance ranges offered, m (1 km to 260 km, as handheld field instruments).
pub const RANGE_LADDER_M: [f64; 9] = [
    1000.0, 2000.0, 5000.0, 10_000.0, 20_000.0, 40_000.0, 80_000.0, 160_000.0, 260_000.0,
];

/// The longest range, m: nothing further can be measured, so no link may be longer.
pub const RANGE_MAX_M: f64 = crate::limits::OTDR_RANGE_M.max;
const _: () = assert!(RANGE_LADDER_M[RANGE_LADDER_M.len() - 1] == RANGE_MAX_M);

/// The wavelengths a single-mode instrument offers, nm.
pub const SINGLE_MODE_WAVELENGTHS_NM: [f64; 3] = [1310.0, 1550.0, 1625.0];
/// The wavelengths a multimode instrument offers, nm.
pub const MULTIMODE_WAVELENGTHS_NM: [f64; 2] = [850.0, 1300.0];

/// The wavelengths of the instrument for a single-mode or a multimode link.
pub fn wavelengths_offered(single_mode: bool) -> &'static [f64] {
    if single_mode {
        &SINGLE_MODE_WAVELENGTHS_NM
    } else {
        &MULTIMODE_WAVELENGTHS_NM
    }
}

/// Single-shot noise, relative to P0, calibrated to a published datasheet: VIAVI's
/// MTS/T-BERD 2000/4000 V2 OTDR modules (user manual 700MAN301 rev. 001, chapter 6), the
/// "MA2" single-mode module: RMS (SNR = 1) dynamic range 40/38/38 dB at 1310/1550/1625 nm
/// with its largest pulse (20 µs) after 3 minutes of averaging. Set so that 1550 nm,
/// 20 µs, 3 min at the 260 km range reads 38.0 dB; the model then gives 39.3 dB at
/// 1310 nm and 37.7 dB at 1625 nm (its backscatter coefficients, REFERENCE A.2). Pulse
/// and averaging follow REFERENCE A.5: +5·log10 per pulse ratio, +2.5·log10 per
/// averaging ratio (`tests/otdr_dynamic_range.rs`).
pub const SINGLE_SHOT_NOISE: f64 = 8.6e-10;

/// Receiver saturation, relative to P0: reflections stronger than about −25 dB near the
/// port clip (SOR event code 2 "saturated reflective").
pub const SATURATION: f64 = 3.2e-3;

/// [`SATURATION`] as a reflectance, dB (about −25 dB): a stronger reflection clips on any
/// set-up, and the instrument reads only a lower bound of it.
pub fn saturation_db() -> f64 {
    10.0 * math::log10(SATURATION)
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Settings {
    pub wavelength_nm: f64,
    pub pulse_ns: f64,
    pub range_m: f64,
    pub averaging_s: f64,
    /// Group index setting (IOR).
    pub ior: f64,
    /// Backscatter coefficient setting, dB for 1 ns (used by the analysis).
    pub backscatter_db: f64,
}

impl Settings {
    /// Spacing of the points, m: fine enough for the pulse and at most 131 072 points
    /// over the range (REFERENCE A.4: 0.08 m at short range to metres at long range).
    pub fn point_spacing_m(&self) -> f64 {
        (self.range_m / 131_072.0).max(0.08)
    }

    pub fn points(&self) -> usize {
        (self.range_m / self.point_spacing_m()).ceil() as usize
    }

    /// Length of the pulse in the fibre (one-way display distance), m.
    pub fn pulse_length_m(&self) -> f64 {
        C_M_PER_S * self.pulse_ns * 1e-9 / (2.0 * self.ior)
    }

    /// Acquisitions per second allowed by the range (REFERENCE A.5).
    pub fn repetition_hz(&self) -> f64 {
        C_M_PER_S / (2.0 * self.ior * self.range_m.max(1.0))
    }

    /// Noise standard deviation (relative to P0) after `t` seconds of averaging.
    pub fn noise_sigma(&self, t: f64) -> f64 {
        let n = (t.max(0.0) * self.repetition_hz()).max(1.0);
        SINGLE_SHOT_NOISE / n.sqrt()
    }
}

/// A displayed trace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Trace {
    pub settings: Settings,
    pub averaged_s: f64,
    /// Distance between points, m (per the IOR setting).
    pub dx_m: f64,
    /// One-way dB, 5·log10(P/P0).
    pub levels_db: Vec<f64>,
    /// The display level of the receiver's saturation.
    pub saturation_db: f64,
    /// The noise standard deviation at this averaging, in display dB of its power.
    pub noise_db: f64,
}

/// Decay length of the receiver's recovery after a reflection, m, for a pulse of
/// `pulse_length_m`: a few metres at short pulses (REFERENCE A.4: attenuation dead zones
/// of 2.5–4 m at 3–5 ns on good handhelds), growing with the pulse.
pub fn recovery_length_m(pulse_length_m: f64) -> f64 {
    1.0 + 0.3 * pulse_length_m
}

/// An acquisition in progress: the noiseless response and a fixed noise realisation,
/// so that the trace refines smoothly as averaging goes on.
pub struct Acquisition {
    pub settings: Settings,
    clean: Vec<f64>,
    noise: Vec<f64>,
}

impl Acquisition {
    pub fn new(link: &Link, settings: &Settings, rng: &mut SimRng) -> Acquisition {
        let profile = link.profile(settings.wavelength_nm);
        let clean = response(&profile, settings);
        let noise = (0..clean.len()).map(|_| rng.normal()).collect();
        Acquisition {
            settings: settings.clone(),
            clean,
            noise,
        }
    }

    /// The noiseless received power at display distance `display_m` (relative to P0).
    pub fn clean_at(&self, display_m: f64) -> f64 {
        let i = (display_m / self.settings.point_spacing_m())
            .floor()
            .max(0.0) as usize;
        let i = i.min(self.clean.len().saturating_sub(1));
        self.clean.get(i).copied().unwrap_or(0.0)
    }

    /// How far the noiseless trace at `display_m` stands above the noise after the full
    /// averaging, one-way dB.
    pub fn snr_db_at(&self, display_m: f64) -> f64 {
        let sigma = self.settings.noise_sigma(self.settings.averaging_s);
        5.0 * math::log10(self.clean_at(display_m).max(1e-30) / sigma)
    }

    /// The trace after `t` seconds of averaging (at most the setting).
    pub fn trace_at(&self, t: f64) -> Trace {
        let t = t.clamp(0.0, self.settings.averaging_s.max(0.0));
        let sigma = self.settings.noise_sigma(t);
        // Below the noise the receiver shows noise, not minus infinity.
        let floor = sigma * 0.02;
        let levels_db = self
            .clean
            .iter()
            .zip(&self.noise)
            .map(|(p, n)| 5.0 * math::log10((p + sigma * n).clamp(floor, SATURATION)))
            .collect();
        Trace {
            settings: self.settings.clone(),
            averaged_s: t,
            dx_m: self.settings.point_spacing_m(),
            levels_db,
            saturation_db: 5.0 * math::log10(SATURATION),
            noise_db: 5.0 * math::log10(sigma),
        }
    }
}

/// Acquires the whole averaging time at once.
pub fn acquire(link: &Link, settings: &Settings, rng: &mut SimRng) -> Trace {
    Acquisition::new(link, settings, rng).trace_at(settings.averaging_s)
}

/// The noiseless received power at each point (linear, relative to P0).
fn response(profile: &Profile, s: &Settings) -> Vec<f64> {
    let n_points = s.points();
    let dx = s.point_spacing_m();
    let lp = s.pulse_length_m();
    // Length of fibre one display metre covers in a section: n_set / n_true.
    // Walk the link in display distance; collect the backscatter density (per display
    // metre, for a 1 ns pulse) times the round-trip transmission.
    let lp_1ns = C_M_PER_S * 1e-9 / (2.0 * s.ior);
    let mut density = vec![0.0; n_points];
    // (point, R·T² as received, T² to the reflector): the last for the ghosts.
    let mut reflections: Vec<(usize, f64, f64)> = Vec::new();
    let ln10 = std::f64::consts::LN_10;
    // Display position of each true position: accumulate section by section.
    let mut transmission = 1.0; // round trip, linear
    let mut branches = 1.0;
    let mut ev = 0;
    let mut display_start = 0.0;
    for sec in &profile.sections {
        let scale = sec.optics.group_index / s.ior; // display metres per true metre
        let k = math::pow10(sec.optics.backscatter_db / 10.0);
        let alpha_db_per_m = sec.optics.attenuation_db_per_km / 1000.0;
        let sec_end = sec.end_m.min(profile.end_m);
        // Point events at the start of the section (and before it).
        while ev < profile.events.len() && profile.events[ev].at_m <= sec.start_m + 1e-9 {
            let e = profile.events[ev];
            let zd = display_start + (e.at_m - sec.start_m) * scale;
            if e.reflectance > 0.0 {
                reflections.push((
                    (zd / dx).round() as usize,
                    e.reflectance * transmission,
                    transmission,
                ));
            }
            transmission *= math::exp(-2.0 * e.loss_db * ln10 / 10.0);
            branches *= e.branches;
            ev += 1;
        }
        if sec_end <= sec.start_m {
            break;
        }
        let display_len = (sec_end - sec.start_m) * scale;
        let i0 = (display_start / dx).ceil() as usize;
        let i1 = (((display_start + display_len) / dx).ceil() as usize).min(n_points);
        // Round-trip attenuation per display point.
        let step = math::exp(-2.0 * alpha_db_per_m * (dx / scale) * ln10 / 10.0);
        let mut z_true = sec.start_m + (i0 as f64 * dx - display_start) / scale;
        let mut t =
            transmission * math::exp(-2.0 * alpha_db_per_m * (z_true - sec.start_m) * ln10 / 10.0);
        // Losses of the point events met inside this section, carried to the next one.
        let mut inside = 1.0;
        for d in density.iter_mut().take(i1).skip(i0) {
            // Point events inside the section as the walk passes them.
            while ev < profile.events.len()
                && profile.events[ev].at_m <= z_true
                && profile.events[ev].at_m < sec_end + 1e-9
            {
                let e = profile.events[ev];
                let zd = display_start + (e.at_m - sec.start_m) * scale;
                if e.reflectance > 0.0 {
                    reflections.push(((zd / dx).round() as usize, e.reflectance * t, t));
                }
                let f = math::exp(-2.0 * e.loss_db * ln10 / 10.0);
                t *= f;
                inside *= f;
                branches *= e.branches;
                ev += 1;
            }
            // N equal branches after a splitter all send their backscatter back; behind a
            // cascade (a 1:8 on each output of a 1:32) their numbers multiply. Seen from
            // the feeder a 1:N then steps 5·log10(N) plus its excess, not its insertion
            // loss: the round trip loses N², the N branches return N times the light.
            *d = k * t * branches;
            t *= step;
            z_true += dx / scale;
        }
        transmission *=
            inside * math::exp(-2.0 * alpha_db_per_m * (sec_end - sec.start_m) * ln10 / 10.0);
        display_start += display_len;
        if sec_end >= profile.end_m {
            break;
        }
    }
    // The end reflection (and events after the last section).
    while ev < profile.events.len() {
        let e = profile.events[ev];
        if e.reflectance > 0.0 && e.at_m <= profile.end_m + 1e-9 {
            reflections.push((
                ((display_start) / dx).round() as usize,
                e.reflectance * transmission,
                transmission,
            ));
        }
        ev += 1;
    }
    // Ghosts (REFERENCE A.6): light reflected at a reflector z2, back at a nearer one z1
    // and out again shows at z2 + (z2 − z1) with reflectance R2·R1·R2. Every pair makes
    // one; only two strong reflectors (an open or badly seated connector, a dirty one,
    // the far end) make one that shows. With p = R·T² as stored, the ghost is
    // R2²·R1·T(0→z1)²·T(z1→z2)⁴ = p2²·p1 / T(0→z1)⁴, and T(0→z1)⁴ is t1².
    let mut ghosts = Vec::new();
    for &(i2, p2, _) in &reflections {
        for &(i1, p1, t1) in &reflections {
            if i1 < i2 && t1 > 0.0 {
                let g = p2 * p2 * p1 / (t1 * t1);
                if g > 1e-12 {
                    ghosts.push((2 * i2 - i1, g, 0.0));
                }
            }
        }
    }
    reflections.extend(ghosts);
    // The pulse: each point sees the backscatter of a pulse length of fibre (a box
    // filter), scaled so that a uniform fibre gives 10^(K/10)·τ_ns (REFERENCE A.2).
    let w = ((lp / dx).round() as usize).max(1);
    let per_point = dx / lp_1ns;
    let mut out = vec![0.0; n_points];
    let mut acc = 0.0;
    for i in 0..n_points {
        acc += density[i];
        if i >= w {
            acc -= density[i - w];
        }
        out[i] = acc * per_point * (lp / (w as f64 * dx));
    }
    // Reflections: the detector sees R·T² for the pulse's duration, then the receiver
    // recovers with a tail (the attenuation dead zone grows with the peak).
    let tail_len = recovery_length_m(lp) / dx;
    for (i, p, _) in reflections {
        if i >= n_points {
            continue;
        }
        let end = (i + w).min(n_points);
        for o in out.iter_mut().take(end).skip(i) {
            *o += p;
        }
        let amp = p.min(SATURATION) * 1e-3;
        let mut j = end;
        while j < n_points && (j - end) as f64 <= tail_len * 8.0 {
            out[j] += amp * math::exp(-((j - end) as f64) / tail_len);
            j += 1;
        }
    }
    out
}
