//! Mutated scenario files and action lists: whatever a trainer's slip or a damaged copy
//! makes of a shipped file, loading it gives a result or a diagnostic, never a panic;
//! and a mutated scenario that still validates generates, plays its script and grades
//! without a panic either.
//!
//! A few hundred cases run with the tests; `cargo test --test fuzz_inputs -- --ignored`
//! runs the long harness (tens of thousands of files).

#[path = "common/paths.rs"]
mod paths;
use paths::root;

use std::path::PathBuf;

use fibrelab::exercise::Exercise;
use fibrelab::exercise::script::ActionList;
use fibrelab::grading::grade;
use fibrelab::scenario::load::load_bytes;
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};

/// Each shipped scenario with the script written for it.
fn corpus() -> Vec<(Vec<u8>, Vec<u8>, u64)> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(root().join("tests/scripts")).expect("scripts") {
        let path: PathBuf = entry.expect("entry").path();
        let script = std::fs::read(&path).expect("script");
        let list = ActionList::parse(&script, "script").expect("parses");
        let id = list.scenario.clone().expect("named");
        let seed = list.expect.as_ref().map(|e| e.seed).unwrap_or(1);
        let found = fibrelab::scenario::load::load_path(&root().join("scenarios"))
            .into_iter()
            .find_map(|(p, r)| r.ok().filter(|l| l.scenario.id == id).map(|_| p))
            .expect("its scenario");
        out.push((std::fs::read(found).expect("scenario"), script, seed));
    }
    out
}

/// Pieces a slip or a damaged copy puts in a RON text.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    ",",
    ":",
    "\"",
    "//",
    "/*",
    "Range(",
    "Rnage(",
    "Some(",
    "None",
    "-1",
    "0",
    "1e309",
    "-1e309",
    "NaN",
    "inf",
    "18446744073709551616",
    "-0.0",
    "1.5",
    "true",
    "\u{0}",
    "\u{1b}[2J",
    "é",
    "\n",
    "format: 2",
    "id: \"x\"",
    "Break()",
    "JobSplice",
    "t: -5",
    "t: NaN",
];

#[derive(Clone, Debug)]
enum Mutation {
    Delete { at: usize, len: usize },
    Insert { at: usize, token: usize },
    Replace { at: usize, byte: u8 },
    Duplicate { at: usize, len: usize },
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        (any::<usize>(), 1usize..40).prop_map(|(at, len)| Mutation::Delete { at, len }),
        (any::<usize>(), 0..TOKENS.len()).prop_map(|(at, token)| Mutation::Insert { at, token }),
        (any::<usize>(), any::<u8>()).prop_map(|(at, byte)| Mutation::Replace { at, byte }),
        (any::<usize>(), 1usize..200).prop_map(|(at, len)| Mutation::Duplicate { at, len }),
    ]
}

fn mutate(mut bytes: Vec<u8>, ms: &[Mutation]) -> Vec<u8> {
    for m in ms {
        let n = bytes.len().max(1);
        match m {
            Mutation::Delete { at, len } => {
                let a = at % n;
                let b = (a + len).min(bytes.len());
                bytes.drain(a.min(bytes.len())..b);
            }
            Mutation::Insert { at, token } => {
                let a = (at % n).min(bytes.len());
                bytes.splice(a..a, TOKENS[*token].bytes());
            }
            Mutation::Replace { at, byte } => {
                if !bytes.is_empty() {
                    let a = at % bytes.len();
                    bytes[a] = *byte;
                }
            }
            Mutation::Duplicate { at, len } => {
                let a = (at % n).min(bytes.len());
                let b = (a + len).min(bytes.len());
                let piece = bytes[a..b].to_vec();
                bytes.splice(b..b, piece);
            }
        }
    }
    bytes
}

/// Loads a mutated scenario and a mutated script; plays what loads.
fn try_everything(scenario: &[u8], script: &[u8], seed: u64) {
    let list = ActionList::parse(script, "script").ok();
    let Ok(loaded) = load_bytes(scenario, "scenario") else {
        return;
    };
    let mut ex = Exercise::generate(&loaded.scenario, seed);
    if let Some(list) = list {
        for (at, a) in list.timed().into_iter().take(400) {
            let _ = ex.apply(at, a);
        }
    }
    let _ = grade(&ex);
    let _ = ex.task_lines();
}

fn fuzz(cases: u32) {
    let corpus = corpus();
    let mut runner = TestRunner::new(Config {
        cases,
        failure_persistence: None,
        ..Config::default()
    });
    let n = corpus.len();
    runner
        .run(
            &(
                0..n,
                prop::collection::vec(mutation(), 1..6),
                prop::collection::vec(mutation(), 0..4),
            ),
            |(i, ms, script_ms)| {
                let (scenario, script, seed) = &corpus[i];
                let s = mutate(scenario.clone(), &ms);
                let a = mutate(script.clone(), &script_ms);
                try_everything(&s, &a, *seed);
                Ok(())
            },
        )
        .expect("no panic on any mutated file");
}

#[test]
fn mutated_files_never_panic() {
    fuzz(300);
}

#[test]
#[ignore = "the long harness: cargo test --test fuzz_inputs -- --ignored"]
fn mutated_files_never_panic_long() {
    fuzz(30_000);
}
