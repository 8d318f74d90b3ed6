//! Every shipped script's report, byte for byte: `fibrelab play --json` gives exactly the
//! output recorded in `tests/fixtures/reports/` (in English and in French), so a change
//! to the structure of the code that changes a drawn value, a grade, a feedback text or
//! a number's last bit shows here.
//!
//! The fixtures were recorded before the exercise layer was restructured (issue 10).
//! When a change alters a report on purpose (new physics, a reworded message), record
//! them again with `FIBRELAB_RECORD_REPORTS=1 cargo test --test reports` and say in the
//! commit which reports changed and why.

#[path = "common/paths.rs"]
mod paths;
#[path = "common/sandbox.rs"]
mod sandbox;
use paths::root;
use std::path::PathBuf;
use std::process::Command;

use fibrelab::exercise::script::ActionList;

fn scripts() -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(root().join("tests/scripts"))
        .expect("tests/scripts")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "ron"))
        .collect();
    v.sort();
    v
}

#[test]
fn every_script_gives_its_recorded_report() {
    let record = std::env::var_os("FIBRELAB_RECORD_REPORTS").is_some();
    let dir = root().join("tests/fixtures/reports");
    let mut differ = Vec::new();
    let mut n = 0;
    for path in scripts() {
        let list = ActionList::parse(&std::fs::read(&path).expect("read"), "script")
            .expect("script parses");
        let scenario = list.scenario.expect("scripts name their scenario");
        let seed = list.expect.expect("scripts state their seed").seed;
        let stem = path.file_stem().and_then(|s| s.to_str()).expect("name");
        for lang in ["en", "fr"] {
            let out = Command::new(env!("CARGO_BIN_EXE_fibrelab"))
                .envs(sandbox::env())
                .args(["--lang", lang, "play", &scenario, "--seed"])
                .arg(seed.to_string())
                .arg("--actions")
                .arg(&path)
                .args(["--json", "--no-record"])
                .output()
                .expect("run fibrelab play");
            assert!(out.status.success(), "{stem} {lang}");
            let fixture = dir.join(format!("{stem}.{lang}.json"));
            if record {
                std::fs::write(&fixture, &out.stdout).expect("write fixture");
            } else {
                let want = std::fs::read(&fixture).expect("fixture recorded");
                if want != out.stdout {
                    differ.push(format!("{stem}.{lang}"));
                }
            }
            n += 1;
        }
    }
    assert_eq!(n, 216, "108 scripts in two languages");
    assert!(
        differ.is_empty(),
        "reports differ from their fixture: {differ:?}"
    );
}
