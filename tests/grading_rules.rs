//! The grading rules that a trainee and a jury read in the debrief, each on an attempt
//! built here from a shipped clean script with steps cut out, against points worked out
//! by hand from the scenario's rubric:
//! - no points for a check on gestures the trainee never reached;
//! - a job is not accepted on an incomplete report;
//! - a criterion not met names every item it concerns.

#[path = "common/paths.rs"]
mod paths;
use paths::root;

use fibrelab::exercise::Exercise;
use fibrelab::exercise::script::ActionList;
use fibrelab::grading::{CriterionResult, GradeReport, grade};
use fibrelab::i18n::Lang;
use fibrelab::scenario::load::load_file;

/// Plays a shipped script with the steps containing any of `cut` removed, and grades it.
fn graded(scenario: &str, script: &str, seed: u64, cut: &[&str]) -> GradeReport {
    let ex = played(scenario, script, seed, cut, "");
    assert!(ex.is_finished(), "the script ends with Finish");
    grade(&ex)
}

fn criterion<'a>(r: &'a GradeReport, id: &str) -> &'a CriterionResult {
    r.criteria
        .iter()
        .find(|c| c.id == id)
        .unwrap_or_else(|| panic!("criterion {id}"))
}

#[test]
fn three_gestures_then_finish_earn_nothing_for_the_gestures_not_made() {
    // Sheath stripped to 800 mm with the stripper, aramid cut to 20 mm with the scissors,
    // the violet fibre picked: three right gestures, then "finish".
    let r = graded(
        "scenarios/cable-prep/tight-buffered-practice.ron",
        "tight-buffered-practice.clean.ron",
        2,
        &[
            "SlideSleeve",
            "StripCoating",
            "Clean(",
            "Cleave(",
            "DisposeShard",
        ],
    );
    // By hand from the rubric: only the two lengths made (sheath 800 mm for 800 ± 30,
    // aramid 20 mm for 20 ± 10) earn their 5 + 5 points of 100. The checks on how the
    // work was done (order 10, tools 10, intact 5, shards 5) judged gestures never made.
    for (id, points) in [
        ("fibre", 0.0),
        ("sleeve", 0.0),
        ("order", 0.0),
        ("tools", 0.0),
        ("sheath", 5.0),
        ("strength", 5.0),
        ("coating", 0.0),
        ("cleave", 0.0),
        ("clean", 0.0),
        ("intact", 0.0),
        ("shards", 0.0),
    ] {
        assert_eq!(criterion(&r, id).points, points, "{id}");
    }
    assert_eq!(r.score, 10.0);
    assert!(!r.passed);
    for id in ["order", "tools", "intact", "shards"] {
        assert_eq!(
            criterion(&r, id).feedback.key,
            "fb-not-reached",
            "{id} says why it earns nothing"
        );
    }
    // A mistake made still loses the points at once, with its own explanation: the
    // aramid yarn cut with the side cutters, then "finish".
    let text =
        std::fs::read_to_string(root().join("tests/scripts/tight-buffered-practice.clean.ron"))
            .expect("script")
            .replace("tool: AramidScissors", "tool: SideCutters");
    let list = ActionList::parse(text.as_bytes(), "side-cutters").expect("parses");
    let loaded = load_file(&root().join("scenarios/cable-prep/tight-buffered-practice.ron"))
        .expect("scenario");
    let mut ex = Exercise::generate(&loaded.scenario, 2);
    for (at, a) in list.timed().into_iter().take(2) {
        ex.apply(at, a).expect("accepted");
    }
    assert_eq!(criterion(&grade(&ex), "tools").feedback.key, "fb-tools");
}

#[test]
fn the_clean_scripts_still_earn_every_point() {
    let r = graded(
        "scenarios/cable-prep/tight-buffered-practice.ron",
        "tight-buffered-practice.clean.ron",
        2,
        &[],
    );
    assert_eq!(r.score, 100.0);
    assert!(r.passed);
}

#[test]
fn a_job_is_not_accepted_on_an_incomplete_report() {
    let scenario = "scenarios/job/drop-mechanical-practice.ron";
    let script = "job-drop-mechanical-practice.clean.ron";
    let full = graded(scenario, script, 1, &[]);
    assert!(full.passed);
    assert_eq!(criterion(&full, "accepted").points, 5.0);

    // The same job, the link's result never written: the splice is as good, but the
    // acceptance (5 points, critical) is not given, so the attempt fails.
    let r = graded(scenario, script, 1, &["ReportLink"]);
    let acc = criterion(&r, "accepted");
    assert_eq!(acc.points, 0.0);
    assert!(!acc.met);
    assert!(r.critical_failed.contains(&"accepted".to_string()));
    assert!(!r.passed);
    let shown = acc.feedback.as_shown();
    assert!(shown.contains("fb-job-report-incomplete"), "{shown}");
    assert!(shown.contains("fb-job-report-no-link"), "{shown}");

    // Measured at 1550 nm only (the scenario asks for 1310 and 1550 nm).
    let r = graded(scenario, script, 1, &["wavelength_nm:1310.0"]);
    let acc = criterion(&r, "accepted");
    assert_eq!(acc.points, 0.0);
    let en = acc.feedback.render(Lang::En);
    assert!(en.contains("1310 nm"), "{en}");
    assert!(!r.passed);
}

#[test]
fn every_missed_event_is_named() {
    // The first trace, its report without the splices at 759.8 m and 1887.8 m.
    let r = graded(
        "scenarios/otdr/first-trace-practice.ron",
        "otdr-first-trace-practice.clean.ron",
        1,
        &["distance_m: 759.8", "distance_m: 1887.8"],
    );
    let ev = r
        .criteria
        .iter()
        .find(|c| format!("{:?}", c.feedback).contains("fb-item-missed"))
        .expect("the events criterion names what was missed");
    assert!(!ev.met);
    let (_, items) = fibrelab::grading::concerned(&ev.feedback).expect("a list of cases");
    assert_eq!(items.len(), 2, "the two splices, nothing else");
    let en = ev.feedback.render(Lang::En);
    // Each missed splice named at its distance (to the tenth of a metre shown, within
    // the scenario's distance tolerance of the script's own reading).
    for d in [759.8_f64, 1887.8] {
        let named = en.match_indices("missed: splice at ").any(|(i, _)| {
            let rest = &en[i + "missed: splice at ".len()..];
            let num: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.' || *c == ' ' || *c == '\u{202f}')
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            num.parse::<f64>().is_ok_and(|x| (x - d).abs() < 5.0)
        });
        assert!(named, "the splice near {d} m is named: {en}");
    }
    let fr = ev.feedback.render(Lang::Fr);
    assert_eq!(fr.matches("manqué : soudure à").count(), 2, "{fr}");
}

/// Plays a script (with steps cut, and lines added before `Finish`) and returns the
/// exercise.
fn played(scenario: &str, script: &str, seed: u64, cut: &[&str], add: &str) -> Exercise {
    let loaded = load_file(&root().join(scenario)).expect("scenario");
    let text = std::fs::read_to_string(root().join("tests/scripts").join(script)).expect("script");
    let mut kept = String::new();
    for l in text.lines() {
        if cut.iter().any(|c| l.contains(c)) {
            continue;
        }
        if l.contains("act: Finish") {
            kept.push_str(add);
        }
        kept.push_str(l);
        kept.push('\n');
    }
    let list = ActionList::parse(kept.as_bytes(), script).expect("script parses");
    let mut ex = Exercise::generate(&loaded.scenario, seed);
    for (at, a) in list.timed() {
        ex.apply(at, a).expect("the script's steps are accepted");
    }
    ex
}

#[test]
fn the_debrief_sets_the_true_event_table_beside_the_report() {
    use fibrelab::exercise::ModuleState;
    use fibrelab::grading::compare::{Difference, otdr_lines};
    // Two splices left out, a line added at 1000 m where the link has nothing, and the
    // far connector's verdict turned to "fail".
    let ex = played(
        "scenarios/otdr/first-trace-practice.ron",
        "otdr-first-trace-practice.clean.ron",
        1,
        &["distance_m: 759.8", "distance_m: 1887.8"],
        "        (t: 355, act: ReportEvent(distance_m: 1000.0, kind: Splice, loss_db: 0.05, verdict: Pass)),\n",
    );
    let ModuleState::Otdr(st) = &ex.state else {
        panic!("an OTDR bench")
    };
    let lines = otdr_lines(st);
    let at = |d: f64| {
        lines
            .iter()
            .find(|l| (l.distance_m() - d).abs() < 5.0)
            .unwrap_or_else(|| panic!("a line near {d} m: {lines:?}"))
    };
    assert_eq!(at(759.8).difference, Difference::Missed);
    assert!(at(759.8).reported.is_none());
    assert_eq!(at(1887.8).difference, Difference::Missed);
    assert_eq!(at(1000.0).difference, Difference::Invented);
    assert!(at(1000.0).truth.is_none());
    for d in [0.0, 1430.8, 2179.6] {
        assert_eq!(at(d).difference, Difference::Same, "{d} m");
        assert!(at(d).truth.is_some() && at(d).reported.is_some());
    }
    // In order of distance.
    assert!(
        lines
            .windows(2)
            .all(|w| w[0].distance_m() <= w[1].distance_m())
    );
    assert_eq!(lines.iter().filter(|l| l.difference.is_fault()).count(), 3);
}

#[test]
fn the_debrief_sets_each_splice_true_loss_beside_its_estimate() {
    use fibrelab::exercise::ModuleState;
    use fibrelab::grading::compare::splice_lines;
    let ex = played(
        "scenarios/job/closure-12-fibres-practice.ron",
        "job-closure-12-fibres-practice.mistakes.ron",
        28,
        &[],
        "",
    );
    let ModuleState::Job(job) = &ex.state else {
        panic!("a job")
    };
    let lines = splice_lines(job.splice_stage().expect("splicing"));
    assert_eq!(lines.len(), 12);
    // Fibre 3: the bubble splice of tests/golden.rs (0.38 dB at 1550 nm, limit 0.15).
    let third = lines.iter().find(|l| l.fibre.fibre == 3).expect("fibre 3");
    let loss = third.true_loss_db.expect("a splice stands");
    assert!((0.3..0.5).contains(&loss), "{loss}");
    assert!(loss > third.max_loss_db);
    assert!(third.estimate_db.is_some() && !third.mechanical);
    assert!(lines.iter().all(|l| l.true_loss_db.is_some()));
}

#[test]
fn the_debrief_sets_the_lengths_made_beside_those_asked() {
    use fibrelab::exercise::ModuleState;
    use fibrelab::grading::compare::length_lines;
    // The clean script: sheath 800, aramid 20, coating 30, cleave 16 mm, as asked.
    let ex = played(
        "scenarios/cable-prep/tight-buffered-practice.ron",
        "tight-buffered-practice.clean.ron",
        2,
        &["Cleave(", "DisposeShard"],
        "",
    );
    let ModuleState::CablePrep(st) = &ex.state else {
        panic!("a preparation bench")
    };
    let lines = length_lines(st);
    // The hand scatters a little around what was aimed at: each length made is within
    // the rubric's tolerance (sheath ± 30, aramid ± 10, coating ± 3 mm) of the asked.
    let expect = [
        ("what-sheath", 800.0, Some(30.0)),
        ("what-strength", 20.0, Some(10.0)),
        ("what-coating", 30.0, Some(3.0)),
        // Not cleaved: nothing made.
        ("what-cleave", 16.0, None),
    ];
    assert_eq!(lines.len(), expect.len());
    for (l, (what, asked, tol)) in lines.iter().zip(expect) {
        assert_eq!((l.what, l.asked_mm), (what, asked));
        match (l.made_mm, tol) {
            (Some(m), Some(t)) => assert!((m - asked).abs() <= t, "{what}: {m}"),
            (None, None) => {}
            (m, t) => panic!("{what}: made {m:?}, tolerance {t:?}"),
        }
    }
}
