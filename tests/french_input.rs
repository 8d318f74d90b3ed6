//! French input and identity (issue 14, point 6): a decimal comma in a scenario file is
//! named for what it is, a file saved with a byte-order mark loads, two files with one id
//! are both refused, and a trainee's name matches whatever its case and spaces.

#[path = "common/paths.rs"]
mod paths;
#[path = "common/sandbox.rs"]
mod sandbox;
use paths::root;
use std::process::Command;

use fibrelab::records::{Db, same_trainee};
use fibrelab::scenario::load::{load_bytes, load_path};

fn shipped(rel: &str) -> String {
    std::fs::read_to_string(root().join(rel)).expect("shipped scenario")
}

#[test]
fn a_decimal_comma_is_named_at_its_line_and_column() {
    let src = shipped("scenarios/otdr/first-trace-practice.ron").replace(
        "FusionSplice(loss_db: Range(0.03, 0.12))",
        "FusionSplice(loss_db: 0,08)",
    );
    let at = src.find("0,08").expect("edited");
    let line = 1 + src[..at].matches('\n').count();
    let col = 1 + src[..at].rsplit('\n').next().unwrap_or("").chars().count();
    let err = load_bytes(src.as_bytes(), "comma.ron").expect_err("refused");
    let d = &err[0];
    let shown = d.render(fibrelab::i18n::Lang::En);
    assert!(
        shown.contains("Write numbers with a point: 12.5, not 12,5 (found 0,08)"),
        "{shown}"
    );
    assert_eq!((d.pos.line, d.pos.col), (line, col), "{shown}");
    assert_eq!(d.path, "exercise.source.elements[1].loss_db");
    let fr = d.render(fibrelab::i18n::Lang::Fr);
    assert!(fr.contains("Écrivez les nombres avec un point"), "{fr}");
}

#[test]
fn a_file_saved_with_a_byte_order_mark_loads_and_its_attempts_verify() {
    let text = shipped("scenarios/cable-prep/flat-drop-assessment.ron");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend_from_slice(text.as_bytes());
    let loaded = load_bytes(&bytes, "bom.ron").expect("loads with its mark");
    let plain = load_bytes(text.as_bytes(), "plain.ron").expect("loads");
    assert_eq!(loaded.scenario, plain.scenario);
    // The text kept with an attempt is the text without its mark, and so is its hash:
    // verify finds them in step.
    assert_eq!(loaded.hash, plain.hash);

    let tmp = tempfile::tempdir().expect("tempdir");
    let file = tmp.path().join("bom.ron");
    std::fs::write(&file, &bytes).expect("write");
    let db = tmp.path().join("a.db");
    let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
        .envs(sandbox::env())
        .args(["--lang", "en", "play"])
        .arg(&file)
        .args(["--seed", "5", "--db"])
        .arg(&db)
        .arg("--actions")
        .arg(root().join("tests/scripts/flat-drop-assessment.clean.ron"))
        .output()
        .expect("play");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v = Db::open(&db).expect("db").verify().expect("verify");
    assert!(v[0].problem.is_none(), "{:?}", v[0].problem);
}

#[test]
fn two_files_with_one_id_are_both_refused_each_naming_the_other() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let text = shipped("scenarios/cable-prep/flat-drop-assessment.ron");
    std::fs::write(tmp.path().join("a.ron"), &text).expect("write");
    std::fs::write(tmp.path().join("b.ron"), &text).expect("write");
    std::fs::write(
        tmp.path().join("c.ron"),
        shipped("scenarios/otdr/first-trace-practice.ron"),
    )
    .expect("write");
    let all = load_path(tmp.path());
    assert_eq!(all.len(), 3);
    for (file, other) in [("a.ron", "b.ron"), ("b.ron", "a.ron")] {
        let (_, r) = all.iter().find(|(p, _)| p.ends_with(file)).expect("listed");
        let d = &r.as_ref().expect_err("refused")[0];
        let shown = d.render(fibrelab::i18n::Lang::En);
        assert!(
            shown.contains("The id `prep-flat-drop-assessment` is also the id of")
                && shown.contains(other),
            "{shown}"
        );
        assert_eq!(d.path, "id");
    }
    assert!(all.iter().any(|(p, r)| p.ends_with("c.ron") && r.is_ok()));
}

#[test]
fn a_trainees_name_matches_whatever_its_case_and_spaces() {
    assert!(same_trainee("Léa Martin", "  léa martin "));
    assert!(same_trainee("LÉA", "léa"));
    assert!(!same_trainee("Léa", "Lea"));
    let tmp = tempfile::tempdir().expect("tempdir");
    let db = Db::open(&tmp.path().join("a.db")).expect("db");
    let loaded =
        fibrelab::scenario::load_file(&root().join("scenarios/otdr/first-trace-practice.ron"))
            .expect("scenario");
    db.start_attempt(&loaded, 1, "Léa Martin").expect("start");
    assert_eq!(
        db.open_attempts(Some(" LÉA MARTIN ")).expect("open").len(),
        1
    );
    assert_eq!(db.open_attempts(Some("Lea Martin")).expect("open").len(), 0);
}
