//! The job chain: the trainee's own splices become the events of the link the OTDR stage
//! measures. A job played with a deliberately poor cleave on fibre 3 shows that splice on
//! fibre 3's trace, at its position, with its true loss (within the measurement noise),
//! and fibre 3 fails acceptance; the same job played cleanly passes.
//!
//! The job's scripts in `tests/scripts/job-*.ron` are written by a technician's routine
//! played against the engine (`hand.rs`), by the ignored writers in `writers.rs`: run them
//! by hand with `cargo test --test job_chain -- --ignored` after a change to the physics
//! or the draws.

#[path = "../common/paths.rs"]
mod paths;

mod hand;
mod writers;

use hand::{Hand, to_script};
use paths::root;

use fibrelab::exercise::Exercise;
use fibrelab::exercise::job::JobState;
use fibrelab::exercise::otdr::{AcqRecord, Config, Direction, Verdict, default_type};
use fibrelab::exercise::prep::{CleanMethod, FibreState, Force, Tool};
use fibrelab::exercise::script::{ActionList, Expectation, Step};
use fibrelab::exercise::splice::{Side, SpliceState, Stage};
use fibrelab::exercise::{Action, JobAction, OtdrAction, PrepAction, SpliceAction};
use fibrelab::grading::{GradeReport, grade};
use fibrelab::physics::analysis::MeasuredEvent;
use fibrelab::physics::cable::{Colour, ColourCode};
use fibrelab::physics::splice::{EndFaceError, Programme};
use fibrelab::scenario::load::load_file;
use fibrelab::scenario::otdr::EventType;
use fibrelab::scenario::{ExerciseSpec, Module, Scenario};

const JOB: &str = "scenarios/job/closure-12-fibres-practice.ron";
const SEED: u64 = 1;
/// The seed of the poorly cleaved job. The careless routine (no cleaning, cleaved at
/// 26 mm, every stop fused through) gives fibre 3 between 0.04 and 0.12 dB on most seeds
/// and a bubble (0.4–1.8 dB) on about a third of them (seeds 1–39); at seed 28 it leaves a
/// bubble of 0.38 dB, over the 0.15 dB limit.
const POOR_SEED: u64 = 28;

fn scenario() -> Scenario {
    load(JOB)
}

fn load(path: &str) -> Scenario {
    match load_file(&root().join(path)) {
        Ok(l) => l.scenario,
        Err(d) => panic!("{}", d[0].render(fibrelab::i18n::Lang::En)),
    }
}

/// The OTDR stage of a job scenario.
fn otdr_of(sc: &Scenario) -> fibrelab::scenario::OtdrSetup {
    let ExerciseSpec::Job(j) = &sc.exercise else {
        panic!("a job")
    };
    j.otdr.clone().expect("a job with an OTDR stage")
}

/// The event the instrument's analysis found within `tol_m` of `at_m`.
fn seen_at(acq: &AcqRecord, at_m: f64, tol_m: f64) -> Option<&MeasuredEvent> {
    acq.analysis
        .events
        .iter()
        .find(|e| (e.distance_m - at_m).abs() <= tol_m)
}

/// A clean attempt: passed, every criterion met.
fn assert_all_met(report: &GradeReport) {
    let unmet: Vec<_> = report.criteria.iter().filter(|c| !c.met).collect();
    assert!(report.passed && unmet.is_empty(), "{unmet:?}");
}

fn job(ex: &Exercise) -> &JobState {
    ex.state.job().expect("a job")
}

/// The splicing bench of a splicing exercise or a job's splicing stage (done or not).
fn splicing(ex: &Exercise) -> &SpliceState {
    ex.state
        .job()
        .and_then(JobState::splice_stage)
        .or(ex.state.splicing())
        .expect("a splicing bench")
}

const BAD_CLEAVER: &str = "scenarios/splice/bad-cleaver-practice.ron";

/// The worn cleaver: two pairs of the green tube; `fuse_through`: the trainee fuses
/// through the splicer's angle stops instead of cleaving again.
fn play_bad_cleaver(fuse_through: bool) -> Hand {
    let sc = load(BAD_CLEAVER);
    let mut h = Hand::new(&sc, 1);
    h.careless_cleave_mm = 16.0;
    h.tube = Some(Colour::Green);
    h.right_tube = Some(Colour::Green);
    for c in [Colour::Red, Colour::Blue] {
        h.splice_pair_with(c, false, fuse_through);
    }
    h.act(20.0, Action::Finish);
    h
}

#[test]
fn a_worn_cleaver_makes_the_splicer_stop_and_the_trainee_cleave_again() {
    let h = play_bad_cleaver(false);
    let sp = splicing(&h.ex);
    // The worn blade (wear 0.75–0.9) slants many cleaves: re-cleaving takes several
    // tries, and every splice kept was made on ends the splicer accepted.
    let cleaves = h
        .steps
        .iter()
        .filter(|(_, a)| matches!(a, Action::Prep(PrepAction::Cleave { .. })))
        .count();
    assert!(cleaves > 4, "{cleaves} cleaves for 4 ends");
    assert!(sp.splicer.records.iter().all(|r| r.overridden.is_empty()));
    let report = grade(&h.ex);
    assert!(
        report.passed && report.score == 100.0,
        "{:?}",
        report.criteria
    );
    let careless = play_bad_cleaver(true);
    let report = grade(&careless.ex);
    let recleave = report
        .criteria
        .iter()
        .find(|c| c.id == "recleave")
        .expect("criterion");
    assert!(!recleave.met && !report.passed);
}

const MIXED: &str = "scenarios/job/mixed-fibres-gainer-practice.ron";

/// G.652.D to G.657.A2 at the distribution box, then tested from the street cabinet.
/// `hurried`: the splicer's programme left as found, a test at 1550 nm only.
fn play_mixed(hurried: bool) -> Hand {
    let sc = load(MIXED);
    let otdr = otdr_of(&sc);
    let mut h = Hand::new(&sc, 1);
    h.careless_cleave_mm = 16.0;
    h.right_tube = None;
    h.range_m = 5_000.0;
    if !hurried {
        let mut settings = splicing(&h.ex).splicer.settings.clone();
        settings.programme = Programme::SmG657;
        h.act(5.0, Action::Splice(SpliceAction::SetSplicer(settings)));
    }
    h.splice_pair(Colour::Red, false);
    h.act(30.0, Action::Job(JobAction::NextStage));
    h.test_fibre(Colour::Red, &otdr, hurried);
    h.act(30.0, Action::Finish);
    h
}

#[test]
fn a_splice_onto_a_smaller_mode_field_shows_as_a_gainer_one_way() {
    let h = play_mixed(false);
    let j = job(&h.ex);
    let f = &j.test_stage().expect("test stage").fibres[0];
    let rec = j
        .splice_stage()
        .expect("a splicing stage")
        .final_record(f.pair)
        .expect("spliced");
    let truth = f
        .otdr
        .link
        .truth
        .iter()
        .find(|e| e.kind == EventType::Splice)
        .expect("the splice in the link");
    assert!(
        truth.loss_db > 0.0 && truth.loss_db < 0.1,
        "{}",
        truth.loss_db
    );
    assert!(
        (truth.loss_db - rec.joint.true_loss_db(1550.0) - rec.tray_bend_loss_1550_db()).abs()
            < 1e-12
    );
    // One way from the G.652.D side: a gain on the trace (REFERENCE A.7, about 0.3 dB
    // from 9.2 to 8.6 µm), as the one-way reading says.
    let shown = truth.apparent_db.expect("a one-way reading");
    assert!(shown < -0.1, "{shown}");
    let acq = f.otdr.last(1550.0, Direction::AtoB).expect("measured");
    let seen = seen_at(acq, truth.distance_m, 3.0)
        .and_then(|e| e.loss_db)
        .expect("the gainer is an event on the trace");
    assert!(
        (seen - shown).abs() <= 0.05,
        "read {seen:.3}, one-way {shown:.3}"
    );
    assert_all_met(&grade(&h.ex));
}

const DROP: &str = "scenarios/job/drop-mechanical-practice.ron";
const DROP_SEED: u64 = 1;

/// The drop repair: one mechanical splice, then the OTDR test of the repaired fibre.
fn play_drop(careless: bool) -> Hand {
    let sc = load(DROP);
    let otdr = otdr_of(&sc);
    let mut h = Hand::new(&sc, DROP_SEED);
    h.strip_mm = 30.0;
    h.cleave_mm = 12.0;
    h.careless_cleave_mm = 9.0;
    h.tube = None;
    h.right_tube = None;
    h.range_m = 2_000.0;
    // A drop of a hundred metres is tested at 10 ns, as a technician would: at 30 ns the
    // receiver is still recovering from the mechanical splice when connector B comes.
    h.pulse_ns = 10.0;
    h.mechanical_pair(Colour::Red, careless);
    h.act(30.0, Action::Job(JobAction::NextStage));
    h.test_fibre(Colour::Red, &otdr, careless);
    h.act(30.0, Action::Finish);
    h
}

#[test]
fn a_mechanical_splice_shows_its_reflection_on_the_drop_trace() {
    let h = play_drop(false);
    let j = job(&h.ex);
    let t = j.test_stage().expect("the test stage");
    let f = &t.fibres[0];
    let rec = j
        .splice_stage()
        .expect("a splicing stage")
        .final_record(f.pair)
        .expect("spliced");
    let refl = rec
        .joint
        .reflectance_db(1550.0)
        .expect("a mechanical joint reflects");
    let loss = rec.joint.true_loss_db(1550.0);
    // REFERENCE B.7: 0.1–0.3 dB typical, reflective.
    assert!((0.05..0.5).contains(&loss), "{loss}");
    assert!((-60.0..-35.0).contains(&refl), "{refl}");
    let at = f
        .otdr
        .link
        .truth
        .iter()
        .find(|e| e.kind == EventType::MechanicalSplice)
        .expect("the mechanical splice in the link")
        .distance_m;
    let acq = f.otdr.last(1550.0, Direction::AtoB).expect("measured");
    let seen = seen_at(acq, at, 3.0).expect("an event at the splice");
    let r = seen.reflectance_db.expect("a reflection peak");
    assert!(
        (r - refl).abs() <= 3.0,
        "measured {r:.1} dB, true {refl:.1} dB"
    );
    // The drop fibre (G.657.A2) backscatters more than the bench's G.652.D cables: at
    // 1550 nm connector A shows less than its loss and connector B more (REFERENCE A.7).
    // What the trace shows there is what the truth's one-way reading says.
    let connectors: Vec<_> = f
        .otdr
        .link
        .truth
        .iter()
        .filter(|e| e.kind == EventType::Connector)
        .collect();
    assert_eq!(connectors.len(), 2);
    for (c, sign) in connectors.iter().zip([-1.0, 1.0]) {
        let shown = c
            .apparent_db
            .expect("a one-way reading differs across the fibre change");
        assert!(sign * (shown - c.loss_db) > 0.2, "{shown} vs {}", c.loss_db);
        let seen = seen_at(acq, c.distance_m, 3.0)
            .and_then(|e| e.loss_db)
            .expect("connector read");
        assert!(
            (seen - shown).abs() <= 0.05,
            "read {seen:.3}, one-way {shown:.3}"
        );
    }
    assert_all_met(&grade(&h.ex));
}

/// Plays the whole job; `poor_on`: the fibre (1-based) cleaved carelessly and fused
/// through; `lazy`: the mistakes of a hurried test (1550 nm only, every verdict "pass").
fn play_job(seed: u64, poor_on: Option<u32>, lazy: bool) -> Hand {
    let sc = scenario();
    let otdr = otdr_of(&sc);
    let mut h = Hand::new(&sc, seed);
    let order = ColourCode::StandardOrange.order();
    for (i, c) in order.iter().enumerate() {
        h.splice_pair(*c, poor_on == Some(i as u32 + 1));
    }
    h.act(30.0, Action::Job(JobAction::NextStage));
    for c in order {
        h.test_fibre(c, &otdr, lazy);
    }
    h.act(30.0, Action::Finish);
    h
}

#[test]
fn a_poor_cleave_on_fibre_3_shows_on_its_trace_and_fails_its_acceptance() {
    let h = play_job(POOR_SEED, Some(3), false);
    let j = job(&h.ex);
    let t = j.test_stage().expect("the test stage");
    assert_eq!(t.fibres.len(), 12);
    // Fibre 3's splice: its true loss, from the splicing stage.
    let f3 = &t.fibres[2];
    let rec = j
        .splice_stage()
        .expect("a splicing stage")
        .final_record(f3.pair)
        .expect("fibre 3 spliced");
    let true_1550 = rec.joint.true_loss_db(1550.0) + rec.tray_bend_loss_1550_db();
    let true_1310 = rec.joint.true_loss_db(1310.0);
    assert!(
        true_1550 > 0.15,
        "the careless splice is over the 0.15 dB limit: {true_1550}"
    );
    // Where the closure sits on the link: after the first section.
    let closure_m = f3
        .otdr
        .link
        .truth
        .iter()
        .find(|e| e.kind == EventType::Splice)
        .map(|e| e.distance_m)
        .expect("the splice is an event of fibre 3's link");
    assert!((1800.0..=2400.0).contains(&closure_m));
    // On the trace: the instrument's analysis finds an event there, with that loss.
    for (wl, truth) in [(1550.0, true_1550), (1310.0, true_1310)] {
        let acq = f3.otdr.last(wl, Direction::AtoB).expect("measured");
        let found = seen_at(acq, closure_m, 5.0)
            .unwrap_or_else(|| panic!("no event at {closure_m:.1} m at {wl} nm"));
        let measured = found.loss_db.expect("a loss read");
        assert!(
            (measured - truth).abs() <= 0.05,
            "{wl} nm: measured {measured:.3} dB, true {truth:.3} dB"
        );
    }
    // Its verdict: fibre 3 fails acceptance, the others pass.
    for (i, f) in t.fibres.iter().enumerate() {
        let failed = f.otdr.link.truth.iter().any(|e| e.pass == Some(false));
        assert_eq!(failed, i == 2, "fibre {}", i + 1);
    }
    let report = grade(&h.ex);
    let accepted = report
        .criteria
        .iter()
        .find(|c| c.id == "accepted")
        .expect("the job's acceptance criterion");
    assert!(!accepted.met && !report.passed);
    assert!(
        (accepted.points - 10.0 * 11.0 / 12.0).abs() < 0.06,
        "{}",
        accepted.points
    );
    let fb = accepted.feedback.render(fibrelab::i18n::Lang::En);
    assert!(fb.contains("green fibre"), "{fb}");
}

#[test]
fn the_clean_job_passes_with_each_splice_on_its_trace() {
    let h = play_job(SEED, None, false);
    let j = job(&h.ex);
    let t = j.test_stage().expect("the test stage");
    for f in &t.fibres {
        let rec = j
            .splice_stage()
            .expect("a splicing stage")
            .final_record(f.pair)
            .expect("spliced");
        let truth = f
            .otdr
            .link
            .truth
            .iter()
            .find(|e| e.kind == EventType::Splice)
            .expect("the splice in the link");
        // The link's event is the splice made, at 1550 nm, with its loop.
        let want = rec.joint.true_loss_db(1550.0) + rec.tray_bend_loss_1550_db();
        assert!((truth.loss_db - want).abs() < 1e-12);
        assert_eq!(truth.pass, Some(true));
    }
    let report = grade(&h.ex);
    assert_all_met(&report);
    // Graded per stage and as a whole.
    let stages: Vec<Module> = report.stages.iter().map(|s| s.stage).collect();
    assert_eq!(
        stages,
        [Module::CablePrep, Module::Splice, Module::Otdr, Module::Job]
    );
    assert!(report.stages.iter().all(|s| s.all_met));
}

#[test]
fn the_test_stage_needs_the_splicing_done_and_closes_it() {
    let sc = scenario();
    let mut ex = Exercise::generate(&sc, SEED);
    let refused = |ex: &mut Exercise, t, a| ex.apply(t, a).expect_err("refused").reason.key;
    assert_eq!(
        refused(
            &mut ex,
            1000,
            Action::Job(JobAction::TestFibre {
                tube: Some(Colour::Red),
                fibre: Colour::Red
            })
        ),
        "refuse-job-splicing-first"
    );
    ex.apply(2000, Action::Job(JobAction::NextStage))
        .expect("next stage");
    // Nothing spliced: every fibre is open in the closure; a splicing gesture is refused.
    let j = job(&ex);
    let t = j.test_stage().expect("test stage");
    assert!(t.fibres.iter().all(|f| f.otdr.link.broken_at_m.is_some()));
    assert_eq!(
        refused(&mut ex, 3000, Action::Splice(SpliceAction::PressSet)),
        "refuse-job-splicing-over"
    );
    assert_eq!(
        refused(&mut ex, 3000, Action::Job(JobAction::NextStage)),
        "refuse-job-last-stage"
    );
    assert_eq!(
        refused(
            &mut ex,
            3000,
            Action::Job(JobAction::TestFibre {
                tube: Some(Colour::Blue),
                fibre: Colour::Red
            })
        ),
        "refuse-job-fibre-not-in-job"
    );
}

/// What the careless drop repair fails on.
const DROP_MISTAKES: [&str; 4] = ["cleave", "clean", "measured", "accepted"];

const ROUTED: &str = "scenarios/job/route-splice-test-practice.ron";
/// Where the turn in C2 lies on the laid cable from connector A: C1's 3 m slack loop,
/// the 150 m to C2, C2's slack loop: 3 + 150 + 3 = 156 m. The closure at C3: 156 + 150
/// (120 + 30) + 3 = 309 m.
const C2_AT_M: f64 = 156.0;
const C3_AT_M: f64 = 309.0;

/// The routed job: the cable pulled from C1 with the winch at C1 (fed at C3, nearest
/// the bends), lubricated, a 1400 N swivel, and a 0.5 m guide in C2 unless `no_guide`
/// (then the cable turns on the duct's mouth); fibres 1 and 2 of the first tube spliced
/// in the closure at C3, then each tested from C1.
fn play_routed(no_guide: bool) -> Hand {
    use fibrelab::exercise::routing::PullAction as R;
    let sc = load(ROUTED);
    let otdr = otdr_of(&sc);
    let mut h = Hand::new(&sc, SEED);
    h.range_m = 5_000.0;
    h.act(
        20.0,
        R::PlaceWinch {
            chamber: "C1".into(),
        }
        .into(),
    );
    h.act(10.0, R::Lubricate { on: true }.into());
    if !no_guide {
        h.act(
            30.0,
            R::FitGuide {
                chamber: "C2".into(),
                radius_m: 0.5,
            }
            .into(),
        );
    }
    h.act(20.0, R::FitSwivel { rating_n: 1400.0 }.into());
    h.act(30.0, R::StartPull.into());
    h.act(600.0, Action::Job(JobAction::NextStage));
    let order = ColourCode::StandardOrange.order();
    for c in &order[..2] {
        h.splice_pair(*c, false);
    }
    h.act(30.0, Action::Job(JobAction::NextStage));
    for c in &order[..2] {
        h.test_fibre(*c, &otdr, false);
    }
    h.act(30.0, Action::Finish);
    h
}

/// Issue 11, point 6: the route the trainee chose becomes the link. Cleanly pulled, the
/// closure's splices sit at the installed length (309 m, worked by hand above) and the
/// job passes; without a guide in C2 the cable turns there at 0.05 m, under its 0.246 m
/// under tension, and the trace shows a bend loss at 156 m: 0.4 × (0.246/0.05 − 1) =
/// 1.568 dB at 1550 nm, 2^(−240/75) = 0.109 of that at 1310 nm (0.171 dB), failing the
/// acceptance.
#[test]
fn a_tight_bend_at_the_second_chamber_shows_on_the_trace_and_fails_acceptance() {
    let clean = play_routed(false);
    let report = grade(&clean.ex);
    assert_all_met(&report);
    let t = job(&clean.ex).test_stage().expect("tested");
    for f in &t.fibres {
        let splice = f
            .otdr
            .link
            .truth
            .iter()
            .find(|e| e.kind == EventType::Splice)
            .expect("the closure's splice");
        assert!(
            (splice.distance_m - C3_AT_M).abs() < 0.5,
            "splice at {} m, the laid length {C3_AT_M} m",
            splice.distance_m
        );
        assert!(
            !f.otdr.link.truth.iter().any(|e| e.kind == EventType::Bend),
            "no bend on a cleanly pulled cable"
        );
    }

    let tight = play_routed(true);
    let report = grade(&tight.ex);
    let unmet: Vec<&str> = report
        .criteria
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.id.as_str())
        .collect();
    assert!(!report.passed, "{unmet:?}");
    assert!(
        unmet.contains(&"bend") && unmet.contains(&"accepted"),
        "{unmet:?}"
    );
    let t = job(&tight.ex).test_stage().expect("tested");
    for f in &t.fibres {
        let bend = f
            .otdr
            .link
            .truth
            .iter()
            .find(|e| e.kind == EventType::Bend)
            .expect("the bend in C2");
        assert!(
            (bend.distance_m - C2_AT_M).abs() < 0.5,
            "{}",
            bend.distance_m
        );
        assert!((bend.loss_db - 1.568).abs() < 0.005, "{}", bend.loss_db);
        let at_1550 = f.otdr.last(1550.0, Direction::AtoB).expect("1550");
        let at_1310 = f.otdr.last(1310.0, Direction::AtoB).expect("1310");
        let seen_1550 = seen_at(at_1550, C2_AT_M, 5.0)
            .and_then(|e| e.loss_db)
            .expect("the bend seen at 1550 nm");
        assert!(
            (seen_1550 - 1.568).abs() < 0.1,
            "read {seen_1550:.3} dB at 1550 nm"
        );
        let seen_1310 = seen_at(at_1310, C2_AT_M, 5.0).and_then(|e| e.loss_db);
        assert!(
            seen_1310.is_none_or(|l| (l - 0.171).abs() < 0.08),
            "read {seen_1310:?} at 1310 nm, 0.171 dB true"
        );
    }
}

/// Issue 23, point 8: the drop repair read one way. Across the bench cables' change of
/// fibre each connector reads what the one-way trace shows, far from its true loss: the
/// debrief's table tells those lines apart ("read one way only", not "same", and not a
/// fault), each with its explanation beside the numbers (the true loss, the reading, what
/// the other direction would read: twice the true loss less the reading), and the values'
/// feedback says the same; the job is still accepted on the true losses. The mechanical
/// splice itself (the same fibre both sides) reads the same. The job speaks of an
/// element, never of a fusion.
#[test]
fn a_one_way_reading_across_a_change_of_fibre_is_told_apart_and_explained() {
    use fibrelab::grading::compare::{Difference, otdr_lines};
    use fibrelab::i18n::{Arg, Lang};
    let h = play_drop(false);
    let j = job(&h.ex);
    let f = &j.test_stage().expect("the test stage").fibres[0];
    let lines = otdr_lines(&f.otdr);
    let one_way: Vec<_> = lines
        .iter()
        .filter(|l| l.difference == Difference::OneWay)
        .collect();
    assert!(!one_way.is_empty(), "{lines:#?}");
    for l in &one_way {
        assert!(!l.difference.is_fault());
        let t = l.truth.as_ref().expect("a true event");
        assert_eq!(t.kind, EventType::Connector);
        let given = l.reported.as_ref().and_then(|r| r.loss_db).expect("read");
        assert!((given - t.loss_db).abs() > 0.05, "{given} vs {}", t.loss_db);
        let note = l.one_way_note().expect("explained");
        let num = |k: &str| {
            note.args
                .iter()
                .find_map(|(n, a)| match a {
                    Arg::Num { value, .. } if n == k => Some(*value),
                    Arg::Num { .. }
                    | Arg::Text(_)
                    | Arg::Words { .. }
                    | Arg::Msg(_)
                    | Arg::List(_) => None,
                })
                .unwrap_or_else(|| panic!("{k} in {note:?}"))
        };
        assert_eq!(num("true"), t.loss_db);
        assert_eq!(num("given"), given);
        assert!((num("other") - (2.0 * t.loss_db - given)).abs() < 1e-12);
        assert!(note.exists_in_all_languages());
    }
    assert!(
        lines
            .iter()
            .filter(|l| l
                .truth
                .as_ref()
                .is_some_and(|t| t.kind == EventType::MechanicalSplice))
            .all(|l| l.difference == Difference::Same && l.one_way_note().is_none()),
        "the splice between two G.657.A2 fibres reads the same both ways"
    );
    let report = grade(&h.ex);
    assert_all_met(&report);
    let by_id = |id: &str| {
        report
            .criteria
            .iter()
            .find(|c| c.id == id)
            .unwrap_or_else(|| panic!("{id}"))
    };
    let values = by_id("values").feedback.render(Lang::En);
    assert!(values.contains("one-way"), "{values}");
    for c in &report.criteria {
        let fr = c.feedback.render(Lang::Fr);
        assert!(
            !fr.contains("soudure") && !fr.contains("soudeuse"),
            "{}: {fr}",
            c.id
        );
    }
}
