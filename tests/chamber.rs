//! The chamber's debrief (issue 23, point 1): the trainee's order of steps beside the
//! safe order the site called for, line by line, each of her steps marked by the rules
//! the order's grade holds it to. Orders made by hand, marks worked out from the rules.

use fibrelab::exercise::routing::ChamberAction;
use fibrelab::exercise::routing::SiteStep as S;
use fibrelab::exercise::{Exercise, ModuleState};
use fibrelab::grading::grade;
use fibrelab::grading::routing::{StepLine, StepMark, chamber_lines};
use fibrelab::scenario::load::load_str;

/// A chamber of our own (with a ceiling or not; gone into or not) and the steps taken.
fn played(ceiling: bool, enter: bool, steps: &[S]) -> Exercise {
    let src = format!(
        r#"Scenario(
    format: 1,
    id: "test-chamber",
    title: (fr: "Essai", en: "Test"),
    briefing: (fr: "Essai.", en: "Test."),
    difficulty: 1,
    mode: Practice,
    duration_min: 10,
    exercise: Routing(
        site: (chambers: [(id: "K", kind: L2T, ceiling: {ceiling}, x_m: 0, y_m: 0)]),
        cable: Catalogue(MicroModule144),
        tasks: [OpenChamber(chamber: "K", enter: {enter})],
    ),
    rubric: (pass_mark: 50, criteria: [
        (id: "order", check: ProcedureOrder, points: 60),
        (id: "complete", check: ProcedureComplete, points: 40),
    ]),
)"#
    );
    let loaded = load_str(&src, "test.ron").unwrap_or_else(|e| panic!("{e:?}"));
    let mut ex = Exercise::generate(&loaded.scenario, 3);
    for (k, s) in steps.iter().enumerate() {
        ex.apply(
            1000 * (k as u64 + 1),
            ChamberAction::Step { step: *s }.into(),
        )
        .unwrap_or_else(|r| panic!("refused: {:?}", r.reason));
    }
    ex
}

fn lines(ex: &Exercise) -> Vec<StepLine> {
    let ModuleState::Routing(st) = &ex.state else {
        panic!("not a routing bench");
    };
    st.chamber.as_ref().map(chamber_lines).unwrap_or_default()
}

/// The safe order from the surface, without going down (ten steps).
const SAFE: [S; 10] = [
    S::ApproachSign,
    S::Cones,
    S::Ppe,
    S::GasDetector,
    S::FreeCover,
    S::LiftCoverMagnetic,
    S::StoreCover,
    S::GuardRail,
    S::CloseCover,
    S::RemoveSigns,
];

#[test]
fn the_safe_order_lines_up_step_for_step() {
    let ex = played(false, false, &SAFE);
    let l = lines(&ex);
    assert_eq!(l.len(), 10);
    for (k, line) in l.iter().enumerate() {
        assert_eq!(line.number, k + 1);
        assert_eq!(
            line.done,
            Some((SAFE[k], StepMark::Right)),
            "line {}",
            k + 1
        );
        assert_eq!(line.safe, Some((SAFE[k], true)), "line {}", k + 1);
    }
    assert_eq!(grade(&ex).score, 100.0);
}

/// R-11's mistakes, the practice's failing order: the cover freed and lifted by hand
/// before any sign or PPE, no cones, no detector, no guard rail, the signs taken away
/// before the chamber was closed.
#[test]
fn her_order_beside_the_safe_one_marks_each_rule_broken() {
    let hers = [
        S::FreeCover,
        S::LiftCoverByHand,
        S::ApproachSign,
        S::Ppe,
        S::StoreCover,
        S::RemoveSigns,
        S::CloseCover,
        S::ApproachSign,
    ];
    let ex = played(false, false, &hers);
    let l = lines(&ex);
    // Ten lines: the safe order is the longer.
    assert_eq!(l.len(), 10);
    let done: Vec<Option<(S, StepMark)>> = l.iter().map(|x| x.done).collect();
    assert_eq!(
        done,
        vec![
            // Freed first: the rule "free it before lifting" is kept.
            Some((S::FreeCover, StepMark::Right)),
            // By hand, alone: the lifter is the safe way.
            Some((S::LiftCoverByHand, StepMark::Unsafe)),
            // The sign and the PPE after the cover was opened.
            Some((S::ApproachSign, StepMark::TooLate)),
            Some((S::Ppe, StepMark::TooLate)),
            Some((S::StoreCover, StepMark::Right)),
            // The signs away before the chamber was closed.
            Some((S::RemoveSigns, StepMark::TooEarly)),
            Some((S::CloseCover, StepMark::Right)),
            // The sign again.
            Some((S::ApproachSign, StepMark::Repeated)),
            None,
            None,
        ]
    );
    // The safe side: what she never did (cones, detector, lifter, guard rail).
    let missed: Vec<S> = l
        .iter()
        .filter_map(|x| x.safe)
        .filter(|(_, taken)| !taken)
        .map(|(s, _)| s)
        .collect();
    assert_eq!(
        missed,
        vec![S::Cones, S::GasDetector, S::LiftCoverMagnetic, S::GuardRail]
    );
    assert_eq!(l[0].safe, Some((S::ApproachSign, true)));
    assert_eq!(l[9].safe, Some((S::RemoveSigns, true)));
}

/// Going down into a chamber with a ceiling: the gas measured after going down and the
/// rail fitted after it are too late; going down where the work is done from the surface
/// is not asked.
#[test]
fn going_down_marks_the_gas_and_the_rail_taken_after_it() {
    let mut hers: Vec<S> = SAFE[..7].to_vec();
    hers.extend([
        S::Enter,
        S::GasCheck,
        S::GuardRail,
        S::CloseCover,
        S::RemoveSigns,
    ]);
    let ex = played(true, true, &hers);
    let l = lines(&ex);
    // The safe order with a ceiling, gone into: twelve steps.
    assert_eq!(l.len(), 12);
    assert_eq!(l[7].done, Some((S::Enter, StepMark::Right)));
    assert_eq!(l[7].safe, Some((S::GuardRail, true)));
    assert_eq!(l[8].done, Some((S::GasCheck, StepMark::TooLate)));
    assert_eq!(l[8].safe, Some((S::GasCheck, true)));
    assert_eq!(l[9].done, Some((S::GuardRail, StepMark::TooLate)));
    assert_eq!(l[9].safe, Some((S::Enter, true)));
    assert_eq!(l[11].done, Some((S::RemoveSigns, StepMark::Right)));

    // The same order where the work is done from the surface, without a ceiling:
    // going down is not asked, and nothing is measured before it.
    let ex = played(false, false, &hers);
    let l = lines(&ex);
    assert_eq!(l[7].done, Some((S::Enter, StepMark::NotNeeded)));
    assert_eq!(l[8].done, Some((S::GasCheck, StepMark::NotNeeded)));
    // The rail after going down still breaks the rail's rule.
    assert_eq!(l[9].done, Some((S::GuardRail, StepMark::TooLate)));
}
