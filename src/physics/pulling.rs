//! Pulling a cable through a duct route (ROUTING.md §3.4): straights, with their slope,
//! add their weight's friction and climb; bends multiply the tension (the capstan
//! equation) and press the cable on their wall (sidewall pressure, tension over radius).
//! SI inside: metres, newtons, N/m; angles in degrees as a route is written.
//!
//! Friction coefficients are the scenario's or the user's: no universal value exists
//! (ROUTING §3.4 lists 0.1–0.5 and more). Teaching model: a straight duct is straight
//! (no "duct factor" undulation), and a cable going downhill can lose tension down to
//! nothing, not below (it would then slide by itself).

use crate::i18n::Msg;
use crate::math;

/// One piece of a route, in the order the cable meets it from the feeding end.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Segment {
    /// A straight run of `length_m`, climbing `slope_deg` (negative: going down).
    Straight { length_m: f64, slope_deg: f64 },
    /// A bend of `angle_deg`, of radius `radius_m` when known (for the sidewall
    /// pressure).
    Bend {
        angle_deg: f64,
        radius_m: Option<f64>,
    },
}

/// The tension where the cable leaves a segment.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Node {
    /// Along the route from where the cable is fed, m.
    pub at_m: f64,
    pub tension_n: f64,
    /// At a bend with a known radius: the sidewall pressure at its exit tension, N/m.
    pub sidewall_n_per_m: Option<f64>,
}

/// A pull in one direction: the tension after each segment, from the drum's
/// back-tension at the start.
#[derive(Clone, Debug, PartialEq)]
pub struct Pull {
    pub nodes: Vec<Node>,
}

impl Pull {
    /// The tension at the pulling eye: the winch's pull.
    pub fn final_tension_n(&self) -> f64 {
        self.nodes.last().map_or(0.0, |n| n.tension_n)
    }

    /// The highest tension met on the way (with a downhill end, not the last).
    pub fn max_tension_n(&self) -> f64 {
        self.nodes.iter().map(|n| n.tension_n).fold(0.0, f64::max)
    }

    /// The highest sidewall pressure of the route's bends, N/m.
    pub fn max_sidewall_n_per_m(&self) -> Option<f64> {
        self.nodes
            .iter()
            .filter_map(|n| n.sidewall_n_per_m)
            .reduce(f64::max)
    }
}

/// The tension along `route` for a cable weighing `weight_n_per_m`, with friction `mu`,
/// fed off a drum braked to `back_tension_n`.
///
/// - straight: T2 = T1 + w·L·(sin θ + μ·cos θ) (θ the climb; going down, sin θ < 0);
/// - bend of angle a: T2 = T1·e^(μ·a), sidewall pressure T2 / R.
pub fn pull(route: &[Segment], weight_n_per_m: f64, mu: f64, back_tension_n: f64) -> Pull {
    let mut t = back_tension_n.max(0.0);
    let mut at = 0.0;
    let mut nodes = Vec::with_capacity(route.len() + 1);
    nodes.push(Node {
        at_m: 0.0,
        tension_n: t,
        sidewall_n_per_m: None,
    });
    for s in route {
        let sidewall = match *s {
            Segment::Straight {
                length_m,
                slope_deg,
            } => {
                let th = slope_deg.to_radians();
                t = (t + weight_n_per_m * length_m * (math::sin(th) + mu * math::cos(th))).max(0.0);
                at += length_m;
                None
            }
            Segment::Bend {
                angle_deg,
                radius_m,
            } => {
                t *= math::exp(mu * angle_deg.abs().to_radians());
                radius_m.filter(|r| *r > 0.0).map(|r| t / r)
            }
        };
        nodes.push(Node {
            at_m: at,
            tension_n: t,
            sidewall_n_per_m: sidewall,
        });
    }
    Pull { nodes }
}

/// The same route seen from its other end: segments in reverse order, slopes turned.
pub fn reversed(route: &[Segment]) -> Vec<Segment> {
    route
        .iter()
        .rev()
        .map(|s| match *s {
            Segment::Straight {
                length_m,
                slope_deg,
            } => Segment::Straight {
                length_m,
                slope_deg: -slope_deg,
            },
            Segment::Bend { .. } => *s,
        })
        .collect()
}

/// Back-tension when the cable is fed by hand off a figure-eight laid on the ground, N
/// (teaching value: a technician feeds it slack).
pub const FIGURE_EIGHT_BACK_TENSION_N: f64 = 0.0;

/// A pull split at intermediate chambers ("tirage en plusieurs fois", ROUTING §3.7).
/// `sections[i]` is the route from chamber i to chamber i + 1 as written from the route's
/// start; `splits` are the chambers (1 to sections.len() − 1) where the cable is pulled
/// to, the rest taken off the drum and laid in a figure-eight, then pulled on. With
/// `from_start` the drum is at the first chamber and the winch goes forward; else the
/// drum is at the last chamber. The first part comes off the drum at `back_tension_n`,
/// the others off a figure-eight at [`FIGURE_EIGHT_BACK_TENSION_N`]. One pull per part,
/// in the order they are made.
pub fn split_pulls(
    sections: &[Vec<Segment>],
    splits: &[usize],
    from_start: bool,
    weight_n_per_m: f64,
    mu: f64,
    back_tension_n: f64,
) -> Vec<Pull> {
    let n = sections.len();
    let mut cuts: Vec<usize> = splits
        .iter()
        .copied()
        .filter(|c| *c > 0 && *c < n)
        .collect();
    cuts.sort_unstable();
    cuts.dedup();
    let mut bounds = vec![0];
    bounds.extend(cuts);
    bounds.push(n);
    let mut parts: Vec<Vec<Segment>> = bounds
        .windows(2)
        .map(|w| sections[w[0]..w[1]].iter().flatten().copied().collect())
        .collect();
    if !from_start {
        parts.reverse();
        for p in &mut parts {
            *p = reversed(p);
        }
    }
    parts
        .iter()
        .enumerate()
        .map(|(i, route)| {
            let t0 = if i == 0 {
                back_tension_n
            } else {
                FIGURE_EIGHT_BACK_TENSION_N
            };
            pull(route, weight_n_per_m, mu, t0)
        })
        .collect()
}

/// The bends of a route (their index in it) tighter than `min_radius_m`: under tension a
/// cable must not bend tighter than its loaded radius. A bend of unknown radius is not
/// judged.
pub fn tight_bends(route: &[Segment], min_radius_m: f64) -> Vec<usize> {
    route
        .iter()
        .enumerate()
        .filter_map(|(i, s)| match *s {
            Segment::Bend {
                radius_m: Some(r), ..
            } if r < min_radius_m => Some(i),
            Segment::Bend { .. } | Segment::Straight { .. } => None,
        })
        .collect()
}

/// The length of a route, m.
pub fn route_length_m(route: &[Segment]) -> f64 {
    route
        .iter()
        .map(|s| match *s {
            Segment::Straight { length_m, .. } => length_m,
            Segment::Bend { .. } => 0.0,
        })
        .sum()
}

/// The sum of a route's bend angles, degrees.
pub fn route_bends_deg(route: &[Segment]) -> f64 {
    route
        .iter()
        .map(|s| match *s {
            Segment::Bend { angle_deg, .. } => angle_deg.abs(),
            Segment::Straight { .. } => 0.0,
        })
        .sum()
}

/// A route written as a technician's calculators take it: `S180,B30,S60@5,B90R0.5,S20`
/// (`S<m>[@<slope deg>]` a straight, `B<deg>[R<m>]` a bend). An error names the piece
/// (1 = first) and what is wrong with it.
pub fn parse_route(text: &str) -> Result<Vec<Segment>, (usize, Msg)> {
    let mut out = Vec::new();
    for (i, raw) in text.split(',').enumerate() {
        let piece = raw.trim();
        let n = i + 1;
        let bad = |key: &str| Err((n, Msg::new(key).text("piece", piece.to_string())));
        let num = |s: &str| s.trim().parse::<f64>().ok().filter(|v| v.is_finite());
        let (kind, rest) = piece.split_at(piece.chars().next().map_or(0, char::len_utf8));
        match kind {
            "S" | "s" => {
                let (len, slope) = match rest.split_once('@') {
                    Some((l, a)) => (num(l), num(a)),
                    None => (num(rest), Some(0.0)),
                };
                match (len, slope) {
                    (Some(l), Some(a)) if l > 0.0 && a.abs() < 90.0 => {
                        out.push(Segment::Straight {
                            length_m: l,
                            slope_deg: a,
                        })
                    }
                    (Some(_), Some(_)) => {
                        return bad("route-straight-values");
                    }
                    _ => return bad("route-straight-form"),
                }
            }
            "B" | "b" => {
                let (ang, radius) = match rest.split_once(['R', 'r']) {
                    Some((a, r)) => (num(a), num(r).map(Some)),
                    None => (num(rest), Some(None)),
                };
                match (ang, radius) {
                    (Some(a), Some(r)) if a > 0.0 && a <= 360.0 && r.is_none_or(|r| r > 0.0) => out
                        .push(Segment::Bend {
                            angle_deg: a,
                            radius_m: r,
                        }),
                    (Some(_), Some(_)) => {
                        return bad("route-bend-values");
                    }
                    _ => return bad("route-bend-form"),
                }
            }
            _ => return bad("route-piece"),
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_route_reads_as_written_and_a_typo_is_named() {
        let r = parse_route("S180,B30,S60@5,B90R0.5,S20").expect("route");
        assert_eq!(r.len(), 5);
        assert_eq!(
            r[2],
            Segment::Straight {
                length_m: 60.0,
                slope_deg: 5.0
            }
        );
        assert_eq!(
            r[3],
            Segment::Bend {
                angle_deg: 90.0,
                radius_m: Some(0.5)
            }
        );
        let (n, why) = parse_route("S180,X30").unwrap_err();
        assert_eq!(n, 2);
        assert_eq!(why.key, "route-piece");
        assert_eq!(parse_route("S180,B0").unwrap_err().0, 2);
        assert_eq!(parse_route("S-5").unwrap_err().0, 1);
        assert_eq!(parse_route("S10,B90R0").unwrap_err().0, 2);
        assert_eq!(parse_route("").unwrap_err().0, 1);
    }
}
