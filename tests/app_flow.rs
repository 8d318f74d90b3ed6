//! Headless Bevy test of the screen flow and the action plumbing: home → selection →
//! briefing → exercise → debrief, driven with commands as the screens send them, then the
//! stored attempt is checked; and an attempt left unfinished is resumed by a new app.
//!
//! The app is the whole of `fibrelab::app::plugin` (flow, theme, screens, every module's
//! view and drawing) on a window that no renderer shows: each frame runs the app's own
//! systems in the app's own order, the views take in each new state and the benches are
//! drawn again as meshes and text into the world. What does not run is egui's pass (the
//! panels): `bevy_egui`'s plugin needs the renderer's shader assets, so the panels are
//! checked by the screenshot tests (`tests/screenshots.rs`) instead.
#![cfg(feature = "gui")]

mod common;
use common::{ONE_PER_MODULE, root, sandbox};
use std::path::Path;

use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use fibrelab::app::flow::{self, Catalogue, Current, Records, Screen, Settings, UiCommand};
use fibrelab::exercise::script::ActionList;
use fibrelab::i18n::Lang;
use fibrelab::records::{Db, Status};

fn new_app(db: &Path) -> App {
    // The app's store is sealed with this test program's key, never the user's.
    fibrelab::records::seal::use_key_path(sandbox::key());
    let mut app = App::new();
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        AssetPlugin::default(),
        bevy::window::WindowPlugin::default(),
        bevy::input::InputPlugin,
    ))
    // The asset kinds the renderer's plugins would add, which the drawings fill.
    .init_asset::<Font>()
    .init_asset::<Mesh>()
    .init_asset::<ColorMaterial>()
    .init_asset::<Image>()
    // What egui's plugin would say of the pointer: no panel wants it.
    .init_resource::<bevy_egui::input::EguiWantsInput>()
    .insert_resource(Settings {
        lang: Lang::Fr,
        trainee: String::new(),
        identity: None,
        trainer: None,
    })
    .insert_resource(Catalogue::from_dir(&root().join("scenarios")))
    .insert_resource(Records::open(db))
    .add_plugins(fibrelab::app::plugin);
    app.update();
    app
}

/// Sends a command as a screen would, then runs two frames: one where the command is
/// applied, one where the state transition it asked for takes effect.
fn send(app: &mut App, cmd: UiCommand) {
    app.world_mut().write_message(cmd);
    app.update();
    app.update();
}

fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

fn script_steps(name: &str) -> Vec<(u64, fibrelab::exercise::Action)> {
    let p = root().join("tests/scripts").join(name);
    ActionList::parse(&std::fs::read(&p).unwrap(), name)
        .unwrap()
        .timed()
}

#[test]
fn home_to_debrief_records_the_attempt() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    let mut app = new_app(&db_path);
    assert_eq!(screen(&app), Screen::Home);

    send(&mut app, UiCommand::SetTrainee("Léa Durand".into()));
    send(&mut app, UiCommand::Go(Screen::Select));
    assert_eq!(screen(&app), Screen::Select);
    send(
        &mut app,
        UiCommand::Choose("prep-loose-tube-fr-practice".into()),
    );
    assert_eq!(screen(&app), Screen::Briefing);
    send(&mut app, UiCommand::Start { seed: Some(1) });
    assert_eq!(screen(&app), Screen::Exercise);

    let steps = script_steps("loose-tube-fr-practice.clean.ron");
    let n = steps.len();
    for (i, (at, action)) in steps.into_iter().enumerate() {
        send(
            &mut app,
            UiCommand::Act {
                action,
                at_ms: Some(at),
            },
        );
        if i + 1 < n {
            assert_eq!(
                screen(&app),
                Screen::Exercise,
                "still working after gesture {i}"
            );
        }
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let (attempt, score) = {
        let current = app.world().resource::<Current>();
        let live = current.live.as_ref().expect("an attempt");
        let report = live.report.as_ref().expect("graded at the end");
        assert!(report.passed);
        assert!(live.record_error.is_none());
        (live.session.attempt, report.score)
    };

    // What the database holds is what was played.
    drop(app);
    let db = Db::open(&db_path).unwrap();
    let stored = db.attempts().unwrap();
    assert_eq!(stored.len(), 1);
    let a = &stored[0];
    assert_eq!(a.id, attempt);
    assert_eq!(a.trainee, "Léa Durand");
    assert_eq!(a.status, Status::Finished);
    assert_eq!(a.actions as usize, n);
    assert_eq!(a.score, Some(score));
    assert!(db.verify().unwrap()[0].problem.is_none());
}

/// Every module's bench through the whole app: its clean script played gesture by
/// gesture, the view synced and the bench drawn after each one, graded and stored at the
/// end. The drawing is really made: the bench's items are in the world while it is
/// worked (every bench but the OTDR's, whose trace is one of egui's plots).
#[test]
fn one_exercise_of_each_module_is_played_through_the_whole_app() {
    for (scenario, script) in ONE_PER_MODULE {
        let tmp = tempfile::tempdir().unwrap();
        let mut app = new_app(&tmp.path().join("app.db"));
        send(&mut app, UiCommand::SetTrainee("Léa".into()));
        send(&mut app, UiCommand::Choose((*scenario).into()));
        let list = common::script(script);
        let expect = list.expect.clone().expect("the script's seed and verdict");
        send(
            &mut app,
            UiCommand::Start {
                seed: Some(expect.seed),
            },
        );
        assert_eq!(screen(&app), Screen::Exercise, "{scenario}");
        let steps = list.timed();
        let n = steps.len();
        let mut drawn = 0;
        for (i, (at, action)) in steps.into_iter().enumerate() {
            send(
                &mut app,
                UiCommand::Act {
                    action,
                    at_ms: Some(at),
                },
            );
            if i + 1 < n {
                assert_eq!(screen(&app), Screen::Exercise, "{scenario}: gesture {i}");
                let items = app
                    .world_mut()
                    .query::<&fibrelab::app::painter::BenchItem>()
                    .iter(app.world())
                    .count();
                drawn = drawn.max(items);
            }
        }
        assert_eq!(screen(&app), Screen::Debrief, "{scenario}");
        let current = app.world().resource::<Current>();
        let live = current.live.as_ref().expect("an attempt");
        assert!(live.record_error.is_none(), "{scenario}");
        let report = live.report.as_ref().expect("graded at the end");
        assert_eq!(report.passed, expect.passed, "{scenario}: {report:?}");
        // The OTDR's trace is an egui plot: it has no bench drawing.
        if !scenario.starts_with("otdr-") {
            assert!(drawn > 0, "{scenario}: the bench was never drawn");
        }
    }
}

#[test]
fn retry_with_the_same_seed_starts_a_new_attempt_of_the_same_draw() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = new_app(&tmp.path().join("app.db"));
    send(&mut app, UiCommand::SetTrainee("Sam".into()));
    send(
        &mut app,
        UiCommand::Choose("prep-loose-tube-tia-assessment".into()),
    );
    send(&mut app, UiCommand::Start { seed: Some(42) });
    send(
        &mut app,
        UiCommand::Act {
            action: fibrelab::exercise::Action::Finish,
            at_ms: Some(1000),
        },
    );
    assert_eq!(screen(&app), Screen::Debrief);
    let first = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .unwrap()
        .session
        .attempt;
    send(&mut app, UiCommand::Retry { same_seed: true });
    assert_eq!(screen(&app), Screen::Exercise);
    let live = &app.world().resource::<Current>().live;
    let live = live.as_ref().unwrap();
    assert_eq!(live.session.exercise.seed, 42);
    assert_ne!(live.session.attempt, first);
    assert!(live.session.exercise.log.is_empty());
}

#[test]
fn an_unfinished_attempt_is_resumed_by_a_new_app() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    let steps = script_steps("flat-drop-assessment.clean.ron");
    {
        let mut app = new_app(&db_path);
        send(&mut app, UiCommand::SetTrainee("Inès".into()));
        send(
            &mut app,
            UiCommand::Choose("prep-flat-drop-assessment".into()),
        );
        send(&mut app, UiCommand::Start { seed: Some(5) });
        for (at, action) in steps.iter().take(4).cloned() {
            send(
                &mut app,
                UiCommand::Act {
                    action,
                    at_ms: Some(at),
                },
            );
        }
        // The app goes away without finishing (closed, crashed, power cut).
    }
    let mut app = new_app(&db_path);
    let open = app.world().resource::<Records>().open_attempts("Inès");
    assert_eq!(open.len(), 1, "offered for resume on the home screen");
    assert_eq!(open[0].actions, 4);
    send(&mut app, UiCommand::Resume(open[0].id));
    assert_eq!(screen(&app), Screen::Exercise);
    for (at, action) in steps.iter().skip(4).cloned() {
        send(
            &mut app,
            UiCommand::Act {
                action,
                at_ms: Some(at),
            },
        );
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let report = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .unwrap()
        .report
        .clone()
        .unwrap();
    assert!(report.passed, "{report:?}");
    assert_eq!(report.score, 100.0);
}

/// Starts the first preparation exercise for Léa with the first `k` gestures of its clean
/// script played.
fn started(app: &mut App, scenario: &str, script: &str, k: usize) {
    send(app, UiCommand::SetTrainee("Léa".into()));
    send(app, UiCommand::Choose(scenario.into()));
    send(app, UiCommand::Start { seed: Some(1) });
    for (at, action) in script_steps(script).into_iter().take(k) {
        send(
            app,
            UiCommand::Act {
                action,
                at_ms: Some(at),
            },
        );
    }
}

fn live_attempt(app: &App) -> Option<(i64, u64, Option<u32>)> {
    let current = app.world().resource::<Current>();
    current
        .live
        .as_ref()
        .map(|l| (l.session.attempt, l.now_ms(), l.number))
}

#[test]
fn quit_keeps_the_attempt_open_and_it_resumes_where_it_was_left() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    let mut app = new_app(&db_path);
    started(
        &mut app,
        "prep-loose-tube-fr-practice",
        "loose-tube-fr-practice.clean.ron",
        3,
    );
    let (id, _, number) = live_attempt(&app).expect("an attempt");
    assert_eq!(number, Some(1), "Léa's first attempt at this exercise");
    send(&mut app, UiCommand::Quit);
    assert_eq!(screen(&app), Screen::Home);
    assert!(live_attempt(&app).is_none());
    let open = app
        .world()
        .resource::<Records>()
        .with(|db| db.open_attempts(Some("léa")).unwrap())
        .unwrap();
    assert_eq!(open.len(), 1);
    assert_eq!((open[0].id, open[0].actions), (id, 3));
    send(&mut app, UiCommand::Resume(id));
    assert_eq!(screen(&app), Screen::Exercise);
    assert_eq!(live_attempt(&app).map(|a| a.0), Some(id));
    // A second attempt at the same exercise is her attempt no. 2 (whatever the record's
    // id), and another trainee's first is no. 1.
    send(&mut app, UiCommand::Quit);
    started(
        &mut app,
        "prep-loose-tube-fr-practice",
        "loose-tube-fr-practice.clean.ron",
        0,
    );
    assert_eq!(live_attempt(&app).and_then(|a| a.2), Some(2));
    send(&mut app, UiCommand::Quit);
    send(&mut app, UiCommand::SetTrainee("Chloé".into()));
    send(&mut app, UiCommand::Start { seed: Some(1) });
    assert_eq!(live_attempt(&app).and_then(|a| a.2), Some(1));
}

#[test]
fn abandon_closes_the_attempt_without_a_grade() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    let mut app = new_app(&db_path);
    started(
        &mut app,
        "prep-loose-tube-fr-practice",
        "loose-tube-fr-practice.clean.ron",
        2,
    );
    send(&mut app, UiCommand::Abandon);
    assert_eq!(screen(&app), Screen::Home);
    drop(app);
    let db = Db::open(&db_path).unwrap();
    let a = &db.attempts().unwrap()[0];
    assert_eq!(a.status, Status::Closed);
    assert_eq!(a.score, None);
}

#[test]
fn a_pause_stops_the_clock_in_practice_and_refuses_gestures() {
    let tmp = tempfile::tempdir().unwrap();
    let mut app = new_app(&tmp.path().join("app.db"));
    started(
        &mut app,
        "prep-loose-tube-fr-practice",
        "loose-tube-fr-practice.clean.ron",
        0,
    );
    send(&mut app, UiCommand::Pause);
    let t0 = live_attempt(&app).expect("live").1;
    std::thread::sleep(std::time::Duration::from_millis(60));
    assert_eq!(
        live_attempt(&app).expect("live").1,
        t0,
        "stopped in practice"
    );
    // A gesture during the pause is not taken.
    let (at, first) = script_steps("loose-tube-fr-practice.clean.ron")[0].clone();
    send(
        &mut app,
        UiCommand::Act {
            action: first.clone(),
            at_ms: Some(at),
        },
    );
    let logged = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .map(|l| l.session.exercise.log.len());
    assert_eq!(logged, Some(0));
    send(&mut app, UiCommand::Unpause);
    std::thread::sleep(std::time::Duration::from_millis(30));
    let t1 = live_attempt(&app).expect("live").1;
    assert!(
        t1 >= t0 + 30 && t1 < t0 + 1000,
        "runs again from {t0}: {t1}"
    );

    // In an assessment the clock runs through a pause.
    send(&mut app, UiCommand::Quit);
    started(
        &mut app,
        "prep-loose-tube-tia-assessment",
        "loose-tube-tia-assessment.clean.ron",
        0,
    );
    send(&mut app, UiCommand::Pause);
    let t0 = live_attempt(&app).expect("live").1;
    std::thread::sleep(std::time::Duration::from_millis(60));
    assert!(live_attempt(&app).expect("live").1 >= t0 + 60);
}

/// The history's debrief: a finished attempt opens on the debrief with the grade it was
/// given; the exercise list's record counts it; an open attempt has no debrief.
#[test]
fn a_finished_attempt_opens_again_on_its_debrief_and_counts_on_the_list() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("history.db");
    let mut app = new_app(&db_path);
    send(&mut app, UiCommand::SetTrainee("Léa".into()));
    for (scenario, script) in [
        (
            "otdr-recette-assessment",
            "otdr-recette-assessment.mistakes.ron",
        ),
        (
            "otdr-recette-assessment",
            "otdr-recette-assessment.clean.ron",
        ),
    ] {
        send(&mut app, UiCommand::Choose(scenario.into()));
        send(&mut app, UiCommand::Start { seed: Some(1) });
        for (at, action) in script_steps(script) {
            send(
                &mut app,
                UiCommand::Act {
                    action,
                    at_ms: Some(at),
                },
            );
        }
        assert_eq!(screen(&app), Screen::Debrief);
    }
    send(&mut app, UiCommand::Go(Screen::Select));
    let p = app.world().resource::<flow::Progress>().clone();
    let r = &p.by_exercise["otdr-recette-assessment"];
    assert_eq!(r.attempts, 2);
    assert_eq!(r.last.map(|g| (g.score, g.passed)), Some((100.0, true)));
    // The first attempt, the copied table: 84.7, failed (tests/fixtures/reports).
    let first = p.attempts.last().expect("two attempts").id;
    send(&mut app, UiCommand::Go(Screen::History));
    send(&mut app, UiCommand::Review(first));
    assert_eq!(screen(&app), Screen::Debrief);
    let live = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .expect("the attempt");
    let report = live.report.as_ref().expect("its grade");
    assert!(!report.passed);
    assert!((report.score - 84.7).abs() < 0.05, "{}", report.score);
    assert_eq!(live.number, Some(1));
    assert!(live.session.exercise.is_finished());
    // An open attempt has nothing to review: the history says why, the screen stays.
    send(
        &mut app,
        UiCommand::Choose("otdr-first-trace-practice".into()),
    );
    send(&mut app, UiCommand::Start { seed: Some(1) });
    let open = live_attempt(&app).expect("open").0;
    send(&mut app, UiCommand::Quit);
    send(&mut app, UiCommand::Go(Screen::History));
    send(&mut app, UiCommand::Review(open));
    assert_eq!(screen(&app), Screen::History);
    assert!(app.world().resource::<flow::Notice>().0.is_some());
}

/// "Je suis…" → the trainee's assessments → an attempt under the assessment's rules: it
/// counts for the assignment, it is the app's (not a script's), and with feedback after
/// the window closes the debrief shows no grade.
#[test]
fn a_trainee_takes_an_assessment_in_the_app_under_its_rules() {
    use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    let (lea, assignment, trainer_uuid) = {
        let db = Db::open(&db_path).unwrap();
        let c = db.create_cohort("Promo", None, None, None).unwrap();
        let lea = db
            .add_trainee("Léa Moreau", None, Some(&c), Some("4821"))
            .unwrap();
        db.add_trainee("Yacine Benali", None, Some(&c), None)
            .unwrap();
        let spec = AssessmentSpec {
            id: "ecf-app".into(),
            title: "ECF".into(),
            cohort: None,
            kind: Kind::Ecf,
            scenarios: vec!["prep-loose-tube-fr-practice".into()],
            opens: None,
            closes: None,
            time_limit_min: Some(30),
            attempts: 1,
            seed: SeedPolicy::Fixed,
            base_seed: Some(1),
            feedback: Feedback::AfterClose,
        };
        let a = db.create_assessment(&spec, &c, None, false).unwrap();
        let g = db
            .assignments(&a)
            .unwrap()
            .into_iter()
            .find(|g| g.trainee_uuid == lea.uuid)
            .unwrap();
        let trainer = db.add_trainer("Mme Garcia", "739104").unwrap();
        (lea, g, trainer)
    };
    let mut app = new_app(&db_path);
    app.insert_resource(flow::ScenarioDir(root().join("scenarios")));
    send(&mut app, UiCommand::Go(Screen::Identify));
    // A wrong PIN keeps her out; the right one lets her in.
    send(
        &mut app,
        UiCommand::Identify {
            trainee: lea.id,
            pin: "1111".into(),
        },
    );
    assert_eq!(screen(&app), Screen::Identify);
    send(
        &mut app,
        UiCommand::Identify {
            trainee: lea.id,
            pin: "4821".into(),
        },
    );
    assert_eq!(screen(&app), Screen::Assessments);
    send(&mut app, UiCommand::StartAssignment(assignment.id));
    assert_eq!(screen(&app), Screen::Exercise);
    {
        let live = app.world().resource::<Current>().live.as_ref().unwrap();
        assert!(live.session.deadline_at.is_some(), "the time limit is on");
        assert_eq!(
            live.feedback,
            fibrelab::records::assess::FeedbackView::Hidden
        );
    }
    for (at, action) in script_steps("loose-tube-fr-practice.clean.ron") {
        send(
            &mut app,
            UiCommand::Act {
                action,
                at_ms: Some(at),
            },
        );
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let attempt_id = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .unwrap()
        .session
        .attempt;
    // Her history says the attempt was handed in, not its grade (after the window closes,
    // by the assessment's policy); the exercise list counts free practice only.
    send(&mut app, UiCommand::Go(Screen::History));
    {
        let p = app.world().resource::<flow::Progress>();
        assert!(p.attempts.iter().any(|a| a.id == attempt_id));
        assert_eq!(
            p.views.get(&attempt_id),
            Some(&fibrelab::records::assess::FeedbackView::Hidden)
        );
        assert!(p.by_exercise.is_empty(), "{:?}", p.by_exercise);
    }
    // The trainer, with their PIN, takes a decision beside the grade.
    send(&mut app, UiCommand::TrainerLogin("0000".into()));
    assert_eq!(screen(&app), Screen::History, "a wrong PIN opens nothing");
    send(&mut app, UiCommand::TrainerLogin("739104".into()));
    assert_eq!(screen(&app), Screen::Trainer);
    send(
        &mut app,
        UiCommand::Decide {
            attempt: attempt_id,
            decision: fibrelab::records::school::Decision::Validated,
            comment: "Propre et dans l'ordre.".into(),
        },
    );
    drop(app);
    // With the school's key, as the app opened it: the assessment seed is kept under it.
    let db = Db::open_for_school(&db_path).unwrap();
    let reviews = db.reviews_of(attempt_id).unwrap();
    assert_eq!(reviews.len(), 1);
    assert_eq!(
        reviews[0].decision,
        fibrelab::records::school::Decision::Validated
    );
    assert_eq!(reviews[0].trainer, format!("trainer:{trainer_uuid}"));
    let a = db.assessment("ecf-app").unwrap().unwrap();
    let g = db
        .assignments(&a)
        .unwrap()
        .into_iter()
        .find(|g| g.id == assignment.id)
        .unwrap();
    assert_eq!(g.attempts_used, 1);
    let attempt = db.attempts().unwrap().remove(0);
    let extra = db.extra(attempt.id).unwrap();
    assert_eq!(extra.origin.as_deref(), Some("app"));
    assert_eq!(extra.assignment_id, Some(assignment.id));
    assert_eq!(attempt.trainee, "Léa Moreau");
    assert!(db.verify().unwrap()[0].problem.is_none());
    // Her one attempt is used: a second is refused.
    assert!(db.start_assignment(&g, &root().join("scenarios")).is_err());
}

/// Issue 23: an assessment item opens on its briefing with its one time limit (the
/// assessment's, extra time included); its clock runs by the store from the start, so
/// an item left and resumed ten minutes later has lost those ten minutes; the bench's
/// clock, the deadline, the grade and the relevé all speak of the same limit and time.
#[test]
fn an_assessment_item_left_and_resumed_keeps_one_clock_from_its_deadline() {
    use fibrelab::records::assess::{AssessmentSpec, Feedback, Kind, SeedPolicy};
    use std::sync::Arc;
    use std::sync::atomic::{AtomicI64, Ordering};
    const MIN: i64 = 60_000;
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    let t0: i64 = 1_780_000_000_000;
    let clock = Arc::new(AtomicI64::new(t0));
    let (lea, assignment) = {
        let mut db = Db::open(&db_path).unwrap();
        let c = Arc::clone(&clock);
        db.set_clock(Arc::new(move || c.load(Ordering::SeqCst)));
        let c = db.create_cohort("Promo", None, None, None).unwrap();
        let lea = db.add_trainee("Léa Moreau", None, Some(&c), None).unwrap();
        let spec = AssessmentSpec {
            id: "ecf-clock".into(),
            title: "ECF préparation".into(),
            cohort: None,
            kind: Kind::Ecf,
            // The scenario says 25 min; the assessment gives 45, and Léa 5 more.
            scenarios: vec!["prep-loose-tube-tia-assessment".into()],
            opens: None,
            closes: None,
            time_limit_min: Some(45),
            attempts: 1,
            seed: SeedPolicy::Fixed,
            base_seed: Some(3),
            feedback: Feedback::Immediate,
        };
        let a = db.create_assessment(&spec, &c, None, false).unwrap();
        db.extend(&a, &lea, 5).unwrap();
        let g = db
            .assignments(&a)
            .unwrap()
            .into_iter()
            .find(|g| g.trainee_uuid == lea.uuid)
            .unwrap();
        (lea, g)
    };
    let mut app = new_app(&db_path);
    app.insert_resource(flow::ScenarioDir(root().join("scenarios")));
    {
        let records = app.world().resource::<Records>();
        let c = Arc::clone(&clock);
        records
            .db
            .as_ref()
            .unwrap()
            .lock()
            .unwrap()
            .set_clock(Arc::new(move || c.load(Ordering::SeqCst)));
    }
    send(
        &mut app,
        UiCommand::Identify {
            trainee: lea.id,
            pin: String::new(),
        },
    );
    assert_eq!(screen(&app), Screen::Assessments);
    // The item opens on its briefing, with the one limit: 45 + 5 min.
    send(&mut app, UiCommand::BriefAssignment(assignment.id));
    assert_eq!(screen(&app), Screen::Briefing);
    {
        let chosen = app.world().resource::<flow::Chosen>();
        let b = chosen.assignment.as_ref().expect("briefed");
        assert_eq!(b.limit_ms, Some(50 * MIN as u64));
        assert_eq!(b.extra_ms, 5 * MIN as u64);
        assert!(
            b.loaded.scenario.briefing.get(Lang::Fr).contains("TIA")
                || !b.loaded.scenario.briefing.get(Lang::Fr).is_empty()
        );
    }
    // Reading the briefing takes time that is not the attempt's.
    clock.fetch_add(3 * MIN, Ordering::SeqCst);
    send(&mut app, UiCommand::StartAssignment(assignment.id));
    assert_eq!(screen(&app), Screen::Exercise);
    let steps = script_steps("loose-tube-tia-assessment.clean.ron");
    let act = |app: &mut App, action| {
        clock.fetch_add(MIN, Ordering::SeqCst);
        send(
            app,
            UiCommand::Act {
                action,
                at_ms: None,
            },
        );
    };
    for (_, a) in steps.iter().take(8).cloned() {
        act(&mut app, a);
    }
    let attempt = {
        let live = app.world().resource::<Current>().live.as_ref().unwrap();
        assert_eq!(live.now_ms(), 8 * MIN as u64, "8 minutes by the store");
        assert_eq!(live.session.exercise.log[7].at_ms, 8 * MIN as u64);
        live.session.attempt
    };
    // She leaves; the item is resumed from her assessments, ten minutes later.
    send(&mut app, UiCommand::Quit);
    assert_eq!(screen(&app), Screen::Assessments);
    clock.fetch_add(10 * MIN, Ordering::SeqCst);
    send(&mut app, UiCommand::Resume(attempt));
    assert_eq!(screen(&app), Screen::Exercise);
    {
        let live = app.world().resource::<Current>().live.as_ref().unwrap();
        // On screen: 18:00 gone, 32:00 left of 50:00, the deadline where it was set.
        assert_eq!(live.now_ms(), 18 * MIN as u64);
        assert_eq!(live.time_allowed_ms(), Some(50 * MIN as u64));
        assert_eq!(live.time_left_ms(), Some(32 * MIN));
        assert_eq!(
            live.session.deadline_at,
            Some(t0 + 3 * MIN + 50 * MIN),
            "the deadline counts from the start, extra time included"
        );
    }
    let rest: Vec<_> = steps.iter().skip(8).cloned().collect();
    let n = rest.len() as i64;
    for (_, a) in rest {
        act(&mut app, a);
    }
    assert_eq!(screen(&app), Screen::Debrief);
    let used_min = 18 + n;
    let report = app
        .world()
        .resource::<Current>()
        .live
        .as_ref()
        .unwrap()
        .report
        .clone()
        .unwrap();
    // The grade: her time by the store, against the assessment's 50 min (not the
    // scenario's 25, which she went past).
    assert!(used_min > 25 && used_min < 50, "{used_min}");
    assert_eq!(report.elapsed_s, (used_min * 60) as f64);
    let time = report
        .criteria
        .iter()
        .find(|c| c.id == "time")
        .expect("the time criterion");
    assert!(time.met, "{time:?}");
    let said = time.feedback.render(Lang::Fr);
    assert!(said.contains("50"), "{said}");
    assert!(!said.contains("25"), "{said}");
    drop(app);
    // The relevé says the same time and the same limit.
    let db = Db::open_for_school(&db_path).unwrap();
    let html = db.attempt_report(attempt, Lang::Fr).unwrap();
    // Printed in French with no-break spaces between a number and its unit.
    assert!(html.contains("50\u{A0}min accordées"), "{html}");
    assert!(
        html.contains(&format!("{used_min}\u{A0}min 00\u{A0}s")),
        "{html}"
    );
}

/// Issue 23: a trainer reviews a trainee's attempt from their mode and comes back to it
/// without their PIN; leaving the mode closes it (the PIN is asked again), and a trainee
/// reviewing afterwards sees only what the feedback policy gives.
#[test]
fn a_trainer_reviews_attempts_without_leaving_trainer_mode() {
    let tmp = tempfile::tempdir().unwrap();
    let db_path = tmp.path().join("app.db");
    {
        let db = Db::open(&db_path).unwrap();
        db.add_trainer("Mme Garcia", "739104").unwrap();
    }
    let mut app = new_app(&db_path);
    started(
        &mut app,
        "prep-loose-tube-fr-practice",
        "loose-tube-fr-practice.clean.ron",
        usize::MAX,
    );
    assert_eq!(screen(&app), Screen::Debrief);
    let id = live_attempt(&app).unwrap().0;
    send(&mut app, UiCommand::TrainerLogin("739104".into()));
    assert_eq!(screen(&app), Screen::Trainer);
    send(&mut app, UiCommand::Review(id));
    assert_eq!(screen(&app), Screen::Debrief);
    assert!(app.world().resource::<Settings>().trainer.is_some());
    send(&mut app, UiCommand::Go(Screen::Trainer));
    assert_eq!(screen(&app), Screen::Trainer, "back without the PIN");
    send(&mut app, UiCommand::LeaveTrainer);
    assert_eq!(screen(&app), Screen::Home);
    assert!(
        app.world().resource::<Settings>().trainer.is_none(),
        "leaving the mode closes it"
    );
}
