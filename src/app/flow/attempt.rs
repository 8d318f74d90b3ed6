//! The attempt's life in the app: start (a chosen scenario, again, resumed), a gesture,
//! pause and quit, abandon, the debrief of a finished one, the OTDR's recette saved.

use super::*;

/// Whether an attempt's seed may be written in the files left on the seat: not an
/// assessment attempt's, whose seed is its answer key (nor where the store does not say).
fn seed_may_be_shown(records: &Records, attempt: i64) -> bool {
    records
        .with(|db| db.extra(attempt).map(|x| x.assignment_id.is_none()))
        .and_then(|r| r.ok())
        .unwrap_or(false)
}

pub(super) fn save_recette(f: &mut Flow) {
    let Flow {
        settings,
        records,
        current,
        notice,
        ..
    } = f;
    let Some(live) = current.live.as_ref() else {
        return;
    };
    let ex = &live.session.exercise;
    let Some(st) = ex.state.otdr() else {
        return;
    };
    let attempt = live.session.attempt;
    let seed_shown = seed_may_be_shown(records, attempt);
    // A job's fibres each have their recette, in a folder of their own.
    let fibre = ex
        .state
        .job()
        .and_then(crate::exercise::job::JobState::test_stage)
        .map(|t| format!("-fibre-{}", t.current + 1))
        .unwrap_or_default();
    let dir = crate::records::default_db_path()
        .with_file_name("recettes")
        .join(format!("{}-{attempt}{fibre}", ex.scenario.id));
    notice.0 = Some(
        match crate::cli::otdr::save_recette(
            &dir,
            settings.lang,
            &ex.scenario,
            st,
            ex.seed,
            seed_shown,
            attempt,
        ) {
            Ok(files) => Msg::new("app-otdr-recette-saved")
                .int("n", files.len() as u32)
                .text("dir", dir.display().to_string()),
            Err(m) => m,
        },
    );
}

/// A job's dossier, handed in from its debrief: into the data folder, beside the
/// recettes, a folder per attempt.
pub(super) fn hand_in_dossier(f: &mut Flow) {
    let Flow {
        settings,
        records,
        current,
        notice,
        ..
    } = f;
    let Some(live) = current.live.as_ref() else {
        return;
    };
    let ex = &live.session.exercise;
    let Some(job) = ex.state.job() else {
        return;
    };
    let attempt = live.session.attempt;
    let seed_shown = seed_may_be_shown(records, attempt);
    let dir = crate::records::default_db_path()
        .with_file_name("dossiers")
        .join(format!("{}-{attempt}", ex.scenario.id));
    let played = crate::cli::dossier::Played {
        lang: settings.lang,
        scenario: &ex.scenario,
        job,
        seed: ex.seed,
        seed_shown,
        attempt,
        at_ms: std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis() as i64)
            .unwrap_or(0),
    };
    notice.0 = Some(
        match crate::cli::dossier::job_dossier(&played)
            .and_then(|files| crate::cli::dossier::write(&dir, &files))
        {
            Ok(files) => Msg::new("dossier-written")
                .int("n", files.len() as u32)
                .text("dir", dir.display().to_string()),
            Err(m) => m,
        },
    );
}

pub(super) fn review(f: &mut Flow, id: i64) {
    let Flow {
        settings,
        records,
        chosen,
        current,
        notice,
        next,
        ..
    } = f;
    match records.with(|db| db.review(id)) {
        Some(Ok((session, report))) => {
            let offset = session.exercise.elapsed_ms();
            let number = number_of(records, session.attempt);
            chosen.id = Some(session.loaded.scenario.id.clone());
            chosen.seed = session.exercise.seed;
            let attempt = session.attempt;
            let (start, now) = assessment_start(records, attempt);
            let mut live = Live::new(session, offset, Vec::new(), number).timed_from(start, now);
            live.report = Some(report);
            // A trainer sees everything; a trainee what the policy gives now.
            if settings.trainer.is_none() {
                live.feedback = feedback_view(records, attempt);
            }
            current.live = Some(live);
            notice.0 = None;
            next.set(Screen::Debrief);
        }
        Some(Err(e)) => notice.0 = Some(e.msg()),
        None => {}
    }
}

pub(super) fn start_chosen(f: &mut Flow, seed: Option<u64>) {
    let Flow {
        settings,
        catalogue,
        records,
        chosen,
        current,
        notice,
        next,
        ..
    } = f;
    let Some(loaded) = chosen.id.as_deref().and_then(|id| catalogue.find(id)) else {
        return;
    };
    let seed = seed.unwrap_or(chosen.seed);
    chosen.seed = seed;
    notice.0 = start(records, settings, current, loaded, seed);
    next.set(Screen::Exercise);
}

pub(super) fn retry(f: &mut Flow, same_seed: bool) {
    let Flow {
        settings,
        catalogue,
        records,
        chosen,
        current,
        notice,
        next,
        ..
    } = f;
    let Some(live) = current.live.as_ref() else {
        return;
    };
    let id = live.session.loaded.scenario.id.clone();
    let seed = if same_seed {
        live.session.exercise.seed
    } else {
        fresh_seed()
    };
    chosen.seed = seed;
    // Prefer the catalogue's current version of the file (it may have been
    // edited); fall back to the text the attempt was played with.
    let loaded = catalogue
        .find(&id)
        .cloned()
        .unwrap_or_else(|| live.session.loaded.clone());
    notice.0 = start(records, settings, current, &loaded, seed);
    next.set(Screen::Exercise);
}

pub(super) fn resume(f: &mut Flow, id: i64) {
    let Flow {
        records,
        chosen,
        current,
        notice,
        next,
        ..
    } = f;
    let resumed = records.with(|db| db.resume(id));
    match resumed {
        Some(Ok(session)) => {
            let offset = session.exercise.elapsed_ms();
            let number = number_of(records, session.attempt);
            chosen.id = Some(session.loaded.scenario.id.clone());
            chosen.seed = session.exercise.seed;
            let log = vec![LogLine {
                msg: Msg::new("app-resumed"),
                refused: false,
            }];
            let view = feedback_view(records, session.attempt);
            let (start, now) = assessment_start(records, session.attempt);
            let mut live = Live::new(session, offset, log, number).timed_from(start, now);
            live.feedback = view;
            current.live = Some(live);
            next.set(Screen::Exercise);
        }
        Some(Err(e)) => notice.0 = Some(e.msg()),
        None => {}
    }
}

pub(super) fn quit(f: &mut Flow) {
    let Flow {
        settings,
        current,
        notice,
        next,
        ..
    } = f;
    // The attempt stays open, as after a crash: its log is already stored. An
    // assessment item is resumed from the trainee's assessments, where it was
    // started; anything else from the home screen.
    let mut back = Screen::Home;
    if let Some(live) = current.live.take() {
        notice.0 = Some(
            if live.session.attempt > 0 || live.session.remote.is_some() {
                Msg::new("app-quit-kept")
            } else {
                Msg::new("app-quit-unrecorded")
            },
        );
        if live.store_start.is_some() && settings.identity.is_some() {
            back = Screen::Assessments;
        }
    }
    next.set(back);
}

pub(super) fn act(f: &mut Flow, action: Action, at_ms: Option<u64>) {
    let Flow {
        records,
        current,
        next,
        notice,
        ..
    } = f;
    let Some(live) = current.live.as_mut() else {
        return;
    };
    if live.report.is_some() || live.record_error.is_some() || live.paused.is_some() {
        return;
    }
    let at = at_ms.unwrap_or_else(|| live.now_ms());
    // A scripted step ahead of the clock (a replayed log, for a screenshot)
    // moves the clock on to it: what the trainee does next comes after.
    if let Some(ahead) = at.checked_sub(live.now_ms()) {
        live.clock_offset_ms += ahead;
    }
    let recorded = live.session.attempt > 0 || live.session.remote.is_some();
    let result = match records
        .db
        .as_ref()
        .and_then(|m| m.lock().ok())
        .filter(|_| recorded)
    {
        Some(db) => live.session.act(&db, at, action),
        // No database, or it refused the attempt: play on, unrecorded (the
        // screen says why).
        None => Ok(match live.session.exercise.apply(at, action) {
            Ok(o) => Acted::Accepted(o),
            Err(r) => Acted::Refused(r),
        }),
    };
    match result {
        Ok(Acted::Accepted(outcome)) => {
            live.log.extend(outcome.msgs.into_iter().map(|msg| LogLine {
                msg,
                refused: false,
            }));
        }
        Ok(Acted::Refused(r)) => live.log.push(LogLine {
            msg: r.reason,
            refused: true,
        }),
        Err(e) => live.record_error = Some(e.msg()),
    }
    if live.session.exercise.is_finished() {
        live.report = Some(live.session.report());
        if live.session.attempt > 0 {
            live.feedback = feedback_view(records, live.session.attempt);
        }
        // The debrief shows what its own buttons did, not what the bench said last.
        notice.0 = None;
        next.set(Screen::Debrief);
    }
}
