//! An analysis exercise on a real field trace (`examples/field-trace`): the trace is read
//! beside the scenario, kept with each attempt, and the trainee's report is graded against
//! the trainer's reference table. The real trace comes from `../shared/sor-samples` when
//! present (it is not ours to ship); without it those tests say so and pass.

#[path = "common/paths.rs"]
mod paths;
use paths::root;

use std::path::{Path, PathBuf};

use fibrelab::exercise::script::ActionList;
use fibrelab::exercise::{Action, Exercise, ModuleState, OtdrAction};
use fibrelab::grading::grade;
use fibrelab::records::Db;
use fibrelab::scenario::load_file;

const SAMPLE: &str = "example4-exfo-ftb4ftbx730c-mfdgainer-1550nm.sor";
const SCENARIO: &str = "exfo-gainer-analysis.ron";

fn sample() -> Option<PathBuf> {
    let p = root().join("../shared/sor-samples").join(SAMPLE);
    if p.is_file() {
        Some(p)
    } else {
        eprintln!("{SAMPLE} not found in ../shared/sor-samples: field-trace tests skipped");
        None
    }
}

/// The example scenario with the real trace beside it, in a fresh folder.
fn folder_with_trace(sample: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::copy(
        root().join("examples/field-trace").join(SCENARIO),
        dir.path().join(SCENARIO),
    )
    .expect("copy scenario");
    std::fs::copy(sample, dir.path().join("exfo-730c-gainer-1550nm.sor")).expect("copy trace");
    dir
}

fn list(name: &str) -> ActionList {
    let p = root().join("tests/field").join(name);
    ActionList::parse(
        &std::fs::read(&p).expect("script"),
        &p.display().to_string(),
    )
    .unwrap_or_else(|d| panic!("{}", d.render(fibrelab::i18n::Lang::En)))
}

#[test]
fn without_its_trace_the_scenario_names_the_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(SCENARIO);
    std::fs::copy(root().join("examples/field-trace").join(SCENARIO), &p).unwrap();
    let ds = load_file(&p).expect_err("no trace beside it");
    assert_eq!(ds[0].path, "exercise.source.file");
    assert_eq!(ds[0].pos.line, 19, "the line of `file:`");
    assert!(
        ds[0]
            .render(fibrelab::i18n::Lang::En)
            .contains("exfo-730c-gainer-1550nm.sor")
    );
    // A file that is not a trace is refused the same way, with the reader's reason.
    std::fs::write(
        dir.path().join("exfo-730c-gainer-1550nm.sor"),
        b"not a trace",
    )
    .unwrap();
    let ds = load_file(&p).expect_err("not a trace");
    assert_eq!(ds[0].path, "exercise.source.file");
}

#[test]
fn the_trainers_reading_passes_and_misreadings_fail() {
    let Some(sample) = sample() else { return };
    let dir = folder_with_trace(&sample);
    let loaded = load_file(&dir.path().join(SCENARIO)).expect("loads with its trace");
    for name in [
        "exfo-gainer-analysis.clean.ron",
        "exfo-gainer-analysis.mistakes.ron",
    ] {
        let l = list(name);
        let exp = l.expect.clone().expect("expectation");
        let mut ex = Exercise::generate(&loaded.scenario, exp.seed);
        for (at, a) in l.timed() {
            ex.apply(at, a).expect("accepted");
        }
        let r = grade(&ex);
        let unmet: Vec<&str> = r
            .criteria
            .iter()
            .filter(|c| !c.met)
            .map(|c| c.id.as_str())
            .collect();
        assert_eq!(r.passed, exp.passed, "{name}: unmet {unmet:?}");
        for u in &exp.unmet {
            assert!(
                unmet.contains(&u.as_str()),
                "{name}: {u} unmet, got {unmet:?}"
            );
        }
    }
    // No acquisition on a saved trace; its trace is the file's, points for points.
    let mut ex = Exercise::generate(&loaded.scenario, 1);
    let ModuleState::Otdr(st) = &ex.state else {
        panic!("OTDR")
    };
    let trace = st.trace(1, 0).expect("the saved trace");
    let file = fibrelab::sor::read(&std::fs::read(&sample).unwrap()).unwrap();
    assert_eq!(trace.levels_db, file.data.as_ref().unwrap().levels_db());
    let cfg = st.acquisitions[0].config.clone();
    let refused = ex
        .apply(1000, Action::Otdr(OtdrAction::Acquire(cfg)))
        .unwrap_err();
    assert_eq!(refused.reason.key, "refuse-otdr-saved");
}

#[test]
fn an_attempt_keeps_its_trace_and_verifies_after_the_file_is_gone() {
    let Some(sample) = sample() else { return };
    let dir = folder_with_trace(&sample);
    let loaded = load_file(&dir.path().join(SCENARIO)).expect("loads");
    let db = Db::open(&dir.path().join("attempts.db")).unwrap();
    let mut s = db.start(&loaded, 1, "Léa").unwrap();
    for (at, a) in list("exfo-gainer-analysis.clean.ron").timed() {
        s.act(&db, at, a).unwrap();
    }
    assert!(s.report().passed);
    // The trace leaves the folder: the stored attempt still replays to the same grade.
    std::fs::remove_file(dir.path().join("exfo-730c-gainer-1550nm.sor")).unwrap();
    let v = db.verify().unwrap();
    assert_eq!(v.len(), 1);
    assert!(v[0].problem.is_none(), "{:?}", v[0].problem);
}
