//! Grading of connecting and measuring: every face inspected and clean before it was
//! connected, judged as IEC 61300-3-35 has it, the damaged ones replaced; the budget; the
//! reference set as the method defines it and the loss read against the link's truth by
//! that method; the PON levels judged; the fault found with the red light.

use super::{not_reached, not_this_module, share};
use crate::exercise::connect::{ConnectState, Face, damaged, face_name, method_name};
use crate::i18n::Msg;
use crate::physics::olts::RefMethod;
use crate::scenario::{Check, ConnectCheck};

pub fn evaluate(check: &Check, st: &ConnectState) -> (f64, Msg) {
    let Check::Connect(c) = check else {
        return not_this_module();
    };
    match c {
        ConnectCheck::FacesInspected => inspected(st),
        ConnectCheck::ConnectedClean => connected_clean(st),
        ConnectCheck::FacesJudged => judged(st),
        ConnectCheck::DamagedReplaced => replaced(st),
        ConnectCheck::BudgetRight { tolerance_db } => budget(st, *tolerance_db),
        ConnectCheck::ReferenceRight => reference(st),
        ConnectCheck::LossMeasured { tolerance_db } => loss(st, *tolerance_db),
        ConnectCheck::LossVerdict => verdict(st),
        ConnectCheck::PonJudged => pon(st),
        ConnectCheck::FaultFound => fault(st),
        ConnectCheck::ReportRight => report(st),
        ConnectCheck::ConnectorFitted { max_loss_db } => fitted(st, *max_loss_db),
        ConnectCheck::FibreIdentified => identified(st),
    }
}

/// The connectors a check is about: the inspection task's, else the link's.
fn concerned(st: &ConnectState) -> Vec<usize> {
    let i = st.to_inspect();
    if i.is_empty() {
        st.link_connectors()
    } else {
        i
    }
}

fn id(st: &ConnectState, i: usize) -> String {
    st.setup.connectors[i].id.clone()
}

fn name(st: &ConnectState, i: usize) -> Msg {
    Msg::new("fb-connector-name").text("id", id(st, i))
}

fn face_of(st: &ConnectState, i: usize, face: Face) -> Msg {
    Msg::new("fb-face-name")
        .text("id", id(st, i))
        .msg("face", face_name(face))
}

/// A cord's plug, as feedback names it.
fn cord_face(id: &str) -> Msg {
    Msg::new("fb-face-name")
        .text("id", id.to_string())
        .msg("face", face_name(Face::Plug))
}

/// Whether nothing was connected yet: no mating on the connectors concerned, no cords
/// mated in a reference.
fn nothing_mated(st: &ConnectState, cs: &[usize]) -> bool {
    cs.iter().all(|&i| st.connectors[i].matings.is_empty())
        && st.cords.iter().all(|c| c.matings.is_empty())
}

/// Every mating, of a connector concerned or of two cords in a reference, with each of
/// its faces inspected since it last changed (inspect before you connect).
fn inspected(st: &ConnectState) -> (f64, Msg) {
    let cs = concerned(st);
    if nothing_mated(st, &cs) {
        return not_reached("what-connections");
    }
    let mut bad = Vec::new();
    let mut total = 0;
    for &i in &cs {
        for m in &st.connectors[i].matings {
            total += 1;
            let face = match (m.port_inspected, m.plug_inspected) {
                (true, true) => continue,
                (false, _) => Face::Port,
                (true, false) => Face::Plug,
            };
            bad.push((
                Msg::new("fb-not-inspected")
                    .text("id", id(st, i))
                    .msg("face", face_name(face)),
                face_of(st, i, face),
            ));
        }
    }
    for (k, c) in st.cords.iter().enumerate() {
        for m in &c.matings {
            total += 1;
            let cord = match (m.inspected, m.other_inspected) {
                (true, true) => continue,
                (false, _) => st.setup.cords[k].id.clone(),
                (true, false) => m.other.clone(),
            };
            bad.push((
                Msg::new("fb-not-inspected")
                    .text("id", cord.clone())
                    .msg("face", face_name(Face::Plug)),
                cord_face(&cord),
            ));
        }
    }
    share(total, bad, Msg::new("fb-inspected-ok"))
}

fn connected_clean(st: &ConnectState) -> (f64, Msg) {
    let cs = concerned(st);
    if nothing_mated(st, &cs) {
        return not_reached("what-connections");
    }
    let mut bad = Vec::new();
    let mut total = 0;
    for &i in &cs {
        for m in &st.connectors[i].matings {
            total += 1;
            let why = if m.mismatch {
                Msg::new("fb-mismatch").text("id", id(st, i))
            } else if !m.port_clean {
                Msg::new("fb-dirty-connected")
                    .text("id", id(st, i))
                    .msg("face", face_name(Face::Port))
            } else if !m.plug_clean {
                Msg::new("fb-dirty-connected")
                    .text("id", id(st, i))
                    .msg("face", face_name(Face::Plug))
            } else {
                continue;
            };
            bad.push((why, name(st, i)));
        }
    }
    for (k, c) in st.cords.iter().enumerate() {
        for m in &c.matings {
            total += 1;
            let cord = match (m.clean, m.other_clean) {
                (true, true) => continue,
                (false, _) => st.setup.cords[k].id.clone(),
                (true, false) => m.other.clone(),
            };
            bad.push((
                Msg::new("fb-dirty-connected")
                    .text("id", cord.clone())
                    .msg("face", face_name(Face::Plug)),
                cord_face(&cord),
            ));
        }
    }
    share(total, bad, Msg::new("fb-connected-clean-ok"))
}

fn judged(st: &ConnectState) -> (f64, Msg) {
    let cs = concerned(st);
    let mut faces = Vec::new();
    for &i in &cs {
        let c = &st.connectors[i];
        faces.push((i, Face::Port, &c.port));
        if let Some(p) = &c.plug {
            faces.push((i, Face::Plug, p));
        }
    }
    if faces.iter().all(|(_, _, f)| f.judged.is_none()) {
        return not_reached("what-judgements");
    }
    let total = faces.len();
    let mut bad = Vec::new();
    for (i, face, f) in faces {
        let why = match f.judged {
            None => Msg::new("fb-not-judged")
                .text("id", id(st, i))
                .msg("face", face_name(face)),
            Some((said, truth, at)) => {
                if f.cleaned_at.is_some_and(|c| c > at) {
                    Msg::new("fb-judged-before-clean")
                        .text("id", id(st, i))
                        .msg("face", face_name(face))
                } else if said != truth {
                    Msg::new(if truth {
                        "fb-judged-fail-but-passes"
                    } else {
                        "fb-judged-pass-but-fails"
                    })
                    .text("id", id(st, i))
                    .msg("face", face_name(face))
                } else {
                    continue;
                }
            }
        };
        bad.push((why, face_of(st, i, face)));
    }
    share(total, bad, Msg::new("fb-judged-ok"))
}

fn replaced(st: &ConnectState) -> (f64, Msg) {
    let cs = concerned(st);
    let mut bad = Vec::new();
    for &i in &cs {
        let c = &st.connectors[i];
        let polish = st.setup.connectors[i].kind.polish();
        let why = match c.replaced {
            Some(true) => continue,
            Some(false) => Msg::new("fb-replaced-good").text("id", id(st, i)),
            None => {
                let hurt = damaged(&c.port.marks, polish)
                    || c.plug.as_ref().is_some_and(|p| damaged(&p.marks, polish));
                if !hurt {
                    continue;
                }
                Msg::new("fb-damaged-left").text("id", id(st, i))
            }
        };
        bad.push((why, name(st, i)));
    }
    share(cs.len(), bad, Msg::new("fb-replaced-ok"))
}

/// The wavelengths a budget is asked at.
fn budget_wavelengths(st: &ConnectState) -> Vec<f64> {
    st.wavelengths()
        .into_iter()
        .filter(|nm| st.budget_at(*nm).is_some())
        .collect()
}

fn budget(st: &ConnectState, tol: f64) -> (f64, Msg) {
    let wls = budget_wavelengths(st);
    if st.budgets.is_empty() {
        return not_reached("what-budget");
    }
    let mut bad = Vec::new();
    for &nm in &wls {
        let right = st.budget_at(nm).unwrap_or(0.0);
        let entered = st.budgets.iter().find(|b| (b.0 - nm).abs() < 0.5);
        let why = match entered {
            None => Msg::new("fb-budget-missing").num("nm", nm, 0),
            Some(&(_, v)) if (v - right).abs() <= tol => continue,
            Some(&(_, v)) => Msg::new("fb-budget-off")
                .num("nm", nm, 0)
                .num("entered", v, 2)
                .num("right", right, 2)
                .num("tol", tol, 2),
        };
        bad.push((why, Msg::new("fb-wavelength").num("nm", nm, 0)));
    }
    share(wls.len(), bad, Msg::new("fb-budget-ok"))
}

/// Each of the task's wavelengths with the index of its last result, if any.
type Picks = Vec<(f64, Option<usize>)>;

/// The last result taken with the source at each of the task's wavelengths.
fn last_results(st: &ConnectState) -> Option<(RefMethod, Picks)> {
    let (method, wls, _) = st.measure_task()?;
    let picks = wls
        .iter()
        .map(|&nm| {
            (
                nm,
                st.results
                    .iter()
                    .rposition(|r| (r.source_nm - nm).abs() < 0.5),
            )
        })
        .collect();
    Some((method, picks))
}

fn reference(st: &ConnectState) -> (f64, Msg) {
    let Some((method, picks)) = last_results(st) else {
        return not_this_module();
    };
    if picks.iter().all(|(_, r)| r.is_none()) {
        return not_reached("what-measurements");
    }
    let mut bad = Vec::new();
    for &(nm, r) in &picks {
        let wl = Msg::new("fb-wavelength").num("nm", nm, 0);
        let Some(r) = r else {
            bad.push((Msg::new("fb-not-measured").num("nm", nm, 0), wl));
            continue;
        };
        let res = &st.results[r];
        let re = &st.references[res.reference];
        let why = if (res.meter_nm - res.source_nm).abs() >= 0.5 {
            Msg::new("fb-meter-wavelength")
                .num("meter", res.meter_nm, 0)
                .num("source", res.source_nm, 0)
        } else if (re.source_nm - re.meter_nm).abs() >= 0.5 {
            Msg::new("fb-reference-wavelength")
                .num("meter", re.meter_nm, 0)
                .num("source", re.source_nm, 0)
        } else if re.method != method {
            Msg::new("fb-reference-method")
                .msg("used", method_name(re.method))
                .msg("asked", method_name(method))
                .int("n", method.end_connections_included())
        } else if re.launch != res.launch
            || st
                .launch_coupled
                .iter()
                .any(|&(cord_at, _)| cord_at > re.at && cord_at < res.at)
        {
            Msg::new("fb-reference-stale").text("cord", res.launch.clone())
        } else if re.receive.as_ref().is_some_and(|rc| *rc != res.receive) {
            Msg::new("fb-reference-stale").text("cord", res.receive.clone())
        } else {
            continue;
        };
        bad.push((why, wl));
    }
    share(picks.len(), bad, Msg::new("fb-reference-ok"))
}

fn loss(st: &ConnectState, tol: f64) -> (f64, Msg) {
    let Some((method, picks)) = last_results(st) else {
        return not_this_module();
    };
    if picks.iter().all(|(_, r)| r.is_none()) {
        return not_reached("what-measurements");
    }
    let mut bad = Vec::new();
    for &(nm, r) in &picks {
        let wl = Msg::new("fb-wavelength").num("nm", nm, 0);
        let Some(r) = r else {
            bad.push((Msg::new("fb-not-measured").num("nm", nm, 0), wl));
            continue;
        };
        let res = &st.results[r];
        let why = match (res.loss_db, res.true_loss_db) {
            (Some(m), Some(t)) if (m - t).abs() <= tol => continue,
            (Some(m), Some(t)) => Msg::new(if m < 0.0 {
                "fb-loss-negative"
            } else {
                "fb-loss-off"
            })
            .num("nm", nm, 0)
            .num("read", m, 2)
            .num("right", t, 2)
            .num("tol", tol, 2)
            .msg("method", method_name(method)),
            (None, None) => continue,
            (Some(_), None) | (None, Some(_)) => Msg::new("fb-no-light").num("nm", nm, 0),
        };
        bad.push((why, wl));
    }
    share(picks.len(), bad, Msg::new("fb-loss-ok"))
}

/// Whether the link truly passes: every wavelength's loss by the method within the
/// limit (the task's, or the budget there). Also the worst wavelength's loss and limit.
pub fn link_passes(st: &ConnectState) -> Option<(bool, f64, f64, f64)> {
    let (method, wls, max) = st.measure_task()?;
    let mut worst: Option<(bool, f64, f64, f64)> = None;
    for nm in wls {
        let limit = max.or_else(|| st.budget_at(nm))?;
        let loss = st.true_loss_db(nm, method).unwrap_or(f64::INFINITY);
        let ok = loss <= limit;
        if worst.is_none_or(|w| w.0 && !ok || (w.0 == ok && loss - limit > w.2 - w.3)) {
            worst = Some((ok, nm, loss, limit));
        }
    }
    worst
}

fn verdict(st: &ConnectState) -> (f64, Msg) {
    let Some(said) = st.verdict else {
        return not_reached("what-verdict");
    };
    let Some((truth, nm, loss, limit)) = link_passes(st) else {
        return not_this_module();
    };
    let m = |k: &str| {
        Msg::new(k)
            .num("nm", nm, 0)
            .num("loss", loss.min(99.0), 2)
            .num("limit", limit, 2)
    };
    if said == truth {
        (1.0, m("fb-verdict-ok"))
    } else if truth {
        (0.0, m("fb-verdict-said-fail"))
    } else {
        (0.0, m("fb-verdict-said-pass"))
    }
}

fn pon(st: &ConnectState) -> (f64, Msg) {
    let Some(levels) = st.pon_task() else {
        return not_this_module();
    };
    if st.pon.is_empty() {
        return not_reached("what-pon");
    }
    let mut bad = Vec::new();
    for l in &levels {
        let nm = l.wavelength_nm;
        let wl = Msg::new("fb-wavelength").num("nm", nm, 0);
        let read = st.pon.iter().find(|p| (p.0 - nm).abs() < 0.5);
        let judged = st.pon_judged.iter().find(|p| (p.0 - nm).abs() < 0.5);
        let why = match (read, judged) {
            (None, _) => Msg::new("fb-pon-unread").num("nm", nm, 0),
            (Some(_), None) => Msg::new("fb-pon-unjudged").num("nm", nm, 0),
            (Some(_), Some(&(_, said, truth))) if said == truth => continue,
            (Some(&(_, dbm)), Some(_)) => Msg::new("fb-pon-wrong")
                .num("nm", nm, 0)
                .num("dbm", dbm.max(-99.0), 1)
                .num("lo", l.min_dbm, 0)
                .num("hi", l.max_dbm, 0),
        };
        bad.push((why, wl));
    }
    share(levels.len(), bad, Msg::new("fb-pon-ok"))
}

fn fault(st: &ConnectState) -> (f64, Msg) {
    let Some(said) = st.located else {
        return not_reached("what-fault");
    };
    let truth = st.true_fault();
    let place = |k: usize| {
        let t = st.piece_place(k);
        (t.fr, t.en)
    };
    if said == truth {
        return (
            1.0,
            match truth {
                Some(k) => {
                    let (fr, en) = place(k);
                    Msg::new("fb-fault-ok").words("place", &fr, &en)
                }
                None => Msg::new("fb-fault-none-ok"),
            },
        );
    }
    (
        0.0,
        match truth {
            Some(k) => {
                let (fr, en) = place(k);
                Msg::new("fb-fault-wrong").words("place", &fr, &en)
            }
            None => Msg::new("fb-fault-none-wrong"),
        },
    )
}

/// A reference as written on a work order: case, spaces and dashes aside.
fn same_ref(a: &str, b: &str) -> bool {
    let norm = |s: &str| {
        s.chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(char::to_uppercase)
            .collect::<String>()
    };
    norm(a) == norm(b)
}

/// How far the level written may be from the one the meter read, dB.
pub const REPORT_LEVEL_TOLERANCE_DB: f64 = 0.5;

fn report(st: &ConnectState) -> (f64, Msg) {
    let Some((line, pbo)) = st.report_task() else {
        return not_this_module();
    };
    let Some(r) = &st.report else {
        return not_reached("what-report");
    };
    let mut bad = Vec::new();
    if !same_ref(&r.line_id, &line) {
        bad.push((
            Msg::new("fb-report-line")
                .text("written", r.line_id.clone())
                .text("right", line),
            Msg::new("fb-report-line-name"),
        ));
    }
    if !same_ref(&r.pbo, &pbo) {
        bad.push((
            Msg::new("fb-report-pbo")
                .text("written", r.pbo.clone())
                .text("right", pbo),
            Msg::new("fb-report-pbo-name"),
        ));
    }
    // The level: the meter's last reading at the first PON wavelength (1490 nm).
    let read = st
        .pon_task()
        .and_then(|l| l.first().copied())
        .and_then(|l| st.pon.iter().find(|p| (p.0 - l.wavelength_nm).abs() < 0.5))
        .map(|p| p.1);
    match read {
        None => bad.push((
            Msg::new("fb-report-no-reading"),
            Msg::new("fb-report-level-name"),
        )),
        Some(v) if (v - r.level_dbm).abs() <= REPORT_LEVEL_TOLERANCE_DB => {}
        Some(v) => bad.push((
            Msg::new("fb-report-level")
                .num("written", r.level_dbm, 1)
                .num("read", v.max(-99.0), 1),
            Msg::new("fb-report-level-name"),
        )),
    }
    let works = st.line_works();
    if r.pass != works {
        bad.push((
            Msg::new(if works {
                "fb-report-said-fail"
            } else {
                "fb-report-said-pass"
            }),
            Msg::new("fb-report-verdict-name"),
        ));
    }
    share(4, bad, Msg::new("fb-report-ok"))
}

/// Each field connector crimped with its joint under the limit at 1550 nm; a joint over
/// it named by its cause (the cleave off the gauge, no bow, a dirty end).
fn fitted(st: &ConnectState, max: f64) -> (f64, Msg) {
    let tasks = st.field_tasks();
    if st.fitting.iter().all(|w| w.steps.is_empty()) {
        return not_reached("what-fitting");
    }
    let mut bad = Vec::new();
    for (k, (id, gauge, _)) in tasks.iter().enumerate() {
        let w = &st.fitting[k];
        let name = Msg::new("fb-connector-name").text("id", id.clone());
        let Some(j) = &w.joint else {
            bad.push((
                Msg::new("fb-field-not-crimped").text("id", id.clone()),
                name,
            ));
            continue;
        };
        let loss = j.loss_db(1550.0);
        if loss <= max {
            continue;
        }
        let off = w.cleave_mm.map_or(0.0, |c| c - gauge);
        let why = if off.abs() > 0.5 {
            Msg::new("fb-field-gauge")
                .num("mm", w.cleave_mm.unwrap_or(0.0), 1)
                .num("gauge", *gauge, 1)
        } else if w.bowed == Some(false) {
            Msg::new("fb-field-no-bow")
        } else if w.end.as_ref().is_some_and(|e| e.dirty) {
            Msg::new("fb-field-dirty")
        } else {
            Msg::new("fb-field-loss-other")
        };
        bad.push((
            Msg::new("fb-field-over")
                .text("id", id.clone())
                .num("db", loss, 2)
                .num("max", max, 2)
                .msg("why", why),
            name,
        ));
    }
    share(tasks.len(), bad, Msg::new("fb-field-ok"))
}

/// The fibre lit at end B picked out: looked at with the light on, and chosen right.
fn identified(st: &ConnectState) -> (f64, Msg) {
    let Some(chosen) = st.fibre_chosen else {
        return not_reached("what-identify");
    };
    if chosen == st.lit_fibre {
        (1.0, Msg::new("fb-identify-ok").int("n", chosen))
    } else {
        (
            0.0,
            Msg::new("fb-identify-wrong")
                .int("chosen", chosen)
                .int("lit", st.lit_fibre),
        )
    }
}
