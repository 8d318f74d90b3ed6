//! Golden values: a few outputs of the physics and the grading pinned to the bit, so that
//! a platform (or a dependency update) that computes them differently fails here rather
//! than in a school's `verify`. The maths goes through `fibrelab::math` (libm compiled
//! from source), so the same bits are expected on every operating system.
//!
//! These pins are not evidence that the physics is right (tests/otdr_physics.rs and
//! tests/splice_physics.rs check it against worked values); each is also checked against
//! a rough hand figure so that a pin never hides a wrong number. When the physics is
//! changed on purpose, update the pins in the same change and say why.

#[path = "common/paths.rs"]
mod paths;
use paths::root;

use fibrelab::exercise::script::ActionList;
use fibrelab::exercise::{Exercise, ModuleState};
use fibrelab::grading::grade;
use fibrelab::physics::splice::{N_FUSED, coupling_loss_db};
use fibrelab::scenario::load::load_file;

fn played(scenario: &str, script: &str, seed: u64) -> Exercise {
    let loaded = load_file(&root().join(scenario)).expect("scenario");
    let list = ActionList::parse(
        &std::fs::read(root().join("tests/scripts").join(script)).expect("script"),
        script,
    )
    .expect("script parses");
    let mut ex = Exercise::generate(&loaded.scenario, seed);
    for (at, a) in list.timed() {
        ex.apply(at, a).expect("the script's steps are accepted");
    }
    ex
}

fn bits(x: f64) -> String {
    format!("{x} (0x{:016x})", x.to_bits())
}

#[test]
fn a_gaussian_offset_loss() {
    // 4.343·(d/w)² for d = 1 µm, w = 4.6 µm: 0.2052 dB.
    let l = coupling_loss_db(4.6, 4.6, 1.0, 0.0, N_FUSED, 1310.0);
    assert!((l - 0.205_25).abs() < 1e-4, "{l}");
    assert_eq!(bits(l), "0.20524313889567689 (0x3fca45683ca4854b)");
}

#[test]
fn a_trace_level_and_an_analysed_event() {
    let ex = played(
        "scenarios/otdr/first-trace-practice.ron",
        "otdr-first-trace-practice.clean.ron",
        1,
    );
    let ModuleState::Otdr(st) = &ex.state else {
        panic!("an OTDR exercise")
    };
    let trace = st.trace(1, 1).expect("the 1550 nm trace");
    // Backscatter of G.652.D at 1550 nm for a 30 ns pulse: −81 + 10·log10(30) = −66.2 dB
    // round trip, −33.1 dB on the one-way scale; 1 km from the instrument (the 500 m
    // launch cable, connector A at 0.2–0.45 dB, 500 m of the link, 0.19 dB/km): about
    // −33.6 dB, within the noise.
    let i = (1000.0 / trace.dx_m) as usize;
    assert!(
        (-34.5..-33.0).contains(&trace.levels_db[i]),
        "{}",
        trace.levels_db[i]
    );
    // (Pinned again when the single-shot noise was calibrated to VIAVI's datasheet:
    // grading rules 6; and when the receiver got its response, texture and recovery:
    // grading rules 9.)
    assert_eq!(
        bits(trace.levels_db[i]),
        "-34.085401783058565 (0xc0410aee7214a0d9)"
    );
    assert_eq!(
        bits(trace.levels_db[i + 4000]),
        "-34.247033071039745 (0xc0411f9ec79892b5)"
    );
    // The splice at about 760 m, read by the instrument's analysis: about 0.1 dB.
    let a = &st.acquisitions[1].analysis;
    let e = a
        .events
        .iter()
        .find(|e| (e.distance_m - 759.8).abs() < 5.0)
        .expect("the splice");
    let loss = e.loss_db.expect("a measured loss");
    assert!((0.05..0.2).contains(&loss), "{loss}");
    assert_eq!(bits(loss), "0.11329069444352058 (0x3fbd009e73937800)");
}

#[test]
fn a_fusion_splice_and_a_job_grade() {
    let ex = played(
        "scenarios/job/closure-12-fibres-practice.ron",
        "job-closure-12-fibres-practice.mistakes.ron",
        28,
    );
    let ModuleState::Job(job) = &ex.state else {
        panic!("a job")
    };
    // Fibre 3's careless splice: a bubble of about 0.38 dB at 1550 nm.
    let record = job
        .splice_stage()
        .expect("a splicing stage")
        .splicer
        .records
        .iter()
        .filter(|r| r.standing())
        .find(|r| r.fibres[0].fibre == 3)
        .expect("fibre 3's splice");
    let loss = record.joint.true_loss_db(1550.0);
    assert!((0.3..0.5).contains(&loss), "{loss}");
    assert_eq!(bits(loss), "0.3819102098729342 (0x3fd87137855a6a7a)");
    let report = grade(&ex);
    assert!(!report.passed);
    // 72.8 = 82 − 9.2: under grading rules 1 the acceptance gave 11 of the 12 fibres'
    // share of its 10 points (9.2), 82 in all. The script measures at 1550 nm only, and
    // under rules 2 a job is not accepted on a report that lacks the 1310 nm
    // measurement asked for, so the acceptance gives nothing.
    assert_eq!(bits(report.score), "72.8 (0x4052333333333333)");
    let accepted = report
        .criteria
        .iter()
        .find(|c| c.id == "accepted")
        .expect("the job's acceptance");
    assert_eq!(bits(accepted.points), "0 (0x0000000000000000)");
    assert!(
        accepted
            .feedback
            .as_shown()
            .contains("lack=fb-job-report-not-measured(wl=1310,dir=dir-a-b())"),
        "{}",
        accepted.feedback.as_shown()
    );
    // Fibre 3's splice, over the limit, is named among the wrong verdicts.
    let verdicts = report
        .criteria
        .iter()
        .find(|c| c.id == "verdicts")
        .expect("the verdicts");
    assert!(
        verdicts
            .feedback
            .as_shown()
            .contains("fibre=colour-green-f(),n=3"),
        "{}",
        verdicts.feedback.as_shown()
    );
}
