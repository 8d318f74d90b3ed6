//! Every shipped scenario validates and plays to a known result with its scripted action
//! lists; the same seed and actions give byte-identical output; seeds change the draws.

#[path = "common/paths.rs"]
mod paths;
#[path = "common/sandbox.rs"]
mod sandbox;
use paths::root;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::Command;

use fibrelab::exercise::script::ActionList;
use fibrelab::exercise::{Exercise, ModuleState};
use fibrelab::grading::grade;
use fibrelab::physics::cable::CableKind;
use fibrelab::scenario::load::load_path;
use fibrelab::scenario::{ExerciseSpec, LoadedScenario, Mode, SpliceSetup};

fn shipped() -> Vec<LoadedScenario> {
    load_path(&root().join("scenarios"))
        .into_iter()
        .map(|(p, r)| match r {
            Ok(l) => l,
            Err(ds) => panic!(
                "{} does not validate: {}",
                p.display(),
                ds[0].render(fibrelab::i18n::Lang::En)
            ),
        })
        .collect()
}

fn scripts() -> Vec<(PathBuf, ActionList)> {
    let mut v: Vec<(PathBuf, ActionList)> = std::fs::read_dir(root().join("tests/scripts"))
        .expect("tests/scripts")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            let list = ActionList::parse(&bytes, &p.display().to_string())
                .unwrap_or_else(|d| panic!("{}", d.render(fibrelab::i18n::Lang::En)));
            (p, list)
        })
        .collect();
    v.sort_by(|a, b| a.0.cmp(&b.0));
    v
}

#[test]
fn the_curriculum_covers_modes_cables_and_codes() {
    let all = shipped();
    assert!(all.len() >= 4, "at least four cable-preparation scenarios");
    let modes: BTreeSet<_> = all
        .iter()
        .map(|l| format!("{:?}", l.scenario.mode))
        .collect();
    assert_eq!(modes.len(), 2, "practice and assessment");
    let mut cables = BTreeSet::new();
    let mut codes = BTreeSet::new();
    let mut otdr = Vec::new();
    for l in &all {
        match &l.scenario.exercise {
            ExerciseSpec::CablePrep(s) => {
                cables.insert(s.cable.name().key);
                codes.insert(format!("{:?}", s.colour_code));
            }
            ExerciseSpec::Otdr(o) => otdr.push((l.scenario.mode, format!("{o:?}"), o.clone())),
            ExerciseSpec::Splice(_)
            | ExerciseSpec::Job(_)
            | ExerciseSpec::Routing(_)
            | ExerciseSpec::Connect(_) => {}
        }
        assert!(!l.scenario.title.fr.is_empty() && !l.scenario.title.en.is_empty());
        assert_ne!(
            l.scenario.briefing.fr, l.scenario.briefing.en,
            "{} briefing translated",
            l.scenario.id
        );
    }
    assert_eq!(cables.len(), 3, "loose tube, tight-buffered and flat drop");
    // OTDR: first trace, break, bidirectional with a gainer, splitter, macrobend, long link.
    assert!(otdr.len() >= 6, "at least six OTDR scenarios");
    assert!(
        otdr.iter().any(|o| o.0 == Mode::Practice) && otdr.iter().any(|o| o.0 == Mode::Assessment)
    );
    for needle in ["Break", "Splitter", "Macrobend", "G657A1"] {
        assert!(
            otdr.iter().any(|o| o.1.contains(needle)),
            "an OTDR scenario with {needle}"
        );
    }
    assert!(
        otdr.iter().any(|o| o.2.bidirectional),
        "a bidirectional test"
    );
    assert!(
        otdr.iter()
            .any(|o| o.2.wavelengths.contains(&1310.0) && o.2.wavelengths.contains(&1550.0)),
        "1310 and 1550 nm"
    );
    assert_eq!(codes.len(), 2, "French and TIA-598 codes");
    let ids: BTreeSet<_> = all.iter().map(|l| l.scenario.id.clone()).collect();
    assert_eq!(ids.len(), all.len(), "ids are unique");
}

#[test]
fn the_splicing_curriculum_covers_fusion_mechanical_and_jobs() {
    let all = shipped();
    let splices: Vec<(&str, &SpliceSetup, bool)> = all
        .iter()
        .filter_map(|l| match &l.scenario.exercise {
            ExerciseSpec::Splice(s) => Some((l.scenario.id.as_str(), s, false)),
            ExerciseSpec::Job(j) => Some((l.scenario.id.as_str(), &j.splice, true)),
            ExerciseSpec::CablePrep(_)
            | ExerciseSpec::Otdr(_)
            | ExerciseSpec::Routing(_)
            | ExerciseSpec::Connect(_) => None,
        })
        .collect();
    assert!(
        splices.len() >= 5,
        "five splicing scenarios: {}",
        splices.len()
    );
    let has = |what: &str, f: &dyn Fn(&SpliceSetup, bool) -> bool| {
        assert!(
            splices.iter().any(|(_, s, job)| f(s, *job)),
            "a splicing scenario with {what}"
        );
    };
    has("a worn cleaver", &|s, _| {
        s.prep.cleaver.blade_wear.min() >= 0.7
    });
    has("mixed fibres", &|s, _| s.left_fibre != s.right.fibre);
    has(
        "mixed fibres tested with the OTDR (the gainer)",
        &|s, job| job && s.left_fibre != s.right.fibre,
    );
    has("a mechanical splice on a drop cable", &|s, _| {
        s.method.is_mechanical() && matches!(s.right.cable, CableKind::FlatDrop { .. })
    });
    has("a job of 12 fibres", &|s, job| {
        job && s.prep.tasks.len() == 12
    });
}

#[test]
fn the_routing_curriculum_covers_poles_spans_pulls_and_chambers() {
    use fibrelab::scenario::routing::RoutingTask;
    let all = shipped();
    let routing: Vec<_> = all
        .iter()
        .filter_map(|l| match &l.scenario.exercise {
            ExerciseSpec::Routing(r) => Some((l.scenario.mode, r)),
            ExerciseSpec::CablePrep(_)
            | ExerciseSpec::Otdr(_)
            | ExerciseSpec::Splice(_)
            | ExerciseSpec::Job(_)
            | ExerciseSpec::Connect(_) => None,
        })
        .collect();
    assert!(
        routing.len() >= 8,
        "eight routing scenarios: {}",
        routing.len()
    );
    assert!(routing.iter().any(|r| r.0 == Mode::Practice));
    assert!(routing.iter().any(|r| r.0 == Mode::Assessment));
    let has = |what: &str, f: &dyn Fn(&RoutingTask) -> bool| {
        assert!(
            routing.iter().any(|(_, r)| r.tasks.iter().any(f)),
            "a routing scenario with {what}"
        );
    };
    has("poles to check", &|t| {
        matches!(t, RoutingTask::CheckPoles(_))
    });
    has("hardware to choose", &|t| {
        matches!(t, RoutingTask::Hardware(_))
    });
    has("a span to tension", &|t| {
        matches!(t, RoutingTask::Tension(_))
    });
    has("a pull", &|t| matches!(t, RoutingTask::Pull(_)));
    has("a chamber to open", &|t| {
        matches!(t, RoutingTask::OpenChamber(_))
    });
    assert!(
        routing.iter().any(|(_, r)| r.site.ducts.len() >= 4
            && r.tasks.iter().any(|t| matches!(t, RoutingTask::Pull(_)))),
        "a long pull through intermediate chambers (to split)"
    );
    assert!(
        routing
            .iter()
            .any(|(_, r)| r.hypotheses.iter().any(|h| h.ice_mm > 0.0)),
        "a span under ice"
    );
}

#[test]
fn each_scenario_has_a_clean_and_a_failing_script() {
    let all = shipped();
    let lists = scripts();
    for l in &all {
        let mine: Vec<_> = lists
            .iter()
            .filter(|(_, s)| s.scenario.as_deref() == Some(l.scenario.id.as_str()))
            .filter_map(|(_, s)| s.expect.as_ref())
            .collect();
        assert!(
            mine.iter().any(|e| e.passed),
            "{}: a passing script",
            l.scenario.id
        );
        assert!(
            mine.iter().any(|e| !e.passed && !e.unmet.is_empty()),
            "{}: a failing script with reasons",
            l.scenario.id
        );
    }
}

#[test]
fn scripts_play_to_their_stated_results() {
    let all = shipped();
    for (path, list) in scripts() {
        let id = list
            .scenario
            .as_deref()
            .expect("scripts name their scenario");
        let l = all
            .iter()
            .find(|l| l.scenario.id == id)
            .unwrap_or_else(|| panic!("{id}"));
        let exp = list
            .expect
            .as_ref()
            .expect("scripts state their expectation");
        let mut ex = Exercise::generate(&l.scenario, exp.seed);
        for (at, a) in list.timed() {
            let _ = ex.apply(at, a);
        }
        assert!(ex.is_finished(), "{}: ends with Finish", path.display());
        let report = grade(&ex);
        let unmet: Vec<&str> = report
            .criteria
            .iter()
            .filter(|c| !c.met)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(
            report.passed,
            exp.passed,
            "{}: passed? unmet {unmet:?}",
            path.display()
        );
        if exp.passed {
            assert_eq!(
                report.score,
                100.0,
                "{}: a clean run meets every criterion, unmet {unmet:?}",
                path.display()
            );
        }
        for u in &exp.unmet {
            assert!(
                unmet.contains(&u.as_str()),
                "{}: `{u}` should be unmet, unmet {unmet:?}",
                path.display()
            );
        }
        // Every deduction explains itself in both languages.
        for c in &report.criteria {
            assert!(
                c.feedback.exists_in_all_languages(),
                "{}: {}",
                c.id,
                c.feedback.key
            );
        }
    }
}

fn play_json(scenario: &str, seed: u64, actions: &Path) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args([
            "--lang",
            "en",
            "play",
            scenario,
            "--seed",
            &seed.to_string(),
            "--json",
            "--no-record",
            "--actions",
        ])
        .arg(actions)
        .output()
        .expect("run fibrelab play");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn same_seed_and_actions_give_byte_identical_json() {
    let script = root().join("tests/scripts/loose-tube-tia-assessment.mistakes.ron");
    let a = play_json("prep-loose-tube-tia-assessment", 3, &script);
    let b = play_json("prep-loose-tube-tia-assessment", 3, &script);
    assert_eq!(a, b);
    let v: serde_json::Value = serde_json::from_str(&a).expect("json");
    assert!(
        v["score"]
            .as_f64()
            .is_some_and(|s| (0.0..=100.0).contains(&s))
    );
    assert_eq!(v["passed"], serde_json::Value::Bool(false));
    for c in v["criteria"].as_array().expect("criteria") {
        for key in ["id", "points", "max_points", "feedback"] {
            assert!(!c[key].is_null(), "criterion field {key}");
        }
    }
}

#[test]
fn different_seeds_draw_different_exercises() {
    let all = shipped();
    let l = all
        .iter()
        .find(|l| l.scenario.id == "prep-loose-tube-tia-assessment")
        .unwrap();
    let draws: Vec<_> = (1..=6)
        .map(|seed| {
            let ex = Exercise::generate(&l.scenario, seed);
            let ModuleState::CablePrep(st) = ex.state else {
                panic!("a cable-preparation scenario")
            };
            st.drawn
        })
        .collect();
    let wear: BTreeSet<u64> = draws.iter().map(|d| d.blade_wear.to_bits()).collect();
    let tasks: BTreeSet<String> = draws.iter().map(|d| format!("{:?}", d.tasks)).collect();
    assert_eq!(wear.len(), 6, "blade wear differs from seed to seed");
    assert!(
        tasks.len() >= 5,
        "the fibres asked differ from seed to seed: {tasks:?}"
    );
    for d in &draws {
        assert!((0.1..=0.4).contains(&d.blade_wear));
        assert_ne!(
            d.tasks[0], d.tasks[1],
            "two tasks never draw the same fibre"
        );
    }
    // The same seed again gives the same draw.
    let again = Exercise::generate(&l.scenario, 3);
    let ModuleState::CablePrep(st) = again.state else {
        panic!("a cable-preparation scenario")
    };
    assert_eq!(st.drawn, draws[2]);
}

#[test]
fn otdr_seeds_draw_different_links_within_the_ranges() {
    let all = shipped();
    let l = all
        .iter()
        .find(|l| l.scenario.id == "otdr-break-assessment")
        .unwrap();
    let breaks: Vec<f64> = (1..=8)
        .map(|seed| {
            let ex = Exercise::generate(&l.scenario, seed);
            let ModuleState::Otdr(st) = ex.state else {
                panic!("an OTDR scenario")
            };
            st.link.broken_at_m.expect("a break")
        })
        .collect();
    let distinct: BTreeSet<u64> = breaks.iter().map(|b| b.to_bits()).collect();
    assert_eq!(distinct.len(), 8, "the break moves from seed to seed");
    // Two fibre lengths of 900–1300 m and 700–1500 m before the break.
    for b in breaks {
        assert!((1600.0..=2800.0).contains(&b), "break at {b}");
    }
}

#[test]
fn cli_list_shows_every_shipped_scenario() {
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "list"])
        .arg(root().join("scenarios"))
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for l in shipped() {
        let line = stdout
            .lines()
            .find(|x| x.starts_with(&l.scenario.id))
            .unwrap_or_else(|| panic!("{} listed", l.scenario.id));
        assert!(line.contains(l.scenario.module().code()) && line.contains(&l.scenario.title.en));
        assert!(line.contains(&format!("  {}  ", l.scenario.difficulty)));
    }
}

#[test]
fn a_practice_hint_is_refused_in_assessment() {
    let all = shipped();
    for l in &all {
        let mut ex = Exercise::generate(&l.scenario, 1);
        let r = ex.apply(1000, fibrelab::exercise::Action::AskHint);
        match l.scenario.mode {
            Mode::Practice => assert!(r.is_ok(), "{}", l.scenario.id),
            Mode::Assessment => assert_eq!(r.unwrap_err().reason.key, "refuse-no-hints"),
        }
    }
    let _ = CableKind::FlatDrop { fibres: 1 };
}

#[test]
fn a_b_to_a_trace_mirrors_onto_the_a_to_b_distances_with_its_measured_span() {
    use fibrelab::exercise::otdr::Direction;
    let all = shipped();
    let (_, list) = scripts()
        .into_iter()
        .find(|(p, _)| p.ends_with("otdr-bidirectional-gainer-practice.clean.ron"))
        .expect("the bidirectional clean script");
    let l = all
        .iter()
        .find(|l| l.scenario.id == "otdr-bidirectional-gainer-practice")
        .unwrap();
    let mut ex = Exercise::generate(&l.scenario, 1);
    for (at, a) in list.timed() {
        let _ = ex.apply(at, a);
    }
    let ModuleState::Otdr(st) = &ex.state else {
        panic!("an OTDR exercise")
    };
    let ab = st.last(1550.0, Direction::AtoB).expect("A->B at 1550 nm");
    let ba = st.last(1550.0, Direction::BtoA).expect("B->A at 1550 nm");
    // Measured, not true, spans; both directions see the same link.
    let span_ab = st.measured_span_m(ab).expect("span A->B");
    let span_ba = st.measured_span_m(ba).expect("span B->A");
    let true_len = st.link.length_m;
    assert!((span_ab - true_len).abs() < 3.0, "{span_ab} vs {true_len}");
    assert!((span_ba - true_len).abs() < 3.0, "{span_ba} vs {true_len}");
    // Every event of the link seen from B lands, mirrored, on the A->B event (within the
    // 30 ns pulse's resolution), and the two splices are found both ways.
    let inside = |d: f64| d > -1.0 && d < span_ab + 1.0;
    let a_events: Vec<f64> = ab
        .analysis
        .events
        .iter()
        .map(|e| e.distance_m)
        .filter(|d| inside(*d))
        .collect();
    let b_events: Vec<f64> = ba
        .analysis
        .events
        .iter()
        .map(|e| span_ba - e.distance_m)
        .filter(|d| inside(*d))
        .collect();
    assert!(a_events.len() >= 4, "{a_events:?}");
    assert_eq!(a_events.len(), b_events.len(), "{a_events:?} {b_events:?}");
    for d in &a_events {
        assert!(
            b_events.iter().any(|m| (m - d).abs() < 3.0),
            "{d} mirrored: {b_events:?}"
        );
    }
}

/// Issue 13's scenarios: the patch panel to inspect and clean, the dirty connector found
/// with the power meter, the reference methods' trap, a budget then a PON measurement, a
/// fault found with the red light; practice and assessment.
#[test]
fn the_connecting_and_measuring_curriculum() {
    use fibrelab::physics::olts::RefMethod;
    use fibrelab::scenario::connect::{ConnectTask, Fault, Piece};
    let all = shipped();
    let connect: Vec<_> = all
        .iter()
        .filter_map(|l| {
            if let ExerciseSpec::Connect(c) = &l.scenario.exercise {
                Some((l.scenario.mode, c))
            } else {
                None
            }
        })
        .collect();
    assert!(connect.len() >= 5, "{}", connect.len());
    // The subscriber job: a drop strung and spliced, then the outlet's work and report.
    let subscriber = all.iter().any(|l| {
        matches!(&l.scenario.exercise, ExerciseSpec::Job(j)
        if j.route.is_some()
            && j.connect.as_ref().is_some_and(|c| {
                c.tasks.iter().any(|t| matches!(t, ConnectTask::Report(_)))
                    && c.tasks.iter().any(|t| matches!(t, ConnectTask::PonLevels(_)))
            }))
    });
    assert!(subscriber, "a subscriber job");
    // A pigtail spliced on: a tight-buffered pigtail on the splice's right, then the outlet.
    let pigtail = all.iter().any(|l| {
        matches!(&l.scenario.exercise, ExerciseSpec::Job(j)
            if j.connect.is_some()
                && matches!(j.splice.right.cable, fibrelab::physics::cable::CableKind::TightBuffered { .. }))
    });
    assert!(pigtail, "a pigtail spliced on");
    assert!(connect.iter().any(|c| c.0 == Mode::Practice));
    assert!(connect.iter().any(|c| c.0 == Mode::Assessment));
    let has = |what: &str, f: &dyn Fn(&fibrelab::scenario::ConnectSetup) -> bool| {
        assert!(connect.iter().any(|(_, c)| f(c)), "a scenario with {what}");
    };
    has("a panel to inspect, no link", &|c| {
        c.link.is_empty() && c.tasks.iter().any(|t| matches!(t, ConnectTask::Inspect(_)))
    });
    has("a connection in service to find dirty", &|c| {
        c.connectors
            .iter()
            .any(|k| k.connected && k.plug.as_ref().is_some_and(|p| !p.is_empty()))
            && c.tasks.iter().any(|t| matches!(t, ConnectTask::Measure(_)))
    });
    has(
        "a substitution cord (three-cord trap) and a one-cord task",
        &|c| {
            c.cords.len() >= 3
                && c.tasks.iter().any(|t| {
                    matches!(
                        t,
                        ConnectTask::Measure(m) if m.method == RefMethod::OneCord
                    )
                })
        },
    );
    has("a budget, a splitter and PON levels", &|c| {
        c.tasks.iter().any(|t| matches!(t, ConnectTask::Budget(_)))
            && c.tasks
                .iter()
                .any(|t| matches!(t, ConnectTask::PonLevels(_)))
            && c.link.iter().any(|p| matches!(p, Piece::Splitter { .. }))
    });
    has("a fibre to identify with the red light", &|c| {
        c.tasks
            .iter()
            .any(|t| matches!(t, ConnectTask::IdentifyFibre(_)))
    });
    has("a field connector to fit", &|c| {
        c.tasks
            .iter()
            .any(|t| matches!(t, ConnectTask::FitConnector(_)))
    });
    has("a break to find", &|c| {
        c.link.iter().any(|p| {
            matches!(
                p,
                Piece::Fault {
                    fault: Fault::Break,
                    ..
                }
            )
        })
    });
    has("a tight bend to find", &|c| {
        c.link.iter().any(|p| {
            matches!(
                p,
                Piece::Fault {
                    fault: Fault::TightBend { .. },
                    ..
                }
            )
        })
    });
}

/// Every criterion of the shipped scenarios reads as words in both languages: a title
/// that is not its id and no code (`_`, a message key).
#[test]
fn every_shipped_criterion_has_a_title_a_trainer_reads() {
    use fibrelab::i18n::Lang;
    let mut n = 0;
    for l in shipped() {
        for c in &l.scenario.rubric.criteria {
            let t = c.check.title();
            assert!(t.exists_in_all_languages(), "{} {}", l.scenario.id, c.id);
            for lang in Lang::ALL {
                let text = t.render(lang);
                assert!(
                    text != c.id && !text.contains('_') && !text.contains("crit-"),
                    "{} {}: {text}",
                    l.scenario.id,
                    c.id
                );
            }
            n += 1;
        }
    }
    assert!(n > 100, "{n} criteria");
}
