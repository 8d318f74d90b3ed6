//! `play` and `resume`: a scenario played from an action list, graded, its report
//! printed (or given as JSON), the attempt stored.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use serde_json::{Value, json};

use crate::exercise::Exercise;
use crate::grading::GradeReport;
use crate::i18n::{Lang, Msg, printable};
use crate::records::{Acted, Db, RecordsError, Session, default_db_path};

use super::*;

#[allow(clippy::too_many_arguments)]
pub(super) fn play(
    lang: Lang,
    scenario: &str,
    seed: u64,
    actions: &Path,
    json: bool,
    db: Option<PathBuf>,
    trainee: Option<&str>,
    no_record: bool,
    pace_ms: u64,
    dossier: Option<&Path>,
) -> ExitCode {
    let loaded = match find_scenario(scenario, None) {
        Ok(l) => l,
        Err(ds) => {
            print_diagnostics(lang, &ds);
            return ExitCode::FAILURE;
        }
    };
    let Some(list) = read_actions(lang, actions) else {
        return ExitCode::FAILURE;
    };
    if let Some(id) = &list.scenario
        && *id != loaded.scenario.id
    {
        eprint_msg(
            lang,
            Msg::new("cli-script-other-scenario")
                .text("script", id.clone())
                .text("scenario", loaded.scenario.id.clone()),
        );
        return ExitCode::FAILURE;
    }
    let steps = list.timed();
    // An assessment's scenario: what the seed drew and the feedback are its answer key,
    // not printed for whoever runs `play`.
    let hidden = in_open_assessment(db.clone(), &loaded.scenario.id);
    if no_record {
        let mut ex = Exercise::generate(&loaded.scenario, seed);
        let mut refused = Vec::new();
        for (i, (at, a)) in steps.into_iter().enumerate() {
            if let Err(r) = ex.apply(at, a) {
                refused.push((i, r.reason));
            }
        }
        finish_if_needed(&mut ex, &mut refused);
        print_report(
            lang,
            &ex,
            &crate::grading::grade(&ex),
            &refused,
            json,
            hidden,
        );
        return match dossier {
            Some(dir) => hand_in(lang, &ex, 0, !hidden, dir),
            None => ExitCode::SUCCESS,
        };
    }
    let Some(db) = open_db(lang, db) else {
        return ExitCode::from(2);
    };
    // Once the school has its list, an attempt is someone's on it (who opens their
    // session: their PIN where they have one), or nobody's.
    let on_list = match trainee {
        Some(name) if db.has_roster().unwrap_or(false) => match db.trainee(name) {
            Ok(t) => {
                if let Err(code) = access::trainee_login(lang, &db, &t) {
                    return code;
                }
                Some(t)
            }
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::FAILURE;
            }
        },
        Some(_) | None => None,
    };
    let started = match &on_list {
        Some(t) => db.start_for(&loaded, seed, t, crate::records::Origin::Script),
        None => db.start(&loaded, seed, trainee.unwrap_or("script")),
    };
    let mut session = match started {
        Ok(s) => s,
        Err(e) => {
            eprint_msg(lang, e.msg());
            return ExitCode::from(2);
        }
    };
    let code = run_steps(lang, &db, &mut session, steps, json, pace_ms, hidden);
    match dossier {
        Some(dir) if code == ExitCode::SUCCESS => {
            hand_in(lang, &session.exercise, session.attempt, !hidden, dir)
        }
        Some(_) | None => code,
    }
}

/// Writes a played job's dossier into `dir` and says what was written; an exercise
/// that is no job, or a job with nothing to hand in yet, says so.
fn hand_in(lang: Lang, ex: &Exercise, attempt: i64, seed_shown: bool, dir: &Path) -> ExitCode {
    let Some(job) = ex.state.job() else {
        eprint_msg(lang, Msg::new("dossier-not-a-job"));
        return ExitCode::FAILURE;
    };
    let at_ms = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0);
    let played = super::dossier::Played {
        lang,
        scenario: &ex.scenario,
        job,
        seed: ex.seed,
        seed_shown,
        attempt,
        at_ms,
    };
    match super::dossier::job_dossier(&played).and_then(|f| super::dossier::write(dir, &f)) {
        Ok(files) => {
            eprint_msg(
                lang,
                Msg::new("dossier-written")
                    .int("n", files.len() as u32)
                    .text("dir", dir.display().to_string()),
            );
            ExitCode::SUCCESS
        }
        Err(m) => {
            eprint_msg(lang, m);
            ExitCode::FAILURE
        }
    }
}

/// Whether the store (when there is one) gives this scenario in an assessment not yet
/// closed.
pub(super) fn in_open_assessment(db: Option<PathBuf>, scenario_id: &str) -> bool {
    // The store named, the one FIBRELAB_DB names and the user's own: pointing `--db` or
    // the variable at an empty file does not lift it.
    let mut paths = vec![crate::records::platform_db_path(), default_db_path()];
    paths.extend(db);
    paths.iter().any(|path| {
        Db::open_read_only(path)
            .ok()
            .is_some_and(|db| db.in_open_assessment(scenario_id).unwrap_or(false))
    })
}

pub(super) fn finish_if_needed(ex: &mut Exercise, refused: &mut Vec<(usize, Msg)>) {
    if !ex.is_finished() {
        let at = ex.elapsed_ms();
        if let Err(r) = ex.apply(at, crate::exercise::Action::Finish) {
            refused.push((usize::MAX, r.reason));
        }
    }
}

pub(super) fn run_steps(
    lang: Lang,
    db: &Db,
    session: &mut Session,
    steps: Vec<(u64, crate::exercise::Action)>,
    json: bool,
    pace_ms: u64,
    hidden: bool,
) -> ExitCode {
    let mut refused = Vec::new();
    let n_steps = steps.len();
    for (i, (at, a)) in steps.into_iter().enumerate() {
        if pace_ms > 0 && i > 0 {
            std::thread::sleep(std::time::Duration::from_millis(pace_ms));
        }
        match session.act(db, at, a) {
            Ok(Acted::Accepted(_)) => {
                if pace_ms > 0 {
                    eprintln!(
                        "recorded {} {}",
                        session.attempt,
                        session.exercise.log.len()
                    );
                }
            }
            Ok(Acted::Refused(r)) => refused.push((i, r.reason)),
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::from(2);
            }
        }
    }
    if !session.exercise.is_finished() {
        let at = session.exercise.elapsed_ms();
        match session.act(db, at, crate::exercise::Action::Finish) {
            Ok(Acted::Refused(r)) => refused.push((n_steps, r.reason)),
            Err(e) => {
                eprint_msg(lang, e.msg());
                return ExitCode::from(2);
            }
            Ok(Acted::Accepted(_)) => {}
        }
    }
    eprint_msg(
        lang,
        Msg::new("cli-recorded")
            .int("id", session.attempt)
            .text("db", db.path.display().to_string()),
    );
    print_report(
        lang,
        &session.exercise,
        &session.report(),
        &refused,
        json,
        hidden,
    );
    ExitCode::SUCCESS
}

pub(super) fn resume(
    lang: Lang,
    attempt: i64,
    actions: &Path,
    json: bool,
    db: Option<PathBuf>,
) -> ExitCode {
    let Some(db) = open_db(lang, db) else {
        return ExitCode::from(2);
    };
    let Some(list) = read_actions(lang, actions) else {
        return ExitCode::FAILURE;
    };
    // An assessment's attempt is continued in the app only, never from a script.
    if db.extra(attempt).is_ok_and(|x| x.assignment_id.is_some()) {
        eprint_msg(lang, RecordsError::AssessmentOnly(attempt).msg());
        return ExitCode::FAILURE;
    }
    let mut session = match db.resume(attempt) {
        Ok(s) => s,
        // Stopped between its "finish" and its grade: graded now, and said as a success
        // (nothing was lost; the list's further actions come after its end).
        Err(RecordsError::Ended(id)) => {
            eprint_msg(lang, RecordsError::Ended(id).msg());
            return match db.review(id) {
                Ok((session, report)) => {
                    let hidden = db
                        .in_open_assessment(&session.loaded.scenario.id)
                        .unwrap_or(false);
                    print_report(lang, &session.exercise, &report, &[], json, hidden);
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprint_msg(lang, e.msg());
                    ExitCode::from(2)
                }
            };
        }
        Err(e) => {
            eprint_msg(lang, e.msg());
            return ExitCode::FAILURE;
        }
    };
    let hidden = db
        .in_open_assessment(&session.loaded.scenario.id)
        .unwrap_or(false);
    // Times in the list continue from the last recorded action.
    let offset = session.exercise.elapsed_ms();
    let steps = list
        .timed()
        .into_iter()
        .map(|(t, a)| (t.max(offset), a))
        .collect();
    run_steps(lang, &db, &mut session, steps, json, 0, hidden)
}

/// What people read of a criterion of the exercise's rubric: its title, found by id.
pub(super) fn criterion_title(ex: &Exercise, id: &str) -> Msg {
    ex.scenario
        .rubric
        .criteria
        .iter()
        .find(|c| c.id == id)
        .map(|c| c.check.title())
        .unwrap_or_else(|| crate::records::results::untitled(id))
}

/// The grade report as JSON (stable key order, no attempt number: the same seed and
/// actions give byte-identical output).
pub fn report_json(
    lang: Lang,
    ex: &Exercise,
    report: &GradeReport,
    refused: &[(usize, Msg)],
) -> Value {
    let criteria: Vec<Value> = report
        .criteria
        .iter()
        .map(|c| {
            let mut v = json!({
                "id": c.id,
                "points": c.points,
                "max_points": c.max_points,
                "met": c.met,
                "critical": c.critical,
                "feedback": c.feedback.render(lang),
                "feedback_key": c.feedback.key,
            });
            // A job's criterion not met names the defect an auditor files, if any.
            if let (Some(d), Some(map)) = (&c.defect, v.as_object_mut()) {
                map.insert(
                    "defect".into(),
                    json!({
                        "fault": d.fault,
                        "location": d.location,
                        "text": d.msg().render(lang),
                    }),
                );
            }
            v
        })
        .collect();
    let summary = ex.summary();
    let mut v = json!({
        "scenario": report.scenario_id,
        "seed": report.seed,
        "score": report.score,
        "pass_mark": report.pass_mark,
        "passed": report.passed,
        "finished": report.finished,
        "elapsed_s": report.elapsed_s,
        "critical_failed": report.critical_failed,
        "criteria": criteria,
        "stages": report.stages.iter().map(|s| json!({
            "stage": s.stage.code(),
            "points": s.points,
            "max_points": s.max_points,
            "all_met": s.all_met,
        })).collect::<Vec<_>>(),
        "drawn": summary.drawn,
        "refused": refused.iter().map(|(i, m)| json!({
            "step": if *i == usize::MAX { Value::Null } else { json!(i + 1) },
            "reason": m.render(lang),
        })).collect::<Vec<_>>(),
    });
    if let Some(map) = v.as_object_mut() {
        map.insert(summary.key.to_string(), summary.result);
    }
    v
}

pub(super) fn print_report(
    lang: Lang,
    ex: &Exercise,
    report: &GradeReport,
    refused: &[(usize, Msg)],
    json: bool,
    hidden: bool,
) {
    if hidden {
        eprint_msg(lang, Msg::new("cli-assessment-hidden"));
        let verdict = if report.passed {
            "cli-passed"
        } else {
            "cli-failed"
        };
        if json {
            let v = json!({
                "scenario": report.scenario_id,
                "score": report.score,
                "pass_mark": report.pass_mark,
                "passed": report.passed,
                "finished": report.finished,
                "hidden": true,
            });
            outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        } else {
            outln!(
                "{}",
                Msg::new("cli-score")
                    .num("score", report.score, 1)
                    .num("pass", report.pass_mark, 0)
                    .msg("verdict", Msg::new(verdict))
                    .render(lang)
            );
        }
        return;
    }
    if json {
        let v = report_json(lang, ex, report, refused);
        outln!("{}", serde_json::to_string_pretty(&v).unwrap_or_default());
        return;
    }
    outln!("{}", printable(ex.scenario.title.get(lang)));
    for (i, m) in refused {
        outln!(
            "  {}",
            Msg::new("cli-refused")
                .int("n", (*i + 1) as u32)
                .msg("reason", m.clone())
                .render(lang)
        );
    }
    let verdict = if report.passed {
        "cli-passed"
    } else {
        "cli-failed"
    };
    outln!(
        "{}",
        Msg::new("cli-score")
            .num("score", report.score, 1)
            .num("pass", report.pass_mark, 0)
            .msg("verdict", Msg::new(verdict))
            .render(lang)
    );
    for s in &report.stages {
        outln!(
            "  {} {:>5}/{:<5} {}",
            if s.all_met { "[ok]" } else { "[--]" },
            lang.num(s.points, 1),
            lang.num(s.max_points, 0),
            s.stage.name().render(lang)
        );
    }
    // Each criterion by its title, padded to the longest (a width counts characters).
    let titles: Vec<String> = report
        .criteria
        .iter()
        .map(|c| printable(&criterion_title(ex, &c.id).render(lang)).into_owned())
        .collect();
    let width = titles.iter().map(|t| t.chars().count()).max().unwrap_or(0);
    for (c, title) in report.criteria.iter().zip(&titles) {
        outln!(
            "  [{}] {title:width$} {:>5}/{:<5} {}",
            if c.met {
                "ok"
            } else if c.critical {
                "!!"
            } else {
                "--"
            },
            lang.num(c.points, 1),
            lang.num(c.max_points, 0),
            c.feedback.render(lang)
        );
        if let Some(d) = &c.defect {
            outln!("  {:pad$}{}", "", d.msg().render(lang), pad = width + 17);
        }
    }
}
