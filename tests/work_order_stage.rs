//! Issue 28, the closure job's first stage: at the box with the work order and the plan
//! de boîte (scenarios/job/pbo-work-order-practice.ron). Over forty seeds, each drawn OT
//! is read here by hand from the plan's rows (the fibre's number from its tube and place,
//! its row, that row's function and premises), independently of the library's
//! `check_route`; then the trainee's answers are played and graded:
//! - where the box holds the route, naming that row and going on splices exactly the OT's
//!   tube and fibre; reporting a mismatch instead fails the critical criterion;
//! - where it does not, stopping with the right code is a whole job (every criterion met,
//!   passed); another code gets half the criterion's points and fails it; going on to
//!   splice gets none, and the feedback names the code that was due.

use std::path::PathBuf;

use fibrelab::exercise::{Action, Exercise, JobAction};
use fibrelab::grading::grade;
use fibrelab::scenario::closure::order::RouteCode;
use fibrelab::scenario::load::load_file;
use fibrelab::scenario::{ExerciseSpec, Scenario};

fn scenario() -> Scenario {
    let p =
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scenarios/job/pbo-work-order-practice.ron");
    match load_file(&p) {
        Ok(l) => l.scenario,
        Err(d) => panic!("{}", d[0].render(fibrelab::i18n::Lang::En)),
    }
}

/// What the box holds for a route, read by hand from the plan's rows: `Ok(row)` where
/// the fibre waits for the premises, `Err(code)` where it serves another (FINT06) or is
/// not dropped here (FINT07).
fn by_hand(s: &Scenario, tube: u32, fibre: u32, suf: &str) -> Result<String, RouteCode> {
    let ExerciseSpec::Job(j) = &s.exercise else {
        panic!("a job")
    };
    let plan = &j.order.as_ref().expect("an order stage").plan;
    // CB-0012's PM side is CB-0012A, tubes of 12.
    let code = format!("FO-0012A-{:03}", (tube - 1) * 12 + fibre);
    let row = plan
        .positions
        .iter()
        .find(|p| p.ps_1 == code)
        .expect("every fibre of CB-0012A sits in a row of PBO-42");
    let function = format!("{:?}", row.ps_fonct);
    match (function.as_str(), row.ps_preaff.as_deref()) {
        ("PA", _) => Err(RouteCode::FINT07),
        ("AT", Some(p)) if p == suf => Ok(row.ps_code.clone()),
        ("AT", None) => Ok(row.ps_code.clone()),
        _ => Err(RouteCode::FINT06),
    }
}

fn job(ex: &Exercise) -> &fibrelab::exercise::job::JobState {
    ex.state.job().expect("a job")
}

fn act(ex: &mut Exercise, t: u64, a: JobAction) {
    if let Err(r) = ex.apply(t, Action::Job(a)) {
        panic!("refused: {}", r.reason.render(fibrelab::i18n::Lang::En));
    }
}

fn criterion(ex: &Exercise, id: &str) -> (f64, bool, String) {
    let g = grade(ex);
    let c = g.criteria.iter().find(|c| c.id == id).expect("criterion");
    (c.points, c.met, c.feedback.key.clone())
}

/// The fault code an auditor would file for the route's criterion, if any.
fn route_fault(ex: &Exercise) -> Option<String> {
    let g = grade(ex);
    let c = g.criteria.iter().find(|c| c.id == "route").expect("route");
    c.defect
        .as_ref()
        .map(|d| format!("{} {}", d.location, d.fault))
}

#[test]
fn each_drawn_order_is_read_right_and_wrong() {
    let s = scenario();
    let (mut holds, mut used, mut missing) = (0, 0, 0);
    for seed in 1..=40u64 {
        let fresh = Exercise::generate(&s, seed);
        let o = job(&fresh)
            .order_stage()
            .expect("the job starts at the box")
            .clone();
        let r = &o.order.route;
        match by_hand(&s, r.tube, r.fibre, &r.suf) {
            Ok(row) => {
                holds += 1;
                // Named and gone on: the splicing bench prepares the OT's tube and fibre.
                let mut ex = fresh.clone();
                act(
                    &mut ex,
                    10,
                    JobAction::LocateFibre {
                        position: row.clone(),
                    },
                );
                act(&mut ex, 20, JobAction::NextStage);
                let sp = job(&ex).splice_stage().expect("the splicing stage");
                let pair = sp.pairs()[0];
                assert_eq!(
                    (pair[0].tube, pair[0].fibre),
                    (Some(r.tube), r.fibre),
                    "seed {seed}: the fibre spliced is the OT's"
                );
                assert_eq!(
                    (pair[1].tube, pair[1].fibre),
                    (None, 1),
                    "onto the drop's fibre 1"
                );
                let (points, met, key) = criterion(&ex, "route");
                assert!(met && points == 20.0, "seed {seed}: {key}");
                assert_eq!(route_fault(&ex), None);
                // A mismatch reported where the box holds the route: the customer is left
                // unconnected, and the later stages were never reached.
                let mut ex = fresh.clone();
                act(
                    &mut ex,
                    10,
                    JobAction::ReportRoute {
                        code: RouteCode::FINT06,
                    },
                );
                let (points, met, key) = criterion(&ex, "route");
                assert!(!met && points == 0.0, "seed {seed}");
                assert_eq!(key, "fb-order-reported-wrongly");
                // Nothing was touched: no defect on the site, only a customer left waiting.
                assert_eq!(route_fault(&ex), None);
                let (points, _, _) = criterion(&ex, "spliced");
                assert_eq!(points, 0.0, "seed {seed}: nothing spliced, no points");
            }
            Err(code) => {
                match code {
                    RouteCode::FINT06 => used += 1,
                    RouteCode::FINT07 => missing += 1,
                }
                // Stopped and reported rightly: the whole job, passed.
                let mut ex = fresh.clone();
                act(&mut ex, 10, JobAction::ReportRoute { code });
                // Going on after a report is refused: the job ends at the box.
                let why = ex
                    .apply(15, Action::Job(JobAction::NextStage))
                    .expect_err("the job stops at the report")
                    .reason;
                assert_eq!(why.key, "refuse-order-reported");
                ex.apply(20, Action::Finish).expect("finish");
                let g = grade(&ex);
                assert!(g.passed, "seed {seed}: {:?}", g.critical_failed);
                assert!(g.criteria.iter().all(|c| c.met), "seed {seed}");
                // The other code: stopped, but the hotline told the wrong thing.
                let other = RouteCode::ALL
                    .into_iter()
                    .find(|c| *c != code)
                    .expect("two codes");
                let mut ex = fresh.clone();
                act(&mut ex, 10, JobAction::ReportRoute { code: other });
                let (points, met, key) = criterion(&ex, "route");
                assert!(!met && points == 10.0, "seed {seed}: half of 20, {key}");
                assert_eq!(route_fault(&ex), None);
                // Going on: the fibre's row named and the splicing begun.
                let ExerciseSpec::Job(j) = &s.exercise else {
                    unreachable!()
                };
                let plan = &j.order.as_ref().expect("order").plan;
                let code_fo = format!("FO-0012A-{:03}", (r.tube - 1) * 12 + r.fibre);
                let row = plan
                    .positions
                    .iter()
                    .find(|p| p.ps_1 == code_fo)
                    .expect("row");
                let mut ex = fresh.clone();
                act(
                    &mut ex,
                    10,
                    JobAction::LocateFibre {
                        position: row.ps_code.clone(),
                    },
                );
                act(&mut ex, 20, JobAction::NextStage);
                let (points, met, key) = criterion(&ex, "route");
                assert!(!met && points == 0.0, "seed {seed}");
                assert_eq!(key, "fb-order-not-reported");
                // A live customer's splice broken to take their fibre: the "reprise
                // sauvage" (FD46); a fibre only reserved for another premises, or passing
                // the box, taken without breaking a splice: the route not followed (FD36).
                let broken = format!("{:?}", row.ps_fonct) == "EP";
                assert_eq!(
                    route_fault(&ex).as_deref(),
                    Some(if broken { "LD15 FD46" } else { "LD15 FD36" }),
                    "seed {seed}: {:?}",
                    row.ps_fonct
                );
                let g = grade(&ex);
                let fb = &g
                    .criteria
                    .iter()
                    .find(|c| c.id == "route")
                    .expect("route")
                    .feedback;
                assert!(
                    fb.render(fibrelab::i18n::Lang::En).contains(code.code()),
                    "seed {seed}: the feedback names {}",
                    code.code()
                );
            }
        }
    }
    // The variants' chances (0.2 and 0.15) show in forty draws.
    assert!(
        holds >= 20 && used >= 3 && missing >= 2,
        "{holds} {used} {missing}"
    );
}

/// What reaches the outlet follows the row named (`OrderState::lit`): the OT's own fibre
/// brings the PM's light; the far half of the same fibre, a fibre waiting for another
/// premises and an express fibre bring none; a fibre spliced for a premises in service
/// brings that customer's light (their line cut).
#[test]
fn the_row_named_decides_what_light_reaches_the_outlet() {
    let s = scenario();
    // Seed 2: tube 2, fibre 6 for SUF-0006, in PS-PBO42-01-06.
    let ex = Exercise::generate(&s, 2);
    let o = job(&ex).order_stage().expect("order").clone();
    assert_eq!((o.order.route.tube, o.order.route.fibre), (2, 6));
    for (row, lit) in [
        ("PS-PBO42-01-06", true),
        ("PS-PBO42-00-B018", false),
        ("PS-PBO42-01-07", false),
        ("PS-PBO42-00-P001", false),
        ("PS-PBO42-01-02", true),
    ] {
        let mut o = o.clone();
        o.locate(row).expect("a row of the plan");
        assert_eq!(o.lit(), lit, "{row}");
    }
}

#[test]
fn a_position_the_plan_does_not_have_is_refused() {
    let s = scenario();
    let mut ex = Exercise::generate(&s, 2);
    let r = ex.apply(
        10,
        Action::Job(JobAction::LocateFibre {
            position: "PS-PBO42-01-13".into(),
        }),
    );
    let why = r.expect_err("no 13th compartment").reason;
    assert_eq!(why.key, "refuse-order-no-position");
    // Nothing named: the splicing cannot start, and a splicing gesture is refused.
    assert!(ex.apply(20, Action::Job(JobAction::NextStage)).is_err());
    let strip = Action::Prep(fibrelab::exercise::action::PrepAction::SlideSleeve);
    let why = ex.apply(30, strip).expect_err("at the box first").reason;
    assert_eq!(why.key, "refuse-job-order-first");
}

/// The outlet dark (the wrong row named: the far half of the OT's fibre): the meter
/// shows LO, and the report says "no light" rather than a level. Written as a level
/// (the meter's floor), the level is wrong and the feedback says why; "no light" on the
/// clean run's lit outlet is wrong the other way.
#[test]
fn a_dark_outlet_is_reported_as_no_light() {
    use fibrelab::exercise::connect::{ConnectAction, ReportAction};
    use fibrelab::exercise::script::ActionList;
    let s = scenario();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let play = |file: &str, no_light: bool| {
        let path = root.join("tests/scripts").join(file);
        let list = ActionList::parse(&std::fs::read(&path).expect("script"), file).expect("parses");
        let mut ex = Exercise::generate(&s, 2);
        for (at, mut a) in list.timed() {
            if let Action::Connect(ConnectAction::Report(ReportAction::FillReport {
                no_light: n,
                ..
            })) = &mut a
            {
                *n = no_light;
            }
            ex.apply(at, a).expect("accepted");
        }
        let g = grade(&ex);
        let c = g
            .criteria
            .iter()
            .find(|c| c.id == "report")
            .expect("report");
        (c.met, c.points, c.feedback.render(fibrelab::i18n::Lang::Fr))
    };
    let (met, points, fb) = play("job-pbo-work-order-practice.mistakes.ron", false);
    assert!(!met && points == 7.5, "{fb}");
    assert!(
        fb.contains("LO"),
        "the feedback says the meter showed no light: {fb}"
    );
    let (met, points, fb) = play("job-pbo-work-order-practice.mistakes.ron", true);
    assert!(
        met && points == 10.0,
        "no light written where there was none: {fb}"
    );
    let (met, points, fb) = play("job-pbo-work-order-practice.clean.ron", true);
    assert!(!met && points == 7.5, "{fb}");
    assert!(
        fb.contains("-14,") || fb.contains("−14,"),
        "the level the meter read: {fb}"
    );
}
