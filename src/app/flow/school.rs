//! The school's side of the app: "Je suis…" (from the school's list or a room's seat),
//! an assessment's briefing and start, the trainer's login and decision.

use super::*;

pub(super) fn seat_identify(f: &mut Flow, trainee: String, name: String, pin: String) {
    let Flow {
        settings,
        records,
        notice,
        next,
        seat,
        ..
    } = f;
    match seat::identify(records, &trainee, &name, &pin) {
        Ok((login, me)) => {
            settings.trainee = name;
            settings.identity = Some(me);
            seat.0 = Some(login);
            notice.0 = None;
            next.set(Screen::Assessments);
        }
        Err(m) => notice.0 = Some(m),
    }
}

pub(super) fn seat_brief(f: &mut Flow, uuid: String) {
    let Flow {
        catalogue,
        chosen,
        notice,
        next,
        seat,
        ..
    } = f;
    match seat::brief(seat, catalogue, &uuid) {
        Ok(b) => {
            chosen.id = Some(b.loaded.scenario.id.clone());
            chosen.assignment = Some(b);
            notice.0 = None;
            next.set(Screen::Briefing);
        }
        Err(m) => notice.0 = Some(m),
    }
}

pub(super) fn seat_start(f: &mut Flow, uuid: String) {
    let Flow {
        records,
        chosen,
        current,
        notice,
        next,
        seat,
        ..
    } = f;
    match seat::start(records, seat, &uuid) {
        Ok(live) => {
            chosen.id = Some(live.session.loaded.scenario.id.clone());
            chosen.seed = live.session.exercise.seed;
            current.live = Some(live);
            notice.0 = None;
            next.set(Screen::Exercise);
        }
        Err(m) => notice.0 = Some(m),
    }
}

pub(super) fn identify(f: &mut Flow, trainee: i64, pin: String) {
    let Flow {
        settings,
        records,
        notice,
        next,
        ..
    } = f;
    let found = records.with(|db| {
        let t = db.trainee_by_id(trainee).ok().flatten()?;
        let pin = Some(pin.as_str()).filter(|p| !p.is_empty());
        Some((db.trainee_login(&t, pin), t))
    });
    match found.flatten() {
        Some((Ok(PinCheck::Open(_)), t)) => {
            settings.trainee = t.name.clone().unwrap_or_else(|| t.uuid.clone());
            settings.identity = Some(t);
            notice.0 = None;
            next.set(Screen::Assessments);
        }
        Some((check, _)) => notice.0 = Some(pin_refused(check)),
        None => {}
    }
}

pub(super) fn identify_by_name(f: &mut Flow, name: String) {
    let Flow {
        settings,
        records,
        next,
        ..
    } = f;
    let t = records.with(|db| {
        let t = db.trainee(&name).ok()?;
        matches!(db.trainee_login(&t, None), Ok(PinCheck::Open(_))).then_some(t)
    });
    if let Some(t) = t.flatten() {
        settings.trainee = t.name.clone().unwrap_or_default();
        settings.identity = Some(t);
        next.set(Screen::Assessments);
    }
}

pub(super) fn trainer_login(f: &mut Flow, pin: String) {
    let Flow {
        settings,
        records,
        notice,
        next,
        ..
    } = f;
    match records.with(|db| db.trainer_login(&pin)) {
        Some(Ok(PinCheck::Open(Some(t)))) => {
            settings.trainer = Some(t);
            notice.0 = None;
            next.set(Screen::Trainer);
        }
        Some(check) => notice.0 = Some(pin_refused(check)),
        None => notice.0 = records.error.clone(),
    }
}

pub(super) fn decide(
    f: &mut Flow,
    attempt: i64,
    decision: crate::records::school::Decision,
    comment: String,
) {
    let Flow {
        settings,
        records,
        notice,
        ..
    } = f;
    let Some((who, _)) = settings.trainer.clone() else {
        return;
    };
    let done = records
        .db
        .as_ref()
        .and_then(|m| m.lock().ok())
        .map(|mut db| {
            db.set_actor(&format!("trainer:{who}"));
            let comment = Some(comment.trim()).filter(|c| !c.is_empty());
            db.add_review(attempt, decision, comment)
        });
    notice.0 = match done {
        Some(Ok(())) => Some(Msg::new("app-decision-saved").int("id", attempt)),
        Some(Err(e)) => Some(e.msg()),
        None => records.error.clone(),
    };
}

pub(super) fn brief(f: &mut Flow, by_id: Option<i64>, by_scenario: Option<String>) {
    let Flow {
        settings,
        records,
        dir,
        chosen,
        notice,
        next,
        ..
    } = f;
    let Some(me) = settings.identity.clone() else {
        return;
    };
    let dir = dir
        .as_ref()
        .map(|d| d.0.clone())
        .unwrap_or_else(crate::scenario::load::default_scenarios_dir);
    let briefed = records.with(|db| {
        let (a, g) = db
            .assignments_of(&me)
            .map_err(|e| e.msg())?
            .into_iter()
            .find(|(_, g)| {
                by_id == Some(g.id) || by_scenario.as_deref() == Some(g.scenario_id.as_str())
            })
            .ok_or_else(|| Msg::new("assess-not-assigned"))?;
        let loaded = db.assignment_scenario(&g, &dir).map_err(|e| e.msg())?;
        Ok::<_, Msg>(Briefed {
            assignment: g.id,
            assessment: a.title.clone(),
            limit_ms: Briefed::limit_ms(a.time_limit_s, g.extra_time_s),
            extra_ms: (g.extra_time_s.max(0) as u64) * 1000,
            attempt: g.attempts_used + 1,
            allowed: a.attempts_allowed,
            loaded,
            seat: None,
        })
    });
    match briefed {
        Some(Ok(b)) => {
            chosen.id = Some(b.loaded.scenario.id.clone());
            chosen.assignment = Some(b);
            notice.0 = None;
            next.set(Screen::Briefing);
        }
        Some(Err(m)) => notice.0 = Some(m),
        None => notice.0 = records.error.clone(),
    }
}

pub(super) fn start_assignment(f: &mut Flow, id: i64) {
    let Flow {
        settings,
        records,
        dir,
        chosen,
        current,
        notice,
        next,
        ..
    } = f;
    let Some(me) = settings.identity.clone() else {
        return;
    };
    let dir = dir
        .as_ref()
        .map(|d| d.0.clone())
        .unwrap_or_else(crate::scenario::load::default_scenarios_dir);
    let started = records.with(|db| {
        let (a, g) = db
            .assignments_of(&me)
            .map_err(|e| e.msg())?
            .into_iter()
            .find(|(_, g)| g.id == id)
            .ok_or_else(|| Msg::new("assess-not-assigned"))?;
        let session = db.start_assignment(&g, &dir).map_err(|e| e.msg())?;
        Ok::<_, Msg>((a, session))
    });
    match started {
        Some(Ok((a, session))) => {
            let number = number_of(records, session.attempt);
            chosen.id = Some(session.loaded.scenario.id.clone());
            chosen.seed = session.exercise.seed;
            let (start, now) = assessment_start(records, session.attempt);
            let mut live = Live::new(session, 0, Vec::new(), number).timed_from(start, now);
            if !a.feedback_shown(records.with(|db| db.now()).unwrap_or(0)) {
                live.feedback = crate::records::assess::FeedbackView::Hidden;
            }
            current.live = Some(live);
            notice.0 = None;
            next.set(Screen::Exercise);
        }
        Some(Err(m)) => notice.0 = Some(m),
        None => {}
    }
}
