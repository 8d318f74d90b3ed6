//! A pole's load study as the French tools do it (ROUTING.md §2.5): each cable's
//! horizontal resultant at its attachment (2T·sin(α/2) on an angle, T at a dead end),
//! the wind on the cables (half of each adjacent span) and on the tapered pole, the
//! moment at the ground line, the equivalent head force at the reference height against
//! the pole's nominal force, its utilisation and the effort left.
//!
//! Teaching model, marked as such: every horizontal load is taken in the same, worst
//! direction (the tools add them as vectors over the spans' azimuths); overload
//! factors of the regulation are left to the scenario's climatic hypotheses.

use crate::math;

/// Where a cable leaves the pole: straight on, turning by an angle, or ending there.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Deviation {
    /// The line turns by this many degrees at the pole (0: straight on).
    Angle(f64),
    /// The cable ends at the pole ("arrêt"): its whole tension pulls along the line.
    DeadEnd,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct PoleCable {
    /// Horizontal tension in the cable under the hypothesis studied, N, in the span
    /// before and the span after the pole (they differ where the pole ends one section
    /// and starts another: each section's tension follows its ruling span). At a dead
    /// end, the larger is the cable's.
    pub tensions_n: (f64, f64),
    pub diameter_m: f64,
    /// Attachment height above the ground, m.
    pub height_m: f64,
    /// The spans on either side, m (the second is 0 at a dead end).
    pub spans_m: (f64, f64),
    pub deviation: Deviation,
}

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Pole {
    /// Height above the ground, m.
    pub height_m: f64,
    pub base_diameter_m: f64,
    pub top_diameter_m: f64,
    /// The class's nominal head force, N.
    pub nominal_n: f64,
    /// Where the nominal force is defined, above the ground, m.
    pub reference_height_m: f64,
}

/// One cable's loads on the pole.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct CableLoad {
    /// The tension's horizontal resultant, N.
    pub resultant_n: f64,
    /// The wind on half of each adjacent span, N.
    pub wind_n: f64,
    /// Their moment at the ground line, N·m.
    pub moment_nm: f64,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Study {
    pub cables: Vec<CableLoad>,
    /// The wind on the pole itself, about the ground line, N·m.
    pub pole_wind_moment_nm: f64,
    pub ground_moment_nm: f64,
    /// The moment as a force at the reference height, N.
    pub equivalent_head_force_n: f64,
    /// Equivalent head force over nominal force (1 = 100 %).
    pub utilisation: f64,
    /// Nominal force less the equivalent head force, N (negative: overloaded).
    pub available_n: f64,
}

/// The horizontal resultant of a cable's tensions at the pole: the two pulls along the
/// spans, 180° − α apart where the line turns by α, so |R|² = T1² + T2² − 2·T1·T2·cos α
/// (2T·sin(α/2) when both sides pull alike; |T1 − T2| straight on); the whole tension at
/// a dead end.
pub fn resultant_n(tensions_n: (f64, f64), deviation: Deviation) -> f64 {
    let (t1, t2) = tensions_n;
    match deviation {
        // Both alike: the textbook form, to the last digit.
        Deviation::Angle(a) if t1 == t2 => 2.0 * t1 * math::sin(a.abs().to_radians() / 2.0),
        Deviation::Angle(a) => {
            let r2 = t1 * t1 + t2 * t2 - 2.0 * t1 * t2 * math::cos(a.abs().to_radians());
            r2.max(0.0).sqrt()
        }
        Deviation::DeadEnd => t1.max(t2),
    }
}

/// Wind on a tapered pole about its ground line: q·H²·(D_b + 2·D_t)/6.
pub fn pole_wind_moment_nm(pole: &Pole, wind_pa: f64) -> f64 {
    wind_pa * pole.height_m * pole.height_m * (pole.base_diameter_m + 2.0 * pole.top_diameter_m)
        / 6.0
}

/// The study of a pole carrying `cables` in a wind pressing `wind_pa`.
pub fn study(pole: &Pole, cables: &[PoleCable], wind_pa: f64) -> Study {
    let loads: Vec<CableLoad> = cables
        .iter()
        .map(|c| {
            let resultant = resultant_n(c.tensions_n, c.deviation);
            let wind = wind_pa * c.diameter_m * (c.spans_m.0 + c.spans_m.1) / 2.0;
            CableLoad {
                resultant_n: resultant,
                wind_n: wind,
                moment_nm: (resultant + wind) * c.height_m,
            }
        })
        .collect();
    let pole_m = pole_wind_moment_nm(pole, wind_pa);
    let ground = loads.iter().map(|l| l.moment_nm).sum::<f64>() + pole_m;
    let f_eq = ground / pole.reference_height_m;
    Study {
        cables: loads,
        pole_wind_moment_nm: pole_m,
        ground_moment_nm: ground,
        equivalent_head_force_n: f_eq,
        utilisation: f_eq / pole.nominal_n,
        available_n: pole.nominal_n - f_eq,
    }
}

/// A guy ("hauban") from height `attach_m` on the pole to an anchor `anchor_m` away
/// on the ground, holding the horizontal load `load_n` referred to the guy's height
/// (ROUTING §2.5): its angle with the ground, its tension R/cos φ and the extra
/// compression it puts on the pole, R·tan φ.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Guy {
    pub angle_deg: f64,
    pub tension_n: f64,
    pub compression_n: f64,
}

pub fn guy(load_n: f64, attach_m: f64, anchor_m: f64) -> Guy {
    let phi = math::atan2(attach_m, anchor_m);
    Guy {
        angle_deg: phi.to_degrees(),
        tension_n: load_n / math::cos(phi),
        compression_n: load_n * attach_m / anchor_m,
    }
}

/// A wood pole's resisting moment at the ground line, π·σ·(D³ − d³)/32 (ROUTING §2.5 and
/// `sigma_pa` the wood's bending strength (a teaching value, 55 MPa for
/// resinous wood), `diameter_m` the sound diameter at the ground line (external rot
/// reduces it), `hollow_m` an internal hollow's diameter (0 when sound).
pub fn resisting_moment_nm(sigma_pa: f64, diameter_m: f64, hollow_m: f64) -> f64 {
    let h = hollow_m.clamp(0.0, diameter_m);
    let d3 = diameter_m * diameter_m * diameter_m - h * h * h;
    std::f64::consts::PI * sigma_pa * d3 / 32.0
}
