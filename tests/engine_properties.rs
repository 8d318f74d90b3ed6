//! Properties of the exercise engine over random gesture sequences: it never panics,
//! replaying a log gives the same state, refused actions change nothing, scores stay in
//! range.

use fibrelab::exercise::Exercise;
use fibrelab::exercise::prep::{CleanMethod, Force, GelMethod, Tool};
use fibrelab::exercise::splice::Side;
use fibrelab::exercise::{Action, PrepAction, SpliceAction};
use fibrelab::grading::grade;
use fibrelab::physics::cable::ColourCode;
use fibrelab::scenario::load::load_path;
use proptest::prelude::*;

fn action() -> impl Strategy<Value = Action> {
    let tool = proptest::sample::select(Tool::ALL.to_vec());
    let colour = proptest::sample::select(ColourCode::StandardOrange.order().to_vec());
    let force = proptest::sample::select(vec![Force::Light, Force::Normal, Force::Hard]);
    prop_oneof![
        Just(Action::Prep(PrepAction::SlideSleeve)),
        (-10.0f64..3500.0, tool.clone()).prop_map(|(length_mm, tool)| Action::Prep(
            PrepAction::StripSheath { length_mm, tool }
        )),
        (-5.0f64..300.0, tool.clone()).prop_map(|(keep_mm, tool)| Action::Prep(
            PrepAction::CutStrengthMembers { keep_mm, tool }
        )),
        (proptest::option::of(colour.clone()), tool.clone())
            .prop_map(|(tube, tool)| Action::Prep(PrepAction::OpenTube { tube, tool })),
        proptest::sample::select(vec![
            GelMethod::GelCleaner,
            GelMethod::Alcohol,
            GelMethod::DryWipe
        ])
        .prop_map(|method| Action::Prep(PrepAction::RemoveGel { method })),
        (proptest::option::of(colour.clone()), colour)
            .prop_map(|(tube, fibre)| Action::Prep(PrepAction::PickFibre { tube, fibre })),
        (-1.0f64..80.0, tool, force).prop_map(|(length_mm, tool, force)| Action::Prep(
            PrepAction::StripCoating {
                length_mm,
                tool,
                force
            }
        )),
        proptest::sample::select(vec![
            CleanMethod::AlcoholWipe,
            CleanMethod::DryWipe,
            CleanMethod::Cloth
        ])
        .prop_map(|method| Action::Prep(PrepAction::Clean { method })),
        (-1.0f64..40.0).prop_map(|length_mm| Action::Prep(PrepAction::Cleave { length_mm })),
        Just(Action::Prep(PrepAction::DisposeShard)),
        Just(Action::Prep(PrepAction::LayOnBench)),
        Just(Action::AskHint),
        Just(Action::Finish),
        // Splicing
        proptest::sample::select(vec![Side::Left, Side::Right])
            .prop_map(|side| Action::Splice(SpliceAction::WorkOn { side })),
        proptest::sample::select(vec![Side::Left, Side::Right])
            .prop_map(|side| Action::Splice(SpliceAction::LoadFibre { side })),
        proptest::sample::select(vec![Side::Left, Side::Right])
            .prop_map(|side| Action::Splice(SpliceAction::UnloadFibre { side })),
        Just(Action::Splice(SpliceAction::PressSet)),
        Just(Action::Splice(SpliceAction::OpenCover)),
        Just(Action::Splice(SpliceAction::BreakSplice)),
        Just(Action::Splice(SpliceAction::CentreSleeve)),
        Just(Action::Splice(SpliceAction::OvenIn)),
        Just(Action::Splice(SpliceAction::OvenOut)),
        (-10.0f64..400.0).prop_map(
            |loop_diameter_mm| Action::Splice(SpliceAction::StoreInTray { loop_diameter_mm })
        ),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(120))]

    #[test]
    fn random_sessions_replay_identically(seed in 0u64..1000, which in 0usize..64, actions in proptest::collection::vec(action(), 0..40)) {
        let all: Vec<_> = load_path(std::path::Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/scenarios")))
            .into_iter().filter_map(|(_, r)| r.ok()).collect();
        let scenario = &all[which % all.len()].scenario;
        let mut ex = Exercise::generate(scenario, seed);
        for (i, a) in actions.into_iter().enumerate() {
            let before = format!("{:?}", ex.state);
            let n = ex.log.len();
            if ex.apply(i as u64 * 5000, a).is_err() {
                prop_assert_eq!(format!("{:?}", ex.state), before, "a refused action changes nothing");
                prop_assert_eq!(ex.log.len(), n);
            }
        }
        let replayed = Exercise::replay(scenario, seed, &ex.log).expect("a log replays");
        prop_assert_eq!(format!("{:?}", &replayed.state), format!("{:?}", &ex.state));
        let (a, b) = (grade(&ex), grade(&replayed));
        prop_assert_eq!(&a, &b);
        prop_assert!((0.0..=100.0).contains(&a.score));
        prop_assert!(!a.passed || a.finished);
    }
}
