//! The preparation bench's unit tests.

use super::*;
use crate::physics::cleave::Tension;
use crate::scenario::{PrepTargets, Varying};

fn setup(wear: f64) -> PrepSetup {
    PrepSetup {
        cable: CableKind::TightBuffered { fibres: 12 },
        colour_code: ColourCode::Tia598,
        targets: PrepTargets {
            sheath_strip_mm: 500.0,
            strength_member_keep_mm: 20.0,
            coating_strip_mm: 40.0,
            cleave_length_mm: 16.0,
        },
        cleaver: crate::scenario::CleaverSpec {
            blade_wear: Varying::Fixed(wear),
            tension: Tension::Nominal,
        },
        hand_precision_mm: Varying::Fixed(0.0),
        tasks: vec![PrepTask::PrepareFibre {
            tube: None,
            fibre: Varying::Fixed(1),
        }],
    }
}

/// Plays `steps` from a fresh state drawn with `seed`, each with its own stream as
/// the engine does; refusals are ignored.
fn play(s: &PrepSetup, seed: u64, steps: &[PrepAction]) -> PrepState {
    let mut st = PrepState::draw(s, &mut SimRng::new(seed, 0));
    for (i, a) in steps.iter().enumerate() {
        let mut r = SimRng::new(seed, 1 + i as u64);
        let mut t = Turn {
            mode: Mode::Practice,
            index: i,
            at_ms: i as u64 * 1000,
            rng: &mut r,
        };
        let _ = st.gesture(a, &mut t);
    }
    st
}

/// Mean cleave angle and share of defective ends over many seeds, for a clean
/// preparation cleaved at `length_mm`.
fn cleave_stats(wear: f64, length_mm: f64) -> (f64, f64) {
    let s = setup(wear);
    let n = 400;
    let (mut angle, mut defective) = (0.0, 0);
    for seed in 0..n {
        let steps = [
            PrepAction::StripSheath {
                length_mm: 500.0,
                tool: Tool::SheathStripper,
            },
            PrepAction::CutStrengthMembers {
                keep_mm: 20.0,
                tool: Tool::AramidScissors,
            },
            PrepAction::PickFibre {
                tube: None,
                fibre: crate::physics::cable::Colour::Blue,
            },
            PrepAction::SlideSleeve,
            PrepAction::StripCoating {
                length_mm: 40.0,
                tool: Tool::CoatingStripper,
                force: Force::Normal,
            },
            PrepAction::Clean {
                method: CleanMethod::AlcoholWipe,
            },
            PrepAction::Cleave { length_mm },
        ];
        let st = play(&s, seed, &steps);
        if let Some(c) = st.fibres[0].cleave.as_ref() {
            angle += c.angle_deg;
            defective += usize::from(!c.defects.is_empty());
        }
    }
    (angle / n as f64, defective as f64 / n as f64)
}

#[test]
fn a_worn_blade_gives_worse_cleaves() {
    let (new_angle, new_defects) = cleave_stats(0.0, 16.0);
    let (worn_angle, worn_defects) = cleave_stats(0.9, 16.0);
    // Half-normal mean = sigma * sqrt(2/pi): 0.25° for a new blade.
    assert!(
        (new_angle - 0.25 * 0.798).abs() < 0.03,
        "new blade mean angle {new_angle}"
    );
    assert!(worn_angle > 2.5 * new_angle, "{worn_angle} vs {new_angle}");
    assert!(
        worn_defects > new_defects + 0.2,
        "{worn_defects} vs {new_defects}"
    );
}

#[test]
fn cleaving_outside_the_clamping_range_spreads_the_angle() {
    let (inside, _) = cleave_stats(0.1, 16.0);
    let (long, _) = cleave_stats(0.1, 30.0);
    assert!(long > inside * 1.8, "30 mm: {long}, 16 mm: {inside}");
    assert_eq!(cleave_off_range_mm(16.0, true), 0.0);
    assert_eq!(cleave_off_range_mm(5.0, false), 3.0);
}

#[test]
fn a_cleave_on_a_very_short_strip_does_not_panic() {
    let s = setup(0.0);
    for seed in 0..200 {
        let steps = [
            PrepAction::StripSheath {
                length_mm: 500.0,
                tool: Tool::SheathStripper,
            },
            PrepAction::PickFibre {
                tube: None,
                fibre: crate::physics::cable::Colour::Blue,
            },
            PrepAction::StripCoating {
                length_mm: 2.05,
                tool: Tool::CoatingStripper,
                force: Force::Normal,
            },
            PrepAction::Cleave { length_mm: 2.0 },
        ];
        let st = play(&s, seed, &steps);
        if let Some(c) = st.fibres[0].cleave.as_ref() {
            let bare = st.fibres[0].coating_strip_mm.unwrap_or(0.0);
            assert!(
                c.length_mm < bare,
                "cleave {} within bare {}",
                c.length_mm,
                bare
            );
        }
    }
}

#[test]
fn sleeve_forgotten_then_slid_over_the_cleave_spoils_the_end() {
    let s = setup(0.0);
    let mut rng = SimRng::new(1, 0);
    let mut st = PrepState::draw(&s, &mut rng);
    let steps = [
        PrepAction::StripSheath {
            length_mm: 500.0,
            tool: Tool::SheathStripper,
        },
        PrepAction::PickFibre {
            tube: None,
            fibre: crate::physics::cable::Colour::Blue,
        },
        PrepAction::StripCoating {
            length_mm: 40.0,
            tool: Tool::CoatingStripper,
            force: Force::Normal,
        },
        PrepAction::Clean {
            method: CleanMethod::AlcoholWipe,
        },
        PrepAction::Cleave { length_mm: 16.0 },
        PrepAction::SlideSleeve,
    ];
    for (i, a) in steps.iter().enumerate() {
        let mut r = SimRng::new(1, 1 + i as u64);
        let mut t = Turn {
            mode: Mode::Practice,
            index: i,
            at_ms: 0,
            rng: &mut r,
        };
        st.gesture(a, &mut t).unwrap();
    }
    let f = &st.fibres[0];
    assert!(f.sleeve && f.sleeve_after_cleave && f.end_dirty);
    assert!(
        st.mistakes
            .iter()
            .any(|m| m.mistake == Mistake::SleeveAfterCleave)
    );
    let end = f.prepared_end().unwrap();
    assert!(!end.clean && end.sleeve_on);
}
