//! The shipped scripts of the jobs written by the technician's routine (`hand.rs`):
//! ignored tests, run by hand with `cargo test --test job_chain -- --ignored` after a
//! change to the physics or the draws.

use super::*;

#[test]
#[ignore = "writes tests/scripts/job-closure-12-fibres-practice.*.ron"]
fn write_job_scripts() {
    let dir = root().join("tests/scripts");
    let clean = play_job(SEED, None, false);
    let text = to_script(
        &clean,
        "Seed 1, written by tests/job_chain/writers.rs (write_job_scripts): the 12 pairs spliced with\n\
         care (re-cleaved when the splicer stops, redone over 0.10 dB), then each fibre tested\n\
         at 1310 and 1550 nm and reported from the 1550 nm trace.",
        true,
        &[],
    );
    std::fs::write(dir.join("job-closure-12-fibres-practice.clean.ron"), text).expect("write");
    let poor = play_job(POOR_SEED, Some(3), true);
    let text = to_script(
        &poor,
        "Seed 28, written by tests/job_chain/writers.rs (write_job_scripts): fibre 3 (green) stripped\n\
         without cleaning, cleaved at 26 mm and fused through the splicer's stop; a hurried\n\
         test at 1550 nm only with \"pass\" written everywhere.",
        false,
        &["loss", "recleave", "measured", "verdicts", "accepted"],
    );
    std::fs::write(
        dir.join("job-closure-12-fibres-practice.mistakes.ron"),
        text,
    )
    .expect("write");
    let clean = play_drop(false);
    let text = to_script(
        &clean,
        "Seed 1, written by tests/job_chain/writers.rs (write_job_scripts): both ends stripped 30 mm,\n\
         cleaned, cleaved at the element's 12 mm, pushed in, the element closed and stored;\n\
         the repaired fibre tested at 1310 and 1550 nm.",
        true,
        &[],
    );
    std::fs::write(dir.join("job-drop-mechanical-practice.clean.ron"), text).expect("write");
    let careless = play_drop(true);
    let text = to_script(
        &careless,
        "Seed 1, written by tests/job_chain/writers.rs (write_job_scripts): the left end not cleaned\n\
         and cleaved 3 mm short of the element's gauge; a hurried test at 1550 nm only with\n\
         \"pass\" written everywhere.",
        false,
        &DROP_MISTAKES,
    );
    std::fs::write(dir.join("job-drop-mechanical-practice.mistakes.ron"), text).expect("write");
}

#[test]
#[ignore = "writes tests/scripts/splice-bad-cleaver-practice.*.ron"]
fn write_bad_cleaver_scripts() {
    let dir = root().join("tests/scripts");
    let clean = play_bad_cleaver(false);
    let text = to_script(
        &clean,
        "Seed 1, written by tests/job_chain/writers.rs (write_bad_cleaver_scripts): each end the\n\
         splicer refuses (angle over 1°, defect) is taken out, stripped, cleaned and cleaved\n\
         again until the splicer accepts it.",
        true,
        &[],
    );
    std::fs::write(dir.join("splice-bad-cleaver-practice.clean.ron"), text).expect("write");
    let through = play_bad_cleaver(true);
    let report = grade(&through.ex);
    let unmet: Vec<&str> = report
        .criteria
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.id.as_str())
        .collect();
    let text = to_script(
        &through,
        "Seed 1, written by tests/job_chain/writers.rs (write_bad_cleaver_scripts): the same careful\n\
         preparation, but SET pressed again on every stop: the slanted ends are fused through.",
        false,
        &unmet,
    );
    std::fs::write(dir.join("splice-bad-cleaver-practice.mistakes.ron"), text).expect("write");
}

#[test]
#[ignore = "writes tests/scripts/job-mixed-fibres-gainer-practice.*.ron"]
fn write_mixed_scripts() {
    let dir = root().join("tests/scripts");
    let clean = play_mixed(false);
    let text = to_script(
        &clean,
        "Seed 1, written by tests/job_chain/writers.rs (write_mixed_scripts): the G.657 programme\n\
         chosen first, a clean splice, then the test from the street cabinet at 1310 and\n\
         1550 nm, the gainer at the splice reported as the instrument reads it.",
        true,
        &[],
    );
    std::fs::write(dir.join("job-mixed-fibres-gainer-practice.clean.ron"), text).expect("write");
    let hurried = play_mixed(true);
    let report = grade(&hurried.ex);
    let unmet: Vec<&str> = report
        .criteria
        .iter()
        .filter(|c| !c.met)
        .map(|c| c.id.as_str())
        .collect();
    let text = to_script(
        &hurried,
        "Seed 1, written by tests/job_chain/writers.rs (write_mixed_scripts): the splicer left on\n\
         the SM G.652 programme; a test at 1550 nm only with \"pass\" written everywhere.",
        false,
        &unmet,
    );
    std::fs::write(
        dir.join("job-mixed-fibres-gainer-practice.mistakes.ron"),
        text,
    )
    .expect("write");
}

#[test]
#[ignore = "writes tests/scripts/job-route-splice-test-practice.*.ron"]
fn write_routed_scripts() {
    let dir = root().join("tests/scripts");
    let clean = play_routed(false);
    let text = to_script(
        &clean,
        "Seed 1, written by tests/job_chain/writers.rs (write_routed_scripts): the winch at C1, the\n\
         cable fed at C3, lubricated, a 0.5 m guide where it turns in C2, a 1400 N swivel;\n\
         fibres 1 and 2 spliced in the closure, each tested at 1310 and 1550 nm.",
        true,
        &[],
    );
    std::fs::write(dir.join("job-route-splice-test-practice.clean.ron"), text).expect("write");
    let tight = play_routed(true);
    let text = to_script(
        &tight,
        "Seed 1, written by tests/job_chain/writers.rs (write_routed_scripts): as the clean run, but\n\
         no guide in C2: the cable turns on the duct's mouth and the bend shows on each\n\
         fibre's trace at 156 m, reported as it reads, failing acceptance.",
        false,
        &["bend", "accepted"],
    );
    std::fs::write(
        dir.join("job-route-splice-test-practice.mistakes.ron"),
        text,
    )
    .expect("write");
}
