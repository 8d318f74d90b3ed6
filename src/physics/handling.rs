//! What the hand tools of cable preparation do to a cable and a fibre: the tools and
//! techniques, and the odds of each outcome (a nicked tube, a snapped fibre, gel or
//! coating left on the glass). The cable-preparation engine draws against these odds;
//! nothing here draws itself.
//!
//! The odds are teaching values [U]: they make the right tool and the right force the
//! reliable way, and the wrong ones visibly risky, in the proportions trainers describe
//! (REFERENCE.md B.5 for the cleaning and stripping practice), not measured rates.

use serde::{Deserialize, Serialize};

use crate::i18n::Msg;

/// Tools on the bench.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Tool {
    /// Rotary sheath stripper for round cables ("dénudeur de gaine").
    SheathStripper,
    /// Stripper with a guide for flat drop cables.
    DropStripper,
    /// Cable knife.
    Knife,
    /// Aramid (Kevlar) scissors.
    AramidScissors,
    /// Side cutters, for rigid strength members.
    SideCutters,
    /// Loose-tube stripper ("pince à tube").
    TubeStripper,
    /// Three-hole (Miller-type) coating stripper: 900 µm buffer and 250 µm coating.
    CoatingStripper,
    /// An electrician's wire stripper.
    WireStripper,
}

impl Tool {
    pub const ALL: [Tool; 8] = [
        Tool::SheathStripper,
        Tool::DropStripper,
        Tool::Knife,
        Tool::AramidScissors,
        Tool::SideCutters,
        Tool::TubeStripper,
        Tool::CoatingStripper,
        Tool::WireStripper,
    ];

    pub fn name(self) -> Msg {
        Msg::new(format!("tool-{}", kebab(&format!("{self:?}"))))
    }
}

/// How hard the trainee squeezes a stripper.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Force {
    Light,
    Normal,
    Hard,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum GelMethod {
    /// Gel remover (citrus cleaner) on a wipe, then dry.
    GelCleaner,
    /// Alcohol alone, which dissolves gel poorly.
    Alcohol,
    /// A dry wipe.
    DryWipe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum CleanMethod {
    /// Lint-free wipe and isopropyl alcohol ≥ 99 % (REFERENCE.md B.5).
    AlcoholWipe,
    /// A dry lint-free wipe.
    DryWipe,
    /// An ordinary cloth or tissue, which leaves lint.
    Cloth,
}

/// The tool made for removing the sheath of this cable.
pub fn sheath_tool(flat_drop: bool) -> Tool {
    if flat_drop {
        Tool::DropStripper
    } else {
        Tool::SheathStripper
    }
}

/// The chance that removing the sheath with `tool` reaches a tube (or the buffered
/// fibres), when `right` is the tool made for the cable; `None`: the tool cannot cut a
/// sheath.
pub fn sheath_nick_p(tool: Tool, right: Tool) -> Option<f64> {
    if tool == right {
        return Some(0.01);
    }
    match tool {
        Tool::Knife => Some(0.30),
        Tool::SheathStripper | Tool::DropStripper => Some(0.15),
        Tool::AramidScissors
        | Tool::SideCutters
        | Tool::TubeStripper
        | Tool::CoatingStripper
        | Tool::WireStripper => None,
    }
}

/// The tool made for cutting these strength members.
pub fn strength_tool(rigid: bool) -> Tool {
    if rigid {
        Tool::SideCutters
    } else {
        Tool::AramidScissors
    }
}

/// What a tool does to the strength members.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum StrengthCut {
    /// A clean cut.
    Clean,
    /// Aramid yarn frayed: loose fibres in the closure.
    Frayed,
    /// The tool cannot cut rigid (glass-reinforced) members.
    TooHard,
    /// Not a cutting tool for strength members.
    Cannot,
}

pub fn strength_cut(tool: Tool, rigid: bool) -> StrengthCut {
    match tool {
        Tool::SideCutters if rigid => StrengthCut::Clean,
        Tool::AramidScissors if !rigid => StrengthCut::Clean,
        Tool::AramidScissors | Tool::Knife if rigid => StrengthCut::TooHard,
        Tool::SideCutters | Tool::Knife => StrengthCut::Frayed,
        Tool::SheathStripper
        | Tool::DropStripper
        | Tool::AramidScissors
        | Tool::TubeStripper
        | Tool::CoatingStripper
        | Tool::WireStripper => StrengthCut::Cannot,
    }
}

/// Opening a loose tube with `tool`: the chances of nicking and of breaking the fibres
/// inside; `None`: the tool cannot open a tube.
pub fn tube_damage_p(tool: Tool) -> Option<(f64, f64)> {
    match tool {
        Tool::TubeStripper => Some((0.01, 0.0)),
        Tool::Knife => Some((0.35, 0.05)),
        Tool::SideCutters | Tool::WireStripper => Some((0.3, 0.4)),
        Tool::SheathStripper
        | Tool::DropStripper
        | Tool::AramidScissors
        | Tool::CoatingStripper => None,
    }
}

/// The chance that gel stays on the fibres after cleaning them with `method`.
pub fn gel_residue_p(method: GelMethod) -> f64 {
    match method {
        GelMethod::GelCleaner => 0.02,
        GelMethod::Alcohol => 0.35,
        GelMethod::DryWipe => 0.5,
    }
}

/// A fibre of a cable without tubes of its own, taken out after the sheath cut reached
/// the fibres: the chance it is one of those nicked.
pub const LOOSE_FIBRE_NICK_P: f64 = 0.5;

/// Stripping the coating with `tool` at `force`: the chances of a nick, of a break and of
/// coating left on the glass; `None`: the tool cannot strip a coating.
pub fn coating_strip_p(tool: Tool, force: Force) -> Option<(f64, f64, f64)> {
    let (nick, brk) = match tool {
        Tool::CoatingStripper => (0.02, 0.01),
        Tool::WireStripper => (0.5, 0.25),
        Tool::Knife => (0.5, 0.3),
        Tool::SheathStripper
        | Tool::DropStripper
        | Tool::AramidScissors
        | Tool::SideCutters
        | Tool::TubeStripper => return None,
    };
    Some(match force {
        // Too light leaves coating; too hard bites the glass.
        Force::Light => (nick * 0.5, brk * 0.5, 0.6),
        Force::Normal => (nick, brk, 0.03),
        Force::Hard => (nick + 0.3, brk + 0.15, 0.0),
    })
}

/// The chance that the glass is still dirty after wiping it with `method`.
pub fn clean_dirty_p(method: CleanMethod) -> f64 {
    match method {
        CleanMethod::AlcoholWipe => 0.01,
        CleanMethod::DryWipe => 0.6,
        CleanMethod::Cloth => 0.9,
    }
}

/// The chance that gel or coating crumbs stay after an alcohol wipe (alcohol does not
/// take them off reliably).
pub fn residue_stays_p(gel: bool, coating: bool) -> f64 {
    let p: f64 = if gel { 0.7 } else { 0.0 } + if coating { 0.8 } else { 0.0 };
    p.min(1.0)
}

/// Wiping a cleaved end drags dust across it and can chip its edge: the chance of a chip.
pub const WIPED_END_CHIP_P: f64 = 0.3;

/// A nicked fibre tensioned in the cleaver: the chance it snaps at the nick.
pub const NICK_SNAPS_P: f64 = 0.5;

/// Scatter of a careful hand around the mark, as a multiple of the scenario's hand
/// precision: removing a sheath (a long cut, twice as loose), cutting the strength
/// members, stripping the coating (half: the stripper's stop guides it).
pub const SHEATH_HAND: f64 = 2.0;
pub const STRENGTH_HAND: f64 = 1.0;
pub const COATING_HAND: f64 = 0.5;
/// Scatter of the cleave length around the cleaver's setting, mm (the fibre's seat in the
/// clamp) [U].
pub const CLEAVE_SCATTER_MM: f64 = 0.2;

/// The shortest sheath cut that leaves the cable workable, mm.
pub const MIN_SHEATH_MM: f64 = 5.0;

/// `SheathStripper` → `sheath-stripper`.
fn kebab(camel: &str) -> String {
    let mut s = String::new();
    for (i, c) in camel.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                s.push('-');
            }
            s.extend(c.to_lowercase());
        } else {
            s.push(c);
        }
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_right_tool_is_the_safe_one() {
        let flat = sheath_tool(true);
        assert_eq!(sheath_nick_p(flat, flat), Some(0.01));
        assert!(sheath_nick_p(Tool::Knife, flat).is_some_and(|p| p > 0.2));
        assert_eq!(sheath_nick_p(Tool::CoatingStripper, flat), None);
        assert_eq!(
            strength_cut(Tool::AramidScissors, true),
            StrengthCut::TooHard
        );
        assert_eq!(strength_cut(Tool::SideCutters, false), StrengthCut::Frayed);
        let (nick, brk, residue) = coating_strip_p(Tool::CoatingStripper, Force::Normal).unwrap();
        assert!(nick < 0.05 && brk < 0.05 && residue < 0.05);
        assert!(
            coating_strip_p(Tool::CoatingStripper, Force::Light)
                .unwrap()
                .2
                > 0.5
        );
        assert_eq!(Tool::SideCutters.name().key, "tool-side-cutters");
    }
}
