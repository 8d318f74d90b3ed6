//! Issue 23, point 3: inspect before you connect, the power meter's display, and the
//! hints' chain, on a link of our own and on the shipped scenarios. Every number is
//! worked out by hand from the matings made.

use fibrelab::exercise::connect::{ConnectState, Face};
use fibrelab::exercise::connect::{MeterAction, MicroscopeAction};
use fibrelab::exercise::{Action, Exercise, ModuleState};
use fibrelab::grading::grade;
use fibrelab::physics::olts::RefMethod;
use fibrelab::scenario::load::load_str;

/// The room link of `tests/connect.rs`: ports A and B at the ends, a mated connection M
/// in the middle (connected from the start: not a mating of the trainee's), 200 m of
/// fibre; three cords L, R, S, S's plug carrying residue over its core.
const ROOM: &str = r#"
    connectors: [
        (id: "A", place: (fr: "A", en: "A"), kind: ScUpc, loss_db: 0.3),
        (id: "M", place: (fr: "M", en: "M"), kind: ScUpc, plug: Some([]), connected: true, loss_db: 0.3),
        (id: "B", place: (fr: "B", en: "B"), kind: ScUpc, loss_db: 0.3),
    ],
    cords: [
        (id: "L", kind: ScUpc, launch_loss_db: 0.2, loss_db: 0.12),
        (id: "R", kind: ScUpc, launch_loss_db: 0.2, loss_db: 0.12),
        (id: "S", kind: ScUpc, launch_loss_db: 0.2, loss_db: 0.12,
         plug: [(kind: Residue, r_um: 0, angle_deg: 0, size_um: 12)]),
    ],
    link: [
        Connector("A"),
        Fibre(length_m: 40, place: (fr: "1", en: "1")),
        Connector("M"),
        Fibre(length_m: 160, place: (fr: "2", en: "2")),
        Connector("B"),
    ],
    tasks: [Measure(method: OneCord, wavelengths_nm: [1310, 1550], max_loss_db: Some(1.5))],
"#;

fn exercise(rubric: &str) -> Exercise {
    let src = format!(
        r#"Scenario(
    format: 1,
    id: "test-connect",
    title: (fr: "Essai", en: "Test"),
    briefing: (fr: "Essai.", en: "Test."),
    difficulty: 1,
    mode: Practice,
    duration_min: 10,
    exercise: Connect({ROOM}),
    rubric: (pass_mark: 50, criteria: [{rubric}]),
)"#
    );
    let loaded = load_str(&src, "test.ron").unwrap_or_else(|e| panic!("{e:?}"));
    Exercise::generate(&loaded.scenario, 7)
}

const FACES: &str = r#"(id: "inspected", check: FacesInspected, points: 10), (id: "clean", check: ConnectedClean, points: 10)"#;

fn bench(ex: &Exercise) -> &ConnectState {
    let ModuleState::Connect(st) = &ex.state else {
        panic!("not a connect bench");
    };
    st
}

struct Play {
    ex: Exercise,
    t: u64,
}

impl Play {
    fn new(rubric: &str) -> Play {
        Play {
            ex: exercise(rubric),
            t: 0,
        }
    }
    fn act(&mut self, a: impl Into<Action>) -> &mut Play {
        self.t += 1000;
        self.ex
            .apply(self.t, a.into())
            .unwrap_or_else(|r| panic!("refused: {:?}", r.reason));
        self
    }
    fn inspect(&mut self, id: &str, face: Face) -> &mut Play {
        self.act(MicroscopeAction::InspectFace {
            connector: id.into(),
            face,
        })
    }
    /// Every face a one-cord measurement mates: L's and R's plugs, A's and B's ports.
    fn inspect_ends(&mut self) -> &mut Play {
        self.inspect("L", Face::Plug)
            .inspect("R", Face::Plug)
            .inspect("A", Face::Port)
            .inspect("B", Face::Port)
    }
    fn reference(&mut self, method: RefMethod) -> &mut Play {
        self.act(MeterAction::SetReference { method })
    }
    fn measure(&mut self) -> &mut Play {
        self.act(MeterAction::MeasureLoss)
    }
    fn wavelength(&mut self, nm: f64) -> &mut Play {
        self.act(MeterAction::SetSource { wavelength_nm: nm })
            .act(MeterAction::SetMeter { wavelength_nm: nm })
    }
    fn hint(&mut self) -> String {
        self.t += 1000;
        let out = self
            .ex
            .apply(self.t, Action::AskHint)
            .unwrap_or_else(|r| panic!("refused: {:?}", r.reason));
        out.msgs[0].key.clone()
    }
    /// The points of each criterion, after finishing.
    fn points(&mut self) -> Vec<(String, f64)> {
        self.t += 1000;
        self.ex.apply(self.t, Action::Finish).unwrap();
        grade(&self.ex)
            .criteria
            .iter()
            .map(|c| (c.id.clone(), c.points))
            .collect()
    }
}

fn of(points: &[(String, f64)], id: &str) -> f64 {
    points.iter().find(|p| p.0 == id).unwrap().1
}

#[test]
fn mating_a_face_not_inspected_since_it_last_changed_loses_its_share() {
    // Nothing inspected: a measurement at each wavelength mates A with L and B with R
    // twice: four matings, none inspected (0 of 10), all clean (10 of 10).
    let mut p = Play::new(FACES);
    p.reference(RefMethod::OneCord)
        .measure()
        .wavelength(1550.0)
        .reference(RefMethod::OneCord)
        .measure();
    let pts = p.points();
    assert_eq!(of(&pts, "inspected"), 0.0);
    assert_eq!(of(&pts, "clean"), 10.0);

    // Inspected before the first measurement only: the second mates faces the first
    // changed, so two of the four matings are right: 5 of 10.
    let mut p = Play::new(FACES);
    p.inspect_ends()
        .reference(RefMethod::OneCord)
        .measure()
        .wavelength(1550.0)
        .reference(RefMethod::OneCord)
        .measure();
    assert_eq!(of(&p.points(), "inspected"), 5.0);

    // Inspected again before the second: every mating right.
    let mut p = Play::new(FACES);
    p.inspect_ends()
        .reference(RefMethod::OneCord)
        .measure()
        .wavelength(1550.0)
        .reference(RefMethod::OneCord)
        .inspect_ends()
        .measure();
    let pts = p.points();
    assert_eq!(of(&pts, "inspected"), 10.0);
    assert_eq!(of(&pts, "clean"), 10.0);
}

#[test]
fn the_cords_mated_in_a_reference_count_too() {
    // A two-cord reference mates the launch cord's plug with the receive cord's. With
    // L and R both looked at (both clean): the one mating is right, 10 and 10.
    let mut p = Play::new(FACES);
    p.inspect("L", Face::Plug)
        .inspect("R", Face::Plug)
        .reference(RefMethod::TwoCord);
    assert_eq!(bench(&p.ex).link.cords[0].matings.len(), 1);
    let pts = p.points();
    assert_eq!(of(&pts, "inspected"), 10.0);
    assert_eq!(of(&pts, "clean"), 10.0);

    // Neither looked at: not inspected (0), though clean (10).
    let mut p = Play::new(FACES);
    p.reference(RefMethod::TwoCord);
    let pts = p.points();
    assert_eq!(of(&pts, "inspected"), 0.0);
    assert_eq!(of(&pts, "clean"), 10.0);

    // S as the receive cord, never looked at, its residue over the core: the one mating
    // went on with S neither inspected nor clean: 0 and 0, and the feedback names S.
    let mut p = Play::new(FACES);
    p.inspect("L", Face::Plug)
        .act(MeterAction::UseCord {
            role: fibrelab::exercise::connect::CordRole::Receive,
            cord: "S".into(),
        })
        .reference(RefMethod::TwoCord);
    let m = &bench(&p.ex).link.cords[0].matings[0];
    assert_eq!(m.other, "S");
    assert!(m.inspected && !m.other_inspected && m.clean && !m.other_clean);
    p.t += 1000;
    p.ex.apply(p.t, Action::Finish).unwrap();
    let g = grade(&p.ex);
    for id in ["inspected", "clean"] {
        let c = g.criteria.iter().find(|c| c.id == id).unwrap();
        assert_eq!(c.points, 0.0, "{id}");
        let said = c.feedback.render(fibrelab::i18n::Lang::En);
        assert!(said.contains('S'), "{id}: {said}");
    }
}

/// The shipped exercise of the issue: the right reference and readings at both
/// wavelengths, but no face ever looked at, no longer scores 100: the inspection's 10
/// points are lost (90).
#[test]
fn the_reference_methods_exercise_takes_points_for_faces_not_inspected() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = fibrelab::scenario::load::load_file(
        &root.join("scenarios/connect/connect-reference-methods-practice.ron"),
    )
    .unwrap();
    let mut ex = Exercise::generate(&loaded.scenario, 1);
    let steps = [
        MeterAction::SetReference {
            method: RefMethod::OneCord,
        },
        MeterAction::MeasureLoss,
        MeterAction::SetSource {
            wavelength_nm: 1550.0,
        },
        MeterAction::SetMeter {
            wavelength_nm: 1550.0,
        },
        MeterAction::SetReference {
            method: RefMethod::OneCord,
        },
        MeterAction::MeasureLoss,
        MeterAction::LinkVerdict { pass: true },
    ];
    for (k, a) in steps.into_iter().enumerate() {
        ex.apply(1000 * (k as u64 + 1), Action::from(a)).unwrap();
    }
    ex.apply(20_000, Action::Finish).unwrap();
    let g = grade(&ex);
    let inspected = g.criteria.iter().find(|c| c.id == "inspected").unwrap();
    assert!(!inspected.met);
    assert_eq!(inspected.points, 0.0);
    for id in ["reference", "loss", "verdict", "clean"] {
        let c = g.criteria.iter().find(|c| c.id == id).unwrap();
        assert!(c.met, "{id}: {:?}", c.feedback);
    }
    assert_eq!(g.score, 90.0);
}

#[test]
fn the_meter_shows_only_the_reading_of_the_wavelength_it_is_on() {
    // By hand (tests/connect.rs): one cord, 1310 nm: 0.30 + 0.30 + 0.30 + 0.2 km × 0.33
    // = 0.966 dB; 1550 nm: 0.90 + 0.2 × 0.19 = 0.938 dB.
    let mut p = Play::new(FACES);
    assert!(
        bench(&p.ex).meter.reading_shown().is_none(),
        "nothing measured"
    );
    p.reference(RefMethod::OneCord).measure();
    let shown = bench(&p.ex).meter.reading_shown().and_then(|r| r.loss_db);
    assert!((shown.unwrap() - 0.966).abs() < 1e-9, "{shown:?}");
    // Switched to 1550 nm: the 1310 nm reading is not shown as if it were 1550's.
    p.wavelength(1550.0);
    assert!(bench(&p.ex).meter.reading_shown().is_none());
    // The source alone on 1550, the meter still on 1310: not that pair either.
    p.act(MeterAction::SetMeter {
        wavelength_nm: 1310.0,
    });
    assert!(bench(&p.ex).meter.reading_shown().is_none());
    p.act(MeterAction::SetMeter {
        wavelength_nm: 1550.0,
    })
    .reference(RefMethod::OneCord)
    .measure();
    let r = bench(&p.ex).meter.reading_shown().unwrap();
    assert_eq!((r.source_nm, r.meter_nm), (1550.0, 1550.0));
    assert!((r.loss_db.unwrap() - 0.938).abs() < 1e-9, "{:?}", r.loss_db);
    // Back on 1310 nm: 1310's own reading again.
    p.wavelength(1310.0);
    let r = bench(&p.ex).meter.reading_shown().unwrap();
    assert!((r.loss_db.unwrap() - 0.966).abs() < 1e-9);
}

#[test]
fn the_hints_ask_for_the_faces_a_measurement_mates_then_name_what_is_left() {
    let mut p = Play::new(FACES);
    assert_eq!(p.hint(), "hint-reference");
    p.reference(RefMethod::OneCord);
    // Before measuring: L's plug, then A's and B's ports, then R's plug.
    assert_eq!(p.hint(), "hint-inspect");
    p.inspect_ends();
    assert_eq!(p.hint(), "hint-measure");
    p.measure().wavelength(1550.0).reference(RefMethod::OneCord);
    // The first measurement changed the faces: looked at again.
    assert_eq!(p.hint(), "hint-inspect");
    p.inspect_ends().measure();
    assert_eq!(p.hint(), "hint-verdict");
}

/// The issue's panel: once the four ports are inspected, cleaned, judged and connected,
/// the last hint says all is done (it asked to inspect P1 again, which a plugged
/// connection refuses).
#[test]
fn after_the_panels_four_ports_the_hint_says_all_is_done() {
    use fibrelab::exercise::script::ActionList;
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let loaded = fibrelab::scenario::load::load_file(
        &root.join("scenarios/connect/connect-panel-inspect-practice.ron"),
    )
    .unwrap();
    let script = "connect-panel-inspect-practice.clean.ron";
    let text = std::fs::read(root.join("tests/scripts").join(script)).unwrap();
    let list = ActionList::parse(&text, script).unwrap();
    let mut ex = Exercise::generate(&loaded.scenario, 1);
    let mut last = 0;
    for (t, a) in list.timed() {
        if matches!(a, Action::Finish) {
            break;
        }
        ex.apply(t, a).unwrap();
        last = t;
    }
    let hint = ex.apply(last + 1, Action::AskHint).unwrap();
    assert_eq!(hint.msgs[0].key, "hint-connect-finish");

    // P1 connected with its plug never looked at: the hint says to unplug it first.
    let mut ex = Exercise::generate(&loaded.scenario, 1);
    ex.apply(
        10,
        Action::from(MicroscopeAction::ConnectPlug {
            connector: "P1".into(),
        }),
    )
    .unwrap();
    let hint = ex.apply(20, Action::AskHint).unwrap();
    assert_eq!(hint.msgs[0].key, "hint-unplug");
}
