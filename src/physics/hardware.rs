//! Anchor or suspension at each pole of an aerial line (ROUTING.md §2.4, Telenco's
//! engineering table): a road crossing, an angle over 25°, unbalanced spans and a line's
//! ends take an anchor ("ancrage"); a pole in line between balanced spans takes a
//! suspension, at most a few in a row before an anchor.
//!
//! Teaching values, marked: Telenco gives "unbalanced" without a figure, so the ratio of
//! the longer span to the shorter that counts as unbalanced is ours
//! ([`UNBALANCED_SPAN_RATIO`]); its table says "up to 4 poles in a row" while its
//! figure-8 note reads as three, so the count is a scenario parameter, 4 by default.

/// Above this line deviation a pole takes an anchor (Telenco: "angle > 25°").
pub const ANCHOR_ANGLE_DEG: f64 = 25.0;
/// Suspensions allowed in a row before an anchor (Telenco's table), by default.
pub const MAX_SUSPENSIONS_IN_ROW: u32 = 4;
/// Adjacent spans count as unbalanced when the longer is more than this many times the
/// shorter (teaching value: 55 m beside 30 m is unbalanced, 50 beside 45 is not).
pub const UNBALANCED_SPAN_RATIO: f64 = 1.5;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Hardware {
    /// A dead-end clamp ("pince d'ancrage"): the pole takes the tension.
    Anchor,
    /// A suspension clamp: the cable passes, the pole carries its weight.
    Suspension,
}

/// Why a pole takes an anchor, the row of Telenco's table that says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum AnchorRule {
    /// The first or last pole of a line.
    LineEnd,
    /// A span beside the pole crosses a road: anchor at both ends of the crossing.
    RoadCrossing,
    /// The line turns by more than 25°.
    Angle,
    /// The spans on either side are unbalanced.
    UnbalancedSpans,
    /// Too many suspensions in a row.
    Alignment,
}

/// A pole as the rules see it: its line deviation, and the spans on either side (the
/// first pole has no span before it, the last none after).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LinePole {
    pub deviation_deg: f64,
    /// The span before and after: its length, and whether it crosses a road.
    pub before: Option<(f64, bool)>,
    pub after: Option<(f64, bool)>,
}

/// The hardware each pole of a line takes, in order, with the rule behind each anchor.
pub fn choose(line: &[LinePole], max_suspensions: u32) -> Vec<(Hardware, Option<AnchorRule>)> {
    let mut run = 0;
    line.iter()
        .map(|p| {
            let rule = anchor_rule(p).or((run >= max_suspensions).then_some(AnchorRule::Alignment));
            match rule {
                Some(r) => {
                    run = 0;
                    (Hardware::Anchor, Some(r))
                }
                None => {
                    run += 1;
                    (Hardware::Suspension, None)
                }
            }
        })
        .collect()
}

/// The first rule of the table that asks this pole for an anchor, whatever its
/// neighbours.
fn anchor_rule(p: &LinePole) -> Option<AnchorRule> {
    let (Some((a, road_a)), Some((b, road_b))) = (p.before, p.after) else {
        return Some(AnchorRule::LineEnd);
    };
    if road_a || road_b {
        return Some(AnchorRule::RoadCrossing);
    }
    if p.deviation_deg.abs() > ANCHOR_ANGLE_DEG {
        return Some(AnchorRule::Angle);
    }
    let (short, long) = if a < b { (a, b) } else { (b, a) };
    if short <= 0.0 || long / short > UNBALANCED_SPAN_RATIO {
        return Some(AnchorRule::UnbalancedSpans);
    }
    None
}
