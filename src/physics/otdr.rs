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

/// The most acquisitions a second the instrument makes, however short the range: the
/// real files in `../shared/sor-samples` store 4 563 averages in 1 s at a 4 km range
/// (EXFO FTB-730C), 15 360 in 3 s at 10 km (Anritsu MT9085) and 1 012 in 1 s at 10 km
/// (EXFO MaxTester 730C), where the round trip alone would allow 25 and 10 kHz. It
/// leaves the datasheet's long range (394 Hz at 260 km) as it was.
pub const MAX_REPETITION_HZ: f64 = 5000.0;

/// The pulse the datasheet's dynamic range is quoted at, and [`SINGLE_SHOT_NOISE`] set at,
/// ns: shorter pulses go through a wider receiver and see more noise ([`Settings::noise_sigma`]).
pub const CALIBRATION_PULSE_NS: f64 = 20_000.0;

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

    /// Acquisitions per second: one round trip over the range at most (REFERENCE A.5),
    /// and no more than the instrument's electronics fire ([`MAX_REPETITION_HZ`]).
    pub fn repetition_hz(&self) -> f64 {
        (C_M_PER_S / (2.0 * self.ior * self.range_m.max(1.0))).min(MAX_REPETITION_HZ)
    }

    /// Noise standard deviation (relative to P0) after `t` seconds of averaging. The
    /// receiver's bandwidth follows the pulse ([`receiver_length_m`]), and white noise
    /// through it has a standard deviation that goes as the square root of the
    /// bandwidth: a 10 ns pulse sees about 37 times the noise of a 20 µs one (REFERENCE
    /// A.5: "up to ~7.5·log10 if bandwidth is scaled with 1/τ").
    pub fn noise_sigma(&self, t: f64) -> f64 {
        let n = (t.max(0.0) * self.repetition_hz()).max(1.0);
        SINGLE_SHOT_NOISE * bandwidth_factor(self.pulse_length_m(), self.ior) / n.sqrt()
    }
}

/// How much more noise the receiver lets through at a pulse of `pulse_length_m` than at
/// the datasheet's 20 µs ([`SINGLE_SHOT_NOISE`] is set there): the square root of the
/// ratio of their bandwidths, that is of their response lengths.
fn bandwidth_factor(pulse_length_m: f64, ior: f64) -> f64 {
    let calibration_m = C_M_PER_S * CALIBRATION_PULSE_NS * 1e-9 / (2.0 * ior);
    (receiver_length_m(calibration_m) / receiver_length_m(pulse_length_m)).sqrt()
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

// The receiver (REFERENCE A.4, A.13 step 5), its constants read off the real traces in
// `../shared/sor-samples` (`tests/otdr_twins.rs` puts each beside its twin):
// - its bandwidth follows the pulse: a single pole whose decay length is 0.28 of the
//   pulse plus 10 cm for the fastest electronics. After a −50 dB connector at 10 ns the
//   EXFO FTB-730C falls by 0.60 per 0.16 m (0.31 m, 0.30 of its 1.02 m pulse); after a
//   −34 dB one at 100 ns the Anritsu MT9085 falls over 3.8 m (0.37 of 10.2 m) at first.
//   Real instruments step their bandwidth in a few settings (the EXFO's 20 ns trace
//   falls as fast as its 10 ns one); one continuous law sits between them;
// - a slower part of the response, 0.3 % of it, over a pulse length: the Anritsu's
//   decay slows to 10 m after the first 10 dB, and its trace takes 23 m at 100 ns to come
//   back within 0.5 dB (its attenuation dead zone; 3.0 m at 10 ns and 3.8 m at 20 ns on
//   the EXFO, whose receiver shows no slower part above 0.05 % of a −50 dB peak: the
//   share sits between the two makers, and the twins read 19 m and 3.7 m);
// - the photodiode's recovery after it was driven hard: a tail proportional to the true
//   peak, however far past saturation, 5e-6 of it, decaying over 62 m·√(pulse length / 1
//   m). After a clipped −16 dB end at 10 ns the EXFO traces are 1 dB below the backscatter
//   30 m on and 6.7 dB below 200 m on (about 70 m a decay length); the Anritsu's end at
//   100 ns is 6 dB below it 200 m on and 14 dB 1 km on (250 m). Only a strong reflection
//   shows it: a −45 dB connector at 10 ns drives the tail to 0.1 % of the backscatter.

/// The receiver's main response, its decay length in display metres for a pulse of
/// `pulse_length_m`.
pub fn receiver_length_m(pulse_length_m: f64) -> f64 {
    0.28 * pulse_length_m + 0.1
}

/// How much of a reflection's true height the receiver reaches within the pulse: its
/// main pole rises over the pulse's length, its slower part over its own. An
/// instrument knows its response and reads a reflectance from the peak divided by this
/// (REFERENCE A.3 assumes an ideal receiver, which reaches 1). The pulse's length in the
/// fibre at a nominal group index 1.468 (the reach changes by 1e-4 over the indices met).
pub fn peak_reach(pulse_ns: f64) -> f64 {
    let lp = C_M_PER_S * pulse_ns.max(0.0) * 1e-9 / (2.0 * 1.468);
    (1.0 - SLOW_SHARE) * (1.0 - math::exp(-lp / receiver_length_m(lp)))
        + SLOW_SHARE * (1.0 - math::exp(-1.0 / SLOW_PULSES))
}

/// The slower part of the receiver's response: its share and its decay length in pulse
/// lengths.
pub const SLOW_SHARE: f64 = 0.003;
pub const SLOW_PULSES: f64 = 1.0;

/// The photodiode's recovery after a reflection, relative to the reflection's true
/// (unclipped) peak.
const RECOVERY_SHARE: f64 = 5e-6;

/// Decay length of the photodiode's recovery after a strong reflection, m.
pub fn recovery_length_m(pulse_length_m: f64) -> f64 {
    62.0 * pulse_length_m.max(0.0).sqrt()
}

/// How far past a reflection's pulse, m, the receiver stays more than `margin` (a linear
/// fraction of the backscatter) above it, for a peak `peak_ratio` times the backscatter
/// (linear, `10^(H/5) − 1` for a height H above it): the three parts of the response in
/// turn, each to the margin. An analysis starts its fit after a reflection there.
pub fn recovery_after_m(pulse_length_m: f64, peak_ratio: f64, margin: f64) -> f64 {
    let margin = margin.max(1e-9);
    let decay = |amplitude: f64, length: f64| {
        if amplitude > margin {
            length * math::ln(amplitude / margin)
        } else {
            0.0
        }
    };
    let fast = decay(peak_ratio, receiver_length_m(pulse_length_m));
    let slow = decay(peak_ratio * SLOW_SHARE, SLOW_PULSES * pulse_length_m);
    let recovery = decay(
        peak_ratio * RECOVERY_SHARE,
        recovery_length_m(pulse_length_m),
    );
    fast.max(slow).max(recovery)
}

/// The fixed texture of a real backscatter (coherent Rayleigh noise): the laser's light
/// scattered by the glass within one pulse interferes, so the trace wavers by a few
/// hundredths of a dB over about a pulse length, and averaging does not remove it (the
/// fibre and the laser are the same at every shot). It falls as the square root of the
/// pulse (the independent cells within it): its relative standard deviation at 10 ns.
/// Set from the traces in `../shared/sor-samples`: 0.0046 dB rms about a 100 m line at
/// 100 ns on the Anritsu, whose noise is far lower (0.015 dB at 10 ns by the square root);
/// the 0.03–0.06 dB at 10–30 ns on the EXFO and Noyes traces is mostly their noise.
/// 0.015 dB on the display is a relative 0.0069.
const TEXTURE_AT_10NS: f64 = 0.0069;

/// The texture's relative standard deviation at a pulse of `pulse_ns`: the instrument
/// knows its laser, and its analysis expects this much waver on a clean backscatter.
pub fn texture_sigma(pulse_ns: f64) -> f64 {
    TEXTURE_AT_10NS * (10.0 / pulse_ns.max(0.1)).sqrt()
}

/// Unit-variance noise with the receiver's spectrum: one independent draw per response
/// length (`length_pts` points), each held and smoothed by a pole of that length, then
/// scaled point by point to unit variance. Drawing at the receiver's own rate, not at
/// every point, is what the bandwidth allows and keeps a fine trace cheap.
fn receiver_noise(n: usize, length_pts: f64, rng: &mut SimRng) -> Vec<f64> {
    let m = (length_pts.floor() as usize).max(1);
    if length_pts < 1.0 {
        return (0..n).map(|_| rng.normal()).collect();
    }
    let a = math::exp(-1.0 / length_pts);
    let am = math::exp(-(m as f64) / length_pts);
    let v_end = (1.0 - am) / (1.0 + am);
    // Variance after j points of a held draw: a^2j·V + (1 − a^j)².
    let scale: Vec<f64> = (1..=m)
        .map(|j| {
            let aj = math::exp(-(j as f64) / length_pts);
            1.0 / (aj * aj * v_end + (1.0 - aj) * (1.0 - aj)).sqrt()
        })
        .collect();
    let mut y = rng.normal() * v_end.sqrt();
    let mut out = Vec::with_capacity(n);
    while out.len() < n {
        let x = rng.normal();
        for s in &scale {
            if out.len() == n {
                break;
            }
            y = a * y + (1.0 - a) * x;
            out.push(y * s);
        }
    }
    out
}

/// One pole: each point decays into the next over `length_pts` points (none where that
/// is not positive), starting from `first`.
struct Pole {
    a: Option<f64>,
    y: f64,
}

impl Pole {
    fn new(length_pts: f64, first: f64) -> Pole {
        Pole {
            a: (length_pts > 0.0).then(|| math::exp(-1.0 / length_pts)),
            y: first,
        }
    }

    fn next(&mut self, x: f64) -> f64 {
        let Some(a) = self.a else { return x };
        self.y = a * self.y + (1.0 - a) * x;
        self.y
    }
}

/// Linear power at points `dx` apart through the receiver, in place: its main pole and
/// its slower part (the photodiode's recovery is added per reflection, from its peak).
/// The analysis runs its steps through the same receiver to know where it reads them.
pub fn through_receiver(values: &mut [f64], pulse_length_m: f64, dx: f64) {
    // Both parts in one pass, in place (no copy of a long trace).
    let first = values.first().copied().unwrap_or(0.0);
    let mut main = Pole::new(receiver_length_m(pulse_length_m) / dx, first);
    let mut slow = Pole::new(SLOW_PULSES * pulse_length_m / dx, first);
    for x in values.iter_mut() {
        let (m, s) = (main.next(*x), slow.next(*x));
        *x = (1.0 - SLOW_SHARE) * m + SLOW_SHARE * s;
    }
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
        let n = settings.points();
        let dx = settings.point_spacing_m();
        let lp = settings.pulse_length_m();
        let noise = receiver_noise(n, receiver_length_m(lp) / dx, rng);
        // Speckle decorrelates over about a pulse: held and smoothed over half of one.
        let texture = receiver_noise(n, 0.5 * lp / dx, rng);
        let clean = response(&profile, settings, &texture);
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
        let (t, sigma) = self.noise_at(t);
        let levels_db = self
            .clean
            .iter()
            .zip(&self.noise)
            .map(|(p, n)| level_db(*p, *n, sigma))
            .collect();
        self.trace(t, sigma, levels_db)
    }

    /// [`Acquisition::trace_at`], written over the noise (a one-shot acquisition needs it
    /// no more: a long trace's worth of memory less).
    fn into_trace(mut self, t: f64) -> Trace {
        let (t, sigma) = self.noise_at(t);
        let mut levels_db = std::mem::take(&mut self.noise);
        for (n, p) in levels_db.iter_mut().zip(&self.clean) {
            *n = level_db(*p, *n, sigma);
        }
        self.trace(t, sigma, levels_db)
    }

    /// The averaging time within the setting, and the noise's σ after it.
    fn noise_at(&self, t: f64) -> (f64, f64) {
        let t = t.clamp(0.0, self.settings.averaging_s.max(0.0));
        (t, self.settings.noise_sigma(t))
    }

    fn trace(&self, t: f64, sigma: f64, levels_db: Vec<f64>) -> Trace {
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

/// The displayed level of a point: its power with its noise, where `sigma` is the
/// noise's σ; below the noise the receiver shows noise, not minus infinity.
fn level_db(power: f64, noise: f64, sigma: f64) -> f64 {
    let floor = sigma * 0.02;
    5.0 * math::log10((power + sigma * noise).clamp(floor, SATURATION))
}

/// Acquires the whole averaging time at once.
pub fn acquire(link: &Link, settings: &Settings, rng: &mut SimRng) -> Trace {
    Acquisition::new(link, settings, rng).into_trace(settings.averaging_s)
}

/// The noiseless received power at each point (linear, relative to P0).
fn response(profile: &Profile, s: &Settings, texture: &[f64]) -> Vec<f64> {
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
    // In place: the last `w` densities are kept aside for the box's trailing edge.
    let mut out = density;
    let mut trailing = vec![0.0; w];
    let (mut acc, mut slot) = (0.0, 0);
    for (i, o) in out.iter_mut().enumerate() {
        let d = *o;
        acc += d;
        // (`slot` is i mod w.)
        if i >= w {
            acc -= trailing[slot];
        }
        trailing[slot] = d;
        slot = if slot + 1 == w { 0 } else { slot + 1 };
        *o = acc * per_point * (lp / (w as f64 * dx));
    }
    // The backscatter's texture (coherent Rayleigh noise), fixed for this fibre.
    let texture_sigma = texture_sigma(s.pulse_ns);
    for (o, g) in out.iter_mut().zip(texture) {
        *o *= (1.0 + texture_sigma * g).max(0.0);
    }
    // Reflections: the detector sees R·T² for the pulse's duration.
    for &(i, p, _) in &reflections {
        let end = (i + w).min(n_points);
        for o in out.iter_mut().take(end).skip(i) {
            *o += p;
        }
    }
    through_receiver(&mut out, lp, dx);
    // The photodiode's recovery after each reflection, from the end of its pulse, in
    // proportion to the true peak however far it clipped.
    let decay = math::exp(-dx / recovery_length_m(lp));
    for (i, p, _) in reflections {
        let mut amp = p * RECOVERY_SHARE;
        let mut j = i + w;
        // Down to far below any noise the instrument can average to.
        while j < n_points && amp > 1e-16 {
            out[j] += amp;
            amp *= decay;
            j += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The receiver's noise has unit variance at every point whatever its length, and is
    /// correlated over that length: half the variance of a difference between points a
    /// length apart is well under one, between points far apart it is one.
    #[test]
    fn receiver_noise_has_unit_variance_and_the_receivers_length() {
        for length in [0.5, 1.0, 3.7, 20.0, 250.0] {
            let n = 400_000;
            let v = receiver_noise(n, length, &mut SimRng::new(3, 0));
            let var = v.iter().map(|x| x * x).sum::<f64>() / n as f64;
            assert!((var - 1.0).abs() < 0.05, "length {length}: variance {var}");
            let lag = |d: usize| {
                v.windows(d + 1).map(|w| math::sq(w[d] - w[0])).sum::<f64>()
                    / (2.0 * (n - d) as f64)
            };
            let far = lag((20.0 * length).ceil() as usize);
            assert!((far - 1.0).abs() < 0.1, "length {length}: far {far}");
            if length >= 3.0 {
                let near = lag(length.ceil() as usize);
                assert!(near < 0.8, "length {length}: near {near}");
            }
        }
    }
}
