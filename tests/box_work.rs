//! Issue 28, working a box to its plan (scenarios/job/pbo-box-practice.ron): PBO-42, the
//! worked example of FTTH-JOBS §3.4.
//! - Played by its clean script, the DOE's `t_position` is, byte for byte, the example's
//!   60 rows as FTTH-JOBS prints them (copied below from the document, not from the code).
//! - The red light finds a crossed pair: shone into the fibre of SUF-0001's route, it shows
//!   at SUF-0002's outlet; an express tube cut in the window stops an express fibre's light
//!   at its loose end (the customer downstream is dark), passed whole it goes through.
//! - A slip of the tube shaver onto a neighbour tube drops the level of the lines in
//!   service on it (a kink's loss worked by hand from G.657's limits), or takes them down
//!   where the blade went through the tube's wall; the red light shows the leak or the
//!   break in the window; the cable is not opened without harm (FD15).
//! - A connection in mode STOC at the box as built: the neighbours stay lit, or a
//!   customer's splice broken to make room is an outage on the record, FD46.
//! - The gestures the trade forbids are refused with the reason (a fibre of a whole tube,
//!   a passage row, a coil in the basket, anything once the box is closed).

use std::path::PathBuf;

use fibrelab::exercise::boxwork::Glow;
use fibrelab::exercise::script::ActionList;
use fibrelab::exercise::{Action, Exercise, JobAction};
use fibrelab::grading::grade;
use fibrelab::scenario::Scenario;
use fibrelab::scenario::closure::gracethd;
use fibrelab::scenario::load::load_file;

/// `t_position` of PBO-42, FTTH-JOBS §3.4 (its header and 60 rows).
const T_POSITION_PBO42: &str =
    "ps_code;ps_numero;ps_1;ps_2;ps_cs_code;ps_ti_code;ps_type;ps_fonct;ps_etat;ps_preaff
PS-PBO42-01-01;1;FO-0012A-013;FO-0101-001;CS-PBO42-01;;SFU;EP;OK;SUF-0001
PS-PBO42-01-02;2;FO-0012A-014;FO-0102-001;CS-PBO42-01;;SFU;EP;OK;SUF-0002
PS-PBO42-01-03;3;FO-0012A-015;FO-0103-001;CS-PBO42-01;;SFU;EP;OK;SUF-0003
PS-PBO42-01-04;4;FO-0012A-016;FO-0104-001;CS-PBO42-01;;SFU;EP;OK;SUF-0004
PS-PBO42-01-05;5;FO-0012A-017;;CS-PBO42-01;;;AT;OK;SUF-0005
PS-PBO42-01-06;6;FO-0012A-018;;CS-PBO42-01;;;AT;OK;SUF-0006
PS-PBO42-01-07;7;FO-0012A-019;;CS-PBO42-01;;;AT;OK;SUF-0007
PS-PBO42-01-08;8;FO-0012A-020;;CS-PBO42-01;;;AT;OK;SUF-0008
PS-PBO42-01-09;9;FO-0012A-021;;CS-PBO42-01;;;AT;OK;
PS-PBO42-01-10;10;FO-0012A-022;;CS-PBO42-01;;;AT;OK;
PS-PBO42-01-11;11;FO-0012A-023;;CS-PBO42-01;;;AT;OK;
PS-PBO42-01-12;12;FO-0012A-024;;CS-PBO42-01;;;AT;OK;
PS-PBO42-00-B013;;FO-0012B-013;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B014;;FO-0012B-014;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B015;;FO-0012B-015;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B016;;FO-0012B-016;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B017;;FO-0012B-017;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B018;;FO-0012B-018;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B019;;FO-0012B-019;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B020;;FO-0012B-020;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B021;;FO-0012B-021;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B022;;FO-0012B-022;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B023;;FO-0012B-023;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-B024;;FO-0012B-024;;CS-PBO42-00;;;AT;OK;
PS-PBO42-00-P001;;FO-0012A-001;FO-0012B-001;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P002;;FO-0012A-002;FO-0012B-002;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P003;;FO-0012A-003;FO-0012B-003;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P004;;FO-0012A-004;FO-0012B-004;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P005;;FO-0012A-005;FO-0012B-005;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P006;;FO-0012A-006;FO-0012B-006;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P007;;FO-0012A-007;FO-0012B-007;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P008;;FO-0012A-008;FO-0012B-008;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P009;;FO-0012A-009;FO-0012B-009;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P010;;FO-0012A-010;FO-0012B-010;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P011;;FO-0012A-011;FO-0012B-011;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P012;;FO-0012A-012;FO-0012B-012;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P025;;FO-0012A-025;FO-0012B-025;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P026;;FO-0012A-026;FO-0012B-026;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P027;;FO-0012A-027;FO-0012B-027;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P028;;FO-0012A-028;FO-0012B-028;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P029;;FO-0012A-029;FO-0012B-029;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P030;;FO-0012A-030;FO-0012B-030;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P031;;FO-0012A-031;FO-0012B-031;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P032;;FO-0012A-032;FO-0012B-032;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P033;;FO-0012A-033;FO-0012B-033;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P034;;FO-0012A-034;FO-0012B-034;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P035;;FO-0012A-035;FO-0012B-035;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P036;;FO-0012A-036;FO-0012B-036;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P037;;FO-0012A-037;FO-0012B-037;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P038;;FO-0012A-038;FO-0012B-038;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P039;;FO-0012A-039;FO-0012B-039;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P040;;FO-0012A-040;FO-0012B-040;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P041;;FO-0012A-041;FO-0012B-041;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P042;;FO-0012A-042;FO-0012B-042;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P043;;FO-0012A-043;FO-0012B-043;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P044;;FO-0012A-044;FO-0012B-044;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P045;;FO-0012A-045;FO-0012B-045;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P046;;FO-0012A-046;FO-0012B-046;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P047;;FO-0012A-047;FO-0012B-047;CS-PBO42-00;;;PA;OK;
PS-PBO42-00-P048;;FO-0012A-048;FO-0012B-048;CS-PBO42-00;;;PA;OK;
";

fn scenario(name: &str) -> Scenario {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("scenarios/job/{name}.ron"));
    match load_file(&p) {
        Ok(l) => l.scenario,
        Err(d) => panic!("{}", d[0].render(fibrelab::i18n::Lang::En)),
    }
}

fn script(name: &str) -> Vec<(u64, Action)> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(format!("tests/scripts/{name}.ron"));
    let bytes = std::fs::read(&p).unwrap();
    let list = ActionList::parse(&bytes, name).unwrap_or_else(|e| panic!("{e:?}"));
    list.timed()
}

fn play(s: &Scenario, steps: &[(u64, Action)]) -> Exercise {
    let mut ex = Exercise::generate(s, 1);
    for (t, a) in steps {
        if let Err(r) = ex.apply(*t, a.clone()) {
            panic!(
                "refused at {t} ms: {}",
                r.reason.render(fibrelab::i18n::Lang::En)
            );
        }
    }
    ex
}

fn act(ex: &mut Exercise, a: JobAction) -> Result<(), String> {
    let at = ex.elapsed_ms() + 1000;
    ex.apply(at, Action::Job(a))
        .map(|_| ())
        .map_err(|r| r.reason.render(fibrelab::i18n::Lang::En))
}

/// Tube `tube` cut with a straight stroke (the form's button).
fn cut(tube: u32) -> JobAction {
    JobAction::CutTube {
        tube,
        stroke: vec![],
    }
}

fn glow(ex: &Exercise, fibre: &str) -> Glow {
    let w = ex
        .state
        .job()
        .and_then(|j| j.box_work())
        .expect("a box worked");
    w.glow(&w.plan.fibre(fibre).expect("a fibre of the plan"))
}

#[test]
fn the_clean_script_leaves_pbo42_exactly_as_its_plan_de_boite() {
    for name in ["job-pbo-box-practice", "job-pbo-box-assessment"] {
        let s = scenario(name.strip_prefix("job-").unwrap_or(name));
        let ex = play(&s, &script(&format!("{name}.clean")));
        let job = ex.state.job().expect("a job");
        let plan = fibrelab::cli::dossier::plan_as_left(job).expect("a plan as left");
        let csv = gracethd::t_position(&plan);
        assert_eq!(csv.lines().count(), 61, "{name}: a header and 60 rows");
        assert_eq!(csv, T_POSITION_PBO42, "{name}");
        let r = grade(&ex);
        assert!(
            r.passed && (r.score - 100.0).abs() < 1e-9,
            "{name}: {}",
            r.score
        );
    }
}

#[test]
fn the_red_light_finds_a_crossed_pair_and_a_cut_express_tube() {
    let s = scenario("pbo-box-practice");
    let clean = play(&s, &script("job-pbo-box-practice.clean"));
    let outlet = |suf: &str| Glow::Outlet {
        suf: Some(suf.into()),
        drop: format!("CB-010{}", &suf[suf.len() - 1..]),
    };
    for (k, suf) in ["SUF-0001", "SUF-0002", "SUF-0003", "SUF-0004"]
        .iter()
        .enumerate()
    {
        assert_eq!(
            glow(&clean, &format!("FO-0012A-{:03}", 13 + k)),
            outlet(suf)
        );
    }
    // A waiting fibre stops at its position; an express one goes through.
    assert_eq!(
        glow(&clean, "FO-0012A-017"),
        Glow::AtPosition {
            position: "PS-PBO42-01-05".into()
        }
    );
    assert_eq!(glow(&clean, "FO-0012A-001"), Glow::Through);
    // The crossed drops of the mistakes script: SUF-0001's fibre lights SUF-0002's outlet.
    let crossed = play(&s, &script("job-pbo-box-practice.mistakes"));
    assert_eq!(glow(&crossed, "FO-0012A-013"), outlet("SUF-0002"));
    assert_eq!(glow(&crossed, "FO-0012A-014"), outlet("SUF-0001"));
    // Tube 3 cut instead of passed: its fibres' light stops at their loose ends, the
    // customers downstream on them are dark.
    let mut ex = Exercise::generate(&s, 1);
    act(&mut ex, JobAction::OpenWindow { length_mm: 1200.0 }).unwrap();
    act(&mut ex, cut(3)).unwrap();
    assert_eq!(glow(&ex, "FO-0012A-025"), Glow::Loose);
    assert_eq!(glow(&ex, "FO-0012A-037"), Glow::Through, "tube 4 is whole");
}

#[test]
fn the_gestures_the_trade_forbids_are_refused_with_their_reason() {
    let s = scenario("pbo-box-practice");
    let mut ex = Exercise::generate(&s, 1);
    let place = |fibre: &str, position: &str| JobAction::PlaceFibre {
        fibre: fibre.into(),
        position: position.into(),
    };
    let e = act(&mut ex, cut(2)).unwrap_err();
    assert!(e.contains("window"), "{e}");
    act(&mut ex, JobAction::OpenWindow { length_mm: 1200.0 }).unwrap();
    let e = act(&mut ex, place("FO-0012A-013", "PS-PBO42-01-01")).unwrap_err();
    assert!(e.contains("tube 2") && e.contains("whole"), "{e}");
    act(&mut ex, cut(2)).unwrap();
    let e = act(&mut ex, cut(2)).unwrap_err();
    assert!(e.contains("already"), "{e}");
    let e = act(&mut ex, place("FO-0012A-013", "PS-PBO42-00-P001")).unwrap_err();
    assert!(e.contains("passage"), "{e}");
    act(&mut ex, place("FO-0012A-013", "PS-PBO42-01-01")).unwrap();
    // A second fibre on the same side takes the first out, loose.
    act(&mut ex, place("FO-0012A-014", "PS-PBO42-01-01")).unwrap();
    assert_eq!(glow(&ex, "FO-0012A-013"), Glow::Loose);
    let e = act(
        &mut ex,
        JobAction::CoilFibre {
            position: "PS-PBO42-00-B013".into(),
            diameter_mm: 50.0,
        },
    )
    .unwrap_err();
    assert!(e.contains("basket"), "{e}");
    act(
        &mut ex,
        JobAction::CloseBox {
            label: "PBO-42".into(),
        },
    )
    .unwrap();
    let e = act(&mut ex, place("FO-0101-001", "PS-PBO42-01-01")).unwrap_err();
    assert!(e.contains("closed"), "{e}");
}

/// The recette from the PM finds a coil too tight at 1550 nm, not at 1310 (FTTH-JOBS §5.2,
/// worked by hand there: G.657.A2 spliced with 0.05 dB and coiled once at a 7.5 mm radius
/// reads about 0.05 + 0.5 = 0.55 dB at 1550 nm, over the 0.2 dB limit, and 0.05 + 0.1 =
/// 0.15 dB at 1310 nm, under it). Read on the instrument's own analysis of each trace,
/// within 0.05 dB; the same fibre coiled at 50 mm reads its splice alone at both.
#[test]
fn a_coil_too_tight_in_the_box_reads_at_1550_nm_and_not_at_1310() {
    use fibrelab::physics::analysis::EventKind;
    let s = scenario("pbo-box-recette-practice");
    let steps = script("job-pbo-box-practice.clean");
    let read = |coil_mm: f64| -> (f64, f64) {
        let mut ex = Exercise::generate(&s, 1);
        for (_, a) in steps.iter().filter(|(_, a)| !matches!(a, Action::Finish)) {
            let mut a = a.clone();
            if let Action::Job(JobAction::CoilFibre {
                position,
                diameter_mm,
            }) = &mut a
                && position == "PS-PBO42-01-01"
            {
                *diameter_mm = coil_mm;
            }
            let at = ex.elapsed_ms() + 1000;
            ex.apply(at, a).expect("the box's steps are accepted");
        }
        act(&mut ex, JobAction::NextStage).expect("the recette starts");
        // The recette's two acquisitions, written as in an action list.
        let text = "ActionList(format: 1, steps: [\
            (act: Acquire(wavelength_nm: 1310.0, pulse_ns: 30.0, range_m: 5000.0, averaging_s: 60.0, ior: 1.4682, backscatter_db: None, direction: AtoB, launch_cable: true, receive_cable: false)),\
            (act: Acquire(wavelength_nm: 1550.0, pulse_ns: 30.0, range_m: 5000.0, averaging_s: 60.0, ior: 1.4682, backscatter_db: None, direction: AtoB, launch_cable: true, receive_cable: false)),\
        ])";
        let list = ActionList::parse(text.as_bytes(), "recette").expect("two acquisitions");
        for step in list.steps {
            let at = ex.elapsed_ms() + 1000;
            ex.apply(at, step.act).expect("acquired");
        }
        let job = ex.state.job().expect("a job");
        let test = job.test_stage().expect("the recette");
        assert_eq!(test.fibres.len(), 4, "the four spliced drops are tested");
        let f = &test.fibres[test.current];
        assert_eq!(
            (f.pair[0].tube, f.pair[0].fibre),
            (Some(2), 1),
            "fibre 13 first"
        );
        let splice = |i: usize| {
            f.otdr.acquisitions[i]
                .analysis
                .events
                .iter()
                .find(|e| {
                    e.kind == EventKind::NonReflective && (e.distance_m - 1865.0).abs() < 30.0
                })
                .and_then(|e| e.loss_db)
                .unwrap_or(0.0)
        };
        (splice(0), splice(1))
    };
    let (at_1310, at_1550) = read(15.0);
    assert!(
        (at_1550 - 0.55).abs() <= 0.05,
        "1550 nm: {at_1550:.3} dB, 0.55 by hand"
    );
    assert!(
        (at_1310 - 0.15).abs() <= 0.05,
        "1310 nm: {at_1310:.3} dB, 0.15 by hand"
    );
    assert!(at_1550 > 0.2 && at_1310 <= 0.2, "fails only at 1550 nm");
    let (ok_1310, ok_1550) = read(50.0);
    assert!(
        ok_1550 <= 0.1 && ok_1310 <= 0.1,
        "a 50 mm coil: {ok_1310:.3} / {ok_1550:.3} dB"
    );
}

/// The levels at 1490 nm of the lines in service beyond the box, by line, after tube 2
/// is cut with `stroke`.
fn levels_after(s: &Scenario, stroke: Vec<i32>) -> (Exercise, Vec<(String, Option<f64>)>) {
    let mut ex = Exercise::generate(s, 1);
    act(&mut ex, JobAction::OpenWindow { length_mm: 1200.0 }).unwrap();
    act(&mut ex, JobAction::CutTube { tube: 2, stroke }).unwrap();
    let job = ex.state.job().expect("a job");
    let w = job.box_work().expect("a box worked");
    let levels = w
        .live_levels(job.setup.splice.left_fibre)
        .into_iter()
        .map(|(l, v)| (l.line.clone(), v))
        .collect();
    (ex, levels)
}

/// FTTH-JOBS §4: "a shaver slip on an adjacent live tube gives (a) a kink → macrobend
/// loss, far larger at 1550/1625 than 1310, or (b) a break". Worked by hand for a stroke
/// along tube 2 that strays 61 hundredths of a tube's width towards tube 3: 11 past the
/// tube's edge (50), inside tube 3's wall (16 [U]), so a dent, its fibres kinked through a
/// quarter turn at 7.5 - 4 x 11/16 = 4.75 mm [U]. G.657.A2's limits (REFERENCE E.1): 0.1
/// dB a turn at 10 mm, 0.5 at 7.5, so x5 for every 2.5 mm tighter: at 4.75 mm,
/// 0.1 x 5^(5.25/2.5) = 2.937 dB a turn, 0.734 dB the quarter turn at 1550 nm; at
/// 1490 nm a bend loses 2^(-60/75) of that (REFERENCE A.8's doubling every 75 nm):
/// 0.422 dB. FI-4A7E-0342 on fibre 26 (tube 3) falls from -18.9 to -19.32 dBm; the lines
/// of tubes 1 and 4 keep their levels. A stroke 80 hundredths the other way goes 30 past
/// the edge, through tube 1's wall: its three lines are down.
#[test]
fn a_slip_of_the_shaver_drops_the_neighbours_level() {
    let s = scenario("pbo-box-practice");
    let before: Vec<(String, Option<f64>)> = vec![
        ("FI-4A7D-1102".into(), Some(-19.6)),
        ("FI-4A7D-1187".into(), Some(-20.4)),
        ("FI-4A7E-0213".into(), Some(-21.1)),
        ("FI-4A7E-0342".into(), Some(-18.9)),
        ("FI-4A7E-0398".into(), Some(-20.0)),
        ("FI-4A81-0051".into(), Some(-22.3)),
    ];
    // A straight stroke, and one that wanders within the tube (45 < 50): nothing moves.
    for stroke in [vec![], vec![0, 20, 45, 30, -45, -10, 0]] {
        let (_, levels) = levels_after(&s, stroke);
        assert_eq!(levels, before);
    }
    let slip = vec![
        0, 2, 5, 8, 10, 14, 20, 35, 48, 56, 61, 58, 44, 30, 18, 10, 6, 3, 1, 0,
    ];
    let (ex, levels) = levels_after(&s, slip);
    let kink_1550 = 0.1 * fibrelab::math::pow(5.0, 5.25 / 2.5) * 0.25;
    assert!((kink_1550 - 0.734).abs() < 0.001, "{kink_1550}");
    let kink_1490 = kink_1550 * fibrelab::math::pow(2.0, -60.0 / 75.0);
    for ((line, now), (_, was)) in levels.iter().zip(&before) {
        let (now, was) = (now.expect("no line down"), was.unwrap_or(0.0));
        if line == "FI-4A7E-0342" || line == "FI-4A7E-0398" {
            assert!(
                (was - now - kink_1490).abs() < 1e-6 && (was - now - 0.422).abs() < 0.001,
                "{line}: {was} to {now}"
            );
        } else {
            assert_eq!(now, was, "{line} is not on tube 3");
        }
    }
    assert_eq!(glow(&ex, "FO-0012A-026"), Glow::Leaks { tube: 3 });
    assert_eq!(glow(&ex, "FO-0012A-001"), Glow::Through);
    let (ex, levels) = levels_after(&s, vec![0, -30, -80, -40, 0]);
    let down: Vec<&str> = levels
        .iter()
        .filter(|(_, v)| v.is_none())
        .map(|(l, _)| l.as_str())
        .collect();
    assert_eq!(down, ["FI-4A7D-1102", "FI-4A7D-1187", "FI-4A7E-0213"]);
    assert_eq!(glow(&ex, "FO-0012A-003"), Glow::Broken { tube: 1 });
    // Tube 4, the last, has air beyond it: a stroke off its far side scores nothing.
    let mut ex = Exercise::generate(&s, 1);
    act(&mut ex, JobAction::OpenWindow { length_mm: 1200.0 }).unwrap();
    act(
        &mut ex,
        JobAction::CutTube {
            tube: 4,
            stroke: vec![0, 90, 0],
        },
    )
    .unwrap();
    let w = ex.state.job().and_then(|j| j.box_work()).expect("a box");
    assert!(w.nicks.is_empty(), "{:?}", w.nicks);
    // The practice's mistakes script slips so: the criterion fails, filed as FD15.
    let ex = play(&s, &script("job-pbo-box-practice.mistakes"));
    let r = grade(&ex);
    let c = r
        .criteria
        .iter()
        .find(|c| c.id == "express")
        .expect("the express criterion");
    assert!(!c.met, "{c:?}");
    let d = c.defect.as_ref().expect("a defect filed");
    assert_eq!((d.location.as_str(), d.fault.as_str()), ("LD03", "FD15"));
}

/// A connection in mode STOC (FTTH-JOBS §1, §3.4: SUF-0005 onto position 5 among live
/// neighbours), at PBO-42 as its builder left it: closed, so nothing is done before it is
/// opened; the clean script keeps the four customers beside it lit all through, and the
/// red light in fibre 17 shows at SUF-0005's outlet. The new drop put on position 4
/// takes SUF-0004's drop out of its splice: their line is down at once (no light at
/// 1490 nm), comes back when the drop goes back, and the outage stays on the record,
/// filed as FD46 (a route taken over by breaking a splice at the PBO).
#[test]
fn a_connection_among_live_neighbours_keeps_them_lit_or_is_filed_fd46() {
    let s = scenario("pbo-stoc-practice");
    let levels = |ex: &Exercise| -> Vec<(String, Option<f64>)> {
        let job = ex.state.job().expect("a job");
        let w = job.box_work().expect("a box");
        w.live_levels(job.setup.splice.left_fibre)
            .into_iter()
            .map(|(l, v)| (l.line.clone(), v))
            .collect()
    };
    let place = |fibre: &str, position: &str| JobAction::PlaceFibre {
        fibre: fibre.into(),
        position: position.into(),
    };
    let mut ex = Exercise::generate(&s, 1);
    let before = levels(&ex);
    assert_eq!(before.len(), 10);
    assert!(before.iter().all(|(_, v)| v.is_some()), "{before:?}");
    let e = act(&mut ex, place("FO-0105-001", "PS-PBO42-01-05")).unwrap_err();
    assert!(e.contains("closed"), "{e}");
    // The clean script: every level as it was (a 50 mm coil costs nothing to speak of).
    let clean = play(&s, &script("job-pbo-stoc-practice.clean"));
    for ((line, now), (_, was)) in levels(&clean).iter().zip(&before) {
        let (now, was) = (now.expect("lit"), was.unwrap_or(0.0));
        assert!((now - was).abs() < 1e-3, "{line}: {was} to {now}");
    }
    let w = clean.state.job().and_then(|j| j.box_work()).expect("a box");
    assert!(w.outages.is_empty(), "{:?}", w.outages);
    assert_eq!(
        glow(&clean, "FO-0012A-017"),
        Glow::Outlet {
            suf: Some("SUF-0005".into()),
            drop: "CB-0105".into()
        }
    );
    assert!(grade(&clean).passed);
    // The new drop on position 4: SUF-0004's line (FI-4A7C-0004, fibre 16) goes dark.
    act(&mut ex, JobAction::OpenBox).unwrap();
    act(&mut ex, place("FO-0105-001", "PS-PBO42-01-04")).unwrap();
    let down: Vec<String> = levels(&ex)
        .into_iter()
        .filter(|(_, v)| v.is_none())
        .map(|(l, _)| l)
        .collect();
    assert_eq!(down, ["FI-4A7C-0004"]);
    act(&mut ex, place("FO-0104-001", "PS-PBO42-01-04")).unwrap();
    assert!(levels(&ex).iter().all(|(_, v)| v.is_some()), "back on");
    let w = ex.state.job().and_then(|j| j.box_work()).expect("a box");
    assert_eq!(
        w.outages,
        ["FI-4A7C-0004"],
        "the outage stays on the record"
    );
    // Put back, the route is as planned: the criterion fails on the supervision's
    // record, and nothing is filed (the auditor finds the route as planned).
    act(&mut ex, place("FO-0105-001", "PS-PBO42-01-05")).unwrap();
    let lines = |r: &fibrelab::grading::GradeReport| {
        r.criteria
            .iter()
            .find(|c| c.id == "lines")
            .cloned()
            .expect("the lines criterion")
    };
    let c = lines(&grade(&ex));
    assert!(!c.met && c.critical && c.defect.is_none(), "{c:?}");
    // Left on SUF-0004's fibre, the new drop has taken their route over: FD46 at the
    // route optique, and the plan's FD36 is not filed a second time for it.
    let r = grade(&play(&s, &script("job-pbo-stoc-practice.mistakes")));
    let c = lines(&r);
    let d = c.defect.as_ref().expect("a defect filed");
    assert_eq!((d.location.as_str(), d.fault.as_str()), ("LD15", "FD46"));
    let plan = r.criteria.iter().find(|c| c.id == "plan").expect("plan");
    assert!(!plan.met && plan.defect.is_none(), "{plan:?}");
    // The red light shone at the PM into a fibre in service unplugs its customer.
    let mut lit = Exercise::generate(&s, 1);
    act(
        &mut lit,
        JobAction::RedLight {
            fibre: "FO-0012A-014".into(),
        },
    )
    .unwrap();
    let w = lit.state.job().and_then(|j| j.box_work()).expect("a box");
    assert_eq!(w.outages, ["FI-4A7C-0002"]);
    // A neighbour's coil tightened to 10 mm: one turn at a 5 mm radius, 0.1 x 5^2 = 2.5
    // dB at 1550 nm on G.657.A2, 2.5 x 2^(-60/75) = 1.44 dB at 1490: SUF-0004's line stays
    // up but loses more than half a decibel, and the criterion gives half.
    let mut tight = Exercise::generate(&s, 1);
    act(&mut tight, JobAction::OpenBox).unwrap();
    act(
        &mut tight,
        JobAction::CoilFibre {
            position: "PS-PBO42-01-04".into(),
            diameter_mm: 10.0,
        },
    )
    .unwrap();
    let now = levels(&tight)[3].1.expect("still lit");
    let fall = 2.5 * fibrelab::math::pow(2.0, -60.0 / 75.0);
    assert!((-20.1 - now - fall).abs() < 0.01, "{now} dBm");
    let c = lines(&grade(&tight));
    assert!((c.points - 15.0).abs() < 1e-9, "half of 30: {c:?}");
}
