//! What the school tests (`tests/school_*.rs`) share: class lists, assessment files,
//! seats, the seed formulas as SCHOOL.md writes them.

#![allow(dead_code)]

use std::collections::BTreeSet;
use std::path::Path;

use sha2::{Digest, Sha256};

use super::*;

pub const ECF: &str = r#"// An ECF of measurement, as a trainer writes it.
Assessment(
    id: "ecf-mesure-2026-12",
    title: "ECF — mesure et recette",
    cohort: "TP IRTFO 2026",
    kind: Ecf,
    scenarios: ["otdr-recette-assessment", "connect-dirty-connector-assessment"],
    opens: "2026-12-07T08:30+01:00",
    closes: "2026-12-07T17:00+01:00",
    time_limit_min: 45,
    attempts: 1,
    seed: PerTrainee,
    base_seed: 20261207,
    feedback: AfterClose,
)
"#;

/// The per-trainee seed as SCHOOL.md §8.2 defines it.
pub fn spec_seed(base: u64, key: &str, position: u32, trainee: &str) -> u64 {
    let h = Sha256::digest(format!("{base}|{key}|{position}|{trainee}").as_bytes());
    u64::from_le_bytes(h[..8].try_into().unwrap())
}

/// A seat prepared from the trainer's list: the same cohort, pseudonyms and assessment.
pub fn seat(roster: &Path, ecf: &Path) -> School {
    let s = school();
    s.ok(&["cohort", "create", "Promo"]);
    s.ok(&[
        "trainee",
        "import",
        roster.to_str().unwrap(),
        "--cohort",
        "Promo",
    ]);
    s.ok(&["assess", "create", "--from", ecf.to_str().unwrap()]);
    s
}

pub fn take(s: &School, who: &str, file: &str) {
    let db = s.open();
    let mut session = start(&db, who, 0);
    for (at, a) in script(file).timed() {
        session.act(&db, at, a).unwrap();
    }
    assert!(session.exercise.is_finished());
}

pub fn uuids(s: &School) -> BTreeSet<String> {
    let db = s.open();
    db.attempts()
        .unwrap()
        .iter()
        .map(|a| db.extra(a.id).unwrap().uuid.unwrap())
        .collect()
}

pub fn uuid_like(s: &str) -> String {
    let h = Sha256::digest(s.as_bytes());
    h[..6].iter().map(|b| format!("{b:02x}")).collect()
}
